/*
 * change.h: one difference between two runs, and what to do about it.
 *
 * The differ (diff.h) creates changes, the playbook (playbook.h) decides
 * path and severity and fills the advice context, the store (store.h)
 * keeps them, and the reporter (report.h) renders them.  The kind and
 * path names are a stable public interface: they appear in the database
 * and in JSON reports.
 */
#ifndef BEDROCK_AUDIT_CHANGE_H
#define BEDROCK_AUDIT_CHANGE_H

#include <stddef.h>

enum change_kind {
	CHANGE_MODEL_ADDED,
	CHANGE_MODEL_REMOVED,
	CHANGE_MODEL_LIFECYCLE_CHANGED,
	CHANGE_MODEL_LIFECYCLE_DATE_CHANGED,	/* field names the date */
	CHANGE_MODEL_INFERENCE_TYPES_CHANGED,
	CHANGE_ACCESS_GRANTED,
	CHANGE_ACCESS_LOST,
	CHANGE_ENTITLEMENT_CHANGED,
	CHANGE_AGREEMENT_CHANGED,
	CHANGE_REGION_AVAILABILITY_CHANGED,
	CHANGE_QUOTA_ADDED,
	CHANGE_QUOTA_REMOVED,
	CHANGE_QUOTA_DEFAULT_CHANGED,
	CHANGE_QUOTA_VALUE_CHANGED,
	CHANGE_QUOTA_ADJUSTABLE_CHANGED,
	CHANGE_QUOTA_REQUEST_CREATED,
	CHANGE_QUOTA_REQUEST_STATUS_CHANGED,
	CHANGE_PROFILE_ADDED,
	CHANGE_PROFILE_REMOVED,
	/*
	 * Usage findings (usage.h) of a quota over the judged window: one
	 * kind per finding, started ("none" -> the finding's name) or ended
	 * (the name -> "none"); the evidence is in struct change_usage.
	 */
	CHANGE_USAGE_NEAR_QUOTA,
	CHANGE_THROTTLED_BELOW_QUOTA,
	CHANGE_THROTTLED_AT_QUOTA,
	CHANGE__COUNT
};

/*
 * What a change is about: the kind of thing its subject names.  The
 * kinds of one class sit together in enum change_kind, but code asks
 * change_subject() rather than comparing kinds.
 */
enum change_subject {
	CHANGE_SUBJECT_MODEL,	/* a foundation model; subject: model ID */
	CHANGE_SUBJECT_QUOTA,	/* a quota; subject: quota code */
	CHANGE_SUBJECT_REQUEST,	/* a quota increase request; subject:
				   request ID, quota_code: its quota */
	CHANGE_SUBJECT_PROFILE,	/* an inference profile; subject: ID */
	CHANGE_SUBJECT_UNKNOWN	/* a kind out of range */
};

enum change_path {
	PATH_INFO,		/* no troubleshooting path applies */
	PATH_P1,		/* enable access */
	PATH_P2,		/* region unsupported */
	PATH_P3,		/* allowlisting support case */
	PATH_P4,		/* quota increase in Service Quotas */
	PATH_P5,		/* throttled below quota: profiles, then case */
	PATH_P6,		/* quota not adjustable: support case */
	PATH__COUNT
};

enum change_severity {
	SEVERITY_INFO,
	SEVERITY_WARNING,
	SEVERITY_ACTION,
	SEVERITY__COUNT
};

/*
 * The usage evidence of a usage finding change (the judged window as the
 * run that recorded it saw it; usage_judge()): for a finding that
 * started, the numbers that prove it; for one that ended, the numbers of
 * the window where it no longer holds.  "set" is 0 for other kinds.
 */
struct change_usage {
	int		 set;		/* 1 for a usage finding change */
	double		 peak;		/* peak per-minute usage */
	long long	 peak_at;	/* its minute, epoch seconds; 0 none */
	double		 quota;		/* the applied value judged against */
	double		 percent;	/* peak / quota x 100 */
	int		 throttled_minutes; /* of the finding (usage_verdict) */
	double		 suggested;	/* usage_suggest(peak) */
	int		 tokens;	/* 1 tokens per minute, 0 requests */
	int		 approximate;	/* 1 input + output tokens */
};

/* A quota number that may be absent. */
struct change_num {
	double	v;		/* the value; 0 when not set */
	int	set;		/* 1 if there is a (finite) value */
};

/*
 * One change.  Strings are owned by the change (change_free()).  Values
 * are text as stored and shown: enumerations as AWS sent them, numbers
 * formatted by change_format_number(), "" for "not set".  old_value and
 * new_value are always both present ("" for the side where the subject
 * did not exist).  The quota numbers among them are also kept as numbers
 * (the *_num members), which is what decisions compare.
 */
struct change {
	long long	 change_id;	/* store's id; 0 until stored */
	long long	 run_id;	/* run whose collection found it */
	/* run where the new state was first seen */
	long long	 first_run;
	char		*first_seen;	/* that run's start, UTC ISO-8601 */
	/*
	 * first_seen in the reader's time zone ("YYYY-MM-DD HH:MM ZONE"),
	 * shown next to it; "" when not shown.  Set by the command that
	 * renders (tz.h), never stored.
	 */
	char		*first_seen_local;
	char		*region;
	enum change_kind kind;
	/* model ID, quota code, profile ID or request ID */
	char		*subject;
	char		*subject_name;	/* readable name; "" if none */
	char		*old_value;
	char		*new_value;
	/*
	 * Context the playbook needs, filled by the differ from the rows:
	 * for quotas, the applied values before and after (also on a default
	 * change, where applied_followed says whether the applied value moved
	 * with it) and whether the quota is adjustable now; for models, the
	 * entitlement and inference types now.
	 */
	char		*old_applied;	/* "" when not set or not a quota */
	char		*new_applied;
	char		*new_default;	/* quota's default now; "" if unknown */
	/* 1 if the applied value moved with the default */
	int		 applied_followed;
	/* quota adjustable now: 1, 0, or -1 n/a */
	int		 adjustable;
	/*
	 * 1 when the quota's applied value is unknown on either side (AWS
	 * sent an ErrorReason): old_applied/new_applied "" then do not mean
	 * "not set", and no decision may read "lowered" or "below" there.
	 */
	int		 applied_unknown;
	/*
	 * model_lifecycle_date_changed: which date, as its models_now column
	 * ("start_of_life_time", "legacy_time",
	 * "public_extended_access_time", "end_of_life_time"); else "".
	 */
	char		*field;
	/*
	 * Quota changes: the rest of the quota row's key beside the code in
	 * "subject" (snapshot.h): QuotaAppliedAtLevel and QuotaContext, so
	 * that the account-level and a resource-level row of one code are
	 * told apart; "" for other subjects.
	 */
	char		*level;
	char		*context_scope;
	char		*context_id;
	/*
	 * The numbers behind the text: old_num and new_num are old_value and
	 * new_value for the kinds whose values are quota numbers (quota
	 * added, removed, default changed, value changed; unset for the
	 * others); the rest are old_applied, new_applied, new_default and
 * desired_value.
	 * Set with their text by change_set_num(), or from it by
	 * change_parse_nums().
	 */
	struct change_num old_num;
	struct change_num new_num;
	struct change_num old_applied_num;
	struct change_num new_applied_num;
	struct change_num new_default_num;
	struct change_num desired_num;	/* desired_value's number */
	char		*entitlement;	/* model's entitlement now; "" if n/a */
	/*
	 * The rest of a model's access state now ("" if n/a or unknown),
	 * so a change that made the model worse is judged on the whole
	 * state, as the status view judges it.  Filled by the differ, not
	 * stored: the path and severity decided with them are.
	 */
	char		*authorization;
	char		*agreement;
	char		*region_availability;
	/* AWS's agreementAvailability.errorMessage now; "" if none */
	char		*agreement_message;
	char		*quota_code;	/* for requests: the quota; else "" */
	/* for requests: the value asked for; else "" */
	char		*desired_value;
	/*
	 * Usage finding changes: the series measuring the quota (a model or
	 * inference profile ID); "" otherwise.
	 */
	char		*usage_model;
	struct change_usage usage;	/* usage finding changes */
	/* Filled by the playbook. */
	enum change_path path;
	enum change_severity severity;
	/* ','-joined regions still offering the model */
	char		*alt_regions;
	/* ','-joined inference profiles including it */
	char		*alt_profiles;
};

/* Stable identifiers ("model_added", "P4", "action") and their parsers. */
const char	*change_kind_name(enum change_kind k);
int		 change_kind_parse(const char *s, enum change_kind *out);
const char	*change_path_name(enum change_path p);	/* "P1".."P6", "info" */
int		 change_path_parse(const char *s, enum change_path *out);
const char	*change_severity_name(enum change_severity s);
int		 change_severity_parse(const char *s,
		    enum change_severity *out);

/*
 * The class of subject a change of kind "k" is about; the one place that
 * groups the kinds.  CHANGE_SUBJECT_UNKNOWN for a kind out of range.
 */
enum change_subject change_subject(enum change_kind k);

/* Whether "k" is a usage finding kind (CHANGE_USAGE_NEAR_QUOTA ...). */
int		 change_kind_is_usage(enum change_kind k);

/*
 * The value a usage finding change shows on the side where the finding
 * holds ("near_quota", "throttled_below_quota", "throttled_at_quota"),
 * or NULL for another kind; the other side is CHANGE_USAGE_NONE.
 */
const char	*change_usage_value(enum change_kind k);
#define CHANGE_USAGE_NONE	"none"


/* Format a quota number the same way everywhere ("1000", "0.5", "1e+10"). */
char		*change_format_number(double v);	/* caller frees */

/*
 * Set one quota number of a change and its text together: *num to "v"
 * when "set" (and "v" is finite), and *text (freed first) to
 * change_format_number(v), or "" when not "set".
 */
void		 change_set_num(char **text, struct change_num *num,
		    int set, double v);

/*
 * Fill the *_num members of "c" from its text, for a change read back
 * from the store or written by hand; the one parse of what
 * change_format_number() wrote.  Text that is NULL, "", or not wholly a
 * finite number gives an unset number.
 */
void		 change_parse_nums(struct change *c);

/* Whether "a" and "b" are both set and a < b. */
int		 change_num_less(const struct change_num *a,
		    const struct change_num *b);

/* A zeroed change with every string set to "" (owned). */
struct change	*change_new(void);
/* A deep copy of "c" (owned by the caller: change_free()). */
struct change	*change_dup(const struct change *c);
/* Free one change's strings and the change itself; NULL-safe. */
void		 change_free(struct change *c);

/* A growable list of changes; owns its elements. */
struct change_list {
	struct change	**items;
	size_t		  len;
	size_t		  cap;
};
void		 change_list_push(struct change_list *l, struct change *c);
void		 change_list_free(struct change_list *l);	/* NULL-safe */

#endif /* BEDROCK_AUDIT_CHANGE_H */
