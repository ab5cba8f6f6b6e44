/*
 * view_org.c: the organization-wide report of a database of several
 * accounts, assembled from one view per account.  See view.h.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "org.h"
#include "playbook.h"
#include "report.h"
#include "status.h"
#include "store.h"
#include "util.h"
#include "view.h"

/* The index of "id" in v[0..n), or n. */
static size_t
find_id(char *const *v, size_t n, const char *id)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], id) == 0)
			return i;
	return n;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* all[]: the database's accounts and those the newest run named. */
static void
org_ids(struct view_org *v)
{
	size_t	i;

	v->all = xcalloc(v->idsz + v->rowsz + 1, sizeof(*v->all));
	for (i = 0; i < v->idsz; i++)
		v->all[v->allsz++] = v->ids[i];
	for (i = 0; i < v->rowsz; i++)
		if (find_id(v->all, v->allsz, v->rows[i].account_id) ==
		    v->allsz)
			v->all[v->allsz++] = v->rows[i].account_id;
	qsort(v->all, v->allsz, sizeof(*v->all), str_cmp);
}

/* The coverage line of account all[i]. */
static void
org_account(struct view_org *v, size_t i)
{
	struct report_org_account	*a = &v->accounts[i];
	const struct store_account_row	*r = NULL;
	size_t				 k;

	a->account_id = v->all[i];
	a->org_status = a->operation = a->error_code = a->error_message = "";
	for (k = 0; k < v->rowsz; k++)
		if (strcmp(v->rows[k].account_id, v->all[i]) == 0)
			r = &v->rows[k];
	if (r != NULL)
		view_account_row(a, r);
}

/* Is "region" among the regions of view "w"'s newest run? */
static int
has_region(const struct view *w, const char *region)
{
	size_t	i;

	for (i = 0; i < w->rrunsz; i++)
		if (strcmp(w->rruns[i].region, region) == 0)
			return 1;
	return 0;
}

/*
 * The gaps of the newest run: for each account it collected, each of
 * its regions that is not ok, and each region of the run it lacks.
 */
static void
org_gaps(struct view_org *v)
{
	char		**regions = NULL;
	size_t		  nreg = 0, cap = 0, i, k, n = 0;
	const struct view *w;

	for (i = 0; i < v->allsz; i++)
		for (k = 0; k < v->views[i].rrunsz; k++) {
			if (find_id(regions, nreg,
			    v->views[i].rruns[k].region) < nreg)
				continue;
			if (nreg == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				regions = xreallocarray(regions, cap,
				    sizeof(*regions));
			}
			regions[nreg++] = v->views[i].rruns[k].region;
		}
	if (nreg > 0)
		qsort(regions, nreg, sizeof(*regions), str_cmp);
	v->out.regionsz = nreg;
	v->gaps = xcalloc(v->allsz * nreg + 1, sizeof(*v->gaps));
	for (i = 0; i < v->allsz; i++) {
		if (!v->accounts[i].named ||
		    v->accounts[i].status != ACCOUNT_STATUS_COLLECTED)
			continue;
		w = &v->views[i];
		for (k = 0; k < nreg; k++) {
			if (!has_region(w, regions[k])) {
				v->gaps[n].account_id = v->all[i];
				v->gaps[n].region = regions[k];
				v->gaps[n].error_code = "";
				v->gaps[n++].missing = 1;
			}
		}
		for (k = 0; k < w->rrunsz; k++) {
			if (w->rruns[k].status == REGION_STATUS_OK ||
			    w->rruns[k].status == REGION_STATUS_BASELINE)
				continue;
			v->gaps[n].account_id = v->all[i];
			v->gaps[n].region = w->rruns[k].region;
			v->gaps[n].status = w->rruns[k].status;
			v->gaps[n++].error_code = w->rruns[k].error_code;
		}
	}
	free(regions);
	v->out.gaps = v->gaps;
	v->out.gapsz = n;
}

/*
 * Account all[i]'s open problems by path; unknown when no run up to
 * "to_run" recorded data of it (the handle is scoped to it).
 */
static int
org_open(struct store *st, struct view_org *v, size_t i, long long to_run)
{
	struct report_org_open	*o = &v->open[i];
	const struct view	*w = &v->views[i];
	long long		 data;
	size_t			 k;

	o->account_id = v->all[i];
	if (store_run_before(st, to_run + 1, &data, &o->known) == -1)
		return -1;
	if (!o->known)
		return 0;
	for (k = 0; k < w->in.opensz; k++) {
		if ((unsigned)w->in.open[k].verdict.path >= PATH__COUNT)
			continue;
		o->count[w->in.open[k].verdict.path]++;
		o->total++;
	}
	return 0;
}

int
view_org(struct store *st, long long from_run, long long to_run,
    struct view_org *v)
{
	size_t	i;
	int	rc = -1, found = 0;

	memset(v, 0, sizeof(*v));
	if (store_accounts_tried(st, &v->ids, &v->idsz) == -1 ||
	    store_run_accounts_get(st, to_run, &v->rows, &v->rowsz) == -1)
		return -1;
	org_ids(v);
	v->views = xcalloc(v->allsz + 1, sizeof(*v->views));
	v->in = xcalloc(v->allsz + 1, sizeof(*v->in));
	v->accounts = xcalloc(v->allsz + 1, sizeof(*v->accounts));
	v->open = xcalloc(v->allsz + 1, sizeof(*v->open));
	v->changes = xcalloc(v->allsz + 1, sizeof(*v->changes));
	for (i = 0; i < v->allsz; i++) {
		if (store_set_account(st, v->all[i]) == -1 ||
		    view_recorded(st, from_run, to_run, &v->views[i]) == -1 ||
		    store_account_collected(st, v->all[i], from_run, to_run,
		    &v->in[i].collected) == -1)
			goto out;
		/* Changes recorded in the range: it was collected. */
		if (v->views[i].changes.len > 0)
			v->in[i].collected = 1;
		v->in[i].account_id = v->all[i];
		v->in[i].entries = &v->views[i].entries;
		v->changes[i].account_id = v->all[i];
		v->changes[i].changes = &v->views[i].changes;
		org_account(v, i);
		if (org_open(st, v, i, to_run) == -1)
			goto out;
	}
	/* The run as a whole: its status unscoped, not one account's. */
	if (store_set_account(st, "") == -1 ||
	    store_run_get(st, to_run, &v->run, &found) == -1)
		goto out;
	org_fold(v->in, v->allsz, &v->groups);
	org_gaps(v);
	if (v->allsz > 0) {
		v->out.from_run = v->views[0].in.from_run;
		v->out.to_run = v->views[0].in.to_run;
		v->out.from_time = v->views[0].in.from_time;
		v->out.to_time = v->views[0].in.to_time;
		v->out.collection = v->views[0].in.collection;
	}
	if (found)
		v->out.collection.status = v->run.status;
	/* The run's own reason, whichever account view[0] is. */
	if (view_run_failure(st, to_run, &v->rfail, &v->rfail_as,
	    &v->out.collection.run_failure) == -1)
		goto out;
	v->out.accounts = v->accounts;
	v->out.accountsz = v->allsz;
	v->out.collected = v->groups.collected;
	v->out.groups = &v->groups;
	v->out.changes = v->changes;
	v->out.changesz = v->allsz;
	v->out.open = v->open;
	v->out.opensz = v->allsz;
	rc = 0;
out:
	(void)store_set_account(st, "");
	return rc;
}

void
view_org_free(struct view_org *v)
{
	size_t	i;

	if (v == NULL)
		return;
	for (i = 0; v->views != NULL && i < v->allsz; i++)
		view_free(&v->views[i]);
	org_list_free(&v->groups);
	store_run_free(&v->run);
	store_run_failure_free(&v->rfail);
	free(v->views);
	free(v->in);
	free(v->accounts);
	free(v->gaps);
	free(v->open);
	free(v->changes);
	free(v->all);
	store_accounts_free(v->ids, v->idsz);
	store_account_rows_free(v->rows, v->rowsz);
	memset(v, 0, sizeof(*v));
}
