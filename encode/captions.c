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

#define MAX_CUE_TIME (100 * 3600.0)

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
	/* libavformat keeps a cue's duration in milliseconds in an int:
	 * past about 596 hours it wraps around to a negative end. */
	if (b >= MAX_CUE_TIME)
		return syntax_error(k, _("cue times end at 99:59:59.999"));
	k->state = 1;
	return ST_OK;
}

/* S is UTF-8 as libavcodec requires of subtitle text: no overlong form,
 * no surrogate, nothing above U+10FFFF, no U+FFFE. */
static bool valid_utf8(const unsigned char *s)
{
	while (*s) {
		int n = *s < 0x80 ? 0 : *s >= 0xc2 && *s < 0xe0 ? 1 : (*s & 0xf0) == 0xe0 ? 2
			: *s >= 0xf0 && *s < 0xf5 ? 3 : -1;
		unsigned long cp;

		if (n < 0)
			return false;
		cp = n == 0 ? *s : *s & (0x3fu >> n);
		for (int i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe)
			return false;
		s += n + 1;
	}
	return true;
}

/* S is WORD alone, maybe followed by blanks. */
static bool keyword(const char *s, const char *word)
{
	size_t n = strlen(word);

	return !strncmp(s, word, n) && s[n + strspn(s + n, " \t")] == '\0';
}

/* One line (without its end of line) of the file. */
static int check_line(struct checker *k, const char *s)
{
	/* libavformat's WebVTT reader ends a block only at an empty line. */
	bool blank = k->vtt ? *s == '\0' : s[strspn(s, " \t")] == '\0';

	if (!valid_utf8((const unsigned char *)s))
		return syntax_error(k, _("not UTF-8 text (save the file as UTF-8)"));
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
	if (k->header && strstr(s, "-->"))
		return syntax_error(k, _("a cue in the WebVTT header (an empty line must end the header)"));
	if (k->header)
		return ST_OK;
	/* WebVTT forbids it; libavformat's SubRip reader would start a cue
	 * there, taking a number just before for that cue's. */
	if ((k->state == 1 || k->state == 2) && strstr(s, "-->"))
		return syntax_error(k, _("\"-->\" inside a cue's text or a note (is a blank line missing?)"));
	if (k->state == 1 || k->state == 2)
		return ST_OK;
	/* A line that looks like a timing is one, even if mistyped. */
	if (k->state == 3 || strstr(s, "-->") || (isdigit((unsigned char)s[0]) && strchr(s, ':')))
		return check_timing(k, s);
	/* libavformat stops at the first block that is not a cue, dropping
	 * every cue after it, but for NOTE and WEBVTT blocks which it skips. */
	if (k->vtt && (keyword(s, "STYLE") || keyword(s, "REGION")))
		return syntax_error(k, _("STYLE and REGION blocks are not supported"));
	if (k->vtt && (!strncmp(s, "NOTE", 4) || !strncmp(s, "WEBVTT", 6))) {
		k->state = 2;
		return ST_OK;
	}
	if (!k->vtt && s[strspn(s, "0123456789")] != '\0')
		return syntax_error(k, _("expected a cue number"));
	k->state = 3;
	return ST_OK;
}

/* One line of the file, LEN bytes at S (NUL-terminated), without its end
 * of line. */
static int check_one(struct checker *k, char *s, size_t len, const char *ext)
{
	k->line++;
	/* libavformat's text reader takes a NUL for the end of the file. */
	if (memchr(s, '\0', len))
		return syntax_error(k, _("a NUL byte in a text file"));
	if (k->line == 1 && !strncmp(s, "\xef\xbb\xbf", 3))
		s += 3;
	if (k->line == 1)
		k->vtt = k->header = !strncmp(s, "WEBVTT", 6) || (ext && !strcmp(ext, ".vtt"));
	return check_line(k, s);
}

/* Checks the caption file PATH open as F, UTF-8 like libavcodec wants;
 * sets *VTT from its first line (or PATH's extension).  Lines end with LF,
 * CRLF or a lone CR, as libavformat's readers see them, and are read
 * whole, whatever their length, so that the line an error names is the
 * file's own. */
static int check_stream(FILE *f, const char *path, bool *vtt)
{
	struct checker k = {.path = path};
	const char *ext = strrchr(path, '.');
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	int ret = ST_OK;

	while (ret == ST_OK && (len = getline(&buf, &cap, f)) >= 0) {
		char *s = buf, *end = buf + len;

		while (ret == ST_OK && s < end) {
			char *e = memchr(s, '\r', (size_t)(end - s));
			bool crlf = e && e + 1 < end && e[1] == '\n', lone_cr = e && !crlf;

			if (!e)
				e = end[-1] == '\n' ? end - 1 : end;
			*e = '\0';
			ret = check_one(&k, s, (size_t)(e - s), ext);
			/* libavformat's WebVTT reader does not end a block at a
			 * blank line made of lone CRs: cues would merge or vanish. */
			if (ret == ST_OK && lone_cr && k.vtt)
				ret = syntax_error(&k, _("a line ending with a lone CR in a WebVTT file "
							 "(use LF or CRLF line ends)"));
			s = e + (crlf ? 2 : 1);
		}
	}
	free(buf);
	if (ret == ST_OK && ferror(f)) {
		st_error(_("cannot read %s: %s"), path, strerror(errno));
		ret = ST_IOERR;
	}
	/* Named at the cue number or identifier left without its timing. */
	if (ret == ST_OK && k.state == 3)
		ret = syntax_error(&k, _("the file ends before the cue's timing"));
	*vtt = k.vtt;
	return ret;
}

static int check_file(const char *path, bool *vtt)
{
	FILE *f = fopen(path, "r");
	int ret;

	if (!f) {
		st_error(_("cannot open %s: %s"), path, strerror(errno));
		return ST_NOINPUT;
	}
	ret = check_stream(f, path, vtt);
	fclose(f);
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

/* Caption bytes in memory, read by libavformat through an AVIOContext. */
struct membuf {
	const uint8_t *data;
	size_t size, pos;
};

static int mem_read(void *opaque, uint8_t *buf, int n)
{
	struct membuf *m = opaque;
	size_t left = m->size - m->pos;

	if (left == 0)
		return AVERROR_EOF;
	if ((size_t)n > left)
		n = (int)left;
	memcpy(buf, m->data + m->pos, (size_t)n);
	m->pos += (size_t)n;
	return n;
}

static int64_t mem_seek(void *opaque, int64_t offset, int whence)
{
	struct membuf *m = opaque;
	int64_t base = (whence & ~AVSEEK_FORCE) == SEEK_CUR ? (int64_t)m->pos
		     : (whence & ~AVSEEK_FORCE) == SEEK_END ? (int64_t)m->size : 0;

	if (whence == AVSEEK_SIZE)
		return (int64_t)m->size;
	if ((whence & ~AVSEEK_FORCE) > SEEK_END || offset > (int64_t)m->size - base ||
	    offset < -base)
		return AVERROR(EINVAL);
	m->pos = (size_t)(base + offset);
	return (int64_t)m->pos;
}

/* Opens *FMT on c->path, or on MEM when it is not NULL: then *PB is the
 * reader made for it, which close_input() frees. */
static int open_input(AVFormatContext **fmt, AVIOContext **pb, const struct enc_caption *c,
		      bool vtt, struct membuf *mem)
{
	const AVInputFormat *format = av_find_input_format(vtt ? "webvtt" : "srt");
	unsigned char *buf = NULL;

	if (!mem)
		return avformat_open_input(fmt, c->path, format, NULL);
	if (!(*fmt = avformat_alloc_context()) || !(buf = av_malloc(4096)) ||
	    !(*pb = avio_alloc_context(buf, 4096, 0, mem, mem_read, NULL, mem_seek))) {
		av_free(buf);
		avformat_free_context(*fmt);
		*fmt = NULL;
		return AVERROR(ENOMEM);
	}
	(*fmt)->pb = *pb;
	(*fmt)->flags |= AVFMT_FLAG_CUSTOM_IO;
	return avformat_open_input(fmt, c->path, format, NULL);
}

static void close_input(AVFormatContext **fmt, AVIOContext **pb)
{
	avformat_close_input(fmt);
	if (*pb)
		av_freep(&(*pb)->buffer);
	avio_context_free(pb);
}

static int read_cues(struct enc_caption *c, bool vtt, struct membuf *mem)
{
	AVFormatContext *fmt = NULL;
	AVIOContext *pb = NULL;
	AVCodecContext *dec = NULL;
	const AVCodec *codec;
	int ret = open_input(&fmt, &pb, c, vtt, mem);

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
	close_input(&fmt, &pb);
	return ret < 0 ? ST_DATAERR : ST_OK;
}

/* The "LANG=FILE" of --captions into c->lang, c->lang2 and c->path. */
static int parse_spec(struct enc_caption *c, const char *spec)
{
	const char *eq = strchr(spec, '=');

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
	return ST_OK;
}

int enc_caption_load(struct enc_caption *c, const char *spec)
{
	bool vtt;
	int ret = parse_spec(c, spec);

	if (ret == ST_OK)
		ret = check_file(c->path, &vtt);
	return ret == ST_OK ? read_cues(c, vtt, NULL) : ret;
}

int enc_caption_load_buffer(struct enc_caption *c, const char *spec, const uint8_t *data,
			    size_t size)
{
	struct membuf mem = {data, size, 0};
	FILE *f;
	bool vtt;
	int ret = parse_spec(c, spec);

	if (ret != ST_OK)
		return ret;
	f = fmemopen((void *)data, size, "r");
	if (!f) {
		st_error(_("cannot read %s: %s"), c->path, strerror(errno));
		return ST_OSERR;
	}
	ret = check_stream(f, c->path, &vtt);
	fclose(f);
	return ret == ST_OK ? read_cues(c, vtt, &mem) : ret;
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
	/* The encoders parse the ASS header as a C string: its size does not
	 * count the terminating NUL, which the copy must keep. */
	if (c->header && ((*enc)->subtitle_header = av_mallocz(c->header_size + 1))) {
		memcpy((*enc)->subtitle_header, c->header, c->header_size);
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
			  const struct enc_cut *cut, const struct st_meta *meta)
{
	struct enc_mux m;
	AVCodecContext *enc = NULL;
	int stream, ret = enc_mux_open(&m, path, "webvtt");

	if (ret == ST_OK)
		ret = enc_caption_add_stream(&m, c, &enc, &stream);
	if (ret == ST_OK)
		ret = enc_mux_start(&m, meta);
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
