/* mw_reply.c — see mw_reply.h. */
#include "mw_reply.h"
#include "paths.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

json_t *mw_reply_load(const char *buf, size_t len, json_error_t *err)
{
	return json_loadb(buf ? buf : "", buf ? len : 0, 0, err);
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

const char *mw_error_text(const json_t *reply)
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

bool mw_code_expired(const char *code)
{
	return code && (!strcmp(code, "badtoken") || !strcmp(code, "notloggedin") ||
			!strcmp(code, "assertuserfailed") || !strcmp(code, "assertbotfailed"));
}

bool mw_code_stash_lost(const char *code)
{
	return code && (strstr(code, "stash") || !strcmp(code, "invalid-file-key") ||
			!strcmp(code, "missingresult") || !strcmp(code, "nofilekey"));
}

static char *lowercase(const char *s)
{
	char *lc = st_xstrdup(s);

	for (char *c = lc; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return lc;
}

bool mw_reply_siteinfo(const json_t *r, struct mw_site *site)
{
	const json_t *g = json_object_get(json_object_get(r, "query"), "general");
	const json_t *exts = json_object_get(json_object_get(r, "query"), "fileextensions");
	const json_t *e;
	size_t i;

	memset(site, 0, sizeof *site);
	if (!g)
		return false;
	site->uploads = json_is_true(json_object_get(g, "uploadsenabled"));
	site->max_upload = json_integer_value(json_object_get(g, "maxuploadsize"));
	site->min_chunk = json_integer_value(json_object_get(g, "minuploadchunksize"));
	site->server = st_xstrdup(json_string_value(json_object_get(g, "server")) ?: "");
	site->articlepath = st_xstrdup(json_string_value(json_object_get(g, "articlepath")) ?: "/$1");
	site->exts = st_xcalloc(json_array_size(exts) + 1, sizeof *site->exts);
	json_array_foreach(exts, i, e) {
		const char *x = json_string_value(json_object_get(e, "ext"));

		if (x)
			site->exts[site->nexts++] = lowercase(x);
	}
	return true;
}

void mw_site_free(struct mw_site *site)
{
	for (size_t i = 0; i < site->nexts; i++)
		free(site->exts[i]);
	free(site->exts);
	free(site->server);
	free(site->articlepath);
	memset(site, 0, sizeof *site);
}

const char *mw_reply_token(const json_t *r, const char *type)
{
	const json_t *toks = json_object_get(json_object_get(r, "query"), "tokens");
	char *key = st_strdup_printf("%stoken", type);
	const char *tok = json_string_value(json_object_get(toks, key));

	free(key);
	return tok;
}

/* A message as the API gives it: a string, or with errorformat=plaintext
 * an object {"code", "text"}. */
static const char *message_text(const json_t *m)
{
	return json_is_object(m) ? json_string_value(json_object_get(m, "text")) : json_string_value(m);
}

bool mw_reply_login(const json_t *r, bool bot, const char **why)
{
	const json_t *res = json_object_get(r, bot ? "login" : "clientlogin");
	const char *st = json_string_value(json_object_get(res, bot ? "result" : "status"));

	*why = NULL;
	if (st && !strcmp(st, bot ? "Success" : "PASS"))
		return true;
	*why = message_text(json_object_get(res, "reason"));
	if (!*why)
		*why = message_text(json_object_get(res, "message"));
	if (!*why)
		*why = st ? st : "?";
	return false;
}

bool mw_reply_has_right(const json_t *r, const char *right)
{
	const json_t *rights =
		json_object_get(json_object_get(json_object_get(r, "query"), "userinfo"), "rights");
	size_t i;
	const json_t *v;

	json_array_foreach(rights, i, v)
		if (json_is_string(v) && !strcmp(json_string_value(v), right))
			return true;
	return false;
}

void mw_reply_imageinfo(const json_t *r, struct mw_imageinfo *ii)
{
	const json_t *page = json_array_get(json_object_get(json_object_get(r, "query"), "pages"), 0);
	const json_t *info = json_array_get(json_object_get(page, "imageinfo"), 0);
	const char *canon = json_string_value(json_object_get(page, "title"));
	const char *colon = canon ? strchr(canon, ':') : NULL;

	memset(ii, 0, sizeof *ii);
	if (!info)
		return;
	ii->exists = true;
	ii->sha1 = json_string_value(json_object_get(info, "sha1"));
	ii->size = (uint64_t)json_integer_value(json_object_get(info, "size"));
	ii->url = json_string_value(json_object_get(info, "descriptionurl"));
	ii->name = colon ? colon + 1 : NULL;
}

const char *mw_reply_allimages(const json_t *r)
{
	/* "title" ("File:A b.mp4") rather than "name" ("A_b.mp4"). */
	const char *n = json_string_value(json_object_get(json_array_get(json_object_get(
		json_object_get(r, "query"), "allimages"), 0), "title"));

	return n && strchr(n, ':') ? strchr(n, ':') + 1 : n;
}

/* The "warnings" of an upload reply, most telling first. */
static void judge_warnings(const json_t *warn, struct mw_upload_reply *u)
{
	const json_t *dup = json_object_get(warn, "duplicate");
	const char *bad = json_string_value(json_object_get(warn, "badfilename"));
	const char *key;
	json_t *v;

	u->kind = MW_UP_SUCCESS;
	if (json_object_get(warn, "nochange")) {
		u->kind = MW_UP_UNCHANGED;
	} else if (json_array_size(dup) && json_string_value(json_array_get(dup, 0))) {
		u->kind = MW_UP_DUPLICATE;
		u->other = json_string_value(json_array_get(dup, 0));
	} else if (bad) {
		u->kind = MW_UP_RENAMED;
		u->other = bad;
	} else if (json_object_get(warn, "exists")) {
		u->kind = MW_UP_EXISTS;
	} else if (json_object_get(warn, "was-deleted")) {
		u->kind = MW_UP_WAS_DELETED;
	} else {
		json_object_foreach((json_t *)warn, key, v) {
			u->kind = MW_UP_WARNING;
			u->other = key;
			break;
		}
	}
}

void mw_reply_upload(const json_t *r, struct mw_upload_reply *u)
{
	const json_t *up = json_object_get(r, "upload");
	const char *code = mw_error_code(r);
	const char *result = json_string_value(json_object_get(up, "result"));

	memset(u, 0, sizeof *u);
	u->result = result;
	u->filekey = json_string_value(json_object_get(up, "filekey"));
	if (code && !strcmp(code, "fileexists-no-change"))
		u->kind = MW_UP_UNCHANGED;
	else if (mw_code_stash_lost(code))
		u->kind = MW_UP_STASH_LOST;
	else if (code)
		u->kind = MW_UP_ERROR, u->other = code;
	else if (result && !strcmp(result, "Warning"))
		judge_warnings(json_object_get(up, "warnings"), u);
	else if (result && !strcmp(result, "Success"))
		u->kind = MW_UP_SUCCESS;
	else if (result && !strcmp(result, "Continue"))
		u->kind = MW_UP_CONTINUE;
	else if (result && !strcmp(result, "Poll"))
		u->kind = MW_UP_POLL;
	else
		u->kind = MW_UP_UNEXPECTED, u->other = result ? result : "?";
	if (u->kind == MW_UP_CONTINUE)
		u->offset = (uint64_t)json_integer_value(json_object_get(up, "offset"));
	if (u->kind == MW_UP_POLL)
		u->stage = json_string_value(json_object_get(up, "stage"));
}

void mw_reply_revision(const json_t *r, struct mw_revision *rev)
{
	const json_t *page = json_array_get(json_object_get(json_object_get(r, "query"), "pages"), 0);
	const json_t *rv = json_array_get(json_object_get(page, "revisions"), 0);
	const char *c = json_string_value(json_object_get(json_object_get(
		json_object_get(rv, "slots"), "main"), "content"));
	const char *now = json_string_value(json_object_get(r, "curtimestamp"));

	rev->text = c ? c : "";
	rev->timestamp = json_string_value(json_object_get(rv, "timestamp"));
	rev->now = now ? now : "";
}

bool mw_reply_edit_nochange(const json_t *r)
{
	return json_object_get(json_object_get(r, "edit"), "nochange") != NULL;
}
