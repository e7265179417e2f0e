/* Unit tests for capture/ring.c, the lock-free SPSC ring between the
 * PortAudio callback and the sound thread: whole-or-nothing writes,
 * wrap-around, the pre-roll's "keep the newest" pushes, and a producer and a consumer thread moving 16 MB of a
 * counting sequence with odd chunk sizes, every byte checked in order.
 * (The ring lives in capture/; it is compiled into this test directly.) */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "../../capture/ring.c"

static void test_whole_or_nothing(void **state)
{
	struct cap_ring r;
	unsigned char buf[5000], out[5000];
	const void *src;
	size_t len;

	(void)state;
	memset(buf, 7, sizeof buf);
	assert_int_equal(cap_ring_init(&r, 4096), ST_OK);
	assert_int_equal(r.size, 4096);
	assert_true(cap_ring_write(&r, buf, 4000));
	assert_false(cap_ring_write(&r, buf, 100));   /* 96 bytes free: refused whole */
	assert_int_equal(cap_ring_readable(&r), 4000);
	cap_ring_peek(&r, sizeof out, &len);
	assert_int_equal(len, 4000);
	cap_ring_consume(&r, 3000);
	/* Bytes 3000..3999 are left; a 2000-byte write fills 4000..4095 and
	 * wraps around to 0..1903. */
	for (int i = 0; i < 2000; i++)
		buf[i] = (unsigned char)i;
	assert_true(cap_ring_write(&r, buf, 2000));
	cap_ring_consume(&r, 1000);
	assert_int_equal(cap_ring_readable(&r), 2000);
	src = cap_ring_peek(&r, 2000, &len);
	memcpy(out, src, len);
	assert_int_equal(len, 96);                      /* up to the end of the buffer */
	cap_ring_consume(&r, len);
	src = cap_ring_peek(&r, 2000, &len);
	memcpy(out + 96, src, len);
	assert_int_equal(len, 1904);
	cap_ring_consume(&r, len);
	assert_memory_equal(out, buf, 2000);
	assert_int_equal(cap_ring_readable(&r), 0);
	cap_ring_free(&r);
}

/* Reads everything the ring holds (at most MAX bytes) into OUT. */
static size_t drain(struct cap_ring *r, unsigned char *out, size_t max)
{
	size_t got = 0, len;

	while (cap_ring_readable(r) > 0 && got < max) {
		const void *s = cap_ring_peek(r, max - got, &len);

		memcpy(out + got, s, len);
		cap_ring_consume(r, len);
		got += len;
	}
	return got;
}

/* The pre-roll: pushes of odd sizes keep exactly the newest KEEP bytes,
 * across the wrap-around, and a push larger than KEEP keeps its end. */
static void test_push_keep(void **state)
{
	struct cap_ring r;
	unsigned char buf[3000], out[4096];
	size_t got, keep = 3000;
	uint32_t next = 0;

	(void)state;
	assert_int_equal(cap_ring_init(&r, 4096), ST_OK);
	for (int round = 0; round < 50; round++) {
		size_t n = 1 + (size_t)round * 37 % 1500;

		for (size_t i = 0; i < n; i++)
			buf[i] = (unsigned char)(next + i);
		cap_ring_push_keep(&r, buf, n, keep);
		next += (uint32_t)n;
		assert_true(cap_ring_readable(&r) <= keep);
	}
	assert_int_equal(cap_ring_readable(&r), keep);
	got = drain(&r, out, sizeof out);
	assert_int_equal(got, keep);
	for (size_t i = 0; i < keep; i++)
		assert_int_equal(out[i], (unsigned char)(next - keep + i));
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (unsigned char)(i * 7);
	cap_ring_push_keep(&r, buf, sizeof buf, 1000);
	assert_int_equal(cap_ring_readable(&r), 1000);
	drain(&r, out, sizeof out);
	assert_memory_equal(out, buf + 2000, 1000);
	cap_ring_free(&r);
}

#define TOTAL (16u << 20)

struct pair {
	struct cap_ring ring;
	size_t dropped;
};

static void *producer(void *arg)
{
	struct pair *p = arg;
	unsigned char chunk[1031];
	uint32_t next = 0;

	while (next < TOTAL) {
		size_t n = TOTAL - next < sizeof chunk ? TOTAL - next : sizeof chunk;

		for (size_t i = 0; i < n; i++)
			chunk[i] = (unsigned char)((next + i) * 2654435761u >> 24);
		if (cap_ring_write(&p->ring, chunk, n))
			next += (uint32_t)n;
		else
			p->dropped++;   /* full: try the same bytes again */
	}
	return NULL;
}

static void test_threads_in_order(void **state)
{
	struct pair p = {.dropped = 0};
	pthread_t t;
	uint32_t got = 0;
	int bad = 0;

	(void)state;
	assert_int_equal(cap_ring_init(&p.ring, 8192), ST_OK);
	assert_int_equal(pthread_create(&t, NULL, producer, &p), 0);
	while (got < TOTAL) {
		size_t len;
		const unsigned char *s = cap_ring_peek(&p.ring, 977, &len);

		for (size_t i = 0; i < len; i++)
			bad += s[i] != (unsigned char)((got + i) * 2654435761u >> 24);
		cap_ring_consume(&p.ring, len);
		got += (uint32_t)len;
	}
	pthread_join(t, NULL);
	assert_int_equal(bad, 0);
	assert_int_equal(cap_ring_readable(&p.ring), 0);
	cap_ring_free(&p.ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_or_nothing),
		cmocka_unit_test(test_push_keep),
		cmocka_unit_test(test_threads_in_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
