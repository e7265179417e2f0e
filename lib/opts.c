/* opts.c — see opts.h. */
#include "opts.h"
#include "msg.h"
#include "status.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool st_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool st_parse_double(const char *s, double min, double max, double *out)
{
	char *end;
	double v;

	if (!s || !*s)
		return false;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v) || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* One colon-separated field of a time: digits only (no sign, no
 * exponent), below 60 unless it is the leading field. */
static bool time_field(const char *s, size_t len, bool leading, bool last, double *out)
{
	char buf[32];
	double v;
	size_t dots = 0;

	if (len == 0 || len >= sizeof buf)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '.' && last)
			dots++;
		else if (s[i] < '0' || s[i] > '9')
			return false;
	}
	if (dots > 1)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!st_parse_double(buf, 0, 1e9, &v) || (!leading && v >= 60))
		return false;
	*out = v;
	return true;
}

bool st_parse_time(const char *s, double *seconds)
{
	double total = 0, v;
	int fields = 0;

	if (!s || !*s)
		return false;
	for (const char *p = s;; fields++) {
		const char *colon = strchr(p, ':');
		size_t len = colon ? (size_t)(colon - p) : strlen(p);

		if (fields == 3 || !time_field(p, len, fields == 0, !colon, &v))
			return false;
		total = total * 60 + v;
		if (!colon)
			break;
		p = colon + 1;
	}
	*seconds = total;
	return true;
}

bool st_parse_bool(const char *s, bool *out)
{
	static const char *yes[] = {"yes", "true", "on", "1"};
	static const char *no[] = {"no", "false", "off", "0"};

	for (size_t i = 0; s && i < 4; i++) {
		if (!strcasecmp(s, yes[i]))
			return (*out = true);
		if (!strcasecmp(s, no[i]))
			return !(*out = false);
	}
	return false;
}

int st_bad_option(const char *name, const char *value)
{
	st_error(_("invalid value for --%s: '%s'"), name, value);
	return ST_USAGE;
}
