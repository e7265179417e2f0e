/* config.h — publication targets, read from an INI file (publish.ini).
 *
 *     [site]
 *     type = dir
 *     path = /var/www/studio      ; relative paths: from the file's folder
 *
 *     [web]
 *     type = webdav
 *     url = https://lab.example/dav/studio/
 *     username = agent
 *     password_file = ~/.config/studio/web.password
 *
 *     [movilab]
 *     type = mediawiki
 *     api = https://movilab.org/api.php
 *     username = Agent@studio
 *     password_file = movilab.password
 *
 * Each section is one target named after it (docs/publish.md lists every
 * key).  Types and keys are checked strictly so that a typo is an error
 * naming file:line:key, never a silently ignored setting. */
#ifndef STUDIO_PUBLISH_CONFIG_H
#define STUDIO_PUBLISH_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define PUB_DEFAULT_CHUNK (4L << 20)
#define PUB_DEFAULT_RETRIES 4
#define PUB_DEFAULT_TIMEOUT 60

/* Every type has its row in pub_target_ops (target_ops.h). */
enum pub_type { PUB_TYPE_DIR, PUB_TYPE_WEBDAV, PUB_TYPE_MEDIAWIKI, PUB_TYPE_COUNT };

struct pub_target {
	char *name;
	enum pub_type type;
	char *path;          /* dir: absolute folder that receives SLUG/ */
	char *url;           /* webdav: collection URL, always ending in '/' */
	char *api;           /* mediawiki: api.php URL */
	char *base_url;      /* dir: public URL of path (feed links); NULL: file:// */
	char *username;
	char *password_file; /* absolute */
	char *ca_file;       /* absolute; NULL: the system's CAs */
	char *page;          /* mediawiki: documentation page pattern ({title}) */
	char *categories;    /* mediawiki: "A, B" */
	char *files;         /* comma-separated fnmatch patterns on the file
			      * path or the preset; NULL: every rendition */
	const char *config_file; /* borrowed from pub_config, for messages */
	long chunk_size;     /* mediawiki: bytes per chunk */
	long retries;        /* attempts after the first one */
	long timeout;        /* seconds without progress before giving up */
	bool insecure;       /* TLS verification off (warned on every run) */
	unsigned keys_set;   /* bitmap of the keys read, to refuse repeats */
	int line;            /* where the section's first key is, for messages */
	bool has_type;
};

/* Owns every string and target it holds. */
struct pub_config {
	char *file;          /* the file read, or NULL for the built-in default */
	struct pub_target *targets;
	size_t ntargets;
};

/* Reads FILE, or when FILE is NULL the default
 * $XDG_CONFIG_HOME/studio/publish.ini (~/.config/...), and when that does
 * not exist either, uses one built-in target `site` of type dir in
 * $XDG_DATA_HOME/studio/site (~/.local/share/...).  An explicit FILE that
 * is missing is an error.  Prints one message on failure. */
int pub_config_load(struct pub_config *c, const char *file);
void pub_config_free(struct pub_config *c);

/* The parsing and checks of pub_config_load() on the open stream F: FILE
 * names it in messages, relative paths are taken from BASE (an absolute
 * folder).  Neither the environment nor any file is read; passwords never
 * are here in any case (secret.h reads them when a target is used).  For
 * unit tests and fuzzing; call pub_config_free() whatever it returns. */
int pub_config_read(struct pub_config *c, const char *file, const char *base, FILE *f);

/* Resolves LIST ("site,movilab") into *OUT, a malloc'ed array of *N
 * borrowed pointers, in the order given and without repeats.  An empty or
 * unknown name is an error listing the known targets. */
int pub_config_select(const struct pub_config *c, const char *list,
		      const struct pub_target ***out, size_t *n);

const char *pub_type_name(enum pub_type type);

#endif
