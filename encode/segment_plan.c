/* segment_plan.c — see segment_plan.h. */
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "paths.h"
#include "segment_plan.h"
#include "session.h"
#include "status.h"

#define KEY "segment_plan"
/* Seconds: boundaries are compared to GOP multiples within this. */
#define EPS 1e-6

bool enc_segplan_segmented(const struct enc_plan *plan, size_t i)
{
	const struct enc_setup *s = &plan->setups[i];

	return s->preset->kind == ENC_KIND_AV && !s->preset->max_bytes && !s->cut.fade &&
	       fabs(s->cut.end - plan->selection.end) < EPS;
}

static bool any_segmented(const struct enc_plan *plan)
{
	for (size_t i = 0; i < plan->n; i++)
		if (enc_segplan_segmented(plan, i))
			return true;
	return false;
}

/* The longest GOP of the segmented presets, when every other one divides
 * it; 0 (said) otherwise. */
static double common_gop(const struct enc_plan *plan)
{
	double gop = 0;

	for (size_t i = 0; i < plan->n; i++)
		if (enc_segplan_segmented(plan, i))
			gop = fmax(gop, plan->setups[i].preset->video.gop_seconds);
	for (size_t i = 0; i < plan->n; i++) {
		const struct enc_preset *p = plan->setups[i].preset;
		double ratio = gop / p->video.gop_seconds;

		if (enc_segplan_segmented(plan, i) && fabs(ratio - round(ratio)) > EPS) {
			st_error(_("cannot plan segments: the GOP of preset %s (%g s) does not divide %g s"),
				 p->name, p->video.gop_seconds, gop);
			return 0;
		}
	}
	return gop;
}

/* "LANG=FILE" with FILE made absolute: the steps may run elsewhere. */
static char *absolute_caption(const char *spec)
{
	const char *eq = strchr(spec, '=');
	char *path = eq ? realpath(eq + 1, NULL) : NULL, *abs;

	if (!path)
		return st_xstrdup(spec);
	abs = st_strdup_printf("%.*s=%s", (int)(eq - spec), spec, path);
	free(path);
	return abs;
}

static void copy_options(struct enc_segplan *sp, const struct enc_options *o)
{
	sp->opt_start = o->start;
	sp->opt_end = o->end;
	sp->trim = o->trim;
	sp->audio_track = o->audio_track;
	sp->ncaptions = o->ncaptions;
	sp->captions = st_xcalloc(o->ncaptions ? o->ncaptions : 1, sizeof *sp->captions);
	for (size_t i = 0; i < o->ncaptions; i++)
		sp->captions[i] = absolute_caption(o->captions[i]);
}

static int hash_presets(struct enc_segplan *sp, const struct enc_plan *plan,
			const struct enc_preset *presets, size_t n)
{
	uint64_t bytes;
	int ret = ST_OK;

	sp->npresets = n;
	sp->presets = st_xcalloc(n, sizeof *sp->presets);
	for (size_t i = 0; i < n && ret == ST_OK; i++) {
		struct enc_segplan_preset *p = &sp->presets[i];

		p->name = st_xstrdup(presets[i].name);
		p->segmented = enc_segplan_segmented(plan, i);
		p->gain = plan->setups[i].gain;
		ret = st_file_sha256(presets[i].path, p->sha256, &bytes);
	}
	return ret;
}

/* GOPs spread evenly over N segments (--plan-segments N: lengths differ
 * by one GOP at most), or as many segments of T s as it takes. */
static void cut(struct enc_segplan *sp, const struct enc_options *o, double start, double end,
		double gop)
{
	int gops = (int)ceil((end - fmax(start, 0)) / gop - EPS), per = 0;

	gops = gops > 0 ? gops : 1;
	if (o->segment_seconds > 0) {
		per = (int)fmax(1, round(o->segment_seconds / gop));
		sp->n = (gops + per - 1) / per;
	} else {
		sp->n = o->plan_segments < gops ? o->plan_segments : gops;
	}
	sp->gop = gop;
	sp->bounds = st_xcalloc((size_t)sp->n + 1, sizeof *sp->bounds);
	for (int k = 0; k < sp->n; k++)
		sp->bounds[k] = fmax(start, 0) +
				(per ? k * per : (int)((long long)k * gops / sp->n)) * gop;
	sp->bounds[sp->n] = end;
}

int enc_segplan_make(struct enc_segplan *sp, const struct enc_options *o,
		     const struct enc_plan *plan, const struct enc_preset *presets, size_t n)
{
	double duration = plan->selection.duration, gop;

	memset(sp, 0, sizeof *sp);
	if (duration <= 0) {
		st_error(_("cannot plan segments: the duration of the master is not known"));
		return ST_DATAERR;
	}
	if (!any_segmented(plan)) {
		st_error(_("cannot plan segments: no preset has its video encoded in segments"));
		return ST_USAGE;
	}
	gop = common_gop(plan);
	if (gop <= 0)
		return ST_USAGE;
	cut(sp, o, plan->selection.start, plan->selection.end, gop);
	copy_options(sp, o);
	return hash_presets(sp, plan, presets, n);
}

struct enc_cut enc_segplan_cut(const struct enc_segplan *sp, int k)
{
	double start = sp->bounds[k - 1], end = sp->bounds[k];

	return (struct enc_cut){start, end, end - start, false};
}

char *enc_segplan_part(const char *session_dir, const struct enc_preset *p, int k)
{
	if (!k)
		return st_strdup_printf("%s/%s/%s.audio.%s", session_dir, ENC_PARTS, p->name,
					p->container);
	return st_strdup_printf("%s/%s/%s.%d.%s", session_dir, ENC_PARTS, p->name, k, p->container);
}

void enc_segplan_clear_parts(const char *session_dir)
{
	char *dir = st_strdup_printf("%s/%s", session_dir, ENC_PARTS);
	DIR *d = opendir(dir);

	for (struct dirent *e; d && (e = readdir(d));)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			unlinkat(dirfd(d), e->d_name, 0);
	if (d)
		closedir(d);
	rmdir(dir);
	free(dir);
}

void enc_segplan_free(struct enc_segplan *sp)
{
	for (size_t i = 0; i < sp->npresets; i++)
		free(sp->presets[i].name);
	free(sp->presets);
	free(sp->bounds);
	for (size_t i = 0; i < sp->ncaptions; i++)
		free(sp->captions[i]);
	free(sp->captions);
	memset(sp, 0, sizeof *sp);
}

static json_t *to_json(const struct enc_segplan *sp)
{
	char now[32];
	json_t *doc, *presets = json_array(), *captions = json_array(), *bounds = json_array();

	for (size_t i = 0; i < sp->npresets; i++) {
		const struct enc_segplan_preset *p = &sp->presets[i];

		json_array_append_new(presets, json_pack("{s:s, s:s, s:b, s:f, s:f}", "name", p->name,
							 "sha256", p->sha256, "segmented",
							 p->segmented, "gain_db", p->gain.db,
							 "limit", p->gain.limit));
	}
	for (size_t i = 0; i < sp->ncaptions; i++)
		json_array_append_new(captions, json_string(sp->captions[i]));
	for (int k = 0; k <= sp->n; k++)
		json_array_append_new(bounds, json_real(sp->bounds[k]));
	st_iso8601_now(now);
	doc = json_pack("{s:i, s:f, s:o, s:o, s:{s:f, s:f, s:b, s:i, s:o}, s:s}",
			"segments", sp->n, "gop_seconds", sp->gop, "boundaries", bounds,
			"presets", presets, "options", "start",
			sp->opt_start, "end", sp->opt_end, "trim", sp->trim, "audio_track",
			sp->audio_track, "captions", captions, "planned", now);
	return doc;
}

static int put_plan(json_t *root, void *ctx)
{
	json_t *doc = to_json(ctx);

	if (!doc || json_object_set_new(root, KEY, doc)) {
		st_error(_("out of memory"));
		return ST_OSERR;
	}
	return ST_OK;
}

int enc_segplan_record(const char *session_dir, const struct enc_segplan *sp)
{
	return st_session_update(session_dir, false, put_plan, (void *)sp);
}

/* Frees the N strings of *LIST and gives it room for M new ones. */
static void renew(char ***list, size_t *n, size_t m)
{
	for (size_t i = 0; i < *n; i++)
		free((*list)[i]);
	free(*list);
	*n = m;
	*list = st_xcalloc(m ? m : 1, sizeof **list);
}

static int load_presets(struct enc_segplan *sp, json_t *presets, struct enc_options *o)
{
	size_t i;
	json_t *v;

	sp->npresets = json_array_size(presets);
	sp->presets = st_xcalloc(sp->npresets ? sp->npresets : 1, sizeof *sp->presets);
	renew(&o->presets, &o->npresets, sp->npresets);
	json_array_foreach(presets, i, v) {
		struct enc_segplan_preset *p = &sp->presets[i];
		const char *name = NULL, *sha = NULL;
		int segmented = 0;

		if (json_unpack(v, "{s:s, s:s, s:b, s:F, s:F}", "name", &name, "sha256", &sha,
				"segmented", &segmented, "gain_db", &p->gain.db, "limit",
				&p->gain.limit) || strlen(sha) != 64)
			return ST_DATAERR;
		p->name = st_xstrdup(name);
		memcpy(p->sha256, sha, 65);
		p->segmented = segmented;
		o->presets[i] = st_xstrdup(name);
	}
	return sp->npresets ? ST_OK : ST_DATAERR;
}

static int load_captions(struct enc_segplan *sp, json_t *captions, struct enc_options *o)
{
	size_t i;
	json_t *v;

	sp->ncaptions = json_array_size(captions);
	sp->captions = st_xcalloc(sp->ncaptions ? sp->ncaptions : 1, sizeof *sp->captions);
	renew(&o->captions, &o->ncaptions, sp->ncaptions);
	json_array_foreach(captions, i, v) {
		if (!json_is_string(v))
			return ST_DATAERR;
		sp->captions[i] = st_xstrdup(json_string_value(v));
		o->captions[i] = st_xstrdup(json_string_value(v));
	}
	return ST_OK;
}

static int from_json(struct enc_segplan *sp, json_t *doc, struct enc_options *o)
{
	json_t *presets = NULL, *captions = NULL, *bounds = NULL;
	int trim = 0;

	if (json_unpack(doc, "{s:i, s:F, s:o, s:o, s:{s:F, s:F, s:b, s:i, s:o}}", "segments",
			&sp->n, "gop_seconds", &sp->gop, "boundaries", &bounds, "presets", &presets,
			"options", "start", &sp->opt_start, "end", &sp->opt_end, "trim", &trim,
			"audio_track", &sp->audio_track, "captions", &captions) ||
	    sp->n < 1 || json_array_size(bounds) != (size_t)sp->n + 1 || !json_is_array(presets) ||
	    !json_is_array(captions))
		return ST_DATAERR;
	sp->bounds = st_xcalloc((size_t)sp->n + 1, sizeof *sp->bounds);
	for (int k = 0; k <= sp->n; k++) {
		const json_t *b = json_array_get(bounds, (size_t)k);

		if (!json_is_number(b) || (k && json_number_value(b) <= sp->bounds[k - 1]))
			return ST_DATAERR;
		sp->bounds[k] = json_number_value(b);
	}
	sp->trim = trim;
	o->start = sp->opt_start;
	o->end = sp->opt_end;
	o->trim = sp->trim;
	o->audio_track = sp->audio_track;
	if (load_presets(sp, presets, o) != ST_OK)
		return ST_DATAERR;
	return load_captions(sp, captions, o);
}

int enc_segplan_load(struct enc_segplan *sp, const char *session_dir, struct enc_options *o)
{
	json_t *root = NULL, *doc;
	int ret;

	memset(sp, 0, sizeof *sp);
	ret = st_session_load(session_dir, &root);
	if (ret != ST_OK)
		return ret;
	doc = json_object_get(root, KEY);
	if (!doc) {
		st_error(_("%s/%s has no segment plan: plan one with --plan-segments"), session_dir,
			 ST_SESSION_FILE);
		ret = ST_USAGE;
	} else if (from_json(sp, doc, o) != ST_OK) {
		st_error(_("%s/%s: invalid segment plan: plan again with --plan-segments"),
			 session_dir, ST_SESSION_FILE);
		ret = ST_DATAERR;
	}
	json_decref(root);
	return ret;
}

int enc_segplan_apply(const struct enc_segplan *sp, struct enc_plan *plan,
		      const struct enc_preset *presets, size_t n)
{
	char sha[65];
	uint64_t bytes;

	for (size_t i = 0; i < n; i++) {
		int ret = st_file_sha256(presets[i].path, sha, &bytes);

		if (ret != ST_OK)
			return ret;
		if (strcmp(sha, sp->presets[i].sha256) ||
		    sp->presets[i].segmented != enc_segplan_segmented(plan, i)) {
			st_error(_("preset %s (%s) changed since the segments were planned: plan again "
				   "with --plan-segments"), presets[i].name, presets[i].path);
			return ST_DATAERR;
		}
		plan->setups[i].gain = sp->presets[i].gain;
	}
	if (fabs(plan->selection.end - sp->bounds[sp->n]) > EPS) {
		st_error(_("the master of the session changed since the segments were planned: plan "
			   "again with --plan-segments"));
		return ST_DATAERR;
	}
	return ST_OK;
}
