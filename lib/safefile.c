/* safefile.c — see safefile.h.  One code path on every kernel: a walk with
 * openat(O_NOFOLLOW) per component.  openat2(RESOLVE_BENEATH |
 * RESOLVE_NO_SYMLINKS) would give the same answers in one call where the
 * kernel has it; the walk is kept alone so that what the tests check is
 * what runs everywhere. */
#include "safefile.h"
#include "msg.h"
#include "paths.h"
#include "status.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
#define FILE_FLAGS (O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)

bool st_safe_relative(const char *p)
{
	if (!p || !*p || *p == '/')
		return false;
	for (const char *c = p; c;) {
		const char *end = strchr(c, '/');
		size_t n = end ? (size_t)(end - c) : strlen(c);

		if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && !strncmp(c, "..", 2)))
			return false;
		c = end ? end + 1 : NULL;
	}
	return true;
}

/* Why opening NAME in AT failed with ERR: one message naming FULL, the
 * path asked for, and SHOWN, the component at fault when it is not FULL
 * itself; a status.  A link is named as such whatever errno the kernel
 * chose. */
static int refuse(int at, const char *name, const char *shown, const char *full, int err)
{
	struct stat st;

	if (err == ELOOP || (fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			     S_ISLNK(st.st_mode))) {
		if (strcmp(shown, full))
			st_error(_("refusing %s: %s is a symbolic link (files a session names are "
				   "never followed through links)"), full, shown);
		else
			st_error(_("refusing %s: it is a symbolic link (files a session names are "
				   "never followed through links)"), full);
		return ST_DATAERR;
	}
	st_error(_("cannot open %s: %s"), full, strerror(err));
	return err == ENOENT || err == EACCES ? ST_NOINPUT : ST_DATAERR;
}

static int not_regular(const char *shown)
{
	st_error(_("refusing %s: not a regular file"), shown);
	return ST_DATAERR;
}

static int refuse_spelling(const char *dir, const char *rel)
{
	st_error(_("refusing %s in %s: the path must stay inside the session folder (relative, "
		   "without \"..\")"), rel ? rel : "", dir);
	return ST_DATAERR;
}

/* Opens the folder spelt by the first LEN bytes of REL under AT, one
 * component at a time, creating missing ones when CREATE is set.  *OUT is
 * a new descriptor (a dup of AT when LEN is 0).  FULL names the path asked
 * for in messages. */
static int walk(int at, const char *dir, const char *rel, size_t len, bool create,
		const char *full, int *out)
{
	char *path = st_strdup_printf("%.*s", (int)len, rel);
	int cur = fcntl(at, F_DUPFD_CLOEXEC, 0);
	int ret = ST_OK;

	if (cur < 0) {
		st_error(_("cannot open %s: %s"), dir, strerror(errno));
		ret = ST_OSERR;
	}
	for (char *c = path; ret == ST_OK && len && c;) {
		char *end = strchr(c, '/');
		int next;

		if (end)
			*end = '\0';
		if (create && mkdirat(cur, c, 0755) && errno != EEXIST) {
			int err = errno;
			char *shown = st_path_join(dir, path);

			st_error(_("cannot create folder %s: %s"), shown, strerror(err));
			free(shown);
			ret = ST_CANTCREAT;
			break;
		}
		next = openat(cur, c, DIR_FLAGS);
		if (next < 0) {
			int err = errno;
			char *shown = st_path_join(dir, path);

			ret = refuse(cur, c, shown, full, err);
			free(shown);
		}
		close(cur);
		cur = next;
		if (end)
			*end = '/';
		c = end ? end + 1 : NULL;
	}
	free(path);
	if (ret == ST_OK)
		*out = cur;
	else if (cur >= 0)
		close(cur);
	return ret;
}

/* Opens NAME in AT with FLAGS | FILE_FLAGS (MODE when creating) and checks
 * it is a regular file; returns a blocking descriptor in *FD. */
static int open_regular(int at, const char *name, const char *shown, int flags, mode_t mode,
			int *fd)
{
	struct stat st;
	int f = openat(at, name, flags | FILE_FLAGS, mode);

	if (f < 0)
		return refuse(at, name, shown, shown, errno);
	if (fstat(f, &st)) {
		st_error(_("cannot read %s: %s"), shown, strerror(errno));
		close(f);
		return ST_IOERR;
	}
	if (!S_ISREG(st.st_mode)) {
		close(f);
		return not_regular(shown);
	}
	fcntl(f, F_SETFL, fcntl(f, F_GETFL) & ~O_NONBLOCK);
	*fd = f;
	return ST_OK;
}

int st_safe_dir_open(const char *dir, int *fd)
{
	*fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*fd >= 0)
		return ST_OK;
	st_error(_("cannot open session folder %s: %s"), dir, strerror(errno));
	return ST_NOINPUT;
}

int st_safe_open_read(int dirfd, const char *dir, const char *rel, int *fd)
{
	const char *base;
	char *shown;
	int parent, ret;

	*fd = -1;
	if (!st_safe_relative(rel))
		return refuse_spelling(dir, rel);
	base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	shown = st_path_join(dir, rel);
	ret = walk(dirfd, dir, rel, base > rel ? (size_t)(base - rel - 1) : 0, false, shown,
		   &parent);
	if (ret == ST_OK) {
		ret = open_regular(parent, base, shown, O_RDONLY, 0, fd);
		close(parent);
	}
	free(shown);
	return ret;
}

int st_safe_open_in(const char *dir, const char *rel, int *fd)
{
	int dirfd, ret;

	*fd = -1;
	if ((ret = st_safe_dir_open(dir, &dirfd)))
		return ret;
	ret = st_safe_open_read(dirfd, dir, rel, fd);
	close(dirfd);
	return ret;
}

int st_safe_mkdir(const char *dir, const char *rel, int *fd)
{
	char *shown;
	int dirfd, sub = -1, ret;

	if (!st_safe_relative(rel))
		return refuse_spelling(dir, rel);
	if ((ret = st_safe_dir_open(dir, &dirfd)))
		return ret;
	shown = st_path_join(dir, rel);
	ret = walk(dirfd, dir, rel, strlen(rel), true, shown, &sub);
	free(shown);
	close(dirfd);
	if (ret == ST_OK && fd)
		*fd = sub;
	else if (ret == ST_OK)
		close(sub);
	return ret;
}

int st_safe_check_file(const char *dir, const char *name)
{
	char *shown = st_path_join(dir, name);
	struct stat st;
	int ret = ST_OK;

	if (lstat(shown, &st) == 0 && S_ISLNK(st.st_mode))
		ret = refuse(AT_FDCWD, shown, shown, shown, ELOOP);
	else if (lstat(shown, &st) == 0 && !S_ISREG(st.st_mode))
		ret = not_regular(shown);
	free(shown);
	return ret;
}

int st_safe_open_lock(const char *dir, const char *name, int *fd)
{
	char *shown;
	int dirfd, ret;

	*fd = -1;
	if (strchr(name, '/') || !st_safe_relative(name))
		return refuse_spelling(dir, name);
	if ((ret = st_safe_dir_open(dir, &dirfd)))
		return ret;
	shown = st_path_join(dir, name);
	ret = open_regular(dirfd, name, shown, O_RDWR | O_CREAT, 0644, fd);
	free(shown);
	close(dirfd);
	return ret;
}

char *st_fd_path(int fd)
{
	return st_strdup_printf("/proc/self/fd/%d", fd);
}
