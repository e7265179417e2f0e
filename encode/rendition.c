/* rendition.c — filters, encoders and container of one output. */
#include <string.h>

#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>

#include "encoder.h"
#include "msg.h"
#include "rendition.h"
#include "status.h"

static int open_video(struct enc_rendition *r, const struct enc_decoder *dec, bool gh)
{
	struct enc_track *t = &r->track[ENC_VIDEO];
	int ret = enc_filter_video(&t->filter, dec->dec[ENC_VIDEO], dec->st[ENC_VIDEO]->time_base,
				   dec->frame_rate, dec->sample_aspect, &r->preset->video);

	if (ret == ST_OK)
		ret = enc_encoder_video(&t->enc, t->filter.sink, dec->dec[ENC_VIDEO],
					&r->preset->video, gh);
	if (ret == ST_OK)
		ret = enc_mux_add_stream(&r->mux, t->enc, NULL, &t->stream);
	return ret;
}

static int open_audio(struct enc_rendition *r, const struct enc_decoder *dec, bool gh,
		      const char *lang)
{
	struct enc_track *t = &r->track[ENC_AUDIO];
	int ret = enc_filter_audio(&t->filter, dec->dec[ENC_AUDIO], dec->st[ENC_AUDIO]->time_base,
				   &r->preset->audio);

	if (ret == ST_OK)
		ret = enc_encoder_audio(&t->enc, t->filter.sink, &r->preset->audio, gh);
	if (ret == ST_OK)
		ret = enc_mux_add_stream(&r->mux, t->enc, lang, &t->stream);
	return ret;
}

int enc_rendition_open(struct enc_rendition *r, const struct enc_preset *p,
		       const char *final_path, const struct enc_decoder *dec,
		       const struct st_meta *meta)
{
	int ret;

	memset(r, 0, sizeof *r);
	r->preset = p;
	r->mux.file.fd = -1;
	r->filtered = av_frame_alloc();
	r->pkt = av_packet_alloc();
	if (!r->filtered || !r->pkt) {
		st_error(_("out of memory"));
		return ST_OSERR;
	}
	ret = enc_mux_open(&r->mux, final_path, p->container);
	if (ret == ST_OK)
		ret = open_video(r, dec, enc_mux_global_header(&r->mux));
	if (ret == ST_OK && dec->dec[ENC_AUDIO])
		ret = open_audio(r, dec, enc_mux_global_header(&r->mux),
				 st_lang_iso639_2(meta->language));
	if (ret == ST_OK)
		ret = enc_mux_start(&r->mux, meta);
	return ret;
}

/* Sends FRAME (NULL: flush) to the encoder and writes what comes out. */
static int encode(struct enc_rendition *r, struct enc_track *t, const AVFrame *frame)
{
	int ret = avcodec_send_frame(t->enc, frame);

	while (ret >= 0) {
		ret = avcodec_receive_packet(t->enc, r->pkt);
		if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
			return ST_OK;
		if (ret >= 0) {
			ret = enc_mux_write(&r->mux, r->pkt, t->enc->time_base, t->stream);
			if (ret != ST_OK)
				return ret;
		}
	}
	st_error(_("cannot encode %s: %s"), r->mux.file.final_path, av_err2str(ret));
	return ST_SOFTWARE;
}

static int filter_failed(const struct enc_rendition *r, int ret)
{
	st_error(_("cannot filter %s: %s"), r->mux.file.final_path, av_err2str(ret));
	return ST_SOFTWARE;
}

/* Encodes every frame the filter graph has ready; at its end, flushes. */
static int drain_filter(struct enc_rendition *r, struct enc_track *t)
{
	for (;;) {
		int ret = av_buffersink_get_frame(t->filter.sink, r->filtered);

		if (ret == AVERROR(EAGAIN))
			return ST_OK;
		if (ret == AVERROR_EOF)
			return encode(r, t, NULL);
		if (ret < 0)
			return filter_failed(r, ret);
		/* Keyframe placement is the encoder's (closed GOPs), not the source's. */
		r->filtered->pict_type = AV_PICTURE_TYPE_NONE;
		ret = encode(r, t, r->filtered);
		av_frame_unref(r->filtered);
		if (ret != ST_OK)
			return ret;
	}
}

int enc_rendition_send(struct enc_rendition *r, int lane, AVFrame *frame)
{
	struct enc_track *t = &r->track[lane];
	int ret;

	if (!t->enc)
		return ST_OK;
	ret = av_buffersrc_add_frame_flags(t->filter.src, frame, AV_BUFFERSRC_FLAG_KEEP_REF);
	if (ret < 0)
		return filter_failed(r, ret);
	return drain_filter(r, t);
}

/* Closing the source at the end of the last frame, rather than at its
 * start, keeps that frame through the fps filter. */
int enc_rendition_finish(struct enc_rendition *r, const struct enc_decoder *dec)
{
	for (int l = 0; l < ENC_LANES; l++) {
		struct enc_track *t = &r->track[l];
		int ret;

		if (!t->enc)
			continue;
		ret = av_buffersrc_close(t->filter.src, dec->end_pts[l], AV_BUFFERSRC_FLAG_PUSH);
		if (ret < 0)
			return filter_failed(r, ret);
		ret = drain_filter(r, t);
		if (ret != ST_OK)
			return ret;
	}
	return enc_mux_finish(&r->mux);
}

int enc_rendition_commit(struct enc_rendition *r)
{
	return enc_mux_commit(&r->mux);
}

void enc_rendition_close(struct enc_rendition *r)
{
	if (!r->preset)
		return;
	for (int l = 0; l < ENC_LANES; l++) {
		enc_filter_free(&r->track[l].filter);
		avcodec_free_context(&r->track[l].enc);
	}
	enc_mux_close(&r->mux);
	av_frame_free(&r->filtered);
	av_packet_free(&r->pkt);
	r->preset = NULL;
}
