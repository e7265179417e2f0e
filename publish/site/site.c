/* site.c — see site.h. */
#include "site.h"
#include "escape.h"
#include "metadata.h"
#include "msg.h"
#include "page.h"
#include "paths.h"
#include "status.h"
#include "../url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SITE_SCHEMA "studio-site/1"

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

json_t *pub_site_entry(const struct pub_job *job, const char *base)
{
	const struct st_meta *m = &job->meta;
	char *slug_url = pub_url_path(job->slug);
	char *page = st_strdup_printf("%s%s/", base, slug_url);
	json_t *media = json_array();
	json_t *e;

	for (size_t i = 0; i < job->nfiles; i++) {
		const struct pub_file *f = &job->files[i];
		char *rel = pub_url_path(f->file);
		char *url = st_strdup_printf("%s%s", page, rel);

		if (f->kind == PUB_VIDEO || f->kind == PUB_AUDIO)
			json_array_append_new(media, json_pack("{s:s, s:s, s:I}", "url", url,
							       "type", f->mime,
							       "bytes", (json_int_t)f->bytes));
		free(url);
		free(rel);
	}
	e = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "slug", job->slug,
		      "title", m->title, "title_co", m->title_co, "description", m->description,
		      "date", m->date, "updated", m->updated, "producer", m->producer,
		      "page", page, "media", media);
	if (!e)
		abort();
	if (job->id && *job->id)
		json_object_set_new(e, "session_id", json_string(job->id));
	free(page);
	free(slug_url);
	return e;
}

json_t *pub_site_parse(const char *text, size_t len, const char *where)
{
	json_error_t err;
	json_t *root;

	if (!text)
		return json_pack("{s:s, s:[]}", "schema", SITE_SCHEMA, "sessions");
	root = json_loadb(text, len, 0, &err);
	if (!root) {
		st_error(_("%s: invalid JSON at line %d, column %d: %s"), where, err.line,
			 err.column, err.text);
		return NULL;
	}
	if (strcmp(str(root, "schema"), SITE_SCHEMA) ||
	    !json_is_array(json_object_get(root, "sessions")) ||
	    (json_object_get(root, "slugs") && !json_is_object(json_object_get(root, "slugs")))) {
		st_error(_("%s: not a studio site catalogue (expected schema %s and a "
			   "\"sessions\" array)"), where, SITE_SCHEMA);
		json_decref(root);
		return NULL;
	}
	return root;
}

static int newest_first(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = strcmp(str(y, "date"), str(x, "date"));

	return c ? c : strcmp(str(x, "slug"), str(y, "slug"));
}

void pub_site_merge(json_t *catalogue, json_t *entry)
{
	json_t *arr = json_object_get(catalogue, "sessions");
	size_t n, i;
	json_t **items, *s;

	for (i = 0; i < json_array_size(arr); i++)
		if (!strcmp(str(json_array_get(arr, i), "slug"), str(entry, "slug")))
			break;
	if (i < json_array_size(arr))
		json_array_set(arr, i, entry);
	else
		json_array_append(arr, entry);
	if (*str(entry, "session_id"))
		pub_site_register(catalogue, str(entry, "slug"), str(entry, "session_id"),
				  str(entry, "title"));
	n = json_array_size(arr);
	items = st_xcalloc(n, sizeof *items);
	json_array_foreach(arr, i, s)
		items[i] = json_incref(s);
	qsort(items, n, sizeof *items, newest_first);
	json_array_clear(arr);
	for (i = 0; i < n; i++)
		json_array_append_new(arr, items[i]);
	free(items);
}

const char *pub_site_holder(const json_t *catalogue, const char *slug, const char **title)
{
	const json_t *reg = json_object_get(json_object_get(catalogue, "slugs"), slug);
	const json_t *arr = json_object_get(catalogue, "sessions"), *e;
	size_t i;

	*title = NULL;
	if (json_is_object(reg)) {
		*title = str(reg, "title");
		return str(reg, "session");
	}
	json_array_foreach(arr, i, e) {
		if (strcmp(str(e, "slug"), slug))
			continue;
		*title = str(e, "title");
		return str(e, "session_id");
	}
	return NULL;
}

bool pub_site_register(json_t *catalogue, const char *slug, const char *id, const char *title)
{
	json_t *slugs = json_object_get(catalogue, "slugs");
	const json_t *reg = json_object_get(slugs, slug);

	if (json_is_object(reg) && !strcmp(str(reg, "session"), id))
		return false;
	if (!slugs) {
		slugs = json_object();
		json_object_set_new(catalogue, "slugs", slugs);
	}
	if (json_object_set_new(slugs, slug, json_pack("{s:s, s:s}", "session", id, "title",
						       title ? title : "")))
		abort();
	return true;
}

char *pub_site_dump(const json_t *catalogue)
{
	char *s = json_dumps(catalogue, JSON_INDENT(1) | JSON_ENSURE_ASCII);
	char *out;

	if (!s)
		abort();
	out = st_strdup_printf("%s\n", s);
	free(s);
	return out;
}

static void put_esc(FILE *out, const char *s, char *(*esc)(const char *))
{
	char *e = esc(s);
	fputs(e, out);
	free(e);
}

static void put_entry_html(FILE *out, const json_t *e)
{
	char *rel = pub_url_path(str(e, "slug"));

	fputs("<li><a href=\"", out);
	put_esc(out, rel, st_escape_html);
	/* Titles are isolated (<bdi>): a right-to-left override in one would
	 * otherwise reorder the rest of the line, the date included. */
	fputs("/\"><bdi>", out);
	put_esc(out, str(e, "title"), st_escape_html);
	fputs("</bdi></a>", out);
	if (*str(e, "title_co")) {
		fputs(" — <bdi lang=\"co\">", out);
		put_esc(out, str(e, "title_co"), st_escape_html);
		fputs("</bdi>", out);
	}
	if (*str(e, "date")) {
		fputs(" <time datetime=\"", out);
		put_esc(out, str(e, "date"), st_escape_html);
		fputs("\">", out);
		put_esc(out, str(e, "date"), st_escape_html);
		fputs("</time>", out);
	}
	fputs("</li>\n", out);
	free(rel);
}

char *pub_site_index(const json_t *catalogue)
{
	const json_t *arr = json_object_get(catalogue, "sessions");
	char *buf = NULL;
	size_t len = 0, i;
	const json_t *e;
	FILE *out = open_memstream(&buf, &len);

	if (!out)
		abort();
	fputs("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>Sessions — CorsicaLab Studio</title>\n"
	      "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"" PUB_SITE_FEED
	      "\" title=\"Sessions\">\n"
	      "<style>body{margin:0 auto;max-width:52rem;padding:1rem;font-family:system-ui,"
	      "sans-serif;line-height:1.5}</style>\n</head>\n<body>\n<main>\n"
	      "<h1>Sessions publiées</h1>\n<ul class=\"sessions\">\n", out);
	json_array_foreach(arr, i, e)
		put_entry_html(out, e);
	fputs("</ul>\n<p class=\"licence\">Contenus publiés sous la <a href=\"" ST_LICENCE_URL
	      "\" rel=\"license\">" ST_LICENCE_NAME "</a>. <a href=\"" PUB_SITE_FEED
	      "\">Flux RSS</a></p>\n</main>\n</body>\n</html>\n", out);
	if (fclose(out))
		abort();
	return buf;
}

/* "2026-11-28" → RFC 822 "Sat, 28 Nov 2026 00:00:00 +0000"; "" when DATE
 * is not a date. */
static void rfc822(const char *date, char out[40])
{
	struct tm tm = {0};
	time_t t;

	out[0] = '\0';
	if (sscanf(date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	if (t == (time_t)-1 || !gmtime_r(&t, &tm))
		return;
	static const char *const wd[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const mo[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	snprintf(out, 40, "%s, %02d %s %04d 00:00:00 +0000", wd[tm.tm_wday], tm.tm_mday,
		 mo[tm.tm_mon], tm.tm_year + 1900);
}

static void put_tag(FILE *out, const char *tag, const char *text)
{
	fprintf(out, "<%s>", tag);
	put_esc(out, text, st_escape_xml);
	fprintf(out, "</%s>\n", tag);
}

/* One item per media file: RSS 2.0 allows one enclosure per item, and
 * podcast readers take the first only. */
static void put_items(FILE *out, const json_t *e)
{
	const json_t *media = json_object_get(e, "media"), *m;
	char date[40];
	size_t i;

	rfc822(str(e, "date"), date);
	json_array_foreach(media, i, m) {
		const char *url = str(m, "url");
		char *title = st_strdup_printf("%s (%s)", str(e, "title"), str(m, "type"));

		fputs("<item>\n", out);
		put_tag(out, "title", title);
		put_tag(out, "link", str(e, "page"));
		put_tag(out, "description", str(e, "description"));
		if (date[0])
			put_tag(out, "pubDate", date);
		fputs("<guid isPermaLink=\"true\">", out);
		put_esc(out, url, st_escape_xml);
		fputs("</guid>\n<enclosure url=\"", out);
		put_esc(out, url, st_escape_xml);
		fprintf(out, "\" length=\"%lld\" type=\"", (long long)json_integer_value(
					json_object_get(m, "bytes")));
		put_esc(out, str(m, "type"), st_escape_xml);
		fputs("\"/>\n</item>\n", out);
		free(title);
	}
}

char *pub_site_feed(const json_t *catalogue, const char *base)
{
	const json_t *arr = json_object_get(catalogue, "sessions"), *e;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *out = open_memstream(&buf, &len);

	if (!out)
		abort();
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n",
	      out);
	put_tag(out, "title", "CorsicaLab Studio");
	put_tag(out, "link", base);
	put_tag(out, "description", "Sessions, tutoriels et MOOC publiés par CorsicaLab");
	put_tag(out, "language", "fr");
	put_tag(out, "copyright", ST_LICENCE_NAME " (" ST_LICENCE_ID ", " ST_LICENCE_URL
		"). Source : " ST_DEFAULT_PRODUCER);
	json_array_foreach(arr, i, e)
		put_items(out, e);
	fputs("</channel>\n</rss>\n", out);
	if (fclose(out))
		abort();
	return buf;
}
