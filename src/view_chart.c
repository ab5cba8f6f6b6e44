/*
 * view_chart.c: the data of the HTML report's charts.  See view_chart.h.
 *
 * Everything comes from what the report view already holds (the state
 * of the newest run with data, the range's changes, the open problems)
 * except the quotas' histories, read with store_quota_history().  The
 * strings of the matrix are copies; those of the quota series are
 * borrowed from the view, which outlives the charts.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view_chart.h"
#include "util.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Index of "s" in sorted "v" (n entries), or -1. */
static long
find_str(char *const *v, size_t n, const char *s)
{
	char	*const *p;

	if (s == NULL || n == 0)
		return -1;
	p = bsearch(&s, v, n, sizeof(*v), cmp_str);
	return p == NULL ? -1 : (long)(p - v);
}

/* The matrix columns: every region of the state that lists models. */
static void
matrix_regions(const struct view *v, struct view_charts *c)
{
	const struct view_status	*s = &v->state;
	size_t				 i, n = 0;

	c->regions = xcalloc(s->rrunsz + 1, sizeof(*c->regions));
	for (i = 0; i < s->rrunsz; i++)
		if (s->states[i].modelsz > 0)
			c->regions[n++] = xstrdup(s->rruns[i].region);
	c->out.matrix.regionsz = n;
}

/* The matrix rows: every model ID any region lists, sorted, capped. */
static void
matrix_models(const struct view *v, struct view_charts *c)
{
	const struct view_status	*s = &v->state;
	size_t				 i, j, n = 0, cap = 0, u = 0;
	char				**all = NULL;

	for (i = 0; i < s->rrunsz; i++)
		for (j = 0; j < s->states[i].modelsz; j++) {
			if (n == cap) {
				cap = cap == 0 ? 64 : cap * 2;
				all = xreallocarray(all, cap, sizeof(*all));
			}
			all[n++] = s->states[i].models[j].model_id;
		}
	if (n > 0)
		qsort(all, n, sizeof(*all), cmp_str);
	c->models = xcalloc(n + 1, sizeof(*c->models));
	for (i = 0; i < n && u < VIEW_CHART_MAX_MODELS; i++)
		if (u == 0 || strcmp(all[i], c->models[u - 1]) != 0)
			c->models[u++] = xstrdup(all[i]);
	free(all);
	c->out.matrix.modelsz = u;
}

/* The state of the snapshot of matrix column "region", or NULL. */
static const struct snapshot *
state_of(const struct view *v, const char *region)
{
	size_t	i;

	for (i = 0; i < v->state.rrunsz; i++)
		if (strcmp(v->state.rruns[i].region, region) == 0)
			return &v->state.states[i];
	return NULL;
}

/* Each cell's category (the playbook's), and the changed ones. */
static void
matrix_cells(const struct view *v, struct view_charts *c)
{
	struct report_matrix		*m = &c->out.matrix;
	struct playbook_model_state	 ms;
	const struct snapshot		*snap;
	const struct model		*md;
	const struct change		*ch;
	size_t				 mi, ri, i;
	long				 a, b;

	c->cells = xcalloc(m->modelsz * m->regionsz + 1, sizeof(*c->cells));
	c->changed = xcalloc(m->modelsz * m->regionsz + 1, 1);
	for (ri = 0; ri < m->regionsz; ri++) {
		snap = state_of(v, c->regions[ri]);
		for (mi = 0; mi < m->modelsz; mi++) {
			md = snap != NULL ? snapshot_find_model(snap,
			    c->models[mi]) : NULL;
			if (md != NULL) {
				ms.authorization = md->authorization;
				ms.entitlement = md->entitlement;
				ms.agreement = md->agreement;
				ms.region_availability =
				    md->region_availability;
			}
			c->cells[mi * m->regionsz + ri] =
			    playbook_access(md != NULL ? &ms : NULL);
		}
	}
	for (i = 0; i < v->changes.len; i++) {
		ch = v->changes.items[i];
		if (change_subject(ch->kind) != CHANGE_SUBJECT_MODEL)
			continue;
		a = find_str(c->models, m->modelsz, ch->subject);
		for (b = 0; a >= 0 && (size_t)b < m->regionsz; b++)
			if (strcmp(c->regions[b], ch->region) == 0)
				c->changed[(size_t)a * m->regionsz +
				    (size_t)b] = 1;
	}
}

/*
 * Sort the regions too, so cells can be found; the columns read in
 * region order like the rest of the report.
 */
static void
matrix_build(const struct view *v, struct view_charts *c)
{
	matrix_regions(v, c);
	if (c->out.matrix.regionsz > 0)
		qsort(c->regions, c->out.matrix.regionsz, sizeof(char *),
		    cmp_str);
	matrix_models(v, c);
	matrix_cells(v, c);
	c->out.matrix.regions = (const char *const *)c->regions;
	c->out.matrix.models = (const char *const *)c->models;
	c->out.matrix.cells = c->cells;
	c->out.matrix.changed = c->changed;
}

/* Is (region, code) among the series chosen so far? */
static int
quota_listed(const struct view_charts *c, const char *region,
    const char *code)
{
	size_t	i;

	for (i = 0; i < c->out.quotasz; i++)
		if (strcmp(c->series[i].region, region) == 0 &&
		    strcmp(c->series[i].quota_code, code) == 0)
			return 1;
	return 0;
}

/*
 * Add quota "code" of "region" (named "name") with its history up to
 * run "to_run"; a quota without history, or one listed already, is left
 * out.  0, or -1 after warnx(3).
 */
static int
quota_add(struct store *st, const struct view *v, struct view_charts *c,
    const char *region, const char *code, const char *name)
{
	struct store_quota_point	*p = NULL;
	struct report_quota_point	*rp;
	struct report_quota_series	*s;
	size_t				 n = 0, i, k = c->out.quotasz;

	if (code == NULL || *code == '\0' || region == NULL ||
	    k == VIEW_CHART_MAX_QUOTAS || quota_listed(c, region, code))
		return 0;
	if (store_quota_history(st, region, code, v->in.to_run, &p, &n) == -1)
		return -1;
	if (n == 0)
		return 0;
	rp = xcalloc(n, sizeof(*rp));
	for (i = 0; i < n; i++)
		rp[i] = (struct report_quota_point){ p[i].run, p[i].at,
		    p[i].applied, p[i].has_applied, p[i].default_value,
		    p[i].has_default };
	c->points[k] = p;
	c->rpoints[k] = rp;
	c->pointsz[k] = n;
	s = &c->series[k];
	*s = (struct report_quota_series){ region, code, name, rp, n,
	    v->in.to_time };
	c->out.quotasz++;
	return 0;
}

/*
 * The quotas to chart: those the range's changes name (a request's
 * quota too), then those with an open problem (below the default), then
 * those of open increase requests.
 */
static int
quotas_build(struct store *st, const struct view *v, struct view_charts *c)
{
	const struct view_status	*s = &v->state;
	const struct change		*ch;
	size_t				 i;
	int				 rc = 0;

	c->series = xcalloc(VIEW_CHART_MAX_QUOTAS, sizeof(*c->series));
	c->points = xcalloc(VIEW_CHART_MAX_QUOTAS, sizeof(*c->points));
	c->rpoints = xcalloc(VIEW_CHART_MAX_QUOTAS, sizeof(*c->rpoints));
	c->pointsz = xcalloc(VIEW_CHART_MAX_QUOTAS, sizeof(*c->pointsz));
	for (i = 0; rc == 0 && i < v->changes.len; i++) {
		ch = v->changes.items[i];
		if (change_subject(ch->kind) == CHANGE_SUBJECT_QUOTA)
			rc = quota_add(st, v, c, ch->region, ch->subject,
			    ch->subject_name);
		else if (change_subject(ch->kind) == CHANGE_SUBJECT_REQUEST)
			rc = quota_add(st, v, c, ch->region, ch->quota_code,
			    ch->subject_name);
	}
	for (i = 0; rc == 0 && i < s->opensz; i++)
		if (s->opens[i].verdict.reason ==
		    PLAYBOOK_REASON_BELOW_DEFAULT)
			rc = quota_add(st, v, c, s->opens[i].region,
			    s->opens[i].subject, s->opens[i].subject_name);
	for (i = 0; rc == 0 && i < s->out.requestsz; i++)
		rc = quota_add(st, v, c, s->out.requests[i].region,
		    s->out.requests[i].quota_code,
		    s->out.requests[i].quota_name);
	c->out.quotas = c->series;
	return rc;
}

/* The civil date of day "z" since 1970-01-01, as "YYYY-MM-DD". */
static void
civil_from_days(long z, char out[11])
{
	long	era, doe, yoe, y, doy, mp, d, m;
	char	tmp[64];

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	(void)snprintf(tmp, sizeof(tmp), "%04ld-%02ld-%02ld", y + (m <= 2), m,
	    d);
	(void)snprintf(out, 11, "%.10s", tmp);
}

/* The day number of UTC ISO-8601 time "s", or -1 if it is not one. */
static long
day_of(const char *s)
{
	int	y, m, d;

	if (s == NULL || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	return util_days_from_civil(y, m, d);
}

/*
 * One bar per day from the older run's day to the newer's, each marked
 * observed or not: a day no run recorded data on is unknown, not a day
 * without changes.  No day observed: no timeline at all.
 */
static int
days_build(struct store *st, const struct view *v, struct view_charts *c)
{
	const struct change	*ch;
	long			 first = day_of(v->in.from_time);
	long			 last = day_of(v->in.to_time), d;
	size_t			 i, n;
	unsigned char		*obs;

	if (first < 0 || last < 0 || last < first)
		return 0;
	if (last - first + 1 > VIEW_CHART_MAX_DAYS)
		first = last - VIEW_CHART_MAX_DAYS + 1;
	n = (size_t)(last - first + 1);
	obs = xcalloc(n, 1);
	if (store_run_days(st, first, n, obs) == -1) {
		free(obs);
		return -1;
	}
	if (memchr(obs, 1, n) == NULL) {
		free(obs);
		return 0;
	}
	c->days = xcalloc(n, sizeof(*c->days));
	for (i = 0; i < n; i++) {
		civil_from_days(first + (long)i, c->days[i].date);
		c->days[i].observed = obs[i];
	}
	free(obs);
	for (i = 0; i < v->changes.len; i++) {
		ch = v->changes.items[i];
		if ((d = day_of(ch->first_seen)) < first || d > last)
			continue;
		if (ch->severity == SEVERITY_ACTION)
			c->days[d - first].actions++;
		else if (ch->severity == SEVERITY_WARNING)
			c->days[d - first].warnings++;
		else
			c->days[d - first].infos++;
	}
	c->out.days = c->days;
	c->out.daysz = n;
	return 0;
}

/* Closest to the limit first, then by label for a stable order. */
static int
bar_cmp(const void *pa, const void *pb)
{
	const struct report_usage_bar	*a = pa, *b = pb;
	int				 r;

	if (a->percent != b->percent)
		return a->percent > b->percent ? -1 : 1;
	if ((r = strcmp(a->region, b->region)) != 0)
		return r;
	return strcmp(a->quota_name, b->quota_name);
}

/*
 * A bar per mapped quota with usage in the view's window (the stored
 * days view.c loaded, grouped by region and quota code as it orders
 * them), labelled "model ID (quota code)".
 */
static void
chart_usage_build(const struct view *v, struct view_charts *c)
{
	struct report_usage	 u;
	char			 at[UTIL_ISO8601_LEN];
	long long		 since;
	size_t			 i, j, n = 0;

	if (v->qdaysz == 0)
		return;
	c->usage = xcalloc(v->qdaysz, sizeof(*c->usage));
	c->labels = xcalloc(v->qdaysz + 1, sizeof(*c->labels));
	for (i = 0; i < v->qdaysz; i = j) {
		j = store_quota_days_group(v->qdays, v->qdaysz, i);
		if (!view_usage_row(&v->qdays[i], j - i, &u, at, &since))
			continue;
		c->labels[n] = xasprintf("%s (%s)", u.model_id, u.quota_code);
		c->usage[n].region = u.region;
		c->usage[n].quota_name = c->labels[n];
		c->usage[n].quota_value = u.quota;
		c->usage[n].peak_per_min = u.peak;
		c->usage[n].percent = u.percent;
		n++;
	}
	qsort(c->usage, n, sizeof(*c->usage), bar_cmp);
	c->out.usage = c->usage;
	c->out.usagesz = n < VIEW_CHART_MAX_USAGE ? n : VIEW_CHART_MAX_USAGE;
}

int
view_charts(struct store *st, const struct view *v, struct view_charts *c)
{
	memset(c, 0, sizeof(*c));
	matrix_build(v, c);
	if (days_build(st, v, c) == -1)
		return -1;
	chart_usage_build(v, c);
	return quotas_build(st, v, c);
}

void
view_charts_free(struct view_charts *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; c->regions != NULL && c->regions[i] != NULL; i++)
		free(c->regions[i]);
	for (i = 0; c->models != NULL && c->models[i] != NULL; i++)
		free(c->models[i]);
	free(c->regions);
	free(c->models);
	free(c->cells);
	free(c->changed);
	for (i = 0; i < c->out.quotasz; i++) {
		store_quota_points_free(c->points[i], c->pointsz[i]);
		free(c->rpoints[i]);
	}
	free(c->series);
	free(c->points);
	free(c->rpoints);
	free(c->pointsz);
	free(c->days);
	free(c->usage);
	for (i = 0; c->labels != NULL && c->labels[i] != NULL; i++)
		free(c->labels[i]);
	free(c->labels);
	memset(c, 0, sizeof(*c));
}
