/* mw_api.c — see mw_api.h. */
#include "mw_api.h"
#include "msg.h"
#include "paths.h"
#include "progress.h"
#include "../secret.h"
#include "status.h"
#include "../url.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXLAG "5"
#define MAXLAG_TRIES 5

void mw_form_add(struct mw_form *f, const char *name, const char *value)
{
	if (f->n >= MW_FORM_MAX)
		abort();
	f->name[f->n] = name;
	f->value[f->n++] = value;
}

int mw_open(struct mw_api *a, const struct pub_target *t)
{
	int ret;

	memset(a, 0, sizeof *a);
	a->t = t;
	if ((ret = pub_http_check_cleartext(t)))
		return ret;
	if ((ret = pub_secret_read(t, &a->password)))
		return ret;
	if ((ret = pub_http_open(&a->http, t, false))) {
		pub_secret_free(&a->password);
		return ret;
	}
	a->http.cookies = true;
	return ST_OK;
}

void mw_close(struct mw_api *a)
{
	pub_http_close(&a->http);
	pub_secret_free(&a->password);
	free(a->csrf);
	mw_site_free(&a->site);
	memset(a, 0, sizeof *a);
}

/* A chunk of a file as a mime part, read with pread as libcurl asks. */
struct part_src {
	int fd;
	uint64_t offset, length, pos;
};

static size_t part_read(char *buf, size_t size, size_t nitems, void *arg)
{
	struct part_src *p = arg;
	size_t want = size * nitems;
	ssize_t n;

	if (p->pos >= p->length)
		return 0;
	if (want > p->length - p->pos)
		want = (size_t)(p->length - p->pos);
	n = pread(p->fd, buf, want, (off_t)(p->offset + p->pos));
	if (n <= 0)
		return CURL_READFUNC_ABORT;
	p->pos += (uint64_t)n;
	return (size_t)n;
}

static int part_seek(void *arg, curl_off_t offset, int origin)
{
	struct part_src *p = arg;

	if (origin != SEEK_SET || offset < 0 || (uint64_t)offset > p->length)
		return CURL_SEEKFUNC_CANTSEEK;
	p->pos = (uint64_t)offset;
	return CURL_SEEKFUNC_OK;
}

struct build_ctx {
	struct mw_api *a;
	const struct mw_form *f;
	struct part_src *src;
};

static curl_mime *build(CURL *curl, void *vctx)
{
	const struct build_ctx *ctx = vctx;
	struct mw_api *a = ctx->a;
	const struct mw_form *f = ctx->f;
	struct part_src *src = ctx->src;
	curl_mime *mime = curl_mime_init(curl);
	static const char *const fixed[][2] = {
		{"format", "json"}, {"formatversion", "2"}, {"maxlag", MAXLAG},
		{"errorformat", "plaintext"}};
	curl_mimepart *p;

	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
		p = curl_mime_addpart(mime);
		curl_mime_name(p, fixed[i][0]);
		curl_mime_data(p, fixed[i][1], CURL_ZERO_TERMINATED);
	}
	for (int i = 0; i < f->n; i++) {
		p = curl_mime_addpart(mime);
		curl_mime_name(p, f->name[i]);
		curl_mime_data(p, f->value[i], CURL_ZERO_TERMINATED);
	}
	if (f->file_field) {
		/* The label: the path is the source descriptor's /proc name. */
		const char *shown = f->label ? f->label : f->file_path;
		const char *base = strrchr(shown, '/');

		p = curl_mime_addpart(mime);
		curl_mime_name(p, f->file_field);
		curl_mime_filename(p, base ? base + 1 : shown);
		curl_mime_type(p, "application/octet-stream");
		src->pos = 0;
		curl_mime_data_cb(p, (curl_off_t)f->file_length, part_read, part_seek, NULL, src);
	}
	/* Last, as MediaWiki recommends: a truncated POST then lacks it. */
	if (f->token) {
		p = curl_mime_addpart(mime);
		curl_mime_name(p, "token");
		curl_mime_data(p, a->csrf ? a->csrf : "", CURL_ZERO_TERMINATED);
	}
	return mime;
}

static void pause_s(double s)
{
	struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
	nanosleep(&ts, NULL);
}

int mw_post_once(struct mw_api *a, const struct mw_form *f, json_t **out, double *retry)
{
	struct part_src src = {-1, f->file_offset, f->file_length, 0};
	struct build_ctx bctx = {a, f, &src};
	struct pub_req r = {.method = "POST", .url = a->t->api, .label = f->label,
			    .mime_build = build, .mime_ctx = &bctx};
	struct pub_resp resp;
	json_error_t err;
	int ret = ST_OK;

	*out = NULL;
	*retry = 0;
	if (f->file_field && (src.fd = open(f->file_path, O_RDONLY | O_CLOEXEC)) < 0) {
		st_error(_("cannot open %s: %m"), f->file_path);
		return ST_NOINPUT;
	}
	ret = pub_http_do(&a->http, &r, &resp);
	if (ret == ST_OK && resp.status != 200)
		ret = pub_http_fail(&r, &resp);
	if (ret == ST_OK && !(*out = mw_reply_load(resp.body, resp.len, &err))) {
		st_error(_("%s: the API answered something that is not JSON (%s)"), a->t->api,
			 err.text);
		ret = ST_UNAVAILABLE;
	}
	if (ret == ST_OK) {
		curl_off_t ra = 0;
		curl_easy_getinfo(a->http.curl, CURLINFO_RETRY_AFTER, &ra);
		*retry = (double)ra;
	}
	pub_resp_free(&resp);
	if (src.fd >= 0)
		close(src.fd);
	return ret;
}

int mw_fail(const struct mw_api *a, const char *what, const json_t *reply)
{
	st_error(_("%s: %s: %s: %s"), a->t->name, what, mw_error_code(reply), mw_error_text(reply));
	return ST_UNAVAILABLE;
}

int mw_post(struct mw_api *a, const struct mw_form *f, json_t **out)
{
	bool relogged = false;
	int lags = 0, ret;

	for (;;) {
		double retry;
		const char *code;

		if ((ret = mw_post_once(a, f, out, &retry)))
			return ret;
		code = mw_error_code(*out);
		if (code && !strcmp(code, "maxlag") && lags++ < MAXLAG_TRIES) {
			double wait = retry > 0 ? (retry < 60 ? retry : 60) : 5;

			json_decref(*out);
			st_info(_("%s: the wiki's database lags (maxlag); waiting %.0f s as it asks"),
				a->t->name, wait);
			pause_s(wait);
			continue;
		}
		if (mw_code_expired(code) && a->logged_in && !relogged) {
			json_decref(*out);
			*out = NULL;
			relogged = true;
			st_info(_("%s: session expired, logging in again"), a->t->name);
			a->logged_in = false;
			if ((ret = mw_login(a)))
				return ret;
			continue;
		}
		return ST_OK;
	}
}

int mw_query(struct mw_api *a, const char *what, struct mw_form *f, json_t **out)
{
	int ret = mw_post(a, f, out);

	if (ret == ST_OK && mw_error_code(*out)) {
		ret = mw_fail(a, what, *out);
		json_decref(*out);
		*out = NULL;
	}
	return ret;
}

int mw_siteinfo(struct mw_api *a)
{
	struct mw_form f = {0};
	json_t *r = NULL;
	int ret;

	mw_form_add(&f, "action", "query");
	mw_form_add(&f, "meta", "siteinfo");
	mw_form_add(&f, "siprop", "general|fileextensions");
	if ((ret = mw_query(a, "siteinfo", &f, &r)))
		return ret;
	mw_site_free(&a->site);
	if (!mw_reply_siteinfo(r, &a->site)) {
		st_error(_("%s: %s does not look like a MediaWiki API (no siteinfo)"), a->t->name,
			 a->t->api);
		ret = ST_CONFIG;
	}
	json_decref(r);
	return ret;
}

char *mw_page_url(const struct mw_api *a, const char *title)
{
	char *u = st_xstrdup(title), *enc, *path, *dollar;

	for (char *c = u; *c; c++)
		if (*c == ' ')
			*c = '_';
	enc = pub_url_path(u);
	path = st_xstrdup(a->site.articlepath);
	dollar = strstr(path, "$1");
	if (dollar) {
		*dollar = '\0';
		free(u);
		u = st_strdup_printf("%s%s%s%s", a->site.server, path, enc, dollar + 2);
	} else {
		free(u);
		u = st_strdup_printf("%s/%s", a->site.server, enc);
	}
	free(path);
	free(enc);
	return u;
}
