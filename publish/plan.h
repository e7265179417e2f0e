/* plan.h — what --dry-run would do, as lines or (with --json) as JSON.
 *
 * The targets describe each step of their dry run with pub_plan_step(); when
 * the plan is collected as JSON the step is recorded and the call returns
 * true, otherwise it returns false and the target prints its own
 * (translated) line.  main.c brackets each target with begin/end. */
#ifndef STUDIO_PUBLISH_PLAN_H
#define STUDIO_PUBLISH_PLAN_H

#include <jansson.h>
#include <stdbool.h>

/* Starts the plan of one target; JSON: collect instead of printing. */
void pub_plan_begin(bool json);

/* The steps collected since pub_plan_begin() (a new reference to an array,
 * empty when not collecting). */
json_t *pub_plan_end(void);

/* One step: ACTION is "check" (the account may publish: webdav
 * dav_check_access, mediawiki mw_check_rights), "unchanged", "upload",
 * "replace", "copy", "write", "update" or "refuse"; SRC the local file
 * (NULL for generated content), DEST the URL, path or wiki page; WHY a
 * reason for "refuse", what the check found, or NULL. */
bool pub_plan_step(const char *action, const char *src, const char *dest, const char *why);

/* Whether the plan is collected as JSON (nothing to print). */
bool pub_plan_collecting(void);

#endif
