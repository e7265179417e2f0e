/* record.c — see record.h. */
#include "record.h"
#include "msg.h"
#include "paths.h"
#include "session.h"
#include "status.h"

#include <errno.h>
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

void pub_outcome_free(struct pub_outcome *o)
{
	for (size_t i = 0; i < o->ndone; i++) {
		free(o->done[i].file);
		free(o->done[i].url);
		free(o->done[i].etag);
		free(o->done[i].extra);
	}
	free(o->done);
	free(o->page_path);
	free(o->slug);
	free(o->caveat);
	memset(o, 0, sizeof *o);
}

static bool same(const json_t *rec, const char *key, const char *value)
{
	const char *v = json_string_value(json_object_get(rec, key));
	return v && !strcmp(v, value);
}

/* Puts ITEM in place of the first record of the same (target, file) and
 * drops any later one; appends it when there is none.  Steals ITEM. */
static int replace(json_t *arr, const struct pub_done *d, const char *target, json_t *item)
{
	size_t first = (size_t)-1;

	for (size_t i = json_array_size(arr); i-- > 0;) {
		json_t *rec = json_array_get(arr, i);

		if (!same(rec, "target", target) || !same(rec, "file", d->file))
			continue;
		if (first != (size_t)-1)
			json_array_remove(arr, first);
		first = i;
	}
	if (first == (size_t)-1)
		return json_array_append_new(arr, item) ? ST_SOFTWARE : ST_OK;
	if (d->unchanged && same(json_array_get(arr, first), "sha256", d->sha256) &&
	    json_is_string(json_object_get(json_array_get(arr, first), "at")))
		json_object_set(item, "at", json_object_get(json_array_get(arr, first), "at"));
	return json_array_set_new(arr, first, item) ? ST_SOFTWARE : ST_OK;
}

static int edit(json_t *root, void *vctx)
{
	const struct record_ctx *ctx = vctx;
	json_t *arr = json_object_get(root, "publications");

	if (!arr) {
		arr = json_array();
		if (!arr || json_object_set_new(root, "publications", arr))
			goto oom;
	}
	for (size_t i = 0; i < ctx->o->ndone; i++) {
		const struct pub_done *d = &ctx->o->done[i];
		json_t *item = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:s}", "target", ctx->t->name,
					 "type", pub_type_name(ctx->t->type), "file", d->file,
					 "url", d->url, "sha256", d->sha256,
					 "bytes", (json_int_t)d->bytes, "at", ctx->now);

		if (item && d->etag && json_object_set_new(item, "etag", json_string(d->etag)))
			goto oom;
		if (item && d->extra && json_object_set_new(item, "wiki_name", json_string(d->extra)))
			goto oom;
		if (!item || replace(arr, d, ctx->t->name, item))
			goto oom;
	}
	return ST_OK;
oom:
	st_error(_("cannot record the publications of target '%s': %s"), ctx->t->name,
		 strerror(ENOMEM));
	return ST_OSERR;
}

int pub_record(const char *session_dir, const struct pub_target *t, const struct pub_outcome *o)
{
	struct record_ctx ctx = {t, o, ""};

	st_iso8601_now(ctx.now);
	return st_session_update(session_dir, false, edit, &ctx);
}

const json_t *pub_record_find(const json_t *root, const char *target, const char *file)
{
	const json_t *arr = json_object_get(root, "publications");
	size_t i;
	const json_t *rec;

	json_array_foreach(arr, i, rec)
		if (same(rec, "target", target) && same(rec, "file", file))
			return rec;
	return NULL;
}
