/* hashtap.c — see hashtap.h. */
#include "hashtap.h"

static void restart(struct pub_hashtap *h)
{
	st_digest_reset(&h->digest);
	h->next = 0;
	h->broken = false;
}

void pub_hashtap_init(struct pub_hashtap *h)
{
	st_digest_init(&h->digest, 256);
	h->next = 0;
	h->broken = false;
}

void pub_hashtap_free(struct pub_hashtap *h)
{
	st_digest_free(&h->digest);
}

void pub_hashtap_feed(const char *data, size_t len, uint64_t pos, void *ctx)
{
	struct pub_hashtap *h = ctx;

	if (pos == 0 && h->next != 0)
		restart(h);
	if (h->broken || pos != h->next) {
		h->broken = true;
		return;
	}
	st_digest_update(&h->digest, data, len);
	h->next += len;
}

bool pub_hashtap_hex(struct pub_hashtap *h, uint64_t bytes, char hex[65])
{
	hex[0] = '\0';
	if (h->broken || h->next != bytes)
		return false;
	st_digest_hex(&h->digest, hex);
	restart(h);
	return true;
}
