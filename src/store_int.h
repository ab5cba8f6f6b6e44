/*
 * store_int.h: what the store's source files share; not a public API.
 *
 * Statements are prepared once per handle and cached (one slot per
 * enum store_slot).  Parameters are bound by name through wrappers that
 * fail loudly on a name the statement does not have (Fossil's paramIdx),
 * with a sticky error flag on the statement, in the manner of ferror(3):
 * bind and column calls record a failure, and the next store_step() or
 * store_exec() reports it, so a run of binds needs a single check.
 */
#ifndef BEDROCK_AUDIT_STORE_INT_H
#define BEDROCK_AUDIT_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

/* One cached statement per slot. */
enum store_slot {
	SLOT_RUN_ABANDON,
	SLOT_RUN_INSERT,
	SLOT_RUN_ACCOUNT,
	SLOT_RUN_FINISH,
	SLOT_RUN_STATUS,
	SLOT_RUN_GET,
	SLOT_RUN_LATEST,
	SLOT_RUN_BEFORE,
	SLOT_RUN_AT_TIME,
	SLOT_RUN_DAYS,
	SLOT_REGION_RUNS,
	SLOT_REGION_OK,
	SLOT_REGION_FAILED,
	SLOT_REGION_FAILURE,
	SLOT_REGION_UNKNOWN,
	SLOT_PART_KNOWN,
	SLOT_REGION_KNOWN,
	SLOT_MODEL_LOAD,
	SLOT_MODEL_CLOSE,
	SLOT_MODEL_INSERT,
	SLOT_QUOTA_LOAD,
	SLOT_QUOTA_LOAD_BELOW,
	SLOT_QUOTA_CLOSE,
	SLOT_QUOTA_INSERT,
	SLOT_PROFILE_LOAD,
	SLOT_PROFILE_CLOSE,
	SLOT_PROFILE_INSERT,
	SLOT_REQUEST_LOAD,
	SLOT_REQUEST_CLOSE,
	SLOT_REQUEST_INSERT,
	SLOT_CHANGE_INSERT,
	SLOT_CHANGE_RANGE,
	SLOT_CHANGE_GET,
	SLOT_DIGEST_GET,
	SLOT_DIGEST_PUT,
	SLOT_RUN_NEWEST,
	SLOT_RUN_FIRST,
	SLOT_QUOTA_HISTORY,
	SLOT_NOTIFY_INSERT,
	SLOT_NOTIFY_FINISH,
	SLOT_NOTIFY_FIND,
	SLOT_USAGE_LAST_END,
	SLOT_USAGE_RUN,
	SLOT_USAGE_SERIES_GET,
	SLOT_USAGE_SERIES_ADD,
	SLOT_USAGE_DAY_GET,
	SLOT_USAGE_DAY_PUT,
	SLOT_USAGE_MAP_READ,
	SLOT_USAGE_MAP_DEL,
	SLOT_USAGE_MAP,
	SLOT_USAGE_QUOTA_DAYS,
	SLOT_USAGE_QUOTA_DAYS_REGION,
	SLOT_USAGE_FAILURES,
	SLOT_RUN_ACCOUNT_INSERT,
	SLOT_ACCOUNTS,
	SLOT_ACCOUNTS_TRIED,
	SLOT_ACCOUNT_NAMED,
	SLOT_CHANGE_ACCOUNT,
	SLOT_USAGE_OPEN,
	SLOT_USAGE_FINDING_SET,
	SLOT_USAGE_FINDING_CLEAR,
	SLOT_USAGE_EV_INSERT,
	SLOT_USAGE_EV_GET,
	SLOT_RUN_ACCOUNTS_GET,
	SLOT_ACCOUNT_COLLECTED,
	SLOT_RUN_FAILURE_PUT,
	SLOT_RUN_FAILURE_GET,
	SLOT__COUNT
};

/* A statement's text, defined next to the code that binds it. */
struct store_sql {
	enum store_slot	 slot;		/* its cache slot */
	const char	*name;		/* short name for messages */
	const char	*sql;		/* one statement, :named parameters */
};

/* A cached prepared statement. */
struct store_stmt {
	struct store	*st;		/* back pointer, for messages */
	sqlite3_stmt	*stmt;		/* NULL until first used */
	const char	*name;		/* store_sql.name */
	int		 err;		/* sticky: a bind or column failed */
};

struct store {
	sqlite3		*db;		/* the connection */
	char		*path;		/* as given to store_open() */
	int		 rdonly;	/* opened with STORE_RDONLY */
	int		 memory;	/* ":memory:": no file, no lock file */
	int		 lockfd;	/* "<path>.lock", flock(2)ed, or -1 */
	/* the account whose state, regions and changes are read and
	   written (store_set_account()); "" until set (STORE_ACCOUNT_LEN) */
	char		 account[STORE_ACCOUNT_LEN + 1];
	struct store_stmt stmts[SLOT__COUNT];	/* the statement cache */
};

/*
 * The statement for "q", prepared on first use, reset, with its bindings
 * cleared and its error flag off.  Borrowed from the handle.  NULL after
 * warnx(3).
 */
struct store_stmt	*store_stmt(struct store *st,
			    const struct store_sql *q);

/*
 * Bind a value to the parameter "param" (":name").  Text is copied; a
 * NULL text binds SQL NULL; a non-finite real is refused.  An unknown
 * parameter name, or text longer than STORE_MAX_TEXT_BYTES, warns once
 * and sets the statement's error flag.
 */
void	 store_bind_text(struct store_stmt *q, const char *param,
	    const char *v);
void	 store_bind_int(struct store_stmt *q, const char *param, long long v);
void	 store_bind_real(struct store_stmt *q, const char *param, double v);
void	 store_bind_null(struct store_stmt *q, const char *param);

/*
 * Step "q": 1 with a row to read, 0 when done (the statement is then
 * reset), -1 after warnx(3) (also reset), including when the error flag
 * was set.  Stop early with store_reset().
 */
int	 store_step(struct store_stmt *q);
/* Step "q" to completion, expecting no rows; 0 or -1 after warnx(3). */
int	 store_exec(struct store_stmt *q);
/* Reset "q" so that it holds no read snapshot; NULL-safe. */
void	 store_reset(struct store_stmt *q);

/*
 * Column "col" of the current row.  Text is a new string ("" for NULL);
 * text over STORE_MAX_TEXT_BYTES warns and sets the error flag, and the
 * caller checks store_row_ok() after reading a row.
 */
char		*store_col_text(struct store_stmt *q, int col);
long long	 store_col_int(struct store_stmt *q, int col);
double		 store_col_real(struct store_stmt *q, int col);
int		 store_col_isnull(struct store_stmt *q, int col);
/*
 * A status column (status.h): its enum.  Text status.h does not know
 * warns, sets the error flag like store_col_text() and gives the first
 * enumerator.
 */
enum run_status	 store_col_run_status(struct store_stmt *q, int col);
enum region_status store_col_region_status(struct store_stmt *q, int col);
/* 0 if every column read so far was valid, else -1 (already warned). */
int		 store_row_ok(struct store_stmt *q);

/*
 * Transactions: "BEGIN IMMEDIATE" for writers (waits for the busy
 * timeout), "BEGIN" for a consistent read.  store_rollback() is quiet and
 * safe when no transaction is open.
 */
/*
 * Fill the usage evidence (change_usage) of usage finding change "c",
 * read back from the change log (store_usage.c).  0, or -1 after
 * warnx(3).
 */
struct change;
int	 store_change_usage_read(struct store *st, struct change *c);

int	 store_begin(struct store *st, int immediate);
int	 store_commit(struct store *st);
void	 store_rollback(struct store *st);

/* The status of run "run_id" into *status; *found = 0 if no such run. */
int	 store_run_status(struct store *st, long long run_id,
	    enum run_status *status, int *found);
/* 0 if run "run_id" exists and is 'running', else -1 after warnx(3). */
int	 store_run_check_running(struct store *st, long long run_id);

/*
 * Insert the region row of "o" (status, most telling failure, unknown
 * count), its failures and its unknown entities, inside the caller's
 * transaction.
 */
int	 store_region_outcome_rows(struct store *st, long long run_id,
	    const char *region, const struct store_outcome *o);

/*
 * Load the state of "region" as of "run" (LLONG_MAX: current) into *out:
 * the tables named in "what" (STORE_LOAD_*).
 */
int	 store_state_load(struct store *st, const char *region,
	    long long run, unsigned what, struct snapshot *out);
/* Write the change-only difference of "snap" against the current state. */
int	 store_state_merge(struct store *st, long long run_id,
	    const struct snapshot *snap);
/* Insert "c" as a change of run "run_id". */
int	 store_change_insert(struct store *st, long long run_id,
	    const struct change *c);

/* The one integer "sql" (no parameters) returns; 0 or -1 after warnx. */
int	 store_query_int(struct store *st, const char *sql, long long *out);

/* 1 if this handle holds the writer lock (always for ":memory:"). */
int	 store_locked(const struct store *st);

/* The underlying connection, for tests; borrowed. */
sqlite3	*store_sqlite(struct store *st);

#endif /* BEDROCK_AUDIT_STORE_INT_H */
