/*
 * view.c: assemble what the report, diff, case and status commands
 * render.
 * See view.h.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "change.h"
#include "diff.h"
#include "entry.h"
#include "playbook.h"
#include "report.h"
#include "snapshot.h"
#include "store.h"
#include "store_usage.h"
#include "usage.h"
#include "util.h"
#include "view.h"

/* The reporter's rows for region runs "rr" (borrowed); caller frees. */
static struct report_region *
region_rows(const struct store_region_run *rr, size_t n)
{
	struct report_region	*r;
	size_t			 i;

	r = xcalloc(n, sizeof(*r));
	for (i = 0; i < n; i++) {
		r[i].region = rr[i].region;
		r[i].status = rr[i].status;
		r[i].operation = rr[i].operation;
		r[i].http_status = rr[i].http_status;
		r[i].error_code = rr[i].error_code;
		r[i].error_message = rr[i].error_message;
		r[i].unknown_count = rr[i].unknown_count;
	}
	return r;
}

/* Load both runs and the regions of "to"; -1 after warnx(3). */
/*
 * The account a view is about: the store's scope when it names one (a
 * database of several accounts shows one at a time), else the run's
 * (the credentials' account); NULL when neither is known.  Borrowed.
 */
static const char *
view_account(const struct store *st, const char *run_account)
{
	if (*store_account(st) != '\0')
		return store_account(st);
	return *run_account != '\0' ? run_account : NULL;
}

static int
view_runs(struct store *st, long long from_run, long long to_run,
    struct view *v)
{
	int	found;

	memset(v, 0, sizeof(*v));
	if (store_run_get(st, from_run, &v->from, &found) == -1)
		return -1;
	if (!found) {
		warnx("run %lld: no such run", from_run);
		return -1;
	}
	if (store_run_get(st, to_run, &v->to, &found) == -1)
		return -1;
	if (!found) {
		warnx("run %lld: no such run", to_run);
		return -1;
	}
	if (store_region_runs(st, to_run, &v->rruns, &v->rrunsz) == -1)
		return -1;
	v->regions = region_rows(v->rruns, v->rrunsz);
	v->in.from_run = from_run;
	v->in.to_run = to_run;
	v->in.from_time = v->from.started_at;
	v->in.to_time = v->to.started_at;
	v->in.account_id = view_account(st, v->to.account_id);
	v->in.regions = v->regions;
	v->in.regionsz = v->rrunsz;
	v->in.changes = &v->changes;
	v->in.entries = &v->entries;
	return 0;
}

static int	view_status_at(struct store *, long long, long long,
		    struct view_status *);

/*
 * The open problems the daily report lists: those of the state, less the
 * usage findings, which its usage section (in.usage) states with their
 * numbers: a problem is told once.  The status view lists them all.
 */
static void
report_opens(struct view *v)
{
	enum playbook_reason	r;
	size_t			i, n = 0;

	v->ropen = xcalloc(v->state.opensz + 1, sizeof(*v->ropen));
	for (i = 0; i < v->state.opensz; i++) {
		r = v->state.opens[i].verdict.reason;
		if (r == PLAYBOOK_REASON_USAGE_NEAR_QUOTA ||
		    r == PLAYBOOK_REASON_THROTTLED_BELOW_QUOTA ||
		    r == PLAYBOOK_REASON_THROTTLED_AT_QUOTA)
			continue;
		v->ropen[n++] = v->state.opens[i];
	}
	v->in.open = v->ropen;
	v->in.opensz = n;
}

void
view_account_row(struct report_org_account *a,
    const struct store_account_row *r)
{
	a->named = 1;
	a->status = r->status;
	a->org_status = r->org_status;
	a->operation = r->operation;
	a->error_code = r->error_code;
	a->error_message = r->error_message;
	/* The reply's HTTP status is not recorded: "NoReply" had none. */
	if (r->status == ACCOUNT_STATUS_FAILED)
		a->fix = playbook_assume_fix(strcmp(r->error_code,
		    "NoReply") == 0 ? 0 : 400, r->error_code, r->external_id);
}

/*
 * Whether run "to" failed to collect the handle's account (its role
 * could not be assumed): then in.collection says why.
 */
static int
view_account_failed(struct store *st, struct view *v)
{
	size_t	i;

	if (store_run_accounts_get(st, v->to.run_id, &v->arows,
	    &v->arowsz) == -1)
		return -1;
	for (i = 0; i < v->arowsz; i++)
		if (strcmp(v->arows[i].account_id, store_account(st)) == 0 &&
		    v->arows[i].status == ACCOUNT_STATUS_FAILED) {
			view_account_row(&v->failed, &v->arows[i]);
			v->failed.account_id = v->arows[i].account_id;
			v->in.collection.account_failed = &v->failed;
		}
	return 0;
}

/* See view.h. */
int
view_run_failure(struct store *st, long long run_id,
    struct store_run_failure *f, struct report_region *as,
    const struct report_region **out)
{
	int	found;

	*out = NULL;
	if (store_run_failure_get(st, run_id, f, &found) == -1)
		return -1;
	if (!found)
		return 0;
	memset(as, 0, sizeof(*as));
	as->region = "";
	as->status = REGION_STATUS_FAILED;
	as->operation = f->operation;
	as->http_status = f->http_status;
	as->error_code = f->error_code;
	as->error_message = f->error_message;
	*out = as;
	return 0;
}

/* Why run "to" collected nothing, when it recorded why (run_failure). */
static int
view_run_failed(struct store *st, struct view *v)
{
	if (v->to.status != RUN_STATUS_FAILED)
		return 0;
	return view_run_failure(st, v->to.run_id, &v->rfail, &v->rfail_as,
	    &v->in.collection.run_failure);
}

/*
 * How the newest run "to" fared, and the open problems of the newest
 * state with data: that of "to", or of the run before it when "to"
 * failed (a failed run records nothing).  The first run is a baseline.
 */
static int
view_health(struct store *st, struct view *v)
{
	struct report_collection	*c = &v->in.collection;
	long long			 data = v->to.run_id, prev = 0;
	int				 found;

	c->run = v->to.run_id;
	c->status = v->to.status;
	c->started_at = v->to.started_at;
	c->finished_at = v->to.finished_at;
	if (store_run_before(st, v->to.run_id, &prev, &found) == -1)
		return -1;
	c->first = !found && v->from.run_id == v->to.run_id &&
	    v->to.status != RUN_STATUS_FAILED;
	if (view_account_failed(st, v) == -1 || view_run_failed(st, v) == -1)
		return -1;
	if (v->to.status == RUN_STATUS_FAILED) {
		if (!found)
			return 0;	/* no run has data yet */
		data = prev;
	}
	if (store_run_get(st, data, &v->data, &found) == -1)
		return -1;
	c->data_run = data;
	c->data_time = v->data.started_at;
	if (view_status_at(st, data, v->to.run_id, &v->state) == -1)
		return -1;
	report_opens(v);
	return 0;
}

/* Was "region" collected successfully according to rows "rr"? */
static int
region_ok_in(const struct store_region_run *rr, size_t n, const char *region)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(rr[i].region, region) == 0)
			return status_region_recorded(rr[i].status);
	return 0;
}

/* --- usage evidence --- */

/*
 * Judge the days d[0..n) of one quota (same region and code) and, when
 * there is a finding, add it to v->usage.
 */
static void
view_usage_quota(struct view *v, const struct store_quota_day *d, size_t n)
{
	struct usage_verdict	 uv;
	struct report_usage	*u;

	if (d->has_applied &&
	    store_quota_days_judge(d, n, &uv) != USAGE_FINDING_NONE) {
		u = &v->usage[v->usagesz];
		u->account_id = d->account_id;
		u->region = d->region;
		u->model_id = d->model_id;
		u->quota_code = d->quota_code;
		u->finding = uv.finding;
		u->verdict = playbook_usage(uv.finding, d->adjustable);
		u->peak = uv.peak;
		util_iso8601((time_t)uv.peak_at, v->peak_at[v->usagesz]);
		u->peak_at = v->peak_at[v->usagesz++];
		u->quota = uv.quota;
		u->percent = uv.percent;
		u->suggested = uv.suggested;
		u->throttled_minutes = uv.throttled_minutes;
		u->tokens = d->tokens;
		u->approximate = d->approximate;
	}
}

/*
 * The usage evidence of the window ending with the day run "to" began:
 * the stored days of each mapped quota, judged.  Quiet quotas have no
 * day and give nothing.
 */
static int
view_usage(struct store *st, struct view *v)
{
	time_t		 t;
	long long	 last;
	size_t		 i, j;

	if (v->to.started_at == NULL ||
	    util_parse_iso8601(v->to.started_at, &t) == -1)
		return 0;		/* no run: no window */
	last = usage_day_of((long long)t);
	if (store_usage_quota_days(st, NULL,
	    last - (USAGE_JUDGE_DAYS - 1) * 86400LL,
	    last, &v->qdays, &v->qdaysz) == -1)
		return -1;
	v->usage = xcalloc(v->qdaysz + 1, sizeof(*v->usage));
	v->peak_at = xcalloc(v->qdaysz + 1, sizeof(*v->peak_at));
	for (i = 0; i < v->qdaysz; i = j) {
		j = store_quota_days_group(v->qdays, v->qdaysz, i);
		view_usage_quota(v, &v->qdays[i], j - i);
	}
	v->in.usage = v->usage;
	v->in.usagesz = v->usagesz;
	if (store_usage_failures(st, v->in.to_run, &v->ufail, &v->ufailsz) ==
	    -1)
		return -1;
	v->unknown = xcalloc(v->ufailsz + 1, sizeof(*v->unknown));
	for (i = 0; i < v->ufailsz; i++) {
		v->unknown[i].region = v->ufail[i].region;
		v->unknown[i].operation = v->ufail[i].operation;
		v->unknown[i].error_code = v->ufail[i].error_code;
		/* the action only when access was denied: else it misleads */
		v->unknown[i].iam_action = strstr(v->ufail[i].error_code,
		    "AccessDenied") != NULL ?
		    playbook_iam_action(v->ufail[i].operation) : NULL;
	}
	v->in.usage_unknown = v->unknown;
	v->in.usage_unknownsz = v->ufailsz;
	return 0;
}

/*
 * Mark the usage findings an entry of the report states: a usage change
 * of the range whose net change started the same finding of the same
 * quota.
 */
static void
view_usage_in_entry(struct view *v)
{
	const struct change	*c;
	struct report_usage	*u;
	size_t			 i, j, k;

	for (i = 0; i < v->usagesz; i++) {
		u = &v->usage[i];
		for (j = 0; j < v->entries.len && !u->in_entry; j++)
			for (k = 0; k < v->entries.items[j].net.len; k++) {
				c = v->entries.items[j].net.items[k];
				if (change_kind_is_usage(c->kind) &&
				    strcmp(c->new_value,
				    usage_finding_name(u->finding)) == 0 &&
				    strcmp(c->region, u->region) == 0 &&
				    strcmp(c->subject, u->quota_code) == 0)
					u->in_entry = 1;
			}
	}
}

int
view_recorded(struct store *st, long long from_run, long long to_run,
    struct view *v)
{
	size_t		i;
	int		found;

	if (view_runs(st, from_run, to_run, v) == -1 ||
	    view_health(st, v) == -1)
		return -1;
	for (i = 0; i < v->rrunsz; i++) {
		if (!status_region_recorded(v->regions[i].status))
			continue;
		found = from_run == to_run && !v->in.collection.first;
		if (from_run < to_run && store_region_seen(st, from_run,
		    v->regions[i].region, &found) == -1)
			return -1;
		if (!found)
			v->regions[i].status = REGION_STATUS_BASELINE;
	}
	if (store_changes(st, from_run, to_run, &v->changes) == -1 ||
	    view_context(st, to_run, &v->changes) == -1 ||
	    view_usage(st, v) == -1)
		return -1;
	entry_build(&v->changes, &v->entries);
	view_usage_in_entry(v);
	return 0;
}

/* Diff one region of "v" between the two runs, appending to v->changes. */
static int
view_diff_region(struct store *st, struct view *v, const char *region)
{
	struct snapshot	a, b;
	int		fa = 0, fb = 0, rc = -1;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (store_load_at(st, v->in.from_run, region, &a, &fa) == -1 ||
	    store_load_at(st, v->in.to_run, region, &b, &fb) == -1)
		goto out;
	if (fa && fb)
		(void)diff_region(&a, &b, v->in.to_run, &v->changes);
	rc = 0;
out:
	snapshot_free(&a);
	snapshot_free(&b);
	return rc;
}

int
view_diff(struct store *st, long long from_run, long long to_run,
    struct view *v)
{
	struct store_region_run	*before = NULL;
	size_t			 beforesz = 0, i;
	int			 rc = -1;

	if (view_runs(st, from_run, to_run, v) == -1 ||
	    view_health(st, v) == -1 ||
	    store_region_runs(st, from_run, &before, &beforesz) == -1)
		goto out;
	for (i = 0; i < v->rrunsz; i++) {
		if (!status_region_recorded(v->regions[i].status))
			continue;
		if (!region_ok_in(before, beforesz, v->regions[i].region)) {
			v->regions[i].status = REGION_STATUS_NOT_COMPARED;
			v->regions[i].failed_run = from_run;
			continue;
		}
		if (view_diff_region(st, v, v->regions[i].region) == -1)
			goto out;
	}
	for (i = 0; i < v->changes.len; i++)
		playbook_classify(v->changes.items[i]);
	if ((rc = view_context(st, to_run, &v->changes)) == 0)
		entry_build(&v->changes, &v->entries);
out:
	store_region_runs_free(before, beforesz);
	return rc;
}

/*
 * What the change log does not keep but the advice quotes: AWS's message
 * for a failed agreement, from the model's row in its region's state.
 */
static void
view_model_facts(struct change *c, const struct snapshot *states, size_t n)
{
	const struct model	*m;
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (!streq(states[i].region, c->region))
			continue;
		m = snapshot_find_model(&states[i], str_or_empty(c->subject));
		if (m != NULL && m->agreement_message != NULL) {
			free(c->agreement_message);
			c->agreement_message = xstrdup(m->agreement_message);
		}
		return;
	}
}

int
view_context(struct store *st, long long run_id, struct change_list *c)
{
	struct store_region_run	*rr = NULL;
	struct snapshot		*states = NULL;
	size_t			 rrsz = 0, n = 0, i;
	int			 found, need = 0, rc = -1;

	for (i = 0; i < c->len; i++)
		need |= change_subject(c->items[i]->kind) ==
		    CHANGE_SUBJECT_MODEL;
	if (!need)
		return 0;
	if (store_region_runs(st, run_id, &rr, &rrsz) == -1)
		return -1;
	states = xcalloc(rrsz, sizeof(*states));
	for (i = 0; i < rrsz; i++) {
		if (!status_region_recorded(rr[i].status))
			continue;
		if (store_load_at(st, run_id, rr[i].region, &states[n],
		    &found) == -1)
			goto out;
		if (found)
			n++;
		else
			snapshot_free(&states[n]);
	}
	for (i = 0; i < c->len; i++) {
		if (change_subject(c->items[i]->kind) != CHANGE_SUBJECT_MODEL)
			continue;
		playbook_context(c->items[i], states, n);
		view_model_facts(c->items[i], states, n);
	}
	rc = 0;
out:
	for (i = 0; i < rrsz; i++)
		snapshot_free(&states[i]);
	free(states);
	store_region_runs_free(rr, rrsz);
	return rc;
}

void
view_free(struct view *v)
{
	if (v == NULL)
		return;
	store_run_free(&v->from);
	store_run_free(&v->to);
	store_region_runs_free(v->rruns, v->rrunsz);
	free(v->regions);
	entry_list_free(&v->entries);
	change_list_free(&v->changes);
	store_run_free(&v->data);
	view_status_free(&v->state);
	free(v->ropen);
	free(v->usage);
	free(v->peak_at);
	store_quota_days_free(v->qdays, v->qdaysz);
	free(v->unknown);
	store_usage_failures_free(v->ufail, v->ufailsz);
	store_account_rows_free(v->arows, v->arowsz);
	store_run_failure_free(&v->rfail);
	memset(v, 0, sizeof(*v));
}

/* --- status and open problems --- */

/*
 * Room for element "len" of "arr": the array doubles when "len" is 0 or a
 * power of two (its capacity, never stored, is the power of two at or
 * above "len"), instead of growing by one for each of a year's rows.
 */
static void *
view_room(void *arr, size_t len, size_t elemsz)
{
	if ((len & (len - 1)) == 0)
		arr = xreallocarray(arr, len == 0 ? 1 : len * 2, elemsz);
	return arr;
}

/* Add an open problem; its "since" time is filled at the end. */
static void
open_add(struct view_status *v, const char *region, const char *subject,
    const char *name, struct playbook_verdict verdict, long long since)
{
	v->opens = view_room(v->opens, v->opensz, sizeof(*v->opens));
	v->opens[v->opensz++] = (struct report_open){ region, subject,
	    name != NULL ? name : "", verdict, since, "", NULL };
}

/*
 * Add a lifecycle problem of model "m" of "region": the date "date" it is
 * about (borrowed from "m", may be NULL), in the playbook's window
 * "within_days" (-1: none), with all of the model's dates.  Its
 * report_open_life is the open problem's own (view_status_free()).
 */
static void
open_add_life(struct view_status *v, const char *region,
    const struct model *m, struct playbook_verdict verdict, const char *date,
    int within_days)
{
	struct report_open_life	*l = xcalloc(1, sizeof(*l));

	*l = (struct report_open_life){ date, within_days, m->legacy_time,
	    m->extended_access, m->end_of_life };
	open_add(v, region, m->model_id, m->model_name, verdict, m->first_run);
	v->opens[v->opensz - 1].life = l;
}

/*
 * The lifecycle problems of model "m" seen at "now" (the newest run's
 * start): LEGACY while in use, and each date ahead the playbook warns of.
 */
static void
status_lifecycle(struct view_status *v, const char *region,
    const struct model *m, time_t now)
{
	struct playbook_verdict		 legacy;
	struct playbook_deadline	 d;
	const char			*date[PLAYBOOK_MILESTONE__COUNT];
	int				 i;

	legacy = playbook_lifecycle(m->lifecycle, m->authorization);
	if (legacy.reason != PLAYBOOK_REASON_NONE)
		open_add_life(v, region, m, legacy, m->legacy_time, -1);
	date[PLAYBOOK_MILESTONE_EXTENDED_ACCESS] = m->extended_access;
	date[PLAYBOOK_MILESTONE_END_OF_LIFE] = m->end_of_life;
	for (i = 0; i < PLAYBOOK_MILESTONE__COUNT; i++) {
		d = playbook_lifecycle_date((enum playbook_milestone)i,
		    date[i], m->authorization, now);
		if (d.verdict.reason != PLAYBOOK_REASON_NONE)
			open_add_life(v, region, m, d.verdict, date[i],
			    d.within_days);
	}
}

/* Models with anything the playbook would say about them at "now". */
static void
status_models(struct view_status *v, const struct snapshot *s, time_t now)
{
	struct report_status_model	*r;
	const struct model		*m;
	size_t				 i;

	for (i = 0; i < s->modelsz; i++) {
		m = &s->models[i];
		v->models = view_room(v->models, v->out.modelsz,
		    sizeof(*v->models));
		r = &v->models[v->out.modelsz];
		*r = (struct report_status_model){ s->region, m->model_id,
		    m->model_name, m->authorization, m->entitlement,
		    m->agreement, m->region_availability, { PATH_INFO,
		    SEVERITY_INFO, PLAYBOOK_REASON_NONE } };
		r->verdict = playbook_model(&(struct playbook_model_state){
		    m->authorization, m->entitlement, m->agreement,
		    m->region_availability });
		status_lifecycle(v, s->region, m, now);
		if (r->verdict.reason == PLAYBOOK_REASON_NONE)
			continue;
		open_add(v, s->region, m->model_id, m->model_name,
		    r->verdict, m->first_run);
		v->out.modelsz++;
	}
	v->out.models = v->models;
}

/* Quotas on a path: applied below the default. */
static void
status_quotas(struct view_status *v, const struct snapshot *s)
{
	struct report_status_quota	*r;
	const struct quota		*q;
	size_t				 i;

	for (i = 0; i < s->quotasz; i++) {
		q = &s->quotas[i];
		v->quotas = view_room(v->quotas, v->out.quotasz,
		    sizeof(*v->quotas));
		r = &v->quotas[v->out.quotasz];
		*r = (struct report_status_quota){ s->region, q->quota_code,
		    q->quota_name, q->applied_value, q->default_value,
		    q->adjustable, { PATH_INFO, SEVERITY_INFO,
		    PLAYBOOK_REASON_NONE } };
		r->verdict = playbook_quota(&(struct playbook_quota_state){
		    q->applied_value, q->has_applied, q->default_value,
		    q->has_default, q->adjustable });
		if (r->verdict.reason != PLAYBOOK_REASON_BELOW_DEFAULT)
			continue;
		open_add(v, s->region, q->quota_code, q->quota_name,
		    r->verdict, q->first_run);
		v->out.quotasz++;
	}
	v->out.quotas = v->quotas;
}

/* Increase requests still open (listed) and denied ones (open problems). */
static void
status_requests(struct view_status *v, const struct snapshot *s)
{
	const struct qrequest	*q;
	struct playbook_verdict	 pv;
	size_t			 i;

	for (i = 0; i < s->requestsz; i++) {
		q = &s->requests[i];
		pv = playbook_request(q->status);
		if (pv.reason == PLAYBOOK_REASON_REQUEST_OPEN ||
		    pv.reason == PLAYBOOK_REASON_REQUEST_DENIED)
			open_add(v, s->region, q->request_id, q->quota_name,
			    pv, q->first_run);
		if (pv.reason != PLAYBOOK_REASON_REQUEST_OPEN)
			continue;
		v->requests = view_room(v->requests, v->out.requestsz,
		    sizeof(*v->requests));
		v->requests[v->out.requestsz++] =
		    (struct report_status_request){ s->region, q->request_id,
		    q->quota_code, q->quota_name, q->desired_value, q->status,
		    q->case_id, q->created };
	}
	v->out.requests = v->requests;
}

/* Whether "region" failed in run "run_id"; -1 after warnx(3). */
static int
failed_in(struct store *st, long long run_id, const char *region)
{
	struct store_region_run	*rr = NULL;
	size_t			 n = 0, i;
	int			 failed = 0;

	if (store_region_runs(st, run_id, &rr, &n) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(rr[i].region, region) == 0)
			failed = rr[i].status == REGION_STATUS_FAILED;
	store_region_runs_free(rr, n);
	return failed;
}

/*
 * Regions of run "run_id" (rows "rr") failing run after run: counted
 * back over the runs before it until one where the region did not fail.
 */
static int
status_failing(struct store *st, struct view_status *v, long long run_id,
    const struct store_region_run *rr, size_t n)
{
	struct playbook_verdict	 pv;
	long long		 r;
	size_t			 i;
	int			 f = 1, runs;

	for (i = 0; i < n; i++) {
		if (rr[i].status != REGION_STATUS_FAILED)
			continue;
		for (r = run_id - 1, runs = 1; r > 0 &&
		    runs < PLAYBOOK_REGION_FAILING_RUNS * 100; r--, runs++)
			if ((f = failed_in(st, r, rr[i].region)) != 1)
				break;
		if (f == -1)
			return -1;
		pv = playbook_region_failing(runs);
		if (pv.reason != PLAYBOOK_REASON_NONE)
			open_add(v, rr[i].region, rr[i].region, "", pv, r + 1);
	}
	return 0;
}

/*
 * Report order: severity, path (info last), problem, its window (the
 * nearest first), region, subject.
 */
static int
open_cmp(const void *pa, const void *pb)
{
	const struct report_open	*a = pa, *b = pb;
	int				 x, y, r;

	if (a->verdict.severity != b->verdict.severity)
		return a->verdict.severity > b->verdict.severity ? -1 : 1;
	x = a->verdict.path == PATH_INFO ? PATH__COUNT : (int)a->verdict.path;
	y = b->verdict.path == PATH_INFO ? PATH__COUNT : (int)b->verdict.path;
	if (x != y)
		return x < y ? -1 : 1;
	if (a->verdict.reason != b->verdict.reason)
		return a->verdict.reason < b->verdict.reason ? -1 : 1;
	x = a->life != NULL ? a->life->within_days : -1;
	y = b->life != NULL ? b->life->within_days : -1;
	if (x != y)
		return x < y ? -1 : 1;
	if ((r = strcmp(a->region, b->region)) != 0)
		return r;
	return strcmp(a->subject, b->subject);
}

/* Sort the open problems and give each the start of its "since" run. */
static int
open_finish(struct store *st, struct view_status *v)
{
	size_t	i, j;
	int	found;

	if (v->opensz > 1)	/* qsort(3) wants a non-NULL array */
		qsort(v->opens, v->opensz, sizeof(*v->opens), open_cmp);
	for (i = 0; i < v->opensz; i++) {
		for (j = 0; j < v->sincesz; j++)
			if (v->since[j].run_id == v->opens[i].since_run)
				break;
		if (j == v->sincesz) {
			v->since = view_room(v->since, j,
			    sizeof(*v->since));
			if (store_run_get(st, v->opens[i].since_run,
			    &v->since[j], &found) == -1)
				return -1;
			v->sincesz++;
		}
		v->opens[i].since = v->since[j].started_at != NULL ?
		    v->since[j].started_at : "";
	}
	return 0;
}

/*
 * What the open problems are judged from: every model (access and
 * lifecycle) and request, and of the quotas only those below their
 * default, the only ones playbook_quota() can flag.  A year-long large
 * database has 12,000 quota rows in a run's state: reading them all was
 * most of `report`.
 */
#define VIEW_STATUS_LOAD	(STORE_LOAD_MODELS | STORE_LOAD_QUOTAS_BELOW | \
				 STORE_LOAD_REQUESTS)

/*
 * Load the state of each region of the run and select its rows, the
 * lifecycle dates judged at "now".
 */
static int
status_states(struct store *st, long long run_id, time_t now,
    struct view_status *v)
{
	size_t	i;
	int	found;

	v->states = xcalloc(v->rrunsz, sizeof(*v->states));
	v->regions = region_rows(v->rruns, v->rrunsz);
	for (i = 0; i < v->rrunsz; i++) {
		if (store_load_parts(st, run_id, v->rruns[i].region,
		    VIEW_STATUS_LOAD, &v->states[i], &found) == -1)
			return -1;
		if (!found)
			continue;
		status_models(v, &v->states[i], now);
		status_quotas(v, &v->states[i]);
		status_requests(v, &v->states[i]);
	}
	return 0;
}

/*
 * The start of run "run_id" into *now: "known" when that is the run, else
 * read from the store.  Returns 0, or -1 after warnx(3).
 */
static int
run_start(struct store *st, long long run_id, const struct store_run *known,
    time_t *now)
{
	struct store_run	 r;
	const char		*start = known->started_at;
	int			 found = 1, rc = -1;

	memset(&r, 0, sizeof(r));
	if (known->run_id != run_id) {
		if (store_run_get(st, run_id, &r, &found) == -1)
			goto out;
		if (!found) {
			warnx("run %lld: no such run", run_id);
			goto out;
		}
		start = r.started_at;
	}
	if (start == NULL || util_parse_iso8601(start, now) == -1) {
		warnx("run %lld: start time is not a time", run_id);
		goto out;
	}
	rc = 0;
out:
	store_run_free(&r);
	return rc;
}

/* Closest to the limit first; then region and code, for a stable order. */
static int
closest_cmp(const void *pa, const void *pb)
{
	const struct report_usage	*a = pa, *b = pb;
	int				 r;

	if (a->percent != b->percent)
		return a->percent > b->percent ? -1 : 1;
	if ((r = strcmp(a->region, b->region)) != 0)
		return r;
	return strcmp(a->quota_code, b->quota_code);
}

/*
 * One mapped quota's days d[0..n) as a usage row in "u" (its peak
 * minute in "at", the first run that read one of the days in *since); 0
 * when it has no applied value or no usage.  The status view's closest
 * quotas and the HTML report's usage bars (view_chart.c) are these rows.
 */
int
view_usage_row(const struct store_quota_day *d, size_t n, struct report_usage *u,
    char at[UTIL_ISO8601_LEN], long long *since)
{
	struct usage_verdict	 uv;
	size_t			 i;

	if (!d->has_applied || !(d->applied > 0))
		return 0;
	(void)store_quota_days_judge(d, n, &uv);
	if (!(uv.peak > 0))
		return 0;
	for (*since = 0, i = 0; i < n; i++)
		if (*since == 0 || d[i].first_run < *since)
			*since = d[i].first_run;
	memset(u, 0, sizeof(*u));
	u->account_id = d->account_id;
	u->region = d->region;
	u->model_id = d->model_id;
	u->quota_code = d->quota_code;
	u->finding = uv.finding;
	u->verdict = playbook_usage(uv.finding, d->adjustable);
	u->peak = uv.peak;
	util_iso8601((time_t)uv.peak_at, at);
	u->peak_at = at;
	u->quota = uv.quota;
	u->percent = uv.percent;
	u->suggested = uv.suggested;
	u->throttled_minutes = uv.throttled_minutes;
	u->tokens = d->tokens;
	u->approximate = d->approximate;
	return 1;
}

/*
 * The quotas closest to their limit over the USAGE_JUDGE_DAYS UTC days
 * ending with the day the run began: at most REPORT_STATUS_CLOSEST; and
 * each quota with a finding over those days, an open problem (since the
 * first run that read one of its days: the evidence is no older).
 */
static int
status_closest(struct store *st, struct view_status *v)
{
	time_t		 t;
	long long	 last, since;
	size_t		 i, j, n = 0;

	if (util_parse_iso8601(v->run.started_at, &t) == -1)
		return 0;
	last = usage_day_of((long long)t);
	if (store_usage_quota_days(st, NULL,
	    last - (USAGE_JUDGE_DAYS - 1) * 86400LL,
	    last, &v->qdays, &v->qdaysz) == -1)
		return -1;
	v->closest = xcalloc(v->qdaysz + 1, sizeof(*v->closest));
	v->peak_at = xcalloc(v->qdaysz + 1, sizeof(*v->peak_at));
	for (i = 0; i < v->qdaysz; i = j) {
		j = store_quota_days_group(v->qdays, v->qdaysz, i);
		if (!view_usage_row(&v->qdays[i], j - i, &v->closest[n],
		    v->peak_at[n], &since))
			continue;
		if (v->closest[n].finding != USAGE_FINDING_NONE)
			open_add(v, v->closest[n].region,
			    v->closest[n].quota_code, v->closest[n].model_id,
			    v->closest[n].verdict, since);
		n++;
	}
	/* each row points at its own peak_at slot, which does not move */
	qsort(v->closest, n, sizeof(*v->closest), closest_cmp);
	v->out.closest = v->closest;
	v->out.closestsz = n < REPORT_STATUS_CLOSEST ? n :
	    REPORT_STATUS_CLOSEST;
	return 0;
}

/*
 * view_status() of the state at run "run_id", with the regions failing
 * run after run counted from run "health_run" (the newest, which may
 * have failed and recorded no state), and the lifecycle dates judged at
 * its start.
 */
static int
view_status_at(struct store *st, long long run_id, long long health_run,
    struct view_status *v)
{
	time_t	now;
	int	found, rc;

	memset(v, 0, sizeof(*v));
	if (store_run_get(st, run_id, &v->run, &found) == -1)
		return -1;
	if (!found) {
		warnx("run %lld: no such run", run_id);
		return -1;
	}
	if (run_start(st, health_run, &v->run, &now) == -1 ||
	    store_region_runs(st, run_id, &v->rruns, &v->rrunsz) == -1 ||
	    status_states(st, run_id, now, v) == -1)
		return -1;
	v->out.run_id = run_id;
	v->out.run_time = v->run.started_at;
	v->out.account_id = view_account(st, v->run.account_id);
	v->out.regions = v->regions;
	v->out.regionsz = v->rrunsz;
	if (health_run == run_id)
		rc = status_failing(st, v, run_id, v->rruns, v->rrunsz);
	else if ((rc = store_region_runs(st, health_run, &v->health,
	    &v->healthsz)) == 0)
		rc = status_failing(st, v, health_run, v->health,
		    v->healthsz);
	if (rc == -1 || status_closest(st, v) == -1 ||
	    open_finish(st, v) == -1)
		return -1;
	v->out.open = v->opens;
	v->out.opensz = v->opensz;
	return 0;
}

/*
 * The newest run, when it is newer than the state's run: it failed (a
 * run that recorded data would be the state's), and the state may be out
 * of date since.
 */
static int
status_newer(struct store *st, struct view_status *v)
{
	long long	id;
	int		found;

	if (store_run_newest(st, &id, &found) == -1)
		return -1;
	if (!found || id <= v->out.run_id)
		return 0;
	if (store_run_get(st, id, &v->newer, &found) == -1)
		return -1;
	if (found && v->newer.status == RUN_STATUS_FAILED) {
		v->out.failed_run = id;
		v->out.failed_time = v->newer.started_at;
	}
	return 0;
}

int
view_status(struct store *st, long long run_id, struct view_status *v)
{
	if (view_status_at(st, run_id, run_id, v) == -1)
		return -1;
	return status_newer(st, v);
}

void
view_status_free(struct view_status *v)
{
	size_t	i;

	if (v == NULL)
		return;
	for (i = 0; i < v->rrunsz && v->states != NULL; i++)
		snapshot_free(&v->states[i]);
	for (i = 0; i < v->sincesz; i++)
		store_run_free(&v->since[i]);
	for (i = 0; i < v->opensz; i++)
		free((void *)v->opens[i].life);
	free(v->since);
	free(v->opens);
	free(v->states);
	free(v->regions);
	free(v->models);
	free(v->quotas);
	free(v->requests);
	store_region_runs_free(v->rruns, v->rrunsz);
	store_region_runs_free(v->health, v->healthsz);
	store_run_free(&v->run);
	store_run_free(&v->newer);
	free(v->closest);
	free(v->peak_at);
	store_quota_days_free(v->qdays, v->qdaysz);
	memset(v, 0, sizeof(*v));
}
