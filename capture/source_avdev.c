/* source_avdev.c — a source read through libavdevice/libavformat and
 * decoded with libavcodec's send/receive API. */
#include <libavcodec/avcodec.h>
#include <libavdevice/avdevice.h>
#include <libavformat/avformat.h>
#include <stdbool.h>
#include <stdlib.h>

#include "msg.h"
#include "paths.h"
#include "source.h"
#include "status.h"

struct cap_source {
	struct cap_source_info info;
	const char *label;
	AVFormatContext *fmt;
	AVCodecContext *dec[2];    /* indexed by enum cap_media */
	int stream[2];
	bool may_hold[2];          /* the decoder may have frames to give */
	bool flushed;              /* end of input reached, decoders drained */
	AVPacket *pkt;
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
	s->info.width = v->width;
	s->info.height = v->height;
	s->info.pix_fmt = v->pix_fmt;
	/* The rate the device was set to (x11grab, v4l2, lavfi give it); a
	 * guess from the first timestamps otherwise. */
	s->info.frame_rate = vst->avg_frame_rate.num > 0 && vst->avg_frame_rate.den > 0
				     ? vst->avg_frame_rate
				     : av_guess_frame_rate(s->fmt, vst, NULL);
	s->info.video_tb = vst->time_base;
	if (!a)
		return;
	ast = s->fmt->streams[s->stream[CAP_AUDIO]];
	s->info.sample_rate = a->sample_rate;
	av_channel_layout_copy(&s->info.ch_layout, &a->ch_layout);
	s->info.sample_fmt = a->sample_fmt;
	s->info.audio_tb = ast->time_base;
}

static int open_input(struct cap_source **out, const char *format, const char *url,
		      AVDictionary **options, const char *label, const char *kind, bool audio)
{
	struct cap_source *s = st_xcalloc(1, sizeof *s);
	const AVInputFormat *ifmt;
	int ret, rc = ST_OK;

	s->label = label;
	avdevice_register_all();
	ifmt = av_find_input_format(format);
	if (!ifmt) {
		st_error(_("cannot open %s: libavdevice has no %s input"), label, format);
		rc = ST_UNAVAILABLE;
		goto fail;
	}
	ret = avformat_open_input(&s->fmt, url, ifmt, options);
	if (ret < 0) {
		st_error(_("cannot open %s: %s"), label, av_err2str(ret));
		rc = ST_UNAVAILABLE;
		goto fail;
	}
	ret = avformat_find_stream_info(s->fmt, NULL);
	if (ret < 0) {
		st_error(_("cannot read %s: %s"), label, av_err2str(ret));
		rc = ST_UNAVAILABLE;
		goto fail;
	}
	s->stream[CAP_AUDIO] = -1;
	rc = open_decoder(s, CAP_VIDEO);
	if (rc == ST_OK && audio)
		rc = open_decoder(s, CAP_AUDIO);
	if (rc != ST_OK)
		goto fail;
	s->pkt = av_packet_alloc();
	if (!s->pkt) {
		rc = ST_OSERR;
		goto fail;
	}
	fill_info(s, kind);
	if (s->info.frame_rate.num <= 0 || (audio && s->info.sample_rate <= 0)) {
		st_error(_("cannot open %s: unknown frame rate or sample rate"), label);
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
	return open_input(out, format, url, options, label, kind, true);
}

int cap_source_open_video(struct cap_source **out, const char *format, const char *url,
			  AVDictionary **options, const char *label, const char *kind)
{
	return open_input(out, format, url, options, label, kind, false);
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

void cap_source_close(struct cap_source **sp)
{
	struct cap_source *s = *sp;

	if (!s)
		return;
	avcodec_free_context(&s->dec[CAP_VIDEO]);
	avcodec_free_context(&s->dec[CAP_AUDIO]);
	avformat_close_input(&s->fmt);
	av_packet_free(&s->pkt);
	av_channel_layout_uninit(&s->info.ch_layout);
	free(s);
	*sp = NULL;
}
