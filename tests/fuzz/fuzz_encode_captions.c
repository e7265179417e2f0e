/* Fuzz target: caption files (WebVTT, SubRip) through
 * enc_caption_load_buffer(): the line-by-line check of encode/captions.c,
 * then libavformat's demuxer and libavcodec's decoder reading the same
 * bytes from memory, as studio-encode --captions does from the file.
 * Property: either cues come out, one per timing line followed by text
 * (none lost silently, but exact duplicates merged), each with 0 <= start <= end, in order of their start
 * (the muxers need it), their text valid UTF-8 (libavcodec promises it for
 * text subtitles); or exactly one error line is printed, naming a line
 * that exists in the input. */
#include <libavutil/log.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../encode/captions.h"
#include "capture_stderr.h"
#include "msg.h"
#include "status.h"

/* WebVTT when the first line says so, else SubRip. */
#define FILE_NAME "fuzz.srt"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static bool valid_utf8(const unsigned char *s)
{
	while (*s) {
		int n = *s < 0x80 ? 0 : (*s & 0xe0) == 0xc0 ? 1 : (*s & 0xf0) == 0xe0 ? 2
			: (*s & 0xf8) == 0xf0 ? 3 : -1;

		if (n < 0 || (n == 1 && *s < 0xc2))
			return false;
		for (int i = 1; i <= n; i++)
			if ((s[i] & 0xc0) != 0x80)
				return false;
		s += n + 1;
	}
	return true;
}

/* Lines as libavformat and encode/captions.c see them: LF, CRLF and a
 * lone CR end one; a last line without an end counts. */
static int caption_lines(const uint8_t *data, size_t size)
{
	int n = 0;

	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
	return n + (size > 0 && data[size - 1] != '\n' && data[size - 1] != '\r');
}

/* The next line of DATA[*POS..SIZE) into LINE (NUL-terminated, at most
 * CAP - 1 bytes kept); LF, CRLF and a lone CR end it.  False at the end. */
static bool next_line(const uint8_t *data, size_t size, size_t *pos, char *line, size_t cap)
{
	size_t n = 0;

	if (*pos >= size)
		return false;
	while (*pos < size && data[*pos] != '\n' && data[*pos] != '\r') {
		if (n < cap - 1)
			line[n++] = (char)data[*pos];
		(*pos)++;
	}
	line[n] = '\0';
	if (*pos < size && data[*pos] == '\r' && *pos + 1 < size && data[*pos + 1] == '\n')
		(*pos)++;
	(*pos)++;
	return true;
}

static bool blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

/* Bounds on the cues libavformat and libavcodec may give for the input.
 * A cue is a line holding "-->" followed by a line of text (neither empty
 * nor another timing), but in a WebVTT header (up to the first empty
 * line), which libavformat skips; libavcodec drops a cue without text.  libavformat also merges a cue
 * with an exact duplicate (same times and text), so at least one cue per
 * distinct first line of text must come out: *MIN, and at most *MAX. */
static void expected_cues(const uint8_t *data, size_t size, size_t *min, size_t *max)
{
	static char line[8192];
	size_t pos = size >= 3 && !memcmp(data, "\xef\xbb\xbf", 3) ? 3 : 0, n = 0;
	bool header = size - pos >= 6 && !memcmp(data + pos, "WEBVTT", 6), timing = false;
	char **texts = NULL;

	*min = *max = 0;
	while (next_line(data, size, &pos, line, sizeof line)) {
		if (header) {
			header = line[0] != '\0'; /* only an empty line ends it */
			continue;
		}
		/* A line of blanks may or may not count as text. */
		if (timing && line[0] && !strstr(line, "-->")) {
			bool seen = blank(line);

			for (size_t i = 0; i < n && !seen; i++)
				seen = !strcmp(texts[i], line);
			texts = realloc(texts, (n + 1) * sizeof *texts);
			check(texts && (texts[n++] = strdup(line)));
			*min += !seen;
		}
		timing = strstr(line, "-->") != NULL;
	}
	*max = n;
	for (size_t i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
}

static void check_cues(const struct enc_caption *c, const uint8_t *data, size_t size)
{
	size_t min, max;

	expected_cues(data, size, &min, &max);
	check(c->n >= min && c->n <= max);
	for (size_t i = 0; i < c->n; i++) {
		const struct enc_cue *q = &c->cues[i];

		check(isfinite(q->start) && isfinite(q->end) && q->start >= 0 && q->start <= q->end);
		check(i == 0 || c->cues[i - 1].start <= q->start);
		for (unsigned r = 0; r < q->sub.num_rects; r++)
			check(!q->sub.rects[r]->ass || valid_utf8((unsigned char *)q->sub.rects[r]->ass));
	}
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct enc_caption c;
	struct captured out;
	int ret;

	av_log_set_level(AV_LOG_QUIET);
	capture_begin(&out);
	ret = enc_caption_load_buffer(&c, "fr=" FILE_NAME, data, size);
	capture_end(&out);
	if (ret == ST_OK) {
		check(out.len == 0);
		check_cues(&c, data, size);
	} else {
		check(ret == ST_DATAERR);
		check_one_error(out.text, "studio: " FILE_NAME ":", caption_lines(data, size), true);
	}
	free(out.text);
	enc_caption_free(&c);
	return 0;
}
