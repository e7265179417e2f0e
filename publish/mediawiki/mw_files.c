/* mw_files.c — what the wiki holds under a name or with a content
 * (mw_target.h). */
#include "msg.h"
#include "mw_target.h"
#include "paths.h"
#include "status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mw_wiki_file_free(struct wiki_file *w)
{
	free(w->page_url);
	free(w->name);
	memset(w, 0, sizeof *w);
}

int mw_imageinfo(struct mw *m, const char *name, struct wiki_file *w)
{
	struct mw_form f = {0};
	char *title = st_strdup_printf("File:%s", name);
	struct mw_imageinfo ii;
	json_t *r = NULL;
	int ret;

	memset(w, 0, sizeof *w);
	mw_form_add(&f, "action", "query");
	mw_form_add(&f, "prop", "imageinfo");
	mw_form_add(&f, "iiprop", "sha1|size|url");
	mw_form_add(&f, "titles", title);
	ret = mw_query(&m->api, "imageinfo", &f, &r);
	mw_reply_imageinfo(r, &ii);
	if (ret == ST_OK && ii.exists) {
		w->exists = true;
		snprintf(w->sha1, sizeof w->sha1, "%s", ii.sha1 ? ii.sha1 : "");
		w->size = ii.size;
		w->page_url = ii.url ? st_xstrdup(ii.url) : mw_page_url(&m->api, title);
		w->name = st_xstrdup(ii.name ? ii.name : name);
	}
	json_decref(r);
	free(title);
	return ret;
}

int mw_find_by_sha1(struct mw *m, const char *sha1, char **name)
{
	struct mw_form f = {0};
	json_t *r = NULL;
	const char *n;
	int ret;

	*name = NULL;
	mw_form_add(&f, "action", "query");
	mw_form_add(&f, "list", "allimages");
	mw_form_add(&f, "aisha1", sha1);
	mw_form_add(&f, "ailimit", "1");
	ret = mw_query(&m->api, "allimages", &f, &r);
	n = mw_reply_allimages(r);
	if (ret == ST_OK && n)
		*name = st_xstrdup(n);
	json_decref(r);
	return ret;
}

int mw_verify(struct mw *m, const char *name, const struct pub_file *f, const char *sha1,
	      struct wiki_file *w)
{
	int ret = mw_imageinfo(m, name, w);

	if (ret == ST_OK && (!w->exists || strcmp(w->sha1, sha1) || w->size != f->bytes)) {
		st_error(_("%s: File:%s does not hold %s after the upload (sha1 %s, %llu bytes; "
			   "expected %s, %llu bytes)"), m->t->name, name, f->file,
			 w->exists ? w->sha1 : "-", (unsigned long long)w->size, sha1,
			 (unsigned long long)f->bytes);
		ret = ST_UNAVAILABLE;
	}
	return ret;
}
