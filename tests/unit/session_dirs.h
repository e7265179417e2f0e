/* session_dirs.h — for unit tests of code that works in a session folder:
 * a session folder S and a folder O beside it ("outside"), made by
 * setup() and removed with all they hold by teardown(), and helpers to
 * fill them.  Static functions for one test file each; include it after
 * <cmocka.h>. */
#ifndef TESTS_UNIT_SESSION_DIRS_H
#define TESTS_UNIT_SESSION_DIRS_H

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"

struct dirs {
	char *root, *s, *o;
};

static int setup(void **state)
{
	struct dirs *d = calloc(1, sizeof *d);

	d->root = st_xstrdup("/tmp/st-unit-XXXXXX");
	assert_non_null(mkdtemp(d->root));
	d->s = st_path_join(d->root, "session");
	d->o = st_path_join(d->root, "outside");
	assert_int_equal(mkdir(d->s, 0755), 0);
	assert_int_equal(mkdir(d->o, 0755), 0);
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	struct dirs *d = *state;
	char *cmd = st_strdup_printf("rm -rf '%s'", d->root);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(d->root);
	free(d->s);
	free(d->o);
	free(d);
	return 0;
}

static void put(const char *dir, const char *rel, const char *text, mode_t mode)
{
	char *p = st_path_join(dir, rel);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	free(p);
}

static void sub(const char *dir, const char *rel)
{
	char *p = st_path_join(dir, rel);
	assert_int_equal(mkdir(p, 0755), 0);
	free(p);
}

static void link_to(const char *target, const char *dir, const char *rel)
{
	char *p = st_path_join(dir, rel);
	assert_int_equal(symlink(target, p), 0);
	free(p);
}

#endif
