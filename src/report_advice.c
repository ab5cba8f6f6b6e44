/*
 * report_advice.c: what the report says about one change: its heading,
 * the facts, the steps of its path and, for P3, P5 and P6, the support
 * case draft.  See report_int.h; the paths are in playbook.md.
 *
 * The same functions serve text, Markdown and the JSON "advice" and
 * "case" strings: they only emit blocks through the writer.
 */
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

_Static_assert(I18N_KIND_PROFILE_REMOVED - I18N_KIND_MODEL_ADDED ==
    CHANGE_PROFILE_REMOVED - CHANGE_MODEL_ADDED,
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
 * The value a quota had before it went down (applied value, or a
 * lowered default), which is what the account needs back; NULL when the
 * change does not show a decrease.
 */
static const char *
lowered_from(const struct change *c)
{
	if ((c->kind == CHANGE_QUOTA_VALUE_CHANGED ||
	    c->kind == CHANGE_QUOTA_DEFAULT_CHANGED) &&
	    change_num_less(&c->new_num, &c->old_num))
		return c->old_value;
	if (change_subject(c->kind) == CHANGE_SUBJECT_QUOTA &&
	    change_num_less(&c->new_applied_num, &c->old_applied_num))
		return c->old_applied;
	return NULL;
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
			buf_addstr(dst, ", ");
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
	if (c->kind != CHANGE_QUOTA_VALUE_CHANGED &&
	    (!empty(c->old_applied) || !empty(c->new_applied)))
		REPORT_LINE(w, REPORT_B_BULLET, I18N_F_APPLIED,
		    report_rw_value(w, c->old_applied),
		    report_rw_value(w, c->new_applied));
	if (c->kind != CHANGE_QUOTA_DEFAULT_CHANGED && !empty(c->new_default))
		REPORT_LINE(w, REPORT_B_BULLET, I18N_F_DEFAULT,
		    RA(c->new_default));
	if (c->kind == CHANGE_QUOTA_DEFAULT_CHANGED && c->applied_followed)
		REPORT_LINE0(w, REPORT_B_BULLET, I18N_F_FOLLOWED);
	if (c->adjustable != -1)
		REPORT_LINE(w, REPORT_B_BULLET, I18N_F_ADJUSTABLE,
		    RA(i18n_get(c->adjustable ? I18N_YES : I18N_NO, w->lang)));
}

void
report_item_facts(struct report_rw *w, const struct change *c)
{
	char	run[32];

	REPORT_LINE(w, REPORT_B_BULLET, I18N_F_CHANGE,
	    RA(report_kind_text(w, c->kind)),
	    report_rw_value(w, c->old_value), report_rw_value(w, c->new_value));
	(void)snprintf(run, sizeof(run), "%lld",
	    c->first_run != 0 ? c->first_run : c->run_id);
	if (empty(c->first_seen))
		REPORT_LINE(w, REPORT_B_BULLET, I18N_F_FIRST_SEEN_RUN, RA(run));
	else
		REPORT_LINE(w, REPORT_B_BULLET, I18N_F_FIRST_SEEN, RA(run),
		    RA(c->first_seen));
	if (change_subject(c->kind) == CHANGE_SUBJECT_QUOTA)
		quota_facts(w, c);
	if (change_subject(c->kind) == CHANGE_SUBJECT_REQUEST &&
	    !empty(c->quota_code))
		REPORT_LINE(w, REPORT_B_BULLET, I18N_F_REQ_QUOTA,
		    RA(c->quota_code));
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

static void
advice_p1(struct report_rw *w, const struct change *c)
{
	struct buf	lb = BUF_INIT;
	int		n = 0;

	label(w, &lb, c->subject_name, c->subject);
	STEP(w, &n, I18N_P1_REGION, RA(c->region));
	STEP(w, &n, I18N_P1_ENABLE, RR(lb.data));
	STEP0(w, &n, I18N_P1_IAM);
	STEP0(w, &n, I18N_P1_NO_PAGE);
	STEP(w, &n, I18N_P1_VERIFY, RA(c->region));
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
	struct buf	lb = BUF_INIT;
	int		n = 0;

	label(w, &lb, c->subject_name, c->subject);
	STEP(w, &n, I18N_P3_CHECK, RA(c->region), RR(lb.data));
	STEP(w, &n, I18N_P3_OFFERED, RA(c->region));
	STEP0(w, &n, I18N_IAM_SUPPORT);
	buf_free(&lb);
}

static void
advice_p4(struct report_rw *w, const struct change *c)
{
	const char	*was = lowered_from(c);
	int		 n = 0;

	STEP(w, &n, I18N_P4_OPEN, RA(c->region));
	STEP(w, &n, I18N_P4_QUOTA, RA(quota_name(c)), RA(quota_code(c)));
	STEP(w, &n, I18N_P4_REQUEST, report_rw_known(w, current_value(c)),
	    report_rw_known(w, c->new_default));
	if (was != NULL)
		STEP(w, &n, I18N_P4_WAS, RA(was));
	STEP0(w, &n, I18N_P4_IAM);
}

static void
advice_p5(struct report_rw *w, const struct change *c)
{
	struct buf	profiles = BUF_INIT;
	int		n = 0;

	list(w, &profiles, c->alt_profiles);
	STEP(w, &n, I18N_P5_METRICS, RA(c->region));
	if (profiles.len > 0)
		STEP(w, &n, I18N_P5_PROFILES, RR(profiles.data));
	else
		STEP(w, &n, I18N_P5_NO_PROFILES, RA(c->region));
	STEP(w, &n, I18N_P5_CASE, RA(c->region));
	STEP0(w, &n, I18N_IAM_SUPPORT);
	buf_free(&profiles);
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
	int	n = 0;

	if (not_adjustable(c))
		STEP(w, &n, I18N_P6_FIXED, RA(c->region), RA(quota_name(c)),
		    RA(quota_code(c)));
	if (change_subject(c->kind) == CHANGE_SUBJECT_REQUEST)
		STEP(w, &n, I18N_P6_DENIED, RA(c->subject),
		    report_rw_value(w, c->new_value));
	STEP0(w, &n, I18N_P6_CASE);
	STEP0(w, &n, I18N_IAM_SUPPORT);
}

/* Changes on no path: a lifecycle warning, or a word of reassurance. */
static void
advice_info(struct report_rw *w, const struct change *c)
{
	struct buf	lb = BUF_INIT;

	if (c->kind == CHANGE_MODEL_LIFECYCLE_CHANGED &&
	    strcmp(c->new_value, "LEGACY") == 0) {
		label(w, &lb, c->subject_name, c->subject);
		REPORT_LINE(w, REPORT_B_PARA, I18N_WARN_LEGACY, RR(lb.data),
		    RA(c->new_value), RA(c->region));
	} else if (c->severity >= SEVERITY_WARNING)
		REPORT_LINE0(w, REPORT_B_PARA, I18N_WARN_GENERIC);
	else
		REPORT_LINE0(w, REPORT_B_PARA, I18N_INFO_NO_ACTION);
	buf_free(&lb);
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

void
report_case_where(struct report_rw *w, const struct change *c)
{
	REPORT_LINE0(w, REPORT_B_PARA, I18N_CASE_WHERE);
	REPORT_LINE0(w, REPORT_B_BULLET, I18N_CASE_PLAN);
	if (c->path == PATH_P3)
		REPORT_LINE0(w, REPORT_B_BULLET, I18N_CASE_NOPLAN_ALLOW);
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
p3_clause(struct report_rw *w, struct buf *dst, const struct change *c)
{
	if (c->kind == CHANGE_AGREEMENT_CHANGED)
		report_rw_fmt(w, dst, I18N_CASE_P3_AGREEMENT,
		    REPORT_ARGS(report_rw_value(w, c->new_value)));
	else if (c->kind == CHANGE_ENTITLEMENT_CHANGED ||
	    strcmp(c->entitlement, "NOT_AVAILABLE") == 0)
		report_rw_fmt(w, dst, I18N_CASE_P3_GREYED,
		    REPORT_ARGS(report_rw_value(w, empty(c->entitlement) ?
		    c->new_value : c->entitlement)));
	else
		report_rw_fmt(w, dst, I18N_CASE_P3_OTHER,
		    REPORT_ARGS(RA(report_kind_text(w, c->kind)),
		    report_rw_value(w, c->old_value),
		    report_rw_value(w, c->new_value)));
}

static void
case_p3(struct report_rw *w, const struct change *c)
{
	struct buf	clause = BUF_INIT;

	case_model(w, c);
	report_rw_gap(w);
	p3_clause(w, &clause, c);
	QUOTE(w, I18N_CASE_P3_TEXT, RR(clause.data));
	QUOTE(w, I18N_CASE_OFFERED, RA(c->region));
	if (!empty(c->first_seen))
		QUOTE(w, I18N_CASE_SINCE, RA(c->first_seen));
	case_close(w, I18N_CASE_P3_ASK);
	buf_free(&clause);
}

static void
case_p5(struct report_rw *w, const struct change *c)
{
	struct buf	profiles = BUF_INIT;

	list(w, &profiles, c->alt_profiles);
	case_model(w, c);
	report_rw_gap(w);
	QUOTE0(w, I18N_CASE_P5_TEXT);
	QUOTE(w, I18N_CASE_OFFERED, RA(c->region));
	QUOTE(w, I18N_CASE_P5_OBSERVED,
	    RA(report_kind_text(w, c->kind)),
	    report_rw_value(w, c->old_value), report_rw_value(w, c->new_value));
	if (!empty(c->first_seen))
		QUOTE(w, I18N_CASE_SINCE, RA(c->first_seen));
	report_rw_gap(w);
	if (profiles.len > 0)
		QUOTE(w, I18N_CASE_P5_XR_TRIED, RR(profiles.data),
		    RA(c->region));
	else
		QUOTE(w, I18N_CASE_P5_XR_NONE, RA(c->region));
	report_rw_gap(w);
	QUOTE0(w, I18N_CASE_P5_RATE);
	case_close(w, I18N_CASE_P5_ASK);
	buf_free(&profiles);
}

static void
case_p6(struct report_rw *w, const struct change *c)
{
	const char	*was = lowered_from(c), *wanted = was;

	/* A turned-down request already says what value was wanted. */
	if (wanted == NULL && !empty(c->desired_value))
		wanted = c->desired_value;
	QUOTE(w, I18N_CASE_QUOTA_NAME, report_rw_known(w, c->subject_name));
	QUOTE(w, I18N_CASE_QUOTA_CODE, RA(quota_code(c)));
	QUOTE(w, I18N_CASE_CURRENT, report_rw_known(w, current_value(c)));
	if (!empty(c->new_default))
		QUOTE(w, I18N_CASE_DEFAULT, RA(c->new_default));
	QUOTE(w, I18N_CASE_WANTED, RA(wanted != NULL ? wanted :
	    i18n_get(I18N_CASE_PH_VALUE, w->lang)));
	report_rw_gap(w);
	if (not_adjustable(c))
		QUOTE0(w, I18N_CASE_P6_TEXT);
	if (change_subject(c->kind) == CHANGE_SUBJECT_REQUEST) {
		QUOTE(w, I18N_CASE_P6_DENIED, RA(c->subject),
		    report_rw_value(w, c->new_value));
		QUOTE0(w, I18N_CASE_P6_RETRY);
	}
	if (was != NULL)
		QUOTE(w, I18N_CASE_P6_LOWERED, RA(was),
		    report_rw_known(w, c->first_seen));
	case_close(w, I18N_CASE_P6_ASK);
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
	struct buf	subject = BUF_INIT;

	report_case_where(w, c);
	report_case_subject(w, &subject, c);
	report_rw_gap(w);
	QUOTE(w, I18N_CASE_SUBJECT, RR(subject.data));
	report_rw_gap(w);
	QUOTE0(w, I18N_CASE_BODY);
	report_case_body(w, c, account_id);
	buf_free(&subject);
}
