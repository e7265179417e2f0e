/* preset.h — encoding presets: presets/NAME.ini files, found in the user's
 * folder first ($XDG_CONFIG_HOME/studio/presets, default ~/.config), then in
 * the shipped data folder, and validated completely when loaded so that a
 * bad value is reported as FILE:LINE: KEY before any encoding starts. */
#ifndef ENC_PRESET_H
#define ENC_PRESET_H

#include <stdint.h>
#include <libavutil/pixfmt.h>
#include <libavutil/rational.h>

struct enc_video_preset {
	char *codec;          /* encoder name: "libx264" */
	char *profile;        /* "baseline", "main" or "high" */
	char *x264_preset;    /* "ultrafast" ... "veryslow" */
	enum AVPixelFormat pix_fmt;
	int max_height;       /* even; sources are scaled down to it, never up */
	AVRational fps;       /* 0/0: keep the source's rate */
	double crf;
	int64_t maxrate;      /* bits/s, 0: no VBV cap */
	int64_t bufsize;      /* bits, set whenever maxrate is */
	double gop_seconds;   /* closed GOP length */
};

struct enc_audio_preset {
	char *codec;          /* encoder name: "aac" */
	int sample_rate;
	int channels;
	int64_t bitrate;      /* bits/s */
};

/* Owns every string it holds; enc_preset_free() releases them. */
struct enc_preset {
	char *name;
	char *path;           /* the .ini it came from */
	char *description;
	char *container;      /* muxer name, also the file extension: "mp4" */
	struct enc_video_preset video;
	struct enc_audio_preset audio;
};

/* Finds and parses preset NAME.  An unknown name gives one error listing the
 * available presets; a bad file one FILE:LINE: KEY error. */
int enc_preset_load(struct enc_preset *p, const char *name);
void enc_preset_free(struct enc_preset *p);

/* Prints "NAME  DESCRIPTION" for every available preset on stdout.  A preset
 * that does not load gives its error and makes the result non-zero, the
 * others are still listed. */
int enc_preset_print_list(void);

#endif
