/* decode.h — the master: demuxing and decoding its best video and best
 * audio stream, one frame at a time. */
#ifndef ENC_DECODE_H
#define ENC_DECODE_H

#include <stdbool.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>

#include "mix.h"

/* The two kinds of stream a rendition carries, used as array indices. */
enum enc_lane { ENC_VIDEO, ENC_AUDIO, ENC_LANES };

/* What to read from the master. */
struct enc_decoder_opts {
	int audio_track;                  /* 0: the best audio stream; N: the Nth one (1-based);
					     ENC_TRACK_MIX: all of them mixed (mix.h) */
	bool need_video;                  /* refuse a master without video */
	bool skip_video;                  /* do not decode the video at all */
	bool watch_video;                 /* with skip_video: still demux its packets (not
					     decoded, not counted) so that a truncated master
					     shows even then */
	bool skip_audio;                  /* nor the audio */
	double seek;                      /* start reading at the keyframe before this (s) */
	double stop;                      /* stop reading past this (s); <= 0: the end */
};

struct enc_decoder {
	const char *path;                 /* not owned */
	struct enc_decoder_opts opts;
	AVFormatContext *fmt;
	AVCodecContext *dec[ENC_LANES];   /* NULL when the master has no such stream;
					     with a mix, the audio one describes its frames */
	AVStream *st[ENC_LANES];          /* with a mix, the audio one is its first track */
	struct enc_mix mix;               /* n == 0 unless the audio lane is a mix */
	AVRational frame_rate;            /* of the video stream, best guess, 0/1 if unknown */
	AVRational sample_aspect;         /* of the video stream, 0/1 if unknown */
	int64_t end_pts[ENC_LANES];       /* end of the last frame decoded, stream time base */
	double duration;                  /* seconds, <= 0 if unknown */
	int64_t start;                    /* start time, AV_TIME_BASE units */
	AVPacket *pkt;
	int current;                      /* lane being drained, -1 if none */
	bool eof;                         /* every packet read */
	bool done[ENC_LANES];             /* decoder flushed */
	bool stopped;                     /* reading ended at opts.stop, not at the file's end */
	int damaged;                      /* packets or frames the decoders rejected */
	int64_t packets;                  /* packets demuxed of the decoded streams */
};

/* Opens PATH (kept, not copied) and the decoders OPTS asks for.  A master
 * without video is refused when OPTS->need_video; one without audio gives
 * no audio lane (dec[ENC_AUDIO] NULL). */
int enc_decoder_open(struct enc_decoder *d, const char *path,
		     const struct enc_decoder_opts *opts);

/* Decodes the next frame into FRAME and sets *lane; *lane is -1 once both
 * decoders are drained.  Timestamps are in the stream's time base and count
 * from the start of the file; end_pts follows the frames.  Damaged packets
 * are skipped and counted. */
int enc_decoder_next(struct enc_decoder *d, AVFrame *frame, int *lane);

void enc_decoder_close(struct enc_decoder *d);

#endif
