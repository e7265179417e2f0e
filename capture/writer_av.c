/* writer_av.c — video (libx264) and the test source's sound (one FLAC
 * track at 48 kHz through libswresample). */
#include "writer_int.h"

#include <libavutil/pixdesc.h>
#include <math.h>

#include "msg.h"
#include "status.h"

#define TONE_RATE 48000

int cap_writer_open_video(struct cap_writer *w)
{
	const struct cap_source_info *in = w->spec.video;
	const AVCodec *codec = avcodec_find_encoder_by_name("libx264");
	AVDictionary *opts = NULL;
	AVCodecContext *c;
	int ret;

	if (!codec) {
		st_error(_("cannot find the libx264 encoder in libavcodec"));
		return ST_UNAVAILABLE;
	}
	c = w->video.enc = avcodec_alloc_context3(codec);
	w->picture = av_frame_alloc();
	if (!c || !w->picture)
		return ST_OSERR;
	c->width = in->width;
	c->height = in->height;
	c->pix_fmt = AV_PIX_FMT_YUV420P;
	c->sample_aspect_ratio = (AVRational){1, 1};
	c->framerate = in->frame_rate;
	/* Live pictures keep their capture times to the millisecond (the
	 * Matroska precision); the test pattern's are exact frame counts. */
	c->time_base = av_cmp_q(in->video_tb, (AVRational){1, 1000}) < 0 ? (AVRational){1, 1000}
									   : av_inv_q(in->frame_rate);
	w->video_step = FFMAX(1, av_rescale_q(1, av_inv_q(in->frame_rate), c->time_base));
	w->video_last = -1;
	c->gop_size = 2 * (int)ceil(av_q2d(in->frame_rate));  /* a keyframe every 2 s */
	c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
	av_dict_set(&opts, "preset", "veryfast", 0);
	av_dict_set(&opts, "crf", "18", 0);
	ret = avcodec_open2(c, codec, &opts);
	av_dict_free(&opts);
	if (ret < 0) {
		st_error(_("cannot open the libx264 encoder: %s"), av_err2str(ret));
		return ST_UNAVAILABLE;
	}
	if (in->pix_fmt != AV_PIX_FMT_YUV420P) {
		w->sws = sws_getContext(c->width, c->height, in->pix_fmt, c->width, c->height,
					AV_PIX_FMT_YUV420P, SWS_BICUBIC, NULL, NULL, NULL);
		if (!w->sws) {
			st_error(_("cannot convert pictures from %s to yuv420p"),
				 av_get_pix_fmt_name(in->pix_fmt));
			return ST_UNAVAILABLE;
		}
	}
	return cap_writer_add_stream(w, &w->video);
}

int cap_writer_video(struct cap_writer *w, AVFrame *frame)
{
	int64_t pts = av_rescale_q(frame->pts, w->spec.video->video_tb, w->video.enc->time_base);
	AVFrame *f = frame;
	int ret, rc;

	if (w->sws) {
		av_frame_unref(w->picture);
		w->picture->format = AV_PIX_FMT_YUV420P;
		w->picture->width = w->video.enc->width;
		w->picture->height = w->video.enc->height;
		ret = sws_scale_frame(w->sws, w->picture, frame);
		if (ret < 0) {
			st_error(_("cannot convert pictures to yuv420p: %s"), av_err2str(ret));
			return ST_SOFTWARE;
		}
		f = w->picture;
	}
	/* Two captured pictures may round to the same encoder tick. */
	if (pts <= w->video_last)
		pts = w->video_last + 1;
	f->pts = pts;
	f->pict_type = AV_PICTURE_TYPE_NONE;
	rc = cap_writer_encode(w, &w->video, w->vpkt, f);
	if (rc == ST_OK) {
		w->video_last = pts;
		atomic_store(&w->video_end, pts + w->video_step);
	}
	return rc;
}

/* FLAC keeps up to 24 bits: 16-bit sound stays 16-bit, deeper or float
 * sound is stored as 24-bit. */
int cap_writer_open_tone(struct cap_writer *w)
{
	const struct cap_source_info *in = w->spec.audio;
	const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_FLAC);
	struct cap_track *t = &w->tracks[0];
	AVCodecContext *c;
	int ret;

	if (!codec) {
		st_error(_("cannot find the FLAC encoder in libavcodec"));
		return ST_UNAVAILABLE;
	}
	c = t->enc = avcodec_alloc_context3(codec);
	w->sound = av_frame_alloc();
	if (!c || !w->sound)
		return ST_OSERR;
	w->n_tracks = 1;
	if (av_get_bytes_per_sample(in->sample_fmt) <= 2) {
		c->sample_fmt = AV_SAMPLE_FMT_S16;
	} else {
		c->sample_fmt = AV_SAMPLE_FMT_S32;
		c->bits_per_raw_sample = 24;
	}
	c->sample_rate = TONE_RATE;
	c->time_base = (AVRational){1, TONE_RATE};
	ret = av_channel_layout_copy(&c->ch_layout, &in->ch_layout);
	if (ret < 0)
		return ST_OSERR;
	ret = avcodec_open2(c, codec, NULL);
	if (ret < 0) {
		st_error(_("cannot open the FLAC encoder: %s"), av_err2str(ret));
		return ST_UNAVAILABLE;
	}
	ret = swr_alloc_set_opts2(&w->swr, &c->ch_layout, c->sample_fmt, c->sample_rate,
				  &c->ch_layout, in->sample_fmt, in->sample_rate, 0, NULL);
	if (ret >= 0)
		ret = swr_init(w->swr);
	if (ret < 0) {
		st_error(_("cannot convert the sound to %d Hz: %s"), TONE_RATE, av_err2str(ret));
		return ST_UNAVAILABLE;
	}
	w->fifo = av_audio_fifo_alloc(c->sample_fmt, c->ch_layout.nb_channels, c->frame_size);
	if (!w->fifo)
		return ST_OSERR;
	return cap_writer_add_stream(w, t);
}

/* Converts FRAME (NULL: what the resampler still holds) into the FIFO. */
static int convert_sound(struct cap_writer *w, const AVFrame *frame)
{
	const AVCodecContext *c = w->tracks[0].enc;
	AVFrame *out = w->sound;
	int ret;

	av_frame_unref(out);
	out->format = c->sample_fmt;
	out->sample_rate = c->sample_rate;
	ret = av_channel_layout_copy(&out->ch_layout, &c->ch_layout);
	if (ret >= 0)
		ret = swr_convert_frame(w->swr, out, frame);
	if (ret < 0) {
		st_error(_("cannot convert the sound to %d Hz: %s"), TONE_RATE, av_err2str(ret));
		return ST_SOFTWARE;
	}
	if (out->nb_samples > 0 &&
	    av_audio_fifo_write(w->fifo, (void **)out->extended_data, out->nb_samples) < out->nb_samples)
		return ST_OSERR;
	return ST_OK;
}

/* Encodes whole encoder frames from the FIFO; with ALL, the rest too. */
static int encode_sound(struct cap_writer *w, bool all)
{
	struct cap_track *t = &w->tracks[0];
	AVFrame *f = w->sound;
	int n, rc;

	while ((n = av_audio_fifo_size(w->fifo)) >= t->enc->frame_size || (all && n > 0)) {
		av_frame_unref(f);
		f->nb_samples = FFMIN(n, t->enc->frame_size);
		f->format = t->enc->sample_fmt;
		f->sample_rate = t->enc->sample_rate;
		if (av_channel_layout_copy(&f->ch_layout, &t->enc->ch_layout) < 0 ||
		    av_frame_get_buffer(f, 0) < 0)
			return ST_OSERR;
		if (av_audio_fifo_read(w->fifo, (void **)f->extended_data, f->nb_samples) < f->nb_samples)
			return ST_SOFTWARE;
		f->pts = atomic_load(&w->samples);
		rc = cap_writer_encode(w, t, w->apkt, f);
		if (rc != ST_OK)
			return rc;
		atomic_fetch_add(&w->samples, f->nb_samples);
	}
	return ST_OK;
}

int cap_writer_audio(struct cap_writer *w, AVFrame *frame)
{
	int rc = convert_sound(w, frame);

	return rc == ST_OK ? encode_sound(w, false) : rc;
}

int cap_writer_drain_tone(struct cap_writer *w)
{
	int rc = convert_sound(w, NULL);

	if (rc == ST_OK)
		rc = encode_sound(w, true);
	if (rc == ST_OK)
		rc = cap_writer_encode(w, &w->tracks[0], w->apkt, NULL);
	return rc;
}
