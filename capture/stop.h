/* stop.h — SIGINT and SIGTERM end the recording cleanly: the handler only
 * sets an atomic flag that the recording loops poll.  A second SIGINT
 * exits at once (status 130, as a shell reports a SIGINT death): the
 * master is then left as after a crash, playable, and the next run or
 * --recover records it. */
#ifndef CAPTURE_STOP_H
#define CAPTURE_STOP_H

#include <stdbool.h>

#define CAP_EXIT_AT_ONCE 130

int cap_stop_install(void);
bool cap_stop_requested(void);
/* The q key: the same as a first SIGINT. */
void cap_stop_request(void);

#endif
