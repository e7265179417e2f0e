/* encoder.c — encoder set-up. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libavfilter/buffersink.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>

#include "encoder.h"
#include "msg.h"
#include "status.h"

static int alloc_encoder(AVCodecContext **out, const char *name, const AVCodec **codec)
{
	*codec = avcodec_find_encoder_by_name(name);
	if (!*codec) {
		st_error(_("encoder %s is not available in this FFmpeg build"), name);
		return ST_UNAVAILABLE;
	}
	*out = avcodec_alloc_context3(*codec);
	if (!*out) {
		st_error(_("out of memory"));
		return ST_OSERR;
	}
	return ST_OK;
}

static int set_opt(AVCodecContext *c, const char *name, const char *value)
{
	int ret = av_opt_set(c->priv_data, name, value, 0);

	if (ret < 0) {
		st_error(_("cannot set %s=%s on the %s encoder: %s"), name, value, c->codec->name,
			 av_err2str(ret));
		return ST_SOFTWARE;
	}
	return ST_OK;
}

/* set_opt() with the value printed from FMT. */
static int set_optf(AVCodecContext *c, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int set_optf(AVCodecContext *c, const char *name, const char *fmt, ...)
{
	char value[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(value, sizeof value, fmt, ap);
	va_end(ap);
	return set_opt(c, name, value);
}

/* The encoder's look-ahead option NAME, unless the preset leaves it (< 0). */
static int set_lookahead(AVCodecContext *c, const char *name, int frames)
{
	return frames < 0 ? ST_OK : set_optf(c, name, "%d", frames);
}

static int open_encoder(AVCodecContext *c, const AVCodec *codec)
{
	int ret = avcodec_open2(c, codec, NULL);

	if (ret < 0) {
		st_error(_("cannot open the %s encoder: %s"), codec->name, av_err2str(ret));
		return ST_SOFTWARE;
	}
	return ST_OK;
}

/* RGB sources are converted with swscale's default BT.601 matrix; others
 * keep their matrix, so both are described as they are. */
static void set_colours(AVCodecContext *c, const AVCodecContext *dec)
{
	const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(dec->pix_fmt);

	c->color_range = AVCOL_RANGE_MPEG;
	if (d && (d->flags & AV_PIX_FMT_FLAG_RGB)) {
		c->colorspace = AVCOL_SPC_SMPTE170M;
		return;
	}
	c->colorspace = dec->colorspace == AVCOL_SPC_RGB ? AVCOL_SPC_UNSPECIFIED : dec->colorspace;
	c->color_primaries = dec->color_primaries;
	c->color_trc = dec->color_trc;
}

/* Pass 1 writes x264's statistics at full settings; pass 2 reads them and
 * aims at a mean rate (libx264 then ignores crf). */
static int x264_pass(AVCodecContext *c, const struct enc_pass *pass)
{
	int ret;

	if (!pass->number)
		return ST_OK;
	if (pass->number == 1) {
		c->flags |= AV_CODEC_FLAG_PASS1;
		ret = set_opt(c, "fastfirstpass", "0");
	} else {
		c->flags |= AV_CODEC_FLAG_PASS2;
		c->bit_rate = pass->bitrate;
		ret = ST_OK;
	}
	return ret == ST_OK ? set_opt(c, "stats", pass->stats) : ret;
}

/* x264: constant quality capped by VBV, closed GOPs, no scene-cut
 * keyframes (every GOP exactly gop_seconds). */
static int x264_options(AVCodecContext *c, const struct enc_video_preset *p,
			const struct enc_pass *pass)
{
	int ret;

	c->flags |= AV_CODEC_FLAG_CLOSED_GOP;
	if ((ret = x264_pass(c, pass)) != ST_OK ||
	    (ret = set_opt(c, "preset", p->x264_preset)) != ST_OK ||
	    (ret = set_opt(c, "profile", p->profile)) != ST_OK ||
	    (ret = set_optf(c, "crf", "%g", p->crf)) != ST_OK ||
	    (ret = set_lookahead(c, "rc-lookahead", p->lookahead)) != ST_OK)
		return ret;
	return set_opt(c, "x264-params", "scenecut=0");
}

/* libvpx VP9 in constrained quality: crf with the bit rate as ceiling,
 * row multithreading, "good" deadline at the preset's cpu-used. */
static int vp9_options(AVCodecContext *c, const struct enc_video_preset *p)
{
	int ret;

	c->bit_rate = p->maxrate;
	c->keyint_min = c->gop_size;
	if ((ret = set_optf(c, "crf", "%g", p->crf)) != ST_OK ||
	    (ret = set_opt(c, "deadline", "good")) != ST_OK ||
	    (ret = set_optf(c, "cpu-used", "%d", p->speed)) != ST_OK ||
	    (ret = set_opt(c, "row-mt", "1")) != ST_OK ||
	    (ret = set_lookahead(c, "lag-in-frames", p->lookahead)) != ST_OK)
		return ret;
	return set_opt(c, "tile-columns", "2");
}

/* An encoder NAME for the pictures SINK gives: their size, pixel format,
 * aspect ratio and time base. */
static int alloc_picture_encoder(AVCodecContext **out, const char *name, const AVCodec **codec,
				 const AVFilterContext *sink)
{
	int ret = alloc_encoder(out, name, codec);
	AVCodecContext *c;

	if (ret != ST_OK)
		return ret;
	c = *out;
	c->width = av_buffersink_get_w(sink);
	c->height = av_buffersink_get_h(sink);
	c->pix_fmt = av_buffersink_get_format(sink);
	c->sample_aspect_ratio = av_buffersink_get_sample_aspect_ratio(sink);
	c->time_base = av_buffersink_get_time_base(sink);
	return ST_OK;
}

int enc_encoder_video(AVCodecContext **out, const AVFilterContext *sink,
		      const AVCodecContext *dec, const struct enc_video_preset *p,
		      bool global_header, int threads, const struct enc_pass *pass)
{
	const AVCodec *codec;
	AVCodecContext *c;
	int ret = alloc_picture_encoder(out, p->codec, &codec, sink);

	if (ret != ST_OK)
		return ret;
	c = *out;
	c->framerate = av_buffersink_get_frame_rate(sink);
	c->gop_size = (int)fmax(1, lround(p->gop_seconds * av_q2d(c->framerate)));
	c->flags |= global_header ? AV_CODEC_FLAG_GLOBAL_HEADER : 0;
	c->rc_max_rate = p->maxrate;
	c->rc_buffer_size = (int)p->bufsize;
	c->thread_count = threads;
	set_colours(c, dec);
	ret = !strcmp(p->codec, "libx264") ? x264_options(c, p, pass) : vp9_options(c, p);
	return ret == ST_OK ? open_encoder(c, codec) : ret;
}

int enc_encoder_image(AVCodecContext **out, const AVFilterContext *sink,
		      const struct enc_image_preset *p)
{
	const AVCodec *codec;
	AVCodecContext *c;
	int ret = alloc_picture_encoder(out, p->type == ENC_POSTER ? "mjpeg" : "png", &codec,
					sink);

	if (ret != ST_OK)
		return ret;
	c = *out;
	if (p->type == ENC_POSTER) {
		c->color_range = AVCOL_RANGE_JPEG;
		c->flags |= AV_CODEC_FLAG_QSCALE;
		c->global_quality = p->quality * FF_QP2LAMBDA;
	}
	return open_encoder(c, codec);
}

int enc_encoder_audio(AVCodecContext **out, AVFilterContext *sink,
		      const struct enc_audio_preset *p, bool global_header)
{
	const AVCodec *codec;
	AVCodecContext *c;
	int ret = alloc_encoder(out, p->codec, &codec);

	if (ret != ST_OK)
		return ret;
	c = *out;
	c->sample_fmt = av_buffersink_get_format(sink);
	c->sample_rate = av_buffersink_get_sample_rate(sink);
	c->time_base = av_buffersink_get_time_base(sink);
	c->bit_rate = p->bitrate;
	if (p->quality >= -1) {
		c->flags |= AV_CODEC_FLAG_QSCALE;
		c->global_quality = (int)lround(p->quality * FF_QP2LAMBDA);
	}
	if (global_header)
		c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
	ret = av_buffersink_get_ch_layout(sink, &c->ch_layout);
	if (ret < 0) {
		st_error(_("cannot read the channel layout of the audio filters: %s"), av_err2str(ret));
		return ST_SOFTWARE;
	}
	ret = open_encoder(c, codec);
	if (ret == ST_OK && !(codec->capabilities & AV_CODEC_CAP_VARIABLE_FRAME_SIZE))
		av_buffersink_set_frame_size(sink, c->frame_size);
	return ret;
}
