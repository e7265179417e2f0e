#!/bin/sh
# The rehearsal: --test-sources on a terminal shows the meter of a real
# recording, paced to real time, and its keys drop markers, named ones
# too (M, the name typed on the meter's last line, Enter); the names
# become the chapter titles of what studio-encode makes.
#
# studio-capture runs in a detached tmux pane (80x24, a private tmux
# server) inside script(1), which keeps every byte the program drew, the
# first frame included; keys go in with send-keys, the screen is read with
# capture-pane.  Waits are bounded (capture-lib.sh); nothing is timed.
set -u
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/capture-lib.sh"
T=$(mktemp -d)
SOCK="studio-rehearsal-$$"
CUR=
trap 'for s in plain named fr; do tmux -L "$SOCK-$s" kill-server 2>/dev/null; done; rm -rf "$T"' EXIT INT TERM

plan 32

# rehearse NAME ENV ARGS: a 30 s rehearsal in a new 80x24 pane, the
# command run by env(1) with ENV (its locale), ARGS added to the command
# line as they are (shell words).  What the program
# leaves on the normal screen stays between the lines BEFORE and AFTER;
# script(1) writes every byte drawn to $T/NAME.log; the messages go to
# $T/NAME.err, the exit status to $T/NAME.rc.
rehearse() {
	_n=$1
	_l=$2
	shift 2
	[ -n "$CUR" ] && tmux -L "$CUR" kill-server 2>/dev/null
	CUR="$SOCK-$_n"
	cat >"$T/$_n.sh" <<EOS
env $_l "$CAP" --session "$T/$_n" --test-sources --video test:320x180@25 --duration 30 $* 2>"$T/$_n.err"
echo \$? >"$T/$_n.rc"
EOS
	tmux -L "$CUR" -f /dev/null new-session -d -x 80 -y 24 \
		"echo BEFORE; script -qfc 'sh $T/$_n.sh' '$T/$_n.log'; echo AFTER; sleep 60"
}
# elapsed: the seconds the meter shows (its first line), -1 if none.
elapsed() {
	screen | awk '$2 ~ /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]$/ { split($2, t, ":");
		print t[1] * 3600 + t[2] * 60 + t[3]; found = 1; exit }
		END { if (!found) print -1 }'
}
# wait_elapsed S: until the meter shows S seconds or more (30 s at most).
wait_elapsed() {
	_i=0
	until [ "$(elapsed)" -ge "$1" ]; do
		_i=$((_i + 1))
		[ $_i -gt 600 ] && return 1
		sleep 0.05
	done
}
# next_second: until the meter's time moves on, so that the next key
# comes at a later time than the last one.
next_second() {
	wait_elapsed $(($(elapsed) + 1))
}
# left_on_screen: what the program left on the normal screen (nothing
# once it gave the terminal back: the meter uses the alternate screen).
left_on_screen() {
	screen | sed -n '/^BEFORE$/,/^AFTER$/p' | sed '1d;$d' | tr -d ' \n'
}

# --- m twice, q -------------------------------------------------------
rehearse plain LC_ALL=C.UTF-8 --title "'Atelier de repetition'"
wait_screen "^RECORDING  00:00:0[1-9] / 00:00:30  the test sources  — Atelier de repetition"
ok $? "the rehearsal shows the meter: elapsed and target time, source, title"
screen >"$T/screen"
check "... a bar for the test tone" grep -q '^ 1 ####' "$T/screen"
check "... levels and pictures per second with a decimal point" \
	sh -c "grep -Eq '^ 1 [#=|.]+ +-?[0-9]+\\.[0-9] +-?[0-9]+\\.[0-9] +[0-9]+$' '$T/screen' &&
		grep -q 'fps 2[0-9]\\.[0-9] ' '$T/screen'"
check "... bytes, free space, pictures per second, the keys" \
	sh -c "grep -q '^written .* markers 0' '$T/screen' && grep -q '^free .*fps 2[0-9]' '$T/screen' &&
		grep -q '^m: marker   M: named marker   q: stop' '$T/screen'"
tmux -L "$CUR" send-keys m
wait_screen "markers 1$"
ok $? "m drops a marker"
next_second
tmux -L "$CUR" send-keys m
wait_screen "markers 2$"
ok $? "... and a second one"
screen >"$T/screen"
check "... both listed with their times" \
	sh -c "grep -q '^#1   00:00:[0-9][0-9]' '$T/screen' && grep -q '^#2   00:00:[0-9][0-9]' '$T/screen'"
tmux -L "$CUR" send-keys q
wait_file "$T/plain.rc"
is "$(cat "$T/plain.rc")" 0 "q stops the rehearsal"
J="$T/plain/session.json"
is "$(json_get "$J" '(d["captures"][0]["end"], [m["label"] for m in d["captures"][0]["markers"]])')" \
	"('stopped', ['1', '2'])" "session.json: stopped, two markers numbered 1 and 2"
M=$(json_get "$J" '0 < d["captures"][0]["markers"][0]["t"] < d["captures"][0]["markers"][1]["t"] < d["captures"][0]["duration"] < 30')
is "$M" True "marker times are in order within the recording"
wait_screen "^AFTER$"
is "$(left_on_screen)" "" "the terminal is given back with nothing typed left on it (no stray m)"
python3 - "$T/plain.log" >"$T/frames" <<'EOP'
import sys
log = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
frames = [f for f in log.split("\x1b[H") if "RECORDING" in f]
print(len(frames) > 10, "00:00:00 left" in log,
      "RECORDING  00:00:00 / 00:00:30" in (frames[0] if frames else ""))
EOP
is "$(cat "$T/frames")" "True False True" \
	"the first frame shows 00:00:00 / 00:00:30 and no frame shows '00:00:00 left'"

# --- named markers ----------------------------------------------------
rehearse named LC_ALL=C.UTF-8
wait_screen "^RECORDING  00:00:0[1-9] / 00:00:30"
tmux -L "$CUR" send-keys M
wait_screen "^marker name: _ .*Enter: save   Esc: cancel$"
ok $? "M asks for the marker's name on the last line"
tmux -L "$CUR" send-keys -l "Questions du public"
wait_screen "^marker name: Questions du public_"
ok $? "... the name shows as it is typed"
E0=$(elapsed)
wait_elapsed $((E0 + 2))
ok $? "... while the rehearsal goes on"
tmux -L "$CUR" send-keys Enter
wait_screen "^#1   00:00:0[0-9]  Questions du public$"
ok $? "Enter drops it, listed with its name"
type_name "abc"
tmux -L "$CUR" send-keys Escape
wait_screen "^m: marker   M: named marker   q: stop"
ok $? "Escape gives the keys back"
# A bidi override (U+202E), a tab and a C1 control are refused; Backspace
# takes the last character back.
tmux -L "$CUR" send-keys M
wait_screen "^marker name: _"
tmux -L "$CUR" send-keys -l "$(printf '\342\200\256Fi\302\205n')"
tmux -L "$CUR" send-keys Tab
tmux -L "$CUR" send-keys -l "nn"
tmux -L "$CUR" send-keys BSpace
wait_screen "^marker name: Finn_"
ok $? "... control and bidi characters are refused"
tmux -L "$CUR" send-keys BSpace Enter
wait_screen "markers 2$"
next_second
tmux -L "$CUR" send-keys m
wait_screen "markers 3$"
next_second
tmux -L "$CUR" send-keys m
wait_screen "markers 4$"
screen >"$T/screen"
check "the last 3 markers are listed" \
	sh -c "! grep -q '^#1 ' '$T/screen' && grep -q '^#2   00:00:[0-9][0-9]  Fin$' '$T/screen' &&
		grep -q '^#3   00:00:[0-9][0-9]$' '$T/screen' && grep -q '^#4 ' '$T/screen'"
tmux -L "$CUR" send-keys q
wait_file "$T/named.rc"
is "$(cat "$T/named.rc")" 0 "q stops"
J="$T/named/session.json"
is "$(json_get "$J" '[m["label"] for m in d["captures"][0]["markers"]]')" \
	"['Questions du public', 'Fin', '3', '4']" "session.json: the names are the markers' labels"
is "$(json_get "$J" "d['captures'][0]['markers'][0]['t'] < $E0 + 1.5")" True \
	"a named marker's time is when M was pressed, not when its name was confirmed"
M=$(json_get "$J" '[m["t"] for m in d["captures"][0]["markers"]] + [d["captures"][0]["duration"]]')
M=$(python3 -c 'import sys; t = eval(sys.argv[1]); print(0 < t[0] and t == sorted(set(t)))' "$M")
is "$M" "True" "... markers in order within the recording"

"$STUDIO_BIN/studio-encode" -q --preset web-480p "$T/named" 2>"$T/encode.err"
ok $? "studio-encode makes the web version of the rehearsal"
# (The chapter before the first marker has the session's title: none here.)
is "$(ffprobe -v error -show_entries chapter_tags=title -of csv=p=0 \
	"$T/named/renditions/web-480p.mp4" | tr '\n' '|')" "|Questions du public|Fin|3|4|" \
	"... its chapters are titled with the markers' names"
grep -q "^Questions du public$" "$T/named/renditions/chapters.vtt"
ok $? "... and so is chapters.vtt"

# --- in French (LANG, as a French desktop sets it) ----------------------
rehearse fr "-u LC_ALL LANG=fr_FR.UTF-8" --title "'Atelier à Bastia'"
wait_screen "^ENREGISTREMENT  00:00:0[1-9] / 00:00:30  les sources de test  — Atelier à Bastia"
ok $? "in French: heading with the title"
N=$(printf '\302\240')   # French: a no-break space before ':'
screen >"$T/screen"
check "... the keys' help line, in one line" grep -q "^m$N: marqueur   M$N: marqueur nommé   q$N: arrêter$" "$T/screen"
check "... the column titles fit in 80 columns" sh -c "grep -A1 '^n° niveau' '$T/screen' | grep -q '^ 1 #'"
check "... levels, size and pictures per second with a decimal comma" \
	sh -c "grep -Eq '^ 1 [#=|.]+ +-?[0-9]+,[0-9] +-?[0-9]+,[0-9] +[0-9]+$' '$T/screen' &&
		grep -q '^écrit [0-9]*,[0-9] [kM]o ' '$T/screen' && grep -q 'i/s 2[0-9],[0-9] ' '$T/screen'"
tmux -L "$CUR" send-keys M
wait_screen "^nom du marqueur$N: _ .*Entrée$N: valider   Échap$N: annuler$"
ok $? "... the name prompt"
tmux -L "$CUR" send-keys Escape q
wait_file "$T/fr.rc"
is "$(cat "$T/fr.rc"):$(json_get "$T/fr/session.json" 'len(d["captures"][0]["markers"])')" "0:0" \
	"... Escape drops no marker, q stops"

done_testing
