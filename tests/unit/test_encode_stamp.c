/* Unit tests for the attribution put into the bytes of files without tags
 * (encode/vtt_note.c, encode/png_text.c, encode/jpeg_comment.c, compiled
 * in): where each insertion goes, what it must never let through, and
 * what is refused.  tests/e2e/attribution.t reads real outputs back with
 * ffmpeg and exiftool. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../../encode/vtt_note.c"
#include "../../encode/png_text.c"
#include "../../encode/jpeg_comment.c"

static char *note(const char *vtt, const char *title, const char *attribution)
{
	size_t n;
	char *out = enc_vtt_add_note(vtt, strlen(vtt), title, attribution, &n);

	assert_int_equal(strlen(out), n);
	return out;
}

static void test_vtt_note_after_header(void **state)
{
	char *out = note("WEBVTT\n\n00:01.000 --> 00:02.000\nbonjour\n", "Atelier", "Licence");

	(void)state;
	assert_string_equal(out, "WEBVTT\n\nNOTE\nAtelier\nLicence\n\n00:01.000 --> 00:02.000\nbonjour\n");
	free(out);
	out = note("WEBVTT", "T", "A");
	assert_string_equal(out, "WEBVTT\n\nNOTE\nT\nA\n");
	free(out);
}

/* Neither an arrow nor a blank line may come from the session's text. */
static void test_vtt_note_text_cannot_break_out(void **state)
{
	char *out = note("WEBVTT\n", "a --> b\n\n00:00.000 --> 00:09.000\r\nx", "c-->d");

	(void)state;
	assert_null(strstr(out, "-->"));
	assert_null(strstr(out, "\n\n00"));
	assert_string_equal(out, "WEBVTT\n\nNOTE\na - > b  00:00.000 - > 00:09.000  x\nc- >d\n");
	free(out);
	/* No title: no empty line that would end the note before the attribution. */
	out = note("WEBVTT\n", "", "Licence");
	assert_string_equal(out, "WEBVTT\n\nNOTE\nLicence\n");
	free(out);
}

/* The signature, then IHDR (13 bytes of data), IDAT (empty), IEND. */
static const uint8_t tiny_png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
	0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0, 0x3a, 0x7e, 0x9b, 0x55,
	0, 0, 0, 0, 'I', 'D', 'A', 'T', 0x35, 0xaf, 0x06, 0x1e,
	0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
};

static void test_png_crc_is_the_png_one(void **state)
{
	(void)state;
	/* The CRC every PNG file ends with, that of "IEND" with no data. */
	assert_int_equal(png_crc((const uint8_t *)"IEND", 4), 0xae426082);
	assert_int_equal(png_crc(tiny_png + 12, 17), get_be32(tiny_png + 29));
}

static void test_png_itxt_after_ihdr(void **state)
{
	const struct enc_png_text t[] = {{"Title", "Atelier"}, {"Copyright", "Licence — é"}};
	size_t ihdr_end = 8 + 12 + 13, n, len;
	uint8_t *out;
	const uint8_t *c;

	(void)state;
	assert_true(enc_png_add_text(tiny_png, sizeof tiny_png, t, 2, &out, &n));
	assert_int_equal(n, sizeof tiny_png + 12 + 5 + 5 + 7 + 12 + 9 + 5 + strlen(t[1].text));
	assert_memory_equal(out, tiny_png, ihdr_end);
	c = out + ihdr_end;
	len = get_be32(c);
	assert_int_equal(len, 5 + 5 + 7);
	assert_memory_equal(c + 4, "iTXt" "Title\0\0\0\0\0" "Atelier", 4 + len);
	assert_int_equal(get_be32(c + 8 + len), png_crc(c + 4, 4 + len));
	c += 12 + len;
	len = get_be32(c);
	assert_memory_equal(c + 4, "iTXtCopyright\0\0\0\0\0", 4 + 14);
	assert_memory_equal(c + 8 + 14, t[1].text, strlen(t[1].text));
	assert_int_equal(get_be32(c + 8 + len), png_crc(c + 4, 4 + len));
	assert_memory_equal(c + 12 + len, tiny_png + ihdr_end, sizeof tiny_png - ihdr_end);
	free(out);
}

static void test_png_refused(void **state)
{
	const struct enc_png_text ok = {"Title", "x"}, empty = {"", "x"};
	uint8_t bad[sizeof tiny_png], *out = NULL;
	size_t n;

	(void)state;
	memcpy(bad, tiny_png, sizeof bad);
	bad[12] = 'X';   /* the first chunk is not IHDR */
	assert_false(enc_png_add_text(bad, sizeof bad, &ok, 1, &out, &n));
	assert_false(enc_png_add_text(tiny_png, 20, &ok, 1, &out, &n));   /* cut in IHDR */
	assert_false(enc_png_add_text((const uint8_t *)"\xff\xd8\xff\xe0", 4, &ok, 1, &out, &n));
	assert_false(enc_png_add_text(tiny_png, sizeof tiny_png, &empty, 1, &out, &n));
	assert_null(out);
}

/* SOI, APP0 (JFIF, 4 bytes of data), COM "Lavc", DQT (1 byte), COM "x", SOS, data, EOI. */
static const uint8_t tiny_jpeg[] = {
	0xff, 0xd8,
	0xff, 0xe0, 0, 6, 'J', 'F', 'I', 'F',
	0xff, 0xfe, 0, 6, 'L', 'a', 'v', 'c',
	0xff, 0xdb, 0, 3, 0x42,
	0xff, 0xfe, 0, 3, 'x',
	0xff, 0xda, 0, 2, 0x12, 0x34, 0xff, 0x00, 0xff, 0xfe, 0xff, 0xd9,
};

static void test_jpeg_comment_replaced(void **state)
{
	static const uint8_t want[] = {
		0xff, 0xd8,
		0xff, 0xe0, 0, 6, 'J', 'F', 'I', 'F',
		0xff, 0xfe, 0, 5, 0xc3, 0xa9, '!',
		0xff, 0xdb, 0, 3, 0x42,
		/* From SOS on, bytes that look like a COM stay. */
		0xff, 0xda, 0, 2, 0x12, 0x34, 0xff, 0x00, 0xff, 0xfe, 0xff, 0xd9,
	};
	uint8_t *out;
	size_t n;

	(void)state;
	assert_true(enc_jpeg_set_comment(tiny_jpeg, sizeof tiny_jpeg, "\xc3\xa9!", &out, &n));
	assert_int_equal(n, sizeof want);
	assert_memory_equal(out, want, n);
	free(out);
	/* Without an APPn, the comment comes right after SOI. */
	{
		uint8_t no_app[sizeof tiny_jpeg - 8];

		memcpy(no_app, tiny_jpeg, 2);
		memcpy(no_app + 2, tiny_jpeg + 10, sizeof tiny_jpeg - 10);
		assert_true(enc_jpeg_set_comment(no_app, sizeof no_app, "c", &out, &n));
		assert_memory_equal(out, "\xff\xd8\xff\xfe\x00\x03" "c" "\xff\xdb", 9);
		free(out);
	}
}

static void test_jpeg_refused(void **state)
{
	char *longest = malloc(ENC_JPEG_COMMENT_MAX + 2);
	uint8_t *out = NULL;
	size_t n;

	(void)state;
	memset(longest, 'a', ENC_JPEG_COMMENT_MAX + 1);
	longest[ENC_JPEG_COMMENT_MAX + 1] = '\0';
	assert_false(enc_jpeg_set_comment(tiny_jpeg, sizeof tiny_jpeg, longest, &out, &n));
	longest[ENC_JPEG_COMMENT_MAX] = '\0';
	assert_true(enc_jpeg_set_comment(tiny_jpeg, sizeof tiny_jpeg, longest, &out, &n));
	free(out);
	out = NULL;
	free(longest);
	/* Cut before SOS, a segment running past the end, not a JPEG. */
	assert_false(enc_jpeg_set_comment(tiny_jpeg, 24, "c", &out, &n));
	assert_false(enc_jpeg_set_comment(tiny_jpeg, 12, "c", &out, &n));
	assert_false(enc_jpeg_set_comment(tiny_png, sizeof tiny_png, "c", &out, &n));
	assert_null(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vtt_note_after_header),
		cmocka_unit_test(test_vtt_note_text_cannot_break_out),
		cmocka_unit_test(test_png_crc_is_the_png_one),
		cmocka_unit_test(test_png_itxt_after_ihdr),
		cmocka_unit_test(test_png_refused),
		cmocka_unit_test(test_jpeg_comment_replaced),
		cmocka_unit_test(test_jpeg_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
