#!/bin/sh
# bench/encode.sh — studio-encode against the ffmpeg command line, in the
# same run, on the same machine.
#
#   bench/encode.sh [BIN_DIR]          (default: ./bin; needs /usr/bin/time)
#   bench/encode.sh budget [BIN_DIR]   the size budget's two passes (below)
#
# Generates a 20 s noisy 1080p25 master (SECONDS=… to change), then times:
#   1. studio-encode with web-1080p, web-720p, webm-720p and podcast together;
#   2. the ffmpeg CLI once per preset, with the same encoder settings;
#   3. one ffmpeg process decoding once and feeding four outputs (split);
#   4. studio-encode and ffmpeg with web-720p alone.
# and prints wall time, CPU time (user + system) and peak RSS of each, and
# the ratios.  Any core count works: the figures scale with the machine.
#
# The budget mode generates a 10 s noisy 640x360 master (noise that changes
# every frame, a tone) and times, with a preset derived from jury (360p,
# x264 veryfast, max_bytes 1.5 MB; BUDGET=… to change):
#   1. studio-encode without the budget: one constant-quality pass;
#   2. studio-encode with it: the CRF pass over the budget, then the second;
#   3. the ffmpeg CLI two-pass (-pass 1 fast, without sound, to a null
#      output; -pass 2 with the sound) at the rate studio-encode chose;
# and prints the ratios and each file's share of the budget.
set -eu

MODE=all
if [ "${1:-}" = budget ]; then
	MODE=budget
	shift
fi
BIN=${1:-bin}
ENC="$BIN/studio-encode"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
XDG_CONFIG_HOME="$work/xdg"   # shipped presets only (and the budget mode's own)
export XDG_CONFIG_HOME

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

# share FILE: its size as a share of the budget.
share() {
	awk -v b="$(stat -c %s "$1")" -v m="$BUDGET" 'BEGIN { printf "%d bytes, %.1f %% of the budget", b, 100 * b / m }'
}

budget_mode() {
	DUR=${SECONDS_OF_MASTER:-10}
	BUDGET=${BUDGET:-1500000}
	P="$XDG_CONFIG_HOME/studio/presets"
	mkdir -p "$P"
	sed -e "s/^max_bytes = .*/max_bytes = $BUDGET/" -e 's/^max_height = .*/max_height = 360/' \
		-e 's/^x264_preset = .*/x264_preset = veryfast/' "$(dirname "$0")/../presets/jury.ini" >"$P/budget.ini"
	grep -v '^max_bytes' "$P/budget.ini" >"$P/unbounded.ini"
	echo "# $(nproc) cores, $(ffmpeg -version | head -1 | cut -d' ' -f1-3), master: ${DUR} s noisy 640x360, budget $BUDGET bytes" >&2
	ffmpeg -v error -f lavfi -i "nullsrc=s=640x360:r=25,geq=random(1)*255:128:128" \
		-f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$DUR" \
		-c:v libx264 -preset ultrafast -qp 0 -c:a flac "$work/master.mkv"
	M="$work/master.mkv"
	printf "%-22s %8s %8s %8s\n" "run" "wall s" "cpu s" "rss MB"
	measure studio-1-pass "$ENC" -p unbounded -o "$work/s1" "$M"
	measure studio-2-pass "$ENC" -p budget -o "$work/s2" "$M"
	kbit=$(sed -n 's/.*second pass at \([0-9]*\) kbit\/s.*/\1/p' "$work/err.studio-2-pass")
	[ -n "$kbit" ] || { echo "bench: the budget did not bind: no second pass" >&2; exit 1; }
	V="-vf scale=w=640:h=360:out_range=tv,format=yuv420p,fps=25 -c:v libx264 -preset veryfast -profile:v high -g 50 -flags +cgop -x264-params scenecut=0 -maxrate 40M -bufsize 80M -b:v ${kbit}k -passlogfile $work/ff"
	measure ffmpeg-2-pass sh -c "ffmpeg -v error -y -i '$M' $V -pass 1 -an -f null /dev/null &&
		ffmpeg -v error -y -i '$M' $V -pass 2 -c:a aac -b:a 160k -ar 48000 -ac 2 -movflags +faststart '$work/f2.mp4'"
	echo
	echo "studio-encode, one pass (no budget): $(share "$work/s1/unbounded.mp4")"
	echo "studio-encode, two passes at $kbit kbit/s: $(share "$work/s2/budget.mp4")"
	echo "ffmpeg, two passes at $kbit kbit/s: $(share "$work/f2.mp4")"
	awk '
		{ w[$1] = $2; c[$1] = $3 }
		END {
			printf "studio 2-pass / studio 1-pass: wall %.2fx  cpu %.2fx\n",
				w["studio-2-pass"] / w["studio-1-pass"], c["studio-2-pass"] / c["studio-1-pass"]
			printf "studio 2-pass / ffmpeg 2-pass: wall %.2fx  cpu %.2fx\n",
				w["studio-2-pass"] / w["ffmpeg-2-pass"], c["studio-2-pass"] / c["ffmpeg-2-pass"]
		}' "$work/results"
}

if [ "$MODE" = budget ]; then
	budget_mode
	exit 0
fi

DUR=${SECONDS_OF_MASTER:-20}
echo "# $(nproc) cores, $(ffmpeg -version | head -1 | cut -d' ' -f1-3), master: ${DUR} s noisy 1080p25" >&2
# Noise that changes every frame: hard to compress, like a dim, grainy camera.
ffmpeg -v error -f lavfi -i "testsrc2=size=1920x1080:rate=25,noise=alls=20:allf=t+u" \
	-f lavfi -i "sine=frequency=300:sample_rate=48000,volume=0.3" -t "$DUR" \
	-c:v libx264 -preset veryfast -crf 20 -pix_fmt yuv420p -c:a flac "$work/master.mkv"

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
