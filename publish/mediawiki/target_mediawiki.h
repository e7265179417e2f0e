/* target_mediawiki.h — the `mediawiki` target (Movilab).
 *
 * For each rendition the target wants (`files`):
 *   1. meta=siteinfo first: uploads enabled, the size limit and the allowed
 *      extensions, so a file the wiki refuses is reported before anything is
 *      uploaded;
 *   2. the wiki name "TITLE - PRESET.ext", made a valid title by
 *      construction (mw_title_safe; accents and Corsican diacritics kept);
 *   3. prop=imageinfo on that name: same sha1 means already published (no
 *      new revision); other content is refused unless --force;
 *      list=allimages by sha1: the same content under another name is
 *      recorded under that name, nothing is uploaded;
 *   4. upload in one request up to chunk_size, else in chunks through the
 *      upload stash, the filekey and offset saved in session.json
 *      ("publish_resume") after every chunk so an interrupted run resumes
 *      there; a stash the wiki forgot restarts from zero;
 *   5. the upload's warnings: nochange/same content = success, duplicate =
 *      record the other name, exists/was-deleted = refused unless --force,
 *      badfilename = the name the wiki proposes;
 *   6. prop=imageinfo must then report the local sha1 and size.
 * The description page carries st_meta_wikitext() (licence block without
 * any template) and the target's categories.  With `page` set, that
 * documentation page gets the tool's own section (between
 * <!-- studio-publish:begin --> and <!-- studio-publish:end -->) rewritten
 * with action=edit; the rest of the page is left as people wrote it, and an
 * edit conflict is retried on the new revision. */
#ifndef STUDIO_PUBLISH_TARGET_MEDIAWIKI_H
#define STUDIO_PUBLISH_TARGET_MEDIAWIKI_H

#include "../config.h"
#include "../job.h"
#include "../record.h"

#include <stdbool.h>

/* Publishes JOB on T.  On failure *OUT still holds the files uploaded
 * before it (pub_outcome_free() it), for the caller to record. */
int pub_mediawiki_publish(const struct pub_target *t, const struct pub_job *job, bool dry_run,
			  bool force, struct pub_outcome *out);

/* The wiki file name of F in JOB ("Atelier à Bastia - web-720p.mp4"),
 * valid by construction (mw_title_safe() with the file rules: what
 * MediaWiki forbids in titles, "%XX", "~~~", "./" and "../" parts, plus
 * : / \ that would make a namespace or a subpage, become '-'), the first
 * letter uppercase, at most 240 bytes.  Malloc'ed. */
char *pub_wiki_name(const struct pub_job *job, const struct pub_file *f);

#endif
