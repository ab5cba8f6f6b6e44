/*
 * change.c: names of change kinds, paths and severities; change lifetime.
 * See change.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "util.h"

static const char *const kind_names[CHANGE__COUNT] = {
	[CHANGE_MODEL_ADDED] = "model_added",
	[CHANGE_MODEL_REMOVED] = "model_removed",
	[CHANGE_MODEL_LIFECYCLE_CHANGED] = "model_lifecycle_changed",
	[CHANGE_MODEL_LIFECYCLE_DATE_CHANGED] = "model_lifecycle_date_changed",
	[CHANGE_MODEL_INFERENCE_TYPES_CHANGED] =
	    "model_inference_types_changed",
	[CHANGE_ACCESS_GRANTED] = "access_granted",
	[CHANGE_ACCESS_LOST] = "access_lost",
	[CHANGE_ENTITLEMENT_CHANGED] = "entitlement_changed",
	[CHANGE_AGREEMENT_CHANGED] = "agreement_changed",
	[CHANGE_REGION_AVAILABILITY_CHANGED] = "region_availability_changed",
	[CHANGE_QUOTA_ADDED] = "quota_added",
	[CHANGE_QUOTA_REMOVED] = "quota_removed",
	[CHANGE_QUOTA_DEFAULT_CHANGED] = "quota_default_changed",
	[CHANGE_QUOTA_VALUE_CHANGED] = "quota_value_changed",
	[CHANGE_QUOTA_ADJUSTABLE_CHANGED] = "quota_adjustable_changed",
	[CHANGE_QUOTA_REQUEST_CREATED] = "quota_request_created",
	[CHANGE_QUOTA_REQUEST_STATUS_CHANGED] = "quota_request_status_changed",
	[CHANGE_PROFILE_ADDED] = "profile_added",
	[CHANGE_PROFILE_REMOVED] = "profile_removed",
	[CHANGE_USAGE_NEAR_QUOTA] = "usage_near_quota",
	[CHANGE_THROTTLED_BELOW_QUOTA] = "throttled_below_quota",
	[CHANGE_THROTTLED_AT_QUOTA] = "throttled_at_quota",
};

static const char *const path_names[PATH__COUNT] = {
	[PATH_INFO] = "info",
	[PATH_P1] = "P1", [PATH_P2] = "P2", [PATH_P3] = "P3",
	[PATH_P4] = "P4", [PATH_P5] = "P5", [PATH_P6] = "P6",
};

static const char *const severity_names[SEVERITY__COUNT] = {
	[SEVERITY_INFO] = "info",
	[SEVERITY_WARNING] = "warning",
	[SEVERITY_ACTION] = "action",
};

/* Index of "s" in names[0..n), or -1. */
static int
lookup(const char *const *names, int n, const char *s)
{
	int	i;

	for (i = 0; i < n; i++)
		if (s != NULL && strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *
change_kind_name(enum change_kind k)
{
	return (unsigned)k < CHANGE__COUNT ? kind_names[k] : "unknown";
}

int
change_kind_parse(const char *s, enum change_kind *out)
{
	int	i;

	if ((i = lookup(kind_names, CHANGE__COUNT, s)) < 0)
		return -1;
	*out = (enum change_kind)i;
	return 0;
}

enum change_subject
change_subject(enum change_kind k)
{
	/* A switch, not a table: a new kind without a class fails -Wswitch. */
	switch (k) {
	case CHANGE_MODEL_ADDED:
	case CHANGE_MODEL_REMOVED:
	case CHANGE_MODEL_LIFECYCLE_CHANGED:
	case CHANGE_MODEL_LIFECYCLE_DATE_CHANGED:
	case CHANGE_MODEL_INFERENCE_TYPES_CHANGED:
	case CHANGE_ACCESS_GRANTED:
	case CHANGE_ACCESS_LOST:
	case CHANGE_ENTITLEMENT_CHANGED:
	case CHANGE_AGREEMENT_CHANGED:
	case CHANGE_REGION_AVAILABILITY_CHANGED:
		return CHANGE_SUBJECT_MODEL;
	case CHANGE_QUOTA_ADDED:
	case CHANGE_QUOTA_REMOVED:
	case CHANGE_QUOTA_DEFAULT_CHANGED:
	case CHANGE_QUOTA_VALUE_CHANGED:
	case CHANGE_QUOTA_ADJUSTABLE_CHANGED:
	case CHANGE_USAGE_NEAR_QUOTA:
	case CHANGE_THROTTLED_BELOW_QUOTA:
	case CHANGE_THROTTLED_AT_QUOTA:
		return CHANGE_SUBJECT_QUOTA;
	case CHANGE_QUOTA_REQUEST_CREATED:
	case CHANGE_QUOTA_REQUEST_STATUS_CHANGED:
		return CHANGE_SUBJECT_REQUEST;
	case CHANGE_PROFILE_ADDED:
	case CHANGE_PROFILE_REMOVED:
		return CHANGE_SUBJECT_PROFILE;
	case CHANGE__COUNT:
		break;
	}
	return CHANGE_SUBJECT_UNKNOWN;
}

int
change_kind_is_usage(enum change_kind k)
{
	return change_usage_value(k) != NULL;
}

const char *
change_usage_value(enum change_kind k)
{
	switch (k) {
	case CHANGE_USAGE_NEAR_QUOTA:
		return "near_quota";
	case CHANGE_THROTTLED_BELOW_QUOTA:
		return "throttled_below_quota";
	case CHANGE_THROTTLED_AT_QUOTA:
		return "throttled_at_quota";
	default:
		return NULL;
	}
}

const char *
change_path_name(enum change_path p)
{
	return (unsigned)p < PATH__COUNT ? path_names[p] : "info";
}

int
change_path_parse(const char *s, enum change_path *out)
{
	int	i;

	if ((i = lookup(path_names, PATH__COUNT, s)) < 0)
		return -1;
	*out = (enum change_path)i;
	return 0;
}

const char *
change_severity_name(enum change_severity s)
{
	return (unsigned)s < SEVERITY__COUNT ? severity_names[s] : "info";
}

int
change_severity_parse(const char *s, enum change_severity *out)
{
	int	i;

	if ((i = lookup(severity_names, SEVERITY__COUNT, s)) < 0)
		return -1;
	*out = (enum change_severity)i;
	return 0;
}

char *
change_format_number(double v)
{
	/* Quota values are integers in practice; print them without ".0". */
	if (isfinite(v) && v == floor(v) && fabs(v) < 1e15)
		return xasprintf("%.0f", v);
	return xasprintf("%.17g", v);
}

void
change_set_num(char **text, struct change_num *num, int set, double v)
{
	free(*text);
	*text = set ? change_format_number(v) : xstrdup("");
	/* "nan" and "inf" would not parse back: they are not numbers here. */
	num->set = set && isfinite(v);
	num->v = num->set ? v : 0;
}

/*
 * Parse "s" as change_format_number() wrote it.  Not parse_num(): quota
 * values may be fractional, and this text is ours, not AWS's.
 */
static struct change_num
parse_num_text(const char *s)
{
	struct change_num	 n = { 0, 0 };
	char			*end;
	double			 d;

	if (s == NULL || *s == '\0')
		return n;
	d = strtod(s, &end);
	if (*end != '\0' || !isfinite(d))
		return n;
	n.v = d;
	n.set = 1;
	return n;
}

/* Are the values of a change of kind "k" quota numbers? */
static int
kind_has_num_values(enum change_kind k)
{
	return k == CHANGE_QUOTA_ADDED || k == CHANGE_QUOTA_REMOVED ||
	    k == CHANGE_QUOTA_DEFAULT_CHANGED ||
	    k == CHANGE_QUOTA_VALUE_CHANGED;
}

void
change_parse_nums(struct change *c)
{
	static const struct change_num	 unset = { 0, 0 };
	int				 numeric;

	numeric = kind_has_num_values(c->kind);
	c->old_num = numeric ? parse_num_text(c->old_value) : unset;
	c->new_num = numeric ? parse_num_text(c->new_value) : unset;
	c->old_applied_num = parse_num_text(c->old_applied);
	c->new_applied_num = parse_num_text(c->new_applied);
	c->new_default_num = parse_num_text(c->new_default);
	c->desired_num = parse_num_text(c->desired_value);
}

int
change_num_less(const struct change_num *a, const struct change_num *b)
{
	return a->set && b->set && a->v < b->v;
}

/*
 * Every string member of struct change: change_new() sets each to "",
 * change_dup() copies each and change_free() frees each, so a member
 * added to change.h is added here once.
 */
#define CHANGE_STRINGS(X) X(first_seen) X(first_seen_local) X(region) \
	X(subject) X(subject_name) X(old_value) X(new_value) \
	X(old_applied) X(new_applied) X(new_default) X(entitlement) \
	X(authorization) X(agreement) X(region_availability) \
	X(agreement_message) \
	X(quota_code) X(desired_value) X(alt_regions) X(alt_profiles) \
	X(field) X(level) X(context_scope) X(context_id) X(usage_model)

struct change *
change_new(void)
{
	struct change	*c;

	c = xcalloc(1, sizeof(*c));
#define CHANGE_NEW_ONE(f)	c->f = xstrdup("");
	CHANGE_STRINGS(CHANGE_NEW_ONE)
#undef CHANGE_NEW_ONE
	c->adjustable = -1;
	return c;
}

struct change *
change_dup(const struct change *c)
{
	struct change	*d;

	d = xmalloc(sizeof(*d));
	*d = *c;
#define CHANGE_DUP_ONE(f)	d->f = xstrdup(c->f != NULL ? c->f : "");
	CHANGE_STRINGS(CHANGE_DUP_ONE)
#undef CHANGE_DUP_ONE
	return d;
}

void
change_free(struct change *c)
{
	if (c == NULL)
		return;
#define CHANGE_FREE_ONE(f)	free(c->f);
	CHANGE_STRINGS(CHANGE_FREE_ONE)
#undef CHANGE_FREE_ONE
	free(c);
}

void
change_list_push(struct change_list *l, struct change *c)
{
	if (l->len == l->cap) {
		l->cap = l->cap == 0 ? 16 : l->cap * 2;
		l->items = xreallocarray(l->items, l->cap, sizeof(*l->items));
	}
	l->items[l->len++] = c;
}

void
change_list_free(struct change_list *l)
{
	size_t	i;

	if (l == NULL)
		return;
	for (i = 0; i < l->len; i++)
		change_free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->len = l->cap = 0;
}
