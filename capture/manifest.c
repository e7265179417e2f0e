/* manifest.c — the session folder seen from studio-capture. */
#include "manifest.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "meta_edit.h"
#include "metadata.h"
#include "human.h"
#include "msg.h"
#include "paths.h"
#include "recover.h"
#include "safefile.h"
#include "session.h"
#include "session_records.h"
#include "status.h"

/* While recording: {"started", "markers"}; markers are saved there as
 * they are dropped so a crash loses none, then move into the capture. */
#define RECORDING_KEY "recording"

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
			*found = st_captures_count(root) > 0;
	}
	json_decref(root);
	free(path);
	return rc;
}

int cap_session_meta(const char *dir, struct st_meta *m)
{
	json_t *root = NULL;
	int rc = st_session_load(dir, &root);

	if (rc == ST_OK)
		st_meta_from_session(root, m);
	json_decref(root);
	return rc;
}

int cap_session_has_master(const char *dir, bool *found)
{
	char *path = st_path_join(dir, ST_SESSION_FILE);
	json_t *root = NULL;
	int rc = ST_OK;

	*found = false;
	if (st_is_file(path)) {
		rc = st_session_load(dir, &root);
		*found = rc == ST_OK && st_captures_has_file(root, CAP_MASTER_FILE);
	}
	json_decref(root);
	free(path);
	return rc;
}

int cap_master_present(const char *dir, bool *there)
{
	char *path = st_path_join(dir, CAP_MASTER_FILE);
	struct stat st;
	int fd = -1, rc = ST_OK;

	*there = false;
	if (lstat(path, &st) == 0 || errno != ENOENT) {
		rc = st_safe_open_in(dir, CAP_MASTER_FILE, &fd);
		*there = rc == ST_OK;
	}
	if (fd >= 0)
		close(fd);
	free(path);
	return rc;
}

int cap_session_prepare(const char *dir)
{
	char *master = st_path_join(dir, CAP_MASTER_DIR);
	bool recorded = false, filled = false, known = false, there = false;
	int rc;

	rc = st_mkdirs(dir);
	if (rc == ST_OK)
		rc = st_safe_mkdir(dir, CAP_MASTER_DIR, NULL);
	if (rc == ST_OK)
		rc = has_captures(dir, &recorded);
	if (rc == ST_OK)
		rc = cap_master_present(dir, &there);
	if (rc == ST_OK && there)
		rc = cap_session_has_master(dir, &known);
	if (rc == ST_OK && there && !known)
		rc = cap_recover(dir, false);
	if (rc == ST_OK && !recorded)
		rc = has_entries(master, &filled);
	if (rc == ST_OK && (recorded || filled)) {
		st_error(_("%s already holds a recording: refusing to overwrite it"), dir);
		rc = ST_CANTCREAT;
	}
	free(master);
	return rc;
}

static json_t *fps_json(AVRational fps)
{
	if (fps.num <= 0 || fps.den <= 0)
		return json_null();
	return fps.den == 1 ? json_integer(fps.num) : json_real(av_q2d(fps));
}

static json_t *stream_json(const struct cap_stream_desc *d, int index)
{
	json_t *s;

	if (strcmp(d->type, "video") == 0)
		s = json_pack("{s:i, s:s, s:s, s:i, s:i, s:o}", "index", index, "type", "video",
			      "codec", d->codec, "width", d->width, "height", d->height, "fps",
			      fps_json(d->fps));
	else
		s = json_pack("{s:i, s:s, s:s, s:i, s:i, s:i}", "index", index, "type", "audio",
			      "codec", d->codec, "sample_rate", d->sample_rate, "channels",
			      d->channels, "bits", d->bits);
	if (s && *d->title)
		json_object_set_new(s, "title", json_string(d->title));
	return s;
}

/* The markers of the capture: those in memory for a recording that ends
 * normally, else (after a crash) those saved as they were dropped. */
static json_t *markers_json(const struct cap_capture *c, json_t *root)
{
	json_t *saved = json_object_get(json_object_get(root, RECORDING_KEY), "markers");
	int n = c->markers ? c->markers->n : 0;
	json_t *a;

	if (n == 0 && json_is_array(saved))
		return json_deep_copy(saved);
	a = json_array();
	for (int i = 0; a && i < n; i++)
		json_array_append_new(a, json_pack("{s:f, s:s}", "t", c->markers->t[i], "label",
						   c->markers->label[i]));
	return a;
}

/* New reference, or NULL on out of memory. */
static json_t *capture_json(const struct cap_capture *c, json_t *root)
{
	const struct cap_description *d = c->desc;
	json_t *streams = json_array(), *j;

	for (int i = 0; streams && i < d->n_streams; i++)
		json_array_append_new(streams, stream_json(&d->streams[i], i));
	j = json_pack("{s:s, s:o, s:f, s:o, s:s, s:s}", "file", CAP_MASTER_FILE, "streams", streams,
		      "duration", d->duration, "markers", markers_json(c, root), "source", c->source,
		      "end", c->end);
	if (!j)
		return NULL;
	if (c->started && *c->started)
		json_object_set_new(j, "started", json_string(c->started));
	if (c->audio_format)
		json_object_set_new(j, "audio_format", json_string(c->audio_format));
	if (c->counted) {
		json_object_set_new(j, "dropped_samples", json_integer(c->dropped_samples));
		json_object_set_new(j, "overflows", json_integer(c->overflows));
		json_object_set_new(j, "dropped_frames", json_integer(c->dropped_frames));
	}
	if (c->has_video_offset)
		json_object_set_new(j, "video_offset", json_real(c->video_offset));
	return j;
}

struct begin {
	const struct cap_opts *opts;
	const char *started;
};

static int edit_begin(json_t *root, void *ctx)
{
	const struct begin *b = ctx;
	const struct cap_opts *o = b->opts;
	int rc = cap_meta_set_texts(root, "title", o->language, o->titles, o->n_titles, NULL);

	if (rc == ST_OK)
		rc = cap_meta_set_texts(root, "description", o->language, o->descriptions,
					o->n_descriptions, NULL);
	if (rc == ST_OK && json_array_size(json_object_get(root, "languages")) == 0)
		rc = o->n_languages ? cap_meta_set_list(root, "languages", o->languages,
							o->n_languages, NULL)
				    : cap_meta_set_list(root, "languages", &o->language, 1, NULL);
	if (rc == ST_OK && o->n_speakers > 0)
		rc = cap_meta_set_list(root, "speakers", o->speakers, o->n_speakers, NULL);
	if (rc == ST_OK && !json_object_get(root, "producer") &&
	    json_object_set_new(root, "producer", json_string(ST_DEFAULT_PRODUCER)) != 0)
		rc = ST_OSERR;
	if (rc == ST_OK && json_object_set_new(root, "recorded", json_string(b->started)) != 0)
		rc = ST_OSERR;
	if (rc == ST_OK && json_object_set_new(root, RECORDING_KEY,
					       json_pack("{s:s, s:[]}", "started", b->started,
							 "markers")) != 0)
		rc = ST_OSERR;
	if (rc != ST_OK)
		st_error(_("cannot update the session: out of memory"));
	return rc;
}

int cap_session_begin(const char *dir, const struct cap_opts *o, const char *started)
{
	struct begin b = {o, started};

	return st_session_update(dir, true, edit_begin, &b);
}

static int edit_record(json_t *root, void *ctx)
{
	json_t *c = capture_json(ctx, root);
	int rc = c ? st_captures_append(root, c) : ST_OSERR;

	if (rc == ST_OK)
		json_object_del(root, RECORDING_KEY);
	json_decref(c);
	if (rc == ST_OSERR)
		st_error(_("cannot update the session: out of memory"));
	return rc;
}

int cap_session_record(const char *dir, const struct cap_capture *c)
{
	return st_session_update(dir, true, edit_record, (void *)c);
}

struct marker {
	double t;
	const char *label;
};

static int edit_marker(json_t *root, void *ctx)
{
	const struct marker *m = ctx;
	json_t *rec = json_object_get(root, RECORDING_KEY);
	json_t *markers = json_object_get(rec, "markers");

	if (!json_is_array(markers) ||
	    json_array_append_new(markers, json_pack("{s:f, s:s}", "t", m->t, "label", m->label))) {
		char at[ST_HUMAN_LEN];

		st_error(_("cannot save the marker at %s: the session has no recording in progress"),
			 st_htime(at, sizeof at, m->t, 1, NULL));
		return ST_SOFTWARE;
	}
	return ST_OK;
}

int cap_session_marker(const char *dir, double t, const char *label)
{
	struct marker m = {t, label};

	return st_session_update(dir, false, edit_marker, &m);
}
