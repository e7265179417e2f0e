/* source.h — where the pictures and sound come from.
 *
 * A source delivers decoded frames of both media, one at a time, in the
 * order it produces them.  Timestamps are in the source's own time bases
 * (info.video_tb, info.audio_tb) and start at 0; audio is continuous.  The
 * test source (source_test.c) is built on the generic libavdevice input
 * (source_avdev.c); device inputs slot in beside it. */
#ifndef CAPTURE_SOURCE_H
#define CAPTURE_SOURCE_H

#include <libavutil/channel_layout.h>
#include <libavutil/frame.h>
#include <libavutil/pixfmt.h>
#include <libavutil/rational.h>
#include <libavutil/samplefmt.h>
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

/* The same with only the video stream (the sound comes from an audio
 * device); the audio fields of the info stay empty. */
int cap_source_open_video(struct cap_source **out, const char *format, const char *url,
			  AVDictionary **options, const char *label, const char *kind);

const struct cap_source_info *cap_source_info(const struct cap_source *s);

/* Fills FRAME (unreferenced first) with the next frame and sets *MEDIA to
 * its kind, or *MEDIA to CAP_END at the end of the input. */
int cap_source_read(struct cap_source *s, AVFrame *frame, enum cap_media *media);

void cap_source_close(struct cap_source **s);

#endif
