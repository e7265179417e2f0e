# A session folder for the publish tests (sourced): real media made with the
# ffmpeg CLI, described in a session.json written here as studio-encode
# would (preset, file, bytes, sha256, duration).
#
#   make_session DIR TITLE [SECONDS [DATE]]
# DIR/renditions/web-720p.mp4 (H.264/AAC), podcast.ogg (Vorbis),
# captions.fr.vtt; SECONDS long (default 2), recorded on DATE (YYYY-MM-DD).
# The title is in the media's tags, so two sessions never share content.

make_session() {
	_s=$1 _title=$2 _sec=${3:-2} _date=${4:-2026-11-28}
	mkdir -p "$_s/renditions" || return 1
	ffmpeg -nostdin -v error -y -f lavfi -i "testsrc=size=320x240:rate=25:duration=$_sec" \
		-f lavfi -i "sine=frequency=440:duration=$_sec" -c:v libx264 -pix_fmt yuv420p \
		-c:a aac -shortest -movflags +faststart -metadata title="$_title" \
		"$_s/renditions/web-720p.mp4" &&
	ffmpeg -nostdin -v error -y -f lavfi -i "sine=frequency=330:duration=$_sec" \
		-c:a libvorbis -metadata title="$_title" "$_s/renditions/podcast.ogg" || return 1
	printf 'WEBVTT\n\n00:00.000 --> 00:01.000\nBonjour à tous\n' > "$_s/renditions/captions.fr.vtt"
	python3 - "$_s" "$_title" "$_sec" "$_date" <<'PY'
import hashlib, json, os, sys
d, title, sec, date = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
def rec(f, preset):
    b = open(os.path.join(d, f), "rb").read()
    return {"preset": preset, "file": f, "bytes": len(b),
            "sha256": hashlib.sha256(b).hexdigest(), "duration": sec}
s = {"schema": "studio-session/1",
     "title": {"fr": title, "co": title + " (in corsu)"},
     "description": {"fr": "Description & <détails> de « %s »" % title},
     "speakers": ["Maria Santoni"], "producer": "Collectivité de Corse — CorsicaLab",
     "recorded": date + "T14:00:00+01:00", "languages": ["fr", "co"],
     "renditions": [rec("renditions/web-720p.mp4", "web-720p"),
                    rec("renditions/podcast.ogg", "podcast"),
                    rec("renditions/captions.fr.vtt", "captions")],
     "publications": []}
json.dump(s, open(os.path.join(d, "session.json"), "w"), ensure_ascii=False, indent=2)
PY
}
