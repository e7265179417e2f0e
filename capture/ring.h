/* ring.h — a lock-free single-producer/single-consumer byte ring (C11
 * atomics) between the PortAudio callback and the writer thread.
 *
 * The producer (the audio callback) only copies into it: no allocation, no
 * lock, no system call.  Capacity is a power of two; head and tail count
 * bytes forever (they wrap at SIZE_MAX, which the masking tolerates).  A
 * write that does not fit is refused whole and the caller counts it as
 * dropped: samples are never half-written. */
#ifndef CAPTURE_RING_H
#define CAPTURE_RING_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct cap_ring {
	unsigned char *buf;
	size_t size;               /* power of two */
	_Atomic size_t head;       /* written by the producer */
	_Atomic size_t tail;       /* written by the consumer */
};

/* Allocates at least MIN_BYTES (rounded up to a power of two). */
int cap_ring_init(struct cap_ring *r, size_t min_bytes);
void cap_ring_free(struct cap_ring *r);

/* Producer: copies LEN bytes, or nothing and returns false when they do
 * not fit. */
bool cap_ring_write(struct cap_ring *r, const void *data, size_t len);

/* Consumer: bytes available to read, and a pointer to the first
 * contiguous run of them (*LEN, at most MAX); cap_ring_consume() releases
 * what was used. */
size_t cap_ring_readable(struct cap_ring *r);
const void *cap_ring_peek(struct cap_ring *r, size_t max, size_t *len);
void cap_ring_consume(struct cap_ring *r, size_t len);
/* Consumer: copies and releases exactly LEN bytes (at most readable). */
void cap_ring_read(struct cap_ring *r, void *dst, size_t len);

/* One thread owning both ends (the pre-roll of --standby): appends LEN
 * bytes after dropping the oldest ones, so that at most KEEP bytes stay
 * readable, the newest.  KEEP must not exceed the size and should be a
 * whole number of the caller's frames. */
void cap_ring_push_keep(struct cap_ring *r, const void *data, size_t len, size_t keep);

#endif
