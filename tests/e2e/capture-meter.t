#!/bin/sh
# The meter on a real terminal: studio-capture runs in a detached tmux
# pane (80x24) recording the real-time ALSA device (capture-lib.sh); the
# screen is read with capture-pane and keys are sent with send-keys.
set -u
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/capture-lib.sh"
T=$(mktemp -d)
SOCK="studio-meter-$$"
CUR=
trap 'for s in two crash many quiet; do tmux -L "$SOCK-$s" kill-server 2>/dev/null; done; stop_pulse; rm -rf "$T"' EXIT INT TERM

plan 24

SIG="$T/signal.raw"
make_signal "$SIG" $((48000 * 32 * 3 * 20)) 5
alsa_config "$T" "$SIG"
start_pulse "$T"
ok $? "a private PulseAudio server runs"

# Two channels of full-scale uniform noise: RMS -4.8 dBFS, peak 0.
run_in_tmux two --channels 2 --format s16 --duration 60
wait_screen "RECORDING  00:00:0[1-9]"
ok $? "the meter shows the recording"
screen >"$T/screen"
check "... names the device" grep -q "RECORDING .*studiort" "$T/screen"
check "... one bar per channel" sh -c "grep -q '^ 1 #####' '$T/screen' && grep -q '^ 2 #####' '$T/screen'"
RMS=$(awk '$1 == 1 || $1 == 2 { print $4 }' "$T/screen" | tr '\n' ' ')
python3 -c 'import sys; v = [float(x) for x in sys.argv[1].split()]; sys.exit(not (len(v) == 2 and all(abs(x + 4.8) < 0.6 for x in v)))' "$RMS"
ok $? "... RMS of uniform noise is -4.8 dBFS ($RMS)"
check "... bytes and drops" grep -q 'written .* dropped samples 0' "$T/screen"
# The time left shows once the rate is known (not "00:00:00 left" before).
wait_screen "^free .* ([0-9][0-9]:[0-9][0-9]:[0-9][0-9] left)"
ok $? "... free space and time left"
check "... the target time" grep -q "^RECORDING  00:00:0[0-9] / 00:01:00  studiort" "$T/screen"
tmux -L "$CUR" send-keys m
sleep 0.5
tmux -L "$CUR" send-keys m
wait_screen "markers 2"
ok $? "m drops markers, counted on the meter"
tmux -L "$CUR" send-keys q
wait_file "$T/two.rc"
is "$(cat "$T/two.rc")" 0 "q stops the recording"
J="$T/two/session.json"
is "$(json_get "$J" '(d["captures"][0]["end"], len(d["captures"][0]["markers"]))')" "('stopped', 2)" \
	"session.json: stopped by the technician, two markers"
is "$(json_get "$J" '[m["label"] for m in d["captures"][0]["markers"]]')" "['1', '2']" "markers are numbered"
M=$(json_get "$J" '0 < d["captures"][0]["markers"][0]["t"] < d["captures"][0]["markers"][1]["t"] < d["captures"][0]["duration"]')
is "$M" True "marker times are in order within the recording"
sleep 0.2
screen | grep -q RECORDING
is "$?" 1 "the terminal is given back"
is "$(json_get "$J" '"recording" in d')" False "the in-progress entry is gone once recorded"

# A marker is saved as soon as it is dropped: a kill -9 right after loses
# none, and --recover puts it in the recovered capture.
run_in_tmux crash --channels 2 --format s16 --duration 60
wait_screen "RECORDING  00:00:0[1-9]"
tmux -L "$CUR" send-keys m
wait_screen "markers 1"
is "$(json_get "$T/crash/session.json" 'len(d["recording"]["markers"])')" 1 \
	"the marker is in session.json while recording"
# A named marker on a device recording: M, the name, Enter.
type_name "Pause café"
tmux -L "$CUR" send-keys Enter
wait_screen "^#2   00:00:[0-9][0-9]  Pause café$"
is "$(json_get "$T/crash/session.json" '[m["label"] for m in d["recording"]["markers"]]')" \
	"['1', 'Pause café']" "a named marker is saved with its name while recording"
pkill -9 -f -- "--session $T/crash " || pkill -9 -f -- "--session $T/crash"
sleep 0.3
"$CAP" --recover "$T/crash" --quiet 2>"$T/recover.err"
is "$?:$(json_get "$T/crash/session.json" '(d["captures"][0]["end"], [m["label"] for m in d["captures"][0]["markers"]], "recording" in d)')" \
	"0:('recovered', ['1', 'Pause café'], False)" "after kill -9, --recover keeps the markers and their names"

# 32 channels still fit in 80x24 (two per line).
run_in_tmux many --channels 32 --format s16 --duration 60
wait_screen "RECORDING  00:00:0[1-9]"
screen >"$T/screen"
check "32 channels: the first and last bars" sh -c "grep -q '^ 1 ' '$T/screen' && grep -q ' 32 ' '$T/screen'"
check "... and the keys line, all in 24 lines" grep -q "^m: marker   M: named marker   q: stop" "$T/screen"
# With 4 markers the last 3 are listed, and everything still fits.
for n in 1 2 3 4; do
	tmux -L "$CUR" send-keys m
	wait_screen "markers $n$"
done
screen >"$T/screen"
check "... the last 3 markers listed, the keys line still shown" \
	sh -c "! grep -q '^#1 ' '$T/screen' && grep -q '^#2 ' '$T/screen' && grep -q '^#4 ' '$T/screen' &&
		grep -q ' 32 ' '$T/screen' && grep -q '^m: marker   M: named marker   q: stop' '$T/screen'"
tmux -L "$CUR" send-keys C-c
wait_file "$T/many.rc"
is "$(cat "$T/many.rc"):$(json_get "$T/many/session.json" 'd["captures"][0]["end"]')" "0:stopped" \
	"Ctrl-C on the meter stops cleanly"

# --no-meter: a status line every 10 s instead.
run_in_tmux quiet --channels 2 --duration 11 --no-meter
wait_file "$T/quiet.rc"
screen | grep -q "recording 00:00:[01][0-9], .* written, 0 samples dropped"
ok $? "--no-meter prints a status line every 10 s"

# The meter's numbers follow the user's locale (capture-rehearsal.t);
# --json's stay C numbers under a French one: every line parses, its
# decimals are floats (a decimal comma would break the line or split a
# number in two).
env -u LC_ALL LANG=fr_FR.UTF-8 "$CAP" --session "$T/json" --audio studiort --channels 2 \
	--format s16 --duration 3 --json >"$T/json.out" 2>"$T/json.err"
python3 - "$T/json.out" <<'EOP'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
floats = all(isinstance(d[k], float) for d in lines for k in ("elapsed", "wall", "fps"))
sys.exit(not (len(lines) >= 2 and floats and
              all(isinstance(v, float) for d in lines for v in d["peak_db"])))
EOP
ok $? "--json under LANG=fr_FR.UTF-8: C numbers ($(wc -l <"$T/json.out") lines)"

done_testing
