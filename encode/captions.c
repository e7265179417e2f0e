/* captions.c — see captions.h.  The syntax check is ours (libavformat's
 * demuxers skip what they do not understand, silently); reading and
 * writing cues is libavformat's and libavcodec's. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "captions.h"
#include "metadata.h"
#include "msg.h"
#include "paths.h"
#include "status.h"

#define LINE_MAX_LEN 4096

/* "[HH:]MM:SS.mmm" (WebVTT) or "HH:MM:SS,mmm" (SubRip); *end after it. */
static bool parse_stamp(const char *s, char frac, double *t, const char **end)
{
	int h = 0, m, sec, ms, n = 0, used;

	if (sscanf(s, "%d:%d:%d%n", &h, &m, &sec, &n) == 3 && s[n] == frac) {
		used = n + 1;
	} else if (frac == '.' && sscanf(s, "%d:%d%n", &m, &sec, &n) == 2 && s[n] == frac) {
		h = 0;
		used = n + 1;
	} else {
		return false;
	}
	if (sscanf(s + used, "%3d%n", &ms, &n) != 1 || n != 3 || m > 59 || sec > 59 || h < 0 ||
	    m < 0 || sec < 0)
		return false;
	*t = h * 3600.0 + m * 60.0 + sec + ms / 1000.0;
	*end = s + used + 3;
	return true;
}

/* "START --> END[ settings]" */
static bool parse_timing(const char *line, char frac, double *a, double *b)
{
	const char *p;

	if (!parse_stamp(line, frac, a, &p))
		return false;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "-->", 3))
		return false;
	p += 3;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!parse_stamp(p, frac, b, &p))
		return false;
	return *p == '\0' || *p == ' ' || *p == '\t';
}

struct checker {
	const char *path;
	bool vtt;
	int line;
	int state;     /* 0: between cues, 1: in a cue's text, 2: in a note, 3: after an id */
	bool header;   /* WebVTT header block not finished */
};

static int syntax_error(const struct checker *k, const char *what)
{
	st_error(_("%s:%d: %s"), k->path, k->line, what);
	return ST_DATAERR;
}

static int check_timing(struct checker *k, const char *s)
{
	double a, b;

	if (!parse_timing(s, k->vtt ? '.' : ',', &a, &b))
		return syntax_error(k, k->vtt ? _("malformed cue timing (expected 00:00:01.000 --> 00:00:04.000)")
					      : _("malformed cue timing (expected 00:00:01,000 --> 00:00:04,000)"));
	if (b <= a)
		return syntax_error(k, _("the cue ends before it starts"));
	k->state = 1;
	return ST_OK;
}

/* One line (without its end of line) of the file. */
static int check_line(struct checker *k, const char *s)
{
	bool blank = s[strspn(s, " \t")] == '\0';

	if (k->line == 1 && k->vtt)
		return strncmp(s, "WEBVTT", 6) || (s[6] && s[6] != ' ' && s[6] != '\t')
			       ? syntax_error(k, _("a WebVTT file starts with \"WEBVTT\""))
			       : ST_OK;
	if (blank) {
		if (k->state == 3)
			return syntax_error(k, _("a cue number or identifier must be followed by its timing"));
		k->header = false;
		k->state = 0;
		return ST_OK;
	}
	if (k->header || k->state == 1 || k->state == 2)
		return ST_OK;
	/* A line that looks like a timing is one, even if mistyped. */
	if (k->state == 3 || strstr(s, "-->") || (isdigit((unsigned char)s[0]) && strchr(s, ':')))
		return check_timing(k, s);
	if (k->vtt && (!strncmp(s, "NOTE", 4) || !strncmp(s, "STYLE", 5) || !strncmp(s, "REGION", 6))) {
		k->state = 2;
		return ST_OK;
	}
	if (!k->vtt && s[strspn(s, "0123456789")] != '\0')
		return syntax_error(k, _("expected a cue number"));
	k->state = 3;
	return ST_OK;
}

/* Checks the whole file; sets *VTT from its first line. */
static int check_file(const char *path, bool *vtt)
{
	FILE *f = fopen(path, "r");
	struct checker k = {.path = path};
	char buf[LINE_MAX_LEN];
	int ret = ST_OK;

	if (!f) {
		st_error(_("cannot open %s: %s"), path, strerror(errno));
		return ST_NOINPUT;
	}
	while (ret == ST_OK && fgets(buf, sizeof buf, f)) {
		char *s = buf;

		k.line++;
		if (k.line == 1 && !strncmp(s, "\xef\xbb\xbf", 3))
			s += 3;
		if (k.line == 1)
			k.vtt = k.header = !strncmp(s, "WEBVTT", 6) || !strcmp(strrchr(path, '.') ?
				strrchr(path, '.') : "", ".vtt");
		s[strcspn(s, "\r\n")] = '\0';
		ret = check_line(&k, s);
	}
	if (ret == ST_OK && ferror(f)) {
		st_error(_("cannot read %s: %s"), path, strerror(errno));
		ret = ST_IOERR;
	}
	if (ret == ST_OK && k.state == 3) {
		k.line++;
		ret = syntax_error(&k, _("the file ends before the cue's timing"));
	}
	fclose(f);
	*vtt = k.vtt;
	return ret;
}

static int add_cue(struct enc_caption *c, AVSubtitle *sub, double start, double end)
{
	struct enc_cue *cues = realloc(c->cues, (c->n + 1) * sizeof *cues);

	if (!cues) {
		avsubtitle_free(sub);
		st_error(_("out of memory"));
		return ST_OSERR;
	}
	c->cues = cues;
	c->cues[c->n++] = (struct enc_cue){start, end, *sub};
	return ST_OK;
}

static int decode_all(struct enc_caption *c, AVFormatContext *fmt, AVCodecContext *dec)
{
	AVPacket *pkt = av_packet_alloc();
	AVRational tb = fmt->streams[0]->time_base;
	int ret = pkt ? 0 : AVERROR(ENOMEM);

	while (ret >= 0 && (ret = av_read_frame(fmt, pkt)) >= 0) {
		AVSubtitle sub;
		int got = 0;

		ret = avcodec_decode_subtitle2(dec, &sub, &got, pkt);
		if (ret >= 0 && got) {
			double start = pkt->pts * av_q2d(tb);

			if (add_cue(c, &sub, start, start + pkt->duration * av_q2d(tb)) != ST_OK)
				ret = AVERROR(ENOMEM);
		}
		av_packet_unref(pkt);
	}
	av_packet_free(&pkt);
	return ret == AVERROR_EOF ? 0 : ret;
}

static int read_cues(struct enc_caption *c, bool vtt)
{
	AVFormatContext *fmt = NULL;
	AVCodecContext *dec = NULL;
	const AVCodec *codec;
	int ret = avformat_open_input(&fmt, c->path, av_find_input_format(vtt ? "webvtt" : "srt"),
				      NULL);

	if (ret >= 0)
		ret = avformat_find_stream_info(fmt, NULL);
	if (ret >= 0 && fmt->nb_streams < 1)
		ret = AVERROR_INVALIDDATA;
	codec = ret >= 0 ? avcodec_find_decoder(fmt->streams[0]->codecpar->codec_id) : NULL;
	if (ret >= 0 && !(dec = avcodec_alloc_context3(codec)))
		ret = AVERROR(ENOMEM);
	if (ret >= 0)
		ret = avcodec_parameters_to_context(dec, fmt->streams[0]->codecpar);
	if (ret >= 0) {
		dec->pkt_timebase = fmt->streams[0]->time_base;
		ret = avcodec_open2(dec, codec, NULL);
	}
	if (ret >= 0)
		ret = decode_all(c, fmt, dec);
	if (ret >= 0 && dec->subtitle_header) {
		c->header = av_memdup(dec->subtitle_header, dec->subtitle_header_size);
		c->header_size = dec->subtitle_header_size;
	}
	if (ret < 0)
		st_error(_("cannot read the captions %s: %s"), c->path, av_err2str(ret));
	avcodec_free_context(&dec);
	avformat_close_input(&fmt);
	return ret < 0 ? ST_DATAERR : ST_OK;
}

int enc_caption_load(struct enc_caption *c, const char *spec)
{
	const char *eq = strchr(spec, '=');
	bool vtt;
	int ret;

	memset(c, 0, sizeof *c);
	if (!eq || eq == spec || !eq[1]) {
		st_error(_("invalid --captions %s (expected LANG=FILE, such as fr=captions.vtt)"), spec);
		return ST_USAGE;
	}
	c->lang = st_strdup_printf("%.*s", (int)(eq - spec), spec);
	c->path = st_xstrdup(eq + 1);
	c->lang2 = st_lang_iso639_2(c->lang);
	if (!strcmp(c->lang2, "und")) {
		st_error(_("invalid --captions %s: unknown language code %s (use fr, co, en...)"), spec,
			 c->lang);
		return ST_USAGE;
	}
	ret = check_file(c->path, &vtt);
	return ret == ST_OK ? read_cues(c, vtt) : ret;
}

void enc_caption_free(struct enc_caption *c)
{
	for (size_t i = 0; i < c->n; i++)
		avsubtitle_free(&c->cues[i].sub);
	free(c->cues);
	av_free(c->header);
	free(c->lang);
	free(c->path);
	memset(c, 0, sizeof *c);
}

int enc_caption_add_stream(struct enc_mux *m, const struct enc_caption *c,
			   AVCodecContext **enc, int *stream)
{
	const char *name = !strcmp(m->oc->oformat->name, "mp4") ? "mov_text" : "webvtt";
	const AVCodec *codec = avcodec_find_encoder_by_name(name);
	int ret;

	*enc = codec ? avcodec_alloc_context3(codec) : NULL;
	if (!*enc) {
		st_error(_("encoder %s is not available in this FFmpeg build"), name);
		return ST_UNAVAILABLE;
	}
	(*enc)->time_base = (AVRational){1, 1000};
	if (c->header) {
		(*enc)->subtitle_header = av_memdup(c->header, c->header_size);
		(*enc)->subtitle_header_size = c->header_size;
	}
	ret = avcodec_open2(*enc, codec, NULL);
	if (ret < 0) {
		st_error(_("cannot open the %s encoder: %s"), name, av_err2str(ret));
		return ST_SOFTWARE;
	}
	return enc_mux_add_stream(m, *enc, c->lang2, stream);
}

int enc_caption_write(struct enc_mux *m, AVCodecContext *enc, int stream,
		      const struct enc_caption *c, const struct enc_cut *cut)
{
	double from = fmax(cut->start, 0), to = cut->duration > 0 ? from + cut->duration : INFINITY;
	AVPacket *pkt = av_packet_alloc();
	uint8_t buf[65536];
	int ret = pkt ? ST_OK : ST_OSERR;

	for (size_t i = 0; i < c->n && ret == ST_OK; i++) {
		double a = fmax(c->cues[i].start, from), b = fmin(c->cues[i].end, to);
		AVSubtitle sub = c->cues[i].sub;
		int size;

		if (b <= a)
			continue;
		sub.pts = llround((a - from) * AV_TIME_BASE);
		sub.start_display_time = 0;
		sub.end_display_time = (uint32_t)llround((b - a) * 1000);
		size = avcodec_encode_subtitle(enc, buf, sizeof buf, &sub);
		if (size < 0) {
			st_error(_("cannot encode the captions %s: %s"), c->path, av_err2str(size));
			ret = ST_SOFTWARE;
			break;
		}
		if (av_new_packet(pkt, size) < 0) {
			ret = ST_OSERR;
			break;
		}
		memcpy(pkt->data, buf, size);
		pkt->pts = pkt->dts = llround((a - from) * 1000);
		pkt->duration = sub.end_display_time;
		ret = enc_mux_write(m, pkt, enc->time_base, stream);
	}
	if (ret == ST_OSERR)
		st_error(_("out of memory"));
	av_packet_free(&pkt);
	return ret;
}

int enc_caption_write_vtt(const char *path, const struct enc_caption *c,
			  const struct enc_cut *cut)
{
	struct enc_mux m;
	AVCodecContext *enc = NULL;
	struct st_meta none = {0};
	int stream, ret = enc_mux_open(&m, path, "webvtt");

	if (ret == ST_OK)
		ret = enc_caption_add_stream(&m, c, &enc, &stream);
	if (ret == ST_OK)
		ret = enc_mux_start(&m, &none);
	if (ret == ST_OK)
		ret = enc_caption_write(&m, enc, stream, c, cut);
	if (ret == ST_OK)
		ret = enc_mux_finish(&m);
	if (ret == ST_OK)
		ret = enc_mux_commit(&m);
	avcodec_free_context(&enc);
	enc_mux_close(&m);
	return ret;
}
