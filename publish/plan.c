/* plan.c — see plan.h.  One target is planned at a time. */
#include "plan.h"

static json_t *steps;   /* NULL when printing */

void pub_plan_begin(bool json)
{
	json_decref(steps);
	steps = json ? json_array() : NULL;
}

json_t *pub_plan_end(void)
{
	json_t *s = steps ? steps : json_array();

	steps = NULL;
	return s;
}

bool pub_plan_step(const char *action, const char *src, const char *dest, const char *why)
{
	json_t *step;

	if (!steps)
		return false;
	step = json_pack("{s:s, s:s}", "action", action, "to", dest);
	if (!step)
		return true;
	if (src)
		json_object_set_new(step, "from", json_string(src));
	if (why)
		json_object_set_new(step, "why", json_string(why));
	json_array_append_new(steps, step);
	return true;
}

bool pub_plan_collecting(void)
{
	return steps != NULL;
}
