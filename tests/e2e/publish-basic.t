#!/bin/sh
# studio-publish, `dir` target: a session built by hand (a real MP4 from the
# ffmpeg CLI, its sha256 and size in a hand-written session.json with a
# hostile title), published twice, then every bad input.  Judges: sha256sum,
# ffprobe, python3 (json, html.parser).
set -u

BIN=${STUDIO_BIN:?set STUDIO_BIN to the folder holding studio-publish}
PUB=$BIN/studio-publish
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
n=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
has() { grep -F -q -- "$2" "$1"; }
hasnt() { ! grep -F -q -- "$2" "$1"; }
lines() { test "$(wc -l < "$1")" -eq "$2"; }
sha() { sha256sum "$1" | cut -d' ' -f1; }

# bad DESC RC PATTERN CMD...: exit status RC, exactly one stderr line that
# contains PATTERN, nothing on stdout.
bad() {
	d=$1 want=$2 pat=$3; shift 3
	"$@" > "$T/out" 2> "$T/err"; rc=$?
	if [ "$rc" -eq "$want" ] && lines "$T/err" 1 && has "$T/err" "$pat" && ! [ -s "$T/out" ]; then
		ok "$d"
	else
		not_ok "$d"
		echo "# rc=$rc (want $want), stderr:"; sed 's/^/#   /' "$T/err"
	fi
}

# Files a failed run must not leave: anything under the target folder.
untouched() { ! [ -e "$1" ]; }

# --- the session -------------------------------------------------------------
S="$T/Ghjurnata à Bastia (2026)"
mkdir -p "$S/renditions"
ffmpeg -nostdin -v error -f lavfi -i testsrc=size=320x240:rate=25:duration=1 \
	-f lavfi -i sine=frequency=440:duration=1 -c:v libx264 -pix_fmt yuv420p \
	-c:a aac -shortest -movflags +faststart "$S/renditions/web-720p.mp4"
printf 'WEBVTT\n\n00:00.000 --> 00:00.900\nBonghjornu\n' > "$S/renditions/captions.co.vtt"

# write_session DIR: session.json describing the files of DIR/renditions.
write_session() {
	python3 - "$1" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
def rec(f, preset):
    b = open(os.path.join(d, f), "rb").read()
    return {"preset": preset, "file": f, "bytes": len(b),
            "sha256": hashlib.sha256(b).hexdigest(), "duration": 1.0}
s = {"schema": "studio-session/1",
     "title": {"fr": "<script>alert(1)</script> Ghjurnata à Bastia",
               "co": "Ghjurnata in Bastia <i>& cumpagnia</i>"},
     "description": {"fr": "Atelier \"co-conception\" & <b>tests</b>"},
     "speakers": ["Maria Santoni", "Petru Luciani"],
     "recorded": "2026-11-28T14:00:00+01:00", "languages": ["fr", "co"],
     "renditions": [rec("renditions/web-720p.mp4", "web-720p"),
                    rec("renditions/captions.co.vtt", "captions")],
     "publications": []}
json.dump(s, open(os.path.join(d, "session.json"), "w"), ensure_ascii=False, indent=2)
PY
}
write_session "$S"
check "test session built (ffmpeg, session.json)" test -s "$S/renditions/web-720p.mp4"

CFG="$T/conf/publish.ini"
mkdir -p "$T/conf"
printf '; test targets\n[site]\ntype = dir\npath = ../www\n' > "$CFG"
DEST="$T/www/ghjurnata-a-bastia-2026"
PAGE="$DEST/index.html"

# --- happy path ----------------------------------------------------------------
"$PUB" "$S" --to site --config "$CFG" > "$T/out" 2> "$T/err"; rc=$?
check "first publication succeeds" test "$rc" -eq 0
check "stdout is the absolute path of index.html" test "$(cat "$T/out")" = "$PAGE"
check "copy has the rendition's sha256" \
	test "$(sha "$DEST/renditions/web-720p.mp4")" = "$(sha "$S/renditions/web-720p.mp4")"
check "ffprobe reads the copy as H.264" test "$(ffprobe -v error -select_streams v:0 \
	-show_entries stream=codec_name -of csv=p=0 "$DEST/renditions/web-720p.mp4")" = h264
check "page has a video element named by the title" \
	has "$PAGE" '<video controls preload="metadata" id="player" aria-labelledby="title">'
check "page has the mp4 source" has "$PAGE" '<source src="renditions/web-720p.mp4" type="video/mp4">'
check "page has the Corsican captions track" \
	has "$PAGE" '<track kind="captions" src="renditions/captions.co.vtt" srclang="co"'
check "page links the Etalab licence" \
	has "$PAGE" 'href="https://www.etalab.gouv.fr/licence-ouverte-open-licence" rel="license"'
check "title is escaped" has "$PAGE" '<h1 id="title" dir="auto">&lt;script&gt;alert(1)&lt;/script&gt; Ghjurnata à Bastia</h1>'
check "title is escaped in <title>" has "$PAGE" '<title>&lt;script&gt;alert(1)&lt;/script&gt; Ghjurnata à Bastia — CorsicaLab</title>'
check "no raw <script>alert anywhere" hasnt "$PAGE" '<script>alert'
check "Corsican title with lang=co, escaped" \
	has "$PAGE" '<p class="alt" dir="auto" lang="co">Ghjurnata in Bastia &lt;i&gt;&amp; cumpagnia&lt;/i&gt;</p>'
NBSP=$(printf '\302\240')
check "download link in plain words with a French size (comma, no-break space)" grep -E -q \
	"<a href=\"renditions/web-720p.mp4\" download>Vidéo HD \\(MP4, [0-9]+,[0-9]${NBSP}ko\\)</a></li>" "$PAGE"
check "the Corsican transcript, with a seek link into the video" has "$PAGE" \
	'<p><a class="seek" href="renditions/web-720p.mp4#t=0" data-t="0">00:00</a> Bonghjornu</p>'
check "transcript.co.html beside the page" has "$DEST/transcript.co.html" '<section class="transcript" lang="co">'

python3 - "$PAGE" > "$T/html.log" 2>&1 <<'PY'
import html.parser, json, sys
VOID = {"meta", "link", "source", "track", "br", "img", "hr", "input", "wbr"}
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.stack = []; self.errors = []; self.ld = []; self.doctype = False
        self.in_ld = False; self.langs = {}; self.seek = False; self.script = []
    def handle_decl(self, d): self.doctype = d.lower() == "doctype html"
    def handle_starttag(self, t, a):
        a = dict(a)
        if t == "html": self.langs["html"] = a.get("lang")
        if t == "meta" and a.get("charset"): self.langs["charset"] = a["charset"]
        if t == "script":
            # One script of our own (the seek links'), none from the session.
            if a.get("type") != "application/ld+json":
                if a or self.seek: self.errors.append("script %r" % a)
                self.seek = True
            self.in_ld = a.get("type") == "application/ld+json"
        if t not in VOID: self.stack.append(t)
    def handle_endtag(self, t):
        if not self.stack or self.stack[-1] != t:
            self.errors.append("</%s> closes %s" % (t, self.stack[-1:] or "nothing"))
        else: self.stack.pop()
        if t == "script": self.in_ld = False
    def handle_data(self, d):
        if self.in_ld: self.ld.append(d)
        elif self.stack and self.stack[-1] == "script": self.script.append(d)
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read()); p.close()
ld = json.loads("".join(p.ld))
assert p.doctype, "no <!DOCTYPE html>"
assert not p.errors and not p.stack, (p.errors, p.stack)
assert p.langs == {"html": "fr", "charset": "utf-8"}, p.langs
assert ld["@type"] == "VideoObject" and ld["contentUrl"] == "renditions/web-720p.mp4", ld
assert ld["license"] == "https://www.etalab.gouv.fr/licence-ouverte-open-licence", ld
assert ld["name"] == "<script>alert(1)</script> Ghjurnata à Bastia", ld
assert "alert" not in "".join(p.script) and "a.seek" in "".join(p.script), p.script
PY
check "page is well-formed HTML5 with a valid application/ld+json block" test $? -eq 0
sed 's/^/# /' "$T/html.log"

# records COUNT: session.json has COUNT publications, unique per (target,
# file), each pointing at an existing file with the recorded sha256/bytes.
records() {
	python3 - "$S/session.json" "$1" <<'PY'
import hashlib, json, os, sys, urllib.parse
pubs = json.load(open(sys.argv[1]))["publications"]
assert len(pubs) == int(sys.argv[2]), pubs
assert len({(p["target"], p["file"]) for p in pubs}) == len(pubs), pubs
assert {p["file"] for p in pubs} == {"renditions/web-720p.mp4", "renditions/captions.co.vtt",
                                     "index.html", "transcript.co.html"}, pubs
for p in pubs:
    assert p["target"] == "site" and p["type"] == "dir" and p["at"], p
    path = urllib.parse.unquote(p["url"][len("file://"):])
    assert p["url"].startswith("file:///") and os.path.isfile(path), p
    b = open(path, "rb").read()
    assert hashlib.sha256(b).hexdigest() == p["sha256"] and len(b) == p["bytes"], p
PY
}
check "session.json records the 4 publications" records 4

# --- idempotence ---------------------------------------------------------------
"$PUB" "$S" --to site,site --config "$CFG" > "$T/out" 2> "$T/err"; rc=$?
check "second publication succeeds" test "$rc" -eq 0
check "second publication says unchanged" has "$T/err" "unchanged"
check "second publication records no duplicates" records 4

before=$(sha "$S/session.json")
rm "$PAGE"
"$PUB" "$S" --to site --config "$CFG" --dry-run > "$T/out" 2> "$T/err"; rc=$?
check "--dry-run succeeds and tells what it would do" has "$T/out" "would write $PAGE"
check "--dry-run changes nothing" sh -c "test $rc -eq 0 && ! test -e '$PAGE' &&
	test '$(sha "$S/session.json")' = '$before'"
"$PUB" "$S" --to site --config "$CFG" --quiet > "$T/out" 2> "$T/err"; rc=$?
check "--quiet prints nothing and rewrites the page" \
	sh -c "test $rc -eq 0 && ! test -s '$T/out' && ! test -s '$T/err' && test -s '$PAGE'"

mkdir -p "$T/home"
env -u XDG_CONFIG_HOME -u XDG_DATA_HOME HOME="$T/home" "$PUB" "$S" --to site > "$T/out" 2>/dev/null
check "without publish.ini, target site is ~/.local/share/studio/site" \
	test "$(cat "$T/out")" = "$T/home/.local/share/studio/site/ghjurnata-a-bastia-2026/index.html"

# --- bad inputs ----------------------------------------------------------------
bad "unknown target: usage error listing the known ones" 64 "unknown target 'movilab' (known in $CFG: site)" \
	"$PUB" "$S" --to site,movilab --config "$CFG"

printf '[site]\ntype = dir\npath = %s\ncolour = blue\n' "$T/bad1" > "$T/bad.ini"
bad "unknown config key: file:line:key" 78 "$T/bad.ini:4: colour:" "$PUB" "$S" --to site --config "$T/bad.ini"
check "  and nothing published" untouched "$T/bad1"

printf '[movilab]\ntype = mediawiki\n' > "$T/mw.ini"
bad "mediawiki target without api: file:line:key" 78 "$T/mw.ini:2: api: target [movilab] has no api" \
	"$PUB" "$S" --to movilab --config "$T/mw.ini"

bad "missing explicit --config" 66 "$T/nope.ini" "$PUB" "$S" --to site --config "$T/nope.ini"

E="$T/Empty session"
mkdir -p "$E"
printf '{"schema": "studio-session/1", "renditions": []}\n' > "$E/session.json"
printf '[site]\ntype = dir\npath = %s\n' "$T/bad2" > "$T/fresh.ini"
bad "session without renditions" 66 "nothing to publish in $E: run studio-encode first" \
	"$PUB" "$E" --to site --config "$T/fresh.ini"
check "  and nothing published" untouched "$T/bad2"

# A rendition modified after its record: refused before anything is written.
printf 'X' | dd of="$S/renditions/web-720p.mp4" bs=1 seek=2000 conv=notrunc 2>/dev/null
page_before=$(sha "$PAGE")
bad "tampered rendition (sha256 mismatch)" 65 "web-720p.mp4 does not match session.json: sha256" \
	"$PUB" "$S" --to site --config "$CFG"
check "  and its page and copy are left as they were" sh -c "test '$(sha "$PAGE")' = '$page_before' &&
	test '$(sha "$DEST/renditions/web-720p.mp4")' != '$(sha "$S/renditions/web-720p.mp4")'"
check "  and no temporary file is left" test -z "$(find "$T/www" -name '.*' ! -name .site.lock)"
bad "tampered rendition on a new target: no page" 65 "does not match session.json" \
	"$PUB" "$S" --to site --config "$T/fresh.ini"
check "  and nothing published" untouched "$T/bad2"
check "  and the records are untouched" records 4

bad "unknown option" 64 "unknown option --colour (see --help)" "$PUB" "$S" --to site --colour
bad "missing --to" 64 "--to" "$PUB" "$S" --config "$CFG"

echo "1..$n"
