/*
 * report_advice.c: what the report says about one change: its heading,
 * the facts, the steps of its path and, for P3, P5 and P6, the support
 * case draft.  See report_int.h; the paths are in playbook.md.
 *
 * The same functions serve text, Markdown and the JSON "advice" and
 * "case" strings: they only emit blocks through the writer.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

_Static_assert(I18N_KIND_THROTTLED_AT_QUOTA - I18N_KIND_MODEL_ADDED ==
    CHANGE_THROTTLED_AT_QUOTA - CHANGE_MODEL_ADDED &&
    CHANGE_THROTTLED_AT_QUOTA + 1 == CHANGE__COUNT,
    "one catalogue message per change kind, in change.h order");

static enum i18n_msg
kind_msg(enum change_kind k)
{
	if ((unsigned)k >= CHANGE__COUNT)
		return I18N_UNKNOWN;
	return (enum i18n_msg)(I18N_KIND_MODEL_ADDED + (int)k);
}

static int
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

/* The quota code a quota or request change is about. */
static const char *
quota_code(const struct change *c)
{
	return change_subject(c->kind) == CHANGE_SUBJECT_REQUEST ?
	    c->quota_code : c->subject;
}

/* The quota's name, or its code when the name is not known. */
static const char *
quota_name(const struct change *c)
{
	return empty(c->subject_name) ? quota_code(c) : c->subject_name;
}

/* The quota value in force now, or NULL when not known. */
static const char *
current_value(const struct change *c)
{
	if (!empty(c->new_applied))
		return c->new_applied;
	if (c->kind == CHANGE_QUOTA_VALUE_CHANGED && !empty(c->new_value))
		return c->new_value;
	return empty(c->new_default) ? NULL : c->new_default;
}

/*
 * The account's applied value before it went down, which is what it
 * needs back; NULL when the change shows no lower applied value.  Never
 * an old default (playbook.md, second edition): a lowered default the
 * account's own value did not follow took nothing away.
 */
static const char *
lowered_from(const struct change *c)
{
	if (change_subject(c->kind) == CHANGE_SUBJECT_QUOTA &&
	    change_num_less(&c->new_applied_num, &c->old_applied_num))
		return c->old_applied;
	return NULL;
}

/* Strings made for one piece of advice, freed together. */
#define POOL_MAX	12
struct pool {
	struct buf	b[POOL_MAX];
	size_t		n;
};

static struct buf *
pool_next(struct pool *p)
{
	assert(p->n < POOL_MAX);
	return &p->b[p->n++];
}

static void
pool_free(struct pool *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		buf_free(&p->b[i]);
	p->n = 0;
}

/* A quota number with thousands separators (as RA: not yet escaped). */
static const char *
num(struct pool *p, const char *s)
{
	struct buf	*b = pool_next(p);

	report_rw_group_number(b, s);
	return b->data != NULL ? b->data : "";
}

/* Enumeration values AWS sends, and the words that explain them. */
static const struct {
	const char	*raw;
	enum i18n_msg	 words;
} value_words[] = {
	{ "AUTHORIZED", I18N_V_AUTHORIZED },
	{ "NOT_AUTHORIZED", I18N_V_NOT_AUTHORIZED },
	{ "AVAILABLE", I18N_V_AVAILABLE },
	{ "NOT_AVAILABLE", I18N_V_NOT_AVAILABLE },
	{ "PENDING", I18N_V_PENDING },
	{ "ERROR", I18N_V_ERROR },
	{ "ACTIVE", I18N_V_ACTIVE },
	{ "LEGACY", I18N_V_LEGACY },
	{ "true", I18N_V_TRUE },
	{ "false", I18N_V_FALSE },
	{ "DENIED", I18N_V_DENIED },
	{ "NOT_APPROVED", I18N_V_NOT_APPROVED },
	{ "APPROVED", I18N_V_APPROVED },
	{ "CASE_OPENED", I18N_V_CASE_OPENED },
	{ "CASE_CLOSED", I18N_V_CASE_CLOSED },
	{ "INVALID_REQUEST", I18N_V_INVALID_REQUEST },
	{ "ON_DEMAND", I18N_V_ON_DEMAND },
	{ "INFERENCE_PROFILE", I18N_V_INFERENCE_PROFILE },
	{ "PROVISIONED", I18N_V_PROVISIONED },
	{ CHANGE_USAGE_NONE, I18N_V_FINDING_NONE },
	{ "near_quota", I18N_V_FINDING_HOLDS },
	{ "throttled_below_quota", I18N_V_FINDING_HOLDS },
	{ "throttled_at_quota", I18N_V_FINDING_HOLDS },
};

static enum i18n_msg
words_of(const char *raw, size_t len)
{
	size_t	i;

	for (i = 0; i < sizeof(value_words) / sizeof(value_words[0]); i++)
		if (strlen(value_words[i].raw) == len &&
		    strncmp(value_words[i].raw, raw, len) == 0)
			return value_words[i].words;
	return I18N__COUNT;
}

/*
 * An enumeration value (or a ','-joined list of them) as words with the
 * raw value in parentheses after them, escaped (pass as RR): "not
 * authorized (NOT_AUTHORIZED)".  A value without words stays raw; an
 * empty one is the catalogue's "none".
 */
static const char *
words(struct pool *p, struct report_rw *w, const char *v)
{
	struct buf	*b = pool_next(p), list = BUF_INIT;
	const char	*q, *e;
	enum i18n_msg	 m;

	for (q = v != NULL ? v : ""; *q != '\0'; q = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(q, ',')) == NULL)
			e = q + strlen(q);
		if ((m = words_of(q, (size_t)(e - q))) == I18N__COUNT)
			break;
		if (list.len > 0)
			report_rw_fmt(w, &list, I18N_LIST_SEP, NULL, 0);
		report_rw_fmt(w, &list, m, NULL, 0);
	}
	if (v == NULL || *v == '\0')
		report_rw_fmt(w, b, I18N_NONE, NULL, 0);
	else if (*q != '\0' || list.len == 0)
		report_rw_esc(w, b, v);
	else
		report_rw_fmt(w, b, I18N_V_WORDS,
		    REPORT_ARGS(RR(list.data), RA(v)));
	buf_free(&list);
	return b->data != NULL ? b->data : "";
}

/* When the change was first seen: UTC, and the reader's time (as RR). */
static const char *
seen(struct pool *p, struct report_rw *w, const struct change *c)
{
	struct buf	*b = pool_next(p);

	report_rw_time(w, b, c->first_seen, c->first_seen_local);
	return b->data;
}

/* The numbers of a usage finding change as text (not yet escaped). */
struct ev_text {
	const char	*peak;		/* grouped */
	const char	*quota;
	const char	*suggested;
	const char	*unit;		/* tokens/min, requests/min */
	char		 when[17];	/* "YYYY-MM-DD HH:MM" (UTC) */
	char		 pct[16];	/* whole percent, rounded down */
	char		 mins[16];	/* throttled minutes */
	char		 day[11];	/* the run's UTC day */
};

static const char *
num_v(struct pool *p, double v)
{
	char		*s = change_format_number(v);
	const char	*r = num(p, s);

	free(s);
	return r;
}

static void
ev_text(struct pool *p, struct report_rw *w, const struct change *c,
    struct ev_text *e)
{
	char	iso[UTIL_ISO8601_LEN];

	e->peak = num_v(p, c->usage.peak);
	e->quota = num_v(p, c->usage.quota);
	e->suggested = num_v(p, c->usage.suggested);
	e->unit = i18n_get(!c->usage.tokens ? I18N_USAGE_REQUESTS :
	    c->usage.approximate ? I18N_USAGE_TOKENS_APPROX :
	    I18N_USAGE_TOKENS, w->lang);
	e->when[0] = '\0';
	if (c->usage.peak_at > 0) {
		util_iso8601((time_t)c->usage.peak_at, iso);
		(void)memcpy(e->when, iso, 16);
		e->when[10] = ' ';
		e->when[16] = '\0';
	}
	(void)snprintf(e->pct, sizeof(e->pct), "%.0f",
	    floor(c->usage.percent));
	(void)snprintf(e->mins, sizeof(e->mins), "%d",
	    c->usage.throttled_minutes);
	(void)snprintf(e->day, sizeof(e->day), "%.10s",
	    c->first_seen != NULL ? c->first_seen : "");
}

/* A usage finding change that started one (not its end). */
static int
usage_started(const struct change *c)
{
	return c->usage.set && change_usage_value(c->kind) != NULL &&
	    strcmp(c->new_value, change_usage_value(c->kind)) == 0;
}

/* The usage numbers of a change, as facts. */
static void
usage_facts(struct report_rw *w, const struct change *c)
{
	struct pool	p = { .n = 0 };
	struct ev_text	e;

	if (!c->usage.set || !(c->usage.quota > 0))
		return;
	ev_text(&p, w, c, &e);
	REPORT_LINE(w, REPORT_B_BULLET, I18N_F_USAGE_PEAK, RA(e.peak),
	    RA(e.unit), RA(e.when), RA(e.quota), RA(e.pct),
	    RA(c->usage_model));
	if (c->usage.throttled_minutes > 0)
		REPORT_LINE(w, REPORT_B_BULLET, I18N_F_USAGE_THROTTLED,
		    RA(e.mins));
	pool_free(&p);
}

/* P4/P6: the peak against the quota, and the value it suggests. */
static void
usage_step(struct report_rw *w, int *n, const struct change *c)
{
	struct pool	p = { .n = 0 };
	struct ev_text	e;

	if (!usage_started(c) || !(c->usage.quota > 0))
		return;
	ev_text(&p, w, c, &e);
	report_rw_begin(w, REPORT_B_NUMBER, ++*n);
	report_rw_msg(w, I18N_USAGE_STEP_SUGGEST, REPORT_ARGS(RA(e.suggested),
	    RA(e.peak), RA(e.unit), RA(e.when), RA(e.quota),
	    RA(c->usage_model), RA(e.pct)));
	report_rw_end(w);
	pool_free(&p);
}

/* A change's old or new value in words: numbers for quotas. */
static const char *
value(struct pool *p, struct report_rw *w, const struct change *c,
    const char *v)
{
	struct buf	*b;

	if (change_subject(c->kind) != CHANGE_SUBJECT_QUOTA ||
	    c->kind == CHANGE_QUOTA_ADJUSTABLE_CHANGED ||
	    change_kind_is_usage(c->kind))
		return words(p, w, v);
	b = pool_next(p);
	if (v == NULL || *v == '\0')
		report_rw_fmt(w, b, I18N_NONE, NULL, 0);
	else
		report_rw_esc(w, b, num(p, v));
	return b->data;
}

void
report_value_text(struct report_rw *w, struct buf *dst,
    const struct change *c, const char *v)
{
	struct pool	p = { .n = 0 };

	buf_addstr(dst, value(&p, w, c, v));
	pool_free(&p);
}

/* "name (id)", or "id" alone, escaped for the writer, into "dst". */
static void
label(struct report_rw *w, struct buf *dst, const char *name, const char *id)
{
	if (empty(name))
		report_rw_esc(w, dst, id);
	else
		report_rw_fmt(w, dst, I18N_NAME_ID,
		    REPORT_ARGS(RA(name), RA(id)));
}

/* A ','-joined list, each item escaped, joined with ", ", into "dst". */
static void
list(struct report_rw *w, struct buf *dst, const char *csv)
{
	struct buf	 item = BUF_INIT;
	const char	*p, *e;
	int		 first = 1;

	for (p = csv; *p != '\0'; p = *e == ',' ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		buf_reset(&item);
		buf_add(&item, p, (size_t)(e - p));
		if (item.len == 0)
			continue;
		if (!first)
			report_rw_fmt(w, dst, I18N_LIST_SEP, NULL, 0);
		report_rw_esc(w, dst, item.data);
		first = 0;
	}
	buf_free(&item);
}

void
report_item_title(struct report_rw *w, struct buf *dst, const struct change *c)
{
	struct buf	lb = BUF_INIT;

	switch (change_subject(c->kind)) {
	case CHANGE_SUBJECT_MODEL:
		label(w, &lb, c->subject_name, c->subject);
		report_rw_fmt(w, dst, I18N_ITEM_MODEL,
		    REPORT_ARGS(RA(c->region), RR(lb.data)));
		break;
	case CHANGE_SUBJECT_QUOTA:
		label(w, &lb, c->subject_name, c->subject);
		report_rw_fmt(w, dst, I18N_ITEM_QUOTA,
		    REPORT_ARGS(RA(c->region), RR(lb.data)));
		break;
	case CHANGE_SUBJECT_REQUEST:
		label(w, &lb, c->subject_name, c->quota_code);
		report_rw_fmt(w, dst, I18N_ITEM_REQUEST,
		    REPORT_ARGS(RA(c->region), RA(c->subject), RR(lb.data)));
		break;
	case CHANGE_SUBJECT_PROFILE:
	case CHANGE_SUBJECT_UNKNOWN:	/* cannot be stored: no better title */
		label(w, &lb, c->subject_name, c->subject);
		report_rw_fmt(w, dst, I18N_ITEM_PROFILE,
		    REPORT_ARGS(RA(c->region), RR(lb.data)));
		break;
	}
	buf_free(&lb);
}

void
report_item_heading(struct report_rw *w, enum report_block b,
    const struct change *c)
{
	report_rw_begin(w, b, 0);
	report_item_title(w, &w->cur, c);
	report_rw_end(w);
}

const char *
report_kind_text(const struct report_rw *w, enum change_kind k)
{
	return i18n_get(kind_msg(k), w->lang);
}

/* The quota context a quota change carries, one list item each. */
static void
quota_facts(struct report_rw *w, const struct change *c)
{
	struct pool	p = { .n = 0 };

	if (c->kind != CHANGE_QUOTA_VALUE_CHANGED && !empty(c->old_applied) &&
	    strcmp(c->old_applied, c->new_applied) == 0)
		REPORT_LINE(w, REPORT_B_BULLET, I18N_F_APPLIED_SAME,
		    RA(num(&p, c->new_applied)));
	else if (c->kind != CHANGE_QUOTA_VALUE_CHANGED &&
	    (!empty(c->old_applied) || !empty(c->new_applied)))
		REPORT_LINE(w, REPORT_B_BULLET, I18N_F_APPLIED,
		    RR(value(&p, w, c, c->old_applied)),
		    RR(value(&p, w, c, c->new_applied)));
	if (c->kind != CHANGE_QUOTA_DEFAULT_CHANGED && !empty(c->new_default))
		REPORT_LINE(w, REPORT_B_BULLET, I18N_F_DEFAULT,
		    RA(num(&p, c->new_default)));
	if (c->kind == CHANGE_QUOTA_DEFAULT_CHANGED && c->applied_followed)
		REPORT_LINE0(w, REPORT_B_BULLET, I18N_F_FOLLOWED);
	if (c->adjustable != -1)
		REPORT_LINE(w, REPORT_B_BULLET, I18N_F_ADJUSTABLE,
		    RA(i18n_get(c->adjustable ? I18N_YES : I18N_NO, w->lang)));
	pool_free(&p);
}

/* What changed: the kind and both values in words. */
static void
change_fact(struct report_rw *w, const struct change *c)
{
	struct pool	p = { .n = 0 };
	struct buf	models = BUF_INIT;

	if (c->kind == CHANGE_PROFILE_REMOVED) {
		list(w, &models, c->old_value);
		REPORT_LINE(w, REPORT_B_BULLET, I18N_F_PROFILE_GONE,
		    RA(c->subject), models.len > 0 ? RR(models.data) :
		    report_rw_value(w, NULL));
	} else
		REPORT_LINE(w, REPORT_B_BULLET, I18N_F_CHANGE,
		    RA(report_kind_text(w, c->kind)),
		    RR(value(&p, w, c, c->old_value)),
		    RR(value(&p, w, c, c->new_value)));
	buf_free(&models);
	pool_free(&p);
}

void
report_item_facts(struct report_rw *w, const struct change *c)
{
	struct pool	p = { .n = 0 };
	char		run[32];

	change_fact(w, c);
	(void)snprintf(run, sizeof(run), "%lld",
	    c->first_run != 0 ? c->first_run : c->run_id);
	if (empty(c->first_seen))
		REPORT_LINE(w, REPORT_B_BULLET, I18N_F_FIRST_SEEN_RUN, RA(run));
	else
		REPORT_LINE(w, REPORT_B_BULLET, I18N_F_FIRST_SEEN, RA(run),
		    RR(seen(&p, w, c)));
	if (change_subject(c->kind) == CHANGE_SUBJECT_QUOTA)
		quota_facts(w, c);
	usage_facts(w, c);
	if (change_subject(c->kind) == CHANGE_SUBJECT_REQUEST &&
	    !empty(c->quota_code))
		REPORT_LINE(w, REPORT_B_BULLET, I18N_F_REQ_QUOTA,
		    RA(c->quota_code));
	pool_free(&p);
}

/* One numbered step: the next number after *n. */
static void
step(struct report_rw *w, int *n, enum i18n_msg m,
    const struct report_arg *args, size_t nargs)
{
	report_rw_begin(w, REPORT_B_NUMBER, ++*n);
	report_rw_msg(w, m, args, nargs);
	report_rw_end(w);
}

#define STEP(w, n, m, ...)	step((w), (n), (m), REPORT_ARGS(__VA_ARGS__))
#define STEP0(w, n, m)		step((w), (n), (m), NULL, 0)

/* The agreement value a model change shows: its own, or the state's. */
static const char *
agreement_of(const struct change *c)
{
	return c->kind == CHANGE_AGREEMENT_CHANGED ? c->new_value :
	    c->agreement;
}

/*
 * P1 for a failed agreement while entitled (playbook.md, second
 * edition): the permissions and payment method first, a case last.
 */
static void
advice_p1_agreement(struct report_rw *w, const struct change *c,
    const char *lb)
{
	struct pool	p = { .n = 0 };
	int		n = 0;

	STEP(w, &n, I18N_P1_AGR_STATE, RR(lb), RA(c->region),
	    RR(words(&p, w, agreement_of(c))));
	if (!empty(c->agreement_message))
		STEP(w, &n, I18N_P1_AGR_MESSAGE_IS,
		    RA(c->agreement_message));
	else
		STEP0(w, &n, I18N_P1_AGR_MESSAGE);
	STEP0(w, &n, I18N_P1_AGR_PERMS);
	STEP0(w, &n, I18N_P1_AGR_PAYMENT);
	STEP(w, &n, I18N_P1_AGR_RETRY, RA(c->region));
	STEP0(w, &n, I18N_P1_AGR_FALLBACK);
	STEP(w, &n, I18N_P1_VERIFY, RA(c->region));
	pool_free(&p);
}

static void
advice_p1(struct report_rw *w, const struct change *c)
{
	struct buf	lb = BUF_INIT;
	int		n = 0;

	label(w, &lb, c->subject_name, c->subject);
	if (playbook_change_reason(c) == PLAYBOOK_REASON_AGREEMENT)
		advice_p1_agreement(w, c, lb.data);
	else {
		STEP(w, &n, I18N_P1_REGION, RA(c->region));
		STEP(w, &n, I18N_P1_ENABLE, RR(lb.data));
		STEP0(w, &n, I18N_P1_IAM);
		STEP0(w, &n, I18N_P1_FIRST_USE);
		STEP0(w, &n, I18N_P1_DENY);
		STEP(w, &n, I18N_P1_VERIFY, RA(c->region));
	}
	buf_free(&lb);
}

static void
advice_p2(struct report_rw *w, const struct change *c)
{
	struct buf	lb = BUF_INIT, regions = BUF_INIT, profiles = BUF_INIT;
	int		n = 0;

	label(w, &lb, c->subject_name, c->subject);
	list(w, &regions, c->alt_regions);
	list(w, &profiles, c->alt_profiles);
	STEP(w, &n, I18N_P2_GONE, RR(lb.data), RA(c->region));
	if (regions.len > 0)
		STEP(w, &n, I18N_P2_REGIONS, RR(regions.data));
	else
		STEP0(w, &n, I18N_P2_NO_REGIONS);
	if (profiles.len > 0)
		STEP(w, &n, I18N_P2_PROFILES, RR(profiles.data));
	else
		STEP0(w, &n, I18N_P2_NO_PROFILES);
	STEP0(w, &n, I18N_P2_MOVE);
	buf_free(&lb);
	buf_free(&regions);
	buf_free(&profiles);
}

static void
advice_p3(struct report_rw *w, const struct change *c)
{
	struct pool	p = { .n = 0 };
	struct buf	lb = BUF_INIT;
	int		n = 0;

	label(w, &lb, c->subject_name, c->subject);
	STEP(w, &n, I18N_P3_CHECK, RA(c->region), RR(lb.data));
	if (playbook_change_reason(c) == PLAYBOOK_REASON_AGREEMENT)
		STEP(w, &n, I18N_P3_OFFERED_AGR, RA(c->region),
		    RR(words(&p, w, agreement_of(c))));
	else
		STEP(w, &n, I18N_P3_OFFERED, RA(c->region));
	STEP0(w, &n, I18N_IAM_SUPPORT);
	buf_free(&lb);
	pool_free(&p);
}

static void
advice_p4(struct report_rw *w, const struct change *c)
{
	struct pool	 p = { .n = 0 };
	const char	*was = lowered_from(c);
	int		 n = 0;

	STEP(w, &n, I18N_P4_OPEN, RA(c->region));
	STEP(w, &n, I18N_P4_QUOTA, RA(quota_name(c)), RA(quota_code(c)));
	STEP(w, &n, I18N_P4_REQUEST,
	    report_rw_known(w, num(&p, current_value(c))),
	    report_rw_known(w, num(&p, c->new_default)));
	if (was != NULL)
		STEP(w, &n, I18N_P4_WAS, RA(num(&p, was)));
	usage_step(w, &n, c);
	STEP0(w, &n, I18N_P4_IAM);
	pool_free(&p);
}

static void
advice_p5(struct report_rw *w, const struct change *c)
{
	struct ev_text	e;
	struct pool	p = { .n = 0 };
	struct buf	lb = BUF_INIT, profiles = BUF_INIT;
	int		n = 0;

	label(w, &lb, c->subject_name, c->subject);
	list(w, &profiles, c->alt_profiles);
	if (playbook_change_reason(c) == PLAYBOOK_REASON_ON_DEMAND_DROPPED)
		STEP(w, &n, I18N_P5_DROPPED, RR(lb.data), RA(c->region),
		    RR(words(&p, w, c->old_value)),
		    RR(words(&p, w, c->new_value)));
	else if (usage_started(c)) {
		ev_text(&p, w, c, &e);
		STEP(w, &n, I18N_P5_USAGE, RA(e.mins), RA(e.peak), RA(e.unit),
		    RA(e.when), RA(e.quota), RA(c->usage_model), RA(e.pct));
	} else
		STEP(w, &n, I18N_P5_METRICS, RA(c->region));
	if (profiles.len > 0)
		STEP(w, &n, I18N_P5_PROFILES, RR(profiles.data));
	else
		STEP(w, &n, I18N_P5_NO_PROFILES, RA(c->region));
	STEP(w, &n, I18N_P5_CASE, RA(c->region));
	STEP0(w, &n, I18N_IAM_SUPPORT);
	buf_free(&lb);
	buf_free(&profiles);
	pool_free(&p);
}

/*
 * Is the quota of a P6 change known to be fixed in Service Quotas?  A
 * turned-down request is on P6 whether or not its quota is adjustable.
 */
static int
not_adjustable(const struct change *c)
{
	return change_subject(c->kind) != CHANGE_SUBJECT_REQUEST &&
	    c->adjustable != 1;
}

static void
advice_p6(struct report_rw *w, const struct change *c)
{
	struct pool	p = { .n = 0 };
	int		n = 0;

	if (not_adjustable(c))
		STEP(w, &n, I18N_P6_FIXED, RA(c->region), RA(quota_name(c)),
		    RA(quota_code(c)));
	if (playbook_change_reason(c) == PLAYBOOK_REASON_NOW_NOT_ADJUSTABLE)
		STEP(w, &n, I18N_P6_TURNED,
		    report_rw_known(w, num(&p, current_value(c))));
	if (change_subject(c->kind) == CHANGE_SUBJECT_REQUEST)
		STEP(w, &n, I18N_P6_DENIED, RA(c->subject),
		    RR(words(&p, w, c->new_value)));
	usage_step(w, &n, c);
	STEP0(w, &n, I18N_P6_CASE);
	STEP0(w, &n, I18N_IAM_SUPPORT);
	pool_free(&p);
}

/* A removed profile: what breaks, and what still works. */
static void
advice_profile_gone(struct report_rw *w, const struct change *c)
{
	struct buf	profiles = BUF_INIT;

	list(w, &profiles, c->alt_profiles);
	REPORT_LINE(w, REPORT_B_PARA, I18N_WARN_PROFILE_GONE, RA(c->subject));
	if (profiles.len > 0)
		REPORT_LINE(w, REPORT_B_PARA, I18N_WARN_PROFILE_ALTS,
		    RR(profiles.data));
	else
		REPORT_LINE0(w, REPORT_B_PARA, I18N_WARN_PROFILE_NO_ALTS);
	buf_free(&profiles);
}

/* The one sentence for a quota change on no path, or 0 if none. */
static int
advice_quota_info(struct report_rw *w, const struct change *c,
    struct pool *p)
{
	if (playbook_change_reason(c) == PLAYBOOK_REASON_DEFAULT_LOWERED_KEPT)
		REPORT_LINE(w, REPORT_B_PARA, I18N_INFO_DEFAULT_KEPT,
		    RA(num(p, c->old_value)), RA(num(p, c->new_value)),
		    RA(num(p, c->new_applied)));
	else if (c->kind == CHANGE_QUOTA_REMOVED)
		REPORT_LINE(w, REPORT_B_PARA, I18N_WARN_QUOTA_GONE,
		    RA(c->region), report_rw_known(w, num(p, c->old_applied)));
	else if (c->kind == CHANGE_QUOTA_VALUE_CHANGED &&
	    c->severity >= SEVERITY_WARNING && !c->new_num.set)
		REPORT_LINE(w, REPORT_B_PARA, I18N_WARN_VALUE_UNSET,
		    report_rw_known(w, num(p, c->old_value)));
	else if (c->severity >= SEVERITY_WARNING && c->adjustable == -1)
		/* Rules 21, 24-28 with adjustability unknown: no path. */
		REPORT_LINE(w, REPORT_B_PARA, I18N_WARN_ADJ_UNKNOWN,
		    RA(c->region));
	else
		return 0;
	return 1;
}

/* The one sentence for a model change on no path, or 0 if none. */
static int
advice_model_info(struct report_rw *w, const struct change *c,
    struct pool *p)
{
	switch (playbook_change_reason(c)) {
	case PLAYBOOK_REASON_AGREEMENT_PENDING:
		REPORT_LINE0(w, REPORT_B_PARA, I18N_WARN_PENDING);
		return 1;
	case PLAYBOOK_REASON_UNKNOWN_VALUE:
		REPORT_LINE(w, REPORT_B_PARA, I18N_WARN_UNKNOWN,
		    RR(words(p, w, c->new_value)), RA(c->region));
		return 1;
	case PLAYBOOK_REASON_ACCESS_UNCLEAR:
		REPORT_LINE(w, REPORT_B_PARA, I18N_WARN_UNCLEAR, RA(c->region));
		return 1;
	default:
		break;
	}
	if (c->kind == CHANGE_MODEL_REMOVED)
		REPORT_LINE(w, REPORT_B_PARA, I18N_INFO_REMOVED_NO_ACCESS,
		    RA(c->region));
	else if (c->kind == CHANGE_MODEL_LIFECYCLE_CHANGED &&
	    c->severity >= SEVERITY_WARNING)
		REPORT_LINE(w, REPORT_B_PARA, I18N_WARN_UNKNOWN,
		    RR(words(p, w, c->new_value)), RA(c->region));
	else
		return 0;
	return 1;
}

/* Changes on no path: what the change means, or that nothing is needed. */
static void
advice_info(struct report_rw *w, const struct change *c)
{
	struct pool	p = { .n = 0 };
	struct buf	lb = BUF_INIT;

	if (c->kind == CHANGE_MODEL_LIFECYCLE_CHANGED &&
	    strcmp(c->new_value, "LEGACY") == 0) {
		label(w, &lb, c->subject_name, c->subject);
		REPORT_LINE(w, REPORT_B_PARA, I18N_WARN_LEGACY, RR(lb.data),
		    RR(words(&p, w, c->new_value)), RA(c->region));
	} else if (c->kind == CHANGE_PROFILE_REMOVED)
		advice_profile_gone(w, c);
	else if (change_kind_is_usage(c->kind) && !usage_started(c))
		REPORT_LINE0(w, REPORT_B_PARA, I18N_INFO_USAGE_ENDED);
	else if (playbook_change_reason(c) == PLAYBOOK_REASON_REQUEST_CLOSED)
		REPORT_LINE(w, REPORT_B_PARA, I18N_WARN_REQ_CLOSED,
		    RA(c->subject), RR(words(&p, w, c->new_value)));
	else if (advice_quota_info(w, c, &p) || advice_model_info(w, c, &p))
		;
	else if (c->severity >= SEVERITY_WARNING)
		REPORT_LINE0(w, REPORT_B_PARA, I18N_WARN_GENERIC);
	else
		REPORT_LINE0(w, REPORT_B_PARA, I18N_INFO_NO_ACTION);
	buf_free(&lb);
	pool_free(&p);
}

void
report_item_advice(struct report_rw *w, const struct change *c)
{
	switch (c->path) {
	case PATH_P1:
		advice_p1(w, c);
		break;
	case PATH_P2:
		advice_p2(w, c);
		break;
	case PATH_P3:
		advice_p3(w, c);
		break;
	case PATH_P4:
		advice_p4(w, c);
		break;
	case PATH_P5:
		advice_p5(w, c);
		break;
	case PATH_P6:
		advice_p6(w, c);
		break;
	default:
		advice_info(w, c);
		break;
	}
}

int
report_has_case(const struct change *c)
{
	return c->path == PATH_P3 || c->path == PATH_P5 ||
	    c->path == PATH_P6;
}

/*
 * Where to open the case: only the routes playbook.md states as fact.
 * Without a support plan: model access through Account Activation, a
 * quota through its page in Service Quotas, anything else unverified.
 */
void
report_case_where(struct report_rw *w, const struct change *c)
{
	REPORT_LINE0(w, REPORT_B_PARA, I18N_CASE_WHERE);
	REPORT_LINE0(w, REPORT_B_BULLET, I18N_CASE_PLAN);
	if (c->path == PATH_P3)
		REPORT_LINE0(w, REPORT_B_BULLET, I18N_CASE_NOPLAN_ALLOW);
	else if (c->path == PATH_P5)
		REPORT_LINE0(w, REPORT_B_BULLET, I18N_CASE_NOPLAN_OTHER);
	else
		REPORT_LINE(w, REPORT_B_BULLET, I18N_CASE_NOPLAN_LIMIT,
		    RA(c->region));
	REPORT_LINE0(w, REPORT_B_PARA, I18N_CASE_URGENCY);
}

void
report_case_subject(struct report_rw *w, struct buf *dst,
    const struct change *c)
{
	switch (c->path) {
	case PATH_P3:
		report_rw_fmt(w, dst, I18N_CASE_SUBJ_P3,
		    REPORT_ARGS(RA(c->subject), RA(c->region)));
		break;
	case PATH_P5:
		if (change_kind_is_usage(c->kind))
			report_rw_fmt(w, dst, I18N_CASE_SUBJ_P5_USAGE,
			    REPORT_ARGS(RA(c->usage_model), RA(c->region)));
		else
			report_rw_fmt(w, dst, I18N_CASE_SUBJ_P5,
			    REPORT_ARGS(RA(c->subject), RA(c->region)));
		break;
	default:
		report_rw_fmt(w, dst, I18N_CASE_SUBJ_P6,
		    REPORT_ARGS(RA(quota_name(c)), RA(quota_code(c)),
		    RA(c->region)));
		break;
	}
}

#define QUOTE(w, m, ...)	REPORT_LINE((w), REPORT_B_QUOTE, (m), \
	__VA_ARGS__)
#define QUOTE0(w, m)		REPORT_LINE0((w), REPORT_B_QUOTE, (m))

/* The closing lines every case body has: reason, date and the ask. */
static void
case_close(struct report_rw *w, enum i18n_msg ask)
{
	report_rw_gap(w);
	QUOTE0(w, I18N_CASE_PH_REASON);
	QUOTE0(w, I18N_CASE_PH_GOLIVE);
	report_rw_gap(w);
	QUOTE0(w, ask);
}

static void
case_model(struct report_rw *w, const struct change *c)
{
	QUOTE(w, I18N_CASE_MODEL_ID, RA(c->subject));
	if (!empty(c->subject_name))
		QUOTE(w, I18N_CASE_MODEL_NAME, RA(c->subject_name));
}

/* Why access cannot be enabled, as a clause for CASE_P3_TEXT. */
static void
p3_clause(struct report_rw *w, struct buf *dst, const struct change *c,
    struct pool *p)
{
	switch (playbook_change_reason(c)) {
	/* The field is named, so its raw value explains itself. */
	case PLAYBOOK_REASON_AGREEMENT:
		report_rw_fmt(w, dst, I18N_CASE_P3_AGREEMENT,
		    REPORT_ARGS(report_rw_known(w, agreement_of(c))));
		break;
	case PLAYBOOK_REASON_ENTITLEMENT:
		report_rw_fmt(w, dst, I18N_CASE_P3_GREYED,
		    REPORT_ARGS(report_rw_known(w, empty(c->entitlement) ?
		    c->new_value : c->entitlement)));
		break;
	default:
		report_rw_fmt(w, dst, I18N_CASE_P3_OTHER,
		    REPORT_ARGS(RA(report_kind_text(w, c->kind)),
		    RR(words(p, w, c->old_value)),
		    RR(words(p, w, c->new_value))));
		break;
	}
}

static void
case_p3(struct report_rw *w, const struct change *c)
{
	struct pool	p = { .n = 0 };
	struct buf	clause = BUF_INIT;

	case_model(w, c);
	report_rw_gap(w);
	p3_clause(w, &clause, c, &p);
	QUOTE(w, I18N_CASE_P3_TEXT, RR(clause.data));
	QUOTE(w, I18N_CASE_OFFERED, RA(c->region));
	if (!empty(c->first_seen))
		QUOTE(w, I18N_CASE_SINCE, RR(seen(&p, w, c)));
	if (playbook_change_reason(c) == PLAYBOOK_REASON_AGREEMENT) {
		report_rw_gap(w);
		QUOTE0(w, I18N_CASE_P3_TRIED);
	}
	case_close(w, I18N_CASE_P3_ASK);
	buf_free(&clause);
	pool_free(&p);
}

/*
 * P5 from usage evidence: the series' model, the throttled minutes below
 * the quota, the peak and the quota, as CloudWatch showed them.
 */
static void
case_p5_usage(struct report_rw *w, const struct change *c,
    const struct buf *profiles)
{
	struct pool	p = { .n = 0 };
	struct ev_text	e;

	ev_text(&p, w, c, &e);
	QUOTE(w, I18N_CASE_MODEL_ID, RA(c->usage_model));
	QUOTE(w, I18N_CASE_QUOTA_NAME, report_rw_known(w, c->subject_name));
	QUOTE(w, I18N_CASE_QUOTA_CODE, RA(c->subject));
	QUOTE(w, I18N_CASE_CURRENT, RA(e.quota));
	report_rw_gap(w);
	QUOTE(w, I18N_CASE_P5_USAGE, RA(e.mins), RA(e.peak), RA(e.unit),
	    RA(e.when), RA(e.quota), RA(c->usage_model), RA(e.day),
	    RA(e.pct));
	report_rw_gap(w);
	if (profiles->len > 0)
		QUOTE(w, I18N_CASE_P5_XR_WHY, RR(profiles->data),
		    RA(c->region));
	else
		QUOTE(w, I18N_CASE_P5_XR_NONE, RA(c->region));
	case_close(w, I18N_CASE_P5_USAGE_ASK);
	pool_free(&p);
}

/*
 * P5 as the data shows it: the inference types before and after, no
 * claim of throttling or of a profile tried (playbook.md, second
 * edition); what only the reader knows is a placeholder.
 */
static void
case_p5(struct report_rw *w, const struct change *c)
{
	struct pool	p = { .n = 0 };
	struct buf	profiles = BUF_INIT;

	list(w, &profiles, c->alt_profiles);
	if (change_kind_is_usage(c->kind)) {
		case_p5_usage(w, c, &profiles);
		buf_free(&profiles);
		return;
	}
	case_model(w, c);
	report_rw_gap(w);
	QUOTE0(w, I18N_CASE_P5_TEXT);
	QUOTE(w, I18N_CASE_P5_OBSERVED, RA(report_kind_text(w, c->kind)),
	    RR(words(&p, w, c->old_value)), RR(words(&p, w, c->new_value)));
	if (!empty(c->first_seen))
		QUOTE(w, I18N_CASE_SINCE, RR(seen(&p, w, c)));
	report_rw_gap(w);
	if (profiles.len > 0)
		QUOTE(w, I18N_CASE_P5_XR_WHY, RR(profiles.data),
		    RA(c->region));
	else
		QUOTE(w, I18N_CASE_P5_XR_NONE, RA(c->region));
	report_rw_gap(w);
	QUOTE0(w, I18N_CASE_P5_RATE);
	case_close(w, I18N_CASE_P5_ASK);
	buf_free(&profiles);
	pool_free(&p);
}

static void
case_p6(struct report_rw *w, const struct change *c)
{
	struct pool	 p = { .n = 0 };
	const char	*was = lowered_from(c), *wanted = NULL;
	char		*text = NULL;
	struct ev_text	 e;
	double		 v;

	if (playbook_wanted_value(c, &v))
		wanted = text = change_format_number(v);
	QUOTE(w, I18N_CASE_QUOTA_NAME, report_rw_known(w, c->subject_name));
	QUOTE(w, I18N_CASE_QUOTA_CODE, RA(quota_code(c)));
	QUOTE(w, I18N_CASE_CURRENT,
	    report_rw_known(w, num(&p, current_value(c))));
	if (!empty(c->new_default))
		QUOTE(w, I18N_CASE_DEFAULT, RA(num(&p, c->new_default)));
	if (wanted == NULL && playbook_suggested_value(c, &v)) {
		ev_text(&p, w, c, &e);
		QUOTE(w, I18N_CASE_WANTED_SUGGESTED, RA(num_v(&p, v)),
		    RA(e.peak));
	} else
		QUOTE(w, I18N_CASE_WANTED, RA(wanted != NULL ?
		    num(&p, wanted) : i18n_get(I18N_CASE_PH_VALUE, w->lang)));
	report_rw_gap(w);
	if (usage_started(c) && c->usage.quota > 0) {
		ev_text(&p, w, c, &e);
		QUOTE(w, I18N_CASE_USAGE_PEAK, RA(e.peak), RA(e.unit),
		    RA(e.when), RA(e.pct), RA(c->usage_model), RA(e.day));
		if (c->kind == CHANGE_THROTTLED_AT_QUOTA)
			QUOTE(w, I18N_CASE_USAGE_THROTTLED_AT, RA(e.mins));
		report_rw_gap(w);
	}
	if (not_adjustable(c))
		QUOTE0(w, I18N_CASE_P6_TEXT);
	if (change_subject(c->kind) == CHANGE_SUBJECT_REQUEST) {
		QUOTE(w, I18N_CASE_P6_DENIED, RA(c->subject),
		    RR(words(&p, w, c->new_value)));
		QUOTE0(w, I18N_CASE_P6_RETRY);
	}
	if (was != NULL)
		QUOTE(w, I18N_CASE_P6_LOWERED, RA(num(&p, was)),
		    RR(seen(&p, w, c)));
	case_close(w, I18N_CASE_P6_ASK);
	pool_free(&p);
	free(text);
}

void
report_case_body(struct report_rw *w, const struct change *c,
    const char *account_id)
{
	QUOTE(w, I18N_CASE_ACCOUNT, report_rw_known(w, account_id));
	QUOTE(w, I18N_CASE_REGION, RA(c->region));
	switch (c->path) {
	case PATH_P3:
		case_p3(w, c);
		break;
	case PATH_P5:
		case_p5(w, c);
		break;
	default:
		case_p6(w, c);
		break;
	}
}

void
report_case_embedded(struct report_rw *w, const struct change *c,
    const char *account_id)
{
	REPORT_LINE0(w, REPORT_B_PARA, I18N_CASE_HEADING);
	report_case_draft(w, c, account_id);
}

void
report_case_draft(struct report_rw *w, const struct change *c,
    const char *account_id)
{
	report_case_where(w, c);
	report_rw_gap(w);
	report_case_text(w, c, account_id);
}

void
report_case_text(struct report_rw *w, const struct change *c,
    const char *account_id)
{
	struct buf	subject = BUF_INIT;

	/* Lines to paste, laid out verbatim: never wrapped or indented. */
	report_rw_verbatim(w, 1);
	report_case_subject(w, &subject, c);
	QUOTE(w, I18N_CASE_SUBJECT, RR(subject.data));
	report_rw_gap(w);
	QUOTE0(w, I18N_CASE_BODY);
	report_case_body(w, c, account_id);
	report_rw_verbatim(w, 0);
	buf_free(&subject);
}
