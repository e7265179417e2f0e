/* writer_int.h — the master writer's insides, shared by writer.c (file and
 * muxer), writer_av.c (video and test-tone encoding) and writer_pcm.c
 * (device sound, one track per channel). */
#ifndef CAPTURE_WRITER_INT_H
#define CAPTURE_WRITER_INT_H

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/audio_fifo.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "writer.h"

#define CAP_MAX_TRACKS 32

struct cap_track {
	AVCodecContext *enc;       /* NULL: pictures stored as delivered */
	AVStream *st;
	AVRational tb;             /* of the packets handed to cap_writer_mux() */
	AVFrame *frame;            /* being filled (device sound) */
};

struct cap_writer {
	struct cap_writer_spec spec;
	char *path;
	int fd;
	AVFormatContext *fmt;
	pthread_mutex_t mux_lock;  /* the muxer and the AVIO context */
	bool lock_ready;

	/* Video. */
	struct cap_track video;
	struct SwsContext *sws;    /* NULL when the source is already yuv420p */
	AVFrame *picture;
	_Atomic int64_t video_end; /* encoder time base: last pts + one frame */
	int64_t video_step;        /* one frame in the encoder time base */
	int64_t video_last;        /* last pts, -1 before the first */

	/* Sound: tracks[0] for the test tone, one per channel for a device. */
	struct cap_track tracks[CAP_MAX_TRACKS];
	int n_tracks;
	int block;                 /* samples per encoded frame */
	int fill;                  /* samples in the frames being filled */
	SwrContext *swr;           /* test tone only */
	AVAudioFifo *fifo;         /* test tone only */
	AVFrame *sound;
	_Atomic int64_t samples;   /* per track, sent to the encoders */

	AVPacket *vpkt;            /* one packet per feeding thread */
	AVPacket *apkt;

	/* I/O statistics, written under mux_lock, read by anyone. */
	_Atomic int64_t bytes;
	_Atomic int64_t max_write_ns;
	_Atomic int64_t max_sync_ns;
	_Atomic int io_errno;
	int64_t good_size;         /* file size after the last muxed packet */
	atomic_bool reported;      /* one message per failure, whichever thread */
	bool finished;
	struct cap_master master;
};

/* writer.c */
int cap_writer_mux(struct cap_writer *w, struct cap_track *t, AVPacket *pkt);
int cap_writer_encode(struct cap_writer *w, struct cap_track *t, AVPacket *pkt,
		      const AVFrame *frame);
int cap_writer_add_stream(struct cap_writer *w, struct cap_track *t);
int cap_writer_io_error(struct cap_writer *w, int ret);

/* writer_av.c */
int cap_writer_open_video(struct cap_writer *w);
int cap_writer_open_tone(struct cap_writer *w);
int cap_writer_drain_tone(struct cap_writer *w);

/* writer_copy.c */
int cap_writer_open_copy(struct cap_writer *w);

/* writer_pcm.c */
int cap_writer_open_pcm(struct cap_writer *w);
int cap_writer_drain_pcm(struct cap_writer *w);

#endif
