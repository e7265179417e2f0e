#!/bin/sh
# studio-encode --cut-list: a montage.  Tiny sources made with ffmpeg: a
# test session (320x180, 25 fps, mono, with markers), a second one (256x144,
# 24 fps, stereo, 12 LU quieter) and a phone clip (240x160, 30 fps,
# stereo).  Cut lists that each break one rule: every refusal is one line
# naming FILE:LINE: KEY, exit 65 (EX_DATAERR), and no output folder; the
# assembly's total against a preset's max_duration, refused naming it and
# how much to cut, or cut with a fade by --trim.  Then the assembly of three
# shots and both cards, judged by ffprobe and ffmpeg's ebur128.
. "$(dirname "$0")/encode-lib.sh"

plan 62

S="$tmp/atelier"
mkdir -p "$S/master" "$tmp/telephone" "$tmp/list"
master -f lavfi -i testsrc2=size=320x180:rate=25 -f lavfi -i sine=f=440:sample_rate=48000 -t 5 \
	-c:v libx264 -preset ultrafast -pix_fmt yuv420p -ac 1 -c:a flac "$S/master/master.mkv"
mkdir -p "$S/captions"
printf 'WEBVTT\n\n00:00.500 --> 00:01.800\nBonjour\n\n00:02.200 --> 00:03.500\nVoici l’atelier\n' \
	>"$S/captions/fr.vtt"
cat >"$S/session.json" <<'JSON'
{
  "schema": "studio-session/1",
  "title": {"fr": "Atelier"},
  "producer": "Collectivité de Corse — CorsicaLab",
  "recorded": "2026-11-28T14:00:00+01:00",
  "languages": ["fr"],
  "captures": [{"file": "master/master.mkv",
                "markers": [{"t": 2.0, "label": "Démonstration"}, {"t": 4.0, "label": "Fin"}]}],
  "captions": [{"lang": "fr", "file": "captions/fr.vtt"}]
}
JSON
master -f lavfi -i testsrc=size=240x160:rate=30 -f lavfi -i sine=f=300:sample_rate=44100 -t 4 \
	-c:v libx264 -preset ultrafast -pix_fmt yuv420p -ac 2 -c:a aac "$tmp/telephone/visite.mp4"
# The second session: another size and rate, stereo, 12 dB quieter.
Q="$tmp/entretien"
mkdir -p "$Q/master"
master -f lavfi -i smptebars=size=256x144:rate=24 -f lavfi \
	-i "sine=f=660:sample_rate=48000,volume=-12dB" -t 5 \
	-c:v libx264 -preset ultrafast -pix_fmt yuv420p -ac 2 -c:a flac "$Q/master/master.mkv"
cat >"$Q/session.json" <<'JSON'
{
  "schema": "studio-session/1",
  "title": {"fr": "Entretien"},
  "recorded": "2026-11-29T10:00:00+01:00",
  "captures": [{"file": "master/master.mkv"}]
}
JSON
# A jury preset that allows 6 s, so that tiny sources can go over it.
mkdir -p "$XDG_CONFIG_HOME/studio/presets"
sed -e 's/^max_duration = .*/max_duration = 6/' -e 's/^max_height = .*/max_height = 180/' \
	-e 's/^x264_preset = .*/x264_preset = veryfast/' "$STUDIO_SRC/presets/jury.ini" \
	>"$XDG_CONFIG_HOME/studio/presets/jury-6s.ini"
sed -e 's/^max_height = .*/max_height = 180/' -e 's/^x264_preset = .*/x264_preset = veryfast/' \
	"$STUDIO_SRC/presets/jury.ini" >"$XDG_CONFIG_HOME/studio/presets/jury-small.ini"

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

printf '[montage]\noutput = ../atelier\n\n%s\n' "$SESSION" >"$L"
_before=$(md5sum <"$S/session.json")
refused "the output is a source's session" "cut.ini:2: montage.output: .*list/../atelier is the session of the shot at line 4: the montage needs a session of its own"
is "$(md5sum <"$S/session.json")" "$_before" "the source's session.json is untouched"

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

# --trim: the same list cut at 6 s, with the fade of a plain --trim.
"$ENC" -q --cut-list "$L" --preset jury-6s --trim 2>"$tmp/err"
ok $? "--trim: the assembly over the limit is encoded"
f="$tmp/list/jury-2026/renditions/jury-6s.mp4"
d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f")
python3 -c "import sys; sys.exit(not 5.9 <= float('$d') <= 6.0)"
ok $? "--trim: lasts $d s, at most the preset's 6 s"
luma() { # FILE AT: the mean luma of the frame at AT
	ffmpeg -v error -ss "$2" -i "$1" -map 0:v -frames:v 1 \
		-vf signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=- -f null - |
		awk -F= '/YAVG/ { print $2; exit }'
}
mid=$(luma "$f" 4.5) end=$(luma "$f" 5.95)
python3 -c "import sys; sys.exit(not float('$end') - 16 < (float('$mid') - 16) / 4)"
ok $? "--trim: the picture fades to black (mean luma $mid, then $end at the end)"
rm -rf "$tmp/list/jury-2026"

# The command line: a cut list names its own sources and output.
fails_cleanly "--cut-list with an input" "unexpected argument" \
	"$ENC" --cut-list "$L" --preset jury-6s "$S"
fails_cleanly "--cut-list with --start" "--cut-list takes no --start/--end" \
	"$ENC" --cut-list "$L" --preset jury-6s --start 1
fails_cleanly "a missing cut list" "cannot open $tmp/list/none.ini: No such file or directory" \
	"$ENC" --cut-list "$tmp/list/none.ini" --preset jury-6s

# The assembly: opening card 1 s, three shots of 2 s, closing card 1 s,
# crossfades of 0.25 s: 7 s; the parts start at 0, 0.75, 2.5, 4.25 and 6 s.
# The title has what libavfilter's descriptions escape.
HEAD="[montage]
output = jury-2026
title = L'atelier : 100 % [Corse], \\ «essai»;fin
subtitle = Candidature « Fabriques de Territoire »
card_seconds = 1
transition = 0.25
"
write_list "$SESSION
[shot]
session = ../entretien
start = 0:01.5
end = 0:03.5
$PHONE"
"$ENC" -q --cut-list "$L" --preset jury-small,web-480p 2>"$tmp/err"
ok $? "three shots and two cards encode into two presets in one run"
is "$(cat "$tmp/err")" "" "nothing on stderr with --quiet"
O="$tmp/list/jury-2026"
f="$O/renditions/jury-small.mp4"
probe() { ffprobe -v error "$@" 2>/dev/null; }
d=$(probe -show_entries format=duration -of csv=p=0 "$f")
near "$d" 7 0.034
ok $? "jury-small: lasts $d s = cards 2 + shots 6 - transitions 1, within one frame"
d=$(probe -show_entries format=duration -of csv=p=0 "$O/renditions/web-480p.mp4")
near "$d" 7 0.034
ok $? "web-480p of the same pass: lasts $d s"
is "$(probe -select_streams v -show_entries stream=width,height,r_frame_rate -of csv=p=0 "$f")" \
	"320,180,30/1" "conformed to 320x180 (the tallest source) at 30 fps (the fastest)"
is "$(probe -select_streams a -show_entries stream=sample_rate,channels -of csv=p=0 "$f")" \
	"48000,2" "mono and stereo sources conformed to 48 kHz stereo"
is "$(probe -show_entries chapter=start_time -of csv=p=0 "$f" | tr '\n' ' ')" \
	"0.000000 0.750000 1.750000 2.500000 4.250000 6.000000 " \
	"a chapter per part, where each starts, and one at the marker within the first shot"
is "$(probe -show_entries chapter_tags=title -of default=nk=1:nw=1 "$f" | tr '\n' '|')" \
	"L'atelier : 100 % [Corse], \\ «essai»;fin|Atelier|Démonstration|Entretien|visite.mp4|CorsicaLab|" \
	"the chapters are titled after the title, the sessions, the marker, the file and the Lab"
# The first shot plays from 0.75 s, seen from 0.875 s (the middle of the
# crossfade) to 2.625 s: its cues at 1.0-1.8 s and 2.2-3.0 s of the master
# land at 0.875-1.55 s and 1.95-2.625 s, the second cut where the shot ends.
is "$(grep -- '-->' "$O/renditions/captions.fr.vtt" | tr '\n' '|')" \
	"00:00.875 --> 00:01.550|00:01.950 --> 00:02.625|" \
	"captions.fr.vtt: the first shot's cues re-timed and cut at its boundaries"
is "$(probe -select_streams s -show_entries stream=codec_name:stream_tags=language -of csv=p=0 "$f")" \
	"mov_text,fre" "the captions are in the MP4, in French"
grep -q "Démonstration" "$O/renditions/chapters.vtt"
ok $? "chapters.vtt next to the renditions"
check_loudness "$f" -16
part_loudness() { # FROM TO: integrated loudness of that span of $f
	ffmpeg -hide_banner -nostats -ss "$1" -to "$2" -i "$f" -map 0:a -af ebur128 -f null - 2>&1 |
		awk '/^ +I:/ { i = $2 } END { print i }'
}
loud=$(part_loudness 1.0 2.25) quiet=$(part_loudness 2.75 4.0) phone=$(part_loudness 4.5 5.75)
near "$loud" "$quiet" 2
ok $? "the 12 LU quieter shot is raised: $quiet LUFS against $loud"
near "$phone" "$loud" 2
ok $? "the phone clip too: $phone LUFS"
keyframes() {
	probe -select_streams v -show_entries packet=pts_time,flags -of csv=p=0 "$1" |
		awk -F, '$2 ~ /K/ { printf "%.1f ", $1 }'
}
is "$(keyframes "$f")" "0.0 2.0 4.0 6.0 " "a keyframe every 2 s from the start, as the preset asks"
frame() { ffmpeg -v error -ss "$1" -i "$f" -map 0:v -frames:v 1 -f framemd5 - | tail -1 | awk '{ print $NF }'; }
[ "$(frame 5.5)" != "$(frame 6.6)" ]
ok $? "the closing card's frames differ from the last shot's"
python3 - "$O/session.json" "$S" "$Q" "$tmp/telephone/visite.mp4" <<'PY'
import json, os, sys
doc = json.load(open(sys.argv[1]))
m = doc["montage"]
paths = [s["path"] for s in m["sources"]]
want = [os.path.realpath(p) for p in sys.argv[2:]]
ok = paths == want and [s["start"] for s in m["shots"]] == [1, 1.5, 0.5] \
	and [s["at"] for s in m["shots"]] == [0.75, 2.5, 4.25] and m["duration"] == 7 \
	and [s["source"] for s in m["shots"]] == [0, 1, 2] \
	and sorted(r.get("preset", r["kind"]) for r in doc["renditions"]) == \
		["captions", "chapters", "jury-small", "web-480p"]
if not ok:
    print("# montage:", json.dumps(m), file=sys.stderr)
sys.exit(not ok)
PY
ok $? "session.json names the cut list's sources, its shots, both renditions and the sidecars"

# A size budget on a montage: a noisy phone clip and the session's shot
# under a 1 MB jury preset go through the two passes and fill 90-100 % of
# the budget (nothing over it).
master -f lavfi -i "nullsrc=s=320x180:r=25,geq=random(1)*255:128:128" \
	-f lavfi -i sine=f=500:sample_rate=48000 -t 4 \
	-c:v libx264 -preset ultrafast -qp 0 -pix_fmt yuv420p -ac 2 -c:a aac "$tmp/telephone/bruit.mp4"
sed -e 's/^max_bytes = .*/max_bytes = 1000000/' \
	"$XDG_CONFIG_HOME/studio/presets/jury-small.ini" >"$XDG_CONFIG_HOME/studio/presets/jury-1mb.ini"
cat >"$L" <<'INI'
[montage]
output = jury-budget
title = Budget
card_seconds = 1
transition = 0.25

[shot]
file = ../telephone/bruit.mp4
start = 0:00
end = 0:04

[shot]
session = ../atelier
start = 0:01
end = 0:03
INI
nice -n 10 "$ENC" -q --cut-list "$L" --preset jury-1mb 2>"$tmp/err"
ok $? "a noisy montage encodes under a 1 MB budget"
f="$tmp/list/jury-budget/renditions/jury-1mb.mp4"
size=$(stat -c %s "$f" 2>/dev/null || echo 0)
[ "$size" -ge 900000 ] && [ "$size" -le 1000000 ]
ok $? "the montage fills 90-100 % of its budget: $size bytes of 1000000"
is "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([r.get("passes") for r in d["renditions"] if r.get("preset")=="jury-1mb"])' \
	"$tmp/list/jury-budget/session.json")" "[2]" "its session.json says two passes"
is "$(keyframes "$f")" "0.0 2.0 4.0 6.0 " "a keyframe every 2 s after the second pass (7.5 s)"

done_testing
