/*
 * playbook.c: map a change to its path and severity (playbook.md).
 * See playbook.h.
 *
 * Rule table.  "Q" is the quota path the data supports: P4 when the
 * quota is adjustable now, P6 when it is not, info when adjustability is
 * unknown (adjustable -1).  "below": the new applied value is set and
 * lower than the new default.  Last column: the playbook.md section the
 * rule comes from ("Info" = Informational, "Facts" = Observable facts,
 * for a value the playbook names no path for).
 *
 *  #  kind: condition                            path sev     section
 *  1  model_added                                info info    Info
 *  2  model_removed, old authorization
 *     AUTHORIZED (access in this region)         P2   action  P2 trigger 1
 *  2a model_removed otherwise; playbook_context()
 *     raises it to P2 warning when the model is
 *     AUTHORIZED in another collected region      info info    2nd ed. (P2)
 *  3  model_lifecycle_changed to ACTIVE          info info    Info
 *  4  model_lifecycle_changed to LEGACY, other   info warning Info (LEGACY)
 * 4a  model_lifecycle_date_changed: legacy,
 *     extended access or end of life earlier     info warning Info (LEGACY)
 * 4b  model_lifecycle_date_changed otherwise     info info    Info
 *  5  model_inference_types_changed, ON_DEMAND
 *     dropped                                    P5   action  P5 trigger 2
 *  6  model_inference_types_changed otherwise    info info    Info
 *  7  access_granted                             info info    Info
 *  8  access_lost to NOT_AUTHORIZED while the
 *     entitlement is AVAILABLE                   P1   action  P1 (causes)
 *  9  access_lost, entitlement NOT_AVAILABLE or
 *     ERROR                                      P3   action  P3 (greyed out)
 * 10  access_lost otherwise: no path the data
 *     supports (entitlement or status unknown)   info action  Facts
 * 11  entitlement_changed to NOT_AVAILABLE, ERROR P3  action  P3 (greyed out)
 * 12  entitlement_changed to AVAILABLE           info info    Info
 * 13  entitlement_changed to another value       info warning Facts
 * 14  agreement_changed to NOT_AVAILABLE, ERROR,
 *     entitlement AVAILABLE                      P1   action  2nd ed. (agr.)
 * 14a agreement_changed to NOT_AVAILABLE, ERROR,
 *     entitlement not AVAILABLE or unknown       P3   action  P3 (agreement)
 * 15  agreement_changed to PENDING               info warning P3 (see below)
 * 16  agreement_changed to AVAILABLE             info info    Info
 * 17  agreement_changed to another value         info warning Facts
 * 18  region_availability_changed to
 *     NOT_AVAILABLE                              P2   action  P2 trigger 2
 * 19  region_availability_changed to AVAILABLE   info info    Info
 * 20  region_availability_changed to other       info warning Facts
 * 21  quota_added, below                         Q    warning P4/P6 (below)
 * 22  quota_added otherwise                      info info    Info
 * 23  quota_removed                              info warning Facts
 * 24  quota_default_changed lowered, applied
 *     followed or unset (not unknown) on both
 *     sides                                      Q    action  P4/P6 (lowered)
 * 25  quota_default_changed lowered, applied set
 *     and did not follow, now below the default  Q    warning P4/P6 (below)
 * 25a quota_default_changed lowered, the
 *     account's own applied value kept and not
 *     below: "your value is unaffected"          info info    2nd ed. (default)
 * 26  quota_default_changed raised, applied did
 *     not follow and is now below                Q    warning P4/P6 (below)
 * 27  quota_default_changed otherwise            info info    Info
 * 28  quota_value_changed lowered                Q    action  P4/P6 (decrease)
 * 29  quota_value_changed raised                 info info    Info (increase)
 * 30  quota_value_changed set -> not set         info warning Facts
 * 31  quota_value_changed not set -> set, below  Q    warning P4/P6 (below)
 * 32  quota_value_changed not set -> set, else   info info    Info
 * 33  quota_adjustable_changed to false, applied
 *     lowered in the same diff, or below         P6   action  P6
 * 34  quota_adjustable_changed to false, else    P6   warning 2nd ed. (adj.)
 * 35  quota_adjustable_changed to true, below    P4   warning P4 (below)
 * 36  quota_adjustable_changed to true, else     info info    Info
 * 37  quota_request_* to DENIED, NOT_APPROVED    P6   action  P6 (denied)
 * 38  quota_request_* to APPROVED, PENDING,
 *     CASE_OPENED                                info info    Info
 * 39  quota_request_* to CASE_CLOSED,
 *     INVALID_REQUEST or another value           info warning Facts
 * 40  profile_added                              info info    Info
 * 41  profile_removed                            info warning 2nd ed. (profile)
 * 41a usage_near_quota started                  Q    warning Usage evidence
 * 41b throttled_at_quota started                Q    action  Usage evidence
 * 41c throttled_below_quota started             P5   action  Usage evidence
 * 41d any usage finding ended                   info info    Info
 *
 * States only (open problems, not changes), of a model this account has
 * access to (authorization AUTHORIZED), seen at the newest run's start:
 * 42  lifecycle LEGACY                           info warning Info (LEGACY)
 * 43  a lifecycle date within a window of the
 *     lifecycle_windows table below              info (table) Info (LEGACY)
 *
 * Why: severity is impact (playbook.h); "2nd ed." is playbook.md's
 * "Changes (second edition)", which wins where it differs.  2/2a: a model
 * leaving a region costs the account something only where it had access;
 * where it never had any it is news, not loss.  Only the regions' newest
 * states are known to playbook_context(), so 2a is raised there (a
 * removal stored by collect keeps info/info).  4a: less time to plan the
 * migration the LEGACY warning asks for; a later date or a new start of
 * life takes nothing away.  14: with the entitlement AVAILABLE a failed
 * agreement is not an entitlement problem: the Marketplace permissions
 * and payment method come first, a case (P3) only if they do not help,
 * which the advice says.  15: P3 names only NOT_AVAILABLE and ERROR;
 * PENDING is a Marketplace subscription in progress, and if it ends badly
 * rule 14 fires.  24/25/25a: a lowered default hits the account only when
 * its applied value moved too or no applied value is set (then the
 * default is what applies); an override the account keeps is untouched.
 * An applied value AWS could not report (ErrorReason, applied_unknown) is
 * unknown, not unset, so the default is not known to apply; no rule reads
 * "lowered" or "below" from it, as the numbers are unset.  29 over 21's
 * logic: a raise is good news even while still below the default.  34:
 * from now on only AWS Support can raise the quota, but nothing was lost
 * yet.  41: calls through the profile's ID fail; the advice names what
 * still works.  43: at the end of life calls to the model fail, so its
 * last week and any day after it are an action; public extended access
 * only raises the price (aws-apis.md 9.5), a warning however near, and
 * once reached the LEGACY problem (42) shows its date instead.
 *
 * Reasons.  playbook_change_reason() names why a change is on its path
 * for the renderers: the model rules give the verdict's reason, rule 5
 * PLAYBOOK_REASON_ON_DEMAND_DROPPED, rule 25a
 * PLAYBOOK_REASON_DEFAULT_LOWERED_KEPT, rules 33/34
 * PLAYBOOK_REASON_NOW_NOT_ADJUSTABLE.
 *
 * States.  Rules 8-20 are written once, as the verdict on a model's
 * state (playbook_model()): each known field alone, authorization and
 * the agreement with the entitlement, the worst kept.  A model change is
 * the verdict on the state holding its new value (and the entitlement it
 * carries); a change for the worse is then judged on the model's whole
 * state now, so the status view and the change report agree.  A quota
 * state is rule 21's "below" on action severity: below the default is
 * what a lowered value (rule 28) leads to.  A request's status is rules
 * 37-39.  An unknown field (NULL or "") judges nothing: the differ
 * reports no change to or from it.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "playbook.h"
#include "retry.h"
#include "snapshot.h"
#include "util.h"

static int
eq(const char *a, const char *b)
{
	return strcmp(str_or_empty(a), b) == 0;
}

/* Whether the ','-joined "list" holds the element "tok". */
static int
has_token(const char *list, const char *tok)
{
	const char	*p = str_or_empty(list), *e;
	size_t		 n = strlen(tok);

	for (;; p = e + 1) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == n && strncmp(p, tok, n) == 0)
			return 1;
		if (*e == '\0')
			return 0;
	}
}

static void
set(struct change *c, enum change_path path, enum change_severity sev)
{
	c->path = path;
	c->severity = sev;
}

/* --- models --- */

static const struct playbook_verdict verdict_ok = {
	PATH_INFO, SEVERITY_INFO, PLAYBOOK_REASON_NONE };

static struct playbook_verdict
verdict(enum change_path p, enum change_severity sev,
    enum playbook_reason why)
{
	struct playbook_verdict	v = { p, sev, why };

	return v;
}

/* Higher is worse at equal severity: the path that blocks the others. */
static int
path_rank(enum change_path p)
{
	static const int rank[PATH__COUNT] = { [PATH_INFO] = 0,
	    [PATH_P5] = 1, [PATH_P4] = 2, [PATH_P6] = 3, [PATH_P1] = 4,
	    [PATH_P3] = 5, [PATH_P2] = 6 };

	return (unsigned)p < PATH__COUNT ? rank[p] : 0;
}

int
playbook_worse(const struct playbook_verdict *a,
    const struct playbook_verdict *b)
{
	if (a->severity != b->severity)
		return a->severity > b->severity;
	return path_rank(a->path) > path_rank(b->path);
}

static struct playbook_verdict judge_availability(const char *,
		    enum change_path, enum playbook_reason);

/* Rules 8-10: authorization, with the entitlement the path depends on. */
static struct playbook_verdict
judge_authorization(const char *auth, const char *ent)
{
	if (*str_or_empty(auth) == '\0' || eq(auth, "AUTHORIZED"))
		return verdict_ok;
	if (eq(ent, "NOT_AVAILABLE") || eq(ent, "ERROR"))
		return verdict(PATH_P3, SEVERITY_ACTION,
		    PLAYBOOK_REASON_ENTITLEMENT);
	if (eq(ent, "AVAILABLE") && eq(auth, "NOT_AUTHORIZED"))
		return verdict(PATH_P1, SEVERITY_ACTION,
		    PLAYBOOK_REASON_NOT_AUTHORIZED);
	return verdict(PATH_INFO, SEVERITY_ACTION,
	    PLAYBOOK_REASON_ACCESS_UNCLEAR);
}

/*
 * Rules 14/14a: a failed agreement (NOT_AVAILABLE, ERROR) while the
 * entitlement is AVAILABLE is one of P1's causes; otherwise P3.
 */
static struct playbook_verdict
judge_agreement(const char *agr, const char *ent)
{
	if ((eq(agr, "NOT_AVAILABLE") || eq(agr, "ERROR")) &&
	    eq(ent, "AVAILABLE"))
		return verdict(PATH_P1, SEVERITY_ACTION,
		    PLAYBOOK_REASON_AGREEMENT);
	return judge_availability(agr, PATH_P3, PLAYBOOK_REASON_AGREEMENT);
}

/* Rules 11-20: an availability field; "bad" is NOT_AVAILABLE's path. */
static struct playbook_verdict
judge_availability(const char *v, enum change_path bad,
    enum playbook_reason why)
{
	if (*str_or_empty(v) == '\0' || eq(v, "AVAILABLE"))
		return verdict_ok;
	if (eq(v, "NOT_AVAILABLE") || (bad == PATH_P3 && eq(v, "ERROR")))
		return verdict(bad, SEVERITY_ACTION, why);
	if (why == PLAYBOOK_REASON_AGREEMENT && eq(v, "PENDING"))
		return verdict(PATH_INFO, SEVERITY_WARNING,
		    PLAYBOOK_REASON_AGREEMENT_PENDING);
	return verdict(PATH_INFO, SEVERITY_WARNING,
	    PLAYBOOK_REASON_UNKNOWN_VALUE);
}

static void
keep_worst(struct playbook_verdict *v, struct playbook_verdict f)
{
	if (playbook_worse(&f, v))
		*v = f;
}

struct playbook_verdict
playbook_model(const struct playbook_model_state *m)
{
	struct playbook_verdict	v = verdict_ok;

	/*
	 * Causes before symptoms: at equal rank the first verdict stays,
	 * so a greyed-out entitlement or a failed agreement is named
	 * rather than the NOT_AUTHORIZED it leads to.
	 */
	keep_worst(&v, judge_availability(m->entitlement, PATH_P3,
	    PLAYBOOK_REASON_ENTITLEMENT));
	keep_worst(&v, judge_agreement(m->agreement, m->entitlement));
	keep_worst(&v, judge_authorization(m->authorization, m->entitlement));
	keep_worst(&v, judge_availability(m->region_availability, PATH_P2,
	    PLAYBOOK_REASON_REGION_UNAVAILABLE));
	return v;
}

enum playbook_access
playbook_access(const struct playbook_model_state *m)
{
	if (m == NULL)
		return PLAYBOOK_ACCESS_NOT_OFFERED;
	switch (playbook_model(m).reason) {
	case PLAYBOOK_REASON_NONE:
		return PLAYBOOK_ACCESS_AUTHORIZED;
	case PLAYBOOK_REASON_NOT_AUTHORIZED:
	case PLAYBOOK_REASON_ACCESS_UNCLEAR:
		return PLAYBOOK_ACCESS_NOT_AUTHORIZED;
	case PLAYBOOK_REASON_ENTITLEMENT:
		return PLAYBOOK_ACCESS_NOT_ENTITLED;
	case PLAYBOOK_REASON_AGREEMENT:
	case PLAYBOOK_REASON_AGREEMENT_PENDING:
		return PLAYBOOK_ACCESS_AGREEMENT;
	case PLAYBOOK_REASON_REGION_UNAVAILABLE:
		return PLAYBOOK_ACCESS_NOT_OFFERED;
	default:
		return PLAYBOOK_ACCESS_UNKNOWN;
	}
}

/*
 * The verdict on the whole state of the model now: the changed field's
 * new value ("changed") over the rest of the state the differ carried.
 * So revoking access while the agreement is NOT_AVAILABLE is P3 here as
 * in the status view, not P1.  Changes loaded from the store carry only
 * the entitlement: their path was decided, and stored, at collection.
 */
static struct playbook_verdict
model_state_now(const struct change *c,
    const struct playbook_model_state *changed)
{
	struct playbook_model_state	m;

	m.authorization = changed->authorization != NULL ?
	    changed->authorization : c->authorization;
	m.entitlement = changed->entitlement != NULL ?
	    changed->entitlement : c->entitlement;
	m.agreement = changed->agreement != NULL ? changed->agreement :
	    c->agreement;
	m.region_availability = changed->region_availability != NULL ?
	    changed->region_availability : c->region_availability;
	return playbook_model(&m);
}

/* Rules 8-20: the verdict on the state holding the change's new value. */
static struct playbook_verdict
model_change_verdict(const struct change *c)
{
	struct playbook_model_state	m = { NULL, NULL, NULL, NULL };
	struct playbook_verdict		v;

	switch (c->kind) {
	case CHANGE_ACCESS_LOST:
		m.authorization = c->new_value;
		m.entitlement = c->entitlement;
		break;
	case CHANGE_ENTITLEMENT_CHANGED:
		m.entitlement = c->new_value;
		break;
	case CHANGE_AGREEMENT_CHANGED:
		m.agreement = c->new_value;
		m.entitlement = c->entitlement;
		break;
	default:	/* CHANGE_REGION_AVAILABILITY_CHANGED */
		m.region_availability = c->new_value;
		break;
	}
	v = playbook_model(&m);
	/* The whole state holds the changed field too: never better. */
	if (v.severity != SEVERITY_INFO)
		v = model_state_now(c, &m);
	return v;
}

/* Rule 5: ON_DEMAND in the old inference types and not in the new. */
static int
on_demand_dropped(const struct change *c)
{
	return has_token(c->old_value, "ON_DEMAND") &&
	    !has_token(c->new_value, "ON_DEMAND");
}

/*
 * Rules 4a-4b.  The values are UTC ISO-8601 text of one format, so
 * strcmp() orders them in time.
 */
static void
classify_lifecycle_date(struct change *c)
{
	int	ends = eq(c->field, "legacy_time") ||
		    eq(c->field, "public_extended_access_time") ||
		    eq(c->field, "end_of_life_time");

	if (ends && strcmp(str_or_empty(c->new_value),
	    str_or_empty(c->old_value)) < 0)
		set(c, PATH_INFO, SEVERITY_WARNING);
	else
		set(c, PATH_INFO, SEVERITY_INFO);
}

static void
classify_model(struct change *c)
{
	struct playbook_verdict	v;

	switch (c->kind) {
	case CHANGE_MODEL_REMOVED:
		/* old_value: the authorization it had here (rules 2/2a) */
		if (eq(c->old_value, "AUTHORIZED"))
			set(c, PATH_P2, SEVERITY_ACTION);
		else
			set(c, PATH_INFO, SEVERITY_INFO);
		break;
	case CHANGE_MODEL_LIFECYCLE_CHANGED:
		set(c, PATH_INFO, eq(c->new_value, "ACTIVE") ? SEVERITY_INFO :
		    SEVERITY_WARNING);
		break;
	case CHANGE_MODEL_LIFECYCLE_DATE_CHANGED:
		classify_lifecycle_date(c);
		break;
	case CHANGE_MODEL_INFERENCE_TYPES_CHANGED:
		if (on_demand_dropped(c))
			set(c, PATH_P5, SEVERITY_ACTION);
		else
			set(c, PATH_INFO, SEVERITY_INFO);
		break;
	case CHANGE_ACCESS_LOST:
	case CHANGE_ENTITLEMENT_CHANGED:
	case CHANGE_AGREEMENT_CHANGED:
	case CHANGE_REGION_AVAILABILITY_CHANGED:
		v = model_change_verdict(c);
		set(c, v.path, v.severity);
		break;
	default:	/* model_added, access_granted */
		set(c, PATH_INFO, SEVERITY_INFO);
		break;
	}
}

/* --- quotas --- */

/* The path for a quota too low: P4 adjustable, P6 not, info unknown. */
static enum change_path
quota_fix_path(int adjustable)
{
	return adjustable == 1 ? PATH_P4 : adjustable == 0 ? PATH_P6 :
	    PATH_INFO;
}

static void
quota_path(struct change *c, enum change_severity sev)
{
	set(c, quota_fix_path(c->adjustable), sev);
}

/*
 * The status view reads only quotas with applied < default from the
 * store (STORE_LOAD_QUOTAS_BELOW, view.c): a rule that flags any other
 * quota must change that too (check_view.c tests they agree).
 */
struct playbook_verdict
playbook_quota(const struct playbook_quota_state *q)
{
	if (q->has_applied && q->has_default && q->applied < q->default_value)
		return verdict(quota_fix_path(q->adjustable),
		    SEVERITY_ACTION, PLAYBOOK_REASON_BELOW_DEFAULT);
	return verdict_ok;
}

struct playbook_verdict
playbook_usage(enum usage_finding f, int adjustable)
{
	switch (f) {
	case USAGE_FINDING_NEAR_QUOTA:
		return verdict(quota_fix_path(adjustable), SEVERITY_WARNING,
		    PLAYBOOK_REASON_USAGE_NEAR_QUOTA);
	case USAGE_FINDING_THROTTLED_AT:
		return verdict(quota_fix_path(adjustable), SEVERITY_ACTION,
		    PLAYBOOK_REASON_THROTTLED_AT_QUOTA);
	case USAGE_FINDING_THROTTLED_BELOW:
		return verdict(PATH_P5, SEVERITY_ACTION,
		    PLAYBOOK_REASON_THROTTLED_BELOW_QUOTA);
	case USAGE_FINDING_NONE:
		break;
	}
	return verdict_ok;
}

/* New applied value set and below the new default. */
static int
quota_below(const struct change *c)
{
	return change_num_less(&c->new_applied_num, &c->new_default_num);
}

/* Applied value set on both sides and lowered. */
static int
quota_lowered(const struct change *c)
{
	return change_num_less(&c->new_applied_num, &c->old_applied_num);
}

/*
 * Rule 25a: the default was lowered while the account's own applied
 * value stayed put and is not below the new default.
 */
static int
default_lowered_kept(const struct change *c)
{
	return c->kind == CHANGE_QUOTA_DEFAULT_CHANGED &&
	    change_num_less(&c->new_num, &c->old_num) &&
	    !c->applied_followed && c->new_applied_num.set && !quota_below(c);
}

/* Rules 24-27. */
static void
classify_default(struct change *c)
{
	int	lowered = change_num_less(&c->new_num, &c->old_num);

	if (!c->old_num.set || !c->new_num.set || c->old_num.v == c->new_num.v)
		set(c, PATH_INFO, SEVERITY_INFO);
	else if (lowered && (c->applied_followed || (!c->applied_unknown &&
	    !c->old_applied_num.set && !c->new_applied_num.set)))
		quota_path(c, SEVERITY_ACTION);
	else if (default_lowered_kept(c))
		set(c, PATH_INFO, SEVERITY_INFO);
	else if (lowered)
		quota_path(c, SEVERITY_WARNING);
	else if (!c->applied_followed && quota_below(c))
		quota_path(c, SEVERITY_WARNING);
	else
		set(c, PATH_INFO, SEVERITY_INFO);
}

/* Rules 28-32. */
static void
classify_value(struct change *c)
{
	int	has_o = c->old_num.set, has_n = c->new_num.set;

	if (change_num_less(&c->new_num, &c->old_num))
		quota_path(c, SEVERITY_ACTION);
	else if (has_o && !has_n)
		set(c, PATH_INFO, SEVERITY_WARNING);
	else if (!has_o && has_n && quota_below(c))
		quota_path(c, SEVERITY_WARNING);
	else
		set(c, PATH_INFO, SEVERITY_INFO);
}

/* Rules 33-36. */
static void
classify_adjustable(struct change *c)
{
	if (c->adjustable == 0 && (quota_lowered(c) || quota_below(c)))
		set(c, PATH_P6, SEVERITY_ACTION);
	else if (c->adjustable == 0)
		set(c, PATH_P6, SEVERITY_WARNING);
	else if (c->adjustable == 1 && quota_below(c))
		set(c, PATH_P4, SEVERITY_WARNING);
	else
		set(c, PATH_INFO, SEVERITY_INFO);
}

/* The finding a usage change started; NONE when it ended. */
static enum usage_finding
usage_started(const struct change *c)
{
	if (!change_kind_is_usage(c->kind) ||
	    !eq(c->new_value, change_usage_value(c->kind)))
		return USAGE_FINDING_NONE;
	switch (c->kind) {
	case CHANGE_USAGE_NEAR_QUOTA:
		return USAGE_FINDING_NEAR_QUOTA;
	case CHANGE_THROTTLED_BELOW_QUOTA:
		return USAGE_FINDING_THROTTLED_BELOW;
	case CHANGE_THROTTLED_AT_QUOTA:
		return USAGE_FINDING_THROTTLED_AT;
	default:
		return USAGE_FINDING_NONE;
	}
}

static void
classify_quota(struct change *c)
{
	struct playbook_verdict	v;

	if (change_kind_is_usage(c->kind)) {	/* rules 41a-41d */
		v = playbook_usage(usage_started(c), c->adjustable);
		set(c, v.path, v.severity);
		return;
	}
	switch (c->kind) {
	case CHANGE_QUOTA_ADDED:
		if (quota_below(c))
			quota_path(c, SEVERITY_WARNING);
		else
			set(c, PATH_INFO, SEVERITY_INFO);
		break;
	case CHANGE_QUOTA_REMOVED:
		set(c, PATH_INFO, SEVERITY_WARNING);
		break;
	case CHANGE_QUOTA_DEFAULT_CHANGED:
		classify_default(c);
		break;
	case CHANGE_QUOTA_VALUE_CHANGED:
		classify_value(c);
		break;
	default:	/* CHANGE_QUOTA_ADJUSTABLE_CHANGED */
		classify_adjustable(c);
		break;
	}
}

/* Rules 37-39. */
struct playbook_verdict
playbook_request(const char *status)
{
	if (eq(status, "DENIED") || eq(status, "NOT_APPROVED"))
		return verdict(PATH_P6, SEVERITY_ACTION,
		    PLAYBOOK_REASON_REQUEST_DENIED);
	if (eq(status, "APPROVED"))
		return verdict(PATH_INFO, SEVERITY_INFO,
		    PLAYBOOK_REASON_REQUEST_APPROVED);
	if (eq(status, "PENDING") || eq(status, "CASE_OPENED"))
		return verdict(PATH_INFO, SEVERITY_INFO,
		    PLAYBOOK_REASON_REQUEST_OPEN);
	return verdict(PATH_INFO, SEVERITY_WARNING,
	    PLAYBOOK_REASON_REQUEST_CLOSED);
}

/* A request change is the verdict on its new status. */
static void
classify_request(struct change *c)
{
	struct playbook_verdict	v = playbook_request(c->new_value);

	set(c, v.path, v.severity);
}

void
playbook_classify(struct change *c)
{
	switch (change_subject(c->kind)) {
	case CHANGE_SUBJECT_MODEL:
		classify_model(c);
		break;
	case CHANGE_SUBJECT_QUOTA:
		classify_quota(c);
		break;
	case CHANGE_SUBJECT_REQUEST:
		classify_request(c);
		break;
	case CHANGE_SUBJECT_PROFILE:
		set(c, PATH_INFO, c->kind == CHANGE_PROFILE_REMOVED ?
		    SEVERITY_WARNING : SEVERITY_INFO);
		break;
	case CHANGE_SUBJECT_UNKNOWN:
		set(c, PATH_INFO, SEVERITY_INFO);
		break;
	}
}

enum playbook_reason
playbook_change_reason(const struct change *c)
{
	switch (c->kind) {
	case CHANGE_MODEL_REMOVED:
		return PLAYBOOK_REASON_REGION_UNAVAILABLE;
	case CHANGE_MODEL_INFERENCE_TYPES_CHANGED:
		return on_demand_dropped(c) ?
		    PLAYBOOK_REASON_ON_DEMAND_DROPPED : PLAYBOOK_REASON_NONE;
	case CHANGE_ACCESS_LOST:
	case CHANGE_ENTITLEMENT_CHANGED:
	case CHANGE_AGREEMENT_CHANGED:
	case CHANGE_REGION_AVAILABILITY_CHANGED:
		return model_change_verdict(c).reason;
	case CHANGE_QUOTA_DEFAULT_CHANGED:
		return default_lowered_kept(c) ?
		    PLAYBOOK_REASON_DEFAULT_LOWERED_KEPT : PLAYBOOK_REASON_NONE;
	case CHANGE_QUOTA_ADJUSTABLE_CHANGED:
		return c->adjustable == 0 ?
		    PLAYBOOK_REASON_NOW_NOT_ADJUSTABLE : PLAYBOOK_REASON_NONE;
	case CHANGE_QUOTA_REQUEST_CREATED:
	case CHANGE_QUOTA_REQUEST_STATUS_CHANGED:
		return playbook_request(c->new_value).reason;
	case CHANGE_USAGE_NEAR_QUOTA:
	case CHANGE_THROTTLED_BELOW_QUOTA:
	case CHANGE_THROTTLED_AT_QUOTA:
		return playbook_usage(usage_started(c), c->adjustable).reason;
	default:
		return PLAYBOOK_REASON_NONE;
	}
}

/* --- advice context --- */

/* A list of borrowed strings, joined sorted and unique at the end. */
struct strvec {
	const char	**v;		/* borrowed strings */
	size_t		  len;
	size_t		  cap;
};

static void
strvec_add(struct strvec *sv, const char *s)
{
	if (sv->len == sv->cap) {
		sv->cap = sv->cap == 0 ? 8 : sv->cap * 2;
		sv->v = xreallocarray(sv->v, sv->cap, sizeof(*sv->v));
	}
	sv->v[sv->len++] = s;
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sort, drop duplicates, join with ','; frees the vector.  Caller frees. */
static char *
strvec_join(struct strvec *sv)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	if (sv->len > 1)
		qsort(sv->v, sv->len, sizeof(*sv->v), strp_cmp);
	for (i = 0; i < sv->len; i++) {
		if (i > 0 && strcmp(sv->v[i - 1], sv->v[i]) == 0)
			continue;
		if (b.len > 0)
			buf_addch(&b, ',');
		buf_addstr(&b, sv->v[i]);
	}
	free(sv->v);
	sv->v = NULL;
	sv->len = sv->cap = 0;
	return buf_detach(&b);
}

/*
 * Whether profile "p" routes to "model_id": an element of model_ids is
 * the ID itself or a foundation-model ARN ending in "/" and the ID.
 */
static int
profile_routes(const struct profile *p, const char *model_id)
{
	const char	*s = str_or_empty(p->model_ids), *e;
	size_t		 n = strlen(model_id), len;

	if (!eq(p->status, "") && !eq(p->status, "ACTIVE"))
		return 0;
	for (;; s = e + 1) {
		if ((e = strchr(s, ',')) == NULL)
			e = s + strlen(s);
		len = (size_t)(e - s);
		if (len >= n && strncmp(e - n, model_id, n) == 0 &&
		    (len == n || *(e - n - 1) == '/'))
			return 1;
		if (*e == '\0')
			return 0;
	}
}

static void
add_profiles(struct strvec *sv, const struct snapshot *s,
    const char *model_id)
{
	size_t	i;

	for (i = 0; i < s->profilesz; i++)
		if (profile_routes(&s->profiles[i], model_id))
			strvec_add(sv, str_or_empty(s->profiles[i].profile_id));
}

/* Profiles of the change's own region first; any region's otherwise. */
static char *
context_profiles(const struct change *c, const struct snapshot *regions,
    size_t regionsz)
{
	struct strvec	sv = { NULL, 0, 0 };
	size_t		i;

	const char	*model = change_kind_is_usage(c->kind) ?
	    str_or_empty(c->usage_model) : c->subject;

	for (i = 0; i < regionsz; i++)
		if (eq(regions[i].region, str_or_empty(c->region)))
			add_profiles(&sv, &regions[i], model);
	for (i = 0; sv.len == 0 && i < regionsz; i++)
		add_profiles(&sv, &regions[i], model);
	return strvec_join(&sv);
}

/* Whether any region but the change's lists the model as AUTHORIZED. */
static int
authorized_elsewhere(const struct change *c, const struct snapshot *regions,
    size_t regionsz)
{
	const struct model	*m;
	size_t			 i;

	for (i = 0; i < regionsz; i++) {
		if (eq(regions[i].region, str_or_empty(c->region)))
			continue;
		m = snapshot_find_model(&regions[i], str_or_empty(c->subject));
		if (m != NULL && eq(m->authorization, "AUTHORIZED"))
			return 1;
	}
	return 0;
}

/*
 * A removed profile: the profiles that route to one of the models it
 * routed to (its old_value: IDs or ARNs), those of the change's region
 * if there are any, else those of every region.  Caller frees.
 */
static char *
context_profile_alts(const struct change *c, const struct snapshot *regions,
    size_t regionsz)
{
	struct strvec	 home = { NULL, 0, 0 }, any = { NULL, 0, 0 };
	struct buf	 id = BUF_INIT;
	const char	*p, *e, *start;
	char		*h, *a;
	size_t		 i;

	for (p = str_or_empty(c->old_value); *p != '\0';
	    p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		for (start = e; start > p && start[-1] != '/'; start--)
			;
		buf_reset(&id);
		buf_add(&id, start, (size_t)(e - start));
		for (i = 0; id.len > 0 && i < regionsz; i++) {
			add_profiles(&any, &regions[i], id.data);
			if (eq(regions[i].region, str_or_empty(c->region)))
				add_profiles(&home, &regions[i], id.data);
		}
	}
	buf_free(&id);
	h = strvec_join(&home);
	a = strvec_join(&any);
	if (*h != '\0') {
		free(a);
		return h;
	}
	free(h);
	return a;
}

void
playbook_context(struct change *c, const struct snapshot *regions,
    size_t regionsz)
{
	struct strvec		 sv = { NULL, 0, 0 };
	const struct model	*m;
	size_t			 i;

	if (c->kind == CHANGE_PROFILE_REMOVED) {
		free(c->alt_profiles);
		c->alt_profiles = context_profile_alts(c, regions, regionsz);
		return;
	}
	if (c->kind == CHANGE_THROTTLED_BELOW_QUOTA) {
		/* P5's first fix: a profile that includes the series' model */
		free(c->alt_profiles);
		c->alt_profiles = context_profiles(c, regions, regionsz);
		return;
	}
	if (change_subject(c->kind) != CHANGE_SUBJECT_MODEL)
		return;
	for (i = 0; i < regionsz; i++) {
		if (eq(regions[i].region, str_or_empty(c->region)) ||
		    regions[i].modelsz == 0)
			continue;
		m = snapshot_find_model(&regions[i], str_or_empty(c->subject));
		if (m != NULL && !eq(m->region_availability, "NOT_AVAILABLE"))
			strvec_add(&sv, str_or_empty(regions[i].region));
	}
	free(c->alt_regions);
	c->alt_regions = strvec_join(&sv);
	free(c->alt_profiles);
	c->alt_profiles = context_profiles(c, regions, regionsz);
	/* Rule 2a: access elsewhere makes the removal worth a warning. */
	if (c->kind == CHANGE_MODEL_REMOVED && c->severity == SEVERITY_INFO &&
	    authorized_elsewhere(c, regions, regionsz))
		set(c, PATH_P2, SEVERITY_WARNING);
}

/* --- collection problems --- */

static const struct {
	const char	*operation;	/* API operation name */
	const char	*action;	/* IAM action it needs */
} iam_actions[] = {
	{ "CreateFoundationModelAgreement",
	    "bedrock:CreateFoundationModelAgreement" },
	{ "GetFoundationModel", "bedrock:GetFoundationModel" },
	{ "GetFoundationModelAvailability",
	    "bedrock:GetFoundationModelAvailability" },
	{ "GetInferenceProfile", "bedrock:GetInferenceProfile" },
	{ "GetUseCaseForModelAccess", "bedrock:GetUseCaseForModelAccess" },
	{ "ListFoundationModelAgreementOffers",
	    "bedrock:ListFoundationModelAgreementOffers" },
	{ "ListFoundationModels", "bedrock:ListFoundationModels" },
	{ "ListInferenceProfiles", "bedrock:ListInferenceProfiles" },
	{ "GetAWSDefaultServiceQuota",
	    "servicequotas:GetAWSDefaultServiceQuota" },
	{ "GetRequestedServiceQuotaChange",
	    "servicequotas:GetRequestedServiceQuotaChange" },
	{ "GetServiceQuota", "servicequotas:GetServiceQuota" },
	{ "ListMetrics", "cloudwatch:ListMetrics" },
	{ "ListAccounts", "organizations:ListAccounts" },
	{ "ListAccountsForParent", "organizations:ListAccountsForParent" },
	{ "GetMetricData", "cloudwatch:GetMetricData" },
	{ "ListAWSDefaultServiceQuotas",
	    "servicequotas:ListAWSDefaultServiceQuotas" },
	{ "ListRequestedServiceQuotaChangeHistory",
	    "servicequotas:ListRequestedServiceQuotaChangeHistory" },
	{ "ListRequestedServiceQuotaChangeHistoryByQuota",
	    "servicequotas:ListRequestedServiceQuotaChangeHistoryByQuota" },
	{ "ListServiceQuotas", "servicequotas:ListServiceQuotas" },
	{ "RequestServiceQuotaIncrease",
	    "servicequotas:RequestServiceQuotaIncrease" },
	{ "GetMetricData", "cloudwatch:GetMetricData" },
	{ "GetMetricStatistics", "cloudwatch:GetMetricStatistics" },
	{ "ListMetrics", "cloudwatch:ListMetrics" },
	{ "AssumeRole", "sts:AssumeRole" },
	{ "AssumeRoleWithWebIdentity", "sts:AssumeRoleWithWebIdentity" },
	/* AWS says GetCallerIdentity needs no permission; named anyway. */
	{ "GetCallerIdentity", "sts:GetCallerIdentity" },
	/* Optional: without it, the error-based rule decides alone. */
	{ "ListRegions", "account:ListRegions" },
};

const char *
playbook_iam_action(const char *operation)
{
	size_t	i;

	if (operation == NULL)
		return NULL;
	for (i = 0; i < sizeof(iam_actions) / sizeof(iam_actions[0]); i++)
		if (strcmp(iam_actions[i].operation, operation) == 0)
			return iam_actions[i].action;
	return NULL;
}

/* Does AWS error code "code" name "want", with or without "Exception"? */
static int
code_is(const char *code, const char *want)
{
	size_t	n = strlen(want);

	return strncmp(code, want, n) == 0 &&
	    (code[n] == '\0' || strcmp(code + n, "Exception") == 0);
}

static int
code_in(const char *code, const char *const *set)
{
	for (; *set != NULL; set++)
		if (code_is(code, *set))
			return 1;
	return 0;
}

enum playbook_fix
playbook_region_fix(enum region_status status, const char *operation,
    long http_status, const char *code, const char *message,
    const char **arg)
{
	static const char *const expired[] = { "ExpiredToken",
	    "RequestExpired", "TokenRefreshRequired", NULL };
	static const char *const sig[] = { "InvalidSignature",
	    "SignatureDoesNotMatch", "IncompleteSignature",
	    "RequestTimeTooSkewed", NULL };
	static const char *const key[] = { "UnrecognizedClient",
	    "InvalidClientTokenId", "MissingAuthenticationToken", NULL };

	code = str_or_empty(code);
	*arg = NULL;
	/* The chain's own reason says where it looked and what to run. */
	if (operation != NULL && strcmp(operation, RUN_STEP_CREDENTIALS) == 0)
		return PLAYBOOK_FIX_CREDENTIALS;
	if (code_in(code, expired))
		return PLAYBOOK_FIX_EXPIRED;
	if (code_in(code, sig))
		return PLAYBOOK_FIX_SIGNATURE;
	if (code_in(code, key))
		return PLAYBOOK_FIX_KEY;
	if (retry_classify(http_status, code, RETRY_TRANSPORT_OK) ==
	    RETRY_KIND_THROTTLING)
		return PLAYBOOK_FIX_THROTTLED;
	if (code_is(code, "AccessDenied") || http_status == 403) {
		if ((*arg = playbook_iam_action(operation)) != NULL)
			return PLAYBOOK_FIX_IAM;
		*arg = operation;
		return PLAYBOOK_FIX_IAM_UNKNOWN;
	}
	if (http_status >= 500)
		return PLAYBOOK_FIX_SERVER;
	if (http_status == 0 &&
	    (*code != '\0' || *str_or_empty(message) != '\0'))
		return PLAYBOOK_FIX_NETWORK;
	if (status == REGION_STATUS_NOT_COMPARED && *code == '\0' &&
	    http_status == 0)
		return PLAYBOOK_FIX_NOT_COMPARED;
	return PLAYBOOK_FIX_OTHER;
}

/*
 * A member account's role (issue #12): STS answers AccessDenied alike
 * for a role that does not exist, one that does not trust the caller,
 * a caller without sts:AssumeRole and a wrong external ID, so the fix
 * names all that apply, the external ID when one was sent.
 */
enum playbook_assume_fix
playbook_assume_fix(long http_status, const char *code, enum external_id x)
{
	static const char *const caller[] = { "ExpiredToken",
	    "InvalidClientTokenId", "SignatureDoesNotMatch",
	    "IncompleteSignature", "UnrecognizedClient", NULL };

	code = str_or_empty(code);
	if (code_in(code, caller))
		return PLAYBOOK_ASSUME_CALLER;
	if (code_is(code, "RegionDisabledException"))
		return PLAYBOOK_ASSUME_REGION;
	if (code_is(code, "AccessDenied") || http_status == 403)
		return x == EXTERNAL_ID_SENT ? PLAYBOOK_ASSUME_EXTERNAL_ID :
		    x == EXTERNAL_ID_NONE ? PLAYBOOK_ASSUME_TRUST :
		    PLAYBOOK_ASSUME_TRUST_ANY;
	if (http_status == 0 || http_status >= 500 ||
	    retry_classify(http_status, code, RETRY_TRANSPORT_OK) ==
	    RETRY_KIND_THROTTLING)
		return PLAYBOOK_ASSUME_LATER;
	return PLAYBOOK_ASSUME_OTHER;
}

/* --- open problems and entries (report structure, issue #10) --- */

const char *
playbook_reason_name(enum playbook_reason r)
{
	static const char *const names[PLAYBOOK_REASON__COUNT] = {
		[PLAYBOOK_REASON_NONE] = "none",
		[PLAYBOOK_REASON_NOT_AUTHORIZED] = "not_authorized",
		[PLAYBOOK_REASON_ACCESS_UNCLEAR] = "access_unclear",
		[PLAYBOOK_REASON_ENTITLEMENT] = "entitlement",
		[PLAYBOOK_REASON_AGREEMENT] = "agreement",
		[PLAYBOOK_REASON_AGREEMENT_PENDING] = "agreement_pending",
		[PLAYBOOK_REASON_REGION_UNAVAILABLE] = "region_unavailable",
		[PLAYBOOK_REASON_UNKNOWN_VALUE] = "unknown_value",
		[PLAYBOOK_REASON_BELOW_DEFAULT] = "below_default",
		[PLAYBOOK_REASON_REQUEST_OPEN] = "request_open",
		[PLAYBOOK_REASON_REQUEST_APPROVED] = "request_approved",
		[PLAYBOOK_REASON_REQUEST_DENIED] = "request_denied",
		[PLAYBOOK_REASON_REQUEST_CLOSED] = "request_closed",
		[PLAYBOOK_REASON_ON_DEMAND_DROPPED] = "on_demand_dropped",
		[PLAYBOOK_REASON_DEFAULT_LOWERED_KEPT] = "default_lowered_kept",
		[PLAYBOOK_REASON_NOW_NOT_ADJUSTABLE] = "now_not_adjustable",
		[PLAYBOOK_REASON_LEGACY] = "legacy",
		[PLAYBOOK_REASON_REGION_FAILING] = "region_failing",
		[PLAYBOOK_REASON_EXTENDED_ACCESS] = "extended_access",
		[PLAYBOOK_REASON_END_OF_LIFE] = "end_of_life",
		[PLAYBOOK_REASON_USAGE_NEAR_QUOTA] = "usage_near_quota",
		[PLAYBOOK_REASON_THROTTLED_BELOW_QUOTA] =
		    "throttled_below_quota",
		[PLAYBOOK_REASON_THROTTLED_AT_QUOTA] = "throttled_at_quota",
	};

	return (unsigned)r < PLAYBOOK_REASON__COUNT ? names[r] : NULL;
}

/* Rule 42: only a model still in use needs a migration plan. */
struct playbook_verdict
playbook_lifecycle(const char *lifecycle, const char *authorization)
{
	if (eq(lifecycle, "LEGACY") && eq(authorization, "AUTHORIZED"))
		return verdict(PATH_INFO, SEVERITY_WARNING,
		    PLAYBOOK_REASON_LEGACY);
	return verdict_ok;
}

/*
 * Rule 43: the windows before a lifecycle date in which a model this
 * account uses is an open problem, and how loud each is.  A row matches a
 * date at most "days" days after the newest run's start, and after it
 * ("days" > 0), or a date reached ("days" 0: at or before the start).
 * The first matching row of the date's milestone wins, so rows go
 * nearest first.
 */
static const struct lifecycle_window {
	enum playbook_milestone	 milestone;
	int			 days;
	enum change_severity	 severity;
} lifecycle_windows[] = {
	{ PLAYBOOK_MILESTONE_END_OF_LIFE,	0,	SEVERITY_ACTION },
	{ PLAYBOOK_MILESTONE_END_OF_LIFE,	7,	SEVERITY_ACTION },
	{ PLAYBOOK_MILESTONE_END_OF_LIFE,	30,	SEVERITY_WARNING },
	{ PLAYBOOK_MILESTONE_END_OF_LIFE,	90,	SEVERITY_WARNING },
	{ PLAYBOOK_MILESTONE_EXTENDED_ACCESS,	7,	SEVERITY_WARNING },
	{ PLAYBOOK_MILESTONE_EXTENDED_ACCESS,	30,	SEVERITY_WARNING },
	{ PLAYBOOK_MILESTONE_EXTENDED_ACCESS,	90,	SEVERITY_WARNING },
};

#define PLAYBOOK_DAY_SECONDS	86400LL

struct playbook_deadline
playbook_lifecycle_date(enum playbook_milestone milestone, const char *date,
    const char *authorization, time_t now)
{
	static const enum playbook_reason why[PLAYBOOK_MILESTONE__COUNT] = {
		[PLAYBOOK_MILESTONE_EXTENDED_ACCESS] =
		    PLAYBOOK_REASON_EXTENDED_ACCESS,
		[PLAYBOOK_MILESTONE_END_OF_LIFE] = PLAYBOOK_REASON_END_OF_LIFE,
	};
	struct playbook_deadline	 d = { verdict_ok, 0 };
	const struct lifecycle_window	*w;
	long long			 ahead;
	time_t				 t;
	size_t				 i;

	if (!eq(authorization, "AUTHORIZED") || date == NULL ||
	    util_parse_iso8601(date, &t) == -1)
		return d;
	ahead = (long long)t - (long long)now;
	for (i = 0; i < sizeof(lifecycle_windows) /
	    sizeof(lifecycle_windows[0]); i++) {
		w = &lifecycle_windows[i];
		if (w->milestone != milestone ||
		    (w->days == 0 ? ahead > 0 : ahead <= 0 ||
		    ahead > w->days * PLAYBOOK_DAY_SECONDS))
			continue;
		d.verdict = verdict(PATH_INFO, w->severity, why[milestone]);
		d.within_days = w->days;
		break;
	}
	return d;
}

/*
 * Collection problems (playbook.md): one failed run is reported with
 * its fix every day; a region that keeps failing is also monitoring that
 * has silently stopped, an action whatever the cause.
 */
struct playbook_verdict
playbook_region_failing(int runs_failed)
{
	if (runs_failed >= PLAYBOOK_REGION_FAILING_RUNS)
		return verdict(PATH_INFO, SEVERITY_ACTION,
		    PLAYBOOK_REASON_REGION_FAILING);
	return verdict_ok;
}

/* Lower is stronger among equal severities (playbook.md, second ed.). */
static int
entry_rank(enum change_path p)
{
	static const int rank[PATH__COUNT] = { [PATH_P3] = 0, [PATH_P6] = 1,
	    [PATH_P4] = 2, [PATH_P5] = 3, [PATH_P2] = 4, [PATH_P1] = 5,
	    [PATH_INFO] = 6 };

	return (unsigned)p < PATH__COUNT ? rank[p] : PATH__COUNT;
}

size_t
playbook_entry(const struct change *const *c, size_t n)
{
	size_t	i, best = 0;

	assert(n > 0);
	for (i = 1; i < n; i++) {
		if (c[i]->severity != c[best]->severity) {
			if (c[i]->severity > c[best]->severity)
				best = i;
			continue;
		}
		if (entry_rank(c[i]->path) < entry_rank(c[best]->path))
			best = i;
	}
	return best;
}

int
playbook_wanted_value(const struct change *c, double *v)
{
	int	found = 0;

	if (change_subject(c->kind) == CHANGE_SUBJECT_QUOTA &&
	    change_num_less(&c->new_applied_num, &c->old_applied_num)) {
		*v = c->old_applied_num.v;
		found = 1;
	}
	if (c->desired_num.set && (!found || c->desired_num.v > *v)) {
		*v = c->desired_num.v;
		found = 1;
	}
	return found;
}

int
playbook_suggested_value(const struct change *c, double *v)
{
	enum usage_finding	f = usage_started(c);

	if (!c->usage.set || !(c->usage.suggested > 0) ||
	    (f != USAGE_FINDING_NEAR_QUOTA && f != USAGE_FINDING_THROTTLED_AT))
		return 0;
	*v = c->usage.suggested;
	return 1;
}

int
playbook_region_not_enabled(long http_status, const char *code,
    const char *message)
{
	(void)http_status;
	return code_is(str_or_empty(code), PLAYBOOK_CODE_REGION_NOT_LISTED) ||
	    code_is(str_or_empty(code), "UnrecognizedClient") ||
	    strstr(str_or_empty(message), "not subscribed") != NULL;
}

int
playbook_failure_rank(long http_status, const char *code,
    const char *message)
{
	const char	*arg;

	if (playbook_region_not_enabled(http_status, code, message))
		return 7;
	if (code != NULL && strcmp(code, "DeadlineExceeded") == 0)
		return 0;
	switch (playbook_region_fix(REGION_STATUS_FAILED, NULL, http_status,
	    code, message, &arg)) {
	case PLAYBOOK_FIX_EXPIRED:
	case PLAYBOOK_FIX_SIGNATURE:
	case PLAYBOOK_FIX_KEY:
		return 6;
	case PLAYBOOK_FIX_IAM:
	case PLAYBOOK_FIX_IAM_UNKNOWN:
		return 5;
	case PLAYBOOK_FIX_THROTTLED:
		return 3;
	case PLAYBOOK_FIX_SERVER:
		return 2;
	case PLAYBOOK_FIX_NETWORK:
		return 1;
	default:
		return 4;
	}
}
