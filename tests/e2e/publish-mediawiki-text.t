#!/bin/sh
# studio-publish, `mediawiki` target: hostile text against a real MediaWiki
# 1.39 (tests/peers/mediawiki.sh; one wiki for every case, it is slow to
# start) — issue 10, item 8:
#   - wikitext in every session field that reaches the wiki (title,
#     descriptions, speakers, producer, preset names): no category, template
#     or signature injected in the documentation page or the File: pages;
#   - titles MediaWiki refuses as they are ("~~~~", "%41", "./../"): the
#     File: names and the documentation page titles are valid by
#     construction, the files are published;
#   - an upload done before a later failure is recorded in session.json, so
#     the next run does not upload it again.
# Judges: the wiki's own API (action=parse categories/templates, revisions,
# imageinfo) read with curl and python3.
set -u
. "$(dirname "$0")/tap.sh"
. "$STUDIO_SRC/tests/peers/mediawiki.sh"
. "$STUDIO_SRC/tests/peers/proxy.sh"
. "$STUDIO_SRC/tests/peers/session.sh"

PUB=$STUDIO_BIN/studio-publish
T=$(mktemp -d) || exit 1
trap 'proxy_stop; mw_stop; rm -rf "$T"' EXIT INT TERM

mw_start "$T/wiki"
ok $? "mediawiki 1.39 installed (sqlite) and served by php -S"
printf '%s\n' "$MW_BOT_PASS" > "$T/bot.password"
chmod 600 "$T/bot.password"
# ini API [EXTRA...]: the `movilab` target, a documentation page per title.
ini() {
	_api=$1; shift
	printf '[movilab]\ntype = mediawiki\napi = %s\nusername = %s\npassword_file = bot.password\ninsecure = yes\ncategories = CorsicaLab\npage = Projet:CorsicaLab/{title}\n' \
		"$_api" "$MW_BOT_USER"
	for _l in "$@"; do printf '%s\n' "$_l"; done
}
ini "$MW_API" > "$T/publish.ini"

# api QUERY PYEXPR: the wiki's answer to a GET, evaluated on `d`.
api() {
	curl -s "$MW_API?format=json&formatversion=2&$1" |
		python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$2"
}
enc() { python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
# parsed TITLE WHAT: the categories or templates of the page as the wiki
# parsed its saved text, one per line.
parsed() {
	api "action=parse&prop=$2&page=$(enc "$1")" \
		"'\n'.join(x.get('category') or x.get('title') for x in d['parse']['$2'])"
}
# saved TITLE: the page's saved wikitext.
saved() {
	api "action=query&prop=revisions&rvprop=content&rvslots=main&titles=$(enc "$1")" \
		"d['query']['pages'][0]['revisions'][0]['slots']['main']['content']"
}
# recorded SESSION FILE: the wiki name session.json records for FILE, or "".
recorded() {
	python3 - "$1/session.json" "$2" <<'PY'
import json, sys
recs = [p for p in json.load(open(sys.argv[1])).get("publications", [])
        if p.get("target") == "movilab" and p.get("file") == sys.argv[2]]
print(recs[0].get("wiki_name", "") if len(recs) == 1 else "")
PY
}
revisions() { api "action=query&prop=imageinfo&iiprop=sha1&iilimit=50&titles=File:$(enc "$1")" \
	'len(d["query"]["pages"][0].get("imageinfo", []))'; }

# --- wikitext in every field ------------------------------------------------------------------------
S=$T/Injection
make_session "$S" "Injection" 1
python3 - "$S/session.json" <<'PY'
import json, sys
p = sys.argv[1]
s = json.load(open(p))
w = "[[Category:Injected]] {{Injected}} ~~~~ __NOTOC__ ''x'' <b>b</b> [http://e.example e]"
s["title"] = {"fr": "Injection " + w, "co": "Iniezzione " + w}
s["description"] = {"fr": "* " + w + "\n== t ==", "co": w}
s["speakers"] = ["Maria " + w, "{{Injected|x=1}}"]
s["producer"] = "CorsicaLab " + w
for r in s["renditions"]:
    if r.get("preset") == "web-720p":
        r["preset"] = "web]] [[Category:Injected]] {{Injected}} ~~~~"
    elif r.get("preset") == "podcast":
        r["preset"] = "podcast|{{Injected}}"
json.dump(s, open(p, "w"), indent=2)
PY
"$PUB" "$S" --to movilab --config "$T/publish.ini" > "$T/out" 2> "$T/err"
ok $? "a session with wikitext in every field is published"
sed 's/^/# /' "$T/err"
# the page's URL (stdout) → its title: /index.php/TITLE or ?title=TITLE
DOC=$(python3 -c '
import sys, urllib.parse as u
p = u.urlsplit(sys.argv[1].strip())
t = u.parse_qs(p.query).get("title", [None])[0] or u.unquote(p.path.split("/index.php/", 1)[1])
print(t.replace("_", " "))' "$(cat "$T/out")")
echo "# documentation page: $DOC"
is "$(parsed "$DOC" categories)" "" "the documentation page has no category"
is "$(parsed "$DOC" templates)" "" "  and transcludes no template"
saved "$DOC" > "$T/doc.wiki"
check "  (its saved text was read)" grep -q "studio-publish:begin" "$T/doc.wiki"
check "  no signature in its saved text (no link to the bot's user page)" \
	sh -c "! grep -q 'User:' '$T/doc.wiki'"
check "  the hostile preset is shown as text" grep -qF "web&#93;&#93; &#91;&#91;Category:Injected" "$T/doc.wiki"
for f in renditions/web-720p.mp4 renditions/podcast.ogg; do
	name=$(recorded "$S" "$f")
	check "$f: recorded with its wiki name ($name)" test -n "$name"
	is "$(parsed "File:$name" categories)" "CorsicaLab" "  its File: page has only the configured category"
	is "$(parsed "File:$name" templates)" "" "  and no template"
	saved "File:$name" > "$T/file.wiki"
	check "  and no signature" sh -c "grep -q Description '$T/file.wiki' && ! grep -q 'User:' '$T/file.wiki'"
done

# The preset alone (a plain title), as it was seen: it reached the page raw
# (a name that is still a valid file name once its brackets became '-').
S=$T/Preset
make_session "$S" "Preset" 1
python3 - "$S/session.json" <<'PY'
import json, sys
p = sys.argv[1]
s = json.load(open(p))
for r in s["renditions"]:
    if r.get("preset") == "web-720p":
        r["preset"] = "web-720p [[Category:Injected]] {{Injected}} ~~"
json.dump(s, open(p, "w"), indent=2)
PY
"$PUB" "$S" --to movilab --config "$T/publish.ini" > "$T/out" 2> "$T/err"
ok $? "a session with a hostile preset name is published"
is "$(parsed "Projet:CorsicaLab/Preset" categories)" "" "  its documentation page has no category"
is "$(parsed "Projet:CorsicaLab/Preset" templates)" "" "  and transcludes no template"
saved "Projet:CorsicaLab/Preset" > "$T/doc.wiki"
check "  and no signature in its saved text" \
	sh -c "grep -q 'studio-publish:begin' '$T/doc.wiki' && ! grep -q 'User:' '$T/doc.wiki'"

# --- titles MediaWiki refuses as they are -------------------------------------------------------------
i=0
for title in "Firma ~~~~ e ~~~" "Codice %41%2F %zz" "./../Fora/./di/.." "&lt;Entità&gt; &amp; co" \
	"Bidi $(printf '\342\200\256')revo" \
	"Piattu %$(printf '\342\200\256')41 &$(printf '\342\200\217')lt; ~$(printf '\342\201\246')~~"; do
	i=$((i + 1))
	H=$T/Hostile$i
	make_session "$H" "$title" 1
	"$PUB" "$H" --to movilab --config "$T/publish.ini" > "$T/out" 2> "$T/err"
	ok $? "title '$title': published"
	[ -s "$T/err" ] && tail -3 "$T/err" | sed 's/^/# /'
	name=$(recorded "$H" renditions/web-720p.mp4)
	is "$(revisions "$name")" 1 "  File:$name is on the wiki"
	check "  and the documentation page was written" grep -q "index.php" "$T/out"
done

# --- an upload before a later failure is recorded ---------------------------------------------------
# The proxy cuts the second large request (the podcast's upload, after the
# video's) and the target has no retries: the run fails after one upload.
P=$T/Parziale
make_session "$P" "Parziale" 2
proxy_start "$MW_PORT" "cut:6000:2" "$T/proxy.log"
ini "http://127.0.0.1:$PROXY_PORT/api.php" "retries = 0" > "$T/cut.ini"
"$PUB" "$P" --to movilab --config "$T/cut.ini" > "$T/out" 2> "$T/err"
rc=$?
proxy_stop
check "a run cut during the second upload fails (exit $rc)" test "$rc" -ne 0
check "  after the first file was uploaded" grep -q "uploaded: renditions/web-720p.mp4" "$T/err"
sed 's/^/# /' "$T/err"
VID=$(recorded "$P" renditions/web-720p.mp4)
check "  the uploaded file is recorded in session.json ($VID)" test -n "$VID"
is "$(recorded "$P" renditions/podcast.ogg)" "" "  the other one is not"
"$PUB" "$P" --to movilab --config "$T/publish.ini" > "$T/out" 2> "$T/err"
ok $? "the next run succeeds"
check "  finding the video unchanged" grep -q "unchanged: .*Parziale" "$T/err"
is "$(revisions "$VID")" 1 "  File:$VID has one revision: not uploaded twice"
check "  the podcast is recorded now" test -n "$(recorded "$P" renditions/podcast.ogg)"

plan "$_tap_n"
done_testing
