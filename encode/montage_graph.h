/* montage_graph.h — the libavfilter descriptions of a montage's assembly:
 * each part (a shot fed from its decoder, or a card drawn by libavfilter)
 * conformed to one canvas, then joined by crossfades (xfade, acrossfade)
 * or cuts (concat).  Text only: montage_feed.c builds and runs the graphs. */
#ifndef ENC_MONTAGE_GRAPH_H
#define ENC_MONTAGE_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <libavutil/rational.h>

#define ENC_CARD_LINES 5

/* What every part is conformed to. */
struct enc_canvas {
	int width, height;    /* even */
	AVRational fps;
	int sample_rate;      /* stereo, float planar */
};

/* One part of the assembly. */
struct enc_part {
	bool card;            /* a card: TEXT lines on a plain background */
	const char *lines[ENC_CARD_LINES]; /* a card's lines, NULL after the last (not owned) */
	double start, end;    /* a shot: seconds in its source */
	bool has_audio;       /* a shot whose source has sound */
	double gain_db;       /* a shot: to the montage's loudness target */
	double duration;      /* seconds */
};

/* The video graph: shot I reads from input [vI], the result is [out].
 * FONT is a font file for the cards. */
void enc_montage_video_graph(char *buf, size_t len, const struct enc_part *parts, size_t n,
			     const struct enc_canvas *c, double transition, const char *font);

/* The audio graph: shot I with sound reads from input [aI]; a card, or a
 * shot without sound, is silence of its length. */
void enc_montage_audio_graph(char *buf, size_t len, const struct enc_part *parts, size_t n,
			     const struct enc_canvas *c, double transition);

/* VALUE escaped for an option of a filter inside a graph description
 * (two levels: the option string, then the graph).  Writes into BUF. */
void enc_montage_escape(char *buf, size_t len, const char *value);

#endif
