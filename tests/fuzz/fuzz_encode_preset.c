/* Fuzz target: preset INI files through enc_preset_read(), the parsing and
 * validation studio-encode applies to presets/NAME.ini.  Property: either
 * the preset loads and every value lies in its documented range
 * (encode/preset.h, docs/presets.md), or exactly one error line is printed
 * and, when it names FILE:LINE, that line exists in the input. */
#include <libavutil/log.h>
#include <libavutil/pixdesc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../encode/preset.h"
#include "capture_stderr.h"
#include "msg.h"
#include "status.h"

#define FILE_NAME "fuzz.ini"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static bool in(double v, double min, double max)
{
	return v >= min && v <= max;
}

static bool is_one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

static void check_video(const struct enc_video_preset *v)
{
	static const char *const profiles[] = {"baseline", "main", "high", NULL};

	check(is_one_of(v->codec, (const char *const[]){"libx264", "libvpx-vp9", NULL}));
	check(is_one_of(v->profile, profiles));
	check(in(v->speed, 0, 8) && in(v->lookahead, -1, 250));
	check(av_pix_fmt_desc_get(v->pix_fmt) != NULL);
	check(in(v->max_height, 16, 4320) && v->max_height % 2 == 0);
	check((v->fps.num == 0 && v->fps.den == 0) ||
	      (v->fps.num > 0 && v->fps.den > 0 && in(av_q2d(v->fps), 1, 120)));
	check(in(v->crf, 0, 63) && in(v->gop_seconds, 0.5, 10));
	check((v->maxrate == 0) == (v->bufsize == 0));
	check(v->maxrate == 0 || (in(v->maxrate, 100e3, 100e6) && in(v->bufsize, 100e3, 200e6)));
}

static void check_audio(const struct enc_audio_preset *a)
{
	check(is_one_of(a->codec, (const char *const[]){"aac", "libopus", "libvorbis", NULL}));
	check(in(a->sample_rate, 8000, 96000) && in(a->channels, 1, 2));
	/* Exactly one of bitrate and (libvorbis only) quality. */
	check(a->bitrate ? in(a->bitrate, 16e3, 512e3) && a->quality < -1
			 : in(a->quality, -1, 10) && !strcmp(a->codec, "libvorbis"));
	check(in(a->loudness, -70, -5) && in(a->true_peak, -9, 0));
}

static void check_image(const struct enc_image_preset *i, const char *container)
{
	check(i->type == ENC_POSTER ? !strcmp(i->kind, "poster") && !strcmp(container, "jpg")
	      : i->type == ENC_CONTACT_SHEET ? !strcmp(i->kind, "contact-sheet") &&
						   !strcmp(container, "png")
					     : !strcmp(i->kind, "waveform") && !strcmp(container, "png"));
	check(i->quality >= 2 && i->quality <= 31);
	check(i->type == ENC_POSTER ? in(i->height, 16, 4320) && i->height % 2 == 0
	      : i->type == ENC_CONTACT_SHEET ? in(i->width, 16, 7680) && in(i->columns, 1, 16) &&
						   in(i->rows, 1, 16)
					     : in(i->width, 16, 7680) && in(i->height, 16, 4320));
}

static void check_preset(const struct enc_preset *p)
{
	check(p->container && p->muxer && p->description);
	check(p->max_duration == 0 || in(p->max_duration, 1, 86400));
	check(p->max_bytes == 0 || (in(p->max_bytes, 1e6, 1e12) && !strcmp(p->container, "mp4") &&
				    p->max_duration > 0));
	switch (p->kind) {
	case ENC_KIND_AV:
		check(!strcmp(p->container, "mp4") || !strcmp(p->container, "webm"));
		check_video(&p->video);
		check_audio(&p->audio);
		break;
	case ENC_KIND_AUDIO:
		check(!strcmp(p->container, "ogg"));
		check_audio(&p->audio);
		break;
	case ENC_KIND_IMAGE:
		check_image(&p->image, p->container);
		break;
	}
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size, "r");
	struct enc_preset p;
	struct captured out;
	int ret;

	if (!f)
		return 0;
	av_log_set_level(AV_LOG_QUIET);
	capture_begin(&out);
	ret = enc_preset_read(&p, "fuzz", FILE_NAME, f);
	capture_end(&out);
	fclose(f);
	if (ret == ST_OK) {
		check(out.len == 0);
		check_preset(&p);
	} else {
		check(ret == ST_CONFIG || ret == ST_IOERR);
		check_one_error(out.text, "studio: " FILE_NAME ":", count_lines(data, size), false);
	}
	free(out.text);
	enc_preset_free(&p);
	return 0;
}
