/* page.h — the HTML5 page presenting a published session.
 *
 * The page sits beside the published files (it links them by their path
 * relative to the session, as the targets lay them out) and needs nothing
 * else: no external style, script or font.  All metadata goes through
 * st_escape_html(); the visible text is French, the Lab's site language. */
#ifndef STUDIO_PUBLISH_PAGE_H
#define STUDIO_PUBLISH_PAGE_H

#include "../job.h"

#include <stdint.h>

/* The whole index.html for JOB.  Malloc'ed. */
char *pub_page_render(const struct pub_job *job);

/* A size for people, in French decimal units: "532 octets", "12,3 Mo"
 * (the number and the unit joined by a no-break space).  Malloc'ed. */
char *pub_human_size(uint64_t bytes);

#endif
