/* busy.c — see busy.h. */
#include "busy.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>

/* alsa-lib's prototypes, with its opaque handle as void and
 * SND_PCM_STREAM_CAPTURE = 1, SND_PCM_NONBLOCK = 1 (alsa/pcm.h). */
typedef int (*pcm_open_fn)(void **pcm, const char *name, int stream, int mode);
typedef int (*pcm_close_fn)(void *pcm);
typedef const char *(*strerror_fn)(int err);

bool cap_alsa_busy(const char *name, char *why, size_t n)
{
	pcm_open_fn pcm_open = (pcm_open_fn)dlsym(RTLD_DEFAULT, "snd_pcm_open");
	pcm_close_fn pcm_close = (pcm_close_fn)dlsym(RTLD_DEFAULT, "snd_pcm_close");
	strerror_fn err_text = (strerror_fn)dlsym(RTLD_DEFAULT, "snd_strerror");
	void *pcm = NULL;
	int ret;

	if (!pcm_open || !pcm_close || !err_text)
		return false;
	ret = pcm_open(&pcm, name, 1, 1);
	if (ret >= 0) {
		pcm_close(pcm);
		return false;
	}
	if (ret != -EBUSY)
		return false;
	snprintf(why, n, "%s", err_text(ret));
	return true;
}
