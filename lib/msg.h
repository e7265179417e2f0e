/* msg.h — the one message module: program-name prefix, stderr, --quiet,
 * gettext.
 *
 * Messages are lowercase, without a final full stop, the error first and
 * naming the file and the library's own error text:
 *     st_error(_("cannot open %s: %s"), path, av_err2str(ret));
 * The lowest layer that knows the context prints the message; callers only
 * propagate the st_status, so one failure gives exactly one line. */
#ifndef STUDIO_MSG_H
#define STUDIO_MSG_H

#include <libintl.h>
#include <stdbool.h>

#define _(s) gettext(s)
#define N_(s) (s)

#define ST_PACKAGE "corsicalab-studio"
#ifndef ST_VERSION
#define ST_VERSION "0.1.0"
#endif

#define ST_PRINTF(a, b) __attribute__((format(printf, a, b)))

/* Sets the program name used as prefix, the locale (LC_ALL from the
 * environment, LC_NUMERIC kept "C") and the gettext catalogue.  The
 * catalogue is looked up next to the executable first
 * (<bindir>/../share/locale, which is also where the build tree puts it),
 * then in the compiled-in LOCALEDIR.  Standard output is checked at exit
 * (st_cli_check_stdout_at_exit()). */
void st_msg_init(const char *progname);
const char *st_progname(void);

/* With quiet set, st_info() prints nothing; errors and warnings still do. */
void st_msg_set_quiet(bool quiet);
bool st_msg_quiet(void);

void st_error(const char *fmt, ...) ST_PRINTF(1, 2);
void st_warn(const char *fmt, ...) ST_PRINTF(1, 2);
void st_info(const char *fmt, ...) ST_PRINTF(1, 2);

/* Prints "PROGRAM (CorsicaLab Studio) VERSION" and the licence line. */
void st_print_version(void);

#endif
