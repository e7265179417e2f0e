/* mw_chunks.c — a file sent in chunks through the upload stash, and the
 * async jobs a wiki may answer with (mw_target.h). */
#include "msg.h"
#include "mw_target.h"
#include "paths.h"
#include "status.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

int mw_await_job(struct mw *m, const struct pub_file *f, const char *filekey, json_t **r)
{
	double wait = 0.5, waited = 0;
	bool said = false;

	for (;;) {
		struct mw_upload_reply u;
		struct mw_form form = {0};
		int ret;

		mw_reply_upload(*r, &u);
		if (u.kind != MW_UP_POLL)
			return ST_OK;
		if (!said)
			st_info(_("%s: the wiki processes %s in the background (%s); waiting for it"),
				m->t->name, f->file, u.stage ? u.stage : "queued");
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

/* What a chunk's reply R says: the next OFFSET (saved in session.json),
 * the stash lost (*HOW), the last chunk taken (*LAST), or an error.
 * *FILEKEY follows the wiki's. */
static int take_chunk_reply(struct mw *m, const struct pub_file *f, const json_t *r,
			    const char *off, char **filekey, uint64_t *offset, enum outcome *how,
			    bool *last)
{
	struct mw_upload_reply u;
	const char *code = mw_error_code(r);

	mw_reply_upload(r, &u);
	if (code && mw_code_stash_lost(code) && *filekey) {
		*how = UP_STASH_LOST;
		return ST_OK;
	}
	if (code)
		return mw_fail(&m->api, f->file, r);
	if (u.filekey) {
		free(*filekey);
		*filekey = st_xstrdup(u.filekey);
	}
	if (u.kind == MW_UP_CONTINUE) {
		*offset = u.offset;
		return mw_resume_set(m, f, *filekey, *offset);
	}
	if (!u.result || strcmp(u.result, "Success") || !*filekey) {
		st_error(_("%s: chunk at %s of %s: unexpected result '%s'"), m->t->name, off, f->file,
			 u.result ? u.result : "?");
		return ST_UNAVAILABLE;
	}
	*last = true;
	return ST_OK;
}

int mw_send_chunks(struct mw *m, const struct pub_file *f, const char *src, const char *name,
		   char **filekey, uint64_t offset, enum outcome *how)
{
	char size[24], off[24];
	int ret = ST_OK;
	bool last = false;

	snprintf(size, sizeof size, "%llu", (unsigned long long)f->bytes);
	*how = UP_DONE;
	while (ret == ST_OK && !last && *how != UP_STASH_LOST) {
		uint64_t len = f->bytes - offset < (uint64_t)m->t->chunk_size
			       ? f->bytes - offset : (uint64_t)m->t->chunk_size;
		struct mw_form form = {.file_field = "chunk", .file_path = src,
				       .file_offset = offset, .file_length = len,
				       .label = f->file, .token = true};
		json_t *r = NULL;

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
		ret = mw_post(&m->api, &form, &r);
		if (ret == ST_OK && *filekey)
			ret = mw_await_job(m, f, *filekey, &r);
		if (ret == ST_OK)
			ret = take_chunk_reply(m, f, r, off, filekey, &offset, how, &last);
		json_decref(r);
	}
	return ret;
}
