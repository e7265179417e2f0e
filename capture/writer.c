/* writer.c — the master file: creation, AVIO on our own descriptor, the
 * shared muxer, sync, trailer. */
#include "writer_int.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "avcompat.h"
#include "msg.h"
#include "paths.h"
#include "progress.h"
#include "status.h"

#define IO_BUFFER (64 * 1024)

static void keep_max(_Atomic int64_t *max, int64_t v)
{
	int64_t old = atomic_load(max);

	while (v > old && !atomic_compare_exchange_weak(max, &old, v))
		;
}

/* AVIO callbacks on w->fd; errors are remembered for the exit code. */
static int io_write(void *opaque, st_avio_wbuf *buf, int size)
{
	struct cap_writer *w = opaque;
	int done = 0;

	while (done < size) {
		int64_t t0 = st_now_ns();
		ssize_t n = write(w->fd, buf + done, (size_t)(size - done));

		keep_max(&w->max_write_ns, st_now_ns() - t0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : ENOSPC;
			int zero = 0;

			atomic_compare_exchange_strong(&w->io_errno, &zero, e);
			return AVERROR(e);
		}
		done += (int)n;
		atomic_fetch_add(&w->bytes, n);
	}
	return size;
}

static int64_t io_seek(void *opaque, int64_t offset, int whence)
{
	struct cap_writer *w = opaque;
	struct stat sb;
	off_t r;

	if (whence & AVSEEK_SIZE) {
		if (fstat(w->fd, &sb) != 0)
			return AVERROR(errno);
		return sb.st_size;
	}
	r = lseek(w->fd, offset, whence & ~AVSEEK_FORCE);
	return r < 0 ? AVERROR(errno) : r;
}

/* One message for a failed write; a full disk (or file size limit) gets
 * its own status so that the caller can stop cleanly. */
int cap_writer_io_error(struct cap_writer *w, int ret)
{
	int e = atomic_load(&w->io_errno);
	bool full = e == ENOSPC || e == EFBIG || e == EDQUOT;

	if (atomic_exchange(&w->reported, true))
		return full ? ST_NOSPACE : ST_IOERR;
	if (full) {
		st_error(_("disk full: cannot write %s: %s"), w->path, strerror(e));
		return ST_NOSPACE;
	}
	st_error(_("cannot write %s: %s"), w->path, e ? strerror(e) : av_err2str(ret));
	return ST_IOERR;
}

/* The file under its final name, never replacing one, and its entry made
 * durable at once. */
static int create_file(struct cap_writer *w)
{
	char *copy = st_xstrdup(w->path);
	int dfd, rc = ST_OK;

	w->fd = open(w->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (w->fd < 0) {
		if (errno == EEXIST)
			st_error(_("%s already exists: refusing to overwrite it"), w->path);
		else
			st_error(_("cannot create %s: %s"), w->path, strerror(errno));
		rc = ST_CANTCREAT;
	} else if (flock(w->fd, LOCK_EX | LOCK_NB) != 0) {
		st_error(_("cannot lock %s: %s"), w->path, strerror(errno));
		rc = ST_CANTCREAT;
	} else {
		dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	free(copy);
	return rc;
}

static int open_output(struct cap_writer *w)
{
	uint8_t *buf;
	int ret;

	ret = avformat_alloc_output_context2(&w->fmt, NULL, "matroska", w->path);
	if (ret < 0) {
		st_error(_("cannot create %s: %s"), w->path, av_err2str(ret));
		return ST_UNAVAILABLE;
	}
	buf = av_malloc(IO_BUFFER);
	if (!buf)
		return ST_OSERR;
	w->fmt->pb = avio_alloc_context(buf, IO_BUFFER, 1, w, NULL, io_write, io_seek);
	if (!w->fmt->pb) {
		av_free(buf);
		return ST_OSERR;
	}
	w->fmt->flags |= AVFMT_FLAG_CUSTOM_IO | AVFMT_FLAG_FLUSH_PACKETS;
	/* In the header, for a recovery that has only the file. */
	if (w->spec.source)
		av_dict_set(&w->fmt->metadata, "STUDIO_SOURCE", w->spec.source, 0);
	if (w->spec.started)
		av_dict_set(&w->fmt->metadata, "STUDIO_STARTED", w->spec.started, 0);
	if (w->spec.meta && (st_meta_to_avdict(w->spec.meta, &w->fmt->metadata) != ST_OK ||
			     av_dict_set(&w->fmt->metadata, "producer", w->spec.meta->producer, 0) < 0))
		return ST_OSERR;
	/* A late stream (video behind sound) holds the others back at most
	 * half a second before they are written anyway. */
	w->fmt->max_interleave_delta = 500000;
	return ST_OK;
}

int cap_writer_add_stream(struct cap_writer *w, struct cap_track *t)
{
	AVStream *st = avformat_new_stream(w->fmt, NULL);
	int ret;

	if (!st)
		return ST_OSERR;
	ret = avcodec_parameters_from_context(st->codecpar, t->enc);
	if (ret < 0) {
		st_error(_("cannot set up %s: %s"), w->path, av_err2str(ret));
		return ST_SOFTWARE;
	}
	st->time_base = t->enc->time_base;
	st->avg_frame_rate = t->enc->framerate;
	t->st = st;
	t->tb = t->enc->time_base;
	return ST_OK;
}

/* Short clusters, each packet written out as soon as it is muxed: what is
 * muxed is in the file (page cache) at once, on disk at the next sync. */
static int write_header(struct cap_writer *w)
{
	AVDictionary *opts = NULL;
	int ret;

	av_dict_set(&opts, "cluster_time_limit", "500", 0);
	av_dict_set(&opts, "flush_packets", "1", 0);
	ret = avformat_write_header(w->fmt, &opts);
	av_dict_free(&opts);
	if (ret < 0)
		return cap_writer_io_error(w, ret);
	return ST_OK;
}

int cap_writer_mux(struct cap_writer *w, struct cap_track *t, AVPacket *pkt)
{
	int ret;

	av_packet_rescale_ts(pkt, t->tb, t->st->time_base);
	pkt->stream_index = t->st->index;
	pthread_mutex_lock(&w->mux_lock);
	ret = av_interleaved_write_frame(w->fmt, pkt);
	if (ret >= 0)
		w->good_size = avio_tell(w->fmt->pb);
	pthread_mutex_unlock(&w->mux_lock);
	return ret < 0 ? cap_writer_io_error(w, ret) : ST_OK;
}

int cap_writer_encode(struct cap_writer *w, struct cap_track *t, AVPacket *pkt,
		      const AVFrame *frame)
{
	int ret = avcodec_send_frame(t->enc, frame);
	int rc;

	while (ret >= 0) {
		ret = avcodec_receive_packet(t->enc, pkt);
		if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
			return ST_OK;
		if (ret < 0)
			break;
		/* libx264 in FFmpeg 5.1 leaves the duration unset: one frame. */
		if (pkt->duration <= 0 && t->enc->codec_type == AVMEDIA_TYPE_VIDEO)
			pkt->duration = w->video_step;
		rc = cap_writer_mux(w, t, pkt);
		if (rc != ST_OK)
			return rc;
	}
	st_error(_("cannot encode %s: %s"), w->path, av_err2str(ret));
	return ST_SOFTWARE;
}

static void describe(struct cap_writer *w)
{
	struct cap_master *m = &w->master;
	const AVCodecContext *a = w->tracks[0].enc;

	if (w->video.st) {
		m->video_codec = avcodec_get_name(w->video.st->codecpar->codec_id);
		m->width = w->video.st->codecpar->width;
		m->height = w->video.st->codecpar->height;
		m->fps = w->spec.video->frame_rate;
	}
	if (a) {
		m->audio_codec = avcodec_get_name(a->codec_id);
		m->sample_rate = a->sample_rate;
		m->channels = a->ch_layout.nb_channels;
		m->audio_tracks = w->n_tracks;
		m->per_channel = w->spec.pcm != NULL;
		m->bits = a->bits_per_raw_sample ? a->bits_per_raw_sample
						 : av_get_bytes_per_sample(a->sample_fmt) * 8;
	}
}

int cap_writer_open(struct cap_writer **out, const char *final_path,
		    const struct cap_writer_spec *spec)
{
	struct cap_writer *w = st_xcalloc(1, sizeof *w);
	int rc;

	w->spec = *spec;
	w->path = st_xstrdup(final_path);
	w->fd = -1;
	w->lock_ready = pthread_mutex_init(&w->mux_lock, NULL) == 0;
	w->vpkt = av_packet_alloc();
	w->apkt = av_packet_alloc();
	if (!w->lock_ready || !w->vpkt || !w->apkt) {
		rc = ST_OSERR;
		goto fail;
	}
	rc = create_file(w);
	if (rc == ST_OK)
		rc = open_output(w);
	if (rc == ST_OK && spec->video)
		rc = spec->video->copy ? cap_writer_open_copy(w) : cap_writer_open_video(w);
	if (rc == ST_OK && spec->audio)
		rc = cap_writer_open_tone(w);
	if (rc == ST_OK && spec->pcm)
		rc = cap_writer_open_pcm(w);
	if (rc == ST_OK)
		rc = write_header(w);
	if (rc != ST_OK)
		goto fail;
	describe(w);
	*out = w;
	return ST_OK;
fail:
	cap_writer_free(&w);
	return rc;
}

double cap_writer_audio_duration(const struct cap_writer *w)
{
	const AVCodecContext *a = w->tracks[0].enc;

	return a ? (double)atomic_load(&w->samples) / a->sample_rate : 0;
}

double cap_writer_duration(const struct cap_writer *w)
{
	double video = 0, audio = cap_writer_audio_duration(w);

	if (w->video.st)
		video = atomic_load(&w->video_end) * av_q2d(w->video.tb);
	return video > audio ? video : audio;
}

void cap_writer_stats(const struct cap_writer *w, struct cap_writer_stats *out)
{
	out->bytes = atomic_load(&w->bytes);
	out->max_write_s = atomic_load(&w->max_write_ns) / 1e9;
	out->max_sync_s = atomic_load(&w->max_sync_ns) / 1e9;
	out->io_errno = atomic_load(&w->io_errno);
}

/* Packets are already written out (flush_packets): only the disk is
 * waited for, without holding the muxer. */
int cap_writer_sync(struct cap_writer *w)
{
	int64_t t0 = st_now_ns();

	if (fsync(w->fd) != 0) {
		st_error(_("cannot write %s: %s"), w->path, strerror(errno));
		return ST_IOERR;
	}
	keep_max(&w->max_sync_ns, st_now_ns() - t0);
	return ST_OK;
}

/* After a failed write (a full disk), the file is cut back to the end of
 * the last whole cluster, so that it ends cleanly; the index cannot be
 * written. */
static int salvage(struct cap_writer *w)
{
	if (ftruncate(w->fd, w->good_size) != 0 || fsync(w->fd) != 0) {
		st_error(_("cannot write %s: %s"), w->path, strerror(errno));
		return ST_IOERR;
	}
	return ST_OK;
}

void cap_writer_already_reported(struct cap_writer *w)
{
	atomic_store(&w->reported, true);
}

bool cap_writer_failed(const struct cap_writer *w)
{
	return atomic_load(&w->io_errno) != 0;
}

int cap_writer_finish(struct cap_writer *w)
{
	int ret, rc = ST_OK;

	if (cap_writer_failed(w))
		return salvage(w);

	if (w->spec.audio)
		rc = cap_writer_drain_tone(w);
	if (rc == ST_OK && w->spec.pcm)
		rc = cap_writer_drain_pcm(w);
	if (rc == ST_OK && w->video.enc)
		rc = cap_writer_encode(w, &w->video, w->vpkt, NULL);
	if (rc != ST_OK)
		return cap_writer_failed(w) ? salvage(w) : rc;
	ret = av_write_trailer(w->fmt);
	if (ret >= 0)
		avio_flush(w->fmt->pb);
	if (ret < 0 || w->fmt->pb->error < 0) {
		rc = cap_writer_io_error(w, ret < 0 ? ret : w->fmt->pb->error);
		return cap_writer_failed(w) ? salvage(w) : rc;
	}
	rc = cap_writer_sync(w);
	if (rc != ST_OK)
		return rc;
	w->master.duration = cap_writer_duration(w);
	w->finished = true;
	return ST_OK;
}

const struct cap_master *cap_writer_master(const struct cap_writer *w)
{
	return &w->master;
}

static void free_track(struct cap_track *t)
{
	avcodec_free_context(&t->enc);
	av_frame_free(&t->frame);
}

void cap_writer_free(struct cap_writer **wp)
{
	struct cap_writer *w = *wp;

	if (!w)
		return;
	if (w->fmt && w->fmt->pb) {
		av_freep(&w->fmt->pb->buffer);
		avio_context_free(&w->fmt->pb);
	}
	avformat_free_context(w->fmt);
	if (w->fd >= 0)
		close(w->fd);
	free_track(&w->video);
	for (int i = 0; i < CAP_MAX_TRACKS; i++)
		free_track(&w->tracks[i]);
	sws_freeContext(w->sws);
	swr_free(&w->swr);
	if (w->fifo)
		av_audio_fifo_free(w->fifo);
	av_frame_free(&w->picture);
	av_frame_free(&w->sound);
	av_packet_free(&w->vpkt);
	av_packet_free(&w->apkt);
	if (w->lock_ready)
		pthread_mutex_destroy(&w->mux_lock);
	free(w->path);
	free(w);
	*wp = NULL;
}

int cap_sample_bytes(enum cap_sample_format format)
{
	return format == CAP_S16 ? 2 : format == CAP_S24 ? 3 : 4;
}

const char *cap_sample_format_name(enum cap_sample_format format)
{
	return format == CAP_S16 ? "s16" : format == CAP_S24 ? "s24" : "f32";
}
