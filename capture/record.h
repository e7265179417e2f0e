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

#endif
