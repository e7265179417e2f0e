/* record.h — recording renditions in the session manifest. */
#ifndef ENC_RECORD_H
#define ENC_RECORD_H

#include <stddef.h>

#include "measure.h"

struct enc_record {
	const char *preset;
	const char *file;              /* relative to the session folder */
	const struct enc_measure *m;
};

/* Adds or replaces, in one locked update of DIR/session.json, the
 * "renditions" element of each preset of RECS. */
int enc_record_session(const char *dir, const struct enc_record *recs, size_t n);

#endif
