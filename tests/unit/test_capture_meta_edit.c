/* Unit tests for the metadata options of studio-capture: the LANG=TEXT
 * rule of --title and --description and the edits of
 * session.json's title, description and lists with their change log
 * (capture/meta_edit.c), compiled into this test directly. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../capture/meta_edit.c"

static void parses(const char *arg, const char *lang, const char *text)
{
	struct cap_text t;

	assert_true(cap_text_parse(arg, &t));
	assert_string_equal(t.lang, lang);
	assert_string_equal(t.text, text);
}

static void test_text_rule(void **state)
{
	struct cap_text t;

	(void)state;
	parses("co=Attellu di cuncezzione", "co", "Attellu di cuncezzione");
	parses("en=A=B", "en", "A=B");
	parses("Atelier", "", "Atelier");
	parses("a=b c", "", "a=b c");          /* not a language code */
	parses("zz=x", "", "zz=x");            /* not one lib/metadata knows */
	parses("Co=x", "", "Co=x");            /* codes are lowercase */
	parses("fra=x", "", "fra=x");          /* ISO 639-1 only */
	parses("fr=co=x", "fr", "co=x");       /* a text starting with "co=" */
	parses("=x", "", "=x");
	assert_false(cap_text_parse("co=", &t));
	assert_false(cap_text_parse("", &t));
	assert_false(cap_text_parse("co=\xff", &t));
}

static void test_set_texts(void **state)
{
	json_t *root = json_pack("{s:{s:s, s:s}}", "title", "fr", "Ancien", "co", "Vechju");
	struct cap_text t[] = {{"", "Nouveau"}, {"co", "Vechju"}, {"en", "New"}};
	struct cap_changes log = {NULL, 0};

	(void)state;
	assert_int_equal(cap_meta_set_texts(root, "title", "fr", t, 3, &log), ST_OK);
	assert_string_equal(json_string_value(json_object_get(json_object_get(root, "title"), "fr")),
			    "Nouveau");
	assert_string_equal(json_string_value(json_object_get(json_object_get(root, "title"), "en")),
			    "New");
	assert_int_equal(log.n, 2);   /* co is unchanged */
	assert_string_equal(log.lines[0], "title (fr) changed from \"Ancien\" to \"Nouveau\"");
	assert_string_equal(log.lines[1], "title (en) set to \"New\"");
	cap_changes_free(&log);
	assert_int_equal(cap_meta_set_texts(root, "description", "co", t, 1, NULL), ST_OK);
	assert_string_equal(
		json_string_value(json_object_get(json_object_get(root, "description"), "co")),
		"Nouveau");
	json_decref(root);
}

static void test_set_list(void **state)
{
	json_t *root = json_pack("{s:[s]}", "speakers", "Anna");
	const char *same[] = {"Anna"}, *two[] = {"Paul", "Ghjulia"};
	struct cap_changes log = {NULL, 0};

	(void)state;
	assert_int_equal(cap_meta_set_list(root, "speakers", same, 1, &log), ST_OK);
	assert_int_equal(log.n, 0);
	assert_int_equal(cap_meta_set_list(root, "speakers", two, 2, &log), ST_OK);
	assert_int_equal(log.n, 1);
	assert_string_equal(log.lines[0], "speakers changed from \"Anna\" to \"Paul, Ghjulia\"");
	assert_int_equal(json_array_size(json_object_get(root, "speakers")), 2);
	cap_changes_free(&log);
	json_decref(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_rule),
		cmocka_unit_test(test_set_texts),
		cmocka_unit_test(test_set_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
