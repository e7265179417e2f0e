/* Fuzz target: the escapers.  Property: no character the target language
 * gives a meaning to survives unescaped, and text without such characters
 * passes through unchanged. */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1);
	char *html, *xml, *wiki;

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
	if (!strpbrk(in, "&<>\"'") && strcmp(html, in))
		abort();
	free(html);
	free(xml);
	free(wiki);
	free(in);
	return 0;
}
