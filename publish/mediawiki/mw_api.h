/* mw_api.h — MediaWiki's action API (api.php) for the mediawiki target:
 * multipart POSTs answered in JSON (formatversion=2, parsed with jansson),
 * the login (bot password through action=login, or action=clientlogin for
 * a main account), the CSRF token, and the good manners a community wiki
 * asks for: maxlag=5 on every request, Retry-After honoured, a
 * descriptive User-Agent (http.h).
 *
 * A request that fails because the session or the token expired
 * (badtoken, notloggedin, assertuserfailed) logs in again and is sent
 * again, once; maxlag errors wait as long as the wiki says, a few times. */
#ifndef STUDIO_PUBLISH_MW_API_H
#define STUDIO_PUBLISH_MW_API_H

#include "../config.h"
#include "../http.h"
#include "mw_reply.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#define MW_FORM_MAX 24

/* A POST: NAME=VALUE pairs, optionally a part streamed from a file. */
struct mw_form {
	const char *name[MW_FORM_MAX];
	const char *value[MW_FORM_MAX];
	int n;
	bool token;                 /* add the CSRF token */
	const char *file_field;     /* "file" or "chunk"; NULL: none */
	const char *file_path;
	uint64_t file_offset, file_length;
	const char *label;          /* progress label */
};

void mw_form_add(struct mw_form *f, const char *name, const char *value);

struct mw_api {
	struct pub_http http;
	const struct pub_target *t;
	char *password;
	char *csrf;
	bool logged_in;
	struct mw_site site;
};

/* Opens the API of T (no network yet).  Prints one message on failure. */
int mw_open(struct mw_api *a, const struct pub_target *t);
void mw_close(struct mw_api *a);

/* meta=siteinfo into a->site. */
int mw_siteinfo(struct mw_api *a);

/* Logs in and fetches the CSRF token.  "User@app" names log in with
 * action=login (a bot password); other names with action=clientlogin. */
int mw_login(struct mw_api *a);

/* POSTs F (plus action fields, format=json, formatversion=2, maxlag).
 * On ST_OK *OUT is the reply (new reference), which may carry an "error"
 * the caller judges — except the expiry and maxlag errors handled here. */
int mw_post(struct mw_api *a, const struct mw_form *f, json_t **out);

/* One POST of F and its JSON, without the re-login and maxlag waits of
 * mw_post (the login itself).  *RETRY is the Retry-After asked, in s. */
int mw_post_once(struct mw_api *a, const struct mw_form *f, json_t **out, double *retry);

/* mw_post, an error reply being a failure (printed, WHAT naming the call). */
int mw_query(struct mw_api *a, const char *what, struct mw_form *f, json_t **out);

/* Prints "target: WHAT: CODE: INFO" for an API error reply and returns
 * ST_UNAVAILABLE. */
int mw_fail(const struct mw_api *a, const char *what, const json_t *reply);

/* The page URL of TITLE on the wiki.  Malloc'ed. */
char *mw_page_url(const struct mw_api *a, const char *title);

#endif
