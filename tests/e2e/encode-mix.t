#!/bin/sh
# studio-encode --audio-track mix: every audio track of the master mixed
# into one stereo track.  Mono tracks are spread across the stereo field
# (2 tracks: left and right; 3: left, centre, right), judged on each output
# channel's level by ffmpeg's volumedetect, and the mix is normalised like
# any sound (ebur128).
. "$(dirname "$0")/encode-lib.sh"

plan 18

# Video and two mono tracks: the first 12 dB louder than the second.
master -f lavfi -i testsrc2=size=160x120:rate=25 \
	-f lavfi -i "sine=frequency=440:sample_rate=48000" \
	-f lavfi -i "sine=frequency=440:sample_rate=44100,volume=-12dB" -t 3 \
	-map 0 -map 1 -map 2 -c:v libx264 -pix_fmt yuv420p -c:a flac "$tmp/two.mkv"
# A mono track (440 Hz) and a stereo track sounding only on its left (880 Hz).
master -f lavfi -i "sine=frequency=440:sample_rate=48000" \
	-f lavfi -i "sine=frequency=880:sample_rate=48000,pan=stereo|c0=c0|c1=0*c0" -t 3 \
	-map 0 -map 1 -c:a flac "$tmp/mixed.mka"
# Three mono tracks, only the middle one sounding.
master -f lavfi -i "anullsrc=r=48000:cl=mono" -f lavfi -i "sine=frequency=440:sample_rate=48000" \
	-f lavfi -i "anullsrc=r=48000:cl=mono" -t 3 -map 0 -map 1 -map 2 -c:a flac "$tmp/three.mka"

channels() { ffprobe -v error -select_streams a -show_entries stream=channels -of csv=p=0 "$1" | tr '\n' ' '; }
level() { # FILE CHANNEL [FREQ]: mean volume (dB) of that channel [around FREQ Hz]
	ffmpeg -hide_banner -nostats -i "$1" -map 0:a:0 \
		-af "pan=mono|c0=c$2${3:+,bandpass=f=$3:width_type=q:w=8,bandpass=f=$3:width_type=q:w=8},volumedetect" \
		-f null - 2>&1 | awk '/mean_volume/ { print $5 }'
}

"$ENC" -q --audio-track mix -p web-480p,podcast -o "$tmp/two" "$tmp/two.mkv"
ok $? "two mono tracks mixed for web-480p and podcast"
is "$(channels "$tmp/two/web-480p.mp4")" "2 " "web-480p: one stereo audio track"
is "$(channels "$tmp/two/podcast.ogg")" "2 " "podcast: one stereo audio track"
l=$(level "$tmp/two/podcast.ogg" 0) r=$(level "$tmp/two/podcast.ogg" 1)
near "$(python3 -c "print($l - ($r))")" 12 1
ok $? "track 1 on the left, track 2 on the right ($l dB vs $r dB)"
check_loudness "$tmp/two/web-480p.mp4" -16
check_loudness "$tmp/two/podcast.ogg" -16

"$ENC" -q --audio-track mix -p podcast -o "$tmp/three" "$tmp/three.mka"
ok $? "three mono tracks mixed"
is "$(channels "$tmp/three/podcast.ogg")" "2 " "one stereo track"
l=$(level "$tmp/three/podcast.ogg" 0) r=$(level "$tmp/three/podcast.ogg" 1)
near "$l" "$r" 0.2
ok $? "the middle track is centred ($l dB left, $r dB right)"
check_loudness "$tmp/three/podcast.ogg" -16

# The stereo track stays where it is; the single mono track is centred.
"$ENC" -q --audio-track mix -p podcast -o "$tmp/mixed" "$tmp/mixed.mka"
ok $? "a mono and a stereo track mixed"
l=$(level "$tmp/mixed/podcast.ogg" 0 440) r=$(level "$tmp/mixed/podcast.ogg" 1 440)
near "$l" "$r" 0.5
ok $? "the mono track is centred ($l dB left, $r dB right at 440 Hz)"
l=$(level "$tmp/mixed/podcast.ogg" 0 880) r=$(level "$tmp/mixed/podcast.ogg" 1 880)
ok "$(python3 -c "print(0 if $l - ($r) > 30 else 1)")" \
	"the stereo track's left channel stays left ($l dB left, $r dB right at 880 Hz)"
check_loudness "$tmp/mixed/podcast.ogg" -16
done_testing
