#!/bin/sh
# studio-capture's metadata: --title and --description with LANG=TEXT at
# record time, --describe DIR to correct them afterwards (title,
# description, speakers, languages, marker names, which encode turns into
# chapter titles), and --list-devices with no audio device and with an X11
# screen (Xvfb, through libavdevice's x11grab).
set -u
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/capture-lib.sh"
ENC="$STUDIO_BIN/studio-encode"
T=$(mktemp -d)
xvfb_pid=
trap '[ -n "$xvfb_pid" ] && kill $xvfb_pid; rm -rf "$T"' EXIT INT TERM

plan 27

S="$T/s"
J="$S/session.json"
# texts KEY: the session's texts of KEY (title, description), by language.
texts() { json_get "$J" "sorted(d[\"$1\"].items())"; }

# Record time: a plain TEXT is the main language, LANG=TEXT another one; a
# text that merely contains '=' stays text.
"$CAP" --session "$S" --test-sources --duration 4 --no-meter --quiet --language fr \
	--title "a=b c" --title co="Attellu di cuncezzione" \
	--description "Atelier ouvert" --description en="An open workshop" --speaker "Anna"
ok $? "records with --title co=TEXT and --description"
is "$(texts title)" \
	"[('co', 'Attellu di cuncezzione'), ('fr', 'a=b c')]" \
	"the title in French (a=b c stays text) and in Corsican"
is "$(texts description)" \
	"[('en', 'An open workshop'), ('fr', 'Atelier ouvert')]" \
	"the description in French and in English"
ffprobe -v error -show_entries format_tags=description -of csv=p=0 "$S/master/master.mkv" \
	>"$T/tags"
is "$(cat "$T/tags")" "Atelier ouvert" "the master carries the description as a tag"
fails_cleanly "an empty text after LANG= is refused" "invalid value.*--title" \
	"$CAP" --session "$T/e" --test-sources --duration 1 --title "co="
fails_cleanly "--marker without --describe is refused" "--marker.*--describe" \
	"$CAP" --session "$T/e" --test-sources --duration 1 --marker 1=x
is "$(ls "$T" | grep -c '^e$')" "0" "nothing created by the refusals"

# Markers as the meter's m drops them (live.c): labels "1", "2", "3".
python3 - "$J" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["captures"][0]["markers"] = [{"t": 1.0, "label": "1"}, {"t": 2.5, "label": "2"},
                               {"t": 3.25, "label": "3"}]
json.dump(d, open(sys.argv[1], "w"))
PY
sha256sum "$S/master/master.mkv" >"$T/master.sum"

# --describe: what changed, nothing else.
"$CAP" --describe "$S" --title "Atelier de co-conception" --title co="Attellu" \
	--description en="A workshop" --speaker "Marie-Thérèse Santu" --speaker "Ghjuvan Petru" \
	--marker 2=Questions --marker 3=Conclusion >"$T/out" 2>"$T/err"
ok $? "--describe corrects the metadata"
is "$(texts title)" \
	"[('co', 'Attellu'), ('fr', 'Atelier de co-conception')]" \
	"the titles replaced, plain text in the main language"
is "$(texts description)" \
	"[('en', 'A workshop'), ('fr', 'Atelier ouvert')]" \
	"the English description replaced, the French one kept"
is "$(json_get "$J" 'd["speakers"]')" "['Marie-Thérèse Santu', 'Ghjuvan Petru']" \
	"--speaker replaces the list of speakers"
is "$(json_get "$J" '[(m["t"], m["label"]) for m in d["captures"][0]["markers"]]')" \
	"[(1.0, '1'), (2.5, 'Questions'), (3.25, 'Conclusion')]" \
	"--marker N=NAME names markers 2 and 3, at their times"
is "$(json_get "$J" '(len(d["captures"]), "recording" in d)')" "(1, False)" \
	"nothing recorded: still one capture"
check "the master is untouched" sha256sum -c --quiet "$T/master.sum"
grep -q 'title (fr) changed from "a=b c" to "Atelier de co-conception"' "$T/err" &&
	grep -q 'speakers changed from "Anna" to "Marie-Thérèse Santu, Ghjuvan Petru"' "$T/err" &&
	grep -q 'marker 2 at 2.5 s renamed from "2" to "Questions"' "$T/err" &&
	grep -q 'description (en) changed' "$T/err" && ! grep -q 'description (fr)' "$T/err"
ok $? "--describe prints what changed, and only that"

# The main language follows the session, or the new --language.
"$CAP" --describe "$S" --language co --language fr --title "Attellu di cuncezzione" 2>"$T/err"
ok $? "--describe with --language"
is "$(json_get "$J" '(d["languages"], d["title"]["co"])')" \
	"(['co', 'fr'], 'Attellu di cuncezzione')" \
	"--language replaces the languages; a plain title goes to the new main one"

# Refusals: nothing written.
cp "$J" "$T/before.json"
fails_cleanly "a marker that does not exist is refused, naming how many there are" \
	"no marker 4 in $J: the recording has 3 markers" \
	"$CAP" --describe "$S" --title "Autre" --marker 4=Fin
check "the refused --describe wrote nothing" cmp -s "$T/before.json" "$J"
fails_cleanly "--describe takes no recording options" "--describe takes no recording options" \
	"$CAP" --describe "$S" --test-sources --duration 1 --title x
fails_cleanly "--describe without anything to change is refused" "nothing to describe" \
	"$CAP" --describe "$S"
mkdir "$T/empty"
fails_cleanly "--describe of a folder without session.json fails, naming it" \
	"$T/empty/session.json" "$CAP" --describe "$T/empty" --title x
"$CAP" --describe "$S" --speaker "Marie-Thérèse Santu" --speaker "Ghjuvan Petru" 2>"$T/err"
grep -q "nothing changed in $J" "$T/err" && cmp -s "$T/before.json" "$J"
ok $? "the same values again: \"nothing changed\", nothing written"

# Marker names are the chapter titles.
"$ENC" -q -p podcast "$S"
ok $? "encodes the described session"
# Its NOTE block (the attribution, checked by attribution.t) left aside.
sed '/^NOTE$/,/^$/d' "$S/renditions/chapters.vtt" | sed -n '/-->/{n;p}' | tr '\n' ' ' >"$T/chapters"
# Before the first marker, encode's opening chapter bears the title (in
# the main language, Corsican since the --language above).
is "$(cat "$T/chapters")" "Attellu di cuncezzione 1 Questions Conclusion " \
	"the chapters carry the marker names and the described title"

# --list-devices without any audio device (an ALSA configuration whose only
# PCM never opens) and without an X server: "none" everywhere.
printf 'pcm.unplugged { type hw card 99 }\n' >"$T/asoundrc"
ALSA_CONFIG_PATH="$T/asoundrc"
export ALSA_CONFIG_PATH
env -u DISPLAY "$CAP" --list-devices >"$T/out" 2>"$T/err"
sed -n '/^audio input devices/{n;p}' "$T/out" >"$T/audio"
is "$(cat "$T/audio")" "  none" "--list-devices says none under the audio devices"
start_xvfb
env DISPLAY="$XDISPLAY" "$CAP" --list-devices --json >"$T/out" 2>"$T/err"
# (A machine with a camera would list it too, as kind v4l2.)
is "$(json_get "$T/out" '[(x["type"], x["kind"], x["display"], x["width"], x["height"]) for x in d if x.get("kind") != "v4l2"]')" \
	"[('video', 'x11', '$XDISPLAY', 640, 480)]" \
	"--list-devices --json lists the X11 screen x11grab opens, and no audio device"
