/* writer_pcm.c — device sound: each channel its own lossless track, the
 * samples stored exactly as the device delivered them. */
#include "writer_int.h"

#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "status.h"

#define F32_BLOCK 1024

static int open_track(struct cap_writer *w, struct cap_track *t, int index)
{
	const struct cap_pcm_spec *p = w->spec.pcm;
	bool flt = p->format == CAP_F32;
	const AVCodec *codec = avcodec_find_encoder(flt ? AV_CODEC_ID_PCM_F32LE : AV_CODEC_ID_FLAC);
	AVCodecContext *c;
	char title[32];
	int ret;

	if (!codec) {
		st_error(_("cannot find the %s encoder in libavcodec"), flt ? "pcm_f32le" : "flac");
		return ST_UNAVAILABLE;
	}
	c = t->enc = avcodec_alloc_context3(codec);
	t->frame = av_frame_alloc();
	if (!c || !t->frame)
		return ST_OSERR;
	c->sample_fmt = flt ? AV_SAMPLE_FMT_FLT : p->format == CAP_S16 ? AV_SAMPLE_FMT_S16
								  : AV_SAMPLE_FMT_S32;
	if (p->format == CAP_S24)
		c->bits_per_raw_sample = 24;
	c->sample_rate = p->rate;
	c->time_base = (AVRational){1, p->rate};
	c->ch_layout = (AVChannelLayout)AV_CHANNEL_LAYOUT_MONO;
	ret = avcodec_open2(c, codec, NULL);
	if (ret < 0) {
		st_error(_("cannot open the %s encoder: %s"), codec->name, av_err2str(ret));
		return ST_UNAVAILABLE;
	}
	ret = cap_writer_add_stream(w, t);
	if (ret != ST_OK)
		return ret;
	snprintf(title, sizeof title, "channel %d", index + 1);
	av_dict_set(&t->st->metadata, "title", title, 0);
	return ST_OK;
}

static int new_frame(struct cap_writer *w, struct cap_track *t)
{
	AVFrame *f = t->frame;

	av_frame_unref(f);
	f->nb_samples = w->block;
	f->format = t->enc->sample_fmt;
	f->sample_rate = t->enc->sample_rate;
	f->ch_layout = (AVChannelLayout)AV_CHANNEL_LAYOUT_MONO;
	return av_frame_get_buffer(f, 0) < 0 ? ST_OSERR : ST_OK;
}

int cap_writer_open_pcm(struct cap_writer *w)
{
	const struct cap_pcm_spec *p = w->spec.pcm;
	int rc = ST_OK;

	w->n_tracks = p->channels;
	for (int i = 0; rc == ST_OK && i < p->channels; i++)
		rc = open_track(w, &w->tracks[i], i);
	if (rc != ST_OK)
		return rc;
	w->block = w->tracks[0].enc->frame_size > 0 ? w->tracks[0].enc->frame_size : F32_BLOCK;
	for (int i = 0; rc == ST_OK && i < p->channels; i++)
		rc = new_frame(w, &w->tracks[i]);
	return rc;
}

/* Encodes the frames being filled (their first W->fill samples). */
static int flush_block(struct cap_writer *w)
{
	int64_t pts = atomic_load(&w->samples);
	int rc = ST_OK;

	for (int i = 0; rc == ST_OK && i < w->n_tracks; i++) {
		struct cap_track *t = &w->tracks[i];

		t->frame->nb_samples = w->fill;
		t->frame->pts = pts;
		rc = cap_writer_encode(w, t, w->apkt, t->frame);
		if (rc == ST_OK)
			rc = new_frame(w, t);
	}
	if (rc == ST_OK)
		atomic_fetch_add(&w->samples, w->fill);
	w->fill = 0;
	return rc;
}

/* De-interleaves N frames starting at IN into the tracks' frames at
 * W->fill.  s24 is packed little-endian 3-byte, stored MSB-aligned in 32
 * bits as libavcodec wants it for 24-bit FLAC. */
static void deinterleave(struct cap_writer *w, const uint8_t *in, int n)
{
	int ch = w->n_tracks;

	for (int c = 0; c < ch; c++) {
		uint8_t *dst = w->tracks[c].frame->data[0];

		switch (w->spec.pcm->format) {
		case CAP_S16:
			for (int i = 0; i < n; i++)
				memcpy(dst + 2 * (w->fill + i), in + 2 * (i * ch + c), 2);
			break;
		case CAP_S24:
			for (int i = 0; i < n; i++) {
				const uint8_t *s = in + 3 * (i * ch + c);
				uint32_t v = (uint32_t)s[0] << 8 | (uint32_t)s[1] << 16 |
					     (uint32_t)s[2] << 24;

				memcpy(dst + 4 * (w->fill + i), &v, 4);
			}
			break;
		case CAP_F32:
			for (int i = 0; i < n; i++)
				memcpy(dst + 4 * (w->fill + i), in + 4 * (i * ch + c), 4);
			break;
		}
	}
	w->fill += n;
}

int cap_writer_pcm(struct cap_writer *w, const void *data, int frames)
{
	const uint8_t *in = data;
	int stride = w->n_tracks * cap_sample_bytes(w->spec.pcm->format);
	int rc = ST_OK;

	while (rc == ST_OK && frames > 0) {
		int n = FFMIN(frames, w->block - w->fill);

		deinterleave(w, in, n);
		in += (size_t)n * stride;
		frames -= n;
		if (w->fill == w->block)
			rc = flush_block(w);
	}
	return rc;
}

int cap_writer_drain_pcm(struct cap_writer *w)
{
	int rc = w->fill > 0 ? flush_block(w) : ST_OK;

	for (int i = 0; rc == ST_OK && i < w->n_tracks; i++)
		rc = cap_writer_encode(w, &w->tracks[i], w->apkt, NULL);
	return rc;
}
