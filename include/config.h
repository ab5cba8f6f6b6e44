/*
 * config.h: the AWS settings of one run, resolved once at start-up.
 *
 * config_load() is the only place that reads the environment: it picks
 * the profile, reads the shared config and credentials files (ini.h),
 * resolves region, CA bundle, retry settings and endpoint overrides,
 * and copies the credential-related variables into "env" for creds.c.
 * Everything after that works from this struct, so tests can build one
 * by setting variables and files, and nothing changes behind its back.
 *
 * Precedence (first found wins; an empty variable counts as unset):
 *   profile   --profile, AWS_PROFILE, "default"
 *   region    --region, AWS_REGION, AWS_DEFAULT_REGION, profile "region"
 *   files     AWS_CONFIG_FILE (~/.aws/config; profile sections are
 *             "[profile NAME]", except "[default]"),
 *             AWS_SHARED_CREDENTIALS_FILE (~/.aws/credentials; "[NAME]")
 *   CA        AWS_CA_BUNDLE, profile "ca_bundle"
 *   retries   AWS_MAX_ATTEMPTS, profile "max_attempts";
 *             AWS_RETRY_MODE, profile "retry_mode"
 *   endpoint  AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's
 *             "services" section ("[services NAME]" with "<service> =" and
 *             an indented "endpoint_url = ..."), profile "endpoint_url";
 *             none of them if AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or
 *             profile "ignore_configured_endpoint_urls") is "true"
 */
#ifndef BEDROCK_AUDIT_CONFIG_H
#define BEDROCK_AUDIT_CONFIG_H

struct ini;

#define CONFIG_MAX_URL_BYTES	2048	/* an endpoint URL */
#define CONFIG_NSERVICES	10	/* entries of the service table */
#define CONFIG_IMDS_ENDPOINT	"http://169.254.169.254"

/*
 * Credential-related environment, captured by config_load() for creds.c.
 * Strings are owned, NULL when the variable is unset or empty.
 */
struct config_env {
	char	*access_key_id;		/* AWS_ACCESS_KEY_ID */
	char	*secret_access_key;	/* AWS_SECRET_ACCESS_KEY; wiped */
	char	*session_token;		/* AWS_SESSION_TOKEN; wiped */
	char	*credential_expiration;	/* AWS_CREDENTIAL_EXPIRATION */
	char	*web_identity_token_file; /* AWS_WEB_IDENTITY_TOKEN_FILE */
	char	*role_arn;		/* AWS_ROLE_ARN (web identity) */
	char	*role_session_name;	/* AWS_ROLE_SESSION_NAME */
	char	*container_relative_uri; /* AWS_CONTAINER_CREDENTIALS_
					    RELATIVE_URI */
	char	*container_full_uri;	/* AWS_CONTAINER_CREDENTIALS_FULL_URI */
	char	*container_token;	/* AWS_CONTAINER_AUTHORIZATION_TOKEN;
					   wiped */
	char	*container_token_file;	/* AWS_CONTAINER_AUTHORIZATION_
					   TOKEN_FILE */
	int	 imds_disabled;		/* AWS_EC2_METADATA_DISABLED is
					   "true" (any case) */
	int	 imds_v1_disabled;	/* AWS_EC2_METADATA_V1_DISABLED or
					   profile ec2_metadata_v1_disabled
					   is "true" */
	char	*imds_endpoint;		/* AWS_EC2_METADATA_SERVICE_ENDPOINT,
					   profile ec2_metadata_service_
					   endpoint, or CONFIG_IMDS_ENDPOINT;
					   never NULL, no trailing '/' */
};

/* One run's settings.  Strings are owned and freed by config_free(). */
struct aws_config {
	char		*profile;	/* profile name; never NULL */
	const char	*profile_origin; /* static: "--profile",
					    "AWS_PROFILE" or "default" */
	char		*region;	/* e.g. "us-east-1"; NULL if unset */
	const char	*region_origin;	/* static: "--region", "AWS_REGION",
					   "AWS_DEFAULT_REGION", "profile";
					   NULL when region is */
	char		*config_file;	/* config path; NULL if no home */
	char		*credentials_file; /* credentials path; ditto */
	char		*sso_cache_dir;	/* ~/.aws/sso/cache, where the AWS CLI
					   keeps SSO tokens; NULL if no home */
	struct ini	*config;	/* parsed config; empty if absent */
	struct ini	*credentials;	/* parsed credentials; ditto */
	char		*config_section; /* the profile's section in "config"
					    ("default", "profile NAME"),
					    NULL if it has none */
	char		*ca_bundle;	/* PEM bundle path; NULL: system's */
	char		*max_attempts;	/* as written, unchecked (retry.c
					   parses it); NULL if unset */
	char		*retry_mode;	/* as written, unchecked; or NULL */
	int		 ignore_endpoint_urls; /* 1: overrides disabled */
	char		*endpoint_url[CONFIG_NSERVICES]; /* overrides; read
					   with config_endpoint_url() */
	struct config_env env;		/* for creds.c */
};

/*
 * Resolve the settings of a run.  "profile_arg" and "region_arg" are the
 * command-line values, NULL when not given.  A profile other than
 * "default" must exist in one of the two files.  Region and endpoint
 * URLs are validated (a region is [a-z0-9-]; a URL starts with http://
 * or https://, and an endpoint override may be plain http only to a
 * loopback host, as url_allowed() says).  Returns a new config, released with config_free(), or
 * NULL after warnx(3).
 */
struct aws_config	*config_load(const char *profile_arg,
			    const char *region_arg);

/* Release "cfg", wiping the secrets in it.  NULL is allowed. */
void			 config_free(struct aws_config *cfg);

/*
 * The endpoint override for "service_id" ("bedrock", "service_quotas",
 * "sts", "cloudwatch", "bedrock_runtime", "sso"), or NULL to use the regional
 * AWS endpoint.  Borrowed from "cfg".  Any other id is a bug (assert).
 */
const char		*config_endpoint_url(const struct aws_config *cfg,
			    const char *service_id);

/*
 * The value of "key" in the profile's section of the shared config file,
 * or NULL.  Borrowed from "cfg".
 */
const char		*config_profile_get(const struct aws_config *cfg,
			    const char *key);

/*
 * The value of "key" in the profile's section ("[NAME]") of the shared
 * credentials file, or NULL.  Borrowed from "cfg".
 */
const char		*config_credentials_get(const struct aws_config *cfg,
			    const char *key);

/*
 * The config-file section of profile "profile" ("default" for
 * "[default]", else "profile NAME"), or NULL when the file has none.
 * Caller frees.
 */
char			*config_profile_section(const struct aws_config *cfg,
			    const char *profile);

/*
 * Whether profile "profile" (any, not only the run's) has a section in
 * the config file ("[profile NAME]", or "[default]") or the credentials
 * file ("[NAME]").
 */
int			 config_profile_exists(const struct aws_config *cfg,
			    const char *profile);

/*
 * The non-empty value of "key" in profile "profile" (any, not only the
 * run's: source_profile chains need the others): its config-file
 * section first, then its credentials-file section; NULL when neither
 * has it.  Borrowed from "cfg".
 */
const char		*config_profile_lookup(const struct aws_config *cfg,
			    const char *profile, const char *key);

#endif /* BEDROCK_AUDIT_CONFIG_H */
