/* dav_probe.c — what the webdav server really supports (dav.h), asked
 * once per target and URL and recorded in session.json's
 * "publish_servers"; dav_replace.c decides from it.
 *
 * Servers differ (docs/publish.md has the table): Apache mod_dav honours
 * the tagged If header on MOVE; lighttpd and rclone answer 412 to it even
 * with the current ETag but enforce their LOCKs; nginx's DAV modules
 * ignore every condition, lock nothing and give no getetag.  So each one
 * is tried on two scratch files next to the site (".studio-probe-HEX" and
 * ".studio-probe-HEX-2"), removed afterwards: a MOVE with a wrong then the
 * right ETag, a LOCK and whether a DELETE without its token is refused
 * (423), a MOVE onto the locked file with the lock token. */
#include "dav.h"
#include "msg.h"
#include "paths.h"
#include "session.h"
#include "status.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#define PROBE_BODY "studio-publish probe\n"
#define SERVERS_KEY "publish_servers"

void dav_caps_free(struct dav_caps *c)
{
	free(c->dav);
	memset(c, 0, sizeof *c);
}

enum dav_mode dav_mode(const struct dav_caps *c)
{
	return c->if_move ? DAV_MODE_IF : c->lock ? DAV_MODE_LOCK : DAV_MODE_COMPARE;
}

/* One request of the probe: *STATUS its HTTP status (transport errors
 * were reported by pub_http_do, which returned them; refused credentials
 * are reported here and end the probe). */
static int ask(struct dav *d, const char *method, const char *url, const char *const *hdrs,
	       long *status)
{
	struct pub_req r = {.method = method, .url = url, .headers = hdrs};
	struct pub_resp resp;
	int ret = pub_http_do(&d->http, &r, &resp);

	*status = resp.status;
	if (ret == ST_OK && (resp.status == 401 || resp.status == 403))
		ret = pub_http_fail(&r, &resp);
	pub_resp_free(&resp);
	return ret;
}

/* PUT of the probe's body at URL: it must succeed (a target we cannot
 * write to fails here with the server's reason; the first request that
 * meets a url naming a missing collection, hence its 409 explained). */
static int put_scratch(struct dav *d, const char *url)
{
	struct pub_req r = {.method = "PUT", .url = url, .data = PROBE_BODY,
			    .len = sizeof PROBE_BODY - 1};
	struct pub_resp resp;
	int ret = pub_http_do(&d->http, &r, &resp);

	if (ret == ST_OK && (resp.status == 409 || resp.status == 404)) {
		st_error(_("PUT %s: HTTP %ld: the parent collection does not exist; check url in %s"),
			 url, resp.status, d->t->config_file ? d->t->config_file : "publish.ini");
		ret = ST_CONFIG;
	} else if (ret == ST_OK && resp.status / 100 != 2) {
		ret = pub_http_fail(&r, &resp);
	}
	pub_resp_free(&resp);
	return ret;
}

/* MOVE FROM onto TO (Overwrite: T) with the If header IF_ (or none). */
static int move_if(struct dav *d, const char *from, const char *to, const char *if_,
		   long *status)
{
	char *dest = st_strdup_printf("Destination: %s", to);
	const char *hdrs[] = {dest, "Overwrite: T", if_, NULL};
	int ret = ask(d, "MOVE", from, hdrs, status);

	free(dest);
	return ret;
}

/* Whether a MOVE of B onto A honours If: <A> (["etag"]): refused with a
 * wrong ETag, done with A's own.  B is gone afterwards when it was done. */
static int probe_if_move(struct dav *d, const char *a, const char *b, bool *gone)
{
	struct remote rem = {0};
	char *bad = st_strdup_printf("If: <%s> ([\"studio-no-such-etag\"])", a);
	char *good = NULL;
	long st = 0;
	int ret = move_if(d, b, a, bad, &st);

	*gone = st / 100 == 2 || st == 404;  /* 404: done, its answer lost */
	if (ret == ST_OK && st == 412 && (ret = dav_stat(d, a, &rem)) == ST_OK && rem.etag) {
		good = st_strdup_printf("If: <%s> ([%s])", a, rem.etag);
		ret = move_if(d, b, a, good, &st);
		/* 404: B is gone, moved by an attempt whose answer was lost. */
		d->caps.if_move = ret == ST_OK && (st / 100 == 2 || st == 404);
		*gone = d->caps.if_move;
	}
	dav_remote_free(&rem);
	free(good);
	free(bad);
	return ret;
}

/* Whether LOCK works on A: granted, a DELETE without the token refused
 * (423), and then whether B can be moved onto A with the token. */
static int probe_lock(struct dav *d, const char *a, const char *b)
{
	char *token = NULL, *tagged = NULL;
	long st = 0;
	int ret = dav_lock_once(d, a, &token);

	if (ret != ST_OK || !token)
		return ret;
	ret = ask(d, "DELETE", a, NULL, &st);
	d->caps.lock = ret == ST_OK && st == 423;
	if (ret == ST_OK && d->caps.lock) {
		tagged = st_strdup_printf("If: <%s> (%s)", a, token);
		ret = move_if(d, b, a, tagged, &st);
		d->caps.lock_move = ret == ST_OK && (st / 100 == 2 || st == 404);
	}
	dav_unlock_quiet(d, a, token);
	free(tagged);
	free(token);
	return ret;
}

/* Whether the DAV header DAV ("1, 2, 3", "1,2,access-control") names
 * compliance class 2. */
static bool has_class_2(const char *dav)
{
	for (const char *p = dav; p && *p;) {
		size_t n;

		p += strspn(p, " \t,");
		n = strcspn(p, " \t,");
		if (n == 1 && *p == '2')
			return true;
		p += n;
	}
	return false;
}

/* OPTIONS on the target's URL: the DAV compliance classes (RFC 4918 §18)
 * and whether LOCK is among the methods allowed.  Read-only. */
static int probe_options(struct dav *d, bool *lock_offered)
{
	struct pub_req r = {.method = "OPTIONS", .url = d->t->url};
	struct pub_resp resp;
	int ret = pub_http_do(&d->http, &r, &resp);
	long st = resp.status;

	*lock_offered = false;
	/* Credentials refused: said now, once.  Other refusals (no OPTIONS
	 * here) leave the scratch files to tell. */
	if (ret == ST_OK && (st == 401 || st == 403))
		ret = pub_http_fail(&r, &resp);
	if (ret == ST_OK && st / 100 == 2) {
		free(d->caps.dav);
		d->caps.dav = resp.dav ? st_xstrdup(resp.dav) : NULL;
		/* Class 2 is LOCK (nginx lists LOCK in Allow, says class 1,
		 * and answers 405 to it). */
		*lock_offered = has_class_2(resp.dav) &&
				(!resp.allow || strstr(resp.allow, "LOCK"));
	}
	pub_resp_free(&resp);
	return ret;
}

static char *scratch_url(const struct dav *d, const char *suffix)
{
	unsigned char r[8];
	char hex[17] = "0";

	if (getrandom(r, sizeof r, 0) == (ssize_t)sizeof r)
		for (size_t i = 0; i < sizeof r; i++)
			snprintf(hex + 2 * i, 3, "%02x", r[i]);
	else
		snprintf(hex, sizeof hex, "%ld", (long)getpid());
	return st_strdup_printf("%s.studio-probe-%s%s", d->t->url, hex, suffix);
}

/* Whether a PROPFIND of URL gives its getetag. */
static int propfind_etag(struct dav *d, const char *url, bool *has)
{
	struct dav_multistatus ms;
	char *path = dav_url_path(url);
	const struct dav_entry *e;
	bool missing;
	int ret = dav_propfind(d, url, 0, &ms, &missing);

	e = ret == ST_OK && path ? dav_multistatus_find(&ms, path) : NULL;
	if (ret == ST_OK && !missing && !e && ms.n == 1)
		e = &ms.e[0];    /* a server that answers with another spelling */
	*has = e && e->etag;
	dav_multistatus_free(&ms);
	free(path);
	return ret;
}

/* The probe itself: see the top of this file.  The scratch files written
 * are removed whatever happens. */
static int probe(struct dav *d)
{
	char *a = scratch_url(d, "");
	char *b = st_strdup_printf("%s-2", a);
	bool offered = false, gone = false, wrote_b = false;
	/* The PUT first: lighttpd 1.4.69 never answers an OPTIONS of a
	 * collection that does not exist, and a url naming one must fail
	 * fast with its 409 (404 from rclone). */
	int ret = put_scratch(d, a);
	bool wrote_a = ret == ST_OK;

	if (ret == ST_OK)
		ret = probe_options(d, &offered);
	if (ret == ST_OK && (ret = propfind_etag(d, a, &d->caps.getetag)) == ST_OK)
		wrote_b = (ret = put_scratch(d, b)) == ST_OK;
	if (ret == ST_OK)
		ret = probe_if_move(d, a, b, &gone);
	if (ret == ST_OK && gone)
		ret = put_scratch(d, b);
	if (ret == ST_OK && offered)
		ret = probe_lock(d, a, b);
	/* Only what was written is removed (nothing after a refusal). */
	if (wrote_b)
		dav_forget(d, b);
	if (wrote_a)
		dav_forget(d, a);
	d->caps.known = ret == ST_OK;
	free(b);
	free(a);
	return ret;
}

/* The record of D's target in ROOT when it was made for the same URL. */
static const json_t *recorded(const struct dav *d, const json_t *root)
{
	const json_t *rec = json_object_get(json_object_get(root, SERVERS_KEY), d->t->name);
	const char *url = json_string_value(json_object_get(rec, "url"));

	return url && !strcmp(url, d->t->url) ? rec : NULL;
}

static int record_edit(json_t *root, void *vd)
{
	const struct dav *d = vd;
	const struct dav_caps *c = &d->caps;
	json_t *all = json_object_get(root, SERVERS_KEY);
	char now[32];
	json_t *rec;

	st_iso8601_now(now);
	rec = json_pack("{s:s, s:s?, s:b, s:b, s:b, s:b, s:s}", "url", d->t->url, "dav", c->dav,
			"getetag", c->getetag, "if_move", c->if_move, "lock", c->lock,
			"lock_move", c->lock_move, "at", now);
	if (!all && rec && !json_object_set_new(root, SERVERS_KEY, json_object()))
		all = json_object_get(root, SERVERS_KEY);
	if (!rec || !all || json_object_set_new(all, d->t->name, rec)) {
		st_error(_("cannot record the publications of target '%s': %s"), d->t->name,
			 strerror(ENOMEM));
		return ST_OSERR;
	}
	return ST_OK;
}

static void caps_from(struct dav_caps *c, const json_t *rec)
{
	c->known = true;
	c->getetag = json_is_true(json_object_get(rec, "getetag"));
	c->if_move = json_is_true(json_object_get(rec, "if_move"));
	c->lock = json_is_true(json_object_get(rec, "lock"));
	c->lock_move = json_is_true(json_object_get(rec, "lock_move"));
	if (json_is_string(json_object_get(rec, "dav")))
		c->dav = st_xstrdup(json_string_value(json_object_get(rec, "dav")));
}

int dav_caps_get(struct dav *d)
{
	const json_t *rec = recorded(d, d->job->root);
	bool offered = false;
	int ret;

	if (rec) {
		caps_from(&d->caps, rec);
		return ST_OK;
	}
	if (d->dry) {
		/* No scratch file in a dry run: OPTIONS only, and a LOCK the
		 * server offers is taken at its word (the real run checks). */
		ret = probe_options(d, &offered);
		d->caps.lock = d->caps.lock_move = offered;
		return ret;
	}
	ret = probe(d);
	if (ret == ST_OK)
		ret = st_session_update(d->job->dir, false, record_edit, d);
	return ret;
}

const char *dav_caveat(const struct dav *d)
{
	return dav_mode(&d->caps) == DAV_MODE_COMPARE
		       ? _("this server cannot guarantee against a concurrent writer (no working "
			   "LOCK, conditional requests ignored): files are compared right before "
			   "they are replaced")
		       : NULL;
}
