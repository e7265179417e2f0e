/* encoder.h — opening the encoders of one rendition from what its filter
 * graphs deliver and what its preset asks for. */
#ifndef ENC_ENCODER_H
#define ENC_ENCODER_H

#include <stdbool.h>
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>

#include "preset.h"

/* H.264 for the frames SINK delivers: constant quality (crf) capped by
 * maxrate/bufsize, closed GOPs of gop_seconds without extra scene-cut
 * keyframes.  DEC gives the colour description to carry over.
 * GLOBAL_HEADER when the container wants codec headers out of band (MP4). */
int enc_encoder_video(AVCodecContext **out, const AVFilterContext *sink,
		      const AVCodecContext *dec, const struct enc_video_preset *p,
		      bool global_header);

/* Audio for the samples SINK delivers.  Also sets SINK's frame size to the
 * encoder's when the encoder needs fixed-size frames (AAC: 1024). */
int enc_encoder_audio(AVCodecContext **out, AVFilterContext *sink,
		      const struct enc_audio_preset *p, bool global_header);

#endif
