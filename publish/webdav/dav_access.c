/* dav_access.c — what a dry run proves about the account (dav.h,
 * dav_check_access): that it logs in, that the folder is there, and that
 * it may write, without writing anything.
 *
 * Why MKCOL on an existing folder: none of the four servers tested
 * (Apache mod_dav, nginx + dav-ext, lighttpd mod_webdav, rclone) reports
 * DAV:current-user-privilege-set (RFC 3744), and a LOCK, even of a scratch
 * name, writes (a lock-null or empty resource, a lock database entry that
 * blocks other publishers).  A MKCOL of a collection that exists cannot
 * succeed (RFC 4918 §9.3.1: 405), but the server decides whether the
 * account may send it first: 401/403 for an account that may not write,
 * 405 for one that may (Apache, nginx, lighttpd; rclone answers 201, its
 * mkdir of an existing folder succeeding without making anything).  A
 * server that judges rights only after the name's existence would pass
 * here a read-only account that the real run's first write then meets. */
#include "dav.h"
#include "msg.h"
#include "paths.h"
#include "../plan.h"
#include "status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PROPFIND Depth: 0 of URL: *FOUND when it exists; a resource that is not
 * a collection is an error. */
static int look(struct dav *d, const char *url, bool *found)
{
	struct dav_multistatus ms;
	char *path = dav_url_path(url);
	bool missing = true;
	int ret = dav_propfind(d, url, 0, &ms, &missing);
	const struct dav_entry *e = ret == ST_OK && path ? dav_multistatus_find(&ms, path) : NULL;

	if (ret == ST_OK && !missing && !e && ms.n == 1)
		e = &ms.e[0];    /* a server that answers with another spelling */
	*found = ret == ST_OK && !missing && e && e->status / 100 == 2;
	if (*found && !e->collection) {
		st_error(_("%s is a file, not a folder; check url in %s"), url,
			 d->t->config_file ? d->t->config_file : "publish.ini");
		ret = ST_CONFIG;
	}
	dav_multistatus_free(&ms);
	free(path);
	return ret;
}

/* The folder a real run writes into first: the session's (D->base) when it
 * is there, else the target's, which must be (the real run's MKCOL of the
 * session's folder would get 409).  *URL borrowed from D. */
static int find_folder(struct dav *d, const char **url)
{
	bool found = false;
	int ret = look(d, d->base, &found);

	*url = d->base;
	if (ret == ST_OK && !found) {
		*url = d->t->url;
		ret = look(d, d->t->url, &found);
	}
	if (ret == ST_OK && !found) {
		st_error(_("%s does not exist; check url in %s"), d->t->url,
			 d->t->config_file ? d->t->config_file : "publish.ini");
		ret = ST_CONFIG;
	}
	return ret;
}

/* OPTIONS of URL: a WebDAV server answers with a DAV header (class 1).
 * *WHAT is "DAV: ...; Allow: ...", malloc'ed, for the plan. */
static int options(struct dav *d, const char *url, char **what)
{
	struct pub_req r = {.method = "OPTIONS", .url = url};
	struct pub_resp resp;
	int ret = pub_http_do(&d->http, &r, &resp);

	*what = NULL;
	if (ret == ST_OK && resp.status / 100 != 2)
		ret = pub_http_fail(&r, &resp);
	else if (ret == ST_OK && (!resp.dav || !strchr(resp.dav, '1'))) {
		st_error(_("OPTIONS %s: the server does not say it speaks WebDAV (no DAV header)"),
			 url);
		ret = ST_UNAVAILABLE;
	}
	if (ret == ST_OK)
		*what = st_strdup_printf("DAV: %s; Allow: %s", resp.dav,
					 resp.allow ? resp.allow : "?");
	pub_resp_free(&resp);
	return ret;
}

/* MKCOL of the existing folder URL: 405 (it exists) means the account may
 * write there; 401/403 that it may not. */
static int may_write(struct dav *d, const char *url, long *status)
{
	struct pub_req r = {.method = "MKCOL", .url = url};
	struct pub_resp resp;
	int ret = pub_http_do(&d->http, &r, &resp);

	*status = resp.status;
	if (ret == ST_OK && (resp.status == 401 || resp.status == 403)) {
		ret = pub_http_fail(&r, &resp);
		st_error(_("%s may read %s but not write there (or the password is wrong and "
			   "the server lets anyone read)"), d->t->username, url);
	} else if (ret == ST_OK && resp.status != 405 && resp.status != 201) {
		/* 201: rclone's answer for an existing folder (or the folder
		 * went away since it was looked at: the real run would make
		 * it too). */
		ret = pub_http_fail(&r, &resp);
	}
	pub_resp_free(&resp);
	return ret;
}

int dav_check_access(struct dav *d)
{
	const char *url = NULL;
	char *what = NULL, *why;
	long status = 0;
	int ret = find_folder(d, &url);

	if (ret == ST_OK)
		ret = options(d, url, &what);
	if (ret == ST_OK)
		ret = may_write(d, url, &status);
	if (ret == ST_OK) {
		why = st_strdup_printf("%s; MKCOL %ld", what, status);
		if (!pub_plan_step("check", NULL, url, why))
			printf(_("%s may write to %s (%s)\n"), d->t->username, url, why);
		free(why);
	}
	free(what);
	return ret;
}
