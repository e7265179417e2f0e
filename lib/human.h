/* human.h — numbers for people: the one place that formats sizes,
 * durations and times in the user's language (decimal point and thousands
 * grouping of LC_NUMERIC from the environment: "7,3 Mo", "240,0 s" in
 * French, "7.3 MB", "240.0 s" in English).
 *
 * The programs themselves run with LC_NUMERIC "C" (st_msg_init()), so
 * JSON, session.json, pages, feeds, FFmpeg options and every printf of
 * machine data stay locale-independent; only what goes through these
 * functions follows the user's locale.  They switch the calling thread's
 * locale for the time of one snprintf (uselocale), so they are
 * thread-safe.  Each writes at most LEN bytes into BUF and returns BUF. */
#ifndef STUDIO_HUMAN_H
#define STUDIO_HUMAN_H

#include <stddef.h>

/* Room for any number these functions write. */
#define ST_HUMAN_LEN 64

/* V with DECIMALS decimals, grouped by thousands: "209 715 200". */
const char *st_hnum(char *buf, size_t len, double v, int decimals);

/* BYTES in decimal units with one decimal ("7.3 MB", "7,3 Mo"; "512 B"). */
const char *st_hsize(char *buf, size_t len, double bytes);

/* SECONDS in the form of LIKE, a time as the user typed it: "M:SS",
 * "MM:SS" or "H:MM:SS" when LIKE has a colon (minutes on two digits when
 * LIKE's first field has two or more), else "N s"; with DECIMALS decimals,
 * or as many as LIKE has when DECIMALS is negative ("1:30" → "1:30",
 * "7.5" → "7,5 s" in French).  LIKE NULL: "N s". */
const char *st_htime(char *buf, size_t len, double seconds, int decimals, const char *like);

#endif
