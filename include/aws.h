/*
 * aws.h: the AWS API layer for Bedrock, Service Quotas and STS.
 *
 * Pure functions over strings and structs: endpoints are resolved from a
 * region (or an override URL), requests are built ready for the signer
 * (sigv4.h) and the HTTP engine, and replies are parsed into the plain
 * rows of snapshot.h.  Nothing here touches the network, the clock,
 * credentials or the database.
 *
 * Every reply is untrusted.  A parser returns 0, or -1 after exactly one
 * warnx(3) that names the operation and the place, e.g.
 * "ListServiceQuotas: Quotas[3].Value: not a number"; wrong types,
 * missing required fields and sizes over the AWS_MAX_* ceilings fail the
 * call, never the program.  Values of AWS enumerations are kept as the
 * text AWS sent: an unknown value is data.  A failed parse adds nothing
 * to the snapshot.
 *
 * Files: aws.c (services, endpoints, errors), aws_account.c,
 * aws_bedrock.c, aws_quotas.c, aws_sts.c, aws_cloudwatch.c (its own
 * header, aws_cloudwatch.h).
 */
#ifndef BEDROCK_AUDIT_AWS_H
#define BEDROCK_AUDIT_AWS_H

#include <stddef.h>

#include "snapshot.h"

/* Ceilings on what a reply may hold; more is an error, never cut. */
#define AWS_MAX_REPLY_ITEMS		1000	/* list elements per page */
#define AWS_MAX_LIST_ITEMS		64	/* inner lists: inference types,
						   profile models */
#define AWS_MAX_MODELS_PER_REGION	2000
#define AWS_MAX_PROFILES_PER_REGION	2000
#define AWS_MAX_QUOTAS_PER_REGION	5000	/* per list, and merged */
#define AWS_MAX_REQUESTS_PER_REGION	5000	/* quota change history */
#define AWS_MAX_FIELD_BYTES		4096	/* any one string value */
#define AWS_MAX_ID_BYTES		256	/* a row key: model, profile,
						   quota code, request ID */
#define AWS_MAX_TOKEN_BYTES		2048	/* NextToken, per the models */
#define AWS_MAX_ERROR_CODE_BYTES	128	/* aws_parse_error() code */
#define AWS_MAX_URL_BYTES		2048	/* endpoint override URL */
/*
 * Largest Value or DesiredValue accepted: 2^53, up to which a double
 * holds every integer exactly.  Not the model's 1e10: real replies carry
 * more (a tokens-per-day quota of 51,957,100,000).
 */
#define AWS_MAX_QUOTA_VALUE		9007199254740992.0
#define AWS_MAX_PERIOD_VALUE		2147483647	/* PeriodValue: int */
#define AWS_MAX_SESSION_TOKEN_BYTES	8192	/* an STS SessionToken (AWS
						   fixes no size; the signer
						   takes this much) */
#define AWS_MAX_WEB_TOKEN_BYTES		20000	/* WebIdentityToken (model) */
/* Latest timestamp accepted: 9999-12-31T23:59:59Z. */
#define AWS_MAX_EPOCH_SECONDS		253402300799LL

/* Page sizes asked for (the APIs' maximums). */
#define AWS_PROFILES_PAGE_ITEMS		1000	/* ListInferenceProfiles */
#define AWS_QUOTAS_PAGE_ITEMS		100	/* Service Quotas lists */
#define AWS_REGIONS_PAGE_ITEMS		50	/* Account ListRegions */
#define AWS_MAX_ACCOUNT_REGIONS		256	/* enabled regions, all pages */
/* The region whose endpoint serves the (global) Account API. */
#define AWS_ACCOUNT_HOME_REGION		"us-east-1"

enum aws_service {
	AWS_SVC_BEDROCK,		/* Bedrock control plane, rest-json */
	AWS_SVC_SERVICE_QUOTAS,		/* Service Quotas, awsJson1_1 */
	AWS_SVC_STS,			/* STS, awsQuery */
	AWS_SVC_SSO,			/* IAM Identity Center portal,
					   rest-json, bearer token (no
					   SigV4): portal.sso.REGION */
	AWS_SVC_ACCOUNT,		/* Account Management, rest-json,
					   global: called in
					   AWS_ACCOUNT_HOME_REGION */
	AWS_SVC_SNS,			/* Amazon SNS, awsQuery (notify) */
	AWS_SVC_EVENTS,			/* Amazon EventBridge, awsJson1_1
					   (notify) */
	AWS_SVC_CLOUDWATCH,		/* CloudWatch, awsJson1_0 (query
					   compatible): aws_cloudwatch.h */
	AWS_SVC_ORGANIZATIONS,		/* Organizations, awsJson1_1,
					   global: signed for
					   AWS_ORG_HOME_REGION */
};

/*
 * SigV4 signing name: "bedrock", "servicequotas", "sts", "account"
 * ("awsssoportal" for SSO, which is never signed).  Static.
 */
const char	*aws_service_signing_name(enum aws_service s);

/*
 * Service ID as in config keys: "bedrock", "service_quotas", "sts",
 * "sso", "account".
 */
const char	*aws_service_id(enum aws_service s);

/* regions_name_valid() (regions.h) for a NUL-terminated "region"; silent. */
int		 aws_region_valid(const char *region);

/* Where to send one service's calls for one region; owned strings. */
struct aws_endpoint {
	char	*base_url;	/* "https://bedrock.us-east-1.amazonaws.com"
				   or the override; no trailing '/' */
	char	*host;		/* Host header: host[:port] as in base_url,
				   without a default port (443, 80) */
	char	*region;	/* credential-scope region */
};

/*
 * Resolve the endpoint of service "s" in "region".  The default host is
 * {prefix}.{region}.{suffix}, with the partition's DNS suffix
 * (amazonaws.com, amazonaws.com.cn, ...).  "override_url" (from the
 * configuration; NULL or "" for none) replaces the URL but never the
 * region, which stays the credential scope.  An override must be
 * https://host[:port][/], or http:// with a loopback host only
 * (url_host_is_loopback(): 127.x.y.z, localhost, [::1]); paths,
 * queries and user info are refused.  Fills "out" (free with aws_endpoint_free()); returns 0, or
 * -1 after one warnx(3) with "out" zeroed.
 */
int		 aws_endpoint_resolve(enum aws_service s, const char *region,
		    const char *override_url, struct aws_endpoint *out);

/* Free the strings of "e" and zero it; NULL-safe. */
void		 aws_endpoint_free(struct aws_endpoint *e);

/* Everything needed to sign and send one call; owned strings. */
struct aws_request {
	enum aws_service service;
	const char	*operation;	/* static, e.g. "ListServiceQuotas" */
	char		*method;	/* "GET", "POST" */
	char		*path;		/* wire path, percent-encoded */
	char		*query;		/* wire query without '?'; "" if none */
	char		*content_type;	/* NULL for a bodiless GET */
	char		*target;	/* X-Amz-Target value, or NULL */
	int		 query_mode;	/* 1: send and sign
					   "x-amzn-query-mode: true" */
	char		*body;		/* never NULL: "" when there is none */
	size_t		 bodysz;	/* bytes in body, without the NUL */
};

/* Free the strings of "r" and zero it (not "r" itself); NULL-safe. */
void		 aws_request_free(struct aws_request *r);

/*
 * Request builders.  Each overwrites "r" (whose old strings it does not
 * free), always sets r->service and r->operation, and returns 0, or -1
 * after one warnx(3) for a bad argument (an over-long or malformed ID
 * or token); then free "r" with aws_request_free().  "next_token" is
 * NULL or "" for the first page.  Bedrock list calls ask for
 * AWS_PROFILES_PAGE_ITEMS, Service Quotas calls for AWS_QUOTAS_PAGE_ITEMS
 * with ServiceCode "bedrock".
 */
int	 aws_req_list_foundation_models(struct aws_request *r);
int	 aws_req_get_model_availability(struct aws_request *r,
	    const char *model_id);		/* ':' goes out as %3A */
int	 aws_req_list_inference_profiles(struct aws_request *r,
	    const char *type, const char *next_token);	/* type NULL: all */
int	 aws_req_list_service_quotas(struct aws_request *r,
	    const char *next_token);
int	 aws_req_list_default_quotas(struct aws_request *r,
	    const char *next_token);
int	 aws_req_list_quota_history(struct aws_request *r,
	    const char *next_token);
int	 aws_req_get_caller_identity(struct aws_request *r);

/*
 * Account ListRegions (restJson1): POST /listRegions with the body
 * {"RegionOptStatusContains": ["ENABLED", "ENABLED_BY_DEFAULT"],
 * "MaxResults": 50[, "NextToken": "..."]}: the regions the account may
 * use.  Send it in AWS_ACCOUNT_HOME_REGION.
 */
int	 aws_req_list_regions(struct aws_request *r, const char *next_token);

/* The names of the regions an account has enabled; owned strings. */
struct aws_regions {
	char	**names;
	size_t	  n;
};

/*
 * Parse one ListRegions page: append to "out" the RegionName of every
 * Regions[] element whose RegionOptStatus is ENABLED or
 * ENABLED_BY_DEFAULT (others, which the filter should not return, are
 * left out).  A RegionName that is not a region name, a name already in
 * "out", more than AWS_MAX_ACCOUNT_REGIONS in all, or a reply without
 * Regions fails the page.  "next_token" and "cause" as for the parsers
 * above; "out" is unchanged after a failure.
 */
int	 aws_parse_regions(const char *body, size_t len,
	    struct aws_regions *out, char **next_token, char **cause);

/* 1 if "region" is one of the names in "r", else 0. */
int	 aws_regions_has(const struct aws_regions *r, const char *region);

/* Free the names of "r" and zero it; NULL-safe. */
void	 aws_regions_free(struct aws_regions *r);

/*
 * Parsers of successful replies ("body" of "len" bytes, not necessarily
 * NUL-terminated).  "next_token", where present, is set to the next page's
 * token (caller frees) or NULL at the end (absent or ""); it is NULL
 * after a failure.  Rows are appended to "s" and keep its ownership
 * rules; a row whose key is already in "s" fails the call.  Each returns
 * 0, or -1 after one warnx(3) whose text, made safe for logs, is left in
 * *cause for the caller to record ("cause" may be NULL; otherwise the
 * caller starts *cause at NULL and frees it; see json.h).
 *
 * aws_parse_foundation_models: one model row per summary, with the
 * access fields (authorization ...) left NULL; the four modelLifecycle
 * dates (ISO-8601 text or epoch seconds) as UTC ISO-8601 text, NULL when
 * absent.  The reply must carry
 * modelSummaries: an absent list would otherwise read as "every model
 * vanished".
 *
 * aws_parse_model_availability: fills the four access fields of "m"
 * and agreement_message (replacing old values) after checking that the
 * reply's modelId is m->model_id.
 *
 * aws_parse_inference_profiles: one row per profile; model_ids from each
 * modelArn (".../foundation-model/<id>"), regions from the ARNs' region
 * fields, both sorted, de-duplicated and ','-joined.
 *
 * aws_parse_service_quotas: one row per quota, the value going to
 * applied_value/has_applied, or to default_value/has_default when
 * "defaults" is non-zero.  A quota without a Value (AWS may report an
 * ErrorReason instead, kept in error_code/error_message) gets has_* 0.
 * Values must lie in [0, AWS_MAX_QUOTA_VALUE].  The key is (QuotaCode,
 * QuotaAppliedAtLevel or "ACCOUNT", QuotaContext.ContextScope or "",
 * .ContextId or ""): the same code at another level or context is
 * another row, the same key twice fails the call.
 *
 * aws_parse_quota_history: one row per requested change; the epoch
 * timestamps become UTC ISO-8601 text ("" when absent); a request
 * without a DesiredValue has has_desired 0.
 */
int	 aws_parse_foundation_models(const char *body, size_t len,
	    struct snapshot *s, char **cause);
int	 aws_parse_model_availability(const char *body, size_t len,
	    struct model *m, char **cause);
int	 aws_parse_inference_profiles(const char *body, size_t len,
	    struct snapshot *s, char **next_token, char **cause);
int	 aws_parse_service_quotas(const char *body, size_t len,
	    struct snapshot *s, int defaults, char **next_token,
	    char **cause);
int	 aws_parse_quota_history(const char *body, size_t len,
	    struct snapshot *s, char **next_token, char **cause);

/*
 * After the last page of both lists: merge the rows of "defaults"
 * (filled with defaults=1) into "applied" (filled with defaults=0).  The
 * AWS default belongs to a quota code: every applied row of a code gets
 * the default of the default row with the same key, else of the code's
 * first default row; an applied-only code keeps has_default 0, and the
 * default rows of a code with no applied row become rows with has_applied
 * 0 (one value is never copied into the other).  Names, units and
 * periods missing from an applied row are taken from that default row;
 * a default row's ErrorReason is not kept (error_code is about the
 * applied value).  Sorts "applied" (snapshot_sort()).  "defaults" is
 * emptied (snapshot_free()) in every case.  Returns 0, or -1 after one
 * warnx(3) for a duplicate key in either list or too many quotas;
 * "applied" is then unchanged apart from its order.
 */
int	 aws_merge_quotas(struct snapshot *applied, struct snapshot *defaults);

/* Who the credentials belong to (STS GetCallerIdentity); owned. */
struct aws_identity {
	char	*account;	/* 12-digit account ID */
	char	*arn;		/* "arn:aws:iam::123456789012:user/x" */
	char	*user_id;	/* "AIDA..."; "" if absent */
};

/*
 * Parse the XML reply of GetCallerIdentity: <Account>, <Arn> and <UserId>
 * inside <GetCallerIdentityResult>, entity-decoded.  Fills "id" (free
 * with aws_identity_free()); returns 0, or -1 after one warnx(3) with
 * "id" zeroed.
 */
int	 aws_parse_caller_identity(const char *body, size_t len,
	    struct aws_identity *id);

/* Free the strings of "id" and zero it; NULL-safe. */
void	 aws_identity_free(struct aws_identity *id);

/*
 * STS AssumeRole and AssumeRoleWithWebIdentity (aws-apis.md 9.1): what
 * the credential chain sends.  Every pointer is borrowed.
 */
struct aws_assume_role {
	const char	*role_arn;	/* "arn:...", 20..2048 printable bytes */
	const char	*session_name;	/* [A-Za-z0-9_+=,.@-]{2,64} */
	const char	*external_id;	/* [A-Za-z0-9_+=,.@:/-]{2,1224};
					   NULL: none (AssumeRole only) */
	int		 duration_sec;	/* 900..43200; 0: STS's default */
	const char	*web_token;	/* secret: the OIDC token for
					   AssumeRoleWithWebIdentity (4..
					   AWS_MAX_WEB_TOKEN_BYTES printable
					   bytes); NULL: AssumeRole */
};

/*
 * Build AssumeRole (a->web_token NULL; to be signed with the source
 * credentials) or AssumeRoleWithWebIdentity (sent unsigned): a POST /
 * form body.  Unlike the builders above these are silent, because the
 * credential chain reports all its failures in one line: returns 0, or
 * -1 with *cause set to the reason (caller frees; never holds the
 * token).  The body of a web identity request holds the token: wipe it
 * (explicit_bzero(r->body, r->bodysz)) before aws_request_free().
 */
int	 aws_req_assume_role(struct aws_request *r,
	    const struct aws_assume_role *a, char **cause);

/* Temporary credentials from an STS reply; owned strings. */
struct aws_role_creds {
	char		*access_key_id;	/* 16..128 of [A-Za-z0-9_] */
	char		*secret_access_key; /* secret: free_secret() */
	char		*session_token;	/* secret; at most
					   AWS_MAX_SESSION_TOKEN_BYTES */
	long long	 expiration;	/* seconds since the epoch, > 0 */
	char		*arn;		/* AssumedRoleUser Arn; "" if absent */
};

/*
 * Parse the XML reply of AssumeRole ("web_identity" 0) or
 * AssumeRoleWithWebIdentity (1): <Credentials> inside <OpResult>, with
 * AccessKeyId, SecretAccessKey, SessionToken (printable ASCII without
 * blanks) and an ISO-8601 Expiration, all required.  Silent like the
 * builder: returns 0 with "rc" filled (free with aws_role_creds_free()),
 * or -1 with "rc" zeroed and *cause set (caller frees; never holds a
 * secret).
 */
int	 aws_parse_assume_role(const char *body, size_t len, int web_identity,
	    struct aws_role_creds *rc, char **cause);

/* Wipe and free the strings of "rc", then zero it; NULL-safe. */
void	 aws_role_creds_free(struct aws_role_creds *rc);

/*
 * The error code and message of a failed reply, for any of the three
 * protocols: the code from the x-amzn-ErrorType header
 * ("error_type_header", may be NULL), else from the JSON body's "__type",
 * "code" or "Code", else from the XML <Error><Code>; in each case cut at
 * the first ':' and kept after the last '#'.  The message from "message"
 * or "Message" (JSON) or <Error><Message> (XML), shortened with a
 * trailing "..." past AWS_MAX_FIELD_BYTES.  Sets *code and *message to
 * strings the caller frees, or NULL when absent or unusable.  Never
 * warns: the caller reports the failure.
 */
void	 aws_parse_error(const char *error_type_header, const char *body,
	    size_t len, char **code, char **message);

/*
 * aws_parse_error(), but the code from "query_error_header" first when
 * it holds one: the x-amzn-query-error header of an awsJson1_0
 * query-compatible service (CloudWatch), "<QueryCode>;<Sender|Receiver>"
 * ("AccessDenied;Sender" gives "AccessDenied"), the code the query
 * protocol and the SDKs name; the header and the body's "__type" are the
 * fallback (aws-apis.md section 1).  "query_error_header" may be NULL.
 */
void	 aws_parse_error_query(const char *query_error_header,
	    const char *error_type_header, const char *body, size_t len,
	    char **code, char **message);

/*
 * Notifications (notify_sns.c, notify_events.c); aws_notify.c.
 *
 * SNS Publish (awsQuery): a POST / form body with TopicArn, Subject and
 * Message, which the caller has made fit SNS's limits (notify.h).
 * Returns 0, or -1 after one warnx(3) when the request would exceed
 * AWS_MAX_NOTIFY_BODY_BYTES.
 */
#define AWS_MAX_NOTIFY_BODY_BYTES	(1024 * 1024)	/* a request we send */
int	 aws_req_sns_publish(struct aws_request *r, const char *topic_arn,
	    const char *subject, const char *message);
/*
 * The MessageId of a Publish reply (<PublishResponse><PublishResult>
 * <MessageId>), into *id (caller frees).  Silent: 0, or -1 with *cause
 * set (caller frees).
 */
int	 aws_parse_sns_publish(const char *body, size_t len, char **id,
	    char **cause);
/*
 * EventBridge PutEvents (awsJson1_1, X-Amz-Target AWSEvents.PutEvents)
 * with "body", a PutEvents input (notify_msg_events()), copied.  0, or -1
 * after one warnx(3) when it is too large.
 */
int	 aws_req_put_events(struct aws_request *r, const char *body,
	    size_t bodysz);
/*
 * A PutEvents reply: *failed = FailedEntryCount (required, 0..
 * "entries"), and when it is not 0 the ErrorCode of the first failed
 * entry in *code (caller frees; "unknown" when none is given).  HTTP 200
 * does not mean every event was accepted.  Silent (the notifier tells
 * a failure in one line): 0, or -1 with *cause set (caller frees).
 */
int	 aws_parse_put_events(const char *body, size_t len, size_t entries,
	    size_t *failed, char **code, char **cause);

/*
 * Organizations ListAccounts / ListAccountsForParent (collect --org):
 * global, called in AWS_ORG_HOME_REGION; AWS_ORG_PAGE_ITEMS per page (the
 * API's maximum is 20), every NextToken followed, even after an empty
 * page.
 */
#define AWS_ORG_HOME_REGION	"us-east-1"
#define AWS_ORG_PAGE_ITEMS	20
#define AWS_MAX_ORG_ACCOUNTS	10000	/* accounts of one organization */

/* One account of an organization. */
struct aws_org_account {
	char	 id[13];	/* 12 digits */
	char	*status;	/* State (or the older Status): ACTIVE,
				   SUSPENDED, PENDING_CLOSURE, CLOSED, ... */
	int	 active;	/* 1 when it is ACTIVE */
};

struct aws_org_accounts {
	struct aws_org_account	*v;
	size_t			 n;
};

/* Whether "id" is an OU ID ("ou-" ...) or a root ID ("r-" ...). */
int	aws_org_parent_valid(const char *id);

/*
 * Build ListAccounts, or ListAccountsForParent when "parent_id" is not
 * NULL, with the page after "next_token" (NULL: the first).  -1 with
 * *cause for a bad parent ID or token.
 */
int	aws_req_list_org_accounts(struct aws_request *r,
	    const char *parent_id, const char *next_token, char **cause);

/*
 * Append the accounts of one reply page to "out" (nothing of a page that
 * fails), and set *next_token (caller frees; NULL when none).  Every Id
 * must be 12 digits and every account have a State or Status.  Returns
 * 0, or -1 with *cause.
 */
int	aws_parse_org_accounts(const char *body, size_t len,
	    struct aws_org_accounts *out, char **next_token, char **cause);

/* Free the accounts of "a" and zero it; NULL-safe. */
void	aws_org_accounts_free(struct aws_org_accounts *a);

#endif /* BEDROCK_AUDIT_AWS_H */
