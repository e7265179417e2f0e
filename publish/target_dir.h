/* target_dir.h — the `dir` target: a local folder (or a mounted share)
 * that a web server serves as is. */
#ifndef STUDIO_PUBLISH_TARGET_DIR_H
#define STUDIO_PUBLISH_TARGET_DIR_H

#include "config.h"
#include "job.h"
#include "record.h"

#include <stdbool.h>

/* Publishes JOB into T->path/SLUG/, SLUG chosen and registered first
 * (claim.h): each rendition under its path relative to the session, then
 * index.html with transcript.LANG.html and chapters.json beside it
 * (page.h).  A destination file that is neither the recorded
 * content nor what this target published there before (session.json
 * "publications") stops the run before anything is written, unless
 * FORCE.  Every source is checked
 * against its session.json record before anything is written, so a
 * modified rendition fails the target with its page left as it was; each
 * copy is checked again after it is written.  Files already there with the
 * same sha256 are left alone.  With DRY_RUN, prints on stdout what would
 * be done and writes nothing.  On success fills OUT (pub_outcome_free()). */
int pub_dir_publish(const struct pub_target *t, const struct pub_job *job, bool dry_run,
		    bool force, struct pub_outcome *out);

#endif
