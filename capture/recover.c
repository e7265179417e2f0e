/* recover.c — finishing the record of an interrupted recording. */
#include "recover.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "manifest.h"
#include "human.h"
#include "msg.h"
#include "paths.h"
#include "probe.h"
#include "status.h"

/* Fails when a running studio-capture still holds the master's lock. */
static int not_in_use(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc = ST_OK;

	if (fd < 0) {
		st_error(_("cannot open %s: %s"), path, strerror(errno));
		return ST_NOINPUT;
	}
	if (flock(fd, LOCK_SH | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			st_error(_("%s is being recorded right now: nothing to recover"), path);
		else
			st_error(_("cannot lock %s: %s"), path, strerror(errno));
		rc = ST_TEMPFAIL;
	}
	close(fd);
	return rc;
}

static int record(const char *dir, const char *path)
{
	struct cap_description d;
	struct cap_capture c = {0};
	char len[ST_HUMAN_LEN];
	int rc = cap_probe_master(path, &d);

	if (rc != ST_OK)
		return rc;
	c.started = d.started;
	c.source = *d.source ? d.source : "unknown";
	c.end = "recovered";
	c.desc = &d;
	rc = cap_session_record(dir, &c);
	if (rc == ST_OK)
		st_info(_("recovered the interrupted recording %s: %s recorded"), path,
			st_htime(len, sizeof len, d.duration, 1, NULL));
	return rc;
}

int cap_recover(const char *dir, bool explicit)
{
	char *path = st_path_join(dir, CAP_MASTER_FILE);
	bool known = false, there = false;
	int rc = cap_master_present(dir, &there);

	if (rc == ST_OK && !there) {
		if (explicit) {
			st_error(_("nothing to recover in %s: no %s"), dir, CAP_MASTER_FILE);
			rc = ST_NOINPUT;
		}
		goto out;
	}
	if (rc == ST_OK)
		rc = cap_session_has_master(dir, &known);
	if (rc != ST_OK)
		goto out;
	if (known) {
		if (explicit)
			st_info(_("nothing to recover in %s: its recording is complete"), dir);
		goto out;
	}
	rc = not_in_use(path);
	if (rc == ST_OK)
		rc = record(dir, path);
out:
	free(path);
	return rc;
}
