/* jpeg_comment.c — see jpeg_comment.h.  Segment syntax from ITU-T T.81
 * (B.1.1.4): 0xFF, a marker byte (fill 0xFF bytes may precede it), a
 * big-endian length that counts itself, the data. */
#include <stdlib.h>
#include <string.h>

#include "jpeg_comment.h"
#include "paths.h"

#define SOI 0xd8
#define SOS 0xda
#define COM 0xfe
#define APP0 0xe0
#define APP15 0xef

static size_t put_comment(uint8_t *o, const char *text)
{
	size_t len = strlen(text) + 2;

	o[0] = 0xff;
	o[1] = COM;
	o[2] = (uint8_t)(len >> 8);
	o[3] = (uint8_t)len;
	memcpy(o + 4, text, len - 2);
	return len + 2;
}

bool enc_jpeg_set_comment(const uint8_t *jpeg, size_t n, const char *text, uint8_t **out,
			  size_t *out_n)
{
	size_t i = 2, o_n = 2;
	bool put = false;
	uint8_t *o;

	if (n < 4 || jpeg[0] != 0xff || jpeg[1] != SOI || strlen(text) > ENC_JPEG_COMMENT_MAX)
		return false;
	o = st_xcalloc(n + strlen(text) + 4, 1);
	memcpy(o, jpeg, 2);
	for (;;) {
		size_t len;
		uint8_t marker;

		while (i + 1 < n && jpeg[i] == 0xff && jpeg[i + 1] == 0xff)
			i++;
		if (i + 4 > n || jpeg[i] != 0xff)
			break;
		marker = jpeg[i + 1];
		if (!put && (marker < APP0 || marker > APP15)) {
			o_n += put_comment(o + o_n, text);
			put = true;
		}
		if (marker == SOS) {
			memcpy(o + o_n, jpeg + i, n - i);
			*out = o;
			*out_n = o_n + n - i;
			return true;
		}
		len = (size_t)jpeg[i + 2] << 8 | jpeg[i + 3];
		if (len < 2 || i + 2 + len > n)
			break;
		if (marker != COM) {
			memcpy(o + o_n, jpeg + i, len + 2);
			o_n += len + 2;
		}
		i += len + 2;
	}
	free(o);
	return false;
}
