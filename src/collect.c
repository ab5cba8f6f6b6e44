/*
 * collect.c: the per-region collection state machine.  See collect.h.
 *
 * Every call is asynchronous: its completion (collect_done) parses the
 * reply, submits what depends on it (the next page, the availability of
 * each listed model) and, when the region has nothing left in flight,
 * hands the region to the caller.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "aws.h"
#include "client.h"
#include "collect.h"
#include "http.h"
#include "playbook.h"
#include "snapshot.h"
#include "usage.h"
#include "util.h"

/*
 * Availability calls of one region submitted at a time: the
 * per-endpoint cap of session.c.  No more is needed to keep the
 * endpoint busy, since a reply's callback submits the next call before
 * the engine starts what the reply made room for (engine_act()); twice
 * the cap held 8 more queued requests per region (half a megabyte of a
 * large run).
 */
#define COLLECT_AVAILABILITY_WINDOW	8

/*
 * Regions being collected at a time, of every account.  A region holds
 * its lists (a few hundred KB in a large account) until it is recorded,
 * so starting the 3000 regions of 100 accounts at once held them all;
 * 48 regions keep the engine's 256 requests in flight busy (8 per
 * endpoint, the model availability chain of a region the longest) and
 * cover every region of one account.
 */
#define COLLECT_MAX_ACTIVE_REGIONS	48

/*
 * Regions that have ended but wait for the engine to be idle to be
 * recorded (collect_idle()).  An engine that always has a reply to read
 * (many accounts: 256 in flight, each reply a little CPU) is never idle,
 * and every ended region stayed in memory to the end of the run: past
 * this many, the oldest is recorded at once.
 */
#define COLLECT_MAX_UNRECORDED		4

/* The independent call chains of a region. */
enum chain {
	CHAIN_MODELS,		/* ListFoundationModels */
	CHAIN_AVAILABILITY,	/* GetFoundationModelAvailability, one per model */
	CHAIN_PROFILES,		/* ListInferenceProfiles pages */
	CHAIN_QUOTAS,		/* ListServiceQuotas pages */
	CHAIN_DEFAULTS,		/* ListAWSDefaultServiceQuotas pages */
	CHAIN_HISTORY,		/* ListRequestedServiceQuotaChangeHistory pages */
	CHAIN_METRICS,		/* CloudWatch ListMetrics pages (usage) */
	CHAIN_DATA,		/* GetMetricData calls and pages (usage) */
	CHAIN__COUNT
};

/* The chains of usage evidence: none of the region's state. */
#define CHAIN_IS_USAGE(c)	((c) == CHAIN_METRICS || (c) == CHAIN_DATA)

struct collector;

struct region_ctx {
	struct collector	*col;		/* borrowed */
	struct client		*client;	/* its account's; borrowed */
	struct collect_region	 out;		/* what the caller gets */
	struct snapshot		 defaults;	/* default quota rows until merged */
	int			 lists_done;	/* quota lists read to end */
	int			 merged;	/* quotas_merge() done */
	int			 inflight;	/* calls submitted, not completed */
	int			 started;	/* by collect_start_more() */
	int			 ended;		/* handed to the caller */
	size_t			 avail_next;	/* next model to ask about */
	int			 avail_inflight; /* of those, availability */
	int			 answered;	/* calls that got a 2xx reply */
	char			*token[CHAIN__COUNT];	/* last NextToken seen */
	int			 pages[CHAIN__COUNT];	/* pages fetched */
	size_t			 usage_batch;	/* first query of the
						   GetMetricData call */
	/* its target's usage plan (NULL: none), its region's index there */
	const struct collect_usage_plan *usage;
	size_t			 usage_index;
	const struct aws_regions *enabled;	/* its target's; NULL: unknown */
};

struct collector {
	collect_region_fn	 done;
	void			*arg;
	struct region_ctx	**fin;		/* ended, not handed over yet */
	size_t			 finhead;	/* next to hand over */
	size_t			 fintail;	/* next free slot */
	struct region_ctx	*rcs;		/* all regions, start order */
	size_t			 total;		/* of rcs */
	size_t			 next;		/* next region to start */
	size_t			 active;	/* started, not ended */
	int			 starting;	/* in collect_start_more() */
};

/* One call in flight. */
struct pending {
	struct region_ctx	*rc;
	enum chain		 chain;
	size_t			 model;		/* CHAIN_AVAILABILITY: index */
};

static void	collect_done(void *, const struct http_response *,
		    const struct http_error *);
static void	collect_start_more(struct collector *);
static void	region_hand(struct region_ctx *);

/* The AWS operation behind each chain, for error records. */
static const char *const chain_operation[CHAIN__COUNT] = {
	[CHAIN_MODELS] = "ListFoundationModels",
	[CHAIN_AVAILABILITY] = "GetFoundationModelAvailability",
	[CHAIN_PROFILES] = "ListInferenceProfiles",
	[CHAIN_QUOTAS] = "ListServiceQuotas",
	[CHAIN_DEFAULTS] = "ListAWSDefaultServiceQuotas",
	[CHAIN_HISTORY] = "ListRequestedServiceQuotaChangeHistory",
	[CHAIN_METRICS] = "ListMetrics",
	[CHAIN_DATA] = "GetMetricData",
};

/* The part of the region's state each chain covers. */
static const enum region_part chain_part[CHAIN__COUNT] = {
	[CHAIN_MODELS] = REGION_PART_MODELS,
	[CHAIN_AVAILABILITY] = REGION_PART_MODEL_ACCESS,
	[CHAIN_PROFILES] = REGION_PART_PROFILES,
	[CHAIN_QUOTAS] = REGION_PART_QUOTAS,
	[CHAIN_DEFAULTS] = REGION_PART_QUOTAS,
	[CHAIN_HISTORY] = REGION_PART_REQUESTS,
};

/* Whether the part "chain" fills is still being collected. */
static int
chain_alive(const struct region_ctx *rc, enum chain chain)
{
	if (CHAIN_IS_USAGE(chain))
		return rc->out.usage.status == COLLECT_USAGE_RUNNING;
	return !(rc->out.snap.unknown & REGION_PART_BIT(chain_part[chain]));
}

/* Forget the access fields of model "m": they are unknown, not empty. */
static void
model_forget_access(struct model *m)
{
	char	**f[] = { &m->authorization, &m->entitlement, &m->agreement,
		    &m->region_availability, &m->agreement_message };
	size_t	  i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		snapshot_str_free(*f[i]);	/* maybe shared */
		*f[i] = NULL;
	}
	m->access_unknown = 1;
}

/* --- usage evidence (CloudWatch) --- */

/*
 * A usage call of "chain" failed: the region's usage is unknown in this
 * run, and no more usage calls are made.  The region's own status and
 * failures are not touched: usage is evidence, not state.
 */
static void
usage_fail(struct region_ctx *rc, enum chain chain, long status,
    const char *code, const char *message)
{
	struct collect_usage	*u = &rc->out.usage;

	if (u->status != COLLECT_USAGE_RUNNING)
		return;
	u->status = COLLECT_USAGE_FAILED;
	u->operation = chain_operation[chain];
	u->http_status = status;
	u->error_code = xstrdup(code != NULL ? code : "UnknownError");
	u->error_message = message != NULL ? xstrdup(message) : NULL;
}

/* Free what "u" holds and zero it. */
static void
usage_free(struct collect_usage *u)
{
	size_t	i;

	aws_cw_metrics_free(&u->listed);
	aws_cw_data_free(&u->data);
	for (i = 0; i < u->nqueries; i++)
		free(u->ids[i]);
	free(u->ids);
	free(u->queries);
	free(u->error_code);
	free(u->error_message);
	memset(u, 0, sizeof(*u));
}

/* The queries to send: each listed series of a metric usage.h reads. */
static void
usage_queries(struct collect_usage *u)
{
	enum usage_metric	 m;
	size_t			 i, n = 0;

	u->queries = xcalloc(u->listed.n + 1, sizeof(*u->queries));
	u->ids = xcalloc(u->listed.n + 1, sizeof(*u->ids));
	for (i = 0; i < u->listed.n; i++) {
		if (usage_metric_from_name(u->listed.v[i].metric, &m) == -1)
			continue;
		u->ids[n] = xasprintf("q%zu", n);
		u->queries[n].id = u->ids[n];
		u->queries[n].model_id = u->listed.v[i].model_id;
		u->queries[n++].metric = u->listed.v[i].metric;
	}
	u->nqueries = n;
}

/* The GetMetricData call (or page) of the current batch of queries. */
static int
usage_data_req(struct region_ctx *rc, struct aws_request *req,
    const char *token)
{
	struct collect_usage	*u = &rc->out.usage;
	size_t			 n = u->nqueries - rc->usage_batch;

	if (n > AWS_CW_MAX_QUERIES)
		n = AWS_CW_MAX_QUERIES;
	u->requested += n;
	return aws_req_get_metric_data(req, &u->queries[rc->usage_batch], n,
	    u->start, u->end, token);
}

/*
 * Count one failed call of "chain" (for CHAIN_AVAILABILITY, of model
 * index "model"): what it covers becomes unknown in this run, the rest
 * of the region goes on.
 */
static void
region_fail(struct region_ctx *rc, enum chain chain, size_t model,
    long status, const char *code, const char *message)
{
	if (CHAIN_IS_USAGE(chain)) {
		usage_fail(rc, chain, status, code, message);
		return;
	}
	status_failure_add(&rc->out.failures, &rc->out.failuresz,
	    chain_operation[chain], status,
	    code != NULL ? code : "UnknownError", message);
	if (chain == CHAIN_AVAILABILITY)
		model_forget_access(&rc->out.snap.models[model]);
	else
		rc->out.snap.unknown |= REGION_PART_BIT(chain_part[chain]);
}

/* Submit one call for the region; a submit failure fails its chain. */
static void
region_submit(struct region_ctx *rc, struct aws_request *req, int built,
    enum chain chain, size_t model)
{
	struct pending	*p;

	if (built == -1) {
		region_fail(rc, chain, model, 0, "InvalidRequest",
		    "could not build the request");
		aws_request_free(req);
		free(req);
		return;
	}
	p = xcalloc(1, sizeof(*p));
	p->rc = rc;
	p->chain = chain;
	p->model = model;
	if (client_submit(rc->client, rc->out.region, req, collect_done,
	    p) == -1) {
		region_fail(rc, chain, model, 0, "InvalidEndpoint",
		    "could not resolve the endpoint");
		free(p);
		return;
	}
	rc->inflight++;
}

/* Build and submit the call that starts or continues "chain". */
static void
region_call(struct region_ctx *rc, enum chain chain, const char *token,
    size_t model)
{
	struct aws_request	*req = xcalloc(1, sizeof(*req));
	int			 r = -1;

	switch (chain) {
	case CHAIN_MODELS:
		r = aws_req_list_foundation_models(req);
		break;
	case CHAIN_AVAILABILITY:
		r = aws_req_get_model_availability(req,
		    rc->out.snap.models[model].model_id);
		break;
	case CHAIN_PROFILES:
		r = aws_req_list_inference_profiles(req, NULL, token);
		break;
	case CHAIN_QUOTAS:
		r = aws_req_list_service_quotas(req, token);
		break;
	case CHAIN_DEFAULTS:
		r = aws_req_list_default_quotas(req, token);
		break;
	case CHAIN_HISTORY:
		r = aws_req_list_quota_history(req, token);
		break;
	case CHAIN_METRICS:
		r = aws_req_list_metrics(req, NULL, token);
		break;
	case CHAIN_DATA:
		r = usage_data_req(rc, req, token);
		break;
	case CHAIN__COUNT:
		abort();
	}
	region_submit(rc, req, r, chain, model);
}

/*
 * Merge the default quota rows into the applied ones, once: as soon as
 * both lists are read (quotas_list_done()), or when the region ends.
 * Merging early frees the defaults while the region's availability
 * calls go on: held to the end, every region's second list of 400 rows
 * was a quarter of the run's peak memory.
 */
static void
quotas_merge(struct region_ctx *rc)
{
	struct snapshot	 q;
	int		 r;

	if (rc->merged || !chain_alive(rc, CHAIN_QUOTAS))
		return;
	rc->merged = 1;
	/*
	 * On the quotas alone: the merge sorts its snapshot, and the
	 * availability calls still in flight name their model by its
	 * index in the model list.
	 */
	memset(&q, 0, sizeof(q));
	snapshot_move_part(&q, &rc->out.snap, REGION_PART_QUOTAS);
	r = aws_merge_quotas(&q, &rc->defaults);
	snapshot_move_part(&rc->out.snap, &q, REGION_PART_QUOTAS);
	snapshot_free(&q);
	if (r == -1)
		region_fail(rc, CHAIN_DEFAULTS, 0, 200, "InvalidReply",
		    "quota lists could not be merged");
}

/* One of the two quota lists has no page left: merge after the second. */
static void
quotas_list_done(struct region_ctx *rc)
{
	if (++rc->lists_done == 2)
		quotas_merge(rc);
}

/*
 * Continue a paginated chain with "next" (owned; NULL or "" ends it).
 * A token that repeats the previous one, or too many pages, would loop
 * for ever: both fail the chain instead.
 */
static void
region_next_page(struct region_ctx *rc, enum chain chain, char *next)
{
	if (next == NULL || *next == '\0') {
		free(next);
		if (chain == CHAIN_QUOTAS || chain == CHAIN_DEFAULTS)
			quotas_list_done(rc);
		return;
	}
	if (rc->token[chain] != NULL && strcmp(rc->token[chain], next) == 0)
		region_fail(rc, chain, 0, 200, "RepeatingNextToken",
		    "the service returned the same NextToken twice");
	else if (++rc->pages[chain] >= COLLECT_MAX_PAGES_PER_CALL)
		region_fail(rc, chain, 0, 200, "TooManyPages",
		    "more pages than " "COLLECT_MAX_PAGES_PER_CALL allows");
	else {
		free(rc->token[chain]);
		rc->token[chain] = next;
		region_call(rc, chain, next, 0);
		return;
	}
	free(next);
}

/*
 * Every call answered.  A series that is not complete (missing from the
 * replies, InternalError, Forbidden, PartialData on the last page) would
 * leave a hole in the stored days that no later run fills, since the
 * next window starts where this one ends: the whole window is then
 * unknown (usage FAILED), nothing of it is stored, and the next run
 * reads it again.
 */
static void
usage_complete(struct region_ctx *rc)
{
	struct collect_usage	*u = &rc->out.usage;
	char			*why;
	size_t			 i, bad = 0;

	for (i = 0; i < u->nqueries; i++)
		bad += usage_series_known(&u->data, u->queries[i].id) == NULL;
	if (bad == 0) {
		u->status = COLLECT_USAGE_OK;
		return;
	}
	why = xasprintf("%zu of %zu series incomplete (missing, "
	    "InternalError, Forbidden or PartialData)", bad, u->nqueries);
	usage_fail(rc, CHAIN_DATA, 200, "IncompleteData", why);
	free(why);
}

/*
 * A usage page was read: continue its chain with "next" (owned), or
 * start what follows: the first GetMetricData call once ListMetrics is
 * done, the next batch of queries, or the end (OK).
 */
static void
usage_next(struct region_ctx *rc, enum chain chain, char *next)
{
	struct collect_usage	*u = &rc->out.usage;

	if (next != NULL && *next != '\0') {
		region_next_page(rc, chain, next);
		return;
	}
	free(next);
	if (chain == CHAIN_METRICS) {
		usage_queries(u);
		rc->usage_batch = 0;
	} else
		rc->usage_batch += AWS_CW_MAX_QUERIES;
	free(rc->token[CHAIN_DATA]);
	rc->token[CHAIN_DATA] = NULL;
	rc->pages[CHAIN_DATA] = 0;
	if (rc->usage_batch < u->nqueries)
		region_call(rc, CHAIN_DATA, NULL, 0);
	else
		usage_complete(rc);
}

/*
 * Start the usage chain of the region when its target asks for usage
 * and its window holds a minute not read yet.
 */
static void
usage_start(struct region_ctx *rc)
{
	const struct collect_usage_plan	*plan = rc->usage;
	size_t				 i = rc->usage_index;
	struct collect_usage		*u = &rc->out.usage;

	u->status = COLLECT_USAGE_SKIPPED;
	if (plan == NULL)
		return;
	if (!usage_window(plan->now, plan->last_end != NULL ?
	    plan->last_end[i] : 0, &u->start, &u->end)) {
		u->status = COLLECT_USAGE_NOTHING_NEW;
		return;
	}
	u->status = COLLECT_USAGE_RUNNING;
	region_call(rc, CHAIN_METRICS, NULL, 0);
}

/*
 * Keep up to COLLECT_AVAILABILITY_WINDOW availability calls of the region
 * submitted.  Submitting all of them when the model list arrives would
 * hold every request of every region in memory at once (thousands in a
 * large account) while the engine can run only a few per endpoint.
 */
static void
region_feed(struct region_ctx *rc)
{
	while (chain_alive(rc, CHAIN_MODELS) &&
	    rc->avail_inflight < COLLECT_AVAILABILITY_WINDOW &&
	    rc->avail_next < rc->out.snap.modelsz) {
		rc->avail_inflight++;
		region_call(rc, CHAIN_AVAILABILITY, NULL, rc->avail_next++);
	}
}

/* Start every chain that does not depend on another reply. */
static void
region_start(struct region_ctx *rc)
{
	region_call(rc, CHAIN_MODELS, NULL, 0);
	region_call(rc, CHAIN_PROFILES, NULL, 0);
	region_call(rc, CHAIN_QUOTAS, NULL, 0);
	region_call(rc, CHAIN_DEFAULTS, NULL, 0);
	region_call(rc, CHAIN_HISTORY, NULL, 0);
}

/*
 * Parse a successful reply into the region; -1 if it was malformed, with
 * the parser's reason in *cause (caller frees).
 */
static int
region_parse(struct region_ctx *rc, const struct pending *p,
    const struct http_response *resp, char **next, char **cause)
{
	struct snapshot	*s = &rc->out.snap;

	switch (p->chain) {
	case CHAIN_MODELS:
		if (aws_parse_foundation_models(resp->body, resp->bodysz,
		    s, cause) == -1)
			return -1;
		region_feed(rc);
		return 0;
	case CHAIN_AVAILABILITY:
		return aws_parse_model_availability(resp->body, resp->bodysz,
		    &s->models[p->model], cause);
	case CHAIN_PROFILES:
		return aws_parse_inference_profiles(resp->body, resp->bodysz,
		    s, next, cause);
	case CHAIN_QUOTAS:
		return aws_parse_service_quotas(resp->body, resp->bodysz, s,
		    0, next, cause);
	case CHAIN_DEFAULTS:
		return aws_parse_service_quotas(resp->body, resp->bodysz,
		    &rc->defaults, 1, next, cause);
	case CHAIN_HISTORY:
		return aws_parse_quota_history(resp->body, resp->bodysz, s,
		    next, cause);
	case CHAIN_METRICS:
		return aws_parse_list_metrics(resp->body, resp->bodysz,
		    &rc->out.usage.listed, next, cause);
	case CHAIN_DATA:
		return aws_parse_metric_data(resp->body, resp->bodysz,
		    &rc->out.usage.data, next, cause);
	case CHAIN__COUNT:
		break;
	}
	abort();
}

/*
 * Once nothing is in flight, queue the region for the caller.  It is
 * handed over by collect_idle(), when the engine has no reply to read,
 * so that recording it never delays the other regions' calls; or at
 * once, the oldest queued first, when more than COLLECT_MAX_UNRECORDED
 * wait.
 */
static void
region_end(struct region_ctx *rc)
{
	if (rc->inflight > 0 || rc->ended)
		return;
	rc->ended = 1;
	rc->col->fin[rc->col->fintail++] = rc;
	while (rc->col->fintail - rc->col->finhead > COLLECT_MAX_UNRECORDED)
		region_hand(rc->col->fin[rc->col->finhead++]);
	if (rc->started) {
		rc->col->active--;
		collect_start_more(rc->col);
	}
}

/*
 * Empty the arrays of the parts "rc" does not know: a failed list's
 * earlier pages are not the list.
 */
static void
region_drop_unknown(struct region_ctx *rc)
{
	int	p;

	for (p = 0; p < REGION_PART__COUNT; p++)
		if (rc->out.snap.unknown & REGION_PART_BIT(p))
			snapshot_move_part(NULL, &rc->out.snap, p);
}

/*
 * Order "v" by playbook_failure_rank(), most telling first, keeping the
 * order of arrival among equals (an insertion sort: a region has a few).
 */
static void
failures_rank(struct region_failure *v, size_t n)
{
	struct region_failure	 t;
	size_t			 i, j;
	int			*rank;

	rank = xcalloc(n, sizeof(*rank));
	for (i = 0; i < n; i++)
		rank[i] = playbook_failure_rank(v[i].http_status,
		    v[i].error_code, v[i].error_message);
	for (i = 1; i < n; i++) {
		t = v[i];
		for (j = i; j > 0 && rank[j - 1] < rank[i]; j--)
			v[j] = v[j - 1];
		if (j != i) {
			int	r = rank[i];

			memmove(&rank[j + 1], &rank[j], (i - j) * sizeof(*rank));
			rank[j] = r;
		}
		v[j] = t;
	}
	free(rank);
}

/*
 * The region's status: a region that answered nothing is failed, or
 * not enabled when its most telling failure says so; one that answered
 * but has failures is partial.  The most telling failure goes first and
 * is the one that out.operation, http_status, error_code and
 * error_message name.
 */
static void
region_status(struct region_ctx *rc)
{
	struct collect_region	*o = &rc->out;
	struct region_failure	*f = o->failures;

	if (o->failuresz == 0) {
		o->status = REGION_STATUS_OK;
		return;
	}
	failures_rank(f, o->failuresz);
	o->operation = f[0].operation;
	o->http_status = f[0].http_status;
	o->error_code = f[0].error_code;
	o->error_message = f[0].error_message;
	if (rc->answered > 0)
		o->status = REGION_STATUS_PARTIAL;
	else if (playbook_region_not_enabled(f[0].http_status,
	    f[0].error_code, f[0].error_message))
		o->status = REGION_STATUS_NOT_ENABLED;
	else
		o->status = REGION_STATUS_FAILED;
}

/* Finish the region's snapshot, hand it over, then free what is left. */
static void
region_hand(struct region_ctx *rc)
{
	size_t	i;

	/*
	 * Models whose availability was never asked (the run ended first:
	 * its deadline, or the engine stopped) are unknown like those whose
	 * call failed, never "not authorized".
	 */
	for (i = rc->avail_next; chain_alive(rc, CHAIN_MODELS) &&
	    i < rc->out.snap.modelsz; i++)
		region_fail(rc, CHAIN_AVAILABILITY, i, 0, "DeadlineExceeded",
		    "the run ended before this call was made");
	if (rc->out.usage.status == COLLECT_USAGE_RUNNING)
		usage_fail(rc, CHAIN_DATA, 0, "DeadlineExceeded",
		    "the run ended before the usage calls did");
	quotas_merge(rc);
	region_drop_unknown(rc);
	region_status(rc);
	rc->out.ok = rc->out.status == REGION_STATUS_OK ||
	    rc->out.status == REGION_STATUS_PARTIAL;
	if (rc->out.ok)
		snapshot_sort(&rc->out.snap);
	else
		snapshot_free(&rc->out.snap);
	rc->col->done(rc->col->arg, &rc->out);
	snapshot_free(&rc->out.snap);
	snapshot_free(&rc->defaults);
	usage_free(&rc->out.usage);
}

/* The engine's idle hook (http.h): one queued region at a time. */
static int
collect_idle(void *arg, int run)
{
	struct collector	*col = arg;

	if (col->finhead == col->fintail)
		return 0;
	if (run)
		region_hand(col->fin[col->finhead++]);
	return 1;
}

/*
 * A region the account has not enabled ("enabled", from ListRegions,
 * does not name it): one failure that playbook_region_not_enabled()
 * recognises, and no call at all.  1 if so, 0 when it is to be
 * collected (or the enabled regions are unknown: "enabled" NULL).
 */
static int
region_unlisted(struct region_ctx *rc, const struct aws_regions *enabled)
{
	if (enabled == NULL || aws_regions_has(enabled, rc->out.region))
		return 0;
	status_failure_add(&rc->out.failures, &rc->out.failuresz,
	    "ListRegions", 200, PLAYBOOK_CODE_REGION_NOT_LISTED,
	    "the account has not enabled this region "
	    "(absent from ListRegions)");
	return 1;
}

/*
 * Start regions, in order, while fewer than COLLECT_MAX_ACTIVE_REGIONS
 * are being collected.  A region that ends at once (not enabled,
 * nothing submitted) makes room for the next in the same loop, not by
 * recursion.
 */
static void
collect_start_more(struct collector *col)
{
	struct region_ctx	*rc;

	if (col->starting)
		return;
	col->starting = 1;
	while (col->active < COLLECT_MAX_ACTIVE_REGIONS &&
	    col->next < col->total) {
		rc = &col->rcs[col->next];
		rc->started = 1;
		col->active++;
		if (!region_unlisted(rc, rc->enabled)) {
			region_start(rc);
			usage_start(rc);
		}
		col->next++;
		/* when nothing could be submitted */
		region_end(rc);
	}
	col->starting = 0;
}

/* The completion of every call: see the comment at the top. */
static void
collect_done(void *arg, const struct http_response *resp,
    const struct http_error *err)
{
	struct pending		*p = arg;
	struct region_ctx	*rc = p->rc;
	char			*next = NULL, *cause = NULL;

	rc->inflight--;
	if (p->chain == CHAIN_AVAILABILITY)
		rc->avail_inflight--;
	if (err != NULL)
		region_fail(rc, p->chain, p->model, err->status, err->code,
		    err->message);
	else if (!CHAIN_IS_USAGE(p->chain))
		rc->answered++;		/* usage says nothing of the region */
	/* A part that failed already (the other quota list) takes no more. */
	if (err == NULL && chain_alive(rc, p->chain)) {
		if (region_parse(rc, p, resp, &next, &cause) == -1) {
			region_fail(rc, p->chain, p->model, resp->status,
			    "InvalidReply", cause != NULL ? cause :
			    "the reply could not be parsed");
			free(next);
		} else if (CHAIN_IS_USAGE(p->chain))
			usage_next(rc, p->chain, next);
		else
			region_next_page(rc, p->chain, next);
		free(cause);
	}
	if (p->chain == CHAIN_AVAILABILITY)
		region_feed(rc);
	free(p);
	region_end(rc);
}

int
collect_targets(const struct collect_target *t, size_t n,
    long long deadline_ms, collect_region_fn done, void *arg)
{
	struct collector	 col;
	struct region_ctx	*rcs;
	struct client		*engine;
	size_t			 i, k, total = 0;
	int			 j, rc;

	if (n == 0)
		return 0;
	engine = t[0].client;
	for (k = 0; k < n; k++)
		total += t[k].regionsz;
	memset(&col, 0, sizeof(col));
	col.done = done;
	col.arg = arg;
	col.fin = xcalloc(total + 1, sizeof(*col.fin));
	col.rcs = rcs = xcalloc(total + 1, sizeof(*rcs));
	col.total = total;
	for (k = 0, i = 0; k < n; k++) {
		size_t	r;

		for (r = 0; r < t[k].regionsz; r++, i++) {
			rcs[i].col = &col;
			rcs[i].client = t[k].client;
			rcs[i].out.account = t[k].account;
			rcs[i].out.region = t[k].regions[r];
			rcs[i].out.snap.region = xstrdup(t[k].regions[r]);
			rcs[i].usage = t[k].usage;
			rcs[i].usage_index = r;
			rcs[i].enabled = t[k].enabled;
		}
	}
	collect_start_more(&col);
	client_set_idle(engine, collect_idle, &col);
	rc = client_run(engine, deadline_ms);
	client_set_idle(engine, NULL, NULL);
	col.next = total;	/* no region starts after the engine */
	for (i = 0; i < total; i++)
		if (!rcs[i].ended) {
			/* Only after an engine failure: nothing completes. */
			for (j = 0; j < CHAIN__COUNT; j++)
				if (j != CHAIN_AVAILABILITY)
					region_fail(&rcs[i], (enum chain)j, 0,
					    0, "EngineError",
					    "the HTTP engine stopped");
			rcs[i].inflight = 0;
			region_end(&rcs[i]);
		}
	while (collect_idle(&col, 1))
		;
	for (i = 0; i < total; i++) {
		snapshot_free(&rcs[i].out.snap);
		snapshot_free(&rcs[i].defaults);
		status_failures_free(rcs[i].out.failures,
		    rcs[i].out.failuresz);
		usage_free(&rcs[i].out.usage);
		for (j = 0; j < CHAIN__COUNT; j++)
			free(rcs[i].token[j]);
	}
	free(rcs);
	free(col.fin);
	return rc;
}

int
collect_regions(struct client *c, char *const *regions, size_t regionsz,
    const struct aws_regions *enabled, const struct collect_usage_plan *usage,
    long long deadline_ms, collect_region_fn done, void *arg)
{
	struct collect_target	t;

	t.client = c;
	t.account = NULL;
	t.regions = regions;
	t.regionsz = regionsz;
	t.enabled = enabled;
	t.usage = usage;
	return collect_targets(&t, 1, deadline_ms, done, arg);
}
