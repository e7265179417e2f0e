/* Unit tests for lib/opts.c (strict number and time parsing) and
 * lib/conf.c (INI files with file:line:key errors). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "digest.h"
#include "opts.h"
#include "paths.h"
#include "status.h"

static void test_parse_long(void **state)
{
	long v = -1;
	(void)state;
	assert_true(st_parse_long("42", 0, 100, &v));
	assert_int_equal(v, 42);
	assert_false(st_parse_long("101", 0, 100, &v));
	assert_false(st_parse_long("4x", 0, 100, &v));
	assert_false(st_parse_long("", 0, 100, &v));
	assert_false(st_parse_long("99999999999999999999999", 0, 100, &v));
	assert_int_equal(v, 42);
}

static void test_parse_time(void **state)
{
	double t = -1;
	(void)state;
	assert_true(st_parse_time("10", &t));
	assert_true(t == 10.0);
	assert_true(st_parse_time("2:30.5", &t));
	assert_true(t == 150.5);
	assert_true(st_parse_time("1:00:01", &t));
	assert_true(t == 3601.0);
	assert_false(st_parse_time("1:60", &t));
	assert_false(st_parse_time("-3", &t));
	assert_false(st_parse_time("1e3", &t));
	assert_false(st_parse_time("1:2:3:4", &t));
	assert_false(st_parse_time("1.5:00", &t));
	assert_false(st_parse_time("abc", &t));
	assert_false(st_parse_time("", &t));
	assert_true(t == 3601.0);
}

static void test_parse_bool(void **state)
{
	bool b = false;
	(void)state;
	assert_true(st_parse_bool("Yes", &b) && b);
	assert_true(st_parse_bool("off", &b) && !b);
	assert_false(st_parse_bool("maybe", &b));
}

struct seen {
	int count;
	int bad_line;
	char last[64];
};

static int handler(void *ctx, const struct st_conf_pos *pos, const char *section,
		   const char *key, const char *value)
{
	struct seen *s = ctx;
	long v;

	s->count++;
	snprintf(s->last, sizeof s->last, "%s.%s=%s", section, key, value);
	if (!strcmp(key, "crf") && !st_parse_long(value, 0, 51, &v)) {
		s->bad_line = pos->line;
		return st_conf_error(pos, key, "not a number between 0 and 51: '%s'", value);
	}
	return ST_OK;
}

static char *write_conf(const char *text)
{
	char *p = st_xstrdup("/tmp/st-conf-XXXXXX");
	int fd = mkstemp(p);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return p;
}

static void test_conf(void **state)
{
	char *ok = write_conf("; comment\n[video]\ncodec = libx264\n\n[audio]\nbitrate = 128k\n");
	char *bad = write_conf("[video]\ncodec = libx264\n# note\ncrf = abc\nmore = 1\n");
	char *syntax = write_conf("[video]\ncodec libx264\n");
	struct seen s = {0};
	(void)state;

	assert_int_equal(st_conf_parse(ok, handler, &s), ST_OK);
	assert_int_equal(s.count, 2);
	assert_string_equal(s.last, "audio.bitrate=128k");
	memset(&s, 0, sizeof s);
	assert_int_equal(st_conf_parse(bad, handler, &s), ST_CONFIG);
	assert_int_equal(s.bad_line, 4);
	assert_int_equal(s.count, 2); /* stops at the first error */
	assert_int_equal(st_conf_parse(syntax, handler, &s), ST_CONFIG);
	assert_int_equal(st_conf_parse("/nonexistent/x.ini", handler, &s), ST_NOINPUT);
	unlink(ok), unlink(bad), unlink(syntax);
	free(ok), free(bad), free(syntax);
}

static void test_atomic_file(void **state)
{
	char *dir = st_xstrdup("/tmp/st-atomic-XXXXXX");
	char *path, *copy, *cmd, hex[65];
	uint64_t bytes = 0;
	struct st_atomic a = {.fd = -1};
	(void)state;

	assert_non_null(mkdtemp(dir));
	path = st_path_join(dir, "out.txt");
	copy = st_path_join(dir, "copy.txt");
	assert_int_equal(st_atomic_open(&a, path), ST_OK);
	assert_int_equal(write(a.fd, "abc", 3), 3);
	assert_false(st_is_file(path)); /* not there before commit */
	assert_int_equal(st_atomic_commit(&a), ST_OK);
	assert_true(st_is_file(path));
	assert_int_equal(st_file_sha256(path, hex, &bytes), ST_OK);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(bytes, 3);
	st_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(st_file_sha(path, 160, hex, NULL), ST_OK);
	assert_string_equal(hex, "a9993e364706816aba3e25717850c26c9cd0d89d");
	assert_int_equal(st_copy_file_atomic(path, copy), ST_OK);
	assert_int_equal(st_file_sha256(copy, hex, &bytes), ST_OK);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(st_atomic_open(&a, path), ST_OK);
	st_atomic_abort(&a);
	assert_int_equal(st_mkdirs("/tmp"), ST_OK);
	assert_int_not_equal(st_mkdirs("/dev/null/x"), ST_OK);
	cmd = st_strdup_printf("test $(ls -A %s | wc -l) = 2 && rm -r %s", dir, dir);
	assert_int_equal(system(cmd), 0); /* no temporary file left */
	free(cmd), free(path), free(copy), free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_long),
		cmocka_unit_test(test_parse_time),
		cmocka_unit_test(test_parse_bool),
		cmocka_unit_test(test_conf),
		cmocka_unit_test(test_atomic_file),
	};
	return cmocka_run_group_tests_name("opts_conf", tests, NULL, NULL);
}
