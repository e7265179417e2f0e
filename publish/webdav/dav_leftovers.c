/* dav_leftovers.c — the temporary files a killed run left (dav.h).
 *
 * A rendition goes to ".NAME.studio-part" before its MOVE (dav_staged.c);
 * a run killed in between leaves that file, which nobody else removes.
 * Each collection holding our files is listed with PROPFIND Depth: 1 and
 * every member named ".*.studio-part" is deleted.  Another publisher of
 * the same session at the same moment would write the same temporary
 * names anyway: two runs of one session at once are not supported. */
#include "dav.h"
#include "msg.h"
#include "paths.h"
#include "status.h"
#include "../url.h"

#include <stdlib.h>
#include <string.h>

/* Whether NAME, a member of a collection, is one of our temporary files. */
static bool is_part(const char *name)
{
	size_t n = strlen(name), k = strlen(PUB_DAV_PART);

	return n > k + 1 && name[0] == '.' && !strcmp(name + n - k, PUB_DAV_PART) &&
	       !strchr(name, '/');
}

/* The member name of E in the collection whose decoded path is DIR
 * ("/dav/slug/", with its '/'), or NULL when E is not a direct member. */
static const char *member_of(const struct dav_entry *e, const char *dir)
{
	size_t n = strlen(dir);

	if (strncmp(e->path, dir, n) || !e->path[n] || e->collection || e->status / 100 != 2)
		return NULL;
	return e->path + n;
}

/* Deletes the temporary files in the collection REL ("slug/renditions"). */
static int clean_collection(struct dav *d, const char *rel)
{
	char *enc = pub_url_path(rel);
	char *url = st_strdup_printf("%s%s/", d->t->url, enc);
	char *dir = dav_url_path(url);
	struct dav_multistatus ms;
	bool missing;
	int ret = dav_propfind(d, url, 1, &ms, &missing);

	for (size_t i = 0; ret == ST_OK && dir && i < ms.n; i++) {
		const char *name = member_of(&ms.e[i], dir);
		char *part_enc, *part_url;

		if (!name || !is_part(name))
			continue;
		part_enc = pub_url_path(name);
		part_url = st_strdup_printf("%s%s", url, part_enc);
		st_info(_("removing %s, left by an interrupted upload"), part_url);
		dav_forget(d, part_url);
		free(part_url);
		free(part_enc);
	}
	dav_multistatus_free(&ms);
	free(dir);
	free(url);
	free(enc);
	return ret;
}

int dav_remove_leftovers(struct dav *d)
{
	int ret = ST_OK;

	for (size_t i = 0; ret == ST_OK && i < d->ncols; i++)
		ret = clean_collection(d, d->cols[i]);
	return ret;
}
