/* filter.h — the libavfilter graphs between the decoders and the encoders
 * of one rendition: video scaled down to the preset's height (never up),
 * converted to its pixel format and frame rate; audio resampled to its rate
 * and channel layout. */
#ifndef ENC_FILTER_H
#define ENC_FILTER_H

#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>

#include "preset.h"

struct enc_filter {
	AVFilterGraph *graph;
	AVFilterContext *src;    /* feed decoded frames here */
	AVFilterContext *sink;   /* filtered frames come out here */
};

/* Output size for a WxH source and a preset height: the same aspect ratio,
 * at most MAX_H high, never larger than the source, both sides even. */
void enc_fit_size(int w, int h, int max_h, int *out_w, int *out_h);

/* Build configured graphs for decoder DEC whose frames carry timestamps in
 * TB; FRAME_RATE and SAR are the source's best guesses (the rate is used
 * when the preset keeps it). */
int enc_filter_video(struct enc_filter *f, const AVCodecContext *dec, AVRational tb,
		     AVRational frame_rate, AVRational sar, const struct enc_video_preset *p);
int enc_filter_audio(struct enc_filter *f, const AVCodecContext *dec, AVRational tb,
		     const struct enc_audio_preset *p);

void enc_filter_free(struct enc_filter *f);

#endif
