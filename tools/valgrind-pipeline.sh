#!/bin/sh
# The demo pipeline (capture -> encode -> publish to a `dir` website) with
# every program under valgrind memcheck: fails on any invalid read/write,
# use of uninitialised memory, or definitely lost bytes.
#   tools/valgrind-pipeline.sh BIN_DIR
set -eu
real=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
for p in studio-capture studio-encode studio-publish; do
	cat > "$tmp/bin/$p" <<SH
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
	--show-leak-kinds=definite --suppressions=$src/tests/valgrind.supp --log-file="$tmp/$p.%p.log" "$real/$p" "\$@"
SH
	chmod +x "$tmp/bin/$p"
done
# The pipeline's share/ lookups follow the real binaries, not the wrappers.
status=0
DEMO_VIDEO=test:320x240@25 "$src/tools/demo.sh" "$tmp/bin" "$tmp/out" >"$tmp/demo.log" 2>&1 || status=$?
for log in "$tmp"/studio-*.log; do
	[ -s "$log" ] && { echo "== $log"; cat "$log"; }
done
if [ $status -ne 0 ]; then
	cat "$tmp/demo.log"
	echo "valgrind: the pipeline failed (exit $status)" >&2
	exit 1
fi
echo "valgrind: capture, encode and publish clean (no invalid access, no definite leak)"
