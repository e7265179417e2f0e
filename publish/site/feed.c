/* feed.c — SITE/feed.xml (site.h, pub_site_feed): RSS 2.0 with the iTunes,
 * Podcasting 2.0 and Atom namespaces, one item per session.  See
 * docs/publish.md, "The feed and the index". */
#include "entry.h"
#include "feed_date.h"
#include "site.h"
#include "escape.h"
#include "metadata.h"
#include "paths.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FEED_TITLE "Sessions — CorsicaLab"
#define FEED_DESCRIPTION "Sessions, tutoriels et MOOC publiés par CorsicaLab"

static void put_esc(FILE *out, const char *s)
{
	char *e = st_escape_xml(s);

	fputs(e, out);
	free(e);
}

static void put_tag(FILE *out, const char *tag, const char *text)
{
	fprintf(out, "<%s>", tag);
	put_esc(out, text);
	fprintf(out, "</%s>\n", tag);
}

/* <TAG NAME="VALUE"/> */
static void put_empty(FILE *out, const char *tag, const char *name, const char *value)
{
	fprintf(out, "<%s %s=\"", tag, name);
	put_esc(out, value);
	fputs("\"/>\n", out);
}

/* The item's description, in plain text: the main language's description,
 * each other language's title and description, the attribution last.
 * Malloc'ed. */
static char *description(const json_t *e)
{
	json_t *titles = pub_entry_texts(e, false), *descs = pub_entry_texts(e, true), *t;
	char *buf = NULL, *line = pub_entry_attribution(e);
	size_t len = 0, i;
	FILE *out = open_memstream(&buf, &len);

	if (!out)
		abort();
	if (json_array_size(descs) && !strcmp(pub_entry_str(json_array_get(descs, 0), "lang"),
					      pub_entry_lang(e)))
		fprintf(out, "%s\n\n", pub_entry_str(json_array_get(descs, 0), "text"));
	json_array_foreach(titles, i, t) {
		const char *lang = pub_entry_str(t, "lang");
		const json_t *d;
		size_t j;

		if (!strcmp(lang, pub_entry_lang(e)))
			continue;
		fprintf(out, "En %s" ST_NNBSP ": %s", st_lang_name_fr(lang),
			pub_entry_str(t, "text"));
		json_array_foreach(descs, j, d)
			if (!strcmp(pub_entry_str(d, "lang"), lang))
				fprintf(out, " — %s", pub_entry_str(d, "text"));
		fputs("\n\n", out);
	}
	fputs(line, out);
	if (fclose(out))
		abort();
	json_decref(titles);
	json_decref(descs);
	free(line);
	return buf;
}

/* <podcast:transcript> for each caption made from the enclosure's
 * selection (or either's unknown): captions timed for another cut of the
 * master would be off. */
static void put_transcripts(FILE *out, const json_t *e, const json_t *enc_sel)
{
	const json_t *c;
	size_t i;

	json_array_foreach(json_object_get(e, "captions"), i, c) {
		if (!pub_selection_match(enc_sel, json_object_get(c, "selection")))
			continue;
		fputs("<podcast:transcript url=\"", out);
		put_esc(out, pub_entry_str(c, "url"));
		fputs("\" type=\"text/vtt\" language=\"", out);
		put_esc(out, pub_entry_str(c, "lang"));
		fputs("\" rel=\"captions\"/>\n", out);
	}
}

/* The item's media: enclosure, duration, transcripts, chapters.  An older
 * entry has no "enclosure": its first video or audio file stands in. */
static void put_media(FILE *out, const json_t *e)
{
	const json_t *enc = json_object_get(e, "enclosure");
	const json_t *chap = json_object_get(e, "chapters");
	const json_t *sel, *dur;

	if (!enc)
		enc = json_array_get(json_object_get(e, "media"), 0);
	if (!enc)
		return;
	sel = json_object_get(enc, "selection");
	fputs("<enclosure url=\"", out);
	put_esc(out, pub_entry_str(enc, "url"));
	fprintf(out, "\" length=\"%lld\" type=\"",
		(long long)json_integer_value(json_object_get(enc, "bytes")));
	put_esc(out, pub_entry_str(enc, "type"));
	fputs("\"/>\n", out);
	if (json_is_number(dur = json_object_get(enc, "duration")))
		fprintf(out, "<itunes:duration>%lld</itunes:duration>\n",
			(long long)llround(json_number_value(dur)));
	put_transcripts(out, e, sel);
	if (chap && pub_selection_match(sel, json_object_get(chap, "selection"))) {
		fputs("<podcast:chapters url=\"", out);
		put_esc(out, pub_entry_str(chap, "url"));
		fputs("\" type=\"application/json+chapters\"/>\n", out);
	}
}

/* One item per session.  The guid is the session's id (its page URL for
 * an entry without one): the same on every later publication. */
static void put_item(FILE *out, const json_t *e)
{
	const char *id = pub_entry_str(e, "session_id");
	char date[PUB_RFC822_MAX];
	char *desc = description(e);

	fputs("<item>\n", out);
	put_tag(out, "title", pub_entry_str(e, "title"));
	put_tag(out, "link", pub_entry_str(e, "page"));
	put_tag(out, "description", desc);
	if (pub_rfc822(pub_entry_when(e), date))
		put_tag(out, "pubDate", date);
	fputs("<guid isPermaLink=\"false\">", out);
	put_esc(out, *id ? id : pub_entry_str(e, "page"));
	fputs("</guid>\n", out);
	put_media(out, e);
	if (*pub_entry_str(e, "poster"))
		put_empty(out, "itunes:image", "href", pub_entry_str(e, "poster"));
	fputs("</item>\n", out);
	free(desc);
}

/* The channel's picture: the poster of the newest session that has one;
 * "" when none has (then no <image> at all: RSS requires its url). */
static const char *channel_image(const json_t *catalogue)
{
	const json_t *e;
	size_t i;

	json_array_foreach(json_object_get(catalogue, "sessions"), i, e)
		if (*pub_entry_str(e, "poster"))
			return pub_entry_str(e, "poster");
	return "";
}

static void put_channel(FILE *out, const json_t *catalogue, const char *base)
{
	const json_t *newest = json_array_get(json_object_get(catalogue, "sessions"), 0);
	const char *image = channel_image(catalogue), *producer = pub_entry_str(newest, "producer");
	char *self = st_strdup_printf("%s%s", base, PUB_SITE_FEED);
	char *credit = pub_site_attribution(catalogue);
	char now[PUB_RFC822_MAX];

	pub_rfc822_utc(time(NULL), now);
	put_tag(out, "title", FEED_TITLE);
	put_tag(out, "link", base);
	fputs("<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"", out);
	put_esc(out, self);
	fputs("\"/>\n", out);
	put_tag(out, "description", FEED_DESCRIPTION);
	put_tag(out, "language", "fr");
	put_tag(out, "copyright", credit);
	put_tag(out, "lastBuildDate", now);
	if (*image) {
		fputs("<image>\n", out);
		put_tag(out, "url", image);
		put_tag(out, "title", FEED_TITLE);
		put_tag(out, "link", base);
		fputs("</image>\n", out);
		put_empty(out, "itunes:image", "href", image);
	}
	put_tag(out, "itunes:author", *producer ? producer : ST_DEFAULT_PRODUCER);
	fputs("<itunes:category text=\"Education\">"
	      "<itunes:category text=\"Courses\"/></itunes:category>\n"
	      "<itunes:explicit>false</itunes:explicit>\n<itunes:type>episodic</itunes:type>\n"
	      "<podcast:license url=\"" ST_LICENCE_URL "\">" ST_LICENCE_ID "</podcast:license>\n"
	      "<podcast:locked>no</podcast:locked>\n", out);
	free(credit);
	free(self);
}

char *pub_site_feed(const json_t *catalogue, const char *base)
{
	const json_t *e;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *out = open_memstream(&buf, &len);

	if (!out)
		abort();
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
	      "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" "
	      "xmlns:podcast=\"https://podcastindex.org/namespace/1.0\" "
	      "xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n", out);
	put_channel(out, catalogue, base);
	json_array_foreach(json_object_get(catalogue, "sessions"), i, e)
		put_item(out, e);
	fputs("</channel>\n</rss>\n", out);
	if (fclose(out))
		abort();
	return buf;
}
