/* mix.h — --audio-track mix: every audio stream of the master decoded and
 * mixed by libavfilter into one stereo track, which the decoder then hands
 * out as its audio lane, as if the master had that single track.
 *
 * How the tracks are placed: a track with two or more channels is
 * downmixed to stereo (libswresample's standard matrix) and kept where it
 * is.  The mono tracks (studio-capture writes one per input channel) are
 * spread evenly across the stereo field in track order with a
 * constant-power pan: the first fully left, the last fully right, the
 * others in between (2 tracks: left and right; 3: left, centre, right); a
 * single mono track is centred.  The tracks are summed without scaling
 * (amix normalize=0): the loudness normalisation that follows sets the
 * level, and its true-peak limiter catches the sum's peaks. */
#ifndef ENC_MIX_H
#define ENC_MIX_H

#include <stdbool.h>
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>

/* The value of enc_decoder_opts.audio_track asking for the mix. */
#define ENC_TRACK_MIX (-1)

struct enc_mix {
	int n;                         /* audio streams mixed */
	AVStream **st;                 /* the master's, not owned */
	AVCodecContext **dec;
	AVFilterContext **src;
	bool *flushed;
	int64_t *end;                  /* end of each track's last frame, its time base */
	AVFilterGraph *graph;
	AVFilterContext *sink;
	AVCodecContext *out;           /* no codec: describes the mixed frames */
	AVFrame *frame;
	int64_t start;                 /* the file's start, AV_TIME_BASE units */
};

/* The audio streams of FMT, and how many of them are mono. */
int enc_mix_count(const AVFormatContext *fmt, int *mono);

/* The audio track read when none is asked for: the mix when FMT holds
 * several audio streams, all mono (studio-capture writes one per input
 * channel: each microphone has its own), else 0, the best stream. */
int enc_mix_default_track(const AVFormatContext *fmt);

/* Opens a decoder for each audio stream of FMT and the mixing graph, whose
 * frames come out timed in the first audio stream's time base, counted from
 * START.  Returns ST_OK with M->n == 0 when FMT has no audio. */
int enc_mix_open(struct enc_mix *m, AVFormatContext *fmt, const char *path, int64_t start);

/* Index into M of the master's stream INDEX, -1 when not mixed. */
int enc_mix_track(const struct enc_mix *m, int index);

/* Decodes PKT of track K (NULL: flushes every track) and feeds its frames
 * to the graph.  Returns 0 or a negative AVERROR (AVERROR_INVALIDDATA for
 * a damaged packet, which is skipped). */
int enc_mix_send(struct enc_mix *m, int k, const AVPacket *pkt);

/* Like avcodec_receive_frame(): a mixed frame, AVERROR(EAGAIN) or
 * AVERROR_EOF once every track is flushed and drained. */
int enc_mix_receive(struct enc_mix *m, AVFrame *frame);

void enc_mix_close(struct enc_mix *m);

#endif
