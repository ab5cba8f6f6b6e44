/*
 * report_body.c: the sections of the daily report, and what to say about
 * a region that could not be collected.  See report_int.h.
 *
 * The report is read in a minute: how monitoring fared first, then the
 * counts, then one numbered line per entry, then the details of each
 * entry under the same number, then the open problems; text that would
 * repeat for every entry (where to open a support case) is written once
 * at the end and referred to.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

static int
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

enum i18n_msg
report_region_fix(const struct report_region *r, const char **arg)
{
	static const enum i18n_msg msg[] = {
		[PLAYBOOK_FIX_EXPIRED] = I18N_FIX_EXPIRED,
		[PLAYBOOK_FIX_SIGNATURE] = I18N_FIX_SIGNATURE,
		[PLAYBOOK_FIX_KEY] = I18N_FIX_KEY,
		[PLAYBOOK_FIX_THROTTLED] = I18N_FIX_THROTTLED,
		[PLAYBOOK_FIX_IAM] = I18N_FIX_IAM,
		[PLAYBOOK_FIX_IAM_UNKNOWN] = I18N_FIX_IAM_UNKNOWN,
		[PLAYBOOK_FIX_SERVER] = I18N_FIX_SERVER,
		[PLAYBOOK_FIX_NETWORK] = I18N_FIX_NETWORK,
		[PLAYBOOK_FIX_NOT_COMPARED] = I18N_FIX_NOT_COMPARED,
		[PLAYBOOK_FIX_CREDENTIALS] = I18N_FIX_CREDENTIALS,
		[PLAYBOOK_FIX_OTHER] = I18N_FIX_OTHER,
	};

	return msg[playbook_region_fix(r->status, r->operation,
	    r->http_status, r->error_code, r->error_message, arg)];
}

/* The fix of region "r", as one bullet (playbook_region_fix()). */
static void
region_fix_line(struct report_rw *w, const struct report_region *r)
{
	struct buf	 text = BUF_INIT;
	const char	*arg;
	enum i18n_msg	 fix;

	fix = report_region_fix(r, &arg);
	if (fix == I18N_FIX_NOT_COMPARED)
		REPORT_LINE0(w, REPORT_B_BULLET, fix);
	else {
		report_rw_fmt(w, &text, fix,
		    REPORT_ARGS(report_rw_known(w, arg)));
		REPORT_LINE(w, REPORT_B_BULLET, I18N_R_FIX, RR(text.data));
	}
	buf_free(&text);
}

/*
 * The failed call of "r", what was answered and the fix, as bullets at
 * the writer's depth.  A credential chain that found nothing made no
 * call: its reason is said as such, not as a missing HTTP response.
 */
static void
problem_bullets(struct report_rw *w, const struct report_region *r)
{
	struct buf	 why = BUF_INIT;
	char		 http[32];
	int		 creds = !empty(r->operation) &&
			    strcmp(r->operation, RUN_STEP_CREDENTIALS) == 0;

	if (!empty(r->operation) && !creds)
		REPORT_LINE(w, REPORT_B_BULLET, I18N_R_CALL, RA(r->operation));
	(void)snprintf(http, sizeof(http), "%ld", r->http_status);
	if (r->http_status > 0)
		REPORT_LINE(w, REPORT_B_BULLET, I18N_R_ERROR, RA(http),
		    report_rw_known(w, r->error_code), RA(r->error_message));
	else if (creds) {
		/*
		 * Whole, not cut like AWS's fields: what to run (e.g. "aws
		 * sso login --profile x") comes last, after every source
		 * looked for.
		 */
		report_rw_esc_whole(w, &why, r->error_message);
		REPORT_LINE(w, REPORT_B_BULLET, I18N_R_REASON,
		    empty(r->error_message) ? report_rw_known(w, NULL) :
		    RR(why.data));
		buf_free(&why);
	} else if (!empty(r->error_code) || !empty(r->error_message))
		REPORT_LINE(w, REPORT_B_BULLET, I18N_R_ERROR_NOHTTP,
		    report_rw_known(w, r->error_code), RA(r->error_message));
	(void)snprintf(http, sizeof(http), "%lld", r->failed_run);
	if (r->failed_run > 0)
		REPORT_LINE(w, REPORT_B_BULLET, I18N_R_FAILED_RUN, RA(http));
	region_fix_line(w, r);
}

void
report_region_problem(struct report_rw *w, const struct report_region *r)
{
	if (r->status == REGION_STATUS_NOT_COMPARED)
		REPORT_LINE(w, REPORT_B_H4, I18N_REGION_NOT_COMPARED,
		    RA(r->region));
	else
		REPORT_LINE(w, REPORT_B_H4, I18N_REGION_FAILED, RA(r->region));
	w->depth++;
	problem_bullets(w, r);
	w->depth--;
}

/* See report_int.h. */
void
report_run_failure(struct report_rw *w, const struct report_collection *c)
{
	const struct report_region	*f = c->run_failure;

	if (f == NULL)
		return;
	if (c->status != RUN_STATUS_FAILED)
		REPORT_LINE0(w, REPORT_B_PARA, I18N_RUN_SHARD_STOPPED);
	else
		REPORT_LINE0(w, REPORT_B_PARA, strcmp(f->operation,
		    RUN_STEP_CREDENTIALS) == 0 ? I18N_RUN_NO_CREDENTIALS :
		    I18N_RUN_STOPPED);
	w->depth++;
	problem_bullets(w, f);
	w->depth--;
}

static const char	*num_str(char *buf, size_t len, long long v);

/* See report_int.h. */
void
report_region_line(struct report_rw *w, const struct report_region *r)
{
	char	what[128], count[32];

	if (r->status == REGION_STATUS_NOT_ENABLED) {
		REPORT_LINE(w, REPORT_B_BULLET, I18N_REGION_NOT_ENABLED,
		    RA(r->region));
		return;
	}
	if (r->status != REGION_STATUS_PARTIAL) {
		report_region_problem(w, r);
		return;
	}
	(void)status_failure_text(r->http_status, r->error_code, what,
	    sizeof(what));
	(void)num_str(count, sizeof(count), r->unknown_count);
	REPORT_LINE(w, REPORT_B_BULLET, I18N_REGION_PARTIAL, RA(r->region),
	    RA(r->operation), RA(what), RA(r->error_message), RA(count));
	w->depth++;
	region_fix_line(w, r);
	w->depth--;
}

const char *
report_region_status_text(const struct report_rw *w, enum region_status s)
{
	switch (s) {
	case REGION_STATUS_OK:
		return i18n_get(I18N_ST_OK, w->lang);
	case REGION_STATUS_FAILED:
		return i18n_get(I18N_ST_FAILED, w->lang);
	case REGION_STATUS_NOT_COMPARED:
		return i18n_get(I18N_ST_NOT_COMPARED, w->lang);
	case REGION_STATUS_BASELINE:
		return i18n_get(I18N_ST_BASELINE, w->lang);
	case REGION_STATUS_PARTIAL:
		return i18n_get(I18N_ST_PARTIAL, w->lang);
	case REGION_STATUS_NOT_ENABLED:
		return i18n_get(I18N_ST_NOT_ENABLED, w->lang);
	default:
		return i18n_get(I18N_UNKNOWN, w->lang);
	}
}

static const char *
num_str(char *buf, size_t len, long long v)
{
	(void)snprintf(buf, len, "%lld", v);
	return buf;
}

static size_t
nentries(const struct report_input *in)
{
	return in->entries != NULL ? in->entries->len : 0;
}

static const struct entry *
entry_at(const struct report_input *in, size_t i)
{
	return &in->entries->items[i];
}

static void
header(struct report_rw *w, const struct report_input *in)
{
	REPORT_LINE0(w, REPORT_B_H1, I18N_TITLE_REPORT);
	REPORT_LINE(w, REPORT_B_PARA, I18N_ACCOUNT,
	    report_rw_known(w, in->account_id));
	report_rw_gap(w);
	REPORT_LINE0(w, REPORT_B_PARA, I18N_BACKGROUND);
}

/* The newest run in one line: number, times and outcome. */
static void
health_run(struct report_rw *w, const struct report_collection *c)
{
	static const enum i18n_msg outcome[RUN_STATUS__COUNT] = {
		[RUN_STATUS_RUNNING] = I18N_RUN_RUNNING,
		[RUN_STATUS_COMPLETE] = I18N_RUN_COMPLETE,
		[RUN_STATUS_PARTIAL] = I18N_RUN_PARTIAL,
		[RUN_STATUS_FAILED] = I18N_RUN_FAILED,
	};
	struct buf	started = BUF_INIT, finished = BUF_INIT;
	char		run[32];

	report_rw_time(w, &started, c->started_at, c->started_local);
	report_rw_time(w, &finished, c->finished_at, c->finished_local);
	REPORT_LINE(w, REPORT_B_PARA, I18N_HEALTH_RUN,
	    RA(num_str(run, sizeof(run), c->run)), RR(started.data),
	    RR(finished.data),
	    RA(i18n_get((unsigned)c->status < RUN_STATUS__COUNT ?
	    outcome[c->status] : I18N_UNKNOWN, w->lang)));
	buf_free(&started);
	buf_free(&finished);
}

/*
 * Regions by outcome, in one line: how many were collected, then only
 * the outcomes some region had (a daily "0 failed" is noise).
 */
static void
health_counts(struct report_rw *w, const struct report_input *in)
{
	static const struct {
		enum region_status	st;
		enum i18n_msg		msg;
	} part[] = {
		{ REGION_STATUS_OK, I18N_HREG_OK },
		{ REGION_STATUS_PARTIAL, I18N_HREG_PARTIAL },
		{ REGION_STATUS_BASELINE, I18N_HREG_BASELINE },
		{ REGION_STATUS_FAILED, I18N_HREG_FAILED },
		{ REGION_STATUS_NOT_COMPARED, I18N_HREG_NOT_COMPARED },
		{ REGION_STATUS_NOT_ENABLED, I18N_HREG_NOT_ENABLED },
	};
	size_t		cnt[REGION_STATUS__COUNT] = { 0 }, i;
	struct buf	list = BUF_INIT;
	char		n[32];

	if (in->regionsz == 0)
		return;
	for (i = 0; i < in->regionsz; i++)
		if ((unsigned)in->regions[i].status < REGION_STATUS__COUNT)
			cnt[in->regions[i].status]++;
	for (i = 0; i < sizeof(part) / sizeof(part[0]); i++) {
		if (cnt[part[i].st] == 0 && part[i].st != REGION_STATUS_OK)
			continue;
		if (list.len > 0)
			report_rw_fmt(w, &list, I18N_LIST_SEP, NULL, 0);
		report_rw_fmt(w, &list, part[i].msg, REPORT_ARGS(RA(num_str(n,
		    sizeof(n), (long long)cnt[part[i].st]))));
	}
	REPORT_LINE(w, REPORT_B_PARA, I18N_HEALTH_REGIONS, RR(list.data));
	buf_free(&list);
}

/* The regions whose usage (CloudWatch) is unknown in the newest run. */
static void
health_usage(struct report_rw *w, const struct report_input *in)
{
	const struct report_usage_unknown	*u;
	size_t					 i;

	for (i = 0; i < in->usage_unknownsz; i++) {
		u = &in->usage_unknown[i];
		w->depth = 1;
		REPORT_LINE(w, REPORT_B_BULLET, u->iam_action != NULL ?
		    I18N_HEALTH_USAGE_DENIED : I18N_HEALTH_USAGE_UNKNOWN,
		    RA(u->region), RA(u->operation),
		    report_rw_known(w, u->error_code), RA(u->iam_action));
		w->depth = 0;
	}
}

/* Monitoring health: always first, and loud when the newest run failed. */
static void
health(struct report_rw *w, const struct report_input *in)
{
	const struct report_collection	*c = &in->collection;
	char				 run[32];
	size_t				 i;

	REPORT_LINE0(w, REPORT_B_H2, I18N_H_HEALTH);
	health_run(w, c);
	if (c->account_failed != NULL)
		report_account_failed(w, c->account_failed);
	report_run_failure(w, c);
	health_counts(w, in);
	if (c->first)
		REPORT_LINE0(w, REPORT_B_PARA, I18N_HEALTH_FIRST);
	(void)num_str(run, sizeof(run), c->data_run);
	/* A range ending in the failed run still has its older changes. */
	if (c->status == RUN_STATUS_FAILED && c->data_run > 0)
		REPORT_LINE(w, REPORT_B_PARA, nentries(in) == 0 ?
		    I18N_HEALTH_STALE : I18N_HEALTH_STALE_RANGE, RA(run),
		    report_rw_known(w, c->data_time));
	else if (c->status == RUN_STATUS_FAILED)
		REPORT_LINE0(w, REPORT_B_PARA, I18N_HEALTH_NO_DATA);
	/*
	 * The one-line regions first, as one list; then each failed region
	 * under its own heading with its bullets.  A one-line region after
	 * a heading would read as one more detail of that region.
	 */
	for (i = 0; i < in->regionsz; i++) {
		w->depth = 1;
		if (in->regions[i].status == REGION_STATUS_PARTIAL ||
		    in->regions[i].status == REGION_STATUS_NOT_ENABLED)
			report_region_line(w, &in->regions[i]);
		else if (in->regions[i].status == REGION_STATUS_BASELINE &&
		    !c->first)
			REPORT_LINE(w, REPORT_B_BULLET, I18N_REGION_BASELINE,
			    RA(in->regions[i].region));
		w->depth = 0;
	}
	health_usage(w, in);
	for (i = 0; i < in->regionsz; i++) {
		w->depth = 1;
		if (in->regions[i].status == REGION_STATUS_FAILED ||
		    in->regions[i].status == REGION_STATUS_NOT_COMPARED)
			report_region_line(w, &in->regions[i]);
		w->depth = 0;
	}
}

int
report_nothing_known(const struct report_collection *c)
{
	return c->status == RUN_STATUS_FAILED && c->data_run == 0;
}

/* Entries of severity "sev". */
static size_t
count_sev(const struct report_input *in, enum change_severity sev)
{
	size_t	i, n = 0;

	for (i = 0; i < nentries(in); i++)
		n += entry_at(in, i)->severity == sev;
	return n;
}

static void
summary(struct report_rw *w, const struct report_input *in)
{
	const struct report_collection	*c = &in->collection;
	char				 s[5][32];

	REPORT_LINE0(w, REPORT_B_H2, I18N_H_SUMMARY);
	if (!c->first && c->status != RUN_STATUS_FAILED)
		REPORT_LINE(w, REPORT_B_PARA, I18N_RUNS,
		    RA(num_str(s[0], sizeof(s[0]), in->from_run)),
		    report_rw_known(w, in->from_time),
		    RA(num_str(s[1], sizeof(s[1]), in->to_run)),
		    report_rw_known(w, in->to_time));
	(void)num_str(s[4], sizeof(s[4]), (long long)in->opensz);
	if (nentries(in) > 0)
		REPORT_LINE(w, REPORT_B_PARA, I18N_ENTRY_COUNTS,
		    RA(num_str(s[0], sizeof(s[0]), (long long)nentries(in))),
		    RA(num_str(s[1], sizeof(s[1]),
		    (long long)count_sev(in, SEVERITY_ACTION))),
		    RA(num_str(s[2], sizeof(s[2]),
		    (long long)count_sev(in, SEVERITY_WARNING))),
		    RA(num_str(s[3], sizeof(s[3]),
		    (long long)count_sev(in, SEVERITY_INFO))), RA(s[4]));
	else if (report_nothing_known(c))
		REPORT_LINE0(w, REPORT_B_PARA, I18N_NOTHING_KNOWN);
	else if (in->opensz > 0)
		REPORT_LINE(w, REPORT_B_PARA, I18N_NO_NEW_OPEN, RA(s[4]));
	else
		REPORT_LINE0(w, REPORT_B_PARA, I18N_NO_NEW_NONE);
}

/* The change an entry's title names: its model or quota, not a request. */
static const struct change *
title_change(const struct entry *e)
{
	size_t	i;

	for (i = 0; i < e->rawsz; i++)
		if (change_subject(e->raw[i]->kind) != CHANGE_SUBJECT_REQUEST)
			return e->raw[i];
	return entry_lead(e) != NULL ? entry_lead(e) : e->raw[0];
}

/* What happened to an entry, in one line, appended to "dst". */
void
report_entry_what(struct report_rw *w, struct buf *dst, const struct entry *e)
{
	struct buf	kinds = BUF_INIT, was = BUF_INIT, is = BUF_INIT;
	const struct change *c;
	size_t		i;

	for (i = 0; i < e->net.len; i++) {
		c = e->net.items[i];
		if (i > 0)
			report_rw_fmt(w, dst, I18N_DIGEST_SEP, NULL, 0);
		buf_reset(&was);
		buf_reset(&is);
		report_value_text(w, &was, c, c->old_value);
		report_value_text(w, &is, c, c->new_value);
		report_rw_fmt(w, dst, I18N_DIGEST_FIELD, REPORT_ARGS(
		    RA(report_kind_text(w, c->kind)), RR(was.data),
		    RR(is.data)));
	}
	buf_free(&was);
	buf_free(&is);
	if (e->net.len > 0)
		return;
	for (i = 0; i < e->rawsz; i++) {
		if (i > 0 && e->raw[i]->kind == e->raw[i - 1]->kind)
			continue;
		if (i > 0)
			report_rw_fmt(w, &kinds, I18N_DIGEST_SEP, NULL, 0);
		report_rw_esc(w, &kinds, report_kind_text(w, e->raw[i]->kind));
	}
	report_rw_fmt(w, dst, I18N_REVERTED, REPORT_ARGS(RR(kinds.data)));
	buf_free(&kinds);
}

const char *
report_severity_text(const struct report_rw *w, enum change_severity s)
{
	return i18n_get(s == SEVERITY_ACTION ? I18N_COL_ACTION :
	    s == SEVERITY_WARNING ? I18N_COL_WARNING : I18N_COL_INFO,
	    w->lang);
}

/*
 * The numbered one-line list of every entry, by ID (the names are in the
 * details and the JSON).  Region and ID come last, so that a wrapped
 * line ends in words of its own, not in those its kind shares.
 */
static void
digest(struct report_rw *w, const struct report_input *in)
{
	const struct entry	*e;
	struct buf		 title = BUF_INIT, text = BUF_INIT;
	char			 n[32];
	size_t			 i;

	if (nentries(in) == 0)
		return;
	REPORT_LINE0(w, REPORT_B_H2, I18N_H_DIGEST);
	for (i = 0; i < nentries(in); i++) {
		e = entry_at(in, i);
		buf_reset(&title);
		buf_reset(&text);
		report_rw_esc(w, &title, e->subject);
		report_entry_what(w, &text, e);
		REPORT_LINE(w, REPORT_B_BULLET, I18N_DIGEST_LINE,
		    RA(num_str(n, sizeof(n), (long long)e->number)),
		    RA(report_severity_text(w, e->severity)),
		    RA(e->path == PATH_INFO ? "-" : change_path_name(e->path)),
		    RA(e->region), RR(text.data), RR(title.data));
	}
	buf_free(&title);
	buf_free(&text);
}

/* The support case of an entry, without the where-to text (at the end). */
static void
entry_case(struct report_rw *w, const struct change *c,
    const char *account_id)
{
	report_rw_gap(w);
	report_case_text(w, c, account_id);
}

/* One entry in full: what moved, its path and the advice of its lead. */
static void
entry_full(struct report_rw *w, const struct entry *e)
{
	struct buf	title = BUF_INIT;
	char		n[32];
	size_t		i;

	w->depth = 0;
	report_item_title(w, &title, title_change(e));
	REPORT_LINE(w, REPORT_B_H4, I18N_ENTRY_HEADING,
	    RA(num_str(n, sizeof(n), (long long)e->number)), RR(title.data));
	buf_free(&title);
	w->depth = 1;
	for (i = 0; i < e->net.len; i++)
		report_item_facts(w, e->net.items[i]);
	if (e->path != PATH_INFO)
		REPORT_LINE(w, REPORT_B_BULLET, I18N_ENTRY_PATH,
		    RA(i18n_get((enum i18n_msg)(I18N_PATH_TITLE_P1 +
		    (e->path - PATH_P1)), w->lang)));
	report_rw_gap(w);
	report_item_advice(w, entry_lead(e));
	w->depth = 0;
}

/* One entry for information: a single list item. */
static void
entry_line(struct report_rw *w, const struct entry *e)
{
	struct buf	title = BUF_INIT, text = BUF_INIT;
	char		n[32];

	report_item_title(w, &title, title_change(e));
	report_entry_what(w, &text, e);
	REPORT_LINE(w, REPORT_B_BULLET, I18N_ENTRY_INFO,
	    RA(num_str(n, sizeof(n), (long long)e->number)), RR(title.data),
	    RR(text.data));
	buf_free(&title);
	buf_free(&text);
}

void
report_entry(struct report_rw *w, const struct entry *e)
{
	if (e->severity == SEVERITY_INFO || entry_lead(e) == NULL)
		entry_line(w, e);
	else
		entry_full(w, e);
}

/*
 * A group of up to this many entries gets the advice and case draft of
 * each; a larger one the advice once per kind of change and the first
 * draft, the others by command: writing them all would repeat the same
 * lines for every model of every region.
 */
#define REPORT_FULL_PER_GROUP	3

/* Whether entries "a" and "b" are in one group: severity and path. */
static int
same_group(const struct entry *a, const struct entry *b)
{
	return a->severity == b->severity && a->path == b->path &&
	    entry_lead(a) != NULL && entry_lead(b) != NULL;
}

/* "[a]" or "[a]-[b]": the numbers of a run of entries, into "dst". */
static void
numbers(struct report_rw *w, struct buf *dst, const struct entry *a,
    const struct entry *b)
{
	char	x[32], y[32];

	(void)num_str(x, sizeof(x), (long long)a->number);
	(void)num_str(y, sizeof(y), (long long)b->number);
	if (a == b)
		report_rw_fmt(w, dst, I18N_ENTRY_NUMBER, REPORT_ARGS(RA(x)));
	else
		report_rw_fmt(w, dst, I18N_ENTRY_RANGE,
		    REPORT_ARGS(RA(x), RA(y)));
}

/*
 * The case drafts of group e[0..n-1]: all of a small group, the first of
 * a large one, in full (without the where-to text, which is at the end
 * of the report); the others by the command that writes them.
 */
static void
group_cases(struct report_rw *w, const struct entry *e, size_t n,
    const char *account_id)
{
	struct buf	 more = BUF_INIT, num = BUF_INIT;
	char		 id[32];
	size_t		 i, k = 0;

	for (i = 0; i < n; i++) {
		if (!report_has_case(entry_lead(&e[i])))
			continue;
		if (k++ == 0)
			REPORT_LINE0(w, REPORT_B_PARA, I18N_CASE_WHERE_REF);
		buf_reset(&num);
		numbers(w, &num, &e[i], &e[i]);
		if (k == 1 || n <= REPORT_FULL_PER_GROUP) {
			report_rw_gap(w);
			REPORT_LINE(w, REPORT_B_PARA, I18N_ENTRY_CASE,
			    RR(num.data));
			entry_case(w, entry_lead(&e[i]), account_id);
			continue;
		}
		if (more.len > 0)
			report_rw_fmt(w, &more, I18N_DIGEST_SEP, NULL, 0);
		report_rw_fmt(w, &more, I18N_CASE_BY_COMMAND, REPORT_ARGS(
		    RA(num_str(id, sizeof(id), entry_lead(&e[i])->change_id)),
		    RR(num.data)));
	}
	if (more.len > 0)
		REPORT_LINE(w, REPORT_B_PARA, I18N_CASE_MORE, RR(more.data));
	buf_free(&more);
	buf_free(&num);
}

/* An entry's number and title as a heading. */
static void
entry_heading(struct report_rw *w, const struct entry *e)
{
	struct buf	title = BUF_INIT;
	char		n[32];

	report_item_title(w, &title, title_change(e));
	REPORT_LINE(w, REPORT_B_H4, I18N_ENTRY_HEADING,
	    RA(num_str(n, sizeof(n), (long long)e->number)), RR(title.data));
	buf_free(&title);
}

/*
 * Entries e[0..n-1] that share their advice: the path (or kind) with
 * their numbers, then the advice of each; a large group gets the steps
 * once for each kind of change, written for the first entry of that
 * kind, so that the same lines are not repeated for every model of every
 * region.  What each entry is about is in
 * the list at the top.
 */
static void
group(struct report_rw *w, const struct entry *e, size_t n,
    const char *account_id)
{
	struct buf		 nums = BUF_INIT, first = BUF_INIT;
	unsigned long		 kinds = 0;	/* 1 << kind, for each shown */
	size_t			 i;

	numbers(w, &nums, &e[0], &e[n - 1]);
	numbers(w, &first, &e[0], &e[0]);
	report_rw_begin(w, REPORT_B_H3, 0);
	report_rw_msg(w, I18N_GROUP_HEADING, REPORT_ARGS(RA(i18n_get(
	    e[0].path == PATH_INFO ? I18N_GROUP_NOPATH :
	    (enum i18n_msg)(I18N_PATH_TITLE_P1 + (e[0].path - PATH_P1)),
	    w->lang)), RR(nums.data)));
	report_rw_end(w);
	for (i = 0; i < n; i++) {
		/* A large group: the advice once for each kind of change. */
		if (n > REPORT_FULL_PER_GROUP &&
		    (kinds & (1UL << entry_lead(&e[i])->kind)) != 0)
			continue;
		kinds |= 1UL << entry_lead(&e[i])->kind;
		w->depth = 1;
		entry_heading(w, &e[i]);
		w->depth = 2;
		report_item_advice(w, entry_lead(&e[i]));
	}
	w->depth = 1;
	if (n > REPORT_FULL_PER_GROUP) {
		buf_reset(&nums);
		numbers(w, &nums, &e[1], &e[n - 1]);
		REPORT_LINE(w, REPORT_B_PARA, I18N_GROUP_SAME, RR(first.data),
		    RR(nums.data));
	}
	group_cases(w, e, n, account_id);
	w->depth = 0;
	buf_free(&nums);
	buf_free(&first);
}

/* The entries of one severity, under a heading counting them. */
static void
details(struct report_rw *w, const struct report_input *in,
    enum change_severity sev)
{
	static const enum i18n_msg head[SEVERITY__COUNT] = {
		[SEVERITY_ACTION] = I18N_H_ACTIONS,
		[SEVERITY_WARNING] = I18N_H_WARNINGS,
		[SEVERITY_INFO] = I18N_H_INFO,
	};
	const struct entry	*e;
	char			 n[32];
	size_t			 i, j;

	if (count_sev(in, sev) == 0)
		return;
	report_rw_begin(w, REPORT_B_H2, 0);
	report_rw_msg(w, I18N_H_COUNTED, REPORT_ARGS(
	    RA(i18n_get(head[sev], w->lang)),
	    RA(num_str(n, sizeof(n), (long long)count_sev(in, sev)))));
	report_rw_end(w);
	if (sev == SEVERITY_INFO) {
		REPORT_LINE0(w, REPORT_B_PARA, I18N_INFO_LISTED);
		return;
	}
	for (i = 0; i < nentries(in); i = j) {
		e = entry_at(in, i);
		for (j = i + 1; j < nentries(in) &&
		    same_group(e, entry_at(in, j)); j++)
			;
		if (e->severity == sev && entry_lead(e) != NULL)
			group(w, e, j - i, in->account_id);
	}
}

/* Whether any entry of the report has a case draft on path "p" family. */
static int
has_case(const struct report_input *in, int allowlisting)
{
	const struct change	*lead;
	size_t			 i;

	for (i = 0; i < nentries(in); i++) {
		lead = entry_lead(entry_at(in, i));
		if (lead != NULL && entry_at(in, i)->severity != SEVERITY_INFO &&
		    report_has_case(lead) &&
		    (lead->path == PATH_P3) == allowlisting)
			return 1;
	}
	return 0;
}

/* Where and how to open a support case: once, for every draft above. */
static void
case_howto(struct report_rw *w, const struct report_input *in)
{
	int	allow = has_case(in, 1), other = has_case(in, 0);

	if (!allow && !other)
		return;
	REPORT_LINE0(w, REPORT_B_H2, I18N_H_CASE_HOWTO);
	REPORT_LINE0(w, REPORT_B_PARA, I18N_CASE_WHERE);
	REPORT_LINE0(w, REPORT_B_BULLET, I18N_CASE_PLAN);
	if (allow)
		REPORT_LINE0(w, REPORT_B_BULLET, I18N_CASE_NOPLAN_ALLOW);
	if (other)
		REPORT_LINE(w, REPORT_B_BULLET, I18N_CASE_NOPLAN_LIMIT,
		    RA(i18n_get(I18N_CASE_REGION_DRAFT, w->lang)));
	REPORT_LINE0(w, REPORT_B_PARA, I18N_CASE_URGENCY);
	REPORT_LINE0(w, REPORT_B_PARA, I18N_IAM_SUPPORT);
}

void
report_body(struct report_rw *w, const struct report_input *in)
{
	header(w, in);
	health(w, in);
	summary(w, in);
	digest(w, in);
	/* Charts are pictures: only the HTML page has them. */
	if (w->mode == REPORT_MODE_HTML)
		report_charts(w, in->charts);
	details(w, in, SEVERITY_ACTION);
	details(w, in, SEVERITY_WARNING);
	details(w, in, SEVERITY_INFO);
	if (report_nothing_known(&in->collection)) {
		REPORT_LINE0(w, REPORT_B_H2, I18N_H_OPEN);
		REPORT_LINE0(w, REPORT_B_PARA, I18N_OPEN_UNKNOWN);
	} else
		report_open_section(w, in->open, in->opensz, 0);
	report_usage_section(w, in->usage, in->usagesz);
	case_howto(w, in);
	report_rw_end(w);
}
