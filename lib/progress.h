/* progress.h — one status line on stderr, redrawn with \r at most twice a
 * second and only when stderr is a terminal and not --quiet; erased before
 * the final summary. */
#ifndef STUDIO_PROGRESS_H
#define STUDIO_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

struct st_progress {
	const char *label;
	double total;       /* seconds of media, <= 0 if unknown */
	double last_draw;   /* monotonic seconds */
	bool enabled;
	bool drawn;
};

void st_progress_init(struct st_progress *p, const char *label, double total);
/* DONE is seconds of media processed. */
void st_progress_update(struct st_progress *p, double done);
void st_progress_end(struct st_progress *p);

/* The monotonic clock, in seconds and in nanoseconds. */
double st_now(void);
int64_t st_now_ns(void);

#endif
