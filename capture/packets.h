/* packets.h — compressed pictures stored as delivered (MJPEG, H.264 from a
 * camera): which ones decode alone, and the H.264 parameter sets that
 * Matroska needs in its header.
 *
 * A UVC camera sends H.264 in Annex B form with its SPS and PPS in band,
 * and no extradata.  Matroska's header (CodecPrivate, the avcC record)
 * must hold them before the first picture is written, so the source runs
 * the first pictures through libavcodec's extract_extradata bitstream
 * filter until a keyframe yields them; the pictures themselves are kept
 * unchanged (the filter only reads them).  The Matroska muxer then turns
 * the Annex B extradata into avcC and each picture's start codes into
 * length prefixes: the NAL units are stored byte for byte. */
#ifndef CAPTURE_PACKETS_H
#define CAPTURE_PACKETS_H

#include <libavcodec/bsf.h>
#include <libavcodec/codec_par.h>
#include <libavcodec/packet.h>
#include <stdbool.h>

/* Stored as delivered: MJPEG and H.264. */
bool cap_packets_storable(enum AVCodecID id);

/* Sets or clears AV_PKT_FLAG_KEY on PKT from its content: every MJPEG
 * picture; an H.264 (Annex B) picture holding an IDR slice.  The flags a
 * device sets are not trusted (v4l2 sets none). */
void cap_packets_mark_key(enum AVCodecID id, AVPacket *pkt);

/* Parameter sets of H.264 pictures: create with cap_extradata_open() on
 * the stream's parameters, feed pictures with cap_extradata_feed() until
 * *FOUND (PAR->extradata is then set), free with cap_extradata_close().
 * LABEL names the source in messages. */
int cap_extradata_open(AVBSFContext **bsf, const AVCodecParameters *par, AVRational tb,
		       const char *label);
int cap_extradata_feed(AVBSFContext *bsf, const AVPacket *pkt, AVCodecParameters *par,
		       bool *found, const char *label);
void cap_extradata_close(AVBSFContext **bsf);

#endif
