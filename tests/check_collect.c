/*
 * check_collect.c: regress tests for the collector's state machine
 * (collect.c), wired as cmd_aws.c wires it (config, static credentials
 * from the environment, client, HTTP engine) against the scripted server
 * of helper_httpd.c.  The server is routed: each request gets the reply
 * for its operation, page and region, so the collector's concurrency
 * cannot change what it is told.  Retries are cut to AWS_MAX_ATTEMPTS=2
 * and every wait to a second or two, so the whole file runs in seconds.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws.h"
#include "client.h"
#include "collect.h"
#include "config.h"
#include "creds.h"
#include "http.h"
#include "playbook.h"
#include "snapshot.h"
#include "status.h"
#include "util.h"
#include "config_testlib.h"
#include "helper_httpd.h"
#include "helper_check.h"

#define TARGET			"X-Amz-Target: ServiceQuotasV20190624."
#define MODEL_CLAUDE		"anthropic.claude-v2"
#define MODEL_TITAN		"amazon.titan-text-express-v1"
#define CALLS_PER_REGION	9	/* 1 + 2 availability + 2 + 2 + 1 + 1 */
#define MAX_ROUTES		20
#define MAX_REGIONS		4

/* Region names, writable as collect_regions() takes them. */
static char	us_east_1[] = "us-east-1";
static char	us_west_2[] = "us-west-2";
static char	eu_west_1[] = "eu-west-1";
static char	ap_east_1[] = "ap-east-1";

/* ListFoundationModels: two models, in reverse of the sorted order. */
static const char models_json[] = "{\"modelSummaries\": ["
    "{\"modelId\": \"" MODEL_CLAUDE "\", \"modelName\": \"Claude\","
    " \"providerName\": \"Anthropic\", \"inferenceTypesSupported\":"
    " [\"PROVISIONED\", \"ON_DEMAND\"], \"modelLifecycle\":"
    " {\"status\": \"ACTIVE\"}},"
    "{\"modelId\": \"" MODEL_TITAN "\", \"modelName\": \"Titan\","
    " \"providerName\": \"Amazon\", \"inferenceTypesSupported\":"
    " [\"ON_DEMAND\"], \"modelLifecycle\": {\"status\": \"LEGACY\"}}]}";

static const char avail_claude_json[] = "{\"modelId\": \"" MODEL_CLAUDE
    "\", \"agreementAvailability\": {\"status\": \"AVAILABLE\"},"
    " \"authorizationStatus\": \"AUTHORIZED\","
    " \"entitlementAvailability\": \"AVAILABLE\","
    " \"regionAvailability\": \"AVAILABLE\"}";

static const char avail_titan_json[] = "{\"modelId\": \"" MODEL_TITAN
    "\", \"agreementAvailability\": {\"status\": \"NOT_AVAILABLE\"},"
    " \"authorizationStatus\": \"NOT_AUTHORIZED\","
    " \"entitlementAvailability\": \"AVAILABLE\","
    " \"regionAvailability\": \"NOT_AVAILABLE\"}";

/* ListInferenceProfiles in two pages. */
static const char profiles1_json[] = "{\"inferenceProfileSummaries\": ["
    "{\"inferenceProfileId\": \"us." MODEL_CLAUDE "\","
    " \"inferenceProfileName\": \"US Claude\", \"type\": \"SYSTEM_DEFINED\","
    " \"status\": \"ACTIVE\", \"models\": [{\"modelArn\":"
    " \"arn:aws:bedrock:us-east-1::foundation-model/" MODEL_CLAUDE "\"}]}],"
    " \"nextToken\": \"tok-p2\"}";

static const char profiles2_json[] = "{\"inferenceProfileSummaries\": ["
    "{\"inferenceProfileId\": \"apac." MODEL_TITAN "\","
    " \"inferenceProfileName\": \"APAC Titan\", \"type\": \"SYSTEM_DEFINED\","
    " \"status\": \"ACTIVE\", \"models\": [{\"modelArn\":"
    " \"arn:aws:bedrock:ap-south-1::foundation-model/" MODEL_TITAN "\"}]}]}";

/* ListServiceQuotas in two pages; the defaults add a third quota. */
static const char quotas1_json[] = "{\"NextToken\": \"tok-q2\", \"Quotas\": ["
    "{\"QuotaCode\": \"L-00000001\", \"QuotaName\": \"One\", \"Value\": 10,"
    " \"Unit\": \"None\", \"Adjustable\": true, \"GlobalQuota\": false}]}";

static const char quotas2_json[] = "{\"Quotas\": ["
    "{\"QuotaCode\": \"L-00000002\", \"QuotaName\": \"Two\", \"Value\": 20,"
    " \"Unit\": \"Count\", \"Adjustable\": false, \"GlobalQuota\": true}]}";

static const char defaults_json[] = "{\"Quotas\": ["
    "{\"QuotaCode\": \"L-00000003\", \"QuotaName\": \"Three\", \"Value\": 1,"
    " \"Unit\": \"None\", \"Adjustable\": true},"
    "{\"QuotaCode\": \"L-00000002\", \"QuotaName\": \"Two\", \"Value\": 15,"
    " \"Unit\": \"Count\", \"Adjustable\": false},"
    "{\"QuotaCode\": \"L-00000001\", \"QuotaName\": \"One\", \"Value\": 5,"
    " \"Unit\": \"None\", \"Adjustable\": true}], \"NextToken\": null}";

static const char history_json[] = "{\"RequestedQuotas\": ["
    "{\"Id\": \"req-1\", \"QuotaCode\": \"L-00000001\", \"QuotaName\":"
    " \"One\", \"DesiredValue\": 100, \"Status\": \"PENDING\","
    " \"Created\": 1700000000}]}";

static const char service_error_json[] = "{\"__type\":"
    " \"com.amazonaws.servicequotas.model#ServiceException\","
    " \"Message\": \"internal failure\"}";

static const char denied_json[] = "{\"__type\": \"AccessDeniedException\","
    " \"message\": \"not authorized to perform this action\"}";

static const char throttled_json[] = "{\"__type\": \"ThrottlingException\","
    " \"message\": \"Rate exceeded\"}";

/* What AWS answers every call sent to an opt-in region not enabled. */
static const char not_enabled_json[] = "{\"__type\":"
    " \"UnrecognizedClientException\", \"message\": \"The security token"
    " included in the request is invalid.\"}";

/*
 * A region that answers everything; the page routes come before the
 * first-page routes they would otherwise match.
 */
static const struct httpd_route healthy[] = {
	{ { "GET /foundation-models " }, { 200, NULL, models_json, 0 } },
	{ { "GET /foundation-model-availability/" MODEL_CLAUDE " " },
	    { 200, NULL, avail_claude_json, 0 } },
	{ { "GET /foundation-model-availability/" MODEL_TITAN " " },
	    { 200, NULL, avail_titan_json, 0 } },
	{ { "GET /inference-profiles?", "nextToken=tok-p2" },
	    { 200, NULL, profiles2_json, 0 } },
	{ { "GET /inference-profiles?" }, { 200, NULL, profiles1_json, 0 } },
	{ { TARGET "ListServiceQuotas\r", "\"NextToken\": \"tok-q2\"" },
	    { 200, NULL, quotas2_json, 0 } },
	{ { TARGET "ListServiceQuotas\r" }, { 200, NULL, quotas1_json, 0 } },
	{ { TARGET "ListAWSDefaultServiceQuotas\r" },
	    { 200, NULL, defaults_json, 0 } },
	{ { TARGET "ListRequestedServiceQuotaChangeHistory\r" },
	    { 200, NULL, history_json, 0 } },
};

/* Routes that make eu-west-1 take 10 s over every reply. */
static const struct httpd_route stuck[] = {
	{ { "/eu-west-1/" }, { 200, NULL, "{}", 10000 } },
};

/* How one region ended, as the callback saw it. */
struct outcome {
	char		*region;
	int		 calls;		/* callbacks for this region */
	int		 ok;
	enum region_status status;
	struct snapshot	 snap;		/* taken from the collector */
	char		*operation;	/* the most telling failure */
	long		 http_status;
	char		*error_code;	/* "" when none */
	size_t		 kinds;		/* failuresz */
	unsigned	 failed_calls;	/* sum of the failures' counts */
	enum collect_usage_status usage;	/* r->usage.status */
	size_t		 usage_requested;
	size_t		 usage_queries;
	char		*usage_operation;
	char		*usage_code;
};

/* One collector run and everything it was wired to. */
struct run {
	struct httpd		*httpd;
	struct aws_config	*cfg;
	struct creds_provider	*cp;
	struct client		*client;
	struct outcome		 out[MAX_REGIONS];
	size_t			 outsz;
	int			 rc;		/* collect_regions() */
	long long		 elapsed_ms;	/* collect_regions() */
	struct http_stats	 st;		/* the engine's counters */
	char			*log;		/* what the server received */
};

/* The collect_region_fn: take the snapshot, keep the outcome. */
static void
record(void *arg, struct collect_region *r)
{
	struct run	*run = arg;
	struct outcome	*o = NULL;
	size_t		 i;

	for (i = 0; i < run->outsz; i++)
		if (strcmp(run->out[i].region, r->region) == 0)
			o = &run->out[i];
	if (o == NULL) {
		ck_assert_uint_lt(run->outsz, MAX_REGIONS);
		o = &run->out[run->outsz++];
		o->region = xstrdup(r->region);
	}
	o->calls++;
	o->ok = r->ok;
	o->status = r->status;
	if (r->ok) {
		o->snap = r->snap;
		memset(&r->snap, 0, sizeof(r->snap));
	}
	o->operation = xstrdup(str_or_empty(r->operation));
	o->http_status = r->http_status;
	o->error_code = xstrdup(str_or_empty(r->error_code));
	o->kinds = r->failuresz;
	o->usage = r->usage.status;
	o->usage_requested = r->usage.requested;
	o->usage_queries = r->usage.nqueries;
	o->usage_operation = xstrdup(str_or_empty(r->usage.operation));
	o->usage_code = xstrdup(str_or_empty(r->usage.error_code));
	for (i = 0; i < r->failuresz; i++)
		o->failed_calls += r->failures[i].count;
	/* The most telling failure is the one the region names. */
	ck_assert(r->failuresz == 0 || r->operation ==
	    r->failures[0].operation);
}

/* The enabled regions run_collect() passes (NULL: unknown). */
static const struct aws_regions *run_enabled;

/* The usage plan run_collect() passes (NULL: no usage). */
static const struct collect_usage_plan *run_usage;

/* The environment of a client of "d" with the example static keys. */
static void
env_at(struct httpd *d)
{
	char	*url;

	url = xasprintf("http://127.0.0.1:%d", httpd_port(d));
	ck_assert_int_eq(setenv("AWS_ENDPOINT_URL", url, 1), 0);
	free(url);
	ck_assert_int_eq(setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", 1), 0);
	ck_assert_int_eq(setenv("AWS_SECRET_ACCESS_KEY",
	    "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", 1), 0);
	ck_assert_int_eq(setenv("AWS_REGION", "us-east-1", 1), 0);
}

/*
 * Serve "pre" (routes for the misbehaving region, taking precedence)
 * then "healthy", wire the collector as cmd_aws.c does with static
 * credentials, collect "regions" until "deadline_in_ms" from now (0:
 * none), and stop the server.
 */
static void
run_collect(struct run *run, const struct httpd_route *pre, size_t presz,
    long request_timeout_ms, char *const *regions, size_t regionsz,
    long long deadline_in_ms)
{
	struct httpd_route	 routes[MAX_ROUTES];
	struct client_opts	 o;
	long long		 start;
	size_t			 n = sizeof(healthy) / sizeof(healthy[0]);

	memset(run, 0, sizeof(*run));
	ck_assert_uint_le(presz + n, MAX_ROUTES);
	if (presz > 0)
		memcpy(routes, pre, presz * sizeof(*pre));
	memcpy(routes + presz, healthy, sizeof(healthy));
	run->httpd = httpd_start_routed(routes, presz + n);
	ck_assert_ptr_nonnull(run->httpd);
	env_at(run->httpd);
	ck_assert_int_eq(setenv("AWS_MAX_ATTEMPTS", "2", 1), 0);
	ck_assert_ptr_nonnull(run->cfg = config_load(NULL, NULL));
	ck_assert_ptr_nonnull(run->cp = creds_provider_new(run->cfg));
	memset(&o, 0, sizeof(o));
	o.max_in_flight = 8;
	o.max_per_endpoint = 4;
	o.connect_timeout_ms = 2000;
	o.request_timeout_ms = request_timeout_ms;
	o.seed = 1;
	ck_assert_ptr_nonnull(run->client = client_new(run->cfg, run->cp,
	    &o));
	start = util_now_ms();
	run->rc = collect_regions(run->client, regions, regionsz, run_enabled,
	    run_usage, deadline_in_ms > 0 ? start + deadline_in_ms : 0, record, run);
	run->elapsed_ms = util_now_ms() - start;
	client_stats(run->client, &run->st);
	run->log = httpd_stop(run->httpd);
	run->httpd = NULL;
}

static void
run_free(struct run *run)
{
	size_t	i;

	for (i = 0; i < run->outsz; i++) {
		free(run->out[i].region);
		snapshot_free(&run->out[i].snap);
		free(run->out[i].operation);
		free(run->out[i].error_code);
		free(run->out[i].usage_operation);
		free(run->out[i].usage_code);
	}
	client_free(run->client);
	creds_provider_free(run->cp);
	config_free(run->cfg);
	free(run->log);
	memset(run, 0, sizeof(*run));
}

/* The outcome of "region", which must have been reported exactly once. */
static const struct outcome *
outcome_of(const struct run *run, const char *region)
{
	size_t	i;

	for (i = 0; i < run->outsz; i++)
		if (strcmp(run->out[i].region, region) == 0) {
			ck_assert_int_eq(run->out[i].calls, 1);
			return &run->out[i];
		}
	ck_abort_msg("region %s was never reported", region);
	return NULL;
}

/*
 * Assert that "region" failed with "code" and HTTP "status" (0: no
 * reply); returns its outcome.
 */
static const struct outcome *
assert_failed(const struct run *run, const char *region, const char *code,
    long status)
{
	const struct outcome	*o = outcome_of(run, region);

	ck_assert_int_eq(o->ok, 0);
	ck_assert_int_eq(o->status, REGION_STATUS_FAILED);
	ck_assert_str_eq(o->error_code, code);
	ck_assert_int_eq(o->http_status, status);
	return o;
}

/* Assert that "o" holds the whole of what "healthy" describes. */
static void
assert_complete(const struct outcome *o)
{
	const struct snapshot	*s = &o->snap;
	const struct model	*m;
	const struct quota	*q;

	ck_assert_msg(o->ok, "%s failed: %s %s", o->region,
	    str_or_empty(o->operation), str_or_empty(o->error_code));
	ck_assert_int_eq(o->status, REGION_STATUS_OK);
	ck_assert_uint_eq(o->kinds, 0);
	ck_assert_uint_eq(s->unknown, 0);
	ck_assert_str_eq(s->region, o->region);

	/* Models, sorted, each with its own availability reply. */
	ck_assert_uint_eq(s->modelsz, 2);
	m = &s->models[0];
	ck_assert_str_eq(m->model_id, MODEL_TITAN);
	ck_assert_str_eq(m->provider, "Amazon");
	ck_assert_str_eq(m->lifecycle, "LEGACY");
	ck_assert_str_eq(m->authorization, "NOT_AUTHORIZED");
	ck_assert_str_eq(m->entitlement, "AVAILABLE");
	ck_assert_str_eq(m->agreement, "NOT_AVAILABLE");
	ck_assert_str_eq(m->region_availability, "NOT_AVAILABLE");
	m = &s->models[1];
	ck_assert_str_eq(m->model_id, MODEL_CLAUDE);
	ck_assert_str_eq(m->inference_types, "ON_DEMAND,PROVISIONED");
	ck_assert_str_eq(m->authorization, "AUTHORIZED");
	ck_assert_str_eq(m->agreement, "AVAILABLE");
	ck_assert_str_eq(m->region_availability, "AVAILABLE");

	/* Profiles from both pages. */
	ck_assert_uint_eq(s->profilesz, 2);
	ck_assert_str_eq(s->profiles[0].profile_id, "apac." MODEL_TITAN);
	ck_assert_str_eq(s->profiles[0].regions, "ap-south-1");
	ck_assert_str_eq(s->profiles[1].profile_id, "us." MODEL_CLAUDE);
	ck_assert_str_eq(s->profiles[1].model_ids, MODEL_CLAUDE);

	/* Applied values from both pages, merged with the defaults. */
	ck_assert_uint_eq(s->quotasz, 3);
	ck_assert_ptr_nonnull(q = snapshot_find_quota(s, "L-00000001"));
	ck_assert(q->has_applied && q->applied_value == 10);
	ck_assert(q->has_default && q->default_value == 5);
	ck_assert_ptr_nonnull(q = snapshot_find_quota(s, "L-00000002"));
	ck_assert(q->has_applied && q->applied_value == 20);
	ck_assert(q->has_default && q->default_value == 15);
	ck_assert_int_eq(q->global_quota, 1);
	ck_assert_ptr_nonnull(q = snapshot_find_quota(s, "L-00000003"));
	ck_assert_int_eq(q->has_applied, 0);
	ck_assert(q->has_default && q->default_value == 1);

	/* The change history. */
	ck_assert_uint_eq(s->requestsz, 1);
	ck_assert_str_eq(s->requests[0].request_id, "req-1");
	ck_assert_str_eq(s->requests[0].status, "PENDING");
	ck_assert(s->requests[0].desired_value == 100);
	ck_assert_str_eq(s->requests[0].created, "2023-11-14T22:13:20Z");
}

/* Every call answers: the region is complete, pages are followed. */
/*
 * The caller's client of an engine pointed at "d" with static keys and
 * the caps and attempt timeout given; *cfg and *cp for the caller to
 * free after the client.
 */
static struct client *
engine_at(struct httpd *d, int max_in_flight, int per_endpoint,
    long timeout_ms, struct aws_config **cfg, struct creds_provider **cp)
{
	struct client_opts	 o;
	struct client		*base;

	env_at(d);
	ck_assert_ptr_nonnull(*cfg = config_load(NULL, NULL));
	ck_assert_ptr_nonnull(*cp = creds_provider_new(*cfg));
	memset(&o, 0, sizeof(o));
	o.max_in_flight = max_in_flight;
	o.max_per_endpoint = per_endpoint;
	o.connect_timeout_ms = 2000;
	o.request_timeout_ms = timeout_ms;
	o.seed = 1;
	ck_assert_ptr_nonnull(base = client_new(*cfg, *cp, &o));
	return base;
}

/* What collect_targets() handed over: each region with its account. */
struct seen {
	char	 account[16];		/* "" for the caller's */
	char	 region[32];
	int	 ok;
	enum region_status status;
	char	 code[32];		/* error_code; "" when none */
	size_t	 models;
};
static struct seen	seen[64];
static size_t		seensz;

static void
seen_record(void *arg, struct collect_region *r)
{
	(void)arg;
	ck_assert_uint_lt(seensz, sizeof(seen) / sizeof(seen[0]));
	(void)snprintf(seen[seensz].account, sizeof(seen[seensz].account),
	    "%s", r->account != NULL ? r->account : "");
	(void)snprintf(seen[seensz].region, sizeof(seen[seensz].region),
	    "%s", r->region);
	seen[seensz].ok = r->ok;
	seen[seensz].status = r->status;
	(void)snprintf(seen[seensz].code, sizeof(seen[seensz].code), "%s",
	    str_or_empty(r->error_code));
	seen[seensz].models = r->ok ? r->snap.modelsz : 0;
	seensz++;
}

/*
 * Two accounts on one engine (collect_targets()): each member client
 * shares the caller's engine; every (account, region) is handed over
 * once with its account, complete, and each account made its own calls.
 */
START_TEST(test_targets_accounts)
{
	char *const		 east[] = { us_east_1 };
	char *const		 both[] = { us_east_1, us_west_2 };
	struct collect_target	 t[2];
	struct aws_config	*cfg;
	struct creds_provider	*cp;
	struct client		*base, *a, *b;
	struct httpd		*d;
	struct http_stats	 st;
	char			*log;
	size_t			 i, n = sizeof(healthy) / sizeof(healthy[0]);

	ck_assert_ptr_nonnull(d = httpd_start_routed(healthy, n));
	base = engine_at(d, 8, 1, 5000, &cfg, &cp);
	a = client_new_member(base, cp, "111111111111");
	b = client_new_member(base, cp, "222222222222");
	memset(t, 0, sizeof(t));
	t[0].client = a;
	t[0].account = "111111111111";
	t[0].regions = east;
	t[0].regionsz = 1;
	t[1].client = b;
	t[1].account = "222222222222";
	t[1].regions = both;
	t[1].regionsz = 2;
	seensz = 0;
	ck_assert_int_eq(collect_targets(t, 2, 0, seen_record, NULL), 0);
	ck_assert_uint_eq(seensz, 3);
	for (i = 0; i < seensz; i++) {
		ck_assert_int_eq(seen[i].ok, 1);
		ck_assert_uint_eq(seen[i].models, 2);
		ck_assert(strcmp(seen[i].account, "222222222222") == 0 ||
		    (strcmp(seen[i].account, "111111111111") == 0 &&
		    strcmp(seen[i].region, "us-east-1") == 0));
	}
	/* All on the caller's engine: its counters saw every call. */
	client_stats(base, &st);
	ck_assert_uint_eq(st.requests, 3 * CALLS_PER_REGION);
	ck_assert_uint_eq(st.failures, 0);
	client_free(a);
	client_free(b);
	client_free(base);
	creds_provider_free(cp);
	config_free(cfg);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 3 * CALLS_PER_REGION);
	free(log);
	/* No target: nothing to do, nothing run. */
	ck_assert_int_eq(collect_targets(t, 0, 0, seen_record, NULL), 0);
}
END_TEST

/*
 * Run "n" accounts of one region each ("region") on one engine against
 * "routes", until "deadline_in_ms" from now (0: none), into seen[].
 */
static void
run_many(const struct httpd_route *routes, size_t nroutes, char *region,
    size_t n, long long deadline_in_ms)
{
	char *const		 regions[] = { region };
	struct collect_target	 t[64];
	char			 acct[64][16];
	struct client		*member[64];
	struct aws_config	*cfg;
	struct creds_provider	*cp;
	struct client		*base;
	struct httpd		*d;
	size_t			 i;

	ck_assert_uint_le(n, 64);
	ck_assert_ptr_nonnull(d = httpd_start_routed(routes, nroutes));
	base = engine_at(d, 64, 8, 30000, &cfg, &cp);
	memset(t, 0, sizeof(t));
	for (i = 0; i < n; i++) {
		(void)snprintf(acct[i], sizeof(acct[i]), "%012zu",
		    100000000000 + i);
		member[i] = client_new_member(base, cp, acct[i]);
		t[i].client = member[i];
		t[i].account = acct[i];
		t[i].regions = regions;
		t[i].regionsz = 1;
	}
	seensz = 0;
	ck_assert_int_eq(collect_targets(t, n, deadline_in_ms > 0 ?
	    util_now_ms() + deadline_in_ms : 0, seen_record, NULL), 0);
	for (i = 0; i < n; i++)
		client_free(member[i]);
	client_free(base);
	creds_provider_free(cp);
	config_free(cfg);
	free(httpd_stop(d));
}

/* Whether seen[] holds each of the "n" accounts of run_many() once. */
static void
assert_each_once(size_t n)
{
	size_t	i, j, found;
	char	acct[16];

	ck_assert_uint_eq(seensz, n);
	for (i = 0; i < n; i++) {
		(void)snprintf(acct, sizeof(acct), "%012zu", 100000000000 + i);
		for (j = found = 0; j < seensz; j++)
			found += strcmp(seen[j].account, acct) == 0;
		ck_assert_uint_eq(found, 1);
	}
}

/*
 * More regions than are collected at a time (60 accounts of one region,
 * at most COLLECT_MAX_ACTIVE_REGIONS at once): the later ones start as
 * the first end, and every one is handed over once, complete.
 */
START_TEST(test_targets_window)
{
	size_t	i, n = sizeof(healthy) / sizeof(healthy[0]);

	run_many(healthy, n, us_east_1, 60, 0);
	assert_each_once(60);
	for (i = 0; i < seensz; i++) {
		ck_assert_int_eq(seen[i].ok, 1);
		ck_assert_uint_eq(seen[i].models, 2);
	}
}
END_TEST

/*
 * Regions that never answer, more than are collected at a time: at the
 * run deadline the started ones fail with DeadlineExceeded, and so do
 * those that start then (nothing is left out, none waits for another
 * deadline).
 */
START_TEST(test_targets_window_deadline)
{
	long long	start = util_now_ms();
	size_t		i;

	run_many(stuck, 1, eu_west_1, 52, 1500);
	ck_assert_int_lt(util_now_ms() - start, 5000);
	assert_each_once(52);
	for (i = 0; i < seensz; i++) {
		ck_assert_int_eq(seen[i].status, REGION_STATUS_FAILED);
		ck_assert_str_eq(seen[i].code, "DeadlineExceeded");
	}
}
END_TEST

START_TEST(test_region_complete)
{
	char *const	 regions[] = { us_east_1 };
	struct run	 run;

	run_collect(&run, NULL, 0, 5000, regions, 1, 0);
	ck_assert_int_eq(run.rc, 0);
	ck_assert_uint_eq(run.outsz, 1);
	assert_complete(outcome_of(&run, "us-east-1"));
	/* Each call once, nothing retried, nothing failed. */
	ck_assert_uint_eq(run.st.requests, CALLS_PER_REGION);
	ck_assert_uint_eq(run.st.retries, 0);
	ck_assert_uint_eq(run.st.failures, 0);
	ck_assert_uint_eq(httpd_count(run.log), CALLS_PER_REGION);
	/* The second pages asked for the tokens of the first. */
	ck_assert_uint_eq(httpd_count_matching(run.log, "nextToken=tok-p2"),
	    1);
	ck_assert_uint_eq(httpd_count_matching(run.log,
	    "\"NextToken\": \"tok-q2\""), 1);
	ck_assert_uint_eq(httpd_count_matching(run.log,
	    "GET /foundation-model-availability/"), 2);
	ck_assert_uint_eq(httpd_count_matching(run.log,
	    "/us-east-1/bedrock/aws4_request"), 5);
	ck_assert_uint_eq(httpd_count_matching(run.log,
	    "/us-east-1/servicequotas/aws4_request"), 4);
	run_free(&run);
}
END_TEST

/*
 * ListServiceQuotas fails in us-west-2 on both attempts: that region is
 * partial, its quotas unknown (not empty) and everything else recorded;
 * us-east-1 is still complete.
 */
START_TEST(test_quota_list_fails_partial)
{
	static const struct httpd_route broken[] = {
		{ { "/us-west-2/", TARGET "ListServiceQuotas\r" },
		    { 500, NULL, service_error_json, 0 } },
	};
	char *const	 regions[] = { us_west_2, us_east_1 };
	const struct outcome *o;
	const struct snapshot *s;
	struct run	 run;

	run_collect(&run, broken, 1, 5000, regions, 2, 0);
	ck_assert_int_eq(run.rc, 0);
	ck_assert_uint_eq(run.outsz, 2);
	o = outcome_of(&run, "us-west-2");
	ck_assert_int_eq(o->ok, 1);
	ck_assert_int_eq(o->status, REGION_STATUS_PARTIAL);
	ck_assert_str_eq(o->operation, "ListServiceQuotas");
	ck_assert_str_eq(o->error_code, "ServiceException");
	ck_assert_int_eq(o->http_status, 500);
	ck_assert_uint_eq(o->failed_calls, 1);
	s = &o->snap;
	ck_assert_uint_eq(s->unknown, REGION_PART_BIT(REGION_PART_QUOTAS));
	/* The defaults arrived, but without the applied list no rows. */
	ck_assert_uint_eq(s->quotasz, 0);
	ck_assert_uint_eq(s->modelsz, 2);
	ck_assert_str_eq(s->models[1].authorization, "AUTHORIZED");
	ck_assert_int_eq(s->models[1].access_unknown, 0);
	ck_assert_uint_eq(s->profilesz, 2);
	ck_assert_uint_eq(s->requestsz, 1);
	assert_complete(outcome_of(&run, "us-east-1"));
	/* us-east-1's two pages, us-west-2's first page twice. */
	ck_assert_uint_eq(httpd_count_matching(run.log,
	    TARGET "ListServiceQuotas\n"), 4);
	ck_assert_uint_eq(run.st.retries, 1);
	ck_assert_uint_ge(run.st.failures, 1);
	run_free(&run);
}
END_TEST

/*
 * One availability call fails: that model's access is unknown (not
 * "not authorized"), the other model and every list are recorded.
 */
START_TEST(test_availability_fails_partial)
{
	static const struct httpd_route broken[] = {
		{ { "/us-west-2/", "GET /foundation-model-availability/"
		    MODEL_CLAUDE " " }, { 403, NULL, denied_json, 0 } },
	};
	char *const	 regions[] = { us_west_2 };
	const struct outcome *o;
	const struct model *m;
	struct run	 run;

	run_collect(&run, broken, 1, 5000, regions, 1, 0);
	o = outcome_of(&run, "us-west-2");
	ck_assert_int_eq(o->status, REGION_STATUS_PARTIAL);
	ck_assert_str_eq(o->operation, "GetFoundationModelAvailability");
	ck_assert_str_eq(o->error_code, "AccessDeniedException");
	ck_assert_uint_eq(o->snap.unknown, 0);
	ck_assert_ptr_nonnull(m = snapshot_find_model(&o->snap, MODEL_CLAUDE));
	ck_assert_int_eq(m->access_unknown, 1);
	ck_assert_ptr_null(m->authorization);
	ck_assert_str_eq(m->lifecycle, "ACTIVE");
	ck_assert_ptr_nonnull(m = snapshot_find_model(&o->snap, MODEL_TITAN));
	ck_assert_int_eq(m->access_unknown, 0);
	ck_assert_str_eq(m->authorization, "NOT_AUTHORIZED");
	ck_assert_uint_eq(o->snap.quotasz, 3);
	ck_assert_uint_eq(o->snap.profilesz, 2);
	run_free(&run);
}
END_TEST

/*
 * Three calls fail in three ways: the region names the most telling
 * (AccessDenied over a throttle over a 5xx), whatever arrives first,
 * and counts every failed call.  A 5xx without a code is its status
 * alone, not "500".
 */
START_TEST(test_most_telling_failure)
{
	static const struct httpd_route broken[] = {
		{ { "/us-west-2/", "GET /foundation-model-availability/"
		    MODEL_CLAUDE " " }, { 500, NULL, "", 0 } },
		{ { "/us-west-2/", "GET /inference-profiles?" },
		    { 429, NULL, throttled_json, 0 } },
		{ { "/us-west-2/", TARGET "ListRequestedServiceQuotaChange" },
		    { 400, NULL, denied_json, 300 } },
	};
	char *const	 regions[] = { us_west_2 };
	const struct outcome *o;
	struct run	 run;

	run_collect(&run, broken, 3, 5000, regions, 1, 0);
	o = outcome_of(&run, "us-west-2");
	ck_assert_int_eq(o->status, REGION_STATUS_PARTIAL);
	ck_assert_str_eq(o->operation,
	    "ListRequestedServiceQuotaChangeHistory");
	ck_assert_str_eq(o->error_code, "AccessDeniedException");
	ck_assert_uint_eq(o->kinds, 3);
	ck_assert_uint_eq(o->failed_calls, 3);
	ck_assert_uint_eq(o->snap.unknown,
	    REGION_PART_BIT(REGION_PART_PROFILES) |
	    REGION_PART_BIT(REGION_PART_REQUESTS));
	run_free(&run);
}
END_TEST

/*
 * The run's deadline passes while one availability call is unanswered:
 * that model's access is unknown, the region partial, the rest recorded.
 */
START_TEST(test_deadline_leaves_model_unknown)
{
	static const struct httpd_route slow[] = {
		{ { "/us-west-2/", "GET /foundation-model-availability/"
		    MODEL_CLAUDE " " }, { 200, NULL, avail_claude_json,
		    10000 } },
	};
	char *const	 regions[] = { us_west_2 };
	const struct outcome *o;
	const struct model *m;
	struct run	 run;

	run_collect(&run, slow, 1, 30000, regions, 1, 1500);
	o = outcome_of(&run, "us-west-2");
	ck_assert_int_eq(o->status, REGION_STATUS_PARTIAL);
	ck_assert_str_eq(o->error_code, "DeadlineExceeded");
	ck_assert_ptr_nonnull(m = snapshot_find_model(&o->snap, MODEL_CLAUDE));
	ck_assert_int_eq(m->access_unknown, 1);
	ck_assert_ptr_nonnull(m = snapshot_find_model(&o->snap, MODEL_TITAN));
	ck_assert_str_eq(m->authorization, "NOT_AUTHORIZED");
	ck_assert_uint_eq(o->snap.quotasz, 3);
	ck_assert_int_lt(run.elapsed_ms, 4000);
	run_free(&run);
}
END_TEST

/*
 * An opt-in region the account has not enabled answers every call with
 * UnrecognizedClientException: not enabled, no snapshot, not failed.
 */
START_TEST(test_region_not_enabled)
{
	static const struct httpd_route optin[] = {
		{ { "/ap-east-1/" }, { 403, NULL, not_enabled_json, 0 } },
	};
	char *const	 regions[] = { ap_east_1, us_east_1 };
	const struct outcome *o;
	struct run	 run;

	run_collect(&run, optin, 1, 5000, regions, 2, 0);
	o = outcome_of(&run, "ap-east-1");
	ck_assert_int_eq(o->ok, 0);
	ck_assert_int_eq(o->status, REGION_STATUS_NOT_ENABLED);
	ck_assert_str_eq(o->error_code, "UnrecognizedClientException");
	/* The five first calls, none retried, nothing asked after. */
	ck_assert_uint_eq(o->failed_calls, 5);
	assert_complete(outcome_of(&run, "us-east-1"));
	run_free(&run);
}
END_TEST

/*
 * ap-east-1 is absent from the account's enabled regions: not enabled,
 * and the server never hears of it; us-east-1, listed, is collected.
 */
START_TEST(test_region_not_listed)
{
	char		*names[] = { us_east_1 };
	struct aws_regions enabled = { names, 1 };
	char *const	 regions[] = { ap_east_1, us_east_1 };
	const struct outcome *o;
	struct run	 run;

	run_enabled = &enabled;
	run_collect(&run, NULL, 0, 5000, regions, 2, 0);
	run_enabled = NULL;
	o = outcome_of(&run, "ap-east-1");
	ck_assert_int_eq(o->ok, 0);
	ck_assert_int_eq(o->status, REGION_STATUS_NOT_ENABLED);
	ck_assert_str_eq(o->operation, "ListRegions");
	ck_assert_str_eq(o->error_code, PLAYBOOK_CODE_REGION_NOT_LISTED);
	ck_assert_ptr_null(strstr(run.log, "ap-east-1"));
	ck_assert_ptr_nonnull(strstr(run.log, "us-east-1"));
	assert_complete(outcome_of(&run, "us-east-1"));
	run_free(&run);
}
END_TEST

/*
 * eu-west-1 never answers (each reply would take 10 s): the run deadline
 * ends it with DeadlineExceeded, on time, and us-east-1 is complete.
 */
START_TEST(test_deadline_stops_region)
{
	char *const	 regions[] = { eu_west_1, us_east_1 };
	struct run	 run;

	run_collect(&run, stuck, 1, 30000, regions, 2, 1500);
	ck_assert_int_eq(run.rc, 0);
	ck_assert_uint_eq(run.outsz, 2);
	assert_failed(&run, "eu-west-1", "DeadlineExceeded", 0);
	assert_complete(outcome_of(&run, "us-east-1"));
	ck_assert_int_ge(run.elapsed_ms, 1400);
	ck_assert_int_lt(run.elapsed_ms, 4000);
	run_free(&run);
}
END_TEST

/*
 * Without a run deadline, the per-attempt timeout ends a region that
 * never answers: every attempt times out, the region fails with Timeout.
 */
START_TEST(test_attempt_timeout_stops_region)
{
	char *const	 regions[] = { eu_west_1 };
	struct run	 run;

	run_collect(&run, stuck, 1, 300, regions, 1, 0);
	ck_assert_int_eq(run.rc, 0);
	assert_failed(&run, "eu-west-1", "Timeout", 0);
	/* The five first calls, each tried AWS_MAX_ATTEMPTS (2) times. */
	ck_assert_uint_eq(run.st.requests, 10);
	ck_assert_uint_eq(run.st.retries, 5);
	ck_assert_uint_eq(run.st.failures, 5);
	ck_assert_int_lt(run.elapsed_ms, 4000);
	run_free(&run);
}
END_TEST


/* ---- usage evidence (CloudWatch) ---- */

#define CW_TARGET	"X-Amz-Target: GraniteServiceVersion20100801."

/* One model with two metrics of ours, one metric that is not, one series
   without a ModelId. */
static const char cw_list_json[] = "{\"Metrics\": ["
    "{\"Namespace\": \"AWS/Bedrock\", \"MetricName\": \"Invocations\","
    " \"Dimensions\": [{\"Name\": \"ModelId\", \"Value\": \"" MODEL_CLAUDE
    "\"}]},"
    "{\"Namespace\": \"AWS/Bedrock\", \"MetricName\": \"InvocationThrottles\","
    " \"Dimensions\": [{\"Name\": \"ModelId\", \"Value\": \"" MODEL_CLAUDE
    "\"}]},"
    "{\"Namespace\": \"AWS/Bedrock\", \"MetricName\": \"InvocationLatency\","
    " \"Dimensions\": [{\"Name\": \"ModelId\", \"Value\": \"" MODEL_CLAUDE
    "\"}]},"
    "{\"Namespace\": \"AWS/Bedrock\", \"MetricName\": \"Invocations\","
    " \"Dimensions\": []}]}";

static const char cw_data_json[] = "{\"MetricDataResults\": ["
    "{\"Id\": \"q0\", \"Timestamps\": [1764201660], \"Values\": [5],"
    " \"StatusCode\": \"Complete\"},"
    "{\"Id\": \"q1\", \"Timestamps\": [], \"Values\": [],"
    " \"StatusCode\": \"Complete\"}]}";

/* q1 is missing from the reply: its series is unknown, never zero. */
static const char cw_missing_json[] = "{\"MetricDataResults\": ["
    "{\"Id\": \"q0\", \"Timestamps\": [1764201660], \"Values\": [5],"
    " \"StatusCode\": \"Complete\"}]}";

static const char cw_denied_json[] = "{\"__type\":"
    " \"com.amazon.coral.service#AccessDeniedException\","
    " \"message\": \"not authorized to perform: cloudwatch:ListMetrics\"}";

static const struct httpd_route cw_ok[] = {
	{ { CW_TARGET "ListMetrics\r" }, { 200, NULL, cw_list_json, 0 } },
	{ { CW_TARGET "GetMetricData\r" }, { 200, NULL, cw_data_json, 0 } },
};

static const struct httpd_route cw_missing[] = {
	{ { CW_TARGET "ListMetrics\r" }, { 200, NULL, cw_list_json, 0 } },
	{ { CW_TARGET "GetMetricData\r" }, { 200, NULL, cw_missing_json, 0 } },
};

static const struct httpd_route cw_denied[] = {
	{ { CW_TARGET "ListMetrics\r" }, { 403, NULL, cw_denied_json, 0 } },
};

static const long long cw_last_end[] = { 0 };
static const struct collect_usage_plan cw_plan = { 1764288000, cw_last_end };

/*
 * Usage read: two queries (the metrics of ours), one GetMetricData, signed
 * for "monitoring" with x-amzn-query-mode, the region's own status
 * untouched.
 */
START_TEST(test_usage_complete)
{
	char *const		 regions[] = { us_east_1 };
	struct run		 run;
	const struct outcome	*o;

	run_usage = &cw_plan;
	run_collect(&run, cw_ok, 2, 5000, regions, 1, 0);
	run_usage = NULL;
	o = outcome_of(&run, "us-east-1");
	assert_complete(o);
	ck_assert_int_eq(o->usage, COLLECT_USAGE_OK);
	ck_assert_uint_eq(o->usage_queries, 2);
	ck_assert_uint_eq(o->usage_requested, 2);
	ck_assert_uint_eq(httpd_count_matching(run.log,
	    "/us-east-1/monitoring/aws4_request"), 2);
	ck_assert_uint_eq(httpd_count_matching(run.log,
	    "x-amzn-query-mode: true"), 2);
	ck_assert_uint_eq(httpd_count_matching(run.log,
	    "\"StartTime\": 1763078100, \"EndTime\": 1764287700"), 1);
	run_free(&run);
}
END_TEST

/* A query missing from the reply: the window is unknown, not zero. */
START_TEST(test_usage_missing_result)
{
	char *const		 regions[] = { us_east_1 };
	struct run		 run;
	const struct outcome	*o;

	run_usage = &cw_plan;
	run_collect(&run, cw_missing, 2, 5000, regions, 1, 0);
	run_usage = NULL;
	o = outcome_of(&run, "us-east-1");
	assert_complete(o);
	ck_assert_int_eq(o->usage, COLLECT_USAGE_FAILED);
	ck_assert_str_eq(o->usage_operation, "GetMetricData");
	ck_assert_str_eq(o->usage_code, "IncompleteData");
	run_free(&run);
}
END_TEST

/* CloudWatch denied: usage unknown; the region complete, no failure. */
START_TEST(test_usage_denied)
{
	char *const		 regions[] = { us_east_1 };
	struct run		 run;
	const struct outcome	*o;

	run_usage = &cw_plan;
	run_collect(&run, cw_denied, 1, 5000, regions, 1, 0);
	run_usage = NULL;
	o = outcome_of(&run, "us-east-1");
	assert_complete(o);
	ck_assert_uint_eq(o->kinds, 0);
	ck_assert_int_eq(o->usage, COLLECT_USAGE_FAILED);
	ck_assert_str_eq(o->usage_operation, "ListMetrics");
	ck_assert_str_eq(o->usage_code, "AccessDeniedException");
	ck_assert_uint_eq(httpd_count_matching(run.log,
	    CW_TARGET "GetMetricData"), 0);
	run_free(&run);
}
END_TEST

static Suite *
collect_suite(void)
{
	Suite	*s = suite_create("collect");
	TCase	*tc;

	tc = tcase_create("regions");
	tcase_add_checked_fixture(tc, ct_setup, ct_teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_region_complete);
	tcase_add_test(tc, test_targets_accounts);
	tcase_add_test(tc, test_targets_window);
	tcase_add_test(tc, test_targets_window_deadline);
	tcase_add_test(tc, test_quota_list_fails_partial);
	tcase_add_test(tc, test_availability_fails_partial);
	tcase_add_test(tc, test_most_telling_failure);
	tcase_add_test(tc, test_region_not_enabled);
	tcase_add_test(tc, test_region_not_listed);
	tcase_add_test(tc, test_deadline_leaves_model_unknown);
	tcase_add_test(tc, test_deadline_stops_region);
	tcase_add_test(tc, test_attempt_timeout_stops_region);
	tcase_add_test(tc, test_usage_complete);
	tcase_add_test(tc, test_usage_missing_result);
	tcase_add_test(tc, test_usage_denied);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(collect_suite());
}
