/* montage_graph.c — see montage_graph.h.  Numbers are written with the C
 * locale's decimal point (msg.c keeps LC_NUMERIC "C"). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "montage_graph.h"

#define CARD_COLOUR "0x1f3b4d"
/* An even crossfade: the sum of both curves stays near constant power. */
#define AUDIO_CURVES "c1=qsin:c2=qsin"

static void append(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void append(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	if (used >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

/* Backslash before each of SPECIAL in IN. */
static void escape_level(char *out, size_t len, const char *in, const char *special)
{
	size_t o = 0;

	for (; *in && o + 2 < len; in++) {
		if (strchr(special, *in))
			out[o++] = '\\';
		out[o++] = *in;
	}
	out[o] = '\0';
}

void enc_montage_escape(char *buf, size_t len, const char *value)
{
	char once[1024];

	escape_level(once, sizeof once, value, "\\':=%");
	escape_level(buf, len, once, "\\'[],;");
}

/* A card: its lines centred, the first larger; the font size also fits
 * the longest line in the width (DejaVu Sans averages 0.55 em a glyph). */
static void card(char *buf, size_t len, const struct enc_part *p, const struct enc_canvas *c,
		 const char *font)
{
	char f[512];
	size_t lines = 0;

	enc_montage_escape(f, sizeof f, font);
	while (lines < ENC_CARD_LINES && p->lines[lines])
		lines++;
	append(buf, len, "color=c=" CARD_COLOUR ":s=%dx%d:r=%d/%d:d=%.6f", c->width, c->height,
	       c->fps.num, c->fps.den, p->duration);
	for (size_t i = 0; i < lines; i++) {
		char text[1024];
		double size = c->height / (i ? 16.0 : 11.0), fit = 0.95 * c->width / (0.55 * (double)strlen(p->lines[i]));

		enc_montage_escape(text, sizeof text, p->lines[i]);
		append(buf, len, ",drawtext=fontfile=%s:expansion=none:text=%s:fontcolor=white:"
		       "fontsize=%d:x=(w-text_w)/2:y=h*%.3f-text_h/2", f, text,
		       (int)(size < fit ? size : fit), (i + 1.0) / (lines + 1.0));
	}
	append(buf, len, ",format=pix_fmts=yuv420p,setsar=1");
}

static void shot_video(char *buf, size_t len, size_t i, const struct enc_part *p,
		       const struct enc_canvas *c)
{
	append(buf, len, "[v%zu]trim=start=%.6f:end=%.6f,setpts=PTS-STARTPTS,"
	       "scale=w=%d:h=%d:force_original_aspect_ratio=decrease:out_range=tv,"
	       "pad=w=%d:h=%d:x=(ow-iw)/2:y=(oh-ih)/2,setsar=1,fps=fps=%d/%d,"
	       "format=pix_fmts=yuv420p,tpad=stop_mode=clone:stop_duration=%.6f,trim=duration=%.6f",
	       i, p->start, p->end, c->width, c->height, c->width, c->height, c->fps.num,
	       c->fps.den, p->duration, p->duration);
}

/* Joins [p0]..[pN-1] into [out]. */
static void join(char *buf, size_t len, const struct enc_part *parts, size_t n, double t,
		 bool audio)
{
	char p = audio ? 'q' : 'p';
	double offset = 0;

	if (t <= 0 || n < 2) {
		for (size_t i = 0; i < n; i++)
			append(buf, len, "[%c%zu]", p, i);
		append(buf, len, "concat=n=%zu:v=%d:a=%d[out]", n, !audio, audio);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		offset += parts[i - 1].duration - t;
		if (i == 1)
			append(buf, len, "[%c0]", p);
		else
			append(buf, len, "[x%zu]", i - 1);
		append(buf, len, "[%c%zu]", p, i);
		if (audio)
			append(buf, len, "acrossfade=d=%.6f:" AUDIO_CURVES, t);
		else
			append(buf, len, "xfade=transition=fade:duration=%.6f:offset=%.6f", t, offset);
		if (i + 1 < n)
			append(buf, len, "[x%zu];", i);
		else
			append(buf, len, "[out]");
	}
}

void enc_montage_video_graph(char *buf, size_t len, const struct enc_part *parts, size_t n,
			     const struct enc_canvas *c, double transition, const char *font)
{
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (parts[i].card)
			card(buf, len, &parts[i], c, font);
		else
			shot_video(buf, len, i, &parts[i], c);
		append(buf, len, "[p%zu];", i);
	}
	join(buf, len, parts, n, transition, false);
}

void enc_montage_audio_graph(char *buf, size_t len, const struct enc_part *parts, size_t n,
			     const struct enc_canvas *c, double transition)
{
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const struct enc_part *p = &parts[i];

		if (p->card || !p->has_audio)
			append(buf, len, "anullsrc=r=%d:cl=stereo,", c->sample_rate);
		else
			append(buf, len, "[a%zu]atrim=start=%.6f:end=%.6f,asetpts=PTS-STARTPTS,"
			       "volume=volume=%.3fdB:precision=double,", i, p->start, p->end, p->gain_db);
		append(buf, len, "aresample=%d,aformat=sample_fmts=fltp:sample_rates=%d:"
		       "channel_layouts=stereo,apad=whole_dur=%.6f,atrim=duration=%.6f[q%zu];",
		       c->sample_rate, c->sample_rate, p->duration, p->duration, i);
	}
	join(buf, len, parts, n, transition, true);
}
