/* slurm_submit.c — submitting each session's chain of jobs (slurm.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mix.h"
#include "msg.h"
#include "paths.h"
#include "safefile.h"
#include "slurm.h"
#include "spawn.h"
#include "status.h"

/* S in single quotes for sh, byte for byte (a path is not text to clean,
 * which is why this is not in lib/escape.c): ' becomes '\''. */
static void put_quoted(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++)
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	fputc('\'', f);
}

char *enc_slurm_command(const struct enc_slurm *s, const struct enc_slurm_chain *c,
			const char *args)
{
	char *cmd = NULL;
	size_t len;
	FILE *f = open_memstream(&cmd, &len);

	if (!f)
		abort();
	fputs("exec ", f);
	put_quoted(f, s->exe);
	fprintf(f, " %s -- ", args);
	put_quoted(f, c->session);
	fclose(f);
	return cmd;
}

int enc_slurm_submit(const struct enc_slurm *s, const struct enc_slurm_chain *c,
		     const char *name, const char *array, const char *depend,
		     const char *script, char **id)
{
	char *argv[12], *out, *err;
	int n = 0, first_owned, exit, ret;

	argv[n++] = "sbatch";
	argv[n++] = "--parsable";
	argv[n++] = "--kill-on-invalid-dep=yes";
	first_owned = n;
	argv[n++] = st_strdup_printf("--chdir=%s", c->session);
	argv[n++] = st_strdup_printf("--job-name=studio-%s", name);
	argv[n++] = st_strdup_printf("--output=%s/%s%s.out", ENC_SLURM_LOGS, name,
				     array ? "-%a.job%A_%a" : ".job%j");
	argv[n++] = st_strdup_printf("--wrap=%s", script);
	if (s->opt->partition)
		argv[n++] = st_strdup_printf("--partition=%s", s->opt->partition);
	if (array)
		argv[n++] = st_strdup_printf("--array=%s", array);
	if (depend)
		argv[n++] = st_strdup_printf("--dependency=afterok:%s", depend);
	argv[n] = NULL;
	ret = enc_spawn(argv, &out, &err, &exit);
	if (ret == ST_OK && (exit != 0 || !*out)) {
		st_error(_("cannot submit the %s job of %s: %s"), name, c->shown,
			 *err ? err : _("sbatch gave no job id"));
		ret = ST_UNAVAILABLE;
	}
	if (ret == ST_OK)
		*id = strndup(out, strcspn(out, ";\n"));
	for (int i = first_owned; i < n; i++)
		free(argv[i]);
	free(out);
	free(err);
	return ret;
}

void enc_slurm_cancel(const char *job)
{
	char *argv[] = {"scancel", "--quiet", (char *)job, NULL}, *out, *err;
	int exit;

	if (job && enc_spawn(argv, &out, &err, &exit) == ST_OK) {
		free(out);
		free(err);
	}
}

/* --captions=LANG=FILE with FILE made absolute: the job runs elsewhere. */
static int put_caption(FILE *f, const char *spec)
{
	size_t lang = strcspn(spec, "=");
	char *abs = spec[lang] ? realpath(spec + lang + 1, NULL) : NULL;

	if (!abs) {
		st_error(_("cannot read %s: %s"), spec + lang + (spec[lang] != 0), strerror(errno));
		return ST_NOINPUT;
	}
	fprintf(f, " --captions=%.*s=", (int)lang, spec);
	put_quoted(f, abs);
	free(abs);
	return ST_OK;
}

/* The plan step's arguments: the presets, --segments and what selects
 * and shapes the encode, quoted for sh. */
static int plan_args(const struct enc_slurm *s, char **args)
{
	const struct enc_options *o = s->opt;
	size_t len;
	FILE *f = open_memstream(args, &len);
	int ret = ST_OK;

	if (!f)
		abort();
	fprintf(f, "--plan-segments=%d --preset=", s->segments);
	for (size_t i = 0; i < o->npresets; i++) {
		put_quoted(f, o->presets[i]);
		fputs(i + 1 < o->npresets ? "," : "", f);
	}
	if (o->start > 0)
		fprintf(f, " --start=%.6f", o->start);
	if (o->end > 0)
		fprintf(f, " --end=%.6f", o->end);
	if (o->trim)
		fputs(" --trim", f);
	if (o->audio_track == ENC_TRACK_MIX)
		fputs(" --audio-track=mix", f);
	else if (o->audio_track > 0)
		fprintf(f, " --audio-track=%d", o->audio_track);
	for (size_t i = 0; i < o->ncaptions && ret == ST_OK; i++)
		ret = put_caption(f, o->captions[i]);
	fclose(f);
	return ret;
}

static void chain_free(struct enc_slurm_chain *c, int segments)
{
	for (int k = 0; c->seg && k < segments; k++)
		free(c->seg[k]);
	free(c->seg);
	free(c->retried);
	free(c->seen);
	free(c->session);
	free(c->plan);
	free(c->array);
	free(c->join);
}

static void slurm_free(struct enc_slurm *s)
{
	for (size_t i = 0; i < s->n; i++)
		chain_free(&s->chains[i], s->segments);
	free(s->chains);
	free(s->exe);
}

/* The session folder, absolute, with its session.json and the folder of
 * the job output files, which must exist before a job starts. */
static int chain_init(struct enc_slurm *s, struct enc_slurm_chain *c, const char *shown)
{
	char *manifest;
	bool ok;

	c->shown = shown;
	c->session = realpath(shown, NULL);
	if (!c->session) {
		st_error(_("cannot open %s: %s"), shown, strerror(errno));
		return ST_NOINPUT;
	}
	manifest = st_path_join(c->session, "session.json");
	ok = st_is_file(manifest);
	free(manifest);
	if (!ok) {
		st_error(_("%s is not a session folder: --slurm encodes sessions only"), shown);
		return ST_USAGE;
	}
	c->seg = st_xcalloc((size_t)s->segments, sizeof *c->seg);
	c->retried = st_xcalloc((size_t)s->segments, sizeof *c->retried);
	c->seen = st_xcalloc((size_t)s->segments, sizeof *c->seen);
	return st_safe_mkdir(c->session, ENC_SLURM_LOGS, NULL);
}

static int submit_chain(struct enc_slurm *s, struct enc_slurm_chain *c)
{
	char *args = NULL, *cmd, *range;
	int ret = plan_args(s, &args);
	int last = ENC_SLURM_FIRST_SEGMENT + s->segments - 1;

	cmd = ret == ST_OK ? enc_slurm_command(s, c, args) : NULL;
	if (ret == ST_OK)
		ret = enc_slurm_submit(s, c, "plan", NULL, NULL, cmd, &c->plan);
	free(cmd);
	if (s->opt->jobs > 0)
		range = st_strdup_printf("%d-%d%%%d", ENC_SLURM_FIRST_SEGMENT, last, s->opt->jobs);
	else
		range = st_strdup_printf("%d-%d", ENC_SLURM_FIRST_SEGMENT, last);
	cmd = enc_slurm_command(s, c, "--segment=\"$SLURM_ARRAY_TASK_ID\"");
	if (ret == ST_OK)
		ret = enc_slurm_submit(s, c, "segment", range, c->plan, cmd, &c->array);
	free(cmd);
	free(range);
	for (int k = 0; ret == ST_OK && k < s->segments; k++)
		c->seg[k] = st_strdup_printf("%s_%d", c->array, ENC_SLURM_FIRST_SEGMENT + k);
	/* After the whole array, not its tasks one by one: a task cancelled
	 * while pending leaves no record, and Slurm takes a dependency on a
	 * task it does not know as met. */
	cmd = enc_slurm_command(s, c, "--join");
	if (ret == ST_OK)
		ret = enc_slurm_submit(s, c, "join", NULL, c->array, cmd, &c->join);
	free(cmd);
	free(args);
	return ret;
}

char *enc_slurm_segments_list(const struct enc_slurm *s, const struct enc_slurm_chain *c)
{
	char *list = NULL;
	size_t len;
	FILE *f = open_memstream(&list, &len);

	if (!f)
		abort();
	for (int k = 0; k < s->segments; k++)
		fprintf(f, "%s%s", k ? ":" : "", c->seg[k]);
	fclose(f);
	return list;
}

static void cancel_all(const struct enc_slurm *s)
{
	for (size_t i = 0; i < s->n; i++) {
		enc_slurm_cancel(s->chains[i].join);
		enc_slurm_cancel(s->chains[i].array);
		enc_slurm_cancel(s->chains[i].plan);
	}
}

int enc_slurm_run(const struct enc_options *opt)
{
	struct enc_slurm s = {.opt = opt, .n = opt->ninputs, .segments = opt->segments};
	char *dir = st_exe_dir();
	int ret = ST_OK;

	s.exe = dir ? st_path_join(dir, "studio-encode") : NULL;
	free(dir);
	if (!s.exe) {
		st_error(_("cannot find the path of %s: %s"), "studio-encode", strerror(errno));
		return ST_OSERR;
	}
	s.chains = st_xcalloc(s.n, sizeof *s.chains);
	for (size_t i = 0; i < s.n && ret == ST_OK; i++)
		ret = chain_init(&s, &s.chains[i], opt->inputs[i]);
	for (size_t i = 0; i < s.n && ret == ST_OK; i++)
		ret = submit_chain(&s, &s.chains[i]);
	if (ret != ST_OK)
		cancel_all(&s);
	for (size_t i = 0; i < s.n && ret == ST_OK; i++)
		printf("%s %s %s %s\n", s.chains[i].plan, s.chains[i].array, s.chains[i].join,
		       s.chains[i].shown);
	fflush(stdout);
	if (ret == ST_OK && opt->wait)
		ret = enc_slurm_wait(&s);
	slurm_free(&s);
	return ret;
}
