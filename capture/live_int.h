/* live_int.h — the insides of a device recording shared by live.c (sound,
 * decoded video, watcher) and live_copy.c (pictures stored as delivered). */
#ifndef CAPTURE_LIVE_INT_H
#define CAPTURE_LIVE_INT_H

#include <stdatomic.h>
#include <stdint.h>

#include "levels.h"
#include "live.h"

struct run {
	const struct cap_live *l;
	struct cap_live_result *res;
	struct cap_levels levels;
	int64_t max_samples;        /* INT64_MAX: no limit */
	atomic_bool drain_stop;     /* the device is stopped: empty the ring, end */
	atomic_bool video_stop;
	atomic_bool audio_done;     /* the limit is reached (or the thread ended) */
	atomic_bool video_done;
	atomic_bool video_lost;     /* the video source ended by itself */
	_Atomic int audio_rc;
	_Atomic int video_rc;
	_Atomic int64_t frames;
	_Atomic int64_t dropped_frames;
};

/* The capture time on the monotonic clock of a picture whose source
 * timestamp is TS (the video time base; AV_NOPTS_VALUE: now).  *OFFSET is
 * NAN before the first picture and fixed by it. */
double cap_live_picture_time(struct run *r, int64_t ts, double *offset);

/* The video thread for a source whose pictures are stored as delivered
 * (info.copy); same contract as live.c's video thread. */
void *cap_live_copy_thread(void *arg);

#endif
