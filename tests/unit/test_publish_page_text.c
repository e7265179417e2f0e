/* Unit tests for the session page's small texts: ISO 8601 durations, cue
 * times, WebVTT cue text made plain, download labels and French sizes
 * (publish/site/jsonld.c, cues.c, labels.c, included here). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

/* The page's modules and what they call (a unit test of a program's module
 * includes its .c files). */
#include "../../publish/job.c"
#include "../../publish/slug.c"
#include "../../publish/url.c"
#include "../../publish/site/chapters.c"
#include "../../publish/site/cues.c"
#include "../../publish/site/html.c"
#include "../../publish/site/jsonld.c"
#include "../../publish/site/labels.c"
#include "../../publish/site/model.c"

static void test_iso_duration(void **state)
{
	static const struct {
		double s;
		const char *want;
	} cases[] = {{3.0, "PT3S"}, {63.5, "PT1M3.5S"}, {3600, "PT1H0S"}, {3725.25, "PT1H2M5.25S"},
		     {0.0004, "PT0S"}, {-1, "PT0S"}, {59.9996, "PT1M0S"}};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *d = pub_iso_duration(cases[i].s);
		assert_string_equal(d, cases[i].want);
		free(d);
	}
}

static void test_cue_times(void **state)
{
	char buf[32];
	(void)state;
	pub_cue_clock(0.5, buf);
	assert_string_equal(buf, "00:00");
	pub_cue_clock(75.9, buf);
	assert_string_equal(buf, "01:15");
	pub_cue_clock(3725, buf);
	assert_string_equal(buf, "1:02:05");
	pub_cue_seconds(1.5, buf);
	assert_string_equal(buf, "1.5");
	pub_cue_seconds(3, buf);
	assert_string_equal(buf, "3");
	pub_cue_seconds(12.3456, buf);
	assert_string_equal(buf, "12.346");
	pub_cue_seconds(-2, buf);
	assert_string_equal(buf, "0");
}

static void test_plain_text(void **state)
{
	static const char cue[] = "<v Maria>Ghjè &amp; <i>più</i>\nà &lt;tutti&gt;&nbsp;! &bogus;";
	char *t = plain_text(cue, strlen(cue));
	(void)state;
	assert_string_equal(t, "Ghjè & più à <tutti>\xc2\xa0! &bogus;");
	free(t);
	t = plain_text("a\x01\xff", 3);
	assert_string_equal(t, "a\xef\xbf\xbd");
	free(t);
}

static void test_labels(void **state)
{
	static const struct {
		struct pub_file f;
		const char *want;
	} cases[] = {
		{{.file = "renditions/web-720p.mp4", .preset = "web-720p", .bytes = 3100000,
		  .kind = PUB_VIDEO}, "Vidéo HD (MP4, 3,1\xc2\xa0Mo)"},
		{{.file = "renditions/podcast.ogg", .preset = "podcast", .bytes = 29000,
		  .kind = PUB_AUDIO}, "Audio (Ogg Vorbis, 29,0\xc2\xa0ko)"},
		{{.file = "renditions/captions.co.vtt", .preset = "", .kind = PUB_CAPTIONS,
		  .lang = "co"}, "Sous-titres en corse (WebVTT)"},
		{{.file = "renditions/chapters.vtt", .preset = "chapters", .kind = PUB_CHAPTERS},
		 "Chapitres (WebVTT)"},
		{{.file = "renditions/poster.jpg", .preset = "poster", .kind = PUB_POSTER},
		 "Affiche (JPEG)"},
		{{.file = "renditions/waveform.png", .preset = "waveform", .kind = PUB_POSTER},
		 "Forme d'onde (PNG)"},
		{{.file = "renditions/contact-sheet.png", .preset = "contact-sheet", .kind = PUB_POSTER},
		 "Planche contact (PNG)"},
		{{.file = "renditions/jury.mp4", .preset = "jury", .bytes = 999, .kind = PUB_VIDEO},
		 "Vidéo pour le jury (MP4, 999\xc2\xa0octets)"},
		{{.file = "renditions/notes", .preset = "", .bytes = 1, .kind = PUB_OTHER},
		 "Fichier (1\xc2\xa0octet)"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *l = pub_download_label(&cases[i].f);
		assert_string_equal(l, cases[i].want);
		free(l);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso_duration),
		cmocka_unit_test(test_cue_times),
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
