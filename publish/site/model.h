/* model.h — what the session page shows, decided once for all its files
 * (index.html, transcript.LANG.html, chapters.json, the JSON-LD): the main
 * medium, the poster, the captions and chapters made from the same
 * selection as that medium (with their cues), and the URLs. */
#ifndef STUDIO_PUBLISH_MODEL_H
#define STUDIO_PUBLISH_MODEL_H

#include "../job.h"
#include "cues.h"

#include <stdbool.h>

/* The session page's name in the session's folder. */
#define PUB_PAGE_FILE "index.html"

/* Where the page is published: what the targets know and the page needs. */
struct pub_page_where {
	const char *target;   /* the target's name: its first publication of the
			       * session in session.json is the JSON-LD uploadDate */
	const char *base;     /* public URL of the session's folder, ending in
			       * '/', or NULL: links stay relative */
};

struct pub_caption {
	const struct pub_file *f;
	struct pub_cues cues;
};

struct pub_page_model {
	const struct pub_job *job;
	struct pub_page_where where;
	const char *title;            /* main-language title, or the folder's name */
	const char *lang;             /* the page's language: the session's main one */
	const struct pub_file *media; /* the main video (else audio) rendition, or NULL */
	const struct pub_file *poster;
	struct pub_caption *caps;     /* captions paired with MEDIA, main language first */
	size_t ncaps;
	const struct pub_file *chapters_file; /* paired chapters.vtt, or NULL */
	struct pub_cues chapters;
	char upload_date[40];         /* ISO 8601 with zone */
};

/* Decides what JOB's page shows on the target WHERE.  A caption or chapter
 * file made from another selection than the main medium is left out of
 * the player, transcripts and chapters (a view has none: pub_job_view).
 * Warns (st_warn), naming RGAA 4.1, when a video page has neither captions
 * nor transcript.
 * Release with pub_page_model_free(). */
void pub_page_model_init(struct pub_page_model *m, const struct pub_job *job,
			 const struct pub_page_where *where);
void pub_page_model_free(struct pub_page_model *m);

/* The public URL of the session file FILE (percent-encoded): absolute
 * under where.base when known, else relative to the page.  Malloc'ed. */
char *pub_page_url(const struct pub_page_model *m, const char *file);

/* The page's own URL (where.base), or "./" when unknown.  Malloc'ed. */
char *pub_page_self_url(const struct pub_page_model *m);

/* The name of the transcript page of CAP: "transcript.LANG.html". */
char *pub_transcript_name(const struct pub_caption *cap);

/* The first caption of M (main language first) with cues, or NULL: the
 * transcript of the JSON-LD and of the <audio> alternative.  A caption
 * without cues (empty, or not the recorded file) has a track but no
 * transcript. */
const struct pub_caption *pub_page_transcript(const struct pub_page_model *m);

/* Whether the caption file F is attached to the page (same selection). */
bool pub_page_has_caption(const struct pub_page_model *m, const struct pub_file *f);

#endif
