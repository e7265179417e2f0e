/* hashtap.h — the sha256 of a request body, computed while libcurl sends it
 * (pub_req.tap), so a file is read once for both.
 *
 * lib/digest.h (libcrypto: the CPU's SHA extensions) costs a few percent
 * of an upload, where FFmpeg's portable av_sha would halve it.  The
 * digest only counts when it saw the body from byte 0 to the end in order:
 * a retry or a rewind restarts it at 0, and any gap marks it broken. */
#ifndef STUDIO_PUBLISH_HASHTAP_H
#define STUDIO_PUBLISH_HASHTAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "digest.h"

struct pub_hashtap {
	struct st_digest digest;
	uint64_t next;        /* offset of the next byte expected */
	bool broken;          /* a gap was seen since the last restart */
};

void pub_hashtap_init(struct pub_hashtap *h);
void pub_hashtap_free(struct pub_hashtap *h);

/* A pub_req.tap callback; CTX is a struct pub_hashtap. */
void pub_hashtap_feed(const char *data, size_t len, uint64_t pos, void *ctx);

/* The lowercase hex digest of the BYTES bytes seen from 0; false when the
 * tap did not see exactly that (HEX is then ""). */
bool pub_hashtap_hex(struct pub_hashtap *h, uint64_t bytes, char hex[65]);

#endif
