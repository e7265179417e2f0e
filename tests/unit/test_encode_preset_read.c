/* Unit tests for enc_preset_read() (encode/preset.c, compiled in): the
 * preset parsing and validation on a stream, as enc_preset_load() applies
 * it to a file, with FILE:LINE: KEY errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../encode/preset.c"

/* Reads TEXT as preset "t" from "t.ini"; the messages go to *ERR. */
static int read_text(struct enc_preset *p, const char *text, char **err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	FILE *saved = stderr;
	size_t len;
	int ret;

	assert_non_null(f);
	stderr = open_memstream(err, &len);
	ret = enc_preset_read(p, "t", "t.ini", f);
	fclose(stderr);
	stderr = saved;
	fclose(f);
	return ret;
}

static void test_valid_audio_preset(void **state)
{
	struct enc_preset p;
	char *err;

	(void)state;
	assert_int_equal(read_text(&p, "[preset]\ndescription = balado\ncontainer = ogg\n"
				       "[audio]\ncodec = libvorbis\nsample_rate = 48000\n"
				       "channels = 2\nquality = 4\n", &err), ST_OK);
	assert_string_equal(err, "");
	assert_string_equal(p.path, "t.ini");
	assert_string_equal(p.description, "balado");
	assert_int_equal(p.kind, ENC_KIND_AUDIO);
	assert_string_equal(p.muxer, "ogg");
	assert_true(p.audio.quality == 4 && p.audio.bitrate == 0 && p.audio.loudness == -16);
	free(err);
	enc_preset_free(&p);
}

static void test_error_names_line_and_key(void **state)
{
	struct enc_preset p;
	char *err;

	(void)state;
	assert_int_equal(read_text(&p, "[preset]\ncontainer = mp4\n[video]\ncodec = libx264\n"
				       "max_height = 721\n", &err), ST_CONFIG);
	assert_non_null(strstr(err, "t.ini:5: video.max_height: "));
	free(err);
	enc_preset_free(&p);
}

static void test_missing_key_after_reading(void **state)
{
	struct enc_preset p;
	char *err;

	(void)state;
	assert_int_equal(read_text(&p, "[preset]\ncontainer = png\n[image]\nkind = waveform\n"
				       "width = 640\n", &err), ST_CONFIG);
	assert_non_null(strstr(err, "t.ini: missing key image.height"));
	free(err);
	enc_preset_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_audio_preset),
		cmocka_unit_test(test_error_names_line_and_key),
		cmocka_unit_test(test_missing_key_after_reading),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
