/* mix.c — see mix.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/avstring.h>

#include "filter.h"
#include "mix.h"
#include "msg.h"
#include "paths.h"
#include "status.h"

static int open_track(struct enc_mix *m, int k, const char *path)
{
	const AVCodecParameters *par = m->st[k]->codecpar;
	const AVCodec *codec = avcodec_find_decoder(par->codec_id);
	int ret = AVERROR_DECODER_NOT_FOUND;

	if (codec && !(m->dec[k] = avcodec_alloc_context3(codec))) {
		st_error(_("out of memory"));
		return ST_OSERR;
	}
	if (codec)
		ret = avcodec_parameters_to_context(m->dec[k], par);
	if (ret >= 0) {
		m->dec[k]->pkt_timebase = m->st[k]->time_base;
		ret = avcodec_open2(m->dec[k], codec, NULL);
	}
	if (ret >= 0 && (m->dec[k]->sample_rate <= 0 || m->dec[k]->ch_layout.nb_channels <= 0 ||
			 m->dec[k]->sample_fmt == AV_SAMPLE_FMT_NONE))
		ret = AVERROR_INVALIDDATA;
	if (ret < 0) {
		st_error(_("cannot decode audio track %d of %s: %s"), k + 1, path, av_err2str(ret));
		return ST_DATAERR;
	}
	return ST_OK;
}

int enc_mix_count(const AVFormatContext *fmt, int *mono)
{
	int n = 0;

	*mono = 0;
	for (unsigned i = 0; i < fmt->nb_streams; i++) {
		const AVCodecParameters *par = fmt->streams[i]->codecpar;

		if (par->codec_type != AVMEDIA_TYPE_AUDIO)
			continue;
		n++;
		*mono += par->ch_layout.nb_channels == 1;
	}
	return n;
}

int enc_mix_default_track(const AVFormatContext *fmt)
{
	int mono, n = enc_mix_count(fmt, &mono);

	return n > 1 && mono == n ? ENC_TRACK_MIX : 0;
}

/* Track K's chain to stereo at RATE: mono ones panned as mix.h says. */
static void track_chain(const struct enc_mix *m, int k, int mono, int nmono, int rate,
			char *buf, size_t len)
{
	size_t n = 0;

	if (m->dec[k]->ch_layout.nb_channels == 1) {
		double angle = nmono == 1 ? M_PI / 4 : M_PI / 2 * mono / (nmono - 1);

		n = (size_t)snprintf(buf, len, "pan=stereo|c0=%.6f*c0|c1=%.6f*c0,", cos(angle),
				     sin(angle));
	}
	snprintf(buf + n, len - n, "aformat=sample_fmts=fltp:sample_rates=%d:channel_layouts=stereo",
		 rate);
}

/* "[t0]CHAIN[m0];[t1]CHAIN[m1];…[m0][m1]…amix…,asettb=TB[out]" */
static char *graph_desc(const struct enc_mix *m)
{
	AVRational tb = m->st[0]->time_base;
	int nmono = 0, mono = 0, rate = m->dec[0]->sample_rate;
	size_t len = 256 + (size_t)m->n * 160, n = 0;
	char *desc = st_xcalloc(len, 1), chain[128];

	for (int k = 0; k < m->n; k++)
		nmono += m->dec[k]->ch_layout.nb_channels == 1;
	for (int k = 0; k < m->n; k++) {
		track_chain(m, k, mono, nmono, rate, chain, sizeof chain);
		mono += m->dec[k]->ch_layout.nb_channels == 1;
		n += (size_t)snprintf(desc + n, len - n, "[t%d]%s[m%d];", k, chain, k);
	}
	for (int k = 0; k < m->n; k++)
		n += (size_t)snprintf(desc + n, len - n, "[m%d]", k);
	snprintf(desc + n, len - n, "amix=inputs=%d:duration=longest:normalize=0,asettb=tb=%d/%d[out]",
		 m->n, tb.num, tb.den);
	return desc;
}

/* Links each track's abuffer (outputs "tK") and the sink (input "out"). */
static int link_graph(struct enc_mix *m, const char *desc)
{
	AVFilterInOut *outs = NULL, *in = avfilter_inout_alloc();
	int ret = in ? 0 : AVERROR(ENOMEM);

	for (int k = m->n - 1; k >= 0 && ret >= 0; k--) {
		AVFilterInOut *o = avfilter_inout_alloc();

		if (!o) {
			ret = AVERROR(ENOMEM);
			break;
		}
		o->name = av_asprintf("t%d", k);
		o->filter_ctx = m->src[k];
		o->next = outs;
		outs = o;
		ret = o->name ? 0 : AVERROR(ENOMEM);
	}
	if (ret >= 0) {
		in->name = av_strdup("out");
		in->filter_ctx = m->sink;
		ret = in->name ? 0 : AVERROR(ENOMEM);
	}
	if (ret >= 0)
		ret = avfilter_graph_parse_ptr(m->graph, desc, &in, &outs, NULL);
	if (ret >= 0)
		ret = avfilter_graph_config(m->graph, NULL);
	avfilter_inout_free(&in);
	avfilter_inout_free(&outs);
	return ret;
}

static int build_graph(struct enc_mix *m)
{
	char args[256], *desc = graph_desc(m);
	int ret = (m->graph = avfilter_graph_alloc()) ? 0 : AVERROR(ENOMEM);

	for (int k = 0; k < m->n && ret >= 0; k++) {
		if (enc_abuffer_args(args, sizeof args, m->dec[k], m->st[k]->time_base) != ST_OK) {
			free(desc);
			return ST_SOFTWARE;
		}
		ret = avfilter_graph_create_filter(&m->src[k], avfilter_get_by_name("abuffer"), NULL,
						   args, NULL, m->graph);
	}
	if (ret >= 0)
		ret = avfilter_graph_create_filter(&m->sink, avfilter_get_by_name("abuffersink"),
						   "out", NULL, NULL, m->graph);
	if (ret >= 0)
		ret = link_graph(m, desc);
	if (ret < 0)
		st_error(_("cannot set up the filters \"%s\": %s"), desc, av_err2str(ret));
	free(desc);
	return ret < 0 ? ST_SOFTWARE : ST_OK;
}

/* The mixed frames' format, for those who build graphs after the mix. */
static int describe_output(struct enc_mix *m)
{
	m->out = avcodec_alloc_context3(NULL);
	m->frame = av_frame_alloc();
	if (!m->out || !m->frame) {
		st_error(_("out of memory"));
		return ST_OSERR;
	}
	m->out->codec_type = AVMEDIA_TYPE_AUDIO;
	m->out->sample_fmt = (enum AVSampleFormat)av_buffersink_get_format(m->sink);
	m->out->sample_rate = av_buffersink_get_sample_rate(m->sink);
	if (av_buffersink_get_ch_layout(m->sink, &m->out->ch_layout) < 0) {
		st_error(_("out of memory"));
		return ST_OSERR;
	}
	return ST_OK;
}

int enc_mix_open(struct enc_mix *m, AVFormatContext *fmt, const char *path, int64_t start)
{
	int ret = ST_OK;

	memset(m, 0, sizeof *m);
	m->start = start;
	m->st = st_xcalloc(fmt->nb_streams, sizeof *m->st);
	for (unsigned i = 0; i < fmt->nb_streams; i++)
		if (fmt->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO)
			m->st[m->n++] = fmt->streams[i];
	if (!m->n)
		return ST_OK;
	m->dec = st_xcalloc((size_t)m->n, sizeof *m->dec);
	m->src = st_xcalloc((size_t)m->n, sizeof *m->src);
	m->end = st_xcalloc((size_t)m->n, sizeof *m->end);
	m->flushed = st_xcalloc((size_t)m->n, sizeof *m->flushed);
	for (int k = 0; k < m->n && ret == ST_OK; k++)
		ret = open_track(m, k, path);
	if (ret == ST_OK)
		ret = build_graph(m);
	if (ret == ST_OK)
		ret = describe_output(m);
	return ret;
}

int enc_mix_track(const struct enc_mix *m, int index)
{
	for (int k = 0; k < m->n; k++)
		if (m->st[k]->index == index)
			return k;
	return -1;
}

/* Moves every frame track K's decoder has ready into the graph. */
static int drain(struct enc_mix *m, int k)
{
	AVRational tb = m->st[k]->time_base;

	for (;;) {
		int ret = avcodec_receive_frame(m->dec[k], m->frame);

		if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
			return 0;
		if (ret == AVERROR_INVALIDDATA)
			continue;
		if (ret < 0)
			return ret;
		m->frame->pts = m->frame->best_effort_timestamp;
		if (m->frame->pts != AV_NOPTS_VALUE) {
			m->frame->pts -= av_rescale_q(m->start, AV_TIME_BASE_Q, tb);
			m->end[k] = FFMAX(m->end[k], m->frame->pts +
					  av_rescale_q(m->frame->nb_samples,
						       (AVRational){1, m->frame->sample_rate}, tb));
		}
		ret = av_buffersrc_add_frame(m->src[k], m->frame);
		av_frame_unref(m->frame);
		if (ret < 0)
			return ret;
	}
}

static int flush(struct enc_mix *m, int k)
{
	int ret = avcodec_send_packet(m->dec[k], NULL);

	if (ret < 0 && ret != AVERROR_EOF)
		return ret;
	ret = drain(m, k);
	m->flushed[k] = true;
	return ret < 0 ? ret : av_buffersrc_close(m->src[k], m->end[k], 0);
}

int enc_mix_send(struct enc_mix *m, int k, const AVPacket *pkt)
{
	int ret = 0;

	if (!pkt) {
		for (k = 0; k < m->n && ret >= 0; k++)
			if (!m->flushed[k])
				ret = flush(m, k);
		return ret;
	}
	ret = avcodec_send_packet(m->dec[k], pkt);
	return ret < 0 ? ret : drain(m, k);
}

int enc_mix_receive(struct enc_mix *m, AVFrame *frame)
{
	return av_buffersink_get_frame(m->sink, frame);
}

void enc_mix_close(struct enc_mix *m)
{
	for (int k = 0; m->dec && k < m->n; k++)
		avcodec_free_context(&m->dec[k]);
	avfilter_graph_free(&m->graph);
	avcodec_free_context(&m->out);
	av_frame_free(&m->frame);
	free(m->dec);
	free(m->src);
	free(m->end);
	free(m->flushed);
	free(m->st);
	memset(m, 0, sizeof *m);
}
