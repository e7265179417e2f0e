/* segments_local.h — --segments N without a cluster: the segment steps as
 * processes of this machine (this program again, with --segment K). */
#ifndef ENC_SEGMENTS_LOCAL_H
#define ENC_SEGMENTS_LOCAL_H

/* Runs "studio-encode --quiet SESSION --segment K" for K from 1 to N, JOBS
 * at once (0: one per core), each with its share of the cores as --jobs,
 * and says when each is done.  After a failure no further segment starts;
 * the failure names the segment. */
int enc_segments_spawn(const char *session, int n, int jobs);

#endif
