/* measure.c — reading an output back with libavformat. */
#include <string.h>

#include <libavformat/avformat.h>

#include "loudness.h"
#include "measure.h"
#include "msg.h"
#include "paths.h"
#include "status.h"

static void read_streams(const AVFormatContext *fmt, struct enc_measure *m)
{
	for (unsigned i = 0; i < fmt->nb_streams; i++) {
		const AVCodecParameters *par = fmt->streams[i]->codecpar;

		if (par->codec_type == AVMEDIA_TYPE_VIDEO && !m->video_codec) {
			m->video_codec = avcodec_get_name(par->codec_id);
			m->width = par->width;
			m->height = par->height;
		} else if (par->codec_type == AVMEDIA_TYPE_AUDIO && !m->audio_codec) {
			m->audio_codec = avcodec_get_name(par->codec_id);
		}
	}
}

int enc_measure(const char *path, struct enc_measure *m)
{
	AVFormatContext *fmt = NULL;
	int ret;

	memset(m, 0, sizeof *m);
	ret = st_file_sha256(path, m->sha256, &m->bytes);
	if (ret != ST_OK)
		return ret;
	ret = avformat_open_input(&fmt, path, NULL, NULL);
	if (ret >= 0)
		ret = avformat_find_stream_info(fmt, NULL);
	if (ret < 0) {
		st_error(_("cannot read back %s: %s"), path, av_err2str(ret));
		avformat_close_input(&fmt);
		return ST_IOERR;
	}
	if (fmt->duration != AV_NOPTS_VALUE && fmt->duration > 0) {
		m->duration = fmt->duration / (double)AV_TIME_BASE;
		m->bitrate = (int64_t)(m->bytes * 8 / m->duration + 0.5);
	}
	read_streams(fmt, m);
	avformat_close_input(&fmt);
	if (m->audio_codec) {
		struct enc_cut whole = {0};

		return enc_loudness_measure(path, 0, &whole, "", &m->loudness, NULL);
	}
	return ST_OK;
}
