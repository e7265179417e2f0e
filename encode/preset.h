/* preset.h — encoding presets: presets/NAME.ini files, found in the user's
 * folder first ($XDG_CONFIG_HOME/studio/presets, default ~/.config), then in
 * the shipped data folder, and validated completely when loaded so that a
 * bad value is reported as FILE:LINE: KEY before any encoding starts.
 *
 * A preset is one of three kinds, decided by its container:
 *   mp4, webm   a video with (when the master has it) audio: [video] and [audio]
 *   ogg         audio only: [audio]
 *   jpg, png    one picture: [image], whose kind is poster, contact-sheet
 *               (both from the video) or waveform (from the audio) */
#ifndef ENC_PRESET_H
#define ENC_PRESET_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <libavutil/pixfmt.h>
#include <libavutil/rational.h>

struct enc_video_preset {
	char *codec;          /* encoder name: "libx264", "libvpx-vp9" */
	char *profile;        /* H.264 "baseline", "main" or "high" */
	char *x264_preset;    /* "ultrafast" ... "veryslow" */
	int speed;            /* VP9 cpu-used, 0 (slowest) to 8 */
	enum AVPixelFormat pix_fmt;
	int max_height;       /* even; sources are scaled down to it, never up */
	AVRational fps;       /* 0/0: keep the source's rate */
	double crf;
	int64_t maxrate;      /* bits/s, 0: no VBV cap (and for VP9 the target) */
	int64_t bufsize;      /* bits, set whenever maxrate is */
	double gop_seconds;   /* closed GOP length */
	int lookahead;        /* frames: x264 rc-lookahead, VP9 lag-in-frames; -1: the encoder's */
};

struct enc_audio_preset {
	char *codec;          /* encoder name: "aac", "libopus", "libvorbis" */
	int sample_rate;
	int channels;
	int64_t bitrate;      /* bits/s; 0 when quality is used */
	double quality;       /* libvorbis VBR quality (-1 to 10); < -1: unset */
	double loudness;      /* integrated loudness target, LUFS */
	double true_peak;     /* true-peak ceiling, dBTP */
};

enum enc_image_kind { ENC_POSTER, ENC_CONTACT_SHEET, ENC_WAVEFORM };

struct enc_image_preset {
	char *kind;           /* "poster", "contact-sheet", "waveform" */
	enum enc_image_kind type;
	int width, height;    /* poster/waveform: size (poster: max height only);
				 contact sheet: one thumbnail's width */
	int columns, rows;    /* contact sheet grid */
	int quality;          /* JPEG qscale, 2 (best) to 31 */
};

enum enc_kind { ENC_KIND_AV, ENC_KIND_AUDIO, ENC_KIND_IMAGE };

/* Owns every string it holds; enc_preset_free() releases them. */
struct enc_preset {
	char *name;
	char *path;           /* the .ini it came from */
	char *description;
	char *container;      /* also the file extension: mp4, webm, ogg, jpg, png */
	const char *muxer;    /* libavformat muxer for the container (static) */
	enum enc_kind kind;
	double max_duration;  /* seconds, 0: unlimited (jury: 180) */
	int64_t max_bytes;    /* output must stay below, 0: unlimited */
	struct enc_video_preset video;
	struct enc_audio_preset audio;
	struct enc_image_preset image;
};

/* True when the preset needs the master's video, or its audio. */
bool enc_preset_needs_video(const struct enc_preset *p);
bool enc_preset_needs_audio(const struct enc_preset *p);

/* Finds and parses preset NAME.  An unknown name gives one error listing the
 * available presets; a bad file one FILE:LINE: KEY error. */
int enc_preset_load(struct enc_preset *p, const char *name);
void enc_preset_free(struct enc_preset *p);

/* The parsing and validation of enc_preset_load() on the open stream F
 * instead of a file found by name; PATH names F in messages and becomes
 * p->path.  Nothing else is read (for unit tests and fuzzing).  Call
 * enc_preset_free() whatever it returns. */
int enc_preset_read(struct enc_preset *p, const char *name, const char *path, FILE *f);

/* Prints "NAME  DESCRIPTION" for every available preset on stdout.  A preset
 * that does not load gives its error and makes the result non-zero, the
 * others are still listed. */
int enc_preset_print_list(void);

/* Prints the file that preset NAME comes from, and its contents, on stdout
 * once it has loaded without error. */
int enc_preset_show(const char *name);

#endif
