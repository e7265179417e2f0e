/* png_text.h — text chunks added to the PNG bytes FFmpeg's encoder wrote
 * (it writes none of its own choosing): the pictures carry their title and
 * the licence attribution, readable by exiftool and any PNG reader. */
#ifndef ENC_PNG_TEXT_H
#define ENC_PNG_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct enc_png_text {
	const char *keyword;   /* a PNG keyword: "Title", "Copyright" (1-79 Latin-1 bytes) */
	const char *text;      /* UTF-8 */
};

/* PNG (N bytes) with one iTXt chunk (UTF-8, uncompressed, no language tag)
 * per element of TEXTS inserted right after the IHDR chunk, each with its
 * CRC (libavutil's av_crc).  False when PNG does not start with the PNG
 * signature and an IHDR chunk, or a keyword is not 1-79 bytes.  *OUT is
 * malloc'ed, its size in *OUT_N. */
bool enc_png_add_text(const uint8_t *png, size_t n, const struct enc_png_text *texts,
		      size_t count, uint8_t **out, size_t *out_n);

#endif
