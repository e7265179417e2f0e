/* options.h — studio-capture's command line. */
#ifndef CAPTURE_OPTIONS_H
#define CAPTURE_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "pcm.h"

enum cap_video_kind { CAP_VIDEO_NONE, CAP_VIDEO_TEST, CAP_VIDEO_V4L2, CAP_VIDEO_X11 };

/* --video: the test pattern (test:WxH@FPS), a V4L2 device
 * (v4l2:PATH[:WxH@FPS][:INPUT_FORMAT]) or an X11 screen
 * (x11:DISPLAY[+X,Y,WxH]).  Zero sizes and rates: the device's own. */
struct cap_video_spec {
	enum cap_video_kind kind;
	int width;
	int height;
	int fps;
	int x, y;                 /* x11 grab origin */
	char device[256];         /* v4l2 path or X11 display */
	char input_format[32];    /* v4l2: mjpeg, h264, yuyv422...; "" = any */
};

/* A --title or --description: "[LANG=]TEXT".  LANG is "" for a plain
 * TEXT, which is in the main language. */
struct cap_text {
	char lang[3];
	const char *text;
};

/* --marker N=NAME of --describe: marker N (1 = the first) is named NAME. */
struct cap_marker_name {
	long number;
	const char *name;
};

/* Strings point into argv, which outlives the options; only the arrays
 * themselves are owned (cap_opts_free()). */
struct cap_opts {
	const char *session;
	const char *recover;      /* --recover DIR */
	const char *describe;     /* --describe DIR */
	bool list_devices;
	struct cap_text *titles;  /* in the order given; a later one for the same
				   * language wins */
	size_t n_titles;
	struct cap_text *descriptions;
	size_t n_descriptions;
	const char *language;     /* main language: the first --language, "fr" by default */
	const char **languages;   /* every --language given, in order */
	size_t n_languages;
	const char **speakers;
	size_t n_speakers;
	struct cap_marker_name *markers;
	size_t n_markers;
	bool test_sources;        /* test pattern and test tone, not paced; with an
				   * x11 --video: the tone beside the real screen */
	bool no_audio;            /* --no-audio: the screen alone */
	const char *audio;        /* --audio DEVICE; NULL: none */
	struct cap_pcm_spec pcm;  /* --channels, --rate, --format */
	struct cap_video_spec video;
	double duration;          /* seconds; 0: until stopped (with --standby:
				   * from the key, the pre-roll in addition) */
	bool standby;             /* open the devices, record on r, space or SIGUSR1 */
	double pre_roll;          /* seconds kept before the key (default 5) */
	const char *pre_roll_arg; /* --pre-roll as given; NULL: the default */
	bool no_meter;
	bool json;
	bool quiet;
	bool done;                /* --help or --version answered: exit 0 */
};

/* The most --pre-roll can hold for PCM: the pre-roll ring is at most
 * CAP_PRE_ROLL_BYTES, and never more than a minute. */
#define CAP_PRE_ROLL_BYTES (64 << 20)
#define CAP_PRE_ROLL_MAX_SECONDS 60
int cap_pre_roll_max(const struct cap_pcm_spec *pcm);

void cap_opts_init(struct cap_opts *o);
void cap_opts_free(struct cap_opts *o);

/* Parses and validates the whole command line, combinations included, so
 * that no work starts on a bad one.  Prints one message and returns
 * ST_USAGE on error. */
int cap_opts_parse(struct cap_opts *o, int argc, char **argv);

#endif
