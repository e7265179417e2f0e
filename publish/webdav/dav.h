/* dav.h — the WebDAV requests the webdav target is made of (RFC 4918),
 * shared by its parts: target_webdav.c (the run), dav_put.c (one file:
 * compare, transfer, verify), dav_staged.c (a rendition through a
 * temporary name), dav_leftovers.c (what a killed run left), dav_site.c
 * (the site files under a lock).  Each request prints its own message on
 * failure and returns an st_status. */
#ifndef STUDIO_PUBLISH_DAV_H
#define STUDIO_PUBLISH_DAV_H

#include "../config.h"
#include "dav_multistatus.h"
#include "../http.h"
#include "../job.h"
#include "../record.h"

#include <stdbool.h>
#include <stdint.h>

/* The suffix of a rendition's temporary name on the server. */
#define PUB_DAV_PART ".studio-part"

/* The site's mutex on a server without LOCK: a collection in the target's
 * folder (dav_mutex_take). */
#define PUB_DAV_SITE_MUTEX ".studio-site.lock/"

/* What the server supports (dav_probe.c), probed once per run or read
 * from session.json "publish_servers" when recorded for the same URL. */
struct dav_caps {
	bool known;           /* probed now or recorded (not in a dry run without record) */
	bool getetag;         /* PROPFIND gives getetag */
	bool if_move;         /* MOVE honours If: <dst> (["etag"]): 412 wrong, done right */
	bool lock;            /* LOCK granted and enforced (DELETE without token: 423) */
	bool lock_move;       /* MOVE onto a locked resource with If: <dst> (<token>) works */
	char *dav;            /* OPTIONS' DAV header ("1,2"), or NULL */
};

/* How a file that is there is replaced: a conditional MOVE (If header
 * with its ETag); under a LOCK of the destination, checked again once
 * locked; or after comparing it again right before, which cannot exclude
 * a writer in between (said in the summary). */
enum dav_mode { DAV_MODE_IF, DAV_MODE_LOCK, DAV_MODE_COMPARE };

struct dav {
	struct pub_http http;
	struct dav_caps caps;
	const struct pub_target *t;
	const struct pub_job *job;
	char *base;           /* URL of SLUG/, ending in '/' */
	char **cols;          /* collections below the target URL holding our files */
	size_t ncols;         /* ("slug", "slug/renditions"), filled by MKCOL */
	bool force;
	bool dry;             /* --dry-run: read the server, write nothing */
};

/* What a HEAD, GET or PROPFIND tells about a resource. */
struct remote {
	bool exists;
	int64_t size;         /* -1 unknown */
	char *etag;
	char *body;           /* GET only */
	size_t len;
};

void dav_remote_free(struct remote *r);
void dav_sleep_ms(long ms);

/* HEAD (or GET with BODY) of URL.  A weak ETag (W/"...") never matches a
 * strong If-Match, and Apache gives one during the second after a write:
 * with STRONG, wait for the strong one. */
int dav_head(struct dav *d, const char *url, bool body, bool strong, struct remote *out);

/* PROPFIND Depth: 0 of URL: its getcontentlength and getetag, the
 * resource's own (a HEAD's Content-Length is a header of one response,
 * which may be absent or describe an encoded variant).  A server that
 * does not give getcontentlength or getetag is asked with a HEAD instead. */
int dav_stat(struct dav *d, const char *url, struct remote *out);

/* PROPFIND of URL with DEPTH (0 or 1) asking for resourcetype,
 * getcontentlength, getetag and lockdiscovery.  ST_OK with *MS filled for a 207, and
 * empty (*MISSING set) for a 404; a body that is not a multistatus is an
 * error naming expat's reason. */
int dav_propfind(struct dav *d, const char *url, int depth, struct dav_multistatus *ms,
		 bool *missing);

/* MKCOL REL ("slug/renditions") under the target URL: 201 made, 405
 * already there; 409 is a configuration error (no parent). */
int dav_mkcol(struct dav *d, const char *rel);

/* sha256 of what the server holds at URL, streamed (memory stays flat). */
int dav_sha256(struct dav *d, const char *url, char hex[65]);

/* Whether URL holds exactly LEN bytes whose sha256 is SHA256 (*SAME):
 * size first (PROPFIND Depth: 0), then the content, streamed.  How a
 * request whose answer was lost is recognised as done: its retry got 404
 * (MOVE: the source is gone) or 412 (PUT If-None-Match: *) because the
 * first attempt did the work. */
int dav_holds(struct dav *d, const char *url, uint64_t len, const char *sha256, bool *same);

/* DELETE URL, warning (not failing) when the server refuses: the cleanup
 * of a temporary name. */
void dav_forget(struct dav *d, const char *url);

/* ETags compared the weak way (RFC 9110 8.8.3.2): W/ ignored. */
bool dav_etag_same(const char *a, const char *b);

/* What the final name held when it was judged; a replacement goes ahead
 * only while it still does. */
struct dav_was {
	bool exists;
	const char *etag;     /* NULL unknown */
	const char *sha256;   /* its content when known (hashed, or recorded for its ETag) */
	int64_t size;         /* -1 unknown */
};

/* dav_put.c: publishes one body at REL (relative to SLUG/), after
 * comparing it with what is there; GENERATED bodies (the page) are ours to
 * replace whatever is there.  FILE is streamed from disk, else DATA. */
struct dav_body {
	const char *file;
	const char *data;
	uint64_t len;
	const char *type;
	const char *label;
};
int dav_put_one(struct dav *d, const char *rel, const struct dav_body *b, const char *sha256,
		bool generated, struct pub_outcome *out);

/* dav_staged.c: a rendition's upload to URL (REL under SLUG/) through a
 * temporary name, verified, then moved into place with a condition: URL
 * must still hold WAS (dav_replace), or not exist when WAS->exists is
 * false.  *STATUS is 412 when that condition failed (the temporary file is
 * then removed). */
int dav_staged_put(struct dav *d, const char *url, const char *rel, const struct dav_body *b,
		   const char *sha256, const struct dav_was *was, long *status, double *seconds);

/* dav_probe.c: fills D->caps from session.json's record for this target
 * and URL, else probes the server on two scratch files in the target's
 * folder (removed afterwards) and records the result.  A dry run writes
 * nothing: without a record it only asks OPTIONS and takes an offered
 * LOCK at its word. */
int dav_caps_get(struct dav *d);

/* dav_access.c: the dry run's proof that the account may publish, without
 * writing: PROPFIND Depth: 0 of the session's folder (the target's when
 * the session's is not there yet, which must be), OPTIONS of it (a DAV
 * header), and a MKCOL of that existing folder, which a server answers
 * 405 for an account that may write and 401/403 for one that may not.
 * Prints the step (or collects it, plan.h); one message on failure,
 * ST_CONFIG for refused credentials or rights and a missing folder. */
int dav_check_access(struct dav *d);
void dav_caps_free(struct dav_caps *c);
enum dav_mode dav_mode(const struct dav_caps *c);

/* The summary's warning for a server without any guarantee against a
 * concurrent writer, or NULL.  Static (translated) text. */
const char *dav_caveat(const struct dav *d);

/* dav_replace.c: whether URL still holds what WAS describes (*SAME):
 * PROPFIND size and ETag, else the sha256 of a GET.  Nothing known to
 * compare (--force on a server without ETags) counts as the same. */
int dav_still(struct dav *d, const char *url, const struct dav_was *was, bool *same);

/* dav_replace.c: TMP (complete, verified, B's bytes) replaces URL, which
 * holds WAS, as D's server allows (enum dav_mode).  *STATUS is 412 when
 * URL no longer holds WAS. */
int dav_replace(struct dav *d, const char *tmp, const char *url, const struct dav_was *was,
		const struct dav_body *b, const char *sha256, long *status);

/* dav_staged.c: MOVE TMP onto URL, Overwrite: T or F, with the If header
 * COND (or none).  *STATUS is 412 when a condition failed.  A 404 is what
 * a retry gets when the answer to a MOVE that was done got lost (TMP is
 * gone): a success only when URL now holds B, the bytes of SHA256. */
int dav_move(struct dav *d, const char *tmp, const char *url, bool overwrite, const char *cond,
	     const struct dav_body *b, const char *sha256, long *status);

/* dav_leftovers.c: removes the temporary files (".NAME.studio-part") that
 * runs killed mid-upload left in D's collections. */
int dav_remove_leftovers(struct dav *d);

/* dav_lock.c: an exclusive write lock on URL, waited for (with backoff)
 * while another publisher holds it, for at most 150 s; it expires by
 * itself 120 s after it was taken.  A 423 may be our own lock, granted by
 * a LOCK whose answer was lost and which was sent again: the lock's owner,
 * unique to this run, tells (PROPFIND lockdiscovery), and then its token
 * is taken.  *TOKEN is the Lock-Token ("<opaquelocktoken:...>"),
 * malloc'ed. */
int dav_lock(struct dav *d, const char *url, char **token);

/* UNLOCK URL; a refusal is a warning (the lock expires by itself). */
void dav_unlock(struct dav *d, const char *url, const char *token);

/* One LOCK of URL, not waited for: *TOKEN malloc'ed when granted (or
 * when the 423 is our own lock, its answer lost), NULL when refused
 * (locked by another, or no LOCK on this server); 401/403 are errors. */
int dav_lock_once(struct dav *d, const char *url, char **token);

/* UNLOCK URL without a word: after a MOVE onto a locked resource, the
 * lock may have gone with the resource it replaced (RFC 4918 §7.6). */
void dav_unlock_quiet(struct dav *d, const char *url, const char *token);

#define DAV_LOCK_SECONDS 120  /* lifetime of the site lock if we die holding it */
#define DAV_LOCK_WAIT 150     /* seconds we wait for another publisher's lock */

/* The wait before poll N for a lock another publisher holds, in ms:
 * doubled from 200 ms up to 5 s, with jitter. */
long dav_poll_ms(int n);

/* A per-run lock owner, "studio-publish run " and 32 random hex digits
 * (XML-safe).  Malloc'ed. */
char *dav_lock_owner(void);

/* dav_mutex.c: on a server without LOCK, the site's mutex: the collection
 * URL made with MKCOL (atomic: 201 for one publisher, 405 for the others),
 * with an "owner" file inside saying until when it holds; waited for like
 * a lock, and broken when its holder is past that time or never wrote its
 * owner file (killed, or its MKCOL's answer lost).  Removed with
 * dav_mutex_drop. */
int dav_mutex_take(struct dav *d, const char *url);
void dav_mutex_drop(struct dav *d, const char *url);

/* dav_site.c: the site's catalogue, feed and index, under a lock.
 * dav_site_edit() runs EDIT on the catalogue under the lock, PUTs it back
 * when EDIT sets *WRITE, and with OUT renders feed.xml and index.html and
 * notes the three in OUT; a file the server already holds as rendered
 * (pub_site_same) is not sent again, and when none is, the run says
 * "unchanged".  dav_update_site() merges D's session entry that way.
 * dav_site_read() reads it without a lock (dry runs); a new reference in
 * *CAT. */
typedef int (*dav_site_edit_fn)(json_t *cat, void *ctx, bool *write);
int dav_site_edit(struct dav *d, dav_site_edit_fn edit, void *ctx, struct pub_outcome *out);
int dav_site_read(struct dav *d, json_t **cat);
int dav_update_site(struct dav *d, struct pub_outcome *out);

#endif
