/*
 * snapshot.h: what one region looked like in one run, as plain C data.
 *
 * The API parsers (aws.h) fill a snapshot from AWS replies, the store
 * (store.h) writes one and reads one back as of any run, and the differ
 * (diff.h) compares two.  No JSON and no SQL past this point.
 *
 * Every string is owned by the snapshot (freed by snapshot_free()).
 * Enumerations from AWS are kept as the text AWS sent: an unknown value is
 * data, not an error.  Lists inside a row (inference types, profile
 * models) are stored sorted and joined with ',' so that equal sets compare
 * equal as strings.  After snapshot_sort() each array is in ascending
 * strcmp() order of its key (for quotas, of each of its four parts in
 * turn: snapshot_quota_cmp()), which is what the differ and store
 * expect.  Optional members of a reply that AWS may leave out (the
 * lifecycle dates, messages, periods, errors) are NULL when absent and
 * "" when sent empty.
 */
#ifndef BEDROCK_AUDIT_SNAPSHOT_H
#define BEDROCK_AUDIT_SNAPSHOT_H

#include <stddef.h>

/* One foundation model offered in the region, with this account's access. */
struct model {
	/* key, e.g. "anthropic.claude-3-haiku-20240307-v1:0" */
	char	*model_id;
	char	*model_name;		/* "Claude 3 Haiku"; "" if absent */
	char	*provider;		/* "Anthropic"; "" if absent */
	/* modelLifecycle.status: ACTIVE, LEGACY, ... */
	char	*lifecycle;
	/* sorted, ','-joined: "ON_DEMAND,PROVISIONED" */
	char	*inference_types;
	/* authorizationStatus: AUTHORIZED, NOT_AUTHORIZED */
	char	*authorization;
	/* entitlementAvailability: AVAILABLE, NOT_AVAILABLE */
	char	*entitlement;
	char	*agreement;		/* agreementAvailability.status */
	/* regionAvailability: AVAILABLE, NOT_AVAILABLE */
	char	*region_availability;
	/*
	 * modelLifecycle dates as UTC ISO-8601 text, NULL when absent (never
	 * ""): startOfLifeTime, legacyTime, publicExtendedAccessTime,
	 * endOfLifeTime.
	 */
	char	*start_of_life;
	char	*legacy_time;
	char	*extended_access;
	char	*end_of_life;
	/* agreementAvailability.errorMessage as sent; NULL when absent */
	char	*agreement_message;
	/* run where this state was first seen; 0 if unsaved */
	long long first_run;
	/*
	 * 1 when its GetFoundationModelAvailability failed: the access
	 * fields above are unknown (empty), not "not authorized".  Never
	 * stored: ingest carries the last known access forward instead.
	 */
	int	 access_unknown;
};

/*
 * One Bedrock service quota.  ListServiceQuotas omits quotas that have no
 * applied value, so "has_applied" keeps "not set" apart from any number;
 * the default comes from ListAWSDefaultServiceQuotas.  Never copy one
 * into the other.  A row with an error_code is one whose applied value
 * AWS could not tell (ErrorReason): has_applied is then 0, but the value
 * is unknown, not unset (snapshot_quota_unknown()).
 *
 * The key is (quota_code, level, context_scope, context_id): one code may
 * be listed at the account level and again for resources.
 */
struct quota {
	char	*quota_code;		/* key, e.g. "L-2DC80978" */
	/* key: QuotaAppliedAtLevel; "ACCOUNT" (the API's default) if absent */
	char	*level;
	char	*context_scope;		/* key: QuotaContext.ContextScope; "" */
	char	*context_id;		/* key: QuotaContext.ContextId; "" */
	char	*quota_name;
	double	 applied_value;		/* valid only if has_applied */
	int	 has_applied;		/* 1 if ListServiceQuotas reported it */
	double	 default_value;		/* valid only if has_default */
	/* 1 if ListAWSDefaultServiceQuotas reported it */
	int	 has_default;
	char	*unit;			/* "None", "Count", ...; "" if absent */
	int	 adjustable;		/* 1 adjustable, 0 not */
	int	 global_quota;		/* 1 if GlobalQuota */
	double	 period_value;		/* Period.PeriodValue if has_period */
	int	 has_period;
	char	*period_unit;		/* Period.PeriodUnit; NULL if absent */
	/* ListServiceQuotas' ErrorReason: code and message; NULL if none */
	char	*error_code;
	char	*error_message;
	long long first_run;
};

/* One inference profile (system-defined or application). */
struct profile {
	/* key, e.g. "us.anthropic.claude-3-haiku-20240307-v1:0" */
	char	*profile_id;
	char	*profile_name;
	char	*profile_type;		/* SYSTEM_DEFINED, APPLICATION */
	char	*status;		/* ACTIVE */
	/* sorted, ','-joined model IDs it routes to */
	char	*model_ids;
	/* sorted, ','-joined regions of those models */
	char	*regions;
	long long first_run;
};

/* One quota increase request from the change history. */
struct qrequest {
	char	*request_id;		/* key: Id */
	char	*quota_code;
	char	*quota_name;
	double	 desired_value;		/* valid only if has_desired */
	int	 has_desired;		/* DesiredValue is optional */
	/* PENDING, CASE_OPENED, APPROVED, DENIED, ... */
	char	*status;
	char	*case_id;		/* "" if none */
	char	*created;		/* UTC ISO-8601; "" if absent */
	char	*last_updated;		/* UTC ISO-8601; "" if absent */
	char	*request_type;		/* RequestType; NULL if absent */
	char	*level;			/* QuotaRequestedAtLevel; NULL if absent */
	char	*requester;		/* Requester; NULL if absent */
	long long first_run;
};

struct snapshot {
	char		*region;	/* "us-east-1" */
	struct model	*models;
	size_t		 modelsz;
	struct quota	*quotas;
	size_t		 quotasz;
	struct profile	*profiles;
	size_t		 profilesz;
	struct qrequest	*requests;
	size_t		 requestsz;
	/*
	 * The parts (status.h REGION_PART_BIT() of REGION_PART_MODELS,
	 * _QUOTAS, _PROFILES, _REQUESTS) this snapshot does not know: their
	 * arrays are empty because the call failed (collect), or because no
	 * run has known them yet (store).  0: everything is known.
	 */
	unsigned	 unknown;
};

/* Append an empty, zeroed row and return it (owned by the snapshot). */
struct model	*snapshot_add_model(struct snapshot *s);
struct quota	*snapshot_add_quota(struct snapshot *s);
struct profile	*snapshot_add_profile(struct snapshot *s);
struct qrequest	*snapshot_add_request(struct snapshot *s);

/* Sort every array by its key.  Duplicate keys are left adjacent. */
void		 snapshot_sort(struct snapshot *s);

/*
 * Binary search in a sorted snapshot; NULL when absent.  Borrowed.
 * snapshot_find_quota() returns the first row of "quota_code" in key
 * order: the account-level one when there is one.
 */
const struct model	*snapshot_find_model(const struct snapshot *s,
			    const char *model_id);
const struct quota	*snapshot_find_quota(const struct snapshot *s,
			    const char *quota_code);

/*
 * The order of snapshot_sort(), for qsort(3), bsearch(3) and merge
 * joins: strcmp() of the key, and for quotas of each key part in turn
 * (a NULL part compares as "").  0 exactly when the keys are equal.
 */
int		 snapshot_model_cmp(const void *a, const void *b);
int		 snapshot_quota_cmp(const void *a, const void *b);
int		 snapshot_profile_cmp(const void *a, const void *b);
int		 snapshot_request_cmp(const void *a, const void *b);

/*
 * Whether the applied value of "q" is unknown: AWS sent an ErrorReason
 * for it.  Such a value is neither "not set" nor below anything.
 */
int		 snapshot_quota_unknown(const struct quota *q);

/*
 * Move the rows of whole part "part" (status.h: REGION_PART_MODELS,
 * _QUOTAS, _PROFILES or _REQUESTS; any other moves nothing) from "src"
 * to "dst": the rows "dst" had there are freed, "src" is left with none.
 * "dst" NULL just frees the rows of "src".
 */
void		 snapshot_move_part(struct snapshot *dst, struct snapshot *src,
		    int part);

/*
 * Replace the allocated text *p (NULL allowed) by a shared constant equal
 * to it when there is one ("", "ACCOUNT", "None", "AVAILABLE", ...): for
 * the fields that every row repeats, the quota fields level,
 * context_scope, context_id, unit and period_unit and the model fields
 * lifecycle, inference_types, authorization, entitlement, agreement and
 * region_availability.  Such a field is released with
 * snapshot_str_free(), never free(3).
 */
void		 snapshot_str_share(char **p);

/* free(3) "s" unless it is a shared constant; NULL-safe. */
void		 snapshot_str_free(char *s);

/* Free everything inside "s" and zero it; NULL-safe.  "s" itself stays. */
void		 snapshot_free(struct snapshot *s);

#endif /* BEDROCK_AUDIT_SNAPSHOT_H */
