/* spawn.c — see spawn.h. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "msg.h"
#include "spawn.h"
#include "status.h"

extern char **environ;

/* A growing buffer that one read at a time appends to. */
struct sink {
	char *data;
	size_t len, cap;
	int fd;
};

/* Reads what is there; returns false at the end of the stream. */
static bool sink_read(struct sink *s)
{
	ssize_t n;

	if (s->cap - s->len < 4097) {
		s->cap = s->cap * 2 + 4097;
		s->data = realloc(s->data, s->cap);
		if (!s->data)
			abort();
	}
	n = read(s->fd, s->data + s->len, s->cap - s->len - 1);
	if (n < 0 && errno == EINTR)
		return true;
	if (n <= 0)
		return false;
	s->len += (size_t)n;
	return true;
}

static char *sink_text(struct sink *s)
{
	char *t = s->data ? s->data : calloc(1, 1);

	if (!t)
		abort();
	while (s->len && t[s->len - 1] == '\n')
		s->len--;
	t[s->len] = '\0';
	return t;
}

/* Both pipes drained together, so neither fills up and blocks the child. */
static void drain(struct sink *s, size_t n)
{
	struct pollfd pf[2];
	size_t open = n;

	for (size_t i = 0; i < n; i++)
		pf[i] = (struct pollfd){.fd = s[i].fd, .events = POLLIN};
	while (open > 0) {
		if (poll(pf, n, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (size_t i = 0; i < n; i++)
			if (pf[i].fd >= 0 && pf[i].revents && !sink_read(&s[i])) {
				pf[i].fd = -1;
				open--;
			}
	}
}

static int start(char *const argv[], int out[2], int err[2], pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	int rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, err[1], STDERR_FILENO);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	posix_spawn_file_actions_addclose(&fa, err[0]);
	rc = posix_spawnp(pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(out[1]);
	close(err[1]);
	if (rc) {
		close(out[0]);
		close(err[0]);
		st_error(_("cannot run %s: %s"), argv[0], strerror(rc));
		return ST_UNAVAILABLE;
	}
	return ST_OK;
}

int enc_spawn(char *const argv[], char **out, char **err, int *exit)
{
	int po[2], pe[2], status;
	struct sink s[2] = {{0}};
	pid_t pid;

	*out = *err = NULL;
	if (pipe2(po, O_CLOEXEC) < 0)
		goto fail;
	if (pipe2(pe, O_CLOEXEC) < 0) {
		close(po[0]);
		close(po[1]);
		goto fail;
	}
	if (start(argv, po, pe, &pid) != ST_OK)
		return ST_UNAVAILABLE;
	s[0].fd = po[0];
	s[1].fd = pe[0];
	drain(s, 2);
	close(po[0]);
	close(pe[0]);
	*out = sink_text(&s[0]);
	*err = sink_text(&s[1]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return ST_OSERR;
	*exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	return ST_OK;
fail:
	st_error(_("cannot run %s: %s"), argv[0], strerror(errno));
	return ST_OSERR;
}
