#!/bin/sh
# The Etalab attribution inside every file encode and capture write, read
# back by independent readers: ffmpeg/ffprobe for the WebVTT sidecars (the
# NOTE block changes no cue), exiftool for the pictures (JPEG comment, PNG
# iTXt chunks with valid CRCs), ffprobe and vorbiscomment for the
# MP4/WebM/Ogg tags, ffprobe for the capture master's Matroska tags (also
# after kill -9).  And the "selection" {start, end} of every renditions
# record, with and without --start/--end and --trim.
. "$(dirname "$0")/encode-lib.sh"
CAP="$STUDIO_BIN/studio-capture"

plan 36

S="$tmp/session"
R="$S/renditions"
mkdir -p "$S/master" "$S/captions"
master -f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i sine=sample_rate=48000 \
	-t 6 -c:v libx264 -pix_fmt yuv420p -c:a flac "$S/master/master.mkv"
# A title holding "-->", which may not appear in a NOTE block.
cat >"$S/session.json" <<'JSON'
{"schema": "studio-session/1", "title": {"fr": "Atelier --> démo", "co": "Attellu"},
 "languages": ["fr", "co"], "producer": "Collectivité de Corse — CorsicaLab (essai)",
 "recorded": "2026-11-28T14:00:00+01:00", "updated": "2026-11-28T15:30:00+01:00",
 "captions": [{"lang": "fr", "file": "captions/fr.vtt"}],
 "captures": [{"file": "master/master.mkv",
               "markers": [{"t": 0, "label": "Accueil"}, {"t": 3.5, "label": "Démonstration"}]}]}
JSON
printf 'WEBVTT\n\n00:00.500 --> 00:01.800\nBonjour à tous\n\n00:02.000 --> 00:04.000\nDeuxième réplique\n' \
	>"$S/captions/fr.vtt"
printf '1\n00:00:00,400 --> 00:00:01,500\nBonghjornu à tutti\n\n2\n00:00:04,600 --> 00:00:05,800\nGhjè una prova\n' \
	>"$tmp/co.srt"
NNBSP=$(printf '\342\200\257')
ATTR="Licence Ouverte / Open Licence 2.0 (etalab-2.0) — Source$NNBSP: Collectivité de Corse — CorsicaLab (essai) — dernière mise à jour$NNBSP: 28 novembre 2026"
URL="https://www.etalab.gouv.fr/licence-ouverte-open-licence"

"$ENC" -q -p web-720p,webm-720p,podcast,poster,waveform,contact-sheet --captions co="$tmp/co.srt" "$S"
ok $? "encodes a captioned session with markers into every kind of output"

# --- WebVTT sidecars: the NOTE block, and the same cues as without it.
for f in captions.fr.vtt captions.co.vtt chapters.vtt; do
	printf 'WEBVTT\n\nNOTE\nAtelier - > démo\n%s\n\n' "$ATTR" >"$tmp/head"
	head -c "$(wc -c <"$tmp/head")" "$R/$f" | cmp -s "$tmp/head" -
	ok $? "$f starts with a NOTE block: the title (its arrow broken) and the attribution"
	sed '/^NOTE$/,/^$/d' "$R/$f" >"$tmp/bare.vtt"
	ffmpeg -v error -i "$R/$f" -f webvtt - >"$tmp/with" 2>&1 &&
		ffmpeg -v error -i "$tmp/bare.vtt" -f webvtt - >"$tmp/without" 2>&1 &&
		[ "$(grep -c -- '-->' "$tmp/with")" -eq 2 ] && cmp -s "$tmp/with" "$tmp/without"
	ok $? "$f: ffmpeg reads the same two cues as without the NOTE block"
done

# --- Pictures: exiftool reads the attribution, validates the file (PNG CRCs),
# and ffmpeg still decodes the picture.
exif() { exiftool -s3 -"$1" "$2"; }
is "$(exif Comment "$R/poster.jpg")" "$ATTR" "poster.jpg: its JPEG comment is the attribution line"
is "$(exiftool -a -s3 -Comment "$R/poster.jpg" | wc -l)" 1 "poster.jpg: one comment only (the encoder's is replaced)"
for f in waveform.png contact-sheet.png; do
	is "$(exif Copyright "$R/$f")" "$ATTR" "$f: iTXt Copyright is the attribution line"
	is "$(exif Title "$R/$f")" "Atelier --> démo" "$f: iTXt Title is the session's title"
done
for f in poster.jpg waveform.png contact-sheet.png; do
	is "$(exiftool -validate -warning -a -s3 "$R/$f" | head -1)" OK "$f: exiftool -validate finds nothing wrong"
	ffmpeg -v error -i "$R/$f" -f null - >/dev/null 2>&1
	ok $? "$f: ffmpeg still decodes it"
done

# --- Containers.
tag() { ffprobe -v error -show_entries format_tags="$1" -of default=nw=1:nk=1 "$2"; }
is "$(tag copyright "$R/web-720p.mp4")" "$ATTR" "MP4: copyright is the whole attribution line"
is "$(tag comment "$R/web-720p.mp4")" "$ATTR" "MP4: comment is the whole attribution line"
is "$(tag COPYRIGHT "$R/webm-720p.webm")" "$ATTR" "WebM: COPYRIGHT is the attribution line"
is "$(tag LICENSE "$R/webm-720p.webm")" "$URL" "WebM: LICENSE is the licence's URL"
vorbiscomment -l "$R/podcast.ogg" >"$tmp/comments"
grep -qxF "COPYRIGHT=$ATTR" "$tmp/comments"
ok $? "Ogg: vorbiscomment reads COPYRIGHT, the attribution line"
grep -qxF "LICENSE=$URL" "$tmp/comments"
ok $? "Ogg: vorbiscomment reads LICENSE, the licence's URL"

# --- The selection of every record.
# sel FILE: "start-end" of FILE's renditions record.
sel() {
	python3 - "$S/session.json" "$1" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["renditions"]:
    if r["file"] == sys.argv[2]:
        s = r.get("selection", {})
        ok = all(isinstance(s.get(k), (int, float)) for k in ("start", "end"))
        print("%g-%g" % (s["start"], s["end"]) if ok else "none")
PY
}
D=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$S/master/master.mkv")
D=$(python3 -c "print('%g' % round($D, 3))")
all=""
for f in web-720p.mp4 webm-720p.webm podcast.ogg poster.jpg waveform.png contact-sheet.png \
	captions.fr.vtt captions.co.vtt chapters.vtt; do
	all="$all $f=$(sel "renditions/$f")"
done
want=""
for f in web-720p.mp4 webm-720p.webm podcast.ogg poster.jpg waveform.png contact-sheet.png \
	captions.fr.vtt captions.co.vtt chapters.vtt; do
	want="$want $f=0-$D"
done
is "$all" "$want" "no --start/--end: every record's selection is 0 to the master's duration ($D s)"

"$ENC" -q -p web-720p,poster --start 1 --end 4.5 --json "$S" >"$tmp/run2.json"
ok $? "encodes --start 1 --end 4.5"
is "$(sel renditions/web-720p.mp4) $(sel renditions/poster.jpg) $(sel renditions/captions.fr.vtt) $(sel renditions/chapters.vtt)" \
	"1-4.5 1-4.5 1-4.5 1-4.5" "--start 1 --end 4.5: the renditions and sidecars made record 1-4.5"
is "$(sel renditions/webm-720p.webm)" "0-$D" "the records of an earlier run keep their own selection"
is "$(json_get "$tmp/run2.json" '[(r["selection"]["start"], r["selection"]["end"]) for r in d["renditions"]]')" \
	"[(1.0, 4.5), (1.0, 4.5), (1.0, 4.5), (1.0, 4.5)]" "--json gives the same selections (2 renditions, 2 sidecars)"

# --trim: a preset of 2 s at most cuts the selection there.
mkdir -p "$XDG_CONFIG_HOME/studio/presets"
sed 's/^container = ogg/container = ogg\nmax_duration = 2/' "$STUDIO_SRC/presets/podcast.ini" \
	>"$XDG_CONFIG_HOME/studio/presets/short.ini"
"$ENC" -q -p short,web-480p --start 1 --trim "$S"
ok $? "encodes --start 1 --trim with a preset of 2 s at most"
is "$(sel renditions/short.ogg) $(sel renditions/web-480p.mp4) $(sel renditions/captions.fr.vtt)" \
	"1-3 1-$D 1-$D" "--trim: the cut rendition records the end kept, the others and the sidecars the master's end"

# --- The capture master: its tags from the session's metadata, from the
# header on, so a recording killed with SIGKILL has them too.
# mkv_tags MASTER: the tags checked, one per line.
mkv_tags() {
	ffprobe -v error -show_entries format_tags=title,LANGUAGE,LICENSE,PRODUCER,DATE,COPYRIGHT,COMMENT \
		-of default=nw=1 "$1"
}
# expected SESSION TITLE LANG3: the same, from the session's own record of the start.
expected() {
	python3 - "$1/session.json" "$2" "$3" "$URL" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
started = d.get("recorded") or d["recording"]["started"]
y, m, day = (int(x) for x in started[:10].split("-"))
months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]
words = "%s %s %d" % ("1er" if day == 1 else day, months[m - 1], y)
prod = "Collectivité de Corse — CorsicaLab"
attr = ("Licence Ouverte / Open Licence 2.0 (etalab-2.0) — Source\u202f: %s — "
        "dernière mise à jour\u202f: %s" % (prod, words))
# ffprobe prints them in the file's order
print("TAG:title=%s" % sys.argv[2])
print("TAG:PRODUCER=%s" % prod)
print("TAG:DATE=%s" % started[:10])
print("TAG:COPYRIGHT=%s" % attr)
print("TAG:LICENSE=%s" % sys.argv[4])
print("TAG:COMMENT=%s" % attr)
print("TAG:LANGUAGE=%s" % sys.argv[3])
PY
}
C="$tmp/capture"
"$CAP" --quiet --session "$C" --test-sources --duration 1 --title "Attellu di prova" --language co
ok $? "studio-capture records the test sources"
is "$(mkv_tags "$C/master/master.mkv")" "$(expected "$C" "Attellu di prova" cos)" \
	"the master's Matroska tags: title, producer, date, attribution, licence URL, language cos"

K="$tmp/killed"
killed_capture "$K" 100000 --video test:160x120@10 --title "Tué"
is "$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$K/master/master.mkv")" N/A \
	"a recording killed with SIGKILL leaves a master without its end (no duration)"
is "$(mkv_tags "$K/master/master.mkv")" "$(expected "$K" "Tué" fre)" "... that has its tags all the same"

done_testing
