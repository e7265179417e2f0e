/* live.h — recording from an audio device (and optionally a video
 * device): the real-time path.
 *
 * Three threads: PortAudio's callback fills the ring (audio.h); the sound
 * thread drains it into the writer; the video thread reads and encodes
 * pictures, or stores a camera's MJPEG or H.264 as delivered
 * (live_copy.c).  The calling thread watches: stop requests, the
 * duration, the device, the disk (disk.h), fsync once a second, the meter
 * or status line (ui.h).  Video never blocks sound: they share only the muxer's mutex,
 * and pictures the encoder could not take in time are simply not read
 * (the device drops them) and are counted from the gaps in their times.
 *
 * One clock: the first sample's time on CLOCK_MONOTONIC is the master's
 * zero; each picture is placed by its own capture time on the same clock. */
#ifndef CAPTURE_LIVE_H
#define CAPTURE_LIVE_H

#include <stdbool.h>
#include <stdint.h>

#include "audio.h"
#include "markers.h"
#include "source.h"
#include "standby.h"
#include "writer.h"

struct cap_live {
	struct cap_audio *audio;
	struct cap_source *video;       /* NULL: sound only */
	struct cap_writer *w;
	const struct cap_pcm_spec *pcm; /* the device's sound */
	const char *dir;                /* the session folder, for disk checks */
	const char *master;             /* for messages */
	double limit;                   /* seconds; 0: until stopped */
	bool meter;                     /* full-screen meter on the terminal */
	bool json;                      /* JSON status lines on stdout */
	const char *title;              /* the session's, for the meter; NULL: none */
	struct cap_standby *standby;    /* NULL, or after --standby: the device
					 * already runs and this pre-roll comes
					 * first; LIMIT counts after it */
};

struct cap_live_result {
	const char *end;                /* "device-lost", "disk-full" or NULL */
	struct cap_audio_counts audio;
	int64_t frames;                 /* pictures written */
	int64_t dropped_frames;
	double video_offset;            /* first picture minus first sample, s */
	struct cap_markers markers;     /* cap_markers_free() them */
};

/* Records until the limit, a stop request (signal, q key), the end of the
 * device, a write error or a full disk.  The writer is left to finish
 * (even after an error: what it holds is kept).  Returns ST_OK for a
 * normal stop, else the error's status (ST_NOSPACE for the disk). */
int cap_live_record(const struct cap_live *l, struct cap_live_result *res);

#endif
