/* slurm.h — `--segments N --slurm`: each session's plan, its N segments
 * (one array job) and its join submitted to Slurm through sbatch, and
 * with --wait, watched to the end: a failed segment is resubmitted once.
 *
 * Every job runs this same studio-encode (its absolute path, which must
 * be the same on every node) in the session folder (which every node must
 * see at the same path), and is given nothing but the session's path:
 * the plan step records everything else in session.json.  The job output
 * files go to SESSION/renditions/.slurm/ (PLAN.jobID.out,
 * segment-K.jobID.out, join.jobID.out). */
#ifndef ENC_SLURM_H
#define ENC_SLURM_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"

/* The first segment's number for --segment (the array's first index). */
#define ENC_SLURM_FIRST_SEGMENT 1
/* Where the job output files go, relative to the session folder. */
#define ENC_SLURM_LOGS "renditions/.slurm"

/* One session's chain of jobs; owns every string (enc_slurm_free()). */
struct enc_slurm_chain {
	const char *shown;     /* the session as given: messages */
	char *session;         /* its absolute path */
	char *plan, *array, *join;
	char **seg;            /* the job now standing for each segment: "ARRAY_K" or a retry's id */
	bool *retried;
	bool *seen;            /* squeue listed the segment's job once */
	bool done;
	int status;            /* once done: ST_OK or the failed job's exit status */
};

struct enc_slurm {
	const struct enc_options *opt;
	char *exe;             /* this studio-encode, absolute */
	struct enc_slurm_chain *chains;
	size_t n;
	int segments;
};

/* Submits every session's chain and prints one line per session on stdout:
 * "PLAN ARRAY JOIN SESSION" (the job ids).  With opt->wait, then waits
 * (enc_slurm_wait()).  A submission that fails cancels what it submitted. */
int enc_slurm_run(const struct enc_options *opt);

/* Submits one job in CHAIN's session folder: NAME names it and its output
 * file, ARRAY ("1-4%2") makes it an array job, DEPEND is an afterok list
 * ("12:13_2"); both may be NULL.  SCRIPT is the shell command it runs.  *ID
 * gets its id (malloc'ed). */
int enc_slurm_submit(const struct enc_slurm *s, const struct enc_slurm_chain *c,
		     const char *name, const char *array, const char *depend,
		     const char *script, char **id);

/* The shell command that runs this studio-encode with ARGS (already
 * quoted, may be "") on the chain's session; malloc'ed. */
char *enc_slurm_command(const struct enc_slurm *s, const struct enc_slurm_chain *c,
			const char *args);

/* "A_1:A_2:...": the join's dependency on every segment's current job
 * (malloc'ed). */
char *enc_slurm_segments_list(const struct enc_slurm *s, const struct enc_slurm_chain *c);

/* Cancels JOB (NULL: nothing), quietly: it may have ended already. */
void enc_slurm_cancel(const char *job);

/* Polls squeue until every chain is done, redrawing one progress line;
 * resubmits a failed segment once (and the join after it), cancels a
 * chain's remaining jobs when its plan, a segment's retry or its join
 * fails, naming the step and its output file.  Returns ST_OK when every
 * join completed, else the first failed chain's status. */
int enc_slurm_wait(struct enc_slurm *s);

#endif
