/* chapters.h — the markers dropped during a recording (session.json,
 * captures[].markers) as chapters: in the MP4/WebM container and as a
 * chapters.vtt sidecar for HTML5 players. */
#ifndef ENC_CHAPTERS_H
#define ENC_CHAPTERS_H

#include <stddef.h>
#include <libavformat/avformat.h>

#include "chain.h"
#include "metadata.h"

struct enc_marker {
	double t;          /* seconds from the start of the master */
	char *label;       /* owned */
};

struct enc_chapter {
	double start, end; /* seconds from the start of the output */
	const char *title; /* the marker's label, not owned */
};

/* Owns LIST only (enc_chapters_free()). */
struct enc_chapters {
	struct enc_chapter *list;
	size_t n;
};

/* The chapters of an output covering CUT of a master lasting about
 * MASTER_DURATION: each marker inside the cut opens one, closed by the
 * next or the end of the cut; the marker under way at the start of the cut
 * opens it.  Players (and MP4's chapter track) expect chapters from 0: a
 * first marker after the start gets an opening chapter titled INTRO (not
 * copied). */
void enc_chapters_for_cut(const struct enc_marker *m, size_t n, const struct enc_cut *cut,
			  double master_duration, const char *intro, struct enc_chapters *out);
void enc_chapters_free(struct enc_chapters *c);

/* Adds the chapters to a muxer before its header is written. */
int enc_chapters_add(AVFormatContext *oc, const struct enc_chapters *c);

/* Writes them as a WebVTT file at PATH (atomically), with META's title
 * and attribution line in a NOTE block at its top. */
int enc_chapters_write_vtt(const char *path, const struct enc_chapters *c,
			   const struct st_meta *meta);

/* "HH:MM:SS.mmm" in buf[32]. */
void enc_vtt_time(char buf[32], double seconds);

#endif
