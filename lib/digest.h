/* digest.h — SHA-1 and SHA-256, by OpenSSL's libcrypto (already under
 * libcurl; with the CPU's SHA instructions it is ~6x libavutil's av_sha,
 * which matters for multi-GB masters and uploads hashed on the fly).
 * Out of memory or an unknown size aborts: nothing here fails otherwise. */
#ifndef STUDIO_DIGEST_H
#define STUDIO_DIGEST_H

#include <stddef.h>

struct st_digest {
	void *md;   /* EVP_MD_CTX */
	int bits;   /* 160 or 256 */
};

/* BITS 160 (SHA-1, MediaWiki's file hash) or 256 (SHA-256). */
void st_digest_init(struct st_digest *d, int bits);
void st_digest_update(struct st_digest *d, const void *data, size_t len);
/* Finishes: BITS/4 lowercase hex chars and a NUL in HEX; D then starts
 * afresh, ready for new data. */
void st_digest_hex(struct st_digest *d, char *hex);
/* Drops what was fed so far. */
void st_digest_reset(struct st_digest *d);
void st_digest_free(struct st_digest *d);

/* SHA-256 of a buffer as 64 hex chars and a NUL. */
void st_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
