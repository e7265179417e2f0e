#!/bin/sh
# The file size limit at random sizes (issue 6): studio-capture records 3 s
# of 2 x f32 from the fast ALSA device of capture-lib.sh, with a private
# PulseAudio server running as on a studio machine, under RLIMIT_FSIZE
# drawn from 1 B to 128 MiB (log-uniformly in odd runs, uniformly in even
# ones) and SIGXFSZ at its default action
# (a shell's `ulimit -f`).  Each run must end with exit 0 and the whole
# master (3 s, bit-exact, in session.json), or with exit 79 and one line
# saying there is not enough space, no master written; never a signal.
# The limit met in the middle of a recording (the disk filled, EFBIG, the
# safety margin): tests/e2e/capture-disk.t.  20 runs with FAULTS_FULL=1,
# else 3.
. "$(dirname "$0")/faults-lib.sh"
trap 'stop_pulse; rm -rf "$T"' EXIT INT TERM

RUNS=$(faults_runs 3 20)
plan $((1 + 2 * $(echo "$RUNS" | wc -l)))

SIG="$T/signal.raw"
make_signal "$SIG" $((48000 * 2 * 4 * 4)) 8
alsa_config "$T" "$SIG"
start_pulse "$T"
ok $? "a private PulseAudio server runs"

# studio-capture ignores SIGXFSZ: PulseAudio's client (listed by PortAudio)
# sizes 64 MiB of shared memory with ftruncate, so any smaller limit would
# otherwise kill it at start-up (exit 153), and the writer reads EFBIG as a
# full disk.

refused=0 recorded=0
for i in $RUNS; do
	# Odd runs: log-uniform (small limits); even runs: uniform (large ones).
	if [ $((i % 2)) -eq 1 ]; then
		L=$(python3 -c "print(int(2 ** $(faults_uniform "$i" limit 0 27)))")
	else
		L=$(python3 -c "print(int($(faults_uniform "$i" limit 0 134217728)))")
	fi
	S="$T/f$i"
	# stderr through a pipe: a file would be under the limit too.
	{
		with_fsize "$L" "$CAP" --session "$S" --audio studiotest --channels 2 --format f32 \
			--duration 3 --no-meter 2>&1 >/dev/null
		echo $? >"$S.rc"
	} | cat >"$S.err"
	rc=$(cat "$S.rc")
	desc="run $i: limit $L B: exit $rc ($(head -1 "$S.err"))"
	case "$rc:$(grep -c . "$S.err")" in
	0:1 | 79:1) ok 0 "$desc" ;;
	*) ok 1 "$desc"; sed 's/^/#   /' "$S.err" ;;
	esac
	M="$S/master/master.mkv"
	if [ "$rc" -eq 79 ]; then
		refused=$((refused + 1))
		grep -q "not enough space in $S: " "$S.err" && [ ! -s "$M" ]
		ok $? "... refused before recording, saying why, nothing written"
	else
		recorded=$((recorded + 1))
		be=$(bitexact "$M" "$SIG" 2 f32le)
		is "$be:$(json_get "$S/session.json" 'd["captures"][0]["duration"]')" "144000 exact:3.0" \
			"... the whole master, bit-exact, in session.json"
	fi
done
echo "# capture-fsize: $refused refused, $recorded recorded"

done_testing
