/* dav_replace.c — a verified temporary file replaces the final one (dav.h),
 * as the server allows (dav_probe.c):
 *   - If header honoured on MOVE (Apache): MOVE with If: <URL> (["ETAG"]);
 *   - LOCK enforced (lighttpd, rclone): LOCK the final name, check it still
 *     holds what was judged, MOVE with If: <URL> (<token>) — or, where the
 *     server refuses every If on MOVE (lighttpd), PUT the file with the
 *     token —, UNLOCK, also on failure;
 *   - neither (nginx): check again right before an unconditional MOVE; a
 *     writer in between is not excluded, and the summary says so. */
#include "dav.h"
#include "../hashtap.h"
#include "msg.h"
#include "paths.h"
#include "status.h"

#include <stdlib.h>
#include <string.h>

int dav_still(struct dav *d, const char *url, const struct dav_was *was, bool *same)
{
	struct remote rem = {0};
	char hex[65];
	int ret = dav_stat(d, url, &rem);

	*same = false;
	if (ret != ST_OK || !rem.exists)
		goto done;
	if (was->size >= 0 && rem.size >= 0 && rem.size != was->size)
		goto done;
	if (was->etag && rem.etag)
		*same = dav_etag_same(was->etag, rem.etag);
	else if (was->sha256 && (ret = dav_sha256(d, url, hex)) == ST_OK)
		*same = !strcmp(hex, was->sha256);
	else if (!was->sha256)
		*same = true;
done:
	dav_remote_free(&rem);
	return ret;
}

/* PUT of file body B to URL under the lock TOKEN, hashed on the way: the
 * bytes sent must be SHA256's.  *STATUS is 412 when the lock did not let
 * it through. */
static int put_locked_file(struct dav *d, const char *url, const struct dav_body *b,
			   const char *sha256, const char *token, long *status)
{
	char *cond = st_strdup_printf("If: (%s)", token);
	char *type = st_strdup_printf("Content-Type: %s", b->type);
	const char *hdrs[] = {cond, type, NULL};
	struct pub_hashtap tap;
	struct pub_req r = {.method = "PUT", .url = url, .headers = hdrs, .file = b->file,
			    .length = b->len, .label = b->label, .tap = pub_hashtap_feed,
			    .tap_ctx = &tap};
	struct pub_resp resp;
	char hex[65] = "";
	int ret;

	pub_hashtap_init(&tap);
	ret = pub_http_do(&d->http, &r, &resp);
	*status = resp.status == 423 ? 412 : resp.status;
	if (ret == ST_OK && *status != 412 && resp.status / 100 != 2)
		ret = pub_http_fail(&r, &resp);
	if (ret == ST_OK && *status != 412 &&
	    (!pub_hashtap_hex(&tap, b->len, hex) || strcmp(hex, sha256))) {
		st_error(_("%s does not match session.json: sha256 %s instead of %s (changed "
			   "during the upload?)"), b->file, hex[0] ? hex : "?", sha256);
		ret = ST_DATAERR;
	}
	pub_resp_free(&resp);
	pub_hashtap_free(&tap);
	free(type);
	free(cond);
	return ret;
}

static int replace_locked(struct dav *d, const char *tmp, const char *url,
			  const struct dav_was *was, const struct dav_body *b, const char *sha256,
			  long *status)
{
	char *token = NULL, *cond = NULL;
	bool same = false;
	int ret = dav_lock(d, url, &token);

	if (ret == ST_OK)
		ret = dav_still(d, url, was, &same);
	if (ret == ST_OK && !same) {
		*status = 412;
	} else if (ret == ST_OK && d->caps.lock_move) {
		cond = st_strdup_printf("If: <%s> (%s)", url, token);
		ret = dav_move(d, tmp, url, true, cond, b, sha256, status);
	} else if (ret == ST_OK) {
		ret = put_locked_file(d, url, b, sha256, token, status);
		if (ret == ST_OK && *status != 412)
			dav_forget(d, tmp);
	}
	if (token)
		dav_unlock_quiet(d, url, token);
	free(cond);
	free(token);
	return ret;
}

int dav_replace(struct dav *d, const char *tmp, const char *url, const struct dav_was *was,
		const struct dav_body *b, const char *sha256, long *status)
{
	enum dav_mode mode = dav_mode(&d->caps);
	char *cond = NULL;
	bool same = false;
	int ret = ST_OK;

	if (mode == DAV_MODE_IF && was->etag) {
		cond = st_strdup_printf("If: <%s> ([%s])", url, was->etag);
		ret = dav_move(d, tmp, url, true, cond, b, sha256, status);
	} else if (mode == DAV_MODE_LOCK) {
		ret = replace_locked(d, tmp, url, was, b, sha256, status);
	} else if ((ret = dav_still(d, url, was, &same)) == ST_OK && !same) {
		*status = 412;
	} else if (ret == ST_OK) {
		ret = dav_move(d, tmp, url, true, NULL, b, sha256, status);
	}
	free(cond);
	return ret;
}
