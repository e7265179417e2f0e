/* config.c — see config.h. */
#include "config.h"
#include "conf.h"
#include "msg.h"
#include "opts.h"
#include "paths.h"
#include "status.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_TARGET "site"

struct parse_ctx {
	struct pub_config *c;
	char *base;          /* absolute folder of the config file */
};

const char *pub_type_name(enum pub_type type)
{
	switch (type) {
	case PUB_TYPE_DIR: return "dir";
	}
	return "?";
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

static int set_type(const struct st_conf_pos *pos, struct pub_target *t, const char *value)
{
	if (!strcmp(value, "dir")) {
		t->type = PUB_TYPE_DIR;
		t->has_type = true;
		return ST_OK;
	}
	if (!strcmp(value, "mediawiki") || !strcmp(value, "webdav"))
		return st_conf_error(pos, "type",
				     _("target type '%s' is not supported yet (supported: dir)"),
				     value);
	return st_conf_error(pos, "type", _("unknown target type '%s' (supported: dir)"), value);
}

static int on_key(void *vctx, const struct st_conf_pos *pos, const char *section,
		  const char *key, const char *value)
{
	struct parse_ctx *ctx = vctx;
	struct pub_target *t;

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
	if (!strcmp(key, "path")) {
		if (t->path)
			return st_conf_error(pos, key, _("set twice in [%s]"), section);
		if (!*value)
			return st_conf_error(pos, key, _("empty value"));
		t->path = absolute(ctx->base, value);
		return ST_OK;
	}
	return st_conf_error(pos, key, _("unknown key (known: type, path)"));
}

/* Settings that can only be checked once the whole section is read. */
static int check_targets(const struct pub_config *c)
{
	for (size_t i = 0; i < c->ntargets; i++) {
		const struct pub_target *t = &c->targets[i];
		struct st_conf_pos pos = {c->file, t->line};

		if (!t->has_type)
			return st_conf_error(&pos, "type", _("target [%s] has no type"), t->name);
		if (t->type == PUB_TYPE_DIR && !t->path)
			return st_conf_error(&pos, "path", _("target [%s] has no path"), t->name);
	}
	return ST_OK;
}

static int load_file(struct pub_config *c, const char *file)
{
	struct parse_ctx ctx = {c, NULL};
	char *abs = absolute(NULL, file);
	int ret;

	if (!abs) {
		st_error(_("cannot read %s: %s"), file, strerror(errno));
		return ST_OSERR;
	}
	*strrchr(abs, '/') = '\0';
	ctx.base = abs;
	c->file = st_xstrdup(file);
	ret = st_conf_parse(file, on_key, &ctx);
	if (ret == ST_OK)
		ret = check_targets(c);
	free(abs);
	return ret;
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
	return t->path ? ST_OK : ST_CONFIG;
}

void pub_config_free(struct pub_config *c)
{
	for (size_t i = 0; i < c->ntargets; i++) {
		free(c->targets[i].name);
		free(c->targets[i].path);
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

	if (c->ntargets)
		st_error(_("unknown target '%s' (known in %s: %s)"), name, where, known);
	else
		st_error(_("unknown target '%s' (%s defines none)"), name, where);
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
