/* ring.c — the SPSC ring: acquire/release pairs publish the bytes. */
#include "ring.h"

#include <stdlib.h>
#include <string.h>

#include "status.h"

_Static_assert(ATOMIC_LONG_LOCK_FREE == 2 || ATOMIC_LLONG_LOCK_FREE == 2,
	       "the ring needs lock-free size_t atomics");

int cap_ring_init(struct cap_ring *r, size_t min_bytes)
{
	size_t size = 4096;

	while (size < min_bytes)
		size *= 2;
	r->buf = malloc(size);
	if (!r->buf)
		return ST_OSERR;
	/* Touch every page now, not in the callback. */
	memset(r->buf, 0, size);
	r->size = size;
	atomic_init(&r->head, 0);
	atomic_init(&r->tail, 0);
	return ST_OK;
}

void cap_ring_free(struct cap_ring *r)
{
	free(r->buf);
	r->buf = NULL;
	r->size = 0;
}

bool cap_ring_write(struct cap_ring *r, const void *data, size_t len)
{
	size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
	size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
	size_t at = head & (r->size - 1);
	size_t first = r->size - at;

	if (r->size - (head - tail) < len)
		return false;
	if (first > len)
		first = len;
	memcpy(r->buf + at, data, first);
	memcpy(r->buf, (const unsigned char *)data + first, len - first);
	atomic_store_explicit(&r->head, head + len, memory_order_release);
	return true;
}

size_t cap_ring_readable(struct cap_ring *r)
{
	return atomic_load_explicit(&r->head, memory_order_acquire) -
	       atomic_load_explicit(&r->tail, memory_order_relaxed);
}

const void *cap_ring_peek(struct cap_ring *r, size_t max, size_t *len)
{
	size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
	size_t avail = atomic_load_explicit(&r->head, memory_order_acquire) - tail;
	size_t at = tail & (r->size - 1);
	size_t n = r->size - at;

	if (n > avail)
		n = avail;
	if (n > max)
		n = max;
	*len = n;
	return r->buf + at;
}

void cap_ring_consume(struct cap_ring *r, size_t len)
{
	size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);

	atomic_store_explicit(&r->tail, tail + len, memory_order_release);
}

void cap_ring_read(struct cap_ring *r, void *dst, size_t len)
{
	size_t done = 0, n;

	while (done < len) {
		const void *src = cap_ring_peek(r, len - done, &n);

		memcpy((unsigned char *)dst + done, src, n);
		cap_ring_consume(r, n);
		done += n;
	}
}

void cap_ring_push_keep(struct cap_ring *r, const void *data, size_t len, size_t keep)
{
	size_t held = cap_ring_readable(r);

	if (len > keep) {
		data = (const unsigned char *)data + (len - keep);
		len = keep;
	}
	if (held + len > keep)
		cap_ring_consume(r, held + len - keep);
	cap_ring_write(r, data, len);   /* fits: KEEP <= size */
}
