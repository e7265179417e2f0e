/* record.h — the recording loop of the test sources: from a source to the
 * master writer. */
#ifndef CAPTURE_RECORD_H
#define CAPTURE_RECORD_H

#include <stdbool.h>

#include "markers.h"
#include "source.h"
#include "writer.h"

/* A rehearsal on a terminal: the meter of a real recording. */
struct cap_rehearsal {
	bool meter;                  /* wanted (not --no-meter, --quiet, --json) */
	const char *dir;             /* the session folder: markers, free space */
	const char *title;           /* the session's title; NULL: none */
	const char *label;           /* names the source on the meter */
	struct cap_markers *markers; /* the markers dropped on the meter */
};

/* Copies frames from SRC to W until both media reach LIMIT seconds
 * (LIMIT <= 0: no limit), the source ends or a stop is requested (stop.h).
 * Video stops at the first picture at or after LIMIT, sound at exactly
 * LIMIT, so the file lasts LIMIT to within one frame.  What is written is
 * fsynced once a second.  The writer is left to finish.
 *
 * With RH->meter on a terminal (ui.h), a rehearsal: the frames are paced
 * to real time (each written when its timestamp comes, as a device would
 * deliver it), the meter shows the sound and the keys drop markers
 * (meter_keys.h) into RH->markers.  Otherwise the frames are generated as
 * fast as they are written, under a progress line: for scripts. */
int cap_record(struct cap_source *src, struct cap_writer *w, double limit,
	       const struct cap_rehearsal *rh);

/* The screen SCREEN (paced by its grabber) and, when TONE is not NULL,
 * the sound of the test sources TONE, generated to follow the pictures:
 * the same limits and stops as cap_record().  Pictures are placed in the
 * slots of a constant frame rate from the first one. */
int cap_record_screen(struct cap_source *screen, struct cap_source *tone, struct cap_writer *w,
		      double limit);

#endif
