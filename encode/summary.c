/* summary.c — see summary.h. */
#include <stdio.h>

#include "human.h"
#include "mix.h"
#include "msg.h"
#include "summary.h"

#define MIB 1048576.0

/* "mix of 2 tracks", "track 2", or "" for the only track there is. */
static void audio_name(char *buf, size_t len, const struct enc_audio_used *a)
{
	if (a->track == ENC_TRACK_MIX)
		snprintf(buf, len, _(", mix of %d tracks"), a->ntracks);
	else if (a->ntracks > 1)
		snprintf(buf, len, _(", track %d"), a->track > 0 ? a->track : 1);
	else
		buf[0] = '\0';
}

/* "jury: 180.0 s ≤ 180 s, 187.3 MB < 200 MB (209,715,200 bytes)": the
 * size limit in MiB as the preset gives it in bytes. */
static void print_limits(const struct enc_preset *p, const struct enc_measure *m)
{
	/* max_bytes is the largest size allowed: the line names the first
	 * size refused, as the platform states its limit. */
	double refused = (double)p->max_bytes + 1;
	char d[ST_HUMAN_LEN], dmax[ST_HUMAN_LEN], mb[ST_HUMAN_LEN], mbmax[ST_HUMAN_LEN],
		bytes[ST_HUMAN_LEN];

	st_hnum(d, sizeof d, m->duration, 1);
	st_hnum(dmax, sizeof dmax, p->max_duration, 0);
	st_hnum(mb, sizeof mb, (double)m->bytes / MIB, 1);
	st_hnum(mbmax, sizeof mbmax, refused / MIB, 0);
	st_hnum(bytes, sizeof bytes, refused, 0);
	if (p->max_duration > 0 && p->max_bytes > 0)
		st_info(_("%s: %s s ≤ %s s, %s MB < %s MB (%s bytes)"), p->name, d, dmax, mb,
			mbmax, bytes);
	else if (p->max_duration > 0)
		st_info(_("%s: %s s ≤ %s s"), p->name, d, dmax);
	else if (p->max_bytes > 0)
		st_info(_("%s: %s MB < %s MB (%s bytes)"), p->name, mb, mbmax, bytes);
}

void enc_summary_print(const char *path, const struct enc_preset *p,
		       const struct enc_measure *m, bool replaced,
		       const struct enc_audio_used *audio)
{
	const char *verb = replaced ? _("replaced") : _("written");
	char a[64], d[ST_HUMAN_LEN], rate[ST_HUMAN_LEN], lufs[ST_HUMAN_LEN], size[ST_HUMAN_LEN];

	audio_name(a, sizeof a, audio);
	st_hnum(d, sizeof d, m->duration, 2);
	st_hnum(rate, sizeof rate, m->bitrate / 1e3, 0);
	st_hnum(lufs, sizeof lufs, m->loudness.integrated, 1);
	st_hsize(size, sizeof size, (double)m->bytes);
	if (m->video_codec && m->loudness.valid)
		st_info(_("%s %s: %dx%d %s/%s, %s s, %s kbit/s, %s LUFS, %s%s"), verb, path,
			m->width, m->height, m->video_codec, m->audio_codec, d, rate, lufs, size, a);
	else if (m->video_codec)
		st_info(_("%s %s: %dx%d %s, %s"), verb, path, m->width, m->height,
			m->video_codec, size);
	else
		st_info(_("%s %s: %s, %s s, %s kbit/s, %s LUFS, %s%s"), verb, path, m->audio_codec,
			d, rate, lufs, size, a);
	print_limits(p, m);
}
