/* paths.c — see paths.h. */
#include "paths.h"
#include "digest.h"
#include "msg.h"
#include "status.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void *oom(void *p)
{
	if (!p) {
		fputs("out of memory\n", stderr);
		abort();
	}
	return p;
}

char *st_xstrdup(const char *s) { return oom(strdup(s ? s : "")); }
void *st_xcalloc(size_t n, size_t size) { return oom(calloc(n ? n : 1, size ? size : 1)); }

char *st_strdup_printf(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	return oom(n < 0 ? NULL : s);
}

char *st_path_join(const char *a, const char *b)
{
	size_t la = strlen(a);

	while (la > 1 && a[la - 1] == '/')
		la--;
	while (*b == '/')
		b++;
	return st_strdup_printf("%.*s/%s", (int)la, a, b);
}

bool st_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool st_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int st_mkdirs(const char *path)
{
	char *p = st_xstrdup(path);
	int ret = ST_OK;

	for (char *s = p + 1;; s++) {
		char c = *s;
		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) && errno != EEXIST) {
			st_error(_("cannot create folder %s: %s"), p, strerror(errno));
			ret = ST_CANTCREAT;
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	if (ret == ST_OK && !st_is_dir(path)) {
		st_error(_("cannot create folder %s: %s"), path, strerror(ENOTDIR));
		ret = ST_CANTCREAT;
	}
	free(p);
	return ret;
}

char *st_exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return st_xstrdup(dirname(buf));
}

char *st_share_dir(const char *rel, const char *fallback)
{
	char *exe = st_exe_dir();

	if (exe) {
		char *p = st_strdup_printf("%s/../share/%s", exe, rel);
		free(exe);
		if (st_is_dir(p))
			return p;
		free(p);
	}
	return st_xstrdup(fallback);
}

char *st_data_dir(const char *sub, const char *fallback)
{
	char *rel = st_strdup_printf("corsicalab-studio/%s", sub);
	char *p = st_share_dir(rel, fallback);
	free(rel);
	return p;
}

/* fsync of the folder holding PATH, so a rename into it is durable. */
static int sync_parent(const char *path)
{
	char *copy = st_xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ret = ST_OK;

	if (fd < 0 || fsync(fd)) {
		st_error(_("cannot sync folder of %s: %s"), path, strerror(errno));
		ret = ST_IOERR;
	}
	if (fd >= 0)
		close(fd);
	free(copy);
	return ret;
}

int st_atomic_open(struct st_atomic *out, const char *final_path)
{
	const char *slash = strrchr(final_path, '/');

	out->final_path = st_xstrdup(final_path);
	if (slash)
		out->tmp_path = st_strdup_printf("%.*s/.%s.XXXXXX", (int)(slash - final_path),
						 final_path, slash + 1);
	else
		out->tmp_path = st_strdup_printf(".%s.XXXXXX", final_path);
	out->fd = mkostemp(out->tmp_path, O_CLOEXEC);
	if (out->fd < 0) {
		st_error(_("cannot create %s: %s"), out->final_path, strerror(errno));
		free(out->tmp_path);
		free(out->final_path);
		out->tmp_path = out->final_path = NULL;
		return ST_CANTCREAT;
	}
	fchmod(out->fd, 0644);
	return ST_OK;
}

static void atomic_free(struct st_atomic *out)
{
	if (out->fd >= 0)
		close(out->fd);
	out->fd = -1;
	free(out->tmp_path);
	free(out->final_path);
	out->tmp_path = out->final_path = NULL;
}

int st_atomic_commit(struct st_atomic *out)
{
	int ret = ST_OK;

	if (fsync(out->fd) || rename(out->tmp_path, out->final_path)) {
		st_error(_("cannot write %s: %s"), out->final_path, strerror(errno));
		unlink(out->tmp_path);
		ret = ST_IOERR;
	} else {
		ret = sync_parent(out->final_path);
	}
	atomic_free(out);
	return ret;
}

void st_atomic_abort(struct st_atomic *out)
{
	if (out->tmp_path)
		unlink(out->tmp_path);
	atomic_free(out);
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int st_write_file_atomic(const char *path, const void *data, size_t len)
{
	struct st_atomic a = {.fd = -1};
	int ret = st_atomic_open(&a, path);

	if (ret)
		return ret;
	if (write_all(a.fd, data, len)) {
		st_error(_("cannot write %s: %s"), path, strerror(errno));
		st_atomic_abort(&a);
		return ST_IOERR;
	}
	return st_atomic_commit(&a);
}

int st_copy_fd_atomic(int in, const char *src, const char *dst)
{
	struct st_atomic a = {.fd = -1};
	char buf[1 << 16];
	off_t at = 0;
	int ret = st_atomic_open(&a, dst);
	ssize_t n;

	while (ret == ST_OK && (n = pread(in, buf, sizeof buf, at)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			st_error(_("cannot read %s: %s"), src, strerror(errno));
			ret = ST_IOERR;
		} else if (write_all(a.fd, buf, (size_t)n)) {
			st_error(_("cannot write %s: %s"), dst, strerror(errno));
			ret = ST_IOERR;
		}
		at += n > 0 ? n : 0;
	}
	if (ret == ST_OK)
		return st_atomic_commit(&a);
	st_atomic_abort(&a);
	return ret;
}

int st_copy_file_atomic(const char *src, const char *dst)
{
	int in = open(src, O_RDONLY | O_CLOEXEC);
	int ret;

	if (in < 0) {
		st_error(_("cannot open %s: %s"), src, strerror(errno));
		return ST_NOINPUT;
	}
	ret = st_copy_fd_atomic(in, src, dst);
	close(in);
	return ret;
}

int st_fd_sha(int fd, const char *path, int bits, char *hex, uint64_t *bytes)
{
	unsigned char buf[1 << 16];
	struct st_digest d;
	uint64_t total = 0;
	int ret = ST_OK;
	ssize_t n;

	st_digest_init(&d, bits);
	while ((n = pread(fd, buf, sizeof buf, (off_t)total)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			st_error(_("cannot read %s: %s"), path, strerror(errno));
			ret = ST_IOERR;
			break;
		}
		st_digest_update(&d, buf, (size_t)n);
		total += (uint64_t)n;
	}
	st_digest_hex(&d, hex);
	st_digest_free(&d);
	if (bytes)
		*bytes = total;
	return ret;
}

int st_file_sha(const char *path, int bits, char *hex, uint64_t *bytes)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0) {
		st_error(_("cannot open %s: %s"), path, strerror(errno));
		return ST_NOINPUT;
	}
	ret = st_fd_sha(fd, path, bits, hex, bytes);
	close(fd);
	return ret;
}

int st_file_sha256(const char *path, char hex[65], uint64_t *bytes)
{
	return st_file_sha(path, 256, hex, bytes);
}
