/* source.h — where the pictures and sound come from.
 *
 * A source delivers decoded frames of both media, one at a time, in the
 * order it produces them.  Timestamps are in the source's own time bases
 * (info.video_tb, info.audio_tb) and start at 0; audio is continuous.  The
 * test source (source_test.c) is built on the generic libavdevice input
 * (source_avdev.c); device inputs slot in beside it. */
#ifndef CAPTURE_SOURCE_H
#define CAPTURE_SOURCE_H

#include <libavcodec/codec_par.h>
#include <libavcodec/packet.h>
#include <libavutil/channel_layout.h>
#include <libavutil/frame.h>
#include <libavutil/pixfmt.h>
#include <libavutil/rational.h>
#include <libavutil/samplefmt.h>
#include <stdbool.h>
#include <stdint.h>

#include "options.h"

enum cap_media { CAP_VIDEO, CAP_AUDIO, CAP_END };

struct cap_source_info {
	const char *kind;          /* the capture's "source" in session.json */
	int width;
	int height;
	enum AVPixelFormat pix_fmt;
	AVRational frame_rate;
	AVRational video_tb;
	int sample_rate;
	AVChannelLayout ch_layout;
	enum AVSampleFormat sample_fmt;
	AVRational audio_tb;
	/* Non-NULL when the pictures come compressed (MJPEG, H.264) and are
	 * stored as delivered: read them with cap_source_read_packet(); for
	 * H.264 the extradata holds the parameter sets (SPS, PPS) taken from
	 * the first keyframe.  Owned by the source. */
	const AVCodecParameters *copy;
	/* What the source lost; the test sources generate every frame and
	 * sample, so they lose none. */
	int64_t dropped_frames;
	int64_t dropped_samples;
};

struct cap_source;

/* The built-in test pattern (testsrc2) and a 440 Hz sine at 48 kHz, from
 * libavfilter through libavdevice's lavfi input.  They never end and are
 * generated as fast as the encoder takes them. */
int cap_source_open_test(struct cap_source **out, const struct cap_video_spec *v);

/* A libavdevice (or libavformat) input FORMAT opened on URL with OPTIONS,
 * which must hold one video and one audio stream.  LABEL names it in
 * messages, KIND in session.json; both must outlive the source. */
int cap_source_open_avdev(struct cap_source **out, const char *format, const char *url,
			  AVDictionary **options, const char *label, const char *kind);

/* How a video-only source is read. */
struct cap_video_input {
	const char *format;        /* libavdevice/libavformat input; NULL: probe */
	const char *url;
	AVDictionary **options;
	const char *label;         /* names it in messages */
	const char *kind;          /* its "source" in session.json */
	bool keep_compressed;      /* MJPEG and H.264 are not decoded (info.copy) */
	bool paced;                /* a file standing in for a camera: its pictures
				    * are handed out in real time and stamped on
				    * CLOCK_MONOTONIC in microseconds, as v4l2 does */
};

/* The same with only the video stream (the sound comes from an audio
 * device); the audio fields of the info stay empty.  IN's strings must
 * outlive the source. */
int cap_source_open_video(struct cap_source **out, const struct cap_video_input *in);

const struct cap_source_info *cap_source_info(const struct cap_source *s);

/* Fills FRAME (unreferenced first) with the next frame and sets *MEDIA to
 * its kind, or *MEDIA to CAP_END at the end of the input. */
int cap_source_read(struct cap_source *s, AVFrame *frame, enum cap_media *media);

/* Fills PKT (unreferenced first) with the next picture of a source whose
 * info.copy is set, exactly as delivered, its timestamp in info.video_tb
 * and AV_PKT_FLAG_KEY set on pictures that decode alone (every MJPEG one,
 * H.264 ones holding an IDR slice).  *END at the end of the input. */
int cap_source_read_packet(struct cap_source *s, AVPacket *pkt, bool *end);

void cap_source_close(struct cap_source **s);

#endif
