/*
 * check_retry.c: the AWS standard retry mode (classification, backoff,
 * retry quota, AWS_MAX_ATTEMPTS).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"
#include "retry.h"
#include "helper_check.h"

static const struct classify_row {
	long			 status;
	const char		*code;
	enum retry_transport	 xport;
	enum retry_kind		 want;
} classify_rows[] = {
	{ 200, NULL, RETRY_TRANSPORT_OK, RETRY_KIND_NONE },
	{ 204, NULL, RETRY_TRANSPORT_OK, RETRY_KIND_NONE },
	{ 429, NULL, RETRY_TRANSPORT_OK, RETRY_KIND_THROTTLING },
	{ 429, "ThrottlingException", RETRY_TRANSPORT_OK,
	    RETRY_KIND_THROTTLING },
	{ 400, "TooManyRequestsException", RETRY_TRANSPORT_OK,
	    RETRY_KIND_THROTTLING },
	{ 400, "Throttling", RETRY_TRANSPORT_OK, RETRY_KIND_THROTTLING },
	{ 400, "ThrottledException", RETRY_TRANSPORT_OK,
	    RETRY_KIND_THROTTLING },
	{ 400, "RequestThrottledException", RETRY_TRANSPORT_OK,
	    RETRY_KIND_THROTTLING },
	{ 400, "ProvisionedThroughputExceededException", RETRY_TRANSPORT_OK,
	    RETRY_KIND_THROTTLING },
	{ 400, "TransactionInProgressException", RETRY_TRANSPORT_OK,
	    RETRY_KIND_THROTTLING },
	{ 400, "RequestLimitExceeded", RETRY_TRANSPORT_OK,
	    RETRY_KIND_THROTTLING },
	{ 509, "BandwidthLimitExceeded", RETRY_TRANSPORT_OK,
	    RETRY_KIND_THROTTLING },
	{ 400, "LimitExceededException", RETRY_TRANSPORT_OK,
	    RETRY_KIND_THROTTLING },
	{ 400, "RequestThrottled", RETRY_TRANSPORT_OK,
	    RETRY_KIND_THROTTLING },
	{ 503, "SlowDown", RETRY_TRANSPORT_OK, RETRY_KIND_THROTTLING },
	{ 400, "PriorRequestNotComplete", RETRY_TRANSPORT_OK,
	    RETRY_KIND_THROTTLING },
	{ 400, "EC2ThrottledException", RETRY_TRANSPORT_OK,
	    RETRY_KIND_THROTTLING },
	{ 500, NULL, RETRY_TRANSPORT_OK, RETRY_KIND_TRANSIENT },
	{ 500, "InternalServerException", RETRY_TRANSPORT_OK,
	    RETRY_KIND_TRANSIENT },
	{ 502, NULL, RETRY_TRANSPORT_OK, RETRY_KIND_TRANSIENT },
	{ 503, "ServiceUnavailableException", RETRY_TRANSPORT_OK,
	    RETRY_KIND_TRANSIENT },
	{ 504, NULL, RETRY_TRANSPORT_OK, RETRY_KIND_TRANSIENT },
	{ 501, NULL, RETRY_TRANSPORT_OK, RETRY_KIND_NONE },
	{ 505, NULL, RETRY_TRANSPORT_OK, RETRY_KIND_NONE },
	{ 400, "RequestTimeout", RETRY_TRANSPORT_OK, RETRY_KIND_TRANSIENT },
	{ 408, "RequestTimeoutException", RETRY_TRANSPORT_OK,
	    RETRY_KIND_TRANSIENT },
	{ 400, "TimeoutError", RETRY_TRANSPORT_OK, RETRY_KIND_TRANSIENT },
	{ 400, "ValidationException", RETRY_TRANSPORT_OK, RETRY_KIND_NONE },
	{ 403, "AccessDeniedException", RETRY_TRANSPORT_OK, RETRY_KIND_NONE },
	{ 404, "ResourceNotFoundException", RETRY_TRANSPORT_OK,
	    RETRY_KIND_NONE },
	{ 400, "ServiceException", RETRY_TRANSPORT_OK, RETRY_KIND_NONE },
	{ 500, "ServiceException", RETRY_TRANSPORT_OK, RETRY_KIND_TRANSIENT },
	{ 408, NULL, RETRY_TRANSPORT_OK, RETRY_KIND_NONE },
	{ 400, "throttlingexception", RETRY_TRANSPORT_OK, RETRY_KIND_NONE },
	{ 400, "", RETRY_TRANSPORT_OK, RETRY_KIND_NONE },
	{ 0, NULL, RETRY_TRANSPORT_CONNECT, RETRY_KIND_TRANSIENT },
	{ 0, NULL, RETRY_TRANSPORT_TIMEOUT, RETRY_KIND_TIMEOUT },
	{ 0, NULL, RETRY_TRANSPORT_FATAL, RETRY_KIND_NONE },
	{ 200, NULL, RETRY_TRANSPORT_TIMEOUT, RETRY_KIND_TIMEOUT },
};

START_TEST(test_classify_table)
{
	const struct classify_row	*r = &classify_rows[_i];

	ck_assert_msg(retry_classify(r->status, r->code, r->xport) == r->want,
	    "row %d: %ld %s xport %d: got %s, want %s", _i, r->status,
	    r->code != NULL ? r->code : "(null)", r->xport,
	    retry_kind_name(retry_classify(r->status, r->code, r->xport)),
	    retry_kind_name(r->want));
}
END_TEST

START_TEST(test_throttling_codes_count)
{
	static const char *const codes[] = {
		"Throttling", "ThrottlingException", "ThrottledException",
		"RequestThrottledException", "TooManyRequestsException",
		"ProvisionedThroughputExceededException",
		"TransactionInProgressException", "RequestLimitExceeded",
		"BandwidthLimitExceeded", "LimitExceededException",
		"RequestThrottled", "SlowDown", "PriorRequestNotComplete",
		"EC2ThrottledException",
	};
	size_t	 i;

	ck_assert_uint_eq(sizeof(codes) / sizeof(codes[0]), 14);
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		ck_assert_msg(retry_is_throttling_code(codes[i]), "%s",
		    codes[i]);
	ck_assert(!retry_is_throttling_code(NULL));
	ck_assert(!retry_is_throttling_code("Throttlin"));
	ck_assert(!retry_is_throttling_code("ThrottlingExceptionX"));
}
END_TEST

START_TEST(test_rng_deterministic)
{
	struct retry_rng	 a, b;
	double			 u, sum = 0;
	int			 i, differ = 0;

	retry_rng_seed(&a, 42);
	retry_rng_seed(&b, 42);
	for (i = 0; i < 1000; i++) {
		u = retry_rng_unit(&a);
		ck_assert(u >= 0.0 && u < 1.0);
		ck_assert(u == retry_rng_unit(&b));
		sum += u;
	}
	/* Roughly uniform: the mean of 1000 draws is near 0.5. */
	ck_assert(sum / 1000 > 0.45 && sum / 1000 < 0.55);
	retry_rng_seed(&b, 43);
	retry_rng_seed(&a, 42);
	for (i = 0; i < 10; i++)
		differ += retry_rng_unit(&a) != retry_rng_unit(&b);
	ck_assert_int_eq(differ, 10);
}
END_TEST

START_TEST(test_delay_bounds)
{
	struct retry_policy	 p;
	struct retry_rng	 rng;
	long			 d, ceil_ms, max_seen;
	int			 attempt, i;

	retry_policy_init(&p);
	ck_assert_int_eq(p.base_delay_ms, 1000);
	ck_assert_int_eq(p.max_delay_ms, 20000);
	retry_rng_seed(&rng, 7);
	for (attempt = 1; attempt <= 20; attempt++) {
		ceil_ms = 1000L << (attempt - 1 < 5 ? attempt - 1 : 5);
		if (ceil_ms > 20000)
			ceil_ms = 20000;
		max_seen = 0;
		for (i = 0; i < 500; i++) {
			d = retry_delay_ms(&p, attempt, &rng);
			ck_assert_msg(d >= 0 && d < ceil_ms,
			    "attempt %d: %ld not in [0,%ld)", attempt, d,
			    ceil_ms);
			if (d > max_seen)
				max_seen = d;
		}
		/* Full jitter reaches near the ceiling, not just a part. */
		ck_assert_msg(max_seen > ceil_ms * 9 / 10, "attempt %d",
		    attempt);
	}
}
END_TEST

START_TEST(test_delay_fixed_prng)
{
	struct retry_policy	 p;
	struct retry_rng	 rng, ref;
	double			 u;

	retry_policy_init(&p);
	retry_rng_seed(&rng, 1);
	retry_rng_seed(&ref, 1);
	u = retry_rng_unit(&ref);
	ck_assert_int_eq(retry_delay_ms(&p, 1, &rng), (long)(u * 1000));
	u = retry_rng_unit(&ref);
	ck_assert_int_eq(retry_delay_ms(&p, 3, &rng), (long)(u * 4000));
	u = retry_rng_unit(&ref);
	ck_assert_int_eq(retry_delay_ms(&p, 6, &rng), (long)(u * 20000));
	p.base_delay_ms = 10;
	u = retry_rng_unit(&ref);
	ck_assert_int_eq(retry_delay_ms(&p, 2, &rng), (long)(u * 20));
	p.base_delay_ms = 0;
	ck_assert_int_eq(retry_delay_ms(&p, 5, &rng), 0);
}
END_TEST

START_TEST(test_quota_arithmetic)
{
	struct retry_quota	 q;
	int			 i;

	retry_quota_init(&q);
	ck_assert_int_eq(q.tokens, 500);
	ck_assert_int_eq(retry_quota_acquire(&q, RETRY_KIND_TRANSIENT), 5);
	ck_assert_int_eq(q.tokens, 495);
	ck_assert_int_eq(retry_quota_acquire(&q, RETRY_KIND_THROTTLING), 5);
	ck_assert_int_eq(retry_quota_acquire(&q, RETRY_KIND_TIMEOUT), 10);
	ck_assert_int_eq(q.tokens, 480);
	retry_quota_release(&q, 0);
	ck_assert_int_eq(q.tokens, 481);
	retry_quota_release(&q, 10);
	ck_assert_int_eq(q.tokens, 491);
	for (i = 0; i < 20; i++)
		retry_quota_release(&q, 5);
	ck_assert_int_eq(q.tokens, 500);
	/* Drain: 100 retries of cost 5 empty the bucket exactly. */
	for (i = 0; i < 100; i++)
		ck_assert_int_eq(retry_quota_acquire(&q,
		    RETRY_KIND_TRANSIENT), 5);
	ck_assert_int_eq(q.tokens, 0);
	ck_assert_int_eq(retry_quota_acquire(&q, RETRY_KIND_TRANSIENT), 0);
	ck_assert_int_eq(q.tokens, 0);
	q.tokens = 9;
	ck_assert_int_eq(retry_quota_acquire(&q, RETRY_KIND_TIMEOUT), 0);
	ck_assert_int_eq(q.tokens, 9);
	ck_assert_int_eq(retry_quota_acquire(&q, RETRY_KIND_TRANSIENT), 5);
	ck_assert_int_eq(q.tokens, 4);
}
END_TEST

START_TEST(test_decide)
{
	struct retry_policy	 p;
	struct retry_quota	 q;
	struct retry_rng	 rng;
	struct retry_state	 st = { 0, 0 };
	long			 d;

	retry_policy_init(&p);
	retry_quota_init(&q);
	retry_rng_seed(&rng, 3);
	st.attempts = 1;
	ck_assert_int_eq(retry_decide(&p, &q, &rng, &st, RETRY_KIND_NONE,
	    &d), RETRY_VERDICT_NOT_RETRYABLE);
	ck_assert_int_eq(q.tokens, 500);
	ck_assert_int_eq(retry_decide(&p, &q, &rng, &st,
	    RETRY_KIND_THROTTLING, &d), RETRY_VERDICT_RETRY);
	ck_assert(d >= 0 && d < 1000);
	ck_assert_int_eq(st.last_cost, 5);
	ck_assert_int_eq(q.tokens, 495);
	st.attempts = 2;
	ck_assert_int_eq(retry_decide(&p, &q, &rng, &st, RETRY_KIND_TIMEOUT,
	    &d), RETRY_VERDICT_RETRY);
	ck_assert(d >= 0 && d < 2000);
	ck_assert_int_eq(st.last_cost, 10);
	ck_assert_int_eq(q.tokens, 485);
	st.attempts = 3;
	ck_assert_int_eq(retry_decide(&p, &q, &rng, &st,
	    RETRY_KIND_TRANSIENT, &d), RETRY_VERDICT_NO_ATTEMPTS);
	ck_assert_int_eq(d, 0);
	ck_assert_int_eq(q.tokens, 485);
	/* Success after retries refunds the last retry's cost. */
	retry_succeeded(&q, &st);
	ck_assert_int_eq(q.tokens, 495);
	st.attempts = 1;
	st.last_cost = 0;
	retry_succeeded(&q, &st);
	ck_assert_int_eq(q.tokens, 496);
	q.tokens = 4;
	ck_assert_int_eq(retry_decide(&p, &q, &rng, &st,
	    RETRY_KIND_TRANSIENT, &d), RETRY_VERDICT_NO_QUOTA);
	ck_assert_int_eq(q.tokens, 4);
	ck_assert_str_eq(retry_verdict_name(RETRY_VERDICT_NO_QUOTA),
	    "retry quota empty");
	ck_assert_str_eq(retry_kind_name(RETRY_KIND_THROTTLING),
	    "throttling");
}
END_TEST

START_TEST(test_max_attempts_parse)
{
	int	 n = -1;

	ck_assert_int_eq(retry_parse_max_attempts(NULL, &n), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(retry_parse_max_attempts("1", &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(retry_parse_max_attempts("20", &n), 0);
	ck_assert_int_eq(n, 20);
	ck_assert_int_eq(retry_parse_max_attempts("7", &n), 0);
	ck_assert_int_eq(n, 7);
	n = 99;
	ck_assert_int_eq(retry_parse_max_attempts("0", &n), -1);
	ck_assert_int_eq(retry_parse_max_attempts("21", &n), -1);
	ck_assert_int_eq(retry_parse_max_attempts("-3", &n), -1);
	ck_assert_int_eq(retry_parse_max_attempts("", &n), -1);
	ck_assert_int_eq(retry_parse_max_attempts(" 3", &n), -1);
	ck_assert_int_eq(retry_parse_max_attempts("3 ", &n), -1);
	ck_assert_int_eq(retry_parse_max_attempts("3x", &n), -1);
	ck_assert_int_eq(retry_parse_max_attempts("0x3", &n), -1);
	ck_assert_int_eq(retry_parse_max_attempts(
	    "99999999999999999999999", &n), -1);
	ck_assert_int_eq(retry_parse_max_attempts("\x1b[2J", &n), -1);
	ck_assert_int_eq(n, 99);
}
END_TEST

static Suite *
retry_suite(void)
{
	Suite	*s = suite_create("retry");
	TCase	*tc;

	tc = tcase_create("classify");
	tcase_add_loop_test(tc, test_classify_table, 0,
	    sizeof(classify_rows) / sizeof(classify_rows[0]));
	tcase_add_test(tc, test_throttling_codes_count);
	suite_add_tcase(s, tc);
	tc = tcase_create("backoff");
	tcase_add_test(tc, test_rng_deterministic);
	tcase_add_test(tc, test_delay_bounds);
	tcase_add_test(tc, test_delay_fixed_prng);
	suite_add_tcase(s, tc);
	tc = tcase_create("quota");
	tcase_add_test(tc, test_quota_arithmetic);
	tcase_add_test(tc, test_decide);
	suite_add_tcase(s, tc);
	tc = tcase_create("config");
	tcase_add_test(tc, test_max_attempts_parse);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(retry_suite());
}
