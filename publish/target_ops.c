/* target_ops.c — see target_ops.h. */
#include "target_ops.h"
#include "target_dir.h"
#include "mediawiki/target_mediawiki.h"
#include "webdav/target_webdav.h"

const struct pub_target_ops pub_target_ops[PUB_TYPE_COUNT] = {
	[PUB_TYPE_DIR] = {"dir", "path", false, pub_dir_publish},
	[PUB_TYPE_WEBDAV] = {"webdav", "url", true, pub_webdav_publish},
	[PUB_TYPE_MEDIAWIKI] = {"mediawiki", "api", true, pub_mediawiki_publish},
};
