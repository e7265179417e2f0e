/* transcode.c — the decode → filter → encode → mux loop. */
#include <stdlib.h>

#include "decode.h"
#include "msg.h"
#include "paths.h"
#include "progress.h"
#include "rendition.h"
#include "status.h"
#include "transcode.h"

/* Pushes every decoded frame to every rendition, then ends them all. */
static int run(struct enc_decoder *dec, struct enc_rendition *r, size_t n, const char *label)
{
	struct st_progress prog;
	AVFrame *frame = av_frame_alloc();
	int ret = frame ? ST_OK : ST_OSERR, lane;

	if (!frame)
		st_error(_("out of memory"));
	st_progress_init(&prog, label, dec->duration);
	while (ret == ST_OK && (ret = enc_decoder_next(dec, frame, &lane)) == ST_OK && lane >= 0) {
		if (frame->pts != AV_NOPTS_VALUE)
			st_progress_update(&prog, frame->pts * av_q2d(dec->st[lane]->time_base));
		for (size_t i = 0; i < n && ret == ST_OK; i++)
			ret = enc_rendition_send(&r[i], lane, frame);
		av_frame_unref(frame);
	}
	for (size_t i = 0; i < n && ret == ST_OK; i++)
		ret = enc_rendition_finish(&r[i], dec);
	st_progress_end(&prog);
	av_frame_free(&frame);
	return ret;
}

int enc_transcode(const char *master, const struct st_meta *meta,
		  const struct enc_job *jobs, size_t n, const char *label)
{
	struct enc_decoder dec;
	struct enc_rendition *r = st_xcalloc(n, sizeof *r);
	int ret = enc_decoder_open(&dec, master);

	for (size_t i = 0; i < n && ret == ST_OK; i++)
		ret = enc_rendition_open(&r[i], jobs[i].preset, jobs[i].path, &dec, meta);
	if (ret == ST_OK)
		ret = run(&dec, r, n, label);
	if (ret == ST_OK && dec.damaged)
		st_warn(_("%s: %d damaged packets skipped"), master, dec.damaged);
	for (size_t i = 0; i < n && ret == ST_OK; i++)
		ret = enc_rendition_commit(&r[i]);
	for (size_t i = 0; i < n; i++)
		enc_rendition_close(&r[i]);
	enc_decoder_close(&dec);
	free(r);
	return ret;
}
