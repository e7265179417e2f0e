#!/bin/sh
# studio-publish: a second publication with nothing new says "unchanged" for
# every file, the page and the site's sessions.json, feed.xml and index.html
# included, and rewrites none of them (issue 12); --json says it too.  On the
# `dir` target and on a real Apache 2.4 mod_dav server
# (tests/peers/apache-dav.sh).  Judges: stat (inode and mtime) of what the
# target folder holds, the server's access log, python3 on --json.
set -u
. "$(dirname "$0")/tap.sh"
. "$STUDIO_SRC/tests/peers/apache-dav.sh"
. "$STUDIO_SRC/tests/peers/session.sh"

PUB=$STUDIO_BIN/studio-publish
T=$(mktemp -d) || exit 1
trap 'dav_stop; rm -rf "$T"' EXIT INT TERM
PASSWORD=Pa55-word-unchanged-0123

S="$T/Essai"
make_session "$S" "Essai" 1 2026-11-20
ok $? "test session built with ffmpeg"
S2="$T/Autre"
make_session "$S2" "Autre" 1 2026-11-21
dav_start "$T/dav" agent "$PASSWORD"
ok $? "apache webdav started"
printf '%s\n' "$PASSWORD" > "$T/web.password"
chmod 600 "$T/web.password"
cat > "$T/publish.ini" <<INI
[site]
type = dir
path = $T/site
base_url = https://example.org/sessions/

[web]
type = webdav
url = $DAV_URL
username = agent
password_file = web.password
ca_file = $DAV_CA
INI
CFG=$T/publish.ini
stamps() { (cd "$1" && find . -type f ! -name .site.lock -printf '%p %i %T@\n' | sort); }
# actions FILE: every file's and every site file's action in a --json summary.
actions() {
	json_get "$1" '(sorted(set(f["action"] for f in d["targets"][0]["files"])), [(s["url"].rsplit("/", 1)[1], s["action"]) for s in d["targets"][0]["site"]])'
}

# --- dir -------------------------------------------------------------------------------------
"$PUB" "$S" --to site --config "$CFG" > "$T/out" 2> "$T/err"
ok $? "dir: first publication"
before=$(stamps "$T/site")
sleep 1   # a second later: the feed's lastBuildDate would differ if it were rewritten
"$PUB" "$S" --to site --config "$CFG" > "$T/out" 2> "$T/err"
ok $? "dir: second publication, nothing new"
is "$(grep -c '^studio-publish: unchanged: ' "$T/err"):$(grep -c . "$T/err")" "6:6" \
	"dir:   every line says unchanged (3 renditions, 2 pages, the site)"
check "dir:   the page is said unchanged" grep -q "^studio-publish: unchanged: $T/site/essai/index.html$" "$T/err"
check "dir:   and the site's three files" \
	grep -q "^studio-publish: unchanged: $T/site/sessions.json, feed.xml and index.html$" "$T/err"
is "$(stamps "$T/site")" "$before" "dir:   no file rewritten"
sed 's/^/# /' "$T/err"
"$PUB" "$S" --to site --config "$CFG" --json > "$T/out" 2> "$T/err"
ok $? "dir: --json"
is "$(actions "$T/out")" \
	"(['unchanged'], [('sessions.json', 'unchanged'), ('feed.xml', 'unchanged'), ('index.html', 'unchanged')])" \
	"dir:   says every file, the page and the site's files unchanged"

"$PUB" "$S2" --to site --config "$CFG" --json > "$T/out" 2> "$T/err"
ok $? "dir: another session published on the same site"
is "$(actions "$T/out")" \
	"(['uploaded'], [('sessions.json', 'updated'), ('feed.xml', 'updated'), ('index.html', 'updated')])" \
	"dir:   the site's files updated"
check "dir:   and said so" grep -q "^studio-publish: updated: $T/site/feed.xml$" "$T/err"
"$PUB" "$S" --to site --config "$CFG" --json > "$T/out" 2> "$T/err"
is "$(actions "$T/out")" \
	"(['unchanged'], [('sessions.json', 'unchanged'), ('feed.xml', 'unchanged'), ('index.html', 'unchanged')])" \
	"dir: the first session again: unchanged, the other one's entry kept"
check "dir:   the catalogue still lists both" \
	test "$(json_get "$T/site/sessions.json" 'sorted(s["slug"] for s in d["sessions"])')" = "['autre', 'essai']"

# --- webdav (Apache) ---------------------------------------------------------------------------
"$PUB" "$S" --to web --config "$CFG" > "$T/out" 2> "$T/err"
ok $? "webdav: first publication"
before=$(stamps "$DAV_ROOT")
from=$(($(wc -l < "$DAV_LOG") + 1))
sleep 1
"$PUB" "$S" --to web --config "$CFG" --json > "$T/out" 2> "$T/err"
ok $? "webdav: second publication, nothing new"
is "$(grep -c '^studio-publish: unchanged: ' "$T/err"):$(grep -c . "$T/err")" "6:6" \
	"webdav:   every line says unchanged (3 renditions, 2 pages, the site)"
check "webdav:   the site's three files" \
	grep -q "^studio-publish: unchanged: ${DAV_URL}sessions.json, feed.xml and index.html$" "$T/err"
is "$(actions "$T/out")" \
	"(['unchanged'], [('sessions.json', 'unchanged'), ('feed.xml', 'unchanged'), ('index.html', 'unchanged')])" \
	"webdav:   --json says so too"
is "$(tail -n "+$from" "$DAV_LOG" | grep -c '^PUT ')" 0 "webdav:   no PUT reached the server"
is "$(stamps "$DAV_ROOT")" "$before" "webdav:   no file rewritten"
sed 's/^/# /' "$T/err"

"$PUB" "$S2" --to web --config "$CFG" --json > "$T/out" 2> "$T/err"
ok $? "webdav: another session published on the same site"
is "$(actions "$T/out")" \
	"(['uploaded'], [('sessions.json', 'updated'), ('feed.xml', 'updated'), ('index.html', 'updated')])" \
	"webdav:   the site's files updated"
check "webdav:   and said so" \
	grep -q "^studio-publish: updated: ${DAV_URL}feed.xml and ${DAV_URL}index.html$" "$T/err"
check "webdav:   the feed lists both" \
	test "$(grep -c '<item>' "$DAV_ROOT/feed.xml")" -eq 2

plan "$_tap_n"
done_testing
