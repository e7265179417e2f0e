/* standby.c — waiting with the device running, the pre-roll kept. */
#include "standby.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "levels.h"
#include "meter_keys.h"
#include "human.h"
#include "msg.h"
#include "progress.h"
#include "status.h"
#include "stop.h"
#include "testhook.h"
#include "ui.h"

#define CHUNK_FRAMES 4096
#define TICK_NS 20000000   /* 20 ms, as the recording's watcher */

_Static_assert(ATOMIC_BOOL_LOCK_FREE == 2, "atomic_bool must be lock-free");

static atomic_bool go_flag;

static void on_usr1(int sig)
{
	(void)sig;
	atomic_store(&go_flag, true);
}

int cap_standby_catch(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) != 0) {
		st_error(_("cannot catch signal %s: %s"), strsignal(SIGUSR1), strerror(errno));
		return ST_OSERR;
	}
	return ST_OK;
}

/* Moves what the device delivered into the levels and the pre-roll. */
static void take_sound(struct cap_standby *sb, struct cap_audio *a, struct cap_levels *lv,
		       unsigned char *buf, size_t frame_bytes)
{
	size_t n;

	while ((n = cap_audio_read(a, buf, CHUNK_FRAMES)) > 0) {
		cap_levels_add(lv, buf, (int)n);
		cap_ring_push_keep(&sb->pre, buf, n * frame_bytes, sb->keep);
	}
}

/* The state of the standby screen: the pre-roll held so far as its time,
 * against the master's end (the pre-roll, then the duration). */
static void show(struct cap_ui *ui, struct cap_audio *a, struct cap_levels *lv,
		 struct cap_standby *sb, const struct cap_standby_spec *spec, size_t frame_bytes,
		 int rate)
{
	struct cap_ui_state s = {0};
	struct cap_audio_counts c;

	cap_audio_counts(a, &c);
	s.phase = CAP_PHASE_STANDBY;
	s.elapsed = (double)(cap_ring_readable(&sb->pre) / frame_bytes) / rate;
	s.time_left = -1;
	s.room = -1;   /* the session folder is created at the key */
	s.target = spec->limit > 0 ? spec->limit + spec->pre_roll : 0;
	s.title = spec->title;
	s.dropped_samples = c.dropped;
	s.overflows = c.overflows;
	s.fps = -1;
	s.device = cap_audio_name(a);
	s.levels = lv;
	cap_ui_update(ui, &s);
}

/* Polls the keys and the signals until one decides; ST_OK with *GO.  The
 * screen is drawn before the keys are read: its phase makes r and space
 * the keys that start (ui.h). */
static int wait_key(struct cap_standby *sb, struct cap_audio *a, struct cap_levels *lv,
		    struct cap_ui *ui, const struct cap_pcm_spec *pcm,
		    const struct cap_standby_spec *spec, bool *go)
{
	size_t frame_bytes = (size_t)pcm->channels * cap_sample_bytes(pcm->format);
	unsigned char *buf = malloc(CHUNK_FRAMES * frame_bytes);
	struct timespec tick = {0, TICK_NS};
	struct cap_marking keys = {0};   /* no markers: nothing is recorded yet */

	if (!buf)
		return ST_OSERR;
	show(ui, a, lv, sb, spec, frame_bytes, pcm->rate);
	while (!cap_stop_requested() && !atomic_load(&go_flag)) {
		cap_meter_keys(ui, &keys, 0);
		if (keys.start)
			atomic_store(&go_flag, true);
		if (cap_audio_ended(a)) {
			st_error(_("audio device %s stopped delivering sound (unplugged?): standby ended"),
				 cap_audio_name(a));
			free(buf);
			return ST_IOERR;
		}
		take_sound(sb, a, lv, buf, frame_bytes);
		show(ui, a, lv, sb, spec, frame_bytes, pcm->rate);
		nanosleep(&tick, NULL);
	}
	/* What came since the last tick stays in the device's ring: the
	 * recording reads it after the pre-roll. */
	free(buf);
	*go = !cap_stop_requested();
	sb->frames = (int64_t)(cap_ring_readable(&sb->pre) / frame_bytes);
	return ST_OK;
}

int cap_standby_wait(struct cap_standby *sb, struct cap_audio *a, const struct cap_pcm_spec *pcm,
		     const struct cap_standby_spec *spec, bool *go)
{
	size_t frame_bytes = (size_t)pcm->channels * cap_sample_bytes(pcm->format);
	struct cap_levels lv;
	struct cap_ui *ui = NULL;
	int rc;

	memset(sb, 0, sizeof *sb);
	*go = false;
	sb->keep = (size_t)llround(spec->pre_roll * pcm->rate) * frame_bytes;
	rc = cap_ring_init(&sb->pre, sb->keep);
	if (rc != ST_OK)
		return rc;
	rc = cap_levels_init(&lv, pcm);
	if (rc != ST_OK)
		return rc;
	rc = cap_stop_install();
	if (rc == ST_OK)
		rc = cap_standby_catch();
	if (rc == ST_OK)
		rc = cap_audio_start(a);
	if (rc == ST_OK) {
		cap_ui_open(&ui, spec->meter, spec->json);
		if (!cap_ui_is_meter(ui)) {
			char pre[ST_HUMAN_LEN];
			int decimals = spec->pre_roll == (int)spec->pre_roll ? 0 : 1;

			st_info(_("standby on %s: SIGUSR1 starts the recording with up to %s s of pre-roll, SIGINT or SIGTERM leaves"),
				cap_audio_name(a), st_hnum(pre, sizeof pre, spec->pre_roll, decimals));
		}
		cap_test_time("standby", st_now());
		rc = wait_key(sb, a, &lv, ui, pcm, spec, go);
		cap_ui_close(&ui);
	}
	cap_levels_free(&lv);
	if (rc == ST_OK && !*go)
		st_info(_("left standby: nothing recorded"));
	return rc;
}

void cap_standby_free(struct cap_standby *sb)
{
	cap_ring_free(&sb->pre);
}
