#!/bin/sh
# End to end: the `make demo` pipeline (tools/demo.sh) in a temporary
# folder, capture -> encode -> publish to a `dir` website, judged by ffprobe
# and by reading the files.
set -u
. "$(dirname "$0")/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
plan 18

DEMO_VIDEO=test:320x240@25 "$STUDIO_SRC/tools/demo.sh" "$STUDIO_BIN" "$tmp" >"$tmp/out" 2>"$tmp/err"
ok $? "the demo pipeline runs"
s=$tmp/atelier-demo
mp4=$s/renditions/web-720p.mp4
page=$tmp/site/atelier-demo/index.html

probe() { ffprobe -v error "$@" "$mp4"; }
is "$(probe -select_streams v:0 -show_entries stream=codec_name,profile -of csv=p=0)" "h264,High" \
	"video is H.264 High"
is "$(probe -select_streams a:0 -show_entries stream=codec_name,sample_rate -of csv=p=0)" "aac,48000" \
	"audio is AAC 48 kHz"
# faststart: the moov box comes before mdat among the top-level boxes.
order=$(python3 - "$mp4" <<'PY'
import struct, sys
f = open(sys.argv[1], 'rb'); names = []
while True:
    h = f.read(8)
    if len(h) < 8: break
    size, name = struct.unpack('>I4s', h)
    if size == 1: size = struct.unpack('>Q', f.read(8))[0]; f.seek(size - 16, 1)
    else: f.seek(size - 8, 1)
    names.append(name.decode('latin-1'))
print(' '.join(n for n in names if n in ('moov', 'mdat')))
PY
)
is "$order" "moov mdat" "moov before mdat (faststart)"
dur=$(probe -show_entries format=duration -of csv=p=0)
check "duration $dur is 10 s within 0.1 s" near "$dur" 10 0.1
copyright=$(probe -show_entries format_tags=copyright -of csv=p=0)
printf '%s' "$copyright" | grep -q "Licence Ouverte / Open Licence 2.0 (etalab-2.0) — Source.*: Collectivité de Corse — CorsicaLab — dernière mise à jour"
ok $? "copyright tag carries the attribution line (licence, source, date of last update)"
is "$(probe -show_entries format_tags=title -of csv=p=0)" "Atelier de démonstration — CorsicaLab" \
	"title tag from the session"

check "page exists" test -f "$page"
grep -q '<video' "$page"
ok $? "page has a video element"
grep -q 'href="https://www.etalab.gouv.fr/licence-ouverte-open-licence"' "$page"
ok $? "page links the licence"
grep -qx "  $page" "$tmp/out"
ok $? "the demo prints the page path"
cmp -s "$mp4" "$tmp/site/atelier-demo/renditions/web-720p.mp4"
ok $? "the published file is the rendition"

grep -q '<section class="transcript" lang="fr"' "$page" && grep -q '<section class="transcript" lang="co"' "$page"
ok $? "page has a transcript in French and in Corsican"
check "transcript pages published beside it" test -f "$tmp/site/atelier-demo/transcript.fr.html" -a \
	-f "$tmp/site/atelier-demo/transcript.co.html"
check "no accessibility warning (captions given)" sh -c "! grep -q 'RGAA' '$tmp/err'"
grep -q '<enclosure url="[^"]*/renditions/podcast.ogg" length="'"$(stat -c %s "$s/renditions/podcast.ogg")"'" type="audio/ogg"' \
	"$tmp/site/feed.xml"
ok $? "the feed's enclosure is the podcast, with its size"

j=$s/session.json
is "$(json_get "$j" 'd["renditions"][0]["sha256"]')" "$(sha256sum "$mp4" | cut -d' ' -f1)" \
	"session.json records the rendition's sha256"
is "$(json_get "$j" 'len(d["publications"]) > 0 and len(d["captures"]) == 1')" "True" \
	"session.json records the capture and the publication"
done_testing
