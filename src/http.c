/*
 * http.c: the concurrent HTTP engine on the libcurl multi interface.
 *
 * A call ("xfer") is always in exactly one place: an endpoint queue
 * (ready), the waiting list (backoff timer running) or the running list
 * (an easy handle in the multi).  http_run() loops: promote due timers,
 * dispatch round-robin over the endpoint queues under both caps, epoll(7)
 * the sockets libcurl asked for (curl_multi_socket_action(): only the
 * transfers with news are visited), and after each socket finish what
 * completed and start its successors at once.  When nothing has arrived
 * the caller's idle hook gets the time.  Each attempt gets fresh signed
 * headers on an easy handle reset for reuse; connections are reused
 * through the multi handle's shared connection cache.  Whether to retry
 * is decided only by retry_decide() (retry.h), and whether a call that
 * used up its attempts gets another round later in the run only by
 * retry_round_decide(): here a round is just a longer timer on the
 * waiting list.  Each endpoint's adaptive send rate (retry_rate_*) is
 * one more condition of dispatch(): a throttled endpoint waits for its
 * token while the others go on.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <curl/curl.h>
#include <err.h>
#include <errno.h>
#include <sys/epoll.h>
#include <unistd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"
#include "retry.h"
#include "http.h"
#include "url.h"

#define HTTP_POLL_MAX_MS	1000	/* longest single wait */
#define HTTP_MAX_METHOD_BYTES	16	/* "OPTIONS" and friends */
#define HTTP_USER_AGENT		"bedrock-audit"
#define HTTP_RECV_BUFFER_BYTES	1024L	/* CURLOPT_BUFFERSIZE */
#define HTTP_EPOLL_EVENTS	64	/* sockets handled per wake-up */

static char	 empty_body[1];		/* resp->body of an empty reply */

/* Collects the first failing curl_easy_setopt() result in *rc. */
#define HTTP_SETOPT(rc, e, opt, val) do {				\
	CURLcode c_ = curl_easy_setopt((e), (opt), (val));		\
	if (c_ != CURLE_OK && *(rc) == CURLE_OK)			\
		*(rc) = c_;						\
} while (0)

struct xfer {
	struct http_call	 call;		/* points into fields below */
	char			*method;	/* owned copies of the call */
	char			*url;
	char			*endpoint_key;
	char			*operation;
	char			*region;
	void			*body;		/* owned, bodysz bytes */
	struct http_headers	 headers;	/* owned copy */
	const char		*reject_code;	/* static; invalid call */
	http_done_fn		 done;		/* completion callback */
	void			*arg;		/* for done and prepare */
	size_t			 ep;		/* index into http.eps */
	struct retry_state	 rs;		/* attempts, rounds, retry cost */
	char			*last_code;	/* last failure, for logs */
	CURL			*easy;		/* current attempt, or NULL */
	struct curl_slist	*slist;		/* its headers; wiped */
	struct buf		 resp;		/* reply body of this attempt */
	size_t			 max_body;	/* engine's body ceiling */
	size_t			 hdr_bytes;	/* reply header bytes seen */
	char			*error_type;	/* x-amzn-ErrorType */
	char			*query_error;	/* x-amzn-query-error */
	char			*request_id;	/* x-amzn-RequestId */
	int			 too_large;	/* a ceiling was hit */
	char			 errbuf[CURL_ERROR_SIZE]; /* curl's detail */
	long long		 start_ms;	/* attempt start (monotonic) */
	long long		 due_ms;	/* retry time while waiting */
	struct xfer		*next;		/* queue, waiting or running */
	struct xfer		**prevp;	/* running: the pointer to x,
						   so that it leaves in O(1) */
};

/*
 * One logical endpoint: what an AWS SDK calls a client.  The retry
 * quota lives here, not in the engine, so that a region that fails
 * (100 retries of a throttled or dead endpoint) empties only its own
 * bucket and every other region keeps its retries.
 */
struct endpoint {
	char		*key;		/* endpoint_key, owned */
	struct xfer	*head;		/* ready calls, FIFO */
	struct xfer	*tail;
	int		 inflight;	/* attempts running for this key */
	struct retry_quota quota;	/* this key's retry token bucket */
	struct retry_rate rate;		/* this key's adaptive send rate */
	int		 answered;	/* a call of this key got a 2xx */
	/* in the ring of endpoints with queued calls while head != NULL */
	size_t		 rnext, rprev;	/* neighbours in the ring */
};

#define HTTP_NO_EP	((size_t)-1)

struct http {
	CURLM			*multi;		/* owns the connection cache */
	int			 epfd;		/* epoll(7) of the sockets libcurl
						   wants; -1 before http_new() */
	/* one epoll_wait(2)'s events; more wait for the next (level) */
	struct epoll_event	 ready[HTTP_EPOLL_EVENTS];
	long long		 timer_ms;	/* libcurl's timeout; -1 none */
	CURL			**idle;		/* nidle easy handles, reset */
	int			 nidle;		/* at most max_in_flight */
	http_idle_fn		 idle_fn;	/* deferred work, or NULL */
	void			*idle_arg;
	/* a copy, defaults applied; max_in_flight is the ceiling */
	struct http_config	 cfg;
	/* cfg.max_in_flight was HTTP_IN_FLIGHT_PER_ENDPOINT: in_flight_cap() */
	int			 per_endpoint_cap;
	char			*ca_bundle;	/* owned copy, or NULL */
	struct retry_policy	 policy;
	struct retry_round_policy rounds;	/* rounds of a call */
	struct retry_rng	 rng;		/* backoff jitter */
	long long		 start_ms;	/* http_run(): when it began */
	long long		 deadline_ms;	/* http_run(): its deadline */
	struct endpoint		*eps;		/* neps entries; only grows */
	size_t			 neps;
	size_t			*epsidx;	/* open addressing: eps index + 1 */
	size_t			 epsidxcap;	/* a power of two, > 2 * neps */
	/*
	 * The endpoints with queued calls, in round-robin order: dispatch()
	 * and poll_timeout() visit only these, not every key ever seen (a
	 * run of 100 accounts has 6,000 keys, most of them long finished).
	 */
	size_t			 ring;		/* next to serve; HTTP_NO_EP */
	size_t			 nring;
	size_t			 nqueued;	/* calls in endpoint queues */
	struct xfer		*waiting;	/* calls in backoff */
	struct xfer		*running;	/* calls with an easy handle */
	int			 inflight;	/* length of running */
	struct http_stats	 stats;
};

static void	attempt_start(struct http *, struct xfer *);

void
http_headers_add(struct http_headers *h, const char *name, const char *value)
{
	h->v = xreallocarray(h->v, h->len + 1, sizeof(h->v[0]));
	h->v[h->len].name = xstrdup(name);
	h->v[h->len].value = xstrdup(value);
	h->len++;
}

void
http_headers_free(struct http_headers *h)
{
	size_t	 i;

	if (h == NULL)
		return;
	for (i = 0; i < h->len; i++) {
		free(h->v[i].name);
		free(h->v[i].value);
	}
	free(h->v);
	h->v = NULL;
	h->len = 0;
}

/* http_headers_free() that first wipes the values (signatures, tokens). */
static void
headers_wipe(struct http_headers *h)
{
	size_t	 i;

	for (i = 0; i < h->len; i++)
		explicit_bzero(h->v[i].value, strlen(h->v[i].value));
	http_headers_free(h);
}

void
http_slist_wipe(struct curl_slist *l)
{
	struct curl_slist	*p;

	for (p = l; p != NULL; p = p->next)
		explicit_bzero(p->data, strlen(p->data));
	curl_slist_free_all(l);
}

/* Nonzero if "s" holds CR or LF, which would split a header line. */
static int
has_line_break(const char *s)
{
	return strpbrk(s, "\r\n") != NULL;
}

/* Check a header list: count, names and values.  Returns 0 or -1. */
static int
headers_valid(const struct http_headers *h, size_t have)
{
	size_t	 i;

	if (h == NULL)
		return 0;
	if (h->len > HTTP_MAX_HEADERS - have)
		return -1;
	for (i = 0; i < h->len; i++)
		if (h->v[i].name[0] == '\0' ||
		    strpbrk(h->v[i].name, ": \t\r\n") != NULL ||
		    has_line_break(h->v[i].value))
			return -1;
	return 0;
}

/* The reason a call cannot be sent (a static code), or NULL. */
static const char *
call_reject(const struct xfer *x)
{
	size_t	 i, n = strlen(x->method);

	if (!url_allowed(x->url))
		return "ProtocolNotAllowed";
	if (n == 0 || n > HTTP_MAX_METHOD_BYTES)
		return "InvalidRequest";
	for (i = 0; i < n; i++)
		if (x->method[i] < 'A' || x->method[i] > 'Z')
			return "InvalidRequest";
	if (x->call.bodysz > HTTP_MAX_REQUEST_BODY_BYTES ||
	    (x->call.bodysz > 0 && strcmp(x->method, "GET") == 0))
		return "InvalidRequest";
	if (headers_valid(&x->headers, 0) == -1)
		return "InvalidRequest";
	return NULL;
}

/* FNV-1a of "key". */
static size_t
key_hash(const char *key)
{
	uint64_t	h = 1469598103934665603ULL;

	for (; *key != '\0'; key++)
		h = (h ^ (unsigned char)*key) * 1099511628211ULL;
	return (size_t)h;
}

/* Rebuild the key index at twice its size (at least 64 slots). */
static void
endpoint_index_grow(struct http *h)
{
	size_t	cap = h->epsidxcap == 0 ? 64 : h->epsidxcap * 2, i, k;

	free(h->epsidx);
	h->epsidx = xcalloc(cap, sizeof(h->epsidx[0]));
	h->epsidxcap = cap;
	for (i = 0; i < h->neps; i++) {
		for (k = key_hash(h->eps[i].key) & (cap - 1);
		    h->epsidx[k] != 0; k = (k + 1) & (cap - 1))
			;
		h->epsidx[k] = i + 1;
	}
}

/* Index of the endpoint for "key", created if new. */
static size_t
endpoint_index(struct http *h, const char *key)
{
	size_t	 k, i;

	if (2 * (h->neps + 1) > h->epsidxcap)
		endpoint_index_grow(h);
	for (k = key_hash(key) & (h->epsidxcap - 1); h->epsidx[k] != 0;
	    k = (k + 1) & (h->epsidxcap - 1))
		if (strcmp(h->eps[h->epsidx[k] - 1].key, key) == 0)
			return h->epsidx[k] - 1;
	i = h->neps;
	h->eps = xreallocarray(h->eps, i + 1, sizeof(h->eps[0]));
	memset(&h->eps[i], 0, sizeof(h->eps[0]));
	h->eps[i].key = xstrdup(key);
	retry_quota_init(&h->eps[i].quota);
	h->epsidx[k] = i + 1;
	return h->neps++;
}

/*
 * Put endpoint "i", whose queue was empty, in the ring, last in the
 * round (before the next).
 */
static void
ring_add(struct http *h, size_t i)
{
	struct endpoint	*ep = &h->eps[i];

	if (h->nring++ == 0) {
		ep->rnext = ep->rprev = i;
		h->ring = i;
		return;
	}
	ep->rnext = h->ring;
	ep->rprev = h->eps[h->ring].rprev;
	h->eps[ep->rprev].rnext = i;
	h->eps[h->ring].rprev = i;
}

/* Take endpoint "i" (its queue now empty) out of the ring. */
static void
ring_del(struct http *h, size_t i)
{
	struct endpoint	*ep = &h->eps[i];

	if (--h->nring == 0) {
		h->ring = HTTP_NO_EP;
		return;
	}
	h->eps[ep->rprev].rnext = ep->rnext;
	h->eps[ep->rnext].rprev = ep->rprev;
	if (h->ring == i)
		h->ring = ep->rnext;
}

/* Append "x" to its endpoint queue, or put it first (a due retry). */
static void
enqueue(struct http *h, struct xfer *x, int front)
{
	struct endpoint	*ep = &h->eps[x->ep];

	if (ep->head == NULL)
		ring_add(h, x->ep);
	if (front) {
		x->next = ep->head;
		ep->head = x;
		if (ep->tail == NULL)
			ep->tail = x;
	} else {
		x->next = NULL;
		if (ep->tail != NULL)
			ep->tail->next = x;
		else
			ep->head = x;
		ep->tail = x;
	}
	h->nqueued++;
}

/* Deep copy of "c" as a new xfer; the caller validated the pointers. */
static struct xfer *
xfer_new(const struct http_call *c, http_done_fn done, void *arg)
{
	struct xfer	*x = xcalloc(1, sizeof(*x));
	size_t		 i;

	x->method = xstrdup(c->method);
	x->url = xstrdup(c->url);
	x->endpoint_key = xstrdup(c->endpoint_key);
	x->operation = xstrdup(c->operation != NULL ? c->operation : "?");
	x->region = xstrdup(c->region != NULL ? c->region : "-");
	if (c->bodysz > 0 && c->body != NULL) {
		x->body = xmalloc(c->bodysz);
		memcpy(x->body, c->body, c->bodysz);
	}
	for (i = 0; c->headers != NULL && i < c->headers->len; i++)
		http_headers_add(&x->headers, c->headers->v[i].name,
		    c->headers->v[i].value);
	x->call.method = x->method;
	x->call.url = x->url;
	x->call.headers = &x->headers;
	x->call.body = x->body;
	x->call.bodysz = x->body != NULL ? c->bodysz : 0;
	x->call.endpoint_key = x->endpoint_key;
	x->call.operation = x->operation;
	x->call.region = x->region;
	x->done = done;
	x->arg = arg;
	return x;
}

/* Reset what one attempt collects. */
static void
xfer_reset_attempt(struct xfer *x)
{
	/* a reply may carry credentials (AssumeRole, SSO, IMDS) */
	buf_wipe(&x->resp);
	free(x->error_type);
	free(x->request_id);
	free(x->query_error);
	x->error_type = x->request_id = x->query_error = NULL;
	x->hdr_bytes = 0;
	x->too_large = 0;
	x->errbuf[0] = '\0';
}

/* Free "x" and everything it owns, wiping what may be secret.  NULL-safe. */
static void
xfer_free(struct xfer *x)
{
	if (x == NULL)
		return;
	if (x->easy != NULL)
		curl_easy_cleanup(x->easy);
	http_slist_wipe(x->slist);
	xfer_reset_attempt(x);
	free(x->method);
	free(x->url);
	free(x->endpoint_key);
	free(x->operation);
	free(x->region);
	/* the body and the caller's headers may be secret (an external ID,
	   an SSO bearer token) */
	if (x->body != NULL)
		explicit_bzero(x->body, x->call.bodysz);
	free(x->body);
	free(x->last_code);
	headers_wipe(&x->headers);
	free(x);
}

/* Hand the error to the callback and free "x" (no longer listed). */
static void
finish_error(struct http *h, struct xfer *x, long status, const char *code,
    const char *message)
{
	struct http_error	 e;
	char			 safe_code[LOG_SAFE_LEN];

	memset(&e, 0, sizeof(e));
	e.status = status;
	e.code = xstrdup(log_safe(code, safe_code, sizeof(safe_code)));
	/*
	 * The message as the reply had it: it is stored and rendered, and
	 * each output escapes it once (log_safe() for stderr, escape.h
	 * for reports).  Escaped here too, a backslash came out as "\x5c".
	 */
	e.message = xstrdup(message != NULL ? message : "");
	e.operation = x->operation;
	e.region = x->region;
	e.attempts = x->rs.total;
	h->stats.failures++;
	x->done(x->arg, NULL, &e);
	free(e.code);
	free(e.message);
	xfer_free(x);
}

/* The reply "x" received, as callers see it; "r" borrows from "x". */
static void
xfer_response(const struct xfer *x, long status, struct http_response *r)
{
	memset(r, 0, sizeof(*r));
	r->status = status;
	r->body = x->resp.data != NULL ? x->resp.data : empty_body;
	r->bodysz = x->resp.len;
	r->error_type = x->error_type;
	r->request_id = x->request_id;
	r->query_error = x->query_error;
}

/* Credit the retry quota, hand the 2xx reply over and free "x". */
static void
finish_ok(struct http *h, struct xfer *x, long status)
{
	struct http_response	 r;

	retry_succeeded(&h->eps[x->ep].quota, &x->rs);
	h->eps[x->ep].answered = 1;
	xfer_response(x, status, &r);
	x->done(x->arg, &r, NULL);
	xfer_free(x);
}

/* libcurl write callback: collect the body up to the ceiling. */
static size_t
write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct xfer	*x = arg;
	size_t		 n = size * nmemb;	/* libcurl: size is 1 */

	if (n > x->max_body - x->resp.len) {
		x->too_large = 1;
		return 0;		/* transfer fails: CURLE_WRITE_ERROR */
	}
	buf_add(&x->resp, data, n);
	return n;
}

/* Store the trimmed value of header line "p" (length n) in *dst. */
static void
header_value(const char *p, size_t n, char **dst)
{
	const char	*v = memchr(p, ':', n), *end = p + n;

	for (v++; v < end && (*v == ' ' || *v == '\t'); v++)
		;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' ||
	    end[-1] == ' ' || end[-1] == '\t'))
		end--;
	free(*dst);
	*dst = xstrndup(v, end - v);
}

/*
 * libcurl header callback: size ceiling, x-amzn-ErrorType, RequestId and
 * query-error.
 */
static size_t
header_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct xfer	*x = arg;
	size_t		 n = size * nmemb;

	if (n > HTTP_MAX_HEADER_BYTES - x->hdr_bytes) {
		x->too_large = 1;
		return 0;
	}
	x->hdr_bytes += n;
	/* A new status line (after 100 Continue): forget earlier values. */
	if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		free(x->error_type);
		free(x->request_id);
		free(x->query_error);
		x->error_type = x->request_id = x->query_error = NULL;
	} else if (n > 17 && strncasecmp(data, "x-amzn-ErrorType:", 17) == 0)
		header_value(data, n, &x->error_type);
	else if (n > 19 && strncasecmp(data, "x-amzn-query-error:", 19) == 0)
		header_value(data, n, &x->query_error);
	else if (n > 17 && strncasecmp(data, "x-amzn-RequestId:", 17) == 0)
		header_value(data, n, &x->request_id);
	else if (n > 17 && strncasecmp(data, "x-amz-request-id:", 17) == 0 &&
	    x->request_id == NULL)
		header_value(data, n, &x->request_id);
	return n;
}

/* Append "name: value" to x->slist.  Returns -1 if libcurl fails. */
static int
slist_add(struct xfer *x, const char *name, const char *value)
{
	struct curl_slist	*l;
	char			*line;

	/* "Name;" is libcurl's way to send a header with an empty value. */
	if (value == NULL)
		line = xconcat(name, ":", (char *)NULL);
	else if (*value == '\0')
		line = xconcat(name, ";", (char *)NULL);
	else
		line = xconcat(name, ": ", value, (char *)NULL);
	l = curl_slist_append(x->slist, line);
	explicit_bzero(line, strlen(line));
	free(line);
	if (l == NULL)
		return -1;
	x->slist = l;
	return 0;
}

/* Build x->slist from the call's and the prepared headers. */
static int
build_slist(struct xfer *x, const struct http_headers *signed_h)
{
	const struct http_headers	*lists[2] = { &x->headers, signed_h };
	size_t				 i, j;
	int				 have_ctype = 0;

	for (i = 0; i < 2; i++)
		for (j = 0; j < lists[i]->len; j++) {
			if (strcasecmp(lists[i]->v[j].name,
			    "Content-Type") == 0)
				have_ctype = 1;
			if (slist_add(x, lists[i]->v[j].name,
			    lists[i]->v[j].value) == -1)
				return -1;
		}
	/* No "Expect: 100-continue" round trip; no form content type. */
	if (slist_add(x, "Expect", NULL) == -1)
		return -1;
	if (!have_ctype && slist_add(x, "Content-Type", NULL) == -1)
		return -1;
	return 0;
}

int
http_easy_secure(void *easy, const char *url, const char *ca_bundle,
    long connect_timeout_ms, long timeout_ms)
{
	CURL		*e = easy;
	CURLcode	 rc = CURLE_OK;

	/* Plain http only where the caller's check let an http URL by. */
	HTTP_SETOPT(&rc, e, CURLOPT_PROTOCOLS_STR,
	    strncasecmp(url, "http:", 5) == 0 ? "http,https" : "https");
	HTTP_SETOPT(&rc, e, CURLOPT_FOLLOWLOCATION, 0L);
	HTTP_SETOPT(&rc, e, CURLOPT_SSL_VERIFYPEER, 1L);
	HTTP_SETOPT(&rc, e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (ca_bundle != NULL)
		HTTP_SETOPT(&rc, e, CURLOPT_CAINFO, ca_bundle);
	HTTP_SETOPT(&rc, e, CURLOPT_NOSIGNAL, 1L);
	HTTP_SETOPT(&rc, e, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
	HTTP_SETOPT(&rc, e, CURLOPT_TIMEOUT_MS, timeout_ms);
	return rc;
}

/* Method, body, URL, headers and callbacks of one attempt. */
static CURLcode
easy_request(CURL *e, struct xfer *x)
{
	CURLcode	 rc = CURLE_OK;

	HTTP_SETOPT(&rc, e, CURLOPT_URL, x->url);
	if (strcmp(x->method, "GET") == 0)
		HTTP_SETOPT(&rc, e, CURLOPT_HTTPGET, 1L);
	else if (strcmp(x->method, "HEAD") == 0)
		HTTP_SETOPT(&rc, e, CURLOPT_NOBODY, 1L);
	else {
		if (strcmp(x->method, "POST") != 0)
			HTTP_SETOPT(&rc, e, CURLOPT_CUSTOMREQUEST, x->method);
		HTTP_SETOPT(&rc, e, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)x->call.bodysz);
		HTTP_SETOPT(&rc, e, CURLOPT_POSTFIELDS,
		    x->body != NULL ? (const char *)x->body : "");
	}
	HTTP_SETOPT(&rc, e, CURLOPT_HTTPHEADER, x->slist);
	HTTP_SETOPT(&rc, e, CURLOPT_USERAGENT, HTTP_USER_AGENT);
	/*
	 * libcurl's receive buffer, one per transfer in flight: 16 KB by
	 * default, 4 MB at 256 in flight.  1 KB, libcurl's least: most
	 * replies are under 2 KB, and a 36 KB quota page (a few a region)
	 * takes more reads, which cost nothing to measure.
	 */
	HTTP_SETOPT(&rc, e, CURLOPT_BUFFERSIZE, HTTP_RECV_BUFFER_BYTES);
	HTTP_SETOPT(&rc, e, CURLOPT_WRITEFUNCTION, write_cb);
	HTTP_SETOPT(&rc, e, CURLOPT_WRITEDATA, x);
	HTTP_SETOPT(&rc, e, CURLOPT_HEADERFUNCTION, header_cb);
	HTTP_SETOPT(&rc, e, CURLOPT_HEADERDATA, x);
	HTTP_SETOPT(&rc, e, CURLOPT_ERRORBUFFER, x->errbuf);
	HTTP_SETOPT(&rc, e, CURLOPT_PRIVATE, (void *)x);
	return rc;
}

/*
 * An easy handle for the next attempt: a reused one (reset, so that no
 * option of the last call survives) or a new one.  Reuse keeps libcurl's
 * buffers instead of allocating and freeing them on every request.
 */
static CURL *
easy_get(struct http *h)
{
	CURL	*e;

	if (h->nidle == 0)
		return curl_easy_init();
	e = h->idle[--h->nidle];
	curl_easy_reset(e);
	return e;
}

/* Keep "e" (removed from the multi) for reuse, or free it. */
static void
easy_put(struct http *h, CURL *e)
{
	if (h->nidle < h->cfg.max_in_flight)
		h->idle[h->nidle++] = e;
	else
		curl_easy_cleanup(e);
}

/*
 * Make x->easy for the next attempt: signed headers from the prepare
 * hook, then every option.  Returns NULL on success or the error code
 * to fail the call with.
 */
static const char *
attempt_setup(struct http *h, struct xfer *x)
{
	struct http_headers	 signed_h = { NULL, 0 };
	const char		*code = NULL;

	http_slist_wipe(x->slist);
	x->slist = NULL;
	xfer_reset_attempt(x);
	x->max_body = h->cfg.max_body_bytes;
	if (h->cfg.prepare != NULL &&
	    (h->cfg.prepare(x->arg, &x->call, &signed_h) == -1 ||
	    headers_valid(&signed_h, x->headers.len) == -1)) {
		code = "PrepareFailed";
		goto out;
	}
	/*
	 * call_reject() has checked the URL with url_allowed() at
	 * submission, and attempts start only for calls it let through.
	 */
	if (build_slist(x, &signed_h) == -1 ||
	    (x->easy = easy_get(h)) == NULL ||
	    http_easy_secure(x->easy, x->url, h->ca_bundle,
	    h->cfg.connect_timeout_ms, h->cfg.request_timeout_ms) !=
	    CURLE_OK ||
	    easy_request(x->easy, x) != CURLE_OK)
		code = "EngineError";
out:
	headers_wipe(&signed_h);
	return code;
}

/* Take one ready call and start its next attempt, or fail it. */
static void
attempt_start(struct http *h, struct xfer *x)
{
	const char	*code;
	CURLMcode	 mc;

	if ((code = x->reject_code) != NULL) {
		log_debug(2, "http: %s %s: not sent: %s", x->operation,
		    x->region, code);
		finish_error(h, x, 0, code,
		    strcmp(code, "ProtocolNotAllowed") == 0 ?
		    "only https, or http to a loopback address, is allowed" :
		    "malformed request (method, header or body size)");
		return;
	}
	if ((code = attempt_setup(h, x)) == NULL &&
	    (mc = curl_multi_add_handle(h->multi, x->easy)) != CURLM_OK) {
		warnx("http: curl_multi_add_handle: %s",
		    curl_multi_strerror(mc));
		code = "EngineError";
	}
	if (code != NULL) {
		finish_error(h, x, 0, code,
		    strcmp(code, "PrepareFailed") == 0 ?
		    "could not prepare (sign) the request" :
		    "could not set up the transfer");
		return;
	}
	x->rs.attempts++;
	x->rs.total++;
	x->start_ms = util_now_ms();
	h->stats.requests++;
	if (x->rs.total > 1)
		h->stats.retries++;
	h->eps[x->ep].inflight++;
	h->inflight++;
	x->next = h->running;
	if (h->running != NULL)
		h->running->prevp = &x->next;
	x->prevp = &h->running;
	h->running = x;
}

/*
 * The cap on requests in flight, the one place it is decided.  A fixed
 * cap (--concurrency) is what it says.  By default each endpoint key
 * may have max_per_endpoint in flight, as an SDK client per service and
 * region has its own pool: a total cap below their sum would leave
 * endpoints idle while the run waits on the network (at 100 ms latency
 * a fixed 96 was the bound), so the cap grows with the endpoint keys
 * seen, up to the engine's ceiling (sockets and memory).
 */
static int
in_flight_cap(const struct http *h)
{
	size_t	 want;

	if (!h->per_endpoint_cap)
		return h->cfg.max_in_flight;
	want = (size_t)h->cfg.max_per_endpoint * (h->neps > 0 ? h->neps : 1);
	return want < (size_t)h->cfg.max_in_flight ? (int)want :
	    h->cfg.max_in_flight;
}

/*
 * Start calls while both caps allow, one endpoint after the other: the
 * ring holds only the endpoints with queued calls, and the one served
 * goes last in the round.
 */
static void
dispatch(struct http *h)
{
	struct endpoint	*ep = NULL;	/* set when the loop breaks */
	struct xfer	*x;
	size_t		 i = HTTP_NO_EP, n;
	long long	 now;

	while (h->nqueued > 0 && h->inflight < in_flight_cap(h)) {
		now = util_now_ms();
		for (n = 0, i = h->ring; n < h->nring; n++, i = ep->rnext) {
			ep = &h->eps[i];
			if (ep->inflight < h->cfg.max_per_endpoint &&
			    retry_rate_wait_ms(&ep->rate, now) == 0)
				break;
		}
		if (n == h->nring)
			return;
		retry_rate_take(&ep->rate, now);
		x = ep->head;
		if ((ep->head = x->next) == NULL) {
			ep->tail = NULL;
			ring_del(h, i);
		} else
			h->ring = ep->rnext;
		x->next = NULL;
		h->nqueued--;
		attempt_start(h, x);	/* may submit: eps may move */
	}
}

/* Detach x from the running list and drop its easy handle. */
static void
attempt_detach(struct http *h, struct xfer *x)
{
	CURLMcode	  mc;

	/* 256 in flight: a walk of the list per reply was 3% of the CPU. */
	*x->prevp = x->next;
	if (x->next != NULL)
		x->next->prevp = x->prevp;
	x->next = NULL;
	x->prevp = NULL;
	if ((mc = curl_multi_remove_handle(h->multi, x->easy)) != CURLM_OK)
		warnx("http: curl_multi_remove_handle: %s",
		    curl_multi_strerror(mc));
	easy_put(h, x->easy);
	x->easy = NULL;
	http_slist_wipe(x->slist);
	x->slist = NULL;
	h->eps[x->ep].inflight--;
	h->inflight--;
}

/* Map a libcurl failure to a transport code and retry class. */
static const char *
transport_code(CURLcode cc, int too_large, enum retry_transport *xp)
{
	*xp = RETRY_TRANSPORT_CONNECT;
	switch (cc) {
	case CURLE_OPERATION_TIMEDOUT:
		*xp = RETRY_TRANSPORT_TIMEOUT;
		return "Timeout";
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return "DnsFailure";
	case CURLE_COULDNT_CONNECT:
		return "ConnectionRefused";
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return "ConnectionReset";
	case CURLE_SSL_CONNECT_ERROR:
		return "TlsHandshakeFailed";
	default:
		break;
	}
	*xp = RETRY_TRANSPORT_FATAL;
	if (too_large)
		return "ResponseTooLarge";
	switch (cc) {
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
		return "TlsVerifyFailed";
	case CURLE_UNSUPPORTED_PROTOCOL:
		return "ProtocolNotAllowed";
	default:
		return "TransportError";
	}
}

/*
 * The error code and message of a non-2xx reply, both allocated: from
 * the parse_error hook, else from x-amzn-ErrorType ("Code:namespace"),
 * else the status number, as botocore does.
 */
static void
http_failure(struct http *h, struct xfer *x, long status, char **code,
    char **msg)
{
	struct http_response	 r;

	*code = *msg = NULL;
	xfer_response(x, status, &r);
	if (h->cfg.parse_error != NULL)
		h->cfg.parse_error(&r, code, msg);
	if (*code == NULL && x->error_type != NULL && *x->error_type != '\0')
		*code = xstrndup(x->error_type, strcspn(x->error_type, ":"));
	if (*code == NULL)
		*code = xasprintf("%ld", status);
	if (*msg == NULL)
		*msg = xasprintf("HTTP %ld with no error message", status);
}

/*
 * Log attempt "attempt" of round "round" of "x" at level 2: never
 * headers, only the outcome and the verdict.
 */
static void
log_attempt(struct http *h, const struct xfer *x, int attempt, int round,
    long status, const char *code, enum retry_verdict v, long delay_ms)
{
	char	 safe[LOG_SAFE_LEN], verdict[64] = "", of_round[32] = "";

	if (log_level < 2)
		return;
	if (code != NULL && v == RETRY_VERDICT_RETRY)
		(void)snprintf(verdict, sizeof(verdict), ": retry in %ld ms",
		    delay_ms);
	else if (code != NULL && v == RETRY_VERDICT_ROUND)
		(void)snprintf(verdict, sizeof(verdict), ": round %d in %ld ms",
		    round + 1, delay_ms);
	else if (code != NULL)
		(void)snprintf(verdict, sizeof(verdict), ": %s",
		    retry_verdict_name(v));
	if (round > 1)
		(void)snprintf(of_round, sizeof(of_round), " of round %d",
		    round);
	log_debug(2, "http: %s %s: attempt %d/%d%s: HTTP %ld %s, %lld ms%s",
	    x->operation, x->region, attempt, h->policy.max_attempts,
	    of_round, status, code != NULL ? log_safe(code, safe, sizeof(safe)) : "ok",
	    util_now_ms() - x->start_ms, verdict);
}

/*
 * Whether failed call "x" (its kind of failure "kind") is retried now,
 * sent back for another round or finished: retry_decide(), then
 * retry_round_decide() with what the engine knows of the run and the
 * endpoint.  Sets *delay_ms for the first two.
 */
static enum retry_verdict
attempt_verdict(struct http *h, struct xfer *x, enum retry_kind kind,
    long *delay_ms)
{
	struct endpoint		*ep = &h->eps[x->ep];
	struct retry_round_clock c;
	enum retry_verdict	 v;

	v = retry_decide(&h->policy, &ep->quota, &h->rng, &x->rs, kind,
	    delay_ms);
	if (v == RETRY_VERDICT_RETRY)
		return v;
	memset(&c, 0, sizeof(c));
	c.now_ms = util_now_ms();
	c.start_ms = h->start_ms;
	c.deadline_ms = h->deadline_ms;
	c.round_ms = retry_round_budget_ms(&h->policy,
	    h->cfg.request_timeout_ms);
	c.answered = ep->answered;
	v = retry_round_decide(&h->rounds, &c, &h->rng, &x->rs, v, delay_ms);
	if (v == RETRY_VERDICT_ROUND)
		h->stats.rounds++;
	else if (v == RETRY_VERDICT_SILENT)
		log_debug(2, "http: %s: no call answered in %d rounds: %s %s "
		    "given up", ep->key, x->rs.rounds + 1, x->operation,
		    x->region);
	return v;
}

/*
 * An attempt of "x" completed with "cc": feed the endpoint's send rate,
 * then finish the call, or put it on the waiting list for a retry or a
 * later round if attempt_verdict() says so.
 */
static void
attempt_end(struct http *h, struct xfer *x, CURLcode cc)
{
	enum retry_transport	 xp = RETRY_TRANSPORT_OK;
	enum retry_verdict	 v;
	enum retry_kind		 kind = RETRY_KIND_NONE;
	long			 status = 0, delay_ms = 0;
	char			*code = NULL, *msg = NULL;
	int			 attempt = x->rs.attempts;
	int			 round = x->rs.rounds + 1;

	if (curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE,
	    &status) != CURLE_OK)
		status = 0;
	h->stats.bytes_in += x->resp.len;
	attempt_detach(h, x);
	if (cc == CURLE_OK && status >= 200 && status <= 299) {
		retry_rate_update(&h->eps[x->ep].rate, 0, x->start_ms,
		    util_now_ms());
		log_attempt(h, x, x->rs.attempts, x->rs.rounds + 1, status,
		    NULL, RETRY_VERDICT_RETRY, 0);
		finish_ok(h, x, status);
		return;
	}
	if (cc == CURLE_OK)
		http_failure(h, x, status, &code, &msg);
	else {
		code = xstrdup(transport_code(cc, x->too_large, &xp));
		msg = xstrdup(x->too_large ? "reply over the size ceiling" :
		    x->errbuf[0] != '\0' ? x->errbuf : curl_easy_strerror(cc));
		status = 0;
	}
	kind = retry_classify(status, code, xp);
	retry_rate_update(&h->eps[x->ep].rate, kind == RETRY_KIND_THROTTLING,
	    x->start_ms, util_now_ms());
	v = attempt_verdict(h, x, kind, &delay_ms);
	log_attempt(h, x, attempt, round, status, code, v, delay_ms);
	if (v == RETRY_VERDICT_RETRY || v == RETRY_VERDICT_ROUND) {
		free(x->last_code);
		x->last_code = code;
		x->due_ms = util_now_ms() + delay_ms;
		x->next = h->waiting;
		h->waiting = x;
		free(msg);
		return;
	}
	finish_error(h, x, status, code, msg);
	free(code);
	free(msg);
}

/* Move every call whose backoff has expired to the front of its queue. */
static void
promote_due(struct http *h, long long now)
{
	struct xfer	**pp, *x;

	for (pp = &h->waiting; (x = *pp) != NULL; ) {
		if (x->due_ms > now) {
			pp = &x->next;
			continue;
		}
		*pp = x->next;
		enqueue(h, x, 1);
	}
}

/*
 * Fail every call the engine holds with "code".  All are unlinked first,
 * so callbacks that submit new calls find a consistent engine.
 */
static void
fail_all(struct http *h, const char *code)
{
	struct xfer	*all = NULL, *x;
	size_t		 i;
	char		 msg[128];

	while ((x = h->running) != NULL) {
		attempt_detach(h, x);
		x->next = all;
		all = x;
	}
	while ((x = h->waiting) != NULL) {
		h->waiting = x->next;
		x->next = all;
		all = x;
	}
	for (i = 0; i < h->neps; i++) {
		while ((x = h->eps[i].head) != NULL) {
			h->eps[i].head = x->next;
			x->next = all;
			all = x;
		}
		h->eps[i].tail = NULL;
	}
	h->nqueued = 0;
	h->ring = HTTP_NO_EP;
	h->nring = 0;
	while ((x = all) != NULL) {
		all = x->next;
		(void)snprintf(msg, sizeof(msg), "%s%s",
		    strcmp(code, "DeadlineExceeded") == 0 ?
		    "the run deadline passed" : "engine failure",
		    x->last_code != NULL ? "; last error " : "");
		if (x->last_code != NULL)
			(void)strncat(msg, x->last_code,
			    sizeof(msg) - strlen(msg) - 1);
		log_debug(2, "http: %s %s: %s", x->operation, x->region, code);
		finish_error(h, x, 0, code, msg);
	}
}

/* How long the wait may block: next timer, deadline, cap. */
static int
poll_timeout(const struct http *h, long long now, long long deadline_ms)
{
	const struct xfer	*x;
	const struct endpoint	*ep;
	long long		 t = HTTP_POLL_MAX_MS, w;
	size_t			 i, n;

	for (x = h->waiting; x != NULL; x = x->next)
		if (x->due_ms - now < t)
			t = x->due_ms - now;
	/* A queued call held back only by its endpoint's send rate. */
	for (n = 0, i = h->ring; n < h->nring; n++, i = ep->rnext) {
		ep = &h->eps[i];
		if (ep->inflight < h->cfg.max_per_endpoint &&
		    (w = retry_rate_wait_ms(&ep->rate, now)) > 0 && w < t)
			t = w;
	}
	if (h->timer_ms >= 0 && h->timer_ms - now < t)
		t = h->timer_ms - now;
	if (deadline_ms > 0 && deadline_ms - now < t)
		t = deadline_ms - now;
	return t < 0 ? 0 : (int)t;
}

/* Finish every transfer libcurl reports as done. */
static void
drain_done(struct http *h)
{
	CURLMsg		*m;
	CURLcode	 cc;
	char		*priv;
	int		 left;

	while ((m = curl_multi_info_read(h->multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		cc = m->data.result;
		if (curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
		    &priv) != CURLE_OK || priv == NULL) {
			warnx("http: transfer without its call");
			continue;
		}
		/* "m" dies with the handle: only cc and priv are used. */
		attempt_end(h, (struct xfer *)(void *)priv, cc);
	}
}

/*
 * CURLMOPT_SOCKETFUNCTION: libcurl says which events to wait for on
 * "fd", or (CURL_POLL_REMOVE) to stop watching it.
 */
static int
sock_cb(CURL *e, curl_socket_t fd, int what, void *arg, void *sockp)
{
	struct http		*h = arg;
	struct epoll_event	 ev;
	int			 watched = sockp != NULL;

	(void)e;
	if (what == CURL_POLL_REMOVE) {
		if (watched) {
			/* libcurl may have closed it already: ENOENT, EBADF */
			(void)epoll_ctl(h->epfd, EPOLL_CTL_DEL, fd, NULL);
			(void)curl_multi_assign(h->multi, fd, NULL);
		}
		return 0;
	}
	memset(&ev, 0, sizeof(ev));
	ev.events = ((what & CURL_POLL_IN) ? EPOLLIN : 0) |
	    ((what & CURL_POLL_OUT) ? EPOLLOUT : 0);
	ev.data.fd = fd;
	if (epoll_ctl(h->epfd, watched ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd,
	    &ev) == -1) {
		warn("http: epoll_ctl");
		return -1;
	}
	if (!watched)
		(void)curl_multi_assign(h->multi, fd, h);
	return 0;
}

/* CURLMOPT_TIMERFUNCTION: when libcurl wants to act without I/O. */
static int
timer_cb(CURLM *m, long timeout_ms, void *arg)
{
	struct http	*h = arg;

	(void)m;
	h->timer_ms = timeout_ms < 0 ? -1 : util_now_ms() + timeout_ms;
	return 0;
}

/*
 * Let libcurl act on "fd" (or on its timer: CURL_SOCKET_TIMEOUT), then
 * finish what completed and start what the caps now allow, at once: a
 * reply's successor goes out before the next reply is read, instead of
 * after a whole batch of replies has been parsed.
 */
static CURLMcode
engine_act(struct http *h, curl_socket_t fd, int ev)
{
	CURLMcode	 mc;
	int		 still;

	mc = curl_multi_socket_action(h->multi, fd, ev, &still);
	/* A socket closed by an earlier action in this batch. */
	if (mc == CURLM_BAD_SOCKET)
		mc = CURLM_OK;
	if (mc == CURLM_OK) {
		drain_done(h);
		dispatch(h);
	}
	return mc;
}

/* Run libcurl's timer while it is due (new transfers start there). */
static CURLMcode
engine_kick(struct http *h)
{
	CURLMcode	 mc = CURLM_OK;

	while (mc == CURLM_OK && h->timer_ms >= 0 &&
	    util_now_ms() >= h->timer_ms) {
		h->timer_ms = -1;
		mc = engine_act(h, CURL_SOCKET_TIMEOUT, 0);
	}
	return mc;
}

/*
 * Wait up to "timeout_ms" for the watched sockets (not at all while the
 * idle hook has work: it gets the time instead), then hand libcurl each
 * ready socket and, when due, its timer.  Only the transfers with
 * something to do run: curl_multi_perform() would visit (and poll) every
 * transfer on every wake-up; and epoll returns only the ready sockets,
 * where poll(2) scanned all of them (256 in flight) at each of the
 * thousands of wake-ups of a run at 20 ms.  Returns libcurl's result, or
 * CURLM_INTERNAL_ERROR after warn(3) if epoll_wait(2) failed.
 */
static CURLMcode
engine_wait(struct http *h, int timeout_ms)
{
	CURLMcode	 mc = CURLM_OK;
	int		 i, n, ev;

	/* The caller's deferred work, but only while nothing has arrived. */
	if (h->idle_fn != NULL && h->idle_fn(h->idle_arg, 0)) {
		if ((n = epoll_wait(h->epfd, h->ready, HTTP_EPOLL_EVENTS,
		    0)) == 0) {
			(void)h->idle_fn(h->idle_arg, 1);
			return engine_kick(h);
		}
	} else
		n = epoll_wait(h->epfd, h->ready, HTTP_EPOLL_EVENTS,
		    timeout_ms);
	if (n == -1) {
		if (errno == EINTR)
			return engine_kick(h);
		warn("http: epoll_wait");
		return CURLM_INTERNAL_ERROR;
	}
	/*
	 * The events are a copy: the socket callback may remove a socket
	 * while its event waits here, and libcurl ignores an fd it no
	 * longer knows.
	 */
	for (i = 0; i < n && mc == CURLM_OK; i++) {
		ev = (int)h->ready[i].events;
		mc = engine_act(h, h->ready[i].data.fd,
		    ((ev & (EPOLLIN | EPOLLHUP)) ? CURL_CSELECT_IN : 0) |
		    ((ev & EPOLLOUT) ? CURL_CSELECT_OUT : 0) |
		    ((ev & EPOLLERR) ? CURL_CSELECT_ERR : 0));
		if (mc == CURLM_OK)
			mc = engine_kick(h);
	}
	if (mc == CURLM_OK)
		mc = engine_kick(h);
	return mc;
}

static int
engine_idle(const struct http *h)
{
	return h->nqueued == 0 && h->waiting == NULL && h->running == NULL;
}

int
http_run(struct http *h, long long deadline_ms)
{
	CURLMcode	 mc;
	long long	 now;

	h->start_ms = util_now_ms();
	h->deadline_ms = deadline_ms;
	while (!engine_idle(h)) {
		now = util_now_ms();
		if (deadline_ms > 0 && now >= deadline_ms) {
			fail_all(h, "DeadlineExceeded");
			continue;
		}
		promote_due(h, now);
		dispatch(h);
		if (engine_idle(h))
			break;
		mc = engine_wait(h, poll_timeout(h, util_now_ms(),
		    deadline_ms));
		if (mc != CURLM_OK) {
			warnx("http: libcurl multi: %s",
			    curl_multi_strerror(mc));
			fail_all(h, "EngineError");
			return -1;
		}
	}
	return 0;
}

/* Copy "in" into h->cfg with defaults; -1 after warnx if out of range. */
static int
config_apply(struct http *h, const struct http_config *in)
{
	struct http_config	*c = &h->cfg;

	*c = *in;
	if (c->max_in_flight == HTTP_IN_FLIGHT_PER_ENDPOINT) {
		h->per_endpoint_cap = 1;
		c->max_in_flight = HTTP_MAX_IN_FLIGHT_LIMIT;
	}
	if (c->max_in_flight == 0)
		c->max_in_flight = HTTP_DEFAULT_MAX_IN_FLIGHT;
	if (c->max_per_endpoint == 0)
		c->max_per_endpoint = HTTP_DEFAULT_MAX_PER_ENDPOINT;
	if (c->connect_timeout_ms == 0)
		c->connect_timeout_ms = HTTP_DEFAULT_CONNECT_TIMEOUT_MS;
	if (c->request_timeout_ms == 0)
		c->request_timeout_ms = HTTP_DEFAULT_REQUEST_TIMEOUT_MS;
	if (c->max_body_bytes == 0)
		c->max_body_bytes = HTTP_MAX_BODY_BYTES;
	if (c->max_attempts == 0)
		c->max_attempts = RETRY_DEFAULT_MAX_ATTEMPTS;
	if (c->max_in_flight < 1 ||
	    c->max_in_flight > HTTP_MAX_IN_FLIGHT_LIMIT ||
	    c->max_per_endpoint < 1 || c->connect_timeout_ms < 0 ||
	    c->request_timeout_ms < 0 || c->base_delay_ms < 0 ||
	    c->round_base_ms < 0 ||
	    c->max_body_bytes > HTTP_MAX_BODY_BYTES || c->max_attempts < 1 ||
	    c->max_attempts > RETRY_MAX_ATTEMPTS_LIMIT) {
		warnx("http: configuration out of range");
		return -1;
	}
	retry_policy_init(&h->policy);
	h->policy.max_attempts = c->max_attempts;
	if (c->base_delay_ms > 0)
		h->policy.base_delay_ms = c->base_delay_ms;
	retry_round_policy_init(&h->rounds);
	if (c->round_base_ms > 0)
		h->rounds.base_ms = c->round_base_ms;
	retry_rng_seed(&h->rng, c->seed);
	if (c->ca_bundle != NULL)
		h->ca_bundle = xstrdup(c->ca_bundle);
	c->ca_bundle = h->ca_bundle;
	return 0;
}

struct http *
http_new(const struct http_config *cfg)
{
	struct http	*h = xcalloc(1, sizeof(*h));
	CURLcode	 cc;
	CURLMcode	 mc;

	h->timer_ms = -1;
	h->ring = HTTP_NO_EP;
	h->epfd = -1;
	if (config_apply(h, cfg) == -1)
		goto fail;
	if ((h->epfd = epoll_create1(EPOLL_CLOEXEC)) == -1) {
		warn("http: epoll_create1");
		goto fail;
	}
	h->idle = xcalloc(h->cfg.max_in_flight, sizeof(h->idle[0]));
	if ((cc = curl_global_init(CURL_GLOBAL_DEFAULT)) != CURLE_OK) {
		warnx("http: curl_global_init: %s", curl_easy_strerror(cc));
		goto fail;
	}
	if ((h->multi = curl_multi_init()) == NULL) {
		warnx("http: curl_multi_init failed");
		curl_global_cleanup();
		goto fail;
	}
	/*
	 * One connection per running transfer at most; idle connections
	 * stay cached (and reused) up to the same number.
	 */
	if ((mc = curl_multi_setopt(h->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)h->cfg.max_in_flight)) != CURLM_OK ||
	    (mc = curl_multi_setopt(h->multi, CURLMOPT_MAXCONNECTS,
	    (long)h->cfg.max_in_flight)) != CURLM_OK ||
	    (mc = curl_multi_setopt(h->multi, CURLMOPT_SOCKETFUNCTION,
	    sock_cb)) != CURLM_OK ||
	    (mc = curl_multi_setopt(h->multi, CURLMOPT_SOCKETDATA,
	    (void *)h)) != CURLM_OK ||
	    (mc = curl_multi_setopt(h->multi, CURLMOPT_TIMERFUNCTION,
	    timer_cb)) != CURLM_OK ||
	    (mc = curl_multi_setopt(h->multi, CURLMOPT_TIMERDATA,
	    (void *)h)) != CURLM_OK) {
		warnx("http: curl_multi_setopt: %s", curl_multi_strerror(mc));
		http_free(h);
		return NULL;
	}
	return h;
fail:
	if (h->epfd != -1)
		(void)close(h->epfd);
	free(h->idle);
	free(h->ca_bundle);
	free(h);
	return NULL;
}

int
http_submit(struct http *h, const struct http_call *c, http_done_fn done,
    void *arg)
{
	struct xfer	*x;

	if (c == NULL || c->method == NULL || c->url == NULL ||
	    c->endpoint_key == NULL || done == NULL ||
	    (c->bodysz > 0 && c->body == NULL)) {
		warnx("http: %s: call without method, URL, endpoint, body "
		    "or callback", c != NULL && c->operation != NULL ?
		    c->operation : "?");
		return -1;
	}
	x = xfer_new(c, done, arg);
	x->reject_code = call_reject(x);
	x->ep = endpoint_index(h, x->endpoint_key);
	enqueue(h, x, 0);
	return 0;
}

void
http_set_idle(struct http *h, http_idle_fn fn, void *arg)
{
	h->idle_fn = fn;
	h->idle_arg = arg;
}

void
http_stats(const struct http *h, struct http_stats *out)
{
	*out = h->stats;
}

void
http_free(struct http *h)
{
	struct xfer	*x;
	size_t		 i;

	if (h == NULL)
		return;
	while ((x = h->running) != NULL) {
		attempt_detach(h, x);
		xfer_free(x);
	}
	while ((x = h->waiting) != NULL) {
		h->waiting = x->next;
		xfer_free(x);
	}
	for (i = 0; i < h->neps; i++) {
		while ((x = h->eps[i].head) != NULL) {
			h->eps[i].head = x->next;
			xfer_free(x);
		}
		free(h->eps[i].key);
	}
	free(h->eps);
	free(h->epsidx);
	while (h->nidle > 0)
		curl_easy_cleanup(h->idle[--h->nidle]);
	free(h->idle);
	if (h->multi != NULL) {
		/* May still call sock_cb: h->pfd goes after it. */
		if (curl_multi_cleanup(h->multi) != CURLM_OK)
			warnx("http: curl_multi_cleanup failed");
		curl_global_cleanup();
	}
	if (h->epfd != -1)
		(void)close(h->epfd);
	free(h->ca_bundle);
	free(h);
}

const char *
http_error_fmt(const struct http_error *e, char *out, size_t outsz)
{
	char	 status[32] = "", safe[LOG_SAFE_LEN];

	if (e->status > 0)
		(void)snprintf(status, sizeof(status), " (HTTP %ld)",
		    e->status);
	(void)snprintf(out, outsz, "%s %s: %s%s after %d attempt%s: %s",
	    e->operation != NULL ? e->operation : "?",
	    e->region != NULL ? e->region : "-", e->code, status,
	    e->attempts, e->attempts == 1 ? "" : "s",
	    log_safe(e->message, safe, sizeof(safe)));
	return out;
}
