/* hashtap.c — see hashtap.h. */
#include "hashtap.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>

static void restart(struct pub_hashtap *h)
{
	if (!EVP_DigestInit_ex(h->md, EVP_sha256(), NULL))
		abort();
	h->next = 0;
	h->broken = false;
}

void pub_hashtap_init(struct pub_hashtap *h)
{
	h->md = EVP_MD_CTX_new();
	if (!h->md)
		abort();
	restart(h);
}

void pub_hashtap_free(struct pub_hashtap *h)
{
	EVP_MD_CTX_free(h->md);
	h->md = NULL;
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
	if (!EVP_DigestUpdate(h->md, data, len))
		abort();
	h->next += len;
}

bool pub_hashtap_hex(struct pub_hashtap *h, uint64_t bytes, char hex[65])
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned n = 0;

	hex[0] = '\0';
	if (h->broken || h->next != bytes || !EVP_DigestFinal_ex(h->md, digest, &n) || n != 32)
		return false;
	for (unsigned i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	restart(h);
	return true;
}
