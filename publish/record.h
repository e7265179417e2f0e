/* record.h — what a target did, and its trace in session.json
 * "publications". */
#ifndef STUDIO_PUBLISH_RECORD_H
#define STUDIO_PUBLISH_RECORD_H

#include "config.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One file now on a target. */
struct pub_done {
	char *file;          /* path relative to the session ("index.html" for the page) */
	char *url;           /* where the target serves it */
	char sha256[65];
	uint64_t bytes;
	char *etag;          /* webdav: the ETag the server gave it, or NULL */
	char *extra;         /* mediawiki: the wiki's file name, or NULL */
	bool unchanged;      /* it was already there, identical */
};

/* One of the site's files (sessions.json, feed.xml, index.html) after a
 * run of a website target: rewritten, or already saying the same. */
struct pub_site_file {
	char *url;           /* where the target serves it (a file: URL for dir) */
	bool unchanged;
};

/* Everything one target published; owns its strings. */
struct pub_outcome {
	char *page_path;     /* absolute path (or URL) of the page written */
	struct pub_site_file site[3];  /* dir, webdav: the site's files (--json "site") */
	size_t nsite;
	char *slug;          /* dir, webdav: the session's folder there (claim.h) */
	char *caveat;        /* what the target could not guarantee (--json "caveat"), or NULL */
	struct pub_done *done;
	size_t ndone;
};

/* Appends a record to O, taking ownership of FILE and URL.  Returns it,
 * so a target can set its ETAG/EXTRA (malloc'ed, owned by O too). */
struct pub_done *pub_outcome_add(struct pub_outcome *o, char *file, char *url,
				 const char sha256[65], uint64_t bytes, bool unchanged);
void pub_outcome_free(struct pub_outcome *o);

/* Notes one of the site's files in O (at most three), taking URL. */
void pub_outcome_site(struct pub_outcome *o, char *url, bool unchanged);

/* Records O in SESSION_DIR/session.json under "publications": one record
 * per (target, file) pair — an existing one is replaced in place, so
 * publishing again never duplicates records.  Records of unchanged files
 * keep their first "at" time.  {"target","type","file","url","sha256",
 * "bytes","at"}, plus "etag" (webdav) and "wiki_name" (mediawiki) when set. */
int pub_record(const char *session_dir, const struct pub_target *t, const struct pub_outcome *o);


#endif
