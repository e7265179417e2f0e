/* metadata.c — see metadata.h. */
#include "metadata.h"
#include "escape.h"
#include "paths.h"
#include "session.h"
#include "status.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *str_or(const json_t *v, const char *dflt)
{
	const char *s = json_string_value(v);
	return s && *s ? s : dflt;
}

/* The LANG entry of a {"fr": "...", "co": "..."} map, or when the map has
 * no such entry and FALLBACK_ANY is set, its first non-empty value. */
static char *text_in(const json_t *map, const char *lang, bool fallback_any)
{
	const char *k, *s = str_or(json_object_get(map, lang), NULL);
	json_t *v;

	if (!s && fallback_any)
		json_object_foreach((json_t *)map, k, v)
			if ((s = str_or(v, NULL)))
				break;
	return st_xstrdup(s ? s : "");
}

static char *join_strings(const json_t *arr, const char *sep)
{
	char *out = st_xstrdup("");
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) {
		char *next = st_strdup_printf("%s%s%s", out, *out ? sep : "", str_or(v, ""));
		free(out);
		out = next;
	}
	return out;
}

/* The YYYY-MM-DD day an ISO 8601 time starts with, or "" when it does not
 * start with one (never a cut in the middle of a UTF-8 sequence). */
static char *iso_day(const char *iso)
{
	static const char shape[] = "dddd-dd-dd";

	for (size_t i = 0; i < sizeof shape - 1; i++)
		if (!iso || (shape[i] == 'd' ? !isdigit((unsigned char)iso[i]) : iso[i] != '-'))
			return st_xstrdup("");
	return st_strdup_printf("%.10s", iso);
}

/* Every field through st_text_clean(), so what is stored from the
 * metadata (the site catalogue, wiki names) is as clean as what is
 * rendered from it. */
static void clean_fields(struct st_meta *m)
{
	char **fields[] = {&m->title, &m->title_co, &m->description, &m->description_co,
			   &m->speakers, &m->producer, &m->date, &m->updated, &m->language};

	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		char *c = st_text_clean(*fields[i]);
		free(*fields[i]);
		*fields[i] = c;
	}
}

void st_meta_from_session(const json_t *s, struct st_meta *m)
{
	const json_t *title = json_object_get(s, "title");
	const json_t *desc = json_object_get(s, "description");
	const char *lang = str_or(json_array_get(json_object_get(s, "languages"), 0), "fr");
	bool main_co = !strcmp(lang, "co");
	char now[32];

	st_iso8601_now(now);
	m->language = st_xstrdup(lang);
	m->title = text_in(title, lang, true);
	m->title_co = main_co ? st_xstrdup("") : text_in(title, "co", false);
	m->description = text_in(desc, lang, true);
	m->description_co = main_co ? st_xstrdup("") : text_in(desc, "co", false);
	m->speakers = join_strings(json_object_get(s, "speakers"), ", ");
	m->producer = st_xstrdup(str_or(json_object_get(s, "producer"), ST_DEFAULT_PRODUCER));
	m->date = iso_day(str_or(json_object_get(s, "recorded"), ""));
	m->updated = iso_day(str_or(json_object_get(s, "updated"), now));
	if (!*m->updated) {
		free(m->updated);
		m->updated = iso_day(now);
	}
	clean_fields(m);
}

void st_meta_free(struct st_meta *m)
{
	char **fields[] = {&m->title, &m->title_co, &m->description, &m->description_co,
			   &m->speakers, &m->producer, &m->date, &m->updated, &m->language};

	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		free(*fields[i]);
		*fields[i] = NULL;
	}
}

const char *st_lang_iso639_2(const char *code)
{
	static const char *map[][2] = {
		{"fr", "fre"}, {"co", "cos"}, {"en", "eng"}, {"it", "ita"},
		{"es", "spa"}, {"de", "ger"}, {"pt", "por"}, {"ar", "ara"},
	};

	for (size_t i = 0; code && i < sizeof map / sizeof *map; i++)
		if (!strcmp(code, map[i][0]))
			return map[i][1];
	return "und";
}

char *st_meta_attribution(const struct st_meta *m)
{
	return st_strdup_printf("Source : %s — dernière mise à jour : %s", m->producer, m->updated);
}

static const char *artist(const struct st_meta *m)
{
	return *m->speakers ? m->speakers : m->producer;
}

static char *copyright(const struct st_meta *m)
{
	return st_strdup_printf("%s — %s (%s) — %s", m->producer, ST_LICENCE_NAME, ST_LICENCE_ID,
				ST_LICENCE_URL);
}

int st_meta_to_avdict(const struct st_meta *m, AVDictionary **dict)
{
	char *attribution = st_meta_attribution(m);
	char *cp = copyright(m);
	int ret = 0;

	ret |= av_dict_set(dict, "title", m->title, 0);
	ret |= av_dict_set(dict, "artist", artist(m), 0);
	if (*m->date)
		ret |= av_dict_set(dict, "date", m->date, 0);
	ret |= av_dict_set(dict, "copyright", cp, 0);
	ret |= av_dict_set(dict, "comment", attribution, 0);
	ret |= av_dict_set(dict, "language", st_lang_iso639_2(m->language), 0);
	free(attribution);
	free(cp);
	return ret < 0 ? ST_OSERR : ST_OK;
}

void st_meta_to_vorbis(const struct st_meta *m, vorbis_comment *vc)
{
	char *cp = copyright(m);

	vorbis_comment_add_tag(vc, "TITLE", m->title);
	vorbis_comment_add_tag(vc, "ARTIST", artist(m));
	if (*m->date)
		vorbis_comment_add_tag(vc, "DATE", m->date);
	if (*m->description)
		vorbis_comment_add_tag(vc, "DESCRIPTION", m->description);
	vorbis_comment_add_tag(vc, "LICENSE", ST_LICENCE_URL);
	vorbis_comment_add_tag(vc, "COPYRIGHT", cp);
	vorbis_comment_add_tag(vc, "ORGANIZATION", m->producer);
	vorbis_comment_add_tag(vc, "LANGUAGE", m->language);
	free(cp);
}

json_t *st_meta_jsonld(const struct st_meta *m, const char *kind, const char *content_url,
		       double duration_s)
{
	char *attribution = st_meta_attribution(m);
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s}, s:s}",
			      "@context", "https://schema.org", "@type", kind, "name", m->title,
			      "inLanguage", m->language, "license", ST_LICENCE_URL,
			      "dateModified", m->updated, "producer", "@type", "Organization",
			      "name", m->producer, "creditText", attribution);

	free(attribution);
	if (*m->description)
		json_object_set_new(o, "description", json_string(m->description));
	if (*m->date)
		json_object_set_new(o, "dateCreated", json_string(m->date));
	if (*m->speakers)
		json_object_set_new(o, "contributor", json_string(m->speakers));
	if (content_url && *content_url)
		json_object_set_new(o, "contentUrl", json_string(content_url));
	if (duration_s >= 0) {
		char *d = st_strdup_printf("PT%.3fS", duration_s);
		json_object_set_new(o, "duration", json_string(d));
		free(d);
	}
	return o;
}

char *st_meta_jsonld_script(const json_t *jsonld)
{
	char *json = json_dumps(jsonld, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	char *out, *p;
	size_t n = 0;

	if (!json)
		abort();
	for (p = json; *p; p++)
		n += strchr("<>&", *p) ? 6 : 1;
	out = st_xcalloc(n + 64, 1);
	p = out + sprintf(out, "<script type=\"application/ld+json\">\n");
	/* "<", ">" and "&" only occur inside JSON strings: as \u escapes they
	 * cannot close the script element or open a comment in it. */
	for (const char *s = json; *s; s++)
		p += strchr("<>&", *s) ? sprintf(p, "\\u%04x", (unsigned)*s) : (*p = *s, 1);
	strcpy(p, "\n</script>");
	free(json);
	return out;
}

char *st_meta_wikitext(const struct st_meta *m)
{
	char *f[] = {st_escape_wikitext(m->description), st_escape_wikitext(m->description_co),
		     st_escape_wikitext(m->date), st_escape_wikitext(m->producer),
		     st_escape_wikitext(m->speakers), st_escape_wikitext(m->updated),
		     st_escape_wikitext(m->language)};
	char *desc_co = *f[1] ? st_strdup_printf("<div lang=\"co\">%s</div>\n", f[1]) : st_xstrdup("");
	char *speakers = *f[4] ? st_strdup_printf("* '''Intervenants''' : %s\n", f[4]) : st_xstrdup("");
	char *out = st_strdup_printf(
		"<div lang=\"%s\">%s</div>\n%s"
		"* '''Date''' : %s\n"
		"* '''Producteur''' : %s\n%s"
		"* '''Licence''' : [%s %s] (%s)\n"
		"* '''Attribution''' : Source : %s — dernière mise à jour : %s\n",
		f[6], f[0], desc_co, f[2], f[3], speakers, ST_LICENCE_URL, ST_LICENCE_NAME, ST_LICENCE_ID,
		f[3], f[5]);

	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		free(f[i]);
	free(desc_co);
	free(speakers);
	return out;
}

char *st_meta_html_licence(const struct st_meta *m)
{
	char *producer = st_escape_html(m->producer);
	char *updated = st_escape_html(m->updated);
	char *out = st_strdup_printf(
		"<p class=\"licence\" lang=\"fr\">Ce contenu est publié sous la "
		"<a href=\"%s\" rel=\"license\">%s</a> (%s). "
		"Source : %s — dernière mise à jour : %s</p>",
		ST_LICENCE_URL, ST_LICENCE_NAME, ST_LICENCE_ID, producer, updated);

	free(producer);
	free(updated);
	return out;
}
