/* transcript.c — see transcript.h. */
#include "transcript.h"
#include "html.h"
#include "metadata.h"
#include "paths.h"
#include "../url.h"

#include <stdlib.h>

char *pub_transcript_heading(const struct pub_caption *c)
{
	return st_strdup_printf("Transcription en %s", st_lang_name_fr(c->f->lang));
}

/* The cues of C as paragraphs, in the language of their section. */
static void put_cues(FILE *out, const struct pub_page_model *m, const struct pub_caption *c)
{
	char *href = pub_url_path(m->media->file);

	pub_html_cues(out, "p", href, &c->cues, false);
	free(href);
}

void pub_transcript_section(FILE *out, const struct pub_page_model *m,
			    const struct pub_caption *c)
{
	const char *lang = c->f->lang;
	char *heading;

	if (!m->media || !c->cues.n)
		return;
	heading = pub_transcript_heading(c);
	/* Exactly the contract's opening tag (docs/publish.md): other tools
	 * look for it. */
	fputs("<section class=\"transcript\" lang=\"", out);
	pub_html_text(out, lang);
	fputs("\">\n<h2 id=\"transcript-", out);
	pub_html_text(out, lang);
	fputs("\"", out);
	pub_html_lang(out, "fr", lang);
	fputs(">", out);
	pub_html_text(out, heading);
	fputs("</h2>\n", out);
	put_cues(out, m, c);
	fputs("</section>\n", out);
	free(heading);
}

char *pub_transcript_page(const struct pub_page_model *m, const struct pub_caption *c)
{
	char *heading = pub_transcript_heading(c);
	char *title = st_strdup_printf("%s — %s", heading, m->title);
	char *licence = st_meta_html_licence(&m->job->meta);
	const char *lang = c->f->lang;
	char *page = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&page, &len);

	if (!out)
		abort();
	pub_html_head(out, lang, title);
	pub_html_body(out, PUB_PAGE_FILE, "Retour à la session", lang);
	fputs("<main>\n<h1", out);
	pub_html_lang(out, "fr", lang);
	fputs(">", out);
	pub_html_text(out, heading);
	fputs("</h1>\n<p class=\"alt\" dir=\"auto\"", out);
	pub_html_lang(out, m->lang, lang);
	fputs(">", out);
	pub_html_text(out, m->title);
	fputs("</p>\n<section class=\"transcript\" lang=\"", out);
	pub_html_text(out, lang);
	fputs("\">\n", out);
	if (m->media)
		put_cues(out, m, c);
	fprintf(out, "</section>\n%s\n</main>\n</body>\n</html>\n", licence);
	if (fclose(out) || !page)
		abort();
	free(licence);
	free(title);
	free(heading);
	return page;
}
