#!/bin/sh
# studio-capture with video: the screen of a real X server (Xvfb, through
# x11grab) and the test pattern, each with sound from the real-time ALSA
# device (capture-lib.sh).  Pictures are placed on the sound's clock: the
# first picture within one frame of the first sample, both streams ending
# together.  There is no camera on this machine: for v4l2 only the refusal
# of a missing device is tested.
set -u
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/capture-lib.sh"
T=$(mktemp -d)
xvfb_pid=
trap 'stop_pulse; [ -n "$xvfb_pid" ] && kill $xvfb_pid; rm -rf "$T"' EXIT INT TERM

plan 29

SIG="$T/signal.raw"
make_signal "$SIG" $((48000 * 2 * 3 * 10)) 3
alsa_config "$T" "$SIG"
start_pulse "$T"
ok $? "a private PulseAudio server runs"
start_xvfb
ok $? "a private X server runs ($XDISPLAY)"

# video_check NAME W H FPS DURATION: the master's video stream.
video_check() {
	M="$T/$1/master/master.mkv"
	J="$T/$1/session.json"
	is "$(ffprobe -v error -select_streams v -show_entries stream=codec_name,width,height,r_frame_rate -of csv=p=0 "$M")" \
		"h264,$2,$3,$4/1" "$1: H.264 video, $2x$3 at $4 fps"
	first=$(ffprobe -v error -select_streams v -show_entries packet=pts_time -of csv=p=0 "$M" | sort -n | head -1)
	offset=$(json_get "$J" 'd["captures"][0]["video_offset"]')
	dropped=$(json_get "$J" 'd["captures"][0]["dropped_frames"]')
	near "$first" "$offset" 0.0011 &&
		python3 -c "import sys; sys.exit(not (0 <= $first < 1 / $4 or $dropped >= round($first * $4)))"
	ok $? "$1: first picture at $first s (session.json: $offset), within one frame of the first sample or the missing frames counted ($dropped)"
	last=$(ffprobe -v error -select_streams v -show_entries packet=pts_time -of csv=p=0 "$M" | sort -n | tail -1)
	python3 -c "import sys; sys.exit(not $5 - 2 / $4 <= $last <= $5)"
	ok $? "$1: last picture at $last s, within a frame or two of the end of the sound ($5 s)"
	pkts=$(ffprobe -v error -select_streams v -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$M")
	near "$((pkts + dropped))" "$(python3 -c "print($5 * $4)")" 3
	ok $? "$1: pictures written ($pkts) and dropped ($dropped) account for $5 s at $4 fps"
	check "$1: the master decodes without error" decodes_cleanly "$M"
}

# The screen, a 320x240 region at 30 fps.
"$CAP" --session "$T/x11" --audio studiort --channels 2 --format s24 --duration 3 \
	--video "x11:$XDISPLAY+10,20,320x240@30" --no-meter >"$T/out" 2>"$T/err"
is "$?" 0 "records the X screen with the sound"
video_check x11 320 240 30 3
is "$(json_get "$J" 'd["captures"][0]["source"]')" "ALSA:studiort + x11:$XDISPLAY" \
	"session.json names both sources"
be=$(bitexact "$M" "$SIG" 2 s24le)
is "$be" "144000 exact" "the sound beside the video is bit-exact"

# The test pattern, paced in real time, with the same device.
"$CAP" --session "$T/pat" --audio studiort --channels 2 --duration 2 \
	--video test:320x240@25 --no-meter >"$T/out" 2>"$T/err"
is "$?" 0 "records the test pattern with the sound"
video_check pat 320 240 25 2

# The screen alone, for a silent tutorial: one video stream, no sound.
"$CAP" --session "$T/silent" --no-audio --video "x11:$XDISPLAY+0,0,320x180@10" --duration 2 \
	--no-meter >"$T/out" 2>"$T/err"
is "$?" 0 "--no-audio records the screen alone"
M="$T/silent/master/master.mkv"
is "$(ffprobe -v error -show_entries stream=codec_type,codec_name,width,height,r_frame_rate -of csv=p=0 "$M")" \
	"h264,video,320,180,10/1" "... one H.264 video stream, 320x180 at 10 fps, no audio stream"
pkts=$(ffprobe -v error -select_streams v -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$M")
near "$pkts" 20 2
ok $? "... 2 s of pictures ($pkts)"
check "... the master decodes without error" decodes_cleanly "$M"
is "$(json_get "$T/silent/session.json" '(d["captures"][0]["source"], [s["type"] for s in d["captures"][0]["streams"]])')" \
	"('x11:$XDISPLAY', ['video'])" "session.json: the screen, a video stream only"

# The test sound beside the real screen (the whole screen: no size given).
"$CAP" --session "$T/tone" --test-sources --video "x11:$XDISPLAY" --duration 2 --no-meter \
	>"$T/out" 2>"$T/err"
is "$?" 0 "--test-sources with the screen records the test tone beside it"
M="$T/tone/master/master.mkv"
is "$(ffprobe -v error -show_entries stream=codec_type,width,height -of csv=p=0 "$M" | tr '\n' ' ')" \
	"video,640,480 audio " "... the whole screen and one audio stream"
is "$(decoded_seconds "$M")" "2.000" "... 2 s of sound"
is "$(json_get "$T/tone/session.json" 'd["captures"][0]["source"]')" "test + x11:$XDISPLAY" \
	"session.json names the test sound and the screen"

# Refusals.
fails_cleanly "a missing camera is named, with the video devices there are" \
	"no video device /dev/video63: the video devices here are" \
	"$CAP" --session "$T/cam" --audio studiotest --video v4l2:/dev/video63 --duration 1
check "... and nothing is created" test ! -e "$T/cam"
fails_cleanly "an X display that does not exist" "cannot open x11::4242" \
	"$CAP" --session "$T/nox" --audio studiotest --video x11::4242 --duration 1
fails_cleanly "--no-audio with a sound source" "use it with --video x11:DISPLAY" \
	"$CAP" --session "$T/both" --no-audio --audio studiotest --video "x11:$XDISPLAY" --duration 1

done_testing
