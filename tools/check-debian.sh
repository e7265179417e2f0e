#!/bin/sh
# make check-debian13: builds and tests this tree on another Debian release,
# in a chroot made by debootstrap from the mirror this machine's apt uses.
#   tools/check-debian.sh [SUITE]        (default trixie; needs root)
# In the chroot: a -Werror build (DEV=1), the unit tests, the end-to-end
# tests that need no server (E2E below), then `make deb`.  The package is
# then installed with apt into a copy of the bare system and the demo
# pipeline runs from /usr/bin; lintian (this machine's) checks it.
#
# Cache (STUDIO_CHROOT_CACHE, default /var/cache/corsicalab-studio):
#   SUITE-base/  the bare minbase system, made once (about 40 s), again if
#                the mirror changes;
#   SUITE/       base + PACKAGES, reused while its stamp lists the same
#                mirror and packages, made afresh from the base otherwise
#                (about 1 min 50 s);
#   SUITE-install/  a throw-away copy of the base for the install test.
# Both are refreshed (apt-get upgrade) on reuse.  A lock serialises runs.
# Outputs: the .deb files in deb/SUITE/ of this tree (git-ignored), the
# logs in deb/SUITE/*.log.
set -eu

SUITE=${1:-trixie}
SRC=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${STUDIO_CHROOT_CACHE:-/var/cache/corsicalab-studio}
BASE=$CACHE/$SUITE-base
ROOT=$CACHE/$SUITE
INST=$CACHE/$SUITE-install
OUT=$SRC/deb/$SUITE

# What the build, the tests below, `make deb` and bench/encode.sh need (tools/deps.sh lists
# Debian 12's for the whole suite, servers included).
PACKAGES="build-essential pkg-config gettext locales python3 perl ffmpeg time
libavformat-dev libavcodec-dev libavfilter-dev libavutil-dev libswscale-dev
libswresample-dev libavdevice-dev portaudio19-dev libvorbis-dev libogg-dev
libcurl4-openssl-dev libssl-dev libjansson-dev libinih-dev libcmocka-dev
libexpat1-dev oggz-tools vorbis-tools espeak-ng libasound2-plugins tmux debhelper dpkg-dev
fonts-dejavu-core"
# No Apache, MediaWiki, PulseAudio, Xvfb or Chromium (tmux is a terminal for
# encode-progress.t, ALSA's plugins a mono device for capture-refuse.t): capture from the test
# sources and an ALSA file device, every encode preset, the dir target, the
# French locale and `make install`, the fuzz corpus replays.
E2E="capture-basic capture-audio capture-refuse encode-basic encode-captions encode-jury
encode-mix encode-pass encode-presets encode-progress encode-montage encode-budget encode-segments
pipeline pipeline-sidecars
publish-basic i18n-install fuzz-replay"

say() { echo "check-debian: $*" >&2; }
die() { say "$*"; exit 1; }
elapsed() { echo "$(($(date +%s) - T0)) s"; }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot, mount)"
for c in debootstrap chroot mount flock; do
	command -v "$c" >/dev/null 2>&1 || die "$c is missing (make deps installs it)"
done

# The first Debian archive (not the security one) that apt uses here, from
# sources.list or the deb822 .sources files; STUDIO_MIRROR overrides it.
mirror() {
	{
		cat /etc/apt/sources.list 2>/dev/null | sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\).*/\2/p'
		cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs: *\([^ ]*\).*/\1/p'
		cat /etc/apt/sources.list.d/*.list 2>/dev/null | sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\).*/\2/p'
	} | grep -v -e security -e '^$' | grep '/debian/\{0,1\}$' | head -1
}
MIRROR=${STUDIO_MIRROR:-$(mirror)}
[ -n "$MIRROR" ] || die "no Debian mirror in /etc/apt (set STUDIO_MIRROR)"

mkdir -p "$CACHE" "$OUT"
exec 9>"$CACHE/$SUITE.lock"
flock 9

# Every mount made is undone on exit, however the script ends.
MOUNTS=""
cleanup() {
	for m in $MOUNTS; do
		umount -R "$m" 2>/dev/null || umount -R -l "$m" 2>/dev/null || true
	done
	MOUNTS=""
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# enter DIR: mounts /proc and /dev in the chroot at DIR.
enter() {
	mount -t proc proc "$1/proc" || die "cannot mount /proc in $1"
	MOUNTS="$1/proc $MOUNTS"
	mount --rbind /dev "$1/dev" || die "cannot bind /dev in $1"
	MOUNTS="$1/dev $MOUNTS"
	mount --make-rslave "$1/dev"
	cp /etc/resolv.conf "$1/etc/resolv.conf"
}
leave() { cleanup; }
# remove DIR...: deletes chroot trees, never through a mount left inside
# one (a bound /dev would take the machine's devices with it).
remove() {
	for _d; do
		! grep -q " $_d/" /proc/mounts || die "$_d still has mounts: not removing it"
	done
	rm -rf --one-file-system -- "$@"
}
# in DIR COMMAND: runs a shell command in the chroot at DIR.
in_root() {
	_r=$1
	shift
	chroot "$_r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
		LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive /bin/sh -eu -c "$*"
}
APT_GET="apt-get -qq -o Dpkg::Use-Pty=0 -o APT::Install-Recommends=false"

T0=$(date +%s)
if [ "$(cat "$BASE/.studio-base" 2>/dev/null)" != "$MIRROR" ]; then
	remove "$BASE"
	say "debootstrap $SUITE from $MIRROR"
	remove "$BASE.new"
	debootstrap --variant=minbase "$SUITE" "$BASE.new" "$MIRROR" >"$OUT/debootstrap.log" 2>&1 ||
		{ tail -20 "$OUT/debootstrap.log"; die "debootstrap failed (log: $OUT/debootstrap.log)"; }
	# No service starts inside the chroot.
	printf '#!/bin/sh\nexit 101\n' >"$BASE.new/usr/sbin/policy-rc.d"
	chmod 755 "$BASE.new/usr/sbin/policy-rc.d"
	echo "$MIRROR" >"$BASE.new/.studio-base"
	mv "$BASE.new" "$BASE"
	say "base system made in $(elapsed)"
fi

stamp=$(echo "$MIRROR" $PACKAGES | tr -s ' \n' '\n\n' | sort)
if [ ! -f "$ROOT/.studio-packages" ] || [ "$(cat "$ROOT/.studio-packages")" != "$stamp" ]; then
	say "installing the build and test packages in a fresh copy of the base"
	remove "$ROOT" "$ROOT.new"
	cp -a "$BASE" "$ROOT.new"
	enter "$ROOT.new"
	in_root "$ROOT.new" "$APT_GET update && $APT_GET install -y $(echo $PACKAGES) &&
		echo 'fr_FR.UTF-8 UTF-8' >/etc/locale.gen && locale-gen >/dev/null" \
		>"$OUT/packages.log" 2>&1 || { tail -20 "$OUT/packages.log"; die "apt-get failed"; }
	leave
	echo "$stamp" >"$ROOT.new/.studio-packages"
	mv "$ROOT.new" "$ROOT"
else
	say "reusing $ROOT"
	enter "$ROOT"
	in_root "$ROOT" "$APT_GET update && $APT_GET -y upgrade" >"$OUT/packages.log" 2>&1 ||
		{ tail -20 "$OUT/packages.log"; die "apt-get upgrade failed"; }
	leave
fi
say "chroot ready after $(elapsed)"

# The tree is copied, not bind-mounted: the chroot's build never touches
# this tree's bin/ and build/.
remove "$ROOT/build"
mkdir -p "$ROOT/build/src"
"$SRC/tools/srcfiles.sh" "$SRC" | (cd "$SRC" && tar -cf - -T -) | tar -xf - -C "$ROOT/build/src"
tests=""
for t in $E2E; do tests="$tests tests/e2e/$t.t"; done

enter "$ROOT"
in_root "$ROOT" "cd /build/src && gcc --version | head -1 &&
	pkg-config --modversion libavcodec libavformat expat portaudio-2.0 &&
	make -j2 DEV=1 all tests && make DEV=1 TESTS='$tests' check-some" 2>&1 | tee "$OUT/check.log"
grep -q '^Result: PASS' "$OUT/check.log" || die "the $SUITE build or tests failed (log: $OUT/check.log)"
say "build and tests passed after $(elapsed)"

in_root "$ROOT" "cd /build/src && make deb" >"$OUT/deb.log" 2>&1 ||
	{ tail -30 "$OUT/deb.log"; die "make deb failed (log: $OUT/deb.log)"; }
leave
rm -f "$OUT"/*.deb "$OUT"/*.changes "$OUT"/*.buildinfo
cp "$ROOT"/build/src/deb/*.deb "$ROOT"/build/src/deb/*.changes "$ROOT"/build/src/deb/*.buildinfo "$OUT/"
say "package built after $(elapsed): $(cd "$OUT" && ls *.deb | tr '\n' ' ')"
if command -v lintian >/dev/null 2>&1; then
	lintian --fail-on error "$OUT"/corsicalab-studio_*.changes >"$OUT/lintian.log" 2>&1 ||
		{ cat "$OUT/lintian.log"; die "lintian found errors"; }
	grep -v 'root privileges' "$OUT/lintian.log" || true
fi

# The package on a bare system: apt installs it with what its Depends name,
# then the demo pipeline runs from /usr/bin.
say "installing the package on a bare $SUITE"
remove "$INST"
cp -a "$BASE" "$INST"
cp "$OUT"/corsicalab-studio_*.deb "$INST/tmp/"
cp "$SRC/tools/demo.sh" "$INST/tmp/demo.sh"
enter "$INST"
in_root "$INST" "$APT_GET update && $APT_GET install -y /tmp/corsicalab-studio_*.deb &&
	command -v studio-capture studio-encode studio-publish &&
	studio-encode --list-presets | grep -q web-720p &&
	DEMO_VIDEO=test:320x240@25 sh /tmp/demo.sh /usr/bin /tmp/demo &&
	test -f /tmp/demo/site/index.html && ls /tmp/demo/site/*/" >"$OUT/install.log" 2>&1 ||
	{ tail -30 "$OUT/install.log"; die "the package does not install or run (log: $OUT/install.log)"; }
tail -8 "$OUT/install.log"
leave
remove "$INST"
say "$SUITE: passed in $(elapsed)"
