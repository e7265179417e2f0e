/* mw_name.c — the wiki file name of a rendition (target_mediawiki.h). */
#include "mw_target.h"
#include "paths.h"
#include "target_mediawiki.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_BYTES 240
#define EXT_MAX_BYTES 16

const char *mw_ext_of(const char *file)
{
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	const char *dot = strrchr(base, '.');
	return dot ? dot + 1 : "";
}

/* Bidirectional controls MediaWiki strips from titles (U+200E, U+200F,
 * U+202A..U+202E; also the isolates U+2066..U+2069, invisible in a
 * name); the length of the one S starts with, else 0. */
static size_t bidi_control(const unsigned char *s)
{
	if (s[0] != 0xe2)
		return 0;
	if ((s[1] == 0x80 && (s[2] == 0x8e || s[2] == 0x8f || (s[2] >= 0xaa && s[2] <= 0xae))) ||
	    (s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9))
		return 3;
	return 0;
}

static bool is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* "&name;" or "&#123;": MediaWiki decodes character references in titles,
 * so "&lt;" would become a forbidden '<'. */
static bool char_ref(const char *s)
{
	size_t n = strspn(s + 1, "#abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
	return n && s[1 + n] == ';';
}

/* The character C of RAW (at P) as it goes into a title: '-' for what a
 * title may not hold. */
static char title_char(const char *p, bool file, size_t run_of_tildes)
{
	unsigned char c = (unsigned char)*p;

	if (strchr("#<>[]|{}", c) || (file && strchr(":/\\", c)))
		return '-';
	if (c == '%' && is_hex((unsigned char)p[1]) && is_hex((unsigned char)p[2]))
		return '-';             /* "%41" would be read as 'A' */
	if (c == '&' && char_ref(p))
		return '-';
	if (c == '~' && run_of_tildes >= 2)
		return '-';             /* "~~~" is a signature */
	return (char)c;
}

/* In place: every '/'-separated part of S that is "." or ".." becomes "-"
 * or "--" (MediaWiki refuses "./", "../", "/./", "/../" and a final "/."
 * or "/.."). */
static void no_dot_segments(char *s)
{
	for (char *seg = s; seg; seg = strchr(seg, '/') ? strchr(seg, '/') + 1 : NULL) {
		size_t n = strcspn(seg, "/");

		if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
			memset(seg, '-', n);
	}
}

/* RAW without its bidirectional controls (malloc'ed): the characters the
 * title rules look at side by side are those MediaWiki will see side by
 * side ("%" U+202E "41" would otherwise pass and become "%41"). */
static char *without_bidi(const char *raw)
{
	char *out = st_xcalloc(strlen(raw) + 1, 1), *o = out;

	for (const char *p = raw; *p; p++) {
		size_t bidi = bidi_control((const unsigned char *)p);

		if (bidi)
			p += bidi - 1;
		else
			*o++ = *p;
	}
	return out;
}

char *mw_title_safe(const char *raw, bool file, size_t max)
{
	char *in = without_bidi(raw), *out = st_xcalloc(strlen(in) + 1, 1), *o = out;
	size_t tildes = 0;

	for (const char *p = in; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20 || c == 0x7f || c == ' ' || c == '_') {
			if (o > out && o[-1] != ' ')
				*o++ = ' ';
			tildes = 0;
			continue;
		}
		*o = title_char(p, file, tildes);
		tildes = *o == '~' ? tildes + 1 : 0;
		o++;
	}
	free(in);
	if ((size_t)(o - out) > max) {
		o = out + max;
		while (o > out && ((unsigned char)*o & 0xc0) == 0x80)
			o--;
	}
	while (o > out && (o[-1] == ' ' || (file && o[-1] == '.')))
		o--;
	*o = '\0';
	no_dot_segments(out);
	return out;
}

char *pub_wiki_name(const struct pub_job *job, const struct pub_file *f)
{
	const char *base = strrchr(f->file, '/') ? strrchr(f->file, '/') + 1 : f->file;
	const char *real_ext = mw_ext_of(f->file);
	/* A wiki accepts a few short extensions (target_mediawiki.c refuses
	 * the others before any upload); this one only keeps the name valid. */
	char *ext = mw_title_safe(real_ext, true, EXT_MAX_BYTES);
	char *stem = *f->preset ? st_xstrdup(f->preset) : st_xstrdup(base);
	char *raw, *out, *safe;

	if (!*f->preset && *real_ext)
		stem[strlen(stem) - strlen(real_ext) - 1] = '\0';
	raw = st_strdup_printf("%s - %s", *job->meta.title ? job->meta.title : job->slug, stem);
	/* Room for ".ext". */
	safe = mw_title_safe(raw, true, NAME_MAX_BYTES - strlen(ext) - 1);
	if (safe[0] >= 'a' && safe[0] <= 'z')
		safe[0] = (char)(safe[0] - 32);
	else if ((unsigned char)safe[0] == 0xc3 && (unsigned char)safe[1] >= 0xa0 &&
		 (unsigned char)safe[1] <= 0xbe && (unsigned char)safe[1] != 0xb7)
		safe[1] = (char)((unsigned char)safe[1] - 0x20);   /* à → À ... þ → Þ */
	out = *ext ? st_strdup_printf("%s.%s", safe, ext) : st_xstrdup(safe);
	free(safe);
	free(raw);
	free(stem);
	free(ext);
	return out;
}
