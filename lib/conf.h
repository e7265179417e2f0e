/* conf.h — INI files (presets, publish.ini) read with inih, with the line
 * number of every key so errors can name file:line:key.
 *
 * Debian's inih is built without INI_HANDLER_LINENO, so the line is counted
 * by our own reader callback around ini_parse_stream(). */
#ifndef STUDIO_CONF_H
#define STUDIO_CONF_H

#include <stdbool.h>
#include <stdio.h>

struct st_conf_pos {
	const char *file;
	int line;
};

/* Called for each key; return ST_OK to go on, or an st_status after
 * printing a message with st_conf_error(). */
typedef int (*st_conf_fn)(void *ctx, const struct st_conf_pos *pos,
			  const char *section, const char *key, const char *value);

/* Parses PATH.  A missing or unreadable file, a syntax error or a handler
 * failure give one message and a non-zero st_status. */
int st_conf_parse(const char *path, st_conf_fn fn, void *ctx);

/* The same on an open stream; NAME is the file name used in messages. */
int st_conf_parse_stream(FILE *f, const char *name, st_conf_fn fn, void *ctx);

/* Prints "FILE:LINE: KEY: MESSAGE" and returns ST_CONFIG. */
int st_conf_error(const struct st_conf_pos *pos, const char *key,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
