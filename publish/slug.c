/* slug.c — see slug.h. */
#include "slug.h"
#include "paths.h"

#include <string.h>

/* ASCII folding of U+00C0..U+00FF (Latin-1 letters); NULL for signs such
 * as × and ÷.  Indexed by code point - 0xC0. */
static const char *const latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
};

/* Folding of the Latin Extended-A letters met in names (Œ œ Š š Ž ž Ÿ). */
static const char *fold_ext(unsigned cp)
{
	switch (cp) {
	case 0x152: case 0x153: return "oe";
	case 0x160: case 0x161: return "s";
	case 0x17d: case 0x17e: return "z";
	case 0x178: return "y";
	default: return NULL;
	}
}

/* Decodes one UTF-8 sequence at S; stores its length in *LEN (at least 1,
 * so malformed bytes are skipped one by one) and returns the code point,
 * or 0xFFFD for malformed input. */
static unsigned utf8_next(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80)
		return *len = 1, s[0];
	if ((s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80)
		return *len = 2, ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
	if ((s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80)
		return *len = 3, ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
	*len = 1;
	return 0xfffd;
}

static const char *fold(unsigned cp)
{
	static char ascii[2];

	if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
		ascii[0] = (char)cp;
		return ascii;
	}
	if (cp >= 'A' && cp <= 'Z') {
		ascii[0] = (char)(cp - 'A' + 'a');
		return ascii;
	}
	if (cp >= 0xc0 && cp <= 0xff)
		return latin1[cp - 0xc0];
	return fold_ext(cp);
}

char *pub_slug(const char *name)
{
	const unsigned char *s = (const unsigned char *)name;
	char *out = st_xcalloc(strlen(name) * 2 + sizeof "session", 1);
	size_t n = 0, len;

	while (*s) {
		const char *f = fold(utf8_next(s, &len));

		if (f) {
			memcpy(out + n, f, strlen(f));
			n += strlen(f);
		} else if (n && out[n - 1] != '-') {
			out[n++] = '-';
		}
		s += len;
	}
	while (n && out[n - 1] == '-')
		n--;
	out[n] = '\0';
	if (!n)
		strcpy(out, "session");
	return out;
}
