/* loudness.c — one audio-only pass through abuffer → [selection] →
 * ebur128 → abuffersink, reading the running measurements the filter
 * attaches to each frame; the last frame's are those of the whole. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>

#include "decode.h"
#include "filter.h"
#include "loudness.h"
#include "msg.h"
#include "status.h"

/* Below the absolute gate (-70 LUFS) ebur128 reports -70: silence. */
#define SILENCE_LUFS (-69.9)

static double meta(const AVFrame *f, const char *key, double fallback)
{
	const AVDictionaryEntry *e = av_dict_get(f->metadata, key, NULL, 0);

	return e ? strtod(e->value, NULL) : fallback;
}

/* Reads what the graph has ready; PEAK collects the largest true peak. */
static int pull(struct enc_filter *g, AVFrame *out, struct enc_loudness *m, double *peak)
{
	for (;;) {
		int ret = av_buffersink_get_frame(g->sink, out);

		if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
			return ST_OK;
		if (ret < 0) {
			st_error(_("cannot measure the loudness: %s"), av_err2str(ret));
			return ST_SOFTWARE;
		}
		m->integrated = meta(out, "lavfi.r128.I", m->integrated);
		m->range = meta(out, "lavfi.r128.LRA", m->range);
		*peak = fmax(*peak, meta(out, "lavfi.r128.true_peak", 0));
		av_frame_unref(out);
	}
}

static int run(struct enc_decoder *d, struct enc_filter *g, struct enc_loudness *m)
{
	AVFrame *in = av_frame_alloc(), *out = av_frame_alloc();
	double peak = 0;
	int ret = in && out ? ST_OK : ST_OSERR, lane;

	while (ret == ST_OK && (ret = enc_decoder_next(d, in, &lane)) == ST_OK && lane >= 0) {
		int err = av_buffersrc_add_frame(g->src, in);

		if (err == AVERROR_EOF) { /* FFmpeg 7: the selection has ended */
			av_frame_unref(in);
			break;
		}
		if (err < 0) {
			st_error(_("cannot measure the loudness of %s: %s"), d->path, av_err2str(err));
			ret = ST_SOFTWARE;
		} else {
			ret = pull(g, out, m, &peak);
		}
		av_frame_unref(in);
	}
	if (ret == ST_OK && av_buffersrc_close(g->src, d->end_pts[ENC_AUDIO], 0) >= 0)
		ret = pull(g, out, m, &peak);
	if (!in || !out)
		st_error(_("out of memory"));
	m->true_peak = peak > 0 ? 20 * log10(peak) : -HUGE_VAL;
	m->valid = m->integrated > SILENCE_LUFS;
	av_frame_free(&in);
	av_frame_free(&out);
	return ret;
}

int enc_loudness_measure(const char *path, int audio_track, const struct enc_cut *cut,
			 const char *pre, struct enc_loudness *m, int64_t *packets)
{
	struct enc_decoder_opts o = {.audio_track = audio_track, .skip_video = true,
				     .seek = cut->start, .stop = cut->end};
	struct enc_decoder d;
	struct enc_filter g = {0};
	char desc[512];
	int ret = enc_decoder_open(&d, path, &o);

	memset(m, 0, sizeof *m);
	m->integrated = -70;
	if (ret == ST_OK && d.dec[ENC_AUDIO]) {
		enc_chain_cut(desc, sizeof desc, true, cut);
		strncat(desc, pre, sizeof desc - strlen(desc) - 1);
		strncat(desc, "ebur128=peak=true:metadata=1", sizeof desc - strlen(desc) - 1);
		ret = enc_filter_audio(&g, d.dec[ENC_AUDIO], d.st[ENC_AUDIO]->time_base, desc, false);
		if (ret == ST_OK)
			ret = run(&d, &g, m);
	}
	if (packets)
		*packets = d.packets;
	enc_filter_free(&g);
	enc_decoder_close(&d);
	return ret;
}
