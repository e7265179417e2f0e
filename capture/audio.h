/* audio.h — an audio input device through PortAudio.
 *
 * The PortAudio callback only copies the interleaved samples into a
 * lock-free ring (ring.h) holding CAP_RING_SECONDS of sound; the caller's
 * writer thread drains it with cap_audio_read().  Input overflows reported
 * by PortAudio and samples dropped because the ring was full are counted.
 * The first callback stamps the start on CLOCK_MONOTONIC (st_now()). */
#ifndef CAPTURE_AUDIO_H
#define CAPTURE_AUDIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "writer.h"

#define CAP_RING_SECONDS 4

struct cap_audio_spec {
	const char *device;        /* index, name substring or "default" */
	struct cap_pcm_spec pcm;
	int64_t max_frames;        /* sample frames wanted; 0: no limit */
};

struct cap_audio_counts {
	int64_t delivered;         /* sample frames the device gave */
	int64_t overflows;         /* callbacks flagged paInputOverflow */
	int64_t dropped;           /* sample frames lost: ring full */
};

struct cap_audio;

/* Initialises PortAudio, finds the device and checks that it can deliver
 * SPEC (else says what it supports), opens the stream (not started).
 * SPEC must outlive the device. */
int cap_audio_open(struct cap_audio **out, const struct cap_audio_spec *spec);
int cap_audio_start(struct cap_audio *a);
/* Any thread: the samples from now on are not wanted (the duration is
 * reached); the callback neither stores nor counts them. */
void cap_audio_enough(struct cap_audio *a);
/* Stops the stream (the samples still in the ring stay readable). */
void cap_audio_stop(struct cap_audio *a);
void cap_audio_close(struct cap_audio **a);

/* Copies up to MAX whole sample frames from the ring into DST; returns how
 * many. */
size_t cap_audio_read(struct cap_audio *a, void *dst, size_t max);
size_t cap_audio_readable(struct cap_audio *a);
void cap_audio_counts(struct cap_audio *a, struct cap_audio_counts *out);
/* The device has delivered (stored or dropped) all the frames asked for:
 * once the ring is empty, nothing more will come. */
bool cap_audio_complete(struct cap_audio *a);
/* The stream ended on its own (device unplugged or failing). */
bool cap_audio_ended(struct cap_audio *a);
/* st_now() at the first sample, or 0 before it. */
double cap_audio_start_time(struct cap_audio *a);
/* st_now() when the first samples were stored in the ring, or 0 before. */
double cap_audio_in_ring_time(struct cap_audio *a);
const char *cap_audio_name(const struct cap_audio *a);
const char *cap_audio_host_api(const struct cap_audio *a);

/* Prints the input devices (index, name, host API, input channels,
 * default rate) on OUT, or appends them to the JSON array JSON_OUT when it
 * is not NULL.  The text says "none" when there is no input device. */
int cap_audio_list(FILE *out, void *json_out);

#endif
