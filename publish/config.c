/* config.c — see config.h. */
#include "config.h"
#include "conf.h"
#include "target_ops.h"
#include "msg.h"
#include "opts.h"
#include "paths.h"
#include "status.h"
#include "suggest.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_TARGET "site"

struct parse_ctx {
	struct pub_config *c;
	const char *base;    /* absolute folder of the config file */
};

const char *pub_type_name(enum pub_type type)
{
	return (size_t)type < PUB_TYPE_COUNT ? pub_target_ops[type].type : "?";
}

/* Drops "." and empty components of an absolute PATH and resolves ".."
 * lexically, in place, so messages and records show a clean path. */
static void normalize(char *path)
{
	char *out = path, *c = path;

	while (*c) {
		char *end = strchrnul(c + 1, '/');
		size_t n = (size_t)(end - c - 1);

		if (n == 0 || (n == 1 && c[1] == '.')) {
			/* nothing to keep */
		} else if (n == 2 && c[1] == '.' && c[2] == '.') {
			while (out > path && *--out != '/')
				;
		} else {
			memmove(out, c, (size_t)(end - c));
			out += end - c;
		}
		c = end;
	}
	if (out == path)
		*out++ = '/';
	*out = '\0';
}

/* PATH made absolute against BASE (or the current folder when BASE is
 * NULL) and normalized.  Malloc'ed; NULL only when the current folder is
 * unknown. */
static char *absolute(const char *base, const char *path)
{
	char *cwd = NULL;
	char *abs;

	if (path[0] == '/')
		abs = st_xstrdup(path);
	else if (base)
		abs = st_path_join(base, path);
	else if ((cwd = getcwd(NULL, 0)))
		abs = st_path_join(cwd, path);
	else
		return NULL;
	free(cwd);
	normalize(abs);
	return abs;
}

/* $VAR if it is an absolute path (the XDG rule), else $HOME/FALLBACK, with
 * SUB appended.  NULL (after a message) when HOME is needed but unset. */
static char *xdg_path(const char *var, const char *fallback, const char *sub)
{
	const char *v = getenv(var);
	const char *home = getenv("HOME");

	if (v && v[0] == '/')
		return st_path_join(v, sub);
	if (!home || home[0] != '/') {
		st_error(_("cannot find the %s folder: neither %s nor HOME is set"), fallback, var);
		return NULL;
	}
	return st_strdup_printf("%s/%s/%s", home, fallback, sub);
}

static bool valid_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.", *s))
			return false;
	return true;
}

static struct pub_target *find(const struct pub_config *c, const char *name)
{
	for (size_t i = 0; i < c->ntargets; i++)
		if (!strcmp(c->targets[i].name, name))
			return &c->targets[i];
	return NULL;
}

static struct pub_target *add_target(struct pub_config *c, const char *name, int line)
{
	struct pub_target *t = realloc(c->targets, (c->ntargets + 1) * sizeof *t);

	if (!t)
		abort();
	c->targets = t;
	t = &c->targets[c->ntargets++];
	memset(t, 0, sizeof *t);
	t->name = st_xstrdup(name);
	t->line = line;
	return t;
}

/* "a, b, c": the N names NAME(I) gives. */
static char *name_list(size_t n, const char *(*name)(size_t i))
{
	char *list = st_xstrdup("");

	for (size_t i = 0; i < n; i++) {
		char *next = st_strdup_printf("%s%s%s", list, i ? ", " : "", name(i));
		free(list);
		list = next;
	}
	return list;
}

static const char *type_name_at(size_t i)
{
	return pub_target_ops[i].type;
}

static int set_type(const struct st_conf_pos *pos, struct pub_target *t, const char *value)
{
	char *types;
	int ret;

	for (size_t i = 0; i < PUB_TYPE_COUNT; i++) {
		if (!strcmp(value, pub_target_ops[i].type)) {
			t->type = (enum pub_type)i;
			t->has_type = true;
			return ST_OK;
		}
	}
	types = name_list(PUB_TYPE_COUNT, type_name_at);
	ret = st_conf_error(pos, "type", _("unknown target type '%s' (supported: %s)"), value,
			    types);
	free(types);
	return ret;
}

enum key_kind { KEY_STRING, KEY_PATH, KEY_URL, KEY_LONG, KEY_BOOL };

static const struct key_def {
	const char *name;
	enum key_kind kind;
	size_t offset;
	long min, max;
} keys[] = {
	{"api", KEY_URL, offsetof(struct pub_target, api), 0, 0},
	{"base_url", KEY_URL, offsetof(struct pub_target, base_url), 0, 0},
	{"ca_file", KEY_PATH, offsetof(struct pub_target, ca_file), 0, 0},
	{"categories", KEY_STRING, offsetof(struct pub_target, categories), 0, 0},
	{"chunk_size", KEY_LONG, offsetof(struct pub_target, chunk_size), 1024, 1L << 30},
	{"files", KEY_STRING, offsetof(struct pub_target, files), 0, 0},
	{"insecure", KEY_BOOL, offsetof(struct pub_target, insecure), 0, 0},
	{"page", KEY_STRING, offsetof(struct pub_target, page), 0, 0},
	{"password_file", KEY_PATH, offsetof(struct pub_target, password_file), 0, 0},
	{"path", KEY_PATH, offsetof(struct pub_target, path), 0, 0},
	{"retries", KEY_LONG, offsetof(struct pub_target, retries), 0, 20},
	{"timeout", KEY_LONG, offsetof(struct pub_target, timeout), 1, 3600},
	{"url", KEY_URL, offsetof(struct pub_target, url), 0, 0},
	{"username", KEY_STRING, offsetof(struct pub_target, username), 0, 0},
};

static const char *key_name_at(size_t i)
{
	return i ? keys[i - 1].name : "type";
}

/* The start of URL's authority (after "scheme://"), and in *AT the last
 * '@' before the query or fragment, or NULL when there is none.  Parsers
 * disagree on where user information ends when it holds a '/' (RFC 3986
 * stops the authority there, others read up to the '@'), so any '@'
 * before '?' or '#' counts: "http://u:pa/ss@host/" is refused, and the
 * whole "u:pa/ss" is hidden in messages.  An '@' in a path can be written
 * %40. */
static const char *authority(const char *url, const char **at)
{
	const char *host = strstr(url, "://");
	size_t n;

	host = host ? host + 3 : url;
	n = strcspn(host, "?#");
	*at = NULL;
	for (const char *c = host; c < host + n; c++)
		if (*c == '@')
			*at = c;
	return host;
}

/* URL for a message, its user information (which may hold a password)
 * replaced by "***".  Malloc'ed. */
static char *url_for_message(const char *url)
{
	const char *at;
	const char *host = authority(url, &at);

	if (!at)
		return st_xstrdup(url);
	return st_strdup_printf("%.*s***%s", (int)(host - url), url, at);
}

/* A URL must be http(s) and carry no user information: a password there
 * would escape the password file's permission check and reach messages. */
static int check_url(const struct st_conf_pos *pos, const struct key_def *k, const char *value)
{
	const char *at;
	char *shown;
	int ret = ST_OK;

	authority(value, &at);
	if (strncmp(value, "https://", 8) && strncmp(value, "http://", 7)) {
		shown = url_for_message(value);
		ret = st_conf_error(pos, k->name, _("'%s' is not an http:// or https:// URL"), shown);
		free(shown);
	} else if (at) {
		shown = url_for_message(value);
		ret = st_conf_error(pos, k->name,
				    _("'%s' holds a user name or password: use the username and "
				      "password_file keys (or STUDIO_PASSWORD_<TARGET>) instead"),
				    shown);
		free(shown);
	}
	return ret;
}

/* Stores VALUE in the field K describes.  Numbers and booleans are set
 * once too: a second assignment is caught through the SET bitmap. */
static int set_key(const struct parse_ctx *ctx, const struct st_conf_pos *pos,
		   struct pub_target *t, const struct key_def *k, const char *value)
{
	char *field = (char *)t + k->offset;
	size_t bit = (size_t)(k - keys);
	char **str = (char **)(void *)field;

	if (t->keys_set & (1u << bit))
		return st_conf_error(pos, k->name, _("set twice in [%s]"), t->name);
	t->keys_set |= 1u << bit;
	if (!*value)
		return st_conf_error(pos, k->name, _("empty value"));
	switch (k->kind) {
	case KEY_STRING:
		*str = st_xstrdup(value);
		return ST_OK;
	case KEY_PATH:
		*str = absolute(ctx->base, value);
		return ST_OK;
	case KEY_URL:
		if (check_url(pos, k, value) != ST_OK)
			return ST_CONFIG; /* already reported */
		*str = st_xstrdup(value);
		return ST_OK;
	case KEY_LONG:
		if (!st_parse_long(value, k->min, k->max, (long *)(void *)field))
			return st_conf_error(pos, k->name,
					     _("'%s' is not a whole number from %ld to %ld"),
					     value, k->min, k->max);
		return ST_OK;
	case KEY_BOOL:
		if (!st_parse_bool(value, (bool *)field))
			return st_conf_error(pos, k->name, _("'%s' is not yes or no"), value);
		return ST_OK;
	}
	return ST_SOFTWARE;
}

static int on_key(void *vctx, const struct st_conf_pos *pos, const char *section,
		  const char *key, const char *value)
{
	struct parse_ctx *ctx = vctx;
	struct pub_target *t;
	char *known;
	int ret;

	if (!*section)
		return st_conf_error(pos, key, _("key outside a [target] section"));
	if (!valid_name(section))
		return st_conf_error(pos, key, _("invalid target name '%s': use letters, "
						 "digits, '-', '_' and '.'"), section);
	t = find(ctx->c, section);
	if (!t)
		t = add_target(ctx->c, section, pos->line);
	if (!strcmp(key, "type")) {
		if (t->has_type)
			return st_conf_error(pos, key, _("set twice in [%s]"), section);
		return set_type(pos, t, value);
	}
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (!strcmp(key, keys[i].name))
			return set_key(ctx, pos, t, &keys[i], value);
	known = name_list(sizeof keys / sizeof *keys + 1, key_name_at);
	ret = st_conf_error(pos, key, _("unknown key (known: %s)"), known);
	free(known);
	return ret;
}

static bool key_was_set(const struct pub_target *t, const char *name)
{
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (!strcmp(keys[i].name, name))
			return t->keys_set & (1u << i);
	return false;
}

/* The value of T's string key NAME, or NULL when it has none. */
static const char *string_key(const struct pub_target *t, const char *name)
{
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (!strcmp(keys[i].name, name) && keys[i].kind != KEY_LONG && keys[i].kind != KEY_BOOL)
			return *(char *const *)(const void *)((const char *)t + keys[i].offset);
	return NULL;
}

/* The keys each type requires (pub_target_ops). */
static int check_target(const struct pub_config *c, struct pub_target *t)
{
	struct st_conf_pos pos = {c->file, t->line};
	const struct pub_target_ops *ops = &pub_target_ops[t->type];
	const char *missing = NULL;

	if (!t->has_type)
		return st_conf_error(&pos, "type", _("target [%s] has no type"), t->name);
	if (!string_key(t, ops->where))
		missing = ops->where;
	else if (ops->username && !t->username)
		missing = "username";
	if (missing)
		return st_conf_error(&pos, missing, _("target [%s] has no %s"), t->name, missing);
	if (t->type == PUB_TYPE_WEBDAV && t->url[strlen(t->url) - 1] != '/') {
		char *u = st_strdup_printf("%s/", t->url);
		free(t->url);
		t->url = u;
	}
	if (!t->chunk_size)
		t->chunk_size = PUB_DEFAULT_CHUNK;
	if (!key_was_set(t, "retries"))
		t->retries = PUB_DEFAULT_RETRIES;
	if (!t->timeout)
		t->timeout = PUB_DEFAULT_TIMEOUT;
	t->config_file = c->file;
	return ST_OK;
}

/* Settings that can only be checked once the whole section is read. */
static int check_targets(const struct pub_config *c)
{
	int ret = ST_OK;

	for (size_t i = 0; ret == ST_OK && i < c->ntargets; i++)
		ret = check_target(c, &c->targets[i]);
	return ret;
}

/* Parses c->file, or the stream F when it is not NULL, relative paths
 * against BASE, then checks the targets. */
static int parse_and_check(struct pub_config *c, const char *base, FILE *f)
{
	struct parse_ctx ctx = {c, base};
	int ret = f ? st_conf_parse_stream(f, c->file, on_key, &ctx)
		    : st_conf_parse(c->file, on_key, &ctx);

	return ret == ST_OK ? check_targets(c) : ret;
}

static int load_file(struct pub_config *c, const char *file)
{
	char *abs = absolute(NULL, file);
	int ret;

	if (!abs) {
		st_error(_("cannot read %s: %s"), file, strerror(errno));
		return ST_OSERR;
	}
	*strrchr(abs, '/') = '\0';
	c->file = st_xstrdup(file);
	ret = parse_and_check(c, abs, NULL);
	free(abs);
	return ret;
}

int pub_config_read(struct pub_config *c, const char *file, const char *base, FILE *f)
{
	memset(c, 0, sizeof *c);
	c->file = st_xstrdup(file);
	return parse_and_check(c, base, f);
}

int pub_config_load(struct pub_config *c, const char *file)
{
	struct pub_target *t;
	char *def;
	int ret;

	memset(c, 0, sizeof *c);
	if (file)
		return load_file(c, file);
	def = xdg_path("XDG_CONFIG_HOME", ".config", "studio/publish.ini");
	if (!def)
		return ST_CONFIG;
	if (access(def, F_OK) == 0 || errno != ENOENT) {
		ret = load_file(c, def);
		free(def);
		return ret;
	}
	free(def);
	t = add_target(c, DEFAULT_TARGET, 0);
	t->type = PUB_TYPE_DIR;
	t->has_type = true;
	t->path = xdg_path("XDG_DATA_HOME", ".local/share", "studio/site");
	return t->path ? check_targets(c) : ST_CONFIG;
}

void pub_config_free(struct pub_config *c)
{
	for (size_t i = 0; i < c->ntargets; i++) {
		struct pub_target *t = &c->targets[i];
		char **strs[] = {&t->name, &t->path, &t->url, &t->api, &t->base_url, &t->username,
				 &t->password_file, &t->ca_file, &t->page, &t->categories, &t->files};

		for (size_t k = 0; k < sizeof strs / sizeof *strs; k++)
			free(*strs[k]);
	}
	free(c->targets);
	free(c->file);
	memset(c, 0, sizeof *c);
}

/* "a, b, c" for messages. */
static char *known_names(const struct pub_config *c)
{
	char *list = st_xstrdup("");

	for (size_t i = 0; i < c->ntargets; i++) {
		char *next = st_strdup_printf("%s%s%s", list, i ? ", " : "", c->targets[i].name);
		free(list);
		list = next;
	}
	return list;
}

static int unknown_target(const struct pub_config *c, const char *name)
{
	char *known = known_names(c);
	const char *where = c->file ? c->file : _("the built-in configuration");

	const char **names = calloc(c->ntargets + 1, sizeof *names);
	const char *near;

	if (!names)
		abort();
	for (size_t i = 0; i < c->ntargets; i++)
		names[i] = c->targets[i].name;
	near = st_suggest(name, names, c->ntargets);
	if (near)
		st_error(_("unknown target '%s'; did you mean %s?"), name, near);
	else if (c->ntargets)
		st_error(_("unknown target '%s' (known in %s: %s)"), name, where, known);
	else
		st_error(_("unknown target '%s' (%s defines none)"), name, where);
	free(names);
	free(known);
	return ST_USAGE;
}

int pub_config_select(const struct pub_config *c, const char *list,
		      const struct pub_target ***out, size_t *n)
{
	char *copy = st_xstrdup(list), *save = NULL;
	const struct pub_target **sel = st_xcalloc(strlen(list) + 1, sizeof *sel);
	size_t count = 0;
	int ret = ST_OK;

	if (!*list || list[strlen(list) - 1] == ',' || list[0] == ',' || strstr(list, ",,"))
		ret = st_bad_option("to", list);
	for (char *name = strtok_r(copy, ",", &save); !ret && name;
	     name = strtok_r(NULL, ",", &save)) {
		const struct pub_target *t = find(c, name);
		bool seen = false;

		if (!t) {
			ret = unknown_target(c, name);
			break;
		}
		for (size_t i = 0; i < count; i++)
			seen |= sel[i] == t;
		if (!seen)
			sel[count++] = t;
	}
	free(copy);
	if (ret) {
		free(sel);
		return ret;
	}
	*out = sel;
	*n = count;
	return ST_OK;
}
