/* cues.c — see cues.h. */
#include "cues.h"
#include "escape.h"
#include "msg.h"
#include "paths.h"

#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The character references WebVTT cue text may hold (WebVTT §6.4). */
static const struct {
	const char *ref, *utf8;
} refs[] = {
	{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", "\xc2\xa0"},
	{"&lrm;", "\xe2\x80\x8e"}, {"&rlm;", "\xe2\x80\x8f"},
};

/* Cue DATA (LEN bytes) as plain text: tags dropped, references decoded,
 * line breaks as spaces.  Malloc'ed, clean UTF-8. */
static char *plain_text(const char *data, size_t len)
{
	char *raw = st_xcalloc(len + 1, 1), *clean;
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		size_t k, n = 0;

		if (data[i] == '<') {
			while (i < len && data[i] != '>')
				i++;
			continue;
		}
		if (data[i] == '\n' || data[i] == '\r') {
			if (o && raw[o - 1] != ' ')
				raw[o++] = ' ';
			continue;
		}
		for (k = 0; data[i] == '&' && !n && k < sizeof refs / sizeof *refs; k++) {
			if (i + strlen(refs[k].ref) <= len &&
			    !memcmp(data + i, refs[k].ref, strlen(refs[k].ref))) {
				n = strlen(refs[k].ref);
				memcpy(raw + o, refs[k].utf8, strlen(refs[k].utf8));
				o += strlen(refs[k].utf8);
			}
		}
		if (n)
			i += n - 1;
		else
			raw[o++] = data[i];
	}
	while (o && raw[o - 1] == ' ')
		o--;
	raw[o] = '\0';
	clean = st_text_clean(raw);
	free(raw);
	return clean;
}

static void add_cue(struct pub_cues *c, const AVPacket *pkt, AVRational tb)
{
	struct pub_cue *cue;

	c->v = realloc(c->v, (c->n + 1) * sizeof *c->v);
	if (!c->v)
		abort();
	cue = &c->v[c->n++];
	cue->start = pkt->pts == AV_NOPTS_VALUE ? 0 : pkt->pts * av_q2d(tb);
	cue->end = cue->start + (pkt->duration > 0 ? pkt->duration * av_q2d(tb) : 0);
	cue->text = plain_text((const char *)pkt->data, (size_t)pkt->size);
}

void pub_cues_read(const struct pub_file *f, struct pub_cues *out)
{
	const AVInputFormat *vtt = av_find_input_format("webvtt");
	AVFormatContext *ic = NULL;
	AVPacket *pkt = NULL;
	char *src;
	int ret;

	memset(out, 0, sizeof *out);
	if (f->fd < 0)
		return;
	/* A file the server already held was not read on the way: the cues
	 * shown must be those of the recorded file. */
	if (pub_file_check_fd(f->fd, f->file, f, true)) {
		st_warn(_("%s does not match session.json: no transcript made from it"), f->file);
		return;
	}
	src = pub_job_source(f);
	ret = avformat_open_input(&ic, src, vtt, NULL);
	if (ret >= 0)
		ret = avformat_find_stream_info(ic, NULL);
	if (ret >= 0 && !(pkt = av_packet_alloc()))
		ret = AVERROR(ENOMEM);
	while (ret >= 0 && (ret = av_read_frame(ic, pkt)) >= 0) {
		if (pkt->stream_index == 0 && pkt->size > 0)
			add_cue(out, pkt, ic->streams[0]->time_base);
		av_packet_unref(pkt);
	}
	if (ret < 0 && ret != AVERROR_EOF)
		st_warn(_("cannot read the cues of %s: %s"), f->file, av_err2str(ret));
	av_packet_free(&pkt);
	avformat_close_input(&ic);
	free(src);
}

void pub_cues_free(struct pub_cues *c)
{
	for (size_t i = 0; c->v && i < c->n; i++)
		free(c->v[i].text);
	free(c->v);
	memset(c, 0, sizeof *c);
}

void pub_cue_clock(double t, char buf[32])
{
	unsigned s = t > 0 && t < 1e9 ? (unsigned)floor(t) : 0;

	if (s >= 3600)
		snprintf(buf, 32, "%u:%02u:%02u", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, 32, "%02u:%02u", s / 60, s % 60);
}

void pub_cue_seconds(double t, char buf[32])
{
	size_t n;

	snprintf(buf, 32, "%.3f", t > 0 && t < 1e9 ? t : 0.0);
	n = strlen(buf);
	while (buf[n - 1] == '0')
		buf[--n] = '\0';
	if (buf[n - 1] == '.')
		buf[--n] = '\0';
}
