/* mw_api.c — see mw_api.h. */
#include "mw_api.h"
#include "msg.h"
#include "paths.h"
#include "progress.h"
#include "secret.h"
#include "status.h"
#include "url.h"

#include <ctype.h>
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
	for (size_t i = 0; i < a->site.nexts; i++)
		free(a->site.exts[i]);
	free(a->site.exts);
	free(a->site.server);
	free(a->site.articlepath);
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
		const char *base = strrchr(f->file_path, '/');

		p = curl_mime_addpart(mime);
		curl_mime_name(p, f->file_field);
		curl_mime_filename(p, base ? base + 1 : f->file_path);
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

/* One POST and its JSON. */
static int post_once(struct mw_api *a, const struct mw_form *f, json_t **out, double *retry)
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
	if (ret == ST_OK && !(*out = json_loadb(resp.body, resp.len, 0, &err))) {
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

const char *mw_error_code(const json_t *reply)
{
	const json_t *e = json_object_get(reply, "error");
	const json_t *errs = json_object_get(reply, "errors");

	if (e)
		return json_string_value(json_object_get(e, "code"));
	if (json_array_size(errs))
		return json_string_value(json_object_get(json_array_get(errs, 0), "code"));
	return NULL;
}

static const char *error_text(const json_t *reply)
{
	const json_t *e = json_object_get(reply, "error");
	const json_t *errs = json_object_get(reply, "errors");
	const char *s = NULL;

	if (e)
		s = json_string_value(json_object_get(e, "info"));
	if (!s && json_array_size(errs))
		s = json_string_value(json_object_get(json_array_get(errs, 0), "text"));
	return s ? s : "";
}

int mw_fail(const struct mw_api *a, const char *what, const json_t *reply)
{
	st_error(_("%s: %s: %s: %s"), a->t->name, what, mw_error_code(reply), error_text(reply));
	return ST_UNAVAILABLE;
}

static bool expired(const char *code)
{
	return code && (!strcmp(code, "badtoken") || !strcmp(code, "notloggedin") ||
			!strcmp(code, "assertuserfailed") || !strcmp(code, "assertbotfailed"));
}

int mw_post(struct mw_api *a, const struct mw_form *f, json_t **out)
{
	bool relogged = false;
	int lags = 0, ret;

	for (;;) {
		double retry;
		const char *code;

		if ((ret = post_once(a, f, out, &retry)))
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
		if (expired(code) && a->logged_in && !relogged) {
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

static int query(struct mw_api *a, const char *what, struct mw_form *f, json_t **out)
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
	json_t *r = NULL, *g, *exts, *e;
	size_t i;
	int ret;

	mw_form_add(&f, "action", "query");
	mw_form_add(&f, "meta", "siteinfo");
	mw_form_add(&f, "siprop", "general|fileextensions");
	if ((ret = query(a, "siteinfo", &f, &r)))
		return ret;
	g = json_object_get(json_object_get(r, "query"), "general");
	exts = json_object_get(json_object_get(r, "query"), "fileextensions");
	if (!g) {
		st_error(_("%s: %s does not look like a MediaWiki API (no siteinfo)"), a->t->name,
			 a->t->api);
		json_decref(r);
		return ST_CONFIG;
	}
	a->site.uploads = json_is_true(json_object_get(g, "uploadsenabled"));
	a->site.max_upload = json_integer_value(json_object_get(g, "maxuploadsize"));
	a->site.min_chunk = json_integer_value(json_object_get(g, "minuploadchunksize"));
	a->site.server = st_xstrdup(json_string_value(json_object_get(g, "server")) ?: "");
	a->site.articlepath = st_xstrdup(json_string_value(json_object_get(g, "articlepath")) ?: "/$1");
	a->site.exts = st_xcalloc(json_array_size(exts) + 1, sizeof *a->site.exts);
	json_array_foreach(exts, i, e) {
		const char *x = json_string_value(json_object_get(e, "ext"));
		if (x) {
			char *lc = st_xstrdup(x);
			for (char *c = lc; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			a->site.exts[a->site.nexts++] = lc;
		}
	}
	json_decref(r);
	return ST_OK;
}

/* MediaWiki only treats a password as a bot password when it has the
 * form it generates: 32 or more characters of 0-9a-w. */
static bool looks_like_bot_password(const char *p)
{
	size_t n = strlen(p);

	if (n < 32)
		return false;
	for (; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'w')))
			return false;
	return true;
}

static int fetch_token(struct mw_api *a, const char *type, char **out)
{
	struct mw_form f = {0};
	json_t *r = NULL;
	char key[32];
	const char *tok;
	int ret;

	mw_form_add(&f, "action", "query");
	mw_form_add(&f, "meta", "tokens");
	mw_form_add(&f, "type", type);
	if ((ret = query(a, "tokens", &f, &r)))
		return ret;
	snprintf(key, sizeof key, "%stoken", type);
	tok = json_string_value(json_object_get(json_object_get(json_object_get(r, "query"),
								  "tokens"), key));
	if (!tok) {
		st_error(_("%s: the wiki gave no %s token"), a->t->name, type);
		ret = ST_UNAVAILABLE;
	} else {
		free(*out);
		*out = st_xstrdup(tok);
	}
	json_decref(r);
	return ret;
}

static int login_failed(struct mw_api *a, const char *reason)
{
	bool bot_name = strchr(a->t->username, '@') != NULL;

	if (bot_name && !looks_like_bot_password(a->password))
		st_error(_("%s: login as %s refused (%s); a name of the form User@app needs the "
			   "bot password MediaWiki generated (32 characters of 0-9 and a-w), and "
			   "the one given does not look like one"), a->t->name, a->t->username,
			 reason);
	else
		st_error(_("%s: login as %s refused: %s"), a->t->name, a->t->username, reason);
	return ST_CONFIG;
}

int mw_login(struct mw_api *a)
{
	struct mw_form f = {0};
	char *token = NULL;
	json_t *r = NULL;
	bool bot = strchr(a->t->username, '@') != NULL;
	int ret;

	/* MediaWiki refuses a login inside a live bot-password session
	 * ("Aborted"): a new login starts from a new session. */
	pub_http_forget_cookies(&a->http);
	ret = fetch_token(a, "login", &token);

	if (ret)
		return ret;
	if (bot) {
		mw_form_add(&f, "action", "login");
		mw_form_add(&f, "lgname", a->t->username);
		mw_form_add(&f, "lgpassword", a->password);
		mw_form_add(&f, "lgtoken", token);
	} else {
		mw_form_add(&f, "action", "clientlogin");
		mw_form_add(&f, "username", a->t->username);
		mw_form_add(&f, "password", a->password);
		mw_form_add(&f, "logintoken", token);
		mw_form_add(&f, "loginreturnurl", a->site.server && *a->site.server
			    ? a->site.server : "http://localhost/");
	}
	ret = post_once(a, &f, &r, &(double){0});
	if (ret == ST_OK && mw_error_code(r))
		ret = mw_fail(a, "login", r);
	if (ret == ST_OK) {
		const json_t *res = json_object_get(r, bot ? "login" : "clientlogin");
		const char *st = json_string_value(json_object_get(res, bot ? "result" : "status"));

		if (!st || strcmp(st, bot ? "Success" : "PASS")) {
			const char *why = json_string_value(json_object_get(res, "reason"));
			if (!why)
				why = json_string_value(json_object_get(res, "message"));
			ret = login_failed(a, why ? why : (st ? st : "?"));
		}
	}
	json_decref(r);
	free(token);
	if (ret == ST_OK)
		ret = fetch_token(a, "csrf", &a->csrf);
	a->logged_in = ret == ST_OK;
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
