/* Unit tests for the segment plan (encode/segment_plan.c, compiled in):
 * where the boundaries fall (GOP multiples from the selection's start, N
 * segments whose lengths differ by one GOP at most, or segments of about
 * T s), which presets are segmented, what is refused, and the plan's
 * round trip through session.json.  tests/e2e/encode-segments.t encodes
 * and joins real segments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../encode/segment_plan.c"

/* A plan of N presets over the selection [START, END] of the master, each
 * with the given GOP (0: an audio preset), written to a preset file of its
 * own in a temporary folder. */
struct fixture {
	char dir[64];
	struct enc_preset presets[3];
	struct enc_setup setups[3];
	struct enc_plan plan;
	struct enc_options opt;
	struct enc_segplan sp;
};

static void setup_plan(struct fixture *f, double start, double end, const double *gops, size_t n)
{
	memset(f, 0, sizeof *f);
	strcpy(f->dir, "/tmp/segplan.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->plan.selection = (struct enc_cut){start, end, end > 0 ? end - start : 0, false};
	f->plan.setups = f->setups;
	f->plan.n = n;
	for (size_t i = 0; i < n; i++) {
		struct enc_preset *p = &f->presets[i];
		FILE *ini;

		p->name = st_strdup_printf("p%zu", i);
		p->path = st_strdup_printf("%s/p%zu.ini", f->dir, i);
		p->kind = gops[i] > 0 ? ENC_KIND_AV : ENC_KIND_AUDIO;
		p->video.gop_seconds = gops[i];
		ini = fopen(p->path, "w");
		assert_non_null(ini);
		fprintf(ini, "[preset]\ndescription = %zu\n", i);
		fclose(ini);
		f->setups[i] = (struct enc_setup){.preset = p, .cut = f->plan.selection,
						  .gain = {1.5 + (double)i, 0}};
	}
}

/* What enc_segplan_load() put into O (enc_options_free() is options.c's). */
static void free_options(struct enc_options *o)
{
	for (size_t i = 0; i < o->npresets; i++)
		free(o->presets[i]);
	free(o->presets);
	for (size_t i = 0; i < o->ncaptions; i++)
		free(o->captions[i]);
	free(o->captions);
}

static void teardown_plan(struct fixture *f)
{
	for (size_t i = 0; i < f->plan.n; i++) {
		unlink(f->presets[i].path);
		free(f->presets[i].name);
		free(f->presets[i].path);
	}
	enc_segplan_free(&f->sp);
	free_options(&f->opt);
	rmdir(f->dir);
}

static void assert_bounds(const struct enc_segplan *sp, const double *want, int n)
{
	assert_int_equal(sp->n, n);
	for (int k = 0; k <= n; k++)
		assert_float_equal(sp->bounds[k], want[k], 1e-9);
}

static void test_n_segments_spread_gops(void **state)
{
	static const double gop[] = {2, 1, 0};
	static const double four[] = {0, 2, 4, 6, 10}, three[] = {0, 2, 6, 10};
	struct fixture f;

	(void)state;
	setup_plan(&f, 0, 10, gop, 3);
	f.opt.plan_segments = 4;
	assert_int_equal(enc_segplan_make(&f.sp, &f.opt, &f.plan, f.presets, 3), ST_OK);
	assert_bounds(&f.sp, four, 4);
	assert_true(f.sp.presets[0].segmented && f.sp.presets[1].segmented);
	assert_false(f.sp.presets[2].segmented);
	assert_float_equal(f.sp.gop, 2, 1e-9);
	enc_segplan_free(&f.sp);
	f.opt.plan_segments = 3;
	assert_int_equal(enc_segplan_make(&f.sp, &f.opt, &f.plan, f.presets, 3), ST_OK);
	assert_bounds(&f.sp, three, 3);
	teardown_plan(&f);
}

/* More segments than GOPs: one GOP each.  A selection starting at 1 s
 * counts its GOPs from there. */
static void test_short_and_offset_selections(void **state)
{
	static const double gop[] = {2};
	static const double gops[] = {1, 3, 5, 7, 9, 10.5};
	struct fixture f;

	(void)state;
	setup_plan(&f, 1, 10.5, gop, 1);
	f.opt.plan_segments = 50;
	assert_int_equal(enc_segplan_make(&f.sp, &f.opt, &f.plan, f.presets, 1), ST_OK);
	assert_bounds(&f.sp, gops, 5);
	teardown_plan(&f);
}

static void test_segment_seconds(void **state)
{
	static const double gop[] = {2};
	static const double want[] = {0, 4, 8, 10};
	struct fixture f;

	(void)state;
	setup_plan(&f, 0, 10, gop, 1);
	f.opt.segment_seconds = 4.5; /* the nearest whole number of GOPs: 4 s */
	assert_int_equal(enc_segplan_make(&f.sp, &f.opt, &f.plan, f.presets, 1), ST_OK);
	assert_bounds(&f.sp, want, 3);
	teardown_plan(&f);
}

static void test_refusals(void **state)
{
	static const double mismatch[] = {2, 3}, audio[] = {0}, gop[] = {2};
	struct fixture f;

	(void)state;
	setup_plan(&f, 0, 10, mismatch, 2);
	f.opt.plan_segments = 2;
	assert_int_equal(enc_segplan_make(&f.sp, &f.opt, &f.plan, f.presets, 2), ST_USAGE);
	teardown_plan(&f);
	setup_plan(&f, 0, 10, audio, 1);
	f.opt.plan_segments = 2;
	assert_int_equal(enc_segplan_make(&f.sp, &f.opt, &f.plan, f.presets, 1), ST_USAGE);
	teardown_plan(&f);
	setup_plan(&f, 0, 0, gop, 1);
	f.opt.plan_segments = 2;
	assert_int_equal(enc_segplan_make(&f.sp, &f.opt, &f.plan, f.presets, 1), ST_DATAERR);
	teardown_plan(&f);
}

/* A budgeted preset or one cut by --trim is kept whole. */
static void test_budgeted_and_trimmed_kept_whole(void **state)
{
	static const double gop[] = {2, 2, 2};
	struct fixture f;

	(void)state;
	setup_plan(&f, 0, 10, gop, 3);
	f.presets[1].max_bytes = 1000;
	f.setups[2].cut.end = 5;
	f.setups[2].cut.fade = true;
	assert_true(enc_segplan_segmented(&f.plan, 0));
	assert_false(enc_segplan_segmented(&f.plan, 1));
	assert_false(enc_segplan_segmented(&f.plan, 2));
	teardown_plan(&f);
}

/* Recorded, read back into fresh options, applied; a changed preset file
 * is refused. */
static void test_round_trip(void **state)
{
	static const double gop[] = {2, 0};
	static const double want[] = {0, 4, 10};
	struct enc_options o = {0};
	struct enc_segplan back;
	struct fixture f;
	char *manifest;
	FILE *fp;

	(void)state;
	setup_plan(&f, 0, 10, gop, 2);
	manifest = st_strdup_printf("%s/session.json", f.dir);
	fp = fopen(manifest, "w");
	assert_non_null(fp);
	fputs("{\"schema\": \"studio-session/1\"}\n", fp);
	fclose(fp);
	f.opt.plan_segments = 2;
	f.opt.trim = true;
	f.opt.audio_track = 2;
	assert_int_equal(enc_segplan_make(&f.sp, &f.opt, &f.plan, f.presets, 2), ST_OK);
	assert_int_equal(enc_segplan_record(f.dir, &f.sp), ST_OK);
	assert_int_equal(enc_segplan_load(&back, f.dir, &o), ST_OK);
	assert_bounds(&back, want, 2);
	assert_int_equal(o.npresets, 2);
	assert_string_equal(o.presets[1], "p1");
	assert_true(o.trim);
	assert_int_equal(o.audio_track, 2);
	f.setups[0].gain.db = f.setups[1].gain.db = 0;
	assert_int_equal(enc_segplan_apply(&back, &f.plan, f.presets, 2), ST_OK);
	assert_float_equal(f.setups[1].gain.db, 2.5, 1e-9);
	fp = fopen(f.presets[0].path, "a");
	fputs("# changed\n", fp);
	fclose(fp);
	assert_int_equal(enc_segplan_apply(&back, &f.plan, f.presets, 2), ST_DATAERR);
	enc_segplan_free(&back);
	free_options(&o);
	unlink(manifest);
	free(manifest);
	manifest = st_strdup_printf("%s/.session.lock", f.dir);
	unlink(manifest);
	free(manifest);
	teardown_plan(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_n_segments_spread_gops),
		cmocka_unit_test(test_short_and_offset_selections),
		cmocka_unit_test(test_segment_seconds),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_budgeted_and_trimmed_kept_whole),
		cmocka_unit_test(test_round_trip),
	};

	st_msg_set_quiet(true);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
