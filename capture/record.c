/* record.c — the recording loops of the test sources (and the rehearsal)
 * and of the screen. */
#include "record.h"

#include <libavutil/mathematics.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "disk.h"
#include "levels.h"
#include "meter_keys.h"
#include "msg.h"
#include "progress.h"
#include "status.h"
#include "stop.h"
#include "ui.h"

#define TICK_S 0.02   /* the rehearsal's longest sleep: keys and meter stay lively */

struct bounds {
	int64_t limit_us;          /* INT64_MAX: none */
	int64_t max_samples;       /* at the source's rate */
	int64_t samples;           /* taken so far */
	bool video_done;
	bool audio_done;
};

static bool take_video(struct bounds *b, const struct cap_source_info *in, const AVFrame *f)
{
	if (!b->video_done && av_compare_ts(f->pts, in->video_tb, b->limit_us, AV_TIME_BASE_Q) >= 0)
		b->video_done = true;
	return !b->video_done;
}

/* Cuts the last frame of sound to end exactly at the limit. */
static bool take_audio(struct bounds *b, AVFrame *f)
{
	int64_t room = b->max_samples - b->samples;

	if (b->audio_done || room <= 0) {
		b->audio_done = true;
		return false;
	}
	if (f->nb_samples > room)
		f->nb_samples = (int)room;
	b->samples += f->nb_samples;
	b->audio_done = b->samples >= b->max_samples;
	return true;
}

/* One frame to the writer, within the bounds; fsync once a second. */
static int step(struct cap_writer *w, struct bounds *b, const struct cap_source_info *in,
		AVFrame *f, enum cap_media media, double *next_sync)
{
	int rc = ST_OK;

	if (media == CAP_VIDEO && take_video(b, in, f))
		rc = cap_writer_video(w, f);
	else if (media == CAP_AUDIO && take_audio(b, f))
		rc = cap_writer_audio(w, f);
	if (rc == ST_OK && st_now() >= *next_sync) {
		*next_sync = st_now() + 1;
		rc = cap_writer_sync(w);
	}
	return rc;
}

static int copy(struct cap_source *src, struct cap_writer *w, struct bounds *b, AVFrame *f)
{
	const struct cap_source_info *in = cap_source_info(src);
	struct st_progress p;
	enum cap_media media;
	double next_sync = st_now() + 1;
	int rc = ST_OK;

	st_progress_init(&p, _("recording"), b->limit_us == INT64_MAX ? 0 : b->limit_us / 1e6);
	while (!(b->video_done && b->audio_done) && !cap_stop_requested()) {
		rc = cap_source_read(src, f, &media);
		if (rc != ST_OK || media == CAP_END)
			break;
		rc = step(w, b, in, f, media, &next_sync);
		if (rc != ST_OK)
			break;
		st_progress_update(&p, cap_writer_duration(w));
	}
	st_progress_end(&p);
	return rc;
}

/* The rehearsal's meter: the counts and levels a device recording shows. */
struct rehearsal {
	const struct cap_rehearsal *rh;
	const struct bounds *b;
	int sample_rate;
	struct cap_ui *ui;
	struct cap_marking marking;
	struct cap_pcm_spec pcm;
	struct cap_levels levels;
	bool has_levels;            /* a sample format the levels read */
	double limit;
	double start;               /* the wall clock of time 0 */
	double next_disk;
	int64_t room;
	int64_t frames, fps_frames;
	double fps_t, fps;
};

/* The test sound as the levels read it: packed (or mono) S16 or F32. */
static bool pcm_of(const struct cap_source_info *in, struct cap_pcm_spec *p)
{
	p->channels = in->ch_layout.nb_channels;
	p->rate = in->sample_rate;
	if (p->channels < 1 || p->channels > CAP_LEVEL_CHANNELS ||
	    (p->channels > 1 && av_sample_fmt_is_planar(in->sample_fmt)))
		return false;
	switch (av_get_packed_sample_fmt(in->sample_fmt)) {
	case AV_SAMPLE_FMT_S16:
		p->format = CAP_S16;
		return true;
	case AV_SAMPLE_FMT_FLT:
		p->format = CAP_F32;
		return true;
	default:
		return false;
	}
}

static void show(struct rehearsal *r, struct cap_writer *w)
{
	struct cap_ui_state s = {0};
	struct cap_writer_stats st;
	double now = st_now(), elapsed = cap_writer_audio_duration(w);
	int64_t room;

	cap_writer_stats(w, &st);
	if (now >= r->next_disk) {
		r->next_disk = now + 1;
		room = cap_disk_room(r->rh->dir, st.bytes);
		r->room = room >= 0 ? room : r->room;
	}
	if (now - r->fps_t >= 1) {
		r->fps = (r->frames - r->fps_frames) / (now - r->fps_t);
		r->fps_frames = r->frames;
		r->fps_t = now;
	}
	s.elapsed = elapsed;
	s.wall = now - r->start;
	s.bytes = st.bytes;
	s.fps = r->fps;
	s.room = r->room;
	s.time_left = elapsed > 1 && st.bytes > 0
			      ? fmax(0, (r->room - CAP_DISK_MARGIN) / (st.bytes / elapsed)) : -1;
	s.target = r->limit;
	s.markers = r->rh->markers;
	s.max_write_s = st.max_write_s;
	s.max_sync_s = st.max_sync_s;
	s.device = r->rh->label;
	s.title = r->rh->title;
	s.levels = r->has_levels ? &r->levels : NULL;
	cap_ui_update(r->ui, &s);
}

static void sleep_s(double s)
{
	struct timespec ts = {0, (long)(s * 1e9)};

	nanosleep(&ts, NULL);
}

/* Until the wall clock reaches DUE (seconds from the start): the keys
 * and the meter meanwhile. */
static void wait_until(struct rehearsal *r, struct cap_writer *w, double due)
{
	for (;;) {
		double now;

		/* To the sample: the writer's duration moves a FLAC frame at a time. */
		cap_meter_keys(r->ui, &r->marking, (double)r->b->samples / r->sample_rate);
		show(r, w);
		now = st_now() - r->start;
		if (now >= due || cap_stop_requested())
			return;
		sleep_s(fmin(due - now, TICK_S));
	}
}

/* When a frame is complete at its source's real rate: a picture at its
 * time, sound at the end of its last sample. */
static double due_time(const struct cap_source_info *in, const AVFrame *f, enum cap_media media)
{
	if (f->pts == AV_NOPTS_VALUE)
		return 0;
	if (media == CAP_VIDEO)
		return f->pts * av_q2d(in->video_tb);
	return f->pts * av_q2d(in->audio_tb) + (double)f->nb_samples / in->sample_rate;
}

static int rehearse(struct cap_source *src, struct cap_writer *w, struct bounds *b, AVFrame *f,
		    struct rehearsal *r)
{
	const struct cap_source_info *in = cap_source_info(src);
	enum cap_media media;
	double next_sync = st_now() + 1;
	int rc = ST_OK;

	r->start = r->fps_t = st_now();
	r->b = b;
	r->sample_rate = in->sample_rate;
	r->marking = (struct cap_marking){.markers = r->rh->markers, .dir = r->rh->dir};
	r->has_levels = pcm_of(in, &r->pcm) && cap_levels_init(&r->levels, &r->pcm) == ST_OK;
	while (!(b->video_done && b->audio_done) && !cap_stop_requested()) {
		rc = cap_source_read(src, f, &media);
		if (rc != ST_OK || media == CAP_END)
			break;
		wait_until(r, w, due_time(in, f, media));
		if (cap_stop_requested())
			break;
		if (media == CAP_AUDIO && r->has_levels && f->format == in->sample_fmt)
			cap_levels_add(&r->levels, f->data[0], f->nb_samples);
		rc = step(w, b, in, f, media, &next_sync);
		if (rc != ST_OK)
			break;
		r->frames += media == CAP_VIDEO && !b->video_done;
	}
	cap_meter_keys_end(r->ui, &r->marking);
	if (r->has_levels)
		cap_levels_free(&r->levels);
	return rc;
}

/* The bounds of a recording of LIMIT seconds (<= 0: none) whose sound
 * has RATE samples a second (0: no sound, done from the start). */
static struct bounds bounds_for(double limit, int rate)
{
	struct bounds b = {INT64_MAX, INT64_MAX, 0, false, rate == 0};

	if (limit > 0) {
		b.limit_us = llround(limit * 1e6);
		b.max_samples = llround(limit * rate);
	}
	return b;
}

int cap_record(struct cap_source *src, struct cap_writer *w, double limit,
	       const struct cap_rehearsal *rh)
{
	struct bounds b = bounds_for(limit, cap_source_info(src)->sample_rate);
	struct rehearsal r = {.rh = rh, .limit = limit > 0 ? limit : 0};
	AVFrame *f = av_frame_alloc();
	int rc;

	if (!f)
		return ST_OSERR;
	if (rh && rh->meter) {
		cap_ui_open(&r.ui, true, false);
		if (!cap_ui_is_meter(r.ui))
			cap_ui_close(&r.ui);
	}
	if (r.ui) {
		r.room = cap_disk_room(rh->dir, 0);
		rc = rehearse(src, w, &b, f, &r);
		cap_ui_close(&r.ui);
	} else {
		rc = copy(src, w, &b, f);
	}
	av_frame_free(&f);
	return rc;
}

/* The tone's sound up to T seconds (the screen's time), exactly to the
 * limit; its pictures (a tiny test pattern) are dropped. */
static int tone_until(struct cap_source *tone, struct cap_writer *w, struct bounds *b,
		      AVFrame *f, double t)
{
	const struct cap_source_info *in = cap_source_info(tone);
	enum cap_media media = CAP_AUDIO;
	int rc = ST_OK;

	while (rc == ST_OK && !b->audio_done && (double)b->samples / in->sample_rate < t) {
		rc = cap_source_read(tone, f, &media);
		if (rc != ST_OK || media == CAP_END)
			break;
		if (media == CAP_AUDIO && take_audio(b, f))
			rc = cap_writer_audio(w, f);
	}
	return rc;
}

/* One picture of the screen in its frame slot (slot k at k frames after
 * the first picture): a constant rate with holes, as live.c does; a
 * second picture in a slot is skipped.  *T is set to its time. */
static int screen_picture(const struct cap_source_info *in, struct cap_writer *w,
			  struct bounds *b, AVFrame *f, int64_t *first, int64_t *last, double *t)
{
	double step = 1 / av_q2d(in->frame_rate);
	int64_t pts = f->best_effort_timestamp != AV_NOPTS_VALUE ? f->best_effort_timestamp : f->pts;
	int64_t slot;

	if (*first == AV_NOPTS_VALUE)
		*first = pts;
	*t = (pts - *first) * av_q2d(in->video_tb);
	slot = llround(*t / step);
	f->pts = av_rescale_q(llround(slot * step * 1e6), AV_TIME_BASE_Q, in->video_tb);
	if (!take_video(b, in, f) || slot <= *last)
		return ST_OK;
	*last = slot;
	return cap_writer_video(w, f);
}

static int copy_screen(struct cap_source *screen, struct cap_source *tone, struct cap_writer *w,
		       struct bounds *b, AVFrame *f)
{
	const struct cap_source_info *in = cap_source_info(screen);
	int64_t first = AV_NOPTS_VALUE, last = -1;
	double next_sync = st_now() + 1, t = 0;
	enum cap_media media;
	struct st_progress p;
	int rc = ST_OK;

	st_progress_init(&p, _("recording"), b->limit_us == INT64_MAX ? 0 : b->limit_us / 1e6);
	while (rc == ST_OK && !(b->video_done && b->audio_done) && !cap_stop_requested()) {
		if (!b->video_done) {
			rc = cap_source_read(screen, f, &media);
			if (rc != ST_OK || media == CAP_END)
				break;
			if (media == CAP_VIDEO)
				rc = screen_picture(in, w, b, f, &first, &last, &t);
		}
		if (rc == ST_OK && tone)
			rc = tone_until(tone, w, b, f, b->video_done ? INFINITY : t);
		if (rc == ST_OK && st_now() >= next_sync) {
			next_sync = st_now() + 1;
			rc = cap_writer_sync(w);
		}
		st_progress_update(&p, cap_writer_duration(w));
	}
	st_progress_end(&p);
	return rc;
}

int cap_record_screen(struct cap_source *screen, struct cap_source *tone, struct cap_writer *w,
		      double limit)
{
	struct bounds b = bounds_for(limit, tone ? cap_source_info(tone)->sample_rate : 0);
	AVFrame *f = av_frame_alloc();
	int rc = f ? copy_screen(screen, tone, w, &b, f) : ST_OSERR;

	av_frame_free(&f);
	return rc;
}
