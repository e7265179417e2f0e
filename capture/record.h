/* record.h — the recording loop: from a source to the master writer. */
#ifndef CAPTURE_RECORD_H
#define CAPTURE_RECORD_H

#include "source.h"
#include "writer.h"

/* Copies frames from SRC to W until both media reach LIMIT seconds
 * (LIMIT <= 0: no limit), the source ends or a stop is requested (stop.h),
 * and draws the progress line meanwhile.  Video stops at the first picture
 * at or after LIMIT, sound at exactly LIMIT, so the file lasts LIMIT to
 * within one frame.  What is written is fsynced once a second.  The
 * writer is left to finish. */
int cap_record(struct cap_source *src, struct cap_writer *w, double limit);

/* The screen SCREEN (paced by its grabber) and, when TONE is not NULL,
 * the sound of the test sources TONE, generated to follow the pictures:
 * the same limits and stops as cap_record().  Pictures are placed in the
 * slots of a constant frame rate from the first one. */
int cap_record_screen(struct cap_source *screen, struct cap_source *tone, struct cap_writer *w,
		      double limit);

#endif
