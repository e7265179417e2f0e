/* dav_mutex.c — the site's mutex on a server without LOCK (dav.h).
 *
 * nginx's DAV module has no LOCK, and ignores If-Match, so the site's
 * read-modify-write of sessions.json is serialised by a collection,
 * URL.studio-site.lock/: MKCOL creates it for exactly one publisher (201;
 * the others get 405 and wait).  Inside, "owner" says who holds it and
 * until when ("studio-publish run HEX until EPOCH"), so that a mutex
 * left by a publisher that was killed does not block the site for ever:
 * past that time, or when no owner file appears within DAV_LOCK_SECONDS
 * (a holder killed right after its MKCOL, or our own MKCOL whose answer
 * was lost), the waiting publisher removes it and takes it. */
#include "dav.h"
#include "msg.h"
#include "paths.h"
#include "progress.h"
#include "status.h"

#include <stdlib.h>
#include <string.h>

/* MKCOL URL: *STATUS 201 (made) or 405 (there). */
static int make(struct dav *d, const char *url, long *status)
{
	struct pub_req r = {.method = "MKCOL", .url = url};
	struct pub_resp resp;
	int ret = pub_http_do(&d->http, &r, &resp);

	*status = resp.status;
	if (ret == ST_OK && resp.status != 201 && resp.status != 405)
		ret = pub_http_fail(&r, &resp);
	pub_resp_free(&resp);
	return ret;
}

static int put_owner(struct dav *d, const char *owner_url, const char *text)
{
	struct pub_req r = {.method = "PUT", .url = owner_url, .data = text, .len = strlen(text)};
	struct pub_resp resp;
	int ret = pub_http_do(&d->http, &r, &resp);

	if (ret == ST_OK && resp.status / 100 != 2)
		ret = pub_http_fail(&r, &resp);
	pub_resp_free(&resp);
	return ret;
}

/* Whether the mutex at URL is stale: its owner's time is past, or it has
 * had no owner file since *OWNERLESS (set here when first seen so). */
static int stale(struct dav *d, const char *owner_url, double *ownerless, bool *out)
{
	struct remote rem = {0};
	const char *until;
	int ret = dav_head(d, owner_url, true, false, &rem);

	*out = false;
	if (ret == ST_OK && rem.exists && rem.body && (until = strstr(rem.body, " until ")))
		*out = st_now() > strtod(until + 7, NULL);
	else if (ret == ST_OK && !rem.exists && *ownerless == 0)
		*ownerless = st_now();
	else if (ret == ST_OK && !rem.exists)
		*out = st_now() - *ownerless > DAV_LOCK_SECONDS;
	dav_remote_free(&rem);
	return ret;
}

int dav_mutex_take(struct dav *d, const char *url)
{
	char *owner_url = st_strdup_printf("%sowner", url);
	char *owner = dav_lock_owner();
	char *text = st_strdup_printf("%s until %.0f\n", owner, st_now() + DAV_LOCK_SECONDS);
	double give_up = st_now() + DAV_LOCK_WAIT, ownerless = 0;
	bool old = false;
	long st = 0;
	int ret;

	for (int n = 0;; n++) {
		if ((ret = make(d, url, &st)) != ST_OK || st == 201)
			break;
		if ((ret = stale(d, owner_url, &ownerless, &old)) != ST_OK)
			break;
		if (old) {
			st_warn(_("removing %s, left by a publisher that stopped"), url);
			dav_forget(d, url);
			ownerless = 0;
			continue;
		}
		if (st_now() >= give_up) {
			st_error(_("%s is held by another publisher for more than %d s; if none is "
				   "running, remove it and try again"), url, DAV_LOCK_WAIT);
			ret = ST_TEMPFAIL;
			break;
		}
		dav_sleep_ms(dav_poll_ms(n));
	}
	if (ret == ST_OK && (ret = put_owner(d, owner_url, text)) != ST_OK)
		dav_forget(d, url);
	free(text);
	free(owner);
	free(owner_url);
	return ret;
}

void dav_mutex_drop(struct dav *d, const char *url)
{
	dav_forget(d, url);
}
