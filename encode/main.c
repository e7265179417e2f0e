/* main.c — studio-encode: a session's master (or a plain file) in, one
 * rendition per preset out, recorded in the session's manifest.
 *
 * main → parse options → load presets and resolve the input (every check
 * before any work) → plan outputs → one decoding pass for all presets →
 * measure what was written → record it and summarise. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libavutil/log.h>

#include "measure.h"
#include "msg.h"
#include "options.h"
#include "paths.h"
#include "preset.h"
#include "record.h"
#include "source.h"
#include "status.h"
#include "transcode.h"

/* Everything one run works on; owns it all (run_free()). */
struct run {
	struct enc_source src;
	struct enc_preset *presets;
	struct enc_job *jobs;
	char **files;                  /* job paths relative to the session folder */
	struct enc_measure *measures;
	size_t n;
};

static void run_free(struct run *r)
{
	for (size_t i = 0; i < r->n; i++) {
		enc_preset_free(&r->presets[i]);
		free(r->jobs[i].path);
		free(r->files[i]);
	}
	free(r->presets);
	free(r->jobs);
	free(r->files);
	free(r->measures);
	enc_source_free(&r->src);
}

static int load_presets(struct run *r, const struct enc_options *opt)
{
	int ret = ST_OK;

	for (size_t i = 0; i < r->n && ret == ST_OK; i++)
		ret = enc_preset_load(&r->presets[i], opt->presets[i]);
	return ret;
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* Output paths: OUT_DIR/PRESET.CONTAINER; the folder is created. */
static int plan(struct run *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct enc_preset *p = &r->presets[i];

		r->files[i] = st_strdup_printf("renditions/%s.%s", p->name, p->container);
		r->jobs[i].preset = p;
		r->jobs[i].path = st_strdup_printf("%s/%s.%s", r->src.out_dir, p->name, p->container);
		if (same_file(r->jobs[i].path, r->src.master)) {
			st_error(_("%s would overwrite the file being encoded"), r->jobs[i].path);
			return ST_USAGE;
		}
	}
	return st_mkdirs(r->src.out_dir);
}

static void summarise(const char *path, const struct enc_measure *m)
{
	st_info(_("%s: %dx%d %s/%s, %.2f s, %.0f kbit/s, %.1f MB"), path, m->width, m->height,
		m->video_codec ? m->video_codec : "-", m->audio_codec ? m->audio_codec : "-",
		m->duration, m->bitrate / 1e3, m->bytes / 1e6);
}

/* Reads the outputs back, records them in the session, prints a summary. */
static int conclude(struct run *r)
{
	struct enc_record *recs = st_xcalloc(r->n, sizeof *recs);
	int ret = ST_OK;

	for (size_t i = 0; i < r->n && ret == ST_OK; i++) {
		ret = enc_measure(r->jobs[i].path, &r->measures[i]);
		recs[i] = (struct enc_record){r->presets[i].name, r->files[i], &r->measures[i]};
	}
	if (ret == ST_OK && r->src.session_dir)
		ret = enc_record_session(r->src.session_dir, recs, r->n);
	for (size_t i = 0; i < r->n && ret == ST_OK; i++)
		summarise(r->jobs[i].path, &r->measures[i]);
	free(recs);
	return ret;
}

static int encode(const struct enc_options *opt)
{
	struct run r = {.n = opt->npresets};
	int ret;

	r.presets = st_xcalloc(r.n, sizeof *r.presets);
	r.jobs = st_xcalloc(r.n, sizeof *r.jobs);
	r.files = st_xcalloc(r.n, sizeof *r.files);
	r.measures = st_xcalloc(r.n, sizeof *r.measures);
	ret = load_presets(&r, opt);
	if (ret == ST_OK)
		ret = enc_source_open(&r.src, opt->input, opt->output_dir);
	if (ret == ST_OK)
		ret = plan(&r);
	if (ret == ST_OK)
		ret = enc_transcode(r.src.master, &r.src.meta, r.jobs, r.n, opt->input);
	if (ret == ST_OK)
		ret = conclude(&r);
	run_free(&r);
	return ret;
}

int main(int argc, char **argv)
{
	struct enc_options opt;
	bool done = false;
	int ret;

	st_msg_init(argv[0]);
	/* Failures are reported once, by our messages with FFmpeg's error
	 * text; its own log would add lines to each. */
	av_log_set_level(AV_LOG_QUIET);
	enc_options_init(&opt);
	ret = enc_options_parse(&opt, argc, argv, &done);
	st_msg_set_quiet(opt.quiet);
	if (ret == ST_OK && !done)
		ret = opt.list_presets ? enc_preset_print_list() : encode(&opt);
	enc_options_free(&opt);
	return ret;
}
