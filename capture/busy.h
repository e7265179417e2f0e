/* busy.h — is an ALSA device busy?
 *
 * PortAudio 19.6 lists an ALSA device only if it can open it while
 * enumerating: a device that another program holds (EBUSY) is simply not
 * there, and "--audio NAME" would end as "no such device".  When the name
 * asked for is not found, the caller asks ALSA itself whether a PCM of
 * that name exists and is busy.  alsa-lib is reached through the copy
 * PortAudio already loaded (dlsym), so that studio-capture does not link
 * it for this one question; without it the answer is "not busy". */
#ifndef CAPTURE_BUSY_H
#define CAPTURE_BUSY_H

#include <stdbool.h>
#include <stddef.h>

/* True when opening the ALSA PCM NAME for capture fails with EBUSY; WHY
 * then holds alsa-lib's error text. */
bool cap_alsa_busy(const char *name, char *why, size_t n);

#endif
