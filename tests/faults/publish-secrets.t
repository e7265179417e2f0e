#!/bin/sh
# Fault injection, studio-publish: secrets.  A distinctive password (WebDAV
# basic auth, a MediaWiki bot password, a MediaWiki main password through
# clientlogin) must never appear in stdout or stderr (plain, --json,
# --dry-run, an error run, a run with retries), in `ps` output or any
# /proc/*/cmdline sampled while publishing, in session.json, in the files
# published, or in any file the run leaves in the session folder or
# $TMPDIR.  Each run goes through the fault proxy answering 503 three
# times (Retry-After: 1), so it lasts long enough to be sampled.
# Also (issue 10, 6): no password over plain http:// without
# `insecure = yes`, none hidden in a URL behind a '/', no core dump.
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
	printf '[movilab]\ntype = mediawiki\napi = http://127.0.0.1:%s/api.php\nusername = %s\npassword_file = main.password\nchunk_size = 4096\ninsecure = yes\n' \
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

check "webdav over http:// with insecure = yes: the run warns that the password goes unencrypted" \
	grep -q "warning: target 'web': the password is sent unencrypted over http://" "$T/err.json"
check "mediawiki over http:// with insecure = yes: the same warning" \
	grep -q "warning: target 'movilab': the password is sent unencrypted over http://" "$T/err.mwjson"

# --- a password over plain http:// without insecure = yes (issue 10, 6) ---------------------------
# Refused before any request: the proxy in front of the real servers sees none.
S=$T/Secretweb1
proxy_start "$DAV_HTTP_PORT" pass "$T/proxy-clear.log"
printf '[web]\ntype = webdav\nurl = http://127.0.0.1:%s/dav/\nusername = agent\npassword_file = pw\n' \
	"$PROXY_PORT" > "$T/cfg/clear.ini"
"$PUB" "$S" --to web --config "$T/cfg/clear.ini" --force > "$T/out.clear" 2> "$T/err.clear"
rc=$?
is "$rc" 78 "webdav: basic auth over http:// without insecure = yes is refused"
check "  with one clear error line" clear_error "$rc" "$T/err.clear"
check "  saying why" grep -q "refusing to send the password unencrypted over http://" "$T/err.clear"
is "$(grep -c 'cutproxy: request' "$T/proxy-clear.log")" 0 "  before any request reached the server"
proxy_stop
proxy_start "$MW_PORT" pass "$T/proxy-clearmw.log"
printf '[movilab]\ntype = mediawiki\napi = http://127.0.0.1:%s/api.php\nusername = %s\npassword_file = bot.password\n' \
	"$PROXY_PORT" "$MW_BOT_USER" > "$T/cfg/clearmw.ini"
"$PUB" "$S" --to movilab --config "$T/cfg/clearmw.ini" --force > "$T/out.clearmw" 2> "$T/err.clearmw"
rc=$?
is "$rc" 78 "mediawiki: a login over http:// without insecure = yes is refused"
check "  saying why" grep -q "refusing to send the password unencrypted over http://" "$T/err.clearmw"
is "$(grep -c 'cutproxy: request' "$T/proxy-clearmw.log")" 0 "  before any request reached the wiki"
proxy_stop

# --- a password in the URL, with a '/' in it ----------------------------------------------------
# "http://agent:Url/Pw@host/" hid its user information from the check (which
# stopped at the first '/'), and the password was then printed.
URLPW=Url/Secret-Pw-4417
printf '[web]\ntype = webdav\nurl = http://agent:%s@127.0.0.1:%s/dav/\nusername = agent\npassword_file = pw\ninsecure = yes\n' \
	"$URLPW" "$DAV_HTTP_PORT" > "$T/cfg/urlpw.ini"
"$PUB" "$S" --to web --config "$T/cfg/urlpw.ini" > "$T/out.urlpw" 2> "$T/err.urlpw"
rc=$?
is "$rc" 78 "a URL holding a password with a '/' is refused"
check "  naming the key to use instead" grep -q "holds a user name or password" "$T/err.urlpw"
is "$(leaks Secret-Pw-4417 "$T/out.urlpw" "$T/err.urlpw")" "" "  and the password is not printed"

# --- no core dump of a publisher holding the password ---------------------------------------------
# A publisher waiting for an answer the proxy holds is killed by SIGSEGV or
# SIGABRT with `ulimit -c unlimited`, in a folder of its own.  The same is done
# to `sleep` first: it must leave a core file there, else this machine writes
# no core files where we look (core_pattern) and the check would prove nothing.
COREPAT=$(cat /proc/sys/kernel/core_pattern)
echo "# core_pattern: $COREPAT"
# killed_in DIR SIGNAL COMMAND...: runs COMMAND in DIR with cores unlimited,
# and once the proxy holds a request (or at once without a proxy), kills it.
# Under AddressSanitizer (make check-asan) the signal gets the kernel's
# default action and ASan leaves the core limit alone, so that what is
# checked is still our own prctl/setrlimit.
killed_in() {
	_d=$1 _sig=$2
	shift 2
	mkdir -p "$_d"
	(cd "$_d" && ulimit -c unlimited &&
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0:handle_abort=0:disable_coredump=0" \
		exec "$@") > "$_d.out" 2> "$_d.err" &
	_pid=$!
	# until the command runs (not the subshell still setting the limit),
	# and when a proxy is there, until it holds the command's request
	for _i in $(seq 200); do
		[ "$(cat "/proc/$_pid/comm" 2>/dev/null)" = "$(basename "$1" | cut -c1-15)" ] &&
			{ [ -z "${PROXY_PID:-}" ] || grep -q 'holding the answer' "$T/proxy-core.log"; } && break
		sleep 0.05
	done
	kill "-$_sig" "$_pid"
	wait "$_pid"
}
killed_in "$T/core-control" SEGV sleep 30
if [ -z "$(ls -A "$T/core-control")" ]; then
	echo "# no core file from a plain process here (core_pattern $COREPAT): core checks skipped"
	echo "ok $((_tap_n += 1)) # SKIP this machine writes no core files in the process's folder"
else
	ok 0 "a plain process killed by SIGSEGV leaves a core file here (the check can fail)"
	for sig in SEGV:11 ABRT:6; do
		num=${sig#*:} sig=${sig%:*}
		proxy_start "$DAV_HTTP_PORT" "hold:30:1" "$T/proxy-core.log"
		dav_conf "$T/cfg/core.ini" "$PROXY_PORT"
		killed_in "$T/core-$sig" "$sig" "$PUB" "$S" --to web --config "$T/cfg/core.ini" --force
		rc=$?
		check "  studio-publish was killed by SIG$sig while it held the password" \
			grep -q 'holding the answer' "$T/proxy-core.log"
		is "$rc:$(ls -A "$T/core-$sig")" "$((128 + num)):" \
			"SIG$sig: studio-publish leaves no core file (dumps are disabled)"
		is "$(leaks "$SECRET" "$T/core-$sig")" "" "  and no file with the password"
		proxy_stop
	done
fi

# Everything the runs printed or left: outputs, session folders (session.json
# included), $TMPDIR, the published files and wiki uploads.
for W in "$SECRET" "$MW_BOT_PASS" "$MW_PASS"; do
	found=$(leaks "$W" "$T"/out.* "$T"/err.* "$T"/Secret* "$T/tmp" "$T/dav/root" "$T/wiki/images")
	is "$found" "" "a password is in no output, session folder, temporary or published file"
done
check "  (the outputs were really written)" grep -q uploaded "$T/err.run"

plan "$_tap_n"
done_testing
