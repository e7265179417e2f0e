/* testhook.c — see testhook.h. */
#include "testhook.h"

#include <stdio.h>
#include <stdlib.h>

const char *cap_test_camera_file(void)
{
	const char *f = getenv("STUDIO_TEST_CAMERA_FILE");

	return f && *f ? f : NULL;
}

void cap_test_time(const char *event, double seconds)
{
	const char *path = getenv("STUDIO_TEST_TIMES");
	FILE *f = path && *path ? fopen(path, "a") : NULL;

	if (!f)
		return;
	fprintf(f, "%s %.6f\n", event, seconds);
	fclose(f);
}
