/* mw_resume.c — where an interrupted chunked upload stopped, kept in
 * session.json under "publish_resume" → TARGET → FILE as {"sha256",
 * "filekey", "offset"} (mw_target.h). */
#include "mw_target.h"
#include "paths.h"
#include "session.h"
#include "status.h"

#include <stdlib.h>
#include <string.h>

#define RESUME_KEY "publish_resume"

struct resume {
	const char *target, *file, *sha256, *filekey;
	uint64_t offset;
};

static int save_resume(json_t *root, void *vctx)
{
	const struct resume *r = vctx;
	json_t *all = json_object_get(root, RESUME_KEY), *mine;

	if (!json_is_object(all)) {
		all = json_object();
		json_object_set_new(root, RESUME_KEY, all);
	}
	mine = json_object_get(all, r->target);
	if (!json_is_object(mine)) {
		mine = json_object();
		json_object_set_new(all, r->target, mine);
	}
	if (r->filekey)
		json_object_set_new(mine, r->file, json_pack("{s:s, s:s, s:I}", "sha256", r->sha256,
							     "filekey", r->filekey, "offset",
							     (json_int_t)r->offset));
	else
		json_object_del(mine, r->file);
	if (!json_object_size(mine))
		json_object_del(all, r->target);
	if (!json_object_size(all))
		json_object_del(root, RESUME_KEY);
	return ST_OK;
}

int mw_resume_set(struct mw *m, const struct pub_file *f, const char *filekey,
		      uint64_t offset)
{
	struct resume r = {m->t->name, f->file, f->sha256, filekey, offset};
	return st_session_update(m->job->dir, false, save_resume, &r);
}

/* The filekey and offset saved by an interrupted run, if they are for
 * this very content. */
void mw_resume_get(struct mw *m, const struct pub_file *f, char **filekey, uint64_t *offset)
{
	json_t *root = NULL;
	const json_t *rec;

	*filekey = NULL;
	*offset = 0;
	if (st_session_load(m->job->dir, &root))
		return;
	rec = json_object_get(json_object_get(json_object_get(root, RESUME_KEY), m->t->name),
			      f->file);
	if (rec && !strcmp(json_string_value(json_object_get(rec, "sha256")) ?: "", f->sha256) &&
	    json_string_value(json_object_get(rec, "filekey"))) {
		*filekey = st_xstrdup(json_string_value(json_object_get(rec, "filekey")));
		*offset = (uint64_t)json_integer_value(json_object_get(rec, "offset"));
	}
	json_decref(root);
}
