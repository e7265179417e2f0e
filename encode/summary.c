/* summary.c — see summary.h. */
#include <locale.h>
#include <stdio.h>

#include "mix.h"
#include "msg.h"
#include "summary.h"

#define MIB 1048576.0

void enc_summary_number(char *buf, size_t len, double v, int decimals)
{
	locale_t user = newlocale(LC_NUMERIC_MASK, "", (locale_t)0);
	locale_t old = user ? uselocale(user) : (locale_t)0;

	snprintf(buf, len, "%'.*f", decimals, v);
	if (user) {
		uselocale(old);
		freelocale(user);
	}
}

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
	char d[32], dmax[32], mb[32], mbmax[32], bytes[32];

	enc_summary_number(d, sizeof d, m->duration, 1);
	enc_summary_number(dmax, sizeof dmax, p->max_duration, 0);
	enc_summary_number(mb, sizeof mb, (double)m->bytes / MIB, 1);
	enc_summary_number(mbmax, sizeof mbmax, refused / MIB, 0);
	enc_summary_number(bytes, sizeof bytes, refused, 0);
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
	char a[64];

	audio_name(a, sizeof a, audio);
	if (m->video_codec && m->loudness.valid)
		st_info(_("%s %s: %dx%d %s/%s, %.2f s, %.0f kbit/s, %.1f LUFS, %.1f MB%s"), verb,
			path, m->width, m->height, m->video_codec, m->audio_codec, m->duration,
			m->bitrate / 1e3, m->loudness.integrated, m->bytes / 1e6, a);
	else if (m->video_codec)
		st_info(_("%s %s: %dx%d %s, %.1f MB"), verb, path, m->width, m->height,
			m->video_codec, m->bytes / 1e6);
	else
		st_info(_("%s %s: %s, %.2f s, %.0f kbit/s, %.1f LUFS, %.1f MB%s"), verb, path,
			m->audio_codec, m->duration, m->bitrate / 1e3, m->loudness.integrated,
			m->bytes / 1e6, a);
	print_limits(p, m);
}
