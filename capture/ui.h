/* ui.h — what the technician sees while recording.
 *
 * On a terminal (stdin and stdout both TTYs, no --no-meter): a full-screen
 * meter redrawn about 15 times a second in place (cursor home, each line
 * cleared to its end: no flicker), readable in 80x24 — one bar per channel
 * with peak and RMS in dBFS, a 2 s peak hold and clip counts, then elapsed
 * time, bytes, drops, free space and time left, video fps.  Keys: m drops
 * a marker, q stops; in standby, r or space starts, q leaves.  Otherwise a status line on stderr every 10 s, and
 * with --json a JSON object per second on stdout. */
#ifndef CAPTURE_UI_H
#define CAPTURE_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "levels.h"

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
	int64_t room;              /* bytes free */
	double time_left;          /* seconds at the current rate */
	int markers;
	double max_write_s;        /* slowest write(2) so far */
	double max_sync_s;         /* slowest fsync(2) so far */
	const char *device;
	struct cap_levels *levels;  /* taken by the UI when it draws */
};

/* CAP_KEY_START: r or space, which ends --standby. */
enum cap_key { CAP_KEY_NONE, CAP_KEY_MARKER, CAP_KEY_QUIT, CAP_KEY_START };

struct cap_ui;

/* METER asks for the full-screen meter; it is used only on a terminal. */
void cap_ui_open(struct cap_ui **out, bool meter, bool json);
bool cap_ui_is_meter(const struct cap_ui *ui);
/* Draws S when its time has come (15 Hz meter, 1 s JSON, 10 s line). */
void cap_ui_update(struct cap_ui *ui, const struct cap_ui_state *s);
/* The next key pressed on the meter, if any. */
enum cap_key cap_ui_key(struct cap_ui *ui);
/* Restores the terminal. */
void cap_ui_close(struct cap_ui **ui);

/* For a signal handler about to _exit(): restores the terminal with
 * async-signal-safe calls only. */
void cap_ui_emergency_restore(void);

#endif
