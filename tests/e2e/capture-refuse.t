#!/bin/sh
# studio-capture refusing a device: busy, or unable to record what was
# asked (saying what it can do).  One message, a non-zero exit, no master
# left behind and nothing that was in the session folder lost.
#
# "Unsupported" is real: ALSA's speex plugin (libasound2-plugins) accepts
# only mono S16, so PortAudio sees a one-channel device and refuses two
# channels.  (Rates and formats cannot be refused by any PCM that runs
# here: PortAudio converts formats itself, and every software PCM takes
# any rate; the message is the same code.)
# "Busy" is simulated: EBUSY comes from a kernel sound driver whose device
# another program holds, and there is no sound card here.  An LD_PRELOAD
# shim (ebusy-shim, built below) makes open(2) of one file, the infile of
# the ALSA file PCM "held", fail with EBUSY; alsa-lib and PortAudio then
# take their real paths (PortAudio 19.6 leaves a device it cannot open out
# of its list; studio-capture asks ALSA why, see capture/busy.h).
set -u
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/capture-lib.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

plan 11

make_signal "$T/held.raw" $((48000 * 2 * 3 * 2)) 7
cat >"$T/asoundrc" <<EOC
pcm.held {
	type file
	slave.pcm { type null }
	file "/dev/null"
	infile "$T/held.raw"
	format "raw"
}
pcm.mono { type speex slave.pcm { type null } denoise false }
pcm.unplugged { type hw card 99 }
EOC
ALSA_CONFIG_PATH="$T/asoundrc"
export ALSA_CONFIG_PATH
# Under LeakSanitizer (make check-asan): alsa-lib does not free what the
# file and speex plugins allocated when their open or setup fails, inside
# snd_pcm_open; those leaks are the library's, and only these refusals
# reach them.
{
	cat "$STUDIO_SRC/tests/lsan.supp"
	echo "leak:snd_pcm_open"
} >"$T/lsan.supp"
LSAN_OPTIONS="suppressions=$T/lsan.supp:print_suppressions=0"
export LSAN_OPTIONS

cat >"$T/ebusy-shim.c" <<'EOC'
/* ebusy-shim: open(2) of $EBUSY_SHIM_PATH fails with EBUSY. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
int open(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	const char *busy = getenv("EBUSY_SHIM_PATH");
	va_list ap;
	mode_t mode = 0;

	if (busy && path && strcmp(path, busy) == 0) {
		errno = EBUSY;
		return -1;
	}
	if (!real)
		real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return real(path, flags, mode);
}
int open64(const char *path, int flags, ...) __attribute__((alias("open")));
EOC
${CC:-cc} -shared -fPIC -o "$T/ebusy-shim.so" "$T/ebusy-shim.c" -ldl
ok $? "the ebusy-shim builds"

# A session folder prepared beforehand, with something in it.
prepare() {
	mkdir -p "$1"
	printf '%s\n' '{"schema": "studio-session/1", "title": {"fr": "Atelier"}, "captures": []}' \
		>"$1/session.json"
	echo "notes" >"$1/notes.txt"
	(cd "$1" && sha256sum session.json notes.txt) >"$T/$(basename "$1").sum"
}
# untouched DIR: as prepared, and no master.
untouched() {
	(cd "$1" && sha256sum -c --quiet "$T/$(basename "$1").sum") && [ ! -e "$1/master" ]
}

# Busy.
prepare "$T/busy"
fails_cleanly "a busy device: one message saying so, with ALSA's words" \
	"audio device held is busy or unavailable: Device or resource busy" \
	env LD_PRELOAD="$T/ebusy-shim.so" EBUSY_SHIM_PATH="$T/held.raw" \
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
	"$CAP" --session "$T/busy" --audio held --duration 1 --no-meter
env LD_PRELOAD="$T/ebusy-shim.so" EBUSY_SHIM_PATH="$T/held.raw" \
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
	"$CAP" --session "$T/busy" --audio held --duration 1 --no-meter >/dev/null 2>&1
is "$?" 69 "... exit EX_UNAVAILABLE"
check "... the session folder is as it was, without a master" untouched "$T/busy"
"$CAP" --session "$T/free" --audio held --duration 0.2 --no-meter >/dev/null 2>&1
is "$?" 0 "the same device records once it is free (the shim is the only difference)"

# Unsupported: two channels from a mono device.
fails_cleanly "two channels from a mono device: one message saying what it offers" \
	"audio device mono cannot record 2 channels at 48000 Hz in s24: it offers up to 1 input channels, rates 44100 48000 96000, formats s16 s24 f32" \
	"$CAP" --session "$T/new" --audio mono --channels 2 --duration 1 --no-meter
"$CAP" --session "$T/new" --audio mono --channels 2 --duration 1 --no-meter >/dev/null 2>&1
is "$?" 69 "... exit EX_UNAVAILABLE"
check "... and no session folder is created" test ! -e "$T/new"
prepare "$T/mono"
"$CAP" --session "$T/mono" --audio mono --channels 2 --duration 1 --no-meter >/dev/null 2>&1
is "$?" 69 "in a prepared session folder too"
check "... which is as it was, without a master" untouched "$T/mono"
"$CAP" --session "$T/mono1" --audio mono --channels 1 --format s16 --duration 0.2 --no-meter \
	>/dev/null 2>&1
is "$?:$(ffprobe -v error -select_streams a -show_entries stream=channels -of csv=p=0 "$T/mono1/master/master.mkv")" \
	"0:1" "the mono device records one channel"

done_testing
