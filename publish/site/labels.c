/* labels.c — see labels.h. */
#include "labels.h"
#include "metadata.h"
#include "paths.h"

#include <string.h>
#include <strings.h>
#include <stdlib.h>

#define NBSP "\xc2\xa0"

char *pub_human_size(uint64_t bytes)
{
	static const char *const units[] = {"ko", "Mo", "Go", "To"};
	uint64_t div = 1000, tenths;
	size_t u = 0;

	if (bytes < 1000)
		return st_strdup_printf("%llu" NBSP "%s", (unsigned long long)bytes,
					bytes < 2 ? "octet" : "octets");
	for (;;) {
		tenths = (bytes * 10 + div / 2) / div;
		if (tenths < 10000 || u + 1 == sizeof units / sizeof *units)
			break;
		div *= 1000;
		u++;
	}
	return st_strdup_printf("%llu,%llu" NBSP "%s", (unsigned long long)(tenths / 10),
				(unsigned long long)(tenths % 10), units[u]);
}

/* The format's name people know, from the file's extension. */
static const char *format_name(const struct pub_file *f)
{
	static const char *const names[][2] = {
		{".mp4", "MP4"}, {".m4v", "MP4"}, {".webm", "WebM"}, {".ogv", "Ogg Theora"},
		{".ogg", "Ogg Vorbis"}, {".oga", "Ogg Vorbis"}, {".opus", "Ogg Opus"},
		{".m4a", "AAC"}, {".mp3", "MP3"}, {".vtt", "WebVTT"}, {".jpg", "JPEG"},
		{".jpeg", "JPEG"}, {".png", "PNG"}};
	const char *ext = strrchr(f->file, '.');

	for (size_t i = 0; ext && i < sizeof names / sizeof *names; i++)
		if (!strcasecmp(ext, names[i][0]))
			return names[i][1];
	return ext && !strchr(ext, '/') ? ext + 1 : "";
}

/* What F is, in words. */
static char *what(const struct pub_file *f)
{
	switch (f->kind) {
	case PUB_VIDEO:
		if (!strcmp(f->preset, "jury"))
			return st_xstrdup("Vidéo pour le jury");
		if (strstr(f->preset, "1080"))
			return st_xstrdup("Vidéo Full HD");
		return st_xstrdup(strstr(f->preset, "720") ? "Vidéo HD" : "Vidéo");
	case PUB_AUDIO:
		return st_xstrdup("Audio");
	case PUB_CAPTIONS:
		return *f->lang ? st_strdup_printf("Sous-titres en %s", st_lang_name_fr(f->lang))
				: st_xstrdup("Sous-titres");
	case PUB_CHAPTERS:
		return st_xstrdup("Chapitres");
	case PUB_POSTER:
		if (strstr(f->file, "waveform") || !strcmp(f->preset, "waveform"))
			return st_xstrdup("Forme d'onde");
		if (strstr(f->file, "contact") || !strcmp(f->preset, "contact-sheet"))
			return st_xstrdup("Planche contact");
		return st_xstrdup(strstr(f->file, "poster") || !strcmp(f->preset, "poster")
					  ? "Affiche" : "Image");
	default:
		return st_xstrdup("Fichier");
	}
}

char *pub_download_label(const struct pub_file *f)
{
	char *w = what(f), *label, *size = NULL;

	if (f->kind == PUB_VIDEO || f->kind == PUB_AUDIO || f->kind == PUB_OTHER)
		size = pub_human_size(f->bytes);
	if (size && *format_name(f))
		label = st_strdup_printf("%s (%s, %s)", w, format_name(f), size);
	else
		label = st_strdup_printf("%s (%s)", w, size ? size : format_name(f));
	free(size);
	free(w);
	return label;
}
