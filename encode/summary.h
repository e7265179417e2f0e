/* summary.h — the lines studio-encode prints once the outputs are read
 * back: one per output (written or replaced, its streams, which audio
 * track or mix it carries) and, for a preset with limits (jury), the
 * check that it keeps them.  Human output: numbers in the user's locale
 * (lib/human.h). */
#ifndef ENC_SUMMARY_H
#define ENC_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "measure.h"
#include "preset.h"

/* Which audio the outputs carry: TRACK as in enc_decoder_opts.audio_track
 * (0: the best one, which is named only when the master has several),
 * NTRACKS the master's audio streams. */
struct enc_audio_used {
	int track;
	int ntracks;
};

/* The summary line of the output PATH of preset P as measured in M;
 * REPLACED when it took the place of an earlier file. */
void enc_summary_print(const char *path, const struct enc_preset *p,
		       const struct enc_measure *m, bool replaced,
		       const struct enc_audio_used *audio);

#endif
