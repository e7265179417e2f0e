/* encoder.h — opening the encoders of one rendition from what its filter
 * graphs deliver and what its preset asks for. */
#ifndef ENC_ENCODER_H
#define ENC_ENCODER_H

#include <stdbool.h>
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>

#include "preset.h"

/* H.264 or VP9 for the frames SINK delivers: constant quality (crf) capped
 * by maxrate/bufsize, GOPs of gop_seconds (closed, without extra scene-cut
 * keyframes for H.264).  DEC gives the colour description to carry over.
 * GLOBAL_HEADER when the container wants codec headers out of band (MP4).
 * THREADS: the encoder's threads, 0 for its own choice. */
int enc_encoder_video(AVCodecContext **out, const AVFilterContext *sink,
		      const AVCodecContext *dec, const struct enc_video_preset *p,
		      bool global_header, int threads);

/* JPEG (poster) or PNG for the picture SINK delivers. */
int enc_encoder_image(AVCodecContext **out, const AVFilterContext *sink,
		      const struct enc_image_preset *p);

/* Audio for the samples SINK delivers, at the preset's bit rate or, for
 * libvorbis, its VBR quality.  Also sets SINK's frame size to the
 * encoder's when the encoder needs fixed-size frames (AAC: 1024). */
int enc_encoder_audio(AVCodecContext **out, AVFilterContext *sink,
		      const struct enc_audio_preset *p, bool global_header);

#endif
