#!/bin/sh
# studio-capture recording a real ALSA device (a PCM of type file, see
# capture-lib.sh) through PortAudio: device listing, bit-exact masters for
# 1, 2 and 8 channels in s16, s24 and f32, session.json, and the refusals.
set -u
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/capture-lib.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

plan 29

SIG="$T/signal.raw"
make_signal "$SIG" $((48000 * 8 * 3 * 3)) 1
alsa_config "$T" "$SIG"

# Listing.
"$CAP" --list-devices >"$T/out" 2>"$T/err"
rc=$?
grep -q "studiotest *ALSA" "$T/out"
ok $? "--list-devices lists the ALSA file PCM as an input (exit $rc)"
check "--list-devices names the video devices" grep -q "video devices" "$T/out"
"$CAP" --list-devices --json >"$T/out" 2>"$T/err"
LJ=$(json_get "$T/out" '[(x["name"], x["host_api"], x["input_channels"] > 8) for x in d if x["type"] == "audio"]')
is "$LJ" "[('studiotest', 'ALSA', True)]" "--list-devices --json describes the device"

# record NAME ARGS...: records into $T/NAME, stderr in $T/NAME.err.
record() {
	_n=$1
	shift
	"$CAP" --session "$T/$_n" --no-meter "$@" >"$T/$_n.out" 2>"$T/$_n.err"
}

# 2 channels, 16 bit.
record s16 --audio studiotest --channels 2 --format s16 --duration 3
rc=$?
is "$rc:$(grep -c . "$T/s16.err")" "0:1" "2-channel 16-bit recording succeeds with one summary line"
is "$(bitexact "$T/s16/master/master.mkv" "$SIG" 2 s16le)" "144000 exact" \
	"2 x 16-bit master is bit-exact with the device's signal (3 s)"
J="$T/s16/session.json"
is "$(json_get "$J" '[(s["codec"], s["channels"], s["bits"], s["sample_rate"], s["title"]) for s in d["captures"][0]["streams"]]')" \
	"[('flac', 1, 16, 48000, 'channel 1'), ('flac', 1, 16, 48000, 'channel 2')]" \
	"each channel is its own FLAC track, named"
is "$(json_get "$J" '[d["captures"][0][k] for k in ("dropped_samples", "overflows", "dropped_frames", "end", "audio_format", "source", "duration")]')" \
	"[0, 0, 0, 'duration', 's16', 'ALSA:studiotest', 3.0]" \
	"session.json: no drops, why it ended, format, device, duration"
is "$(ffprobe -v error -show_entries format_tags=STUDIO_SOURCE -of csv=p=0 "$T/s16/master/master.mkv")" \
	"ALSA:studiotest" "the master itself names its source"

# 8 channels, 24 bit.
record s24 --audio studiotest --channels 8 --format s24 --duration 2
is "$?" 0 "8-channel 24-bit recording succeeds"
is "$(bitexact "$T/s24/master/master.mkv" "$SIG" 8 s24le)" "96000 exact" \
	"8 x 24-bit master is bit-exact with the device's signal (2 s)"
is "$(json_get "$T/s24/session.json" '[len(d["captures"][0]["streams"]), set(s["bits"] for s in d["captures"][0]["streams"])]')" \
	"[8, {24}]" "eight 24-bit tracks"
check "the 8-channel master decodes without error" decodes_cleanly "$T/s24/master/master.mkv"

# Float, mono at 44.1 kHz, device by index and by name.
record f32 --audio studiotest --channels 2 --format f32 --duration 1
is "$?:$(bitexact "$T/f32/master/master.mkv" "$SIG" 2 f32le)" "0:48000 exact" \
	"2 x float master is bit-exact (PCM float tracks)"
is "$(json_get "$T/f32/session.json" 'd["captures"][0]["streams"][0]["codec"]')" "pcm_f32le" \
	"float sound is stored as PCM float"
record mono --audio 0 --channels 1 --format s16 --rate 44100 --duration 1.5
is "$?:$(bitexact "$T/mono/master/master.mkv" "$SIG" 1 s16le)" "0:66150 exact" \
	"--audio by index, 1 channel at 44.1 kHz, bit-exact"
is "$(json_get "$T/mono/session.json" 'd["captures"][0]["streams"][0]["sample_rate"]')" 44100 \
	"the master keeps the device's rate"
record part --audio StudioT --channels 2 --duration 0.5
is "$?:$(json_get "$T/part/session.json" 'd["captures"][0]["duration"]')" "0:0.5" \
	"--audio by part of the name, any case; default format s24"

# Refusals: one line, the right status, nothing recorded or lost.
fails_cleanly "an unknown device lists the devices there are" \
	"no audio input device 'nosuch': the devices are 0 studiotest" \
	"$CAP" --session "$T/none" --audio nosuch --duration 1
check "no session folder for an unknown device" test ! -e "$T/none"
"$CAP" --session "$T/none" --audio nosuch --duration 1 >/dev/null 2>&1
is "$?" 66 "an unknown device exits with EX_NOINPUT"
fails_cleanly "32 channels are refused above 32" "channels" \
	"$CAP" --session "$T/none" --audio studiotest --channels 33
fails_cleanly "rates other than 44.1/48/96 kHz are refused" "rate" \
	"$CAP" --session "$T/none" --audio studiotest --rate 22050
fails_cleanly "unknown sample formats are refused" "format" \
	"$CAP" --session "$T/none" --audio studiotest --format s8
fails_cleanly "--audio with --test-sources is refused" "exclude each other" \
	"$CAP" --session "$T/none" --audio studiotest --test-sources --duration 1
# Two devices whose names share a part: the part is ambiguous, a whole
# name is not.
{
	cat "$T/asoundrc"
	printf 'pcm.studiotest2 { type file slave.pcm { type null } file "/dev/null" infile "%s" format "raw" }\n' "$SIG"
} >"$T/two.rc"
ALSA_CONFIG_PATH="$T/two.rc" fails_cleanly "a name part matching two devices is ambiguous" \
	"audio device 'studio' is ambiguous: give its index" \
	"$CAP" --session "$T/none" --audio studio --duration 1
ALSA_CONFIG_PATH="$T/two.rc" "$CAP" --session "$T/exact" --audio studiotest --channels 2 \
	--format s16 --duration 0.5 --no-meter >/dev/null 2>&1
is "$?:$(json_get "$T/exact/session.json" 'd["captures"][0]["source"]')" "0:ALSA:studiotest" \
	"a whole name wins over the names containing it"
SUM=$(sha256sum <"$T/s16/master/master.mkv")
fails_cleanly "a session holding a recording is refused" "already holds a recording" \
	"$CAP" --session "$T/s16" --audio studiotest --duration 1
is "$(sha256sum <"$T/s16/master/master.mkv")" "$SUM" "the existing master is untouched"
: >"$T/file"
fails_cleanly "an unwritable session folder is refused" "cannot" \
	"$CAP" --session "$T/file/sub" --audio studiotest --duration 1

done_testing
