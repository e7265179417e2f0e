/* captions.h — caption files (WebVTT or SubRip) given with --captions
 * LANG=FILE: checked line by line so that a malformed file is reported as
 * FILE:LINE, read with libavformat/libavcodec, and written into each video
 * rendition (mov_text in MP4, WebVTT in WebM, language-tagged in ISO 639-2)
 * and as a sidecar captions.LANG.vtt. */
#ifndef ENC_CAPTIONS_H
#define ENC_CAPTIONS_H

#include <stddef.h>
#include <stdint.h>
#include <libavcodec/avcodec.h>

#include "chain.h"
#include "mux.h"

struct enc_cue {
	double start, end;      /* seconds from the start of the master */
	AVSubtitle sub;         /* as the decoder gave it (ASS events) */
};

/* One caption file; owns everything (enc_caption_free()). */
struct enc_caption {
	char *lang;             /* ISO 639-1 as given: "fr" */
	const char *lang2;      /* ISO 639-2/B: "fre" (static) */
	char *path;
	struct enc_cue *cues;
	size_t n;
	uint8_t *header;        /* the decoder's ASS header, for the encoders */
	int header_size;
};

/* Parses "LANG=FILE" (LANG an ISO 639-1 code lib/metadata knows), checks
 * the file's syntax and reads its cues. */
int enc_caption_load(struct enc_caption *c, const char *spec);
void enc_caption_free(struct enc_caption *c);

/* enc_caption_load() on the SIZE bytes at DATA instead of the file that
 * SPEC names: that name (and its extension) is used as the file's would
 * be, nothing is read from disk.  For unit tests and fuzzing. */
int enc_caption_load_buffer(struct enc_caption *c, const char *spec, const uint8_t *data,
			    size_t size);

/* Adds a subtitle stream for C to M (codec for M's container: mov_text
 * for MP4, WebVTT otherwise) and returns its encoder in *ENC. */
int enc_caption_add_stream(struct enc_mux *m, const struct enc_caption *c,
			   AVCodecContext **enc, int *stream);

/* Writes the cues of C inside CUT, timed from its start, to stream STREAM
 * of M (header already written) through encoder ENC. */
int enc_caption_write(struct enc_mux *m, AVCodecContext *enc, int stream,
		      const struct enc_caption *c, const struct enc_cut *cut);

/* The sidecar: C's cues inside CUT as a WebVTT file at PATH, atomically,
 * with META's title and attribution line in a NOTE block at its top. */
int enc_caption_write_vtt(const char *path, const struct enc_caption *c,
			  const struct enc_cut *cut, const struct st_meta *meta);

#endif
