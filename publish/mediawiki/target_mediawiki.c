/* target_mediawiki.c — see target_mediawiki.h.  The run: the wiki's
 * limits checked, the login, then each file (looked up, uploaded,
 * verified, recorded) and the documentation page; parts in mw_target.h. */
#include "target_mediawiki.h"
#include "human.h"
#include "msg.h"
#include "mw_target.h"
#include "../site/page.h"
#include "paths.h"
#include "../plan.h"
#include "progress.h"
#include "status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The file's extension and size, against what the wiki accepts. */
static int check_accepted(struct mw *m, const struct pub_file *f)
{
	const char *ext = mw_ext_of(f->file);
	char *list;

	for (size_t i = 0; i < m->api.site.nexts; i++)
		if (!strcasecmp(m->api.site.exts[i], ext))
			goto size;
	list = st_xstrdup("");
	for (size_t i = 0; i < m->api.site.nexts; i++) {
		char *next = st_strdup_printf("%s%s.%s", list, i ? ", " : "", m->api.site.exts[i]);
		free(list);
		list = next;
	}
	st_error(_("%s does not accept .%s (%s); it accepts: %s"), m->t->name, ext, f->file,
		 list);
	free(list);
	return ST_DATAERR;
size:
	if (m->api.site.max_upload > 0 && f->bytes > (uint64_t)m->api.site.max_upload) {
		st_error(_("%s does not accept %s: %llu bytes, over its limit of %lld"), m->t->name,
			 f->file, (unsigned long long)f->bytes, (long long)m->api.site.max_upload);
		return ST_DATAERR;
	}
	return ST_OK;
}

static void record(struct mw *m, const struct pub_file *f, const char *name,
		   struct wiki_file *w, bool unchanged, struct pub_outcome *out)
{
	struct pub_done *d = pub_outcome_add(out, st_xstrdup(f->file), w->page_url, f->sha256,
					     f->bytes, unchanged);

	(void)m;
	w->page_url = NULL;
	d->extra = st_xstrdup(w->name ? w->name : name);
}

/* Uploads F as File:*NAME; when the wiki proposes another name
 * (badfilename), once more under that one, which becomes *NAME. */
static int upload_as(struct mw *m, const struct pub_file *f, const char *src, const char *text,
		     char **name, enum outcome *how, char **other)
{
	int ret = ST_OK;

	for (int i = 0; ret == ST_OK && i < 2; i++) {
		double t0 = st_now();

		ret = mw_upload(m, f, src, *name, text, how, other);
		if (ret || *how != UP_RENAMED) {
			if (ret == ST_OK && *how == UP_DONE) {
				char sz[ST_HUMAN_LEN], rate[ST_HUMAN_LEN];
				double s = st_now() - t0;

				st_hsize(sz, sizeof sz, (double)f->bytes);
				st_hsize(rate, sizeof rate, s > 0 ? (double)f->bytes / s : 0.0);
				st_info(_("uploaded: %s as File:%s (%s, %s/s)"), f->file, *name, sz,
					rate);
			}
			break;
		}
		st_info(_("%s: the wiki calls File:%s File:%s (badfilename); uploading under that "
			  "name"), m->t->name, *name, *other);
		free(*name);
		*name = *other;
		*other = NULL;
	}
	return ret;
}

/* One file: unchanged, refused, already there under another name, or
 * uploaded; then verified and recorded. */
static int publish_file(struct mw *m, const struct pub_file *f, struct pub_outcome *out)
{
	char *src = pub_job_source(f), *shown = st_path_join(m->job->dir, f->file);
	char *name = pub_wiki_name(m->job, f), *other = NULL, *text = mw_description(m);
	struct wiki_file w = {0};
	enum outcome how = UP_DONE;
	char sha1[41];
	int ret = st_fd_sha(f->fd, shown, 160, sha1, NULL);

	if (ret == ST_OK)
		ret = mw_imageinfo(m, name, &w);
	if (ret == ST_OK && w.exists && !strcmp(w.sha1, sha1) && !m->force) {
		st_info(_("unchanged: %s"), w.page_url);
		record(m, f, name, &w, true, out);
		goto done;
	}
	if (ret == ST_OK && w.exists && !m->force) {
		st_error(_("%s: File:%s already exists with other content: use --force to upload "
			   "a new version"), m->t->name, name);
		ret = ST_CANTCREAT;
	}
	if (ret == ST_OK && !w.exists && !m->force && (ret = mw_find_by_sha1(m, sha1, &other)) == ST_OK &&
	    other)
		how = UP_DUPLICATE;
	mw_wiki_file_free(&w);
	if (ret == ST_OK && how != UP_DUPLICATE)
		ret = upload_as(m, f, src, text, &name, &how, &other);
	if (ret == ST_OK && how == UP_DUPLICATE) {
		st_info(_("%s is already on %s as File:%s; nothing uploaded"), f->file, m->t->name,
			other);
		free(name);
		name = other;
		other = NULL;
	}
	if (ret == ST_OK)
		ret = mw_verify(m, name, f, sha1, &w);
	if (ret == ST_OK)
		record(m, f, name, &w, how != UP_DONE, out);
done:
	mw_wiki_file_free(&w);
	free(text);
	free(other);
	free(name);
	free(shown);
	free(src);
	return ret;
}

static int preflight(struct mw *m)
{
	int ret = mw_siteinfo(&m->api);

	if (ret == ST_OK && !m->api.site.uploads) {
		st_error(_("%s does not accept uploads ($wgEnableUploads is off)"), m->t->name);
		ret = ST_UNAVAILABLE;
	}
	for (size_t i = 0; ret == ST_OK && i < m->job->nfiles; i++)
		ret = check_accepted(m, &m->job->files[i]);
	if (ret == ST_OK && m->t->chunk_size < m->api.site.min_chunk) {
		st_error(_("%s: chunk_size %ld is below the wiki's minimum of %lld bytes"),
			 m->t->name, m->t->chunk_size, (long long)m->api.site.min_chunk);
		ret = ST_CONFIG;
	}
	return ret;
}

/* What a run would do, from what the wiki holds, after the login and the
 * check of the user's rights (a wrong password fails as in a real run). */
static int dry_run(struct mw *m)
{
	int ret = mw_login(&m->api);

	if (ret == ST_OK)
		ret = mw_check_rights(m);

	for (size_t i = 0; ret == ST_OK && i < m->job->nfiles; i++) {
		const struct pub_file *f = &m->job->files[i];
		char *src = st_path_join(m->job->dir, f->file);
		char *name = pub_wiki_name(m->job, f);
		struct wiki_file w = {0};
		char sha1[41];

		ret = st_fd_sha(f->fd, src, 160, sha1, NULL);
		if (ret == ST_OK)
			ret = mw_imageinfo(m, name, &w);
		if (ret == ST_OK && w.exists && !strcmp(w.sha1, sha1) && !m->force) {
			if (!pub_plan_step("unchanged", src, w.page_url, NULL))
				printf(_("unchanged: %s\n"), w.page_url);
		} else if (ret == ST_OK && w.exists && !m->force) {
			if (!pub_plan_step("refuse", src, w.page_url, "exists with other content"))
				printf(_("would refuse %s: File:%s exists with other content "
					 "(use --force)\n"), src, name);
		} else if (ret == ST_OK) {
			char *dest = st_strdup_printf("File:%s", name);

			if (!pub_plan_step("upload", src, dest, NULL))
				printf(_("would upload %s to %s as File:%s\n"), src, m->t->name, name);
			free(dest);
		}
		mw_wiki_file_free(&w);
		free(name);
		free(src);
	}
	if (ret == ST_OK && m->t->page) {
		char *title = mw_page_title(m);
		if (!pub_plan_step("update", NULL, title, NULL))
			printf(_("would update the section of %s on %s\n"), title, m->t->name);
		free(title);
	}
	return ret;
}

int pub_mediawiki_publish(const struct pub_target *t, const struct pub_job *job, bool dry,
			  bool force, struct pub_outcome *out)
{
	struct mw m = {.t = t, .job = job, .force = force};
	int ret;

	memset(out, 0, sizeof *out);
	ret = pub_job_check_sources(job);
	if (ret == ST_OK)
		ret = mw_open(&m.api, t);
	if (ret == ST_OK)
		ret = preflight(&m);
	if (ret == ST_OK && dry) {
		ret = dry_run(&m);
		goto done;
	}
	if (ret == ST_OK)
		ret = mw_login(&m.api);
	for (size_t i = 0; ret == ST_OK && i < job->nfiles; i++)
		ret = publish_file(&m, &job->files[i], out);
	if (ret == ST_OK && t->page)
		ret = mw_edit_page(&m, out, &out->page_path);
done:
	/* On failure OUT keeps the files already uploaded: the caller records
	 * them, so that the next run finds them instead of uploading again. */
	if (ret && dry)
		pub_outcome_free(out);
	mw_close(&m.api);
	return ret;
}
