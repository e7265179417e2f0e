/* avcompat.c — see avcompat.h. */
#include "avcompat.h"

#include <stddef.h>

int64_t st_frame_duration(const AVFrame *frame)
{
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(57, 30, 100)
	return frame->duration;
#else
	return frame->pkt_duration;
#endif
}

#if LIBAVCODEC_VERSION_INT >= AV_VERSION_INT(61, 13, 100)
/* The library's list of what C supports for WHAT, NULL when it does not
 * say (the only error, EINVAL, means the same for a codec we found). */
static const void *supported(const AVCodec *c, enum AVCodecConfig what)
{
	const void *list = NULL;

	if (avcodec_get_supported_config(NULL, c, what, 0, &list, NULL) < 0)
		return NULL;
	return list;
}

const enum AVPixelFormat *st_codec_pix_fmts(const AVCodec *c)
{
	return supported(c, AV_CODEC_CONFIG_PIX_FORMAT);
}

const enum AVSampleFormat *st_codec_sample_fmts(const AVCodec *c)
{
	return supported(c, AV_CODEC_CONFIG_SAMPLE_FORMAT);
}

const int *st_codec_sample_rates(const AVCodec *c)
{
	return supported(c, AV_CODEC_CONFIG_SAMPLE_RATE);
}
#else
const enum AVPixelFormat *st_codec_pix_fmts(const AVCodec *c)
{
	return c->pix_fmts;
}

const enum AVSampleFormat *st_codec_sample_fmts(const AVCodec *c)
{
	return c->sample_fmts;
}

const int *st_codec_sample_rates(const AVCodec *c)
{
	return c->supported_samplerates;
}
#endif
