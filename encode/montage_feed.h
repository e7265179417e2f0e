/* montage_feed.h — the frames of a montage's assembly, as one source for
 * the encoding pass (transcode.h's enc_frames): each shot's source is
 * opened once and decoded from its start to its end only, through one
 * video and one audio graph (montage_graph.h) that conform, draw the
 * cards and join the parts.  The graphs are pulled; when one needs input,
 * the shot whose source it waits for is decoded one frame further. */
#ifndef ENC_MONTAGE_FEED_H
#define ENC_MONTAGE_FEED_H

#include <stdbool.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>

#include "decode.h"
#include "montage_graph.h"

struct enc_feed_shot {
	struct enc_decoder dec;
	bool opened;
	bool closed;                       /* its sources were told the end */
	AVFilterContext *src[ENC_LANES];   /* NULL: not in that graph */
};

/* Owns everything (enc_feed_close()). */
struct enc_feed {
	struct enc_decoder shape;          /* describes the frames to the renditions */
	AVFormatContext *shape_fmt;        /* owns shape.st[] */
	AVFilterGraph *graph[ENC_LANES];
	AVFilterContext *sink[ENC_LANES];
	struct enc_feed_shot *shots;       /* indexed like the parts */
	size_t n;
	bool ended[ENC_LANES];
	int64_t end_pts[ENC_LANES];
	AVFrame *in;
	int turn;                          /* the lane pulled first next time */
};

/* Opens the N PARTS; a shot's source is MASTERS[i] read with AUDIO_TRACKS[i]
 * (decode.h), a card's is NULL.  FONT is the cards' font file.  With
 * MEASURE, only the sound is read, and its frames come out of libavfilter's
 * ebur128 (their metadata lavfi.r128.*: the last frame's are the whole's). */
int enc_feed_open(struct enc_feed *f, const struct enc_part *parts, char *const *masters,
		  const int *audio_tracks, size_t n, const struct enc_canvas *c,
		  double transition, const char *font, bool measure);

/* enc_frames' NEXT: the assembly's next frame (CTX is the feed). */
int enc_feed_next(void *ctx, AVFrame *frame, int *lane);

void enc_feed_close(struct enc_feed *f);

#endif
