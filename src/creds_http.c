/*
 * creds_http.c: blocking libcurl fetches for the credential sources
 * that ask an endpoint.  See creds_http.h.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "creds_http.h"
#include "http.h"
#include "util.h"

_Static_assert(CREDS_HTTP_ERROR_LEN >= CURL_ERROR_SIZE,
    "CURLOPT_ERRORBUFFER needs CURL_ERROR_SIZE bytes");

/* Write callback: keep the body, refusing more than the ceiling. */
static size_t
creds_http_write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct buf	*b = arg;
	size_t		 n = size * nmemb;	/* libcurl: size is 1 */

	if (n > CREDS_HTTP_MAX_BODY_BYTES - b->len)
		return 0;			/* CURLE_WRITE_ERROR */
	buf_add(b, data, n);
	return n;
}

/* Header callback: keep x-amzn-ErrorType (to the first ':' or blank). */
static size_t
creds_http_header_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct creds_http_result	*r = arg;
	static const char		 name[] = "x-amzn-ErrorType:";
	size_t				 n = size * nmemb, i, len = 0;
	const char			*v;

	if (n <= sizeof(name) - 1 ||
	    strncasecmp(data, name, sizeof(name) - 1) != 0)
		return n;
	v = data + sizeof(name) - 1;
	n -= sizeof(name) - 1;
	for (i = 0; i < n && (v[i] == ' ' || v[i] == '\t'); i++)
		;
	for (; i < n && len + 1 < sizeof(r->error_type) &&
	    (unsigned char)v[i] > 0x20 && (unsigned char)v[i] < 0x7f &&
	    v[i] != ':'; i++)
		r->error_type[len++] = v[i];
	r->error_type[len] = '\0';
	return size * nmemb;
}

/* Header list for "headers"; NULL and *ok = 0 if libcurl runs out. */
static struct curl_slist *
make_headers(const char *method, const char *const *headers, int *ok)
{
	struct curl_slist	*list = NULL, *l;
	size_t			 i;

	*ok = 1;
	/* libcurl would add a form Content-Type to the empty PUT body. */
	if (strcmp(method, "PUT") == 0 &&
	    (list = curl_slist_append(list, "Content-Type:")) == NULL) {
		*ok = 0;
		return NULL;
	}
	for (i = 0; headers != NULL && headers[i] != NULL; i++) {
		if ((l = curl_slist_append(list, headers[i])) == NULL) {
			*ok = 0;
			break;
		}
		list = l;
	}
	return list;
}

/* Every option of one request; the first failing code, or CURLE_OK. */
static CURLcode
set_options(CURL *c, const struct creds_http_request *rq,
    struct curl_slist *hdrs, struct creds_http_result *r)
{
	CURLcode	cc;

	cc = (CURLcode)http_easy_secure(c, rq->url, rq->ca_bundle,
	    rq->timeout_ms, rq->timeout_ms);
#define SETOPT(o, v)	if (cc == CURLE_OK) cc = curl_easy_setopt(c, o, v)
	SETOPT(CURLOPT_URL, rq->url);
	if (!rq->use_proxy)
		SETOPT(CURLOPT_PROXY, "");	/* never via http_proxy & co. */
	SETOPT(CURLOPT_HTTPHEADER, hdrs);
	SETOPT(CURLOPT_WRITEFUNCTION, creds_http_write_cb);
	SETOPT(CURLOPT_WRITEDATA, &r->body);
	SETOPT(CURLOPT_HEADERFUNCTION, creds_http_header_cb);
	SETOPT(CURLOPT_HEADERDATA, r);
	SETOPT(CURLOPT_ERRORBUFFER, r->error);
	if (strcmp(rq->method, "PUT") == 0) {
		SETOPT(CURLOPT_CUSTOMREQUEST, "PUT");
		SETOPT(CURLOPT_POSTFIELDS, "");
		SETOPT(CURLOPT_POSTFIELDSIZE, 0L);
	} else if (strcmp(rq->method, "POST") == 0) {
		SETOPT(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)rq->bodysz);
		SETOPT(CURLOPT_POSTFIELDS, rq->body != NULL ? rq->body : "");
	}
#undef SETOPT
	return cc;
}

int
creds_http_fetch(const char *method, const char *url,
    const char *const *headers, long timeout_ms, const char *ca_bundle,
    struct creds_http_result *r)
{
	struct creds_http_request	rq;

	memset(&rq, 0, sizeof(rq));
	rq.method = method;
	rq.url = url;
	rq.headers = headers;
	rq.timeout_ms = timeout_ms;
	rq.ca_bundle = ca_bundle;
	return creds_http_send(&rq, r);
}

int
creds_http_send(const struct creds_http_request *rq,
    struct creds_http_result *r)
{
	CURL			*c = NULL;
	struct curl_slist	*hdrs = NULL;
	CURLcode		 cc;
	int			 ok, rc = -1;

	memset(r, 0, sizeof(*r));
	if ((c = curl_easy_init()) == NULL) {
		(void)strcpy(r->error, "curl_easy_init failed");
		goto out;
	}
	hdrs = make_headers(rq->method, rq->headers, &ok);
	if (!ok) {
		(void)strcpy(r->error, "out of memory for headers");
		goto out;
	}
	if ((cc = set_options(c, rq, hdrs, r)) != CURLE_OK) {
		(void)snprintf(r->error, sizeof(r->error), "%s",
		    curl_easy_strerror(cc));
		goto out;
	}
	if ((cc = curl_easy_perform(c)) != CURLE_OK) {
		r->timed_out = cc == CURLE_OPERATION_TIMEDOUT;
		if (cc == CURLE_WRITE_ERROR)
			(void)snprintf(r->error, sizeof(r->error),
			    "reply larger than %d bytes",
			    CREDS_HTTP_MAX_BODY_BYTES);
		else if (r->error[0] == '\0')
			(void)snprintf(r->error, sizeof(r->error), "%s",
			    curl_easy_strerror(cc));
		goto out;
	}
	if ((cc = curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE,
	    &r->status)) != CURLE_OK) {
		(void)snprintf(r->error, sizeof(r->error), "%s",
		    curl_easy_strerror(cc));
		goto out;
	}
	rc = 0;
out:
	if (c != NULL)
		curl_easy_cleanup(c);
	http_slist_wipe(hdrs);
	return rc;
}

void
creds_http_result_free(struct creds_http_result *r)
{
	buf_wipe(&r->body);
}
