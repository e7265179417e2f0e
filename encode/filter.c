/* filter.c — building the per-rendition filter graphs. */
#include <stdio.h>
#include <string.h>

#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/channel_layout.h>
#include <libavutil/pixdesc.h>

#include "filter.h"
#include "msg.h"
#include "status.h"

/* Sources with no usable rate get 25 fps; variable-rate screen captures may
 * report their container's time base (1000 fps) and are capped at 60. */
#define FALLBACK_FPS ((AVRational){25, 1})
#define MAX_FPS ((AVRational){60, 1})

void enc_fit_size(int w, int h, int max_h, int *out_w, int *out_h)
{
	if (h > max_h) {
		w = (int)((int64_t)w * max_h / h);
		h = max_h;
	}
	*out_w = w < 2 ? 2 : w & ~1;
	*out_h = h < 2 ? 2 : h & ~1;
}

/* Creates SRC and SINK in a new graph and links them through DESC. */
static int build(struct enc_filter *f, const char *src_name, const char *src_args,
		 const char *sink_name, const char *desc)
{
	AVFilterInOut *in = avfilter_inout_alloc(), *out = avfilter_inout_alloc();
	int ret = AVERROR(ENOMEM);

	f->graph = avfilter_graph_alloc();
	if (!f->graph || !in || !out)
		goto fail;
	ret = avfilter_graph_create_filter(&f->src, avfilter_get_by_name(src_name), "in",
					   src_args, NULL, f->graph);
	if (ret < 0)
		goto fail;
	ret = avfilter_graph_create_filter(&f->sink, avfilter_get_by_name(sink_name), "out",
					   NULL, NULL, f->graph);
	if (ret < 0)
		goto fail;
	out->name = av_strdup("in");
	out->filter_ctx = f->src;
	in->name = av_strdup("out");
	in->filter_ctx = f->sink;
	if (!out->name || !in->name) {
		ret = AVERROR(ENOMEM);
		goto fail;
	}
	ret = avfilter_graph_parse_ptr(f->graph, desc, &in, &out, NULL);
	if (ret >= 0)
		ret = avfilter_graph_config(f->graph, NULL);
fail:
	avfilter_inout_free(&in);
	avfilter_inout_free(&out);
	if (ret < 0) {
		st_error(_("cannot set up the filters \"%s\": %s"), desc, av_err2str(ret));
		return ST_SOFTWARE;
	}
	return ST_OK;
}

AVRational enc_output_fps(AVRational source, AVRational wanted)
{
	if (wanted.num > 0)
		return wanted;
	if (source.num <= 0 || source.den <= 0)
		return FALLBACK_FPS;
	return av_cmp_q(source, MAX_FPS) > 0 ? MAX_FPS : source;
}

void enc_buffer_args(char *args, size_t len, const AVCodecContext *dec, AVRational tb,
		     AVRational frame_rate, AVRational sar)
{
	AVRational fps = enc_output_fps(frame_rate, (AVRational){0, 0});

	if (sar.num <= 0 || sar.den <= 0)
		sar = (AVRational){1, 1};
	snprintf(args, len,
		 "video_size=%dx%d:pix_fmt=%d:time_base=%d/%d:pixel_aspect=%d/%d:frame_rate=%d/%d",
		 dec->width, dec->height, dec->pix_fmt, tb.num, tb.den, sar.num, sar.den,
		 fps.num, fps.den);
}

int enc_filter_video(struct enc_filter *f, const AVCodecContext *dec, AVRational tb,
		     AVRational frame_rate, AVRational sar, const char *desc)
{
	char args[256];

	enc_buffer_args(args, sizeof args, dec, tb, frame_rate, sar);
	return build(f, "buffer", args, "buffersink", desc);
}

int enc_abuffer_args(char *args, size_t len, const AVCodecContext *dec, AVRational tb)
{
	AVChannelLayout in_layout = {0};
	char in_name[64];
	int ret;

	if (dec->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
		av_channel_layout_default(&in_layout, dec->ch_layout.nb_channels);
	else if (av_channel_layout_copy(&in_layout, &dec->ch_layout) < 0) {
		st_error(_("out of memory"));
		return ST_OSERR;
	}
	ret = av_channel_layout_describe(&in_layout, in_name, sizeof in_name);
	av_channel_layout_uninit(&in_layout);
	if (ret < 0) {
		st_error(_("cannot describe the channel layout: %s"), av_err2str(ret));
		return ST_SOFTWARE;
	}
	snprintf(args, len, "time_base=%d/%d:sample_rate=%d:sample_fmt=%s:channel_layout=%s",
		 tb.num, tb.den, dec->sample_rate, av_get_sample_fmt_name(dec->sample_fmt), in_name);
	return ST_OK;
}

int enc_filter_audio(struct enc_filter *f, const AVCodecContext *dec, AVRational tb,
		     const char *desc, bool picture)
{
	char args[256];
	int ret = enc_abuffer_args(args, sizeof args, dec, tb);

	if (ret != ST_OK)
		return ret;
	return build(f, "abuffer", args, picture ? "buffersink" : "abuffersink", desc);
}

void enc_filter_free(struct enc_filter *f)
{
	avfilter_graph_free(&f->graph);
	f->src = f->sink = NULL;
}
