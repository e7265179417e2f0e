/* session_records.h — typed access to the records of session.json:
 * "captures", "captions", "renditions", "publications" and publish's
 * "id" and "publish_slugs" (docs/session.md, "Fields").
 *
 * The programs read and write these arrays only through this file, so the
 * path policy (safefile.h) for the files the records name is applied in
 * one place:
 *   - a capture or caption read for encoding is checked in full (spelling,
 *     no link on the way, a regular file) and handed out as DIR/FILE;
 *   - a rendition read for publishing has its spelling checked here (the
 *     publisher opens it later, under the policy, and reads through that
 *     descriptor);
 *   - a capture or rendition written must name a path inside the session.
 * Strings marked "borrowed" live as long as the manifest ROOT they come
 * from.  Every refusal prints one message and returns an st_status. */
#ifndef STUDIO_SESSION_RECORDS_H
#define STUDIO_SESSION_RECORDS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- captures (written by capture, read by encode) ---- */

struct st_marker {
	double t;             /* seconds into the capture */
	const char *label;    /* borrowed; NULL when absent or not a string */
};

struct st_capture {
	char *path;                  /* DIR/FILE, checked under the path policy */
	struct st_marker *markers;   /* those with a number "t", in file order */
	size_t nmarkers;
};

/* How many captures ROOT records. */
size_t st_captures_count(const json_t *root);

/* Whether a capture of ROOT records FILE (compared as spelt). */
bool st_captures_has_file(const json_t *root, const char *file);

/* The last capture of ROOT (the latest take), its file checked in DIR.
 * ST_OK with c->path NULL when there is none or its "file" is missing or
 * empty; a file the path policy refuses: its message and status.  Release
 * with st_capture_free() whatever the result. */
int st_captures_last(const json_t *root, const char *dir, struct st_capture *c);
void st_capture_free(struct st_capture *c);

/* Appends CAPTURE (the array takes its own reference) to ROOT's
 * "captures", created when absent.  Its "file" must be a path inside the
 * session. */
int st_captures_append(json_t *root, json_t *capture);

/* ---- captions (written by a person, read by encode) ---- */

struct st_caption {
	const char *lang;     /* borrowed, not empty */
	char *path;           /* DIR/FILE, checked under the path policy */
};

/* The captions of ROOT in *V (malloc'ed, *N of them; elements without a
 * non-empty "lang" and "file" are skipped), each file checked in DIR in
 * order: the first the path policy refuses stops with its message.
 * Release with st_captions_free() whatever the result. */
int st_session_captions(const json_t *root, const char *dir, struct st_caption **v, size_t *n);
void st_captions_free(struct st_caption *v, size_t n);

/* ---- renditions (written by encode, read by publish) ---- */

struct st_rendition {
	const char *file;     /* borrowed; relative, inside the session (st_safe_relative) */
	const char *preset;   /* borrowed; "" when the record has none */
	char sha256[65];      /* lowercase hex */
	uint64_t bytes;
	double duration;      /* seconds, < 0 when unknown */
};

/* Every element of ROOT's "renditions" in *V (malloc'ed, *N of them; NULL
 * and 0 when there is none).  The first element with a file outside the
 * session, a "sha256" that is not 64 hex digits or a "bytes" that is not a
 * non-negative integer, or a file an earlier element names, is refused:
 * "DIR/session.json: invalid "renditions"[I]: why", ST_DATAERR. */
int st_session_renditions(const json_t *root, const char *dir, struct st_rendition **v,
			  size_t *n);

/* Replaces the record of ROOT's "renditions" that has the same "preset"
 * as ITEM (a sidecar, without one: the same "file"), or appends ITEM.
 * The array takes its own reference.  ITEM's "file" must be a path inside
 * the session. */
int st_renditions_put(json_t *root, json_t *item);

/* ---- publications (written and read by publish) ---- */

struct st_publication {
	const char *target, *type, *file, *url; /* type: "dir", "webdav", "mediawiki" */
	const char *sha256;
	uint64_t bytes;
	const char *etag;       /* NULL: none */
	const char *wiki_name;  /* NULL: none */
	const char *at;         /* ISO 8601 */
};

/* The record of (TARGET, FILE) in ROOT, or NULL.  Borrowed. */
const json_t *st_publication_find(const json_t *root, const char *target, const char *file);

/* The same, typed: false when there is none.  Members that are missing or
 * of another type are NULL (strings) or 0 (bytes): a record is a hint from
 * the past (is this file ours, unchanged?), never trusted to name a file. */
bool st_publication_get(const json_t *root, const char *target, const char *file,
			struct st_publication *p);

/* Puts P in place of the first record of the same (target, file) and drops
 * any later one, or appends it.  With KEEP_AT, a record already there with
 * the same sha256 keeps its "at" (an unchanged file keeps its first
 * publication time).  ST_OSERR when out of memory (no message). */
int st_publications_put(json_t *root, const struct st_publication *p, bool keep_at);

/* ---- publish's identity and slugs ---- */

/* ROOT's "id", or NULL when absent or empty.  Borrowed. */
const char *st_session_id(const json_t *root);
int st_session_set_id(json_t *root, const char *id);

/* ROOT's "publish_slugs"[TARGET], or NULL.  Borrowed; not validated. */
const char *st_session_slug(const json_t *root, const char *target);
int st_session_set_slug(json_t *root, const char *target, const char *slug);

#endif
