/*
 * view.c: assemble what the report, diff and case commands render.
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

/* Load both runs and the regions of "to"; -1 after warnx(3). */
static int
view_runs(struct store *st, long long from_run, long long to_run,
    struct view *v)
{
	size_t	i;
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
	v->regions = xcalloc(v->rrunsz, sizeof(*v->regions));
	for (i = 0; i < v->rrunsz; i++) {
		v->regions[i].region = v->rruns[i].region;
		v->regions[i].status = v->rruns[i].status;
		v->regions[i].operation = v->rruns[i].operation;
		v->regions[i].http_status = v->rruns[i].http_status;
		v->regions[i].error_code = v->rruns[i].error_code;
		v->regions[i].error_message = v->rruns[i].error_message;
	}
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
			return strcmp(rr[i].status, "ok") == 0;
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
		if (strcmp(v->regions[i].status, "ok") != 0)
			continue;
		if (store_region_seen(st, from_run, v->regions[i].region,
		    &found) == -1)
			return -1;
		if (!found) {
			v->regions[i].status = "not_compared";
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
		if (strcmp(v->regions[i].status, "ok") != 0)
			continue;
		if (!region_ok_in(before, beforesz, v->regions[i].region)) {
			v->regions[i].status = "not_compared";
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
		if (strcmp(rr[i].status, "ok") != 0)
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
