/* options.c — parsing and validation of studio-capture's command line. */
#include "options.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "meta_edit.h"
#include "msg.h"
#include "opts.h"
#include "paths.h"
#include "status.h"

enum {
	OPT_AUDIO = 256,
	OPT_CHANNELS,
	OPT_DESCRIBE,
	OPT_DESCRIPTION,
	OPT_DURATION,
	OPT_FORMAT,
	OPT_HELP,
	OPT_JSON,
	OPT_LANGUAGE,
	OPT_LIST_DEVICES,
	OPT_MARKER,
	OPT_NO_AUDIO,
	OPT_NO_METER,
	OPT_PRE_ROLL,
	OPT_QUIET,
	OPT_RATE,
	OPT_RECOVER,
	OPT_SESSION,
	OPT_SPEAKER,
	OPT_STANDBY,
	OPT_TEST_SOURCES,
	OPT_TITLE,
	OPT_VERSION,
	OPT_VIDEO,
};

/* Sorted by name. */
static const struct option long_options[] = {
	{"audio", required_argument, NULL, OPT_AUDIO},
	{"channels", required_argument, NULL, OPT_CHANNELS},
	{"describe", required_argument, NULL, OPT_DESCRIBE},
	{"description", required_argument, NULL, OPT_DESCRIPTION},
	{"duration", required_argument, NULL, OPT_DURATION},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"help", no_argument, NULL, OPT_HELP},
	{"json", no_argument, NULL, OPT_JSON},
	{"language", required_argument, NULL, OPT_LANGUAGE},
	{"list-devices", no_argument, NULL, OPT_LIST_DEVICES},
	{"marker", required_argument, NULL, OPT_MARKER},
	{"no-audio", no_argument, NULL, OPT_NO_AUDIO},
	{"no-meter", no_argument, NULL, OPT_NO_METER},
	{"pre-roll", required_argument, NULL, OPT_PRE_ROLL},
	{"quiet", no_argument, NULL, OPT_QUIET},
	{"rate", required_argument, NULL, OPT_RATE},
	{"recover", required_argument, NULL, OPT_RECOVER},
	{"session", required_argument, NULL, OPT_SESSION},
	{"speaker", required_argument, NULL, OPT_SPEAKER},
	{"standby", no_argument, NULL, OPT_STANDBY},
	{"test-sources", no_argument, NULL, OPT_TEST_SOURCES},
	{"title", required_argument, NULL, OPT_TITLE},
	{"version", no_argument, NULL, OPT_VERSION},
	{"video", required_argument, NULL, OPT_VIDEO},
	{NULL, 0, NULL, 0},
};

static void usage(void)
{
	printf(_("Usage: %s --session DIR [OPTION]...\n"
		 "       %s --list-devices [--json]\n"
		 "       %s --recover DIR\n"
		 "       %s --describe DIR [--title [LANG=]TEXT] [--description [LANG=]TEXT]\n"
		 "                 [--speaker NAME]... [--language CODE]... [--marker N=NAME]...\n"
		 "Record a studio session into DIR/master/master.mkv and describe it in\n"
		 "DIR/session.json.\n"
		 "\n"
		 "  --session DIR         session folder, created if missing; a folder that\n"
		 "                        already holds a recording is refused\n"
		 "  --list-devices        list the audio input devices (PortAudio), the video\n"
		 "                        devices (/dev/video*) and the X11 screen of\n"
		 "                        $DISPLAY, then exit\n"
		 "  --audio DEVICE        record this audio device: its index, part of its\n"
		 "                        name, or 'default'; each channel becomes its own\n"
		 "                        lossless track, bit-exact\n"
		 "  --channels N          channels to record, 1 to 32 (default: 2)\n"
		 "  --rate R              44100, 48000 or 96000 Hz (default: 48000)\n"
		 "  --format F            s16, s24 or f32 (default: s24)\n"
		 "  --video SPEC          test[:WxH@FPS]      the test pattern\n"
		 "                        v4l2:/dev/videoN[:WxH@FPS][:FORMAT]  a camera or\n"
		 "                          capture card; mjpeg and h264 are stored as they\n"
		 "                          come, raw pictures encoded with x264\n"
		 "                        x11:DISPLAY[+X,Y,WxH]  the screen (tutorials)\n"
		 "                        without --audio, test means the test sources\n"
		 "  --no-audio            with --video x11:DISPLAY: the screen alone, no sound\n"
		 "                        (silent tutorials)\n"
		 "  --test-sources        record the built-in test pattern and a 440 Hz tone;\n"
		 "                        on a terminal, a rehearsal paced to real time with\n"
		 "                        the meter; otherwise generated as fast as possible;\n"
		 "                        with --video x11:DISPLAY, the tone beside the real\n"
		 "                        screen\n"
		 "  --duration TIME       stop after TIME (seconds, MM:SS or HH:MM:SS);\n"
		 "                        required with the test sources, which never end;\n"
		 "                        with --standby, TIME counts from the key\n"
		 "  --standby             open the audio device and show the meter without\n"
		 "                        recording; r or space (or SIGUSR1) starts the\n"
		 "                        recording with the pre-roll, q (or SIGINT,\n"
		 "                        SIGTERM) leaves with nothing recorded; sound only\n"
		 "  --pre-roll SECONDS    with --standby: sound kept from before the key\n"
		 "                        (default: 5; at most 60, less for many channels)\n"
		 "  --title [LANG=]TEXT   title of the session: TEXT in the main language,\n"
		 "                        LANG=TEXT in language LANG (co, en, fr, it...);\n"
		 "                        repeat the option for each language\n"
		 "  --description [LANG=]TEXT  description of the session, the same way\n"
		 "  --speaker NAME        a speaker (repeat the option for each one)\n"
		 "  --language CODE       a language of the session, ISO 639-1; the first\n"
		 "                        is the main language (default: fr)\n"
		 "  --no-meter            no full-screen meter: a status line every 10 s\n"
		 "  --json                status and device list as JSON lines on stdout\n"
		 "  --recover DIR         finish the record of an interrupted recording\n"
		 "  --describe DIR        correct the metadata of the session DIR: the\n"
		 "                        options given replace what session.json holds\n"
		 "                        (the speakers and languages as whole lists);\n"
		 "                        nothing is recorded, no device is opened\n"
		 "  --marker N=NAME       with --describe: name marker N (1 is the first)\n"
		 "  --quiet               print errors only\n"
		 "  --help                show this help and exit\n"
		 "  --version             show the version and exit\n"
		 "\n"
		 "On the meter, m drops a marker, M a named one (type its name, then Enter)\n"
		 "and q stops.  SIGINT (Ctrl-C) or SIGTERM stops the recording cleanly; a\n"
		 "second SIGINT stops at once.  The master is written so that a crash loses\n"
		 "at most the last second.\n"),
	       st_progname(), st_progname(), st_progname(), st_progname());
}

static bool parse_int(const char *s, long min, long max, int *out)
{
	long v;

	if (!st_parse_long(s, min, max, &v))
		return false;
	*out = (int)v;
	return true;
}

/* "WxH", "WxH@FPS" or "@FPS" into V; W and H even (4:2:0 chroma). */
static bool parse_geometry(char *s, struct cap_video_spec *v)
{
	char *h, *fps = strchr(s, '@');

	if (fps)
		*fps++ = '\0';
	if (fps && !parse_int(fps, 1, 240, &v->fps))
		return false;
	if (!*s)
		return fps != NULL;
	h = strchr(s, 'x');
	if (!h)
		return false;
	*h++ = '\0';
	return parse_int(s, 16, 7680, &v->width) && parse_int(h, 16, 4320, &v->height) &&
	       v->width % 2 == 0 && v->height % 2 == 0;
}

/* x11:DISPLAY[+X,Y,WxH], DISPLAY being ":N" or ":N.S". */
static bool parse_x11(char *s, struct cap_video_spec *v)
{
	char *at = strchr(s, '+'), *y, *size;

	if (at) {
		*at++ = '\0';
		y = strchr(at, ',');
		size = y ? strchr(y + 1, ',') : NULL;
		if (!size)
			return false;
		*y++ = '\0';
		*size++ = '\0';
		if (!parse_int(at, 0, 32767, &v->x) || !parse_int(y, 0, 32767, &v->y) ||
		    !parse_geometry(size, v) || !v->width)
			return false;
	}
	if (!*s || strlen(s) >= sizeof v->device)
		return false;
	strcpy(v->device, s);
	return true;
}

/* v4l2:PATH[:WxH@FPS][:FORMAT]. */
static bool parse_v4l2(char *s, struct cap_video_spec *v)
{
	char *geo = strchr(s, ':'), *fmt = NULL;

	if (geo) {
		*geo++ = '\0';
		fmt = strchr(geo, ':');
		if (fmt)
			*fmt++ = '\0';
		if (!fmt && !strchr(geo, 'x') && !strchr(geo, '@')) {
			fmt = geo;   /* v4l2:PATH:FORMAT */
			geo = NULL;
		}
	}
	if (*s != '/' || strlen(s) >= sizeof v->device || (geo && !parse_geometry(geo, v)))
		return false;
	if (fmt && (!*fmt || strlen(fmt) >= sizeof v->input_format))
		return false;
	strcpy(v->device, s);
	if (fmt)
		strcpy(v->input_format, fmt);
	return true;
}

static int bad_video(const char *arg)
{
	return st_bad_value("video", arg,
			    "test[:WxH@FPS], v4l2:/dev/videoN[:WxH@FPS][:FORMAT], x11:DISPLAY[+X,Y,WxH]");
}

static int parse_video(const char *arg, struct cap_video_spec *v)
{
	char buf[320];
	bool good;

	if (strlen(arg) >= sizeof buf)
		return bad_video(arg);
	strcpy(buf, arg);
	if (strcmp(buf, "test") == 0) {
		v->kind = CAP_VIDEO_TEST;
		return ST_OK;
	}
	if (strncmp(buf, "test:", 5) == 0) {
		v->kind = CAP_VIDEO_TEST;
		good = parse_geometry(buf + 5, v);
	} else if (strncmp(buf, "v4l2:", 5) == 0) {
		v->kind = CAP_VIDEO_V4L2;
		v->width = v->height = v->fps = 0;
		good = parse_v4l2(buf + 5, v);
	} else if (strncmp(buf, "x11:", 4) == 0) {
		v->kind = CAP_VIDEO_X11;
		v->width = v->height = 0;
		good = parse_x11(buf + 4, v);
	} else {
		st_error(_("unknown video source '%s': use test, v4l2:/dev/videoN or x11:DISPLAY"),
			 arg);
		return ST_USAGE;
	}
	return good ? ST_OK : bad_video(arg);
}

/* Room for one more element in the array *P of N elements of SIZE bytes. */
static void *grow(void *p, size_t n, size_t size)
{
	p = realloc(p, (n + 1) * size);
	if (!p)
		abort();
	return p;
}

static int add_text(struct cap_text **v, size_t *n, const char *name, const char *arg)
{
	struct cap_text t;

	if (!cap_text_parse(arg, &t))
		return st_bad_option(name, arg);
	*v = grow(*v, *n, sizeof **v);
	(*v)[(*n)++] = t;
	return ST_OK;
}

/* --marker N=NAME. */
static int add_marker(struct cap_opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char num[24];
	struct cap_marker_name m;

	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof num || !cap_text_valid(eq + 1))
		return st_bad_option("marker", arg);
	memcpy(num, arg, eq - arg);
	num[eq - arg] = '\0';
	if (!st_parse_long(num, 1, 1000000, &m.number))
		return st_bad_option("marker", arg);
	m.name = eq + 1;
	o->markers = grow(o->markers, o->n_markers, sizeof *o->markers);
	o->markers[o->n_markers++] = m;
	return ST_OK;
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

static int parse_format(const char *arg, enum cap_sample_format *f)
{
	const char *names[CAP_F32 - CAP_S16 + 1];

	for (int i = CAP_S16; i <= CAP_F32; i++) {
		names[i - CAP_S16] = cap_sample_format_name(i);
		if (strcmp(arg, names[i - CAP_S16]) == 0) {
			*f = i;
			return ST_OK;
		}
	}
	return st_bad_choice("format", arg, names, CAP_F32 - CAP_S16 + 1);
}

static int parse_rate(const char *arg, int *rate)
{
	static const char *const rates[] = {"44100", "48000", "96000"};
	int v;

	for (size_t i = 0; parse_int(arg, 8000, 192000, &v) && i < sizeof rates / sizeof *rates;
	     i++) {
		if (v == atoi(rates[i])) {
			*rate = v;
			return ST_OK;
		}
	}
	return st_bad_choice("rate", arg, rates, sizeof rates / sizeof *rates);
}

/* *DST = ARG for option NAME, which takes a non-empty value. */
static int set_name(const char **dst, const char *name, const char *arg)
{
	if (!*arg)
		return st_bad_option(name, arg);
	*dst = arg;
	return ST_OK;
}

static int parse_audio(struct cap_opts *o, int c, const char *arg)
{
	switch (c) {
	case OPT_AUDIO:
		return set_name(&o->audio, "audio", arg);
	case OPT_CHANNELS:
		return parse_int(arg, 1, 32, &o->pcm.channels) ? ST_OK
							       : st_bad_range("channels", arg, 1, 32);
	case OPT_RATE:
		return parse_rate(arg, &o->pcm.rate);
	case OPT_FORMAT:
		return parse_format(arg, &o->pcm.format);
	}
	return ST_SOFTWARE;
}

static int parse_one(struct cap_opts *o, int c, const char *arg)
{
	switch (c) {
	case OPT_AUDIO:
	case OPT_CHANNELS:
	case OPT_FORMAT:
	case OPT_RATE:
		return parse_audio(o, c, arg);
	case OPT_DESCRIBE:
		return set_name(&o->describe, "describe", arg);
	case OPT_DESCRIPTION:
		return add_text(&o->descriptions, &o->n_descriptions, "description", arg);
	case OPT_MARKER:
		return add_marker(o, arg);
	case OPT_DURATION:
		if (!st_parse_time(arg, &o->duration) || o->duration <= 0)
			return st_bad_time("duration", arg);
		return ST_OK;
	case OPT_HELP:
		usage();
		o->done = true;
		return ST_OK;
	case OPT_JSON:
		o->json = true;
		return ST_OK;
	case OPT_LANGUAGE:
		if (!valid_language(arg))
			/* TRANSLATORS: the allowed values of --language */
			return st_bad_value("language", arg, _("a code of 2 or 3 lowercase letters: fr, co, en..."));
		o->languages = grow(o->languages, o->n_languages, sizeof *o->languages);
		o->languages[o->n_languages++] = arg;
		o->language = o->languages[0];
		return ST_OK;
	case OPT_LIST_DEVICES:
		o->list_devices = true;
		return ST_OK;
	case OPT_NO_AUDIO:
		o->no_audio = true;
		return ST_OK;
	case OPT_NO_METER:
		o->no_meter = true;
		return ST_OK;
	case OPT_PRE_ROLL:
		if (!st_parse_time(arg, &o->pre_roll) || o->pre_roll < 0)
			return st_bad_time("pre-roll", arg);
		o->pre_roll_arg = arg;   /* its bound is known once --channels etc. are */
		return ST_OK;
	case OPT_QUIET:
		o->quiet = true;
		return ST_OK;
	case OPT_RECOVER:
		return set_name(&o->recover, "recover", arg);
	case OPT_SESSION:
		return set_name(&o->session, "session", arg);
	case OPT_SPEAKER:
		if (!cap_text_valid(arg))
			return st_bad_option("speaker", arg);
		o->speakers = grow(o->speakers, o->n_speakers, sizeof *o->speakers);
		o->speakers[o->n_speakers++] = arg;
		return ST_OK;
	case OPT_STANDBY:
		o->standby = true;
		return ST_OK;
	case OPT_TEST_SOURCES:
		o->test_sources = true;
		return ST_OK;
	case OPT_TITLE:
		return add_text(&o->titles, &o->n_titles, "title", arg);
	case OPT_VERSION:
		st_print_version();
		o->done = true;
		return ST_OK;
	case OPT_VIDEO:
		return parse_video(arg, &o->video);
	}
	return ST_SOFTWARE;
}

/* --describe DIR: metadata options only, and at least one of them. */
static int check_describe(const struct cap_opts *o)
{
	if (o->session || o->recover || o->list_devices || o->audio || o->test_sources ||
	    o->video.kind != CAP_VIDEO_NONE || o->duration > 0) {
		st_error(_("--describe takes no recording options (see --help)"));
		return ST_USAGE;
	}
	if (!o->n_titles && !o->n_descriptions && !o->n_speakers && !o->n_languages &&
	    !o->n_markers) {
		st_error(_("nothing to describe: give --title, --description, --speaker, --language or --marker (see --help)"));
		return ST_USAGE;
	}
	return ST_OK;
}

int cap_pre_roll_max(const struct cap_pcm_spec *pcm)
{
	double rate = (double)pcm->channels * pcm->rate * cap_sample_bytes(pcm->format);
	int max = (int)(CAP_PRE_ROLL_BYTES / rate);

	return max < CAP_PRE_ROLL_MAX_SECONDS ? max : CAP_PRE_ROLL_MAX_SECONDS;
}

/* --standby and --pre-roll: a device's sound only, the pre-roll within
 * its ring. */
static int check_standby(const struct cap_opts *o)
{
	if (o->pre_roll_arg && !o->standby) {
		st_error(_("--pre-roll keeps sound from before the key of --standby: use it with --standby"));
		return ST_USAGE;
	}
	if (!o->standby)
		return ST_OK;
	if (!o->audio) {
		st_error(_("--standby needs an audio device (--audio DEVICE): the test sources have no real time to wait in"));
		return ST_USAGE;
	}
	if (o->video.kind != CAP_VIDEO_NONE) {
		st_error(_("--standby records sound only: --video cannot be used with it"));
		return ST_USAGE;
	}
	if (o->pre_roll > cap_pre_roll_max(&o->pcm)) {
		/* TRANSLATORS: the allowed values of --pre-roll: what its ring holds */
		char *allowed = st_strdup_printf(_("0 to %d s with %d channels at %d Hz in %s"),
						 cap_pre_roll_max(&o->pcm), o->pcm.channels,
						 o->pcm.rate, cap_sample_format_name(o->pcm.format));

		st_bad_value("pre-roll", o->pre_roll_arg ? o->pre_roll_arg : "5", allowed);
		free(allowed);
		return ST_USAGE;
	}
	return ST_OK;
}

/* Combinations, checked once every option is known. */
static int check(struct cap_opts *o)
{
	if (o->describe)
		return check_describe(o);
	if (o->n_markers) {
		st_error(_("--marker names a marker of a recorded session: use it with --describe DIR"));
		return ST_USAGE;
	}
	if (o->list_devices || o->recover) {
		if (o->session || o->audio || o->video.kind != CAP_VIDEO_NONE || o->test_sources) {
			st_error(_("--list-devices and --recover take no recording options (see --help)"));
			return ST_USAGE;
		}
		return ST_OK;
	}
	if (!o->session) {
		st_error(_("missing --session DIR (see --help)"));
		return ST_USAGE;
	}
	if (o->audio && o->test_sources) {
		st_error(_("--audio and --test-sources exclude each other (see --help)"));
		return ST_USAGE;
	}
	if (o->no_audio) {
		if (o->audio || o->test_sources || o->video.kind != CAP_VIDEO_X11) {
			st_error(_("--no-audio records the screen alone: use it with --video x11:DISPLAY, without --audio or --test-sources"));
			return ST_USAGE;
		}
		return check_standby(o);
	}
	if (!o->audio && o->video.kind == CAP_VIDEO_TEST)
		o->test_sources = true;
	if (o->test_sources && o->video.kind == CAP_VIDEO_NONE)
		o->video.kind = CAP_VIDEO_TEST;
	if (!o->audio && !o->test_sources) {
		st_error(_("no sound to record: use --audio DEVICE (see --list-devices) or --test-sources"));
		return ST_USAGE;
	}
	if (o->test_sources && o->duration <= 0) {
		st_error(_("--duration is required with the test sources, which never end"));
		return ST_USAGE;
	}
	return check_standby(o);
}

void cap_opts_init(struct cap_opts *o)
{
	memset(o, 0, sizeof *o);
	o->language = "fr";
	o->video = (struct cap_video_spec){.kind = CAP_VIDEO_NONE, .width = 1280, .height = 720,
					   .fps = 25};
	o->pcm = (struct cap_pcm_spec){2, 48000, CAP_S24};
	o->pre_roll = 5;
}

void cap_opts_free(struct cap_opts *o)
{
	free(o->speakers);
	free(o->titles);
	free(o->descriptions);
	free(o->languages);
	free(o->markers);
	o->speakers = NULL;
	o->titles = o->descriptions = NULL;
	o->languages = NULL;
	o->markers = NULL;
	o->n_speakers = o->n_titles = o->n_descriptions = o->n_languages = o->n_markers = 0;
	o->language = "fr";
}

int cap_opts_parse(struct cap_opts *o, int argc, char **argv)
{
	int c, rc;

	while ((c = st_cli_next(argc, argv, ":", long_options)) != -1) {
		if (c == ST_CLI_ERROR)
			return ST_USAGE;
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
