/* msg.c — see msg.h. */
#include "msg.h"
#include "cli.h"
#include "paths.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

static const char *progname = "studio";
static bool quiet;

void st_msg_init(const char *argv0)
{
	const char *slash = argv0 ? strrchr(argv0, '/') : NULL;
	char *dir;

	if (argv0)
		progname = slash ? slash + 1 : argv0;
	setlocale(LC_ALL, "");
	/* Numbers stay C-formatted everywhere (options, presets, JSON, tags,
	 * FFmpeg options): a French locale must not turn "1.5" into an error
	 * or write "PT2,000S". */
	setlocale(LC_NUMERIC, "C");
	dir = st_share_dir("locale", LOCALEDIR);
	bindtextdomain(ST_PACKAGE, dir);
	bind_textdomain_codeset(ST_PACKAGE, "UTF-8");
	textdomain(ST_PACKAGE);
	free(dir);
	st_cli_check_stdout_at_exit();
}

const char *st_progname(void) { return progname; }
void st_msg_set_quiet(bool q) { quiet = q; }
bool st_msg_quiet(void) { return quiet; }

/* One whole line under the stream's lock: studio-encode's rendition
 * threads may report their failures at the same moment.  PREFIX, when
 * given, comes with its separator ("warning: "). */
static void vsay(const char *prefix, const char *fmt, va_list ap)
{
	flockfile(stderr);
	fprintf(stderr, "%s: ", progname);
	if (prefix)
		fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	funlockfile(stderr);
}

void st_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(NULL, fmt, ap);
	va_end(ap);
}

void st_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	/* TRANSLATORS: prefix of warning messages, with its separator
	 * (French: a no-break space before the colon) */
	vsay(_("warning: "), fmt, ap);
	va_end(ap);
}

void st_info(const char *fmt, ...)
{
	va_list ap;
	if (quiet)
		return;
	va_start(ap, fmt);
	vsay(NULL, fmt, ap);
	va_end(ap);
}

void st_print_version(void)
{
	printf("%s (CorsicaLab Studio) %s\n", progname, ST_VERSION);
	/* TRANSLATORS: the licence of the program itself */
	printf("%s\n", _("Copyright (C) Collectivité de Corse — CorsicaLab; "
			 "Licence Ouverte / Open Licence version 2.0 (etalab-2.0)"));
}
