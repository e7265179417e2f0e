#!/bin/sh
# The whole pipeline on the built-in test sources: record 10 s of test
# pattern and tone, encode it with the default presets, publish it into a
# local website folder, and print the page to open.
#   tools/demo.sh BIN_DIR OUT_DIR
# DEMO_VIDEO picks the test picture (default test:1280x720@25); the tests use
# a smaller one.  OUT_DIR/atelier-demo is demo data: it is replaced each run
# (studio-capture itself never overwrites a recording).
set -eu

bin=$1
out=$2
video=${DEMO_VIDEO:-test:1280x720@25}
session=$out/atelier-demo

mkdir -p "$out"
rm -rf "$session"
cat > "$out/publish.ini" <<INI
; studio-publish targets for the demo: one local website folder
[site]
type = dir
path = site
INI

"$bin/studio-capture" --session "$session" --test-sources --video "$video" --duration 10 \
	--title "Atelier de démonstration — CorsicaLab" --speaker "Équipe CorsicaLab" --language fr
"$bin/studio-encode" "$session"
page=$("$bin/studio-publish" "$session" --to site --config "$out/publish.ini")
echo
echo "Demo published. Open this page in a browser:"
echo "  $page"
