/* target_webdav.c — see target_webdav.h.  The run: sources checked,
 * collections made, what a killed run left removed, each rendition and
 * the page published (dav_put.c), then the site (dav_site.c). */
#include "target_webdav.h"
#include "../claim.h"
#include "dav.h"
#include "digest.h"
#include "msg.h"
#include "../site/page.h"
#include "paths.h"
#include "../plan.h"
#include "../site/site.h"
#include "status.h"
#include "../url.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* MKCOL of REL unless asked before; remembered in D->cols. */
static int mkcol_once(struct dav *d, const char *rel)
{
	for (size_t k = 0; k < d->ncols; k++)
		if (!strcmp(d->cols[k], rel))
			return ST_OK;
	d->cols = realloc(d->cols, (d->ncols + 1) * sizeof *d->cols);
	if (!d->cols)
		abort();
	d->cols[d->ncols++] = st_xstrdup(rel);
	return dav_mkcol(d, rel);
}

/* The collections holding every file: SLUG/ and each folder below it,
 * each asked for once. */
static int make_collections(struct dav *d)
{
	int ret = mkcol_once(d, d->job->slug);

	for (size_t i = 0; ret == ST_OK && i < d->job->nfiles; i++) {
		char *path = st_strdup_printf("%s/%s", d->job->slug, d->job->files[i].file);

		for (char *s = strchr(path, '/'); ret == ST_OK && (s = strchr(s + 1, '/'));) {
			*s = '\0';
			ret = mkcol_once(d, path);
			*s = '/';
		}
		free(path);
	}
	return ret;
}

static int put_rendition(struct dav *d, const struct pub_file *f, struct pub_outcome *out)
{
	/* A real run reads the source through its descriptor; a dry run only
	 * names it. */
	char *src = d->dry ? st_path_join(d->job->dir, f->file) : pub_job_source(f);
	struct dav_body b = {.file = src, .len = f->bytes,
			     .type = f->mime ? f->mime : "application/octet-stream",
			     .label = f->file};
	int ret = dav_put_one(d, f->file, &b, f->sha256, false, out);

	free(src);
	return ret;
}

/* The public URL of the session's folder: under base_url when the target
 * has one, else its WebDAV URL (the feed's links are the same).  Malloc'ed. */
static char *page_base(const struct dav *d)
{
	char *slug, *url;

	if (!d->t->base_url)
		return st_xstrdup(d->base);
	slug = pub_url_path(d->job->slug);
	url = st_strdup_printf("%s%s%s/", d->t->base_url,
			       d->t->base_url[strlen(d->t->base_url) - 1] == '/' ? "" : "/", slug);
	free(slug);
	return url;
}

/* index.html, the transcripts and chapters.json (page.h), each PUT and
 * verified as index.html always was (dav_put.c). */
static int put_pages(struct dav *d, struct pub_outcome *out)
{
	char *base = page_base(d);
	struct pub_page_where where = {d->t->name, base};
	struct pub_page_file *files;
	size_t n = pub_page_render(d->job, &where, &files);
	int ret = ST_OK;

	for (size_t i = 0; ret == ST_OK && i < n; i++) {
		struct dav_body b = {.data = files[i].text, .len = strlen(files[i].text),
				     .type = files[i].type};
		char hex[65];

		st_sha256_hex(files[i].text, b.len, hex);
		ret = dav_put_one(d, files[i].name, &b, hex, true, out);
		if (ret == ST_OK && !d->dry && !strcmp(files[i].name, PUB_PAGE_FILE))
			out->page_path = st_xstrdup(out->done[out->ndone - 1].url);
	}
	pub_page_files_free(files, n);
	free(base);
	return ret;
}

/* Before anything is sent: every source is there with its recorded size.
 * Its sha256 is checked while it is uploaded (dav_staged.c), so the file
 * is read once; a file that is not uploaded (the server already holds the
 * recorded content) is not read at all.  A dry run reads them all: it
 * says what a real run would do, including a refusal.  Sizes come from the
 * descriptors the path policy opened (job.h). */
static int check_sources(const struct pub_job *job, bool dry)
{
	int ret = ST_OK;

	if (dry)
		return pub_job_check_sources(job);
	for (size_t i = 0; ret == ST_OK && i < job->nfiles; i++) {
		const struct pub_file *f = &job->files[i];
		char *src = st_path_join(job->dir, f->file);
		struct stat st;

		if (fstat(f->fd, &st)) {
			st_error(_("cannot read %s: %s"), src, strerror(errno));
			ret = ST_NOINPUT;
		} else if ((uint64_t)st.st_size != f->bytes) {
			st_error(_("%s does not match session.json: its size is not the recorded %llu bytes"),
				 src, (unsigned long long)f->bytes);
			ret = ST_DATAERR;
		}
		free(src);
	}
	return ret;
}

/* The dry run's last step: the site's three files. */
static void plan_site(const char *url)
{
	const char *names[] = {PUB_SITE_CATALOGUE, PUB_SITE_INDEX, PUB_SITE_FEED};
	bool json = false;

	for (size_t i = 0; i < 3; i++) {
		char *u = st_strdup_printf("%s%s", url, names[i]);

		json = pub_plan_step("update", NULL, u, NULL);
		free(u);
	}
	if (!json)
		printf(_("would update %s%s, %s%s and %s%s\n"), url, PUB_SITE_CATALOGUE, url,
		       PUB_SITE_INDEX, url, PUB_SITE_FEED);
}

/* The slug, registered before anything is sent.  A real run reads and
 * edits the catalogue under the site's lock only: a server that writes a
 * PUT in place (rclone serve webdav) shows a half-written catalogue to a
 * reader without the lock while another publisher replaces it.  A dry run
 * must not lock (it would write): it reads without a lock and stops there. */
static int claim(struct dav *d, bool dry, struct pub_claim *c)
{
	json_t *cat = NULL;
	bool write = false;
	int ret = pub_claim_begin(c, d->job, d->t, dry);

	if (ret != ST_OK)
		return ret;
	if (!dry)
		return dav_site_edit(d, pub_claim_choose, c, NULL);
	ret = dav_site_read(d, &cat);
	if (ret == ST_OK)
		ret = pub_claim_choose(cat, c, &write);
	json_decref(cat);
	return ret;
}

/* The run once the slug is chosen: D->job carries it. */
static int publish_in(struct dav *d, bool dry, struct pub_outcome *out)
{
	int ret = ST_OK;

	if (dry)
		ret = dav_check_access(d);
	else
		ret = make_collections(d);
	if (ret == ST_OK && !dry)
		ret = dav_remove_leftovers(d);
	for (size_t i = 0; ret == ST_OK && i < d->job->nfiles; i++)
		ret = put_rendition(d, &d->job->files[i], out);
	if (ret == ST_OK)
		ret = put_pages(d, out);
	if (ret == ST_OK && dry)
		plan_site(d->t->url);
	else if (ret == ST_OK)
		ret = dav_update_site(d, out);
	return ret;
}

int pub_webdav_publish(const struct pub_target *t, const struct pub_job *job, bool dry,
		       bool force, struct pub_outcome *out)
{
	struct dav d = {.t = t, .job = job, .force = force, .dry = dry};
	struct pub_claim c = {0};
	struct pub_job mine;
	char *slug = NULL;
	int ret;

	memset(out, 0, sizeof *out);
	ret = check_sources(job, dry);
	if (ret == ST_OK)
		ret = pub_http_open(&d.http, t, true);
	if (ret == ST_OK)
		ret = dav_caps_get(&d);
	if (ret == ST_OK && dav_caveat(&d)) {
		st_warn("%s: %s", t->url, dav_caveat(&d));
		out->caveat = st_xstrdup(dav_caveat(&d));
	}
	if (ret == ST_OK)
		ret = claim(&d, dry, &c);
	if (ret == ST_OK) {
		slug = pub_url_path(c.slug);
		d.base = st_strdup_printf("%s%s/", t->url, slug);
		ret = pub_claim_finish(&c, d.base, dry);
	}
	if (ret == ST_OK) {
		mine = pub_claim_job(&c);
		d.job = &mine;
		ret = publish_in(&d, dry, out);
		out->slug = st_xstrdup(c.slug);
	}
	if (ret)
		pub_outcome_free(out);
	pub_http_close(&d.http);
	dav_caps_free(&d.caps);
	for (size_t k = 0; k < d.ncols; k++)
		free(d.cols[k]);
	free(d.cols);
	free(d.base);
	free(slug);
	pub_claim_free(&c);
	return ret;
}
