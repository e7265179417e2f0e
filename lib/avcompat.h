/* avcompat.h — the one place where the FFmpeg and expat versions we build
 * against differ: FFmpeg 5.1 and expat 2.5 (Debian 12), FFmpeg 6.1
 * (Ubuntu 24.04), FFmpeg 7.1 and expat 2.7 (Debian 13).  Each guard is keyed
 * on the version in which the library changed; the rest of the code calls
 * these helpers and never tests a version itself. */
#ifndef STUDIO_AVCOMPAT_H
#define STUDIO_AVCOMPAT_H

#include <stdint.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avio.h>
#include <libavutil/frame.h>

/* What avio_alloc_context()'s write callback receives: const since
 * libavformat 61 (FFmpeg 7.0). */
#if LIBAVFORMAT_VERSION_MAJOR >= 61
typedef const uint8_t st_avio_wbuf;
#else
typedef uint8_t st_avio_wbuf;
#endif

/* How long FRAME lasts in its time base, 0 when unknown: AVFrame.duration
 * (libavutil 57.30, FFmpeg 6.0), which replaced pkt_duration (removed in
 * FFmpeg 7.0). */
int64_t st_frame_duration(const AVFrame *frame);

/* What encoder C accepts, as AVCodec's fields used to tell (FFmpeg 7.1
 * deprecates them for avcodec_get_supported_config()): a list ending with
 * AV_PIX_FMT_NONE, AV_SAMPLE_FMT_NONE or 0, or NULL when the encoder does
 * not say.  The lists belong to the library. */
const enum AVPixelFormat *st_codec_pix_fmts(const AVCodec *c);
const enum AVSampleFormat *st_codec_sample_fmts(const AVCodec *c);
const int *st_codec_sample_rates(const AVCodec *c);

#endif
