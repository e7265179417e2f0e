/* writer.h — the master file: Matroska, written under its final name from
 * the first byte, in a layout that stays playable if the program dies.
 *
 * Video (when there is some): H.264 (libx264, veryfast, CRF 18, yuv420p),
 * or, when the source delivers MJPEG or H.264 (SPEC->video->copy), its
 * pictures as delivered (writer_copy.c).
 * Sound either
 *  - from a source's decoded frames (the test tone): one FLAC track at
 *    48 kHz, or
 *  - raw PCM from an audio device (cap_writer_pcm()): one track per
 *    channel, bit-exact — FLAC for s16 and s24 (24-bit FLAC), PCM float
 *    (A_PCM/IEEE/FLOAT) for f32, which FLAC cannot hold.
 *
 * Crash survival (docs/capture.md): the file is created with O_EXCL (an
 * existing file is never replaced), flock'ed while recording (so --recover
 * knows a live recording from an interrupted one), clusters last at most
 * 0.5 s and every packet is written out as it is muxed; cap_writer_sync()
 * fsyncs.  A killed recording leaves a Matroska file whose segment has an
 * unknown size and no index: valid, and read by every demuxer.
 *
 * Threads: one thread may feed video and another sound at the same time
 * (the muxer is behind a mutex); cap_writer_duration(), cap_writer_stats()
 * and cap_writer_sync() may be called from a third. */
#ifndef CAPTURE_WRITER_H
#define CAPTURE_WRITER_H

#include <libavcodec/packet.h>
#include <libavutil/frame.h>
#include <libavutil/rational.h>
#include <stdbool.h>
#include <stdint.h>

#include "metadata.h"
#include "pcm.h"
#include "source.h"


/* What the master holds; each part may be NULL (but not all). */
struct cap_writer_spec {
	const struct cap_source_info *video;  /* video fields used */
	const struct cap_source_info *audio;  /* audio fields used: one track */
	const struct cap_pcm_spec *pcm;       /* one track per channel */
	const char *source;                   /* STUDIO_SOURCE tag of the file */
	const char *started;                  /* STUDIO_STARTED tag (ISO 8601) */
	/* The session's metadata as the file's tags, in its header from the
	 * first byte (so a killed recording keeps them): title, language
	 * (ISO 639-2), licence URL, producer, date and the attribution line
	 * (copyright, comment).  Read by cap_writer_open() only; NULL: none. */
	const struct st_meta *meta;
};

/* What was written, for session.json. */
struct cap_master {
	const char *video_codec;   /* NULL: no video */
	int width;
	int height;
	AVRational fps;
	const char *audio_codec;
	int sample_rate;
	int channels;              /* of each track */
	int audio_tracks;
	int bits;                  /* bits per sample of the sound */
	bool per_channel;          /* one track per device channel */
	double duration;           /* seconds: the later end of all streams */
};

struct cap_writer_stats {
	int64_t bytes;             /* written to the file */
	double max_write_s;        /* slowest write(2) */
	double max_sync_s;         /* slowest fsync(2) */
	int io_errno;              /* first write error, 0 if none */
};

struct cap_writer;

/* Creates FINAL_PATH (refusing an existing file), opens the encoders and
 * writes the header.  SPEC's parts must outlive the writer. */
int cap_writer_open(struct cap_writer **out, const char *final_path,
		    const struct cap_writer_spec *spec);

/* FRAME's timestamp is in the video time base of SPEC->video.  FRAME's
 * fields may be changed; its data are not. */
int cap_writer_video(struct cap_writer *w, AVFrame *frame);
/* A compressed picture as delivered (SPEC->video->copy), its timestamp
 * in the video time base of SPEC->video; stored at the nearest
 * millisecond (Matroska's precision), always after the previous one.
 * *AT is the time it was stored at, in seconds.  PKT's fields may be
 * changed; its data are not. */
int cap_writer_video_packet(struct cap_writer *w, AVPacket *pkt, double *at);
/* A frame of the source's sound (SPEC->audio). */
int cap_writer_audio(struct cap_writer *w, AVFrame *frame);
/* FRAMES interleaved sample frames in SPEC->pcm's format. */
int cap_writer_pcm(struct cap_writer *w, const void *data, int frames);

/* Seconds of media written so far (the later end of all streams). */
double cap_writer_duration(const struct cap_writer *w);
/* Seconds of sound written so far. */
double cap_writer_audio_duration(const struct cap_writer *w);
void cap_writer_stats(const struct cap_writer *w, struct cap_writer_stats *out);

/* fsyncs what is written; called about once a second. */
int cap_writer_sync(struct cap_writer *w);

/* The caller has said why writing stops (a full disk): write errors from
 * now on add no message. */
void cap_writer_already_reported(struct cap_writer *w);

/* A write failed (disk full...): the file lacks its end. */
bool cap_writer_failed(const struct cap_writer *w);

/* Drains the encoders, writes the index and the duration, syncs.  After a
 * write failure, cuts the file back to its last whole cluster instead and
 * returns ST_OK: the file is then complete up to there (the caller reads
 * its real duration back, see probe.h). */
int cap_writer_finish(struct cap_writer *w);

const struct cap_master *cap_writer_master(const struct cap_writer *w);

/* Frees everything.  The file stays, finished or not: what was recorded
 * is never deleted. */
void cap_writer_free(struct cap_writer **w);

#endif
