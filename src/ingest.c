/*
 * ingest.c: one region's outcome into the store: diff against the stored
 * state, classify, commit in one transaction; or record the failure.
 *
 * A partial region is diffed as collected (the differ yields nothing
 * from what is unknown), then what it did not learn is filled in with
 * the last known state before it is stored, so that the merge closes
 * nothing that was only unknown (carry_access(), carry_parts()).
 */
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "collect.h"
#include "diff.h"
#include "ingest.h"
#include "playbook.h"
#include "snapshot.h"
#include "store.h"
#include "store_usage.h"
#include "usage.h"
#include "util.h"

/* Swap the access fields of two rows of the same model. */
static void
swap_access(struct model *a, struct model *b)
{
	char	**fa[] = { &a->authorization, &a->entitlement, &a->agreement,
		    &a->region_availability, &a->agreement_message };
	char	**fb[] = { &b->authorization, &b->entitlement, &b->agreement,
		    &b->region_availability, &b->agreement_message };
	char	 *t;
	size_t	  i;

	for (i = 0; i < sizeof(fa) / sizeof(fa[0]); i++) {
		t = *fa[i];
		*fa[i] = *fb[i];
		*fb[i] = t;
	}
}

/*
 * Models of "snap" whose access is unknown: the last known access of
 * each (from "old") is carried forward; one never recorded stays
 * unrecorded (it is cut from the array and freed).  Their IDs are
 * appended to *ids (owned).  Done before the diff, so that a change of
 * such a model (its lifecycle, say) carries its last known access.
 */
static void
carry_access(struct snapshot *snap, struct snapshot *old, char ***ids,
    size_t *idsz)
{
	struct snapshot	 gone;
	struct model	*m, *o;
	size_t		 i, keep = 0;

	memset(&gone, 0, sizeof(gone));
	for (i = 0; i < snap->modelsz; i++) {
		m = &snap->models[i];
		if (m->access_unknown) {
			*ids = xreallocarray(*ids, *idsz + 1, sizeof(**ids));
			(*ids)[(*idsz)++] = xstrdup(m->model_id);
			o = (struct model *)snapshot_find_model(old,
			    m->model_id);
			if (o == NULL) {
				*snapshot_add_model(&gone) = *m;
				continue;
			}
			swap_access(m, o);
		}
		snap->models[keep++] = *m;
	}
	snap->modelsz = keep;
	snapshot_free(&gone);
}

/*
 * Fill the whole parts "snap" does not know with the last known state
 * "old" (found: whether there is one), taking it from "old".  Done after
 * the diff, which must see them unknown.  Parts still unknown afterwards
 * (never known) stay in snap->unknown.
 */
static void
carry_parts(struct snapshot *snap, struct snapshot *old, int found)
{
	int	p;

	for (p = 0; p < REGION_PART__COUNT; p++) {
		if (!(snap->unknown & REGION_PART_BIT(p)) || !found ||
		    (old->unknown & REGION_PART_BIT(p)))
			continue;
		snapshot_move_part(snap, old, p);
		snap->unknown &= ~REGION_PART_BIT(p);
	}
}

/*
 * Diff the snapshot "snap" of a region against the stored state and
 * commit state and changes; add their number to *nchanges.  "o" is NULL
 * for an ok region; for a partial one, what "snap" does not know is
 * carried forward first.  0, or -1 after warnx(3) with nothing of the
 * region written.
 */
static int
ingest_snapshot(struct store *st, long long run_id, struct snapshot *snap,
    struct store_outcome *o, size_t *nchanges)
{
	struct snapshot		old;
	struct change_list	changes = { NULL, 0, 0 };
	char			**ids = NULL;
	size_t			i, idsz = 0;
	int			found = 0, rc = -1, r;

	/* The usual day: the same digest, only the region row to write. */
	if (o == NULL && (r = store_region_unchanged(st, run_id, snap)) != 0)
		return r == 1 ? 0 : -1;
	memset(&old, 0, sizeof(old));
	if (store_load_current(st, snap->region, &old, &found) == -1)
		goto out;
	if (o != NULL) {
		o->unknown = snap->unknown;
		carry_access(snap, &old, &ids, &idsz);
	}
	diff_region(found ? &old : NULL, snap, run_id, &changes);
	for (i = 0; i < changes.len; i++)
		playbook_classify(changes.items[i]);
	if (o != NULL) {
		carry_parts(snap, &old, found);
		o->models = ids;
		o->modelsz = idsz;
		/* "old" gave up what was carried: read it again to merge. */
		r = store_region_partial(st, run_id, snap, &changes, o);
	} else
		/* The lock is held: "old" is still the state. */
		r = store_region_ok_from(st, run_id, found ? &old : NULL, snap,
		    &changes);
	if (r == -1)
		goto out;
	*nchanges += changes.len;
	rc = 0;
out:
	for (i = 0; i < idsz; i++)
		free(ids[i]);
	free(ids);
	snapshot_free(&old);
	change_list_free(&changes);
	return rc;
}

int
ingest_region(struct store *st, long long run_id, struct collect_region *r,
    size_t *nchanges)
{
	struct store_outcome	o;

	memset(&o, 0, sizeof(o));
	o.status = r->status;
	o.failures = r->failures;
	o.failuresz = r->failuresz;
	if (!r->ok) {
		if (o.status != REGION_STATUS_NOT_ENABLED)
			o.status = REGION_STATUS_FAILED;
		(void)store_region_not_collected(st, run_id, r->region, &o);
		return 0;
	}
	if (ingest_snapshot(st, run_id, &r->snap,
	    r->status == REGION_STATUS_PARTIAL ? &o : NULL, nchanges) == 0)
		return 1;
	(void)store_region_failed(st, run_id, r->region, "store", 0,
	    "StoreError", "the region could not be saved");
	return 0;
}

/* --- usage findings --- */

/* The finding open in "open" for "code", or USAGE_FINDING_NONE. */
static int
open_finding(const struct store_usage_open *open, size_t nopen,
    const char *code)
{
	size_t	i;

	for (i = 0; i < nopen; i++) {
		if (strcmp(open[i].quota_code, code) != 0)
			continue;
		switch (open[i].kind) {
		case CHANGE_USAGE_NEAR_QUOTA:
			return USAGE_FINDING_NEAR_QUOTA;
		case CHANGE_THROTTLED_BELOW_QUOTA:
			return USAGE_FINDING_THROTTLED_BELOW;
		case CHANGE_THROTTLED_AT_QUOTA:
			return USAGE_FINDING_THROTTLED_AT;
		default:
			break;
		}
	}
	return USAGE_FINDING_NONE;
}

/* Judge the days d[0..n) of one quota into *q (strings borrowed). */
static void
judge_quota(const struct store_quota_day *d, size_t n,
    struct diff_usage_quota *q, char *applied[2])
{
	struct usage_verdict	 uv;

	q->now = store_quota_days_judge(d, n, &uv);
	q->quota_code = d->quota_code;
	q->quota_name = d->quota_name;
	q->model_id = d->model_id;
	q->adjustable = d->adjustable;
	applied[0] = change_format_number(d->applied);
	applied[1] = d->has_default ? change_format_number(d->default_value) :
	    xstrdup("");
	q->applied = applied[0];
	q->default_value = applied[1];
	q->ev.set = 1;
	q->ev.peak = uv.peak;
	q->ev.peak_at = uv.peak_at;
	q->ev.quota = uv.quota;
	q->ev.percent = uv.percent;
	q->ev.throttled_minutes = uv.throttled_minutes;
	q->ev.suggested = uv.suggested;
	q->ev.tokens = d->tokens;
	q->ev.approximate = d->approximate;
}

int
ingest_usage(struct store *st, long long run_id, long long started,
    const char *account, const char *region, int baseline, size_t *nchanges)
{
	struct store_quota_day	*d = NULL;
	struct store_usage_open	*open = NULL;
	struct diff_usage_quota	*q;
	struct change_list	 changes = { NULL, 0, 0 };
	char			**applied;
	size_t			 nd = 0, nopen = 0, nq = 0, i, j, k;
	long long		 last = usage_day_of(started);
	int			 rc = -1, seen;

	if (store_usage_quota_days(st, region,
	    last - (USAGE_JUDGE_DAYS - 1) * 86400LL,
	    last, &d, &nd) == -1 ||
	    store_usage_open_findings(st, account, region, &open, &nopen) ==
	    -1) {
		store_quota_days_free(d, nd);
		return -1;
	}
	q = xcalloc(nd + nopen + 1, sizeof(*q));
	applied = xcalloc(2 * nd + 1, sizeof(*applied));
	for (i = 0; i < nd; i = j) {
		j = store_quota_days_group(d, nd, i);
		if (!d[i].has_applied || !(d[i].applied > 0))
			continue;	/* unknown: keeps what is open */
		judge_quota(&d[i], j - i, &q[nq], &applied[2 * nq]);
		q[nq].before = open_finding(open, nopen, d[i].quota_code);
		nq++;
	}
	/* Open findings of quotas without days in the window: ended. */
	for (k = 0; k < nopen; k++) {
		for (seen = 0, i = 0; i < nd && !seen; i++)
			seen = strcmp(d[i].quota_code, open[k].quota_code) == 0;
		for (i = 0; i < nq && !seen; i++)
			seen = strcmp(q[i].quota_code, open[k].quota_code) == 0;
		if (seen)
			continue;
		q[nq].quota_code = open[k].quota_code;
		q[nq].quota_name = q[nq].model_id = q[nq].applied = "";
		q[nq].default_value = "";
		q[nq].adjustable = -1;
		q[nq].before = open_finding(open, nopen, open[k].quota_code);
		q[nq].now = USAGE_FINDING_NONE;
		nq++;
	}
	(void)diff_usage(region, run_id, q, nq, &changes);
	for (i = 0; i < changes.len; i++)
		playbook_classify(changes.items[i]);
	if (store_usage_changes(st, run_id, account, &changes, baseline) ==
	    0) {
		*nchanges += baseline ? 0 : changes.len;
		rc = 0;
	}
	change_list_free(&changes);
	for (i = 0; i < 2 * nd; i++)
		free(applied[i]);
	free(applied);
	free(q);
	store_usage_open_free(open, nopen);
	store_quota_days_free(d, nd);
	return rc;
}
