/* target_webdav.c — see target_webdav.h. */
#include "target_webdav.h"
#include "digest.h"
#include "hashtap.h"
#include "http.h"
#include "msg.h"
#include "plan.h"
#include "page.h"
#include "paths.h"
#include "progress.h"
#include "site.h"
#include "status.h"
#include "url.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define WEAK_WAITS 4      /* Apache's ETag is weak during the second after a write */
#define LOCK_SECONDS 120  /* lifetime of the site lock if we die holding it */
#define LOCK_WAIT 150     /* seconds we wait for another publisher's lock */
#define PUB_STR2(x) #x
#define PUB_STR(x) PUB_STR2(x)

struct dav {
	struct pub_http http;
	const struct pub_target *t;
	const struct pub_job *job;
	char *base;           /* URL of SLUG/, ending in '/' */
	bool force;
	bool dry;             /* --dry-run: read the server, write nothing */
};

/* What a HEAD or GET tells about a resource. */
struct remote {
	bool exists;
	int64_t size;
	char *etag;
	char *body;           /* GET only */
	size_t len;
};

static void remote_free(struct remote *r)
{
	free(r->etag);
	free(r->body);
	memset(r, 0, sizeof *r);
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

/* HEAD (or GET with BODY) of URL.  A weak ETag (W/"...") never matches a
 * strong If-Match, and Apache gives one during the second after a write:
 * with STRONG, wait for the strong one. */
static int stat_remote(struct dav *d, const char *url, bool body, bool strong,
		       struct remote *out)
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
		sleep_ms(1100);
	}
	if (ret == ST_OK) {
		out->exists = true;
		out->size = body ? (int64_t)resp.len : resp.content_length;
		out->etag = resp.etag;
		resp.etag = NULL;
		if (body) {
			out->body = resp.body;
			out->len = resp.len;
			resp.body = NULL;
		}
	}
	pub_resp_free(&resp);
	return ret;
}

/* MKCOL REL ("slug/renditions") under the target URL: 201 made, 405
 * already there. */
static int mkcol(struct dav *d, const char *rel)
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

/* The collections holding every file: SLUG/ and each folder below it,
 * each asked for once. */
static int make_collections(struct dav *d)
{
	char **done = st_xcalloc(1, sizeof *done);
	size_t ndone = 0;
	int ret = mkcol(d, d->job->slug);

	for (size_t i = 0; ret == ST_OK && i < d->job->nfiles; i++) {
		char *path = st_strdup_printf("%s/%s", d->job->slug, d->job->files[i].file);

		for (char *s = strchr(path, '/'); ret == ST_OK && (s = strchr(s + 1, '/'));) {
			bool seen = false;

			*s = '\0';
			for (size_t k = 0; k < ndone && !seen; k++)
				seen = !strcmp(done[k], path);
			if (!seen) {
				ret = mkcol(d, path);
				done = realloc(done, (ndone + 1) * sizeof *done);
				if (!done)
					abort();
				done[ndone++] = st_xstrdup(path);
			}
			*s = '/';
		}
		free(path);
	}
	for (size_t k = 0; k < ndone; k++)
		free(done[k]);
	free(done);
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

/* sha256 of what the server holds at URL, streamed (memory stays flat). */
static int remote_sha256(struct dav *d, const char *url, char hex[65])
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

/* A body for conditional_put: a file streamed from disk or bytes. */
struct body {
	const char *file;
	const char *data;
	uint64_t len;
	const char *type;
	const char *label;
};

/* PUT BODY to URL with If-Match: ETAG, or If-None-Match: * when ETAG is
 * NULL.  *STATUS is the HTTP status; 412 (someone else wrote first) is
 * left to the caller, other failures print their message. */
static int conditional_put(struct dav *d, const char *url, const struct body *b,
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

/* ETags compared the weak way (RFC 9110 8.8.3.2): W/ ignored. */
static bool etag_same(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	a += strncmp(a, "W/", 2) ? 0 : 2;
	b += strncmp(b, "W/", 2) ? 0 : 2;
	return !strcmp(a, b);
}

/* Whether the resource described by REM holds exactly F: the size, then
 * the ETag recorded for it in session.json when it has not changed since,
 * else its content. */
static int same_content(struct dav *d, const char *url, const struct remote *rem,
			const char *sha256, uint64_t bytes, const char *file, bool *same)
{
	const json_t *rec = pub_record_find(d->job->root, d->t->name, file);
	const char *rsha = json_string_value(json_object_get(rec, "sha256"));
	const char *retag = json_string_value(json_object_get(rec, "etag"));
	char hex[65];
	int ret;

	*same = false;
	if (rem->size >= 0 && (uint64_t)rem->size != bytes)
		return ST_OK;
	if (rsha && etag_same(retag, rem->etag)) {
		*same = !strcmp(rsha, sha256);
		return ST_OK;
	}
	if ((ret = remote_sha256(d, url, hex)))
		return ret;
	*same = !strcmp(hex, sha256);
	return ST_OK;
}

/* Whether session.json says this target wrote what is at URL now. */
static bool ours(const struct dav *d, const char *file, const struct remote *rem)
{
	const json_t *rec = pub_record_find(d->job->root, d->t->name, file);
	const char *retag = json_string_value(json_object_get(rec, "etag"));

	return etag_same(retag, rem->etag);
}

static void report_upload(const char *url, uint64_t bytes, double seconds)
{
	char *size = pub_human_size(bytes);

	st_info(_("uploaded: %s (%s, %.1f MB/s)"), url, size,
		seconds > 0 ? (double)bytes / seconds / 1e6 : 0.0);
	free(size);
}

/* DELETE URL, quietly: the cleanup of a temporary name after a failure. */
static void forget(struct dav *d, const char *url)
{
	struct pub_req r = {.method = "DELETE", .url = url};
	struct pub_resp resp;

	if (pub_http_do(&d->http, &r, &resp) == ST_OK && resp.status / 100 != 2 &&
	    resp.status != 404)
		st_warn(_("cannot remove %s: HTTP %ld"), url, resp.status);
	pub_resp_free(&resp);
}

/* The temporary name of REL on the server: ".NAME.studio-part" in the same
 * collection (a MOVE inside a collection is a rename on the server's disk).
 * The name is fixed per file, so a run that died leaves one leftover that
 * the next run overwrites. */
static char *temp_url(const struct dav *d, const char *rel)
{
	const char *base = strrchr(rel, '/');
	char *tmp = base ? st_strdup_printf("%.*s/.%s.studio-part", (int)(base - rel), rel, base + 1)
			 : st_strdup_printf(".%s.studio-part", rel);
	char *enc = pub_url_path(tmp);
	char *url = st_strdup_printf("%s%s", d->base, enc);

	free(enc);
	free(tmp);
	return url;
}

/* PUT of file body B to TMP, hashed on the way: the bytes sent must be
 * those session.json records (sha256 and size), and the server must hold
 * that many bytes, or TMP is removed and nothing else happens. */
static int put_verified(struct dav *d, const char *tmp, const struct body *b,
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
		st_error(_("%s does not match session.json: sha256 %s instead of %s (changed "
			   "during the upload?)"), b->file, hex[0] ? hex : "?", sha256);
		ret = ST_DATAERR;
	}
	if (ret == ST_OK)
		ret = stat_remote(d, tmp, false, false, &rem);
	if (ret == ST_OK && (!rem.exists || rem.size != (int64_t)b->len)) {
		st_error(_("%s: the server holds %lld bytes after the upload, not %llu"), tmp,
			 rem.exists ? (long long)rem.size : 0LL, (unsigned long long)b->len);
		ret = ST_UNAVAILABLE;
	}
	if (ret != ST_OK && ret != ST_TEMPFAIL)
		forget(d, tmp);
	remote_free(&rem);
	pub_resp_free(&resp);
	pub_hashtap_free(&tap);
	free(type);
	return ret;
}

/* MOVE TMP onto URL: with ETAG, only if URL still has that ETag (an If
 * header tagged with URL: RFC 4918 10.4); without, only if URL does not
 * exist (Overwrite: F).  *STATUS is 412 when the condition failed. */
static int move_into_place(struct dav *d, const char *tmp, const char *url, const char *etag,
			   long *status)
{
	char *dest = st_strdup_printf("Destination: %s", url);
	char *cond = etag ? st_strdup_printf("If: <%s> ([%s])", url, etag) : NULL;
	const char *hdrs[] = {dest, etag ? "Overwrite: T" : "Overwrite: F", cond, NULL};
	struct pub_req r = {.method = "MOVE", .url = tmp, .headers = hdrs};
	struct pub_resp resp;
	int ret = pub_http_do(&d->http, &r, &resp);

	*status = resp.status;
	if (ret == ST_OK && resp.status != 412 && resp.status / 100 != 2)
		ret = pub_http_fail(&r, &resp);
	pub_resp_free(&resp);
	free(cond);
	free(dest);
	return ret;
}

/* A rendition's upload: to a temporary name, verified, then moved onto
 * URL.  Nothing appears under URL before it is complete and its bytes
 * are known to be session.json's. */
static int staged_put(struct dav *d, const char *url, const char *rel, const struct body *b,
		      const char *sha256, const char *etag, long *status, double *seconds)
{
	char *tmp = temp_url(d, rel);
	int ret = put_verified(d, tmp, b, sha256, seconds);

	*status = 0;
	if (ret == ST_OK)
		ret = move_into_place(d, tmp, url, etag, status);
	if (ret == ST_OK && *status == 412)
		forget(d, tmp);
	free(tmp);
	return ret;
}

/* Publishes one body at REL (relative to SLUG/).  GENERATED bodies (the
 * page) are ours to replace whatever is there. */
static int put_one(struct dav *d, const char *rel, const struct body *b, const char *sha256,
		   bool generated, struct pub_outcome *out)
{
	char *enc = pub_url_path(rel);
	char *url = st_strdup_printf("%s%s", d->base, enc);
	struct remote rem = {0};
	bool same = false;
	long status = 0;
	double secs = 0;
	int ret = stat_remote(d, url, false, false, &rem);

	if (ret == ST_OK && rem.exists && !d->force)
		ret = same_content(d, url, &rem, sha256, b->len, rel, &same);
	if (ret == ST_OK && rem.exists && !same && !d->force && !generated && !ours(d, rel, &rem)) {
		st_error(_("%s already exists with other content: use --force to replace it"), url);
		ret = ST_CANTCREAT;
	}
	if (ret == ST_OK && d->dry) {
		char *src = b->file ? st_xstrdup(b->file) : st_xstrdup(_("generated page"));

		const char *act = same ? "unchanged" : rem.exists ? "replace" : "upload";

		if (pub_plan_step(act, b->file, url, NULL))
			(void)0;
		else if (same)
			printf(_("unchanged: %s\n"), url);
		else
			printf(rem.exists ? _("would replace %s with %s\n") : _("would upload %s to %s\n"),
			       rem.exists ? url : src, rem.exists ? src : url);
		free(src);
		goto done;
	}
	if (ret == ST_OK && !same && rem.exists && !strncmp(rem.etag ? rem.etag : "", "W/", 2)) {
		remote_free(&rem);
		ret = stat_remote(d, url, false, true, &rem);
	}
	if (ret == ST_OK && !same) {
		ret = b->file ? staged_put(d, url, rel, b, sha256, rem.exists ? rem.etag : NULL,
					   &status, &secs)
			      : conditional_put(d, url, b, rem.exists ? rem.etag : NULL, &status, &secs);
		if (ret == ST_OK && status == 412)
			st_error(_("%s was changed by someone else during the upload; run again "
				   "to compare"), url);
		ret = ret == ST_OK && status == 412 ? ST_TEMPFAIL : ret;
		remote_free(&rem);
		if (ret == ST_OK)
			ret = stat_remote(d, url, false, false, &rem);
		if (ret == ST_OK && (!rem.exists || rem.size != (int64_t)b->len)) {
			st_error(_("%s: the server holds %lld bytes after the upload, not %llu"),
				 url, rem.exists ? (long long)rem.size : 0LL,
				 (unsigned long long)b->len);
			ret = ST_UNAVAILABLE;
		}
	}
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
	remote_free(&rem);
	free(url);
	free(enc);
	return ret;
}

static int put_rendition(struct dav *d, const struct pub_file *f, struct pub_outcome *out)
{
	char *src = st_path_join(d->job->dir, f->file);
	struct body b = {.file = src, .len = f->bytes,
			 .type = f->mime ? f->mime : "application/octet-stream", .label = f->file};
	int ret = put_one(d, f->file, &b, f->sha256, false, out);

	free(src);
	return ret;
}

static int put_page(struct dav *d, struct pub_outcome *out)
{
	char *page = pub_page_render(d->job);
	char hex[65];
	struct body b = {.data = page, .len = strlen(page), .type = "text/html; charset=utf-8"};
	int ret;

	st_sha256_hex(page, strlen(page), hex);
	ret = put_one(d, "index.html", &b, hex, true, out);
	if (ret == ST_OK && !d->dry)
		out->page_path = st_xstrdup(out->done[out->ndone - 1].url);
	free(page);
	return ret;
}

/* An exclusive WebDAV write lock on URL (RFC 4918 LOCK), waited for while
 * another publisher holds it.  Apache checks If-Match and writes without
 * a lock between the two, so two PUTs with the same If-Match can both
 * succeed: the lock is what serialises the site's read-modify-writes.
 * *TOKEN is the Lock-Token ("<opaquelocktoken:...>"), malloc'ed. */
static int dav_lock(struct dav *d, const char *url, char **token)
{
	static const char body[] =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
		"<D:locktype><D:write/></D:locktype><D:owner>studio-publish</D:owner></D:lockinfo>\n";
	const char *hdrs[] = {"Content-Type: application/xml; charset=utf-8", "Depth: 0",
			      "Timeout: Second-" PUB_STR(LOCK_SECONDS), NULL};
	struct pub_req r = {.method = "LOCK", .url = url, .headers = hdrs, .data = body,
			    .len = sizeof body - 1};
	double give_up = st_now() + LOCK_WAIT;
	int ret;

	*token = NULL;
	for (;;) {
		struct pub_resp resp;

		ret = pub_http_do(&d->http, &r, &resp);
		if (ret == ST_OK && (resp.status == 200 || resp.status == 201) && resp.lock_token) {
			*token = resp.lock_token;
			resp.lock_token = NULL;
		} else if (ret == ST_OK && resp.status == 423 && st_now() < give_up) {
			pub_resp_free(&resp);
			sleep_ms(100 + rand() % 300);
			continue;
		} else if (ret == ST_OK && resp.status == 423) {
			st_error(_("%s is locked by another publisher for more than %d s; try again "
				   "later"), url, LOCK_WAIT);
			ret = ST_TEMPFAIL;
		} else if (ret == ST_OK) {
			ret = pub_http_fail(&r, &resp);
		}
		pub_resp_free(&resp);
		return ret;
	}
}

static void dav_unlock(struct dav *d, const char *url, const char *token)
{
	char *hdr = st_strdup_printf("Lock-Token: %s", token);
	const char *hdrs[] = {hdr, NULL};
	struct pub_req r = {.method = "UNLOCK", .url = url, .headers = hdrs};
	struct pub_resp resp;

	/* A lock left behind expires by itself after LOCK_SECONDS. */
	if (pub_http_do(&d->http, &r, &resp) == ST_OK && resp.status != 204 &&
	    resp.status != 200)
		st_warn(_("cannot unlock %s: HTTP %ld (the lock expires in %d s)"), url,
			resp.status, LOCK_SECONDS);
	pub_resp_free(&resp);
	free(hdr);
}

/* PUTs TEXT at URL, which the lock TOKEN covers; with TOKEN NULL, a
 * resource only written under the catalogue's lock. */
static int put_locked(struct dav *d, const char *url, const char *type, const char *token,
		      const char *text)
{
	char *cond = token ? st_strdup_printf("If: (%s)", token) : NULL;
	char *ctype = st_strdup_printf("Content-Type: %s", type);
	const char *hdrs[] = {ctype, cond, NULL};
	struct pub_req r = {.method = "PUT", .url = url, .headers = hdrs, .data = text,
			    .len = strlen(text)};
	struct pub_resp resp;
	int ret = pub_http_do(&d->http, &r, &resp);

	if (ret == ST_OK && resp.status / 100 != 2)
		ret = pub_http_fail(&r, &resp);
	pub_resp_free(&resp);
	free(ctype);
	free(cond);
	return ret;
}

/* The site's catalogue merged with this session's entry, then feed.xml
 * and index.html rendered from it, all under one lock on the catalogue,
 * which every publisher takes: whoever comes second reads the first one's
 * entry, so two agents publishing at once lose nothing. */
static int update_site(struct dav *d)
{
	char *cat_url = st_strdup_printf("%s%s", d->t->url, PUB_SITE_CATALOGUE);
	char *feed_url = st_strdup_printf("%s%s", d->t->url, PUB_SITE_FEED);
	char *index_url = st_strdup_printf("%s%s", d->t->url, PUB_SITE_INDEX);
	char *token = NULL, *text = NULL;
	json_t *entry = pub_site_entry(d->job, d->t->url), *cat = NULL;
	struct remote rem = {0};
	int ret = dav_lock(d, cat_url, &token);

	if (ret == ST_OK)
		ret = stat_remote(d, cat_url, true, false, &rem);
	/* LOCK on a missing resource creates it empty. */
	if (ret == ST_OK &&
	    !(cat = pub_site_parse(rem.exists && rem.len ? rem.body : NULL, rem.len, cat_url)))
		ret = ST_DATAERR;
	if (ret == ST_OK) {
		pub_site_merge(cat, entry);
		text = pub_site_dump(cat);
		ret = put_locked(d, cat_url, "application/json", token, text);
		free(text);
	}
	if (ret == ST_OK) {
		text = pub_site_feed(cat, d->t->url);
		ret = put_locked(d, feed_url, "application/rss+xml", NULL, text);
		free(text);
	}
	if (ret == ST_OK) {
		text = pub_site_index(cat);
		ret = put_locked(d, index_url, "text/html; charset=utf-8", NULL, text);
		free(text);
	}
	if (ret == ST_OK)
		st_info(_("updated: %s and %s"), feed_url, index_url);
	if (token)
		dav_unlock(d, cat_url, token);
	remote_free(&rem);
	json_decref(cat);
	json_decref(entry);
	free(token);
	free(index_url);
	free(feed_url);
	free(cat_url);
	return ret;
}

/* Before anything is sent: every source is there with its recorded size.
 * Its sha256 is checked while it is uploaded (put_verified), so the file
 * is read once; a file that is not uploaded (the server already holds the
 * recorded content) is not read at all.  A dry run reads them all: it
 * says what a real run would do, including a refusal. */
static int check_sources(const struct pub_job *job, bool dry)
{
	int ret = ST_OK;

	if (dry)
		return pub_job_check_sources(job);
	for (size_t i = 0; ret == ST_OK && i < job->nfiles; i++) {
		const struct pub_file *f = &job->files[i];
		char *src = st_path_join(job->dir, f->file);
		struct stat st;

		if (stat(src, &st)) {
			st_error(_("cannot read %s: %s"), src, strerror(errno));
			ret = ST_NOINPUT;
		} else if ((uint64_t)st.st_size != f->bytes) {
			st_error(_("%s does not match session.json: %llu bytes instead of %llu"), src,
				 (unsigned long long)st.st_size, (unsigned long long)f->bytes);
			ret = ST_DATAERR;
		}
		free(src);
	}
	return ret;
}

/* The dry run's last step: the site's three files. */
static void plan_site(const char *url)
{
	const char *names[] = {PUB_SITE_CATALOGUE, PUB_SITE_INDEX, PUB_SITE_FEED};
	bool json = false;

	for (size_t i = 0; i < 3; i++) {
		char *u = st_strdup_printf("%s%s", url, names[i]);

		json = pub_plan_step("update", NULL, u, NULL);
		free(u);
	}
	if (!json)
		printf(_("would update %s%s, %s%s and %s%s\n"), url, PUB_SITE_CATALOGUE, url,
		       PUB_SITE_INDEX, url, PUB_SITE_FEED);
}

int pub_webdav_publish(const struct pub_target *t, const struct pub_job *job, bool dry,
		       bool force, struct pub_outcome *out)
{
	struct dav d = {.t = t, .job = job, .force = force, .dry = dry};
	char *slug = pub_url_path(job->slug);
	int ret;

	memset(out, 0, sizeof *out);
	d.base = st_strdup_printf("%s%s/", t->url, slug);
	ret = check_sources(job, dry);
	if (ret == ST_OK)
		ret = pub_http_open(&d.http, t, true);
	if (ret == ST_OK && !dry)
		ret = make_collections(&d);
	for (size_t i = 0; ret == ST_OK && i < job->nfiles; i++)
		ret = put_rendition(&d, &job->files[i], out);
	if (ret == ST_OK)
		ret = put_page(&d, out);
	if (ret == ST_OK && dry)
		plan_site(t->url);
	else if (ret == ST_OK)
		ret = update_site(&d);
	if (ret)
		pub_outcome_free(out);
	pub_http_close(&d.http);
	free(d.base);
	free(slug);
	return ret;
}
