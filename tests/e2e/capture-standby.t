#!/bin/sh
# The start of a recording from the real-time ALSA device (capture-lib.sh):
# "recording" is said only once the first samples are in the ring
# (STUDIO_TEST_TIMES trace, testhook.h), and --standby with its pre-roll,
# driven by SIGUSR1 without a terminal and by keys in a tmux pane: the
# master starts with the sound from before the key, bit-exact and without
# a gap; q leaves with nothing created.
set -u
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/capture-lib.sh"
T=$(mktemp -d)
SOCK="studio-standby-$$"
CUR=
trap 'for s in key leave; do tmux -L "$SOCK-$s" kill-server 2>/dev/null; done; stop_pulse; rm -rf "$T"' EXIT INT TERM

plan 34

SIG="$T/signal.raw"
make_signal "$SIG" $((48000 * 2 * 3 * 30)) 11
alsa_config "$T" "$SIG"
start_pulse "$T"
ok $? "a private PulseAudio server runs"

# stretch MASTER: where the master's sound starts in $SIG, in sample
# frames ("-1" when it is not one contiguous, bit-exact stretch of it).
stretch() {
	python3 - "$1" "$SIG" <<'EOP'
import subprocess, sys
m, raw = sys.argv[1], open(sys.argv[2], "rb").read()
tracks = [subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", m, "-map", "0:a:%d" % c,
                          "-c:a", "pcm_s24le", "-f", "s24le", "-"],
                         check=True, capture_output=True).stdout for c in range(2)]
n = min(len(t) for t in tracks) // 3
out = bytearray(n * 6)
for c, t in enumerate(tracks):
    for b in range(3):
        out[c * 3 + b::6] = t[b:n * 3:3]
at = raw.find(bytes(out[:600]))
print(at // 6 if at >= 0 and at % 6 == 0 and raw[at:at + len(out)] == bytes(out) else -1)
EOP
}

# wait_trace FILE EVENT: until the STUDIO_TEST_TIMES trace holds EVENT (30 s at most).
wait_trace() {
	_i=0
	until grep -q "^$2 " "$1" 2>/dev/null; do
		_i=$((_i + 1))
		[ $_i -gt 600 ] && return 1
		sleep 0.05
	done
}

# 1. "RECORDING" (the meter) only once the first samples are in.
STUDIO_TEST_TIMES="$T/plain.times" "$CAP" --session "$T/plain" --audio studiort --channels 2 \
	--duration 1 --no-meter >"$T/out" 2>"$T/err"
is "$?" 0 "a plain recording"
is "$(grep -c . "$T/err")" 1 "... with one summary line on stderr"
python3 - "$T/plain.times" <<'EOP'
import sys
ev = [l.split() for l in open(sys.argv[1])]
names = [e[0] for e in ev]
t = dict(ev)
sys.exit(not (names == ["first-sample", "recording"] and float(t["first-sample"]) <= float(t["recording"])))
EOP
ok $? "... after the first samples reached the ring ($(tr '\n' ' ' <"$T/plain.times"))"

# 2. Standby without a terminal: SIGUSR1 starts, 1 s of pre-roll, 1 s after.
STUDIO_TEST_TIMES="$T/sb.times" "$CAP" --session "$T/sb" --audio studiort --channels 2 \
	--standby --pre-roll 1 --duration 1 --json >"$T/sb.out" 2>"$T/sb.err" &
pid=$!
wait_json "$T/sb.out" elapsed 1.0
ok $? "standby: the status lines show the pre-roll filling up"
check "... says how to start and leave" grep -q "standby on studiort: SIGUSR1 starts" "$T/sb.err"
check "... nothing is created while waiting" test ! -e "$T/sb"
sleep 1   # more sound than the pre-roll holds has come: the oldest is dropped
kill -USR1 $pid
wait $pid
is "$?" 0 "SIGUSR1 starts the recording, which ends at its duration"
M="$T/sb/master/master.mkv"
is "$(decoded_seconds "$M")" "2.000" "the master holds the pre-roll and the duration: 1 s + 1 s"
AT=$(stretch "$M")
python3 -c "import sys; sys.exit(not $AT >= 48000)"
ok $? "... the device's sound from before the key, bit-exact and without a gap (from frame $AT)"
J="$T/sb/session.json"
near "$(json_get "$J" 'd["captures"][0]["duration"]')" 2 0.001
ok $? "session.json: 2 s recorded"
check "... \"recording\" said after the start" grep -q "^studio-capture: recording studiort to $M" "$T/sb.err"

# 3. In a terminal: the meter says STANDBY with the session's title and
# the master's target (the pre-roll, then the duration); r records, m
# marks, M names a marker (M, the name, Enter), q stops.
run_in_tmux key --channels 2 --standby --pre-roll 2 --duration 60 --title "'Conseil municipal'"
wait_screen "^STANDBY  00:00:02 / 00:01:02  studiort  — Conseil municipal$"
ok $? "the meter shows STANDBY with the pre-roll held, the target and the title"
screen >"$T/screen"
check "... the standby keys, and free space unknown (no folder yet) rather than 0 B" \
	sh -c "grep -q '^r or space: record' '$T/screen' && grep -q '^free …$' '$T/screen'"
check "... nothing is created while waiting" test ! -e "$T/key"
tmux -L "$CUR" send-keys M r   # M names nothing in standby; r starts
wait_screen "^RECORDING  00:00:0[3-9] / 00:01:02  studiort  — Conseil municipal$"
ok $? "r starts the recording, the pre-roll counted in its time, the title still shown"
screen >"$T/screen"
check "... M did nothing in standby; the recording's keys shown" \
	sh -c "! grep -q 'marker name:' '$T/screen' && grep -q '^m: marker   M: named marker   q: stop' '$T/screen'"
tmux -L "$CUR" send-keys m
wait_screen "markers 1"
type_name "Questions du public"
tmux -L "$CUR" send-keys Enter
wait_screen "^#2   00:00:[0-9][0-9]  Questions du public$"
ok $? "a named marker in a recording started from standby: M, its name, Enter"
tmux -L "$CUR" send-keys q
wait_file "$T/key.rc"
is "$(cat "$T/key.rc")" 0 "q stops it"
J="$T/key/session.json"
is "$(json_get "$J" 'd["captures"][0]["end"]')" stopped "session.json: stopped by the technician"
python3 -c "import sys; sys.exit(not 2 <= $(decoded_seconds "$T/key/master/master.mkv"))"
ok $? "the master lasts at least the pre-roll"
is "$(json_get "$J" '[m["label"] for m in d["captures"][0]["markers"]]')" \
	"['1', 'Questions du public']" "session.json: the marker, then the named one with its name"
M=$(json_get "$J" '3 <= d["captures"][0]["markers"][0]["t"] <= d["captures"][0]["markers"][1]["t"] < d["captures"][0]["duration"]')
is "$M" True "the markers' times count from the first pre-rolled sample"
AT=$(stretch "$T/key/master/master.mkv")
python3 -c "import sys; sys.exit(not $AT >= 0)"
ok $? "... bit-exact and without a gap (from frame $AT)"

run_in_tmux leave --standby
wait_screen "STANDBY"
tmux -L "$CUR" send-keys q
wait_file "$T/leave.rc"
is "$(cat "$T/leave.rc")" 0 "q in standby leaves"
check "... with nothing created" test ! -e "$T/leave"

# Without a terminal, SIGTERM leaves.
STUDIO_TEST_TIMES="$T/term.times" "$CAP" --session "$T/term" --audio studiort --standby \
	--no-meter >"$T/out" 2>"$T/term.err" &
pid=$!
wait_trace "$T/term.times" standby
kill -TERM $pid
wait $pid
is "$?" 0 "SIGTERM in standby leaves"
check "... saying that nothing was recorded" grep -q "left standby: nothing recorded" "$T/term.err"
check "... with nothing created" test ! -e "$T/term"

# 4. Refusals, before any device is opened.
fails_cleanly "--pre-roll without --standby" "use it with --standby" \
	"$CAP" --session "$T/r1" --audio studiort --pre-roll 3
fails_cleanly "--pre-roll past the ring, the bound in the message" "allowed: 0 to 5 s with 32 channels at 96000 Hz in f32" \
	"$CAP" --session "$T/r2" --audio studiort --standby --channels 32 --rate 96000 --format f32 --pre-roll 10
fails_cleanly "--standby with video" "sound only" \
	"$CAP" --session "$T/r3" --audio studiort --standby --video test
check "... and nothing is created" test ! -e "$T/r1" -a ! -e "$T/r2" -a ! -e "$T/r3"
fails_cleanly "--standby on a folder that holds a recording: refused before waiting" \
	"$T/sb already holds a recording" timeout 20 "$CAP" --session "$T/sb" --audio studiort --standby

done_testing
