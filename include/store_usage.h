/*
 * store_usage.h: the usage evidence of each region in the store
 * (schema/NNNN-usage.sql): how a run's usage collection went
 * (region_run_usage), the daily aggregates (usage_day: one row per
 * series and day, its metrics side by side, schema 0010; merged when a
 * later run reads more minutes of a day) and which series measures each
 * quota (usage_quota_map).  Written in one transaction per region,
 * after the region's state; usage never changes the state tables.
 */
#ifndef BEDROCK_AUDIT_STORE_USAGE_H
#define BEDROCK_AUDIT_STORE_USAGE_H

#include "change.h"
#include "usage.h"

struct store;
struct usage_result;

/* How a region's usage collection went in a run. */
enum store_usage_status {
	STORE_USAGE_OK,			/* the window was read and stored */
	STORE_USAGE_NOTHING_NEW,	/* the window was empty */
	STORE_USAGE_SKIPPED,		/* --no-usage */
	STORE_USAGE_FAILED,		/* usage unknown: see the failure */
};

/* One region's usage outcome; strings borrowed. */
struct store_usage_run {
	enum store_usage_status status;
	const char	*operation;	/* FAILED: "ListMetrics", ... */
	long		 http_status;	/* FAILED: 0 when no reply */
	const char	*error_code;	/* FAILED: may be NULL */
	const char	*error_message;	/* FAILED: may be NULL */
	long long	 start, end;	/* OK: the window read */
	long long	 metrics;	/* metrics requested */
};

/*
 * Where the last successful usage collection of "region" for account
 * "account" ended, in *end (epoch seconds; 0 when there was none).  0,
 * or -1 after warnx(3).
 */
int	store_usage_last_end(struct store *st, const char *account,
	    const char *region, long long *end);

/*
 * Record "u" for (run_id, region) and, when u->status is OK, merge the
 * day rows of "res" into their stored days (usage_day_merge()) and, if
 * res->nmaps > 0, replace the region's quota mappings; one transaction.  "res" may be NULL unless
 * OK.  0, or -1 after warnx(3) (nothing written).
 */
int	store_usage_record(struct store *st, long long run_id,
	    const char *account, const char *region,
	    const struct store_usage_run *u, const struct usage_result *res);

/* One stored day of a mapped quota's series (view quota_usage); owned. */
struct store_quota_day {
	char		*account_id;
	char		*region;
	char		*quota_code;
	char		*model_id;	/* the series */
	double		 applied;	/* the quota's applied value */
	int		 has_applied;
	int		 adjustable;	/* 1, 0, -1 unknown */
	long long	 day;		/* 00:00 UTC, epoch seconds */
	double		 peak;		/* largest per-minute value that day */
	long long	 peak_at;	/* its minute; 0 when peak is 0 */
	int		 throttled_minutes; /* of the same series that day */
	int		 tokens;	/* 1 tokens per minute, 0 requests */
	int		 approximate;	/* 1: input + output tokens */
	long long	 first_run;	/* the run that first read the day */
	char		*quota_name;	/* the quota's name; "" if unknown */
	double		 default_value;	/* the AWS default, if has_default */
	int		 has_default;
};

/*
 * Every stored day from "first_day" to "last_day" (epoch seconds of
 * 00:00 UTC, both included) of every mapped quota of "region" (NULL:
 * of every region), ordered by region, quota code and day, in *out
 * (free with store_quota_days_free()).  0, or -1 after warnx(3).
 */
int	store_usage_quota_days(struct store *st, const char *region,
	    long long first_day, long long last_day,
	    struct store_quota_day **out, size_t *n);

void	store_quota_days_free(struct store_quota_day *v, size_t n);

/*
 * The end of the group of days d[i..] of one quota (same region and
 * code; store_usage_quota_days() orders them so): the first index past
 * it, at most n.
 */
size_t	store_quota_days_group(const struct store_quota_day *d, size_t n,
	    size_t i);

/*
 * usage_judge() over one quota's stored days d[0..n) (same region and
 * code, in day order) against its applied value: the one way the
 * collector (ingest_usage()) and the views judge them.  *uv is zeroed
 * first; returns its finding.
 */
enum usage_finding store_quota_days_judge(const struct store_quota_day *d,
	    size_t n, struct usage_verdict *uv);

/* A region whose usage is unknown in a run, and why; owned. */
struct store_usage_failure {
	char		*region;
	char		*operation;	/* "ListMetrics", "GetMetricData" */
	char		*error_code;	/* "" if none */
};

/*
 * The regions of run "run_id" whose usage collection failed, by region,
 * in *out (free with store_usage_failures_free()).  0, or -1 after
 * warnx(3).
 */
int	store_usage_failures(struct store *st, long long run_id,
	    struct store_usage_failure **out, size_t *n);

void	store_usage_failures_free(struct store_usage_failure *v, size_t n);

/* The usage finding a quota has now (usage_finding); owned. */
struct store_usage_open {
	char		*quota_code;
	enum change_kind kind;		/* the finding's usage kind */
};

/*
 * The usage findings the quotas of "region" of account "account" have
 * now (table usage_finding, schema 0007: what the newest run that judged
 * the region found), by quota code, in *out (free with
 * store_usage_open_free()).  0, or -1 after warnx(3).
 */
int	store_usage_open_findings(struct store *st, const char *account,
	    const char *region, struct store_usage_open **out, size_t *n);

void	store_usage_open_free(struct store_usage_open *v, size_t n);

/*
 * Record the usage finding changes "changes" (diff_usage(), classified)
 * of run "run_id": each quota's finding in usage_finding (a start sets
 * it, an end clears it), and, unless "baseline" (the region's first run:
 * its findings are the base the next run compares with, no change, as
 * its state), each change in the change log with its evidence row
 * (change_usage); one transaction.  0, or -1 after warnx(3) (nothing
 * written).
 */
struct change_list;
int	store_usage_changes(struct store *st, long long run_id,
	    const char *account, const struct change_list *changes,
	    int baseline);

/* Text of "s" as stored in region_run_usage.status (static). */
const char	*store_usage_status_name(enum store_usage_status s);

#endif /* BEDROCK_AUDIT_STORE_USAGE_H */
