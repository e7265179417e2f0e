#!/bin/sh
# Fault injection, studio-publish: secrets.  A distinctive password (WebDAV
# basic auth, a MediaWiki bot password, a MediaWiki main password through
# clientlogin) must never appear in stdout or stderr (plain, --json,
# --dry-run, an error run, a run with retries), in `ps` output or any
# /proc/*/cmdline sampled while publishing, in session.json, in the files
# published, or in any file the run leaves in the session folder or
# $TMPDIR.  Each run goes through the fault proxy answering 503 three
# times (Retry-After: 1), so it lasts long enough to be sampled.
# FAULTS_FULL=1 repeats the sampled runs (20 per target).
. "$STUDIO_SRC/tests/faults/publish-lib.sh"
faults_init 1 20
SECRET=Zx9-Corsica-Secret-Pw-7731
faults_peers "$SECRET"
mkdir "$T/tmp" "$T/cfg"
export TMPDIR="$T/tmp"
printf '%s\n' "$SECRET" > "$T/cfg/pw"
printf '%s\n' "$MW_BOT_PASS" > "$T/cfg/bot.password"
printf '%s\n' "$MW_PASS" > "$T/cfg/main.password"
chmod 600 "$T/cfg/pw" "$T/cfg/bot.password" "$T/cfg/main.password"
MW_CHUNK=4096

# leaks WORD FILE...: prints the files (recursively) that contain WORD.
leaks() {
	_w=$1
	shift
	grep -rlF -- "$_w" "$@" 2>/dev/null
}
check "the leak check finds a password where it is" leaks "$SECRET" "$T/cfg"

# sampled SECRET SESSION TARGET: publish through a proxy answering 503
# three times, sampling ps and /proc/*/cmdline every 20 ms meanwhile.
# Succeeds when the secret is in no sample, and at least 10 were taken.
sampled() {
	_sec=$1 _ses=$2 _tg=$3
	"$PUB" "$_ses" --to "$_tg" --config "$T/cfg/publish.ini" > "$T/out.run" 2> "$T/err.run" &
	_pid=$!
	_n=0
	: > "$T/samples"
	while kill -0 "$_pid" 2>/dev/null; do
		ps -eo pid,args >> "$T/samples"
		cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\0' '\n' >> "$T/samples"
		_n=$((_n + 1))
		sleep 0.02
	done
	wait "$_pid"
	_rc=$?
	echo "# $_tg: exit $_rc, $_n samples of ps and /proc/*/cmdline"
	grep -q "studio-publish.*$_ses" "$T/samples" || { echo "# the run was never sampled"; return 1; }
	[ "$_rc" -eq 0 ] && [ "$_n" -ge 10 ] && ! grep -qF -- "$_sec" "$T/samples"
}

for i in $(seq "$N"); do
	S="$T/Secretweb$i"
	make_session "$S" "Secretweb$i" 1
	proxy_start "$DAV_HTTP_PORT" status:503:3 "$T/proxy.log"
	dav_conf "$T/cfg/publish.ini" "$PROXY_PORT"
	sampled "$SECRET" "$S" web
	ok $? "webdav: the password is in no ps output or /proc/*/cmdline while publishing ($i/$N)"
	proxy_stop
done
dav_conf "$T/cfg/publish.ini" "$DAV_HTTP_PORT"
S=$T/Secretweb1
"$PUB" "$S" --to web --config "$T/cfg/publish.ini" --json > "$T/out.json" 2> "$T/err.json"
ok $? "webdav: --json run"
"$PUB" "$S" --to web --config "$T/cfg/publish.ini" --dry-run --json > "$T/out.dry" 2> "$T/err.dry"
ok $? "webdav: --dry-run --json run"
STUDIO_PASSWORD_WEB=wrong "$PUB" "$S" --to web --config "$T/cfg/publish.ini" --force > "$T/out.bad" 2> "$T/err.bad"
is $? 78 "webdav: a run refused (another password in the environment)"

for i in $(seq "$N"); do
	S="$T/Secretbot$i"
	make_session "$S" "Secretbot$i" 1
	proxy_start "$MW_PORT" status:503:3 "$T/proxy.log"
	mw_conf "$T/cfg/publish.ini" "http://127.0.0.1:$PROXY_PORT/api.php"
	sampled "$MW_BOT_PASS" "$S" movilab
	ok $? "mediawiki: the bot password is in no ps output or /proc/*/cmdline while publishing ($i/$N)"
	proxy_stop
	S="$T/Secretmain$i"
	make_session "$S" "Secretmain$i" 1
	proxy_start "$MW_PORT" status:503:3 "$T/proxy.log"
	printf '[movilab]\ntype = mediawiki\napi = http://127.0.0.1:%s/api.php\nusername = %s\npassword_file = main.password\nchunk_size = 4096\n' \
		"$PROXY_PORT" "$MW_USER" > "$T/cfg/publish.ini"
	sampled "$MW_PASS" "$S" movilab
	ok $? "mediawiki: the main password (clientlogin) is in no ps output or /proc/*/cmdline ($i/$N)"
	proxy_stop
done
mw_conf "$T/cfg/publish.ini" "$MW_API"
"$PUB" "$T/Secretbot1" --to movilab --config "$T/cfg/publish.ini" --json > "$T/out.mwjson" 2> "$T/err.mwjson"
ok $? "mediawiki: --json run"
"$PUB" "$T/Secretbot1" --to movilab --config "$T/cfg/publish.ini" --dry-run --json > "$T/out.mwdry" 2> "$T/err.mwdry"
ok $? "mediawiki: --dry-run --json run"

# Everything the runs printed or left: outputs, session folders (session.json
# included), $TMPDIR, the published files and wiki uploads.
for W in "$SECRET" "$MW_BOT_PASS" "$MW_PASS"; do
	found=$(leaks "$W" "$T"/out.* "$T"/err.* "$T"/Secret* "$T/tmp" "$T/dav/root" "$T/wiki/images")
	is "$found" "" "a password is in no output, session folder, temporary or published file"
done
check "  (the outputs were really written)" grep -q uploaded "$T/err.run"

plan "$_tap_n"
done_testing
