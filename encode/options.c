/* options.c — parsing and checking the command line. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "human.h"
#include "mix.h"
#include "msg.h"
#include "options.h"
#include "opts.h"
#include "paths.h"
#include "status.h"

enum {
	OPT_AUDIO_TRACK = 256, OPT_CAPTIONS, OPT_END, OPT_JSON, OPT_LIST_PRESETS, OPT_SHOW_PRESET,
	OPT_START, OPT_TRIM, OPT_VERSION, OPT_CUT_LIST
};

/* Sorted by name. */
static const struct option long_options[] = {
	{"audio-track", required_argument, NULL, OPT_AUDIO_TRACK},
	{"captions", required_argument, NULL, OPT_CAPTIONS},
	{"cut-list", required_argument, NULL, OPT_CUT_LIST},
	{"end", required_argument, NULL, OPT_END},
	{"help", no_argument, NULL, 'h'},
	{"jobs", required_argument, NULL, 'j'},
	{"json", no_argument, NULL, OPT_JSON},
	{"list-presets", no_argument, NULL, OPT_LIST_PRESETS},
	{"output-dir", required_argument, NULL, 'o'},
	{"preset", required_argument, NULL, 'p'},
	{"quiet", no_argument, NULL, 'q'},
	{"show-preset", required_argument, NULL, OPT_SHOW_PRESET},
	{"start", required_argument, NULL, OPT_START},
	{"trim", no_argument, NULL, OPT_TRIM},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

static void usage(void)
{
	printf(_("Usage: %s [OPTION]... SESSION_DIR|FILE\n"), st_progname());
	printf(_("  or:  %s [OPTION]... --cut-list=FILE\n"), st_progname());
	fputs(_("Encode a session's master (its last capture), or a plain file, for the web.\n"
		"\n"
		"  -p, --preset=NAME[,NAME...]  presets to encode (default: web-720p); the\n"
		"                               master is decoded once for all of them\n"
		"      --list-presets           list the available presets and exit\n"
		"      --show-preset=NAME       print a preset's file and exit\n"
		"  -o, --output-dir=DIR         where to write the renditions of a plain FILE\n"
		"      --start=T, --end=T       encode this part only (seconds, MM:SS or\n"
		"                               HH:MM:SS, from the master's start)\n"
		"      --trim                   cut what exceeds a preset's maximum duration\n"
		"                               (jury: 180 s) with a 1 s fade-out\n"
		"      --captions=LANG=FILE     add a WebVTT or SubRip caption file in language\n"
		"                               LANG (fr, co...) to the videos, and as a\n"
		"                               captions.LANG.vtt sidecar (repeatable)\n"
		"      --audio-track=N|mix      use the master's Nth audio stream (default: the best),\n"
		"                               or mix them all into one stereo track\n"
		"  -j, --jobs=N                 threads in all (default: one per core)\n"
		"      --json                   print a summary as JSON on stdout\n"
		"  -q, --quiet                  print errors only\n"
		"  -h, --help                   show this help and exit\n"
		"      --version                show the version and exit\n"
		"\n"
		"A session's renditions go to SESSION_DIR/renditions/PRESET.mp4 and are\n"
		"recorded in SESSION_DIR/session.json.  Presets are PRESET.ini files looked\n"
		"up in $XDG_CONFIG_HOME/studio/presets (default ~/.config/studio/presets),\n"
		"then among the installed presets.\n"),
	      stdout);
	fputs(_("\n"
		"Montage (see docs/montage.md):\n"
		"      --cut-list=FILE          assemble the shots the cut list FILE names\n"
		"                               (parts of sessions or files) between an opening\n"
		"                               and a closing card, into the session it names\n"
		"                               (--trim cuts one longer than a preset allows)\n"),
	      stdout);
}

static int add_preset(struct enc_options *o, const char *name)
{
	for (size_t i = 0; i < o->npresets; i++)
		if (!strcmp(o->presets[i], name)) {
			st_error(_("preset %s given twice"), name);
			return ST_USAGE;
		}
	o->presets = realloc(o->presets, (o->npresets + 1) * sizeof *o->presets);
	if (!o->presets)
		abort();
	o->presets[o->npresets++] = st_xstrdup(name);
	return ST_OK;
}

/* "a,b,c": empty names are refused. */
static int add_presets(struct enc_options *o, const char *list)
{
	char *copy = st_xstrdup(list), *rest = copy, *name;
	int ret = ST_OK;

	if (!*list || list[strlen(list) - 1] == ',')
		ret = st_bad_option("preset", list);
	while (ret == ST_OK && (name = strsep(&rest, ",")))
		ret = *name ? add_preset(o, name) : st_bad_option("preset", list);
	free(copy);
	return ret;
}

static int set_string(char **field, const char *value)
{
	free(*field);
	*field = st_xstrdup(value);
	return ST_OK;
}

static int set_time(double *field, char **text, const char *name, const char *value)
{
	if (!st_parse_time(value, field) || *field < 0)
		return st_bad_time(name, value);
	return set_string(text, value);
}

static int set_int(int *field, const char *name, const char *value, long min, long max)
{
	long v;

	if (!st_parse_long(value, min, max, &v))
		return st_bad_range(name, value, min, max);
	*field = (int)v;
	return ST_OK;
}

/* --audio-track=N|mix. */
static int set_audio_track(int *track, const char *value)
{
	long v;
	char *allowed;

	if (!strcmp(value, "mix")) {
		*track = ENC_TRACK_MIX;
		return ST_OK;
	}
	if (st_parse_long(value, 1, 64, &v)) {
		*track = (int)v;
		return ST_OK;
	}
	/* TRANSLATORS: the allowed values of --audio-track */
	allowed = st_strdup_printf(_("%d to %d, or mix"), 1, 64);
	st_bad_value("audio-track", value, allowed);
	free(allowed);
	return ST_USAGE;
}

/* A montage takes its sources and its output from the cut list. */
static int check_cut_list(struct enc_options *o, int argc, char **argv)
{
	const char *other = o->output_dir ? "--output-dir" : o->start > 0 || o->end > 0 ? "--start/--end"
			    : o->ncaptions ? "--captions" : o->audio_track ? "--audio-track"
			    : o->json ? "--json" : NULL;

	if (other) {
		st_error(_("--cut-list takes no %s: the cut list says what to encode"), other);
		return ST_USAGE;
	}
	if (optind < argc) {
		st_error(_("unexpected argument %s (see --help)"), argv[optind]);
		return ST_USAGE;
	}
	return o->npresets ? ST_OK : add_preset(o, ENC_DEFAULT_PRESET);
}

/* Checks the operands once every option is known. */
static int check_operands(struct enc_options *o, int argc, char **argv)
{
	if (o->list_presets || o->show_preset)
		return ST_OK;
	if (o->end > 0 && o->end <= o->start) {
		char end[ST_HUMAN_LEN], start[ST_HUMAN_LEN];

		st_error(_("--end %s must come after --start %s"),
			 st_htime(end, sizeof end, o->end, -1, o->end_text),
			 st_htime(start, sizeof start, o->start, -1, o->start_text));
		return ST_USAGE;
	}
	if (o->cut_list)
		return check_cut_list(o, argc, argv);
	if (optind >= argc) {
		st_error(_("missing SESSION_DIR or FILE (see --help)"));
		return ST_USAGE;
	}
	if (optind + 1 < argc) {
		st_error(_("unexpected argument %s (see --help)"), argv[optind + 1]);
		return ST_USAGE;
	}
	set_string(&o->input, argv[optind]);
	return o->npresets ? ST_OK : add_preset(o, ENC_DEFAULT_PRESET);
}

void enc_options_init(struct enc_options *o)
{
	memset(o, 0, sizeof *o);
}

void enc_options_free(struct enc_options *o)
{
	for (size_t i = 0; i < o->npresets; i++)
		free(o->presets[i]);
	free(o->presets);
	free(o->output_dir);
	free(o->input);
	free(o->show_preset);
	free(o->start_text);
	free(o->end_text);
	free(o->cut_list);
	for (size_t i = 0; i < o->ncaptions; i++)
		free(o->captions[i]);
	free(o->captions);
	memset(o, 0, sizeof *o);
}

int enc_options_parse(struct enc_options *o, int argc, char **argv, bool *done)
{
	int c, ret = ST_OK;

	while (ret == ST_OK && (c = st_cli_next(argc, argv, ":hj:o:p:q", long_options)) != -1) {
		switch (c) {
		case 'h':
			usage();
			*done = true;
			return ST_OK;
		case OPT_AUDIO_TRACK:
			ret = set_audio_track(&o->audio_track, optarg);
			break;
		case OPT_CAPTIONS:
			o->captions = realloc(o->captions, (o->ncaptions + 1) * sizeof *o->captions);
			if (!o->captions)
				abort();
			o->captions[o->ncaptions++] = st_xstrdup(optarg);
			break;
		case OPT_CUT_LIST:
			ret = set_string(&o->cut_list, optarg);
			break;
		case OPT_END:
			ret = set_time(&o->end, &o->end_text, "end", optarg);
			break;
		case 'j':
			ret = set_int(&o->jobs, "jobs", optarg, 1, 256);
			break;
		case OPT_JSON:
			o->json = true;
			break;
		case OPT_LIST_PRESETS:
			o->list_presets = true;
			break;
		case OPT_SHOW_PRESET:
			ret = set_string(&o->show_preset, optarg);
			break;
		case OPT_START:
			ret = set_time(&o->start, &o->start_text, "start", optarg);
			break;
		case OPT_TRIM:
			o->trim = true;
			break;
		case 'o':
			ret = set_string(&o->output_dir, optarg);
			break;
		case 'p':
			ret = add_presets(o, optarg);
			break;
		case 'q':
			o->quiet = true;
			break;
		case OPT_VERSION:
			st_print_version();
			*done = true;
			return ST_OK;
		default: /* ST_CLI_ERROR, its message printed */
			return ST_USAGE;
		}
	}
	return ret == ST_OK ? check_operands(o, argc, argv) : ret;
}
