/* Unit tests for pub_config_read() (publish/config.c, compiled in): the
 * publish.ini parsing on a stream, relative paths against the given
 * folder, no password shown in a message about a URL, none accepted in one. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../publish/config.c"
#include "../../publish/target_ops.c"

/* The table of target types (target_ops.c) names each type's publish
 * function; reading a configuration never calls one. */
int pub_dir_publish(const struct pub_target *t, const struct pub_job *job, bool dry_run,
		    bool force, struct pub_outcome *out)
{
	(void)t, (void)job, (void)dry_run, (void)force, (void)out;
	fail();
	return ST_SOFTWARE;
}

int pub_webdav_publish(const struct pub_target *t, const struct pub_job *job, bool dry_run,
		       bool force, struct pub_outcome *out)
{
	(void)t, (void)job, (void)dry_run, (void)force, (void)out;
	fail();
	return ST_SOFTWARE;
}

int pub_mediawiki_publish(const struct pub_target *t, const struct pub_job *job, bool dry_run,
			  bool force, struct pub_outcome *out)
{
	(void)t, (void)job, (void)dry_run, (void)force, (void)out;
	fail();
	return ST_SOFTWARE;
}

static int read_text(struct pub_config *c, const char *text, char **err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	FILE *saved = stderr;
	size_t len;
	int ret;

	assert_non_null(f);
	stderr = open_memstream(err, &len);
	ret = pub_config_read(c, "p.ini", "/etc/studio", f);
	fclose(stderr);
	stderr = saved;
	fclose(f);
	return ret;
}

static void test_targets(void **state)
{
	struct pub_config c;
	char *err;

	(void)state;
	assert_int_equal(read_text(&c, "[site]\ntype = dir\npath = ../www\n[web]\ntype = webdav\n"
				       "url = https://lab.example/dav\nusername = agent\n"
				       "password_file = web.password\n", &err), ST_OK);
	assert_int_equal(c.ntargets, 2);
	assert_string_equal(c.targets[0].path, "/etc/www");
	assert_string_equal(c.targets[1].url, "https://lab.example/dav/");
	assert_string_equal(c.targets[1].password_file, "/etc/studio/web.password");
	assert_int_equal(c.targets[1].retries, PUB_DEFAULT_RETRIES);
	assert_string_equal(c.targets[1].config_file, "p.ini");
	free(err);
	pub_config_free(&c);
}

static void test_url_error_hides_password(void **state)
{
	struct pub_config c;
	char *err;

	(void)state;
	assert_int_equal(read_text(&c, "[web]\ntype = webdav\n"
				       "url = ftp://agent:S3cret@lab.example/dav/\n", &err), ST_CONFIG);
	assert_non_null(strstr(err, "p.ini:3: url: 'ftp://***@lab.example/dav/'"));
	assert_null(strstr(err, "S3cret"));
	free(err);
	pub_config_free(&c);
}

static void test_url_with_password_refused(void **state)
{
	struct pub_config c;
	char *err;

	(void)state;
	assert_int_equal(read_text(&c, "[web]\ntype = webdav\n"
				       "url = https://agent:S3cret@lab.example/dav/\n", &err), ST_CONFIG);
	assert_non_null(strstr(err, "p.ini:3: url: 'https://***@lab.example/dav/' holds a user name"));
	assert_null(strstr(err, "S3cret"));
	free(err);
	pub_config_free(&c);
}

/* A '/' in the password ended the user information for the check (as in
 * RFC 3986's authority), so the URL was taken and printed whole. */
static void test_url_with_slashed_password_refused(void **state)
{
	static const char *const urls[] = {
		"http://agent:S3/cret@lab.example/dav/", "https://agent:S3cret/@lab.example/",
		"http://agent:a@S3/cret@lab.example/dav/"};
	struct pub_config c;
	char *err;

	(void)state;
	for (size_t i = 0; i < sizeof urls / sizeof *urls; i++) {
		char *text = NULL;
		assert_true(asprintf(&text, "[web]\ntype = webdav\nurl = %s\n", urls[i]) > 0);
		assert_int_equal(read_text(&c, text, &err), ST_CONFIG);
		assert_non_null(strstr(err, "***@lab.example/"));
		assert_non_null(strstr(err, "holds a user name"));
		assert_null(strstr(err, "S3"));
		free(err);
		free(text);
		pub_config_free(&c);
	}
}

/* An '@' after the query is no user information. */
static void test_url_at_in_query_accepted(void **state)
{
	struct pub_config c;
	char *err;

	(void)state;
	assert_int_equal(read_text(&c, "[web]\ntype = webdav\nurl = https://lab.example/dav/?a=b@c\n"
				       "username = agent\n", &err), ST_OK);
	free(err);
	pub_config_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_targets),
		cmocka_unit_test(test_url_error_hides_password),
		cmocka_unit_test(test_url_with_password_refused),
		cmocka_unit_test(test_url_with_slashed_password_refused),
		cmocka_unit_test(test_url_at_in_query_accepted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
