/* page.h — the files that present a published session: the HTML5 page
 * index.html, a transcript.LANG.html per public caption file and
 * chapters.json (docs/publish.md, "The session page").
 *
 * They sit beside the published files (the page links them by their path
 * relative to the session, as the targets lay them out) and need nothing
 * else: no external style, script or font.  All metadata goes through
 * st_escape_html(); the generated labels are French (the Lab's site
 * language), the page's language is the session's main one. */
#ifndef STUDIO_PUBLISH_PAGE_H
#define STUDIO_PUBLISH_PAGE_H

#include "../job.h"
#include "labels.h"
#include "model.h"

#include <stddef.h>

/* One generated file of the session's folder. */
struct pub_page_file {
	char *name;           /* "index.html", "transcript.co.html", "chapters.json" */
	char *text;
	const char *type;     /* its Content-Type */
};

/* Every generated file for JOB published on WHERE, index.html first, in
 * *FILES (malloc'ed, the count returned).  Warnings as
 * pub_page_model_init() says.  Release with pub_page_files_free(). */
size_t pub_page_render(const struct pub_job *job, const struct pub_page_where *where,
		       struct pub_page_file **files);
void pub_page_files_free(struct pub_page_file *files, size_t n);

#endif
