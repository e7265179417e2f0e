/* devices.h — --list-devices: PortAudio inputs and /dev/video* devices. */
#ifndef CAPTURE_DEVICES_H
#define CAPTURE_DEVICES_H

#include <stdbool.h>

/* Prints the list on stdout, as text or (JSON) one JSON array. */
int cap_list_devices(bool json);

/* "/dev/video0 (name), /dev/video2 (name)" or "none", malloc'ed. */
char *cap_video_devices(void);

#endif
