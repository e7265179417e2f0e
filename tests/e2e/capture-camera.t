#!/bin/sh
# studio-capture storing a camera's MJPEG and H.264 pictures as delivered
# (no decoding, no encoding) beside the sound of a real ALSA device.
#
# What is real: the sound (the ALSA file PCM paced by a private PulseAudio
# server, see capture-lib.sh), studio-capture's whole compressed-picture
# path (keyframe detection, the H.264 parameter sets taken from the first
# keyframe with extract_extradata, the one monotonic clock, the Matroska
# writer, crash survival), and the judges (ffprobe, ffmpeg's framemd5 and
# decoders).
# What is mocked, and why: the camera.  This machine has no camera and no
# v4l2loopback module, so the test hook STUDIO_TEST_CAMERA_FILE
# (capture/testhook.h) makes `--video v4l2:/dev/video0` read an MJPEG or
# an H.264 (Annex B, parameter sets in band, no B-frames: what a UVC
# camera sends) file through libavformat instead, handed out in real time
# and stamped on CLOCK_MONOTONIC as the v4l2 driver stamps its buffers.
# Not tested here: the video4linux2 device itself (format negotiation,
# its timestamps).
set -u
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/capture-lib.sh"
T=$(mktemp -d)
trap 'stop_pulse; rm -rf "$T"' EXIT INT TERM

plan 27

SIG="$T/signal.raw"
make_signal "$SIG" $((48000 * 2 * 3 * 20)) 5
alsa_config "$T" "$SIG"
start_pulse "$T"
ok $? "a private PulseAudio server runs"

# The camera's pictures: 320x240 at 25 fps; H.264 with a keyframe every
# 12 pictures (0.48 s).
ffmpeg -nostdin -v error -f lavfi -i testsrc2=size=320x240:rate=25 -t 20 -c:v mjpeg -q:v 5 \
	-pix_fmt yuvj422p -f mjpeg "$T/cam.mjpeg" &&
	ffmpeg -nostdin -v error -f lavfi -i testsrc2=size=320x240:rate=25 -t 20 -c:v libx264 \
		-preset veryfast -g 12 -bf 0 -x264-params repeat-headers=1 -pix_fmt yuv420p \
		-f h264 "$T/cam.h264"
ok $? "an MJPEG and an H.264 file stand in for the camera"

# same_packets MASTER SOURCE: the master's pictures are a run of the
# source's, byte for byte (framemd5 of the packets, -c copy).  Matroska
# stores H.264 with length prefixes instead of start codes, so an H.264
# source is first put into Matroska by ffmpeg (-c copy) to compare like
# with like.  Prints "N identical" or "N different".
same_packets() {
	python3 - "$@" "$T/ref.mkv" <<'EOP'
import subprocess, sys
master, source, ref = sys.argv[1:4]
def hashes(path):
    out = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", path, "-map", "0:v",
                          "-c", "copy", "-f", "framemd5", "-"],
                         check=True, capture_output=True, text=True).stdout
    return [l.split(",")[-1].strip() for l in out.splitlines() if l and not l.startswith("#")]
if source.endswith(".h264"):
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", source, "-c", "copy", ref],
                   check=True)
    source = ref
m, s = hashes(master), hashes(source)
i = s.index(m[0]) if m and m[0] in s else -1
print(len(m), "identical" if i >= 0 and s[i:i + len(m)] == m else "different")
EOP
}

# timing MASTER FPS: the pictures' times follow the camera's pacing (no
# drift: each within one frame of the first plus N frames).  Prints the
# largest error in frames.
timing() {
	ffprobe -v error -select_streams v -show_entries packet=pts_time -of csv=p=0 "$1" |
		python3 -c 'import sys
t = [float(l) for l in sys.stdin if l.strip()]
fps = float(sys.argv[1])
print("%.3f" % max(abs(x - t[0] - i / fps) * fps for i, x in enumerate(t)))' "$2"
}

for kind in mjpeg h264; do
	STUDIO_TEST_CAMERA_FILE="$T/cam.$kind" "$CAP" --session "$T/$kind" --audio studiort \
		--channels 2 --format s24 --duration 3 --video v4l2:/dev/video0 --no-meter \
		>"$T/out" 2>"$T/$kind.err"
	is "$?" 0 "$kind: records the camera with the sound"
	M="$T/$kind/master/master.mkv"
	J="$T/$kind/session.json"
	is "$(ffprobe -v error -select_streams v -show_entries stream=codec_name,width,height,r_frame_rate -of csv=p=0 "$M")" \
		"$kind,320,240,25/1" "$kind: the master's video is $kind as the camera sent it, 320x240 at 25 fps"
	is "$(same_packets "$M" "$T/cam.$kind" | cut -d' ' -f2)" identical \
		"$kind: its pictures are the camera's, byte for byte ($(same_packets "$M" "$T/cam.$kind"))"
	first=$(ffprobe -v error -select_streams v -show_entries packet=pts_time -of csv=p=0 "$M" | head -1)
	offset=$(json_get "$J" 'd["captures"][0]["video_offset"]')
	dropped=$(json_get "$J" 'd["captures"][0]["dropped_frames"]')
	# MJPEG: every picture is a keyframe, the first one follows the first
	# sample within a frame.  H.264 starts at a keyframe: within a GOP.
	gop=1
	[ $kind = h264 ] && gop=12
	near "$first" "$offset" 0.0011 &&
		python3 -c "import sys; sys.exit(not (0 <= $first < $gop / 25 and $dropped >= round($first * 25)))"
	ok $? "$kind: first picture at $first s (session.json: $offset), within $gop frame(s) of the first sample, the frames before counted ($dropped)"
	err=$(timing "$M" 25)
	python3 -c "import sys; sys.exit(not $err < 1)"
	ok $? "$kind: every picture at its capture time on the sound's clock (largest error $err frame)"
	last=$(ffprobe -v error -select_streams v -show_entries packet=pts_time -of csv=p=0 "$M" | tail -1)
	python3 -c "import sys; sys.exit(not 3 - 2 / 25 <= $last < 3)"
	ok $? "$kind: last picture at $last s, within two frames of the end of the sound (3 s)"
	pkts=$(ffprobe -v error -select_streams v -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$M")
	near "$((pkts + dropped))" 75 2
	ok $? "$kind: pictures stored ($pkts) and dropped ($dropped) account for 3 s at 25 fps"
	check "$kind: the master decodes without error" decodes_cleanly "$M"
	is "$(bitexact "$M" "$SIG" 2 s24le)" "144000 exact" "$kind: the sound beside it is bit-exact"
	is "$(json_get "$J" '(d["captures"][0]["source"], d["captures"][0]["streams"][0]["codec"])')" \
		"('ALSA:studiort + test-camera:$T/cam.$kind', '$kind')" "$kind: session.json names the stand-in and the codec"
done

# kill -9 while storing H.264: what was written decodes.
STUDIO_TEST_CAMERA_FILE="$T/cam.h264" "$CAP" --session "$T/kill" --audio studiort --channels 2 \
	--format s24 --duration 60 --video v4l2:/dev/video0 --json >"$T/kill.json" 2>"$T/kill.err" &
pid=$!
wait_json "$T/kill.json" elapsed 2.5
kill -9 $pid
wait $pid
M="$T/kill/master/master.mkv"
elapsed=$(python3 -c 'import json, sys; print(max(json.loads(l)["elapsed"] for l in open(sys.argv[1]) if l.startswith("{")))' "$T/kill.json")
# The last picture that decodes (ffprobe decodes every frame).
vlast=$(ffprobe -v error -select_streams v -show_entries frame=pts_time -of csv=p=0 "$M" |
	sort -n | tail -1)
python3 -c "import sys; sys.exit(not $vlast >= $elapsed - 1)"
ok $? "killed at $elapsed s of sound: the H.264 video decodes to $vlast s (>= elapsed - 1)"
D=$(decoded_seconds "$M")
python3 -c "import sys; sys.exit(not $D >= $elapsed - 1)"
ok $? "... and the sound to $D s"
"$CAP" --recover "$T/kill" >/dev/null 2>&1
is "$?:$(json_get "$T/kill/session.json" '(d["captures"][0]["end"], d["captures"][0]["streams"][0]["codec"])')" \
	"0:('recovered', 'h264')" "... and --recover records it with its H.264 stream"

# A stand-in that is not compressed is refused, and nothing is created.
ffmpeg -nostdin -v error -f lavfi -i testsrc2=size=64x48:rate=25 -t 1 -f yuv4mpegpipe "$T/raw.y4m"
fails_cleanly "a stand-in file that is neither MJPEG nor H.264 is refused" \
	"only MJPEG and H.264 files can stand in for a camera" \
	env STUDIO_TEST_CAMERA_FILE="$T/raw.y4m" "$CAP" --session "$T/raw" --audio studiotest \
	--video v4l2:/dev/video0 --duration 1
check "... and nothing is created" test ! -e "$T/raw"

done_testing
