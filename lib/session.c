/* session.c — see session.h. */
#include "session.h"
#include "metadata.h"
#include "msg.h"
#include "paths.h"
#include "safefile.h"
#include "status.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LOCK_FILE ".session.lock"

void st_iso8601_now(char buf[32])
{
	st_iso8601_at(time(NULL), buf);
}

void st_iso8601_at(time_t t, char buf[32])
{
	struct tm tm;
	char z[8];

	localtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(z, sizeof z, "%z", &tm);  /* +0100 -> +01:00 */
	snprintf(buf + strlen(buf), 32 - strlen(buf), "%.3s:%.2s", z, z + 3);
}

json_t *st_session_new(void)
{
	return json_pack("{s:s, s:{}, s:{}, s:[], s:s, s:s, s:[], s:{s:s, s:s, s:s}, s:[], s:[], s:[]}",
			 "schema", ST_SESSION_SCHEMA, "title", "description", "speakers",
			 "producer", ST_DEFAULT_PRODUCER, "recorded", "", "languages",
			 "licence", "id", ST_LICENCE_ID, "name", ST_LICENCE_NAME, "url", ST_LICENCE_URL,
			 "captures", "renditions", "publications");
}

static bool all_strings(const json_t *v)
{
	const char *k;
	size_t i;
	json_t *e;

	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, k, e)
			if (!json_is_string(e))
				return false;
		return true;
	}
	json_array_foreach(v, i, e)
		if (!json_is_string(e))
			return false;
	return json_is_array(v);
}

static bool records_ok(const json_t *root, const char *key, char *why, size_t len)
{
	const json_t *a = json_object_get(root, key);
	size_t i;
	json_t *e;

	if (!a)
		return true;
	if (!json_is_array(a)) {
		snprintf(why, len, _("\"%s\" must be an array"), key);
		return false;
	}
	json_array_foreach(a, i, e) {
		if (!json_is_object(e) || !json_is_string(json_object_get(e, "file"))) {
			snprintf(why, len, _("\"%s\"[%zu] must be an object with a \"file\" string"),
				 key, i);
			return false;
		}
	}
	return true;
}

bool st_session_validate(const json_t *root, char *why, size_t len)
{
	static const char *text_maps[] = {"title", "description"};
	static const char *strings[] = {"producer", "recorded", "updated"};
	static const char *records[] = {"captures", "renditions", "publications"};
	const json_t *v;

	if (!json_is_object(root)) {
		snprintf(why, len, _("the top level must be an object"));
		return false;
	}
	v = json_object_get(root, "schema");
	if (!json_is_string(v) || strcmp(json_string_value(v), ST_SESSION_SCHEMA)) {
		snprintf(why, len, _("\"schema\" must be \"%s\""), ST_SESSION_SCHEMA);
		return false;
	}
	for (size_t i = 0; i < 2; i++) {
		v = json_object_get(root, text_maps[i]);
		if (v && (!json_is_object(v) || !all_strings(v))) {
			snprintf(why, len, _("\"%s\" must map language codes to strings"), text_maps[i]);
			return false;
		}
	}
	for (size_t i = 0; i < 3; i++) {
		v = json_object_get(root, strings[i]);
		if (v && !json_is_string(v)) {
			snprintf(why, len, _("\"%s\" must be a string"), strings[i]);
			return false;
		}
	}
	if ((v = json_object_get(root, "speakers")) && !all_strings(v)) {
		snprintf(why, len, _("\"%s\" must be an array of strings"), "speakers");
		return false;
	}
	if ((v = json_object_get(root, "languages")) && !all_strings(v)) {
		snprintf(why, len, _("\"%s\" must be an array of strings"), "languages");
		return false;
	}
	for (size_t i = 0; i < 3; i++)
		if (!records_ok(root, records[i], why, len))
			return false;
	return true;
}

/* Reads DIR's manifest (PATH) into a validated tree; ST_NOINPUT when it
 * does not exist.  It is opened under the path policy (safefile.h): a link
 * is not followed (the parser's message would quote the file behind it),
 * a FIFO does not hang the program. */
static int load_path(const char *dir, const char *path, json_t **out)
{
	json_error_t jerr;
	char why[256];
	struct stat st;
	json_t *root;
	int fd, ret;

	if (lstat(path, &st)) {
		st_error(_("cannot read %s: %s"), path, strerror(errno));
		return ST_NOINPUT;
	}
	if ((ret = st_safe_open_in(dir, ST_SESSION_FILE, &fd)))
		return ret;
	root = json_loadfd(fd, JSON_REJECT_DUPLICATES, &jerr);
	close(fd);
	if (!root) {
		if (json_error_code(&jerr) == json_error_cannot_open_file)
			st_error(_("cannot read %s: %s"), path, jerr.text);
		else
			st_error(_("%s:%d:%d: invalid session manifest: %s"), path, jerr.line,
				 jerr.column, jerr.text);
		return ST_DATAERR;
	}
	if (!st_session_validate(root, why, sizeof why)) {
		st_error(_("%s: invalid session manifest: %s"), path, why);
		json_decref(root);
		return ST_DATAERR;
	}
	*out = root;
	return ST_OK;
}

int st_session_load(const char *dir, json_t **out)
{
	char *path;
	int ret;

	if (!st_is_dir(dir)) {
		st_error(_("cannot open session folder %s: %s"), dir,
			 strerror(access(dir, F_OK) ? errno : ENOTDIR));
		return ST_NOINPUT;
	}
	/* Refused before any work a program could then not record: the lock
	 * is only ever opened without following links (lock_session). */
	if ((ret = st_safe_check_file(dir, LOCK_FILE)))
		return ret;
	path = st_path_join(dir, ST_SESSION_FILE);
	ret = load_path(dir, path, out);
	free(path);
	return ret;
}

/* The lock file is opened without following a link and must be a regular
 * file (safefile.h): a planted link cannot make us create or lock a file
 * outside the session.  *FD holds the lock on success. */
static int lock_session(const char *dir, int *fd)
{
	int ret = st_safe_open_lock(dir, LOCK_FILE, fd);

	if (ret == ST_OK && flock(*fd, LOCK_EX)) {
		char *path = st_path_join(dir, LOCK_FILE);

		st_error(_("cannot lock %s: %s"), path, strerror(errno));
		free(path);
		close(*fd);
		*fd = -1;
		ret = ST_CANTCREAT;
	}
	return ret;
}

static int write_manifest(const char *path, json_t *root)
{
	char *text;
	char why[256];
	int ret;

	if (!st_session_validate(root, why, sizeof why)) {
		st_error(_("%s: refusing to write an invalid session manifest: %s"), path, why);
		return ST_SOFTWARE;
	}
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	if (!text) {
		st_error(_("cannot write %s: %s"), path, strerror(ENOMEM));
		return ST_OSERR;
	}
	ret = st_write_file_atomic(path, text, strlen(text));
	free(text);
	return ret;
}

int st_session_update(const char *dir, bool create, st_session_edit_fn fn, void *ctx)
{
	char *path = NULL;
	json_t *root = NULL;
	char now[32];
	int lock, ret;

	if (!st_is_dir(dir))
		return st_session_load(dir, &root); /* prints the error */
	if ((ret = lock_session(dir, &lock)))
		return ret;
	path = st_path_join(dir, ST_SESSION_FILE);
	if (create && access(path, F_OK) && errno == ENOENT)
		root = st_session_new(), ret = ST_OK;
	else
		ret = load_path(dir, path, &root);
	if (ret == ST_OK)
		ret = fn(root, ctx);
	if (ret == ST_OK) {
		st_iso8601_now(now);
		json_object_set_new(root, "updated", json_string(now));
		ret = write_manifest(path, root);
	}
	json_decref(root);
	free(path);
	close(lock); /* releases the flock */
	return ret;
}

int st_session_upsert(json_t *root, const char *key, const char *match_key,
		      const char *match_val, json_t *item)
{
	json_t *arr = json_object_get(root, key);
	size_t i;
	json_t *e;

	if (!arr) {
		arr = json_array();
		json_object_set_new(root, key, arr);
	}
	json_array_foreach(arr, i, e) {
		const char *v = json_string_value(json_object_get(e, match_key));
		if (v && !strcmp(v, match_val))
			return json_array_set(arr, i, item) ? ST_SOFTWARE : ST_OK;
	}
	return json_array_append(arr, item) ? ST_SOFTWARE : ST_OK;
}
