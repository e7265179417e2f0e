/* job.c — see job.h. */
#include "job.h"
#include "msg.h"
#include "paths.h"
#include "safefile.h"
#include "session.h"
#include "session_records.h"
#include "slug.h"
#include "status.h"

#include <ctype.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <math.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const struct {
	const char *ext;
	enum pub_kind kind;
	const char *mime;
} media_types[] = {
	{".mp4", PUB_VIDEO, "video/mp4"},   {".m4v", PUB_VIDEO, "video/mp4"},
	{".webm", PUB_VIDEO, "video/webm"}, {".ogv", PUB_VIDEO, "video/ogg"},
	{".ogg", PUB_AUDIO, "audio/ogg"},   {".oga", PUB_AUDIO, "audio/ogg"},
	{".opus", PUB_AUDIO, "audio/ogg"},  {".m4a", PUB_AUDIO, "audio/mp4"},
	{".mp3", PUB_AUDIO, "audio/mpeg"},  {".vtt", PUB_CAPTIONS, "text/vtt"},
	{".jpg", PUB_POSTER, "image/jpeg"}, {".jpeg", PUB_POSTER, "image/jpeg"},
	{".png", PUB_POSTER, "image/png"},
};

/* Kind from the extension; "chapters*.vtt" are chapters, and the language
 * of "NAME.LANG.vtt" (2 or 3 letters) is kept for the <track> element. */
static void classify(struct pub_file *f)
{
	const char *base = strrchr(f->file, '/') ? strrchr(f->file, '/') + 1 : f->file;
	const char *ext = strrchr(base, '.');

	f->kind = PUB_OTHER;
	for (size_t i = 0; ext && i < sizeof media_types / sizeof *media_types; i++) {
		if (!strcasecmp(ext, media_types[i].ext)) {
			f->kind = media_types[i].kind;
			f->mime = media_types[i].mime;
		}
	}
	if (f->kind != PUB_CAPTIONS)
		return;
	if (!strncasecmp(base, "chapters", 8))
		f->kind = PUB_CHAPTERS;
	for (const char *dot = ext - 1; dot > base; dot--) {
		if (*dot != '.')
			continue;
		size_t n = (size_t)(ext - dot - 1);
		bool alpha = n == 2 || n == 3;
		for (size_t i = 0; alpha && i < n; i++)
			alpha = isalpha((unsigned char)dot[1 + i]);
		if (alpha)
			memcpy(f->lang, dot + 1, n);
		break;
	}
}

/* The "selection" of FILE's record in ROOT's "renditions", if any. */
static void read_selection(const json_t *root, struct pub_file *f)
{
	const json_t *recs = json_object_get(root, "renditions"), *rec;
	size_t i;

	json_array_foreach(recs, i, rec) {
		const json_t *sel = json_object_get(rec, "selection");
		const json_t *s = json_object_get(sel, "start"), *e = json_object_get(sel, "end");

		if (!json_is_string(json_object_get(rec, "file")) ||
		    strcmp(json_string_value(json_object_get(rec, "file")), f->file))
			continue;
		f->has_selection = json_is_number(s) && json_is_number(e);
		if (f->has_selection) {
			f->sel_start = json_number_value(s);
			f->sel_end = json_number_value(e);
		}
		return;
	}
}

/* The renditions of the manifest, checked by lib/session_records.c (path
 * spelling, sha256, bytes), as the job's files. */
static int read_renditions(struct pub_job *job)
{
	struct st_rendition *recs;
	size_t n;
	int ret = st_session_renditions(job->root, job->dir, &recs, &n);

	if (ret != ST_OK)
		return ret;
	if (!n) {
		st_error(_("nothing to publish in %s: run studio-encode first"), job->dir);
		return ST_NOINPUT;
	}
	job->files = st_xcalloc(n, sizeof *job->files);
	for (size_t i = 0; i < n; i++) {
		struct pub_file *f = &job->files[job->nfiles++];

		f->fd = -1;
		f->file = recs[i].file;
		f->preset = recs[i].preset;
		memcpy(f->sha256, recs[i].sha256, sizeof f->sha256);
		f->bytes = recs[i].bytes;
		f->duration = recs[i].duration;
		classify(f);
		read_selection(job->root, f);
	}
	free(recs);
	return ST_OK;
}

const char *pub_run_time(void)
{
	static char now[32];

	if (!now[0])
		st_iso8601_now(now);
	return now;
}

int pub_job_load(struct pub_job *job, const char *dir)
{
	char *abs;
	int ret;

	memset(job, 0, sizeof *job);
	job->dirfd = -1;
	if ((ret = st_session_load(dir, &job->root)))
		return ret;
	abs = realpath(dir, NULL);
	if (!abs) {
		st_error(_("cannot open session folder %s: %s"), dir, strerror(errno));
		return ST_NOINPUT;
	}
	job->dir = abs;
	if ((ret = st_safe_dir_open(abs, &job->dirfd)))
		return ret;
	job->slug = pub_slug(strrchr(abs, '/') + 1);
	st_meta_from_session(job->root, &job->meta);
	return read_renditions(job);
}

void pub_job_free(struct pub_job *job)
{
	if (job->dirfd >= 0)
		close(job->dirfd);
	free(job->dir);
	free(job->slug);
	free(job->files);
	if (job->meta.title)
		st_meta_free(&job->meta);
	json_decref(job->root);
	memset(job, 0, sizeof *job);
}

const struct pub_file *pub_job_main_media(const struct pub_job *job)
{
	const struct pub_file *jury = NULL;

	for (int kind = PUB_VIDEO; kind <= PUB_AUDIO; kind++) {
		for (size_t i = 0; i < job->nfiles; i++) {
			if (job->files[i].kind != (enum pub_kind)kind)
				continue;
			if (strcmp(job->files[i].preset, "jury"))
				return &job->files[i];
			if (!jury)
				jury = &job->files[i];
		}
		if (jury)
			return jury;
	}
	return NULL;
}

/* Half a millisecond: selections are written with the master's timestamps,
 * so equal selections are equal to far better than that. */
bool pub_file_same_selection(const struct pub_file *a, const struct pub_file *b)
{
	if (!a->has_selection || !b->has_selection)
		return true;
	return fabs(a->sel_start - b->sel_start) < 5e-4 && fabs(a->sel_end - b->sel_end) < 5e-4;
}

int pub_file_check_fd(int fd, const char *path, const struct pub_file *f, bool quiet_mismatch)
{
	char hex[65];
	uint64_t bytes;
	int ret = st_fd_sha(fd, path, 256, hex, &bytes);

	if (ret)
		return ret;
	if (bytes == f->bytes && !strcmp(hex, f->sha256))
		return ST_OK;
	if (quiet_mismatch)
		return ST_DATAERR;
	/* Only the recorded values are named: printing what was found would
	 * tell someone who planted the file how to make it match. */
	if (bytes != f->bytes)
		st_error(_("%s does not match session.json: its size is not the recorded %llu bytes"),
			 path, (unsigned long long)f->bytes);
	else
		st_error(_("%s does not match session.json: sha256 is not the recorded %s"), path,
			 f->sha256);
	return ST_DATAERR;
}

int pub_file_check(const char *path, const struct pub_file *f, bool quiet_mismatch)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0) {
		st_error(_("cannot open %s: %s"), path, strerror(errno));
		return ST_NOINPUT;
	}
	ret = pub_file_check_fd(fd, path, f, quiet_mismatch);
	close(fd);
	return ret;
}

int pub_job_check_sources(const struct pub_job *job)
{
	int ret = ST_OK;

	for (size_t i = 0; ret == ST_OK && i < job->nfiles; i++) {
		char *src = st_path_join(job->dir, job->files[i].file);
		ret = pub_file_check_fd(job->files[i].fd, src, &job->files[i], false);
		free(src);
	}
	return ret;
}

char *pub_job_source(const struct pub_file *f)
{
	return st_fd_path(f->fd);
}

static bool wanted(const char *patterns, const struct pub_file *f)
{
	char *copy, *save = NULL;
	const char *base = strrchr(f->file, '/') ? strrchr(f->file, '/') + 1 : f->file;
	bool yes = false;

	if (!patterns)
		return true;
	copy = st_xstrdup(patterns);
	for (char *p = strtok_r(copy, ", ", &save); p && !yes; p = strtok_r(NULL, ", ", &save))
		yes = !fnmatch(p, f->file, 0) || !fnmatch(p, base, 0) ||
		      (*f->preset && !fnmatch(p, f->preset, 0));
	free(copy);
	return yes;
}

/* What a target without `files` publishes (job.h). */
static bool public_default(const struct pub_target *t, const struct pub_file *f)
{
	if (!strcmp(f->preset, "jury"))
		return false;
	return t->type != PUB_TYPE_MEDIAWIKI || f->kind == PUB_VIDEO || f->kind == PUB_AUDIO;
}

/* Opens the source of every file of VIEW under the path policy
 * (safefile.h): from here on they are read through these descriptors. */
static int open_sources(struct pub_job *view)
{
	int ret = ST_OK;

	for (size_t i = 0; ret == ST_OK && i < view->nfiles; i++)
		ret = st_safe_open_read(view->dirfd, view->dir, view->files[i].file,
					&view->files[i].fd);
	return ret;
}

/* Drops from VIEW the caption and chapter files made from another
 * selection than its main medium: their times would be wrong under it, and
 * a public .vtt always has its transcript page beside the session's page
 * (docs/publish.md).  Said once per file. */
static void drop_other_selections(struct pub_job *view)
{
	const struct pub_file *main = pub_job_main_media(view);
	struct pub_file keep_main;
	size_t n = 0;

	if (!main)
		return;
	keep_main = *main;
	for (size_t i = 0; i < view->nfiles; i++) {
		const struct pub_file *f = &view->files[i];

		if ((f->kind == PUB_CAPTIONS || f->kind == PUB_CHAPTERS) &&
		    !pub_file_same_selection(&keep_main, f)) {
			st_warn(_("%s was made for another selection (%.3f-%.3f s) than %s "
				  "(%.3f-%.3f s): not published with it"),
				f->file, f->sel_start, f->sel_end, keep_main.file, keep_main.sel_start,
				keep_main.sel_end);
			continue;
		}
		view->files[n++] = *f;
	}
	view->nfiles = n;
}

int pub_job_view(const struct pub_job *job, const struct pub_target *t, struct pub_job *view)
{
	*view = *job;
	view->files = st_xcalloc(job->nfiles ? job->nfiles : 1, sizeof *view->files);
	view->nfiles = 0;
	for (size_t i = 0; i < job->nfiles; i++)
		if (t->files ? wanted(t->files, &job->files[i]) : public_default(t, &job->files[i]))
			view->files[view->nfiles++] = job->files[i];
	if (t->type != PUB_TYPE_MEDIAWIKI)
		drop_other_selections(view);
	if (view->nfiles)
		return open_sources(view);
	if (t->files)
		st_error(_("target '%s': no rendition matches files = %s"), t->name, t->files);
	else
		st_error(_("target '%s': nothing public to publish: the jury rendition needs files = jury"),
			 t->name);
	return ST_DATAERR;
}

void pub_job_view_free(struct pub_job *view)
{
	for (size_t i = 0; view->files && i < view->nfiles; i++)
		if (view->files[i].fd >= 0)
			close(view->files[i].fd);
	free(view->files);
	memset(view, 0, sizeof *view);
}
