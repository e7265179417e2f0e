/* mw_upload.c — a file's upload to the wiki, in one request or in chunks,
 * and how the wiki's reply ends it (mw_target.h). */
#include "msg.h"
#include "mw_target.h"
#include "paths.h"
#include "session.h"
#include "status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *mw_description(const struct mw *m)
{
	char *block = st_meta_wikitext(&m->job->meta);
	char *cats = st_xstrdup(""), *copy, *save = NULL, *out;

	if (m->t->categories) {
		copy = st_xstrdup(m->t->categories);
		for (char *c = strtok_r(copy, ",", &save); c; c = strtok_r(NULL, ",", &save)) {
			char *next, *safe;

			while (*c == ' ')
				c++;
			for (char *e = c + strlen(c); e > c && e[-1] == ' ';)
				*--e = '\0';
			if (!*c)
				continue;
			safe = mw_title_safe(c, false, 255);
			next = st_strdup_printf("%s[[Category:%s]]\n", cats, safe);
			free(safe);
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

/* The verdict on a final upload reply (one request, or the publication
 * from the stash): done, or the warnings and errors that mean "already
 * there", "elsewhere", "under another name", "start again" — or a refusal
 * naming --force. */
static int judge_reply(struct mw *m, const char *name, const json_t *r, enum outcome *how,
		       char **other)
{
	struct mw_upload_reply u;

	mw_reply_upload(r, &u);
	*how = UP_DONE;
	switch (u.kind) {
	case MW_UP_SUCCESS:
		return ST_OK;
	case MW_UP_UNCHANGED:
		*how = UP_UNCHANGED;
		return ST_OK;
	case MW_UP_STASH_LOST:
		*how = UP_STASH_LOST;
		return ST_OK;
	case MW_UP_DUPLICATE:
	case MW_UP_RENAMED:
		*other = st_xstrdup(u.other);
		*how = u.kind == MW_UP_DUPLICATE ? UP_DUPLICATE : UP_RENAMED;
		return ST_OK;
	case MW_UP_ERROR:
		return mw_fail(&m->api, name, r);
	case MW_UP_EXISTS:
		st_error(_("%s: File:%s already exists with other content: use --force to upload "
			   "a new version"), m->t->name, name);
		return ST_CANTCREAT;
	case MW_UP_WAS_DELETED:
		st_error(_("%s: File:%s was deleted from the wiki: use --force to upload it again"),
			 m->t->name, name);
		return ST_CANTCREAT;
	case MW_UP_WARNING:
		st_error(_("%s: File:%s: the wiki warns '%s': use --force to upload anyway"),
			 m->t->name, name, u.other);
		return ST_CANTCREAT;
	default:
		st_error(_("%s: upload of %s: unexpected result '%s'"), m->t->name, name,
			 u.result ? u.result : "?");
		return ST_UNAVAILABLE;
	}
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

/* A chunked upload, resumed from session.json when possible; an expired
 * stash starts over, once. */
static int upload_chunked(struct mw *m, const struct pub_file *f, const char *src,
			  const char *name, const char *text, enum outcome *how, char **other)
{
	char *filekey = NULL;
	uint64_t offset = 0;
	int ret = ST_OK;

	mw_resume_get(m, f, &filekey, &offset);
	if (filekey)
		st_info(_("%s: resuming %s at byte %llu"), m->t->name, f->file,
			(unsigned long long)offset);
	for (int round = 0; round < 2; round++) {
		struct mw_form form = {0};
		json_t *r = NULL;

		ret = offset < f->bytes ? mw_send_chunks(m, f, src, name, &filekey, offset, how) : ST_OK;
		if (ret == ST_OK && *how != UP_STASH_LOST) {
			add_common(m, &form, name, text);
			mw_form_add(&form, "filekey", filekey);
			mw_form_add(&form, "async", "1");
			ret = mw_post(&m->api, &form, &r);
			if (ret == ST_OK)
				ret = mw_await_job(m, f, filekey, &r);
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
		ret = mw_resume_set(m, f, NULL, 0);
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

int mw_upload(struct mw *m, const struct pub_file *f, const char *src, const char *name,
	      const char *text, enum outcome *how, char **other)
{
	return f->bytes <= (uint64_t)m->t->chunk_size
		       ? upload_single(m, f, src, name, text, how, other)
		       : upload_chunked(m, f, src, name, text, how, other);
}
