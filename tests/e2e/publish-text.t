#!/bin/sh
# studio-publish, `dir` target: hostile text in every field of session.json
# that reaches the page, the site index and the feed (issue 10, item 7):
# XML-forbidden code points (U+FFFE, U+FFFF, C0 controls), DEL and C1
# controls, noncharacters, right-to-left overrides.  Judges: python3's
# xml.etree and feedparser (Debian python3-feedparser) for feed.xml, html5lib
# (python3-html5lib) in strict mode for the HTML — it stops at the first
# parse error, a raw control character or noncharacter included.
set -u
. "$(dirname "$0")/tap.sh"
. "$STUDIO_SRC/tests/peers/session.sh"
PUB=$STUDIO_BIN/studio-publish
# The judges are Debian packages: the python3 that has them (a python3 of
# its own in PATH, pyenv's, may not).
for PY in python3 /usr/bin/python3; do
	"$PY" -c 'import feedparser, html5lib' 2>/dev/null && break
done
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT INT TERM

# hostile SESSION: every text field gets forbidden characters, the
# Corsican title a right-to-left override that is never closed.
hostile() {
	python3 - "$1/session.json" <<'PY'
import json, sys
p = sys.argv[1]
s = json.load(open(p))
bad = "\ufffe\uffff\u0001\u0008\u000b\u000c\u001b\u007f\u0085\ufdd0\U0001fffe"
s["title"] = {"fr": "Atelier" + bad + " à Bastia", "co": "Attellu \u202edi\u202d prova" + bad}
s["description"] = {"fr": "Ligne" + bad, "co": "Discrizzione" + bad}
s["speakers"] = ["Maria" + bad + " Santoni", "\u202ePetru"]
s["producer"] = "CorsicaLab" + bad
for r in s["renditions"]:
    if r.get("preset") == "web-720p":
        r["preset"] = "web\u202e-720p" + bad
json.dump(s, open(p, "w"), ensure_ascii=True, indent=2)
PY
}

S=$T/Ostile
make_session "$S" "Ostile" 1 2026-11-29 && hostile "$S"
ok $? "a session with forbidden characters in every text field"
printf '[site]\ntype = dir\npath = %s/www\nbase_url = https://lab.example/sessions/\n' "$T" > "$T/publish.ini"

# An old catalogue holding such a string, as studio-publish stored it before:
# the next publication of any session must still give a well-formed feed.
mkdir -p "$T/www"
python3 - "$T/www/sessions.json" <<'PY'
import json, sys
e = {"slug": "vechja", "title": "Vechja \ufffe\u0001sessione", "title_co": "\u202eVechja",
     "description": "\uffff", "date": "2026-01-02", "updated": "2026-01-02",
     "producer": "CorsicaLab", "page": "https://lab.example/sessions/vechja/",
     "media": [{"url": "https://lab.example/sessions/vechja/renditions/web-720p.mp4",
                "type": "video/mp4", "bytes": 10}]}
json.dump({"schema": "studio-site/1", "sessions": [e]}, open(sys.argv[1], "w"))
PY

"$PUB" "$S" --to site --config "$T/publish.ini" > "$T/out" 2> "$T/err"
ok $? "the session is published"
sed 's/^/# /' "$T/err"
PAGE=$(cat "$T/out")

# --- feed.xml -------------------------------------------------------------------------------------
python3 - "$T/www/feed.xml" > "$T/feed.log" 2>&1 <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
titles = [i.findtext("title") for i in root.iter("item")]
assert any(t.startswith("Atelier") and "à Bastia" in t for t in titles), titles
assert any(t.startswith("Vechja") for t in titles), titles
PY
ok $? "feed.xml is well-formed XML (xml.etree), both sessions in it"
sed 's/^/# /' "$T/feed.log"
"$PY" - "$T/www/feed.xml" > "$T/feedparser.log" 2>&1 <<'PY'
import sys, feedparser
d = feedparser.parse(open(sys.argv[1], "rb").read())
assert not d.bozo, d.get("bozo_exception")
assert len(d.entries) == 2, len(d.entries)   # one item per session: this one, the old one
PY
ok $? "feedparser reads feed.xml without error (not bozo), every item"
sed 's/^/# /' "$T/feedparser.log"

# --- HTML: the page and the index -----------------------------------------------------------------
# strict_html FILE: html5lib in strict mode (the first parse error raises).
strict_html() {
	"$PY" - "$1" <<'PY'
import sys, html5lib
html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(open(sys.argv[1], "rb").read())
PY
}
check "the session page has no HTML parse error (html5lib, strict): no raw control character" \
	strict_html "$PAGE"
check "the site index has no HTML parse error (html5lib, strict)" strict_html "$T/www/index.html"

# forbidden FILE...: true when one holds a character no output may carry.
forbidden() {
	python3 - "$@" <<'PY'
import re, sys
bad = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff]")
sys.exit(0 if any(bad.search(open(f, encoding="utf-8").read()) for f in sys.argv[1:]) else 1)
PY
}
! forbidden "$PAGE" "$T/www/index.html" "$T/www/feed.xml"
ok $? "no forbidden character in the page, the index or the feed"
python3 - "$T/www/sessions.json" "$(basename "$(dirname "$PAGE")")" > "$T/cat.log" 2>&1 <<'PY'
import json, re, sys
cat = json.load(open(sys.argv[1]))
e = [e for e in cat["sessions"] if e["slug"] == sys.argv[2]][0]
bad = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\U0001fffe]")
for k in ("title", "title_co", "description", "producer"):
    assert not bad.search(e[k]), (k, e[k])
# the noncharacters become U+FFFD, the controls are dropped
assert e["title"] == "Atelier\ufffd\ufffd\ufffd\ufffd à Bastia", e["title"]
PY
ok $? "the catalogue stores this session's text cleaned (kept: letters, accents)"
sed 's/^/# /' "$T/cat.log"

# --- right-to-left overrides: user text isolated --------------------------------------------------
# isolated FILE: every text node shown holding U+202E is inside a <bdi> or an
# element with a dir attribute, which holds no <time> (the date that the
# override would otherwise reverse).
isolated() {
	"$PY" - "$1" <<'PY'
import sys, html5lib
doc = html5lib.parse(open(sys.argv[1], "rb").read(), namespaceHTMLElements=False)
parent = {c: p for p in doc.iter() for c in p}
found = 0
for el in doc.iter():
    for text, owner in ((el.text, el), (el.tail, parent.get(el))):
        if not text or "\u202e" not in text or owner is None:
            continue
        if owner.tag in ("script", "title"):   # not laid out as text
            continue
        found += 1
        a = owner
        while a is not None and a.tag != "bdi" and "dir" not in a.attrib:
            a = parent.get(a)
        assert a is not None, "not isolated: %r in <%s>" % (text, owner.tag)
        assert a.find(".//time") is None, "the isolating <%s> holds the date" % a.tag
assert found, "no U+202E at all"
PY
}
check "index: a right-to-left override in a title is isolated from the date (<bdi>)" \
	isolated "$T/www/index.html"
check "page: every text holding a right-to-left override is isolated (<bdi> or dir=auto)" \
	isolated "$PAGE"

# --- a later publication of another session: the feed stays well-formed ----------------------------
S2=$T/Pulita
make_session "$S2" "Pulita" 1 2026-11-30
"$PUB" "$S2" --to site --config "$T/publish.ini" > "$T/out2" 2> "$T/err2"
ok $? "another session published after it"
python3 -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' "$T/www/feed.xml"
ok $? "  feed.xml is still well-formed"
check "  the index still parses strictly" strict_html "$T/www/index.html"

plan "$_tap_n"
done_testing
