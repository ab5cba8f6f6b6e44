/*
 * creds_sso.c: IAM Identity Center (SSO) profiles (step 4).  The token
 * is the one "aws sso login" left in the AWS CLI's cache
 * (~/.aws/sso/cache/<sha1>.json, the SHA-1 of the sso-session name, or
 * of the start URL for a legacy profile); this program has no login
 * flow of its own, so a missing or expired token is an error naming the
 * command that fixes it.  The token buys role credentials from the
 * portal's GetRoleCredentials (a bearer token, no SigV4).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>
#include <openssl/evp.h>

#include "aws.h"
#include "config.h"
#include "creds.h"
#include "creds_http.h"
#include "creds_int.h"
#include "ini.h"
#include "json.h"
#include "sigv4.h"
#include "util.h"

/* What a profile's SSO settings name; strings borrowed from the config. */
struct sso_conf {
	const char	*profile;	/* whose settings */
	const char	*session;	/* sso-session name; NULL: legacy */
	const char	*start_url;	/* portal start URL */
	const char	*region;	/* portal region */
	const char	*account;	/* sso_account_id */
	const char	*role;		/* sso_role_name */
};

/* The settings of profile "name" into "sc"; SRC_ABSENT, _FOUND, _FAILED. */
static int
sso_conf(struct creds_provider *p, const char *name, struct sso_conf *sc)
{
	const struct aws_config	*cfg = p->cfg;
	char			*sec;

	memset(sc, 0, sizeof(*sc));
	sc->profile = name;
	sc->session = config_profile_lookup(cfg, name, "sso_session");
	sc->start_url = config_profile_lookup(cfg, name, "sso_start_url");
	sc->region = config_profile_lookup(cfg, name, "sso_region");
	if (sc->session == NULL && sc->start_url == NULL)
		return SRC_ABSENT;
	if (sc->session != NULL) {
		sec = xasprintf("sso-session %s", sc->session);
		if (!ini_has_section(cfg->config, sec)) {
			creds_why(p, "SSO (profile %s): section [%s] not found "
			    "in %s", name, sec, cfg->config_file);
			free(sec);
			return SRC_FAILED;
		}
		sc->start_url = creds_nonempty(ini_get(cfg->config, sec,
		    "sso_start_url"));
		sc->region = creds_nonempty(ini_get(cfg->config, sec,
		    "sso_region"));
		free(sec);
	}
	sc->account = config_profile_lookup(cfg, name, "sso_account_id");
	sc->role = config_profile_lookup(cfg, name, "sso_role_name");
	if (sc->start_url == NULL || sc->region == NULL ||
	    sc->account == NULL || sc->role == NULL) {
		creds_why(p, "SSO (profile %s): needs sso_start_url and "
		    "sso_region (in [sso-session %s] or the profile), "
		    "sso_account_id and sso_role_name", name,
		    sc->session != NULL ? sc->session : "NAME");
		return SRC_FAILED;
	}
	if (!aws_region_valid(sc->region)) {
		creds_why(p, "SSO (profile %s): sso_region is not a region "
		    "name", name);
		return SRC_FAILED;
	}
	return SRC_FOUND;
}

/* The cache file of "sc": <dir>/<hex SHA-1 of the session or URL>.json. */
static char *
sso_cache_path(const struct aws_config *cfg, const struct sso_conf *sc)
{
	const char	*key = sc->session != NULL ? sc->session : sc->start_url;
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0, i;
	char		 hex[2 * EVP_MAX_MD_SIZE + 1];

	if (cfg->sso_cache_dir == NULL ||
	    EVP_Digest(key, strlen(key), md, &mdlen, EVP_sha1(), NULL) != 1)
		return NULL;
	for (i = 0; i < mdlen; i++)
		(void)snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return xasprintf("%s/%s.json", cfg->sso_cache_dir, hex);
}

/*
 * The cached access token of "sc", still valid at p->now; NULL after a
 * reason that says to run "aws sso login".  Caller frees with
 * free_secret().
 */
static char *
sso_token(struct creds_provider *p, const struct sso_conf *sc)
{
	struct stat	 st;
	cJSON		*root = NULL;
	char		*path, *text = NULL, *tok = NULL, *label, when[UTIL_ISO8601_LEN];
	const char	*t, *exp;
	time_t		 until;

	label = xasprintf("SSO (profile %s)", sc->profile);
	if ((path = sso_cache_path(p->cfg, sc)) == NULL)
		creds_why(p, "%s: no token cache (no home directory)", label);
	else if (stat(path, &st) == -1 && errno == ENOENT)
		creds_why(p, "%s: no cached token in %s: run \"aws sso login "
		    "--profile %s\"", label, path, sc->profile);
	else if ((text = creds_read_token_file(p, label, path,
	    CREDS_SSO_CACHE_MAX_BYTES)) == NULL)
		;
	else if ((root = creds_parse_object(text, strlen(text))) == NULL ||
	    creds_check_field(t = str_or_empty(json_str(root,
	    "accessToken"))) != NULL || (exp = json_str(root, "expiresAt"))
	    == NULL || creds_parse_expiration(exp, &until) == -1)
		creds_why(p, "%s: %s: no usable accessToken and expiresAt",
		    label, path);
	else if (until <= p->now) {
		util_iso8601(until, when);
		creds_why(p, "%s: the SSO token expired at %s: run \"aws sso "
		    "login --profile %s\"", label, when, sc->profile);
	} else
		tok = xstrdup(t);
	creds_free_tree(root);
	free_secret(text);
	free(path);
	free(label);
	return tok;
}

/* Turn a GetRoleCredentials reply into credentials. */
int
creds_sso_doc(struct creds_provider *p, const char *label,
    const struct buf *body, struct creds *c)
{
	cJSON			*root;
	const cJSON		*rc;
	struct creds_keys	 k;
	double			 ms;
	int			 ret = SRC_FAILED;

	memset(&k, 0, sizeof(k));
	if ((root = creds_parse_object(body->data, body->len)) == NULL ||
	    !cJSON_IsObject(rc = cJSON_GetObjectItemCaseSensitive(root,
	    "roleCredentials")))
		creds_why(p, "SSO (%s): no roleCredentials object in the "
		    "reply", label);
	else if ((k.akid = json_str(rc, "accessKeyId")) == NULL ||
	    (k.secret = json_str(rc, "secretAccessKey")) == NULL ||
	    (k.token = json_str(rc, "sessionToken")) == NULL)
		creds_why(p, "SSO (%s): the reply lacks a key or token",
		    label);
	else if (json_num(rc, "expiration", &ms) == -1 || ms < 1000.0 ||
	    ms / 1000.0 > (double)AWS_MAX_EPOCH_SECONDS)
		creds_why(p, "SSO (%s): expiration is not a time in "
		    "milliseconds", label);
	else {
		/* Epoch milliseconds, as botocore reads it. */
		k.exp = (time_t)(ms / 1000.0);
		ret = creds_take_keys(p, "SSO", &k, CREDS_SOURCE_SSO,
		    xasprintf("SSO %s", label), c);
	}
	creds_free_tree(root);
	return ret;
}

/* Why the portal refused, in words that say what to do. */
static void
sso_refused(struct creds_provider *p, const struct sso_conf *sc,
    const struct creds_http_result *r)
{
	char	*code = NULL, *msg = NULL, safe[LOG_SAFE_LEN];

	aws_parse_error(r->error_type[0] != '\0' ? r->error_type : NULL,
	    r->body.data, r->body.len, &code, &msg);
	if (r->status == 401)
		creds_why(p, "SSO (profile %s): the portal refused the cached "
		    "token (%s): run \"aws sso login --profile %s\"",
		    sc->profile, code != NULL ? code : "HTTP 401", sc->profile);
	else
		creds_why(p, "SSO (profile %s): GetRoleCredentials for role "
		    "%s in account %s: HTTP %ld %s%s%s", sc->profile, sc->role,
		    sc->account, r->status, code != NULL ? code : "",
		    msg != NULL ? ": " : "",
		    msg != NULL ? log_safe(msg, safe, sizeof(safe)) : "");
	free(code);
	free(msg);
}

/* GetRoleCredentials with "tok" on the portal of "sc". */
static int
sso_fetch(struct creds_provider *p, const struct sso_conf *sc,
    const char *tok, struct creds *c)
{
	struct creds_http_request	 rq;
	struct creds_http_result	 r;
	struct aws_endpoint		 ep;
	const char			*hdrs[3] = { "Accept: application/json" };
	char				*acct, *role, *url = NULL, *hdr, *label;
	int				 rc = SRC_FAILED;

	memset(&r, 0, sizeof(r));
	if (aws_endpoint_resolve(AWS_SVC_SSO, sc->region,
	    config_endpoint_url(p->cfg, "sso"), &ep) == -1) {
		creds_why(p, "SSO (profile %s): no usable portal endpoint for "
		    "sso_region %s", sc->profile, sc->region);
		return SRC_FAILED;
	}
	acct = sigv4_uri_encode(sc->account, strlen(sc->account), 0);
	role = sigv4_uri_encode(sc->role, strlen(sc->role), 0);
	url = xasprintf("%s/federation/credentials?account_id=%s&role_name=%s",
	    ep.base_url, acct, role);
	hdrs[1] = hdr = xasprintf("x-amz-sso_bearer_token: %s", tok);
	memset(&rq, 0, sizeof(rq));
	rq.method = "GET";
	rq.url = url;
	rq.headers = hdrs;
	rq.timeout_ms = CREDS_STS_TIMEOUT_MS;
	rq.ca_bundle = p->cfg->ca_bundle;
	rq.use_proxy = 1;
	log_debug(2, "credentials: SSO GetRoleCredentials at %s", url);
	if (creds_http_send(&rq, &r) == -1)
		creds_why(p, "SSO (profile %s): %s", sc->profile, r.error);
	else if (r.status != 200)
		sso_refused(p, sc, &r);
	else {
		label = xasprintf("profile %s, role %s in account %s",
		    sc->profile, sc->role, sc->account);
		rc = creds_sso_doc(p, label, &r.body, c);
		free(label);
	}
	creds_http_result_free(&r);
	aws_endpoint_free(&ep);
	free_secret(hdr);
	free(acct);
	free(role);
	free(url);
	return rc;
}

int
creds_sso_of(struct creds_provider *p, const char *profile,
    struct creds *c)
{
	struct sso_conf	 sc;
	char		*tok;
	int		 rc;

	if ((rc = sso_conf(p, profile, &sc)) != SRC_FOUND)
		return rc;
	if ((tok = sso_token(p, &sc)) == NULL)
		return SRC_FAILED;
	rc = sso_fetch(p, &sc, tok, c);
	free_secret(tok);
	return rc;
}

/* Silent when absent, as assume-role: the static-key steps name it. */
int
creds_src_sso(struct creds_provider *p, struct creds *c)
{
	return creds_sso_of(p, p->cfg->profile, c);
}
