#!/bin/sh
# kill -9 at random moments (issue 6): studio-capture records the
# real-time ALSA device of capture-lib.sh (the file PCM paced by a private
# PulseAudio server) with a random channel count and sample format, and is
# killed with SIGKILL a random 0-5.5 s after it starts (the
# sound flows after 1-2 s).  Each master must
# decode to at least the sound the device had delivered (the "elapsed" of
# the last status line) minus one second, bit-exact with the device's
# signal, play to its end, and be recorded by --recover with its real
# duration, untouched.  Killed before the master exists, --recover must
# say there is nothing to recover.  20 runs with FAULTS_FULL=1, else 3.
# Full disk and the device vanishing: tests/e2e/capture-disk.t and
# capture-crash.t; the file size limit at random sizes: capture-fsize.t.
. "$(dirname "$0")/faults-lib.sh"
trap 'stop_pulse; rm -rf "$T"' EXIT INT TERM

RUNS=$(faults_runs 3 20)
plan $((1 + 4 * $(echo "$RUNS" | wc -l)))

SIG="$T/signal.raw"
make_signal "$SIG" $((48000 * 4 * 4 * 12)) 7
alsa_config "$T" "$SIG"
start_pulse "$T"
ok $? "a private PulseAudio server runs"

# at_least A B: A >= B.
at_least() { python3 -c 'import sys; sys.exit(float(sys.argv[1]) < float(sys.argv[2]))' "$1" "$2"; }

# recovered DIR MASTER DURATION SUM: --recover on DIR records MASTER with
# DURATION, in one line, and leaves it as it was (sha256 SUM).
recovered() {
	"$CAP" --recover "$1" >/dev/null 2>"$1.recover"
	_rc=$?
	_got=$(json_get "$1/session.json" \
		'(len(d["captures"]), d["captures"][0]["end"], d["captures"][0]["file"], d["captures"][0]["duration"])' 2>&1)
	case "$_rc:$(grep -c . "$1.recover"):$_got" in
	"0:1:(1, 'recovered', 'master/master.mkv', "*) ;;
	*) echo "# --recover: exit $_rc, $(cat "$1.recover"), session.json: $_got"; return 1 ;;
	esac
	if ! near "$(json_get "$1/session.json" 'd["captures"][0]["duration"]')" "$3" 0.011 ||
		[ "$(sha256sum <"$2")" != "$4" ]; then
		echo "# recorded $_got, decodes $3 s"
		return 1
	fi
}

shortest=99 longest=0
for i in $RUNS; do
	ch=$(faults_pick "$i" channels 1 2 3 4)
	fmt=$(faults_pick "$i" format s16 s24 f32)
	delay=$(faults_uniform "$i" delay 0 5.5)
	S="$T/k$i"
	"$CAP" --session "$S" --audio studiort --channels "$ch" --format "$fmt" --duration 60 \
		--json >"$S.json" 2>"$S.err" &
	pid=$!
	kill_after $pid "$delay"
	wait $pid
	rc=$?
	E=$(last_elapsed "$S.json")
	M="$S/master/master.mkv"
	desc="run $i: $ch x $fmt killed after $delay s (exit $rc, $E s delivered)"
	if [ ! -f "$M" ]; then
		is "$E" 0.000 "$desc: no master, and no sound delivered yet"
		skip "no master to compare"
		skip "no master to play"
		fails_cleanly "... --recover says there is nothing to recover" "nothing to recover" \
			"$CAP" --recover "$S"
		continue
	fi
	D=$(decoded_seconds "$M")
	want=$(python3 -c "print(max(0, $E - 1))")
	at_least "$D" "$want"
	ok $? "$desc: the master decodes to $D s (>= $want)"
	if [ "$D" = 0.000 ]; then
		# Killed before its first cluster: a header-only file, which
		# ffmpeg cannot open ("End of file") and --recover records.
		skip "no sound in the master to compare"
		skip "no sound in the master to play"
	else
		be=$(bitexact "$M" "$SIG" "$ch" "${fmt}le")
		frames=${be% *}
		[ "${be#* }" = exact ] && near "$(python3 -c "print($frames / 48000)")" "$D" 0.001
		ok $? "... bit-exact with the signal up to there ($be)"
		ffmpeg -nostdin -v quiet -i "$M" -f null - 2>/dev/null
		ok $? "... and ffmpeg plays it to its end"
	fi
	recovered "$S" "$M" "$D" "$(sha256sum <"$M")"
	ok $? "... --recover records it with its real duration and leaves it untouched"
	margin=$(python3 -c "print('%.3f' % ($D - $E))")
	shortest=$(python3 -c "print(min($shortest, $margin))")
	longest=$(python3 -c "print(max($longest, $D))")
done
echo "# capture-kill: decoded minus delivered at least $shortest s; longest master $longest s"

done_testing
