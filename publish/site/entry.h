/* entry.h — one session's entry in the site catalogue (site.h), read by
 * the feed (feed.c) and the index (index.c).
 *
 * An entry written by this version:
 *     {"slug", "session_id", "title", "title_co", "description", "date",
 *      "updated", "producer", "page", "media": [{"url", "type", "bytes"}],
 *      "language", "recorded", "updated_at",
 *      "titles": [{"lang", "text"}], "descriptions": [{"lang", "text"}],
 *      "enclosure": {"url", "type", "bytes", "duration", "selection"},
 *      "poster", "captions": [{"url", "lang", "selection"}],
 *      "chapters": {"url", "selection"}, "attribution"}
 * where "selection" is {"start", "end"} (seconds on the master's timeline,
 * as studio-encode records it) when the rendition's record has one, and
 * "enclosure", "poster", "chapters" are left out when the session has
 * none.  Entries written by older versions have only the fields of the
 * first two lines: every reader below falls back on those. */
#ifndef STUDIO_PUBLISH_SITE_ENTRY_H
#define STUDIO_PUBLISH_SITE_ENTRY_H

#include <jansson.h>
#include <stdbool.h>

/* The string E holds under KEY, "" when none.  Borrowed. */
const char *pub_entry_str(const json_t *e, const char *key);

/* The entry's titles (DESCRIPTIONS false) or descriptions (true) as an
 * array of {"lang", "text"}, the main language first: its "titles" /
 * "descriptions", else (an older entry) "title" / "description" in French
 * and "title_co" in Corsican.  New reference. */
json_t *pub_entry_texts(const json_t *e, bool descriptions);

/* The entry's main language ("fr" for an older entry).  Borrowed. */
const char *pub_entry_lang(const json_t *e);

/* When the session was recorded: "recorded" (ISO 8601 with its zone),
 * else "date" (YYYY-MM-DD), else "".  Borrowed. */
const char *pub_entry_when(const json_t *e);

/* The entry's attribution line (st_meta_attribution()): its
 * "attribution", else one made from its "producer" and "updated".
 * Malloc'ed. */
char *pub_entry_attribution(const json_t *e);

/* The site's attribution line: the producer of the newest session and the
 * latest update of any (the default producer and today for an empty
 * catalogue).  Malloc'ed. */
char *pub_site_attribution(const json_t *catalogue);

/* Whether two "selection" objects (either may be NULL: a record made
 * before encode recorded them) may be paired: true unless both are known
 * and differ by more than a millisecond at either end. */
bool pub_selection_match(const json_t *a, const json_t *b);

#endif
