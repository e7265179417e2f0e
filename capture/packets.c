/* packets.c — see packets.h. */
#include "packets.h"

#include <libavcodec/avcodec.h>
#include <libavutil/mem.h>
#include <string.h>

#include "msg.h"
#include "status.h"

#define H264_NAL_IDR 5

bool cap_packets_storable(enum AVCodecID id)
{
	return id == AV_CODEC_ID_MJPEG || id == AV_CODEC_ID_H264;
}

/* Scans the Annex B start codes (00 00 01) for a NAL unit of type 5. */
static bool has_idr(const uint8_t *p, int size)
{
	for (int i = 0; i + 3 < size; i++)
		if (p[i] == 0 && p[i + 1] == 0 && p[i + 2] == 1 && (p[i + 3] & 0x1f) == H264_NAL_IDR)
			return true;
	return false;
}

void cap_packets_mark_key(enum AVCodecID id, AVPacket *pkt)
{
	bool key = id == AV_CODEC_ID_MJPEG || (id == AV_CODEC_ID_H264 && has_idr(pkt->data, pkt->size));

	if (key)
		pkt->flags |= AV_PKT_FLAG_KEY;
	else
		pkt->flags &= ~AV_PKT_FLAG_KEY;
}

int cap_extradata_open(AVBSFContext **bsf, const AVCodecParameters *par, AVRational tb,
		       const char *label)
{
	const AVBitStreamFilter *f = av_bsf_get_by_name("extract_extradata");
	int ret;

	if (!f) {
		st_error(_("cannot read the H.264 parameter sets of %s: libavcodec has no "
			   "extract_extradata filter"), label);
		return ST_UNAVAILABLE;
	}
	ret = av_bsf_alloc(f, bsf);
	if (ret >= 0)
		ret = avcodec_parameters_copy((*bsf)->par_in, par);
	if (ret >= 0) {
		(*bsf)->time_base_in = tb;
		ret = av_bsf_init(*bsf);
	}
	if (ret < 0) {
		st_error(_("cannot read the H.264 parameter sets of %s: %s"), label, av_err2str(ret));
		return ST_UNAVAILABLE;
	}
	return ST_OK;
}

/* The filter gets a new reference to PKT's data and hands back the same
 * picture with the parameter sets attached as side data. */
int cap_extradata_feed(AVBSFContext *bsf, const AVPacket *pkt, AVCodecParameters *par,
		       bool *found, const char *label)
{
	AVPacket *tmp = av_packet_clone(pkt);
	size_t size;
	uint8_t *data;
	int ret;

	*found = false;
	if (!tmp)
		return ST_OSERR;
	ret = av_bsf_send_packet(bsf, tmp);
	while (ret >= 0) {
		ret = av_bsf_receive_packet(bsf, tmp);
		if (ret < 0)
			break;
		data = av_packet_get_side_data(tmp, AV_PKT_DATA_NEW_EXTRADATA, &size);
		if (data && size > 0 && !*found) {
			av_freep(&par->extradata);
			par->extradata = av_mallocz(size + AV_INPUT_BUFFER_PADDING_SIZE);
			if (!par->extradata) {
				av_packet_free(&tmp);
				return ST_OSERR;
			}
			memcpy(par->extradata, data, size);
			par->extradata_size = (int)size;
			*found = true;
		}
		av_packet_unref(tmp);
	}
	av_packet_free(&tmp);
	if (ret != AVERROR(EAGAIN) && ret != AVERROR_EOF) {
		st_error(_("cannot read the H.264 parameter sets of %s: %s"), label, av_err2str(ret));
		return ST_UNAVAILABLE;
	}
	return ST_OK;
}

void cap_extradata_close(AVBSFContext **bsf)
{
	av_bsf_free(bsf);
}
