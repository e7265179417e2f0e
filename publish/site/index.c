/* index.c — SITE/index.html (site.h, pub_site_index): the sessions, newest
 * first, each with its titles in every language and its date in words,
 * and the attribution the Licence Ouverte asks for. */
#include "entry.h"
#include "site.h"
#include "escape.h"
#include "metadata.h"
#include "../url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_esc(FILE *out, const char *s)
{
	char *e = st_escape_html(s);

	fputs(e, out);
	free(e);
}

/* lang="L" when the text's language L is not the page's (French). */
static void put_lang(FILE *out, const char *lang)
{
	if (!*lang || !strcmp(lang, "fr"))
		return;
	fputs(" lang=\"", out);
	put_esc(out, lang);
	fputs("\"", out);
}

/* The link to the session's page holding its main title, then the other
 * languages' titles.  Titles are isolated (<bdi>): a right-to-left
 * override in one would otherwise reorder the rest of the line, the date
 * included. */
static void put_titles(FILE *out, const json_t *e)
{
	json_t *titles = pub_entry_texts(e, false), *t;
	char *rel = pub_url_path(pub_entry_str(e, "slug"));
	size_t i;

	fputs("<a href=\"", out);
	put_esc(out, rel);
	fputs("/\"><bdi", out);
	put_lang(out, pub_entry_lang(e));
	fputs(">", out);
	put_esc(out, pub_entry_str(e, "title"));
	fputs("</bdi></a>", out);
	json_array_foreach(titles, i, t) {
		if (!strcmp(pub_entry_str(t, "lang"), pub_entry_lang(e)))
			continue;
		fputs(" — <bdi", out);
		put_lang(out, *pub_entry_str(t, "lang") ? pub_entry_str(t, "lang") : "und");
		fputs(">", out);
		put_esc(out, pub_entry_str(t, "text"));
		fputs("</bdi>", out);
	}
	json_decref(titles);
	free(rel);
}

/* SITE_PRODUCER is the one the site's attribution names. */
static void put_entry(FILE *out, const json_t *e, const char *site_producer)
{
	const char *when = pub_entry_when(e);

	fputs("<li>", out);
	put_titles(out, e);
	if (*when) {
		char *words = st_date_words_fr(when);

		fputs(", <time datetime=\"", out);
		put_esc(out, when);
		fputs("\">", out);
		put_esc(out, words);
		fputs("</time>", out);
		free(words);
	}
	/* A session from another producer says its own source. */
	if (strcmp(pub_entry_str(e, "producer"), site_producer)) {
		char *credit = pub_entry_attribution(e);

		fputs("<p class=\"licence\">", out);
		put_esc(out, credit);
		fputs("</p>", out);
		free(credit);
	}
	fputs("</li>\n", out);
}

char *pub_site_index(const json_t *catalogue)
{
	const json_t *sessions = json_object_get(catalogue, "sessions"), *e;
	char *buf = NULL, *credit = pub_site_attribution(catalogue);
	size_t len = 0, i;
	FILE *out = open_memstream(&buf, &len);

	if (!out)
		abort();
	fputs("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>Sessions — CorsicaLab</title>\n"
	      "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"" PUB_SITE_FEED
	      "\" title=\"Sessions — CorsicaLab (podcast)\">\n"
	      "<style>body{margin:0 auto;max-width:52rem;padding:1rem;font-family:system-ui,"
	      "sans-serif;line-height:1.5;"
	      "overflow-wrap:anywhere}.sessions p{margin:0;font-size:.9em}</style>\n"
	      "</head>\n<body>\n<main>\n<h1>Sessions publiées</h1>\n<ul class=\"sessions\">\n",
	      out);
	json_array_foreach(sessions, i, e)
		put_entry(out, e, pub_entry_str(json_array_get(sessions, 0), "producer"));
	fputs("</ul>\n<p class=\"licence\">Contenus publiés sous la <a href=\"" ST_LICENCE_URL
	      "\" rel=\"license\">" ST_LICENCE_NAME "</a>.</p>\n<p class=\"attribution\">", out);
	put_esc(out, credit);
	fputs("</p>\n<p><a href=\"" PUB_SITE_FEED "\">Flux du podcast (RSS)</a></p>\n"
	      "</main>\n</body>\n</html>\n", out);
	if (fclose(out))
		abort();
	free(credit);
	return buf;
}
