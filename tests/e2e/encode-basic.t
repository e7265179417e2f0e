#!/bin/sh
# studio-encode end to end: a real master (made with the ffmpeg CLI), the
# web-720p preset, and the output judged by ffprobe, sha256sum and python3
# rather than by the program itself.  Then every kind of bad input: each
# must fail with one stderr line and leave no rendition behind.
. "$(dirname "$0")/encode-lib.sh"

plan 27

# A 3 s, 320x240, 25 fps H.264 + FLAC master and a hand-written manifest.
new_session() { # DIR
	mkdir -p "$1/master"
	cp "$tmp/master.mkv" "$1/master/master.mkv"
	cat >"$1/session.json" <<'EOF'
{
  "schema": "studio-session/1",
  "title": {"fr": "Atelier de co-conception"},
  "captures": [{"file": "master/master.mkv"}]
}
EOF
}

ffmpeg -v error -f lavfi -i testsrc2=size=320x240:rate=25 \
	-f lavfi -i sine=frequency=440:sample_rate=44100 -t 3 \
	-c:v libx264 -pix_fmt yuv420p -c:a flac "$tmp/master.mkv" || {
	echo "Bail out! ffmpeg cannot make the test master"
	exit 1
}

# --- happy path: a session folder ---------------------------------------
S="$tmp/session"
new_session "$S"
OUT="$S/renditions/web-720p.mp4"
"$ENC" "$S" 2>"$tmp/err"
check "session encodes with exit 0" test $? -eq 0
check "one summary line on stderr" test "$(wc -l <"$tmp/err")" -eq 1

check "video is H.264 High yuv420p" \
	test "$(ffprobe -v error -select_streams v -show_entries stream=codec_name,profile,pix_fmt \
		-of csv=p=0 "$OUT" 2>/dev/null)" = "h264,High,yuv420p"
check "audio is AAC LC 48 kHz stereo, language fre" \
	test "$(ffprobe -v error -select_streams a -show_entries stream=codec_name,profile,sample_rate,channels:stream_tags=language \
		-of csv=p=0 "$OUT" 2>/dev/null)" = "aac,LC,48000,2,fre"
check "320x240 is not upscaled" \
	test "$(ffprobe -v error -select_streams v -show_entries stream=width,height -of csv=p=0 "$OUT" 2>/dev/null)" = "320,240"

faststart "$OUT"
check "moov comes before mdat (faststart)" test $? -eq 0

dm=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$tmp/master.mkv")
do=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$OUT" 2>/dev/null)
check "duration $do within 0.1 s of the master's $dm" \
	python3 -c "import sys; sys.exit(abs(float('$do') - float('$dm')) > 0.1)"
check "every source frame is kept (75 frames)" \
	test "$(ffprobe -v error -count_frames -select_streams v -show_entries stream=nb_read_frames \
		-of csv=p=0 "$OUT" 2>/dev/null)" = "75"
check "closed 2 s GOPs: keyframes at 0 and 2 s only" \
	test "$(ffprobe -v error -select_streams v -skip_frame nokey -show_entries frame=pts_time \
		-of csv=p=0 "$OUT" 2>/dev/null | grep -o '^[0-9.]*' | tr '\n' ' ')" = "0.000000 2.000000 "
check "copyright tag names the Etalab licence" \
	sh -c "ffprobe -v error -show_entries format_tags=copyright -of csv=p=0 '$OUT' | grep -q etalab"
check "title tag comes from the session" \
	test "$(ffprobe -v error -show_entries format_tags=title -of csv=p=0 "$OUT" 2>/dev/null)" = "Atelier de co-conception"

sum=$(sha256sum "$OUT" | cut -d' ' -f1)
size=$(stat -c %s "$OUT")
python3 - "$S/session.json" "$sum" "$size" "$do" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
r = [x for x in doc.get("renditions", []) if x.get("preset") == "web-720p"]
assert len(r) == 1, r
r = r[0]
assert r["file"] == "renditions/web-720p.mp4", r
assert r["sha256"] == sys.argv[2], (r["sha256"], sys.argv[2])
assert r["bytes"] == int(sys.argv[3]), (r["bytes"], sys.argv[3])
assert abs(r["duration"] - float(sys.argv[4])) < 0.01, r
assert abs(r["bitrate"] - r["bytes"] * 8 / r["duration"]) < 2, r
assert (r["width"], r["height"]) == (320, 240), r
assert (r["video_codec"], r["audio_codec"]) == ("h264", "aac"), r
assert r["encoded"][:2] == "20" and "T" in r["encoded"], r
assert doc["captures"] == [{"file": "master/master.mkv"}], doc
EOF
check "session.json records bytes, sha256, duration, codecs" test $? -eq 0

"$ENC" -q "$S" 2>"$tmp/err"
check "re-encoding replaces the record, quietly" sh -c "test $? -eq 0 && test ! -s '$tmp/err' &&
	python3 -c \"import json; assert len(json.load(open('$S/session.json'))['renditions']) == 1\""

# --- a plain file -------------------------------------------------------
mkdir -p "$tmp/plain"
cp "$tmp/master.mkv" "$tmp/plain/Mon atelier.mkv"
"$ENC" -q --output-dir "$tmp/out" "$tmp/plain/Mon atelier.mkv" 2>"$tmp/err"
check "plain file with --output-dir encodes, titled after its name" sh -c "test $? -eq 0 &&
	test \"\$(ffprobe -v error -show_entries format_tags=title -of csv=p=0 '$tmp/out/web-720p.mp4')\" = 'Mon atelier' &&
	test ! -e '$tmp/plain/session.json' && test ! -e '$tmp/out/session.json'"

# --- bad input: non-zero exit, exactly one stderr line, nothing left ----
fails() { # DESCRIPTION SESSION_DIR GREP_PATTERN COMMAND...
	desc=$1 dir=$2 pattern=$3
	shift 3
	"$@" >/dev/null 2>"$tmp/err"
	rc=$?
	lines=$(wc -l <"$tmp/err")
	left=$(find "$dir" -name 'web-720p.mp4' -o -name '.web-720p.mp4.*' 2>/dev/null | head -1)
	if [ $rc -ne 0 ] && [ "$lines" -eq 1 ] && [ -z "$left" ] && grep -q -- "$pattern" "$tmp/err"; then
		ok 0 "$desc"
	else
		ok 1 "$desc"
		echo "# rc=$rc lines=$lines left=$left stderr:"
		sed 's/^/#   /' "$tmp/err"
	fi
}

new_session "$tmp/b1"
fails "unknown preset lists the available ones" "$tmp/b1" "nope.*web-720p" \
	"$ENC" --preset nope "$tmp/b1"

mkdir -p "$XDG_CONFIG_HOME/studio/presets"
sed 's/^crf = .*/crf = abc/' "$STUDIO_SRC/presets/web-720p.ini" \
	>"$XDG_CONFIG_HOME/studio/presets/bad.ini"
line=$(grep -n '^crf = abc' "$XDG_CONFIG_HOME/studio/presets/bad.ini" | cut -d: -f1)
new_session "$tmp/b2"
fails "bad preset value names file:line and key" "$tmp/b2" "bad.ini:$line:.*crf" \
	"$ENC" --preset bad "$tmp/b2"

new_session "$tmp/b3"
head -c 50000 /dev/urandom >"$tmp/b3/master/master.mkv"
fails "garbage master" "$tmp/b3" "master.mkv" "$ENC" "$tmp/b3"

new_session "$tmp/b4"
head -c 60000 "$tmp/master.mkv" >"$tmp/b4/master/master.mkv"
fails "truncated master" "$tmp/b4" "truncated" "$ENC" "$tmp/b4"
new_session "$tmp/b4a"
cp "$tmp/b4/master/master.mkv" "$tmp/b4a/master/master.mkv"
fails "truncated master, with an audio-only preset alone" "$tmp/b4a" "truncated" \
	"$ENC" -p podcast "$tmp/b4a"
check "the audio-only run leaves nothing behind" test -z "$(ls -A "$tmp/b4a/renditions" 2>/dev/null)"

new_session "$tmp/b5"
echo '{"schema": "studio-session/1", "title": ' >"$tmp/b5/session.json"
fails "session.json that is not JSON" "$tmp/b5" "session.json" "$ENC" "$tmp/b5"

mkdir -p "$tmp/b8"
fails "missing session folder" "$tmp/b8" "$tmp/b8/nowhere" "$ENC" "$tmp/b8/nowhere"

new_session "$tmp/b6"
fails "unknown option" "$tmp/b6" "--bogus" "$ENC" --bogus "$tmp/b6"
"$ENC" --bogus "$tmp/b6" 2>/dev/null
check "unknown option exits 64 (EX_USAGE)" test $? -eq 64

fails "plain file without --output-dir" "$tmp/b6" "output-dir" \
	"$ENC" "$tmp/b6/master/master.mkv"

fails "session without captures" "$tmp/b7" "no capture" sh -c \
	"mkdir -p '$tmp/b7' && echo '{\"schema\": \"studio-session/1\", \"title\": {}}' >'$tmp/b7/session.json' && '$ENC' '$tmp/b7'"

"$ENC" --help >"$tmp/help" 2>"$tmp/err"
check "--help prints usage on stdout and exits 0" sh -c "test $? -eq 0 && grep -q -- --preset '$tmp/help' && test ! -s '$tmp/err'"

done_testing
