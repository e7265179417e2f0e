/* join.c — see join.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "join.h"
#include "join_copy.h"
#include "msg.h"
#include "status.h"
#include "transcode.h"

int enc_join_check(const struct enc_source *src, const struct enc_plan *plan,
		   const struct enc_segplan *sp)
{
	for (int k = 1; k <= sp->n; k++)
		for (size_t i = 0; i < plan->n; i++) {
			char *part;
			bool there;

			if (!enc_segplan_segmented(plan, i))
				continue;
			part = enc_segplan_part(src->session_dir, plan->setups[i].preset, k);
			there = access(part, F_OK) == 0;
			if (!there)
				st_error(_("cannot join %s: segment %d is not encoded (%s is missing): "
					   "run --segment %d"), src->session_dir, k, part, k);
			free(part);
			if (!there)
				return ST_NOINPUT;
		}
	return ST_OK;
}

/* The sound pass: the sound of each segmented preset (when the master has
 * some) to its own file in the parts' folder (the preset's container and
 * audio settings, no video), the whole presets to their final names.
 * AUDIO receives the presets' copies made audio-only, PATHS the sound
 * files. */
static int sound(const struct enc_source *src, struct enc_plan *plan,
		 struct enc_preset *audio, char **paths, int64_t *packets)
{
	struct enc_setup *setups = st_xcalloc(plan->n, sizeof *setups);
	size_t *whole = st_xcalloc(plan->n, sizeof *whole);
	struct enc_decoder_opts read = plan->read;
	bool video = false;
	size_t m = 0;
	int ret = ST_OK;

	for (size_t i = 0; i < plan->n; i++) {
		const struct enc_setup *s = &plan->setups[i];

		if (!enc_segplan_segmented(plan, i)) {
			video |= enc_preset_needs_video(s->preset);
			whole[m] = i + 1;
			setups[m++] = *s;
		} else if (plan->audio_tracks > 0) {
			audio[i] = *s->preset;
			audio[i].kind = ENC_KIND_AUDIO;
			paths[i] = enc_segplan_part(src->session_dir, &audio[i], 0);
			setups[m] = *s;
			setups[m].preset = &audio[i];
			setups[m++].path = paths[i];
		}
	}
	read.skip_video = read.watch_video = !video;
	read.need_video = false;
	if (m)
		ret = enc_transcode(src->master, &read, &src->meta, setups, m, packets);
	/* How a whole preset's file was made (a size budget's passes) is recorded. */
	for (size_t k = 0; k < m; k++)
		if (whole[k])
			plan->setups[whole[k] - 1].pass.number = setups[k].pass.number;
	free(whole);
	free(setups);
	return ret;
}

/* Writes every segmented rendition from its parts and its sound; commits
 * them all once every one is complete. */
static int join_all(const struct enc_source *src, const struct enc_plan *plan,
		    const struct enc_segplan *sp, char **sounds)
{
	struct enc_mux *m = st_xcalloc(plan->n, sizeof *m);
	char **parts = st_xcalloc((size_t)sp->n, sizeof *parts);
	const char *lang = st_lang_iso639_2(src->meta.language);
	int ret = ST_OK;

	for (size_t i = 0; i < plan->n; i++)
		m[i].file.fd = -1;
	for (size_t i = 0; i < plan->n && ret == ST_OK; i++) {
		const struct enc_setup *s = &plan->setups[i];

		if (!enc_segplan_segmented(plan, i))
			continue;
		for (int k = 0; k < sp->n; k++)
			parts[k] = enc_segplan_part(src->session_dir, s->preset, k + 1);
		ret = enc_join_copy(&m[i], s, parts, sp->n, sounds[i],
				    &src->meta, lang);
		for (int k = 0; k < sp->n; k++)
			free(parts[k]);
	}
	for (size_t i = 0; i < plan->n && ret == ST_OK; i++)
		if (enc_segplan_segmented(plan, i))
			ret = enc_mux_commit(&m[i]);
	for (size_t i = 0; i < plan->n; i++)
		enc_mux_close(&m[i]);
	free(parts);
	free(m);
	return ret;
}

int enc_join(const struct enc_source *src, struct enc_plan *plan,
	     const struct enc_segplan *sp, int64_t *packets)
{
	struct enc_preset *audio = st_xcalloc(plan->n, sizeof *audio);
	char **sounds = st_xcalloc(plan->n, sizeof *sounds);
	int ret = ST_OK;

	*packets = 0;
	ret = sound(src, plan, audio, sounds, packets);
	if (ret == ST_OK)
		ret = join_all(src, plan, sp, sounds);
	for (size_t i = 0; i < plan->n; i++) {
		if (sounds[i])
			unlink(sounds[i]);
		free(sounds[i]);
	}
	free(sounds);
	free(audio);
	return ret;
}

void enc_join_clean(const struct enc_source *src)
{
	enc_segplan_clear_parts(src->session_dir);
}
