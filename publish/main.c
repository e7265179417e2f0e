/* studio-publish — puts a session's renditions and a page presenting them
 * on publication targets, and records what it did in session.json.
 *
 *   main → parse_options → load config, pick targets → load session →
 *   publish_target (per type: target_ops.h) → pub_record */
#include "cli.h"
#include "config.h"
#include "job.h"
#include "msg.h"
#include "opts.h"
#include "plan.h"
#include "record.h"
#include "status.h"
#include "target_ops.h"

#include <curl/curl.h>
#include <jansson.h>

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

struct options {
	const char *session;
	const char *to;
	const char *config;
	bool dry_run;
	bool force;
	bool json;
	bool quiet;
	bool exit_now;     /* --help or --version done */
};

static void usage(FILE *out)
{
	fprintf(out, _("Usage: %s SESSION_DIR --to TARGET[,TARGET...] [OPTION...]\n"),
		st_progname());
	fputs(_("Publish the renditions of a session and a page presenting them, and record\n"
		"the publications in its session.json.\n"
		"\n"
		"      --config=FILE    read the targets from FILE (default:\n"
		"                       $XDG_CONFIG_HOME/studio/publish.ini; without it, one\n"
		"                       target 'site' in $XDG_DATA_HOME/studio/site)\n"
		"      --dry-run        print what would be done, change nothing\n"
		"      --force          upload again, and replace files that differ\n"
		"      --help           show this help and exit\n"
		"      --json           print a JSON summary on standard output instead of\n"
		"                       the page paths\n"
		"      --quiet          print errors only\n"
		"      --to=TARGETS     publish to these targets, separated by commas\n"
		"      --version        show the version and exit\n"
		"\n"
		"The path of each page written is printed on standard output.\n"), out);
}

static int parse_options(int argc, char **argv, struct options *o)
{
	enum { OPT_CONFIG = 256, OPT_DRY_RUN, OPT_FORCE, OPT_HELP, OPT_JSON, OPT_QUIET, OPT_TO,
	       OPT_VERSION };
	static const struct option longopts[] = {
		{"config", required_argument, NULL, OPT_CONFIG},
		{"dry-run", no_argument, NULL, OPT_DRY_RUN},
		{"force", no_argument, NULL, OPT_FORCE},
		{"help", no_argument, NULL, OPT_HELP},
		{"json", no_argument, NULL, OPT_JSON},
		{"quiet", no_argument, NULL, OPT_QUIET},
		{"to", required_argument, NULL, OPT_TO},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	int c;

	while ((c = st_cli_next(argc, argv, ":", longopts)) != -1) {
		switch (c) {
		case OPT_CONFIG: o->config = optarg; break;
		case OPT_DRY_RUN: o->dry_run = true; break;
		case OPT_FORCE: o->force = true; break;
		case OPT_JSON: o->json = true; break;
		case OPT_HELP: usage(stdout); o->exit_now = true; return ST_OK;
		case OPT_QUIET: o->quiet = true; break;
		case OPT_TO: o->to = optarg; break;
		case OPT_VERSION: st_print_version(); o->exit_now = true; return ST_OK;
		default: /* ST_CLI_ERROR, its message printed */
			return ST_USAGE;
		}
	}
	if (optind != argc - 1) {
		st_error(optind < argc ? _("one session folder expected (see --help)")
			 : _("no session folder given (see --help)"));
		return ST_USAGE;
	}
	if (!o->to) {
		st_error(_("no target given: use --to TARGET (see --help)"));
		return ST_USAGE;
	}
	o->session = argv[optind];
	st_msg_set_quiet(o->quiet);
	return ST_OK;
}

/* The site's files in the --json summary: [{"url", "action"}], the
 * action "unchanged" or "updated". */
static json_t *site_summary(const struct pub_outcome *out)
{
	json_t *site = json_array();

	for (size_t i = 0; i < out->nsite; i++)
		json_array_append_new(site, json_pack("{s:s, s:s}", "url", out->site[i].url,
						      "action", out->site[i].unchanged
								? "unchanged" : "updated"));
	return site;
}

/* The --json summary of one target. */
static json_t *summary(const struct pub_target *t, const struct pub_outcome *out, int ret)
{
	json_t *files = json_array();
	json_t *s;

	for (size_t i = 0; i < out->ndone; i++) {
		const struct pub_done *d = &out->done[i];
		json_array_append_new(files, json_pack("{s:s, s:s, s:s, s:I, s:s}", "file", d->file,
						       "url", d->url, "sha256", d->sha256,
						       "bytes", (json_int_t)d->bytes, "action",
						       d->unchanged ? "unchanged" : "uploaded"));
	}
	s = json_pack("{s:s, s:s, s:s, s:i, s:o}", "target", t->name, "type",
		      pub_type_name(t->type), "result", ret ? "failed" : "published", "status",
		      ret, "files", files);
	if (s && out->page_path)
		json_object_set_new(s, "page", json_string(out->page_path));
	if (s && out->slug)
		json_object_set_new(s, "slug", json_string(out->slug));
	if (s && out->caveat)
		json_object_set_new(s, "caveat", json_string(out->caveat));
	if (s && out->nsite)
		json_object_set_new(s, "site", site_summary(out));
	return s;
}

/* The --json --dry-run summary of one target: its plan (and the slug). */
static json_t *plan_summary(const struct pub_target *t, const struct pub_outcome *out, int ret)
{
	json_t *s = json_pack("{s:s, s:s, s:s, s:i, s:o}", "target", t->name, "type",
			      pub_type_name(t->type), "result", ret ? "failed" : "planned",
			      "status", ret, "plan", pub_plan_end());

	if (s && out->slug)
		json_object_set_new(s, "slug", json_string(out->slug));
	return s;
}

static int publish_target(const struct pub_target *t, const struct pub_job *all,
			  const struct options *o, json_t *report)
{
	struct pub_outcome out = {0};
	struct pub_job job;
	int ret = pub_job_view(all, t, &job);

	pub_plan_begin(o->json);
	if (ret == ST_OK)
		ret = pub_target_ops[t->type].publish(t, &job, o->dry_run, o->force, &out);
	if (ret == ST_OK && !o->dry_run)
		ret = pub_record(job.dir, t, &out);
	else if (!o->dry_run && out.ndone)
		pub_record(job.dir, t, &out); /* what was published before the failure */
	if (ret == ST_OK && out.page_path && !st_msg_quiet() && !o->json)
		printf("%s\n", out.page_path);
	if (o->dry_run)
		json_array_append_new(report, plan_summary(t, &out, ret));
	else
		json_array_append_new(report, summary(t, &out, ret));
	pub_outcome_free(&out);
	pub_job_view_free(&job);
	return ret;
}

static int run(const struct options *o)
{
	struct pub_config cfg;
	struct pub_job job = {0};
	const struct pub_target **targets = NULL;
	json_t *report = json_array();
	size_t n = 0;
	int ret = pub_config_load(&cfg, o->config);

	if (ret == ST_OK)
		ret = pub_config_select(&cfg, o->to, &targets, &n);
	if (ret == ST_OK)
		ret = pub_job_load(&job, o->session);
	for (size_t i = 0; ret == ST_OK && i < n; i++)
		ret = publish_target(targets[i], &job, o, report);
	if (o->json && job.dir) {
		json_t *doc = json_pack("{s:s, s:s, s:b, s:O}", "session", job.dir, "result",
					ret ? "failed" : o->dry_run ? "planned" : "published",
					"dry_run", o->dry_run, "targets", report);
		json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		putchar('\n');
		json_decref(doc);
	}
	json_decref(report);
	pub_job_free(&job);
	free(targets);
	pub_config_free(&cfg);
	return ret;
}

/* The process holds passwords: no core dump may copy them to disk, and
 * another process of the same user may not read its memory (a process
 * that is not dumpable cannot be ptrace-attached or have /proc/PID/mem
 * read without CAP_SYS_PTRACE).  RLIMIT_CORE 0 also covers a kernel whose
 * fs.suid_dumpable would dump non-dumpable processes anyway. */
static int no_core_dumps(void)
{
	const struct rlimit none = {0, 0};

	if (prctl(PR_SET_DUMPABLE, 0L, 0L, 0L, 0L) || setrlimit(RLIMIT_CORE, &none)) {
		st_error(_("cannot disable core dumps: %s"), strerror(errno));
		return ST_OSERR;
	}
	return ST_OK;
}

int main(int argc, char **argv)
{
	struct options o = {0};
	int ret;

	st_msg_init(argv[0]);
	if ((ret = no_core_dumps()))
		return ret;
	ret = parse_options(argc, argv, &o);
	if (ret || o.exit_now)
		return ret;
	if (curl_global_init(CURL_GLOBAL_DEFAULT)) {
		st_error(_("cannot initialise libcurl"));
		return ST_SOFTWARE;
	}
	ret = run(&o);
	curl_global_cleanup();
	return ret; /* standard output is checked at exit (st_msg_init) */
}
