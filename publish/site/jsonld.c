/* jsonld.c — see jsonld.h. */
#include "jsonld.h"
#include "chapters.h"
#include "paths.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *pub_iso_duration(double seconds)
{
	long ms = seconds > 0 && seconds < 1e9 ? lround(seconds * 1000) : 0;
	long h = ms / 3600000, min = ms / 60000 % 60, s = ms / 1000 % 60, frac = ms % 1000;
	char hs[24] = "", ms_[24] = "", ss[32];

	if (h)
		snprintf(hs, sizeof hs, "%ldH", h);
	if (min)
		snprintf(ms_, sizeof ms_, "%ldM", min);
	if (frac) {
		size_t n = (size_t)snprintf(ss, sizeof ss, "%ld.%03ld", s, frac);
		while (ss[n - 1] == '0')
			ss[--n] = '\0';
	} else {
		snprintf(ss, sizeof ss, "%ld", s);
	}
	return st_strdup_printf("PT%s%s%sS", hs, ms_, ss);
}

/* The text of a transcript: its cues joined by spaces. */
static char *transcript_text(const struct pub_caption *c)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (!out)
		abort();
	for (size_t i = 0; i < c->cues.n; i++)
		fprintf(out, "%s%s", i ? " " : "", c->cues.v[i].text);
	if (fclose(out) || !text)
		abort();
	return text;
}

/* One MediaObject per caption file. */
static json_t *captions(const struct pub_page_model *m)
{
	json_t *list = json_array();

	for (size_t i = 0; i < m->ncaps; i++) {
		char *url = pub_page_url(m, m->caps[i].f->file);

		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s}", "@type", "MediaObject",
						      "encodingFormat", "text/vtt", "inLanguage",
						      m->caps[i].f->lang, "contentUrl", url));
		free(url);
	}
	return list;
}

json_t *pub_page_jsonld(const struct pub_page_model *m)
{
	const struct pub_file *media = m->media;
	json_t *ld, *clips;
	char *url;

	if (!media)
		return NULL;
	ld = st_meta_jsonld(&m->job->meta, media->kind == PUB_VIDEO ? "VideoObject" : "AudioObject");
	if (m->poster) {
		url = pub_page_url(m, m->poster->file);
		json_object_set_new(ld, "thumbnailUrl", json_string(url));
		free(url);
	}
	json_object_set_new(ld, "uploadDate", json_string(m->upload_date));
	if (media->duration >= 0) {
		char *d = pub_iso_duration(media->duration);
		json_object_set_new(ld, "duration", json_string(d));
		free(d);
	}
	url = pub_page_url(m, media->file);
	json_object_set_new(ld, "contentUrl", json_string(url));
	free(url);
	if (m->where.base)
		json_object_set_new(ld, "embedUrl", json_string(m->where.base));
	json_object_set_new(ld, "encodingFormat", json_string(media->mime));
	if (m->ncaps)
		json_object_set_new(ld, "caption", captions(m));
	if (pub_page_transcript(m)) {
		char *text = transcript_text(pub_page_transcript(m));
		json_object_set_new(ld, "transcript", json_string(text));
		free(text);
	}
	if ((clips = pub_chapters_clips(m)))
		json_object_set_new(ld, "hasPart", clips);
	return ld;
}
