/* describe.c — metadata corrected after the recording. */
#include "describe.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "meta_edit.h"
#include "human.h"
#include "msg.h"
#include "paths.h"
#include "session.h"
#include "status.h"

/* What the edit callback returns when nothing changed: not an st_status,
 * so st_session_update() abandons the write and hands it back. */
#define UNCHANGED (-1)

struct describe {
	const struct cap_opts *opts;
	const char *path;         /* DIR/session.json, for the messages */
	struct cap_changes changes;
};

/* The main language after the edit: the first --language, else the
 * session's first language, else French (metadata.h's default). */
static const char *main_language(const struct cap_opts *o, const json_t *root)
{
	const char *s = json_string_value(json_array_get(json_object_get(root, "languages"), 0));

	if (o->n_languages)
		return o->languages[0];
	return s && *s ? s : "fr";
}

/* The markers of the latest capture (docs/session.md: captures[].markers),
 * NULL when there is none. */
static json_t *last_markers(json_t *root)
{
	json_t *captures = json_object_get(root, "captures");
	size_t n = json_array_size(captures);

	return n ? json_object_get(json_array_get(captures, n - 1), "markers") : NULL;
}

static int name_marker(json_t *root, const struct cap_marker_name *m, const char *path,
		       struct cap_changes *log)
{
	json_t *markers = last_markers(root);
	size_t n = json_array_size(markers);
	char at[ST_HUMAN_LEN];
	json_t *marker = json_array_get(markers, m->number - 1);
	const char *old;

	if (m->number > (long)n || !json_is_object(marker)) {
		st_error(ngettext("no marker %ld in %s: the recording has %zu marker",
				  "no marker %ld in %s: the recording has %zu markers", n),
			 m->number, path, n);
		return ST_DATAERR;
	}
	old = json_string_value(json_object_get(marker, "label"));
	if (old && strcmp(old, m->name) == 0)
		return ST_OK;
	st_htime(at, sizeof at, json_number_value(json_object_get(marker, "t")), 1, NULL);
	cap_changes_add(log, st_strdup_printf(_("marker %ld at %s renamed from \"%s\" to \"%s\""),
					      m->number, at, old ? old : "", m->name));
	return json_object_set_new(marker, "label", json_string(m->name)) ? ST_OSERR : ST_OK;
}

static int edit_describe(json_t *root, void *ctx)
{
	struct describe *d = ctx;
	const struct cap_opts *o = d->opts;
	const char *main;
	int rc = ST_OK;

	if (o->n_languages)
		rc = cap_meta_set_list(root, "languages", o->languages, o->n_languages, &d->changes);
	main = main_language(o, root);
	if (rc == ST_OK)
		rc = cap_meta_set_texts(root, "title", main, o->titles, o->n_titles, &d->changes);
	if (rc == ST_OK)
		rc = cap_meta_set_texts(root, "description", main, o->descriptions,
					o->n_descriptions, &d->changes);
	if (rc == ST_OK && o->n_speakers)
		rc = cap_meta_set_list(root, "speakers", o->speakers, o->n_speakers, &d->changes);
	for (size_t i = 0; rc == ST_OK && i < o->n_markers; i++)
		rc = name_marker(root, &o->markers[i], d->path, &d->changes);
	if (rc == ST_OSERR)
		st_error(_("cannot update the session: out of memory"));
	if (rc == ST_OK && d->changes.n == 0)
		rc = UNCHANGED;
	return rc;
}

int cap_describe(const struct cap_opts *o)
{
	char *path = st_path_join(o->describe, ST_SESSION_FILE);
	struct describe d = {o, path, {NULL, 0}};
	int rc = st_session_update(o->describe, false, edit_describe, &d);

	if (rc == UNCHANGED) {
		st_info(_("nothing changed in %s"), path);
		rc = ST_OK;
	}
	for (size_t i = 0; rc == ST_OK && i < d.changes.n; i++)
		st_info("%s", d.changes.lines[i]);
	if (rc == ST_OK && d.changes.n)
		st_info(_("updated %s"), path);
	cap_changes_free(&d.changes);
	free(path);
	return rc;
}
