/* chapters.c — see chapters.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chapters.h"
#include "msg.h"
#include "paths.h"
#include "status.h"
#include "vtt_note.h"

void enc_chapters_for_cut(const struct enc_marker *m, size_t n, const struct enc_cut *cut,
			  double master_duration, const char *intro, struct enc_chapters *out)
{
	double start = fmax(cut->start, 0);
	double end = cut->duration > 0 ? start + cut->duration : master_duration;
	size_t first = 0;

	out->list = n ? st_xcalloc(n + 1, sizeof *out->list) : NULL;
	out->n = 0;
	/* The chapter under way where the cut starts opens it. */
	while (first + 1 < n && m[first + 1].t <= start)
		first++;
	for (size_t i = first; i < n; i++) {
		double t = fmax(m[i].t - start, 0);

		if (end > 0 && m[i].t >= end)
			break;
		if (!out->n && t > 0)   /* before the first marker */
			out->list[out->n++] = (struct enc_chapter){0, t, intro};
		if (out->n)
			out->list[out->n - 1].end = t;
		out->list[out->n++] = (struct enc_chapter){t, end - start, m[i].label};
	}
}

void enc_chapters_free(struct enc_chapters *c)
{
	free(c->list);
	c->list = NULL;
	c->n = 0;
}

/* libavformat has no public constructor for chapters: like ffmpeg's own
 * tool, each is allocated here and handed over to the context, which frees
 * them with itself. */
int enc_chapters_add(AVFormatContext *oc, const struct enc_chapters *c)
{
	for (size_t i = 0; i < c->n; i++) {
		AVChapter *ch = av_mallocz(sizeof *ch);

		if (!ch || av_dynarray_add_nofree(&oc->chapters, (int *)&oc->nb_chapters, ch) < 0) {
			av_free(ch);
			st_error(_("out of memory"));
			return ST_OSERR;
		}
		ch->id = (int64_t)i + 1;
		ch->time_base = (AVRational){1, 1000};
		ch->start = llround(c->list[i].start * 1000);
		ch->end = llround(c->list[i].end * 1000);
		if (av_dict_set(&ch->metadata, "title", c->list[i].title, 0) < 0) {
			st_error(_("out of memory"));
			return ST_OSERR;
		}
	}
	return ST_OK;
}

void enc_vtt_time(char buf[32], double seconds)
{
	long long ms = llround(fmax(seconds, 0) * 1000);

	snprintf(buf, 32, "%02lld:%02lld:%02lld.%03lld", ms / 3600000, ms / 60000 % 60,
		 ms / 1000 % 60, ms % 1000);
}

int enc_chapters_write_vtt(const char *path, const struct enc_chapters *c,
			   const struct st_meta *meta)
{
	char *text = st_xstrdup("WEBVTT\n"), *attribution, *stamped, a[32], b[32];
	size_t n;
	int ret;

	for (size_t i = 0; i < c->n; i++) {
		char *title = enc_vtt_line(c->list[i].title), *next;

		enc_vtt_time(a, c->list[i].start);
		enc_vtt_time(b, c->list[i].end);
		next = st_strdup_printf("%s\n%zu\n%s --> %s\n%s\n", text, i + 1, a, b, title);
		free(title);
		free(text);
		text = next;
	}
	attribution = st_meta_attribution(meta);
	stamped = enc_vtt_add_note(text, strlen(text), meta->title, attribution, &n);
	ret = st_write_file_atomic(path, stamped, n);
	free(stamped);
	free(attribution);
	free(text);
	return ret;
}
