/* studio-capture — records a studio session into a session folder:
 * options → session folder checks → source → master writer → recording
 * loop → session.json. */
#include <libavutil/log.h>
#include <stdlib.h>

#include "manifest.h"
#include "msg.h"
#include "paths.h"
#include "record.h"
#include "session.h"
#include "source.h"
#include "status.h"
#include "stop.h"
#include "writer.h"

static int record_session(const struct cap_opts *o)
{
	char *master = st_path_join(o->session, CAP_MASTER_FILE);
	struct cap_source *src = NULL;
	struct cap_writer *w = NULL;
	char started[32];
	int rc;

	rc = cap_session_prepare(o->session);
	if (rc == ST_OK)
		rc = cap_stop_install();
	if (rc == ST_OK)
		rc = cap_source_open_test(&src, &o->video);
	if (rc == ST_OK)
		rc = cap_writer_open(&w, master, cap_source_info(src));
	if (rc != ST_OK)
		goto out;
	st_iso8601_now(started);
	rc = cap_record(src, w, o->duration);
	if (rc == ST_OK)
		rc = cap_writer_finish(w);
	if (rc == ST_OK)
		rc = cap_session_record(o->session, o, &(struct cap_capture){
			started, cap_source_info(src), cap_writer_master(w)});
	if (rc == ST_OK)
		st_info(_("recorded %.1f s to %s"), cap_writer_master(w)->duration, master);
out:
	cap_writer_free(&w);
	cap_source_close(&src);
	free(master);
	return rc;
}

int main(int argc, char **argv)
{
	struct cap_opts o;
	int rc;

	st_msg_init(argv[0]);
	/* Every failure is reported once, by us, with the library's error
	 * text; FFmpeg's own log would add lines (and libx264 chatters). */
	av_log_set_level(AV_LOG_QUIET);
	cap_opts_init(&o);
	rc = cap_opts_parse(&o, argc, argv);
	if (rc == ST_OK && !o.done) {
		st_msg_set_quiet(o.quiet);
		rc = record_session(&o);
	}
	cap_opts_free(&o);
	return rc;
}
