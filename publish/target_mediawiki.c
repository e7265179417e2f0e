/* target_mediawiki.c — see target_mediawiki.h. */
#include "target_mediawiki.h"
#include "escape.h"
#include "msg.h"
#include "mw_api.h"
#include "page.h"
#include "paths.h"
#include "plan.h"
#include "progress.h"
#include "session.h"
#include "status.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define NAME_MAX_BYTES 240
#define EDIT_TRIES 5
#define MARK_BEGIN "<!-- studio-publish:begin -->"
#define MARK_END "<!-- studio-publish:end -->"
#define RESUME_KEY "publish_resume"

struct mw {
	struct mw_api api;
	const struct pub_target *t;
	const struct pub_job *job;
	bool force;
};

/* What the wiki holds under a name. */
struct wiki_file {
	bool exists;
	char sha1[41];
	uint64_t size;
	char *page_url;       /* File: description page */
	char *name;           /* the wiki's own spelling of the name (its page
			       * title without the namespace), e.g. with the
			       * first letter uppercased by mb_strtoupper */
};

static void wiki_file_free(struct wiki_file *w)
{
	free(w->page_url);
	free(w->name);
	memset(w, 0, sizeof *w);
}

/* --- names -------------------------------------------------------------------- */

static const char *ext_of(const char *file)
{
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	const char *dot = strrchr(base, '.');
	return dot ? dot + 1 : "";
}

char *pub_wiki_name(const struct pub_job *job, const struct pub_file *f)
{
	const char *base = strrchr(f->file, '/') ? strrchr(f->file, '/') + 1 : f->file;
	const char *ext = ext_of(f->file);
	char *stem = *f->preset ? st_xstrdup(f->preset) : st_xstrdup(base);
	char *raw, *out, *o;
	size_t max;

	if (!*f->preset && *ext)
		stem[strlen(stem) - strlen(ext) - 1] = '\0';
	raw = st_strdup_printf("%s - %s", *job->meta.title ? job->meta.title : job->slug, stem);
	out = st_xcalloc(strlen(raw) + strlen(ext) + 3, 1);
	o = out;
	for (const unsigned char *c = (const unsigned char *)raw; *c; c++) {
		bool space = *c == ' ' || *c == '_' || *c == '\t' || *c == '\n';

		if (*c < 0x20 || *c == 0x7f)
			continue;
		if (space) {
			if (o > out && o[-1] != ' ')
				*o++ = ' ';
		} else {
			*o++ = strchr("#<>[]|{}:/\\", *c) ? '-' : (char)*c;
		}
	}
	while (o > out && (o[-1] == ' ' || o[-1] == '.'))
		o--;
	/* Room for ".ext", cut on a UTF-8 character boundary. */
	max = NAME_MAX_BYTES - strlen(ext) - 1;
	if ((size_t)(o - out) > max) {
		o = out + max;
		while (o > out && ((unsigned char)*o & 0xc0) == 0x80)
			o--;
	}
	*o = '\0';
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 32);
	else if ((unsigned char)out[0] == 0xc3 && (unsigned char)out[1] >= 0xa0 &&
		 (unsigned char)out[1] <= 0xbe && (unsigned char)out[1] != 0xb7)
		out[1] = (char)((unsigned char)out[1] - 0x20);   /* à → À ... þ → Þ */
	if (*ext)
		sprintf(o, ".%s", ext);
	free(raw);
	free(stem);
	return out;
}

/* --- what the wiki holds -------------------------------------------------------- */

static int imageinfo(struct mw *m, const char *name, struct wiki_file *w)
{
	struct mw_form f = {0};
	char *title = st_strdup_printf("File:%s", name);
	json_t *r = NULL, *page, *ii;
	int ret;

	memset(w, 0, sizeof *w);
	mw_form_add(&f, "action", "query");
	mw_form_add(&f, "prop", "imageinfo");
	mw_form_add(&f, "iiprop", "sha1|size|url");
	mw_form_add(&f, "titles", title);
	ret = mw_post(&m->api, &f, &r);
	if (ret == ST_OK && mw_error_code(r))
		ret = mw_fail(&m->api, "imageinfo", r);
	page = json_array_get(json_object_get(json_object_get(r, "query"), "pages"), 0);
	ii = json_array_get(json_object_get(page, "imageinfo"), 0);
	if (ret == ST_OK && ii) {
		const char *sha1 = json_string_value(json_object_get(ii, "sha1"));
		const char *url = json_string_value(json_object_get(ii, "descriptionurl"));
		const char *canon = json_string_value(json_object_get(page, "title"));
		const char *colon = canon ? strchr(canon, ':') : NULL;

		w->exists = true;
		snprintf(w->sha1, sizeof w->sha1, "%s", sha1 ? sha1 : "");
		w->size = (uint64_t)json_integer_value(json_object_get(ii, "size"));
		w->page_url = url ? st_xstrdup(url) : mw_page_url(&m->api, title);
		w->name = st_xstrdup(colon ? colon + 1 : name);
	}
	json_decref(r);
	free(title);
	return ret;
}

/* The name of a file with content SHA1 already on the wiki, or NULL. */
static int find_by_sha1(struct mw *m, const char *sha1, char **name)
{
	struct mw_form f = {0};
	json_t *r = NULL;
	const char *n;
	int ret;

	*name = NULL;
	mw_form_add(&f, "action", "query");
	mw_form_add(&f, "list", "allimages");
	mw_form_add(&f, "aisha1", sha1);
	mw_form_add(&f, "ailimit", "1");
	ret = mw_post(&m->api, &f, &r);
	if (ret == ST_OK && mw_error_code(r))
		ret = mw_fail(&m->api, "allimages", r);
	/* "title" ("File:A b.mp4") rather than "name" ("A_b.mp4"). */
	n = json_string_value(json_object_get(json_array_get(json_object_get(
		json_object_get(r, "query"), "allimages"), 0), "title"));
	if (ret == ST_OK && n)
		*name = st_xstrdup(strchr(n, ':') ? strchr(n, ':') + 1 : n);
	json_decref(r);
	return ret;
}

/* --- resume state in session.json ------------------------------------------------ */

struct resume {
	const char *target, *file, *sha256, *filekey;
	uint64_t offset;
};

static int save_resume(json_t *root, void *vctx)
{
	const struct resume *r = vctx;
	json_t *all = json_object_get(root, RESUME_KEY), *mine;

	if (!json_is_object(all)) {
		all = json_object();
		json_object_set_new(root, RESUME_KEY, all);
	}
	mine = json_object_get(all, r->target);
	if (!json_is_object(mine)) {
		mine = json_object();
		json_object_set_new(all, r->target, mine);
	}
	if (r->filekey)
		json_object_set_new(mine, r->file, json_pack("{s:s, s:s, s:I}", "sha256", r->sha256,
							     "filekey", r->filekey, "offset",
							     (json_int_t)r->offset));
	else
		json_object_del(mine, r->file);
	if (!json_object_size(mine))
		json_object_del(all, r->target);
	if (!json_object_size(all))
		json_object_del(root, RESUME_KEY);
	return ST_OK;
}

static int set_resume(struct mw *m, const struct pub_file *f, const char *filekey,
		      uint64_t offset)
{
	struct resume r = {m->t->name, f->file, f->sha256, filekey, offset};
	return st_session_update(m->job->dir, false, save_resume, &r);
}

/* The filekey and offset saved by an interrupted run, if they are for
 * this very content. */
static void get_resume(struct mw *m, const struct pub_file *f, char **filekey, uint64_t *offset)
{
	json_t *root = NULL;
	const json_t *rec;

	*filekey = NULL;
	*offset = 0;
	if (st_session_load(m->job->dir, &root))
		return;
	rec = json_object_get(json_object_get(json_object_get(root, RESUME_KEY), m->t->name),
			      f->file);
	if (rec && !strcmp(json_string_value(json_object_get(rec, "sha256")) ?: "", f->sha256) &&
	    json_string_value(json_object_get(rec, "filekey"))) {
		*filekey = st_xstrdup(json_string_value(json_object_get(rec, "filekey")));
		*offset = (uint64_t)json_integer_value(json_object_get(rec, "offset"));
	}
	json_decref(root);
}

/* --- uploads --------------------------------------------------------------------- */

static char *description(const struct mw *m)
{
	char *block = st_meta_wikitext(&m->job->meta);
	char *cats = st_xstrdup(""), *copy, *save = NULL, *out;

	if (m->t->categories) {
		copy = st_xstrdup(m->t->categories);
		for (char *c = strtok_r(copy, ",", &save); c; c = strtok_r(NULL, ",", &save)) {
			char *next;

			while (*c == ' ')
				c++;
			for (char *e = c + strlen(c); e > c && e[-1] == ' ';)
				*--e = '\0';
			if (!*c)
				continue;
			next = st_strdup_printf("%s[[Category:%s]]\n", cats, c);
			free(cats);
			cats = next;
		}
		free(copy);
	}
	out = st_strdup_printf("== Description ==\n%s\n%s", block, cats);
	free(block);
	free(cats);
	return out;
}

/* How an upload ended. */
enum outcome { UP_DONE, UP_UNCHANGED, UP_DUPLICATE, UP_RENAMED, UP_STASH_LOST };

static bool stash_lost(const char *code)
{
	return code && (strstr(code, "stash") || !strcmp(code, "invalid-file-key") ||
			!strcmp(code, "missingresult") || !strcmp(code, "nofilekey"));
}

/* Judges the "warnings" of an upload reply.  *OTHER receives the name the
 * wiki proposes (badfilename) or already uses (duplicate). */
static int judge_warnings(struct mw *m, const char *name, const json_t *warn,
			  enum outcome *how, char **other)
{
	const json_t *dup = json_object_get(warn, "duplicate");
	const char *bad = json_string_value(json_object_get(warn, "badfilename"));
	const char *key;
	json_t *v;

	if (json_object_get(warn, "nochange")) {
		*how = UP_UNCHANGED;
		return ST_OK;
	}
	if (json_array_size(dup) && json_string_value(json_array_get(dup, 0))) {
		*other = st_xstrdup(json_string_value(json_array_get(dup, 0)));
		*how = UP_DUPLICATE;
		return ST_OK;
	}
	if (bad) {
		*other = st_xstrdup(bad);
		*how = UP_RENAMED;
		return ST_OK;
	}
	if (json_object_get(warn, "exists")) {
		st_error(_("%s: File:%s already exists with other content: use --force to upload "
			   "a new version"), m->t->name, name);
		return ST_CANTCREAT;
	}
	if (json_object_get(warn, "was-deleted")) {
		st_error(_("%s: File:%s was deleted from the wiki: use --force to upload it again"),
			 m->t->name, name);
		return ST_CANTCREAT;
	}
	json_object_foreach((json_t *)warn, key, v) {
		st_error(_("%s: File:%s: the wiki warns '%s': use --force to upload anyway"),
			 m->t->name, name, key);
		return ST_CANTCREAT;
	}
	*how = UP_DONE;
	return ST_OK;
}

/* Reads an upload reply: Success, Warning, or the errors that mean "done"
 * or "start again". */
static int judge_reply(struct mw *m, const char *name, const json_t *r, enum outcome *how,
		       char **other)
{
	const json_t *up = json_object_get(r, "upload");
	const char *code = mw_error_code(r);
	const char *result = json_string_value(json_object_get(up, "result"));

	*how = UP_DONE;
	if (code && !strcmp(code, "fileexists-no-change")) {
		*how = UP_UNCHANGED;
		return ST_OK;
	}
	if (code && stash_lost(code)) {
		*how = UP_STASH_LOST;
		return ST_OK;
	}
	if (code)
		return mw_fail(&m->api, name, r);
	if (result && !strcmp(result, "Warning"))
		return judge_warnings(m, name, json_object_get(up, "warnings"), how, other);
	if (result && !strcmp(result, "Success"))
		return ST_OK;
	st_error(_("%s: upload of %s: unexpected result '%s'"), m->t->name, name,
		 result ? result : "?");
	return ST_UNAVAILABLE;
}

static void add_common(struct mw *m, struct mw_form *f, const char *name, const char *text)
{
	mw_form_add(f, "action", "upload");
	mw_form_add(f, "filename", name);
	mw_form_add(f, "comment", "studio-publish (CorsicaLab Studio)");
	mw_form_add(f, "text", text);
	if (m->force)
		mw_form_add(f, "ignorewarnings", "1");
	f->token = true;
}

/* Wikis with $wgEnableAsyncUploads assemble the chunks and publish from
 * the stash in jobs: the reply to a request sent with async=1 is then
 * "Poll", and action=upload&checkstatus=1 tells how the job goes, until a
 * reply like the synchronous one ("Success", "Warning" or an error)
 * replaces *R.  Wikis without it ignore async=1 and answer at once.
 * Polls after 0.5 s, then 1.5 times longer each time up to 10 s, for at
 * most POLL_MAX seconds (a wiki whose job runners stopped: clear error;
 * the next run resumes from the stash or finds the file published). */
#define POLL_MAX 1800.0
static void pause_s(double s)
{
	struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static int await_job(struct mw *m, const struct pub_file *f, const char *filekey, json_t **r)
{
	double wait = 0.5, waited = 0;
	bool said = false;

	for (;;) {
		const json_t *up = json_object_get(*r, "upload");
		const char *result = json_string_value(json_object_get(up, "result"));
		const char *stage = json_string_value(json_object_get(up, "stage"));
		struct mw_form form = {0};
		int ret;

		if (!result || strcmp(result, "Poll") || mw_error_code(*r))
			return ST_OK;
		if (!said)
			st_info(_("%s: the wiki processes %s in the background (%s); waiting for it"),
				m->t->name, f->file, stage ? stage : "queued");
		said = true;
		if (waited >= POLL_MAX) {
			st_error(_("%s: %s is still being processed by the wiki after %.0f s; run "
				   "again later"), m->t->name, f->file, waited);
			return ST_TEMPFAIL;
		}
		pause_s(wait);
		waited += wait;
		wait = wait * 1.5 < 10 ? wait * 1.5 : 10;
		json_decref(*r);
		*r = NULL;
		mw_form_add(&form, "action", "upload");
		mw_form_add(&form, "checkstatus", "1");
		mw_form_add(&form, "filekey", filekey);
		form.token = true;
		if ((ret = mw_post(&m->api, &form, r)))
			return ret;
	}
}

/* Sends the chunks from *OFFSET on.  On success *FILEKEY names the
 * complete file in the stash. */
static int send_chunks(struct mw *m, const struct pub_file *f, const char *src, const char *name,
		       char **filekey, uint64_t offset, enum outcome *how)
{
	char size[24], off[24];
	int ret = ST_OK;

	snprintf(size, sizeof size, "%llu", (unsigned long long)f->bytes);
	*how = UP_DONE;
	while (ret == ST_OK) {
		uint64_t len = f->bytes - offset < (uint64_t)m->t->chunk_size
			       ? f->bytes - offset : (uint64_t)m->t->chunk_size;
		struct mw_form form = {.file_field = "chunk", .file_path = src,
				       .file_offset = offset, .file_length = len,
				       .label = f->file, .token = true};
		json_t *r = NULL;
		const char *result;
		bool last = false;

		snprintf(off, sizeof off, "%llu", (unsigned long long)offset);
		mw_form_add(&form, "action", "upload");
		mw_form_add(&form, "stash", "1");
		mw_form_add(&form, "filename", name);
		mw_form_add(&form, "filesize", size);
		mw_form_add(&form, "offset", off);
		mw_form_add(&form, "ignorewarnings", "1");
		if (*filekey)
			mw_form_add(&form, "filekey", *filekey);
		if (offset + len == f->bytes)
			mw_form_add(&form, "async", "1");
		if ((ret = mw_post(&m->api, &form, &r)))
			break;
		if (*filekey && (ret = await_job(m, f, *filekey, &r)))
			break;
		result = json_string_value(json_object_get(json_object_get(r, "upload"), "result"));
		if (mw_error_code(r) && stash_lost(mw_error_code(r)) && *filekey) {
			*how = UP_STASH_LOST;
		} else if (mw_error_code(r)) {
			ret = mw_fail(&m->api, f->file, r);
		} else {
			const json_t *up = json_object_get(r, "upload");
			const char *key = json_string_value(json_object_get(up, "filekey"));

			if (key) {
				free(*filekey);
				*filekey = st_xstrdup(key);
			}
			if (result && !strcmp(result, "Continue")) {
				offset = (uint64_t)json_integer_value(json_object_get(up, "offset"));
				ret = set_resume(m, f, *filekey, offset);
			} else if (!result || strcmp(result, "Success") || !*filekey) {
				st_error(_("%s: chunk at %s of %s: unexpected result '%s'"),
					 m->t->name, off, f->file, result ? result : "?");
				ret = ST_UNAVAILABLE;
			} else {
				last = true;
			}
		}
		json_decref(r);
		if (ret || *how == UP_STASH_LOST || last)
			break;
	}
	return ret;
}

/* A chunked upload, resumed from session.json when possible; an expired
 * stash starts over, once. */
static int upload_chunked(struct mw *m, const struct pub_file *f, const char *src,
			  const char *name, const char *text, enum outcome *how, char **other)
{
	char *filekey = NULL;
	uint64_t offset = 0;
	int ret = ST_OK;

	get_resume(m, f, &filekey, &offset);
	if (filekey)
		st_info(_("%s: resuming %s at byte %llu"), m->t->name, f->file,
			(unsigned long long)offset);
	for (int round = 0; round < 2; round++) {
		struct mw_form form = {0};
		json_t *r = NULL;

		ret = offset < f->bytes ? send_chunks(m, f, src, name, &filekey, offset, how) : ST_OK;
		if (ret == ST_OK && *how != UP_STASH_LOST) {
			add_common(m, &form, name, text);
			mw_form_add(&form, "filekey", filekey);
			mw_form_add(&form, "async", "1");
			ret = mw_post(&m->api, &form, &r);
			if (ret == ST_OK)
				ret = await_job(m, f, filekey, &r);
			if (ret == ST_OK)
				ret = judge_reply(m, name, r, how, other);
			json_decref(r);
		}
		if (ret || *how != UP_STASH_LOST)
			break;
		st_info(_("%s: the wiki no longer has the stashed part of %s; starting again"),
			m->t->name, f->file);
		free(filekey);
		filekey = NULL;
		offset = 0;
		*how = UP_DONE;
	}
	if (ret == ST_OK && *how == UP_STASH_LOST) {
		st_error(_("%s: the wiki lost the stash of %s twice"), m->t->name, f->file);
		ret = ST_TEMPFAIL;
	}
	if (ret == ST_OK)
		ret = set_resume(m, f, NULL, 0);
	free(filekey);
	return ret;
}

static int upload_single(struct mw *m, const struct pub_file *f, const char *src,
			 const char *name, const char *text, enum outcome *how, char **other)
{
	struct mw_form form = {.file_field = "file", .file_path = src, .file_length = f->bytes,
			       .label = f->file};
	json_t *r = NULL;
	int ret;

	add_common(m, &form, name, text);
	ret = mw_post(&m->api, &form, &r);
	if (ret == ST_OK)
		ret = judge_reply(m, name, r, how, other);
	json_decref(r);
	return ret;
}

/* The file's extension and size, against what the wiki accepts. */
static int check_accepted(struct mw *m, const struct pub_file *f)
{
	const char *ext = ext_of(f->file);
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

static int verify(struct mw *m, const char *name, const struct pub_file *f, const char *sha1,
		  struct wiki_file *w)
{
	int ret = imageinfo(m, name, w);

	if (ret == ST_OK && (!w->exists || strcmp(w->sha1, sha1) || w->size != f->bytes)) {
		st_error(_("%s: File:%s does not hold %s after the upload (sha1 %s, %llu bytes; "
			   "expected %s, %llu bytes)"), m->t->name, name, f->file,
			 w->exists ? w->sha1 : "-", (unsigned long long)w->size, sha1,
			 (unsigned long long)f->bytes);
		ret = ST_UNAVAILABLE;
	}
	return ret;
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

static int publish_file(struct mw *m, const struct pub_file *f, struct pub_outcome *out)
{
	char *src = st_path_join(m->job->dir, f->file);
	char *name = pub_wiki_name(m->job, f), *other = NULL, *text = description(m);
	struct wiki_file w = {0};
	enum outcome how = UP_DONE;
	char sha1[41];
	int ret = st_file_sha(src, 160, sha1, NULL);

	if (ret == ST_OK)
		ret = imageinfo(m, name, &w);
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
	if (ret == ST_OK && !w.exists && !m->force && (ret = find_by_sha1(m, sha1, &other)) == ST_OK &&
	    other)
		how = UP_DUPLICATE;
	wiki_file_free(&w);
	for (int i = 0; ret == ST_OK && how != UP_DUPLICATE && i < 2; i++) {
		double t0 = st_now();

		ret = f->bytes <= (uint64_t)m->t->chunk_size
			      ? upload_single(m, f, src, name, text, &how, &other)
			      : upload_chunked(m, f, src, name, text, &how, &other);
		if (ret || how != UP_RENAMED) {
			if (ret == ST_OK && how == UP_DONE) {
				char *sz = pub_human_size(f->bytes);
				double s = st_now() - t0;
				st_info(_("uploaded: %s as File:%s (%s, %.1f MB/s)"), f->file, name,
					sz, s > 0 ? (double)f->bytes / s / 1e6 : 0.0);
				free(sz);
			}
			break;
		}
		st_info(_("%s: the wiki calls File:%s File:%s (badfilename); uploading under that "
			  "name"), m->t->name, name, other);
		free(name);
		name = other;
		other = NULL;
	}
	if (ret == ST_OK && how == UP_DUPLICATE) {
		st_info(_("%s is already on %s as File:%s; nothing uploaded"), f->file, m->t->name,
			other);
		free(name);
		name = other;
		other = NULL;
	}
	if (ret == ST_OK)
		ret = verify(m, name, f, sha1, &w);
	if (ret == ST_OK)
		record(m, f, name, &w, how != UP_DONE, out);
done:
	wiki_file_free(&w);
	free(text);
	free(other);
	free(name);
	free(src);
	return ret;
}

/* --- the documentation page --------------------------------------------------------- */

static char *page_title(const struct mw *m)
{
	const char *pat = m->t->page;
	char *out = st_xstrdup("");

	while (*pat) {
		const char *title = *m->job->meta.title ? m->job->meta.title : m->job->slug;
		char *next;

		if (!strncmp(pat, "{title}", 7)) {
			next = st_strdup_printf("%s%s", out, title);
			pat += 7;
		} else if (!strncmp(pat, "{slug}", 6)) {
			next = st_strdup_printf("%s%s", out, m->job->slug);
			pat += 6;
		} else {
			next = st_strdup_printf("%s%c", out, *pat == '_' ? ' ' : *pat);
			pat++;
		}
		free(out);
		out = next;
	}
	for (char *c = out; *c; c++)
		if (strchr("#<>[]|{}", *c))
			*c = '-';
	return out;
}

/* The tool's section: the video, links to every rendition, the licence. */
static char *own_section(const struct mw *m, const struct pub_outcome *out)
{
	char *block = st_meta_wikitext(&m->job->meta), *links = st_xstrdup(""), *video = NULL;
	char *title = st_escape_wikitext(m->job->meta.title), *s;

	for (size_t i = 0; i < out->ndone; i++) {
		const struct pub_done *d = &out->done[i];
		const struct pub_file *f = NULL;
		char *next;

		for (size_t k = 0; k < m->job->nfiles; k++)
			if (!strcmp(m->job->files[k].file, d->file))
				f = &m->job->files[k];
		if (!d->extra || !f)
			continue;
		if (!video && f->kind == PUB_VIDEO)
			video = st_strdup_printf("[[File:%s|thumb|none|640px|%s]]\n", d->extra, title);
		next = st_strdup_printf("%s* [[Media:%s|%s]] (%s)\n", links, d->extra, d->extra,
					*f->preset ? f->preset : f->file);
		free(links);
		links = next;
	}
	s = st_strdup_printf(MARK_BEGIN "\n== %s ==\n%s%s\n=== Fichiers ===\n%s" MARK_END,
			     title, video ? video : "", block, links);
	free(block);
	free(links);
	free(video);
	free(title);
	return s;
}

/* OLD with its tool section replaced by SECTION (or SECTION appended). */
static char *splice_section(const char *old, const char *section)
{
	const char *b = strstr(old, MARK_BEGIN);
	const char *e = b ? strstr(b, MARK_END) : NULL;

	if (b && e)
		return st_strdup_printf("%.*s%s%s", (int)(b - old), old, section,
					e + strlen(MARK_END));
	return st_strdup_printf("%s%s%s\n", old, *old ? "\n\n" : "", section);
}

static int read_page(struct mw *m, const char *title, char **text, char **ts, char **start)
{
	struct mw_form f = {0};
	json_t *r = NULL, *page, *rev;
	int ret;

	mw_form_add(&f, "action", "query");
	mw_form_add(&f, "prop", "revisions");
	mw_form_add(&f, "rvprop", "content|timestamp");
	mw_form_add(&f, "rvslots", "main");
	mw_form_add(&f, "curtimestamp", "1");
	mw_form_add(&f, "titles", title);
	ret = mw_post(&m->api, &f, &r);
	if (ret == ST_OK && mw_error_code(r))
		ret = mw_fail(&m->api, title, r);
	page = json_array_get(json_object_get(json_object_get(r, "query"), "pages"), 0);
	rev = json_array_get(json_object_get(page, "revisions"), 0);
	if (ret == ST_OK) {
		const char *c = json_string_value(json_object_get(json_object_get(
			json_object_get(rev, "slots"), "main"), "content"));
		const char *t = json_string_value(json_object_get(rev, "timestamp"));
		const char *now = json_string_value(json_object_get(r, "curtimestamp"));

		*text = st_xstrdup(c ? c : "");
		*ts = t ? st_xstrdup(t) : NULL;
		*start = st_xstrdup(now ? now : "");
	}
	json_decref(r);
	return ret;
}

/* Rewrites the tool's own section of the documentation page; *URL is the
 * page's.  Says "unchanged" when the text is already there or the wiki
 * answers with a null edit (it normalises some characters, such as
 * no-break spaces, so the texts may differ and still be the same page). */
static int edit_page(struct mw *m, const struct pub_outcome *out, char **url)
{
	char *title = page_title(m), *section = own_section(m, out);
	bool same = false;
	int ret = ST_TEMPFAIL;

	for (int i = 0; i < EDIT_TRIES; i++) {
		struct mw_form f = {0};
		char *old = NULL, *ts = NULL, *start = NULL, *text;
		json_t *r = NULL;
		const char *code;

		if ((ret = read_page(m, title, &old, &ts, &start)))
			break;
		text = splice_section(old, section);
		if (ts && !strcmp(text, old)) {
			same = true;
			free(text), free(old), free(ts), free(start);
			break;
		}
		mw_form_add(&f, "action", "edit");
		mw_form_add(&f, "title", title);
		mw_form_add(&f, "text", text);
		mw_form_add(&f, "summary", "studio-publish: section des enregistrements");
		mw_form_add(&f, "starttimestamp", start);
		if (ts) {
			mw_form_add(&f, "basetimestamp", ts);
			mw_form_add(&f, "nocreate", "1");
		} else {
			mw_form_add(&f, "createonly", "1");
		}
		f.token = true;
		ret = mw_post(&m->api, &f, &r);
		code = ret ? NULL : mw_error_code(r);
		if (code && (!strcmp(code, "editconflict") || !strcmp(code, "articleexists"))) {
			st_info(_("%s: edit conflict on %s, trying again"), m->t->name, title);
			ret = ST_TEMPFAIL;
		} else if (code) {
			ret = mw_fail(&m->api, title, r);
		} else if (ret == ST_OK) {
			same = json_object_get(json_object_get(r, "edit"), "nochange") != NULL;
		}
		json_decref(r);
		free(text);
		free(old);
		free(ts);
		free(start);
		if (ret != ST_TEMPFAIL)
			break;
	}
	if (ret == ST_TEMPFAIL)
		st_error(_("%s: %s: gave up after %d edit conflicts"), m->t->name, title, EDIT_TRIES);
	if (same)
		ret = ST_OK;
	if (ret == ST_OK) {
		*url = mw_page_url(&m->api, title);
		if (same)
			st_info(_("unchanged: %s"), *url);
		else
			st_info(_("updated: %s"), *url);
	}
	free(section);
	free(title);
	return ret;
}

/* --- the target ------------------------------------------------------------------------ */

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

/* What a run would do, from what the wiki holds (read anonymously). */
static int dry_run(struct mw *m)
{
	int ret = ST_OK;

	for (size_t i = 0; ret == ST_OK && i < m->job->nfiles; i++) {
		const struct pub_file *f = &m->job->files[i];
		char *src = st_path_join(m->job->dir, f->file);
		char *name = pub_wiki_name(m->job, f);
		struct wiki_file w = {0};
		char sha1[41];

		ret = st_file_sha(src, 160, sha1, NULL);
		if (ret == ST_OK)
			ret = imageinfo(m, name, &w);
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
		wiki_file_free(&w);
		free(name);
		free(src);
	}
	if (ret == ST_OK && m->t->page) {
		char *title = page_title(m);
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
		ret = edit_page(&m, out, &out->page_path);
done:
	if (ret)
		pub_outcome_free(out);
	mw_close(&m.api);
	return ret;
}
