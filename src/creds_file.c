/*
 * creds_file.c: the credential sources that need no I/O of their own:
 * the environment keys (step 1) and static keys in the shared
 * credentials and config files (steps 5 and 6), which config.c has
 * already read, for the run's profile or for a source_profile.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "creds.h"
#include "creds_int.h"
#include "ini.h"
#include "util.h"

/*
 * As the SDKs do, an explicit --profile sets the environment's keys
 * aside (AWS_PROFILE does not): asking for a profile by name on the
 * command line must not silently run as whoever the environment holds.
 */
int
creds_src_env(struct creds_provider *p, struct creds *c)
{
	const struct config_env	*e = &p->cfg->env;

	if (strcmp(p->cfg->profile_origin, "--profile") == 0) {
		if (e->access_key_id != NULL || e->secret_access_key != NULL)
			creds_why(p, "environment: keys set aside for "
			    "--profile %s", p->cfg->profile);
		else
			creds_why(p, "environment: skipped for --profile %s",
			    p->cfg->profile);
		return SRC_ABSENT;
	}
	return creds_env_keys(p, c);
}

int
creds_env_keys(struct creds_provider *p, struct creds *c)
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

/* Static keys of profile "prof" in "section" of one of the two files. */
static int
static_keys(struct creds_provider *p, const char *prof,
    const struct ini *ini, const char *section, const char *path,
    enum creds_source src, struct creds *c)
{
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

	return static_keys(p, cfg->profile, cfg->credentials, cfg->profile,
	    cfg->credentials_file, CREDS_SOURCE_SHARED_FILE, c);
}

int
creds_src_config_file(struct creds_provider *p, struct creds *c)
{
	const struct aws_config	*cfg = p->cfg;

	return static_keys(p, cfg->profile, cfg->config, cfg->config_section,
	    cfg->config_file, CREDS_SOURCE_CONFIG_FILE, c);
}

int
creds_profile_static(struct creds_provider *p, const char *profile,
    struct creds *c)
{
	const struct aws_config	*cfg = p->cfg;
	char			*sec;
	int			 rc;

	if ((rc = static_keys(p, profile, cfg->credentials, profile,
	    cfg->credentials_file, CREDS_SOURCE_SHARED_FILE, c)) != SRC_ABSENT)
		return rc;
	sec = config_profile_section(cfg, profile);
	rc = static_keys(p, profile, cfg->config, sec, cfg->config_file,
	    CREDS_SOURCE_CONFIG_FILE, c);
	free(sec);
	return rc;
}
