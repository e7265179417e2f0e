#!/bin/sh
# Replays every fuzz target's committed corpus (seeds and every crash ever
# found) through a plain build of the target: a regression test for each.
set -u
. "$(dirname "$0")/tap.sh"
: "${STUDIO_BUILD:?STUDIO_BUILD must name the build folder}"
targets=$(cd "$STUDIO_SRC/tests/fuzz" && ls fuzz_*.c | sed 's/\.c$//')
plan $(echo $targets | wc -w)
for t in $targets; do
	c=${t#fuzz_}
	out=$("$STUDIO_BUILD/fuzz-replay/$t" "$STUDIO_SRC/tests/fuzz/corpus/$c"/* 2>&1)
	rc=$?
	[ $rc -eq 0 ] || printf '%s\n' "$out" | tail -20 | sed 's/^/# /'
	ok $rc "$t replays its corpus ($(ls "$STUDIO_SRC/tests/fuzz/corpus/$c" | wc -l) inputs)"
done
done_testing
