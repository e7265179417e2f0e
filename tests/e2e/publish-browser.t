#!/bin/sh
# The page studio-publish generates, served by Apache from the WebDAV
# folder it was published to, opened by headless Chromium: the <video>
# element must load its metadata and report the rendition's duration, and
# the captions track must load.  A small test-only harness page (same
# origin) reads them from the page in an iframe and writes them into its
# DOM, which --dump-dom prints.
set -u
. "$(dirname "$0")/tap.sh"
. "$STUDIO_SRC/tests/peers/apache-dav.sh"
. "$STUDIO_SRC/tests/peers/chromium.sh"
. "$STUDIO_SRC/tests/peers/session.sh"

PUB=$STUDIO_BIN/studio-publish
T=$(mktemp -d) || exit 1
trap 'dav_stop; rm -rf "$T"' EXIT INT TERM
dav_start "$T/dav" agent browser-test-password
ok $? "apache webdav started"
S="$T/Visite guidée"
make_session "$S" "Visite guidée" 3
ffprobe -v error -show_entries format=duration -of csv=p=0 "$S/renditions/web-720p.mp4" > "$T/dur"
printf 'browser-test-password\n' > "$T/pw"; chmod 600 "$T/pw"
printf '[web]\ntype = webdav\nurl = %s\nusername = agent\npassword_file = pw\nca_file = %s\n' \
	"$DAV_URL" "$DAV_CA" > "$T/publish.ini"
"$PUB" "$S" --to web --config "$T/publish.ini" --quiet
ok $? "session published to webdav"

cat > "$T/harness.html" <<'HTML'
<!DOCTYPE html><html><body><pre id="out">pending</pre>
<iframe id="f" src="visite-guidee/index.html"></iframe>
<script>
var out = document.getElementById("out");
document.getElementById("f").addEventListener("load", function () {
  var doc = this.contentDocument, v = doc.querySelector("video");
  if (!v) { out.textContent = "no video"; return; }
  function report() {
    var t = v.textTracks.length ? v.textTracks[0] : null;
    out.textContent = "duration=" + v.duration + " ready=" + v.readyState +
      " src=" + v.currentSrc.split("/").pop() + " tracks=" + v.textTracks.length +
      " trackmode=" + (t ? t.mode : "none") + " error=" + (v.error ? v.error.code : 0);
  }
  if (v.readyState >= 1) report(); else v.addEventListener("loadedmetadata", report);
  v.addEventListener("error", report, true);
});
</script></body></html>
HTML
curl -s --cacert "$DAV_CA" -u agent:browser-test-password -T "$T/harness.html" "${DAV_URL}harness.html" -o /dev/null
chromium_dom "http://127.0.0.1:$DAV_HTTP_PORT/www/harness.html" "$T/dom" "$T"
got=$(sed -n 's/.*<pre id="out">\([^<]*\)<.*/\1/p' "$T/dom")
echo "# chromium: $got"
case $got in duration=*) ok 0 "chromium loads the video's metadata";; *) ok 1 "chromium loads the video's metadata";; esac
d=$(printf '%s\n' "$got" | sed -n 's/^duration=\([0-9.]*\) .*/\1/p')
near "${d:-0}" "$(cat "$T/dur")" 0.1
ok $? "the video element reports the rendition's duration ($(cat "$T/dur") s)"
case $got in *"src=web-720p.mp4 "*) ok 0 "it plays the MP4 source";; *) ok 1 "it plays the MP4 source";; esac
case $got in *"tracks=1 "*"error=0"*) ok 0 "the captions track is there and no media error";; *) ok 1 "the captions track is there and no media error";; esac

plan "$_tap_n"
done_testing
