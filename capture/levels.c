/* levels.c — sample values to peak/RMS/clips. */
#include "levels.h"

#include <math.h>
#include <string.h>

#include "status.h"

int cap_levels_init(struct cap_levels *l, const struct cap_pcm_spec *pcm)
{
	memset(l, 0, sizeof *l);
	l->pcm = pcm;
	return pthread_mutex_init(&l->lock, NULL) == 0 ? ST_OK : ST_OSERR;
}

void cap_levels_free(struct cap_levels *l)
{
	pthread_mutex_destroy(&l->lock);
}

/* Sample I of the interleaved data as a fraction of full scale, and
 * whether it sits at full scale. */
static double value(enum cap_sample_format f, const uint8_t *p, size_t i, int *clip)
{
	int16_t s16;
	int32_t s24;
	float f32;

	switch (f) {
	case CAP_S16:
		memcpy(&s16, p + 2 * i, 2);
		*clip = s16 >= INT16_MAX || s16 <= INT16_MIN;
		return s16 / 32768.0;
	case CAP_S24:
		s24 = (int32_t)((uint32_t)p[3 * i] << 8 | (uint32_t)p[3 * i + 1] << 16 |
				(uint32_t)p[3 * i + 2] << 24) >> 8;
		*clip = s24 >= 8388607 || s24 <= -8388608;
		return s24 / 8388608.0;
	case CAP_F32:
		memcpy(&f32, p + 4 * i, 4);
		*clip = fabsf(f32) >= 1.0f;
		return f32;
	}
	return 0;
}

void cap_levels_add(struct cap_levels *l, const void *data, int n)
{
	int ch = l->pcm->channels;
	int clip = 0;

	pthread_mutex_lock(&l->lock);
	for (int i = 0; i < n; i++) {
		for (int c = 0; c < ch; c++) {
			double v = value(l->pcm->format, data, (size_t)i * ch + c, &clip);
			double a = fabs(v);

			if (a > l->peak[c])
				l->peak[c] = a;
			l->sumsq[c] += v * v;
			l->clips[c] += clip;
		}
	}
	l->count += n;
	pthread_mutex_unlock(&l->lock);
}

static double db(double v)
{
	return v > 1e-6 ? 20 * log10(v) : -120;
}

void cap_levels_take(struct cap_levels *l, struct cap_level_take *out)
{
	pthread_mutex_lock(&l->lock);
	out->channels = l->pcm->channels;
	out->count = l->count;
	for (int c = 0; c < out->channels; c++) {
		out->peak_db[c] = db(l->peak[c]);
		out->rms_db[c] = l->count ? db(sqrt(l->sumsq[c] / l->count)) : -120;
		out->clips[c] = l->clips[c];
		l->peak[c] = 0;
		l->sumsq[c] = 0;
	}
	l->count = 0;
	pthread_mutex_unlock(&l->lock);
}
