/* video.c — --video SPEC to a libavdevice input. */
#include "video.h"

#include <libavutil/dict.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "devices.h"
#include "msg.h"
#include "status.h"
#include "testhook.h"

static int open_test(struct cap_source **out, const struct cap_video_spec *v, char kind[CAP_KIND_LEN])
{
	char graph[160];

	snprintf(graph, sizeof graph, "testsrc2=size=%dx%d:rate=%d,realtime", v->width, v->height,
		 v->fps);
	snprintf(kind, CAP_KIND_LEN, "test");
	return cap_source_open_video(
		out, &(struct cap_video_input){"lavfi", graph, NULL, _("the test pattern"), kind,
					       false, false});
}

static void set_geometry(AVDictionary **d, const struct cap_video_spec *v)
{
	char buf[32];

	if (v->width) {
		snprintf(buf, sizeof buf, "%dx%d", v->width, v->height);
		av_dict_set(d, "video_size", buf, 0);
	}
	if (v->fps)
		av_dict_set_int(d, "framerate", v->fps, 0);
}

static int open_x11(struct cap_source **out, const struct cap_video_spec *v, char kind[CAP_KIND_LEN])
{
	AVDictionary *d = NULL;
	char url[300];
	int rc;

	if (v->width)
		snprintf(url, sizeof url, "%s+%d,%d", v->device, v->x, v->y);
	else
		snprintf(url, sizeof url, "%s", v->device);
	set_geometry(&d, v);
	snprintf(kind, CAP_KIND_LEN, "x11:%s", v->device);
	rc = cap_source_open_video(
		out, &(struct cap_video_input){"x11grab", url, &d, kind, kind, false, false});
	av_dict_free(&d);
	return rc;
}

/* The test hook (testhook.h): a file read in real time in place of the
 * camera, through the same compressed-picture path. */
static int open_stand_in(struct cap_source **out, const char *file, char kind[CAP_KIND_LEN])
{
	snprintf(kind, CAP_KIND_LEN, "test-camera:%s", file);
	return cap_source_open_video(
		out, &(struct cap_video_input){NULL, file, NULL, kind, kind, true, true});
}

static int open_v4l2(struct cap_source **out, const struct cap_video_spec *v, char kind[CAP_KIND_LEN])
{
	const char *stand_in = cap_test_camera_file();
	AVDictionary *d = NULL;
	struct stat sb;
	char *found;
	int rc;

	if (stand_in)
		return open_stand_in(out, stand_in, kind);
	if (stat(v->device, &sb) != 0 || !S_ISCHR(sb.st_mode)) {
		found = cap_video_devices();
		st_error(_("no video device %s: the video devices here are %s"), v->device, found);
		free(found);
		return ST_NOINPUT;
	}
	set_geometry(&d, v);
	if (*v->input_format)
		av_dict_set(&d, "input_format", v->input_format, 0);
	snprintf(kind, CAP_KIND_LEN, "v4l2:%s", v->device);
	/* MJPEG and H.264, asked for or the device's default, are stored as
	 * delivered. */
	rc = cap_source_open_video(
		out, &(struct cap_video_input){"video4linux2", v->device, &d, kind, kind, true, false});
	av_dict_free(&d);
	return rc;
}

int cap_video_open(struct cap_source **out, const struct cap_video_spec *v, char kind[CAP_KIND_LEN])
{
	switch (v->kind) {
	case CAP_VIDEO_TEST:
		return open_test(out, v, kind);
	case CAP_VIDEO_X11:
		return open_x11(out, v, kind);
	case CAP_VIDEO_V4L2:
		return open_v4l2(out, v, kind);
	case CAP_VIDEO_NONE:
		break;
	}
	*out = NULL;
	return ST_OK;
}
