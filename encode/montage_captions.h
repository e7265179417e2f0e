/* montage_captions.h — the sessions' caption files following the cuts of
 * a montage: the cues of each shot's span, re-timed to where the shot
 * plays in the assembly and cut where it gives way to the next part (the
 * middle of a crossfade), gathered into one caption per language. */
#ifndef ENC_MONTAGE_CAPTIONS_H
#define ENC_MONTAGE_CAPTIONS_H

#include <stddef.h>

#include "captions.h"
#include "source.h"

/* Where one shot plays: its span START-END of SRC's master starts at AT in
 * the assembly and is seen from FROM to TO there. */
struct enc_shot_place {
	const struct enc_source *src;
	double start, end, at, from, to;
};

/* Owns LOADED (every shot's caption files) and the cue arrays of
 * CAPTIONS, whose other fields and subtitles are borrowed from LOADED
 * (enc_montage_captions_free()). */
struct enc_montage_captions {
	struct enc_caption *loaded;
	size_t nloaded;
	struct enc_caption *captions;   /* one per language, in order of appearance */
	size_t n;
};

/* Reads the caption files of the N shots' sessions and assembles them. */
int enc_montage_captions(struct enc_montage_captions *c, const struct enc_shot_place *shots,
			 size_t n);
void enc_montage_captions_free(struct enc_montage_captions *c);

#endif
