#!/bin/sh
# studio-encode --plan-segments / --segment K / --join / --segments N
# (issue 14, local path): a session encoded in GOP-aligned video segments
# and joined by stream copy gives what one machine gives — the same
# duration and frame count, keyframes exactly every gop_seconds, the same
# sound, the size within 2 %, no glitch at the joins (SSIM against the
# one-machine output), the same records in session.json apart from the
# times and the bytes; a missing part stops the join, naming it, with
# nothing under a final name; a finished part is not encoded again.
. "$(dirname "$0")/encode-lib.sh"
. "$(dirname "$0")/segments-lib.sh"

plan 47

segment_presets
P="$XDG_CONFIG_HOME/studio/presets"

# A 10 s master of the test sources, 320x180, with markers and captions.
ONE="$tmp/one"
segment_master "$ONE" 10
S="$tmp/seg"
L="$tmp/local"
cp -a "$ONE" "$S"
cp -a "$ONE" "$L"
R="$S/renditions"

nice -n 15 "$ENC" -q -p $PRESETS --captions fr="$tmp/fr.vtt" "$ONE"
ok $? "the one-machine encode"

nice -n 15 "$ENC" -q -p $PRESETS --captions fr="$tmp/fr.vtt" --plan-segments 3 "$S"
ok $? "--plan-segments 3"
is "$(json_get "$S/session.json" 'd["segment_plan"]["boundaries"]')" "[0.0, 2.0, 6.0, 10.0]" \
	"the plan cuts on multiples of the 2 s GOP"
is "$(json_get "$S/session.json" '[p["segmented"] for p in d["segment_plan"]["presets"]]')" \
	"[True, True, False, False]" \
	"the video presets are segmented, the podcast and the budgeted jury kept whole"
[ ! -e "$R/segweb.mp4" ] && [ ! -e "$R/.parts" ]
ok $? "planning writes no rendition"

nice -n 15 "$ENC" -q "$S" --segment 2
ok $? "--segment 2"
test -s "$R/.parts/segweb.2.mp4"
ok $? "segment 2's part is in renditions/.parts"

fails_cleanly "--join refuses while segment 1 is missing, naming it" \
	"segment 1 is not encoded (.*segweb.1.mp4 is missing)" "$ENC" -q "$S" --join
[ ! -e "$R/segweb.mp4" ] && [ ! -e "$R/segpod.ogg" ] && [ -z "$(ls "$R" | grep -v '^\.parts$')" ]
ok $? "nothing under a final name after the refused join"
fails_cleanly "--segment past the plan is refused" "its plan has 3 segments" \
	"$ENC" -q "$S" --segment 4

nice -n 15 "$ENC" -q -p $PRESETS --captions fr="$tmp/fr.vtt" --plan-segments 3 "$S" &&
	[ ! -e "$R/.parts" ]
ok $? "planning again removes the parts of the earlier plan"

nice -n 15 "$ENC" -q "$S" --segment 1 && nice -n 15 "$ENC" -q "$S" --segment 3 &&
	nice -n 15 "$ENC" -q "$S" --segment 2
ok $? "--segment 1, 3 and 2"
before=$(stat -c %Y.%i "$R/.parts/segweb.2.mp4")
out=$(nice -n 15 "$ENC" "$S" --segment 2 2>&1)
ok $? "re-running --segment 2 succeeds"
is "$(stat -c %Y.%i "$R/.parts/segweb.2.mp4")" "$before" "the finished part is not encoded again"
printf '%s\n' "$out" | grep -q "segweb.2.mp4: already encoded"
ok $? "and says so"

nice -n 15 "$ENC" -q "$S" --join
ok $? "--join"
[ ! -e "$R/.parts" ]
ok $? "the parts are removed after the join"

# The joined renditions against the one-machine ones.
same_as_one_machine "$ONE" "$S" 10
ssim_joins "$ONE/renditions/segweb.mp4" "$R/segweb.mp4" "$S/session.json"
ok $? "segweb: no glitch at the joins (SSIM at each join's ±1 s against the average)"

# A changed preset invalidates the plan.
echo "# changed" >>"$P/segweb.ini"
fails_cleanly "a preset changed since the plan is refused" "segweb.*changed since the segments were planned" \
	"$ENC" -q "$S" --segment 1
sed -i '$d' "$P/segweb.ini"

# --segments N: the same steps on this machine.
nice -n 15 "$ENC" -q -p $PRESETS --captions fr="$tmp/fr.vtt" --segments 2 --jobs 2 "$L"
ok $? "--segments 2 --jobs 2"
is "$(json_get "$L/session.json" 'd["segment_plan"]["boundaries"]')" "[0.0, 4.0, 10.0]" \
	"two segments planned"
is "$(frames "$L/renditions/segweb.mp4" v)" "$(frames "$ONE/renditions/segweb.mp4" v)" \
	"--segments: the same number of video frames"
is "$(keyframes "$L/renditions/segweb.mp4")" "$(every_gop 10)" \
	"--segments: a keyframe exactly every 2 s"
[ ! -e "$L/renditions/.parts" ] && [ -s "$L/renditions/segpod.ogg" ]
ok $? "--segments: every rendition written, the parts removed"
fails_cleanly "--segments on a plain file is refused" "needs a session" \
	"$ENC" -q --segments 2 "$ONE/master/master.mkv" -o "$tmp/plain"

done_testing
