/* writer.h — the master file: Matroska with H.264 video (libx264, veryfast,
 * CRF 18, yuv420p) and FLAC audio at 48 kHz.
 *
 * The file is written under a temporary name beside FINAL and renamed onto
 * it by cap_writer_finish(), which refuses to replace an existing file.  It
 * is already written to survive a crash of the program: clusters of at most
 * one second, packets flushed as they are muxed, and the file fsynced after
 * every second of media. */
#ifndef CAPTURE_WRITER_H
#define CAPTURE_WRITER_H

#include <libavutil/frame.h>
#include <libavutil/rational.h>

#include "source.h"

/* What was written, for session.json. */
struct cap_master {
	const char *video_codec;   /* "h264" */
	int width;
	int height;
	AVRational fps;
	const char *audio_codec;   /* "flac" */
	int sample_rate;
	int channels;
	double duration;           /* seconds: the later end of both streams */
};

struct cap_writer;

/* Opens the encoders and the muxer for frames described by IN (which must
 * outlive the writer) and writes the header.  FINAL is copied. */
int cap_writer_open(struct cap_writer **out, const char *final_path,
		    const struct cap_source_info *in);

/* FRAME's timestamp is in IN's time base of its medium.  FRAME's fields
 * may be changed; its data are not. */
int cap_writer_video(struct cap_writer *w, AVFrame *frame);
int cap_writer_audio(struct cap_writer *w, AVFrame *frame);

/* Seconds of media written so far. */
double cap_writer_duration(const struct cap_writer *w);

/* Drains the encoders, writes the trailer, syncs and renames the file onto
 * its final name. */
int cap_writer_finish(struct cap_writer *w);

const struct cap_master *cap_writer_master(const struct cap_writer *w);

/* Frees everything; an unfinished file is removed. */
void cap_writer_free(struct cap_writer **w);

#endif
