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

# rest SESSION_JSON: session.json but its renditions, its segment plan
# (kept by the join) and the time of its last update.
rest() {
	python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for k in ("renditions", "segment_plan", "updated"):
    d.pop(k, None)
print(json.dumps(d, sort_keys=True))
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
# This holds for short segments only: in a 10 s segment x264 comes back to
# the one-machine encode's choices after the join (measured on 40 s in 4
# segments: 0.9964 at each join, 0.99875 on average, worst frame 0.9932),
# so the longer the segments, the higher the average; ssim_source is the
# criterion that does not depend on their length.
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

# ssim_source ONE SEG SESSION_JSON MASTER: true when, at each join that
# SESSION_JSON's plan records, the segmented video SEG is as close to the
# MASTER (320x180, 25 fps) as the one-machine ONE is: the mean SSIM against
# the master over the join's ±1 s at least the one-machine encode's over
# the same frames less 0.001, and no frame under 0.98.  Measured on 40 s in
# 4 segments (segweb): 0.9934, 0.9933, 0.9937 at the joins against 0.9938,
# 0.9936, 0.9941 for the one-machine encode (0.9936 on average for both);
# a frame dropped, repeated or shifted at a join gives about 0.90 on this
# moving pattern.  What the viewer sees is the distance to the master: the
# segmented encode may differ from the one-machine one, not be worse.
ssim_source() {
	ffmpeg -v error -i "$1" -i "$4" -lavfi "[1:v]scale=320:180[m];[0:v][m]ssim=stats_file=$tmp/ssim.one" \
		-f null - &&
		ffmpeg -v error -i "$2" -i "$4" -lavfi "[1:v]scale=320:180[m];[0:v][m]ssim=stats_file=$tmp/ssim.seg" \
			-f null - &&
		python3 - "$tmp/ssim.one" "$tmp/ssim.seg" "$3" <<'PY'
import json, re, sys
def load(f):
    return [float(re.search(r"All:([0-9.]+)", l).group(1)) for l in open(f)]
one, seg = load(sys.argv[1]), load(sys.argv[2])
joins = json.load(open(sys.argv[3]))["segment_plan"]["boundaries"][1:-1]
bad = 0
for t in joins:
    w = slice(int((t - 1) * 25), int((t + 1) * 25))
    o, s = sum(one[w]) / len(one[w]), sum(seg[w]) / len(seg[w])
    print("# join at %.0f s: SSIM to the master %.5f (worst frame %.5f), one machine %.5f"
          % (t, s, min(seg[w]), o))
    bad += s < o - 0.001 or min(seg[w]) < 0.98
sys.exit(bad)
PY
}

# same_as_one_machine ONE SEG SECONDS: 22 checks that the renditions of
# the session SEG, encoded in segments and joined, are those of the session
# ONE, encoded on one machine from the same SECONDS-long segment_master
# with $PRESETS and the captions: duration, frames, keyframes, sound,
# loudness, size, joins, chapters, captions, tags, session.json, files.
same_as_one_machine() {
	_o=$1 _s=$2 _n=$3
	_a="$_o/renditions/segweb.mp4" _b="$_s/renditions/segweb.mp4"
	is "$(duration "$_b")" "$(duration "$_a")" "segweb: the same duration"
	is "$(frames "$_b" v)" "$(frames "$_a" v)" "segweb: the same number of video frames"
	is "$(frames "$_b" a)" "$(frames "$_a" a)" "segweb: the same number of audio frames"
	is "$(keyframes "$_b")" "$(every_gop "$_n")" "segweb: a keyframe exactly every 2 s"
	is "$(audio_md5 "$_b")" "$(audio_md5 "$_a")" "segweb: the same sound, sample for sample"
	is "$(loudness "$_b")" "$(loudness "$_a")" "segweb: the same loudness (ebur128)"
	python3 -c "import os,sys; a,b=(os.path.getsize(f) for f in sys.argv[1:]); sys.exit(abs(a-b) > 0.02*a)" "$_a" "$_b"
	ok $? "segweb: the size within 2 % of the one-machine one"
	faststart "$_b"
	ok $? "segweb: the index first (faststart)"
	is "$(ffprobe -v error -show_chapters -of csv=p=0 "$_b" | cut -d, -f4,6,7 | tr '\n' ' ')" \
		"0.000000,4.500000,Accueil 4.500000,$(printf %.6f "$_n"),Suite " "segweb: the chapters"
	is "$(ffprobe -v error -select_streams s -show_entries stream=codec_name:stream_tags=language -of csv=p=0 "$_b")" \
		"mov_text,fre" "segweb: the captions"
	is "$(ffprobe -v error -show_entries format_tags=title -of csv=p=0 "$_b")" "Segments" "segweb: the tags"
	ssim_source "$_a" "$_b" "$_s/session.json" "$_o/master/master.mkv"
	ok $? "segweb: no glitch at the joins (SSIM to the master at each join's ±1 s, as one machine's)"

	# WebM: every stream starts after Opus' priming (7 ms), in both.
	_a="$_o/renditions/segwebm.webm" _b="$_s/renditions/segwebm.webm"
	is "$(duration "$_b")" "$(duration "$_a")" "segwebm: the same duration"
	is "$(frames "$_b" v)" "$(frames "$_a" v)" "segwebm: the same number of video frames"
	is "$(keyframes "$_b")" "$(keyframes "$_a")" "segwebm: the keyframes of the one-machine encode"
	is "$(audio_md5 "$_b")" "$(audio_md5 "$_a")" "segwebm: the same sound, sample for sample"

	_a="$_o/renditions/segpod.ogg" _b="$_s/renditions/segpod.ogg"
	is "$(audio_md5 "$_b")" "$(audio_md5 "$_a")" "segpod: the same sound, sample for sample"
	is "$(duration "$_b")" "$(duration "$_a")" "segpod: the same duration"

	is "$(records "$_s/session.json")" "$(records "$_o/session.json")" \
		"session.json: the same renditions records (apart from times, bytes and hashes)"
	is "$(rest "$_s/session.json")" "$(rest "$_o/session.json")" \
		"session.json: the rest the same (apart from the plan and the time of update)"
	cmp -s "$_s/renditions/jury.mp4" "$_o/renditions/jury.mp4"
	ok $? "jury, kept whole in the join: the very file of the one-machine encode"
	is "$(ls "$_s/renditions" | tr '\n' ' ')" "$(ls "$_o/renditions" | tr '\n' ' ')" "the same files"
}
