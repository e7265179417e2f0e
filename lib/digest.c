/* digest.c — see digest.h. */
#include "digest.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>

void st_digest_reset(struct st_digest *d)
{
	if (!EVP_DigestInit_ex(d->md, d->bits == 160 ? EVP_sha1() : EVP_sha256(), NULL))
		abort();
}

void st_digest_init(struct st_digest *d, int bits)
{
	if (bits != 160 && bits != 256)
		abort();
	d->bits = bits;
	d->md = EVP_MD_CTX_new();
	if (!d->md)
		abort();
	st_digest_reset(d);
}

void st_digest_update(struct st_digest *d, const void *data, size_t len)
{
	if (!EVP_DigestUpdate(d->md, data, len))
		abort();
}

void st_digest_hex(struct st_digest *d, char *hex)
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned n = 0;

	if (!EVP_DigestFinal_ex(d->md, digest, &n) || n != (unsigned)d->bits / 8)
		abort();
	for (unsigned i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	st_digest_reset(d);
}

void st_digest_free(struct st_digest *d)
{
	EVP_MD_CTX_free(d->md);
	d->md = NULL;
}

void st_sha256_hex(const void *data, size_t len, char hex[65])
{
	struct st_digest d;

	st_digest_init(&d, 256);
	st_digest_update(&d, data, len);
	st_digest_hex(&d, hex);
	st_digest_free(&d);
}
