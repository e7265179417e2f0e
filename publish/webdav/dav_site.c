/* dav_site.c — the site's sessions.json, feed.xml and index.html on the
 * webdav target (dav.h), rewritten under one exclusive lock on the
 * catalogue; the same lock covers the choice of a slug (claim.h). */
#include "dav.h"
#include "../claim.h"
#include "msg.h"
#include "paths.h"
#include "progress.h"
#include "../site/site.h"
#include "status.h"

#include <stdlib.h>
#include <string.h>

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

/* Renders one of the site's files (NAME) from CAT with RENDER and PUTs it
 * unless the server's copy already says the same (pub_site_same); notes
 * it in OUT and whether it changed in *CHANGED. */
static int put_rendered(struct dav *d, const char *name, const char *type,
			char *(*render)(const json_t *cat, const char *url), const json_t *cat,
			struct pub_outcome *out, bool *changed)
{
	char *url = st_strdup_printf("%s%s", d->t->url, name);
	char *text = render(cat, d->t->url);
	struct remote rem = {0};
	int ret = dav_head(d, url, true, false, &rem);
	bool same = ret == ST_OK && rem.exists && pub_site_same(name, rem.body, rem.len, text);

	if (ret == ST_OK && !same)
		ret = put_locked(d, url, type, NULL, text);
	if (ret == ST_OK)
		pub_outcome_site(out, st_xstrdup(url), same);
	*changed |= ret == ST_OK && !same;
	dav_remote_free(&rem);
	free(text);
	free(url);
	return ret;
}

/* The run's line about the site's files: updated, or all unchanged. */
static void say_site(const struct dav *d, bool changed)
{
	char *cat = st_strdup_printf("%s%s", d->t->url, PUB_SITE_CATALOGUE);
	char *feed = st_strdup_printf("%s%s", d->t->url, PUB_SITE_FEED);
	char *index = st_strdup_printf("%s%s", d->t->url, PUB_SITE_INDEX);

	if (changed)
		st_info(_("updated: %s and %s"), feed, index);
	else
		st_info(_("unchanged: %s, %s and %s"), cat, PUB_SITE_FEED, PUB_SITE_INDEX);
	free(index);
	free(feed);
	free(cat);
}

static char *render_feed(const json_t *cat, const char *url)
{
	return pub_site_feed(cat, url);
}

static char *render_index(const json_t *cat, const char *url)
{
	(void)url;
	return pub_site_index(cat);
}

/* The site's catalogue read (a missing one is empty), without a lock:
 * what a dry run decides from.  New reference in *CAT. */
int dav_site_read(struct dav *d, json_t **cat)
{
	char *cat_url = st_strdup_printf("%s%s", d->t->url, PUB_SITE_CATALOGUE);
	struct remote rem = {0};
	int ret = dav_head(d, cat_url, true, false, &rem);

	*cat = NULL;
	if (ret == ST_OK &&
	    !(*cat = pub_site_parse(rem.exists && rem.len ? rem.body : NULL, rem.len, cat_url)))
		ret = ST_DATAERR;
	dav_remote_free(&rem);
	free(cat_url);
	return ret;
}

/* Makes sure the catalogue at URL exists before it is locked: Apache's
 * mod_dav grants several exclusive LOCKs on a missing resource when they
 * arrive together (measured here: 3 of 20 rounds of 3 simultaneous LOCKs;
 * never on an existing resource), and only one of the holders can then
 * write.  An empty catalogue is created with If-None-Match: *; a 412 means
 * another publisher created it first, which is as good. */
static int create_catalogue(struct dav *d, const char *url)
{
	const char *hdrs[] = {"Content-Type: application/json", "If-None-Match: *", NULL};
	json_t *empty = pub_site_parse(NULL, 0, url);
	char *text = pub_site_dump(empty);
	struct pub_req r = {.method = "PUT", .url = url, .headers = hdrs, .data = text,
			    .len = strlen(text)};
	struct pub_resp resp = {0};
	struct remote rem = {0};
	int ret = dav_head(d, url, false, false, &rem);

	if (ret == ST_OK && !rem.exists) {
		ret = pub_http_do(&d->http, &r, &resp);
		if (ret == ST_OK && resp.status != 412 && resp.status / 100 != 2)
			ret = pub_http_fail(&r, &resp);
		pub_resp_free(&resp);
	}
	dav_remote_free(&rem);
	json_decref(empty);
	free(text);
	return ret;
}

/* The site's catalogue edited by EDIT, then (with RENDER) feed.xml and
 * index.html rendered from it, all under one lock on the catalogue, which
 * every publisher takes: whoever comes second reads the first one's
 * changes, so two agents publishing at once lose nothing.  A server without
 * LOCK (nginx) gets the same from a collection made with MKCOL, which
 * only one publisher can create (dav_mutex_take). */
int dav_site_edit(struct dav *d, dav_site_edit_fn edit, void *ctx, struct pub_outcome *out)
{
	char *cat_url = st_strdup_printf("%s%s", d->t->url, PUB_SITE_CATALOGUE);
	char *mutex_url = st_strdup_printf("%s" PUB_DAV_SITE_MUTEX, d->t->url);
	char *token = NULL, *text = NULL;
	json_t *cat = NULL;
	struct remote rem = {0};
	bool write = false, mutex = !d->caps.lock, held = false, changed = false, same;
	/* Under the MKCOL mutex, no LOCK on a missing catalogue to work around. */
	int ret = mutex ? ST_OK : create_catalogue(d, cat_url);

	if (ret == ST_OK)
		ret = mutex ? dav_mutex_take(d, mutex_url) : dav_lock(d, cat_url, &token);
	held = mutex && ret == ST_OK;
	if (ret == ST_OK)
		ret = dav_head(d, cat_url, true, false, &rem);
	/* An empty resource: made by another version's LOCK on a missing one. */
	if (ret == ST_OK &&
	    !(cat = pub_site_parse(rem.exists && rem.len ? rem.body : NULL, rem.len, cat_url)))
		ret = ST_DATAERR;
	if (ret == ST_OK)
		ret = edit(cat, ctx, &write);
	if (ret == ST_OK && write) {
		text = pub_site_dump(cat);
		same = rem.exists && pub_site_same(PUB_SITE_CATALOGUE, rem.body, rem.len, text);
		if (!same)
			ret = put_locked(d, cat_url, "application/json", token, text);
		if (ret == ST_OK && out)
			pub_outcome_site(out, st_xstrdup(cat_url), same);
		changed = ret == ST_OK && !same;
		free(text);
	}
	if (ret == ST_OK && out)
		ret = put_rendered(d, PUB_SITE_FEED, "application/rss+xml", render_feed, cat, out,
				   &changed);
	if (ret == ST_OK && out)
		ret = put_rendered(d, PUB_SITE_INDEX, "text/html; charset=utf-8", render_index,
				   cat, out, &changed);
	if (ret == ST_OK && out)
		say_site(d, changed);
	if (token)
		dav_unlock(d, cat_url, token);
	else if (held)
		dav_mutex_drop(d, mutex_url);
	free(mutex_url);
	dav_remote_free(&rem);
	json_decref(cat);
	free(token);
	free(cat_url);
	return ret;
}

/* This session's entry, unless its slug has become another session's. */
static int merge_entry(json_t *cat, void *vd, bool *write)
{
	struct dav *d = vd;
	json_t *entry = pub_site_entry(d->job, d->t->url);
	int ret = pub_claim_check(d->job, cat, d->t->url);

	if (ret == ST_OK)
		pub_site_merge(cat, entry);
	*write = true;
	json_decref(entry);
	return ret;
}

int dav_update_site(struct dav *d, struct pub_outcome *out)
{
	return dav_site_edit(d, merge_entry, d, out);
}
