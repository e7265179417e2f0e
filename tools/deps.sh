#!/bin/sh
# Installs every Debian 12 package the build, the demo, the tests and the
# packaging (make deb, make check-debian13) need, then the npm test tools of
# tests/tools/ (axe-core, html-validate, puppeteer-core) as its lock file pins.
# Idempotent: does nothing when everything is present.  Runs apt-get as root,
# through sudo otherwise; npm as the calling user.
set -eu

PACKAGES="build-essential pkg-config clang gettext locales python3 perl valgrind time file
libavformat-dev libavcodec-dev libavfilter-dev libavutil-dev libswscale-dev
libswresample-dev libavdevice-dev portaudio19-dev libvorbis-dev libogg-dev
libcurl4-openssl-dev libssl-dev libjansson-dev libinih-dev libcmocka-dev libexpat1-dev
ffmpeg oggz-tools vorbis-tools espeak-ng fonts-dejavu-core
debhelper dpkg-dev lintian debootstrap
pulseaudio pulseaudio-utils libasound2-plugins xvfb tmux
apache2 apache2-utils openssl mediawiki php-cli php-sqlite3 php-intl php-mbstring php-xml
nginx-light libnginx-mod-http-dav-ext lighttpd lighttpd-mod-webdav lighttpd-mod-openssl rclone
chromium python3-html5lib python3-feedparser libimage-exiftool-perl"
LOCALE=fr_FR.UTF-8

missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing="$missing $p"
done
# Node.js for the test tools: Debian's nodejs and npm when there is no node
# or npm at all; a node already installed (NodeSource's, which bundles
# npm) is kept, never replaced.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
locale_ok() { locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; }

# The npm test tools, installed with `npm ci` from the committed lock file
# into tests/tools/node_modules (git-ignored), skipped when that lock file
# was the last one installed there.  npm runs no install script: none of the
# three needs one, and puppeteer-core downloads no browser (the tools drive
# Debian's /usr/bin/chromium).
test_tools() {
	tools=$(dirname "$0")/../tests/tools
	stamp=$tools/node_modules/.studio-lock.sha256
	want=$(sha256sum < "$tools/package-lock.json")
	[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return 0
	echo "deps: installing the npm test tools into tests/tools/node_modules" >&2
	(cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2) &&
		printf '%s\n' "$want" > "$stamp"
}

if [ -z "$missing" ] && locale_ok; then
	test_tools
	exit 0
fi

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
if [ -n "$missing" ]; then
	echo "deps: installing:$missing" >&2
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
if ! locale_ok; then
	echo "deps: generating the $LOCALE locale (French messages)" >&2
	if [ -f /etc/locale.gen ] && grep -q "^# *$LOCALE UTF-8" /etc/locale.gen; then
		$SUDO sed -i "s/^# *$LOCALE UTF-8/$LOCALE UTF-8/" /etc/locale.gen
	else
		echo "$LOCALE UTF-8" | $SUDO tee -a /etc/locale.gen >/dev/null
	fi
	$SUDO locale-gen >/dev/null
fi
test_tools
