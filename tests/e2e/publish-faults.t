#!/bin/sh
# studio-publish, `webdav` target, through a forwarding proxy that injects
# faults (tests/peers/cutproxy.py) in front of the real Apache server's
# plain-HTTP port: a PUT cut in the middle, 503/429 answers, persistent
# 500s, a wrong password.  Each run must end published-and-verified or
# with one clear error, with nothing duplicated.
set -u
. "$(dirname "$0")/tap.sh"
. "$STUDIO_SRC/tests/peers/apache-dav.sh"
. "$STUDIO_SRC/tests/peers/proxy.sh"
. "$STUDIO_SRC/tests/peers/session.sh"

PUB=$STUDIO_BIN/studio-publish
T=$(mktemp -d) || exit 1
trap 'proxy_stop; dav_stop; rm -rf "$T"' EXIT INT TERM
PASSWORD=faults-password-42
dav_start "$T/dav" agent "$PASSWORD"
ok $? "apache webdav started"
S="$T/Coupure"
make_session "$S" "Coupure" 4
printf '%s\n' "$PASSWORD" > "$T/pw"; chmod 600 "$T/pw"
sha() { sha256sum "$1" | cut -d' ' -f1; }
# conf PORT [EXTRA]: a webdav target through 127.0.0.1:PORT.
conf() {
	printf '[web]\ntype = webdav\nurl = http://127.0.0.1:%s/dav/\nusername = agent\npassword_file = pw\ninsecure = yes\n%s\n' \
		"$1" "${2:-}" > "$T/publish.ini"
}
BIG=$(stat -c %s "$S/renditions/web-720p.mp4")

# --- a PUT cut in the middle: retried, the server ends with the whole file ----------------
proxy_start "$DAV_HTTP_PORT" "cut:$((BIG / 2)):1" "$T/cut.log"
conf "$PROXY_PORT"
"$PUB" "$S" --to web --config "$T/publish.ini" > "$T/out" 2> "$T/err"
ok $? "publication through a connection cut in the middle of the video's PUT succeeds"
is "$(grep -c 'cut after' "$T/cut.log")" 1 "  the cut really happened"
is "$(sha "$T/dav/root/coupure/renditions/web-720p.mp4")" "$(sha "$S/renditions/web-720p.mp4")" \
	"  and the server holds the whole video"
is "$(json_get "$S/session.json" 'len(d["publications"])')" 5 "  recorded once per file (3 renditions, index.html, transcript.fr.html)"
proxy_stop

# --- 503 and 429 with Retry-After: waited for, then success ---------------------------------
S2="$T/Surcharge"
make_session "$S2" "Surcharge" 1
proxy_start "$DAV_HTTP_PORT" "status:503:2:PUT" "$T/503.log"
conf "$PROXY_PORT"
"$PUB" "$S2" --to web --config "$T/publish.ini" > "$T/out" 2> "$T/err"
ok $? "two 503 answers (Retry-After: 1) are retried"
is "$(grep -c 'answered 503' "$T/503.log")" 2 "  both were sent"
is "$(sha "$T/dav/root/surcharge/renditions/web-720p.mp4")" "$(sha "$S2/renditions/web-720p.mp4")" "  and the file is there"
proxy_stop
proxy_start "$DAV_HTTP_PORT" "status:429:1:HEAD" "$T/429.log"
conf "$PROXY_PORT"
"$PUB" "$S2" --to web --config "$T/publish.ini" --force > "$T/out" 2> "$T/err"
ok $? "a 429 answer is retried"
proxy_stop

# --- persistent 500: bounded retries, one clear error ----------------------------------------
S3="$T/Panne"
make_session "$S3" "Panne" 1
proxy_start "$DAV_HTTP_PORT" "status:500:100:MKCOL" "$T/500.log"
conf "$PROXY_PORT" "retries = 2"
nowarn "$PUB" "$S3" --to web --config "$T/publish.ini" > "$T/out" 2> "$T/err"
rc=$?
is "$rc" 75 "persistent 500s end with EX_TEMPFAIL"
check "  after 3 attempts, in one line" sh -c "test \$(wc -l < '$T/err') -eq 1 &&
	grep -q 'MKCOL http://127.0.0.1:$PROXY_PORT/dav/panne/ failed after 3 attempts: HTTP 500' '$T/err'"
is "$(grep -c 'answered 500' "$T/500.log")" 3 "  exactly 3 requests were sent"
check "  and nothing recorded" sh -c "test \"\$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))[\"publications\"]))' '$S3/session.json')\" = 0"
proxy_stop

# --- authentication errors are not retried -----------------------------------------------------
conf "$DAV_HTTP_PORT"
nowarn env STUDIO_PASSWORD_WEB=wrong "$PUB" "$S3" --to web --config "$T/publish.ini" > "$T/out" 2> "$T/err"
rc=$?
is "$rc" 78 "a wrong password (real 401 from apache) fails with EX_CONFIG"
check "  in one line" sh -c "test \$(wc -l < '$T/err') -eq 1 && grep -q 'HTTP 401: access refused' '$T/err'"
proxy_start "$DAV_HTTP_PORT" "status:403:5" "$T/auth.log"
conf "$PROXY_PORT"
"$PUB" "$S3" --to web --config "$T/publish.ini" > "$T/out" 2> "$T/err"
rc=$?
is "$rc" 78 "a 403 fails with EX_CONFIG"
is "$(grep -c 'answered 403' "$T/auth.log")" 1 "  after one request: no retry"
proxy_stop

plan "$_tap_n"
done_testing
