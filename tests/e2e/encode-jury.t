#!/bin/sh
# studio-encode --preset jury: the candidacy video for démarches-simplifiées
# must last at most 180.0 s as ffprobe reads it and weigh less than
# 209,715,200 bytes.  A 200 s master (tiny picture, so it is quick) is
# refused, then cut with --trim (1 s fade-out) or --start/--end; a noisy
# 1080p clip shows the VBV cap holding the size bound.  The budget's second
# pass is tested in encode-budget.t.
. "$(dirname "$0")/encode-lib.sh"
CAP=209715200

plan 19

master -f lavfi -i testsrc2=size=64x48:rate=10 \
	-f lavfi -i "sine=frequency=440:sample_rate=48000" -t 200 \
	-c:v libx264 -preset ultrafast -c:a flac "$tmp/long.mkv"

fails_cleanly "a 200 s selection is refused with its duration and both ways out" \
	"200.0 s.*180 s.*--start/--end.*--trim" "$ENC" -p jury -o "$tmp/refused" "$tmp/long.mkv"
"$ENC" -q -p jury -o "$tmp/refused" "$tmp/long.mkv" 2>/dev/null
is $? 65 "refusal exits 65 (EX_DATAERR)"
is "$(ls -A "$tmp/refused" 2>/dev/null)" "" "nothing written when refused"

"$ENC" -q --json --trim -p jury -o "$tmp/trim" "$tmp/long.mkv" >"$tmp/trim.json"
ok $? "--trim encodes"
f="$tmp/trim/jury.mp4"
d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f")
python3 -c "import sys; sys.exit(not (179.5 <= float('$d') <= 180.0))"
ok $? "--trim: lasts $d s, at most 180.0 as ffprobe reads it"
for s in v a; do
	sd=$(ffprobe -v error -select_streams $s -show_entries stream=duration -of csv=p=0 "$f")
	python3 -c "import sys; sys.exit(not float('$sd') <= 180.0)"
	ok $? "--trim: the $s stream lasts $sd s, at most 180.0 (AAC padding included)"
done
# Fade-out: the sound's level and the picture's brightness in the last
# quarter second against the middle.
level() { # FROM DURATION
	ffmpeg -hide_banner -nostats -ss "$1" -t "$2" -i "$f" -map 0:a -af volumedetect -f null - 2>&1 |
		awk '/mean_volume/ { print $5 }'
}
luma() { # AT
	ffmpeg -v error -ss "$1" -i "$f" -map 0:v -frames:v 1 -vf signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=- \
		-f null - | awk -F= '/YAVG/ { print $2; exit }'
}
mid=$(level 100 1) end=$(level 179.75 0.25)
python3 -c "import sys; sys.exit(not float('$end') < float('$mid') - 12)"
ok $? "--trim: the sound fades out ($mid dB in the middle, $end dB at the end)"
mid=$(luma 100) end=$(luma 179.9)
python3 -c "import sys; sys.exit(not float('$end') - 16 < (float('$mid') - 16) / 4)"
ok $? "--trim: the picture fades to black (mean luma $mid in the middle, $end at the end)"
# The budget is met by two passes when needed (encode-budget.t): this small
# picture fits at constant quality, so its first pass is kept, under the
# platform's own VBV (the preset's 40 Mbit/s, not a cap derived from it).
python3 - "$tmp/trim.json" "$CAP" <<'PY'
import json, os, sys
r = json.load(open(sys.argv[1]))["renditions"][0]
cap = int(sys.argv[2])
assert r["bytes"] == os.path.getsize(r["path"]) < cap, r
assert r["passes"] == 1, r
assert r["video_maxrate"] == 40000000 and r["video_bufsize"] == 80000000, r
PY
ok $? "budget: 180 s under 200 MiB in one pass, the platform's VBV kept"

"$ENC" -q --json --start 10 --end 1:40 -p jury -o "$tmp/part" "$tmp/long.mkv" >"$tmp/part.json"
ok $? "--start/--end selects a part the jury accepts"
near "$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$tmp/part/jury.mp4")" 90 0.05
ok $? "--start 10 --end 1:40 lasts 90 s"
# The part starts at 10 s of the test pattern: its clock shows 00:00:10.
near "$(json_get "$tmp/part.json" 'd["renditions"][0]["duration"]')" 90 0.05
ok $? "--json reports the part's duration"
python3 -c "import json,sys; r=json.load(open('$tmp/part.json'))['renditions'][0]; sys.exit(not (r['passes'] == 1 and r['bytes'] < $CAP))"
ok $? "the 90 s part fits the budget in one pass"

fails_cleanly "--end before --start is a usage error" "--end" \
	"$ENC" --start 20 --end 10 -p jury -o "$tmp/x" "$tmp/long.mkv"
fails_cleanly "--start past the end is refused" "200" \
	"$ENC" --start 300 -p jury -o "$tmp/x" "$tmp/long.mkv"

# --- a hard-to-compress master: noisy 1080p ------------------------------
ffmpeg -v error -f lavfi -i "color=gray:s=1920x1080:r=25,noise=alls=100:allf=t+u" \
	-f lavfi -i "anoisesrc=a=0.3:r=48000" -t 1.6 -c:v libx264 -preset ultrafast -crf 8 \
	-c:a flac "$tmp/noisy.mkv"
"$ENC" -q --json -p jury -o "$tmp/noisy" "$tmp/noisy.mkv" >"$tmp/noisy.json"
ok $? "noisy 1080p encodes with the jury preset"
python3 - "$tmp/noisy.json" "$CAP" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["renditions"][0]
d, cap = r["duration"], int(sys.argv[2])
bound = (r["video_maxrate"] * d + r["video_bufsize"]) / 8 + 160000 * 1.1 * d / 8 + 2**20
assert r["bytes"] <= bound, (r["bytes"], bound)                 # the VBV holds
assert r["bytes"] * 8 / d > 0.5 * r["video_maxrate"], r        # the cap was needed
assert bound < cap
assert r["video_maxrate"] == 40000000, r                         # the preset's ceiling
PY
ok $? "noisy 1080p: the size stays within maxrate x duration + buffer + audio"
is "$(ffprobe -v error -select_streams v -show_entries stream=width,height,profile -of csv=p=0 "$tmp/noisy/jury.mp4")" \
	"High,1920,1080" "jury keeps 1080p, H.264 High"

done_testing
