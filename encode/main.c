/* main.c — studio-encode: a session's master (or a plain file) in, one
 * rendition per preset out, recorded in the session's manifest.
 *
 * main → parse options → load presets and resolve the input → plan (the
 * selection, each preset's limits, the loudness of the selection: every
 * check before any output exists) → one decoding pass feeding every
 * rendition → read what was written back → record it and summarise. */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libavutil/log.h>

#include "measure.h"
#include "montage.h"
#include "msg.h"
#include "options.h"
#include "paths.h"
#include "plan.h"
#include "preset.h"
#include "record.h"
#include "safefile.h"
#include "session.h"
#include "sidecar.h"
#include "summary.h"
#include "source.h"
#include "status.h"
#include "transcode.h"

/* Everything one run works on; owns it all (run_free()). */
struct run {
	struct enc_source src;
	struct enc_preset *presets;
	char **paths;                  /* final output paths */
	char **files;                  /* the same, relative to the session folder */
	bool *replacing;               /* a file was already there: it is replaced */
	struct enc_measure *measures;
	struct enc_plan plan;
	struct enc_caption *captions;
	size_t ncaptions;
	struct enc_sidecars sidecars;
	int64_t packets;               /* demuxed by the encoding pass */
	size_t n;
};

static void run_free(struct run *r)
{
	for (size_t i = 0; i < r->n; i++) {
		enc_preset_free(&r->presets[i]);
		free(r->paths[i]);
		free(r->files[i]);
	}
	free(r->presets);
	free(r->paths);
	free(r->files);
	free(r->replacing);
	free(r->measures);
	for (size_t i = 0; i < r->ncaptions; i++)
		enc_caption_free(&r->captions[i]);
	free(r->captions);
	enc_sidecars_free(&r->sidecars);
	enc_plan_free(&r->plan);
	enc_source_free(&r->src);
}

static int load_presets(struct run *r, const struct enc_options *opt)
{
	int ret = ST_OK;

	for (size_t i = 0; i < r->n && ret == ST_OK; i++)
		ret = enc_preset_load(&r->presets[i], opt->presets[i]);
	return ret;
}

static bool has_lang(const struct run *r, const char *spec)
{
	size_t len = strcspn(spec, "=");

	for (size_t i = 0; i < r->ncaptions; i++)
		if (strlen(r->captions[i].lang) == len && !strncmp(r->captions[i].lang, spec, len))
			return true;
	return false;
}

/* --captions first, then those session.json lists for other languages. */
static int load_captions(struct run *r, const struct enc_options *opt)
{
	size_t n = opt->ncaptions + r->src.ncaptions;
	int ret = ST_OK;

	r->captions = st_xcalloc(n ? n : 1, sizeof *r->captions);
	for (size_t i = 0; i < n && ret == ST_OK; i++) {
		bool session = i >= opt->ncaptions;
		const char *spec = session ? r->src.captions[i - opt->ncaptions] : opt->captions[i];

		if (has_lang(r, spec)) {
			if (session)
				continue;
			st_error(_("--captions: language %.*s given twice"), (int)strcspn(spec, "="), spec);
			return ST_USAGE;
		}
		ret = enc_caption_load(&r->captions[r->ncaptions++], spec);
	}
	return ret;
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* Output paths: OUT_DIR/PRESET.CONTAINER (the folder is created once the
 * plan holds), recorded relative to the session folder, or as written for a
 * plain file. */
static int place(struct run *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct enc_preset *p = &r->presets[i];

		r->paths[i] = st_strdup_printf("%s/%s.%s", r->src.out_dir, p->name, p->container);
		r->files[i] = r->src.session_dir
				      ? st_strdup_printf("%s/%s.%s", ENC_RENDITIONS, p->name, p->container)
				      : st_xstrdup(r->paths[i]);
		r->replacing[i] = access(r->paths[i], F_OK) == 0;
		if (same_file(r->paths[i], r->src.master)) {
			st_error(_("%s would overwrite the file being encoded"), r->paths[i]);
			return ST_USAGE;
		}
	}
	return ST_OK;
}

static const char *kind_name(enum enc_kind k)
{
	return k == ENC_KIND_AV ? "video" : k == ENC_KIND_AUDIO ? "audio" : "picture";
}

/* Where the outputs end on the master's timeline when its duration is not
 * known: the selection's start plus the longest output, as read back. */
static double measured_end(const struct run *r)
{
	double longest = 0;

	for (size_t i = 0; i < r->n; i++)
		if (r->presets[i].kind != ENC_KIND_IMAGE && r->measures[i].duration > longest)
			longest = r->measures[i].duration;
	return fmax(r->plan.selection.start, 0) + longest;
}

static struct enc_record record_of(const struct run *r, size_t i)
{
	const struct enc_setup *s = &r->plan.setups[i];
	bool capped = s->preset->max_bytes > 0;

	return (struct enc_record){r->presets[i].name, kind_name(r->presets[i].kind),
				   r->files[i], &r->measures[i],
				   capped ? s->video.maxrate : 0, capped ? s->video.bufsize : 0,
				   enc_plan_span(&r->plan, &s->cut, measured_end(r)), s->pass.number};
}

/* The selection the sidecars were made from. */
static struct enc_span sidecar_span(const struct run *r)
{
	return enc_plan_span(&r->plan, &r->plan.selection, measured_end(r));
}

static const char **preset_names(const struct run *r)
{
	const char **names = st_xcalloc(r->n, sizeof *names);

	for (size_t i = 0; i < r->n; i++)
		names[i] = r->presets[i].name;
	return names;
}

/* --json: the pass and every output, on stdout. */
static int print_json(const struct run *r)
{
	const struct enc_loudness *l = &r->plan.loudness;
	json_t *doc = json_pack("{s:s, s:I, s:I, s:{s:f, s:f}, s:[]}", "input", r->src.master,
				"packets_read", (json_int_t)r->packets, "packets_measured",
				(json_int_t)r->plan.measure_packets, "selection", "start",
				r->plan.selection.start, "duration", r->plan.selection.duration,
				"renditions");
	const char **names = preset_names(r);
	struct enc_span sel = sidecar_span(r);
	char now[32];

	if (!doc) {
		free(names);
		return ST_OSERR;
	}
	if (r->plan.measured && l->valid)
		json_object_set_new(doc, "loudness", json_pack("{s:f, s:f, s:f}", "integrated_lufs",
				    l->integrated, "range_lu", l->range, "true_peak_dbtp", l->true_peak));
	st_iso8601_now(now);
	for (size_t i = 0; i < r->n; i++) {
		struct enc_record rec = record_of(r, i);
		json_t *item = enc_record_json(&rec, now);

		json_object_set_new(item, "path", json_string(r->paths[i]));
		json_array_append_new(json_object_get(doc, "renditions"), item);
	}
	for (size_t i = 0; i < r->sidecars.n; i++) {
		const struct enc_sidecar *sc = &r->sidecars.v[i];
		json_t *item = enc_sidecar_json(sc, names, r->n, &sel, now);

		json_object_set_new(item, "path", json_string(sc->path));
		json_array_append_new(json_object_get(doc, "renditions"), item);
	}
	free(names);
	json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	putchar('\n');
	json_decref(doc);
	return ST_OK;
}

/* Reads the outputs back, records them in the session, prints a summary. */
static int conclude(struct run *r, const struct enc_options *opt)
{
	struct enc_record *recs = st_xcalloc(r->n, sizeof *recs);
	struct enc_audio_used audio = {r->plan.read.audio_track, r->plan.audio_tracks};
	struct enc_span sel;
	int ret = ST_OK;

	for (size_t i = 0; i < r->n && ret == ST_OK; i++)
		ret = enc_measure(r->paths[i], &r->measures[i]);
	for (size_t i = 0; i < r->n && ret == ST_OK; i++)
		recs[i] = record_of(r, i);
	sel = sidecar_span(r);
	if (ret == ST_OK && r->src.session_dir)
		ret = enc_record_session(r->src.session_dir, recs, r->n, r->sidecars.v,
					 r->sidecars.n, &sel);
	for (size_t i = 0; i < r->n && ret == ST_OK; i++)
		enc_summary_print(r->paths[i], &r->presets[i], &r->measures[i], r->replacing[i],
				  &audio);
	if (ret == ST_OK && opt->json)
		ret = print_json(r);
	free(recs);
	return ret;
}

static int encode(const struct enc_options *opt)
{
	struct run r = {.n = opt->npresets};
	int ret;

	r.presets = st_xcalloc(r.n, sizeof *r.presets);
	r.paths = st_xcalloc(r.n, sizeof *r.paths);
	r.files = st_xcalloc(r.n, sizeof *r.files);
	r.replacing = st_xcalloc(r.n, sizeof *r.replacing);
	r.measures = st_xcalloc(r.n, sizeof *r.measures);
	ret = load_presets(&r, opt);
	if (ret == ST_OK)
		ret = enc_source_open(&r.src, opt->input, opt->output_dir);
	if (ret == ST_OK)
		ret = load_captions(&r, opt);
	if (ret == ST_OK)
		ret = place(&r);
	if (ret == ST_OK)
		ret = enc_plan_make(&r.plan, opt, &r.src, r.presets, r.paths, r.n, r.captions,
				    r.ncaptions);
	if (ret == ST_OK)
		ret = r.src.session_dir ? st_safe_mkdir(r.src.session_dir, ENC_RENDITIONS, NULL)
					: st_mkdirs(r.src.out_dir);
	if (ret == ST_OK)
		ret = enc_transcode(r.src.master, &r.plan.read, &r.src.meta, r.plan.setups, r.n,
				    &r.packets);
	if (ret == ST_OK)
		ret = enc_sidecars_write(&r.sidecars, r.src.out_dir,
					 r.src.session_dir ? ENC_RENDITIONS : NULL, r.captions,
					 r.ncaptions, &r.plan.selection, &r.plan.chapters, &r.src.meta);
	if (ret == ST_OK)
		ret = conclude(&r, opt);
	run_free(&r);
	return ret;
}

int main(int argc, char **argv)
{
	struct enc_options opt;
	bool done = false;
	int ret;

	st_msg_init(argv[0]);
	/* Past the file size limit (ulimit -f), a write fails with EFBIG, which
	 * is reported and removes the temporary file, instead of SIGXFSZ
	 * killing the process and leaving it behind. */
	signal(SIGXFSZ, SIG_IGN);
	/* Failures are reported once, by our messages with FFmpeg's error
	 * text; its own log would add lines to each. */
	av_log_set_level(AV_LOG_QUIET);
	enc_options_init(&opt);
	ret = enc_options_parse(&opt, argc, argv, &done);
	st_msg_set_quiet(opt.quiet);
	if (ret == ST_OK && !done) {
		if (opt.list_presets)
			ret = enc_preset_print_list();
		else if (opt.show_preset)
			ret = enc_preset_show(opt.show_preset);
		else if (opt.cut_list)
			ret = enc_montage_run(&opt);
		else
			ret = encode(&opt);
	}
	enc_options_free(&opt);
	return ret;
}
