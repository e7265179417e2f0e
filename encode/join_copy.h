/* join_copy.h — one joined rendition by stream copy with libavformat (no
 * re-encoding): the video of the parts in order, each shifted to start
 * where the previous one ended (continuous timestamps), and the sound
 * encoded whole, interleaved by time; the captions, chapters and tags a
 * one-machine encode gives it. */
#ifndef ENC_JOIN_COPY_H
#define ENC_JOIN_COPY_H

#include "metadata.h"
#include "mux.h"
#include "rendition.h"

/* Writes S->path (still under its temporary name in M on success: the
 * caller commits or closes M) from the N PARTS and AUDIO (NULL: no sound),
 * with language LANG (may be NULL). */
int enc_join_copy(struct enc_mux *m, const struct enc_setup *s, char *const *parts, int n,
		  const char *audio, const struct st_meta *meta, const char *lang);

#endif
