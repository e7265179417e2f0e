/* libnoise.h — keeps the audio libraries' own diagnostics off the user's
 * stderr while a device is in use, so that a failure stays one line: ours.
 *
 * When a device disappears, PortAudio 19.6 prints "Expression '…' failed
 * in …" lines from its own thread through PaUtil_DebugPrint; Debian's
 * libportaudio2 does not export PaUtil_SetDebugPrintFunction (nm -D lists
 * no PaUtil symbol), so that hook cannot be set.  alsa-lib ("ALSA lib …",
 * whose handler snd_lib_error_set_handler could be set) and libpulse under
 * the ALSA pulse plugin (which has no such handler) write there too.  All
 * of them write to file descriptor 2, so one mechanism covers them: while
 * active, descriptor 2 is a pipe read by a thread that passes our own
 * lines (those starting with "PROGRAM: ") on to the real stderr and drops
 * the others.  With STUDIO_DEBUG=1 in the environment the libraries'
 * lines are passed on too, unchanged, for diagnosis.
 *
 * Limits: a library line written in the middle of one of ours (two
 * threads at once) goes with it; lines still in the pipe when the process
 * is killed are lost. */
#ifndef CAPTURE_LIBNOISE_H
#define CAPTURE_LIBNOISE_H

/* Starts filtering descriptor 2; does nothing (and says nothing) if a
 * pipe or thread cannot be had: the libraries' lines then show. */
void cap_noise_start(void);
/* Restores descriptor 2 and passes on what is still in the pipe. */
void cap_noise_stop(void);

#endif
