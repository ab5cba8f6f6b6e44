/*
 * creds_file.c: the credential sources that need no I/O of their own:
 * the environment keys (step 1) and static keys in the shared
 * credentials and config files (steps 2 and 3), which config.c has
 * already read; and the refusal of profiles asking for credential types
 * this program lacks, checked before step 2.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "creds.h"
#include "creds_int.h"
#include "ini.h"
#include "util.h"

/* Profile keys asking for credential types this program lacks. */
static const struct unsupported {
	const char	*key;		/* profile key */
	const char	*what;		/* the credential type, for messages */
} unsupported[] = {
	{ "role_arn",			"assume-role" },
	{ "credential_source",		"assume-role" },
	{ "web_identity_token_file",	"web identity" },
	{ "sso_session",		"SSO" },
	{ "sso_start_url",		"SSO" },
};

int
creds_src_env(struct creds_provider *p, struct creds *c)
{
	const struct config_env	*e = &p->cfg->env;
	struct creds_keys	 k;

	memset(&k, 0, sizeof(k));
	if (e->access_key_id == NULL && e->secret_access_key == NULL) {
		creds_why(p, "environment: AWS_ACCESS_KEY_ID not set");
		return SRC_ABSENT;
	}
	if (e->access_key_id == NULL || e->secret_access_key == NULL) {
		creds_why(p, "environment: %s set without %s",
		    e->access_key_id != NULL ? "AWS_ACCESS_KEY_ID" :
		    "AWS_SECRET_ACCESS_KEY", e->access_key_id != NULL ?
		    "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID");
		return SRC_FAILED;
	}
	if (e->credential_expiration != NULL &&
	    creds_parse_expiration(e->credential_expiration, &k.exp) == -1) {
		creds_why(p, "environment: AWS_CREDENTIAL_EXPIRATION is not an "
		    "ISO-8601 time");
		return SRC_FAILED;
	}
	k.akid = e->access_key_id;
	k.secret = e->secret_access_key;
	k.token = e->session_token;
	return creds_take_keys(p, "environment", &k, CREDS_SOURCE_ENV,
	    xstrdup("environment variables"), c);
}

/*
 * Refuse profiles (and the one variable) that ask for a credential type
 * this program does not implement: the SDKs would use it before the
 * files, so going on would pick another identity.
 */
int
creds_check_unsupported(struct creds_provider *p)
{
	const struct aws_config	*cfg = p->cfg;
	size_t			 i;

	if (cfg->env.web_identity_token_file != NULL) {
		creds_why(p, "web identity: AWS_WEB_IDENTITY_TOKEN_FILE is "
		    "set, but web identity credentials are not supported");
		return SRC_FAILED;
	}
	for (i = 0; i < NITEMS(unsupported); i++)
		if (creds_nonempty(config_profile_get(cfg,
		    unsupported[i].key)) ||
		    creds_nonempty(config_credentials_get(cfg,
		    unsupported[i].key))) {
			creds_why(p, "profile %s: %s is set, but %s "
			    "credentials are not supported; use "
			    "credential_process",
			    cfg->profile, unsupported[i].key,
			    unsupported[i].what);
			return SRC_FAILED;
		}
	return SRC_ABSENT;
}

/* Static keys in "section" of one of the two files. */
static int
static_keys(struct creds_provider *p, const struct ini *ini,
    const char *section, const char *path, enum creds_source src,
    struct creds *c)
{
	const char		*prof = p->cfg->profile;
	struct creds_keys	 k;
	char			*label;
	int			 rc;

	memset(&k, 0, sizeof(k));
	if (path == NULL || section == NULL ||
	    !ini_has_section(ini, section)) {
		creds_why(p, "profile %s: not in %s", prof,
		    path != NULL ? path : "(no file: no home directory)");
		return SRC_ABSENT;
	}
	k.akid = creds_nonempty(ini_get(ini, section, "aws_access_key_id"));
	k.secret = creds_nonempty(ini_get(ini, section,
	    "aws_secret_access_key"));
	k.token = creds_nonempty(ini_get(ini, section, "aws_session_token"));
	if (k.akid == NULL && k.secret == NULL) {
		creds_why(p, "profile %s: no aws_access_key_id in %s", prof,
		    path);
		return SRC_ABSENT;
	}
	if (k.akid == NULL || k.secret == NULL) {
		creds_why(p, "profile %s: %s without %s in %s", prof,
		    k.akid != NULL ? "aws_access_key_id" :
		    "aws_secret_access_key", k.akid != NULL ?
		    "aws_secret_access_key" : "aws_access_key_id", path);
		return SRC_FAILED;
	}
	label = xasprintf("profile %s in %s", prof, path);
	rc = creds_take_keys(p, label, &k, src, xstrdup(label), c);
	free(label);
	return rc;
}

int
creds_src_shared_file(struct creds_provider *p, struct creds *c)
{
	const struct aws_config	*cfg = p->cfg;

	return static_keys(p, cfg->credentials, cfg->profile,
	    cfg->credentials_file, CREDS_SOURCE_SHARED_FILE, c);
}

int
creds_src_config_file(struct creds_provider *p, struct creds *c)
{
	const struct aws_config	*cfg = p->cfg;

	return static_keys(p, cfg->config, cfg->config_section,
	    cfg->config_file, CREDS_SOURCE_CONFIG_FILE, c);
}
