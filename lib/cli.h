/* cli.h — the command-line layer of the three programs: getopt_long
 * underneath, one wording for every usage error, "did you mean …?" for a
 * near-miss option name, and standard output checked at exit.
 *
 * A program keeps its options in one getopt `struct option` table (sorted
 * by name) and reads them with:
 *
 *     while ((c = st_cli_next(argc, argv, ":hq", long_options)) != -1) {
 *             switch (c) {
 *             case ST_CLI_ERROR: return ST_USAGE;   // message printed
 *             case OPT_RATE: ...
 *
 * so adding an option is one table entry, one `case` and its lines in
 * --help, the man page and the docs.  A value that does not parse is
 * refused with st_bad_option() (opts.h), st_bad_range() or st_bad_choice(). */
#ifndef STUDIO_CLI_H
#define STUDIO_CLI_H

#include <getopt.h>
#include <stddef.h>

/* st_cli_next()'s answer for a usage error, whose message it printed. */
#define ST_CLI_ERROR (-2)

/* getopt_long(ARGC, ARGV, SHORTOPTS, LONGOPTS, NULL) with opterr off.
 * SHORTOPTS must begin with ':' (a missing value is told apart from an
 * unknown option).  On an unknown or ambiguous option, an option given a
 * value it does not take (--json=1) or not given one it needs, prints one
 * line and returns ST_CLI_ERROR; otherwise returns what getopt_long does. */
int st_cli_next(int argc, char **argv, const char *shortopts, const struct option *longopts);

/* Usage errors for a value VALUE of option NAME (without "--"), naming
 * what is allowed; each prints one line and returns ST_USAGE.
 * ALLOWED is already translated text ("1 to 32"). */
int st_bad_value(const char *name, const char *value, const char *allowed);
/* "MIN to MAX". */
int st_bad_range(const char *name, const char *value, long min, long max);
/* "A, B or C", or "did you mean B?" when VALUE is a near miss of one. */
int st_bad_choice(const char *name, const char *value, const char *const *choices, size_t n);

/* "seconds, MM:SS or HH:MM:SS": a time option (st_parse_time()). */
int st_bad_time(const char *name, const char *value);

/* "A, B or C" (translated "or"), malloc'ed. */
char *st_join_or(const char *const *items, size_t n);

/* Registers, once, an exit handler that flushes and closes standard output
 * and, when that fails or an earlier write failed, prints one message
 * naming standard output and the system's error text, and ends the process
 * with ST_IOERR (gnulib's close_stdout): `--json > /dev/full` fails. */
void st_cli_check_stdout_at_exit(void);

#endif
