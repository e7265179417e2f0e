/* vtt_note.h — text that goes into a WebVTT file safely: one line of a
 * cue or a note, and the NOTE block at the top of every sidecar that
 * carries the session's title and the licence attribution. */
#ifndef ENC_VTT_NOTE_H
#define ENC_VTT_NOTE_H

#include <stddef.h>

/* TEXT as one line of a WebVTT cue or NOTE block: a cue's text or a note
 * ends at the first blank line and may not hold "-->", so line breaks
 * become spaces and every arrow is broken ("- >").  Malloc'ed. */
char *enc_vtt_line(const char *text);

/* VTT (N bytes, a WebVTT file starting with its "WEBVTT" line) with a NOTE
 * block inserted right after that line:
 *   WEBVTT\n\nNOTE\nTITLE\nATTRIBUTION\n\n<the rest as it was>
 * TITLE and ATTRIBUTION go through enc_vtt_line(); an empty TITLE is left
 * out (an empty line would end the block).  Parsers skip a NOTE block, so
 * the cues read are the same.  Malloc'ed, its size in *OUT_N. */
char *enc_vtt_add_note(const char *vtt, size_t n, const char *title, const char *attribution,
		       size_t *out_n);

#endif
