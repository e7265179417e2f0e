/* Unit tests for capture/packets.c: which compressed pictures decode
 * alone, and the H.264 parameter sets taken from a keyframe with
 * extract_extradata.  The H.264 pictures come from libx264 itself (Annex
 * B, parameter sets in band, no global header: what a UVC camera sends).
 * (packets.c lives in capture/; it is compiled into this test directly.) */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libavcodec/avcodec.h>
#include <libavutil/opt.h>
#include <string.h>

#include "../../capture/packets.c"

static void set_data(AVPacket *p, const uint8_t *data, int size)
{
	av_packet_unref(p);
	assert_int_equal(av_new_packet(p, size), 0);
	memcpy(p->data, data, size);
}

static void test_mark_key(void **state)
{
	static const uint8_t idr4[] = {0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 1, 0x65, 9};
	static const uint8_t idr3[] = {0, 0, 1, 0x25, 9, 9};   /* nal_ref_idc 1, type 5 */
	static const uint8_t slice[] = {0, 0, 0, 1, 0x41, 9, 9, 9};
	static const uint8_t params[] = {0, 0, 0, 1, 0x67, 1, 0, 0, 1, 0x68, 2};
	static const uint8_t cut[] = {0, 0, 1};
	AVPacket *p = av_packet_alloc();

	(void)state;
	set_data(p, slice, sizeof slice);
	cap_packets_mark_key(AV_CODEC_ID_MJPEG, p);
	assert_true(p->flags & AV_PKT_FLAG_KEY);          /* every MJPEG picture */
	cap_packets_mark_key(AV_CODEC_ID_H264, p);
	assert_false(p->flags & AV_PKT_FLAG_KEY);         /* a flag set before is cleared */
	set_data(p, idr4, sizeof idr4);
	cap_packets_mark_key(AV_CODEC_ID_H264, p);
	assert_true(p->flags & AV_PKT_FLAG_KEY);
	set_data(p, idr3, sizeof idr3);
	cap_packets_mark_key(AV_CODEC_ID_H264, p);
	assert_true(p->flags & AV_PKT_FLAG_KEY);
	set_data(p, params, sizeof params);
	cap_packets_mark_key(AV_CODEC_ID_H264, p);
	assert_false(p->flags & AV_PKT_FLAG_KEY);         /* parameter sets alone */
	set_data(p, cut, sizeof cut);
	cap_packets_mark_key(AV_CODEC_ID_H264, p);
	assert_false(p->flags & AV_PKT_FLAG_KEY);
	assert_true(cap_packets_storable(AV_CODEC_ID_H264));
	assert_true(cap_packets_storable(AV_CODEC_ID_MJPEG));
	assert_false(cap_packets_storable(AV_CODEC_ID_RAWVIDEO));
	av_packet_free(&p);
}

/* Encodes N pictures with libx264 (a keyframe every 3) into PKTS. */
static int encode(AVPacket **pkts, int n)
{
	const AVCodec *codec = avcodec_find_encoder_by_name("libx264");
	AVCodecContext *c = avcodec_alloc_context3(codec);
	AVFrame *f = av_frame_alloc();
	int got = 0;

	assert_non_null(c);
	c->width = 64;
	c->height = 48;
	c->pix_fmt = AV_PIX_FMT_YUV420P;
	c->time_base = (AVRational){1, 25};
	c->gop_size = 3;
	c->max_b_frames = 0;
	av_opt_set(c->priv_data, "preset", "ultrafast", 0);
	av_opt_set(c->priv_data, "x264-params", "repeat-headers=1", 0);
	assert_int_equal(avcodec_open2(c, codec, NULL), 0);
	f->format = c->pix_fmt;
	f->width = c->width;
	f->height = c->height;
	assert_int_equal(av_frame_get_buffer(f, 0), 0);
	for (int i = 0; i <= n && got < n; i++) {
		if (i < n) {
			assert_int_equal(av_frame_make_writable(f), 0);
			for (int y = 0; y < 48; y++)
				memset(f->data[0] + y * f->linesize[0], (i * 37 + y) & 0xff, 64);
			memset(f->data[1], 128, f->linesize[1] * 24);
			memset(f->data[2], 128, f->linesize[2] * 24);
			f->pts = i;
		}
		assert_true(avcodec_send_frame(c, i < n ? f : NULL) >= 0);
		while (got < n) {
			pkts[got] = av_packet_alloc();
			if (avcodec_receive_packet(c, pkts[got]) < 0) {
				av_packet_free(&pkts[got]);
				break;
			}
			got++;
		}
	}
	av_frame_free(&f);
	avcodec_free_context(&c);
	return got;
}

static bool has_nal(const uint8_t *p, int size, int type)
{
	for (int i = 0; i + 3 < size; i++)
		if (p[i] == 0 && p[i + 1] == 0 && p[i + 2] == 1 && (p[i + 3] & 0x1f) == type)
			return true;
	return false;
}

static void test_parameter_sets(void **state)
{
	AVPacket *pkts[6] = {0};
	AVCodecParameters *par = avcodec_parameters_alloc();
	AVBSFContext *bsf = NULL;
	uint8_t copy[65536];
	bool found = false;
	int n = encode(pkts, 6), size;

	(void)state;
	assert_int_equal(n, 6);
	par->codec_type = AVMEDIA_TYPE_VIDEO;
	par->codec_id = AV_CODEC_ID_H264;
	for (int i = 0; i < n; i++) {
		bool key = pkts[i]->flags & AV_PKT_FLAG_KEY;

		cap_packets_mark_key(AV_CODEC_ID_H264, pkts[i]);
		assert_int_equal(key, !!(pkts[i]->flags & AV_PKT_FLAG_KEY));   /* as the encoder says */
	}
	assert_int_equal(cap_extradata_open(&bsf, par, (AVRational){1, 25}, "test"), ST_OK);
	size = pkts[0]->size;
	assert_true(size <= (int)sizeof copy);
	memcpy(copy, pkts[0]->data, size);
	assert_int_equal(cap_extradata_feed(bsf, pkts[0], par, &found, "test"), ST_OK);
	assert_true(found);
	assert_true(has_nal(par->extradata, par->extradata_size, 7));   /* SPS */
	assert_true(has_nal(par->extradata, par->extradata_size, 8));   /* PPS */
	assert_false(has_nal(par->extradata, par->extradata_size, 5));  /* no picture */
	assert_int_equal(pkts[0]->size, size);                          /* the picture unchanged */
	assert_memory_equal(pkts[0]->data, copy, size);
	assert_int_equal(cap_extradata_feed(bsf, pkts[1], par, &found, "test"), ST_OK);
	assert_false(found);                                            /* not a keyframe */
	cap_extradata_close(&bsf);
	assert_null(bsf);
	avcodec_parameters_free(&par);
	for (int i = 0; i < n; i++)
		av_packet_free(&pkts[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mark_key),
		cmocka_unit_test(test_parameter_sets),
	};

	av_log_set_level(AV_LOG_QUIET);   /* libx264's statistics */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
