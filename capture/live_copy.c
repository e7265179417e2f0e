/* live_copy.c — the video thread for pictures stored as delivered (MJPEG,
 * H.264 from a camera).
 *
 * Unlike decoded pictures (live.c), these are never skipped nor moved to
 * a frame slot: an H.264 picture left out would break every picture up to
 * the next keyframe.  Each keeps its own capture time on the sound's
 * clock, to the millisecond (Matroska's precision), so the A/V error is
 * that rounding; gaps longer than a frame are counted as dropped frames,
 * and so are the frame slots before the first picture.  The first picture
 * stored is the first keyframe captured at or after the first sample
 * (every MJPEG picture is one; with H.264 the video may start up to one
 * GOP after the sound, the frames before it counted as dropped). */
#include "live_int.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "msg.h"
#include "status.h"
#include "writer.h"

#define EARLY_MAX 64

struct copy_state {
	AVPacket *early[EARLY_MAX];   /* read before the first sample's time was known */
	double early_t[EARLY_MAX];    /* their monotonic capture times */
	int n_early;
	double offset;                /* source time to monotonic time, NAN before */
	bool started;                 /* a keyframe was stored */
	double last_t;                /* capture time of the last picture stored */
	bool done;                    /* the limit is reached */
};

/* Stores picture P captured T seconds after the first sample. */
static int put_packet(struct run *r, struct copy_state *c, AVPacket *p, double t)
{
	const struct cap_source_info *in = cap_source_info(r->l->video);
	double step = 1 / av_q2d(in->frame_rate), at;
	int64_t missing;
	int rc;

	if (r->l->limit > 0 && t >= r->l->limit - 1e-6) {
		c->done = true;
		return ST_OK;
	}
	if (!c->started && !(p->flags & AV_PKT_FLAG_KEY))
		return ST_OK;
	missing = c->started ? llround((t - c->last_t) / step) - 1 : llround(t / step);
	if (missing > 0)
		atomic_fetch_add(&r->dropped_frames, missing);
	c->last_t = t;
	p->pts = p->dts = llround(t * 1e6);   /* the writer's video time base: microseconds */
	rc = cap_writer_video_packet(r->l->w, p, &at);
	if (rc != ST_OK)
		return rc;
	if (!c->started)
		r->res->video_offset = at;
	c->started = true;
	atomic_fetch_add(&r->frames, 1);
	return ST_OK;
}

static void early_push(struct copy_state *c, const AVPacket *p, double mono)
{
	if (c->n_early == EARLY_MAX) {
		av_packet_free(&c->early[0]);
		memmove(c->early, c->early + 1, (EARLY_MAX - 1) * sizeof *c->early);
		memmove(c->early_t, c->early_t + 1, (EARLY_MAX - 1) * sizeof *c->early_t);
		c->n_early--;
	}
	c->early[c->n_early] = av_packet_clone(p);
	c->early_t[c->n_early] = mono;
	if (c->early[c->n_early])
		c->n_early++;
}

/* The pictures held back: those captured after START are stored. */
static int early_flush(struct run *r, struct copy_state *c, double start)
{
	int rc = ST_OK;

	for (int i = 0; i < c->n_early; i++) {
		if (rc == ST_OK && !c->done && c->early_t[i] >= start)
			rc = put_packet(r, c, c->early[i], c->early_t[i] - start);
		av_packet_free(&c->early[i]);
	}
	c->n_early = 0;
	return rc;
}

static int take_packet(struct run *r, struct copy_state *c, AVPacket *p)
{
	double mono = cap_live_picture_time(r, p->pts != AV_NOPTS_VALUE ? p->pts : p->dts,
					    &c->offset);
	double start = cap_audio_start_time(r->l->audio);
	int rc;

	if (start == 0) {
		early_push(c, p, mono);
		return ST_OK;
	}
	rc = early_flush(r, c, start);
	if (rc != ST_OK || c->done || mono < start)
		return rc;
	return put_packet(r, c, p, mono - start);
}

void *cap_live_copy_thread(void *arg)
{
	struct run *r = arg;
	struct copy_state c = {.offset = NAN};
	AVPacket *p = av_packet_alloc();
	bool end = false;
	int rc = p ? ST_OK : ST_OSERR;

	while (rc == ST_OK && !c.done && !atomic_load(&r->video_stop)) {
		rc = cap_source_read_packet(r->l->video, p, &end);
		if (rc == ST_OK && end) {
			st_error(_("video source %s ended: recording stopped"),
				 cap_source_info(r->l->video)->kind);
			atomic_store(&r->video_lost, true);
			rc = ST_IOERR;
		}
		if (rc == ST_OK)
			rc = take_packet(r, &c, p);
	}
	for (int i = 0; i < c.n_early; i++)
		av_packet_free(&c.early[i]);
	av_packet_free(&p);
	atomic_store(&r->video_rc, rc);
	atomic_store(&r->video_done, true);
	return NULL;
}
