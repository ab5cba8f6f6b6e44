/*
 * aws_cloudwatch.c: CloudWatch ListMetrics and GetMetricData over
 * awsJson1_0 for the AWS/Bedrock runtime metrics.  See aws_cloudwatch.h
 * and aws-apis.md sections 1, 4 and 9.4.
 */
#include <err.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "aws.h"
#include "aws_cloudwatch.h"
#include "aws_impl.h"
#include "json.h"
#include "util.h"

#define OP_LIST		"ListMetrics"
#define OP_DATA		"GetMetricData"

#define CW_TARGET_PREFIX	"GraniteServiceVersion20100801."
#define CW_CONTENT_TYPE		"application/x-amz-json-1.0"
#define CW_MAX_QUERY_ID_BYTES	255

/* POST / with the awsJson1_0 headers of "op"; query mode is signed. */
static void
cw_req_init(struct aws_request *r, const char *op)
{
	aws_req_init(r, AWS_SVC_CLOUDWATCH, op, "POST");
	r->content_type = xstrdup(CW_CONTENT_TYPE);
	r->target = xasprintf("%s%s", CW_TARGET_PREFIX, op);
	/* awsQueryCompatible: the service answers with query error codes. */
	r->query_mode = 1;
}

/* Hand the finished JSON body "b" to "r". */
static void
cw_req_body(struct aws_request *r, struct buf *b)
{
	free(r->body);
	r->bodysz = b->len;
	r->body = buf_detach(b);
}

int
aws_req_list_metrics(struct aws_request *r, const char *metric,
    const char *next_token)
{
	const struct json_at	 at = { OP_LIST, NULL, NULL };
	struct buf		 b = BUF_INIT;
	int			 t;

	cw_req_init(r, OP_LIST);
	if ((t = aws_token_check(&at, next_token)) == -1)
		return -1;
	if (metric != NULL && (*metric == '\0' ||
	    strlen(metric) > AWS_CW_MAX_METRIC_BYTES)) {
		warnx("%s: bad MetricName filter", OP_LIST);
		return -1;
	}
	buf_addstr(&b, "{\"Namespace\": ");
	json_buf_addstr(&b, AWS_CW_NAMESPACE);
	if (metric != NULL) {
		buf_addstr(&b, ", \"MetricName\": ");
		json_buf_addstr(&b, metric);
	}
	buf_addstr(&b, ", \"Dimensions\": [{\"Name\": ");
	json_buf_addstr(&b, AWS_CW_DIMENSION);
	buf_addstr(&b, "}]");
	if (t == 1) {
		buf_addstr(&b, ", \"NextToken\": ");
		json_buf_addstr(&b, next_token);
	}
	buf_addch(&b, '}');
	cw_req_body(r, &b);
	return 0;
}

/*
 * The ModelId of metric "o" into *model: 1 when its only dimension is
 * ModelId with an exact value, 0 when it is not such a series (skipped),
 * -1 after one warnx(3).
 */
static int
metric_model(const cJSON *o, const struct json_at *at, const char **model)
{
	char		 path[64];
	struct json_at	 dat = { at->op, path, at->cause };
	const cJSON	*dims, *d;
	const char	*name;

	if (json_opt_array(o, at, "Dimensions", 30, &dims) == -1)
		return -1;
	if (cJSON_GetArraySize(dims) != 1)
		return 0;
	(void)snprintf(path, sizeof(path), "%s.Dimensions[0]", at->path);
	if ((d = json_elem_obj(cJSON_GetArrayItem(dims, 0), at, "Dimensions",
	    0)) == NULL ||
	    (name = json_req_str(d, &dat, "Name", AWS_MAX_ID_BYTES)) == NULL)
		return -1;
	if (strcmp(name, AWS_CW_DIMENSION) != 0)
		return 0;
	return aws_json_key(d, &dat, "Value", model);
}

static int
metric_has(const struct aws_cw_metrics *m, const char *model,
    const char *metric)
{
	size_t	i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].model_id, model) == 0 &&
		    strcmp(m->v[i].metric, metric) == 0)
			return 1;
	return 0;
}

int
aws_parse_list_metrics(const char *body, size_t len, struct aws_cw_metrics *m,
    char **next_token, char **cause)
{
	struct json_at	 top = { OP_LIST, NULL, cause };
	char		 path[32];
	struct json_at	 at = { OP_LIST, path, cause };
	struct aws_cw_metrics tmp = { NULL, 0 };
	cJSON		*root;
	const cJSON	*list, *e;
	const char	*name, *model;
	size_t		 i = 0, j;
	int		 k, rc = -1;

	*next_token = NULL;
	if ((root = json_parse(OP_LIST, body, len, cause)) == NULL)
		return -1;
	if (json_opt_array(root, &top, "Metrics", AWS_MAX_REPLY_ITEMS, &list) ==
	    -1)
		goto out;
	cJSON_ArrayForEach(e, list) {
		(void)snprintf(path, sizeof(path), "Metrics[%zu]", i);
		if (json_elem_obj(e, &top, "Metrics", i++) == NULL ||
		    (name = json_req_str(e, &at, "MetricName",
		    AWS_CW_MAX_METRIC_BYTES)) == NULL ||
		    (k = metric_model(e, &at, &model)) == -1)
			goto out;
		/* An empty MetricName names no series we could ask for. */
		if (k == 0 || *name == '\0' || metric_has(m, model, name) ||
		    metric_has(&tmp, model, name))
			continue;
		if (m->n + tmp.n >= AWS_CW_MAX_SERIES_PER_REGION) {
			json_warn(&top, NULL, "more than %d metrics in the "
			    "region", AWS_CW_MAX_SERIES_PER_REGION);
			goto out;
		}
		tmp.v = xreallocarray(tmp.v, tmp.n + 1, sizeof(*tmp.v));
		tmp.v[tmp.n].model_id = xstrdup(model);
		tmp.v[tmp.n++].metric = xstrdup(name);
	}
	if (aws_next_token(root, &top, "NextToken", next_token) == -1)
		goto out;
	m->v = xreallocarray(m->v, m->n + tmp.n + 1, sizeof(*m->v));
	for (j = 0; j < tmp.n; j++)
		m->v[m->n++] = tmp.v[j];
	tmp.n = 0;
	rc = 0;
out:
	aws_cw_metrics_free(&tmp);
	json_free(root);
	return rc;
}

void
aws_cw_metrics_free(struct aws_cw_metrics *m)
{
	size_t	i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->v[i].model_id);
		free(m->v[i].metric);
	}
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

/* A query Id as the API wants it: a lower-case letter, then [a-zA-Z0-9_]. */
static int
query_id_valid(const char *id)
{
	const char	*p;

	if (id == NULL || *id < 'a' || *id > 'z' ||
	    strlen(id) > CW_MAX_QUERY_ID_BYTES)
		return 0;
	for (p = id; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_'))
			return 0;
	return 1;
}

/* Check the queries of a GetMetricData call; -1 after one warnx(3). */
static int
queries_check(const struct aws_cw_query *q, size_t n, long long start,
    long long end)
{
	size_t	i, j;

	if (n == 0 || n > AWS_CW_MAX_QUERIES) {
		warnx("%s: %zu queries (1 to %d allowed)", OP_DATA, n,
		    AWS_CW_MAX_QUERIES);
		return -1;
	}
	if (start < 0 || end <= start || end > AWS_MAX_EPOCH_SECONDS) {
		warnx("%s: empty or invalid window", OP_DATA);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!query_id_valid(q[i].id) || q[i].model_id == NULL ||
		    *q[i].model_id == '\0' ||
		    strlen(q[i].model_id) > AWS_MAX_ID_BYTES ||
		    q[i].metric == NULL || *q[i].metric == '\0' ||
		    strlen(q[i].metric) > AWS_CW_MAX_METRIC_BYTES) {
			warnx("%s: query %zu is malformed", OP_DATA, i);
			return -1;
		}
		for (j = 0; j < i; j++)
			if (strcmp(q[i].id, q[j].id) == 0) {
				warnx("%s: duplicate query id", OP_DATA);
				return -1;
			}
	}
	return 0;
}

/* One MetricDataQuery: Sum of the metric per minute for one ModelId. */
static void
query_add(struct buf *b, const struct aws_cw_query *q)
{
	buf_addstr(b, "{\"Id\": ");
	json_buf_addstr(b, q->id);
	buf_addstr(b, ", \"MetricStat\": {\"Metric\": {\"Namespace\": ");
	json_buf_addstr(b, AWS_CW_NAMESPACE);
	buf_addstr(b, ", \"MetricName\": ");
	json_buf_addstr(b, q->metric);
	buf_addstr(b, ", \"Dimensions\": [{\"Name\": ");
	json_buf_addstr(b, AWS_CW_DIMENSION);
	buf_addstr(b, ", \"Value\": ");
	json_buf_addstr(b, q->model_id);
	buf_printf(b, "}]}, \"Period\": %d, \"Stat\": \"Sum\"}, "
	    "\"ReturnData\": true}", AWS_CW_PERIOD_SECONDS);
}

int
aws_req_get_metric_data(struct aws_request *r, const struct aws_cw_query *q,
    size_t n, long long start, long long end, const char *next_token)
{
	const struct json_at	 at = { OP_DATA, NULL, NULL };
	struct buf		 b = BUF_INIT;
	size_t			 i;
	int			 t;

	cw_req_init(r, OP_DATA);
	if ((t = aws_token_check(&at, next_token)) == -1 ||
	    queries_check(q, n, start, end) == -1)
		return -1;
	buf_addstr(&b, "{\"MetricDataQueries\": [");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addstr(&b, ", ");
		query_add(&b, &q[i]);
	}
	/* Oldest first, so that a page ends where the next one starts. */
	buf_printf(&b, "], \"StartTime\": %lld, \"EndTime\": %lld, "
	    "\"ScanBy\": \"TimestampAscending\"", start, end);
	if (t == 1) {
		buf_addstr(&b, ", \"NextToken\": ");
		json_buf_addstr(&b, next_token);
	}
	buf_addch(&b, '}');
	cw_req_body(r, &b);
	return 0;
}

static enum aws_cw_status
status_from_text(const char *s)
{
	if (strcmp(s, "Complete") == 0)
		return AWS_CW_COMPLETE;
	if (strcmp(s, "PartialData") == 0)
		return AWS_CW_PARTIAL;
	if (strcmp(s, "InternalError") == 0)
		return AWS_CW_INTERNAL_ERROR;
	if (strcmp(s, "Forbidden") == 0)
		return AWS_CW_FORBIDDEN;
	return AWS_CW_OTHER;
}

/* The series of "d" named "id", created when new. */
static struct aws_cw_series *
series_get(struct aws_cw_data *d, const char *id)
{
	struct aws_cw_series	*s;

	if ((s = (struct aws_cw_series *)aws_cw_data_find(d, id)) != NULL)
		return s;
	d->v = xreallocarray(d->v, d->n + 1, sizeof(*d->v));
	s = &d->v[d->n++];
	memset(s, 0, sizeof(*s));
	s->id = xstrdup(id);
	return s;
}

/*
 * Check the Timestamps and Values of result "o" ("np" pairs); the
 * number of pairs in *np.  -1 after one warnx(3).
 */
static int
points_check(const cJSON *o, const struct json_at *at, const cJSON **ts,
    const cJSON **vals, size_t *np)
{
	const cJSON	*e;
	double		 d;
	size_t		 i = 0;

	if (json_opt_array(o, at, "Timestamps", AWS_CW_MAX_POINTS_PER_REPLY,
	    ts) == -1 ||
	    json_opt_array(o, at, "Values", AWS_CW_MAX_POINTS_PER_REPLY,
	    vals) == -1)
		return -1;
	if (cJSON_GetArraySize(*ts) != cJSON_GetArraySize(*vals)) {
		json_warn(at, "Values", "%d values for %d timestamps",
		    cJSON_GetArraySize(*vals), cJSON_GetArraySize(*ts));
		return -1;
	}
	*np = (size_t)cJSON_GetArraySize(*ts);
	cJSON_ArrayForEach(e, *ts) {
		d = cJSON_IsNumber(e) ? e->valuedouble : -1;
		if (!(d >= 0 && d <= (double)AWS_MAX_EPOCH_SECONDS)) {
			json_warn(at, "Timestamps", "[%zu] is not a time in "
			    "years 1970..9999", i);
			return -1;
		}
		i++;
	}
	i = 0;
	cJSON_ArrayForEach(e, *vals) {
		d = cJSON_IsNumber(e) ? e->valuedouble : -1;
		if (!(isfinite(d) && d >= 0 && d <= AWS_MAX_QUOTA_VALUE)) {
			json_warn(at, "Values", "[%zu] is not a count", i);
			return -1;
		}
		i++;
	}
	return 0;
}

/* One checked MetricDataResult of a page, pointing into its tree. */
struct result {
	const char	*id;
	const char	*status;
	const cJSON	*ts, *vals;
	size_t		 np;
};

/*
 * Check one MetricDataResult "o" into "r": 1 to use, 0 when its Id is not
 * exact (said; the query stays missing, so unknown), -1 after one
 * warnx(3).  The points of an Id, this page's and earlier ones', must
 * stay under AWS_CW_MAX_POINTS_PER_SERIES.
 */
static int
result_check(const struct aws_cw_data *d, const cJSON *o,
    const struct json_at *at, struct result *r)
{
	const struct aws_cw_series	*s;
	int				 k;

	if ((k = json_key(o, at, "Id", CW_MAX_QUERY_ID_BYTES, &r->id)) != 1)
		return k;
	if ((r->status = json_req_str(o, at, "StatusCode", AWS_MAX_ID_BYTES))
	    == NULL || points_check(o, at, &r->ts, &r->vals, &r->np) == -1)
		return -1;
	s = aws_cw_data_find(d, r->id);
	if ((s != NULL ? s->n : 0) + r->np > AWS_CW_MAX_POINTS_PER_SERIES) {
		json_warn(at, NULL, "more than %d points for one query",
		    AWS_CW_MAX_POINTS_PER_SERIES);
		return -1;
	}
	return 1;
}

/* Append the checked result "r" to its series in "d". */
static void
result_add(struct aws_cw_data *d, const struct result *r)
{
	struct aws_cw_series	*s;
	const cJSON		*t, *v;

	s = series_get(d, r->id);
	s->status = status_from_text(r->status);
	s->ts = xreallocarray(s->ts, s->n + r->np + 1, sizeof(*s->ts));
	s->val = xreallocarray(s->val, s->n + r->np + 1, sizeof(*s->val));
	t = r->ts != NULL ? r->ts->child : NULL;
	v = r->vals != NULL ? r->vals->child : NULL;
	for (; t != NULL && v != NULL; t = t->next, v = v->next) {
		s->ts[s->n] = (long long)t->valuedouble;
		/* -0 is 0 */
		s->val[s->n++] = v->valuedouble == 0 ? 0 : v->valuedouble;
	}
}

/* Fail (-1, one json_warn()) if an Id repeats within the page. */
static int
results_unique(const struct json_at *at, const struct result *r, size_t n)
{
	size_t	i, j;

	for (i = 1; i < n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(r[i].id, r[j].id) == 0) {
				json_warn(at, NULL, "duplicate Id in "
				    "MetricDataResults");
				return -1;
			}
	return 0;
}

int
aws_parse_metric_data(const char *body, size_t len, struct aws_cw_data *d,
    char **next_token, char **cause)
{
	struct json_at	 top = { OP_DATA, NULL, cause };
	char		 path[48];
	struct json_at	 at = { OP_DATA, path, cause };
	struct result	*res = NULL;
	cJSON		*root;
	const cJSON	*list, *e;
	size_t		 i = 0, n = 0, total = 0;
	int		 k, rc = -1;

	*next_token = NULL;
	if ((root = json_parse(OP_DATA, body, len, cause)) == NULL)
		return -1;
	if (json_opt_array(root, &top, "MetricDataResults", AWS_CW_MAX_QUERIES,
	    &list) == -1)
		goto out;
	res = xcalloc((size_t)cJSON_GetArraySize(list) + 1, sizeof(*res));
	/* Check the whole page first: a failed parse adds nothing. */
	cJSON_ArrayForEach(e, list) {
		(void)snprintf(path, sizeof(path), "MetricDataResults[%zu]",
		    i);
		if (json_elem_obj(e, &top, "MetricDataResults", i++) == NULL ||
		    (k = result_check(d, e, &at, &res[n])) == -1)
			goto out;
		if (k == 1)
			total += res[n++].np;
	}
	if (total > AWS_CW_MAX_POINTS_PER_REPLY) {
		json_warn(&top, NULL, "more than %d points in one reply",
		    AWS_CW_MAX_POINTS_PER_REPLY);
		goto out;
	}
	if (results_unique(&top, res, n) == -1 ||
	    aws_next_token(root, &top, "NextToken", next_token) == -1)
		goto out;
	for (i = 0; i < n; i++)
		result_add(d, &res[i]);
	rc = 0;
out:
	free(res);
	json_free(root);
	return rc;
}

const struct aws_cw_series *
aws_cw_data_find(const struct aws_cw_data *d, const char *id)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].id, id) == 0)
			return &d->v[i];
	return NULL;
}

void
aws_cw_data_free(struct aws_cw_data *d)
{
	size_t	i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->v[i].id);
		free(d->v[i].ts);
		free(d->v[i].val);
	}
	free(d->v);
	d->v = NULL;
	d->n = 0;
}
