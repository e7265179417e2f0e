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

char *st_escape_html(const char *s)
{
	struct buf b = {0};

	for (; s && *s; s++) {
		const char *r = markup_ref(*s);
		if (r)
			put(&b, r, strlen(r));
		else
			put(&b, s, 1);
	}
	return finish(&b);
}

char *st_escape_xml(const char *s)
{
	struct buf b = {0};

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *r = markup_ref(*s);
		if (r)
			put(&b, r, strlen(r));
		else if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
			put(&b, s, 1);
	}
	return finish(&b);
}

char *st_escape_wikitext(const char *s)
{
	static const char always[] = "[]{}|<>&'\"=~_!";
	static const char line_start[] = "*#:;- ";
	struct buf b = {0};
	bool at_start = true;

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\n' || c == '\r') {
			put(&b, " ", 1);
			at_start = false;
			continue;
		}
		if (strchr(always, c) || (at_start && strchr(line_start, c)))
			put_ref(&b, c);
		else
			put(&b, s, 1);
		at_start = false;
	}
	return finish(&b);
}
