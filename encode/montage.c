/* montage.c — see montage.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "conf.h"
#include "decode.h"
#include "mix.h"
#include "montage.h"
#include "msg.h"
#include "paths.h"
#include "session.h"
#include "status.h"

/* A session folder (its last capture) or a plain file; a missing one is
 * refused as FILE:LINE: shot.session (or shot.file). */
static int open_source(const struct enc_cutlist *c, const struct enc_shot *s,
		       struct enc_source *src)
{
	struct st_conf_pos pos = {c->path, s->source_line};
	char *manifest = s->session ? st_path_join(s->path, ST_SESSION_FILE) : NULL;
	bool known = !manifest || st_is_file(manifest);
	struct stat sb;
	int err = 0;

	free(manifest);
	if (!s->session)
		err = stat(s->path, &sb) < 0 ? errno : S_ISDIR(sb.st_mode) ? EISDIR : 0;
	if (!known) {
		st_conf_error(&pos, "shot.session", _("unknown session %s: no session.json in it"),
			      s->path);
		return ST_DATAERR;
	}
	if (err) {
		st_conf_error(&pos, "shot.file", _("cannot open %s: %s"), s->path, strerror(err));
		return ST_DATAERR;
	}
	/* A plain file's renditions go nowhere: the montage writes its own. */
	return enc_source_open(src, s->path, s->session ? NULL : ".");
}

/* The source's duration, picture and sound. */
static int probe(const char *master, double *duration, struct enc_probe *p)
{
	struct enc_decoder_opts o = {.need_video = true};
	struct enc_decoder d;
	int ret = enc_decoder_open(&d, master, &o);

	*duration = d.duration;
	if (ret == ST_OK) {
		p->width = d.dec[ENC_VIDEO]->width;
		p->height = d.dec[ENC_VIDEO]->height;
		p->fps = d.frame_rate;
		p->audio = d.dec[ENC_AUDIO] != NULL;
		p->track = enc_mix_default_track(d.fmt) == ENC_TRACK_MIX ? ENC_TRACK_MIX : 0;
	}
	enc_decoder_close(&d);
	return ret;
}

/* Shots of one file share an id: the index of its first shot. */
static size_t source_id(const struct enc_montage *m, size_t i)
{
	struct stat a, b;

	if (stat(m->sources[i].master, &a) < 0)
		return i;
	for (size_t j = 0; j < i; j++)
		if (stat(m->sources[j].master, &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			return j;
	return i;
}

static int resolve(struct enc_montage *m)
{
	struct enc_cutlist *c = &m->list;
	int ret = ST_OK;

	m->sources = st_xcalloc(c->n, sizeof *m->sources);
	m->probes = st_xcalloc(c->n, sizeof *m->probes);
	for (size_t i = 0; i < c->n && ret == ST_OK; i++) {
		ret = open_source(c, &c->shots[i], &m->sources[i]);
		if (ret == ST_OK)
			ret = probe(m->sources[i].master, &c->shots[i].source_duration,
				    &m->probes[i]);
		if (ret == ST_OK)
			c->shots[i].source_id = source_id(m, i);
	}
	return ret;
}

/* Every preset with a maximum duration takes the whole assembly, or --trim
 * cuts it there. */
static int limit(const struct enc_montage *m, const struct enc_preset *presets, size_t n,
		 bool trim)
{
	const struct enc_cutlist *c = &m->list;

	for (size_t i = 0; i < n; i++) {
		const struct enc_preset *p = &presets[i];

		if (!p->max_duration || m->total <= p->max_duration || trim)
			continue;
		st_error(_("%s: the assembly lasts %.1f s (cards %.1f s + shots %.1f s - transitions "
			   "%.1f s) but preset %s allows %.0f s at most: cut %.1f s from the shots, "
			   "or cut it at %.0f s with --trim"),
			 c->path, m->total, enc_cutlist_cards_seconds(c), enc_cutlist_shots_seconds(c),
			 enc_cutlist_cards_seconds(c) + enc_cutlist_shots_seconds(c) - m->total,
			 p->name, p->max_duration, m->total - p->max_duration, p->max_duration);
		return ST_DATAERR;
	}
	return ST_OK;
}

/* The output session is none of the sources' sessions, whose records it
 * would overwrite. */
static int check_output(const struct enc_cutlist *c)
{
	struct stat out, in;

	if (stat(c->output, &out) < 0)
		return ST_OK;
	for (size_t i = 0; i < c->n; i++)
		if (c->shots[i].session && stat(c->shots[i].path, &in) == 0 &&
		    in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
			struct st_conf_pos pos = {c->path, c->output_line};

			st_conf_error(&pos, "montage.output",
				      _("%s is the session of the shot at line %d: the montage needs a session of its own"),
				      c->output, c->shots[i].line);
			return ST_DATAERR;
		}
	return ST_OK;
}

int enc_montage_plan(struct enc_montage *m, const char *path, const struct enc_preset *presets,
		     size_t n, bool trim)
{
	int ret;

	memset(m, 0, sizeof *m);
	ret = enc_cutlist_load(&m->list, path);
	if (ret == ST_OK)
		ret = resolve(m);
	if (ret == ST_OK)
		ret = check_output(&m->list);
	if (ret == ST_OK)
		ret = enc_cutlist_check_spans(&m->list);
	m->total = enc_cutlist_total(&m->list);
	return ret == ST_OK ? limit(m, presets, n, trim) : ret;
}

void enc_montage_free(struct enc_montage *m)
{
	for (size_t i = 0; m->sources && i < m->list.n; i++)
		enc_source_free(&m->sources[i]);
	free(m->sources);
	free(m->probes);
	enc_cutlist_free(&m->list);
	memset(m, 0, sizeof *m);
}

void enc_montage_print(const struct enc_montage *m)
{
	const struct enc_cutlist *c = &m->list;
	double at = 0, step = c->transition;

	if (c->card_seconds > 0) {
		printf(_("%9.3f s  opening card (%.3f s)\n"), at, c->card_seconds);
		at += c->card_seconds - step;
	}
	for (size_t i = 0; i < c->n; i++) {
		const struct enc_shot *s = &c->shots[i];

		printf(_("%9.3f s  %s from %.3f s to %.3f s\n"), at, s->path, s->start, s->end);
		at += s->end - s->start - step;
	}
	if (c->card_seconds > 0)
		printf(_("%9.3f s  closing card (%.3f s)\n"), at, c->card_seconds);
	printf(_("%9.3f s  in all\n"), m->total);
}
