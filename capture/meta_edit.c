/* meta_edit.c — titles, descriptions and lists set in session.json. */
#include "meta_edit.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "metadata.h"
#include "msg.h"
#include "paths.h"
#include "status.h"

bool cap_text_valid(const char *s)
{
	json_t *j = json_string(s);

	json_decref(j);
	return *s && j;
}

bool cap_text_parse(const char *arg, struct cap_text *out)
{
	const char *eq = strchr(arg, '=');

	out->lang[0] = '\0';
	out->text = arg;
	if (eq && eq - arg == 2) {
		char lang[3] = {arg[0], arg[1], '\0'};

		if (strcmp(st_lang_iso639_2(lang), "und") != 0) {
			memcpy(out->lang, lang, sizeof lang);
			out->text = eq + 1;
		}
	}
	return cap_text_valid(out->text);
}

void cap_changes_add(struct cap_changes *c, char *line)
{
	char **l = realloc(c->lines, (c->n + 1) * sizeof *c->lines);

	if (!l)
		abort();
	c->lines = l;
	c->lines[c->n++] = line;
}

void cap_changes_free(struct cap_changes *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->lines[i]);
	free(c->lines);
	c->lines = NULL;
	c->n = 0;
}

/* ROOT's object KEY, created (or replacing a non-object) when missing. */
static json_t *object_at(json_t *root, const char *key)
{
	json_t *o = json_object_get(root, key);

	if (json_is_object(o))
		return o;
	o = json_object();
	return o && json_object_set_new(root, key, o) == 0 ? o : NULL;
}

int cap_meta_set_texts(json_t *root, const char *key, const char *main,
		       const struct cap_text *t, size_t n, struct cap_changes *log)
{
	json_t *obj = n ? object_at(root, key) : NULL;

	if (n && !obj)
		return ST_OSERR;
	for (size_t i = 0; i < n; i++) {
		const char *lang = *t[i].lang ? t[i].lang : main;
		const char *old = json_string_value(json_object_get(obj, lang));

		if (old && strcmp(old, t[i].text) == 0)
			continue;
		if (log && old)
			cap_changes_add(log, st_strdup_printf(_("%s (%s) changed from \"%s\" to \"%s\""),
							      key, lang, old, t[i].text));
		else if (log)
			cap_changes_add(log, st_strdup_printf(_("%s (%s) set to \"%s\""), key, lang,
							      t[i].text));
		if (json_object_set_new(obj, lang, json_string(t[i].text)) != 0)
			return ST_OSERR;
	}
	return ST_OK;
}

/* "A, B" from the strings of array A (non-strings left out); malloc'ed. */
static char *joined(const json_t *a)
{
	char *s = st_xstrdup(""), *t;
	size_t i;
	json_t *e;

	json_array_foreach(a, i, e) {
		if (!json_is_string(e))
			continue;
		t = st_strdup_printf("%s%s%s", s, *s ? ", " : "", json_string_value(e));
		free(s);
		s = t;
	}
	return s;
}

int cap_meta_set_list(json_t *root, const char *key, const char *const *v, size_t n,
		      struct cap_changes *log)
{
	json_t *a = json_array(), *old = json_object_get(root, key);
	char *was, *now;

	for (size_t i = 0; a && i < n; i++)
		if (json_array_append_new(a, json_string(v[i])) != 0)
			break;
	if (!a || json_array_size(a) != n) {
		json_decref(a);
		return ST_OSERR;
	}
	if (json_equal(a, old)) {
		json_decref(a);
		return ST_OK;
	}
	if (log) {
		was = joined(old);
		now = joined(a);
		cap_changes_add(log, st_strdup_printf(_("%s changed from \"%s\" to \"%s\""), key,
						      was, now));
		free(was);
		free(now);
	}
	return json_object_set_new(root, key, a) != 0 ? ST_OSERR : ST_OK;
}
