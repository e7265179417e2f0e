/* Unit tests for lib/cli.c (one wording for every usage error) and
 * lib/suggest.c (the near-miss name). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "msg.h"
#include "status.h"
#include "suggest.h"

enum { OPT_JSON = 256, OPT_PRESET, OPT_SESSION, OPT_SPEAKER };

static const struct option opts[] = {
	{"help", no_argument, NULL, 'h'},
	{"jobs", required_argument, NULL, 'j'},
	{"json", no_argument, NULL, OPT_JSON},
	{"preset", required_argument, NULL, OPT_PRESET},
	{"session", required_argument, NULL, OPT_SESSION},
	{"speaker", required_argument, NULL, OPT_SPEAKER},
	{NULL, 0, NULL, 0},
};

static int saved_stderr = -1;
static FILE *captured;

/* Sends stderr to a temporary file until captured_text(). */
static void capture_stderr(void)
{
	captured = tmpfile();
	assert_non_null(captured);
	fflush(stderr);
	saved_stderr = dup(STDERR_FILENO);
	dup2(fileno(captured), STDERR_FILENO);
}

/* What was written to stderr since capture_stderr() (static buffer). */
static const char *captured_text(void)
{
	static char out[1024];
	size_t n;

	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	rewind(captured);
	n = fread(out, 1, sizeof out - 1, captured);
	out[n] = '\0';
	fclose(captured);
	return out;
}

/* Parses the NULL-terminated ARGS to the end or the first error, and
 * returns what was printed on stderr ("" if nothing). */
static const char *parse(int *last, ...)
{
	char *argv[16] = {"prog"};
	int argc = 1, c;
	va_list ap;

	va_start(ap, last);
	while (argc < 15 && (argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	capture_stderr();
	optind = 0;
	while ((c = st_cli_next(argc, argv, ":hj:", opts)) != -1 && c != ST_CLI_ERROR)
		;
	*last = c;
	return captured_text();
}

static void test_messages(void **state)
{
	int c;
	(void)state;
	assert_string_equal(parse(&c, "--json=1", NULL),
			    "test_lib_cli: option --json takes no value (see --help)\n");
	assert_int_equal(c, ST_CLI_ERROR);
	assert_string_equal(parse(&c, "--help=x", NULL),
			    "test_lib_cli: option --help takes no value (see --help)\n");
	assert_string_equal(parse(&c, "--jobs", NULL),
			    "test_lib_cli: option --jobs needs a value (see --help)\n");
	assert_string_equal(parse(&c, "-j", NULL),
			    "test_lib_cli: option --jobs needs a value (see --help)\n");
	assert_string_equal(parse(&c, "-x", NULL),
			    "test_lib_cli: unknown option -x (see --help)\n");
	assert_string_equal(parse(&c, "--json", "-hx", NULL),
			    "test_lib_cli: unknown option -x (see --help)\n");
	assert_string_equal(parse(&c, "--presets=web", NULL),
			    "test_lib_cli: unknown option --presets; did you mean --preset? "
			    "(see --help)\n");
	assert_string_equal(parse(&c, "--frobnicate", NULL),
			    "test_lib_cli: unknown option --frobnicate (see --help)\n");
	assert_string_equal(parse(&c, "--s", "x", NULL),
			    "test_lib_cli: ambiguous option --s: --session or --speaker? "
			    "(see --help)\n");
	assert_string_equal(parse(&c, "--js", "--pre=a", "operand", NULL), "");
	assert_int_equal(c, -1);
}

static void test_values(void **state)
{
	static const char *const rates[] = {"44100", "48000", "96000"};
	(void)state;

	capture_stderr();
	assert_int_equal(st_bad_range("channels", "64", 1, 32), ST_USAGE);
	assert_int_equal(st_bad_choice("rate", "22050", rates, 3), ST_USAGE);
	assert_int_equal(st_bad_choice("rate", "4800", rates, 3), ST_USAGE);
	assert_string_equal(captured_text(),
			    "test_lib_cli: invalid value for --channels: '64' (allowed: 1 to 32)\n"
			    "test_lib_cli: invalid value for --rate: '22050' (allowed: 44100, 48000 "
			    "or 96000)\n"
			    "test_lib_cli: invalid value for --rate: '4800'; did you mean 48000?\n");
}

static void test_distance(void **state)
{
	(void)state;
	assert_int_equal(st_edit_distance("web720p", "web-720p"), 1);
	assert_int_equal(st_edit_distance("stie", "site"), 1);     /* transposition */
	assert_int_equal(st_edit_distance("SITE", "site"), 0);
	assert_int_equal(st_edit_distance("", "abc"), 3);
	assert_int_equal(st_edit_distance("kitten", "sitting"), 3);
}

static void test_suggest(void **state)
{
	static const char *const presets[] = {"web-720p", "web-1080p", "podcast", "jury"};
	static const char *const two[] = {"web-a", "web-b"};
	(void)state;
	assert_string_equal(st_suggest("web720p", presets, 4), "web-720p");
	assert_string_equal(st_suggest("podcats", presets, 4), "podcast");
	assert_string_equal(st_suggest("jurry", presets, 4), "jury");
	assert_null(st_suggest("jury", presets, 4));          /* itself */
	assert_null(st_suggest("mp3", presets, 4));           /* nothing near */
	assert_null(st_suggest("web-c", two, 2));             /* a tie: no guess */
	assert_null(st_suggest("ab", (const char *const[]){"xy"}, 1));
}

static void test_join(void **state)
{
	static const char *const three[] = {"s16", "s24", "f32"};
	char *s;
	(void)state;
	s = st_join_or(three, 3);
	assert_string_equal(s, "s16, s24 or f32");
	free(s);
	s = st_join_or(three, 1);
	assert_string_equal(s, "s16");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_messages), cmocka_unit_test(test_values),
		cmocka_unit_test(test_distance), cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_join),
	};
	setenv("LC_ALL", "C", 1); /* the messages are checked in English */
	st_msg_init("test_lib_cli");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
