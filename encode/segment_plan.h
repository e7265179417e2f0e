/* segment_plan.h — the plan of a segment-parallel encoding, kept in
 * session.json as "segment_plan" so that the steps (--segment K, --join)
 * need nothing but the session's path, on any machine that sees it.
 *
 * The video of each "segmented" preset (an audio-video preset without a
 * size budget, not cut by --trim) is cut on multiples of its closed GOP
 * (gop_seconds) from the selection's start: every part begins with a
 * keyframe exactly where the one-machine encode puts one, so the parts
 * join by stream copy.  Everything else (the sound, still pictures, the
 * budgeted presets) is encoded whole by the join. */
#ifndef ENC_SEGMENT_PLAN_H
#define ENC_SEGMENT_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "chain.h"
#include "options.h"
#include "plan.h"
#include "preset.h"

/* The hidden folder of the parts, relative to the session. */
#define ENC_PARTS ENC_RENDITIONS "/.parts"

struct enc_segplan_preset {
	char *name;
	char sha256[65];        /* of its .ini: a changed preset invalidates the plan */
	bool segmented;         /* its video is encoded in parts */
	struct enc_gain gain;   /* found by the plan's loudness measurement */
};

/* Owns everything (enc_segplan_free()). */
struct enc_segplan {
	int n;                  /* segments */
	double *bounds;         /* N + 1 boundaries on the master's timeline: the
				   selection's start, GOP multiples from it, its end */
	double gop;             /* seconds: every boundary but the last is a multiple */
	struct enc_segplan_preset *presets;
	size_t npresets;
	/* The options each step re-creates the plan with. */
	double opt_start, opt_end;
	bool trim;
	int audio_track;
	char **captions;        /* --captions LANG=FILE given to the plan */
	size_t ncaptions;
};

/* True when preset I of PLAN has its video encoded in parts. */
bool enc_segplan_segmented(const struct enc_plan *plan, size_t i);

/* Cuts PLAN's selection as O asks (--plan-segments N or Ts) into SP, with
 * PRESETS' hashes and PLAN's gains.  A selection of unknown length, no
 * segmented preset or GOPs that no common length fits are refused. */
int enc_segplan_make(struct enc_segplan *sp, const struct enc_options *o,
		     const struct enc_plan *plan, const struct enc_preset *presets, size_t n);

/* Records SP in SESSION_DIR/session.json (locked atomic update), in place
 * of any earlier plan. */
int enc_segplan_record(const char *session_dir, const struct enc_segplan *sp);

/* Reads the plan of SESSION_DIR into SP and puts its presets, selection,
 * --trim, --audio-track and --captions into O.  No plan: refused. */
int enc_segplan_load(struct enc_segplan *sp, const char *session_dir, struct enc_options *o);

/* Checks that PRESETS are those planned (same files) and gives PLAN the
 * planned gains. */
int enc_segplan_apply(const struct enc_segplan *sp, struct enc_plan *plan,
		      const struct enc_preset *presets, size_t n);

/* Segment K's part of the selection (K from 1 to SP->n). */
struct enc_cut enc_segplan_cut(const struct enc_segplan *sp, int k);

/* SESSION_DIR/renditions/.parts/NAME.K.EXT (K 0: NAME.audio.EXT), malloc'ed. */
char *enc_segplan_part(const char *session_dir, const struct enc_preset *p, int k);

/* Empties and removes SESSION_DIR/renditions/.parts: the parts, and the
 * temporary files of killed segments. */
void enc_segplan_clear_parts(const char *session_dir);

void enc_segplan_free(struct enc_segplan *sp);

#endif
