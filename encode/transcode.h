/* transcode.h — one encoding pass: the master is demuxed and decoded once,
 * and every frame goes, through a bounded queue, to each rendition's own
 * thread (filters, encoders, muxer). */
#ifndef ENC_TRANSCODE_H
#define ENC_TRANSCODE_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "metadata.h"
#include "rendition.h"

/* 128 + SIGINT, what shells report for a command stopped by Ctrl-C. */
#define ENC_INTERRUPTED 130

/* Encodes MASTER, read as OPTS says, into the N renditions SETUPS, tagging
 * the outputs with META.  Outputs appear under their final names only
 * after the whole pass succeeded; on failure or SIGINT/SIGTERM none is
 * left behind (ENC_INTERRUPTED for a signal).  *PACKETS receives the
 * number of packets demuxed, by every pass.  A rendition whose size budget its first
 * pass exceeds is encoded again, the master decoded again for it alone
 * (twopass.h); every output is committed only after the last pass, and
 * each setup's "pass" says how its file was made. */
int enc_transcode(const char *master, const struct enc_decoder_opts *opts,
		  const struct st_meta *meta, struct enc_setup *setups, size_t n,
		  int64_t *packets);

/* Where the frames of a pass come from: a decoder, or a montage's
 * assembly (montage_feed.h).  SHAPE describes the frames (their decoders'
 * parameters, streams and rates) to the renditions' filters; NEXT gives
 * the next frame and its lane, and *lane -1 at the end; END_PTS[lane] is
 * then the end of the last frame of each lane, in its stream's time base. */
struct enc_frames {
	const struct enc_decoder *shape;
	int (*next)(void *ctx, AVFrame *frame, int *lane);
	void *ctx;
	const int64_t *end_pts;
};

/* A source of frames that a pass opens afresh (a second pass of a size
 * budget reads it again): OPEN fills IN; CLOSE is called after every
 * OPEN, even a failed one, with the pass's status, and adds the packets
 * it demuxed to *PACKETS. */
struct enc_frame_source {
	int (*open)(void *arg, struct enc_frames *in);
	void (*close)(void *arg, int ret, int64_t *packets);
	void *arg;
};

/* enc_transcode() from any source of frames. */
int enc_transcode_source(const struct enc_frame_source *src, const struct st_meta *meta,
			 struct enc_setup *setups, size_t n, int64_t *packets);

#endif
