/*
 * report.h: render changes, support case drafts and the current state.
 *
 * The reporter turns what the differ and the playbook produced (change.h)
 * into text for a terminal or cron mail, Markdown for a daily file, JSON
 * for jq, or one self-contained HTML page with SVG charts, in English or
 * Japanese.  It never queries the database:
 * the caller passes plain structs whose strings it borrows for the
 * duration of the call.  Every string that came from AWS is escaped for
 * the output (escape.h); the JSON layout is documented in
 * docs/report-json.md.
 *
 * All writers build the whole output in memory and write it with one
 * fwrite(3).  They return 0 on success, or -1 after warnx(3) when the
 * format or language is out of range or writing to "fp" fails.
 */
#ifndef BEDROCK_AUDIT_REPORT_H
#define BEDROCK_AUDIT_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "change.h"
#include "entry.h"
#include "org.h"
#include "playbook.h"
#include "status.h"

/* Text output is wrapped to this width: 80-column terminals and mail. */
#define REPORT_TEXT_WIDTH_COLS		78
/* A string from AWS longer than this is cut, visibly, in text output. */
#define REPORT_TEXT_FIELD_MAX_COLS	160
/* The same for Markdown output (characters); JSON keeps strings whole. */
#define REPORT_MD_FIELD_MAX_CHARS	300
/* Chart labels from AWS (model IDs, quota names) are cut to this. */
#define REPORT_SVG_LABEL_MAX_CHARS	48

enum report_format {
	REPORT_TEXT,
	REPORT_MARKDOWN,
	REPORT_JSON,
	REPORT_HTML		/* one page: inline CSS and SVG, no asset */
};

enum report_lang {
	REPORT_LANG_EN,
	REPORT_LANG_JA
};

/*
 * Parse "text", "markdown", "json" or "html" (and "en" or "ja") into *out.
 * Returns 0, or -1 without a warning when "s" is none of them.
 */
int	report_format_parse(const char *s, enum report_format *out);
int	report_lang_parse(const char *s, enum report_lang *out);

/* How one region fared.  Strings borrowed; NULL or "" when not known. */
struct report_region {
	const char	*region;	/* "us-east-1" */
	enum region_status status;
	const char	*operation;	/* failed call: "ListServiceQuotas" */
	long		 http_status;	/* HTTP status; 0 if no response */
	const char	*error_code;	/* "AccessDeniedException" */
	const char	*error_message;	/* AWS's message (untrusted) */
	/* not_compared: the older run it failed in; 0 if none */
	long long	 failed_run;
	long long	 unknown_count;	/* partial: entities unknown */
};

/*
 * The lifecycle of the model an open problem is about (legacy,
 * extended_access, end_of_life).  Strings borrowed; dates UTC ISO-8601.
 */
struct report_open_life {
	/*
	 * The date the problem is about: legacyTime for legacy, else the
	 * date of the milestone; NULL when AWS gives none.
	 */
	const char	*date;
	/*
	 * extended_access, end_of_life: the playbook's window, 7, 30 or 90
	 * days, 0 when the date is reached; -1 for legacy (no window)
	 */
	int		 within_days;
	/* every lifecycle date AWS gives, NULL for one it does not */
	const char	*legacy;
	const char	*extended_access;
	const char	*end_of_life;
};

/*
 * One open problem: something wrong in the newest known state, whatever
 * changed or not.  Strings borrowed.
 */
struct report_open {
	const char	*region;
	/* model ID, quota code, request ID; the region for region_failing */
	const char	*subject;
	const char	*subject_name;	/* "" if none */
	/* the playbook's path, severity and reason (the problem) */
	struct playbook_verdict verdict;
	long long	 since_run;	/* run since when it has been true */
	const char	*since;		/* its start, UTC ISO-8601; "" unknown */
	/* a model's lifecycle problems: its dates; NULL for other problems */
	const struct report_open_life *life;
};

/* The newest run: how monitoring itself fared.  Strings borrowed. */
struct report_collection {
	long long	 run;		/* the newest finished run */
	enum run_status	 status;	/* complete, partial or failed */
	const char	*started_at;	/* UTC ISO-8601 */
	const char	*finished_at;	/* UTC ISO-8601; "" if unknown */
	/* the two in the reader's time zone (tz.h); NULL or "": not shown */
	const char	*started_local;
	const char	*finished_local;
	/* the newest run with data: "run", or an older one if it failed */
	long long	 data_run;	/* 0 if there is none */
	const char	*data_time;	/* its start; "" if none */
	int		 first;		/* "run" is the very first: a baseline */
	/*
	 * The account could not be collected in "run" (its role could not
	 * be assumed: it has no region there): why, and the fix; NULL when
	 * it was collected or the run collects one account only.
	 */
	const struct report_org_account *account_failed;
	/*
	 * "run" failed before its first region (no credentials, or STS
	 * refused them): its step as the operation (RUN_STEP_CREDENTIALS or
	 * the call), the reply and AWS's message, for the fix; NULL when no
	 * such failure was recorded.
	 */
	const struct report_region	*run_failure;
};

/*
 * The fix for a member account whose role could not be assumed
 * (playbook_assume_fix()), as one plain line in "lang": the sentence
 * the reports show, and collect's warning.  Returns an allocated string.
 */
char	*report_assume_fix_text(enum playbook_assume_fix f,
	    enum report_lang lang);

/*
 * 1 when nothing is known of the reported account: its newest run failed
 * and no run before it collected data, so its problems are unknown (not
 * none) and there is nothing to compare.
 */
int	report_nothing_known(const struct report_collection *c);

/*
 * The charts of the HTML report (the other formats ignore them).  The
 * caller (view_chart.h) selects and classifies; the renderer draws
 * exactly what it is given, in the given order.  Everything borrowed.
 */

/*
 * The account's region x model access matrix: cell (model m, region r)
 * at cells[m * regionsz + r], its category decided by playbook_access();
 * changed[] (same shape) is 1 where the range changed that model there.
 */
struct report_matrix {
	const char *const	*regions;	/* column heads */
	size_t			 regionsz;
	const char *const	*models;	/* row heads: model IDs */
	size_t			 modelsz;
	const enum playbook_access *cells;
	const unsigned char	*changed;
};

/* One state of a quota: from run "since" on, until the next point. */
struct report_quota_point {
	long long	 run;		/* where this state was first seen */
	const char	*at;		/* that run's start, UTC ISO-8601 */
	double		 applied;	/* valid if has_applied */
	int		 has_applied;
	double		 default_value;	/* valid if has_default */
	int		 has_default;
};

/* A quota's values over the runs in the database (a step chart). */
struct report_quota_series {
	const char	*region;
	const char	*quota_code;	/* "L-2DC80978" */
	const char	*quota_name;
	const struct report_quota_point *points;	/* by run, >= 1 */
	size_t		 pointsz;
	const char	*end_at;	/* the newest run's start: x axis end */
};

/*
 * One bar of usage against a quota, for mapped quotas when usage is
 * collected (CloudWatch): "percent" is peak_per_min of quota_value,
 * computed by the data source (view_usage_row()).
 */
struct report_usage_bar {
	const char	*region;
	const char	*quota_name;	/* the label: model ID (quota code) */
	double		 quota_value;	/* applied value, per minute */
	double		 peak_per_min;	/* highest minute of the range */
	double		 percent;	/* 100 * peak / quota */
};

/* The changes first seen on one day (UTC) of the range, by severity. */
struct report_day {
	char		 date[11];	/* "2025-06-02" */
	unsigned int	 actions;
	unsigned int	 warnings;
	unsigned int	 infos;
	/* 0: no run recorded data that day, so its changes are unknown */
	int		 observed;
};

struct report_charts {
	struct report_matrix		 matrix;	/* empty: not drawn */
	const struct report_quota_series *quotas;	/* changed or open */
	size_t				 quotasz;
	const struct report_usage_bar	*usage;		/* empty: not drawn */
	size_t				 usagesz;
	const struct report_day		*days;	/* every day of the range */
	size_t				 daysz;
};

/*
 * One quota's usage evidence over the reported window (usage.h's
 * usage_judge() on the stored days, the playbook's verdict).  Strings
 * borrowed.
 */
struct report_usage {
	const char	*account_id;
	const char	*region;
	const char	*model_id;	/* the series (model or profile ID) */
	const char	*quota_code;
	enum usage_finding finding;	/* never USAGE_FINDING_NONE */
	struct playbook_verdict verdict;	/* playbook_usage()'s */
	double		 peak;		/* per minute, over the window */
	const char	*peak_at;	/* its minute, UTC ISO-8601 */
	double		 quota;		/* applied value */
	double		 percent;	/* peak / quota x 100 */
	double		 suggested;	/* usage_suggest(peak) */
	int		 throttled_minutes;	/* of the finding */
	int		 tokens;	/* 1 tokens per minute, 0 requests */
	int		 approximate;	/* 1: input + output tokens */
	/*
	 * 1 when an entry of the report states this finding (a usage change
	 * of the range that started it): the usage section leaves it to the
	 * entry; the JSON "usage" lists it all the same.
	 */
	int		 in_entry;
};

/* A region whose usage is unknown in the newest run.  Borrowed. */
struct report_usage_unknown {
	const char	*region;
	const char	*operation;	/* the CloudWatch call that failed */
	const char	*error_code;	/* "" if none */
	const char	*iam_action;	/* access denied: the action to
					   allow (playbook_iam_action());
					   NULL otherwise */
};

/* What report_write() renders.  Everything borrowed. */
struct report_input {
	long long	 from_run;	/* older run compared */
	long long	 to_run;	/* newer run compared */
	const char	*from_time;	/* its start, UTC ISO-8601 */
	const char	*to_time;	/* its start, UTC ISO-8601 */
	const char	*account_id;	/* 12 digits; NULL if unknown */
	const struct report_region *regions;	/* every region of to_run */
	size_t		 regionsz;
	const struct change_list *changes;	/* classified; NULL: none */
	/* "changes" folded, one entry per problem; NULL: none */
	const struct entry_list *entries;
	struct report_collection collection;	/* the newest run */
	const struct report_open *open;	/* open problems, report order */
	size_t		 opensz;
	/* HTML only: the charts; NULL draws none */
	const struct report_charts *charts;
	/* quotas with usage evidence in the window; NULL, 0: none */
	const struct report_usage *usage;
	size_t		 usagesz;
	/* regions of the newest run whose usage is unknown; NULL, 0: none */
	const struct report_usage_unknown *usage_unknown;
	size_t		 usage_unknownsz;
};

/*
 * The organization-wide report of a database of several accounts
 * (report_org_write()).  The view (view_org()) selects and folds;
 * the playbook decided every path, severity and fix.  Borrowed.
 */

/* One account in the coverage: what the newest run did with it. */
struct report_org_account {
	const char	*account_id;
	/* 0: the database records it but the newest run did not name it */
	int		 named;
	enum account_status status;	/* if named */
	const char	*org_status;	/* Organizations' Status; "" none */
	/* ACCOUNT_STATUS_FAILED: the call, its code and message; "" else */
	const char	*operation;
	const char	*error_code;
	const char	*error_message;
	enum playbook_assume_fix fix;	/* failed: playbook_assume_fix() */
};

/*
 * One (account, region) of the newest run that is not ok: failed,
 * partial, not enabled, or missing (collected for another account of
 * the run, not for this one).
 */
struct report_org_gap {
	const char	*account_id;
	const char	*region;
	int		 missing;	/* 1: no row; status unused */
	enum region_status status;	/* REGION_STATUS_FAILED, ... */
	const char	*error_code;	/* "" if none */
};

/* One account's open problems, counted by path (details: --account). */
struct report_org_open {
	const char	*account_id;
	/* 0: no run has recorded data of it: its problems are unknown */
	int		 known;
	size_t		 count[PATH__COUNT];	/* by enum change_path */
	size_t		 total;
};

/* One account's own part: its changes, for JSON's changes[]. */
struct report_org_changes {
	const char		 *account_id;
	const struct change_list *changes;
};

struct report_org {
	/* 1: the status command's (the newest state): no changes shown */
	int		 status;
	long long	 from_run;	/* older run of the range */
	long long	 to_run;	/* newer run */
	const char	*from_time;	/* their starts, UTC ISO-8601 */
	const char	*to_time;
	struct report_collection collection;	/* the newest run */
	/* every account of the database or of the newest run, in order */
	const struct report_org_account *accounts;
	size_t		 accountsz;
	size_t		 collected;	/* M: accounts collected in range */
	size_t		 regionsz;	/* regions of the newest run */
	const struct report_org_gap *gaps;	/* account, region order */
	size_t		 gapsz;
	/* the changes of every account, folded across accounts (org.h) */
	const struct org_list *groups;
	const struct report_org_changes *changes;	/* per account */
	size_t		 changesz;
	const struct report_org_open *open;	/* per account, in order */
	size_t		 opensz;
};

/*
 * Write the organization-wide report: coverage first (the accounts the
 * newest run collected, skipped and failed, with the fix; the gaps of
 * its accounts x regions grid), then the changes seen in several
 * accounts once each ("seen in N of M accounts", and where it
 * differed), then each account's own changes, then the open problems
 * counted per account and path.  With o->status, the status command's
 * view: coverage and open problems only.  JSON: docs/report-json.md.
 */
int	report_org_write(FILE *fp, const struct report_org *o,
	    enum report_format f, enum report_lang l);

/*
 * Write the daily report for "in" to "fp": first how the newest run
 * fared (regions that failed, with their fix), then the summary (entries
 * by severity and the open problems), a numbered one-line digest of the
 * entries, their details by severity (advice and at most one case draft
 * each, the where-to-open-a-case text once at the end), and the open
 * problems grouped by path and region.  No entries is stated as "no new
 * changes", with the open problems still counted.
 */
int	report_write(FILE *fp, const struct report_input *in,
	    enum report_format f, enum report_lang l);

/*
 * Write a ready-to-paste support case for change "c" (paths P3, P5 and
 * P6): where to open it, a subject and a body filled with the account,
 * region, model or quota and the values seen.  "account_id" may be NULL.
 * For any other path, write a line saying that no case is needed and
 * return 1.  Returns 0 when a case was written, -1 on error.
 */
int	report_case(FILE *fp, const struct change *c, const char *account_id,
	    enum report_format f, enum report_lang l);

/* A model offered in a region that this account cannot use. */
struct report_status_model {
	const char	*region;
	const char	*model_id;
	const char	*model_name;	/* "" if none */
	const char	*authorization;	/* authorizationStatus */
	const char	*entitlement;	/* entitlementAvailability */
	const char	*agreement;	/* agreementAvailability.status */
	const char	*region_availability;	/* regionAvailability */
	struct playbook_verdict verdict;	/* playbook_model()'s */
};

/* A quota whose applied value is below its AWS default. */
struct report_status_quota {
	const char	*region;
	const char	*quota_code;	/* "L-2DC80978" */
	const char	*quota_name;
	double		 applied;	/* applied value */
	double		 default_value;	/* AWS default value */
	int		 adjustable;	/* 1 adjustable, 0 not */
	struct playbook_verdict verdict;	/* playbook_quota()'s */
};

/* An open (PENDING or CASE_OPENED) quota increase request. */
struct report_status_request {
	const char	*region;
	const char	*request_id;
	const char	*quota_code;
	const char	*quota_name;
	double		 desired;	/* value asked for */
	const char	*status;	/* PENDING, CASE_OPENED */
	const char	*case_id;	/* "" if none */
	const char	*created;	/* UTC ISO-8601; "" if unknown */
};

/*
 * What the newest run saw.  The caller selects the rows and gives each
 * the playbook's verdict (view_status() does both); the reporter renders
 * every row it is given, in the given order, and decides nothing.
 * Everything borrowed.
 */
struct report_status {
	long long	 run_id;	/* the newest run with data */
	const char	*run_time;	/* its start, UTC ISO-8601 */
	/* run_time in the reader's time zone; NULL or "": not shown */
	const char	*run_time_local;
	/*
	 * The newest run, when it is newer than run_id and failed (it
	 * collected nothing: this state may be out of date); 0 when run_id
	 * is the newest.  Its start, UTC, and in the reader's zone.
	 */
	long long	 failed_run;
	const char	*failed_time;
	const char	*failed_time_local;
	const char	*account_id;	/* NULL if unknown */
	const struct report_region *regions;	/* every region of the run */
	size_t		 regionsz;
	const struct report_status_model *models;	/* without access */
	size_t		 modelsz;
	const struct report_status_quota *quotas;	/* below default */
	size_t		 quotasz;
	const struct report_status_request *requests;	/* open ones */
	size_t		 requestsz;
	/* every open problem of the run's state, report order */
	const struct report_open *open;
	size_t		 opensz;
	/*
	 * the REPORT_STATUS_CLOSEST mapped quotas whose peak usage over the
	 * window came closest to their applied value, closest first
	 * (finding may be USAGE_FINDING_NONE); NULL, 0: no usage stored
	 */
	const struct report_usage *closest;
	size_t		 closestsz;
};

#define REPORT_STATUS_CLOSEST	5

/*
 * Write the status view: regions (with the fix for any that failed),
 * models without access, quotas below their default and open increase
 * requests, each with the path that applies, then every open problem
 * (grouped as in the daily report; JSON: each one).
 */
int	report_status_write(FILE *fp, const struct report_status *s,
	    enum report_format f, enum report_lang l);

/* One day of the archive (report --archive): its newest run's report. */
struct report_archive_day {
	char		 date[11];	/* "2025-06-02", UTC: the file's name */
	long long	 run;		/* the run reported */
	enum run_status	 status;	/* how it fared */
	long long	 actions;	/* entries of severity action */
	long long	 warnings;	/* entries of severity warning */
};

/*
 * Write the archive's index page (HTML): the days, newest first, grouped
 * by month, each with its counts and its run's health, linking to
 * "DATE.html" and its Markdown and JSON beside it.  Returns 0, or -1
 * after warnx(3).
 */
int	report_archive_index(FILE *fp, const struct report_archive_day *d,
	    size_t n, enum report_lang l);

#endif /* BEDROCK_AUDIT_REPORT_H */
