/* target_dir.c — see target_dir.h. */
#include "target_dir.h"
#include "msg.h"
#include "plan.h"
#include "page.h"
#include "paths.h"
#include "session.h"
#include "site.h"
#include "status.h"
#include "url.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE_FILE "index.html"

static bool already_there(const char *dst, const struct pub_file *f)
{
	return st_is_file(dst) && pub_file_check(dst, f, true) == ST_OK;
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

/* Reads SITE/sessions.json, or NULL (empty catalogue) when there is none. */
static json_t *read_catalogue(const char *path)
{
	char *text = NULL;
	size_t len = 0;
	json_t *cat;
	FILE *f = fopen(path, "rb");

	if (!f && errno == ENOENT)
		return pub_site_parse(NULL, 0, path);
	if (f) {
		FILE *mem = open_memstream(&text, &len);
		char buf[65536];
		size_t n;

		while (mem && (n = fread(buf, 1, sizeof buf, f)) > 0)
			fwrite(buf, 1, n, mem);
		if (!mem || ferror(f) || fclose(mem)) {
			fclose(f);
			free(text);
			f = NULL;
		} else {
			fclose(f);
		}
	}
	if (!f && !text) {
		st_error(_("cannot read %s: %s"), path, strerror(errno));
		return NULL;
	}
	cat = pub_site_parse(text, len, path);
	free(text);
	return cat;
}

static int write_text(const char *dir, const char *name, char *text)
{
	char *path = st_path_join(dir, name);
	int ret = st_write_file_atomic(path, text, strlen(text));

	free(path);
	free(text);
	return ret;
}

/* The site's catalogue, index.html and feed.xml, read-modify-written under
 * an exclusive flock on SITE/.site.lock so concurrent publishers queue. */
static int update_site(const struct pub_target *t, const struct pub_job *job, const char *root)
{
	char *lock_path = st_path_join(root, ".site.lock");
	char *cat_path = st_path_join(root, PUB_SITE_CATALOGUE);
	char *base = site_base(t);
	json_t *cat = NULL, *entry = NULL;
	int ret = ST_CANTCREAT;
	int fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0 || flock(fd, LOCK_EX)) {
		st_error(_("cannot lock %s: %s"), lock_path, strerror(errno));
		goto done;
	}
	ret = ST_DATAERR;
	if (!(cat = read_catalogue(cat_path)))
		goto done;
	entry = pub_site_entry(job, base);
	pub_site_merge(cat, entry);
	ret = write_text(root, PUB_SITE_CATALOGUE, pub_site_dump(cat));
	if (ret == ST_OK)
		ret = write_text(root, PUB_SITE_FEED, pub_site_feed(cat, base));
	if (ret == ST_OK)
		ret = write_text(root, PUB_SITE_INDEX, pub_site_index(cat));
	if (ret == ST_OK)
		st_info(_("updated: %s/%s"), root, PUB_SITE_FEED);
done:
	if (fd >= 0)
		close(fd);
	json_decref(entry);
	json_decref(cat);
	free(base);
	free(cat_path);
	free(lock_path);
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

static void dry_run(const struct pub_target *t, const struct pub_job *job, const char *dest)
{
	for (size_t i = 0; i < job->nfiles; i++) {
		const struct pub_file *f = &job->files[i];
		char *src = st_path_join(job->dir, f->file);
		char *dst = st_path_join(dest, f->file);

		if (already_there(dst, f)) {
			if (!pub_plan_step("unchanged", src, dst, NULL))
				printf(_("unchanged: %s\n"), dst);
		} else if (!pub_plan_step("copy", src, dst, NULL)) {
			printf(_("would copy %s to %s\n"), src, dst);
		}
		free(dst);
		free(src);
	}
	if (plan_site(dest, PAGE_FILE, "write", NULL, NULL)) {
		plan_site(t->path, PUB_SITE_CATALOGUE, "update", PUB_SITE_INDEX, PUB_SITE_FEED);
		return;
	}
	printf(_("would write %s/%s\n"), dest, PAGE_FILE);
	printf(_("would update %s/%s, %s/%s and %s/%s\n"), t->path, PUB_SITE_CATALOGUE, t->path,
	       PUB_SITE_INDEX, t->path, PUB_SITE_FEED);
}

int pub_dir_publish(const struct pub_target *t, const struct pub_job *job, bool dry,
		    struct pub_outcome *out)
{
	char *dest = st_path_join(t->path, job->slug);
	char *real = NULL;
	int ret;

	memset(out, 0, sizeof *out);
	ret = pub_job_check_sources(job);
	if (ret == ST_OK && dry) {
		dry_run(t, job, dest);
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
	if (ret == ST_OK)
		ret = update_site(t, job, t->path);
done:
	if (ret)
		pub_outcome_free(out);
	free(real);
	free(dest);
	return ret;
}
