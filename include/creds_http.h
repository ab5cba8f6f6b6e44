/*
 * creds_http.h: the tiny blocking HTTP fetches of the credential
 * sources: the container and instance-metadata endpoints (creds_imds.c),
 * STS AssumeRole and AssumeRoleWithWebIdentity (creds_sts.c) and the
 * SSO portal (creds_sso.c).  Internal to src/creds*.c.
 *
 * One libcurl easy handle per request: these run once per credential
 * refresh, outside the concurrent engine (http.h) but under its
 * transport rules (http_easy_secure()).  The metadata endpoints must
 * never go through a proxy; the AWS endpoints go the way the engine's
 * calls do.  Nothing here warns: failures are described in the result,
 * because creds.c reports every source's failure in one line.
 */
#ifndef BEDROCK_AUDIT_CREDS_HTTP_H
#define BEDROCK_AUDIT_CREDS_HTTP_H

#include <stddef.h>

#include "util.h"

#define CREDS_HTTP_MAX_BODY_BYTES	(64 * 1024)	/* one reply */
#define CREDS_HTTP_ERROR_LEN		256
#define CREDS_HTTP_ERROR_TYPE_LEN	128	/* x-amzn-ErrorType kept */

/* What came back.  Fill with creds_http_fetch(); release with _free(). */
struct creds_http_result {
	long		 status;	/* HTTP status; 0 if no reply */
	struct buf	 body;		/* reply body; may hold secrets */
	int		 timed_out;	/* 1 if the request timed out */
	char		 error[CREDS_HTTP_ERROR_LEN]; /* what went wrong */
	char		 error_type[CREDS_HTTP_ERROR_TYPE_LEN]; /* the reply's
					   x-amzn-ErrorType, cut; "" if none */
};

/* One request for creds_http_send(); every pointer is borrowed. */
struct creds_http_request {
	const char	*method;	/* "GET", "PUT" (empty body), "POST" */
	const char	*url;		/* http or https, checked by the caller */
	const char *const *headers;	/* NULL-terminated "Name: value"
					   lines (may hold secrets) or NULL */
	const char	*body;		/* POST body (may hold secrets) */
	size_t		 bodysz;	/* its length */
	long		 timeout_ms;	/* whole request */
	const char	*ca_bundle;	/* NULL: the system's */
	int		 use_proxy;	/* 1: the proxy variables apply, as
					   for the engine (AWS endpoints);
					   0: never (metadata endpoints) */
};

/*
 * Send "rq" (no redirects, TLS verified) and fill "r" as
 * creds_http_fetch() does; the same return values.
 */
int	creds_http_send(const struct creds_http_request *rq,
	    struct creds_http_result *r);

/*
 * Send "method" ("GET" or "PUT", the latter with an empty body) to "url"
 * (http or https, no redirects, no proxy, TLS verified, CA bundle
 * "ca_bundle" unless NULL) with the NULL-terminated "headers" ("Name:
 * value" lines, may hold secrets: wiped after use), within "timeout_ms".
 * Returns 0 with r->status and r->body set (any status), or -1 with
 * r->error (and r->timed_out) set.  Call creds_http_result_free() in
 * both cases.
 */
int	creds_http_fetch(const char *method, const char *url,
	    const char *const *headers, long timeout_ms,
	    const char *ca_bundle, struct creds_http_result *r);

/* Wipe and free what "r" holds. */
void	creds_http_result_free(struct creds_http_result *r);

#endif /* BEDROCK_AUDIT_CREDS_HTTP_H */
