/* mw_docpage.c — the documentation page (`page`): only the section
 * between the tool's two markers is rewritten, with action=edit, and edit
 * conflicts are retried on the new revision (mw_target.h). */
#include "escape.h"
#include "msg.h"
#include "mw_target.h"
#include "../site/page.h"
#include "paths.h"
#include "status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EDIT_TRIES 5
#define TITLE_MAX_BYTES 255
#define MARK_BEGIN "<!-- studio-publish:begin -->"
#define MARK_END "<!-- studio-publish:end -->"

/* The documentation page's title: the `page` pattern with {title} and
 * {slug} replaced — a '/' in them would make a subpage, so it becomes '-'
 * — made a valid title (mw_title_safe). */
char *mw_page_title(const struct mw *m)
{
	const char *pat = m->t->page;
	const char *title = *m->job->meta.title ? m->job->meta.title : m->job->slug;
	char *out = st_xstrdup(""), *safe;

	while (*pat) {
		const char *value = NULL;
		char *next;

		if (!strncmp(pat, "{title}", 7))
			value = title, pat += 7;
		else if (!strncmp(pat, "{slug}", 6))
			value = m->job->slug, pat += 6;
		if (value) {
			size_t at = strlen(out);

			next = st_strdup_printf("%s%s", out, value);
			for (char *c = next + at; *c; c++)
				if (*c == '/')
					*c = '-';
		} else {
			next = st_strdup_printf("%s%c", out, *pat++);
		}
		free(out);
		out = next;
	}
	safe = mw_title_safe(out, false, TITLE_MAX_BYTES);
	free(out);
	return safe;
}

char *mw_section_text(const struct mw *m, const struct pub_outcome *out)
{
	char *block = st_meta_wikitext(&m->job->meta), *links = st_xstrdup(""), *video = NULL;
	char *title = st_escape_wikitext(m->job->meta.title), *s;

	for (size_t i = 0; i < out->ndone; i++) {
		const struct pub_done *d = &out->done[i];
		const struct pub_file *f = NULL;
		char *next, *label, *what;

		for (size_t k = 0; k < m->job->nfiles; k++)
			if (!strcmp(m->job->files[k].file, d->file))
				f = &m->job->files[k];
		if (!d->extra || !f)
			continue;
		/* d->extra, the wiki's name, is a valid title (mw_title_safe): as a
		 * link target it is taken literally; as text it is escaped. */
		label = st_escape_wikitext(d->extra);
		what = st_escape_wikitext(*f->preset ? f->preset : f->file);
		if (!video && f->kind == PUB_VIDEO)
			video = st_strdup_printf("[[File:%s|thumb|none|640px|%s]]\n", d->extra, title);
		next = st_strdup_printf("%s* [[Media:%s|%s]] (%s)\n", links, d->extra, label, what);
		free(links);
		free(label);
		free(what);
		links = next;
	}
	s = st_strdup_printf(MARK_BEGIN "\n== %s ==\n%s%s\n=== Fichiers ===\n%s" MARK_END,
			     title, video ? video : "", block, links);
	free(block);
	free(links);
	free(video);
	free(title);
	return s;
}

/* OLD with its tool section replaced by SECTION (or SECTION appended). */
static char *splice_section(const char *old, const char *section)
{
	const char *b = strstr(old, MARK_BEGIN);
	const char *e = b ? strstr(b, MARK_END) : NULL;

	if (b && e)
		return st_strdup_printf("%.*s%s%s", (int)(b - old), old, section,
					e + strlen(MARK_END));
	return st_strdup_printf("%s%s%s\n", old, *old ? "\n\n" : "", section);
}

static int read_page(struct mw *m, const char *title, char **text, char **ts, char **start)
{
	struct mw_form f = {0};
	struct mw_revision rev;
	json_t *r = NULL;
	int ret;

	mw_form_add(&f, "action", "query");
	mw_form_add(&f, "prop", "revisions");
	mw_form_add(&f, "rvprop", "content|timestamp");
	mw_form_add(&f, "rvslots", "main");
	mw_form_add(&f, "curtimestamp", "1");
	mw_form_add(&f, "titles", title);
	ret = mw_query(&m->api, title, &f, &r);
	if (ret == ST_OK) {
		mw_reply_revision(r, &rev);
		*text = st_xstrdup(rev.text);
		*ts = rev.timestamp ? st_xstrdup(rev.timestamp) : NULL;
		*start = st_xstrdup(rev.now);
	}
	json_decref(r);
	return ret;
}

/* One read-splice-write of TITLE's tool section.  *SAME when the text is
 * already there or the wiki made a null edit; *CONFLICT when someone else
 * wrote between our read and our write (try again on the new revision). */
static int edit_once(struct mw *m, const char *title, const char *section, bool *same,
		     bool *conflict)
{
	struct mw_form f = {0};
	char *old = NULL, *ts = NULL, *start = NULL, *text;
	json_t *r = NULL;
	const char *code;
	int ret = read_page(m, title, &old, &ts, &start);

	*conflict = false;
	if (ret)
		return ret;
	text = splice_section(old, section);
	*same = ts && !strcmp(text, old);
	if (!*same) {
		mw_form_add(&f, "action", "edit");
		mw_form_add(&f, "title", title);
		mw_form_add(&f, "text", text);
		mw_form_add(&f, "summary", "studio-publish: section des enregistrements");
		mw_form_add(&f, "starttimestamp", start);
		mw_form_add(&f, ts ? "basetimestamp" : "createonly", ts ? ts : "1");
		if (ts)
			mw_form_add(&f, "nocreate", "1");
		f.token = true;
		ret = mw_post(&m->api, &f, &r);
	}
	code = ret || *same ? NULL : mw_error_code(r);
	*conflict = code && (!strcmp(code, "editconflict") || !strcmp(code, "articleexists"));
	if (code && !*conflict)
		ret = mw_fail(&m->api, title, r);
	else if (ret == ST_OK && !code && !*same)
		*same = mw_reply_edit_nochange(r);
	json_decref(r);
	free(text);
	free(old);
	free(ts);
	free(start);
	return ret;
}

/* Rewrites the tool's own section of the documentation page; *URL is the
 * page's.  Says "unchanged" when the text is already there or the wiki
 * answers with a null edit (it normalises some characters, such as
 * no-break spaces, so the texts may differ and still be the same page). */
int mw_edit_page(struct mw *m, const struct pub_outcome *out, char **url)
{
	char *title = mw_page_title(m), *section = mw_section_text(m, out);
	bool same = false, conflict = true;
	int ret = ST_OK;

	for (int i = 0; ret == ST_OK && conflict && i < EDIT_TRIES; i++) {
		if (i)
			st_info(_("%s: edit conflict on %s, trying again"), m->t->name, title);
		ret = edit_once(m, title, section, &same, &conflict);
	}
	if (ret == ST_OK && conflict) {
		st_error(_("%s: %s: gave up after %d edit conflicts"), m->t->name, title, EDIT_TRIES);
		ret = ST_TEMPFAIL;
	}
	if (ret == ST_OK) {
		*url = mw_page_url(&m->api, title);
		if (same)
			st_info(_("unchanged: %s"), *url);
		else
			st_info(_("updated: %s"), *url);
	}
	free(section);
	free(title);
	return ret;
}
