#!/bin/sh
# The session page (issue 11): sessions encoded here by studio-encode from
# masters made with the ffmpeg CLI — a bilingual one (Corsican first)
# with Corsican and French captions and two markers, a sound-only one, a
# video without captions — published to a `dir` target with base_url and
# to Apache mod_dav.  Judges: python3 (html.parser, json), the files on
# disk and on the server, headless Chromium (a transcript link clicked).  Checked: the transcript sections and
# transcript.LANG.html, the chapters list and chapters.json (Podcasting
# 2.0 JSON chapters 1.2.0), every JSON-LD property, the download labels,
# the page furniture, the jury rendition left out by default and published
# with files =, a caption made for another selection not attached, the
# RGAA 4.1 warning.
set -u
. "$(dirname "$0")/tap.sh"
. "$STUDIO_SRC/tests/peers/apache-dav.sh"
. "$STUDIO_SRC/tests/peers/chromium.sh"

PUB=$STUDIO_BIN/studio-publish
ENC=$STUDIO_BIN/studio-encode
T=$(mktemp -d) || exit 1
trap 'dav_stop; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT INT TERM
XDG_CONFIG_HOME="$T/xdg"        # no personal presets interfere
export XDG_CONFIG_HOME T
chmod 755 "$T"
BASE=https://lab.example/sessions

# checks SCRIPT ARGS...: runs the python3 SCRIPT (stdin), which prints one
# "PASS description" or "FAIL description: why" line per check; each is
# one TAP result.
checks() {
	python3 - "$@" > "$T/checks.out" 2>&1
	_rc=$?
	while IFS= read -r _l; do
		case $_l in
		PASS\ *) ok 0 "${_l#PASS }" ;;
		FAIL\ *) echo "# ${_l#FAIL }"; ok 1 "${_l#FAIL }" ;;
		*) echo "# $_l" ;;
		esac
	done < "$T/checks.out"
	[ $_rc -eq 0 ] || ok 1 "python checks ran to the end (exit $_rc)"
}

# The python helpers every check script starts with (page parsing).
cat > "$T/page.py" <<'PY'
import html.parser, json, re, sys
def check(desc, cond, why=""):
    print(("PASS " if cond else "FAIL ") + desc + ("" if cond else ": %s" % (why,)))
class Page(html.parser.HTMLParser):
    """Elements with their attributes, text and ancestors."""
    def __init__(self, path):
        super().__init__(); self.els = []; self.stack = []; self.ld = ""; self.scripts = []
        self.feed(open(path, encoding="utf-8").read()); self.close()
    VOID = {"meta", "link", "source", "track", "br", "img", "hr", "input", "wbr"}
    def handle_starttag(self, t, a):
        el = {"tag": t, "a": dict(a), "text": "", "parents": list(self.stack)}
        self.els.append(el)
        if t not in self.VOID: self.stack.append(el)
    def handle_endtag(self, t):
        while self.stack:
            if self.stack.pop()["tag"] == t: break
    def handle_data(self, d):
        for el in self.stack: el["text"] += d
        if self.stack and self.stack[-1]["tag"] == "script":
            if self.stack[-1]["a"].get("type") == "application/ld+json": self.ld += d
            else: self.scripts.append(d)
    def find(self, tag, **attrs):
        return [e for e in self.els if e["tag"] == tag and
                all(e["a"].get(k.rstrip("_")) == v for k, v in attrs.items())]
    def lang_of(self, el):
        for e in [el] + el["parents"][::-1]:
            if "lang" in e["a"]: return e["a"]["lang"]
    def jsonld(self): return json.loads(self.ld)
PY

# --- the sessions, encoded -----------------------------------------------------
A="$T/Attellu"
mkdir -p "$A/master"
ffmpeg -v error -f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i sine=sample_rate=48000 \
	-t 3 -c:v libx264 -pix_fmt yuv420p -c:a flac "$A/master/master.mkv"
cat > "$A/session.json" <<'JSON'
{"schema": "studio-session/1", "title": {"co": "Attellu di prova", "fr": "Atelier d'essai"},
 "description": {"co": "Una prova in corsu", "fr": "Un essai en corse"},
 "languages": ["co", "fr"], "speakers": ["Maria Santoni", "Petru Luciani"],
 "producer": "Collectivité de Corse — CorsicaLab", "recorded": "2026-11-28T14:00:00+01:00",
 "updated": "2026-12-01T09:30:00+01:00",
 "captures": [{"file": "master/master.mkv",
               "markers": [{"t": 0, "label": "Accolta"}, {"t": 1.5, "label": "Dimustrazione"}]}]}
JSON
printf 'WEBVTT\n\n00:00.500 --> 00:01.400\nBonghjornu à tutti\n\n00:01.500 --> 00:02.800\n<v Maria>Ghjè una prova &amp; più\n' > "$T/co.vtt"
printf 'WEBVTT\n\n00:00.500 --> 00:01.400\nBonjour à tous\n\n00:01.500 --> 00:02.800\nC’est un essai\n' > "$T/fr.vtt"
"$ENC" -q -p web-480p,podcast,poster,jury --captions co="$T/co.vtt" --captions fr="$T/fr.vtt" "$A"
ok $? "bilingual captioned session with markers encoded (web-480p, podcast, poster, jury)"

B="$T/Sonu"
mkdir -p "$B/master"
ffmpeg -v error -f lavfi -i sine=sample_rate=48000:frequency=330 -t 3 -c:a flac "$B/master/master.mka"
cat > "$B/session.json" <<'JSON'
{"schema": "studio-session/1", "title": {"fr": "Entretien sonore"},
 "description": {"fr": "Un entretien sans image"}, "languages": ["fr"],
 "speakers": ["Anna Leca"], "recorded": "2026-11-29T10:00:00+01:00",
 "captures": [{"file": "master/master.mka"}]}
JSON
"$ENC" -q -p podcast,waveform --captions fr="$T/fr.vtt" "$B"
ok $? "sound-only session encoded (podcast, waveform, French captions)"

C="$T/Muta"
mkdir -p "$C/master"
cp "$A/master/master.mkv" "$C/master/"
printf '{"schema": "studio-session/1", "title": {"fr": "Sans sous-titres"}, "captures": [{"file": "master/master.mkv"}]}\n' \
	> "$C/session.json"
"$ENC" -q -p web-480p "$C"
ok $? "video session without captions encoded"

# --- dir target ------------------------------------------------------------------
printf '[site]\ntype = dir\npath = %s/www\nbase_url = %s\n[all]\ntype = dir\npath = %s/all\nfiles = *\n' \
	"$T" "$BASE" "$T" > "$T/publish.ini"
"$PUB" "$A" --to site --config "$T/publish.ini" > "$T/out" 2> "$T/err"
ok $? "bilingual session published to dir"
D="$T/www/attellu"
for f in index.html transcript.co.html transcript.fr.html chapters.json; do
	test -s "$D/$f"
	ok $? "$f written beside the page"
done
check "the jury rendition is not published by default" test ! -e "$D/renditions/jury.mp4"
grep -q "RGAA" "$T/err"
ok $((! $?)) "no RGAA warning for a captioned video"

checks "$D/index.html" "$BASE/attellu/" <<'PY'
exec(open(__import__("os").environ["T"] + "/page.py").read())
p = Page(sys.argv[1]); base = sys.argv[2]
html_el = p.find("html")[0]
check("<html lang> is the session's main language (co)", html_el["a"].get("lang") == "co", html_el["a"])
check("<title> is 'Title — CorsicaLab'", p.find("title")[0]["text"] == "Attellu di prova — CorsicaLab",
      p.find("title")[0]["text"])
back = [a for a in p.find("a") if a["a"].get("href") == "../"]
check("a link back to the site index", len(back) == 1 and back[0]["text"].strip(), back)
h1 = p.find("h1")
check("the <h1> holds the main title and has an id", len(h1) == 1 and h1[0]["text"] == "Attellu di prova"
      and h1[0]["a"].get("id"), h1)
fr_title = [e for e in p.find("p") if e["text"] == "Atelier d'essai"]
check("the French title is shown with lang=fr", fr_title and p.lang_of(fr_title[0]) == "fr", fr_title)
descs = {e["text"]: p.lang_of(e) for e in p.find("p")}
check("every description shown with its lang",
      descs.get("Una prova in corsu") == "co" and descs.get("Un essai en corse") == "fr", descs)
v = p.find("video")
check("one video player, with the poster", len(v) == 1 and v[0]["a"].get("poster") == "renditions/poster.jpg", v)
check("the video has an accessible name (aria-labelledby the <h1>)",
      v and h1[0]["a"].get("id") and v[0]["a"].get("aria-labelledby") == h1[0]["a"].get("id"), v)
check("the video is #player", v and v[0]["a"].get("id") == "player", v)
tracks = {t["a"].get("srclang"): t["a"]["src"] for t in p.find("track", kind="captions")}
check("both captions attached as tracks", tracks == {"co": "renditions/captions.co.vtt",
                                                     "fr": "renditions/captions.fr.vtt"}, tracks)
for lang, first, second in (("co", "Bonghjornu à tutti", "Ghjè una prova & più"),
                            ("fr", "Bonjour à tous", "C’est un essai")):
    sec = p.find("section", class_="transcript", lang=lang)
    check("a transcript section with lang=%s" % lang, len(sec) == 1, sec)
    if not sec: continue
    h2 = [e for e in p.find("h2") if sec[0] in e["parents"]]
    name = {"co": "corse", "fr": "français"}[lang]
    check("its heading 'Transcription en %s' (lang fr)" % name,
          h2 and h2[0]["text"] == "Transcription en " + name and p.lang_of(h2[0]) == "fr", h2)
    cues = [e for e in p.find("p") if sec[0] in e["parents"]]
    seeks = [[a for a in p.find("a") if c in a["parents"]] for c in cues]
    check("%s: one <p> per cue with its text" % lang, len(cues) == 2 and cues[0]["text"].endswith(first)
          and cues[1]["text"].endswith(second), [c["text"] for c in cues])
    check("%s: each cue starts with a seek link into the main video" % lang,
          all(s and s[0]["a"] == {"class": "seek", "href": "renditions/web-480p.mp4#t=%s" % t,
                                  "data-t": t} and c["text"].startswith(s[0]["text"])
              for s, c, t in zip(seeks, cues, ("0.5", "1.5"))) and seeks[0][0]["text"] == "00:00",
          [s[0]["a"] for s in seeks if s])
nav = p.find("nav", class_="chapters")
links = [a for a in p.find("a") if nav and nav[0] in a["parents"]]
check("the chapters list: one seek link per chapter",
      [(a["a"]["href"], a["a"]["data-t"]) for a in links] ==
      [("renditions/web-480p.mp4#t=0", "0"), ("renditions/web-480p.mp4#t=1.5", "1.5")], links)
check("the chapters' names", nav and "Accolta" in nav[0]["text"] and "Dimustrazione" in nav[0]["text"], nav)
check("one inline script (the seek) besides the JSON-LD",
      len(p.scripts) == 1 and "a.seek" in p.scripts[0] and "currentTime" in p.scripts[0], p.scripts)
labels = [a["text"] for a in p.find("a") if "download" in a["a"]]
want = [r"Vidéo \(MP4, [0-9]+,[0-9]\xa0ko\)", r"Audio \(Ogg Vorbis, [0-9]+,[0-9]\xa0ko\)",
        r"Affiche \(JPEG\)", r"Sous-titres en corse \(WebVTT\)", r"Sous-titres en français \(WebVTT\)",
        r"Chapitres \(WebVTT\)"]
check("download labels in plain words", len(labels) == len(want) and
      all(re.fullmatch(w, l) for w, l in zip(want, labels)), labels)
ul = p.find("ul", class_="downloads")
check("the French labels carry lang=fr", ul and p.lang_of(ul[0]) == "fr" and
      all(p.lang_of(h) == "fr" for h in p.find("h2")), [p.lang_of(h) for h in p.find("h2")])
check("the jury rendition is not on the page", "jury" not in open(sys.argv[1]).read())
check("the transcript pages are linked", {a["a"]["href"] for a in p.find("a")} >=
      {"transcript.co.html", "transcript.fr.html"})
fb = [e for e in p.find("p") if v and v[0] in e["parents"]]
check("French typography: a narrow no-break space before ':' in generated text",
      fb and "média\u202f: utilisez" in fb[0]["text"], fb)
PY

checks "$D/index.html" "$BASE/attellu/" "$A/session.json" <<'PY'
exec(open(__import__("os").environ["T"] + "/page.py").read())
p = Page(sys.argv[1]); base = sys.argv[2]
ld = p.jsonld()
iso = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$")
check("JSON-LD @type VideoObject, name in the main language",
      ld.get("@type") == "VideoObject" and ld.get("name") == "Attellu di prova", ld.get("@type"))
check("JSON-LD description", ld.get("description") == "Una prova in corsu", ld.get("description"))
check("JSON-LD thumbnailUrl: the poster, absolute",
      ld.get("thumbnailUrl") == base + "renditions/poster.jpg", ld.get("thumbnailUrl"))
check("JSON-LD uploadDate: ISO 8601 with its zone", iso.match(ld.get("uploadDate", "")), ld.get("uploadDate"))
check("JSON-LD dateModified: ISO 8601 with its zone", iso.match(ld.get("dateModified", "")), ld.get("dateModified"))
check("JSON-LD duration: ISO 8601 duration", ld.get("duration") == "PT3S", ld.get("duration"))
check("JSON-LD contentUrl absolute", ld.get("contentUrl") == base + "renditions/web-480p.mp4", ld.get("contentUrl"))
check("JSON-LD embedUrl: the page's URL", ld.get("embedUrl") == base, ld.get("embedUrl"))
check("JSON-LD encodingFormat", ld.get("encodingFormat") == "video/mp4", ld.get("encodingFormat"))
check("JSON-LD inLanguage: every language", ld.get("inLanguage") == ["co", "fr"], ld.get("inLanguage"))
caps = ld.get("caption", [])
check("JSON-LD caption: one MediaObject per .vtt with its language and absolute URL",
      sorted((c.get("@type"), c.get("inLanguage"), c.get("contentUrl"), c.get("encodingFormat"))
             for c in caps) ==
      [("MediaObject", l, base + "renditions/captions.%s.vtt" % l, "text/vtt") for l in ("co", "fr")], caps)
check("JSON-LD transcript: the main language's text",
      ld.get("transcript") == "Bonghjornu à tutti Ghjè una prova & più", ld.get("transcript"))
parts = ld.get("hasPart", [])
check("JSON-LD hasPart: one Clip per chapter (name, startOffset, endOffset, url with #t=)",
      [(c.get("@type"), c.get("name"), c.get("startOffset"), c.get("endOffset"), c.get("url")) for c in parts] ==
      [("Clip", "Accolta", 0, 1.5, base + "renditions/web-480p.mp4#t=0"),
       ("Clip", "Dimustrazione", 1.5, 3, base + "renditions/web-480p.mp4#t=1.5")], parts)
check("JSON-LD contributors are Persons",
      ld.get("contributor") == [{"@type": "Person", "name": "Maria Santoni"},
                                {"@type": "Person", "name": "Petru Luciani"}], ld.get("contributor"))
check("JSON-LD publisher, license and creditText",
      ld.get("publisher", {}).get("@type") == "Organization" and "etalab" in ld.get("license", "")
      and "Source\u202f: Collectivité de Corse" in ld.get("creditText", ""), ld)
pubs = json.load(open(sys.argv[3]))["publications"]
files = {x["file"] for x in pubs if x["target"] == "site"}
check("session.json records the transcripts and chapters.json",
      {"index.html", "transcript.co.html", "transcript.fr.html", "chapters.json"} <= files, files)
PY

checks "$D/transcript.co.html" "$D/chapters.json" <<'PY'
exec(open(__import__("os").environ["T"] + "/page.py").read())
p = Page(sys.argv[1])
check("transcript.co.html: <html lang=co>", p.find("html")[0]["a"].get("lang") == "co")
check("transcript.co.html: its title", p.find("title")[0]["text"] ==
      "Transcription en corse — Attellu di prova — CorsicaLab", p.find("title")[0]["text"])
check("transcript.co.html: a link back to the session page",
      any(a["a"].get("href") == "index.html" for a in p.find("a")))
sec = p.find("section", class_="transcript", lang="co")
cues = [e for e in p.find("p") if sec and sec[0] in e["parents"]]
check("transcript.co.html: the same cues with their seek links",
      [c["text"] for c in cues] == ["00:00 Bonghjornu à tutti", "00:01 Ghjè una prova & più"] and
      all(a["a"].get("class") == "seek" for a in p.find("a") if sec[0] in a["parents"]),
      [c["text"] for c in cues])
lic = p.find("p", class_="licence")
check("transcript.co.html: the licence paragraph", lic and "Source" in lic[0]["text"], lic)
ch = json.load(open(sys.argv[2]))
check("chapters.json: Podcasting 2.0 JSON chapters 1.2.0",
      ch.get("version") == "1.2.0" and [(c["startTime"], c["title"]) for c in ch["chapters"]] ==
      [(0, "Accolta"), (1.5, "Dimustrazione")], ch)
PY

"$PUB" "$A" --to site --config "$T/publish.ini" --dry-run > "$T/out" 2> "$T/err"
grep -q "^would write $D/transcript.co.html$" "$T/out" && grep -q "^would write $D/chapters.json$" "$T/out"
ok $? "--dry-run names the transcript pages and chapters.json it would write"

# uploadDate: the first publication to this target, kept on the next run.
sleep 1.1
"$PUB" "$A" --to site --config "$T/publish.ini" > "$T/out" 2> "$T/err"
ok $? "second publication succeeds"
checks "$D/index.html" "$A/session.json" <<'PY'
exec(open(__import__("os").environ["T"] + "/page.py").read())
ld = Page(sys.argv[1]).jsonld()
pubs = [x["at"] for x in json.load(open(sys.argv[2]))["publications"] if x["target"] == "site"]
check("uploadDate is the first publication to this target", ld["uploadDate"] == min(pubs),
      (ld["uploadDate"], pubs))
PY

"$PUB" "$A" --to all --config "$T/publish.ini" > "$T/out" 2> "$T/err"
ok $? "published to a target with files = *"
test -s "$T/all/attellu/renditions/jury.mp4"
ok $? "the jury rendition is published when files = names it"
grep -q ">Vidéo pour le jury (MP4, " "$T/all/attellu/index.html"
ok $? "  and offered on that page in plain words"
grep -q '"contentUrl": "renditions/web-480p.mp4"' "$T/all/attellu/index.html"
ok $? "  the web rendition stays the page's main medium"
grep -q '<source src="renditions/jury.mp4"' "$T/all/attellu/index.html"
ok $((! $?)) "  the jury rendition is not one of the player's sources"

# A caption made for another --start/--end than the video.
A2="$T/Attellu bis"
cp -r "$A" "$A2"
python3 - "$A2/session.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s["title"] = {"co": "Attellu bis"}; s.pop("publications", None); s.pop("publish_slugs", None); s.pop("id", None)
for r in s["renditions"]:
    r["selection"] = {"start": 45.0, "end": 48.0} if r["file"].endswith("captions.fr.vtt") \
        else {"start": 0, "end": 3.0}
json.dump(s, open(sys.argv[1], "w"), ensure_ascii=False)
PY
"$PUB" "$A2" --to site --config "$T/publish.ini" > "$T/out" 2> "$T/err"
ok $? "session with a caption of another selection published"
grep -q "warning: renditions/captions.fr.vtt was made for another selection (45.000-48.000 s) than renditions/web-480p.mp4 (0.000-3.000 s): not published with it" "$T/err"
ok $? "  a warning names the caption made for another selection"
D2="$T/www/attellu-bis"
test ! -e "$D2/renditions/captions.fr.vtt" && test -s "$D2/renditions/captions.co.vtt"
ok $? "  it is not published beside the video"
grep -q 'srclang="fr"' "$D2/index.html"
ok $((! $?)) "  it is not attached as a track"
grep -q 'class="transcript" lang="fr"' "$D2/index.html" || test -e "$D2/transcript.fr.html"
ok $((! $?)) "  nor as a transcript"
grep -q 'srclang="co"' "$D2/index.html" && test -s "$D2/transcript.co.html"
ok $? "  the caption of the same selection is"

# Sound only.
"$PUB" "$B" --to site --config "$T/publish.ini" > "$T/out" 2> "$T/err"
ok $? "sound-only session published"
grep -q RGAA "$T/err"
ok $((! $?)) "  no RGAA warning (no video)"
checks "$T/www/sonu/index.html" "$BASE/sonu/" <<'PY'
exec(open(__import__("os").environ["T"] + "/page.py").read())
p = Page(sys.argv[1]); base = sys.argv[2]; ld = p.jsonld()
check("sound only: AudioObject", ld.get("@type") == "AudioObject", ld.get("@type"))
check("sound only: contentUrl and encodingFormat", ld.get("contentUrl") == base + "renditions/podcast.ogg"
      and ld.get("encodingFormat") == "audio/ogg", ld)
check("sound only: <html lang=fr>", p.find("html")[0]["a"].get("lang") == "fr")
a = p.find("audio")
check("sound only: the <audio> player is #player, named by the <h1>",
      len(a) == 1 and a[0]["a"].get("id") == "player" and p.find("h1")[0]["a"].get("id") and
      a[0]["a"].get("aria-labelledby") == p.find("h1")[0]["a"].get("id"), a)
alt = [e for e in p.els if a and e["a"].get("id") == a[0]["a"].get("aria-describedby")]
check("sound only: a text alternative linking the transcript",
      alt and any(x["a"].get("href") == "transcript.fr.html" for x in p.find("a") if alt[0] in x["parents"]), alt)
check("sound only: transcript section with seek links into the audio",
      any(x["a"].get("href") == "renditions/podcast.ogg#t=0.5" for x in p.find("a", class_="seek")))
labels = [x["text"] for x in p.find("a") if "download" in x["a"]]
check("sound only: labels", labels[:1] and labels[0].startswith("Audio (Ogg Vorbis, ") and
      "Forme d'onde (PNG)" in labels, labels)
check("sound only: no video", not p.find("video"))
PY

"$PUB" "$C" --to site --config "$T/publish.ini" > "$T/out" 2> "$T/err"
ok $? "video without captions published"
grep -q "warning: .*no captions and no transcript (RGAA 4.1" "$T/err"
ok $? "  with a warning naming RGAA 4.1"
sed 's/^/#   /' "$T/err" | grep RGAA

# --- WebDAV (Apache mod_dav) -------------------------------------------------------
dav_start "$T/dav" agent page-test-password
ok $? "apache webdav started"
printf 'page-test-password\n' > "$T/pw"; chmod 600 "$T/pw"
printf '[web]\ntype = webdav\nurl = %s\nusername = agent\npassword_file = pw\nca_file = %s\nbase_url = %s\n' \
	"$DAV_URL" "$DAV_CA" "$BASE" > "$T/dav.ini"
"$PUB" "$A" --to web --config "$T/dav.ini" > "$T/out" 2> "$T/err"
ok $? "bilingual session published to webdav"
W="$T/dav/root/attellu"   # the folder Apache serves (dav_start DIR)
# The licence line's date is session.json's "updated", which every run
# that records something moves on: the rest must be the same.
for f in transcript.co.html transcript.fr.html chapters.json; do
	test -s "$W/$f" && grep -v 'class="licence"' "$W/$f" > "$T/w" &&
		grep -v 'class="licence"' "$D/$f" | cmp -s - "$T/w"
	ok $? "webdav: $f beside index.html, as on dir"
done
checks "$W/index.html" "$BASE/attellu/" <<'PY'
exec(open(__import__("os").environ["T"] + "/page.py").read())
ld = Page(sys.argv[1]).jsonld(); base = sys.argv[2]
check("webdav: JSON-LD URLs under base_url", ld.get("contentUrl") == base + "renditions/web-480p.mp4" and
      ld.get("embedUrl") == base and ld.get("thumbnailUrl") == base + "renditions/poster.jpg", ld)
PY
"$PUB" "$A" --to web --config "$T/dav.ini" > "$T/out" 2> "$T/err"
ok $? "webdav: published again"
grep -q "unchanged: .*attellu/chapters.json" "$T/err" && grep -q "unchanged: .*attellu/transcript.co.html" "$T/err" &&
	grep -q "unchanged: .*attellu/index.html" "$T/err" && ! grep -q "uploaded: " "$T/err"
ok $? "webdav: chapters.json, the transcripts and the page, unchanged, are not sent again"

# A caption changed on disk after encoding (same size): the server keeps the
# recorded one, and no transcript is made from the changed text.
sed -i 's/Bonjour/Bonsoir/' "$A/renditions/captions.fr.vtt"
"$PUB" "$A" --to web --config "$T/dav.ini" > "$T/out" 2> "$T/err"
ok $? "webdav: published again with a caption changed on disk"
grep -q "warning: renditions/captions.fr.vtt does not match session.json: no transcript made from it" "$T/err"
ok $? "  a warning says no transcript is made from it"
grep -q "Bonsoir" "$W/index.html"
ok $((! $?)) "  its changed text is on no page"
sed -i 's/Bonsoir/Bonjour/' "$A/renditions/captions.fr.vtt"

# --- Chromium: a transcript's time link moves the video ------------------------------
# A test-only harness page (same origin) loads the published page in an
# iframe, clicks the second cue's link of the Corsican transcript once the
# video has its metadata, and writes the video's position, whether the
# link's navigation was replaced by the seek, and whether the video plays
# into its own DOM, which --dump-dom prints.
cat > "$T/harness.html" <<'HTML'
<!DOCTYPE html><html><body><pre id="out">pending</pre>
<iframe id="f" src="attellu/index.html"></iframe>
<script>
var out = document.getElementById("out");
document.getElementById("f").addEventListener("load", function () {
  var doc = this.contentDocument, v = doc.getElementById("player");
  var a = doc.querySelectorAll('section.transcript[lang="co"] a.seek')[1];
  if (!v || !a) { out.textContent = "no player or no link"; return; }
  out.textContent = "loaded";
  function click() {
    var ev = new MouseEvent("click", {bubbles: true, cancelable: true});
    a.dispatchEvent(ev);
    out.textContent = "t=" + v.currentTime + " prevented=" + ev.defaultPrevented +
      " paused=" + v.paused;
  }
  if (v.readyState >= 1) click(); else v.addEventListener("loadedmetadata", click);
});
</script></body></html>
HTML
curl -s --cacert "$DAV_CA" -u agent:page-test-password -T "$T/harness.html" "${DAV_URL}harness.html" -o /dev/null
chromium_dom "http://127.0.0.1:$DAV_HTTP_PORT/www/harness.html" "$T/dom" "$T"
got=$(sed -n 's/.*<pre id="out">\([^<]*\)<.*/\1/p' "$T/dom")
echo "# chromium: $got"
t=$(printf '%s\n' "$got" | sed -n 's/^t=\([0-9.]*\) .*/\1/p')
near "${t:-99}" 1.5 0.05
ok $? "chromium: a click on the transcript's time link moves the video to the cue (1.5 s)"
case $got in *"prevented=true paused=false"*) ok 0 "chromium: the video plays from there, the page stays";;
	*) ok 1 "chromium: the video plays from there, the page stays";; esac

echo "1..$_tap_n"
done_testing
