/* mux.c — the output container. */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "mux.h"
#include "status.h"

int enc_mux_open(struct enc_mux *m, const char *final_path, const char *format)
{
	int ret;

	memset(m, 0, sizeof *m);
	m->file.fd = -1;
	ret = st_atomic_open(&m->file, final_path);
	if (ret != ST_OK)
		return ret;
	ret = avformat_alloc_output_context2(&m->oc, NULL, format, m->file.tmp_path);
	if (ret < 0) {
		st_error(_("cannot create %s: %s"), final_path, av_err2str(ret));
		return ST_SOFTWARE;
	}
	ret = avio_open(&m->oc->pb, m->file.tmp_path, AVIO_FLAG_WRITE);
	if (ret < 0) {
		st_error(_("cannot create %s: %s"), m->file.tmp_path, av_err2str(ret));
		return ST_CANTCREAT;
	}
	return ST_OK;
}

bool enc_mux_global_header(const struct enc_mux *m)
{
	return m->oc->oformat->flags & AVFMT_GLOBALHEADER;
}

int enc_mux_add_stream(struct enc_mux *m, const AVCodecContext *c, const char *lang, int *index)
{
	AVStream *st = avformat_new_stream(m->oc, NULL);
	int ret;

	if (!st) {
		st_error(_("out of memory"));
		return ST_OSERR;
	}
	ret = avcodec_parameters_from_context(st->codecpar, c);
	if (ret >= 0 && lang)
		ret = av_dict_set(&st->metadata, "language", lang, 0);
	if (ret < 0) {
		st_error(_("cannot add a stream to %s: %s"), m->file.final_path, av_err2str(ret));
		return ST_SOFTWARE;
	}
	st->time_base = c->time_base;
	if (c->codec_type == AVMEDIA_TYPE_VIDEO)
		st->avg_frame_rate = c->framerate;
	*index = st->index;
	return ST_OK;
}

/* Ogg carries its tags as the Vorbis comments of the stream: the lib/
 * metadata module writes them into a vorbis_comment, and each
 * "KEY=value" becomes a stream tag that the Ogg muxer writes as is. */
static int vorbis_tags(struct enc_mux *m, const struct st_meta *meta)
{
	vorbis_comment vc;
	int ret = 0;

	/* The comments replace the stream's tags (its language among them):
	 * tag keys are case-insensitive, and Vorbis says LANGUAGE once. */
	av_dict_free(&m->oc->streams[0]->metadata);
	vorbis_comment_init(&vc);
	st_meta_to_vorbis(meta, &vc);
	for (int i = 0; i < vc.comments && ret >= 0; i++) {
		char *eq = strchr(vc.user_comments[i], '=');

		if (!eq)
			continue;
		*eq = '\0';
		ret = av_dict_set(&m->oc->streams[0]->metadata, vc.user_comments[i], eq + 1,
				  AV_DICT_MULTIKEY);
		*eq = '=';
	}
	vorbis_comment_clear(&vc);
	return ret < 0 ? ST_OSERR : ST_OK;
}

/* What the file written by a muxer without tags is given instead. */
static enum enc_stamp_kind stamp_kind(const AVFormatContext *oc)
{
	enum AVCodecID id = oc->nb_streams ? oc->streams[0]->codecpar->codec_id : AV_CODEC_ID_NONE;

	if (!strcmp(oc->oformat->name, "webvtt"))
		return ENC_STAMP_VTT;
	if (strcmp(oc->oformat->name, "image2pipe"))
		return ENC_STAMP_NONE;
	return id == AV_CODEC_ID_PNG ? ENC_STAMP_PNG : id == AV_CODEC_ID_MJPEG ? ENC_STAMP_JPEG
									      : ENC_STAMP_NONE;
}

static int tags(struct enc_mux *m, const struct st_meta *meta)
{
	const char *name = m->oc->oformat->name;

	if (!strcmp(name, "ogg"))
		return m->oc->nb_streams ? vorbis_tags(m, meta) : ST_OK;
	if (!strcmp(name, "image2pipe") || !strcmp(name, "webvtt")) {
		m->stamp = stamp_kind(m->oc);
		m->title = st_xstrdup(meta->title ? meta->title : "");
		m->attribution = st_meta_attribution(meta);
		return ST_OK;
	}
	return st_meta_to_avdict(meta, &m->oc->metadata);
}

int enc_mux_start(struct enc_mux *m, const struct st_meta *meta)
{
	AVDictionary *opts = NULL;
	int ret = tags(m, meta);

	if (ret != ST_OK) {
		st_error(_("out of memory"));
		return ret;
	}
	if (!strcmp(m->oc->oformat->name, "mp4"))
		av_dict_set(&opts, "movflags", "+faststart", 0);
	ret = avformat_write_header(m->oc, &opts);
	if (ret >= 0 && av_dict_count(opts) > 0)
		ret = AVERROR_OPTION_NOT_FOUND;
	av_dict_free(&opts);
	if (ret < 0) {
		st_error(_("cannot write %s: %s"), m->file.final_path, av_err2str(ret));
		return ST_IOERR;
	}
	return ST_OK;
}

int enc_mux_write(struct enc_mux *m, AVPacket *pkt, AVRational tb, int index)
{
	int ret;

	av_packet_rescale_ts(pkt, tb, m->oc->streams[index]->time_base);
	pkt->stream_index = index;
	ret = av_interleaved_write_frame(m->oc, pkt);
	if (ret < 0) {
		st_error(_("cannot write %s: %s"), m->file.final_path, av_err2str(ret));
		return ST_IOERR;
	}
	return ST_OK;
}

int enc_mux_finish(struct enc_mux *m)
{
	int ret = av_write_trailer(m->oc);

	if (ret >= 0)
		ret = avio_closep(&m->oc->pb);
	if (ret < 0) {
		st_error(_("cannot write %s: %s"), m->file.final_path, av_err2str(ret));
		return ST_IOERR;
	}
	return enc_stamp_fd(m->file.fd, m->file.final_path, m->stamp, m->title, m->attribution);
}

int enc_mux_commit(struct enc_mux *m)
{
	return st_atomic_commit(&m->file);
}

void enc_mux_close(struct enc_mux *m)
{
	if (m->oc) {
		avio_closep(&m->oc->pb);
		avformat_free_context(m->oc);
		m->oc = NULL;
	}
	st_atomic_abort(&m->file);
	free(m->title);
	free(m->attribution);
	m->title = m->attribution = NULL;
}
