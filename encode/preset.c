/* preset.c — finding, parsing and validating presets/NAME.ini. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavutil/parseutils.h>
#include <libavutil/pixdesc.h>

#include "avcompat.h"
#include "conf.h"
#include "msg.h"
#include "opts.h"
#include "paths.h"
#include "preset.h"
#include "status.h"
#include "suggest.h"

#ifndef DATADIR
#define DATADIR "/usr/local/share/corsicalab-studio"
#endif

#define NAME_MAX_LEN 64

struct key;
typedef int (*parse_fn)(const struct key *k, const struct st_conf_pos *pos,
			const char *qname, const char *value, void *field);

/* One key of the file: where its value goes and the range it must lie in. */
struct key {
	const char *section;
	const char *name;
	parse_fn parse;
	size_t offset;
	double min, max;
	const char *const *choices;
	bool required;
};

static int parse_string(const struct key *k, const struct st_conf_pos *pos,
			const char *qname, const char *value, void *field)
{
	char **s = field;

	(void)k, (void)pos, (void)qname;
	free(*s);
	*s = st_xstrdup(value);
	return ST_OK;
}

static int parse_choice(const struct key *k, const struct st_conf_pos *pos,
			const char *qname, const char *value, void *field)
{
	char list[256] = "";

	for (const char *const *c = k->choices; *c; c++)
		if (!strcmp(*c, value))
			return parse_string(k, pos, qname, value, field);
	for (const char *const *c = k->choices; *c; c++) {
		if (c != k->choices)
			strncat(list, ", ", sizeof list - strlen(list) - 1);
		strncat(list, *c, sizeof list - strlen(list) - 1);
	}
	return st_conf_error(pos, qname, _("unsupported value \"%s\" (expected one of: %s)"),
			     value, list);
}

/* A whole number within the key's bounds into *V. */
static int parse_whole(const struct key *k, const struct st_conf_pos *pos,
		       const char *qname, const char *value, long *v)
{
	if (!st_parse_long(value, (long)k->min, (long)k->max, v))
		return st_conf_error(pos, qname,
				     _("expected a whole number from %.0f to %.0f, got \"%s\""),
				     k->min, k->max, value);
	return ST_OK;
}

static int parse_int(const struct key *k, const struct st_conf_pos *pos,
		     const char *qname, const char *value, void *field)
{
	long v;
	int ret = parse_whole(k, pos, qname, value, &v);

	if (ret == ST_OK)
		*(int *)field = (int)v;
	return ret;
}

/* Heights must be even: 4:2:0 chroma needs whole 2x2 blocks. */
static int parse_height(const struct key *k, const struct st_conf_pos *pos,
			const char *qname, const char *value, void *field)
{
	int ret = parse_int(k, pos, qname, value, field);

	if (ret == ST_OK && *(int *)field % 2)
		return st_conf_error(pos, qname, _("must be even, got %s"), value);
	return ret;
}

static int parse_int64(const struct key *k, const struct st_conf_pos *pos,
		       const char *qname, const char *value, void *field)
{
	long v;
	int ret = parse_whole(k, pos, qname, value, &v);

	if (ret == ST_OK)
		*(int64_t *)field = v;
	return ret;
}

static int parse_double(const struct key *k, const struct st_conf_pos *pos,
			const char *qname, const char *value, void *field)
{
	if (!st_parse_double(value, k->min, k->max, field))
		return st_conf_error(pos, qname, _("expected a number from %g to %g, got \"%s\""),
				     k->min, k->max, value);
	return ST_OK;
}

/* Bits per second: "128000", "128k" or "3M". */
static int parse_bitrate(const struct key *k, const struct st_conf_pos *pos,
			 const char *qname, const char *value, void *field)
{
	char num[32];
	size_t len = strlen(value);
	double mult = 1, v;

	if (len > 0 && len < sizeof num && strchr("kKM", value[len - 1])) {
		mult = value[len - 1] == 'M' ? 1e6 : 1e3;
		len--;
	}
	if (len == 0 || len >= sizeof num)
		goto bad;
	memcpy(num, value, len);
	num[len] = '\0';
	if (!st_parse_double(num, k->min / mult, k->max / mult, &v))
		goto bad;
	*(int64_t *)field = (int64_t)(v * mult + 0.5);
	return ST_OK;
bad:
	return st_conf_error(pos, qname,
			     _("expected a bit rate from %.0fk to %.0fk such as 3000k, got \"%s\""),
			     k->min / 1e3, k->max / 1e3, value);
}

static int parse_rate(const struct key *k, const struct st_conf_pos *pos,
		      const char *qname, const char *value, void *field)
{
	AVRational q;

	if (av_parse_video_rate(&q, value) < 0 || av_q2d(q) < k->min || av_q2d(q) > k->max)
		return st_conf_error(pos, qname,
				     _("expected a frame rate from %g to %g such as 25 or 30000/1001, got \"%s\""),
				     k->min, k->max, value);
	*(AVRational *)field = q;
	return ST_OK;
}

static int parse_pix_fmt(const struct key *k, const struct st_conf_pos *pos,
			 const char *qname, const char *value, void *field)
{
	enum AVPixelFormat f = av_get_pix_fmt(value);

	(void)k;
	if (f == AV_PIX_FMT_NONE)
		return st_conf_error(pos, qname, _("unknown pixel format \"%s\""), value);
	*(enum AVPixelFormat *)field = f;
	return ST_OK;
}

/* Containers, the muxer writing each, and the codecs it may carry. */
static const struct container {
	const char *name, *muxer;
	enum enc_kind kind;
	const char *video, *audio;   /* NULL: no such stream */
} container_table[] = {
	{"mp4", "mp4", ENC_KIND_AV, "libx264", "aac"},
	{"webm", "webm", ENC_KIND_AV, "libvpx-vp9", "libopus"},
	{"ogg", "ogg", ENC_KIND_AUDIO, NULL, "libvorbis"},
	{"jpg", "image2pipe", ENC_KIND_IMAGE, NULL, NULL},
	{"png", "image2pipe", ENC_KIND_IMAGE, NULL, NULL},
};
static const char *const containers[] = {"mp4", "webm", "ogg", "jpg", "png", NULL};
static const char *const video_codecs[] = {"libx264", "libvpx-vp9", NULL};
static const char *const audio_codecs[] = {"aac", "libopus", "libvorbis", NULL};
static const char *const profiles[] = {"baseline", "main", "high", NULL};
static const char *const x264_presets[] = {"ultrafast", "superfast", "veryfast", "faster",
	"fast", "medium", "slow", "slower", "veryslow", NULL};
static const char *const image_kinds[] = {"poster", "contact-sheet", "waveform", NULL};

enum {
	K_DESCRIPTION, K_CONTAINER, K_MAXDURATION, K_MAXBYTES,
	K_VCODEC, K_PROFILE, K_PIXFMT, K_MAXHEIGHT, K_FPS, K_CRF, K_MAXRATE, K_BUFSIZE, K_GOP,
	K_X264PRESET, K_SPEED, K_LOOKAHEAD,
	K_ACODEC, K_RATE, K_CHANNELS, K_ABITRATE, K_QUALITY, K_LOUDNESS, K_TRUEPEAK,
	K_IKIND, K_IWIDTH, K_IHEIGHT, K_ICOLUMNS, K_IROWS, K_IQUALITY, NKEYS
};

/* "required" keys are required when their section is present. */
#define P(f) offsetof(struct enc_preset, f)
static const struct key keys[NKEYS] = {
	[K_DESCRIPTION] = {"preset", "description", parse_string, P(description), 0, 0, NULL, false},
	[K_CONTAINER] = {"preset", "container", parse_choice, P(container), 0, 0, containers, true},
	[K_MAXDURATION] = {"preset", "max_duration", parse_double, P(max_duration), 1, 86400, NULL, false},
	[K_MAXBYTES] = {"preset", "max_bytes", parse_int64, P(max_bytes), 1e6, 1e12, NULL, false},
	[K_VCODEC] = {"video", "codec", parse_choice, P(video.codec), 0, 0, video_codecs, true},
	[K_PROFILE] = {"video", "profile", parse_choice, P(video.profile), 0, 0, profiles, false},
	[K_PIXFMT] = {"video", "pix_fmt", parse_pix_fmt, P(video.pix_fmt), 0, 0, NULL, false},
	[K_MAXHEIGHT] = {"video", "max_height", parse_height, P(video.max_height), 16, 4320, NULL, true},
	[K_FPS] = {"video", "fps", parse_rate, P(video.fps), 1, 120, NULL, false},
	[K_CRF] = {"video", "crf", parse_double, P(video.crf), 0, 63, NULL, true},
	[K_MAXRATE] = {"video", "maxrate", parse_bitrate, P(video.maxrate), 100e3, 100e6, NULL, false},
	[K_BUFSIZE] = {"video", "bufsize", parse_bitrate, P(video.bufsize), 100e3, 200e6, NULL, false},
	[K_GOP] = {"video", "gop_seconds", parse_double, P(video.gop_seconds), 0.5, 10, NULL, true},
	[K_X264PRESET] = {"video", "x264_preset", parse_choice, P(video.x264_preset), 0, 0,
			  x264_presets, false},
	[K_SPEED] = {"video", "speed", parse_int, P(video.speed), 0, 8, NULL, false},
	[K_LOOKAHEAD] = {"video", "lookahead", parse_int, P(video.lookahead), 0, 250, NULL, false},
	[K_ACODEC] = {"audio", "codec", parse_choice, P(audio.codec), 0, 0, audio_codecs, true},
	[K_RATE] = {"audio", "sample_rate", parse_int, P(audio.sample_rate), 8000, 96000, NULL, true},
	[K_CHANNELS] = {"audio", "channels", parse_int, P(audio.channels), 1, 2, NULL, true},
	[K_ABITRATE] = {"audio", "bitrate", parse_bitrate, P(audio.bitrate), 16e3, 512e3, NULL, false},
	[K_QUALITY] = {"audio", "quality", parse_double, P(audio.quality), -1, 10, NULL, false},
	[K_LOUDNESS] = {"audio", "loudness", parse_double, P(audio.loudness), -70, -5, NULL, false},
	[K_TRUEPEAK] = {"audio", "true_peak", parse_double, P(audio.true_peak), -9, 0, NULL, false},
	[K_IKIND] = {"image", "kind", parse_choice, P(image.kind), 0, 0, image_kinds, true},
	[K_IWIDTH] = {"image", "width", parse_int, P(image.width), 16, 7680, NULL, false},
	[K_IHEIGHT] = {"image", "height", parse_height, P(image.height), 16, 4320, NULL, false},
	[K_ICOLUMNS] = {"image", "columns", parse_int, P(image.columns), 1, 16, NULL, false},
	[K_IROWS] = {"image", "rows", parse_int, P(image.rows), 1, 16, NULL, false},
	[K_IQUALITY] = {"image", "quality", parse_int, P(image.quality), 2, 31, NULL, false},
};

struct parse_state {
	struct enc_preset *preset;
	int line[NKEYS];      /* 0: key absent */
};

static int on_key(void *ctx, const struct st_conf_pos *pos, const char *section,
		  const char *name, const char *value)
{
	struct parse_state *s = ctx;
	bool section_known = false;
	char qname[128];

	snprintf(qname, sizeof qname, "%s.%s", section, name);
	for (size_t i = 0; i < NKEYS; i++) {
		if (strcmp(keys[i].section, section))
			continue;
		section_known = true;
		if (strcmp(keys[i].name, name))
			continue;
		s->line[i] = pos->line;
		return keys[i].parse(&keys[i], pos, qname, value, (char *)s->preset + keys[i].offset);
	}
	if (!section_known)
		return st_conf_error(pos, qname, _("unknown section [%s]"), section);
	return st_conf_error(pos, qname, _("unknown key"));
}

static int key_error(const struct parse_state *s, int i, const char *fmt, ...) ST_PRINTF(3, 4);

/* A FILE:LINE: KEY error about key I, after the whole file was read. */
static int key_error(const struct parse_state *s, int i, const char *fmt, ...)
{
	struct st_conf_pos pos = {s->preset->path, s->line[i]};
	char qname[64], msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(qname, sizeof qname, "%s.%s", keys[i].section, keys[i].name);
	return st_conf_error(&pos, qname, "%s", msg);
}

static bool section_present(const struct parse_state *s, const char *section)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (s->line[i] && !strcmp(keys[i].section, section))
			return true;
	return false;
}

/* Required keys of the sections present, and the sections the container
 * needs (present) or refuses (absent). */
static int check_sections(const struct parse_state *s, const struct container *c)
{
	const char *path = s->preset->path;
	bool want[3] = {c->video != NULL, c->audio != NULL, c->kind == ENC_KIND_IMAGE};
	static const char *const names[3] = {"video", "audio", "image"};

	for (int i = 0; i < 3; i++) {
		if (want[i] == section_present(s, names[i]))
			continue;
		if (want[i])
			st_error(_("%s: missing section [%s] (needed by container %s)"), path,
				 names[i], c->name);
		else
			return key_error(s, K_CONTAINER, _("container %s takes no [%s] section"),
					 c->name, names[i]);
		return ST_CONFIG;
	}
	for (size_t i = 0; i < NKEYS; i++)
		if (keys[i].required && !s->line[i] &&
		    (!strcmp(keys[i].section, "preset") || section_present(s, keys[i].section))) {
			st_error(_("%s: missing key %s.%s"), path, keys[i].section, keys[i].name);
			return ST_CONFIG;
		}
	return ST_OK;
}

static int check_video(const struct parse_state *s, const struct container *c)
{
	const struct enc_preset *p = s->preset;
	const AVCodec *vc;
	bool ok = false;

	if (strcmp(p->video.codec, c->video))
		return key_error(s, K_VCODEC, _("container %s needs video codec %s"), c->name,
				 c->video);
	if (s->line[K_LOOKAHEAD] && !strcmp(p->video.codec, "libvpx-vp9") && p->video.lookahead > 25)
		return key_error(s, K_LOOKAHEAD, _("libvpx-vp9 looks 25 frames ahead at most"));
	if (!s->line[K_MAXRATE] != !s->line[K_BUFSIZE])
		return key_error(s, s->line[K_MAXRATE] ? K_MAXRATE : K_BUFSIZE,
				 _("needs %s as well"),
				 s->line[K_MAXRATE] ? "video.bufsize" : "video.maxrate");
	vc = avcodec_find_encoder_by_name(p->video.codec);
	if (!vc)
		return key_error(s, K_VCODEC, _("encoder %s is not available in this FFmpeg build"),
				 p->video.codec);
	for (const enum AVPixelFormat *f = st_codec_pix_fmts(vc); f && *f != AV_PIX_FMT_NONE; f++)
		ok |= *f == p->video.pix_fmt;
	if (!ok)
		return key_error(s, K_PIXFMT, _("pixel format %s is not supported by the encoder"),
				 av_get_pix_fmt_name(p->video.pix_fmt));
	return ST_OK;
}

static int check_audio(const struct parse_state *s, const struct container *c)
{
	const struct enc_preset *p = s->preset;
	const AVCodec *ac;
	bool ok;

	if (strcmp(p->audio.codec, c->audio))
		return key_error(s, K_ACODEC, _("container %s needs audio codec %s"), c->name,
				 c->audio);
	if (s->line[K_QUALITY] && strcmp(p->audio.codec, "libvorbis"))
		return key_error(s, K_QUALITY, _("only libvorbis takes a quality; use audio.bitrate"));
	if (!s->line[K_QUALITY] == !s->line[K_ABITRATE]) {
		if (s->line[K_QUALITY])
			return key_error(s, K_QUALITY, _("give audio.quality or audio.bitrate, not both"));
		st_error(_("%s: missing key audio.bitrate"), p->path);
		return ST_CONFIG;
	}
	ac = avcodec_find_encoder_by_name(p->audio.codec);
	if (!ac)
		return key_error(s, K_ACODEC, _("encoder %s is not available in this FFmpeg build"),
				 p->audio.codec);
	ok = !st_codec_sample_rates(ac);
	for (const int *r = st_codec_sample_rates(ac); r && *r; r++)
		ok |= *r == p->audio.sample_rate;
	if (!ok)
		return key_error(s, K_RATE, _("sample rate %d is not supported by the encoder"),
				 p->audio.sample_rate);
	return ST_OK;
}

/* Each picture kind: its container and the size keys it needs. */
static int check_image(const struct parse_state *s, const struct container *c)
{
	static const struct {
		const char *container;
		int need[3];
	} kinds[] = {
		[ENC_POSTER] = {"jpg", {K_IHEIGHT, -1, -1}},
		[ENC_CONTACT_SHEET] = {"png", {K_IWIDTH, K_ICOLUMNS, K_IROWS}},
		[ENC_WAVEFORM] = {"png", {K_IWIDTH, K_IHEIGHT, -1}},
	};
	struct enc_preset *p = s->preset;
	int t = !strcmp(p->image.kind, "poster") ? ENC_POSTER
		: !strcmp(p->image.kind, "contact-sheet") ? ENC_CONTACT_SHEET : ENC_WAVEFORM;

	p->image.type = t;
	if (strcmp(c->name, kinds[t].container))
		return key_error(s, K_IKIND, _("a %s is written as %s, not %s"), p->image.kind,
				 kinds[t].container, c->name);
	for (int i = 0; i < 3; i++)
		if (kinds[t].need[i] >= 0 && !s->line[kinds[t].need[i]]) {
			st_error(_("%s: missing key image.%s (needed by a %s)"), p->path,
				 keys[kinds[t].need[i]].name, p->image.kind);
			return ST_CONFIG;
		}
	return ST_OK;
}

/* Checks that need the whole file, or the FFmpeg build: sections and
 * required keys, codecs matching the container, encoders present and
 * supporting the chosen formats. */
static int validate(const struct parse_state *s)
{
	struct enc_preset *p = s->preset;
	const struct container *c = NULL;
	int ret;

	if (!s->line[K_CONTAINER]) {
		st_error(_("%s: missing key preset.container"), p->path);
		return ST_CONFIG;
	}
	for (size_t i = 0; i < sizeof container_table / sizeof *container_table; i++)
		if (!strcmp(container_table[i].name, p->container))
			c = &container_table[i];
	p->muxer = c->muxer;
	p->kind = c->kind;
	ret = check_sections(s, c);
	if (ret == ST_OK && c->video)
		ret = check_video(s, c);
	if (ret == ST_OK && c->audio)
		ret = check_audio(s, c);
	if (ret == ST_OK && c->kind == ENC_KIND_IMAGE)
		ret = check_image(s, c);
	if (ret == ST_OK && s->line[K_MAXBYTES] && (strcmp(c->name, "mp4") || !s->line[K_MAXDURATION]))
		return key_error(s, K_MAXBYTES, _("needs container mp4 and preset.max_duration"));
	return ret;
}

bool enc_preset_needs_video(const struct enc_preset *p)
{
	return p->kind == ENC_KIND_AV ||
	       (p->kind == ENC_KIND_IMAGE && p->image.type != ENC_WAVEFORM);
}

bool enc_preset_needs_audio(const struct enc_preset *p)
{
	return p->kind == ENC_KIND_AUDIO ||
	       (p->kind == ENC_KIND_IMAGE && p->image.type == ENC_WAVEFORM);
}

static bool valid_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > NAME_MAX_LEN || !isalnum((unsigned char)s[0]))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-", *s))
			return false;
	return true;
}

/* The two preset folders in lookup order; either may be NULL. */
static void preset_dirs(char *dirs[2])
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg && xdg[0] == '/')
		dirs[0] = st_strdup_printf("%s/studio/presets", xdg);
	else if (home && home[0])
		dirs[0] = st_strdup_printf("%s/.config/studio/presets", home);
	else
		dirs[0] = NULL;
	dirs[1] = st_data_dir("presets", DATADIR "/presets");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted, deduplicated names of the *.ini files of both folders. */
static char **list_names(size_t *count)
{
	char *dirs[2], **names = NULL;
	size_t n = 0, cap = 0, kept = 0;

	preset_dirs(dirs);
	for (int i = 0; i < 2; i++) {
		DIR *d = dirs[i] ? opendir(dirs[i]) : NULL;
		struct dirent *e;

		while (d && (e = readdir(d))) {
			size_t len = strlen(e->d_name);
			char *name;

			if (len <= 4 || strcmp(e->d_name + len - 4, ".ini"))
				continue;
			name = st_strdup_printf("%.*s", (int)(len - 4), e->d_name);
			if (!valid_name(name)) {
				free(name);
				continue;
			}
			if (n == cap) {
				cap = cap ? 2 * cap : 8;
				names = realloc(names, cap * sizeof *names);
				if (!names)
					abort();
			}
			names[n++] = name;
		}
		if (d)
			closedir(d);
		free(dirs[i]);
	}
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (kept && !strcmp(names[kept - 1], names[i]))
			free(names[i]);
		else
			names[kept++] = names[i];
	}
	*count = kept;
	return names;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static int unknown_preset(const char *name)
{
	size_t n;
	char **names = list_names(&n), *list = st_xstrdup("");

	for (size_t i = 0; i < n; i++) {
		char *next = st_strdup_printf("%s%s%s", list, i ? ", " : "", names[i]);

		free(list);
		list = next;
	}
	const char *near = st_suggest(name, (const char *const *)names, n);

	if (near)
		st_error(_("unknown preset %s; did you mean %s?"), name, near);
	else if (n)
		st_error(_("unknown preset %s (available: %s)"), name, list);
	else
		st_error(_("unknown preset %s (no preset installed)"), name);
	free(list);
	free_names(names, n);
	return ST_USAGE;
}

/* Malloc'ed path of NAME.ini in the first folder that has it, or NULL. */
static char *find_preset(const char *name)
{
	char *dirs[2], *found = NULL;

	preset_dirs(dirs);
	for (int i = 0; i < 2; i++) {
		char *path = dirs[i] ? st_strdup_printf("%s/%s.ini", dirs[i], name) : NULL;

		if (!found && path && st_is_file(path))
			found = path;
		else
			free(path);
		free(dirs[i]);
	}
	return found;
}

/* The values a preset has before its file is read. */
static void set_defaults(struct enc_preset *p, const char *name)
{
	memset(p, 0, sizeof *p);
	p->name = st_xstrdup(name);
	p->description = st_xstrdup("");
	p->video.profile = st_xstrdup("high");
	p->video.x264_preset = st_xstrdup("medium");
	p->video.pix_fmt = AV_PIX_FMT_YUV420P;
	p->video.speed = 4;
	p->video.lookahead = -1;
	p->audio.quality = -2;
	p->audio.loudness = -16;
	p->audio.true_peak = -1;
	p->image.quality = 3;
}

/* Parses p->path, or the stream F when it is not NULL, then validates. */
static int parse_and_validate(struct enc_preset *p, FILE *f)
{
	struct parse_state s = {.preset = p};
	int ret = f ? st_conf_parse_stream(f, p->path, on_key, &s)
		    : st_conf_parse(p->path, on_key, &s);

	return ret == ST_OK ? validate(&s) : ret;
}

int enc_preset_load(struct enc_preset *p, const char *name)
{
	set_defaults(p, name);
	p->path = valid_name(name) ? find_preset(name) : NULL;
	if (!p->path)
		return unknown_preset(name);
	return parse_and_validate(p, NULL);
}

int enc_preset_read(struct enc_preset *p, const char *name, const char *path, FILE *f)
{
	set_defaults(p, name);
	p->path = st_xstrdup(path);
	return parse_and_validate(p, f);
}

void enc_preset_free(struct enc_preset *p)
{
	free(p->name);
	free(p->path);
	free(p->description);
	free(p->container);
	free(p->video.codec);
	free(p->video.profile);
	free(p->video.x264_preset);
	free(p->audio.codec);
	free(p->image.kind);
	memset(p, 0, sizeof *p);
}

int enc_preset_print_list(void)
{
	size_t n;
	char **names = list_names(&n);
	int ret = ST_OK;

	for (size_t i = 0; i < n; i++) {
		struct enc_preset p;
		int r = enc_preset_load(&p, names[i]);

		if (r == ST_OK)
			printf("%-16s %s\n", p.name, p.description);
		else
			ret = r;
		enc_preset_free(&p);
	}
	free_names(names, n);
	return ret;
}

int enc_preset_show(const char *name)
{
	struct enc_preset p;
	int ret = enc_preset_load(&p, name);
	FILE *f = ret == ST_OK ? fopen(p.path, "r") : NULL;
	char buf[4096];
	size_t n;

	if (ret == ST_OK && !f) {
		st_error(_("cannot open %s: %s"), p.path, strerror(errno));
		ret = ST_NOINPUT;
	}
	if (f) {
		printf("# %s\n", p.path);
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			fwrite(buf, 1, n, stdout);
		fclose(f);
	}
	enc_preset_free(&p);
	return ret;
}
