/* twopass.c — see twopass.h. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libavformat/avformat.h>

#include "msg.h"
#include "paths.h"
#include "status.h"
#include "twopass.h"

/* What a pass's file is made of, read back from it. */
struct usage {
	int64_t file;       /* bytes on disk */
	int64_t video;      /* video packet bytes */
	int64_t largest;    /* the largest video packet (a keyframe) */
	int64_t others;     /* every other packet: audio, captions */
	double seconds;     /* of video */
};

bool enc_twopass_wanted(const struct enc_setup *s)
{
	return s->preset->max_bytes > 0 && s->preset->kind == ENC_KIND_AV &&
	       !strcmp(s->preset->video.codec, "libx264");
}

/* "<dir>/.<name>.<pid>.x264" next to PATH: x264 also writes ".temp" and
 * ".mbtree" files beside it. */
static char *stats_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	int dir = slash ? (int)(slash - path + 1) : 0;

	return st_strdup_printf("%.*s.%s.%ld.x264", dir, path, path + dir, (long)getpid());
}

void enc_twopass_begin(struct enc_setup *setups, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (enc_twopass_wanted(&setups[i]))
			setups[i].pass = (struct enc_pass){.number = 1,
							   .stats = stats_path(setups[i].path)};
}

static void add_packet(struct usage *u, const AVFormatContext *fmt, const AVPacket *pkt)
{
	const AVStream *st = fmt->streams[pkt->stream_index];

	if (st->codecpar->codec_type != AVMEDIA_TYPE_VIDEO) {
		u->others += pkt->size;
		return;
	}
	u->video += pkt->size;
	u->largest = pkt->size > u->largest ? pkt->size : u->largest;
	if (pkt->pts != AV_NOPTS_VALUE)
		u->seconds = fmax(u->seconds, (pkt->pts + pkt->duration) * av_q2d(st->time_base));
}

/* Sums the packets of PATH by kind. */
static int measure(const char *path, const char *final, struct usage *u)
{
	AVFormatContext *fmt = NULL;
	AVPacket *pkt = av_packet_alloc();
	struct stat sb;
	int ret = pkt ? avformat_open_input(&fmt, path, NULL, NULL) : AVERROR(ENOMEM);

	memset(u, 0, sizeof *u);
	while (ret >= 0 && (ret = av_read_frame(fmt, pkt)) >= 0) {
		add_packet(u, fmt, pkt);
		av_packet_unref(pkt);
	}
	if (ret == AVERROR_EOF)
		ret = stat(path, &sb) ? AVERROR(errno) : 0;
	u->file = ret ? 0 : (int64_t)sb.st_size;
	avformat_close_input(&fmt);
	av_packet_free(&pkt);
	if (ret < 0 || u->video <= 0 || u->seconds <= 0) {
		st_error(_("cannot read back %s: %s"), final,
			 ret < 0 ? av_err2str(ret) : _("no video"));
		return ST_SOFTWARE;
	}
	return ST_OK;
}

/* The next pass's mean rate.  The video may take the budget less what is
 * not video (the other packets and the container, which stay the same: the
 * same frames and sound are muxed again) and less one keyframe at the new
 * rate, x264's error at the end of a pass.  From pass 1 the rate is the
 * one that gave U's video; from pass 2 the rate asked, so that x264's own
 * overshoot is corrected too. */
static int64_t next_rate(const struct enc_setup *s, const struct usage *u)
{
	double avail = (double)(s->preset->max_bytes - u->others - (u->file - u->video - u->others));
	double share = (avail - u->largest * avail / u->video) / u->video;
	double rate = s->pass.number == 1 ? u->video * 8.0 / u->seconds : (double)s->pass.bitrate;

	return avail > 0 && share > 0 ? (int64_t)(rate * share) : 0;
}

static int over_budget(const struct enc_setup *s, const struct usage *u)
{
	st_error(_("cannot fit %s under the %lld bytes of preset %s: it takes %lld bytes for "
		   "%.1f s of video; choose a shorter part with --start/--end"),
		 s->path, (long long)s->preset->max_bytes, s->preset->name, (long long)u->file,
		 u->seconds);
	return ST_DATAERR;
}

int enc_twopass_judge(struct enc_setup *s, const char *tmp_path, bool *again)
{
	struct usage u;
	int64_t rate;
	int ret;

	*again = false;
	if (!s->pass.number)
		return ST_OK;
	ret = measure(tmp_path, s->path, &u);
	if (ret != ST_OK || u.file <= s->preset->max_bytes)
		return ret;
	rate = next_rate(s, &u);
	if (s->pass.retried || rate <= 0)
		return over_budget(s, &u);
	if (s->pass.number == 1)
		st_info(_("%s: %lld bytes at constant quality, over the %lld of preset %s: "
			  "second pass at %lld kbit/s"),
			s->path, (long long)u.file, (long long)s->preset->max_bytes, s->preset->name,
			(long long)(rate / 1000));
	else
		st_info(_("%s: %lld bytes after the second pass, over the %lld of preset %s: "
			  "once more at %lld kbit/s"),
			s->path, (long long)u.file, (long long)s->preset->max_bytes, s->preset->name,
			(long long)(rate / 1000));
	s->pass.retried = s->pass.number == 2;
	s->pass.number = 2;
	s->pass.bitrate = rate;
	*again = true;
	return ST_OK;
}

void enc_twopass_end(struct enc_setup *setups, size_t n)
{
	static const char *const suffixes[] = {"", ".temp", ".mbtree", ".mbtree.temp"};

	for (size_t i = 0; i < n; i++) {
		char *stats = setups[i].pass.stats;

		for (size_t k = 0; stats && k < sizeof suffixes / sizeof *suffixes; k++) {
			char *f = st_strdup_printf("%s%s", stats, suffixes[k]);

			unlink(f);
			free(f);
		}
		free(stats);
		setups[i].pass.stats = NULL;
	}
}
