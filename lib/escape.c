/* escape.c — see escape.h. */
#include "escape.h"
#include "paths.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growable string: every escaper appends to one. */
struct buf {
	char *s;
	size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		char *p;
		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->s, cap);
		if (!p)
			abort();
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void put_ref(struct buf *b, unsigned char c)
{
	char ref[8];
	int n = snprintf(ref, sizeof ref, "&#%u;", c);
	put(b, ref, (size_t)n);
}

static char *finish(struct buf *b)
{
	return b->s ? b->s : st_xstrdup("");
}

long st_utf8_decode(const unsigned char *s, size_t *len)
{
	static const long min[] = {0, 0, 0x80, 0x800, 0x10000};
	size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3
		 : (s[0] & 0xf8) == 0xf0 ? 4 : 0;
	long cp = n == 1 ? s[0] : n == 2 ? s[0] & 0x1f : n == 3 ? s[0] & 0x0f : s[0] & 0x07;

	*len = 1;
	if (!n)
		return -1;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*len = n;
	return cp;
}

/* Control characters other than tab, newline and CR: C0, DEL and C1. */
static bool is_control(long cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7f && cp <= 0x9f);
}

/* Noncharacters: U+FDD0..U+FDEF and the last two of every plane (U+FFFE,
 * U+FFFF, U+1FFFE...), forbidden by XML 1.0 (U+FFFE/U+FFFF) or HTML5. */
static bool is_nonchar(long cp)
{
	return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

char *st_text_clean(const char *s)
{
	static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */
	struct buf b = {0};
	size_t len;

	for (const unsigned char *p = (const unsigned char *)s; p && *p; p += len) {
		long cp = st_utf8_decode(p, &len);

		if (cp < 0 || is_nonchar(cp))
			put(&b, replacement, sizeof replacement - 1);
		else if (!is_control(cp))
			put(&b, (const char *)p, len);
	}
	return finish(&b);
}

static const char *markup_ref(char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	default: return NULL;
	}
}

/* HTML5 and XML 1.0 share the rule: markup characters become references,
 * in text that st_text_clean() made valid for both. */
static char *escape_markup(const char *s)
{
	char *clean = st_text_clean(s);
	struct buf b = {0};

	for (const char *c = clean; *c; c++) {
		const char *r = markup_ref(*c);
		if (r)
			put(&b, r, strlen(r));
		else
			put(&b, c, 1);
	}
	free(clean);
	return finish(&b);
}

char *st_escape_html(const char *s)
{
	return escape_markup(s);
}

char *st_escape_xml(const char *s)
{
	return escape_markup(s);
}

char *st_escape_wikitext(const char *s)
{
	static const char always[] = "[]{}|<>&'\"=~_!";
	static const char line_start[] = "*#:;- ";
	char *clean = st_text_clean(s);
	struct buf b = {0};
	bool at_start = true;

	for (const char *p = clean; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\n' || c == '\r') {
			put(&b, " ", 1);
			at_start = false;
			continue;
		}
		if (strchr(always, c) || (at_start && strchr(line_start, c)))
			put_ref(&b, c);
		else
			put(&b, p, 1);
		at_start = false;
	}
	free(clean);
	return finish(&b);
}
