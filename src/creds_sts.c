/*
 * creds_sts.c: the STS calls of the credential chain, made outside the
 * concurrent engine like the other credential fetches (creds_http.c):
 * AssumeRole, signed with the source credentials (for creds_assume.c),
 * and AssumeRoleWithWebIdentity, unsigned, for the web identity source
 * (step 3), whose token file is read again at every refresh because the
 * platform rotates it.  Request and reply are built and parsed by
 * aws_sts.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aws.h"
#include "config.h"
#include "creds.h"
#include "creds_http.h"
#include "creds_int.h"
#include "sigv4.h"
#include "util.h"

/* The session name when none is configured, as the SDKs make one. */
#define SESSION_NAME_FMT	"bedrock-audit-%lld"

/*
 * The headers of one STS request into "out" (at most 5 lines, NULL
 * terminated; the strings in "own" are freed with free_secret()): the
 * content type, and for AssumeRole the SigV4 ones over "src".  -1 after
 * a reason.
 */
static int
sts_headers(struct creds_provider *p, const char *label,
    const struct aws_request *req, const struct aws_endpoint *ep,
    const struct creds *src, const char *out[5], char *own[4])
{
	struct sigv4_header	 h = { "Content-Type", req->content_type };
	struct sigv4_request	 sr;
	struct sigv4_creds	 sc;
	struct sigv4_signed	 sig;
	size_t			 n = 0;

	out[n++] = own[0] = xasprintf("Content-Type: %s", req->content_type);
	if (src != NULL) {
		memset(&sr, 0, sizeof(sr));
		sr.method = req->method;
		sr.host = ep->host;
		sr.path = req->path;
		sr.query = req->query;
		sr.headers = &h;
		sr.headersz = 1;
		sr.body = req->body;
		sr.bodysz = req->bodysz;
		sc.access_key_id = src->access_key_id;
		sc.secret_access_key = src->secret_access_key;
		sc.session_token = src->session_token;
		if (sigv4_sign(&sr, &sc, ep->region, aws_service_signing_name(
		    AWS_SVC_STS), p->now, SIGV4_DEFAULT, &sig) == -1) {
			creds_why(p, "%s: cannot sign AssumeRole", label);
			return -1;
		}
		out[n++] = own[1] = xasprintf("X-Amz-Date: %s", sig.amz_date);
		out[n++] = own[2] = xasprintf("Authorization: %s",
		    sig.authorization);
		if (src->session_token != NULL)
			out[n++] = own[3] = xasprintf("X-Amz-Security-Token: "
			    "%s", src->session_token);
		sigv4_signed_free(&sig);
	}
	out[n] = NULL;
	return 0;
}

void
creds_sts_failed(struct creds_provider *p, const char *label, const char *op,
    long status, const char *code, const char *msg)
{
	char	 safe[LOG_SAFE_LEN];

	/* Kept, for a caller that records why (creds_provider_last_error()). */
	p->sts_status = status;
	free(p->sts_code);
	free(p->sts_message);
	p->sts_code = code != NULL ? xstrdup(code) : NULL;
	p->sts_message = msg != NULL ? xstrdup(msg) : NULL;
	creds_why(p, "%s: %s: HTTP %ld%s%s%s%s", label, op, status,
	    code != NULL ? " " : "", code != NULL ? code : "",
	    msg != NULL ? ": " : "",
	    msg != NULL ? log_safe(msg, safe, sizeof(safe)) : "");
}

/* Describe a failed STS reply ("r") in a reason labelled "label". */
static void
sts_failed(struct creds_provider *p, const char *label, const char *op,
    const struct creds_http_result *r)
{
	char	*code = NULL, *msg = NULL;

	aws_parse_error(r->error_type[0] != '\0' ? r->error_type : NULL,
	    r->body.data, r->body.len, &code, &msg);
	creds_sts_failed(p, label, op, r->status, code, msg);
	free(code);
	free(msg);
}

/* POST the request; retried on transport errors and 5xx. -1 after why. */
static int
sts_send(struct creds_provider *p, const char *label, const char *url,
    const struct aws_request *req, const char *const *hdrs,
    struct creds_http_result *r)
{
	struct creds_http_request	rq;
	int				i, rc = -1;

	memset(&rq, 0, sizeof(rq));
	rq.method = "POST";
	rq.url = url;
	rq.headers = hdrs;
	rq.body = req->body;
	rq.bodysz = req->bodysz;
	rq.timeout_ms = CREDS_STS_TIMEOUT_MS;
	rq.ca_bundle = p->cfg->ca_bundle;
	rq.use_proxy = 1;
	for (i = 0; i < CREDS_STS_ATTEMPTS; i++) {
		if (i > 0)
			creds_http_result_free(r);
		rc = creds_http_send(&rq, r);
		if (rc == 0 && r->status < 500)
			break;
	}
	if (rc == -1)
		creds_why(p, "%s: %s: %s", label, req->operation, r->error);
	else if (r->status != 200)
		sts_failed(p, label, req->operation, r);
	return rc == 0 && r->status == 200 ? 0 : -1;
}

int
creds_sts_take(struct creds_provider *p, const char *label, const char *body,
    size_t len, int web, enum creds_source id, char *detail, struct creds *c)
{
	struct aws_role_creds	 rc;
	struct creds_keys	 k;
	char			*cause = NULL;
	int			 ret;

	if (aws_parse_assume_role(body, len, web, &rc, &cause) == -1) {
		creds_why(p, "%s: %s", label, cause);
		free(cause);
		free(detail);
		return SRC_FAILED;
	}
	k.akid = rc.access_key_id;
	k.secret = rc.secret_access_key;
	k.token = rc.session_token;
	k.exp = (time_t)rc.expiration;
	log_debug(2, "credentials: %s: assumed %s", label, rc.arn);
	ret = creds_take_keys(p, label, &k, id, detail, c);
	aws_role_creds_free(&rc);
	return ret;
}

int
creds_sts_assume(struct creds_provider *p, const char *label,
    const struct creds *src, const struct aws_assume_role *a,
    enum creds_source id, char *detail, struct creds *c)
{
	const struct aws_config		*cfg = p->cfg;
	struct aws_assume_role		 as = *a;
	struct aws_request		 req;
	struct aws_endpoint		 ep;
	struct creds_http_result	 r;
	const char			*hdrs[5];
	char				*own[4] = { NULL, NULL, NULL, NULL };
	char				*cause = NULL, *url = NULL, name[64];
	size_t				 i;
	int				 rc = SRC_FAILED;

	memset(&ep, 0, sizeof(ep));
	memset(&r, 0, sizeof(r));
	if (as.session_name == NULL) {
		(void)snprintf(name, sizeof(name), SESSION_NAME_FMT,
		    (long long)p->now);
		as.session_name = name;
	}
	if (aws_req_assume_role(&req, &as, &cause) == -1) {
		creds_why(p, "%s: %s", label, cause);
		goto out;
	}
	if (aws_endpoint_resolve(AWS_SVC_STS, cfg->region != NULL ?
	    cfg->region : CREDS_STS_DEFAULT_REGION, config_endpoint_url(cfg,
	    "sts"), &ep) == -1) {
		creds_why(p, "%s: no usable STS endpoint", label);
		goto out;
	}
	url = xasprintf("%s%s", ep.base_url, req.path);
	log_debug(2, "credentials: %s: %s %s at %s", label, req.operation,
	    a->role_arn, url);
	if (sts_headers(p, label, &req, &ep, src, hdrs, own) == 0 &&
	    sts_send(p, label, url, &req, hdrs, &r) == 0) {
		rc = creds_sts_take(p, label, r.body.data, r.body.len,
		    a->web_token != NULL, id, detail, c);
		detail = NULL;
	}
out:
	for (i = 0; i < NITEMS(own); i++)
		free_secret(own[i]);
	if (req.body != NULL)
		explicit_bzero(req.body, req.bodysz);
	aws_request_free(&req);
	aws_endpoint_free(&ep);
	creds_http_result_free(&r);
	free(cause);
	free(detail);
	free(url);
	return rc;
}

/*
 * Web identity with token file "file", role "arn" and session name
 * "session" (NULL: made up by creds_sts_assume()); "where" says where
 * they came from.
 */
static int
web_identity(struct creds_provider *p, const char *where, const char *file,
    const char *arn, const char *session, int duration, struct creds *c)
{
	struct aws_assume_role	 a;
	char			*token, *label;
	int			 rc = SRC_FAILED;

	label = xasprintf("web identity (%s)", where);
	if ((token = creds_read_token_file(p, label, file,
	    AWS_MAX_WEB_TOKEN_BYTES)) != NULL) {
		memset(&a, 0, sizeof(a));
		a.role_arn = arn;
		a.session_name = session;
		a.duration_sec = duration;
		a.web_token = token;
		rc = creds_sts_assume(p, label, NULL, &a,
		    CREDS_SOURCE_WEB_IDENTITY, xasprintf("web identity %s "
		    "as %s", file, arn), c);
	}
	free_secret(token);
	free(label);
	return rc;
}

int
creds_web_identity_of(struct creds_provider *p, const char *profile,
    struct creds *c)
{
	const struct aws_config	*cfg = p->cfg;
	const char		*file, *arn;
	char			*where;
	int			 dur, rc;

	if ((file = config_profile_lookup(cfg, profile,
	    "web_identity_token_file")) == NULL)
		return SRC_ABSENT;
	where = xasprintf("profile %s", profile);
	if ((arn = config_profile_lookup(cfg, profile, "role_arn")) == NULL) {
		creds_why(p, "web identity (%s): web_identity_token_file "
		    "without role_arn", where);
		rc = SRC_FAILED;
	} else if (creds_profile_num(p, profile, "duration_seconds", 900,
	    43200, &dur) == -1)
		rc = SRC_FAILED;
	else
		rc = web_identity(p, where, file, arn, config_profile_lookup(
		    cfg, profile, "role_session_name"), dur, c);
	free(where);
	return rc;
}

/*
 * Step 3: AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN (and
 * AWS_ROLE_SESSION_NAME), else the profile's web_identity_token_file;
 * as in botocore each variable wins over its profile key.
 */
int
creds_src_web_identity(struct creds_provider *p, struct creds *c)
{
	const struct aws_config	*cfg = p->cfg;
	const struct config_env	*e = &cfg->env;
	const char		*arn, *session;

	if (e->web_identity_token_file == NULL) {
		if (config_profile_lookup(cfg, cfg->profile,
		    "web_identity_token_file") != NULL)
			return creds_web_identity_of(p, cfg->profile, c);
		creds_why(p, "web identity: AWS_WEB_IDENTITY_TOKEN_FILE not "
		    "set");
		return SRC_ABSENT;
	}
	arn = e->role_arn != NULL ? e->role_arn :
	    config_profile_lookup(cfg, cfg->profile, "role_arn");
	session = e->role_session_name != NULL ? e->role_session_name :
	    config_profile_lookup(cfg, cfg->profile, "role_session_name");
	if (arn == NULL) {
		creds_why(p, "web identity: AWS_WEB_IDENTITY_TOKEN_FILE set "
		    "without AWS_ROLE_ARN");
		return SRC_FAILED;
	}
	return web_identity(p, "AWS_WEB_IDENTITY_TOKEN_FILE",
	    e->web_identity_token_file, arn, session, 0, c);
}
