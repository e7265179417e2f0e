/* http.h — the one HTTP client of studio-publish, over libcurl.
 *
 * One easy handle per target, so connections, TLS sessions and cookies
 * (MediaWiki's login session) are reused.  Every request:
 *   - identifies itself (User-Agent "studio-publish/VERSION (CorsicaLab
 *     Studio; ...) libcurl/VERSION"), as the Wikimedia policy asks;
 *   - verifies TLS certificates, against the target's ca_file when set;
 *     `insecure = yes` turns that off and pub_http_open() warns about it
 *     (over http://, the same key is needed to send a password at all);
 *   - is retried at most T->retries times, with exponential backoff and
 *     jitter (0.5 s, 1 s, 2 s... capped at 30 s, each drawn in [50 %, 100 %]),
 *     on connection errors, timeouts, 5xx and 429, waiting at least what
 *     Retry-After asks (capped at 120 s).  401/403 and other 4xx are
 *     returned at once: retrying cannot fix them;
 *   - streams a file body from disk with a read callback, so memory does not
 *     grow with the file (pub_req.file).
 * Credentials go to libcurl with CURLOPT_USERNAME/PASSWORD and are never
 * printed. */
#ifndef STUDIO_PUBLISH_HTTP_H
#define STUDIO_PUBLISH_HTTP_H

#include "config.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pub_http {
	CURL *curl;
	const struct pub_target *t;
	char *password;      /* basic auth (webdav); NULL otherwise */
	unsigned seed;       /* jitter */
	bool cookies;        /* keep cookies between requests (set before the first) */
	bool cookies_on;
	uint64_t bytes_sent; /* request bodies, retries included (benchmarks) */
	char errbuf[CURL_ERROR_SIZE];
};

struct pub_req {
	const char *method;          /* "GET", "PUT", "MKCOL", "PROPFIND", ... */
	const char *url;
	const char *const *headers;  /* NULL-terminated "Name: value" lines, or NULL */
	const char *data;            /* in-memory body of LEN bytes, or NULL */
	size_t len;
	const char *file;            /* or a body streamed from FILE ... */
	uint64_t offset, length;     /* ... LENGTH bytes from OFFSET */
	/* or a multipart/form-data POST, built afresh for every attempt (a
	 * mime's read callbacks are consumed by the first one) */
	curl_mime *(*mime_build)(CURL *curl, void *ctx);
	void *mime_ctx;
	const char *label;           /* progress line label; NULL: no progress */
	/* Receives the response body instead of pub_resp.body (any size);
	 * returns false to abort.  Called again from the start on a retry,
	 * after SINK_RESET. */
	bool (*sink)(const char *data, size_t len, void *ctx);
	void (*sink_reset)(void *ctx);
	void *sink_ctx;
	/* Sees every byte of a file or memory body as it is given to libcurl,
	 * with its offset in the body (0 again on a retry or a rewind). */
	void (*tap)(const char *data, size_t len, uint64_t pos, void *ctx);
	void *tap_ctx;
};

struct pub_resp {
	long status;                 /* HTTP status of the last attempt */
	char *body;                  /* NUL-terminated, malloc'ed (capped at 16 MiB) */
	size_t len;
	char *etag;                  /* ETag header as sent (W/"..." kept), or NULL */
	char *lock_token;            /* Lock-Token header (WebDAV LOCK), or NULL */
	char *dav;                   /* DAV header (compliance classes, OPTIONS), or NULL */
	char *allow;                 /* Allow header (methods, OPTIONS), or NULL */
	int64_t content_length;      /* -1 when not sent */
	double seconds;              /* duration of the last attempt */
};

/* Opens the handle for T; with AUTH the target's password is read
 * (secret.h) and sent as HTTP basic authentication.  Prints one message
 * on failure. */
int pub_http_open(struct pub_http *h, const struct pub_target *t, bool auth);
void pub_http_close(struct pub_http *h);

/* Before a password is sent to T: over plain http:// it is refused (one
 * message, ST_CONFIG) unless T says `insecure = yes`, and then a warning
 * is printed on every run, as for TLS verification turned off.  Called by
 * pub_http_open() with AUTH; a target sending its password in a request
 * body (MediaWiki's login) calls it itself. */
int pub_http_check_cleartext(const struct pub_target *t);

/* Performs R with the retry policy above.  Returns ST_OK with RESP filled
 * whenever a response arrived that is not retryable (any 2xx, 3xx, 4xx but
 * 429) — the caller judges the status; returns ST_TEMPFAIL after one
 * message when the retries are exhausted, ST_NOINPUT when a body file
 * cannot be read.  pub_resp_free() RESP in every case. */
int pub_http_do(struct pub_http *h, const struct pub_req *r, struct pub_resp *resp);
void pub_resp_free(struct pub_resp *resp);

/* Forgets every cookie (a new login session starts from nothing). */
void pub_http_forget_cookies(struct pub_http *h);

/* Prints the message for an unexpected status of R (one line: method,
 * URL, status and the server's reason) and returns the st_status it maps
 * to: ST_CONFIG for 401/403 (credentials or rights), ST_UNAVAILABLE for
 * the rest. */
int pub_http_fail(const struct pub_req *r, const struct pub_resp *resp);

#endif
