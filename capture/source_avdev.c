/* source_avdev.c — a source read through libavdevice/libavformat and
 * decoded with libavcodec's send/receive API, or, for compressed camera
 * pictures, handed out as delivered (packets.h). */
#include <libavcodec/avcodec.h>
#include <libavdevice/avdevice.h>
#include <libavformat/avformat.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "msg.h"
#include "packets.h"
#include "progress.h"
#include "paths.h"
#include "source.h"
#include "status.h"

/* An H.264 camera sends its parameter sets with every keyframe; a source
 * that shows none in this many pictures is refused. */
#define CAP_HELD_MAX 300

struct cap_source {
	struct cap_source_info info;
	const char *label;
	AVFormatContext *fmt;
	AVCodecContext *dec[2];    /* indexed by enum cap_media */
	int stream[2];
	bool may_hold[2];          /* the decoder may have frames to give */
	bool flushed;              /* end of input reached, decoders drained */
	AVPacket *pkt;

	/* Pictures stored as delivered (info.copy). */
	AVCodecParameters *copy;
	AVPacket *held[CAP_HELD_MAX];  /* read while looking for the parameter sets */
	int n_held;
	int next_held;
	bool paced;                /* a file standing in for a camera */
	int64_t paced_start_ns;    /* when its first picture was handed out */
	int64_t paced_count;
};

static int open_decoder(struct cap_source *s, enum cap_media m)
{
	enum AVMediaType type = m == CAP_VIDEO ? AVMEDIA_TYPE_VIDEO : AVMEDIA_TYPE_AUDIO;
	const AVCodec *codec = NULL;
	AVStream *st;
	int ret;

	ret = av_find_best_stream(s->fmt, type, -1, -1, &codec, 0);
	if (ret < 0) {
		st_error(_("cannot find the %s stream of %s: %s"),
			 av_get_media_type_string(type), s->label, av_err2str(ret));
		return ST_UNAVAILABLE;
	}
	s->stream[m] = ret;
	st = s->fmt->streams[ret];
	s->dec[m] = avcodec_alloc_context3(codec);
	if (!s->dec[m])
		return ST_OSERR;
	ret = avcodec_parameters_to_context(s->dec[m], st->codecpar);
	if (ret >= 0) {
		s->dec[m]->pkt_timebase = st->time_base;
		ret = avcodec_open2(s->dec[m], codec, NULL);
	}
	if (ret < 0) {
		st_error(_("cannot open the %s decoder of %s: %s"), codec->name, s->label,
			 av_err2str(ret));
		return ST_UNAVAILABLE;
	}
	return ST_OK;
}

static void fill_info(struct cap_source *s, const char *kind)
{
	AVStream *vst = s->fmt->streams[s->stream[CAP_VIDEO]];
	const AVCodecContext *v = s->dec[CAP_VIDEO], *a = s->dec[CAP_AUDIO];
	AVStream *ast;

	s->info.kind = kind;
	s->info.width = v ? v->width : vst->codecpar->width;
	s->info.height = v ? v->height : vst->codecpar->height;
	s->info.pix_fmt = v ? v->pix_fmt : AV_PIX_FMT_NONE;
	s->info.copy = s->copy;
	/* The rate the device was set to (x11grab, v4l2, lavfi give it); a
	 * guess from the first timestamps otherwise. */
	s->info.frame_rate = vst->avg_frame_rate.num > 0 && vst->avg_frame_rate.den > 0
				     ? vst->avg_frame_rate
				     : av_guess_frame_rate(s->fmt, vst, NULL);
	s->info.video_tb = s->copy && s->paced ? (AVRational){1, 1000000} : vst->time_base;
	if (!a)
		return;
	ast = s->fmt->streams[s->stream[CAP_AUDIO]];
	s->info.sample_rate = a->sample_rate;
	av_channel_layout_copy(&s->info.ch_layout, &a->ch_layout);
	s->info.sample_fmt = a->sample_fmt;
	s->info.audio_tb = ast->time_base;
}

/* Reads pictures through the extract_extradata filter until the H.264
 * parameter sets are found; the pictures read are kept for
 * cap_source_read_packet(). */
static int find_parameter_sets(struct cap_source *s, const char *label)
{
	AVStream *st = s->fmt->streams[s->stream[CAP_VIDEO]];
	AVBSFContext *bsf = NULL;
	bool found = false;
	int ret, rc;

	rc = cap_extradata_open(&bsf, s->copy, st->time_base, label);
	while (rc == ST_OK && !found) {
		if (s->n_held == CAP_HELD_MAX) {
			st_error(_("cannot read the H.264 parameter sets of %s: none in its first %d "
				   "pictures"), label, CAP_HELD_MAX);
			rc = ST_UNAVAILABLE;
			break;
		}
		s->held[s->n_held] = av_packet_alloc();
		if (!s->held[s->n_held]) {
			rc = ST_OSERR;
			break;
		}
		do {
			av_packet_unref(s->held[s->n_held]);
			ret = av_read_frame(s->fmt, s->held[s->n_held]);
		} while (ret >= 0 && s->held[s->n_held]->stream_index != s->stream[CAP_VIDEO]);
		s->n_held++;
		if (ret < 0) {
			st_error(_("cannot read the H.264 parameter sets of %s: %s"), label,
				 ret == AVERROR_EOF ? _("no keyframe") : av_err2str(ret));
			rc = ST_UNAVAILABLE;
			break;
		}
		rc = cap_extradata_feed(bsf, s->held[s->n_held - 1], s->copy, &found, label);
	}
	cap_extradata_close(&bsf);
	return rc;
}

/* The video stream's pictures are kept compressed when IN allows it and
 * they are MJPEG or H.264; else the decoder is opened. */
static int open_video(struct cap_source *s, const struct cap_video_input *in)
{
	const AVCodecParameters *par;
	int ret = av_find_best_stream(s->fmt, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);

	if (ret < 0 || !in->keep_compressed ||
	    !cap_packets_storable(s->fmt->streams[ret]->codecpar->codec_id))
		return open_decoder(s, CAP_VIDEO);
	s->stream[CAP_VIDEO] = ret;
	par = s->fmt->streams[ret]->codecpar;
	s->copy = avcodec_parameters_alloc();
	if (!s->copy || avcodec_parameters_copy(s->copy, par) < 0)
		return ST_OSERR;
	s->copy->codec_tag = 0;
	/* Whatever the demuxer guessed: the parameter sets come from the
	 * pictures themselves, as from a camera. */
	av_freep(&s->copy->extradata);
	s->copy->extradata_size = 0;
	return par->codec_id == AV_CODEC_ID_H264 ? find_parameter_sets(s, in->label) : ST_OK;
}

static int open_input(struct cap_source **out, const struct cap_video_input *in, bool audio)
{
	struct cap_source *s = st_xcalloc(1, sizeof *s);
	const AVInputFormat *ifmt = NULL;
	int ret, rc = ST_OK;

	s->label = in->label;
	s->paced = in->paced;
	avdevice_register_all();
	if (in->format)
		ifmt = av_find_input_format(in->format);
	if (in->format && !ifmt) {
		st_error(_("cannot open %s: libavdevice has no %s input"), in->label, in->format);
		rc = ST_UNAVAILABLE;
		goto fail;
	}
	ret = avformat_open_input(&s->fmt, in->url, ifmt, in->options);
	if (ret < 0) {
		st_error(_("cannot open %s: %s"), in->label, av_err2str(ret));
		rc = ST_UNAVAILABLE;
		goto fail;
	}
	ret = avformat_find_stream_info(s->fmt, NULL);
	if (ret < 0) {
		st_error(_("cannot read %s: %s"), in->label, av_err2str(ret));
		rc = ST_UNAVAILABLE;
		goto fail;
	}
	s->stream[CAP_AUDIO] = -1;
	rc = open_video(s, in);
	if (rc == ST_OK && audio)
		rc = open_decoder(s, CAP_AUDIO);
	if (rc != ST_OK)
		goto fail;
	s->pkt = av_packet_alloc();
	if (!s->pkt) {
		rc = ST_OSERR;
		goto fail;
	}
	if (in->paced && !s->copy) {
		st_error(_("cannot open %s: only MJPEG and H.264 files can stand in for a camera"),
			 in->label);
		rc = ST_UNAVAILABLE;
		goto fail;
	}
	fill_info(s, in->kind);
	if (s->info.frame_rate.num <= 0 || (audio && s->info.sample_rate <= 0)) {
		st_error(_("cannot open %s: unknown frame rate or sample rate"), in->label);
		rc = ST_UNAVAILABLE;
		goto fail;
	}
	*out = s;
	return ST_OK;
fail:
	cap_source_close(&s);
	return rc;
}

int cap_source_open_avdev(struct cap_source **out, const char *format, const char *url,
			  AVDictionary **options, const char *label, const char *kind)
{
	struct cap_video_input in = {format, url, options, label, kind, false, false};

	return open_input(out, &in, true);
}

int cap_source_open_video(struct cap_source **out, const struct cap_video_input *in)
{
	return open_input(out, in, false);
}

const struct cap_source_info *cap_source_info(const struct cap_source *s)
{
	return &s->info;
}

/* Takes a frame from decoder M if it has one (*GOT); a decoder that needs
 * more input or is drained is marked so. */
static int receive(struct cap_source *s, enum cap_media m, AVFrame *frame, bool *got)
{
	int ret = avcodec_receive_frame(s->dec[m], frame);

	*got = ret >= 0;
	if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
		s->may_hold[m] = false;
	else if (ret < 0) {
		st_error(_("cannot decode %s: %s"), s->label, av_err2str(ret));
		return ST_SOFTWARE;
	}
	return ST_OK;
}

/* Reads one packet and hands it to its decoder; at the end of the input
 * sends the decoders their flush packet instead. */
static int feed(struct cap_source *s)
{
	int ret = av_read_frame(s->fmt, s->pkt);

	if (ret == AVERROR_EOF) {
		for (int m = CAP_VIDEO; m <= CAP_AUDIO; m++) {
			if (!s->dec[m])
				continue;
			ret = avcodec_send_packet(s->dec[m], NULL);
			if (ret < 0 && ret != AVERROR_EOF) {
				st_error(_("cannot decode %s: %s"), s->label, av_err2str(ret));
				return ST_SOFTWARE;
			}
			s->may_hold[m] = true;
		}
		s->flushed = true;
		return ST_OK;
	}
	if (ret < 0) {
		st_error(_("cannot read %s: %s"), s->label, av_err2str(ret));
		return ST_IOERR;
	}
	for (int m = CAP_VIDEO; m <= CAP_AUDIO; m++) {
		if (s->pkt->stream_index != s->stream[m])
			continue;
		ret = avcodec_send_packet(s->dec[m], s->pkt);
		if (ret < 0) {
			st_error(_("cannot decode %s: %s"), s->label, av_err2str(ret));
			av_packet_unref(s->pkt);
			return ST_SOFTWARE;
		}
		s->may_hold[m] = true;
	}
	av_packet_unref(s->pkt);
	return ST_OK;
}

int cap_source_read(struct cap_source *s, AVFrame *frame, enum cap_media *media)
{
	bool got;
	int rc;

	av_frame_unref(frame);
	for (;;) {
		for (int m = CAP_VIDEO; m <= CAP_AUDIO; m++) {
			if (!s->may_hold[m])
				continue;
			rc = receive(s, m, frame, &got);
			if (rc != ST_OK)
				return rc;
			if (got) {
				*media = m;
				return ST_OK;
			}
		}
		if (s->flushed) {
			*media = CAP_END;
			return ST_OK;
		}
		rc = feed(s);
		if (rc != ST_OK)
			return rc;
	}
}

/* A file standing in for a camera: picture N is captured N frames after
 * the first and stamped with that time, in microseconds of
 * CLOCK_MONOTONIC, as a v4l2 driver stamps a buffer when it is filled
 * (not when it is read); it is handed out no earlier. */
static void pace(struct cap_source *s, AVPacket *pkt)
{
	int64_t due, now = st_now_ns();

	if (s->paced_count == 0)
		s->paced_start_ns = now;
	due = s->paced_start_ns + av_rescale_q(s->paced_count++, av_inv_q(s->info.frame_rate),
					       (AVRational){1, 1000000000});
	if (due > now) {
		struct timespec ts = {(due - now) / 1000000000, (due - now) % 1000000000};

		nanosleep(&ts, NULL);
	}
	pkt->pts = pkt->dts = due / 1000;
}

int cap_source_read_packet(struct cap_source *s, AVPacket *pkt, bool *end)
{
	int ret;

	av_packet_unref(pkt);
	*end = false;
	if (s->next_held < s->n_held) {
		av_packet_move_ref(pkt, s->held[s->next_held]);
		av_packet_free(&s->held[s->next_held++]);
	} else {
		do {
			av_packet_unref(pkt);
			ret = av_read_frame(s->fmt, pkt);
		} while (ret >= 0 && pkt->stream_index != s->stream[CAP_VIDEO]);
		if (ret == AVERROR_EOF) {
			*end = true;
			return ST_OK;
		}
		if (ret < 0) {
			st_error(_("cannot read %s: %s"), s->label, av_err2str(ret));
			return ST_IOERR;
		}
	}
	cap_packets_mark_key(s->copy->codec_id, pkt);
	if (s->paced)
		pace(s, pkt);
	return ST_OK;
}

void cap_source_close(struct cap_source **sp)
{
	struct cap_source *s = *sp;

	if (!s)
		return;
	for (int i = s->next_held; i < s->n_held; i++)
		av_packet_free(&s->held[i]);
	avcodec_parameters_free(&s->copy);
	avcodec_free_context(&s->dec[CAP_VIDEO]);
	avcodec_free_context(&s->dec[CAP_AUDIO]);
	avformat_close_input(&s->fmt);
	av_packet_free(&s->pkt);
	av_channel_layout_uninit(&s->info.ch_layout);
	free(s);
	*sp = NULL;
}
