/* record.c — the recording loops of the test sources and the screen. */
#include "record.h"

#include <libavutil/mathematics.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "msg.h"
#include "progress.h"
#include "status.h"
#include "stop.h"

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
		if (media == CAP_VIDEO && take_video(b, in, f))
			rc = cap_writer_video(w, f);
		else if (media == CAP_AUDIO && take_audio(b, f))
			rc = cap_writer_audio(w, f);
		if (rc == ST_OK && st_now() >= next_sync) {
			next_sync = st_now() + 1;
			rc = cap_writer_sync(w);
		}
		if (rc != ST_OK)
			break;
		st_progress_update(&p, cap_writer_duration(w));
	}
	st_progress_end(&p);
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

int cap_record(struct cap_source *src, struct cap_writer *w, double limit)
{
	struct bounds b = bounds_for(limit, cap_source_info(src)->sample_rate);
	AVFrame *f = av_frame_alloc();
	int rc = f ? copy(src, w, &b, f) : ST_OSERR;

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
