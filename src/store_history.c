/*
 * store_history.c: a quota's values over the runs, from its change-only
 * history (quota_state: one row per state, since_run to until_run).  See
 * store.h (store_quota_history()).  Used by the HTML report's step
 * charts (view_chart.c).
 */
#include <err.h>
#include <stdlib.h>

#include "store_int.h"
#include "util.h"

/*
 * Newest first, so that the cap keeps the states nearest the report;
 * the caller gets them oldest first.
 */
static const struct store_sql q_quota_history = { SLOT_QUOTA_HISTORY,
    "quota history",
    "SELECT q.since_run, r.started_at, q.applied_value, q.default_value"
    " FROM quota_state q JOIN run r ON r.run_id = q.since_run"
    " WHERE q.region = :region AND q.quota_code = :code"
    " AND q.applied_at_level = 'ACCOUNT' AND q.context_scope = ''"
    " AND q.context_id = '' AND q.since_run <= :run"
    " ORDER BY q.since_run DESC" };

void
store_quota_points_free(struct store_quota_point *v, size_t n)
{
	size_t	i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i].at);
	free(v);
}

static void
point_read(struct store_stmt *q, struct store_quota_point *p)
{
	p->run = store_col_int(q, 0);
	p->at = store_col_text(q, 1);
	if ((p->has_applied = !store_col_isnull(q, 2)))
		p->applied = store_col_real(q, 2);
	if ((p->has_default = !store_col_isnull(q, 3)))
		p->default_value = store_col_real(q, 3);
}

/* Reverse v[0..n) in place: newest first becomes oldest first. */
static void
points_reverse(struct store_quota_point *v, size_t n)
{
	struct store_quota_point	t;
	size_t				i;

	for (i = 0; i < n / 2; i++) {
		t = v[i];
		v[i] = v[n - 1 - i];
		v[n - 1 - i] = t;
	}
}

int
store_quota_history(struct store *st, const char *region,
    const char *quota_code, long long to_run, struct store_quota_point **out,
    size_t *outsz)
{
	struct store_stmt		*q;
	struct store_quota_point	*v = NULL;
	size_t				 n = 0;
	int				 r;

	*out = NULL;
	*outsz = 0;
	if ((q = store_stmt(st, &q_quota_history)) == NULL)
		return -1;
	store_bind_text(q, ":region", region);
	store_bind_text(q, ":code", quota_code);
	store_bind_int(q, ":run", to_run);
	while ((r = store_step(q)) == 1) {
		if (n == STORE_MAX_QUOTA_POINTS) {
			store_reset(q);
			break;
		}
		v = xreallocarray(v, n + 1, sizeof(*v));
		point_read(q, &v[n++]);
		if ((r = store_row_ok(q)) == -1)
			break;
	}
	if (r == -1) {
		store_quota_points_free(v, n);
		return -1;
	}
	points_reverse(v, n);
	*out = v;
	*outsz = n;
	return 0;
}
