/* stop.h — SIGINT and SIGTERM end the recording cleanly: the handler only
 * sets an atomic flag that the recording loop polls between frames. */
#ifndef CAPTURE_STOP_H
#define CAPTURE_STOP_H

#include <stdbool.h>

int cap_stop_install(void);
bool cap_stop_requested(void);

#endif
