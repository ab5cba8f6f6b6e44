/*
 * status.h: how a run and each region of it ended, as enums.
 *
 * The store keeps these as text ("complete", "ok", ...) and the JSON
 * report shows the same words; this is the one table between the two.
 * Everything else compares the enums and maps them to catalogue
 * messages itself.  It also holds what a region's outcome is made of
 * (its parts, its failed calls).  Pure: no I/O.
 */
#ifndef BEDROCK_AUDIT_STATUS_H
#define BEDROCK_AUDIT_STATUS_H

#include <stddef.h>

/* What happened to one region in one run, or in a comparison of two. */
enum region_status {
	REGION_STATUS_OK,		/* collected ("ok") */
	REGION_STATUS_FAILED,		/* collection failed ("failed") */
	/* collected, but not comparable with the older run (views only) */
	REGION_STATUS_NOT_COMPARED,
	/* collected for the first time in the newer run (views only) */
	REGION_STATUS_BASELINE,
	/*
	 * collected, but some calls failed: what they cover is unknown in
	 * this run and keeps its last known state ("partial")
	 */
	REGION_STATUS_PARTIAL,
	/* the account has not enabled this (opt-in) region ("not_enabled") */
	REGION_STATUS_NOT_ENABLED,
	REGION_STATUS__COUNT
};

/*
 * The parts of a region's state that one list call (or pair of calls)
 * covers: when its call fails, that part is unknown in the run.  The
 * quota rows merge ListServiceQuotas and ListAWSDefaultServiceQuotas, so
 * either failing leaves REGION_PART_QUOTAS unknown.  A failed
 * GetFoundationModelAvailability leaves one model's access unknown
 * (REGION_PART_MODEL_ACCESS, with the model as the subject).
 */
enum region_part {
	REGION_PART_MODELS,		/* "models": ListFoundationModels */
	REGION_PART_MODEL_ACCESS,	/* "model_access": one model's access */
	REGION_PART_QUOTAS,		/* "quotas": both quota lists */
	REGION_PART_PROFILES,		/* "profiles": ListInferenceProfiles */
	REGION_PART_REQUESTS,		/* "requests": the request history */
	REGION_PART__COUNT
};

/* A set of whole parts: bit (1u << part). */
#define REGION_PART_BIT(p)	(1u << (unsigned)(p))

/*
 * One way calls of a region failed in a run: calls of the same
 * operation with the same HTTP status and error code are counted
 * together, the first message kept.
 */
struct region_failure {
	const char	*operation;	/* static: the AWS operation */
	long		 http_status;	/* 0 when there was no reply */
	/* AWS or transport code; NULL when the reply had none */
	char		*error_code;
	char		*error_message;	/* owned; "" when none */
	unsigned	 count;		/* calls that failed this way, >= 1 */
};

/* The state of a run (the run table's status column). */
enum run_status {
	RUN_STATUS_RUNNING,		/* "running": not finished (or died) */
	RUN_STATUS_COMPLETE,		/* "complete": every region ok */
	RUN_STATUS_PARTIAL,		/* "partial": some regions failed */
	RUN_STATUS_FAILED,		/* "failed": nothing collected */
	RUN_STATUS__COUNT
};

/*
 * The step of a run that failed before its first region when no
 * credentials could be found or obtained (run_failure.operation; any
 * other failed step is named by its call, "GetCallerIdentity").
 */
#define RUN_STEP_CREDENTIALS	"credentials"

/*
 * Whether a failed AssumeRole sent an external ID (run_account's
 * external_id): STS refuses a missing, a wrong and an unneeded-but-
 * untrusted call alike, so the fix depends on what was sent.
 */
enum external_id {
	EXTERNAL_ID_UNKNOWN,	/* not recorded (a run of an earlier version) */
	EXTERNAL_ID_NONE,	/* the call sent none */
	EXTERNAL_ID_SENT	/* the call sent --external-id */
};

/* What a run did with one account (the run_account table's status). */
enum account_status {
	ACCOUNT_STATUS_COLLECTED,	/* "collected": its regions were run */
	ACCOUNT_STATUS_FAILED,		/* "failed": no credentials for it */
	ACCOUNT_STATUS_SKIPPED,		/* "skipped": not ACTIVE in the org */
	ACCOUNT_STATUS__COUNT
};

/*
 * Add one failed call to the array "*v" of "*n" failures (grown with
 * xreallocarray): counted into the entry with the same operation, HTTP
 * status and code, else appended.  "code" NULL or "" is no code, and so
 * is a code that only repeats the HTTP status ("500"): such a failure is
 * shown by its status alone.  Strings are copied.
 */
void		 status_failure_add(struct region_failure **v, size_t *n,
		    const char *operation, long http_status, const char *code,
		    const char *message);

/* Free "n" failures and the array; NULL-safe. */
void		 status_failures_free(struct region_failure *v, size_t n);

/*
 * How a failed call is named in one line, its HTTP status shown once:
 * "AccessDeniedException (HTTP 403)", "HTTP 500" when the reply had no
 * code ("code" NULL or ""), "ConnectionRefused" when there was no reply
 * ("http_status" 0).  Written to "out" (always terminated), returned.
 */
const char	*status_failure_text(long http_status, const char *code,
		    char *out, size_t outsz);

/*
 * Whether a region in status "s" has a recorded state in its run: OK or
 * PARTIAL (whose unknown part keeps its last known state).
 */
int		 status_region_recorded(enum region_status s);

/* The stable text of a part ("models", ...), or NULL out of range. */
const char	*status_part_name(enum region_part p);

/*
 * The stable text of a status ("ok", "failed", "not_compared",
 * "baseline", "partial", "not_enabled";
 * "running", "complete", "partial", "failed"): a static string, or NULL
 * for a value out of range.
 */
const char	*status_region_name(enum region_status s);
const char	*status_run_name(enum run_status s);
/* "collected", "failed", "skipped"; NULL out of range. */
const char	*status_account_name(enum account_status s);

/*
 * Parse that text (exact, case-sensitive) into *out.  Returns 0, or -1
 * without a warning when "s" is NULL or none of them.
 */
int		 status_region_parse(const char *s, enum region_status *out);
int		 status_run_parse(const char *s, enum run_status *out);

#endif /* BEDROCK_AUDIT_STATUS_H */
