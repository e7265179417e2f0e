/* dav_staged.c — a rendition's upload through a temporary name (dav.h):
 * PUT to ".NAME.studio-part" in the same collection, hashed on the way,
 * its size checked on the server, then MOVE onto the final name with a
 * condition, so nothing appears under that name before it is complete and
 * its bytes are known to be session.json's. */
#include "dav.h"
#include "../hashtap.h"
#include "msg.h"
#include "paths.h"
#include "status.h"
#include "../url.h"

#include <stdlib.h>
#include <string.h>

/* The temporary name of REL on the server: ".NAME.studio-part" in the same
 * collection (a MOVE inside a collection is a rename on the server's disk).
 * The name is fixed per file; what a killed run leaves is removed by the
 * next one (dav_leftovers.c). */
static char *temp_url(const struct dav *d, const char *rel)
{
	const char *base = strrchr(rel, '/');
	char *tmp = base ? st_strdup_printf("%.*s/.%s" PUB_DAV_PART, (int)(base - rel), rel,
					    base + 1)
			 : st_strdup_printf(".%s" PUB_DAV_PART, rel);
	char *enc = pub_url_path(tmp);
	char *url = st_strdup_printf("%s%s", d->base, enc);

	free(enc);
	free(tmp);
	return url;
}

/* PUT of file body B to TMP, hashed on the way: the bytes sent must be
 * those session.json records (sha256 and size), and the server must hold
 * that many bytes, or TMP is removed and nothing else happens. */
static int put_verified(struct dav *d, const char *tmp, const struct dav_body *b,
			const char *sha256, double *seconds)
{
	char *type = st_strdup_printf("Content-Type: %s", b->type);
	const char *hdrs[] = {type, NULL};
	struct pub_hashtap tap;
	struct pub_req r = {.method = "PUT", .url = tmp, .headers = hdrs, .file = b->file,
			    .length = b->len, .label = b->label, .tap = pub_hashtap_feed,
			    .tap_ctx = &tap};
	struct pub_resp resp;
	struct remote rem = {0};
	char hex[65];
	int ret;

	pub_hashtap_init(&tap);
	ret = pub_http_do(&d->http, &r, &resp);
	*seconds = resp.seconds;
	if (ret == ST_OK && resp.status / 100 != 2)
		ret = pub_http_fail(&r, &resp);
	if (ret == ST_OK && (!pub_hashtap_hex(&tap, b->len, hex) || strcmp(hex, sha256))) {
		st_error(_("%s does not match session.json: sha256 is not the recorded %s (changed "
			   "during the upload?)"), b->label, sha256);
		ret = ST_DATAERR;
	}
	if (ret == ST_OK)
		ret = dav_stat(d, tmp, &rem);
	if (ret == ST_OK && (!rem.exists || rem.size != (int64_t)b->len)) {
		st_error(_("%s: the server holds %lld bytes after the upload, not %llu"), tmp,
			 rem.exists ? (long long)rem.size : 0LL, (unsigned long long)b->len);
		ret = ST_UNAVAILABLE;
	}
	if (ret != ST_OK && ret != ST_TEMPFAIL)
		dav_forget(d, tmp);
	dav_remote_free(&rem);
	pub_resp_free(&resp);
	pub_hashtap_free(&tap);
	free(type);
	return ret;
}

int dav_move(struct dav *d, const char *tmp, const char *url, bool overwrite, const char *cond,
	     const struct dav_body *b, const char *sha256, long *status)
{
	char *dest = st_strdup_printf("Destination: %s", url);
	const char *hdrs[] = {dest, overwrite ? "Overwrite: T" : "Overwrite: F", cond, NULL};
	struct pub_req r = {.method = "MOVE", .url = tmp, .headers = hdrs};
	struct pub_resp resp;
	bool done = false;
	int ret = pub_http_do(&d->http, &r, &resp);

	*status = resp.status;
	if (ret == ST_OK && resp.status == 404 &&
	    (ret = dav_holds(d, url, b->len, sha256, &done)) == ST_OK && done)
		*status = 201;
	else if (ret == ST_OK && resp.status != 412 && resp.status / 100 != 2)
		ret = pub_http_fail(&r, &resp);
	pub_resp_free(&resp);
	free(dest);
	return ret;
}

int dav_staged_put(struct dav *d, const char *url, const char *rel, const struct dav_body *b,
		   const char *sha256, const struct dav_was *was, long *status, double *seconds)
{
	char *tmp = temp_url(d, rel);
	int ret = put_verified(d, tmp, b, sha256, seconds);

	*status = 0;
	if (ret == ST_OK && !was->exists)
		ret = dav_move(d, tmp, url, false, NULL, b, sha256, status);
	else if (ret == ST_OK)
		ret = dav_replace(d, tmp, url, was, b, sha256, status);
	if (ret == ST_OK && *status == 412)
		dav_forget(d, tmp);
	free(tmp);
	return ret;
}
