/* secret.h — the password of a target, never taken from the command line.
 *
 * It comes from the environment variable STUDIO_PASSWORD_<TARGET> (the
 * target name uppercased, every character other than A-Z and 0-9 turned
 * into '_': [movilab] → STUDIO_PASSWORD_MOVILAB), else from the target's
 * password_file, which must be a regular file owned by the user with mode
 * 0600 or 0400 (a secret others can read is refused, as ssh does).  The
 * file's first line is the password; a trailing newline is not part of it.
 * The value is never printed: messages name the file or the variable. */
#ifndef STUDIO_PUBLISH_SECRET_H
#define STUDIO_PUBLISH_SECRET_H

#include "config.h"

/* The environment variable for target NAME.  Malloc'ed. */
char *pub_secret_env_name(const char *name);

/* Stores a malloc'ed copy of T's password in *OUT.  Prints one message
 * and returns ST_CONFIG when there is none or the file is refused. */
int pub_secret_read(const struct pub_target *t, char **out);

/* Overwrites and frees *S; NULL-safe, clears the pointer. */
void pub_secret_free(char **s);

#endif
