#!/bin/sh
# Damaged masters (issue 6): studio-encode on real studio-capture masters
# (test pattern H.264 + FLAC; two 24-bit FLAC tracks; three float PCM
# tracks, all Matroska) cut short, with bytes flipped in the headers or the
# clusters, a header element or a whole cluster zeroed, or random bytes
# written over a block (faults-lib.sh: damage).  Each run, bounded by
# FAULTS_TIMEOUT, must end in a correct encode of what is readable or in
# one clear error naming the master, never a crash, a hang, a file under a
# final name after a failure or a temporary file left
# (faults-lib.sh: encode_verdict).  100 runs with FAULTS_FULL=1, else 8
# (every kind of damage at least once).
. "$(dirname "$0")/faults-lib.sh"

RUNS=$(faults_runs 8 100)
plan $((4 + $(echo "$RUNS" | wc -l)))

SIG="$T/signal.raw"
make_signal "$SIG" $((48000 * 3 * 4 * 4)) 6
alsa_config "$T" "$SIG"
"$CAP" --session "$T/V" --video test:320x240@25 --duration 3 --no-meter --quiet
ok $? "master V: test pattern and tone, H.264 + FLAC, 3 s"
"$CAP" --session "$T/F" --audio studiotest --channels 2 --format s24 --duration 3 --no-meter --quiet
ok $? "master F: two 24-bit FLAC tracks, 3 s"
"$CAP" --session "$T/P" --audio studiotest --channels 3 --format f32 --duration 2 --no-meter --quiet
ok $? "master P: three float PCM tracks, 2 s"
# Found by run 46 of seed 20261128 (Tracks zeroed): a crash in the plan when
# a preset other than the last one fails its stream check.
fails_cleanly "a video preset first, then another, on a master without video: a clear error" \
	"cannot encode $T/P/master/master.mkv with preset web-480p: no video stream" \
	"$ENC" -q -p web-480p,podcast "$T/P"

KINDS="truncate flip-header flip-payload zero-header zero-cluster garbage"
nkinds=$(echo "$KINDS" | wc -w)
zero=0 errors=0 longest=0 longest_run=0
for i in $RUNS; do
	kind=$(echo "$KINDS" | cut -d' ' -f$(((i - 1) % nkinds + 1)))
	m=$(faults_pick "$i" master V V F P)
	if [ "$m" = V ]; then
		presets=$(faults_pick "$i" preset web-480p podcast poster waveform contact-sheet \
			web-480p,podcast)
		track=
	else
		presets=$(faults_pick "$i" preset podcast waveform podcast,waveform)
		track=$(faults_pick "$i" track "" "--audio-track mix")
	fi
	mode=$(faults_pick "$i" mode session session session file)
	dur=$(json_get "$T/$m/session.json" 'd["captures"][0]["duration"]')
	R="$T/r$i"
	mkdir -p "$R"
	if [ "$mode" = session ]; then
		cp -r "$T/$m" "$R/s"
		what=$(damage "$T/$m/master/master.mkv" "$R/s/master/master.mkv" "$i" "$kind")
		cp "$R/s/session.json" "$R/before.json"
		set -- "$R/s"
		out="$R/s" before="$R/before.json" M="$R/s/master/master.mkv"
	else
		what=$(damage "$T/$m/master/master.mkv" "$R/in.mkv" "$i" "$kind")
		set -- -o "$R/out" "$R/in.mkv"
		out="$R/out" before='' M="$R/in.mkv"
	fi
	t0=$(date +%s.%N)
	# shellcheck disable=SC2086 # $track is empty or two words
	timeout -k 5 "$FAULTS_TIMEOUT" "$ENC" -q -p "$presets" $track "$@" >/dev/null 2>"$R/err"
	rc=$?
	secs=$(python3 -c "import time; print('%.2f' % (time.time() - $t0))")
	verdict=$(encode_verdict "$out" "$before" "$M" "$presets" "$rc" "$R/err" "$dur")
	r=$?
	ok $r "run $i: master $m ($mode), $what; -p $presets $track: $(echo "$verdict" | head -1) in $secs s"
	echo "$verdict" | tail -n +2
	[ $r -ne 0 ] && echo "# replay: $(faults_repro "$0" "$i")"
	if [ "$rc" -eq 0 ]; then zero=$((zero + 1)); else errors=$((errors + 1)); fi
	if python3 -c "import sys; sys.exit(not $secs > $longest)"; then
		longest=$secs longest_run=$i
	fi
	[ $r -eq 0 ] && rm -rf "$R"
done
echo "# encode-damage: $zero exit 0, $errors errors, longest run $longest s (run $longest_run)"

done_testing
