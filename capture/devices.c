/* devices.c — what can be recorded here. */
#include "devices.h"

#include <fcntl.h>
#include <glob.h>
#include <jansson.h>
#include <libavdevice/avdevice.h>
#include <libavformat/avformat.h>
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
			json_array_append_new(array, json_pack("{s:s, s:s, s:s, s:s}", "type", "video",
							       "kind", "v4l2", "path", g.gl_pathv[i],
							       "name", name));
		else
			printf("  %-14s %s\n", g.gl_pathv[i], name);
	}
	globfree(&g);
}

/* The X11 screen of $DISPLAY as libavdevice's x11grab opens it (its size
 * and rate), listed when it opens: no X server, nothing listed.  The grab
 * is opened and closed at once, no picture is kept. */
static void list_screen(json_t *array)
{
	const char *display = getenv("DISPLAY");
	AVFormatContext *fmt = NULL;
	const AVCodecParameters *par;

	if (!array)
		printf("%s\n", _("screen (X11):"));
	avdevice_register_all();
	if (!display || !*display ||
	    avformat_open_input(&fmt, display, av_find_input_format("x11grab"), NULL) < 0 ||
	    fmt->nb_streams < 1) {
		if (!array)
			printf("  %s\n", _("none"));
		avformat_close_input(&fmt);
		return;
	}
	par = fmt->streams[0]->codecpar;
	if (array)
		json_array_append_new(array, json_pack("{s:s, s:s, s:s, s:i, s:i, s:f}", "type",
						       "video", "kind", "x11", "display", display,
						       "width", par->width, "height", par->height,
						       "fps", av_q2d(fmt->streams[0]->avg_frame_rate)));
	else
		printf("  x11:%-10s %dx%d\n", display, par->width, par->height);
	avformat_close_input(&fmt);
}

int cap_list_devices(bool json)
{
	json_t *array = json ? json_array() : NULL;
	int rc;

	if (json && !array)
		return ST_OSERR;
	rc = cap_audio_list(stdout, array);
	if (rc == ST_OK) {
		list_video(array);
		list_screen(array);
	}
	if (rc == ST_OK && array) {
		char *text = json_dumps(array, JSON_INDENT(2));

		if (text)
			printf("%s\n", text);
		free(text);
	}
	json_decref(array);
	return rc;
}
