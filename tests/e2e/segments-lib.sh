# segments-lib.sh — sourced, after encode-lib.sh, by the tests of segment-
# parallel encoding (issue 14): encode-segments.t (this machine) and
# encode-slurm.t (through Slurm).  The quick presets, the test master, and
# the comparison of a segmented encode against the one-machine one, so that
# both paths are held to the same checks.

# segment_presets: user presets derived from web-720p, webm-720p and
# podcast, small and fast (segweb, segwebm, segpod), and sets $PRESETS to
# them and jury (a size budget: kept whole by the plan).
segment_presets() {
	_sp="$XDG_CONFIG_HOME/studio/presets"
	mkdir -p "$_sp"
	sed -e 's/^max_height = 720/max_height = 180/' -e 's/^x264_preset = medium/x264_preset = veryfast/' \
		"$STUDIO_SRC/presets/web-720p.ini" >"$_sp/segweb.ini"
	sed -e 's/^max_height = 720/max_height = 180/' -e 's/^speed = .*/speed = 8/' \
		"$STUDIO_SRC/presets/webm-720p.ini" >"$_sp/segwebm.ini"
	cp "$STUDIO_SRC/presets/podcast.ini" "$_sp/segpod.ini"
	PRESETS=segweb,segwebm,segpod,jury
}

# segment_master DIR SECONDS: a session of the test sources in DIR,
# 320x180 at 25 fps, titled "Segments", with the markers "Accueil" (0 s)
# and "Suite" (4.5 s), and the captions $tmp/fr.vtt (two cues); or bails out.
segment_master() {
	nice -n 15 "$STUDIO_BIN/studio-capture" --quiet --session "$1" --test-sources \
		--video test:320x180@25 --duration "$2" --title "Segments" ||
		{ echo "Bail out! studio-capture cannot record the test master"; exit 1; }
	python3 - "$1/session.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["captures"][-1]["markers"] = [{"t": 0, "label": "Accueil"}, {"t": 4.5, "label": "Suite"}]
json.dump(d, open(sys.argv[1], "w"))
PY
	printf 'WEBVTT\n\n00:00:00.500 --> 00:00:03.000\nBonjour\n\n00:00:05.000 --> 00:00:07.000\nDeux\n' \
		>"$tmp/fr.vtt"
}

# What ffprobe and ffmpeg tell of a rendition.
frames() { ffprobe -v error -count_frames -select_streams "$2" -show_entries \
	stream=nb_read_frames -of csv=p=0 "$1"; }
duration() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"; }
keyframes() { ffprobe -v error -select_streams v -show_entries packet=pts_time,flags -of csv=p=0 "$1" |
	awk -F, '$2 ~ /K/ { printf "%s ", $1 }'; }
audio_md5() { ffmpeg -v error -i "$1" -map 0:a:0 -f md5 -; }

# every_gop SECONDS: the keyframe times of a SECONDS-long rendition with a
# 2 s GOP, as keyframes prints them.
every_gop() { awk -v n="$1" 'BEGIN { for (t = 0; t < n; t += 2) printf "%.6f ", t }'; }

# records SESSION_JSON: the renditions records, without the times and, for
# the presets encoded anew in the join or in parts, their own bytes.
records() {
	python3 - "$1" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["renditions"]:
    r.pop("encoded", None)
    if r.get("preset") in ("segweb", "segwebm", "segpod"):
        for k in ("bytes", "sha256", "bitrate"):
            r.pop(k, None)
    print(json.dumps(r, sort_keys=True))
PY
}

# ssim_joins ONE SEG SESSION_JSON: true when the segmented video SEG has
# no glitch at the joins that SESSION_JSON's plan records, against the
# one-machine ONE (25 fps).  SSIM at each join's ±1 s against the average
# frame past the first join (the first segment is the one-machine encode's
# very start, bit for bit, SSIM 1).  x264's rate control starts afresh in
# each part, which moves the SSIM of whole segments by about 0.001 on this
# pattern (measured on 10 s: 0.9963 and 0.9954 at the joins, 0.9964 on
# average), so the window's mean may lie 0.002 below the average; a glitch
# (a frame dropped, repeated or shifted at a join) gives 0.90 on this
# moving pattern, caught by the window's mean and its worst frame.
ssim_joins() {
	ffmpeg -v error -i "$1" -i "$2" -lavfi "[0:v][1:v]ssim=stats_file=$tmp/ssim.log" -f null - &&
		python3 - "$tmp/ssim.log" "$3" <<'PY'
import json, re, sys
v = [float(re.search(r"All:([0-9.]+)", l).group(1)) for l in open(sys.argv[1])]
joins = json.load(open(sys.argv[2]))["segment_plan"]["boundaries"][1:-1]
first = int(joins[0] * 25)
avg = sum(v[first:]) / len(v[first:])
bad = 0
for t in joins:
    w = v[int((t - 1) * 25):int((t + 1) * 25)]
    m = sum(w) / len(w)
    print("# join at %.0f s: SSIM %.5f (worst frame %.5f), average %.5f" % (t, m, min(w), avg))
    bad += m < avg - 0.002 or min(w) < 0.98
sys.exit(bad)
PY
}

# same_as_one_machine ONE SEG SECONDS: 21 checks that the renditions of
# the session SEG, encoded in segments and joined, are those of the session
# ONE, encoded on one machine from the same SECONDS-long segment_master
# with $PRESETS and the captions: duration, frames, keyframes, sound,
# loudness, size, joins, chapters, captions, tags, session.json, files.
same_as_one_machine() {
	_o=$1 _s=$2 _n=$3
	A="$_o/renditions/segweb.mp4" B="$_s/renditions/segweb.mp4"
	is "$(duration "$B")" "$(duration "$A")" "segweb: the same duration"
	is "$(frames "$B" v)" "$(frames "$A" v)" "segweb: the same number of video frames"
	is "$(frames "$B" a)" "$(frames "$A" a)" "segweb: the same number of audio frames"
	is "$(keyframes "$B")" "$(every_gop "$_n")" "segweb: a keyframe exactly every 2 s"
	is "$(audio_md5 "$B")" "$(audio_md5 "$A")" "segweb: the same sound, sample for sample"
	is "$(loudness "$B")" "$(loudness "$A")" "segweb: the same loudness (ebur128)"
	python3 -c "import os,sys; a,b=(os.path.getsize(f) for f in sys.argv[1:]); sys.exit(abs(a-b) > 0.02*a)" "$A" "$B"
	ok $? "segweb: the size within 2 % of the one-machine one"
	faststart "$B"
	ok $? "segweb: the index first (faststart)"
	is "$(ffprobe -v error -show_chapters -of csv=p=0 "$B" | cut -d, -f4,6,7 | tr '\n' ' ')" \
		"0.000000,4.500000,Accueil 4.500000,$(printf %.6f "$_n"),Suite " "segweb: the chapters"
	is "$(ffprobe -v error -select_streams s -show_entries stream=codec_name:stream_tags=language -of csv=p=0 "$B")" \
		"mov_text,fre" "segweb: the captions"
	is "$(ffprobe -v error -show_entries format_tags=title -of csv=p=0 "$B")" "Segments" "segweb: the tags"
	ssim_joins "$A" "$B" "$_s/session.json"
	ok $? "segweb: no glitch at the joins (SSIM at each join's ±1 s against the average)"

	# WebM: every stream starts after Opus' priming (7 ms), in both.
	A="$_o/renditions/segwebm.webm" B="$_s/renditions/segwebm.webm"
	is "$(duration "$B")" "$(duration "$A")" "segwebm: the same duration"
	is "$(frames "$B" v)" "$(frames "$A" v)" "segwebm: the same number of video frames"
	is "$(keyframes "$B")" "$(keyframes "$A")" "segwebm: the keyframes of the one-machine encode"
	is "$(audio_md5 "$B")" "$(audio_md5 "$A")" "segwebm: the same sound, sample for sample"

	A="$_o/renditions/segpod.ogg" B="$_s/renditions/segpod.ogg"
	is "$(audio_md5 "$B")" "$(audio_md5 "$A")" "segpod: the same sound, sample for sample"
	is "$(duration "$B")" "$(duration "$A")" "segpod: the same duration"

	is "$(records "$_s/session.json")" "$(records "$_o/session.json")" \
		"session.json: the same renditions records (apart from times, bytes and hashes)"
	cmp -s "$_s/renditions/jury.mp4" "$_o/renditions/jury.mp4"
	ok $? "jury, kept whole in the join: the very file of the one-machine encode"
	is "$(ls "$_s/renditions" | tr '\n' ' ')" "$(ls "$_o/renditions" | tr '\n' ' ')" "the same files"
}
