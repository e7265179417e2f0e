/* loudness.h — EBU R128 measurement (integrated loudness, loudness range,
 * true peak) of the audio of a file, with libavfilter's ebur128 filter:
 * of the master's selection before encoding, to normalise each rendition
 * to its preset's target, and of each output afterwards, for the record. */
#ifndef ENC_LOUDNESS_H
#define ENC_LOUDNESS_H

#include <stdint.h>

#include "chain.h"

/* Measures audio track AUDIO_TRACK (0: the best one) of PATH over CUT,
 * after the filters PRE ("" or a chain ending with a comma).
 * A file without audio, or silent, gives M->valid false and ST_OK.
 * *PACKETS (when not NULL) receives the number of packets demuxed. */
int enc_loudness_measure(const char *path, int audio_track, const struct enc_cut *cut,
			 const char *pre, struct enc_loudness *m, int64_t *packets);

#endif
