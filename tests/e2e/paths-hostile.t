#!/bin/sh
# The path policy (lib/safefile.h, docs/session.md) driven through the real
# binaries: hostile session folders — links out of the session, links that
# stay inside, FIFOs, device nodes, paths in session.json that leave the
# folder, a planted .session.lock — for studio-publish (dir and WebDAV
# targets, Apache from tests/peers/apache-dav.sh), studio-encode and
# studio-capture.  Each run is bounded by timeout(1): a program that would
# hang on a FIFO fails its test instead.  Every case was checked to fail on
# the code before the policy (issue 10, items 4 and 5), except the two
# spellings publish already refused (absolute, ".."), kept as guards.
set -u
. "$(dirname "$0")/tap.sh"
. "$STUDIO_SRC/tests/peers/apache-dav.sh"
. "$STUDIO_SRC/tests/peers/session.sh"

PUB=$STUDIO_BIN/studio-publish
ENC=$STUDIO_BIN/studio-encode
CAP=$STUDIO_BIN/studio-capture
T=$(mktemp -d) || exit 1
trap 'dav_stop; rm -rf "$T"' EXIT INT TERM
XDG_CONFIG_HOME="$T/xdg"        # no personal presets or settings interfere
export XDG_CONFIG_HOME
LINK_MSG="symbolic link (files a session names are never followed through links)"
OUT=$T/outside                  # what lies outside every session
mkdir -p "$OUT"

sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { wc -c < "$1" | tr -d ' '; }
empty_dir() { [ -d "$1" ] && [ -z "$(ls -A "$1")" ]; }

# run CMD...: runs CMD for at most 30 s, stdout in $T/out, stderr in
# $T/err, its status in $rc (124: it hung).
run() {
	timeout 30 "$@" > "$T/out" 2> "$T/err"
	rc=$?
}

# refused DESC RC PATTERN...: the last run exited RC and printed one line
# on stderr holding every PATTERN.
refused() {
	_d=$1 _want=$2
	shift 2
	_r=0
	[ "$rc" -eq "$_want" ] && [ "$(wc -l < "$T/err")" -eq 1 ] || _r=1
	for _p in "$@"; do
		grep -F -q -- "$_p" "$T/err" || _r=1
	done
	[ $_r -eq 0 ] || { echo "# rc=$rc (want $_want), stderr:"; sed 's/^/#   /' "$T/err"; }
	ok $_r "$_d"
}

# record SESSION FILE [SOURCE]: sets renditions[] entry FILE's bytes and
# sha256 to those of SOURCE (default SESSION/FILE): what someone who plants
# a file would do to make the record match.
record() {
	python3 - "$1" "$2" "${3:-$1/$2}" <<'PY'
import hashlib, json, sys
d, f, src = sys.argv[1:]
b = open(src, "rb").read()
s = json.load(open(d + "/session.json"))
for r in s["renditions"]:
    if r["file"] == f:
        r["bytes"], r["sha256"] = len(b), hashlib.sha256(b).hexdigest()
json.dump(s, open(d + "/session.json", "w"), ensure_ascii=False)
PY
}

# set_file SESSION ARRAY INDEX PATH: session.json's ARRAY[INDEX].file = PATH.
set_file() {
	python3 - "$@" <<'PY'
import json, sys
d, key, i, path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
s = json.load(open(d + "/session.json"))
s[key][i]["file"] = path
json.dump(s, open(d + "/session.json", "w"), ensure_ascii=False)
PY
}

# --- the files someone would like to see published ---------------------------------
printf 'WEBVTT\n\n00:00.000 --> 00:01.000\nmot de passe : hunter2\n' > "$OUT/private.vtt"
chmod 600 "$OUT/private.vtt"
printf 'WEBVTT\n\n00:00.000 --> 00:01.000\nautre secret\n' > "$OUT/other.vtt"
chmod 600 "$OUT/other.vtt"
PRIVATE_SHA=$(sha "$OUT/private.vtt")

# --- studio-publish, dir target ------------------------------------------------------
P="$T/base"
make_session "$P" "Atelier" 1 2026-11-28
ok $? "test session built with ffmpeg"

# fresh NAME: a copy of the test session in $S=$T/NAME (slug: its
# lowercase), and its own dir target $SITE in $T/dir.ini, so that what one
# case leaves cannot hide what another does.
fresh() {
	rm -rf "${T:?}/$1"
	cp -a "$P" "$T/$1"
	S=$T/$1 SITE=$T/www-$1
	printf '[site]\ntype = dir\npath = %s\n' "$SITE" > "$T/dir.ini"
}

# plant NAME: fresh NAME whose captions are a link to the 0600 file
# outside, the record made to match it.
plant() {
	fresh "$1"
	ln -sf "$OUT/private.vtt" "$S/renditions/captions.fr.vtt"
	record "$S" renditions/captions.fr.vtt
}

plant Lien
run "$PUB" "$S" --to site --config "$T/dir.ini"
refused "a rendition linked to a 0600 file outside, its record made to match: refused, named" 65 \
	"refusing $S/renditions/captions.fr.vtt: it is a $LINK_MSG"
ok "$([ ! -e "$SITE" ]; echo $?)" "  and nothing is published on the site"

fresh Dedans
ln -sf web-720p.mp4 "$S/renditions/alias.mp4"
python3 - "$S" <<'PY'
import json, sys
s = json.load(open(sys.argv[1] + "/session.json"))
r = dict(s["renditions"][0]); r["file"] = "renditions/alias.mp4"; r["preset"] = "alias"
s["renditions"].append(r)
json.dump(s, open(sys.argv[1] + "/session.json", "w"))
PY
run "$PUB" "$S" --to site --config "$T/dir.ini"
refused "a link that stays inside the session is refused too" 65 \
	"refusing $S/renditions/alias.mp4: it is a $LINK_MSG"

fresh Dossier
mkdir "$OUT/rend"
cp "$P"/renditions/* "$OUT/rend/"
cp "$OUT/private.vtt" "$OUT/rend/captions.fr.vtt"
rm -rf "$S/renditions"
ln -s "$OUT/rend" "$S/renditions"
record "$S" renditions/captions.fr.vtt "$OUT/private.vtt"
run "$PUB" "$S" --to site --config "$T/dir.ini"
refused "a linked renditions/ folder: refused, the link named" 65 \
	"refusing $S/renditions/web-720p.mp4: $S/renditions is a $LINK_MSG"
ok "$([ ! -e "$SITE" ]; echo $?)" "  and nothing is published on the site"

fresh Ecart
ln -sf "$OUT/other.vtt" "$S/renditions/captions.fr.vtt"
run "$PUB" "$S" --to site --config "$T/dir.ini"
refused "a link whose record does not match: refused before its size or hash is read" 65 \
	"refusing $S/renditions/captions.fr.vtt"
ok "$(! grep -F -q -e "$(sha "$OUT/other.vtt")" -e "$(size "$OUT/other.vtt") bytes" "$T/err"; echo $?)" \
	"  the message tells neither the size nor the sha256 of the file found"

fresh Change
printf 'WEBVTT\n\n00:00.000 --> 00:01.000\nchangé\n' > "$S/renditions/captions.fr.vtt"
run "$PUB" "$S" --to site --config "$T/dir.ini"
refused "a rendition that does not match its record names the recorded values only" 65 \
	"$S/renditions/captions.fr.vtt does not match session.json: its size is not the recorded"
ok "$(! grep -F -q -e "$(sha "$S/renditions/captions.fr.vtt")" \
	-e " $(size "$S/renditions/captions.fr.vtt") bytes" "$T/err"; echo $?)" \
	"  neither the size nor the sha256 of the file found"
printf 'WEBVTT\n\n00:00.000 --> 00:01.000\nBonjour à TOUS\n' > "$S/renditions/captions.fr.vtt"
run "$PUB" "$S" --to site --config "$T/dir.ini"
refused "  same size, other bytes: the recorded sha256 named" 65 \
	"$S/renditions/captions.fr.vtt does not match session.json: sha256 is not the recorded"
ok "$(! grep -F -q "$(sha "$S/renditions/captions.fr.vtt")" "$T/err"; echo $?)" \
	"  and not the sha256 of the file found"

fresh Fifo
rm "$S/renditions/captions.fr.vtt"
mkfifo "$S/renditions/captions.fr.vtt"
run "$PUB" "$S" --to site --config "$T/dir.ini"
refused "a FIFO as a rendition is refused at once (no hang)" 65 \
	"refusing $S/renditions/captions.fr.vtt: not a regular file"

fresh Device
rm "$S/renditions/captions.fr.vtt"
if mknod "$S/renditions/captions.fr.vtt" c 1 3 2>/dev/null; then
	run "$PUB" "$S" --to site --config "$T/dir.ini"
	refused "a device node (/dev/null's) as a rendition is refused" 65 \
		"refusing $S/renditions/captions.fr.vtt: not a regular file"
else
	ok 0 "# SKIP a device node as a rendition: mknod needs privileges here"
fi

fresh Hors
set_file "$S" renditions 2 "$OUT/private.vtt"
run "$PUB" "$S" --to site --config "$T/dir.ini"
refused "an absolute renditions[].file is refused" 65 "must be a relative path inside the session"
set_file "$S" renditions 2 "renditions/../../outside/private.vtt"
run "$PUB" "$S" --to site --config "$T/dir.ini"
refused "a renditions[].file with .. is refused" 65 "must be a relative path inside the session"
ok "$([ ! -e "$SITE" ]; echo $?)" "  and nothing is published on the site"

fresh Verrou
ln -s "$OUT/planted.lock" "$S/.session.lock"
run "$PUB" "$S" --to site --config "$T/dir.ini"
refused "a .session.lock linked out of the session: publish refuses before any work" 65 \
	"refusing $S/.session.lock: it is a $LINK_MSG"
ok "$([ ! -e "$OUT/planted.lock" ] && [ ! -e "$SITE" ]; echo $?)" \
	"  nothing created outside, nothing published"

fresh Manifeste
printf 'hunter2:x:0:0\n' > "$OUT/private.txt"
chmod 600 "$OUT/private.txt"
ln -sf "$OUT/private.txt" "$S/session.json"
run "$PUB" "$S" --to site --config "$T/dir.ini"
refused "session.json linked out of the session: refused without quoting what it points to" 65 \
	"refusing $S/session.json: it is a $LINK_MSG"
ok "$(! grep -q hunter "$T/err"; echo $?)" "  the file behind the link is not quoted"
rm "$S/session.json"
mkfifo "$S/session.json"
run "$PUB" "$S" --to site --config "$T/dir.ini"
refused "session.json a FIFO: refused at once (no hang)" 65 \
	"refusing $S/session.json: not a regular file"

fresh Propre
run "$PUB" "$S" --to site --config "$T/dir.ini"
ok "$([ "$rc" -eq 0 ] && [ "$(sha "$SITE/propre/renditions/captions.fr.vtt")" = \
	"$(sha "$S/renditions/captions.fr.vtt")" ]; echo $?)" "the same session without tricks publishes"
ok "$([ "$(stat -c %a "$SITE/propre/renditions/captions.fr.vtt")" = 644 ]; echo $?)" \
	"  its files with the site's mode 0644"

# --- studio-publish, WebDAV (Apache) ---------------------------------------------------
PASSWORD=Pa55-word-paths-0123
dav_start "$T/dav" agent "$PASSWORD"
ok $? "apache webdav started"
printf '%s\n' "$PASSWORD" > "$T/web.password"
chmod 600 "$T/web.password"
mkfifo "$T/fifo.password"
for tg in web fifo; do
	printf '[%s]\ntype = webdav\nurl = %s\nusername = agent\npassword_file = %s\nca_file = %s\n\n' \
		"$tg" "$DAV_URL" "$T/$tg.password" "$DAV_CA"
done > "$T/web.ini"

plant Webdav
run "$PUB" "$S" --to web --config "$T/web.ini"
refused "webdav: a rendition linked to a 0600 file outside is refused, named" 65 \
	"refusing $S/renditions/captions.fr.vtt: it is a $LINK_MSG"
ok "$([ ! -e "$DAV_ROOT/webdav" ]; echo $?)" "  and nothing appears on the server"

fresh Fifopass
run "$PUB" "$S" --to fifo --config "$T/web.ini"
refused "a FIFO as password_file is refused at once (no hang)" 78 \
	"password file $T/fifo.password refused"
ln -s "$T/web.password" "$T/link.password"
sed "s|$T/fifo.password|$T/link.password|" "$T/web.ini" > "$T/link.ini"
run "$PUB" "$S" --to fifo --config "$T/link.ini"
refused "a link as password_file is refused, naming the file to give instead" 78 \
	"password file $T/link.password refused: it is a symbolic link"
dav_stop

# --- studio-encode --------------------------------------------------------------------
E0=$T/enc
mkdir -p "$E0/master"
ffmpeg -nostdin -v error -f lavfi -i testsrc=size=160x120:rate=25:duration=1 \
	-f lavfi -i sine=frequency=440:duration=1 -c:v libx264 -pix_fmt yuv420p -c:a flac \
	-shortest "$E0/master/master.mkv"
cp "$E0/master/master.mkv" "$OUT/master.mkv"
printf 'WEBVTT\n\n00:00.000 --> 00:00.800\nBonghjornu\n' > "$E0/fr.vtt"
cat > "$E0/session.json" <<'JSON'
{"schema": "studio-session/1", "title": {"fr": "Encodage"},
 "captures": [{"file": "master/master.mkv", "markers": []}],
 "captions": [{"lang": "fr", "file": "fr.vtt"}]}
JSON
ok $? "test master and session built"
efresh() { rm -rf "${T:?}/$1"; cp -a "$E0" "$T/$1"; S=$T/$1; }
nothing_encoded() { [ ! -e "$1/renditions" ] || empty_dir "$1/renditions"; }

efresh e-rend
mkdir "$OUT/e-rend"
ln -s "$OUT/e-rend" "$S/renditions"
run "$ENC" -q -p podcast "$S"
refused "encode: a linked renditions/ is refused, named" 65 \
	"refusing $S/renditions: it is a $LINK_MSG"
ok "$(empty_dir "$OUT/e-rend"; echo $?)" "  and nothing is written outside the session"

efresh e-abs
set_file "$S" captions 0 "$OUT/private.vtt"
run "$ENC" -q -p podcast "$S"
refused "encode: an absolute captions[].file is refused, named" 65 \
	"refusing $OUT/private.vtt in $S: the path must stay inside the session folder"
ok "$(nothing_encoded "$S"; echo $?)" "  and nothing is encoded"
set_file "$S" captions 0 "../outside/private.vtt"
run "$ENC" -q -p podcast "$S"
refused "encode: a captions[].file with .. is refused" 65 \
	"refusing ../outside/private.vtt in $S: the path must stay inside the session folder"
ln -sf "$OUT/private.vtt" "$S/fr.vtt"
set_file "$S" captions 0 "fr.vtt"
run "$ENC" -q -p podcast "$S"
refused "encode: a captions[].file linked out of the session is refused" 65 \
	"refusing $S/fr.vtt: it is a $LINK_MSG"
ok "$(nothing_encoded "$S"; echo $?)" "  and nothing is encoded"

efresh e-cap
set_file "$S" captures 0 "$OUT/master.mkv"
run "$ENC" -q -p podcast "$S"
refused "encode: an absolute captures[].file is refused" 65 \
	"refusing $OUT/master.mkv in $S: the path must stay inside the session folder"
rm -rf "$S/master"
ln -s "$OUT" "$S/master"
set_file "$S" captures 0 "master/master.mkv"
run "$ENC" -q -p podcast "$S"
refused "encode: a master reached through a linked master/ is refused" 65 \
	"refusing $S/master/master.mkv: $S/master is a $LINK_MSG"
rm "$S/master"
mkdir "$S/master"
mkfifo "$S/master/master.mkv"
run "$ENC" -q -p podcast "$S"
refused "encode: a FIFO as the master is refused at once (no hang)" 65 \
	"refusing $S/master/master.mkv: not a regular file"
ok "$(nothing_encoded "$S"; echo $?)" "  and nothing is encoded"

efresh e-lock
ln -s "$OUT/e-planted.lock" "$S/.session.lock"
run "$ENC" -q -p podcast "$S"
refused "encode: a .session.lock linked out of the session is refused before encoding" 65 \
	"refusing $S/.session.lock: it is a $LINK_MSG"
ok "$([ ! -e "$OUT/e-planted.lock" ] && nothing_encoded "$S"; echo $?)" \
	"  nothing created outside, nothing encoded"

efresh e-ok
run "$ENC" -q -p podcast "$S"
ok "$([ "$rc" -eq 0 ] && [ -s "$S/renditions/podcast.ogg" ] && [ -s "$S/renditions/captions.fr.vtt" ]; echo $?)" \
	"encode: the same session without tricks encodes"

# --- studio-capture ---------------------------------------------------------------------
C=$T/cap-master
mkdir -p "$C" "$OUT/c-master"
ln -s "$OUT/c-master" "$C/master"
run "$CAP" --session "$C" --title Atelier --video test:160x120@25 --duration 0.5 --quiet
ok "$([ "$rc" -eq 65 ] && grep -F -q "refusing $C/master: it is a $LINK_MSG" "$T/err"; echo $?)" \
	"capture: a linked master/ is refused, named"
ok "$(empty_dir "$OUT/c-master"; echo $?)" "  and no master is written outside the session"

C=$T/cap-lock
mkdir -p "$C"
ln -s "$OUT/c-planted.lock" "$C/.session.lock"
run "$CAP" --session "$C" --title Atelier --video test:160x120@25 --duration 0.5 --quiet
ok "$([ "$rc" -eq 65 ] && grep -F -q "refusing $C/.session.lock: it is a $LINK_MSG" "$T/err"; echo $?)" \
	"capture: a .session.lock linked out of the session is refused, named"
ok "$([ ! -e "$OUT/c-planted.lock" ]; echo $?)" "  and nothing is created outside the session"

C=$T/cap-recover
mkdir -p "$C/master"
ln -s "$OUT/master.mkv" "$C/master/master.mkv"
run "$CAP" --recover "$C"
ok "$([ "$rc" -eq 65 ] && grep -F -q "refusing $C/master/master.mkv: it is a $LINK_MSG" "$T/err"; echo $?)" \
	"capture --recover: a master linked out of the session is refused"

echo "1..$_tap_n"
done_testing
