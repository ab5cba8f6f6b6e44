/*
 * creds_imds.c: the two metadata-endpoint sources: ECS / EKS container
 * credentials (step 5; which URLs are allowed, the authorization token)
 * and EC2 instance metadata (step 6; IMDSv2 token, role, document).  The
 * blocking fetches themselves are in creds_http.c.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "creds.h"
#include "creds_http.h"
#include "creds_int.h"
#include "json.h"
#include "url.h"
#include "util.h"

/* Hosts a container endpoint may be reached at over plain http. */
static int
http_host_allowed(const char *host)
{
	return url_host_is_loopback(host) ||
	    strcmp(host, CREDS_CONTAINER_HOST) == 0 ||
	    strcmp(host, "169.254.170.23") == 0 ||
	    strcasecmp(host, "[fd00:ec2::23]") == 0;
}

/* Check the scheme and host of a container URL as libcurl sees them. */
static int
container_url_allowed(const char *url, int relative, const char **why_not)
{
	char	*scheme = NULL, *host = NULL;
	int	 ok = 0;

	if (url_split(url, &scheme, &host) == 0) {
		if (relative)
			ok = strcmp(scheme, "http") == 0 &&
			    strcmp(host, CREDS_CONTAINER_HOST) == 0;
		else
			ok = strcmp(scheme, "https") == 0 ||
			    (strcmp(scheme, "http") == 0 &&
			    http_host_allowed(host));
	}
	if (!ok)
		*why_not = relative ? "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "
		    "not a URL path" : "AWS_CONTAINER_CREDENTIALS_FULL_URI: "
		    "must be https, or http to loopback, 169.254.170.2 or "
		    "169.254.170.23";
	free(scheme);
	free(host);
	return ok;
}

char *
creds_container_url(const struct aws_config *cfg, const char **why_not)
{
	const struct config_env	*e = &cfg->env;
	const char		*dummy;
	char			*url;
	int			 relative = e->container_relative_uri != NULL;

	if (why_not == NULL)
		why_not = &dummy;
	if (relative && e->container_relative_uri[0] != '/') {
		*why_not = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: does not "
		    "start with '/'";
		return NULL;
	}
	if (relative)
		url = xasprintf("http://%s%s", CREDS_CONTAINER_HOST,
		    e->container_relative_uri);
	else if (e->container_full_uri != NULL)
		url = xstrdup(e->container_full_uri);
	else {
		*why_not = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and "
		    "AWS_CONTAINER_CREDENTIALS_FULL_URI not set";
		return NULL;
	}
	if (creds_check_field(url) != NULL) {
		*why_not = "container credentials URI contains blanks or "
		    "control characters";
		free(url);
		return NULL;
	}
	if (!container_url_allowed(url, relative, why_not)) {
		free(url);
		return NULL;
	}
	return url;
}

/*
 * The Authorization value for the container endpoint into *tok: the
 * token file (re-read every time: it rotates), else the variable, else
 * NULL.  It becomes a header, so control characters are refused.  -1
 * after a reason.
 */
static int
container_token(struct creds_provider *p, char **tok)
{
	const struct config_env	*e = &p->cfg->env;
	char			*s;
	size_t			 i;

	*tok = NULL;
	if (e->container_token_file != NULL) {
		if ((s = creds_read_token_file(p, "container",
		    e->container_token_file, CREDS_TOKEN_FILE_MAX_BYTES)) ==
		    NULL)
			return -1;
	} else if (e->container_token != NULL)
		s = xstrdup(e->container_token);
	else
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (iscntrl((unsigned char)s[i]) || (unsigned char)s[i] > 0x7e)
			break;
	if (i == 0 || s[i] != '\0') {
		free_secret(s);
		creds_why(p, "container: authorization token is empty or has "
		    "control characters");
		return -1;
	}
	*tok = s;
	return 0;
}

/* GET "url" with up to CREDS_CONTAINER_ATTEMPTS tries; -1 after a reason. */
static int
container_fetch(struct creds_provider *p, const char *url, const char *tok,
    struct creds_http_result *r)
{
	const char	*hdrs[3] = { "Accept: application/json", NULL, NULL };
	char		*auth = NULL;
	int		 i, rc = -1;

	if (tok != NULL)
		hdrs[1] = auth = xasprintf("Authorization: %s", tok);
	for (i = 0; i < CREDS_CONTAINER_ATTEMPTS; i++) {
		if (i > 0)
			creds_http_result_free(r);
		rc = creds_http_fetch("GET", url, hdrs,
		    CREDS_CONTAINER_TIMEOUT_MS, p->cfg->ca_bundle, r);
		if (rc == 0 && r->status < 500)
			break;
	}
	free_secret(auth);
	if (rc == -1)
		creds_why(p, "container: %s", r->error);
	else if (r->status != 200)
		creds_why(p, "container: HTTP %ld", r->status);
	return rc == 0 && r->status == 200 ? 0 : -1;
}

/* Turn a container endpoint's reply into credentials. */
int
creds_container_doc(struct creds_provider *p, const struct buf *body,
    struct creds *c)
{
	cJSON			*root;
	struct creds_keys	 k;
	int			 rc = SRC_FAILED;

	if ((root = creds_parse_object(body->data, body->len)) == NULL)
		creds_why(p, "container: reply is not a JSON object");
	else if (creds_keys_from_json(p, root, "container", "Token", 0,
	    &k) == 0)
		rc = creds_take_keys(p, "container", &k, CREDS_SOURCE_CONTAINER,
		    xstrdup("container credentials endpoint"), c);
	creds_free_tree(root);
	return rc;
}

int
creds_src_container(struct creds_provider *p, struct creds *c)
{
	const struct config_env		*e = &p->cfg->env;
	struct creds_http_result	 r;
	const char			*why_not;
	char				*url, *tok = NULL;
	int				 rc = SRC_FAILED;

	memset(&r, 0, sizeof(r));
	if ((url = creds_container_url(p->cfg, &why_not)) == NULL) {
		creds_why(p, "container: %s", why_not);
		return e->container_relative_uri == NULL &&
		    e->container_full_uri == NULL ? SRC_ABSENT : SRC_FAILED;
	}
	if (container_token(p, &tok) == -1 ||
	    container_fetch(p, url, tok, &r) == -1)
		goto out;
	rc = creds_container_doc(p, &r.body, c);
out:
	creds_http_result_free(&r);
	free_secret(tok);
	free(url);
	return rc;
}

/*
 * GET "path" from the metadata service, with the session token if any.
 * Returns 0 with a 200 reply in "r", or -1 after a reason.
 */
static int
imds_get(struct creds_provider *p, const char *path, const char *token,
    struct creds_http_result *r)
{
	const char	*hdrs[2] = { NULL, NULL };
	char		*url, *hdr = NULL;
	int		 rc = -1;

	url = xasprintf("%s%s", p->cfg->env.imds_endpoint, path);
	if (token != NULL)
		hdrs[0] = hdr = xasprintf("x-aws-ec2-metadata-token: %s",
		    token);
	if (creds_http_fetch("GET", url, hdrs, CREDS_IMDS_TIMEOUT_MS,
	    p->cfg->ca_bundle, r) == -1)
		creds_why(p, "IMDS: %s", r->error);
	else if (r->status != 200)
		creds_why(p, "IMDS: GET %s: HTTP %ld", path, r->status);
	else
		rc = 0;
	free_secret(hdr);
	free(url);
	return rc;
}

/*
 * IMDSv2 session token into *token.  As the SDKs do, a 403, 404 or 405
 * or a timeout means an IMDSv1-only service: *token stays NULL, unless
 * IMDSv1 is disabled.  -1 after a reason.
 */
static int
imds_token(struct creds_provider *p, char **token)
{
	struct creds_http_result	 r;
	char				*url, hdr[64];
	const char			*hdrs[2] = { hdr, NULL };
	int				 rc = -1, fetched, v1;

	*token = NULL;
	(void)snprintf(hdr, sizeof(hdr),
	    "x-aws-ec2-metadata-token-ttl-seconds: %d",
	    CREDS_IMDS_TOKEN_TTL_SEC);
	url = xasprintf("%s/latest/api/token", p->cfg->env.imds_endpoint);
	fetched = creds_http_fetch("PUT", url, hdrs, CREDS_IMDS_TIMEOUT_MS,
	    p->cfg->ca_bundle, &r);
	if (fetched == 0 && r.status == 200) {
		if (creds_check_field(r.body.data != NULL ? r.body.data :
		    "") != NULL)
			creds_why(p, "IMDS: token: unusable reply");
		else {
			*token = xstrdup(r.body.data);
			rc = 0;
		}
		goto out;
	}
	v1 = fetched == -1 ? r.timed_out :
	    r.status == 403 || r.status == 404 || r.status == 405;
	if (v1 && !p->cfg->env.imds_v1_disabled) {
		log_debug(2, "credentials: no IMDSv2 token, trying IMDSv1");
		rc = 0;
	} else if (fetched == -1)
		creds_why(p, "IMDS: token: %s", r.error);
	else
		creds_why(p, "IMDS: token: HTTP %ld", r.status);
out:
	creds_http_result_free(&r);
	free(url);
	return rc;
}

/* The instance's role name, from the first line of the listing. */
static char *
imds_role(struct creds_provider *p, const struct creds_http_result *r)
{
	const char	*s = r->body.data != NULL ? r->body.data : "";
	size_t		 n, i;

	n = strcspn(s, "\r\n");
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) &&
		    strchr("+=,.@_-", s[i]) == NULL)
			break;
	if (n == 0 || n > CREDS_IMDS_ROLE_MAX_BYTES || i < n) {
		creds_why(p, "IMDS: no usable IAM role name in the reply");
		return NULL;
	}
	return xstrndup(s, n);
}

/* Turn role "role"'s credentials document into credentials. */
int
creds_imds_doc(struct creds_provider *p, const char *role,
    const struct buf *body, struct creds *c)
{
	cJSON			*root;
	const char		*code;
	struct creds_keys	 k;
	int			 rc = SRC_FAILED;

	if ((root = creds_parse_object(body->data, body->len)) == NULL)
		creds_why(p, "IMDS: reply is not a JSON object");
	else if ((code = json_str(root, "Code")) != NULL &&
	    strcmp(code, "Success") != 0)
		creds_why(p, "IMDS: role %s: Code is not Success", role);
	else if (creds_keys_from_json(p, root, "IMDS", "Token", 1, &k) == 0)
		rc = creds_take_keys(p, "IMDS", &k, CREDS_SOURCE_IMDS,
		    xasprintf("instance role %s at %s", role,
		    p->cfg->env.imds_endpoint), c);
	creds_free_tree(root);
	return rc;
}

/* Fetch and check the role's credentials document into "c". */
static int
imds_creds(struct creds_provider *p, const char *role, const char *token,
    struct creds *c)
{
	struct creds_http_result	 r;
	char				*path;
	int				 rc = SRC_FAILED;

	memset(&r, 0, sizeof(r));
	path = xasprintf("/latest/meta-data/iam/security-credentials/%s",
	    role);
	if (imds_get(p, path, token, &r) == -1)
		goto out;
	rc = creds_imds_doc(p, role, &r.body, c);
out:
	creds_http_result_free(&r);
	free(path);
	return rc;
}

int
creds_src_imds(struct creds_provider *p, struct creds *c)
{
	struct creds_http_result	 r;
	char				*token = NULL, *role = NULL;
	int				 rc = SRC_FAILED;

	if (p->cfg->env.imds_disabled) {
		creds_why(p, "IMDS: disabled by AWS_EC2_METADATA_DISABLED");
		return SRC_ABSENT;
	}
	memset(&r, 0, sizeof(r));
	if (imds_token(p, &token) == -1 ||
	    imds_get(p, "/latest/meta-data/iam/security-credentials/",
	    token, &r) == -1 ||
	    (role = imds_role(p, &r)) == NULL)
		goto out;
	rc = imds_creds(p, role, token, c);
out:
	creds_http_result_free(&r);
	free_secret(token);
	free(role);
	return rc;
}
