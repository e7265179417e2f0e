/* gain.h — finding the gain that brings the selection to a preset's
 * loudness target (EBU R128 integrated) under its true-peak ceiling. */
#ifndef ENC_GAIN_H
#define ENC_GAIN_H

#include "chain.h"

/* M is the selection CUT of audio track TRACK of MASTER as measured.  When
 * the plain gain (TARGET − integrated) keeps the true peak under CEILING,
 * that is all; otherwise a true-peak limiter is added and the gain
 * corrected from measuring passes through the same filters until the
 * result is within 0.1 LU of the target.  Silence gets no gain. */
int enc_gain_find(const char *master, int track, const struct enc_cut *cut,
		  const struct enc_loudness *m, double target, double ceiling,
		  struct enc_gain *g);

#endif
