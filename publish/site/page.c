/* page.c — see page.h. */
#include "page.h"
#include "escape.h"
#include "metadata.h"
#include "paths.h"
#include "../url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NBSP "\xc2\xa0"

static const char style[] =
	"body{margin:0;font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;background:#fff}\n"
	"main{max-width:52rem;margin:0 auto;padding:1rem}\n"
	"video,audio{display:block;width:100%;margin:1rem 0}\n"
	"video{background:#000}\n"
	".co{font-style:italic;color:#444}\n"
	".facts dt{font-weight:bold}.facts dd{margin:0 0 .5rem}\n"
	".licence{border-top:1px solid #ccc;padding-top:1rem;font-size:.9rem}\n";

char *pub_human_size(uint64_t bytes)
{
	static const char *const units[] = {"ko", "Mo", "Go", "To"};
	uint64_t div = 1000, tenths;
	size_t u = 0;

	if (bytes < 1000)
		return st_strdup_printf("%llu" NBSP "%s", (unsigned long long)bytes,
					bytes < 2 ? "octet" : "octets");
	for (;;) {
		tenths = (bytes * 10 + div / 2) / div;
		if (tenths < 10000 || u + 1 == sizeof units / sizeof *units)
			break;
		div *= 1000;
		u++;
	}
	return st_strdup_printf("%llu,%llu" NBSP "%s", (unsigned long long)(tenths / 10),
				(unsigned long long)(tenths % 10), units[u]);
}

/* Writes the escaped form of S. */
static void put_text(FILE *out, const char *s)
{
	char *e = st_escape_html(s);
	fputs(e, out);
	free(e);
}

/* Writes S, text from the session, escaped and isolated in a <bdi>: a
 * right-to-left override in it cannot reorder what follows. */
static void put_user(FILE *out, const char *s)
{
	fputs("<bdi>", out);
	put_text(out, s);
	fputs("</bdi>", out);
}

/* Writes the escaped URL of a file relative to the page. */
static void put_href(FILE *out, const char *file)
{
	char *url = pub_url_path(file);
	put_text(out, url);
	free(url);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* "2026-11-28" → "28 novembre 2026" in a <time> element; other forms are
 * shown as they are. */
static void put_date(FILE *out, const char *date)
{
	static const char *const months[] = {
		"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
		"août", "septembre", "octobre", "novembre", "décembre"};
	int y, m, d, n = 0;

	fputs("<time datetime=\"", out);
	put_text(out, date);
	fputs("\">", out);
	if (sscanf(date, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && !date[n] && m >= 1 &&
	    m <= 12 && d >= 1 && d <= 31)
		fprintf(out, "%d%s %s %d", d, d == 1 ? "er" : "", months[m - 1], y);
	else
		put_text(out, date);
	fputs("</time>", out);
}

/* The main-language attribute for elements whose text is not French. */
static void put_lang(FILE *out, const struct st_meta *m)
{
	if (*m->language && strcmp(m->language, "fr")) {
		fputs(" lang=\"", out);
		put_text(out, m->language);
		fputs("\"", out);
	}
}

static void put_head(FILE *out, const struct pub_job *job, const char *title)
{
	const struct pub_file *media = pub_job_main_media(job);

	fputs("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>", out);
	put_text(out, title);
	fputs("</title>\n", out);
	if (*job->meta.description) {
		fputs("<meta name=\"description\" content=\"", out);
		put_text(out, job->meta.description);
		fputs("\">\n", out);
	}
	fprintf(out, "<style>\n%s</style>\n", style);
	if (media) {
		char *url = pub_url_path(media->file);
		json_t *ld = st_meta_jsonld(&job->meta, media->kind == PUB_VIDEO ? "VideoObject"
					    : "AudioObject");
		char *script;

		json_object_set_new(ld, "contentUrl", json_string(url));
		if (media->duration >= 0)
			json_object_set_new(ld, "duration", json_sprintf("PT%.3fS", media->duration));
		script = st_meta_jsonld_script(ld);

		fprintf(out, "%s\n", script);
		free(script);
		json_decref(ld);
		free(url);
	}
	fputs("</head>\n<body>\n<main>\n", out);
}

static void put_intro(FILE *out, const struct st_meta *m, const char *title)
{
	fputs("<h1 dir=\"auto\"", out);
	put_lang(out, m);
	fputs(">", out);
	put_text(out, title);
	fputs("</h1>\n", out);
	if (*m->title_co) {
		fputs("<p class=\"co\" lang=\"co\" dir=\"auto\">", out);
		put_text(out, m->title_co);
		fputs("</p>\n", out);
	}
	if (*m->description) {
		fputs("<p dir=\"auto\"", out);
		put_lang(out, m);
		fputs(">", out);
		put_text(out, m->description);
		fputs("</p>\n", out);
	}
	if (*m->description_co) {
		fputs("<p class=\"co\" lang=\"co\" dir=\"auto\">", out);
		put_text(out, m->description_co);
		fputs("</p>\n", out);
	}
	if (!*m->speakers && !*m->date)
		return;
	fputs("<dl class=\"facts\">\n", out);
	if (*m->speakers) {
		fputs("<dt>Intervenants</dt><dd>", out);
		put_user(out, m->speakers);
		fputs("</dd>\n", out);
	}
	if (*m->date) {
		fputs("<dt>Date</dt><dd>", out);
		put_date(out, m->date);
		fputs("</dd>\n", out);
	}
	fputs("</dl>\n", out);
}

static const char *lang_label(const char *lang)
{
	static const char *const names[][2] = {
		{"fr", "Français"}, {"co", "Corsu"}, {"en", "English"}, {"it", "Italiano"}};

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcmp(lang, names[i][0]))
			return names[i][1];
	return *lang ? lang : "Sous-titres";
}

static void put_track(FILE *out, const struct pub_file *f)
{
	fprintf(out, "<track kind=\"%s\" src=\"", f->kind == PUB_CHAPTERS ? "chapters" : "captions");
	put_href(out, f->file);
	fputs("\"", out);
	if (*f->lang) {
		fputs(" srclang=\"", out);
		put_text(out, f->lang);
		fputs("\"", out);
	}
	fputs(" label=\"", out);
	put_text(out, f->kind == PUB_CHAPTERS ? "Chapitres" : lang_label(f->lang));
	fputs("\">\n", out);
}

/* One <video> or <audio> element with a <source> per file of KIND; the
 * video one also carries the poster and the caption and chapter tracks. */
static void put_player(FILE *out, const struct pub_job *job, enum pub_kind kind)
{
	const char *tag = kind == PUB_VIDEO ? "video" : "audio";
	bool any = false;

	for (size_t i = 0; i < job->nfiles; i++)
		any |= job->files[i].kind == kind;
	if (!any)
		return;
	fprintf(out, "<%s controls preload=\"metadata\"", tag);
	for (size_t i = 0; kind == PUB_VIDEO && i < job->nfiles; i++) {
		if (job->files[i].kind == PUB_POSTER) {
			fputs(" poster=\"", out);
			put_href(out, job->files[i].file);
			fputs("\"", out);
			break;
		}
	}
	fputs(">\n", out);
	for (size_t i = 0; i < job->nfiles; i++) {
		const struct pub_file *f = &job->files[i];

		if (f->kind == kind) {
			fputs("<source src=\"", out);
			put_href(out, f->file);
			fprintf(out, "\" type=\"%s\">\n", f->mime);
		} else if (kind == PUB_VIDEO && (f->kind == PUB_CAPTIONS || f->kind == PUB_CHAPTERS)) {
			put_track(out, f);
		}
	}
	fprintf(out, "<p>Votre navigateur ne sait pas lire ce média : utilisez les liens de "
		"téléchargement ci-dessous.</p>\n</%s>\n", tag);
}

static void put_downloads(FILE *out, const struct pub_job *job)
{
	fputs("<h2>Téléchargements</h2>\n<ul class=\"downloads\">\n", out);
	for (size_t i = 0; i < job->nfiles; i++) {
		const struct pub_file *f = &job->files[i];
		char *size = pub_human_size(f->bytes);

		fputs("<li><a href=\"", out);
		put_href(out, f->file);
		fputs("\" download>", out);
		put_user(out, base_name(f->file));
		fputs("</a> (", out);
		if (*f->preset) {
			put_user(out, f->preset);
			fputs(", ", out);
		}
		put_text(out, size);
		fputs(")</li>\n", out);
		free(size);
	}
	fputs("</ul>\n", out);
}

char *pub_page_render(const struct pub_job *job)
{
	const char *title = *job->meta.title ? job->meta.title : base_name(job->dir);
	char *licence = st_meta_html_licence(&job->meta);
	char *page = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&page, &len);

	if (!out)
		abort();
	put_head(out, job, title);
	put_intro(out, &job->meta, title);
	put_player(out, job, PUB_VIDEO);
	put_player(out, job, PUB_AUDIO);
	put_downloads(out, job);
	fprintf(out, "%s\n</main>\n</body>\n</html>\n", licence);
	if (fclose(out) || !page)
		abort();
	free(licence);
	return page;
}
