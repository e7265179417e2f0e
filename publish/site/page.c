/* page.c — see page.h. */
#include "page.h"
#include "chapters.h"
#include "html.h"
#include "jsonld.h"
#include "metadata.h"
#include "paths.h"
#include "transcript.h"
#include "../url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes the escaped URL of a file relative to the page. */
static void put_href(FILE *out, const char *file)
{
	char *url = pub_url_path(file);
	pub_html_text(out, url);
	free(url);
}

static void put_head(FILE *out, const struct pub_page_model *m)
{
	json_t *ld = pub_page_jsonld(m);

	pub_html_head(out, m->lang, m->title);
	if (*m->job->meta.description) {
		fputs("<meta name=\"description\" content=\"", out);
		pub_html_text(out, m->job->meta.description);
		fputs("\">\n", out);
	}
	if (ld) {
		char *script = st_meta_jsonld_script(ld);

		fprintf(out, "%s\n", script);
		free(script);
		json_decref(ld);
	}
	pub_html_body(out, "../", "Toutes les sessions", m->lang);
	fputs("<main>\n", out);
}

/* A generated French label's element: <TAG lang="fr"> when the page is in
 * another language. */
static void open_fr(FILE *out, const struct pub_page_model *m, const char *tag)
{
	fprintf(out, "<%s", tag);
	pub_html_lang(out, "fr", m->lang);
	fputs(">", out);
}

/* Every language's title and description, each with its lang. */
static void put_intro(FILE *out, const struct pub_page_model *m)
{
	const struct st_meta *meta = &m->job->meta;

	fputs("<h1 id=\"title\" dir=\"auto\">", out);
	pub_html_text(out, m->title);
	fputs("</h1>\n", out);
	for (size_t i = 1; i < meta->ntitles; i++) {
		fputs("<p class=\"alt\" dir=\"auto\"", out);
		pub_html_lang(out, meta->titles[i].lang, m->lang);
		fputs(">", out);
		pub_html_text(out, meta->titles[i].text);
		fputs("</p>\n", out);
	}
	for (size_t i = 0; i < meta->ndescriptions; i++) {
		fputs(i ? "<p class=\"alt\" dir=\"auto\"" : "<p id=\"description\" dir=\"auto\"", out);
		pub_html_lang(out, meta->descriptions[i].lang, m->lang);
		fputs(">", out);
		pub_html_text(out, meta->descriptions[i].text);
		fputs("</p>\n", out);
	}
}

static void put_facts(FILE *out, const struct pub_page_model *m)
{
	const struct st_meta *meta = &m->job->meta;

	if (!meta->nspeakers && !*meta->date)
		return;
	fputs("<dl class=\"facts\">\n", out);
	if (meta->nspeakers) {
		open_fr(out, m, "dt");
		fputs("Intervenants</dt><dd>", out);
		for (size_t i = 0; i < meta->nspeakers; i++) {
			fputs(i ? ", " : "", out);
			pub_html_user(out, meta->speaker_list[i]);
		}
		fputs("</dd>\n", out);
	}
	if (*meta->date) {
		char *words = st_date_words_fr(meta->date);

		open_fr(out, m, "dt");
		fputs("Date</dt>", out);
		open_fr(out, m, "dd");
		fputs("<time datetime=\"", out);
		pub_html_text(out, meta->date);
		fputs("\">", out);
		pub_html_text(out, words);
		fputs("</time></dd>\n", out);
		free(words);
	}
	fputs("</dl>\n", out);
}

static void put_track(FILE *out, const struct pub_file *f)
{
	char *label = f->kind == PUB_CHAPTERS ? st_xstrdup("Chapitres")
			: st_strdup_printf("%s", st_lang_name_fr(f->lang));

	fprintf(out, "<track kind=\"%s\" src=\"", f->kind == PUB_CHAPTERS ? "chapters" : "captions");
	put_href(out, f->file);
	fputs("\"", out);
	if (*f->lang) {
		fputs(" srclang=\"", out);
		pub_html_text(out, f->lang);
		fputs("\"", out);
	}
	fputs(" label=\"", out);
	/* A label starts with a capital letter, as the player shows it. */
	if (*label >= 'a' && *label <= 'z')
		*label -= 'a' - 'A';
	pub_html_text(out, label);
	fputs("\">\n", out);
	free(label);
}

/* The <audio> player's text alternative: the transcript, else the
 * description.  Its id, for aria-describedby, or NULL when there is none. */
static const char *put_audio_alt(FILE *out, const struct pub_page_model *m)
{
	const struct pub_caption *t = pub_page_transcript(m);

	if (t) {
		char *name = pub_transcript_name(t);
		char *heading = pub_transcript_heading(t);

		fputs("<p id=\"audio-alt\" class=\"alt\"", out);
		pub_html_lang(out, "fr", m->lang);
		fputs(">Texte de l’enregistrement" ST_NNBSP ": <a href=\"", out);
		put_href(out, name);
		fputs("\">", out);
		pub_html_text(out, heading);
		fputs("</a></p>\n", out);
		free(heading);
		free(name);
		return "audio-alt";
	}
	if (m->job->meta.ndescriptions)
		return "description";
	return NULL;
}

/* The attributes that name and describe the player of KIND. */
static void put_player_names(FILE *out, const struct pub_page_model *m, enum pub_kind kind,
			     const char *described_by)
{
	bool main = m->media && m->media->kind == kind;

	if (main)
		fputs(" id=\"player\" aria-labelledby=\"title\"", out);
	else
		fputs(" aria-labelledby=\"audio-heading title\"", out);
	if (described_by)
		fprintf(out, " aria-describedby=\"%s\"", described_by);
	if (kind == PUB_VIDEO && m->poster) {
		fputs(" poster=\"", out);
		put_href(out, m->poster->file);
		fputs("\"", out);
	}
}

static void put_source(FILE *out, const struct pub_file *f)
{
	fputs("<source src=\"", out);
	put_href(out, f->file);
	fprintf(out, "\" type=\"%s\">\n", f->mime);
}

/* One <video> or <audio> element with a <source> per file of KIND, the
 * main medium first (the seek links' target); the main one carries the
 * captions and chapters paired with it. */
static void put_player(FILE *out, const struct pub_page_model *m, enum pub_kind kind)
{
	const struct pub_job *job = m->job;
	const char *tag = kind == PUB_VIDEO ? "video" : "audio", *alt = NULL;
	bool any = false, main = m->media && m->media->kind == kind;

	for (size_t i = 0; i < job->nfiles; i++)
		any |= job->files[i].kind == kind;
	if (!any)
		return;
	if (!main) {
		open_fr(out, m, "h2 id=\"audio-heading\"");
		fputs("Version audio</h2>\n", out);
	}
	if (kind == PUB_AUDIO)
		alt = put_audio_alt(out, m);
	fprintf(out, "<%s controls preload=\"metadata\"", tag);
	put_player_names(out, m, kind, alt);
	fputs(">\n", out);
	if (main)
		put_source(out, m->media);
	for (size_t i = 0; i < job->nfiles; i++) {
		const struct pub_file *f = &job->files[i];

		/* The jury rendition is offered for download, never played in
		 * place of the public ones. */
		if (f->kind == kind && f != m->media && strcmp(f->preset, "jury"))
			put_source(out, f);
	}
	for (size_t i = 0; main && i < m->ncaps; i++)
		put_track(out, m->caps[i].f);
	if (main && m->chapters_file)
		put_track(out, m->chapters_file);
	open_fr(out, m, "p");
	fprintf(out, "Votre navigateur ne sait pas lire ce média" ST_NNBSP ": utilisez les liens "
		"de téléchargement ci-dessous.</p>\n</%s>\n", tag);
}

/* Whether F is linked from the page: a caption or chapter file made from
 * another selection than the main medium is not. */
static bool listed(const struct pub_page_model *m, const struct pub_file *f)
{
	if (f->kind == PUB_CAPTIONS)
		return pub_page_has_caption(m, f);
	if (f->kind == PUB_CHAPTERS)
		return m->chapters_file == f;
	return true;
}

static void put_downloads(FILE *out, const struct pub_page_model *m)
{
	open_fr(out, m, "h2");
	fputs("Téléchargements</h2>\n<ul class=\"downloads\"", out);
	pub_html_lang(out, "fr", m->lang);
	fputs(">\n", out);
	for (size_t i = 0; i < m->job->nfiles; i++) {
		const struct pub_file *f = &m->job->files[i];
		char *label;

		if (!listed(m, f))
			continue;
		label = pub_download_label(f);
		fputs("<li><a href=\"", out);
		put_href(out, f->file);
		fputs("\" download>", out);
		pub_html_text(out, label);
		fputs("</a></li>\n", out);
		free(label);
	}
	for (size_t i = 0; m->media && i < m->ncaps; i++) {
		char *name, *heading;

		if (!m->caps[i].cues.n)
			continue;
		name = pub_transcript_name(&m->caps[i]);
		heading = pub_transcript_heading(&m->caps[i]);

		fputs("<li><a href=\"", out);
		put_href(out, name);
		fputs("\">", out);
		pub_html_text(out, heading);
		fputs(" (page HTML)</a></li>\n", out);
		free(heading);
		free(name);
	}
	fputs("</ul>\n", out);
}

static char *render_index(const struct pub_page_model *m)
{
	char *licence = st_meta_html_licence(&m->job->meta);
	char *page = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&page, &len);

	if (!out)
		abort();
	put_head(out, m);
	put_intro(out, m);
	put_facts(out, m);
	put_player(out, m, PUB_VIDEO);
	put_player(out, m, PUB_AUDIO);
	pub_chapters_nav(out, m);
	for (size_t i = 0; i < m->ncaps; i++)
		pub_transcript_section(out, m, &m->caps[i]);
	put_downloads(out, m);
	fprintf(out, "%s\n</main>\n", licence);
	if (m->media && (pub_page_transcript(m) || m->chapters.n))
		pub_html_seek_script(out);
	fputs("</body>\n</html>\n", out);
	if (fclose(out) || !page)
		abort();
	free(licence);
	return page;
}

static void add_file(struct pub_page_file **v, size_t *n, char *name, char *text, const char *type)
{
	*v = realloc(*v, (*n + 1) * sizeof **v);
	if (!*v)
		abort();
	(*v)[(*n)++] = (struct pub_page_file){name, text, type};
}

size_t pub_page_render(const struct pub_job *job, const struct pub_page_where *where,
		       struct pub_page_file **files)
{
	struct pub_page_model m;
	size_t n = 0;
	char *json;

	*files = NULL;
	pub_page_model_init(&m, job, where);
	add_file(files, &n, st_xstrdup(PUB_PAGE_FILE), render_index(&m), "text/html; charset=utf-8");
	for (size_t i = 0; m.media && i < m.ncaps; i++)
		if (m.caps[i].cues.n)
			add_file(files, &n, pub_transcript_name(&m.caps[i]),
				 pub_transcript_page(&m, &m.caps[i]), "text/html; charset=utf-8");
	if ((json = pub_chapters_json(&m)))
		add_file(files, &n, st_xstrdup(PUB_CHAPTERS_JSON), json, "application/json");
	pub_page_model_free(&m);
	return n;
}

void pub_page_files_free(struct pub_page_file *files, size_t n)
{
	for (size_t i = 0; files && i < n; i++) {
		free(files[i].name);
		free(files[i].text);
	}
	free(files);
}
