/* montage_run.c — studio-encode --cut-list from the plan to the records:
 * the parts and their loudness, the output session, one encoding pass
 * fed by montage_feed.c, the outputs read back and recorded. */
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loudness.h"
#include "measure.h"
#include "montage.h"
#include "montage_captions.h"
#include "montage_feed.h"
#include "msg.h"
#include "paths.h"
#include "plan.h"
#include "safefile.h"
#include "session.h"
#include "sidecar.h"
#include "status.h"
#include "summary.h"
#include "transcode.h"

#define FONT_FILE "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define LAB_NAME "CorsicaLab"
/* A shot of silence, or nearly, is not raised by more than this. */
#define MAX_SHOT_GAIN 30.0
/* ebur128 reports -70 LUFS below its absolute gate. */
#define SILENCE_LUFS (-69.9)

/* Everything one montage works on; owns it all (assembly_free()). */
struct assembly {
	struct enc_montage m;
	struct enc_preset *presets;
	size_t n;
	char **paths, **files;
	bool *replacing;
	struct enc_setup *setups;
	struct enc_measure *measures;
	struct enc_part *parts;
	size_t nparts;
	char **masters;               /* per part, NULL for a card; not owned */
	int *tracks;
	struct enc_chapters chapters;
	struct enc_montage_captions captions;
	struct enc_sidecars sidecars;
	struct st_meta meta;
	bool has_meta;
	char *attribution;
	char *wrapped;                /* the attribution in lines, for the closing card */
	double target, peak;          /* loudness of the shots once raised, then of the
					 assembly as measured: LUFS, dBTP */
	struct enc_canvas canvas;
};

static void assembly_free(struct assembly *a)
{
	for (size_t i = 0; i < a->n; i++) {
		enc_preset_free(&a->presets[i]);
		if (a->paths) {
			free(a->paths[i]);
			free(a->files[i]);
		}
	}
	free(a->presets);
	free(a->paths);
	free(a->files);
	free(a->replacing);
	free(a->setups);
	free(a->measures);
	free(a->parts);
	free(a->masters);
	free(a->tracks);
	enc_chapters_free(&a->chapters);
	enc_montage_captions_free(&a->captions);
	enc_sidecars_free(&a->sidecars);
	if (a->has_meta)
		st_meta_free(&a->meta);
	free(a->attribution);
	free(a->wrapped);
	enc_montage_free(&a->m);
}

/* The loudness target of the shots: the first preset with sound's. */
static double loudness_target(const struct assembly *a)
{
	for (size_t i = 0; i < a->n; i++)
		if (a->presets[i].kind != ENC_KIND_IMAGE)
			return a->presets[i].audio.loudness;
	return -16;
}

/* Shot I's span measured (EBU R128) and the gain that brings it to the
 * target; the loudest true peak once raised is kept in a->peak. */
static int shot_part(struct assembly *a, size_t i, struct enc_part *p)
{
	const struct enc_shot *s = &a->m.list.shots[i];
	struct enc_cut cut = {s->start, s->end, s->end - s->start, false};
	struct enc_loudness l;
	int ret = ST_OK;

	*p = (struct enc_part){.start = s->start, .end = s->end, .duration = s->end - s->start,
			       .has_audio = a->m.probes[i].audio};
	if (p->has_audio)
		ret = enc_loudness_measure(a->m.sources[i].master, a->m.probes[i].track, &cut, "", &l,
					   NULL);
	if (ret == ST_OK && p->has_audio && l.valid) {
		p->gain_db = fmin(a->target - l.integrated, MAX_SHOT_GAIN);
		a->peak = fmax(a->peak, l.true_peak + p->gain_db);
	}
	return ret;
}

static struct enc_part card(const struct assembly *a, const char *l1, const char *l2,
			    const char *l3)
{
	return (struct enc_part){.card = true, .lines = {l1, l2, l3},
				 .duration = a->m.list.card_seconds};
}

/* The closing card: the Lab's name, then the attribution broken at
 * spaces into lines of about WRAP_CHARS characters, readable on a small
 * canvas (its text unchanged otherwise). */
#define WRAP_CHARS 44

static void closing_card(struct assembly *a, struct enc_part *p)
{
	char *text = a->wrapped = st_xstrdup(a->attribution);
	size_t line = 1;

	p->lines[0] = LAB_NAME;
	while (*text && line < ENC_CARD_LINES) {
		char *cut = NULL;

		p->lines[line++] = text;
		if (strlen(text) <= WRAP_CHARS || line == ENC_CARD_LINES)
			break;
		/* The last space within the width, or the first one past it. */
		for (char *c = text; *c && (c - text <= WRAP_CHARS || !cut); c++)
			if (*c == ' ')
				cut = c;
		if (!cut)
			break;
		*cut = '\0';
		text = cut + 1;
	}
}

/* The parts in order: opening card, shots, closing card. */
static int make_parts(struct assembly *a)
{
	const struct enc_cutlist *c = &a->m.list;
	bool cards = c->card_seconds > 0;
	size_t k = 0;
	int ret = ST_OK;

	a->nparts = enc_cutlist_parts(c);
	a->parts = st_xcalloc(a->nparts, sizeof *a->parts);
	a->masters = st_xcalloc(a->nparts, sizeof *a->masters);
	a->tracks = st_xcalloc(a->nparts, sizeof *a->tracks);
	a->target = loudness_target(a);
	a->peak = -HUGE_VAL;
	if (cards)
		a->parts[k++] = card(a, c->title, c->subtitle ? c->subtitle : LAB_NAME,
				     c->subtitle ? LAB_NAME : NULL);
	for (size_t i = 0; i < c->n && ret == ST_OK; i++, k++) {
		ret = shot_part(a, i, &a->parts[k]);
		a->masters[k] = a->m.sources[i].master;
		a->tracks[k] = a->m.probes[i].track;
	}
	if (cards)
		a->parts[k] = card(a, LAB_NAME, NULL, NULL);
	return ret;
}

/* The canvas: the tallest source's shape, no taller than the tallest
 * preset asks; the first preset's frame rate, else the fastest source's. */
static void make_canvas(struct assembly *a)
{
	const struct enc_probe *tall = &a->m.probes[0];
	int max_h = 0;
	AVRational fps = {0, 1}, wanted = {0, 0};

	for (size_t i = 0; i < a->m.list.n; i++) {
		const struct enc_probe *p = &a->m.probes[i];

		if (p->height > tall->height)
			tall = p;
		if (av_cmp_q(p->fps, fps) > 0)
			fps = p->fps;
	}
	for (size_t i = a->n; i-- > 0;) {
		const struct enc_preset *p = &a->presets[i];

		if (p->kind == ENC_KIND_AV && p->video.max_height > max_h)
			max_h = p->video.max_height;
		if (p->kind == ENC_KIND_AV && p->video.fps.num > 0)
			wanted = p->video.fps;
	}
	enc_fit_size(tall->width, tall->height, max_h ? max_h : tall->height, &a->canvas.width,
		     &a->canvas.height);
	a->canvas.fps = enc_output_fps(fps, wanted);
	a->canvas.sample_rate = 48000;
}

/* Where part K starts in the assembly. */
static double part_start(const struct assembly *a, size_t k)
{
	double at = 0;

	for (size_t j = 0; j < k; j++)
		at += a->parts[j].duration - a->m.list.transition;
	return at;
}

/* Where shot I plays in the assembly: seen from the middle of the
 * crossfade that brings it to the middle of the one that ends it. */
static struct enc_shot_place shot_place(const struct assembly *a, size_t i)
{
	const struct enc_shot *s = &a->m.list.shots[i];
	size_t k = i + (a->m.list.card_seconds > 0), last = a->nparts - 1;
	double at = part_start(a, k), half = a->m.list.transition / 2;

	return (struct enc_shot_place){&a->m.sources[i], s->start, s->end, at,
				       at + (k ? half : 0), at + (s->end - s->start) - (k < last ? half : 0)};
}

static void add_chapter(struct assembly *a, double start, const char *title)
{
	struct enc_chapters *c = &a->chapters;

	if (c->n)
		c->list[c->n - 1].end = start;
	c->list[c->n++] = (struct enc_chapter){start, start, title};
}

/* Shot I's chapter, titled after its session or file, then one for each
 * marker dropped within its span. */
static void shot_chapters(struct assembly *a, size_t i)
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

/* A chapter per part (the cards titled after the cut list and the Lab),
 * and per marker within a shot; those from END on (--trim) are left out. */
static void make_chapters(struct assembly *a, double end)
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
		add_chapter(a, part_start(a, a->nparts - 1), LAB_NAME);
	while (a->chapters.n && a->chapters.list[a->chapters.n - 1].start >= end)
		a->chapters.n--;
	if (a->chapters.n)
		a->chapters.list[a->chapters.n - 1].end = end;
}

/* The captions of the shots' sessions, re-timed into the assembly. */
static int make_captions(struct assembly *a)
{
	struct enc_shot_place *places = st_xcalloc(a->m.list.n, sizeof *places);
	int ret;

	for (size_t i = 0; i < a->m.list.n; i++)
		places[i] = shot_place(a, i);
	ret = enc_montage_captions(&a->captions, places, a->m.list.n);
	free(places);
	return ret;
}

static json_t *montage_json(const struct assembly *a)
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
	const struct assembly *a = ctx;
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

/* The output session's metadata as it will be once the montage is
 * recorded (the cut list's title, today's date), for the outputs' tags
 * and the closing card; an existing output session is read, nothing is
 * written. */
static int session_meta(struct assembly *a)
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

/* The output session's folder and its renditions folder; its session.json
 * is written once the renditions are (conclude()). */
static int make_folders(const struct assembly *a)
{
	int ret = st_mkdirs(a->m.list.output);

	return ret == ST_OK ? st_safe_mkdir(a->m.list.output, ENC_RENDITIONS, NULL) : ret;
}

/* Each preset's setup: the whole assembly, or up to its limit with a fade
 * (--trim); its gain from the shots' target to its own, with a limiter
 * when the loudest peak would pass its ceiling. */
static void make_setups(struct assembly *a)
{
	a->setups = st_xcalloc(a->n, sizeof *a->setups);
	for (size_t i = 0; i < a->n; i++) {
		const struct enc_preset *p = &a->presets[i];
		struct enc_setup *s = &a->setups[i];
		bool cut = p->max_duration > 0 && a->m.total > p->max_duration;
		double db = p->audio.loudness - a->target;

		s->preset = p;
		s->path = a->paths[i];
		s->master = a->m.list.path;
		s->cut = (struct enc_cut){0, cut ? p->max_duration : 0,
					  cut ? p->max_duration : a->m.total, cut};
		s->video = p->video;
		s->gain.db = db;
		if (p->kind != ENC_KIND_IMAGE && a->peak + db > p->audio.true_peak)
			s->gain.limit = pow(10, p->audio.true_peak / 20);
		s->captions = a->captions.captions;
		s->ncaptions = a->captions.n;
		if (p->max_bytes)
			enc_plan_budget(s, s->cut.duration);
	}
}

static int place(struct assembly *a)
{
	a->paths = st_xcalloc(a->n, sizeof *a->paths);
	a->files = st_xcalloc(a->n, sizeof *a->files);
	a->replacing = st_xcalloc(a->n, sizeof *a->replacing);
	a->measures = st_xcalloc(a->n, sizeof *a->measures);
	for (size_t i = 0; i < a->n; i++) {
		const struct enc_preset *p = &a->presets[i];

		a->files[i] = st_strdup_printf("%s/%s.%s", ENC_RENDITIONS, p->name, p->container);
		a->paths[i] = st_path_join(a->m.list.output, a->files[i]);
		a->replacing[i] = access(a->paths[i], F_OK) == 0;
	}
	return ST_OK;
}

static double frame_meta(const AVFrame *f, const char *key, double fallback)
{
	const AVDictionaryEntry *e = av_dict_get(f->metadata, key, NULL, 0);

	return e ? strtod(e->value, NULL) : fallback;
}

/* The assembly's sound as it will be encoded, measured (EBU R128) in a
 * pass of its own that decodes only the sound: a->target and a->peak
 * become the whole's integrated loudness and true peak. */
static int measure(struct assembly *a)
{
	struct enc_feed feed;
	AVFrame *frame = av_frame_alloc();
	double peak = 0, integrated = -70;
	int lane = 0, ret = enc_feed_open(&feed, a->parts, a->masters, a->tracks, a->nparts,
					  &a->canvas, a->m.list.transition, FONT_FILE, true);

	if (!frame) {
		st_error(_("out of memory"));
		ret = ST_OSERR;
	}
	while (ret == ST_OK && (ret = enc_feed_next(&feed, frame, &lane)) == ST_OK && lane >= 0) {
		integrated = frame_meta(frame, "lavfi.r128.I", integrated);
		peak = fmax(peak, frame_meta(frame, "lavfi.r128.true_peak", 0));
		av_frame_unref(frame);
	}
	/* Silence (below the absolute gate) gets no gain. */
	if (integrated > SILENCE_LUFS) {
		a->target = integrated;
		a->peak = 20 * log10(peak);
	}
	av_frame_free(&frame);
	enc_feed_close(&feed);
	return ret;
}

static int encode(struct assembly *a)
{
	struct enc_feed feed;
	struct enc_frames in = {&feed.shape, enc_feed_next, &feed, feed.end_pts};
	int ret = enc_feed_open(&feed, a->parts, a->masters, a->tracks, a->nparts, &a->canvas,
				a->m.list.transition, FONT_FILE, false);

	if (ret == ST_OK)
		ret = enc_transcode_frames(&in, &a->meta, a->setups, a->n);
	enc_feed_close(&feed);
	return ret;
}

/* Reads the outputs back, records them in the output session, prints a
 * summary line for each. */
static int conclude(struct assembly *a)
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
					      {0, s->cut.duration}};
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
static int write_sidecars(struct assembly *a)
{
	char *dir = st_path_join(a->m.list.output, ENC_RENDITIONS);
	int ret = enc_sidecars_write(&a->sidecars, dir, ENC_RENDITIONS, a->captions.captions,
				     a->captions.n, &a->setups[0].cut, &a->chapters, &a->meta);

	free(dir);
	return ret;
}

static int check_font(const struct assembly *a)
{
	if (a->m.list.card_seconds > 0 && !st_is_file(FONT_FILE)) {
		st_error(_("cannot draw the cards: %s is missing (Debian package fonts-dejavu-core)"),
			 FONT_FILE);
		return ST_UNAVAILABLE;
	}
	return ST_OK;
}

/* Everything that reads: the parts, their loudness and the assembly's,
 * the output session's metadata; before anything is written. */
static int prepare(struct assembly *a)
{
	int ret = place(a);

	if (ret == ST_OK)
		ret = make_parts(a);
	if (ret == ST_OK)
		ret = make_captions(a);
	if (ret == ST_OK) {
		make_canvas(a);
		ret = measure(a);
	}
	if (ret == ST_OK)
		ret = session_meta(a);
	return ret;
}

int enc_montage_run(const struct enc_options *o)
{
	struct assembly a = {.n = o->npresets};
	int ret = ST_OK;

	a.presets = st_xcalloc(a.n, sizeof *a.presets);
	for (size_t i = 0; i < a.n && ret == ST_OK; i++)
		ret = enc_preset_load(&a.presets[i], o->presets[i]);
	if (ret == ST_OK)
		ret = enc_montage_plan(&a.m, o->cut_list, a.presets, a.n, o->trim);
	if (ret == ST_OK)
		ret = check_font(&a);
	if (ret == ST_OK && !o->quiet)
		enc_montage_print(&a.m);
	if (ret == ST_OK)
		ret = prepare(&a);
	if (ret == ST_OK)
		ret = make_folders(&a);
	if (ret == ST_OK) {
		/* The closing card's attribution dates from the session's update. */
		if (a.m.list.card_seconds > 0)
			closing_card(&a, &a.parts[a.nparts - 1]);
		make_setups(&a);
		make_chapters(&a, a.setups[0].cut.duration);
		for (size_t i = 0; i < a.n; i++)
			a.setups[i].chapters = a.chapters;
		ret = encode(&a);
	}
	if (ret == ST_OK)
		ret = write_sidecars(&a);
	if (ret == ST_OK)
		ret = conclude(&a);
	assembly_free(&a);
	return ret;
}
