/* montage_graph.c — see montage_graph.h.  Numbers are written with the C
 * locale's decimal point (msg.c keeps LC_NUMERIC "C"). */
#include <stdio.h>
#include <string.h>

#include "chain.h"
#include "montage_graph.h"

#define CARD_COLOUR "0x1f3b4d"
/* An even crossfade: the sum of both curves stays near constant power. */
#define AUDIO_CURVES "c1=qsin:c2=qsin"

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
	enc_chain_append(buf, len, "color=c=" CARD_COLOUR ":s=%dx%d:r=%d/%d:d=%.6f", c->width, c->height,
			 c->fps.num, c->fps.den, p->duration);
	for (size_t i = 0; i < lines; i++) {
		char text[1024];
		double size = c->height / (i ? 16.0 : 11.0);
		double fit = 0.95 * c->width / (0.55 * (double)strlen(p->lines[i]));

		enc_montage_escape(text, sizeof text, p->lines[i]);
		enc_chain_append(buf, len, ",drawtext=fontfile=%s:expansion=none:text=%s:fontcolor=white:"
				 "fontsize=%d:x=(w-text_w)/2:y=h*%.3f-text_h/2", f, text,
				 (int)(size < fit ? size : fit), (i + 1.0) / (lines + 1.0));
	}
	enc_chain_append(buf, len, ",format=pix_fmts=yuv420p,setsar=1");
}

static void shot_video(char *buf, size_t len, size_t i, const struct enc_part *p,
		       const struct enc_canvas *c)
{
	enc_chain_append(buf, len, "[v%zu]trim=start=%.6f:end=%.6f,setpts=PTS-STARTPTS,"
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
			enc_chain_append(buf, len, "[%c%zu]", p, i);
		enc_chain_append(buf, len, "concat=n=%zu:v=%d:a=%d[out]", n, !audio, audio);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		offset += parts[i - 1].duration - t;
		if (i == 1)
			enc_chain_append(buf, len, "[%c0]", p);
		else
			enc_chain_append(buf, len, "[x%zu]", i - 1);
		enc_chain_append(buf, len, "[%c%zu]", p, i);
		if (audio)
			enc_chain_append(buf, len, "acrossfade=d=%.6f:" AUDIO_CURVES, t);
		else
			enc_chain_append(buf, len, "xfade=transition=fade:duration=%.6f:offset=%.6f", t, offset);
		if (i + 1 < n)
			enc_chain_append(buf, len, "[x%zu];", i);
		else
			enc_chain_append(buf, len, "[out]");
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
		enc_chain_append(buf, len, "[p%zu];", i);
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
			enc_chain_append(buf, len, "anullsrc=r=%d:cl=stereo,", c->sample_rate);
		else
			enc_chain_append(buf, len, "[a%zu]atrim=start=%.6f:end=%.6f,asetpts=PTS-STARTPTS,"
					 "volume=volume=%.3fdB:precision=double,", i, p->start, p->end, p->gain_db);
		enc_chain_append(buf, len, "aresample=%d,aformat=sample_fmts=fltp:sample_rates=%d:"
				 "channel_layouts=stereo,apad=whole_dur=%.6f,atrim=duration=%.6f[q%zu];",
				 c->sample_rate, c->sample_rate, p->duration, p->duration, i);
	}
	join(buf, len, parts, n, transition, true);
}
