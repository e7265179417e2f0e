/* markers.h — the markers of a recording: when they were dropped and
 * their names.  Each is saved in session.json the moment it is dropped
 * (manifest.h: cap_session_marker), so that a crash loses none, and kept
 * here for the capture's record and for the meter. */
#ifndef CAPTURE_MARKERS_H
#define CAPTURE_MARKERS_H

#include <stdbool.h>

#define CAP_MAX_MARKERS 999

struct cap_markers {
	double t[CAP_MAX_MARKERS];     /* seconds into the recording, in order */
	char *label[CAP_MAX_MARKERS];  /* owned: the name, or the number ("3") */
	int n;
};

/* Drops a marker at T seconds named LABEL (NULL or "": its number) and
 * saves it in DIR's session.json; a failure to save is reported and the
 * marker is still kept here (the capture's record then holds it).  False
 * when the recording already has CAP_MAX_MARKERS. */
bool cap_markers_drop(struct cap_markers *m, const char *dir, double t, const char *label);

/* True when marker I has a name of its own (not just its number). */
bool cap_markers_named(const struct cap_markers *m, int i);

void cap_markers_free(struct cap_markers *m);

#endif
