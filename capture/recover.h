/* recover.h — a recording that did not end normally (kill -9, power cut,
 * crash, a second Ctrl-C) left DIR/master/master.mkv without a record in
 * session.json.  Recovery reads the file back (probe.h) and records it
 * with its real duration and "end": "recovered".  Nothing is deleted or
 * rewritten: the file is playable as it is. */
#ifndef CAPTURE_RECOVER_H
#define CAPTURE_RECOVER_H

#include <stdbool.h>

/* With EXPLICIT (--recover DIR), a missing master is an error and an
 * already recorded one is said so; otherwise (detection at the start of a
 * run) both are silently fine.  A master still locked by a running
 * studio-capture is refused with ST_TEMPFAIL. */
int cap_recover(const char *dir, bool explicit);

#endif
