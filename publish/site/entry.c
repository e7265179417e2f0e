/* entry.c — the catalogue entry of a published session (site.h,
 * pub_site_entry; the fields in entry.h). */
#include "entry.h"
#include "site.h"
#include "metadata.h"
#include "paths.h"
#include "../url.h"

#include <stdlib.h>
#include <string.h>

/* A file of the session as its public URL under PAGE.  Malloc'ed. */
static char *file_url(const char *page, const struct pub_file *f)
{
	char *rel = pub_url_path(f->file);
	char *url = st_strdup_printf("%s%s", page, rel);

	free(rel);
	return url;
}

/* The "selection" of F's record in the manifest, copied, when it holds
 * two numbers; NULL otherwise (a record written before encode kept it). */
static json_t *selection_of(const struct pub_job *job, const struct pub_file *f)
{
	const json_t *recs = json_object_get(job->root, "renditions"), *r;
	size_t i;

	json_array_foreach(recs, i, r) {
		const json_t *sel = json_object_get(r, "selection");

		if (strcmp(pub_entry_str(r, "file"), f->file) || !json_is_object(sel))
			continue;
		if (!json_is_number(json_object_get(sel, "start")) ||
		    !json_is_number(json_object_get(sel, "end")))
			return NULL;
		return json_pack("{s:f, s:f}", "start",
				 json_number_value(json_object_get(sel, "start")), "end",
				 json_number_value(json_object_get(sel, "end")));
	}
	return NULL;
}

/* An object {"url", ...} for F, with its selection when known. */
static json_t *file_object(const struct pub_job *job, const struct pub_file *f,
			   const char *page)
{
	char *url = file_url(page, f);
	json_t *o = json_pack("{s:s}", "url", url);
	json_t *sel = selection_of(job, f);

	if (sel)
		json_object_set_new(o, "selection", sel);
	free(url);
	return o;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* F is (named after) PRESET: its record's preset, else its file name
 * "PRESET.ext" (a plain file handed to encode has no preset). */
static bool is_preset(const struct pub_file *f, const char *preset)
{
	size_t n = strlen(preset);

	if (*f->preset)
		return !strcmp(f->preset, preset);
	return !strncmp(base_name(f->file), preset, n) && base_name(f->file)[n] == '.';
}

/* Lighter is better; on a tie the first in session.json stays. */
static bool lighter(const struct pub_file *f, const struct pub_file *best)
{
	return !best || f->bytes < best->bytes;
}

/* The file a podcast app gets: the podcast rendition, else the lightest
 * audio file, else the lightest web video (MP4 first: podcast apps play
 * it, few play WebM) — never the jury's video, made for the jury only.
 * NULL when none is left. */
static const struct pub_file *enclosure_file(const struct pub_job *job)
{
	const struct pub_file *audio = NULL, *mp4 = NULL, *video = NULL;

	for (size_t i = 0; i < job->nfiles; i++) {
		const struct pub_file *f = &job->files[i];

		if (f->kind == PUB_AUDIO && is_preset(f, "podcast"))
			return f;
		if (f->kind == PUB_AUDIO && lighter(f, audio))
			audio = f;
		if (f->kind != PUB_VIDEO || is_preset(f, "jury"))
			continue;
		if (!strcmp(f->mime, "video/mp4") && lighter(f, mp4))
			mp4 = f;
		if (lighter(f, video))
			video = f;
	}
	return audio ? audio : mp4 ? mp4 : video;
}

/* The session's picture: the poster, else the waveform (a sound-only
 * session's), else NULL.  The contact sheet is not a cover. */
static const struct pub_file *picture_file(const struct pub_job *job)
{
	static const char *const wanted[] = {"poster", "waveform"};

	for (size_t w = 0; w < sizeof wanted / sizeof *wanted; w++) {
		for (size_t i = 0; i < job->nfiles; i++) {
			const struct pub_file *f = &job->files[i];

			if (f->kind == PUB_POSTER && is_preset(f, wanted[w]))
				return f;
		}
	}
	return NULL;
}

static json_t *lang_texts(const struct st_lang_text *v, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s}", "lang", v[i].lang, "text",
						     v[i].text));
	return arr;
}

/* What the feed needs of the job's files: enclosure, poster, captions,
 * chapters (the page publishes PAGE/chapters.json beside a chapters.vtt). */
static void add_files(json_t *e, const struct pub_job *job, const char *page)
{
	const struct pub_file *enc = enclosure_file(job), *pic = picture_file(job);
	json_t *captions = json_array();

	if (enc) {
		json_t *o = file_object(job, enc, page);

		json_object_set_new(o, "type", json_string(enc->mime));
		json_object_set_new(o, "bytes", json_integer((json_int_t)enc->bytes));
		if (enc->duration >= 0)
			json_object_set_new(o, "duration", json_real(enc->duration));
		json_object_set_new(e, "enclosure", o);
	}
	if (pic) {
		char *url = file_url(page, pic);

		json_object_set_new(e, "poster", json_string(url));
		free(url);
	}
	for (size_t i = 0; i < job->nfiles; i++) {
		const struct pub_file *f = &job->files[i];
		json_t *o;

		if (f->kind == PUB_CAPTIONS && f->lang[0]) {
			o = file_object(job, f, page);
			json_object_set_new(o, "lang", json_string(f->lang));
			json_array_append_new(captions, o);
		} else if (f->kind == PUB_CHAPTERS && !json_object_get(e, "chapters")) {
			char *url = st_strdup_printf("%schapters.json", page);
			json_t *sel = selection_of(job, f);

			o = json_pack("{s:s}", "url", url);
			if (sel)
				json_object_set_new(o, "selection", sel);
			json_object_set_new(e, "chapters", o);
			free(url);
		}
	}
	json_object_set_new(e, "captions", captions);
}

/* Every video and audio file: what versions before the feed's entry
 * fields rendered their feed from, kept for them. */
static json_t *media_list(const struct pub_job *job, const char *page)
{
	json_t *media = json_array();

	for (size_t i = 0; i < job->nfiles; i++) {
		const struct pub_file *f = &job->files[i];
		char *url;

		if (f->kind != PUB_VIDEO && f->kind != PUB_AUDIO)
			continue;
		url = file_url(page, f);
		json_array_append_new(media, json_pack("{s:s, s:s, s:I}", "url", url, "type",
						       f->mime, "bytes", (json_int_t)f->bytes));
		free(url);
	}
	return media;
}

json_t *pub_site_entry(const struct pub_job *job, const char *base)
{
	const struct st_meta *m = &job->meta;
	char *slug_url = pub_url_path(job->slug);
	char *page = st_strdup_printf("%s%s/", base, slug_url);
	char *attribution = st_meta_attribution(m);
	json_t *e;

	e = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "slug", job->slug,
		      "title", m->title, "title_co", m->title_co, "description", m->description,
		      "date", m->date, "updated", m->updated, "producer", m->producer,
		      "page", page, "media", media_list(job, page));
	if (!e)
		abort();
	if (job->id && *job->id)
		json_object_set_new(e, "session_id", json_string(job->id));
	json_object_set_new(e, "language", json_string(m->language));
	json_object_set_new(e, "recorded", json_string(m->recorded));
	json_object_set_new(e, "updated_at", json_string(m->updated_at));
	json_object_set_new(e, "titles", lang_texts(m->titles, m->ntitles));
	json_object_set_new(e, "descriptions", lang_texts(m->descriptions, m->ndescriptions));
	add_files(e, job, page);
	json_object_set_new(e, "attribution", json_string(attribution));
	free(attribution);
	free(page);
	free(slug_url);
	return e;
}
