#!/bin/sh
# studio-publish, `webdav` target: the same suite against every common
# WebDAV server, each from its Debian package, over HTTPS with a test CA
# and basic authentication (tests/peers/*-dav.sh): Apache mod_dav, nginx +
# dav-ext, lighttpd mod_webdav with its locks, `rclone serve webdav`.
#   - the probe's verdict recorded in session.json, no scratch file left;
#   - first publication, identical files on the server;
#   - re-publication of an unchanged session: nothing sent or downloaded
#     (the server's own access log);
#   - a re-encoded rendition (session.json updated as studio-encode does)
#     replaces the one this session published, without --force;
#   - a file someone else wrote refused (exit 73, left intact), then
#     replaced with --force;
#   - three publishers of three sessions at once: all on the site index,
#     the feed and the catalogue;
#   - a connection cut during an upload (tests/peers/cutproxy.py on the
#     server's plain-HTTP port), then a clean re-run;
#   - another writer between our look and our replacement: refused with
#     exit 75, the other file intact; with a LOCK, the other writer is the
#     one refused while we hold it.
# Where the server cannot guarantee against a concurrent writer (nginx),
# the summary (stderr and --json "caveat") must say so, and only there.
# Run one server with PUBLISH_SERVERS="nginx".
set -u
. "$(dirname "$0")/tap.sh"
. "$STUDIO_SRC/tests/peers/apache-dav.sh"
. "$STUDIO_SRC/tests/peers/nginx-dav.sh"
. "$STUDIO_SRC/tests/peers/lighttpd-dav.sh"
. "$STUDIO_SRC/tests/peers/rclone-dav.sh"
. "$STUDIO_SRC/tests/peers/proxy.sh"
. "$STUDIO_SRC/tests/peers/session.sh"

PUB=$STUDIO_BIN/studio-publish
T=$(mktemp -d) || exit 1
STOP=:
trap 'proxy_stop; $STOP; rm -rf "$T"' EXIT INT TERM
PASSWORD=Pa55-word-servers-0123
printf '%s\n' "$PASSWORD" > "$T/pw"
chmod 600 "$T/pw"
sha() { sha256sum "$1" | cut -d' ' -f1; }

# What each server is expected to support (the probe's verdict):
# if_move lock lock_move, and whether the summary carries the caveat.
expect() {
	case $1 in
	apache) echo "True True True no" ;;
	nginx) echo "False False False yes" ;;
	lighttpd) echo "False True False no" ;;
	rclone) echo "False True True no" ;;
	esac
}

# Requests that sent or fetched a rendition of SLUG in LOG since line FROM
# (access logs: "METHOD /dav/...", rclone: "/dav/...: METHOD from").
sent() {
	tail -n +"$(($3 + 1))" "$1" |
		grep -cE "(GET|PUT|MOVE) /dav/$2/renditions/|/dav/$2/renditions/[^ ]*: (GET|PUT|MOVE) "
}

conf() { # FILE URL [EXTRA]
	printf '[web]\ntype = webdav\nurl = %s\nusername = agent\npassword_file = %s\nca_file = %s\n%s\n' \
		"$2" "$T/pw" "$DAV_CA" "${3:-}" > "$1"
}

# A rendition re-encoded: other bytes, session.json updated.
reencode() {
	ffmpeg -nostdin -v error -y -f lavfi -i "sine=frequency=550:duration=1" -c:a libvorbis \
		-metadata title="re-encoded" "$1/renditions/podcast.ogg" &&
	python3 - "$1" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
s = json.load(open(os.path.join(d, "session.json")))
for r in s["renditions"]:
    if r["file"] == "renditions/podcast.ogg":
        b = open(os.path.join(d, r["file"]), "rb").read()
        r["bytes"], r["sha256"] = len(b), hashlib.sha256(b).hexdigest()
json.dump(s, open(os.path.join(d, "session.json"), "w"), ensure_ascii=False, indent=2)
PY
}

suite() {
	k=$1
	case $k in apache) start=dav_start STOP=dav_stop ;; *) start=${k}_start STOP=${k}_stop ;; esac
	$start "$T/$k" agent "$PASSWORD"
	ok $? "$k: started over HTTPS with a test CA"
	CFG=$T/$k.ini
	conf "$CFG" "$DAV_URL"
	S="$T/$k-s/Séance $k"
	mkdir -p "$T/$k-s"
	make_session "$S" "Séance $k" 1 2026-11-20
	slug=seance-$k R=$DAV_ROOT/seance-$k
	set -- $(expect "$k")

	# --- a dry run before anything: no probe (it would write), nothing written -------------
	peer_log_sync agent "$PASSWORD"
	n=$(wc -l < "$DAV_LOG")
	listed=$(ls -AR "$DAV_ROOT")
	"$PUB" "$S" --to web --config "$CFG" --dry-run > "$T/out" 2> "$T/err"
	ok $? "$k: a first --dry-run succeeds"
	peer_log_sync agent "$PASSWORD"
	is "$(tail -n +"$((n + 1))" "$DAV_LOG" | grep -cE '(PUT|MOVE|LOCK|DELETE)( /|[^ ]* from)|: (PUT|MOVE|LOCK|DELETE) from')" 0 \
		"$k:   sends no write (server log)"
	# The write-access check: a MKCOL of the existing folder, which the
	# server refuses with 405 after it has judged the account's rights
	# (rclone answers 201: its mkdir of an existing folder succeeds, and
	# makes nothing).
	is "$(tail -n +"$((n + 1))" "$DAV_LOG" | grep -cE 'MKCOL( /|[^ ]* from)|: MKCOL from')" 1 \
		"$k:   but the MKCOL of the existing folder that checks write access"
	check "$k:   which the server refused as existing (405; rclone 201): the account may write" \
		grep -q "^agent may write to $DAV_URL (DAV: .*; MKCOL $([ "$k" = rclone ] && echo 201 || echo 405))$" "$T/out"
	is "$(ls -AR "$DAV_ROOT")" "$listed" "$k:   the served folder is as it was"
	is "$(json_get "$S/session.json" '"publish_servers" in d')" False "$k:   and records nothing"
	is "$(grep -c 'cannot guarantee' "$T/err")" "$([ "$4" = yes ] && echo 1 || echo 0)" \
		"$k:   the caveat, from OPTIONS alone, as the real run will say"

	# --- first publication, and the probe -----------------------------------------
	"$PUB" "$S" --to web --config "$CFG" > "$T/out" 2> "$T/err"
	ok $? "$k: first publication succeeds"
	sed 's/^/#   /' "$T/err"
	same=0
	for f in web-720p.mp4 podcast.ogg captions.fr.vtt; do
		[ "$(sha "$R/renditions/$f")" = "$(sha "$S/renditions/$f")" ] || same=1
	done
	ok $same "$k: the server holds the three renditions, identical"
	is "$(json_get "$S/session.json" 'tuple(d["publish_servers"]["web"][x] for x in ("if_move", "lock", "lock_move"))')" \
		"($1, $2, $3)" "$k: the probe's verdict is recorded in session.json"
	is "$(ls -A "$DAV_ROOT" | grep -c -e studio-probe -e studio-site.lock)" 0 "$k: no scratch file nor site mutex left"
	if [ "$4" = yes ]; then
		check "$k: the summary says the server cannot guarantee against a concurrent writer" \
			grep -q 'cannot guarantee against a concurrent writer' "$T/err"
	else
		check "$k: no caveat where the server gives a guarantee" \
			sh -c "! grep -q 'cannot guarantee' '$T/err'"
	fi

	# --- unchanged: nothing sent, nothing downloaded ---------------------------------------
	peer_log_sync agent "$PASSWORD"
	check "$k: the server's log shows the first publication's uploads" \
		test "$(sent "$DAV_LOG" "$slug" 0)" -ge 3
	n=$(wc -l < "$DAV_LOG")
	"$PUB" "$S" --to web --config "$CFG" --json > "$T/out" 2> "$T/err"
	ok $? "$k: re-publication succeeds"
	peer_log_sync agent "$PASSWORD"
	is "$(grep -c 'unchanged: ' "$T/err")" 6 "$k: every file unchanged (3 renditions, index.html, transcript.fr.html, the site's files)"
	is "$(sent "$DAV_LOG" "$slug" "$n")" 0 "$k: no rendition sent nor downloaded (server log)"
	if [ "$4" = yes ]; then
		is "$(json_get "$T/out" '"caveat" in d["targets"][0]')" True "$k: --json carries the caveat"
	else
		is "$(json_get "$T/out" '"caveat" in d["targets"][0]')" False "$k: --json has no caveat"
	fi

	# --- a re-encoded rendition replaces ours without --force ----------------------------
	reencode "$S"
	"$PUB" "$S" --to web --config "$CFG" --dry-run > "$T/out" 2> "$T/err"
	ok $? "$k: --dry-run after a re-encode succeeds"
	check "$k: --dry-run says it would replace the re-encoded rendition" \
		grep -q "would replace ${DAV_URL}$slug/renditions/podcast.ogg" "$T/out"
	"$PUB" "$S" --to web --config "$CFG" --dry-run --json > "$T/out" 2> "$T/err"
	is "$(json_get "$T/out" '[(s["action"], "guarantee" in (s.get("why") or "")) for s in d["targets"][0]["plan"] if s["to"].endswith("podcast.ogg")]')" \
		"[('replace', $([ "$4" = yes ] && echo True || echo False))]" \
		"$k: --dry-run --json: replace, with the caveat only where the server has no guarantee"
	"$PUB" "$S" --to web --config "$CFG" > "$T/out" 2> "$T/err"
	ok $? "$k: a re-encoded rendition is published without --force"
	sed 's/^/#   /' "$T/err"
	is "$(sha "$R/renditions/podcast.ogg")" "$(sha "$S/renditions/podcast.ogg")" "$k: the server holds the new one"
	is "$(ls -A "$R/renditions" | grep -c studio-part)" 0 "$k: no temporary file left"

	# --- a file someone else wrote: refused, then --force ----------------------------------
	printf 'WEBVTT\n\n00:00.000 --> 00:01.000\nEcrit par quelqu un d autre\n' > "$R/renditions/captions.fr.vtt"
	[ "$(id -u)" -ne 0 ] || chown www-data:www-data "$R/renditions/captions.fr.vtt" 2>/dev/null
	foreign=$(sha "$R/renditions/captions.fr.vtt")
	"$PUB" "$S" --to web --config "$CFG" > "$T/out" 2> "$T/err"
	is "$?" 73 "$k: a file someone else wrote is refused (EX_CANTCREAT)"
	check "$k:   saying to use --force" grep -q 'already exists with other content: use --force' "$T/err"
	is "$(sha "$R/renditions/captions.fr.vtt")" "$foreign" "$k:   and left intact"
	"$PUB" "$S" --to web --config "$CFG" --force > "$T/out" 2> "$T/err"
	ok $? "$k: --force replaces it"
	is "$(sha "$R/renditions/captions.fr.vtt")" "$(sha "$S/renditions/captions.fr.vtt")" "$k:   with the session's"

	# --- three publishers at once ------------------------------------------------------
	for i in 1 2 3; do
		make_session "$T/$k-s/Par$i $k" "Par$i $k" 1 "2026-11-0$i"
	done
	for i in 1 2 3; do
		"$PUB" "$T/$k-s/Par$i $k" --to web --config "$CFG" --quiet > "$T/par$i.out" 2> "$T/par$i.err" &
		eval "p$i=\$!"
	done
	rcs=
	for i in 1 2 3; do eval "wait \$p$i"; rcs="$rcs$?"; done
	is "$rcs" 000 "$k: three concurrent publishers succeed"
	[ "$rcs" = 000 ] || cat "$T"/par[123].err | sed 's/^/#   /'
	cat "$T"/par*.err | sed 's/^/#   /'
	python3 - "$DAV_ROOT" "$k" > "$T/site.log" 2>&1 <<'PY'
import json, sys, xml.etree.ElementTree as ET
root, k = sys.argv[1], sys.argv[2]
want = {"seance-" + k} | {"par%d-%s" % (i, k) for i in (1, 2, 3)}
cat = {s["slug"] for s in json.load(open(root + "/sessions.json"))["sessions"]}
assert cat == want, cat
feed = {i.find("enclosure").get("url").split("/")[-3] for i in ET.parse(root + "/feed.xml").getroot().iter("item")}
assert feed == want, feed
index = open(root + "/index.html").read()
assert all('href="%s/"' % s in index for s in want), index
PY
	ok $? "$k: all four sessions in the catalogue, the feed and the index"
	sed 's/^/#   /' "$T/site.log"
	is "$(ls -A "$DAV_ROOT" | grep -c -e studio-probe -e studio-site.lock)" 0 "$k: no scratch file nor site mutex left"

	# --- a connection cut during an upload, then a clean re-run ---------------------------
	C="$T/$k-s/Coupure $k"
	make_session "$C" "Coupure $k" 1
	big=$(stat -c %s "$C/renditions/web-720p.mp4")
	proxy_start "$DAV_HTTP_PORT" "cut:$((big / 2)):1" "$T/$k-proxy.log"
	conf "$T/$k-cut.ini" "http://127.0.0.1:$PROXY_PORT/dav/" "insecure = yes"
	sed -i 's/^ca_file = .*//' "$T/$k-cut.ini"
	"$PUB" "$C" --to web --config "$T/$k-cut.ini" --quiet > /dev/null 2> "$T/err"
	rc=$?
	check "$k: the cut happened" grep -q 'cut after' "$T/$k-proxy.log"
	echo "# first run through the cut: exit $rc"
	"$PUB" "$C" --to web --config "$T/$k-cut.ini" --quiet > /dev/null 2> "$T/err"
	ok $? "$k: a clean re-run publishes"
	sed 's/^/#   /' "$T/err"
	same=0
	for f in web-720p.mp4 podcast.ogg captions.fr.vtt; do
		[ "$(sha "$DAV_ROOT/coupure-$k/renditions/$f")" = "$(sha "$C/renditions/$f")" ] || same=1
	done
	ok $same "$k:   the server holds every rendition, identical"
	is "$(ls -A "$DAV_ROOT/coupure-$k/renditions" | grep -c studio-part)" 0 "$k:   no temporary file left"
	proxy_stop

	# --- another writer between our look and our replacement -----------------------------
	# The proxy holds our request while the hook writes the file through
	# the server (its plain-HTTP port: rclone keeps its locks per process).
	# Held: Apache's conditional MOVE; lighttpd's and rclone's LOCK (the
	# write lands before it, the check under the lock must see it); nginx's
	# last comparison (PROPFIND of the final name).
	case $k in
	apache) match="MOVE /dav/coupure-$k/renditions/.podcast" ;;
	lighttpd | rclone) match="LOCK /dav/coupure-$k/renditions/podcast.ogg" ;;
	nginx) match="PROPFIND /dav/coupure-$k/renditions/podcast.ogg " ;;
	esac
	other=http://127.0.0.1:$DAV_HTTP_PORT/dav/coupure-$k/renditions/podcast.ogg
	printf 'curl -s -f -u agent:%s -T /etc/os-release %s -o /dev/null\n' "$PASSWORD" "$other" > "$T/hook.sh"
	reencode "$C"
	export CUTPROXY_HOOK="sh '$T/hook.sh'"
	proxy_start "$DAV_HTTP_PORT" "hook:$match" "$T/$k-hook.log"
	conf "$T/$k-hook.ini" "http://127.0.0.1:$PROXY_PORT/dav/" "insecure = yes"
	"$PUB" "$C" --to web --config "$T/$k-hook.ini" --force > "$T/out" 2> "$T/err"
	is "$?" 75 "$k: a file written by someone else while we replace it: EX_TEMPFAIL"
	check "$k:   the other write happened at that moment" grep -q "hook ran (exit 0)" "$T/$k-hook.log"
	check "$k:   saying so" grep -q "podcast.ogg was changed by someone else during the upload" "$T/err"
	is "$(sha "$DAV_ROOT/coupure-$k/renditions/podcast.ogg")" "$(sha /etc/os-release)" "$k:   the other writer's file is intact"
	is "$(ls -A "$DAV_ROOT/coupure-$k/renditions" | grep -c studio-part)" 0 "$k:   no temporary file left"
	proxy_stop
	# Under our LOCK, the other writer is refused (423) and we replace.
	case $k in
	lighttpd) match="PUT /dav/coupure-$k/renditions/podcast.ogg" ;;
	rclone) match="MOVE /dav/coupure-$k/renditions/.podcast" ;;
	*) match= ;;
	esac
	if [ -n "$match" ]; then
		proxy_start "$DAV_HTTP_PORT" "hook:$match" "$T/$k-hook2.log"
		conf "$T/$k-hook.ini" "http://127.0.0.1:$PROXY_PORT/dav/" "insecure = yes"
		"$PUB" "$C" --to web --config "$T/$k-hook.ini" --force > "$T/out" 2> "$T/err"
		ok $? "$k: a replacement under our LOCK succeeds"
		check "$k:   while the other writer was refused (423)" grep -q "hook ran (exit 22)" "$T/$k-hook2.log"
		is "$(sha "$DAV_ROOT/coupure-$k/renditions/podcast.ogg")" "$(sha "$C/renditions/podcast.ogg")" "$k:   the server holds ours"
		proxy_stop
	fi
	unset CUTPROXY_HOOK

	# --- nginx: the site's mutex left by a publisher that was killed ----------------------
	if [ "$k" = nginx ]; then
		curl -s --cacert "$DAV_CA" -u "agent:$PASSWORD" -X MKCOL "${DAV_URL}.studio-site.lock/" -o /dev/null
		printf 'studio-publish run 0123 until 1\n' |
			curl -s --cacert "$DAV_CA" -u "agent:$PASSWORD" -T - "${DAV_URL}.studio-site.lock/owner" -o /dev/null
		check "$k: a site mutex left by a killed publisher is there" test -e "$DAV_ROOT/.studio-site.lock/owner"
		"$PUB" "$S" --to web --config "$CFG" > "$T/out" 2> "$T/err"
		ok $? "$k: the next publication breaks it and succeeds"
		check "$k:   saying so" grep -q "removing ${DAV_URL}.studio-site.lock/, left by a publisher that stopped" "$T/err"
		check "$k:   and removes its own" test ! -e "$DAV_ROOT/.studio-site.lock"
	fi

	# --- a url naming a collection that does not exist -----------------------------------
	# (nginx, with create_full_put_path, makes it: nothing to check there)
	if [ "$k" != nginx ]; then
		conf "$T/$k-missing.ini" "${DAV_URL}nulle/part/"
		fails_cleanly "$k: a url naming a missing collection is a configuration error" \
			"HTTP 40[49]: the parent collection does not exist; check url in" \
			"$PUB" "$S" --to web --config "$T/$k-missing.ini"
	fi
	$STOP
	STOP=:
}

for k in ${PUBLISH_SERVERS:-apache nginx lighttpd rclone}; do
	suite "$k"
done
plan "$_tap_n"
done_testing
