/* video.h — the live video inputs of --video, through libavdevice:
 * the test pattern paced to real time, x11grab, video4linux2.  Raw
 * pictures are decoded and encoded again by the writer with x264; MJPEG
 * and H.264 from a camera are stored as delivered (packets.h). */
#ifndef CAPTURE_VIDEO_H
#define CAPTURE_VIDEO_H

#include "options.h"
#include "source.h"

#define CAP_KIND_LEN 320

/* Opens the video-only source described by V.  KIND (for session.json)
 * is written into kind[64]. */
int cap_video_open(struct cap_source **out, const struct cap_video_spec *v, char kind[CAP_KIND_LEN]);

#endif
