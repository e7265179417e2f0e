/* options.c — parsing and validation of studio-capture's command line. */
#include "options.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "opts.h"
#include "status.h"

enum {
	OPT_DURATION = 256,
	OPT_HELP,
	OPT_LANGUAGE,
	OPT_QUIET,
	OPT_SESSION,
	OPT_SPEAKER,
	OPT_TEST_SOURCES,
	OPT_TITLE,
	OPT_VERSION,
	OPT_VIDEO,
};

/* Sorted by name. */
static const struct option long_options[] = {
	{"duration", required_argument, NULL, OPT_DURATION},
	{"help", no_argument, NULL, OPT_HELP},
	{"language", required_argument, NULL, OPT_LANGUAGE},
	{"quiet", no_argument, NULL, OPT_QUIET},
	{"session", required_argument, NULL, OPT_SESSION},
	{"speaker", required_argument, NULL, OPT_SPEAKER},
	{"test-sources", no_argument, NULL, OPT_TEST_SOURCES},
	{"title", required_argument, NULL, OPT_TITLE},
	{"version", no_argument, NULL, OPT_VERSION},
	{"video", required_argument, NULL, OPT_VIDEO},
	{NULL, 0, NULL, 0},
};

static void usage(void)
{
	printf(_("Usage: %s --session DIR [OPTION]...\n"
		 "Record a studio session into DIR/master/master.mkv (H.264 video, FLAC\n"
		 "audio) and describe it in DIR/session.json.\n"
		 "\n"
		 "  --session DIR         session folder, created if missing; a folder that\n"
		 "                        already holds a recording is refused\n"
		 "  --title TEXT          title of the session, in the --language\n"
		 "  --speaker NAME        a speaker (repeat the option for each one)\n"
		 "  --language CODE       language of the title, ISO 639-1 (default: fr)\n"
		 "  --test-sources        record the built-in test pattern and a 440 Hz tone;\n"
		 "                        they are generated as fast as possible, not paced\n"
		 "                        to real time\n"
		 "  --video test[:WxH@FPS]\n"
		 "                        the test pattern, W x H pixels at FPS frames per\n"
		 "                        second (default: test:1280x720@25); implies\n"
		 "                        --test-sources\n"
		 "  --duration TIME       stop after TIME (seconds, MM:SS or HH:MM:SS);\n"
		 "                        required with the test sources, which never end\n"
		 "  --quiet               print errors only\n"
		 "  --help                show this help and exit\n"
		 "  --version             show the version and exit\n"
		 "\n"
		 "SIGINT (Ctrl-C) or SIGTERM stops the recording: the file is finished\n"
		 "cleanly and its real duration recorded.\n"),
	       st_progname());
}

static bool parse_dim(const char *s, long min, long max, int *out)
{
	long v;

	if (!st_parse_long(s, min, max, &v))
		return false;
	*out = (int)v;
	return true;
}

/* "test", "test:WxH" or "test:WxH@FPS"; W and H even (4:2:0 chroma). */
static int parse_video(const char *arg, struct cap_video_spec *v)
{
	char buf[64], *w, *h, *fps;

	if (strcmp(arg, "test") == 0)
		return ST_OK;
	if (strncmp(arg, "test:", 5) != 0) {
		st_error(_("unsupported video source '%s': only 'test' is available in this version"),
			 arg);
		return ST_USAGE;
	}
	if (strlen(arg + 5) >= sizeof buf)
		return st_bad_option("video", arg);
	strcpy(buf, arg + 5);
	w = buf;
	h = strchr(w, 'x');
	if (!h)
		return st_bad_option("video", arg);
	*h++ = '\0';
	fps = strchr(h, '@');
	if (fps)
		*fps++ = '\0';
	if (!parse_dim(w, 16, 7680, &v->width) || !parse_dim(h, 16, 4320, &v->height) ||
	    (fps && !parse_dim(fps, 1, 240, &v->fps)) || v->width % 2 || v->height % 2)
		return st_bad_option("video", arg);
	return ST_OK;
}

/* session.json holds UTF-8 only; jansson refuses anything else. */
static bool valid_text(const char *s)
{
	json_t *j = json_string(s);

	json_decref(j);
	return *s && j;
}

static bool valid_language(const char *s)
{
	size_t n = strlen(s);

	if (n < 2 || n > 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return false;
	return true;
}

static int parse_one(struct cap_opts *o, int c, const char *arg)
{
	switch (c) {
	case OPT_DURATION:
		if (!st_parse_time(arg, &o->duration) || o->duration <= 0)
			return st_bad_option("duration", arg);
		return ST_OK;
	case OPT_HELP:
		usage();
		o->done = true;
		return ST_OK;
	case OPT_LANGUAGE:
		if (!valid_language(arg))
			return st_bad_option("language", arg);
		o->language = arg;
		return ST_OK;
	case OPT_QUIET:
		o->quiet = true;
		return ST_OK;
	case OPT_SESSION:
		if (!*arg)
			return st_bad_option("session", arg);
		o->session = arg;
		return ST_OK;
	case OPT_SPEAKER:
		if (!valid_text(arg))
			return st_bad_option("speaker", arg);
		o->speakers = realloc(o->speakers, (o->n_speakers + 1) * sizeof *o->speakers);
		if (!o->speakers)
			abort();
		o->speakers[o->n_speakers++] = arg;
		return ST_OK;
	case OPT_TEST_SOURCES:
		o->test_sources = true;
		return ST_OK;
	case OPT_TITLE:
		if (!valid_text(arg))
			return st_bad_option("title", arg);
		o->title = arg;
		return ST_OK;
	case OPT_VERSION:
		st_print_version();
		o->done = true;
		return ST_OK;
	case OPT_VIDEO:
		o->test_sources = true;
		return parse_video(arg, &o->video);
	}
	return ST_SOFTWARE;
}

/* Combinations, checked once every option is known. */
static int check(const struct cap_opts *o)
{
	if (!o->session) {
		st_error(_("missing --session DIR (see --help)"));
		return ST_USAGE;
	}
	if (!o->test_sources) {
		st_error(_("no source to record: use --test-sources (device capture is not available in this version)"));
		return ST_USAGE;
	}
	if (o->duration <= 0) {
		st_error(_("--duration is required with the test sources, which never end"));
		return ST_USAGE;
	}
	return ST_OK;
}

void cap_opts_init(struct cap_opts *o)
{
	memset(o, 0, sizeof *o);
	o->language = "fr";
	o->video = (struct cap_video_spec){1280, 720, 25};
}

void cap_opts_free(struct cap_opts *o)
{
	free(o->speakers);
	o->speakers = NULL;
	o->n_speakers = 0;
}

int cap_opts_parse(struct cap_opts *o, int argc, char **argv)
{
	int c, rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", long_options, NULL)) != -1) {
		if (c == ':') {
			st_error(_("option %s requires a value (see --help)"), argv[optind - 1]);
			return ST_USAGE;
		}
		if (c == '?') {
			st_error(_("unknown option %s (see --help)"), argv[optind - 1]);
			return ST_USAGE;
		}
		rc = parse_one(o, c, optarg);
		if (rc != ST_OK || o->done)
			return rc;
	}
	if (optind < argc) {
		st_error(_("unexpected argument %s (see --help)"), argv[optind]);
		return ST_USAGE;
	}
	return check(o);
}
