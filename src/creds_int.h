/*
 * creds_int.h: what the files of the credential chain share.  Internal:
 * nothing outside src/creds*.c includes it; the public API is creds.h.
 *
 * Who owns what:
 *   creds.c          the chain (source table, order, refresh), the
 *                    provider, creds_parse_document(), and the helpers
 *                    below that every source uses
 *   creds_file.c     environment keys, static keys in the shared
 *                    credentials and config files
 *   creds_assume.c   assume-role profiles: role_arn with source_profile
 *                    (chains, cycles) or credential_source
 *   creds_sts.c      STS AssumeRole (signed with the source credentials)
 *                    and web identity (AssumeRoleWithWebIdentity)
 *   creds_sso.c      IAM Identity Center: the AWS CLI's token cache and
 *                    the portal's GetRoleCredentials
 *   creds_process.c  credential_process
 *   creds_imds.c     ECS / EKS container endpoint and EC2 instance
 *                    metadata (URL and token policy, reply checks)
 *   creds_http.c     the blocking libcurl fetches of all of these
 *
 * A source function fills "c" and returns SRC_FOUND, or appends its
 * reason with creds_why() and returns SRC_ABSENT (not configured: the
 * chain goes on) or SRC_FAILED (configured but broken: the chain stops).
 */
#ifndef BEDROCK_AUDIT_CREDS_INT_H
#define BEDROCK_AUDIT_CREDS_INT_H

#include <stddef.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "creds.h"
#include "util.h"

#define SRC_FOUND	1
#define SRC_ABSENT	0
#define SRC_FAILED	(-1)

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

struct aws_config;

struct creds_provider {
	const struct aws_config	*cfg;		/* borrowed */
	struct creds		 cur;		/* valid while "have" */
	int			 have;		/* 1 once "cur" is filled */
	time_t			 retry_at;	/* after a failed refresh: none
						   before this; 0 = any time */
	int			 process_timeout_sec; /* per run, >= 1 */
	struct buf		 why;		/* reasons of this walk */
	time_t			 now;		/* time of this walk (the SSO
						   token's expiry is checked
						   against it) */
	/* creds_provider_new_role(): the one source is AssumeRole of this
	   role with the credentials of "member_source" (borrowed) */
	struct creds_provider	*member_source;
	char			*member_arn;
	char			*member_external_id;	/* secret-ish; NULL */
	/* the last STS error reply of this provider (creds_sts.c) */
	long			 sts_status;
	char			*sts_code;
	char			*sts_message;
};

/* Keys found by a source, borrowed from wherever it read them. */
struct creds_keys {
	const char	*akid;		/* access key ID */
	const char	*secret;	/* secret access key */
	const char	*token;		/* session token; NULL if none */
	time_t		 exp;		/* seconds since epoch; 0 = never */
};

/* The sources, in chain order (creds.h).  Each returns SRC_*. */
int	creds_src_env(struct creds_provider *p, struct creds *c);
int	creds_src_assume_role(struct creds_provider *p, struct creds *c);
int	creds_src_web_identity(struct creds_provider *p, struct creds *c);
int	creds_src_sso(struct creds_provider *p, struct creds *c);
int	creds_src_shared_file(struct creds_provider *p, struct creds *c);
int	creds_src_config_file(struct creds_provider *p, struct creds *c);
int	creds_src_process(struct creds_provider *p, struct creds *c);
int	creds_src_container(struct creds_provider *p, struct creds *c);
int	creds_src_imds(struct creds_provider *p, struct creds *c);
/* The member role of a creds_provider_new_role() provider (creds_assume.c). */
int	creds_src_member(struct creds_provider *p, struct creds *c);

/*
 * The same for any profile "profile" (a source_profile of an assume-role
 * chain), each SRC_ABSENT when that profile does not configure it:
 * static keys (credentials file, then config file), web identity (the
 * profile's keys only), SSO, credential_process.  creds_env_keys() is
 * step 1 without the --profile rule (credential_source = Environment).
 */
int	creds_profile_static(struct creds_provider *p, const char *profile,
	    struct creds *c);
int	creds_web_identity_of(struct creds_provider *p, const char *profile,
	    struct creds *c);
int	creds_sso_of(struct creds_provider *p, const char *profile,
	    struct creds *c);
int	creds_process_of(struct creds_provider *p, const char *profile,
	    struct creds *c);
int	creds_env_keys(struct creds_provider *p, struct creds *c);

struct aws_assume_role;

/*
 * Ask STS for the role in "a": AssumeRole signed with "src", or
 * AssumeRoleWithWebIdentity (unsigned) when "src" is NULL, on the STS
 * endpoint of the run's region (or its override).  Fills "c" with source
 * "id" and "detail" (taken over).  A NULL a->session_name becomes
 * "bedrock-audit-<time>", as the SDKs make one up.  SRC_FOUND, or
 * SRC_FAILED after a
 * reason labelled "label" (STS's error code and message included).
 */
int	creds_sts_assume(struct creds_provider *p, const char *label,
	    const struct creds *src, const struct aws_assume_role *a,
	    enum creds_source id, char *detail, struct creds *c);

/*
 * The value of integer key "key" of profile "profile" in [min, max] into
 * *out (0 when absent).  -1 after a reason.
 */
int	creds_profile_num(struct creds_provider *p, const char *profile,
	    const char *key, int min, int max, int *out);

/*
 * The token in file "path" (a regular file of at most "max" bytes),
 * trailing blanks cut; caller frees with free_secret().  NULL after a
 * reason labelled "label".
 */
char	*creds_read_token_file(struct creds_provider *p, const char *label,
	    const char *path, size_t max);

/*
 * Turn a credentials document ("doc", possibly holding secrets, not
 * wiped here) into "c", as the source does after running or fetching;
 * the IMDS one for role "role".  Each returns SRC_FOUND or SRC_FAILED.
 */
int	creds_process_doc(struct creds_provider *p, const char *profile,
	    const struct buf *doc, struct creds *c);
int	creds_sso_doc(struct creds_provider *p, const char *label,
	    const struct buf *doc, struct creds *c);
int	creds_container_doc(struct creds_provider *p, const struct buf *doc,
	    struct creds *c);
int	creds_imds_doc(struct creds_provider *p, const char *role,
	    const struct buf *doc, struct creds *c);

/* Append one reason to the provider's "why" line ("; " between). */
void	creds_why(struct creds_provider *p, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * Cut the "why" line back to "len" bytes (an earlier p->why.len): what
 * a source_profile does not configure is not worth a reason.
 */
void	creds_why_rewind(struct creds_provider *p, size_t len);

/*
 * Parse a credentials document quietly.  NULL unless "data" is a JSON
 * object without NUL bytes or "\u0000" escapes.  Free with
 * creds_free_tree().
 */
cJSON	*creds_parse_object(const char *data, size_t len);

/* Wipe every string of "root", then free it.  NULL is allowed. */
void	 creds_free_tree(cJSON *root);

/* NULL for a usable key, token or URL, else what is wrong with it. */
const char *creds_check_field(const char *s);

/* "s" unless it is NULL or empty. */
const char *creds_nonempty(const char *s);

/*
 * Check "k" and copy it into "c" with "src" and "detail" (taken over).
 * Returns SRC_FOUND, or SRC_FAILED with a reason labelled "label".
 */
int	creds_take_keys(struct creds_provider *p, const char *label,
	    const struct creds_keys *k, enum creds_source src, char *detail,
	    struct creds *c);

/*
 * The end of a walk or refresh at "now" whose source returned "rc"
 * (SRC_*) with "fresh" (taken over and zeroed): the new current
 * credentials, or NULL (or the old ones while they last) as
 * creds_provider_get() returns after provider_failed().
 */
const struct creds *creds_provider_take(struct creds_provider *p, time_t now,
	    int rc, struct creds *fresh);

/*
 * A successful STS reply ("body", "len") as credentials "c" of source
 * "id" with "detail" (taken over); "web": AssumeRoleWithWebIdentity.
 * SRC_FOUND, or SRC_FAILED after a reason labelled "label".
 */
int	creds_sts_take(struct creds_provider *p, const char *label,
	    const char *body, size_t len, int web, enum creds_source id,
	    char *detail, struct creds *c);

/*
 * Keep STS's failed reply (HTTP "status", its "code" and "message",
 * either NULL) for creds_provider_last_error(), with a reason labelled
 * "label" for operation "op".
 */
void	creds_sts_failed(struct creds_provider *p, const char *label,
	    const char *op, long status, const char *code, const char *msg);

/* An ISO-8601 expiry into *out; -1 if not one or at or before 1970. */
int	creds_parse_expiration(const char *s, time_t *out);

/*
 * Read the keys of a credentials JSON object into "k" (borrowed from
 * "root").  "token_key" names the session token member; with "strict"
 * the token and Expiration are required.  -1 after a reason.
 */
int	creds_keys_from_json(struct creds_provider *p, const cJSON *root,
	    const char *label, const char *token_key, int strict,
	    struct creds_keys *k);

#endif /* BEDROCK_AUDIT_CREDS_INT_H */
