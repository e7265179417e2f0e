/* Fuzz target: a WebDAV PROPFIND answer (207 Multi-Status) through the
 * parser the webdav target uses (publish/dav_multistatus.c), resolved
 * against a request URL whose path has an encoded character. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../publish/webdav/dav_multistatus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dav_multistatus ms;
	char *err = NULL;

	if (dav_multistatus_parse((const char *)data, size, "https://127.0.0.1:8443/dav/s%C3%A9/",
				  &ms, &err)) {
		if (!err || ms.n || ms.e)
			__builtin_trap(); /* a failure has a reason and no entries */
		free(err);
		return 0;
	}
	for (size_t i = 0; i < ms.n; i++) {
		const struct dav_entry *e = &ms.e[i];

		/* every href is resolved to an absolute path; lengths are real */
		if (!e->path || e->path[0] != '/' || e->length < -1 || (e->etag && !*e->etag))
			__builtin_trap();
		/* lockdiscovery: texts are trimmed, never empty */
		if ((e->lock_owner && !*e->lock_owner) || (e->lock_token && !*e->lock_token))
			__builtin_trap();
		if (dav_multistatus_find(&ms, e->path) == NULL)
			__builtin_trap();
	}
	dav_multistatus_free(&ms);
	return 0;
}
