/* metadata.h — the session's descriptive metadata and the Etalab licence.
 *
 * This module is the only place that knows the Licence Ouverte / Open
 * Licence version 2.0 and the attribution it requires (the source, at least
 * the producer, and the date of last update).  It renders the metadata into
 * every form an artefact needs: container tags, Vorbis comments, schema.org
 * JSON-LD, a MediaWiki wikitext block and an HTML fragment. */
#ifndef STUDIO_METADATA_H
#define STUDIO_METADATA_H

#include <jansson.h>
#include <libavutil/dict.h>
#include <vorbis/codec.h>

#define ST_LICENCE_ID "etalab-2.0"
#define ST_LICENCE_NAME "Licence Ouverte / Open Licence version 2.0"
#define ST_LICENCE_URL "https://www.etalab.gouv.fr/licence-ouverte-open-licence"
#define ST_DEFAULT_PRODUCER "Collectivité de Corse — CorsicaLab"

/* A read-only view of the metadata; every string is owned by the struct
 * (st_meta_free() releases them).  Missing fields are "" (never NULL). */
struct st_meta {
	char *title;        /* in the main language */
	char *title_co;     /* Corsican title, "" if none */
	char *description;  /* main language */
	char *description_co;
	char *speakers;     /* "A, B" */
	char *producer;
	char *date;         /* recording date, YYYY-MM-DD */
	char *updated;      /* date of last update, YYYY-MM-DD */
	char *language;     /* ISO 639-1 of the main language: "fr" */
};

/* Fills M from a session manifest.  The main language is the first of
 * "languages" (default "fr").  Every field is valid UTF-8 without control
 * characters or noncharacters (st_text_clean()). */
void st_meta_from_session(const json_t *session, struct st_meta *m);
void st_meta_free(struct st_meta *m);

/* ISO 639-2/B code for an ISO 639-1 one ("fr" → "fre", "co" → "cos");
 * "und" when unknown. */
const char *st_lang_iso639_2(const char *iso639_1);

/* The attribution line, in French since the Lab publishes in French:
 * "Source : PRODUCER — dernière mise à jour : DATE".  Malloc'ed. */
char *st_meta_attribution(const struct st_meta *m);

/* Container tags for MP4/MKV/WebM: title, artist, date, copyright,
 * comment, language.  Adds to *dict (created if NULL); returns an
 * st_status. */
int st_meta_to_avdict(const struct st_meta *m, AVDictionary **dict);

/* Vorbis comments: TITLE, ARTIST, DATE, LICENSE, COPYRIGHT, ORGANIZATION,
 * LANGUAGE, added to an initialised vorbis_comment. */
void st_meta_to_vorbis(const struct st_meta *m, vorbis_comment *vc);

/* schema.org JSON-LD object.  KIND is "VideoObject" or "AudioObject";
 * CONTENT_URL and DURATION_S (< 0: omitted) describe the media.  New
 * reference.  Serialise it for HTML with st_meta_jsonld_script(). */
json_t *st_meta_jsonld(const struct st_meta *m, const char *kind,
		       const char *content_url, double duration_s);

/* The JSON-LD in a <script type="application/ld+json"> element, with "</"
 * and other HTML-sensitive sequences escaped.  Malloc'ed. */
char *st_meta_jsonld_script(const json_t *jsonld);

/* MediaWiki block: description, date, producer, licence with link and
 * attribution, written without any template so it renders on any wiki.
 * Malloc'ed. */
char *st_meta_wikitext(const struct st_meta *m);

/* HTML5 fragment: <p class="licence" lang="fr"> with the licence link
 * (rel="license") and the attribution line.  Malloc'ed. */
char *st_meta_html_licence(const struct st_meta *m);

#endif
