/* devices.c — what can be recorded here. */
#include "devices.h"

#include <fcntl.h>
#include <glob.h>
#include <jansson.h>
#include <linux/videodev2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "audio.h"
#include "msg.h"
#include "paths.h"
#include "status.h"

/* The card name V4L2 reports for PATH, or "" when it cannot be asked. */
static void video_name(const char *path, char *out, size_t len)
{
	struct v4l2_capability cap;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	*out = '\0';
	if (fd < 0)
		return;
	memset(&cap, 0, sizeof cap);
	if (ioctl(fd, VIDIOC_QUERYCAP, &cap) == 0)
		snprintf(out, len, "%s", (const char *)cap.card);
	close(fd);
}

char *cap_video_devices(void)
{
	glob_t g;
	char *s = st_xstrdup(""), *t, name[64];

	if (glob("/dev/video*", 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++) {
			video_name(g.gl_pathv[i], name, sizeof name);
			t = st_strdup_printf("%s%s%s%s%s%s", s, *s ? ", " : "", g.gl_pathv[i],
					     *name ? " (" : "", name, *name ? ")" : "");
			free(s);
			s = t;
		}
		globfree(&g);
	}
	if (!*s) {
		free(s);
		s = st_xstrdup(_("none"));
	}
	return s;
}

static void list_video(json_t *array)
{
	glob_t g;
	char name[64];

	if (!array)
		printf("%s\n", _("video devices (V4L2):"));
	if (glob("/dev/video*", 0, NULL, &g) != 0) {
		if (!array)
			printf("  %s\n", _("none"));
		return;
	}
	for (size_t i = 0; i < g.gl_pathc; i++) {
		video_name(g.gl_pathv[i], name, sizeof name);
		if (array)
			json_array_append_new(array, json_pack("{s:s, s:s, s:s}", "type", "video",
							       "path", g.gl_pathv[i], "name", name));
		else
			printf("  %-14s %s\n", g.gl_pathv[i], name);
	}
	globfree(&g);
}

int cap_list_devices(bool json)
{
	json_t *array = json ? json_array() : NULL;
	int rc;

	if (json && !array)
		return ST_OSERR;
	rc = cap_audio_list(stdout, array);
	if (rc == ST_OK)
		list_video(array);
	if (rc == ST_OK && array) {
		char *text = json_dumps(array, JSON_INDENT(2));

		if (text)
			printf("%s\n", text);
		free(text);
	}
	json_decref(array);
	return rc;
}
