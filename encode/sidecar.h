/* sidecar.h — the files written next to the renditions: captions.LANG.vtt
 * for each caption file and chapters.vtt when the selection has markers,
 * each read back (size, SHA-256) so the manifest can record it like a
 * rendition and studio-publish can find it. */
#ifndef ENC_SIDECAR_H
#define ENC_SIDECAR_H

#include <stddef.h>
#include <stdint.h>

#include "captions.h"
#include "chapters.h"

struct enc_sidecar {
	char *path;            /* where it was written */
	char *file;            /* as recorded: relative to the session folder
				  (RECORD_DIR/NAME), else PATH itself */
	const char *kind;      /* "captions" or "chapters" (static) */
	const char *lang;      /* captions: ISO 639-1 as given ("fr"), else NULL */
	char sha256[65];
	uint64_t bytes;
};

/* Owns its elements; enc_sidecars_free() releases them. */
struct enc_sidecars {
	struct enc_sidecar *v;
	size_t n;
};

/* Writes every sidecar into OUT_DIR (atomically, one at a time), each with
 * META's title and attribution line in a NOTE block, and reads each back.
 * RECORD_DIR is the prefix of the recorded "file" ("renditions" for a
 * session), or NULL to record the path itself (a plain file). */
int enc_sidecars_write(struct enc_sidecars *s, const char *out_dir, const char *record_dir,
		       const struct enc_caption *caps, size_t ncaps, const struct enc_cut *sel,
		       const struct enc_chapters *chapters, const struct st_meta *meta);
void enc_sidecars_free(struct enc_sidecars *s);

#endif
