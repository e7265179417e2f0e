/* target_webdav.h — the `webdav` target: the Lab's website on a WebDAV
 * server (RFC 4918), laid out as the `dir` target lays out a folder:
 * URL/SLUG/<renditions>, URL/SLUG/index.html (with transcript.LANG.html
 * and chapters.json beside it, page.h), and the site's
 * URL/index.html, URL/feed.xml and URL/sessions.json (site.h).
 *
 * Every write is conditional, so nothing anyone else wrote is overwritten
 * unknowingly: a new file is PUT with If-None-Match: *, a known one with
 * If-Match: its current ETag.  A file already there is compared with the
 * rendition (size, then sha256 of its content when session.json has no
 * matching record): identical means nothing is sent; other content is
 * refused unless --force.  After each upload a PROPFIND must report the
 * size as getcontentlength (PUT responses carry no ETag, so the ETag
 * recorded is the PROPFIND's getetag).  Temporary files a killed run left
 * (".NAME.studio-part") are found with PROPFIND Depth: 1 and deleted. */
#ifndef STUDIO_PUBLISH_TARGET_WEBDAV_H
#define STUDIO_PUBLISH_TARGET_WEBDAV_H

#include "../config.h"
#include "../job.h"
#include "../record.h"

#include <stdbool.h>

int pub_webdav_publish(const struct pub_target *t, const struct pub_job *job, bool dry_run,
		       bool force, struct pub_outcome *out);

#endif
