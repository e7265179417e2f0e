/* segments_local.c — see segments_local.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "msg.h"
#include "paths.h"
#include "segments_local.h"
#include "status.h"

/* This very program, whatever its name on the command line. */
#define SELF "/proc/self/exe"

/* Segment K's process, quiet: several progress lines at once would mix;
 * this process says when each segment is done. */
static pid_t start(const char *session, int k, int threads)
{
	char seg[32], jobs[32];
	char *argv[] = {"studio-encode", "--quiet", seg, jobs, "--", (char *)session, NULL};
	pid_t pid;

	snprintf(seg, sizeof seg, "--segment=%d", k);
	snprintf(jobs, sizeof jobs, "--jobs=%d", threads);
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		execv(SELF, argv);
		_exit(127);
	}
	if (pid < 0)
		st_error(_("cannot start segment %d: %s"), k, strerror(errno));
	return pid;
}

/* Waits for one child; says which segment failed.  PIDS[K-1] is segment
 * K's process, cleared once it ended. */
static int reap(pid_t *pids, int n, int *done)
{
	int status, k;
	pid_t pid;

	do
		pid = wait(&status);
	while (pid < 0 && errno == EINTR);
	if (pid < 0)
		return ST_OSERR;
	for (k = 0; k < n && pids[k] != pid; k++)
		;
	if (k < n)
		pids[k] = 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		st_info(_("segment %d encoded (%d of %d)"), k + 1, ++*done, n);
		return ST_OK;
	}
	if (WIFEXITED(status))
		st_error(_("segment %d failed: exit status %d"), k + 1, WEXITSTATUS(status));
	else
		st_error(_("segment %d failed: killed by signal %d"), k + 1, WTERMSIG(status));
	return WIFEXITED(status) && WEXITSTATUS(status) ? WEXITSTATUS(status) : ST_SOFTWARE;
}

int enc_segments_spawn(const char *session, int n, int jobs)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	pid_t *pids = st_xcalloc((size_t)n, sizeof *pids);
	int running = 0, ret = ST_OK, threads, done = 0;

	cores = cores > 0 ? cores : 1;
	jobs = jobs > 0 ? jobs : (int)cores;
	threads = cores > jobs ? (int)(cores / jobs) : 1;
	for (int k = 1; k <= n && ret == ST_OK; k++) {
		if (running == jobs) {
			ret = reap(pids, n, &done);
			running--;
		}
		if (ret == ST_OK && (pids[k - 1] = start(session, k, threads)) < 0)
			ret = ST_OSERR;
		running += ret == ST_OK;
	}
	while (running-- > 0) {
		int r = reap(pids, n, &done);

		ret = ret == ST_OK ? r : ret;
	}
	free(pids);
	return ret;
}
