/* config.h — publication targets, read from an INI file (publish.ini).
 *
 *     [site]
 *     type = dir
 *     path = /var/www/studio      ; relative paths: from the file's folder
 *
 * Each section is one target named after it.  Only the `dir` type exists
 * for now; the file's types and keys are checked strictly so that a typo
 * is an error naming file:line:key, never a silently ignored setting. */
#ifndef STUDIO_PUBLISH_CONFIG_H
#define STUDIO_PUBLISH_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

enum pub_type { PUB_TYPE_DIR };

struct pub_target {
	char *name;
	enum pub_type type;
	char *path;          /* dir: absolute folder that receives SLUG/ */
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

/* Resolves LIST ("site,movilab") into *OUT, a malloc'ed array of *N
 * borrowed pointers, in the order given and without repeats.  An empty or
 * unknown name is an error listing the known targets. */
int pub_config_select(const struct pub_config *c, const char *list,
		      const struct pub_target ***out, size_t *n);

const char *pub_type_name(enum pub_type type);

#endif
