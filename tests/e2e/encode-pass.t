#!/bin/sh
# studio-encode's encoding pass: the master is demuxed once for every
# rendition, --audio-track picks a stream, a master missing the stream a
# preset needs is refused, and Ctrl-C (SIGINT) stops with exit 130 leaving
# no file under a final name, after plain progress lines every 10 s.
. "$(dirname "$0")/encode-lib.sh"

plan 17

# Video, a 4 s stereo track and a 2 s mono one.
master -f lavfi -i testsrc2=size=320x240:rate=25 \
	-f lavfi -i "sine=frequency=440:sample_rate=48000,pan=stereo|c0=c0|c1=c0" \
	-f lavfi -i "sine=frequency=880:sample_rate=44100:duration=2" -t 4 \
	-map 0 -map 1 -map 2 -c:v libx264 -pix_fmt yuv420p -c:a flac "$tmp/two.mkv"
count() { # STREAM_SPEC
	ffprobe -v error -select_streams "$1" -count_packets -show_entries stream=nb_read_packets \
		-of csv=p=0 "$tmp/two.mkv"
}
used=$(( $(count v:0) + $(count a:0) ))

"$ENC" -q --json -p web-720p,webm-720p,podcast,poster,waveform -o "$tmp/out" "$tmp/two.mkv" \
	>"$tmp/out.json"
ok $? "five presets in one pass"
is "$(json_get "$tmp/out.json" 'd["packets_read"]')" "$used" \
	"the master's packets are demuxed once for all five ($used packets: video and first audio)"
is "$(json_get "$tmp/out.json" 'd["packets_measured"]')" "$(count a:0)" \
	"the loudness pass demuxes the audio only ($(count a:0) packets)"
is "$(json_get "$tmp/out.json" '" ".join(r["file"] for r in d["renditions"])')" \
	"$tmp/out/web-720p.mp4 $tmp/out/webm-720p.webm $tmp/out/podcast.ogg $tmp/out/poster.jpg $tmp/out/waveform.png" \
	"a plain file's --json names each output where it was written"
near "$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$tmp/out/podcast.ogg")" 4 0.05
ok $? "the best audio track by default (4 s)"

"$ENC" -q --audio-track 2 -p podcast -o "$tmp/t2" "$tmp/two.mkv"
ok $? "--audio-track 2 encodes"
near "$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$tmp/t2/podcast.ogg")" 2 0.05
ok $? "--audio-track 2 uses the second track (2 s)"
fails_cleanly "--audio-track 3 names the missing track" "audio track 3" \
	"$ENC" --audio-track 3 -p podcast -o "$tmp/t3" "$tmp/two.mkv"
fails_cleanly "--jobs 0 is a usage error" "jobs" "$ENC" --jobs 0 -o "$tmp/j" "$tmp/two.mkv"
"$ENC" -q --jobs 1 -p web-480p,podcast -o "$tmp/j1" "$tmp/two.mkv"
ok $? "--jobs 1 encodes"

ffmpeg -v error -f lavfi -i testsrc2=size=160x120:rate=25 -t 2 -c:v libx264 "$tmp/mute.mkv"
ffmpeg -v error -f lavfi -i sine=duration=2 "$tmp/sound.wav"
fails_cleanly "podcast of a master without sound is refused" "no audio stream" \
	"$ENC" -p podcast -o "$tmp/m" "$tmp/mute.mkv"
fails_cleanly "web-720p of a sound file is refused" "no video stream" \
	"$ENC" -p web-720p -o "$tmp/m" "$tmp/sound.wav"
is "$(ls -A "$tmp/m" 2>/dev/null)" "" "nothing written for refused inputs"

# --- Ctrl-C ------------------------------------------------------------
ffmpeg -v error -f lavfi -i testsrc2=size=1280x720:rate=25 -f lavfi -i sine=sample_rate=48000 \
	-t 90 -c:v libx264 -preset ultrafast -c:a flac "$tmp/long.mkv"
mkdir -p "$tmp/int"
"$ENC" -p web-720p,podcast -o "$tmp/int" "$tmp/long.mkv" 2>"$tmp/int.err" &
pid=$!
# Interrupt once the first progress line (after 10 s of encoding) is out.
i=0
while [ $i -lt 600 ] && ! grep -q "encoding:" "$tmp/int.err"; do
	sleep 0.2
	i=$((i + 1))
done
kill -INT $pid
wait $pid
rc=$?
pid=
is $rc 130 "SIGINT exits 130"
is "$(ls -A "$tmp/int")" "" "no file left in the output folder, final or temporary"
grep -q "encoding: web-720p [0-9]*%, podcast [0-9]*%" "$tmp/int.err"
ok $? "without a terminal, a plain progress line after 10 s"
grep -q "interrupted" "$tmp/int.err"
ok $? "the interruption is said"

done_testing
