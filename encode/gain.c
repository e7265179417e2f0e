/* gain.c — see gain.h. */
#include <math.h>

#include "gain.h"
#include "loudness.h"
#include "status.h"

/* Lossy encoders add a few tenths of a dB to the peaks: the limiter aims
 * this much under the ceiling. */
#define CODEC_HEADROOM 0.5
#define TOLERANCE 0.1
#define MAX_PASSES 3

int enc_gain_find(const char *master, int track, const struct enc_cut *cut,
		  const struct enc_loudness *m, double target, double ceiling,
		  struct enc_gain *g)
{
	double aim = ceiling - CODEC_HEADROOM;

	*g = (struct enc_gain){0};
	if (!m->valid)
		return ST_OK;
	g->db = target - m->integrated;
	if (m->true_peak + g->db <= aim)
		return ST_OK;
	g->limit = pow(10, aim / 20);
	/* The limiter takes some loudness off the peaks: measure, correct. */
	for (int pass = 0; pass < MAX_PASSES; pass++) {
		struct enc_loudness got;
		char pre[256];
		int ret;

		enc_chain_gain(pre, sizeof pre, g);
		ret = enc_loudness_measure(master, track, cut, pre, &got, NULL);
		if (ret != ST_OK)
			return ret;
		if (!got.valid || fabs(target - got.integrated) < TOLERANCE)
			break;
		g->db += target - got.integrated;
	}
	return ST_OK;
}
