/* Fuzz target: the escapers.  Property: no character the target language
 * gives a meaning to survives unescaped, the output is clean text
 * (st_text_clean), and clean text without such characters passes through
 * unchanged. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void no_raw(const char *out, const char *forbidden)
{
	if (strpbrk(out, forbidden))
		abort();
}

/* Every '&' starts a character reference "&name;" or "&#digits;". */
static void refs_only(const char *out)
{
	for (const char *p = strchr(out, '&'); p; p = strchr(p + 1, '&')) {
		size_t n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz0123456789#");
		if (n == 0 || p[1 + n] != ';')
			abort();
	}
}

/* OUT is already what st_text_clean() makes of it: valid UTF-8 without
 * control characters or noncharacters. */
static void clean(const char *out)
{
	char *c = st_text_clean(out);
	if (strcmp(c, out))
		abort();
	free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1);
	char *html, *xml, *wiki, *plain = NULL;

	if (!in)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0'; /* the escapers take C strings: stop at the first NUL */
	html = st_escape_html(in);
	xml = st_escape_xml(in);
	wiki = st_escape_wikitext(in);
	no_raw(html, "<>\"'");
	refs_only(html);
	no_raw(xml, "<>\"'\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x1f");
	refs_only(xml);
	no_raw(wiki, "<>[]{}|'\"=~_!\n\r");
	refs_only(wiki);
	clean(html);
	clean(xml);
	clean(wiki);
	if (!strpbrk(in, "&<>\"'") && strcmp(html, (plain = st_text_clean(in))))
		abort();
	free(plain);
	free(html);
	free(xml);
	free(wiki);
	free(in);
	return 0;
}
