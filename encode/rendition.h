/* rendition.h — one output of an encoding pass: for each stream a filter
 * graph and an encoder, and the container they are written to.  Decoded
 * frames are pushed in; several renditions can share one decoder. */
#ifndef ENC_RENDITION_H
#define ENC_RENDITION_H

#include <stdbool.h>

#include "decode.h"
#include "filter.h"
#include "metadata.h"
#include "mux.h"
#include "preset.h"

struct enc_track {
	struct enc_filter filter;
	AVCodecContext *enc;    /* NULL: the master has no such stream */
	int stream;             /* index in the container */
};

struct enc_rendition {
	const struct enc_preset *preset;   /* not owned; NULL until opened */
	struct enc_track track[ENC_LANES];
	struct enc_mux mux;
	AVFrame *filtered;
	AVPacket *pkt;
};

/* Sets up filters, encoders and the container (header written, under a
 * temporary name) for the streams DEC has.  Close R even on failure. */
int enc_rendition_open(struct enc_rendition *r, const struct enc_preset *p,
		       const char *final_path, const struct enc_decoder *dec,
		       const struct st_meta *meta);

/* Filters and encodes decoded FRAME of LANE (the frame is left untouched). */
int enc_rendition_send(struct enc_rendition *r, int lane, AVFrame *frame);

/* Ends every lane where DEC's last frames end, flushes the encoders and
 * writes the trailer. */
int enc_rendition_finish(struct enc_rendition *r, const struct enc_decoder *dec);

/* Moves the finished file to its final name. */
int enc_rendition_commit(struct enc_rendition *r);

/* Frees everything; an uncommitted output is removed.  Safe on a zeroed
 * struct. */
void enc_rendition_close(struct enc_rendition *r);

#endif
