/* pcm.h — the shape of a device's raw sound. */
#ifndef CAPTURE_PCM_H
#define CAPTURE_PCM_H

enum cap_sample_format { CAP_S16, CAP_S24, CAP_F32 };

/* Raw interleaved sound from a device; s24 is packed little-endian 3-byte
 * samples, as PortAudio's paInt24. */
struct cap_pcm_spec {
	int channels;
	int rate;
	enum cap_sample_format format;
};

/* Bytes per sample of FORMAT in the device's interleaved stream. */
int cap_sample_bytes(enum cap_sample_format format);
const char *cap_sample_format_name(enum cap_sample_format format);

#endif
