#!/bin/sh
# bench/encode.sh — studio-encode against the ffmpeg command line, in the
# same run, on the same machine.
#
#   bench/encode.sh [BIN_DIR]      (default: ./bin; needs /usr/bin/time)
#
# Generates a 20 s noisy 1080p25 master (SECONDS=… to change), then times:
#   1. studio-encode with web-1080p, web-720p, webm-720p and podcast together;
#   2. the ffmpeg CLI once per preset, with the same encoder settings;
#   3. one ffmpeg process decoding once and feeding four outputs (split);
#   4. studio-encode and ffmpeg with web-720p alone.
# and prints wall time, CPU time (user + system) and peak RSS of each, and
# the ratios.  Any core count works: the figures scale with the machine.
#
# Segment mode (SEGMENTS="1 2 4" bench/encode.sh): the same four presets on
# a session, one-machine, then for each N: --segments N with --jobs one per
# core, and the steps one at a time (the plan, each segment, the join),
# whose times project the wall time on N machines: plan + slowest segment
# + join (docs/scale-out.md).
set -eu

BIN=${1:-bin}
ENC="$BIN/studio-encode"
DUR=${SECONDS_OF_MASTER:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
XDG_CONFIG_HOME="$work/xdg"   # shipped presets only
export XDG_CONFIG_HOME

echo "# $(nproc) cores, $(ffmpeg -version | head -1 | cut -d' ' -f1-3), master: ${DUR} s noisy 1080p25" >&2
# Noise that changes every frame: hard to compress, like a dim, grainy camera.
ffmpeg -v error -f lavfi -i "testsrc2=size=1920x1080:rate=25,noise=alls=20:allf=t+u" \
	-f lavfi -i "sine=frequency=300:sample_rate=48000,volume=0.3" -t "$DUR" \
	-c:v libx264 -preset veryfast -crf 20 -pix_fmt yuv420p -c:a flac "$work/master.mkv"

# measure NAME COMMAND...: prints "NAME wall cpu rss_mb" (and keeps them).
measure() {
	name=$1
	shift
	/usr/bin/time -v -o "$work/time.$name" "$@" >/dev/null 2>"$work/err.$name" || {
		echo "bench: $name failed:" >&2
		cat "$work/err.$name" >&2
		exit 1
	}
	awk -v n="$name" -F': ' '
		/Elapsed \(wall clock\)/ { split($2, t, ":"); w = (length(t) == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
		/User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { r = $2 / 1024 }
		END { printf "%-22s %8.1f %8.1f %8.0f\n", n, w, u + s, r }' "$work/time.$name" |
		tee -a "$work/results"
}

# segments: the segment mode described at the top, then exit.
segments() {
	P4=web-1080p,web-720p,webm-720p,podcast
	printf "%-22s %8s %8s %8s\n" "run" "wall s" "cpu s" "rss MB"
	session "$work/one"
	measure one-machine "$ENC" -q -p $P4 "$work/one"
	for n in $SEGMENTS; do
		session "$work/l$n"
		measure "segments-$n" "$ENC" -q -p $P4 --segments "$n" --jobs "$(nproc)" "$work/l$n"
		session "$work/s$n"
		measure "plan-$n" "$ENC" -q -p $P4 --plan-segments "$n" "$work/s$n"
		k=1
		while [ "$k" -le "$n" ]; do
			measure "segment-$n.$k" "$ENC" -q --segment "$k" "$work/s$n"
			k=$((k + 1))
		done
		measure "join-$n" "$ENC" -q --join "$work/s$n"
	done
	awk -v dur="$DUR" '
		{ w[$1] = $2; split($1, p, /[-.]/) }
		p[1] == "segment" && $2 > slow[p[2]] { slow[p[2]] = $2 }
		p[1] == "segments" { ns[++m] = p[2] }
		END {
			printf "\none machine: %.1f s, %.2fx the master\n", w["one-machine"], w["one-machine"] / dur
			for (i = 1; i <= m; i++) {
				n = ns[i]; proj = w["plan-" n] + slow[n] + w["join-" n]
				printf "N=%s: here %.1f s (%.2fx); on %s nodes: plan %.1f + slowest segment %.1f + join %.1f = %.1f s (%.2fx)\n",
					n, w["segments-" n], w["segments-" n] / dur, n, w["plan-" n], slow[n], w["join-" n], proj, proj / dur
			}
		}' "$work/results"
	exit 0
}

# session DIR: a session whose master is the test master.
session() {
	mkdir -p "$1/master"
	ln "$work/master.mkv" "$1/master/master.mkv" 2>/dev/null || cp "$work/master.mkv" "$1/master/"
	printf '{"schema": "studio-session/1", "captures": [{"file": "master/master.mkv"}]}\n' \
		>"$1/session.json"
}

[ -z "${SEGMENTS:-}" ] || segments

# The ffmpeg CLI with the presets' settings (presets/*.ini).
X264="-c:v libx264 -preset medium -profile:v high -pix_fmt yuv420p -g 50 -flags +cgop -rc-lookahead 20 -x264-params scenecut=0"
v1080="-vf scale=w=1920:h=1080:out_range=tv,format=yuv420p,fps=25 $X264 -crf 21 -maxrate 6000k -bufsize 12000k"
v720="-vf scale=w=1280:h=720:out_range=tv,format=yuv420p,fps=25 $X264 -crf 21 -maxrate 3000k -bufsize 6000k"
vp9="-vf scale=w=1280:h=720:out_range=tv,format=yuv420p,fps=25 -c:v libvpx-vp9 -crf 32 -b:v 2000k -maxrate 2000k -bufsize 4000k -g 50 -keyint_min 50 -deadline good -cpu-used 4 -row-mt 1 -tile-columns 2 -lag-in-frames 16"
aac="-c:a aac -b:a 160k -ar 48000 -ac 2"
M="$work/master.mkv"

printf "%-22s %8s %8s %8s\n" "run" "wall s" "cpu s" "rss MB"
measure studio-4 "$ENC" -q -p web-1080p,web-720p,webm-720p,podcast -o "$work/s4" "$M"
measure ffmpeg-web-1080p ffmpeg -v error -y -i "$M" $v1080 $aac -movflags +faststart "$work/a.mp4"
measure ffmpeg-web-720p ffmpeg -v error -y -i "$M" $v720 -c:a aac -b:a 128k -ar 48000 -ac 2 \
	-movflags +faststart "$work/b.mp4"
measure ffmpeg-webm-720p ffmpeg -v error -y -i "$M" $vp9 -c:a libopus -b:a 96k -ar 48000 -ac 2 "$work/c.webm"
measure ffmpeg-podcast ffmpeg -v error -y -i "$M" -vn -c:a libvorbis -q:a 4 -ar 48000 -ac 2 "$work/d.ogg"
measure ffmpeg-split ffmpeg -v error -y -i "$M" -filter_complex \
	"[0:v]split=3[v1][v2][v3];[v1]scale=w=1920:h=1080:out_range=tv,format=yuv420p,fps=25[o1];[v2]scale=w=1280:h=720:out_range=tv,format=yuv420p,fps=25[o2];[v3]scale=w=1280:h=720:out_range=tv,format=yuv420p,fps=25[o3];[0:a]asplit=4[a1][a2][a3][a4]" \
	-map "[o1]" -map "[a1]" $X264 -crf 21 -maxrate 6000k -bufsize 12000k $aac -movflags +faststart "$work/e1.mp4" \
	-map "[o2]" -map "[a2]" $X264 -crf 21 -maxrate 3000k -bufsize 6000k -c:a aac -b:a 128k -movflags +faststart "$work/e2.mp4" \
	-map "[o3]" -map "[a3]" -c:v libvpx-vp9 -crf 32 -b:v 2000k -maxrate 2000k -bufsize 4000k -g 50 -keyint_min 50 \
	-deadline good -cpu-used 4 -row-mt 1 -tile-columns 2 -lag-in-frames 16 -c:a libopus -b:a 96k "$work/e3.webm" \
	-map "[a4]" -c:a libvorbis -q:a 4 "$work/e4.ogg"
measure studio-web-720p "$ENC" -q -p web-720p -o "$work/s1" "$M"

awk '
	{ w[$1] = $2; c[$1] = $3; r[$1] = $4 }
	END {
		sw = w["ffmpeg-web-1080p"] + w["ffmpeg-web-720p"] + w["ffmpeg-webm-720p"] + w["ffmpeg-podcast"]
		sc = c["ffmpeg-web-1080p"] + c["ffmpeg-web-720p"] + c["ffmpeg-webm-720p"] + c["ffmpeg-podcast"]
		sr = r["ffmpeg-web-1080p"]; if (r["ffmpeg-web-720p"] > sr) sr = r["ffmpeg-web-720p"]
		if (r["ffmpeg-webm-720p"] > sr) sr = r["ffmpeg-webm-720p"]
		printf "\nffmpeg, four separate runs: %.1f s wall, %.1f s CPU, %.0f MB peak\n", sw, sc, sr
		printf "studio-encode 4 presets / ffmpeg split:         wall %.2fx  cpu %.2fx  rss %.2fx\n",
			w["studio-4"] / w["ffmpeg-split"], c["studio-4"] / c["ffmpeg-split"], r["studio-4"] / r["ffmpeg-split"]
		printf "studio-encode 4 presets / ffmpeg separate runs: wall %.2fx  cpu %.2fx\n",
			w["studio-4"] / sw, c["studio-4"] / sc
		printf "studio-encode web-720p / ffmpeg web-720p:       wall %.2fx  cpu %.2fx  rss %.2fx\n",
			w["studio-web-720p"] / w["ffmpeg-web-720p"], c["studio-web-720p"] / c["ffmpeg-web-720p"],
			r["studio-web-720p"] / r["ffmpeg-web-720p"]
	}' "$work/results"
