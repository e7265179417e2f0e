/* montage.h — studio-encode --cut-list: the shots of a cut list
 * (cutlist.h) resolved to their sources, checked against them and against
 * every preset's maximum duration, before anything is written. */
#ifndef ENC_MONTAGE_H
#define ENC_MONTAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <libavutil/rational.h>

#include "cutlist.h"
#include "options.h"
#include "preset.h"
#include "source.h"

/* What the assembly needs to know of a shot's source. */
struct enc_probe {
	int width, height;            /* of its picture */
	AVRational fps;               /* best guess, 0/1 if unknown */
	bool audio;                   /* it has sound */
	int track;                    /* the audio read (decode.h): a studio-capture
					 master's tracks are mixed, as in a plain run */
};

/* Owns the cut list and one source per shot (enc_montage_free()). */
struct enc_montage {
	struct enc_cutlist list;
	struct enc_source *sources;   /* indexed like list.shots */
	struct enc_probe *probes;     /* the same */
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

/* studio-encode --cut-list (montage_run.c): loads O's presets, plans the
 * montage (every check), brings each shot to the loudness target, creates
 * the output session, encodes the assembly into every preset in one pass
 * and records it. */
int enc_montage_run(const struct enc_options *o);

#endif
