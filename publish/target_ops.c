/* target_ops.c — see target_ops.h. */
#include "target_ops.h"
#include "target_dir.h"
#include "target_mediawiki.h"
#include "target_webdav.h"

/* `dir` has nothing to force: a file there is replaced when it differs. */
static int dir_publish(const struct pub_target *t, const struct pub_job *job, bool dry_run,
		       bool force, struct pub_outcome *out)
{
	(void)force;
	return pub_dir_publish(t, job, dry_run, out);
}

const struct pub_target_ops pub_target_ops[PUB_TYPE_COUNT] = {
	[PUB_TYPE_DIR] = {"dir", "path", false, dir_publish},
	[PUB_TYPE_WEBDAV] = {"webdav", "url", true, pub_webdav_publish},
	[PUB_TYPE_MEDIAWIKI] = {"mediawiki", "api", true, pub_mediawiki_publish},
};
