#!/bin/sh
# studio-encode --segments N --slurm against a real Slurm: a private
# single-node cluster (tests/peers/slurm.sh: munged, slurmctld, slurmd on
# 127.0.0.1, as root):
#   - a 40 s 320x180 master with captions and markers, the 4 quick presets
#     of segments-lib.sh (derived from web-720p, webm-720p, podcast, and
#     jury), 4 segments, --wait on a terminal: the renditions pass every
#     check encode-segments.t makes against a one-machine run (duration,
#     frames, keyframes, sound, loudness, size within 2 %, SSIM at the
#     joins, session.json records), the segments ran as separate jobs,
#     --wait showed its progress;
#   - on a 10 s master with two presets (web-720p made veryfast, podcast),
#     2 to 6 segments:
#     a cancelled segment job: the join does not run, nothing is under a
#     final name, the same command again finishes;
#     a catalogue of 3 sessions with --wait, one segment cancelled: it is
#     resubmitted once and every session is encoded.
# The node is drained while a chain is submitted, so that a job is
# cancelled before it can start: no timing is assumed.
. "$(dirname "$0")/encode-lib.sh"
. "$(dirname "$0")/segments-lib.sh"
. "$STUDIO_SRC/tests/peers/slurm.sh"

for p in munged slurmctld slurmd sbatch squeue scontrol scancel; do
	command -v $p >/dev/null 2>&1 || {
		echo "1..0 # SKIP $p is missing: slurm-wlm and munge are not installed (make deps)"
		exit 0
	}
done
[ "$(id -u)" -eq 0 ] || { echo "1..0 # SKIP slurmd runs jobs as root only"; exit 0; }

plan 67

trap 'slurm_stop; [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 143' INT TERM
slurm_start "$tmp/slurm" || { echo "Bail out! the private Slurm cluster does not start"; exit 1; }

# --- a master, captions, two quick user presets ----------------------------
master -f lavfi -i testsrc2=size=320x180:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 \
	-t 10 -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a flac "$tmp/master.mkv"
printf 'WEBVTT\n\n00:01.000 --> 00:03.000\nBonjour à tous\n\n00:06.000 --> 00:08.000\nÀ bientôt\n' \
	> "$tmp/fr.vtt"
P="$XDG_CONFIG_HOME/studio/presets"
mkdir -p "$P"
sed 's/^x264_preset = .*/x264_preset = veryfast/' "$STUDIO_SRC/presets/web-720p.ini" > "$P/t-web.ini"
cp "$STUDIO_SRC/presets/podcast.ini" "$P/t-podcast.ini"
QUICK=t-web,t-podcast

new_session() { # DIR
	mkdir -p "$1/master"
	cp "$tmp/master.mkv" "$1/master/master.mkv"
	cat > "$1/session.json" <<'EOF'
{
  "schema": "studio-session/1",
  "title": {"fr": "Atelier de co-conception"},
  "languages": ["fr"],
  "captures": [{"file": "master/master.mkv", "markers": [{"t": 4.0, "label": "Deuxième partie"}]}]
}
EOF
}

# finals DIR: the files under a final name in DIR/renditions (not hidden).
finals() {
	ls "$1/renditions" 2>/dev/null | tr '\n' ' '
}
streams() {
	ffprobe -v error -show_entries stream=codec_name,width,height,sample_rate,channels \
		-of csv=p=0 "$1" 2>/dev/null | tr '\n' ' '
}
# jobs_end IDS...: waits (at most 300 s) until none of the jobs is pending
# or running.
jobs_end() {
	_ids=$(echo "$@" | tr ' ' ',')
	_n=0
	while [ $_n -lt 300 ] && squeue -h -t all -r -j "$_ids" -o %T 2>/dev/null |
		grep -qv -e COMPLETED -e FAILED -e CANCELLED; do
		sleep 1
		_n=$((_n + 1))
	done
}
state() { squeue -h -t all -j "$1" -o %T 2>/dev/null; }
drain() { scontrol update nodename="$SLURM_NODE" state=drain reason=studio-test; }
resume() { scontrol update nodename="$SLURM_NODE" state=resume; }
# first_line FILE [PATTERN]: waits (at most 60 s) for a line in FILE
# (matching PATTERN).
first_line() {
	_n=0
	while [ $_n -lt 600 ] && ! grep -q "${2:-.}" "$1" 2>/dev/null; do
		sleep 0.1
		_n=$((_n + 1))
	done
}

# --- the reference: one machine ---------------------------------------------
A="$tmp/one machine"
new_session "$A"
nice -n 15 "$ENC" --quiet --preset $QUICK --captions fr="$tmp/fr.vtt" "$A"
check "one-machine run" test $? -eq 0

# --- 40 s, 4 presets, 4 segments through Slurm, --wait on a terminal --------
# The checks of encode-segments.t (segments-lib.sh) against a one-machine
# run of the same master; --wait's stderr is a terminal (script), where it
# shows its progress line.
segment_presets
ONE="$tmp/one 40 s"
segment_master "$ONE" 40
B="$tmp/slurm 'B'"
cp -a "$ONE" "$B"
nice -n 15 "$ENC" -q -p $PRESETS --captions fr="$tmp/fr.vtt" "$ONE"
check "one-machine run of the 40 s master, 4 presets" test $? -eq 0
(cd "$tmp" && ENC=$ENC PRESETS=$PRESETS SESSION=$B script -qec \
	'exec nice -n 15 "$ENC" --preset "$PRESETS" --captions fr=fr.vtt --segments 4 --slurm --wait "$SESSION" >ids' \
	"$tmp/tty" </dev/null >/dev/null)
rc=$?
is "$rc" 0 "--slurm --wait exits with the join's status 0"
[ $rc -eq 0 ] || sed 's/^/# /' "$tmp/tty" "$B"/renditions/.slurm/*.out
set -- $(cat "$tmp/ids")
is "$(wc -l < "$tmp/ids")" 1 "one line of job ids"
plan_id=$1 array=$2 join=$3
is "$4 $5" "$B" "the line ends with the session"
is "$(state "$plan_id") $(state "$join")" "COMPLETED COMPLETED" "the plan and the join completed"
is "$(squeue -h -t all -r -j "$array" -o '%i %T' | sort | tr '\n' ' ')" \
	"${array}_1 COMPLETED ${array}_2 COMPLETED ${array}_3 COMPLETED ${array}_4 COMPLETED " \
	"the segments ran as four tasks of one array job, each completed"
for k in 1 2 3 4; do
	check "segment $k ran as its own job: its output file" \
		test -f "$B/renditions/.slurm/segment-$k.job${array}_$k.out"
done
check "the join's output file is there" test -f "$B/renditions/.slurm/join.job$join.out"
grep -q "encoded through slurm (join job $join)" "$tmp/tty"
ok $? "the session is said encoded, naming the join"
grep -q "slurm: plans [01]/1, segments [0-4]/4, joins [01]/1 done" "$tmp/tty"
ok $? "--wait on a terminal shows its progress line"
check "no part left" test ! -e "$B/renditions/.parts" -o -z "$(ls -A "$B/renditions/.parts" 2>/dev/null)"
for f in segweb.mp4 segwebm.webm segpod.ogg jury.mp4; do
	is "$(streams "$B/renditions/$f")" "$(streams "$ONE/renditions/$f")" "$f: the same streams"
done
same_as_one_machine "$ONE" "$B" 40

# --- a cancelled segment: the join does not run -----------------------------
C="$tmp/cancelled"
new_session "$C"
drain
nice -n 15 "$ENC" --preset $QUICK --segments 6 --slurm "$C" > "$tmp/ids" 2> "$tmp/err"
is "$?" 0 "--slurm without --wait exits once submitted"
set -- $(cat "$tmp/ids")
scancel "${2}_2"
resume
jobs_end "$1" "$2" "$3"
check "segment 2 never ran" test ! -e "$C/renditions/.slurm/segment-2.job${2}_2.out"
check "segments 1 and 3 ran" test -f "$C/renditions/.slurm/segment-1.job${2}_1.out" \
	-a -f "$C/renditions/.slurm/segment-3.job${2}_3.out"
is "$(state "$3")" CANCELLED "the join never ran: Slurm cancelled it (its dependency failed)"
is "$(finals "$C")" "" "nothing under a final name"
is "$(json_get "$C/session.json" 'len(d.get("renditions", []))')" 0 "session.json records no rendition"
nice -n 15 "$ENC" --quiet --preset $QUICK --segments 6 --slurm --wait "$C" > "$tmp/ids" 2> "$tmp/err"
rc=$?
is "$rc" 0 "the same command again finishes"
[ $rc -eq 0 ] || sed 's/^/# /' "$tmp/err"
is "$(frames "$C/renditions/t-web.mp4" v)" "$(frames "$A/renditions/t-web.mp4" v)" \
	"then t-web.mp4 has every frame"
set -- $(cat "$tmp/ids")
grep -q "segment 6: nothing to encode, the plan has 5 segments" \
	"$C/renditions/.slurm/segment-6.job${2}_6.out"
ok $? "6 segments asked of 5 GOPs, 5 planned: the sixth task has nothing to do"

# --- a catalogue, one segment cancelled, --wait resubmits it ----------------
for s in D E F; do new_session "$tmp/$s"; done
drain
(cd "$tmp" && nice -n 15 "$ENC" --preset $QUICK --segments 2 --jobs 1 --slurm --wait D E F \
	> "$tmp/ids" 2> "$tmp/err") &
pid=$!
first_line "$tmp/ids" " F$"
e_array=$(sed -n 2p "$tmp/ids" | cut -d' ' -f2)
scancel "${e_array}_2"
resume
wait $pid
rc=$?
pid=
is "$rc" 0 "catalogue: exit 0 once the cancelled segment was resubmitted"
[ $rc -eq 0 ] || sed 's/^/# /' "$tmp/err"
is "$(wc -l < "$tmp/ids")" 3 "catalogue: one line of job ids per session"
grep -q "warning: E: segment 2 failed (job ${e_array}_2): resubmitted as job" "$tmp/err"
ok $? "catalogue: the cancelled segment is named and resubmitted"
is "$(grep -c "encoded through slurm" "$tmp/err")" 3 "catalogue: three sessions encoded"
grep -q "slurm: plans" "$tmp/err"
is "$?" 1 "catalogue: stderr not a terminal, no progress line"
for s in D E F; do
	is "$(frames "$tmp/$s/renditions/t-web.mp4" v)" "$(frames "$A/renditions/t-web.mp4" v)" \
		"catalogue: $s's t-web.mp4 has every frame"
done
check "catalogue: E's resubmitted segment has its own output file" \
	test -n "$(ls "$tmp/E/renditions/.slurm/" | grep -v "job${e_array}_" | grep '^segment-2\.job')"
scontrol show job "$e_array" 2>/dev/null | grep -q 'ArrayTaskThrottle=1'
ok $? "catalogue: --jobs 1 bounds each array (%1)"

# --- a segment cancelled twice: the session fails, naming it -----------------
G="$tmp/G"
new_session "$G"
drain
(cd "$tmp" && "$ENC" --preset $QUICK --segments 2 --slurm --wait G > "$tmp/ids" 2> "$tmp/err") &
pid=$!
first_line "$tmp/ids" " G$"
g_array=$(cut -d' ' -f2 "$tmp/ids")
scancel "${g_array}_2"
first_line "$tmp/err" "resubmitted as job"
retry_job=$(sed -n 's/.*resubmitted as job \([0-9]*\),.*/\1/p' "$tmp/err")
scancel "$retry_job"
wait $pid
rc=$?
pid=
resume
is "$rc" 70 "twice cancelled: exit 70 (the segment's job was cancelled)"
grep -q "G: segment 2 failed again (job $retry_job): see G/renditions/.slurm/segment-2.job$retry_job.out" \
	"$tmp/err"
ok $? "twice cancelled: the error names the segment, its job and its output file"
is "$(finals "$G")" "" "twice cancelled: nothing under a final name"

# --- what the command line refuses --------------------------------------------
fails_cleanly "--slurm needs --segments" "needs --segments" "$ENC" --slurm "$A"
fails_cleanly "--wait needs --slurm" "wait needs --slurm" "$ENC" --segments 2 --wait "$A"
fails_cleanly "--slurm encodes sessions only" "not a session folder" \
	"$ENC" --segments 2 --slurm "$tmp/master.mkv"
fails_cleanly "--slurm refuses --json" "cannot be used with --slurm" \
	"$ENC" --segments 2 --slurm --json "$A"
done_testing
