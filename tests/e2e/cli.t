#!/bin/sh
# One command-line layer for the three programs (issue 12, "All three"):
# the same wording for a usage error in studio-capture, studio-encode and
# studio-publish, in English and in French; "did you mean" for a near-miss
# option, preset or target name; standard output checked at exit
# (> /dev/full fails); numbers for people in the user's locale while the
# JSON outputs and session.json stay C; --help against the man pages.
set -u
. "$(dirname "$0")/tap.sh"
CAP="$STUDIO_BIN/studio-capture"
ENC="$STUDIO_BIN/studio-encode"
PUB="$STUDIO_BIN/studio-publish"
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
export XDG_CONFIG_HOME XDG_DATA_HOME
EN="env LC_ALL=C.UTF-8 LANGUAGE="
FR="env LC_ALL=fr_FR.UTF-8 LANGUAGE="
N=$(printf '\302\240')   # the no-break space of French typography, before ':'
NN=$(printf '\342\200\257')   # the narrow no-break space, before ';' '?' '!'

plan 54

# usage DESCRIPTION EXPECTED CMD...: CMD exits 64 (EX_USAGE) with exactly
# the line EXPECTED on stderr and nothing on stdout.
usage() {
	_d=$1 _want=$2
	shift 2
	_err=$("$@" 2>&1 >"$T/out")
	_rc=$?
	if [ $_rc -eq 64 ] && [ "$_err" = "$_want" ] && [ ! -s "$T/out" ]; then
		ok 0 "$_d"
	else
		echo "# exit $_rc, stderr: $_err"
		echo "# expected:           $_want"
		ok 1 "$_d"
	fi
}

# --- one wording in the three programs ------------------------------------
for p in capture encode publish; do
	usage "$p: --json=1 takes no value" \
		"studio-$p: option --json takes no value (see --help)" $EN "$STUDIO_BIN/studio-$p" --json=1
	usage "$p: unknown option" \
		"studio-$p: unknown option --frobnicate (see --help)" \
		$EN "$STUDIO_BIN/studio-$p" --frobnicate
done
usage "encode: --help=x takes no value (was '-h')" \
	"studio-encode: option --help takes no value (see --help)" $EN "$ENC" --help=x
usage "capture: a missing value" \
	"studio-capture: option --session needs a value (see --help)" $EN "$CAP" --session
usage "encode: a missing value of a short option names its long name" \
	"studio-encode: option --jobs needs a value (see --help)" $EN "$ENC" -j
usage "publish: a missing value" \
	"studio-publish: option --to needs a value (see --help)" $EN "$PUB" "$T" --to
usage "encode: an unknown short option" \
	"studio-encode: unknown option -x (see --help)" $EN "$ENC" -x
usage "capture: an ambiguous abbreviation names the candidates" \
	"studio-capture: ambiguous option --s: --session, --speaker or --standby? (see --help)" \
	$EN "$CAP" --s "$T/x"
usage "capture: --channels 64 names the range" \
	"studio-capture: invalid value for --channels: '64' (allowed: 1 to 32)" \
	$EN "$CAP" --session "$T/c" --test-sources --duration 1 --channels 64
usage "capture: --rate 22050 names the rates" \
	"studio-capture: invalid value for --rate: '22050' (allowed: 44100, 48000 or 96000)" \
	$EN "$CAP" --session "$T/c" --test-sources --duration 1 --rate 22050
usage "capture: --format names the formats" \
	"studio-capture: invalid value for --format: 'u8' (allowed: s16, s24 or f32)" \
	$EN "$CAP" --session "$T/c" --test-sources --duration 1 --format u8
usage "encode: --jobs 0 names the range" \
	"studio-encode: invalid value for --jobs: '0' (allowed: 1 to 256)" $EN "$ENC" -j 0 "$T"
usage "encode: --start names the forms of a time" \
	"studio-encode: invalid value for --start: '1:2:3:4' (allowed: seconds, MM:SS or HH:MM:SS)" \
	$EN "$ENC" --start 1:2:3:4 "$T"
usage "capture: --duration names the forms of a time, as encode's --start" \
	"studio-capture: invalid value for --duration: '1:75' (allowed: seconds, MM:SS or HH:MM:SS)" \
	$EN "$CAP" --session "$T/c" --test-sources --duration 1:75
usage "capture: --video names the sources" \
	"studio-capture: invalid value for --video: 'test:1x1' (allowed: test[:WxH@FPS], v4l2:/dev/videoN[:WxH@FPS][:FORMAT], x11:DISPLAY[+X,Y,WxH])" \
	$EN "$CAP" --session "$T/c" --video test:1x1
usage "French: --channels 64" \
	"studio-capture: valeur non valide pour --channels$N: «${N}64$N» (valeurs possibles$N: 1 à 32)" \
	$FR "$CAP" --session "$T/c" --test-sources --duration 1 --channels 64
usage "French: --json=1" \
	"studio-publish: l'option --json n'accepte pas de valeur (voir --help)" $FR "$PUB" --json=1

# --- did you mean ----------------------------------------------------------
usage "encode: --presets, did you mean --preset?" \
	"studio-encode: unknown option --presets; did you mean --preset? (see --help)" \
	$EN "$ENC" --presets web-720p "$T"
usage "French: --presets, vouliez-vous dire --preset ?" \
	"studio-encode: option inconnue --presets$NN; vouliez-vous dire --preset$NN? (voir --help)" \
	$FR "$ENC" --presets web-720p "$T"
usage "encode: preset web720p, did you mean web-720p?" \
	"studio-encode: unknown preset web720p; did you mean web-720p?" \
	$EN "$ENC" -p web720p "$T/none.mkv"
usage "capture: --rate 4800, did you mean 48000?" \
	"studio-capture: invalid value for --rate: '4800'; did you mean 48000?" \
	$EN "$CAP" --session "$T/c" --test-sources --duration 1 --rate 4800
mkdir -p "$T/empty"
usage "publish: target sit, did you mean site?" \
	"studio-publish: unknown target 'sit'; did you mean site?" $EN "$PUB" "$T/empty" --to sit
usage "publish: no guess for a name far from every target" \
	"studio-publish: unknown target 'zzz' (known in the built-in configuration: site)" \
	$EN "$PUB" "$T/empty" --to zzz

# --- a recorded, encoded and published session of 2 s, in French -----------
S="$T/s"
$FR nice -n 10 "$CAP" --session "$S" --test-sources --video test:160x120@10 --duration 2 \
	--json >"$T/cap.json" 2>"$T/cap.err"
ok $? "French: a 2 s session is recorded"
is "$(cat "$T/cap.err")" "studio-capture: 2,0 s enregistrées dans $S/master/master.mkv" \
	"French: the recorded duration with a decimal comma"
python3 - "$T/cap.json" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    json.loads(line)
PY
ok $? "French: capture's --json lines are JSON"
$FR nice -n 10 "$ENC" -p podcast --json "$S" >"$T/enc.json" 2>"$T/enc.err"
ok $? "French: the session is encoded with --json"
grep -qx "studio-encode: écrit .*/podcast\.ogg$N: vorbis$NN; 2,00 s$NN; [0-9]* kbit/s$NN; -[0-9]*,[0-9] LUFS$NN; [0-9]*,[0-9] ko" \
	"$T/enc.err"
ok $? "French: the summary in French numbers and units" || sed 's/^/# /' "$T/enc.err"
json_get "$T/enc.json" 'd["renditions"][0]["duration"] + d["selection"]["start"]' >/dev/null &&
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not isinstance(d["renditions"][0]["duration"], float))' "$T/enc.json"
ok $? "French: encode's --json parses, with numbers as numbers"
python3 - "$S/session.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c, r = d["captures"][0], d["renditions"][0]
assert abs(c["duration"] - 2) < 0.05 and abs(r["duration"] - 2) < 0.05, (c, r)
PY
ok $? "French: session.json parses, its durations numbers"
$EN nice -n 10 "$ENC" -p podcast "$S" 2>"$T/enc-en.err"
grep -qx "studio-encode: replaced .*/podcast\.ogg: vorbis, 2\.00 s, [0-9]* kbit/s, -[0-9]*\.[0-9] LUFS, [0-9]*\.[0-9] kB" \
	"$T/enc-en.err"
ok $? "English: the summary in C numbers and English units"
$FR "$PUB" "$S" --to site --json >"$T/pub.json" 2>"$T/pub.err"
ok $? "French: the session is published with --json"
json_get "$T/pub.json" 'd["targets"][0]["files"][0]["bytes"] > 0' | grep -qx True
ok $? "French: publish's --json parses"

# --- times echoed as typed --------------------------------------------------
usage "English: --start 0:07 echoed as 0:07, the duration as M:SS.d" \
	"studio-encode: cannot start at 0:07: $S/master/master.mkv lasts 0:02.0" \
	$EN "$ENC" -p podcast --start 0:07 "$S"
usage "French: --start 7.25 in seconds, decimal commas" \
	"studio-encode: impossible de commencer à 7,25 s$N: $S/master/master.mkv dure 2,0 s" \
	$FR "$ENC" -p podcast --start 7.25 "$S"
usage "English: --end before --start, both as typed" \
	"studio-encode: --end 20 s must come after --start 01:07" $EN "$ENC" --start 01:07 --end 20 "$S"

# --- standard output that cannot be written ---------------------------------
# full CMD...: CMD writes to /dev/full: exit 74 and one line naming stdout.
full() {
	_d=$1
	shift
	_err=$("$@" 2>&1 >/dev/full)
	_rc=$?
	if [ $_rc -eq 74 ] && [ "$(printf '%s\n' "$_err" | grep -c .)" -eq 1 ] &&
		printf '%s' "$_err" | grep -q ": cannot write to standard output: No space left on device\$"; then
		ok 0 "$_d"
	else
		echo "# exit $_rc, stderr: $_err"
		ok 1 "$_d"
	fi
}
for p in capture encode publish; do
	full "$p --help > /dev/full" $EN "$STUDIO_BIN/studio-$p" --help
	full "$p --version > /dev/full" $EN "$STUDIO_BIN/studio-$p" --version
done
full "encode --json > /dev/full" $EN nice -n 10 "$ENC" -q -p podcast --json "$S"
full "publish --json > /dev/full" $EN "$PUB" "$S" --to site --json --quiet
full "capture --list-devices --json > /dev/full" $EN "$CAP" --list-devices --json
err=$($FR "$ENC" --version 2>&1 >/dev/full)
is "$err" "studio-encode: impossible d'écrire sur la sortie standard$N: Aucun espace disponible sur le périphérique" \
	"French: the stdout message, translated with the system's text"

# --- --help and the man pages ------------------------------------------------
LC_ALL=C "$PUB" --help | awk '/^ *--/ { last = NR } /^The path of each page/ { end = NR }
	END { exit !(end && last < end) }'
ok $? "publish --help: every option before the closing paragraph"
for p in capture encode publish; do
	h=$(LC_ALL=C "$STUDIO_BIN/studio-$p" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
	m=$(awk '/^\.TP/ { getline; print }' "$STUDIO_SRC/man/studio-$p.1" |
		sed 's/\\-/-/g; s/\\f[BIRP]//g' | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
	is "$h" "$m" "$p: the options of --help are those of the man page"
done

done_testing
