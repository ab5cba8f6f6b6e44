/*
 * view.c: assemble what the report, diff, case and status commands
 * render.
 * See view.h.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "diff.h"
#include "playbook.h"
#include "report.h"
#include "snapshot.h"
#include "store.h"
#include "util.h"
#include "view.h"

/* Static reasons for regions that are not compared. */
static const char reason_baseline[] =
    "first successful collection of this region: a baseline, no changes";
static const char reason_failed_before[] =
    "not collected successfully in the older run";

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
	}
	return r;
}

/* Load both runs and the regions of "to"; -1 after warnx(3). */
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
	v->in.account_id = *v->to.account_id != '\0' ? v->to.account_id :
	    NULL;
	v->in.regions = v->regions;
	v->in.regionsz = v->rrunsz;
	v->in.changes = &v->changes;
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

int
view_recorded(struct store *st, long long from_run, long long to_run,
    struct view *v)
{
	size_t		i;
	int		found;

	if (view_runs(st, from_run, to_run, v) == -1)
		return -1;
	for (i = 0; i < v->rrunsz; i++) {
		if (!status_region_recorded(v->regions[i].status))
			continue;
		if (store_region_seen(st, from_run, v->regions[i].region,
		    &found) == -1)
			return -1;
		if (!found) {
			v->regions[i].status = REGION_STATUS_NOT_COMPARED;
			v->regions[i].reason = reason_baseline;
		}
	}
	if (store_changes(st, from_run, to_run, &v->changes) == -1)
		return -1;
	return view_context(st, to_run, &v->changes);
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
	    store_region_runs(st, from_run, &before, &beforesz) == -1)
		goto out;
	for (i = 0; i < v->rrunsz; i++) {
		if (!status_region_recorded(v->regions[i].status))
			continue;
		if (!region_ok_in(before, beforesz, v->regions[i].region)) {
			v->regions[i].status = REGION_STATUS_NOT_COMPARED;
			v->regions[i].reason = reason_failed_before;
			continue;
		}
		if (view_diff_region(st, v, v->regions[i].region) == -1)
			goto out;
	}
	for (i = 0; i < v->changes.len; i++)
		playbook_classify(v->changes.items[i]);
	rc = view_context(st, to_run, &v->changes);
out:
	store_region_runs_free(before, beforesz);
	return rc;
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
	for (i = 0; i < c->len; i++)
		if (change_subject(c->items[i]->kind) == CHANGE_SUBJECT_MODEL)
			playbook_context(c->items[i], states, n);
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
	change_list_free(&v->changes);
	memset(v, 0, sizeof(*v));
}

/* --- status --- */

/* Models with anything the playbook would say about them. */
static void
status_models(struct view_status *v, const struct snapshot *s)
{
	struct report_status_model	*r;
	const struct model		*m;
	size_t				 i;

	for (i = 0; i < s->modelsz; i++) {
		m = &s->models[i];
		v->models = xreallocarray(v->models, v->out.modelsz + 1,
		    sizeof(*v->models));
		r = &v->models[v->out.modelsz];
		*r = (struct report_status_model){ s->region, m->model_id,
		    m->model_name, m->authorization, m->entitlement,
		    m->agreement, m->region_availability, { PATH_INFO,
		    SEVERITY_INFO, PLAYBOOK_REASON_NONE } };
		r->verdict = playbook_model(&(struct playbook_model_state){
		    m->authorization, m->entitlement, m->agreement,
		    m->region_availability });
		if (r->verdict.reason != PLAYBOOK_REASON_NONE)
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
		v->quotas = xreallocarray(v->quotas, v->out.quotasz + 1,
		    sizeof(*v->quotas));
		r = &v->quotas[v->out.quotasz];
		*r = (struct report_status_quota){ s->region, q->quota_code,
		    q->quota_name, q->applied_value, q->default_value,
		    q->adjustable, { PATH_INFO, SEVERITY_INFO,
		    PLAYBOOK_REASON_NONE } };
		r->verdict = playbook_quota(&(struct playbook_quota_state){
		    q->applied_value, q->has_applied, q->default_value,
		    q->has_default, q->adjustable });
		if (r->verdict.reason == PLAYBOOK_REASON_BELOW_DEFAULT)
			v->out.quotasz++;
	}
	v->out.quotas = v->quotas;
}

/* Increase requests still open. */
static void
status_requests(struct view_status *v, const struct snapshot *s)
{
	const struct qrequest	*q;
	size_t			 i;

	for (i = 0; i < s->requestsz; i++) {
		q = &s->requests[i];
		if (playbook_request(q->status).reason !=
		    PLAYBOOK_REASON_REQUEST_OPEN)
			continue;
		v->requests = xreallocarray(v->requests, v->out.requestsz + 1,
		    sizeof(*v->requests));
		v->requests[v->out.requestsz++] =
		    (struct report_status_request){ s->region, q->request_id,
		    q->quota_code, q->quota_name, q->desired_value, q->status,
		    q->case_id, q->created };
	}
	v->out.requests = v->requests;
}

int
view_status(struct store *st, long long run_id, struct view_status *v)
{
	size_t	i;
	int	found;

	memset(v, 0, sizeof(*v));
	if (store_run_get(st, run_id, &v->run, &found) == -1)
		return -1;
	if (!found) {
		warnx("run %lld: no such run", run_id);
		return -1;
	}
	if (store_region_runs(st, run_id, &v->rruns, &v->rrunsz) == -1)
		return -1;
	v->states = xcalloc(v->rrunsz, sizeof(*v->states));
	v->regions = region_rows(v->rruns, v->rrunsz);
	for (i = 0; i < v->rrunsz; i++) {
		if (store_load_at(st, run_id, v->rruns[i].region,
		    &v->states[i], &found) == -1)
			return -1;
		if (!found)
			continue;
		status_models(v, &v->states[i]);
		status_quotas(v, &v->states[i]);
		status_requests(v, &v->states[i]);
	}
	v->out.run_id = run_id;
	v->out.run_time = v->run.started_at;
	v->out.account_id = *v->run.account_id != '\0' ? v->run.account_id :
	    NULL;
	v->out.regions = v->regions;
	v->out.regionsz = v->rrunsz;
	return 0;
}

void
view_status_free(struct view_status *v)
{
	size_t	i;

	if (v == NULL)
		return;
	for (i = 0; i < v->rrunsz && v->states != NULL; i++)
		snapshot_free(&v->states[i]);
	free(v->states);
	free(v->regions);
	free(v->models);
	free(v->quotas);
	free(v->requests);
	store_region_runs_free(v->rruns, v->rrunsz);
	store_run_free(&v->run);
	memset(v, 0, sizeof(*v));
}
