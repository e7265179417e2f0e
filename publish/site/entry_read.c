/* entry_read.c — reading catalogue entries, old ones included (entry.h). */
#include "entry.h"
#include "metadata.h"
#include "paths.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *pub_entry_str(const json_t *e, const char *key)
{
	const char *s = json_string_value(json_object_get(e, key));

	return s ? s : "";
}

const char *pub_entry_lang(const json_t *e)
{
	return *pub_entry_str(e, "language") ? pub_entry_str(e, "language") : "fr";
}

json_t *pub_entry_texts(const json_t *e, bool descriptions)
{
	const json_t *v = json_object_get(e, descriptions ? "descriptions" : "titles");
	const char *main = pub_entry_str(e, descriptions ? "description" : "title");
	json_t *arr;

	if (json_is_array(v))
		return json_incref((json_t *)v);
	arr = json_array();
	if (*main)
		json_array_append_new(arr, json_pack("{s:s, s:s}", "lang", "fr", "text", main));
	if (!descriptions && *pub_entry_str(e, "title_co"))
		json_array_append_new(arr, json_pack("{s:s, s:s}", "lang", "co", "text",
						     pub_entry_str(e, "title_co")));
	return arr;
}

const char *pub_entry_when(const json_t *e)
{
	return *pub_entry_str(e, "recorded") ? pub_entry_str(e, "recorded")
					      : pub_entry_str(e, "date");
}

/* The attribution line for PRODUCER (NULL: the default one) and the date
 * of last update UPDATED (ISO 8601; "" or NULL: today), through
 * st_meta_attribution(), the one function that writes it. */
static char *attribution(const char *producer, const char *updated)
{
	json_t *s = json_object();
	struct st_meta m;
	char *line;

	if (producer && *producer)
		json_object_set_new(s, "producer", json_string(producer));
	if (updated && *updated)
		json_object_set_new(s, "updated", json_string(updated));
	st_meta_from_session(s, &m);
	line = st_meta_attribution(&m);
	st_meta_free(&m);
	json_decref(s);
	return line;
}

char *pub_entry_attribution(const json_t *e)
{
	if (*pub_entry_str(e, "attribution"))
		return st_xstrdup(pub_entry_str(e, "attribution"));
	return attribution(pub_entry_str(e, "producer"), pub_entry_str(e, "updated"));
}

/* The entry's last update as ISO 8601 (a day for an older entry). */
static const char *updated_of(const json_t *e)
{
	return *pub_entry_str(e, "updated_at") ? pub_entry_str(e, "updated_at")
						: pub_entry_str(e, "updated");
}

char *pub_site_attribution(const json_t *catalogue)
{
	const json_t *arr = json_object_get(catalogue, "sessions"), *e;
	const char *latest = "";
	size_t i;

	/* Days compare as strings; the times of one day are compared as
	 * written (their zones are the Lab's, the same for every session). */
	json_array_foreach(arr, i, e)
		if (strcmp(updated_of(e), latest) > 0)
			latest = updated_of(e);
	return attribution(pub_entry_str(json_array_get(arr, 0), "producer"), latest);
}

bool pub_selection_match(const json_t *a, const json_t *b)
{
	static const char *const ends[] = {"start", "end"};

	if (!a || !b)
		return true;
	for (size_t i = 0; i < 2; i++)
		if (fabs(json_number_value(json_object_get(a, ends[i])) -
			 json_number_value(json_object_get(b, ends[i]))) > 0.001)
			return false;
	return true;
}
