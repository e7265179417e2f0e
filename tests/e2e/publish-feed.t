#!/bin/sh
# studio-publish, `dir` target with base_url: the podcast feed and the site
# index (issue 11).  Three real sessions (tests/peers/session.sh, media made
# by ffmpeg) — sound only; captioned with chapters, a poster and a Corsican
# caption file made for another selection; bilingual with Corsican first,
# video only (web MP4, WebM and a jury MP4 lighter than both) — and an
# entry an older version wrote in the catalogue.  Judges: Debian's
# python3-feedparser (run by /usr/bin/python3: pyenv's python3 comes first
# on PATH and lacks it), xml.etree for the namespaced tags, libmagic
# (`file --mime-type`) and ffprobe for the enclosures, html5lib (strict)
# for the index.
set -u
. "$(dirname "$0")/tap.sh"
. "$STUDIO_SRC/tests/peers/session.sh"
PUB=$STUDIO_BIN/studio-publish
PY=/usr/bin/python3
BASE=https://lab.example/sessions/
T=$(mktemp -d) || exit 1
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT INT TERM

# edit SESSION PYTHON: runs PYTHON with `s` the session's manifest, `d` its
# folder, rec(file, preset) a rendition record as encode writes it (with
# the selection 0..2 s), then writes the manifest back.
edit() {
	python3 - "$1" "$2" <<'PY'
import hashlib, json, os, sys
d, code = sys.argv[1], sys.argv[2]
p = os.path.join(d, "session.json")
s = json.load(open(p))
def rec(f, preset=None, sel=(0, 2)):
    b = open(os.path.join(d, f), "rb").read()
    r = {"file": f, "bytes": len(b), "sha256": hashlib.sha256(b).hexdigest(),
         "selection": {"start": sel[0], "end": sel[1]}}
    if preset:
        r["preset"] = preset
    return r
def drop(f):
    os.remove(os.path.join(d, f))
    s["renditions"] = [r for r in s["renditions"] if r["file"] != f]
exec(code)
json.dump(s, open(p, "w"), ensure_ascii=False, indent=2)
PY
}

R=renditions
# 1. Sound only: the podcast alone.
make_session "$T/son" "Son seul" 2 2026-11-20 &&
edit "$T/son" '
drop("renditions/web-720p.mp4"); drop("renditions/captions.fr.vtt")
s["recorded"] = "2026-11-20T09:30:00+01:00"
for r in s["renditions"]: r["selection"] = {"start": 0, "end": 2}'
ok $? "a sound-only session"

# 2. Captions (fr, and co made from another selection), chapters, a poster.
S2=$T/chapitres
make_session "$S2" "Atelier chapitré" 2 2026-11-28 &&
printf 'WEBVTT\n\n00:00.000 --> 00:01.000\nIntroduction\n\n00:01.000 --> 00:02.000\nDémonstration\n' \
	> "$S2/$R/chapters.vtt" &&
printf 'WEBVTT\n\n00:45.000 --> 00:46.000\nBonghjornu\n' > "$S2/$R/captions.co.vtt" &&
ffmpeg -nostdin -v error -y -f lavfi -i testsrc=size=320x240:rate=1:duration=1 -frames:v 1 \
	"$S2/$R/poster.jpg" &&
edit "$S2" '
for r in s["renditions"]: r["selection"] = {"start": 0, "end": 2}
s["renditions"] += [rec("renditions/chapters.vtt"), rec("renditions/captions.co.vtt", sel=(45, 47)),
                    rec("renditions/poster.jpg", "poster")]
s["captures"] = [{"file": "master/master.mkv", "duration": 2,
                  "markers": [{"t": 0, "label": "Introduction"}, {"t": 1, "label": "Démonstration"}]}]'
ok $? "a session with captions, chapters and a poster"

# 3. Bilingual, Corsican first, video only: the web MP4 must be the
# enclosure, not the lighter WebM (few podcast apps play it) nor the
# lightest, the jury's MP4.
S3=$T/bilingue
make_session "$S3" "Attellu di prova" 2 2026-12-01 &&
ffmpeg -nostdin -v error -y -f lavfi -i testsrc=size=320x240:rate=25:duration=2 \
	-c:v libvpx-vp9 -b:v 40k "$S3/$R/webm-720p.webm" &&
ffmpeg -nostdin -v error -y -f lavfi -i testsrc=size=160x120:rate=5:duration=1 \
	-c:v libx264 -crf 45 -pix_fmt yuv420p "$S3/$R/jury.mp4" &&
ffmpeg -nostdin -v error -y -f lavfi -i testsrc=size=320x240:rate=1:duration=1 -frames:v 1 \
	"$S3/$R/poster.jpg" &&
edit "$S3" '
drop("renditions/podcast.ogg")
s["title"] = {"co": "Attellu di prova", "fr": "Atelier d’essai"}
s["description"] = {"co": "Una prova in corsu", "fr": "Un essai en corse"}
s["languages"] = ["co", "fr"]
s["recorded"] = "2026-12-01T18:45:30+01:00"
for r in s["renditions"]: r["selection"] = {"start": 0, "end": 2}
s["renditions"] += [rec("renditions/webm-720p.webm", "webm-720p"), rec("renditions/jury.mp4", "jury"),
                    rec("renditions/poster.jpg", "poster")]
sizes = {r["preset"]: r["bytes"] for r in s["renditions"] if "preset" in r}
assert sizes["jury"] < sizes["webm-720p"] < sizes["web-720p"], sizes'
ok $? "a bilingual video-only session: its jury MP4 lighter than its WebM, lighter than its web MP4"

# An entry an older version wrote (no session_id, no new fields), from
# another producer.
mkdir -p "$T/www"
python3 - "$T/www/sessions.json" <<'PY'
import json, sys
e = {"slug": "vechja", "title": "Vechja sessione", "title_co": "Sessione vechja",
     "description": "Una vechja", "date": "2026-01-02", "updated": "2026-01-03",
     "producer": "Università di Corsica", "page": "https://lab.example/sessions/vechja/",
     "media": [{"url": "https://lab.example/sessions/vechja/renditions/web-720p.mp4",
                "type": "video/mp4", "bytes": 1234}]}
json.dump({"schema": "studio-site/1", "sessions": [e]}, open(sys.argv[1], "w"))
PY
printf '[site]\ntype = dir\npath = %s/www\nbase_url = %s\n' "$T" "$BASE" > "$T/publish.ini"

publish_all() {
	for s in son chapitres bilingue; do
		"$PUB" "$T/$s" --to site --config "$T/publish.ini" > "$T/$s.out" 2> "$T/$s.err" ||
			{ sed 's/^/# /' "$T/$s.err"; return 1; }
	done
}
publish_all
ok $? "the three sessions are published"

# --- feed.xml, as a podcast app reads it -----------------------------------------------------------
# judge_feed: every check of the feed, one line each on failure.
"$PY" - "$T/www" "$BASE" "$T" > "$T/feed.log" 2>&1 <<'PY'
import json, os, re, subprocess, sys, feedparser
import xml.etree.ElementTree as ET
www, base, tmp = sys.argv[1], sys.argv[2], sys.argv[3]
NS = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
      "podcast": "https://podcastindex.org/namespace/1.0", "atom": "http://www.w3.org/2005/Atom"}
raw = open(www + "/feed.xml", "rb").read()
d = feedparser.parse(raw)
assert d.bozo == 0, d.get("bozo_exception")
assert d.version == "rss20", d.version
assert set(NS.values()) <= set(d.namespaces.values()), d.namespaces   # (Atom's under its own key)
sessions = {n: json.load(open(os.path.join(tmp, n, "session.json")))
            for n in ("son", "chapitres", "bilingue")}
assert len(d.entries) == 4, [e.title for e in d.entries]          # three sessions, the old entry
by_guid = {e.id: e for e in d.entries}
assert len(by_guid) == 4, list(by_guid)
def local(url):
    assert url.startswith(base), url
    return os.path.join(www, url[len(base):])
def mime(path):
    return subprocess.run(["file", "-b", "--mime-type", path], capture_output=True,
                          text=True, check=True).stdout.strip()
def seconds(path):
    return float(subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                                 "-of", "csv=p=0", path], capture_output=True, text=True,
                                check=True).stdout)
def attribution_of(producer):
    return re.compile("\n\nLicence Ouverte / Open Licence 2\\.0 \\(etalab-2\\.0\\) — Source\u202f: " +
                      re.escape(producer) + " — dernière mise à jour\u202f: (1er|[0-9]{1,2}) [a-zéû]+ 20[0-9]{2}$")
attribution = attribution_of("Collectivité de Corse — CorsicaLab")
expect = {"son": ("podcast.ogg", "Fri, 20 Nov 2026 09:30:00 +0100"),
          "chapitres": ("podcast.ogg", "Sat, 28 Nov 2026 14:00:00 +0100"),
          "bilingue": ("web-720p.mp4", "Tue, 01 Dec 2026 18:45:30 +0100")}
pubdates = {i.findtext("guid"): i.findtext("pubDate") for i in ET.fromstring(raw).iter("item")}
for name, s in sessions.items():
    e = by_guid[s["id"]]                                  # the guid is the session's id
    assert e.guidislink is False, name                    # isPermaLink="false"
    assert len(e.enclosures) == 1, (name, e.enclosures)
    enc = e.enclosures[0]
    path = local(enc.href)
    assert path.endswith("/renditions/" + expect[name][0]), (name, enc.href)
    assert int(enc.length) == os.path.getsize(path), (name, enc.length, os.path.getsize(path))
    assert enc.type == mime(path), (name, enc.type, mime(path))
    assert abs(int(e.itunes_duration) - seconds(path)) <= 0.5, (name, e.itunes_duration)
    assert pubdates[s["id"]] == expect[name][1], (name, pubdates[s["id"]])
    assert e.published_parsed is not None, name
    assert attribution.search(e.summary), (name, e.summary)
    assert e.link == base + os.path.basename(os.path.dirname(
        open(os.path.join(tmp, name + ".out")).read().strip())) + "/", (name, e.link)
old = by_guid[base + "vechja/"]                           # no id: the page URL
assert old.enclosures[0].href == base + "vechja/renditions/web-720p.mp4", old.enclosures
assert old.enclosures[0].length == "1234" and old.published.startswith("Fri, 02 Jan 2026"), old
assert attribution_of("Università di Corsica").search(old.summary) and "3 janvier 2026" in old.summary, old.summary
# The bilingual session: its French title and description in the item.
bil = by_guid[sessions["bilingue"]["id"]]
assert bil.title == "Attellu di prova", bil.title
assert "En français\u202f: Atelier d’essai — Un essai en corse" in bil.summary, bil.summary
# Channel.
f = d.feed
assert f.language == "fr" and f.title == "Sessions — CorsicaLab", f
assert any(l.rel == "self" and l.href == base + "feed.xml" and l.type == "application/rss+xml"
           for l in f.links), f.links
assert f.image.href == base + "bilingue/renditions/poster.jpg", f.image   # the newest's poster
assert not f.itunes_explicit, f.get("itunes_explicit")   # feedparser only knows yes/clean
assert f.author_detail.name == "Collectivité de Corse — CorsicaLab" or f.author == "Collectivité de Corse — CorsicaLab", f.get("author")
assert f.tags and f.tags[0].term == "Education", f.get("tags")
assert attribution.search("\n\n" + f.rights), f.rights
assert f.get("updated_parsed"), "no lastBuildDate"
# What feedparser does not map: read with xml.etree.
ch = ET.fromstring(raw).find("channel")
lic = ch.find("podcast:license", NS)
assert lic.text == "etalab-2.0" and lic.get("url") == "https://www.etalab.gouv.fr/licence-ouverte-open-licence"
assert ch.find("podcast:locked", NS).text == "no"
assert ch.find("itunes:explicit", NS).text == "false"       # Apple's spelling since 2021
assert ch.find("itunes:image", NS).get("href") == f.image.href
assert ch.find("image/url").text == f.image.href and ch.find("image/link").text == base
items = {i.findtext("guid"): i for i in ch.iter("item")}
def transcripts(name):
    return [(t.get("url"), t.get("type"), t.get("language"))
            for t in items[sessions[name]["id"]].findall("podcast:transcript", NS)]
def chapters(name):
    return [(c.get("url"), c.get("type")) for c in items[sessions[name]["id"]].findall("podcast:chapters", NS)]
# Only the caption made from the enclosure's selection: the Corsican one was cut 45 s later.
assert transcripts("chapitres") == [(base + "chapitres/renditions/captions.fr.vtt", "text/vtt", "fr")], transcripts("chapitres")
assert transcripts("bilingue") == [(base + "bilingue/renditions/captions.fr.vtt", "text/vtt", "fr")], transcripts("bilingue")
assert transcripts("son") == [], transcripts("son")
for name in ("chapitres", "bilingue"):
    assert os.path.isfile(local(transcripts(name)[0][0])), name
assert chapters("chapitres") == [(base + "chapitres/chapters.json", "application/json+chapters")], chapters("chapitres")
assert chapters("son") == [] and chapters("bilingue") == []
for name, pic in (("chapitres", "chapitres"), ("bilingue", "bilingue")):
    img = items[sessions[name]["id"]].find("itunes:image", NS)
    assert img is not None and img.get("href") == base + pic + "/renditions/poster.jpg", name
    assert mime(local(img.get("href"))) == "image/jpeg"
assert items[sessions["son"]["id"]].find("itunes:image", NS) is None
PY
ok $? "feed.xml: feedparser (not bozo), one item per session, enclosures, iTunes, Podcasting 2.0, Atom self, attribution"
sed 's/^/# /' "$T/feed.log"

# --- the guids stay across a re-publication ---------------------------------------------------------
guids() {
	"$PY" -c 'import sys, feedparser; print(sorted(e.id for e in feedparser.parse(sys.argv[1]).entries))' \
		"$T/www/feed.xml"
}
guids > "$T/guids1"
publish_all
guids > "$T/guids2"
check "  the guids are the same after a re-publication" cmp -s "$T/guids1" "$T/guids2"
check "  (and there were four)" test "$(tr -cd ',' < "$T/guids1" | wc -c)" -eq 3

# --- index.html ---------------------------------------------------------------------------------------
"$PY" - "$T/www/index.html" > "$T/index.log" 2>&1 <<'PY'
import re, sys, html5lib
raw = open(sys.argv[1], "rb").read()
doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(raw)
text = "".join(doc.find("body").itertext())
assert doc.findtext("head/title") == "Sessions — CorsicaLab", doc.findtext("head/title")
months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]
def words(iso):
    y, m, d = int(iso[0:4]), int(iso[5:7]), int(iso[8:10])
    return "%d%s %s %d" % (d, "er" if d == 1 else "", months[m - 1], y)
times = {t.get("datetime"): t.text for t in doc.iter("time")}
want = ["2026-12-01T18:45:30+01:00", "2026-11-28T14:00:00+01:00", "2026-11-20T09:30:00+01:00",
        "2026-01-02"]
assert list(times) == want, list(times)                  # newest first, the full time kept
for iso, shown in times.items():
    assert shown == words(iso), (iso, shown)
# Every language's title, each with its language: Corsican first for the bilingual session.
bdis = [(b.get("lang"), b.text) for b in doc.iter("bdi")]
assert ("co", "Attellu di prova") in bdis and (None, "Atelier d’essai") in bdis, bdis
assert ("co", "Atelier chapitré (in corsu)") in bdis and ("co", "Sessione vechja") in bdis, bdis
# The attribution, French typography in the generated text (no space but U+202F before : ; ! ?).
assert re.search("Licence Ouverte / Open Licence 2\\.0 \\(etalab-2\\.0\\) — Source\u202f: Collectivité "
                 "de Corse — CorsicaLab — dernière mise à jour\u202f: [0-9]{1,2}(er)? [a-zéû]+ 20[0-9]{2}",
                 text), text
assert not re.search("[ \u00a0][:;!?]", text), re.findall(".{20}[ \u00a0][:;!?]", text)
assert 'href="vechja/"' in raw.decode() and 'href="bilingue/"' in raw.decode()
# The old entry, from another producer, says its own source in its item.
items = [li for li in doc.iter("li") if li.find("a").get("href") == "vechja/"]
own = "".join(items[0].find("p").itertext())
assert "Source\u202f: Università di Corsica — dernière mise à jour\u202f: 3 janvier 2026" in own, own
PY
ok $? "index.html: strict HTML, title, dates in words in <time datetime>, every title with its lang, the attribution"
sed 's/^/# /' "$T/index.log"

plan "$_tap_n"
done_testing
