#!/bin/sh
# capture -> encode -> publish with everything around the video: caption
# files in two languages, chapters from markers, the poster picture.  The
# markers are written into session.json the way the meter's `m` key saves
# them (tests/e2e/capture-meter.t presses the key itself).  Checked: every
# sidecar is recorded by encode, published by `dir` byte for byte, and
# referenced by the page's player.
set -u
. "$(dirname "$0")/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
plan 14

s=$tmp/session
site=$tmp/site
"$STUDIO_BIN/studio-capture" --session "$s" --test-sources --video test:320x240@25 --duration 6 \
	--no-meter --title "Atelier sous-titré" --language fr >"$tmp/cap.out" 2>&1
ok $? "a 6 s session is recorded"
python3 - "$s/session.json" <<'PY'
import json, sys
p = sys.argv[1]; d = json.load(open(p))
d["captures"][-1]["markers"] = [{"t": 0.0, "label": "Accueil"}, {"t": 3.0, "label": "Démonstration"}]
json.dump(d, open(p, "w"), ensure_ascii=False, indent=2)
PY
printf 'WEBVTT\n\n00:00.500 --> 00:02.500\nBonjour à tous\n\n00:03.000 --> 00:05.000\nA dimostrazione\n' \
	>"$tmp/fr.vtt"
printf '1\n00:00:00,500 --> 00:00:02,500\nBonghjornu à tutti\n' >"$tmp/co.srt"

"$STUDIO_BIN/studio-encode" -q -p web-480p,poster --captions "fr=$tmp/fr.vtt" \
	--captions "co=$tmp/co.srt" "$s" 2>"$tmp/enc.err"
ok $? "encode with captions in fr and co, chapters and poster"
[ -s "$tmp/enc.err" ] && sed 's/^/# /' "$tmp/enc.err"

kinds=$(json_get "$s/session.json" '" ".join(sorted(r.get("kind", "") for r in d["renditions"]))')
is "$kinds" "captions captions chapters picture video" "session.json records every sidecar by kind"

printf '[site]\ntype = dir\npath = %s\n' "$site" >"$tmp/publish.ini"
page=$("$STUDIO_BIN/studio-publish" "$s" --to site --config "$tmp/publish.ini" 2>"$tmp/pub.err")
ok $? "publish to a dir website"
check "the page exists" test -f "$page"

# Every recorded rendition is published identically, under its own name.
n=0
for f in $(json_get "$s/session.json" '"\n".join(r["file"] for r in d["renditions"])'); do
	cmp -s "$s/$f" "$site/session/$f" && n=$((n + 1))
done
is "$n" 5 "the 5 recorded files are published byte for byte"

grep -q '<track kind="captions" src="[^"]*captions\.fr\.vtt" srclang="fr"' "$page"
ok $? "the player has the French captions"
grep -q '<track kind="captions" src="[^"]*captions\.co\.vtt" srclang="co"' "$page"
ok $? "the player has the Corsican captions"
grep -q '<track kind="chapters" src="[^"]*chapters\.vtt"' "$page"
ok $? "the player has the chapters"
grep -q 'poster="[^"]*poster\.jpg"' "$page"
ok $? "the player has the poster"
grep -q 'Démonstration' "$site/session/renditions/chapters.vtt"
ok $? "the chapters carry the marker labels"
grep -q 'Bonghjornu à tutti' "$site/session/renditions/captions.co.vtt"
ok $? "the SubRip captions are published as WebVTT"
is "$(ffprobe -v error -select_streams s -show_entries stream_tags=language -of csv=p=0 \
	"$site/session/renditions/web-480p.mp4" | tr '\n' ' ')" "fre cos " \
	"the video carries both caption tracks"
is "$(ffprobe -v error -show_chapters -of csv=p=0 "$site/session/renditions/web-480p.mp4" | wc -l)" 2 \
	"the video carries the two chapters"
done_testing
