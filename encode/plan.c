/* plan.c — see plan.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gain.h"
#include "loudness.h"
#include "human.h"
#include "msg.h"
#include "paths.h"
#include "plan.h"
#include "status.h"

/* A preset with a maximum duration: refused when the selection is longer,
 * unless --trim, which cuts it there with a fade-out. */
static int limit(struct enc_setup *s, const struct enc_options *o, const char *master)
{
	const struct enc_preset *p = s->preset;

	if (!p->max_duration || s->cut.duration <= p->max_duration)
		return ST_OK;
	if (!o->trim) {
		char d[ST_HUMAN_LEN], max[ST_HUMAN_LEN];

		st_hnum(d, sizeof d, s->cut.duration, 1);
		st_hnum(max, sizeof max, p->max_duration, 0);
		st_error(_("%s lasts %s s but preset %s allows %s s at most: choose a part with "
			   "--start/--end, or cut it at %s s with --trim"),
			 master, d, p->name, max, max);
		return ST_DATAERR;
	}
	s->cut.end = s->cut.start + p->max_duration;
	s->cut.duration = p->max_duration;
	s->cut.fade = true;
	return ST_OK;
}

static int check_streams(const struct enc_preset *p, const struct enc_decoder *d,
			 const char *master)
{
	if (enc_preset_needs_video(p) && !d->dec[ENC_VIDEO]) {
		st_error(_("cannot encode %s with preset %s: no video stream"), master, p->name);
		return ST_DATAERR;
	}
	if (enc_preset_needs_audio(p) && !d->dec[ENC_AUDIO]) {
		st_error(_("cannot encode %s with preset %s: no audio stream"), master, p->name);
		return ST_DATAERR;
	}
	return ST_OK;
}

static int select_part(struct enc_plan *plan, const struct enc_options *o,
		       const struct enc_decoder *d, const char *master)
{
	struct enc_cut *c = &plan->selection;
	double end = o->end > 0 && (d->duration <= 0 || o->end < d->duration) ? o->end : d->duration;
	char at[ST_HUMAN_LEN], len[ST_HUMAN_LEN];

	c->start = o->start;
	/* Without --end, the master's duration when it is known: no output
	 * lasts longer than its master, even when a damaged header gives a
	 * track a wrong rate (a flipped SamplingFrequency read as 8 kHz
	 * made a 2 s mix last 12 s). */
	c->end = end > 0 ? end : 0;
	c->duration = end > 0 ? end - o->start : 0;
	if (d->duration > 0 && o->start >= d->duration) {
		st_error(_("cannot start at %s: %s lasts %s"),
			 st_htime(at, sizeof at, o->start, -1, o->start_text), master,
			 st_htime(len, sizeof len, d->duration, 1, o->start_text));
		return ST_USAGE;
	}
	/* Encoding goes on to the master's end: said, since the output is
	 * shorter than asked (a wrong session or a mistyped time). */
	if (d->duration > 0 && o->end > d->duration)
		st_warn(_("--end %s lies past the end of %s, which lasts %s: encoding to its end"),
			st_htime(at, sizeof at, o->end, -1, o->end_text), master,
			st_htime(len, sizeof len, d->duration, 1, o->end_text));
	return ST_OK;
}

/* Threads for each video encoder: with --jobs N, or with several video
 * renditions running side by side, the cores are shared among them (each
 * encoder thread also holds frames: fewer threads, flatter memory); a
 * single video rendition lets its encoder choose (0). */
static int threads_per_encoder(const struct enc_options *o, const struct enc_preset *presets,
			       size_t n)
{
	long cores = o->jobs ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
	size_t videos = 0;

	for (size_t i = 0; i < n; i++)
		videos += presets[i].kind == ENC_KIND_AV;
	if (!o->jobs && videos <= 1)
		return 0;
	videos = videos ? videos : 1;
	return cores > 0 && (size_t)cores > videos ? (int)(cores / (long)videos) : 1;
}

static bool wants_audio(const struct enc_plan *plan, const struct enc_decoder *d)
{
	for (size_t i = 0; i < plan->n; i++)
		if (plan->setups[i].preset->kind != ENC_KIND_IMAGE && d->dec[ENC_AUDIO])
			return true;
	return false;
}

/* The pass decodes only what some rendition uses. */
static void skip_unused(struct enc_plan *plan)
{
	bool video = false, audio = false;

	for (size_t i = 0; i < plan->n; i++) {
		const struct enc_preset *p = plan->setups[i].preset;

		video |= enc_preset_needs_video(p);
		audio |= p->kind != ENC_KIND_IMAGE || enc_preset_needs_audio(p);
	}
	plan->read.skip_video = !video;
	plan->read.watch_video = !video;
	plan->read.skip_audio = !audio;
}

static int plan_setups(struct enc_plan *plan, const struct enc_options *o, const char *master,
		       const struct enc_preset *presets, char *const *paths,
		       const struct enc_decoder *d)
{
	int ret = ST_OK, threads = threads_per_encoder(o, presets, plan->n);

	for (size_t i = 0; i < plan->n && ret == ST_OK; i++) {
		struct enc_setup *s = &plan->setups[i];

		*s = (struct enc_setup){.preset = &presets[i], .path = paths[i], .master = master,
					.cut = plan->selection, .video = presets[i].video,
					.threads = threads};
		ret = check_streams(s->preset, d, master);
		if (ret == ST_OK)
			ret = limit(s, o, master);
		/* The pass can stop reading at the last end any rendition needs. */
		if (s->cut.end <= 0)
			plan->read.stop = -1;
		else if (plan->read.stop >= 0)
			plan->read.stop = fmax(plan->read.stop, s->cut.end);
	}
	if (plan->read.stop < 0)
		plan->read.stop = 0;
	/* After a failure, the setups past it are empty. */
	if (ret == ST_OK)
		skip_unused(plan);
	return ret;
}

/* Each rendition with sound gets the gain to its preset's target; presets
 * sharing a target share the search. */
static int find_gains(struct enc_plan *plan, const char *master)
{
	int ret = ST_OK;

	for (size_t i = 0; i < plan->n && ret == ST_OK; i++) {
		struct enc_setup *s = &plan->setups[i];
		const struct enc_audio_preset *a = &s->preset->audio;
		size_t j;

		if (s->preset->kind == ENC_KIND_IMAGE)
			continue;
		for (j = 0; j < i; j++) {
			const struct enc_setup *t = &plan->setups[j];

			if (t->preset->kind != ENC_KIND_IMAGE &&
			    t->preset->audio.loudness == a->loudness &&
			    t->preset->audio.true_peak == a->true_peak)
				break;
		}
		if (j < i)
			s->gain = plan->setups[j].gain;
		else
			ret = enc_gain_find(master, plan->read.audio_track, &plan->selection, &plan->loudness,
					    a->loudness, a->true_peak, &s->gain);
	}
	return ret;
}

static void plan_chapters(struct enc_plan *plan, const struct enc_source *src, double duration)
{
	const char *intro = src->meta.title;

	enc_chapters_for_cut(src->markers, src->nmarkers, &plan->selection, duration, intro,
			     &plan->chapters);
	for (size_t i = 0; i < plan->n; i++)
		enc_chapters_for_cut(src->markers, src->nmarkers, &plan->setups[i].cut, duration,
				     intro, &plan->setups[i].chapters);
}

/* Without --audio-track, several mono tracks are mixed (mix.h): D is
 * opened again on the mix.  Sets the tracks the summary names. */
static int choose_track(struct enc_plan *plan, const struct enc_options *o,
			struct enc_decoder *d, const char *master)
{
	int mono;

	plan->audio_tracks = enc_mix_count(d->fmt, &mono);
	if (o->audio_track || enc_mix_default_track(d->fmt) != ENC_TRACK_MIX)
		return ST_OK;
	enc_decoder_close(d);
	plan->read.audio_track = ENC_TRACK_MIX;
	return enc_decoder_open(d, master, &plan->read);
}

int enc_plan_make(struct enc_plan *plan, const struct enc_options *o,
		  const struct enc_source *src, const struct enc_preset *presets,
		  char *const *paths, size_t n, const struct enc_caption *captions,
		  size_t ncaptions)
{
	const char *master = src->master;
	struct enc_decoder d;
	int ret;

	memset(plan, 0, sizeof *plan);
	plan->read = (struct enc_decoder_opts){.audio_track = o->audio_track, .seek = o->start};
	plan->n = n;
	plan->setups = st_xcalloc(n, sizeof *plan->setups);
	ret = enc_decoder_open(&d, master, &plan->read);
	if (ret == ST_OK)
		ret = choose_track(plan, o, &d, master);
	plan->master_duration = d.duration;
	if (ret == ST_OK)
		ret = select_part(plan, o, &d, master);
	if (ret == ST_OK)
		ret = plan_setups(plan, o, master, presets, paths, &d);
	if (ret == ST_OK)
		plan_chapters(plan, src, d.duration);
	for (size_t i = 0; i < n; i++) {
		plan->setups[i].captions = captions;
		plan->setups[i].ncaptions = ncaptions;
	}
	if (ret == ST_OK && wants_audio(plan, &d)) {
		plan->measured = true;
		ret = enc_loudness_measure(master, plan->read.audio_track, &plan->selection, "",
					   &plan->loudness, &plan->measure_packets);
		if (ret == ST_OK)
			ret = find_gains(plan, master);
	}
	enc_decoder_close(&d);
	return ret;
}

struct enc_span enc_plan_span(const struct enc_plan *plan, const struct enc_cut *cut,
			      double unknown_end)
{
	double start = fmax(cut->start, 0);

	if (cut->duration > 0)
		return (struct enc_span){start, start + cut->duration};
	return (struct enc_span){start, plan->master_duration > 0 ? plan->master_duration
								  : unknown_end};
}

void enc_plan_free(struct enc_plan *plan)
{
	for (size_t i = 0; plan->setups && i < plan->n; i++)
		enc_chapters_free(&plan->setups[i].chapters);
	enc_chapters_free(&plan->chapters);
	free(plan->setups);
	plan->setups = NULL;
}
