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
 * Nothing here reads the clock, the environment or a global: randomness
 * comes from a caller-owned PRNG so tests are deterministic.
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
	RETRY_VERDICT_NO_QUOTA		/* the retry quota is empty */
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

/* Per-call retry bookkeeping; zero it before the first attempt. */
struct retry_state {
	int	 attempts;		/* attempts made so far */
	int	 last_cost;		/* tokens paid for the last retry */
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
