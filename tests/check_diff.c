/*
 * check_diff.c: the differ, on small snapshots built in code.
 *
 * Each table row describes the subject row in the old and new snapshot
 * (or its absence); unchanged control rows sort before and after it so a
 * broken merge join shows up as extra changes.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "diff.h"
#include "snapshot.h"
#include "status.h"
#include "usage.h"
#include "util.h"
#include "helper_check.h"

#define REGION	"us-east-1"
#define RUN_ID	42LL

static char *
dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* --- models --- */

struct mspec {
	int		 present;
	const char	*lifecycle;
	const char	*types;
	const char	*auth;
	const char	*ent;
	const char	*agr;
	const char	*reg;
	long long	 first_run;
};

#define M_BASE	1, "ACTIVE", "ON_DEMAND,PROVISIONED", "AUTHORIZED", \
		"AVAILABLE", "AVAILABLE", "AVAILABLE"
#define M_NONE	0, NULL, NULL, NULL, NULL, NULL, NULL

static void
add_model(struct snapshot *s, const char *id, const struct mspec *m)
{
	struct model	*r;

	r = snapshot_add_model(s);
	r->model_id = xstrdup(id);
	r->model_name = xasprintf("Name of %s", id);
	r->provider = xstrdup("Anthropic");
	r->lifecycle = dup(m->lifecycle);
	r->inference_types = dup(m->types);
	r->authorization = dup(m->auth);
	r->entitlement = dup(m->ent);
	r->agreement = dup(m->agr);
	r->region_availability = dup(m->reg);
	r->first_run = m->first_run;
}

/* A region with two control models around "m.x" (if present). */
static void
model_snapshot(struct snapshot *s, const struct mspec *m)
{
	static const struct mspec	base = { M_BASE, 3 };

	memset(s, 0, sizeof(*s));
	s->region = xstrdup(REGION);
	add_model(s, "a.control", &base);
	if (m->present)
		add_model(s, "m.x", m);
	add_model(s, "z.control", &base);
	snapshot_sort(s);
}

static const struct model_row {
	const char	*label;
	struct mspec	 o, n;
	size_t		 nchanges;
	enum change_kind kind;
	const char	*oldv, *newv;
	const char	*entitlement;	/* expected context */
	long long	 first_run;	/* expected */
} model_rows[] = {
	{ "added", { M_NONE, 0 }, { M_BASE, 0 }, 1, CHANGE_MODEL_ADDED,
	    "", "AUTHORIZED", "AVAILABLE", RUN_ID },
	{ "added keeps first_run", { M_NONE, 0 },
	    { 1, "ACTIVE", "ON_DEMAND", "NOT_AUTHORIZED", "NOT_AVAILABLE",
	    "AVAILABLE", "AVAILABLE", 7 }, 1, CHANGE_MODEL_ADDED,
	    "", "NOT_AUTHORIZED", "NOT_AVAILABLE", 7 },
	{ "removed", { M_BASE, 5 }, { M_NONE, 0 }, 1, CHANGE_MODEL_REMOVED,
	    "AUTHORIZED", "", "", RUN_ID },
	{ "lifecycle", { M_BASE, 0 },
	    { 1, "LEGACY", "ON_DEMAND,PROVISIONED", "AUTHORIZED", "AVAILABLE",
	    "AVAILABLE", "AVAILABLE", 9 }, 1, CHANGE_MODEL_LIFECYCLE_CHANGED,
	    "ACTIVE", "LEGACY", "AVAILABLE", 9 },
	{ "inference types", { M_BASE, 0 },
	    { 1, "ACTIVE", "INFERENCE_PROFILE", "AUTHORIZED", "AVAILABLE",
	    "AVAILABLE", "AVAILABLE", 0 }, 1,
	    CHANGE_MODEL_INFERENCE_TYPES_CHANGED,
	    "ON_DEMAND,PROVISIONED", "INFERENCE_PROFILE", "AVAILABLE", RUN_ID },
	{ "inference types to empty set", { M_BASE, 0 },
	    { 1, "ACTIVE", "", "AUTHORIZED", "AVAILABLE", "AVAILABLE",
	    "AVAILABLE", 0 }, 1, CHANGE_MODEL_INFERENCE_TYPES_CHANGED,
	    "ON_DEMAND,PROVISIONED", "", "AVAILABLE", RUN_ID },
	{ "access granted",
	    { 1, "ACTIVE", "ON_DEMAND,PROVISIONED", "NOT_AUTHORIZED",
	    "AVAILABLE", "AVAILABLE", "AVAILABLE", 0 }, { M_BASE, 0 }, 1,
	    CHANGE_ACCESS_GRANTED, "NOT_AUTHORIZED", "AUTHORIZED",
	    "AVAILABLE", RUN_ID },
	{ "access lost", { M_BASE, 0 },
	    { 1, "ACTIVE", "ON_DEMAND,PROVISIONED", "NOT_AUTHORIZED",
	    "AVAILABLE", "AVAILABLE", "AVAILABLE", 0 }, 1,
	    CHANGE_ACCESS_LOST, "AUTHORIZED", "NOT_AUTHORIZED", "AVAILABLE",
	    RUN_ID },
	{ "access lost to an unknown value", { M_BASE, 0 },
	    { 1, "ACTIVE", "ON_DEMAND,PROVISIONED", "SUSPENDED",
	    "AVAILABLE", "AVAILABLE", "AVAILABLE", 0 }, 1,
	    CHANGE_ACCESS_LOST, "AUTHORIZED", "SUSPENDED", "AVAILABLE",
	    RUN_ID },
	{ "unknown value from an unknown one is no change",
	    { 1, "ACTIVE", "ON_DEMAND,PROVISIONED", "NOT_AUTHORIZED",
	    "AVAILABLE", "AVAILABLE", "AVAILABLE", 0 },
	    { 1, "ACTIVE", "ON_DEMAND,PROVISIONED", "SUSPENDED",
	    "AVAILABLE", "AVAILABLE", "AVAILABLE", 0 }, 0,
	    CHANGE_ACCESS_LOST, "", "", "", 0 },
	{ "authorization not collected is no change", { M_BASE, 0 },
	    { 1, "ACTIVE", "ON_DEMAND,PROVISIONED", NULL, "", "", "", 0 }, 0,
	    CHANGE_ACCESS_LOST, "", "", "", 0 },
	{ "authorization collected again is no change",
	    { 1, "ACTIVE", "ON_DEMAND,PROVISIONED", "", NULL, NULL, NULL, 0 },
	    { M_BASE, 0 }, 0, CHANGE_ACCESS_GRANTED, "", "", "", 0 },
	{ "lifecycle not collected is no change", { M_BASE, 0 },
	    { 1, "", "ON_DEMAND,PROVISIONED", "AUTHORIZED", "AVAILABLE",
	    "AVAILABLE", "AVAILABLE", 0 }, 0, CHANGE_ACCESS_GRANTED, "", "",
	    "", 0 },
	{ "entitlement", { M_BASE, 0 },
	    { 1, "ACTIVE", "ON_DEMAND,PROVISIONED", "AUTHORIZED",
	    "NOT_AVAILABLE", "AVAILABLE", "AVAILABLE", 0 }, 1,
	    CHANGE_ENTITLEMENT_CHANGED, "AVAILABLE", "NOT_AVAILABLE",
	    "NOT_AVAILABLE", RUN_ID },
	{ "agreement", { M_BASE, 0 },
	    { 1, "ACTIVE", "ON_DEMAND,PROVISIONED", "AUTHORIZED", "AVAILABLE",
	    "PENDING", "AVAILABLE", 0 }, 1, CHANGE_AGREEMENT_CHANGED,
	    "AVAILABLE", "PENDING", "AVAILABLE", RUN_ID },
	{ "region availability", { M_BASE, 0 },
	    { 1, "ACTIVE", "ON_DEMAND,PROVISIONED", "AUTHORIZED", "AVAILABLE",
	    "AVAILABLE", "NOT_AVAILABLE", 0 }, 1,
	    CHANGE_REGION_AVAILABILITY_CHANGED, "AVAILABLE", "NOT_AVAILABLE",
	    "AVAILABLE", RUN_ID },
	{ "first_run alone is no change", { M_BASE, 3 }, { M_BASE, 8 }, 0,
	    CHANGE_MODEL_ADDED, "", "", "", 0 },
};

START_TEST(test_model_kinds)
{
	const struct model_row	*r = &model_rows[_i];
	struct snapshot		 o, n;
	struct change_list	 l = { NULL, 0, 0 };
	const struct change	*c;
	size_t			 got;

	model_snapshot(&o, &r->o);
	model_snapshot(&n, &r->n);
	got = diff_region(&o, &n, RUN_ID, &l);
	ck_assert_msg(got == r->nchanges, "%s: %zu changes", r->label, got);
	ck_assert_uint_eq(l.len, got);
	if (r->nchanges == 1) {
		c = l.items[0];
		ck_assert_msg(c->kind == r->kind, "%s: kind %s", r->label,
		    change_kind_name(c->kind));
		ck_assert_str_eq(c->region, REGION);
		ck_assert_str_eq(c->subject, "m.x");
		ck_assert_str_eq(c->subject_name, "Name of m.x");
		ck_assert_str_eq(c->old_value, r->oldv);
		ck_assert_str_eq(c->new_value, r->newv);
		ck_assert_str_eq(c->entitlement, r->entitlement);
		ck_assert_int_eq(c->run_id, RUN_ID);
		ck_assert_int_eq(c->first_run, r->first_run);
		ck_assert_int_eq(c->adjustable, -1);
		ck_assert_str_eq(c->quota_code, "");
		ck_assert_str_eq(c->desired_value, "");
	}
	change_list_free(&l);
	snapshot_free(&o);
	snapshot_free(&n);
}
END_TEST

START_TEST(test_model_several_fields)
{
	struct mspec		 om = { M_BASE, 0 };
	struct mspec		 nm = { 1, "LEGACY", "PROVISIONED",
				    "NOT_AUTHORIZED", "NOT_AVAILABLE", "ERROR",
				    "NOT_AVAILABLE", 0 };
	static const enum change_kind	want[] = {
		CHANGE_MODEL_LIFECYCLE_CHANGED,
		CHANGE_MODEL_INFERENCE_TYPES_CHANGED,
		CHANGE_ACCESS_LOST,
		CHANGE_ENTITLEMENT_CHANGED,
		CHANGE_AGREEMENT_CHANGED,
		CHANGE_REGION_AVAILABILITY_CHANGED,
	};
	struct snapshot		 o, n;
	struct change_list	 l = { NULL, 0, 0 };
	size_t			 i;

	model_snapshot(&o, &om);
	model_snapshot(&n, &nm);
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l), 6);
	for (i = 0; i < 6; i++) {
		ck_assert_int_eq(l.items[i]->kind, want[i]);
		ck_assert_str_eq(l.items[i]->subject, "m.x");
		ck_assert_str_eq(l.items[i]->entitlement, "NOT_AVAILABLE");
	}
	ck_assert_str_eq(l.items[3]->old_value, "AVAILABLE");
	ck_assert_str_eq(l.items[4]->new_value, "ERROR");
	change_list_free(&l);
	snapshot_free(&o);
	snapshot_free(&n);
}
END_TEST

/* Set the four lifecycle dates of "m.x" (models[1]); NULL: absent. */
static void
set_dates(struct snapshot *s, const char *start, const char *legacy,
    const char *ext, const char *eol)
{
	struct model	*m = &s->models[1];

	ck_assert_str_eq(m->model_id, "m.x");
	m->start_of_life = dup(start);
	m->legacy_time = dup(legacy);
	m->extended_access = dup(ext);
	m->end_of_life = dup(eol);
}

/*
 * A lifecycle date that moves is one model_lifecycle_date_changed naming
 * the field, in lifecycle order after the status; a date that appears
 * or goes is not a change (rows from before 0003 have none).
 */
START_TEST(test_lifecycle_dates)
{
	struct mspec		 om = { M_BASE, 0 };
	struct mspec		 nm = { 1, "LEGACY", "ON_DEMAND,PROVISIONED",
				    "AUTHORIZED", "AVAILABLE", "AVAILABLE",
				    "AVAILABLE", 4 };
	struct snapshot		 o, n;
	struct change_list	 l = { NULL, 0, 0 };
	const struct change	*c;

	model_snapshot(&o, &om);
	model_snapshot(&n, &nm);
	set_dates(&o, "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z", NULL,
	    "2025-07-01T00:00:00Z");
	set_dates(&n, "2024-01-01T00:00:00Z", "2025-02-01T00:00:00Z",
	    "2025-04-01T00:00:00Z", "2025-06-01T00:00:00Z");
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l), 3);
	ck_assert_int_eq(l.items[0]->kind, CHANGE_MODEL_LIFECYCLE_CHANGED);
	ck_assert_str_eq(l.items[0]->field, "");
	c = l.items[1];
	ck_assert_int_eq(c->kind, CHANGE_MODEL_LIFECYCLE_DATE_CHANGED);
	ck_assert_str_eq(c->field, "legacy_time");
	ck_assert_str_eq(c->old_value, "2025-01-01T00:00:00Z");
	ck_assert_str_eq(c->new_value, "2025-02-01T00:00:00Z");
	ck_assert_str_eq(c->subject, "m.x");
	ck_assert_str_eq(c->entitlement, "AVAILABLE");
	ck_assert_int_eq(c->first_run, 4);
	c = l.items[2];
	ck_assert_int_eq(c->kind, CHANGE_MODEL_LIFECYCLE_DATE_CHANGED);
	ck_assert_str_eq(c->field, "end_of_life_time");
	ck_assert_str_eq(c->old_value, "2025-07-01T00:00:00Z");
	ck_assert_str_eq(c->new_value, "2025-06-01T00:00:00Z");
	change_list_free(&l);
	snapshot_free(&o);
	snapshot_free(&n);

	/* Withdrawn and set again, nothing moved: no change. */
	model_snapshot(&o, &om);
	model_snapshot(&n, &om);
	set_dates(&o, "2024-01-01T00:00:00Z", NULL, NULL, "2025-07-01T00:00:00Z");
	set_dates(&n, NULL, "2025-02-01T00:00:00Z", NULL,
	    "2025-07-01T00:00:00Z");
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l), 0);
	change_list_free(&l);
	snapshot_free(&o);
	snapshot_free(&n);
}
END_TEST

/* --- quotas --- */

struct qspec {
	int	present;
	int	has_applied;
	double	applied;
	int	has_default;
	double	def;
	int	adjustable;
};

struct want_change {
	enum change_kind kind;
	const char	*oldv, *newv;
};

static void
add_quota(struct snapshot *s, const char *code, const struct qspec *q)
{
	struct quota	*r;

	r = snapshot_add_quota(s);
	r->quota_code = xstrdup(code);
	r->quota_name = xasprintf("Quota %s", code);
	r->unit = xstrdup("None");
	r->has_applied = q->has_applied;
	r->applied_value = q->applied;
	r->has_default = q->has_default;
	r->default_value = q->def;
	r->adjustable = q->adjustable;
}

static void
quota_snapshot(struct snapshot *s, const struct qspec *q)
{
	static const struct qspec	base = { 1, 1, 10, 1, 10, 1 };

	memset(s, 0, sizeof(*s));
	s->region = xstrdup(REGION);
	add_quota(s, "L-00000000", &base);
	if (q->present)
		add_quota(s, "L-2DC80978", q);
	add_quota(s, "L-FFFFFFFF", &base);
	snapshot_sort(s);
}

static const struct quota_row {
	const char	*label;
	struct qspec	 o, n;
	size_t		 nchanges;
	struct want_change ch[2];
	/* context expected on ch[0] */
	const char	*old_applied, *new_applied, *new_default;
	int		 adjustable, followed;
} quota_rows[] = {
	{ "added", { 0, 0, 0, 0, 0, 0 }, { 1, 1, 100, 1, 200, 1 }, 1,
	    { { CHANGE_QUOTA_ADDED, "", "100" } }, "", "100", "200", 1, 0 },
	{ "added without applied value", { 0, 0, 0, 0, 0, 0 },
	    { 1, 0, 0, 1, 200, 0 }, 1, { { CHANGE_QUOTA_ADDED, "", "" } },
	    "", "", "200", 0, 0 },
	{ "removed", { 1, 1, 100, 1, 200, 1 }, { 0, 0, 0, 0, 0, 0 }, 1,
	    { { CHANGE_QUOTA_REMOVED, "100", "" } }, "100", "", "", -1, 0 },
	{ "default lowered, applied followed",
	    { 1, 1, 1000, 1, 1000, 1 }, { 1, 1, 500, 1, 500, 1 }, 1,
	    { { CHANGE_QUOTA_DEFAULT_CHANGED, "1000", "500" } },
	    "1000", "500", "500", 1, 1 },
	{ "default lowered, applied kept",
	    { 1, 1, 1000, 1, 1000, 0 }, { 1, 1, 1000, 1, 500, 0 }, 1,
	    { { CHANGE_QUOTA_DEFAULT_CHANGED, "1000", "500" } },
	    "1000", "1000", "500", 0, 0 },
	{ "default lowered, applied raised on its own",
	    { 1, 1, 1000, 1, 1000, 1 }, { 1, 1, 2000, 1, 500, 1 }, 2,
	    { { CHANGE_QUOTA_DEFAULT_CHANGED, "1000", "500" },
	    { CHANGE_QUOTA_VALUE_CHANGED, "1000", "2000" } },
	    "1000", "2000", "500", 1, 0 },
	{ "default lowered, applied unset",
	    { 1, 1, 1000, 1, 1000, 1 }, { 1, 0, 0, 1, 500, 1 }, 2,
	    { { CHANGE_QUOTA_DEFAULT_CHANGED, "1000", "500" },
	    { CHANGE_QUOTA_VALUE_CHANGED, "1000", "" } },
	    "1000", "", "500", 1, 0 },
	{ "default raised, applied followed",
	    { 1, 1, 50, 1, 100, 1 }, { 1, 1, 60, 1, 200, 1 }, 1,
	    { { CHANGE_QUOTA_DEFAULT_CHANGED, "100", "200" } },
	    "50", "60", "200", 1, 1 },
	{ "default no longer reported",
	    { 1, 1, 5, 1, 100, 1 }, { 1, 1, 5, 0, 0, 1 }, 1,
	    { { CHANGE_QUOTA_DEFAULT_CHANGED, "100", "" } },
	    "5", "5", "", 1, 0 },
	{ "applied lowered", { 1, 1, 1000, 1, 1000, 1 },
	    { 1, 1, 10, 1, 1000, 1 }, 1,
	    { { CHANGE_QUOTA_VALUE_CHANGED, "1000", "10" } },
	    "1000", "10", "1000", 1, 0 },
	{ "applied set -> not set", { 1, 1, 1000, 1, 1000, 1 },
	    { 1, 0, 0, 1, 1000, 1 }, 1,
	    { { CHANGE_QUOTA_VALUE_CHANGED, "1000", "" } },
	    "1000", "", "1000", 1, 0 },
	{ "applied not set -> set", { 1, 0, 0, 1, 1000, 0 },
	    { 1, 1, 4, 1, 1000, 0 }, 1,
	    { { CHANGE_QUOTA_VALUE_CHANGED, "", "4" } },
	    "", "4", "1000", 0, 0 },
	{ "fractional applied", { 1, 1, 0.5, 1, 1, 1 },
	    { 1, 1, 0.25, 1, 1, 1 }, 1,
	    { { CHANGE_QUOTA_VALUE_CHANGED, "0.5", "0.25" } },
	    "0.5", "0.25", "1", 1, 0 },
	{ "adjustable turned false", { 1, 1, 10, 1, 10, 1 },
	    { 1, 1, 10, 1, 10, 0 }, 1,
	    { { CHANGE_QUOTA_ADJUSTABLE_CHANGED, "true", "false" } },
	    "10", "10", "10", 0, 0 },
	{ "adjustable turned true", { 1, 1, 10, 1, 10, 0 },
	    { 1, 1, 10, 1, 10, 1 }, 1,
	    { { CHANGE_QUOTA_ADJUSTABLE_CHANGED, "false", "true" } },
	    "10", "10", "10", 1, 0 },
	{ "applied lowered and adjustable off", { 1, 1, 10, 1, 10, 1 },
	    { 1, 1, 2, 1, 10, 0 }, 2,
	    { { CHANGE_QUOTA_VALUE_CHANGED, "10", "2" },
	    { CHANGE_QUOTA_ADJUSTABLE_CHANGED, "true", "false" } },
	    "10", "2", "10", 0, 0 },
	{ "identical", { 1, 1, 10, 1, 20, 1 }, { 1, 1, 10, 1, 20, 1 }, 0,
	    { { CHANGE_QUOTA_ADDED, "", "" } }, "", "", "", 0, 0 },
	{ "stale applied value ignored when not set",
	    { 1, 0, 123, 1, 20, 1 }, { 1, 0, 456, 1, 20, 1 }, 0,
	    { { CHANGE_QUOTA_ADDED, "", "" } }, "", "", "", 0, 0 },
};

/*
 * The number the differ set next to "text" says the same: unset for ""
 * or when the text is not a number ("numeric" 0), else equal to it.
 */
static void
check_num(const char *label, const char *text, const struct change_num *n,
    int numeric)
{
	if (!numeric || *text == '\0') {
		ck_assert_msg(!n->set, "%s: \"%s\" has a number", label, text);
		return;
	}
	ck_assert_msg(n->set && n->v == strtod(text, NULL),
	    "%s: \"%s\" has number %g (set %d)", label, text, n->v, n->set);
}

START_TEST(test_quota_kinds)
{
	const struct quota_row	*r = &quota_rows[_i];
	struct snapshot		 o, n;
	struct change_list	 l = { NULL, 0, 0 };
	const struct change	*c;
	size_t			 got, i;

	quota_snapshot(&o, &r->o);
	quota_snapshot(&n, &r->n);
	got = diff_region(&o, &n, RUN_ID, &l);
	ck_assert_msg(got == r->nchanges, "%s: %zu changes", r->label, got);
	for (i = 0; i < got; i++) {
		c = l.items[i];
		ck_assert_msg(c->kind == r->ch[i].kind, "%s: kind %s",
		    r->label, change_kind_name(c->kind));
		ck_assert_str_eq(c->subject, "L-2DC80978");
		ck_assert_str_eq(c->subject_name, "Quota L-2DC80978");
		ck_assert_str_eq(c->old_value, r->ch[i].oldv);
		ck_assert_str_eq(c->new_value, r->ch[i].newv);
		ck_assert_str_eq(c->entitlement, "");
		check_num(r->label, c->old_value, &c->old_num,
		    c->kind != CHANGE_QUOTA_ADJUSTABLE_CHANGED);
		check_num(r->label, c->new_value, &c->new_num,
		    c->kind != CHANGE_QUOTA_ADJUSTABLE_CHANGED);
		check_num(r->label, c->old_applied, &c->old_applied_num, 1);
		check_num(r->label, c->new_applied, &c->new_applied_num, 1);
		check_num(r->label, c->new_default, &c->new_default_num, 1);
	}
	if (got > 0) {
		c = l.items[0];
		ck_assert_str_eq(c->old_applied, r->old_applied);
		ck_assert_str_eq(c->new_applied, r->new_applied);
		ck_assert_str_eq(c->new_default, r->new_default);
		ck_assert_int_eq(c->adjustable, r->adjustable);
		ck_assert_int_eq(c->applied_followed, r->followed);
	}
	change_list_free(&l);
	snapshot_free(&o);
	snapshot_free(&n);
}
END_TEST

/* Mark row "L-2DC80978" (quotas[1]) as sent with an ErrorReason. */
static void
set_error(struct snapshot *s)
{
	ck_assert_str_eq(s->quotas[1].quota_code, "L-2DC80978");
	s->quotas[1].error_code = xstrdup("DEPENDENCY_THROTTLING_ERROR");
}

/*
 * An applied value AWS could not report (ErrorReason) is unknown: its
 * coming or going is no quota_value_changed, and every change of the
 * quota says applied_unknown so the playbook reads nothing from "".
 */
START_TEST(test_quota_unknown)
{
	static const struct qspec	set1000 = { 1, 1, 1000, 1, 1000, 1 };
	static const struct qspec	err500 = { 1, 0, 0, 1, 500, 1 };
	static const struct qspec	set5 = { 1, 1, 5, 1, 500, 1 };
	struct snapshot			 o, n;
	struct change_list		 l = { NULL, 0, 0 };
	const struct change		*c;

	/* Known -> unknown while the default drops: the default only. */
	quota_snapshot(&o, &set1000);
	quota_snapshot(&n, &err500);
	set_error(&n);
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l), 1);
	c = l.items[0];
	ck_assert_int_eq(c->kind, CHANGE_QUOTA_DEFAULT_CHANGED);
	ck_assert_int_eq(c->applied_unknown, 1);
	ck_assert_int_eq(c->applied_followed, 0);
	ck_assert_str_eq(c->old_applied, "1000");
	ck_assert_str_eq(c->new_applied, "");
	change_list_free(&l);
	snapshot_free(&o);
	/* Unknown -> known: no change of the applied value either. */
	quota_snapshot(&o, &set5);
	ck_assert_uint_eq(diff_region(&n, &o, RUN_ID, &l), 0);
	snapshot_free(&o);
	/* Unknown on both sides, nothing else moved: no change. */
	quota_snapshot(&o, &err500);
	set_error(&o);
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l), 0);
	snapshot_free(&o);
	snapshot_free(&n);
	/* Added while unknown: no value, flagged. */
	quota_snapshot(&o, &(const struct qspec){ 0, 0, 0, 0, 0, 0 });
	quota_snapshot(&n, &err500);
	set_error(&n);
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l), 1);
	ck_assert_int_eq(l.items[0]->kind, CHANGE_QUOTA_ADDED);
	ck_assert_int_eq(l.items[0]->applied_unknown, 1);
	ck_assert_int_eq(l.items[0]->new_num.set, 0);
	change_list_free(&l);
	snapshot_free(&o);
	snapshot_free(&n);
}
END_TEST

/* Add "code" at "level" for resource "id" (""/"" for the account). */
static void
add_quota_at(struct snapshot *s, const char *code, const char *level,
    const char *id, double applied)
{
	static const struct qspec	q = { 1, 1, 0, 1, 10, 1 };
	struct quota			*r;

	add_quota(s, code, &q);
	r = &s->quotas[s->quotasz - 1];
	r->applied_value = applied;
	r->level = xstrdup(level);
	r->context_scope = xstrdup(*id != '\0' ? "RESOURCE" : "");
	r->context_id = xstrdup(id);
}

/*
 * One code at the account and at a resource level is two subjects of
 * the merge join: only the row that moved is a change, nothing is added
 * or removed, and both rows sort by the whole key.
 */
START_TEST(test_quota_levels)
{
	struct snapshot		 o, n;
	struct change_list	 l = { NULL, 0, 0 };
	int			 k;

	for (k = 0; k < 2; k++) {
		memset(k == 0 ? &o : &n, 0, sizeof(o));
		add_quota_at(k == 0 ? &o : &n, "L-1", "RESOURCE", "arn:b",
		    k == 0 ? 5 : 6);
		add_quota_at(k == 0 ? &o : &n, "L-1", "ACCOUNT", "", 7);
		add_quota_at(k == 0 ? &o : &n, "L-1", "RESOURCE", "arn:a", 8);
		snapshot_sort(k == 0 ? &o : &n);
	}
	ck_assert_str_eq(o.quotas[0].level, "ACCOUNT");
	ck_assert_str_eq(o.quotas[2].context_id, "arn:b");
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l), 1);
	ck_assert_int_eq(l.items[0]->kind, CHANGE_QUOTA_VALUE_CHANGED);
	ck_assert_str_eq(l.items[0]->subject, "L-1");
	ck_assert_str_eq(l.items[0]->level, "RESOURCE");
	ck_assert_str_eq(l.items[0]->context_scope, "RESOURCE");
	ck_assert_str_eq(l.items[0]->context_id, "arn:b");
	ck_assert_str_eq(l.items[0]->old_value, "5");
	ck_assert_str_eq(l.items[0]->new_value, "6");
	change_list_free(&l);
	snapshot_free(&o);
	snapshot_free(&n);
}
END_TEST

/* --- quota requests --- */

struct rspec {
	int		 present;
	const char	*status;
};

static void
request_snapshot(struct snapshot *s, const struct rspec *q, double applied)
{
	static const struct qspec	qs = { 1, 1, 0, 1, 800, 1 };
	struct qspec			 mine = qs;
	struct qrequest			*r;

	memset(s, 0, sizeof(*s));
	s->region = xstrdup(REGION);
	mine.applied = applied;
	add_quota(s, "L-2DC80978", &mine);
	if (q->present) {
		r = snapshot_add_request(s);
		r->request_id = xstrdup("req-1");
		r->quota_code = xstrdup("L-2DC80978");
		r->quota_name = xstrdup("On-demand requests per minute");
		r->desired_value = 2000;
		r->has_desired = 1;
		r->status = xstrdup(q->status);
		r->case_id = xstrdup("");
		r->created = xstrdup("2025-06-01T00:00:00Z");
		r->last_updated = xstrdup("");
		r->first_run = 11;
	}
	snapshot_sort(s);
}

static const struct request_row {
	const char	*label;
	struct rspec	 o, n;
	size_t		 nchanges;
	enum change_kind kind;
	const char	*oldv, *newv;
} request_rows[] = {
	{ "created", { 0, NULL }, { 1, "PENDING" }, 1,
	    CHANGE_QUOTA_REQUEST_CREATED, "", "PENDING" },
	{ "created already denied", { 0, NULL }, { 1, "DENIED" }, 1,
	    CHANGE_QUOTA_REQUEST_CREATED, "", "DENIED" },
	{ "status", { 1, "PENDING" }, { 1, "CASE_OPENED" }, 1,
	    CHANGE_QUOTA_REQUEST_STATUS_CHANGED, "PENDING", "CASE_OPENED" },
	{ "denied", { 1, "CASE_OPENED" }, { 1, "DENIED" }, 1,
	    CHANGE_QUOTA_REQUEST_STATUS_CHANGED, "CASE_OPENED", "DENIED" },
	{ "aged out of the history", { 1, "APPROVED" }, { 0, NULL }, 0,
	    CHANGE_QUOTA_REQUEST_CREATED, "", "" },
	{ "identical", { 1, "PENDING" }, { 1, "PENDING" }, 0,
	    CHANGE_QUOTA_REQUEST_CREATED, "", "" },
};

START_TEST(test_request_kinds)
{
	const struct request_row	*r = &request_rows[_i];
	struct snapshot			 o, n;
	struct change_list		 l = { NULL, 0, 0 };
	const struct change		*c;
	size_t				 got;

	request_snapshot(&o, &r->o, 400);
	request_snapshot(&n, &r->n, 400);
	got = diff_region(&o, &n, RUN_ID, &l);
	ck_assert_msg(got == r->nchanges, "%s: %zu changes", r->label, got);
	if (got == 1) {
		c = l.items[0];
		ck_assert_int_eq(c->kind, r->kind);
		ck_assert_str_eq(c->subject, "req-1");
		ck_assert_str_eq(c->subject_name,
		    "On-demand requests per minute");
		ck_assert_str_eq(c->quota_code, "L-2DC80978");
		ck_assert_str_eq(c->desired_value, "2000");
		ck_assert_str_eq(c->old_value, r->oldv);
		ck_assert_str_eq(c->new_value, r->newv);
		ck_assert_str_eq(c->old_applied, "400");
		ck_assert_str_eq(c->new_applied, "400");
		ck_assert_str_eq(c->new_default, "800");
		ck_assert_int_eq(c->adjustable, 1);
		ck_assert_int_eq(c->first_run, 11);
	}
	change_list_free(&l);
	snapshot_free(&o);
	snapshot_free(&n);
}
END_TEST

/*
 * The list of "part" failed after "o" (freed here) was recorded: no row
 * of it is removed; and a part never known before is a baseline when it
 * arrives: no row of it is added.
 */
static void
check_list_failed(struct snapshot *o, enum region_part part)
{
	struct snapshot		n;
	struct change_list	l = { NULL, 0, 0 };

	memset(&n, 0, sizeof(n));
	n.region = xstrdup(REGION);
	n.unknown = REGION_PART_BIT(part);
	ck_assert_uint_eq(diff_region(o, &n, RUN_ID, &l), 0);
	ck_assert_uint_eq(diff_region(&n, o, RUN_ID, &l), 0);
	snapshot_free(o);
	snapshot_free(&n);
}

/*
 * Unknown is no change: a model whose availability call failed loses no
 * access (and a new one is not added), a part whose list failed (or was
 * never known) removes and adds nothing, and a request's quota context
 * falls back to the last known quota.
 */
START_TEST(test_unknown_parts)
{
	static const struct mspec	base = { M_BASE, 0 };
	static const struct mspec	lost = { 1, "LEGACY",
	    "ON_DEMAND,PROVISIONED", NULL, NULL, NULL, NULL, 0 };
	static const struct qspec	set1000 = { 1, 1, 1000, 1, 1000, 1 };
	static const struct rspec	pending = { 1, "PENDING" };
	static const struct rspec	opened = { 1, "CASE_OPENED" };
	struct snapshot			 o, n;
	struct change_list		 l = { NULL, 0, 0 };
	struct model			*m;
	size_t				 nq;

	/* Access unknown: the lifecycle moved, nothing about access. */
	model_snapshot(&o, &base);
	model_snapshot(&n, &lost);
	ck_assert_ptr_nonnull(m = (struct model *)snapshot_find_model(&n,
	    "m.x"));
	m->access_unknown = 1;
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l), 1);
	ck_assert_int_eq(l.items[0]->kind, CHANGE_MODEL_LIFECYCLE_CHANGED);
	change_list_free(&l);
	snapshot_free(&o);
	/* New while its access is unknown: not added yet. */
	model_snapshot(&o, &(const struct mspec){ M_NONE, 0 });
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l), 0);
	snapshot_free(&o);
	snapshot_free(&n);
	/* The model list failed, then the quota list. */
	model_snapshot(&o, &base);
	check_list_failed(&o, REGION_PART_MODELS);
	quota_snapshot(&o, &set1000);
	check_list_failed(&o, REGION_PART_QUOTAS);
	/* Quotas unknown, a request moved: context from the old quota. */
	request_snapshot(&o, &pending, 400);
	request_snapshot(&n, &opened, 400);
	/* Hidden, as collect leaves them (restored to be freed). */
	nq = n.quotasz;
	n.quotasz = 0;
	n.unknown = REGION_PART_BIT(REGION_PART_QUOTAS);
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l), 1);
	ck_assert_int_eq(l.items[0]->kind,
	    CHANGE_QUOTA_REQUEST_STATUS_CHANGED);
	ck_assert_str_eq(l.items[0]->new_applied, "400");
	change_list_free(&l);
	/* The request history failed: nothing about requests. */
	n.quotasz = nq;
	n.unknown = REGION_PART_BIT(REGION_PART_REQUESTS);
	ck_assert_uint_eq(diff_region(&n, &o, RUN_ID, &l), 0);
	snapshot_free(&o);
	snapshot_free(&n);
}
END_TEST

/* --- inference profiles --- */

static void
profile_snapshot(struct snapshot *s, const char *model_ids)
{
	struct profile	*p;

	memset(s, 0, sizeof(*s));
	s->region = xstrdup(REGION);
	if (model_ids != NULL) {
		p = snapshot_add_profile(s);
		p->profile_id = xstrdup("us.m.x");
		p->profile_name = xstrdup("US Model X");
		p->profile_type = xstrdup("SYSTEM_DEFINED");
		p->status = xstrdup("ACTIVE");
		p->model_ids = xstrdup(model_ids);
		p->regions = xstrdup("us-east-1,us-west-2");
	}
}

static const struct profile_row {
	const char	*label;
	const char	*o, *n;		/* model_ids; NULL: no profile */
	size_t		 nchanges;
	enum change_kind kind;
	const char	*oldv, *newv;
} profile_rows[] = {
	{ "added", NULL, "m.x", 1, CHANGE_PROFILE_ADDED, "", "m.x" },
	{ "removed", "m.x,m.y", NULL, 1, CHANGE_PROFILE_REMOVED,
	    "m.x,m.y", "" },
	{ "routing changed is no kind", "m.x", "m.x,m.y", 0,
	    CHANGE_PROFILE_ADDED, "", "" },
};

START_TEST(test_profile_kinds)
{
	const struct profile_row	*r = &profile_rows[_i];
	struct snapshot			 o, n;
	struct change_list		 l = { NULL, 0, 0 };
	size_t				 got;

	profile_snapshot(&o, r->o);
	profile_snapshot(&n, r->n);
	got = diff_region(&o, &n, RUN_ID, &l);
	ck_assert_msg(got == r->nchanges, "%s: %zu changes", r->label, got);
	if (got == 1) {
		ck_assert_int_eq(l.items[0]->kind, r->kind);
		ck_assert_str_eq(l.items[0]->subject, "us.m.x");
		ck_assert_str_eq(l.items[0]->subject_name, "US Model X");
		ck_assert_str_eq(l.items[0]->old_value, r->oldv);
		ck_assert_str_eq(l.items[0]->new_value, r->newv);
	}
	change_list_free(&l);
	snapshot_free(&o);
	snapshot_free(&n);
}
END_TEST

/* --- whole snapshots --- */

/* A snapshot with some of everything; "v" varies it. */
static void
rich_snapshot(struct snapshot *s, int v)
{
	struct mspec	m = { M_BASE, 0 };
	struct qspec	q = { 1, 1, 100, 1, 100, 1 };
	struct rspec	r = { 1, "PENDING" };

	request_snapshot(s, &r, 400);
	add_model(s, "b.model", &m);
	add_model(s, "a.model", &m);
	add_quota(s, "L-AAAAAAAA", &q);
	if (v) {
		add_model(s, "c.model", &m);
		q.applied = 50;
		add_quota(s, "L-00000001", &q);
		free(s->requests[0].status);
		s->requests[0].status = xstrdup("APPROVED");
	}
	snapshot_sort(s);
}

START_TEST(test_baseline)
{
	struct snapshot		n;
	struct change_list	l = { NULL, 0, 0 };

	rich_snapshot(&n, 1);
	ck_assert_uint_eq(diff_region(NULL, &n, RUN_ID, &l), 0);
	ck_assert_uint_eq(l.len, 0);
	snapshot_free(&n);
}
END_TEST

START_TEST(test_identical)
{
	struct snapshot		o, n;
	struct change_list	l = { NULL, 0, 0 };

	rich_snapshot(&o, 0);
	rich_snapshot(&n, 0);
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l), 0);
	ck_assert_uint_eq(diff_region(&o, &o, RUN_ID, &l), 0);
	ck_assert_uint_eq(l.len, 0);
	snapshot_free(&o);
	snapshot_free(&n);
}
END_TEST

START_TEST(test_empty_arrays)
{
	struct snapshot		o, n;
	struct change_list	l = { NULL, 0, 0 };
	size_t			i;

	memset(&o, 0, sizeof(o));
	memset(&n, 0, sizeof(n));
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l), 0);
	rich_snapshot(&n, 0);
	/* Everything in "n" is new: 2 models, 2 quotas, 1 request. */
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l), 5);
	for (i = 0; i < 2; i++)
		ck_assert_int_eq(l.items[i]->kind, CHANGE_MODEL_ADDED);
	for (; i < 4; i++)
		ck_assert_int_eq(l.items[i]->kind, CHANGE_QUOTA_ADDED);
	ck_assert_int_eq(l.items[4]->kind, CHANGE_QUOTA_REQUEST_CREATED);
	/* Its request context has no old quota to come from. */
	ck_assert_str_eq(l.items[4]->old_applied, "");
	ck_assert_str_eq(l.items[4]->new_applied, "400");
	/* And everything gone: appended after the first five. */
	ck_assert_uint_eq(diff_region(&n, &o, RUN_ID, &l), 4);
	ck_assert_uint_eq(l.len, 9);
	ck_assert_int_eq(l.items[5]->kind, CHANGE_MODEL_REMOVED);
	ck_assert_str_eq(l.items[5]->region, REGION);
	ck_assert_int_eq(l.items[8]->kind, CHANGE_QUOTA_REMOVED);
	change_list_free(&l);
	snapshot_free(&n);
}
END_TEST

START_TEST(test_order)
{
	struct snapshot		o, n;
	struct change_list	l = { NULL, 0, 0 };
	static const struct {
		enum change_kind kind;
		const char	*subject;
	} want[] = {
		{ CHANGE_MODEL_ADDED, "c.model" },
		{ CHANGE_QUOTA_ADDED, "L-00000001" },
		{ CHANGE_QUOTA_VALUE_CHANGED, "L-AAAAAAAA" },
		{ CHANGE_QUOTA_REQUEST_STATUS_CHANGED, "req-1" },
		{ CHANGE_PROFILE_ADDED, "us.m.x" },
	};
	struct profile	*p;
	size_t		 i;

	rich_snapshot(&o, 0);
	rich_snapshot(&n, 1);
	ck_assert_str_eq(n.quotas[2].quota_code, "L-AAAAAAAA");
	n.quotas[2].applied_value = 99;
	p = snapshot_add_profile(&n);
	p->profile_id = xstrdup("us.m.x");
	p->model_ids = xstrdup("c.model");
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l),
	    sizeof(want) / sizeof(want[0]));
	for (i = 0; i < l.len; i++) {
		ck_assert_int_eq(l.items[i]->kind, want[i].kind);
		ck_assert_str_eq(l.items[i]->subject, want[i].subject);
		/* NULL names and fields come out as "" */
		ck_assert_ptr_nonnull(l.items[i]->subject_name);
	}
	ck_assert_str_eq(l.items[4]->subject_name, "");
	change_list_free(&l);
	snapshot_free(&o);
	snapshot_free(&n);
}
END_TEST

START_TEST(test_duplicate_keys)
{
	struct snapshot		o, n;
	struct change_list	l = { NULL, 0, 0 };
	struct mspec		m = { M_BASE, 0 };

	model_snapshot(&o, &m);
	model_snapshot(&n, &m);
	add_model(&o, "m.x", &m);	/* duplicate, sorts adjacent */
	add_model(&n, "n.new", &m);
	snapshot_sort(&o);
	snapshot_sort(&n);
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l), 1);
	ck_assert_int_eq(l.items[0]->kind, CHANGE_MODEL_ADDED);
	ck_assert_str_eq(l.items[0]->subject, "n.new");
	change_list_free(&l);
	snapshot_free(&o);
	snapshot_free(&n);
}
END_TEST

/* --- scale: 150 models x 400 quotas --- */

#define SCALE_MODELS	150
#define SCALE_QUOTAS	400

static void
scale_snapshot(struct snapshot *s)
{
	struct mspec	m = { M_BASE, 1 };
	struct qspec	q = { 1, 1, 0, 1, 0, 1 };
	char		id[64];
	int		i;

	memset(s, 0, sizeof(*s));
	s->region = xstrdup(REGION);
	for (i = 0; i < SCALE_MODELS; i++) {
		snprintf(id, sizeof(id), "vendor.model-%03d-v1:0", i);
		add_model(s, id, &m);
	}
	for (i = 0; i < SCALE_QUOTAS; i++) {
		snprintf(id, sizeof(id), "L-%08X", (unsigned)i * 2654435761u);
		q.applied = q.def = 100 + i;
		add_quota(s, id, &q);
	}
	snapshot_sort(s);
}

START_TEST(test_scale)
{
	struct snapshot		o, n;
	struct change_list	l = { NULL, 0, 0 };
	size_t			i, lost = 0, lowered = 0;

	scale_snapshot(&o);
	scale_snapshot(&n);
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l), 0);
	for (i = 0; i < SCALE_MODELS; i += 10) {
		free(n.models[i].authorization);
		n.models[i].authorization = xstrdup("NOT_AUTHORIZED");
	}
	for (i = 0; i < SCALE_QUOTAS; i += 8) {
		n.quotas[i].default_value /= 2;
		n.quotas[i].applied_value /= 2;
	}
	ck_assert_uint_eq(diff_region(&o, &n, RUN_ID, &l),
	    SCALE_MODELS / 10 + SCALE_QUOTAS / 8);
	for (i = 0; i < l.len; i++) {
		if (l.items[i]->kind == CHANGE_ACCESS_LOST)
			lost++;
		else if (l.items[i]->kind == CHANGE_QUOTA_DEFAULT_CHANGED &&
		    l.items[i]->applied_followed)
			lowered++;
		if (i > 0 && l.items[i - 1]->kind == l.items[i]->kind)
			ck_assert_int_lt(strcmp(l.items[i - 1]->subject,
			    l.items[i]->subject), 0);
	}
	ck_assert_uint_eq(lost, SCALE_MODELS / 10);
	ck_assert_uint_eq(lowered, SCALE_QUOTAS / 8);
	change_list_free(&l);
	snapshot_free(&o);
	snapshot_free(&n);
}
END_TEST

/*
 * Usage findings: before -> now gives the end of the one before, then
 * the start of the one now; no move, no change.  Each change carries the
 * window's evidence, the quota's values and the series.
 */
static const struct usage_row_case {
	const char	*label;
	int		 before, now;
	size_t		 n;			/* changes */
	enum change_kind kind[2];
	const char	*oldv[2], *newv[2];
} usage_rows[] = {
	{ "none stays none", USAGE_FINDING_NONE, USAGE_FINDING_NONE, 0,
	    { 0, 0 }, { NULL, NULL }, { NULL, NULL } },
	{ "near stays near", USAGE_FINDING_NEAR_QUOTA,
	    USAGE_FINDING_NEAR_QUOTA, 0, { 0, 0 }, { NULL, NULL },
	    { NULL, NULL } },
	{ "near starts", USAGE_FINDING_NONE, USAGE_FINDING_NEAR_QUOTA, 1,
	    { CHANGE_USAGE_NEAR_QUOTA, 0 }, { "none", NULL },
	    { "near_quota", NULL } },
	{ "throttled below ends", USAGE_FINDING_THROTTLED_BELOW,
	    USAGE_FINDING_NONE, 1, { CHANGE_THROTTLED_BELOW_QUOTA, 0 },
	    { "throttled_below_quota", NULL }, { "none", NULL } },
	{ "near becomes throttled at", USAGE_FINDING_NEAR_QUOTA,
	    USAGE_FINDING_THROTTLED_AT, 2,
	    { CHANGE_USAGE_NEAR_QUOTA, CHANGE_THROTTLED_AT_QUOTA },
	    { "near_quota", "none" }, { "none", "throttled_at_quota" } },
	{ "throttled at starts", USAGE_FINDING_NONE,
	    USAGE_FINDING_THROTTLED_AT, 1, { CHANGE_THROTTLED_AT_QUOTA, 0 },
	    { "none", NULL }, { "throttled_at_quota", NULL } },
};

START_TEST(test_usage_findings)
{
	const struct usage_row_case	*r = &usage_rows[_i];
	struct diff_usage_quota		 q;
	struct change_list		 l = { NULL, 0, 0 };
	const struct change		*c;
	size_t				 i;

	memset(&q, 0, sizeof(q));
	q.quota_code = "L-1";
	q.quota_name = "Quota one";
	q.model_id = "us.m-1";
	q.applied = "50000";
	q.default_value = "40000";
	q.adjustable = 1;
	q.before = r->before;
	q.now = r->now;
	q.ev.peak = 41200;
	q.ev.peak_at = 1764770820;
	q.ev.quota = 50000;
	q.ev.percent = 82.4;
	q.ev.suggested = 62000;
	q.ev.tokens = 1;
	ck_assert_uint_eq(diff_usage("us-east-1", 7, &q, 1, &l), r->n);
	ck_assert_uint_eq(l.len, r->n);
	for (i = 0; i < l.len; i++) {
		c = l.items[i];
		ck_assert_msg(c->kind == r->kind[i], "%s: kind %d", r->label,
		    (int)c->kind);
		ck_assert_str_eq(c->old_value, r->oldv[i]);
		ck_assert_str_eq(c->new_value, r->newv[i]);
		ck_assert_int_eq(change_subject(c->kind), CHANGE_SUBJECT_QUOTA);
		ck_assert_str_eq(c->region, "us-east-1");
		ck_assert_str_eq(c->subject, "L-1");
		ck_assert_str_eq(c->subject_name, "Quota one");
		ck_assert_str_eq(c->usage_model, "us.m-1");
		ck_assert_str_eq(c->level, "ACCOUNT");
		ck_assert_str_eq(c->new_applied, "50000");
		ck_assert_str_eq(c->new_default, "40000");
		ck_assert(c->new_applied_num.set && c->new_applied_num.v == 50000);
		ck_assert_int_eq(c->adjustable, 1);
		ck_assert_int_eq(c->run_id, 7);
		ck_assert_int_eq(c->usage.set, 1);
		ck_assert(c->usage.peak == 41200 && c->usage.suggested == 62000);
		ck_assert_int_eq(c->usage.peak_at, 1764770820);
	}
	change_list_free(&l);
}
END_TEST

static Suite *
diff_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("diff");
	tc = tcase_create("baseline");
	tcase_add_test(tc, test_baseline);
	tcase_add_test(tc, test_identical);
	tcase_add_test(tc, test_empty_arrays);
	suite_add_tcase(s, tc);
	tc = tcase_create("models");
	tcase_add_loop_test(tc, test_model_kinds, 0,
	    sizeof(model_rows) / sizeof(model_rows[0]));
	tcase_add_test(tc, test_model_several_fields);
	tcase_add_test(tc, test_lifecycle_dates);
	suite_add_tcase(s, tc);
	tc = tcase_create("quotas");
	tcase_add_test(tc, test_quota_unknown);
	tcase_add_test(tc, test_quota_levels);
	tcase_add_loop_test(tc, test_quota_kinds, 0,
	    sizeof(quota_rows) / sizeof(quota_rows[0]));
	suite_add_tcase(s, tc);
	tc = tcase_create("requests");
	tcase_add_test(tc, test_unknown_parts);
	tcase_add_loop_test(tc, test_request_kinds, 0,
	    sizeof(request_rows) / sizeof(request_rows[0]));
	suite_add_tcase(s, tc);
	tc = tcase_create("profiles");
	tcase_add_loop_test(tc, test_profile_kinds, 0,
	    sizeof(profile_rows) / sizeof(profile_rows[0]));
	suite_add_tcase(s, tc);
	tc = tcase_create("order");
	tcase_add_test(tc, test_order);
	tcase_add_test(tc, test_duplicate_keys);
	tcase_add_test(tc, test_scale);
	tcase_add_loop_test(tc, test_usage_findings, 0,
	    sizeof(usage_rows) / sizeof(usage_rows[0]));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(diff_suite());
}
