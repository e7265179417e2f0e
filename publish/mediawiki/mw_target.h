/* mw_target.h — the parts of the mediawiki target (target_mediawiki.h),
 * one concern each:
 *   target_mediawiki.c  the run: siteinfo checks, login, each file, dry run
 *   mw_name.c           wiki file names
 *   mw_files.c          what the wiki holds (imageinfo, allimages by sha1)
 *   mw_upload.c         single and chunked uploads, and how they ended
 *   mw_chunks.c         the chunks and the async jobs' polling
 *   mw_resume.c         filekey and offset kept in session.json
 *   mw_docpage.c        the documentation page's own section
 *   mw_rights.c         the dry run's check of the user's rights
 * over mw_api.c/mw_login.c (requests) and mw_reply.c (reading replies). */
#ifndef STUDIO_PUBLISH_MW_TARGET_H
#define STUDIO_PUBLISH_MW_TARGET_H

#include "../config.h"
#include "../job.h"
#include "mw_api.h"
#include "../record.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mw {
	struct mw_api api;
	const struct pub_target *t;
	const struct pub_job *job;
	bool force;
};

/* What the wiki holds under a name. */
struct wiki_file {
	bool exists;
	char sha1[41];
	uint64_t size;
	char *page_url;       /* File: description page */
	char *name;           /* the wiki's own spelling of the name (its page
			       * title without the namespace), e.g. with the
			       * first letter uppercased by mb_strtoupper */
};
void mw_wiki_file_free(struct wiki_file *w);

/* The dry run's check, after the login: the user's rights (meta=userinfo)
 * hold "edit" and "upload" (and "reupload" with --force); prints the step
 * (plan.h), or one message and ST_CONFIG naming what is missing. */
int mw_check_rights(struct mw *m);

/* RAW made a valid MediaWiki title by construction (Manual:Page title):
 * "#<>[]|{}" (and for a FILE name ":/\\") become '-', as do the '%' of a
 * "%XX", the '&' of a character reference and every '~' after two in a
 * row; controls, '_' and runs of spaces become one space; bidirectional
 * controls are removed; "." and ".." path parts become "-" and "--"; no
 * space (nor, for a FILE, dot) at the end; at most MAX bytes, cut on a
 * character boundary.  Malloc'ed. */
char *mw_title_safe(const char *raw, bool file, size_t max);

/* The extension of FILE ("mp4"), "" when none; inside FILE. */
const char *mw_ext_of(const char *file);

/* prop=imageinfo on File:NAME into *W. */
int mw_imageinfo(struct mw *m, const char *name, struct wiki_file *w);
/* The name of a file with content SHA1 already on the wiki, or NULL. */
int mw_find_by_sha1(struct mw *m, const char *sha1, char **name);
/* File:NAME must hold F (SHA1, size) after its upload; *W what it holds. */
int mw_verify(struct mw *m, const char *name, const struct pub_file *f, const char *sha1,
	      struct wiki_file *w);

/* How an upload ended. */
enum outcome { UP_DONE, UP_UNCHANGED, UP_DUPLICATE, UP_RENAMED, UP_STASH_LOST };

/* Uploads F (SRC on disk) as File:NAME with the description TEXT, in one
 * request or in chunks as its size asks; *OTHER receives the name the
 * wiki proposes (UP_RENAMED) or already uses (UP_DUPLICATE). */
int mw_upload(struct mw *m, const struct pub_file *f, const char *src, const char *name,
	      const char *text, enum outcome *how, char **other);
/* The description page's text: st_meta_wikitext() and the categories. */
char *mw_description(const struct mw *m);

/* Sends F's chunks from OFFSET on; on success *FILEKEY names the complete
 * file in the stash (UP_STASH_LOST in *HOW when the wiki forgot it). */
int mw_send_chunks(struct mw *m, const struct pub_file *f, const char *src, const char *name,
		   char **filekey, uint64_t offset, enum outcome *how);
/* While *R says "Poll", polls the job of FILEKEY until another reply
 * replaces *R. */
int mw_await_job(struct mw *m, const struct pub_file *f, const char *filekey, json_t **r);

/* The resume state of F in session.json: FILEKEY NULL removes it. */
int mw_resume_set(struct mw *m, const struct pub_file *f, const char *filekey,
		  uint64_t offset);
void mw_resume_get(struct mw *m, const struct pub_file *f, char **filekey, uint64_t *offset);

/* The tool's section of the documentation page, markers included: the
 * video, a link to every file of OUT, the licence block; every text from
 * the session escaped (st_escape_wikitext).  Malloc'ed. */
char *mw_section_text(const struct mw *m, const struct pub_outcome *out);
/* The documentation page's title from the `page` pattern.  Malloc'ed. */
char *mw_page_title(const struct mw *m);
/* Rewrites the tool's own section of the documentation page; *URL is the
 * page's. */
int mw_edit_page(struct mw *m, const struct pub_outcome *out, char **url);

#endif
