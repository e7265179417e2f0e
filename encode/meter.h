/* meter.h — progress of the renditions of a pass.  On a terminal, one live
 * line per rendition (percent, fps, speed × real time, ETA) redrawn at most
 * twice a second and erased at the end; otherwise one plain line every 10 s.
 * Nothing with --quiet. */
#ifndef ENC_METER_H
#define ENC_METER_H

#include <stdbool.h>
#include <stddef.h>

#include "rendition.h"

struct enc_meter {
	const struct enc_rendition *r;   /* not owned */
	size_t n;
	double started, last;
	bool tty, quiet;
	int lines;                       /* lines drawn on the terminal */
};

void enc_meter_init(struct enc_meter *m, const struct enc_rendition *r, size_t n);
void enc_meter_update(struct enc_meter *m);
void enc_meter_end(struct enc_meter *m);

#endif
