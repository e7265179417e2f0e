#!/bin/sh
# studio-encode --captions and markers: caption files (WebVTT and SubRip)
# muxed as mov_text in MP4 and WebVTT in WebM with ISO 639-2 languages and
# written as captions.LANG.vtt sidecars; session markers as chapters in
# MP4/WebM and chapters.vtt; malformed caption files named by line.
. "$(dirname "$0")/encode-lib.sh"

plan 23

S="$tmp/session"
mkdir -p "$S/master"
master -f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i sine=sample_rate=48000 \
	-t 6 -c:v libx264 -pix_fmt yuv420p -c:a flac "$S/master/master.mkv"
cat >"$S/session.json" <<'JSON'
{"schema": "studio-session/1", "title": {"fr": "Sous-titres"},
 "captures": [{"file": "master/master.mkv",
               "markers": [{"t": 3.5, "label": "Démonstration"}, {"t": 0, "label": "Accueil"},
                           {"t": 9, "label": "après la fin"}]}]}
JSON
cat >"$tmp/fr.vtt" <<'VTT'
WEBVTT

1
00:00:00.500 --> 00:00:01.800
Bonjour à tous

00:02.000 --> 00:04.000 align:start
Deuxième réplique
VTT
cat >"$tmp/co.srt" <<'SRT'
1
00:00:00,400 --> 00:00:01,500
Bonghjornu à tutti

2
00:00:04,600 --> 00:00:05,800
Ghjè una prova
SRT

"$ENC" -q -p web-720p,webm-720p,poster --captions fr="$tmp/fr.vtt" --captions co="$tmp/co.srt" "$S"
ok $? "encodes with French WebVTT and Corsican SubRip captions"
R="$S/renditions"
subs() { ffprobe -v error -select_streams s -show_entries stream=codec_name:stream_tags=language \
	-of csv=p=0 "$1" | tr '\n' ' '; }
is "$(subs "$R/web-720p.mp4")" "mov_text,fre mov_text,cos " "MP4: mov_text captions tagged fre and cos"
is "$(subs "$R/webm-720p.webm")" "webvtt,fre webvtt,cos " "WebM: WebVTT captions tagged fre and cos"
ffmpeg -v error -i "$R/web-720p.mp4" -map 0:s:1 -f webvtt - >"$tmp/mp4co.vtt"
grep -q "Ghjè una prova" "$tmp/mp4co.vtt" && grep -q "00:04.600 --> 00:05.800" "$tmp/mp4co.vtt"
ok $? "MP4: the Corsican cues keep their text and times"
ffmpeg -v error -i "$R/webm-720p.webm" -map 0:s:0 -f webvtt - >"$tmp/webmfr.vtt"
# The WebM muxer shifts every stream alike by Opus' priming (a few ms).
grep -q "Bonjour à tous" "$tmp/webmfr.vtt" && grep -q "00:02.0[0-4][0-9] --> 00:04.0" "$tmp/webmfr.vtt"
ok $? "WebM: the French cues keep their text and times"
head -1 "$R/captions.fr.vtt" | grep -q '^WEBVTT'
ok $? "sidecar captions.fr.vtt is WebVTT"
grep -q "Ghjè una prova" "$R/captions.co.vtt"
ok $? "sidecar captions.co.vtt converted from SubRip"

chapters() { ffprobe -v error -show_chapters -of csv=p=0 "$1" | awk -F, '{ printf "%.1f-%.1f:%s ", $4, $6, $7 }'; }
is "$(chapters "$R/web-720p.mp4")" "0.0-3.5:Accueil 3.5-6.0:Démonstration " \
	"MP4 chapters from the markers, sorted, the one past the end left out"
is "$(chapters "$R/webm-720p.webm")" "0.0-3.5:Accueil 3.5-6.0:Démonstration " "WebM chapters"
printf 'WEBVTT\n\n1\n00:00:00.000 --> 00:00:03.500\nAccueil\n\n2\n00:00:03.500 --> 00:00:06.000\nDémonstration\n' >"$tmp/expected"
# Its NOTE block (the attribution, checked by attribution.t) left aside.
sed '/^NOTE$/,/^$/d' "$R/chapters.vtt" | cmp -s "$tmp/expected" -
ok $? "chapters.vtt lists the chapters"

# Every output, sidecars included, is recorded with its real size and hash.
python3 - "$S" >"$tmp/records" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
for r in json.load(open(os.path.join(d, "session.json")))["renditions"]:
    data = open(os.path.join(d, r["file"]), "rb").read()
    ok = r["bytes"] == len(data) and r["sha256"] == hashlib.sha256(data).hexdigest()
    print(r["kind"], r.get("preset", "-"), r.get("language", "-"), r["file"],
          ",".join(r.get("presets", [])), "ok" if ok else "MISMATCH")
PY
is "$(sort "$tmp/records" | tr '\n' ';')" "\
captions - co renditions/captions.co.vtt web-720p,webm-720p,poster ok;\
captions - fr renditions/captions.fr.vtt web-720p,webm-720p,poster ok;\
chapters - - renditions/chapters.vtt web-720p,webm-720p,poster ok;\
picture poster - renditions/poster.jpg  ok;\
video web-720p - renditions/web-720p.mp4  ok;\
video webm-720p - renditions/webm-720p.webm  ok;" \
	"session.json records renditions, picture and sidecars with matching bytes and sha256"

# A selection moves captions and chapters with it.
"$ENC" -q -p web-720p --start 2 --captions fr="$tmp/fr.vtt" "$S"
is "$(chapters "$R/web-720p.mp4")" "0.0-1.5:Accueil 1.5-4.0:Démonstration " \
	"--start 2: chapters follow the selection, the one under way opening it"
ffmpeg -v error -i "$R/web-720p.mp4" -map 0:s:0 -f webvtt - | grep -q "00:00.000 --> 00:02.000"
ok $? "--start 2: cues are timed from the selection"

# Markers starting after 0: an opening chapter titled after the session.
S2="$tmp/late"
mkdir -p "$S2/master"
cp "$S/master/master.mkv" "$S2/master/"
cp "$tmp/fr.vtt" "$S2/fr.vtt"
printf '%s\n' '{"schema": "studio-session/1", "title": {"fr": "Sous-titres"},' \
	'"captions": [{"lang": "fr", "file": "fr.vtt"}],' \
	'"captures": [{"file": "master/master.mkv", "markers": [{"t": 2, "label": "Suite"}]}]}' \
	>"$S2/session.json"
"$ENC" -q -p web-480p "$S2"
is "$(chapters "$S2/renditions/web-480p.mp4")" "0.0-2.0:Sous-titres 2.0-6.0:Suite " \
	"a first marker after 0 gets an opening chapter titled after the session"
is "$(subs "$S2/renditions/web-480p.mp4")" "mov_text,fre " "captions listed in session.json are used"

# --- bad caption files ---------------------------------------------------
printf 'WEBVTT\n\n1\n00:00:01.000 -> 00:00:02.000\nmauvais\n' >"$tmp/arrow.vtt"
fails_cleanly "a malformed timing names its line" "arrow.vtt:4: malformed cue timing" \
	"$ENC" -p web-720p --captions fr="$tmp/arrow.vtt" "$S"
printf '1\n00:00:01,000 --> 00:00:02,000\nun\n\nzwei\n00:00:03,000 --> 00:00:04,000\n' >"$tmp/num.srt"
fails_cleanly "a SubRip cue without its number names its line" "num.srt:5: expected a cue number" \
	"$ENC" -p web-720p --captions co="$tmp/num.srt" "$S"
printf 'WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nà rebours\n' >"$tmp/back.vtt"
fails_cleanly "a cue ending before it starts names its line" "back.vtt:3: the cue ends before it starts" \
	"$ENC" -p web-720p --captions fr="$tmp/back.vtt" "$S"
printf 'Bonjour\n' >"$tmp/nohead.vtt"
fails_cleanly "a .vtt without its header" "nohead.vtt:1:.*WEBVTT" \
	"$ENC" -p web-720p --captions fr="$tmp/nohead.vtt" "$S"
fails_cleanly "an unreadable caption file" "cannot open $tmp/none.vtt" \
	"$ENC" -p web-720p --captions fr="$tmp/none.vtt" "$S"
fails_cleanly "an unknown language" "unknown language code xx" \
	"$ENC" -p web-720p --captions xx="$tmp/fr.vtt" "$S"
fails_cleanly "LANG=FILE is required" "expected LANG=FILE" \
	"$ENC" -p web-720p --captions "$tmp/fr.vtt" "$S"
# The failed runs above left the last good renditions alone.
is "$(ls "$R" | tr '\n' ' ')" "captions.co.vtt captions.fr.vtt chapters.vtt poster.jpg web-720p.mp4 webm-720p.webm " \
	"failed runs leave no file behind"

done_testing
