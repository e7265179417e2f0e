/* record.c — see record.h. */
#include "record.h"
#include "job.h"
#include "msg.h"
#include "paths.h"
#include "session.h"
#include "session_records.h"
#include "status.h"

#include <errno.h>
#include <stdio.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

struct record_ctx {
	const struct pub_target *t;
	const struct pub_outcome *o;
	char now[32];
};

struct pub_done *pub_outcome_add(struct pub_outcome *o, char *file, char *url,
				 const char sha256[65], uint64_t bytes, bool unchanged)
{
	struct pub_done *d = realloc(o->done, (o->ndone + 1) * sizeof *d);

	if (!d)
		abort();
	o->done = d;
	d = &o->done[o->ndone++];
	d->file = file;
	d->url = url;
	memcpy(d->sha256, sha256, 65);
	d->bytes = bytes;
	d->unchanged = unchanged;
	d->etag = NULL;
	d->extra = NULL;
	return d;
}

void pub_outcome_site(struct pub_outcome *o, char *url, bool unchanged)
{
	if (o->nsite == sizeof o->site / sizeof o->site[0]) {
		free(url);
		return;
	}
	o->site[o->nsite].url = url;
	o->site[o->nsite++].unchanged = unchanged;
}

void pub_outcome_free(struct pub_outcome *o)
{
	for (size_t i = 0; i < o->ndone; i++) {
		free(o->done[i].file);
		free(o->done[i].url);
		free(o->done[i].etag);
		free(o->done[i].extra);
	}
	free(o->done);
	for (size_t i = 0; i < o->nsite; i++)
		free(o->site[i].url);
	free(o->page_path);
	free(o->slug);
	free(o->caveat);
	memset(o, 0, sizeof *o);
}

static int edit(json_t *root, void *vctx)
{
	const struct record_ctx *ctx = vctx;

	for (size_t i = 0; i < ctx->o->ndone; i++) {
		const struct pub_done *d = &ctx->o->done[i];
		const struct st_publication p = {ctx->t->name, pub_type_name(ctx->t->type), d->file,
						 d->url, d->sha256, d->bytes, d->etag, d->extra,
						 ctx->now};

		if (st_publications_put(root, &p, d->unchanged)) {
			st_error(_("cannot record the publications of target '%s': %s"),
				 ctx->t->name, strerror(ENOMEM));
			return ST_OSERR;
		}
	}
	return ST_OK;
}

int pub_record(const char *session_dir, const struct pub_target *t, const struct pub_outcome *o)
{
	struct record_ctx ctx = {t, o, ""};

	snprintf(ctx.now, sizeof ctx.now, "%s", pub_run_time());
	return st_session_update(session_dir, false, edit, &ctx);
}

