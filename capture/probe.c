/* probe.c — master files read back with libavformat. */
#include "probe.h"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "status.h"

static void copy_tag(AVDictionary *m, const char *key, char *out, size_t len)
{
	AVDictionaryEntry *e = av_dict_get(m, key, NULL, 0);

	snprintf(out, len, "%s", e ? e->value : "");
}

static void describe_stream(const AVStream *st, struct cap_stream_desc *d)
{
	const AVCodecParameters *p = st->codecpar;

	memset(d, 0, sizeof *d);
	snprintf(d->codec, sizeof d->codec, "%s", avcodec_get_name(p->codec_id));
	copy_tag(st->metadata, "title", d->title, sizeof d->title);
	if (p->codec_type == AVMEDIA_TYPE_VIDEO) {
		d->type = "video";
		d->width = p->width;
		d->height = p->height;
		d->fps = st->avg_frame_rate.num ? st->avg_frame_rate : st->r_frame_rate;
	} else {
		d->type = "audio";
		d->sample_rate = p->sample_rate;
		d->channels = p->ch_layout.nb_channels;
		d->bits = p->bits_per_raw_sample ? p->bits_per_raw_sample
						 : av_get_bits_per_sample(p->codec_id);
	}
}

/* How far every stream of the file reaches: the earliest of the streams'
 * last packet ends, in seconds (after a crash the tracks stop at slightly
 * different points; all of them are there up to this one). */
static int scan(AVFormatContext *fmt, const char *path, double *end)
{
	double ends[CAP_MAX_STREAMS] = {0};
	AVPacket *pkt = av_packet_alloc();
	unsigned n = fmt->nb_streams < CAP_MAX_STREAMS ? fmt->nb_streams : CAP_MAX_STREAMS;
	int ret;

	if (!pkt)
		return ST_OSERR;
	while ((ret = av_read_frame(fmt, pkt)) >= 0) {
		AVStream *st = fmt->streams[pkt->stream_index];
		int64_t ts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;

		if (ts != AV_NOPTS_VALUE && (unsigned)pkt->stream_index < n) {
			double t = (ts + (pkt->duration > 0 ? pkt->duration : 0)) * av_q2d(st->time_base);

			if (t > ends[pkt->stream_index])
				ends[pkt->stream_index] = t;
		}
		av_packet_unref(pkt);
	}
	av_packet_free(&pkt);
	if (ret != AVERROR_EOF && ret != AVERROR_INVALIDDATA) {
		st_error(_("cannot read %s: %s"), path, av_err2str(ret));
		return ST_IOERR;
	}
	*end = n ? ends[0] : 0;
	for (unsigned i = 1; i < n; i++)
		if (ends[i] < *end)
			*end = ends[i];
	return ST_OK;
}

int cap_probe_master(const char *path, struct cap_description *out)
{
	AVFormatContext *fmt = NULL;
	int ret, rc;

	memset(out, 0, sizeof *out);
	ret = avformat_open_input(&fmt, path, NULL, NULL);
	/* A master killed before its first cluster has only its header: the
	 * streams are described there, there is just nothing to probe. */
	if (ret >= 0)
		avformat_find_stream_info(fmt, NULL);
	if (ret == AVERROR_EOF)
		return ST_OK;   /* killed before its first cluster: nothing recorded */
	if (ret < 0) {
		st_error(_("cannot read %s: %s"), path, av_err2str(ret));
		avformat_close_input(&fmt);
		return ST_DATAERR;
	}
	for (unsigned i = 0; i < fmt->nb_streams && i < CAP_MAX_STREAMS; i++)
		describe_stream(fmt->streams[i], &out->streams[out->n_streams++]);
	copy_tag(fmt->metadata, "STUDIO_SOURCE", out->source, sizeof out->source);
	copy_tag(fmt->metadata, "STUDIO_STARTED", out->started, sizeof out->started);
	av_seek_frame(fmt, -1, 0, AVSEEK_FLAG_BACKWARD);
	rc = scan(fmt, path, &out->duration);
	avformat_close_input(&fmt);
	return rc;
}

void cap_describe_writer(const struct cap_writer *w, struct cap_description *out)
{
	const struct cap_master *m = cap_writer_master(w);

	memset(out, 0, sizeof *out);
	out->duration = m->duration;
	if (m->video_codec) {
		struct cap_stream_desc *d = &out->streams[out->n_streams++];

		d->type = "video";
		snprintf(d->codec, sizeof d->codec, "%s", m->video_codec);
		d->width = m->width;
		d->height = m->height;
		d->fps = m->fps;
	}
	for (int i = 0; i < m->audio_tracks; i++) {
		struct cap_stream_desc *d = &out->streams[out->n_streams++];

		d->type = "audio";
		snprintf(d->codec, sizeof d->codec, "%s", m->audio_codec);
		d->sample_rate = m->sample_rate;
		d->channels = m->channels;
		d->bits = m->bits;
		if (m->per_channel)
			snprintf(d->title, sizeof d->title, "channel %d", i + 1);
	}
}
