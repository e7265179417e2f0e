/* disk.c — free space and the file size limit. */
#include "disk.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/statvfs.h>

#include "human.h"
#include "msg.h"
#include "status.h"

int64_t cap_disk_room(const char *dir, int64_t file_bytes)
{
	struct statvfs vfs;
	struct rlimit lim;
	int64_t room;

	if (statvfs(dir, &vfs) != 0) {
		st_error(_("cannot read the free space of %s: %s"), dir, strerror(errno));
		return -1;
	}
	room = (int64_t)vfs.f_bavail * (int64_t)vfs.f_frsize;
	if (getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY &&
	    (int64_t)lim.rlim_cur - file_bytes < room)
		room = (int64_t)lim.rlim_cur - file_bytes;
	return room < 0 ? 0 : room;
}

const char *cap_disk_human(double bytes, char buf[16])
{
	return st_hsize(buf, 16, bytes);
}

int cap_disk_check_start(const char *dir, double bytes_per_second, double duration)
{
	double want = duration > 0 ? duration : CAP_DISK_MIN_SECONDS;
	double need = bytes_per_second * want + CAP_DISK_MARGIN;
	int64_t room = cap_disk_room(dir, 0);
	char a[16], b[16];

	if (room < 0)
		return ST_CANTCREAT;
	if (room >= need)
		return ST_OK;
	st_error(_("not enough space in %s: %s free, %s needed for %.0f s of recording"), dir,
		 cap_disk_human((double)room, a), cap_disk_human(need, b), want);
	return ST_NOSPACE;
}
