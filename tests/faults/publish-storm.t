#!/bin/sh
# Fault injection, studio-publish: storms of 5xx and 429 answers, K in a
# row (K random), with Retry-After (status mode) and without (bare mode),
# against a random request kind: WebDAV through Apache, MediaWiki 1.39.
# With `retries = 3` (4 attempts per request) a storm of up to 3 answers
# is absorbed (published and verified); a longer one ends in one clear
# error, "failed after 4 attempts", EX_TEMPFAIL, with exactly 4 requests
# sent, and a plain re-run then publishes with nothing duplicated.
# Short by default; FAULTS_FULL=1 for the counts in docs/RELIABILITY.md;
# FAULTS_SEED=N replays a run.
. "$STUDIO_SRC/tests/faults/publish-lib.sh"
faults_init 3 20
faults_peers storm-password-4242
MW_CHUNK=4096
CODES="500 502 503 504 429"
DAV_MATCH="MKCOL HEAD PUT MOVE LOCK"
MW_MATCH="action=query action=login action=upload"

# storm KIND I MATCHES: one trial; the storm's length, code, kind and
# target request are drawn from the seed.
storm() {
	_k=$1 _i=$2
	shift 2
	_len=$(rnd "len$_k$_i" 1 6)
	_mode="$(pick "kind$_k$_i" status bare):$(pick "code$_k$_i" $CODES):$_len:$(pick "match$_k$_i" "$@")"
	S="$T/Storm$_k$_i"
	make_session "$S" "Storm$_k$_i" 2
	trial "$_k" "$_mode" "$S" "retries = 3" || return 1
	_sent=$(grep -c answered "$T/proxy.log")
	if [ "$_len" -le 3 ]; then
		[ "$TRIAL_RC" -eq 0 ] && [ "$_sent" -eq "$_len" ]
	else
		[ "$TRIAL_RC" -eq 75 ] && [ "$_sent" -eq 4 ] && grep -q 'failed after 4 attempts' "$T/err"
	fi
	_r=$?
	[ $_r -eq 0 ] || echo "# exit $TRIAL_RC, $_sent answers injected for a storm of $_len"
	return $_r
}

for i in $(seq "$N"); do
	storm web "$i" $DAV_MATCH
	ok $? "webdav: a storm of 5xx/429 answers ($i/$N)"
done
for i in $(seq "$N"); do
	storm movilab "$i" $MW_MATCH
	ok $? "mediawiki: a storm of 5xx/429 answers ($i/$N)"
done

plan "$_tap_n"
done_testing
