/* video.c — --video SPEC to a libavdevice input. */
#include "video.h"

#include <libavutil/dict.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "devices.h"
#include "msg.h"
#include "status.h"

static int open_test(struct cap_source **out, const struct cap_video_spec *v, char kind[CAP_KIND_LEN])
{
	char graph[160];

	snprintf(graph, sizeof graph, "testsrc2=size=%dx%d:rate=%d,realtime", v->width, v->height,
		 v->fps);
	snprintf(kind, CAP_KIND_LEN, "test");
	return cap_source_open_video(out, "lavfi", graph, NULL, _("the test pattern"), kind);
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
	rc = cap_source_open_video(out, "x11grab", url, &d, kind, kind);
	av_dict_free(&d);
	return rc;
}

static int open_v4l2(struct cap_source **out, const struct cap_video_spec *v, char kind[CAP_KIND_LEN])
{
	AVDictionary *d = NULL;
	struct stat sb;
	char *found;
	int rc;

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
	rc = cap_source_open_video(out, "video4linux2", v->device, &d, kind, kind);
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
