/* mw_rights.c — the dry run's proof that the account may publish on the
 * wiki (mw_target.h, mw_check_rights), read after the real login: the
 * user's rights as the wiki reports them (meta=userinfo, uiprop=rights),
 * which for a bot password are those its grants leave. */
#include "msg.h"
#include "mw_target.h"
#include "paths.h"
#include "../plan.h"
#include "status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The rights a run uses: "upload" for a new file, "edit" for the File:
 * description and the documentation page, "reupload" for a new version
 * over another content (--force). */
static const char *const needed[] = {"edit", "upload", "reupload"};

int mw_check_rights(struct mw *m)
{
	struct mw_form f = {0};
	json_t *r = NULL;
	size_t n = m->force ? 3 : 2;
	char *missing = NULL, *have = NULL, *why;
	int ret;

	mw_form_add(&f, "action", "query");
	mw_form_add(&f, "meta", "userinfo");
	mw_form_add(&f, "uiprop", "rights");
	if ((ret = mw_query(&m->api, "userinfo", &f, &r)))
		return ret;
	for (size_t i = 0; i < n; i++) {
		char **list = mw_reply_has_right(r, needed[i]) ? &have : &missing;
		char *next = st_strdup_printf("%s%s%s", *list ? *list : "", *list ? ", " : "",
					      needed[i]);

		free(*list);
		*list = next;
	}
	json_decref(r);
	if (missing) {
		st_error(_("%s: %s may not publish on this wiki: it lacks the right %s"),
			 m->t->name, m->t->username, missing);
		ret = ST_CONFIG;
	} else {
		why = st_strdup_printf("rights: %s", have);
		if (!pub_plan_step("check", NULL, m->t->api, why))
			printf(_("%s may publish on %s (%s)\n"), m->t->username, m->t->name, why);
		free(why);
	}
	free(missing);
	free(have);
	return ret;
}
