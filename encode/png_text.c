/* png_text.c — see png_text.h.  The chunk layout is the PNG
 * specification's (ISO/IEC 15948, 11.3.4.5): keyword, NUL, compression
 * flag, compression method, language tag, NUL, translated keyword, NUL,
 * text; the CRC covers the chunk type and data. */
#include <string.h>

#include <libavutil/crc.h>

#include "paths.h"
#include "png_text.h"

static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The PNG CRC: CRC-32 of ISO 3309, reflected, initial and final value all
 * ones — libavutil's AV_CRC_32_IEEE_LE table. */
static uint32_t png_crc(const uint8_t *p, size_t n)
{
	return av_crc(av_crc_get_table(AV_CRC_32_IEEE_LE), UINT32_MAX, p, n) ^ UINT32_MAX;
}

/* Size of the iTXt chunk of T, length, type and CRC included. */
static size_t chunk_size(const struct enc_png_text *t)
{
	return 12 + strlen(t->keyword) + 5 + strlen(t->text);
}

/* Writes the iTXt chunk of T at P. */
static void put_chunk(uint8_t *p, const struct enc_png_text *t)
{
	size_t k = strlen(t->keyword), len = chunk_size(t) - 12;
	uint8_t *data = p + 8;

	put_be32(p, (uint32_t)len);
	memcpy(p + 4, "iTXt", 4);
	memcpy(data, t->keyword, k);
	/* NUL, not compressed, method 0, no language tag, no translation. */
	memset(data + k, 0, 5);
	memcpy(data + k + 5, t->text, strlen(t->text));
	put_be32(data + len, png_crc(p + 4, len + 4));
}

bool enc_png_add_text(const uint8_t *png, size_t n, const struct enc_png_text *texts,
		      size_t count, uint8_t **out, size_t *out_n)
{
	size_t at, extra = 0;
	uint8_t *o;

	if (n < 8 + 12 || memcmp(png, signature, 8) || memcmp(png + 12, "IHDR", 4))
		return false;
	at = 8 + 12 + (size_t)get_be32(png + 8);
	if (at > n)
		return false;
	for (size_t i = 0; i < count; i++) {
		size_t k = strlen(texts[i].keyword);

		if (k < 1 || k > 79 || strlen(texts[i].text) > INT32_MAX / 2)
			return false;
		extra += chunk_size(&texts[i]);
	}
	o = st_xcalloc(n + extra, 1);
	memcpy(o, png, at);
	*out_n = at;
	for (size_t i = 0; i < count; i++) {
		put_chunk(o + *out_n, &texts[i]);
		*out_n += chunk_size(&texts[i]);
	}
	memcpy(o + *out_n, png + at, n - at);
	*out_n += n - at;
	*out = o;
	return true;
}
