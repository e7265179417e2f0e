/* measure.h — what was actually written, read back from the output file
 * itself (not from what was asked for), for the record and the summary. */
#ifndef ENC_MEASURE_H
#define ENC_MEASURE_H

#include <stdint.h>

#include "chain.h"

struct enc_measure {
	uint64_t bytes;
	char sha256[65];
	double duration;            /* seconds, from the container */
	int64_t bitrate;            /* bits/s over the whole file */
	int width, height;
	const char *video_codec;    /* static strings ("h264", "aac"); NULL if absent */
	const char *audio_codec;
	struct enc_loudness loudness;  /* of the audio, when there is some */
};

/* Reads PATH back: size, SHA-256, container duration, streams, and the
 * EBU R128 loudness of its audio. */
int enc_measure(const char *path, struct enc_measure *m);

#endif
