/* status.h — the one place where internal outcomes meet exit codes.
 *
 * Every lib/ and program function that can fail returns an st_status.
 * Values are the <sysexits.h> codes themselves, so main() returns them
 * unchanged.  ST_OK is 0. */
#ifndef STUDIO_STATUS_H
#define STUDIO_STATUS_H

#include <sysexits.h>

enum st_status {
	ST_OK = 0,
	ST_USAGE = EX_USAGE,          /* bad command line */
	ST_DATAERR = EX_DATAERR,      /* input present but malformed */
	ST_NOINPUT = EX_NOINPUT,      /* input missing or unreadable */
	ST_UNAVAILABLE = EX_UNAVAILABLE, /* a codec/device/service is missing */
	ST_SOFTWARE = EX_SOFTWARE,    /* internal error, library failure */
	ST_OSERR = EX_OSERR,          /* out of memory, fork, ... */
	ST_CANTCREAT = EX_CANTCREAT,  /* cannot create an output */
	ST_IOERR = EX_IOERR,          /* read/write error */
	ST_TEMPFAIL = EX_TEMPFAIL,    /* try again later (network, lock) */
	ST_CONFIG = EX_CONFIG,        /* configuration (preset, ini) error */
	/* Beyond <sysexits.h>: the disk (or the file size limit) is full or
	 * too full to start; a recording in progress was stopped cleanly and
	 * what it wrote is kept and playable. */
	ST_NOSPACE = EX__MAX + 1,
};

#endif
