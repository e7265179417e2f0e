/* ui.h — what the technician sees while recording.
 *
 * On a terminal (stdin and stdout both TTYs, no --no-meter): a full-screen
 * meter redrawn about 15 times a second in place (cursor home, each line
 * cleared to its end: no flicker), readable in 80x24 — elapsed time (and
 * the target with --duration), device and session title, one bar per
 * channel with peak and RMS in dBFS, a 2 s peak hold and clip counts, the
 * last 3 markers, then bytes, drops, free space and time left, video fps.
 * Keys (meter_keys.h): m drops a marker, M a named one (its name typed on
 * the last line), q stops; in standby (--standby), r or space starts the
 * recording and q leaves.  The first line says the phase: STANDBY,
 * STARTING or RECORDING.  Otherwise a status line on stderr every 10 s,
 * and with --json a JSON object per second on stdout.
 *
 * The drawing takes everything from struct cap_ui_state, so that any loop
 * (a device recording, a rehearsal, a standby screen) can show it. */
#ifndef CAPTURE_UI_H
#define CAPTURE_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "levels.h"
#include "markers.h"
#include "markname.h"

/* What the meter's first line says: RECORDING, STARTING (the device is
 * asked to start, no sample has come yet) or STANDBY (--standby: the
 * devices are open, nothing is written). */
enum cap_ui_phase { CAP_PHASE_RECORDING, CAP_PHASE_STARTING, CAP_PHASE_STANDBY };

struct cap_ui_state {
	enum cap_ui_phase phase;
	double elapsed;            /* seconds of sound written */
	double wall;               /* seconds since the start */
	int64_t bytes;
	int64_t dropped_samples;
	int64_t overflows;
	int64_t dropped_frames;
	double fps;                /* pictures per second lately; < 0: no video */
	int64_t room;              /* bytes free; < 0: not known (standby) */
	double time_left;          /* seconds at the current rate; < 0: not known yet */
	double target;             /* --duration in seconds; 0: none */
	const struct cap_markers *markers;   /* NULL: none */
	double max_write_s;        /* slowest write(2) so far */
	double max_sync_s;         /* slowest fsync(2) so far */
	const char *device;
	const char *title;         /* the session's title; NULL: none */
	struct cap_levels *levels;  /* taken by the UI when it draws */
};

/* In standby (the last state's phase CAP_PHASE_STANDBY) only
 * CAP_KEY_START and CAP_KEY_QUIT come; while recording, all but
 * CAP_KEY_START. */
enum cap_key {
	CAP_KEY_NONE,
	CAP_KEY_MARKER,            /* m */
	CAP_KEY_NAME_START,        /* M: a name is being typed from now on */
	CAP_KEY_NAME_DONE,         /* Enter: the name is cap_ui_name() */
	CAP_KEY_NAME_CANCEL,       /* Escape */
	CAP_KEY_QUIT,              /* q (not while a name is being typed) */
	CAP_KEY_START              /* r or space, which ends --standby */
};

struct cap_ui;

/* METER asks for the full-screen meter; it is used only on a terminal. */
void cap_ui_open(struct cap_ui **out, bool meter, bool json);
bool cap_ui_is_meter(const struct cap_ui *ui);
/* Draws S when its time has come (15 Hz meter, 1 s JSON, 10 s line);
 * S's phase also says which keys cap_ui_key() answers from now on. */
void cap_ui_update(struct cap_ui *ui, const struct cap_ui_state *s);
/* The next key pressed on the meter, if any.  Between CAP_KEY_NAME_START
 * and CAP_KEY_NAME_DONE or CAP_KEY_NAME_CANCEL the keys are the name's
 * text, shown on the meter's last line. */
enum cap_key cap_ui_key(struct cap_ui *ui);
/* The name typed so far (after CAP_KEY_NAME_DONE: the whole name), valid
 * UTF-8 (markname.h); owned by UI, valid until the next cap_ui_key(). */
const char *cap_ui_name(const struct cap_ui *ui);
/* Restores the terminal. */
void cap_ui_close(struct cap_ui **ui);

/* For a signal handler about to _exit(): restores the terminal with
 * async-signal-safe calls only. */
void cap_ui_emergency_restore(void);

#endif
