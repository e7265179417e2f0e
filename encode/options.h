/* options.h — the command line of studio-encode. */
#ifndef ENC_OPTIONS_H
#define ENC_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#define ENC_DEFAULT_PRESET "web-720p"

/* Owns every string it holds (enc_options_free()). */
struct enc_options {
	char **presets;        /* never empty after a successful parse */
	size_t npresets;
	char *output_dir;
	char *input;           /* SESSION_DIR or FILE; NULL with --list/--show-preset */
	char *show_preset;
	char *cut_list;        /* --cut-list: a montage (montage.h); input is then NULL */
	char **captions;       /* "LANG=FILE", in order given */
	size_t ncaptions;
	double start, end;     /* seconds; end <= 0: the master's end */
	char *start_text;      /* --start and --end as typed (echoed in the same */
	char *end_text;        /* form, MM:SS or seconds), NULL when not given */
	int audio_track;       /* 0: the best audio stream */
	int jobs;              /* threads in all, 0: the number of cores */
	bool trim;
	bool list_presets;
	bool json;
	bool quiet;
};

void enc_options_init(struct enc_options *o);
void enc_options_free(struct enc_options *o);

/* Parses ARGV.  --help and --version print and set *done.  Any error gives
 * one line on stderr and ST_USAGE. */
int enc_options_parse(struct enc_options *o, int argc, char **argv, bool *done);

#endif
