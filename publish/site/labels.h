/* labels.h — how a published file is named for people, in French: sizes
 * and the download links' labels ("Vidéo HD (MP4, 3,1 Mo)"). */
#ifndef STUDIO_PUBLISH_LABELS_H
#define STUDIO_PUBLISH_LABELS_H

#include "../job.h"

#include <stdint.h>

/* A size for people, in French decimal units: "532 octets", "12,3 Mo"
 * (the number and the unit joined by a no-break space).  Malloc'ed. */
char *pub_human_size(uint64_t bytes);

/* F's download label in plain words: "Vidéo HD (MP4, 3,1 Mo)", "Audio
 * (Ogg Vorbis, 29 ko)", "Sous-titres en corse (WebVTT)", "Chapitres
 * (WebVTT)", "Affiche (JPEG)", "Forme d'onde (PNG)", "Planche contact
 * (PNG)"; media carry their size.  Malloc'ed. */
char *pub_download_label(const struct pub_file *f);

#endif
