/* live.c — the device recording: sound thread, video thread, watcher. */
#include "live.h"
#include "live_int.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "disk.h"
#include "levels.h"
#include "meter_keys.h"
#include "msg.h"
#include "paths.h"
#include "progress.h"
#include "status.h"
#include "stop.h"
#include "testhook.h"
#include "ui.h"

#define CHUNK_FRAMES 4096
#define TICK_NS 20000000   /* the watcher's period: 20 ms */
#define VIDEO_GRACE 0.25   /* seconds video may take to reach the end */

static void sleep_ns(long ns)
{
	struct timespec ts = {0, ns};

	nanosleep(&ts, NULL);
}

/* --standby: the pre-roll, the master's first seconds, through BUF
 * (CHUNK_FRAMES): the ring's runs do not end on whole frames. */
static int write_pre_roll(struct run *r, unsigned char *buf, size_t frame_bytes, int64_t *taken)
{
	struct cap_ring *pre = &r->l->standby->pre;
	int rc = ST_OK;

	while (rc == ST_OK && cap_ring_readable(pre) >= frame_bytes) {
		size_t n = cap_ring_readable(pre) / frame_bytes;

		if (n > CHUNK_FRAMES)
			n = CHUNK_FRAMES;
		cap_ring_read(pre, buf, n * frame_bytes);
		cap_levels_add(&r->levels, buf, (int)n);
		rc = cap_writer_pcm(r->l->w, buf, (int)n);
		*taken += (int64_t)n;
	}
	return rc;
}

/* Drains the ring into the writer, exactly up to the limit. */
static void *sound_thread(void *arg)
{
	struct run *r = arg;
	const struct cap_live *l = r->l;
	const struct cap_pcm_spec *p = r->levels.pcm;
	size_t frame_bytes = (size_t)p->channels * cap_sample_bytes(p->format);
	unsigned char *buf = malloc(CHUNK_FRAMES * frame_bytes);
	int64_t taken = 0;
	int rc = buf ? ST_OK : ST_OSERR;

	if (rc == ST_OK && l->standby)
		rc = write_pre_roll(r, buf, frame_bytes, &taken);
	while (rc == ST_OK && taken < r->max_samples) {
		size_t n = cap_audio_read(l->audio, buf, CHUNK_FRAMES);

		if (n == 0) {
			if (atomic_load(&r->drain_stop) || cap_audio_complete(l->audio))
				break;
			sleep_ns(2000000);
			continue;
		}
		if ((int64_t)n > r->max_samples - taken)
			n = (size_t)(r->max_samples - taken);
		cap_levels_add(&r->levels, buf, (int)n);
		rc = cap_writer_pcm(l->w, buf, (int)n);
		taken += (int64_t)n;
	}
	if (taken >= r->max_samples)
		cap_audio_enough(l->audio);
	free(buf);
	atomic_store(&r->audio_rc, rc);
	atomic_store(&r->audio_done, true);
	return NULL;
}

/* The capture time on the monotonic clock of a picture whose source
 * timestamp is TS (the video time base; AV_NOPTS_VALUE: now): its source
 * time moved by an offset fixed at the first picture. */
double cap_live_picture_time(struct run *r, int64_t ts, double *offset)
{
	const struct cap_source_info *in = cap_source_info(r->l->video);
	double src = ts == AV_NOPTS_VALUE ? st_now() : ts * av_q2d(in->video_tb);

	if (isnan(*offset))
		*offset = st_now() - src;
	return src + *offset;
}

static double picture_time(struct run *r, const AVFrame *f, double *offset)
{
	return cap_live_picture_time(
		r, f->best_effort_timestamp != AV_NOPTS_VALUE ? f->best_effort_timestamp : f->pts, offset);
}

/* Pictures go into the frame slots of the sound's clock (slot k at k
 * frames after the first sample): the nearest slot to their capture time,
 * so the A/V error stays under half a frame and downstream tools see a
 * constant rate with holes.  A picture landing in a slot already taken
 * (a device catching up) is one too many and skipped; empty slots are
 * counted as dropped frames, those before the first picture included.
 * *LAST is the last slot used, -1 before the first; *DONE is set at the
 * limit. */
static int put_picture(struct run *r, AVFrame *f, double t, int64_t *last, bool *done)
{
	const struct cap_source_info *in = cap_source_info(r->l->video);
	double step = 1 / av_q2d(in->frame_rate);
	int64_t slot = llround(t / step);
	int rc;

	if (r->l->limit > 0 && slot * step >= r->l->limit - 1e-6) {
		*done = true;   /* the limit: the last slot starts before it */
		return ST_OK;
	}
	if (slot <= *last)
		return ST_OK;
	if (*last < 0)
		r->res->video_offset = slot * step;
	if (slot - *last - 1 > 0)
		atomic_fetch_add(&r->dropped_frames, slot - *last - 1);
	*last = slot;
	f->pts = llround(slot * step * 1e6);   /* the writer's video time base: microseconds */
	rc = cap_writer_video(r->l->w, f);
	if (rc == ST_OK)
		atomic_fetch_add(&r->frames, 1);
	return rc;
}

/* Pictures read before the first sample's time is known wait here: once
 * it is, those taken after it are kept. */
#define EARLY_MAX 64

struct early {
	AVFrame *f[EARLY_MAX];
	double src[EARLY_MAX];     /* monotonic capture times */
	int n;
};

static void early_push(struct early *e, AVFrame *f, double mono)
{
	if (e->n == EARLY_MAX) {
		av_frame_free(&e->f[0]);
		memmove(e->f, e->f + 1, (EARLY_MAX - 1) * sizeof *e->f);
		memmove(e->src, e->src + 1, (EARLY_MAX - 1) * sizeof *e->src);
		e->n--;
	}
	e->f[e->n] = av_frame_clone(f);
	e->src[e->n] = mono;
	if (e->f[e->n])
		e->n++;
}

static int early_flush(struct run *r, struct early *e, double start, int64_t *last, bool *done)
{
	int rc = ST_OK;

	for (int i = 0; i < e->n; i++) {
		if (rc == ST_OK && !*done && e->src[i] >= start)
			rc = put_picture(r, e->f[i], e->src[i] - start, last, done);
		av_frame_free(&e->f[i]);
	}
	e->n = 0;
	return rc;
}

/* One picture: before the first sample, kept aside; after, placed on the
 * sound's clock.  *DONE at the limit. */
static int take_picture(struct run *r, AVFrame *f, struct early *e, double *offset,
			int64_t *last, bool *done)
{
	double mono = picture_time(r, f, offset);
	double start = cap_audio_start_time(r->l->audio);
	int rc;

	if (start == 0) {
		early_push(e, f, mono);
		return ST_OK;
	}
	rc = early_flush(r, e, start, last, done);
	if (rc != ST_OK || *done || mono < start)
		return rc;
	return put_picture(r, f, mono - start, last, done);
}

static void *video_thread(void *arg)
{
	struct run *r = arg;
	AVFrame *f = av_frame_alloc();
	struct early e = {0};
	double offset = NAN;
	int64_t last = -1;
	enum cap_media media;
	bool done = false;
	int rc = f ? ST_OK : ST_OSERR;

	while (rc == ST_OK && !done && !atomic_load(&r->video_stop)) {
		rc = cap_source_read(r->l->video, f, &media);
		if (rc == ST_OK && media == CAP_END) {
			st_error(_("video source %s ended: recording stopped"),
				 cap_source_info(r->l->video)->kind);
			atomic_store(&r->video_lost, true);
			rc = ST_IOERR;
		}
		if (rc == ST_OK && media == CAP_VIDEO)
			rc = take_picture(r, f, &e, &offset, &last, &done);
	}
	early_flush(r, &e, INFINITY, &last, &done);
	av_frame_free(&f);
	atomic_store(&r->video_rc, rc);
	atomic_store(&r->video_done, true);
	return NULL;
}

struct watch {
	struct cap_ui *ui;
	struct cap_marking marking;
	double start;
	double next_sync;
	double next_disk;
	int64_t room;
	bool warned;
	int64_t last_frames;
	double last_fps_t;
	double fps;
	double audio_done_at;       /* when the sound thread finished, 0 before */
	bool announced;             /* "recording" said: the first samples are in */
};

/* Once a second: is there room for the index and a little more? */
static int check_disk(struct run *r, struct watch *wt, const struct cap_writer_stats *st,
		      double elapsed)
{
	double rate = elapsed > 1 ? st->bytes / elapsed : 0;
	char room[16];

	wt->room = cap_disk_room(r->l->dir, st->bytes);
	if (wt->room < 0)
		return ST_IOERR;
	if (wt->room < CAP_DISK_MARGIN) {
		st_error(_("disk almost full: stopped recording %s with %s left"), r->l->master,
			 cap_disk_human((double)wt->room, room));
		cap_writer_already_reported(r->l->w);
		r->res->end = "disk-full";
		return ST_NOSPACE;
	}
	if (!wt->warned && rate > 0 && (wt->room - CAP_DISK_MARGIN) / rate < CAP_DISK_MIN_SECONDS) {
		st_warn(_("less than 10 minutes of recording left on the disk of %s (%s free)"),
			r->l->master, cap_disk_human((double)wt->room, room));
		wt->warned = true;
	}
	return ST_OK;
}

static void show(struct run *r, struct watch *wt, const struct cap_writer_stats *st)
{
	struct cap_ui_state s = {0};
	double now = st_now(), elapsed = cap_writer_audio_duration(r->l->w);
	double rate = elapsed > 1 ? st->bytes / elapsed : 0;

	if (now - wt->last_fps_t >= 1) {
		int64_t frames = atomic_load(&r->frames);

		wt->fps = (frames - wt->last_frames) / (now - wt->last_fps_t);
		wt->last_frames = frames;
		wt->last_fps_t = now;
	}
	cap_audio_counts(r->l->audio, &r->res->audio);
	s.elapsed = elapsed;
	s.wall = now - wt->start;
	s.bytes = st->bytes;
	s.dropped_samples = r->res->audio.dropped;
	s.overflows = r->res->audio.overflows;
	s.dropped_frames = atomic_load(&r->dropped_frames);
	s.fps = r->l->video ? wt->fps : -1;
	s.room = wt->room;
	s.time_left = rate > 0 ? fmax(0, (wt->room - CAP_DISK_MARGIN) / rate) : -1;
	/* The master's end: after --standby, the pre-roll and then LIMIT. */
	s.target = r->l->limit > 0 && r->l->standby
			   ? r->l->limit + (double)r->l->standby->frames / r->l->pcm->rate
			   : r->l->limit;
	s.markers = &r->res->markers;
	s.title = r->l->title;
	s.max_write_s = st->max_write_s;
	s.max_sync_s = st->max_sync_s;
	s.device = cap_audio_name(r->l->audio);
	s.levels = &r->levels;
	s.phase = wt->announced ? CAP_PHASE_RECORDING : CAP_PHASE_STARTING;
	cap_ui_update(wt->ui, &s);
}

/* "RECORDING" is shown once the first samples are in the ring, not when
 * the device is asked to start: until then nothing is being recorded.
 * Without the meter a line says it only after --standby (a plain run
 * keeps its one summary line on stderr). */
static void announce(struct run *r, struct watch *wt)
{
	double in_ring = cap_audio_in_ring_time(r->l->audio);

	if (wt->announced || in_ring == 0)
		return;
	wt->announced = true;
	cap_test_time("first-sample", in_ring);
	if (r->l->standby && !cap_ui_is_meter(wt->ui))
		st_info(_("recording %s to %s"), cap_audio_name(r->l->audio), r->l->master);
	cap_test_time("recording", st_now());
}

/* Why the recording should end now, if it should: ST_OK with *STOP set for
 * a normal end. */
static int watch_once(struct run *r, struct watch *wt, bool *stop)
{
	struct cap_writer_stats st;
	double now = st_now();
	int rc = ST_OK;

	cap_meter_keys(wt->ui, &wt->marking, cap_writer_audio_duration(r->l->w));
	announce(r, wt);
	/* The sound sets the end; the pictures get a moment to reach it. */
	if (atomic_load(&r->audio_done) && wt->audio_done_at == 0)
		wt->audio_done_at = now;
	*stop = cap_stop_requested() ||
		(wt->audio_done_at > 0 && (!r->l->video || atomic_load(&r->video_done) ||
					   now - wt->audio_done_at > VIDEO_GRACE));
	if (atomic_load(&r->audio_rc) != ST_OK)
		return atomic_load(&r->audio_rc);
	if (atomic_load(&r->video_rc) != ST_OK)
		return atomic_load(&r->video_rc);
	if (cap_audio_ended(r->l->audio) && !atomic_load(&r->audio_done)) {
		st_error(_("audio device %s stopped delivering sound (unplugged?): recording stopped"),
			 cap_audio_name(r->l->audio));
		r->res->end = "device-lost";
		return ST_IOERR;
	}
	cap_writer_stats(r->l->w, &st);
	if (now >= wt->next_sync) {
		wt->next_sync = now + 1;
		rc = cap_writer_sync(r->l->w);
	}
	if (rc == ST_OK && now >= wt->next_disk) {
		wt->next_disk = now + 1;
		rc = check_disk(r, wt, &st, cap_writer_audio_duration(r->l->w));
	}
	if (rc == ST_OK)
		show(r, wt, &st);
	return rc;
}

static int watch(struct run *r)
{
	struct watch wt = {0};
	bool stop = false;
	int rc = ST_OK;

	wt.start = wt.last_fps_t = st_now();
	wt.next_sync = wt.next_disk = wt.start + 1;
	wt.room = cap_disk_room(r->l->dir, 0);
	wt.marking = (struct cap_marking){.markers = &r->res->markers, .dir = r->l->dir};
	cap_ui_open(&wt.ui, r->l->meter, r->l->json);
	while (rc == ST_OK && !stop) {
		sleep_ns(TICK_NS);
		rc = watch_once(r, &wt, &stop);
	}
	cap_meter_keys_end(wt.ui, &wt.marking);
	cap_ui_close(&wt.ui);
	return rc;
}

/* Stops the device, lets the sound thread empty the ring, stops video. */
static void stop_all(struct run *r, pthread_t sound, pthread_t video, bool has_video)
{
	cap_audio_stop(r->l->audio);
	atomic_store(&r->drain_stop, true);
	atomic_store(&r->video_stop, true);
	pthread_join(sound, NULL);
	if (has_video)
		pthread_join(video, NULL);
	cap_audio_counts(r->l->audio, &r->res->audio);
	r->res->frames = atomic_load(&r->frames);
	r->res->dropped_frames = atomic_load(&r->dropped_frames);
	if (atomic_load(&r->video_lost) && !r->res->end)
		r->res->end = "device-lost";
}

int cap_live_record(const struct cap_live *l, struct cap_live_result *res)
{
	struct run *r = st_xcalloc(1, sizeof *r);
	pthread_t sound, video;
	bool has_video = false;
	int rc;

	memset(res, 0, sizeof *res);
	r->l = l;
	r->res = res;
	r->max_samples = l->limit > 0 ? llround(l->limit * l->pcm->rate) : INT64_MAX;
	if (l->limit > 0 && l->standby)
		r->max_samples += l->standby->frames;
	rc = cap_levels_init(&r->levels, l->pcm);
	if (rc != ST_OK) {
		free(r);
		return rc;
	}
	/* Pictures flow before the first sample, so that the first one kept
	 * follows it within a frame. */
	if (l->video && pthread_create(&video, NULL,
				       cap_source_info(l->video)->copy ? cap_live_copy_thread
								       : video_thread,
				       r) == 0)
		has_video = true;
	else if (l->video)
		rc = ST_OSERR;
	if (rc == ST_OK && !l->standby)
		rc = cap_audio_start(l->audio);
	if (rc == ST_OK && pthread_create(&sound, NULL, sound_thread, r) != 0)
		rc = ST_OSERR;
	if (rc != ST_OK) {
		atomic_store(&r->video_stop, true);
		if (has_video)
			pthread_join(video, NULL);
		cap_levels_free(&r->levels);
		free(r);
		return rc;
	}
	rc = watch(r);
	stop_all(r, sound, video, has_video);
	if (rc == ST_OK)
		rc = atomic_load(&r->audio_rc);
	if (rc == ST_OK)
		rc = atomic_load(&r->video_rc);
	cap_levels_free(&r->levels);
	free(r);
	return rc;
}
