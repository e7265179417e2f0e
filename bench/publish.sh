#!/bin/sh
# bench/publish.sh — studio-publish against the curl CLI, on loopback:
#   1. WebDAV (Apache 2.4 mod_dav, HTTPS with a test CA): one PUT of a
#      SIZE_MB file, studio-publish vs `curl -T` — wall time, throughput
#      ratio, peak RSS (GNU time);
#   2. MediaWiki 1.39 (php -S): the same file in CHUNK_MB chunks through the
#      upload stash, studio-publish vs a shell loop of curl doing the same
#      sequence (login, csrf, chunks, publish from the stash);
#   3. an interruption: the connection cut in the middle of a chunk (retries
#      = 0, the run fails), then a second run: bytes sent over both runs
#      minus the file size = bytes re-sent (the proxy counts them).
# Usage: bench/publish.sh [SIZE_MB (default 512)] [CHUNK_MB (default 16)]
# Needs what `make deps` installs, and STUDIO_BIN (default ./bin).  Prints a
# Markdown table for docs/BENCHMARKS.md.
set -eu
SIZE_MB=${1:-512}
CHUNK_MB=${2:-16}
SRC=$(cd "$(dirname "$0")/.." && pwd)
STUDIO_SRC=$SRC
BIN=${STUDIO_BIN:-$SRC/bin}
PUB=$BIN/studio-publish
. "$SRC/tests/peers/apache-dav.sh"
. "$SRC/tests/peers/mediawiki.sh"
. "$SRC/tests/peers/proxy.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/bench-publish.XXXXXX")
trap 'proxy_stop; mw_stop; dav_stop; rm -rf "$T"' EXIT INT TERM

# measure LABEL CMD...: wall seconds and peak RSS (kB) into $T/LABEL.
measure() {
	_l=$1; shift
	/usr/bin/time -f '%e %M' -o "$T/$_l.time" "$@" > "$T/$_l.out" 2> "$T/$_l.err" || {
		echo "bench: $_l failed:" >&2; cat "$T/$_l.err" >&2; exit 1; }
}
secs() { cut -d' ' -f1 "$T/$1.time"; }
rss_mb() { awk '{printf "%.1f", $2 / 1024}' "$T/$1.time"; }
mbps() { awk -v s="$(secs "$1")" -v b="$BYTES" 'BEGIN { printf "%.0f", b / s / 1e6 }'; }
# The transfer rate studio-publish reported for the video (MB/s).
xfer() { sed -n 's/.*uploaded: .*web-720p.mp4.*, \([0-9.]*\) MB\/s).*/\1/p' "$T/$1.err" | tail -1; }
ratio() { awk -v a="$(secs "$1")" -v b="$(secs "$2")" 'BEGIN { printf "%.2f", b / a }'; }

echo "bench: making a $SIZE_MB MB session" >&2
S="$T/Bench"
mkdir -p "$S/renditions"
head -c "$((SIZE_MB * 1000000))" /dev/urandom > "$S/renditions/web-720p.mp4"
BYTES=$(stat -c %s "$S/renditions/web-720p.mp4")
python3 - "$S" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]; f = "renditions/web-720p.mp4"; h = hashlib.sha256()
with open(os.path.join(d, f), "rb") as fh:
    for b in iter(lambda: fh.read(1 << 20), b""): h.update(b)
json.dump({"schema": "studio-session/1", "title": {"fr": "Bench"}, "renditions": [
    {"preset": "web-720p", "file": f, "bytes": os.path.getsize(os.path.join(d, f)),
     "sha256": h.hexdigest()}], "publications": []}, open(os.path.join(d, "session.json"), "w"))
PY
fresh() { python3 -c 'import json,sys; p=sys.argv[1]; d=json.load(open(p)); d["publications"]=[]; d.pop("publish_resume",None); json.dump(d,open(p,"w"))' "$S/session.json"; }

# --- WebDAV ------------------------------------------------------------------------------
echo "bench: webdav" >&2
dav_start "$T/dav" agent bench-password
printf 'bench-password\n' > "$T/dav.pw"; chmod 600 "$T/dav.pw"
printf '[web]\ntype = webdav\nurl = %s\nusername = agent\npassword_file = dav.pw\nca_file = %s\n' \
	"$DAV_URL" "$DAV_CA" > "$T/dav.ini"
# Three rounds, alternating (the first studio-publish run creates the file,
# the next two replace it with --force; curl overwrites); the fastest run
# of each is kept: loopback figures vary by ±30 % from run to run here.
curl -s --cacert "$DAV_CA" -u agent:bench-password -X MKCOL "${DAV_URL}curl/" -o /dev/null
for round in 1 2 3; do
	measure dav-pub$round "$PUB" "$S" --to web --config "$T/dav.ini" \
		$([ $round -eq 1 ] || echo --force)
	measure dav-curl$round curl -sS -f --cacert "$DAV_CA" -u agent:bench-password -H 'Expect:' \
		-T "$S/renditions/web-720p.mp4" "${DAV_URL}curl/web-720p.mp4"
done
best() { for r in 1 2 3; do echo "$(secs "$1$r") $r"; done | sort -n | head -1 | cut -d' ' -f2; }
for l in dav-pub dav-curl; do
	b=$(best $l)
	for e in time out err; do cp "$T/$l$b.$e" "$T/$l.$e"; done
done
dav_stop
rm -rf "$T/dav"

# --- MediaWiki -----------------------------------------------------------------------------
echo "bench: mediawiki" >&2
fresh
mw_start "$T/wiki"
CHUNK=$((CHUNK_MB * 1000000))
printf '%s\n' "$MW_BOT_PASS" > "$T/mw.pw"; chmod 600 "$T/mw.pw"
mwini() {
	printf '[movilab]\ntype = mediawiki\napi = %s\nusername = %s\npassword_file = mw.pw\nchunk_size = %s\ninsecure = yes\n%s\n' \
		"$1" "$MW_BOT_USER" "$CHUNK" "${2:-}" > "$T/mw.ini"
}
mwini "$MW_API"
measure mw-pub "$PUB" "$S" --to movilab --config "$T/mw.ini"

# The same sequence with the curl CLI: login, csrf token, chunks, publish.
cat > "$T/curl-chunks.sh" <<'SH'
set -eu
api=$1 file=$2 chunk=$3 user=$4 pass=$5 jar=$6
size=$(stat -c %s "$file")
j() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
lt=$(curl -s -c "$jar" -b "$jar" "$api?action=query&meta=tokens&type=login&format=json" | j 'd["query"]["tokens"]["logintoken"]')
curl -s -c "$jar" -b "$jar" -H 'Expect:' -F action=login -F "lgname=$user" -F "lgpassword=$pass" \
	-F "lgtoken=$lt" -F format=json "$api" > /dev/null
csrf=$(curl -s -c "$jar" -b "$jar" "$api?action=query&meta=tokens&format=json" | j 'd["query"]["tokens"]["csrftoken"]')
off=0 key=
while [ "$off" -lt "$size" ]; do
	n=$((size - off < chunk ? size - off : chunk))
	r=$(tail -c +"$((off + 1))" "$file" | head -c "$n" | curl -s -c "$jar" -b "$jar" -H 'Expect:' \
		-F action=upload -F stash=1 -F filename=Curl.mp4 -F "filesize=$size" -F "offset=$off" \
		-F ignorewarnings=1 ${key:+-F "filekey=$key"} -F format=json -F "chunk=@-;filename=c" \
		-F "token=$csrf" "$api")
	key=$(printf '%s' "$r" | j 'd["upload"]["filekey"]')
	off=$((off + n))
done
curl -s -c "$jar" -b "$jar" -H 'Expect:' -F action=upload -F filename=Curl.mp4 -F "filekey=$key" \
	-F comment=bench -F text=bench -F format=json -F "token=$csrf" "$api" | j 'd["upload"]["result"]'
SH
measure mw-curl sh "$T/curl-chunks.sh" "$MW_API" "$S/renditions/web-720p.mp4" "$CHUNK" \
	"$MW_BOT_USER" "$MW_BOT_PASS" "$T/jar"

# --- interruption in the middle of a chunk, then resume -------------------------------------------
fresh
mv "$S/renditions/web-720p.mp4" "$T/orig"
# Other content, so the wiki does not find it already there.
{ printf 'X'; tail -c +2 "$T/orig"; } > "$S/renditions/web-720p.mp4"
rm -f "$T/orig"
python3 - "$S" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]; p = os.path.join(d, "session.json"); s = json.load(open(p)); h = hashlib.sha256()
with open(os.path.join(d, s["renditions"][0]["file"]), "rb") as fh:
    for b in iter(lambda: fh.read(1 << 20), b""): h.update(b)
s["renditions"][0]["sha256"] = h.hexdigest(); s["title"] = {"fr": "Bench interrompu"}
json.dump(s, open(p, "w"))
PY
proxy_start "$MW_PORT" "cut:$((CHUNK / 2)):$((SIZE_MB / CHUNK_MB / 2))" "$T/proxy.log"
mwini "http://127.0.0.1:$PROXY_PORT/api.php" "retries = 0"
"$PUB" "$S" --to movilab --config "$T/mw.ini" > /dev/null 2> "$T/cut.err" && {
	echo "bench: the cut did not interrupt the upload" >&2; exit 1; }
measure mw-resume "$PUB" "$S" --to movilab --config "$T/mw.ini"
proxy_stop
SENT=$(awk '/forwarded/ { s += $3 } END { print s }' "$T/proxy.log")
RESENT=$((SENT - BYTES))
RESUMED=$(sed -n 's/.*resuming .* at byte \([0-9]*\).*/\1/p' "$T/mw-resume.err")

cat <<MD
Publish benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, file of $BYTES bytes (random), loopback.

| Transfer | studio-publish, whole run | its upload alone | curl CLI | ratio (throughput, whole run ours/curl) | peak RSS studio-publish | peak RSS curl |
|---|---|---|---|---|---|---|
| WebDAV PUT over HTTPS (Apache 2.4) | $(secs dav-pub) s ($(mbps dav-pub) MB/s) | $(xfer dav-pub) MB/s | $(secs dav-curl) s ($(mbps dav-curl) MB/s) | $(ratio dav-pub dav-curl) | $(rss_mb dav-pub) MB | $(rss_mb dav-curl) MB |
| MediaWiki chunked, $CHUNK_MB MB chunks (php -S) | $(secs mw-pub) s ($(mbps mw-pub) MB/s) | $(xfer mw-pub) MB/s | $(secs mw-curl) s ($(mbps mw-curl) MB/s) | $(ratio mw-pub mw-curl) | $(rss_mb mw-pub) MB | $(rss_mb mw-curl) MB (largest curl) |

Interruption: the connection cut $((CHUNK / 2)) bytes into chunk $((SIZE_MB / CHUNK_MB / 2)) (retries = 0); the next run resumed at byte ${RESUMED:-?}.
Bytes sent through the proxy over both runs: $SENT, i.e. $RESENT bytes more than the file (re-sent data plus multipart/API overhead), against one chunk of $CHUNK bytes.
WebDAV: fastest of three alternating runs each; studio-publish hashes (sha256, OpenSSL) while it sends, to a temporary name, then HEAD + MOVE onto the final name and HEAD.
MediaWiki: studio-publish times include reading the file once more to check its sha256 against session.json, and its sha1.
MD
