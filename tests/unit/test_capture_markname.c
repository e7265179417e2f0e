/* Unit tests for capture/markname.c, the marker name typed on the meter:
 * UTF-8 assembled byte by byte, Backspace over a multi-byte character,
 * control, bidi and invalid bytes refused, the length bound, Enter,
 * Escape alone or followed by a key, escape sequences ignored; and the
 * text fitted to the meter's columns.  (Compiled in directly.) */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "../../capture/markname.c"

/* Feeds S (NUL-terminated) and returns the last event. */
static enum cap_name_event type(struct cap_name_field *f, const char *s)
{
	enum cap_name_event e = CAP_NAME_TYPING;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		e = cap_name_feed(f, *p);
	return e;
}

static void test_text_and_backspace(void **state)
{
	struct cap_name_field f;

	(void)state;
	cap_name_start(&f);
	assert_int_equal(type(&f, "Questions du public"), CAP_NAME_TYPING);
	assert_string_equal(f.text, "Questions du public");
	cap_name_start(&f);
	type(&f, "Attellu \xc3\xa0 Bastia \xe2\x82\xac");   /* à, € */
	assert_int_equal(f.chars, 18);
	cap_name_feed(&f, 0x7f);                           /* erases € (3 bytes) */
	cap_name_feed(&f, 0x08);                           /* and the space */
	assert_string_equal(f.text, "Attellu \xc3\xa0 Bastia");
	cap_name_feed(&f, 0x15);                           /* Ctrl-U: all */
	assert_string_equal(f.text, "");
	cap_name_feed(&f, 0x7f);                           /* nothing left to erase */
	assert_int_equal(f.len, 0);
	assert_int_equal(cap_name_feed(&f, '\r'), CAP_NAME_DONE);
}

static void test_refused(void **state)
{
	struct cap_name_field f;

	(void)state;
	cap_name_start(&f);
	/* RLO, LRI, ALM, LRM, U+2028, tab, C1 NEL, a stray continuation byte,
	 * an overlong '/', a truncated é followed by 'b', a surrogate. */
	type(&f, "a\xe2\x80\xae" "b\xe2\x81\xa6" "c\xd8\x9c" "d\xe2\x80\x8e" "e\xe2\x80\xa8"
		 "f\tg\xc2\x85h\x80i\xc0\xafj\xc3" "b\xed\xa0\x80k");
	assert_string_equal(f.text, "abcdefghijbk");
}

static void test_bounded(void **state)
{
	struct cap_name_field f;

	(void)state;
	cap_name_start(&f);
	for (int i = 0; i < CAP_NAME_MAX_CHARS + 10; i++)
		type(&f, "\xf0\x9f\x8e\xa4");   /* U+1F3A4, 4 bytes */
	assert_int_equal(f.chars, CAP_NAME_MAX_CHARS);
	assert_int_equal(f.len, 4 * CAP_NAME_MAX_CHARS);
	assert_int_equal(strlen(f.text), f.len);
}

static void test_escape(void **state)
{
	struct cap_name_field f;

	(void)state;
	cap_name_start(&f);
	/* Arrow keys and F5 are ignored, text goes on. */
	assert_int_equal(type(&f, "ab\x1b[D\x1bOA\x1b[15~c"), CAP_NAME_TYPING);
	assert_string_equal(f.text, "abc");
	assert_int_equal(cap_name_idle(&f), CAP_NAME_TYPING);
	/* Escape alone: cancelled once no more bytes come. */
	assert_int_equal(cap_name_feed(&f, 0x1b), CAP_NAME_TYPING);
	assert_int_equal(cap_name_idle(&f), CAP_NAME_CANCEL);
	/* Escape then q: cancelled by the q, which is a key of its own. */
	cap_name_start(&f);
	assert_int_equal(type(&f, "x\x1bq"), CAP_NAME_CANCEL);
}

static void test_fit(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(cap_text_fit("Atelier", 4, false, out, sizeof out), 4);
	assert_string_equal(out, "Atel");
	assert_int_equal(cap_text_fit("Atelier", 4, true, out, sizeof out), 4);
	assert_string_equal(out, "lier");
	/* Controls and bidi left out, invalid bytes shown as '?'. */
	cap_text_fit("a\x1b[2Jb\xe2\x80\xae" "c\xff", 20, false, out, sizeof out);
	assert_string_equal(out, "a[2Jbc?");
	/* Never more bytes than the buffer holds, whole characters only. */
	cap_text_fit("\xc3\xa0\xc3\xa0\xc3\xa0", 10, false, out, 6);
	assert_string_equal(out, "\xc3\xa0\xc3\xa0");
	assert_int_equal(cap_text_fit(NULL, 10, false, out, sizeof out), 0);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_and_backspace),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_fit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
