#!/bin/sh
# The file size limit at random sizes (issue 6): studio-encode writes three
# renditions (web-480p, podcast, poster) of a real studio-capture master
# under RLIMIT_FSIZE drawn from 1 B to 512 kB (log-uniformly in odd runs,
# uniformly in even ones), SIGXFSZ at its default action as a shell's
# `ulimit -f` leaves it.  Each run must end in a correct encode recorded in
# session.json, or with exit 74 and only "cannot write RENDITION: File too
# large" lines, no file under a final name, no temporary file left and
# session.json as it was (faults-lib.sh: encode_verdict).  20 runs with
# FAULTS_FULL=1, else 3.
. "$(dirname "$0")/faults-lib.sh"

RUNS=$(faults_runs 3 20)
plan $((1 + $(echo "$RUNS" | wc -l)))

"$CAP" --session "$T/V" --video test:320x240@25 --duration 3 --no-meter --quiet
ok $? "master V: test pattern and tone, H.264 + FLAC, 3 s"

P=web-480p,podcast,poster
ERR="^studio-encode: cannot write $T/r[0-9]*/renditions/[a-z0-9-]*\.[a-z0-9]*: File too large\$"
zero=0 errors=0
for i in $RUNS; do
	if [ $((i % 2)) -eq 1 ]; then
		L=$(python3 -c "print(int(2 ** $(faults_uniform "$i" limit 0 19)))")
	else
		L=$(python3 -c "print(int($(faults_uniform "$i" limit 0 524288)))")
	fi
	R="$T/r$i"
	cp -r "$T/V" "$R"
	cp "$R/session.json" "$T/before$i.json"
	# stderr through a pipe: a file would be under the limit too.
	{
		with_fsize "$L" timeout -k 5 "$FAULTS_TIMEOUT" "$ENC" -q -p "$P" "$R" 2>&1 >/dev/null
		echo $? >"$R.rc"
	} | cat >"$R.err"
	rc=$(cat "$R.rc")
	verdict=$(encode_verdict "$R" "$T/before$i.json" "$R/master/master.mkv" "$P" "$rc" \
		"$R.err" 3 "$ERR")
	r=$?
	case $rc in 0 | 74) ;; *) r=1 ;; esac
	desc="run $i: limit $L B: $(echo "$verdict" | head -1)"
	ok $r "$desc"
	echo "$verdict" | tail -n +2
	[ $r -ne 0 ] && echo "# replay: $(faults_repro "$0" "$i")"
	if [ "$rc" -eq 0 ]; then zero=$((zero + 1)); else errors=$((errors + 1)); fi
	[ $r -eq 0 ] && rm -rf "$R"
done
echo "# encode-fsize: $zero exit 0, $errors errors"

done_testing
