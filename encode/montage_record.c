/* montage_record.c — where each part of a montage lands in the assembly
 * (chapters, captions), and the output session that records it; see
 * montage_assembly.h. */
#include <libgen.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "montage_assembly.h"
#include "msg.h"
#include "paths.h"
#include "record.h"
#include "safefile.h"
#include "session.h"
#include "status.h"
#include "summary.h"

/* Where part K starts in the assembly. */
static double part_start(const struct enc_assembly *a, size_t k)
{
	double at = 0;

	for (size_t j = 0; j < k; j++)
		at += a->parts[j].duration - a->m.list.transition;
	return at;
}

/* Where shot I plays in the assembly: seen from the middle of the
 * crossfade that brings it to the middle of the one that ends it. */
static struct enc_shot_place shot_place(const struct enc_assembly *a, size_t i)
{
	const struct enc_shot *s = &a->m.list.shots[i];
	size_t k = i + (a->m.list.card_seconds > 0), last = a->nparts - 1;
	double at = part_start(a, k), half = a->m.list.transition / 2;

	return (struct enc_shot_place){&a->m.sources[i], s->start, s->end, at,
				       at + (k ? half : 0), at + (s->end - s->start) - (k < last ? half : 0)};
}

static void add_chapter(struct enc_assembly *a, double start, const char *title)
{
	struct enc_chapters *c = &a->chapters;

	if (c->n)
		c->list[c->n - 1].end = start;
	c->list[c->n++] = (struct enc_chapter){start, start, title};
}

/* Shot I's chapter, titled after its session or file, then one for each
 * marker dropped within its span. */
static void shot_chapters(struct enc_assembly *a, size_t i)
{
	const struct enc_shot *s = &a->m.list.shots[i];
	const struct enc_source *src = &a->m.sources[i];
	struct enc_shot_place p = shot_place(a, i);
	const char *slash = s->file ? strrchr(s->file, '/') : NULL;

	add_chapter(a, p.at, s->session ? src->meta.title : slash ? slash + 1 : s->file);
	for (size_t j = 0; j < src->nmarkers; j++)
		if (src->markers[j].t > s->start && src->markers[j].t < s->end)
			add_chapter(a, p.at + src->markers[j].t - s->start, src->markers[j].label);
}

void enc_assembly_chapters(struct enc_assembly *a, double end)
{
	const struct enc_cutlist *c = &a->m.list;
	size_t cap = a->nparts;

	for (size_t i = 0; i < c->n; i++)
		cap += a->m.sources[i].nmarkers;
	a->chapters.list = st_xcalloc(cap, sizeof *a->chapters.list);
	if (c->card_seconds > 0)
		add_chapter(a, 0, c->title);
	for (size_t i = 0; i < c->n; i++)
		shot_chapters(a, i);
	if (c->card_seconds > 0)
		add_chapter(a, part_start(a, a->nparts - 1), ENC_LAB_NAME);
	while (a->chapters.n && a->chapters.list[a->chapters.n - 1].start >= end)
		a->chapters.n--;
	if (a->chapters.n)
		a->chapters.list[a->chapters.n - 1].end = end;
}

int enc_assembly_captions(struct enc_assembly *a)
{
	struct enc_shot_place *places = st_xcalloc(a->m.list.n, sizeof *places);
	int ret;

	for (size_t i = 0; i < a->m.list.n; i++)
		places[i] = shot_place(a, i);
	ret = enc_montage_captions(&a->captions, places, a->m.list.n);
	free(places);
	return ret;
}

static json_t *montage_json(const struct enc_assembly *a)
{
	const struct enc_cutlist *c = &a->m.list;
	char *list = realpath(c->path, NULL);
	json_t *sources = json_array(), *shots = json_array(), *doc;
	size_t *index = st_xcalloc(c->n, sizeof *index), count = 0;

	for (size_t i = 0; i < c->n; i++) {
		const struct enc_shot *s = &c->shots[i];
		char *path = realpath(s->path, NULL), *master = realpath(a->m.sources[i].master, NULL);

		if (s->source_id == i)
			index[i] = count++;
		if (s->source_id == i)
			json_array_append_new(sources, json_pack("{s:s, s:s, s:s?, s:s}", "path",
				path ? path : s->path, "master", master ? master : a->m.sources[i].master,
				"session", s->session, "title", a->m.sources[i].meta.title));
		json_array_append_new(shots, json_pack("{s:I, s:f, s:f, s:f}", "source",
			(json_int_t)index[s->source_id], "start", s->start, "end", s->end,
			"at", part_start(a, i + (c->card_seconds > 0))));
		free(path);
		free(master);
	}
	doc = json_pack("{s:s, s:f, s:f, s:f, s:o, s:o}", "cut_list", list ? list : c->path,
			"card_seconds", c->card_seconds, "transition", c->transition, "duration",
			a->m.total, "sources", sources, "shots", shots);
	free(list);
	free(index);
	return doc;
}

static int edit_session(json_t *root, void *ctx)
{
	const struct enc_assembly *a = ctx;
	const char *title = a->m.list.title;
	char *copy = st_xstrdup(a->m.list.output), now[32];
	json_t *m = montage_json(a);

	st_iso8601_now(now);
	json_object_set_new(json_object_get(root, "title"), "fr",
			    json_string(title ? title : basename(copy)));
	json_object_set_new(root, "recorded", json_string(now));
	free(copy);
	if (!m || json_object_set_new(root, "montage", m) < 0) {
		st_error(_("out of memory"));
		return ST_OSERR;
	}
	return ST_OK;
}

int enc_assembly_meta(struct enc_assembly *a)
{
	const char *dir = a->m.list.output;
	char *manifest = st_path_join(dir, ST_SESSION_FILE), now[32];
	json_t *root = NULL;
	int ret = st_is_file(manifest) ? st_session_load(dir, &root) : ST_OK;

	if (ret == ST_OK && !root && !(root = st_session_new())) {
		st_error(_("out of memory"));
		ret = ST_OSERR;
	}
	if (ret == ST_OK)
		ret = edit_session(root, a);
	if (ret == ST_OK) {
		st_iso8601_now(now);
		json_object_set_new(root, "updated", json_string(now));
		st_meta_from_session(root, &a->meta);
		a->has_meta = true;
		a->attribution = st_meta_attribution(&a->meta);
	}
	json_decref(root);
	free(manifest);
	return ret;
}

int enc_assembly_folders(const struct enc_assembly *a)
{
	int ret = st_mkdirs(a->m.list.output);

	return ret == ST_OK ? st_safe_mkdir(a->m.list.output, ENC_RENDITIONS, NULL) : ret;
}

/* Reads the outputs back, records them in the output session, prints a
 * summary line for each. */
static int record(struct enc_assembly *a)
{
	struct enc_record *recs = st_xcalloc(a->n, sizeof *recs);
	struct enc_audio_used audio = {0, 1};
	int ret = ST_OK;

	for (size_t i = 0; i < a->n && ret == ST_OK; i++) {
		const struct enc_setup *s = &a->setups[i];
		bool capped = a->presets[i].max_bytes > 0;
		static const char *const kinds[] = {"video", "audio", "picture"};

		ret = enc_measure(a->paths[i], &a->measures[i]);
		recs[i] = (struct enc_record){a->presets[i].name, kinds[a->presets[i].kind],
					      a->files[i], &a->measures[i],
					      capped ? s->video.maxrate : 0,
					      capped ? s->video.bufsize : 0,
					      {0, s->cut.duration}, s->pass.number};
	}
	if (ret == ST_OK)
		ret = st_session_update(a->m.list.output, true, edit_session, a);
	if (ret == ST_OK)
		ret = enc_record_session(a->m.list.output, recs, a->n, a->sidecars.v, a->sidecars.n,
					 &(struct enc_span){0, a->setups[0].cut.duration});
	for (size_t i = 0; i < a->n && ret == ST_OK; i++)
		enc_summary_print(a->paths[i], &a->presets[i], &a->measures[i], a->replacing[i],
				  &audio);
	free(recs);
	return ret;
}

/* captions.LANG.vtt and chapters.vtt next to the renditions, over the
 * first preset's part of the assembly. */
static int write_sidecars(struct enc_assembly *a)
{
	char *dir = st_path_join(a->m.list.output, ENC_RENDITIONS);
	int ret = enc_sidecars_write(&a->sidecars, dir, ENC_RENDITIONS, a->captions.captions,
				     a->captions.n, &a->setups[0].cut, &a->chapters, &a->meta);

	free(dir);
	return ret;
}

int enc_assembly_conclude(struct enc_assembly *a)
{
	int ret = write_sidecars(a);

	return ret == ST_OK ? record(a) : ret;
}
