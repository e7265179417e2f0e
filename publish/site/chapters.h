/* chapters.h — the session's chapters (the public chapters.vtt encode made
 * from the markers, paired with the main medium): a list of seek links on
 * the page, JSON-LD Clips and chapters.json. */
#ifndef STUDIO_PUBLISH_CHAPTERS_H
#define STUDIO_PUBLISH_CHAPTERS_H

#include "model.h"

#include <jansson.h>
#include <stdio.h>

#define PUB_CHAPTERS_JSON "chapters.json"

/* <nav class="chapters"> with a heading and one seek link per chapter;
 * nothing when M has no chapters. */
void pub_chapters_nav(FILE *out, const struct pub_page_model *m);

/* Podcasting 2.0 JSON chapters, version 1.2.0: {"version": "1.2.0",
 * "chapters": [{"startTime", "endTime", "title"}]}.  Malloc'ed; NULL when
 * M has no chapters. */
char *pub_chapters_json(const struct pub_page_model *m);

/* The JSON-LD "hasPart": one Clip per chapter (name, startOffset,
 * endOffset in seconds, url: the medium's URL with "#t=").  New
 * reference; NULL when M has no chapters. */
json_t *pub_chapters_clips(const struct pub_page_model *m);

#endif
