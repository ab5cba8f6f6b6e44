/*
 * usage.h: usage evidence from the AWS/Bedrock CloudWatch metrics (pure).
 *
 * Owns three decisions, and nothing else:
 *   - which series measures a quota (usage_map_quota(): one table of
 *     quota-name prefixes; a quota that cannot be mapped with certainty
 *     is unmapped, never guessed);
 *   - how per-minute points become per-UTC-day aggregates
 *     (usage_aggregate(), usage_day_merge());
 *   - which minutes a run reads (usage_window()), and what the stored
 *     days say about a quota (usage_judge()).
 * The path and severity of what usage_judge() finds are the playbook's.
 * No I/O, no clock: "now" is a parameter.
 */
#ifndef BEDROCK_AUDIT_USAGE_H
#define BEDROCK_AUDIT_USAGE_H

#include <stddef.h>

struct aws_cw_data;
struct aws_cw_metrics;
struct aws_cw_query;
struct quota;
struct model;

#define USAGE_LAG_SECONDS	(5 * 60)	/* CloudWatch publishes late:
						   the newest minutes are
						   left for the next run */
#define USAGE_FIRST_DAYS	14	/* first run; 60 s points are kept
					   15 days */
#define USAGE_JUDGE_DAYS	14	/* findings look at this many days */
#define USAGE_NEAR_PERCENT	80.0	/* at or above: near the quota */
#define USAGE_SUGGEST_FACTOR	1.5	/* suggested value = peak x this,
					   rounded up to 2 significant
					   digits */
#define USAGE_MAX_DAYS		(USAGE_FIRST_DAYS + 2)	/* days a window
							   can touch */
#define USAGE_DAY_SECONDS	86400LL	/* a UTC day (no leap seconds) */
#define USAGE_DAY_MINUTES	1440	/* the minutes of a UTC day */

/* The metrics read, in the order of their bits. */
enum usage_metric {
	USAGE_INVOCATIONS,		/* Invocations */
	USAGE_THROTTLES,		/* InvocationThrottles */
	USAGE_INPUT_TOKENS,		/* InputTokenCount */
	USAGE_OUTPUT_TOKENS,		/* OutputTokenCount */
	USAGE_TPM_ESTIMATE,		/* EstimatedTPMQuotaUsage */
	USAGE_METRIC__COUNT
};

/* CloudWatch MetricName of "m" (static). */
const char	*usage_metric_name(enum usage_metric m);

/* The metric named "name" into *out: 0, or -1 (silent) if not ours. */
int		 usage_metric_from_name(const char *name,
		    enum usage_metric *out);

enum usage_rate {
	USAGE_RATE_TOKENS,		/* tokens per minute */
	USAGE_RATE_REQUESTS,		/* requests per minute */
};

enum usage_scope {
	USAGE_SCOPE_ON_DEMAND,		/* the base model ID's series */
	USAGE_SCOPE_CROSS_REGION,	/* a geographic profile: us., eu., ... */
	USAGE_SCOPE_GLOBAL,		/* the global. profile */
};

/* What a mapped quota's usage is measured with. */
enum usage_basis {
	USAGE_BASIS_TPM_ESTIMATE,	/* EstimatedTPMQuotaUsage */
	USAGE_BASIS_TOKENS_APPROX,	/* InputTokenCount + OutputTokenCount:
					   an approximation (no burndown
					   multiplier, no cache writes) */
	USAGE_BASIS_INVOCATIONS,	/* Invocations */
};

/* Why a quota has no usage, or USAGE_MAPPED. */
enum usage_mapping {
	USAGE_MAPPED,
	USAGE_UNMAPPED_NAME,		/* not a per-minute model quota */
	USAGE_UNMAPPED_MODEL,		/* no single model has that name */
	USAGE_UNMAPPED_AMBIGUOUS,	/* several profiles could carry it */
	USAGE_QUIET,			/* mapped, but no series has data */
};

/* How quota usage is read; strings borrowed from the arguments. */
struct usage_map {
	enum usage_mapping mapping;
	enum usage_rate	 rate;		/* valid unless UNMAPPED_NAME */
	enum usage_scope scope;		/* valid unless UNMAPPED_NAME */
	enum usage_basis basis;		/* valid when MAPPED */
	const char	*base_model;	/* the model's ID; NULL unless MAPPED
					   or QUIET */
	const char	*series;	/* the ModelId of the series; NULL
					   unless MAPPED */
};

/*
 * Map quota "quota_name" to the series that measures it, among the
 * region's "models" (nmodels) and the series ListMetrics found
 * ("listed").  Returns out->mapping.
 */
enum usage_mapping usage_map_quota(const char *quota_name,
		    const struct model *models, size_t nmodels,
		    const struct aws_cw_metrics *listed, struct usage_map *out);

/* One UTC day of one series. */
struct usage_day {
	long long	 day;		/* epoch seconds of 00:00 UTC */
	double		 sum;		/* of the minutes read */
	double		 peak;		/* largest per-minute value */
	long long	 peak_at;	/* its minute (the first such), epoch
					   seconds; 0 when peak is 0 */
	double		 p95;		/* 95th percentile per minute (nearest
					   rank, minutes without a point are
					   0); after a merge, the larger of
					   the parts': an upper bound */
	int		 minutes;	/* minutes of the day read */
	int		 active;	/* of those, minutes above 0 (for
					   InvocationThrottles: minutes with
					   throttles) */
};

/*
 * Fold the "n" points ("ts" epoch seconds of a minute, "v" the minute's
 * Sum) that fall in [start, end) into one row per UTC day the window
 * touches, in *days (caller frees; *ndays rows, oldest first).  A day
 * without points still gets a row: its minutes were read and were 0.
 * Points need not be sorted; two for one minute are added.  0, or -1
 * after one warnx(3) for a window that is empty, not on minute
 * boundaries or longer than USAGE_MAX_DAYS.
 */
int	usage_aggregate(const long long *ts, const double *v, size_t n,
	    long long start, long long end, struct usage_day **days,
	    size_t *ndays);

/*
 * Add the points of two series minute by minute (input and output
 * tokens) into new arrays *ts and *v (caller frees), *n points.
 */
void	usage_add_series(const long long *ats, const double *av, size_t an,
	    const long long *bts, const double *bv, size_t bn, long long **ts,
	    double **v, size_t *n);

/*
 * Merge "add", a later read of the same day, into "into": sums and
 * counts add up (at most a day's minutes), the larger peak wins (the
 * earlier minute on a tie), p95 the larger (an upper bound).
 */
void	usage_day_merge(struct usage_day *into, const struct usage_day *add);

/*
 * The minutes to read at "now": from "last_end" (where the last
 * successful usage collection ended; 0 for none) to USAGE_LAG_SECONDS
 * before now, on minute boundaries, never more than USAGE_FIRST_DAYS
 * back.  1 and [*start, *end), or 0 when there is nothing new to read.
 */
int	usage_window(long long now, long long last_end, long long *start,
	    long long *end);

/* What the stored days say about one quota. */
enum usage_finding {
	USAGE_FINDING_NONE,
	USAGE_FINDING_NEAR_QUOTA,	/* peak >= USAGE_NEAR_PERCENT of it */
	USAGE_FINDING_THROTTLED_BELOW,	/* throttled on days whose peak
					   stayed below USAGE_NEAR_PERCENT */
	USAGE_FINDING_THROTTLED_AT,	/* throttled on days at the quota */
};

struct usage_verdict {
	enum usage_finding finding;
	double		 peak;		/* over the days judged */
	long long	 peak_at;	/* its minute */
	double		 quota;
	double		 percent;	/* peak / quota x 100 */
	int		 throttled_minutes; /* of the finding: below, or at */
	double		 suggested;	/* usage_suggest(peak) */
};

/*
 * Judge a quota of "quota" (> 0) from its usage days "use" (nuse) and
 * the throttle days "thr" (nthr) of the same series, matched by day.  A
 * day of throttles whose usage peak stayed below USAGE_NEAR_PERCENT
 * proves throttling below the quota (every minute of it was below); one
 * at or above it is throttling at the quota.  Throttling below wins,
 * then throttling at, then near.  Returns out->finding.
 */
enum usage_finding usage_judge(const struct usage_day *use, size_t nuse,
	    const struct usage_day *thr, size_t nthr, double quota,
	    struct usage_verdict *out);

/*
 * The JSON name of "f": "near_quota", "throttled_below_quota",
 * "throttled_at_quota"; "none" (static).
 */
const char	*usage_finding_name(enum usage_finding f);

/* USAGE_SUGGEST_FACTOR x "peak", rounded up to 2 significant digits. */
double	usage_suggest(double peak);

/*
 * The points of query "id" after the last page of a GetMetricData call:
 * the series, or NULL when its usage is unknown: no result for the id
 * (never a zero), or a status other than Complete (PartialData on the
 * last page, InternalError, Forbidden, an unknown status).
 */
struct aws_cw_data;
const struct aws_cw_series *usage_series_known(const struct aws_cw_data *d,
	    const char *id);

/* The usage_daily metric of InputTokenCount + OutputTokenCount per minute. */
#define USAGE_TOKENS_APPROX_METRIC	"TokensInputPlusOutput"

/* The day rows of one series; strings owned. */
struct usage_row {
	char		*model_id;	/* the series' ModelId */
	char		*metric;	/* usage_metric_name(), or
					   USAGE_TOKENS_APPROX_METRIC */
	struct usage_day day;
};

/* How one quota of the region is measured; strings owned. */
struct usage_qmap {
	char		*quota_code;
	struct usage_map map;		/* its strings point at the copies
					   below, or are NULL */
	char		*model_id;	/* MAPPED: the series */
	const char	*metric;	/* MAPPED: static metric name */
};

/* What one region's usage collection yields for the store. */
struct usage_result {
	struct usage_row	*rows;
	size_t			 nrows;
	struct usage_qmap	*maps;
	size_t			 nmaps;
};

/*
 * Build the day rows of the "nq" queries "q" whose results "d" holds
 * completely (usage_series_known(); the others are unknown and get no
 * row), over the window [start, end); an input+output row for each
 * series whose two token queries are both known; and, when "quotas" is
 * not NULL, the mapping of each account-level quota (usage_map_quota()
 * over "models" and "listed").  0, or -1 after one warnx(3) (a bad
 * window); free "out" with usage_result_free().
 */
int	usage_build(const struct aws_cw_query *q, size_t nq,
	    const struct aws_cw_data *d, long long start, long long end,
	    const struct model *models, size_t nmodels,
	    const struct quota *quotas, size_t nquotas,
	    const struct aws_cw_metrics *listed, struct usage_result *out);

/* The usage_daily metric that measures a MAPPED quota (static). */
const char	*usage_map_metric(const struct usage_map *m);

/* Free what "r" holds and zero it; NULL-safe. */
void	usage_result_free(struct usage_result *r);

/* The UTC day (00:00, epoch seconds) of "t". */
long long usage_day_of(long long t);

#endif /* BEDROCK_AUDIT_USAGE_H */
