/* standby.h — --standby: the audio device runs and feeds the meter (or
 * the status line) and a pre-roll ring holding its newest PRE_ROLL
 * seconds; nothing is written, no session folder is created.  r or space
 * on the meter, or SIGUSR1, starts the recording: the pre-roll becomes the
 * master's first seconds, so the master's zero is its first pre-rolled
 * sample.  q, SIGINT or SIGTERM leaves with nothing recorded.
 *
 * Sound only: keeping pictures from before the key would mean holding
 * seconds of decoded pictures (about 170 MB for 5 s of 1280x720 at
 * 25 fps) or encoding them ahead into a master not yet created, so
 * --standby is refused with --video (options.c). */
#ifndef CAPTURE_STANDBY_H
#define CAPTURE_STANDBY_H

#include <stdbool.h>
#include <stddef.h>

#include "audio.h"
#include "ring.h"

/* What the standby screen shows and keeps. */
struct cap_standby_spec {
	double pre_roll;           /* seconds kept; checked by cap_pre_roll_max() */
	bool meter;                /* full-screen meter on the terminal */
	bool json;                 /* JSON status lines on stdout */
	const char *title;         /* the session's title; NULL: none */
	double limit;              /* --duration, from the key; 0: none */
};

struct cap_standby {
	struct cap_ring pre;       /* the newest sound, KEEP bytes at most */
	size_t keep;
	int64_t frames;            /* sample frames held when the recording starts */
};

/* Catches SIGUSR1 from now on (its default would end the process): a
 * SIGUSR1 sent before the standby begins starts the recording as soon as
 * it does.  cap_standby_wait() calls it too. */
int cap_standby_catch(void);

/* Starts the device A (opened for PCM, without a frame limit) and waits
 * for the key (meter_keys.h), showing the meter's STANDBY screen with
 * SPEC's title and target.  Returns ST_OK and sets *GO when the recording
 * is to start (SB then holds the pre-roll: the samples before those still
 * in A's ring), or leaves *GO false when the user left; an error status
 * when the device failed.  Free SB with cap_standby_free() in every
 * case. */
int cap_standby_wait(struct cap_standby *sb, struct cap_audio *a, const struct cap_pcm_spec *pcm,
		     const struct cap_standby_spec *spec, bool *go);
void cap_standby_free(struct cap_standby *sb);

#endif
