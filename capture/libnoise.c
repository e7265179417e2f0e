/* libnoise.c — see libnoise.h. */
#include "libnoise.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdatomic.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"

#define LINE_MAX_BYTES 4096

static struct {
	bool active;
	bool debug;
	int real;                  /* the user's stderr */
	int pipe_in;               /* read end; descriptor 2 is the write end */
	pthread_t thread;
	atomic_bool stopping;      /* descriptor 2 is restored: end once drained */
} noise = {.real = -1, .pipe_in = -1};

static void write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

static bool ours(const char *line, size_t n)
{
	size_t len = strlen(st_progname());

	return n > len + 1 && memcmp(line, st_progname(), len) == 0 && line[len] == ':' &&
	       line[len + 1] == ' ';
}

static void pass(const char *line, size_t n)
{
	if (noise.debug || ours(line, n))
		write_all(noise.real, line, n);
}

/* Waits for data; false once the pipe is closed, or drained after the
 * stop (a child process of a library, such as a sound server it started,
 * may still hold a write end: the reader must not wait for it). */
static bool readable(void)
{
	struct pollfd p = {noise.pipe_in, POLLIN, 0};
	int r;

	while ((r = poll(&p, 1, 50)) == 0 || (r < 0 && errno == EINTR))
		if (atomic_load(&noise.stopping))
			return false;
	return r > 0;
}

/* Reads whole lines (or LINE_MAX_BYTES at a time) until every write end
 * is closed or the filter is stopped. */
static void *reader(void *arg)
{
	char buf[LINE_MAX_BYTES];
	size_t fill = 0;
	ssize_t n;

	(void)arg;
	while (readable() && (n = read(noise.pipe_in, buf + fill, sizeof buf - fill)) > 0) {
		char *start = buf, *nl;

		fill += (size_t)n;
		while ((nl = memchr(start, '\n', fill - (size_t)(start - buf)))) {
			pass(start, (size_t)(nl - start) + 1);
			start = nl + 1;
		}
		fill -= (size_t)(start - buf);
		memmove(buf, start, fill);
		if (fill == sizeof buf) {
			pass(buf, fill);
			fill = 0;
		}
	}
	if (fill > 0)
		pass(buf, fill);
	return NULL;
}

void cap_noise_start(void)
{
	const char *dbg = getenv("STUDIO_DEBUG");
	int fds[2];

	if (noise.active)
		return;
	noise.debug = dbg && *dbg && strcmp(dbg, "0") != 0;
	noise.real = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	if (noise.real < 0)
		return;
	if (pipe2(fds, O_CLOEXEC) != 0) {
		close(noise.real);
		return;
	}
	fflush(stderr);
	noise.pipe_in = fds[0];
	if (dup2(fds[1], STDERR_FILENO) < 0 ||
	    pthread_create(&noise.thread, NULL, reader, NULL) != 0) {
		dup2(noise.real, STDERR_FILENO);
		close(fds[0]);
		close(fds[1]);
		close(noise.real);
		return;
	}
	close(fds[1]);
	atomic_store(&noise.stopping, false);
	noise.active = true;
}

void cap_noise_stop(void)
{
	if (!noise.active)
		return;
	fflush(stderr);
	dup2(noise.real, STDERR_FILENO);   /* closes our write end of the pipe */
	atomic_store(&noise.stopping, true);
	pthread_join(noise.thread, NULL);
	close(noise.pipe_in);
	close(noise.real);
	noise.pipe_in = noise.real = -1;
	noise.active = false;
}
