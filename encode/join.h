/* join.h — --join: the renditions of a segment plan, written and then
 * recorded exactly as a one-machine run would.
 *
 * The sound is encoded whole, in one pass over the master that also
 * encodes the presets kept whole (pictures, audio, budgeted or trimmed
 * videos): AAC and Opus prime each stream they start, so sound encoded in
 * pieces would have gaps at the joins.  Then each segmented rendition is
 * written by stream copy (join_copy.h): its parts' video one after the
 * other, the sound, captions, chapters and tags. */
#ifndef ENC_JOIN_H
#define ENC_JOIN_H

#include <stdint.h>

#include "plan.h"
#include "segment_plan.h"
#include "source.h"

/* Refuses (naming the segment and the part) when a part is missing. */
int enc_join_check(const struct enc_source *src, const struct enc_plan *plan,
		   const struct enc_segplan *sp);

/* Encodes the sound and the whole presets, then joins; every output
 * appears under its final name only once all are complete.  *PACKETS
 * receives the packets the sound pass demuxed. */
int enc_join(const struct enc_source *src, struct enc_plan *plan,
	     const struct enc_segplan *sp, int64_t *packets);

/* Removes the parts, the temporary files killed segments left, and their
 * folder. */
void enc_join_clean(const struct enc_source *src);

#endif
