#!/bin/sh
# The whole pipeline on the built-in test sources: record 10 s of test
# pattern and tone, encode it (web video, podcast, poster, captions in French
# and Corsican), publish it into a local website folder, and print the page
# to open.
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
# Captions in the session's two languages: the page shows a transcript of
# each, whose times move the video.
cat > "$out/demo.fr.vtt" <<VTT
WEBVTT

00:00.500 --> 00:03.000
Bonjour à toutes et à tous.

00:03.500 --> 00:06.500
Bienvenue au CorsicaLab, le laboratoire d'innovation publique de la Collectivité de Corse.

00:07.000 --> 00:09.500
Cette démonstration enregistre une mire et un son de test.
VTT
cat > "$out/demo.co.vtt" <<VTT
WEBVTT

00:00.500 --> 00:03.000
Bonghjornu à tutte è à tutti.

00:03.500 --> 00:06.500
Benvenuti à u CorsicaLab, u laburatoriu d'innuvazione publica di a Cullettività di Corsica.

00:07.000 --> 00:09.500
Sta dimustrazione arregistra una mira è un sonu di prova.
VTT
"$bin/studio-encode" "$session" --preset web-720p,podcast,poster \
	--captions fr="$out/demo.fr.vtt" --captions co="$out/demo.co.vtt"
page=$("$bin/studio-publish" "$session" --to site --config "$out/publish.ini")
echo
echo "Demo published. Open this page in a browser:"
echo "  $page"
