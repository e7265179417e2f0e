/* html.c — see html.h. */
#include "html.h"
#include "escape.h"

#include <stdlib.h>
#include <string.h>

static const char style[] =
	"body{margin:0;font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;background:#fff}\n"
	"header,main{max-width:52rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}\n"
	"header{padding-bottom:0}\n"
	"video,audio{display:block;width:100%;margin:1rem 0}\n"
	"video{background:#000}\n"
	".alt{font-style:italic;color:#444}\n"
	".facts dt{font-weight:bold}.facts dd{margin:0 0 .5rem}\n"
	".transcript p{margin:.25rem 0}\n"
	"a.seek{font-variant-numeric:tabular-nums;margin-right:.5rem}\n"
	".licence{border-top:1px solid #ccc;padding-top:1rem;font-size:.9rem}\n";

/* No text from the session in it: a fixed script, the same on every page. */
static const char seek_script[] =
	"document.addEventListener(\"click\",function(e){"
	"var a=e.target.closest?e.target.closest(\"a.seek\"):null;"
	"var p=document.getElementById(\"player\");"
	"if(!a||!p)return;"
	"e.preventDefault();"
	"p.currentTime=parseFloat(a.getAttribute(\"data-t\"));"
	"var r=p.play();if(r&&r.catch)r.catch(function(){});"
	"p.focus();});";

void pub_html_text(FILE *out, const char *s)
{
	char *e = st_escape_html(s);
	fputs(e, out);
	free(e);
}

void pub_html_user(FILE *out, const char *s)
{
	fputs("<bdi>", out);
	pub_html_text(out, s);
	fputs("</bdi>", out);
}

void pub_html_lang(FILE *out, const char *lang, const char *page_lang)
{
	if (!*lang || !strcmp(lang, page_lang))
		return;
	fputs(" lang=\"", out);
	pub_html_text(out, lang);
	fputs("\"", out);
}

void pub_html_seek(FILE *out, const char *media_href, double t)
{
	char secs[32], clock[32];

	pub_cue_seconds(t, secs);
	pub_cue_clock(t, clock);
	fputs("<a class=\"seek\" href=\"", out);
	pub_html_text(out, media_href);
	fprintf(out, "#t=%s\" data-t=\"%s\">%s</a>", secs, secs, clock);
}

void pub_html_cues(FILE *out, const char *tag, const char *media_href,
		   const struct pub_cues *cues, bool isolate)
{
	for (size_t i = 0; i < cues->n; i++) {
		fprintf(out, "<%s>", tag);
		pub_html_seek(out, media_href, cues->v[i].start);
		fputs(" ", out);
		(isolate ? pub_html_user : pub_html_text)(out, cues->v[i].text);
		fprintf(out, "</%s>\n", tag);
	}
}

void pub_html_head(FILE *out, const char *lang, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"", out);
	pub_html_text(out, lang);
	fputs("\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>", out);
	pub_html_text(out, title);
	fputs(" — " PUB_SITE_NAME "</title>\n", out);
	fprintf(out, "<style>\n%s</style>\n", style);
}

void pub_html_body(FILE *out, const char *href, const char *text, const char *page_lang)
{
	fputs("</head>\n<body>\n<header", out);
	pub_html_lang(out, "fr", page_lang);
	fputs("><a href=\"", out);
	pub_html_text(out, href);
	fputs("\">", out);
	pub_html_text(out, text);
	fputs("</a></header>\n", out);
}

void pub_html_seek_script(FILE *out)
{
	fprintf(out, "<script>%s</script>\n", seek_script);
}
