/* slug.h — the folder name a session gets on a publication target. */
#ifndef STUDIO_PUBLISH_SLUG_H
#define STUDIO_PUBLISH_SLUG_H

/* Reduces NAME (UTF-8, typically a session folder's basename) to
 * [a-z0-9-]: ASCII letters are lowercased, the accented Latin letters of
 * French, Corsican and neighbouring languages are folded to ASCII
 * ("Ghjurnata à Bastia" → "ghjurnata-a-bastia"), every other run of
 * characters becomes one '-', and leading/trailing '-' are dropped.  The
 * result is never empty (it falls back to "session") and so never "." or
 * "..".  Malloc'ed. */
char *pub_slug(const char *name);

#endif
