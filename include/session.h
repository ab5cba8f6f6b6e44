/*
 * session.h: the AWS side of a network command (collect, whoami): the
 * configuration of a profile, its credential chain and one client with
 * the command's concurrency, and the STS call that says whose
 * credentials they are.
 */
#ifndef BEDROCK_AUDIT_SESSION_H
#define BEDROCK_AUDIT_SESSION_H

#include <stddef.h>

#include "aws.h"

struct aws_config;
struct aws_identity;
struct aws_regions;
struct client;
struct creds_provider;

/*
 * Why session_identity() or session_org_accounts() failed, for the
 * run's record (run_failure):
 * the step (RUN_STEP_CREDENTIALS, status.h, when no credentials could be
 * found or obtained, else the call), the reply's HTTP status (0: none), its
 * error code and message, or the credential chain's own reason.
 */
struct session_failure {
	char			 step[32];	/* "" when nothing failed */
	long			 http_status;
	char			 code[128];
	/*
	 * owned, NULL until set; whole (the chain's reason names what to
	 * run last): the store is what bounds it
	 */
	char			*message;
};

/* An open session; every pointer is owned and freed by session_close(). */
struct session {
	struct aws_config	*cfg;		/* the profile's settings */
	struct creds_provider	*cp;		/* its credential chain */
	struct client		*client;	/* signs and sends requests */
	const char		*home_region;	/* STS region; borrowed */
	int			 cfg_borrowed;	/* session_open_role(): the
						   caller's cfg, not freed */
	struct session_failure	 failed;	/* session_identity() -1 */
};

/*
 * Load the configuration for --profile/--region ("profile", "region",
 * either NULL), set up the credential chain and a client allowing
 * "concurrency" requests in flight (0: the per-endpoint cap for every
 * service and region, HTTP_IN_FLIGHT_PER_ENDPOINT).  Returns 0, or -1
 * after warnx(3) with "s" zeroed.
 */
int	session_open(struct session *s, const char *profile,
	    const char *region, int concurrency);

/*
 * A session for member account "account" (collect --accounts, --org):
 * the caller's configuration (borrowed, as is "caller", which must
 * outlive "s"), the credentials of role "role_arn" assumed with the
 * caller's credentials (creds_provider_new_role(): "external_id" NULL for
 * none), and a client on the caller's engine whose endpoints are keyed
 * by the account (client_new_member()): its caps and throttling are its
 * own, the engine and its global cap shared.  Nothing is fetched yet:
 * session_identity() or session_prepare_members() assumes the role.
 * Close it before the caller.
 */
void	session_open_role(struct session *s, struct session *caller,
	    const char *account, const char *role_arn,
	    const char *external_id);

/* Release what session_open() set up and zero "s"; safe on a zeroed one. */
void	session_close(struct session *s);

/*
 * STS GetCallerIdentity in the home region into *id (zeroed first; free
 * with aws_identity_free() either way), after fetching the credentials,
 * so that a broken chain fails here with its one warning.  Returns 0,
 * or -1 after warnx(3) with the reason in s->failed.
 */
int	session_identity(struct session *s, struct aws_identity *id);

/*
 * Account ListRegions (aws.h), every page, in AWS_ACCOUNT_HOME_REGION:
 * the regions the account has enabled, into "out" (zeroed first; free
 * with aws_regions_free()).  Waits at most one request timeout, and not
 * past "deadline_ms" (util_now_ms() clock, 0: none).  Silent, since many
 * accounts do not grant account:ListRegions: returns 0, or -1 with "out"
 * empty and *why set to the reason (caller frees).
 */
int	session_enabled_regions(struct session *s, long long deadline_ms,
	    struct aws_regions *out, char **why);

/*
 * A member account to prepare (session_prepare_members()): its session
 * opened by the caller with session_open_role(), and what the
 * preparation found.  The caller frees id (aws_identity_free()), enabled
 * (aws_regions_free()) and regions_why, and closes s.
 */
struct session_member {
	const char		*account;	/* the ID asked for; borrowed */
	struct session		 s;		/* session_open_role()'s */
	int			 assumed;	/* 1: the role was assumed; 0:
						   creds_provider_last_error()
						   and _why() of s.cp say why */
	int			 identified;	/* 1: GetCallerIdentity said
						   whose they are, in id */
	struct aws_identity	 id;
	/* ListRegions, asked only when id.account is "account": the
	   enabled regions, or (names NULL) unknown and why */
	struct aws_regions	 enabled;
	char			*regions_why;	/* NULL: known, not asked */
};

/*
 * Prepare the "n" members of "v" at once on the caller's engine: for
 * each, AssumeRole with the caller's credentials (creds_member_request()),
 * then GetCallerIdentity with the role's, then Account ListRegions when
 * the credentials are the account's; a member's steps follow one
 * another, the members go side by side under the engine's caps.  Waits
 * until every step has ended, at most "deadline_ms" (util_now_ms() clock,
 * 0: none).  A failed GetCallerIdentity is warned about, as by
 * session_identity(); the rest is left in "v" for the caller to judge.
 * Returns 0, or -1 when the engine failed.
 */
int	session_prepare_members(struct session *caller,
	    struct session_member *v, size_t n, long long deadline_ms);

/*
 * Organizations ListAccounts, or ListAccountsForParent of "parent_id" (an
 * OU or root ID; NULL for every account), every page, appended to "out"
 * (free with aws_org_accounts_free()).  Waits until "deadline_ms"
 * (util_now_ms() clock, 0: none).  Returns 0, or -1 with *why set to the
 * reason (caller frees; it holds AWS's code and message, unescaped) and
 * the failed call in s->failed.
 */
struct aws_org_accounts;
int	session_org_accounts(struct session *s, const char *parent_id,
	    long long deadline_ms, struct aws_org_accounts *out, char **why);

#endif /* BEDROCK_AUDIT_SESSION_H */
