/*
 * retry.h: the AWS "standard" retry mode, as pure functions.
 *
 * THIS IS THE ONE PLACE WHERE A RETRY IS DECIDED.  http.c reports what
 * happened to an attempt (HTTP status, AWS error code, transport error);
 * retry_decide() answers whether to try again and after how long.  No
 * other module retries anything.
 *
 * The rules follow aws-apis.md section 7 ("standard" mode): throttling
 * codes and HTTP 429 are throttling; 500/502/503/504, the transient codes
 * and connection errors are transient; connect/read timeouts are
 * timeouts; every other status (any other 4xx in particular) is final.
 * Backoff is full jitter, delay = rand[0,1) * min(base * 2^(n-1), 20 s)
 * after the n-th failed attempt, and a per-client retry quota (token
 * bucket) stops retry storms.
 *
 * Constants: the pre-2026 standard-mode values (base 1 s for every error
 * kind, quota cost 5 and 10 for timeouts), which are what AWS CLI v2 and
 * botocore's standard mode do by default today.  The 2026 revision (base
 * 50 ms, throttling 1 s, cost 14, throttling cost 5, opt-in through
 * AWS_NEW_RETRIES_2026) is not the default anywhere yet; for a cron job
 * that runs once and must finish, the slower 1 s transient base is the
 * conservative choice.  AWS_NEW_RETRIES_2026 is deliberately not read.
 *
 * Rounds (a cron collector is not in a hurry): a call that has used up
 * its attempts, or found the quota empty, is not failed at once while
 * the run has time left.  retry_round_decide() sends it back for
 * another round of attempts after a growing back-off (equal jitter,
 * RETRY_ROUND_BASE_MS doubling up to RETRY_ROUND_MAX_MS), as long as
 * the whole round (retry_round_budget_ms(): every attempt timing out,
 * the back-offs, a token at the slowest send rate) can end before the
 * run deadline less a margin (RETRY_ROUND_MARGIN_MS, at most a tenth of
 * the run) left for recording what was collected.  A call whose
 * endpoint has not answered one call (no 2xx) after
 * RETRY_ROUND_SILENT_LIMIT rounds is given up:
 * an endpoint that is down must not hold the run until its deadline.
 * Without a deadline there is no run time to use, and a call gets one
 * round, as in the SDKs.
 *
 * Adaptive rate (the SDKs' "adaptive" mode, aws-apis.md s. 7): per
 * endpoint, a token bucket limits the send rate once a throttling reply
 * has been seen.  Each throttle cuts the rate to RETRY_RATE_BETA times
 * the measured reply rate; replies without throttling let it grow back
 * along the CUBIC curve rate(t) = C (t - K)^3 + W_max (C =
 * RETRY_RATE_SCALE, W_max the rate before the cut, K the time to get
 * back to it), capped at twice the measured rate; never below
 * RETRY_RATE_MIN per second.  One deviation from botocore, as TCP does
 * it: a throttle of an attempt sent before the last cut does not cut
 * again (it was sent at the old rate), so a burst of throttles in
 * flight is one signal, not ten, and random throttling does not drive
 * the rate to its floor.  Until the first throttle nothing is limited.
 *
 * Nothing here reads the clock, the environment or a global: randomness
 * comes from a caller-owned PRNG and times are parameters, so tests are
 * deterministic.
 */
#ifndef BEDROCK_AUDIT_RETRY_H
#define BEDROCK_AUDIT_RETRY_H

#include <stdint.h>

#define RETRY_DEFAULT_MAX_ATTEMPTS	3	/* first try + 2 retries */
#define RETRY_MAX_ATTEMPTS_LIMIT	20	/* AWS_MAX_ATTEMPTS ceiling */
#define RETRY_BASE_DELAY_MS		1000	/* backoff base, pre-2026 */
#define RETRY_MAX_DELAY_MS		20000	/* backoff cap */
#define RETRY_QUOTA_TOKENS		500	/* bucket capacity */
#define RETRY_COST_TOKENS		5	/* one retry */
#define RETRY_TIMEOUT_COST_TOKENS	10	/* one retry after a timeout */
#define RETRY_NO_RETRY_REFUND_TOKENS	1	/* success at first attempt */

#define RETRY_ROUND_BASE_MS		5000	/* back-off before round 2 */
#define RETRY_ROUND_MAX_MS		300000	/* back-off cap between rounds */
#define RETRY_ROUND_SILENT_LIMIT	3	/* rounds of an endpoint that
						   never answered */
#define RETRY_ROUND_MARGIN_MS		30000	/* left before the deadline */
#define RETRY_ROUND_MARGIN_DIVISOR	10	/* margin <= run / this */

#define RETRY_RATE_BETA			0.7	/* cut on throttle */
#define RETRY_RATE_SCALE		0.4	/* CUBIC C, per s^3 */
#define RETRY_RATE_MIN			0.5	/* requests per second */
#define RETRY_RATE_SMOOTHING		0.8	/* weight of the last bucket */
#define RETRY_RATE_BUCKET_MS		500	/* measuring bucket */

/* What an attempt's failure is, for the retry decision. */
enum retry_kind {
	RETRY_KIND_NONE,	/* not retryable (or not a failure) */
	RETRY_KIND_TRANSIENT,	/* 5xx, transient code, connection error */
	RETRY_KIND_THROTTLING,	/* throttling code or HTTP 429 */
	RETRY_KIND_TIMEOUT	/* connect or read timeout (costs more) */
};

/* What the transport layer saw, independent of libcurl. */
enum retry_transport {
	RETRY_TRANSPORT_OK,		/* a complete HTTP response arrived */
	RETRY_TRANSPORT_CONNECT,	/* refused, reset, DNS, no reply */
	RETRY_TRANSPORT_TIMEOUT,	/* connect or transfer timeout */
	RETRY_TRANSPORT_FATAL		/* TLS, policy, size: never retry */
};

/* Why retry_decide() said what it said (for logs). */
enum retry_verdict {
	RETRY_VERDICT_RETRY,		/* try again after the delay */
	RETRY_VERDICT_NOT_RETRYABLE,	/* the error is final */
	RETRY_VERDICT_NO_ATTEMPTS,	/* max attempts reached */
	RETRY_VERDICT_NO_QUOTA,		/* the retry quota is empty */
	RETRY_VERDICT_ROUND,		/* another round after the delay */
	RETRY_VERDICT_NO_TIME,		/* no round fits before the deadline */
	RETRY_VERDICT_SILENT		/* the endpoint never answered */
};

/* A small seeded PRNG (splitmix64); one per engine. */
struct retry_rng {
	uint64_t	 state;		/* advanced by every draw */
};

/* Settings of one client (engine). */
struct retry_policy {
	int	 max_attempts;		/* total attempts, 1..20 */
	long	 base_delay_ms;		/* RETRY_BASE_DELAY_MS (tests: less) */
	long	 max_delay_ms;		/* RETRY_MAX_DELAY_MS */
};

/* The retry quota token bucket of one client. */
struct retry_quota {
	int	 tokens;		/* 0..RETRY_QUOTA_TOKENS */
};

/* Settings of the rounds (see above). */
struct retry_round_policy {
	long	 base_ms;		/* RETRY_ROUND_BASE_MS (tests: less) */
	long	 max_ms;		/* RETRY_ROUND_MAX_MS */
	int	 silent_limit;		/* RETRY_ROUND_SILENT_LIMIT */
	long	 margin_ms;		/* RETRY_ROUND_MARGIN_MS */
};

/* What the engine knows when a round ends: the run and the endpoint. */
struct retry_round_clock {
	long long	 now_ms;	/* monotonic, the caller's clock */
	long long	 start_ms;	/* when the run began */
	long long	 deadline_ms;	/* the run's end; 0 = none (no rounds) */
	long		 round_ms;	/* longest one round may take */
	int		 answered;	/* the endpoint answered a call (2xx) */
};

/* Per-call retry bookkeeping; zero it before the first attempt. */
struct retry_state {
	int	 attempts;		/* attempts made in this round */
	int	 last_cost;		/* tokens paid for the last retry */
	int	 rounds;		/* rounds ended before this one */
	int	 total;			/* attempts made in all rounds */
};

/*
 * The adaptive send rate of one endpoint (see above).  Zero-initialised
 * it is disabled: every send may go at once.
 */
struct retry_rate {
	int		 enabled;	/* a throttle has been seen */
	double		 rate;		/* sends per second allowed */
	double		 tokens;	/* sends allowed now (bucket) */
	long long	 fill_ms;	/* when "tokens" was last refilled */
	double		 w_max;		/* rate before the last cut */
	double		 k;		/* CUBIC: seconds back to w_max */
	long long	 cut_ms;	/* time of the last cut */
	double		 measured;	/* smoothed replies per second */
	long long	 bucket_ms;	/* start of the measuring bucket */
	int		 count;		/* replies in that bucket */
};

/* Seed "rng"; the same seed always gives the same sequence. */
void		 retry_rng_seed(struct retry_rng *rng, uint64_t seed);

/* Next value of "rng", uniform in [0, 1). */
double		 retry_rng_unit(struct retry_rng *rng);

/* Fill "p" with the defaults (3 attempts, 1 s base, 20 s cap). */
void		 retry_policy_init(struct retry_policy *p);

/* Fill "q" to capacity. */
void		 retry_quota_init(struct retry_quota *q);

/*
 * Classify one failed attempt.  "status" is the HTTP status (0 if no
 * response), "code" the AWS error code (NULL if none), "xport" what the
 * transport saw.  A 2xx with RETRY_TRANSPORT_OK is RETRY_KIND_NONE.
 */
enum retry_kind	 retry_classify(long status, const char *code,
		    enum retry_transport xport);

/* Nonzero if "code" is one of the 14 standard throttling error codes. */
int		 retry_is_throttling_code(const char *code);

/*
 * Backoff before the retry that follows failed attempt number "attempt"
 * (1-based): rand[0,1) * min(base * 2^(attempt-1), max), in ms.
 */
long		 retry_delay_ms(const struct retry_policy *p, int attempt,
		    struct retry_rng *rng);

/*
 * Pay for one retry of a failure of kind "kind": returns the tokens
 * taken (RETRY_COST_TOKENS, or RETRY_TIMEOUT_COST_TOKENS for a timeout),
 * or 0, taking nothing, if the bucket cannot pay.
 */
int		 retry_quota_acquire(struct retry_quota *q,
		    enum retry_kind kind);

/*
 * Credit a successful call: "last_cost" is what its last retry cost (0
 * if it succeeded at the first attempt, which refunds
 * RETRY_NO_RETRY_REFUND_TOKENS).  The bucket never exceeds capacity.
 */
void		 retry_quota_release(struct retry_quota *q, int last_cost);

/*
 * Decide after attempt st->attempts (already counted) failed with a
 * failure of "kind": if the error is retryable, attempts remain and the
 * quota pays, record the cost in "st", set *delay_ms and return
 * RETRY_VERDICT_RETRY; otherwise return why not (and *delay_ms = 0).
 */
enum retry_verdict retry_decide(const struct retry_policy *p,
		    struct retry_quota *q, struct retry_rng *rng,
		    struct retry_state *st, enum retry_kind kind,
		    long *delay_ms);

/*
 * The longest one round of "p" may take when each attempt takes
 * "attempt_ms": every attempt times out, waits the longest back-off and
 * a token at RETRY_RATE_MIN.
 */
long		 retry_round_budget_ms(const struct retry_policy *p,
		    long attempt_ms);

/* Fill "p" with the round defaults (RETRY_ROUND_*). */
void		 retry_round_policy_init(struct retry_round_policy *p);

/*
 * Back-off before round "round" + 1 after round "round" (1-based)
 * ended: d/2 + rand[0,1) * d/2 with d = min(base * 2^(round-1), max),
 * in ms; it grows with the round and is never near zero.
 */
long		 retry_round_delay_ms(const struct retry_round_policy *p,
		    int round, struct retry_rng *rng);

/*
 * After retry_decide() returned "v" for a call: another round?  Only
 * RETRY_VERDICT_NO_ATTEMPTS and RETRY_VERDICT_NO_QUOTA may become
 * RETRY_VERDICT_ROUND; then st starts a new round (attempts 0, rounds
 * + 1) and *delay_ms is the back-off, shortened to the last moment a
 * round may start if that still leaves at least half a base back-off.
 * Otherwise returns "v" (no deadline in "c"), RETRY_VERDICT_SILENT (the
 * endpoint has answered nothing and this was round silent_limit) or
 * RETRY_VERDICT_NO_TIME (no round fits: now + delay + c->round_ms must
 * not pass the deadline less the margin), with *delay_ms = 0.
 */
enum retry_verdict retry_round_decide(const struct retry_round_policy *p,
		    const struct retry_round_clock *c, struct retry_rng *rng,
		    struct retry_state *st, enum retry_verdict v,
		    long *delay_ms);

/*
 * Milliseconds until the endpoint of "r" may send at "now_ms" (0: now,
 * and always 0 while disabled).  Does not change "r".
 */
long		 retry_rate_wait_ms(const struct retry_rate *r,
		    long long now_ms);

/* Count one send at "now_ms" (after retry_rate_wait_ms() said 0). */
void		 retry_rate_take(struct retry_rate *r, long long now_ms);

/*
 * Feed the reply (or transport failure) of an attempt sent at "sent_ms"
 * that ended at "now_ms": "throttled" nonzero for a throttling reply.
 * Measures the reply rate, cuts the rate or lets it grow (see above).
 */
void		 retry_rate_update(struct retry_rate *r, int throttled,
		    long long sent_ms, long long now_ms);

/* Credit the quota for a call that finally succeeded (see above). */
void		 retry_succeeded(struct retry_quota *q,
		    const struct retry_state *st);

/*
 * Parse AWS_MAX_ATTEMPTS: "s" NULL means unset and gives
 * RETRY_DEFAULT_MAX_ATTEMPTS.  Otherwise it must be a decimal integer
 * from 1 to RETRY_MAX_ATTEMPTS_LIMIT.  Returns 0 and sets *out, or -1
 * after warnx(3) naming the variable and the accepted range.
 */
int		 retry_parse_max_attempts(const char *s, int *out);

/* Static names for logs: "none", "transient", ...; "retry", ... */
const char	*retry_kind_name(enum retry_kind kind);
const char	*retry_verdict_name(enum retry_verdict v);

#endif /* BEDROCK_AUDIT_RETRY_H */
