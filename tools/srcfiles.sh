#!/bin/sh
# Prints the source files of the tree at DIR (default: this tree), one per
# line, relative to DIR: git's tracked and untracked-but-not-ignored files in
# a git checkout, else every file but the build outputs.  tools/deb.sh and
# tools/check-debian.sh copy a tree with it, so no build output (bin/, deb/)
# goes into a package or a chroot.
set -eu
cd "${1:-$(dirname "$0")/..}"
if [ -e .git ] && command -v git >/dev/null 2>&1; then
	git ls-files -co --exclude-standard
else
	find . -type f ! -path './.git/*' ! -path './bin/*' ! -path './build*' ! -path './share/*' \
		! -path './deb/*' ! -path './demo/*' ! -name '*.o' | sed 's|^\./||'
fi
