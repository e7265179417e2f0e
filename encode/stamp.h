/* stamp.h — the licence attribution inside the files whose format FFmpeg
 * gives no tags: the caption sidecars (a NOTE block), the pictures (PNG
 * iTXt "Title" and "Copyright" chunks, the JPEG comment).  Done on the
 * finished temporary file, before it is renamed to its final name. */
#ifndef ENC_STAMP_H
#define ENC_STAMP_H

enum enc_stamp_kind {
	ENC_STAMP_NONE,
	ENC_STAMP_VTT,
	ENC_STAMP_PNG,
	ENC_STAMP_JPEG,
};

/* Rewrites the file open read-write as FD (NAME in messages) with TITLE
 * and ATTRIBUTION put in as KIND says; ENC_STAMP_NONE does nothing.
 * Returns an st_status. */
int enc_stamp_fd(int fd, const char *name, enum enc_stamp_kind kind, const char *title,
		 const char *attribution);

#endif
