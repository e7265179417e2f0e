/* site.h — the site around the session pages: SITE/index.html (the
 * sessions, newest first; index.c) and SITE/feed.xml (the podcast feed,
 * RSS 2.0 with the iTunes and Podcasting 2.0 namespaces; feed.c).
 *
 * Both are rendered from SITE/sessions.json, the site's catalogue:
 *     {"schema": "studio-site/1", "sessions": [ENTRY, ...],
 *      "slugs": {SLUG: {"session": ID, "title": TITLE}, ...}}
 * ENTRY is described in entry.h (made by entry.c; entries written by older
 * versions, with fewer fields, still render).
 * "slugs" is the registry of the folders sessions took (claim.h); ID is
 * session.json "id".  Publishing a session replaces its entry (by slug)
 * and keeps every other one, so the catalogue only grows by merges; the targets do that
 * read-modify-write under a lock (dir) or an If-Match precondition
 * (webdav), which is what keeps two concurrent publishers from losing each
 * other's session. */
#ifndef STUDIO_PUBLISH_SITE_H
#define STUDIO_PUBLISH_SITE_H

#include "../job.h"

#include <jansson.h>
#include <stdbool.h>

#define PUB_SITE_CATALOGUE "sessions.json"
#define PUB_SITE_INDEX "index.html"
#define PUB_SITE_FEED "feed.xml"

/* The catalogue entry of JOB (entry.h), from the files of JOB (a target's
 * view: what it publishes).  BASE is the absolute URL of the site's root,
 * ending in '/'.  New reference. */
json_t *pub_site_entry(const struct pub_job *job, const char *base);

/* Parses a catalogue (TEXT of LEN bytes; NULL for "none yet": an empty
 * one).  WHERE names it in the message printed on a malformed one.  New
 * reference, or NULL after one message. */
json_t *pub_site_parse(const char *text, size_t len, const char *where);

/* Replaces or adds ENTRY (by slug) in CATALOGUE, registers its slug, and
 * sorts the sessions newest first (by "date", then slug).  ENTRY is not
 * stolen.  Whether the slug is still the session's is the caller's check
 * (pub_claim_check()). */
void pub_site_merge(json_t *catalogue, json_t *entry);

/* The id of the session holding SLUG in CATALOGUE: the registry's, else
 * its entry's ("" for an entry without one, written by an older version),
 * NULL when neither names SLUG.  *TITLE its title, or NULL.  Borrowed. */
const char *pub_site_holder(const json_t *catalogue, const char *slug, const char **title);

/* Registers SLUG for the session ID (titled TITLE) unless it already is.
 * True when CATALOGUE changed. */
bool pub_site_register(json_t *catalogue, const char *slug, const char *id, const char *title);

/* The serialised catalogue, index.html and feed.xml.  BASE as above.
 * Malloc'ed. */
char *pub_site_dump(const json_t *catalogue);
char *pub_site_index(const json_t *catalogue);
char *pub_site_feed(const json_t *catalogue, const char *base);

/* Whether TEXT, a new rendering of the site's file NAME (PUB_SITE_*),
 * says what OLD (LEN bytes as stored, NULL when there is none) says, so
 * that a run with nothing new rewrites nothing and says "unchanged": the
 * same bytes, and for the feed the same but for <lastBuildDate>, which
 * RSS 2.0 defines as the last time the channel's content changed (it is
 * rendered as the time of the run). */
bool pub_site_same(const char *name, const char *old, size_t len, const char *text);

#endif
