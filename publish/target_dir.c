/* target_dir.c — see target_dir.h. */
#include "target_dir.h"
#include "msg.h"
#include "page.h"
#include "paths.h"
#include "session.h"
#include "status.h"
#include "url.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE_FILE "index.html"

/* Checks PATH against the record's size and sha256.  With QUIET_MISMATCH
 * a mismatch only returns ST_DATAERR; otherwise it is reported. */
static int check_file(const char *path, const struct pub_file *f, bool quiet_mismatch)
{
	char hex[65];
	uint64_t bytes;
	int ret = st_file_sha256(path, hex, &bytes);

	if (ret)
		return ret;
	if (bytes == f->bytes && !strcmp(hex, f->sha256))
		return ST_OK;
	if (quiet_mismatch)
		return ST_DATAERR;
	if (bytes != f->bytes)
		st_error(_("%s does not match session.json: %llu bytes instead of %llu"), path,
			 (unsigned long long)bytes, (unsigned long long)f->bytes);
	else
		st_error(_("%s does not match session.json: sha256 %s instead of %s"), path, hex,
			 f->sha256);
	return ST_DATAERR;
}

static int check_sources(const struct pub_job *job)
{
	int ret = ST_OK;

	for (size_t i = 0; ret == ST_OK && i < job->nfiles; i++) {
		char *src = st_path_join(job->dir, job->files[i].file);
		ret = check_file(src, &job->files[i], false);
		free(src);
	}
	return ret;
}

static bool already_there(const char *dst, const struct pub_file *f)
{
	return st_is_file(dst) && check_file(dst, f, true) == ST_OK;
}

/* Copies one rendition unless an identical copy is there; a copy that
 * does not read back as recorded is removed. */
static int put_file(const struct pub_job *job, const struct pub_file *f, const char *dest,
		    struct pub_outcome *out)
{
	char *src = st_path_join(job->dir, f->file);
	char *dst = st_path_join(dest, f->file);
	char *parent = st_xstrdup(dst);
	bool unchanged = already_there(dst, f);
	int ret = ST_OK;

	*strrchr(parent, '/') = '\0';
	if (!unchanged) {
		ret = st_mkdirs(parent);
		if (ret == ST_OK)
			ret = st_copy_file_atomic(src, dst);
		if (ret == ST_OK && (ret = check_file(dst, f, false)))
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

static int put_page(const struct pub_job *job, const char *dest, struct pub_outcome *out)
{
	char *page = pub_page_render(job);
	char *path = st_path_join(dest, PAGE_FILE);
	char hex[65];
	uint64_t bytes;
	int ret = st_write_file_atomic(path, page, strlen(page));

	if (ret == ST_OK)
		ret = st_file_sha256(path, hex, &bytes);
	if (ret == ST_OK) {
		st_info(_("written: %s"), path);
		pub_outcome_add(out, st_xstrdup(PAGE_FILE), pub_file_url(path), hex, bytes, false);
		out->page_path = path;
		path = NULL;
	}
	free(path);
	free(page);
	return ret;
}

static void dry_run(const struct pub_job *job, const char *dest)
{
	for (size_t i = 0; i < job->nfiles; i++) {
		const struct pub_file *f = &job->files[i];
		char *src = st_path_join(job->dir, f->file);
		char *dst = st_path_join(dest, f->file);

		if (already_there(dst, f))
			printf(_("unchanged: %s\n"), dst);
		else
			printf(_("would copy %s to %s\n"), src, dst);
		free(dst);
		free(src);
	}
	printf(_("would write %s/%s\n"), dest, PAGE_FILE);
}

int pub_dir_publish(const struct pub_target *t, const struct pub_job *job, bool dry,
		    struct pub_outcome *out)
{
	char *dest = st_path_join(t->path, job->slug);
	char *real = NULL;
	int ret;

	memset(out, 0, sizeof *out);
	ret = check_sources(job);
	if (ret == ST_OK && dry) {
		dry_run(job, dest);
		goto done;
	}
	if (ret == ST_OK)
		ret = st_mkdirs(dest);
	if (ret == ST_OK && !(real = realpath(dest, NULL))) {
		st_error(_("cannot open %s: %s"), dest, strerror(errno));
		ret = ST_CANTCREAT;
	}
	for (size_t i = 0; ret == ST_OK && i < job->nfiles; i++)
		ret = put_file(job, &job->files[i], real, out);
	if (ret == ST_OK)
		ret = put_page(job, real, out);
done:
	if (ret)
		pub_outcome_free(out);
	free(real);
	free(dest);
	return ret;
}
