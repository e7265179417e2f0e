/* dav_multistatus.h — the 207 Multi-Status body of a WebDAV PROPFIND
 * (RFC 4918 §13, §14.16), read with expat's namespace-aware parser: any
 * prefix bound to "DAV:" is DAV (Apache writes lp1:getetag beside
 * D:href), and elements of other namespaces are ignored.
 *
 * For each <response>: its first <href> resolved against the request URL
 * (absolute URL, absolute path or relative reference) and percent-decoded
 * to a path; and from every <propstat> whose <status> is 2xx,
 * getcontentlength, getetag, whether resourcetype holds <collection>, and
 * the owner text and lock token of the first <activelock> of
 * lockdiscovery (RFC 4918 §15.8: an exclusive lock is the only one).
 * Properties in a 404 propstat stay unknown.  A DOCTYPE is refused (a
 * multistatus has none, and entities are how XML bombs are built). */
#ifndef STUDIO_PUBLISH_DAV_MULTISTATUS_H
#define STUDIO_PUBLISH_DAV_MULTISTATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dav_entry {
	char *path;        /* decoded path, e.g. "/dav/séance/.a b.mp4.studio-part" */
	int status;        /* the <response>'s own <status>, or 200 with propstats */
	bool collection;
	int64_t length;    /* getcontentlength, -1 unknown */
	char *etag;        /* getetag as sent (W/ kept), NULL unknown */
	char *lock_owner;  /* <owner>'s text, trimmed; NULL when none or not plain text */
	char *lock_token;  /* <locktoken><href>, e.g. "opaquelocktoken:…"; NULL when none */
};

struct dav_multistatus {
	struct dav_entry *e;
	size_t n;
};

/* Parses LEN bytes of BUF, the answer to a PROPFIND of BASE_URL.  On
 * success returns 0 and fills *OUT (dav_multistatus_free it); otherwise
 * returns -1 and *ERR is a malloc'ed reason (expat's text and line, or
 * what is missing), *OUT empty.  Responses whose href cannot be resolved
 * are skipped. */
int dav_multistatus_parse(const char *buf, size_t len, const char *base_url,
			  struct dav_multistatus *out, char **err);
void dav_multistatus_free(struct dav_multistatus *ms);

/* The entry whose path is PATH (decoded; a trailing '/' ignored), or NULL. */
const struct dav_entry *dav_multistatus_find(const struct dav_multistatus *ms, const char *path);

/* The decoded path of URL, or NULL when URL cannot be parsed.  Malloc'ed. */
char *dav_url_path(const char *url);

#endif
