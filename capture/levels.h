/* levels.h — per-channel peak, RMS and clip counts of the recorded sound,
 * accumulated by the sound thread and taken by the meter.  A mutex guards
 * them: the sound thread is not the real-time callback and may wait a few
 * microseconds. */
#ifndef CAPTURE_LEVELS_H
#define CAPTURE_LEVELS_H

#include <pthread.h>
#include <stdint.h>

#include "writer.h"

#define CAP_LEVEL_CHANNELS 32

struct cap_levels {
	pthread_mutex_t lock;
	const struct cap_pcm_spec *pcm;
	double peak[CAP_LEVEL_CHANNELS];    /* 0..1 since the last take */
	double sumsq[CAP_LEVEL_CHANNELS];
	int64_t count;                      /* sample frames since the last take */
	int64_t clips[CAP_LEVEL_CHANNELS];  /* full-scale samples, ever */
};

int cap_levels_init(struct cap_levels *l, const struct cap_pcm_spec *pcm);
void cap_levels_free(struct cap_levels *l);
/* Accumulates N interleaved sample frames. */
void cap_levels_add(struct cap_levels *l, const void *data, int n);

/* Peak and RMS in dBFS (-inf as -120) since the last take, and the clip
 * counts; resets the window. */
struct cap_level_take {
	int channels;
	double peak_db[CAP_LEVEL_CHANNELS];
	double rms_db[CAP_LEVEL_CHANNELS];
	int64_t clips[CAP_LEVEL_CHANNELS];
	int64_t count;
};
void cap_levels_take(struct cap_levels *l, struct cap_level_take *out);

#endif
