/* capture_stderr.h — for fuzz targets: collects what the code under test
 * prints with st_error() (on stderr) so that a property can be checked on
 * the messages, and the checks they share.  glibc lets a program assign stderr; it is pointed at a
 * memory stream between capture_begin() and capture_end(). */
#ifndef FUZZ_CAPTURE_STDERR_H
#define FUZZ_CAPTURE_STDERR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A property that does not hold is a crash for libFuzzer (and replay.c). */
static inline void check(bool ok)
{
	if (!ok)
		__builtin_trap();
}

struct captured {
	FILE *saved;
	char *text;    /* what was printed, NUL-terminated; free() it */
	size_t len;
};

static inline void capture_begin(struct captured *c)
{
	FILE *mem;

	c->text = NULL;
	c->len = 0;
	c->saved = stderr;
	mem = open_memstream(&c->text, &c->len);
	if (!mem)
		abort();
	stderr = mem;
}

static inline void capture_end(struct captured *c)
{
	fclose(stderr);
	stderr = c->saved;
}

/* Lines in SIZE bytes of DATA as fgets() counts them (a last line without
 * its newline counts). */
static inline int count_lines(const uint8_t *data, size_t size)
{
	int n = 0;

	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n';
	return n + (size > 0 && data[size - 1] != '\n');
}

/* TEXT must be one message line "studio: …\n".  When it goes on with
 * PREFIX ("studio: FILE:") and a number and ':', the number must be one of
 * the input's LINES lines; with LINE_REQUIRED, it must go on that way. */
static inline void check_one_error(const char *text, const char *prefix, int lines,
				   bool line_required)
{
	const char *nl = strchr(text, '\n');
	bool located = !strncmp(text, prefix, strlen(prefix));
	char *end = NULL;
	long line = 0;

	check(nl && nl[1] == '\0');
	check(!strncmp(text, "studio: ", 8));
	if (located)
		line = strtol(text + strlen(prefix), &end, 10);
	located = located && *end == ':';
	check(located || !line_required);
	check(!located || (line >= 1 && line <= lines));
}

#endif
