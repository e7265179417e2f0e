/* dav_lock.c — the site's lock (dav.h): an exclusive WebDAV write lock
 * (RFC 4918 LOCK) with a per-run owner, waited for with backoff, and
 * recognised as ours when the answer to our LOCK was lost. */
#include "dav.h"
#include "msg.h"
#include "paths.h"
#include "progress.h"
#include "status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#define LOCK_SECONDS DAV_LOCK_SECONDS
#define LOCK_WAIT DAV_LOCK_WAIT
#define PUB_STR2(x) #x
#define PUB_STR(x) PUB_STR2(x)

#define POLL_MS 200         /* first wait for another publisher's lock, doubled */
#define POLL_MAX_MS 5000     /* up to this */

/* A per-run owner for our LOCK ("studio-publish run " and 32 random hex
 * digits, XML-safe): how the lock found on the catalogue is known to be
 * this run's own, taken by a LOCK whose answer was lost.  Malloc'ed. */
char *dav_lock_owner(void)
{
	unsigned char r[16];
	char hex[33];

	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
		return st_strdup_printf("studio-publish run %ld %.6f", (long)getpid(), st_now());
	for (size_t i = 0; i < sizeof r; i++)
		snprintf(hex + 2 * i, 3, "%02x", r[i]);
	return st_strdup_printf("studio-publish run %s", hex);
}

/* Whether the lock on URL (PROPFIND lockdiscovery) is OWNER's: then *TOKEN
 * is its Lock-Token, "<opaquelocktoken:...>", malloc'ed; else NULL. */
static int lock_is_ours(struct dav *d, const char *url, const char *owner, char **token)
{
	struct dav_multistatus ms;
	const struct dav_entry *e;
	char *path = dav_url_path(url);
	bool missing;
	int ret = dav_propfind(d, url, 0, &ms, &missing);

	e = ret == ST_OK && path ? dav_multistatus_find(&ms, path) : NULL;
	if (ret == ST_OK && !missing && !e && ms.n == 1)
		e = &ms.e[0];    /* a server that answers with another spelling */
	if (e && e->lock_owner && e->lock_token && !strcmp(e->lock_owner, owner))
		*token = st_strdup_printf("<%s>", e->lock_token);
	dav_multistatus_free(&ms);
	free(path);
	return ret;
}

/* Whether the lock we were just granted on URL (TOKEN) is not the one the
 * server lists: Apache's mod_dav grants two exclusive LOCKs that arrive at
 * the same instant and keeps one of them (measured here: three publishers
 * in step, 3 runs of 3), so the other publisher holds a token the server
 * no longer knows.  Only a lockdiscovery naming another token refutes
 * ours; a server that lists no lock is taken at its word. */
static bool lock_lost(struct dav *d, const char *url, const char *token)
{
	struct dav_multistatus ms;
	const struct dav_entry *e;
	char *path = dav_url_path(url);
	bool missing, lost = false;

	if (dav_propfind(d, url, 0, &ms, &missing) == ST_OK && !missing) {
		e = path ? dav_multistatus_find(&ms, path) : NULL;
		e = e ? e : ms.n == 1 ? &ms.e[0] : NULL;
		lost = e && e->lock_token && (strlen(token) != strlen(e->lock_token) + 2 ||
					      strncmp(token + 1, e->lock_token, strlen(e->lock_token)));
	}
	dav_multistatus_free(&ms);
	free(path);
	return lost;
}

/* The wait before poll N for a lock held by someone else: doubled from
 * POLL_MS up to POLL_MAX_MS, with up to half of it again at random so that
 * waiting publishers do not poll in step. */
long dav_poll_ms(int n)
{
	long ms = n < 5 ? POLL_MS << n : POLL_MAX_MS;

	ms = ms < POLL_MAX_MS ? ms : POLL_MAX_MS;
	return ms + rand() % (ms / 2 + 1);
}

/* The body of a LOCK request for OWNER: exclusive, write. */
static char *lock_body(const char *owner)
{
	return st_strdup_printf(
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
		"<D:locktype><D:write/></D:locktype><D:owner>%s</D:owner></D:lockinfo>\n", owner);
}

static const char *const lock_hdrs[] = {"Content-Type: application/xml; charset=utf-8",
					"Depth: 0", "Timeout: Second-" PUB_STR(LOCK_SECONDS), NULL};

/* An exclusive WebDAV write lock on URL (RFC 4918 LOCK), waited for while
 * another publisher holds it.  Apache checks If-Match and writes without
 * a lock between the two, so two PUTs with the same If-Match can both
 * succeed: the lock is what serialises the site's read-modify-writes.
 * A 423 may also be our own lock, when the answer to a LOCK that the
 * server granted was lost and the request was sent again: the lock's
 * owner (unique to this run) tells, and then its token is taken.
 * *TOKEN is the Lock-Token ("<opaquelocktoken:...>"), malloc'ed. */
int dav_lock(struct dav *d, const char *url, char **token)
{
	char *owner = dav_lock_owner();
	char *body = lock_body(owner);
	struct pub_req r = {.method = "LOCK", .url = url, .headers = lock_hdrs, .data = body,
			    .len = strlen(body)};
	double give_up = st_now() + LOCK_WAIT;
	int ret;

	*token = NULL;
	for (int n = 0;; n++) {
		struct pub_resp resp;

		ret = pub_http_do(&d->http, &r, &resp);
		if (ret == ST_OK && (resp.status == 200 || resp.status == 201) && resp.lock_token &&
		    lock_lost(d, url, resp.lock_token) && st_now() < give_up) {
			dav_unlock_quiet(d, url, resp.lock_token);
			pub_resp_free(&resp);
			dav_sleep_ms(dav_poll_ms(n));
			continue;
		} else if (ret == ST_OK && (resp.status == 200 || resp.status == 201) &&
			   resp.lock_token) {
			*token = resp.lock_token;
			resp.lock_token = NULL;
		} else if (ret == ST_OK && resp.status == 423 &&
			   ((ret = lock_is_ours(d, url, owner, token)) != ST_OK || *token)) {
			/* ours, or the PROPFIND failed (it said why) */
		} else if (ret == ST_OK && resp.status == 423 && st_now() < give_up) {
			pub_resp_free(&resp);
			dav_sleep_ms(dav_poll_ms(n));
			continue;
		} else if (ret == ST_OK && resp.status == 423) {
			st_error(_("%s is locked by another publisher for more than %d s; try again "
				   "later"), url, LOCK_WAIT);
			ret = ST_TEMPFAIL;
		} else if (ret == ST_OK) {
			ret = pub_http_fail(&r, &resp);
		}
		pub_resp_free(&resp);
		free(body);
		free(owner);
		return ret;
	}
}

int dav_lock_once(struct dav *d, const char *url, char **token)
{
	char *owner = dav_lock_owner();
	char *body = lock_body(owner);
	struct pub_req r = {.method = "LOCK", .url = url, .headers = lock_hdrs, .data = body,
			    .len = strlen(body)};
	struct pub_resp resp;
	int ret = pub_http_do(&d->http, &r, &resp);

	*token = NULL;
	if (ret == ST_OK && resp.status / 100 == 2 && resp.lock_token) {
		*token = resp.lock_token;
		resp.lock_token = NULL;
	} else if (ret == ST_OK && resp.status == 423) {
		ret = lock_is_ours(d, url, owner, token);  /* our LOCK, its answer lost */
	} else if (ret == ST_OK && (resp.status == 401 || resp.status == 403)) {
		ret = pub_http_fail(&r, &resp);
	}
	pub_resp_free(&resp);
	free(body);
	free(owner);
	return ret;
}

void dav_unlock_quiet(struct dav *d, const char *url, const char *token)
{
	char *hdr = st_strdup_printf("Lock-Token: %s", token);
	const char *hdrs[] = {hdr, NULL};
	struct pub_req r = {.method = "UNLOCK", .url = url, .headers = hdrs};
	struct pub_resp resp;

	pub_http_do(&d->http, &r, &resp);
	pub_resp_free(&resp);
	free(hdr);
}

void dav_unlock(struct dav *d, const char *url, const char *token)
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
