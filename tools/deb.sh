#!/bin/sh
# make deb: the Debian package of this tree, built by dpkg-buildpackage from a
# copy in OUT/build/ (the working tree is left alone).  The version gets
# +debN, N being the Debian release it was built on, since the packages
# built on Debian 12 and 13 depend on different FFmpeg libraries.  The .deb,
# .buildinfo and .changes land in OUT/; lintian checks them when it is there
# and fails on an error.
#   tools/deb.sh OUT
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
out=$1
release=$(. /etc/os-release && echo "${VERSION_ID:-0}" | cut -d. -f1)
version=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
tree=$out/build/corsicalab-studio-$version

rm -rf "$out/build"
mkdir -p "$tree"
"$src/tools/srcfiles.sh" "$src" | (cd "$src" && tar -cf - -T -) | tar -xf - -C "$tree"
sed -i "1s/($version)/($version+deb$release)/" "$tree/debian/changelog"
(cd "$tree" && dpkg-buildpackage -us -uc -b)
mv "$out/build/"*.deb "$out/build/"*.buildinfo "$out/build/"*.changes "$out/"
rm -rf "$out/build"
changes=$(ls "$out"/corsicalab-studio_"$version+deb$release"_*.changes)
if command -v lintian >/dev/null 2>&1; then
	lintian --fail-on error --display-info "$changes"
else
	echo "deb: lintian is not installed: the package is not checked" >&2
fi
ls "$out"/*"$version+deb$release"*.deb
