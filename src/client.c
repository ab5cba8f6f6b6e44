/*
 * client.c: resolve, sign and send AWS calls on the HTTP engine.
 * See client.h.
 */
#include <err.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aws.h"
#include "client.h"
#include "config.h"
#include "creds.h"
#include "http.h"
#include "retry.h"
#include "sigv4.h"
#include "util.h"

struct client {
	const struct aws_config	*cfg;		/* borrowed */
	struct creds_provider	*cp;		/* borrowed */
	struct http		*http;		/* owned, unless a member's */
	int			 member;	/* client_new_member(): the
						   engine is another's */
	char			*account;	/* member: the endpoint key's
						   account; NULL otherwise */
	/*
	 * One signer for every call: the SigV4 signing key of each
	 * (secret, date, region, service) is derived once, not per
	 * request; a refreshed credential or a new UTC date gets its own.
	 */
	struct sigv4_signer	*signer;	/* owned */
};

/* One call in flight: what the prepare and done hooks need. */
struct client_call {
	struct client		*client;	/* borrowed */
	struct aws_request	*req;		/* owned */
	struct aws_endpoint	 ep;		/* owned strings */
	client_done_fn		 done;
	void			*arg;
};

static void
client_call_free(struct client_call *cc)
{
	if (cc == NULL)
		return;
	aws_request_free(cc->req);
	free(cc->req);
	aws_endpoint_free(&cc->ep);
	free(cc);
}

/*
 * The http prepare hook: sign this attempt with the current credentials.
 * Runs before every attempt, so a retry gets a fresh X-Amz-Date and, if
 * the provider refreshed them, new credentials.
 */
static int
client_sign(void *arg, const struct http_call *call, struct http_headers *out)
{
	struct client_call	*cc = arg;
	struct client		*c = cc->client;	/* the call's own */
	const struct creds	*cr;
	struct sigv4_header	 hdrs[3];
	struct sigv4_request	 sr;
	struct sigv4_creds	 sc;
	struct sigv4_signed	 sig;
	size_t			 n = 0;
	time_t			 now = time(NULL);

	(void)call;
	if ((cr = creds_provider_get(c->cp, now)) == NULL)
		return -1;
	if (cc->req->content_type != NULL) {
		hdrs[n].name = "Content-Type";
		hdrs[n++].value = cc->req->content_type;
	}
	if (cc->req->target != NULL) {
		hdrs[n].name = "X-Amz-Target";
		hdrs[n++].value = cc->req->target;
	}
	if (cc->req->query_mode) {
		hdrs[n].name = "x-amzn-query-mode";
		hdrs[n++].value = "true";
	}
	memset(&sr, 0, sizeof(sr));
	sr.method = cc->req->method;
	sr.host = cc->ep.host;
	sr.path = cc->req->path;
	sr.query = cc->req->query;
	sr.headers = hdrs;
	sr.headersz = n;
	sr.body = cc->req->body;
	sr.bodysz = cc->req->bodysz;
	sc.access_key_id = cr->access_key_id;
	sc.secret_access_key = cr->secret_access_key;
	sc.session_token = cr->session_token;
	if (sigv4_signer_sign(c->signer, &sr, &sc, cc->ep.region,
	    aws_service_signing_name(cc->req->service), now, SIGV4_DEFAULT,
	    &sig) == -1)
		return -1;
	http_headers_add(out, "X-Amz-Date", sig.amz_date);
	if (cr->session_token != NULL)
		http_headers_add(out, "X-Amz-Security-Token",
		    cr->session_token);
	http_headers_add(out, "Authorization", sig.authorization);
	sigv4_signed_free(&sig);
	return 0;
}

/* The http error hook: AWS error code and message of a failed reply. */
static void
client_parse_error(const struct http_response *r, char **code, char **message)
{
	aws_parse_error_query(r->query_error, r->error_type, r->body,
	    r->bodysz, code, message);
}

static void
client_done(void *arg, const struct http_response *resp,
    const struct http_error *err)
{
	struct client_call	*cc = arg;

	cc->done(cc->arg, resp, err);
	client_call_free(cc);
}

struct client *
client_new(const struct aws_config *cfg, struct creds_provider *cp,
    const struct client_opts *o)
{
	struct client		*c;
	struct http_config	 hc;

	memset(&hc, 0, sizeof(hc));
	if (retry_parse_max_attempts(cfg->max_attempts,
	    &hc.max_attempts) == -1)
		return NULL;
	hc.max_in_flight = o->max_in_flight;
	hc.max_per_endpoint = o->max_per_endpoint;
	hc.connect_timeout_ms = o->connect_timeout_ms;
	hc.request_timeout_ms = o->request_timeout_ms;
	hc.max_body_bytes = HTTP_MAX_BODY_BYTES;
	hc.ca_bundle = cfg->ca_bundle;
	hc.prepare = client_sign;
	hc.parse_error = client_parse_error;
	hc.seed = o->seed;
	c = xcalloc(1, sizeof(*c));
	c->cfg = cfg;
	c->cp = cp;
	if ((c->signer = sigv4_signer_new()) == NULL ||
	    (c->http = http_new(&hc)) == NULL) {
		sigv4_signer_free(c->signer);
		free(c);
		return NULL;
	}
	return c;
}

int
client_submit(struct client *c, const char *region, struct aws_request *req,
    client_done_fn done, void *arg)
{
	struct client_call	*cc;
	struct http_call	 call;
	struct http_headers	 hdrs;
	char			*url = NULL, *key = NULL;
	int			 rc = -1;

	memset(&hdrs, 0, sizeof(hdrs));
	cc = xcalloc(1, sizeof(*cc));
	cc->client = c;
	cc->req = req;
	cc->done = done;
	cc->arg = arg;
	if (aws_endpoint_resolve(req->service, region,
	    config_endpoint_url(c->cfg, aws_service_id(req->service)),
	    &cc->ep) == -1)
		goto out;
	url = xconcat(cc->ep.base_url, req->path,
	    req->query != NULL && *req->query != '\0' ? "?" : "",
	    req->query != NULL ? req->query : "", (char *)NULL);
	/*
	 * The engine's per-client state (cap, retry quota, adaptive send
	 * rate, whether it has answered) is keyed by
	 * (account, service, region), as an AWS SDK has one client per
	 * service and region of one set of credentials, and AWS throttles
	 * per account: a member account's calls are keyed
	 * "123456789012/bedrock/us-east-1", the caller's "bedrock/...".
	 */
	if (c->account != NULL)
		key = xconcat(c->account, "/",
		    aws_service_signing_name(req->service), "/", region,
		    (char *)NULL);
	else
		key = xconcat(aws_service_signing_name(req->service), "/",
		    region, (char *)NULL);
	if (req->content_type != NULL)
		http_headers_add(&hdrs, "Content-Type", req->content_type);
	if (req->target != NULL)
		http_headers_add(&hdrs, "X-Amz-Target", req->target);
	if (req->query_mode)
		http_headers_add(&hdrs, "x-amzn-query-mode", "true");
	memset(&call, 0, sizeof(call));
	call.method = req->method;
	call.url = url;
	call.headers = &hdrs;
	call.body = req->body;
	call.bodysz = req->bodysz;
	call.endpoint_key = key;
	call.operation = req->operation;
	call.region = region;
	if (http_submit(c->http, &call, client_done, cc) == -1)
		goto out;
	cc = NULL;			/* the engine's now: client_done frees */
	rc = 0;
out:
	client_call_free(cc);
	http_headers_free(&hdrs);
	free(url);
	free(key);
	return rc;
}

int
client_run(struct client *c, long long deadline_ms)
{
	return http_run(c->http, deadline_ms);
}

void
client_set_idle(struct client *c, http_idle_fn fn, void *arg)
{
	http_set_idle(c->http, fn, arg);
}

void
client_stats(const struct client *c, struct http_stats *out)
{
	http_stats(c->http, out);
}

struct client *
client_new_member(struct client *base, struct creds_provider *cp,
    const char *account)
{
	struct client	*c;

	c = xcalloc(1, sizeof(*c));
	c->cfg = base->cfg;
	c->cp = cp;
	c->http = base->http;
	c->member = 1;
	c->account = xstrdup(account);
	/*
	 * Its own signer: its own secret's keys.  The base's signer was
	 * made, so libcrypto has SHA-256 and HMAC and only memory can fail
	 * here, which is fatal as it is in xcalloc().
	 */
	if ((c->signer = sigv4_signer_new()) == NULL)
		errx(1, "out of memory");
	return c;
}

void
client_free(struct client *c)
{
	if (c == NULL)
		return;
	if (!c->member)
		http_free(c->http);
	free(c->account);
	sigv4_signer_free(c->signer);
	free(c);
}
