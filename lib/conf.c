/* conf.c — see conf.h. */
#include "conf.h"
#include "msg.h"
#include "status.h"

#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parse {
	FILE *f;
	struct st_conf_pos pos;
	st_conf_fn fn;
	void *ctx;
	int status;
	char *line;          /* getline() buffer */
	size_t cap;
	int too_long;        /* the longest line inih takes, when one was longer */
};

/* inih reads through this so we know the current line: it is called once
 * per line, before the handler sees that line's key.  inih's buffer holds
 * NUM - 1 bytes and it would take the rest of a longer line as a line of
 * its own (a key hidden in a long comment would count): such a line stops
 * the parse instead. */
static char *read_line(char *str, int num, void *stream)
{
	struct parse *p = stream;
	ssize_t len = getline(&p->line, &p->cap, p->f);

	if (len < 0)
		return NULL;
	p->pos.line++;
	if (len > num - 1) {
		p->too_long = num - 2;
		return NULL;
	}
	memcpy(str, p->line, (size_t)len + 1);
	return str;
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
	struct parse *p = user;

	if (p->status == ST_OK)
		p->status = p->fn(p->ctx, &p->pos, section, name, value);
	return p->status == ST_OK;
}

int st_conf_parse_stream(FILE *f, const char *name, st_conf_fn fn, void *ctx)
{
	struct parse p = {.f = f, .pos = {.file = name}, .fn = fn, .ctx = ctx};
	int line = ini_parse_stream(read_line, &p, on_key, &p);

	free(p.line);
	if (p.status != ST_OK)
		return p.status;
	if (p.too_long) {
		st_error(_("%s:%d: line too long (more than %d bytes)"), name, p.pos.line, p.too_long);
		return ST_CONFIG;
	}
	if (line < 0 || ferror(f)) {
		st_error(_("cannot read %s: %s"), name, strerror(EIO));
		return ST_IOERR;
	}
	if (line > 0) {
		st_error(_("%s:%d: syntax error"), name, line);
		return ST_CONFIG;
	}
	return ST_OK;
}

int st_conf_parse(const char *path, st_conf_fn fn, void *ctx)
{
	FILE *f = fopen(path, "r");
	int ret;

	if (!f) {
		st_error(_("cannot open %s: %s"), path, strerror(errno));
		return errno == ENOENT ? ST_NOINPUT : ST_CONFIG;
	}
	ret = st_conf_parse_stream(f, path, fn, ctx);
	fclose(f);
	return ret;
}

int st_conf_error(const struct st_conf_pos *pos, const char *key, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	st_error("%s:%d: %s: %s", pos->file, pos->line, key, what);
	return ST_CONFIG;
}
