/*
 * client.h: signed AWS calls on the shared HTTP engine.
 *
 * The glue between the request builders (aws.h), the signer (sigv4.h),
 * the credential chain (creds.h) and the engine (http.h): a caller hands
 * over an aws_request for a region and gets back either the reply or one
 * error value.  Endpoints are resolved here (with the overrides from the
 * configuration), every attempt is signed afresh here (so a retry after a
 * credential refresh carries the new key; the client's signer derives a
 * signing key once per secret, date, region and service), and the error
 * code of a failed reply is extracted here.  The secret key goes from
 * creds.h to sigv4.h inside client_sign() and nowhere else.
 */
#ifndef BEDROCK_AUDIT_CLIENT_H
#define BEDROCK_AUDIT_CLIENT_H

#include "aws.h"
#include "http.h"

struct aws_config;
struct creds_provider;
struct client;

struct client_opts {
	int		 max_in_flight;		/* requests in flight, all endpoints */
	int		 max_per_endpoint;	/* per service and region */
	long		 connect_timeout_ms;
	long		 request_timeout_ms;	/* one attempt */
	uint64_t	 seed;			/* retry jitter */
};

/*
 * Called once per call: exactly one of "resp" (2xx) and "err" is set;
 * both are borrowed for the duration of the callback.
 */
typedef void (*client_done_fn)(void *arg, const struct http_response *resp,
    const struct http_error *err);

/*
 * Create a client.  "cfg" and "cp" are borrowed and must outlive it.
 * Returns NULL after warnx(3) (bad AWS_MAX_ATTEMPTS, libcurl failure).
 */
struct client	*client_new(const struct aws_config *cfg,
		    struct creds_provider *cp, const struct client_opts *o);

/*
 * Queue "req" for "region"; takes ownership of "req" (freed by the
 * client, even on failure).  Returns 0, or -1 after warnx(3) when the
 * endpoint cannot be resolved; "done" is then not called.
 */
int		 client_submit(struct client *c, const char *region,
		    struct aws_request *req, client_done_fn done, void *arg);

/* Run queued calls until none is left or "deadline_ms" passes (0: none). */
int		 client_run(struct client *c, long long deadline_ms);

/* The engine's idle hook (http_set_idle()): deferred work of the caller. */
void		 client_set_idle(struct client *c, http_idle_fn fn, void *arg);

/* Request counters of the engine (collect prints them at -v). */
void		 client_stats(const struct client *c, struct http_stats *out);

/*
 * A client for another account on the engine of "base" (borrowed; it
 * must outlive the member and be freed after it): its calls are signed
 * with "cp" (borrowed) and their endpoints keyed by "account" too, so
 * that the per-endpoint caps, retry quotas and send rates are per
 * (account, service, region) while every account's calls share the
 * engine and its global cap.  client_run() on either runs them all.
 * Never returns NULL.
 */
struct client	*client_new_member(struct client *base,
		    struct creds_provider *cp, const char *account);

void		 client_free(struct client *c);		/* NULL-safe */

#endif /* BEDROCK_AUDIT_CLIENT_H */
