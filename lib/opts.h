/* opts.h — number and time parsing for command lines and config files.
 * Each parser is strict: the whole string must be consumed, the value must
 * lie in [min, max]; on failure it returns false and leaves *out alone. */
#ifndef STUDIO_OPTS_H
#define STUDIO_OPTS_H

#include <stdbool.h>

bool st_parse_long(const char *s, long min, long max, long *out);
bool st_parse_double(const char *s, double min, double max, double *out);

/* Accepts seconds ("12.5"), "MM:SS(.frac)" and "HH:MM:SS(.frac)". */
bool st_parse_time(const char *s, double *seconds);

/* Parses "yes/no/true/false/on/off/1/0". */
bool st_parse_bool(const char *s, bool *out);

/* For option NAME (without the leading "--"): prints one usage error line
 * naming the option and the bad value, and returns ST_USAGE. */
int st_bad_option(const char *name, const char *value);

#endif
