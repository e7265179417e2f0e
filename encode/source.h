/* source.h — what to encode and where the results go: a session folder
 * (its last capture, its metadata, SESSION/renditions/) or a plain file
 * (default metadata, --output-dir, no manifest). */
#ifndef ENC_SOURCE_H
#define ENC_SOURCE_H

#include <stdbool.h>

#include "chapters.h"
#include "metadata.h"

/* The folder of a session's renditions, relative to the session. */
#define ENC_RENDITIONS "renditions"

/* Owns every string it holds; enc_source_free() releases them. */
struct enc_source {
	char *session_dir;    /* NULL for a plain file */
	char *master;         /* the file to encode */
	char *out_dir;        /* where renditions go */
	struct st_meta meta;
	bool has_meta;
	struct enc_marker *markers;   /* of the last capture, sorted by time */
	size_t nmarkers;
	char **captions;              /* "LANG=PATH" from session.json's "captions" */
	size_t ncaptions;
};

/* Resolves INPUT; OUTPUT_DIR is required for a plain file and refused for
 * a session (whose renditions always go to SESSION/renditions, the folder
 * its manifest points into).  Reads the manifest but writes nothing.  The
 * files the manifest names (the last capture, the captions) must pass the
 * path policy of safefile.h; the first that does not is refused, named. */
int enc_source_open(struct enc_source *s, const char *input, const char *output_dir);
void enc_source_free(struct enc_source *s);

#endif
