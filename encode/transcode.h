/* transcode.h — one encoding pass: the master is decoded once and every
 * frame goes to each requested rendition. */
#ifndef ENC_TRANSCODE_H
#define ENC_TRANSCODE_H

#include <stddef.h>

#include "metadata.h"
#include "preset.h"

struct enc_job {
	const struct enc_preset *preset;   /* not owned */
	char *path;                        /* final output path, owned by the caller */
};

/* Encodes MASTER for the N JOBS, tagging the outputs with META.  Outputs
 * appear under their final names only after the whole pass succeeded; on
 * failure none is left behind.  LABEL names the pass in the progress
 * line. */
int enc_transcode(const char *master, const struct st_meta *meta,
		  const struct enc_job *jobs, size_t n, const char *label);

#endif
