# Helpers for the studio-capture device tests (sourced after tap.sh).
#
# The audio devices are real ALSA PCMs read by PortAudio, configured by a
# private ALSA_CONFIG_PATH:
#   studiotest  type file, slave null: delivers INFILE as fast as it is
#               read (faster than real time);
#   studiort    type file, slave pulse: the same INFILE, paced in real time
#               by a private PulseAudio server (null sink);
#   unplugged   a PCM that never opens.  PortAudio 19.6 asserts
#               (devIdx < numDeviceNames) when every ALSA PCM it enumerates
#               opens, so the configuration always holds one that does not.
# The file plugin replaces what its slave captured with INFILE's bytes,
# read in the format PortAudio asked for: the recording must equal INFILE.

CAP="$STUDIO_BIN/studio-capture"
LC_ALL=C
export LC_ALL

# make_signal FILE BYTES SEED: deterministic noise (every bit pattern).
make_signal() {
	python3 -c 'import random, sys
r = random.Random(int(sys.argv[3]))
open(sys.argv[1], "wb").write(r.randbytes(int(sys.argv[2])))' "$1" "$2" "$3"
}

# alsa_config DIR INFILE: writes DIR/asoundrc and exports ALSA_CONFIG_PATH.
alsa_config() {
	cat >"$1/asoundrc" <<EOC
pcm.studiotest {
	type file
	slave.pcm { type null }
	file "/dev/null"
	infile "$2"
	format "raw"
}
pcm.studiort {
	type file
	slave.pcm { type pulse }
	file "/dev/null"
	infile "$2"
	format "raw"
}
pcm.unplugged { type hw card 99 }
EOC
	ALSA_CONFIG_PATH="$1/asoundrc"
	export ALSA_CONFIG_PATH
}

# start_pulse DIR: a private PulseAudio server with a null sink (its
# monitor is the default source), for the real-time device studiort.
start_pulse() {
	XDG_RUNTIME_DIR="$1/xdg"
	export XDG_RUNTIME_DIR
	mkdir -p "$XDG_RUNTIME_DIR"
	chmod 700 "$XDG_RUNTIME_DIR"
	HOME="$1" pulseaudio --daemonize=yes -n --exit-idle-time=-1 --disable-shm=yes \
		--load=module-native-protocol-unix \
		--load="module-null-sink sink_name=studio" >/dev/null 2>&1
	_i=0
	while ! pactl info >/dev/null 2>&1; do
		_i=$((_i + 1))
		[ $_i -gt 100 ] && return 1
		sleep 0.1
	done
}

stop_pulse() {
	[ -f "$XDG_RUNTIME_DIR/pulse/pid" ] && kill "$(cat "$XDG_RUNTIME_DIR/pulse/pid")" 2>/dev/null
	_i=0
	while pactl info >/dev/null 2>&1 && [ $_i -lt 50 ]; do
		_i=$((_i + 1))
		sleep 0.1
	done
}

# bitexact MASTER RAW CHANNELS FMT(s16le|s24le|f32le): decodes each track
# of MASTER, interleaves them and compares with the start of RAW.  Prints
# "FRAMES exact" or "FRAMES different".
bitexact() {
	python3 - "$@" <<'EOP'
import subprocess, sys
m, raw, ch, fmt = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
bps = {"s16le": 2, "s24le": 3, "f32le": 4}[fmt]
tracks = [subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", m, "-map", "0:a:%d" % c,
                          "-c:a", "pcm_" + fmt, "-f", fmt, "-"],
                         check=True, capture_output=True).stdout for c in range(ch)]
n = min(len(t) for t in tracks) // bps
want = open(raw, "rb").read(n * ch * bps)
out = bytearray(n * ch * bps)
for c, t in enumerate(tracks):
    for b in range(bps):
        out[c * bps + b::ch * bps] = t[b:n * bps:bps]
print(n, "exact" if bytes(out) == want else "different")
EOP
}

# decoded_seconds MASTER: duration of the sound that decodes: samples of
# the shortest audio track over its rate.
decoded_seconds() {
	python3 - "$1" <<'EOP'
import json, subprocess, sys
info = json.loads(subprocess.run(["ffprobe", "-v", "error", "-select_streams", "a",
                                  "-show_entries", "stream=sample_rate", "-of", "json", sys.argv[1]],
                                 capture_output=True, text=True).stdout or "{}")
rates = [int(s["sample_rate"]) for s in info.get("streams", [])]
secs = []
for i, rate in enumerate(rates):
    out = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", sys.argv[1], "-map",
                          "0:a:%d" % i, "-f", "s16le", "-"], capture_output=True)
    secs.append(len(out.stdout) / 2 / rate)
print("%.3f" % (min(secs) if secs else 0))
EOP
}

# decodes_cleanly FILE: ffmpeg decodes every stream without an error line.
decodes_cleanly() {
	[ -z "$(ffmpeg -nostdin -v error -i "$1" -f null - 2>&1)" ]
}

# wait_json FILE KEY MIN: waits (up to 30 s) for a JSON status line in FILE
# whose KEY is at least MIN.
wait_json() {
	python3 - "$@" <<'EOP'
import json, sys, time
path, key, low = sys.argv[1], sys.argv[2], float(sys.argv[3])
end = time.time() + 30
while time.time() < end:
    try:
        for line in open(path):
            try:
                if json.loads(line).get(key, -1) >= low:
                    sys.exit(0)
            except ValueError:
                pass
    except OSError:
        pass
    time.sleep(0.02)
sys.exit(1)
EOP
}

# start_xvfb: a private X server on a free display, 640x480; sets
# $XDISPLAY and $xvfb_pid.
start_xvfb() {
	for _d in 91 92 93 94 95 96 97 98 99 90; do
		[ -e "/tmp/.X$_d-lock" ] || [ -e "/tmp/.X11-unix/X$_d" ] && continue
		Xvfb ":$_d" -screen 0 640x480x24 -nolisten tcp >/dev/null 2>&1 &
		xvfb_pid=$!
		XDISPLAY=":$_d"
		_i=0
		while [ ! -e "/tmp/.X11-unix/X$_d" ]; do
			_i=$((_i + 1))
			[ $_i -gt 100 ] && return 1
			sleep 0.05
		done
		return 0
	done
	return 1
}

# The meter's tests drive studio-capture in a tmux pane of the private
# tmux server named by $CUR (tmux -L "$CUR"); screen prints the pane.
screen() { tmux -L "$CUR" capture-pane -p 2>/dev/null; }
# wait_screen PATTERN: until the pane shows PATTERN (20 s at most).
wait_screen() {
	_i=0
	until screen | grep -q -- "$1"; do
		_i=$((_i + 1))
		[ $_i -gt 400 ] && return 1
		sleep 0.05
	done
}
# run_in_tmux NAME ARGS...: studio-capture recording the real-time ALSA
# device (alsa_config, start_pulse) into $T/NAME in a new 80x24 pane of
# its own tmux server ($SOCK-NAME, which becomes $CUR; the previous one is
# killed); ARGS are shell words added to the command line; its exit
# status goes to $T/NAME.rc.
run_in_tmux() {
	_n=$1
	shift
	[ -n "$CUR" ] && tmux -L "$CUR" kill-server 2>/dev/null
	CUR="$SOCK-$_n"
	tmux -L "$CUR" -f /dev/null new-session -d -x 80 -y 24 \
		"ALSA_CONFIG_PATH='$ALSA_CONFIG_PATH' XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR' '$CAP' --session '$T/$_n' --audio studiort $*; echo \$? >'$T/$_n.rc'; sleep 30"
}
# type_name TEXT: M on the meter, then TEXT typed as a marker's name, each
# step waited for on the pane (TEXT holds no grep pattern characters); the
# caller ends the name (Enter, Escape).  False when a step did not show.
type_name() {
	tmux -L "$CUR" send-keys M
	wait_screen "^marker name: _" || return 1
	tmux -L "$CUR" send-keys -l "$1"
	wait_screen "^marker name: $1_"
}
# wait_file FILE: until it exists and is not empty (30 s at most).
wait_file() {
	_i=0
	until [ -s "$1" ]; do
		_i=$((_i + 1))
		[ $_i -gt 600 ] && return 1
		sleep 0.05
	done
}
