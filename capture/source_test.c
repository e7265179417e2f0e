/* source_test.c — the built-in test sources, through libavdevice's lavfi. */
#include <stdio.h>

#include "msg.h"
#include "source.h"

int cap_source_open_test(struct cap_source **out, const struct cap_video_spec *v)
{
	char graph[160];

	snprintf(graph, sizeof graph,
		 "testsrc2=size=%dx%d:rate=%d[out0];sine=frequency=440:sample_rate=48000[out1]",
		 v->width, v->height, v->fps);
	return cap_source_open_avdev(out, "lavfi", graph, NULL, _("the test sources"), "test");
}
