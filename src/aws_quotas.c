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
	aws_req_json_page(r, &b, AWS_QUOTAS_PAGE_ITEMS,
	    t == 1 ? token : NULL);
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
 * or a value outside [0, AWS_MAX_QUOTA_VALUE] (NaN never gets here: the
 * getters refuse what is not finite).
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
	if (r == 1 && !(*v >= 0 && *v <= AWS_MAX_QUOTA_VALUE)) {
		json_warn(at, key, "%.17g is outside [0, %.17g]", *v,
		    AWS_MAX_QUOTA_VALUE);
		return -1;
	}
	if (r == 1 && *v == 0)
		*v = 0;			/* -0 is 0 */
	return r;
}

/*
 * The key parts of quota "q" beyond its code: QuotaAppliedAtLevel
 * ("ACCOUNT", the API's default, when absent) and QuotaContext (absent
 * for account-level quotas: "" and "").  -1 after one warnx(3).
 */
static int
quota_key(const cJSON *o, const struct json_at *at, struct quota *q)
{
	char		 path[64];
	struct json_at	 cat = { at->op, path, at->cause };
	const cJSON	*ctx;

	if (aws_json_text(o, at, "QuotaAppliedAtLevel", &q->level) == -1 ||
	    json_opt_obj(o, at, "QuotaContext", &ctx) == -1)
		return -1;
	if (*q->level == '\0') {
		free(q->level);
		q->level = xstrdup("ACCOUNT");
	}
	snapshot_str_share(&q->level);
	(void)snprintf(path, sizeof(path), "%s.QuotaContext", at->path);
	if (aws_json_text(ctx, &cat, "ContextScope", &q->context_scope) == -1 ||
	    aws_json_text(ctx, &cat, "ContextId", &q->context_id) == -1)
		return -1;
	snapshot_str_share(&q->context_scope);
	snapshot_str_share(&q->context_id);
	return 0;
}

/*
 * Period and ErrorReason of quota "q", both optional.  An ErrorReason
 * without an ErrorCode still marks the value unknown (error_code "").
 * -1 after one warnx(3).
 */
static int
quota_extra(const cJSON *o, const struct json_at *at, struct quota *q)
{
	char		 path[64];
	struct json_at	 sat = { at->op, path, at->cause };
	const cJSON	*per, *er;
	int		 r;

	if (json_opt_obj(o, at, "Period", &per) == -1 ||
	    json_opt_obj(o, at, "ErrorReason", &er) == -1)
		return -1;
	(void)snprintf(path, sizeof(path), "%s.Period", at->path);
	if ((r = json_opt_num(per, &sat, "PeriodValue", &q->period_value)) ==
	    -1 || aws_json_opt_text(per, &sat, "PeriodUnit", &q->period_unit) ==
	    -1)
		return -1;
	if (r == 1 && (q->period_value < 0 ||
	    q->period_value > AWS_MAX_PERIOD_VALUE ||
	    q->period_value != (double)(long long)q->period_value)) {
		json_warn(&sat, "PeriodValue", "%.17g is not an integer in "
		    "[0, %d]", q->period_value, AWS_MAX_PERIOD_VALUE);
		return -1;
	}
	q->has_period = r == 1;
	if (er == NULL)
		return 0;
	(void)snprintf(path, sizeof(path), "%s.ErrorReason", at->path);
	if (aws_json_text(er, &sat, "ErrorCode", &q->error_code) == -1 ||
	    aws_json_opt_text(er, &sat, "ErrorMessage", &q->error_message) ==
	    -1)
		return -1;
	return 0;
}

/*
 * Fill quota row "q" from "o", whose QuotaCode is "code" (checked by the
 * caller); -1 after one warnx(3).
 */
static int
quota_from_json(const cJSON *o, const struct json_at *at, int defaults,
    const char *code, struct quota *q)
{
	double		 v = 0;
	int		 has;

	q->quota_code = xstrdup(code);
	if (quota_key(o, at, q) == -1 ||
	    aws_json_text(o, at, "QuotaName", &q->quota_name) == -1 ||
	    aws_json_text(o, at, "Unit", &q->unit) == -1 ||
	    json_opt_bool(o, at, "Adjustable", &q->adjustable) == -1 ||
	    json_opt_bool(o, at, "GlobalQuota", &q->global_quota) == -1 ||
	    quota_extra(o, at, q) == -1)
		return -1;
	snapshot_str_share(&q->unit);
	snapshot_str_share(&q->period_unit);
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

static int
quota_ptr_cmp(const void *a, const void *b)
{
	return snapshot_quota_cmp(*(const struct quota *const *)a,
	    *(const struct quota *const *)b);
}

/*
 * Fail (-1, one json_warn()) if a quota key repeats across the rows of
 * "a" and "b": the same code at another level or context is no repeat.
 */
static int
quota_check_unique(const struct json_at *at, const struct quota *a,
    size_t an, const struct quota *b, size_t bn)
{
	const struct quota	**v, *q;
	size_t			 i;
	int			 rc = 0;

	if (an + bn < 2)
		return 0;
	v = xreallocarray(NULL, an + bn, sizeof(*v));
	for (i = 0; i < an + bn; i++)
		v[i] = i < an ? &a[i] : &b[i - an];
	qsort(v, an + bn, sizeof(*v), quota_ptr_cmp);
	for (i = 1; i < an + bn; i++)
		if (snapshot_quota_cmp(v[i - 1], v[i]) == 0) {
			q = v[i];
			json_warn(at, NULL, "duplicate QuotaCode %s at level "
			    "%s, context %s", q->quota_code,
			    str_or_empty(q->level),
			    *str_or_empty(q->context_id) != '\0' ? "given" :
			    "none");
			rc = -1;
			break;
		}
	free(v);
	return rc;
}

/*
 * Append the quota rows of "src" to "dst"; "src" keeps none.  One
 * reallocation a page, not one a row: growing every region's list row
 * by row left the heap full of outgrown copies.
 */
static void
move_quotas(struct snapshot *dst, struct snapshot *src)
{
	if (dst->quotasz == 0) {
		free(dst->quotas);
		dst->quotas = src->quotas;
	} else if (src->quotasz > 0) {
		dst->quotas = xreallocarray(dst->quotas,
		    dst->quotasz + src->quotasz, sizeof(*dst->quotas));
		memcpy(dst->quotas + dst->quotasz, src->quotas,
		    src->quotasz * sizeof(*src->quotas));
		free(src->quotas);
	} else
		free(src->quotas);
	dst->quotasz += src->quotasz;
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
	const char	*code;
	size_t		 i = 0;
	int		 k, rc = -1;

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
	/* The page's rows at once: grown row by row, each page's array
	   moved a hundred times on the heap. */
	tmp.quotas = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof(*tmp.quotas));
	cJSON_ArrayForEach(e, list) {
		(void)snprintf(path, sizeof(path), "Quotas[%zu]", i);
		if (json_elem_obj(e, &top, "Quotas", i++) == NULL ||
		    (k = aws_json_key(e, &at, "QuotaCode", &code)) == -1)
			goto out;
		if (k == 0)
			continue;	/* not an exact key: said, skipped */
		if (quota_from_json(e, &at, defaults, code,
		    &tmp.quotas[tmp.quotasz++]) == -1)
			goto out;
	}
	if (quota_check_unique(&top, s->quotas, s->quotasz, tmp.quotas,
	    tmp.quotasz) == -1 ||
	    aws_next_token(root, &top, "NextToken", next_token) == -1)
		goto out;
	move_quotas(s, &tmp);
	rc = 0;
out:
	snapshot_free(&tmp);
	json_free(root);
	return rc;
}

/* The optional timestamp "key" of "o" as text in *out, "" if absent. */
static int
epoch_text(const cJSON *o, const struct json_at *at, const char *key,
    char **out)
{
	if (aws_json_time(o, at, key, out) == -1)
		return -1;
	if (*out == NULL)
		*out = xstrdup("");
	return 0;
}

/*
 * Fill request row "q" from "o", whose Id and QuotaCode are "id" and
 * "code" (checked by the caller); -1 after one warnx(3).
 */
static int
request_from_json(const cJSON *o, const struct json_at *at, const char *id,
    const char *code, struct qrequest *q)
{
	const char	*status;

	if ((status = json_req_str(o, at, "Status", AWS_MAX_FIELD_BYTES)) ==
	    NULL)
		return -1;
	q->request_id = xstrdup(id);
	q->quota_code = xstrdup(code);
	q->status = xstrdup(status);
	/* DesiredValue is optional in the API model: absent is recorded. */
	if ((q->has_desired = quota_number(o, at, "DesiredValue", 0,
	    &q->desired_value)) == -1 ||
	    aws_json_text(o, at, "QuotaName", &q->quota_name) == -1 ||
	    aws_json_text(o, at, "CaseId", &q->case_id) == -1 ||
	    epoch_text(o, at, "Created", &q->created) == -1 ||
	    epoch_text(o, at, "LastUpdated", &q->last_updated) == -1 ||
	    aws_json_opt_text(o, at, "RequestType", &q->request_type) == -1 ||
	    aws_json_opt_text(o, at, "QuotaRequestedAtLevel", &q->level) ==
	    -1 ||
	    aws_json_opt_text(o, at, "Requester", &q->requester) == -1)
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
	const char	*id, *code;
	size_t		 i = 0;
	int		 k, rc = -1;

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
		    (k = aws_json_key(e, &at, "Id", &id)) == -1 ||
		    (k == 1 && (k = aws_json_key(e, &at, "QuotaCode",
		    &code)) == -1))
			goto out;
		if (k == 0)
			continue;	/* not an exact key: said, skipped */
		if (request_from_json(e, &at, id, code,
		    snapshot_add_request(&tmp)) == -1)
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
	json_free(root);
	return rc;
}

/* Replace *dst by a copy of "src" when *dst is NULL or "" and "src" not. */
static void
fill_if_empty(char **dst, const char *src)
{
	if ((*dst == NULL || **dst == '\0') && src != NULL && *src != '\0') {
		snapshot_str_free(*dst);	/* unit: maybe shared */
		*dst = xstrdup(src);
	}
}

/*
 * Give applied row "a" the default of row "d" (same code), plus the
 * name, unit and period when "a" has none.  "d" may serve several rows:
 * it is only read.
 */
static void
give_default(struct quota *a, const struct quota *d)
{
	fill_if_empty(&a->quota_name, d->quota_name);
	fill_if_empty(&a->unit, d->unit);
	snapshot_str_share(&a->unit);
	if (!a->has_period && d->has_period) {
		a->period_value = d->period_value;
		a->has_period = 1;
	}
	if (a->period_unit == NULL && d->period_unit != NULL) {
		a->period_unit = xstrdup(d->period_unit);
		snapshot_str_share(&a->period_unit);
	}
	a->default_value = d->default_value;
	a->has_default = d->has_default;
}

/* The default row for applied row "a" in sorted "df", or NULL. */
static const struct quota *
default_for(const struct snapshot *df, const struct quota *a)
{
	const struct quota	*d;

	if (df->quotasz == 0)
		return NULL;
	if ((d = bsearch(a, df->quotas, df->quotasz, sizeof(*d),
	    snapshot_quota_cmp)) != NULL)
		return d;
	return snapshot_find_quota(df, a->quota_code);
}

/*
 * Mark in "keep" the default rows whose code has no applied row; they
 * become rows of their own.  Returns how many.
 */
static size_t
defaults_alone(const struct snapshot *ap, const struct snapshot *df,
    unsigned char *keep)
{
	size_t	j, n = 0;

	for (j = 0; j < df->quotasz; j++) {
		keep[j] = snapshot_find_quota(ap, df->quotas[j].quota_code) ==
		    NULL;
		n += keep[j];
	}
	return n;
}

/* Append default-only row "d" to "ap", taking its strings. */
static void
move_default_row(struct snapshot *ap, struct quota *d)
{
	struct quota	*q;

	q = snapshot_add_quota(ap);
	*q = *d;
	memset(d, 0, sizeof(*d));
	/* Not set is not the default; the default list's error is its own. */
	q->applied_value = 0;
	q->has_applied = 0;
	free(q->error_code);
	free(q->error_message);
	q->error_code = q->error_message = NULL;
}

int
aws_merge_quotas(struct snapshot *applied, struct snapshot *defaults)
{
	const struct json_at	 ap = { OP_APPLIED, NULL, NULL };
	const struct json_at	 df = { OP_DEFAULTS, NULL, NULL };
	const struct quota	*d;
	unsigned char		*keep = NULL;
	size_t			 i, n, nap;
	int			 rc = -1;

	if (quota_check_unique(&ap, applied->quotas, applied->quotasz, NULL,
	    0) == -1 ||
	    quota_check_unique(&df, defaults->quotas, defaults->quotasz, NULL,
	    0) == -1)
		goto out;
	snapshot_sort(applied);
	snapshot_sort(defaults);
	keep = xcalloc(defaults->quotasz + 1, 1);
	n = applied->quotasz + defaults_alone(applied, defaults, keep);
	if (n > AWS_MAX_QUOTAS_PER_REGION) {
		warnx("%s: more than %d quotas in the region after merging "
		    "the defaults", OP_DEFAULTS, AWS_MAX_QUOTAS_PER_REGION);
		goto out;
	}
	for (i = 0; i < applied->quotasz; i++)
		if ((d = default_for(defaults, &applied->quotas[i])) != NULL)
			give_default(&applied->quotas[i], d);
	/* Appending reorders nothing already looked up: search is done. */
	nap = applied->quotasz;
	for (i = 0; i < defaults->quotasz; i++)
		if (keep[i])
			move_default_row(applied, &defaults->quotas[i]);
	if (applied->quotasz != nap)
		snapshot_sort(applied);
	rc = 0;
out:
	free(keep);
	snapshot_free(defaults);
	return rc;
}
