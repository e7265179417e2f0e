/* safefile.h — the path policy for every file a session names.
 *
 * session.json names files relative to the session folder (captures[].file,
 * captions[].file, renditions[].file) and the programs create folders and a
 * lock file in it.  Every such path is resolved here, one component at a
 * time from a descriptor of the session folder (openat with O_NOFOLLOW):
 *
 *   - the path must be relative, without an empty, "." or ".." component;
 *   - no component may be a symbolic link, not even one that stays inside
 *     the session (one simple rule: nothing is followed);
 *   - a file read must be a regular file (fstat after the open; the open
 *     uses O_NONBLOCK, so a FIFO cannot hang the program);
 *   - a folder created must end up a real folder, not a link to one.
 *
 * The caller then reads the file through the descriptor it got (hash, copy,
 * upload), never by name again, so what was checked is what is used.
 * Every refusal prints one message naming the path (DIR/REL) and returns an
 * st_status: ST_DATAERR for a path the policy refuses, ST_NOINPUT for a
 * missing file, ST_CANTCREAT/ST_IOERR for system failures. */
#ifndef STUDIO_SAFEFILE_H
#define STUDIO_SAFEFILE_H

#include <stdbool.h>

/* True when REL is spelt as a path inside a folder: relative, non-empty,
 * no empty, "." or ".." component.  Says nothing about links. */
bool st_safe_relative(const char *rel);

/* Opens DIR (the session folder, as the user named it: DIR itself may be
 * a link) as a directory descriptor into *FD. */
int st_safe_dir_open(const char *dir, int *fd);

/* Opens DIR/REL for reading under the rules above; DIRFD is DIR opened by
 * st_safe_dir_open().  *FD is a blocking, close-on-exec descriptor of a
 * regular file, positioned at 0; the caller closes it. */
int st_safe_open_read(int dirfd, const char *dir, const char *rel, int *fd);

/* st_safe_open_read() from the folder's name: opens DIR, then DIR/REL. */
int st_safe_open_in(const char *dir, const char *rel, int *fd);

/* Creates DIR/REL (and the folders leading to it, mode 0755) unless it is
 * there, each component a real folder, never a link.  *FD (if not NULL)
 * receives a descriptor of the folder. */
int st_safe_mkdir(const char *dir, const char *rel, int *fd);

/* Opens DIR/NAME read-write, creating it (mode 0644) if needed, for a lock:
 * NAME directly in DIR, not a link, a regular file. */
int st_safe_open_lock(const char *dir, const char *name, int *fd);

/* Checks, without opening or creating it, that DIR/NAME is a regular file
 * when it exists (not a link, a FIFO, a folder...). */
int st_safe_check_file(const char *dir, const char *name);

/* "/proc/self/fd/N": a name for an open descriptor, for libraries that
 * only take a file name (libavformat, libcurl's readers).  Opening it
 * reopens the very file FD holds, whatever its name now.  Malloc'ed. */
char *st_fd_path(int fd);

#endif
