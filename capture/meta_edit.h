/* meta_edit.h — the session's descriptive metadata as studio-capture sets
 * it in session.json: at the start of a recording (manifest.c) and
 * afterwards with --describe (describe.c).  Called from inside an
 * st_session_update() callback, so every change is locked and atomic. */
#ifndef CAPTURE_META_EDIT_H
#define CAPTURE_META_EDIT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "options.h"

/* A non-empty text session.json can hold: valid UTF-8 (jansson refuses
 * anything else). */
bool cap_text_valid(const char *s);

/* Splits a --title or --description argument.  ARG is "LANG=TEXT" when
 * what precedes the first '=' is an ISO 639-1 code lib/metadata knows
 * (st_lang_iso639_2() is not "und": fr, co, en...), else the whole of ARG
 * is a plain TEXT: "a=b c" and "x=y" stay text, "co=Attellu" is Corsican.
 * A text that starts with a known code and '=' is written with its
 * language first: "fr=en=x".  OUT->text points into ARG.  Returns false
 * for an empty or invalid TEXT. */
bool cap_text_parse(const char *arg, struct cap_text *out);

/* What an edit changed, one line per change ("title (co): ..."), for the
 * user.  Owned; cap_changes_free() releases it. */
struct cap_changes {
	char **lines;
	size_t n;
};

void cap_changes_add(struct cap_changes *c, char *line);   /* takes LINE */
void cap_changes_free(struct cap_changes *c);

/* Sets ROOT's object KEY ("title", "description"): each text T[i] under
 * its language, a plain one under MAIN; other languages are kept.  Logs
 * each value that differs in LOG (NULL: no log).  ST_OSERR on out of
 * memory. */
int cap_meta_set_texts(json_t *root, const char *key, const char *main,
		       const struct cap_text *t, size_t n, struct cap_changes *log);

/* Replaces ROOT's KEY ("speakers", "languages") by the array of strings V,
 * logging the change when the list differs. */
int cap_meta_set_list(json_t *root, const char *key, const char *const *v, size_t n,
		      struct cap_changes *log);

#endif
