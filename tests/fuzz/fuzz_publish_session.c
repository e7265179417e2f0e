/* Fuzz target: session.json as any program reads it.  Parses the input,
 * validates it, and for a valid manifest renders every form of the
 * metadata and everything studio-publish makes of it:
 *   - the JSON-LD script element, the HTML licence, the metadata wikitext
 *     carry no unescaped markup;
 *   - feed.xml (the catalogue entry merged into an empty catalogue) is
 *     well-formed XML: expat parses it;
 *   - the session page and the site index are clean text (st_text_clean
 *     leaves them as they are) whose every '<' opens one of the tags the
 *     renderers write;
 *   - the wiki: each File: name and the documentation page title hold
 *     nothing MediaWiki refuses, and the description and the documentation
 *     section carry no "{{", "~~~" or "__" and no "[[" but their own links. */
#include <expat.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "../../publish/job.h"
#include "metadata.h"
#include "../../publish/mediawiki/mw_target.h"
#include "../../publish/site/page.h"
#include "paths.h"
#include "session.h"
#include "session_records.h"
#include "status.h"
#include "../../publish/site/site.h"
#include "../../publish/mediawiki/target_mediawiki.h"

#define BASE "https://lab.example/sessions/"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void render_meta(const struct st_meta *m)
{
	AVDictionary *dict = NULL;
	vorbis_comment vc;
	json_t *ld;
	char *s;

	st_meta_to_avdict(m, &dict);
	av_dict_free(&dict);
	vorbis_comment_init(&vc);
	st_meta_to_vorbis(m, &vc);
	vorbis_comment_clear(&vc);
	ld = st_meta_jsonld(m, "VideoObject");
	s = st_meta_jsonld_script(ld);
	/* The only "</" in the element is its own closing tag. */
	if (strstr(s, "</") != strstr(s, "</script>") || strstr(s, "<!--"))
		abort();
	free(s);
	json_decref(ld);
	s = st_meta_html_licence(m);
	if (strstr(s, "<script") || strstr(s, "<b>"))
		abort();
	free(s);
	s = st_meta_wikitext(m);
	if (strstr(s, "{{") || strstr(s, "[[") || strstr(s, "|") || strstr(s, "~~~"))
		abort();
	free(s);
}

/* The job a run would make of ROOT, without the files on disk: the
 * renditions as publish reads them (st_session_renditions), alternately
 * video and audio; false when publish would refuse them. */
static bool make_job(json_t *root, struct pub_job *job)
{
	struct st_rendition *recs;
	size_t n;

	memset(job, 0, sizeof *job);
	if (st_session_renditions(root, "/fuzz/session", &recs, &n) != ST_OK)
		return false;
	job->root = json_incref(root);
	job->dir = st_xstrdup("/fuzz/session");
	job->slug = st_xstrdup("session");
	st_meta_from_session(root, &job->meta);
	job->files = st_xcalloc(n + 1, sizeof *job->files);
	for (size_t i = 0; i < n; i++) {
		struct pub_file *f = &job->files[job->nfiles];

		f->file = recs[i].file;
		f->preset = recs[i].preset;
		f->kind = job->nfiles % 2 ? PUB_AUDIO : PUB_VIDEO;
		f->mime = job->nfiles % 2 ? "audio/ogg" : "video/mp4";
		f->bytes = 1000;
		f->duration = 1.0;
		job->nfiles++;
	}
	free(recs);
	return true;
}

static void well_formed_xml(const char *doc)
{
	XML_Parser p = XML_ParserCreate("UTF-8");

	if (!p)
		abort();
	if (XML_Parse(p, doc, (int)strlen(doc), 1) != XML_STATUS_OK)
		abort();
	XML_ParserFree(p);
}

/* HTML the renderers wrote: clean text, and every '<' opens or closes one
 * of their own elements (user text never adds one). */
static void own_html(const char *doc)
{
	static const char *const tags[] = {
		"!DOCTYPE html>", "html", "head", "meta", "title", "style", "script", "link",
		"body", "main", "h1", "h2", "p", "dl", "dt", "dd", "time", "video", "audio",
		"source", "track", "ul", "ol", "li", "a", "bdi", "nav", "section", "header", NULL};
	char *clean = st_text_clean(doc);

	if (strcmp(clean, doc))
		abort();
	free(clean);
	for (const char *lt = strchr(doc, '<'); lt; lt = strchr(lt + 1, '<')) {
		const char *name = lt[1] == '/' ? lt + 2 : lt + 1;
		bool known = false;

		for (size_t i = 0; tags[i] && !known; i++) {
			size_t n = strlen(tags[i]);
			known = !strncmp(name, tags[i], n) &&
				(tags[i][n - 1] == '>' || name[n] == ' ' || name[n] == '>');
		}
		if (!known)
			abort();
	}
}

static void render_site(const struct pub_job *job)
{
	json_t *cat = pub_site_parse(NULL, 0, "fuzz");
	json_t *entry = pub_site_entry(job, BASE);
	struct pub_page_where where = {"site", BASE};
	struct pub_page_file *files;
	size_t nfiles = pub_page_render(job, &where, &files);
	char *feed, *index;

	pub_site_merge(cat, entry);
	feed = pub_site_feed(cat, BASE);
	index = pub_site_index(cat);
	well_formed_xml(feed);
	own_html(index);
	for (size_t i = 0; i < nfiles; i++)
		if (strstr(files[i].type, "html"))
			own_html(files[i].text);
	pub_page_files_free(files, nfiles);
	free(index);
	free(feed);
	json_decref(entry);
	json_decref(cat);
}

/* A title MediaWiki would refuse (Manual:Page title). */
static void valid_title(const char *t)
{
	static const char *const bad[] = {"[", "]", "{", "}", "|", "#", "<", ">", "~~~", "__",
					  "/./", "/../", "\xe2\x80\xae", NULL};

	if (!*t || strlen(t) > 255 || t[0] == ' ' || t[strlen(t) - 1] == ' ' ||
	    !strncmp(t, "./", 2) || !strncmp(t, "../", 3))
		abort();
	for (size_t i = 0; bad[i]; i++)
		if (strstr(t, bad[i]))
			abort();
	for (const char *p = strchr(t, '%'); p; p = strchr(p + 1, '%'))
		if (strchr("0123456789abcdefABCDEF", p[1]) && p[1] &&
		    strchr("0123456789abcdefABCDEF", p[2]) && p[2])
			abort();
	for (const unsigned char *c = (const unsigned char *)t; *c; c++)
		if (*c < 0x20 || *c == 0x7f)
			abort();
}

/* Wikitext holding only our own links: LINKS "[[", no "{{", "~~~", "__". */
static void own_wikitext(const char *s, size_t links)
{
	size_t n = 0;

	for (const char *p = strstr(s, "[["); p; p = strstr(p + 2, "[["))
		n++;
	if (n != links || strstr(s, "{{") || strstr(s, "~~~") || strstr(s, "__"))
		abort();
}

static void render_wiki(const struct pub_job *job)
{
	struct pub_target t = {.name = "movilab", .type = PUB_TYPE_MEDIAWIKI,
			       .page = "Projet:CorsicaLab/{title}", .categories = "A, B"};
	struct mw m = {.t = &t, .job = job};
	struct pub_outcome out = {0};
	size_t videos = 0;
	char *s;

	for (size_t i = 0; i < job->nfiles; i++) {
		char *name = pub_wiki_name(job, &job->files[i]);
		struct pub_done *d;

		valid_title(name);
		d = pub_outcome_add(&out, st_xstrdup(job->files[i].file), st_xstrdup(BASE),
				    "0000000000000000000000000000000000000000000000000000000000000000",
				    1000, false);
		d->extra = name;
		videos += job->files[i].kind == PUB_VIDEO;
	}
	s = mw_page_title(&m);
	valid_title(s);
	free(s);
	s = mw_description(&m);
	own_wikitext(s, 2);
	free(s);
	s = mw_section_text(&m, &out);
	own_wikitext(s, job->nfiles + (videos > 0));
	free(s);
	pub_outcome_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	struct pub_job job;
	char why[256];

	if (root && st_session_validate(root, why, sizeof why) && make_job(root, &job)) {
		render_meta(&job.meta);
		render_site(&job);
		render_wiki(&job);
		pub_job_free(&job);
	}
	json_decref(root);
	return 0;
}
