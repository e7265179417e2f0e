#!/bin/sh
# studio-encode: every shipped preset, from one session whose master is a
# test pattern with French speech from espeak-ng (mono, 22.05 kHz, so it is
# resampled and spread to stereo) and a loud click, judged by ffprobe, ffmpeg's ebur128
# filter, vorbiscomment and oggz-validate.  Then a variable-frame-rate,
# odd-sized master with 5.1 sound, and the preset files' validation.
. "$(dirname "$0")/encode-lib.sh"

plan 71

espeak-ng -v fr -w "$tmp/speech.wav" \
	"Bonjour. Ceci est un essai du studio de CorsicaLab, à Bastia. Nous enregistrons un tutoriel pour les agents de la collectivité." ||
	{ echo "Bail out! espeak-ng cannot speak"; exit 1; }
# A 4 ms click at 0.95 of full scale: peaks that the gain to -16 LUFS would
# push over the ceiling, so the true-peak limiter must work.
master -f lavfi -i testsrc2=size=320x240:rate=25 -i "$tmp/speech.wav" \
	-f lavfi -i "aevalsrc=if(between(t\,2\,2.004)\,0.95*sin(2*PI*3000*t)\,0):s=22050:d=6" \
	-filter_complex "[1:a][2:a]amix=inputs=2:normalize=0[a]" -map 0:v -map "[a]" -t 6 \
	-c:v libx264 -pix_fmt yuv420p -c:a flac "$tmp/master.mkv"
S="$tmp/session"
mkdir -p "$S/master"
mv "$tmp/master.mkv" "$S/master/"
cat >"$S/session.json" <<'JSON'
{
  "schema": "studio-session/1",
  "title": {"fr": "Tutoriel : la fabrique"},
  "producer": "Collectivité de Corse — CorsicaLab",
  "recorded": "2026-11-28T14:00:00+01:00",
  "languages": ["fr", "co"],
  "captures": [{"file": "master/master.mkv"}]
}
JSON

ALL=web-1080p,web-720p,web-480p,webm-720p,podcast,jury,poster,contact-sheet,waveform
"$ENC" -q --preset "$ALL" "$S" 2>"$tmp/err"
ok $? "all nine presets encode from one session"
is "$(cat "$tmp/err")" "" "nothing on stderr with --quiet"
R="$S/renditions"

probe() { ffprobe -v error "$@" 2>/dev/null; }
vstream() { probe -select_streams v -show_entries "stream=$2" -of csv=p=0 "$1"; }
astream() { probe -select_streams a -show_entries "stream=$2" -of csv=p=0 "$1"; }
keyframes() {
	probe -select_streams v -show_entries packet=pts_time,flags -of csv=p=0 "$1" |
		awk -F, '$2 ~ /K/ { printf "%.1f ", $1 }'
}
duration() { probe -show_entries format=duration -of csv=p=0 "$1"; }

for p in web-1080p web-720p web-480p jury; do
	f="$R/$p.mp4"
	profile=High
	[ $p = web-480p ] && profile=Main
	is "$(vstream "$f" codec_name,profile,pix_fmt,width,height)" "h264,$profile,320,240,yuv420p" \
		"$p: H.264 $profile yuv420p, 320x240 kept (never upscaled)"
	is "$(astream "$f" codec_name,profile,sample_rate,channels)" "aac,LC,48000,2" \
		"$p: AAC-LC 48 kHz stereo from 22.05 kHz mono"
	is "$(keyframes "$f")" "0.0 2.0 4.0 " "$p: a keyframe every 2 s"
	faststart "$f"
	ok $? "$p: moov before mdat (faststart)"
	near "$(duration "$f")" 6 0.05
	ok $? "$p: lasts 6 s"
	check_loudness "$f" -16
done
is "$(probe -show_entries format_tags=title -of csv=p=0 "$R/jury.mp4")" "Tutoriel : la fabrique" \
	"MP4 title tag from the session"
probe -show_entries format_tags=copyright -of csv=p=0 "$R/web-720p.mp4" | grep -q etalab-2.0
ok $? "MP4 copyright tag names the Etalab licence"
is "$(probe -select_streams a -show_entries stream_tags=language -of csv=p=0 "$R/web-720p.mp4")" "fre" "MP4 audio language is ISO 639-2 fre"

f="$R/webm-720p.webm"
is "$(vstream "$f" codec_name,pix_fmt,width,height)" "vp9,320,240,yuv420p" "webm-720p: VP9 yuv420p"
is "$(astream "$f" codec_name,sample_rate,channels)" "opus,48000,2" "webm-720p: Opus 48 kHz stereo"
is "$(keyframes "$f")" "0.0 2.0 4.0 " "webm-720p: a keyframe every 2 s"
near "$(duration "$f")" 6 0.05
ok $? "webm-720p: lasts 6 s"
probe -show_entries format_tags=title,copyright -of csv=p=0 "$f" | grep -q "Tutoriel : la fabrique,.*etalab-2.0"
ok $? "webm-720p: title and licence tags"
check_loudness "$f" -16

f="$R/podcast.ogg"
oggz-validate "$f" >/dev/null 2>&1
ok $? "podcast: oggz-validate accepts the Ogg file"
is "$(astream "$f" codec_name,sample_rate,channels)" "vorbis,48000,2" "podcast: Vorbis 48 kHz stereo"
probe -show_entries format=nb_streams -of csv=p=0 "$f" | grep -qx 1
ok $? "podcast: audio only"
vorbiscomment -l "$f" >"$tmp/vc"
for tag in "TITLE=Tutoriel : la fabrique" "ARTIST=" "DATE=2026-11-28" \
	"LICENSE=https://www.etalab.gouv.fr/licence-ouverte-open-licence" "COPYRIGHT=.*etalab-2.0" \
	"ORGANIZATION=Collectivité de Corse — CorsicaLab" "LANGUAGE=fr"; do
	grep -q "^$tag" "$tmp/vc"
	ok $? "podcast: Vorbis comment ${tag%%=*}"
done
is "$(grep -c '^LANGUAGE=' "$tmp/vc")" 1 "podcast: one LANGUAGE comment"
check_loudness "$f" -16

is "$(vstream "$R/poster.jpg" codec_name,width,height)" "mjpeg,320,240" "poster: a 320x240 JPEG"
is "$(vstream "$R/contact-sheet.png" codec_name,width,height)" "png,1300,980" \
	"contact sheet: a PNG grid of 4x4 frames of 320x240 (and margins)"
is "$(vstream "$R/waveform.png" codec_name,width,height)" "png,1280,240" "waveform: a 1280x240 PNG"

python3 - "$S/session.json" "$R" <<'PY'
import hashlib, json, os, sys
doc = json.load(open(sys.argv[1]))
recs = {r["preset"]: r for r in doc["renditions"]}
assert len(recs) == 9, recs.keys()
for name, r in recs.items():
    path = os.path.join(os.path.dirname(sys.argv[1]), r["file"])
    assert r["bytes"] == os.path.getsize(path), name
    assert r["sha256"] == hashlib.sha256(open(path, "rb").read()).hexdigest(), name
for name in ("web-1080p", "web-720p", "web-480p", "webm-720p", "podcast", "jury"):
    assert abs(recs[name]["loudness_lufs"] + 16) <= 0.5, (name, recs[name])
    assert recs[name]["true_peak_dbtp"] <= -1, (name, recs[name])
assert "loudness_lufs" not in recs["poster"]
PY
ok $? "session.json records all nine, with bytes, sha256 and measured loudness"

# --- a screen recording: variable frame rate, odd size, 5.1 at 44.1 kHz --
ffmpeg -v error -f lavfi -i testsrc2=size=321x241:rate=30 \
	-f lavfi -i "sine=frequency=300:sample_rate=44100" -t 3 \
	-vf "select='not(mod(n\,3))+eq(mod(n\,7)\,1)'" -vsync vfr \
	-af "pan=5.1|FL=c0|FR=c0|FC=c0|LFE=c0|BL=c0|BR=c0" -c:v libx264 -pix_fmt yuv420p \
	-c:a flac "$tmp/screen.mkv"
"$ENC" -q -p web-480p -o "$tmp/out" "$tmp/screen.mkv"
ok $? "a variable-frame-rate, odd-sized 5.1 master encodes"
f="$tmp/out/web-480p.mp4"
is "$(vstream "$f" width,height)" "320,240" "odd sizes are made even (321x241 -> 320x240)"
is "$(astream "$f" channels,sample_rate)" "48000,2" "5.1 at 44.1 kHz is downmixed to stereo 48 kHz"
deltas=$(probe -select_streams v -show_entries packet=dts -of csv=p=0 "$f" |
	awk 'NR > 1 { print $1 - prev } { prev = $1 }' | sort -u | wc -l)
is "$deltas" 1 "constant frame rate out (one packet interval)"

# --- listing, showing and validating presets ----------------------------
"$ENC" --list-presets >"$tmp/list"
ok $? "--list-presets exits 0"
is "$(awk '{print $1}' "$tmp/list" | tr '\n' ' ')" \
	"contact-sheet jury podcast poster waveform web-1080p web-480p web-720p webm-720p " \
	"--list-presets lists the nine shipped presets"
"$ENC" --show-preset jury >"$tmp/show"
ok $? "--show-preset exits 0"
grep -q '^max_bytes = 209715199' "$tmp/show"
ok $? "--show-preset prints the preset's file"

P="$XDG_CONFIG_HOME/studio/presets"
mkdir -p "$P"
bad() { # NAME SED_SCRIPT SOURCE_PRESET
	sed "$2" "$STUDIO_SRC/presets/$3.ini" >"$P/$1.ini"
}
bad unknownkey 's/^crf = 21/crf = 21\nspeedy = 3/' web-720p
line=$(grep -n '^speedy' "$P/unknownkey.ini" | cut -d: -f1)
fails_cleanly "unknown key names file:line:key" "unknownkey.ini:$line: video.speedy" \
	"$ENC" --show-preset unknownkey
bad badrate 's/^maxrate = .*/maxrate = fast/' web-720p
line=$(grep -n '^maxrate' "$P/badrate.ini" | cut -d: -f1)
fails_cleanly "bad bit rate names file:line:key" "badrate.ini:$line: video.maxrate" \
	"$ENC" --show-preset badrate
bad mismatch 's/^codec = libx264/codec = libvpx-vp9/' web-720p
line=$(grep -n '^codec = libvpx' "$P/mismatch.ini" | cut -d: -f1)
fails_cleanly "VP9 in MP4 is refused at file:line:key" "mismatch.ini:$line: video.codec" \
	"$ENC" --show-preset mismatch
bad oddheight 's/^max_height = .*/max_height = 721/' web-720p
fails_cleanly "odd height is refused" "oddheight.ini:.*video.max_height.*even" \
	"$ENC" --show-preset oddheight
bad novorbisq 's/^quality = 4/quality = 4\nbitrate = 128k/' podcast
fails_cleanly "quality and bitrate together are refused" "novorbisq.ini:.*audio" \
	"$ENC" --show-preset novorbisq
# A user preset overrides a shipped one by name.
sed 's/^max_height = 720/max_height = 240/; s/^description = .*/description = mine/' \
	"$STUDIO_SRC/presets/web-720p.ini" >"$P/web-720p.ini"
"$ENC" --list-presets 2>/dev/null | grep -q '^web-720p  *mine$'
ok $? "a user preset overrides the shipped one of the same name"

done_testing
