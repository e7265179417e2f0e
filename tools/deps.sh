#!/bin/sh
# Installs every Debian 12 package the build, the demo, the tests and the
# packaging (make deb, make check-debian13) need.
# Idempotent: does nothing when everything is present.  Runs apt-get as root,
# through sudo otherwise.
set -eu

PACKAGES="build-essential pkg-config clang gettext locales python3 perl valgrind time file
libavformat-dev libavcodec-dev libavfilter-dev libavutil-dev libswscale-dev
libswresample-dev libavdevice-dev portaudio19-dev libvorbis-dev libogg-dev
libcurl4-openssl-dev libssl-dev libjansson-dev libinih-dev libcmocka-dev libexpat1-dev
ffmpeg oggz-tools vorbis-tools espeak-ng
debhelper dpkg-dev lintian debootstrap
pulseaudio pulseaudio-utils libasound2-plugins xvfb tmux
apache2 apache2-utils openssl mediawiki php-cli php-sqlite3 php-intl php-mbstring php-xml
nginx-light libnginx-mod-http-dav-ext lighttpd lighttpd-mod-webdav lighttpd-mod-openssl rclone
chromium python3-html5lib python3-feedparser"
LOCALE=fr_FR.UTF-8

missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing="$missing $p"
done
locale_ok() { locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; }

if [ -z "$missing" ] && locale_ok; then
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
