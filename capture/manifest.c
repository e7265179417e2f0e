/* manifest.c — the session folder seen from studio-capture. */
#include "manifest.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "metadata.h"
#include "msg.h"
#include "paths.h"
#include "session.h"
#include "status.h"

/* *FOUND tells whether folder PATH holds anything; a missing folder is
 * empty. */
static int has_entries(const char *path, bool *found)
{
	DIR *d = opendir(path);
	struct dirent *e;

	*found = false;
	if (!d) {
		if (errno == ENOENT)
			return ST_OK;
		st_error(_("cannot read %s: %s"), path, strerror(errno));
		return ST_NOINPUT;
	}
	while (!*found && (e = readdir(d)))
		*found = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return ST_OK;
}

static int has_captures(const char *dir, bool *found)
{
	char *path = st_path_join(dir, ST_SESSION_FILE);
	json_t *root = NULL;
	int rc = ST_OK;

	*found = false;
	if (st_is_file(path)) {
		rc = st_session_load(dir, &root);
		if (rc == ST_OK)
			*found = json_array_size(json_object_get(root, "captures")) > 0;
	}
	json_decref(root);
	free(path);
	return rc;
}

int cap_session_prepare(const char *dir)
{
	char *master = st_path_join(dir, "master");
	bool recorded = false, filled = false;
	int rc;

	rc = st_mkdirs(dir);
	if (rc == ST_OK)
		rc = has_captures(dir, &recorded);
	if (rc == ST_OK && !recorded)
		rc = has_entries(master, &filled);
	if (rc == ST_OK && (recorded || filled)) {
		st_error(_("%s already holds a recording: refusing to overwrite it"), dir);
		rc = ST_CANTCREAT;
	}
	if (rc == ST_OK)
		rc = st_mkdirs(master);
	free(master);
	return rc;
}

static json_t *fps_json(AVRational fps)
{
	return fps.den == 1 ? json_integer(fps.num) : json_real(av_q2d(fps));
}

/* New reference, or NULL on out of memory. */
static json_t *capture_json(const struct cap_capture *c)
{
	const struct cap_master *m = c->master;

	return json_pack("{s:s, s:[{s:i, s:s, s:s, s:i, s:i, s:o}, {s:i, s:s, s:s, s:i, s:i}],"
			 " s:f, s:I, s:I, s:[], s:s, s:s}",
			 "file", CAP_MASTER_FILE,
			 "streams",
			 "index", 0, "type", "video", "codec", m->video_codec,
			 "width", m->width, "height", m->height, "fps", fps_json(m->fps),
			 "index", 1, "type", "audio", "codec", m->audio_codec,
			 "sample_rate", m->sample_rate, "channels", m->channels,
			 "duration", m->duration,
			 "dropped_samples", (json_int_t)c->source->dropped_samples,
			 "dropped_frames", (json_int_t)c->source->dropped_frames,
			 "markers",
			 "started", c->started,
			 "source", c->source->kind);
}

/* Sets ROOT's KEY to a new array of strings. */
static int set_strings(json_t *root, const char *key, const char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < n; i++)
		if (json_array_append_new(a, json_string(v[i])) != 0)
			break;
	if (!a || json_array_size(a) != n || json_object_set_new(root, key, a) != 0)
		return ST_OSERR;
	return ST_OK;
}

/* Title in the options' language, other languages kept. */
static int set_title(json_t *root, const struct cap_opts *o)
{
	json_t *title = json_object_get(root, "title");

	if (!o->title)
		return ST_OK;
	if (!json_is_object(title)) {
		title = json_object();
		if (json_object_set_new(root, "title", title) != 0)
			return ST_OSERR;
	}
	return json_object_set_new(title, o->language, json_string(o->title)) ? ST_OSERR : ST_OK;
}

struct edit {
	const struct cap_opts *opts;
	const struct cap_capture *capture;
};

static int edit_session(json_t *root, void *ctx)
{
	const struct edit *e = ctx;
	const struct cap_opts *o = e->opts;
	json_t *captures = json_object_get(root, "captures");
	int rc = set_title(root, o);

	if (rc == ST_OK && json_array_size(json_object_get(root, "languages")) == 0)
		rc = set_strings(root, "languages", &o->language, 1);
	if (rc == ST_OK && o->n_speakers > 0)
		rc = set_strings(root, "speakers", o->speakers, o->n_speakers);
	if (rc == ST_OK && !json_object_get(root, "producer") &&
	    json_object_set_new(root, "producer", json_string(ST_DEFAULT_PRODUCER)) != 0)
		rc = ST_OSERR;
	if (rc == ST_OK &&
	    json_object_set_new(root, "recorded", json_string(e->capture->started)) != 0)
		rc = ST_OSERR;
	if (rc == ST_OK && !json_is_array(captures)) {
		captures = json_array();
		if (json_object_set_new(root, "captures", captures) != 0)
			rc = ST_OSERR;
	}
	if (rc == ST_OK && json_array_append_new(captures, capture_json(e->capture)) != 0)
		rc = ST_OSERR;
	if (rc != ST_OK)
		st_error(_("cannot update the session: out of memory"));
	return rc;
}

int cap_session_record(const char *dir, const struct cap_opts *o, const struct cap_capture *c)
{
	struct edit e = {o, c};

	return st_session_update(dir, true, edit_session, &e);
}
