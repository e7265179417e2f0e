/* plan.h — everything decided before the encoding pass: what the master
 * holds, the selection (--start/--end), each rendition's cut (a preset's
 * maximum duration, refused or --trim'med) and the loudness of the
 * selection.  A size budget is met by the encoding pass (twopass.h). */
#ifndef ENC_PLAN_H
#define ENC_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "chain.h"
#include "decode.h"
#include "options.h"
#include "preset.h"
#include "record.h"
#include "rendition.h"
#include "source.h"

/* Owns SETUPS (enc_plan_free()); the strings they point to are the
 * caller's. */
struct enc_plan {
	struct enc_decoder_opts read;   /* how the encoding pass reads the master */
	struct enc_cut selection;       /* over the master */
	double master_duration;         /* seconds, <= 0 if unknown */
	int audio_tracks;               /* audio streams in the master */
	struct enc_loudness loudness;   /* of the selection */
	bool measured;                  /* loudness was measured */
	int64_t measure_packets;        /* packets the measuring pass demuxed */
	struct enc_setup *setups;        /* their chapters are owned here too */
	size_t n;
	struct enc_chapters chapters;   /* of the selection, for chapters.vtt */
};

/* Plans the N PRESETS written to PATHS from MASTER as O asks.  A selection
 * a preset cannot take, or a master missing a stream a preset needs, is
 * refused here, before any output is created. */
int enc_plan_make(struct enc_plan *plan, const struct enc_options *o,
		  const struct enc_source *src, const struct enc_preset *presets,
		  char *const *paths, size_t n, const struct enc_caption *captions,
		  size_t ncaptions);
void enc_plan_free(struct enc_plan *plan);

/* The part of the master's timeline CUT (the selection or a setup's cut)
 * covers, for the records: from its start to its end, or to the master's
 * end when it runs there (a --trim'med cut ends where it was cut);
 * UNKNOWN_END when the master's duration is not known either. */
struct enc_span enc_plan_span(const struct enc_plan *plan, const struct enc_cut *cut,
			      double unknown_end);

#endif
