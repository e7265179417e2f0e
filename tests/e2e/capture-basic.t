#!/bin/sh
# studio-capture with the built-in test sources: the master judged by
# ffprobe, session.json read with python3, and every refusal (one stderr
# line, non-zero exit, nothing left under a final name).
set -u

: "${STUDIO_BIN:?set STUDIO_BIN to the folder holding studio-capture}"
CAP="$STUDIO_BIN/studio-capture"
LC_ALL=C
export LC_ALL
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && echo "# $2"; }
check() { if eval "$2"; then ok "$1"; else nok "$1" "$(cat "$T/err" 2>/dev/null)"; fi; }
lines() { wc -l < "$1" | tr -d ' '; }
probe() { ffprobe -v error -show_entries "$2" -of default=nw=1:nk=1 "$1"; }
near() { python3 -c 'import sys; sys.exit(abs(float(sys.argv[1]) - float(sys.argv[2])) > float(sys.argv[3]))' "$@"; }
json() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"; }

# Runs the program expecting failure with code $2: exactly one line on
# stderr, and no session folder content under a final name.
refuse() {
	name=$1 want=$2
	shift 2
	"$CAP" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -eq "$want" ] && [ "$(lines "$T/err")" = 1 ] && [ ! -s "$T/out" ]; then
		ok "$name (exit $rc: $(cat "$T/err"))"
	else
		nok "$name" "exit $rc, stderr: $(cat "$T/err")"
	fi
}

echo 1..26

# Happy path.
S="$T/s1"
"$CAP" --session "$S" --title "Atelier de co-conception" --speaker "Ana Maria" \
	--speaker "Ghjuvanni" --video test:320x240@25 --duration 3 >"$T/out" 2>"$T/err"
check "records 3 s of test sources" '[ $? -eq 0 ] && [ -s "$S/master/master.mkv" ]'
check "one summary line naming the master" \
	'[ "$(lines "$T/err")" = 1 ] && grep -q "master/master.mkv" "$T/err"'
M="$S/master/master.mkv"
check "video stream is H.264 320x240 yuv420p" \
	'[ "$(ffprobe -v error -select_streams v -show_entries stream=codec_name,width,height,pix_fmt -of csv=p=0 "$M")" = "h264,320,240,yuv420p" ]'
check "audio stream is FLAC at 48 kHz" \
	'[ "$(ffprobe -v error -select_streams a -show_entries stream=codec_name,sample_rate -of csv=p=0 "$M")" = "flac,48000" ]'
DUR=$(probe "$M" format=duration)
check "master lasts 3 s within one frame (ffprobe: $DUR)" 'near "$DUR" 3 0.04'
check "master decodes without error" \
	'[ -z "$(ffmpeg -nostdin -v error -i "$M" -f null - 2>&1)" ]'
J="$S/session.json"
TITLE=$(json "$J" 'd["title"]["fr"]')
check "session.json has the title in French ($TITLE)" '[ "$TITLE" = "Atelier de co-conception" ]'
PEOPLE=$(json "$J" '"|".join(d["speakers"] + d["languages"])')
check "session.json has the speakers and languages ($PEOPLE)" \
	'[ "$PEOPLE" = "Ana Maria|Ghjuvanni|fr" ]'
CAP1=$(json "$J" '"%d %s %s" % (len(d["captures"]), d["captures"][0]["file"], d["captures"][0]["source"])')
check "one capture, of the master, from the test source ($CAP1)" \
	'[ "$CAP1" = "1 master/master.mkv test" ]'
CD=$(json "$J" 'd["captures"][0]["duration"]')
check "capture duration $CD matches ffprobe's $DUR" 'near "$CD" "$DUR" 0.001 && near "$CD" 3 0.04'
STREAMS=$(json "$J" '" ".join("%s:%s:%s" % (s["type"], s["codec"], s.get("width", s.get("sample_rate"))) for s in d["captures"][0]["streams"])')
check "capture streams describe the master ($STREAMS)" \
	'[ "$STREAMS" = "video:h264:320 audio:flac:48000" ]'
SAME=$(json "$J" 'd["recorded"] == d["captures"][0]["started"]')
check "recorded time is the capture start" '[ "$SAME" = True ]'

# A prepared session without captures: other languages are kept.
S5="$T/s5"
mkdir "$S5"
printf '%s\n' '{"schema": "studio-session/1", "title": {"co": "Attellu"}, "languages": ["co", "fr"], "captures": []}' >"$S5/session.json"
"$CAP" --session "$S5" --title "Atelier" --video test:320x240@25 --duration 0.5 --quiet 2>"$T/err"
rc=$?
T5=$(json "$S5/session.json" '"%s|%s|%s|%d" % (d["title"]["co"], d["title"]["fr"], ",".join(d["languages"]), len(d["captures"]))' 2>&1)
check "prepared session keeps its Corsican title (exit $rc, $T5)" \
	'[ $rc -eq 0 ] && [ ! -s "$T/err" ] && [ "$T5" = "Attellu|Atelier|co,fr|1" ]'

# A session that already holds a recording is never overwritten.
SUM=$(sha256sum "$M")
refuse "refuses a session that already has a master" 73 \
	--session "$S" --video test:320x240@25 --duration 1
check "master unchanged after the refusal" \
	'[ "$(sha256sum "$M")" = "$SUM" ] && [ "$(ls -A "$S/master")" = master.mkv ]'

# Bad command lines: nothing is created.
refuse "bad --duration" 64 --session "$T/s2" --test-sources --duration 1:xx
refuse "unknown option" 64 --session "$T/s2" --test-sources --duration 1 --frobnicate
refuse "missing --session" 64 --test-sources --duration 1
refuse "video source other than test" 64 --session "$T/s2" --video v4l2:/dev/video0 --duration 1
check "no folder created by bad command lines" '[ ! -e "$T/s2" ]'

# An unwritable session folder (root ignores permissions: go under a file).
: >"$T/file"
refuse "unwritable session folder" 73 --session "$T/file/sub" --test-sources --duration 1

# A file size limit too small for the recording: refused at the start
# with the disk-full status (79), one message, nothing recorded.
S3="$T/s3"
(ulimit -f 64; exec "$CAP" --session "$S3" --video test:320x240@25 \
	--duration 20) >"$T/out" 2>"$T/err"
rc=$?
check "too small a file size limit is refused at the start (exit $rc)" \
	'[ $rc -eq 79 ] && [ "$(lines "$T/err")" = 1 ] && [ -z "$(ls -A "$S3/master")" ] && [ ! -e "$S3/session.json" ]'

# SIGINT stops cleanly and records the real duration.
S4="$T/s4"
"$CAP" --session "$S4" --video test:320x240@25 --duration 3600 --quiet >"$T/out" 2>"$T/err" &
pid=$!
sleep 1
LIVE=$(ls -A "$S4/master")
kill -INT "$pid"
wait "$pid"
rc=$?
D4=$(probe "$S4/master/master.mkv" format=duration 2>/dev/null)
C4=$(json "$S4/session.json" 'd["captures"][0]["duration"]' 2>/dev/null)
check "SIGINT finishes the file (exit $rc, ffprobe $D4 s, session $C4 s)" \
	'[ $rc -eq 0 ] && [ ! -s "$T/err" ] && near "$D4" "$C4" 0.041 && near "$C4" 1800 1799.99'

check "the master is written under its final name from the start ($LIVE)" '[ "$LIVE" = master.mkv ]'

# --help and --version.
"$CAP" --help >"$T/out" 2>"$T/err"
check "--help prints usage on stdout and exits 0" \
	'[ $? -eq 0 ] && [ ! -s "$T/err" ] && grep -q -- "--test-sources" "$T/out" && grep -q "fast as possible" "$T/out"'
"$CAP" --version >"$T/out" 2>"$T/err"
check "--version exits 0" '[ $? -eq 0 ] && grep -q "studio-capture" "$T/out"'
