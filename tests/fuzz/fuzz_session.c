/* Fuzz target: session.json as any program reads it.  Parses the input,
 * validates it, and for a valid manifest renders every form of the
 * metadata, checking the rendered HTML/wikitext never contains a hostile
 * input character unescaped. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "metadata.h"
#include "session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void render(const json_t *root)
{
	struct st_meta m;
	AVDictionary *dict = NULL;
	vorbis_comment vc;
	json_t *ld;
	char *s;

	st_meta_from_session(root, &m);
	st_meta_to_avdict(&m, &dict);
	av_dict_free(&dict);
	vorbis_comment_init(&vc);
	st_meta_to_vorbis(&m, &vc);
	vorbis_comment_clear(&vc);
	ld = st_meta_jsonld(&m, "VideoObject", m.title, 1.5);
	s = st_meta_jsonld_script(ld);
	/* The only "</" in the element is its own closing tag. */
	if (strstr(s, "</") != strstr(s, "</script>") || strstr(s, "<!--"))
		abort();
	free(s);
	json_decref(ld);
	s = st_meta_html_licence(&m);
	if (strstr(s, "<script") || strstr(s, "<b>"))
		abort();
	free(s);
	s = st_meta_wikitext(&m);
	if (strstr(s, "{{") || strstr(s, "[[") || strstr(s, "|"))
		abort();
	free(s);
	st_meta_free(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	char why[256];

	if (root && st_session_validate(root, why, sizeof why))
		render(root);
	json_decref(root);
	return 0;
}
