/* transcode.c — the decoding thread (this one) and one thread per
 * rendition. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "meter.h"
#include "msg.h"
#include "paths.h"
#include "queue.h"
#include "status.h"
#include "transcode.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void catch_signals(bool on)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on ? on_signal : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* One rendition's thread and its queue. */
struct worker {
	struct enc_rendition *r;
	struct enc_queue q;
	pthread_t thread;
	bool started;
	int64_t end_pts[ENC_LANES];   /* set before the queue is closed */
	int status;
	atomic_bool *failed;          /* shared: some rendition failed */
};

static void *work(void *arg)
{
	struct worker *w = arg;
	AVFrame *f;
	int lane;

	while ((f = enc_queue_pop(&w->q, &lane))) {
		if (w->status == ST_OK)
			w->status = enc_rendition_send(w->r, lane, f);
		av_frame_free(&f);
		if (w->status != ST_OK) {
			atomic_store(w->failed, true);
			enc_queue_abort(&w->q);
		}
	}
	if (w->status == ST_OK && lane == ENC_QUEUE_CLOSED)
		w->status = enc_rendition_finish(w->r, w->end_pts);
	if (w->status != ST_OK)
		atomic_store(w->failed, true);
	return NULL;
}

/* Gives a reference to FRAME to every rendition. */
static int dispatch(struct worker *w, size_t n, AVFrame *frame, int lane)
{
	for (size_t i = 0; i < n; i++) {
		AVFrame *ref = av_frame_clone(frame);

		if (!ref) {
			st_error(_("out of memory"));
			return ST_OSERR;
		}
		enc_queue_push(&w[i].q, ref, lane);
	}
	return ST_OK;
}

/* Decodes the master and feeds the workers until the end, a failure or a
 * signal. */
static int feed(const struct enc_frames *in, struct worker *w, size_t n, atomic_bool *failed,
		struct enc_meter *meter)
{
	AVFrame *frame = av_frame_alloc();
	int ret = frame ? ST_OK : ST_OSERR, lane;

	if (!frame)
		st_error(_("out of memory"));
	while (ret == ST_OK && !interrupted && !atomic_load(failed) &&
	       (ret = in->next(in->ctx, frame, &lane)) == ST_OK && lane >= 0) {
		ret = dispatch(w, n, frame, lane);
		av_frame_unref(frame);
		enc_meter_update(meter);
	}
	av_frame_free(&frame);
	if (ret == ST_OK && interrupted) {
		st_error(_("interrupted: no rendition written"));
		ret = ENC_INTERRUPTED;
	}
	return ret;
}

/* Closes (or on failure aborts) every queue, joins the threads, and
 * returns the first failure. */
static int join(struct worker *w, size_t n, const int64_t *end_pts, int ret,
		atomic_bool *failed)
{
	bool ok = ret == ST_OK && !atomic_load(failed);

	for (size_t i = 0; i < n; i++) {
		memcpy(w[i].end_pts, end_pts, sizeof w[i].end_pts);
		if (ok)
			enc_queue_close(&w[i].q);
		else
			enc_queue_abort(&w[i].q);
	}
	for (size_t i = 0; i < n; i++) {
		if (w[i].started)
			pthread_join(w[i].thread, NULL);
		if (ret == ST_OK && w[i].status != ST_OK)
			ret = w[i].status;
	}
	return ret;
}

static int start_workers(struct worker *w, struct enc_rendition *r, size_t n, atomic_bool *failed)
{
	for (size_t i = 0; i < n; i++) {
		w[i].r = &r[i];
		w[i].failed = failed;
		if (enc_queue_init(&w[i].q) != ST_OK || pthread_create(&w[i].thread, NULL, work, &w[i])) {
			st_error(_("cannot start a thread: out of resources"));
			return ST_OSERR;
		}
		w[i].started = true;
	}
	return ST_OK;
}

static int run(const struct enc_frames *in, struct enc_rendition *r, size_t n)
{
	struct worker *w = st_xcalloc(n, sizeof *w);
	atomic_bool failed = false;
	struct enc_meter meter;
	int ret = start_workers(w, r, n, &failed);

	enc_meter_init(&meter, r, n);
	if (ret == ST_OK)
		ret = feed(in, w, n, &failed, &meter);
	ret = join(w, n, in->end_pts, ret, &failed);
	if (ret == ST_OK && interrupted) {
		st_error(_("interrupted: no rendition written"));
		ret = ENC_INTERRUPTED;
	}
	enc_meter_end(&meter);
	for (size_t i = 0; i < n; i++)
		if (w[i].started)
			enc_queue_destroy(&w[i].q);
	free(w);
	return ret;
}

static int next_decoded(void *ctx, AVFrame *frame, int *lane)
{
	return enc_decoder_next(ctx, frame, lane);
}

int enc_transcode_frames(const struct enc_frames *in, const struct st_meta *meta,
			 const struct enc_setup *setups, size_t n)
{
	struct enc_rendition *r = st_xcalloc(n, sizeof *r);
	int ret = ST_OK;

	interrupted = 0;
	catch_signals(true);
	for (size_t i = 0; i < n && ret == ST_OK; i++)
		ret = enc_rendition_open(&r[i], &setups[i], in->shape, meta);
	if (ret == ST_OK)
		ret = run(in, r, n);
	for (size_t i = 0; i < n && ret == ST_OK; i++)
		ret = enc_rendition_commit(&r[i]);
	for (size_t i = 0; i < n; i++)
		enc_rendition_close(&r[i]);
	free(r);
	catch_signals(false);
	return ret;
}

int enc_transcode(const char *master, const struct enc_decoder_opts *opts,
		  const struct st_meta *meta, const struct enc_setup *setups, size_t n,
		  int64_t *packets)
{
	struct enc_decoder dec;
	struct enc_frames in = {&dec, next_decoded, &dec, dec.end_pts};
	int ret = enc_decoder_open(&dec, master, opts);

	if (ret == ST_OK)
		ret = enc_transcode_frames(&in, meta, setups, n);
	if (ret == ST_OK && dec.damaged)
		st_warn(_("%s: %d damaged packets skipped"), master, dec.damaged);
	*packets = dec.packets;
	enc_decoder_close(&dec);
	return ret;
}
