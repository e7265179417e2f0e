/* testhook.c — see testhook.h. */
#include "testhook.h"

#include <stdlib.h>

const char *cap_test_camera_file(void)
{
	const char *f = getenv("STUDIO_TEST_CAMERA_FILE");

	return f && *f ? f : NULL;
}
