/* record.c — the "renditions" records of session.json. */
#include <math.h>

#include "msg.h"
#include "record.h"
#include "session.h"
#include "status.h"

struct records {
	const struct enc_record *recs;
	size_t n;
	char now[32];
};

static double round3(double v)
{
	return round(v * 1000) / 1000;
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
	json_t *item = json_pack("{s:s, s:s, s:I, s:s, s:f, s:I, s:s}",
				 "preset", r->preset, "file", r->file,
				 "bytes", (json_int_t)m->bytes, "sha256", m->sha256,
				 "duration", round3(m->duration),
				 "bitrate", (json_int_t)m->bitrate, "encoded", now);

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
	if (item)
		add_loudness(item, &m->loudness);
	return item;
}

static int edit(json_t *root, void *ctx)
{
	const struct records *r = ctx;

	for (size_t i = 0; i < r->n; i++) {
		json_t *item = enc_record_json(&r->recs[i], r->now);
		int ret;

		if (!item) {
			st_error(_("out of memory"));
			return ST_OSERR;
		}
		/* The manifest takes its own reference. */
		ret = st_session_upsert(root, "renditions", "preset", r->recs[i].preset, item);
		json_decref(item);
		if (ret != ST_OK)
			return ret;
	}
	return ST_OK;
}

int enc_record_session(const char *dir, const struct enc_record *recs, size_t n)
{
	struct records r = {recs, n, ""};

	st_iso8601_now(r.now);
	return st_session_update(dir, false, edit, &r);
}
