/* manifest.h — what studio-capture reads and writes in the session folder
 * (through lib/session.h, the only code that touches session.json). */
#ifndef CAPTURE_MANIFEST_H
#define CAPTURE_MANIFEST_H

#include <stdbool.h>
#include <stdint.h>

#include "markers.h"
#include "metadata.h"
#include "options.h"
#include "probe.h"

/* The master and its folder, relative to the session folder. */
#define CAP_MASTER_DIR "master"
#define CAP_MASTER_FILE CAP_MASTER_DIR "/master.mkv"

/* Creates DIR and DIR/master (a real folder, never a link: safefile.h).
 * A folder that already holds a recording (a master, or captures in
 * session.json) is refused: a master is never overwritten.  An interrupted
 * recording found there is first recovered (recover.h). */
int cap_session_prepare(const char *dir);

/* *THERE tells whether DIR/master/master.mkv exists; something there that
 * the path policy refuses (a link, a FIFO, a link on the way) is an error
 * naming it. */
int cap_master_present(const char *dir, bool *there);

/* Before recording: the options' title, language and speakers, the
 * producer and the start time STARTED, so that they survive a crash, and
 * a "recording" entry where markers are saved as they are dropped. */
int cap_session_begin(const char *dir, const struct cap_opts *o, const char *started);

struct cap_capture {
	const char *started;                 /* ISO 8601 */
	const char *source;                  /* "test", "alsa:NAME", ... */
	const char *end;                     /* why it ended: see docs/capture.md */
	const struct cap_description *desc;
	const char *audio_format;            /* "s24"..., NULL for the test tone */
	bool counted;                        /* the counts below are known */
	int64_t dropped_samples;
	int64_t overflows;
	int64_t dropped_frames;
	bool has_video_offset;
	double video_offset;
	const struct cap_markers *markers;   /* NULL: none */
};

/* The metadata of DIR/session.json (as cap_session_begin() wrote it), for
 * the master's tags.  M is filled only on success; st_meta_free() it. */
int cap_session_meta(const char *dir, struct st_meta *m);

/* Appends the capture C to DIR/session.json and removes the "recording"
 * entry cap_session_begin() made.  C with no markers (a recovery) takes the
 * markers saved there. */
int cap_session_record(const char *dir, const struct cap_capture *c);

/* Saves a marker named LABEL at T seconds into the recording in progress,
 * at once, so that it survives a crash. */
int cap_session_marker(const char *dir, double t, const char *label);

/* *FOUND tells whether session.json already records the master. */
int cap_session_has_master(const char *dir, bool *found);

#endif
