/* meter_keys.h — what the meter's keys do to a recording, the same for a
 * device recording (live.c), a rehearsal (record.c) and the standby screen
 * (standby.c): m drops a marker at once; M notes the time and asks for a
 * name on the meter's last line (the recording goes on meanwhile), Enter
 * drops the marker at the time M was pressed with that name (its number
 * when empty), Escape forgets it; q asks the recording to stop (stop.h).
 * In standby (ui.h: only r, space and q come) r or space sets START. */
#ifndef CAPTURE_METER_KEYS_H
#define CAPTURE_METER_KEYS_H

#include <stdbool.h>

#include "markers.h"
#include "ui.h"

struct cap_marking {
	struct cap_markers *markers;   /* NULL in standby: nothing to mark yet */
	const char *dir;           /* the session folder */
	bool pending;              /* M was pressed; the name is being typed */
	double pending_t;          /* when */
	bool start;                /* r or space pressed in standby */
};

/* Acts on the keys pressed since the last call; T is the recording's
 * time now (seconds of sound written). */
void cap_meter_keys(struct cap_ui *ui, struct cap_marking *mk, double t);

/* At the end of the recording: a marker whose name was being typed is
 * kept with the text typed so far. */
void cap_meter_keys_end(struct cap_ui *ui, struct cap_marking *mk);

#endif
