/* encoder.h — opening the encoders of one rendition from what its filter
 * graphs deliver and what its preset asks for. */
#ifndef ENC_ENCODER_H
#define ENC_ENCODER_H

#include <stdbool.h>
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>

#include "preset.h"

/* Where a video encode stands in a two-pass size budget (twopass.h). */
struct enc_pass {
	int number;        /* 0: one pass; 1: constant quality, writing STATS;
			      2: the mean BITRATE, reading STATS (x264 only) */
	char *stats;       /* x264's statistics file; owned by twopass.c */
	int64_t bitrate;   /* pass 2: mean video rate, bits/s */
	bool retried;      /* pass 2 was run again at a lower rate */
};

/* H.264 or VP9 for the frames SINK delivers: constant quality (crf) capped
 * by maxrate/bufsize, GOPs of gop_seconds (closed, without extra scene-cut
 * keyframes for H.264).  DEC gives the colour description to carry over.
 * GLOBAL_HEADER when the container wants codec headers out of band (MP4).
 * THREADS: the encoder's threads, 0 for its own choice.  PASS (x264):
 * pass 1 is the same constant-quality encode with its statistics written
 * (not x264's fast first pass: its result is kept when it fits); pass 2
 * aims at PASS's bit rate from them, under the same VBV. */
int enc_encoder_video(AVCodecContext **out, const AVFilterContext *sink,
		      const AVCodecContext *dec, const struct enc_video_preset *p,
		      bool global_header, int threads, const struct enc_pass *pass);

/* JPEG (poster) or PNG for the picture SINK delivers. */
int enc_encoder_image(AVCodecContext **out, const AVFilterContext *sink,
		      const struct enc_image_preset *p);

/* Audio for the samples SINK delivers, at the preset's bit rate or, for
 * libvorbis, its VBR quality.  Also sets SINK's frame size to the
 * encoder's when the encoder needs fixed-size frames (AAC: 1024). */
int enc_encoder_audio(AVCodecContext **out, AVFilterContext *sink,
		      const struct enc_audio_preset *p, bool global_header);

#endif
