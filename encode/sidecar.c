/* sidecar.c — see sidecar.h. */
#include <stdlib.h>

#include "paths.h"
#include "sidecar.h"
#include "status.h"

/* Takes NAME (allocated); the file at OUT_DIR/NAME must exist already. */
static int add(struct enc_sidecars *s, const char *out_dir, const char *record_dir, char *name,
	       const char *kind, const char *lang)
{
	struct enc_sidecar *e = &s->v[s->n++];

	e->path = st_path_join(out_dir, name);
	e->file = record_dir ? st_path_join(record_dir, name) : st_xstrdup(e->path);
	e->kind = kind;
	e->lang = lang;
	free(name);
	return st_file_sha256(e->path, e->sha256, &e->bytes);
}

int enc_sidecars_write(struct enc_sidecars *s, const char *out_dir, const char *record_dir,
		       const struct enc_caption *caps, size_t ncaps, const struct enc_cut *sel,
		       const struct enc_chapters *chapters, const struct st_meta *meta)
{
	int ret = ST_OK;

	s->v = st_xcalloc(ncaps + 1, sizeof *s->v);
	for (size_t i = 0; i < ncaps && ret == ST_OK; i++) {
		char *name = st_strdup_printf("captions.%s.vtt", caps[i].lang);
		char *path = st_path_join(out_dir, name);

		ret = enc_caption_write_vtt(path, &caps[i], sel, meta);
		free(path);
		if (ret == ST_OK)
			ret = add(s, out_dir, record_dir, name, "captions", caps[i].lang);
		else
			free(name);
	}
	if (ret == ST_OK && chapters->n) {
		char *path = st_path_join(out_dir, "chapters.vtt");

		ret = enc_chapters_write_vtt(path, chapters, meta);
		free(path);
		if (ret == ST_OK)
			ret = add(s, out_dir, record_dir, st_xstrdup("chapters.vtt"), "chapters", NULL);
	}
	return ret;
}

void enc_sidecars_free(struct enc_sidecars *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].path);
		free(s->v[i].file);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}
