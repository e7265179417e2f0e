/* markers.c — the markers of a recording, in memory and in session.json. */
#include "markers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "paths.h"

bool cap_markers_drop(struct cap_markers *m, const char *dir, double t, const char *label)
{
	if (m->n >= CAP_MAX_MARKERS)
		return false;
	m->t[m->n] = t;
	m->label[m->n] = label && *label ? st_strdup_printf("%s", label)
					 : st_strdup_printf("%d", m->n + 1);
	m->n++;
	/* Saved at once; a failure is reported and the recording goes on. */
	cap_session_marker(dir, t, m->label[m->n - 1]);
	return true;
}

bool cap_markers_named(const struct cap_markers *m, int i)
{
	char number[16];

	snprintf(number, sizeof number, "%d", i + 1);
	return strcmp(m->label[i], number) != 0;
}

void cap_markers_free(struct cap_markers *m)
{
	for (int i = 0; i < m->n; i++) {
		free(m->label[i]);
		m->label[i] = NULL;
	}
	m->n = 0;
}
