/* probe.h — what a master holds, read back from the file itself: used to
 * describe a recording after a crash or a full disk, when only the file
 * knows how far it got. */
#ifndef CAPTURE_PROBE_H
#define CAPTURE_PROBE_H

#include <libavutil/rational.h>

#include "writer.h"

#define CAP_MAX_STREAMS 33

struct cap_stream_desc {
	const char *type;          /* "video" or "audio" */
	char codec[32];
	int width, height;
	AVRational fps;
	int sample_rate, channels, bits;
	char title[32];            /* "channel 3" for device tracks */
};

struct cap_description {
	double duration;           /* seconds that every stream reaches */
	int n_streams;
	struct cap_stream_desc streams[CAP_MAX_STREAMS];
	char source[160];          /* STUDIO_SOURCE tag, "" if none */
	char started[40];          /* STUDIO_STARTED tag, "" if none */
};

/* Reads every packet of the Matroska file PATH (no decoding) to find its
 * real duration: how far all its streams reach.  A file cut short is
 * fine: reading stops at its end; one killed before its first cluster
 * (header only) is described as empty, 0 s. */
int cap_probe_master(const char *path, struct cap_description *out);

/* The same description from a finished writer (no reading back). */
void cap_describe_writer(const struct cap_writer *w, struct cap_description *out);

#endif
