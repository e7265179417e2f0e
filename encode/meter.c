/* meter.c — see meter.h. */
#include <stdio.h>
#include <unistd.h>

#include "human.h"
#include "meter.h"
#include "msg.h"
#include "progress.h"

#define TTY_INTERVAL 0.5
#define PLAIN_INTERVAL 10.0

void enc_meter_init(struct enc_meter *m, const struct enc_rendition *r, size_t n)
{
	*m = (struct enc_meter){.r = r, .n = n, .started = st_now()};
	m->last = m->started;
	m->quiet = st_msg_quiet();
	m->tty = isatty(STDERR_FILENO);
}

static double done_of(const struct enc_rendition *r)
{
	return atomic_load(&r->done_us) / 1e6;
}

static double percent_of(const struct enc_rendition *r)
{
	double total = r->setup.cut.duration;

	return total > 0 ? 100 * done_of(r) / total : 0;
}

static void draw_line(const struct enc_rendition *r, double elapsed)
{
	double done = done_of(r), speed = elapsed > 0 ? done / elapsed : 0;
	double left = r->setup.cut.duration - done;
	long eta = speed > 0 && left > 0 ? (long)(left / speed) : 0;

	long long frames = atomic_load(&r->frames);
	char fps[ST_HUMAN_LEN] = "", pct[ST_HUMAN_LEN], x[ST_HUMAN_LEN], n[ST_HUMAN_LEN];

	if (frames > 0 && elapsed > 0)
		snprintf(fps, sizeof fps, "%6s fps", st_hnum(n, sizeof n, frames / elapsed, 1));
	/* TRANSLATORS: "estimated time of arrival", the time left, as M:SS */
	fprintf(stderr, "\033[K%-16.16s %5s%% %10s %5sx %s %ld:%02ld\n", r->preset->name,
		st_hnum(pct, sizeof pct, percent_of(r), 1), fps, st_hnum(x, sizeof x, speed, 2),
		_("ETA"), eta / 60, eta % 60);
}

void enc_meter_update(struct enc_meter *m)
{
	double now = st_now();

	if (m->quiet || now - m->last < (m->tty ? TTY_INTERVAL : PLAIN_INTERVAL))
		return;
	m->last = now;
	if (m->tty) {
		if (m->lines)
			fprintf(stderr, "\033[%dA", m->lines);
		for (size_t i = 0; i < m->n; i++)
			draw_line(&m->r[i], now - m->started);
		m->lines = (int)m->n;
		return;
	}
	{
		char line[512] = "", n[ST_HUMAN_LEN];
		size_t used = 0;

		for (size_t i = 0; i < m->n && used < sizeof line; i++)
			used += (size_t)snprintf(line + used, sizeof line - used, "%s%s %s%%",
						 i ? ", " : "", m->r[i].preset->name,
						 st_hnum(n, sizeof n, percent_of(&m->r[i]), 0));
		st_info(_("encoding: %s"), line);
	}
}

void enc_meter_end(struct enc_meter *m)
{
	if (m->tty && m->lines)
		fprintf(stderr, "\033[%dA\033[J", m->lines);
	m->lines = 0;
}
