/* jpeg_comment.h — the comment (COM segment) of the JPEG bytes FFmpeg's
 * encoder wrote, replaced by the licence attribution: the poster names its
 * source wherever it is copied, readable by exiftool ("Comment"). */
#ifndef ENC_JPEG_COMMENT_H
#define ENC_JPEG_COMMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest comment a COM segment holds (its length field counts
 * itself). */
#define ENC_JPEG_COMMENT_MAX (65535 - 2)

/* JPEG (N bytes) with its COM segments (the encoder's "Lavc..." one)
 * removed and one COM segment holding TEXT (UTF-8, at most
 * ENC_JPEG_COMMENT_MAX bytes) put after the APPn segments that follow SOI
 * (JFIF's APP0 must stay first).  The segments from SOS on are copied
 * unchanged.  False when JPEG is not a JPEG stream whose segments reach
 * SOS, or TEXT is too long.  *OUT is malloc'ed, its size in *OUT_N. */
bool enc_jpeg_set_comment(const uint8_t *jpeg, size_t n, const char *text, uint8_t **out,
			  size_t *out_n);

#endif
