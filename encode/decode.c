/* decode.c — demuxing and decoding the master. */
#include <string.h>

#include <libavutil/avutil.h>

#include "avcompat.h"
#include "decode.h"
#include "human.h"
#include "msg.h"
#include "status.h"

#define MAX_CHANNELS 64

/* The filter graphs are built before the first frame, from these. */
static bool format_known(const AVCodecContext *c)
{
	if (c->codec_type == AVMEDIA_TYPE_VIDEO)
		return c->pix_fmt != AV_PIX_FMT_NONE && c->width > 0 && c->height > 0;
	return c->sample_fmt != AV_SAMPLE_FMT_NONE && c->sample_rate > 0 &&
	       c->ch_layout.nb_channels > 0;
}

/* Index of the Nth (1-based) stream of TYPE, or a negative AVERROR. */
static int nth_stream(const struct enc_decoder *d, enum AVMediaType type, int n,
		      const AVCodec **codec)
{
	for (unsigned i = 0; i < d->fmt->nb_streams; i++)
		if (d->fmt->streams[i]->codecpar->codec_type == type && --n == 0) {
			*codec = avcodec_find_decoder(d->fmt->streams[i]->codecpar->codec_id);
			return *codec ? (int)i : AVERROR_DECODER_NOT_FOUND;
		}
	return AVERROR_STREAM_NOT_FOUND;
}

/* The audio lane as the mix of every audio track. */
static int open_mix(struct enc_decoder *d)
{
	int ret = enc_mix_open(&d->mix, d->fmt, d->path, d->start);

	if (ret == ST_OK && d->mix.n) {
		d->st[ENC_AUDIO] = d->mix.st[0];
		d->dec[ENC_AUDIO] = d->mix.out;
	}
	return ret;
}

static int open_lane(struct enc_decoder *d, enum enc_lane lane, enum AVMediaType type)
{
	const AVCodec *codec = NULL;
	AVCodecContext *c;
	int idx, ret, track = lane == ENC_AUDIO ? d->opts.audio_track : 0;

	if (track == ENC_TRACK_MIX)
		return open_mix(d);
	if (track > 0)
		idx = nth_stream(d, type, track, &codec);
	else
		idx = av_find_best_stream(d->fmt, type, -1, -1, &codec, 0);
	if (idx == AVERROR_STREAM_NOT_FOUND && track > 0) {
		st_error(_("cannot use audio track %d of %s: it has no such track"), track, d->path);
		return ST_USAGE;
	}
	if (idx == AVERROR_STREAM_NOT_FOUND)
		return ST_OK;
	if (idx < 0) {
		st_error(_("cannot decode the %s stream of %s: %s"), av_get_media_type_string(type),
			 d->path, av_err2str(idx));
		return ST_UNAVAILABLE;
	}
	d->st[lane] = d->fmt->streams[idx];
	c = d->dec[lane] = avcodec_alloc_context3(codec);
	if (!c) {
		st_error(_("out of memory"));
		return ST_OSERR;
	}
	ret = avcodec_parameters_to_context(c, d->st[lane]->codecpar);
	if (ret >= 0) {
		c->pkt_timebase = d->st[lane]->time_base;
		c->thread_count = 0;
		ret = avcodec_open2(c, codec, NULL);
	}
	if (ret < 0) {
		st_error(_("cannot open the %s decoder for %s: %s"), codec->name, d->path,
			 av_err2str(ret));
		return ST_UNAVAILABLE;
	}
	if (!format_known(c)) {
		st_error(_("cannot decode the %s stream of %s: its format is unknown"),
			 av_get_media_type_string(type), d->path);
		return ST_DATAERR;
	}
	/* libswresample's limit: a damaged header can claim more. */
	if (type == AVMEDIA_TYPE_AUDIO && c->ch_layout.nb_channels > MAX_CHANNELS) {
		st_error(_("cannot decode the audio stream of %s: it claims %d channels (%d at most)"),
			 d->path, c->ch_layout.nb_channels, MAX_CHANNELS);
		return ST_DATAERR;
	}
	return ST_OK;
}

static int lane_of(const struct enc_decoder *d, int stream_index)
{
	if (d->mix.n && enc_mix_track(&d->mix, stream_index) >= 0)
		return ENC_AUDIO;
	for (int l = 0; l < ENC_LANES; l++)
		if (d->st[l] && d->st[l]->index == stream_index)
			return l;
	return -1;
}

/* The video stream, demuxed but not decoded: its packets tell how far the
 * file goes when only the audio is decoded. */
static void watch_video(struct enc_decoder *d)
{
	int idx = av_find_best_stream(d->fmt, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);

	if (idx >= 0)
		d->st[ENC_VIDEO] = d->fmt->streams[idx];
}

/* Every stream not decoded (nor watched) is discarded by the demuxer. */
static void discard_others(struct enc_decoder *d)
{
	for (unsigned i = 0; i < d->fmt->nb_streams; i++)
		if (lane_of(d, (int)i) < 0)
			d->fmt->streams[i]->discard = AVDISCARD_ALL;
}

static int seek(struct enc_decoder *d)
{
	int64_t ts = d->start + (int64_t)(d->opts.seek * AV_TIME_BASE);
	int ret = avformat_seek_file(d->fmt, -1, INT64_MIN, ts, ts, 0);

	if (ret < 0) {
		char at[ST_HUMAN_LEN];

		st_error(_("cannot seek to %s in %s: %s"),
			 st_htime(at, sizeof at, d->opts.seek, 3, NULL), d->path, av_err2str(ret));
		return ST_DATAERR;
	}
	return ST_OK;
}

int enc_decoder_open(struct enc_decoder *d, const char *path,
		     const struct enc_decoder_opts *opts)
{
	int ret;

	memset(d, 0, sizeof *d);
	d->path = path;
	d->opts = *opts;
	d->current = -1;
	ret = avformat_open_input(&d->fmt, path, NULL, NULL);
	if (ret >= 0)
		ret = avformat_find_stream_info(d->fmt, NULL);
	if (ret < 0) {
		st_error(_("cannot open %s: %s"), path, av_err2str(ret));
		return ret == AVERROR(ENOENT) || ret == AVERROR(EACCES) ? ST_NOINPUT : ST_DATAERR;
	}
	d->start = d->fmt->start_time == AV_NOPTS_VALUE ? 0 : d->fmt->start_time;
	if ((!opts->skip_video && (ret = open_lane(d, ENC_VIDEO, AVMEDIA_TYPE_VIDEO)) != ST_OK) ||
	    (!opts->skip_audio && (ret = open_lane(d, ENC_AUDIO, AVMEDIA_TYPE_AUDIO)) != ST_OK))
		return ret;
	if (opts->skip_video && opts->watch_video)
		watch_video(d);
	if (!d->dec[ENC_VIDEO] && opts->need_video) {
		st_error(_("cannot encode %s: no video stream"), path);
		return ST_DATAERR;
	}
	discard_others(d);
	if (d->st[ENC_VIDEO]) {
		d->frame_rate = av_guess_frame_rate(d->fmt, d->st[ENC_VIDEO], NULL);
		d->sample_aspect = av_guess_sample_aspect_ratio(d->fmt, d->st[ENC_VIDEO], NULL);
	}
	if (opts->seek > 0 && (ret = seek(d)) != ST_OK)
		return ret;
	d->duration = d->fmt->duration == AV_NOPTS_VALUE ? 0 : d->fmt->duration / (double)AV_TIME_BASE;
	d->pkt = av_packet_alloc();
	if (!d->pkt) {
		st_error(_("out of memory"));
		return ST_OSERR;
	}
	return ST_OK;
}

/* How long FRAME lasts, in the stream's time base. */
static int64_t frame_duration(const struct enc_decoder *d, int lane, const AVFrame *frame)
{
	AVRational tb = d->st[lane]->time_base;

	if (lane == ENC_AUDIO)
		return av_rescale_q(frame->nb_samples, (AVRational){1, frame->sample_rate}, tb);
	if (st_frame_duration(frame) > 0)
		return st_frame_duration(frame);
	if (d->frame_rate.num > 0 && d->frame_rate.den > 0)
		return av_rescale_q(1, av_inv_q(d->frame_rate), tb);
	return 0;
}

/* Rebases the frame's timestamp on the file's start time (the mix's
 * frames already are) and notes where it ends, so that the filters know
 * how long the last frame lasts. */
static void set_pts(struct enc_decoder *d, int lane, AVFrame *frame)
{
	bool mixed = lane == ENC_AUDIO && d->mix.n;

	if (!mixed)
		frame->pts = frame->best_effort_timestamp;
	if (frame->pts == AV_NOPTS_VALUE)
		return;
	if (!mixed)
		frame->pts -= av_rescale_q(d->start, AV_TIME_BASE_Q, d->st[lane]->time_base);
	d->end_pts[lane] = FFMAX(d->end_pts[lane], frame->pts + frame_duration(d, lane, frame));
}

/* A file cut short (a copy interrupted, a full disk) still demuxes
 * cleanly up to where it stops; only its announced duration tells.  The
 * streams' own durations are preferred (another stream, markers say, may
 * last longer); durations guessed from the bit rate are too rough. */
#define TRUNCATION_SLACK 0.25

static double announced_end(const struct enc_decoder *d, int lane)
{
	const AVStream *st = d->st[lane];
	int64_t start = st->start_time == AV_NOPTS_VALUE ? 0 : st->start_time;

	if (st->duration == AV_NOPTS_VALUE || st->duration <= 0)
		return d->duration;
	return (start + st->duration) * av_q2d(st->time_base) - d->start / (double)AV_TIME_BASE;
}

static int check_complete(const struct enc_decoder *d)
{
	double end = 0, announced = 0;

	if (d->fmt->duration_estimation_method == AVFMT_DURATION_FROM_BITRATE)
		return ST_OK;
	for (int l = 0; l < ENC_LANES; l++)
		if (d->st[l]) {
			end = FFMAX(end, d->end_pts[l] * av_q2d(d->st[l]->time_base));
			announced = FFMAX(announced, announced_end(d, l));
		}
	if (end < announced - TRUNCATION_SLACK) {
		char e[ST_HUMAN_LEN], a[ST_HUMAN_LEN];

		st_error(_("cannot encode %s: it is truncated, its streams end at %s s of %s s"),
			 d->path, st_hnum(e, sizeof e, end, 2), st_hnum(a, sizeof a, announced, 2));
		return ST_DATAERR;
	}
	return ST_OK;
}

/* Streams are interleaved within a second or so: a packet this far past
 * the end of the selection means every stream has passed it. */
#define STOP_SLACK 2.0

static bool past_stop(const struct enc_decoder *d)
{
	const AVStream *st = d->fmt->streams[d->pkt->stream_index];

	if (d->opts.stop <= 0 || d->pkt->pts == AV_NOPTS_VALUE)
		return false;
	return (d->pkt->pts * av_q2d(st->time_base) - d->start / (double)AV_TIME_BASE) >
	       d->opts.stop + STOP_SLACK;
}

/* A watched stream's packet: only where it ends counts. */
static void watched(struct enc_decoder *d, int lane)
{
	const AVPacket *p = d->pkt;

	if (p->pts != AV_NOPTS_VALUE)
		d->end_pts[lane] = FFMAX(d->end_pts[lane],
					 p->pts + p->duration -
						 av_rescale_q(d->start, AV_TIME_BASE_Q,
							      d->st[lane]->time_base));
}

/* Feeds the next packet (or, once all are read, the next flush) to its
 * decoder and makes that decoder the current one.  *end is set when every
 * decoder has been flushed. */
static int feed(struct enc_decoder *d, bool *end)
{
	int ret, lane;

	if (d->eof) {
		for (lane = 0; lane < ENC_LANES; lane++)
			if (d->dec[lane] && !d->done[lane])
				break;
		if (lane == ENC_LANES) {
			*end = true;
			/* Without the video, the file's duration may be the video's. */
			if (d->stopped || (d->opts.skip_video && !d->opts.watch_video))
				return ST_OK;
			return check_complete(d);
		}
		ret = d->mix.n && lane == ENC_AUDIO ? enc_mix_send(&d->mix, -1, NULL)
						    : avcodec_send_packet(d->dec[lane], NULL);
		if (ret < 0 && ret != AVERROR_EOF) {
			st_error(_("cannot decode %s: %s"), d->path, av_err2str(ret));
			return ST_SOFTWARE;
		}
		d->current = lane;
		return ST_OK;
	}
	ret = av_read_frame(d->fmt, d->pkt);
	if (ret == AVERROR_EOF) {
		d->eof = true;
		return ST_OK;
	}
	if (ret < 0) {
		st_error(_("cannot read %s: %s"), d->path, av_err2str(ret));
		return ST_IOERR;
	}
	lane = lane_of(d, d->pkt->stream_index);
	d->packets += lane >= 0 && d->dec[lane];
	if (lane >= 0 && past_stop(d)) {
		av_packet_unref(d->pkt);
		d->eof = d->stopped = true;
		return ST_OK;
	}
	if (lane >= 0 && !d->dec[lane]) {
		watched(d, lane);
	} else if (lane >= 0) {
		if (d->mix.n && lane == ENC_AUDIO)
			ret = enc_mix_send(&d->mix, enc_mix_track(&d->mix, d->pkt->stream_index),
					   d->pkt);
		else
			ret = avcodec_send_packet(d->dec[lane], d->pkt);
		if (ret == AVERROR_INVALIDDATA)
			d->damaged++;
		else if (ret < 0) {
			av_packet_unref(d->pkt);
			st_error(_("cannot decode %s: %s"), d->path, av_err2str(ret));
			return ST_DATAERR;
		}
		d->current = lane;
	}
	av_packet_unref(d->pkt);
	return ST_OK;
}

int enc_decoder_next(struct enc_decoder *d, AVFrame *frame, int *lane)
{
	for (;;) {
		bool end = false;
		int ret, cur = d->current;

		if (cur >= 0) {
			ret = d->mix.n && cur == ENC_AUDIO ? enc_mix_receive(&d->mix, frame)
							   : avcodec_receive_frame(d->dec[cur], frame);
			if (ret >= 0) {
				set_pts(d, cur, frame);
				*lane = cur;
				return ST_OK;
			}
			if (ret == AVERROR_INVALIDDATA) {
				d->damaged++;
				continue;
			}
			if (ret != AVERROR(EAGAIN) && ret != AVERROR_EOF) {
				st_error(_("cannot decode %s: %s"), d->path, av_err2str(ret));
				return ST_DATAERR;
			}
			/* After a flush nothing but EOF can come: the lane is done. */
			d->done[cur] = d->eof;
			d->current = -1;
		}
		ret = feed(d, &end);
		if (ret != ST_OK)
			return ret;
		if (end) {
			*lane = -1;
			return ST_OK;
		}
	}
}

void enc_decoder_close(struct enc_decoder *d)
{
	if (d->mix.n)
		d->dec[ENC_AUDIO] = NULL;   /* the mix's own */
	enc_mix_close(&d->mix);
	for (int l = 0; l < ENC_LANES; l++)
		avcodec_free_context(&d->dec[l]);
	av_packet_free(&d->pkt);
	avformat_close_input(&d->fmt);
}
