/* target_dir.c — see target_dir.h. */
#include "target_dir.h"
#include "claim.h"
#include "digest.h"
#include "msg.h"
#include "plan.h"
#include "site/page.h"
#include "paths.h"
#include "session.h"
#include "site/site.h"
#include "session_records.h"
#include "status.h"
#include "url.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What is at a rendition's destination, compared with session.json. */
enum dst_state {
	DST_MISSING,
	DST_SAME,       /* the recorded content */
	DST_OURS,       /* what this target published for it before (a re-encode replaces it) */
	DST_FOREIGN,    /* anything else: replaced only with --force */
};

static int dst_state(const struct pub_target *t, const struct pub_job *job,
		     const struct pub_file *f, const char *dst, enum dst_state *st)
{
	struct st_publication rec = {0};
	const char *rsha = st_publication_get(job->root, t->name, f->file, &rec) ? rec.sha256 : NULL;
	struct stat sb;
	char hex[65];
	uint64_t bytes;
	int ret;

	*st = DST_FOREIGN;
	if (lstat(dst, &sb)) {
		if (errno == ENOENT)
			*st = DST_MISSING;
		return ST_OK;
	}
	if (!S_ISREG(sb.st_mode))
		return ST_OK;
	if ((ret = st_file_sha256(dst, hex, &bytes)))
		return ret;
	if (bytes == f->bytes && !strcmp(hex, f->sha256))
		*st = DST_SAME;
	else if (rsha && !strcmp(rsha, hex))
		*st = DST_OURS;
	return ST_OK;
}

/* The state of each rendition's destination under DEST, before anything
 * is written; a file this target did not publish stops the run unless
 * FORCE.  Malloc'ed array in *STATES. */
static int dst_states(const struct pub_target *t, const struct pub_job *job, const char *dest,
		      bool force, enum dst_state **states)
{
	int ret = ST_OK;

	*states = st_xcalloc(job->nfiles ? job->nfiles : 1, sizeof **states);
	for (size_t i = 0; ret == ST_OK && i < job->nfiles; i++) {
		char *dst = st_path_join(dest, job->files[i].file);

		ret = dst_state(t, job, &job->files[i], dst, &(*states)[i]);
		if (ret == ST_OK && (*states)[i] == DST_FOREIGN && !force) {
			st_error(_("%s already exists with other content: use --force to replace it"),
				 dst);
			ret = ST_CANTCREAT;
		}
		free(dst);
	}
	return ret;
}

/* Copies one rendition unless an identical copy is there; a copy that
 * does not read back as recorded is removed. */
static int put_file(const struct pub_job *job, const struct pub_file *f, const char *dest,
		    enum dst_state st, struct pub_outcome *out)
{
	char *src = st_path_join(job->dir, f->file);
	char *dst = st_path_join(dest, f->file);
	char *parent = st_xstrdup(dst);
	bool unchanged = st == DST_SAME;
	int ret = ST_OK;

	*strrchr(parent, '/') = '\0';
	if (!unchanged) {
		ret = st_mkdirs(parent);
		if (ret == ST_OK)
			ret = st_copy_fd_atomic(f->fd, src, dst);
		if (ret == ST_OK && (ret = pub_file_check(dst, f, false)))
			unlink(dst);
	}
	if (ret == ST_OK) {
		st_info(unchanged ? _("unchanged: %s") : _("copied: %s"), dst);
		pub_outcome_add(out, st_xstrdup(f->file), pub_file_url(dst), f->sha256, f->bytes,
				unchanged);
	}
	free(parent);
	free(dst);
	free(src);
	return ret;
}

/* T's public URL, ending in '/'.  Malloc'ed. */
static char *site_base(const struct pub_target *t)
{
	char *url = t->base_url ? st_xstrdup(t->base_url) : pub_file_url(t->path);
	char *slash;

	if (url[strlen(url) - 1] == '/')
		return url;
	slash = st_strdup_printf("%s/", url);
	free(url);
	return slash;
}

/* The public URL of the session's folder SLUG/ when T has a base_url
 * (the page's absolute links), else NULL.  Malloc'ed. */
static char *page_base(const struct pub_target *t, const char *slug)
{
	char *site, *path, *url;

	if (!t->base_url)
		return NULL;
	site = site_base(t);
	path = pub_url_path(slug);
	url = st_strdup_printf("%s%s/", site, path);
	free(path);
	free(site);
	return url;
}

/* Writes one generated file (page.h) beside the renditions, unless the
 * same bytes are there already. */
static int put_generated(const char *dest, const struct pub_page_file *g,
			 struct pub_outcome *out)
{
	char *path = st_path_join(dest, g->name);
	char hex[65], want[65];
	uint64_t bytes;
	struct stat sb;
	bool same = false;
	int ret = ST_OK;

	st_sha256_hex(g->text, strlen(g->text), want);
	if (!lstat(path, &sb) && S_ISREG(sb.st_mode))
		same = st_file_sha256(path, hex, &bytes) == ST_OK && !strcmp(hex, want);
	if (!same)
		ret = st_write_file_atomic(path, g->text, strlen(g->text));
	if (ret == ST_OK && !same)
		ret = st_file_sha256(path, hex, &bytes);
	if (ret == ST_OK) {
		st_info(same ? _("unchanged: %s") : _("written: %s"), path);
		pub_outcome_add(out, st_xstrdup(g->name), pub_file_url(path), hex, bytes, same);
		if (!strcmp(g->name, PUB_PAGE_FILE))
			out->page_path = st_xstrdup(path);
	}
	free(path);
	return ret;
}

/* index.html, the transcripts and chapters.json. */
static int put_pages(const struct pub_target *t, const struct pub_job *job, const char *dest,
		     struct pub_outcome *out)
{
	char *base = page_base(t, job->slug);
	struct pub_page_where where = {t->name, base};
	struct pub_page_file *files;
	size_t n = pub_page_render(job, &where, &files);
	int ret = ST_OK;

	for (size_t i = 0; ret == ST_OK && i < n; i++)
		ret = put_generated(dest, &files[i], out);
	pub_page_files_free(files, n);
	free(base);
	return ret;
}

/* The content of PATH, NUL-terminated, in *TEXT (*LEN bytes); NULL when
 * there is no such file.  One message on failure. */
static int read_text(const char *path, char **text, size_t *len)
{
	FILE *f = fopen(path, "rb");
	FILE *mem = NULL;
	char buf[65536];
	size_t n;
	int ret = ST_OK;

	*text = NULL;
	*len = 0;
	if (!f && errno == ENOENT)
		return ST_OK;
	if (f && (mem = open_memstream(text, len)))
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			fwrite(buf, 1, n, mem);
	if (!f || !mem || ferror(f))
		ret = ST_IOERR;
	if (mem && fclose(mem))
		ret = ST_IOERR;
	if (ret)
		st_error(_("cannot read %s: %s"), path, strerror(errno));
	if (f)
		fclose(f);
	if (ret) {
		free(*text);
		*text = NULL;
	}
	return ret;
}

/* Reads SITE/sessions.json (an empty catalogue when there is none); NULL
 * after one message. */
static json_t *read_catalogue(const char *path)
{
	char *text;
	size_t len;
	json_t *cat = NULL;

	if (read_text(path, &text, &len) == ST_OK)
		cat = pub_site_parse(text, len, path);
	free(text);
	return cat;
}

/* Writes TEXT (taken) as DIR/NAME unless it already says the same
 * (pub_site_same); notes it in OUT (when not NULL) and whether it changed
 * in *CHANGED. */
static int write_text(const char *dir, const char *name, char *text, struct pub_outcome *out,
		      bool *changed)
{
	char *path = st_path_join(dir, name);
	char *old = NULL;
	size_t len = 0;
	int ret = read_text(path, &old, &len);
	bool same = ret == ST_OK && pub_site_same(name, old, len, text);

	if (ret == ST_OK && !same)
		ret = st_write_file_atomic(path, text, strlen(text));
	if (ret == ST_OK && out)
		pub_outcome_site(out, pub_file_url(path), same);
	*changed |= ret == ST_OK && !same;
	free(old);
	free(path);
	free(text);
	return ret;
}

/* What a locked catalogue edit does: edits CAT, says whether to write it
 * (*WRITE). */
typedef int (*site_edit_fn)(json_t *cat, void *ctx, bool *write);

/* Runs EDIT on the site's catalogue under an exclusive flock on
 * SITE/.site.lock, so concurrent publishers queue; then writes the
 * catalogue (when asked) and, with OUT, renders index.html and feed.xml
 * and notes the three in OUT.  A file that already says the same is not
 * rewritten; when none changed, the run says so. */
static int edit_site(const struct pub_target *t, site_edit_fn edit, void *ctx,
		     struct pub_outcome *out)
{
	char *lock_path = st_path_join(t->path, ".site.lock");
	char *cat_path = st_path_join(t->path, PUB_SITE_CATALOGUE);
	char *base = site_base(t);
	json_t *cat = NULL;
	bool write = false, changed = false;
	int ret = st_mkdirs(t->path);
	int fd = ret ? -1 : open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

	if (ret == ST_OK && (fd < 0 || flock(fd, LOCK_EX))) {
		st_error(_("cannot lock %s: %s"), lock_path, strerror(errno));
		ret = ST_CANTCREAT;
	}
	if (ret == ST_OK && !(cat = read_catalogue(cat_path)))
		ret = ST_DATAERR;
	if (ret == ST_OK)
		ret = edit(cat, ctx, &write);
	if (ret == ST_OK && write)
		ret = write_text(t->path, PUB_SITE_CATALOGUE, pub_site_dump(cat), out, &changed);
	if (ret == ST_OK && out)
		ret = write_text(t->path, PUB_SITE_FEED, pub_site_feed(cat, base), out, &changed);
	if (ret == ST_OK && out)
		ret = write_text(t->path, PUB_SITE_INDEX, pub_site_index(cat), out, &changed);
	if (ret == ST_OK && out && changed)
		st_info(_("updated: %s/%s"), t->path, PUB_SITE_FEED);
	else if (ret == ST_OK && out)
		st_info(_("unchanged: %s, %s and %s"), cat_path, PUB_SITE_FEED, PUB_SITE_INDEX);
	if (fd >= 0)
		close(fd);
	json_decref(cat);
	free(base);
	free(cat_path);
	free(lock_path);
	return ret;
}

struct merge_ctx {
	const struct pub_target *t;
	const struct pub_job *job;
};

/* The session's entry, unless its slug has become another session's. */
static int merge_entry(json_t *cat, void *vctx, bool *write)
{
	const struct merge_ctx *m = vctx;
	char *base = site_base(m->t);
	json_t *entry = pub_site_entry(m->job, base);
	int ret = pub_claim_check(m->job, cat, m->t->path);

	if (ret == ST_OK)
		pub_site_merge(cat, entry);
	*write = true;
	json_decref(entry);
	free(base);
	return ret;
}

/* The slug, chosen under the site's lock and registered before anything
 * is copied; a dry run reads the catalogue as it is. */
static int claim(const struct pub_target *t, const struct pub_job *job, bool dry,
		 struct pub_claim *c)
{
	char *cat_path;
	json_t *cat;
	bool write;
	int ret = pub_claim_begin(c, job, t, dry);

	if (ret || !dry)
		return ret ? ret : edit_site(t, pub_claim_choose, c, NULL);
	cat_path = st_path_join(t->path, PUB_SITE_CATALOGUE);
	cat = read_catalogue(cat_path);
	ret = cat ? pub_claim_choose(cat, c, &write) : ST_DATAERR;
	json_decref(cat);
	free(cat_path);
	return ret;
}

/* Plan steps ACTION for DIR/A (and DIR/B, DIR/C); false when printing. */
static bool plan_site(const char *dir, const char *a, const char *action, const char *b,
		      const char *c)
{
	const char *names[] = {a, b, c};
	bool json = false;

	for (size_t i = 0; i < 3 && names[i]; i++) {
		char *p = st_path_join(dir, names[i]);

		json = pub_plan_step(action, NULL, p, NULL);
		free(p);
	}
	return json;
}

/* Plan steps for the generated files; false when printing. */
static bool plan_pages(const struct pub_target *t, const struct pub_job *job, const char *dest)
{
	char *base = page_base(t, job->slug);
	struct pub_page_where where = {t->name, base};
	struct pub_page_file *files;
	size_t n = pub_page_render(job, &where, &files);
	bool json = false;

	for (size_t i = 0; i < n; i++) {
		json = plan_site(dest, files[i].name, "write", NULL, NULL);
		if (!json)
			printf(_("would write %s/%s\n"), dest, files[i].name);
	}
	pub_page_files_free(files, n);
	free(base);
	return json;
}

static void dry_run(const struct pub_target *t, const struct pub_job *job, const char *dest,
		    const enum dst_state *states)
{
	for (size_t i = 0; i < job->nfiles; i++) {
		const struct pub_file *f = &job->files[i];
		char *src = st_path_join(job->dir, f->file);
		char *dst = st_path_join(dest, f->file);

		if (states[i] == DST_SAME) {
			if (!pub_plan_step("unchanged", src, dst, NULL))
				printf(_("unchanged: %s\n"), dst);
		} else if (states[i] != DST_MISSING) {
			if (!pub_plan_step("replace", src, dst, NULL))
				printf(_("would replace %s with %s\n"), dst, src);
		} else if (!pub_plan_step("copy", src, dst, NULL)) {
			printf(_("would copy %s to %s\n"), src, dst);
		}
		free(dst);
		free(src);
	}
	if (plan_pages(t, job, dest)) {
		plan_site(t->path, PUB_SITE_CATALOGUE, "update", PUB_SITE_INDEX, PUB_SITE_FEED);
		return;
	}
	printf(_("would update %s/%s, %s/%s and %s/%s\n"), t->path, PUB_SITE_CATALOGUE, t->path,
	       PUB_SITE_INDEX, t->path, PUB_SITE_FEED);
}

/* The run once the slug is chosen: JOB carries it. */
static int publish_in(const struct pub_target *t, const struct pub_job *job, bool dry,
		      bool force, struct pub_outcome *out)
{
	char *dest = st_path_join(t->path, job->slug);
	struct merge_ctx m = {t, job};
	enum dst_state *states = NULL;
	char *real = NULL;
	int ret = dst_states(t, job, dest, force, &states);

	if (ret == ST_OK && dry) {
		dry_run(t, job, dest, states);
		goto done;
	}
	if (ret == ST_OK)
		ret = st_mkdirs(dest);
	if (ret == ST_OK && !(real = realpath(dest, NULL))) {
		st_error(_("cannot open %s: %s"), dest, strerror(errno));
		ret = ST_CANTCREAT;
	}
	for (size_t i = 0; ret == ST_OK && i < job->nfiles; i++)
		ret = put_file(job, &job->files[i], real, states[i], out);
	if (ret == ST_OK)
		ret = put_pages(t, job, real, out);
	if (ret == ST_OK)
		ret = edit_site(t, merge_entry, &m, out);
done:
	free(states);
	free(real);
	free(dest);
	return ret;
}

int pub_dir_publish(const struct pub_target *t, const struct pub_job *job, bool dry,
		    bool force, struct pub_outcome *out)
{
	struct pub_claim c;
	struct pub_job mine;
	char *dest = NULL;
	int ret;

	memset(out, 0, sizeof *out);
	ret = pub_job_check_sources(job);
	if (ret == ST_OK)
		ret = claim(t, job, dry, &c);
	else
		memset(&c, 0, sizeof c);
	if (ret == ST_OK) {
		dest = st_path_join(t->path, c.slug);
		ret = pub_claim_finish(&c, dest, dry);
	}
	if (ret == ST_OK) {
		mine = pub_claim_job(&c);
		ret = publish_in(t, &mine, dry, force, out);
		out->slug = st_xstrdup(c.slug);
	}
	if (ret)
		pub_outcome_free(out);
	pub_claim_free(&c);
	free(dest);
	return ret;
}
