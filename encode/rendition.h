/* rendition.h — one output of an encoding pass: for each input lane a
 * filter graph and an encoder, and the container they are written to.
 * Decoded frames are pushed in; several renditions share one decoder. */
#ifndef ENC_RENDITION_H
#define ENC_RENDITION_H

#include <stdatomic.h>
#include <stdbool.h>

#include "captions.h"
#include "chain.h"
#include "chapters.h"
#include "decode.h"
#include "encoder.h"
#include "filter.h"
#include "metadata.h"
#include "mux.h"
#include "preset.h"

/* What one rendition is asked to make. */
struct enc_setup {
	const struct enc_preset *preset;   /* not owned */
	const char *path;                  /* final output path, not owned */
	const char *master;                /* the master read, for messages; not owned */
	struct enc_cut cut;
	struct enc_video_preset video;     /* the preset's (strings still the preset's) */
	struct enc_gain gain;              /* to the preset's loudness target */
	struct enc_chapters chapters;      /* not owned */
	const struct enc_caption *captions;   /* not owned; in MP4/WebM videos */
	size_t ncaptions;
	int threads;                       /* per video encoder, 0: its own choice */
	struct enc_pass pass;              /* a size budget's two passes (twopass.h) */
};

/* Indexed by input lane: the waveform's encoder makes a picture from the
 * audio lane. */
struct enc_track {
	struct enc_filter filter;
	AVCodecContext *enc;    /* NULL: this lane is not used */
	int stream;             /* index in the container */
	bool ended;             /* the chain has ended (a cut's end) and the encoder is flushed */
	int64_t packets;        /* written to the container */
};

struct enc_rendition {
	struct enc_setup setup;
	const struct enc_preset *preset;   /* NULL until opened */
	struct enc_track track[ENC_LANES];
	struct enc_mux mux;
	AVCodecContext **subs;             /* one caption encoder per caption file */
	int *sub_streams;
	AVFrame *filtered;
	AVPacket *pkt;
	int pictures;                      /* still presets: pictures written (1 at most) */
	atomic_llong done_us;              /* media time reached, microseconds */
	atomic_llong frames;               /* video frames encoded */
};

/* Sets up filters, encoders and the container (header written, under a
 * temporary name) for what the preset needs of DEC.  Close R even on
 * failure. */
int enc_rendition_open(struct enc_rendition *r, const struct enc_setup *s,
		       const struct enc_decoder *dec, const struct st_meta *meta);

/* Filters and encodes decoded FRAME of LANE (the frame is left untouched). */
int enc_rendition_send(struct enc_rendition *r, int lane, AVFrame *frame);

/* Ends every lane where DEC's last frames end, flushes the encoders and
 * writes the trailer. */
int enc_rendition_finish(struct enc_rendition *r, const int64_t end_pts[ENC_LANES]);

/* Moves the finished file to its final name. */
int enc_rendition_commit(struct enc_rendition *r);

/* Frees everything; an uncommitted output is removed.  Safe on a zeroed
 * struct. */
void enc_rendition_close(struct enc_rendition *r);

#endif
