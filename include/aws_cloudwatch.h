/*
 * aws_cloudwatch.h: the two CloudWatch calls behind usage evidence,
 * ListMetrics and GetMetricData on namespace "AWS/Bedrock", over
 * awsJson1_0 (aws-apis.md sections 1, 4 and 9.4).
 *
 * Pure, like the rest of aws.h: builders and bounded parsers, no clock,
 * no network.  Every reply is untrusted: a parser returns 0, or -1 after
 * one warnx(3) naming the operation and the place, with its reason in
 * *cause (NULL: not wanted; caller frees), and a failed parse adds
 * nothing.  A series whose result is missing, InternalError or Forbidden
 * is unknown: the parser records what was sent and never invents a zero
 * (usage.h decides what is known).
 */
#ifndef BEDROCK_AUDIT_AWS_CLOUDWATCH_H
#define BEDROCK_AUDIT_AWS_CLOUDWATCH_H

#include <stddef.h>

struct aws_request;

#define AWS_CW_NAMESPACE		"AWS/Bedrock"
#define AWS_CW_DIMENSION		"ModelId"
#define AWS_CW_MAX_QUERIES		500	/* MetricDataQueries per call
						   (the API's limit) */
#define AWS_CW_PERIOD_SECONDS		60	/* one point per minute */
#define AWS_CW_MAX_SERIES_PER_REGION	5000	/* ListMetrics rows kept */
#define AWS_CW_MAX_POINTS_PER_REPLY	100800	/* the API's MaxDatapoints */
#define AWS_CW_MAX_POINTS_PER_SERIES	(16 * 1440)	/* 16 days of
							   minutes */
#define AWS_CW_MAX_METRIC_BYTES		255	/* MetricName (model) */

/* One (ModelId, MetricName) series that ListMetrics says has data. */
struct aws_cw_metric {
	char	*model_id;	/* the ModelId dimension's value */
	char	*metric;	/* MetricName, e.g. "Invocations" */
};

/* What ListMetrics listed, over all pages; owned. */
struct aws_cw_metrics {
	struct aws_cw_metric	*v;
	size_t			 n;
};

/* One query of a GetMetricData call: Sum of "metric" per minute. */
struct aws_cw_query {
	const char	*id;		/* [a-z][a-zA-Z0-9_]*, unique */
	const char	*model_id;	/* ModelId dimension value */
	const char	*metric;	/* MetricName */
};

/* StatusCode of one MetricDataResult. */
enum aws_cw_status {
	AWS_CW_COMPLETE,
	AWS_CW_PARTIAL,		/* PartialData: more on the next page */
	AWS_CW_INTERNAL_ERROR,
	AWS_CW_FORBIDDEN,
	AWS_CW_OTHER,		/* a value this program does not know */
};

/* One query's points so far, over pages; owned. */
struct aws_cw_series {
	char		*id;		/* the query's Id */
	enum aws_cw_status status;	/* of the last page that named it */
	long long	*ts;		/* epoch seconds, as sent */
	double		*val;		/* Sum for the minute at ts[i] */
	size_t		 n;
};

/* The results of one GetMetricData call, over all its pages; owned. */
struct aws_cw_data {
	struct aws_cw_series	*v;
	size_t			 n;
};

/*
 * ListMetrics on AWS_CW_NAMESPACE for series with an AWS_CW_DIMENSION
 * dimension; "metric" (NULL: every metric) filters on MetricName.
 * "next_token" NULL or "" for the first page.  0, or -1 after one
 * warnx(3) for a bad argument; free "r" with aws_request_free().
 */
int	aws_req_list_metrics(struct aws_request *r, const char *metric,
	    const char *next_token);

/*
 * Add the (ModelId, MetricName) pairs of one ListMetrics page to "m".
 * A metric without a ModelId dimension, or with other dimensions too, is
 * not one of ours and is skipped; a repeat of a pair already held is
 * kept once.  *next_token gets the next page's token (NULL at the end).
 */
int	aws_parse_list_metrics(const char *body, size_t len,
	    struct aws_cw_metrics *m, char **next_token, char **cause);

/* Free what "m" holds and zero it; NULL-safe. */
void	aws_cw_metrics_free(struct aws_cw_metrics *m);

/*
 * GetMetricData for "n" (1..AWS_CW_MAX_QUERIES) queries, Stat "Sum",
 * Period AWS_CW_PERIOD_SECONDS, from "start" to "end" (epoch seconds,
 * start < end), oldest first.  0, or -1 after one warnx(3) for a bad
 * argument (a bad id or count, a duplicate id, an empty window, a bad
 * token).
 */
int	aws_req_get_metric_data(struct aws_request *r,
	    const struct aws_cw_query *q, size_t n, long long start,
	    long long end, const char *next_token);

/*
 * Add the MetricDataResults of one GetMetricData page to "d": points are
 * appended to the series of the same Id (created on first sight), whose
 * status becomes this page's.  Timestamps and Values must pair up, be
 * finite, and the values must not be negative (a Sum of counts).
 */
int	aws_parse_metric_data(const char *body, size_t len,
	    struct aws_cw_data *d, char **next_token, char **cause);

/* The series of "d" with Id "id", or NULL. */
const struct aws_cw_series *aws_cw_data_find(const struct aws_cw_data *d,
	    const char *id);

/* Free what "d" holds and zero it; NULL-safe. */
void	aws_cw_data_free(struct aws_cw_data *d);

#endif /* BEDROCK_AUDIT_AWS_CLOUDWATCH_H */
