/* segment.c — see segment.h. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "msg.h"
#include "safefile.h"
#include "segment.h"
#include "status.h"
#include "transcode.h"

/* The setups of the parts of segment K still to encode; returns how many. */
static size_t todo(const struct enc_source *src, const struct enc_plan *plan,
		   const struct enc_segplan *sp, int k, struct enc_setup *setups, char **paths)
{
	size_t m = 0;

	for (size_t i = 0; i < plan->n; i++) {
		const struct enc_setup *s = &plan->setups[i];
		char *path;

		if (!enc_segplan_segmented(plan, i))
			continue;
		path = enc_segplan_part(src->session_dir, s->preset, k);
		if (access(path, F_OK) == 0) {
			st_info(_("%s: already encoded"), path);
			free(path);
			continue;
		}
		/* Video alone: no sound (the decoder skips it), captions or
		 * chapters; those are the join's. */
		setups[m] = (struct enc_setup){.preset = s->preset, .path = path, .master = s->master,
					       .cut = enc_segplan_cut(sp, k), .video = s->video,
					       .threads = s->threads};
		paths[m++] = path;
	}
	return m;
}

/* Whether SP has one GOP per segment: the selection had fewer GOPs than
 * the segments asked.  A scheduler sizes its array before the plan exists
 * (--slurm), so a task past the last segment of such a plan has nothing to
 * do, and succeeds; past any other plan, K is refused. */
static bool one_gop_each(const struct enc_segplan *sp)
{
	return sp->n > 0 && sp->gop > 0 &&
	       ceil((sp->bounds[sp->n] - sp->bounds[0]) / sp->gop - 1e-3) <= sp->n;
}

int enc_segment_encode(const struct enc_source *src, const struct enc_plan *plan,
		       const struct enc_segplan *sp, int k)
{
	struct enc_setup *setups = st_xcalloc(plan->n, sizeof *setups);
	char **paths = st_xcalloc(plan->n, sizeof *paths);
	struct enc_decoder_opts read = plan->read;
	int64_t packets;
	size_t m = 0;
	int ret = ST_OK;

	if (k > sp->n && one_gop_each(sp)) {
		st_info(_("%s: segment %d: nothing to encode, the plan has %d segments"),
			src->session_dir, k, sp->n);
	} else if (k > sp->n) {
		st_error(_("cannot encode segment %d of %s: its plan has %d segments"), k,
			 src->session_dir, sp->n);
		ret = ST_USAGE;
	}
	if (ret == ST_OK && k <= sp->n)
		ret = st_safe_mkdir(src->session_dir, ENC_PARTS, NULL);
	if (ret == ST_OK && k <= sp->n)
		m = todo(src, plan, sp, k, setups, paths);
	if (ret == ST_OK && m) {
		struct enc_cut cut = enc_segplan_cut(sp, k);

		read.seek = cut.start;
		read.stop = cut.end;
		read.skip_audio = true;
		read.skip_video = read.watch_video = false;
		read.need_video = true;
		ret = enc_transcode(src->master, &read, &src->meta, setups, m, &packets);
	}
	for (size_t i = 0; i < m; i++)
		free(paths[i]);
	free(paths);
	free(setups);
	return ret;
}
