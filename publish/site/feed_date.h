/* feed_date.h — the dates of an RSS feed (RFC 822, as RFC 2822 spells them). */
#ifndef STUDIO_PUBLISH_SITE_FEED_DATE_H
#define STUDIO_PUBLISH_SITE_FEED_DATE_H

#include <stdbool.h>
#include <time.h>

#define PUB_RFC822_MAX 40

/* ISO 8601 "2026-11-28T14:00:00+01:00" → "Sat, 28 Nov 2026 14:00:00 +0100":
 * the time and the zone as written (a fraction of a second dropped), "Z"
 * as +0000, a time without a zone as -0000 (RFC 2822: zone unknown), a
 * date alone as midnight -0000.  False, OUT "", when ISO does not start
 * with a valid date (and time, when a 'T' follows the date). */
bool pub_rfc822(const char *iso, char out[PUB_RFC822_MAX]);

/* T in UTC: "Thu, 03 Dec 2026 08:15:00 +0000". */
void pub_rfc822_utc(time_t t, char out[PUB_RFC822_MAX]);

#endif
