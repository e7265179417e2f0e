/* join_copy.c — see join_copy.h. */
#include <stdlib.h>
#include <string.h>

#include <libavutil/intreadwrite.h>

#include "captions.h"
#include "join_copy.h"
#include "msg.h"
#include "status.h"

/* One input file and the stream taken from it. */
struct input {
	AVFormatContext *ic;
	int stream;
	AVRational tb;
};

/* The parts, read one after the other as one stream, in the first part's
 * time base. */
struct video {
	char *const *parts;
	int n, k;                  /* parts, current one */
	struct input in;
	AVRational tb;             /* of the first part */
	int64_t shift, next;       /* added to this part; where the next one starts */
	AVCodecParameters *first;  /* of the first part */
};

static int open_input(struct input *in, const char *path, enum AVMediaType type)
{
	int ret = avformat_open_input(&in->ic, path, NULL, NULL);

	if (ret >= 0)
		ret = avformat_find_stream_info(in->ic, NULL);
	if (ret >= 0)
		ret = av_find_best_stream(in->ic, type, -1, -1, NULL, 0);
	if (ret < 0) {
		st_error(_("cannot read %s: %s"), path, av_err2str(ret));
		return ST_DATAERR;
	}
	in->stream = ret;
	in->tb = in->ic->streams[ret]->time_base;
	return ST_OK;
}

/* The stream, as it is, in M; its index in *INDEX. */
static int add_copy(struct enc_mux *m, const AVStream *in, const char *lang, int *index)
{
	AVStream *st = avformat_new_stream(m->oc, NULL);
	int ret = st ? avcodec_parameters_copy(st->codecpar, in->codecpar) : AVERROR(ENOMEM);

	if (ret >= 0 && lang)
		ret = av_dict_set(&st->metadata, "language", lang, 0);
	if (ret < 0) {
		st_error(_("cannot add a stream to %s: %s"), m->file.final_path, av_err2str(ret));
		return ST_SOFTWARE;
	}
	st->codecpar->codec_tag = 0;
	st->time_base = in->time_base;
	st->avg_frame_rate = in->avg_frame_rate;
	*index = st->index;
	return ST_OK;
}

/* Opens part V->k; one made with other settings than FIRST (the first
 * part's) cannot be joined to it. */
static int open_part(struct video *v)
{
	const AVCodecParameters *c, *first = v->first;
	int ret;

	avformat_close_input(&v->in.ic);
	ret = open_input(&v->in, v->parts[v->k], AVMEDIA_TYPE_VIDEO);
	if (ret != ST_OK)
		return ret;
	c = v->in.ic->streams[v->in.stream]->codecpar;
	if (!first) {
		v->first = avcodec_parameters_alloc();
		if (!v->first || avcodec_parameters_copy(v->first, c) < 0) {
			st_error(_("out of memory"));
			return ST_OSERR;
		}
	} else if (c->codec_id != first->codec_id || c->width != first->width ||
		   c->height != first->height || c->format != first->format) {
		st_error(_("cannot join %s: it was encoded with other settings than the first part"),
			 v->parts[v->k]);
		return ST_DATAERR;
	}
	return ST_OK;
}

/* The next packet of the parts into PKT (timed in V->tb); 1 at the end. */
static int next_video(struct video *v, AVPacket *pkt)
{
	for (;;) {
		int ret = av_read_frame(v->in.ic, pkt);

		if (ret == AVERROR_EOF) {
			if (++v->k >= v->n)
				return 1;
			ret = open_part(v);
			if (ret != ST_OK)
				return ret;
			v->shift = AV_NOPTS_VALUE;
			continue;
		}
		if (ret < 0) {
			st_error(_("cannot read %s: %s"), v->parts[v->k], av_err2str(ret));
			return ST_DATAERR;
		}
		if (pkt->stream_index != v->in.stream) {
			av_packet_unref(pkt);
			continue;
		}
		av_packet_rescale_ts(pkt, v->in.tb, v->tb);
		/* A part's first packet is its keyframe, its earliest picture
		 * (closed GOP): it goes where the previous part ended. */
		if (v->shift == AV_NOPTS_VALUE)
			v->shift = v->k ? v->next - pkt->pts : 0;
		pkt->pts += v->shift;
		if (pkt->dts != AV_NOPTS_VALUE)
			pkt->dts += v->shift;
		v->next = FFMAX(v->next, pkt->pts + pkt->duration);
		return ST_OK;
	}
}

/* A packet whose end is padding (the last Opus packet of a WebM file: its
 * DiscardPadding, read back as side data) lasts only up to the samples it
 * keeps, as the encoder said when it was written: otherwise the copy's
 * container would last the padding longer. */
static void trim_padding(const struct input *a, AVPacket *pkt)
{
	size_t size;
	const uint8_t *skip = av_packet_get_side_data(pkt, AV_PKT_DATA_SKIP_SAMPLES, &size);
	int rate = a->ic->streams[a->stream]->codecpar->sample_rate;

	if (skip && size >= 8 && rate > 0 && pkt->duration > 0) {
		int64_t end = AV_RL32(skip + 4);

		/* Rounded down: the kept samples' time rounded up, as the muxer does. */
		pkt->duration = FFMAX(0, pkt->duration - av_rescale_q_rnd(end, (AVRational){1, rate},
									a->tb, AV_ROUND_DOWN));
	}
}

static int next_audio(struct input *a, AVPacket *pkt, const char *path)
{
	for (;;) {
		int ret = av_read_frame(a->ic, pkt);

		if (ret == AVERROR_EOF)
			return 1;
		if (ret < 0) {
			st_error(_("cannot read %s: %s"), path, av_err2str(ret));
			return ST_DATAERR;
		}
		if (pkt->stream_index == a->stream) {
			trim_padding(a, pkt);
			return ST_OK;
		}
		av_packet_unref(pkt);
	}
}

static int64_t when(const AVPacket *p)
{
	return p->dts != AV_NOPTS_VALUE ? p->dts : p->pts;
}

/* Writes both streams interleaved by time until both end. */
static int interleave(struct enc_mux *m, struct video *v, struct input *a, const char *audio,
		      int vout, int aout)
{
	AVPacket *vp = av_packet_alloc(), *ap = av_packet_alloc();
	int vr = ST_OK, ar = a->ic ? ST_OK : 1, ret = ST_OK;

	if (!vp || !ap) {
		st_error(_("out of memory"));
		ret = ST_OSERR;
	}
	if (ret == ST_OK)
		vr = next_video(v, vp);
	if (ret == ST_OK && ar == ST_OK)
		ar = next_audio(a, ap, audio);
	while (ret == ST_OK && (vr == ST_OK || ar == ST_OK)) {
		bool video = vr == ST_OK &&
			     (ar != ST_OK || av_compare_ts(when(vp), v->tb, when(ap), a->tb) <= 0);

		if (video) {
			ret = enc_mux_write(m, vp, v->tb, vout);
			vr = ret == ST_OK ? next_video(v, vp) : vr;
		} else {
			ret = enc_mux_write(m, ap, a->tb, aout);
			ar = ret == ST_OK ? next_audio(a, ap, audio) : ar;
		}
		if (vr > 1 || vr < 0)
			ret = vr;
		if (ar > 1 || ar < 0)
			ret = ar;
	}
	av_packet_free(&vp);
	av_packet_free(&ap);
	return ret;
}

/* Caption streams: added before the header, written after it. */
static int captions(struct enc_mux *m, const struct enc_setup *s, bool write,
		    AVCodecContext **subs, int *streams)
{
	int ret = ST_OK;

	for (size_t i = 0; i < s->ncaptions && ret == ST_OK; i++)
		ret = write ? enc_caption_write(m, subs[i], streams[i], &s->captions[i], &s->cut)
			    : enc_caption_add_stream(m, &s->captions[i], &subs[i], &streams[i]);
	return ret;
}

static int write_file(struct enc_mux *m, const struct enc_setup *s, struct video *v,
		      struct input *a, const char *audio, const struct st_meta *meta,
		      const char *lang)
{
	AVCodecContext **subs = st_xcalloc(s->ncaptions + 1, sizeof *subs);
	int *streams = st_xcalloc(s->ncaptions + 1, sizeof *streams);
	int vout = 0, aout = 0;
	int ret = add_copy(m, v->in.ic->streams[v->in.stream], NULL, &vout);

	if (ret == ST_OK && a->ic)
		ret = add_copy(m, a->ic->streams[a->stream], lang, &aout);
	if (ret == ST_OK)
		ret = captions(m, s, false, subs, streams);
	if (ret == ST_OK)
		ret = enc_chapters_add(m->oc, &s->chapters);
	if (ret == ST_OK)
		ret = enc_mux_start(m, meta);
	if (ret == ST_OK)
		ret = captions(m, s, true, subs, streams);
	if (ret == ST_OK)
		ret = interleave(m, v, a, audio, vout, aout);
	if (ret == ST_OK)
		ret = enc_mux_finish(m);
	for (size_t i = 0; i < s->ncaptions; i++)
		avcodec_free_context(&subs[i]);
	free(subs);
	free(streams);
	return ret;
}

int enc_join_copy(struct enc_mux *m, const struct enc_setup *s, char *const *parts, int n,
		  const char *audio, const struct st_meta *meta, const char *lang)
{
	struct video v = {.parts = parts, .n = n, .shift = AV_NOPTS_VALUE};
	struct input a = {0};
	int ret = enc_mux_open(m, s->path, s->preset->muxer);

	if (ret == ST_OK)
		ret = open_part(&v);
	v.tb = v.in.tb;
	if (ret == ST_OK && audio)
		ret = open_input(&a, audio, AVMEDIA_TYPE_AUDIO);
	if (ret == ST_OK)
		ret = write_file(m, s, &v, &a, audio, meta, lang);
	avformat_close_input(&v.in.ic);
	avformat_close_input(&a.ic);
	avcodec_parameters_free(&v.first);
	return ret;
}
