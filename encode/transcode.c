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
#include "twopass.h"

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

/* The renditions one decoding pass feeds, and the setups they were opened
 * for (the caller's, which enc_twopass_judge() updates). */
struct round {
	struct enc_rendition *r;
	struct enc_setup **s;
	size_t n;
};

/* One pass over a fresh opening of SRC feeding the renditions of RD,
 * opened here.  PACKETS grows by the packets demuxed. */
static int pass(const struct enc_frame_source *src, const struct st_meta *meta, struct round *rd,
		int64_t *packets)
{
	struct enc_frames in = {0};
	int ret = src->open(src->arg, &in);

	for (size_t i = 0; i < rd->n && ret == ST_OK; i++)
		ret = enc_rendition_open(&rd->r[i], rd->s[i], in.shape, meta);
	if (ret == ST_OK)
		ret = run(&in, rd->r, rd->n);
	src->close(src->arg, ret, packets);
	return ret;
}

/* After RD's pass: the renditions whose size budget asks for another pass
 * (twopass.h) are closed (their files removed) and their setups put in
 * NEXT; the others stay finished, to be committed. */
static int judge(struct round *rd, struct round *next)
{
	int ret = ST_OK;

	next->n = 0;
	for (size_t i = 0; i < rd->n && ret == ST_OK; i++) {
		bool more;

		ret = enc_twopass_judge(rd->s[i], rd->r[i].mux.file.tmp_path, &more);
		if (ret == ST_OK && more) {
			enc_rendition_close(&rd->r[i]);
			next->s[next->n++] = rd->s[i];
		}
	}
	return ret;
}

/* Commits (on success) the renditions of RD still open, then frees them. */
static int conclude(struct round *rd, int ret)
{
	for (size_t i = 0; i < rd->n && ret == ST_OK; i++)
		if (rd->r[i].preset)
			ret = enc_rendition_commit(&rd->r[i]);
	for (size_t i = 0; rd->r && i < rd->n; i++)
		enc_rendition_close(&rd->r[i]);
	free(rd->r);
	free(rd->s);
	return ret;
}

int enc_transcode_source(const struct enc_frame_source *src, const struct st_meta *meta,
			 struct enc_setup *setups, size_t n, int64_t *packets)
{
	struct round rd[ENC_TWOPASS_ROUNDS + 1] = {{0}};
	int ret = ST_OK, k;

	interrupted = 0;
	catch_signals(true);
	*packets = 0;
	enc_twopass_begin(setups, n);
	rd[0].s = st_xcalloc(n, sizeof *rd[0].s);
	for (size_t i = 0; i < n; i++)
		rd[0].s[rd[0].n++] = &setups[i];
	for (k = 0; ret == ST_OK && k < ENC_TWOPASS_ROUNDS && rd[k].n; k++) {
		rd[k].r = st_xcalloc(rd[k].n, sizeof *rd[k].r);
		rd[k + 1].s = st_xcalloc(rd[k].n, sizeof *rd[k + 1].s);
		ret = pass(src, meta, &rd[k], packets);
		if (ret == ST_OK)
			ret = judge(&rd[k], &rd[k + 1]);
	}
	/* Every file only once every pass succeeded. */
	for (int i = 0; i <= ENC_TWOPASS_ROUNDS; i++)
		ret = conclude(&rd[i], ret);
	enc_twopass_end(setups, n);
	catch_signals(false);
	return ret;
}

/* The master's decoder as a source of frames, opened again for each pass. */
struct master_source {
	const char *master;
	const struct enc_decoder_opts *opts;
	struct enc_decoder dec;
};

static int next_decoded(void *ctx, AVFrame *frame, int *lane)
{
	return enc_decoder_next(ctx, frame, lane);
}

static int open_master(void *arg, struct enc_frames *in)
{
	struct master_source *m = arg;
	int ret = enc_decoder_open(&m->dec, m->master, m->opts);

	*in = (struct enc_frames){&m->dec, next_decoded, &m->dec, m->dec.end_pts};
	return ret;
}

static void close_master(void *arg, int ret, int64_t *packets)
{
	struct master_source *m = arg;

	if (ret == ST_OK && m->dec.damaged)
		st_warn(_("%s: %d damaged packets skipped"), m->master, m->dec.damaged);
	*packets += m->dec.packets;
	enc_decoder_close(&m->dec);
}

int enc_transcode(const char *master, const struct enc_decoder_opts *opts,
		  const struct st_meta *meta, struct enc_setup *setups, size_t n,
		  int64_t *packets)
{
	struct master_source m = {.master = master, .opts = opts};
	struct enc_frame_source src = {open_master, close_master, &m};

	return enc_transcode_source(&src, meta, setups, n, packets);
}
