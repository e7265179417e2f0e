#!/bin/sh
# studio-publish, `webdav` target, against a real Apache 2.4 mod_dav server
# on loopback over HTTPS with a test CA and basic authentication
# (tests/peers/apache-dav.sh).  Judges: sha256sum and python3 (json,
# xml.etree) on what Apache's own folder holds, curl for what it serves.
set -u
. "$(dirname "$0")/tap.sh"
. "$STUDIO_SRC/tests/peers/apache-dav.sh"
. "$STUDIO_SRC/tests/peers/proxy.sh"
. "$STUDIO_SRC/tests/peers/session.sh"

PUB=$STUDIO_BIN/studio-publish
T=$(mktemp -d) || exit 1
trap 'proxy_stop; dav_stop; rm -rf "$T"' EXIT INT TERM
PASSWORD=Pa55-word-webdav-0123

dav_start "$T/dav" agent "$PASSWORD"
ok $? "apache webdav started on https://127.0.0.1 with a test CA"
S="$T/Atelier à Bastia"
make_session "$S" "Atelier à Bastia" 2 2026-11-20
ok $? "test session built with ffmpeg"

printf '%s\n' "$PASSWORD" > "$T/web.password"
chmod 600 "$T/web.password"
CFG=$T/publish.ini
cat > "$CFG" <<INI
[web]
type = webdav
url = $DAV_URL
username = agent
password_file = web.password
ca_file = $DAV_CA
INI
R=$DAV_ROOT/atelier-a-bastia
sha() { sha256sum "$1" | cut -d' ' -f1; }

# --- first publication -----------------------------------------------------------
"$PUB" "$S" --to web --config "$CFG" > "$T/out" 2> "$T/err"
ok $? "first publication succeeds"
is "$(cat "$T/out")" "${DAV_URL}atelier-a-bastia/index.html" "stdout is the page's URL"
for f in web-720p.mp4 podcast.ogg captions.fr.vtt; do
	is "$(sha "$R/renditions/$f")" "$(sha "$S/renditions/$f")" "server holds $f, identical"
done
check "each file got a progress/summary line" test "$(grep -c '^studio-publish: uploaded: ' "$T/err")" -eq 5
is "$(curl -s --cacert "$DAV_CA" "${DAV_WWW}atelier-a-bastia/renditions/web-720p.mp4" | sha256sum | cut -d' ' -f1)" \
	"$(sha "$S/renditions/web-720p.mp4")" "apache serves the uploaded video back"
check "page uploaded with its video element" grep -q '<video controls' "$R/index.html"

python3 - "$DAV_ROOT" "$DAV_URL" > "$T/site.log" 2>&1 <<'PY'
import json, sys, xml.etree.ElementTree as ET
root, url = sys.argv[1], sys.argv[2]
rss = ET.parse(root + "/feed.xml").getroot()
assert rss.tag == "rss" and rss.get("version") == "2.0"
ch = rss.find("channel")
assert "Licence Ouverte" in ch.findtext("copyright") and "etalab" in ch.findtext("copyright")
encl = [i.find("enclosure") for i in ch.findall("item")]
got = {(e.get("url"), e.get("type")) for e in encl}
# one item per session, the podcast rendition its enclosure
assert len(encl) == 1 and got == {(url + "atelier-a-bastia/renditions/podcast.ogg", "audio/ogg")}, got
assert all(int(e.get("length")) > 1000 for e in encl)
cat = json.load(open(root + "/sessions.json"))
assert [s["slug"] for s in cat["sessions"]] == ["atelier-a-bastia"], cat
assert 'href="atelier-a-bastia/"' in open(root + "/index.html").read()
PY
ok $? "feed.xml is RSS 2.0 with enclosures and the licence, index.html lists the session"
sed 's/^/# /' "$T/site.log"

json_get "$S/session.json" '[(p["target"], p["file"], p["url"].startswith("https://"), bool(p.get("etag"))) for p in d["publications"]]' > "$T/pubs"
is "$(cat "$T/pubs")" "[('web', 'renditions/web-720p.mp4', True, True), ('web', 'renditions/podcast.ogg', True, True), ('web', 'renditions/captions.fr.vtt', True, True), ('web', 'index.html', True, True), ('web', 'transcript.fr.html', True, True)]" \
	"session.json records each file with its URL and ETag"
check "the password is in no output nor in session.json" \
	sh -c "! grep -r -q -F '$PASSWORD' '$T/out' '$T/err' '$S'"

# --- idempotence -----------------------------------------------------------------
stamp=$(stat -c %Y.%i "$R/renditions/web-720p.mp4")
sleep 1
"$PUB" "$S" --to web --config "$CFG" --json > "$T/out" 2> "$T/err"
ok $? "second publication succeeds"
is "$(grep -c '^studio-publish: unchanged: ' "$T/err")" 6 "second publication uploads nothing and says so (5 files, the site)"
is "$(stat -c %Y.%i "$R/renditions/web-720p.mp4")" "$stamp" "the video on the server was not rewritten"
is "$(json_get "$T/out" '[f["action"] for f in d["targets"][0]["files"]]')" \
	"['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']" "--json summary says unchanged"
"$PUB" "$S" --to web --config "$CFG" --force --quiet > "$T/out" 2> "$T/err"
ok $? "--force succeeds quietly"
check "--force rewrote the video" test "$(stat -c %Y.%i "$R/renditions/web-720p.mp4")" != "$stamp"
is "$(json_get "$S/session.json" 'len(d["publications"])')" 5 "no duplicate records"

# --- credentials and TLS ------------------------------------------------------------
chmod 644 "$T/web.password"
fails_cleanly "a password file readable by others is refused" "mode 0600 or 0400" \
	"$PUB" "$S" --to web --config "$CFG"
chmod 600 "$T/web.password"
STUDIO_PASSWORD_WEB=wrong-password "$PUB" "$S" --to web --config "$CFG" > "$T/out" 2> "$T/err"
rc=$?
is "$rc" 78 "a wrong password (from STUDIO_PASSWORD_WEB) fails with EX_CONFIG"
check "  with one line saying access was refused" \
	sh -c "test \$(wc -l < '$T/err') -eq 1 && grep -q 'HTTP 401: access refused' '$T/err'"
sed "s|^ca_file = .*|ca_file = $DAV_OTHER_CA|" "$CFG" > "$T/other.ini"
cp "$T/web.password" "$T/other.password" 2>/dev/null
fails_cleanly "a server certificate from another CA is refused" "certificate" \
	"$PUB" "$S" --to web --config "$T/other.ini"
printf 'insecure = yes\n' >> "$T/other.ini"
"$PUB" "$S" --to web --config "$T/other.ini" > "$T/out" 2> "$T/err"
ok $? "insecure = yes publishes without verification"
check "  and warns about it" grep -q "NOT verified (insecure = yes" "$T/err"

# --- same name, other content ----------------------------------------------------------
S2="$T/Autre séance"
make_session "$S2" "Autre séance" 1 2026-11-25
curl -s --cacert "$DAV_CA" -u "agent:$PASSWORD" -X MKCOL "${DAV_URL}autre-seance/" -o /dev/null
curl -s --cacert "$DAV_CA" -u "agent:$PASSWORD" -X MKCOL "${DAV_URL}autre-seance/renditions/" -o /dev/null
curl -s --cacert "$DAV_CA" -u "agent:$PASSWORD" -T /etc/hostname \
	"${DAV_URL}autre-seance/renditions/web-720p.mp4" -o /dev/null
fails_cleanly "a file already there with other content is refused" \
	"already exists with other content: use --force" "$PUB" "$S2" --to web --config "$CFG"
is "$(sha "$DAV_ROOT/autre-seance/renditions/web-720p.mp4")" "$(sha /etc/hostname)" "  and left alone"
"$PUB" "$S2" --to web --config "$CFG" --force > "$T/out" 2> "$T/err"
ok $? "--force replaces it"
is "$(sha "$DAV_ROOT/autre-seance/renditions/web-720p.mp4")" "$(sha "$S2/renditions/web-720p.mp4")" "  with the rendition"
is "$(json_get "$DAV_ROOT/sessions.json" '[s["slug"] for s in d["sessions"]]')" \
	"['autre-seance', 'atelier-a-bastia']" "site catalogue lists both sessions, newest first"

# --- two publishers at once ---------------------------------------------------------------
for i in 1 2 3; do make_session "$T/Parallèle $i" "Parallèle $i" 1 "2026-10-0$i"; done
pids=
for i in 1 2 3; do
	"$PUB" "$T/Parallèle $i" --to web --config "$CFG" > "$T/par$i.out" 2> "$T/par$i.err" &
	pids="$pids $!"
done
wait $pids
is "$(cat "$T"/par*.out | wc -l)" 3 "three concurrent publishers all succeed"
python3 - "$DAV_ROOT" > "$T/par.log" 2>&1 <<'PY'
import json, sys, xml.etree.ElementTree as ET
root = sys.argv[1]
slugs = [s["slug"] for s in json.load(open(root + "/sessions.json"))["sessions"]]
assert slugs == ["autre-seance", "atelier-a-bastia", "parallele-3", "parallele-2", "parallele-1"], slugs
links = {i.findtext("link").rstrip("/").rsplit("/", 1)[1] for i in ET.parse(root + "/feed.xml").getroot().iter("item")}
assert links == set(slugs), links
html = open(root + "/index.html").read()
assert all('href="%s/"' % s in html for s in slugs)
PY
ok $? "no session lost in sessions.json, feed.xml and index.html"
sed 's/^/# /' "$T/par.log" "$T"/par*.err | grep -v 'uploaded\|updated\|unchanged'

# --- on a terminal: a progress line per file, erased when it is done -------------------
# A real terminal: tmux.  pipe-pane keeps every byte written to it (the line
# is redrawn with \r, then erased), capture-pane shows what stays on screen.
S6="$T/Terminal"
make_session "$S6" "Terminal" 2
cat > "$T/tty.sh" <<SH
while [ ! -e '$T/tty.go' ]; do sleep 0.1; done
'$PUB' '$S6' --to web --config '$CFG'
echo \$? > '$T/tty.rc'
sleep 60
SH
TM="tmux -S $T/tmux.sock"
$TM new-session -d -x 160 -y 30 sh "$T/tty.sh"
$TM pipe-pane -o "cat > '$T/tty.raw'"
touch "$T/tty.go"
for _i in $(seq 300); do [ -s "$T/tty.rc" ] && break; sleep 0.1; done
$TM capture-pane -p > "$T/tty.screen"
$TM kill-server
is "$(cat "$T/tty.rc" 2>/dev/null)" 0 "on a terminal (tmux) the publication succeeds"
check "  a progress line was drawn (bytes, total, rate, ETA)" \
	grep -a -q "studio-publish: renditions/web-720p.mp4 .* / .*/s ETA *[0-9]*:[0-9][0-9]" "$T/tty.raw"
check "  and erased" grep -a -q "$(printf '\r\033\\[K')" "$T/tty.raw"
is "$(grep -c . "$T/tty.screen")" 7 "  the screen keeps only the summary lines (5 files, the site) and the page URL"
check "  one per file" test "$(grep -c '^studio-publish: uploaded: ' "$T/tty.screen")" -eq 5
sed 's/^/# /' "$T/tty.screen"

# --- dry run -------------------------------------------------------------------------------
before=$(sha "$S/session.json")
"$PUB" "$S" --to web --config "$CFG" --dry-run > "$T/out" 2> "$T/err"
ok $? "--dry-run succeeds"
check "  and says which files are unchanged on the server" \
	grep -q "^unchanged: ${DAV_URL}atelier-a-bastia/renditions/web-720p.mp4$" "$T/out"
is "$(sha "$S/session.json")" "$before" "  and changes nothing"
S5="$T/Pas encore"
make_session "$S5" "Pas encore" 1
"$PUB" "$S5" --to web --config "$CFG" --dry-run > "$T/out" 2> "$T/err"
check "--dry-run of a new session says what it would upload" \
	grep -q "^would upload $S5/renditions/web-720p.mp4 to ${DAV_URL}pas-encore/renditions/web-720p.mp4$" "$T/out"
check "  and creates nothing on the server" test ! -e "$DAV_ROOT/pas-encore"

"$PUB" "$S5" --to web --config "$CFG" --dry-run --json > "$T/out" 2> "$T/err"
ok $? "--dry-run --json succeeds"
is "$(json_get "$T/out" '(d["result"], d["dry_run"], [(s["action"], s["to"].rsplit("/", 1)[1], bool(s.get("from"))) for s in d["targets"][0]["plan"]])')" \
	"('planned', True, [('check', '', False), ('upload', 'web-720p.mp4', True), ('upload', 'podcast.ogg', True), ('upload', 'captions.fr.vtt', True), ('upload', 'index.html', False), ('upload', 'transcript.fr.html', False), ('update', 'sessions.json', False), ('update', 'index.html', False), ('update', 'feed.xml', False)])" \
	"  prints the plan as JSON, and nothing else on stdout"
check "  and creates nothing on the server" test ! -e "$DAV_ROOT/pas-encore"

# --- a rendition changed on disk after encoding: never published as if verified ----------------
# Same size, other bytes: only the sha256 computed while it is sent can see it.
python3 - "$S5/renditions/web-720p.mp4" <<'PY'
import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(5000); b = f.read(1); f.seek(5000); f.write(bytes([b[0] ^ 0xff]))
PY
fails_cleanly "a rendition whose bytes differ from session.json is refused during the upload" \
	"web-720p.mp4 does not match session.json: sha256" "$PUB" "$S5" --to web --config "$CFG"
check "  nothing appears under its name on the server" test ! -e "$DAV_ROOT/pas-encore/renditions/web-720p.mp4"
check "  and the temporary upload was removed" \
	sh -c "! ls -A '$DAV_ROOT/pas-encore/renditions' | grep -q ."
check "  no session page either" test ! -e "$DAV_ROOT/pas-encore/index.html"

# --- what a killed run left: temporary files removed by the next run ----------------------------
# Put there by hand as a run killed between its PUT and its MOVE leaves them;
# the accented name and the space come back percent-encoded in PROPFIND's hrefs.
RR="${DAV_URL}atelier-a-bastia/renditions"
for n in .web-720p.mp4.studio-part ".Vid%C3%A9o%20finale.mp4.studio-part" .notes.txt; do
	curl -s --cacert "$DAV_CA" -u "agent:$PASSWORD" -T /etc/hostname "$RR/$n" -o /dev/null
done
curl -s --cacert "$DAV_CA" -u "agent:$PASSWORD" -T /etc/hostname \
	"${DAV_URL}atelier-a-bastia/.index.html.studio-part" -o /dev/null
check "  (three leftovers and a file of someone else's are on the server)" \
	test -e "$R/renditions/.Vidéo finale.mp4.studio-part" -a -e "$R/.index.html.studio-part"
"$PUB" "$S" --to web --config "$CFG" > "$T/out" 2> "$T/err"
ok $? "a run after a killed one succeeds"
is "$(cd "$R" && find . -name '*.studio-part' | wc -l)" 0 "  and removed every temporary file it left (PROPFIND Depth: 1)"
is "$(grep -c '^studio-publish: removing .*studio-part, left by an interrupted upload$' "$T/err")" 3 \
	"  saying so once per file"
check "  another file starting with a dot is left alone" test -e "$R/renditions/.notes.txt"
is "$(grep -c '^studio-publish: unchanged: ' "$T/err")" 6 "  the renditions were not sent again (nor the pages and the site's files)"

# --- someone else writes the final file between our PUT and our MOVE: 412, nothing overwritten ----
# The proxy holds the MOVE (hook:MOVE) while another client PUTs other
# content under the final name; the MOVE then carries a stale ETag in its
# If header and Apache answers 412.
S7="$T/Course"
make_session "$S7" "Course" 1
curl -s --cacert "$DAV_CA" -u "agent:$PASSWORD" -X MKCOL "${DAV_URL}course/" -o /dev/null
curl -s --cacert "$DAV_CA" -u "agent:$PASSWORD" -X MKCOL "${DAV_URL}course/renditions/" -o /dev/null
curl -s --cacert "$DAV_CA" -u "agent:$PASSWORD" -T /etc/hostname "${DAV_URL}course/renditions/web-720p.mp4" -o /dev/null
cat > "$T/move-hook.sh" <<SH
curl -s -f --cacert '$DAV_CA' -u 'agent:$PASSWORD' -T /etc/os-release '${DAV_URL}course/renditions/web-720p.mp4' -o /dev/null
SH
export CUTPROXY_HOOK="sh '$T/move-hook.sh'"
proxy_start "$DAV_HTTP_PORT" "hook:MOVE /dav/course/renditions/" "$T/move.log"
printf '[web]\ntype = webdav\nurl = http://127.0.0.1:%s/dav/\nusername = agent\npassword_file = web.password\ninsecure = yes\n' \
	"$PROXY_PORT" > "$T/proxied.ini"
"$PUB" "$S7" --to web --config "$T/proxied.ini" --force > "$T/out" 2> "$T/err"
is "$?" 75 "a file changed by someone else during our replace fails with EX_TEMPFAIL"
check "  the other write happened while the MOVE was held" grep -q "hook ran (exit 0)" "$T/move.log"
check "  with a clear message" grep -q "web-720p.mp4 was changed by someone else during the upload; run again to compare" "$T/err"
is "$(sha "$DAV_ROOT/course/renditions/web-720p.mp4")" "$(sha /etc/os-release)" "  the other writer's file is intact"
is "$(ls -A "$DAV_ROOT/course/renditions")" "web-720p.mp4" "  and no temporary file is left"
check "  no page published" test ! -e "$DAV_ROOT/course/index.html"
proxy_stop
unset CUTPROXY_HOOK
sed 's/^/# /' "$T/err"

# --- answers lost after the server acted: the retry must recognise our own work ----------------
# The proxy forwards the request whole, throws the server's answer away and
# closes the connection (lose:K:MATCH); the client retries a request the
# server already did.
proxied() {
	printf '[web]\ntype = webdav\nurl = http://127.0.0.1:%s/dav/\nusername = agent\npassword_file = web.password\ninsecure = yes\n' \
		"$PROXY_PORT" > "$T/proxied.ini"
}
S8="$T/Perdue"
make_session "$S8" "Perdue" 1
proxy_start "$DAV_HTTP_PORT" "lose:1:MOVE /dav/perdue/renditions/.web-720p.mp4" "$T/lose-move.log"
proxied
"$PUB" "$S8" --to web --config "$T/proxied.ini" > "$T/out" 2> "$T/err"
ok $? "a MOVE whose answer was lost (its retry gets 404) succeeds"
check "  the proxy threw the MOVE's answer away" grep -q "lost the answer" "$T/lose-move.log"
is "$(grep -c '^cutproxy: request MOVE /dav/perdue/renditions/.web-720p.mp4' "$T/lose-move.log")" 2 \
	"  and the MOVE was sent again"
is "$(sha "$DAV_ROOT/perdue/renditions/web-720p.mp4")" "$(sha "$S8/renditions/web-720p.mp4")" \
	"  the video is in place, identical"
check "  the page was published" test -e "$DAV_ROOT/perdue/index.html"
proxy_stop
sed 's/^/# /' "$T/err"

S9="$T/Page perdue"
make_session "$S9" "Page perdue" 1
proxy_start "$DAV_HTTP_PORT" "lose:1:If-None-Match: *" "$T/lose-put.log"
proxied
"$PUB" "$S9" --to web --config "$T/proxied.ini" > "$T/out" 2> "$T/err"
ok $? "a page PUT (If-None-Match: *) whose answer was lost (its retry gets 412) succeeds"
check "  the proxy threw the PUT's answer away" grep -q "lost the answer" "$T/lose-put.log"
is "$(grep -c '^cutproxy: request PUT /dav/page-perdue/index.html' "$T/lose-put.log")" 2 \
	"  and the PUT was sent again"
check "  no false conflict reported" sh -c "! grep -q 'changed by someone else' '$T/err'"
check "  the page is on the server" grep -q '<video controls' "$DAV_ROOT/page-perdue/index.html"
proxy_stop
sed 's/^/# /' "$T/err"

# The same answers without the work done: still the clear errors.
S10="$T/Vraiment perdue"
make_session "$S10" "Vraiment perdue" 1
curl -s --cacert "$DAV_CA" -u "agent:$PASSWORD" -X MKCOL "${DAV_URL}vraiment-perdue/" -o /dev/null
curl -s --cacert "$DAV_CA" -u "agent:$PASSWORD" -X MKCOL "${DAV_URL}vraiment-perdue/renditions/" -o /dev/null
cat > "$T/rm-hook.sh" <<SH
curl -s -f --cacert '$DAV_CA' -u 'agent:$PASSWORD' -X DELETE '${DAV_URL}vraiment-perdue/renditions/.web-720p.mp4.studio-part' -o /dev/null
SH
export CUTPROXY_HOOK="sh '$T/rm-hook.sh'"
proxy_start "$DAV_HTTP_PORT" "hook:MOVE /dav/vraiment-perdue/renditions/" "$T/rm.log"
proxied
"$PUB" "$S10" --to web --config "$T/proxied.ini" > "$T/out" 2> "$T/err"
is "$?" 69 "a MOVE answered 404 with our file not in place still fails (EX_UNAVAILABLE)"
check "  the temporary file was removed while the MOVE was held" grep -q "hook ran (exit 0)" "$T/rm.log"
check "  with the server's answer named" grep -q "MOVE .*HTTP 404" "$T/err"
check "  and nothing under the final name" test ! -e "$DAV_ROOT/vraiment-perdue/renditions/web-720p.mp4"
proxy_stop
sed 's/^/# /' "$T/err"

S11="$T/Page prise"
make_session "$S11" "Page prise" 1
cat > "$T/page-hook.sh" <<SH
curl -s -f --cacert '$DAV_CA' -u 'agent:$PASSWORD' -T /etc/os-release '${DAV_URL}page-prise/index.html' -o /dev/null
SH
export CUTPROXY_HOOK="sh '$T/page-hook.sh'"
proxy_start "$DAV_HTTP_PORT" "hook:If-None-Match: *" "$T/page.log"
proxied
"$PUB" "$S11" --to web --config "$T/proxied.ini" > "$T/out" 2> "$T/err"
is "$?" 75 "a page PUT answered 412 with another page there still fails (EX_TEMPFAIL)"
check "  the other page was written while our PUT was held" grep -q "hook ran (exit 0)" "$T/page.log"
check "  with the conflict message" grep -q "index.html was changed by someone else during the upload" "$T/err"
is "$(sha "$DAV_ROOT/page-prise/index.html")" "$(sha /etc/os-release)" "  the other page is intact"
proxy_stop
unset CUTPROXY_HOOK
sed 's/^/# /' "$T/err"

# The answer to the site's LOCK is lost: its retry meets our own lock (423).
S12="$T/Verrou perdu"
make_session "$S12" "Verrou perdu" 1
proxy_start "$DAV_HTTP_PORT" "lose:1:LOCK /dav/sessions.json" "$T/lose-lock.log"
proxied
"$PUB" "$S12" --to web --config "$T/proxied.ini" > "$T/out" 2> "$T/err"
ok $? "a LOCK whose answer was lost (its retry gets 423, our own lock) succeeds"
check "  the proxy threw the LOCK's answer away" grep -q "lost the answer" "$T/lose-lock.log"
# A first publication locks the catalogue twice: to register its slug
# (claim.h; the LOCK whose answer is lost, then its retry) and to merge its
# entry.  The probe's LOCK of its scratch file is not counted.
is "$(grep -c '^cutproxy: request LOCK /dav/sessions.json' "$T/lose-lock.log")" 3 \
	"  the lock was recognised as ours at once (2 LOCKs, no polling, then the merge's)"
is "$(sed -n '/^cutproxy: request UNLOCK \/dav\/sessions.json/q; /^cutproxy: request LOCK \/dav\/sessions.json/p' "$T/lose-lock.log" | wc -l)" 2 \
	"  the slug's registration took the lost LOCK and its one retry"
[ "$(grep -c '^cutproxy: request LOCK /dav/sessions.json' "$T/lose-lock.log")" = 3 ] ||
	grep -n 'LOCK\|lost' "$T/lose-lock.log" | sed 's/^/# /'
check "  by its lockdiscovery" grep -q '^cutproxy: request PROPFIND /dav/sessions.json' "$T/lose-lock.log"
is "$(json_get "$DAV_ROOT/sessions.json" '"verrou-perdu" in [s["slug"] for s in d["sessions"]]')" True \
	"  the session is in the site catalogue"
is "$(curl -s --cacert "$DAV_CA" -u "agent:$PASSWORD" -X LOCK -H 'Content-Type: application/xml' \
	--data '<?xml version="1.0"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>' \
	-o /dev/null -w '%{http_code}' "${DAV_URL}sessions.json")" 200 "  and the lock was released (another LOCK is granted)"
proxy_stop
sed 's/^/# /' "$T/err"

plan "$_tap_n"
done_testing
