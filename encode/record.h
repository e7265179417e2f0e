/* record.h — recording renditions in the session manifest. */
#ifndef ENC_RECORD_H
#define ENC_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "measure.h"
#include "sidecar.h"

/* The selection a file was made from, in seconds on the master's
 * timeline: recorded as "selection": {"start", "end"} so that publish
 * pairs captions and chapters with the renditions of the same part. */
struct enc_span {
	double start, end;
};

struct enc_record {
	const char *preset;
	const char *kind;              /* "video", "audio" or "picture" */
	const char *file;              /* relative to the session folder */
	const struct enc_measure *m;
	int64_t maxrate, bufsize;      /* video rate cap used, 0: none */
	struct enc_span selection;
	int passes;                    /* a size budget's x264 passes (1 or 2), 0: none */
};

/* The record of one rendition as JSON (new reference, NULL when out of
 * memory): also the element of --json's "renditions". */
json_t *enc_record_json(const struct enc_record *r, const char *now);

/* The record of one sidecar file (new reference, NULL when out of memory):
 * {"kind": "captions"|"chapters", "file", "bytes", "sha256", "language"
 * (captions only), "presets": the N PRESETS of the run, "selection": SEL,
 * "encoded"}.  It has no "preset" member, which names one rendition's own
 * preset. */
json_t *enc_sidecar_json(const struct enc_sidecar *s, const char *const *presets, size_t n,
			 const struct enc_span *sel, const char *now);

/* Adds or replaces, in one locked update of DIR/session.json, the
 * "renditions" element of each preset of RECS (matched by "preset") and of
 * each of the NS sidecars SC (matched by "file"), made from selection
 * SC_SEL. */
int enc_record_session(const char *dir, const struct enc_record *recs, size_t n,
		       const struct enc_sidecar *sc, size_t ns, const struct enc_span *sc_sel);

#endif
