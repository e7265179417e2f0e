/* mux.h — writing one rendition's container under a temporary name, moved
 * to its final name only once complete. */
#ifndef ENC_MUX_H
#define ENC_MUX_H

#include <stdbool.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>

#include "metadata.h"
#include "paths.h"
#include "stamp.h"

struct enc_mux {
	AVFormatContext *oc;
	struct st_atomic file;
	/* Formats without tags (WebVTT, PNG, JPEG): what enc_mux_finish()
	 * puts into the bytes written (stamp.h); owned. */
	enum enc_stamp_kind stamp;
	char *title, *attribution;
};

/* Creates the temporary file next to FINAL_PATH, with muxer FORMAT. */
int enc_mux_open(struct enc_mux *m, const char *final_path, const char *format);

/* True when the format wants codec headers out of band (set before opening
 * the encoders). */
bool enc_mux_global_header(const struct enc_mux *m);

/* Adds a stream for encoder C, whose "language" tag is LANG when not NULL;
 * its index is stored in *index. */
int enc_mux_add_stream(struct enc_mux *m, const AVCodecContext *c, const char *lang, int *index);

/* Writes the header with META as container tags and, for MP4, the index
 * moved to the front (faststart) when the file is finished.  A format
 * without tags gets META's title and attribution line from
 * enc_mux_finish() instead. */
int enc_mux_start(struct enc_mux *m, const struct st_meta *meta);

/* Writes PKT, timed in TB, to stream INDEX; PKT is unreferenced. */
int enc_mux_write(struct enc_mux *m, AVPacket *pkt, AVRational tb, int index);

/* Writes the trailer and closes the file, still under its temporary name;
 * then puts the attribution into a WebVTT, PNG or JPEG file (stamp.h). */
int enc_mux_finish(struct enc_mux *m);

/* Moves the finished file to its final name. */
int enc_mux_commit(struct enc_mux *m);

/* Frees everything; a file not committed is removed. */
void enc_mux_close(struct enc_mux *m);

#endif
