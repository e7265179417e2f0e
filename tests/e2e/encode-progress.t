#!/bin/sh
# studio-encode's progress on a terminal: the encode runs in a detached
# tmux pane (a real pseudo-terminal) whose screen is captured while it
# works; each rendition must have its live line (percent, fps, speed ×
# real time, ETA), erased once done.  (The plain line every 10 s without
# a terminal is checked by encode-pass.t, during its Ctrl-C test.)
. "$(dirname "$0")/encode-lib.sh"
sock="studio-test-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

plan 5

master -f lavfi -i testsrc2=size=1280x720:rate=25 -f lavfi -i sine=sample_rate=48000 \
	-t 8 -c:v libx264 -preset ultrafast -c:a flac "$tmp/master.mkv"

tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 30 \
	"'$ENC' -p web-480p,podcast -o '$tmp/out' '$tmp/master.mkv'; echo \$? >'$tmp/rc'; sleep 60"
ok $? "studio-encode starts in a tmux pane"
# Screens captured while it runs (every 0.2 s, at most 2 min).
i=0
while [ ! -s "$tmp/rc" ] && [ $i -lt 600 ]; do
	tmux -L "$sock" capture-pane -p >>"$tmp/screens" 2>/dev/null
	sleep 0.2
	i=$((i + 1))
done
tmux -L "$sock" capture-pane -p >"$tmp/final"
is "$(cat "$tmp/rc" 2>/dev/null)" 0 "the encode succeeds"
re=' +[0-9]+\.[0-9]% +[0-9]+\.[0-9] fps +[0-9]+\.[0-9]{2}x ETA [0-9]+:[0-5][0-9]$'
grep -Eq "^web-480p$re" "$tmp/screens"
ok $? "web-480p: a live line with percent, fps, speed and ETA"
grep -Eq "^podcast +[0-9]+\.[0-9]% +[0-9]+\.[0-9]{2}x ETA [0-9]+:[0-5][0-9]$" "$tmp/screens"
ok $? "podcast: a live line with percent, speed and ETA (no frames, no fps)"
! grep -q "ETA" "$tmp/final" && grep -q "podcast.ogg: vorbis" "$tmp/final"
ok $? "the live lines are erased, the summary stays"

done_testing
