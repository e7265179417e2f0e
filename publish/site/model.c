/* model.c — see model.h. */
#include "model.h"
#include "msg.h"
#include "paths.h"
#include "session.h"
#include "../url.h"

#include <stdlib.h>
#include <string.h>

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The poster preset's picture, else the first JPEG: not a waveform or a
 * contact sheet, which are pictures of another kind. */
static const struct pub_file *find_poster(const struct pub_job *job)
{
	const struct pub_file *jpeg = NULL;

	for (size_t i = 0; i < job->nfiles; i++) {
		const struct pub_file *f = &job->files[i];

		if (f->kind != PUB_POSTER)
			continue;
		if (!strcmp(f->preset, "poster") || !strncmp(base_name(f->file), "poster.", 7))
			return f;
		if (!jpeg && !strcmp(f->mime, "image/jpeg"))
			jpeg = f;
	}
	return jpeg;
}

/* The earliest "at" of the publications of the session to TARGET, else
 * this run's time (what this run records): the date the session first
 * appeared there. */
static void upload_date(const json_t *root, const char *target, char out[40])
{
	const json_t *pubs = json_object_get(root, "publications"), *p;
	const char *first = NULL;
	size_t i;

	json_array_foreach(pubs, i, p) {
		const char *t = json_string_value(json_object_get(p, "target"));
		const char *at = json_string_value(json_object_get(p, "at"));

		if (target && t && at && !strcmp(t, target) && strlen(at) < 40 &&
		    (!first || strcmp(at, first) < 0))
			first = at;
	}
	snprintf(out, 40, "%s", first ? first : pub_run_time());
}

static void add_caption(struct pub_page_model *m, const struct pub_file *f)
{
	struct pub_caption *c;

	m->caps = realloc(m->caps, (m->ncaps + 1) * sizeof *m->caps);
	if (!m->caps)
		abort();
	c = &m->caps[m->ncaps++];
	c->f = f;
	pub_cues_read(f, &c->cues);
	/* The main language's transcript first: it is the JSON-LD one. */
	if (m->ncaps > 1 && !strcmp(f->lang, m->lang)) {
		struct pub_caption main = *c;

		memmove(m->caps + 1, m->caps, (m->ncaps - 1) * sizeof *m->caps);
		m->caps[0] = main;
	}
}

/* Whether M already has a caption in LANG: one transcript per language
 * (its page is transcript.LANG.html). */
static bool caption_in(const struct pub_page_model *m, const char *lang)
{
	for (size_t i = 0; i < m->ncaps; i++)
		if (!strcmp(m->caps[i].f->lang, lang))
			return true;
	return false;
}

/* Captions and chapters paired with the main medium. */
static void pair_sidecars(struct pub_page_model *m)
{
	for (size_t i = 0; i < m->job->nfiles; i++) {
		const struct pub_file *f = &m->job->files[i];

		if (f->kind != PUB_CAPTIONS && f->kind != PUB_CHAPTERS)
			continue;
		/* A view has none of another selection (pub_job_view); a job
		 * that is not a view may. */
		if (m->media && !pub_file_same_selection(m->media, f))
			continue;
		if (f->kind == PUB_CAPTIONS && *f->lang && !caption_in(m, f->lang))
			add_caption(m, f);
		else if (f->kind == PUB_CHAPTERS && !m->chapters_file) {
			m->chapters_file = f;
			pub_cues_read(f, &m->chapters);
		}
	}
}

void pub_page_model_init(struct pub_page_model *m, const struct pub_job *job,
			 const struct pub_page_where *where)
{
	memset(m, 0, sizeof *m);
	m->job = job;
	m->where = *where;
	m->title = *job->meta.title ? job->meta.title : base_name(job->dir);
	m->lang = *job->meta.language ? job->meta.language : "fr";
	m->media = pub_job_main_media(job);
	m->poster = find_poster(job);
	upload_date(job->root, where->target, m->upload_date);
	pair_sidecars(m);
	if (m->media && m->media->kind == PUB_VIDEO && !m->ncaps)
		st_warn(_("%s: the video has no captions and no transcript (RGAA 4.1 and 4.3): "
			  "encode it with --captions"), job->dir);
}

void pub_page_model_free(struct pub_page_model *m)
{
	for (size_t i = 0; i < m->ncaps; i++)
		pub_cues_free(&m->caps[i].cues);
	free(m->caps);
	pub_cues_free(&m->chapters);
	memset(m, 0, sizeof *m);
}

char *pub_page_url(const struct pub_page_model *m, const char *file)
{
	char *rel = pub_url_path(file), *abs;

	if (!m->where.base)
		return rel;
	abs = st_strdup_printf("%s%s", m->where.base, rel);
	free(rel);
	return abs;
}

char *pub_page_self_url(const struct pub_page_model *m)
{
	return st_xstrdup(m->where.base ? m->where.base : "./");
}

char *pub_transcript_name(const struct pub_caption *cap)
{
	return st_strdup_printf("transcript.%s.html", cap->f->lang);
}

const struct pub_caption *pub_page_transcript(const struct pub_page_model *m)
{
	for (size_t i = 0; i < m->ncaps; i++)
		if (m->caps[i].cues.n)
			return &m->caps[i];
	return NULL;
}

bool pub_page_has_caption(const struct pub_page_model *m, const struct pub_file *f)
{
	for (size_t i = 0; i < m->ncaps; i++)
		if (m->caps[i].f == f)
			return true;
	return false;
}
