/* feed_date.c — see feed_date.h. */
#include "feed_date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const wdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* N digits at *P as a number, *P moved past them; -1 when they are not
 * all digits. */
static int digits(const char **p, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++, (*p)++) {
		if (!isdigit((unsigned char)**p))
			return -1;
		v = v * 10 + (**p - '0');
	}
	return v;
}

/* The zone at P: "Z", "+HH:MM", "+HHMM", "-HH" or nothing (then -0000).
 * False when something else follows. */
static bool zone(const char *p, char out[6])
{
	char sign = *p;
	int h, m = 0;

	if (!*p) {
		strcpy(out, "-0000");
		return true;
	}
	if (!strcmp(p, "Z")) {
		strcpy(out, "+0000");
		return true;
	}
	if (sign != '+' && sign != '-')
		return false;
	p++;
	if ((h = digits(&p, 2)) < 0 || h > 23)
		return false;
	if (*p == ':')
		p++;
	if (*p && ((m = digits(&p, 2)) < 0 || m > 59 || *p))
		return false;
	snprintf(out, 6, "%c%02d%02d", sign, h, m);
	return true;
}

/* The weekday of a date of the proleptic Gregorian calendar, or -1 when
 * the date does not exist (31 November). */
static int weekday(int y, int mo, int d)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = 12};
	time_t t = timegm(&tm);

	if (t == (time_t)-1 || !gmtime_r(&t, &tm) || tm.tm_mday != d)
		return -1;
	return tm.tm_wday;
}

bool pub_rfc822(const char *iso, char out[PUB_RFC822_MAX])
{
	const char *p = iso ? iso : "";
	int y, mo, d, h = 0, mi = 0, s = 0, wd;
	char z[6] = "-0000";

	out[0] = '\0';
	if ((y = digits(&p, 4)) < 0 || *p++ != '-' || (mo = digits(&p, 2)) < 1 || mo > 12 ||
	    *p++ != '-' || (d = digits(&p, 2)) < 1 || (wd = weekday(y, mo, d)) < 0)
		return false;
	if (*p == 'T') {
		p++;
		if ((h = digits(&p, 2)) < 0 || h > 23 || *p++ != ':' || (mi = digits(&p, 2)) < 0 ||
		    mi > 59)
			return false;
		if (*p == ':' && (p++, (s = digits(&p, 2)) < 0 || s > 60))
			return false;
		if (*p == '.' || *p == ',')
			for (p++; isdigit((unsigned char)*p); p++)
				;
		if (!zone(p, z))
			return false;
	} else if (*p) {
		return false;
	}
	snprintf(out, PUB_RFC822_MAX, "%s, %02d %s %04d %02d:%02d:%02d %s", wdays[wd], d,
		 months[mo - 1], y, h, mi, s, z);
	return true;
}

void pub_rfc822_utc(time_t t, char out[PUB_RFC822_MAX])
{
	struct tm tm;

	if (!gmtime_r(&t, &tm)) {
		out[0] = '\0';
		return;
	}
	snprintf(out, PUB_RFC822_MAX, "%s, %02d %s %04d %02d:%02d:%02d +0000", wdays[tm.tm_wday],
		 tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		 tm.tm_sec);
}
