/* http.c — see http.h. */
#include "http.h"
#include "human.h"
#include "msg.h"
#include "paths.h"
#include "progress.h"
#include "secret.h"
#include "status.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define BODY_MAX (16u << 20)
#define BACKOFF_BASE 0.5
#define BACKOFF_MAX 30.0
#define RETRY_AFTER_MAX 120.0

/* The state of one attempt. */
struct xfer {
	const struct pub_req *r;
	struct pub_resp *resp;
	int fd;               /* file body */
	uint64_t pos;         /* bytes of the body given to libcurl */
	size_t cap;
	double start, last_draw;
	bool tty, drawn;
	CURL *curl;
};

static size_t read_body(char *buf, size_t size, size_t nitems, void *vx)
{
	struct xfer *x = vx;
	uint64_t total = x->r->file ? x->r->length : x->r->len;
	size_t want = size * nitems;
	ssize_t n;

	if (x->pos >= total)
		return 0;
	if (want > total - x->pos)
		want = (size_t)(total - x->pos);
	if (!x->r->file) {
		memcpy(buf, x->r->data + x->pos, want);
		if (x->r->tap)
			x->r->tap(buf, want, x->pos, x->r->tap_ctx);
		x->pos += want;
		return want;
	}
	n = pread(x->fd, buf, want, (off_t)(x->r->offset + x->pos));
	if (n <= 0)
		return CURL_READFUNC_ABORT;
	if (x->r->tap)
		x->r->tap(buf, (size_t)n, x->pos, x->r->tap_ctx);
	x->pos += (uint64_t)n;
	return (size_t)n;
}

/* libcurl rewinds the body when it must send it again (a redirect, an
 * authentication round). */
static int seek_body(void *vx, curl_off_t offset, int origin)
{
	struct xfer *x = vx;

	if (origin != SEEK_SET || offset < 0)
		return CURL_SEEKFUNC_CANTSEEK;
	x->pos = (uint64_t)offset;
	return CURL_SEEKFUNC_OK;
}

static size_t write_body(char *data, size_t size, size_t nmemb, void *vx)
{
	struct xfer *x = vx;
	struct pub_resp *resp = x->resp;
	size_t n = size * nmemb;

	if (x->r->sink && !resp->status)
		curl_easy_getinfo(x->curl, CURLINFO_RESPONSE_CODE, &resp->status);
	if (x->r->sink && resp->status / 100 == 2)
		return x->r->sink(data, n, x->r->sink_ctx) ? n : CURL_WRITEFUNC_ERROR;
	if (resp->len + n > BODY_MAX)
		return CURL_WRITEFUNC_ERROR;
	if (resp->len + n + 1 > x->cap) {
		x->cap = (resp->len + n + 1) * 2;
		resp->body = realloc(resp->body, x->cap);
		if (!resp->body)
			abort();
	}
	memcpy(resp->body + resp->len, data, n);
	resp->len += n;
	resp->body[resp->len] = '\0';
	return n;
}

/* The value of header NAME if DATA (N bytes) is that header, malloc'ed. */
static void header_value(const char *data, size_t n, const char *name, char **out)
{
	size_t k = strlen(name), len;
	const char *v;

	if (n <= k || strncasecmp(data, name, k) || data[k] != ':')
		return;
	v = data + k + 1;
	len = n - k - 1;
	while (len && (*v == ' ' || *v == '\t'))
		v++, len--;
	while (len && (v[len - 1] == '\r' || v[len - 1] == '\n' || v[len - 1] == ' '))
		len--;
	free(*out);
	*out = strndup(v, len);
	if (!*out)
		abort();
}

/* The DAV header, which a server may send more than once (Apache: "1,2"
 * then its property-set URI): the values joined with ", ". */
static void dav_header(const char *data, size_t n, char **out)
{
	char *v = NULL, *all;

	header_value(data, n, "DAV", &v);
	if (!v)
		return;
	all = *out ? st_strdup_printf("%s, %s", *out, v) : v;
	if (*out)
		free(v);
	free(*out);
	*out = all;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *vx)
{
	struct xfer *x = vx;
	size_t n = size * nmemb;

	header_value(data, n, "ETag", &x->resp->etag);
	header_value(data, n, "Lock-Token", &x->resp->lock_token);
	dav_header(data, n, &x->resp->dav);
	header_value(data, n, "Allow", &x->resp->allow);
	return n;
}

/* The progress line: bytes, rate, ETA; on a terminal only, redrawn at
 * most twice a second (the final line is the caller's). */
static int on_progress(void *vx, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
		       curl_off_t ulnow)
{
	struct xfer *x = vx;
	double now = st_now(), rate, eta;
	char done[ST_HUMAN_LEN], total[ST_HUMAN_LEN], speed[ST_HUMAN_LEN];

	(void)dltotal;
	(void)dlnow;
	if (!x->tty || !x->r->label || now - x->last_draw < 0.5 || ultotal <= 0)
		return 0;
	x->last_draw = now;
	rate = (double)ulnow / (now - x->start > 0.001 ? now - x->start : 0.001);
	eta = rate > 0 ? (double)(ultotal - ulnow) / rate : 0;
	st_hsize(done, sizeof done, (double)ulnow);
	st_hsize(total, sizeof total, (double)ultotal);
	st_hsize(speed, sizeof speed, rate);
	fprintf(stderr, "\r%s: %-24.24s %10s / %-10s %10s/s %s %3d:%02d ", st_progname(),
		x->r->label, done, total, speed, _("ETA"), (int)eta / 60, (int)eta % 60);
	x->drawn = true;
	return 0;
}

static void set_common(struct pub_http *h, struct xfer *x)
{
	CURL *c = h->curl;
	const struct pub_target *t = h->t;
	static char agent[160];

	if (!agent[0])
		snprintf(agent, sizeof agent,
			 "studio-publish/%s (CorsicaLab Studio; Collectivite de Corse) libcurl/%s",
			 ST_VERSION, curl_version_info(CURLVERSION_NOW)->version);
	curl_easy_setopt(c, CURLOPT_USERAGENT, agent);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	/* Enabled once: each COOKIEFILE queues one more "" file name. */
	if (h->cookies && !h->cookies_on) {
		curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");
		h->cookies_on = true;
	}
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, t->timeout);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, t->insecure ? 0L : 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, t->insecure ? 0L : 2L);
	if (t->ca_file)
		curl_easy_setopt(c, CURLOPT_CAINFO, t->ca_file);
	if (h->password) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERNAME, t->username);
		curl_easy_setopt(c, CURLOPT_PASSWORD, h->password);
	}
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, x);
	curl_easy_setopt(c, CURLOPT_READDATA, x);
	curl_easy_setopt(c, CURLOPT_SEEKDATA, x);
}

/* The URL T's requests go to. */
static const char *endpoint(const struct pub_target *t)
{
	return t->url ? t->url : t->api ? t->api : "";
}

static bool cleartext(const struct pub_target *t)
{
	return !strncmp(endpoint(t), "http://", 7);
}

int pub_http_check_cleartext(const struct pub_target *t)
{
	const char *file = t->config_file ? t->config_file : "publish.ini";

	if (!cleartext(t))
		return ST_OK;
	if (!t->insecure) {
		st_error(_("target '%s': refusing to send the password unencrypted over http:// "
			   "(%s): use https://, or insecure = yes in %s to accept the risk"),
			 t->name, endpoint(t), file);
		return ST_CONFIG;
	}
	st_warn(_("target '%s': the password is sent unencrypted over http:// (insecure = yes "
		  "in %s)"), t->name, file);
	return ST_OK;
}

int pub_http_open(struct pub_http *h, const struct pub_target *t, bool auth)
{
	int ret;

	memset(h, 0, sizeof *h);
	h->t = t;
	h->seed = (unsigned)time(NULL) ^ (unsigned)getpid();
	if (auth && (ret = pub_http_check_cleartext(t)))
		return ret;
	if (auth && (ret = pub_secret_read(t, &h->password)))
		return ret;
	h->curl = curl_easy_init();
	if (!h->curl) {
		st_error(_("cannot start libcurl for target '%s'"), t->name);
		pub_secret_free(&h->password);
		return ST_SOFTWARE;
	}
	if (t->insecure && !cleartext(t))
		st_warn(_("target '%s': TLS certificates are NOT verified (insecure = yes in %s)"),
			t->name, t->config_file ? t->config_file : "publish.ini");
	return ST_OK;
}

void pub_http_close(struct pub_http *h)
{
	if (h->curl)
		curl_easy_cleanup(h->curl);
	pub_secret_free(&h->password);
	memset(h, 0, sizeof *h);
}

void pub_http_forget_cookies(struct pub_http *h)
{
	if (h->curl && h->cookies_on)
		curl_easy_setopt(h->curl, CURLOPT_COOKIELIST, "ALL");
}

void pub_resp_free(struct pub_resp *resp)
{
	free(resp->body);
	free(resp->etag);
	free(resp->lock_token);
	free(resp->dav);
	free(resp->allow);
	memset(resp, 0, sizeof *resp);
}

static void set_request(struct pub_http *h, const struct pub_req *r, struct curl_slist *hdrs,
			curl_mime *mime)
{
	CURL *c = h->curl;
	bool put = !strcmp(r->method, "PUT");

	/* The handle is reused without curl_easy_reset() (which would drop
	 * the cookie engine): undo what the previous request set.  HTTPGET
	 * comes last: setting POSTFIELDS or MIMEPOST, even to NULL, makes
	 * the handle's method POST again, and a GET went out as a POST. */
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, NULL);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, NULL);
	curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)-1);
	curl_easy_setopt(c, CURLOPT_URL, r->url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	if (!strcmp(r->method, "HEAD"))
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	else if (mime)
		curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
	else if (put || r->file) {
		curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE,
				 (curl_off_t)(r->file ? r->length : r->len));
	} else if (r->data) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, r->data);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)r->len);
	}
	if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD") && !put &&
	    !(!strcmp(r->method, "POST") && (mime || r->data)))
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, r->method);
	if (put || r->file) {
		curl_easy_setopt(c, CURLOPT_READFUNCTION, read_body);
		curl_easy_setopt(c, CURLOPT_SEEKFUNCTION, seek_body);
	}
}

static bool retryable_code(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST: case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT: case CURLE_SEND_ERROR: case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING: case CURLE_PARTIAL_FILE: case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM: case CURLE_SSL_CONNECT_ERROR:
		return true;
	default:
		return false;
	}
}

/* One attempt.  Returns the libcurl code. */
static CURLcode attempt(struct pub_http *h, const struct pub_req *r, struct pub_resp *resp,
			struct xfer *x, struct curl_slist *hdrs)
{
	CURLcode rc;
	curl_off_t cl = -1, sent = 0;
	curl_mime *mime = NULL;

	pub_resp_free(resp);
	memset(x, 0, sizeof *x);
	x->r = r;
	x->resp = resp;
	x->fd = -1;
	x->curl = h->curl;
	x->tty = r->label && !st_msg_quiet() && isatty(STDERR_FILENO);
	x->start = st_now();
	set_common(h, x);
	if (r->mime_build)
		mime = r->mime_build(h->curl, r->mime_ctx);
	set_request(h, r, hdrs, mime);
	if (r->file && (x->fd = open(r->file, O_RDONLY | O_CLOEXEC)) < 0)
		return CURLE_READ_ERROR;
	h->errbuf[0] = '\0';
	if (r->sink_reset)
		r->sink_reset(r->sink_ctx);
	rc = curl_easy_perform(h->curl);
	curl_easy_setopt(h->curl, CURLOPT_MIMEPOST, NULL);
	curl_mime_free(mime);
	if (x->fd >= 0)
		close(x->fd);
	if (x->drawn)
		fputs("\r\033[K", stderr);
	resp->seconds = st_now() - x->start;
	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &resp->status);
	curl_easy_getinfo(h->curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl);
	curl_easy_getinfo(h->curl, CURLINFO_SIZE_UPLOAD_T, &sent);
	resp->content_length = cl;
	h->bytes_sent += (uint64_t)sent;
	if (!resp->body)
		resp->body = st_xstrdup("");
	return rc;
}

static void pause_for(double seconds)
{
	struct timespec ts = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* Backoff before retry number N (0-based), at least RETRY_AFTER. */
static double backoff(struct pub_http *h, int n, double retry_after)
{
	double d = BACKOFF_BASE * (double)(1u << (n < 10 ? n : 10));

	if (d > BACKOFF_MAX)
		d = BACKOFF_MAX;
	d *= 0.5 + 0.5 * (double)rand_r(&h->seed) / RAND_MAX;
	if (retry_after > RETRY_AFTER_MAX)
		retry_after = RETRY_AFTER_MAX;
	return d > retry_after ? d : retry_after;
}

int pub_http_do(struct pub_http *h, const struct pub_req *r, struct pub_resp *resp)
{
	struct curl_slist *hdrs = NULL;
	struct xfer x;
	CURLcode rc = CURLE_OK;
	int ret = ST_OK;

	memset(resp, 0, sizeof *resp);
	for (const char *const *l = r->headers; l && *l; l++)
		hdrs = curl_slist_append(hdrs, *l);
	/* No "Expect: 100-continue" round trip before bodies. */
	hdrs = curl_slist_append(hdrs, "Expect:");
	for (int n = 0;; n++) {
		curl_off_t ra = 0;
		bool again;

		rc = attempt(h, r, resp, &x, hdrs);
		if (rc == CURLE_READ_ERROR && r->file) {
			st_error(_("cannot read %s: %s"), r->file, strerror(errno));
			ret = ST_NOINPUT;
			break;
		}
		again = rc != CURLE_OK ? retryable_code(rc)
				       : resp->status >= 500 || resp->status == 429;
		if (!again && rc != CURLE_OK) {
			st_error(_("%s %s failed: %s"), r->method, r->url,
				 h->errbuf[0] ? h->errbuf : curl_easy_strerror(rc));
			ret = rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE
				      ? ST_CONFIG : ST_UNAVAILABLE;
			break;
		}
		if (!again)
			break;
		if (n >= h->t->retries) {
			if (rc != CURLE_OK)
				st_error(_("%s %s failed after %d attempts: %s"), r->method, r->url,
					 n + 1, h->errbuf[0] ? h->errbuf : curl_easy_strerror(rc));
			else
				st_error(_("%s %s failed after %d attempts: HTTP %ld"), r->method,
					 r->url, n + 1, resp->status);
			ret = ST_TEMPFAIL;
			break;
		}
		if (rc == CURLE_OK)
			curl_easy_getinfo(h->curl, CURLINFO_RETRY_AFTER, &ra);
		pause_for(backoff(h, n, (double)ra));
	}
	curl_slist_free_all(hdrs);
	return ret;
}

/* The first line of an HTML or text error body, tags dropped, for the
 * message; "" when there is none. */
static void reason(const struct pub_resp *resp, char out[160])
{
	const char *p = resp->body ? resp->body : "";
	size_t n = 0;
	bool tag = false;

	for (; *p && n < 159; p++) {
		if (*p == '<')
			tag = true;
		else if (*p == '>')
			tag = false;
		else if (!tag && *p != '\n' && *p != '\r' && (n || *p != ' '))
			out[n++] = *p;
		else if (!tag && n && (*p == '\n') && out[n - 1] != ' ')
			out[n++] = ' ';
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

int pub_http_fail(const struct pub_req *r, const struct pub_resp *resp)
{
	char why[160];

	if (resp->status == 401 || resp->status == 403) {
		st_error(_("%s %s: HTTP %ld: access refused; check the username and password"),
			 r->method, r->url, resp->status);
		return ST_CONFIG;
	}
	reason(resp, why);
	st_error(_("%s %s: unexpected HTTP %ld%s%s"), r->method, r->url, resp->status,
		 why[0] ? ": " : "", why);
	return ST_UNAVAILABLE;
}
