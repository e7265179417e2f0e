/* target_ops.h — the one table of target types: what a target of each type
 * needs in publish.ini (read by config.c) and how it publishes (called by
 * main.c).  A new type is one row here, one value of enum pub_type and its
 * target_TYPE.c. */
#ifndef STUDIO_PUBLISH_TARGET_OPS_H
#define STUDIO_PUBLISH_TARGET_OPS_H

#include "config.h"
#include "job.h"
#include "record.h"

#include <stdbool.h>

struct pub_target_ops {
	const char *type;      /* its name in publish.ini: "dir", "webdav", "mediawiki" */
	const char *where;     /* the key it cannot do without: where it publishes */
	bool username;         /* a username is required too */
	/* Publishes JOB on T; with DRY_RUN only prints (or plans, plan.h) what
	 * it would do and writes nothing; FORCE replaces what differs.  Fills
	 * OUT, which the caller frees and, unless DRY_RUN, records. */
	int (*publish)(const struct pub_target *t, const struct pub_job *job, bool dry_run,
		       bool force, struct pub_outcome *out);
};

/* Indexed by enum pub_type. */
extern const struct pub_target_ops pub_target_ops[PUB_TYPE_COUNT];

#endif
