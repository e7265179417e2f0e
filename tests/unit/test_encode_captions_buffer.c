/* Unit tests for enc_caption_load_buffer() (encode/captions.c and the
 * muxer module it uses, compiled in): the line check and libavformat's
 * demuxer reading caption bytes from memory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../encode/captions.c"
#include "../../encode/mux.c"
#include "../../encode/stamp.c"
#include "../../encode/vtt_note.c"
#include "../../encode/png_text.c"
#include "../../encode/jpeg_comment.c"

static int load(struct enc_caption *c, const char *spec, const char *text, char **err)
{
	FILE *saved = stderr;
	size_t len;
	int ret;

	stderr = open_memstream(err, &len);
	ret = enc_caption_load_buffer(c, spec, (const uint8_t *)text, strlen(text));
	fclose(stderr);
	stderr = saved;
	return ret;
}

static void test_webvtt_cues(void **state)
{
	struct enc_caption c;
	char *err;

	(void)state;
	av_log_set_level(AV_LOG_QUIET);
	assert_int_equal(load(&c, "fr=a.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nBonjour\n\n"
					     "00:03.000 --> 00:04.000\nà tous\n", &err), ST_OK);
	assert_string_equal(err, "");
	assert_string_equal(c.lang2, "fre");
	assert_int_equal(c.n, 2);
	assert_true(c.cues[0].start == 1.0 && c.cues[0].end == 2.5);
	assert_true(c.cues[1].start == 3.0 && c.cues[1].end == 4.0);
	assert_non_null(strstr(c.cues[1].sub.rects[0]->ass, "à tous"));
	free(err);
	enc_caption_free(&c);
}

static void test_subrip_cues(void **state)
{
	struct enc_caption c;
	char *err;

	(void)state;
	assert_int_equal(load(&c, "co=a.srt", "1\r\n00:00:00,400 --> 00:00:01,500\r\nBonghjornu\r\n",
			      &err), ST_OK);
	assert_int_equal(c.n, 1);
	assert_true(c.cues[0].start == 0.4 && c.cues[0].end == 1.5);
	free(err);
	enc_caption_free(&c);
}

/* A line longer than any buffer is one line: the error after it names
 * line 5, not a count of pieces. */
static void test_long_line_counts_once(void **state)
{
	struct enc_caption c;
	char *text = malloc(20000), *err;

	(void)state;
	strcpy(text, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n");
	memset(text + strlen(text), 'x', 10000);
	strcpy(text + strlen("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n") + 10000,
	       "\n\n00:00:05.000 --> 00:00:03.000\nz\n");
	assert_int_equal(load(&c, "fr=a.vtt", text, &err), ST_DATAERR);
	assert_non_null(strstr(err, "a.vtt:6: "));
	free(err);
	free(text);
	enc_caption_free(&c);
}

static void test_not_utf8_names_line(void **state)
{
	struct enc_caption c;
	char *err;

	(void)state;
	assert_int_equal(load(&c, "fr=a.srt", "1\n00:00:01,000 --> 00:00:02,000\ncaf\xe9\n", &err),
			 ST_DATAERR);
	assert_non_null(strstr(err, "a.srt:3: "));
	free(err);
	enc_caption_free(&c);
}

static void test_end_before_timing_names_last_line(void **state)
{
	struct enc_caption c;
	char *err;

	(void)state;
	assert_int_equal(load(&c, "fr=a.vtt", "WEBVTT\n\nintro\n", &err), ST_DATAERR);
	assert_non_null(strstr(err, "a.vtt:3: "));
	free(err);
	enc_caption_free(&c);
}

/* Blocks libavformat would read otherwise than the checker, dropping cues
 * silently: refused, by line. */
static void test_blocks_libavformat_drops(void **state)
{
#define CASE(text, where) {text, sizeof text - 1, where}
	static const struct {
		const char *text;
		size_t len;
		const char *where;
	} cases[] = {
		CASE("WEBVTT\n\nSTYLE\n::cue { color: red }\n\n00:00:01.000 --> 00:00:02.000\na\n", "a.vtt:3: "),
		CASE("WEBVTT\n \n00:00:01.000 --> 00:00:02.000\na\n", "a.vtt:3: "),
		CASE("WEBVTT\r\r00:00:01.000 --> 00:00:02.000\ra\r", "a.vtt:1: "),
		CASE("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na\0b\n", "a.vtt:4: "),
	};
#undef CASE

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct enc_caption c;
		FILE *saved = stderr;
		char *err;
		size_t n;

		stderr = open_memstream(&err, &n);
		assert_int_equal(enc_caption_load_buffer(&c, "fr=a.vtt", (const uint8_t *)cases[i].text,
							 cases[i].len), ST_DATAERR);
		fclose(stderr);
		stderr = saved;
		assert_non_null(strstr(err, cases[i].where));
		free(err);
		enc_caption_free(&c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_webvtt_cues),
		cmocka_unit_test(test_subrip_cues),
		cmocka_unit_test(test_long_line_counts_once),
		cmocka_unit_test(test_not_utf8_names_line),
		cmocka_unit_test(test_end_before_timing_names_last_line),
		cmocka_unit_test(test_blocks_libavformat_drops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
