/* session_publications.c — "publications", "id" and "publish_slugs": see
 * session_records.h. */
#include "session_records.h"
#include "status.h"

#include <string.h>

#define PUBLICATIONS_KEY "publications"
#define SLUGS_KEY "publish_slugs"

static bool same(const json_t *rec, const char *key, const char *value)
{
	const char *v = json_string_value(json_object_get(rec, key));
	return v && !strcmp(v, value);
}

const json_t *st_publication_find(const json_t *root, const char *target, const char *file)
{
	const json_t *arr = json_object_get(root, PUBLICATIONS_KEY);
	size_t i;
	const json_t *rec;

	json_array_foreach(arr, i, rec)
		if (same(rec, "target", target) && same(rec, "file", file))
			return rec;
	return NULL;
}

bool st_publication_get(const json_t *root, const char *target, const char *file,
			struct st_publication *p)
{
	const json_t *rec = st_publication_find(root, target, file);
	const json_t *bytes = json_object_get(rec, "bytes");

	if (!rec)
		return false;
	*p = (struct st_publication){
		.target = target, .file = file,
		.type = json_string_value(json_object_get(rec, "type")),
		.url = json_string_value(json_object_get(rec, "url")),
		.sha256 = json_string_value(json_object_get(rec, "sha256")),
		.bytes = json_integer_value(bytes) > 0 ? (uint64_t)json_integer_value(bytes) : 0,
		.etag = json_string_value(json_object_get(rec, "etag")),
		.wiki_name = json_string_value(json_object_get(rec, "wiki_name")),
		.at = json_string_value(json_object_get(rec, "at")),
	};
	return true;
}

/* P as a record (new reference), or NULL when out of memory. */
static json_t *publication_json(const struct st_publication *p)
{
	json_t *item = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:s}", "target", p->target,
				 "type", p->type, "file", p->file, "url", p->url, "sha256",
				 p->sha256, "bytes", (json_int_t)p->bytes, "at", p->at);

	if (item && p->etag && json_object_set_new(item, "etag", json_string(p->etag)))
		goto oom;
	if (item && p->wiki_name && json_object_set_new(item, "wiki_name",
							json_string(p->wiki_name)))
		goto oom;
	return item;
oom:
	json_decref(item);
	return NULL;
}

/* The index of the first record of (TARGET, FILE) in ARR, the later ones
 * removed; (size_t)-1 when there is none. */
static size_t only_record(json_t *arr, const char *target, const char *file)
{
	size_t first = (size_t)-1;

	for (size_t i = json_array_size(arr); i-- > 0;) {
		json_t *rec = json_array_get(arr, i);

		if (!same(rec, "target", target) || !same(rec, "file", file))
			continue;
		if (first != (size_t)-1)
			json_array_remove(arr, first);
		first = i;
	}
	return first;
}

int st_publications_put(json_t *root, const struct st_publication *p, bool keep_at)
{
	json_t *arr = json_object_get(root, PUBLICATIONS_KEY), *item, *old;
	size_t at;

	if (!arr) {
		arr = json_array();
		if (!arr || json_object_set_new(root, PUBLICATIONS_KEY, arr))
			return ST_OSERR;
	}
	if (!(item = publication_json(p)))
		return ST_OSERR;
	at = only_record(arr, p->target, p->file);
	if (at == (size_t)-1)
		return json_array_append_new(arr, item) ? ST_OSERR : ST_OK;
	old = json_array_get(arr, at);
	if (keep_at && same(old, "sha256", p->sha256) && json_is_string(json_object_get(old, "at")))
		json_object_set(item, "at", json_object_get(old, "at"));
	return json_array_set_new(arr, at, item) ? ST_OSERR : ST_OK;
}

const char *st_session_id(const json_t *root)
{
	const char *id = json_string_value(json_object_get(root, "id"));

	return id && *id ? id : NULL;
}

int st_session_set_id(json_t *root, const char *id)
{
	return json_object_set_new(root, "id", json_string(id)) ? ST_OSERR : ST_OK;
}

const char *st_session_slug(const json_t *root, const char *target)
{
	return json_string_value(json_object_get(json_object_get(root, SLUGS_KEY), target));
}

int st_session_set_slug(json_t *root, const char *target, const char *slug)
{
	json_t *slugs = json_object_get(root, SLUGS_KEY);

	if (!json_is_object(slugs)) {
		slugs = json_object();
		if (!slugs || json_object_set_new(root, SLUGS_KEY, slugs))
			return ST_SOFTWARE;
	}
	return json_object_set_new(slugs, target, json_string(slug)) ? ST_SOFTWARE : ST_OK;
}
