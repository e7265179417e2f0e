/* progress.c — see progress.h. */
#include "progress.h"
#include "human.h"
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
	char pct[ST_HUMAN_LEN], d[ST_HUMAN_LEN], total[ST_HUMAN_LEN];

	if (!p->enabled || now - p->last_draw < REDRAW_INTERVAL)
		return;
	p->last_draw = now;
	p->drawn = true;
	st_hnum(d, sizeof d, done, 1);
	if (p->total > 0)
		fprintf(stderr, "\r%s: %-24.24s %5s%% %8s s / %s s ", st_progname(), p->label,
			st_hnum(pct, sizeof pct, done * 100 / p->total, 1), d,
			st_hnum(total, sizeof total, p->total, 1));
	else
		fprintf(stderr, "\r%s: %-24.24s %8s s ", st_progname(), p->label, d);
}

void st_progress_end(struct st_progress *p)
{
	if (p->drawn)
		fprintf(stderr, "\r\033[K");
	p->drawn = false;
}
