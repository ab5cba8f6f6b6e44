/*
 * retry.c: AWS "standard" retry mode (see retry.h and aws-apis.md s. 7).
 */
#include <err.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util.h"
#include "retry.h"

/* The 14 codes botocore and the JS SDK both treat as throttling. */
static const char *const throttling_codes[] = {
	"Throttling",
	"ThrottlingException",
	"ThrottledException",
	"RequestThrottledException",
	"TooManyRequestsException",
	"ProvisionedThroughputExceededException",
	"TransactionInProgressException",
	"RequestLimitExceeded",
	"BandwidthLimitExceeded",
	"LimitExceededException",
	"RequestThrottled",
	"SlowDown",
	"PriorRequestNotComplete",
	"EC2ThrottledException",
};

/* Transient error codes: botocore's list plus the JS SDK's TimeoutError. */
static const char *const transient_codes[] = {
	"RequestTimeout",
	"RequestTimeoutException",
	"PriorRequestNotComplete",
	"TimeoutError",
};

static int
in_list(const char *code, const char *const *list, size_t n)
{
	size_t	 i;

	if (code == NULL)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(code, list[i]) == 0)
			return 1;
	return 0;
}

void
retry_rng_seed(struct retry_rng *rng, uint64_t seed)
{
	rng->state = seed;
}

double
retry_rng_unit(struct retry_rng *rng)
{
	uint64_t	 z;

	/* splitmix64 (Steele, Lea, Flood 2014); top 53 bits as a double. */
	z = (rng->state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	z ^= z >> 31;
	return (double)(z >> 11) / (double)(UINT64_C(1) << 53);
}

void
retry_policy_init(struct retry_policy *p)
{
	p->max_attempts = RETRY_DEFAULT_MAX_ATTEMPTS;
	p->base_delay_ms = RETRY_BASE_DELAY_MS;
	p->max_delay_ms = RETRY_MAX_DELAY_MS;
}

void
retry_quota_init(struct retry_quota *q)
{
	q->tokens = RETRY_QUOTA_TOKENS;
}

int
retry_is_throttling_code(const char *code)
{
	return in_list(code, throttling_codes,
	    sizeof(throttling_codes) / sizeof(throttling_codes[0]));
}

enum retry_kind
retry_classify(long status, const char *code, enum retry_transport xport)
{
	switch (xport) {
	case RETRY_TRANSPORT_TIMEOUT:
		return RETRY_KIND_TIMEOUT;
	case RETRY_TRANSPORT_CONNECT:
		return RETRY_KIND_TRANSIENT;
	case RETRY_TRANSPORT_FATAL:
		return RETRY_KIND_NONE;
	case RETRY_TRANSPORT_OK:
		break;
	}
	if (status >= 200 && status <= 299)
		return RETRY_KIND_NONE;
	/* Throttling first: PriorRequestNotComplete is on both lists. */
	if (status == 429 || retry_is_throttling_code(code))
		return RETRY_KIND_THROTTLING;
	if (in_list(code, transient_codes,
	    sizeof(transient_codes) / sizeof(transient_codes[0])))
		return RETRY_KIND_TRANSIENT;
	if (status == 500 || status == 502 || status == 503 || status == 504)
		return RETRY_KIND_TRANSIENT;
	return RETRY_KIND_NONE;
}

long
retry_delay_ms(const struct retry_policy *p, int attempt,
    struct retry_rng *rng)
{
	long long	 ceil_ms = p->base_delay_ms;
	int		 i;

	if (ceil_ms < 0)
		ceil_ms = 0;
	/* Double step by step so a large attempt number cannot overflow. */
	for (i = 1; i < attempt && ceil_ms < p->max_delay_ms; i++)
		ceil_ms *= 2;
	if (ceil_ms > p->max_delay_ms)
		ceil_ms = p->max_delay_ms;
	return (long)(retry_rng_unit(rng) * (double)ceil_ms);
}

int
retry_quota_acquire(struct retry_quota *q, enum retry_kind kind)
{
	int	 cost;

	cost = kind == RETRY_KIND_TIMEOUT ? RETRY_TIMEOUT_COST_TOKENS :
	    RETRY_COST_TOKENS;
	if (q->tokens < cost)
		return 0;
	q->tokens -= cost;
	return cost;
}

void
retry_quota_release(struct retry_quota *q, int last_cost)
{
	q->tokens += last_cost > 0 ? last_cost : RETRY_NO_RETRY_REFUND_TOKENS;
	if (q->tokens > RETRY_QUOTA_TOKENS)
		q->tokens = RETRY_QUOTA_TOKENS;
}

enum retry_verdict
retry_decide(const struct retry_policy *p, struct retry_quota *q,
    struct retry_rng *rng, struct retry_state *st, enum retry_kind kind,
    long *delay_ms)
{
	int	 cost;

	*delay_ms = 0;
	if (kind == RETRY_KIND_NONE)
		return RETRY_VERDICT_NOT_RETRYABLE;
	if (st->attempts >= p->max_attempts)
		return RETRY_VERDICT_NO_ATTEMPTS;
	if ((cost = retry_quota_acquire(q, kind)) == 0)
		return RETRY_VERDICT_NO_QUOTA;
	st->last_cost = cost;
	*delay_ms = retry_delay_ms(p, st->attempts, rng);
	return RETRY_VERDICT_RETRY;
}

void
retry_succeeded(struct retry_quota *q, const struct retry_state *st)
{
	retry_quota_release(q, st->last_cost);
}

long
retry_round_budget_ms(const struct retry_policy *p, long attempt_ms)
{
	long long	 t = 0, d = p->base_delay_ms;
	int		 i;

	for (i = 1; i <= p->max_attempts; i++) {
		t += attempt_ms + (long long)(1000 / RETRY_RATE_MIN);
		if (i < p->max_attempts)
			t += d < p->max_delay_ms ? d : p->max_delay_ms;
		if (d < p->max_delay_ms)
			d *= 2;
	}
	return (long)t;
}

void
retry_round_policy_init(struct retry_round_policy *p)
{
	p->base_ms = RETRY_ROUND_BASE_MS;
	p->max_ms = RETRY_ROUND_MAX_MS;
	p->silent_limit = RETRY_ROUND_SILENT_LIMIT;
	p->margin_ms = RETRY_ROUND_MARGIN_MS;
}

long
retry_round_delay_ms(const struct retry_round_policy *p, int round,
    struct retry_rng *rng)
{
	long long	 d = p->base_ms > 0 ? p->base_ms : 0;
	int		 i;

	for (i = 1; i < round && d < p->max_ms; i++)
		d *= 2;
	if (d > p->max_ms)
		d = p->max_ms;
	/* Equal jitter: rounds spread out, yet each waits at least d/2. */
	return (long)(d / 2 + retry_rng_unit(rng) * (double)(d - d / 2));
}

enum retry_verdict
retry_round_decide(const struct retry_round_policy *p,
    const struct retry_round_clock *c, struct retry_rng *rng,
    struct retry_state *st, enum retry_verdict v, long *delay_ms)
{
	long long	 margin, latest, d;

	*delay_ms = 0;
	if (v != RETRY_VERDICT_NO_ATTEMPTS && v != RETRY_VERDICT_NO_QUOTA)
		return v;
	if (c->deadline_ms <= 0)
		return v;
	if (!c->answered && st->rounds + 1 >= p->silent_limit)
		return RETRY_VERDICT_SILENT;
	margin = (c->deadline_ms - c->start_ms) / RETRY_ROUND_MARGIN_DIVISOR;
	if (margin > p->margin_ms)
		margin = p->margin_ms;
	/* The whole round must end before the margin begins. */
	latest = c->deadline_ms - margin - c->round_ms;
	d = retry_round_delay_ms(p, st->rounds + 1, rng);
	if (c->now_ms + d > latest) {
		if (latest - c->now_ms < p->base_ms / 2)
			return RETRY_VERDICT_NO_TIME;
		d = latest - c->now_ms;
	}
	st->rounds++;
	st->attempts = 0;
	*delay_ms = (long)d;
	return RETRY_VERDICT_ROUND;
}

/* The bucket of "r" refilled up to "now_ms" (not stored). */
static double
rate_tokens(const struct retry_rate *r, long long now_ms)
{
	double	 t, cap = r->rate > 1.0 ? r->rate : 1.0;

	t = r->tokens + (double)(now_ms - r->fill_ms) / 1000.0 * r->rate;
	return t < cap ? t : cap;
}

long
retry_rate_wait_ms(const struct retry_rate *r, long long now_ms)
{
	double	 t;

	if (!r->enabled || (t = rate_tokens(r, now_ms)) >= 1.0)
		return 0;
	return (long)ceil((1.0 - t) / r->rate * 1000.0);
}

void
retry_rate_take(struct retry_rate *r, long long now_ms)
{
	if (!r->enabled)
		return;
	r->tokens = rate_tokens(r, now_ms) - 1.0;
	r->fill_ms = now_ms;
}

/*
 * Count a reply at "now_ms" into the measured rate (botocore's
 * RateClocker): replies per second of each closed bucket, smoothed.
 * Before a bucket has closed, the replies of the open one stand for it.
 */
static double
rate_measure(struct retry_rate *r, long long now_ms)
{
	long long	 bucket;

	bucket = now_ms - now_ms % RETRY_RATE_BUCKET_MS;
	r->count++;
	if (r->bucket_ms == 0)
		r->bucket_ms = bucket;
	if (bucket > r->bucket_ms) {
		r->measured = RETRY_RATE_SMOOTHING * r->count * 1000.0 /
		    (double)(bucket - r->bucket_ms) +
		    (1 - RETRY_RATE_SMOOTHING) * r->measured;
		r->count = 0;
		r->bucket_ms = bucket;
	}
	if (r->measured > 0)
		return r->measured;
	return (double)r->count * 1000.0 / RETRY_RATE_BUCKET_MS;
}

void
retry_rate_update(struct retry_rate *r, int throttled, long long sent_ms,
    long long now_ms)
{
	double	 measured, use, next, t;

	measured = rate_measure(r, now_ms);
	if (throttled) {
		/* Sent at the old rate: the last cut already answered it. */
		if (r->enabled && sent_ms < r->cut_ms)
			return;
		use = r->enabled && r->rate < measured ? r->rate : measured;
		if (!r->enabled) {
			r->enabled = 1;
			r->tokens = 0;
			r->fill_ms = now_ms;
		}
		r->w_max = use;
		r->k = cbrt(use * (1 - RETRY_RATE_BETA) / RETRY_RATE_SCALE);
		r->cut_ms = now_ms;
		next = use * RETRY_RATE_BETA;
	} else {
		if (!r->enabled)
			return;
		t = (double)(now_ms - r->cut_ms) / 1000.0 - r->k;
		next = RETRY_RATE_SCALE * t * t * t + r->w_max;
	}
	if (next > 2 * measured)
		next = 2 * measured;
	if (next < RETRY_RATE_MIN)
		next = RETRY_RATE_MIN;
	/* Keep what the bucket holds, at the old rate, up to now. */
	r->tokens = rate_tokens(r, now_ms);
	r->fill_ms = now_ms;
	r->rate = next;
	if (r->tokens > (next > 1.0 ? next : 1.0))
		r->tokens = next > 1.0 ? next : 1.0;
}

int
retry_parse_max_attempts(const char *s, int *out)
{
	char		 safe[LOG_SAFE_LEN];
	const char	*errstr;
	long long	 n;

	if (s == NULL) {
		*out = RETRY_DEFAULT_MAX_ATTEMPTS;
		return 0;
	}
	n = parse_num(s, 1, RETRY_MAX_ATTEMPTS_LIMIT, &errstr);
	if (errstr != NULL) {
		warnx("AWS_MAX_ATTEMPTS: \"%s\" is %s (expected total "
		    "attempts, an integer from 1 to %d)",
		    log_safe(s, safe, sizeof(safe)), errstr,
		    RETRY_MAX_ATTEMPTS_LIMIT);
		return -1;
	}
	*out = (int)n;
	return 0;
}

const char *
retry_kind_name(enum retry_kind kind)
{
	switch (kind) {
	case RETRY_KIND_NONE:
		return "none";
	case RETRY_KIND_TRANSIENT:
		return "transient";
	case RETRY_KIND_THROTTLING:
		return "throttling";
	case RETRY_KIND_TIMEOUT:
		return "timeout";
	}
	return "?";
}

const char *
retry_verdict_name(enum retry_verdict v)
{
	switch (v) {
	case RETRY_VERDICT_RETRY:
		return "retry";
	case RETRY_VERDICT_NOT_RETRYABLE:
		return "final";
	case RETRY_VERDICT_NO_ATTEMPTS:
		return "max attempts";
	case RETRY_VERDICT_NO_QUOTA:
		return "retry quota empty";
	case RETRY_VERDICT_ROUND:
		return "another round";
	case RETRY_VERDICT_NO_TIME:
		return "no time for another round";
	case RETRY_VERDICT_SILENT:
		return "endpoint never answered";
	}
	return "?";
}
