/* mw_reply.h — what studio-publish reads in MediaWiki API replies
 * (formatversion=2, errorformat=plaintext), as pure functions of the
 * parsed reply: no network, no message printed, so that each can be fed
 * any bytes (tests/fuzz/fuzz_publish_mwapi.c).  Strings returned as const
 * are borrowed from the reply and live as long as it does. */
#ifndef STUDIO_PUBLISH_MW_REPLY_H
#define STUDIO_PUBLISH_MW_REPLY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* LEN bytes of BUF as JSON; NULL with ERR->text set when they are not. */
json_t *mw_reply_load(const char *buf, size_t len, json_error_t *err);

/* The error code of a reply ("error" of formatversion=1 or the first of
 * "errors"), or NULL; and its text ("" when none). */
const char *mw_error_code(const json_t *reply);
const char *mw_error_text(const json_t *reply);

/* Whether CODE means the session or the token expired (log in again). */
bool mw_code_expired(const char *code);
/* Whether CODE means the upload stash no longer has our file. */
bool mw_code_stash_lost(const char *code);

/* meta=siteinfo (general|fileextensions).  Returns false when the reply
 * has no "general" (not a MediaWiki API).  EXTS (lowercase, malloc'ed,
 * NULL-terminated array of *NEXTS) and the strings are the caller's. */
struct mw_site {
	bool uploads;
	int64_t max_upload;
	int64_t min_chunk;
	char **exts;                /* allowed extensions, lowercase */
	size_t nexts;
	char *server;               /* "https://movilab.org" */
	char *articlepath;          /* "/wiki/$1" */
};
bool mw_reply_siteinfo(const json_t *r, struct mw_site *site);
void mw_site_free(struct mw_site *site);

/* meta=tokens: the token of TYPE ("login", "csrf"), or NULL. */
const char *mw_reply_token(const json_t *r, const char *type);

/* action=login (BOT) or action=clientlogin: whether it succeeded; when
 * not, *WHY is the wiki's reason (or its status, or "?"). */
bool mw_reply_login(const json_t *r, bool bot, const char **why);

/* meta=userinfo (uiprop=rights): whether the logged-in user's rights
 * (query.userinfo.rights, restricted by a bot password's grants) hold
 * RIGHT. */
bool mw_reply_has_right(const json_t *r, const char *right);

/* prop=imageinfo of one title: whether the file exists, with its sha1,
 * size, description page URL (may be NULL) and the page title's part
 * after the namespace (the wiki's spelling; NULL when absent). */
struct mw_imageinfo {
	bool exists;
	const char *sha1;
	uint64_t size;
	const char *url;
	const char *name;
};
void mw_reply_imageinfo(const json_t *r, struct mw_imageinfo *ii);

/* list=allimages: the first file's name without the namespace, or NULL. */
const char *mw_reply_allimages(const json_t *r);

/* An action=upload reply, as the uploads read it. */
enum mw_up {
	MW_UP_SUCCESS,      /* "Success" (or "Warning" without any warning) */
	MW_UP_CONTINUE,     /* a chunk taken; OFFSET is the next */
	MW_UP_POLL,         /* async: processed in a job; STAGE says where */
	MW_UP_UNCHANGED,    /* nochange warning, or fileexists-no-change error */
	MW_UP_DUPLICATE,    /* the same content as File:OTHER */
	MW_UP_RENAMED,      /* badfilename: the wiki proposes OTHER */
	MW_UP_EXISTS,       /* same name, other content */
	MW_UP_WAS_DELETED,
	MW_UP_WARNING,      /* any other warning; OTHER is its key */
	MW_UP_STASH_LOST,   /* an error meaning the stash forgot FILEKEY */
	MW_UP_ERROR,        /* any other error; OTHER is its code */
	MW_UP_UNEXPECTED,   /* a result we do not know; OTHER is it ("?" if none) */
};
struct mw_upload_reply {
	enum mw_up kind;
	const char *result;         /* "result" as sent, or NULL */
	const char *other;
	const char *filekey;        /* "filekey" of the reply, or NULL */
	const char *stage;          /* Poll */
	uint64_t offset;            /* Continue */
};
void mw_reply_upload(const json_t *r, struct mw_upload_reply *u);

/* prop=revisions (content|timestamp, rvslots=main, curtimestamp): the
 * text ("" for a missing page), the revision's timestamp (NULL when the
 * page does not exist) and the reply's curtimestamp ("" when absent). */
struct mw_revision {
	const char *text;
	const char *timestamp;
	const char *now;
};
void mw_reply_revision(const json_t *r, struct mw_revision *rev);

/* action=edit: whether the wiki made a null edit. */
bool mw_reply_edit_nochange(const json_t *r);

#endif
