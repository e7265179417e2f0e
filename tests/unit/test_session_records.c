/* Unit tests for lib/session_records.c and lib/session_publications.c:
 * the typed accessors of session.json.  Valid records, each invalid
 * field, and the path policy applied by the accessors (spelling, links,
 * non-regular files), with the message each refusal prints. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "session.h"
#include "session_dirs.h"
#include "session_records.h"
#include "status.h"

#define SHA "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef"
#define SHA_LOWER "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static json_t *parse(const char *text)
{
	json_error_t e;
	json_t *root = json_loads(text, 0, &e);

	if (!root)
		fail_msg("bad test JSON: %s", e.text);
	return root;
}

/* What st_error printed during the last captured call. */
static char said[4096];
static FILE *saved_stderr, *mem;

static void capture_begin(void)
{
	memset(said, 0, sizeof said);
	mem = fmemopen(said, sizeof said - 1, "w");
	assert_non_null(mem);
	saved_stderr = stderr;
	stderr = mem;
}

static void capture_end(void)
{
	stderr = saved_stderr;
	fclose(mem);
}

static void said_has(const char *what)
{
	if (!strstr(said, what))
		fail_msg("message '%s' should say '%s'", said, what);
}

/* ---- captures ---- */

static int last_capture(const char *dir, const char *json, struct st_capture *c)
{
	json_t *root = parse(json);
	int ret;

	capture_begin();
	ret = st_captures_last(root, dir, c);
	capture_end();
	json_decref(root);
	return ret;
}

static void test_capture_valid(void **state)
{
	struct dirs *d = *state;
	struct st_capture c;
	json_t *root;
	char *want = st_path_join(d->s, "master/take2.mkv");

	sub(d->s, "master");
	put(d->s, "master/take2.mkv", "mkv", 0644);
	root = parse("{\"captures\": [{\"file\": \"master/take1.mkv\"},"
		     " {\"file\": \"master/take2.mkv\", \"markers\": [{\"t\": 2.5, \"label\": \"b\"},"
		     " {\"label\": \"no time\"}, {\"t\": 1}, {\"t\": \"x\"}]}]}");
	assert_int_equal(st_captures_count(root), 2);
	assert_true(st_captures_has_file(root, "master/take1.mkv"));
	assert_false(st_captures_has_file(root, "master/take3.mkv"));
	assert_int_equal(st_captures_last(root, d->s, &c), ST_OK);
	assert_string_equal(c.path, want);
	assert_int_equal(c.nmarkers, 2);
	assert_true(c.markers[0].t == 2.5);
	assert_string_equal(c.markers[0].label, "b");
	assert_true(c.markers[1].t == 1.0);
	assert_null(c.markers[1].label);
	st_capture_free(&c);
	json_decref(root);
	free(want);
}

static void test_capture_none(void **state)
{
	struct dirs *d = *state;
	const char *cases[] = {"{}", "{\"captures\": []}", "{\"captures\": [{\"file\": \"\"}]}",
			       "{\"captures\": [{\"file\": 3}]}"};
	struct st_capture c;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(last_capture(d->s, cases[i], &c), ST_OK);
		assert_null(c.path);
		assert_string_equal(said, "");
		st_capture_free(&c);
	}
}

static void test_capture_policy(void **state)
{
	struct dirs *d = *state;
	struct st_capture c;
	char *secret = st_path_join(d->o, "secret.mkv");
	char *fifo = st_path_join(d->s, "master/fifo.mkv");

	put(d->o, "secret.mkv", "private", 0644);
	sub(d->s, "master");
	link_to(secret, d->s, "master/link.mkv");
	assert_int_equal(mkfifo(fifo, 0600), 0);

	assert_int_equal(last_capture(d->s, "{\"captures\": [{\"file\": \"../outside/secret.mkv\"}]}",
				      &c), ST_DATAERR);
	assert_null(c.path);
	said_has("refusing ../outside/secret.mkv in ");
	said_has("the path must stay inside the session folder");
	st_capture_free(&c);

	assert_int_equal(last_capture(d->s, "{\"captures\": [{\"file\": \"master/link.mkv\"}]}",
				      &c), ST_DATAERR);
	said_has("master/link.mkv: it is a symbolic link");
	st_capture_free(&c);

	alarm(10); /* a FIFO that blocks fails the test instead of hanging it */
	assert_int_equal(last_capture(d->s, "{\"captures\": [{\"file\": \"master/fifo.mkv\"}]}",
				      &c), ST_DATAERR);
	alarm(0);
	said_has("master/fifo.mkv: not a regular file");
	st_capture_free(&c);

	assert_int_equal(last_capture(d->s, "{\"captures\": [{\"file\": \"master/gone.mkv\"}]}",
				      &c), ST_NOINPUT);
	said_has("master/gone.mkv");
	st_capture_free(&c);
	free(secret);
	free(fifo);
}

static void test_capture_append(void **state)
{
	json_t *root = parse("{\"schema\": \"x\"}");
	json_t *ok = parse("{\"file\": \"master/master.mkv\", \"duration\": 1.0}");
	json_t *bad = parse("{\"file\": \"/tmp/master.mkv\"}");
	json_t *nofile = parse("{\"duration\": 1.0}");
	(void)state;

	assert_int_equal(st_captures_append(root, ok), ST_OK);
	assert_int_equal(st_captures_append(root, ok), ST_OK);
	assert_int_equal(st_captures_count(root), 2);
	capture_begin();
	assert_int_equal(st_captures_append(root, bad), ST_SOFTWARE);
	capture_end();
	said_has("refusing to record /tmp/master.mkv in \"captures\"");
	capture_begin();
	assert_int_equal(st_captures_append(root, nofile), ST_SOFTWARE);
	capture_end();
	assert_int_equal(st_captures_count(root), 2);
	json_decref(ok);
	json_decref(bad);
	json_decref(nofile);
	json_decref(root);
}

/* ---- captions ---- */

/* CAPTION_ROOT (kept: the languages are borrowed from it) parsed from JSON. */
static json_t *caption_root;

static int captions(const char *dir, const char *json, struct st_caption **v, size_t *n)
{
	int ret;

	json_decref(caption_root);
	caption_root = parse(json);
	capture_begin();
	ret = st_session_captions(caption_root, dir, v, n);
	capture_end();
	return ret;
}

static void test_captions(void **state)
{
	struct dirs *d = *state;
	struct st_caption *v;
	size_t n;
	char *want = st_path_join(d->s, "captions/fr.vtt");

	sub(d->s, "captions");
	put(d->s, "captions/fr.vtt", "WEBVTT\n", 0644);
	assert_int_equal(captions(d->s, "{\"captions\": [{\"lang\": \"fr\", \"file\": "
				  "\"captions/fr.vtt\"}, {\"lang\": \"co\"}, {\"file\": \"x.vtt\"},"
				  " {\"lang\": \"\", \"file\": \"x.vtt\"}, 4]}", &v, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].lang, "fr");
	assert_string_equal(v[0].path, want);
	st_captions_free(v, n);

	assert_int_equal(captions(d->s, "{}", &v, &n), ST_OK);
	assert_int_equal(n, 0);
	st_captions_free(v, n);
	free(want);
	json_decref(caption_root);
	caption_root = NULL;
}

static void test_captions_policy(void **state)
{
	struct dirs *d = *state;
	struct st_caption *v;
	size_t n;
	char *secret = st_path_join(d->o, "co.vtt");

	put(d->o, "co.vtt", "WEBVTT\n", 0644);
	sub(d->s, "captions");
	put(d->s, "captions/fr.vtt", "WEBVTT\n", 0644);
	link_to(d->o, d->s, "captions/out");

	/* The first refused stops the list; those before it are kept. */
	assert_int_equal(captions(d->s, "{\"captions\": [{\"lang\": \"fr\", \"file\": "
				  "\"captions/fr.vtt\"}, {\"lang\": \"co\", \"file\": "
				  "\"captions/out/co.vtt\"}]}", &v, &n), ST_DATAERR);
	assert_int_equal(n, 1);
	said_has("captions/out/co.vtt: ");
	said_has("captions/out is a symbolic link");
	st_captions_free(v, n);

	assert_int_equal(captions(d->s, "{\"captions\": [{\"lang\": \"co\", \"file\": \"/etc/x\"}]}",
				  &v, &n), ST_DATAERR);
	assert_int_equal(n, 0);
	said_has("refusing /etc/x in ");
	st_captions_free(v, n);
	free(secret);
	json_decref(caption_root);
	caption_root = NULL;
}

/* ---- renditions ---- */

static int renditions(const char *json, struct st_rendition **v, size_t *n)
{
	json_t *root = parse(json);
	int ret;

	capture_begin();
	ret = st_session_renditions(root, "/s", v, n);
	capture_end();
	json_decref(root);
	return ret;
}

static void test_renditions_valid(void **state)
{
	json_t *root = parse("{\"renditions\": [{\"preset\": \"web\", \"file\": "
			     "\"renditions/web.mp4\", \"sha256\": \"" SHA "\", \"bytes\": 12,"
			     " \"duration\": 2.5}, {\"file\": \"renditions/captions.fr.vtt\","
			     " \"sha256\": \"" SHA_LOWER "\", \"bytes\": 0}]}");
	struct st_rendition *v;
	size_t n;
	(void)state;

	assert_int_equal(st_session_renditions(root, "/s", &v, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].file, "renditions/web.mp4");
	assert_string_equal(v[0].preset, "web");
	assert_string_equal(v[0].sha256, SHA_LOWER);
	assert_int_equal(v[0].bytes, 12);
	assert_true(v[0].duration == 2.5);
	assert_string_equal(v[1].preset, "");
	assert_int_equal(v[1].bytes, 0);
	assert_true(v[1].duration < 0);
	free(v);
	json_decref(root);

	assert_int_equal(renditions("{}", &v, &n), ST_OK);
	assert_int_equal(n, 0);
	assert_null(v);
}

static void test_renditions_invalid(void **state)
{
	static const struct {
		const char *record, *why;
	} cases[] = {
		{"{\"file\": \"../x.mp4\", \"sha256\": \"" SHA "\", \"bytes\": 1}",
		 "\"file\" must be a relative path inside the session"},
		{"{\"file\": \"/etc/passwd\", \"sha256\": \"" SHA "\", \"bytes\": 1}",
		 "\"file\" must be a relative path inside the session"},
		{"{\"file\": \"renditions/./x\", \"sha256\": \"" SHA "\", \"bytes\": 1}",
		 "\"file\" must be a relative path inside the session"},
		{"{\"file\": \"x.mp4\", \"sha256\": \"abc\", \"bytes\": 1}",
		 "\"sha256\" must be 64 hexadecimal digits"},
		{"{\"file\": \"x.mp4\", \"sha256\": \"" SHA_LOWER "\", \"bytes\": 1}",
		 NULL},
		{"{\"file\": \"x.mp4\", \"bytes\": 1}", "\"sha256\" must be 64 hexadecimal digits"},
		{"{\"file\": \"x.mp4\", \"sha256\": \"z123456789abcdef0123456789abcdef0123456789abcdef"
		 "0123456789abcdef\", \"bytes\": 1}", "\"sha256\" must be 64 hexadecimal digits"},
		{"{\"file\": \"x.mp4\", \"sha256\": \"" SHA "\", \"bytes\": -1}",
		 "\"bytes\" must be a non-negative integer"},
		{"{\"file\": \"x.mp4\", \"sha256\": \"" SHA "\", \"bytes\": 1.5}",
		 "\"bytes\" must be a non-negative integer"},
		{"{\"file\": \"x.mp4\", \"sha256\": \"" SHA "\"}",
		 "\"bytes\" must be a non-negative integer"},
		/* Two records for one file: publish would send it twice and
		 * describe it twice (found by fuzz_publish_session). */
		{"{\"preset\": \"other\", \"file\": \"ok.mp4\", \"sha256\": \"" SHA "\","
		 " \"bytes\": 3}", "\"file\" is already named by an earlier rendition"},
		{"{\"file\": \"ok.mp4.vtt\", \"sha256\": \"" SHA "\", \"bytes\": 3}", NULL},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *json = st_strdup_printf("{\"renditions\": [{\"file\": \"ok.mp4\", \"sha256\":"
					      " \"" SHA "\", \"bytes\": 3}, %s]}", cases[i].record);
		struct st_rendition *v;
		size_t n;

		if (!cases[i].why) {
			assert_int_equal(renditions(json, &v, &n), ST_OK);
			free(v);
		} else {
			assert_int_equal(renditions(json, &v, &n), ST_DATAERR);
			assert_null(v);
			said_has("/s/session.json: invalid \"renditions\"[1]: ");
			said_has(cases[i].why);
		}
		free(json);
	}
}

static void test_renditions_put(void **state)
{
	json_t *root = parse("{\"renditions\": [{\"preset\": \"web\", \"file\": \"renditions/a.mp4\"},"
			     " {\"file\": \"renditions/chapters.vtt\", \"kind\": \"chapters\"}]}");
	json_t *again = parse("{\"preset\": \"web\", \"file\": \"renditions/b.mp4\"}");
	json_t *side = parse("{\"file\": \"renditions/chapters.vtt\", \"kind\": \"new\"}");
	json_t *other = parse("{\"preset\": \"audio\", \"file\": \"renditions/a.ogg\"}");
	json_t *bad = parse("{\"preset\": \"evil\", \"file\": \"../a.mp4\"}");
	const json_t *arr;
	(void)state;

	assert_int_equal(st_renditions_put(root, again), ST_OK);
	assert_int_equal(st_renditions_put(root, side), ST_OK);
	assert_int_equal(st_renditions_put(root, other), ST_OK);
	capture_begin();
	assert_int_equal(st_renditions_put(root, bad), ST_SOFTWARE);
	capture_end();
	said_has("refusing to record ../a.mp4 in \"renditions\"");
	arr = json_object_get(root, "renditions");
	assert_int_equal(json_array_size(arr), 3);
	assert_ptr_equal(json_array_get(arr, 0), again);
	assert_ptr_equal(json_array_get(arr, 1), side);
	assert_ptr_equal(json_array_get(arr, 2), other);
	json_decref(again);
	json_decref(side);
	json_decref(other);
	json_decref(bad);
	json_decref(root);
}

/* ---- publications, id, slugs ---- */

static void test_publications(void **state)
{
	json_t *root = parse("{\"publications\": [{\"target\": \"site\", \"file\": \"a.mp4\","
			     " \"sha256\": \"" SHA_LOWER "\", \"at\": \"first\"},"
			     " {\"target\": \"wiki\", \"file\": \"a.mp4\"},"
			     " {\"target\": \"site\", \"file\": \"a.mp4\", \"at\": \"dup\"}]}");
	struct st_publication p = {"site", "dir", "a.mp4", "file:///x/a.mp4", SHA_LOWER, 7, NULL,
				   NULL, "now"};
	struct st_publication got;
	(void)state;

	/* Unchanged: the first "at" is kept, the duplicate dropped. */
	assert_int_equal(st_publications_put(root, &p, true), ST_OK);
	assert_int_equal(json_array_size(json_object_get(root, "publications")), 2);
	assert_true(st_publication_get(root, "site", "a.mp4", &got));
	assert_string_equal(got.at, "first");
	assert_string_equal(got.url, "file:///x/a.mp4");
	assert_string_equal(got.type, "dir");
	assert_int_equal(got.bytes, 7);
	assert_null(got.etag);

	/* Replaced: a new time. */
	assert_int_equal(st_publications_put(root, &p, false), ST_OK);
	assert_true(st_publication_get(root, "site", "a.mp4", &got));
	assert_string_equal(got.at, "now");

	/* Another target keeps its own record; a new one is appended. */
	p.target = "web";
	p.etag = "\"e1\"";
	p.wiki_name = "A.mp4";
	assert_int_equal(st_publications_put(root, &p, true), ST_OK);
	assert_true(st_publication_get(root, "web", "a.mp4", &got));
	assert_string_equal(got.etag, "\"e1\"");
	assert_string_equal(got.wiki_name, "A.mp4");
	assert_string_equal(got.at, "now");
	assert_true(st_publication_get(root, "wiki", "a.mp4", &got));
	assert_null(got.url);
	assert_int_equal(got.bytes, 0);
	assert_false(st_publication_get(root, "site", "b.mp4", &got));
	assert_null(st_publication_find(root, "nowhere", "a.mp4"));
	assert_int_equal(json_array_size(json_object_get(root, "publications")), 3);
	json_decref(root);

	root = parse("{}");
	assert_int_equal(st_publications_put(root, &p, true), ST_OK);
	assert_int_equal(json_array_size(json_object_get(root, "publications")), 1);
	json_decref(root);
}

static void test_id_and_slugs(void **state)
{
	json_t *root = parse("{\"id\": \"\", \"publish_slugs\": 3}");
	(void)state;

	assert_null(st_session_id(root));
	assert_null(st_session_slug(root, "site"));
	assert_int_equal(st_session_set_id(root, "1234"), ST_OK);
	assert_string_equal(st_session_id(root), "1234");
	assert_int_equal(st_session_set_slug(root, "site", "atelier"), ST_OK);
	assert_int_equal(st_session_set_slug(root, "web", "atelier-2"), ST_OK);
	assert_string_equal(st_session_slug(root, "site"), "atelier");
	assert_string_equal(st_session_slug(root, "web"), "atelier-2");
	assert_null(st_session_slug(root, "wiki"));
	json_decref(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_capture_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_capture_none, setup, teardown),
		cmocka_unit_test_setup_teardown(test_capture_policy, setup, teardown),
		cmocka_unit_test(test_capture_append),
		cmocka_unit_test_setup_teardown(test_captions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_captions_policy, setup, teardown),
		cmocka_unit_test(test_renditions_valid),
		cmocka_unit_test(test_renditions_invalid),
		cmocka_unit_test(test_renditions_put),
		cmocka_unit_test(test_publications),
		cmocka_unit_test(test_id_and_slugs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
