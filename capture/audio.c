/* audio.c — PortAudio input: device choice, format check, the real-time
 * callback feeding the ring. */
#include "audio.h"

#include <fcntl.h>
#include <jansson.h>
#include <portaudio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "busy.h"
#include "msg.h"
#include "opts.h"
#include "paths.h"
#include "progress.h"
#include "ring.h"
#include "status.h"

struct cap_audio {
	const struct cap_audio_spec *spec;
	PaDeviceIndex device;
	const PaDeviceInfo *info;
	PaStream *stream;
	bool initialised;
	bool started;
	struct cap_ring ring;
	size_t frame_bytes;
	atomic_bool stopping;
	atomic_bool ended;
	_Atomic int64_t start_ns;
	_Atomic int64_t in_ring_ns;    /* st_now_ns() once the first samples are stored */
	_Atomic int64_t delivered;
	_Atomic int64_t overflows;
	_Atomic int64_t dropped;
};

static const PaSampleFormat pa_formats[] = {paInt16, paInt24, paFloat32};
static const int common_rates[] = {44100, 48000, 96000};

/* ALSA and JACK print their probing noise on stderr (missing cards, no
 * JACK server): it is silenced while PortAudio probes, so that one
 * failure stays one line.  Called before any other thread exists. */
static PaError quietly(PaError (*fn)(void *), void *arg)
{
	int saved = dup(STDERR_FILENO);
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	PaError err;

	if (saved >= 0 && null >= 0)
		dup2(null, STDERR_FILENO);
	err = fn(arg);
	if (saved >= 0) {
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
	if (null >= 0)
		close(null);
	return err;
}

static PaError do_init(void *arg)
{
	(void)arg;
	return Pa_Initialize();
}

static int init_portaudio(void)
{
	PaError err;

	/* Never launch a JACK server just to list devices. */
	setenv("JACK_NO_START_SERVER", "1", 0);
	err = quietly(do_init, NULL);
	if (err != paNoError) {
		st_error(_("cannot initialise PortAudio: %s"), Pa_GetErrorText(err));
		return ST_UNAVAILABLE;
	}
	return ST_OK;
}

static const char *api_name(const PaDeviceInfo *d)
{
	const PaHostApiInfo *h = Pa_GetHostApiInfo(d->hostApi);

	return h ? h->name : "?";
}

/* "0 studiotest, 3 USB Audio" — the input devices, malloc'ed. */
static char *input_names(void)
{
	char *s = st_xstrdup("");

	for (PaDeviceIndex i = 0; i < Pa_GetDeviceCount(); i++) {
		const PaDeviceInfo *d = Pa_GetDeviceInfo(i);
		char *t;

		if (!d || d->maxInputChannels <= 0)
			continue;
		t = st_strdup_printf("%s%s%d %s", s, *s ? ", " : "", i, d->name);
		free(s);
		s = t;
	}
	return s;
}

static int not_found(const char *what)
{
	char *names, why[128];

	/* A busy device is missing from PortAudio's list (busy.h); ALSA
	 * answers for it.  Probing noise is already filtered (libnoise.h). */
	if (strcmp(what, "default") != 0 && cap_alsa_busy(what, why, sizeof why)) {
		st_error(_("audio device %s is busy or unavailable: %s"), what, why);
		return ST_UNAVAILABLE;
	}
	names = input_names();
	if (*names)
		st_error(_("no audio input device '%s': the devices are %s"), what, names);
	else
		st_error(_("no audio input device '%s': PortAudio found no input device"), what);
	free(names);
	return ST_NOINPUT;
}

static bool is_input(PaDeviceIndex i)
{
	const PaDeviceInfo *d = i >= 0 && i < Pa_GetDeviceCount() ? Pa_GetDeviceInfo(i) : NULL;

	return d && d->maxInputChannels > 0;
}

/* "default", an index, or a name substring (case-insensitive; an exact
 * name wins over substrings; two substring matches are ambiguous). */
static int find_device(const char *want, PaDeviceIndex *out)
{
	PaDeviceIndex found = paNoDevice;
	int matches = 0;
	long n;

	if (strcmp(want, "default") == 0) {
		*out = Pa_GetDefaultInputDevice();
		return is_input(*out) ? ST_OK : not_found(want);
	}
	if (st_parse_long(want, 0, 100000, &n)) {
		*out = (PaDeviceIndex)n;
		return is_input(*out) ? ST_OK : not_found(want);
	}
	for (PaDeviceIndex i = 0; i < Pa_GetDeviceCount(); i++) {
		const PaDeviceInfo *d = Pa_GetDeviceInfo(i);

		if (!is_input(i))
			continue;
		if (strcasecmp(d->name, want) == 0) {
			*out = i;
			return ST_OK;
		}
		if (strcasestr(d->name, want)) {
			found = i;
			matches++;
		}
	}
	if (matches == 1) {
		*out = found;
		return ST_OK;
	}
	if (matches > 1) {
		char *names = input_names();

		st_error(_("audio device '%s' is ambiguous: give its index (the devices are %s)"),
			 want, names);
		free(names);
		return ST_USAGE;
	}
	return not_found(want);
}

struct fmt_query {
	PaStreamParameters p;
	double rate;
};

static PaError do_query(void *arg)
{
	struct fmt_query *q = arg;

	return Pa_IsFormatSupported(&q->p, NULL, q->rate);
}

static bool supports(PaDeviceIndex dev, int channels, PaSampleFormat f, double rate)
{
	struct fmt_query q = {{dev, channels, f, Pa_GetDeviceInfo(dev)->defaultHighInputLatency, NULL},
			      rate};

	return channels <= Pa_GetDeviceInfo(dev)->maxInputChannels &&
	       quietly(do_query, &q) == paFormatIsSupported;
}

/* One line saying what the device can do instead. */
static int unsupported(const struct cap_audio *a)
{
	const struct cap_pcm_spec *p = &a->spec->pcm;
	int max = a->info->maxInputChannels, ch = p->channels < max ? p->channels : max;
	char rates[64] = "", formats[32] = "";

	for (size_t i = 0; i < sizeof common_rates / sizeof *common_rates; i++)
		if (supports(a->device, ch, pa_formats[p->format], common_rates[i]))
			snprintf(rates + strlen(rates), sizeof rates - strlen(rates), "%s%d",
				 *rates ? " " : "", common_rates[i]);
	for (int f = CAP_S16; f <= CAP_F32; f++)
		if (supports(a->device, ch, pa_formats[f], a->info->defaultSampleRate))
			snprintf(formats + strlen(formats), sizeof formats - strlen(formats), "%s%s",
				 *formats ? " " : "", cap_sample_format_name(f));
	st_error(_("audio device %s cannot record %d channels at %d Hz in %s: it offers up to %d "
		   "input channels, rates %s, formats %s"),
		 a->info->name, p->channels, p->rate, cap_sample_format_name(p->format), max,
		 *rates ? rates : "-", *formats ? formats : "-");
	return ST_UNAVAILABLE;
}

/* How long ago (ns) the first sample of this buffer was captured: from
 * PortAudio's times when the host API gives them (the difference of two
 * readings of its clock, whatever that clock is), else the buffer's
 * length. */
static int64_t first_sample_age(const struct cap_audio *a, const PaStreamCallbackTimeInfo *t,
				unsigned long frames)
{
	if (t && t->currentTime > 0 && t->inputBufferAdcTime > 0 &&
	    t->currentTime >= t->inputBufferAdcTime && t->currentTime - t->inputBufferAdcTime < 5)
		return (int64_t)((t->currentTime - t->inputBufferAdcTime) * 1e9);
	return (int64_t)(frames * 1e9 / a->spec->pcm.rate);
}

/* The real-time callback: counters and one copy, nothing else.  Sound
 * past the limit (--duration) is neither stored nor counted. */
static int on_audio(const void *in, void *out, unsigned long frames,
		    const PaStreamCallbackTimeInfo *t, PaStreamCallbackFlags flags, void *ud)
{
	struct cap_audio *a = ud;
	int64_t at = atomic_load_explicit(&a->delivered, memory_order_relaxed);
	int64_t n = (int64_t)frames;

	(void)out;
	if (atomic_load_explicit(&a->stopping, memory_order_relaxed))
		return paComplete;
	if (a->spec->max_frames > 0 && at >= a->spec->max_frames) {
		atomic_store(&a->stopping, true);   /* a normal end, not a lost device */
		return paComplete;
	}
	if (a->spec->max_frames > 0 && n > a->spec->max_frames - at)
		n = a->spec->max_frames - at;
	if (at == 0)
		atomic_store(&a->start_ns, st_now_ns() - first_sample_age(a, t, frames));
	if (flags & paInputOverflow)
		atomic_fetch_add_explicit(&a->overflows, 1, memory_order_relaxed);
	if (!in || !cap_ring_write(&a->ring, in, (size_t)n * a->frame_bytes))
		atomic_fetch_add_explicit(&a->dropped, n, memory_order_relaxed);
	else if (atomic_load_explicit(&a->in_ring_ns, memory_order_relaxed) == 0)
		atomic_store(&a->in_ring_ns, st_now_ns());
	atomic_fetch_add_explicit(&a->delivered, n, memory_order_relaxed);
	return paContinue;
}

static void on_finished(void *ud)
{
	struct cap_audio *a = ud;

	if (!atomic_load(&a->stopping))
		atomic_store(&a->ended, true);
}

static PaError do_open(void *arg)
{
	struct cap_audio *a = arg;
	const struct cap_pcm_spec *p = &a->spec->pcm;
	PaStreamParameters params = {a->device, p->channels, pa_formats[p->format],
				     a->info->defaultHighInputLatency, NULL};

	return Pa_OpenStream(&a->stream, &params, NULL, p->rate, paFramesPerBufferUnspecified,
			     paClipOff | paDitherOff, on_audio, a);
}

/* FMT is a whole translated sentence taking the device name and the error
 * text ("cannot open audio device %s: %s"); ALSA's own text, when PortAudio
 * has one, follows PortAudio's in parentheses. */
static void pa_fail(const char *fmt, const char *name, PaError err)
{
	const PaHostErrorInfo *h = Pa_GetLastHostErrorInfo();
	char detail[512];

	if (err == paUnanticipatedHostError && h && h->errorText && *h->errorText)
		snprintf(detail, sizeof detail, "%s (%s)", Pa_GetErrorText(err), h->errorText);
	else
		snprintf(detail, sizeof detail, "%s", Pa_GetErrorText(err));
	st_error(fmt, name, detail);
}

static int open_stream(struct cap_audio *a)
{
	PaError err;

	if (!supports(a->device, a->spec->pcm.channels, pa_formats[a->spec->pcm.format],
		      a->spec->pcm.rate))
		return unsupported(a);
	err = quietly(do_open, a);
	if (err != paNoError) {
		/* ALSA answers EBUSY with paDeviceUnavailable. */
		if (err == paDeviceUnavailable)
			st_error(_("audio device %s is busy or unavailable: %s"), a->info->name,
				 Pa_GetErrorText(err));
		else
			pa_fail(_("cannot open audio device %s: %s"), a->info->name, err);
		return ST_UNAVAILABLE;
	}
	err = Pa_SetStreamFinishedCallback(a->stream, on_finished);
	if (err != paNoError) {
		pa_fail(_("cannot open audio device %s: %s"), a->info->name, err);
		return ST_UNAVAILABLE;
	}
	return ST_OK;
}

int cap_audio_open(struct cap_audio **out, const struct cap_audio_spec *spec)
{
	struct cap_audio *a = st_xcalloc(1, sizeof *a);
	const struct cap_pcm_spec *p = &spec->pcm;
	int rc;

	a->spec = spec;
	a->frame_bytes = (size_t)p->channels * cap_sample_bytes(p->format);
	rc = init_portaudio();
	a->initialised = rc == ST_OK;
	if (rc == ST_OK)
		rc = find_device(spec->device, &a->device);
	if (rc == ST_OK) {
		a->info = Pa_GetDeviceInfo(a->device);
		rc = cap_ring_init(&a->ring, (size_t)p->rate * CAP_RING_SECONDS * a->frame_bytes);
	}
	if (rc == ST_OK)
		rc = open_stream(a);
	if (rc != ST_OK) {
		cap_audio_close(&a);
		return rc;
	}
	*out = a;
	return ST_OK;
}

int cap_audio_start(struct cap_audio *a)
{
	PaError err = Pa_StartStream(a->stream);

	if (err != paNoError) {
		pa_fail(_("cannot start audio device %s: %s"), a->info->name, err);
		return ST_UNAVAILABLE;
	}
	a->started = true;
	return ST_OK;
}

void cap_audio_enough(struct cap_audio *a)
{
	atomic_store(&a->stopping, true);
}

void cap_audio_stop(struct cap_audio *a)
{
	atomic_store(&a->stopping, true);
	if (a->started && Pa_IsStreamStopped(a->stream) == 0)
		Pa_StopStream(a->stream);
	a->started = false;
}

void cap_audio_close(struct cap_audio **ap)
{
	struct cap_audio *a = *ap;

	if (!a)
		return;
	if (a->stream) {
		cap_audio_stop(a);
		Pa_CloseStream(a->stream);
	}
	if (a->initialised)
		Pa_Terminate();
	cap_ring_free(&a->ring);
	free(a);
	*ap = NULL;
}

size_t cap_audio_readable(struct cap_audio *a)
{
	return cap_ring_readable(&a->ring) / a->frame_bytes;
}

size_t cap_audio_read(struct cap_audio *a, void *dst, size_t max)
{
	size_t want = cap_audio_readable(a);

	if (want > max)
		want = max;
	cap_ring_read(&a->ring, dst, want * a->frame_bytes);
	return want;
}

void cap_audio_counts(struct cap_audio *a, struct cap_audio_counts *out)
{
	out->delivered = atomic_load(&a->delivered);
	out->overflows = atomic_load(&a->overflows);
	out->dropped = atomic_load(&a->dropped);
}

bool cap_audio_complete(struct cap_audio *a)
{
	return a->spec->max_frames > 0 && atomic_load(&a->delivered) >= a->spec->max_frames;
}

bool cap_audio_ended(struct cap_audio *a)
{
	return atomic_load(&a->ended);
}

double cap_audio_start_time(struct cap_audio *a)
{
	return atomic_load(&a->start_ns) / 1e9;
}

double cap_audio_in_ring_time(struct cap_audio *a)
{
	return atomic_load(&a->in_ring_ns) / 1e9;
}

const char *cap_audio_name(const struct cap_audio *a)
{
	return a->info->name;
}

const char *cap_audio_host_api(const struct cap_audio *a)
{
	return api_name(a->info);
}

int cap_audio_list(FILE *out, void *json_out)
{
	int rc = init_portaudio(), listed = 0;

	if (rc != ST_OK)
		return rc;
	if (!json_out)
		fprintf(out, "%s\n", _("audio input devices (PortAudio): index, name, host API, channels, default rate"));
	for (PaDeviceIndex i = 0; i < Pa_GetDeviceCount(); i++) {
		const PaDeviceInfo *d = Pa_GetDeviceInfo(i);

		if (!d || d->maxInputChannels <= 0)
			continue;
		listed++;
		if (json_out)
			json_array_append_new(json_out, json_pack(
				"{s:s, s:i, s:s, s:s, s:i, s:f}", "type", "audio", "index", i,
				"name", d->name, "host_api", api_name(d),
				"input_channels", d->maxInputChannels,
				"default_rate", d->defaultSampleRate));
		else
			fprintf(out, "  %3d  %-32s %-6s %3d ch  %6.0f Hz\n", i, d->name, api_name(d),
				d->maxInputChannels, d->defaultSampleRate);
	}
	if (!listed && !json_out)
		fprintf(out, "  %s\n", _("none"));
	Pa_Terminate();
	return ST_OK;
}
