/*
 * playbook.h: which troubleshooting path of playbook.md applies to a
 * change, how urgent it is, and the facts the advice names.
 *
 * Severity measures impact: "action" when something got worse for this
 * account (access, an offered model or a quota was lost or lowered),
 * "warning" when it is worth knowing but nothing is lost yet or the
 * cause is unclear, "info" otherwise.  The path is the advice the data
 * supports; when the data cannot tell which path applies the path is
 * "info", whatever the severity.  The full rule table is at the top of
 * playbook.c.  Pure: no I/O, no clock, no globals; knows no output
 * format.
 */
#ifndef BEDROCK_AUDIT_PLAYBOOK_H
#define BEDROCK_AUDIT_PLAYBOOK_H

#include <stddef.h>
#include <time.h>

#include "change.h"
#include "status.h"
#include "usage.h"

struct snapshot;

/*
 * Why a model, quota or request is on its path: what the renderers turn
 * into words.  The rule each one comes from is in the table of
 * playbook.c.
 */
enum playbook_reason {
	PLAYBOOK_REASON_NONE,		/* nothing wrong is known */
	PLAYBOOK_REASON_NOT_AUTHORIZED,	/* P1: offered, not enabled */
	/* not authorized, but the entitlement does not say which path */
	PLAYBOOK_REASON_ACCESS_UNCLEAR,
	PLAYBOOK_REASON_ENTITLEMENT,	/* P3: greyed out */
	/*
	 * Agreement NOT_AVAILABLE or ERROR: P1 (Marketplace permissions,
	 * payment method) while the entitlement is AVAILABLE, else P3.
	 */
	PLAYBOOK_REASON_AGREEMENT,
	PLAYBOOK_REASON_AGREEMENT_PENDING, /* subscription in progress */
	PLAYBOOK_REASON_REGION_UNAVAILABLE, /* P2: not offered here */
	PLAYBOOK_REASON_UNKNOWN_VALUE,	/* a value no path names */
	PLAYBOOK_REASON_BELOW_DEFAULT,	/* applied below the AWS default */
	PLAYBOOK_REASON_REQUEST_OPEN,	/* PENDING, CASE_OPENED */
	PLAYBOOK_REASON_REQUEST_APPROVED,
	PLAYBOOK_REASON_REQUEST_DENIED,	/* P6: DENIED, NOT_APPROVED */
	/* CASE_CLOSED, INVALID_REQUEST or another value */
	PLAYBOOK_REASON_REQUEST_CLOSED,
	/* P5: ON_DEMAND left the model's inference types */
	PLAYBOOK_REASON_ON_DEMAND_DROPPED,
	/* info: default lowered, the account's own value unaffected */
	PLAYBOOK_REASON_DEFAULT_LOWERED_KEPT,
	/* P6: the quota turned non-adjustable */
	PLAYBOOK_REASON_NOW_NOT_ADJUSTABLE,
	PLAYBOOK_REASON_LEGACY,		/* LEGACY model this account uses */
	PLAYBOOK_REASON_REGION_FAILING,	/* collection failing run after run */
	/* a model this account uses reaches public extended access soon */
	PLAYBOOK_REASON_EXTENDED_ACCESS,
	/* a model this account uses reaches its end of life soon, or did */
	PLAYBOOK_REASON_END_OF_LIFE,
	/* usage evidence (usage.h): peak at or above 80% of the quota */
	PLAYBOOK_REASON_USAGE_NEAR_QUOTA,
	/* P5: throttled while usage stayed below 80% of the quota */
	PLAYBOOK_REASON_THROTTLED_BELOW_QUOTA,
	/* throttled at the quota */
	PLAYBOOK_REASON_THROTTLED_AT_QUOTA,
	PLAYBOOK_REASON__COUNT
};

/* What the playbook says about one thing: path, severity and why. */
struct playbook_verdict {
	enum change_path	 path;
	enum change_severity	 severity;
	enum playbook_reason	 reason;
};

/*
 * A model's access state as one run saw it (model in snapshot.h).
 * Strings borrowed; NULL or "" is unknown, and an unknown field adds
 * nothing to the verdict (the differ reports no change to or from it).
 */
struct playbook_model_state {
	const char	*authorization;	/* authorizationStatus */
	const char	*entitlement;	/* entitlementAvailability */
	const char	*agreement;	/* agreementAvailability.status */
	const char	*region_availability;	/* regionAvailability */
};

/*
 * The verdict on a model in state "m": each known field judged alone
 * (authorization together with the entitlement), the worst of them
 * (playbook_worse()) kept.  A model with nothing wrong is info/info with
 * PLAYBOOK_REASON_NONE.  The change classifier judges a model change by
 * calling this on the new side, so a state and the change into it from
 * a healthy one always agree.
 */
struct playbook_verdict playbook_model(const struct playbook_model_state *m);

/* A model's cell in the region x model access chart (HTML report). */
enum playbook_access {
	PLAYBOOK_ACCESS_AUTHORIZED,	/* nothing wrong is known */
	PLAYBOOK_ACCESS_NOT_AUTHORIZED,	/* offered, not enabled (P1) */
	PLAYBOOK_ACCESS_NOT_ENTITLED,	/* greyed out (P3) */
	PLAYBOOK_ACCESS_AGREEMENT,	/* agreement failed or pending */
	PLAYBOOK_ACCESS_NOT_OFFERED,	/* not in the region, or unavailable */
	PLAYBOOK_ACCESS_UNKNOWN,	/* a value no path names */
	PLAYBOOK_ACCESS__COUNT
};

/*
 * The access category of a model in state "m" (playbook_model()'s
 * reason, coarsened), or of a model the region does not list ("m"
 * NULL): PLAYBOOK_ACCESS_NOT_OFFERED.
 */
enum playbook_access playbook_access(const struct playbook_model_state *m);

/* A quota's values as one run saw it (quota in snapshot.h). */
struct playbook_quota_state {
	double	 applied;		/* valid only if has_applied */
	int	 has_applied;
	double	 default_value;		/* valid only if has_default */
	int	 has_default;
	int	 adjustable;		/* 1, 0, or -1 unknown */
};

/*
 * The verdict on a quota: applied below the default is action, on P4
 * when adjustable, P6 when not, info when unknown
 * (PLAYBOOK_REASON_BELOW_DEFAULT); anything else is info/info.
 */
struct playbook_verdict playbook_quota(const struct playbook_quota_state *q);

/*
 * The verdict on a quota's usage evidence ("f", from usage_judge()) for
 * a quota that is "adjustable" (1, 0, or -1 unknown), playbook.md
 * "Usage evidence": a peak at or above 80% of the applied value is a
 * warning on P4 (adjustable) or P6 (not), before anyone is throttled;
 * throttles at the quota are action on P4 or P6; throttles in minutes
 * whose usage stayed below 80% are action on P5 whatever the quota's
 * adjustability (the quota is not what limits).  An unknown
 * adjustability gives info where the path depends on it.  No finding is
 * info/info with PLAYBOOK_REASON_NONE.
 */
struct playbook_verdict playbook_usage(enum usage_finding f, int adjustable);

/*
 * The verdict on a quota increase request in status "status" (AWS's
 * text; NULL is unknown), the same the change classifier gives a request
 * moving to it.  Open requests are PLAYBOOK_REASON_REQUEST_OPEN.
 */
struct playbook_verdict playbook_request(const char *status);

/*
 * Whether verdict "a" is worse than "b": higher severity, or the same
 * severity and a path that blocks the other's advice (P2 before P3
 * before P1: a model not offered cannot be allowlisted, and one that
 * cannot be allowlisted cannot be enabled; P6 before P4).
 */
int		 playbook_worse(const struct playbook_verdict *a,
		    const struct playbook_verdict *b);

/* What would fix a region that failed or was not compared. */
enum playbook_fix {
	PLAYBOOK_FIX_EXPIRED,		/* refresh the credentials */
	PLAYBOOK_FIX_SIGNATURE,		/* secret key or clock */
	PLAYBOOK_FIX_KEY,		/* unknown access key */
	PLAYBOOK_FIX_THROTTLED,		/* throttled beyond the retries */
	PLAYBOOK_FIX_IAM,		/* allow the IAM action (arg) */
	PLAYBOOK_FIX_IAM_UNKNOWN,	/* allow the operation's action (arg) */
	PLAYBOOK_FIX_SERVER,		/* AWS's 5xx: try later */
	PLAYBOOK_FIX_NETWORK,		/* no reply: network, proxy, DNS */
	PLAYBOOK_FIX_NOT_COMPARED,	/* compared once both runs have it */
	/* no credentials found or obtained (RUN_STEP_CREDENTIALS) */
	PLAYBOOK_FIX_CREDENTIALS,
	PLAYBOOK_FIX_OTHER
};

/*
 * The fix for a region in "status" whose failing call "operation" (may
 * be NULL) got HTTP "http_status" (0: no reply), AWS error "code" and
 * "message" (NULL or "" when none).  Throttling is what retry.h calls
 * throttling.  Sets *arg to the IAM action or operation the fix names,
 * or NULL (borrowed: static, or "operation").
 */
enum playbook_fix playbook_region_fix(enum region_status status,
		    const char *operation, long http_status, const char *code,
		    const char *message, const char **arg);

/* What would fix a member account whose role could not be assumed. */
enum playbook_assume_fix {
	/* the role must exist and trust the caller; the caller needs
	   sts:AssumeRole on it */
	PLAYBOOK_ASSUME_TRUST,
	/* as above, and the trust policy's sts:ExternalId condition must
	   equal --external-id (STS says AccessDenied for both) */
	PLAYBOOK_ASSUME_EXTERNAL_ID,
	/* one of the two: whether an external ID was sent is not recorded */
	PLAYBOOK_ASSUME_TRUST_ANY,
	/* the caller's own credentials were refused: fix them first */
	PLAYBOOK_ASSUME_CALLER,
	/* STS is not activated in the caller's region */
	PLAYBOOK_ASSUME_REGION,
	/* no reply, throttling or 5xx: try again later */
	PLAYBOOK_ASSUME_LATER,
	PLAYBOOK_ASSUME_OTHER
};

/*
 * The fix for a failed AssumeRole into a member account: HTTP
 * "http_status" (0: no reply) and STS error "code" (NULL or "" when
 * none); "x" says whether the call sent an external ID.
 */
enum playbook_assume_fix playbook_assume_fix(long http_status,
		    const char *code, enum external_id x);

/*
 * The value a support case for quota change "c" asks for (playbook.md,
 * second edition): the largest of a denied request's desired value and
 * the account's applied value before a decrease.  Returns 1 and sets *v,
 * or 0 when the change shows neither (the draft then leaves a
 * placeholder for the reader).
 */
int		 playbook_wanted_value(const struct change *c, double *v);

/*
 * The value a P4/P6 draft for usage change "c" suggests (playbook.md,
 * "Usage evidence"): a near-quota or throttled-at-quota finding that
 * started, whose suggestion (usage_suggest() of the peak) is set.
 * Returns 1 and sets *v, or 0.  The draft labels it as a suggestion
 * derived from the peak, never as a value anyone asked for; a value
 * playbook_wanted_value() finds comes first.
 */
int		 playbook_suggested_value(const struct change *c, double *v);

/*
 * The code collect.c records for a region absent from the account's
 * enabled regions (Account ListRegions), a region it sends no call.
 */
#define PLAYBOOK_CODE_REGION_NOT_LISTED	"RegionNotEnabled"

/*
 * Whether a failed call says that the account has not enabled the
 * (opt-in) region it was sent to: the code UnrecognizedClientException
 * (what AWS answers there: "The security token included in the request
 * is invalid"), a message containing "not subscribed", or the code
 * PLAYBOOK_CODE_REGION_NOT_LISTED (the region is absent from the
 * account's enabled regions).  Only
 * meaningful for the calls of a region once STS has accepted the same
 * credentials (collect checks the identity first): otherwise the same
 * code means an unknown access key (playbook_region_fix()).
 */
int		 playbook_region_not_enabled(long http_status,
		    const char *code, const char *message);

/*
 * How telling a failed call is about what is wrong with its region,
 * higher first, so that a region's many failures are shown by the one
 * that points at the fix (not by the first to arrive):
 *   7 region not enabled (playbook_region_not_enabled())
 *   6 credentials: expired, bad signature, unknown key
 *   5 access denied (AccessDenied*, HTTP 403): an IAM action to allow
 *   4 any other error: a client error, a malformed reply, a refusal of
 *     our own (too many pages, a repeating token)
 *   3 throttled beyond the retries (retry.h's throttling)
 *   2 AWS's 5xx
 *   1 no reply: network, DNS, TLS
 *   0 the run's deadline (DeadlineExceeded), a consequence of the rest
 */
int		 playbook_failure_rank(long http_status, const char *code,
		    const char *message);

/*
 * Decide c->path and c->severity of one change from its kind, values and
 * context fields (change.h), by the rules of playbook.md.  Changes
 * nothing else.  A change of an unknown kind is info/info.
 */
void		 playbook_classify(struct change *c);

/*
 * Why change "c" (classified) is on its path: for model access changes
 * the reason of the verdict its path came from, and the reasons the
 * rule table of playbook.c names for the other rules; REQUEST_* for
 * request changes; PLAYBOOK_REASON_NONE when there is nothing to add.
 * What the renderers choose their words by.
 */
enum playbook_reason playbook_change_reason(const struct change *c);

/*
 * For a model change (model_added .. region_availability_changed), fill
 * c->alt_regions with the regions other than c->region whose snapshot
 * lists the model (c->subject) and does not mark it regionAvailability
 * NOT_AVAILABLE, and c->alt_profiles with the inference profiles whose
 * model_ids include it: those of c->region's snapshot if there are any,
 * else those of every region.  Profiles with a status other than ACTIVE
 * (or empty) are left out.  Both lists are sorted, without duplicates,
 * ','-joined, "" when empty.  "regions" (the "to" state of every region,
 * each sorted by snapshot_sort()) is only read; the old strings of "c"
 * are freed.  A model_removed change on info/info (no access here)
 * becomes P2 warning when another region lists the model AUTHORIZED.
 * For profile_removed, c->alt_profiles gets the profiles that route to a
 * model the removed one routed to (its old_value), chosen as above.
 * Other kinds are left alone.
 */
void		 playbook_context(struct change *c,
		    const struct snapshot *regions, size_t regionsz);

/*
 * The IAM action a collector operation needs, for "collection problem"
 * advice: "ListFoundationModels" -> "bedrock:ListFoundationModels",
 * "ListServiceQuotas" -> "servicequotas:ListServiceQuotas",
 * "GetCallerIdentity" -> "sts:GetCallerIdentity", "GetMetricData" ->
 * "cloudwatch:GetMetricData".  The operation name is matched exactly
 * (API spelling).  Returns a static string, or NULL if unknown or NULL.
 */
const char	*playbook_iam_action(const char *operation);

/*
 * The stable name of a reason ("not_authorized", "below_default", ...),
 * as the JSON report's "problem" shows it; NULL for one out of range.
 */
const char	*playbook_reason_name(enum playbook_reason r);

/*
 * The verdict on a model's lifecycle "lifecycle" for an account whose
 * authorization is "authorization" (AWS's text; NULL unknown): a LEGACY
 * model the account has access to is a warning on no path
 * (PLAYBOOK_REASON_LEGACY: plan a migration); anything else info/info.
 */
struct playbook_verdict playbook_lifecycle(const char *lifecycle,
		    const char *authorization);

/* The lifecycle dates ahead the playbook warns of. */
enum playbook_milestone {
	PLAYBOOK_MILESTONE_EXTENDED_ACCESS,	/* publicExtendedAccessTime */
	PLAYBOOK_MILESTONE_END_OF_LIFE,		/* endOfLifeTime */
	PLAYBOOK_MILESTONE__COUNT
};

/* The verdict on a lifecycle date, and the window it falls in. */
struct playbook_deadline {
	/* PLAYBOOK_REASON_EXTENDED_ACCESS or _END_OF_LIFE, or info/info NONE */
	struct playbook_verdict	 verdict;
	/* the window of the table in playbook.c: 90, 30, 7; 0 reached */
	int			 within_days;
};

/*
 * The verdict on a model that reaches "milestone" at "date" (UTC ISO-8601
 * as snapshot.h keeps it; NULL, "" or not a time: none), for an account
 * whose authorization is "authorization" (only AUTHORIZED is warned),
 * seen at "now": the newest run's start, never the clock, so a report of
 * the same runs is the same whenever it is written.  The windows and
 * their severities are one table in playbook.c; a date past every window
 * is info/info with PLAYBOOK_REASON_NONE.
 */
struct playbook_deadline playbook_lifecycle_date(
		    enum playbook_milestone milestone, const char *date,
		    const char *authorization, time_t now);

/*
 * Collection of a region has failed in this many runs in a row: from
 * then on it is an open problem of its own (an action on no path).
 */
#define PLAYBOOK_REGION_FAILING_RUNS	3
struct playbook_verdict playbook_region_failing(int runs_failed);

/*
 * The change whose path and severity an entry takes, among the "n" (> 0)
 * classified changes "c" of one (region, subject) over a range: the
 * highest severity (action > warning > info); among equals, the path
 * that needs a support case (P3, P6) before P4, P5, P2, P1 and info, as
 * a case covers the others' ground; among equals again, the first.
 * Returns its index.
 */
size_t		 playbook_entry(const struct change *const *c, size_t n);

#endif /* BEDROCK_AUDIT_PLAYBOOK_H */
