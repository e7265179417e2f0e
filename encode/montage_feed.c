/* montage_feed.c — see montage_feed.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>

#include "filter.h"
#include "montage_feed.h"
#include "msg.h"
#include "paths.h"
#include "status.h"

#define GRAPH_LEN 16384

static int graph_failed(const char *desc, int err)
{
	st_error(_("cannot set up the filters \"%s\": %s"), desc, av_err2str(err));
	return ST_SOFTWARE;
}

/* The buffer source of shot I in LANE's graph, listed in *OUTS as "vI" or
 * "aI" for the graph description to read from. */
static int add_source(struct enc_feed *f, int lane, size_t i, AVFilterInOut **outs)
{
	struct enc_feed_shot *s = &f->shots[i];
	const AVCodecContext *dec = s->dec.dec[lane];
	AVRational tb = s->dec.st[lane]->time_base;
	AVFilterInOut *io = avfilter_inout_alloc();
	char args[256], name[32];
	int ret = ST_OK;

	if (lane == ENC_VIDEO)
		enc_buffer_args(args, sizeof args, dec, tb, s->dec.frame_rate, s->dec.sample_aspect);
	else
		ret = enc_abuffer_args(args, sizeof args, dec, tb);
	snprintf(name, sizeof name, "%c%zu", lane == ENC_VIDEO ? 'v' : 'a', i);
	if (ret == ST_OK && (!io || avfilter_graph_create_filter(&s->src[lane],
			avfilter_get_by_name(lane == ENC_VIDEO ? "buffer" : "abuffer"), name, args,
			NULL, f->graph[lane]) < 0)) {
		st_error(_("cannot set up the filters \"%s\": %s"), args, av_err2str(AVERROR(ENOMEM)));
		ret = ST_SOFTWARE;
	}
	if (ret != ST_OK) {
		avfilter_inout_free(&io);
		return ret;
	}
	io->name = av_strdup(name);
	io->filter_ctx = s->src[lane];
	io->next = *outs;
	*outs = io;
	return ST_OK;
}

/* LANE's graph: a source per shot that has such a stream, DESC, a sink. */
static int build(struct enc_feed *f, int lane, const char *desc)
{
	AVFilterInOut *outs = NULL, *ins = avfilter_inout_alloc();
	int ret = ST_OK, err;

	f->graph[lane] = avfilter_graph_alloc();
	if (!f->graph[lane] || !ins) {
		avfilter_inout_free(&ins);
		return graph_failed(desc, AVERROR(ENOMEM));
	}
	for (size_t i = 0; i < f->n && ret == ST_OK; i++)
		if (f->shots[i].opened && f->shots[i].dec.dec[lane])
			ret = add_source(f, lane, i, &outs);
	err = avfilter_graph_create_filter(&f->sink[lane], avfilter_get_by_name(
			lane == ENC_VIDEO ? "buffersink" : "abuffersink"), "out", NULL, NULL,
			f->graph[lane]);
	if (ret == ST_OK && err >= 0) {
		ins->name = av_strdup("out");
		ins->filter_ctx = f->sink[lane];
		err = avfilter_graph_parse_ptr(f->graph[lane], desc, &ins, &outs, NULL);
		if (err >= 0)
			err = avfilter_graph_config(f->graph[lane], NULL);
	}
	avfilter_inout_free(&ins);
	avfilter_inout_free(&outs);
	return ret == ST_OK && err < 0 ? graph_failed(desc, err) : ret;
}

/* The renditions see the sinks' frames as those of a decoder. */
static int make_shape(struct enc_feed *f, const struct enc_canvas *c)
{
	struct enc_decoder *d = &f->shape;
	AVCodecContext *v = avcodec_alloc_context3(NULL), *a = avcodec_alloc_context3(NULL);

	f->shape_fmt = avformat_alloc_context();
	d->dec[ENC_VIDEO] = v;
	d->dec[ENC_AUDIO] = a;
	if (!v || !a || !f->shape_fmt || !(d->st[ENC_VIDEO] = avformat_new_stream(f->shape_fmt, NULL)) ||
	    !(d->st[ENC_AUDIO] = avformat_new_stream(f->shape_fmt, NULL)) ||
	    av_buffersink_get_ch_layout(f->sink[ENC_AUDIO], &a->ch_layout) < 0) {
		st_error(_("out of memory"));
		return ST_OSERR;
	}
	v->width = av_buffersink_get_w(f->sink[ENC_VIDEO]);
	v->height = av_buffersink_get_h(f->sink[ENC_VIDEO]);
	v->pix_fmt = av_buffersink_get_format(f->sink[ENC_VIDEO]);
	d->st[ENC_VIDEO]->time_base = av_buffersink_get_time_base(f->sink[ENC_VIDEO]);
	d->frame_rate = c->fps;
	d->sample_aspect = (AVRational){1, 1};
	a->sample_rate = av_buffersink_get_sample_rate(f->sink[ENC_AUDIO]);
	a->sample_fmt = av_buffersink_get_format(f->sink[ENC_AUDIO]);
	d->st[ENC_AUDIO]->time_base = av_buffersink_get_time_base(f->sink[ENC_AUDIO]);
	d->path = "";
	return ST_OK;
}

int enc_feed_open(struct enc_feed *f, const struct enc_part *parts, char *const *masters,
		  const int *audio_tracks, size_t n, const struct enc_canvas *c,
		  double transition, const char *font, bool measure)
{
	char *desc = st_xcalloc(GRAPH_LEN, 1);
	int ret = ST_OK;

	memset(f, 0, sizeof *f);
	f->n = n;
	f->shots = st_xcalloc(n, sizeof *f->shots);
	f->in = av_frame_alloc();
	for (size_t i = 0; i < n && ret == ST_OK; i++) {
		struct enc_decoder_opts o = {.audio_track = audio_tracks[i], .need_video = !measure,
					     .skip_video = measure, .seek = parts[i].start,
					     .stop = parts[i].end};

		if (parts[i].card)
			continue;
		ret = enc_decoder_open(&f->shots[i].dec, masters[i], &o);
		f->shots[i].opened = true;
	}
	if (ret == ST_OK && !measure) {
		enc_montage_video_graph(desc, GRAPH_LEN, parts, n, c, transition, font);
		ret = build(f, ENC_VIDEO, desc);
	}
	f->ended[ENC_VIDEO] = measure;
	if (ret == ST_OK) {
		enc_montage_audio_graph(desc, GRAPH_LEN, parts, n, c, transition);
		/* "...[out]" becomes "...[m];[m]ebur128=...[out]". */
		if (measure)
			snprintf(desc + strlen(desc) - 5, GRAPH_LEN - strlen(desc) + 5,
				 "[m];[m]ebur128=peak=true:metadata=1[out]");
		ret = build(f, ENC_AUDIO, desc);
	}
	if (ret == ST_OK && !measure)
		ret = make_shape(f, c);
	if (ret == ST_OK && !f->in) {
		st_error(_("out of memory"));
		ret = ST_OSERR;
	}
	free(desc);
	return ret;
}

/* The end of FRAME of LANE, in its sink's time base. */
static int64_t frame_end(const struct enc_feed *f, int lane, const AVFrame *frame)
{
	if (lane == ENC_AUDIO)
		return frame->pts + frame->nb_samples;
	return frame->pts + av_rescale_q(1, av_inv_q(f->shape.frame_rate),
					 f->shape.st[ENC_VIDEO]->time_base);
}

/* The shot some graph waits for: the source with the most requests it
 * could not answer, else the first shot not finished. */
static struct enc_feed_shot *wanted(struct enc_feed *f)
{
	struct enc_feed_shot *best = NULL, *first = NULL;
	unsigned most = 0;

	for (size_t i = 0; i < f->n; i++) {
		struct enc_feed_shot *s = &f->shots[i];

		if (!s->opened || s->closed)
			continue;
		first = first ? first : s;
		for (int l = 0; l < ENC_LANES; l++) {
			unsigned r = s->src[l] ? av_buffersrc_get_nb_failed_requests(s->src[l]) : 0;

			if (r > most) {
				most = r;
				best = s;
			}
		}
	}
	return best ? best : first;
}

/* Decodes one more frame of S into its graph; at its end, closes its
 * sources. */
static int feed_one(struct enc_feed *f, struct enc_feed_shot *s)
{
	int lane, ret = enc_decoder_next(&s->dec, f->in, &lane), err = 0;

	if (ret != ST_OK)
		return ret;
	if (lane < 0) {
		for (int l = 0; l < ENC_LANES && err >= 0; l++)
			if (s->src[l])
				err = av_buffersrc_close(s->src[l], s->dec.end_pts[l], 0);
		s->closed = true;
	} else if (s->src[lane]) {
		err = av_buffersrc_add_frame_flags(s->src[lane], f->in, 0);
		if (err == AVERROR_EOF)
			err = 0;
	}
	av_frame_unref(f->in);
	if (err < 0) {
		st_error(_("cannot filter %s: %s"), s->dec.path, av_err2str(err));
		return ST_SOFTWARE;
	}
	return ST_OK;
}

int enc_feed_next(void *ctx, AVFrame *frame, int *lane)
{
	struct enc_feed *f = ctx;

	for (;;) {
		struct enc_feed_shot *s;

		for (int k = 0; k < ENC_LANES; k++) {
			int l = (f->turn + k) % ENC_LANES, ret;

			if (f->ended[l])
				continue;
			ret = av_buffersink_get_frame(f->sink[l], frame);
			if (ret >= 0) {
				f->end_pts[l] = frame_end(f, l, frame);
				f->turn = (l + 1) % ENC_LANES;
				*lane = l;
				return ST_OK;
			}
			if (ret == AVERROR_EOF) {
				f->ended[l] = true;
			} else if (ret != AVERROR(EAGAIN)) {
				st_error(_("cannot filter the assembly: %s"), av_err2str(ret));
				return ST_SOFTWARE;
			}
		}
		if (f->ended[ENC_VIDEO] && f->ended[ENC_AUDIO]) {
			*lane = -1;
			return ST_OK;
		}
		s = wanted(f);
		if (!s) {
			st_error(_("cannot filter the assembly: %s"), av_err2str(AVERROR_BUG));
			return ST_SOFTWARE;
		}
		if (feed_one(f, s) != ST_OK)
			return ST_SOFTWARE;
	}
}

void enc_feed_close(struct enc_feed *f)
{
	for (size_t i = 0; f->shots && i < f->n; i++)
		if (f->shots[i].opened)
			enc_decoder_close(&f->shots[i].dec);
	free(f->shots);
	for (int l = 0; l < ENC_LANES; l++) {
		avfilter_graph_free(&f->graph[l]);
		avcodec_free_context(&f->shape.dec[l]);
	}
	avformat_free_context(f->shape_fmt);
	av_frame_free(&f->in);
	memset(f, 0, sizeof *f);
}
