/* human.c — see human.h. */
#include "human.h"
#include "msg.h"

#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static locale_t user_numeric;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The environment's LC_NUMERIC (LC_ALL, LC_NUMERIC, LANG), (locale_t)0 if
 * it names no installed locale: then C numbers. */
static void open_user_numeric(void)
{
	user_numeric = newlocale(LC_NUMERIC_MASK, "", (locale_t)0);
}

static void user_printf(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void user_printf(char *buf, size_t len, const char *fmt, ...)
{
	locale_t old = (locale_t)0;
	va_list ap;

	pthread_once(&once, open_user_numeric);
	if (user_numeric)
		old = uselocale(user_numeric);
	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (user_numeric)
		uselocale(old);
}

const char *st_hnum(char *buf, size_t len, double v, int decimals)
{
	user_printf(buf, len, "%'.*f", decimals, v);
	return buf;
}

const char *st_hsize(char *buf, size_t len, double bytes)
{
	/* TRANSLATORS: units of size: byte, kilobyte (1000 bytes), megabyte... */
	const char *units[] = {_("B"), _("kB"), _("MB"), _("GB"), _("TB")};
	size_t u = 0;

	while (bytes >= 999.95 && u + 1 < sizeof units / sizeof *units) {
		bytes /= 1000;
		u++;
	}
	user_printf(buf, len, "%.*f %s", u ? 1 : 0, bytes, units[u]);
	return buf;
}

/* The decimals of the time typed LIKE. */
static int decimals_of(const char *like)
{
	const char *dot = like ? strrchr(like, '.') : NULL;

	return dot ? (int)strspn(dot + 1, "0123456789") : 0;
}

const char *st_htime(char *buf, size_t len, double seconds, int decimals, const char *like)
{
	double scale, t;
	long long whole;
	int width;

	if (decimals < 0)
		decimals = decimals_of(like);
	if (decimals > 9)
		decimals = 9;
	scale = pow(10, decimals);
	width = decimals ? decimals + 3 : 2;
	if (!like || !strchr(like, ':') || !isfinite(seconds) || seconds < 0) {
		user_printf(buf, len, "%'.*f s", decimals, seconds);
		return buf;
	}
	/* Rounded once, so that 59.96 s with one decimal is "1:00.0". */
	t = round(seconds * scale) / scale;
	whole = (long long)t;
	if (whole >= 3600)
		user_printf(buf, len, "%lld:%02lld:%0*.*f", whole / 3600, whole / 60 % 60, width,
			    decimals, fmod(t, 60));
	else
		user_printf(buf, len, "%0*lld:%0*.*f", strcspn(like, ":") > 1 ? 2 : 1, whole / 60,
			    width, decimals, fmod(t, 60));
	return buf;
}
