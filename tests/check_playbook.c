/*
 * check_playbook.c: path and severity rules, advice context, IAM names.
 *
 * The rule rows follow the numbered table at the top of src/playbook.c;
 * the "never" rows are changes whose data cannot support the path a
 * careless rule would give them.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "playbook.h"
#include "snapshot.h"
#include "util.h"
#include "helper_check.h"

static void
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v != NULL ? v : "");
}

/* --- classification --- */

static const struct rule_row {
	const char	*label;
	enum change_kind kind;
	const char	*oldv, *newv;
	const char	*old_applied, *new_applied, *new_default;
	int		 adjustable, followed;
	const char	*entitlement;
	enum change_path path;
	enum change_severity sev;
} rule_rows[] = {
#define A	SEVERITY_ACTION
#define W	SEVERITY_WARNING
#define I	SEVERITY_INFO
#define MODEL(kind, o, n, ent)	(kind), (o), (n), "", "", "", -1, 0, (ent)
	{ "1 model added", MODEL(CHANGE_MODEL_ADDED, "", "NOT_AUTHORIZED",
	    "AVAILABLE"), PATH_INFO, I },
	{ "2 model removed, access here", MODEL(CHANGE_MODEL_REMOVED,
	    "AUTHORIZED", "", ""), PATH_P2, A },
	{ "2a never action: removed, no access here",
	    MODEL(CHANGE_MODEL_REMOVED, "NOT_AUTHORIZED", "", ""),
	    PATH_INFO, I },
	{ "2a never action: removed, access unknown",
	    MODEL(CHANGE_MODEL_REMOVED, "", "", ""), PATH_INFO, I },
	{ "3 lifecycle to ACTIVE", MODEL(CHANGE_MODEL_LIFECYCLE_CHANGED,
	    "LEGACY", "ACTIVE", "AVAILABLE"), PATH_INFO, I },
	{ "4 lifecycle to LEGACY", MODEL(CHANGE_MODEL_LIFECYCLE_CHANGED,
	    "ACTIVE", "LEGACY", "AVAILABLE"), PATH_INFO, W },
	{ "4 lifecycle to unknown", MODEL(CHANGE_MODEL_LIFECYCLE_CHANGED,
	    "ACTIVE", "RETIRING", "AVAILABLE"), PATH_INFO, W },
	{ "5 ON_DEMAND dropped", MODEL(CHANGE_MODEL_INFERENCE_TYPES_CHANGED,
	    "ON_DEMAND,PROVISIONED", "INFERENCE_PROFILE,PROVISIONED",
	    "AVAILABLE"), PATH_P5, A },
	{ "5 ON_DEMAND dropped to none",
	    MODEL(CHANGE_MODEL_INFERENCE_TYPES_CHANGED, "ON_DEMAND", "",
	    "AVAILABLE"), PATH_P5, A },
	{ "6 ON_DEMAND added", MODEL(CHANGE_MODEL_INFERENCE_TYPES_CHANGED,
	    "PROVISIONED", "ON_DEMAND,PROVISIONED", "AVAILABLE"),
	    PATH_INFO, I },
	{ "6 never P5: ON_DEMAND kept",
	    MODEL(CHANGE_MODEL_INFERENCE_TYPES_CHANGED,
	    "INFERENCE_PROFILE,ON_DEMAND", "ON_DEMAND", "AVAILABLE"),
	    PATH_INFO, I },
	{ "6 never P5: token is not ON_DEMAND",
	    MODEL(CHANGE_MODEL_INFERENCE_TYPES_CHANGED, "ON_DEMAND_BATCH",
	    "PROVISIONED", "AVAILABLE"), PATH_INFO, I },
	{ "7 access granted", MODEL(CHANGE_ACCESS_GRANTED, "NOT_AUTHORIZED",
	    "AUTHORIZED", "AVAILABLE"), PATH_INFO, I },
	{ "8 access lost, entitlement AVAILABLE", MODEL(CHANGE_ACCESS_LOST,
	    "AUTHORIZED", "NOT_AUTHORIZED", "AVAILABLE"), PATH_P1, A },
	{ "9 never P1: entitlement NOT_AVAILABLE", MODEL(CHANGE_ACCESS_LOST,
	    "AUTHORIZED", "NOT_AUTHORIZED", "NOT_AVAILABLE"), PATH_P3, A },
	{ "9 never P1: entitlement ERROR", MODEL(CHANGE_ACCESS_LOST,
	    "AUTHORIZED", "NOT_AUTHORIZED", "ERROR"), PATH_P3, A },
	{ "10 never P1: entitlement unknown", MODEL(CHANGE_ACCESS_LOST,
	    "AUTHORIZED", "NOT_AUTHORIZED", ""), PATH_INFO, A },
	{ "10 never P1: status not NOT_AUTHORIZED", MODEL(CHANGE_ACCESS_LOST,
	    "AUTHORIZED", "SUSPENDED", "AVAILABLE"), PATH_INFO, A },
	{ "11 entitlement to NOT_AVAILABLE",
	    MODEL(CHANGE_ENTITLEMENT_CHANGED, "AVAILABLE", "NOT_AVAILABLE",
	    "NOT_AVAILABLE"), PATH_P3, A },
	{ "11 entitlement to ERROR", MODEL(CHANGE_ENTITLEMENT_CHANGED,
	    "AVAILABLE", "ERROR", "ERROR"), PATH_P3, A },
	{ "12 entitlement to AVAILABLE", MODEL(CHANGE_ENTITLEMENT_CHANGED,
	    "NOT_AVAILABLE", "AVAILABLE", "AVAILABLE"), PATH_INFO, I },
	{ "13 entitlement to unknown", MODEL(CHANGE_ENTITLEMENT_CHANGED,
	    "AVAILABLE", "LIMITED", "LIMITED"), PATH_INFO, W },
	{ "14 never P3: agreement to NOT_AVAILABLE, entitled",
	    MODEL(CHANGE_AGREEMENT_CHANGED, "AVAILABLE", "NOT_AVAILABLE",
	    "AVAILABLE"), PATH_P1, A },
	{ "14 never P3: agreement to ERROR, entitled",
	    MODEL(CHANGE_AGREEMENT_CHANGED, "PENDING", "ERROR", "AVAILABLE"),
	    PATH_P1, A },
	{ "14a agreement to ERROR, entitlement unknown",
	    MODEL(CHANGE_AGREEMENT_CHANGED, "PENDING", "ERROR", ""),
	    PATH_P3, A },
	{ "14a agreement to ERROR, not entitled",
	    MODEL(CHANGE_AGREEMENT_CHANGED, "AVAILABLE", "ERROR",
	    "NOT_AVAILABLE"), PATH_P3, A },
	{ "15 agreement to PENDING", MODEL(CHANGE_AGREEMENT_CHANGED,
	    "AVAILABLE", "PENDING", "AVAILABLE"), PATH_INFO, W },
	{ "16 agreement to AVAILABLE", MODEL(CHANGE_AGREEMENT_CHANGED,
	    "PENDING", "AVAILABLE", "AVAILABLE"), PATH_INFO, I },
	{ "17 agreement to unknown", MODEL(CHANGE_AGREEMENT_CHANGED,
	    "AVAILABLE", "EXPIRED", "AVAILABLE"), PATH_INFO, W },
	{ "18 region to NOT_AVAILABLE",
	    MODEL(CHANGE_REGION_AVAILABILITY_CHANGED, "AVAILABLE",
	    "NOT_AVAILABLE", "AVAILABLE"), PATH_P2, A },
	{ "19 region to AVAILABLE", MODEL(CHANGE_REGION_AVAILABILITY_CHANGED,
	    "NOT_AVAILABLE", "AVAILABLE", "AVAILABLE"), PATH_INFO, I },
	{ "20 never P3: region to ERROR",
	    MODEL(CHANGE_REGION_AVAILABILITY_CHANGED, "AVAILABLE", "ERROR",
	    "AVAILABLE"), PATH_INFO, W },
#undef MODEL
	/* kind, old, new, old_applied, new_applied, new_default, adj, fol */
	{ "21 added below default, adjustable", CHANGE_QUOTA_ADDED, "", "2",
	    "", "2", "1000", 1, 0, "", PATH_P4, W },
	{ "21 added below default, fixed", CHANGE_QUOTA_ADDED, "", "2",
	    "", "2", "1000", 0, 0, "", PATH_P6, W },
	{ "21 never P4: added below, adjustability unknown",
	    CHANGE_QUOTA_ADDED, "", "2", "", "2", "1000", -1, 0, "",
	    PATH_INFO, W },
	{ "22 added at default", CHANGE_QUOTA_ADDED, "", "1000", "", "1000",
	    "1000", 1, 0, "", PATH_INFO, I },
	{ "22 never P4: added, no applied value", CHANGE_QUOTA_ADDED, "", "",
	    "", "", "1000", 1, 0, "", PATH_INFO, I },
	{ "22 never P4: added, no default", CHANGE_QUOTA_ADDED, "", "2",
	    "", "2", "", 1, 0, "", PATH_INFO, I },
	{ "23 removed", CHANGE_QUOTA_REMOVED, "100", "", "100", "", "", -1,
	    0, "", PATH_INFO, W },
	{ "24 default lowered, applied followed",
	    CHANGE_QUOTA_DEFAULT_CHANGED, "1000", "500", "1000", "500", "500",
	    1, 1, "", PATH_P4, A },
	{ "24 default lowered, followed, not adjustable",
	    CHANGE_QUOTA_DEFAULT_CHANGED, "1000", "500", "1000", "500", "500",
	    0, 1, "", PATH_P6, A },
	{ "24 never P4: lowered, adjustability unknown",
	    CHANGE_QUOTA_DEFAULT_CHANGED, "1000", "500", "1000", "500", "500",
	    -1, 1, "", PATH_INFO, A },
	{ "24 default lowered, no applied value",
	    CHANGE_QUOTA_DEFAULT_CHANGED, "1000", "0.5", "", "", "0.5",
	    1, 0, "", PATH_P4, A },
	{ "25 default lowered, applied kept below",
	    CHANGE_QUOTA_DEFAULT_CHANGED, "1000", "500", "100", "100", "500",
	    1, 0, "", PATH_P4, W },
	{ "25 default lowered, applied kept below, fixed",
	    CHANGE_QUOTA_DEFAULT_CHANGED, "1000", "500", "100", "100", "500",
	    0, 0, "", PATH_P6, W },
	{ "25a never P4: default 3 -> 2 under an override of 9",
	    CHANGE_QUOTA_DEFAULT_CHANGED, "3", "2", "9", "9", "2", 1, 0, "",
	    PATH_INFO, I },
	{ "25a never P6: default lowered, override kept, fixed",
	    CHANGE_QUOTA_DEFAULT_CHANGED, "1000", "500", "1000", "1000", "500",
	    0, 0, "", PATH_INFO, I },
	{ "26 default raised past applied", CHANGE_QUOTA_DEFAULT_CHANGED,
	    "1000", "2000", "1000", "1000", "2000", 1, 0, "", PATH_P4, W },
	{ "27 default raised, applied above", CHANGE_QUOTA_DEFAULT_CHANGED,
	    "1000", "2000", "3000", "3000", "2000", 1, 0, "", PATH_INFO, I },
	{ "27 default raised, followed", CHANGE_QUOTA_DEFAULT_CHANGED,
	    "1000", "2000", "500", "1000", "2000", 1, 1, "", PATH_INFO, I },
	{ "27 never P4: default appeared", CHANGE_QUOTA_DEFAULT_CHANGED,
	    "", "500", "1000", "1000", "500", 1, 0, "", PATH_INFO, I },
	{ "27 never P4: default gone", CHANGE_QUOTA_DEFAULT_CHANGED,
	    "1000", "", "1000", "1000", "", 1, 0, "", PATH_INFO, I },
	{ "28 applied lowered", CHANGE_QUOTA_VALUE_CHANGED, "1000", "10",
	    "1000", "10", "1000", 1, 0, "", PATH_P4, A },
	{ "28 applied lowered, not adjustable", CHANGE_QUOTA_VALUE_CHANGED,
	    "1000", "10", "1000", "10", "1000", 0, 0, "", PATH_P6, A },
	{ "28 never P4: lowered, adjustability unknown",
	    CHANGE_QUOTA_VALUE_CHANGED, "1000", "10", "1000", "10", "1000",
	    -1, 0, "", PATH_INFO, A },
	{ "29 applied raised, still below", CHANGE_QUOTA_VALUE_CHANGED,
	    "2", "4", "2", "4", "1000", 1, 0, "", PATH_INFO, I },
	{ "30 applied no longer set", CHANGE_QUOTA_VALUE_CHANGED, "1000", "",
	    "1000", "", "1000", 1, 0, "", PATH_INFO, W },
	{ "31 applied set below default", CHANGE_QUOTA_VALUE_CHANGED, "",
	    "4", "", "4", "1000", 1, 0, "", PATH_P4, W },
	{ "32 applied set at default", CHANGE_QUOTA_VALUE_CHANGED, "",
	    "1000", "", "1000", "1000", 1, 0, "", PATH_INFO, I },
	{ "33 adjustable off after a decrease",
	    CHANGE_QUOTA_ADJUSTABLE_CHANGED, "true", "false", "10", "2", "2",
	    0, 0, "", PATH_P6, A },
	{ "33 adjustable off below default",
	    CHANGE_QUOTA_ADJUSTABLE_CHANGED, "true", "false", "2", "2", "10",
	    0, 0, "", PATH_P6, A },
	{ "34 adjustable off, nothing low",
	    CHANGE_QUOTA_ADJUSTABLE_CHANGED, "true", "false", "10", "10", "10",
	    0, 0, "", PATH_P6, W },
	{ "35 adjustable on below default",
	    CHANGE_QUOTA_ADJUSTABLE_CHANGED, "false", "true", "2", "2", "10",
	    1, 0, "", PATH_P4, W },
	{ "36 adjustable on at default",
	    CHANGE_QUOTA_ADJUSTABLE_CHANGED, "false", "true", "10", "10", "10",
	    1, 0, "", PATH_INFO, I },
#define REQ(kind, o, n)	(kind), (o), (n), "400", "400", "800", 1, 0, ""
	{ "37 request denied", REQ(CHANGE_QUOTA_REQUEST_STATUS_CHANGED,
	    "CASE_OPENED", "DENIED"), PATH_P6, A },
	{ "37 request not approved", REQ(CHANGE_QUOTA_REQUEST_STATUS_CHANGED,
	    "PENDING", "NOT_APPROVED"), PATH_P6, A },
	{ "37 request created denied", REQ(CHANGE_QUOTA_REQUEST_CREATED,
	    "", "DENIED"), PATH_P6, A },
	{ "38 request approved", REQ(CHANGE_QUOTA_REQUEST_STATUS_CHANGED,
	    "CASE_OPENED", "APPROVED"), PATH_INFO, I },
	{ "38 request created", REQ(CHANGE_QUOTA_REQUEST_CREATED, "",
	    "PENDING"), PATH_INFO, I },
	{ "38 case opened", REQ(CHANGE_QUOTA_REQUEST_STATUS_CHANGED,
	    "PENDING", "CASE_OPENED"), PATH_INFO, I },
	{ "39 case closed", REQ(CHANGE_QUOTA_REQUEST_STATUS_CHANGED,
	    "CASE_OPENED", "CASE_CLOSED"), PATH_INFO, W },
	{ "39 invalid request", REQ(CHANGE_QUOTA_REQUEST_STATUS_CHANGED,
	    "PENDING", "INVALID_REQUEST"), PATH_INFO, W },
#undef REQ
	{ "40 profile added", CHANGE_PROFILE_ADDED, "", "m.a", "", "", "",
	    -1, 0, "", PATH_INFO, I },
	{ "41 profile removed", CHANGE_PROFILE_REMOVED, "m.a", "", "", "",
	    "", -1, 0, "", PATH_INFO, W },
#define USE(kind, o, n, adj)	(kind), (o), (n), "400", "400", "", (adj), 0, ""
	{ "41a near quota started, adjustable", USE(CHANGE_USAGE_NEAR_QUOTA,
	    "none", "near_quota", 1), PATH_P4, W },
	{ "41a near quota started, not adjustable",
	    USE(CHANGE_USAGE_NEAR_QUOTA, "none", "near_quota", 0), PATH_P6, W },
	{ "41a near quota started, adjustability unknown",
	    USE(CHANGE_USAGE_NEAR_QUOTA, "none", "near_quota", -1), PATH_INFO,
	    W },
	{ "41b throttled at the quota started, adjustable",
	    USE(CHANGE_THROTTLED_AT_QUOTA, "none", "throttled_at_quota", 1),
	    PATH_P4, A },
	{ "41b throttled at the quota started, not adjustable",
	    USE(CHANGE_THROTTLED_AT_QUOTA, "none", "throttled_at_quota", 0),
	    PATH_P6, A },
	{ "41c throttled below the quota started: P5 whatever adjustable",
	    USE(CHANGE_THROTTLED_BELOW_QUOTA, "none", "throttled_below_quota",
	    0), PATH_P5, A },
	{ "41c throttled below, adjustable",
	    USE(CHANGE_THROTTLED_BELOW_QUOTA, "none", "throttled_below_quota",
	    1), PATH_P5, A },
	{ "41d near quota ended", USE(CHANGE_USAGE_NEAR_QUOTA, "near_quota",
	    "none", 1), PATH_INFO, I },
	{ "41d throttled below ended", USE(CHANGE_THROTTLED_BELOW_QUOTA,
	    "throttled_below_quota", "none", 1), PATH_INFO, I },
	{ "41d throttled at ended", USE(CHANGE_THROTTLED_AT_QUOTA,
	    "throttled_at_quota", "none", 0), PATH_INFO, I },
#undef USE
	{ "unknown kind", CHANGE__COUNT, "a", "b", "", "", "", -1, 0, "",
	    PATH_INFO, I },
#undef A
#undef W
#undef I
};

/* A change of "kind" with the values and context a table row gives. */
static struct change *
row_change(enum change_kind kind, const char *oldv, const char *newv,
    const char *old_applied, const char *new_applied,
    const char *new_default, const char *entitlement, int adjustable)
{
	struct change	*c = change_new();

	c->kind = kind;
	set_str(&c->region, "us-east-1");
	set_str(&c->subject, "subject");
	set_str(&c->old_value, oldv);
	set_str(&c->new_value, newv);
	set_str(&c->old_applied, old_applied);
	set_str(&c->new_applied, new_applied);
	set_str(&c->new_default, new_default);
	set_str(&c->entitlement, entitlement);
	c->adjustable = adjustable;
	return c;
}

START_TEST(test_rules)
{
	const struct rule_row	*r = &rule_rows[_i];
	struct change		*c;

	c = row_change(r->kind, r->oldv, r->newv, r->old_applied,
	    r->new_applied, r->new_default, r->entitlement, r->adjustable);
	c->applied_followed = r->followed;
	change_parse_nums(c);
	/* Start from a wrong answer, so "left alone" cannot pass. */
	c->path = PATH_P6;
	c->severity = SEVERITY_ACTION;
	if (r->path == PATH_P6 && r->sev == SEVERITY_ACTION)
		c->path = PATH_P1;
	playbook_classify(c);
	ck_assert_msg(c->path == r->path, "%s: path %s, want %s", r->label,
	    change_path_name(c->path), change_path_name(r->path));
	ck_assert_msg(c->severity == r->sev, "%s: severity %s, want %s",
	    r->label, change_severity_name(c->severity),
	    change_severity_name(r->sev));
	/* Classification touches nothing else. */
	ck_assert_str_eq(c->old_value, r->oldv);
	ck_assert_str_eq(c->new_value, r->newv);
	ck_assert_str_eq(c->alt_regions, "");
	change_free(c);
}
END_TEST

/* --- advice context on three regions --- */

static void
add_model(struct snapshot *s, const char *id, const char *avail)
{
	struct model	*m;

	m = snapshot_add_model(s);
	m->model_id = xstrdup(id);
	m->region_availability = avail != NULL ? xstrdup(avail) : NULL;
}

static void
add_profile(struct snapshot *s, const char *id, const char *status,
    const char *model_ids)
{
	struct profile	*p;

	p = snapshot_add_profile(s);
	p->profile_id = xstrdup(id);
	p->status = status != NULL ? xstrdup(status) : NULL;
	p->model_ids = xstrdup(model_ids);
}

/*
 * us-east-1 offers m.a and m.b, with profiles for m.a,m.b and for m.c;
 * us-west-2 offers m.a (availability not collected) and m.c, and names
 * m.a by ARN; eu-west-1 lists m.a as NOT_AVAILABLE, offers m.c, and has
 * one profile for m.c, one for m.ab only, and a dead one for m.a.
 */
static void
three_regions(struct snapshot r[3])
{
	memset(r, 0, 3 * sizeof(*r));
	r[0].region = xstrdup("us-east-1");
	add_model(&r[0], "m.b", "AVAILABLE");
	add_model(&r[0], "m.a", "AVAILABLE");
	add_profile(&r[0], "us.m.a", "ACTIVE", "m.a,m.b");
	add_profile(&r[0], "us.m.c", "ACTIVE", "m.c");
	r[1].region = xstrdup("us-west-2");
	add_model(&r[1], "m.c", "AVAILABLE");
	add_model(&r[1], "m.a", NULL);
	add_profile(&r[1], "us.m.a", "",
	    "arn:aws:bedrock:us-west-2::foundation-model/m.a");
	add_profile(&r[1], "us.x", "ACTIVE", "arn:aws:bedrock:::xm.a");
	r[2].region = xstrdup("eu-west-1");
	add_model(&r[2], "m.a", "NOT_AVAILABLE");
	add_model(&r[2], "m.c", "AVAILABLE");
	add_profile(&r[2], "eu.m.c", "ACTIVE", "m.c");
	add_profile(&r[2], "eu.m.ab", "ACTIVE", "m.ab");
	add_profile(&r[2], "eu.m.a", "DELETING", "m.a");
	snapshot_sort(&r[0]);
	snapshot_sort(&r[1]);
	snapshot_sort(&r[2]);
}

static void
free_regions(struct snapshot r[3])
{
	snapshot_free(&r[0]);
	snapshot_free(&r[1]);
	snapshot_free(&r[2]);
}

/* A change of "kind" about "subject" in "region", nothing else set. */
static struct change *
context_change(enum change_kind kind, const char *region,
    const char *subject)
{
	struct change	*c = change_new();

	c->kind = kind;
	set_str(&c->region, region);
	set_str(&c->subject, subject);
	return c;
}

static const struct context_row {
	const char	*label;
	enum change_kind kind;
	const char	*region, *model;
	const char	*alt_regions, *alt_profiles;
} context_rows[] = {
	{ "removed here, offered in one other", CHANGE_MODEL_REMOVED,
	    "us-east-1", "m.a", "us-west-2", "us.m.a" },
	{ "P5 in us-east-1", CHANGE_MODEL_INFERENCE_TYPES_CHANGED,
	    "us-east-1", "m.c", "eu-west-1,us-west-2", "us.m.c" },
	{ "no profile at home: every region's", CHANGE_ACCESS_LOST,
	    "ap-northeast-1", "m.a", "us-east-1,us-west-2", "us.m.a" },
	{ "home profiles only", CHANGE_REGION_AVAILABILITY_CHANGED,
	    "eu-west-1", "m.c", "us-west-2", "eu.m.c" },
	{ "home profiles only, by ARN", CHANGE_MODEL_REMOVED,
	    "us-west-2", "m.a", "us-east-1", "us.m.a" },
	{ "offered nowhere else", CHANGE_MODEL_REMOVED, "us-east-1", "m.b",
	    "", "us.m.a" },
	{ "unknown model", CHANGE_MODEL_ADDED, "us-east-1", "m.zz", "", "" },
	{ "quota change left alone", CHANGE_QUOTA_REMOVED, "us-east-1",
	    "m.a", "keep", "keep" },
	{ "request change left alone", CHANGE_QUOTA_REQUEST_CREATED,
	    "us-east-1", "m.a", "keep", "keep" },
};

/* Classify a fresh change of "kind"; the caller frees it. */
static struct change *
classified(enum change_kind kind, const char *field, const char *oldv,
    const char *newv, int applied_unknown)
{
	struct change	*c = change_new();

	c->kind = kind;
	set_str(&c->field, field);
	set_str(&c->old_value, oldv);
	set_str(&c->new_value, newv);
	set_str(&c->new_default, newv);
	c->adjustable = 1;
	c->applied_unknown = applied_unknown;
	change_parse_nums(c);
	c->path = PATH_P6;
	c->severity = SEVERITY_ACTION;
	playbook_classify(c);
	return c;
}

/*
 * Rules 4a/4b: an end of the lifecycle moved earlier is a warning (less
 * time to migrate); later, or a new start of life, is info.  Rule 24:
 * an applied value that is unknown (ErrorReason) is not "unset on both
 * sides", so a lowered default is not known to hit the account.
 */
START_TEST(test_rules_reply_facts)
{
	static const struct {
		const char	*field, *oldv, *newv;
		enum change_severity sev;
	} dates[] = {
		{ "end_of_life_time", "2026-07-01T00:00:00Z",
		    "2026-03-01T00:00:00Z", SEVERITY_WARNING },
		{ "legacy_time", "2026-07-01T00:00:00Z",
		    "2026-06-30T23:59:59Z", SEVERITY_WARNING },
		{ "public_extended_access_time", "2026-07-01T00:00:00Z",
		    "2026-01-01T00:00:00Z", SEVERITY_WARNING },
		{ "end_of_life_time", "2026-03-01T00:00:00Z",
		    "2026-07-01T00:00:00Z", SEVERITY_INFO },
		{ "start_of_life_time", "2026-07-01T00:00:00Z",
		    "2026-03-01T00:00:00Z", SEVERITY_INFO },
	};
	struct change	*c;
	size_t		 i;

	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		c = classified(CHANGE_MODEL_LIFECYCLE_DATE_CHANGED,
		    dates[i].field, dates[i].oldv, dates[i].newv, 0);
		ck_assert_msg(c->path == PATH_INFO && c->severity ==
		    dates[i].sev, "%s %s -> %s: %s/%s", dates[i].field,
		    dates[i].oldv, dates[i].newv, change_path_name(c->path),
		    change_severity_name(c->severity));
		change_free(c);
	}
	/* Unset on both sides: the default applies, P4 action. */
	c = classified(CHANGE_QUOTA_DEFAULT_CHANGED, "", "1000", "500", 0);
	ck_assert(c->path == PATH_P4 && c->severity == SEVERITY_ACTION);
	change_free(c);
	/* Unknown: only what a lowered default says, a warning. */
	c = classified(CHANGE_QUOTA_DEFAULT_CHANGED, "", "1000", "500", 1);
	ck_assert(c->path == PATH_P4 && c->severity == SEVERITY_WARNING);
	change_free(c);
	/* Added while unknown: never "below default". */
	c = classified(CHANGE_QUOTA_ADDED, "", "", "", 1);
	set_str(&c->new_default, "1000");
	change_parse_nums(c);
	playbook_classify(c);
	ck_assert(c->path == PATH_INFO && c->severity == SEVERITY_INFO);
	change_free(c);
}
END_TEST

START_TEST(test_context)
{
	const struct context_row	*r = &context_rows[_i];
	struct snapshot			 regions[3];
	struct change			*c;

	three_regions(regions);
	c = context_change(r->kind, r->region, r->model);
	set_str(&c->alt_regions, "keep");
	set_str(&c->alt_profiles, "keep");
	playbook_context(c, regions, 3);
	ck_assert_msg(strcmp(c->alt_regions, r->alt_regions) == 0,
	    "%s: alt_regions \"%s\"", r->label, c->alt_regions);
	ck_assert_msg(strcmp(c->alt_profiles, r->alt_profiles) == 0,
	    "%s: alt_profiles \"%s\"", r->label, c->alt_profiles);
	change_free(c);
	free_regions(regions);
}
END_TEST

START_TEST(test_context_no_regions)
{
	struct change	*c;

	c = change_new();
	c->kind = CHANGE_MODEL_REMOVED;
	set_str(&c->subject, "m.a");
	set_str(&c->alt_regions, "stale");
	playbook_context(c, NULL, 0);
	ck_assert_str_eq(c->alt_regions, "");
	ck_assert_str_eq(c->alt_profiles, "");
	change_free(c);
}
END_TEST

/*
 * Rule 2a: a removal from a region without access is raised to a P2
 * warning only when another region lists the model AUTHORIZED.
 */
START_TEST(test_context_removed_access)
{
	struct snapshot	 regions[3];
	struct model	*m;
	struct change	*c;

	three_regions(regions);
	c = context_change(CHANGE_MODEL_REMOVED, "eu-west-1", "m.a");
	set_str(&c->old_value, "NOT_AUTHORIZED");
	playbook_classify(c);
	playbook_context(c, regions, 3);
	ck_assert_int_eq(c->path, PATH_INFO);
	ck_assert_int_eq(c->severity, SEVERITY_INFO);
	m = (struct model *)snapshot_find_model(&regions[0], "m.a");
	ck_assert_ptr_nonnull(m);
	m->authorization = xstrdup("AUTHORIZED");
	playbook_context(c, regions, 3);
	ck_assert_int_eq(c->path, PATH_P2);
	ck_assert_int_eq(c->severity, SEVERITY_WARNING);
	/* Access here stays action, whatever the other regions say. */
	set_str(&c->old_value, "AUTHORIZED");
	playbook_classify(c);
	playbook_context(c, regions, 3);
	ck_assert_int_eq(c->severity, SEVERITY_ACTION);
	change_free(c);
	free_regions(regions);
}
END_TEST

/* A removed profile: what else routes to the models it routed to. */
START_TEST(test_context_profile_removed)
{
	struct snapshot	 regions[3];
	struct change	*c;

	three_regions(regions);
	c = context_change(CHANGE_PROFILE_REMOVED, "eu-west-1", "eu.m.gone");
	set_str(&c->old_value, "arn:aws:bedrock:eu-west-1::foundation-model/"
	    "m.c,m.zz");
	playbook_context(c, regions, 3);
	ck_assert_str_eq(c->alt_profiles, "eu.m.c");
	set_str(&c->region, "ap-south-1");
	set_str(&c->old_value, "m.a");
	playbook_context(c, regions, 3);
	ck_assert_str_eq(c->alt_profiles, "us.m.a");
	set_str(&c->old_value, "m.zz");
	playbook_context(c, regions, 3);
	ck_assert_str_eq(c->alt_profiles, "");
	change_free(c);
	free_regions(regions);
}
END_TEST

/* --- reasons the renderers choose their words by --- */

static const struct reason_row {
	const char	*label;
	enum change_kind kind;
	const char	*oldv, *newv, *entitlement;
	const char	*old_applied, *new_applied;
	int		 adjustable;
	enum playbook_reason reason;
} reason_rows[] = {
	{ "agreement ERROR, entitled", CHANGE_AGREEMENT_CHANGED, "AVAILABLE",
	    "ERROR", "AVAILABLE", "", "", -1, PLAYBOOK_REASON_AGREEMENT },
	{ "agreement ERROR, not entitled", CHANGE_AGREEMENT_CHANGED,
	    "AVAILABLE", "ERROR", "NOT_AVAILABLE", "", "", -1,
	    PLAYBOOK_REASON_ENTITLEMENT },
	{ "access lost, entitled", CHANGE_ACCESS_LOST, "AUTHORIZED",
	    "NOT_AUTHORIZED", "AVAILABLE", "", "", -1,
	    PLAYBOOK_REASON_NOT_AUTHORIZED },
	{ "ON_DEMAND dropped", CHANGE_MODEL_INFERENCE_TYPES_CHANGED,
	    "INFERENCE_PROFILE,ON_DEMAND", "INFERENCE_PROFILE", "", "", "", -1,
	    PLAYBOOK_REASON_ON_DEMAND_DROPPED },
	{ "ON_DEMAND kept", CHANGE_MODEL_INFERENCE_TYPES_CHANGED,
	    "ON_DEMAND", "ON_DEMAND,PROVISIONED", "", "", "", -1,
	    PLAYBOOK_REASON_NONE },
	{ "default under an override", CHANGE_QUOTA_DEFAULT_CHANGED, "3",
	    "2", "", "9", "9", 1, PLAYBOOK_REASON_DEFAULT_LOWERED_KEPT },
	{ "default lowered, no override", CHANGE_QUOTA_DEFAULT_CHANGED, "3",
	    "2", "", "", "", 1, PLAYBOOK_REASON_NONE },
	{ "adjustable off", CHANGE_QUOTA_ADJUSTABLE_CHANGED, "true", "false",
	    "", "5", "5", 0, PLAYBOOK_REASON_NOW_NOT_ADJUSTABLE },
	{ "request denied", CHANGE_QUOTA_REQUEST_STATUS_CHANGED, "PENDING",
	    "DENIED", "", "", "", -1, PLAYBOOK_REASON_REQUEST_DENIED },
	{ "model removed", CHANGE_MODEL_REMOVED, "AUTHORIZED", "", "", "", "",
	    -1, PLAYBOOK_REASON_REGION_UNAVAILABLE },
	{ "profile added", CHANGE_PROFILE_ADDED, "", "ACTIVE", "", "", "", -1,
	    PLAYBOOK_REASON_NONE },
	{ "near quota started", CHANGE_USAGE_NEAR_QUOTA, "none", "near_quota",
	    "", "400", "400", 1, PLAYBOOK_REASON_USAGE_NEAR_QUOTA },
	{ "throttled below started", CHANGE_THROTTLED_BELOW_QUOTA, "none",
	    "throttled_below_quota", "", "400", "400", 1,
	    PLAYBOOK_REASON_THROTTLED_BELOW_QUOTA },
	{ "throttled at started", CHANGE_THROTTLED_AT_QUOTA, "none",
	    "throttled_at_quota", "", "400", "400", 0,
	    PLAYBOOK_REASON_THROTTLED_AT_QUOTA },
	{ "near quota ended", CHANGE_USAGE_NEAR_QUOTA, "near_quota", "none",
	    "", "400", "400", 1, PLAYBOOK_REASON_NONE },
};

START_TEST(test_reasons)
{
	const struct reason_row	*r = &reason_rows[_i];
	struct change		*c;

	c = row_change(r->kind, r->oldv, r->newv, r->old_applied,
	    r->new_applied, r->newv, r->entitlement, r->adjustable);
	change_parse_nums(c);
	playbook_classify(c);
	ck_assert_msg(playbook_change_reason(c) == r->reason,
	    "%s: reason %d, want %d", r->label, (int)playbook_change_reason(c),
	    (int)r->reason);
	change_free(c);
}
END_TEST

/* --- IAM actions --- */

static const struct iam_row {
	const char	*operation;
	const char	*action;	/* NULL: unknown */
} iam_rows[] = {
	{ "ListFoundationModels", "bedrock:ListFoundationModels" },
	{ "GetFoundationModelAvailability",
	    "bedrock:GetFoundationModelAvailability" },
	{ "ListInferenceProfiles", "bedrock:ListInferenceProfiles" },
	{ "ListServiceQuotas", "servicequotas:ListServiceQuotas" },
	{ "ListAWSDefaultServiceQuotas",
	    "servicequotas:ListAWSDefaultServiceQuotas" },
	{ "ListRequestedServiceQuotaChangeHistory",
	    "servicequotas:ListRequestedServiceQuotaChangeHistory" },
	{ "GetCallerIdentity", "sts:GetCallerIdentity" },
	{ "AssumeRole", "sts:AssumeRole" },
	{ "GetMetricData", "cloudwatch:GetMetricData" },
	{ "listfoundationmodels", NULL },
	{ "ListFoundationModels ", NULL },
	{ "DeleteFoundationModelAgreement", NULL },
	{ "", NULL },
	{ NULL, NULL },
};

START_TEST(test_iam)
{
	const struct iam_row	*r = &iam_rows[_i];
	const char		*got;

	got = playbook_iam_action(r->operation);
	if (r->action == NULL)
		ck_assert_ptr_null(got);
	else {
		ck_assert_ptr_nonnull(got);
		ck_assert_str_eq(got, r->action);
	}
}
END_TEST

/* The state entry points the status view uses. */
START_TEST(test_states)
{
	struct playbook_quota_state	q = { 10, 1, 100, 1, 1 };
	struct playbook_verdict		v, w;

	v = playbook_quota(&q);
	ck_assert_int_eq(v.path, PATH_P4);
	ck_assert_int_eq(v.severity, SEVERITY_ACTION);
	ck_assert_int_eq(v.reason, PLAYBOOK_REASON_BELOW_DEFAULT);
	q.adjustable = 0;
	ck_assert_int_eq(playbook_quota(&q).path, PATH_P6);
	q.adjustable = -1;
	ck_assert_int_eq(playbook_quota(&q).path, PATH_INFO);
	q.applied = 100;
	ck_assert_int_eq(playbook_quota(&q).reason, PLAYBOOK_REASON_NONE);
	q.applied = 1;
	q.has_default = 0;
	ck_assert_int_eq(playbook_quota(&q).reason, PLAYBOOK_REASON_NONE);

	ck_assert_int_eq(playbook_request("CASE_OPENED").reason,
	    PLAYBOOK_REASON_REQUEST_OPEN);
	ck_assert_int_eq(playbook_request("NOT_APPROVED").path, PATH_P6);
	ck_assert_int_eq(playbook_request("CASE_CLOSED").severity,
	    SEVERITY_WARNING);
	ck_assert_int_eq(playbook_request(NULL).severity, SEVERITY_WARNING);

	v = (struct playbook_verdict){ PATH_P1, SEVERITY_ACTION, 0 };
	w = (struct playbook_verdict){ PATH_P3, SEVERITY_ACTION, 0 };
	ck_assert(playbook_worse(&w, &v) && !playbook_worse(&v, &w));
	w = (struct playbook_verdict){ PATH_P2, SEVERITY_WARNING, 0 };
	ck_assert(playbook_worse(&v, &w));
	ck_assert(!playbook_worse(&v, &v));
}
END_TEST

/*
 * A member role that could not be assumed: STS says AccessDenied for an
 * untrusted caller and a wrong external ID alike, so the fix names the
 * external ID only when one was sent (and hedges when that is not
 * recorded); the caller's own bad keys, STS
 * not active in the region, and no reply each have their own fix.
 */
START_TEST(test_assume_fix)
{
	const enum external_id	 none = EXTERNAL_ID_NONE;
	const enum external_id	 sent = EXTERNAL_ID_SENT;

	ck_assert_int_eq(playbook_assume_fix(403, "AccessDenied", none),
	    PLAYBOOK_ASSUME_TRUST);
	ck_assert_int_eq(playbook_assume_fix(403, "AccessDenied", sent),
	    PLAYBOOK_ASSUME_EXTERNAL_ID);
	ck_assert_int_eq(playbook_assume_fix(403, NULL, none),
	    PLAYBOOK_ASSUME_TRUST);
	/* A row of an earlier version: which of the two is not known. */
	ck_assert_int_eq(playbook_assume_fix(403, "AccessDenied",
	    EXTERNAL_ID_UNKNOWN), PLAYBOOK_ASSUME_TRUST_ANY);
	ck_assert_int_eq(playbook_assume_fix(403, "InvalidClientTokenId",
	    sent), PLAYBOOK_ASSUME_CALLER);
	ck_assert_int_eq(playbook_assume_fix(403, "ExpiredToken", none),
	    PLAYBOOK_ASSUME_CALLER);
	ck_assert_int_eq(playbook_assume_fix(403, "SignatureDoesNotMatch",
	    none), PLAYBOOK_ASSUME_CALLER);
	ck_assert_int_eq(playbook_assume_fix(403, "RegionDisabledException",
	    none), PLAYBOOK_ASSUME_REGION);
	ck_assert_int_eq(playbook_assume_fix(0, NULL, sent),
	    PLAYBOOK_ASSUME_LATER);
	ck_assert_int_eq(playbook_assume_fix(503, "ServiceUnavailable", none),
	    PLAYBOOK_ASSUME_LATER);
	ck_assert_int_eq(playbook_assume_fix(400, "Throttling", none),
	    PLAYBOOK_ASSUME_LATER);
	ck_assert_int_eq(playbook_assume_fix(400, "ValidationError", none),
	    PLAYBOOK_ASSUME_OTHER);
}
END_TEST

START_TEST(test_region_fix)
{
	const char	*arg = "unset";

	ck_assert_int_eq(playbook_region_fix(REGION_STATUS_FAILED,
	    "ListFoundationModels", 400, "RequestThrottledException", "",
	    &arg), PLAYBOOK_FIX_THROTTLED);
	ck_assert_ptr_null(arg);
	ck_assert_int_eq(playbook_region_fix(REGION_STATUS_FAILED,
	    "ListFoundationModels", 429, "", "", &arg),
	    PLAYBOOK_FIX_THROTTLED);
	ck_assert_int_eq(playbook_region_fix(REGION_STATUS_FAILED,
	    "ListServiceQuotas", 403, "AccessDeniedException", "", &arg),
	    PLAYBOOK_FIX_IAM);
	ck_assert_str_eq(arg, "servicequotas:ListServiceQuotas");
	ck_assert_int_eq(playbook_region_fix(REGION_STATUS_NOT_COMPARED,
	    NULL, 0, NULL, NULL, &arg), PLAYBOOK_FIX_NOT_COMPARED);
	ck_assert_int_eq(playbook_region_fix(REGION_STATUS_FAILED,
	    NULL, 0, NULL, NULL, &arg), PLAYBOOK_FIX_OTHER);
	/* No credentials: their own fix, whatever the portal answered. */
	ck_assert_int_eq(playbook_region_fix(REGION_STATUS_FAILED,
	    RUN_STEP_CREDENTIALS, 0, NULL, "profile x: no cached token",
	    &arg), PLAYBOOK_FIX_CREDENTIALS);
	ck_assert_int_eq(playbook_region_fix(REGION_STATUS_FAILED,
	    RUN_STEP_CREDENTIALS, 401, "UnauthorizedException", "expired",
	    &arg), PLAYBOOK_FIX_CREDENTIALS);
}
END_TEST

/* A change with just a path and a severity, for playbook_entry(). */
static struct change *
ps(enum change_path p, enum change_severity sev)
{
	struct change	*c = change_new();

	c->path = p;
	c->severity = sev;
	return c;
}

/*
 * Issue #10: an entry takes its strongest change: severity first, then
 * a support-case path (P3, P6) before P4, P5, P2, P1; the first of
 * equals.
 */
START_TEST(test_entry_lead)
{
	static const struct {
		enum change_path	 p[3];
		enum change_severity	 s[3];
		size_t			 n, want;
	} t[] = {
		{ { PATH_P4, PATH_P6, PATH_INFO }, { SEVERITY_ACTION,
		    SEVERITY_WARNING, SEVERITY_INFO }, 3, 0 },
		{ { PATH_P4, PATH_P6, PATH_INFO }, { SEVERITY_ACTION,
		    SEVERITY_ACTION, SEVERITY_INFO }, 3, 1 },
		{ { PATH_INFO, PATH_P6, PATH_P6 }, { SEVERITY_ACTION,
		    SEVERITY_WARNING, SEVERITY_ACTION }, 3, 2 },
		{ { PATH_P1, PATH_P2, PATH_P5 }, { SEVERITY_ACTION,
		    SEVERITY_ACTION, SEVERITY_ACTION }, 3, 2 },
		{ { PATH_P1, PATH_P3, PATH_P6 }, { SEVERITY_ACTION,
		    SEVERITY_ACTION, SEVERITY_ACTION }, 3, 1 },
		{ { PATH_P1, PATH_P2 }, { SEVERITY_ACTION, SEVERITY_ACTION },
		    2, 1 },
		{ { PATH_INFO }, { SEVERITY_INFO }, 1, 0 },
		{ { PATH_INFO, PATH_INFO }, { SEVERITY_INFO,
		    SEVERITY_WARNING }, 2, 1 },
	};
	struct change	*c[3];
	size_t		 i, j;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		for (j = 0; j < t[i].n; j++)
			c[j] = ps(t[i].p[j], t[i].s[j]);
		ck_assert_msg(playbook_entry((const struct change *const *)c,
		    t[i].n) == t[i].want, "row %zu", i);
		for (j = 0; j < t[i].n; j++)
			change_free(c[j]);
	}
}
END_TEST

/* The open problems that are not a model's or a quota's own verdict. */
START_TEST(test_open_verdicts)
{
	struct playbook_verdict	v;
	int			r;

	v = playbook_lifecycle("LEGACY", "AUTHORIZED");
	ck_assert_int_eq(v.reason, PLAYBOOK_REASON_LEGACY);
	ck_assert_int_eq(v.severity, SEVERITY_WARNING);
	ck_assert_int_eq(playbook_lifecycle("LEGACY", "NOT_AUTHORIZED").reason,
	    PLAYBOOK_REASON_NONE);
	ck_assert_int_eq(playbook_lifecycle("ACTIVE", "AUTHORIZED").reason,
	    PLAYBOOK_REASON_NONE);
	ck_assert_int_eq(playbook_lifecycle(NULL, NULL).reason,
	    PLAYBOOK_REASON_NONE);
	ck_assert_int_eq(playbook_region_failing(2).reason,
	    PLAYBOOK_REASON_NONE);
	v = playbook_region_failing(PLAYBOOK_REGION_FAILING_RUNS);
	ck_assert_int_eq(v.reason, PLAYBOOK_REASON_REGION_FAILING);
	ck_assert_int_eq(v.severity, SEVERITY_ACTION);
	for (r = 0; r < PLAYBOOK_REASON__COUNT; r++)
		ck_assert_ptr_nonnull(playbook_reason_name(
		    (enum playbook_reason)r));
	ck_assert_str_eq(playbook_reason_name(PLAYBOOK_REASON_BELOW_DEFAULT),
	    "below_default");
	ck_assert_str_eq(playbook_reason_name(
	    PLAYBOOK_REASON_THROTTLED_BELOW_QUOTA), "throttled_below_quota");
	ck_assert_ptr_null(playbook_reason_name(PLAYBOOK_REASON__COUNT));
}
END_TEST

/* playbook.md "Usage evidence": one row per finding and adjustability. */
static const struct usage_row_case {
	enum usage_finding	 f;
	int			 adjustable;
	enum change_path	 path;
	enum change_severity	 sev;
	enum playbook_reason	 reason;
} usage_rows[] = {
	{ USAGE_FINDING_NEAR_QUOTA, 1, PATH_P4, SEVERITY_WARNING,
	    PLAYBOOK_REASON_USAGE_NEAR_QUOTA },
	{ USAGE_FINDING_NEAR_QUOTA, 0, PATH_P6, SEVERITY_WARNING,
	    PLAYBOOK_REASON_USAGE_NEAR_QUOTA },
	{ USAGE_FINDING_NEAR_QUOTA, -1, PATH_INFO, SEVERITY_WARNING,
	    PLAYBOOK_REASON_USAGE_NEAR_QUOTA },
	{ USAGE_FINDING_THROTTLED_AT, 1, PATH_P4, SEVERITY_ACTION,
	    PLAYBOOK_REASON_THROTTLED_AT_QUOTA },
	{ USAGE_FINDING_THROTTLED_AT, 0, PATH_P6, SEVERITY_ACTION,
	    PLAYBOOK_REASON_THROTTLED_AT_QUOTA },
	{ USAGE_FINDING_THROTTLED_BELOW, 1, PATH_P5, SEVERITY_ACTION,
	    PLAYBOOK_REASON_THROTTLED_BELOW_QUOTA },
	{ USAGE_FINDING_THROTTLED_BELOW, 0, PATH_P5, SEVERITY_ACTION,
	    PLAYBOOK_REASON_THROTTLED_BELOW_QUOTA },
	{ USAGE_FINDING_NONE, 1, PATH_INFO, SEVERITY_INFO,
	    PLAYBOOK_REASON_NONE },
};

START_TEST(usage_verdicts)
{
	const struct usage_row_case	*r = &usage_rows[_i];
	struct playbook_verdict		 v;

	v = playbook_usage(r->f, r->adjustable);
	ck_assert_int_eq(v.path, r->path);
	ck_assert_int_eq(v.severity, r->sev);
	ck_assert_int_eq(v.reason, r->reason);
}
END_TEST

/*
 * Rule 43 at the edges of each window of lifecycle_windows: a date
 * "offset" seconds after the newest run's start ("now").
 */
#define DAY	86400LL
static const struct window_row {
	enum playbook_milestone	 milestone;
	long long		 offset;	/* seconds after "now" */
	const char		*auth;
	enum playbook_reason	 reason;
	enum change_severity	 sev;
	int			 within;
} window_rows[] = {
#define EOL	PLAYBOOK_MILESTONE_END_OF_LIFE
#define EXT	PLAYBOOK_MILESTONE_EXTENDED_ACCESS
#define R_EOL	PLAYBOOK_REASON_END_OF_LIFE
#define R_EXT	PLAYBOOK_REASON_EXTENDED_ACCESS
#define R_NO	PLAYBOOK_REASON_NONE
	{ EOL, -400 * DAY,	"AUTHORIZED", R_EOL, SEVERITY_ACTION, 0 },
	{ EOL, 0,		"AUTHORIZED", R_EOL, SEVERITY_ACTION, 0 },
	{ EOL, 1,		"AUTHORIZED", R_EOL, SEVERITY_ACTION, 7 },
	{ EOL, 7 * DAY,		"AUTHORIZED", R_EOL, SEVERITY_ACTION, 7 },
	{ EOL, 7 * DAY + 1,	"AUTHORIZED", R_EOL, SEVERITY_WARNING, 30 },
	{ EOL, 30 * DAY,	"AUTHORIZED", R_EOL, SEVERITY_WARNING, 30 },
	{ EOL, 30 * DAY + 1,	"AUTHORIZED", R_EOL, SEVERITY_WARNING, 90 },
	{ EOL, 90 * DAY,	"AUTHORIZED", R_EOL, SEVERITY_WARNING, 90 },
	{ EOL, 90 * DAY + 1,	"AUTHORIZED", R_NO, SEVERITY_INFO, 0 },
	{ EOL, 5 * DAY,		"NOT_AUTHORIZED", R_NO, SEVERITY_INFO, 0 },
	{ EOL, -5 * DAY,	"", R_NO, SEVERITY_INFO, 0 },
	{ EXT, -1,		"AUTHORIZED", R_NO, SEVERITY_INFO, 0 },
	{ EXT, 0,		"AUTHORIZED", R_NO, SEVERITY_INFO, 0 },
	{ EXT, 1,		"AUTHORIZED", R_EXT, SEVERITY_WARNING, 7 },
	{ EXT, 7 * DAY,		"AUTHORIZED", R_EXT, SEVERITY_WARNING, 7 },
	{ EXT, 7 * DAY + 1,	"AUTHORIZED", R_EXT, SEVERITY_WARNING, 30 },
	{ EXT, 30 * DAY + 1,	"AUTHORIZED", R_EXT, SEVERITY_WARNING, 90 },
	{ EXT, 90 * DAY,	"AUTHORIZED", R_EXT, SEVERITY_WARNING, 90 },
	{ EXT, 90 * DAY + 1,	"AUTHORIZED", R_NO, SEVERITY_INFO, 0 },
#undef EOL
#undef EXT
#undef R_EOL
#undef R_EXT
#undef R_NO
};

START_TEST(test_lifecycle_windows)
{
	const struct window_row	*r = &window_rows[_i];
	const time_t		 now = 1750000000; /* 2025-06-15T15:06:40Z */
	char			 date[UTIL_ISO8601_LEN];
	struct playbook_deadline d;

	util_iso8601((time_t)(now + r->offset), date);
	d = playbook_lifecycle_date(r->milestone, date, r->auth, now);
	ck_assert_msg(d.verdict.reason == r->reason &&
	    d.verdict.severity == r->sev && d.within_days == r->within,
	    "row %d (%s): %s %s within %d", _i, date,
	    playbook_reason_name(d.verdict.reason),
	    change_severity_name(d.verdict.severity), d.within_days);
	ck_assert_int_eq(d.verdict.path, PATH_INFO);
}
END_TEST

/* A date the model does not have, or not a time: nothing to warn of. */
START_TEST(test_lifecycle_no_date)
{
	static const char *const bad[] = { NULL, "", "soon", "2025-13-01" };
	size_t	i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_int_eq(playbook_lifecycle_date(
		    PLAYBOOK_MILESTONE_END_OF_LIFE, bad[i], "AUTHORIZED",
		    1750000000).verdict.reason, PLAYBOOK_REASON_NONE);
	/* The stored form and AWS's own both read as the same time. */
	ck_assert_int_eq(playbook_lifecycle_date(
	    PLAYBOOK_MILESTONE_END_OF_LIFE, "2025-06-20T00:00:00.000+00:00",
	    "AUTHORIZED", 1750000000).within_days, 7);
}
END_TEST

/* The value a case asks for: the largest the change shows, or none. */
START_TEST(test_wanted_value)
{
	struct change	*c = change_new();
	double		 v = -1;

	c->kind = CHANGE_QUOTA_VALUE_CHANGED;
	ck_assert_int_eq(playbook_wanted_value(c, &v), 0);
	change_set_num(&c->old_applied, &c->old_applied_num, 1, 100);
	change_set_num(&c->new_applied, &c->new_applied_num, 1, 50);
	ck_assert_int_eq(playbook_wanted_value(c, &v), 1);
	ck_assert(v == 100);
	change_set_num(&c->desired_value, &c->desired_num, 1, 500);
	ck_assert_int_eq(playbook_wanted_value(c, &v), 1);
	ck_assert(v == 500);
	change_set_num(&c->desired_value, &c->desired_num, 1, 80);
	ck_assert_int_eq(playbook_wanted_value(c, &v), 1);
	ck_assert(v == 100);
	/* Raised, not lowered: only the request's value counts. */
	change_set_num(&c->new_applied, &c->new_applied_num, 1, 200);
	ck_assert_int_eq(playbook_wanted_value(c, &v), 1);
	ck_assert(v == 80);
	change_free(c);
}
END_TEST

/*
 * The value a P4/P6 draft suggests from usage: only for a near-quota or
 * throttled-at finding that started, never for P5 or an end, and never
 * without evidence.
 */
START_TEST(test_suggested_value)
{
	struct change	*c = change_new();
	double		 v = -1;

	c->kind = CHANGE_USAGE_NEAR_QUOTA;
	set_str(&c->old_value, "none");
	set_str(&c->new_value, "near_quota");
	ck_assert_int_eq(playbook_suggested_value(c, &v), 0);	/* no evidence */
	c->usage.set = 1;
	c->usage.peak = 41200;
	c->usage.suggested = 62000;	/* usage_suggest(): check_usage */
	ck_assert_int_eq(playbook_suggested_value(c, &v), 1);
	ck_assert(v == 62000);
	c->kind = CHANGE_THROTTLED_AT_QUOTA;
	set_str(&c->new_value, "throttled_at_quota");
	v = -1;
	ck_assert_int_eq(playbook_suggested_value(c, &v), 1);
	ck_assert(v == 62000);
	c->kind = CHANGE_THROTTLED_BELOW_QUOTA;		/* P5: not the quota */
	set_str(&c->new_value, "throttled_below_quota");
	ck_assert_int_eq(playbook_suggested_value(c, &v), 0);
	c->kind = CHANGE_USAGE_NEAR_QUOTA;		/* ended */
	set_str(&c->old_value, "near_quota");
	set_str(&c->new_value, "none");
	ck_assert_int_eq(playbook_suggested_value(c, &v), 0);
	c->kind = CHANGE_QUOTA_VALUE_CHANGED;		/* not a usage kind */
	set_str(&c->new_value, "near_quota");
	ck_assert_int_eq(playbook_suggested_value(c, &v), 0);
	change_free(c);
}
END_TEST

/*
 * The most telling failure: not enabled over credentials over access
 * denied over other errors over a throttle over a 5xx over no reply
 * over the deadline; and what says a region is not enabled.
 */
START_TEST(test_failure_rank)
{
	static const struct {
		long		 status;
		const char	*code, *message;
	} order[] = {
		{ 403, "UnrecognizedClientException",
		    "The security token included in the request is invalid." },
		{ 403, "ExpiredTokenException", "" },
		{ 403, "AccessDeniedException", "" },
		{ 400, "ValidationException", "" },
		{ 429, "ThrottlingException", "" },
		{ 500, NULL, "" },
		{ 0, "ConnectionRefused", "refused" },
		{ 0, "DeadlineExceeded", "" },
	};
	size_t	i;

	for (i = 1; i < sizeof(order) / sizeof(order[0]); i++)
		ck_assert_msg(playbook_failure_rank(order[i - 1].status,
		    order[i - 1].code, order[i - 1].message) >
		    playbook_failure_rank(order[i].status, order[i].code,
		    order[i].message), "%zu", i);
	ck_assert(playbook_region_not_enabled(403,
	    "UnrecognizedClientException", ""));
	ck_assert(playbook_region_not_enabled(400, "OptInRequired",
	    "The AWS Access Key Id needs a subscription: not subscribed"));
	ck_assert(!playbook_region_not_enabled(403, "AccessDeniedException",
	    "denied"));
	ck_assert(!playbook_region_not_enabled(0, NULL, NULL));
	/* Absent from ListRegions: collect.c's failure, read the same way. */
	ck_assert(playbook_region_not_enabled(200,
	    PLAYBOOK_CODE_REGION_NOT_LISTED, "absent from ListRegions"));
	ck_assert_int_eq(playbook_failure_rank(200,
	    PLAYBOOK_CODE_REGION_NOT_LISTED, ""), 7);
	ck_assert_str_eq(playbook_iam_action("ListRegions"),
	    "account:ListRegions");
	/* usage evidence (issue 13) */
	ck_assert_str_eq(playbook_iam_action("ListMetrics"),
	    "cloudwatch:ListMetrics");
	ck_assert_str_eq(playbook_iam_action("GetMetricData"),
	    "cloudwatch:GetMetricData");
	/* collect --org (issue 12) */
	ck_assert_str_eq(playbook_iam_action("ListAccounts"),
	    "organizations:ListAccounts");
	ck_assert_str_eq(playbook_iam_action("ListAccountsForParent"),
	    "organizations:ListAccountsForParent");
}
END_TEST

/* The access chart's category of each kind of model state. */
static const struct {
	struct playbook_model_state	 m;
	enum playbook_access		 want;
} access_rows[] = {
	{ { "AUTHORIZED", "AVAILABLE", "AVAILABLE", "AVAILABLE" },
	    PLAYBOOK_ACCESS_AUTHORIZED },
	{ { "NOT_AUTHORIZED", "AVAILABLE", "AVAILABLE", "AVAILABLE" },
	    PLAYBOOK_ACCESS_NOT_AUTHORIZED },
	{ { "NOT_AUTHORIZED", "NOT_AVAILABLE", "AVAILABLE", "AVAILABLE" },
	    PLAYBOOK_ACCESS_NOT_ENTITLED },
	{ { "AUTHORIZED", "AVAILABLE", "NOT_AVAILABLE", "AVAILABLE" },
	    PLAYBOOK_ACCESS_AGREEMENT },
	{ { "AUTHORIZED", "AVAILABLE", "PENDING", "AVAILABLE" },
	    PLAYBOOK_ACCESS_AGREEMENT },
	{ { "AUTHORIZED", "AVAILABLE", "AVAILABLE", "NOT_AVAILABLE" },
	    PLAYBOOK_ACCESS_NOT_OFFERED },
	{ { "AUTHORIZED", "AVAILABLE", "AVAILABLE", "SOMETHING_NEW" },
	    PLAYBOOK_ACCESS_UNKNOWN },
};

START_TEST(test_access)
{
	ck_assert_int_eq(playbook_access(&access_rows[_i].m),
	    access_rows[_i].want);
}
END_TEST

START_TEST(test_access_not_listed)
{
	ck_assert_int_eq(playbook_access(NULL), PLAYBOOK_ACCESS_NOT_OFFERED);
}
END_TEST

static Suite *
playbook_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("playbook");
	tc = tcase_create("rules");
	tcase_add_test(tc, test_rules_reply_facts);
	tcase_add_loop_test(tc, test_rules, 0,
	    sizeof(rule_rows) / sizeof(rule_rows[0]));
	suite_add_tcase(s, tc);
	tc = tcase_create("context");
	tcase_add_loop_test(tc, test_context, 0,
	    sizeof(context_rows) / sizeof(context_rows[0]));
	tcase_add_test(tc, test_context_no_regions);
	tcase_add_test(tc, test_context_removed_access);
	tcase_add_test(tc, test_context_profile_removed);
	suite_add_tcase(s, tc);
	tc = tcase_create("reasons");
	tcase_add_loop_test(tc, test_reasons, 0,
	    sizeof(reason_rows) / sizeof(reason_rows[0]));
	suite_add_tcase(s, tc);
	tc = tcase_create("states");
	tcase_add_test(tc, test_states);
	tcase_add_loop_test(tc, test_access, 0,
	    sizeof(access_rows) / sizeof(access_rows[0]));
	tcase_add_test(tc, test_access_not_listed);
	tcase_add_test(tc, test_region_fix);
	tcase_add_test(tc, test_assume_fix);
	tcase_add_test(tc, test_wanted_value);
	tcase_add_test(tc, test_suggested_value);
	suite_add_tcase(s, tc);
	tc = tcase_create("entries");
	tcase_add_test(tc, test_entry_lead);
	tcase_add_test(tc, test_open_verdicts);
	tcase_add_loop_test(tc, usage_verdicts, 0,
	    sizeof(usage_rows) / sizeof(usage_rows[0]));
	tcase_add_test(tc, test_failure_rank);
	tcase_add_loop_test(tc, test_lifecycle_windows, 0,
	    sizeof(window_rows) / sizeof(window_rows[0]));
	tcase_add_test(tc, test_lifecycle_no_date);
	suite_add_tcase(s, tc);
	tc = tcase_create("iam");
	tcase_add_loop_test(tc, test_iam, 0,
	    sizeof(iam_rows) / sizeof(iam_rows[0]));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(playbook_suite());
}
