/* claim.c — see claim.h. */
#include "claim.h"
#include "msg.h"
#include "paths.h"
#include "plan.h"
#include "record.h"
#include "session.h"
#include "session_records.h"
#include "site/site.h"
#include "status.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

/* "atelier-2" ... "atelier-999": bounded, and far more than a site has. */
#define MAX_SUFFIX 999

/* What pub_slug() makes: [a-z0-9-], not empty, no leading '-'. */
static bool valid_slug(const char *s)
{
	if (!s || !*s || *s == '-')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

/* A random (version 4) UUID in OUT. */
static int make_id(char out[37])
{
	unsigned char r[16];

	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
		st_error(_("cannot make a session id: %s"), strerror(errno));
		return ST_OSERR;
	}
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12],
		 r[13], r[14], r[15]);
	return ST_OK;
}

/* st_session_update() callback: the id there (another run may have just
 * given one), else a new one. */
static int give_id(json_t *root, void *vc)
{
	struct pub_claim *c = vc;
	const char *id = st_session_id(root);
	char made[37];
	int ret;

	if (!id) {
		if ((ret = make_id(made)) || (ret = st_session_set_id(root, made)))
			return ret;
		id = made;
	}
	c->id = st_xstrdup(id);
	return ST_OK;
}

/* The slug in the URL of the page an older version published on T:
 * ".../SLUG/index.html".  NULL when there is none. */
static char *legacy_slug(const json_t *root, const char *target)
{
	struct st_publication page;
	const char *url = st_publication_get(root, target, "index.html", &page) ? page.url : NULL;
	const char *end, *start;
	char *slug;

	if (!url || strlen(url) < sizeof "/index.html")
		return NULL;
	end = url + strlen(url) - (sizeof "/index.html" - 1);
	if (strcmp(end, "/index.html"))
		return NULL;
	for (start = end; start > url && start[-1] != '/'; start--)
		;
	slug = st_strdup_printf("%.*s", (int)(end - start), start);
	if (valid_slug(slug))
		return slug;
	free(slug);
	return NULL;
}

int pub_claim_begin(struct pub_claim *c, const struct pub_job *job, const struct pub_target *t,
		    bool dry)
{
	json_t *root = NULL;
	const char *id, *rec;
	int ret;

	memset(c, 0, sizeof *c);
	c->t = t;
	c->job = job;
	if ((ret = st_session_load(job->dir, &root)))
		return ret;
	id = st_session_id(root);
	if (id)
		c->id = st_xstrdup(id);
	else if (dry)
		c->id = st_xstrdup("");
	else
		ret = st_session_update(job->dir, false, give_id, c);
	rec = st_session_slug(root, t->name);
	if (valid_slug(rec))
		c->recorded = st_xstrdup(rec);
	else
		c->legacy = legacy_slug(root, t->name);
	json_decref(root);
	return ret;
}

/* SLUG was this session's before it had an id: recorded, or where the
 * page of an older version's publication is. */
static bool ours_by_record(const struct pub_claim *c, const char *slug)
{
	return (c->recorded && !strcmp(slug, c->recorded)) ||
	       (c->legacy && !strcmp(slug, c->legacy));
}

/* Whether SLUG is free for this session; when not, *HOLDER names who has
 * it.  A folder the catalogue does not name is free: what is in it is
 * protected file by file (a file this session did not publish needs
 * --force). */
static bool free_for_us(const struct pub_claim *c, const json_t *cat, const char *slug,
			const char **holder)
{
	const char *title = NULL;
	const char *id = pub_site_holder(cat, slug, &title);

	*holder = title && *title ? title : id && *id ? id : _("untitled");
	if (!id)
		return true;
	return *id ? *c->id && !strcmp(id, c->id) : ours_by_record(c, slug);
}

static void refuse(const char *dir, const char *slug, const char *where, const char *holder)
{
	st_error(_("cannot publish %s as %s on %s: %s belongs to another session (%s)"), dir,
		 slug, where, slug, holder);
}

/* The first free slug among BASE, BASE-2, BASE-3... */
static int first_free(struct pub_claim *c, const json_t *cat, const char *where)
{
	const char *base = c->legacy ? c->legacy : c->job->slug;

	for (int k = 1; k <= MAX_SUFFIX; k++) {
		char *cand = k == 1 ? st_xstrdup(base) : st_strdup_printf("%s-%d", base, k);
		const char *holder;

		if (free_for_us(c, cat, cand, &holder)) {
			c->slug = cand;
			return ST_OK;
		}
		if (!c->wanted) {
			c->wanted = st_xstrdup(cand);
			c->holder = st_xstrdup(holder);
		}
		free(cand);
	}
	st_error(_("cannot publish %s on %s: %s to %s-%d all belong to other sessions"),
		 c->job->dir, where, base, base, MAX_SUFFIX);
	return ST_CANTCREAT;
}

int pub_claim_choose(json_t *cat, void *vc, bool *write)
{
	struct pub_claim *c = vc;
	const char *where = c->t->type == PUB_TYPE_DIR ? c->t->path : c->t->url;
	int ret = ST_OK;

	free(c->slug);
	free(c->wanted);
	free(c->holder);
	c->slug = c->wanted = c->holder = NULL;
	*write = false;
	if (c->recorded) {
		const char *title = NULL;
		const char *id = pub_site_holder(cat, c->recorded, &title);

		if (id && *id && strcmp(id, c->id)) {
			refuse(c->job->dir, c->recorded, where, title && *title ? title : id);
			return ST_CANTCREAT;
		}
		c->slug = st_xstrdup(c->recorded);
	} else {
		ret = first_free(c, cat, where);
	}
	if (ret == ST_OK && *c->id)
		*write = pub_site_register(cat, c->slug, c->id, c->job->meta.title);
	return ret;
}

static int record_slug(json_t *root, void *vc)
{
	const struct pub_claim *c = vc;

	return st_session_set_slug(root, c->t->name, c->slug);
}

int pub_claim_finish(const struct pub_claim *c, const char *dest, bool dry)
{
	if (dry) {
		char *why = c->wanted ? st_strdup_printf(_("%s belongs to another session (%s)"),
							 c->wanted, c->holder)
				      : NULL;

		if (pub_plan_collecting())
			(void)0; /* --json: the target's "slug" says it */
		else if (why)
			printf(_("would publish in %s: %s\n"), dest, why);
		else
			printf(_("would publish in %s\n"), dest);
		free(why);
		return ST_OK;
	}
	if (c->wanted)
		st_info(_("%s belongs to another session (%s): publishing in %s"), c->wanted,
			c->holder, dest);
	if (c->recorded && !strcmp(c->recorded, c->slug))
		return ST_OK;
	return st_session_update(c->job->dir, false, record_slug, (void *)c);
}

int pub_claim_check(const struct pub_job *job, const json_t *cat, const char *where)
{
	const char *title = NULL;
	const char *id = pub_site_holder(cat, job->slug, &title);

	if (!id || !*id || !job->id || !*job->id || !strcmp(id, job->id))
		return ST_OK;
	refuse(job->dir, job->slug, where, title && *title ? title : id);
	return ST_CANTCREAT;
}

struct pub_job pub_claim_job(const struct pub_claim *c)
{
	struct pub_job j = *c->job;

	j.slug = c->slug;
	j.id = c->id;
	return j;
}

void pub_claim_free(struct pub_claim *c)
{
	free(c->id);
	free(c->recorded);
	free(c->legacy);
	free(c->slug);
	free(c->wanted);
	free(c->holder);
	memset(c, 0, sizeof *c);
}
