/* twopass.h — a size budget (a preset's max_bytes) met with two x264
 * passes.  Pass 1 is the preset's own constant-quality encode, with x264's
 * statistics written: when its file fits the budget it is kept as is.
 * Otherwise the master is decoded again and pass 2 aims, from those
 * statistics, at the mean video rate that fills the budget: the budget
 * less the audio, subtitles and container bytes measured in pass 1's file,
 * less one keyframe at the new rate.  A pass 2 still over the budget is
 * run once more, its rate lowered by the measured excess; then refused. */
#ifndef ENC_TWOPASS_H
#define ENC_TWOPASS_H

#include <stdbool.h>
#include <stddef.h>

#include "rendition.h"

/* Passes at most: one, the second, its retry. */
#define ENC_TWOPASS_ROUNDS 3

/* True when S's size budget is met with two passes (x264 video). */
bool enc_twopass_wanted(const struct enc_setup *s);

/* Sets pass 1, with a statistics file next to the output, on every setup
 * of the N SETUPS that enc_twopass_wanted(). */
void enc_twopass_begin(struct enc_setup *setups, size_t n);

/* After a pass of S wrote TMP_PATH (finished, not yet under its final
 * name): *AGAIN is false when the file fits the budget (or S has none);
 * otherwise S is set for its next pass and *AGAIN is true.  A file still
 * over the budget after the last pass is refused. */
int enc_twopass_judge(struct enc_setup *s, const char *tmp_path, bool *again);

/* Removes the statistics files of the N SETUPS. */
void enc_twopass_end(struct enc_setup *setups, size_t n);

#endif
