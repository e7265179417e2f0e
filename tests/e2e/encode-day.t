#!/bin/sh
# The communications officer's day with studio-encode (issue 12): a session
# being recorded has nothing to encode yet (exit 75); a
# session whose capture was killed points to studio-capture --recover; the
# summary says what was done (written or replaced, the audio track or mix
# used, the jury's limits checked in the user's number format); --end past
# the master is warned, --start past it refused with its duration; a master
# with one mono track per microphone is mixed by default.
. "$(dirname "$0")/encode-lib.sh"
CAP="$STUDIO_BIN/studio-capture"
EN="env LC_ALL=C.UTF-8 LANGUAGE="
FR="env LC_ALL=fr_FR.UTF-8 LANGUAGE="

plan 22

# --- a capture killed with SIGKILL: "recording" left in session.json -----
running_capture "$tmp/crash" 100000 --video test:160x120@10
fails_cleanly "during the recording: no capture to encode yet, a recording is in progress" \
	"no capture to encode yet: a recording is in progress\$" $EN "$ENC" -p podcast "$tmp/crash"
$EN "$ENC" -q -p podcast "$tmp/crash" 2>/dev/null
is $? 75 "... and exits 75 (EX_TEMPFAIL)"
kill_capture
is "$(json_get "$tmp/crash/session.json" '("recording" in d, len(d["captures"]))')" "(True, 0)" \
	"the killed capture left a recording in progress and no capture"
fails_cleanly "no capture to encode: points to studio-capture --recover DIR" \
	"no capture to encode.*studio-capture --recover $tmp/crash\$" $EN "$ENC" -p podcast "$tmp/crash"
$EN "$ENC" -q -p podcast "$tmp/crash" 2>/dev/null
is $? 65 "... and exits 65 (EX_DATAERR)"
"$CAP" --recover "$tmp/crash" >/dev/null 2>&1 && "$ENC" -q -p podcast "$tmp/crash"
ok $? "the advice works: after --recover the session encodes"

# --- the jury's limits, written then replaced -----------------------------
master -f lavfi -i testsrc2=size=64x48:rate=10 \
	-f lavfi -i "sine=frequency=440:sample_rate=48000" -t 5 \
	-c:v libx264 -preset ultrafast -c:a flac "$tmp/clip.mkv"
$EN "$ENC" -p jury -o "$tmp/j" "$tmp/clip.mkv" 2>"$tmp/en1"
ok $? "a 5 s clip encodes with the jury preset"
check "English: the jury's check in C numbers" \
	grep -qx 'studio-encode: jury: 5\.0 s ≤ 180 s, 0\.[0-9] MB < 200 MB (209715200 bytes)' "$tmp/en1"
check "English: the first output is written" grep -q '^studio-encode: written .*/jury\.mp4: ' "$tmp/en1"
$FR "$ENC" -p jury -o "$tmp/j" "$tmp/clip.mkv" 2>"$tmp/fr1"
ok $? "encoded again, in French"
# glibc's fr_FR groups digits with a (narrow) no-break space; French typography
# puts a no-break space before ':' and a narrow one before ';'.
NB=$(printf '\302\240') NNB=$(printf '\342\200\257')
check "French: the jury's check with decimal commas and grouped digits" \
	grep -qx "studio-encode: jury$NB: 5,0 s ≤ 180 s$NNB; 0,[0-9] Mo < 200 Mo (209[^0-9]\{1,3\}715[^0-9]\{1,3\}200 octets)" "$tmp/fr1"
check "French: the second output is said replaced" grep -q '^studio-encode: remplacé .*/jury\.mp4.\{1,3\}: ' "$tmp/fr1"
$EN "$ENC" -p jury -o "$tmp/j" "$tmp/clip.mkv" 2>"$tmp/en2"
check "English: replaced" grep -q '^studio-encode: replaced .*/jury\.mp4: ' "$tmp/en2"

# --- --end past the end, --start past the end ------------------------------
$EN "$ENC" --end 9 -p podcast -o "$tmp/e" "$tmp/clip.mkv" 2>"$tmp/end"
ok $? "--end past the master's end still encodes"
check "... with a warning naming the master's duration" \
	grep -q 'warning: --end 9 s lies past the end of .*clip\.mkv, which lasts 5\.0 s' "$tmp/end"
fails_cleanly "--start past the end is refused with the master's duration" \
	"cannot start at 7 s: .*clip.mkv lasts 5\.0 s" $EN "$ENC" --start 7 -p podcast -o "$tmp/s" "$tmp/clip.mkv"
$EN "$ENC" -q --start 5 -p podcast -o "$tmp/s" "$tmp/clip.mkv" 2>/dev/null
is $? 64 "--start at the end exits 64 (EX_USAGE)"

# --- several microphones: one mono track each, mixed by default -------------
master -f lavfi -i testsrc2=size=160x120:rate=25 \
	-f lavfi -i "sine=frequency=440:sample_rate=48000" \
	-f lavfi -i "sine=frequency=1000:sample_rate=48000" -t 3 \
	-map 0 -map 1 -map 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a flac "$tmp/mics.mkv"
band() { # FILE FREQ: mean volume (dB) around FREQ Hz
	ffmpeg -hide_banner -nostats -i "$1" -map 0:a:0 \
		-af "pan=mono|c0=0.5*c0+0.5*c1,bandpass=f=$2:width_type=q:w=8,bandpass=f=$2:width_type=q:w=8,volumedetect" \
		-f null - 2>&1 | awk '/mean_volume/ { print $5 }'
}
$EN "$ENC" -p podcast,web-480p -o "$tmp/m" "$tmp/mics.mkv" 2>"$tmp/mix"
ok $? "two mono tracks, no --audio-track: encodes"
for f in podcast.ogg web-480p.mp4; do
	a=$(band "$tmp/m/$f" 440) b=$(band "$tmp/m/$f" 1000)
	ok "$(python3 -c "print(0 if $a > -40 and $b > -40 else 1)")" \
		"$f: both microphones are heard ($a dB at 440 Hz, $b dB at 1000 Hz)"
done
is "$(grep -c 'mix of 2 tracks$' "$tmp/mix")" 2 "the summary lines name the mix of 2 tracks"
$EN "$ENC" --audio-track 2 -p podcast -o "$tmp/t2" "$tmp/mics.mkv" 2>"$tmp/t2.err"
check "--audio-track 2: the summary line names track 2" grep -q 'podcast\.ogg: .*, track 2$' "$tmp/t2.err"
done_testing
