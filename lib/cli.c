/* cli.c — see cli.h. */
#include "cli.h"
#include "msg.h"
#include "paths.h"
#include "status.h"
#include "suggest.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The long option named by ARG ("--name" or "--name=value") among
 * LONGOPTS, by its whole name or an unambiguous prefix as getopt_long
 * takes it, or NULL.  *MATCHES counts the prefix matches. */
static const struct option *find_long(const struct option *longopts, const char *arg,
				      size_t *matches)
{
	size_t len = strcspn(arg, "=");
	const struct option *found = NULL;

	*matches = 0;
	for (const struct option *o = longopts; o->name; o++) {
		if (strncmp(o->name, arg, len))
			continue;
		if (strlen(o->name) == len) {
			*matches = 1;
			return o;
		}
		found = o;
		++*matches;
	}
	return *matches == 1 ? found : NULL;
}

static const struct option *find_val(const struct option *longopts, int val)
{
	for (const struct option *o = longopts; o->name; o++)
		if (o->val == val && !o->flag)
			return o;
	return NULL;
}

/* The names of LONGOPTS, their number in *N; free() the array only. */
static const char **long_names(const struct option *longopts, size_t *n)
{
	const char **names;

	for (*n = 0; longopts[*n].name; ++*n)
		;
	names = calloc(*n + 1, sizeof *names);
	if (!names)
		abort();
	for (size_t i = 0; i < *n; i++)
		names[i] = longopts[i].name;
	return names;
}

/* "ambiguous option --s: --session or --speaker?" from the N NAMES. */
static void ambiguous(const char *word, const char **names, size_t n)
{
	size_t k = 0, len = strlen(word);
	char *list;

	for (size_t i = 0; i < n; i++)
		if (!strncmp(names[i], word, len))
			names[k++] = st_strdup_printf("--%s", names[i]);
	list = st_join_or(names, k);
	st_error(_("ambiguous option --%s: %s? (see --help)"), word, list);
	free(list);
	for (size_t i = 0; i < k; i++)
		free((char *)names[i]);
}

/* "unknown option --presets": with the near-miss name if there is one,
 * or the candidates of an ambiguous prefix ("--=x" is unknown). */
static void unknown_long(const char *arg, const struct option *longopts)
{
	size_t len = strcspn(arg, "="), n, matches;
	char *word = strndup(arg, len);
	const char **names = long_names(longopts, &n);
	const char *near;

	if (!word)
		abort();
	find_long(longopts, word, &matches);
	if (matches > 1 && len > 0) {
		ambiguous(word, names, n);
	} else if ((near = st_suggest(word, names, n))) {
		st_error(_("unknown option --%s; did you mean --%s? (see --help)"), word, near);
	} else {
		st_error(_("unknown option --%s (see --help)"), len ? word : arg);
	}
	free(names);
	free(word);
}

/* The name to print for the option whose value is VAL: its long name when
 * it has one ("--jobs" for -j), else "-c". */
static void option_name(char *buf, size_t len, const struct option *longopts, int val)
{
	const struct option *o = find_val(longopts, val);

	if (o)
		snprintf(buf, len, "--%s", o->name);
	else
		snprintf(buf, len, "-%c", val);
}

/* ARG, the element getopt_long refused, is a long option it recognised
 * (given a value it does not take) when its name resolves to the option
 * whose value getopt_long left in optopt. */
static bool refused_value(const char *arg, const struct option *longopts)
{
	size_t matches;
	const struct option *o;

	if (strncmp(arg, "--", 2) || !arg[2] || !optopt)
		return false;
	o = find_long(longopts, arg + 2, &matches);
	return o && o->val == optopt;
}

int st_cli_next(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
	char name[80];
	const char *arg;
	int c;

	opterr = 0;
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c != ':' && c != '?')
		return c;
	arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
	if (c == ':') {
		option_name(name, sizeof name, longopts, optopt);
		st_error(_("option %s needs a value (see --help)"), name);
	} else if (refused_value(arg, longopts)) {
		option_name(name, sizeof name, longopts, optopt);
		st_error(_("option %s takes no value (see --help)"), name);
	} else if (optopt) {
		st_error(_("unknown option -%c (see --help)"), optopt);
	} else {
		unknown_long(strncmp(arg, "--", 2) ? arg : arg + 2, longopts);
	}
	return ST_CLI_ERROR;
}

char *st_join_or(const char *const *items, size_t n)
{
	char *list = st_xstrdup(n ? items[0] : "");

	for (size_t i = 1; i < n; i++) {
		char *next = i + 1 < n ? st_strdup_printf("%s, %s", list, items[i])
				       /* TRANSLATORS: the last two items of a list of values */
				       : st_strdup_printf(_("%s or %s"), list, items[i]);
		free(list);
		list = next;
	}
	return list;
}

int st_bad_value(const char *name, const char *value, const char *allowed)
{
	st_error(_("invalid value for --%s: '%s' (allowed: %s)"), name, value, allowed);
	return ST_USAGE;
}

int st_bad_time(const char *name, const char *value)
{
	return st_bad_value(name, value, _("seconds, MM:SS or HH:MM:SS"));
}

int st_bad_range(const char *name, const char *value, long min, long max)
{
	/* TRANSLATORS: the allowed values of an option, a range */
	char *allowed = st_strdup_printf(_("%ld to %ld"), min, max);

	st_bad_value(name, value, allowed);
	free(allowed);
	return ST_USAGE;
}

int st_bad_choice(const char *name, const char *value, const char *const *choices, size_t n)
{
	const char *near = st_suggest(value, choices, n);
	char *allowed;

	if (near) {
		st_error(_("invalid value for --%s: '%s'; did you mean %s?"), name, value, near);
		return ST_USAGE;
	}
	allowed = st_join_or(choices, n);
	st_bad_value(name, value, allowed);
	free(allowed);
	return ST_USAGE;
}

/* Whether anything was written to stdout is unknown here; like gnulib, a
 * stdout closed before the program started (EBADF) with no earlier error
 * is not an error. */
static void close_stdout(void)
{
	bool earlier = ferror(stdout) != 0;
	int err;

	errno = 0;
	if (fclose(stdout) == 0 && !earlier)
		return;
	err = earlier ? 0 : errno;
	if (err == EBADF && !earlier)
		return;
	if (err)
		st_error(_("cannot write to standard output: %s"), strerror(err));
	else
		st_error(_("cannot write to standard output"));
	_exit(ST_IOERR);
}

void st_cli_check_stdout_at_exit(void)
{
	static bool registered;

	if (!registered && atexit(close_stdout) == 0)
		registered = true;
}
