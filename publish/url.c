/* url.c — see url.h. */
#include "url.h"
#include "paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *pub_url_path(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = st_xcalloc(strlen(path) * 3 + 1, 1), *o = out;

	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	return out;
}

char *pub_file_url(const char *path)
{
	char *enc = pub_url_path(path);
	char *url = st_strdup_printf("file://%s", enc);

	free(enc);
	return url;
}
