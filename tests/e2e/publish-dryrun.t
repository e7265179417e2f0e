#!/bin/sh
# studio-publish --dry-run proves the account may publish without writing
# anything (issue 12): against a real Apache 2.4 mod_dav server
# (tests/peers/apache-dav.sh) with a writer and a read-only account
# (`Require method GET HEAD OPTIONS PROPFIND`), and a real MediaWiki 1.39
# (tests/peers/mediawiki.sh) with a bot password and one whose grants
# leave no upload right.  Judges: the server's own folder listed before
# and after and its access log (every method it was sent, with its
# status); the wiki's file list and recent changes.
set -u
. "$(dirname "$0")/tap.sh"
. "$STUDIO_SRC/tests/peers/apache-dav.sh"
. "$STUDIO_SRC/tests/peers/mediawiki.sh"
. "$STUDIO_SRC/tests/peers/session.sh"

PUB=$STUDIO_BIN/studio-publish
T=$(mktemp -d) || exit 1
trap 'mw_stop; dav_stop; rm -rf "$T"' EXIT INT TERM
PASSWORD=Pa55-word-dryrun-0123
READER_PASSWORD=Re4d-only-dryrun-4567

dav_start "$T/dav" agent "$PASSWORD" reader "$READER_PASSWORD"
ok $? "apache webdav started with a writer and a read-only account"
S="$T/Essai"
make_session "$S" "Essai" 1 2026-11-20
ok $? "test session built with ffmpeg"

printf '%s\n' "$PASSWORD" > "$T/web.password"
printf '%s\n' "$READER_PASSWORD" > "$T/reader.password"
chmod 600 "$T/web.password" "$T/reader.password"
ini() { # NAME USER PASSWORD_FILE URL
	printf '[%s]\ntype = webdav\nurl = %s\nusername = %s\npassword_file = %s\nca_file = %s\n' \
		"$1" "$4" "$2" "$3" "$DAV_CA" > "$T/$1.ini"
}
ini web agent web.password "$DAV_URL"
ini ro reader reader.password "$DAV_URL"
ini gone agent web.password "${DAV_URL}no-such-folder/"
listing() { (cd "$DAV_ROOT" && find . -printf '%p %s %T@\n' | sort); }
# The methods sent since line $1 of the access log that could change
# something (a MKCOL answered 405 changed nothing).
writes_since() {
	tail -n "+$1" "$DAV_LOG" | grep -E '^(PUT|DELETE|MOVE|COPY|LOCK|UNLOCK|PROPPATCH|MKCOL|POST) ' |
		grep -v '^MKCOL .* 405$'
}
log_lines() { wc -l < "$DAV_LOG"; }

# --- the right password: the dry run checks and writes nothing ----------------------------
echo '<p>déjà là</p>' > "$DAV_ROOT/keep.html"
chmod a+rw "$DAV_ROOT/keep.html"
before=$(listing)
from=$(($(log_lines) + 1))
"$PUB" "$S" --to web --config "$T/web.ini" --dry-run > "$T/out" 2> "$T/err"
ok $? "--dry-run with the right password succeeds"
check "  and says the account may write to the target's folder (the session's is not there yet)" \
	grep -q "^agent may write to ${DAV_URL} (DAV: 1,2.*; MKCOL 405)$" "$T/out"
check "  after a PROPFIND Depth 0, an OPTIONS and a MKCOL refused with 405" \
	sh -c "tail -n +$from '$DAV_LOG' | grep -q '^PROPFIND /dav/ HTTP/1.1 207$' &&
	       tail -n +$from '$DAV_LOG' | grep -q '^OPTIONS /dav/ HTTP/1.1 200$' &&
	       tail -n +$from '$DAV_LOG' | grep -q '^MKCOL /dav/ HTTP/1.1 405$'"
is "$(writes_since "$from")" "" "  no request that writes reached the server"
is "$(listing)" "$before" "  the server's folder is as it was"
sed 's/^/# /' "$T/out"

"$PUB" "$S" --to web --config "$T/web.ini" --dry-run --json > "$T/out" 2> "$T/err"
ok $? "--dry-run --json succeeds"
is "$(json_get "$T/out" '[(s["action"], s["to"], s["why"].endswith("MKCOL 405")) for s in d["targets"][0]["plan"] if s["action"] == "check"]')" \
	"[('check', '$DAV_URL', True)]" "  and the check is a step of the plan"

"$PUB" "$S" --to web --config "$T/web.ini" > "$T/out" 2> "$T/err"
ok $? "the real publication succeeds"
before=$(listing)
from=$(($(log_lines) + 1))
"$PUB" "$S" --to web --config "$T/web.ini" --dry-run > "$T/out" 2> "$T/err"
ok $? "a dry run after it succeeds"
check "  and checks the session's own folder" \
	grep -q "^agent may write to ${DAV_URL}essai/ (DAV: 1,2.*; MKCOL 405)$" "$T/out"
is "$(writes_since "$from")" "" "  no request that writes reached the server"
is "$(listing)" "$before" "  the server's folder is as it was"

# --- a wrong password: the dry run fails as the real run does -----------------------------
S2="$T/Autre"
make_session "$S2" "Autre" 1 2026-11-21
before=$(listing)
from=$(($(log_lines) + 1))
STUDIO_PASSWORD_WEB=wrong-password "$PUB" "$S2" --to web --config "$T/web.ini" --dry-run \
	> "$T/out" 2> "$T/dry.err"
dry_rc=$?
STUDIO_PASSWORD_WEB=wrong-password "$PUB" "$S2" --to web --config "$T/web.ini" \
	> "$T/out" 2> "$T/real.err"
real_rc=$?
is "$dry_rc" 78 "a wrong password fails the dry run with EX_CONFIG"
is "$real_rc" "$dry_rc" "  the real run's exit status"
# The request named differs: without the server's record (publish_servers)
# the real run's first request is the probe's scratch PUT, which a dry run
# does not send.
request() { sed 's/^studio-publish: [A-Z]* https:[^ ]*: /studio-publish: /' "$1"; }
is "$(request "$T/dry.err")" "$(request "$T/real.err")" "  and the real run's message, but for the request it names"
check "  which says access was refused" grep -q 'HTTP 401: access refused' "$T/dry.err"
is "$(writes_since "$from" | grep -v ' 401$')" "" "  nothing was written"
is "$(listing)" "$before" "  the server's folder is as it was"

# With the server's record (a session published before): the same status
# and message; the real run reads the catalogue under the site's lock (a
# HEAD first), the dry run without it (a GET).
STUDIO_PASSWORD_WEB=wrong-password "$PUB" "$S" --to web --config "$T/web.ini" --dry-run \
	> "$T/out" 2> "$T/dry.err"
dry_rc=$?
STUDIO_PASSWORD_WEB=wrong-password "$PUB" "$S" --to web --config "$T/web.ini" \
	> "$T/out" 2> "$T/real.err"
real_rc=$?
is "$dry_rc:$(request "$T/dry.err")" "$real_rc:$(request "$T/real.err")" \
	"a published session: the dry run fails exactly like the real run (status and message)"

# --- a read-only account -----------------------------------------------------------------
before=$(listing)
from=$(($(log_lines) + 1))
"$PUB" "$S2" --to ro --config "$T/ro.ini" --dry-run > "$T/out" 2> "$T/err"
is "$?" 78 "a read-only account fails the dry run with EX_CONFIG"
check "  saying the write was refused" \
	grep -q "^studio-publish: MKCOL ${DAV_URL}: HTTP 40[13]: access refused" "$T/err"
check "  and that the account may read but not write" \
	grep -q "reader may read ${DAV_URL} but not write there" "$T/err"
is "$(writes_since "$from" | grep -v ' 40[13]$')" "" "  nothing was written"
is "$(listing)" "$before" "  the server's folder is as it was"
sed 's/^/# /' "$T/err"
"$PUB" "$S2" --to ro --config "$T/ro.ini" > "$T/out" 2> "$T/err"
is "$?" 78 "  the real run fails with the same status"

# --- a url naming a missing folder -------------------------------------------------------
"$PUB" "$S2" --to gone --config "$T/gone.ini" --dry-run > "$T/out" 2> "$T/err"
is "$?" 78 "a missing folder fails the dry run with EX_CONFIG"
check "  with one line naming it" \
	sh -c "test \$(wc -l < '$T/err') -eq 1 &&
	       grep -q '${DAV_URL}no-such-folder/ does not exist; check url in .*gone.ini' '$T/err'"
"$PUB" "$S2" --to gone --config "$T/gone.ini" > "$T/out" 2> "$T/err"
is "$?" 78 "  the real run fails with the same status"
check "the server still holds only what was published and the foreign file" \
	test ! -e "$DAV_ROOT/autre" -a ! -e "$DAV_ROOT/no-such-folder" -a -e "$DAV_ROOT/keep.html"
dav_stop

# --- MediaWiki: the login, then the user's rights ---------------------------------------
mw_start "$T/wiki"
ok $? "mediawiki 1.39 installed (sqlite) and served by php -S"
READER_BOT_PASS=abcdefghijklmnopqrstuvw012345678
mw_bot_password reader basic,editpage "$READER_BOT_PASS"
ok $? "a second bot password whose grants leave no upload right"
printf '%s\n' "$MW_BOT_PASS" > "$T/bot.password"
printf '%s\n' "$READER_BOT_PASS" > "$T/reader-bot.password"
chmod 600 "$T/bot.password" "$T/reader-bot.password"
wiki_ini() { # NAME USER PASSWORD_FILE
	printf '[%s]\ntype = mediawiki\napi = %s\nusername = %s\npassword_file = %s\ninsecure = yes\npage = Projet:CorsicaLab/{title}\n' \
		"$1" "$MW_API" "$2" "$3" > "$T/$1.ini"
}
wiki_ini movilab "$MW_BOT_USER" bot.password
wiki_ini wreader Admin@reader reader-bot.password
api() {
	curl -s "$MW_API?format=json&formatversion=2&$1" |
		python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$2"
}
wiki_state() {
	echo "$(api 'action=query&list=allimages&ailimit=500' 'len(d["query"]["allimages"])')" \
		"$(api 'action=query&list=recentchanges&rclimit=500' 'len(d["query"]["recentchanges"])')"
}

before=$(wiki_state)
nowarn "$PUB" "$S2" --to movilab --config "$T/movilab.ini" --dry-run > "$T/out" 2> "$T/err"
ok $? "--dry-run with the bot password succeeds"
check "  after the login, says the user may publish (its rights hold edit and upload)" \
	grep -q "^$MW_BOT_USER may publish on movilab (rights: edit, upload)$" "$T/out"
check "  and what it would upload" grep -q "^would upload .*web-720p.mp4 to movilab as File:" "$T/out"
is "$(wiki_state)" "$before" "  nothing uploaded nor edited on the wiki"
sed 's/^/# /' "$T/out"
nowarn "$PUB" "$S2" --to movilab --config "$T/movilab.ini" --dry-run --json > "$T/out" 2> "$T/err"
is "$(json_get "$T/out" '[(s["action"], s["why"]) for s in d["targets"][0]["plan"] if s["action"] == "check"]')" \
	"[('check', 'rights: edit, upload')]" "--dry-run --json: the check is a step of the plan"

STUDIO_PASSWORD_MOVILAB=0000000000aaaaaaaaaabbbbbbbbbbcccc "$PUB" "$S2" --to movilab \
	--config "$T/movilab.ini" --dry-run > "$T/out" 2> "$T/dry.err"
dry_rc=$?
STUDIO_PASSWORD_MOVILAB=0000000000aaaaaaaaaabbbbbbbbbbcccc "$PUB" "$S2" --to movilab \
	--config "$T/movilab.ini" > "$T/out" 2> "$T/real.err"
real_rc=$?
is "$dry_rc" 78 "a wrong bot password fails the dry run with EX_CONFIG"
is "$dry_rc:$(cat "$T/dry.err")" "$real_rc:$(cat "$T/real.err")" \
	"  exactly like the real run (status and message)"
check "  which says the login was refused" grep -q 'login as Admin@studio refused' "$T/dry.err"

B="$T/Banned"
make_session "$B" "Banned" 1
cp "$B/renditions/podcast.ogg" "$B/renditions/extra.mp3"
python3 - "$B" <<'PY'
import hashlib, json, os, sys
p = os.path.join(sys.argv[1], "session.json")
s = json.load(open(p)); b = open(os.path.join(sys.argv[1], "renditions/extra.mp3"), "rb").read()
s["renditions"].append({"preset": "mp3", "file": "renditions/extra.mp3", "bytes": len(b),
                        "sha256": hashlib.sha256(b).hexdigest()})
json.dump(s, open(p, "w"))
PY
fails_cleanly "a file type the wiki refuses (siteinfo fileextensions) fails the dry run" \
	"movilab does not accept .mp3 (renditions/extra.mp3)" \
	nowarn "$PUB" "$B" --to movilab --config "$T/movilab.ini" --dry-run

nowarn "$PUB" "$S2" --to wreader --config "$T/wreader.ini" --dry-run > "$T/out" 2> "$T/err"
is "$?" 78 "a user without the upload right fails the dry run with EX_CONFIG"
check "  with one line naming the missing right" \
	sh -c "test \$(wc -l < '$T/err') -eq 1 &&
	       grep -q 'wreader: Admin@reader may not publish on this wiki: it lacks the right upload$' '$T/err'"
nowarn "$PUB" "$S2" --to wreader --config "$T/wreader.ini" > "$T/out" 2> "$T/err"
check "  the real run fails too" test "$?" -ne 0
sed 's/^/#   real run: /' "$T/err"
is "$(wiki_state)" "$before" "nothing was uploaded nor edited on the wiki"

plan "$_tap_n"
done_testing
