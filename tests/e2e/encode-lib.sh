# encode-lib.sh — sourced by the tests/e2e/encode-*.t files: the TAP
# helpers, $ENC, a temporary folder $tmp removed on exit (and the process
# $pid killed, when a test sets it), no personal presets, and the checks
# several tests share (faststart, loudness).
set -u
. "$(dirname "$0")/tap.sh"
ENC="$STUDIO_BIN/studio-encode"
tmp=$(mktemp -d) || exit 1
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
XDG_CONFIG_HOME="$tmp/xdg"      # no personal presets interfere
export XDG_CONFIG_HOME

# master FFMPEG_ARGS...: makes a test master with the ffmpeg CLI, or bails out.
master() {
	ffmpeg -v error "$@" || { echo "Bail out! ffmpeg cannot make the test master"; exit 1; }
}

# faststart FILE: true when the MP4 atom "moov" comes before "mdat".
faststart() {
	python3 - "$1" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
atoms, i = [], 0
while i + 8 <= len(data):
    size, kind = struct.unpack(">I4s", data[i:i + 8])
    if size == 1:
        size = struct.unpack(">Q", data[i + 8:i + 16])[0]
    atoms.append(kind.decode("latin-1"))
    if size < 8:
        break
    i += size
sys.exit(0 if "moov" in atoms and "mdat" in atoms and atoms.index("moov") < atoms.index("mdat") else 1)
PY
}

# ebur128 of the file's audio: prints "I TP" (LUFS, dBTP).
loudness() {
	ffmpeg -hide_banner -nostats -i "$1" -map 0:a:0 -af ebur128=peak=true -f null - 2>&1 |
		awk '/^ +I:/ { i = $2 } /^ +Peak:/ { p = $2 } END { print i, p }'
}
check_loudness() { # FILE TARGET: two checks, integrated ±0.5 LU and true peak ≤ -1 dBTP
	set -- "$1" "$2" $(loudness "$1")
	near "$3" "$2" 0.5
	ok $? "$(basename "$1"): integrated $3 LUFS within 0.5 LU of $2"
	python3 -c "import sys; sys.exit(not float('$4') <= -1.0)"
	ok $? "$(basename "$1"): true peak $4 dBTP at most -1"
}

# running_capture DIR BYTES CAPTURE_ARGS...: studio-capture records the
# test sources into DIR in the background ($pid) until its master holds
# BYTES (waiting at most 30 s).
running_capture() {
	_kd=$1 _kb=$2
	shift 2
	"$STUDIO_BIN/studio-capture" --quiet --session "$_kd" --test-sources --duration 3600 "$@" \
		>/dev/null 2>&1 &
	pid=$!
	_ki=0
	while [ $_ki -lt 600 ] && [ "$(stat -c %s "$_kd/master/master.mkv" 2>/dev/null || echo 0)" -lt "$_kb" ]; do
		sleep 0.05
		_ki=$((_ki + 1))
	done
}

# killed_capture DIR BYTES CAPTURE_ARGS...: the same, then killed with
# SIGKILL: the master without its end, session.json with the recording
# still in progress.
killed_capture() {
	running_capture "$@"
	kill_capture
}

# kill_capture: kills the running_capture with SIGKILL.
kill_capture() {
	kill -9 $pid
	wait $pid 2>/dev/null
	pid=
}
