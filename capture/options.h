/* options.h — studio-capture's command line. */
#ifndef CAPTURE_OPTIONS_H
#define CAPTURE_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

/* Geometry of the test pattern (--video test:WxH@FPS). */
struct cap_video_spec {
	int width;
	int height;
	int fps;
};

/* Strings point into argv, which outlives the options; only the speakers
 * array itself is owned (cap_opts_free()). */
struct cap_opts {
	const char *session;
	const char *title;        /* NULL: leave the title alone */
	const char *language;     /* ISO 639-1 code of the title */
	const char **speakers;
	size_t n_speakers;
	bool test_sources;
	struct cap_video_spec video;
	double duration;          /* seconds; 0: until interrupted */
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
