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
#define ST_LICENCE_SHORT "Licence Ouverte / Open Licence 2.0"
#define ST_LICENCE_URL "https://www.etalab.gouv.fr/licence-ouverte-open-licence"
#define ST_DEFAULT_PRODUCER "Collectivité de Corse — CorsicaLab"

/* U+202F NARROW NO-BREAK SPACE: what French typography puts before ":",
 * ";", "!" and "?" in generated text, so a line never breaks there. */
#define ST_NNBSP "\xe2\x80\xaf"

/* One language's version of a text. */
struct st_lang_text {
	char *lang;         /* ISO 639-1, "fr" */
	char *text;
};

/* A read-only view of the metadata; every string is owned by the struct
 * (st_meta_free() releases them).  Missing fields are "" (never NULL). */
struct st_meta {
	char *title;        /* in the main language */
	char *title_co;     /* Corsican title when Corsican is not the main language, "" if none */
	char *description;  /* main language */
	char *description_co;
	char *speakers;     /* "A, B" */
	char *producer;
	char *date;         /* recording date, YYYY-MM-DD */
	char *updated;      /* date of last update of the work, YYYY-MM-DD: the newest
			     * rendition's "encoded", else the session's "updated", else today */
	char *language;     /* ISO 639-1 of the main language: "fr" */
	char *recorded;     /* the recording's start, ISO 8601 with its zone, "" if unknown */
	char *updated_at;   /* the newest rendition's "encoded" (ISO 8601 with its
			     * zone); without one, UPDATED alone */
	/* Every language's title and description, the main language first,
	 * then the others in the manifest's order; empty texts left out. */
	struct st_lang_text *titles, *descriptions;
	size_t ntitles, ndescriptions;
	char **speaker_list;
	size_t nspeakers;
	/* The session's "languages" (main first), at least the main one. */
	char **languages;
	size_t nlanguages;
};

/* Fills M from a session manifest.  The main language is the first of
 * "languages" (default "fr").  Every field is valid UTF-8 without control
 * characters or noncharacters (st_text_clean()). */
void st_meta_from_session(const json_t *session, struct st_meta *m);
void st_meta_free(struct st_meta *m);

/* ISO 639-2/B code for an ISO 639-1 one ("fr" → "fre", "co" → "cos");
 * "und" when unknown. */
const char *st_lang_iso639_2(const char *iso639_1);

/* The attribution the Licence Ouverte asks for, one line in French:
 * "Licence Ouverte / Open Licence 2.0 (etalab-2.0) — Source : PRODUCER —
 * dernière mise à jour : 3 décembre 2026" (narrow no-break spaces before
 * the colons, the date in words).  Every artefact carries this line, and
 * only this function writes it.  Malloc'ed. */
char *st_meta_attribution(const struct st_meta *m);

/* "2026-11-28" (or an ISO 8601 time starting with a date) in French words:
 * "28 novembre 2026", "1er mars 2026"; anything else copied as it is.
 * Malloc'ed. */
char *st_date_words_fr(const char *iso);

/* The French name of a language, lowercase, for running text ("corse",
 * "français"); CODE itself when unknown. */
const char *st_lang_name_fr(const char *code);

/* Container tags for MP4/MKV/WebM: title, artist, date, copyright (the
 * attribution line), license (the URL), comment (the attribution line),
 * description, language.  Adds to *dict (created if NULL); returns an
 * st_status. */
int st_meta_to_avdict(const struct st_meta *m, AVDictionary **dict);

/* Vorbis comments: TITLE, ARTIST, DATE, DESCRIPTION, LICENSE (the URL),
 * COPYRIGHT (the attribution line), ORGANIZATION, LANGUAGE, added to an
 * initialised vorbis_comment. */
void st_meta_to_vorbis(const struct st_meta *m, vorbis_comment *vc);

/* The schema.org object of the session, without what only the page knows
 * (contentUrl, thumbnailUrl, uploadDate, duration, caption, hasPart...):
 * "@context", "@type" KIND ("VideoObject" or "AudioObject"), "name" (main
 * language), "alternateName" (the other languages' titles), "description",
 * "inLanguage" (every language: a string when one, else an array),
 * "dateCreated" and "dateModified" (ISO 8601 with zone), "creator" and
 * "publisher" (the producer, an Organization), "contributor" (each speaker,
 * a Person), "license", "creditText" (st_meta_attribution()).  New
 * reference.  Serialise it for HTML with st_meta_jsonld_script(). */
json_t *st_meta_jsonld(const struct st_meta *m, const char *kind);

/* The JSON-LD in a <script type="application/ld+json"> element, with "</"
 * and other HTML-sensitive sequences escaped.  Malloc'ed. */
char *st_meta_jsonld_script(const json_t *jsonld);

/* MediaWiki block: description, date, producer, licence with link and
 * attribution, written without any template so it renders on any wiki.
 * Malloc'ed. */
char *st_meta_wikitext(const struct st_meta *m);

/* HTML5 fragment: <p class="licence" lang="fr"> with the licence link
 * (rel="license") and the attribution line, its date in a <time>.
 * Malloc'ed. */
char *st_meta_html_licence(const struct st_meta *m);

#endif
