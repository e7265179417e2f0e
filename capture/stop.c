/* stop.c — the stop flag set by SIGINT and SIGTERM. */
#include "stop.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "status.h"
#include "ui.h"

/* Only lock-free atomics may be touched from a signal handler. */
_Static_assert(ATOMIC_BOOL_LOCK_FREE == 2, "atomic_bool must be lock-free");
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "atomic_int must be lock-free");

static atomic_bool stop_flag;
static atomic_int interrupts;

static void on_signal(int sig)
{
	if (sig == SIGINT && atomic_fetch_add(&interrupts, 1) >= 1) {
		cap_ui_emergency_restore();
		_exit(CAP_EXIT_AT_ONCE);
	}
	atomic_store(&stop_flag, true);
}

int cap_stop_install(void)
{
	static const int sigs[] = {SIGINT, SIGTERM};
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		if (sigaction(sigs[i], &sa, NULL) != 0) {
			st_error(_("cannot catch signal %s: %s"), strsignal(sigs[i]), strerror(errno));
			return ST_OSERR;
		}
	}
	return ST_OK;
}

bool cap_stop_requested(void)
{
	return atomic_load(&stop_flag);
}

void cap_stop_request(void)
{
	atomic_store(&stop_flag, true);
}
