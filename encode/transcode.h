/* transcode.h — one encoding pass: the master is demuxed and decoded once,
 * and every frame goes, through a bounded queue, to each rendition's own
 * thread (filters, encoders, muxer). */
#ifndef ENC_TRANSCODE_H
#define ENC_TRANSCODE_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "metadata.h"
#include "rendition.h"

/* 128 + SIGINT, what shells report for a command stopped by Ctrl-C. */
#define ENC_INTERRUPTED 130

/* Encodes MASTER, read as OPTS says, into the N renditions SETUPS, tagging
 * the outputs with META.  Outputs appear under their final names only
 * after the whole pass succeeded; on failure or SIGINT/SIGTERM none is
 * left behind (ENC_INTERRUPTED for a signal).  *PACKETS receives the
 * number of packets demuxed, by every pass.  A rendition whose size budget its first
 * pass exceeds is encoded again, the master decoded again for it alone
 * (twopass.h); every output is committed only after the last pass, and
 * each setup's "pass" says how its file was made. */
int enc_transcode(const char *master, const struct enc_decoder_opts *opts,
		  const struct st_meta *meta, struct enc_setup *setups, size_t n,
		  int64_t *packets);

#endif
