/* mw_login.c — logging in to the wiki (mw_api.h): a login token, then
 * action=login for a bot password ("User@app") or action=clientlogin for a
 * main account, then the CSRF token every write needs. */
#include "mw_api.h"
#include "msg.h"
#include "paths.h"
#include "status.h"

#include <stdlib.h>
#include <string.h>

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
	const char *tok;
	int ret;

	mw_form_add(&f, "action", "query");
	mw_form_add(&f, "meta", "tokens");
	mw_form_add(&f, "type", type);
	if ((ret = mw_query(a, "tokens", &f, &r)))
		return ret;
	tok = mw_reply_token(r, type);
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
	ret = mw_post_once(a, &f, &r, &(double){0});
	if (ret == ST_OK && mw_error_code(r))
		ret = mw_fail(a, "login", r);
	if (ret == ST_OK) {
		const char *why;

		if (!mw_reply_login(r, bot, &why))
			ret = login_failed(a, why);
	}
	json_decref(r);
	free(token);
	if (ret == ST_OK)
		ret = fetch_token(a, "csrf", &a->csrf);
	a->logged_in = ret == ST_OK;
	return ret;
}
