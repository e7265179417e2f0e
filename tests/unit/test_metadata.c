/* Unit tests for lib/escape.c and lib/metadata.c: escaping of hostile
 * strings and every rendering of the metadata and the Etalab licence. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "metadata.h"
#include "paths.h"
#include "session.h"

#define HOSTILE "<script>alert(\"x\")</script> ]] {{Modèle}} | 'a' & b"
#define CORSICAN "Ghjurnata di l'Agora — Attellu di cuncezzione in Aiacciu, Ùn c'hè più"

static void test_escape_html(void **state)
{
	char *s = st_escape_html(HOSTILE);
	(void)state;
	assert_string_equal(s, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ]] {{Modèle}} "
			       "| &#39;a&#39; &amp; b");
	free(s);
	s = st_escape_html("à è ì ò ù chj ghj Ù");
	assert_string_equal(s, "à è ì ò ù chj ghj Ù");
	free(s);
	s = st_escape_html("");
	assert_string_equal(s, "");
	free(s);
}

static void test_escape_xml(void **state)
{
	char *s = st_escape_xml("a\x01<b>\t&\x1f'é");
	(void)state;
	assert_string_equal(s, "a&lt;b&gt;\t&amp;&#39;é");
	free(s);
}

/* One expectation of st_text_clean(): IN gives OUT. */
static void clean_is(const char *in, const char *out)
{
	char *s = st_text_clean(in);
	assert_string_equal(s, out);
	free(s);
}

static void test_text_clean(void **state)
{
	(void)state;
	clean_is("à è ì ò ù chj ghj \t\n\r", "à è ì ò ù chj ghj \t\n\r");
	clean_is("a\x01\x1b\x7f\xc2\x85\xc2\x9f" "b", "ab");            /* C0, DEL, C1 dropped */
	clean_is("a\xef\xbf\xbe" "b\xef\xbf\xbf" "c", "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c"); /* U+FFFE/FFFF */
	clean_is("\xef\xb7\x90\xf0\x9f\xbf\xbe", "\xef\xbf\xbd\xef\xbf\xbd");   /* FDD0, 1FFFE */
	clean_is("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");     /* a surrogate */
	clean_is("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd");                 /* overlong '/' */
	clean_is("\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	clean_is("\xff\x80x\xe2\x82", "\xef\xbf\xbd\xef\xbf\xbdx\xef\xbf\xbd\xef\xbf\xbd");
	clean_is("\xf0\x9f\x8e\xac \xe2\x80\xae", "\xf0\x9f\x8e\xac \xe2\x80\xae"); /* kept */
	clean_is(NULL, "");
}

static void test_escape_wikitext(void **state)
{
	char *s = st_escape_wikitext(HOSTILE);
	(void)state;
	/* No character with a wikitext meaning survives. */
	for (const char *p = "<>[]{}|'\""; *p; p++)
		assert_null(strchr(s, *p));
	assert_non_null(strstr(s, "&#60;script&#62;"));
	assert_non_null(strstr(s, "Modèle"));
	free(s);
	s = st_escape_wikitext("* item\n== titre ==\n~~~~ __NOTOC__");
	assert_null(strchr(s, '\n'));
	assert_null(strchr(s, '~'));
	assert_null(strchr(s, '='));
	assert_null(strchr(s, '_'));
	assert_int_equal(strncmp(s, "&#42;", 5), 0);
	free(s);
	s = st_escape_wikitext(CORSICAN);
	assert_non_null(strstr(s, "Ghjurnata di l&#39;Agora — Attellu"));
	assert_non_null(strstr(s, "Ùn c&#39;hè più"));
	free(s);
}

static json_t *hostile_session(void)
{
	json_t *s = st_session_new();
	json_object_set_new(json_object_get(s, "title"), "fr", json_string(HOSTILE));
	json_object_set_new(json_object_get(s, "title"), "co", json_string(CORSICAN));
	json_object_set_new(json_object_get(s, "description"), "fr",
			    json_string("Ligne 1\n</script><!-- {{!}} [[Catégorie:X]]"));
	json_array_append_new(json_object_get(s, "speakers"), json_string("Marie-Thérèse Santu"));
	json_array_append_new(json_object_get(s, "speakers"), json_string("Ghjuvan Petru"));
	json_array_append_new(json_object_get(s, "languages"), json_string("fr"));
	json_object_set_new(s, "recorded", json_string("2026-11-28T14:00:00+01:00"));
	/* Publishing moves "updated"; the work's last update is its newest
	 * encode. */
	json_object_set_new(s, "updated", json_string("2026-12-02T09:00:00+01:00"));
	json_object_set_new(s, "renditions", json_pack(
		"[{s:s}, {s:s}]", "encoded", "2026-11-29T10:00:00+01:00", "encoded",
		"2026-11-29T09:00:00+01:00"));
	return s;
}

static void test_meta_from_session(void **state)
{
	json_t *s = hostile_session();
	struct st_meta m;
	char *a;
	(void)state;

	st_meta_from_session(s, &m);
	assert_string_equal(m.title, HOSTILE);
	assert_string_equal(m.title_co, CORSICAN);
	assert_string_equal(m.speakers, "Marie-Thérèse Santu, Ghjuvan Petru");
	assert_string_equal(m.date, "2026-11-28");
	assert_string_equal(m.updated, "2026-11-29");
	assert_string_equal(m.producer, ST_DEFAULT_PRODUCER);
	assert_string_equal(st_lang_iso639_2(m.language), "fre");
	assert_string_equal(st_lang_iso639_2("co"), "cos");
	a = st_meta_attribution(&m);
	assert_string_equal(a, "Licence Ouverte / Open Licence 2.0 (etalab-2.0) — Source"
			       ST_NNBSP ": Collectivité de Corse — CorsicaLab — dernière mise à jour"
			       ST_NNBSP ": 29 novembre 2026");
	assert_string_equal(m.recorded, "2026-11-28T14:00:00+01:00");
	assert_string_equal(m.updated_at, "2026-11-29T10:00:00+01:00");
	assert_int_equal(m.ntitles, 2);
	assert_string_equal(m.titles[0].lang, "fr");
	assert_string_equal(m.titles[1].lang, "co");
	assert_string_equal(m.titles[1].text, CORSICAN);
	assert_int_equal(m.nspeakers, 2);
	assert_string_equal(m.speaker_list[1], "Ghjuvan Petru");
	assert_int_equal(m.nlanguages, 1);
	assert_string_equal(m.languages[0], "fr");
	free(a);
	st_meta_free(&m);
	assert_null(m.title);
	json_decref(s);
}

static void test_date_words(void **state)
{
	static const char *const cases[][2] = {
		{"2026-03-01", "1er mars 2026"}, {"2026-12-03T07:48:44+00:00", "3 décembre 2026"},
		{"2026-08-15", "15 août 2026"}, {"2026-13-01", "2026-13-01"}, {"hier", "hier"},
		{"", ""}};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *w = st_date_words_fr(cases[i][0]);
		assert_string_equal(w, cases[i][1]);
		free(w);
	}
	assert_string_equal(st_lang_name_fr("co"), "corse");
	assert_string_equal(st_lang_name_fr("xx"), "xx");
}

static void test_avdict(void **state)
{
	json_t *s = hostile_session();
	AVDictionary *d = NULL;
	struct st_meta m;
	(void)state;

	st_meta_from_session(s, &m);
	assert_int_equal(st_meta_to_avdict(&m, &d), 0);
	assert_string_equal(av_dict_get(d, "title", NULL, 0)->value, HOSTILE);
	assert_string_equal(av_dict_get(d, "artist", NULL, 0)->value,
			    "Marie-Thérèse Santu, Ghjuvan Petru");
	assert_string_equal(av_dict_get(d, "date", NULL, 0)->value, "2026-11-28");
	assert_non_null(strstr(av_dict_get(d, "copyright", NULL, 0)->value, ST_LICENCE_SHORT));
	assert_string_equal(av_dict_get(d, "license", NULL, 0)->value, ST_LICENCE_URL);
	assert_non_null(strstr(av_dict_get(d, "copyright", NULL, 0)->value, "etalab-2.0"));
	assert_non_null(strstr(av_dict_get(d, "comment", NULL, 0)->value, "dernière mise à jour"));
	assert_string_equal(av_dict_get(d, "language", NULL, 0)->value, "fre");
	av_dict_free(&d);
	st_meta_free(&m);
	json_decref(s);
}

static void test_vorbis(void **state)
{
	json_t *s = hostile_session();
	vorbis_comment vc;
	struct st_meta m;
	(void)state;

	st_meta_from_session(s, &m);
	vorbis_comment_init(&vc);
	st_meta_to_vorbis(&m, &vc);
	assert_string_equal(vorbis_comment_query(&vc, "TITLE", 0), HOSTILE);
	assert_string_equal(vorbis_comment_query(&vc, "LICENSE", 0), ST_LICENCE_URL);
	assert_non_null(strstr(vorbis_comment_query(&vc, "COPYRIGHT", 0), ST_LICENCE_SHORT));
	assert_non_null(strstr(vorbis_comment_query(&vc, "COPYRIGHT", 0),
			       "dernière mise à jour" ST_NNBSP ": 29 novembre 2026"));
	assert_string_equal(vorbis_comment_query(&vc, "ORGANIZATION", 0), ST_DEFAULT_PRODUCER);
	assert_string_equal(vorbis_comment_query(&vc, "LANGUAGE", 0), "fr");
	assert_string_equal(vorbis_comment_query(&vc, "DATE", 0), "2026-11-28");
	assert_non_null(vorbis_comment_query(&vc, "ARTIST", 0));
	vorbis_comment_clear(&vc);
	st_meta_free(&m);
	json_decref(s);
}

static void test_jsonld(void **state)
{
	json_t *s = hostile_session(), *ld, *back;
	struct st_meta m;
	json_error_t err;
	char *script, *body;
	(void)state;

	st_meta_from_session(s, &m);
	ld = st_meta_jsonld(&m, "VideoObject");
	assert_string_equal(json_string_value(json_object_get(ld, "license")), ST_LICENCE_URL);
	assert_string_equal(json_string_value(json_object_get(ld, "@type")), "VideoObject");
	assert_string_equal(json_string_value(json_object_get(ld, "inLanguage")), "fr");
	assert_string_equal(json_string_value(json_array_get(json_object_get(ld, "alternateName"), 0)),
			    CORSICAN);
	assert_string_equal(json_string_value(json_object_get(ld, "dateCreated")),
			    "2026-11-28T14:00:00+01:00");
	assert_string_equal(json_string_value(json_object_get(ld, "dateModified")),
			    "2026-11-29T10:00:00+01:00");
	assert_int_equal(json_array_size(json_object_get(ld, "contributor")), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
		json_object_get(ld, "contributor"), 0), "@type")), "Person");
	assert_string_equal(json_string_value(json_object_get(json_object_get(ld, "publisher"),
							      "@type")), "Organization");
	assert_non_null(strstr(json_string_value(json_object_get(ld, "creditText")),
			       "dernière mise à jour"));
	script = st_meta_jsonld_script(ld);
	body = strchr(script, '>') + 1;
	/* Only the closing tag of the element itself may appear. */
	assert_ptr_equal(strstr(body, "</"), strstr(body, "</script>"));
	assert_null(strstr(strstr(body, "</script>") + 1, "</script>"));
	assert_null(strstr(body, "<!--"));
	*strstr(body, "</script>") = '\0';
	back = json_loads(body, 0, &err);
	assert_non_null(back);
	assert_string_equal(json_string_value(json_object_get(back, "name")), HOSTILE);
	json_decref(back);
	free(script);
	json_decref(ld);
	st_meta_free(&m);
	json_decref(s);
}

static void test_wikitext(void **state)
{
	json_t *s = hostile_session();
	struct st_meta m;
	char *w;
	(void)state;

	st_meta_from_session(s, &m);
	w = st_meta_wikitext(&m);
	assert_non_null(strstr(w, "[" ST_LICENCE_URL " " ST_LICENCE_NAME "]"));
	assert_non_null(strstr(w, "dernière mise à jour" ST_NNBSP ": 29 novembre 2026"));
	assert_null(strstr(w, "{{"));
	assert_null(strstr(w, "[[Cat"));
	assert_null(strstr(w, "</script>"));
	assert_null(strstr(w, "<!--"));
	assert_non_null(strstr(w, "Marie-Thérèse Santu, Ghjuvan Petru"));
	free(w);
	st_meta_free(&m);
	json_decref(s);
}

static void test_html_licence(void **state)
{
	json_t *s = hostile_session();
	struct st_meta m;
	char *h;
	(void)state;

	json_object_set_new(s, "producer", json_string("<b>Lab</b> & co"));
	st_meta_from_session(s, &m);
	h = st_meta_html_licence(&m);
	assert_non_null(strstr(h, "<a href=\"" ST_LICENCE_URL "\" rel=\"license\">"));
	assert_non_null(strstr(h, "&lt;b&gt;Lab&lt;/b&gt; &amp; co"));
	assert_null(strstr(h, "<b>"));
	free(h);
	st_meta_free(&m);
	json_decref(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_html),
		cmocka_unit_test(test_escape_xml),
		cmocka_unit_test(test_text_clean),
		cmocka_unit_test(test_escape_wikitext),
		cmocka_unit_test(test_meta_from_session),
		cmocka_unit_test(test_date_words),
		cmocka_unit_test(test_avdict),
		cmocka_unit_test(test_vorbis),
		cmocka_unit_test(test_jsonld),
		cmocka_unit_test(test_wikitext),
		cmocka_unit_test(test_html_licence),
	};
	return cmocka_run_group_tests_name("metadata", tests, NULL, NULL);
}
