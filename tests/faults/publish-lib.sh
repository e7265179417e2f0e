# Shared by the publish fault-injection tests: sources the TAP helpers and
# the peers (Apache WebDAV, MediaWiki, the fault proxy, test sessions), sets
# PUB (the program) and T (a temporary folder, removed with the peers on exit).
#   faults_peers PASSWORD    starts Apache WebDAV (user agent, PASSWORD) and
#                            MediaWiki (two TAP checks); writes PASSWORD to
#                            $T/pw and the wiki's bot password to
#                            $T/bot.password, both 0600
#   faults_init SHORT FULL   sets N (SHORT by default, FULL with
#                            FAULTS_FULL=1) and prints the seed: every random
#                            choice comes from FAULTS_SEED, so a failing run
#                            is replayed with the seed it printed
#   rnd KEY LO HI            a number in [LO, HI] drawn from FAULTS_SEED and
#                            KEY (a name unique to the draw: $(...) runs in
#                            a subshell, so no counter survives it)
#   clear_error RC ERRFILE   true when a --quiet run failed the way a user
#                            can act on: an exit code from sysexits (64-78),
#                            and on stderr one error line, "studio-publish:
#                            ...", after any warnings
#   outcome RC ERRFILE       "ok" or the exit code and the last error line,
#                            for the log
#   sha FILE                 its sha256
# WebDAV (after dav_start):
#   dav_conf FILE PORT [EXTRA...]   a `web` target through 127.0.0.1:PORT
#   dav_verify SESSION SLUG         the server holds exactly the session's
#                                   renditions, page and transcript pages
#                                   under SLUG, same
#                                   bytes, nothing else (no .studio-part),
#                                   session.json one record per file, and
#                                   the site catalogue lists SLUG once
# MediaWiki (after mw_start):
#   mw_conf FILE API [EXTRA...]     a `movilab` target with the bot password
#   mw_verify SESSION TITLE         each video/audio rendition is on the wiki
#                                   with its sha1 and exactly one revision,
#                                   and session.json records it once

set -u
. "$STUDIO_SRC/tests/e2e/tap.sh"
. "$STUDIO_SRC/tests/peers/apache-dav.sh"
. "$STUDIO_SRC/tests/peers/mediawiki.sh"
. "$STUDIO_SRC/tests/peers/proxy.sh"
. "$STUDIO_SRC/tests/peers/session.sh"
PUB=$STUDIO_BIN/studio-publish
T=$(mktemp -d) || exit 1
trap 'proxy_stop; dav_stop; mw_stop; rm -rf "$T"' EXIT INT TERM

faults_peers() {
	dav_start "$T/dav" agent "$1"
	ok $? "apache webdav started"
	mw_start "$T/wiki"
	ok $? "mediawiki started"
	printf '%s\n' "$1" > "$T/pw"
	printf '%s\n' "$MW_BOT_PASS" > "$T/bot.password"
	chmod 600 "$T/pw" "$T/bot.password"
}

faults_init() {
	# Full counts: a seed from the clock; make check's short runs: a fixed
	# one, so that CI does not turn red by chance (as in faults-lib.sh).
	if [ "${FAULTS_FULL:-0}" = 1 ]; then
		N=$2 FAULTS_SEED=${FAULTS_SEED:-$(date +%s)}
	else
		N=$1 FAULTS_SEED=${FAULTS_SEED:-20261128}
	fi
	echo "# FAULTS_SEED=$FAULTS_SEED (FAULTS_FULL=${FAULTS_FULL:-0}, $N runs per scenario)"
}

rnd() {
	python3 -c 'import random,sys; print(random.Random(sys.argv[1]).randint(int(sys.argv[2]), int(sys.argv[3])))' \
		"$FAULTS_SEED/$1" "$2" "$3"
}

clear_error() {
	[ "$1" -ge 64 ] && [ "$1" -le 78 ] || return 1
	[ "$(grep -v '^studio-publish: warning: ' "$2" | grep -c .)" -eq 1 ] || return 1
	! grep -qv '^studio-publish: ' "$2"
}

outcome() {
	if [ "$1" -eq 0 ]; then echo ok; else echo "exit $1: $(tail -1 "$2")"; fi
}

sha() { sha256sum "$1" | cut -d' ' -f1; }

dav_conf() {
	_f=$1 _p=$2
	shift 2
	printf '[web]\ntype = webdav\nurl = http://127.0.0.1:%s/dav/\nusername = agent\npassword_file = pw\ninsecure = yes\n' \
		"$_p" > "$_f"
	for _l in "$@"; do printf '%s\n' "$_l" >> "$_f"; done
}

dav_verify() {
	_s=$1 _slug=$2
	# The renditions, the page, and a transcript page per caption file.
	_want=$(cd "$_s" && { ls renditions/* ; echo index.html
		ls renditions/captions.*.vtt 2>/dev/null | sed 's|renditions/captions\.\(.*\)\.vtt|transcript.\1.html|'
		} | sort)
	_have=$(cd "$DAV_ROOT/$_slug" && find . -type f | sed 's|^\./||' | sort)
	if [ "$_want" != "$_have" ]; then
		echo "# server holds: $(echo $_have)"
		return 1
	fi
	for _f in "$_s"/renditions/*; do
		[ "$(sha "$_f")" = "$(sha "$DAV_ROOT/$_slug/renditions/${_f##*/}")" ] || {
			echo "# $_f differs on the server"; return 1; }
	done
	python3 - "$_s/session.json" "$DAV_ROOT/sessions.json" "$_slug" "$(echo "$_want" | wc -l)" <<'PY'
import collections, json, sys
p = [x["file"] for x in json.load(open(sys.argv[1]))["publications"] if x["target"] == "web"]
dup = [f for f, n in collections.Counter(p).items() if n > 1]
if dup or len(p) != int(sys.argv[4]):
    print("# web records: %s" % p)
    sys.exit(1)
slugs = [e["slug"] for e in json.load(open(sys.argv[2]))["sessions"]]
if slugs.count(sys.argv[3]) != 1:
    print("# the site catalogue lists %s" % slugs)
    sys.exit(1)
PY
}

mw_conf() {
	_f=$1 _a=$2
	shift 2
	printf '[movilab]\ntype = mediawiki\napi = %s\nusername = %s\npassword_file = bot.password\nchunk_size = %s\ninsecure = yes\n' \
		"$_a" "$MW_BOT_USER" "${MW_CHUNK:-10000}" > "$_f"
	for _l in "$@"; do printf '%s\n' "$_l" >> "$_f"; done
}

mw_verify() {
	python3 - "$1" "$2" "$MW_API" <<'PY'
import collections, hashlib, json, sys, urllib.parse, urllib.request
s_dir, title, api = sys.argv[1:]
s = json.load(open(s_dir + "/session.json"))
bad = []
for r in s["renditions"]:
    if not r["file"].endswith((".mp4", ".ogg")):
        continue
    name = "%s - %s.%s" % (title, r["preset"], r["file"].rsplit(".", 1)[1])
    q = urllib.parse.urlencode({"action": "query", "prop": "imageinfo", "iiprop": "sha1|size",
                                "iilimit": "50", "titles": "File:" + name, "format": "json",
                                "formatversion": "2"})
    page = json.load(urllib.request.urlopen(api + "?" + q))["query"]["pages"][0]
    ii = page.get("imageinfo", [])
    sha1 = hashlib.sha1(open(s_dir + "/" + r["file"], "rb").read()).hexdigest()
    if len(ii) != 1 or ii[0]["sha1"] != sha1:
        bad.append("%s: %d revisions %s" % (name, len(ii), [i["sha1"][:8] for i in ii]))
p = [x["file"] for x in s["publications"] if x["target"] == "movilab"]
dup = [f for f, n in collections.Counter(p).items() if n > 1]
if dup or len(p) != 2:
    bad.append("movilab records: %s" % p)
if "publish_resume" in s and s["publish_resume"].get("movilab"):
    bad.append("resume state left: %s" % s["publish_resume"])
for b in bad:
    print("# " + b)
sys.exit(1 if bad else 0)
PY
}

# trial KIND MODE SESSION [INI_LINE...]: publish SESSION (folder name =
# title, capitalised) to KIND (web or movilab) through the proxy in MODE,
# --quiet; on failure the error must be clear (clear_error) and a direct
# re-run must publish; then the target's invariants.  Sets TRIAL_RC (the
# first run's exit code) and keeps the proxy's log in $T/proxy.log and
# stderr in $T/err; prints one "# KIND MODE: outcome" line for
# docs/RELIABILITY.md.  Needs T, PUB, and both configs' password files in T.
trial() {
	_k=$1 _mode=$2 _s=$3
	shift 3
	if [ "$_k" = web ]; then
		proxy_start "$DAV_HTTP_PORT" "$_mode" "$T/proxy.log"
		dav_conf "$T/publish.ini" "$PROXY_PORT" "$@"
		dav_conf "$T/direct.ini" "$DAV_HTTP_PORT"
	else
		proxy_start "$MW_PORT" "$_mode" "$T/proxy.log"
		mw_conf "$T/publish.ini" "http://127.0.0.1:$PROXY_PORT/api.php" "$@"
		mw_conf "$T/direct.ini" "$MW_API"
	fi
	# timeout(1) turns a hang into a failure (exit 124 is no clear error).
	timeout 600 "$PUB" "$_s" --to "$_k" --config "$T/publish.ini" --quiet > "$T/out" 2> "$T/err"
	TRIAL_RC=$?
	proxy_stop
	_res=$(outcome "$TRIAL_RC" "$T/err")
	_r=0
	if [ "$TRIAL_RC" -ne 0 ]; then
		clear_error "$TRIAL_RC" "$T/err" || { _r=1; echo "# unclear error:"; sed 's/^/#   /' "$T/err"; }
		timeout 600 "$PUB" "$_s" --to "$_k" --config "$T/direct.ini" --quiet > "$T/out" 2> "$T/err2"
		_rc2=$?
		[ "$_rc2" -eq 0 ] || { _r=1; sed 's/^/#   re-run: /' "$T/err2"; }
		_res="$_res; re-run: $(outcome "$_rc2" "$T/err2")"
	fi
	if [ "$_k" = web ]; then
		dav_verify "$_s" "$(echo "${_s##*/}" | tr A-Z a-z)" || _r=1
	else
		mw_verify "$_s" "${_s##*/}" || _r=1
	fi
	echo "# $_k $_mode: $_res"
	return $_r
}

# fired PATTERN: the last trial's proxy logged the fault.
fired() {
	grep -q -- "$1" "$T/proxy.log" || { echo "# the proxy never logged '$1'"; return 1; }
}

# pick KEY WORD...: one of the WORDs, drawn from FAULTS_SEED and KEY.
pick() {
	_key=$1
	shift
	eval "echo \${$(rnd "$_key" 1 $#)}"
}
