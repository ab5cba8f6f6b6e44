/*
 * check_http.c: the HTTP engine against the scripted test server
 * (helper_httpd.c) on 127.0.0.1: replies, retries, limits, caps,
 * deadline and the https-only rule.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "http.h"
#include "url.h"
#include "retry.h"
#include "helper_httpd.h"
#include "helper_stderr.h"
#include "helper_check.h"

#define TEST_BASE_DELAY_MS	5	/* fast backoff for the tests */
#define TEST_MAX_CALLS		32

/* What one call's callbacks saw. */
struct result {
	int		 done;		/* done callback invocations */
	int		 prepared;	/* prepare callback invocations */
	int		 fail_prepare;	/* prepare returns -1 */
	long		 status;	/* resp->status or err->status */
	char		*body;		/* resp body copy */
	char		*request_id;	/* resp->request_id copy */
	char		*code;		/* err->code copy */
	char		*message;	/* err->message copy */
	char		 fmt[HTTP_ERROR_LEN]; /* http_error_fmt() */
	int		 attempts;	/* err->attempts */
	int		 ok;		/* 1 if resp, 0 if err */
	int		 seq;		/* completion order, from 1 */
};

static int	 done_seq;		/* completions so far (all calls) */

/* Shared state for the concurrency tests. */
struct conc {
	int	 inflight[4];		/* per key: prepared, not done */
	int	 max[4];		/* per key maximum */
	int	 total;			/* all keys */
	int	 max_total;
	int	 order[TEST_MAX_CALLS];	/* key of each completion */
	int	 norder;
};

struct conc_call {
	struct conc	*c;
	int		 key;		/* 0..3 */
};

static void
result_free(struct result *r)
{
	free(r->body);
	free(r->request_id);
	free(r->code);
	free(r->message);
}

static void
done_cb(void *arg, const struct http_response *resp,
    const struct http_error *err)
{
	struct result	*r = arg;

	ck_assert((resp == NULL) != (err == NULL));
	r->done++;
	r->seq = ++done_seq;
	if (resp != NULL) {
		r->ok = 1;
		r->status = resp->status;
		r->body = xstrndup(resp->body, resp->bodysz);
		if (resp->request_id != NULL)
			r->request_id = xstrdup(resp->request_id);
		return;
	}
	r->ok = 0;
	r->status = err->status;
	r->code = xstrdup(err->code);
	r->message = xstrdup(err->message);
	r->attempts = err->attempts;
	http_error_fmt(err, r->fmt, sizeof(r->fmt));
}

/* Adds per-attempt headers that look like a signature. */
static int
prepare_cb(void *arg, const struct http_call *call, struct http_headers *out)
{
	struct result	*r = arg;
	char		 v[64];

	ck_assert_ptr_nonnull(call->url);
	r->prepared++;
	if (r->fail_prepare)
		return -1;
	(void)snprintf(v, sizeof(v), "%d", r->prepared);
	http_headers_add(out, "X-Test-Attempt", v);
	(void)snprintf(v, sizeof(v), "AWS4-HMAC-SHA256 Signature=s3cr3t%d",
	    r->prepared);
	http_headers_add(out, "Authorization", v);
	http_headers_add(out, "X-Amz-Security-Token", "T0K3N-value");
	return 0;
}

/* A stand-in for aws.c: the message is the "message" string value. */
static void
parse_error_cb(const struct http_response *r, char **code, char **message)
{
	const char	*p, *end;

	*code = NULL;
	*message = NULL;
	if (r->body == NULL || (p = strstr(r->body, "\"message\":\"")) == NULL)
		return;
	p += strlen("\"message\":\"");
	if ((end = strchr(p, '"')) != NULL)
		*message = xstrndup(p, end - p);
}

static void
test_config(struct http_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->max_in_flight = 8;
	cfg->max_per_endpoint = 4;
	cfg->connect_timeout_ms = 2000;
	cfg->request_timeout_ms = 5000;
	cfg->max_attempts = 3;
	cfg->base_delay_ms = TEST_BASE_DELAY_MS;
	cfg->prepare = prepare_cb;
	cfg->parse_error = parse_error_cb;
	cfg->seed = 1;
}

static char *
url_for(const struct httpd *d, const char *path)
{
	return xasprintf("http://127.0.0.1:%d%s", httpd_port(d), path);
}

/* Stop "d" and check that it received "n" requests. */
static void
stop_expect(struct httpd *d, size_t n)
{
	char	*log = httpd_stop(d);

	ck_assert_ptr_nonnull(log);
	ck_assert_uint_eq(httpd_count(log), n);
	free(log);
}

/* Submit one call of "method" with "body" to "url" and fill "r". */
static void
submit_one(struct http *h, const char *method, const char *url,
    const char *body, struct result *r)
{
	struct http_headers	 hdrs = { NULL, 0 };
	struct http_call	 c;

	http_headers_add(&hdrs, "Content-Type", "application/x-amz-json-1.1");
	http_headers_add(&hdrs, "X-Amz-Target", "ServiceQuotasV20190624.X");
	memset(&c, 0, sizeof(c));
	c.method = method;
	c.url = url;
	c.headers = &hdrs;
	c.body = body;
	c.bodysz = body != NULL ? strlen(body) : 0;
	c.endpoint_key = "servicequotas/us-east-1";
	c.operation = "ListServiceQuotas";
	c.region = "us-east-1";
	ck_assert_int_eq(http_submit(h, &c, done_cb, r), 0);
	http_headers_free(&hdrs);
}

/*
 * Serve "replies" and make one call with "cfg"; returns the server log
 * (caller frees) and fills "r" and "st".  No deadline: one round of
 * attempts, as in the SDKs (the rounds have tests of their own).
 */
static char *
run_one(const struct http_config *cfg, const struct httpd_reply *replies,
    size_t n, const char *method, const char *body, struct result *r,
    struct http_stats *st)
{
	struct httpd	*d;
	struct http	*h;
	char		*url, *log;

	ck_assert_ptr_nonnull(d = httpd_start(replies, n));
	ck_assert_ptr_nonnull(h = http_new(cfg));
	url = url_for(d, "/quotas?x=1");
	submit_one(h, method, url, body, r);
	ck_assert_int_eq(http_run(h, 0), 0);
	ck_assert_int_eq(r->done, 1);
	http_stats(h, st);
	http_free(h);
	free(url);
	log = httpd_stop(d);
	ck_assert_ptr_nonnull(log);
	return log;
}

START_TEST(test_ok_body)
{
	static const struct httpd_reply	 rep[] = {
		{ 200, "x-amzn-RequestId: req-123\r\n", "{\"Quotas\":[]}", 0 },
	};
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	char			*log;

	test_config(&cfg);
	log = run_one(&cfg, rep, 1, "POST", "{\"ServiceCode\":\"bedrock\"}",
	    &r, &st);
	ck_assert_int_eq(r.ok, 1);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body, "{\"Quotas\":[]}");
	ck_assert_str_eq(r.request_id, "req-123");
	ck_assert_uint_eq(httpd_count(log), 1);
	ck_assert_ptr_nonnull(strstr(log, "POST /quotas?x=1\n"));
	ck_assert_ptr_nonnull(strstr(log,
	    "Content-Type: application/x-amz-json-1.1\n"));
	ck_assert_ptr_nonnull(strstr(log,
	    "X-Amz-Target: ServiceQuotasV20190624.X\n"));
	ck_assert_ptr_nonnull(strstr(log, "\n\n{\"ServiceCode\":\"bedrock\"}"));
	ck_assert_ptr_null(strstr(log, "Expect:"));
	ck_assert_ptr_null(strstr(log, "x-www-form-urlencoded"));
	ck_assert_uint_eq(st.requests, 1);
	ck_assert_uint_eq(st.retries, 0);
	ck_assert_uint_eq(st.failures, 0);
	ck_assert_uint_eq(st.bytes_in, strlen("{\"Quotas\":[]}"));
	free(log);
	result_free(&r);
}
END_TEST

START_TEST(test_get_no_body)
{
	static const struct httpd_reply	 rep[] = { { 204, NULL, NULL, 0 } };
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	char			*log;

	test_config(&cfg);
	log = run_one(&cfg, rep, 1, "GET", NULL, &r, &st);
	ck_assert_int_eq(r.ok, 1);
	ck_assert_int_eq(r.status, 204);
	ck_assert_str_eq(r.body, "");
	ck_assert_ptr_null(r.request_id);
	ck_assert_ptr_nonnull(strstr(log, "GET /quotas?x=1\n"));
	ck_assert_ptr_null(strstr(log, "Content-Length"));
	free(log);
	result_free(&r);
}
END_TEST

START_TEST(test_429_then_200)
{
	static const struct httpd_reply	 rep[] = {
		{ 429, "x-amzn-ErrorType: ThrottlingException\r\n",
		    "{\"message\":\"slow down\"}", 0 },
		{ 200, NULL, "done", 0 },
	};
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	char			*log;

	test_config(&cfg);
	log = run_one(&cfg, rep, 2, "POST", "{}", &r, &st);
	ck_assert_int_eq(r.ok, 1);
	ck_assert_str_eq(r.body, "done");
	ck_assert_uint_eq(httpd_count(log), 2);
	ck_assert_uint_eq(st.requests, 2);
	ck_assert_uint_eq(st.retries, 1);
	ck_assert_uint_eq(st.failures, 0);
	free(log);
	result_free(&r);
}
END_TEST

START_TEST(test_throttling_400_retried)
{
	static const struct httpd_reply	 rep[] = {
		{ 400, "x-amzn-ErrorType: TooManyRequestsException\r\n",
		    "{\"message\":\"Rate exceeded\"}", 0 },
		{ 200, NULL, "ok", 0 },
	};
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	char			*log;

	test_config(&cfg);
	log = run_one(&cfg, rep, 2, "POST", "{}", &r, &st);
	ck_assert_int_eq(r.ok, 1);
	ck_assert_uint_eq(httpd_count(log), 2);
	free(log);
	result_free(&r);
}
END_TEST

START_TEST(test_500_exhausts_attempts)
{
	static const struct httpd_reply	 rep[] = {
		{ 500, "x-amzn-ErrorType: InternalServerException:"
		    "http://internal.amazon.com/coral/com.amazon.x/\r\n",
		    "{\"message\":\"oops\"}", 0 },
	};
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	char			*log;

	test_config(&cfg);
	log = run_one(&cfg, rep, 1, "POST", "{}", &r, &st);
	ck_assert_int_eq(r.ok, 0);
	ck_assert_int_eq(r.status, 500);
	ck_assert_int_eq(r.attempts, 3);
	ck_assert_str_eq(r.code, "InternalServerException");
	ck_assert_str_eq(r.fmt, "ListServiceQuotas us-east-1: "
	    "InternalServerException (HTTP 500) after 3 attempts: oops");
	ck_assert_uint_eq(httpd_count(log), 3);
	ck_assert_uint_eq(st.requests, 3);
	ck_assert_uint_eq(st.retries, 2);
	ck_assert_uint_eq(st.failures, 1);
	free(log);
	result_free(&r);
}
END_TEST

START_TEST(test_500_no_error_type)
{
	static const struct httpd_reply	 rep[] = { { 503, NULL, "", 0 } };
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	char			*log;

	test_config(&cfg);
	cfg.max_attempts = 2;
	log = run_one(&cfg, rep, 1, "GET", NULL, &r, &st);
	ck_assert_int_eq(r.ok, 0);
	ck_assert_str_eq(r.code, "503");
	ck_assert_int_eq(r.attempts, 2);
	ck_assert_uint_eq(httpd_count(log), 2);
	free(log);
	result_free(&r);
}
END_TEST

START_TEST(test_large_post_no_expect)
{
	static const struct httpd_reply	 rep[] = { { 200, NULL, "ok", 0 } };
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	long long		 t0 = util_now_ms();
	char			*big, *log;

	/* libcurl would send "Expect: 100-continue" for this size. */
	big = xmalloc(1536 * 1024 + 1);
	memset(big, 'p', 1536 * 1024);
	big[1536 * 1024] = '\0';
	test_config(&cfg);
	log = run_one(&cfg, rep, 1, "POST", big, &r, &st);
	ck_assert_int_eq(r.ok, 1);
	ck_assert_ptr_null(strstr(log, "Expect"));
	ck_assert_ptr_nonnull(strstr(log, "Content-Length: 1572864\n"));
	ck_assert_ptr_nonnull(strstr(log, big));
	/* No one-second wait for a "100 Continue" that never comes. */
	ck_assert_int_lt(util_now_ms() - t0, 900);
	free(big);
	free(log);
	result_free(&r);
}
END_TEST

START_TEST(test_400_not_retried)
{
	static const struct httpd_reply	 rep[] = {
		{ 400, "x-amzn-ErrorType: ValidationException\r\n",
		    "{\"message\":\"bad \x1b[31m input [a-z\\-]\"}", 0 },
		{ 200, NULL, "must not be reached", 0 },
	};
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	char			*log;

	test_config(&cfg);
	log = run_one(&cfg, rep, 2, "POST", "{}", &r, &st);
	ck_assert_int_eq(r.ok, 0);
	ck_assert_int_eq(r.status, 400);
	ck_assert_int_eq(r.attempts, 1);
	ck_assert_str_eq(r.code, "ValidationException");
	/*
	 * The message as received, for the store and the reports, which
	 * escape it once themselves; made harmless (once) for stderr.
	 */
	ck_assert_str_eq(r.message, "bad \x1b[31m input [a-z\\-]");
	ck_assert_str_eq(r.fmt, "ListServiceQuotas us-east-1: "
	    "ValidationException (HTTP 400) after 1 attempt: "
	    "bad \\x1b[31m input [a-z\\x5c-]");
	ck_assert_uint_eq(httpd_count(log), 1);
	free(log);
	result_free(&r);
}
END_TEST

START_TEST(test_reset_retried)
{
	static const struct httpd_reply	 rep[] = {
		{ 0, NULL, NULL, 0 },
		{ 200, NULL, "after reset", 0 },
	};
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	char			*log;

	test_config(&cfg);
	log = run_one(&cfg, rep, 2, "POST", "{}", &r, &st);
	ck_assert_int_eq(r.ok, 1);
	ck_assert_str_eq(r.body, "after reset");
	ck_assert_uint_eq(httpd_count(log), 2);
	ck_assert_uint_eq(st.retries, 1);
	free(log);
	result_free(&r);
}
END_TEST

START_TEST(test_reset_every_time)
{
	static const struct httpd_reply	 rep[] = { { 0, NULL, NULL, 0 } };
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	char			*log;

	test_config(&cfg);
	log = run_one(&cfg, rep, 1, "POST", "{}", &r, &st);
	ck_assert_int_eq(r.ok, 0);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.code, "ConnectionReset");
	ck_assert_int_eq(r.attempts, 3);
	free(log);
	result_free(&r);
}
END_TEST

START_TEST(test_connection_refused)
{
	static const struct httpd_reply	 rep[] = { { 200, NULL, "x", 0 } };
	struct http_config	 cfg;
	struct httpd		*d;
	struct http		*h;
	struct result		 r = { 0 };
	char			*url, *log;

	/* A port that was just free: nothing listens there any more. */
	ck_assert_ptr_nonnull(d = httpd_start(rep, 1));
	url = url_for(d, "/");
	log = httpd_stop(d);
	test_config(&cfg);
	cfg.max_attempts = 2;
	ck_assert_ptr_nonnull(h = http_new(&cfg));
	submit_one(h, "GET", url, NULL, &r);
	ck_assert_int_eq(http_run(h, util_now_ms() + 5000), 0);
	ck_assert_int_eq(r.ok, 0);
	ck_assert_str_eq(r.code, "ConnectionRefused");
	ck_assert_int_eq(r.attempts, 2);
	http_free(h);
	free(url);
	free(log);
	result_free(&r);
}
END_TEST

START_TEST(test_body_too_large)
{
	static struct httpd_reply	 rep[] = { { 200, NULL, NULL, 0 } };
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	char			*big, *log;

	big = xmalloc(100001);
	memset(big, 'a', 100000);
	big[100000] = '\0';
	rep[0].body = big;
	test_config(&cfg);
	cfg.max_body_bytes = 4096;
	log = run_one(&cfg, rep, 1, "GET", NULL, &r, &st);
	ck_assert_int_eq(r.ok, 0);
	ck_assert_str_eq(r.code, "ResponseTooLarge");
	ck_assert_int_eq(r.status, 0);
	ck_assert_int_eq(r.attempts, 1);
	ck_assert_uint_eq(httpd_count(log), 1);
	ck_assert_uint_le(st.bytes_in, 4096);
	free(big);
	free(log);
	result_free(&r);
}
END_TEST

START_TEST(test_body_at_ceiling)
{
	static struct httpd_reply	 rep[] = { { 200, NULL, NULL, 0 } };
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	char			*big, *log;

	big = xmalloc(4097);
	memset(big, 'b', 4096);
	big[4096] = '\0';
	rep[0].body = big;
	test_config(&cfg);
	cfg.max_body_bytes = 4096;
	log = run_one(&cfg, rep, 1, "GET", NULL, &r, &st);
	ck_assert_int_eq(r.ok, 1);
	ck_assert_uint_eq(strlen(r.body), 4096);
	free(big);
	free(log);
	result_free(&r);
}
END_TEST

START_TEST(test_request_timeout)
{
	static const struct httpd_reply	 rep[] = {
		{ 200, NULL, "too late", 3000 },
	};
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	long long		 t0 = util_now_ms();
	char			*log;

	test_config(&cfg);
	cfg.request_timeout_ms = 200;
	cfg.max_attempts = 2;
	log = run_one(&cfg, rep, 1, "GET", NULL, &r, &st);
	ck_assert_int_eq(r.ok, 0);
	ck_assert_str_eq(r.code, "Timeout");
	ck_assert_int_eq(r.attempts, 2);
	ck_assert_int_lt(util_now_ms() - t0, 2000);
	ck_assert_uint_eq(httpd_count(log), 2);
	free(log);
	result_free(&r);
}
END_TEST

START_TEST(test_prepare_per_attempt)
{
	static const struct httpd_reply	 rep[] = {
		{ 503, NULL, NULL, 0 },
		{ 502, NULL, NULL, 0 },
		{ 200, NULL, "third time", 0 },
	};
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	char			*log;

	test_config(&cfg);
	log = run_one(&cfg, rep, 3, "POST", "{}", &r, &st);
	ck_assert_int_eq(r.ok, 1);
	ck_assert_int_eq(r.prepared, 3);
	ck_assert_uint_eq(httpd_count(log), 3);
	/* Each attempt carries its own, fresh signature. */
	ck_assert_uint_eq(httpd_count_matching(log, "X-Test-Attempt: 1\n"), 1);
	ck_assert_uint_eq(httpd_count_matching(log, "X-Test-Attempt: 2\n"), 1);
	ck_assert_uint_eq(httpd_count_matching(log, "X-Test-Attempt: 3\n"), 1);
	ck_assert_uint_eq(httpd_count_matching(log,
	    "Authorization: AWS4-HMAC-SHA256 Signature=s3cr3t2\n"), 1);
	ck_assert_uint_eq(httpd_count_matching(log,
	    "X-Amz-Security-Token: T0K3N-value\n"), 3);
	free(log);
	result_free(&r);
}
END_TEST

START_TEST(test_prepare_fails)
{
	static const struct httpd_reply	 rep[] = { { 200, NULL, "x", 0 } };
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	char			*log;

	test_config(&cfg);
	r.fail_prepare = 1;
	log = run_one(&cfg, rep, 1, "GET", NULL, &r, &st);
	ck_assert_int_eq(r.ok, 0);
	ck_assert_str_eq(r.code, "PrepareFailed");
	ck_assert_int_eq(r.prepared, 1);
	ck_assert_uint_eq(httpd_count(log), 0);
	ck_assert_uint_eq(st.requests, 0);
	ck_assert_uint_eq(st.failures, 1);
	free(log);
	result_free(&r);
}
END_TEST

static void
run_logged_retry(void)
{
	static const struct httpd_reply	 rep[] = {
		{ 429, "x-amzn-ErrorType: ThrottlingException\r\n", NULL, 0 },
		{ 200, NULL, "ok", 0 },
	};
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	int			 saved = log_level;

	test_config(&cfg);
	log_level = 3;
	free(run_one(&cfg, rep, 2, "POST", "{}", &r, &st));
	log_level = saved;
	ck_assert_int_eq(r.ok, 1);
	result_free(&r);
}

START_TEST(test_log_no_secrets)
{
	char	*out;

	stderr_capture_start();
	run_logged_retry();
	out = stderr_capture_end();
	/* One line per attempt, with operation, region, status, decision. */
	ck_assert_ptr_nonnull(strstr(out, "ListServiceQuotas us-east-1: "
	    "attempt 1/3: HTTP 429 ThrottlingException"));
	ck_assert_ptr_nonnull(strstr(out, "retry in "));
	ck_assert_ptr_nonnull(strstr(out, "attempt 2/3: HTTP 200 ok"));
	ck_assert_ptr_null(strstr(out, "s3cr3t"));
	ck_assert_ptr_null(strstr(out, "T0K3N"));
	ck_assert_ptr_null(strstr(out, "Authorization"));
	free(out);
}
END_TEST

static void
conc_prepare_count(struct conc_call *cc)
{
	struct conc	*c = cc->c;

	if (++c->inflight[cc->key] > c->max[cc->key])
		c->max[cc->key] = c->inflight[cc->key];
	if (++c->total > c->max_total)
		c->max_total = c->total;
}

static int
conc_prepare(void *arg, const struct http_call *call,
    struct http_headers *out)
{
	(void)call;
	(void)out;
	conc_prepare_count(arg);
	return 0;
}

static void
conc_done(void *arg, const struct http_response *resp,
    const struct http_error *err)
{
	struct conc_call	*cc = arg;
	struct conc		*c = cc->c;

	ck_assert_ptr_nonnull(resp);
	ck_assert_ptr_null(err);
	c->inflight[cc->key]--;
	c->total--;
	if (c->norder < TEST_MAX_CALLS)
		c->order[c->norder++] = cc->key;
}

/* Submit a ListFoundationModels GET of "url" under "key". */
static void
submit_get(struct http *h, const char *url, const char *key,
    http_done_fn done, void *arg)
{
	struct http_call	call;

	memset(&call, 0, sizeof(call));
	call.method = "GET";
	call.url = url;
	call.endpoint_key = key;
	call.operation = "ListFoundationModels";
	call.region = "us-east-1";
	ck_assert_int_eq(http_submit(h, &call, done, arg), 0);
}

/*
 * Submit calls[i].key's calls to one server (delay "delay_ms"), with
 * the given caps; fills "c" and "st" (server statistics).
 */
static void
run_concurrent(struct conc_call *calls, size_t n, int total_cap,
    int per_cap, int delay_ms, struct conc *c, struct httpd_stats *st)
{
	static const char *const keys[] = {
		"bedrock/us-east-1", "bedrock/eu-west-1",
		"servicequotas/us-east-1", "bedrock/ap-northeast-1",
	};
	struct httpd_reply	 rep[] = { { 200, NULL, "{}", 0 } };
	struct http_config	 cfg;
	struct httpd		*d;
	struct http		*h;
	char			*url;
	size_t			 i;

	rep[0].delay_ms = delay_ms;
	ck_assert_ptr_nonnull(d = httpd_start(rep, 1));
	test_config(&cfg);
	cfg.max_in_flight = total_cap;
	cfg.max_per_endpoint = per_cap;
	cfg.prepare = conc_prepare;
	ck_assert_ptr_nonnull(h = http_new(&cfg));
	url = url_for(d, "/foundation-models");
	for (i = 0; i < n; i++) {
		calls[i].c = c;
		submit_get(h, url, keys[calls[i].key], conc_done, &calls[i]);
	}
	ck_assert_int_eq(http_run(h, util_now_ms() + 10000), 0);
	http_free(h);
	free(url);
	free(httpd_stop_stats(d, st));
	ck_assert_int_eq(c->norder, (int)n);
	ck_assert_int_eq(c->total, 0);
}

START_TEST(test_per_endpoint_cap)
{
	struct conc_call	 calls[12];
	struct conc		 c;
	struct httpd_stats	 st;
	size_t			 i;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < 12; i++)
		calls[i].key = i % 2;
	run_concurrent(calls, 12, 8, 2, 150, &c, &st);
	/* Each key reaches its cap of 2, never more; both run at once. */
	ck_assert_int_eq(c.max[0], 2);
	ck_assert_int_eq(c.max[1], 2);
	ck_assert_int_eq(c.max_total, 4);
	ck_assert_uint_eq(st.max_active, 4);
	ck_assert_uint_eq(st.requests, 12);
}
END_TEST

START_TEST(test_total_cap)
{
	struct conc_call	 calls[9];
	struct conc		 c;
	struct httpd_stats	 st;
	size_t			 i;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < 9; i++)
		calls[i].key = i % 3;
	run_concurrent(calls, 9, 3, 8, 100, &c, &st);
	ck_assert_int_eq(c.max_total, 3);
	ck_assert_uint_eq(st.max_active, 3);
	/* The total cap bounds the connections too: they are reused. */
	ck_assert_uint_le(st.connections, 3);
}
END_TEST

/*
 * The default cap (HTTP_IN_FLIGHT_PER_ENDPOINT) grows with the endpoint
 * keys: every key of four reaches its own cap at once, more than any
 * fixed default would allow, and none goes over it.
 */
START_TEST(test_cap_grows_with_endpoints)
{
	struct conc_call	 calls[24];
	struct conc		 c;
	struct httpd_stats	 st;
	size_t			 i;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < 24; i++)
		calls[i].key = i % 4;
	run_concurrent(calls, 24, HTTP_IN_FLIGHT_PER_ENDPOINT, 3, 150, &c,
	    &st);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(c.max[i], 3);
	ck_assert_int_eq(c.max_total, 12);
	ck_assert_uint_eq(st.max_active, 12);
	ck_assert_uint_eq(st.requests, 24);
}
END_TEST

START_TEST(test_round_robin)
{
	struct conc_call	 calls[11];
	struct conc		 c;
	struct httpd_stats	 st;
	size_t			 i;
	int			 pos = -1;

	memset(&c, 0, sizeof(c));
	/* Ten calls for one region queued before one for another. */
	for (i = 0; i < 10; i++)
		calls[i].key = 0;
	calls[10].key = 1;
	run_concurrent(calls, 11, 1, 1, 10, &c, &st);
	for (i = 0; i < 11; i++)
		if (c.order[i] == 1)
			pos = (int)i;
	ck_assert_int_ge(pos, 0);
	ck_assert_int_le(pos, 1);
	ck_assert_int_eq(c.max_total, 1);
}
END_TEST

/* Many endpoint keys: per-key counters, indexed by the call's key. */
#define MANY_KEYS	1500
#define MANY_PER_KEY	3
struct many {
	int	inflight[MANY_KEYS];
	int	max[MANY_KEYS];
	int	done[MANY_KEYS];
	int	total, max_total;
};
struct many_call {
	struct many	*m;
	int		 key;
};

static int
many_prepare(void *arg, const struct http_call *call,
    struct http_headers *out)
{
	struct many_call	*mc = arg;
	struct many		*m = mc->m;

	(void)call;
	(void)out;
	if (++m->inflight[mc->key] > m->max[mc->key])
		m->max[mc->key] = m->inflight[mc->key];
	if (++m->total > m->max_total)
		m->max_total = m->total;
	return 0;
}

static void
many_done(void *arg, const struct http_response *resp,
    const struct http_error *err)
{
	struct many_call	*mc = arg;

	ck_assert_ptr_nonnull(resp);
	ck_assert_ptr_null(err);
	mc->m->inflight[mc->key]--;
	mc->m->total--;
	mc->m->done[mc->key]++;
}

/*
 * 1,500 endpoint keys (100 accounts of 15 keys), three calls each, one
 * in flight per key: every call runs once, a key met again is the same
 * endpoint (its cap holds), and the total cap holds while most keys are
 * long finished.
 */
START_TEST(test_many_endpoints)
{
	struct httpd_reply	 rep[] = { { 200, NULL, "{}", 0 } };
	struct http_config	 cfg;
	struct httpd_stats	 st;
	struct httpd		*d;
	struct http		*h;
	struct many		*m = xcalloc(1, sizeof(*m));
	struct many_call	*calls;
	char			*url, **keys;
	size_t			 i, n = MANY_KEYS * MANY_PER_KEY;

	calls = xcalloc(n, sizeof(*calls));
	keys = xcalloc(MANY_KEYS, sizeof(*keys));
	for (i = 0; i < MANY_KEYS; i++)
		keys[i] = xasprintf("%012zu/bedrock/r-%zu", i / 15, i % 15);
	ck_assert_ptr_nonnull(d = httpd_start(rep, 1));
	test_config(&cfg);
	cfg.max_in_flight = 16;
	cfg.max_per_endpoint = 1;
	cfg.prepare = many_prepare;
	ck_assert_ptr_nonnull(h = http_new(&cfg));
	url = url_for(d, "/foundation-models");
	for (i = 0; i < n; i++) {
		calls[i].m = m;
		calls[i].key = (int)(i / MANY_PER_KEY);
		submit_get(h, url, keys[calls[i].key], many_done, &calls[i]);
	}
	ck_assert_int_eq(http_run(h, util_now_ms() + 60000), 0);
	http_free(h);
	free(httpd_stop_stats(d, &st));
	ck_assert_uint_eq(st.requests, n);
	ck_assert_int_le(m->max_total, 16);
	for (i = 0; i < MANY_KEYS; i++) {
		ck_assert_int_eq(m->done[i], MANY_PER_KEY);
		ck_assert_int_eq(m->max[i], 1);
		free(keys[i]);
	}
	free(keys);
	free(calls);
	free(url);
	free(m);
}
END_TEST

START_TEST(test_connection_reuse)
{
	struct conc_call	 calls[5];
	struct conc		 c;
	struct httpd_stats	 st;
	size_t			 i;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < 5; i++)
		calls[i].key = 0;
	run_concurrent(calls, 5, 1, 1, 0, &c, &st);
	ck_assert_uint_eq(st.requests, 5);
	ck_assert_uint_eq(st.connections, 1);
}
END_TEST

struct chain {
	struct http	*h;
	char		*url;
	int		 pages;		/* pages fetched */
	int		 errors;
};

static void
chain_done(void *arg, const struct http_response *resp,
    const struct http_error *err)
{
	struct chain		*ch = arg;
	struct http_call	 call;

	if (err != NULL) {
		ch->errors++;
		return;
	}
	ck_assert_ptr_nonnull(resp);
	if (++ch->pages >= 3)
		return;
	/* Like pagination: the callback submits the next page. */
	memset(&call, 0, sizeof(call));
	call.method = "GET";
	call.url = ch->url;
	call.endpoint_key = "bedrock/us-east-1";
	call.operation = "ListInferenceProfiles";
	call.region = "us-east-1";
	ck_assert_int_eq(http_submit(ch->h, &call, chain_done, ch), 0);
}

START_TEST(test_callback_submits)
{
	static const struct httpd_reply	 rep[] = { { 200, NULL, "{}", 0 } };
	struct http_config	 cfg;
	struct chain		 ch = { NULL, NULL, 0, 0 };
	struct httpd		*d;

	ck_assert_ptr_nonnull(d = httpd_start(rep, 1));
	test_config(&cfg);
	cfg.prepare = NULL;
	ck_assert_ptr_nonnull(ch.h = http_new(&cfg));
	ch.url = url_for(d, "/inference-profiles");
	chain_done(&ch, &(struct http_response){ 200, NULL, 0, NULL, NULL,
	    NULL }, NULL);
	ck_assert_int_eq(http_run(ch.h, 0), 0);
	ck_assert_int_eq(ch.pages, 3);
	ck_assert_int_eq(ch.errors, 0);
	http_free(ch.h);
	stop_expect(d, 2);
	free(ch.url);
}
END_TEST

/* The idle hook's state: pieces of work and when they were done. */
struct idle_work {
	struct result	*r;		/* the call in flight */
	int		 left;		/* pieces still to do */
	int		 done_early;	/* pieces done before the reply */
	int		 asked;		/* run 0 calls */
};

static int
idle_cb(void *arg, int run)
{
	struct idle_work	*w = arg;

	if (!run) {
		w->asked++;
		return w->left > 0;
	}
	ck_assert_int_gt(w->left, 0);
	w->left--;
	w->done_early += w->r->done == 0;
	return 1;
}

/* Deferred work runs while the engine waits for a slow reply. */
START_TEST(test_idle_hook)
{
	static const struct httpd_reply	 rep[] = { { 200, NULL, "{}", 300 } };
	struct http_config	 cfg;
	struct result		 r;
	struct idle_work	 w;
	struct httpd		*d;
	struct http		*h;
	char			*url, *log;

	memset(&r, 0, sizeof(r));
	memset(&w, 0, sizeof(w));
	w.r = &r;
	w.left = 5;
	ck_assert_ptr_nonnull(d = httpd_start(rep, 1));
	test_config(&cfg);
	ck_assert_ptr_nonnull(h = http_new(&cfg));
	http_set_idle(h, idle_cb, &w);
	url = url_for(d, "/slow");
	submit_one(h, "GET", url, NULL, &r);
	ck_assert_int_eq(http_run(h, util_now_ms() + 10000), 0);
	ck_assert_int_eq(r.done, 1);
	ck_assert_int_eq(r.ok, 1);
	/* All of it, one piece at a time, while the reply was awaited. */
	ck_assert_int_eq(w.left, 0);
	ck_assert_int_eq(w.done_early, 5);
	ck_assert_int_ge(w.asked, 6);
	http_free(h);
	free(url);
	log = httpd_stop(d);
	free(log);
	result_free(&r);
}
END_TEST

START_TEST(test_deadline_in_flight)
{
	static const struct httpd_reply	 rep[] = {
		{ 200, NULL, "late", 3000 },
	};
	struct http_config	 cfg;
	struct result		 r[3];
	struct httpd		*d;
	struct http		*h;
	long long		 t0;
	char			*url;
	size_t			 i;

	memset(r, 0, sizeof(r));
	ck_assert_ptr_nonnull(d = httpd_start(rep, 1));
	test_config(&cfg);
	cfg.max_in_flight = 2;
	cfg.max_per_endpoint = 2;
	ck_assert_ptr_nonnull(h = http_new(&cfg));
	url = url_for(d, "/slow");
	for (i = 0; i < 3; i++)
		submit_one(h, "GET", url, NULL, &r[i]);
	t0 = util_now_ms();
	ck_assert_int_eq(http_run(h, t0 + 300), 0);
	ck_assert_int_lt(util_now_ms() - t0, 1500);
	/* Two were in flight, one still queued: all fail the same way. */
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(r[i].done, 1);
		ck_assert_int_eq(r[i].ok, 0);
		ck_assert_str_eq(r[i].code, "DeadlineExceeded");
		result_free(&r[i]);
	}
	ck_assert_int_eq(r[0].attempts + r[1].attempts + r[2].attempts, 2);
	http_free(h);
	free(url);
	free(httpd_stop(d));
}
END_TEST

START_TEST(test_deadline_during_backoff)
{
	static const struct httpd_reply	 rep[] = {
		{ 503, "x-amzn-ErrorType: ServiceUnavailableException\r\n",
		    NULL, 0 },
	};
	struct http_config	 cfg;
	struct result		 r = { 0 };
	struct httpd		*d;
	struct http		*h;
	long long		 t0;
	char			*url;

	ck_assert_ptr_nonnull(d = httpd_start(rep, 1));
	test_config(&cfg);
	cfg.base_delay_ms = 60000;	/* the retry would wait long */
	cfg.seed = 12345;
	ck_assert_ptr_nonnull(h = http_new(&cfg));
	url = url_for(d, "/");
	submit_one(h, "GET", url, NULL, &r);
	t0 = util_now_ms();
	ck_assert_int_eq(http_run(h, t0 + 300), 0);
	ck_assert_int_lt(util_now_ms() - t0, 1500);
	ck_assert_str_eq(r.code, "DeadlineExceeded");
	ck_assert_int_eq(r.attempts, 1);
	ck_assert_ptr_nonnull(strstr(r.message,
	    "ServiceUnavailableException"));
	http_free(h);
	stop_expect(d, 1);
	free(url);
	result_free(&r);
}
END_TEST

START_TEST(test_https_only)
{
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	struct http		*h;

	test_config(&cfg);
	ck_assert_ptr_nonnull(h = http_new(&cfg));
	submit_one(h, "GET", "http://example.com/foundation-models", NULL,
	    &r);
	ck_assert_int_eq(http_run(h, util_now_ms() + 5000), 0);
	ck_assert_int_eq(r.ok, 0);
	ck_assert_str_eq(r.code, "ProtocolNotAllowed");
	ck_assert_int_eq(r.attempts, 0);
	ck_assert_int_eq(r.prepared, 0);
	http_stats(h, &st);
	ck_assert_uint_eq(st.requests, 0);
	ck_assert_uint_eq(st.failures, 1);
	http_free(h);
	result_free(&r);
}
END_TEST

static const struct {
	const char	*url;
	int		 ok;
} url_rows[] = {
	{ "https://bedrock.us-east-1.amazonaws.com/foundation-models", 1 },
	{ "HTTPS://bedrock.us-east-1.amazonaws.com/", 1 },
	{ "https://127.0.0.1:8443/", 1 },
	{ "http://127.0.0.1:8080/", 1 },
	{ "http://127.1.2.3/x", 1 },
	{ "http://[::1]:8080/", 1 },
	{ "http://localhost:9000/", 1 },
	{ "http://LocalHost/", 1 },
	{ "http://example.com/", 0 },
	{ "http://bedrock.us-east-1.amazonaws.com/", 0 },
	{ "http://128.0.0.1/", 0 },
	{ "http://10.0.0.1/", 0 },
	{ "http://[::2]/", 0 },
	{ "http://[::ffff:127.0.0.1]/", 0 },
	{ "http://127.0.0.1.example.com/", 0 },
	{ "http://localhost.example.com/", 0 },
	{ "ftp://127.0.0.1/", 0 },
	{ "file:///etc/passwd", 0 },
	{ "gopher://localhost/", 0 },
	{ "not a url", 0 },
	{ "", 0 },
};

START_TEST(test_url_allowed)
{
	ck_assert_msg(url_allowed(url_rows[_i].url) == url_rows[_i].ok,
	    "%s", url_rows[_i].url);
}
END_TEST

START_TEST(test_invalid_calls)
{
	struct http_config	 cfg;
	struct http_headers	 hdrs = { NULL, 0 };
	struct http_call	 c;
	struct result		 r1 = { 0 }, r2 = { 0 };
	struct http		*h;

	test_config(&cfg);
	ck_assert_ptr_nonnull(h = http_new(&cfg));
	memset(&c, 0, sizeof(c));
	c.method = "GET";
	c.endpoint_key = "bedrock/us-east-1";
	ck_assert_int_eq(http_submit(h, &c, done_cb, &r1), -1);
	c.url = "https://127.0.0.1:1/";
	c.endpoint_key = NULL;
	ck_assert_int_eq(http_submit(h, &c, done_cb, &r1), -1);
	c.endpoint_key = "bedrock/us-east-1";
	/* Header injection is refused before anything is sent. */
	http_headers_add(&hdrs, "X-Evil", "a\r\nHost: evil");
	c.headers = &hdrs;
	ck_assert_int_eq(http_submit(h, &c, done_cb, &r1), 0);
	c.headers = NULL;
	c.method = "get";
	ck_assert_int_eq(http_submit(h, &c, done_cb, &r2), 0);
	ck_assert_int_eq(http_run(h, util_now_ms() + 5000), 0);
	ck_assert_str_eq(r1.code, "InvalidRequest");
	ck_assert_str_eq(r2.code, "InvalidRequest");
	ck_assert_int_eq(r1.prepared + r2.prepared, 0);
	http_headers_free(&hdrs);
	http_free(h);
	result_free(&r1);
	result_free(&r2);
}
END_TEST

START_TEST(test_config_limits)
{
	struct http_config	 cfg;
	struct http		*h;

	test_config(&cfg);
	cfg.max_attempts = 21;
	ck_assert_ptr_null(http_new(&cfg));
	test_config(&cfg);
	cfg.max_in_flight = HTTP_MAX_IN_FLIGHT_LIMIT + 1;
	ck_assert_ptr_null(http_new(&cfg));
	test_config(&cfg);
	cfg.max_body_bytes = (size_t)HTTP_MAX_BODY_BYTES + 1;
	ck_assert_ptr_null(http_new(&cfg));
	memset(&cfg, 0, sizeof(cfg));
	ck_assert_ptr_nonnull(h = http_new(&cfg));	/* all defaults */
	ck_assert_int_eq(http_run(h, 0), 0);		/* nothing to do */
	http_free(h);
	http_free(NULL);
}
END_TEST

START_TEST(test_error_fmt)
{
	struct http_error	 e;
	char			 out[HTTP_ERROR_LEN], small[16];

	memset(&e, 0, sizeof(e));
	e.status = 400;
	e.code = (char *)"TooManyRequestsException";
	e.message = (char *)"Rate exceeded";
	e.operation = "ListServiceQuotas";
	e.region = "us-east-1";
	e.attempts = 3;
	ck_assert_str_eq(http_error_fmt(&e, out, sizeof(out)),
	    "ListServiceQuotas us-east-1: TooManyRequestsException "
	    "(HTTP 400) after 3 attempts: Rate exceeded");
	e.status = 0;
	e.code = (char *)"Timeout";
	e.message = (char *)"timed out";
	e.attempts = 1;
	ck_assert_str_eq(http_error_fmt(&e, out, sizeof(out)),
	    "ListServiceQuotas us-east-1: Timeout after 1 attempt: "
	    "timed out");
	ck_assert_uint_eq(strlen(http_error_fmt(&e, small, sizeof(small))),
	    sizeof(small) - 1);
}
END_TEST

/* Submit one GET of "url" on logical endpoint "key", filling "r". */
static void
submit_keyed(struct http *h, const char *url, const char *key,
    struct result *r)
{
	struct http_call	 c;

	memset(&c, 0, sizeof(c));
	c.method = "GET";
	c.url = url;
	c.endpoint_key = key;
	c.operation = "ListFoundationModels";
	c.region = key;
	ck_assert_int_eq(http_submit(h, &c, done_cb, r), 0);
}

/*
 * The retry quota belongs to one logical endpoint, as an SDK's to one
 * client: a region whose endpoint fails until its bucket is empty
 * leaves every other region its retries.
 */
START_TEST(test_quota_per_endpoint)
{
	static const struct httpd_reply	 dead[] = { { 500, NULL, "{}", 0 } };
	static const struct httpd_reply	 flaky[] = {
		{ 500, NULL, "{}", 0 },
		{ 200, NULL, "{\"ok\":1}", 0 },
	};
	struct result		 r[60], other, again;
	struct http_config	 cfg;
	struct http_stats	 st;
	struct httpd		*d1, *d2;
	struct http		*h;
	char			*url1, *url2, *log;
	size_t			 i, no_quota = 0;

	memset(r, 0, sizeof(r));
	memset(&other, 0, sizeof(other));
	memset(&again, 0, sizeof(again));
	ck_assert_ptr_nonnull(d1 = httpd_start(dead, 1));
	ck_assert_ptr_nonnull(d2 = httpd_start(flaky, 2));
	test_config(&cfg);
	ck_assert_ptr_nonnull(h = http_new(&cfg));
	url1 = url_for(d1, "/foundation-models");
	url2 = url_for(d2, "/foundation-models");
	/*
	 * 60 calls of 2 retries each want 600 tokens; the bucket has 500.
	 * No deadline, so no later rounds: one round of attempts each.
	 */
	for (i = 0; i < 60; i++)
		submit_keyed(h, url1, "bedrock/us-east-1", &r[i]);
	ck_assert_int_eq(http_run(h, 0), 0);
	http_stats(h, &st);
	ck_assert_uint_eq(st.retries, RETRY_QUOTA_TOKENS / RETRY_COST_TOKENS);
	for (i = 0; i < 60; i++) {
		ck_assert_int_eq(r[i].ok, 0);
		no_quota += r[i].attempts < 3;
	}
	ck_assert_uint_gt(no_quota, 0);
	/* Another endpoint still retries its 500 and gets the 200. */
	submit_keyed(h, url2, "bedrock/eu-west-1", &other);
	/* The empty bucket stays empty: no retry on the first endpoint. */
	submit_keyed(h, url1, "bedrock/us-east-1", &again);
	ck_assert_int_eq(http_run(h, 0), 0);
	ck_assert_int_eq(other.ok, 1);
	ck_assert_str_eq(other.body, "{\"ok\":1}");
	ck_assert_int_eq(again.ok, 0);
	ck_assert_int_eq(again.attempts, 1);
	http_free(h);
	log = httpd_stop(d2);
	ck_assert_uint_eq(httpd_count(log), 2);
	free(log);
	free(httpd_stop(d1));
	for (i = 0; i < 60; i++)
		result_free(&r[i]);
	result_free(&other);
	result_free(&again);
	free(url1);
	free(url2);
}
END_TEST

/* A call that used up its attempts succeeds in a later round. */
START_TEST(test_round_then_success)
{
	static const struct httpd_reply	 rep[] = {
		{ 503, NULL, NULL, 0 },
		{ 503, NULL, NULL, 0 },
		{ 503, NULL, NULL, 0 },
		{ 200, NULL, "next round", 0 },
	};
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 };
	struct httpd		*d;
	struct http		*h;
	char			*url, *out;
	int			 saved = log_level;

	ck_assert_ptr_nonnull(d = httpd_start(rep, 4));
	test_config(&cfg);
	cfg.request_timeout_ms = 1000;	/* a round's budget: 9 s */
	cfg.round_base_ms = 50;
	ck_assert_ptr_nonnull(h = http_new(&cfg));
	url = url_for(d, "/quotas");
	submit_one(h, "POST", url, "{}", &r);
	log_level = 2;
	stderr_capture_start();
	ck_assert_int_eq(http_run(h, util_now_ms() + 15000), 0);
	out = stderr_capture_end();
	log_level = saved;
	/* The round's end and the next round's attempt, in the log. */
	ck_assert_ptr_nonnull(strstr(out, "attempt 3/3: HTTP 503 503, "));
	ck_assert_ptr_nonnull(strstr(out, " ms: round 2 in "));
	ck_assert_ptr_nonnull(strstr(out, "attempt 1/3 of round 2: "
	    "HTTP 200 ok"));
	free(out);
	ck_assert_int_eq(r.done, 1);
	ck_assert_int_eq(r.ok, 1);
	ck_assert_str_eq(r.body, "next round");
	ck_assert_int_eq(r.prepared, 4);	/* signed afresh each time */
	http_stats(h, &st);
	ck_assert_uint_eq(st.rounds, 1);
	ck_assert_uint_eq(st.requests, 4);
	ck_assert_uint_eq(st.retries, 3);
	ck_assert_uint_eq(st.failures, 0);
	http_free(h);
	stop_expect(d, 4);
	free(url);
	result_free(&r);
}
END_TEST

/*
 * An endpoint that never answers is given up after three rounds, long
 * before the deadline, while another endpoint's call completes.
 */
START_TEST(test_round_silent_given_up)
{
	static const struct httpd_reply	 dead[] = { { 0, NULL, NULL, 0 } };
	static const struct httpd_reply	 fine[] = { { 200, NULL, "ok", 0 } };
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 r = { 0 }, other = { 0 };
	struct httpd		*d1, *d2;
	struct http		*h;
	long long		 t0;
	char			*url1, *url2;

	ck_assert_ptr_nonnull(d1 = httpd_start(dead, 1));
	ck_assert_ptr_nonnull(d2 = httpd_start(fine, 1));
	test_config(&cfg);
	cfg.max_attempts = 2;
	cfg.round_base_ms = 50;
	ck_assert_ptr_nonnull(h = http_new(&cfg));
	url1 = url_for(d1, "/foundation-models");
	url2 = url_for(d2, "/foundation-models");
	submit_keyed(h, url1, "bedrock/us-west-2", &r);
	submit_keyed(h, url2, "bedrock/eu-west-1", &other);
	t0 = util_now_ms();
	ck_assert_int_eq(http_run(h, t0 + 60000), 0);
	/* Held until the deadline it would have taken a minute. */
	ck_assert_int_lt(util_now_ms() - t0, 30000);
	ck_assert_int_eq(r.ok, 0);
	ck_assert_str_eq(r.code, "ConnectionReset");
	ck_assert_int_eq(r.attempts, 2 * RETRY_ROUND_SILENT_LIMIT);
	ck_assert_int_eq(other.ok, 1);
	http_stats(h, &st);
	ck_assert_uint_eq(st.rounds, RETRY_ROUND_SILENT_LIMIT - 1);
	http_free(h);
	stop_expect(d1, 2 * RETRY_ROUND_SILENT_LIMIT);
	stop_expect(d2, 1);
	result_free(&r);
	result_free(&other);
	free(url1);
	free(url2);
}
END_TEST

/*
 * On an endpoint that has answered, a failing call has rounds until the
 * deadline is near, then fails with its own error, before the deadline.
 */
START_TEST(test_round_until_margin)
{
	static const struct httpd_reply	 rep[] = {
		{ 200, NULL, "first", 0 },
		{ 500, NULL, "{\"message\":\"down\"}", 0 },
	};
	struct http_config	 cfg;
	struct http_stats	 st;
	struct result		 first = { 0 }, r = { 0 };
	struct httpd		*d;
	struct http		*h;
	long long		 t0;
	char			*url;

	ck_assert_ptr_nonnull(d = httpd_start(rep, 2));
	test_config(&cfg);
	cfg.max_attempts = 2;
	cfg.request_timeout_ms = 200;
	cfg.round_base_ms = 20;
	ck_assert_ptr_nonnull(h = http_new(&cfg));
	url = url_for(d, "/foundation-models");
	submit_keyed(h, url, "bedrock/us-east-1", &first);
	ck_assert_int_eq(http_run(h, 0), 0);
	ck_assert_int_eq(first.ok, 1);
	submit_keyed(h, url, "bedrock/us-east-1", &r);
	t0 = util_now_ms();
	ck_assert_int_eq(http_run(h, t0 + 12000), 0);
	/* Ended by the margin (1.2 s) and a round's budget, not cut. */
	ck_assert_int_lt(util_now_ms() - t0, 12000);
	ck_assert_int_eq(r.ok, 0);
	ck_assert_str_eq(r.code, "500");
	ck_assert_str_eq(r.message, "down");
	ck_assert_int_gt(r.attempts, 2 * RETRY_ROUND_SILENT_LIMIT);
	http_stats(h, &st);
	ck_assert_uint_ge(st.rounds, RETRY_ROUND_SILENT_LIMIT);
	http_free(h);
	free(httpd_stop(d));
	free(url);
	result_free(&first);
	result_free(&r);
}
END_TEST

/*
 * A throttle slows its own endpoint down (the next attempt waits for a
 * token of the adaptive rate) and no other: one request at a time, the
 * first throttled, then every call of the other endpoint goes first.
 */
START_TEST(test_throttle_slows_endpoint)
{
	static const struct httpd_reply	 rep[] = {
		{ 429, "x-amzn-ErrorType: ThrottlingException\r\n", NULL, 0 },
		{ 200, NULL, "ok", 0 },
	};
	struct http_config	 cfg;
	struct result		 a[4], b[4];
	struct httpd		*d;
	struct http		*h;
	long long		 t0;
	char			*url;
	int			 i, last_b = 0;

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	ck_assert_ptr_nonnull(d = httpd_start(rep, 2));
	test_config(&cfg);
	cfg.max_in_flight = 1;
	ck_assert_ptr_nonnull(h = http_new(&cfg));
	url = url_for(d, "/foundation-models");
	for (i = 0; i < 4; i++)
		submit_keyed(h, url, "bedrock/us-east-1", &a[i]);
	for (i = 0; i < 4; i++)
		submit_keyed(h, url, "bedrock/eu-west-1", &b[i]);
	t0 = util_now_ms();
	ck_assert_int_eq(http_run(h, t0 + 15000), 0);
	/* The first token after the cut comes 1/rate later (rate <= 1.4/s). */
	ck_assert_int_ge(util_now_ms() - t0, 700);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(a[i].ok, 1);
		ck_assert_int_eq(b[i].ok, 1);
		if (b[i].seq > last_b)
			last_b = b[i].seq;
	}
	for (i = 0; i < 4; i++)
		ck_assert_int_gt(a[i].seq, last_b);
	http_free(h);
	free(httpd_stop(d));
	free(url);
	for (i = 0; i < 4; i++) {
		result_free(&a[i]);
		result_free(&b[i]);
	}
}
END_TEST

static Suite *
http_suite(void)
{
	Suite	*s = suite_create("http");
	TCase	*tc;

	tc = tcase_create("replies");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_ok_body);
	tcase_add_test(tc, test_get_no_body);
	tcase_add_test(tc, test_large_post_no_expect);
	tcase_add_test(tc, test_400_not_retried);
	tcase_add_test(tc, test_body_too_large);
	tcase_add_test(tc, test_body_at_ceiling);
	tcase_add_test(tc, test_prepare_fails);
	tcase_add_test(tc, test_log_no_secrets);
	suite_add_tcase(s, tc);
	tc = tcase_create("retries");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_429_then_200);
	tcase_add_test(tc, test_throttling_400_retried);
	tcase_add_test(tc, test_500_exhausts_attempts);
	tcase_add_test(tc, test_500_no_error_type);
	tcase_add_test(tc, test_reset_retried);
	tcase_add_test(tc, test_reset_every_time);
	tcase_add_test(tc, test_connection_refused);
	tcase_add_test(tc, test_request_timeout);
	tcase_add_test(tc, test_prepare_per_attempt);
	tcase_add_test(tc, test_quota_per_endpoint);
	suite_add_tcase(s, tc);
	tc = tcase_create("rounds");
	tcase_set_timeout(tc, 40);
	tcase_add_test(tc, test_round_then_success);
	tcase_add_test(tc, test_round_silent_given_up);
	tcase_add_test(tc, test_round_until_margin);
	tcase_add_test(tc, test_throttle_slows_endpoint);
	suite_add_tcase(s, tc);
	tc = tcase_create("scheduling");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_per_endpoint_cap);
	tcase_add_test(tc, test_total_cap);
	tcase_add_test(tc, test_cap_grows_with_endpoints);
	tcase_add_test(tc, test_round_robin);
	tcase_add_test(tc, test_many_endpoints);
	tcase_add_test(tc, test_connection_reuse);
	tcase_add_test(tc, test_callback_submits);
	tcase_add_test(tc, test_idle_hook);
	tcase_add_test(tc, test_deadline_in_flight);
	tcase_add_test(tc, test_deadline_during_backoff);
	suite_add_tcase(s, tc);
	tc = tcase_create("policy");
	tcase_add_test(tc, test_https_only);
	tcase_add_loop_test(tc, test_url_allowed, 0,
	    sizeof(url_rows) / sizeof(url_rows[0]));
	tcase_add_test(tc, test_invalid_calls);
	tcase_add_test(tc, test_config_limits);
	tcase_add_test(tc, test_error_fmt);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(http_suite());
}
