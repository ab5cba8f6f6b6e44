/*
 * view.h: what the report, diff, status and case commands show,
 * assembled from the store.  The playbook decides every path and
 * severity; a view only selects and arranges.
 *
 * A view gathers, for a pair of runs, the runs themselves, every region
 * of the newer run with its outcome, the changes (as recorded by collect,
 * or computed afresh by the differ) classified and with their playbook
 * context, in the shape report.h renders.  It owns everything it points
 * to; view_free() releases it all.
 */
#ifndef BEDROCK_AUDIT_VIEW_H
#define BEDROCK_AUDIT_VIEW_H

#include "change.h"
#include "entry.h"
#include "org.h"
#include "report.h"
#include "snapshot.h"
#include "store.h"
#include "store_usage.h"
#include "util.h"

/* What the status command shows of one run.  Owns everything. */
struct view_status {
	struct report_status		 out;	/* what to render */
	struct store_run		 run;
	struct store_run		 newer;	/* out.failed_run */
	struct store_region_run		*rruns;	/* regions of the run */
	size_t				 rrunsz;
	struct snapshot			*states;	/* one per rruns */
	struct report_region		*regions;	/* one per rruns */
	struct report_status_model	*models;	/* out.models */
	struct report_status_quota	*quotas;	/* out.quotas */
	struct report_status_request	*requests;	/* out.requests */
	/* every open problem of the run's state, report order */
	struct report_open		*opens;
	size_t				 opensz;
	struct store_run		*since;	/* runs the opens name */
	size_t				 sincesz;
	/* regions of the newest run, when it is not "run" */
	struct store_region_run		*health;
	size_t				 healthsz;
	/* out.closest, and the stored days and peak minutes it points to */
	struct report_usage		*closest;
	struct store_quota_day		*qdays;
	size_t				 qdaysz;
	char				(*peak_at)[UTIL_ISO8601_LEN];
};

struct view {
	/* what to render; points below */
	struct report_input	 in;
	struct store_run	 from;		/* the older run */
	struct store_run	 to;		/* the newer run */
	struct store_region_run	*rruns;		/* regions of "to" */
	size_t			 rrunsz;
	/* rruns as the reporter wants */
	struct report_region	*regions;
	struct change_list	 changes;
	struct entry_list	 entries;	/* "changes", folded */
	struct store_run	 data;		/* newest run with data */
	struct view_status	 state;		/* open problems, of "data" */
	/* in.open: state.opens less the usage findings (in.usage) */
	struct report_open	*ropen;
	/* usage evidence of the window ending at "to" (in.usage) */
	struct report_usage	*usage;
	size_t			 usagesz;
	struct store_quota_day	*qdays;		/* what usage points to */
	size_t			 qdaysz;
	char			(*peak_at)[UTIL_ISO8601_LEN]; /* per usage */
	/* regions of "to" whose usage is unknown (in.usage_unknown) */
	struct report_usage_unknown *unknown;
	struct store_usage_failure *ufail;
	size_t			 ufailsz;
	/* what "to" did with the account (in.collection.account_failed) */
	struct store_account_row *arows;
	size_t			 arowsz;
	struct report_org_account failed;
	/* why "to" collected nothing (in.collection.run_failure) */
	struct store_run_failure rfail;
	struct report_region	 rfail_as;
};

/*
 * The changes that collect recorded in runs from_run < run <= to_run,
 * folded into entries (entry.h), with the open problems of the newest
 * state known at to_run and how run "to_run" fared.  A region of "to"
 * collected for the first time is a "baseline".  When "to_run" failed
 * (it recorded nothing), the state is that of the run with data before
 * it; the lifecycle dates of that state are judged at the start of
 * "to_run" all the same.  The usage evidence (in.usage) is judged over
 * the stored days of the USAGE_JUDGE_DAYS UTC days ending with the day
 * "to_run" started (usage_judge(), playbook_usage()): a quota is listed
 * only when there is a finding.  Returns 0, or -1 after warnx(3); either
 * way free *v with view_free().
 */
int	view_recorded(struct store *st, long long from_run, long long to_run,
	    struct view *v);

/*
 * Why run "run_id" collected nothing (its run_failure row: credentials,
 * or the call that failed), as a failed region "as" that borrows from
 * *f: *out = as, or NULL when none was recorded.  Free *f with
 * store_run_failure_free() either way.  Returns 0, or -1 after warnx(3).
 */
int	view_run_failure(struct store *st, long long run_id,
	    struct store_run_failure *f, struct report_region *as,
	    const struct report_region **out);

/*
 * The differences between the states at from_run and at to_run, found by
 * the differ, for the regions collected successfully in both runs; every
 * other region is "not compared" with the reason.  Returns 0, or -1 after
 * warnx(3).
 */
int	view_diff(struct store *st, long long from_run, long long to_run,
	    struct view *v);

void	view_free(struct view *v);		/* NULL-safe */

/*
 * Account row "r" of a run (run_account) as the reporter shows it: its
 * status, and when it failed, the call, error and playbook fix.  "a"
 * borrows from "r"; its account_id is left to the caller.
 */
void	view_account_row(struct report_org_account *a,
	    const struct store_account_row *r);

/*
 * Fill the playbook context (alternative regions and profiles) of every
 * change of "c" from the state at run "run_id" of every region that was
 * collected successfully in it.  Returns 0, or -1 after warnx(3).
 */
int	view_context(struct store *st, long long run_id,
	    struct change_list *c);

/*
 * The status view of run "run_id": every region of the run with its
 * outcome and, from the state of each region as of that run (the last
 * known one for a region that failed), the models the playbook has a
 * verdict on (playbook_model() other than PLAYBOOK_REASON_NONE), the
 * quotas below their default (playbook_quota()) and the open increase
 * requests (playbook_request()), each with its verdict, in region and
 * key order; and every open problem of that state (v->opens): those
 * models, quotas and requests, denied requests, LEGACY models in use
 * (playbook_lifecycle()), models in use whose public extended access or
 * end of life is near or past (playbook_lifecycle_date(), judged at the
 * start of run "run_id", the clock of the view), the three with the
 * model's dates (report_open_life), and regions failing run after run
 * (playbook_region_failing()), each with the run since when it has been
 * true, sorted by severity, path, problem, window, region and subject.
 * Returns 0, or -1 after warnx(3); either way free *v with
 * view_status_free().
 */
int	view_status(struct store *st, long long run_id, struct view_status *v);
void	view_status_free(struct view_status *v);	/* NULL-safe */

/*
 * The organization-wide report of a database of several accounts: each
 * account's view_recorded() of runs (from_run, to_run] (the store's
 * scope set to each account in turn, and left at "" after), their
 * entries folded across accounts (org_fold(): an account counts as
 * collected when some run of the range collected it), the coverage of
 * run "to_run" (run_account, and each account's regions against the
 * regions of the run), and the open problems counted per account and
 * path.  Returns 0, or -1 after warnx(3); either way free *v with
 * view_org_free().
 */
struct view_org {
	struct report_org		 out;	/* what to render */
	char				**ids;	/* the database's accounts */
	size_t				 idsz;
	struct store_run		 run;	/* to_run, of no one account */
	struct store_account_row	*rows;	/* run_account of to_run */
	size_t				 rowsz;
	char				**all;	/* ids and rows' accounts */
	size_t				 allsz;
	struct view			*views;	/* one per all[] */
	struct org_account		*in;	/* one per all[] */
	struct org_list			 groups;
	struct report_org_account	*accounts;
	struct report_org_gap		*gaps;
	struct report_org_open		*open;
	struct report_org_changes	*changes;
	/* why to_run (or a shard merged into it) collected nothing */
	struct store_run_failure	 rfail;
	struct report_region		 rfail_as;
};

int	view_org(struct store *st, long long from_run, long long to_run,
	    struct view_org *v);
void	view_org_free(struct view_org *v);		/* NULL-safe */

/*
 * One mapped quota's stored days d[0..n) (same region and quota code) as
 * usage row "u": peak per minute (its minute in "at"), percent of the
 * applied value, the playbook's verdict; *since is the first run that
 * read one of the days.  Returns 1, or 0 when the quota has no applied
 * value or no usage (nothing to show).  Strings borrowed from "d".
 */
int	view_usage_row(const struct store_quota_day *d, size_t n,
	    struct report_usage *u, char at[UTIL_ISO8601_LEN], long long *since);

#endif /* BEDROCK_AUDIT_VIEW_H */
