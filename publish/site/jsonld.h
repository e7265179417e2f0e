/* jsonld.h — the page's schema.org object: st_meta_jsonld()'s base
 * (name, description, languages, dates, people, licence, creditText) and
 * what only the page knows, checked against Google's VideoObject
 * documentation (docs/publish.md, "Structured data"). */
#ifndef STUDIO_PUBLISH_JSONLD_H
#define STUDIO_PUBLISH_JSONLD_H

#include "model.h"

#include <jansson.h>

/* VideoObject (AudioObject for a sound-only session) with thumbnailUrl,
 * uploadDate, duration, contentUrl, embedUrl, encodingFormat, caption,
 * transcript and hasPart added; URLs absolute when the target has a public
 * base URL.  NULL when M has no medium.  New reference. */
json_t *pub_page_jsonld(const struct pub_page_model *m);

/* SECONDS as an ISO 8601 duration: "PT1M3.5S", "PT2S".  Malloc'ed. */
char *pub_iso_duration(double seconds);

#endif
