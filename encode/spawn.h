/* spawn.h — running a command-line client (sbatch, squeue, scancel,
 * scontrol) and reading what it prints. */
#ifndef ENC_SPAWN_H
#define ENC_SPAWN_H

/* Runs ARGV[0] (looked up in PATH) with ARGV, stdin from /dev/null, and
 * collects its stdout in *OUT and its stderr in *ERR (malloc'ed,
 * NUL-terminated, trailing newlines removed; the caller frees both, even
 * on failure).  *EXIT is its exit status, or 128 + the signal that killed
 * it.  Returns ST_OK when the program ran (whatever its exit status), or
 * ST_UNAVAILABLE with one message when it could not be started. */
int enc_spawn(char *const argv[], char **out, char **err, int *exit);

#endif
