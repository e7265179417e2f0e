/* montage_run.c — studio-encode --cut-list from the plan to the records:
 * the parts and their loudness, the canvas, the assembled sound measured,
 * one encoding pass fed by montage_feed.c into every preset, then
 * montage_record.c's records. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loudness.h"
#include "montage_assembly.h"
#include "montage_feed.h"
#include "msg.h"
#include "paths.h"
#include "plan.h"
#include "status.h"
#include "transcode.h"

#define FONT_FILE "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
/* A shot of silence, or nearly, is not raised by more than this. */
#define MAX_SHOT_GAIN 30.0
/* ebur128 reports -70 LUFS below its absolute gate. */
#define SILENCE_LUFS (-69.9)

/* Releases everything A owns. */
static void assembly_free(struct enc_assembly *a)
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
static double loudness_target(const struct enc_assembly *a)
{
	for (size_t i = 0; i < a->n; i++)
		if (a->presets[i].kind != ENC_KIND_IMAGE)
			return a->presets[i].audio.loudness;
	return -16;
}

/* Shot I's span measured (EBU R128) and the gain that brings it to the
 * target; the loudest true peak once raised is kept in a->peak. */
static int shot_part(struct enc_assembly *a, size_t i, struct enc_part *p)
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

static struct enc_part card(const struct enc_assembly *a, const char *l1, const char *l2,
			    const char *l3)
{
	return (struct enc_part){.card = true, .lines = {l1, l2, l3},
				 .duration = a->m.list.card_seconds};
}

/* The closing card: the Lab's name, then the attribution broken at
 * spaces into lines of about WRAP_CHARS characters, readable on a small
 * canvas (its text unchanged otherwise). */
#define WRAP_CHARS 44

static void closing_card(struct enc_assembly *a, struct enc_part *p)
{
	char *text = a->wrapped = st_xstrdup(a->attribution);
	size_t line = 1;

	p->lines[0] = ENC_LAB_NAME;
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
static int make_parts(struct enc_assembly *a)
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
		a->parts[k++] = card(a, c->title, c->subtitle ? c->subtitle : ENC_LAB_NAME,
				     c->subtitle ? ENC_LAB_NAME : NULL);
	for (size_t i = 0; i < c->n && ret == ST_OK; i++, k++) {
		ret = shot_part(a, i, &a->parts[k]);
		a->masters[k] = a->m.sources[i].master;
		a->tracks[k] = a->m.probes[i].track;
	}
	if (cards)
		a->parts[k] = card(a, ENC_LAB_NAME, NULL, NULL);
	return ret;
}

/* The canvas: the tallest source's shape, no taller than the tallest
 * preset asks; the first preset's frame rate, else the fastest source's. */
static void make_canvas(struct enc_assembly *a)
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

/* Each preset's setup: the whole assembly, or up to its limit with a fade
 * (--trim); its gain from the shots' target to its own, with a limiter
 * when the loudest peak would pass its ceiling. */
static void make_setups(struct enc_assembly *a)
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
	}
}

static int place(struct enc_assembly *a)
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
static int measure(struct enc_assembly *a)
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

/* The assembly as a source of frames, fed afresh for each pass. */
struct feed_source {
	struct enc_assembly *a;
	struct enc_feed feed;
};

static int open_feed(void *arg, struct enc_frames *in)
{
	struct feed_source *f = arg;
	struct enc_assembly *a = f->a;
	int ret = enc_feed_open(&f->feed, a->parts, a->masters, a->tracks, a->nparts, &a->canvas,
				a->m.list.transition, FONT_FILE, false);

	*in = (struct enc_frames){&f->feed.shape, enc_feed_next, &f->feed, f->feed.end_pts};
	return ret;
}

static void close_feed(void *arg, int ret, int64_t *packets)
{
	struct feed_source *f = arg;

	(void)ret;
	(void)packets;
	enc_feed_close(&f->feed);
}

static int encode(struct enc_assembly *a)
{
	struct feed_source f = {.a = a};
	struct enc_frame_source src = {open_feed, close_feed, &f};
	int64_t packets = 0;

	return enc_transcode_source(&src, &a->meta, a->setups, a->n, &packets);
}

static int check_font(const struct enc_assembly *a)
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
static int prepare(struct enc_assembly *a)
{
	int ret = place(a);

	if (ret == ST_OK)
		ret = make_parts(a);
	if (ret == ST_OK)
		ret = enc_assembly_captions(a);
	if (ret == ST_OK) {
		make_canvas(a);
		ret = measure(a);
	}
	if (ret == ST_OK)
		ret = enc_assembly_meta(a);
	return ret;
}

int enc_montage_run(const struct enc_options *o)
{
	struct enc_assembly a = {.n = o->npresets};
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
		ret = enc_assembly_folders(&a);
	if (ret == ST_OK) {
		/* The closing card's attribution dates from the session's update. */
		if (a.m.list.card_seconds > 0)
			closing_card(&a, &a.parts[a.nparts - 1]);
		make_setups(&a);
		enc_assembly_chapters(&a, a.setups[0].cut.duration);
		for (size_t i = 0; i < a.n; i++)
			a.setups[i].chapters = a.chapters;
		ret = encode(&a);
	}
	if (ret == ST_OK)
		ret = enc_assembly_conclude(&a);
	assembly_free(&a);
	return ret;
}
