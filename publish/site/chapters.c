/* chapters.c — see chapters.h. */
#include "chapters.h"
#include "html.h"
#include "paths.h"
#include "../url.h"

#include <stdlib.h>

/* A chapter's end: its cue's, else the medium's duration. */
static double chapter_end(const struct pub_page_model *m, const struct pub_cue *c)
{
	if (c->end > c->start)
		return c->end;
	return m->media && m->media->duration > c->start ? m->media->duration : c->start;
}

void pub_chapters_nav(FILE *out, const struct pub_page_model *m)
{
	char *href;

	if (!m->chapters.n || !m->media)
		return;
	href = pub_url_path(m->media->file);
	fputs("<nav class=\"chapters\">\n<h2 id=\"chapters-heading\"", out);
	pub_html_lang(out, "fr", m->lang);
	fputs(">Chapitres</h2>\n<ol>\n", out);
	pub_html_cues(out, "li", href, &m->chapters, true);
	fputs("</ol>\n</nav>\n", out);
	free(href);
}

char *pub_chapters_json(const struct pub_page_model *m)
{
	json_t *list, *doc;
	char *text;

	if (!m->chapters.n)
		return NULL;
	list = json_array();
	for (size_t i = 0; i < m->chapters.n; i++) {
		const struct pub_cue *c = &m->chapters.v[i];

		json_array_append_new(list, json_pack("{s:f, s:f, s:s}", "startTime", c->start,
						      "endTime", chapter_end(m, c), "title",
						      c->text));
	}
	doc = json_pack("{s:s, s:o}", "version", "1.2.0", "chapters", list);
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (!text)
		abort();
	return text;
}

json_t *pub_chapters_clips(const struct pub_page_model *m)
{
	json_t *clips;
	char *media;

	if (!m->chapters.n || !m->media)
		return NULL;
	media = pub_page_url(m, m->media->file);
	clips = json_array();
	for (size_t i = 0; i < m->chapters.n; i++) {
		const struct pub_cue *c = &m->chapters.v[i];
		char secs[32];

		pub_cue_seconds(c->start, secs);
		json_array_append_new(clips, json_pack("{s:s, s:s, s:f, s:f, s:s++}", "@type", "Clip",
						       "name", c->text, "startOffset", c->start,
						       "endOffset", chapter_end(m, c), "url", media,
						       "#t=", secs));
	}
	free(media);
	return clips;
}
