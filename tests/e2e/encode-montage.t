#!/bin/sh
# studio-encode --cut-list: the cut list of a montage checked before
# anything is written.  Two tiny sources — a test session (320x180, 25 fps,
# mono) and a phone clip (240x160, 30 fps, stereo) made with ffmpeg — and
# cut lists that each break one rule: every refusal is one line naming
# FILE:LINE: KEY, exit 65 (EX_DATAERR), and no output folder.  Then the
# assembly's total against a preset's max_duration, refused naming it and
# how much to cut, or let through by --trim.
. "$(dirname "$0")/encode-lib.sh"

plan 34

S="$tmp/atelier"
mkdir -p "$S/master" "$tmp/telephone" "$tmp/list"
master -f lavfi -i testsrc2=size=320x180:rate=25 -f lavfi -i sine=f=440:sample_rate=48000 -t 5 \
	-c:v libx264 -preset ultrafast -pix_fmt yuv420p -ac 1 -c:a flac "$S/master/master.mkv"
cat >"$S/session.json" <<'JSON'
{
  "schema": "studio-session/1",
  "title": {"fr": "Atelier"},
  "producer": "Collectivité de Corse — CorsicaLab",
  "recorded": "2026-11-28T14:00:00+01:00",
  "languages": ["fr"],
  "captures": [{"file": "master/master.mkv"}]
}
JSON
master -f lavfi -i testsrc=size=240x160:rate=30 -f lavfi -i sine=f=300:sample_rate=44100 -t 4 \
	-c:v libx264 -preset ultrafast -pix_fmt yuv420p -ac 2 -c:a aac "$tmp/telephone/visite.mp4"
# A jury preset that allows 6 s, so that tiny sources can go over it.
mkdir -p "$XDG_CONFIG_HOME/studio/presets"
sed -e 's/^max_duration = .*/max_duration = 6/' -e 's/^max_height = .*/max_height = 180/' \
	-e 's/^x264_preset = .*/x264_preset = veryfast/' "$STUDIO_SRC/presets/jury.ini" \
	>"$XDG_CONFIG_HOME/studio/presets/jury-6s.ini"

L="$tmp/list/cut.ini"
HEAD='[montage]
output = jury-2026
title = Le CorsicaLab, fabrique de territoire
card_seconds = 1
transition = 0.25
'
# write_list SHOTS: the cut list $L, with the [montage] section above.
write_list() { printf '%s\n%s\n' "$HEAD" "$1" >"$L"; }
SESSION='[shot]
session = ../atelier
start = 0:01
end = 0:03'
PHONE='[shot]
file = ../telephone/visite.mp4
start = 0:00.5
end = 0:02.5'

# refused DESCRIPTION PATTERN: the run on $L exits 65 with one line on
# stderr matching PATTERN and writes no output folder (3 checks).
refused() {
	_err=$("$ENC" --cut-list "$L" --preset jury-6s 2>&1 >/dev/null)
	is "$?" 65 "$1: exit 65"
	_lines=$(printf '%s\n' "$_err" | grep -c .)
	if [ "$_lines" -eq 1 ] && printf '%s' "$_err" | grep -q -- "$2"; then
		ok 0 "$1: one line naming FILE:LINE: KEY"
	else
		echo "# stderr: $_err"
		ok 1 "$1: one line naming FILE:LINE: KEY"
	fi
	[ ! -e "$tmp/list/jury-2026" ]
	ok $? "$1: nothing written"
}

write_list "$SESSION
[shot]
session = ../ailleurs
start = 0
end = 1"
refused "unknown session" "cut.ini:12: shot.session: unknown session .*list/../ailleurs: no session.json in it"

write_list "$PHONE
[shot]
file = ../telephone/absente.mp4
start = 0
end = 1"
refused "missing file" "cut.ini:12: shot.file: cannot open .*list/../telephone/absente.mp4: No such file or directory"

write_list "[shot]
session = ../atelier
start = 0:03
end = 0:09"
refused "end past the master" "cut.ini:10: shot.end: 9.000 s lies past the end of .*list/../atelier, which lasts 5.0[0-9]* s"

write_list "$PHONE
[shot]
file = ../telephone/visite.mp4
start = 0:07
end = 0:08"
refused "start past the file" "cut.ini:13: shot.start: 7.000 s lies past the end of .*list/../telephone/visite.mp4, which lasts 4.0[0-9]* s"

write_list "[shot]
session = ../atelier
start = 0:03
end = 0:01"
refused "reversed span" "cut.ini:10: shot.end: reversed span: it ends at 1.000 s, before its start at 3.000 s"

write_list "[shot]
session = ../atelier
start = 2
end = 0:02"
refused "empty span" "cut.ini:10: shot.end: empty span: it ends where it starts (2.000 s)"

write_list "$SESSION
$PHONE
[shot]
session = ../atelier
start = 0:02.5
end = 0:04"
refused "overlapping spans of one session" "cut.ini:17: shot.start: overlaps the shot at line 7 (1.000 to 3.000 s of the same source)"

write_list ""
refused "an empty list" "cut.ini:1: montage: no \[shot\] section: the cut list is empty"

write_list "$SESSION
speed = 2"
refused "unknown key" "cut.ini:11: shot.speed: unknown key"

# Cards 2 × 1 s + shots 2 + 2 + 2 s − 4 transitions of 0.25 s = 7 s > 6 s.
write_list "$SESSION
$PHONE
[shot]
session = ../atelier
start = 0:03
end = 0:05"
refused "over the preset's maximum duration" \
	"list/cut.ini: the assembly lasts 7.0 s (cards 2.0 s + shots 6.0 s - transitions 1.0 s) but preset jury-6s allows 6 s at most: cut 1.0 s from the shots, or cut it at 6 s with --trim"

# --trim lets the plan through: the parts, where each starts, the total.
out=$(cd "$tmp" && "$ENC" --cut-list list/cut.ini --preset jury-6s --trim 2>/dev/null)
is "$(printf '%s\n' "$out" | awk '{ print $1 }' | tr '\n' ' ')" "0.000 0.750 2.500 4.250 6.000 7.000 " \
	"--trim: the plan's parts start at 0, 0.75, 2.5, 4.25, 6 s; 7 s in all"

# The command line: a cut list names its own sources and output.
fails_cleanly "--cut-list with an input" "unexpected argument" \
	"$ENC" --cut-list "$L" --preset jury-6s "$S"
fails_cleanly "--cut-list with --start" "--cut-list takes no --start/--end" \
	"$ENC" --cut-list "$L" --preset jury-6s --start 1
fails_cleanly "a missing cut list" "cannot open $tmp/list/none.ini: No such file or directory" \
	"$ENC" --cut-list "$tmp/list/none.ini" --preset jury-6s

done_testing
