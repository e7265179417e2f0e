/* segment.h — --segment K: the video of one planned segment of every
 * segmented preset, to SESSION/renditions/.parts/PRESET.K.EXT. */
#ifndef ENC_SEGMENT_H
#define ENC_SEGMENT_H

#include "plan.h"
#include "segment_plan.h"
#include "source.h"

/* Decoding starts at the keyframe before the segment's start; the frames
 * before it are dropped by the segment's trim, so that the part starts
 * with the frame the one-machine encode has there, as a keyframe.  Each
 * part appears under its name only once complete (temporary name, then
 * rename): a part already there is finished, and is not encoded again. */
int enc_segment_encode(const struct enc_source *src, const struct enc_plan *plan,
		       const struct enc_segplan *sp, int k);

#endif
