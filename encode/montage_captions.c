/* montage_captions.c — see montage_captions.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "montage_captions.h"
#include "paths.h"
#include "status.h"

/* The assembled caption of LANG, added (borrowing FROM's fields) when new. */
static struct enc_caption *caption_of(struct enc_montage_captions *c,
				      const struct enc_caption *from)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->captions[i].lang, from->lang))
			return &c->captions[i];
	c->captions = realloc(c->captions, (c->n + 1) * sizeof *c->captions);
	if (!c->captions)
		abort();
	c->captions[c->n] = (struct enc_caption){.lang = from->lang, .lang2 = from->lang2,
						 .path = from->path, .header = from->header,
						 .header_size = from->header_size};
	return &c->captions[c->n++];
}

/* FROM's cues inside shot P's span, re-timed and cut into the assembly. */
static void add_cues(struct enc_caption *to, const struct enc_caption *from,
		     const struct enc_shot_place *p)
{
	for (size_t i = 0; i < from->n; i++) {
		const struct enc_cue *cue = &from->cues[i];
		double a = fmax(p->at + fmax(cue->start, p->start) - p->start, p->from);
		double b = fmin(p->at + fmin(cue->end, p->end) - p->start, p->to);

		if (b <= a)
			continue;
		to->cues = realloc(to->cues, (to->n + 1) * sizeof *to->cues);
		if (!to->cues)
			abort();
		to->cues[to->n++] = (struct enc_cue){a, b, cue->sub};
	}
}

int enc_montage_captions(struct enc_montage_captions *c, const struct enc_shot_place *shots,
			 size_t n)
{
	int ret = ST_OK;

	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < n && ret == ST_OK; i++) {
		const struct enc_source *src = shots[i].src;

		for (size_t j = 0; j < src->ncaptions && ret == ST_OK; j++) {
			struct enc_caption *cap;

			c->loaded = realloc(c->loaded, (c->nloaded + 1) * sizeof *c->loaded);
			if (!c->loaded)
				abort();
			cap = &c->loaded[c->nloaded++];
			ret = enc_caption_load(cap, src->captions[j]);
			if (ret == ST_OK)
				add_cues(caption_of(c, cap), cap, &shots[i]);
		}
	}
	return ret;
}

void enc_montage_captions_free(struct enc_montage_captions *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->captions[i].cues);
	free(c->captions);
	for (size_t i = 0; i < c->nloaded; i++)
		enc_caption_free(&c->loaded[i]);
	free(c->loaded);
	memset(c, 0, sizeof *c);
}
