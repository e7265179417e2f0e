/* record.c — the "renditions" records of session.json. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "paths.h"
#include "record.h"
#include "session.h"
#include "session_records.h"
#include "status.h"

struct records {
	const struct enc_record *recs;
	size_t n;
	const struct enc_sidecar *sc;
	size_t ns;
	const struct enc_span *sc_sel;
	char now[32];
};

static double round3(double v)
{
	return round(v * 1000) / 1000;
}

static json_t *selection_json(const struct enc_span *s)
{
	return json_pack("{s:f, s:f}", "start", round3(s->start), "end", round3(s->end));
}

/* Loudness of the audio, as measured in the output file. */
static void add_loudness(json_t *item, const struct enc_loudness *l)
{
	if (!l->valid)
		return;
	json_object_set_new(item, "loudness_lufs", json_real(round(l->integrated * 100) / 100));
	json_object_set_new(item, "loudness_range_lu", json_real(round(l->range * 100) / 100));
	json_object_set_new(item, "true_peak_dbtp", json_real(round(l->true_peak * 100) / 100));
}

json_t *enc_record_json(const struct enc_record *r, const char *now)
{
	const struct enc_measure *m = r->m;
	json_t *item = json_pack("{s:s, s:s, s:s, s:I, s:s, s:s}", "preset", r->preset, "kind",
				 r->kind, "file", r->file, "bytes", (json_int_t)m->bytes,
				 "sha256", m->sha256, "encoded", now);

	/* A picture's "duration" would be one frame's: meaningless. */
	if (item && strcmp(r->kind, "picture")) {
		json_object_set_new(item, "duration", json_real(round3(m->duration)));
		json_object_set_new(item, "bitrate", json_integer(m->bitrate));
	}
	if (item && m->video_codec) {
		json_object_set_new(item, "width", json_integer(m->width));
		json_object_set_new(item, "height", json_integer(m->height));
		json_object_set_new(item, "video_codec", json_string(m->video_codec));
	}
	if (item && m->audio_codec)
		json_object_set_new(item, "audio_codec", json_string(m->audio_codec));
	if (item && r->maxrate) {
		json_object_set_new(item, "video_maxrate", json_integer(r->maxrate));
		json_object_set_new(item, "video_bufsize", json_integer(r->bufsize));
	}
	if (item && r->passes)
		json_object_set_new(item, "passes", json_integer(r->passes));
	if (item) {
		add_loudness(item, &m->loudness);
		json_object_set_new(item, "selection", selection_json(&r->selection));
	}
	return item;
}

json_t *enc_sidecar_json(const struct enc_sidecar *s, const char *const *presets, size_t n,
			 const struct enc_span *sel, const char *now)
{
	json_t *item = json_pack("{s:s, s:s, s:I, s:s, s:[], s:s}", "kind", s->kind, "file",
				 s->file, "bytes", (json_int_t)s->bytes, "sha256", s->sha256,
				 "presets", "encoded", now);

	for (size_t i = 0; item && i < n; i++)
		json_array_append_new(json_object_get(item, "presets"), json_string(presets[i]));
	if (item && s->lang)
		json_object_set_new(item, "language", json_string(s->lang));
	if (item)
		json_object_set_new(item, "selection", selection_json(sel));
	return item;
}

/* Takes ITEM; the manifest keeps its own reference (replacing the record
 * of the same preset, or of the same file for a sidecar). */
static int put(json_t *root, json_t *item)
{
	int ret;

	if (!item) {
		st_error(_("out of memory"));
		return ST_OSERR;
	}
	ret = st_renditions_put(root, item);
	json_decref(item);
	return ret;
}

static int edit(json_t *root, void *ctx)
{
	const struct records *r = ctx;
	const char **names = st_xcalloc(r->n ? r->n : 1, sizeof *names);
	int ret = ST_OK;

	for (size_t i = 0; i < r->n && ret == ST_OK; i++) {
		names[i] = r->recs[i].preset;
		ret = put(root, enc_record_json(&r->recs[i], r->now));
	}
	for (size_t i = 0; i < r->ns && ret == ST_OK; i++)
		ret = put(root, enc_sidecar_json(&r->sc[i], names, r->n, r->sc_sel, r->now));
	free(names);
	return ret;
}

int enc_record_session(const char *dir, const struct enc_record *recs, size_t n,
		       const struct enc_sidecar *sc, size_t ns, const struct enc_span *sc_sel)
{
	struct records r = {recs, n, sc, ns, sc_sel, ""};

	st_iso8601_now(r.now);
	return st_session_update(dir, false, edit, &r);
}
