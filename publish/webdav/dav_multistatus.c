/* dav_multistatus.c — see dav_multistatus.h. */
#include "dav_multistatus.h"
#include "paths.h"
#include "xmlcompat.h"

#include <curl/curl.h>
#include <expat.h>
#include <stdlib.h>
#include <string.h>

#define NS_SEP '\x01'     /* expat joins "DAV:" and "href" with it */
#define MAX_DEPTH 64      /* deeper elements are counted, not classified */
#define MAX_TEXT 8192     /* longer texts are cut: no href or ETag is that long */

/* The DAV elements we look at; everything else is OTHER. */
enum kind { K_OTHER, K_MULTISTATUS, K_RESPONSE, K_HREF, K_STATUS, K_PROPSTAT, K_PROP,
	    K_LENGTH, K_ETAG, K_RESTYPE, K_COLLECTION, K_LOCKDISC, K_ACTIVELOCK, K_OWNER,
	    K_LOCKTOKEN, K_LOCKHREF };

/* What one <propstat> says, kept until its <status> is known. */
struct props {
	bool collection;
	int64_t length;
	char *etag;
	char *lock_owner;        /* of the first <activelock> */
	char *lock_token;
	bool lock_seen;          /* an <activelock> ended: later ones are ignored */
};

struct parse {
	XML_Parser xp;
	const char *base;
	struct dav_multistatus *out;
	enum kind stack[MAX_DEPTH];
	int depth;
	char *text;              /* character data of the current leaf */
	size_t tlen;
	bool collect;
	/* the <response> being read */
	char *href;
	int status;
	bool any_propstat;
	struct dav_entry cur;
	struct props ps;
	int ps_status;
	bool seen_root;
	char *err;
};

static const char *dav_local(const char *name)
{
	static const char ns[] = "DAV:";

	if (strncmp(name, ns, sizeof ns - 1) || name[sizeof ns - 1] != NS_SEP)
		return NULL;
	return name + sizeof ns;
}

/* What NAME is where it stands: DAV elements only count in their place
 * (an <href> inside <lockdiscovery> is not the response's). */
static enum kind classify(const char *name, enum kind parent)
{
	const char *l = dav_local(name);

	if (!l)
		return K_OTHER;
	switch (parent) {
	case K_MULTISTATUS:
		return !strcmp(l, "response") ? K_RESPONSE : K_OTHER;
	case K_RESPONSE:
		return !strcmp(l, "href") ? K_HREF : !strcmp(l, "status") ? K_STATUS
		       : !strcmp(l, "propstat") ? K_PROPSTAT : K_OTHER;
	case K_PROPSTAT:
		return !strcmp(l, "prop") ? K_PROP : !strcmp(l, "status") ? K_STATUS : K_OTHER;
	case K_PROP:
		return !strcmp(l, "getcontentlength") ? K_LENGTH : !strcmp(l, "getetag") ? K_ETAG
		       : !strcmp(l, "resourcetype") ? K_RESTYPE
		       : !strcmp(l, "lockdiscovery") ? K_LOCKDISC : K_OTHER;
	case K_RESTYPE:
		return !strcmp(l, "collection") ? K_COLLECTION : K_OTHER;
	case K_LOCKDISC:
		return !strcmp(l, "activelock") ? K_ACTIVELOCK : K_OTHER;
	case K_ACTIVELOCK:
		return !strcmp(l, "owner") ? K_OWNER : !strcmp(l, "locktoken") ? K_LOCKTOKEN
		       : K_OTHER;
	case K_LOCKTOKEN:
		return !strcmp(l, "href") ? K_LOCKHREF : K_OTHER;
	default:
		return K_OTHER;
	}
}

static enum kind parent_kind(const struct parse *p)
{
	return p->depth > 0 && p->depth <= MAX_DEPTH ? p->stack[p->depth - 1] : K_OTHER;
}

/* Only the root may be a multistatus: one nested in an unknown element
 * would open a response inside the response being read. */
static enum kind classify_here(const struct parse *p, const char *name)
{
	const char *l = dav_local(name);

	if (!p->depth)
		return l && !strcmp(l, "multistatus") ? K_MULTISTATUS : K_OTHER;
	return classify(name, parent_kind(p));
}

/* The code of "HTTP/1.1 404 Not Found", 0 when it has no such shape. */
static int status_code(const char *s)
{
	const char *sp = strchr(s, ' ');
	long v;
	char *end;

	if (strncmp(s, "HTTP/", 5) || !sp)
		return 0;
	v = strtol(sp + 1, &end, 10);
	return v >= 100 && v <= 599 && end == sp + 4 ? (int)v : 0;
}

/* getcontentlength: digits only (surrounding white space allowed). */
static int64_t parse_length(const char *s)
{
	int64_t v = 0;
	bool digits = false;

	s += strspn(s, " \t\r\n");
	for (; *s >= '0' && *s <= '9'; s++, digits = true) {
		if (v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	s += strspn(s, " \t\r\n");
	return digits && !*s ? v : -1;
}

/* S without surrounding white space; NULL when nothing is left. */
static char *trimmed(const char *s)
{
	size_t n;

	s += strspn(s, " \t\r\n");
	n = strlen(s);
	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	return n ? st_strdup_printf("%.*s", (int)n, s) : NULL;
}

char *dav_url_path(const char *url)
{
	CURLU *u = curl_url();
	char *path = NULL, *out = NULL;

	if (u && !curl_url_set(u, CURLUPART_URL, url, 0) &&
	    !curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE))
		out = st_xstrdup(path);
	curl_free(path);
	curl_url_cleanup(u);
	return out;
}

/* HREF resolved against the request URL, decoded; NULL when it cannot be. */
static char *resolve(const char *base, const char *href)
{
	CURLU *u = curl_url();
	char *path = NULL, *out = NULL;

	if (u && !curl_url_set(u, CURLUPART_URL, base, 0) &&
	    !curl_url_set(u, CURLUPART_URL, href, 0) &&
	    !curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE))
		out = st_xstrdup(path);
	curl_free(path);
	curl_url_cleanup(u);
	return out;
}

static void entry_clear(struct dav_entry *e)
{
	free(e->path);
	free(e->etag);
	free(e->lock_owner);
	free(e->lock_token);
	memset(e, 0, sizeof *e);
	e->length = -1;
}

static void props_clear(struct props *ps)
{
	free(ps->etag);
	free(ps->lock_owner);
	free(ps->lock_token);
	memset(ps, 0, sizeof *ps);
	ps->length = -1;
}

/* Moves *FROM into *TO when set (a later propstat's value wins). */
static void take(char **to, char **from)
{
	if (*from) {
		free(*to);
		*to = *from;
		*from = NULL;
	}
}

static void add_entry(struct parse *p)
{
	struct dav_multistatus *ms = p->out;
	char *path = p->href ? resolve(p->base, p->href) : NULL;

	if (!path) {
		entry_clear(&p->cur);
		return;
	}
	ms->e = realloc(ms->e, (ms->n + 1) * sizeof *ms->e);
	if (!ms->e)
		abort();
	p->cur.path = path;
	p->cur.status = p->any_propstat ? 200 : p->status;
	ms->e[ms->n++] = p->cur;
	memset(&p->cur, 0, sizeof p->cur);
}

static void end_propstat(struct parse *p)
{
	if (p->ps_status / 100 == 2) {
		p->any_propstat = true;
		p->cur.collection |= p->ps.collection;
		if (p->ps.length >= 0)
			p->cur.length = p->ps.length;
		take(&p->cur.etag, &p->ps.etag);
		take(&p->cur.lock_owner, &p->ps.lock_owner);
		take(&p->cur.lock_token, &p->ps.lock_token);
	}
	props_clear(&p->ps);
}

static void XMLCALL on_start(void *ctx, const XML_Char *name, const XML_Char **attrs)
{
	struct parse *p = ctx;
	enum kind k = classify_here(p, name);

	(void)attrs;
	p->seen_root |= k == K_MULTISTATUS;
	if (p->depth < MAX_DEPTH)
		p->stack[p->depth] = k;
	p->depth++;
	p->tlen = 0;
	p->collect = k == K_HREF || k == K_STATUS || k == K_LENGTH || k == K_ETAG ||
		     k == K_LOCKHREF || (k == K_OWNER && !p->ps.lock_seen);
	if (k == K_RESPONSE) {
		free(p->href);
		p->href = NULL;
		p->status = 0;
		p->any_propstat = false;
		entry_clear(&p->cur);
	} else if (k == K_PROPSTAT) {
		props_clear(&p->ps);
		p->ps_status = 0;
	} else if (k == K_COLLECTION) {
		p->ps.collection = true;
	}
}

static void XMLCALL on_end(void *ctx, const XML_Char *name)
{
	struct parse *p = ctx;
	enum kind k = p->depth <= MAX_DEPTH ? p->stack[p->depth - 1] : K_OTHER;
	enum kind parent;
	const char *t;

	(void)name;
	p->depth--;
	parent = parent_kind(p);
	p->text[p->tlen] = '\0';
	t = p->text;
	if (k == K_HREF && !p->href)
		p->href = trimmed(t);
	else if (k == K_STATUS && parent == K_RESPONSE)
		p->status = status_code(t + strspn(t, " \t\r\n"));
	else if (k == K_STATUS)
		p->ps_status = status_code(t + strspn(t, " \t\r\n"));
	else if (k == K_LENGTH)
		p->ps.length = parse_length(t);
	else if (k == K_ETAG && !p->ps.etag)
		p->ps.etag = trimmed(t);
	else if (k == K_OWNER && !p->ps.lock_seen && !p->ps.lock_owner)
		p->ps.lock_owner = trimmed(t);
	else if (k == K_LOCKHREF && !p->ps.lock_seen && !p->ps.lock_token)
		p->ps.lock_token = trimmed(t);
	else if (k == K_ACTIVELOCK)
		p->ps.lock_seen = true;
	else if (k == K_PROPSTAT)
		end_propstat(p);
	else if (k == K_RESPONSE)
		add_entry(p);
	p->collect = false;
	p->tlen = 0;
}

static void XMLCALL on_text(void *ctx, const XML_Char *s, int len)
{
	struct parse *p = ctx;
	size_t n = (size_t)len;

	if (!p->collect)
		return;
	if (n > MAX_TEXT - p->tlen)
		n = MAX_TEXT - p->tlen;
	memcpy(p->text + p->tlen, s, n);
	p->tlen += n;
}

static void XMLCALL on_doctype(void *ctx, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int internal)
{
	struct parse *p = ctx;

	(void)name, (void)sysid, (void)pubid, (void)internal;
	if (!p->err)
		p->err = st_xstrdup("a DOCTYPE declaration");
	XML_StopParser(p->xp, XML_FALSE);
}

/* Feeds BUF to expat in pieces an int can count. */
static bool feed(struct parse *p, const char *buf, size_t len)
{
	do {
		int n = len > (1u << 30) ? 1 << 30 : (int)len;

		if (XML_Parse(p->xp, buf, n, len == (size_t)n) != XML_STATUS_OK)
			return false;
		buf += n;
		len -= (size_t)n;
	} while (len);
	return true;
}

int dav_multistatus_parse(const char *buf, size_t len, const char *base_url,
			  struct dav_multistatus *out, char **err)
{
	struct parse p = {.base = base_url, .out = out};
	int ret = 0;

	memset(out, 0, sizeof *out);
	*err = NULL;
	p.xp = XML_ParserCreateNS(NULL, NS_SEP);
	if (!p.xp)
		abort();
	p.text = st_xcalloc(MAX_TEXT + 1, 1);
	XML_SetUserData(p.xp, &p);
	XML_SetElementHandler(p.xp, on_start, on_end);
	XML_SetCharacterDataHandler(p.xp, on_text);
	XML_SetStartDoctypeDeclHandler(p.xp, on_doctype);
	if (!feed(&p, buf, len)) {
		*err = p.err ? p.err : st_strdup_printf("%s at line %lu",
			XML_ErrorString(XML_GetErrorCode(p.xp)),
			(unsigned long)st_xml_line(p.xp));
		p.err = NULL;
		ret = -1;
	}
	if (!ret && !p.seen_root) {
		*err = st_xstrdup("no DAV:multistatus element");
		ret = -1;
	}
	if (ret)
		dav_multistatus_free(out);
	entry_clear(&p.cur);
	props_clear(&p.ps);
	free(p.href);
	free(p.text);
	free(p.err);
	XML_ParserFree(p.xp);
	return ret;
}

void dav_multistatus_free(struct dav_multistatus *ms)
{
	for (size_t i = 0; i < ms->n; i++)
		entry_clear(&ms->e[i]);
	free(ms->e);
	memset(ms, 0, sizeof *ms);
}

static size_t trimmed_len(const char *s)
{
	size_t n = strlen(s);

	return n > 1 && s[n - 1] == '/' ? n - 1 : n;
}

const struct dav_entry *dav_multistatus_find(const struct dav_multistatus *ms, const char *path)
{
	size_t n = trimmed_len(path);

	for (size_t i = 0; i < ms->n; i++)
		if (trimmed_len(ms->e[i].path) == n && !strncmp(ms->e[i].path, path, n))
			return &ms->e[i];
	return NULL;
}
