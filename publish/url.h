/* url.h — URLs of published files. */
#ifndef STUDIO_PUBLISH_URL_H
#define STUDIO_PUBLISH_URL_H

/* PATH (UTF-8, '/'-separated) percent-encoded for use as a URL path:
 * everything but the unreserved characters of RFC 3986 and '/' becomes
 * %XX.  Malloc'ed. */
char *pub_url_path(const char *path);

/* "file://" URL of an absolute PATH.  Malloc'ed. */
char *pub_file_url(const char *path);

#endif
