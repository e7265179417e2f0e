#!/bin/sh
# Messages through gettext with the French translation shipped, and
# `make install` / `make uninstall` with PREFIX and DESTDIR: the installed
# programs find their presets and translations where they were installed.
set -u
. "$(dirname "$0")/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
plan 10

fails_cleanly "english by default" "unrecognized option\|unknown option" \
	env LANG=C LC_ALL= LANGUAGE= "$STUDIO_BIN/studio-encode" --no-such-option
fr=$(LC_ALL=fr_FR.UTF-8 LANGUAGE= "$STUDIO_BIN/studio-capture" --duration abc --session "$tmp/s" 2>&1)
en=$(LC_ALL=C LANGUAGE= "$STUDIO_BIN/studio-capture" --duration abc --session "$tmp/s" 2>&1)
[ -n "$fr" ] && [ "$fr" != "$en" ]
ok $? "LANG=fr_FR.UTF-8 gives a French message: $fr"
printf '%s' "$fr" | grep -q "valeur"
ok $? "the French message is the translation"
LC_ALL=fr_FR.UTF-8 "$STUDIO_BIN/studio-publish" --help | grep -q "Publie\|publie"
ok $? "--help is translated"

LC_ALL=fr_FR.UTF-8 "$STUDIO_BIN/studio-capture" --session "$tmp/dec" --test-sources \
	--video test:160x120@25 --duration 1.5 --quiet 2>/dev/null &&
	near "$(json_get "$tmp/dec/session.json" 'd["captures"][0]["duration"]')" 1.5 0.04
ok $? "a French locale still reads and writes decimal points"

o=$(dirname "$STUDIO_BIN")
make -s -C "$STUDIO_SRC" O="$o" install PREFIX=/opt/studio DESTDIR="$tmp/root" >"$tmp/log" 2>&1
ok $? "make install with PREFIX and DESTDIR"
r=$tmp/root/opt/studio
check "binaries, presets, man pages and translations installed" test -x "$r/bin/studio-encode" \
	-a -f "$r/share/corsicalab-studio/presets/web-720p.ini" -a -f "$r/share/man/man1/studio-publish.1" \
	-a -f "$r/share/locale/fr/LC_MESSAGES/corsicalab-studio.mo"
"$r/bin/studio-encode" --list-presets 2>&1 | grep -q web-720p
ok $? "the installed studio-encode finds its presets"
LC_ALL=fr_FR.UTF-8 "$r/bin/studio-capture" --duration abc --session "$tmp/s" 2>&1 | grep -q "valeur"
ok $? "the installed studio-capture finds its translation"
make -s -C "$STUDIO_SRC" O="$o" uninstall PREFIX=/opt/studio DESTDIR="$tmp/root" >>"$tmp/log" 2>&1 &&
	[ -z "$(find "$tmp/root" -type f)" ]
ok $? "make uninstall removes every installed file"
done_testing
