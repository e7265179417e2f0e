/* claim.h — the folder (slug) a session gets on a `dir` or `webdav`
 * target: chosen once, at its first publication there, and kept.
 *
 * Where each piece lives:
 * - the session's identity: session.json "id", a random UUID written at
 *   its first publication when it has none;
 * - the choice: session.json "publish_slugs" {TARGET: SLUG};
 * - the target's registry: the site catalogue's "slugs" object
 *   {SLUG: {"session": ID, "title": TITLE}} (site.h), written under the
 *   site's lock before anything of the session is copied or uploaded, so
 *   two first publications at once cannot take the same slug.
 *
 * A slug is another session's when the registry or a catalogue entry names
 * another id, or when an entry without id (an older catalogue) has it and
 * this session never published there.  A folder the catalogue does not
 * name is no session's: the files in it are protected one by one (a file
 * this session did not publish is replaced only with --force).  A new
 * session whose name slugs to another session's folder gets the first free
 * "SLUG-2", "SLUG-3"...; a session whose recorded slug has become another
 * session's is refused (ST_CANTCREAT), never moved. */
#ifndef STUDIO_PUBLISH_CLAIM_H
#define STUDIO_PUBLISH_CLAIM_H

#include "config.h"
#include "job.h"

#include <jansson.h>
#include <stdbool.h>

struct pub_claim {
	const struct pub_target *t;
	const struct pub_job *job;
	char *id;         /* the session's id; "" in a dry run of a session without one */
	char *recorded;   /* session.json "publish_slugs"[target], or NULL */
	char *legacy;     /* the slug of the page an older version published here, or NULL */
	char *slug;       /* the choice, once made */
	char *wanted;     /* the slug taken by another session, when a suffix was added */
	char *holder;     /* that session's title (or id) */
};

/* Reads session.json afresh for JOB's id and what it recorded for T; unless
 * DRY, gives the session an id when it has none (written before anything
 * can name it on a target).  pub_claim_free() whatever it returns. */
int pub_claim_begin(struct pub_claim *c, const struct pub_job *job, const struct pub_target *t,
		    bool dry);

/* Chooses C->slug against the catalogue CAT and registers it there;
 * *WRITE tells whether CAT changed and must be written back.  May be
 * called again (on a fresher CAT): the previous choice is dropped.  The
 * shape of the targets' locked catalogue edits (C is a struct pub_claim). */
int pub_claim_choose(json_t *cat, void *c, bool *write);

/* After the registry is written: records the slug in session.json and
 * says when a suffix was added.  DEST is the slug folder's path or URL.
 * In a dry run, prints the slug that would be used (with --json, the
 * target's summary carries it). */
int pub_claim_finish(const struct pub_claim *c, const char *dest, bool dry);

/* Under the site's lock, right before the catalogue entry of JOB (a
 * pub_claim_job()) is merged: its slug is still no other session's. */
int pub_claim_check(const struct pub_job *job, const json_t *cat, const char *where);

/* JOB with C's slug and id: a shallow copy for the target's run. */
struct pub_job pub_claim_job(const struct pub_claim *c);

void pub_claim_free(struct pub_claim *c);

#endif
