/* Unit tests for lib/human.c: numbers for people follow the user's
 * LC_NUMERIC (here fr_FR.UTF-8, skipped when not installed) while the
 * program's own printf stays C. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "human.h"
#include "msg.h"

#define NNBSP "\xe2\x80\xaf" /* glibc's fr_FR thousands separator */

static bool french;

static void test_french_numbers(void **state)
{
	char b[ST_HUMAN_LEN], c[32];
	(void)state;
	if (!french)
		skip();
	assert_string_equal(st_hnum(b, sizeof b, 240, 1), "240,0");
	assert_string_equal(st_hnum(b, sizeof b, 209715200, 0), "209" NNBSP "715" NNBSP "200");
	/* the program's own numbers stay C after a human one */
	snprintf(c, sizeof c, "%.1f", 7.25);
	assert_string_equal(c, "7.2");
	/* the units are the catalogue's: French when the tree's is found */
	if (strcmp(_("MB"), "MB")) {
		assert_string_equal(st_hsize(b, sizeof b, 7.3e6), "7,3 Mo");
		assert_string_equal(st_hsize(b, sizeof b, 512), "512 o");
	} else {
		assert_string_equal(st_hsize(b, sizeof b, 7.3e6), "7,3 MB");
	}
	assert_string_equal(st_htime(b, sizeof b, 7.25, -1, "7.25"), "7,25 s");
	assert_string_equal(st_htime(b, sizeof b, 2, 1, "0:07"), "0:02,0");
}

static void test_times(void **state)
{
	char b[ST_HUMAN_LEN];
	(void)state;
	if (!french)
		skip();
	assert_string_equal(st_htime(b, sizeof b, 90, -1, "1:30"), "1:30");
	assert_string_equal(st_htime(b, sizeof b, 67, -1, "01:07"), "01:07");
	assert_string_equal(st_htime(b, sizeof b, 59.96, 1, "0:10"), "1:00,0");
	assert_string_equal(st_htime(b, sizeof b, 3725.5, -1, "1:02:05.5"), "1:02:05,5");
	assert_string_equal(st_htime(b, sizeof b, 20, -1, "20"), "20 s");
	assert_string_equal(st_htime(b, sizeof b, 2.5, 1, NULL), "2,5 s");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_french_numbers),
		cmocka_unit_test(test_times),
	};
	locale_t fr = newlocale(LC_ALL_MASK, "fr_FR.UTF-8", (locale_t)0);

	french = fr != (locale_t)0;
	if (fr)
		freelocale(fr);
	setenv("LC_ALL", "fr_FR.UTF-8", 1);
	setenv("LANGUAGE", "", 1);
	st_msg_init("test_lib_human");
	if (getenv("STUDIO_BIN")) { /* the catalogue of the tree under test */
		char dir[4096];

		snprintf(dir, sizeof dir, "%s/../share/locale", getenv("STUDIO_BIN"));
		bindtextdomain(ST_PACKAGE, dir);
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
