/* vtt_note.c — see vtt_note.h. */
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "vtt_note.h"

char *enc_vtt_line(const char *text)
{
	char *t = st_xstrdup(text), *arrow;

	for (char *p = t; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	while ((arrow = strstr(t, "-->")))
		arrow[1] = ' ';
	return t;
}

char *enc_vtt_add_note(const char *vtt, size_t n, const char *title, const char *attribution,
		       size_t *out_n)
{
	const char *nl = memchr(vtt, '\n', n);
	size_t head = nl ? (size_t)(nl - vtt) + 1 : n;
	char *t = enc_vtt_line(title), *a = enc_vtt_line(attribution);
	char *note = st_strdup_printf("%s\nNOTE\n%s%s%s\n", nl ? "" : "\n", t, *t ? "\n" : "", a);
	size_t len = strlen(note);
	char *out = st_xcalloc(n + len + 1, 1);

	memcpy(out, vtt, head);
	memcpy(out + head, note, len);
	memcpy(out + head + len, vtt + head, n - head);
	*out_n = n + len;
	free(note);
	free(t);
	free(a);
	return out;
}
