#!/bin/sh
# bench/capture.sh — studio-capture under load (a measurement, not a test).
#
#   bench/capture.sh [BIN_DIR]          (default: ./bin; `make` first)
#   bench/capture.sh BIN_DIR startup    the time to first sample only
#
# "startup" runs studio-capture STARTUP_RUNS times (default 10) on each
# device, 2 channels, 1 s, and reports the median and worst time from exec
# to the first samples in the ring and to the "recording" announcement
# (the STUDIO_TEST_TIMES trace, testhook.h), beside arecord and the ffmpeg
# CLI on the same device (exec to the first bytes of sound on their
# stdout) and their ratio; arecord (alsa-utils) is skipped when it is not
# installed.  The devices: studiotest (ALSA file plugin over
# the null PCM: the ALSA path alone) and studiort (the same through a
# private PulseAudio server).
#
# 1. "fast": 30 minutes of 8-channel 48 kHz 24-bit sound through an ALSA
#    PCM of type file reading /dev/urandom (incompressible: FLAC's worst
#    case), delivered as fast as ALSA gives it, plus the test pattern
#    (1280x720, 25 fps, real time).  An unpaced device outruns any encoder,
#    so drops are expected here: this run measures throughput.
# 2. "real time": the same 8 channels paced by a private PulseAudio server
#    (RT_SECONDS, default 120 s) with the test pattern: drops must be 0.
# 3. The ffmpeg CLI on the same device and on the same sound from a file,
#    for ratios.
# For each: wall time, CPU seconds per second of sound, peak and final RSS
# (sampled every second from /proc), drops, slowest write(2) and fsync(2).
set -eu

BIN=${1:-bin}
CAP="$(cd "$BIN" && pwd)/studio-capture"
FAST_SECONDS=${FAST_SECONDS:-1800}
RT_SECONDS=${RT_SECONDS:-120}
T=$(mktemp -d)
trap '[ -f "$T/xdg/pulse/pid" ] && kill "$(cat "$T/xdg/pulse/pid")" 2>/dev/null; rm -rf "$T"' EXIT INT TERM

cat >"$T/asoundrc" <<EOC
pcm.studiotest { type file slave.pcm { type null } file "/dev/null" infile "/dev/urandom" format "raw" }
pcm.studiort { type file slave.pcm { type pulse } file "/dev/null" infile "/dev/urandom" format "raw" }
pcm.unplugged { type hw card 99 }
EOC
ALSA_CONFIG_PATH="$T/asoundrc"
XDG_RUNTIME_DIR="$T/xdg"
export ALSA_CONFIG_PATH XDG_RUNTIME_DIR
mkdir -m 700 "$XDG_RUNTIME_DIR"
HOME="$T" pulseaudio --daemonize=yes -n --exit-idle-time=-1 --disable-shm=yes \
	--load=module-native-protocol-unix --load="module-null-sink sink_name=studio" 2>/dev/null
until pactl info >/dev/null 2>&1; do sleep 0.1; done

# measure NAME SECONDS_OF_SOUND COMMAND...: runs COMMAND, samples its RSS,
# prints one result line (studio-capture's sound seconds are read from
# $T/NAME/session.json when there is one).
measure() {
	name=$1 secs=$2
	shift 2
	/usr/bin/time -f "%e %U %S %M" -o "$T/$name.time" "$@" >"$T/$name.out" 2>"$T/$name.err" &
	tpid=$!
	sleep 0.2
	pid=$(pgrep -P "$tpid" | head -1)
	peak=0 final=0
	while kill -0 "$pid" 2>/dev/null; do
		rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
		[ -n "$rss" ] && [ "$rss" -gt 0 ] && final=$rss
		[ -n "$rss" ] && [ "$rss" -gt "$peak" ] && peak=$rss
		sleep 1
	done
	wait "$tpid" || true
	read -r wall user sys maxrss <"$T/$name.time"
	python3 - "$name" "$secs" "$wall" "$user" "$sys" "$maxrss" "$peak" "$final" "$T/$name.out" \
		"$T/$name/session.json" <<'EOP'
import json, sys
name, secs, wall, user, sys_, maxrss, peak, final, out, session = sys.argv[1:]
secs, wall, cpu = float(secs), float(wall), float(user) + float(sys_)
last = {}
try:
    for line in open(out):
        if line.startswith("{"):
            last = json.loads(line)
except OSError:
    pass
try:
    c = json.load(open(session))["captures"][0]
    secs = c["duration"]
    last.update({k: c[k] for k in ("dropped_samples", "overflows", "dropped_frames")})
except (OSError, KeyError, IndexError):
    pass
print("%-22s %8.1f s sound  %7.1f s wall  %6.3f CPU s/s  RSS peak %4.0f MB (time: %4.0f) final %4.0f MB"
      "  dropped %s  overflows %s  frames dropped %s  max write %s ms  max fsync %s ms"
      % (name, secs, wall, cpu / secs, int(peak) / 1024, int(maxrss) / 1024,
         int(final) / 1024, last.get("dropped_samples", "-"), last.get("overflows", "-"),
         last.get("dropped_frames", "-"), last.get("max_write_ms", "-"), last.get("max_sync_ms", "-")))
EOP
}

# startup_bench: see the header.
startup_bench() {
	python3 - "$CAP" "$T" "${STARTUP_RUNS:-10}" <<'EOP'
import itertools, os, shutil, statistics, subprocess, sys, time
serial = itertools.count()
cap, tmp, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])

def studio(dev, i):
    i = next(serial)
    trace = os.path.join(tmp, "times-%s-%d" % (dev, i))
    env = dict(os.environ, STUDIO_TEST_TIMES=trace)
    t0 = time.monotonic()
    subprocess.run([cap, "--session", os.path.join(tmp, "s-%s-%d" % (dev, i)), "--audio", dev,
                    "--channels", "2", "--duration", "1", "--no-meter", "--quiet"],
                   env=env, check=True, stdin=subprocess.DEVNULL)
    ev = dict(l.split() for l in open(trace))
    return float(ev["first-sample"]) - t0, float(ev["recording"]) - t0

def first_bytes(cmd):
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         stdin=subprocess.DEVNULL)
    p.stdout.read(1)
    t = time.monotonic() - t0
    p.kill()
    p.wait()
    return t

def tool_runs(cmd):
    if not shutil.which(cmd[0]):
        return None
    return [first_bytes(cmd) for _ in range(runs)]

def show(name, xs, ref=None):
    if xs is None:
        print("  %-34s not installed" % name)
        return None
    med = statistics.median(xs)
    ratio = "  (%.2fx studio-capture's first sample)" % (med / ref) if ref else ""
    print("  %-34s median %6.3f s  worst %6.3f s%s" % (name, med, max(xs), ratio))
    return med

def bench(label, dev):
    st = [studio(dev, i) for i in range(runs)]
    ar = tool_runs(["arecord", "-q", "-D", dev, "-f", "S24_3LE", "-c", "2", "-r", "48000",
                    "-t", "raw"])
    ff = tool_runs(["ffmpeg", "-nostdin", "-v", "error", "-f", "alsa", "-channels", "2",
                    "-sample_rate", "48000", "-i", dev, "-flush_packets", "1", "-f", "s16le", "-"])
    print("%s, %d runs, exec to:" % (label, runs))
    ref = show("studio-capture first sample in ring", [a for a, _ in st])
    show("studio-capture \"recording\"", [b for _, b in st])
    show("arecord first bytes", ar, ref)
    show("ffmpeg CLI first bytes", ff, ref)

bench("studiotest (ALSA)", "studiotest")
bench("studiort (ALSA through PulseAudio, idle null sink)", "studiort")
warm = subprocess.Popen(["parec", "--latency-msec=20", "--raw"], stdout=subprocess.DEVNULL)
time.sleep(2.5)
bench("studiort (PulseAudio, null sink kept running)", "studiort")
warm.kill()
warm.wait()
EOP
}

if [ "${2:-}" = startup ]; then
	echo "studio-capture start-up, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r)"
	startup_bench
	exit 0
fi

echo "studio-capture benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r)"
measure fast-video "$FAST_SECONDS" "$CAP" --session "$T/fast-video" --audio studiotest \
	--channels 8 --format s24 --rate 48000 --duration "$FAST_SECONDS" --video test:1280x720@25 --json
measure fast-sound "$FAST_SECONDS" "$CAP" --session "$T/fast-sound" --audio studiotest \
	--channels 8 --format s24 --rate 48000 --duration "$FAST_SECONDS" --json
measure realtime-video "$RT_SECONDS" "$CAP" --session "$T/realtime-video" --audio studiort \
	--channels 8 --format s24 --rate 48000 --duration "$RT_SECONDS" --video test:1280x720@25 --json
measure ffmpeg-alsa "$RT_SECONDS" ffmpeg -nostdin -v error -f alsa -c:a pcm_s24le -channels 8 \
	-sample_rate 48000 -i studiotest -t "$RT_SECONDS" -c:a flac "$T/ff-alsa.mkv"
head -c $((48000 * 8 * 3 * RT_SECONDS)) /dev/urandom >"$T/sound.raw"
measure ffmpeg-file "$RT_SECONDS" ffmpeg -nostdin -v error -f s24le -ac 8 -ar 48000 \
	-i "$T/sound.raw" -c:a flac "$T/ff-file.mkv"
measure ffmpeg-file-8-tracks "$RT_SECONDS" ffmpeg -nostdin -v error -f s24le -ac 8 -ar 48000 \
	-i "$T/sound.raw" -filter_complex "channelsplit=channel_layout=7.1[a][b][c][d][e][f][g][h]" \
	-map "[a]" -map "[b]" -map "[c]" -map "[d]" -map "[e]" -map "[f]" -map "[g]" -map "[h]" \
	-c:a flac "$T/ff-tracks.mkv"
