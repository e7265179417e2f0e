/* site.c — the site catalogue (site.h): parsed, merged, its slug registry,
 * serialised.  The entry is made by entry.c, the index and the feed
 * rendered by index.c and feed.c. */
#include "entry.h"
#include "site.h"
#include "msg.h"
#include "paths.h"
#include "status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SITE_SCHEMA "studio-site/1"

json_t *pub_site_parse(const char *text, size_t len, const char *where)
{
	json_error_t err;
	json_t *root;

	if (!text)
		return json_pack("{s:s, s:[]}", "schema", SITE_SCHEMA, "sessions");
	root = json_loadb(text, len, 0, &err);
	if (!root) {
		st_error(_("%s: invalid JSON at line %d, column %d: %s"), where, err.line,
			 err.column, err.text);
		return NULL;
	}
	if (strcmp(pub_entry_str(root, "schema"), SITE_SCHEMA) ||
	    !json_is_array(json_object_get(root, "sessions")) ||
	    (json_object_get(root, "slugs") && !json_is_object(json_object_get(root, "slugs")))) {
		st_error(_("%s: not a studio site catalogue (expected schema %s and a "
			   "\"sessions\" array)"), where, SITE_SCHEMA);
		json_decref(root);
		return NULL;
	}
	return root;
}

static int newest_first(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = strcmp(pub_entry_str(y, "date"), pub_entry_str(x, "date"));

	return c ? c : strcmp(pub_entry_str(x, "slug"), pub_entry_str(y, "slug"));
}

void pub_site_merge(json_t *catalogue, json_t *entry)
{
	json_t *arr = json_object_get(catalogue, "sessions");
	size_t n, i;
	json_t **items, *s;

	for (i = 0; i < json_array_size(arr); i++)
		if (!strcmp(pub_entry_str(json_array_get(arr, i), "slug"), pub_entry_str(entry, "slug")))
			break;
	if (i < json_array_size(arr))
		json_array_set(arr, i, entry);
	else
		json_array_append(arr, entry);
	if (*pub_entry_str(entry, "session_id"))
		pub_site_register(catalogue, pub_entry_str(entry, "slug"), pub_entry_str(entry, "session_id"),
				  pub_entry_str(entry, "title"));
	n = json_array_size(arr);
	items = st_xcalloc(n, sizeof *items);
	json_array_foreach(arr, i, s)
		items[i] = json_incref(s);
	qsort(items, n, sizeof *items, newest_first);
	json_array_clear(arr);
	for (i = 0; i < n; i++)
		json_array_append_new(arr, items[i]);
	free(items);
}

const char *pub_site_holder(const json_t *catalogue, const char *slug, const char **title)
{
	const json_t *reg = json_object_get(json_object_get(catalogue, "slugs"), slug);
	const json_t *arr = json_object_get(catalogue, "sessions"), *e;
	size_t i;

	*title = NULL;
	if (json_is_object(reg)) {
		*title = pub_entry_str(reg, "title");
		return pub_entry_str(reg, "session");
	}
	json_array_foreach(arr, i, e) {
		if (strcmp(pub_entry_str(e, "slug"), slug))
			continue;
		*title = pub_entry_str(e, "title");
		return pub_entry_str(e, "session_id");
	}
	return NULL;
}

bool pub_site_register(json_t *catalogue, const char *slug, const char *id, const char *title)
{
	json_t *slugs = json_object_get(catalogue, "slugs");
	const json_t *reg = json_object_get(slugs, slug);

	if (json_is_object(reg) && !strcmp(pub_entry_str(reg, "session"), id))
		return false;
	if (!slugs) {
		slugs = json_object();
		json_object_set_new(catalogue, "slugs", slugs);
	}
	if (json_object_set_new(slugs, slug, json_pack("{s:s, s:s}", "session", id, "title",
						       title ? title : "")))
		abort();
	return true;
}

char *pub_site_dump(const json_t *catalogue)
{
	char *s = json_dumps(catalogue, JSON_INDENT(1) | JSON_ENSURE_ASCII);
	char *out;

	if (!s)
		abort();
	out = st_strdup_printf("%s\n", s);
	free(s);
	return out;
}

/* The length of TEXT (LEN bytes) without its <lastBuildDate> element, in
 * two parts: *HEAD bytes, then what follows the element from *TAIL. */
static void without_build_date(const char *text, size_t len, size_t *head, const char **tail)
{
	static const char opening[] = "<lastBuildDate>", closing[] = "</lastBuildDate>";
	const char *a = strstr(text, opening);
	const char *b = a ? strstr(a, closing) : NULL;

	*head = b ? (size_t)(a - text) : len;
	*tail = b ? b + sizeof closing - 1 : text + len;
}

bool pub_site_same(const char *name, const char *old, size_t len, const char *text)
{
	size_t oh, nh;
	const char *ot, *nt;

	/* A NUL inside OLD: not text we wrote. */
	if (!old || strlen(old) != len)
		return false;
	if (strcmp(name, PUB_SITE_FEED))
		return !strcmp(old, text);
	without_build_date(old, len, &oh, &ot);
	without_build_date(text, strlen(text), &nh, &nt);
	return oh == nh && !memcmp(old, text, oh) && !strcmp(ot, nt);
}
