/* cues.h — the cues of a published WebVTT file (captions or chapters),
 * read with libavformat's WebVTT demuxer: each packet is one cue, its text
 * as data and its times as pts/duration.  No parser of our own. */
#ifndef STUDIO_PUBLISH_CUES_H
#define STUDIO_PUBLISH_CUES_H

#include "../job.h"

#include <stddef.h>

struct pub_cue {
	double start, end;    /* seconds on the file's timeline */
	char *text;           /* plain text: markup (<v …>, <i>) removed, entities
			       * decoded, lines joined by a space; clean UTF-8 */
};

struct pub_cues {
	struct pub_cue *v;
	size_t n;
};

/* The cues of F, a WebVTT file of a view, read through its checked
 * descriptor (pub_job_source(): never the session path again).  A file
 * without a descriptor (a job that is not a view) has no cues.  A file
 * that is not the recorded one (size, sha256) or that the demuxer refuses:
 * one warning naming it (and libavformat's error), no cues (the page is
 * still made, without that transcript).  Release with
 * pub_cues_free(). */
void pub_cues_read(const struct pub_file *f, struct pub_cues *out);
void pub_cues_free(struct pub_cues *c);

/* "MM:SS" (or "H:MM:SS" past an hour) of T seconds, rounded down. */
void pub_cue_clock(double t, char buf[32]);

/* T seconds as the shortest decimal with at most 3 decimals ("12.5",
 * "3"): what a media fragment "#t=" and data-t hold. */
void pub_cue_seconds(double t, char buf[32]);

#endif
