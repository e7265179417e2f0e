/* writer_copy.c — pictures stored as delivered: MJPEG or H.264 from a
 * camera, no decoding, no encoding (packets.h tells why H.264 needs its
 * parameter sets first). */
#include "writer_int.h"

#include "msg.h"
#include "status.h"

#define MKV_TB ((AVRational){1, 1000})

int cap_writer_open_copy(struct cap_writer *w)
{
	const struct cap_source_info *in = w->spec.video;
	AVStream *st = avformat_new_stream(w->fmt, NULL);
	int ret;

	if (!st)
		return ST_OSERR;
	ret = avcodec_parameters_copy(st->codecpar, in->copy);
	if (ret < 0) {
		st_error(_("cannot set up %s: %s"), w->path, av_err2str(ret));
		return ST_SOFTWARE;
	}
	st->codecpar->codec_tag = 0;
	st->time_base = MKV_TB;
	st->avg_frame_rate = in->frame_rate;
	w->video.st = st;
	w->video.tb = MKV_TB;
	w->video_step = FFMAX(1, av_rescale_q(1, av_inv_q(in->frame_rate), MKV_TB));
	w->video_last = -1;
	return ST_OK;
}

/* Only the video thread calls this; video_end is read by others. */
int cap_writer_video_packet(struct cap_writer *w, AVPacket *pkt, double *at)
{
	int64_t pts = av_rescale_q(pkt->pts, w->spec.video->video_tb, MKV_TB);
	int rc;

	if (pts <= w->video_last)
		pts = w->video_last + 1;
	pkt->pts = pkt->dts = pts;
	/* A camera's H.264 has no B-frames: decoding order is display order. */
	pkt->duration = w->video_step;
	rc = cap_writer_mux(w, &w->video, pkt);
	if (rc == ST_OK) {
		w->video_last = pts;
		atomic_store(&w->video_end, pts + w->video_step);
		*at = pts * av_q2d(MKV_TB);
	}
	return rc;
}
