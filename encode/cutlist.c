/* cutlist.c — see cutlist.h. */
#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "cutlist.h"
#include "msg.h"
#include "opts.h"
#include "paths.h"
#include "status.h"

#define CARD_MAX 30.0
#define TRANSITION_MAX 10.0
/* A span may end this much past its source's announced end (rounding of
 * the container's duration). */
#define END_SLACK 0.001

struct parse_state {
	struct enc_cutlist *c;
	int *shot_lines;        /* line of each [shot] header, in order */
};

/* "FILE:LINE: KEY: MESSAGE" as every refusal of the cut list. */
static int refuse(const struct enc_cutlist *c, int line, const char *key, const char *fmt, ...)
	ST_PRINTF(4, 5);

static int refuse(const struct enc_cutlist *c, int line, const char *key, const char *fmt, ...)
{
	struct st_conf_pos pos = {c->path, line};
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	st_conf_error(&pos, key, "%s", msg);
	return ST_DATAERR;
}

/* The section a header line opens ("[shot] ; comment" → "shot"), or NULL
 * for any other line.  Writes into BUF. */
static const char *header_name(const char *line, char *buf, size_t len)
{
	const char *end;

	line += strspn(line, " \t");
	if (*line != '[' || !(end = strchr(line, ']')) || (size_t)(end - line) > len)
		return NULL;
	snprintf(buf, len, "%.*s", (int)(end - line - 1), line + 1);
	return buf;
}

/* First pass: the lines of the [montage] and [shot] headers, which inih
 * does not report (a [shot] without keys still counts as a shot).  F is
 * rewound for the parse. */
static int scan_headers(struct parse_state *s, FILE *f)
{
	char *line = NULL, name[64];
	size_t cap = 0;
	int n = 0;

	while (getline(&line, &cap, f) >= 0) {
		const char *h = header_name(line, name, sizeof name);

		n++;
		if (h && !strcmp(h, "montage") && !s->c->montage_line)
			s->c->montage_line = n;
		if (!h || strcmp(h, "shot"))
			continue;
		s->c->shots = realloc(s->c->shots, (s->c->n + 1) * sizeof *s->c->shots);
		s->shot_lines = realloc(s->shot_lines, (s->c->n + 1) * sizeof *s->shot_lines);
		if (!s->c->shots || !s->shot_lines)
			abort();
		memset(&s->c->shots[s->c->n], 0, sizeof *s->c->shots);
		s->c->shots[s->c->n++].line = n;
	}
	free(line);
	if (ferror(f)) {
		st_error(_("cannot read %s: %s"), s->c->path, strerror(errno));
		return ST_IOERR;
	}
	rewind(f);
	return ST_OK;
}

/* The shot whose section holds line LINE. */
static struct enc_shot *shot_at(const struct parse_state *s, int line)
{
	struct enc_shot *shot = NULL;

	for (size_t i = 0; i < s->c->n; i++)
		if (s->c->shots[i].line < line)
			shot = &s->c->shots[i];
	return shot;
}

static int set_string(const struct st_conf_pos *pos, const char *qname, char **field,
		      int *line, const char *value)
{
	if (*line)
		return st_conf_error(pos, qname, _("given twice (first at line %d)"), *line);
	*line = pos->line;
	*field = st_xstrdup(value);
	return ST_OK;
}

static int set_seconds(const struct st_conf_pos *pos, const char *qname, double *field,
		       int *line, const char *value, double max)
{
	if (*line)
		return st_conf_error(pos, qname, _("given twice (first at line %d)"), *line);
	*line = pos->line;
	if (!st_parse_double(value, 0, max, field))
		return st_conf_error(pos, qname, _("expected a number of seconds from 0 to %g, got \"%s\""),
				     max, value);
	return ST_OK;
}

static int set_time(const struct st_conf_pos *pos, const char *qname, double *field,
		    int *line, const char *value)
{
	if (*line)
		return st_conf_error(pos, qname, _("given twice (first at line %d)"), *line);
	*line = pos->line;
	if (!st_parse_time(value, field) || *field < 0)
		return st_conf_error(pos, qname,
				     _("expected a time such as 80, 1:20 or 0:01:20.5, got \"%s\""),
				     value);
	return ST_OK;
}

static int montage_key(struct enc_cutlist *c, const struct st_conf_pos *pos, const char *qname,
		       const char *name, const char *value)
{
	if (!strcmp(name, "output"))
		return set_string(pos, qname, &c->output, &c->output_line, value);
	if (!strcmp(name, "title"))
		return set_string(pos, qname, &c->title, &c->title_line, value);
	if (!strcmp(name, "subtitle"))
		return set_string(pos, qname, &c->subtitle, &c->subtitle_line, value);
	if (!strcmp(name, "card_seconds"))
		return set_seconds(pos, qname, &c->card_seconds, &c->card_line, value, CARD_MAX);
	if (!strcmp(name, "transition"))
		return set_seconds(pos, qname, &c->transition, &c->transition_line, value,
				   TRANSITION_MAX);
	return st_conf_error(pos, qname, _("unknown key"));
}

static int shot_key(struct enc_shot *s, const struct st_conf_pos *pos, const char *qname,
		    const char *name, const char *value)
{
	if (!strcmp(name, "session") || !strcmp(name, "file")) {
		if (s->source_line)
			return st_conf_error(pos, qname,
					     _("a shot takes one session or one file (line %d gives one)"),
					     s->source_line);
		return set_string(pos, qname, name[0] == 's' ? &s->session : &s->file,
				  &s->source_line, value);
	}
	if (!strcmp(name, "start"))
		return set_time(pos, qname, &s->start, &s->start_line, value);
	if (!strcmp(name, "end"))
		return set_time(pos, qname, &s->end, &s->end_line, value);
	return st_conf_error(pos, qname, _("unknown key"));
}

static int on_key(void *ctx, const struct st_conf_pos *pos, const char *section,
		  const char *name, const char *value)
{
	struct parse_state *s = ctx;
	char qname[128];

	snprintf(qname, sizeof qname, "%s.%s", section, name);
	if (!strcmp(section, "montage"))
		return montage_key(s->c, pos, qname, name, value);
	if (!strcmp(section, "shot") && shot_at(s, pos->line))
		return shot_key(shot_at(s, pos->line), pos, qname, name, value);
	return st_conf_error(pos, qname, _("unknown section [%s]"), section);
}

/* PATH as written in the cut list: absolute, or relative to its folder. */
static char *beside(const struct enc_cutlist *c, const char *path)
{
	return path[0] == '/' || !strcmp(c->dir, ".") ? st_xstrdup(path) : st_path_join(c->dir, path);
}

/* A shot complete and its span not empty. */
static int check_shot(const struct enc_cutlist *c, struct enc_shot *s)
{
	if (!s->source_line)
		return refuse(c, s->line, "shot", _("missing key session or file"));
	if (!s->start_line || !s->end_line)
		return refuse(c, s->line, "shot", _("missing key %s"), s->start_line ? "end" : "start");
	if (s->end == s->start)
		return refuse(c, s->end_line, "shot.end", _("empty span: it ends where it starts (%.3f s)"),
			      s->start);
	if (s->end < s->start)
		return refuse(c, s->end_line, "shot.end",
			      _("reversed span: it ends at %.3f s, before its start at %.3f s"),
			      s->end, s->start);
	s->path = beside(c, s->session ? s->session : s->file);
	return ST_OK;
}

/* A crossfade takes TRANSITION from each neighbour of a part: each part
 * lasts more than twice as long. */
static int check_transition(const struct enc_cutlist *c)
{
	for (size_t i = 0; c->transition > 0 && i < c->n; i++)
		if (c->shots[i].end - c->shots[i].start <= 2 * c->transition)
			return refuse(c, c->transition_line, "montage.transition",
				      _("%.3f s is too long for the shot at line %d (%.3f s): "
					"each part must last more than twice the transition"),
				      c->transition, c->shots[i].line,
				      c->shots[i].end - c->shots[i].start);
	if (c->card_seconds > 0 && c->card_seconds <= 2 * c->transition)
		return refuse(c, c->transition_line, "montage.transition",
			      _("%.3f s is too long for cards of %.3f s: each part must last "
				"more than twice the transition"), c->transition, c->card_seconds);
	return ST_OK;
}

/* What needs the whole file. */
static int validate(struct enc_cutlist *c)
{
	int ret = ST_OK;

	if (!c->montage_line) {
		st_error(_("%s: missing section [montage]"), c->path);
		return ST_DATAERR;
	}
	if (!c->output_line)
		return refuse(c, c->montage_line, "montage", _("missing key %s"), "output");
	if (c->card_seconds > 0 && !c->title_line)
		return refuse(c, c->card_line, "montage.card_seconds",
			      _("the opening card needs montage.title"));
	if (!c->n)
		return refuse(c, c->montage_line, "montage", _("no [shot] section: the cut list is empty"));
	for (size_t i = 0; i < c->n && ret == ST_OK; i++)
		ret = check_shot(c, &c->shots[i]);
	return ret == ST_OK ? check_transition(c) : ret;
}

int enc_cutlist_read(struct enc_cutlist *c, const char *path, FILE *f)
{
	struct parse_state s = {.c = c};
	char *copy = st_xstrdup(path);
	int ret;

	memset(c, 0, sizeof *c);
	c->path = st_xstrdup(path);
	c->dir = st_xstrdup(dirname(copy));
	free(copy);
	ret = scan_headers(&s, f);
	if (ret == ST_OK)
		ret = st_conf_parse_stream(f, path, on_key, &s);
	/* Refusals of the content are ST_DATAERR, like those of a master. */
	if (ret == ST_CONFIG)
		ret = ST_DATAERR;
	if (ret == ST_OK)
		ret = validate(c);
	if (ret == ST_OK) {
		char *out = beside(c, c->output);

		free(c->output);
		c->output = out;
	}
	free(s.shot_lines);
	return ret;
}

int enc_cutlist_load(struct enc_cutlist *c, const char *path)
{
	FILE *f = fopen(path, "r");
	int ret;

	if (!f) {
		memset(c, 0, sizeof *c);
		st_error(_("cannot open %s: %s"), path, strerror(errno));
		return ST_NOINPUT;
	}
	ret = enc_cutlist_read(c, path, f);
	fclose(f);
	return ret;
}

void enc_cutlist_free(struct enc_cutlist *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->shots[i].session);
		free(c->shots[i].file);
		free(c->shots[i].path);
	}
	free(c->shots);
	free(c->path);
	free(c->dir);
	free(c->output);
	free(c->title);
	free(c->subtitle);
	memset(c, 0, sizeof *c);
}

static int check_within(const struct enc_cutlist *c, const struct enc_shot *s)
{
	if (s->source_duration <= 0)
		return ST_OK;
	if (s->start >= s->source_duration)
		return refuse(c, s->start_line, "shot.start",
			      _("%.3f s lies past the end of %s, which lasts %.3f s"), s->start,
			      s->path, s->source_duration);
	if (s->end > s->source_duration + END_SLACK)
		return refuse(c, s->end_line, "shot.end",
			      _("%.3f s lies past the end of %s, which lasts %.3f s"), s->end,
			      s->path, s->source_duration);
	return ST_OK;
}

int enc_cutlist_check_spans(const struct enc_cutlist *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct enc_shot *s = &c->shots[i];
		int ret = check_within(c, s);

		if (ret != ST_OK)
			return ret;
		for (size_t j = 0; j < i; j++) {
			const struct enc_shot *o = &c->shots[j];

			if (o->source_id == s->source_id && s->start < o->end && o->start < s->end)
				return refuse(c, s->start_line, "shot.start",
					      _("overlaps the shot at line %d (%.3f to %.3f s of the same source)"),
					      o->line, o->start, o->end);
		}
	}
	return ST_OK;
}

size_t enc_cutlist_parts(const struct enc_cutlist *c)
{
	return c->n + (c->card_seconds > 0 ? 2 : 0);
}

double enc_cutlist_shots_seconds(const struct enc_cutlist *c)
{
	double sum = 0;

	for (size_t i = 0; i < c->n; i++)
		sum += c->shots[i].end - c->shots[i].start;
	return sum;
}

double enc_cutlist_cards_seconds(const struct enc_cutlist *c)
{
	return c->card_seconds > 0 ? 2 * c->card_seconds : 0;
}

double enc_cutlist_total(const struct enc_cutlist *c)
{
	size_t parts = enc_cutlist_parts(c);

	return enc_cutlist_cards_seconds(c) + enc_cutlist_shots_seconds(c) -
	       (parts > 1 ? (double)(parts - 1) * c->transition : 0);
}
