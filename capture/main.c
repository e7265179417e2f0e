/* studio-capture — records a studio session into a session folder:
 * options → sources → session folder checks → master writer → recording
 * (test sources: record.h; devices: live.h) → session.json. */
#include <libavutil/log.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audio.h"
#include "describe.h"
#include "devices.h"
#include "disk.h"
#include "libnoise.h"
#include "live.h"
#include "manifest.h"
#include "human.h"
#include "msg.h"
#include "paths.h"
#include "probe.h"
#include "record.h"
#include "recover.h"
#include "session.h"
#include "source.h"
#include "standby.h"
#include "status.h"
#include "stop.h"
#include "video.h"
#include "writer.h"

/* Bytes per second the master may need: PCM sound at its raw size (FLAC
 * is smaller), video at 0.3 bit per pixel (x264 CRF 18 on camera pictures
 * is usually below, and so is a camera's H.264), or 2.5 for a camera's
 * MJPEG stored as delivered (about quality 85 at 4:2:2). */
static double data_rate(const struct cap_pcm_spec *pcm, const struct cap_source_info *video)
{
	double rate = 0;

	if (pcm)
		rate += (double)pcm->channels * pcm->rate * cap_sample_bytes(pcm->format);
	else
		rate += 48000 * 3;
	if (video)
		rate += video->width * video->height * av_q2d(video->frame_rate) *
			(video->copy && video->copy->codec_id == AV_CODEC_ID_MJPEG ? 2.5 : 0.3) / 8;
	return rate;
}

/* Session folder, free space, the start and the metadata written down,
 * the master created with them as its tags: everything a recording needs
 * before its first sample.  *TITLE: the session's title for the meter
 * (malloc'ed, NULL when none). */
static int start(const struct cap_opts *o, struct cap_writer_spec *spec, double rate,
		 struct cap_writer **w, const char *master, char **title)
{
	struct st_meta meta;
	bool has_meta = false;
	int rc = cap_session_prepare(o->session);

	if (rc == ST_OK)
		rc = cap_disk_check_start(o->session, rate, o->duration);
	if (rc == ST_OK)
		rc = cap_session_begin(o->session, o, spec->started);
	if (rc == ST_OK)
		rc = cap_session_meta(o->session, &meta);
	has_meta = rc == ST_OK;
	spec->meta = has_meta ? &meta : NULL;
	*title = has_meta && meta.title && *meta.title ? st_xstrdup(meta.title) : NULL;
	if (rc == ST_OK)
		rc = cap_stop_install();
	if (rc == ST_OK)
		rc = cap_writer_open(w, master, spec);
	spec->meta = NULL;
	if (has_meta)
		st_meta_free(&meta);
	return rc;
}

/* Finishes the master and records it; RC is how the recording ended. */
static int finish(const struct cap_opts *o, struct cap_writer *w, struct cap_capture *c,
		  const char *master, int rc)
{
	struct cap_description d;
	char len[ST_HUMAN_LEN];
	int frc = cap_writer_finish(w);

	if (frc == ST_OK && cap_writer_failed(w))
		frc = cap_probe_master(master, &d);
	else if (frc == ST_OK)
		cap_describe_writer(w, &d);
	if (frc == ST_OK) {
		c->desc = &d;
		frc = cap_session_record(o->session, c);
	}
	st_htime(len, sizeof len, d.duration, 1, NULL);
	if (frc == ST_OK && rc == ST_OK)
		st_info(_("recorded %s to %s"), len, master);
	else if (frc == ST_OK)
		st_info(_("kept %s recorded in %s"), len, master);
	return rc != ST_OK ? rc : frc;
}

/* finish() for the paths read on the main thread (record.h), which lose
 * nothing and end on an error, a stop request or the duration; MARKERS
 * those dropped on the rehearsal's meter (NULL: none). */
static int finish_read(const struct cap_opts *o, struct cap_writer *w, const char *started,
		       const char *source, const struct cap_markers *markers, const char *master,
		       int rc)
{
	const char *end = rc != ST_OK ? "error" : cap_stop_requested() ? "stopped" : "duration";
	struct cap_capture c = {.started = started, .source = source, .end = end,
				.counted = true, .markers = markers};

	return finish(o, w, &c, master, rc);
}

static int record_test(const struct cap_opts *o, const char *master)
{
	struct cap_source *src = NULL;
	struct cap_writer *w = NULL;
	struct cap_markers *markers = st_xcalloc(1, sizeof *markers);
	char started[32], *title = NULL;
	int rc;

	st_iso8601_now(started);
	rc = cap_source_open_test(&src, &o->video);
	if (rc == ST_OK) {
		const struct cap_source_info *in = cap_source_info(src);
		struct cap_writer_spec spec = {in, in, NULL, "test", started, NULL};

		rc = start(o, &spec, data_rate(NULL, in), &w, master, &title);
	}
	if (rc != ST_OK)
		goto out;
	{
		struct cap_rehearsal rh = {!o->no_meter && !o->quiet && !o->json, o->session, title,
					   _("the test sources"), markers};

		rc = finish_read(o, w, started, "test", markers, master,
				 cap_record(src, w, o->duration, &rh));
	}
out:
	cap_writer_free(&w);
	cap_source_close(&src);
	cap_markers_free(markers);
	free(markers);
	free(title);
	return rc;
}

/* The screen (x11) alone (--no-audio) or with the test tone
 * (--test-sources): the grabber sets the pace. */
static int record_screen(const struct cap_opts *o, const char *master)
{
	/* The test sources' own pattern, tiny and slow: only their sound is kept. */
	const struct cap_video_spec tiny = {.kind = CAP_VIDEO_TEST, .width = 16, .height = 16,
					    .fps = 1};
	struct cap_source *screen = NULL, *tone = NULL;
	struct cap_writer *w = NULL;
	char started[32], kind[CAP_KIND_LEN] = "", *source = NULL, *title = NULL;
	int rc;

	st_iso8601_now(started);
	rc = cap_video_open(&screen, &o->video, kind);
	if (rc == ST_OK && o->test_sources)
		rc = cap_source_open_test(&tone, &tiny);
	if (rc != ST_OK)
		goto out;
	source = st_strdup_printf("%s%s", tone ? "test + " : "", kind);
	{
		const struct cap_source_info *v = cap_source_info(screen);
		struct cap_writer_spec spec = {v, tone ? cap_source_info(tone) : NULL, NULL, source,
					       started, NULL};

		rc = start(o, &spec, data_rate(NULL, v), &w, master, &title);
	}
	if (rc != ST_OK)
		goto out;
	rc = finish_read(o, w, started, source, NULL, master,
			 cap_record_screen(screen, tone, w, o->duration));
out:
	cap_writer_free(&w);
	cap_source_close(&tone);
	cap_source_close(&screen);
	free(source);
	free(title);   /* no meter on this path: a progress line */
	return rc;
}

/* session.json's "end" of a device recording that returned RC. */
static const char *end_reason(int rc, const struct cap_live_result *res)
{
	if (res->end)
		return res->end;
	if (rc == ST_NOSPACE)
		return "disk-full";
	if (rc != ST_OK)
		return "error";
	return cap_stop_requested() ? "stopped" : "duration";
}

/* Before waiting in standby: a session folder that exists is checked as
 * a recording's start checks it (refused when it holds a recording), so
 * that the refusal does not come after the key; one that does not exist
 * is left to be created at the key. */
static int check_before_standby(const struct cap_opts *o)
{
	int rc = cap_standby_catch();

	if (rc == ST_OK && access(o->session, F_OK) == 0)
		rc = cap_session_prepare(o->session);
	return rc;
}

/* The title the standby screen shows, before session.json is written (the
 * recording's meter then shows the one written there, the same): the last
 * --title in the main language, else an existing session's.  Malloc'ed;
 * NULL when none. */
static char *standby_title(const struct cap_opts *o)
{
	struct st_meta meta;
	char *title = NULL, *path;

	for (size_t i = o->n_titles; i-- > 0;)
		if (!*o->titles[i].lang || strcmp(o->titles[i].lang, o->language) == 0)
			return st_xstrdup(o->titles[i].text);
	path = st_path_join(o->session, ST_SESSION_FILE);
	if (st_is_file(path) && cap_session_meta(o->session, &meta) == ST_OK) {
		title = meta.title && *meta.title ? st_xstrdup(meta.title) : NULL;
		st_meta_free(&meta);
	}
	free(path);
	return title;
}

/* --standby: waits with the device running; *GO when the recording is to
 * start, and STARTED is then the time of the first pre-rolled sample. */
static int stand_by(const struct cap_opts *o, struct cap_audio *a, struct cap_standby *sb,
		    char started[32], bool *go)
{
	char *title = standby_title(o);
	struct cap_standby_spec spec = {o->pre_roll, !o->no_meter && !o->quiet, o->json, title,
					o->duration};
	int rc = cap_standby_wait(sb, a, &o->pcm, &spec, go);

	free(title);
	if (rc == ST_OK && *go)
		st_iso8601_at(time(NULL) - (time_t)llround((double)sb->frames / o->pcm.rate), started);
	return rc;
}

/* Device path: audio (and maybe video) opened before anything is created. */
static int record_live(const struct cap_opts *o, const char *master)
{
	/* In standby the device runs until the key: the limit is the
	 * recording's (live.c), not the device's. */
	struct cap_audio_spec aspec = {o->audio, o->pcm,
				       o->standby ? 0 : llround(o->duration * o->pcm.rate)};
	struct cap_standby sb = {0};
	bool go = true;
	struct cap_audio *a = NULL;
	struct cap_source *v = NULL;
	struct cap_writer *w = NULL;
	struct cap_source_info vinfo;
	struct cap_live_result *res = st_xcalloc(1, sizeof *res);
	char started[32], vkind[CAP_KIND_LEN] = "", *source = NULL, *title = NULL;
	int rc;

	st_iso8601_now(started);
	rc = o->standby ? check_before_standby(o) : ST_OK;
	cap_noise_start();   /* until the device is closed */
	if (rc == ST_OK)
		rc = cap_audio_open(&a, &aspec);
	if (rc == ST_OK)
		rc = cap_video_open(&v, &o->video, vkind);
	if (rc == ST_OK && o->standby)
		rc = stand_by(o, a, &sb, started, &go);
	if (rc != ST_OK || !go)
		goto out;
	if (v) {
		vinfo = *cap_source_info(v);
		vinfo.video_tb = (AVRational){1, 1000000};   /* live.c stamps in microseconds */
	}
	source = st_strdup_printf("%s:%s%s%s", cap_audio_host_api(a), cap_audio_name(a),
				  *vkind ? " + " : "", vkind);
	{
		struct cap_writer_spec spec = {v ? &vinfo : NULL, NULL, &o->pcm, source, started,
					       NULL};

		rc = start(o, &spec, data_rate(&o->pcm, v ? &vinfo : NULL), &w, master, &title);
	}
	if (rc != ST_OK)
		goto out;
	{
		struct cap_live l = {a, v, w, &o->pcm, o->session, master, o->duration,
				     !o->no_meter && !o->quiet, o->json, title,
				     o->standby ? &sb : NULL};
		struct cap_capture c;

		rc = cap_live_record(&l, res);
		c = (struct cap_capture){
			.started = started, .source = source, .end = end_reason(rc, res),
			.audio_format = cap_sample_format_name(o->pcm.format), .counted = true,
			.dropped_samples = res->audio.dropped, .overflows = res->audio.overflows,
			.dropped_frames = res->dropped_frames, .has_video_offset = v != NULL,
			.video_offset = res->video_offset, .markers = &res->markers};
		rc = finish(o, w, &c, master, rc);
	}
out:
	cap_writer_free(&w);
	cap_source_close(&v);
	cap_audio_close(&a);
	cap_standby_free(&sb);
	cap_noise_stop();
	cap_markers_free(&res->markers);
	free(source);
	free(title);
	free(res);
	return rc;
}

static int run(const struct cap_opts *o)
{
	char *master;
	int rc;

	if (o->list_devices)
		return cap_list_devices(o->json);
	if (o->recover)
		return cap_recover(o->recover, true);
	if (o->describe)
		return cap_describe(o);
	master = st_path_join(o->session, CAP_MASTER_FILE);
	if (o->video.kind == CAP_VIDEO_X11 && (o->no_audio || o->test_sources))
		rc = record_screen(o, master);
	else
		rc = o->test_sources ? record_test(o, master) : record_live(o, master);
	free(master);
	return rc;
}

int main(int argc, char **argv)
{
	struct cap_opts o;
	int rc;

	st_msg_init(argv[0]);
	/* Past the file size limit (ulimit -f) a write fails with EFBIG, which
	 * the writer treats as a full disk (playable master, exit 79), instead
	 * of SIGXFSZ killing the process; libpulse's shm ftruncate also raises
	 * it under a small limit. */
	signal(SIGXFSZ, SIG_IGN);
	/* Every failure is reported once, by us, with the library's error
	 * text; FFmpeg's own log would add lines (and libx264 chatters). */
	av_log_set_level(AV_LOG_QUIET);
	cap_opts_init(&o);
	rc = cap_opts_parse(&o, argc, argv);
	if (rc == ST_OK && !o.done) {
		st_msg_set_quiet(o.quiet);
		rc = run(&o);
	}
	cap_opts_free(&o);
	return rc;
}
