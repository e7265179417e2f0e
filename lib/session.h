/* session.h — the session contract: SESSION/session.json.
 *
 * lib/ is the only code that reads and writes the manifest.  Every change
 * goes through st_session_update(): it takes an exclusive flock on
 * SESSION/.session.lock, reads the manifest afresh, lets the caller edit the
 * JSON tree, validates it, and writes it atomically (temporary file in the
 * same folder, fsync, rename, fsync of the folder).  Two programs updating
 * the same session therefore never lose each other's changes, and fields
 * this code does not know are carried over untouched.
 *
 * The schema is documented in docs/session.md. */
#ifndef STUDIO_SESSION_H
#define STUDIO_SESSION_H

#include <jansson.h>
#include <time.h>
#include <stdbool.h>

#define ST_SESSION_SCHEMA "studio-session/1"
#define ST_SESSION_FILE "session.json"

/* Edits ROOT in place; returns ST_OK to write, anything else to abandon the
 * update (nothing is written) — the callback prints its own message. */
typedef int (*st_session_edit_fn)(json_t *root, void *ctx);

/* Reads and validates DIR/session.json.  On success *out holds a new
 * reference the caller must json_decref().  A missing, unreadable,
 * malformed or invalid manifest gives one message naming the file and what
 * is wrong (with line and column for JSON syntax errors).  A lock file
 * (.session.lock) that is a link or not a regular file is refused here,
 * before any work (safefile.h: the lock is never opened through a link). */
int st_session_load(const char *dir, json_t **out);

/* Locked read-modify-write as described above.  With CREATE set and no
 * manifest yet, the callback receives a fresh skeleton
 * (st_session_new()) instead; without it, a missing manifest is an error.
 * "updated" is set to the current time on every write. */
int st_session_update(const char *dir, bool create, st_session_edit_fn fn, void *ctx);

/* A new manifest: schema, empty title/description objects, the Etalab
 * licence, empty captures/renditions/publications arrays.  New reference. */
json_t *st_session_new(void);

/* Checks the structure: the schema string, the types of the known fields.
 * On failure writes a short reason ("\"title\" must be an object") into
 * WHY and returns false. */
bool st_session_validate(const json_t *root, char *why, size_t whylen);

/* Replaces (or appends) the element of array KEY whose member MATCH_KEY
 * equals the string MATCH_VAL.  The array takes its own reference to ITEM:
 * the caller still owns (and must release) the one it holds.  Used so that
 * re-encoding a preset or re-publishing a file updates its record instead of
 * duplicating it. */
int st_session_upsert(json_t *root, const char *key, const char *match_key,
		      const char *match_val, json_t *item);

/* Current local time as ISO 8601 with offset ("2026-11-28T14:00:00+01:00")
 * in buf[32]. */
void st_iso8601_now(char buf[32]);
/* The same for the local time T. */
void st_iso8601_at(time_t t, char buf[32]);

#endif
