/* markname.c — see markname.h. */
#include "markname.h"

#include <string.h>
#include <wchar.h>

#include "escape.h"

void cap_name_start(struct cap_name_field *f)
{
	memset(f, 0, sizeof *f);
}

bool cap_name_allowed(long cp)
{
	return cp >= 0x20 && !(cp >= 0x7f && cp <= 0x9f) && cp != 0x61c && cp != 0x200e &&
	       cp != 0x200f && !(cp >= 0x2028 && cp <= 0x202e) && !(cp >= 0x2066 && cp <= 0x2069);
}

/* Appends the character now complete in f->seq, if allowed and if room. */
static void put_char(struct cap_name_field *f)
{
	unsigned char s[5] = {0};
	size_t len;
	long cp;

	memcpy(s, f->seq, (size_t)f->seq_len);
	cp = st_utf8_decode(s, &len);
	if (cp >= 0 && len == (size_t)f->seq_len && cap_name_allowed(cp) &&
	    f->chars < CAP_NAME_MAX_CHARS && f->len + len <= CAP_NAME_MAX_BYTES) {
		memcpy(f->text + f->len, s, len);
		f->len += len;
		f->text[f->len] = '\0';
		f->chars++;
	}
	f->seq_len = f->seq_need = 0;
}

static void erase_char(struct cap_name_field *f)
{
	if (f->len == 0)
		return;
	do
		f->len--;
	while (f->len > 0 && ((unsigned char)f->text[f->len] & 0xc0) == 0x80);
	f->text[f->len] = '\0';
	f->chars--;
}

/* ESC [ ... final byte, ESC O x: ignored.  ESC then anything else: the
 * Escape key, then that key (cap_name_feed()). */
static enum cap_name_event in_escape(struct cap_name_field *f, unsigned char c)
{
	if (f->esc == 1) {
		if (c == '[' || c == 'O') {
			f->esc = c == 'O' ? 3 : 2;
			return CAP_NAME_TYPING;
		}
		f->esc = 0;
		return CAP_NAME_CANCEL;
	}
	if (f->esc == 3 || (c >= 0x40 && c <= 0x7e))
		f->esc = 0;
	return CAP_NAME_TYPING;
}

enum cap_name_event cap_name_feed(struct cap_name_field *f, unsigned char c)
{
	if (f->esc)
		return in_escape(f, c);
	if (f->seq_need && (c & 0xc0) == 0x80) {
		f->seq[f->seq_len++] = c;
		if (f->seq_len == f->seq_need)
			put_char(f);
		return CAP_NAME_TYPING;
	}
	f->seq_len = f->seq_need = 0;   /* a truncated character is dropped */
	if (c == '\r' || c == '\n')
		return CAP_NAME_DONE;
	if (c == 0x1b)
		f->esc = 1;
	else if (c == 0x7f || c == 0x08)
		erase_char(f);
	else if (c == 0x15)
		while (f->len)
			erase_char(f);
	else if (c >= 0x20 && c < 0x7f) {
		f->seq[0] = c;
		f->seq_len = 1;
		put_char(f);
	} else if (c >= 0xc2 && c <= 0xf4) {
		f->seq[0] = c;
		f->seq_len = 1;
		f->seq_need = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	}
	return CAP_NAME_TYPING;
}

enum cap_name_event cap_name_idle(struct cap_name_field *f)
{
	if (f->esc != 1)
		return CAP_NAME_TYPING;
	f->esc = 0;
	return CAP_NAME_CANCEL;
}

static int columns(long cp)
{
	int w = wcwidth((wchar_t)cp);

	return w < 0 ? 1 : w;
}

/* The columns of S's allowed characters from byte FROM on. */
static int width_from(const unsigned char *s, size_t from)
{
	int cols = 0;
	size_t len;

	for (const unsigned char *p = s + from; *p; p += len) {
		long cp = st_utf8_decode(p, &len);

		if (cp < 0 || cap_name_allowed(cp))
			cols += cp < 0 ? 1 : columns(cp);
	}
	return cols;
}

int cap_text_fit(const char *text, int cols, bool tail, char *out, size_t size)
{
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	size_t o = 0, len;
	int used = 0;

	/* For the tail: skip characters until the rest fits. */
	while (tail && *s && width_from(s, 0) > cols) {
		st_utf8_decode(s, &len);
		s += len;
	}
	for (const unsigned char *p = s; *p; p += len) {
		long cp = st_utf8_decode(p, &len);
		int w = cp < 0 ? 1 : columns(cp);

		if (cp >= 0 && !cap_name_allowed(cp))
			continue;
		if (used + w > cols || o + len + 1 > size)
			break;
		if (cp < 0) {
			out[o++] = '?';
		} else {
			memcpy(out + o, p, len);
			o += len;
		}
		used += w;
	}
	if (size)
		out[o] = '\0';
	return used;
}
