/* dav_put.c — one file on the webdav target (dav.h): compared with what
 * the server holds, planned (--dry-run) or written, then verified. */
#include "dav.h"
#include "human.h"
#include "msg.h"
#include "../site/page.h"
#include "paths.h"
#include "../plan.h"
#include "progress.h"
#include "session_records.h"
#include "status.h"
#include "../url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PUT BODY to URL with If-Match: ETAG, or If-None-Match: * when ETAG is
 * NULL.  *STATUS is the HTTP status; 412 (someone else wrote first) is
 * left to the caller, other failures print their message. */
static int conditional_put(struct dav *d, const char *url, const struct dav_body *b,
			   const char *etag, long *status, double *seconds)
{
	char *cond = etag ? st_strdup_printf("If-Match: %s", etag)
			  : st_xstrdup("If-None-Match: *");
	char *type = st_strdup_printf("Content-Type: %s", b->type);
	const char *hdrs[] = {cond, type, NULL};
	struct pub_req r = {.method = "PUT", .url = url, .headers = hdrs, .file = b->file,
			    .length = b->len, .data = b->data, .len = (size_t)b->len,
			    .label = b->label};
	struct pub_resp resp;
	int ret = pub_http_do(&d->http, &r, &resp);

	*status = resp.status;
	*seconds = resp.seconds;
	if (ret == ST_OK && resp.status != 412 && resp.status / 100 != 2)
		ret = pub_http_fail(&r, &resp);
	pub_resp_free(&resp);
	free(type);
	free(cond);
	return ret;
}

/* What the resource REM at URL holds, compared with the body of SHA256
 * (BYTES long) for session file FILE: *SAME when it is that body; *OURS
 * when it is what session.json says this target published at URL (a
 * re-encoded rendition then replaces it without --force).  Its content is
 * known without a download when its ETag is the one recorded with the
 * sha256; otherwise it is hashed (a streamed GET) whenever its size could
 * match either.  HEX receives the content's sha256 when known, else "". */
static int judge(struct dav *d, const char *url, const struct remote *rem, const char *sha256,
		 uint64_t bytes, const char *file, bool *same, bool *ours, char hex[65])
{
	struct st_publication rec = {0};
	bool known = st_publication_get(d->job->root, d->t->name, file, &rec);
	const char *rsha = known ? rec.sha256 : NULL;
	bool mine = rsha && strlen(rsha) == 64 && rec.url && !strcmp(rec.url, url);
	bool rsize = mine && rem->size >= 0 && (uint64_t)rem->size == rec.bytes;
	int ret = ST_OK;

	hex[0] = '\0';
	if (mine && dav_etag_same(rec.etag, rem->etag) && (rem->size < 0 || rsize))
		memcpy(hex, rsha, 65);
	else if (rem->size < 0 || (uint64_t)rem->size == bytes || rsize)
		ret = dav_sha256(d, url, hex);
	*same = ret == ST_OK && hex[0] && !strcmp(hex, sha256);
	*ours = ret == ST_OK && hex[0] && mine && !strcmp(hex, rsha);
	return ret;
}

static void report_upload(const char *url, uint64_t bytes, double seconds)
{
	char size[ST_HUMAN_LEN], rate[ST_HUMAN_LEN];

	st_hsize(size, sizeof size, (double)bytes);
	st_hsize(rate, sizeof rate, seconds > 0 ? (double)bytes / seconds : 0.0);
	st_info(_("uploaded: %s (%s, %s/s)"), url, size, rate);
}

/* The dry run's line (or --json step) for B at URL. */
static void plan_one(const char *url, const struct dav_body *b, bool same, bool exists,
		     const char *caveat)
{
	char *src = b->file ? st_xstrdup(b->file) : st_xstrdup(_("generated page"));
	const char *act = same ? "unchanged" : exists ? "replace" : "upload";

	if (pub_plan_step(act, b->file, url, same ? NULL : caveat))
		(void)0;
	else if (same)
		printf(_("unchanged: %s\n"), url);
	else
		printf(exists ? _("would replace %s with %s\n") : _("would upload %s to %s\n"),
		       exists ? url : src, exists ? src : url);
	free(src);
}

/* Writes B at URL over REM (what is there now, replaced by what is there
 * afterwards): a file through its temporary name, the page with a
 * conditional PUT; then the server must hold B's size. */
static int transfer(struct dav *d, const char *url, const char *rel, const struct dav_body *b,
		    const char *sha256, const char *was_sha, struct remote *rem, double *secs)
{
	struct dav_was was;
	long status = 0;
	bool landed = false;
	int ret = ST_OK;

	if (rem->exists && !strncmp(rem->etag ? rem->etag : "", "W/", 2)) {
		dav_remote_free(rem);
		ret = dav_head(d, url, false, true, rem);
	}
	was = (struct dav_was){rem->exists, rem->etag, was_sha && *was_sha ? was_sha : NULL,
			       rem->exists ? rem->size : -1};
	if (ret == ST_OK)
		ret = b->file ? dav_staged_put(d, url, rel, b, sha256, &was, &status, secs)
			      : conditional_put(d, url, b, rem->exists ? rem->etag : NULL, &status,
						secs);
	/* A 412 is also what the retry of a write whose answer was lost gets:
	 * a conflict only when the server does not hold our bytes. */
	if (ret == ST_OK && status == 412 &&
	    (ret = dav_holds(d, url, b->len, sha256, &landed)) == ST_OK && landed)
		status = 0;
	if (ret == ST_OK && status == 412) {
		st_error(_("%s was changed by someone else during the upload; run again to "
			   "compare"), url);
		ret = ST_TEMPFAIL;
	}
	dav_remote_free(rem);
	if (ret == ST_OK)
		ret = dav_stat(d, url, rem);
	if (ret == ST_OK && (!rem->exists || rem->size != (int64_t)b->len)) {
		st_error(_("%s: the server holds %lld bytes after the upload, not %llu"), url,
			 rem->exists ? (long long)rem->size : 0LL, (unsigned long long)b->len);
		ret = ST_UNAVAILABLE;
	}
	return ret;
}

int dav_put_one(struct dav *d, const char *rel, const struct dav_body *b, const char *sha256,
		bool generated, struct pub_outcome *out)
{
	char *enc = pub_url_path(rel);
	char *url = st_strdup_printf("%s%s", d->base, enc);
	struct remote rem = {0};
	bool same = false, ours = generated;
	char hex[65] = "";
	double secs = 0;
	int ret = dav_head(d, url, false, false, &rem);

	if (ret == ST_OK && rem.exists && !d->force)
		ret = judge(d, url, &rem, sha256, b->len, rel, &same, &ours, hex);
	if (ret == ST_OK && rem.exists && !same && !d->force && !generated && !ours) {
		st_error(_("%s already exists with other content: use --force to replace it"), url);
		ret = ST_CANTCREAT;
	}
	if (ret == ST_OK && d->dry) {
		plan_one(url, b, same, rem.exists, dav_caveat(d));
		goto done;
	}
	if (ret == ST_OK && !same)
		ret = transfer(d, url, rel, b, sha256, hex, &rem, &secs);
	if (ret == ST_OK) {
		struct pub_done *done;

		if (same)
			st_info(_("unchanged: %s"), url);
		else
			report_upload(url, b->len, secs);
		done = pub_outcome_add(out, st_xstrdup(rel), url, sha256, b->len, same);
		done->etag = rem.etag;
		rem.etag = NULL;
		url = NULL;
	}
done:
	dav_remote_free(&rem);
	free(url);
	free(enc);
	return ret;
}
