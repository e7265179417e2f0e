/* chain.c — building the filter chain descriptions.  Numbers are written
 * with the C locale's decimal point (msg.c keeps LC_NUMERIC "C"). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libavutil/channel_layout.h>
#include <libavutil/pixdesc.h>

#include "chain.h"
#include "filter.h"

#define FADE_SECONDS 1.0
/* Poster: the most representative frame (libavfilter's thumbnail filter)
 * among two seconds of frames a third of the way in, past title slates. */
#define POSTER_AT 0.33
#define POSTER_FRAMES 50
/* Contact sheet of a master of unknown duration: one frame every 10 s. */
#define SHEET_FALLBACK_INTERVAL 10.0
/* The waveform filter keeps the whole signal until the end: at 8 kHz mono
 * 16-bit an hour costs 58 MB, and 8 kHz still draws 1280 columns finely. */
#define WAVEFORM_RATE 8000

void enc_chain_append(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	if (used >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

void enc_chain_cut(char *buf, size_t len, bool audio, const struct enc_cut *cut)
{
	const char *a = audio ? "a" : "";

	buf[0] = '\0';
	if (cut->start <= 0 && cut->end <= 0)
		return;
	/* An end alone keeps the master's timestamps, as no cut does (the
	 * streams keep their offsets: the sound stays in sync). */
	if (cut->start <= 0) {
		enc_chain_append(buf, len, "%strim=end=%.6f,", a, cut->end);
		return;
	}
	enc_chain_append(buf, len, "%strim=start=%.6f", a, fmax(cut->start, 0));
	if (cut->end > 0)
		enc_chain_append(buf, len, ":end=%.6f", cut->end);
	enc_chain_append(buf, len, ",%ssetpts=PTS-STARTPTS,", a);
}

static void fade(char *buf, size_t len, bool audio, const struct enc_cut *cut)
{
	if (cut->fade && cut->duration > FADE_SECONDS)
		enc_chain_append(buf, len, ",%sfade=t=out:st=%.6f:d=%.1f", audio ? "a" : "",
				 cut->duration - FADE_SECONDS, FADE_SECONDS);
}

void enc_chain_video(char *buf, size_t len, const struct enc_preset *p,
		     const AVCodecContext *dec, AVRational fps, const struct enc_cut *cut)
{
	AVRational out = enc_output_fps(fps, p->video.fps);
	int w, h;

	enc_chain_cut(buf, len, false, cut);
	enc_fit_size(dec->width, dec->height, p->video.max_height, &w, &h);
	/* A constant rate keeps every GOP exactly gop_seconds long. */
	enc_chain_append(buf, len, "scale=w=%d:h=%d:out_range=tv,format=pix_fmts=%s,fps=fps=%d/%d", w, h,
			 av_get_pix_fmt_name(p->video.pix_fmt), out.num, out.den);
	fade(buf, len, false, cut);
}

void enc_chain_gain(char *buf, size_t len, const struct enc_gain *g)
{
	buf[0] = '\0';
	if (fabs(g->db) >= 0.005)
		enc_chain_append(buf, len, "volume=volume=%.3fdB:precision=double,", g->db);
	if (g->limit > 0)
		enc_chain_append(buf, len, "aresample=192000,alimiter=limit=%.5f:attack=5:release=50:level=0,",
				 g->limit);
}

void enc_chain_audio(char *buf, size_t len, const struct enc_preset *p,
		     enum AVSampleFormat fmt, const struct enc_cut *cut,
		     const struct enc_gain *g)
{
	AVChannelLayout layout = {0};
	char name[64] = "stereo", gain[256];

	enc_chain_cut(buf, len, true, cut);
	enc_chain_gain(gain, sizeof gain, g);
	enc_chain_append(buf, len, "%s", gain);
	av_channel_layout_default(&layout, p->audio.channels);
	av_channel_layout_describe(&layout, name, sizeof name);
	av_channel_layout_uninit(&layout);
	enc_chain_append(buf, len,
			 "aresample=%d,aformat=sample_fmts=%s:sample_rates=%d:channel_layouts=%s",
			 p->audio.sample_rate, av_get_sample_fmt_name(fmt), p->audio.sample_rate, name);
	fade(buf, len, true, cut);
}

static void poster(char *buf, size_t len, const struct enc_preset *p,
		   const AVCodecContext *dec, AVRational fps, const struct enc_cut *cut)
{
	struct enc_cut at = *cut;
	int w, h, n = (int)fmin(POSTER_FRAMES, 2 * av_q2d(enc_output_fps(fps, (AVRational){0, 0})));

	if (cut->duration > 0)
		at.start = fmax(cut->start, 0) + cut->duration * POSTER_AT;
	enc_chain_cut(buf, len, false, &at);
	enc_fit_size(dec->width, dec->height, p->image.height, &w, &h);
	enc_chain_append(buf, len, "scale=w=%d:h=%d:out_range=pc,format=pix_fmts=yuvj420p,"
			 "thumbnail=n=%d,trim=end_frame=1", w, h, n > 1 ? n : 2);
}

static void sheet(char *buf, size_t len, const struct enc_preset *p,
		  const AVCodecContext *dec, const struct enc_cut *cut)
{
	const struct enc_image_preset *i = &p->image;
	int frames = i->columns * i->rows;
	double every = cut->duration > 0 ? cut->duration / frames : SHEET_FALLBACK_INTERVAL;
	int w = FFMIN(i->width, dec->width) & ~1;
	int h = (int)((int64_t)dec->height * w / dec->width) & ~1;

	enc_chain_cut(buf, len, false, cut);
	enc_chain_append(buf, len, "fps=fps=1/%.6f:round=down,scale=w=%d:h=%d,format=pix_fmts=rgb24,"
			 "tile=layout=%dx%d:padding=4:margin=4", every, w > 2 ? w : 2, h > 2 ? h : 2,
			 i->columns, i->rows);
}

void enc_chain_image(char *buf, size_t len, const struct enc_preset *p,
		     const AVCodecContext *dec, AVRational fps, const struct enc_cut *cut)
{
	buf[0] = '\0';
	if (p->image.type == ENC_POSTER) {
		poster(buf, len, p, dec, fps, cut);
	} else if (p->image.type == ENC_CONTACT_SHEET) {
		sheet(buf, len, p, dec, cut);
	} else {
		enc_chain_cut(buf, len, true, cut);
		enc_chain_append(buf, len, "aformat=channel_layouts=mono,aresample=%d,"
				 "showwavespic=s=%dx%d:colors=0x1f6f8b,format=pix_fmts=rgba",
				 WAVEFORM_RATE, p->image.width, p->image.height);
	}
}
