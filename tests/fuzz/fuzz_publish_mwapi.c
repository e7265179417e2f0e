/* Fuzz target: a MediaWiki API reply through every reader the mediawiki
 * target uses (publish/mw_reply.c: errors, siteinfo, tokens, login,
 * imageinfo, allimages, upload results and warnings, async status,
 * revisions, edits), each checked for what its callers rely on. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../publish/mediawiki/mw_reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_site(const json_t *r)
{
	struct mw_site s;

	if (!mw_reply_siteinfo(r, &s))
		return;
	if (!s.server || !s.articlepath || !s.exts || s.exts[s.nexts])
		__builtin_trap(); /* strings set, the list NULL-terminated */
	for (size_t i = 0; i < s.nexts; i++)
		for (const char *c = s.exts[i]; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				__builtin_trap(); /* compared lowercase */
	mw_site_free(&s);
}

static void check_upload(const json_t *r)
{
	struct mw_upload_reply u;

	mw_reply_upload(r, &u);
	if (u.kind > MW_UP_UNEXPECTED)
		__builtin_trap();
	/* the messages and the next request print or send these */
	if ((u.kind == MW_UP_DUPLICATE || u.kind == MW_UP_RENAMED || u.kind == MW_UP_WARNING ||
	     u.kind == MW_UP_ERROR || u.kind == MW_UP_UNEXPECTED) && !u.other)
		__builtin_trap();
	if (u.kind == MW_UP_ERROR && !mw_error_code(r))
		__builtin_trap();
	if (u.kind == MW_UP_STASH_LOST && !mw_code_stash_lost(mw_error_code(r)))
		__builtin_trap();
}

static void check_pages(const json_t *r)
{
	struct mw_imageinfo ii;
	struct mw_revision rev;
	const char *why = NULL;

	mw_reply_imageinfo(r, &ii);
	if (!ii.exists && (ii.sha1 || ii.url || ii.name))
		__builtin_trap();
	(void)mw_reply_allimages(r);
	mw_reply_revision(r, &rev);
	if (!rev.text || !rev.now)
		__builtin_trap();
	(void)mw_reply_edit_nochange(r);
	if (!mw_reply_login(r, true, &why) && !why)
		__builtin_trap();
	if (!mw_reply_login(r, false, &why) && !why)
		__builtin_trap();
	(void)mw_reply_token(r, "csrf");
	(void)mw_reply_token(r, "login");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t err;
	json_t *r = mw_reply_load((const char *)data, size, &err);
	const char *code;

	if (!r)
		return 0;
	code = mw_error_code(r);
	if (!mw_error_text(r))
		__builtin_trap();
	(void)mw_code_expired(code);
	check_site(r);
	check_upload(r);
	check_pages(r);
	json_decref(r);
	return 0;
}
