# faults-lib.sh — sourced by tests/faults/capture-*.t and encode-*.t: the
# TAP helpers and the capture helpers of tests/e2e/, a temporary folder $T
# removed on exit, the seed and the number of runs, and the damage and
# verdict tools of the fault-injection scenarios.
#
# Every scenario takes its randomness from FAULTS_SEED (default: the clock
# for the full counts, a fixed seed for make check's short runs, which must
# not turn red by chance), printed first as "# FAULTS_SEED=..." so that a failure can be replayed;
# run N of a scenario draws from the seed and N only.  FAULTS_FULL=1 runs
# the full count (make check-faults), else a short one (make check);
# FAULTS_ONLY=N runs run N alone.
set -u
. "$STUDIO_SRC/tests/e2e/tap.sh"
. "$STUDIO_SRC/tests/e2e/capture-lib.sh"
# shellcheck disable=SC2034 # used by the scenarios that source this file
ENC="$STUDIO_BIN/studio-encode"
if [ "${FAULTS_FULL:-0}" = 1 ]; then
	FAULTS_SEED=${FAULTS_SEED:-$(date +%s)}
else
	FAULTS_SEED=${FAULTS_SEED:-20261128}
fi
FAULTS_TIMEOUT=${FAULTS_TIMEOUT:-120}
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT INT TERM    # a test that starts peers replaces it
XDG_CONFIG_HOME="$T/xdg"        # no personal presets interfere
export XDG_CONFIG_HOME
echo "# FAULTS_SEED=$FAULTS_SEED"

# faults_runs SHORT FULL: prints the run numbers of this scenario.
faults_runs() {
	if [ -n "${FAULTS_ONLY:-}" ]; then
		echo "$FAULTS_ONLY"
	elif [ "${FAULTS_FULL:-0}" = 1 ]; then
		seq 1 "$2"
	else
		seq 1 "$1"
	fi
}

# faults_repro SCRIPT RUN: how to replay one run.
faults_repro() {
	echo "FAULTS_SEED=$FAULTS_SEED FAULTS_ONLY=$2 make check-faults PROVEFLAGS=-v (or prove $1)"
}

# faults_pick RUN SALT CHOICE...: one of the choices, drawn from the seed,
# the run and SALT.
faults_pick() {
	python3 - "$FAULTS_SEED" "$@" <<'EOP'
import random, sys
seed, run, salt, choices = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
print(random.Random("%s/%s/%s" % (seed, run, salt)).choice(choices))
EOP
}

# faults_uniform RUN SALT LOW HIGH: a number drawn in [LOW, HIGH).
faults_uniform() {
	python3 - "$FAULTS_SEED" "$@" <<'EOP'
import random, sys
seed, run, salt, lo, hi = sys.argv[1:]
print("%.3f" % random.Random("%s/%s/%s" % (seed, run, salt)).uniform(float(lo), float(hi)))
EOP
}

# kill_after PID DELAY: SIGKILL to PID DELAY seconds from now (a python
# sleep: sub-second and not rounded by sleep(1) implementations).
kill_after() {
	python3 -c 'import os, signal, sys, time
time.sleep(float(sys.argv[2]))
os.kill(int(sys.argv[1]), signal.SIGKILL)' "$1" "$2"
}

# last_elapsed JSONFILE: the "elapsed" of the last status line (0 if none):
# the sound the device had delivered, as studio-capture last reported it.
last_elapsed() {
	python3 - "$1" <<'EOP'
import json, sys
e = 0.0
for line in open(sys.argv[1], errors="replace"):
    try:
        e = max(e, float(json.loads(line).get("elapsed", 0)))
    except (ValueError, AttributeError):
        pass
print("%.3f" % e)
EOP
}

# damage IN OUT RUN KIND: writes OUT, a copy of the Matroska file IN damaged
# by KIND, drawn from the seed and RUN; prints what was done.  Kinds:
#   truncate      cut at a random offset
#   flip-header   1-8 bytes XORed before the first cluster
#   flip-payload  1-32 bytes XORed in the clusters
#   zero-header   an element before the first cluster zeroed (EBML header,
#                 SeekHead, Info, Tracks, or all of it)
#   zero-cluster  one whole cluster zeroed
#   garbage       64 bytes to 4 kB overwritten with random bytes
damage() {
	python3 - "$FAULTS_SEED" "$@" <<'EOP'
import random, sys
seed, src, dst, run, kind = sys.argv[1:]
r = random.Random("%s/%s/damage" % (seed, run))
data = bytearray(open(src, "rb").read())
n = len(data)
CLUSTER = b"\x1f\x43\xb6\x75"
clusters, i = [], data.find(CLUSTER)
while i >= 0:
    clusters.append(i)
    i = data.find(CLUSTER, i + 4)
head = clusters[0] if clusters else min(n, 4096)

def flip(lo, hi, count):
    spots = sorted(r.randrange(lo, hi) for _ in range(count))
    for s in spots:
        data[s] ^= r.randrange(1, 256)
    return ",".join(map(str, spots))

if kind == "truncate":
    cut = r.randrange(1, n)
    del data[cut:]
    what = "cut at byte %d of %d" % (cut, n)
elif kind == "flip-header":
    what = "bytes flipped at " + flip(0, head, r.randint(1, 8))
elif kind == "flip-payload":
    what = "bytes flipped at " + flip(head, n, r.randint(1, 32))
elif kind == "zero-header":
    ids = {"EBML header": b"\x1a\x45\xdf\xa3", "SeekHead": b"\x11\x4d\x9b\x74",
           "Info": b"\x15\x49\xa9\x66", "Tracks": b"\x16\x54\xae\x6b"}
    offs = {k: data.find(v, 0, head) for k, v in ids.items()}
    starts = sorted([o for o in offs.values() if o >= 0] + [head])
    name = r.choice(sorted([k for k, o in offs.items() if o >= 0]) + ["all headers"])
    lo = 0 if name == "all headers" else offs[name]
    hi = head if name == "all headers" else min(s for s in starts if s > lo)
    data[lo:hi] = bytes(hi - lo)
    what = "%s zeroed (bytes %d-%d)" % (name, lo, hi)
elif kind == "zero-cluster":
    k = r.randrange(len(clusters))
    lo, hi = clusters[k], clusters[k + 1] if k + 1 < len(clusters) else n
    data[lo:hi] = bytes(hi - lo)
    what = "cluster %d of %d zeroed (bytes %d-%d)" % (k + 1, len(clusters), lo, hi)
elif kind == "garbage":
    size = r.randint(64, 4096)
    lo = r.randrange(0, max(1, n - size))
    data[lo:lo + size] = r.randbytes(size)
    what = "%d random bytes at %d" % (size, lo)
else:
    sys.exit("unknown damage " + kind)
open(dst, "wb").write(data)
print(kind + ": " + what)
EOP
}

# encode_verdict DIR SESSION_BEFORE MASTER PRESETS RC ERRFILE DURATION
# [ERROR_REGEX]: the outcome of one studio-encode run on MASTER (damaged,
# or written under a file size limit), SESSION_BEFORE being a copy of
# DIR/session.json taken before the run ("" for a plain file, whose
# outputs go to DIR).  Prints "exit 0" or "error" and a summary; exits
# non-zero, with the reasons as TAP comments, unless:
#   - the exit is not a signal, a timeout or a sanitizer report;
#   - exit 0: every rendition is under its final name, ffprobe reads it,
#     ffmpeg decodes it without an error, it lasts at most DURATION (the
#     intact master's) + 0.05 s, and session.json records it as it is;
#   - an error: exactly one line on stderr, naming MASTER (with
#     ERROR_REGEX: one or more lines, each matching it); no file under a
#     final name; session.json as it was;
#   - either way: no temporary file (.NAME.XXXXXX) left in DIR or its
#     renditions, session.json valid.
encode_verdict() {
	python3 - "$@" <<'EOP'
import json, os, re, subprocess, sys
out, before, master, presets, rc, errfile, duration = sys.argv[1:8]
regex = sys.argv[8] if len(sys.argv) > 8 else None
rc, duration = int(rc), float(duration)
err = open(errfile, errors="replace").read()
lines = [l for l in err.splitlines() if l.strip()]
session = before != ""
rdir = os.path.join(out, "renditions") if session else out
names = sorted(os.listdir(rdir)) if os.path.isdir(rdir) else []
ext = {"web-480p": "mp4", "podcast": "ogg", "poster": "jpg", "waveform": "png",
       "contact-sheet": "png", "webm-720p": "webm"}
finals = ["%s.%s" % (p, ext[p]) for p in presets.split(",")]
bad = []
if rc == 124 or rc >= 128:
    bad.append("exit %d: %s" % (rc, "timeout (hang)" if rc == 124 else "killed by a signal"))
if "Sanitizer" in err or "runtime error" in err:
    bad.append("sanitizer report")
tmp = [n for n in names + (sorted(os.listdir(out)) if os.path.isdir(out) else [])
       if re.fullmatch(r"\..+\.[A-Za-z0-9]{6}", n)]
if tmp:
    bad.append("temporary files left: %s" % tmp)
doc = None
if session:
    try:
        doc = json.load(open(os.path.join(out, "session.json")))
    except (OSError, ValueError) as e:
        bad.append("session.json unreadable: %s" % e)

def probe(path):
    p = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                        "-of", "json", path], capture_output=True, text=True)
    if p.returncode:
        return None, p.stderr.strip()
    d = json.loads(p.stdout).get("format", {}).get("duration")
    return (float(d) if d else 0.0), ""

if rc == 0:
    for f in finals:
        path = os.path.join(rdir, f)
        if not os.path.isfile(path):
            bad.append("exit 0 without %s" % f)
            continue
        d, e = probe(path)
        if d is None:
            bad.append("ffprobe cannot read %s: %s" % (f, e))
        elif d > duration + 0.05:
            bad.append("%s lasts %.3f s, the master %.3f s" % (f, d, duration))
        dec = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", path, "-f", "null",
                              "-"], capture_output=True, text=True)
        if dec.returncode or dec.stderr.strip():
            bad.append("%s does not decode cleanly: %s" % (f, dec.stderr.strip()[:200]))
        if doc is not None:
            rec = [x for x in doc.get("renditions", []) if x.get("file") == "renditions/" + f]
            if len(rec) != 1 or rec[0].get("bytes") != os.path.getsize(path):
                bad.append("session.json does not record %s as written: %s" % (f, rec))
    what = "exit 0" + (" (%s)" % lines[0][:120] if lines else "")
else:
    if regex and (not lines or not all(re.search(regex, l) for l in lines)):
        bad.append("exit %d, stderr lines not all matching %s" % (rc, regex))
    elif not regex and (len(lines) != 1 or master not in lines[0]):
        bad.append("exit %d, %d lines on stderr, wanted one naming %s" % (rc, len(lines), master))
    left = [f for f in finals if f in names]
    if left:
        bad.append("files left under their final name after a failure: %s" % left)
    if session and open(os.path.join(out, "session.json"), "rb").read() != \
            open(before, "rb").read():
        bad.append("session.json changed by a failed run")
    what = "error %d: %s" % (rc, lines[0][:160] if lines else "")
print(what)
for b in bad:
    print("# " + b)
for l in lines[:5] if bad else []:
    print("#   stderr: " + l[:300])
sys.exit(1 if bad else 0)
EOP
}

# skip DESCRIPTION: a check that does not apply to this run.
skip() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n # skip $1"
}

# with_fsize BYTES COMMAND...: runs COMMAND with its file size limit
# (RLIMIT_FSIZE) at BYTES and SIGXFSZ at its default action, as a shell's
# `ulimit -f` leaves it (python ignores SIGXFSZ, and exec keeps that).
with_fsize() {
	python3 -c 'import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
os.execvp(sys.argv[2], sys.argv[2:])' "$@"
}

