/* mw_name.c — the wiki file name of a rendition (target_mediawiki.h). */
#include "mw_target.h"
#include "paths.h"
#include "target_mediawiki.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_BYTES 240

const char *mw_ext_of(const char *file)
{
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	const char *dot = strrchr(base, '.');
	return dot ? dot + 1 : "";
}

char *pub_wiki_name(const struct pub_job *job, const struct pub_file *f)
{
	const char *base = strrchr(f->file, '/') ? strrchr(f->file, '/') + 1 : f->file;
	const char *ext = mw_ext_of(f->file);
	char *stem = *f->preset ? st_xstrdup(f->preset) : st_xstrdup(base);
	char *raw, *out, *o;
	size_t max;

	if (!*f->preset && *ext)
		stem[strlen(stem) - strlen(ext) - 1] = '\0';
	raw = st_strdup_printf("%s - %s", *job->meta.title ? job->meta.title : job->slug, stem);
	out = st_xcalloc(strlen(raw) + strlen(ext) + 3, 1);
	o = out;
	for (const unsigned char *c = (const unsigned char *)raw; *c; c++) {
		bool space = *c == ' ' || *c == '_' || *c == '\t' || *c == '\n';

		if (*c < 0x20 || *c == 0x7f)
			continue;
		if (space) {
			if (o > out && o[-1] != ' ')
				*o++ = ' ';
		} else {
			*o++ = strchr("#<>[]|{}:/\\", *c) ? '-' : (char)*c;
		}
	}
	while (o > out && (o[-1] == ' ' || o[-1] == '.'))
		o--;
	/* Room for ".ext", cut on a UTF-8 character boundary. */
	max = NAME_MAX_BYTES - strlen(ext) - 1;
	if ((size_t)(o - out) > max) {
		o = out + max;
		while (o > out && ((unsigned char)*o & 0xc0) == 0x80)
			o--;
	}
	*o = '\0';
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 32);
	else if ((unsigned char)out[0] == 0xc3 && (unsigned char)out[1] >= 0xa0 &&
		 (unsigned char)out[1] <= 0xbe && (unsigned char)out[1] != 0xb7)
		out[1] = (char)((unsigned char)out[1] - 0x20);   /* à → À ... þ → Þ */
	if (*ext)
		sprintf(o, ".%s", ext);
	free(raw);
	free(stem);
	return out;
}
