/* manifest.h — what studio-capture reads and writes in the session folder
 * (through lib/session.h, the only code that touches session.json). */
#ifndef CAPTURE_MANIFEST_H
#define CAPTURE_MANIFEST_H

#include "options.h"
#include "source.h"
#include "writer.h"

/* The master, relative to the session folder. */
#define CAP_MASTER_FILE "master/master.mkv"

/* Creates DIR and DIR/master.  A folder that already holds a recording (a
 * non-empty master/ or captures in session.json) is refused: a master is
 * never overwritten. */
int cap_session_prepare(const char *dir);

struct cap_capture {
	const char *started;                 /* ISO 8601 */
	const struct cap_source_info *source;
	const struct cap_master *master;
};

/* Records the options' title, language and speakers and the capture C in
 * DIR/session.json (created if missing). */
int cap_session_record(const char *dir, const struct cap_opts *o, const struct cap_capture *c);

#endif
