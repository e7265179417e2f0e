/* job.h — what one run publishes: the session, its metadata and the list of
 * rendition files, read once and shared by every target and by the page. */
#ifndef STUDIO_PUBLISH_JOB_H
#define STUDIO_PUBLISH_JOB_H

#include "config.h"
#include "metadata.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum pub_kind { PUB_VIDEO, PUB_AUDIO, PUB_CAPTIONS, PUB_CHAPTERS, PUB_POSTER, PUB_OTHER };

/* One entry of session.json "renditions".  The strings are borrowed from
 * the job's manifest. */
struct pub_file {
	const char *file;     /* relative to the session, checked to stay inside it */
	const char *preset;   /* "" when the record has none */
	char sha256[65];      /* lowercase hex, as recorded by studio-encode */
	uint64_t bytes;
	double duration;      /* seconds, < 0 when unknown */
	enum pub_kind kind;   /* from the file name extension */
	const char *mime;     /* "video/mp4", ...; NULL for PUB_OTHER */
	char lang[8];         /* "fr" for "captions.fr.vtt", "" otherwise */
	int fd;               /* in a view: the source, opened by the path policy; else -1 */
	/* The record's "selection" (encode's --start/--end on the master's
	 * timeline, seconds); has_selection false for older records. */
	bool has_selection;
	double sel_start, sel_end;
};

struct pub_job {
	char *dir;            /* absolute session folder */
	int dirfd;            /* that folder, opened once (safefile.h) */
	char *slug;           /* folder name from the session's name (slug.h); a
			       * target's own is chosen by claim.h */
	const char *id;       /* the session's id (claim.h), NULL until claimed */
	json_t *root;         /* the manifest as read at start */
	struct st_meta meta;
	struct pub_file *files;
	size_t nfiles;
};

/* This run's time, ISO 8601 with its zone, fixed at the first call: the
 * uploadDate a first publication's page states and the "at" its records
 * get are then the same instant (a second's difference made the next run
 * find the page changed and send it again). */
const char *pub_run_time(void);

/* Loads DIR/session.json and checks every rendition record (a relative
 * path without "..", a 64-hex "sha256", a non-negative integer "bytes").
 * A session without renditions is an error: there is nothing to publish.
 * Prints one message on failure; pub_job_free() is safe either way. */
int pub_job_load(struct pub_job *job, const char *dir);
void pub_job_free(struct pub_job *job);

/* Checks every rendition of the view JOB against its session.json record
 * (size and sha256) through its open descriptor, before anything is
 * published.  One message on the first mismatch, naming only the recorded
 * values. */
int pub_job_check_sources(const struct pub_job *job);

/* Checks PATH against F's size and sha256.  With QUIET_MISMATCH a mismatch
 * only returns ST_DATAERR; otherwise it is reported. */
int pub_file_check(const char *path, const struct pub_file *f, bool quiet_mismatch);

/* The same for the open descriptor FD (read with pread from offset 0);
 * PATH names it in messages. */
int pub_file_check_fd(int fd, const char *path, const struct pub_file *f, bool quiet_mismatch);

/* A name that reopens F's source descriptor ("/proc/self/fd/N"), for code
 * that hands a file name to a library (libcurl readers, multipart forms):
 * never the session path, which could have been swapped since the check.
 * F must belong to a view.  Malloc'ed. */
char *pub_job_source(const struct pub_file *f);

/* A shallow copy of JOB in *VIEW holding only the files T wants (its
 * `files` patterns, matched with fnmatch against the file's path, its
 * base name and its preset), each source opened under the path policy
 * (safefile.h: inside the session, no link, a regular file; refused with
 * the path named otherwise).  Without `files`: every file but the jury
 * rendition (preset "jury": made for the jury, not the public; a target
 * names it in `files` to publish it), and on a mediawiki target the video
 * and audio renditions only (a wiki's File: pages are for media; captions
 * need TimedMediaHandler).  On a website target, a caption or chapter
 * file made from another selection than the view's main medium is left
 * out, with a warning.  Free the
 * view with pub_job_view_free() only (it closes the sources), even on
 * failure.  ST_DATAERR after a message when nothing is left. */
int pub_job_view(const struct pub_job *job, const struct pub_target *t, struct pub_job *view);
void pub_job_view_free(struct pub_job *view);

/* The first video (else audio) file of the job, or NULL; a jury
 * rendition only when no other video is published with it. */
const struct pub_file *pub_job_main_media(const struct pub_job *job);

/* Whether A and B were made from the same selection of the master, so a
 * caption or chapter file B can sit beside medium A.  A record without a
 * "selection" (an older encode) pairs with anything, as before. */
bool pub_file_same_selection(const struct pub_file *a, const struct pub_file *b);

#endif
