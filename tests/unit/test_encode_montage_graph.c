/* Unit tests for the montage's filter descriptions (encode/montage_graph.c,
 * compiled in): the escaping of card text, read back the way libavfilter
 * reads it, and the joins (crossfade offsets, plain cuts), parsed by
 * libavfilter itself. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libavfilter/avfilter.h>
#include <libavutil/avstring.h>
#include <libavutil/mem.h>

#include "../../encode/chain.c"
#include "../../encode/filter.c"
#include "../../encode/montage_graph.c"

#define FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

static const struct enc_canvas canvas = {320, 180, {30, 1}, 48000};

/* The graph parser takes a filter's arguments as one token, then the
 * option parser takes the value as another: both levels undone give the
 * text back. */
static void test_escape_round_trip(void **state)
{
	static const char *const texts[] = {
		"L'atelier : 100 % [Corse], \\ «essai»;fin", "a=b:c", "plain", "''", "\\\\",
	};

	(void)state;
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		char esc[1024];
		const char *p = esc;
		char *graph_level, *value;

		enc_montage_escape(esc, sizeof esc, texts[i]);
		graph_level = av_get_token(&p, "[],;");
		assert_string_equal(p, "");
		p = graph_level;
		value = av_get_token(&p, ":");
		assert_string_equal(p, "");
		assert_string_equal(value, texts[i]);
		av_free(graph_level);
		av_free(value);
	}
}

static struct enc_part shot(double start, double end, bool audio)
{
	return (struct enc_part){.start = start, .end = end, .has_audio = audio,
				 .duration = end - start};
}

/* DESC parses, leaving open exactly the inputs named in WANT_IN. */
static void parses(const char *desc, const char *want_in)
{
	AVFilterGraph *g = avfilter_graph_alloc();
	AVFilterInOut *in = NULL, *out = NULL;
	char names[256] = "";

	assert_non_null(g);
	if (avfilter_graph_parse2(g, desc, &in, &out) < 0)
		fail_msg("does not parse: %s", desc);
	for (AVFilterInOut *i = in; i; i = i->next) {
		av_strlcat(names, i->name, sizeof names);
		av_strlcat(names, " ", sizeof names);
	}
	assert_string_equal(names, want_in);
	assert_non_null(out);
	assert_string_equal(out->name, "out");
	avfilter_inout_free(&in);
	avfilter_inout_free(&out);
	avfilter_graph_free(&g);
}

static void test_crossfades(void **state)
{
	struct enc_part parts[] = {
		{.card = true, .lines = {"L'atelier : 100 % [Corse]", "CorsicaLab"}, .duration = 1},
		shot(1, 3, true), shot(0.5, 2.5, false),
		{.card = true, .lines = {"CorsicaLab"}, .duration = 1},
	};
	char desc[16384];

	(void)state;
	enc_montage_video_graph(desc, sizeof desc, parts, 4, &canvas, 0.25, FONT);
	/* Offsets: 1 - 0.25, then + 2 - 0.25 each time. */
	assert_non_null(strstr(desc, "[p0][p1]xfade=transition=fade:duration=0.250000:offset=0.750000[x1];"));
	assert_non_null(strstr(desc, "[x1][p2]xfade=transition=fade:duration=0.250000:offset=2.500000[x2];"));
	assert_non_null(strstr(desc, "[x2][p3]xfade=transition=fade:duration=0.250000:offset=4.250000[out]"));
	assert_non_null(strstr(desc, "[v1]trim=start=1.000000:end=3.000000,"));
	parses(desc, "v1 v2 ");
	enc_montage_audio_graph(desc, sizeof desc, parts, 4, &canvas, 0.25);
	/* The second shot has no sound: silence of its length. */
	assert_null(strstr(desc, "[a2]"));
	assert_non_null(strstr(desc, "[x2][q3]acrossfade=d=0.250000:c1=qsin:c2=qsin[out]"));
	parses(desc, "a1 ");
}

static void test_cuts(void **state)
{
	struct enc_part parts[] = {shot(0, 2, true), shot(5, 6, true)};
	char desc[16384];

	(void)state;
	enc_montage_video_graph(desc, sizeof desc, parts, 2, &canvas, 0, FONT);
	assert_non_null(strstr(desc, "[p0][p1]concat=n=2:v=1:a=0[out]"));
	parses(desc, "v0 v1 ");
	enc_montage_audio_graph(desc, sizeof desc, parts, 2, &canvas, 0);
	assert_non_null(strstr(desc, "[q0][q1]concat=n=2:v=0:a=1[out]"));
	parses(desc, "a0 a1 ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_round_trip),
		cmocka_unit_test(test_crossfades),
		cmocka_unit_test(test_cuts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
