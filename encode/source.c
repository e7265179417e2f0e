/* source.c — resolving the input: session folder or plain file. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "paths.h"
#include "session.h"
#include "session_records.h"
#include "source.h"
#include "status.h"

static int cmp_marker(const void *a, const void *b)
{
	double x = ((const struct enc_marker *)a)->t, y = ((const struct enc_marker *)b)->t;

	return (x > y) - (x < y);
}

/* The markers of capture C, sorted by time; one without a label is named
 * after its number. */
static void take_markers(struct enc_source *s, const struct st_capture *c)
{
	if (!c->nmarkers)
		return;
	s->markers = st_xcalloc(c->nmarkers, sizeof *s->markers);
	for (size_t i = 0; i < c->nmarkers; i++) {
		const char *label = c->markers[i].label;

		s->markers[i].t = c->markers[i].t;
		s->markers[i].label = label && *label ? st_xstrdup(label)
					: st_strdup_printf("%zu", i + 1);
	}
	s->nmarkers = c->nmarkers;
	qsort(s->markers, s->nmarkers, sizeof *s->markers, cmp_marker);
}

/* Where studio-capture writes, and flock()s while it records (writer.h). */
#define CAPTURE_MASTER "master/master.mkv"

/* True when a running studio-capture holds DIR's master. */
static bool being_recorded(const char *dir)
{
	char *path = st_path_join(dir, CAPTURE_MASTER);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	bool busy = fd >= 0 && flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;

	if (fd >= 0)
		close(fd);
	free(path);
	return busy;
}

/* A session without a capture.  One with a "recording" left in progress
 * by a capture that no longer runs (killed, power cut) has its master on
 * disk but not yet in the record: studio-capture --recover DIR
 * (recover.h) adds it.  Returns the exit status. */
static int no_capture(const json_t *root, const char *dir)
{
	char *path = st_path_join(dir, ST_SESSION_FILE);
	int ret = ST_DATAERR;

	if (!json_object_get(root, "recording")) {
		st_error(_("%s: no capture to encode"), path);
	} else if (being_recorded(dir)) {
		st_error(_("%s: no capture to encode yet: a recording is in progress"), path);
		ret = ST_TEMPFAIL;
	} else {
		st_error(_("%s: no capture to encode: a recording was interrupted; "
			   "record it with studio-capture --recover %s"), path, dir);
	}
	free(path);
	return ret;
}

/* The last capture (the latest take): its file, checked under the path
 * policy by lib/session_records.c, and its markers. */
static int last_capture(struct enc_source *s, const json_t *root, const char *dir)
{
	struct st_capture c;
	int ret = st_captures_last(root, dir, &c);

	if (ret == ST_OK && !c.path)
		ret = no_capture(root, dir);
	if (ret == ST_OK) {
		s->master = c.path;
		c.path = NULL;
		take_markers(s, &c);
	}
	st_capture_free(&c);
	return ret;
}

/* The captions as "LANG=PATH", their files checked under the path policy. */
static int read_captions(struct enc_source *s, const json_t *root, const char *dir)
{
	struct st_caption *caps;
	size_t n;
	int ret = st_session_captions(root, dir, &caps, &n);

	if (n)
		s->captions = st_xcalloc(n, sizeof *s->captions);
	for (size_t i = 0; i < n; i++)
		s->captions[s->ncaptions++] = st_strdup_printf("%s=%s", caps[i].lang, caps[i].path);
	st_captions_free(caps, n);
	return ret;
}

static int open_session(struct enc_source *s, const char *dir)
{
	json_t *root = NULL;
	int ret = st_session_load(dir, &root);

	if (ret != ST_OK)
		return ret;
	ret = last_capture(s, root, dir);
	if (ret == ST_OK) {
		st_meta_from_session(root, &s->meta);
		s->has_meta = true;
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
