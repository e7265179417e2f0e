/* rendition.c — filters, encoders and container of one output. */
#include <stdlib.h>
#include <string.h>

#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>

#include "avcompat.h"
#include "encoder.h"
#include "msg.h"
#include "rendition.h"
#include "status.h"

#define CHAIN_LEN 1024

static int open_video(struct enc_rendition *r, const struct enc_decoder *dec, bool gh)
{
	struct enc_track *t = &r->track[ENC_VIDEO];
	char desc[CHAIN_LEN];
	int ret;

	enc_chain_video(desc, sizeof desc, r->preset, dec->dec[ENC_VIDEO], dec->frame_rate,
			&r->setup.cut);
	ret = enc_filter_video(&t->filter, dec->dec[ENC_VIDEO], dec->st[ENC_VIDEO]->time_base,
			       dec->frame_rate, dec->sample_aspect, desc);
	if (ret == ST_OK)
		ret = enc_encoder_video(&t->enc, t->filter.sink, dec->dec[ENC_VIDEO],
					&r->setup.video, gh, r->setup.threads, &r->setup.pass);
	if (ret == ST_OK)
		ret = enc_mux_add_stream(&r->mux, t->enc, NULL, &t->stream);
	return ret;
}

static int open_audio(struct enc_rendition *r, const struct enc_decoder *dec, bool gh,
		      const char *lang)
{
	struct enc_track *t = &r->track[ENC_AUDIO];
	const AVCodec *codec = avcodec_find_encoder_by_name(r->preset->audio.codec);
	const enum AVSampleFormat *fmts = codec ? st_codec_sample_fmts(codec) : NULL;
	enum AVSampleFormat fmt = fmts ? fmts[0] : AV_SAMPLE_FMT_FLTP;
	char desc[CHAIN_LEN];
	int ret;

	enc_chain_audio(desc, sizeof desc, r->preset, fmt, &r->setup.cut, &r->setup.gain);
	ret = enc_filter_audio(&t->filter, dec->dec[ENC_AUDIO], dec->st[ENC_AUDIO]->time_base,
			       desc, false);
	if (ret == ST_OK)
		ret = enc_encoder_audio(&t->enc, t->filter.sink, &r->preset->audio, gh);
	if (ret == ST_OK)
		ret = enc_mux_add_stream(&r->mux, t->enc, lang, &t->stream);
	return ret;
}

static int open_image(struct enc_rendition *r, const struct enc_decoder *dec)
{
	int lane = r->preset->image.type == ENC_WAVEFORM ? ENC_AUDIO : ENC_VIDEO;
	struct enc_track *t = &r->track[lane];
	char desc[CHAIN_LEN];
	int ret;

	enc_chain_image(desc, sizeof desc, r->preset, dec->dec[lane], dec->frame_rate,
			&r->setup.cut);
	if (lane == ENC_VIDEO)
		ret = enc_filter_video(&t->filter, dec->dec[lane], dec->st[lane]->time_base,
				       dec->frame_rate, dec->sample_aspect, desc);
	else
		ret = enc_filter_audio(&t->filter, dec->dec[lane], dec->st[lane]->time_base, desc,
				       true);
	if (ret == ST_OK)
		ret = enc_encoder_image(&t->enc, t->filter.sink, &r->preset->image);
	if (ret == ST_OK)
		ret = enc_mux_add_stream(&r->mux, t->enc, NULL, &t->stream);
	return ret;
}

static int open_tracks(struct enc_rendition *r, const struct enc_decoder *dec,
		       const struct st_meta *meta)
{
	bool gh = enc_mux_global_header(&r->mux);
	const char *lang = st_lang_iso639_2(meta->language);
	int ret = ST_OK;

	switch (r->preset->kind) {
	case ENC_KIND_AV:
		ret = open_video(r, dec, gh);
		if (ret == ST_OK && dec->dec[ENC_AUDIO])
			ret = open_audio(r, dec, gh, lang);
		break;
	case ENC_KIND_AUDIO:
		ret = open_audio(r, dec, gh, lang);
		break;
	case ENC_KIND_IMAGE:
		ret = open_image(r, dec);
		break;
	}
	return ret;
}

/* Caption streams: added before the header, their cues written after it
 * (the muxer interleaves them with the sound and pictures to come). */
static int add_captions(struct enc_rendition *r)
{
	int ret = ST_OK;

	if (r->preset->kind != ENC_KIND_AV || !r->setup.ncaptions)
		return ST_OK;
	r->subs = st_xcalloc(r->setup.ncaptions, sizeof *r->subs);
	r->sub_streams = st_xcalloc(r->setup.ncaptions, sizeof *r->sub_streams);
	for (size_t i = 0; i < r->setup.ncaptions && ret == ST_OK; i++)
		ret = enc_caption_add_stream(&r->mux, &r->setup.captions[i], &r->subs[i],
					     &r->sub_streams[i]);
	return ret;
}

static int write_captions(struct enc_rendition *r)
{
	int ret = ST_OK;

	for (size_t i = 0; r->subs && i < r->setup.ncaptions && ret == ST_OK; i++)
		ret = enc_caption_write(&r->mux, r->subs[i], r->sub_streams[i],
					&r->setup.captions[i], &r->setup.cut);
	return ret;
}

int enc_rendition_open(struct enc_rendition *r, const struct enc_setup *s,
		       const struct enc_decoder *dec, const struct st_meta *meta)
{
	int ret;

	memset(r, 0, sizeof *r);
	r->setup = *s;
	r->preset = s->preset;
	r->mux.file.fd = -1;
	r->filtered = av_frame_alloc();
	r->pkt = av_packet_alloc();
	if (!r->filtered || !r->pkt) {
		st_error(_("out of memory"));
		return ST_OSERR;
	}
	ret = enc_mux_open(&r->mux, s->path, s->preset->muxer);
	if (ret == ST_OK)
		ret = open_tracks(r, dec, meta);
	if (ret == ST_OK)
		ret = add_captions(r);
	if (ret == ST_OK && r->preset->kind == ENC_KIND_AV)
		ret = enc_chapters_add(r->mux.oc, &s->chapters);
	if (ret == ST_OK)
		ret = enc_mux_start(&r->mux, meta);
	if (ret == ST_OK)
		ret = write_captions(r);
	return ret;
}

/* A still preset keeps the first picture its chain delivers. */
static int write_packet(struct enc_rendition *r, struct enc_track *t)
{
	if (r->preset->kind == ENC_KIND_IMAGE && r->pictures++ > 0) {
		av_packet_unref(r->pkt);
		return ST_OK;
	}
	if (t->enc->codec_type == AVMEDIA_TYPE_VIDEO)
		atomic_fetch_add(&r->frames, 1);
	t->packets++;
	return enc_mux_write(&r->mux, r->pkt, t->enc->time_base, t->stream);
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
			ret = write_packet(r, t);
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
		if (ret == AVERROR_EOF) {
			t->ended = true;
			return encode(r, t, NULL);
		}
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

	if (!t->enc || t->ended)
		return ST_OK;
	if (frame->pts != AV_NOPTS_VALUE) {
		double at = frame->pts * av_q2d(t->filter.src->outputs[0]->time_base) -
			    r->setup.cut.start;

		atomic_store(&r->done_us, (long long)(at * 1e6));
	}
	ret = av_buffersrc_add_frame_flags(t->filter.src, frame, AV_BUFFERSRC_FLAG_KEEP_REF);
	/* EOF (FFmpeg 7): the selection has ended; the sink says so next. */
	if (ret < 0 && ret != AVERROR_EOF)
		return filter_failed(r, ret);
	return drain_filter(r, t);
}

/* A track that received nothing (a master whose every packet of that
 * stream was damaged) would leave a container without its media: refused
 * before it gets its final name. */
static int nothing_decoded(const struct enc_rendition *r)
{
	for (int l = 0; l < ENC_LANES; l++) {
		const struct enc_track *t = &r->track[l];

		if (!t->enc || t->packets)
			continue;
		if (t->enc->codec_type == AVMEDIA_TYPE_AUDIO)
			st_error(_("cannot encode %s with preset %s: no sound could be decoded from it"),
				 r->setup.master, r->preset->name);
		else
			st_error(_("cannot encode %s with preset %s: no picture could be decoded from it"),
				 r->setup.master, r->preset->name);
		return ST_DATAERR;
	}
	return ST_OK;
}

/* Closing the source at the end of the last frame, rather than at its
 * start, keeps that frame through the fps filter. */
int enc_rendition_finish(struct enc_rendition *r, const int64_t end_pts[ENC_LANES])
{
	int ret;

	for (int l = 0; l < ENC_LANES; l++) {
		struct enc_track *t = &r->track[l];

		if (!t->enc || t->ended)
			continue;
		ret = av_buffersrc_close(t->filter.src, end_pts[l], AV_BUFFERSRC_FLAG_PUSH);
		if (ret < 0)
			return filter_failed(r, ret);
		ret = drain_filter(r, t);
		if (ret != ST_OK)
			return ret;
	}
	if (r->preset->kind == ENC_KIND_IMAGE && !r->pictures) {
		st_error(_("cannot encode %s with preset %s: the selection gives no picture"),
			 r->setup.master, r->preset->name);
		return ST_DATAERR;
	}
	if (r->preset->kind != ENC_KIND_IMAGE && (ret = nothing_decoded(r)) != ST_OK)
		return ret;
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
	for (size_t i = 0; r->subs && i < r->setup.ncaptions; i++)
		avcodec_free_context(&r->subs[i]);
	free(r->subs);
	free(r->sub_streams);
	enc_mux_close(&r->mux);
	av_frame_free(&r->filtered);
	av_packet_free(&r->pkt);
	r->preset = NULL;
}
