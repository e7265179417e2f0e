#!/bin/sh
# Disk space: studio-capture refuses to start when the recording will not
# fit (file size limit, small file system), warns under 10 minutes left,
# and stops cleanly with a playable master and exit 79 when the disk fills
# up during a recording — above its safety margin, or with ENOSPC.  The
# disk is a small tmpfs (mounted here as root), filled by another process
# while the real-time ALSA device records (capture-lib.sh).
set -u
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/capture-lib.sh"
T=$(mktemp -d)
D="$T/disk"
mkdir "$D"
trap 'stop_pulse; umount "$D" 2>/dev/null; rm -rf "$T"' EXIT INT TERM

plan 18

SIG="$T/signal.raw"
make_signal "$SIG" $((48000 * 2 * 2 * 30)) 4
alsa_config "$T" "$SIG"
start_pulse "$T"
ok $? "a private PulseAudio server runs"
mount -t tmpfs -o size=40m tmpfs "$D"
ok $? "a 40 MB tmpfs is mounted"

# Refusals at the start.
fails_cleanly "60 s of 8 x 24-bit sound do not fit in 40 MB" \
	"not enough space in $D/big: .* free, .* needed for 60 s of recording" \
	"$CAP" --session "$D/big" --audio studiotest --channels 8 --duration 60
fails_cleanly "without --duration, 10 minutes must fit" "needed for 600 s of recording" \
	"$CAP" --session "$D/big" --audio studiotest --channels 2
"$CAP" --session "$D/big" --audio studiotest --channels 2 >/dev/null 2>&1
is "$?:$(ls -A "$D/big/master")" "79:" "... exit 79, nothing recorded"
# (SIGXFSZ ignored: PulseAudio's client sizes shared memory with ftruncate
# while PortAudio lists the devices, and falls back when refused.)
(ulimit -f 1000; exec "$CAP" --session "$T/lim" --audio studiotest --duration 30 --no-meter) \
	>"$T/out" 2>"$T/err"
is "$?" 79 "the file size limit counts as space (ulimit -f)"
check "... and is reported as such" grep -q "not enough space in $T/lim" "$T/err"

# fill_to_free BYTES: another process takes the tmpfs's space, leaving
# BYTES free (0: until the disk is full).
fill_to_free() {
	avail=$(df -B1 --output=avail "$D" | tail -1)
	if [ "$1" -eq 0 ]; then
		dd if=/dev/zero of="$D/filler" bs=64k >/dev/null 2>&1
	else
		dd if=/dev/zero of="$D/filler" bs=1 count=0 seek=$((avail - $1)) 2>/dev/null
		fallocate -l $((avail - $1)) "$D/filler"
	fi
}

# The safety margin: 8 MB left while recording 2 x 16-bit sound.
"$CAP" --session "$D/m" --audio studiort --channels 2 --format s16 --duration 60 --json \
	>"$T/m.json" 2>"$T/m.err" &
pid=$!
wait_json "$T/m.json" elapsed 1.5
fill_to_free 8000000
wait $pid
rc=$?
is "$rc" 79 "under the safety margin the recording stops with exit 79"
check "... saying the disk is almost full" grep -q "disk almost full: stopped recording" "$T/m.err"
check "... after warning that less than 10 minutes were left" \
	grep -q "less than 10 minutes of recording left" "$T/m.err"
M="$D/m/master/master.mkv"
check "the master is finished and decodes without error" decodes_cleanly "$M"
S=$(decoded_seconds "$M")
be=$(bitexact "$M" "$SIG" 2 s16le)
is "${be#* }" exact "... bit-exact ($S s)"
is "$(json_get "$D/m/session.json" '(d["captures"][0]["end"], d["captures"][0]["duration"] >= 1.5)')" \
	"('disk-full', True)" "session.json: ended by the disk, with what was recorded"
rm -f "$D/filler"

# ENOSPC: the disk filled up completely.
"$CAP" --session "$D/f" --audio studiort --channels 2 --format s16 --duration 60 --json \
	>"$T/f.json" 2>"$T/f.err" &
pid=$!
wait_json "$T/f.json" elapsed 1.5
fill_to_free 0
wait $pid
rc=$?
is "$rc" 79 "a full disk stops the recording with exit 79 ($(head -1 "$T/f.err"))"
M="$D/f/master/master.mkv"
check "the master, cut back to its last whole cluster, decodes without error" decodes_cleanly "$M"
S=$(decoded_seconds "$M")
be=$(bitexact "$M" "$SIG" 2 s16le)
is "${be#* }" exact "... bit-exact ($S s)"
rm -f "$D/filler"
"$CAP" --recover "$D/f" >/dev/null 2>"$T/err"
rc=$?
[ -f "$D/f/session.json" ] && C=$(json_get "$D/f/session.json" '[c["end"] for c in d["captures"]]')
case "${C:-}" in
"['disk-full']" | "['recovered']") r=0 ;;
*) r=1 ;;
esac
ok $r "the capture is in session.json, at once or after --recover (exit $rc, ${C:-none})"
near "$(json_get "$D/f/session.json" 'd["captures"][0]["duration"]')" "$S" 0.011
ok $? "... with the duration that decodes ($S s)"

done_testing
