/* markname.h — the name typed for a marker on the meter's last line, and
 * text made safe to show on the meter.
 *
 * The field takes the terminal's bytes one at a time (the terminal is in
 * raw mode): UTF-8 text, Backspace (DEL or BS) erases the last character,
 * Ctrl-U erases all, Enter confirms, a lone Escape cancels; escape
 * sequences (arrow and function keys) are ignored.  Control characters,
 * invalid UTF-8 and the characters that reorder text (bidi controls:
 * U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) and the line
 * and paragraph separators are refused, so a name cannot hide or reorder
 * what the meter, the chapters or a page show.  At most
 * CAP_NAME_MAX_CHARS characters: more is ignored. */
#ifndef CAPTURE_MARKNAME_H
#define CAPTURE_MARKNAME_H

#include <stdbool.h>
#include <stddef.h>

#define CAP_NAME_MAX_CHARS 60
#define CAP_NAME_MAX_BYTES (4 * CAP_NAME_MAX_CHARS)

struct cap_name_field {
	char text[CAP_NAME_MAX_BYTES + 1];   /* valid UTF-8, NUL-terminated */
	size_t len;
	int chars;
	unsigned char seq[4];                /* a character arriving byte by byte */
	int seq_len, seq_need;
	int esc;                             /* 0; 1 after ESC; 2 inside a sequence */
};

enum cap_name_event { CAP_NAME_TYPING, CAP_NAME_DONE, CAP_NAME_CANCEL };

void cap_name_start(struct cap_name_field *f);
/* One byte from the terminal.  CAP_NAME_CANCEL comes only after an
 * Escape that no sequence followed: C is then not the name's but a key
 * of its own (Escape then q, typed quickly, cancels and stops). */
enum cap_name_event cap_name_feed(struct cap_name_field *f, unsigned char c);
/* No more bytes for now: an Escape that no sequence followed was the
 * Escape key itself. */
enum cap_name_event cap_name_idle(struct cap_name_field *f);

/* Whether the code point CP may appear in a name or on the meter. */
bool cap_name_allowed(long cp);

/* At most COLS columns of S into OUT (SIZE bytes, NUL-terminated): what
 * cap_name_allowed() refuses is left out, invalid bytes become '?'.  A
 * character counts its wcwidth() columns (1 when the locale does not
 * know it).  TAIL keeps the end of S rather than its start.  Returns the
 * columns used. */
int cap_text_fit(const char *s, int cols, bool tail, char *out, size_t size);

#endif
