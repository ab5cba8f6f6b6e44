/*
 * config.c: resolve the profile, files, region and endpoints of a run.
 * See config.h for the precedence rules.
 */
#include <assert.h>
#include <ctype.h>
#include <err.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config.h"
#include "regions.h"
#include "url.h"
#include "ini.h"
#include "util.h"

/*
 * Services that may have an endpoint override.  "id" is the key in a
 * [services x] section (the service ID in lower case, spaces as '_'),
 * "env" the matching AWS_ENDPOINT_URL_<ID> variable.
 */
static const struct service {
	const char	*id;
	const char	*env;
} services[] = {
	{ "bedrock",		"AWS_ENDPOINT_URL_BEDROCK" },
	{ "service_quotas",	"AWS_ENDPOINT_URL_SERVICE_QUOTAS" },
	{ "sts",		"AWS_ENDPOINT_URL_STS" },
	{ "cloudwatch",		"AWS_ENDPOINT_URL_CLOUDWATCH" },
	{ "bedrock_runtime",	"AWS_ENDPOINT_URL_BEDROCK_RUNTIME" },
	{ "sso",		"AWS_ENDPOINT_URL_SSO" },
	{ "account",		"AWS_ENDPOINT_URL_ACCOUNT" },
	{ "sns",		"AWS_ENDPOINT_URL_SNS" },
	{ "eventbridge",	"AWS_ENDPOINT_URL_EVENTBRIDGE" },
	{ "organizations",	"AWS_ENDPOINT_URL_ORGANIZATIONS" },
};
_Static_assert(sizeof(services) / sizeof(services[0]) == CONFIG_NSERVICES,
    "CONFIG_NSERVICES does not match the service table");

/* A copy of variable "name", or NULL when it is unset or empty. */
static char *
env_dup(const char *name)
{
	const char	*v;

	if ((v = getenv(name)) == NULL || *v == '\0')
		return NULL;
	return xstrdup(v);
}

/* The SDKs' boolean: "true" in any case is true, anything else false. */
static int
is_true(const char *s)
{
	return s != NULL && strcasecmp(s, "true") == 0;
}

/* Boolean variable "var" if set and not empty, else profile "key". */
static int
flag(const struct aws_config *cfg, const char *var, const char *key)
{
	const char	*v;

	if ((v = getenv(var)) != NULL && *v != '\0')
		return is_true(v);
	return key != NULL && is_true(config_profile_get(cfg, key));
}

void
config_free(struct aws_config *cfg)
{
	struct config_env	*e;
	size_t			 i;

	if (cfg == NULL)
		return;
	e = &cfg->env;
	free(e->access_key_id);
	free_secret(e->secret_access_key);
	free_secret(e->session_token);
	free(e->credential_expiration);
	free(e->web_identity_token_file);
	free(e->role_arn);
	free(e->role_session_name);
	free(e->container_relative_uri);
	free(e->container_full_uri);
	free_secret(e->container_token);
	free(e->container_token_file);
	free(e->imds_endpoint);
	for (i = 0; i < CONFIG_NSERVICES; i++)
		free(cfg->endpoint_url[i]);
	free(cfg->profile);
	free(cfg->region);
	free(cfg->config_file);
	free(cfg->credentials_file);
	free(cfg->sso_cache_dir);
	ini_free(cfg->config);
	ini_free(cfg->credentials);
	free(cfg->config_section);
	free(cfg->ca_bundle);
	free(cfg->max_attempts);
	free(cfg->retry_mode);
	free(cfg);
}

const char *
config_profile_get(const struct aws_config *cfg, const char *key)
{
	if (cfg->config_section == NULL)
		return NULL;
	return ini_get(cfg->config, cfg->config_section, key);
}

const char *
config_credentials_get(const struct aws_config *cfg, const char *key)
{
	return ini_get(cfg->credentials, cfg->profile, key);
}

/*
 * The config-file section of profile "name": "default" is "[default]",
 * or "[profile default]" when "[default]" is absent; any other profile
 * is "[profile NAME]".  NULL when the file has no such section, else
 * the caller frees.
 */
static char *
config_section_of(const struct ini *config, const char *name)
{
	char	*sec;

	if (strcmp(name, "default") == 0 && ini_has_section(config, "default"))
		return xstrdup("default");
	sec = xasprintf("profile %s", name);
	if (ini_has_section(config, sec))
		return sec;
	free(sec);
	return NULL;
}

char *
config_profile_section(const struct aws_config *cfg, const char *profile)
{
	return config_section_of(cfg->config, profile);
}

int
config_profile_exists(const struct aws_config *cfg, const char *profile)
{
	char	*sec = config_section_of(cfg->config, profile);
	int	 found = sec != NULL || ini_has_section(cfg->credentials, profile);

	free(sec);
	return found;
}

const char *
config_profile_lookup(const struct aws_config *cfg, const char *profile,
    const char *key)
{
	const char	*v = NULL;
	char		*sec;

	if ((sec = config_section_of(cfg->config, profile)) != NULL)
		v = ini_get(cfg->config, sec, key);
	free(sec);
	if (v == NULL || *v == '\0')
		v = ini_get(cfg->credentials, profile, key);
	return v != NULL && *v != '\0' ? v : NULL;
}

const char *
config_endpoint_url(const struct aws_config *cfg, const char *service_id)
{
	size_t	i;

	for (i = 0; i < CONFIG_NSERVICES; i++)
		if (strcmp(services[i].id, service_id) == 0)
			return cfg->endpoint_url[i];
	assert(!"config_endpoint_url: unknown service id");
	return NULL;
}

/* The home directory: $HOME, else the password database, else NULL. */
static const char *
home_dir(void)
{
	const char	*h;
	struct passwd	*pw;

	if ((h = getenv("HOME")) != NULL && *h != '\0')
		return h;
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_dir != NULL &&
	    *pw->pw_dir != '\0')
		return pw->pw_dir;
	return NULL;
}

/*
 * The path in variable "var" (a leading "~/" is the home directory), or
 * "home"/"dflt" when the variable is unset; NULL if that needs a home
 * directory and there is none.
 */
static char *
file_path(const char *var, const char *dflt, const char *home)
{
	const char	*v;

	if ((v = getenv(var)) == NULL || *v == '\0')
		return home != NULL ? xasprintf("%s/%s", home, dflt) : NULL;
	if (strncmp(v, "~/", 2) == 0) {
		if (home == NULL)
			return NULL;
		return xasprintf("%s/%s", home, v + 2);
	}
	return xstrdup(v);
}

/* Profile names come from argv or the environment: keep them tame. */
static int
valid_profile(const char *name, const char *origin)
{
	char		 safe[LOG_SAFE_LEN];
	const char	*p;

	if (strlen(name) > INI_MAX_NAME_BYTES) {
		warnx("%s: profile name too long", origin);
		return 0;
	}
	for (p = name; *p != '\0'; p++)
		if (iscntrl((unsigned char)*p) || *p == '[' || *p == ']') {
			warnx("%s: invalid profile name \"%s\"", origin,
			    log_safe(name, safe, sizeof(safe)));
			return 0;
		}
	return 1;
}

static int
resolve_profile(struct aws_config *cfg, const char *arg)
{
	if (arg != NULL && *arg != '\0') {
		cfg->profile = xstrdup(arg);
		cfg->profile_origin = "--profile";
	} else if ((cfg->profile = env_dup("AWS_PROFILE")) != NULL)
		cfg->profile_origin = "AWS_PROFILE";
	else {
		cfg->profile = xstrdup("default");
		cfg->profile_origin = "default";
	}
	return valid_profile(cfg->profile, cfg->profile_origin) ? 0 : -1;
}

/*
 * Read both files and find the profile's config section.  The default
 * profile is "[default]" in the config file; the SDKs also accept
 * "[profile default]", used here only when "[default]" is absent.
 */
static int
load_files(struct aws_config *cfg)
{
	const char	*home = home_dir();

	cfg->config_file = file_path("AWS_CONFIG_FILE", ".aws/config", home);
	cfg->credentials_file = file_path("AWS_SHARED_CREDENTIALS_FILE",
	    ".aws/credentials", home);
	if (home != NULL)
		cfg->sso_cache_dir = xasprintf("%s/.aws/sso/cache", home);
	if (cfg->config_file == NULL || cfg->credentials_file == NULL)
		log_debug(2, "no home directory: default AWS files skipped");
	if (cfg->config_file == NULL)
		cfg->config = ini_parse("", 0, NULL);
	else if ((cfg->config = ini_load(cfg->config_file)) == NULL)
		return -1;
	if (cfg->credentials_file == NULL)
		cfg->credentials = ini_parse("", 0, NULL);
	else if ((cfg->credentials = ini_load(cfg->credentials_file)) == NULL)
		return -1;
	cfg->config_section = config_section_of(cfg->config, cfg->profile);
	/* Only a profile other than "default" has to exist. */
	if (cfg->config_section == NULL && strcmp(cfg->profile,
	    "default") != 0 && !ini_has_section(cfg->credentials,
	    cfg->profile)) {
		warnx("profile %s (from %s): not found in %s or %s",
		    cfg->profile, cfg->profile_origin,
		    cfg->config_file ? cfg->config_file : "(no config file)",
		    cfg->credentials_file ? cfg->credentials_file :
		    "(no credentials file)");
		return -1;
	}
	return 0;
}

/* A region ends up in host names: lower-case letters, digits, '-'. */
static int
resolve_region(struct aws_config *cfg, const char *arg)
{
	char		 safe[LOG_SAFE_LEN];
	const char	*v;

	if (arg != NULL && *arg != '\0') {
		cfg->region = xstrdup(arg);
		cfg->region_origin = "--region";
	} else if ((cfg->region = env_dup("AWS_REGION")) != NULL)
		cfg->region_origin = "AWS_REGION";
	else if ((cfg->region = env_dup("AWS_DEFAULT_REGION")) != NULL)
		cfg->region_origin = "AWS_DEFAULT_REGION";
	else if ((v = config_profile_get(cfg, "region")) != NULL &&
	    *v != '\0') {
		cfg->region = xstrdup(v);
		cfg->region_origin = "profile";
	}
	if (cfg->region != NULL &&
	    !regions_name_valid(cfg->region, strlen(cfg->region))) {
		warnx("%s: invalid region \"%s\"", cfg->region_origin,
		    log_safe(cfg->region, safe, sizeof(safe)));
		return -1;
	}
	return 0;
}

/* http:// or https://, a host, bounded, and no blanks or controls. */
static int
valid_url(const char *url)
{
	const char	*p, *host;

	if (strncasecmp(url, "https://", 8) == 0)
		host = url + 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		host = url + 7;
	else
		return 0;
	if (*host == '\0' || *host == '/' || strlen(url) > CONFIG_MAX_URL_BYTES)
		return 0;
	for (p = url; *p != '\0'; p++)
		if (!isgraph((unsigned char)*p))
			return 0;
	return 1;
}

/*
 * Set *dst to a copy of "url" from "origin" after checking it; a NULL
 * or empty "url" leaves *dst alone.  Returns 1 if set, 0 if not, -1
 * after a warning.
 */
static int
take_url(char **dst, const char *url, const char *origin)
{
	char	safe[LOG_SAFE_LEN];

	if (url == NULL || *url == '\0')
		return 0;
	if (!valid_url(url)) {
		warnx("%s: not an http(s) URL: \"%s\"", origin,
		    log_safe(url, safe, sizeof(safe)));
		return -1;
	}
	*dst = xstrdup(url);
	return 1;
}

/* The override for one service, in the order given in config.h. */
static int
resolve_endpoint(struct aws_config *cfg, size_t i, const char *svcsec)
{
	const struct service	*s = &services[i];
	char			*origin;
	int			 rc;

	if ((rc = take_url(&cfg->endpoint_url[i], getenv(s->env),
	    s->env)) != 0)
		return rc;
	if ((rc = take_url(&cfg->endpoint_url[i],
	    getenv("AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL")) != 0)
		return rc;
	if (svcsec != NULL) {
		origin = xasprintf("%s: [%s] %s", cfg->config_file, svcsec,
		    s->id);
		rc = take_url(&cfg->endpoint_url[i], ini_get_sub(cfg->config,
		    svcsec, s->id, "endpoint_url"), origin);
		free(origin);
		if (rc != 0)
			return rc;
	}
	origin = xasprintf("%s: profile %s endpoint_url", cfg->config_file,
	    cfg->profile);
	rc = take_url(&cfg->endpoint_url[i],
	    config_profile_get(cfg, "endpoint_url"), origin);
	free(origin);
	return rc;
}

/*
 * An override the engine would refuse (plain http to a host that is not
 * loopback) is a configuration error, found here before a run starts
 * rather than as a failed call of every region.
 */
static int
endpoint_allowed(const struct aws_config *cfg, size_t i)
{
	char	safe[LOG_SAFE_LEN];

	if (cfg->endpoint_url[i] == NULL ||
	    url_allowed(cfg->endpoint_url[i]))
		return 0;
	warnx("endpoint URL for %s: \"%s\": only https, or plain http to a "
	    "loopback host (127.0.0.1, ::1, localhost)", services[i].id,
	    log_safe(cfg->endpoint_url[i], safe, sizeof(safe)));
	return -1;
}

static int
resolve_endpoints(struct aws_config *cfg)
{
	const char	*name;
	char		*svcsec = NULL;
	size_t		 i;
	int		 rc = -1;

	cfg->ignore_endpoint_urls = flag(cfg,
	    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
	    "ignore_configured_endpoint_urls");
	if (cfg->ignore_endpoint_urls)
		return 0;
	if ((name = config_profile_get(cfg, "services")) != NULL &&
	    *name != '\0') {
		svcsec = xasprintf("services %s", name);
		if (!ini_has_section(cfg->config, svcsec)) {
			warnx("%s: profile %s: section [%s] not found",
			    cfg->config_file, cfg->profile, svcsec);
			goto out;
		}
	}
	for (i = 0; i < CONFIG_NSERVICES; i++) {
		if (resolve_endpoint(cfg, i, svcsec) == -1 ||
		    endpoint_allowed(cfg, i) == -1)
			goto out;
		if (cfg->endpoint_url[i] != NULL)
			log_debug(2, "endpoint for %s: %s", services[i].id,
			    cfg->endpoint_url[i]);
	}
	rc = 0;
out:
	free(svcsec);
	return rc;
}

/* First of variable "var" and profile key "key", copied; or NULL. */
static char *
env_or_profile(const struct aws_config *cfg, const char *var,
    const char *key)
{
	const char	*v;
	char		*s;

	if ((s = env_dup(var)) != NULL)
		return s;
	if ((v = config_profile_get(cfg, key)) != NULL && *v != '\0')
		return xstrdup(v);
	return NULL;
}

/* Capture what creds.c needs from the environment. */
static int
load_env(struct aws_config *cfg)
{
	struct config_env	*e = &cfg->env;
	size_t			 len;

	e->access_key_id = env_dup("AWS_ACCESS_KEY_ID");
	e->secret_access_key = env_dup("AWS_SECRET_ACCESS_KEY");
	e->session_token = env_dup("AWS_SESSION_TOKEN");
	e->credential_expiration = env_dup("AWS_CREDENTIAL_EXPIRATION");
	e->web_identity_token_file = env_dup("AWS_WEB_IDENTITY_TOKEN_FILE");
	e->role_arn = env_dup("AWS_ROLE_ARN");
	e->role_session_name = env_dup("AWS_ROLE_SESSION_NAME");
	e->container_relative_uri =
	    env_dup("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
	e->container_full_uri = env_dup("AWS_CONTAINER_CREDENTIALS_FULL_URI");
	e->container_token = env_dup("AWS_CONTAINER_AUTHORIZATION_TOKEN");
	e->container_token_file =
	    env_dup("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
	e->imds_disabled = flag(cfg, "AWS_EC2_METADATA_DISABLED", NULL);
	e->imds_v1_disabled = flag(cfg, "AWS_EC2_METADATA_V1_DISABLED",
	    "ec2_metadata_v1_disabled");
	if (take_url(&e->imds_endpoint,
	    getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT"),
	    "AWS_EC2_METADATA_SERVICE_ENDPOINT") == -1)
		return -1;
	if (e->imds_endpoint == NULL && take_url(&e->imds_endpoint,
	    config_profile_get(cfg, "ec2_metadata_service_endpoint"),
	    "profile ec2_metadata_service_endpoint") == -1)
		return -1;
	if (e->imds_endpoint == NULL)
		e->imds_endpoint = xstrdup(CONFIG_IMDS_ENDPOINT);
	len = strlen(e->imds_endpoint);
	while (len > 0 && e->imds_endpoint[len - 1] == '/')
		e->imds_endpoint[--len] = '\0';
	return 0;
}

/* CA bundle and retry settings: plain strings, env before profile. */
static int
load_misc(struct aws_config *cfg)
{
	const char	*home;
	char		*full;

	cfg->ca_bundle = env_or_profile(cfg, "AWS_CA_BUNDLE", "ca_bundle");
	if (cfg->ca_bundle != NULL && strncmp(cfg->ca_bundle, "~/", 2) == 0 &&
	    (home = home_dir()) != NULL) {
		full = xasprintf("%s/%s", home, cfg->ca_bundle + 2);
		free(cfg->ca_bundle);
		cfg->ca_bundle = full;
	}
	if (cfg->ca_bundle != NULL && access(cfg->ca_bundle, R_OK) == -1) {
		warn("CA bundle %s", cfg->ca_bundle);
		return -1;
	}
	cfg->max_attempts = env_or_profile(cfg, "AWS_MAX_ATTEMPTS",
	    "max_attempts");
	cfg->retry_mode = env_or_profile(cfg, "AWS_RETRY_MODE", "retry_mode");
	return 0;
}

struct aws_config *
config_load(const char *profile_arg, const char *region_arg)
{
	struct aws_config	*cfg;

	cfg = xcalloc(1, sizeof(*cfg));
	if (resolve_profile(cfg, profile_arg) == -1 ||
	    load_files(cfg) == -1 ||
	    resolve_region(cfg, region_arg) == -1 ||
	    resolve_endpoints(cfg) == -1 ||
	    load_misc(cfg) == -1 ||
	    load_env(cfg) == -1) {
		config_free(cfg);
		return NULL;
	}
	log_debug(2, "profile %s (from %s), region %s (from %s)",
	    cfg->profile, cfg->profile_origin,
	    cfg->region != NULL ? cfg->region : "none",
	    cfg->region_origin != NULL ? cfg->region_origin : "nowhere");
	return cfg;
}
