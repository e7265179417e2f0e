/* source.c — resolving the input: session folder or plain file. */
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "paths.h"
#include "safefile.h"
#include "session.h"
#include "source.h"
#include "status.h"

/* DIR/FILE in *PATH when FILE, named by session.json, passes the path
 * policy (safefile.h: inside the session, no link, a regular file); the
 * check opens it, libavformat then opens it again by name, so a file
 * swapped by someone writing into the session at that very moment is not
 * caught here (publish reads through the checked descriptor). */
static int session_file(const char *dir, const char *file, char **path)
{
	int fd, ret = st_safe_open_in(dir, file, &fd);

	if (ret != ST_OK)
		return ret;
	close(fd);
	*path = st_path_join(dir, file);
	return ST_OK;
}

/* The "file" of the last element of "captures": the latest take. */
static int last_capture(const json_t *root, const char *dir, char **master)
{
	const json_t *caps = json_object_get(root, "captures");
	const char *file = json_string_value(json_object_get(
		json_array_get(caps, json_array_size(caps) - 1), "file"));

	if (!file || !file[0]) {
		char *path = st_path_join(dir, ST_SESSION_FILE);

		st_error(_("%s: no capture to encode"), path);
		free(path);
		return ST_DATAERR;
	}
	return session_file(dir, file, master);
}

static int cmp_marker(const void *a, const void *b)
{
	double x = ((const struct enc_marker *)a)->t, y = ((const struct enc_marker *)b)->t;

	return (x > y) - (x < y);
}

/* The markers of the last capture; malformed ones (no time) are skipped,
 * one without a label is named after its number. */
static void read_markers(struct enc_source *s, const json_t *root)
{
	const json_t *caps = json_object_get(root, "captures");
	const json_t *list = json_object_get(json_array_get(caps, json_array_size(caps) - 1),
					     "markers");
	size_t i;
	json_t *m;

	if (!json_is_array(list) || !json_array_size(list))
		return;
	s->markers = st_xcalloc(json_array_size(list), sizeof *s->markers);
	json_array_foreach(list, i, m) {
		const char *label = json_string_value(json_object_get(m, "label"));

		if (!json_is_number(json_object_get(m, "t")))
			continue;
		s->markers[s->nmarkers].t = json_number_value(json_object_get(m, "t"));
		s->markers[s->nmarkers].label = label && *label ? st_xstrdup(label)
						: st_strdup_printf("%zu", s->nmarkers + 1);
		s->nmarkers++;
	}
	qsort(s->markers, s->nmarkers, sizeof *s->markers, cmp_marker);
}

/* "captions": [{"lang": "fr", "file": "captions/fr.vtt"}], paths relative
 * to the session folder; elements without both strings are skipped. */
static int read_captions(struct enc_source *s, const json_t *root, const char *dir)
{
	const json_t *list = json_object_get(root, "captions");
	size_t i;
	json_t *c;

	if (!json_is_array(list) || !json_array_size(list))
		return ST_OK;
	s->captions = st_xcalloc(json_array_size(list), sizeof *s->captions);
	json_array_foreach(list, i, c) {
		const char *lang = json_string_value(json_object_get(c, "lang"));
		const char *file = json_string_value(json_object_get(c, "file"));
		char *path;
		int ret;

		if (!lang || !file || !*lang || !*file)
			continue;
		if ((ret = session_file(dir, file, &path)))
			return ret;
		s->captions[s->ncaptions++] = st_strdup_printf("%s=%s", lang, path);
		free(path);
	}
	return ST_OK;
}

static int open_session(struct enc_source *s, const char *dir)
{
	json_t *root = NULL;
	int ret = st_session_load(dir, &root);

	if (ret != ST_OK)
		return ret;
	ret = last_capture(root, dir, &s->master);
	if (ret == ST_OK) {
		st_meta_from_session(root, &s->meta);
		s->has_meta = true;
		read_markers(s, root);
		ret = read_captions(s, root, dir);
		s->session_dir = st_xstrdup(dir);
		s->out_dir = st_path_join(dir, ENC_RENDITIONS);
	}
	json_decref(root);
	return ret;
}

/* Default metadata, titled after the file name without its extension. */
static int open_file(struct enc_source *s, const char *path, const char *output_dir)
{
	json_t *root = st_session_new();
	char *copy = st_xstrdup(path), *title = basename(copy), *dot = strrchr(title, '.');
	int ret = ST_OK;

	if (dot && dot != title)
		*dot = '\0';
	if (json_object_set_new(json_object_get(root, "title"), "fr", json_string(title)) < 0) {
		st_error(_("cannot use %s as a title: not valid UTF-8"), title);
		ret = ST_DATAERR;
	} else {
		st_meta_from_session(root, &s->meta);
		s->has_meta = true;
		s->master = st_xstrdup(path);
		s->out_dir = st_xstrdup(output_dir);
	}
	json_decref(root);
	free(copy);
	return ret;
}

int enc_source_open(struct enc_source *s, const char *input, const char *output_dir)
{
	struct stat sb;

	memset(s, 0, sizeof *s);
	if (stat(input, &sb) < 0) {
		st_error(_("cannot open %s: %s"), input, strerror(errno));
		return ST_NOINPUT;
	}
	if (S_ISDIR(sb.st_mode)) {
		if (output_dir) {
			st_error(_("--output-dir is for plain files: a session's renditions go to %s/renditions"),
				 input);
			return ST_USAGE;
		}
		return open_session(s, input);
	}
	if (!output_dir) {
		st_error(_("%s is a plain file: --output-dir is needed to know where to write"), input);
		return ST_USAGE;
	}
	return open_file(s, input, output_dir);
}

void enc_source_free(struct enc_source *s)
{
	if (s->has_meta)
		st_meta_free(&s->meta);
	for (size_t i = 0; i < s->nmarkers; i++)
		free(s->markers[i].label);
	free(s->markers);
	for (size_t i = 0; i < s->ncaptions; i++)
		free(s->captions[i]);
	free(s->captions);
	free(s->session_dir);
	free(s->master);
	free(s->out_dir);
	memset(s, 0, sizeof *s);
}
