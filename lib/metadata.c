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

/* A cleaned copy of S (st_text_clean()). */
static char *clean(const char *s)
{
	return st_text_clean(s ? s : "");
}

/* Every non-empty text of MAP, the MAIN language first, into *V. */
static void lang_texts(const json_t *map, const char *main_lang, struct st_lang_text **v,
		       size_t *n)
{
	const char *k;
	json_t *t;

	*v = st_xcalloc(json_object_size(map) + 1, sizeof **v);
	*n = 0;
	if (str_or(json_object_get(map, main_lang), NULL)) {
		(*v)[0].lang = clean(main_lang);
		(*v)[(*n)++].text = clean(json_string_value(json_object_get(map, main_lang)));
	}
	json_object_foreach((json_t *)map, k, t) {
		if (!strcmp(k, main_lang) || !str_or(t, NULL))
			continue;
		(*v)[*n].lang = clean(k);
		(*v)[(*n)++].text = clean(json_string_value(t));
	}
}

static void lang_texts_free(struct st_lang_text *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].lang);
		free(v[i].text);
	}
	free(v);
}

/* Every non-empty string of ARR, cleaned, into *V; FIRST (when not NULL)
 * is put first and not repeated. */
static void string_list(const json_t *arr, const char *first, char ***v, size_t *n)
{
	size_t i;
	json_t *e;

	*v = st_xcalloc(json_array_size(arr) + 2, sizeof **v);
	*n = 0;
	if (first)
		(*v)[(*n)++] = clean(first);
	json_array_foreach(arr, i, e)
		if (str_or(e, NULL) && (!first || strcmp(json_string_value(e), first)))
			(*v)[(*n)++] = clean(json_string_value(e));
}

static void string_list_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Every field through st_text_clean(), so what is stored from the
 * metadata (the site catalogue, wiki names) is as clean as what is
 * rendered from it. */
static void clean_fields(struct st_meta *m)
{
	char **fields[] = {&m->title, &m->title_co, &m->description, &m->description_co,
			   &m->speakers, &m->producer, &m->date, &m->updated, &m->language,
			   &m->recorded, &m->updated_at};

	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		char *c = st_text_clean(*fields[i]);
		free(*fields[i]);
		*fields[i] = c;
	}
}

/* When the work last changed: the newest rendition's "encoded" time,
 * else NULL.  Not the session's "updated", which every write of
 * session.json moves, publishing included: each publication would
 * change the page it publishes. */
static const char *last_encode(const json_t *s)
{
	const char *best = NULL;
	size_t i;
	json_t *r;

	json_array_foreach(json_object_get(s, "renditions"), i, r) {
		const char *t = str_or(json_object_get(r, "encoded"), NULL);

		if (t && (!best || strcmp(t, best) > 0))
			best = t;
	}
	return best;
}

void st_meta_from_session(const json_t *s, struct st_meta *m)
{
	const json_t *title = json_object_get(s, "title");
	const json_t *desc = json_object_get(s, "description");
	const char *lang = str_or(json_array_get(json_object_get(s, "languages"), 0), "fr");
	const char *encoded = last_encode(s);
	const char *updated = encoded ? encoded : str_or(json_object_get(s, "updated"), "");
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
	m->recorded = st_xstrdup(str_or(json_object_get(s, "recorded"), ""));
	m->date = iso_day(m->recorded);
	m->updated = iso_day(updated);
	if (!*m->updated) {
		free(m->updated);
		m->updated = iso_day(now);
	}
	/* Without an encode, the date alone: what is rendered from it stays
	 * the same all day, so a re-run finds it unchanged. */
	m->updated_at = st_xstrdup(encoded && !strncmp(encoded, m->updated, 10) ? encoded
									 : m->updated);
	clean_fields(m);
	lang_texts(title, lang, &m->titles, &m->ntitles);
	lang_texts(desc, lang, &m->descriptions, &m->ndescriptions);
	string_list(json_object_get(s, "speakers"), NULL, &m->speaker_list, &m->nspeakers);
	string_list(json_object_get(s, "languages"), lang, &m->languages, &m->nlanguages);
}

void st_meta_free(struct st_meta *m)
{
	char **fields[] = {&m->title, &m->title_co, &m->description, &m->description_co,
			   &m->speakers, &m->producer, &m->date, &m->updated, &m->language,
			   &m->recorded, &m->updated_at};

	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		free(*fields[i]);
		*fields[i] = NULL;
	}
	lang_texts_free(m->titles, m->ntitles);
	lang_texts_free(m->descriptions, m->ndescriptions);
	string_list_free(m->speaker_list, m->nspeakers);
	string_list_free(m->languages, m->nlanguages);
	m->titles = m->descriptions = NULL;
	m->speaker_list = m->languages = NULL;
	m->ntitles = m->ndescriptions = m->nspeakers = m->nlanguages = 0;
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

const char *st_lang_name_fr(const char *code)
{
	static const char *const names[][2] = {
		{"fr", "français"}, {"co", "corse"}, {"en", "anglais"}, {"it", "italien"},
		{"es", "espagnol"}, {"de", "allemand"}, {"pt", "portugais"}, {"ar", "arabe"},
	};

	for (size_t i = 0; code && i < sizeof names / sizeof *names; i++)
		if (!strcmp(code, names[i][0]))
			return names[i][1];
	return code ? code : "";
}

char *st_date_words_fr(const char *iso)
{
	static const char *const months[] = {
		"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
		"août", "septembre", "octobre", "novembre", "décembre"};
	char *day = iso_day(iso);
	int y, mo, d;

	if (*day && sscanf(day, "%4d-%2d-%2d", &y, &mo, &d) == 3 && mo >= 1 && mo <= 12 &&
	    d >= 1 && d <= 31) {
		free(day);
		return st_strdup_printf("%d%s %s %d", d, d == 1 ? "er" : "", months[mo - 1], y);
	}
	free(day);
	return st_xstrdup(iso ? iso : "");
}

char *st_meta_attribution(const struct st_meta *m)
{
	char *date = st_date_words_fr(m->updated);
	char *out = st_strdup_printf("%s (%s) — Source" ST_NNBSP ": %s — dernière mise à jour"
				     ST_NNBSP ": %s", ST_LICENCE_SHORT, ST_LICENCE_ID, m->producer,
				     date);

	free(date);
	return out;
}

static const char *artist(const struct st_meta *m)
{
	return *m->speakers ? m->speakers : m->producer;
}

int st_meta_to_avdict(const struct st_meta *m, AVDictionary **dict)
{
	char *attribution = st_meta_attribution(m);
	int ret = 0;

	ret |= av_dict_set(dict, "title", m->title, 0);
	ret |= av_dict_set(dict, "artist", artist(m), 0);
	if (*m->date)
		ret |= av_dict_set(dict, "date", m->date, 0);
	if (*m->description)
		ret |= av_dict_set(dict, "description", m->description, 0);
	ret |= av_dict_set(dict, "copyright", attribution, 0);
	ret |= av_dict_set(dict, "license", ST_LICENCE_URL, 0);
	ret |= av_dict_set(dict, "comment", attribution, 0);
	ret |= av_dict_set(dict, "language", st_lang_iso639_2(m->language), 0);
	free(attribution);
	return ret < 0 ? ST_OSERR : ST_OK;
}

void st_meta_to_vorbis(const struct st_meta *m, vorbis_comment *vc)
{
	char *attribution = st_meta_attribution(m);

	vorbis_comment_add_tag(vc, "TITLE", m->title);
	vorbis_comment_add_tag(vc, "ARTIST", artist(m));
	if (*m->date)
		vorbis_comment_add_tag(vc, "DATE", m->date);
	if (*m->description)
		vorbis_comment_add_tag(vc, "DESCRIPTION", m->description);
	vorbis_comment_add_tag(vc, "LICENSE", ST_LICENCE_URL);
	vorbis_comment_add_tag(vc, "COPYRIGHT", attribution);
	vorbis_comment_add_tag(vc, "ORGANIZATION", m->producer);
	vorbis_comment_add_tag(vc, "LANGUAGE", m->language);
	free(attribution);
}

static json_t *organization(const struct st_meta *m)
{
	return json_pack("{s:s, s:s}", "@type", "Organization", "name", m->producer);
}

json_t *st_meta_jsonld(const struct st_meta *m, const char *kind)
{
	char *attribution = st_meta_attribution(m);
	json_t *o = json_pack("{s:s, s:s, s:s}", "@context", "https://schema.org", "@type", kind,
			      "name", m->title);
	json_t *langs = json_array(), *alt = json_array(), *people = json_array();

	for (size_t i = 1; i < m->ntitles; i++)
		json_array_append_new(alt, json_string(m->titles[i].text));
	if (json_array_size(alt))
		json_object_set(o, "alternateName", alt);
	if (*m->description)
		json_object_set_new(o, "description", json_string(m->description));
	for (size_t i = 0; i < m->nlanguages; i++)
		json_array_append_new(langs, json_string(m->languages[i]));
	json_object_set_new(o, "inLanguage", m->nlanguages == 1
			    ? json_string(m->languages[0]) : json_incref(langs));
	if (*m->recorded)
		json_object_set_new(o, "dateCreated", json_string(m->recorded));
	json_object_set_new(o, "dateModified", json_string(m->updated_at));
	json_object_set_new(o, "creator", organization(m));
	json_object_set_new(o, "publisher", organization(m));
	for (size_t i = 0; i < m->nspeakers; i++)
		json_array_append_new(people, json_pack("{s:s, s:s}", "@type", "Person", "name",
							m->speaker_list[i]));
	if (json_array_size(people))
		json_object_set(o, "contributor", people);
	json_object_set_new(o, "license", json_string(ST_LICENCE_URL));
	json_object_set_new(o, "creditText", json_string(attribution));
	json_decref(langs);
	json_decref(alt);
	json_decref(people);
	free(attribution);
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
	char *attribution = st_meta_attribution(m);
	char *f[] = {st_escape_wikitext(m->description), st_escape_wikitext(m->description_co),
		     st_escape_wikitext(m->date), st_escape_wikitext(m->producer),
		     st_escape_wikitext(m->speakers), st_escape_wikitext(attribution),
		     st_escape_wikitext(m->language)};
	char *desc_co = *f[1] ? st_strdup_printf("<div lang=\"co\">%s</div>\n", f[1]) : st_xstrdup("");
	char *speakers = *f[4] ? st_strdup_printf("* '''Intervenants'''" ST_NNBSP ": %s\n", f[4])
			       : st_xstrdup("");
	char *out = st_strdup_printf(
		"<div lang=\"%s\">%s</div>\n%s"
		"* '''Date'''" ST_NNBSP ": %s\n"
		"* '''Producteur'''" ST_NNBSP ": %s\n%s"
		"* '''Licence'''" ST_NNBSP ": [%s %s] (%s)\n"
		"* '''Attribution'''" ST_NNBSP ": %s\n",
		f[6], f[0], desc_co, f[2], f[3], speakers, ST_LICENCE_URL, ST_LICENCE_NAME, ST_LICENCE_ID,
		f[5]);

	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		free(f[i]);
	free(desc_co);
	free(speakers);
	free(attribution);
	return out;
}

char *st_meta_html_licence(const struct st_meta *m)
{
	char *producer = st_escape_html(m->producer);
	char *when = st_escape_html(m->updated_at);
	char *words = st_date_words_fr(m->updated);
	char *date = st_escape_html(words);
	char *out = st_strdup_printf(
		"<p class=\"licence\" lang=\"fr\">Ce contenu est publié sous la "
		"<a href=\"%s\" rel=\"license\">%s</a> (%s). "
		"Source" ST_NNBSP ": <bdi>%s</bdi> — dernière mise à jour" ST_NNBSP
		": <time datetime=\"%s\">%s</time></p>",
		ST_LICENCE_URL, ST_LICENCE_NAME, ST_LICENCE_ID, producer, when, date);

	free(producer);
	free(when);
	free(words);
	free(date);
	return out;
}
