/* html.h — the small writers every generated page shares (page.c,
 * transcript.c, chapters.c): escaped text, language attributes, seek
 * links, the common head.  All text from the session goes through
 * st_escape_html(). */
#ifndef STUDIO_PUBLISH_HTML_H
#define STUDIO_PUBLISH_HTML_H

#include "cues.h"

#include <stdbool.h>
#include <stdio.h>

/* The site's name, in every <title>: "Titre — CorsicaLab". */
#define PUB_SITE_NAME "CorsicaLab"

/* The escaped form of S. */
void pub_html_text(FILE *out, const char *s);

/* S, text from the session, escaped and isolated in a <bdi>: a
 * right-to-left override in it cannot reorder what follows. */
void pub_html_user(FILE *out, const char *s);

/* ' lang="LANG"' when LANG differs from PAGE_LANG, the language of the
 * enclosing element; nothing otherwise. */
void pub_html_lang(FILE *out, const char *lang, const char *page_lang);

/* The seek link of the contract (docs/publish.md): <a class="seek"
 * href="MEDIA#t=S" data-t="S">MM:SS</a>, MEDIA the relative URL of the
 * main medium. */
void pub_html_seek(FILE *out, const char *media_href, double t);

/* One <TAG> per cue of CUES: its seek link into MEDIA_HREF, a space and
 * its text (in a <bdi> with ISOLATE: a line among others in a list). */
void pub_html_cues(FILE *out, const char *tag, const char *media_href,
		   const struct pub_cues *cues, bool isolate);

/* "<!DOCTYPE html>" up to the end of <head> (without closing it): <html
 * lang>, charset, viewport, "<title>TITLE — CorsicaLab</title>", the
 * shared style. */
void pub_html_head(FILE *out, const char *lang, const char *title);

/* "</head><body>" and the page's banner: one link back, HREF with the
 * French TEXT (lang="fr" unless PAGE_LANG is French).  A <header>, so the
 * page's only <nav> is the chapters' one. */
void pub_html_body(FILE *out, const char *href, const char *text, const char *page_lang);

/* The script that makes a click on a.seek move the player #player to its
 * data-t and play; without it the link opens the medium at that time. */
void pub_html_seek_script(FILE *out);

#endif
