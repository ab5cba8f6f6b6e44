/*
 * creds.h: the AWS credential chain.
 *
 * Sources are tried in this order (the AWS SDKs'); the first that yields
 * keys wins:
 *   1. environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 *      AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION; set aside when the
 *      profile was named by --profile (not by AWS_PROFILE), as the SDKs
 *      drop it for an explicit profile
 *   2. assume-role: the profile's role_arn with source_profile (whose
 *      credentials are, in botocore's order, its static keys, its own
 *      role, web identity, SSO or credential_process: chains of any
 *      length up to CREDS_MAX_ROLE_CHAIN; a cycle is an error) or
 *      credential_source (Environment, Ec2InstanceMetadata,
 *      EcsContainer); external_id, role_session_name, duration_seconds;
 *      mfa_serial is refused (no one can type a code in a cron job).
 *      STS AssumeRole, signed with the source credentials, on the STS
 *      endpoint of the run's region (CREDS_STS_DEFAULT_REGION if none)
 *   3. web identity: AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN and
 *      AWS_ROLE_SESSION_NAME (each variable before its profile key), or
 *      the profile's web_identity_token_file and role_arn; unsigned
 *      AssumeRoleWithWebIdentity; the token file (a regular file of at
 *      most AWS_MAX_WEB_TOKEN_BYTES) is read again at every refresh
 *   4. SSO: the profile's sso_session ("[sso-session NAME]": sso_start_url,
 *      sso_region) or legacy sso_start_url and sso_region, with
 *      sso_account_id and sso_role_name; the token the AWS CLI cached in
 *      ~/.aws/sso/cache/<hex SHA-1 of the session name or start URL>.json
 *      (accessToken, expiresAt), then the portal's GetRoleCredentials.  A
 *      missing or expired token is an error that says to run "aws sso
 *      login --profile NAME": there is no login flow here
 *   5. shared credentials file: aws_access_key_id, aws_secret_access_key,
 *      aws_session_token in "[PROFILE]"
 *   6. shared config file: the same keys in the profile's section
 *   7. credential_process of the profile (config file, then credentials
 *      file): run with /bin/sh -c, stdout read as JSON
 *      {"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken",
 *      "Expiration"}; stderr goes to ours
 *   8. container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (fetched from
 *      http://169.254.170.2<uri>) or AWS_CONTAINER_CREDENTIALS_FULL_URI
 *      (plain http only to loopback, 169.254.170.2, 169.254.170.23 or
 *      fd00:ec2::23), with "Authorization" from
 *      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE or _TOKEN
 *   9. EC2 instance metadata (IMDSv2 token, then the instance role),
 *      unless AWS_EC2_METADATA_DISABLED is "true"
 * A source that is configured but broken (only one of the two keys set,
 * malformed output, a process exiting non-zero, an HTTP error, STS or
 * the portal refusing) ends the chain: falling through would silently
 * run as another identity.  The STS and SSO endpoints honour
 * AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_SSO and AWS_ENDPOINT_URL
 * (config.h); these fetches block, outside the concurrent engine, but
 * for the first AssumeRole of collect's member roles, which is made on
 * the engine (creds_member_request()).
 *
 * Secrets (secret key, session token, container, IMDS, web identity and
 * SSO tokens) are wiped with explicit_bzero() when replaced or freed and
 * never logged; at log level 2 the source and the first 4 characters of
 * the access key ID are.
 */
#ifndef BEDROCK_AUDIT_CREDS_H
#define BEDROCK_AUDIT_CREDS_H

#include <stddef.h>
#include <time.h>

struct aws_config;

#define CREDS_REFRESH_MARGIN_SEC	300	/* refresh this early */
#define CREDS_REFRESH_RETRY_SEC		30	/* after a failed refresh */
#define CREDS_PROCESS_TIMEOUT_SEC	60	/* one credential_process */
#define CREDS_PROCESS_MAX_BYTES		(64 * 1024) /* its stdout */
#define CREDS_MAX_FIELD_BYTES		16384	/* a key, token or date */
#define CREDS_TOKEN_FILE_MAX_BYTES	16384	/* container token file */
#define CREDS_CONTAINER_TIMEOUT_MS	2000	/* per attempt */
#define CREDS_CONTAINER_ATTEMPTS	3	/* transport errors, 5xx */
#define CREDS_CONTAINER_HOST		"169.254.170.2"
#define CREDS_IMDS_TIMEOUT_MS		1000	/* per request */
#define CREDS_IMDS_TOKEN_TTL_SEC	21600	/* IMDSv2 session token */
#define CREDS_IMDS_ROLE_MAX_BYTES	64	/* an IAM role name */
#define CREDS_STS_TIMEOUT_MS		10000	/* one STS or SSO request */
#define CREDS_STS_ATTEMPTS		3	/* transport errors, 5xx */
#define CREDS_STS_DEFAULT_REGION	"us-east-1" /* when none is set */
#define CREDS_MAX_ROLE_CHAIN		16	/* assume-role profiles in
						   one source_profile chain */
#define CREDS_SSO_CACHE_MAX_BYTES	(64 * 1024) /* one token cache file */

enum creds_source {
	CREDS_SOURCE_ENV,		/* environment variables */
	CREDS_SOURCE_ASSUME_ROLE,	/* STS AssumeRole for a profile */
	CREDS_SOURCE_WEB_IDENTITY,	/* STS AssumeRoleWithWebIdentity */
	CREDS_SOURCE_SSO,		/* IAM Identity Center portal */
	CREDS_SOURCE_SHARED_FILE,	/* shared credentials file */
	CREDS_SOURCE_CONFIG_FILE,	/* static keys in the config file */
	CREDS_SOURCE_PROCESS,		/* credential_process */
	CREDS_SOURCE_CONTAINER,		/* ECS / EKS container endpoint */
	CREDS_SOURCE_IMDS		/* EC2 instance metadata */
};

/* A set of credentials.  Strings are printable ASCII without blanks. */
struct creds {
	char		*access_key_id;	/* "AKIA...", "ASIA..." */
	char		*secret_access_key; /* secret */
	char		*session_token;	/* secret; NULL if none */
	time_t		 expiration;	/* seconds since epoch, UTC;
					   0 = never */
	enum creds_source source;	/* where they came from */
	char		*source_detail;	/* e.g. "profile prod in
					   /home/x/.aws/credentials";
					   never secret */
};

struct creds_provider;			/* opaque: chain plus current creds */

/*
 * A provider for the settings in "cfg", which is borrowed and must
 * outlive it.  Nothing is fetched until creds_provider_get().  Never
 * returns NULL.  Release with creds_provider_free().
 */
struct creds_provider	*creds_provider_new(const struct aws_config *cfg);

/*
 * Current credentials at time "now" (seconds since epoch).  The first
 * call walks the chain; later calls return the same credentials until
 * they expire within CREDS_REFRESH_MARGIN_SEC, then ask the same source
 * again.  If that refresh fails while the current ones are still valid,
 * they are returned after a warning and the refresh is retried no
 * sooner than CREDS_REFRESH_RETRY_SEC later.  Borrowed until the next
 * call or creds_provider_free().  Returns NULL after one warnx(3) naming
 * every source tried and why each failed, e.g. "no credentials:
 * environment: AWS_ACCESS_KEY_ID not set; profile default: not in
 * /home/x/.aws/credentials; ...; IMDS: disabled by
 * AWS_EC2_METADATA_DISABLED".
 */
const struct creds	*creds_provider_get(struct creds_provider *p,
			    time_t now);

/*
 * A provider whose one source is the role "role_arn" (a member account's
 * role, collect --accounts): STS AssumeRole with role session name
 * CREDS_MEMBER_SESSION_NAME and "external_id" (NULL: none), signed with
 * the current credentials of "source" (borrowed; it must outlive this
 * one), on the STS endpoint of "cfg" (borrowed).  Refreshed like any
 * other.  Never returns NULL.
 */
#define CREDS_MEMBER_SESSION_NAME	"bedrock-audit"
struct creds_provider	*creds_provider_new_role(const struct aws_config *cfg,
			    struct creds_provider *source,
			    const char *role_arn, const char *external_id);

/*
 * A member role assumed on the caller's engine instead of by a blocking
 * fetch (collect prepares its accounts at once: session_prepare_members()).
 * creds_member_request() builds the AssumeRole request of provider "p"
 * (a creds_provider_new_role() one) into "req" (free with
 * aws_request_free()), to be signed with the credentials of its source
 * on the STS endpoint of its configuration; -1 with the reason in
 * creds_provider_why().  creds_member_reply() takes the outcome "o" at
 * time "now" as the first walk of "p" would: on success creds_provider_get()
 * returns the role's credentials (and refreshes them later by itself);
 * on failure STS's reply is kept for creds_provider_last_error() and the
 * reason for creds_provider_why().  Returns 0 or -1.
 */
struct aws_request;
struct creds_member_outcome {
	long		 status;	/* HTTP status; 0: no reply */
	const char	*code;		/* STS's or the transport's error code;
					   NULL when none */
	const char	*message;	/* its message; NULL when none */
	const char	*body;		/* status 200: the reply (secret) */
	size_t		 bodysz;
};
int			 creds_member_request(struct creds_provider *p,
			    struct aws_request *req);
int			 creds_member_reply(struct creds_provider *p,
			    time_t now, const struct creds_member_outcome *o);

/*
 * The reasons of the provider's last failed walk (as in the warning of
 * creds_provider_get(), which a creds_provider_new_role() provider does
 * not give: its caller reports the failure); borrowed, "" if none.
 */
const char		*creds_provider_why(const struct creds_provider *p);

/*
 * After a failed creds_provider_get(): the last STS error reply this
 * provider had (HTTP status, code and message as STS sent them, all
 * borrowed; 0, NULL, NULL when there was none, e.g. no reply).
 */
void			 creds_provider_last_error(
			    const struct creds_provider *p, long *http_status,
			    const char **code, const char **message);

/*
 * Limit each credential_process run to "seconds" (default
 * CREDS_PROCESS_TIMEOUT_SEC), e.g. to fit a caller's deadline.  No
 * command sets it yet; check_creds uses it to test the timeout in a
 * second instead of a minute.
 */
void			 creds_provider_set_process_timeout(
			    struct creds_provider *p, int seconds);

/*
 * The URL the container source would fetch under "cfg", or NULL when
 * neither container variable is set or the URL is not allowed; then
 * *why (if not NULL) says which, as a static string.  Caller frees.
 */
char			*creds_container_url(const struct aws_config *cfg,
			    const char **why);

/*
 * Check "len" bytes of "doc" as the credentials document of source "src"
 * (CREDS_SOURCE_PROCESS: credential_process output, CREDS_SOURCE_CONTAINER
 * or CREDS_SOURCE_IMDS: an endpoint's reply, CREDS_SOURCE_SSO: the
 * portal's GetRoleCredentials reply), exactly as that source does
 * after running or fetching, which is not done here: for tests and
 * fuzzing.  Returns 0 with "c" filled (release with creds_clear()), or -1
 * with "c" zeroed and *why_not set to the reason (caller frees).  Never
 * warns.
 */
int			 creds_parse_document(enum creds_source src,
			    const char *doc, size_t len, struct creds *c,
			    char **why_not);

/* Wipe and free the strings of "c", then zero it. */
void			 creds_clear(struct creds *c);

/* Stable name of "s": "environment", "shared-credentials-file", ... */
const char		*creds_source_name(enum creds_source s);

/* Release "p", wiping every secret it holds.  NULL is allowed. */
void			 creds_provider_free(struct creds_provider *p);

#endif /* BEDROCK_AUDIT_CREDS_H */
