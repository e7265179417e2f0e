/* suggest.c — see suggest.h. */
#include "suggest.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#define MAX_NAME 64
#define FAR 1000

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

static int same(char x, char y)
{
	return tolower((unsigned char)x) == tolower((unsigned char)y);
}

size_t st_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[MAX_NAME + 1][MAX_NAME + 1];

	if (la > MAX_NAME || lb > MAX_NAME)
		return FAR;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = !same(a[i - 1], b[j - 1]);

			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	}
	return d[la][lb];
}

const char *st_suggest(const char *word, const char *const *candidates, size_t n)
{
	size_t limit = strlen(word) <= 4 ? 1 : 2, best = FAR;
	const char *found = NULL;
	bool tie = false;

	for (size_t i = 0; i < n; i++) {
		size_t dist;

		if (!candidates[i])
			continue;
		dist = st_edit_distance(word, candidates[i]);
		if (dist == 0)
			return NULL;
		if (dist < best) {
			best = dist;
			found = candidates[i];
			tie = false;
		} else if (dist == best) {
			tie = true;
		}
	}
	return best <= limit && !tie ? found : NULL;
}
