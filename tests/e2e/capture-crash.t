#!/bin/sh
# A master that survives: studio-capture records a real-time ALSA device
# (the file PCM paced by a private PulseAudio server, see capture-lib.sh)
# and is killed with SIGKILL at several points; the master must decode up
# to at least the sound written before the kill minus one second, bit-exact
# with the device's signal, and --recover (or the next run) must record it.
# Also: SIGTERM, a second SIGINT, --recover during a recording, and the
# device disappearing mid-recording (the PulseAudio server killed).
set -u
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/capture-lib.sh"
T=$(mktemp -d)
trap 'stop_pulse; rm -rf "$T"' EXIT INT TERM

plan 40

SIG="$T/signal.raw"
make_signal "$SIG" $((48000 * 2 * 3 * 40)) 2
alsa_config "$T" "$SIG"
start_pulse "$T"
ok $? "a private PulseAudio server runs"

# start NAME ARGS...: records studiort (2 x s24) into $T/NAME in the
# background, JSON status lines in $T/NAME.json; sets $pid.
start() {
	_n=$1
	shift
	"$CAP" --session "$T/$_n" --audio studiort --channels 2 --format s24 --duration 60 \
		--json "$@" >"$T/$_n.json" 2>"$T/$_n.err" &
	pid=$!
}

# exact MASTER SECONDS: MASTER's sound is the signal's, SECONDS long.
exact() {
	_be=$(bitexact "$1" "$SIG" 2 s24le)
	[ "${_be#* }" = exact ] && near "$(python3 -c "print(${_be% *} / 48000)")" "$2" 0.001 ||
		{ echo "# $_be, $2 s"; return 1; }
}

# at_least A B: A >= B.
at_least() { python3 -c 'import sys; sys.exit(float(sys.argv[1]) < float(sys.argv[2]))' "$1" "$2"; }

n=0
for point in 0.3 1 2.5; do
	n=$((n + 1))
	start k$n
	wait_json "$T/k$n.json" elapsed "$point"
	kill -9 $pid
	wait $pid
	rc=$?
	M="$T/k$n/master/master.mkv"
	D=$(decoded_seconds "$M")
	want=$(python3 -c "print(max(0, $point - 1))")
	at_least "$D" "$want"
	ok $? "killed at $point s of sound (exit $rc): the master decodes to $D s (>= $want)"
	exact "$M" "$D"
	ok $? "... bit-exact with the signal up to there"
	ffmpeg -nostdin -v quiet -i "$M" -f null - 2>/dev/null
	ok $? "... and ffmpeg plays it to its end"
done

# Killed as soon as it starts (maybe before its first cluster).
start k0
wait_json "$T/k0.json" elapsed 0
kill -9 $pid
wait $pid
"$CAP" --recover "$T/k0" >/dev/null 2>&1
is "$?:$(json_get "$T/k0/session.json" 'd["captures"][0]["end"]')" "0:recovered" \
	"killed as soon as it starts: --recover still records it"

# --recover finishes the record; the file is not touched.
M="$T/k3/master/master.mkv"
SUM=$(sha256sum <"$M")
"$CAP" --recover "$T/k3" >"$T/out" 2>"$T/err"
is "$?:$(grep -c . "$T/err")" "0:1" "--recover succeeds with one line"
check "... which says what was recovered" grep -q "recovered the interrupted recording" "$T/err"
J="$T/k3/session.json"
is "$(json_get "$J" '(len(d["captures"]), d["captures"][0]["end"], d["captures"][0]["source"], d["captures"][0]["file"])')" \
	"(1, 'recovered', 'ALSA:studiort', 'master/master.mkv')" "session.json records the recovered capture"
near "$(json_get "$J" 'd["captures"][0]["duration"]')" "$D" 0.011
ok $? "... with its real duration ($D s)"
is "$(json_get "$J" 'd["captures"][0]["started"] == d["recorded"]')" True "... and its start"
is "$(sha256sum <"$M")" "$SUM" "recovery leaves the master as it was"
"$CAP" --recover "$T/k3" >"$T/out" 2>"$T/err"
is "$?:$(json_get "$J" 'len(d["captures"])')" "0:1" "a second --recover changes nothing"
fails_cleanly "--recover on a folder without a master" "nothing to recover" "$CAP" --recover "$T/none"

# The next run detects the interrupted recording of k2, records it, and
# still refuses to record over it.
"$CAP" --session "$T/k2" --audio studiort --duration 1 --no-meter >"$T/out" 2>"$T/err"
rc=$?
grep -q "recovered the interrupted recording" "$T/err" && grep -q "already holds a recording" "$T/err"
ok $? "the next run recovers the interrupted recording, then refuses (exit $rc)"
is "$rc:$(json_get "$T/k2/session.json" 'd["captures"][0]["end"]')" "73:recovered" \
	"... exit EX_CANTCREAT, capture recorded as recovered"

# --recover while a recording runs is refused; SIGTERM then stops cleanly.
start live
wait_json "$T/live.json" elapsed 0.5
fails_cleanly "--recover refuses a recording in progress" "being recorded right now" \
	"$CAP" --recover "$T/live"
"$CAP" --recover "$T/live" >/dev/null 2>&1
is "$?" 75 "... with EX_TEMPFAIL"
kill -TERM $pid
wait $pid
rc=$?
J="$T/live/session.json"
D=$(decoded_seconds "$T/live/master/master.mkv")
is "$rc:$(json_get "$J" 'd["captures"][0]["end"]')" "0:stopped" "SIGTERM stops cleanly"
near "$(json_get "$J" 'd["captures"][0]["duration"]')" "$D" 0.001
ok $? "... session.json has the decoded duration ($D s)"
exact "$T/live/master/master.mkv" "$D"
ok $? "... bit-exact"
check "... the finished master decodes without any error" decodes_cleanly "$T/live/master/master.mkv"
is "$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$T/live/master/master.mkv")" \
	"$(printf '%.6f' "$D")" "... and carries its duration"

# A second SIGINT stops at once: exit 130, the master as after a crash.
# The clean stop is made to hang: the session's lock is held meanwhile.
start twice
wait_json "$T/twice.json" elapsed 1
flock "$T/twice/.session.lock" sleep 3 &
lockpid=$!
sleep 0.3
kill -INT $pid
sleep 0.5
kill -INT $pid
wait $pid
rc=$?
D=$(decoded_seconds "$T/twice/master/master.mkv")
at_least "$D" 0
is "$rc" 130 "a second SIGINT exits at once (130)"
wait $lockpid
"$CAP" --recover "$T/twice" >/dev/null 2>&1
is "$?:$(json_get "$T/twice/session.json" 'd["captures"][0]["end"]')" "0:recovered" \
	"... and its master is recovered"

# The device disappears: the PulseAudio server dies mid-recording.
start lost
wait_json "$T/lost.json" elapsed 1
stop_pulse
wait $pid
rc=$?
is "$rc" 74 "a lost device stops the recording with EX_IOERR"
check "... saying so" grep -q "audio device studiort stopped delivering sound" "$T/lost.err"
check "... and that the master is kept" grep -q "kept .* s recorded in" "$T/lost.err"
J="$T/lost/session.json"
D=$(decoded_seconds "$T/lost/master/master.mkv")
is "$(json_get "$J" 'd["captures"][0]["end"]')" "device-lost" "session.json says the device was lost"
at_least "$D" 0.5
ok $? "the master holds what was recorded ($D s)"
exact "$T/lost/master/master.mkv" "$D"
ok $? "... bit-exact"
is "$(grep -c . "$T/lost.err"):$(grep -vc '^studio-capture: ' "$T/lost.err")" "2:0" \
	"... stderr holds our message and the summary, nothing from PortAudio, ALSA or libpulse"

# The same with --quiet: exactly one line.  Then with STUDIO_DEBUG=1 the
# libraries' own lines are kept (which also shows that this loss makes
# them talk, so the checks above can fail).
start_pulse "$T"
start lostq --quiet
wait_json "$T/lostq.json" elapsed 1
stop_pulse
wait $pid
is "$?:$(grep -c . "$T/lostq.err")" "74:1" "with --quiet, a lost device gives exactly one line on stderr"
check "... our message" grep -q "^studio-capture: audio device studiort stopped delivering sound" "$T/lostq.err"
start_pulse "$T"
STUDIO_DEBUG=1
export STUDIO_DEBUG
start lostd --quiet
wait_json "$T/lostd.json" elapsed 1
stop_pulse
wait $pid
unset STUDIO_DEBUG
check "with STUDIO_DEBUG=1 the libraries' lines are passed on" grep -q "^Expression '.*' failed in" "$T/lostd.err"

done_testing
