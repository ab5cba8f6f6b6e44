/*
 * check_view.c: the views assembled from the store, and the acceptance
 * test of issue #9: the status view and the change report give every
 * model, quota and request state the same path and severity.
 *
 * Each test opens a private ":memory:" store, records runs in it and
 * reads the views back, as the status and diff commands do.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "diff.h"
#include "ingest.h"
#include "entry.h"
#include "playbook.h"
#include "report.h"
#include "snapshot.h"
#include "store.h"
#include "store_usage.h"
#include "usage.h"
#include "util.h"
#include "view.h"
#include "view_chart.h"
#include "helper_check.h"

#define T0	((time_t)1750000000)	/* 2025-06-15T15:06:40Z */
#define HOUR	((time_t)3600)
#define REGION	"us-east-1"

/* The values the walk tries; "" is unknown (not reported by AWS). */
static const char *const auths[] = { "AUTHORIZED", "NOT_AUTHORIZED", "" };
static const char *const avails[] = { "AVAILABLE", "NOT_AVAILABLE", "" };
static const char *const agreements[] = { "AVAILABLE", "PENDING",
	"NOT_AVAILABLE", "ERROR", "" };
static const char *const req_statuses[] = { "PENDING", "CASE_OPENED",
	"APPROVED", "DENIED", "NOT_APPROVED", "CASE_CLOSED",
	"INVALID_REQUEST", "SOMETHING_NEW" };

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* One quota state of the walk: applied vs default, adjustability. */
static const struct {
	const char	*code;
	int		 has_applied;
	double		 applied;
	int		 has_default;
	double		 def;
	int		 adjustable;
} quota_states[] = {
	{ "L-BELOW-ADJ", 1, 10, 1, 100, 1 },
	{ "L-BELOW-FIXED", 1, 10, 1, 100, 0 },
	{ "L-EQUAL-ADJ", 1, 100, 1, 100, 1 },
	{ "L-EQUAL-FIXED", 1, 100, 1, 100, 0 },
	{ "L-ABOVE-ADJ", 1, 1000, 1, 100, 1 },
	{ "L-ABOVE-FIXED", 1, 1000, 1, 100, 0 },
	{ "L-UNSET-ADJ", 0, 0, 1, 100, 1 },
	{ "L-NODEFAULT-FIXED", 1, 10, 0, 0, 0 },
};

static struct model *
add_model(struct snapshot *s, const char *id, const char *auth,
    const char *ent, const char *agree, const char *reg)
{
	struct model	*m = snapshot_add_model(s);

	m->model_id = xstrdup(id);
	m->model_name = xstrdup("");
	m->provider = xstrdup("Test");
	m->lifecycle = xstrdup("ACTIVE");
	m->inference_types = xstrdup("ON_DEMAND");
	m->authorization = xstrdup(auth);
	m->entitlement = xstrdup(ent);
	m->agreement = xstrdup(agree);
	m->region_availability = xstrdup(reg);
	return m;
}

static void
add_quota(struct snapshot *s, const char *code, int has_applied,
    double applied, int has_default, double def, int adjustable)
{
	struct quota	*q = snapshot_add_quota(s);

	q->quota_code = xstrdup(code);
	q->quota_name = xstrdup(code);
	q->has_applied = has_applied;
	q->applied_value = applied;
	q->has_default = has_default;
	q->default_value = def;
	q->unit = xstrdup("None");
	q->adjustable = adjustable;
}

static void
add_request(struct snapshot *s, const char *id, const char *status)
{
	struct qrequest	*r = snapshot_add_request(s);

	r->request_id = xstrdup(id);
	r->quota_code = xstrdup("L-EQUAL-ADJ");
	r->quota_name = xstrdup("L-EQUAL-ADJ");
	r->desired_value = 500;
	r->has_desired = 1;
	r->status = xstrdup(status);
	r->case_id = xstrdup("");
	r->created = xstrdup("");
	r->last_updated = xstrdup("");
}

/* The model ID that encodes combination (a, e, g, r) of the walk. */
static void
model_id(char *buf, size_t len, size_t a, size_t e, size_t g, size_t r)
{
	(void)snprintf(buf, len, "test.a%zu-e%zu-g%zu-r%zu", a, e, g, r);
}

/*
 * The walk's two states.  "old": every model healthy, every quota at its
 * default with its own adjustability (a quota without an applied value
 * or a default keeps that: the walk asks about the state, and "a value
 * disappeared" is a change of its own, rule 30), no requests.  "new":
 * every combination of model values, every quota state, one request per
 * status.
 */
static void
walk_states(struct snapshot *old, struct snapshot *new)
{
	char	id[64];
	size_t	a, e, g, r, i;

	memset(old, 0, sizeof(*old));
	memset(new, 0, sizeof(*new));
	old->region = xstrdup(REGION);
	new->region = xstrdup(REGION);
	for (a = 0; a < NELEM(auths); a++)
	for (e = 0; e < NELEM(avails); e++)
	for (g = 0; g < NELEM(agreements); g++)
	for (r = 0; r < NELEM(avails); r++) {
		model_id(id, sizeof(id), a, e, g, r);
		add_model(old, id, "AUTHORIZED", "AVAILABLE", "AVAILABLE",
		    "AVAILABLE");
		add_model(new, id, auths[a], avails[e], agreements[g],
		    avails[r]);
	}
	for (i = 0; i < NELEM(quota_states); i++) {
		add_quota(old, quota_states[i].code,
		    quota_states[i].has_applied, quota_states[i].has_default ?
		    quota_states[i].def : quota_states[i].applied,
		    quota_states[i].has_default, quota_states[i].def,
		    quota_states[i].adjustable);
		add_quota(new, quota_states[i].code,
		    quota_states[i].has_applied, quota_states[i].applied,
		    quota_states[i].has_default, quota_states[i].def,
		    quota_states[i].adjustable);
	}
	for (i = 0; i < NELEM(req_statuses); i++) {
		(void)snprintf(id, sizeof(id), "req-%zu", i);
		add_request(new, id, req_statuses[i]);
	}
	snapshot_sort(old);
	snapshot_sort(new);
}

/* Record "s" (and, if not NULL, a failure of "failed") as a new run. */
static long long
record(struct store *st, int n, const struct snapshot *s,
    const char *failed)
{
	long long	run;

	ck_assert_int_eq(store_run_begin(st, T0 + n * HOUR, &run), 0);
	ck_assert_int_eq(store_run_set_account(st, run, "123456789012"), 0);
	ck_assert_int_eq(store_region_ok(st, run, s, NULL), 0);
	if (failed != NULL)
		ck_assert_int_eq(store_region_failed(st, run, failed,
		    "ListFoundationModels", 403, "AccessDeniedException",
		    "denied"), 0);
	ck_assert_int_eq(store_run_finish(st, run, T0 + n * HOUR + 60,
	    failed != NULL ? RUN_STATUS_PARTIAL : RUN_STATUS_COMPLETE), 0);
	return run;
}

/*
 * What the change report says about "subject": the worst verdict of its
 * changes (playbook_worse()), info/info when it has none.
 */
static struct playbook_verdict
report_verdict(const struct change_list *l, const char *subject)
{
	struct playbook_verdict	v = { PATH_INFO, SEVERITY_INFO,
	    PLAYBOOK_REASON_NONE }, c;
	size_t			i;

	for (i = 0; i < l->len; i++) {
		if (strcmp(l->items[i]->subject, subject) != 0)
			continue;
		c.path = l->items[i]->path;
		c.severity = l->items[i]->severity;
		c.reason = PLAYBOOK_REASON_NONE;
		if (playbook_worse(&c, &v))
			v = c;
	}
	return v;
}

static const struct report_status_model *
status_model(const struct report_status *s, const char *id)
{
	size_t	i;

	for (i = 0; i < s->modelsz; i++)
		if (strcmp(s->models[i].model_id, id) == 0)
			return &s->models[i];
	return NULL;
}

static const struct report_status_quota *
status_quota(const struct report_status *s, const char *code)
{
	size_t	i;

	for (i = 0; i < s->quotasz; i++)
		if (strcmp(s->quotas[i].quota_code, code) == 0)
			return &s->quotas[i];
	return NULL;
}

static int
status_has_request(const struct report_status *s, const char *id)
{
	size_t	i;

	for (i = 0; i < s->requestsz; i++)
		if (strcmp(s->requests[i].request_id, id) == 0)
			return 1;
	return 0;
}

/* Assert that the status view and the change report agree on "id". */
static void
assert_same(const struct playbook_verdict *st, const struct change_list *l,
    const char *id)
{
	struct playbook_verdict	rep = report_verdict(l, id);

	ck_assert_msg(st->path == rep.path && st->severity == rep.severity,
	    "%s: status says %s/%s, change report %s/%s", id,
	    change_path_name(st->path), change_severity_name(st->severity),
	    change_path_name(rep.path), change_severity_name(rep.severity));
}

/* The entry of the diff about "subject", or NULL. */
static const struct entry *
entry_of(const struct view *vd, const char *subject)
{
	size_t	i;

	for (i = 0; i < vd->entries.len; i++)
		if (strcmp(vd->entries.items[i].subject, subject) == 0)
			return &vd->entries.items[i];
	return NULL;
}

/* Issue #10: an entry takes the path and severity the status view gives. */
static void
assert_entry(const struct playbook_verdict *st, const struct view *vd,
    const char *subject)
{
	const struct entry	*e = entry_of(vd, subject);
	enum change_path	 p = e != NULL ? e->path : PATH_INFO;
	enum change_severity	 sev = e != NULL ? e->severity : SEVERITY_INFO;

	ck_assert_msg(st->path == p && st->severity == sev,
	    "%s: status says %s/%s, its report entry %s/%s", subject,
	    change_path_name(st->path), change_severity_name(st->severity),
	    change_path_name(p), change_severity_name(sev));
}

static void
walk_models(const struct view_status *vs, const struct view *vd,
    size_t *listed)
{
	static const struct playbook_verdict none = { PATH_INFO,
	    SEVERITY_INFO, PLAYBOOK_REASON_NONE };
	const struct report_status_model	*m;
	char					 id[64];
	size_t					 a, e, g, r;

	for (a = 0; a < NELEM(auths); a++)
	for (e = 0; e < NELEM(avails); e++)
	for (g = 0; g < NELEM(agreements); g++)
	for (r = 0; r < NELEM(avails); r++) {
		model_id(id, sizeof(id), a, e, g, r);
		m = status_model(&vs->out, id);
		assert_same(m != NULL ? &m->verdict : &none, &vd->changes,
		    id);
		/* Issue #10: and its report entry. */
		assert_entry(m != NULL ? &m->verdict : &none, vd, id);
		*listed += m != NULL;
	}
}

/* Every quota of the walk: entry and status agree (models: walk_models). */
static void
walk_entries(const struct view_status *vs, const struct view *vd)
{
	static const struct playbook_verdict none = { PATH_INFO,
	    SEVERITY_INFO, PLAYBOOK_REASON_NONE };
	const struct report_status_quota	*q;
	const struct entry			*e;
	size_t					 i;

	for (i = 0; i < NELEM(quota_states); i++) {
		if (strcmp(quota_states[i].code, "L-EQUAL-ADJ") == 0)
			continue;	/* holds the requests: below */
		q = status_quota(&vs->out, quota_states[i].code);
		assert_entry(q != NULL ? &q->verdict : &none, vd,
		    quota_states[i].code);
	}
	/* Every request joins its quota's entry, which takes the denial. */
	ck_assert_ptr_nonnull(e = entry_of(vd, "L-EQUAL-ADJ"));
	ck_assert_uint_eq(e->rawsz, NELEM(req_statuses));
	ck_assert_int_eq(e->path, PATH_P6);
	ck_assert_int_eq(e->severity, SEVERITY_ACTION);
}

START_TEST(test_status_agrees_with_changes)
{
	struct snapshot		 old, new;
	struct store		*st;
	struct view_status	 vs;
	struct view		 vd;
	const struct report_status_quota *q;
	struct playbook_verdict	 none = { PATH_INFO, SEVERITY_INFO,
	    PLAYBOOK_REASON_NONE }, pr;
	char			 id[64];
	size_t			 i, listed = 0;

	walk_states(&old, &new);
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(record(st, 0, &old, NULL), 1);
	ck_assert_int_eq(record(st, 1, &new, NULL), 2);
	ck_assert_int_eq(view_status(st, 2, &vs), 0);
	ck_assert_int_eq(view_diff(st, 1, 2, &vd), 0);
	ck_assert_uint_gt(vd.changes.len, 0);

	walk_models(&vs, &vd, &listed);
	/* Everything but the healthy and all-unknown combinations. */
	ck_assert_uint_gt(listed, 100);
	for (i = 0; i < NELEM(quota_states); i++) {
		q = status_quota(&vs.out, quota_states[i].code);
		assert_same(q != NULL ? &q->verdict : &none, &vd.changes,
		    quota_states[i].code);
	}
	ck_assert_uint_eq(vs.out.quotasz, 2);
	for (i = 0; i < NELEM(req_statuses); i++) {
		(void)snprintf(id, sizeof(id), "req-%zu", i);
		pr = playbook_request(req_statuses[i]);
		assert_same(&pr, &vd.changes, id);
		ck_assert_int_eq(status_has_request(&vs.out, id),
		    pr.reason == PLAYBOOK_REASON_REQUEST_OPEN);
	}
	ck_assert_uint_eq(vs.out.requestsz, 2);
	walk_entries(&vs, &vd);
	view_status_free(&vs);
	view_free(&vd);
	store_close(st);
	snapshot_free(&old);
	snapshot_free(&new);
}
END_TEST

/* Spot checks, so that two classifiers wrong the same way still fail. */
START_TEST(test_status_known_paths)
{
	static const struct {
		const char		*a, *e, *g, *r;
		enum change_path	 path;
		enum change_severity	 sev;
	} want[] = {
		{ "NOT_AUTHORIZED", "AVAILABLE", "AVAILABLE", "AVAILABLE",
		    PATH_P1, SEVERITY_ACTION },
		/* entitled: a failed agreement is P1's, not P3's */
		{ "NOT_AUTHORIZED", "AVAILABLE", "NOT_AVAILABLE", "AVAILABLE",
		    PATH_P1, SEVERITY_ACTION },
		{ "NOT_AUTHORIZED", "", "ERROR", "AVAILABLE",
		    PATH_P3, SEVERITY_ACTION },
		{ "NOT_AUTHORIZED", "", "AVAILABLE", "AVAILABLE",
		    PATH_INFO, SEVERITY_ACTION },
		{ "AUTHORIZED", "NOT_AVAILABLE", "AVAILABLE", "NOT_AVAILABLE",
		    PATH_P2, SEVERITY_ACTION },
		{ "AUTHORIZED", "AVAILABLE", "PENDING", "AVAILABLE",
		    PATH_INFO, SEVERITY_WARNING },
		{ "", "", "", "", PATH_INFO, SEVERITY_INFO },
	};
	struct playbook_verdict	v;
	size_t			i;

	for (i = 0; i < NELEM(want); i++) {
		v = playbook_model(&(struct playbook_model_state){ want[i].a,
		    want[i].e, want[i].g, want[i].r });
		ck_assert_int_eq(v.path, want[i].path);
		ck_assert_int_eq(v.severity, want[i].sev);
	}
}
END_TEST

/* Two runs; the newer one failed in eu-west-1, last seen in the older. */
START_TEST(test_view_status_rows)
{
	struct snapshot		 a, b;
	struct store		*st;
	struct view_status	 vs;
	const struct report_status *o;

	memset(&a, 0, sizeof(a));
	a.region = xstrdup("eu-west-1");
	add_model(&a, "m.eu", "NOT_AUTHORIZED", "NOT_AVAILABLE", "AVAILABLE",
	    "AVAILABLE");
	memset(&b, 0, sizeof(b));
	b.region = xstrdup(REGION);
	add_model(&b, "m.ok", "AUTHORIZED", "AVAILABLE", "AVAILABLE",
	    "AVAILABLE");
	add_model(&b, "m.off", "NOT_AUTHORIZED", "AVAILABLE", "AVAILABLE",
	    "AVAILABLE");
	add_quota(&b, "L-LOW", 1, 5, 1, 50, 1);
	add_quota(&b, "L-FINE", 1, 50, 1, 50, 0);
	add_request(&b, "req-open", "CASE_OPENED");
	add_request(&b, "req-done", "APPROVED");
	snapshot_sort(&b);
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	(void)record(st, 0, &a, NULL);
	(void)record(st, 1, &b, "eu-west-1");
	ck_assert_int_eq(view_status(st, 2, &vs), 0);
	o = &vs.out;
	ck_assert_int_eq(o->run_id, 2);
	ck_assert_str_eq(o->account_id, "123456789012");
	ck_assert_str_eq(o->run_time, "2025-06-15T16:06:40Z");
	ck_assert_uint_eq(o->regionsz, 2);
	ck_assert_str_eq(o->regions[0].region, "eu-west-1");
	ck_assert_int_eq(o->regions[0].status, REGION_STATUS_FAILED);
	ck_assert_str_eq(o->regions[0].error_code, "AccessDeniedException");
	ck_assert_int_eq(o->regions[1].status, REGION_STATUS_OK);
	/* eu-west-1 failed: its last known state still shows. */
	ck_assert_uint_eq(o->modelsz, 2);
	ck_assert_str_eq(o->models[0].model_id, "m.eu");
	ck_assert_int_eq(o->models[0].verdict.path, PATH_P3);
	ck_assert_str_eq(o->models[1].model_id, "m.off");
	ck_assert_str_eq(o->models[1].region, REGION);
	ck_assert_int_eq(o->models[1].verdict.path, PATH_P1);
	ck_assert_uint_eq(o->quotasz, 1);
	ck_assert_str_eq(o->quotas[0].quota_code, "L-LOW");
	ck_assert_int_eq(o->quotas[0].verdict.path, PATH_P4);
	ck_assert_uint_eq(o->requestsz, 1);
	ck_assert_str_eq(o->requests[0].request_id, "req-open");
	view_status_free(&vs);
	ck_assert_int_eq(view_status(st, 9, &vs), -1);
	view_status_free(&vs);
	store_close(st);
	snapshot_free(&a);
	snapshot_free(&b);
}
END_TEST

/*
 * The status view reads only the quotas below their default
 * (STORE_LOAD_QUOTAS_BELOW): those must be exactly the ones
 * playbook_quota() flags among the whole state, for every quota state of
 * the walk and the edges of the comparison.
 */
START_TEST(test_quota_prefilter_is_the_playbook)
{
	struct snapshot		 s, all, below;
	struct store		*st;
	struct playbook_verdict	 pv;
	const struct quota	*q;
	size_t			 i, n = 0;
	int			 found;

	memset(&s, 0, sizeof(s));
	s.region = xstrdup(REGION);
	for (i = 0; i < NELEM(quota_states); i++)
		add_quota(&s, quota_states[i].code,
		    quota_states[i].has_applied, quota_states[i].applied,
		    quota_states[i].has_default, quota_states[i].def,
		    quota_states[i].adjustable);
	add_quota(&s, "L-ZERO-BELOW", 1, 0, 1, 0.5, 1);
	add_quota(&s, "L-TINY", 1, 99.999999, 1, 100, 1);
	add_quota(&s, "L-NONE", 0, 0, 0, 0, 1);
	add_quota(&s, "L-NODEFAULT-ZERO", 1, 0, 0, 0, 1);
	add_quota(&s, "L-ZERO-DEFAULT", 0, 0, 1, 0, 1);
	snapshot_sort(&s);
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	(void)record(st, 0, &s, NULL);
	ck_assert_int_eq(store_load_parts(st, 1, REGION, STORE_LOAD_ALL, &all,
	    &found), 0);
	ck_assert_int_eq(found, 1);
	ck_assert_int_eq(store_load_parts(st, 1, REGION,
	    STORE_LOAD_QUOTAS_BELOW, &below, &found), 0);
	ck_assert_uint_eq(below.modelsz + below.profilesz + below.requestsz, 0);
	for (i = 0; i < all.quotasz; i++) {
		q = &all.quotas[i];
		pv = playbook_quota(&(struct playbook_quota_state){
		    q->applied_value, q->has_applied, q->default_value,
		    q->has_default, q->adjustable });
		if (pv.reason != PLAYBOOK_REASON_BELOW_DEFAULT)
			continue;
		ck_assert_uint_lt(n, below.quotasz);
		ck_assert_str_eq(below.quotas[n].quota_code, q->quota_code);
		n++;
	}
	ck_assert_uint_eq(n, below.quotasz);
	ck_assert_uint_eq(n, 4);	/* BELOW x2, ZERO-BELOW, TINY */
	snapshot_free(&all);
	snapshot_free(&below);
	snapshot_free(&s);
	store_close(st);
}
END_TEST

/* The status text table (status.h) the store and JSON share. */
START_TEST(test_status_names)
{
	enum region_status	r;
	enum run_status		u;
	int			i;

	for (i = 0; i < REGION_STATUS__COUNT; i++) {
		ck_assert_int_eq(status_region_parse(
		    status_region_name((enum region_status)i), &r), 0);
		ck_assert_int_eq(r, i);
	}
	for (i = 0; i < RUN_STATUS__COUNT; i++) {
		ck_assert_int_eq(status_run_parse(
		    status_run_name((enum run_status)i), &u), 0);
		ck_assert_int_eq(u, i);
	}
	ck_assert_str_eq(status_region_name(REGION_STATUS_NOT_COMPARED),
	    "not_compared");
	ck_assert_str_eq(status_run_name(RUN_STATUS_PARTIAL), "partial");
	ck_assert_ptr_null(status_run_name(RUN_STATUS__COUNT));
	ck_assert_int_eq(status_region_parse("OK", &r), -1);
	ck_assert_int_eq(status_run_parse(NULL, &u), -1);
}
END_TEST

/*
 * The issue #9 case, walked over every state: access revoked while the
 * rest of the model's state already was what it is (an agreement
 * NOT_AVAILABLE, say).  Only the authorization changes, so the change
 * report has one access_lost change per model, and it must be judged as
 * the status view judges the model's state: P3, not P1, when the
 * entitlement was already NOT_AVAILABLE; P1 for its agreement (not for
 * the authorization) when only the agreement had failed (playbook.md,
 * second edition).
 */
START_TEST(test_revoked_over_every_state)
{
	struct snapshot		 old, new;
	struct store		*st;
	struct view_status	 vs;
	struct view		 vd;
	const struct report_status_model *m;
	char			 id[64];
	size_t			 e, g, r, checked = 0, p3 = 0;

	memset(&old, 0, sizeof(old));
	memset(&new, 0, sizeof(new));
	old.region = xstrdup(REGION);
	new.region = xstrdup(REGION);
	for (e = 0; e < NELEM(avails); e++)
	for (g = 0; g < NELEM(agreements); g++)
	for (r = 0; r < NELEM(avails); r++) {
		model_id(id, sizeof(id), 1, e, g, r);
		add_model(&old, id, "AUTHORIZED", avails[e], agreements[g],
		    avails[r]);
		add_model(&new, id, "NOT_AUTHORIZED", avails[e],
		    agreements[g], avails[r]);
	}
	snapshot_sort(&old);
	snapshot_sort(&new);
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(record(st, 0, &old, NULL), 1);
	ck_assert_int_eq(record(st, 1, &new, NULL), 2);
	ck_assert_int_eq(view_status(st, 2, &vs), 0);
	ck_assert_int_eq(view_diff(st, 1, 2, &vd), 0);
	ck_assert_uint_eq(vd.changes.len, old.modelsz);
	for (e = 0; e < NELEM(avails); e++)
	for (g = 0; g < NELEM(agreements); g++)
	for (r = 0; r < NELEM(avails); r++) {
		model_id(id, sizeof(id), 1, e, g, r);
		ck_assert_ptr_nonnull(m = status_model(&vs.out, id));
		assert_same(&m->verdict, &vd.changes, id);
		checked++;
		p3 += m->verdict.path == PATH_P3;
	}
	ck_assert_uint_eq(checked, old.modelsz);
	/* entitlement NOT_AVAILABLE, agreement NOT_AVAILABLE */
	model_id(id, sizeof(id), 1, 1, 2, 0);
	ck_assert_int_eq(report_verdict(&vd.changes, id).path, PATH_P3);
	/* entitlement AVAILABLE, agreement NOT_AVAILABLE, region AVAILABLE */
	model_id(id, sizeof(id), 1, 0, 2, 0);
	ck_assert_int_eq(report_verdict(&vd.changes, id).path, PATH_P1);
	ck_assert_int_eq(status_model(&vs.out, id)->verdict.reason,
	    PLAYBOOK_REASON_AGREEMENT);
	ck_assert_uint_gt(p3, 0);
	view_status_free(&vs);
	view_free(&vd);
	store_close(st);
	snapshot_free(&old);
	snapshot_free(&new);
}
END_TEST

/* --- issue #10: the daily report's structure, scenario by scenario --- */

/*
 * Record run "n": each of the "n_snaps" regions "now" collected, with the
 * changes the differ finds against "before" (NULL: a baseline), as
 * collect and ingest do; "failed" (may be NULL) failed.
 */
static long long
collect(struct store *st, int n, const struct snapshot *before,
    const struct snapshot *now, const char *failed)
{
	struct change_list	 ch;
	long long		 run;
	size_t			 i;

	memset(&ch, 0, sizeof(ch));
	ck_assert_int_eq(store_run_begin(st, T0 + n * HOUR, &run), 0);
	ck_assert_int_eq(store_run_set_account(st, run, "123456789012"), 0);
	if (now != NULL) {
		(void)diff_region(before, now, run, &ch);
		for (i = 0; i < ch.len; i++)
			playbook_classify(ch.items[i]);
		ck_assert_int_eq(store_region_ok(st, run, now, &ch), 0);
	}
	if (failed != NULL)
		ck_assert_int_eq(store_region_failed(st, run, failed,
		    "ListFoundationModels", 403, "AccessDeniedException",
		    "denied"), 0);
	ck_assert_int_eq(store_run_finish(st, run, T0 + n * HOUR + 60,
	    now == NULL ? RUN_STATUS_FAILED : failed != NULL ?
	    RUN_STATUS_PARTIAL : RUN_STATUS_COMPLETE), 0);
	change_list_free(&ch);
	return run;
}

/* One region holding one model in access state "auth". */
static void
one_model(struct snapshot *s, const char *region, const char *auth)
{
	memset(s, 0, sizeof(*s));
	s->region = xstrdup(region);
	add_model(s, "m.one", auth, "AVAILABLE", "AVAILABLE", "AVAILABLE");
	snapshot_sort(s);
}

/* Render view "v" into a new string (caller frees). */
static char *
render(const struct view *v, enum report_format f, enum report_lang l)
{
	char	*data = NULL;
	size_t	 len = 0;
	FILE	*fp;

	ck_assert_ptr_nonnull(fp = open_memstream(&data, &len));
	ck_assert_int_eq(report_write(fp, &v->in, f, l), 0);
	ck_assert_int_eq(fclose(fp), 0);
	return data;
}

static size_t
occurrences(const char *hay, const char *needle)
{
	size_t	n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay++;
	}
	return n;
}

/* Free what a scenario holds ("b" may be NULL). */
static void
scenario_end(char *txt, struct view *v, struct store *st, struct snapshot *a,
    struct snapshot *b)
{
	free(txt);
	view_free(v);
	store_close(st);
	snapshot_free(a);
	if (b != NULL)
		snapshot_free(b);
}

/*
 * The newest run failed everywhere: the report says so first, shows no
 * change (the day before's are not new), says when data was last
 * collected, and still lists the open problems of that data.
 */
START_TEST(test_failed_newest_run)
{
	struct snapshot	 a, b;
	struct store	*st;
	struct view	 v;
	long long	 newest, before;
	char		*txt;
	int		 found;

	one_model(&a, REGION, "AUTHORIZED");
	one_model(&b, REGION, "NOT_AUTHORIZED");
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	(void)collect(st, 0, NULL, &a, NULL);
	(void)collect(st, 1, &a, &b, NULL);
	(void)collect(st, 2, NULL, NULL, REGION);
	ck_assert_int_eq(store_run_newest(st, &newest, &found), 0);
	ck_assert_int_eq(newest, 3);
	ck_assert_int_eq(store_run_before(st, newest, &before, &found), 0);
	ck_assert_int_eq(view_recorded(st, before, newest, &v), 0);
	ck_assert_int_eq(v.in.collection.status, RUN_STATUS_FAILED);
	ck_assert_int_eq(v.in.collection.data_run, 2);
	ck_assert_uint_eq(v.entries.len, 0);
	ck_assert_uint_eq(v.in.opensz, 1);
	ck_assert_int_eq(v.in.open[0].verdict.path, PATH_P1);
	ck_assert_int_eq(v.in.open[0].since_run, 2);
	txt = render(&v, REPORT_TEXT, REPORT_LANG_EN);
	ck_assert_ptr_nonnull(strstr(txt, "failed, nothing was collected"));
	ck_assert_ptr_nonnull(strstr(txt, "last collected by run #2"));
	ck_assert_ptr_nonnull(strstr(txt, "No new changes; 1 problems"));
	ck_assert_ptr_null(strstr(txt, "Action required"));
	ck_assert(strstr(txt, "Monitoring") < strstr(txt, "Summary"));
	free(txt);
	view_free(&v);
	/* A range given up to the failed run keeps its older changes. */
	ck_assert_int_eq(view_recorded(st, 1, newest, &v), 0);
	ck_assert_uint_eq(v.entries.len, 1);
	txt = render(&v, REPORT_TEXT, REPORT_LANG_EN);
	ck_assert_ptr_nonnull(strstr(txt, "The newest run of the range"));
	ck_assert_ptr_nonnull(strstr(txt, "Action required (1)"));
	scenario_end(txt, &v, st, &a, &b);
}
END_TEST

/*
 * Access lost on day 2 and back on day 3: over the range it is one
 * information entry "changed and reverted", never an action, as diff
 * over the same range finds nothing.
 */
START_TEST(test_range_revert)
{
	struct snapshot	 a, b;
	struct store	*st;
	struct view	 v, d;
	char		*txt;

	one_model(&a, REGION, "AUTHORIZED");
	one_model(&b, REGION, "NOT_AUTHORIZED");
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	(void)collect(st, 0, NULL, &a, NULL);
	(void)collect(st, 1, &a, &b, NULL);
	(void)collect(st, 2, &b, &a, NULL);
	ck_assert_int_eq(view_recorded(st, 1, 3, &v), 0);
	ck_assert_uint_eq(v.changes.len, 2);
	ck_assert_uint_eq(v.entries.len, 1);
	ck_assert_ptr_null(entry_lead(&v.entries.items[0]));
	ck_assert_int_eq(v.entries.items[0].severity, SEVERITY_INFO);
	ck_assert_int_eq(v.entries.items[0].path, PATH_INFO);
	ck_assert_uint_eq(v.entries.items[0].rawsz, 2);
	ck_assert_int_eq(view_diff(st, 1, 3, &d), 0);
	ck_assert_uint_eq(d.changes.len, 0);
	txt = render(&v, REPORT_TEXT, REPORT_LANG_EN);
	ck_assert_ptr_nonnull(strstr(txt, "changed and reverted"));
	ck_assert_ptr_null(strstr(txt, "Action required"));
	ck_assert_ptr_null(strstr(txt, "Support case draft"));
	free(txt);
	view_free(&v);
	view_free(&d);
	store_close(st);
	snapshot_free(&a);
	snapshot_free(&b);
}
END_TEST

/*
 * One quota: AWS lowers the default (the applied value follows), makes
 * it non-adjustable, and the request for more is denied, all in one run.
 * That is one entry on P6 with one case draft, whose values agree.
 */
START_TEST(test_one_quota_one_entry)
{
	struct snapshot	 a, b;
	struct store	*st;
	struct view	 v;
	const struct entry *e;
	char		*txt;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.region = xstrdup(REGION);
	b.region = xstrdup(REGION);
	add_quota(&a, "L-EQUAL-ADJ", 1, 100, 1, 100, 1);
	add_request(&a, "req-1", "PENDING");
	add_quota(&b, "L-EQUAL-ADJ", 1, 50, 1, 50, 0);
	add_request(&b, "req-1", "DENIED");
	snapshot_sort(&a);
	snapshot_sort(&b);
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	(void)collect(st, 0, NULL, &a, NULL);
	(void)collect(st, 1, &a, &b, NULL);
	ck_assert_int_eq(view_recorded(st, 1, 2, &v), 0);
	ck_assert_uint_ge(v.changes.len, 3);
	ck_assert_uint_eq(v.entries.len, 1);
	e = &v.entries.items[0];
	ck_assert_uint_eq(e->rawsz, v.changes.len);
	ck_assert_str_eq(e->subject, "L-EQUAL-ADJ");
	ck_assert_int_eq(e->path, PATH_P6);
	ck_assert_int_eq(e->severity, SEVERITY_ACTION);
	txt = render(&v, REPORT_TEXT, REPORT_LANG_EN);
	ck_assert_uint_eq(occurrences(txt, "Support case draft"), 1);
	ck_assert_uint_eq(occurrences(txt, "Subject: Amazon Bedrock"), 1);
	/* The draft knows the value now, from the quota's own change. */
	ck_assert_ptr_nonnull(strstr(txt, "Current applied value: 50"));
	ck_assert_uint_eq(occurrences(txt, "Value we need: "), 1);
	/* The largest of what was had (100) and what was asked for (500). */
	ck_assert_ptr_nonnull(strstr(txt, "Value we need: 500\n"));
	/* The lead (the lowered default) knows the denied request's value. */
	ck_assert_str_eq(entry_lead(e)->desired_value, "500");
	scenario_end(txt, &v, st, &a, &b);
}
END_TEST

/* One usage day row for usage_result rows. */
static struct usage_row
uday(const char *model, const char *metric, long long day, double peak,
    long long at, int active)
{
	struct usage_row	r;

	memset(&r, 0, sizeof(r));
	r.model_id = (char *)model;
	r.metric = (char *)metric;
	r.day.day = day;
	r.day.peak = peak;
	r.day.sum = peak;
	r.day.peak_at = at;
	r.day.p95 = 0;
	r.day.minutes = 1440;
	r.day.active = active;
	return r;
}

static struct usage_qmap
umap(const char *code, const char *model, const char *metric)
{
	struct usage_qmap	m;

	memset(&m, 0, sizeof(m));
	m.quota_code = (char *)code;
	m.map.mapping = USAGE_MAPPED;
	m.model_id = (char *)model;
	m.metric = metric;
	return m;
}

/*
 * The report's usage evidence: a model at 85% of its TPM quota (P4, the
 * quota adjustable), one throttled at 30% of its RPM quota (P5, the
 * minutes cited), a quiet mapped quota and a day older than the 14-day
 * window give nothing.
 */
START_TEST(test_usage_findings)
{
	struct view_charts	 charts;
	const long long		 day = 1749945600;	/* 2025-06-15 */
	struct snapshot		 a;
	struct store		*st;
	struct view		 v;
	struct usage_row	 rows[5];
	struct usage_qmap	 maps[3];
	struct usage_result	 res;
	struct store_usage_run	 u;
	const struct report_usage *near = NULL, *thr = NULL;
	struct view_status	 vs;
	const struct entry	*e;
	char			*txt;
	size_t			 i, n, nch;

	memset(&a, 0, sizeof(a));
	a.region = xstrdup(REGION);
	add_quota(&a, "L-NEAR", 1, 50000, 1, 50000, 1);
	add_quota(&a, "L-QUIET", 1, 10, 1, 10, 1);
	add_quota(&a, "L-THR", 1, 100, 1, 100, 0);
	for (i = 0; i < a.quotasz; i++)
		a.quotas[i].level = xstrdup("ACCOUNT");
	snapshot_sort(&a);
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(store_set_account(st, "123456789012"), 0);
	(void)collect(st, 0, NULL, &a, NULL);
	rows[0] = uday("m.near", "EstimatedTPMQuotaUsage", day, 42500,
	    day + 14 * 3600 + 7 * 60, 300);
	rows[1] = uday("m.near", "EstimatedTPMQuotaUsage", day - 20 * 86400,
	    49000, day - 20 * 86400 + 60, 300);		/* out of window */
	rows[2] = uday("m.thr", "Invocations", day - 86400, 30,
	    day - 86400 + 600, 50);
	rows[3] = uday("m.thr", "InvocationThrottles", day - 86400, 2,
	    day - 86400 + 600, 7);
	rows[4] = uday("m.quiet.other", "Invocations", day, 9, day + 60, 1);
	maps[0] = umap("L-NEAR", "m.near", "EstimatedTPMQuotaUsage");
	maps[1] = umap("L-THR", "m.thr", "Invocations");
	maps[2] = umap("L-QUIET", "m.quiet", "Invocations");
	maps[1].map.rate = USAGE_RATE_REQUESTS;
	res = (struct usage_result){ rows, 5, maps, 3 };
	memset(&u, 0, sizeof(u));
	u.status = STORE_USAGE_OK;
	u.start = day - 20 * 86400;
	u.end = day + 86400;
	ck_assert_int_eq(store_usage_record(st, 1, "123456789012", REGION, &u,
	    &res), 0);
	(void)collect(st, 1, &a, &a, NULL);
	/* run 2 judges the region: two findings start (changes) */
	nch = 0;
	ck_assert_int_eq(ingest_usage(st, 2, T0 + HOUR, "123456789012", REGION,
	    0, &nch), 0);
	ck_assert_uint_eq(nch, 2);
	/* a second run the same day: the same findings, no change */
	(void)collect(st, 2, &a, &a, NULL);
	ck_assert_int_eq(ingest_usage(st, 3, T0 + 2 * HOUR, "123456789012",
	    REGION, 0, &nch), 0);
	ck_assert_uint_eq(nch, 2);
	/* run 2 could not read one region's usage */
	memset(&u, 0, sizeof(u));
	u.status = STORE_USAGE_FAILED;
	u.operation = "GetMetricData";
	u.http_status = 403;
	u.error_code = "AccessDeniedException";
	ck_assert_int_eq(store_usage_record(st, 2, "123456789012",
	    "eu-west-1", &u, NULL), 0);
	ck_assert_int_eq(view_recorded(st, 1, 2, &v), 0);
	ck_assert_uint_eq(v.in.usage_unknownsz, 1);
	ck_assert_str_eq(v.in.usage_unknown[0].region, "eu-west-1");
	ck_assert_str_eq(v.in.usage_unknown[0].iam_action,
	    "cloudwatch:GetMetricData");
	ck_assert_uint_eq(v.in.usagesz, 2);
	for (i = 0; i < v.in.usagesz; i++) {
		if (strcmp(v.in.usage[i].quota_code, "L-NEAR") == 0)
			near = &v.in.usage[i];
		if (strcmp(v.in.usage[i].quota_code, "L-THR") == 0)
			thr = &v.in.usage[i];
	}
	ck_assert_ptr_nonnull(near);
	ck_assert_int_eq(near->finding, USAGE_FINDING_NEAR_QUOTA);
	ck_assert_int_eq(near->verdict.path, PATH_P4);
	ck_assert(near->peak == 42500);
	ck_assert_str_eq(near->peak_at, "2025-06-15T14:07:00Z");
	ck_assert(near->percent == 85);
	ck_assert(near->suggested == 64000);
	ck_assert_str_eq(near->model_id, "m.near");
	ck_assert_str_eq(near->account_id, "123456789012");
	ck_assert_ptr_nonnull(thr);
	ck_assert_int_eq(thr->finding, USAGE_FINDING_THROTTLED_BELOW);
	ck_assert_int_eq(thr->verdict.path, PATH_P5);
	ck_assert_int_eq(thr->throttled_minutes, 7);
	ck_assert(thr->quota == 100);
	ck_assert_int_eq(thr->tokens, 0);
	ck_assert_int_eq(near->tokens, 1);
	/* the HTML report's usage bars: each quota with usage, closest first */
	ck_assert_int_eq(view_charts(st, &v, &charts), 0);
	ck_assert_uint_eq(charts.out.usagesz, 2);
	ck_assert_str_eq(charts.out.usage[0].quota_name, "m.near (L-NEAR)");
	ck_assert(charts.out.usage[0].percent == 85 &&
	    charts.out.usage[0].peak_per_min == 42500 &&
	    charts.out.usage[0].quota_value == 50000);
	ck_assert_str_eq(charts.out.usage[1].region, REGION);
	ck_assert(charts.out.usage[1].percent == 30);
	view_charts_free(&charts);
	/* status: the quotas closest to their limit, closest first */
	ck_assert_int_eq(view_status(st, 2, &vs), 0);
	ck_assert_uint_eq(vs.out.closestsz, 2);
	ck_assert_str_eq(vs.out.closest[0].quota_code, "L-NEAR");
	ck_assert_str_eq(vs.out.closest[0].peak_at, "2025-06-15T14:07:00Z");
	ck_assert_str_eq(vs.out.closest[1].quota_code, "L-THR");
	ck_assert(vs.out.closest[1].percent == 30);
	/* and open problems while the condition holds, since run 1 */
	for (i = 0, n = 0; i < vs.out.opensz; i++)
		if (vs.out.open[i].verdict.reason ==
		    PLAYBOOK_REASON_USAGE_NEAR_QUOTA ||
		    vs.out.open[i].verdict.reason ==
		    PLAYBOOK_REASON_THROTTLED_BELOW_QUOTA) {
			ck_assert_int_eq(vs.out.open[i].since_run, 1);
			n++;
		}
	ck_assert_uint_eq(n, 2);
	view_status_free(&vs);
	/* the entries of the findings that started agree with the status */
	ck_assert_ptr_nonnull(e = entry_of(&v, "L-NEAR"));
	ck_assert_int_eq(entry_lead(e)->kind, CHANGE_USAGE_NEAR_QUOTA);
	ck_assert_int_eq(e->path, near->verdict.path);
	ck_assert_int_eq(e->severity, near->verdict.severity);
	ck_assert(entry_lead(e)->usage.set && entry_lead(e)->usage.peak ==
	    42500 && entry_lead(e)->usage.suggested == 64000);
	ck_assert_str_eq(entry_lead(e)->usage_model, "m.near");
	ck_assert_ptr_nonnull(e = entry_of(&v, "L-THR"));
	ck_assert_int_eq(entry_lead(e)->kind, CHANGE_THROTTLED_BELOW_QUOTA);
	ck_assert_int_eq(e->path, thr->verdict.path);
	ck_assert_int_eq(e->severity, thr->verdict.severity);
	ck_assert_int_eq(entry_lead(e)->usage.throttled_minutes, 7);
	ck_assert_ptr_null(entry_of(&v, "L-QUIET"));
	ck_assert(near->in_entry && thr->in_entry);
	txt = render(&v, REPORT_TEXT, REPORT_LANG_EN);
	/* the report tells each usage problem once: in its entry */
	ck_assert_ptr_null(strstr(txt, "quota(s) at 80% or more of their"));
	ck_assert_ptr_null(strstr(txt, "Usage against quotas"));
	ck_assert_ptr_nonnull(strstr(txt, "Suggested value: 64,000"));
	ck_assert_ptr_nonnull(strstr(txt, "shows throttles in 7\n"
	    "       minute(s) of the 14 days"));
	ck_assert_ptr_nonnull(strstr(txt, "eu-west-1: usage unknown"));
	free(txt);
	txt = render(&v, REPORT_TEXT, REPORT_LANG_JA);
	ck_assert_ptr_nonnull(strstr(txt, "提案値は 64,000 です"));
	ck_assert_ptr_nonnull(strstr(txt, "7 分間スロットリング"));
	scenario_end(txt, &v, st, &a, NULL);
}
END_TEST

/* A region collected for the first time is a baseline, in every language. */
START_TEST(test_new_region_baseline)
{
	struct snapshot	 a, b;
	struct store	*st;
	struct view	 v;
	char		*txt;
	long long	 run;

	one_model(&a, REGION, "AUTHORIZED");
	one_model(&b, "eu-west-1", "AUTHORIZED");
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	(void)collect(st, 0, NULL, &a, NULL);
	ck_assert_int_eq(store_run_begin(st, T0 + HOUR, &run), 0);
	ck_assert_int_eq(store_region_ok(st, run, &a, NULL), 0);
	ck_assert_int_eq(store_region_ok(st, run, &b, NULL), 0);
	ck_assert_int_eq(store_run_finish(st, run, T0 + HOUR + 60,
	    RUN_STATUS_COMPLETE), 0);
	ck_assert_int_eq(view_recorded(st, 1, 2, &v), 0);
	ck_assert_uint_eq(v.rrunsz, 2);
	ck_assert_str_eq(v.regions[0].region, "eu-west-1");
	ck_assert_int_eq(v.regions[0].status, REGION_STATUS_BASELINE);
	ck_assert_int_eq(v.regions[1].status, REGION_STATUS_OK);
	txt = render(&v, REPORT_TEXT, REPORT_LANG_JA);
	ck_assert_ptr_nonnull(strstr(txt, "比較の基準として記録しました"));
	ck_assert_ptr_null(strstr(txt, "first"));
	ck_assert_ptr_null(strstr(txt, "比較対象外 1"));
	free(txt);
	txt = render(&v, REPORT_JSON, REPORT_LANG_EN);
	ck_assert_ptr_nonnull(strstr(txt, "\"status\": \"baseline\""));
	scenario_end(txt, &v, st, &a, &b);
}
END_TEST

/* The first run records the baseline; it is not "run #1 and run #1". */
START_TEST(test_first_run)
{
	struct snapshot	 a;
	struct store	*st;
	struct view	 v;
	char		*txt;

	one_model(&a, REGION, "NOT_AUTHORIZED");
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	(void)collect(st, 0, NULL, &a, NULL);
	ck_assert_int_eq(view_recorded(st, 1, 1, &v), 0);
	ck_assert(v.in.collection.first);
	ck_assert_int_eq(v.regions[0].status, REGION_STATUS_BASELINE);
	txt = render(&v, REPORT_TEXT, REPORT_LANG_EN);
	ck_assert_ptr_nonnull(strstr(txt, "This is the first run"));
	ck_assert_ptr_null(strstr(txt, "run #1 and run #1"));
	ck_assert_ptr_null(strstr(txt, "-> run #1"));
	/* The state is already a problem: it is open from day one. */
	ck_assert_ptr_nonnull(strstr(txt, "Open problems (1)"));
	free(txt);
	view_free(&v);
	store_close(st);
	snapshot_free(&a);
}
END_TEST

/*
 * The same data gives the same report byte for byte, whatever order the
 * changes come in; the order is severity, path, region, kind, subject.
 */
START_TEST(test_identical_data_identical_report)
{
	struct snapshot	 old, new;
	struct store	*st;
	struct view	 v1, v2;
	struct change	*t;
	char		*r1, *r2;
	size_t		 i, n;

	walk_states(&old, &new);
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	(void)collect(st, 0, NULL, &old, NULL);
	(void)collect(st, 1, &old, &new, NULL);
	ck_assert_int_eq(view_recorded(st, 1, 2, &v1), 0);
	ck_assert_int_eq(view_recorded(st, 1, 2, &v2), 0);
	/* Reverse the second list: the entries must not care. */
	n = v2.changes.len;
	for (i = 0; i < n / 2; i++) {
		t = v2.changes.items[i];
		v2.changes.items[i] = v2.changes.items[n - 1 - i];
		v2.changes.items[n - 1 - i] = t;
	}
	entry_list_free(&v2.entries);
	entry_build(&v2.changes, &v2.entries);
	for (i = 1; i < v1.entries.len; i++)
		ck_assert_int_ge(v1.entries.items[i - 1].severity,
		    v1.entries.items[i].severity);
	r1 = render(&v1, REPORT_TEXT, REPORT_LANG_EN);
	r2 = render(&v2, REPORT_TEXT, REPORT_LANG_EN);
	ck_assert_str_eq(r1, r2);
	free(r1);
	free(r2);
	r1 = render(&v1, REPORT_MARKDOWN, REPORT_LANG_JA);
	r2 = render(&v2, REPORT_MARKDOWN, REPORT_LANG_JA);
	ck_assert_str_eq(r1, r2);
	free(r1);
	free(r2);
	view_free(&v1);
	view_free(&v2);
	store_close(st);
	snapshot_free(&old);
	snapshot_free(&new);
}
END_TEST

/* A region failing three runs in a row is an open problem of its own. */
START_TEST(test_region_failing_open)
{
	struct snapshot	 a;
	struct store	*st;
	struct view_status vs;
	size_t		 i, failing = 0;

	one_model(&a, REGION, "AUTHORIZED");
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	(void)collect(st, 0, NULL, &a, NULL);
	(void)collect(st, 1, &a, &a, "eu-west-1");
	(void)collect(st, 2, &a, &a, "eu-west-1");
	ck_assert_int_eq(view_status(st, 3, &vs), 0);
	for (i = 0; i < vs.opensz; i++)
		failing += vs.opens[i].verdict.reason ==
		    PLAYBOOK_REASON_REGION_FAILING;
	ck_assert_uint_eq(failing, 0);	/* two runs: not yet */
	view_status_free(&vs);
	(void)collect(st, 3, &a, &a, "eu-west-1");
	ck_assert_int_eq(view_status(st, 4, &vs), 0);
	ck_assert_uint_eq(vs.opensz, 1);
	ck_assert_int_eq(vs.opens[0].verdict.reason,
	    PLAYBOOK_REASON_REGION_FAILING);
	ck_assert_str_eq(vs.opens[0].region, "eu-west-1");
	ck_assert_int_eq(vs.opens[0].since_run, 2);
	ck_assert_str_eq(vs.opens[0].since, "2025-06-15T16:06:40Z");
	view_status_free(&vs);
	store_close(st);
	snapshot_free(&a);
}
END_TEST

#define DAY	(24 * HOUR)

/* A model of the lifecycle test: "eol" and "ext" days after T0 (0: none). */
static struct model *
add_dated(struct snapshot *s, const char *id, const char *auth,
    const char *lifecycle, int eol, int ext)
{
	struct model	*m = add_model(s, id, auth, "AVAILABLE", "AVAILABLE",
	    "AVAILABLE");
	char		 iso[UTIL_ISO8601_LEN];

	free(m->lifecycle);
	m->lifecycle = xstrdup(lifecycle);
	if (eol != 0) {
		util_iso8601(T0 + eol * DAY, iso);
		m->end_of_life = xstrdup(iso);
	}
	if (ext != 0) {
		util_iso8601(T0 + ext * DAY, iso);
		m->extended_access = xstrdup(iso);
	}
	return m;
}

/* The lifecycle open problem of "id" with reason "r", or NULL. */
static const struct report_open *
life_open(const struct view_status *vs, const char *id,
    enum playbook_reason r)
{
	size_t	i;

	for (i = 0; i < vs->opensz; i++)
		if (strcmp(vs->opens[i].subject, id) == 0 &&
		    vs->opens[i].verdict.reason == r)
			return &vs->opens[i];
	return NULL;
}

/* Assert the end-of-life problem of "id": severity and window. */
static void
assert_eol(const struct view_status *vs, const char *id,
    enum change_severity sev, int within)
{
	const struct report_open	*o;

	o = life_open(vs, id, PLAYBOOK_REASON_END_OF_LIFE);
	ck_assert_msg(o != NULL, "%s: no end_of_life problem", id);
	ck_assert_int_eq(o->verdict.severity, sev);
	ck_assert_ptr_nonnull(o->life);
	ck_assert_int_eq(o->life->within_days, within);
	ck_assert_str_eq(o->life->date, o->life->end_of_life);
}

/*
 * Models the account uses at 100, 60, 20 and 5 days before their end of
 * life and one past it, judged at the newest run's start: the right
 * window and severity each, nothing for a model it cannot use, LEGACY
 * listed with its dates from the first run on.  Ten days later the same
 * state is nearer every date, even when that newest run failed.
 */
START_TEST(test_lifecycle_open)
{
	struct snapshot		 a;
	struct store		*st;
	struct view_status	 vs;
	struct view		 v;
	const struct report_open *o;
	struct model		*m;
	char			*txt;

	memset(&a, 0, sizeof(a));
	a.region = xstrdup(REGION);
	(void)add_dated(&a, "m.eol100", "AUTHORIZED", "ACTIVE", 100, 0);
	(void)add_dated(&a, "m.eol60", "AUTHORIZED", "ACTIVE", 60, 0);
	(void)add_dated(&a, "m.eol20", "AUTHORIZED", "ACTIVE", 20, 0);
	(void)add_dated(&a, "m.eol5", "AUTHORIZED", "LEGACY", 5, -30);
	m = add_dated(&a, "m.past", "AUTHORIZED", "LEGACY", -2, -60);
	m->legacy_time = xstrdup("2025-01-01T00:00:00Z");
	(void)add_dated(&a, "m.off", "NOT_AUTHORIZED", "LEGACY", 5, 3);
	(void)add_dated(&a, "m.ext", "AUTHORIZED", "ACTIVE", 200, 20);
	/* Between the last run with data and the failed newest run. */
	m = add_dated(&a, "m.edge", "AUTHORIZED", "ACTIVE", 0, 0);
	m->end_of_life = xstrdup("2025-06-25T15:36:40Z");
	snapshot_sort(&a);
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	(void)collect(st, 0, NULL, &a, NULL);
	ck_assert_int_eq(view_status(st, 1, &vs), 0);
	ck_assert_ptr_null(life_open(&vs, "m.eol100",
	    PLAYBOOK_REASON_END_OF_LIFE));
	assert_eol(&vs, "m.eol60", SEVERITY_WARNING, 90);
	assert_eol(&vs, "m.eol20", SEVERITY_WARNING, 30);
	assert_eol(&vs, "m.eol5", SEVERITY_ACTION, 7);
	assert_eol(&vs, "m.past", SEVERITY_ACTION, 0);
	/* Extended access reached: the LEGACY problem shows its date. */
	ck_assert_ptr_null(life_open(&vs, "m.past",
	    PLAYBOOK_REASON_EXTENDED_ACCESS));
	ck_assert_ptr_nonnull(o = life_open(&vs, "m.past",
	    PLAYBOOK_REASON_LEGACY));
	ck_assert_int_eq(o->since_run, 1);
	ck_assert_str_eq(o->life->date, "2025-01-01T00:00:00Z");
	ck_assert_int_eq(o->life->within_days, -1);
	ck_assert_str_eq(o->life->extended_access, "2025-04-16T15:06:40Z");
	ck_assert_str_eq(o->life->end_of_life, "2025-06-13T15:06:40Z");
	ck_assert_ptr_nonnull(o = life_open(&vs, "m.eol5",
	    PLAYBOOK_REASON_LEGACY));
	ck_assert_ptr_null(o->life->legacy);
	/* Not usable by this account: no lifecycle problem at all. */
	ck_assert_ptr_null(life_open(&vs, "m.off", PLAYBOOK_REASON_LEGACY));
	ck_assert_ptr_null(life_open(&vs, "m.off",
	    PLAYBOOK_REASON_END_OF_LIFE));
	ck_assert_ptr_null(life_open(&vs, "m.off",
	    PLAYBOOK_REASON_EXTENDED_ACCESS));
	ck_assert_ptr_nonnull(o = life_open(&vs, "m.ext",
	    PLAYBOOK_REASON_EXTENDED_ACCESS));
	ck_assert_int_eq(o->verdict.severity, SEVERITY_WARNING);
	ck_assert_int_eq(o->life->within_days, 30);
	ck_assert_ptr_null(life_open(&vs, "m.ext",
	    PLAYBOOK_REASON_END_OF_LIFE));
	/* Report order: the reached date before the week, before 30 days. */
	ck_assert(life_open(&vs, "m.past", PLAYBOOK_REASON_END_OF_LIFE) <
	    life_open(&vs, "m.eol5", PLAYBOOK_REASON_END_OF_LIFE));
	ck_assert(life_open(&vs, "m.eol20", PLAYBOOK_REASON_END_OF_LIFE) <
	    life_open(&vs, "m.eol60", PLAYBOOK_REASON_END_OF_LIFE));
	view_status_free(&vs);
	/* Ten days on, then a run that failed: its start is the clock. */
	(void)collect(st, 10 * 24, &a, &a, NULL);
	(void)collect(st, 10 * 24 + 1, NULL, NULL, REGION);
	ck_assert_int_eq(view_recorded(st, 2, 3, &v), 0);
	ck_assert_int_eq(v.in.collection.data_run, 2);
	assert_eol(&v.state, "m.eol100", SEVERITY_WARNING, 90);
	assert_eol(&v.state, "m.eol20", SEVERITY_WARNING, 30);
	assert_eol(&v.state, "m.eol5", SEVERITY_ACTION, 0);
	assert_eol(&v.state, "m.edge", SEVERITY_ACTION, 0);
	txt = render(&v, REPORT_TEXT, REPORT_LANG_EN);
	ck_assert_ptr_nonnull(strstr(txt,
	    "m.eol20: end of life on 2025-07-05T15:06:40Z"));
	ck_assert_ptr_nonnull(strstr(txt, "3 enabled model(s) past their end "
	    "of life"));
	scenario_end(txt, &v, st, &a, NULL);
}
END_TEST

/*
 * The charts of a range: the access matrix with the playbook's category
 * of each cell and the cells the range changed, the history of the
 * quota that changed (every state up to the newest run) and not of the
 * one that did not, and one timeline bar per day with every change.
 */
START_TEST(test_charts)
{
	struct snapshot		 a, b, c;
	struct store		*st;
	struct view		 v;
	struct view_charts	 ch;
	const struct report_charts *o = &ch.out;
	const struct report_quota_series *q;
	size_t			 i, first_day = 0;
	unsigned		 total = 0;
	char			*html;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	memset(&c, 0, sizeof(c));
	a.region = xstrdup(REGION);
	b.region = xstrdup(REGION);
	c.region = xstrdup(REGION);
	add_model(&a, "m.a", "AUTHORIZED", "AVAILABLE", "AVAILABLE",
	    "AVAILABLE");
	add_model(&a, "m.b", "NOT_AUTHORIZED", "NOT_AVAILABLE", "AVAILABLE",
	    "AVAILABLE");
	add_quota(&a, "L-EQUAL-ADJ", 1, 100, 1, 100, 1);
	add_quota(&a, "L-STILL", 1, 5, 1, 5, 1);
	add_model(&b, "m.a", "NOT_AUTHORIZED", "AVAILABLE", "AVAILABLE",
	    "AVAILABLE");
	add_model(&b, "m.b", "NOT_AUTHORIZED", "NOT_AVAILABLE", "AVAILABLE",
	    "AVAILABLE");
	add_quota(&b, "L-EQUAL-ADJ", 1, 50, 1, 50, 1);
	add_quota(&b, "L-STILL", 1, 5, 1, 5, 1);
	add_model(&c, "m.a", "NOT_AUTHORIZED", "AVAILABLE", "AVAILABLE",
	    "AVAILABLE");
	add_model(&c, "m.b", "NOT_AUTHORIZED", "NOT_AVAILABLE", "AVAILABLE",
	    "AVAILABLE");
	add_quota(&c, "L-EQUAL-ADJ", 1, 50, 1, 100, 1);
	add_quota(&c, "L-STILL", 1, 5, 1, 5, 1);
	/* Account-level quotas, as collect stores them. */
	for (i = 0; i < 2; i++) {
		a.quotas[i].level = xstrdup("ACCOUNT");
		b.quotas[i].level = xstrdup("ACCOUNT");
		c.quotas[i].level = xstrdup("ACCOUNT");
	}
	snapshot_sort(&a);
	snapshot_sort(&b);
	snapshot_sort(&c);
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	(void)collect(st, 0, NULL, &a, NULL);
	(void)collect(st, 1, &a, &b, NULL);
	(void)collect(st, 25, &b, &c, NULL);	/* the next day */
	ck_assert_int_eq(view_recorded(st, 1, 3, &v), 0);
	ck_assert_int_eq(view_charts(st, &v, &ch), 0);

	ck_assert_uint_eq(o->matrix.regionsz, 1);
	ck_assert_uint_eq(o->matrix.modelsz, 2);
	ck_assert_str_eq(o->matrix.models[0], "m.a");
	ck_assert_str_eq(o->matrix.models[1], "m.b");
	ck_assert_int_eq(o->matrix.cells[0], PLAYBOOK_ACCESS_NOT_AUTHORIZED);
	ck_assert_int_eq(o->matrix.cells[1], PLAYBOOK_ACCESS_NOT_ENTITLED);
	ck_assert_uint_eq(o->matrix.changed[0], 1);
	ck_assert_uint_eq(o->matrix.changed[1], 0);

	ck_assert_uint_eq(o->quotasz, 1);
	q = &o->quotas[0];
	ck_assert_str_eq(q->quota_code, "L-EQUAL-ADJ");
	ck_assert_uint_eq(q->pointsz, 3);
	ck_assert_int_eq(q->points[0].run, 1);
	ck_assert(q->points[0].applied == 100 && q->points[1].applied == 50 &&
	    q->points[2].applied == 50);
	ck_assert(q->points[1].default_value == 50 &&
	    q->points[2].default_value == 100);
	ck_assert_str_eq(q->points[2].at, v.in.to_time);
	ck_assert_str_eq(q->end_at, v.in.to_time);

	ck_assert_uint_eq(o->daysz, 2);
	ck_assert_str_eq(o->days[0].date, "2025-06-15");
	ck_assert_str_eq(o->days[1].date, "2025-06-16");
	for (i = 0; i < v.changes.len; i++)
		if (v.changes.items[i]->run_id == 2)
			first_day++;
	ck_assert_uint_eq(o->days[0].actions + o->days[0].warnings +
	    o->days[0].infos, first_day);
	for (i = 0; i < o->daysz; i++)
		total += o->days[i].actions + o->days[i].warnings +
		    o->days[i].infos;
	ck_assert_uint_eq(total, v.changes.len);
	ck_assert_uint_ge(o->days[0].actions, 1);	/* m.a lost access */

	v.in.charts = o;
	html = render(&v, REPORT_HTML, REPORT_LANG_EN);
	ck_assert_ptr_nonnull(strstr(html, "(L-EQUAL-ADJ)</h4>"));
	ck_assert_ptr_null(strstr(html, "L-STILL"));
	ck_assert_uint_eq(occurrences(html, "<rect class=\"a1 chg\""), 1);
	free(html);
	view_charts_free(&ch);
	view_free(&v);

	/* No change in the range: the open quota is still charted. */
	ck_assert_int_eq(view_recorded(st, 3, 3, &v), 0);
	ck_assert_int_eq(view_charts(st, &v, &ch), 0);
	ck_assert_uint_eq(ch.out.quotasz, 1);
	ck_assert_uint_eq(ch.out.daysz, 1);
	ck_assert_uint_eq(ch.out.matrix.changed[0], 0);
	ck_assert_int_eq(ch.out.days[0].observed, 1);
	view_charts_free(&ch);
	view_free(&v);

	/*
	 * A day whose only run failed (2025-06-17) is not observed, and the
	 * days around it are: a gap is unknown, not a day without changes.
	 */
	ck_assert_int_eq(collect(st, 49, &c, NULL, REGION), 4);
	ck_assert_int_eq(collect(st, 73, &c, &c, NULL), 5);
	ck_assert_int_eq(view_recorded(st, 3, 5, &v), 0);
	ck_assert_int_eq(view_charts(st, &v, &ch), 0);
	ck_assert_uint_eq(ch.out.daysz, 3);
	ck_assert_str_eq(ch.out.days[1].date, "2025-06-17");
	ck_assert(ch.out.days[0].observed && !ch.out.days[1].observed &&
	    ch.out.days[2].observed);
	view_charts_free(&ch);
	view_charts_free(NULL);
	scenario_end(NULL, &v, st, &a, &b);
	snapshot_free(&c);
}
END_TEST

static Suite *
view_suite(void)
{
	Suite	*s = suite_create("view");
	TCase	*tc = tcase_create("status");

	tcase_add_test(tc, test_status_agrees_with_changes);
	tcase_add_test(tc, test_status_known_paths);
	tcase_add_test(tc, test_revoked_over_every_state);
	tcase_add_test(tc, test_view_status_rows);
	tcase_add_test(tc, test_quota_prefilter_is_the_playbook);
	tcase_add_test(tc, test_status_names);
	suite_add_tcase(s, tc);
	tc = tcase_create("report");
	tcase_add_test(tc, test_failed_newest_run);
	tcase_add_test(tc, test_range_revert);
	tcase_add_test(tc, test_one_quota_one_entry);
	tcase_add_test(tc, test_usage_findings);
	tcase_add_test(tc, test_new_region_baseline);
	tcase_add_test(tc, test_first_run);
	tcase_add_test(tc, test_identical_data_identical_report);
	tcase_add_test(tc, test_region_failing_open);
	tcase_add_test(tc, test_lifecycle_open);
	tcase_add_test(tc, test_charts);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(view_suite());
}
