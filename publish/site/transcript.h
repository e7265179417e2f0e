/* transcript.h — the transcripts of a session (RGAA 4.1): one per public
 * captions.LANG.vtt paired with the main medium, as a section of the page
 * and as a standalone page transcript.LANG.html beside it. */
#ifndef STUDIO_PUBLISH_TRANSCRIPT_H
#define STUDIO_PUBLISH_TRANSCRIPT_H

#include "model.h"

#include <stdio.h>

/* "Transcription en corse" (French, the site's language).  Malloc'ed. */
char *pub_transcript_heading(const struct pub_caption *c);

/* <section class="transcript" lang="LANG"> with its heading and one <p>
 * per cue, each starting with a seek link into the main medium. */
void pub_transcript_section(FILE *out, const struct pub_page_model *m,
			    const struct pub_caption *c);

/* The standalone transcript.LANG.html: title, the same cues, a link back
 * to the session page, the licence paragraph.  Malloc'ed. */
char *pub_transcript_page(const struct pub_page_model *m, const struct pub_caption *c);

#endif
