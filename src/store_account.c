/*
 * store_account.c: the accounts of a database.  The handle's account
 * scope (which account's regions, state and changes the other store
 * calls read and write), the accounts each run collected, failed or
 * skipped (run_account), and the one-time resolution of rows whose
 * account no run had learnt (schema/0005-accounts.sql).  See store.h.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

static const struct store_sql q_run_account_insert = { SLOT_RUN_ACCOUNT_INSERT,
    "insert run account",
    "INSERT INTO run_account (run_id, account_id, status, org_status,"
    " operation, error_code, error_message, external_id) VALUES (:run_id,"
    " :account_id, :status, :org_status, :operation, :error_code,"
    " :error_message, :external_id)"
    " ON CONFLICT (run_id, account_id) DO UPDATE SET"
    " status = excluded.status, org_status = excluded.org_status,"
    " operation = excluded.operation, error_code = excluded.error_code,"
    " error_message = excluded.error_message,"
    " external_id = excluded.external_id" };

/* Every account with recorded regions, or collected by some run. */
static const struct store_sql q_accounts = { SLOT_ACCOUNTS,
    "list accounts",
    "SELECT account_id FROM run_account WHERE status = 'collected'"
    " UNION SELECT account_id FROM region_run WHERE account_id <> ''"
    " ORDER BY 1" };

/* The same, and every account some run failed to collect. */
static const struct store_sql q_accounts_tried = { SLOT_ACCOUNTS_TRIED,
    "list accounts tried",
    "SELECT account_id FROM run_account WHERE status IN ('collected',"
    " 'failed') UNION SELECT account_id FROM region_run"
    " WHERE account_id <> '' ORDER BY 1" };

/* Whether some run named the account, whatever it did with it. */
static const struct store_sql q_account_named = { SLOT_ACCOUNT_NAMED,
    "account named",
    "SELECT EXISTS (SELECT 1 FROM run_account WHERE account_id ="
    " :account_id)" };

/* The tables whose rows name an account ('' until it is known). */
static const char *const account_tables[] = {
	"region_run", "region_run_failure", "region_run_unknown",
	"model_state", "quota_state", "profile_state", "quota_request_state",
	"region_digest", "change_log"
};

int
store_account_valid(const char *account_id)
{
	size_t	i;

	if (account_id == NULL || strlen(account_id) != STORE_ACCOUNT_LEN)
		return 0;
	for (i = 0; i < STORE_ACCOUNT_LEN; i++)
		if (account_id[i] < '0' || account_id[i] > '9')
			return 0;
	return 1;
}

int
store_set_account(struct store *st, const char *account_id)
{
	if (account_id == NULL || (*account_id != '\0' &&
	    !store_account_valid(account_id))) {
		warnx("%s: not an AWS account ID (12 digits)", st->path);
		return -1;
	}
	/* Validated: "" or STORE_ACCOUNT_LEN digits. */
	memcpy(st->account, account_id, strlen(account_id) + 1);
	return 0;
}

const char *
store_account(const struct store *st)
{
	return st->account;
}

/* The account IDs "sql" selects, as store_accounts() says. */
static int
accounts_list(struct store *st, const struct store_sql *sql, char ***out,
    size_t *outsz)
{
	struct store_stmt	*q;
	char			**v = NULL;
	size_t			 n = 0, cap = 0;
	int			 r;

	*out = NULL;
	*outsz = 0;
	if ((q = store_stmt(st, sql)) == NULL)
		return -1;
	while ((r = store_step(q)) == 1) {
		if (n == STORE_MAX_ACCOUNTS) {
			warnx("%s: more than %d accounts", st->path,
			    STORE_MAX_ACCOUNTS);
			store_reset(q);
			r = -1;
			break;
		}
		if (n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n++] = store_col_text(q, 0);
		if (store_row_ok(q) == -1) {
			store_reset(q);
			r = -1;
			break;
		}
	}
	if (r == -1) {
		store_accounts_free(v, n);
		return -1;
	}
	*out = v;
	*outsz = n;
	return 0;
}

int
store_accounts(struct store *st, char ***out, size_t *outsz)
{
	return accounts_list(st, &q_accounts, out, outsz);
}

int
store_accounts_tried(struct store *st, char ***out, size_t *outsz)
{
	return accounts_list(st, &q_accounts_tried, out, outsz);
}

/* The 0 or 1 of a bound SELECT EXISTS (...) into *flag; 0, or -1. */
static int
step_flag(struct store_stmt *q, int *flag)
{
	int	r;

	if ((r = store_step(q)) == 1) {
		*flag = store_col_int(q, 0) != 0;
		r = store_row_ok(q);
		store_reset(q);
	}
	return r == -1 ? -1 : 0;
}

int
store_account_named(struct store *st, const char *account_id, int *named)
{
	struct store_stmt	*q;

	*named = 0;
	if ((q = store_stmt(st, &q_account_named)) == NULL)
		return -1;
	store_bind_text(q, ":account_id", account_id);
	return step_flag(q, named);
}

void
store_accounts_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
store_run_account(struct store *st, long long run_id,
    const struct store_run_account *a)
{
	struct store_stmt	*q;

	if (!store_account_valid(a->account_id)) {
		warnx("%s: not an AWS account ID (12 digits)", st->path);
		return -1;
	}
	if ((q = store_stmt(st, &q_run_account_insert)) == NULL)
		return -1;
	store_bind_int(q, ":run_id", run_id);
	store_bind_text(q, ":account_id", a->account_id);
	store_bind_text(q, ":status", status_account_name(a->status));
	store_bind_text(q, ":org_status", str_or_empty(a->org_status));
	if (a->status == ACCOUNT_STATUS_FAILED) {
		store_bind_text(q, ":operation", str_or_empty(a->operation));
		store_bind_text(q, ":error_code", str_or_empty(a->error_code));
		store_bind_text(q, ":error_message",
		    str_or_empty(a->error_message));
		if (a->external_id != EXTERNAL_ID_UNKNOWN)
			store_bind_int(q, ":external_id",
			    a->external_id == EXTERNAL_ID_SENT);
	}
	return store_exec(q);
}

/* UPDATE one table's '' rows to "account_id"; 0 or -1 after warnx(3). */
static int
resolve_table(struct store *st, const char *table, const char *account_id)
{
	sqlite3_stmt	*s = NULL;
	char		 sql[128];

	(void)snprintf(sql, sizeof(sql), "UPDATE %s SET account_id = ?1"
	    " WHERE account_id = ''", table);
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(s, 1, account_id, -1, SQLITE_TRANSIENT) !=
	    SQLITE_OK || sqlite3_step(s) != SQLITE_DONE) {
		warnx("%s: %s: resolve account: %s", st->path, table,
		    sqlite3_errmsg(st->db));
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}

/* run_account rows for the runs whose regions had no account. */
static int
resolve_runs(struct store *st, const char *account_id)
{
	sqlite3_stmt	*s = NULL;

	if (sqlite3_prepare_v2(st->db, "INSERT OR IGNORE INTO run_account"
	    " (run_id, account_id, status) SELECT DISTINCT run_id, ?1,"
	    " 'collected' FROM region_run WHERE account_id = ''", -1, &s,
	    NULL) != SQLITE_OK || sqlite3_bind_text(s, 1, account_id, -1,
	    SQLITE_TRANSIENT) != SQLITE_OK || sqlite3_step(s) != SQLITE_DONE) {
		warnx("%s: run_account: resolve account: %s", st->path,
		    sqlite3_errmsg(st->db));
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}

int
store_account_resolve(struct store *st, const char *account_id,
    int *resolved)
{
	long long	n = 0;
	size_t		i;

	*resolved = 0;
	if (!store_account_valid(account_id)) {
		warnx("%s: not an AWS account ID (12 digits)", st->path);
		return -1;
	}
	/*
	 * The usual case, nothing to resolve, writes nothing: the caller
	 * holds the writer lock, so the count cannot change before BEGIN.
	 */
	if (store_query_int(st, "SELECT EXISTS (SELECT 1 FROM region_run"
	    " WHERE account_id = '')", &n) == -1)
		return -1;
	if (n == 0)
		return 0;
	if (store_begin(st, 1) == -1)
		return -1;
	/* The runs that recorded those regions collected this account. */
	if (resolve_runs(st, account_id) == -1)
		goto fail;
	/* Parents and children change together: check at the commit. */
	if (sqlite3_exec(st->db, "PRAGMA defer_foreign_keys = ON", NULL,
	    NULL, NULL) != SQLITE_OK)
		goto fail;
	for (i = 0; i < sizeof(account_tables) / sizeof(account_tables[0]);
	    i++)
		if (resolve_table(st, account_tables[i], account_id) == -1)
			goto fail;
	if (store_commit(st) == -1)
		goto fail;
	*resolved = 1;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

static const struct store_sql q_run_accounts_get = { SLOT_RUN_ACCOUNTS_GET,
    "read run accounts",
    "SELECT account_id, status, org_status, coalesce(operation, ''),"
    " coalesce(error_code, ''), coalesce(error_message, ''), external_id"
    " FROM run_account WHERE run_id = :run_id ORDER BY account_id" };

static const struct store_sql q_account_collected = { SLOT_ACCOUNT_COLLECTED,
    "account collected",
    "SELECT EXISTS (SELECT 1 FROM run_account WHERE account_id = :account_id"
    " AND status = 'collected' AND run_id <= :to_run AND (run_id > :from_run"
    " OR (:from_run = :to_run AND run_id = :to_run)))" };

/* The status text of a run_account row; -1 if none known. */
static int
account_status_of(const char *s, enum account_status *out)
{
	int	i;

	for (i = 0; i < ACCOUNT_STATUS__COUNT; i++)
		if (strcmp(s, status_account_name((enum account_status)i)) ==
		    0) {
			*out = (enum account_status)i;
			return 0;
		}
	return -1;
}

int
store_run_accounts_get(struct store *st, long long run_id,
    struct store_account_row **out, size_t *outsz)
{
	struct store_stmt		*q;
	struct store_account_row	*v = NULL, *a;
	size_t				 n = 0, cap = 0;
	char				*status;
	int				 r;

	*out = NULL;
	*outsz = 0;
	if ((q = store_stmt(st, &q_run_accounts_get)) == NULL)
		return -1;
	store_bind_int(q, ":run_id", run_id);
	while ((r = store_step(q)) == 1) {
		if (n == STORE_MAX_ACCOUNTS) {
			warnx("%s: run %lld: more than %d accounts", st->path,
			    run_id, STORE_MAX_ACCOUNTS);
			r = -1;
			break;
		}
		if (n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		a = &v[n++];
		memset(a, 0, sizeof(*a));
		a->account_id = store_col_text(q, 0);
		status = store_col_text(q, 1);
		a->org_status = store_col_text(q, 2);
		a->operation = store_col_text(q, 3);
		a->error_code = store_col_text(q, 4);
		a->error_message = store_col_text(q, 5);
		a->external_id = store_col_isnull(q, 6) ? EXTERNAL_ID_UNKNOWN :
		    store_col_int(q, 6) ? EXTERNAL_ID_SENT : EXTERNAL_ID_NONE;
		if (store_row_ok(q) == -1) {
			free(status);
			r = -1;
			break;
		}
		if (account_status_of(status, &a->status) == -1) {
			warnx("%s: run %lld: account %s: unknown status",
			    st->path, run_id, a->account_id);
			free(status);
			r = -1;
			break;
		}
		free(status);
	}
	if (r == -1) {
		store_reset(q);
		store_account_rows_free(v, n);
		return -1;
	}
	*out = v;
	*outsz = n;
	return 0;
}

void
store_account_rows_free(struct store_account_row *v, size_t n)
{
	size_t	i;

	for (i = 0; v != NULL && i < n; i++) {
		free(v[i].account_id);
		free(v[i].org_status);
		free(v[i].operation);
		free(v[i].error_code);
		free(v[i].error_message);
	}
	free(v);
}

int
store_account_collected(struct store *st, const char *account_id,
    long long from_run, long long to_run, int *collected)
{
	struct store_stmt	*q;

	*collected = 0;
	if ((q = store_stmt(st, &q_account_collected)) == NULL)
		return -1;
	store_bind_text(q, ":account_id", account_id);
	store_bind_int(q, ":from_run", from_run);
	store_bind_int(q, ":to_run", to_run);
	return step_flag(q, collected);
}
