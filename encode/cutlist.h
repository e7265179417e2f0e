/* cutlist.h — the cut list of a montage (docs/montage.md): a small INI
 * file, read with inih like the presets, naming the output session, the
 * cards and the shots in order:
 *
 *   [montage]   output, title, subtitle, card_seconds, transition
 *   [shot]      session or file, start, end    (one section per shot)
 *
 * Reading checks everything the file alone tells (keys, values, reversed
 * or empty spans, a transition longer than a part, an empty list);
 * enc_cutlist_check_spans() checks what needs the sources (times past a
 * source's end, overlapping spans of one source) once montage.c has
 * filled each shot's source_duration and source_id.  Every refusal is one
 * "FILE:LINE: KEY: ..." line and ST_DATAERR, before anything is written. */
#ifndef ENC_CUTLIST_H
#define ENC_CUTLIST_H

#include <stddef.h>
#include <stdio.h>

/* A key's value with the line it was read from (0: absent). */
struct enc_shot {
	char *session;          /* as written, or NULL */
	char *file;             /* as written, or NULL */
	char *path;             /* session or file joined to the cut list's folder */
	double start, end;      /* seconds in the source; end > start */
	int line;               /* of its [shot] header */
	int source_line, start_line, end_line;
	/* Filled by the caller before enc_cutlist_check_spans(). */
	double source_duration; /* seconds; <= 0: unknown */
	size_t source_id;       /* equal for shots of the same source */
};

/* Owns every string it holds (enc_cutlist_free()). */
struct enc_cutlist {
	char *path;             /* the cut list, as given */
	char *dir;              /* its folder: paths in it are relative to it */
	char *output;           /* joined to dir */
	char *title;            /* NULL when absent */
	char *subtitle;         /* NULL when absent */
	double card_seconds;    /* 0: no cards */
	double transition;      /* seconds of crossfade, 0: cuts */
	int montage_line, output_line, title_line, subtitle_line, card_line, transition_line;
	struct enc_shot *shots;
	size_t n;
};

/* Reads the cut list PATH.  Call enc_cutlist_free() whatever it returns. */
int enc_cutlist_load(struct enc_cutlist *c, const char *path);

/* The same from the open stream F, named PATH in messages (unit tests). */
int enc_cutlist_read(struct enc_cutlist *c, const char *path, FILE *f);

void enc_cutlist_free(struct enc_cutlist *c);

/* Times within each source, no two shots of one source overlapping. */
int enc_cutlist_check_spans(const struct enc_cutlist *c);

/* The parts of the assembly: the cards (when card_seconds > 0) and the
 * shots. */
size_t enc_cutlist_parts(const struct enc_cutlist *c);

/* Seconds of shots, of cards, and the total: cards + shots − one
 * transition between each two consecutive parts. */
double enc_cutlist_shots_seconds(const struct enc_cutlist *c);
double enc_cutlist_cards_seconds(const struct enc_cutlist *c);
double enc_cutlist_total(const struct enc_cutlist *c);

#endif
