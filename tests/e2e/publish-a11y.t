#!/bin/sh
# The pages studio-publish generates, judged as a citizen's browser would:
# axe-core (WCAG 2.0 and 2.1, A and AA) in headless Chromium at 1280 and
# 375 px, html-validate (tests/tools/validate.mjs says which rules), and
# the transcript's time links clicked in Chromium (tests/tools/seek.mjs).
# Three sessions on one `dir` site with base_url:
#   - bilingual (fr + co), captioned in both, markers (chapters), encoded
#     by studio-encode from a master: a video page;
#   - sound only, captioned in French, encoded by studio-encode: an audio page;
#   - hostile: "<script>", an unclosed right-to-left override, U+FFFF and a
#     word wider than a phone in its title, description, speaker and caption
#     cue, published as make_session made it.
# Every HTML file of the site (session pages, index, transcript pages when
# there are some) must have 0 axe violations, no sideways scrolling at
# either width (WCAG 1.4.10, measured by the same run) and 0 html-validate
# errors.  Each of the first two a.seek links of the video page's first
# transcript and chapters, and of the audio page's first transcript, must
# move the player to within 0.5 s of the link's data-t without leaving the
# page, and every a.seek must link to MEDIA#t=data-t (usable without script).
# The pages are opened as file:// URLs: Chromium plays and seeks local
# media there, so no server is needed.
# Needs the npm test tools (tools/deps.sh installs them with `npm ci`).
set -u
. "$(dirname "$0")/tap.sh"
. "$STUDIO_SRC/tests/peers/session.sh"

TOOLS=$STUDIO_SRC/tests/tools
if [ ! -d "$TOOLS/node_modules/axe-core" ] || [ ! -d "$TOOLS/node_modules/html-validate" ] ||
	[ ! -d "$TOOLS/node_modules/puppeteer-core" ]; then
	echo "Bail out! the npm test tools are not installed in $TOOLS/node_modules: run tools/deps.sh"
	exit 1
fi
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
XDG_CONFIG_HOME="$T/xdg" # no personal presets interfere
export XDG_CONFIG_HOME
ENC=$STUDIO_BIN/studio-encode
PUB=$STUDIO_BIN/studio-publish
SITE=$T/site
printf '[site]\ntype = dir\npath = %s\nbase_url = https://corsicalab.example/sessions/\n' \
	"$SITE" > "$T/publish.ini"

# as_encode_input DIR MASTER MARKERS_JSON: turns a make_session folder into
# one studio-encode works from: its renditions dropped, MASTER (made in
# DIR/master/) recorded as the capture, with MARKERS_JSON.
as_encode_input() {
	rm -rf "$1/renditions"
	python3 - "$1/session.json" "$2" "$3" <<'PY'
import json, sys
p, master, markers = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
d = json.load(open(p))
d["renditions"] = []
d["captures"] = [{"file": master, "markers": markers}]
json.dump(d, open(p, "w"), ensure_ascii=False, indent=2)
PY
}

# 1. Bilingual, captioned, chapters: a 4 s 320x240 master, encoded.
A=$T/atelier
make_session "$A" "Atelier de co-conception" 4
mkdir -p "$A/master"
ffmpeg -nostdin -v error -y -f lavfi -i "testsrc=size=320x240:rate=25:duration=4" \
	-f lavfi -i "sine=frequency=440:duration=4" -c:v libx264 -preset ultrafast -pix_fmt yuv420p \
	-c:a pcm_s16le -shortest "$A/master/take.mkv"
ok $? "a 4 s video master is made"
as_encode_input "$A" master/take.mkv \
	'[{"t": 0.0, "label": "Accueil"}, {"t": 2.0, "label": "Démonstration"}]'
printf 'WEBVTT\n\n00:00.500 --> 00:01.500\nBonjour à tous\n\n00:02.000 --> 00:03.500\nVoici la démonstration\n' \
	> "$T/fr.vtt"
printf '1\n00:00:00,500 --> 00:00:01,500\nBonghjornu à tutti\n\n2\n00:00:02,000 --> 00:00:03,500\nEccu a dimustrazione\n' \
	> "$T/co.srt"
"$ENC" -q -j 2 -p web-480p,podcast,poster --captions "fr=$T/fr.vtt" --captions "co=$T/co.srt" "$A"
ok $? "the bilingual session is encoded (web-480p, podcast, poster, captions fr and co, chapters)"

# 2. Sound only, captioned in French.
B=$T/entretien
make_session "$B" "Entretien sonore" 4
mkdir -p "$B/master"
ffmpeg -nostdin -v error -y -f lavfi -i "sine=frequency=330:duration=4" -c:a flac "$B/master/take.mka"
ok $? "a 4 s sound master is made"
as_encode_input "$B" master/take.mka '[]'
"$ENC" -q -j 2 -p podcast --captions "fr=$T/fr.vtt" "$B"
ok $? "the sound-only session is encoded (podcast, French captions)"

# 3. Hostile text everywhere the session lets someone type: the title, the
# Corsican title, the description, a speaker and a caption cue.  U+202E is
# the right-to-left override (never closed), U+FFFF a noncharacter, and a
# word longer than a phone is wide must wrap, not widen the page.
H=$T/hostile
make_session "$H" "hostile" 2
python3 - "$H" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
evil = ('<script>alert(1)</script> \u202egnp.exe \uffff & "q" \'a\' '
        'Un_titre_sans_aucune_espace_plus_large_qu_un_téléphone')
p = os.path.join(d, "session.json")
s = json.load(open(p))
s["title"] = {"fr": "Titre " + evil, "co": "Titulu " + evil}
s["description"] = {"fr": "Description " + evil}
s["speakers"] = ["Maria " + evil]
vtt = os.path.join(d, "renditions/captions.fr.vtt")
open(vtt, "w").write("WEBVTT\n\n00:00.000 --> 00:01.000\nCue " + evil + "\n")
for r in s["renditions"]:
    b = open(os.path.join(d, r["file"]), "rb").read()
    r["bytes"], r["sha256"] = len(b), hashlib.sha256(b).hexdigest()
json.dump(s, open(p, "w"), ensure_ascii=False, indent=2)
PY
ok $? "a session with hostile text is made"

for s in "$A" "$B" "$H"; do
	"$PUB" "$s" --to site --config "$T/publish.ini" --quiet > "$T/page"
	ok $? "$(basename "$s") is published to a dir site with base_url"
done
PAGE_A=$SITE/atelier/index.html
PAGE_B=$SITE/entretien/index.html
PAGE_H=$SITE/hostile/index.html
for p in "$PAGE_A" "$PAGE_B" "$PAGE_H" "$SITE/index.html"; do
	[ -f "$p" ] || echo "Bail out! studio-publish wrote no ${p#"$SITE/"}"
	[ -f "$p" ] || exit 1
done

# axe NAME FILE: axe-core at 1280 and 375 px on FILE (the violations —
# rule id, impact, width, targets — as comments), then the reflow the same
# run measured: no sideways scrolling at either width (WCAG 1.4.10, RGAA
# 10.11; axe does not check it).
axe() {
	node "$TOOLS/audit.mjs" "file://$2" 1280 375 > "$T/axe.json" 2> "$T/axe.err"
	sed 's/^/# /' "$T/axe.err"
	python3 - "$T/axe.json" <<'PY' 2>/dev/null
import json, sys
for w in json.load(open(sys.argv[1]))["widths"]:
    for v in w["violations"]:
        print("# axe %s (%s) at %d px: %s" % (v["id"], v["impact"], w["width"],
              " ".join(">".join(t) for t in v["targets"])))
    r = w["reflow"]
    if r["scrollWidth"] > r["clientWidth"]:
        print("# at %d px the page is %d px wide; sticking out: %s" % (w["width"],
              r["scrollWidth"], ", ".join(r["overflowing"]) or "?"))
PY
	is "$(json_get "$T/axe.json" 'd["violations"]' 2>/dev/null)" 0 \
		"axe-core: 0 WCAG 2.0/2.1 A and AA violations at 1280 and 375 px on $1"
	is "$(json_get "$T/axe.json" 'd["reflow"]' 2>/dev/null)" 0 \
		"no sideways scrolling at 1280 and 375 px on $1 (reflow, WCAG 1.4.10)"
}

# validate NAME FILE: html-validate on FILE; each error and warning as a
# comment.
validate() {
	node "$TOOLS/validate.mjs" "$2" > "$T/hv.json" 2> "$T/hv.err"
	_n=$?
	sed 's/^/# /' "$T/hv.err"
	python3 - "$T/hv.json" <<'PY' 2>/dev/null
import json, sys
for f in json.load(open(sys.argv[1]))["files"]:
    for m in f["messages"]:
        print("# html-validate %s %s at %d:%d (%s): %s" % (m["severity"], m["rule"], m["line"],
              m["column"], m["selector"], m["message"]))
PY
	ok $_n "html-validate: 0 errors on $1"
}

# Every HTML file of the site: the index, each session page and whatever
# else the pages link to there (transcript.LANG.html).
find "$SITE" -name '*.html' | sort > "$T/pages"
while read -r f; do
	name=${f#"$SITE/"}
	axe "$name" "$f"
	validate "$name" "$f"
done < "$T/pages"

# The hostile text is shown as text: no element came out of it (in the
# page, the index or a transcript made from the hostile cue), and no
# noncharacter reached the HTML (the HTML parser's
# noncharacter-in-input-stream error, which html-validate does not report).
# none_holds DESCRIPTION GREP_ARGS...: no page matches; those that do as comments.
none_holds() {
	_d=$1
	shift
	_in=$(grep -l "$@" $(cat "$T/pages"))
	[ -z "$_in" ]
	ok $? "$_d"
	[ -z "$_in" ] || printf '%s\n' "$_in" | sed 's/^/# found in /'
}
none_holds "the hostile text makes no <script> element in any page" '<script>alert'
grep -q '&lt;script&gt;alert' "$PAGE_H"
ok $? "the hostile title is shown as text on its page"
LC_ALL=C none_holds "no page holds the noncharacters U+FFFE or U+FFFF" "$(printf '\357\277[\276\277]')"

# links_ok FILE: every a.seek of FILE's transcripts and chapters links to a
# source of the page's player at its data-t (MEDIA#t=SECONDS): without
# script the link still opens the media at that time.
links_ok() {
	python3 - "$1" <<'PY'
import html.parser, sys
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.links, self.sources = [], set()
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("video", "audio", "source") and a.get("src"):
            self.sources.add(a["src"])
        if tag == "a" and "seek" in (a.get("class") or "").split():
            self.links.append(a)
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
if not p.links:
    print("# no a.seek link on %s: it has no transcript or chapter time links" % sys.argv[1])
    sys.exit(1)
bad = 0
for a in p.links:
    media, _, frag = (a.get("href") or "").partition("#")
    try:
        good = media in p.sources and frag.startswith("t=") and \
            abs(float(frag[2:]) - float(a.get("data-t"))) < 1e-3
    except (TypeError, ValueError):
        good = False
    if not good:
        print("# a.seek %r: not MEDIA#t=data-t with MEDIA a source of the player" % a); bad += 1
sys.exit(bad > 0)
PY
}

# seek NAME FILE [--chapters]: the first two time links clicked in Chromium.
seek() {
	node "$TOOLS/seek.mjs" "file://$2" 2 0.5 ${3:-} > "$T/seek.json" 2> "$T/seek.err"
	_n=$?
	sed 's/^/# /' "$T/seek.err"
	python3 - "$T/seek.json" <<'PY' 2>/dev/null
import json, sys
for c in json.load(open(sys.argv[1]))["clicks"]:
    print("# clicked %s: data-t %s, player at %s%s" % (c["href"].rsplit("/", 1)[-1], c["t"],
          c["currentTime"], ", the page was left for the media" if c["navigated"] else ""))
PY
	ok $_n "$1: clicking each of the first two ${3:+chapter }time links moves the player to within 0.5 s of its data-t"
}

links_ok "$PAGE_A"
ok $? "video page: every time link is MEDIA#t=data-t on a source of the video (works without script)"
seek "video page transcript" "$PAGE_A"
seek "video page chapters" "$PAGE_A" --chapters
links_ok "$PAGE_B"
ok $? "audio page: every time link is MEDIA#t=data-t on a source of the audio (works without script)"
seek "audio page transcript" "$PAGE_B"

plan "$_tap_n"
done_testing
