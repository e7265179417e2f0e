/* paths.h — files and folders: atomic outputs, directories, locations of
 * shipped data relative to the executable. */
#ifndef STUDIO_PATHS_H
#define STUDIO_PATHS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Returns a malloc'ed "a/b" (one slash between them).  Never NULL: aborts on
 * out of memory like every allocation helper here. */
char *st_path_join(const char *a, const char *b);

/* Returns malloc'ed printf result; aborts on out of memory. */
char *st_strdup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *st_xstrdup(const char *s);
void *st_xcalloc(size_t n, size_t size);

/* mkdir -p with mode 0755; prints an error and returns an st_status. */
int st_mkdirs(const char *path);

bool st_is_dir(const char *path);
bool st_is_file(const char *path);

/* Directory of the running executable (malloc'ed), or NULL. */
char *st_exe_dir(void);

/* Finds shipped data: <exe>/../share/REL when that is a directory (the
 * layout of both the build tree and an installation, so a relocated install
 * works), else a copy of FALLBACK.  Malloc'ed. */
char *st_share_dir(const char *rel, const char *fallback);

/* st_share_dir("corsicalab-studio/SUB", FALLBACK): presets and other data. */
char *st_data_dir(const char *sub, const char *fallback);

/* An output that appears under its final name only when complete.
 * st_atomic_open() creates "<dir>/.<name>.XXXXXX" next to FINAL; write to
 * out->fd or out->tmp_path, then st_atomic_commit() fsyncs the file,
 * renames it onto FINAL and fsyncs the folder.  st_atomic_abort() removes
 * the temporary file.  Both are safe to call on an unopened struct. */
struct st_atomic {
	char *final_path;
	char *tmp_path;
	int fd;
};
int st_atomic_open(struct st_atomic *out, const char *final_path);
int st_atomic_commit(struct st_atomic *out);
void st_atomic_abort(struct st_atomic *out);

/* Writes LEN bytes atomically to PATH (st_atomic_*). */
int st_write_file_atomic(const char *path, const void *data, size_t len);

/* Copies SRC to DST atomically (temporary name, fsync, rename). */
int st_copy_file_atomic(const char *src, const char *dst);

/* The same from the open descriptor IN, read from offset 0 with pread (its
 * position is left alone); SRC only names it in messages. */
int st_copy_fd_atomic(int in, const char *src, const char *dst);

/* SHA-1 (BITS 160: MediaWiki's file hash) or SHA-256 (BITS 256) of a file,
 * as BITS/4 lowercase hex chars in HEX (BITS/4 + 1 bytes), and its size in
 * *BYTES (if not NULL), through digest.h. */
int st_file_sha(const char *path, int bits, char *hex, uint64_t *bytes);

/* st_file_sha() of the open descriptor FD (read from offset 0 with pread);
 * PATH only names it in messages. */
int st_fd_sha(int fd, const char *path, int bits, char *hex, uint64_t *bytes);

/* st_file_sha(PATH, 256, ...). */
int st_file_sha256(const char *path, char hex[65], uint64_t *bytes);

#endif
