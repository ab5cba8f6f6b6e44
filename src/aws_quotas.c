/*
 * aws_quotas.c: Service Quotas calls (awsJson1_1) for service code
 * "bedrock": applied values, AWS defaults, the change-request history,
 * and merging applied and default rows.  See aws.h and aws-apis.md
 * section 3.
 */
#include <err.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "aws.h"
#include "aws_impl.h"
#include "json.h"
#include "snapshot.h"
#include "util.h"

#define OP_APPLIED	"ListServiceQuotas"
#define OP_DEFAULTS	"ListAWSDefaultServiceQuotas"
#define OP_HISTORY	"ListRequestedServiceQuotaChangeHistory"

#define QUOTAS_TARGET_PREFIX	"ServiceQuotasV20190624."
#define QUOTAS_CONTENT_TYPE	"application/x-amz-json-1.1"
#define QUOTAS_SERVICE_CODE	"bedrock"

/*
 * Build a Service Quotas list call: POST / with the target header and
 * the body {"ServiceCode": "bedrock", "MaxResults": 100[, "NextToken":
 * "..."]}, spaced and ordered as botocore sends it, so that its signed
 * vectors apply byte for byte.
 */
static int
quotas_list_req(struct aws_request *r, const char *op, const char *token)
{
	const struct json_at	 at = { op, NULL, NULL };
	struct buf		 b = BUF_INIT;
	int			 t;

	aws_req_init(r, AWS_SVC_SERVICE_QUOTAS, op, "POST");
	if ((t = aws_token_check(&at, token)) == -1)
		return -1;
	r->content_type = xstrdup(QUOTAS_CONTENT_TYPE);
	r->target = xasprintf("%s%s", QUOTAS_TARGET_PREFIX, op);
	buf_addstr(&b, "{\"ServiceCode\": ");
	json_buf_addstr(&b, QUOTAS_SERVICE_CODE);
	buf_printf(&b, ", \"MaxResults\": %d", AWS_QUOTAS_PAGE_ITEMS);
	if (t == 1) {
		buf_addstr(&b, ", \"NextToken\": ");
		json_buf_addstr(&b, token);
	}
	buf_addch(&b, '}');
	free(r->body);
	r->bodysz = b.len;
	r->body = buf_detach(&b);
	return 0;
}

int
aws_req_list_service_quotas(struct aws_request *r, const char *next_token)
{
	return quotas_list_req(r, OP_APPLIED, next_token);
}

int
aws_req_list_default_quotas(struct aws_request *r, const char *next_token)
{
	return quotas_list_req(r, OP_DEFAULTS, next_token);
}

int
aws_req_list_quota_history(struct aws_request *r, const char *next_token)
{
	return quotas_list_req(r, OP_HISTORY, next_token);
}

/*
 * Read the quota number "key" of "o" into *v: 1 present, 0 absent or
 * null (only if not "required"), -1 after one warnx(3) for a wrong type
 * or a value outside [0, AWS_MAX_QUOTA_VALUE].
 */
static int
quota_number(const cJSON *o, const struct json_at *at, const char *key,
    int required, double *v)
{
	int	r;

	if (required)
		r = json_req_num(o, at, key, v) == 0 ? 1 : -1;
	else
		r = json_opt_num(o, at, key, v);
	if (r == 1 && (*v < 0 || *v > AWS_MAX_QUOTA_VALUE)) {
		json_warn(at, key, "%.15g is outside [0, %.15g]", *v,
		    AWS_MAX_QUOTA_VALUE);
		return -1;
	}
	return r;
}

/* Fill quota row "q" from "o"; -1 after one warnx(3). */
static int
quota_from_json(const cJSON *o, const struct json_at *at, int defaults,
    struct quota *q)
{
	const char	*code;
	double		 v = 0;
	int		 has;

	if ((code = aws_json_key(o, at, "QuotaCode")) == NULL)
		return -1;
	q->quota_code = xstrdup(code);
	if (aws_json_text(o, at, "QuotaName", &q->quota_name) == -1 ||
	    aws_json_text(o, at, "Unit", &q->unit) == -1 ||
	    json_opt_bool(o, at, "Adjustable", &q->adjustable) == -1 ||
	    json_opt_bool(o, at, "GlobalQuota", &q->global_quota) == -1)
		return -1;
	/* Without a Value (an ErrorReason instead) the value is unknown. */
	if ((has = quota_number(o, at, "Value", 0, &v)) == -1)
		return -1;
	if (defaults) {
		q->default_value = has ? v : 0;
		q->has_default = has;
	} else {
		q->applied_value = has ? v : 0;
		q->has_applied = has;
	}
	return 0;
}

/* Append the quota rows of "src" to "dst"; "src" keeps none. */
static void
move_quotas(struct snapshot *dst, struct snapshot *src)
{
	size_t	i;

	for (i = 0; i < src->quotasz; i++)
		*snapshot_add_quota(dst) = src->quotas[i];
	free(src->quotas);
	src->quotas = NULL;
	src->quotasz = 0;
}

int
aws_parse_service_quotas(const char *body, size_t len, struct snapshot *s,
    int defaults, char **next_token, char **cause)
{
	const char	*op = defaults ? OP_DEFAULTS : OP_APPLIED;
	struct snapshot	 tmp;
	struct json_at	 top = { op, NULL, cause };
	char		 path[32];
	struct json_at	 at = { op, path, cause };
	cJSON		*root;
	const cJSON	*list, *e;
	size_t		 i = 0;
	int		 rc = -1;

	memset(&tmp, 0, sizeof(tmp));
	*next_token = NULL;
	if ((root = json_parse(op, body, len, cause)) == NULL)
		return -1;
	/* Optional in the API model: an empty page may omit it. */
	if (json_opt_array(root, &top, "Quotas", AWS_MAX_REPLY_ITEMS, &list) ==
	    -1)
		goto out;
	if (s->quotasz + (size_t)cJSON_GetArraySize(list) >
	    AWS_MAX_QUOTAS_PER_REGION) {
		json_warn(&top, NULL, "more than %d quotas in the region",
		    AWS_MAX_QUOTAS_PER_REGION);
		goto out;
	}
	cJSON_ArrayForEach(e, list) {
		(void)snprintf(path, sizeof(path), "Quotas[%zu]", i);
		if (json_elem_obj(e, &top, "Quotas", i++) == NULL ||
		    quota_from_json(e, &at, defaults,
		    snapshot_add_quota(&tmp)) == -1)
			goto out;
	}
	if (aws_check_unique(&top, "QuotaCode", s->quotas, s->quotasz,
	    tmp.quotas, tmp.quotasz, sizeof(struct quota),
	    offsetof(struct quota, quota_code)) == -1 ||
	    aws_next_token(root, &top, "NextToken", next_token) == -1)
		goto out;
	move_quotas(s, &tmp);
	rc = 0;
out:
	snapshot_free(&tmp);
	cJSON_Delete(root);
	return rc;
}

/*
 * The optional epoch timestamp "key" of "o" (seconds, maybe with a
 * fraction, dropped) as UTC ISO-8601 text in *out ("" when absent).
 * 0, or -1 after one warnx(3).
 */
static int
epoch_text(const cJSON *o, const struct json_at *at, const char *key,
    char **out)
{
	char	iso[UTIL_ISO8601_LEN];
	double	v;
	int	r;

	*out = NULL;
	if ((r = json_opt_num(o, at, key, &v)) == -1)
		return -1;
	if (r == 0) {
		*out = xstrdup("");
		return 0;
	}
	if (v < 0 || v > (double)AWS_MAX_EPOCH_SECONDS) {
		json_warn(at, key, "%.15g is not a time in years 1970..9999",
		    v);
		return -1;
	}
	util_iso8601((time_t)v, iso);
	*out = xstrdup(iso);
	return 0;
}

/* Fill request row "q" from "o"; -1 after one warnx(3). */
static int
request_from_json(const cJSON *o, const struct json_at *at,
    struct qrequest *q)
{
	const char	*id, *code, *status;

	if ((id = aws_json_key(o, at, "Id")) == NULL ||
	    (code = aws_json_key(o, at, "QuotaCode")) == NULL ||
	    (status = json_req_str(o, at, "Status", AWS_MAX_FIELD_BYTES)) ==
	    NULL)
		return -1;
	q->request_id = xstrdup(id);
	q->quota_code = xstrdup(code);
	q->status = xstrdup(status);
	if (quota_number(o, at, "DesiredValue", 1, &q->desired_value) == -1 ||
	    aws_json_text(o, at, "QuotaName", &q->quota_name) == -1 ||
	    aws_json_text(o, at, "CaseId", &q->case_id) == -1 ||
	    epoch_text(o, at, "Created", &q->created) == -1 ||
	    epoch_text(o, at, "LastUpdated", &q->last_updated) == -1)
		return -1;
	return 0;
}

/* Append the request rows of "src" to "dst"; "src" keeps none. */
static void
move_requests(struct snapshot *dst, struct snapshot *src)
{
	size_t	i;

	for (i = 0; i < src->requestsz; i++)
		*snapshot_add_request(dst) = src->requests[i];
	free(src->requests);
	src->requests = NULL;
	src->requestsz = 0;
}

int
aws_parse_quota_history(const char *body, size_t len, struct snapshot *s,
    char **next_token, char **cause)
{
	struct snapshot	 tmp;
	struct json_at	 top = { OP_HISTORY, NULL, cause };
	char		 path[40];
	struct json_at	 at = { OP_HISTORY, path, cause };
	cJSON		*root;
	const cJSON	*list, *e;
	size_t		 i = 0;
	int		 rc = -1;

	memset(&tmp, 0, sizeof(tmp));
	*next_token = NULL;
	if ((root = json_parse(OP_HISTORY, body, len, cause)) == NULL)
		return -1;
	if (json_opt_array(root, &top, "RequestedQuotas", AWS_MAX_REPLY_ITEMS,
	    &list) == -1)
		goto out;
	if (s->requestsz + (size_t)cJSON_GetArraySize(list) >
	    AWS_MAX_REQUESTS_PER_REGION) {
		json_warn(&top, NULL, "more than %d quota requests in the "
		    "region", AWS_MAX_REQUESTS_PER_REGION);
		goto out;
	}
	cJSON_ArrayForEach(e, list) {
		(void)snprintf(path, sizeof(path), "RequestedQuotas[%zu]", i);
		if (json_elem_obj(e, &top, "RequestedQuotas", i++) == NULL ||
		    request_from_json(e, &at, snapshot_add_request(&tmp)) == -1)
			goto out;
	}
	if (aws_check_unique(&top, "Id", s->requests, s->requestsz,
	    tmp.requests, tmp.requestsz, sizeof(struct qrequest),
	    offsetof(struct qrequest, request_id)) == -1 ||
	    aws_next_token(root, &top, "NextToken", next_token) == -1)
		goto out;
	move_requests(s, &tmp);
	rc = 0;
out:
	snapshot_free(&tmp);
	cJSON_Delete(root);
	return rc;
}

/* Number of distinct codes in two sorted, duplicate-free quota arrays. */
static size_t
union_count(const struct quota *a, size_t an, const struct quota *b,
    size_t bn)
{
	size_t	i = 0, j = 0, n = 0;
	int	c;

	while (i < an || j < bn) {
		if (i == an)
			c = 1;
		else if (j == bn)
			c = -1;
		else
			c = strcmp(a[i].quota_code, b[j].quota_code);
		i += c <= 0;
		j += c >= 0;
		n++;
	}
	return n;
}

/* Swap *a and *b when *a is NULL or "" and *b is not. */
static void
take_if_empty(char **a, char **b)
{
	char	*t;

	if ((*a == NULL || **a == '\0') && *b != NULL && **b != '\0') {
		t = *a;
		*a = *b;
		*b = t;
	}
}

/*
 * Give applied row "a" the default of row "d" (same code), plus the name
 * and unit when "a" has none; what "d" still owns is freed.
 */
static void
merge_pair(struct quota *a, struct quota *d)
{
	take_if_empty(&a->quota_name, &d->quota_name);
	take_if_empty(&a->unit, &d->unit);
	a->default_value = d->default_value;
	a->has_default = d->has_default;
	free(d->quota_code);
	free(d->quota_name);
	free(d->unit);
	memset(d, 0, sizeof(*d));
}

/* Merge the sorted quota arrays into a new array of "n" rows. */
static struct quota *
merge_rows(struct snapshot *ap, struct snapshot *df, size_t n)
{
	struct quota	*out, *d;
	size_t		 i = 0, j = 0, k = 0;
	int		 c;

	out = xreallocarray(NULL, n, sizeof(*out));
	while (i < ap->quotasz || j < df->quotasz) {
		if (i == ap->quotasz)
			c = 1;
		else if (j == df->quotasz)
			c = -1;
		else
			c = strcmp(ap->quotas[i].quota_code,
			    df->quotas[j].quota_code);
		if (c < 0) {
			out[k++] = ap->quotas[i++];
			continue;
		}
		d = &df->quotas[j++];
		if (c > 0) {
			/* Default only: not set is not the default. */
			out[k] = *d;
			out[k].applied_value = 0;
			out[k++].has_applied = 0;
			memset(d, 0, sizeof(*d));
			continue;
		}
		out[k] = ap->quotas[i++];
		merge_pair(&out[k++], d);
	}
	return out;
}

int
aws_merge_quotas(struct snapshot *applied, struct snapshot *defaults)
{
	const struct json_at	 ap = { OP_APPLIED, NULL, NULL };
	const struct json_at	 df = { OP_DEFAULTS, NULL, NULL };
	struct quota		*rows;
	size_t			 n;
	int			 rc = -1;

	if (aws_check_unique(&ap, "QuotaCode", applied->quotas,
	    applied->quotasz, NULL, 0, sizeof(struct quota),
	    offsetof(struct quota, quota_code)) == -1 ||
	    aws_check_unique(&df, "QuotaCode", defaults->quotas,
	    defaults->quotasz, NULL, 0, sizeof(struct quota),
	    offsetof(struct quota, quota_code)) == -1)
		goto out;
	snapshot_sort(applied);
	snapshot_sort(defaults);
	n = union_count(applied->quotas, applied->quotasz, defaults->quotas,
	    defaults->quotasz);
	if (n > AWS_MAX_QUOTAS_PER_REGION) {
		warnx("%s: more than %d quotas in the region after merging "
		    "the defaults", OP_DEFAULTS, AWS_MAX_QUOTAS_PER_REGION);
		goto out;
	}
	if (n > 0) {
		rows = merge_rows(applied, defaults, n);
		free(applied->quotas);
		applied->quotas = rows;
		applied->quotasz = n;
	}
	/* Every default row was moved or freed by merge_rows(). */
	free(defaults->quotas);
	defaults->quotas = NULL;
	defaults->quotasz = 0;
	rc = 0;
out:
	snapshot_free(defaults);
	return rc;
}
