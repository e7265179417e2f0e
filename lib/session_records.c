/* session_records.c — "captures", "captions" and "renditions": see
 * session_records.h. */
#include "session_records.h"
#include "msg.h"
#include "paths.h"
#include "safefile.h"
#include "session.h"
#include "status.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The element of ROOT's KEY array that is the last one, or NULL. */
static const json_t *last_of(const json_t *root, const char *key)
{
	const json_t *arr = json_object_get(root, key);
	size_t n = json_array_size(arr);

	return n ? json_array_get(arr, n - 1) : NULL;
}

static const char *string_of(const json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

/* DIR/FILE in *PATH when FILE passes the whole path policy (safefile.h:
 * inside the session, no link, a regular file).  The check opens it; the
 * caller's library then opens it again by name, so a file swapped by
 * someone writing into the session at that very moment is not caught here
 * (publish, which reads through the checked descriptor, does not use this). */
static int checked_path(const char *dir, const char *file, char **path)
{
	int fd, ret = st_safe_open_in(dir, file, &fd);

	if (ret != ST_OK)
		return ret;
	close(fd);
	*path = st_path_join(dir, file);
	return ST_OK;
}

/* ITEM, about to be written under KEY, names a file inside the session:
 * the programs never record a path the policy would refuse. */
static int writable(const json_t *item, const char *key)
{
	const char *file = string_of(item, "file");

	if (st_safe_relative(file))
		return ST_OK;
	st_error(_("refusing to record %s in \"%s\": the path must stay inside the session "
		   "folder (relative, without \"..\")"), file ? file : "", key);
	return ST_SOFTWARE;
}

size_t st_captures_count(const json_t *root)
{
	return json_array_size(json_object_get(root, "captures"));
}

bool st_captures_has_file(const json_t *root, const char *file)
{
	size_t i;
	const json_t *c;

	json_array_foreach(json_object_get(root, "captures"), i, c) {
		const char *f = string_of(c, "file");

		if (f && !strcmp(f, file))
			return true;
	}
	return false;
}

/* The markers of capture C with a number "t" (others are malformed). */
static void read_markers(const json_t *c, struct st_capture *out)
{
	const json_t *list = json_object_get(c, "markers");
	size_t i;
	const json_t *m;

	if (!json_is_array(list) || !json_array_size(list))
		return;
	out->markers = st_xcalloc(json_array_size(list), sizeof *out->markers);
	json_array_foreach(list, i, m) {
		const json_t *t = json_object_get(m, "t");

		if (!json_is_number(t))
			continue;
		out->markers[out->nmarkers].t = json_number_value(t);
		out->markers[out->nmarkers].label = string_of(m, "label");
		out->nmarkers++;
	}
}

int st_captures_last(const json_t *root, const char *dir, struct st_capture *c)
{
	const json_t *last = last_of(root, "captures");
	const char *file = string_of(last, "file");
	int ret;

	memset(c, 0, sizeof *c);
	if (!file || !*file)
		return ST_OK;
	if ((ret = checked_path(dir, file, &c->path)))
		return ret;
	read_markers(last, c);
	return ST_OK;
}

void st_capture_free(struct st_capture *c)
{
	free(c->path);
	free(c->markers);
	memset(c, 0, sizeof *c);
}

int st_captures_append(json_t *root, json_t *capture)
{
	json_t *arr = json_object_get(root, "captures");
	int ret = writable(capture, "captures");

	if (ret != ST_OK)
		return ret;
	if (!json_is_array(arr)) {
		arr = json_array();
		if (!arr || json_object_set_new(root, "captures", arr))
			return ST_OSERR;
	}
	return json_array_append(arr, capture) ? ST_OSERR : ST_OK;
}

int st_session_captions(const json_t *root, const char *dir, struct st_caption **v, size_t *n)
{
	const json_t *list = json_object_get(root, "captions");
	size_t i;
	const json_t *c;

	*v = NULL;
	*n = 0;
	if (!json_is_array(list) || !json_array_size(list))
		return ST_OK;
	*v = st_xcalloc(json_array_size(list), sizeof **v);
	json_array_foreach(list, i, c) {
		const char *lang = string_of(c, "lang"), *file = string_of(c, "file");
		int ret;

		if (!lang || !file || !*lang || !*file)
			continue;
		if ((ret = checked_path(dir, file, &(*v)[*n].path)))
			return ret;
		(*v)[(*n)++].lang = lang;
	}
	return ST_OK;
}

void st_captions_free(struct st_caption *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

static bool read_sha256(const json_t *v, char out[65])
{
	const char *s = json_string_value(v);

	if (!s || strlen(s) != 64)
		return false;
	for (int i = 0; i < 64; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return false;
		out[i] = (char)tolower((unsigned char)s[i]);
	}
	out[64] = '\0';
	return true;
}

/* One rendition record R into *F; NULL, or why it is refused. */
static const char *read_rendition(const json_t *r, struct st_rendition *f)
{
	const json_t *bytes = json_object_get(r, "bytes");
	const json_t *dur = json_object_get(r, "duration");

	f->file = string_of(r, "file");
	f->preset = string_of(r, "preset");
	if (!f->preset)
		f->preset = "";
	f->duration = json_is_number(dur) ? json_number_value(dur) : -1;
	if (!st_safe_relative(f->file))
		return _("\"file\" must be a relative path inside the session");
	if (!read_sha256(json_object_get(r, "sha256"), f->sha256))
		return _("\"sha256\" must be 64 hexadecimal digits");
	if (!json_is_integer(bytes) || json_integer_value(bytes) < 0)
		return _("\"bytes\" must be a non-negative integer");
	f->bytes = (uint64_t)json_integer_value(bytes);
	return NULL;
}

int st_session_renditions(const json_t *root, const char *dir, struct st_rendition **v,
			  size_t *n)
{
	const json_t *arr = json_object_get(root, "renditions");
	size_t i;
	const json_t *r;

	*v = NULL;
	*n = 0;
	if (!json_array_size(arr))
		return ST_OK;
	*v = st_xcalloc(json_array_size(arr), sizeof **v);
	json_array_foreach(arr, i, r) {
		const char *why = read_rendition(r, &(*v)[i]);
		size_t k = 0;

		/* st_safe_relative admits one spelling per path: equal strings
		 * are the only way two records can name one file. */
		while (!why && k < i && strcmp((*v)[k].file, (*v)[i].file))
			k++;
		if (!why && k < i)
			why = _("\"file\" is already named by an earlier rendition");
		if (why) {
			st_error(_("%s/%s: invalid \"renditions\"[%zu]: %s"), dir, ST_SESSION_FILE,
				 i, why);
			free(*v);
			*v = NULL;
			return ST_DATAERR;
		}
		(*n)++;
	}
	return ST_OK;
}

int st_renditions_put(json_t *root, json_t *item)
{
	const char *preset = string_of(item, "preset");
	int ret = writable(item, "renditions");

	if (ret != ST_OK)
		return ret;
	return preset ? st_session_upsert(root, "renditions", "preset", preset, item)
		      : st_session_upsert(root, "renditions", "file", string_of(item, "file"),
					  item);
}
