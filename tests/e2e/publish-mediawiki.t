#!/bin/sh
# studio-publish, `mediawiki` target, against a real MediaWiki 1.39 (Debian
# package, SQLite, PHP's built-in server: tests/peers/mediawiki.sh), with
# the faults a real wiki shows: a connection cut in the middle of a chunk
# (tests/peers/cutproxy.py), an expired upload stash (its rows deleted as
# the stash cleanup does), a banned file type, same name with other
# content, the same content under another name, wrong passwords.  Judges:
# the wiki's own API read with curl and python3, sha1sum.
set -u
. "$(dirname "$0")/tap.sh"
. "$STUDIO_SRC/tests/peers/mediawiki.sh"
. "$STUDIO_SRC/tests/peers/proxy.sh"
. "$STUDIO_SRC/tests/peers/session.sh"

PUB=$STUDIO_BIN/studio-publish
T=$(mktemp -d) || exit 1
JOBS_PIDS=
trap '[ -z "$JOBS_PIDS" ] || kill $JOBS_PIDS; proxy_stop; mw_stop; rm -rf "$T"' EXIT INT TERM

mw_start "$T/wiki"
ok $? "mediawiki 1.39 installed (sqlite) and served by php -S"
S="$T/Atelier à Bastia"
make_session "$S" "atelier à Bastia" 2
ok $? "test session built with ffmpeg"

printf '%s\n' "$MW_BOT_PASS" > "$T/bot.password"
chmod 600 "$T/bot.password"
# ini NAME API [EXTRA...]: a target NAME with the bot password.
ini() {
	_n=$1 _api=$2; shift 2
	printf '[%s]\ntype = mediawiki\napi = %s\nusername = %s\npassword_file = bot.password\nchunk_size = 10000\ninsecure = yes\ncategories = CorsicaLab, Vidéos\npage = Projet:CorsicaLab/{title}\n' \
		"$_n" "$_api" "$MW_BOT_USER"
	for _l in "$@"; do printf '%s\n' "$_l"; done
}
ini movilab "$MW_API" > "$T/publish.ini"
CFG=$T/publish.ini
NAME="Atelier à Bastia - web-720p.mp4"

# api QUERY PYEXPR: the wiki's answer to a GET, evaluated on `d`.
api() {
	curl -s "$MW_API?format=json&formatversion=2&$1" |
		python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$2"
}
enc() { python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
ii() { api "action=query&prop=imageinfo&iiprop=sha1|size&iilimit=50&titles=File:$(enc "$1")" "$2"; }
nfiles() { api "action=query&list=allimages&ailimit=500" 'len(d["query"]["allimages"])'; }

# --- refused before any upload ---------------------------------------------------------
cp "$S/renditions/podcast.ogg" "$T/x.mp3"
B="$T/Banned"
make_session "$B" "Banned" 1
cp "$T/x.mp3" "$B/renditions/extra.mp3"
python3 - "$B/session.json" "$T/x.mp3" <<'PY'
import hashlib, json, sys
s = json.load(open(sys.argv[1])); b = open(sys.argv[2], "rb").read()
s["renditions"].append({"preset": "mp3", "file": "renditions/extra.mp3", "bytes": len(b),
                        "sha256": hashlib.sha256(b).hexdigest()})
json.dump(s, open(sys.argv[1], "w"))
PY
fails_cleanly "a banned file type is reported before any upload" \
	"movilab does not accept .mp3 (renditions/extra.mp3); it accepts: .png, .jpg, .webm, .ogg, .mp4, .vtt" \
	nowarn "$PUB" "$B" --to movilab --config "$CFG"
is "$(nfiles)" 0 "  and nothing was uploaded"

# --- logins ----------------------------------------------------------------------------
nowarn env STUDIO_PASSWORD_MOVILAB=not-a-bot-password "$PUB" "$S" --to movilab --config "$CFG" > "$T/out" 2> "$T/err"
check "User@app with a password that is no bot password: the error says so" \
	sh -c "test \$(wc -l < '$T/err') -eq 1 && grep -q 'does not look like one' '$T/err'"
STUDIO_PASSWORD_MOVILAB=0000000000aaaaaaaaaabbbbbbbbbbcccc "$PUB" "$S" --to movilab --config "$CFG" > "$T/out" 2> "$T/err"
rc=$?
check "a wrong bot password: EX_CONFIG, login refused with the wiki's reason" \
	sh -c "test $rc -eq 78 && grep -q 'login as Admin@studio refused: Incorrect username or password' '$T/err' && ! grep -q 'look like' '$T/err'"

# --- first publication: chunked upload cut in the middle, then resumed ------------------------
proxy_start "$MW_PORT" "cut:9000:2" "$T/proxy.log"
ok $? "cutting proxy started"
ini movilab "http://127.0.0.1:$PROXY_PORT/api.php" "retries = 0" > "$T/cut.ini"
nowarn "$PUB" "$S" --to movilab --config "$T/cut.ini" > "$T/out" 2> "$T/err"
rc=$?
check "a connection cut in the second chunk fails the run (retries = 0)" test "$rc" -ne 0
check "  with one clear error naming the cut request" \
	sh -c "test \$(wc -l < '$T/err') -eq 1 && grep -q 'POST http://127.0.0.1:$PROXY_PORT/api.php failed' '$T/err'"
is "$(json_get "$S/session.json" 'd["publish_resume"]["movilab"]["renditions/web-720p.mp4"]["offset"]')" 10000 \
	"  and session.json keeps the filekey and offset of the stashed chunk"
"$PUB" "$S" --to movilab --config "$T/cut.ini" > "$T/out" 2> "$T/err"
ok $? "the next run succeeds"
check "  resuming at byte 10000" grep -q "resuming renditions/web-720p.mp4 at byte 10000" "$T/err"
proxy_stop
grep 'cut after' "$T/proxy.log" | sed 's/^/# /' 

SHA1=$(sha1sum "$S/renditions/web-720p.mp4" | cut -d' ' -f1)
SIZE=$(stat -c %s "$S/renditions/web-720p.mp4")
is "$(ii "$NAME" '[(i["sha1"], i["size"]) for i in d["query"]["pages"][0]["imageinfo"]]')" \
	"[('$SHA1', $SIZE)]" "the wiki holds one revision of the video, with the local sha1 and size"
is "$(ii "Atelier à Bastia - podcast.ogg" 'd["query"]["pages"][0]["imageinfo"][0]["sha1"]')" \
	"$(sha1sum "$S/renditions/podcast.ogg" | cut -d' ' -f1)" "the podcast (one request) too"
is "$(json_get "$S/session.json" '"publish_resume" in d')" False "the resume state is cleared"
api "action=query&prop=revisions&rvprop=content&rvslots=main&titles=File:$(enc "$NAME")" \
	'd["query"]["pages"][0]["revisions"][0]["slots"]["main"]["content"]' > "$T/desc"
check "description page: licence link without template" \
	grep -q "\[https://www.etalab.gouv.fr/licence-ouverte-open-licence Licence Ouverte / Open Licence version 2.0\]" "$T/desc"
check "description page: attribution and categories" sh -c "grep -q 'Source.*: Collectivité de Corse' '$T/desc' &&
	grep -q '\[\[Category:Vidéos\]\]' '$T/desc' && ! grep -q '{{' '$T/desc'"
is "$(json_get "$S/session.json" '[(p["file"], p["wiki_name"]) for p in d["publications"] if p["target"] == "movilab"]')" \
	"[('renditions/web-720p.mp4', '$NAME'), ('renditions/podcast.ogg', 'Atelier à Bastia - podcast.ogg')]" \
	"session.json records the wiki names"
check "the password appears nowhere" sh -c "! grep -r -q -F '$MW_BOT_PASS' '$S' '$T/err' '$T/out'"

# --- the documentation page: only the tool's section is rewritten ---------------------------
PAGE="Projet:CorsicaLab/atelier à Bastia"
page() { api "action=query&prop=revisions&rvprop=content&rvslots=main&titles=$(enc "$PAGE")" \
	'd["query"]["pages"][0]["revisions"][0]["slots"]["main"]["content"]'; }
page > "$T/page"
check "documentation page embeds the video and links the renditions" \
	sh -c "grep -q '\[\[File:$NAME|thumb' '$T/page' && grep -q '\[\[Media:Atelier à Bastia - podcast.ogg' '$T/page'"
{ printf 'Texte écrit par un humain.\n\n'; cat "$T/page"; printf '\n== Suite ==\nNotes humaines.\n'; } |
	sed 's/Maria Santoni/ANCIEN/' > "$T/edited"
MW_CONFIG_FILE="$T/wiki/LocalSettings.php" php /var/lib/mediawiki/maintenance/edit.php -u Admin "$PAGE" < "$T/edited" > /dev/null 2>&1
ok $? "a person edits the page around and inside the tool's section"

# --- idempotence ---------------------------------------------------------------------------------
"$PUB" "$S" --to movilab --config "$CFG" --dry-run > "$T/out" 2> "$T/err"
check "--dry-run says the files are unchanged on the wiki" \
	sh -c "test \$(grep -c '^unchanged: ' '$T/out') -eq 2 && grep -q '^would update the section of $PAGE on movilab' '$T/out'"
"$PUB" "$S" --to movilab --config "$CFG" > "$T/out" 2> "$T/err"
ok $? "publishing again succeeds"
is "$(grep -c 'unchanged: ' "$T/err")" 2 "  uploads nothing and says so"
is "$(ii "$NAME" 'len(d["query"]["pages"][0]["imageinfo"])')" 1 "  and the wiki has no new file revision"
page > "$T/page"
check "human text before and after the section survives" \
	sh -c "grep -q 'Texte écrit par un humain' '$T/page' && grep -q 'Notes humaines' '$T/page'"
check "the tool's section is rewritten, once" \
	sh -c "grep -q 'Maria Santoni' '$T/page' && ! grep -q ANCIEN '$T/page' && test \$(grep -c 'studio-publish:begin' '$T/page') -eq 1"
"$PUB" "$S" --to movilab --config "$CFG" > "$T/out" 2> "$T/err"
is "$?:$(grep -c 'unchanged: ' "$T/err"):$(grep -c 'updated: ' "$T/err")" "0:3:0" \
	"a third run changes nothing, the page included, and says so"

# --- an edit conflict on the documentation page: retried, the other edit survives ------------------
# A person changes the tool's section (so the next run rewrites it); then, while
# studio-publish's action=edit is on its way (held by the proxy), another person
# changes the same line and adds text after it: MediaWiki cannot merge.  That
# person must be another account: MediaWiki drops a conflict with one's own
# edits (EditPage: the user was the last to edit).
MW_CONFIG_FILE="$T/wiki/LocalSettings.php" php /var/lib/mediawiki/maintenance/createAndPromote.php \
	Relecteur relecteur-password-0123 > /dev/null 2>&1
ok $? "a second account is created"
medit() { MW_CONFIG_FILE="$T/wiki/LocalSettings.php" php /var/lib/mediawiki/maintenance/edit.php \
	-u Admin "$PAGE" > /dev/null 2>&1; }
page | sed 's/Maria Santoni/ANCIEN2/' | medit
ok $? "a person changes a line of the tool's section"
cat > "$T/hook.sh" <<SH
sleep 1
curl -s "$MW_API?format=json&formatversion=2&action=query&prop=revisions&rvprop=content&rvslots=main&titles=$(enc "$PAGE")" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["query"]["pages"][0]["revisions"][0]["slots"]["main"]["content"].replace("ANCIEN2", "ANCIEN3") + "\nAjout concurrent.")' |
	MW_CONFIG_FILE="$T/wiki/LocalSettings.php" php /var/lib/mediawiki/maintenance/edit.php -u Relecteur "$PAGE"
SH
export CUTPROXY_HOOK="sh '$T/hook.sh'"
proxy_start "$MW_PORT" "hook:basetimestamp" "$T/proxy8.log"
unset CUTPROXY_HOOK
ini movilab "http://127.0.0.1:$PROXY_PORT/api.php" > "$T/hook.ini"
"$PUB" "$S" --to movilab --config "$T/hook.ini" > "$T/out" 2> "$T/err"
ok $? "publishing while another person edits the page succeeds"
proxy_stop
check "  the other edit was made during the run" grep -q "hook ran (exit 0)" "$T/proxy8.log"
check "  the conflict was seen and the edit tried again" grep -q "movilab: edit conflict on $PAGE, trying again" "$T/err"
page > "$T/page"
check "  both persons' text survives" sh -c "grep -q 'Texte écrit par un humain' '$T/page' &&
	grep -q 'Notes humaines' '$T/page' && grep -q 'Ajout concurrent' '$T/page'"
check "  and the tool's section is its own again, once" sh -c "grep -q 'Maria Santoni' '$T/page' &&
	! grep -q ANCIEN '$T/page' && test \$(grep -c 'studio-publish:begin' '$T/page') -eq 1"

# --- same content under another name; same name with other content ----------------------------------
S2="$T/Copie"
mkdir -p "$S2"; cp -r "$S/renditions" "$S2/"
python3 - "$S/session.json" "$S2/session.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); s["title"] = {"fr": "Copie"}; s["publications"] = []
json.dump(s, open(sys.argv[2], "w"))
PY
before=$(nfiles)
"$PUB" "$S2" --to movilab --config "$CFG" > "$T/out" 2> "$T/err"
ok $? "the same content under another title succeeds"
check "  saying it is already there under the first name" grep -q "already on movilab as File:$NAME" "$T/err"
is "$(nfiles)" "$before" "  and uploads nothing"

S3="$T/Autre"
make_session "$S3" "atelier à Bastia" 3
fails_cleanly "same name with other content is refused" "already exists with other content: use --force" \
	nowarn "$PUB" "$S3" --to movilab --config "$CFG"
"$PUB" "$S3" --to movilab --config "$CFG" --force > "$T/out" 2> "$T/err"
ok $? "--force uploads a new version"
is "$(ii "$NAME" 'd["query"]["pages"][0]["imageinfo"][0]["sha1"]')" \
	"$(sha1sum "$S3/renditions/web-720p.mp4" | cut -d' ' -f1)" "  which the wiki now serves"

# --- expired stash ------------------------------------------------------------------------------------
S4="$T/Stash"
make_session "$S4" "Stash" 2
proxy_start "$MW_PORT" "cut:9000:2" "$T/proxy2.log"
ini movilab "http://127.0.0.1:$PROXY_PORT/api.php" "retries = 0" > "$T/cut.ini"
"$PUB" "$S4" --to movilab --config "$T/cut.ini" > /dev/null 2>&1
proxy_stop
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("DELETE FROM uploadstash"); c.commit()' "$MW_DB"
ok $? "an interrupted upload's stash expires (its rows deleted)"
"$PUB" "$S4" --to movilab --config "$CFG" > "$T/out" 2> "$T/err"
ok $? "the next run succeeds"
check "  after starting the upload again" grep -q "no longer has the stashed part of renditions/web-720p.mp4; starting again" "$T/err"
is "$(ii "Stash - web-720p.mp4" 'd["query"]["pages"][0]["imageinfo"][0]["sha1"]')" \
	"$(sha1sum "$S4/renditions/web-720p.mp4" | cut -d' ' -f1)" "  with the right content"

# --- the session lost in the middle of a chunked upload: logged in again --------------------
S6="$T/Session perdue"
make_session "$S6" "Session perdue" 2
proxy_start "$MW_PORT" "nocookie:9000:2" "$T/proxy5.log"
ini movilab "http://127.0.0.1:$PROXY_PORT/api.php" > "$T/nocookie.ini"
"$PUB" "$S6" --to movilab --config "$T/nocookie.ini" > "$T/out" 2> "$T/err"
ok $? "a session lost in the middle of the upload does not fail the run"
grep -v 'uploaded: \|updated: ' "$T/err" | sed 's/^/# /'
check "  the wiki saw a request without the session" grep -q "dropped the cookies" "$T/proxy5.log"
check "  studio-publish logged in again" grep -q "session expired, logging in again" "$T/err"
is "$(ii "Session perdue - web-720p.mp4" 'd["query"]["pages"][0]["imageinfo"][0]["sha1"]')" \
	"$(sha1sum "$S6/renditions/web-720p.mp4" | cut -d' ' -f1)" "  and the file is complete"
proxy_stop

# --- a deleted file is not uploaded again without --force ------------------------------------------
printf 'File:Session perdue - podcast.ogg\n' > "$T/del.list"
MW_CONFIG_FILE="$T/wiki/LocalSettings.php" php /var/lib/mediawiki/maintenance/deleteBatch.php \
	-u Admin -r test "$T/del.list" > "$T/del.log" 2>&1
ok $? "an admin deletes one of the files"
fails_cleanly "publishing it again is refused: it was deleted" "was deleted from the wiki: use --force" \
	nowarn "$PUB" "$S6" --to movilab --config "$CFG" --quiet
"$PUB" "$S6" --to movilab --config "$CFG" --force > "$T/out" 2> "$T/err"
ok $? "--force uploads it again"

# --- maxlag: the wiki says its database lags; studio-publish waits as asked and sends again ----
S7="$T/Lag"
make_session "$S7" "Lag" 1
proxy_start "$MW_PORT" "maxlag:2" "$T/proxy7.log"
ini movilab "http://127.0.0.1:$PROXY_PORT/api.php" > "$T/lag.ini"
"$PUB" "$S7" --to movilab --config "$T/lag.ini" > "$T/out" 2> "$T/err"
ok $? "two maxlag answers do not fail the run"
is "$(grep -c 'answered maxlag' "$T/proxy7.log")" 2 "  they were really sent"
is "$(grep -c "movilab: the wiki's database lags (maxlag); waiting 1 s as it asks" "$T/err")" 2 \
	"  studio-publish waited the Retry-After each time"
is "$(ii "Lag - web-720p.mp4" 'd["query"]["pages"][0]["imageinfo"][0]["sha1"]')" \
	"$(sha1sum "$S7/renditions/web-720p.mp4" | cut -d' ' -f1)" "  and the file is published"
proxy_stop

# --- names the wiki spells its own way ---------------------------------------------------------------
# Our names uppercase ASCII and Latin-1 first letters; MediaWiki uppercases
# any letter (mb_strtoupper), silently: "œ" (U+0153) becomes "Œ".
S8="$T/Œuvres"
make_session "$S8" "œuvres de Bastia" 1
"$PUB" "$S8" --to movilab --config "$CFG" > "$T/out" 2> "$T/err"
ok $? "a name the wiki capitalises itself is published"
is "$(ii "Œuvres de Bastia - web-720p.mp4" 'd["query"]["pages"][0]["imageinfo"][0]["sha1"]')" \
	"$(sha1sum "$S8/renditions/web-720p.mp4" | cut -d' ' -f1)" "  the wiki holds it"
is "$(json_get "$S8/session.json" '[p["wiki_name"] for p in d["publications"] if p["file"].endswith(".mp4")]')" \
	"['Œuvres de Bastia - web-720p.mp4']" "  and session.json records the wiki's spelling"
# badfilename: French typography puts a no-break space (U+00A0) before "!";
# our names keep it, MediaWiki's titles turn it into a space and warn.
S9="$T/Café"
make_session "$S9" "$(printf 'Café\302\240! Bastia')" 1
"$PUB" "$S9" --to movilab --config "$CFG" > "$T/out" 2> "$T/err"
ok $? "a name the wiki normalises (badfilename) is published"
check "  under the wiki's name, saying so" grep -q "(badfilename); uploading under that name" "$T/err"
is "$(ii "Café ! Bastia - web-720p.mp4" 'd["query"]["pages"][0]["imageinfo"][0]["sha1"]')" \
	"$(sha1sum "$S9/renditions/web-720p.mp4" | cut -d' ' -f1)" "  which holds the file"
is "$(json_get "$S9/session.json" '[p["wiki_name"] for p in d["publications"] if p["file"].endswith(".mp4")]')" \
	"['Café ! Bastia - web-720p.mp4']" "  and session.json records that name"
"$PUB" "$S9" --to movilab --config "$CFG" > "$T/out" 2> "$T/err"
check "  publishing again finds it unchanged" grep -q "unchanged: " "$T/err"
sed 's/^/# /' "$T/err"

# --- async uploads: the wiki assembles and publishes in jobs, studio-publish polls -----------------
# $wgEnableAsyncUploads (php -S reads LocalSettings.php on every request) needs
# job runners for AssembleUploadChunks and PublishStashedFile, which MediaWiki
# keeps out of the default queue ($wgJobTypesExcludedFromDefaultQueue): one
# maintenance/runJobs.php --wait --type per job type.
cp "$T/wiki/LocalSettings.php" "$T/LocalSettings.sync"
printf '$wgEnableAsyncUploads = true;\n' >> "$T/wiki/LocalSettings.php"
for type in AssembleUploadChunks PublishStashedFile; do
	MW_CONFIG_FILE="$T/wiki/LocalSettings.php" php /var/lib/mediawiki/maintenance/runJobs.php \
		--wait --type "$type" > "$T/jobs-$type.log" 2>&1 &
	JOBS_PIDS="$JOBS_PIDS $!"
done
S10="$T/Asynchrone"
make_session "$S10" "Asynchrone" 2
"$PUB" "$S10" --to movilab --config "$CFG" > "$T/out" 2> "$T/err"
ok $? "a wiki with async uploads: the publication succeeds"
check "  the wiki answered Poll and studio-publish waited for its jobs" \
	grep -q "movilab: the wiki processes renditions/web-720p.mp4 in the background" "$T/err"
check "  the job runners assembled and published it" sh -c "grep -q 'AssembleUploadChunks' '$T/jobs-AssembleUploadChunks.log' &&
	grep -q ' good\$' '$T/jobs-AssembleUploadChunks.log' &&
	grep -q 'PublishStashedFile' '$T/jobs-PublishStashedFile.log' && grep -q ' good\$' '$T/jobs-PublishStashedFile.log'"
is "$(ii "Asynchrone - web-720p.mp4" '[(i["sha1"], i["size"]) for i in d["query"]["pages"][0]["imageinfo"]]')" \
	"[('$(sha1sum "$S10/renditions/web-720p.mp4" | cut -d' ' -f1)', $(stat -c %s "$S10/renditions/web-720p.mp4"))]" \
	"  the wiki holds one revision, with the local sha1 and size"
"$PUB" "$S10" --to movilab --config "$CFG" > "$T/out" 2> "$T/err"
check "  publishing again finds it unchanged" grep -q "unchanged: .*Asynchrone_-_web-720p.mp4" "$T/err"
kill $JOBS_PIDS; wait $JOBS_PIDS 2>/dev/null; JOBS_PIDS=
cp "$T/LocalSettings.sync" "$T/wiki/LocalSettings.php"

# --- clientlogin with the main account, 429/500 answers -----------------------------------------------------
S5="$T/Client"
make_session "$S5" "Client" 1
proxy_start "$MW_PORT" "status:429:2" "$T/proxy3.log"
printf '[main]\ntype = mediawiki\napi = http://127.0.0.1:%s/api.php\nusername = %s\ninsecure = yes\n' "$PROXY_PORT" "$MW_USER" > "$T/main.ini"
STUDIO_PASSWORD_MAIN=$MW_PASS "$PUB" "$S5" --to main --config "$T/main.ini" > "$T/out" 2> "$T/err"
ok $? "clientlogin with the main account succeeds through two 429 answers"
is "$(grep -c 'answered 429' "$T/proxy3.log")" 2 "  which were really sent"
proxy_stop
proxy_start "$MW_PORT" "status:500:9" "$T/proxy4.log"
printf 'retries = 1\n' >> "$T/main.ini"
sed -i "s|127.0.0.1:[0-9]*/api.php|127.0.0.1:$PROXY_PORT/api.php|" "$T/main.ini"
nowarn env STUDIO_PASSWORD_MAIN="$MW_PASS" "$PUB" "$S5" --to main --config "$T/main.ini" > "$T/out" 2> "$T/err"
rc=$?
check "persistent 500s: EX_TEMPFAIL after the retries, one line" \
	sh -c "test $rc -eq 75 && test \$(wc -l < '$T/err') -eq 1 && grep -q 'failed after 2 attempts: HTTP 500' '$T/err'"
proxy_stop

plan "$_tap_n"
done_testing
