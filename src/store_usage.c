/*
 * store_usage.c: usage evidence in the store.  See store_usage.h.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "change.h"
#include "store.h"
#include "store_int.h"
#include "store_usage.h"
#include "usage.h"
#include "util.h"

static const struct store_sql q_last_end = { SLOT_USAGE_LAST_END,
    "usage last end",
    "SELECT max(window_end) FROM region_run_usage"
    " WHERE account_id = :account_id AND region = :region"
    " AND status = 'ok'" };

static const struct store_sql q_run = { SLOT_USAGE_RUN,
    "insert usage run",
    "INSERT INTO region_run_usage (run_id, account_id, region, status,"
    " operation, http_status, error_code, error_message, window_start,"
    " window_end, metrics) VALUES (:run_id, :account_id, :region, :status,"
    " :operation,"
    " :http_status, :error_code, :error_message, :window_start,"
    " :window_end, :metrics)" };

static const struct store_sql q_series_get = { SLOT_USAGE_SERIES_GET,
    "usage series",
    "SELECT series_id FROM usage_series WHERE account_id = :account_id"
    " AND region = :region AND model_id = :model_id" };

static const struct store_sql q_series_add = { SLOT_USAGE_SERIES_ADD,
    "insert usage series",
    "INSERT INTO usage_series (account_id, region, model_id)"
    " VALUES (:account_id, :region, :model_id)" };

/* The six columns of one metric in a usage_day row (schema 0010). */
#define DAY_COLS(m)	m "_sum, " m "_peak, " m "_peak_at, " m "_p95, " \
			m "_active, " m "_minutes"
#define DAY_PARAMS(m)	":" m "_sum, :" m "_peak, :" m "_peak_at, :" m \
			"_p95, :" m "_active, :" m "_minutes"
#define DAY_HEAD_COLS	3	/* minutes, first_run, last_run */
#define DAY_METRIC_COLS	6	/* DAY_COLS() */

/*
 * A run's day rows are merged into the stored day in C, on the unpacked
 * row (day_merge()): usage_day_merge() is the one merge rule.  Both
 * statements list the metrics in day_param order.
 */
static const struct store_sql q_day_get = { SLOT_USAGE_DAY_GET,
    "usage day",
    "SELECT minutes, first_run, last_run, " DAY_COLS("inv") ", "
    DAY_COLS("thr") ", " DAY_COLS("in") ", " DAY_COLS("out") ", "
    DAY_COLS("tpm") ", " DAY_COLS("io") " FROM usage_day"
    " WHERE series_id = :series_id AND day = :day" };

static const struct store_sql q_day_put = { SLOT_USAGE_DAY_PUT,
    "put usage day",
    "INSERT OR REPLACE INTO usage_day (series_id, day, minutes, first_run,"
    " last_run, " DAY_COLS("inv") ", " DAY_COLS("thr") ", " DAY_COLS("in")
    ", " DAY_COLS("out") ", " DAY_COLS("tpm") ", " DAY_COLS("io") ")"
    " VALUES (:series_id, :day, :minutes, :first_run, :last_run, "
    DAY_PARAMS("inv") ", " DAY_PARAMS("thr") ", " DAY_PARAMS("in") ", "
    DAY_PARAMS("out") ", " DAY_PARAMS("tpm") ", " DAY_PARAMS("io") ")" };

/* The metrics of a usage_day row, in its column order. */
#define DAY_METRICS	(USAGE_METRIC__COUNT + 1)

/*
 * Each metric's parameters in q_day_put, in DAY_COLS() order; the last
 * metric: USAGE_TOKENS_APPROX_METRIC.
 */
#define DAY_PARAM_NAMES(m)	{ ":" m "_sum", ":" m "_peak",		\
				  ":" m "_peak_at", ":" m "_p95",	\
				  ":" m "_active", ":" m "_minutes" }
static const char *const day_param[DAY_METRICS][DAY_METRIC_COLS] = {
	[USAGE_INVOCATIONS] = DAY_PARAM_NAMES("inv"),
	[USAGE_THROTTLES] = DAY_PARAM_NAMES("thr"),
	[USAGE_INPUT_TOKENS] = DAY_PARAM_NAMES("in"),
	[USAGE_OUTPUT_TOKENS] = DAY_PARAM_NAMES("out"),
	[USAGE_TPM_ESTIMATE] = DAY_PARAM_NAMES("tpm"),
	[USAGE_METRIC__COUNT] = DAY_PARAM_NAMES("io"),
};

/* One usage_day row, unpacked: the metrics of one series and day. */
struct day_row {
	long long	 day;		/* epoch seconds of 00:00 UTC */
	int		 found;		/* the row was stored before */
	long long	 first_run, last_run;
	int		 has[DAY_METRICS];	/* the metric has data */
	struct usage_day m[DAY_METRICS];	/* its aggregates, with its
						   own minutes */
};

/* A region's mappings as stored, to write only those that changed. */
static const struct store_sql q_map_read = { SLOT_USAGE_MAP_READ,
    "read usage map",
    "SELECT quota_code, mapping, coalesce(rate, ''),"
    " coalesce(model_id, ''), coalesce(metric, ''), approximate"
    " FROM usage_quota_map WHERE account_id = :account_id"
    " AND region = :region" };

static const struct store_sql q_map_del = { SLOT_USAGE_MAP_DEL,
    "delete usage map",
    "DELETE FROM usage_quota_map WHERE account_id = :account_id"
    " AND region = :region AND quota_code = :quota_code" };

static const struct store_sql q_map = { SLOT_USAGE_MAP,
    "insert usage map",
    "INSERT OR REPLACE INTO usage_quota_map (account_id, region,"
    " quota_code, mapping, rate, model_id, metric, approximate, run_id)"
    " VALUES (:account_id, :region, :quota_code, :mapping, :rate,"
    " :model_id, :metric, :approximate, :run_id)" };

/* quota_usage_days: days since 1970, peak_at in epoch seconds. */
#define QUOTA_DAYS_SELECT						\
    "SELECT account_id, region, quota_code, model_id, applied_value,"	\
    " adjustable, day, peak, peak_at, throttled_minutes,"		\
    " rate = 'tokens_per_minute', approximate, first_run, quota_name,"	\
    " default_value FROM quota_usage_days"				\
    " WHERE account_id = :account AND day BETWEEN :first AND :last"

static const struct store_sql q_quota_days = { SLOT_USAGE_QUOTA_DAYS,
    "quota usage days",
    QUOTA_DAYS_SELECT " ORDER BY region, quota_code, day" };

/* The same for one region: ingest judges each region as it ends. */
static const struct store_sql q_quota_days_region = {
    SLOT_USAGE_QUOTA_DAYS_REGION, "quota usage days of a region",
    QUOTA_DAYS_SELECT " AND region = :region ORDER BY quota_code, day" };

static const struct store_sql q_failures = { SLOT_USAGE_FAILURES,
    "usage failures",
    "SELECT region, operation, error_code FROM region_run_usage"
    " WHERE run_id = :run_id AND account_id = :account"
    " AND status = 'failed' ORDER BY region" };

/* The usage finding each quota of a region has now (usage_finding). */
static const struct store_sql q_open = { SLOT_USAGE_OPEN,
    "usage findings",
    "SELECT quota_code, finding FROM usage_finding"
    " WHERE account_id = :account_id AND region = :region"
    " ORDER BY quota_code" };

static const struct store_sql q_finding_set = { SLOT_USAGE_FINDING_SET,
    "set usage finding",
    "INSERT INTO usage_finding (account_id, region, quota_code, finding,"
    " run_id) VALUES (:account_id, :region, :quota_code, :finding,"
    " :run_id) ON CONFLICT (account_id, region, quota_code) DO UPDATE SET"
    " finding = excluded.finding, run_id = excluded.run_id" };

static const struct store_sql q_finding_clear = { SLOT_USAGE_FINDING_CLEAR,
    "clear usage finding",
    "DELETE FROM usage_finding WHERE account_id = :account_id"
    " AND region = :region AND quota_code = :quota_code" };

static const struct store_sql q_ev_insert = { SLOT_USAGE_EV_INSERT,
    "insert change usage",
    "INSERT INTO change_usage (change_id, model_id, peak, peak_at, quota,"
    " percent, throttled_minutes, suggested, tokens, approximate) VALUES"
    " (:change_id, :model_id, :peak, :peak_at, :quota, :percent,"
    " :throttled_minutes, :suggested, :tokens, :approximate)" };

static const struct store_sql q_ev_get = { SLOT_USAGE_EV_GET,
    "get change usage",
    "SELECT model_id, peak, peak_at, quota, percent, throttled_minutes,"
    " suggested, tokens, approximate FROM change_usage"
    " WHERE change_id = :change_id" };

static const char *const usage_status_names[] = {
	[STORE_USAGE_OK] = "ok",
	[STORE_USAGE_NOTHING_NEW] = "nothing_new",
	[STORE_USAGE_SKIPPED] = "skipped",
	[STORE_USAGE_FAILED] = "failed",
};

static const char *const mapping_names[] = {
	[USAGE_MAPPED] = "mapped",
	[USAGE_UNMAPPED_NAME] = "unmapped_name",
	[USAGE_UNMAPPED_MODEL] = "unmapped_model",
	[USAGE_UNMAPPED_AMBIGUOUS] = "ambiguous",
	[USAGE_QUIET] = "quiet",
};

const char *
store_usage_status_name(enum store_usage_status s)
{
	return usage_status_names[s];
}

int
store_usage_last_end(struct store *st, const char *account,
    const char *region, long long *end)
{
	struct store_stmt	*q;
	int			 r;

	*end = 0;
	if ((q = store_stmt(st, &q_last_end)) == NULL)
		return -1;
	store_bind_text(q, ":region", region);
	store_bind_text(q, ":account_id", account);
	if ((r = store_step(q)) == -1)
		return -1;
	if (r == 1 && !store_col_isnull(q, 0))
		*end = store_col_int(q, 0);
	store_reset(q);
	return 0;
}

static int
run_insert(struct store *st, long long run_id, const char *account,
    const char *region, const struct store_usage_run *u)
{
	struct store_stmt	*q;
	int			 failed = u->status == STORE_USAGE_FAILED;
	int			 ok = u->status == STORE_USAGE_OK;

	if ((q = store_stmt(st, &q_run)) == NULL)
		return -1;
	store_bind_int(q, ":run_id", run_id);
	store_bind_text(q, ":account_id", account);
	store_bind_text(q, ":region", region);
	store_bind_text(q, ":status", store_usage_status_name(u->status));
	store_bind_text(q, ":operation", failed ? u->operation : NULL);
	if (failed && u->http_status >= 100 && u->http_status <= 599)
		store_bind_int(q, ":http_status", u->http_status);
	else
		store_bind_null(q, ":http_status");
	store_bind_text(q, ":error_code", failed ? u->error_code : NULL);
	store_bind_text(q, ":error_message", failed ?
	    str_or_empty(u->error_message) : NULL);
	if (ok) {
		store_bind_int(q, ":window_start", u->start);
		store_bind_int(q, ":window_end", u->end);
	} else {
		store_bind_null(q, ":window_start");
		store_bind_null(q, ":window_end");
	}
	store_bind_int(q, ":metrics", u->metrics);
	return store_exec(q);
}

/*
 * The series_id of (account, region, model_id) in *id, numbered now if
 * new.  0, or -1 after warnx(3).
 */
static int
series_id(struct store *st, const char *account, const char *region,
    const char *model_id, long long *id)
{
	struct store_stmt	*q;
	int			 r;

	if ((q = store_stmt(st, &q_series_get)) == NULL)
		return -1;
	store_bind_text(q, ":account_id", account);
	store_bind_text(q, ":region", region);
	store_bind_text(q, ":model_id", model_id);
	if ((r = store_step(q)) == -1)
		return -1;
	if (r == 1) {
		*id = store_col_int(q, 0);
		store_reset(q);
		return 0;
	}
	if ((q = store_stmt(st, &q_series_add)) == NULL)
		return -1;
	store_bind_text(q, ":account_id", account);
	store_bind_text(q, ":region", region);
	store_bind_text(q, ":model_id", model_id);
	if (store_exec(q) == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/* The column of metric "k"'s field "f" (0 sum .. 5 minutes) in q_day_get. */
static int
day_col(int k, int f)
{
	return DAY_HEAD_COLS + k * DAY_METRIC_COLS + f;
}

/* Metric "k" of the current row of q_day_get into "d"; 0 if it has none. */
static int
day_metric_read(struct store_stmt *q, int k, struct day_row *d)
{
	struct usage_day	*m = &d->m[k];

	if (store_col_isnull(q, day_col(k, 0)))
		return 0;
	m->day = d->day;
	m->sum = store_col_real(q, day_col(k, 0));
	m->peak = store_col_real(q, day_col(k, 1));
	if (!store_col_isnull(q, day_col(k, 2)))
		m->peak_at = d->day + 60 * store_col_int(q, day_col(k, 2));
	m->p95 = store_col_real(q, day_col(k, 3));
	m->active = (int)store_col_int(q, day_col(k, 4));
	/* NULL: the row's minutes (day_metric_bind()) */
	if (store_col_isnull(q, day_col(k, 5)))
		m->minutes = (int)store_col_int(q, 0);
	else
		m->minutes = (int)store_col_int(q, day_col(k, 5));
	return 1;
}

/* The stored row of (series, d->day) into "d", zeroed when none. */
static int
day_read(struct store *st, long long series, struct day_row *d)
{
	struct store_stmt	*q;
	long long		 day = d->day;
	int			 k, r;

	memset(d, 0, sizeof(*d));
	d->day = day;
	if ((q = store_stmt(st, &q_day_get)) == NULL)
		return -1;
	store_bind_int(q, ":series_id", series);
	store_bind_int(q, ":day", day / USAGE_DAY_SECONDS);
	if ((r = store_step(q)) != 1)
		return r;
	d->found = 1;
	d->first_run = store_col_int(q, 1);
	d->last_run = store_col_int(q, 2);
	for (k = 0; k < DAY_METRICS; k++)
		d->has[k] = day_metric_read(q, k, d);
	r = store_row_ok(q);
	store_reset(q);
	return r;
}

/* Bind metric "k" of "d"; "minutes" are the row's. */
static void
day_metric_bind(struct store_stmt *q, int k, const struct day_row *d,
    int minutes)
{
	const struct usage_day	*m = &d->m[k];
	const char *const	*p = day_param[k];
	int			 f;

	if (!d->has[k]) {
		for (f = 0; f < DAY_METRIC_COLS; f++)
			store_bind_null(q, p[f]);
		return;
	}
	store_bind_real(q, p[0], m->sum);
	store_bind_real(q, p[1], m->peak);
	if (m->peak > 0)
		store_bind_int(q, p[2], (m->peak_at - d->day) / 60);
	else
		store_bind_null(q, p[2]);
	store_bind_real(q, p[3], m->p95);
	store_bind_int(q, p[4], m->active);
	/* the common case, every metric read the same minutes: NULL */
	if (m->minutes < minutes)
		store_bind_int(q, p[5], m->minutes);
	else
		store_bind_null(q, p[5]);
}

/* Write "d" as the row of (series, d->day). */
static int
day_write(struct store *st, long long series, const struct day_row *d)
{
	struct store_stmt	*q;
	int			 k, minutes = 0;

	for (k = 0; k < DAY_METRICS; k++)
		if (d->has[k] && d->m[k].minutes > minutes)
			minutes = d->m[k].minutes;
	if ((q = store_stmt(st, &q_day_put)) == NULL)
		return -1;
	store_bind_int(q, ":series_id", series);
	store_bind_int(q, ":day", d->day / USAGE_DAY_SECONDS);
	store_bind_int(q, ":minutes", minutes);
	store_bind_int(q, ":first_run", d->first_run);
	store_bind_int(q, ":last_run", d->last_run);
	for (k = 0; k < DAY_METRICS; k++)
		day_metric_bind(q, k, d, minutes);
	return store_exec(q);
}

/* The usage_day metric index of "name", or -1 after warnx(3). */
static int
day_metric(const char *name)
{
	enum usage_metric	m;
	char			safe[64];

	if (strcmp(name, USAGE_TOKENS_APPROX_METRIC) == 0)
		return USAGE_METRIC__COUNT;
	if (usage_metric_from_name(name, &m) == 0)
		return (int)m;
	warnx("usage day: unknown metric %s", log_safe(name, safe,
	    sizeof(safe)));
	return -1;
}

/* Rows by model, then day: the rows of one stored usage_day row meet. */
static int
row_ref_cmp(const void *a, const void *b)
{
	const struct usage_row *const *x = a, *const *y = b;
	int			r;

	if ((r = strcmp((*x)->model_id, (*y)->model_id)) != 0)
		return r;
	return ((*x)->day.day > (*y)->day.day) -
	    ((*x)->day.day < (*y)->day.day);
}

/*
 * Merge rows r[0..n) (one series and day, each a metric read by run
 * "run_id") into their stored day of "series", read and written once
 * (usage_day_merge(): a later run reads later minutes).
 */
static int
day_merge(struct store *st, long long run_id, long long series,
    const struct usage_row *const *r, size_t n)
{
	struct day_row	d;
	size_t		i;
	int		k;

	d.day = r[0]->day.day;
	if (day_read(st, series, &d) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if ((k = day_metric(r[i]->metric)) == -1)
			return -1;
		if (d.has[k])
			usage_day_merge(&d.m[k], &r[i]->day);
		else
			d.m[k] = r[i]->day;
		d.has[k] = 1;
	}
	if (!d.found)
		d.first_run = run_id;
	d.last_run = run_id;
	return day_write(st, series, &d);
}

/* Merge the day rows of "res": one stored row per series and day. */
static int
days_merge(struct store *st, long long run_id, const char *account,
    const char *region, const struct usage_result *res)
{
	const struct usage_row	**v;
	long long		  series = 0;
	size_t			  i, j;
	int			  rc = 0;

	v = xreallocarray(NULL, res->nrows + 1, sizeof(*v));
	for (i = 0; i < res->nrows; i++)
		v[i] = &res->rows[i];
	qsort(v, res->nrows, sizeof(*v), row_ref_cmp);
	for (i = 0; rc == 0 && i < res->nrows; i = j) {
		for (j = i + 1; j < res->nrows && row_ref_cmp(&v[i], &v[j]) ==
		    0; j++)
			;
		if (i == 0 || strcmp(v[i]->model_id, v[i - 1]->model_id) != 0)
			rc = series_id(st, account, region, v[i]->model_id,
			    &series);
		if (rc == 0)
			rc = day_merge(st, run_id, series, &v[i], j - i);
	}
	free(v);
	return rc;
}

/* A mapping as its row's columns ("" for NULL), to compare rows. */
struct map_cols {
	const char	*quota_code, *mapping, *rate, *model_id, *metric;
	int		 approximate;
};

static void
map_cols_of(const struct usage_qmap *m, struct map_cols *c)
{
	int	mapped = m->map.mapping == USAGE_MAPPED;

	c->quota_code = m->quota_code;
	c->mapping = mapping_names[m->map.mapping];
	c->rate = m->map.mapping == USAGE_UNMAPPED_NAME ? "" :
	    m->map.rate == USAGE_RATE_TOKENS ? "tokens_per_minute" :
	    "requests_per_minute";
	c->model_id = mapped ? m->model_id : "";
	c->metric = mapped ? m->metric : "";
	c->approximate = mapped && m->map.basis == USAGE_BASIS_TOKENS_APPROX;
}

static int
map_insert(struct store *st, long long run_id, const char *account,
    const char *region, const struct map_cols *c)
{
	struct store_stmt	*q;

	if ((q = store_stmt(st, &q_map)) == NULL)
		return -1;
	store_bind_text(q, ":account_id", account);
	store_bind_text(q, ":region", region);
	store_bind_text(q, ":quota_code", c->quota_code);
	store_bind_text(q, ":mapping", c->mapping);
	store_bind_text(q, ":rate", *c->rate != '\0' ? c->rate : NULL);
	store_bind_text(q, ":model_id", *c->model_id != '\0' ? c->model_id :
	    NULL);
	store_bind_text(q, ":metric", *c->metric != '\0' ? c->metric : NULL);
	store_bind_int(q, ":approximate", c->approximate);
	store_bind_int(q, ":run_id", run_id);
	return store_exec(q);
}

/* One stored mapping row, read back (owned strings). */
struct map_row {
	char	*quota_code, *mapping, *rate, *model_id, *metric;
	int	 approximate;
	int	 kept;		/* still a quota of the region */
};

static void
map_rows_free(struct map_row *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].quota_code);
		free(v[i].mapping);
		free(v[i].rate);
		free(v[i].model_id);
		free(v[i].metric);
	}
	free(v);
}

static int
map_row_cmp(const void *a, const void *b)
{
	return strcmp(((const struct map_row *)a)->quota_code,
	    ((const struct map_row *)b)->quota_code);
}

/* The region's stored mappings, sorted by quota code. */
static int
map_rows_read(struct store *st, const char *account, const char *region,
    struct map_row **out, size_t *n)
{
	struct store_stmt	*q;
	struct map_row		*v = NULL;
	int			 r;

	*n = 0;
	if ((q = store_stmt(st, &q_map_read)) == NULL)
		return -1;
	store_bind_text(q, ":account_id", account);
	store_bind_text(q, ":region", region);
	while ((r = store_step(q)) == 1) {
		v = xreallocarray(v, *n + 1, sizeof(*v));
		v[*n].quota_code = store_col_text(q, 0);
		v[*n].mapping = store_col_text(q, 1);
		v[*n].rate = store_col_text(q, 2);
		v[*n].model_id = store_col_text(q, 3);
		v[*n].metric = store_col_text(q, 4);
		v[*n].approximate = (int)store_col_int(q, 5);
		v[(*n)++].kept = 0;
		if ((r = store_row_ok(q)) == -1)
			break;
	}
	if (r == -1) {
		map_rows_free(v, *n);
		return -1;
	}
	if (*n > 1)
		qsort(v, *n, sizeof(*v), map_row_cmp);
	*out = v;
	return 0;
}

static int
map_same(const struct map_row *r, const struct map_cols *c)
{
	return strcmp(r->mapping, c->mapping) == 0 &&
	    strcmp(r->rate, c->rate) == 0 &&
	    strcmp(r->model_id, c->model_id) == 0 &&
	    strcmp(r->metric, c->metric) == 0 &&
	    r->approximate == c->approximate;
}

/*
 * The region's quota mappings made those of "res", writing only what
 * changed: a daily run maps the same few hundred quotas the same way,
 * and rewriting them all was most of the cost of reading usage.
 */
static int
maps_replace(struct store *st, long long run_id, const char *account,
    const char *region, const struct usage_result *res)
{
	struct store_stmt	*q;
	struct map_row		*old = NULL, key, *r;
	struct map_cols		 c;
	size_t			 nold = 0, i;
	int			 rc = -1;

	if (map_rows_read(st, account, region, &old, &nold) == -1)
		return -1;
	memset(&key, 0, sizeof(key));
	for (i = 0; i < res->nmaps; i++) {
		map_cols_of(&res->maps[i], &c);
		key.quota_code = res->maps[i].quota_code;
		r = nold > 0 ? bsearch(&key, old, nold, sizeof(*old),
		    map_row_cmp) : NULL;
		if (r != NULL)
			r->kept = 1;
		if ((r == NULL || !map_same(r, &c)) &&
		    map_insert(st, run_id, account, region, &c) == -1)
			goto out;
	}
	for (i = 0; i < nold; i++) {
		if (old[i].kept)
			continue;
		if ((q = store_stmt(st, &q_map_del)) == NULL)
			goto out;
		store_bind_text(q, ":account_id", account);
		store_bind_text(q, ":region", region);
		store_bind_text(q, ":quota_code", old[i].quota_code);
		if (store_exec(q) == -1)
			goto out;
	}
	rc = 0;
out:
	map_rows_free(old, nold);
	return rc;
}

int
store_usage_record(struct store *st, long long run_id, const char *account,
    const char *region, const struct store_usage_run *u,
    const struct usage_result *res)
{
	if (store_begin(st, 1) == -1)
		return -1;
	if (run_insert(st, run_id, account, region, u) == -1)
		goto fail;
	if (u->status == STORE_USAGE_OK && res != NULL) {
		if (days_merge(st, run_id, account, region, res) == -1)
			goto fail;
		if (res->nmaps > 0 && maps_replace(st, run_id, account,
		    region, res) == -1)
			goto fail;
	}
	if (store_commit(st) == -1)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

/* Epoch seconds of the ISO-8601 time in column "col"; 0 if NULL. */
static int
col_time(struct store_stmt *q, int col, long long *out)
{
	char	*s;
	time_t	 t;
	int	 rc = 0;

	*out = 0;
	if (store_col_isnull(q, col))
		return 0;
	s = store_col_text(q, col);
	if (util_parse_iso8601(s, &t) == -1) {
		warnx("change_usage: bad time (peak)");
		rc = -1;
	} else
		*out = (long long)t;
	free(s);
	return rc;
}

/* Read the current row of "q" into "d"; -1 after warnx(3). */
static int
quota_day_read(struct store_stmt *q, struct store_quota_day *d)
{
	d->account_id = store_col_text(q, 0);
	d->region = store_col_text(q, 1);
	d->quota_code = store_col_text(q, 2);
	d->model_id = store_col_text(q, 3);
	d->has_applied = !store_col_isnull(q, 4);
	d->applied = d->has_applied ? store_col_real(q, 4) : 0;
	d->adjustable = store_col_isnull(q, 5) ? -1 :
	    store_col_int(q, 5) != 0;
	d->peak = store_col_real(q, 7);
	d->throttled_minutes = (int)store_col_int(q, 9);
	d->tokens = store_col_int(q, 10) != 0;
	d->approximate = store_col_int(q, 11) != 0;
	d->first_run = store_col_int(q, 12);
	d->quota_name = store_col_isnull(q, 13) ? xstrdup("") :
	    store_col_text(q, 13);
	d->has_default = !store_col_isnull(q, 14);
	d->default_value = d->has_default ? store_col_real(q, 14) : 0;
	d->day = store_col_int(q, 6) * USAGE_DAY_SECONDS;
	d->peak_at = store_col_isnull(q, 8) ? 0 : store_col_int(q, 8);
	return store_row_ok(q);
}

int
store_usage_quota_days(struct store *st, const char *region,
    long long first_day, long long last_day, struct store_quota_day **out,
    size_t *n)
{
	struct store_stmt	*q;
	int			 r;

	*out = NULL;
	*n = 0;
	if ((q = store_stmt(st, region != NULL ? &q_quota_days_region :
	    &q_quota_days)) == NULL)
		return -1;
	if (region != NULL)
		store_bind_text(q, ":region", region);
	store_bind_int(q, ":first", usage_day_of(first_day) /
	    USAGE_DAY_SECONDS);
	store_bind_int(q, ":last", usage_day_of(last_day) / USAGE_DAY_SECONDS);
	while ((r = store_step(q)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		memset(&(*out)[*n], 0, sizeof(**out));
		if (quota_day_read(q, &(*out)[(*n)++]) == -1) {
			store_reset(q);
			r = -1;
			break;
		}
	}
	if (r == -1) {
		store_quota_days_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void
store_quota_days_free(struct store_quota_day *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].account_id);
		free(v[i].region);
		free(v[i].quota_code);
		free(v[i].model_id);
		free(v[i].quota_name);
	}
	free(v);
}

int
store_usage_failures(struct store *st, long long run_id,
    struct store_usage_failure **out, size_t *n)
{
	struct store_stmt		*q;
	struct store_usage_failure	*f;
	int				 r;

	*out = NULL;
	*n = 0;
	if ((q = store_stmt(st, &q_failures)) == NULL)
		return -1;
	store_bind_int(q, ":run_id", run_id);
	while ((r = store_step(q)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		f = &(*out)[(*n)++];
		f->region = store_col_text(q, 0);
		f->operation = store_col_text(q, 1);
		f->error_code = store_col_text(q, 2);
		if (store_row_ok(q) == -1) {
			store_reset(q);
			r = -1;
			break;
		}
	}
	if (r == -1) {
		store_usage_failures_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void
store_usage_failures_free(struct store_usage_failure *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].region);
		free(v[i].operation);
		free(v[i].error_code);
	}
	free(v);
}

/* The change kind whose value "name" is; -1 if none. */
static int
finding_kind(const char *name, enum change_kind *k)
{
	for (*k = 0; *k < CHANGE__COUNT; (*k)++)
		if (change_usage_value(*k) != NULL &&
		    strcmp(change_usage_value(*k), name) == 0)
			return 0;
	return -1;
}

int
store_usage_open_findings(struct store *st, const char *account,
    const char *region, struct store_usage_open **out, size_t *n)
{
	struct store_stmt	*q;
	struct store_usage_open	*o;
	char			*kind;
	int			 r;

	*out = NULL;
	*n = 0;
	if ((q = store_stmt(st, &q_open)) == NULL)
		return -1;
	store_bind_text(q, ":account_id", account);
	store_bind_text(q, ":region", region);
	while ((r = store_step(q)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		o = &(*out)[(*n)++];
		o->quota_code = store_col_text(q, 0);
		kind = store_col_text(q, 1);
		if (finding_kind(kind, &o->kind) == -1 ||
		    store_row_ok(q) == -1) {
			warnx("%s: open usage findings: bad row", st->path);
			free(kind);
			store_reset(q);
			r = -1;
			break;
		}
		free(kind);
	}
	if (r == -1) {
		store_usage_open_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void
store_usage_open_free(struct store_usage_open *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i].quota_code);
	free(v);
}

/* The evidence row of change "c", stored as change "change_id". */
static int
ev_insert(struct store *st, long long change_id, const struct change *c)
{
	struct store_stmt	*q;
	char			 at[UTIL_ISO8601_LEN];

	if ((q = store_stmt(st, &q_ev_insert)) == NULL)
		return -1;
	store_bind_int(q, ":change_id", change_id);
	store_bind_text(q, ":model_id", str_or_empty(c->usage_model));
	store_bind_real(q, ":peak", c->usage.peak);
	if (c->usage.peak_at > 0) {
		util_iso8601((time_t)c->usage.peak_at, at);
		store_bind_text(q, ":peak_at", at);
	} else
		store_bind_null(q, ":peak_at");
	store_bind_real(q, ":quota", c->usage.quota);
	store_bind_real(q, ":percent", c->usage.percent);
	store_bind_int(q, ":throttled_minutes", c->usage.throttled_minutes);
	store_bind_real(q, ":suggested", c->usage.suggested);
	store_bind_int(q, ":tokens", c->usage.tokens != 0);
	store_bind_int(q, ":approximate", c->usage.approximate != 0);
	return store_exec(q);
}

/* Record what "c", a usage finding change, leaves for the quota. */
static int
finding_save(struct store *st, long long run_id, const char *account,
    const struct change *c)
{
	struct store_stmt	*q;
	int			 started = strcmp(c->new_value,
	    change_usage_value(c->kind)) == 0;

	if ((q = store_stmt(st, started ? &q_finding_set :
	    &q_finding_clear)) == NULL)
		return -1;
	store_bind_text(q, ":account_id", account);
	store_bind_text(q, ":region", c->region);
	store_bind_text(q, ":quota_code", c->subject);
	if (started) {
		store_bind_text(q, ":finding", c->new_value);
		store_bind_int(q, ":run_id", run_id);
	}
	return store_exec(q);
}

int
store_usage_changes(struct store *st, long long run_id, const char *account,
    const struct change_list *changes, int baseline)
{
	size_t	i;

	if (changes->len == 0)
		return 0;
	if (store_begin(st, 1) == -1)
		return -1;
	/* an end comes before the start that replaces it (diff_usage()) */
	for (i = 0; i < changes->len; i++)
		if (finding_save(st, run_id, account, changes->items[i]) == -1)
			goto fail;
	for (i = 0; !baseline && i < changes->len; i++)
		if (store_change_insert(st, run_id, changes->items[i]) == -1 ||
		    ev_insert(st, sqlite3_last_insert_rowid(st->db),
		    changes->items[i]) == -1)
			goto fail;
	if (store_commit(st) == -1)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int
store_change_usage_read(struct store *st, struct change *c)
{
	struct store_stmt	*q;
	int			 r;

	if ((q = store_stmt(st, &q_ev_get)) == NULL)
		return -1;
	store_bind_int(q, ":change_id", c->change_id);
	if ((r = store_step(q)) != 1)
		return r;		/* none: the evidence stays unset */
	free(c->usage_model);
	c->usage_model = store_col_text(q, 0);
	c->usage.set = 1;
	c->usage.peak = store_col_real(q, 1);
	if (col_time(q, 2, &c->usage.peak_at) == -1) {
		store_reset(q);
		return -1;
	}
	c->usage.quota = store_col_real(q, 3);
	c->usage.percent = store_col_real(q, 4);
	c->usage.throttled_minutes = (int)store_col_int(q, 5);
	c->usage.suggested = store_col_real(q, 6);
	c->usage.tokens = store_col_int(q, 7) != 0;
	c->usage.approximate = store_col_int(q, 8) != 0;
	r = store_row_ok(q);
	store_reset(q);
	return r;
}

enum usage_finding
store_quota_days_judge(const struct store_quota_day *d, size_t n,
    struct usage_verdict *uv)
{
	struct usage_day	*use, *thr;
	enum usage_finding	 f;
	size_t			 i;

	memset(uv, 0, sizeof(*uv));
	if (n == 0)
		return USAGE_FINDING_NONE;
	use = xcalloc(n, sizeof(*use));
	thr = xcalloc(n, sizeof(*thr));
	for (i = 0; i < n; i++) {
		use[i].day = thr[i].day = d[i].day;
		use[i].peak = d[i].peak;
		use[i].peak_at = d[i].peak_at;
		thr[i].active = d[i].throttled_minutes;
	}
	f = usage_judge(use, n, thr, n, d->applied, uv);
	free(use);
	free(thr);
	return f;
}

size_t
store_quota_days_group(const struct store_quota_day *d, size_t n, size_t i)
{
	size_t	j;

	for (j = i + 1; j < n && strcmp(d[j].region, d[i].region) == 0 &&
	    strcmp(d[j].quota_code, d[i].quota_code) == 0; j++)
		;
	return j;
}
