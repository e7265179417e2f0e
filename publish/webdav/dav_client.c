/* dav_client.c — the single WebDAV requests of dav.h. */
#include "dav.h"
#include "digest.h"
#include "msg.h"
#include "paths.h"
#include "status.h"
#include "../url.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WEAK_WAITS 4      /* Apache's ETag is weak during the second after a write */

void dav_remote_free(struct remote *r)
{
	free(r->etag);
	free(r->body);
	memset(r, 0, sizeof *r);
}

void dav_sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

static void take_resp(struct remote *out, struct pub_resp *resp, bool body)
{
	out->exists = true;
	out->size = body ? (int64_t)resp->len : resp->content_length;
	out->etag = resp->etag;
	resp->etag = NULL;
	if (body) {
		out->body = resp->body;
		out->len = resp->len;
		resp->body = NULL;
	}
}

int dav_head(struct dav *d, const char *url, bool body, bool strong, struct remote *out)
{
	struct pub_req r = {.method = body ? "GET" : "HEAD", .url = url};
	struct pub_resp resp;
	int ret = ST_OK;

	memset(out, 0, sizeof *out);
	for (int i = 0; i <= WEAK_WAITS; i++) {
		ret = pub_http_do(&d->http, &r, &resp);
		if (ret)
			break;
		if (resp.status == 404) {
			pub_resp_free(&resp);
			return ST_OK;
		}
		if (resp.status != 200) {
			ret = pub_http_fail(&r, &resp);
			break;
		}
		if (!strong || !resp.etag || strncmp(resp.etag, "W/", 2) || i == WEAK_WAITS)
			break;
		pub_resp_free(&resp);
		dav_sleep_ms(1100);
	}
	if (ret == ST_OK)
		take_resp(out, &resp, body);
	pub_resp_free(&resp);
	return ret;
}

int dav_propfind(struct dav *d, const char *url, int depth, struct dav_multistatus *ms,
		 bool *missing)
{
	static const char body[] =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/><D:getcontentlength/>"
		"<D:getetag/><D:lockdiscovery/></D:prop></D:propfind>\n";
	const char *hdrs[] = {"Content-Type: application/xml; charset=utf-8",
			      depth ? "Depth: 1" : "Depth: 0", NULL};
	struct pub_req r = {.method = "PROPFIND", .url = url, .headers = hdrs, .data = body,
			    .len = sizeof body - 1};
	struct pub_resp resp;
	char *why = NULL;
	int ret = pub_http_do(&d->http, &r, &resp);

	memset(ms, 0, sizeof *ms);
	*missing = ret == ST_OK && resp.status == 404;
	if (ret == ST_OK && resp.status != 207 && !*missing)
		ret = pub_http_fail(&r, &resp);
	if (ret == ST_OK && !*missing &&
	    dav_multistatus_parse(resp.body ? resp.body : "", resp.len, url, ms, &why)) {
		st_error(_("PROPFIND %s: cannot read the server's answer: %s"), url, why);
		ret = ST_UNAVAILABLE;
	}
	free(why);
	pub_resp_free(&resp);
	return ret;
}

int dav_stat(struct dav *d, const char *url, struct remote *out)
{
	struct dav_multistatus ms;
	const struct dav_entry *e;
	char *path = dav_url_path(url);
	bool missing;
	int ret = dav_propfind(d, url, 0, &ms, &missing);

	memset(out, 0, sizeof *out);
	out->size = -1;
	e = ret == ST_OK && path ? dav_multistatus_find(&ms, path) : NULL;
	if (ret == ST_OK && !missing && !e && ms.n == 1)
		e = &ms.e[0];    /* a server that answers with another spelling */
	if (e && e->status / 100 == 2) {
		out->exists = true;
		out->size = e->collection ? -1 : e->length;
		out->etag = e->etag ? st_xstrdup(e->etag) : NULL;
	}
	/* A server that keeps getcontentlength or getetag to itself (nginx
	 * gives no getetag): its HEAD tells, so that what is recorded is
	 * what the next run's HEAD compares with. */
	if (e && out->exists && !e->collection && (out->size < 0 || !out->etag)) {
		dav_remote_free(out);
		ret = dav_head(d, url, false, false, out);
	}
	dav_multistatus_free(&ms);
	free(path);
	return ret;
}

int dav_mkcol(struct dav *d, const char *rel)
{
	char *enc = pub_url_path(rel);
	char *url = st_strdup_printf("%s%s/", d->t->url, enc);
	struct pub_req r = {.method = "MKCOL", .url = url};
	struct pub_resp resp;
	int ret = pub_http_do(&d->http, &r, &resp);

	if (ret == ST_OK && resp.status == 409) {
		st_error(_("MKCOL %s: HTTP 409: the parent collection does not exist; check url "
			   "in %s"), url, d->t->config_file ? d->t->config_file : "publish.ini");
		ret = ST_CONFIG;
	} else if (ret == ST_OK && resp.status != 201 && resp.status != 405) {
		ret = pub_http_fail(&r, &resp);
	}
	pub_resp_free(&resp);
	free(url);
	free(enc);
	return ret;
}

static bool hash_data(const char *data, size_t len, void *ctx)
{
	st_digest_update(ctx, data, len);
	return true;
}

static void hash_reset(void *ctx)
{
	st_digest_reset(ctx);
}

int dav_sha256(struct dav *d, const char *url, char hex[65])
{
	struct st_digest h;
	struct pub_req r = {.method = "GET", .url = url, .sink = hash_data,
			    .sink_reset = hash_reset, .sink_ctx = &h};
	struct pub_resp resp;
	int ret;

	st_digest_init(&h, 256);
	ret = pub_http_do(&d->http, &r, &resp);
	if (ret == ST_OK && resp.status != 200)
		ret = pub_http_fail(&r, &resp);
	if (ret == ST_OK)
		st_digest_hex(&h, hex);
	pub_resp_free(&resp);
	st_digest_free(&h);
	return ret;
}

int dav_holds(struct dav *d, const char *url, uint64_t len, const char *sha256, bool *same)
{
	struct remote rem = {0};
	char hex[65];
	int ret = dav_stat(d, url, &rem);

	*same = false;
	if (ret == ST_OK && rem.exists && rem.size == (int64_t)len &&
	    (ret = dav_sha256(d, url, hex)) == ST_OK)
		*same = !strcmp(hex, sha256);
	dav_remote_free(&rem);
	return ret;
}

void dav_forget(struct dav *d, const char *url)
{
	struct pub_req r = {.method = "DELETE", .url = url};
	struct pub_resp resp;

	if (pub_http_do(&d->http, &r, &resp) == ST_OK && resp.status / 100 != 2 &&
	    resp.status != 404)
		st_warn(_("cannot remove %s: HTTP %ld"), url, resp.status);
	pub_resp_free(&resp);
}

bool dav_etag_same(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	a += strncmp(a, "W/", 2) ? 0 : 2;
	b += strncmp(b, "W/", 2) ? 0 : 2;
	return !strcmp(a, b);
}
