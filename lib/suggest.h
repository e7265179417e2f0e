/* suggest.h — "did you mean …?" for a near-miss name (an option, a preset,
 * a publication target). */
#ifndef STUDIO_SUGGEST_H
#define STUDIO_SUGGEST_H

#include <stddef.h>

/* Edit distance between A and B counting insertions, deletions,
 * substitutions and transpositions of neighbours (optimal string
 * alignment, a restricted Damerau-Levenshtein), ASCII case ignored.
 * Names longer than 64 bytes are "far": returns 1000. */
size_t st_edit_distance(const char *a, const char *b);

/* The one candidate close to WORD: the nearest among the N CANDIDATES
 * (NULL entries skipped) within 1 edit for words of up to 4 characters,
 * 2 beyond, or NULL when none is close, WORD is itself a candidate, or two
 * candidates are equally near (no guess is better than a coin toss).
 * Returns a pointer into CANDIDATES. */
const char *st_suggest(const char *word, const char *const *candidates, size_t n);

#endif
