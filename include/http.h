/*
 * http.h: the concurrent HTTP engine (one thread, libcurl multi).
 *
 * Callers submit calls, then http_run() drives them all at once in one
 * thread: per-endpoint queues dispatched round-robin under a total cap
 * and a cap per logical endpoint key, one shared connection cache,
 * retries with backoff as timers inside the loop (retry.h decides), a
 * retry quota and an adaptive send rate per logical endpoint key (what
 * an AWS SDK keeps per client), and an overall deadline.  A call that
 * used up its attempts goes back to the waiting list for a later round
 * while the deadline leaves time (retry.h decides that too); a call
 * whose endpoint has answered nothing after three rounds is given up.
 * The engine never sees credentials: before every attempt it asks the
 * caller's prepare hook for the signed headers.  It never parses JSON
 * either: the caller's parse_error hook turns an error reply into an AWS
 * error code and message.
 *
 * Transport rules: only https, except plain http to a loopback host
 * (127.0.0.0/8, ::1, localhost) for the simulator and tests; TLS
 * verification always on; no redirects; bodies capped.
 *
 * A failed call is reported to its callback, not printed: some errors
 * are data (AccessDeniedException), so the caller decides whether to
 * warn, using http_error_fmt() for the standard message.
 */
#ifndef BEDROCK_AUDIT_HTTP_H
#define BEDROCK_AUDIT_HTTP_H

#include <stddef.h>
#include <stdint.h>

#define HTTP_MAX_BODY_BYTES		(16 * 1024 * 1024) /* reply body */
#define HTTP_MAX_HEADER_BYTES		(64 * 1024)	/* reply header block */
#define HTTP_MAX_REQUEST_BODY_BYTES	(8 * 1024 * 1024) /* what we send */
#define HTTP_MAX_HEADERS		64		/* request headers */
#define HTTP_DEFAULT_MAX_IN_FLIGHT	16
#define HTTP_DEFAULT_MAX_PER_ENDPOINT	4
#define HTTP_MAX_IN_FLIGHT_LIMIT	256
/* http_config.max_in_flight: the per-endpoint cap for every key */
#define HTTP_IN_FLIGHT_PER_ENDPOINT	(-1)
#define HTTP_DEFAULT_CONNECT_TIMEOUT_MS	10000
#define HTTP_DEFAULT_REQUEST_TIMEOUT_MS	60000
#define HTTP_ERROR_LEN			(3 * 256)	/* http_error_fmt() */

struct http;				/* opaque: one engine */

struct http_header {
	char	*name;			/* owned by the list; "Content-Type" */
	char	*value;			/* owned by the list */
};

/* A list of headers; zero-initialise ({ NULL, 0 }) before use. */
struct http_headers {
	struct http_header	*v;	/* owned array of len entries */
	size_t			 len;	/* entries used */
};

/* Append copies of "name" and "value" to "h". */
void	 http_headers_add(struct http_headers *h, const char *name,
	    const char *value);

/* Free every entry and leave "h" empty and reusable.  NULL-safe. */
void	 http_headers_free(struct http_headers *h);

/* One call to make; http_submit() copies all of it, nothing is kept. */
struct http_call {
	const char	*method;	/* "GET", "POST", ... */
	const char	*url;		/* full URL with path and query */
	const struct http_headers *headers; /* unsigned headers, or NULL */
	const void	*body;		/* request body, or NULL */
	size_t		 bodysz;	/* bytes at body */
	/*
	 * The logical endpoint, "bedrock/us-east-1": calls with the same
	 * key share a concurrency cap and a retry quota (token bucket), as
	 * calls on one AWS SDK client do.  client.c builds it.
	 */
	const char	*endpoint_key;
	const char	*operation;	/* "ListFoundationModels" */
	const char	*region;	/* "us-east-1" */
};

/* A 2xx reply, borrowed by the done callback for the call only. */
struct http_response {
	long	 status;		/* HTTP status */
	char	*body;			/* NUL-terminated (NUL not counted) */
	size_t	 bodysz;		/* bytes of body */
	char	*error_type;		/* x-amzn-ErrorType value, or NULL */
	char	*request_id;		/* x-amzn-RequestId value, or NULL */
	char	*query_error;		/* x-amzn-query-error value, or NULL */
};

/* The single value a failure becomes. */
struct http_error {
	long		 status;	/* HTTP status, 0 if none (transport) */
	char		*code;		/* AWS error code or transport code;
					   made safe with log_safe() */
	/*
	 * The error message as received (bounded by the parse_error hook,
	 * aws.c: AWS_MAX_FIELD_BYTES), not escaped: it may hold controls
	 * and backslashes.  Print it through log_safe() (http_error_fmt()
	 * does); reports escape it with escape.h.
	 */
	char		*message;
	const char	*operation;	/* borrowed from the call copy */
	const char	*region;	/* borrowed from the call copy */
	int		 attempts;	/* attempts made in all rounds, >= 0 */
};

/*
 * Transport codes in http_error.code: "ConnectionRefused",
 * "ConnectionReset", "DnsFailure", "TlsHandshakeFailed" (retried),
 * "Timeout" (retried, costs more quota), "ResponseTooLarge",
 * "TlsVerifyFailed", "ProtocolNotAllowed", "InvalidRequest",
 * "PrepareFailed", "TransportError", "EngineError" and
 * "DeadlineExceeded" (final).  HTTP errors carry the AWS code from
 * parse_error, else the x-amzn-ErrorType name, else the status ("500").
 */

/*
 * Called before every attempt, retries included: append the signed
 * headers for this attempt (X-Amz-Date, Authorization,
 * X-Amz-Security-Token) to *out, computed from the call's method, url,
 * headers and body.  "arg" is the call's arg from http_submit() (the
 * same one the done callback gets).  Return -1 to fail the call with
 * "PrepareFailed" (e.g. no credentials; the hook warns).
 */
typedef int (*http_prepare_fn)(void *arg, const struct http_call *call,
    struct http_headers *out);

/*
 * Extract the AWS error code and message from a non-2xx reply; set *code
 * and *message to allocated strings (the engine frees them) or NULL.
 */
typedef void (*http_error_parse_fn)(const struct http_response *r,
    char **code, char **message);

/*
 * Completion: exactly one of "resp" (2xx) or "err" is non-NULL; both are
 * borrowed for the duration of the callback.  The callback may submit
 * more calls but must not call http_run() or http_free().
 */
typedef void (*http_done_fn)(void *arg, const struct http_response *resp,
    const struct http_error *err);

/*
 * The caller's deferred work, run by http_run() one piece at a time when
 * no socket is ready and the engine would otherwise wait for the
 * network, so that slow work (writing a finished region to the database)
 * never holds up replies that have arrived.  With "run" 0 the hook only
 * says whether it has work (1) or not (0), and must be cheap; with "run"
 * 1 it does one piece.  May submit calls; must not call http_run() or
 * http_free().  Work left when http_run() returns is the caller's.
 */
typedef int (*http_idle_fn)(void *arg, int run);

/* Engine settings; zero fields take the defaults noted. */
struct http_config {
	/*
	 * Total cap, 1 to HTTP_MAX_IN_FLIGHT_LIMIT; 0 = 16;
	 * HTTP_IN_FLIGHT_PER_ENDPOINT = max_per_endpoint for every
	 * endpoint key seen, at most HTTP_MAX_IN_FLIGHT_LIMIT.
	 */
	int		 max_in_flight;
	int		 max_per_endpoint; /* per endpoint_key; 0 = 4 */
	long		 connect_timeout_ms; /* 0 = 10 s */
	long		 request_timeout_ms; /* whole attempt; 0 = 60 s */
	size_t		 max_body_bytes; /* 0 = HTTP_MAX_BODY_BYTES */
	int		 max_attempts;	/* AWS_MAX_ATTEMPTS; 0 = 3; 1..20 */
	long		 base_delay_ms;	/* backoff base; 0 = 1 s (tests: ms) */
	long		 round_base_ms;	/* back-off before round 2; 0 = 5 s */
	const char	*ca_bundle;	/* AWS_CA_BUNDLE or NULL; copied */
	http_prepare_fn	 prepare;	/* may be NULL (nothing to add) */
	http_error_parse_fn parse_error; /* may be NULL */
	uint64_t	 seed;		/* jitter PRNG seed */
};

/*
 * Create an engine.  "cfg" is copied.  Returns NULL after warnx(3) if a
 * setting is out of range or libcurl cannot be initialised.
 */
struct http	*http_new(const struct http_config *cfg);

/*
 * Queue a call (copied, nothing borrowed).  "done" is called exactly
 * once, from inside http_run() (an invalid call, e.g. a header with a
 * line break, fails there with "InvalidRequest").  Returns 0, or -1
 * after warnx(3) if the call lacks a method, URL or endpoint key.
 */
int		 http_submit(struct http *h, const struct http_call *c,
		    http_done_fn done, void *arg);

/*
 * Run until nothing is queued, waiting for a retry or in flight, or
 * until the monotonic deadline (util_now_ms() based, 0 = none) passes:
 * then every remaining call fails with "DeadlineExceeded".  The
 * deadline is also the run time that later rounds may use (none
 * without one), up to a margin before it.  Callbacks may submit more
 * calls.  Returns 0, or -1 after warnx(3) on an engine
 * error (every remaining call then fails with "EngineError").
 */
int		 http_run(struct http *h, long long deadline_ms);

/* Set the idle hook of "h" ("fn" NULL: none). */
void		 http_set_idle(struct http *h, http_idle_fn fn, void *arg);

/* Counters since http_new(). */
struct http_stats {
	unsigned long	 requests;	/* attempts sent */
	unsigned long	 retries;	/* attempts that were retries */
	unsigned long	 rounds;	/* calls sent back for another round */
	unsigned long	 failures;	/* calls that ended in an error */
	unsigned long	 bytes_in;	/* reply body bytes received */
};

/* Copy the engine's counters into *out. */
void		 http_stats(const struct http *h, struct http_stats *out);

/*
 * Free the engine.  Calls still pending (http_run() not called, or it
 * failed) are dropped without their callback.  NULL-safe.
 */
void		 http_free(struct http *h);

/*
 * Format "e" as "ListServiceQuotas us-east-1: TooManyRequestsException
 * (HTTP 400) after 3 attempts: Rate exceeded" into "out" (size "outsz",
 * HTTP_ERROR_LEN is enough) and return "out"; the message goes through
 * log_safe(), so the result may be printed.
 */
const char	*http_error_fmt(const struct http_error *e, char *out,
		    size_t outsz);


struct curl_slist;

/*
 * Set on libcurl easy handle "easy" (a CURL *) the transport rules above
 * that every request of this program follows, the engine's and the
 * credential fetches' (creds_http.c) alike: https only, or http too for
 * an http:// "url" (the caller has checked it: url_allowed() (url.h), or
 * the credential source's own rule); no redirects; TLS peer and host
 * verified, against "ca_bundle" unless NULL; no signals; the connect and
 * whole-request timeouts in milliseconds.  Returns CURLE_OK (0), or the
 * first CURLcode that failed.
 */
int		 http_easy_secure(void *easy, const char *url,
		    const char *ca_bundle, long connect_timeout_ms,
		    long timeout_ms);

/*
 * Wipe every line of libcurl header list "l" (signatures, tokens), then
 * free it.  NULL is allowed.
 */
void		 http_slist_wipe(struct curl_slist *l);

#endif /* BEDROCK_AUDIT_HTTP_H */
