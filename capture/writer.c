/* writer.c — encoders and Matroska muxer of the master file. */
#include "writer.h"

#include <errno.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/audio_fifo.h>
#include <libavutil/pixdesc.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "paths.h"
#include "status.h"

#define MASTER_RATE 48000

struct cap_writer {
	const struct cap_source_info *in;
	struct st_atomic file;
	AVFormatContext *fmt;
	AVCodecContext *venc;
	AVCodecContext *aenc;
	AVStream *vst;
	AVStream *ast;
	struct SwsContext *sws;    /* NULL when the source is already yuv420p */
	SwrContext *swr;
	AVAudioFifo *fifo;         /* regroups sound into the encoder's frame size */
	AVFrame *picture;          /* converted picture */
	AVFrame *sound;            /* converted sound, then encoder input */
	AVPacket *pkt;
	int64_t video_end;         /* venc time base: last picture's pts + 1 */
	int64_t samples;           /* sent to the audio encoder */
	double synced;             /* media seconds at the last fsync */
	bool finished;
	struct cap_master master;
};

static int add_stream(struct cap_writer *w, AVCodecContext *c, AVStream **out)
{
	AVStream *st = avformat_new_stream(w->fmt, NULL);
	int ret;

	if (!st)
		return ST_OSERR;
	ret = avcodec_parameters_from_context(st->codecpar, c);
	if (ret < 0) {
		st_error(_("cannot set up %s: %s"), w->file.final_path, av_err2str(ret));
		return ST_SOFTWARE;
	}
	st->time_base = c->time_base;
	st->avg_frame_rate = c->framerate;
	*out = st;
	return ST_OK;
}

static int open_video(struct cap_writer *w)
{
	const AVCodec *codec = avcodec_find_encoder_by_name("libx264");
	AVDictionary *opts = NULL;
	AVCodecContext *c;
	int ret;

	if (!codec) {
		st_error(_("cannot find the libx264 encoder in libavcodec"));
		return ST_UNAVAILABLE;
	}
	c = w->venc = avcodec_alloc_context3(codec);
	if (!c)
		return ST_OSERR;
	c->width = w->in->width;
	c->height = w->in->height;
	c->pix_fmt = AV_PIX_FMT_YUV420P;
	c->sample_aspect_ratio = (AVRational){1, 1};
	c->framerate = w->in->frame_rate;
	c->time_base = av_inv_q(w->in->frame_rate);
	c->gop_size = 2 * (int)ceil(av_q2d(w->in->frame_rate));  /* a keyframe every 2 s */
	if (w->fmt->oformat->flags & AVFMT_GLOBALHEADER)
		c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
	av_dict_set(&opts, "preset", "veryfast", 0);
	av_dict_set(&opts, "crf", "18", 0);
	ret = avcodec_open2(c, codec, &opts);
	av_dict_free(&opts);
	if (ret < 0) {
		st_error(_("cannot open the libx264 encoder: %s"), av_err2str(ret));
		return ST_UNAVAILABLE;
	}
	if (w->in->pix_fmt != AV_PIX_FMT_YUV420P) {
		w->sws = sws_getContext(c->width, c->height, w->in->pix_fmt, c->width, c->height,
					AV_PIX_FMT_YUV420P, SWS_BICUBIC, NULL, NULL, NULL);
		if (!w->sws) {
			st_error(_("cannot convert pictures from %s to yuv420p"),
				 av_get_pix_fmt_name(w->in->pix_fmt));
			return ST_UNAVAILABLE;
		}
	}
	return add_stream(w, c, &w->vst);
}

/* FLAC keeps up to 24 bits: 16-bit sound stays 16-bit, deeper or float
 * sound is stored as 24-bit. */
static int open_audio(struct cap_writer *w)
{
	const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_FLAC);
	AVCodecContext *c;
	int ret;

	if (!codec) {
		st_error(_("cannot find the FLAC encoder in libavcodec"));
		return ST_UNAVAILABLE;
	}
	c = w->aenc = avcodec_alloc_context3(codec);
	if (!c)
		return ST_OSERR;
	if (av_get_bytes_per_sample(w->in->sample_fmt) <= 2) {
		c->sample_fmt = AV_SAMPLE_FMT_S16;
	} else {
		c->sample_fmt = AV_SAMPLE_FMT_S32;
		c->bits_per_raw_sample = 24;
	}
	c->sample_rate = MASTER_RATE;
	c->time_base = (AVRational){1, MASTER_RATE};
	ret = av_channel_layout_copy(&c->ch_layout, &w->in->ch_layout);
	if (ret < 0)
		return ST_OSERR;
	if (w->fmt->oformat->flags & AVFMT_GLOBALHEADER)
		c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
	ret = avcodec_open2(c, codec, NULL);
	if (ret < 0) {
		st_error(_("cannot open the FLAC encoder: %s"), av_err2str(ret));
		return ST_UNAVAILABLE;
	}
	/* The channels are kept as they are: c->ch_layout is the source's. */
	ret = swr_alloc_set_opts2(&w->swr, &c->ch_layout, c->sample_fmt, c->sample_rate,
				  &c->ch_layout, w->in->sample_fmt, w->in->sample_rate, 0, NULL);
	if (ret >= 0)
		ret = swr_init(w->swr);
	if (ret < 0) {
		st_error(_("cannot convert the sound to %d Hz: %s"), MASTER_RATE, av_err2str(ret));
		return ST_UNAVAILABLE;
	}
	w->fifo = av_audio_fifo_alloc(c->sample_fmt, c->ch_layout.nb_channels, c->frame_size);
	if (!w->fifo)
		return ST_OSERR;
	return add_stream(w, c, &w->ast);
}

/* Muxer options for a file that stays readable if the program dies: short
 * clusters, each packet written out at once. */
static int write_header(struct cap_writer *w)
{
	AVDictionary *opts = NULL;
	char *url = st_strdup_printf("file:%s", w->file.tmp_path);
	int ret;

	ret = avio_open2(&w->fmt->pb, url, AVIO_FLAG_WRITE, NULL, NULL);
	free(url);
	if (ret < 0) {
		st_error(_("cannot open %s: %s"), w->file.tmp_path, av_err2str(ret));
		return ST_CANTCREAT;
	}
	av_dict_set(&opts, "cluster_time_limit", "1000", 0);
	av_dict_set(&opts, "flush_packets", "1", 0);
	ret = avformat_write_header(w->fmt, &opts);
	av_dict_free(&opts);
	if (ret < 0) {
		st_error(_("cannot write %s: %s"), w->file.final_path, av_err2str(ret));
		return ST_IOERR;
	}
	return ST_OK;
}

static void describe(struct cap_writer *w)
{
	w->master.video_codec = avcodec_get_name(w->venc->codec_id);
	w->master.width = w->venc->width;
	w->master.height = w->venc->height;
	w->master.fps = w->venc->framerate;
	w->master.audio_codec = avcodec_get_name(w->aenc->codec_id);
	w->master.sample_rate = w->aenc->sample_rate;
	w->master.channels = w->aenc->ch_layout.nb_channels;
}

int cap_writer_open(struct cap_writer **out, const char *final_path,
		    const struct cap_source_info *in)
{
	struct cap_writer *w = st_xcalloc(1, sizeof *w);
	int ret, rc;

	w->in = in;
	w->file.fd = -1;
	rc = st_atomic_open(&w->file, final_path);
	if (rc != ST_OK)
		goto fail;
	ret = avformat_alloc_output_context2(&w->fmt, NULL, "matroska", w->file.tmp_path);
	if (ret < 0) {
		st_error(_("cannot create %s: %s"), final_path, av_err2str(ret));
		rc = ST_UNAVAILABLE;
		goto fail;
	}
	w->picture = av_frame_alloc();
	w->sound = av_frame_alloc();
	w->pkt = av_packet_alloc();
	if (!w->picture || !w->sound || !w->pkt) {
		rc = ST_OSERR;
		goto fail;
	}
	rc = open_video(w);
	if (rc == ST_OK)
		rc = open_audio(w);
	if (rc == ST_OK)
		rc = write_header(w);
	if (rc != ST_OK)
		goto fail;
	describe(w);
	*out = w;
	return ST_OK;
fail:
	cap_writer_free(&w);
	return rc;
}

/* Sends FRAME (NULL: drain) to encoder C and muxes what comes out. */
static int encode(struct cap_writer *w, AVCodecContext *c, AVStream *st, const AVFrame *frame)
{
	int ret = avcodec_send_frame(c, frame);

	while (ret >= 0) {
		ret = avcodec_receive_packet(c, w->pkt);
		if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
			return ST_OK;
		if (ret < 0)
			break;
		/* libx264 in FFmpeg 5.1 leaves the duration unset: one frame. */
		if (w->pkt->duration <= 0 && c->codec_type == AVMEDIA_TYPE_VIDEO)
			w->pkt->duration = 1;
		av_packet_rescale_ts(w->pkt, c->time_base, st->time_base);
		w->pkt->stream_index = st->index;
		ret = av_interleaved_write_frame(w->fmt, w->pkt);
		if (ret < 0) {
			st_error(_("cannot write %s: %s"), w->file.final_path, av_err2str(ret));
			return ST_IOERR;
		}
	}
	st_error(_("cannot encode %s: %s"), w->file.final_path, av_err2str(ret));
	return ST_SOFTWARE;
}

/* After every second of media, what is muxed goes to the disk. */
static int sync_each_second(struct cap_writer *w)
{
	double t = cap_writer_duration(w);

	if (t - w->synced < 1.0)
		return ST_OK;
	avio_flush(w->fmt->pb);
	if (w->fmt->pb->error < 0) {
		st_error(_("cannot write %s: %s"), w->file.final_path, av_err2str(w->fmt->pb->error));
		return ST_IOERR;
	}
	if (fsync(w->file.fd) != 0) {
		st_error(_("cannot write %s: %s"), w->file.final_path, strerror(errno));
		return ST_IOERR;
	}
	w->synced = t;
	return ST_OK;
}

int cap_writer_video(struct cap_writer *w, AVFrame *frame)
{
	int64_t pts = av_rescale_q(frame->pts, w->in->video_tb, w->venc->time_base);
	AVFrame *f = frame;
	int ret, rc;

	if (w->sws) {
		av_frame_unref(w->picture);
		w->picture->format = AV_PIX_FMT_YUV420P;
		w->picture->width = w->venc->width;
		w->picture->height = w->venc->height;
		ret = sws_scale_frame(w->sws, w->picture, frame);
		if (ret < 0) {
			st_error(_("cannot convert pictures to yuv420p: %s"), av_err2str(ret));
			return ST_SOFTWARE;
		}
		f = w->picture;
	}
	f->pts = pts;
	f->pict_type = AV_PICTURE_TYPE_NONE;
	rc = encode(w, w->venc, w->vst, f);
	if (rc != ST_OK)
		return rc;
	w->video_end = pts + 1;
	return sync_each_second(w);
}

/* Converts FRAME (NULL: what the resampler still holds) into the FIFO. */
static int convert_sound(struct cap_writer *w, const AVFrame *frame)
{
	AVFrame *out = w->sound;
	int ret;

	av_frame_unref(out);
	out->format = w->aenc->sample_fmt;
	out->sample_rate = w->aenc->sample_rate;
	ret = av_channel_layout_copy(&out->ch_layout, &w->aenc->ch_layout);
	if (ret >= 0)
		ret = swr_convert_frame(w->swr, out, frame);
	if (ret < 0) {
		st_error(_("cannot convert the sound to %d Hz: %s"), MASTER_RATE, av_err2str(ret));
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
	AVFrame *f = w->sound;
	int n, rc;

	while ((n = av_audio_fifo_size(w->fifo)) >= w->aenc->frame_size || (all && n > 0)) {
		av_frame_unref(f);
		f->nb_samples = FFMIN(n, w->aenc->frame_size);
		f->format = w->aenc->sample_fmt;
		f->sample_rate = w->aenc->sample_rate;
		if (av_channel_layout_copy(&f->ch_layout, &w->aenc->ch_layout) < 0 ||
		    av_frame_get_buffer(f, 0) < 0)
			return ST_OSERR;
		if (av_audio_fifo_read(w->fifo, (void **)f->extended_data, f->nb_samples) < f->nb_samples)
			return ST_SOFTWARE;
		f->pts = w->samples;
		w->samples += f->nb_samples;
		rc = encode(w, w->aenc, w->ast, f);
		if (rc != ST_OK)
			return rc;
	}
	return ST_OK;
}

int cap_writer_audio(struct cap_writer *w, AVFrame *frame)
{
	int rc = convert_sound(w, frame);

	if (rc == ST_OK)
		rc = encode_sound(w, false);
	if (rc == ST_OK)
		rc = sync_each_second(w);
	return rc;
}

double cap_writer_duration(const struct cap_writer *w)
{
	double video = w->video_end * av_q2d(w->venc->time_base);
	double audio = (double)w->samples / w->aenc->sample_rate;

	return video > audio ? video : audio;
}

int cap_writer_finish(struct cap_writer *w)
{
	int ret, rc;

	rc = convert_sound(w, NULL);
	if (rc == ST_OK)
		rc = encode_sound(w, true);
	if (rc == ST_OK)
		rc = encode(w, w->aenc, w->ast, NULL);
	if (rc == ST_OK)
		rc = encode(w, w->venc, w->vst, NULL);
	if (rc != ST_OK)
		return rc;
	ret = av_write_trailer(w->fmt);
	if (ret >= 0)
		ret = avio_closep(&w->fmt->pb);
	if (ret < 0) {
		st_error(_("cannot write %s: %s"), w->file.final_path, av_err2str(ret));
		return ST_IOERR;
	}
	if (st_is_file(w->file.final_path)) {
		st_error(_("%s already exists: refusing to replace it"), w->file.final_path);
		return ST_CANTCREAT;
	}
	w->master.duration = cap_writer_duration(w);
	rc = st_atomic_commit(&w->file);
	w->finished = rc == ST_OK;
	return rc;
}

const struct cap_master *cap_writer_master(const struct cap_writer *w)
{
	return &w->master;
}

void cap_writer_free(struct cap_writer **wp)
{
	struct cap_writer *w = *wp;

	if (!w)
		return;
	if (w->fmt)
		avio_closep(&w->fmt->pb);
	if (!w->finished)
		st_atomic_abort(&w->file);
	avformat_free_context(w->fmt);
	avcodec_free_context(&w->venc);
	avcodec_free_context(&w->aenc);
	sws_freeContext(w->sws);
	swr_free(&w->swr);
	if (w->fifo)
		av_audio_fifo_free(w->fifo);
	av_frame_free(&w->picture);
	av_frame_free(&w->sound);
	av_packet_free(&w->pkt);
	free(w);
	*wp = NULL;
}
