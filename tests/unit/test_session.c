/* Unit tests for lib/session.c: round trip, atomic writes, concurrent
 * writers, error reporting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "paths.h"
#include "session.h"
#include "status.h"

static char *tmpdir(void)
{
	char *d = st_xstrdup("/tmp/st-session-XXXXXX");
	assert_non_null(mkdtemp(d));
	return d;
}

static void rmtree(const char *dir)
{
	char *cmd = st_strdup_printf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void write_text(const char *dir, const char *text)
{
	char *p = st_path_join(dir, ST_SESSION_FILE);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static int set_title(json_t *root, void *ctx)
{
	json_object_set_new(json_object_get(root, "title"), "fr", json_string(ctx));
	return ST_OK;
}

static void test_create_and_round_trip(void **state)
{
	char *d = tmpdir();
	json_t *root = NULL;
	(void)state;

	assert_int_equal(st_session_update(d, true, set_title, "Atelier à Bastia"), ST_OK);
	assert_int_equal(st_session_load(d, &root), ST_OK);
	assert_string_equal(json_string_value(json_object_get(root, "schema")), ST_SESSION_SCHEMA);
	assert_string_equal(json_string_value(json_object_get(json_object_get(root, "title"), "fr")),
			    "Atelier à Bastia");
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(root, "licence"), "id")), "etalab-2.0");
	assert_non_null(json_object_get(root, "updated"));
	json_decref(root);
	rmtree(d);
	free(d);
}

static void test_unknown_fields_preserved(void **state)
{
	char *d = tmpdir();
	json_t *root = NULL;
	(void)state;

	write_text(d, "{\"schema\":\"studio-session/1\",\"title\":{},"
		      "\"x-future\":{\"keep\":[1,2,3]},\"renditions\":[]}");
	assert_int_equal(st_session_update(d, false, set_title, "T"), ST_OK);
	assert_int_equal(st_session_load(d, &root), ST_OK);
	assert_int_equal(json_integer_value(json_array_get(json_object_get(
				 json_object_get(root, "x-future"), "keep"), 2)), 3);
	json_decref(root);
	rmtree(d);
	free(d);
}

static int fail_edit(json_t *root, void *ctx)
{
	(void)ctx;
	json_object_set_new(root, "schema", json_string("garbage"));
	return ST_DATAERR;
}

static int break_schema(json_t *root, void *ctx)
{
	(void)ctx;
	json_object_set_new(root, "title", json_string("not an object"));
	return ST_OK;
}

/* A failed or invalid edit writes nothing, and no temporary file stays. */
static void test_atomic_write(void **state)
{
	char *d = tmpdir();
	char *path = st_path_join(d, ST_SESSION_FILE);
	char before[65], after[65];
	struct dirent *e;
	DIR *dir;
	(void)state;

	assert_int_equal(st_session_update(d, true, set_title, "A"), ST_OK);
	assert_int_equal(st_file_sha256(path, before, NULL), ST_OK);
	assert_int_equal(st_session_update(d, false, fail_edit, NULL), ST_DATAERR);
	assert_int_not_equal(st_session_update(d, false, break_schema, NULL), ST_OK);
	assert_int_equal(st_file_sha256(path, after, NULL), ST_OK);
	assert_string_equal(before, after);
	dir = opendir(d);
	assert_non_null(dir);
	while ((e = readdir(dir)))
		assert_true(!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
			    !strcmp(e->d_name, ST_SESSION_FILE) || !strcmp(e->d_name, ".session.lock"));
	closedir(dir);
	free(path);
	rmtree(d);
	free(d);
}

struct counter {
	const char *key;
};

/* Each writer appends to its own array; the slow read-modify-write makes
 * lost updates certain without the lock. */
static int append_mark(json_t *root, void *ctx)
{
	struct counter *c = ctx;
	json_t *a = json_object_get(root, c->key);

	if (!a) {
		a = json_array();
		json_object_set_new(root, c->key, a);
	}
	usleep(2000);
	json_array_append_new(a, json_integer((json_int_t)json_array_size(a)));
	return ST_OK;
}

static void test_concurrent_writers(void **state)
{
	enum { ROUNDS = 40 };
	const char *keys[2] = {"x-writer-a", "x-writer-b"};
	char *d = tmpdir();
	json_t *root = NULL;
	pid_t pid[2];
	(void)state;

	assert_int_equal(st_session_update(d, true, set_title, "C"), ST_OK);
	for (int w = 0; w < 2; w++) {
		pid[w] = fork();
		assert_true(pid[w] >= 0);
		if (pid[w] == 0) {
			struct counter c = {keys[w]};
			for (int i = 0; i < ROUNDS; i++)
				if (st_session_update(d, false, append_mark, &c) != ST_OK)
					_exit(1);
			_exit(0);
		}
	}
	for (int w = 0; w < 2; w++) {
		int status;
		assert_int_equal(waitpid(pid[w], &status, 0), pid[w]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	assert_int_equal(st_session_load(d, &root), ST_OK);
	assert_int_equal(json_array_size(json_object_get(root, keys[0])), ROUNDS);
	assert_int_equal(json_array_size(json_object_get(root, keys[1])), ROUNDS);
	json_decref(root);
	rmtree(d);
	free(d);
}

static void test_errors(void **state)
{
	char *d = tmpdir();
	char *missing = st_path_join(d, "nope");
	json_t *root = NULL;
	(void)state;

	assert_int_equal(st_session_load(missing, &root), ST_NOINPUT);
	assert_int_equal(st_session_load(d, &root), ST_NOINPUT);
	assert_int_equal(st_session_update(d, false, set_title, "x"), ST_NOINPUT);
	write_text(d, "{\"schema\": \"studio-session/1\",\n \"title\": {,}");
	assert_int_equal(st_session_load(d, &root), ST_DATAERR);
	write_text(d, "{\"schema\": \"studio-session/2\"}");
	assert_int_equal(st_session_load(d, &root), ST_DATAERR);
	write_text(d, "{\"schema\": \"studio-session/1\", \"renditions\": [{\"preset\": 1}]}");
	assert_int_equal(st_session_load(d, &root), ST_DATAERR);
	write_text(d, "[]");
	assert_int_equal(st_session_load(d, &root), ST_DATAERR);
	assert_null(root);
	free(missing);
	rmtree(d);
	free(d);
}

/* The manifest and the lock under the path policy (safefile.h): a link
 * is refused (also to a valid manifest), a FIFO does not hang, and a lock
 * planted as a link creates nothing where it points. */
static void test_links_and_fifos(void **state)
{
	char *d = tmpdir(), *o = tmpdir();
	char *here = st_path_join(d, ST_SESSION_FILE);
	char *elsewhere = st_path_join(o, ST_SESSION_FILE);
	char *lock = st_path_join(d, ".session.lock");
	char *planted = st_path_join(o, "planted");
	json_t *root = NULL;
	(void)state;

	assert_int_equal(st_session_update(o, true, set_title, "ailleurs"), ST_OK);
	assert_int_equal(symlink(elsewhere, here), 0);
	assert_int_equal(st_session_load(d, &root), ST_DATAERR);
	assert_int_equal(unlink(here), 0);
	assert_int_equal(mkfifo(here, 0644), 0);
	alarm(10); /* a hang fails the test */
	assert_int_equal(st_session_load(d, &root), ST_DATAERR);
	alarm(0);
	assert_int_equal(unlink(here), 0);
	assert_null(root);
	write_text(d, "{\"schema\": \"studio-session/1\"}");
	assert_int_equal(symlink(planted, lock), 0);
	assert_int_equal(st_session_load(d, &root), ST_DATAERR);
	assert_int_equal(st_session_update(d, false, set_title, "x"), ST_DATAERR);
	assert_int_equal(access(planted, F_OK), -1);
	assert_int_equal(unlink(lock), 0);
	assert_int_equal(mkfifo(lock, 0644), 0);
	alarm(10);
	assert_int_equal(st_session_update(d, false, set_title, "x"), ST_DATAERR);
	alarm(0);
	free(planted);
	free(lock);
	free(elsewhere);
	free(here);
	rmtree(o);
	rmtree(d);
	free(o);
	free(d);
}

static void test_upsert(void **state)
{
	json_t *root = st_session_new();
	json_t *items[3] = {
		json_pack("{s:s, s:s, s:i}", "preset", "web-720p", "file", "a", "bytes", 1),
		json_pack("{s:s, s:s}", "preset", "podcast", "file", "b"),
		json_pack("{s:s, s:s, s:i}", "preset", "web-720p", "file", "a", "bytes", 2),
	};
	(void)state;

	for (int i = 0; i < 3; i++) {
		const char *preset = json_string_value(json_object_get(items[i], "preset"));
		assert_int_equal(st_session_upsert(root, "renditions", "preset", preset, items[i]), 0);
		json_decref(items[i]);
	}
	assert_int_equal(json_array_size(json_object_get(root, "renditions")), 2);
	assert_int_equal(json_integer_value(json_object_get(
				 json_array_get(json_object_get(root, "renditions"), 0), "bytes")), 2);
	json_decref(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_and_round_trip),
		cmocka_unit_test(test_unknown_fields_preserved),
		cmocka_unit_test(test_atomic_write),
		cmocka_unit_test(test_concurrent_writers),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_links_and_fifos),
		cmocka_unit_test(test_upsert),
	};
	return cmocka_run_group_tests_name("session", tests, NULL, NULL);
}
