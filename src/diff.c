/*
 * diff.c: compare two snapshots of one region into a change list.
 * See diff.h for what counts as a change.
 *
 * Each of the four arrays is walked as a merge join on its key, so one
 * diff costs O(n) string comparisons and allocates only the changes.
 */
#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "diff.h"
#include "snapshot.h"
#include "status.h"
#include "usage.h"
#include "util.h"

#define AUTHORIZED	"AUTHORIZED"

/* State shared by one diff_region() call. */
struct diff_ctx {
	const struct snapshot	*old;	/* borrowed */
	const struct snapshot	*new;	/* borrowed */
	const char		*region;	/* borrowed from a snapshot */
	long long		 run_id;	/* run that observed "new" */
	struct change_list	*out;	/* where changes go */
	size_t			 n;	/* changes appended so far */
};

/* One array of a snapshot, seen as rows in the order of their key. */
struct rows {
	const void	*arr;		/* first element; may be NULL */
	size_t		 len;		/* elements */
	size_t		 elemsz;	/* sizeof one element */
	/* snapshot.h's key order: snapshot_model_cmp() ... */
	int		(*cmp)(const void *, const void *);
};

/* What to do with rows only in old, only in new, or in both. */
struct row_ops {
	void	(*removed)(struct diff_ctx *, const void *);
	void	(*added)(struct diff_ctx *, const void *);
	void	(*both)(struct diff_ctx *, const void *, const void *);
};

static void
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(str_or_empty(v));
}

/* Two optional numbers differ (presence or value). */
static int
num_differs(int has_a, double a, int has_b, double b)
{
	if (has_a != has_b)
		return 1;
	if (!has_a || (isnan(a) && isnan(b)))
		return 0;
	return a != b;
}

static const void *
row_at(const struct rows *r, size_t i)
{
	return (const char *)r->arr + i * r->elemsz;
}

/* Index of the first row after i whose key differs from row i's. */
static size_t
row_next(const struct rows *r, size_t i)
{
	size_t	j;

	for (j = i + 1; j < r->len; j++)
		if (r->cmp(row_at(r, j), row_at(r, i)) != 0)
			break;
	return j;
}

/*
 * Merge-join two sorted arrays of the same row type and call "ops" for
 * each key present on one side or both; duplicate keys after the first
 * are skipped.
 */
static void
merge(struct diff_ctx *x, const struct rows *o, const struct rows *n,
    const struct row_ops *ops)
{
	size_t	i = 0, j = 0;
	int	cmp;

	while (i < o->len || j < n->len) {
		if (i < o->len && j < n->len)
			cmp = o->cmp(row_at(o, i), row_at(n, j));
		else
			cmp = i < o->len ? -1 : 1;
		if (cmp < 0)
			ops->removed(x, row_at(o, i));
		else if (cmp > 0)
			ops->added(x, row_at(n, j));
		else
			ops->both(x, row_at(o, i), row_at(n, j));
		if (cmp <= 0)
			i = row_next(o, i);
		if (cmp >= 0)
			j = row_next(n, j);
	}
}

/*
 * Append a change with the common fields set and return it (owned by the
 * list) so the caller can add context.  "first_run" is the new row's, or
 * 0 when there is none.
 */
static struct change *
emit(struct diff_ctx *x, enum change_kind kind, const char *subject,
    const char *name, long long first_run, const char *oldv,
    const char *newv)
{
	struct change	*c;

	c = change_new();
	c->run_id = x->run_id;
	c->first_run = first_run != 0 ? first_run : x->run_id;
	c->kind = kind;
	set_str(&c->region, x->region);
	set_str(&c->subject, subject);
	set_str(&c->subject_name, name);
	set_str(&c->old_value, oldv);
	set_str(&c->new_value, newv);
	change_list_push(x->out, c);
	x->n++;
	return c;
}

/* --- models --- */

static void
model_removed(struct diff_ctx *x, const void *a)
{
	const struct model	*o = a;

	emit(x, CHANGE_MODEL_REMOVED, o->model_id, o->model_name, 0,
	    o->authorization, "");
}

/* The playbook's context: model "n"'s access state now. */
static void
model_state(struct change *c, const struct model *n)
{
	set_str(&c->entitlement, n->entitlement);
	set_str(&c->authorization, n->authorization);
	set_str(&c->agreement, n->agreement);
	set_str(&c->region_availability, n->region_availability);
	set_str(&c->agreement_message, n->agreement_message);
}

static void
model_added(struct diff_ctx *x, const void *b)
{
	const struct model	*n = b;
	struct change		*c;

	/* Its access unknown: not recorded yet (ingest), so not added. */
	if (n->access_unknown)
		return;
	c = emit(x, CHANGE_MODEL_ADDED, n->model_id, n->model_name,
	    n->first_run, "", n->authorization);
	model_state(c, n);
}

/* Emit one change of a model present on both sides. */
static void
model_emit(struct diff_ctx *x, const struct model *n, enum change_kind kind,
    const char *oldv, const char *newv)
{
	struct change	*c;

	c = emit(x, kind, n->model_id, n->model_name, n->first_run, oldv,
	    newv);
	model_state(c, n);
}

/* An enumeration field: a change only when both sides are known. */
static void
model_enum(struct diff_ctx *x, const struct model *n, enum change_kind kind,
    const char *oldv, const char *newv)
{
	if (*str_or_empty(oldv) == '\0' || *str_or_empty(newv) == '\0' ||
	    strcmp(oldv, newv) == 0)
		return;
	model_emit(x, n, kind, oldv, newv);
}

/* access_granted / access_lost follow whether the value is AUTHORIZED. */
static void
model_access(struct diff_ctx *x, const struct model *o, const struct model *n)
{
	const char	*ov, *nv;
	int		 had, has;

	ov = str_or_empty(o->authorization);
	nv = str_or_empty(n->authorization);
	if (*ov == '\0' || *nv == '\0')
		return;
	had = strcmp(ov, AUTHORIZED) == 0;
	has = strcmp(nv, AUTHORIZED) == 0;
	if (had && !has)
		model_emit(x, n, CHANGE_ACCESS_LOST, ov, nv);
	else if (!had && has)
		model_emit(x, n, CHANGE_ACCESS_GRANTED, ov, nv);
}

/*
 * A lifecycle date that moved: set on both sides and different.  A date
 * that appears or goes is not reported: rows stored before the dates
 * were collected have none, and the status change carries the news.
 */
static void
model_date(struct diff_ctx *x, const struct model *n, const char *field,
    const char *oldv, const char *newv)
{
	struct change	*c;

	if (oldv == NULL || newv == NULL || strcmp(oldv, newv) == 0)
		return;
	c = emit(x, CHANGE_MODEL_LIFECYCLE_DATE_CHANGED, n->model_id,
	    n->model_name, n->first_run, oldv, newv);
	set_str(&c->entitlement, n->entitlement);
	set_str(&c->field, field);
}

static void
model_both(struct diff_ctx *x, const void *a, const void *b)
{
	const struct model	*o = a, *n = b;

	model_enum(x, n, CHANGE_MODEL_LIFECYCLE_CHANGED, o->lifecycle,
	    n->lifecycle);
	/* In the order of the lifecycle; field names are models_now's. */
	model_date(x, n, "start_of_life_time", o->start_of_life,
	    n->start_of_life);
	model_date(x, n, "legacy_time", o->legacy_time, n->legacy_time);
	model_date(x, n, "public_extended_access_time", o->extended_access,
	    n->extended_access);
	model_date(x, n, "end_of_life_time", o->end_of_life, n->end_of_life);
	if (strcmp(str_or_empty(o->inference_types),
	    str_or_empty(n->inference_types)) != 0)
		model_emit(x, n, CHANGE_MODEL_INFERENCE_TYPES_CHANGED,
		    o->inference_types, n->inference_types);
	/* Its availability call failed: no access news either way. */
	if (o->access_unknown || n->access_unknown)
		return;
	model_access(x, o, n);
	model_enum(x, n, CHANGE_ENTITLEMENT_CHANGED, o->entitlement,
	    n->entitlement);
	model_enum(x, n, CHANGE_AGREEMENT_CHANGED, o->agreement, n->agreement);
	model_enum(x, n, CHANGE_REGION_AVAILABILITY_CHANGED,
	    o->region_availability, n->region_availability);
}

/* --- quotas --- */

/* Fill the quota context of "c" from its rows (either may be NULL). */
static void
quota_context(struct change *c, const struct quota *o, const struct quota *n)
{
	c->applied_unknown = (o != NULL && snapshot_quota_unknown(o)) ||
	    (n != NULL && snapshot_quota_unknown(n));
	if (o != NULL)
		change_set_num(&c->old_applied, &c->old_applied_num,
		    o->has_applied, o->applied_value);
	if (n != NULL) {
		change_set_num(&c->new_applied, &c->new_applied_num,
		    n->has_applied, n->applied_value);
		change_set_num(&c->new_default, &c->new_default_num,
		    n->has_default, n->default_value);
		c->adjustable = n->adjustable != 0;
	}
}

/* Emit one quota change with its context. */
static struct change *
quota_emit(struct diff_ctx *x, enum change_kind kind, const struct quota *o,
    const struct quota *n, const char *oldv, const char *newv)
{
	const struct quota	*row = n != NULL ? n : o;
	struct change		*c;

	c = emit(x, kind, row->quota_code, row->quota_name,
	    n != NULL ? n->first_run : 0, oldv, newv);
	set_str(&c->level, row->level);
	set_str(&c->context_scope, row->context_scope);
	set_str(&c->context_id, row->context_id);
	quota_context(c, o, n);
	return c;
}

/*
 * Emit a quota change whose values are the numbers "ov" (if "has_ov")
 * and "nv" (if "has_nv").
 */
static struct change *
quota_emit_num(struct diff_ctx *x, enum change_kind kind,
    const struct quota *o, const struct quota *n, int has_ov, double ov,
    int has_nv, double nv)
{
	struct change	*c;

	c = quota_emit(x, kind, o, n, "", "");
	change_set_num(&c->old_value, &c->old_num, has_ov, ov);
	change_set_num(&c->new_value, &c->new_num, has_nv, nv);
	return c;
}

static void
quota_removed(struct diff_ctx *x, const void *a)
{
	const struct quota	*o = a;

	quota_emit_num(x, CHANGE_QUOTA_REMOVED, o, NULL, o->has_applied,
	    o->applied_value, 0, 0);
}

static void
quota_added(struct diff_ctx *x, const void *b)
{
	const struct quota	*n = b;

	quota_emit_num(x, CHANGE_QUOTA_ADDED, NULL, n, 0, 0, n->has_applied,
	    n->applied_value);
}

/*
 * Whether the applied value moved with the default: both set on both
 * sides, both changed, in the same direction.
 */
static int
quota_followed(const struct quota *o, const struct quota *n)
{
	if (!o->has_default || !n->has_default || !o->has_applied ||
	    !n->has_applied)
		return 0;
	if (o->default_value == n->default_value ||
	    o->applied_value == n->applied_value)
		return 0;
	return (n->default_value < o->default_value) ==
	    (n->applied_value < o->applied_value);
}

/* Emit quota_default_changed; returns whether the applied value followed. */
static int
quota_default(struct diff_ctx *x, const struct quota *o,
    const struct quota *n)
{
	struct change	*c;
	int		 followed;

	if (!num_differs(o->has_default, o->default_value, n->has_default,
	    n->default_value))
		return 0;
	followed = quota_followed(o, n);
	c = quota_emit_num(x, CHANGE_QUOTA_DEFAULT_CHANGED, o, n,
	    o->has_default, o->default_value, n->has_default,
	    n->default_value);
	c->applied_followed = followed;
	return followed;
}

static void
quota_both(struct diff_ctx *x, const void *a, const void *b)
{
	const struct quota	*o = a, *n = b;
	int			 followed;

	followed = quota_default(x, o, n);
	/* An unknown value (ErrorReason) is no value: nothing moved. */
	if (!followed && !snapshot_quota_unknown(o) &&
	    !snapshot_quota_unknown(n) && num_differs(o->has_applied,
	    o->applied_value, n->has_applied, n->applied_value))
		quota_emit_num(x, CHANGE_QUOTA_VALUE_CHANGED, o, n,
		    o->has_applied, o->applied_value, n->has_applied,
		    n->applied_value);
	if ((o->adjustable != 0) != (n->adjustable != 0))
		quota_emit(x, CHANGE_QUOTA_ADJUSTABLE_CHANGED, o, n,
		    o->adjustable ? "true" : "false",
		    n->adjustable ? "true" : "false");
}

/* --- quota requests --- */

/* Emit a request change with the context of the quota it is about. */
static void
request_emit(struct diff_ctx *x, enum change_kind kind,
    const struct qrequest *n, const char *oldv)
{
	const struct quota	*oq = NULL, *nq;
	struct change		*c;

	c = emit(x, kind, n->request_id, n->quota_name, n->first_run, oldv,
	    n->status);
	set_str(&c->quota_code, n->quota_code);
	change_set_num(&c->desired_value, &c->desired_num, n->has_desired,
	    n->desired_value);
	if (x->old != NULL && x->old->quotasz > 0)
		oq = snapshot_find_quota(x->old, c->quota_code);
	nq = x->new->quotasz > 0 ?
	    snapshot_find_quota(x->new, c->quota_code) : NULL;
	/* Quotas unknown now: their last known state is the context. */
	if (x->new->unknown & REGION_PART_BIT(REGION_PART_QUOTAS))
		nq = oq;
	quota_context(c, oq, nq);
}

static void
request_removed(struct diff_ctx *x, const void *a)
{
	/* Old requests age out of the change history: not a change. */
	(void)x;
	(void)a;
}

static void
request_added(struct diff_ctx *x, const void *b)
{
	request_emit(x, CHANGE_QUOTA_REQUEST_CREATED, b, "");
}

static void
request_both(struct diff_ctx *x, const void *a, const void *b)
{
	const struct qrequest	*o = a, *n = b;

	if (strcmp(str_or_empty(o->status), str_or_empty(n->status)) != 0)
		request_emit(x, CHANGE_QUOTA_REQUEST_STATUS_CHANGED, n,
		    o->status);
}

/* --- inference profiles --- */

static void
profile_removed(struct diff_ctx *x, const void *a)
{
	const struct profile	*o = a;

	emit(x, CHANGE_PROFILE_REMOVED, o->profile_id, o->profile_name, 0,
	    o->model_ids, "");
}

static void
profile_added(struct diff_ctx *x, const void *b)
{
	const struct profile	*n = b;

	emit(x, CHANGE_PROFILE_ADDED, n->profile_id, n->profile_name,
	    n->first_run, "", n->model_ids);
}

static void
profile_both(struct diff_ctx *x, const void *a, const void *b)
{
	/* A profile's routing may change; change.h has no kind for it. */
	(void)x;
	(void)a;
	(void)b;
}

/* --- driver --- */

#define ROWS(s, arr, sz, type, cmp) \
	{ (s)->arr, (s)->sz, sizeof(type), cmp }

/* Assert (the caller's bug, not bad data) that "r" is sorted. */
static void
rows_check_sorted(const struct rows *r)
{
#ifndef NDEBUG
	size_t	i;

	for (i = 1; i < r->len; i++)
		assert(r->cmp(row_at(r, i - 1), row_at(r, i)) <= 0);
#else
	(void)r;
#endif
}

static void
diff_rows(struct diff_ctx *x, const struct rows *o, const struct rows *n,
    const struct row_ops *ops)
{
	rows_check_sorted(o);
	rows_check_sorted(n);
	merge(x, o, n, ops);
}

static void
diff_models(struct diff_ctx *x)
{
	static const struct row_ops	ops = {
		model_removed, model_added, model_both };
	struct rows	o = ROWS(x->old, models, modelsz, struct model,
			    snapshot_model_cmp);
	struct rows	n = ROWS(x->new, models, modelsz, struct model,
			    snapshot_model_cmp);

	diff_rows(x, &o, &n, &ops);
}

static void
diff_quotas(struct diff_ctx *x)
{
	static const struct row_ops	ops = {
		quota_removed, quota_added, quota_both };
	struct rows	o = ROWS(x->old, quotas, quotasz, struct quota,
			    snapshot_quota_cmp);
	struct rows	n = ROWS(x->new, quotas, quotasz, struct quota,
			    snapshot_quota_cmp);

	diff_rows(x, &o, &n, &ops);
}

static void
diff_requests(struct diff_ctx *x)
{
	static const struct row_ops	ops = {
		request_removed, request_added, request_both };
	struct rows	o = ROWS(x->old, requests, requestsz, struct qrequest,
			    snapshot_request_cmp);
	struct rows	n = ROWS(x->new, requests, requestsz, struct qrequest,
			    snapshot_request_cmp);

	diff_rows(x, &o, &n, &ops);
}

static void
diff_profiles(struct diff_ctx *x)
{
	static const struct row_ops	ops = {
		profile_removed, profile_added, profile_both };
	struct rows	o = ROWS(x->old, profiles, profilesz, struct profile,
			    snapshot_profile_cmp);
	struct rows	n = ROWS(x->new, profiles, profilesz, struct profile,
			    snapshot_profile_cmp);

	diff_rows(x, &o, &n, &ops);
}

/*
 * Whether part "p" is known on both sides: an unknown part (its call
 * failed now, or no run has known it yet) yields no change at all.
 */
static int
diff_known(const struct diff_ctx *x, enum region_part p)
{
	return !((x->old->unknown | x->new->unknown) & REGION_PART_BIT(p));
}

size_t
diff_region(const struct snapshot *old, const struct snapshot *new,
    long long run_id, struct change_list *out)
{
	struct diff_ctx	x;

	assert(new != NULL && out != NULL);
	if (old == NULL)
		return 0;
	assert(old->region == NULL || new->region == NULL ||
	    strcmp(old->region, new->region) == 0);
	memset(&x, 0, sizeof(x));
	x.old = old;
	x.new = new;
	x.region = new->region != NULL ? new->region : old->region;
	x.run_id = run_id;
	x.out = out;
	/* The order of the groups is the documented order of the output. */
	if (diff_known(&x, REGION_PART_MODELS))
		diff_models(&x);
	if (diff_known(&x, REGION_PART_QUOTAS))
		diff_quotas(&x);
	if (diff_known(&x, REGION_PART_REQUESTS))
		diff_requests(&x);
	if (diff_known(&x, REGION_PART_PROFILES))
		diff_profiles(&x);
	return x.n;
}

/* --- usage findings --- */

/* The change kind of finding "f"; CHANGE__COUNT for none. */
static enum change_kind
usage_kind(int f)
{
	switch (f) {
	case USAGE_FINDING_NEAR_QUOTA:
		return CHANGE_USAGE_NEAR_QUOTA;
	case USAGE_FINDING_THROTTLED_BELOW:
		return CHANGE_THROTTLED_BELOW_QUOTA;
	case USAGE_FINDING_THROTTLED_AT:
		return CHANGE_THROTTLED_AT_QUOTA;
	default:
		return CHANGE__COUNT;
	}
}

static void
usage_change(const char *region, long long run_id,
    const struct diff_usage_quota *q, enum change_kind k, int started,
    struct change_list *out)
{
	struct change	*c = change_new();

	c->run_id = c->first_run = run_id;
	c->kind = k;
	set_str(&c->region, region);
	set_str(&c->subject, q->quota_code);
	set_str(&c->subject_name, q->quota_name);
	set_str(&c->old_value, started ? CHANGE_USAGE_NONE :
	    change_usage_value(k));
	set_str(&c->new_value, started ? change_usage_value(k) :
	    CHANGE_USAGE_NONE);
	set_str(&c->old_applied, q->applied);
	set_str(&c->new_applied, q->applied);
	set_str(&c->new_default, q->default_value);
	set_str(&c->level, "ACCOUNT");
	set_str(&c->usage_model, q->model_id);
	c->adjustable = q->adjustable;
	c->usage = q->ev;
	c->usage.set = 1;
	change_parse_nums(c);
	change_list_push(out, c);
}

size_t
diff_usage(const char *region, long long run_id,
    const struct diff_usage_quota *q, size_t n, struct change_list *out)
{
	size_t	i, before = out->len;

	for (i = 0; i < n; i++) {
		if (q[i].before == q[i].now)
			continue;
		if (usage_kind(q[i].before) != CHANGE__COUNT)
			usage_change(region, run_id, &q[i],
			    usage_kind(q[i].before), 0, out);
		if (usage_kind(q[i].now) != CHANGE__COUNT)
			usage_change(region, run_id, &q[i],
			    usage_kind(q[i].now), 1, out);
	}
	return out->len - before;
}
