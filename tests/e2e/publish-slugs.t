#!/bin/sh
# studio-publish: sessions whose names slug alike never erase each other
# (issue 10, item 3), on the `dir` target and on a real Apache 2.4 mod_dav
# server (tests/peers/apache-dav.sh): the second one gets "SLUG-2", decided
# before anything is copied and registered in the site catalogue; a
# re-published session keeps its slug even after its folder is renamed; two
# first publications at once end with two slugs; `dir` refuses a file it did
# not publish unless --force; --dry-run shows the slug with its suffix.
# The merge re-check is driven through the fault proxy (tests/peers/cutproxy.py).
# Judges: sha256sum, python3 (json, xml.etree) on what the site folders hold.
set -u
. "$(dirname "$0")/tap.sh"
. "$STUDIO_SRC/tests/peers/apache-dav.sh"
. "$STUDIO_SRC/tests/peers/proxy.sh"
. "$STUDIO_SRC/tests/peers/session.sh"

PUB=$STUDIO_BIN/studio-publish
T=$(mktemp -d) || exit 1
[ -z "${KEEP:-}" ] || echo "# kept: $T"
trap 'proxy_stop; dav_stop; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT INT TERM
PASSWORD=Pa55-word-slugs-0123
sha() { sha256sum "$1" | cut -d' ' -f1; }

# site_holds ROOT SLUG=SESSION...: ROOT's catalogue has exactly these slugs,
# each entry with its own session id, each slug registered to that id; each
# SLUG/ holds SESSION's renditions, identical, and a page with its title;
# feed.xml has the podcast rendition under each slug as an enclosure,
# index.html links each one.
site_holds() {
	python3 - "$@" <<'PY'
import hashlib, json, sys, xml.etree.ElementTree as ET
root, pairs = sys.argv[1], [a.split("=", 1) for a in sys.argv[2:]]
cat = json.load(open(root + "/sessions.json"))
entries = {e["slug"]: e for e in cat["sessions"]}
assert sorted(entries) == sorted(s for s, _ in pairs), sorted(entries)
ids = {e.get("session_id") for e in entries.values()}
assert None not in ids and len(ids) == len(pairs), ids
feed = ET.parse(root + "/feed.xml").getroot()
urls = [e.get("url") for e in feed.iter("enclosure")]
index = open(root + "/index.html").read()
for slug, session in pairs:
    s = json.load(open(session + "/session.json"))
    assert entries[slug]["session_id"] == s["id"], (slug, s.get("id"))
    assert cat["slugs"][slug]["session"] == s["id"], cat["slugs"]
    assert entries[slug]["title"] == s["title"]["fr"], entries[slug]
    for r in s["renditions"]:
        got = hashlib.sha256(open(root + "/" + slug + "/" + r["file"], "rb").read()).hexdigest()
        assert got == r["sha256"], (slug, r["file"])
    assert s["title"]["fr"] in open(root + "/" + slug + "/index.html").read(), slug
    assert any(u.endswith("/" + slug + "/renditions/podcast.ogg") for u in urls), (slug, urls)
    assert 'href="%s/"' % slug in index, slug
PY
}

# slug_of SESSION TARGET: the slug session.json recorded for TARGET.
slug_of() { json_get "$1/session.json" "d.get('publish_slugs', {}).get('$2')"; }

# collide KIND TARGET ROOT PREFIX FIRST SECOND: FIRST then SECOND (whose
# names slug alike) published on TARGET: FIRST under PREFIX/atelier/,
# SECOND under PREFIX/atelier-2/ (both exit 0), and ROOT holds both.
collide() {
	c_k=$1 c_t=$2 c_r=$3 c_p=$4 c_a=$5 c_b=$6
	"$PUB" "$c_a" --to "$c_t" --config "$CFG" > "$T/first.out" 2> "$T/first.err"
	is "$?:$(cat "$T/first.out")" "0:$c_p/atelier/index.html" \
		"$c_k: '${c_a#"$T"/}' published as atelier"
	"$PUB" "$c_b" --to "$c_t" --config "$CFG" > "$T/second.out" 2> "$T/second.err"
	is "$?:$(cat "$T/second.out")" "0:$c_p/atelier-2/index.html" \
		"$c_k: '${c_b#"$T"/}' then published as atelier-2, and its page path says so"
	check "$c_k: both sessions' files, pages, entries and feed items remain" \
		site_holds "$c_r" "atelier=$c_a" "atelier-2=$c_b"
}

# run NAME CMD...: runs CMD, its stdout in $T/NAME.out, stderr in
# $T/NAME.err, and its exit status in $rc.
run() { _n=$1; shift; "$@" > "$T/$_n.out" 2> "$T/$_n.err"; rc=$?; }

A="$T/Atelier!" B="$T/Atelier?" C="$T/Atelier." E="$T/ATELIER"
make_session "$A" "Atelier un" 1 2026-11-20 && make_session "$B" "Atelier deux" 1 2026-11-21 &&
	make_session "$C" "Atelier trois" 1 2026-11-22 && make_session "$E" "Atelier quatre" 1 2026-11-23 &&
	make_session "$T/2026/atelier" "Atelier 2026" 1 2026-01-10 &&
	make_session "$T/2027/atelier" "Atelier 2027" 1 2027-01-10
ok $? "six test sessions built with ffmpeg"

CFG=$T/publish.ini
W=$T/www
cat > "$CFG" <<INI
[site]
type = dir
path = www
[years]
type = dir
path = years
[race]
type = dir
path = race
INI

# --- dir: two names that slug alike ----------------------------------------------
collide dir site "$W" "$W" "$A" "$B"
check "dir: the run says why it added the suffix" \
	grep -q "atelier belongs to another session (Atelier un): publishing in $W/atelier-2" "$T/second.err"
is "$(slug_of "$A" site) $(slug_of "$B" site)" "atelier atelier-2" "dir: each slug recorded in session.json"
collide dir years "$T/years" "$T/years" "$T/2026/atelier" "$T/2027/atelier"

# --- dir: re-publishing keeps the slug ---------------------------------------------
mv "$A" "$T/Atelier renommé"
A="$T/Atelier renommé"
run a2 "$PUB" "$A" --to site --config "$CFG"
is "$rc:$(cat "$T/a2.out")" "0:$W/atelier/index.html" "dir: a renamed session is re-published under its slug"
check "dir: no folder for its new name" test ! -e "$W/atelier-renomme"
run b2 "$PUB" "$B" --to site --config "$CFG"
is "$rc:$(cat "$T/b2.out")" "0:$W/atelier-2/index.html" "dir: the second session keeps atelier-2"
check "dir: nothing was copied again" sh -c "! grep -q copied: '$T/b2.err'"
check "dir: still both" site_holds "$W" "atelier=$A" "atelier-2=$B"

# --- dir: --dry-run shows the suffix -------------------------------------------------
before=$(sha "$C/session.json")
run c0 "$PUB" "$C" --to site --config "$CFG" --dry-run
check "dir --dry-run: says the slug with its suffix" \
	grep -q -F "would publish in $W/atelier-3: atelier belongs to another session (Atelier un)" "$T/c0.out"
check "dir --dry-run: copies planned under atelier-3" \
	grep -q -F "would copy $C/renditions/web-720p.mp4 to $W/atelier-3/renditions/web-720p.mp4" "$T/c0.out"
check "dir --dry-run: nothing created, session.json untouched" \
	sh -c "test $rc -eq 0 && test ! -e '$W/atelier-3' && test '$(sha "$C/session.json")' = '$before'"
run c0j "$PUB" "$C" --to site --config "$CFG" --dry-run --json
is "$(json_get "$T/c0j.out" "d['targets'][0]['slug']")" atelier-3 "dir --dry-run --json: the target's slug is atelier-3"

# --- dir: a folder no session registered is no session's ----------------------------
mkdir -p "$W/atelier-3"
echo "hand-made" > "$W/atelier-3/notes.txt"
run c1 "$PUB" "$C" --to site --config "$CFG" --json
is "$rc:$(json_get "$T/c1.out" "d['targets'][0]['slug']")" "0:atelier-3" \
	"dir: a folder made by hand is used (--json gives the slug)"
is "$(cat "$W/atelier-3/notes.txt")" "hand-made" "dir: the file put there by hand is left alone"

# --- dir: --force semantics ------------------------------------------------------------
P=$W/atelier/renditions/podcast.ogg
printf 'someone else\n' > "$P"
pstamp=$(sha "$W/atelier/index.html")
run f1 "$PUB" "$A" --to site --config "$CFG"
is "$rc" 73 "dir: a file this session did not publish is refused (exit 73)"
check "dir: the message names it and --force" \
	grep -q -F "$P already exists with other content: use --force to replace it" "$T/f1.err"
is "$(cat "$P")" "someone else" "dir: the other file is intact"
is "$(sha "$W/atelier/index.html")" "$pstamp" "dir: nothing else was written"
run f2 "$PUB" "$A" --to site --config "$CFG" --force
is "$rc:$(sha "$P")" "0:$(sha "$A/renditions/podcast.ogg")" "dir: --force replaces it"

# A re-encoded rendition replaces the copy this session published.
ffmpeg -nostdin -v error -y -f lavfi -i "sine=frequency=550:duration=1" -c:a libvorbis \
	-metadata title=re-encoded "$A/renditions/podcast.ogg"
python3 - "$A" <<'PY'
import hashlib, json, sys
p = sys.argv[1] + "/session.json"
s = json.load(open(p))
for r in s["renditions"]:
    b = open(sys.argv[1] + "/" + r["file"], "rb").read()
    r["sha256"], r["bytes"] = hashlib.sha256(b).hexdigest(), len(b)
json.dump(s, open(p, "w"), ensure_ascii=False, indent=2)
PY
run f3 "$PUB" "$A" --to site --config "$CFG"
is "$rc:$(sha "$P")" "0:$(sha "$A/renditions/podcast.ogg")" "dir: a re-encoded rendition replaces ours without --force"

# --- dir: a recorded slug that became another session's is refused -----------------
python3 - "$W/sessions.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["slugs"]["atelier-2"] = {"session": "00000000-0000-4000-8000-000000000000", "title": "Autre"}
json.dump(c, open(sys.argv[1], "w"))
PY
bstamp=$(sha "$W/atelier-2/index.html")
run r1 "$PUB" "$B" --to site --config "$CFG"
is "$rc" 73 "dir: a recorded slug registered to another session is refused (exit 73)"
check "dir: the message names both sessions" \
	grep -q -F "cannot publish $B as atelier-2 on $W: atelier-2 belongs to another session (Autre)" "$T/r1.err"
is "$(sha "$W/atelier-2/index.html")" "$bstamp" "dir: nothing written for it"

# --- dir: a site published before slugs were recorded ---------------------------------
# What an older version left: no "id", no "publish_slugs", a catalogue
# without "slugs" or "session_id" (removed here from a fresh publication).
O1="$T/old/Ancien" O2="$T/old/ancien!"
make_session "$O1" "Ancien" 1 2026-10-01 && make_session "$O2" "Ancien bis" 1 2026-10-02
printf '[old]\ntype = dir\npath = %s\n' "$T/oldsite" >> "$CFG"
"$PUB" "$O1" --to old --config "$CFG" > /dev/null 2>&1
python3 - "$O1/session.json" "$T/oldsite/sessions.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); s.pop("id"); s.pop("publish_slugs")
json.dump(s, open(sys.argv[1], "w"), ensure_ascii=False, indent=2)
c = json.load(open(sys.argv[2])); c.pop("slugs")
for e in c["sessions"]: e.pop("session_id")
json.dump(c, open(sys.argv[2], "w"))
PY
mv "$O1" "$T/old/Ancien renommé"
O1="$T/old/Ancien renommé"
run o1 "$PUB" "$O1" --to old --config "$CFG"
is "$rc:$(cat "$T/o1.out")" "0:$T/oldsite/ancien/index.html" \
	"dir: a session an older version published keeps its folder, renamed or not"
run o2 "$PUB" "$O2" --to old --config "$CFG"
is "$rc:$(cat "$T/o2.out")" "0:$T/oldsite/ancien-2/index.html" "dir: and a newcomer of the same name gets ancien-2"
check "dir: both remain, now with ids" site_holds "$T/oldsite" "ancien=$O1" "ancien-2=$O2"

# --- dir: two first publications at once ------------------------------------------
for i in 1 2 3; do
	rm -rf "$T/race"
	for s in "$B" "$C"; do
		python3 - "$s" <<'PY'
import json, sys
p = sys.argv[1] + "/session.json"
s = json.load(open(p))
s.get("publish_slugs", {}).pop("race", None)
s["publications"] = [r for r in s["publications"] if r["target"] != "race"]
json.dump(s, open(p, "w"), ensure_ascii=False, indent=2)
PY
	done
	"$PUB" "$C" --to race --config "$CFG" > /dev/null 2> "$T/race-c.err" & pa=$!
	"$PUB" "$B" --to race --config "$CFG" > /dev/null 2> "$T/race-b.err" & pb=$!
	wait $pa; ra=$?
	wait $pb; rb=$?
	[ "$ra$rb" = 00 ] || break
	[ "$(slug_of "$B" race) $(slug_of "$C" race)" != "atelier atelier" ] || break
	site_holds "$T/race" "$(slug_of "$B" race)=$B" "$(slug_of "$C" race)=$C" || break
done
is "$ra$rb" 00 "dir: two concurrent first publications both succeed"
[ "$ra$rb" = 00 ] || sed 's/^/# /' "$T/race-c.err" "$T/race-b.err"
check "dir: they end with two slugs, both sessions complete (3 rounds)" \
	site_holds "$T/race" "$(slug_of "$B" race)=$B" "$(slug_of "$C" race)=$C"

# --- webdav (Apache 2.4 mod_dav) ----------------------------------------------------
dav_start "$T/dav" agent "$PASSWORD"
ok $? "apache webdav started on https://127.0.0.1 with a test CA"
printf '%s\n' "$PASSWORD" > "$T/web.password"
chmod 600 "$T/web.password"
for c in names years race; do
	curl -s -o /dev/null --cacert "$DAV_CA" -u "agent:$PASSWORD" -X MKCOL "$DAV_URL$c/"
	cat >> "$CFG" <<INI
[w$c]
type = webdav
url = $DAV_URL$c/
username = agent
password_file = web.password
ca_file = $DAV_CA
INI
done
D=$DAV_ROOT

collide webdav wnames "$D/names" "${DAV_URL}names" "$B" "$C"
collide webdav wyears "$D/years" "${DAV_URL}years" "$T/2026/atelier" "$T/2027/atelier"

mv "$C" "$T/Atelier trois renommé"
C="$T/Atelier trois renommé"
run wc2 "$PUB" "$C" --to wnames --config "$CFG"
is "$rc:$(cat "$T/wc2.out")" "0:${DAV_URL}names/atelier-2/index.html" "webdav: a renamed session keeps its slug"
# Three files, the page and the transcript of the captions, and the site's files.
is "$(grep -c '^studio-publish: unchanged: ' "$T/wc2.err"):$(grep -c '^studio-publish: uploaded' "$T/wc2.err")" \
	6:0 "webdav: and nothing is uploaded again"

run we0 "$PUB" "$E" --to wnames --config "$CFG" --dry-run
check "webdav --dry-run: says the slug with its suffix" grep -q -F \
	"would publish in ${DAV_URL}names/atelier-3/: atelier belongs to another session (Atelier deux)" "$T/we0.out"
check "webdav --dry-run: uploads planned under atelier-3, nothing created" sh -c \
	"grep -q -F 'to ${DAV_URL}names/atelier-3/renditions/web-720p.mp4' '$T/we0.out' && test ! -e '$D/names/atelier-3'"

"$PUB" "$B" --to wrace --config "$CFG" > /dev/null 2> "$T/wrb.err" & pb=$!
"$PUB" "$E" --to wrace --config "$CFG" > /dev/null 2> "$T/wre.err" & pe=$!
wait $pb; rb=$?
wait $pe; re=$?
is "$rb$re" 00 "webdav: two concurrent first publications both succeed"
[ "$rb$re" = 00 ] || sed 's/^/# /' "$T/wrb.err" "$T/wre.err"
check "webdav: they end with two slugs, both sessions complete" \
	site_holds "$D/race" "$(slug_of "$B" wrace)=$B" "$(slug_of "$E" wrace)=$E"

# --- webdav: the slug re-checked when the entry is merged ---------------------------
# The proxy holds the page's PUT (hook) while the registry on the server is
# changed to give the session's slug to another session: the merge, under
# the catalogue's lock, must refuse rather than replace that session's entry.
F="$T/Relecture"
make_session "$F" "Relecture" 1
curl -s -o /dev/null --cacert "$DAV_CA" -u "agent:$PASSWORD" -X MKCOL "${DAV_URL}hook/"
cat > "$T/steal.sh" <<SH
python3 - '$D/hook/sessions.json' <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["slugs"]["relecture"] = {"session": "00000000-0000-4000-8000-00000000beef", "title": "Intrus"}
open(sys.argv[1], "w").write(json.dumps(c))
PY
SH
export CUTPROXY_HOOK="sh '$T/steal.sh'"
proxy_start "$DAV_HTTP_PORT" "hook:PUT /dav/hook/relecture/index.html" "$T/hook.log"
printf '[hooked]\ntype = webdav\nurl = http://127.0.0.1:%s/dav/hook/\nusername = agent\npassword_file = web.password\ninsecure = yes\n' \
	"$PROXY_PORT" > "$T/hooked.ini"
run h1 "$PUB" "$F" --to hooked --config "$T/hooked.ini"
proxy_stop
unset CUTPROXY_HOOK
check "webdav: the registry was changed while the page's PUT was held" grep -q "hook ran (exit 0)" "$T/hook.log"
is "$rc" 73 "webdav: the merge re-checks the slug and refuses (exit 73)"
check "webdav: naming both sessions" grep -q -F \
	"cannot publish $F as relecture on http://127.0.0.1:$PROXY_PORT/dav/hook/: relecture belongs to another session (Intrus)" "$T/h1.err"
is "$(json_get "$D/hook/sessions.json" "[e['slug'] for e in d['sessions']]")" "[]" \
	"webdav: the catalogue was left as it was (no entry for it)"

plan "$_tap_n"
done_testing
