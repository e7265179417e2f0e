/* chain.h — the filter chain of each rendition, as libavfilter text: the
 * selection (--start/--end, --trim with its fade-out), scaling, frame rate,
 * pixel format, loudness normalisation and resampling, or the picture a
 * still preset makes. */
#ifndef ENC_CHAIN_H
#define ENC_CHAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <libavcodec/avcodec.h>

#include "preset.h"

/* The part of the master a rendition covers, in seconds from its start. */
struct enc_cut {
	double start;
	double end;        /* <= 0: the master's end */
	double duration;   /* of the selection; <= 0 if unknown */
	bool fade;         /* 1 s audio and video fade-out at the end (--trim) */
};

/* EBU R128 measurement of the selection (loudness.h). */
struct enc_loudness {
	double integrated;   /* LUFS */
	double range;        /* LU */
	double true_peak;    /* dBTP */
	bool valid;          /* false: silence, nothing to normalise */
};

/* How a rendition reaches its loudness target: a linear gain and, when
 * that gain would lift the true peak over the ceiling, a true-peak limiter
 * (libavfilter's alimiter on the signal oversampled 4x to 192 kHz, so that
 * inter-sample peaks are caught).  No dynamic compression: no pumping. */
struct enc_gain {
	double db;        /* gain */
	double limit;     /* limiter ceiling, linear; 0: no limiter */
};

/* "volume=...,[limiter,]" for G, or "" when G does nothing. */
void enc_chain_gain(char *buf, size_t len, const struct enc_gain *g);

/* Video chain of an audio-video preset for a decoder DEC running at FPS. */
void enc_chain_video(char *buf, size_t len, const struct enc_preset *p,
		     const AVCodecContext *dec, AVRational fps, const struct enc_cut *cut);

/* Audio chain: selection, gain G, the preset's rate, layout and the
 * sample format FMT of its encoder, fade. */
void enc_chain_audio(char *buf, size_t len, const struct enc_preset *p,
		     enum AVSampleFormat fmt, const struct enc_cut *cut,
		     const struct enc_gain *g);

/* Picture chains: poster and contact sheet from the video decoder DEC,
 * waveform from the audio. */
void enc_chain_image(char *buf, size_t len, const struct enc_preset *p,
		     const AVCodecContext *dec, AVRational fps, const struct enc_cut *cut);

/* Appends the formatted text to the string in BUF (LEN bytes in all),
 * cut short when it is full. */
void enc_chain_append(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The selection alone ("atrim=...,asetpts=..." or ""), for measurements. */
void enc_chain_cut(char *buf, size_t len, bool audio, const struct enc_cut *cut);

#endif
