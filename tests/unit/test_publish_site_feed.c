/* Unit tests for the feed's dates (publish/site/feed_date.c) and the
 * reading of catalogue entries, old ones included (publish/site/
 * entry_read.c), both compiled in. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../../publish/site/entry_read.c"
#include "../../publish/site/feed_date.c"

static void rfc822_is(const char *iso, const char *want)
{
	char got[PUB_RFC822_MAX];

	assert_int_equal(pub_rfc822(iso, got), *want != '\0');
	assert_string_equal(got, want);
}

/* The time and zone kept as written; the weekday of the local date. */
static void test_rfc822_times(void **state)
{
	(void)state;
	rfc822_is("2026-11-28T14:00:00+01:00", "Sat, 28 Nov 2026 14:00:00 +0100");
	rfc822_is("2026-12-31T23:59:59-05:30", "Thu, 31 Dec 2026 23:59:59 -0530");
	rfc822_is("2026-03-01T00:05:07.250Z", "Sun, 01 Mar 2026 00:05:07 +0000");
	rfc822_is("2026-03-01T08:15+0200", "Sun, 01 Mar 2026 08:15:00 +0200");
	rfc822_is("2026-03-01T08:15:00", "Sun, 01 Mar 2026 08:15:00 -0000");
	rfc822_is("2028-02-29", "Tue, 29 Feb 2028 00:00:00 -0000");
}

static void test_rfc822_refused(void **state)
{
	static const char *const bad[] = {
		"", "2026", "2026-13-01", "2026-11-31", "2027-02-29", "2026-11-28T25:00:00Z",
		"2026-11-28T14:00:00+01:00x", "2026-11-28 14:00", "2026-11-28T14", "28/11/2026",
		"2026-11-28T14:00:00+1", NULL};

	(void)state;
	for (size_t i = 0; bad[i]; i++)
		rfc822_is(bad[i], "");
	rfc822_is(NULL, "");
}

static void test_rfc822_utc(void **state)
{
	char got[PUB_RFC822_MAX];

	(void)state;
	pub_rfc822_utc(0, got);
	assert_string_equal(got, "Thu, 01 Jan 1970 00:00:00 +0000");
}

/* An entry written before the feed's fields: titles from title/title_co,
 * the attribution from its producer and date of last update. */
static void test_old_entry(void **state)
{
	json_t *e = json_pack("{s:s, s:s, s:s, s:s, s:s}", "title", "Vechja", "title_co", "Vechja co",
			      "description", "Una", "date", "2026-01-02", "updated", "2026-03-01");
	json_t *t = pub_entry_texts(e, false), *d = pub_entry_texts(e, true);
	char *line = pub_entry_attribution(e);

	(void)state;
	assert_string_equal(pub_entry_lang(e), "fr");
	assert_string_equal(pub_entry_when(e), "2026-01-02");
	assert_int_equal(json_array_size(t), 2);
	assert_string_equal(pub_entry_str(json_array_get(t, 1), "lang"), "co");
	assert_string_equal(pub_entry_str(json_array_get(t, 1), "text"), "Vechja co");
	assert_int_equal(json_array_size(d), 1);
	assert_string_equal(line, "Licence Ouverte / Open Licence 2.0 (etalab-2.0) — Source" ST_NNBSP
			    ": " ST_DEFAULT_PRODUCER " — dernière mise à jour" ST_NNBSP ": 1er mars 2026");
	free(line);
	json_decref(t);
	json_decref(d);
	json_decref(e);
}

static void test_selection_match(void **state)
{
	json_t *a = json_pack("{s:f, s:f}", "start", 0.0, "end", 2.0);
	json_t *b = json_pack("{s:f, s:f}", "start", 45.0, "end", 47.0);
	json_t *c = json_pack("{s:i, s:f}", "start", 0, "end", 2.0004);

	(void)state;
	assert_true(pub_selection_match(a, c));
	assert_false(pub_selection_match(a, b));
	assert_true(pub_selection_match(NULL, b));
	assert_true(pub_selection_match(a, NULL));
	json_decref(a);
	json_decref(b);
	json_decref(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc822_times),   cmocka_unit_test(test_rfc822_refused),
		cmocka_unit_test(test_rfc822_utc),     cmocka_unit_test(test_old_entry),
		cmocka_unit_test(test_selection_match),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
