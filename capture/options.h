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

/* Strings point into argv, which outlives the options; only the speakers
 * array itself is owned (cap_opts_free()). */
struct cap_opts {
	const char *session;
	const char *recover;      /* --recover DIR */
	bool list_devices;
	const char *title;        /* NULL: leave the title alone */
	const char *language;     /* ISO 639-1 code of the title */
	const char **speakers;
	size_t n_speakers;
	bool test_sources;        /* test pattern and test tone, not paced */
	const char *audio;        /* --audio DEVICE; NULL: none */
	struct cap_pcm_spec pcm;  /* --channels, --rate, --format */
	struct cap_video_spec video;
	double duration;          /* seconds; 0: until stopped */
	bool no_meter;
	bool json;
	bool quiet;
	bool done;                /* --help or --version answered: exit 0 */
};

void cap_opts_init(struct cap_opts *o);
void cap_opts_free(struct cap_opts *o);

/* Parses and validates the whole command line, combinations included, so
 * that no work starts on a bad one.  Prints one message and returns
 * ST_USAGE on error. */
int cap_opts_parse(struct cap_opts *o, int argc, char **argv);

#endif
