/* Fuzz target: publish.ini through pub_config_read(), the parsing and
 * checks of pub_config_load() on a stream.  No password is ever read:
 * the config loader never reads one (publish/secret.c does, when a target
 * is used), and nothing here reads the environment or a file.
 * Properties: on success every target is complete (type, its required
 * key, absolute paths, http(s) URLs, limits in range); on failure exactly
 * one error line, naming a line of the input when it names one; and no
 * password ever shows in a message: the input is parsed a second time
 * with every letter and digit of the values that may be passwords changed
 * (keys named like password, secret or token, and the user information of
 * URLs), and the messages must not change. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../publish/config.h"
#include "capture_stderr.h"
#include "msg.h"
#include "status.h"

#define FILE_NAME "fuzz.ini"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static int parse(const uint8_t *data, size_t size, struct pub_config *c, struct captured *out)
{
	FILE *f = fmemopen((void *)data, size, "r");
	int ret;

	check(f != NULL);
	capture_begin(out);
	ret = pub_config_read(c, FILE_NAME, "/base", f);
	capture_end(out);
	fclose(f);
	return ret;
}

/* Changes every letter and digit of S[0..N) into another one. */
static void scramble(uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isalnum(s[i]))
			s[i] = s[i] == 'x' ? 'y' : 'x';
}

/* KEY[0..N), trailing blanks dropped and lowercased, into K (64 bytes). */
static void key_name(char *k, const uint8_t *key, size_t n)
{
	while (n > 0 && isspace(key[n - 1]))
		n--;
	if (n > 63)
		n = 63;
	for (size_t i = 0; i < n; i++)
		k[i] = (char)tolower(key[i]);
	k[n] = '\0';
}

static bool secret_key(const char *k)
{
	return strcmp(k, "password_file") &&
	       (strstr(k, "pass") || strstr(k, "secret") || strstr(k, "token"));
}

static bool url_key(const char *k)
{
	return !strcmp(k, "url") || !strcmp(k, "api") || !strcmp(k, "base_url");
}

/* One line "KEY = VALUE" as inih splits it (first '=' or ':', a ';' after
 * a space starts a comment); its secret parts scrambled in place. */
static void scramble_line(uint8_t *line, size_t len)
{
	size_t eq, end;
	uint8_t *v, *host, *at;
	char k[64];

	if (!len || isspace(line[0]) || strchr(";#[", line[0]))
		return; /* continuation, comment, section */
	for (eq = 0; eq < len && line[eq] != '=' && line[eq] != ':'; eq++)
		;
	if (eq == len)
		return;
	for (end = eq + 1; end < len && !(line[end] == ';' && isspace(line[end - 1])); end++)
		;
	key_name(k, line, eq);
	v = line + eq + 1;
	if (secret_key(k)) {
		scramble(v, end - eq - 1);
		return;
	}
	if (!url_key(k))
		return;
	/* The user information of a URL: after "://", before an '@' that comes
	 * before any '/', '?' or '#'. */
	host = memmem(v, end - eq - 1, "://", 3);
	if (!host)
		return;
	host += 3;
	for (at = host; at < line + end && !strchr("@/?#", *at) && *at; at++)
		;
	if (at < line + end && *at == '@')
		scramble(host, (size_t)(at - host));
}

static void check_target(const struct pub_target *t)
{
	check(t->name && t->name[0] && t->has_type);
	check(t->type == PUB_TYPE_DIR ? t->path != NULL
	      : t->type == PUB_TYPE_WEBDAV ? t->url && t->username && t->url[strlen(t->url) - 1] == '/'
					  : t->api && t->username);
	check(!t->path || t->path[0] == '/');
	check(!t->password_file || t->password_file[0] == '/');
	check(!t->ca_file || t->ca_file[0] == '/');
	check(t->chunk_size >= 1024 && t->chunk_size <= 1L << 30);
	check(t->retries >= 0 && t->retries <= 20 && t->timeout >= 1 && t->timeout <= 3600);
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pub_config c, c2;
	struct captured out, out2;
	uint8_t *copy = malloc(size + 1);
	size_t start;
	int ret;

	check(copy != NULL);
	st_msg_set_quiet(true);
	ret = parse(data, size, &c, &out);
	if (ret == ST_OK) {
		check(out.len == 0);
		for (size_t i = 0; i < c.ntargets; i++)
			check_target(&c.targets[i]);
	} else {
		check(ret == ST_CONFIG || ret == ST_IOERR);
		check_one_error(out.text, "studio: " FILE_NAME ":", count_lines(data, size), false);
	}
	memcpy(copy, data, size);
	/* inih skips a UTF-8 BOM in front of the first line. */
	start = size >= 3 && !memcmp(data, "\xef\xbb\xbf", 3) ? 3 : 0;
	for (size_t i = start; i <= size; i++)
		if (i == size || copy[i] == '\n') {
			scramble_line(copy + start, i - start);
			start = i + 1;
		}
	check(parse(copy, size, &c2, &out2) == ret);
	check(out.len == out2.len && !memcmp(out.text, out2.text, out.len));
	free(out.text);
	free(out2.text);
	free(copy);
	pub_config_free(&c);
	pub_config_free(&c2);
	return 0;
}
