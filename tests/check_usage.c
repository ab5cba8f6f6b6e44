/*
 * check_usage.c: usage.c, the quota <-> metric mapping (a test per row
 * of its table), per-day aggregation (sum, peak, p95, active minutes,
 * window boundaries), the collection window, the verdict on a quota and
 * the suggested value.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "aws_cloudwatch.h"
#include "snapshot.h"
#include "usage.h"
#include "util.h"
#include "helper_check.h"
#include "helper_stderr.h"

#define DAY	86400LL
#define T0	1764547200LL		/* 2025-12-01T00:00:00Z */

/* -Wwrite-strings: the rows are never written */
#define S(x)	((char *)(x))

static struct model test_models[] = {
	{ .model_id = S("anthropic.claude-3-haiku-20240307-v1:0"),
	    .model_name = S("Claude 3 Haiku"), .provider = S("Anthropic") },
	{ .model_id = S("amazon.nova-pro-v1:0"), .model_name = S("Nova Pro"),
	    .provider = S("Amazon") },
	/* two IDs with one name: a quota naming it is not certain */
	{ .model_id = S("x.twin-v1:0"), .model_name = S("Twin"),
	    .provider = S("X") },
	{ .model_id = S("x.twin-v2:0"), .model_name = S("Twin"),
	    .provider = S("X") },
};
#define NMODELS	(sizeof(test_models) / sizeof(test_models[0]))

static struct aws_cw_metric test_listed_v[] = {
	{ S("anthropic.claude-3-haiku-20240307-v1:0"), S("Invocations") },
	{ S("anthropic.claude-3-haiku-20240307-v1:0"), S("InputTokenCount") },
	{ S("anthropic.claude-3-haiku-20240307-v1:0"), S("OutputTokenCount") },
	{ S("us.anthropic.claude-3-haiku-20240307-v1:0"), S("Invocations") },
	{ S("us.anthropic.claude-3-haiku-20240307-v1:0"),
	    S("EstimatedTPMQuotaUsage") },
	{ S("global.anthropic.claude-3-haiku-20240307-v1:0"),
	    S("Invocations") },
	{ S("global.anthropic.claude-3-haiku-20240307-v1:0"),
	    S("EstimatedTPMQuotaUsage") },
	{ S("us.amazon.nova-pro-v1:0"), S("Invocations") },
	{ S("eu.amazon.nova-pro-v1:0"), S("Invocations") },
};
static const struct aws_cw_metrics test_listed = { test_listed_v,
	sizeof(test_listed_v) / sizeof(test_listed_v[0]) };

#define HAIKU	"anthropic.claude-3-haiku-20240307-v1:0"

/* One row of the mapping table (and the cases around it). */
static const struct {
	const char		*name;
	enum usage_mapping	 mapping;
	enum usage_rate		 rate;
	enum usage_scope	 scope;
	enum usage_basis	 basis;
	const char		*series;
} map_cases[] = {
	{ "On-demand model inference tokens per minute for Anthropic Claude "
	    "3 Haiku", USAGE_MAPPED, USAGE_RATE_TOKENS, USAGE_SCOPE_ON_DEMAND,
	    USAGE_BASIS_TOKENS_APPROX, HAIKU },
	{ "On-demand model inference requests per minute for Anthropic "
	    "Claude 3 Haiku", USAGE_MAPPED, USAGE_RATE_REQUESTS,
	    USAGE_SCOPE_ON_DEMAND, USAGE_BASIS_INVOCATIONS, HAIKU },
	{ "On-demand InvokeModel tokens per minute for Claude 3 Haiku",
	    USAGE_MAPPED, USAGE_RATE_TOKENS, USAGE_SCOPE_ON_DEMAND,
	    USAGE_BASIS_TOKENS_APPROX, HAIKU },
	{ "On-demand InvokeModel requests per minute for Anthropic Claude 3 "
	    "Haiku", USAGE_MAPPED, USAGE_RATE_REQUESTS, USAGE_SCOPE_ON_DEMAND,
	    USAGE_BASIS_INVOCATIONS, HAIKU },
	{ "Cross-region model inference tokens per minute for Anthropic "
	    "Claude 3 Haiku", USAGE_MAPPED, USAGE_RATE_TOKENS,
	    USAGE_SCOPE_CROSS_REGION, USAGE_BASIS_TPM_ESTIMATE, "us." HAIKU },
	{ "Cross-region model inference requests per minute for Anthropic "
	    "Claude 3 Haiku", USAGE_MAPPED, USAGE_RATE_REQUESTS,
	    USAGE_SCOPE_CROSS_REGION, USAGE_BASIS_INVOCATIONS, "us." HAIKU },
	{ "Cross-Region InvokeModel tokens per minute for Anthropic Claude 3 "
	    "Haiku", USAGE_MAPPED, USAGE_RATE_TOKENS, USAGE_SCOPE_CROSS_REGION,
	    USAGE_BASIS_TPM_ESTIMATE, "us." HAIKU },
	{ "Cross-Region InvokeModel requests per minute for Anthropic Claude "
	    "3 Haiku", USAGE_MAPPED, USAGE_RATE_REQUESTS,
	    USAGE_SCOPE_CROSS_REGION, USAGE_BASIS_INVOCATIONS, "us." HAIKU },
	{ "Global cross-region model inference tokens per minute for "
	    "Anthropic Claude 3 Haiku", USAGE_MAPPED, USAGE_RATE_TOKENS,
	    USAGE_SCOPE_GLOBAL, USAGE_BASIS_TPM_ESTIMATE, "global." HAIKU },
	{ "Global cross-region model inference requests per minute for "
	    "Anthropic Claude 3 Haiku", USAGE_MAPPED, USAGE_RATE_REQUESTS,
	    USAGE_SCOPE_GLOBAL, USAGE_BASIS_INVOCATIONS, "global." HAIKU },
	{ "Global cross-Region InvokeModel tokens per minute for Anthropic "
	    "Claude 3 Haiku", USAGE_MAPPED, USAGE_RATE_TOKENS,
	    USAGE_SCOPE_GLOBAL, USAGE_BASIS_TPM_ESTIMATE, "global." HAIKU },
	{ "Global cross-Region InvokeModel requests per minute for Anthropic "
	    "Claude 3 Haiku", USAGE_MAPPED, USAGE_RATE_REQUESTS,
	    USAGE_SCOPE_GLOBAL, USAGE_BASIS_INVOCATIONS, "global." HAIKU },
	/* around the table */
	{ "On-demand model inference tokens per day for Anthropic Claude 3 "
	    "Haiku", USAGE_UNMAPPED_NAME, 0, 0, 0, NULL },
	{ "Model invocation max tokens per day for Anthropic Claude 3 Haiku",
	    USAGE_UNMAPPED_NAME, 0, 0, 0, NULL },
	{ "Batch inference jobs per account", USAGE_UNMAPPED_NAME, 0, 0, 0,
	    NULL },
	{ "On-demand model inference tokens per minute for Anthropic Claude "
	    "9", USAGE_UNMAPPED_MODEL, USAGE_RATE_TOKENS,
	    USAGE_SCOPE_ON_DEMAND, 0, NULL },
	{ "On-demand model inference tokens per minute for X Twin",
	    USAGE_UNMAPPED_MODEL, USAGE_RATE_TOKENS, USAGE_SCOPE_ON_DEMAND, 0,
	    NULL },
	/* us. and eu. both have data: which the quota counts is unsure */
	{ "Cross-region model inference tokens per minute for Amazon Nova "
	    "Pro", USAGE_UNMAPPED_AMBIGUOUS, USAGE_RATE_TOKENS,
	    USAGE_SCOPE_CROSS_REGION, 0, NULL },
	/* on-demand Nova Pro has no series: quiet, nothing to say */
	{ "On-demand model inference requests per minute for Amazon Nova Pro",
	    USAGE_QUIET, USAGE_RATE_REQUESTS, USAGE_SCOPE_ON_DEMAND, 0, NULL },
};

START_TEST(map_row)
{
	struct usage_map	 m;

	ck_assert_int_eq(usage_map_quota(map_cases[_i].name, test_models,
	    NMODELS, &test_listed, &m), map_cases[_i].mapping);
	ck_assert_int_eq(m.mapping, map_cases[_i].mapping);
	if (m.mapping == USAGE_UNMAPPED_NAME)
		return;
	ck_assert_int_eq(m.rate, map_cases[_i].rate);
	ck_assert_int_eq(m.scope, map_cases[_i].scope);
	if (m.mapping != USAGE_MAPPED) {
		ck_assert_ptr_null(m.series);
		return;
	}
	ck_assert_int_eq(m.basis, map_cases[_i].basis);
	ck_assert_str_eq(m.series, map_cases[_i].series);
	ck_assert_str_eq(m.base_model, HAIKU);
}
END_TEST

START_TEST(metric_names)
{
	enum usage_metric	 m;
	int			 i;

	for (i = 0; i < USAGE_METRIC__COUNT; i++) {
		ck_assert_int_eq(usage_metric_from_name(
		    usage_metric_name((enum usage_metric)i), &m), 0);
		ck_assert_int_eq(m, i);
	}
	ck_assert_str_eq(usage_metric_name(USAGE_TPM_ESTIMATE),
	    "EstimatedTPMQuotaUsage");
	ck_assert_int_eq(usage_metric_from_name("InvocationLatency", &m), -1);
}
END_TEST

/* ---- aggregation ---- */

/* A window of 2 days starting at noon: three day rows. */
START_TEST(aggregate_days)
{
	long long		 ts[] = { T0 + 43200 - 60, T0 + 43200,
		T0 + 43200 + 60, T0 + 50000 - 50000 % 60, T0 + DAY + 120,
		T0 + 2 * DAY + 43200 - 60, T0 + 2 * DAY + 43200,
		T0 + 43200 };
	double			 v[] = { 999, 10, 30, 30, 7, 5, 999, 2 };
	struct usage_day	*d;
	size_t			 n;

	ck_assert_int_eq(usage_aggregate(ts, v, 8, T0 + 43200,
	    T0 + 2 * DAY + 43200, &d, &n), 0);
	ck_assert_uint_eq(n, 3);
	/* day 1: from noon; the point before the window is not read */
	ck_assert_int_eq(d[0].day, T0);
	ck_assert_int_eq(d[0].minutes, 720);
	ck_assert(d[0].sum == 72);	/* 10 + 2 (same minute) + 30 + 30 */
	ck_assert(d[0].peak == 30);
	ck_assert_int_eq(d[0].peak_at, T0 + 43200 + 60);	/* the first */
	ck_assert_int_eq(d[0].active, 3);
	ck_assert(d[0].p95 == 0);	/* 3 busy minutes of 720 */
	ck_assert_int_eq(d[1].day, T0 + DAY);
	ck_assert_int_eq(d[1].minutes, 1440);
	ck_assert(d[1].sum == 7);
	ck_assert_int_eq(d[1].peak_at, T0 + DAY + 120);
	/* day 3: until noon; the point at the end is not read */
	ck_assert_int_eq(d[2].minutes, 720);
	ck_assert(d[2].sum == 5);
	ck_assert(d[2].peak == 5);
	free(d);
}
END_TEST

/* p95 by nearest rank: 100 minutes, values 1..100 -> 95. */
START_TEST(aggregate_p95)
{
	long long		 ts[100];
	double			 v[100];
	struct usage_day	*d;
	size_t			 n, i;

	for (i = 0; i < 100; i++) {
		ts[i] = T0 + (long long)(99 - i) * 60;	/* unsorted */
		v[i] = (double)(100 - i);
	}
	ck_assert_int_eq(usage_aggregate(ts, v, 100, T0, T0 + 6000, &d, &n),
	    0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(d[0].minutes, 100);
	ck_assert(d[0].p95 == 95);
	ck_assert(d[0].peak == 100);
	ck_assert_int_eq(d[0].peak_at, T0 + 99 * 60);
	ck_assert(d[0].sum == 5050);
	free(d);
	/* 200 minutes, the same 100 points: the 95th is 90 */
	ck_assert_int_eq(usage_aggregate(ts, v, 100, T0, T0 + 12000, &d, &n),
	    0);
	ck_assert(d[0].p95 == 90);
	ck_assert_int_eq(d[0].active, 100);
	free(d);
}
END_TEST

START_TEST(aggregate_empty_day_and_bad_window)
{
	struct usage_day	*d;
	size_t			 n;

	ck_assert_int_eq(usage_aggregate(NULL, NULL, 0, T0, T0 + 120, &d,
	    &n), 0);
	ck_assert_uint_eq(n, 1);		/* read, and zero */
	ck_assert_int_eq(d[0].minutes, 2);
	ck_assert(d[0].sum == 0 && d[0].peak == 0 && d[0].peak_at == 0);
	free(d);
	stderr_capture_start();
	ck_assert_int_eq(usage_aggregate(NULL, NULL, 0, T0, T0, &d, &n), -1);
	stderr_expect_one("usage: bad window");
	ck_assert_ptr_null(d);
	stderr_capture_start();
	ck_assert_int_eq(usage_aggregate(NULL, NULL, 0, T0 + 1, T0 + 61, &d,
	    &n), -1);
	stderr_expect_one("usage: bad window");
	stderr_capture_start();
	ck_assert_int_eq(usage_aggregate(NULL, NULL, 0, T0, T0 + 30 * DAY,
	    &d, &n), -1);
	stderr_expect_one("usage: bad window");
}
END_TEST

START_TEST(add_and_merge)
{
	long long		 ats[] = { 120, 60 }, bts[] = { 60, 180 }, *ts;
	double			 av[] = { 1, 2 }, bv[] = { 10, 20 }, *v;
	struct usage_day	 a = { T0, 10, 5, T0 + 60, 2, 100, 3 };
	struct usage_day	 b = { T0, 4, 5, T0 + 30 * 60, 4, 50, 2 };
	size_t			 n;

	usage_add_series(ats, av, 2, bts, bv, 2, &ts, &v, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(ts[0], 60);
	ck_assert(v[0] == 12);
	ck_assert(v[1] == 1);
	ck_assert(v[2] == 20);
	free(ts);
	free(v);
	usage_day_merge(&b, &a);	/* the earlier minute wins a tie */
	ck_assert(b.sum == 14);
	ck_assert_int_eq(b.peak_at, T0 + 60);
	ck_assert(b.p95 == 4);
	ck_assert_int_eq(b.minutes, 150);
	ck_assert_int_eq(b.active, 5);
	/* never more minutes than a day has */
	a.minutes = 1440;
	a.active = 1440;
	usage_day_merge(&b, &a);
	ck_assert_int_eq(b.minutes, USAGE_DAY_MINUTES);
	ck_assert_int_eq(b.active, USAGE_DAY_MINUTES);
}
END_TEST

/* ---- window ---- */

START_TEST(window)
{
	long long	 now = T0 + 10 * DAY + 3600 + 17, s, e;

	/* first run: 14 days back, ending 5 minutes before now */
	ck_assert_int_eq(usage_window(now, 0, &s, &e), 1);
	ck_assert_int_eq(e, T0 + 10 * DAY + 3600 - 300);
	ck_assert_int_eq(s, e - 14 * DAY);
	/* next run: from where the last ended, nothing read twice */
	ck_assert_int_eq(usage_window(now + 3600, e, &s, &e), 1);
	ck_assert_int_eq(s, T0 + 10 * DAY + 3600 - 300);
	ck_assert_int_eq(e, T0 + 10 * DAY + 7200 - 300);
	/* again within the same minute: nothing new */
	ck_assert_int_eq(usage_window(now + 3600 + 20, e, &s, &e), 0);
	/* a month later: never more than 14 days back */
	ck_assert_int_eq(usage_window(now + 30 * DAY, T0, &s, &e), 1);
	ck_assert_int_eq(e - s, 14 * DAY);
	/* a stored end in the future (clock moved back): nothing */
	ck_assert_int_eq(usage_window(now, now + DAY, &s, &e), 0);
}
END_TEST

/* ---- verdicts ---- */

static struct usage_day
day_row(long long day, double peak, long long at, int active)
{
	struct usage_day	d;

	memset(&d, 0, sizeof(d));
	d.day = day;
	d.peak = peak;
	d.peak_at = at;
	d.active = active;
	d.minutes = 1440;
	return d;
}

START_TEST(judge_near)
{
	struct usage_day	 use[2];
	struct usage_verdict	 v;

	use[0] = day_row(T0, 20000, T0 + 60, 100);
	use[1] = day_row(T0 + DAY, 42500, T0 + DAY + 14 * 3600 + 7 * 60, 90);
	ck_assert_int_eq(usage_judge(use, 2, NULL, 0, 50000, &v),
	    USAGE_FINDING_NEAR_QUOTA);
	ck_assert(v.peak == 42500);
	ck_assert_int_eq(v.peak_at, T0 + DAY + 14 * 3600 + 7 * 60);
	ck_assert(fabs(v.percent - 85) < 1e-9);
	ck_assert(v.suggested == 64000);	/* 63,750 rounded up */
	/* 79% is not near */
	use[1].peak = 39500;
	ck_assert_int_eq(usage_judge(use, 2, NULL, 0, 50000, &v),
	    USAGE_FINDING_NONE);
	ck_assert_int_eq(usage_judge(use, 2, NULL, 0, 0, &v),
	    USAGE_FINDING_NONE);
}
END_TEST

START_TEST(judge_throttled)
{
	struct usage_day	 use[2], thr[3];
	struct usage_verdict	 v;

	use[0] = day_row(T0, 30, T0 + 600, 50);		/* 30% of 100 */
	use[1] = day_row(T0 + DAY, 95, T0 + DAY + 60, 50);
	thr[0] = day_row(T0, 4, T0 + 600, 7);
	thr[1] = day_row(T0 + DAY, 2, T0 + DAY + 60, 3);
	thr[2] = day_row(T0 + 2 * DAY, 1, T0 + 2 * DAY, 9); /* usage unknown */
	ck_assert_int_eq(usage_judge(use, 2, thr, 3, 100, &v),
	    USAGE_FINDING_THROTTLED_BELOW);
	ck_assert_int_eq(v.throttled_minutes, 7);
	ck_assert(v.peak == 95);
	/* only the day at the quota throttled */
	thr[0].active = 0;
	ck_assert_int_eq(usage_judge(use, 2, thr, 3, 100, &v),
	    USAGE_FINDING_THROTTLED_AT);
	ck_assert_int_eq(v.throttled_minutes, 3);
	/* quiet: no usage, no throttles */
	ck_assert_int_eq(usage_judge(NULL, 0, NULL, 0, 100, &v),
	    USAGE_FINDING_NONE);
	ck_assert(v.peak == 0 && v.suggested == 0);
}
END_TEST

START_TEST(suggest)
{
	ck_assert(usage_suggest(41200) == 62000);	/* 61,800 */
	ck_assert(usage_suggest(40000) == 60000);	/* exact stays */
	ck_assert(usage_suggest(7) == 11);		/* 10.5 */
	ck_assert(usage_suggest(1) == 1.5);
	ck_assert(usage_suggest(999999) == 1500000);
	ck_assert(usage_suggest(0) == 0);
	ck_assert_str_eq(usage_finding_name(USAGE_FINDING_NEAR_QUOTA),
	    "near_quota");
	ck_assert_str_eq(usage_finding_name(USAGE_FINDING_THROTTLED_BELOW),
	    "throttled_below_quota");
	ck_assert_str_eq(usage_finding_name(USAGE_FINDING_THROTTLED_AT),
	    "throttled_at_quota");
}
END_TEST

/* ---- GetMetricData results: missing or unfinished is unknown ---- */

START_TEST(series_known)
{
	struct aws_cw_series	 v[4] = {
		{ S("q0"), AWS_CW_COMPLETE, NULL, NULL, 0 },
		{ S("q1"), AWS_CW_PARTIAL, NULL, NULL, 0 },
		{ S("q2"), AWS_CW_INTERNAL_ERROR, NULL, NULL, 0 },
		{ S("q3"), AWS_CW_FORBIDDEN, NULL, NULL, 0 },
	};
	struct aws_cw_data	 d = { v, 4 };

	ck_assert_ptr_eq(usage_series_known(&d, "q0"), &v[0]);
	ck_assert_ptr_null(usage_series_known(&d, "q1"));
	ck_assert_ptr_null(usage_series_known(&d, "q2"));
	ck_assert_ptr_null(usage_series_known(&d, "q3"));
	ck_assert_ptr_null(usage_series_known(&d, "q4"));	/* missing */
}
END_TEST

/*
 * usage_build(): a missing result id and an InternalError give no row
 * (unknown, never zero); input + output is added per minute; each quota
 * code is mapped once.
 */
START_TEST(build_rows)
{
	struct aws_cw_query	 q[4] = {
		{ "q0", HAIKU, "InputTokenCount" },
		{ "q1", HAIKU, "OutputTokenCount" },
		{ "q2", HAIKU, "Invocations" },		/* missing */
		{ "q3", HAIKU, "InvocationThrottles" },	/* InternalError */
	};
	long long		 ts0[] = { T0 + 60, T0 + 120 }, ts1[] = { T0 + 60 };
	double			 v0[] = { 100, 50 }, v1[] = { 30 };
	struct aws_cw_series	 sv[3] = {
		{ S("q0"), AWS_CW_COMPLETE, ts0, v0, 2 },
		{ S("q1"), AWS_CW_COMPLETE, ts1, v1, 1 },
		{ S("q3"), AWS_CW_INTERNAL_ERROR, NULL, NULL, 0 },
	};
	struct aws_cw_data	 d = { sv, 3 };
	struct quota		 qs[3];
	struct usage_result	 r;
	size_t			 i;
	int			 approx = 0, inv = 0;

	memset(qs, 0, sizeof(qs));
	qs[0].quota_code = S("L-1");
	qs[0].quota_name = S("On-demand model inference tokens per minute "
	    "for Anthropic Claude 3 Haiku");
	qs[1].quota_code = S("L-2");
	qs[1].quota_name = S("Agents per account");
	qs[2].quota_code = S("L-1");		/* another level: once */
	qs[2].quota_name = qs[0].quota_name;
	ck_assert_int_eq(usage_build(q, 4, &d, T0, T0 + 3600, test_models,
	    NMODELS, qs, 3, &test_listed, &r), 0);
	for (i = 0; i < r.nrows; i++) {
		ck_assert_str_eq(r.rows[i].model_id, HAIKU);
		ck_assert_str_ne(r.rows[i].metric, "Invocations");
		ck_assert_str_ne(r.rows[i].metric, "InvocationThrottles");
		if (strcmp(r.rows[i].metric, USAGE_TOKENS_APPROX_METRIC) == 0) {
			approx++;
			ck_assert(r.rows[i].day.peak == 130);
			ck_assert(r.rows[i].day.sum == 180);
			ck_assert_int_eq(r.rows[i].day.minutes, 60);
		}
	}
	ck_assert_uint_eq(r.nrows, 3);	/* input, output, input+output */
	ck_assert_int_eq(approx, 1);
	ck_assert_uint_eq(r.nmaps, 2);
	ck_assert_str_eq(r.maps[0].quota_code, "L-1");
	ck_assert_int_eq(r.maps[0].map.mapping, USAGE_MAPPED);
	ck_assert_str_eq(r.maps[0].model_id, HAIKU);
	ck_assert_str_eq(r.maps[0].metric, USAGE_TOKENS_APPROX_METRIC);
	ck_assert_int_eq(r.maps[1].map.mapping, USAGE_UNMAPPED_NAME);
	ck_assert_ptr_null(r.maps[1].model_id);
	usage_result_free(&r);
	/* without the quotas: rows only */
	ck_assert_int_eq(usage_build(q, 3, &d, T0, T0 + 3600, NULL, 0, NULL,
	    0, NULL, &r), 0);
	ck_assert_uint_eq(r.nmaps, 0);
	for (i = 0; i < r.nrows; i++)
		inv += strcmp(r.rows[i].metric, "Invocations") == 0;
	ck_assert_int_eq(inv, 0);
	usage_result_free(&r);
}
END_TEST

static Suite *
usage_suite(void)
{
	Suite	*s = suite_create("usage");
	TCase	*tc;

	tc = tcase_create("mapping");
	tcase_add_loop_test(tc, map_row, 0,
	    sizeof(map_cases) / sizeof(map_cases[0]));
	tcase_add_test(tc, metric_names);
	suite_add_tcase(s, tc);
	tc = tcase_create("aggregate");
	tcase_add_test(tc, aggregate_days);
	tcase_add_test(tc, aggregate_p95);
	tcase_add_test(tc, aggregate_empty_day_and_bad_window);
	tcase_add_test(tc, add_and_merge);
	tcase_add_test(tc, window);
	suite_add_tcase(s, tc);
	tc = tcase_create("judge");
	tcase_add_test(tc, judge_near);
	tcase_add_test(tc, judge_throttled);
	tcase_add_test(tc, suggest);
	tcase_add_test(tc, series_known);
	tcase_add_test(tc, build_rows);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(usage_suite());
}
