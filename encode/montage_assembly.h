/* montage_assembly.h — what one montage run works on, shared by
 * montage_run.c (the parts, the canvas, the passes) and montage_record.c
 * (where each part lands in the assembly: chapters, captions, the output
 * session and its records). */
#ifndef ENC_MONTAGE_ASSEMBLY_H
#define ENC_MONTAGE_ASSEMBLY_H

#include <stdbool.h>
#include <stddef.h>

#include "measure.h"
#include "metadata.h"
#include "montage.h"
#include "montage_captions.h"
#include "montage_graph.h"
#include "rendition.h"
#include "sidecar.h"

#define ENC_LAB_NAME "CorsicaLab"

/* Everything one montage works on; owns it all (montage_run.c). */
struct enc_assembly {
	struct enc_montage m;
	struct enc_preset *presets;
	size_t n;
	char **paths, **files;
	bool *replacing;
	struct enc_setup *setups;
	struct enc_measure *measures;
	struct enc_part *parts;
	size_t nparts;
	char **masters;               /* per part, NULL for a card; not owned */
	int *tracks;
	struct enc_chapters chapters;
	struct enc_montage_captions captions;
	struct enc_sidecars sidecars;
	struct st_meta meta;
	bool has_meta;
	char *attribution;
	char *wrapped;                /* the attribution in lines, for the closing card */
	double target, peak;          /* loudness of the shots once raised, then of the
					 assembly as measured: LUFS, dBTP */
	struct enc_canvas canvas;
};

/* Chapters: one per part (the cards titled after the cut list and the
 * Lab), one per marker within a shot, none from END on (--trim). */
void enc_assembly_chapters(struct enc_assembly *a, double end);

/* The captions of the shots' sessions, re-timed into the assembly. */
int enc_assembly_captions(struct enc_assembly *a);

/* The output session's metadata as it will be once the montage is
 * recorded (the cut list's title, today's date), for the outputs' tags
 * and the closing card; an existing output session is read, nothing is
 * written. */
int enc_assembly_meta(struct enc_assembly *a);

/* The output session's folder and its renditions folder; its session.json
 * is written once the renditions are (enc_assembly_conclude()). */
int enc_assembly_folders(const struct enc_assembly *a);

/* captions.LANG.vtt and chapters.vtt next to the renditions, the outputs
 * read back, the output session's session.json written with the montage
 * and every record, a summary line for each output. */
int enc_assembly_conclude(struct enc_assembly *a);

#endif
