/* escape.h — every escaping rule of the project, in one place.
 * Each returns a malloc'ed string (never NULL: aborts on out of memory).
 * Input is UTF-8 and passes through byte for byte apart from the characters
 * each language gives a meaning to, so accents and Corsican diacritics
 * (à, è, ì, ò, ù, chj, ghj) are kept as they are. */
#ifndef STUDIO_ESCAPE_H
#define STUDIO_ESCAPE_H

#include <stddef.h>

/* The code point the UTF-8 sequence S starts with, its length in *LEN; -1
 * (length 1) for a byte that starts no valid sequence: a stray
 * continuation byte, a truncated or overlong sequence, a surrogate
 * (U+D800..U+DFFF, which UTF-8 may not encode) or a value past U+10FFFF.
 * S must be NUL-terminated (a truncated sequence stops at the NUL). */
long st_utf8_decode(const unsigned char *s, size_t *len);

/* S as text every output language accepts (XML 1.0's Char production,
 * HTML5 without parse errors): control characters (C0 but tab, newline
 * and CR; DEL; C1) are dropped; bytes that are not UTF-8 (stray or
 * truncated sequences, overlong forms, encoded surrogates, past
 * U+10FFFF) and noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, ...)
 * become U+FFFD.  One bad character in a title would otherwise make a
 * whole feed.xml ill-formed.  Every escaper below applies it first. */
char *st_text_clean(const char *s);

/* Text and attribute values in HTML5: & < > " ' become references. */
char *st_escape_html(const char *s);

/* XML 1.0 text and attributes (RSS, PROPFIND bodies): & < > " ' escaped. */
char *st_escape_xml(const char *s);

/* Literal text in MediaWiki wikitext: every character the parser gives a
 * meaning to ([ ] { } | < > & ' = ~ _ ! and *#:;- at the start of a line) is
 * written as a numeric character reference, which MediaWiki renders as the
 * character itself.  Newlines become spaces, so one value stays on one
 * line. */
char *st_escape_wikitext(const char *s);

#endif
