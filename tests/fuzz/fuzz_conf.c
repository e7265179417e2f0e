/* Fuzz target: INI files (presets, publish.ini) through lib/conf.c, with a
 * handler that, like the real ones, parses numbers and rejects keys. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "msg.h"
#include "opts.h"
#include "status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int handler(void *ctx, const struct st_conf_pos *pos, const char *section,
		   const char *key, const char *value)
{
	long n;
	double d;
	bool b;

	(void)ctx;
	(void)section;
	if (pos->line < 1)
		__builtin_trap(); /* a key is always on a counted line */
	if (!strcmp(key, "crf") && !st_parse_long(value, 0, 51, &n))
		return st_conf_error(pos, key, "bad number '%s'", value);
	if (!strcmp(key, "start") && !st_parse_time(value, &d))
		return st_conf_error(pos, key, "bad time '%s'", value);
	if (!strcmp(key, "gain") && !st_parse_double(value, -60, 60, &d))
		return st_conf_error(pos, key, "bad gain '%s'", value);
	if (!strcmp(key, "insecure") && !st_parse_bool(value, &b))
		return st_conf_error(pos, key, "bad boolean '%s'", value);
	return ST_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size, "r");

	if (!f)
		return 0;
	st_msg_set_quiet(true);
	st_conf_parse_stream(f, "fuzz.ini", handler, NULL);
	fclose(f);
	return 0;
}
