/* testhook.h — the test hooks of studio-capture.
 *
 * A camera stand-in: there is no camera on the build and CI machines (and
 * no v4l2loopback), so the path that stores MJPEG and H.264 pictures as
 * delivered is tested with a file standing in for the device: when the
 * environment variable STUDIO_TEST_CAMERA_FILE names an MJPEG or H.264
 * file, `--video v4l2:/dev/videoN` reads that file through libavformat
 * instead, paced in real time and stamped on CLOCK_MONOTONIC as the v4l2
 * driver stamps its buffers (when filled, not when read), and the
 * capture's source is recorded as "test-camera:FILE".  Everything after
 * the device — keyframe detection, H.264 parameter sets, the one clock,
 * the writer — is the camera's code.
 *
 * A start-up trace: when STUDIO_TEST_TIMES names a file, the moments of
 * the start (the first samples in the ring, the "recording" announcement,
 * standby) are appended to it as "EVENT SECONDS" lines, SECONDS on
 * CLOCK_MONOTONIC, for bench/capture.sh and the tests of their order.
 *
 * They are test hooks, not features: not in --help nor the man page, only
 * in docs/capture.md ("Testing without hardware"). */
#ifndef CAPTURE_TESTHOOK_H
#define CAPTURE_TESTHOOK_H

/* The stand-in file, or NULL (the normal case). */
const char *cap_test_camera_file(void);

/* Appends "EVENT SECONDS" to $STUDIO_TEST_TIMES when it is set; not from
 * the audio callback (it opens a file). */
void cap_test_time(const char *event, double seconds);

#endif
