/*
 * check_retry.c: the AWS standard retry mode (classification, backoff,
 * retry quota, AWS_MAX_ATTEMPTS), the rounds of a run and the adaptive
 * send rate.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	struct retry_state	 st = { 0, 0, 0, 0 };
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

/* A clock for the round tests: a run of "run_ms" that began at 1000. */
static void
round_clock(struct retry_round_clock *c, long long run_ms, long long at_ms,
    int answered)
{
	memset(c, 0, sizeof(*c));
	c->start_ms = 1000;
	c->deadline_ms = 1000 + run_ms;
	c->now_ms = 1000 + at_ms;
	c->round_ms = 30000;
	c->answered = answered;
}

START_TEST(test_round_delay_grows)
{
	struct retry_round_policy	 p;
	struct retry_rng		 rng;
	long				 d, ceil_ms, lo, hi;
	int				 round, i;

	retry_round_policy_init(&p);
	ck_assert_int_eq(p.base_ms, RETRY_ROUND_BASE_MS);
	ck_assert_int_eq(p.silent_limit, 3);
	retry_rng_seed(&rng, 11);
	for (round = 1; round <= 12; round++) {
		ceil_ms = (long)RETRY_ROUND_BASE_MS << (round - 1);
		if (ceil_ms > RETRY_ROUND_MAX_MS)
			ceil_ms = RETRY_ROUND_MAX_MS;
		lo = ceil_ms;
		hi = 0;
		for (i = 0; i < 200; i++) {
			d = retry_round_delay_ms(&p, round, &rng);
			ck_assert_msg(d >= ceil_ms / 2 && d < ceil_ms,
			    "round %d: %ld not in [%ld,%ld)", round, d,
			    ceil_ms / 2, ceil_ms);
			lo = d < lo ? d : lo;
			hi = d > hi ? d : hi;
		}
		/* Jittered over the whole upper half. */
		ck_assert_int_lt(lo, ceil_ms / 2 + ceil_ms / 10);
		ck_assert_int_gt(hi, ceil_ms - ceil_ms / 10);
	}
}
END_TEST

/* The final verdicts and a retry pass through; no deadline: no round. */
START_TEST(test_round_passes_through)
{
	struct retry_round_policy	 p;
	struct retry_round_clock	 c;
	struct retry_rng		 rng;
	struct retry_state		 st = { 3, 5, 0, 3 };
	long				 d = 99;

	retry_round_policy_init(&p);
	retry_rng_seed(&rng, 1);
	round_clock(&c, 1800000, 10000, 1);
	ck_assert_int_eq(retry_round_decide(&p, &c, &rng, &st,
	    RETRY_VERDICT_NOT_RETRYABLE, &d), RETRY_VERDICT_NOT_RETRYABLE);
	ck_assert_int_eq(d, 0);
	ck_assert_int_eq(retry_round_decide(&p, &c, &rng, &st,
	    RETRY_VERDICT_RETRY, &d), RETRY_VERDICT_RETRY);
	c.deadline_ms = 0;
	ck_assert_int_eq(retry_round_decide(&p, &c, &rng, &st,
	    RETRY_VERDICT_NO_ATTEMPTS, &d), RETRY_VERDICT_NO_ATTEMPTS);
	ck_assert_int_eq(st.attempts, 3);
	ck_assert_int_eq(st.rounds, 0);
	/* An empty quota is no reason to give up while there is time. */
	round_clock(&c, 1800000, 10000, 1);
	ck_assert_int_eq(retry_round_decide(&p, &c, &rng, &st,
	    RETRY_VERDICT_NO_QUOTA, &d), RETRY_VERDICT_ROUND);
	ck_assert_int_eq(st.attempts, 0);
	ck_assert_int_eq(st.rounds, 1);
	ck_assert_int_eq(st.total, 3);
	ck_assert(d >= RETRY_ROUND_BASE_MS / 2 && d < RETRY_ROUND_BASE_MS);
	ck_assert_str_eq(retry_verdict_name(RETRY_VERDICT_ROUND),
	    "another round");
}
END_TEST

/*
 * A whole run: rounds until the deadline is near, each back-off at least
 * as long as the one before (half the ceiling of the next round), every
 * round's first attempt ends before the margin, and the last refusal is
 * for lack of time.
 */
START_TEST(test_round_until_deadline)
{
	struct retry_round_policy	 p;
	struct retry_round_clock	 c;
	struct retry_rng		 rng;
	struct retry_state		 st = { 0, 0, 0, 0 };
	enum retry_verdict		 v;
	long long			 latest;
	long				 d, last = 0, ceil_ms;
	int				 rounds = 0;

	retry_round_policy_init(&p);
	retry_rng_seed(&rng, 5);
	round_clock(&c, 1800000, 2000, 1);
	latest = c.deadline_ms - RETRY_ROUND_MARGIN_MS - c.round_ms;
	for (;;) {
		st.attempts = 3;
		v = retry_round_decide(&p, &c, &rng, &st,
		    RETRY_VERDICT_NO_ATTEMPTS, &d);
		if (v != RETRY_VERDICT_ROUND)
			break;
		rounds++;
		ck_assert_int_eq(st.rounds, rounds);
		ck_assert_int_le(c.now_ms + d, latest);
		/* Growing (half the round's ceiling at least), except the
		 * last one, cut to fit. */
		ceil_ms = (long)RETRY_ROUND_BASE_MS << (rounds < 8 ?
		    rounds - 1 : 7);
		if (ceil_ms > RETRY_ROUND_MAX_MS)
			ceil_ms = RETRY_ROUND_MAX_MS;
		if (c.now_ms + d < latest)
			ck_assert_int_ge(d, ceil_ms / 2);
		ck_assert_int_ge(ceil_ms, last);
		last = ceil_ms;
		c.now_ms += d + 3000;		/* the round's attempts */
	}
	ck_assert_int_eq(v, RETRY_VERDICT_NO_TIME);
	ck_assert_int_eq(d, 0);
	ck_assert_int_lt(latest - c.now_ms, RETRY_ROUND_BASE_MS / 2);
	/* 5+10+...+300 s of back-off and more at 300 s: 1800 s holds 10. */
	ck_assert_int_ge(rounds, 8);
	ck_assert_int_le(rounds, 14);
}
END_TEST

/* The margin: at most 30 s, at most a tenth of a short run. */
START_TEST(test_round_margin)
{
	struct retry_round_policy	 p;
	struct retry_round_clock	 c;
	struct retry_rng		 rng;
	struct retry_state		 st = { 3, 0, 0, 3 };
	long				 d;

	retry_round_policy_init(&p);
	retry_rng_seed(&rng, 9);
	/* 60 s run, 2 s rounds: margin 6 s, last start at 52 s. */
	round_clock(&c, 60000, 49600, 1);
	c.round_ms = 2000;
	ck_assert_int_eq(retry_round_decide(&p, &c, &rng, &st,
	    RETRY_VERDICT_NO_ATTEMPTS, &d), RETRY_VERDICT_NO_TIME);
	ck_assert_int_eq(st.rounds, 0);
	c.now_ms = 1000 + 47000;
	ck_assert_int_eq(retry_round_decide(&p, &c, &rng, &st,
	    RETRY_VERDICT_NO_ATTEMPTS, &d), RETRY_VERDICT_ROUND);
	ck_assert_int_le(d, 5000);
	ck_assert_int_ge(d, RETRY_ROUND_BASE_MS / 2);
	/* 30 min run: the margin is 30 s, not 180 s. */
	round_clock(&c, 1800000, 1800000 - 30000 - 30000 - 3000, 1);
	st.attempts = 3;
	ck_assert_int_eq(retry_round_decide(&p, &c, &rng, &st,
	    RETRY_VERDICT_NO_ATTEMPTS, &d), RETRY_VERDICT_ROUND);
	ck_assert_int_le(d, 3000);
	c.now_ms += 1000;
	st.attempts = 3;
	ck_assert_int_eq(retry_round_decide(&p, &c, &rng, &st,
	    RETRY_VERDICT_NO_ATTEMPTS, &d), RETRY_VERDICT_NO_TIME);
}
END_TEST

/* A round's worst case: attempts timing out, back-offs, slowest tokens. */
START_TEST(test_round_budget)
{
	struct retry_policy	 p;

	retry_policy_init(&p);
	/* 3 x (30 s + 2 s for a token at 0.5/s) + 1 s + 2 s of back-off. */
	ck_assert_int_eq(retry_round_budget_ms(&p, 30000), 99000);
	p.max_attempts = 2;
	p.base_delay_ms = 5;
	ck_assert_int_eq(retry_round_budget_ms(&p, 2000), 8005);
	p.max_attempts = 20;
	p.base_delay_ms = 1000;
	/* The back-off stops growing at its cap (20 s). */
	ck_assert_int_eq(retry_round_budget_ms(&p, 0), 20 * 2000 +
	    1000 + 2000 + 4000 + 8000 + 16000 + 14 * 20000);
}
END_TEST

/* An endpoint that answered nothing gets three rounds; one that did, more. */
START_TEST(test_round_silent)
{
	struct retry_round_policy	 p;
	struct retry_round_clock	 c;
	struct retry_rng		 rng;
	struct retry_state		 st = { 0, 0, 0, 0 };
	long				 d;
	int				 i;

	retry_round_policy_init(&p);
	retry_rng_seed(&rng, 2);
	round_clock(&c, 1800000, 1000, 0);
	for (i = 1; i <= 2; i++) {
		st.attempts = 3;
		ck_assert_int_eq(retry_round_decide(&p, &c, &rng, &st,
		    RETRY_VERDICT_NO_ATTEMPTS, &d), RETRY_VERDICT_ROUND);
		ck_assert_int_eq(st.rounds, i);
		c.now_ms += d + 3000;
	}
	st.attempts = 3;
	ck_assert_int_eq(retry_round_decide(&p, &c, &rng, &st,
	    RETRY_VERDICT_NO_QUOTA, &d), RETRY_VERDICT_SILENT);
	ck_assert_int_eq(d, 0);
	ck_assert_int_eq(st.rounds, 2);
	/* The same call on an endpoint that has answered goes on. */
	c.answered = 1;
	ck_assert_int_eq(retry_round_decide(&p, &c, &rng, &st,
	    RETRY_VERDICT_NO_ATTEMPTS, &d), RETRY_VERDICT_ROUND);
	ck_assert_int_eq(st.rounds, 3);
}
END_TEST

/* Replies every "step_ms" from "from" to "to", none throttled. */
static long long
rate_feed(struct retry_rate *r, long long from, long long to,
    long long step_ms)
{
	long long	 t;

	for (t = from; t < to; t += step_ms)
		retry_rate_update(r, 0, t - step_ms, t);
	return t;
}

START_TEST(test_rate_disabled_until_throttle)
{
	struct retry_rate	 r;
	long long		 t;

	memset(&r, 0, sizeof(r));
	t = rate_feed(&r, 1000, 3000, 10);
	ck_assert_int_eq(r.enabled, 0);
	ck_assert_int_eq(retry_rate_wait_ms(&r, t), 0);
	retry_rate_take(&r, t);
	ck_assert_int_eq(retry_rate_wait_ms(&r, t), 0);
	/* 100 replies a second, measured. */
	ck_assert(r.measured > 90 && r.measured < 110);
}
END_TEST

START_TEST(test_rate_drops_on_throttle)
{
	struct retry_rate	 r;
	long long		 t;
	double			 before;

	memset(&r, 0, sizeof(r));
	t = rate_feed(&r, 1000, 4000, 50);	/* 20 per second */
	retry_rate_update(&r, 1, t - 50, t);
	ck_assert_int_eq(r.enabled, 1);
	ck_assert(r.rate > 0.7 * 18 && r.rate < 0.7 * 22);
	/* The bucket starts empty: the next send waits 1/rate. */
	ck_assert_int_gt(retry_rate_wait_ms(&r, t), 40);
	ck_assert_int_lt(retry_rate_wait_ms(&r, t), 100);
	ck_assert_int_eq(retry_rate_wait_ms(&r, t + 100), 0);
	retry_rate_take(&r, t + 100);
	ck_assert_int_gt(retry_rate_wait_ms(&r, t + 100), 0);
	/* A throttle of an attempt sent before the cut: no second cut. */
	before = r.rate;
	retry_rate_update(&r, 1, t - 10, t + 20);
	ck_assert(r.rate >= before);
	/* One sent after it cuts again, multiplicatively. */
	retry_rate_update(&r, 1, t + 100, t + 150);
	ck_assert(r.rate < before * 0.75);
	ck_assert(r.rate > before * 0.6);
}
END_TEST

START_TEST(test_rate_recovers)
{
	struct retry_rate	 r;
	long long		 t, cut;
	double			 w_max, last;
	int			 i;

	memset(&r, 0, sizeof(r));
	t = rate_feed(&r, 1000, 4000, 50);
	retry_rate_update(&r, 1, t - 50, t);
	cut = t;
	w_max = r.w_max;
	ck_assert(r.k > 0);
	last = r.rate;
	/* Replies go on at 20 a second: the rate climbs back, CUBIC. */
	for (i = 1; i <= 8; i++) {
		t = rate_feed(&r, t, cut + i * 1000, 50);
		/* (The cap follows the measured rate, which wobbles.) */
		ck_assert_msg(r.rate >= last * 0.99, "second %d: %f < %f", i,
		    r.rate, last);
		last = r.rate;
	}
	ck_assert(r.rate > w_max);		/* past the old maximum */
	ck_assert(r.rate <= 2 * r.measured + 1e-9); /* capped */
	ck_assert_int_eq(retry_rate_wait_ms(&r, t + 1000), 0);
}
END_TEST

START_TEST(test_rate_floor_and_bucket)
{
	struct retry_rate	 r;
	long long		 t = 1000;
	int			 i, sent = 0;

	memset(&r, 0, sizeof(r));
	/* Every reply throttled, each attempt sent after the last cut. */
	for (i = 0; i < 50; i++) {
		retry_rate_update(&r, 1, t - 1, t);
		t += 1000;
		ck_assert(r.rate >= RETRY_RATE_MIN);
	}
	ck_assert(r.rate < RETRY_RATE_MIN * 1.01);
	/* At 0.5 per second, 10 s let through about 5 sends. */
	for (t = r.cut_ms; t < r.cut_ms + 10000; t += 10)
		if (retry_rate_wait_ms(&r, t) == 0) {
			retry_rate_take(&r, t);
			sent++;
		}
	ck_assert_int_ge(sent, 4);
	ck_assert_int_le(sent, 6);
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
	tc = tcase_create("rounds");
	tcase_add_test(tc, test_round_delay_grows);
	tcase_add_test(tc, test_round_passes_through);
	tcase_add_test(tc, test_round_until_deadline);
	tcase_add_test(tc, test_round_margin);
	tcase_add_test(tc, test_round_budget);
	tcase_add_test(tc, test_round_silent);
	suite_add_tcase(s, tc);
	tc = tcase_create("rate");
	tcase_add_test(tc, test_rate_disabled_until_throttle);
	tcase_add_test(tc, test_rate_drops_on_throttle);
	tcase_add_test(tc, test_rate_recovers);
	tcase_add_test(tc, test_rate_floor_and_bucket);
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
