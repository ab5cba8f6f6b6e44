/*
 * store.h: the SQLite database: runs, change-only state history, changes.
 *
 * One database file holds every run.  Observed state (models, quotas,
 * inference profiles, quota requests) is kept as change-only history:
 * a row carries the run where it was first seen (since_run) and the run
 * where it stopped being true (until_run, NULL while current), so any
 * run's state is one query and an unchanged run writes only its run row
 * and one row per region.  Each region is written in one transaction: a
 * crash leaves every committed region intact and no half region.  A
 * region whose collection failed writes no state, so its last known state
 * stays current (unknown is not empty).
 *
 * The public SQL interface (views for sqlite3 users) is described in
 * docs/schema.md; the migrations are schema/NNNN-*.sql (schema.h).
 *
 * Every function returns 0 on success and -1 after one warnx(3), unless
 * its comment says otherwise.  Strings returned are owned by the caller
 * unless stated; timestamps are UTC ISO-8601 text.  A store handle is not
 * thread-safe.
 */
#ifndef BEDROCK_AUDIT_STORE_H
#define BEDROCK_AUDIT_STORE_H

#include <stddef.h>
#include <time.h>

#include "change.h"
#include "snapshot.h"
#include "status.h"

/* Ceilings on what is read back from a database file (untrusted input). */
#define STORE_MAX_TEXT_BYTES	65536	/* one text value, written or read */
#define STORE_MAX_ROWS		200000	/* rows of one kind in one region */
#define STORE_MAX_CHANGES	1000000	/* changes returned by one query */
#define STORE_MAX_REGIONS	1000	/* region rows of one run */
#define STORE_BUSY_TIMEOUT_MS	5000	/* wait for another writer's commit */

struct store;				/* opaque: an open, migrated database */

/* store_open() flags. */
#define STORE_RDONLY	0x01	/* open read-only; never migrate */
#define STORE_CREATE	0x02	/* create the file (mode 0600) if missing */

/*
 * Open the database at "path" (":memory:" for a private in-memory one).
 * Writable opens enable WAL, foreign keys and a busy timeout of
 * STORE_BUSY_TIMEOUT_MS and apply the pending migrations, each in its own
 * transaction.  A database whose schema is newer than this program, a
 * file that is not a bedrock-audit database, and (with STORE_RDONLY) a
 * database that is older or empty are refused.  A file created here is
 * readable by its owner only.  Returns NULL after warnx(3); close with
 * store_close().
 */
struct store	*store_open(const char *path, int flags);

/* Close the database and release the writer lock, if held; NULL-safe. */
void		 store_close(struct store *st);

/*
 * Take the writer lock: an exclusive flock(2) on "<path>.lock" (created
 * mode 0600), held until store_close(), so that two collects cannot write
 * at once.  With "wait" set, block until the lock is free.  Returns 0 when
 * locked (also if this handle already holds it, and always for
 * ":memory:"), 1 when another process holds it and "wait" is 0, or -1
 * after warn(3).  Readers need no lock.
 */
int		 store_lock(struct store *st, int wait);

/*
 * Start a run at "started" (status 'running') and set *run_id.  When this
 * handle holds the writer lock, runs still 'running' were left by a
 * collect that died: they are marked 'failed' first.
 */
int		 store_run_begin(struct store *st, time_t started,
		    long long *run_id);

/*
 * Accounts.  A database holds the state of one or more AWS accounts
 * (collect --accounts, --org); everything below that reads or writes a
 * region (its run rows, state, digest and changes) does so for the
 * handle's account scope, set with store_set_account() ("" until set:
 * the rows of a database whose runs never learnt their account, see
 * store_account_resolve()).  Runs themselves belong to no one account.
 */
#define STORE_ACCOUNT_LEN	12	/* an AWS account ID: 12 digits */
#define STORE_MAX_ACCOUNTS	10000	/* accounts read back from a file */

/* 1 if "account_id" is an AWS account ID (12 ASCII digits), else 0. */
int		 store_account_valid(const char *account_id);

/* Scope the handle to "account_id" (12 digits, or ""); -1 if invalid. */
int		 store_set_account(struct store *st, const char *account_id);

/* The handle's account scope; borrowed, "" until set. */
const char	*store_account(const struct store *st);

/*
 * The accounts the database records (collected by some run, or with
 * recorded regions), sorted, in a new array *out of *outsz strings
 * (NULL, 0 when none; free with store_accounts_free()).  Rows whose
 * account is not known yet ("") are not an account.
 */
int		 store_accounts(struct store *st, char ***out, size_t *outsz);
/*
 * The same, and every account some run tried and failed to collect (its
 * role could not be assumed: it has no regions): the accounts the
 * organization report names, so that one no run could ever collect is
 * not dropped by the next run that does not name it.
 */
int		 store_accounts_tried(struct store *st, char ***out,
		    size_t *outsz);
void		 store_accounts_free(char **v, size_t n);

/*
 * Whether some run named "account_id" in run_account, collected or not
 * (an account whose role could never be assumed has no regions, and is
 * not in store_accounts(), but its runs can still be reported and told
 * of): *named 1 or 0.  Returns 0, or -1 after warnx(3).
 */
int		 store_account_named(struct store *st,
		    const char *account_id, int *named);

/*
 * Give the rows recorded without an account (a database migrated from
 * before schema 5 whose runs never learnt their account) the account
 * "account_id", in one transaction, and record their runs as having
 * collected it.  *resolved is 1 when there were such rows.  Only a
 * collect whose credentials are that account, into a database that
 * records no other, may call this.
 */
int		 store_account_resolve(struct store *st,
		    const char *account_id, int *resolved);

/* What run "run_id" did with one account (run_account); borrowed. */
struct store_run_account {
	const char		*account_id;	/* 12 digits */
	enum account_status	 status;
	const char		*org_status;	/* Organizations' Status; NULL */
	/* ACCOUNT_STATUS_FAILED: why (AssumeRole's error); else unused */
	const char		*operation;
	const char		*error_code;
	const char		*error_message;
	enum external_id	 external_id;	/* failed AssumeRole: sent? */
};

/* Record (or replace) what run "run_id" did with account a->account_id. */
int		 store_run_account(struct store *st, long long run_id,
		    const struct store_run_account *a);

/* What run "run_id" did with one account, read back (owned strings). */
struct store_account_row {
	char			*account_id;	/* 12 digits */
	enum account_status	 status;
	char			*org_status;	/* "" when not discovered */
	/* ACCOUNT_STATUS_FAILED: why; "" otherwise */
	char			*operation;
	char			*error_code;
	char			*error_message;
	enum external_id	 external_id;	/* EXTERNAL_ID_UNKNOWN: NULL */
};

/*
 * The run_account rows of run "run_id", in account order, into *out
 * (NULL, 0 when none).  Free with store_account_rows_free().  Returns
 * 0, or -1 after warnx(3).
 */
int		 store_run_accounts_get(struct store *st, long long run_id,
		    struct store_account_row **out, size_t *outsz);
void		 store_account_rows_free(struct store_account_row *v,
		    size_t n);				/* NULL-safe */

/*
 * Whether account "account_id" was collected by some run "from_run" <
 * run <= "to_run" (or by run "to_run" itself when the two are equal: a
 * baseline): *collected 1 or 0.  Returns 0, or -1 after warnx(3).
 */
int		 store_account_collected(struct store *st,
		    const char *account_id, long long from_run,
		    long long to_run, int *collected);

/* Record the AWS account ID (borrowed; NULL clears it) of a run. */
int		 store_run_set_account(struct store *st, long long run_id,
		    const char *account_id);

/*
 * End a run that is 'running': "status" is RUN_STATUS_COMPLETE,
 * RUN_STATUS_PARTIAL or RUN_STATUS_FAILED and "finished" its end time.
 */
int		 store_run_finish(struct store *st, long long run_id,
		    time_t finished, enum run_status status);

/*
 * Load the current state of "region" into *out (zeroed first; the caller
 * frees it with snapshot_free() on success or failure): every array
 * sorted by key, each row's first_run set to the run where that state was
 * first seen.  *found is 1 when the region was ever collected
 * successfully (ok or partial) and 0 (with an empty *out) when not.  If
 * the region's latest collection failed, this is its last known state.
 * out->unknown names the parts no collection has known yet (their
 * arrays are empty: not "none", unknown).
 */
int		 store_load_current(struct store *st, const char *region,
		    struct snapshot *out, int *found);

/*
 * Like store_load_current(), but the state as of the end of run
 * "run_id": what a reader saw once that run had finished.  *found is 1
 * when the region was collected successfully in that run or before.
 * Fails if there is no such run.
 */
int		 store_load_at(struct store *st, long long run_id,
		    const char *region, struct snapshot *out, int *found);

/* What store_load_parts() reads; the other arrays stay empty. */
#define STORE_LOAD_MODELS	0x01
#define STORE_LOAD_QUOTAS	0x02
/* instead of STORE_LOAD_QUOTAS: only quotas with applied < default */
#define STORE_LOAD_QUOTAS_BELOW	0x04
#define STORE_LOAD_PROFILES	0x08
#define STORE_LOAD_REQUESTS	0x10
#define STORE_LOAD_ALL		(STORE_LOAD_MODELS | STORE_LOAD_QUOTAS | \
				 STORE_LOAD_PROFILES | STORE_LOAD_REQUESTS)

/*
 * store_load_at() of only the tables named in "what" (STORE_LOAD_*): a
 * reader that needs a part of a year-long state does not read it all.
 */
int		 store_load_parts(struct store *st, long long run_id,
		    const char *region, unsigned what, struct snapshot *out,
		    int *found);

/*
 * Set *found to 1 when "region" was collected successfully in run
 * "run_id" or before (when store_load_at() would find it), else 0,
 * without reading its state.  Fails if there is no such run.
 */
int		 store_region_seen(struct store *st, long long run_id,
		    const char *region, int *found);

/*
 * Record a successful collection of snap->region in run "run_id", which
 * must be 'running', in one transaction: rows that changed or vanished
 * are closed (until_run = run_id), new and changed rows are inserted
 * (since_run = run_id), unchanged rows are not touched; then the region's
 * 'ok' row and "changes" (borrowed; each change's region must be
 * snap->region, and path and severity already set; NULL for none) are
 * inserted.  "snap" is borrowed and must be sorted with unique keys
 * (snapshot_sort()); NULL strings are stored as "".  On failure nothing
 * of the region is written.
 */
int		 store_region_ok(struct store *st, long long run_id,
		    const struct snapshot *snap,
		    const struct change_list *changes);

/*
 * Record "snap" (sorted, as for store_region_ok()) in run "run_id" the
 * short way when nothing changed: when its digest equals the one kept
 * with the region's current state, only the region's 'ok' row is written
 * (all store_region_ok() writes for an unchanged region) and 1 is
 * returned.  0: it differs, or the region has no digest yet; nothing was
 * written, and the caller records the region with store_region_ok() or
 * store_region_ok_from().  -1 after warnx(3).
 */
int		 store_region_unchanged(struct store *st, long long run_id,
		    const struct snapshot *snap);

/*
 * store_region_ok() for a caller that has just read the region's state
 * with store_load_current() and holds the writer lock (store_lock()), so
 * that nothing can have changed it since: "cur" is that state (borrowed;
 * NULL when *found was 0) and is not read from the database a second
 * time.  Passing anything but that state corrupts the history.
 */
int		 store_region_ok_from(struct store *st, long long run_id,
		    const struct snapshot *cur, const struct snapshot *snap,
		    const struct change_list *changes);

/*
 * What a region's collection did not learn and why (status.h), for the
 * region_run row and its region_run_failure and region_run_unknown rows.
 * Everything is borrowed.
 */
struct store_outcome {
	/* PARTIAL for store_region_partial(); FAILED or NOT_ENABLED */
	enum region_status		 status;
	/* the failed calls, most telling first (stored in that rank) */
	const struct region_failure	*failures;
	size_t				 failuresz;
	/* whole parts unknown: REGION_PART_BIT()s */
	unsigned			 unknown;
	/* models whose access is unknown (REGION_PART_MODEL_ACCESS) */
	char *const			*models;
	size_t				 modelsz;
};

/*
 * store_region_ok() for a region that is partial: the region row
 * is 'partial', names the most telling failure and counts the unknown
 * entities (the parts in o->unknown and o->models, one each), and every
 * failure and unknown entity gets its row.  "snap" is the state to
 * record: what was learnt, and the last known state of what was not
 * (ingest carries it forward), so that nothing unknown is closed.
 */
int		 store_region_partial(struct store *st, long long run_id,
		    const struct snapshot *snap,
		    const struct change_list *changes,
		    const struct store_outcome *o);

/*
 * Record that "region" was not collected in run "run_id" (which must be
 * 'running'): o->status FAILED (nothing answered) or NOT_ENABLED, with
 * its failures (the first named by the region row).  The region's state
 * rows stay open.
 */
int		 store_region_not_collected(struct store *st,
		    long long run_id, const char *region,
		    const struct store_outcome *o);

/*
 * Record that collecting "region" failed in run "run_id" (which must be
 * 'running'), with one failure (store_region_not_collected()).  "operation", "error_code" and "error_message" are borrowed
 * and may be NULL or "" (stored as NULL); "http_status" is 0 when there
 * was no HTTP reply.  The region's state rows stay open.
 */
int		 store_region_failed(struct store *st, long long run_id,
		    const char *region, const char *operation,
		    long http_status, const char *error_code,
		    const char *error_message);

/*
 * One run.  Every string is owned; "" where the database has NULL.  A
 * status the database holds but status.h does not know fails the read.
 */
struct store_run {
	long long	 run_id;	/* 1, 2, ...: ascending by start */
	char		*started_at;	/* UTC ISO-8601 */
	char		*finished_at;	/* UTC ISO-8601; "" if unfinished */
	enum run_status	 status;
	char		*account_id;	/* "" until known */
};

/* One region of a run.  Every string is owned; "" where NULL. */
struct store_region_run {
	char		*region;	/* "us-east-1" */
	/* REGION_STATUS_OK, _PARTIAL, _FAILED or _NOT_ENABLED */
	enum region_status status;
	/* not ok: the most telling failed call; else "", 0 */
	char		*operation;	/* the AWS operation */
	long		 http_status;	/* HTTP status; 0 if none */
	char		*error_code;	/* AWS error code; "" if none */
	char		*error_message;	/* message */
	long long	 unknown_count;	/* partial: entities unknown */
	long long	 failed_calls;	/* calls that failed, all kinds */
};

/*
 * Fill *out with run "run_id" and set *found = 1, or set *found = 0 and
 * leave *out zeroed.  Free with store_run_free().
 */
int		 store_run_get(struct store *st, long long run_id,
		    struct store_run *out, int *found);

/*
 * Why run "run_id" collected nothing at all (run_failure): the step
 * that failed ("credentials", or a call such as "GetCallerIdentity"),
 * the reply's HTTP status (0: none), its error code and message ("" when
 * none; the message is clipped to STORE_MAX_FAILURE_MESSAGE bytes).
 * The strings of store_run_failure_get() are owned; it sets *found (0: none recorded, as for
 * every run of an earlier version).  Free with store_run_failure_free().
 */
#define STORE_MAX_FAILURE_MESSAGE	4096
struct store_run_failure {
	char		*operation;
	long		 http_status;
	char		*error_code;
	char		*error_message;
};
int		 store_run_failure_put(struct store *st, long long run_id,
		    const char *operation, long http_status,
		    const char *error_code, const char *error_message);
int		 store_run_failure_get(struct store *st, long long run_id,
		    struct store_run_failure *out, int *found);
void		 store_run_failure_free(struct store_run_failure *f);

/* The newest run whose status is complete or partial; *found = 0 if none. */
int		 store_run_latest(struct store *st, long long *run_id,
		    int *found);

/*
 * The newest finished run whatever its status (complete, partial or
 * failed; not one still running): what monitoring last did.
 */
int		 store_run_newest(struct store *st, long long *run_id,
		    int *found);

/* The oldest complete or partial run (the baseline); *found = 0 if none. */
int		 store_run_first(struct store *st, long long *run_id,
		    int *found);

/* The newest complete or partial run before "run_id"; *found = 0 if none. */
int		 store_run_before(struct store *st, long long run_id,
		    long long *prev, int *found);

/* The newest complete or partial run started at or before "t". */
int		 store_run_at_time(struct store *st, time_t t,
		    long long *run_id, int *found);

/*
 * Which of the "n" UTC days from day "first" (days since 1970-01-01)
 * a complete or partial run that recorded data started on: sets
 * seen[d - first] to 1 for each such day "d" and leaves the others.
 */
int		 store_run_days(struct store *st, long first, size_t n,
		    unsigned char *seen);

/*
 * The region rows of run "run_id", sorted by region, in a new array
 * *out of *outsz elements (NULL, 0 when there are none); free it with
 * store_region_runs_free().
 */
int		 store_region_runs(struct store *st, long long run_id,
		    struct store_region_run **out, size_t *outsz);

/*
 * Append to "out" the changes recorded by runs "from_run" < run <=
 * "to_run", in change_id order, with change_id, run_id and first_seen
 * (the start of first_run) filled.  The list owns them.  On failure the
 * changes appended so far stay in "out".
 */
int		 store_changes(struct store *st, long long from_run,
		    long long to_run, struct change_list *out);

/*
 * Load change "change_id" into a new *out (free with change_free()) and
 * set *found = 1, or set *out = NULL and *found = 0.
 */
int		 store_change_get(struct store *st, long long change_id,
		    struct change **out, int *found);

/*
 * The account of change "change_id" (a new string, "" when the
 * database never learnt it), for showing the change in its account's
 * scope.  -1 after warnx(3), also when there is no such change.
 */
int		 store_change_account(struct store *st, long long change_id,
		    char **account);

/* Free the strings of a run and zero it; NULL-safe. */
/* One state of a quota in its change-only history. */
struct store_quota_point {
	long long	 run;		/* since_run: where it was first seen */
	char		*at;		/* that run's start, UTC ISO-8601 */
	double		 applied;	/* valid if has_applied */
	int		 has_applied;
	double		 default_value;	/* valid if has_default */
	int		 has_default;
};

/* Most states store_quota_history() returns (the newest ones). */
#define STORE_MAX_QUOTA_POINTS	1000

/*
 * The account-level states of quota "quota_code" in "region" first seen
 * in run "to_run" or before, oldest first, at most STORE_MAX_QUOTA_POINTS
 * (the newest): *out, *outsz (0 when the quota was never seen); free
 * with store_quota_points_free().  Returns 0, or -1 after warnx(3).
 */
int		 store_quota_history(struct store *st, const char *region,
		    const char *quota_code, long long to_run,
		    struct store_quota_point **out, size_t *outsz);
void		 store_quota_points_free(struct store_quota_point *v,
		    size_t n);

void		 store_run_free(struct store_run *r);
/* Free "n" region runs and the array; NULL-safe. */
void		 store_region_runs_free(struct store_region_run *v, size_t n);

/*
 * Notification bookkeeping (schema: the notification table): at most one
 * notification of its own per run, account and target, recorded before
 * sending.  The account is the handle's (store_set_account()).
 */
enum store_notify_state {
	STORE_NOTIFY_SENDING,		/* recorded, being sent */
	STORE_NOTIFY_SENT,
	STORE_NOTIFY_FAILED,
	STORE_NOTIFY_SKIPPED		/* below the target's threshold */
};

/*
 * Record an attempt to tell "target" (type "type", e.g. "slack") about
 * run "run_id", committed before it returns, in state "state" (SENDING,
 * or SKIPPED with "reason").  With "resend" 0 this is the run's own
 * notification: when the run already has one for the target (sent,
 * failed, skipped or interrupted) nothing is written and 0 is returned;
 * else 1 with *id set.  With "resend" 1 a new row is always written
 * (1).  -1 after warnx(3).
 */
int	store_notify_begin(struct store *st, long long run_id,
	    const char *target, const char *type, int resend,
	    enum store_notify_state state, const char *reason, time_t now,
	    long long *id);

/*
 * Finish attempt "id" as SENT or FAILED ("reason": why, NULL for sent;
 * cut to 1024 bytes).  0, or -1 after warnx(3).
 */
int	store_notify_finish(struct store *st, long long id,
	    enum store_notify_state state, const char *reason, time_t now);

/* *found = 1 when run "run_id" has its own notification to "target". */
int	store_notify_recorded(struct store *st, long long run_id,
	    const char *target, int *found);

#endif /* BEDROCK_AUDIT_STORE_H */
