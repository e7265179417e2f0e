/* Unit tests for the cut list of a montage (encode/cutlist.c, compiled
 * in): the parsing on a stream, the refusals as FILE:LINE: KEY lines with
 * ST_DATAERR, the span checks against the sources and the totals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "../../encode/cutlist.c"

#define MONTAGE "[montage]\noutput = jury\ntitle = Le CorsicaLab\ncard_seconds = 4\ntransition = 0.5\n"
#define SHOT_A "[shot]\nsession = atelier\nstart = 1:20\nend = 1:45\n"
#define SHOT_B "[shot]\nfile = ../telephone/visite.mp4\nstart = 0:05\nend = 0:35\n"

static FILE *saved_stderr;
static size_t err_len;

/* Messages go to *ERR until release(). */
static void capture(char **err)
{
	saved_stderr = stderr;
	stderr = open_memstream(err, &err_len);
	assert_non_null(stderr);
}

static void release(void)
{
	fclose(stderr);
	stderr = saved_stderr;
}

/* Reads TEXT as the cut list "dir/cut.ini"; the messages go to *ERR. */
static int read_text(struct enc_cutlist *c, const char *text, char **err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	assert_non_null(f);
	capture(err);
	ret = enc_cutlist_read(c, "dir/cut.ini", f);
	release();
	fclose(f);
	return ret;
}

/* TEXT is refused with one line starting with WANT. */
static void refused(const char *text, const char *want)
{
	struct enc_cutlist c;
	char *err;

	assert_int_equal(read_text(&c, text, &err), ST_DATAERR);
	if (!strstr(err, want))
		fail_msg("got \"%s\", expected \"%s\"", err, want);
	assert_int_equal(strchr(err, '\n') - err + 1, (long)strlen(err));
	free(err);
	enc_cutlist_free(&c);
}

static void test_issue_example(void **state)
{
	struct enc_cutlist c;
	char *err;

	(void)state;
	assert_int_equal(read_text(&c, "[montage]\n"
		"output = jury-2026            ; the session folder created\n"
		"title = Le CorsicaLab, fabrique de territoire\n"
		"subtitle = Candidature « Fabriques de Territoire »   ; optional\n"
		"card_seconds = 4              ; length of the cards\n"
		"transition = 0.5              ; crossfade\n\n"
		"[shot]                        ; one section per shot, in order\n"
		"session = atelier-2026-11-28  ; a session folder (its master) ...\n"
		"start = 1:20\nend = 1:45\n\n"
		"[shot]\nfile = ../telephone/visite.mp4  ; ... or any media file\n"
		"start = 0:05\nend = 0:35\n", &err), ST_OK);
	assert_string_equal(err, "");
	assert_string_equal(c.output, "dir/jury-2026");
	assert_string_equal(c.title, "Le CorsicaLab, fabrique de territoire");
	assert_string_equal(c.subtitle, "Candidature « Fabriques de Territoire »");
	assert_true(c.card_seconds == 4 && c.transition == 0.5);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.shots[0].session, "atelier-2026-11-28");
	assert_string_equal(c.shots[0].path, "dir/atelier-2026-11-28");
	assert_null(c.shots[0].file);
	assert_true(c.shots[0].start == 80 && c.shots[0].end == 105);
	assert_int_equal(c.shots[0].line, 8);
	assert_string_equal(c.shots[1].path, "dir/../telephone/visite.mp4");
	assert_true(c.shots[1].start == 5 && c.shots[1].end == 35);
	assert_int_equal(c.shots[1].start_line, 15);
	/* 2 cards of 4 s + 25 s + 30 s, three transitions of 0.5 s. */
	assert_int_equal(enc_cutlist_parts(&c), 4);
	assert_true(fabs(enc_cutlist_total(&c) - 61.5) < 1e-9);
	free(err);
	enc_cutlist_free(&c);
}

static void test_no_cards_no_transition(void **state)
{
	struct enc_cutlist c;
	char *err;

	(void)state;
	assert_int_equal(read_text(&c, "[montage]\noutput = /srv/o\n" SHOT_A
				       "[shot]\nfile = /media/clip.mp4\nstart = 0:05\nend = 0:35\n", &err),
			 ST_OK);
	assert_string_equal(c.output, "/srv/o");
	assert_string_equal(c.shots[1].path, "/media/clip.mp4");
	assert_null(c.title);
	assert_int_equal(enc_cutlist_parts(&c), 2);
	assert_true(enc_cutlist_total(&c) == 55);
	free(err);
	enc_cutlist_free(&c);
}

static void test_refusals_of_the_file(void **state)
{
	(void)state;
	refused(MONTAGE, "dir/cut.ini:1: montage: no [shot] section: the cut list is empty");
	refused(MONTAGE "[shot]\n", "dir/cut.ini:6: shot: missing key session or file");
	refused(MONTAGE "[shot]\nsession = a\nend = 3\n", "dir/cut.ini:6: shot: missing key start");
	refused(MONTAGE SHOT_A "[shot]\nsession = a\nstart = 0:10\nend = 0:10\n",
		"dir/cut.ini:13: shot.end: empty span: it ends where it starts (10.000 s)");
	refused(MONTAGE SHOT_A "[shot]\nsession = a\nstart = 0:10\nend = 0:05\n",
		"dir/cut.ini:13: shot.end: reversed span: it ends at 5.000 s, before its start at 10.000 s");
	refused(MONTAGE SHOT_A "speed = 2\n", "dir/cut.ini:10: shot.speed: unknown key");
	refused(MONTAGE "colour = red\n" SHOT_A, "dir/cut.ini:6: montage.colour: unknown key");
	refused(MONTAGE "[music]\nfile = a.ogg\n" SHOT_A, "dir/cut.ini:7: music.file: unknown section [music]");
	refused(MONTAGE "[shot]\nsession = a\nfile = b.mp4\nstart = 1\nend = 2\n",
		"dir/cut.ini:8: shot.file: a shot takes one session or one file (line 7 gives one)");
	refused(MONTAGE "[shot]\nsession = a\nstart = 1\nstart = 2\nend = 3\n",
		"dir/cut.ini:9: shot.start: given twice (first at line 8)");
	refused(MONTAGE "[shot]\nsession = a\nstart = soon\nend = 3\n",
		"dir/cut.ini:8: shot.start: expected a time such as 80, 1:20 or 0:01:20.5, got \"soon\"");
	refused("[montage]\ntitle = t\n" SHOT_A, "dir/cut.ini:1: montage: missing key output");
	refused("[montage]\noutput = o\ncard_seconds = 3\n" SHOT_A,
		"dir/cut.ini:3: montage.card_seconds: the opening card needs montage.title");
	refused("[montage]\noutput = o\ntransition = 11\n" SHOT_A,
		"dir/cut.ini:3: montage.transition: expected a number of seconds from 0 to 10, got \"11\"");
	refused("[montage]\noutput = o\ntransition = 2\n[shot]\nsession = a\nstart = 0\nend = 3\n",
		"dir/cut.ini:3: montage.transition: 2.000 s is too long for the shot at line 4 (3.000 s)");
	refused(SHOT_A, "dir/cut.ini: missing section [montage]");
}

/* Two shots; the sources as montage.c would fill them. */
static void two_shots(struct enc_cutlist *c, const char *b, double duration_a, double duration_b,
		      size_t id_b)
{
	char *text = st_strdup_printf(MONTAGE SHOT_A "%s", b), *err;

	assert_int_equal(read_text(c, text, &err), ST_OK);
	c->shots[0].source_duration = duration_a;
	c->shots[1].source_duration = duration_b;
	c->shots[1].source_id = id_b;
	free(text);
	free(err);
}

static int check_spans(const struct enc_cutlist *c, char **err)
{
	int ret;

	capture(err);
	ret = enc_cutlist_check_spans(c);
	release();
	return ret;
}

static void test_spans_against_sources(void **state)
{
	struct enc_cutlist c;
	char *err;

	(void)state;
	two_shots(&c, SHOT_B, 120, 40, 1);
	assert_int_equal(check_spans(&c, &err), ST_OK);
	free(err);
	enc_cutlist_free(&c);

	two_shots(&c, SHOT_B, 100, 40, 1);
	assert_int_equal(check_spans(&c, &err), ST_DATAERR);
	assert_non_null(strstr(err, "dir/cut.ini:9: shot.end: 105.000 s lies past the end of "
				    "dir/atelier, which lasts 100.000 s"));
	free(err);
	enc_cutlist_free(&c);

	two_shots(&c, SHOT_B, 120, 4, 1);
	assert_int_equal(check_spans(&c, &err), ST_DATAERR);
	assert_non_null(strstr(err, "dir/cut.ini:12: shot.start: 5.000 s lies past the end of"));
	free(err);
	enc_cutlist_free(&c);

	/* The same source twice: 1:40-1:50 overlaps 1:20-1:45. */
	two_shots(&c, "[shot]\nsession = atelier\nstart = 1:40\nend = 1:50\n", 120, 120, 0);
	assert_int_equal(check_spans(&c, &err), ST_DATAERR);
	assert_non_null(strstr(err, "dir/cut.ini:12: shot.start: overlaps the shot at line 6 "
				    "(80.000 to 105.000 s of the same source)"));
	free(err);
	enc_cutlist_free(&c);

	/* Back to back is no overlap; unknown durations are not judged. */
	two_shots(&c, "[shot]\nsession = atelier\nstart = 1:45\nend = 1:50\n", 0, 0, 0);
	assert_int_equal(check_spans(&c, &err), ST_OK);
	free(err);
	enc_cutlist_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_issue_example),
		cmocka_unit_test(test_no_cards_no_transition),
		cmocka_unit_test(test_refusals_of_the_file),
		cmocka_unit_test(test_spans_against_sources),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
