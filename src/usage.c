/*
 * usage.c: quota <-> metric mapping, per-day aggregates, the window and
 * the verdict on a quota's usage.  See usage.h.
 */
#include <err.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aws_cloudwatch.h"
#include "snapshot.h"
#include "usage.h"
#include "util.h"

#define DAY_SECONDS	USAGE_DAY_SECONDS
#define MINUTE_SECONDS	60LL

static const char *const metric_names[USAGE_METRIC__COUNT] = {
	[USAGE_INVOCATIONS] = "Invocations",
	[USAGE_THROTTLES] = "InvocationThrottles",
	[USAGE_INPUT_TOKENS] = "InputTokenCount",
	[USAGE_OUTPUT_TOKENS] = "OutputTokenCount",
	[USAGE_TPM_ESTIMATE] = "EstimatedTPMQuotaUsage",
};

const char *
usage_metric_name(enum usage_metric m)
{
	return (size_t)m < USAGE_METRIC__COUNT ? metric_names[m] : "";
}

int
usage_metric_from_name(const char *name, enum usage_metric *out)
{
	int	i;

	for (i = 0; i < USAGE_METRIC__COUNT; i++)
		if (strcmp(name, metric_names[i]) == 0) {
			*out = (enum usage_metric)i;
			return 0;
		}
	return -1;
}

/*
 * THE mapping table: the quota names (aws-apis.md 9.4, and the names
 * Service Quotas shows today) whose usage one series measures.  The
 * model's name follows the prefix.  Tokens-per-day quotas and the
 * account-wide ones are not here: no per-minute series measures them.
 */
static const struct quota_prefix {
	const char	*prefix;
	enum usage_rate	 rate;
	enum usage_scope scope;
} quota_prefixes[] = {
	{ "On-demand model inference tokens per minute for ",
	    USAGE_RATE_TOKENS, USAGE_SCOPE_ON_DEMAND },
	{ "On-demand model inference requests per minute for ",
	    USAGE_RATE_REQUESTS, USAGE_SCOPE_ON_DEMAND },
	{ "On-demand InvokeModel tokens per minute for ",
	    USAGE_RATE_TOKENS, USAGE_SCOPE_ON_DEMAND },
	{ "On-demand InvokeModel requests per minute for ",
	    USAGE_RATE_REQUESTS, USAGE_SCOPE_ON_DEMAND },
	{ "Cross-region model inference tokens per minute for ",
	    USAGE_RATE_TOKENS, USAGE_SCOPE_CROSS_REGION },
	{ "Cross-region model inference requests per minute for ",
	    USAGE_RATE_REQUESTS, USAGE_SCOPE_CROSS_REGION },
	{ "Cross-Region InvokeModel tokens per minute for ",
	    USAGE_RATE_TOKENS, USAGE_SCOPE_CROSS_REGION },
	{ "Cross-Region InvokeModel requests per minute for ",
	    USAGE_RATE_REQUESTS, USAGE_SCOPE_CROSS_REGION },
	{ "Global cross-region model inference tokens per minute for ",
	    USAGE_RATE_TOKENS, USAGE_SCOPE_GLOBAL },
	{ "Global cross-region model inference requests per minute for ",
	    USAGE_RATE_REQUESTS, USAGE_SCOPE_GLOBAL },
	{ "Global cross-Region InvokeModel tokens per minute for ",
	    USAGE_RATE_TOKENS, USAGE_SCOPE_GLOBAL },
	{ "Global cross-Region InvokeModel requests per minute for ",
	    USAGE_RATE_REQUESTS, USAGE_SCOPE_GLOBAL },
};

/*
 * The geographic prefixes of cross-region profile IDs.  "global." is a
 * scope of its own; an unknown prefix is not taken for a geography.
 */
static const char *const geo_prefixes[] = {
	"us.", "eu.", "apac.", "jp.", "au.", "ca.", "us-gov.",
};

/* The model whose "Provider Name" or "Name" is "s", if exactly one. */
static const struct model *
model_named(const char *s, const struct model *models, size_t n)
{
	const struct model	*found = NULL;
	size_t			 i, pl;

	for (i = 0; i < n; i++) {
		const struct model	*m = &models[i];
		const char		*name = str_or_empty(m->model_name);
		const char		*prov = str_or_empty(m->provider);

		if (*name == '\0')
			continue;
		pl = strlen(prov);
		if (strcmp(s, name) != 0 && !(pl > 0 &&
		    strncmp(s, prov, pl) == 0 && s[pl] == ' ' &&
		    strcmp(s + pl + 1, name) == 0))
			continue;
		if (found != NULL && strcmp(found->model_id, m->model_id) != 0)
			return NULL;	/* two models: not certain */
		found = m;
	}
	return found;
}

/* Whether ListMetrics listed "metric" for "model_id". */
static int
listed_has(const struct aws_cw_metrics *l, const char *model_id,
    enum usage_metric metric)
{
	size_t	i;

	for (i = 0; l != NULL && i < l->n; i++)
		if (strcmp(l->v[i].model_id, model_id) == 0 &&
		    strcmp(l->v[i].metric, metric_names[metric]) == 0)
			return 1;
	return 0;
}

/* Whether any metric of ours was listed for "model_id". */
static int
listed_any(const struct aws_cw_metrics *l, const char *model_id)
{
	int	m;

	for (m = 0; m < USAGE_METRIC__COUNT; m++)
		if (listed_has(l, model_id, (enum usage_metric)m))
			return 1;
	return 0;
}

/*
 * The series ID of a cross-region profile of "base" with data: 1 and
 * *out (borrowed from "l"), 0 none, -1 when several geographies have
 * data (which one the quota counts is not certain).
 */
static int
cross_series(const struct aws_cw_metrics *l, const char *base,
    const char **out)
{
	size_t	i, j, pl;

	*out = NULL;
	for (i = 0; l != NULL && i < l->n; i++)
		for (j = 0; j < sizeof(geo_prefixes) / sizeof(geo_prefixes[0]);
		    j++) {
			pl = strlen(geo_prefixes[j]);
			if (strncmp(l->v[i].model_id, geo_prefixes[j], pl) !=
			    0 || strcmp(l->v[i].model_id + pl, base) != 0)
				continue;
			if (*out != NULL && strcmp(*out, l->v[i].model_id) !=
			    0)
				return -1;
			*out = l->v[i].model_id;
		}
	return *out != NULL;
}

/* The listed series ID equal to "want", borrowed from "l", or NULL. */
static const char *
listed_id(const struct aws_cw_metrics *l, const char *want)
{
	size_t	i;

	for (i = 0; l != NULL && i < l->n; i++)
		if (strcmp(l->v[i].model_id, want) == 0)
			return l->v[i].model_id;
	return NULL;
}

/* The series of "base" in "scope" into out->series; the mapping. */
static enum usage_mapping
map_series(const struct aws_cw_metrics *l, const char *base,
    enum usage_scope scope, struct usage_map *out)
{
	char		*want;
	const char	*id = NULL;

	switch (scope) {
	case USAGE_SCOPE_ON_DEMAND:
		id = listed_id(l, base);
		break;
	case USAGE_SCOPE_GLOBAL:
		want = xasprintf("global.%s", base);
		id = listed_id(l, want);
		free(want);
		break;
	case USAGE_SCOPE_CROSS_REGION:
		if (cross_series(l, base, &id) == -1)
			return USAGE_UNMAPPED_AMBIGUOUS;
		break;
	}
	if (id == NULL || !listed_any(l, id))
		return USAGE_QUIET;
	out->series = id;
	return USAGE_MAPPED;
}

enum usage_mapping
usage_map_quota(const char *quota_name, const struct model *models,
    size_t nmodels, const struct aws_cw_metrics *listed,
    struct usage_map *out)
{
	const struct quota_prefix	*qp = NULL;
	const struct model		*m;
	size_t				 i, pl = 0;

	memset(out, 0, sizeof(*out));
	out->mapping = USAGE_UNMAPPED_NAME;
	for (i = 0; quota_name != NULL &&
	    i < sizeof(quota_prefixes) / sizeof(quota_prefixes[0]); i++) {
		pl = strlen(quota_prefixes[i].prefix);
		if (strncasecmp(quota_name, quota_prefixes[i].prefix, pl) ==
		    0) {
			qp = &quota_prefixes[i];
			break;
		}
	}
	if (qp == NULL)
		return out->mapping;
	out->rate = qp->rate;
	out->scope = qp->scope;
	if ((m = model_named(quota_name + pl, models, nmodels)) == NULL)
		return out->mapping = USAGE_UNMAPPED_MODEL;
	out->base_model = m->model_id;
	if ((out->mapping = map_series(listed, m->model_id, qp->scope, out)) !=
	    USAGE_MAPPED)
		return out->mapping;
	if (qp->rate == USAGE_RATE_REQUESTS)
		out->basis = USAGE_BASIS_INVOCATIONS;
	else if (listed_has(listed, out->series, USAGE_TPM_ESTIMATE))
		out->basis = USAGE_BASIS_TPM_ESTIMATE;
	else
		out->basis = USAGE_BASIS_TOKENS_APPROX;
	return out->mapping;
}

const struct aws_cw_series *
usage_series_known(const struct aws_cw_data *d, const char *id)
{
	size_t	i;

	/* not aws_cw_data_find(): this module links no parser */
	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].id, id) == 0)
			return d->v[i].status == AWS_CW_COMPLETE ? &d->v[i] :
			    NULL;
	return NULL;
}

long long
usage_day_of(long long t)
{
	long long	d = t / DAY_SECONDS * DAY_SECONDS;

	return d > t ? d - DAY_SECONDS : d;
}

static int
dbl_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* One point; sorted by minute. */
struct tp {
	long long	ts;
	double		v;
};

static int
tp_cmp(const void *a, const void *b)
{
	const struct tp	*x = a, *y = b;

	return x->ts < y->ts ? -1 : x->ts > y->ts;
}

/*
 * The points of [start, end) sorted by minute, one per minute (two for
 * one minute added), in a new array; *n points.
 */
static struct tp *
points_sorted(const long long *ts, const double *v, size_t n, long long start,
    long long end, size_t *np)
{
	struct tp	*p;
	size_t		 i, k = 0;

	p = xcalloc(n + 1, sizeof(*p));
	for (i = 0; i < n; i++)
		if (ts[i] >= start && ts[i] < end) {
			p[k].ts = ts[i] - (ts[i] - start) % MINUTE_SECONDS;
			p[k++].v = v[i];
		}
	qsort(p, k, sizeof(*p), tp_cmp);
	*np = 0;
	for (i = 0; i < k; i++) {
		if (*np > 0 && p[*np - 1].ts == p[i].ts)
			p[*np - 1].v += p[i].v;
		else
			p[(*np)++] = p[i];
	}
	return p;
}

/*
 * The 95th percentile (nearest rank) of "minutes" values of which the
 * "nz" in "vals" (sorted ascending) are above 0 and the rest are 0.
 */
static double
p95(const double *vals, size_t nz, int minutes)
{
	size_t	rank, zeros;

	if (minutes <= 0)
		return 0;
	rank = (size_t)ceil(0.95 * minutes);	/* 1-based, ascending */
	zeros = (size_t)minutes - nz;
	return rank <= zeros ? 0 : vals[rank - zeros - 1];
}

/* Fill day row "d" from its points "p" (np, sorted). */
static void
day_fill(struct usage_day *d, const struct tp *p, size_t np, double *scratch)
{
	size_t	i, nz = 0;

	for (i = 0; i < np; i++) {
		d->sum += p[i].v;
		if (p[i].v > d->peak) {
			d->peak = p[i].v;
			d->peak_at = p[i].ts;
		}
		if (p[i].v > 0)
			scratch[nz++] = p[i].v;
	}
	d->active = (int)nz;
	qsort(scratch, nz, sizeof(*scratch), dbl_cmp);
	d->p95 = p95(scratch, nz, d->minutes);
}

int
usage_aggregate(const long long *ts, const double *v, size_t n,
    long long start, long long end, struct usage_day **days, size_t *ndays)
{
	struct usage_day	*out;
	struct tp		*p;
	double			*scratch;
	long long		 day, from, to;
	size_t			 np, i = 0, j, k, nd;

	*days = NULL;
	*ndays = 0;
	if (start < 0 || end <= start || start % MINUTE_SECONDS != 0 ||
	    end % MINUTE_SECONDS != 0 ||
	    end - start > USAGE_MAX_DAYS * DAY_SECONDS) {
		warnx("usage: bad window %lld..%lld", start, end);
		return -1;
	}
	p = points_sorted(ts, v, n, start, end, &np);
	scratch = xcalloc(np + 1, sizeof(*scratch));
	nd = (size_t)((usage_day_of(end - 1) - usage_day_of(start)) /
	    DAY_SECONDS) + 1;
	out = xcalloc(nd, sizeof(*out));
	for (j = 0; j < nd; j++) {
		day = usage_day_of(start) + (long long)j * DAY_SECONDS;
		from = day > start ? day : start;
		to = day + DAY_SECONDS < end ? day + DAY_SECONDS : end;
		out[j].day = day;
		out[j].minutes = (int)((to - from) / MINUTE_SECONDS);
		for (k = i; k < np && p[k].ts < to; k++)
			;
		day_fill(&out[j], p + i, k - i, scratch);
		i = k;
	}
	free(scratch);
	free(p);
	*days = out;
	*ndays = nd;
	return 0;
}

void
usage_add_series(const long long *ats, const double *av, size_t an,
    const long long *bts, const double *bv, size_t bn, long long **ts,
    double **v, size_t *n)
{
	struct tp	*p;
	size_t		 i, k = 0;

	p = xcalloc(an + bn + 1, sizeof(*p));
	for (i = 0; i < an; i++, k++) {
		p[k].ts = ats[i];
		p[k].v = av[i];
	}
	for (i = 0; i < bn; i++, k++) {
		p[k].ts = bts[i];
		p[k].v = bv[i];
	}
	qsort(p, k, sizeof(*p), tp_cmp);
	*ts = xcalloc(k + 1, sizeof(**ts));
	*v = xcalloc(k + 1, sizeof(**v));
	*n = 0;
	for (i = 0; i < k; i++) {
		if (*n > 0 && (*ts)[*n - 1] == p[i].ts)
			(*v)[*n - 1] += p[i].v;
		else {
			(*ts)[*n] = p[i].ts;
			(*v)[(*n)++] = p[i].v;
		}
	}
	free(p);
}

void
usage_day_merge(struct usage_day *into, const struct usage_day *add)
{
	into->sum += add->sum;
	if (add->peak > into->peak || (add->peak == into->peak &&
	    add->peak > 0 && add->peak_at < into->peak_at)) {
		into->peak = add->peak;
		into->peak_at = add->peak_at;
	}
	if (add->p95 > into->p95)
		into->p95 = add->p95;
	/* never more than the day has, were two windows to overlap */
	into->minutes += add->minutes;
	if (into->minutes > USAGE_DAY_MINUTES)
		into->minutes = USAGE_DAY_MINUTES;
	into->active += add->active;
	if (into->active > into->minutes)
		into->active = into->minutes;
}

int
usage_window(long long now, long long last_end, long long *start,
    long long *end)
{
	long long	e, earliest;

	e = now - USAGE_LAG_SECONDS;
	e -= ((e % MINUTE_SECONDS) + MINUTE_SECONDS) % MINUTE_SECONDS;
	earliest = e - USAGE_FIRST_DAYS * DAY_SECONDS;
	*end = e;
	*start = last_end > earliest ? last_end : earliest;
	/* a stored end off the minute grid starts at its next minute */
	if (*start % MINUTE_SECONDS != 0)
		*start += MINUTE_SECONDS - *start % MINUTE_SECONDS;
	return *start < *end;
}

/* The row of "v" for "day", or NULL. */
static const struct usage_day *
day_find(const struct usage_day *v, size_t n, long long day)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i].day == day)
			return &v[i];
	return NULL;
}

enum usage_finding
usage_judge(const struct usage_day *use, size_t nuse,
    const struct usage_day *thr, size_t nthr, double quota,
    struct usage_verdict *out)
{
	const struct usage_day	*t, *u;
	int			 below = 0, at = 0;
	size_t			 i;

	memset(out, 0, sizeof(*out));
	out->quota = quota;
	if (!(quota > 0))
		return USAGE_FINDING_NONE;
	for (i = 0; i < nuse; i++)
		if (use[i].peak > out->peak) {
			out->peak = use[i].peak;
			out->peak_at = use[i].peak_at;
		}
	for (i = 0; i < nthr; i++) {
		t = &thr[i];
		if (t->active <= 0)
			continue;
		/* usage unknown that day: neither below nor at is proven */
		if ((u = day_find(use, nuse, t->day)) == NULL)
			continue;
		if (u->peak * 100 < USAGE_NEAR_PERCENT * quota)
			below += t->active;
		else
			at += t->active;
	}
	out->percent = out->peak * 100 / quota;
	out->suggested = usage_suggest(out->peak);
	if (below > 0) {
		out->finding = USAGE_FINDING_THROTTLED_BELOW;
		out->throttled_minutes = below;
	} else if (at > 0) {
		out->finding = USAGE_FINDING_THROTTLED_AT;
		out->throttled_minutes = at;
	} else if (out->percent >= USAGE_NEAR_PERCENT)
		out->finding = USAGE_FINDING_NEAR_QUOTA;
	return out->finding;
}

const char *
usage_finding_name(enum usage_finding f)
{
	switch (f) {
	case USAGE_FINDING_NEAR_QUOTA:
		return "near_quota";
	case USAGE_FINDING_THROTTLED_BELOW:
		return "throttled_below_quota";
	case USAGE_FINDING_THROTTLED_AT:
		return "throttled_at_quota";
	case USAGE_FINDING_NONE:
		break;
	}
	return "none";
}

double
usage_suggest(double peak)
{
	double	x = peak * USAGE_SUGGEST_FACTOR, m;

	if (!(x > 0))
		return 0;
	m = pow(10, floor(log10(x)) - 1);
	/* 1e-9: 60,000 stays 60,000 despite rounding in x / m */
	return ceil(x / m - 1e-9) * m;
}

const char *
usage_map_metric(const struct usage_map *m)
{
	switch (m->basis) {
	case USAGE_BASIS_TPM_ESTIMATE:
		return metric_names[USAGE_TPM_ESTIMATE];
	case USAGE_BASIS_TOKENS_APPROX:
		return USAGE_TOKENS_APPROX_METRIC;
	case USAGE_BASIS_INVOCATIONS:
		break;
	}
	return metric_names[USAGE_INVOCATIONS];
}

/* Append the day rows of one series to "out"; -1 after one warnx(3). */
static int
rows_add(struct usage_result *out, const char *model_id, const char *metric,
    const long long *ts, const double *v, size_t n, long long start,
    long long end)
{
	struct usage_day	*days;
	size_t			 nd, i;

	if (usage_aggregate(ts, v, n, start, end, &days, &nd) == -1)
		return -1;
	out->rows = xreallocarray(out->rows, out->nrows + nd + 1,
	    sizeof(*out->rows));
	for (i = 0; i < nd; i++) {
		out->rows[out->nrows].model_id = xstrdup(model_id);
		out->rows[out->nrows].metric = xstrdup(metric);
		out->rows[out->nrows++].day = days[i];
	}
	free(days);
	return 0;
}

/* The known series of the query for (model_id, metric) in "q", or NULL. */
static const struct aws_cw_series *
known_for(const struct aws_cw_query *q, size_t nq, const struct aws_cw_data *d,
    const char *model_id, enum usage_metric metric)
{
	size_t	i;

	for (i = 0; i < nq; i++)
		if (strcmp(q[i].model_id, model_id) == 0 &&
		    strcmp(q[i].metric, metric_names[metric]) == 0)
			return usage_series_known(d, q[i].id);
	return NULL;
}

/* The input + output rows of each series whose two are known. */
static int
approx_add(const struct aws_cw_query *q, size_t nq,
    const struct aws_cw_data *d, long long start, long long end,
    struct usage_result *out)
{
	const struct aws_cw_series	*in, *o;
	long long			*ts;
	double				*v;
	size_t				 i, n;
	int				 rc = 0;

	for (i = 0; rc == 0 && i < nq; i++) {
		if (strcmp(q[i].metric, metric_names[USAGE_INPUT_TOKENS]) != 0 ||
		    (in = usage_series_known(d, q[i].id)) == NULL ||
		    (o = known_for(q, nq, d, q[i].model_id,
		    USAGE_OUTPUT_TOKENS)) == NULL)
			continue;
		usage_add_series(in->ts, in->val, in->n, o->ts, o->val, o->n,
		    &ts, &v, &n);
		rc = rows_add(out, q[i].model_id, USAGE_TOKENS_APPROX_METRIC,
		    ts, v, n, start, end);
		free(ts);
		free(v);
	}
	return rc;
}

/* Quotas by code, then by their order in the input (qsort_r-free). */
static int
quota_ref_cmp(const void *a, const void *b)
{
	const struct quota *const *x = a, *const *y = b;
	int			r;

	if ((r = strcmp((*x)->quota_code, (*y)->quota_code)) != 0)
		return r;
	return (*x > *y) - (*x < *y);
}

/*
 * The mapping of every quota, once per code (the code's first quota in
 * the input: a code is listed again for another level or context).
 * Sorted by code, not searched: a region has 400 quotas.
 */
static void
maps_add(const struct model *models, size_t nmodels,
    const struct quota *quotas, size_t nquotas,
    const struct aws_cw_metrics *listed, struct usage_result *out)
{
	const struct quota	**by_code;
	struct usage_qmap	 *m;
	size_t			  i;

	out->maps = xreallocarray(NULL, nquotas + 1, sizeof(*out->maps));
	by_code = xreallocarray(NULL, nquotas + 1, sizeof(*by_code));
	for (i = 0; i < nquotas; i++)
		by_code[i] = &quotas[i];
	qsort(by_code, nquotas, sizeof(*by_code), quota_ref_cmp);
	for (i = 0; i < nquotas; i++) {
		if (i > 0 && strcmp(by_code[i]->quota_code,
		    by_code[i - 1]->quota_code) == 0)
			continue;
		m = &out->maps[out->nmaps++];
		memset(m, 0, sizeof(*m));
		m->quota_code = xstrdup(by_code[i]->quota_code);
		(void)usage_map_quota(by_code[i]->quota_name, models, nmodels,
		    listed, &m->map);
		/* the map's strings are borrowed: keep only owned copies */
		if (m->map.mapping == USAGE_MAPPED) {
			m->model_id = xstrdup(m->map.series);
			m->metric = usage_map_metric(&m->map);
		}
		m->map.base_model = NULL;
		m->map.series = m->model_id;
	}
	free(by_code);
}

int
usage_build(const struct aws_cw_query *q, size_t nq,
    const struct aws_cw_data *d, long long start, long long end,
    const struct model *models, size_t nmodels,
    const struct quota *quotas, size_t nquotas,
    const struct aws_cw_metrics *listed, struct usage_result *out)
{
	const struct aws_cw_series	*s;
	size_t				 i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < nq; i++) {
		if ((s = usage_series_known(d, q[i].id)) == NULL)
			continue;	/* unknown: no row, never a zero */
		if (rows_add(out, q[i].model_id, q[i].metric, s->ts, s->val,
		    s->n, start, end) == -1)
			goto fail;
	}
	if (approx_add(q, nq, d, start, end, out) == -1)
		goto fail;
	if (quotas != NULL)
		maps_add(models, nmodels, quotas, nquotas, listed, out);
	return 0;
fail:
	usage_result_free(out);
	return -1;
}

void
usage_result_free(struct usage_result *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrows; i++) {
		free(r->rows[i].model_id);
		free(r->rows[i].metric);
	}
	for (i = 0; i < r->nmaps; i++) {
		free(r->maps[i].quota_code);
		free(r->maps[i].model_id);
	}
	free(r->rows);
	free(r->maps);
	memset(r, 0, sizeof(*r));
}
