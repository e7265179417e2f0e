/* filter.h — the libavfilter graphs between the decoders and the encoders
 * of one rendition: a buffer source describing the decoder's frames, the
 * filter chain chain.h describes, and a sink. */
#ifndef ENC_FILTER_H
#define ENC_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>

struct enc_filter {
	AVFilterGraph *graph;
	AVFilterContext *src;    /* feed decoded frames here */
	AVFilterContext *sink;   /* filtered frames come out here */
};

/* Output size for a WxH source and a preset height: the same aspect ratio,
 * at most MAX_H high, never larger than the source, both sides even. */
void enc_fit_size(int w, int h, int max_h, int *out_w, int *out_h);

/* The constant output rate: WANTED when set (num > 0), else the SOURCE's
 * best guess, 25 fps when unknown, at most 60 (variable-rate screen
 * recordings often announce their time base, 1000 fps). */
AVRational enc_output_fps(AVRational source, AVRational wanted);

/* Build configured graphs for decoder DEC whose frames carry timestamps in
 * TB, running the filter chain DESC; FRAME_RATE and SAR are the source's
 * best guesses. */
int enc_filter_video(struct enc_filter *f, const AVCodecContext *dec, AVRational tb,
		     AVRational frame_rate, AVRational sar, const char *desc);
/* The arguments of a buffer source for DEC's frames timed in TB. */
void enc_buffer_args(char *args, size_t len, const AVCodecContext *dec, AVRational tb,
		     AVRational frame_rate, AVRational sar);
/* The arguments of an abuffer source for DEC's frames timed in TB (an
 * unspecified channel layout becomes the default one for its count). */
int enc_abuffer_args(char *args, size_t len, const AVCodecContext *dec, AVRational tb);
/* PICTURE: the chain turns the sound into video frames (waveform). */
int enc_filter_audio(struct enc_filter *f, const AVCodecContext *dec, AVRational tb,
		     const char *desc, bool picture);

void enc_filter_free(struct enc_filter *f);

#endif
