/* montage.h — studio-encode --cut-list: the shots of a cut list
 * (cutlist.h) resolved to their sources, checked against them and against
 * every preset's maximum duration, before anything is written. */
#ifndef ENC_MONTAGE_H
#define ENC_MONTAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "cutlist.h"
#include "options.h"
#include "preset.h"
#include "source.h"

/* Owns the cut list and one source per shot (enc_montage_free()). */
struct enc_montage {
	struct enc_cutlist list;
	struct enc_source *sources;   /* indexed like list.shots */
	double total;                 /* seconds of the assembly, before any --trim */
};

/* Reads the cut list PATH and resolves its shots: a session's last capture
 * (with its markers and captions) or a plain file, each probed for its
 * duration.  Then the spans (cutlist.h) and the total against the N
 * PRESETS' max_duration: refused naming the total and how much to cut,
 * unless TRIM, which lets the encoding cut at the limit with a fade.
 * Writes nothing.  Call enc_montage_free() whatever it returns. */
int enc_montage_plan(struct enc_montage *m, const char *path, const struct enc_preset *presets,
		     size_t n, bool trim);
void enc_montage_free(struct enc_montage *m);

/* Prints the parts of the assembly and where each starts in it, on stdout. */
void enc_montage_print(const struct enc_montage *m);

/* studio-encode --cut-list: loads O's presets, plans the montage and
 * prints its parts.  The assembly itself (decoding the shots into the
 * presets' encoders) is not written yet: a valid cut list ends with
 * ST_UNAVAILABLE and nothing written. */
int enc_montage_run(const struct enc_options *o);

#endif
