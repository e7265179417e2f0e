/* Unit tests for lib/safefile.c: one test per rule of the path policy.
 * Each refusal is checked for its status, for the message naming the path,
 * and for leaving nothing behind outside the session folder. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "paths.h"
#include "safefile.h"
#include "session_dirs.h"
#include "status.h"

/* What st_error printed during the last call of open_read() (stderr is
 * pointed at a memory stream meanwhile, as glibc allows). */
static char said[4096];

static int open_read(const char *dir, const char *rel, int *fd)
{
	FILE *saved = stderr, *mem = fmemopen(said, sizeof said - 1, "w");
	int ret;

	assert_non_null(mem);
	memset(said, 0, sizeof said);
	stderr = mem;
	alarm(10); /* a FIFO that blocks fails the test instead of hanging it */
	ret = st_safe_open_in(dir, rel, fd);
	alarm(0);
	stderr = saved;
	fclose(mem);
	return ret;
}

/* REL under the session is refused with STATUS and a message naming it. */
static void refused(const struct dirs *d, const char *rel, int status, const char *why)
{
	char *shown = st_path_join(d->s, rel);
	int fd = 42;

	assert_int_equal(open_read(d->s, rel, &fd), status);
	assert_int_equal(fd, -1);
	if (!strstr(said, shown) || !strstr(said, why))
		fail_msg("message '%s' should name '%s' and say '%s'", said, shown, why);
	free(shown);
}

static void test_regular_ok(void **state)
{
	struct dirs *d = *state;
	char buf[16] = {0};
	int fd = -1;

	sub(d->s, "renditions");
	put(d->s, "renditions/web.mp4", "video", 0600);
	assert_int_equal(open_read(d->s, "renditions/web.mp4", &fd), ST_OK);
	assert_int_equal(read(fd, buf, sizeof buf - 1), 5);
	assert_string_equal(buf, "video");
	assert_int_equal(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
	assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);
	assert_string_equal(said, "");
}

static void test_spelling(void **state)
{
	struct dirs *d = *state;
	const char *bad[] = {"/etc/passwd", "../outside/x", "renditions/../../x", "./x",
			     "renditions//x", "renditions/", "", "renditions/."};

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int fd = 42;

		assert_false(st_safe_relative(bad[i]));
		assert_int_equal(open_read(d->s, bad[i], &fd), ST_DATAERR);
		assert_int_equal(fd, -1);
		assert_non_null(strstr(said, "must stay inside the session folder"));
	}
	assert_false(st_safe_relative(NULL));
	assert_true(st_safe_relative("renditions/web.mp4"));
	assert_true(st_safe_relative("a..b/.c"));
}

static void test_symlink_out(void **state)
{
	struct dirs *d = *state;
	char *secret = st_path_join(d->o, "secret");

	put(d->o, "secret", "private", 0600);
	link_to(secret, d->s, "web.mp4");
	refused(d, "web.mp4", ST_DATAERR, "symbolic link");
	link_to("../outside/secret", d->s, "rel.mp4");
	refused(d, "rel.mp4", ST_DATAERR, "symbolic link");
	free(secret);
}

static void test_symlink_in(void **state)
{
	struct dirs *d = *state;

	put(d->s, "real.mp4", "video", 0644);
	link_to("real.mp4", d->s, "alias.mp4");
	refused(d, "alias.mp4", ST_DATAERR, "symbolic link");
	link_to("nowhere", d->s, "dangling.mp4");
	refused(d, "dangling.mp4", ST_DATAERR, "symbolic link");
}

static void test_symlinked_folder(void **state)
{
	struct dirs *d = *state;
	char *shown = st_path_join(d->s, "renditions");

	put(d->o, "web.mp4", "private", 0600);
	link_to(d->o, d->s, "renditions");
	refused(d, "renditions/web.mp4", ST_DATAERR, "symbolic link");
	/* The message names the link itself, not the file behind it. */
	assert_non_null(strstr(said, shown));
	sub(d->s, "a");
	link_to("..", d->s, "a/up");
	refused(d, "a/up/renditions/web.mp4", ST_DATAERR, "symbolic link");
	free(shown);
}

static void test_fifo(void **state)
{
	struct dirs *d = *state;
	char *p = st_path_join(d->s, "web.mp4");

	assert_int_equal(mkfifo(p, 0644), 0);
	refused(d, "web.mp4", ST_DATAERR, "not a regular file");
	free(p);
}

static void test_device(void **state)
{
	struct dirs *d = *state;
	char *p = st_path_join(d->s, "null.mp4");
	int dev = -1, fd = 42;

	/* /dev/null itself, through a descriptor of /dev. */
	assert_int_equal(st_safe_dir_open("/dev", &dev), ST_OK);
	assert_int_equal(st_safe_open_read(dev, "/dev", "null", &fd), ST_DATAERR);
	assert_int_equal(fd, -1);
	close(dev);
	/* A device node inside the session, where we may create one. */
	if (mknod(p, S_IFCHR | 0644, makedev(1, 3)) == 0)
		refused(d, "null.mp4", ST_DATAERR, "not a regular file");
	free(p);
}

static void test_directory(void **state)
{
	struct dirs *d = *state;

	sub(d->s, "renditions");
	refused(d, "renditions", ST_DATAERR, "not a regular file");
}

static void test_missing(void **state)
{
	struct dirs *d = *state;

	refused(d, "renditions/web.mp4", ST_NOINPUT, strerror(ENOENT));
	put(d->s, "file", "x", 0644);
	refused(d, "file/web.mp4", ST_DATAERR, strerror(ENOTDIR));
}

static void test_mkdir(void **state)
{
	struct dirs *d = *state;
	struct stat st;
	char *p = st_path_join(d->s, "a/b");
	int fd = -1;

	assert_int_equal(st_safe_mkdir(d->s, "a/b", &fd), ST_OK);
	assert_true(fd >= 0);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	close(fd);
	assert_int_equal(st_safe_mkdir(d->s, "a/b", NULL), ST_OK); /* already there */
	assert_int_equal(st_safe_mkdir(d->s, "../x", NULL), ST_DATAERR);
	free(p);
}

static void test_mkdir_through_link(void **state)
{
	struct dirs *d = *state;
	char *made = st_path_join(d->o, "sub");

	link_to(d->o, d->s, "renditions");
	assert_int_equal(st_safe_mkdir(d->s, "renditions", NULL), ST_DATAERR);
	assert_int_equal(st_safe_mkdir(d->s, "renditions/sub", NULL), ST_DATAERR);
	assert_int_equal(access(made, F_OK), -1); /* nothing created outside */
	free(made);
}

static void test_lock(void **state)
{
	struct dirs *d = *state;
	char *target = st_path_join(d->o, "planted");
	char *fifo = st_path_join(d->s, ".fifo.lock");
	struct stat st;
	int fd = -1;

	assert_int_equal(st_safe_open_lock(d->s, ".session.lock", &fd), ST_OK);
	assert_true(fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode));
	close(fd);
	/* A dangling link pointing outside: nothing is created there. */
	link_to(target, d->s, ".evil.lock");
	assert_int_equal(st_safe_open_lock(d->s, ".evil.lock", &fd), ST_DATAERR);
	assert_int_equal(fd, -1);
	assert_int_equal(access(target, F_OK), -1);
	assert_int_equal(mkfifo(fifo, 0644), 0);
	alarm(10);
	assert_int_equal(st_safe_open_lock(d->s, ".fifo.lock", &fd), ST_DATAERR);
	alarm(0);
	assert_int_equal(st_safe_open_lock(d->s, "../x.lock", &fd), ST_DATAERR);
	free(fifo);
	free(target);
}

static void test_check_file(void **state)
{
	struct dirs *d = *state;
	char *fifo = st_path_join(d->s, "fifo");

	assert_int_equal(st_safe_check_file(d->s, "absent"), ST_OK);
	put(d->s, "plain", "", 0644);
	assert_int_equal(st_safe_check_file(d->s, "plain"), ST_OK);
	link_to(d->o, d->s, "link");
	assert_int_equal(st_safe_check_file(d->s, "link"), ST_DATAERR);
	link_to("nowhere", d->s, "dangling");
	assert_int_equal(st_safe_check_file(d->s, "dangling"), ST_DATAERR);
	assert_int_equal(mkfifo(fifo, 0644), 0);
	assert_int_equal(st_safe_check_file(d->s, "fifo"), ST_DATAERR);
	sub(d->s, "folder");
	assert_int_equal(st_safe_check_file(d->s, "folder"), ST_DATAERR);
	free(fifo);
}

static void test_fd_path_reopens_the_same_file(void **state)
{
	struct dirs *d = *state;
	char *p, *moved = st_path_join(d->s, "moved"), *orig = st_path_join(d->s, "f");
	char buf[8] = {0};
	int fd = -1, again;

	put(d->s, "f", "first", 0644);
	assert_int_equal(open_read(d->s, "f", &fd), ST_OK);
	/* Swap the name after the check: the descriptor still reads the
	 * checked file. */
	assert_int_equal(rename(orig, moved), 0);
	put(d->s, "f", "other", 0644);
	p = st_fd_path(fd);
	again = open(p, O_RDONLY);
	assert_true(again >= 0);
	assert_int_equal(read(again, buf, sizeof buf - 1), 5);
	assert_string_equal(buf, "first");
	close(again);
	close(fd);
	free(p);
	free(orig);
	free(moved);
}

/* Each test in its own pair of folders. */
#define CASE(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(test_regular_ok),
		CASE(test_spelling),
		CASE(test_symlink_out),
		CASE(test_symlink_in),
		CASE(test_symlinked_folder),
		CASE(test_fifo),
		CASE(test_device),
		CASE(test_directory),
		CASE(test_missing),
		CASE(test_mkdir),
		CASE(test_mkdir_through_link),
		CASE(test_lock),
		CASE(test_check_file),
		CASE(test_fd_path_reopens_the_same_file),
	};
	return cmocka_run_group_tests_name("safefile", tests, NULL, NULL);
}
