/* describe.h — studio-capture --describe DIR: corrects the metadata of a
 * recorded session (title, description, speakers, languages, marker
 * names) in DIR/session.json, without recording or opening any device. */
#ifndef CAPTURE_DESCRIBE_H
#define CAPTURE_DESCRIBE_H

#include "options.h"

/* One locked, atomic update of O->describe's session.json
 * (st_session_update()): the options given replace what it holds, the
 * rest is kept.  A marker number past the markers of the latest capture
 * refuses the whole update (nothing written).  Prints one line per change,
 * or that nothing changed (then nothing is written, "updated" included). */
int cap_describe(const struct cap_opts *o);

#endif
