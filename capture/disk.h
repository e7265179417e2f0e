/* disk.h — will the recording fit?  Space is the smaller of the file
 * system's free space for unprivileged users and what the file size limit
 * (RLIMIT_FSIZE) still allows the master. */
#ifndef CAPTURE_DISK_H
#define CAPTURE_DISK_H

#include <stdint.h>

/* Below this, a recording stops cleanly (room left for the index). */
#define CAP_DISK_MARGIN (16 * 1024 * 1024)
/* Without --duration, this much must fit at the start; under it, warn. */
#define CAP_DISK_MIN_SECONDS 600

/* Bytes still writable in folder DIR by a file already FILE_BYTES long,
 * or -1 (message printed) when DIR cannot be examined. */
int64_t cap_disk_room(const char *dir, int64_t file_bytes);

/* Refuses (one message, ST_NOSPACE) when DURATION seconds (or
 * CAP_DISK_MIN_SECONDS without one) at BYTES_PER_SECOND do not fit in DIR
 * above the margin. */
int cap_disk_check_start(const char *dir, double bytes_per_second, double duration);

/* "12.3 GB" ("12,3 Go" in French, lib/human.h) into buf[16]. */
const char *cap_disk_human(double bytes, char buf[16]);

#endif
