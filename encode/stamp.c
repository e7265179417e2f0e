/* stamp.c — see stamp.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jpeg_comment.h"
#include "msg.h"
#include "paths.h"
#include "png_text.h"
#include "stamp.h"
#include "status.h"
#include "vtt_note.h"

/* The whole file open as FD, malloc'ed (a NUL after it), in *DATA. */
static int read_all(int fd, const char *name, char **data, size_t *n)
{
	struct stat st;
	ssize_t got = 0;

	if (fstat(fd, &st)) {
		st_error(_("cannot read %s: %s"), name, strerror(errno));
		return ST_IOERR;
	}
	*n = (size_t)st.st_size;
	*data = st_xcalloc(*n + 1, 1);
	for (size_t done = 0; done < *n; done += (size_t)got) {
		got = pread(fd, *data + done, *n - done, (off_t)done);
		if (got <= 0) {
			st_error(_("cannot read %s: %s"), name, strerror(got ? errno : EIO));
			free(*data);
			*data = NULL;
			return ST_IOERR;
		}
	}
	return ST_OK;
}

static int write_all(int fd, const char *name, const char *data, size_t n)
{
	ssize_t put = 0;

	if (ftruncate(fd, 0)) {
		st_error(_("cannot write %s: %s"), name, strerror(errno));
		return ST_IOERR;
	}
	for (size_t done = 0; done < n; done += (size_t)put) {
		put = pwrite(fd, data + done, n - done, (off_t)done);
		if (put < 0) {
			st_error(_("cannot write %s: %s"), name, strerror(errno));
			return ST_IOERR;
		}
	}
	return ST_OK;
}

/* DATA with the attribution in; false when DATA is not what KIND says. */
static bool stamp(enum enc_stamp_kind kind, const char *data, size_t n, const char *title,
		  const char *attribution, char **out, size_t *out_n)
{
	const struct enc_png_text texts[] = {{"Title", title}, {"Copyright", attribution}};
	const uint8_t *bytes = (const uint8_t *)data;

	switch (kind) {
	case ENC_STAMP_VTT:
		*out = enc_vtt_add_note(data, n, title, attribution, out_n);
		return true;
	case ENC_STAMP_PNG:
		return enc_png_add_text(bytes, n, *title ? texts : texts + 1, *title ? 2 : 1,
					(uint8_t **)out, out_n);
	case ENC_STAMP_JPEG:
		return enc_jpeg_set_comment(bytes, n, attribution, (uint8_t **)out, out_n);
	case ENC_STAMP_NONE:
		break;
	}
	return false;
}

int enc_stamp_fd(int fd, const char *name, enum enc_stamp_kind kind, const char *title,
		 const char *attribution)
{
	char *data = NULL, *out = NULL;
	size_t n, out_n;
	int ret;

	if (kind == ENC_STAMP_NONE)
		return ST_OK;
	ret = read_all(fd, name, &data, &n);
	if (ret == ST_OK && !stamp(kind, data, n, title, attribution, &out, &out_n)) {
		st_error(_("cannot add the licence attribution to %s: the encoder's output is not "
			   "the expected format"), name);
		ret = ST_SOFTWARE;
	}
	if (ret == ST_OK)
		ret = write_all(fd, name, out, out_n);
	free(out);
	free(data);
	return ret;
}
