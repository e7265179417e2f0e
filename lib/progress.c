/* progress.c — see progress.h. */
#include "progress.h"
#include "msg.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define REDRAW_INTERVAL 0.5

int64_t st_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

double st_now(void)
{
	return (double)st_now_ns() / 1e9;
}

void st_progress_init(struct st_progress *p, const char *label, double total)
{
	p->label = label;
	p->total = total;
	p->last_draw = 0;
	p->drawn = false;
	p->enabled = !st_msg_quiet() && isatty(STDERR_FILENO);
}

void st_progress_update(struct st_progress *p, double done)
{
	double now = st_now();

	if (!p->enabled || now - p->last_draw < REDRAW_INTERVAL)
		return;
	p->last_draw = now;
	p->drawn = true;
	if (p->total > 0)
		fprintf(stderr, "\r%s: %-24.24s %5.1f%% %8.1f s / %.1f s ", st_progname(),
			p->label, done * 100 / p->total, done, p->total);
	else
		fprintf(stderr, "\r%s: %-24.24s %8.1f s ", st_progname(), p->label, done);
}

void st_progress_end(struct st_progress *p)
{
	if (p->drawn)
		fprintf(stderr, "\r\033[K");
	p->drawn = false;
}
