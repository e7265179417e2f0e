/* slurm_wait.c — --wait: watching every chain to its end (slurm.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "paths.h"
#include "slurm.h"
#include "spawn.h"
#include "status.h"

#define POLL_SECONDS 1
/* squeue failing this many times in a row (the controller restarting
 * takes a few) ends the wait; the jobs go on. */
#define POLL_FAILURES 30

/* The jobs squeue knows: "ID" ("12", "13_2") and its state ("RUNNING"). */
struct jobs {
	char *text;
	char **id, **state;
	size_t n;
};

/* The progress line: redrawn once per poll on a terminal, not --quiet. */
struct line {
	bool enabled, drawn;
};

static void erase(struct line *l)
{
	if (l->drawn)
		fputs("\r\033[K", stderr);
	l->drawn = false;
}

static void jobs_free(struct jobs *t)
{
	free(t->text);
	free(t->id);
	free(t->state);
	memset(t, 0, sizeof *t);
}

/* Fills T from squeue; on failure *WHY (malloc'ed) says why. */
static int poll_jobs(struct jobs *t, char **why)
{
	char *argv[] = {"squeue", "--me", "--noheader", "--states=all", "--array",
			"--format=%i|%T", NULL};
	char *err, *save = NULL, *line;
	int exit, ret = enc_spawn(argv, &t->text, &err, &exit);

	if (ret == ST_OK && exit != 0) {
		*why = err;
		return ST_UNAVAILABLE;
	}
	free(err);
	if (ret != ST_OK)
		return ret;
	for (line = strtok_r(t->text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *bar = strchr(line, '|');

		if (!bar)
			continue;
		*bar = '\0';
		t->id = realloc(t->id, (t->n + 1) * sizeof *t->id);
		t->state = realloc(t->state, (t->n + 1) * sizeof *t->state);
		if (!t->id || !t->state)
			abort();
		t->id[t->n] = line;
		t->state[t->n++] = bar + 1;
	}
	return ST_OK;
}

/* JOB's state, or NULL when squeue does not list it (yet). */
static const char *state_of(const struct jobs *t, const char *job)
{
	for (size_t i = 0; job && i < t->n; i++)
		if (!strcmp(t->id[i], job))
			return t->state[i];
	return NULL;
}

static bool failed(const char *state)
{
	static const char *const bad[] = {"FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL",
					  "PREEMPTED", "BOOT_FAIL", "DEADLINE", "OUT_OF_MEMORY"};

	for (size_t i = 0; state && i < sizeof bad / sizeof *bad; i++)
		if (!strcmp(state, bad[i]))
			return true;
	return false;
}

static bool completed(const struct jobs *t, const char *job)
{
	const char *state = state_of(t, job);

	return state && !strcmp(state, "COMPLETED");
}

/* The exit status of a job that failed (scontrol's ExitCode=STATUS:SIGNAL),
 * ST_SOFTWARE when it was killed or cancelled. */
static int job_status(const char *job)
{
	char *argv[] = {"scontrol", "--oneliner", "show", "job", (char *)job, NULL};
	char *out, *err, *at;
	int exit, code = 0, sig = 0;

	if (enc_spawn(argv, &out, &err, &exit) == ST_OK && (at = strstr(out, " ExitCode=")))
		sscanf(at, " ExitCode=%d:%d", &code, &sig);
	free(out);
	free(err);
	return code > 0 && code < 256 ? code : ST_SOFTWARE;
}

/* Ends chain C in failure: its remaining jobs are cancelled. */
static void chain_fail(struct enc_slurm_chain *c, const char *job)
{
	c->status = job_status(job);
	c->done = true;
	enc_slurm_cancel(c->join);
	enc_slurm_cancel(c->array);
	enc_slurm_cancel(c->plan);
}

/* Segment K (an index in c->seg) failed once: resubmitted after the plan
 * (it may have been cancelled before the plan ran), and the join after it (Slurm cancelled the old one, whose dependency can no longer be
 * met: --kill-on-invalid-dep). */
static void retry(struct enc_slurm *s, struct enc_slurm_chain *c, int k, struct line *l)
{
	int number = ENC_SLURM_FIRST_SEGMENT + k;
	char *args = st_strdup_printf("--segment=%d", number);
	char *cmd = enc_slurm_command(s, c, args), *name = st_strdup_printf("segment-%d", number);
	char *failed_job = c->seg[k], *old_join = c->join, *depend;
	int ret;

	c->seg[k] = NULL;
	c->retried[k] = true;
	c->seen[k] = false;
	enc_slurm_cancel(old_join);
	erase(l);
	ret = enc_slurm_submit(s, c, name, NULL, c->plan, cmd, &c->seg[k]);
	free(cmd);
	cmd = enc_slurm_command(s, c, "--join");
	depend = ret == ST_OK ? enc_slurm_segments_list(s, c) : NULL;
	c->join = NULL;
	if (ret == ST_OK)
		ret = enc_slurm_submit(s, c, "join", NULL, depend, cmd, &c->join);
	if (ret == ST_OK)
		st_warn(_("%s: segment %d failed (job %s): resubmitted as job %s, the join as job %s"),
			c->shown, number, failed_job, c->seg[k], c->join);
	else
		chain_fail(c, failed_job);
	free(depend);
	free(cmd);
	free(name);
	free(args);
	free(failed_job);
	free(old_join);
}

/* Whether squeue lists a task of ARRAY. */
static bool array_listed(const struct jobs *t, const char *array)
{
	size_t len = strlen(array);

	for (size_t i = 0; i < t->n; i++)
		if (!strncmp(t->id[i], array, len) && t->id[i][len] == '_')
			return true;
	return false;
}

/* Whether segment K's job failed: its state says so, or it has no record
 * (a task cancelled while pending leaves none; squeue lists every task of
 * an array from its submission) while squeue lists it once did, or lists
 * other tasks of its array, or the join failed (its dependency on the
 * array can no longer be met).  A segment taken for failed after its
 * record was purged (MinJobAge) is only resubmitted for nothing: its part
 * is not redone. */
static bool segment_failed(struct enc_slurm_chain *c, int k, const struct jobs *t)
{
	const char *state = state_of(t, c->seg[k]);

	if (state)
		c->seen[k] = true;
	else if (c->seen[k] || array_listed(t, c->array) || failed(state_of(t, c->join)))
		return true;
	return failed(state);
}

/* One look at chain C: its plan, its segments, its join. */
static void step(struct enc_slurm *s, struct enc_slurm_chain *c, const struct jobs *t,
		 struct line *l)
{
	bool resubmitted = false;

	if (failed(state_of(t, c->plan))) {
		erase(l);
		st_error(_("%s: the plan job %s failed: see %s/%s/plan.job%s.out"), c->shown, c->plan,
			 c->shown, ENC_SLURM_LOGS, c->plan);
		chain_fail(c, c->plan);
		return;
	}
	for (int k = 0; k < s->segments && !c->done; k++) {
		if (!segment_failed(c, k, t))
			continue;
		if (!c->retried[k]) {
			retry(s, c, k, l);
			resubmitted = true;
			continue;
		}
		erase(l);
		st_error(_("%s: segment %d failed again (job %s): see %s/%s/segment-%d.job%s.out"),
			 c->shown, ENC_SLURM_FIRST_SEGMENT + k, c->seg[k], c->shown, ENC_SLURM_LOGS,
			 ENC_SLURM_FIRST_SEGMENT + k, c->seg[k]);
		chain_fail(c, c->seg[k]);
	}
	if (c->done || resubmitted)
		return;
	if (failed(state_of(t, c->join))) {
		erase(l);
		st_error(_("%s: the join job %s failed: see %s/%s/join.job%s.out"), c->shown, c->join,
			 c->shown, ENC_SLURM_LOGS, c->join);
		chain_fail(c, c->join);
	} else if (completed(t, c->join)) {
		c->done = true;
		c->status = ST_OK;
	}
}

static void draw(struct line *l, const struct enc_slurm *s, const struct jobs *t)
{
	size_t plans = 0, segments = 0, joins = 0;

	if (!l->enabled)
		return;
	for (size_t i = 0; i < s->n; i++) {
		const struct enc_slurm_chain *c = &s->chains[i];

		plans += completed(t, c->plan);
		for (int k = 0; k < s->segments; k++)
			segments += completed(t, c->seg[k]);
		joins += completed(t, c->join);
	}
	fputc('\r', stderr);
	fprintf(stderr, _("%s: slurm: plans %zu/%zu, segments %zu/%zu, joins %zu/%zu done "),
		st_progname(), plans, s->n, segments, s->n * (size_t)s->segments, joins, s->n);
	l->drawn = true;
}

static bool all_done(const struct enc_slurm *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (!s->chains[i].done)
			return false;
	return true;
}

int enc_slurm_wait(struct enc_slurm *s)
{
	struct line l = {.enabled = !st_msg_quiet() && isatty(STDERR_FILENO)};
	char *why = NULL;
	int fails = 0, ret = ST_OK;

	while (!all_done(s) && fails < POLL_FAILURES) {
		struct jobs t = {0};

		free(why);
		why = NULL;
		if (poll_jobs(&t, &why) != ST_OK) {
			fails++;
		} else {
			fails = 0;
			for (size_t i = 0; i < s->n; i++)
				if (!s->chains[i].done)
					step(s, &s->chains[i], &t, &l);
			draw(&l, s, &t);
		}
		jobs_free(&t);
		if (!all_done(s))
			sleep(POLL_SECONDS);
	}
	erase(&l);
	if (!all_done(s)) {
		st_error(_("cannot follow the jobs: squeue failed: %s"), why ? why : "");
		ret = ST_UNAVAILABLE;
	}
	free(why);
	for (size_t i = 0; i < s->n; i++)
		if (s->chains[i].done && s->chains[i].status == ST_OK)
			st_info(_("%s: encoded through slurm (join job %s)"), s->chains[i].shown,
				s->chains[i].join);
	for (size_t i = 0; i < s->n && ret == ST_OK; i++)
		ret = s->chains[i].status;
	return ret;
}
