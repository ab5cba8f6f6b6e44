/*
 * store_run.c: runs and the per-region outcome of each run.  See store.h.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

static const struct store_sql q_run_abandon = { SLOT_RUN_ABANDON,
    "abandon runs",
    "UPDATE run SET status = 'failed' WHERE status = 'running'" };

static const struct store_sql q_run_insert = { SLOT_RUN_INSERT,
    "insert run",
    "INSERT INTO run (started_at) VALUES (:started_at)" };

static const struct store_sql q_run_account = { SLOT_RUN_ACCOUNT,
    "set run account",
    "UPDATE run SET account_id = :account_id WHERE run_id = :run_id" };


static const struct store_sql q_run_finish = { SLOT_RUN_FINISH,
    "finish run",
    "UPDATE run SET status = :status, finished_at = :finished_at"
    " WHERE run_id = :run_id AND status = 'running'" };

static const struct store_sql q_run_status = { SLOT_RUN_STATUS,
    "run status",
    "SELECT status FROM run WHERE run_id = :run_id" };

/*
 * The runs of the handle's account (store_set_account()).  A run that
 * recorded regions of the account holds data of it; a run that dealt
 * with it in any way (its regions, or a run_account row: its role could
 * not be assumed) or that reached no account at all (it failed before:
 * no identity) is one monitoring shows for it.  Without a scope ('')
 * every run is.  For the account, a run that could not assume its role
 * failed, and one that recorded each of its regions whole is complete,
 * whatever the run did for the others (store_run_get()).
 */
#define RUN_HAS_DATA \
    " (:account = '' OR EXISTS (SELECT 1 FROM region_run g" \
    " WHERE g.run_id = run.run_id AND g.account_id = :account))"
#define RUN_SEEN \
    " (:account = '' OR EXISTS (SELECT 1 FROM region_run g" \
    " WHERE g.run_id = run.run_id AND g.account_id = :account)" \
    " OR EXISTS (SELECT 1 FROM run_account a WHERE a.run_id = run.run_id" \
    " AND a.account_id = :account) OR (NOT EXISTS (SELECT 1 FROM" \
    " run_account a WHERE a.run_id = run.run_id) AND NOT EXISTS" \
    " (SELECT 1 FROM region_run g WHERE g.run_id = run.run_id)))"

static const struct store_sql q_run_get = { SLOT_RUN_GET,
    "get run",
    "SELECT run_id, started_at, finished_at, CASE WHEN EXISTS (SELECT 1"
    " FROM run_account a WHERE a.run_id = run.run_id AND a.account_id ="
    " :account AND a.status = 'failed') THEN 'failed'"
    " WHEN :account <> '' AND status = 'partial' AND EXISTS (SELECT 1"
    " FROM region_run g WHERE g.run_id = run.run_id AND g.account_id ="
    " :account) AND NOT EXISTS (SELECT 1 FROM region_run g WHERE"
    " g.run_id = run.run_id AND g.account_id = :account AND g.status"
    " NOT IN ('ok', 'not_enabled')) THEN 'complete' ELSE status END,"
    " account_id FROM run WHERE run_id = :run_id" };

static const struct store_sql q_run_latest = { SLOT_RUN_LATEST,
    "latest run",
    "SELECT run_id FROM run WHERE status IN ('complete', 'partial')"
    " AND" RUN_HAS_DATA " ORDER BY run_id DESC LIMIT 1" };

static const struct store_sql q_run_before = { SLOT_RUN_BEFORE,
    "run before",
    "SELECT run_id FROM run WHERE status IN ('complete', 'partial')"
    " AND run_id < :run_id AND" RUN_HAS_DATA
    " ORDER BY run_id DESC LIMIT 1" };

static const struct store_sql q_run_at_time = { SLOT_RUN_AT_TIME,
    "run at time",
    "SELECT run_id FROM run WHERE status IN ('complete', 'partial')"
    " AND started_at <= :t AND" RUN_HAS_DATA
    " ORDER BY run_id DESC LIMIT 1" };

static const struct store_sql q_run_days = { SLOT_RUN_DAYS,
    "days with data",
    "SELECT DISTINCT CAST(julianday(substr(started_at, 1, 10)) - 2440587.5"
    " AS INTEGER) AS d FROM run WHERE status IN ('complete', 'partial')"
    " AND" RUN_HAS_DATA " AND d BETWEEN :first AND :last" };

static const struct store_sql q_run_newest = { SLOT_RUN_NEWEST,
    "newest run",
    "SELECT run_id FROM run WHERE status <> 'running' AND" RUN_SEEN
    " ORDER BY run_id DESC LIMIT 1" };

static const struct store_sql q_run_first = { SLOT_RUN_FIRST,
    "first run",
    "SELECT run_id FROM run WHERE status IN ('complete', 'partial')"
    " AND" RUN_HAS_DATA " ORDER BY run_id ASC LIMIT 1" };

static const struct store_sql q_region_runs = { SLOT_REGION_RUNS,
    "region runs",
    "SELECT region, status, operation, http_status, error_code,"
    " error_message, unknown_count, (SELECT coalesce(sum(f.count), 0)"
    " FROM region_run_failure f WHERE f.run_id = g.run_id"
    " AND f.account_id = g.account_id AND f.region = g.region)"
    " FROM region_run g WHERE run_id = :run_id AND account_id = :account"
    " ORDER BY region" };

static const struct store_sql q_region_failed = { SLOT_REGION_FAILED,
    "insert region",
    "INSERT INTO region_run (run_id, account_id, region, status, operation,"
    " http_status, error_code, error_message, unknown_count) VALUES"
    " (:run_id, :account, :region, :status, :operation, :http_status,"
    " :error_code,"
    " :error_message, :unknown_count)" };

static const struct store_sql q_region_failure = { SLOT_REGION_FAILURE,
    "insert region failure",
    "INSERT INTO region_run_failure (run_id, account_id, region, operation,"
    " http_status, error_code, error_message, count, rank) VALUES"
    " (:run_id, :account, :region, :operation, :http_status, :error_code,"
    " :error_message, :count, :rank)" };

static const struct store_sql q_region_unknown = { SLOT_REGION_UNKNOWN,
    "insert region unknown",
    "INSERT OR IGNORE INTO region_run_unknown (run_id, account_id, region,"
    " part, subject) VALUES (:run_id, :account, :region, :part, :subject)" };

int
store_run_status(struct store *st, long long run_id,
    enum run_status *status, int *found)
{
	struct store_stmt	*q;
	int			 r;

	*found = 0;
	if ((q = store_stmt(st, &q_run_status)) == NULL)
		return -1;
	store_bind_int(q, ":run_id", run_id);
	if ((r = store_step(q)) == -1)
		return -1;
	if (r == 1) {
		*status = store_col_run_status(q, 0);
		*found = 1;
	}
	store_reset(q);
	return store_row_ok(q);
}

int
store_run_check_running(struct store *st, long long run_id)
{
	enum run_status	 status;
	int		 found;

	if (store_run_status(st, run_id, &status, &found) == -1)
		return -1;
	if (!found) {
		warnx("%s: no run %lld", st->path, run_id);
		return -1;
	}
	if (status != RUN_STATUS_RUNNING) {
		warnx("%s: run %lld is %s, not running", st->path, run_id,
		    status_run_name(status));
		return -1;
	}
	return 0;
}

static const struct store_sql q_run_failure_put = { SLOT_RUN_FAILURE_PUT,
    "record run failure",
    "INSERT OR REPLACE INTO run_failure (run_id, operation, http_status,"
    " error_code, error_message) VALUES (:run_id, :operation,"
    " :http_status, :error_code, :error_message)" };

static const struct store_sql q_run_failure_get = { SLOT_RUN_FAILURE_GET,
    "read run failure",
    "SELECT operation, http_status, error_code, error_message"
    " FROM run_failure WHERE run_id = :run_id" };

int
store_run_failure_put(struct store *st, long long run_id,
    const char *operation, long http_status, const char *error_code,
    const char *error_message)
{
	struct store_stmt	*q;
	const char		*msg = error_message != NULL ? error_message :
				    "";
	size_t			 n = strlen(msg);
	char			*clip;
	int			 rc;

	/* At most the column's bytes, cut before a UTF-8 continuation. */
	if (n > STORE_MAX_FAILURE_MESSAGE) {
		n = STORE_MAX_FAILURE_MESSAGE;
		while (n > 0 && ((unsigned char)msg[n] & 0xc0) == 0x80)
			n--;
	}
	clip = xstrndup(msg, n);
	if ((q = store_stmt(st, &q_run_failure_put)) == NULL) {
		free(clip);
		return -1;
	}
	store_bind_int(q, ":run_id", run_id);
	store_bind_text(q, ":operation", operation);
	store_bind_int(q, ":http_status", http_status < 0 ||
	    http_status > 999 ? 0 : http_status);
	store_bind_text(q, ":error_code", error_code != NULL ? error_code :
	    "");
	store_bind_text(q, ":error_message", clip);
	rc = store_exec(q);
	free(clip);
	return rc;
}

int
store_run_failure_get(struct store *st, long long run_id,
    struct store_run_failure *out, int *found)
{
	struct store_stmt	*q;
	int			 r;

	memset(out, 0, sizeof(*out));
	*found = 0;
	if ((q = store_stmt(st, &q_run_failure_get)) == NULL)
		return -1;
	store_bind_int(q, ":run_id", run_id);
	if ((r = store_step(q)) == 1) {
		out->operation = store_col_text(q, 0);
		out->http_status = (long)store_col_int(q, 1);
		out->error_code = store_col_text(q, 2);
		out->error_message = store_col_text(q, 3);
		*found = 1;
		r = store_row_ok(q);
		store_reset(q);
	}
	if (r == -1) {
		store_run_failure_free(out);
		*found = 0;
		return -1;
	}
	return 0;
}

void
store_run_failure_free(struct store_run_failure *f)
{
	free(f->operation);
	free(f->error_code);
	free(f->error_message);
	memset(f, 0, sizeof(*f));
}

int
store_run_begin(struct store *st, time_t started, long long *run_id)
{
	struct store_stmt	*q;
	char			 ts[UTIL_ISO8601_LEN];
	int			 n;

	util_iso8601(started, ts);
	if (store_begin(st, 1) == -1)
		return -1;
	/* Holding the lock, any run still 'running' has died. */
	if (store_locked(st)) {
		if ((q = store_stmt(st, &q_run_abandon)) == NULL ||
		    store_exec(q) == -1)
			goto fail;
		if ((n = sqlite3_changes(st->db)) > 0)
			log_debug(1, "%s: %d interrupted run%s marked failed",
			    st->path, n, n == 1 ? "" : "s");
	}
	if ((q = store_stmt(st, &q_run_insert)) == NULL)
		goto fail;
	store_bind_text(q, ":started_at", ts);
	if (store_exec(q) == -1)
		goto fail;
	*run_id = sqlite3_last_insert_rowid(st->db);
	if (store_commit(st) == -1)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int
store_run_set_account(struct store *st, long long run_id,
    const char *account_id)
{
	struct store_stmt	*q;

	if ((q = store_stmt(st, &q_run_account)) == NULL)
		return -1;
	store_bind_text(q, ":account_id", account_id);
	store_bind_int(q, ":run_id", run_id);
	if (store_exec(q) == -1)
		return -1;
	if (sqlite3_changes(st->db) != 1) {
		warnx("%s: no run %lld", st->path, run_id);
		return -1;
	}
	return 0;
}

int
store_run_finish(struct store *st, long long run_id, time_t finished,
    enum run_status status)
{
	struct store_stmt	*q;
	char			 ts[UTIL_ISO8601_LEN];
	int			 r;

	if (status != RUN_STATUS_COMPLETE && status != RUN_STATUS_PARTIAL &&
	    status != RUN_STATUS_FAILED) {
		warnx("%s: run %lld: invalid final status %s", st->path,
		    run_id, status_run_name(status) != NULL ?
		    status_run_name(status) : "(out of range)");
		return -1;
	}
	if (store_run_check_running(st, run_id) == -1)
		return -1;
	util_iso8601(finished, ts);
	if ((q = store_stmt(st, &q_run_finish)) == NULL)
		return -1;
	store_bind_text(q, ":status", status_run_name(status));
	store_bind_text(q, ":finished_at", ts);
	store_bind_int(q, ":run_id", run_id);
	/*
	 * The one fsync of the run (store_configure(): synchronous NORMAL
	 * otherwise): it makes the run's end durable, and every region
	 * committed before it with it.
	 */
	(void)sqlite3_exec(st->db, "PRAGMA synchronous = FULL", NULL, NULL,
	    NULL);
	r = store_exec(q);
	(void)sqlite3_exec(st->db, "PRAGMA synchronous = NORMAL", NULL, NULL,
	    NULL);
	if (r == -1)
		return -1;
	if (sqlite3_changes(st->db) != 1) {
		warnx("%s: run %lld: finished by another process", st->path,
		    run_id);
		return -1;
	}
	return 0;
}

int
store_run_get(struct store *st, long long run_id, struct store_run *out,
    int *found)
{
	struct store_stmt	*q;
	int			 r;

	memset(out, 0, sizeof(*out));
	*found = 0;
	if ((q = store_stmt(st, &q_run_get)) == NULL)
		return -1;
	store_bind_int(q, ":run_id", run_id);
	if ((r = store_step(q)) != 1)
		return r;
	out->run_id = store_col_int(q, 0);
	out->started_at = store_col_text(q, 1);
	out->finished_at = store_col_text(q, 2);
	out->status = store_col_run_status(q, 3);
	out->account_id = store_col_text(q, 4);
	store_reset(q);
	if (store_row_ok(q) == -1) {
		store_run_free(out);
		return -1;
	}
	*found = 1;
	return 0;
}

/* Read the one run_id a "pick a run" statement returns, if any. */
static int
store_run_pick(struct store_stmt *q, long long *run_id, int *found)
{
	int	r;

	*found = 0;
	if ((r = store_step(q)) == 1) {
		*run_id = store_col_int(q, 0);
		*found = 1;
		store_reset(q);
	}
	return r == -1 ? -1 : 0;
}

/* The run a parameterless query "sql" picks; *found = 0 if none. */
static int
store_run_one(struct store *st, const struct store_sql *sql,
    long long *run_id, int *found)
{
	struct store_stmt	*q;

	*found = 0;
	if ((q = store_stmt(st, sql)) == NULL)
		return -1;
	return store_run_pick(q, run_id, found);
}

int
store_run_latest(struct store *st, long long *run_id, int *found)
{
	return store_run_one(st, &q_run_latest, run_id, found);
}

int
store_run_newest(struct store *st, long long *run_id, int *found)
{
	return store_run_one(st, &q_run_newest, run_id, found);
}

int
store_run_first(struct store *st, long long *run_id, int *found)
{
	return store_run_one(st, &q_run_first, run_id, found);
}

int
store_run_before(struct store *st, long long run_id, long long *prev,
    int *found)
{
	struct store_stmt	*q;

	*found = 0;
	if ((q = store_stmt(st, &q_run_before)) == NULL)
		return -1;
	store_bind_int(q, ":run_id", run_id);
	return store_run_pick(q, prev, found);
}

int
store_run_at_time(struct store *st, time_t t, long long *run_id, int *found)
{
	struct store_stmt	*q;
	char			 ts[UTIL_ISO8601_LEN];

	*found = 0;
	util_iso8601(t, ts);
	if ((q = store_stmt(st, &q_run_at_time)) == NULL)
		return -1;
	store_bind_text(q, ":t", ts);
	return store_run_pick(q, run_id, found);
}

int
store_run_days(struct store *st, long first, size_t n, unsigned char *seen)
{
	struct store_stmt	*q;
	long long		 d;
	int			 r;

	if (n == 0)
		return 0;
	if ((q = store_stmt(st, &q_run_days)) == NULL)
		return -1;
	store_bind_int(q, ":first", first);
	store_bind_int(q, ":last", first + (long)n - 1);
	while ((r = store_step(q)) == 1) {
		d = store_col_int(q, 0);
		if ((r = store_row_ok(q)) == -1)
			break;
		if (d >= first && d < first + (long long)n)
			seen[d - first] = 1;
	}
	return r;
}

/* Fill "rr" from the current row of the region-runs statement. */
static void
store_region_run_read(struct store_stmt *q, struct store_region_run *rr)
{
	rr->region = store_col_text(q, 0);
	rr->status = store_col_region_status(q, 1);
	rr->operation = store_col_text(q, 2);
	rr->http_status = (long)store_col_int(q, 3);
	rr->error_code = store_col_text(q, 4);
	rr->error_message = store_col_text(q, 5);
	rr->unknown_count = store_col_int(q, 6);
	rr->failed_calls = store_col_int(q, 7);
}

int
store_region_runs(struct store *st, long long run_id,
    struct store_region_run **out, size_t *outsz)
{
	struct store_stmt	*q;
	struct store_region_run	*v = NULL;
	size_t			 n = 0;
	int			 r;

	*out = NULL;
	*outsz = 0;
	if ((q = store_stmt(st, &q_region_runs)) == NULL)
		return -1;
	store_bind_int(q, ":run_id", run_id);
	while ((r = store_step(q)) == 1) {
		if (n == STORE_MAX_REGIONS) {
			warnx("%s: run %lld has more than %d regions",
			    st->path, run_id, STORE_MAX_REGIONS);
			store_reset(q);
			r = -1;
			break;
		}
		v = xreallocarray(v, n + 1, sizeof(*v));
		store_region_run_read(q, &v[n++]);
		if ((r = store_row_ok(q)) == -1)
			break;
	}
	if (r == -1) {
		store_region_runs_free(v, n);
		return -1;
	}
	*out = v;
	*outsz = n;
	return 0;
}

/* NULL for "" and NULL, so that the database says "absent" plainly. */
static const char *
nullify(const char *s)
{
	return s == NULL || *s == '\0' ? NULL : s;
}

/* Bind an HTTP status: not one (0: no reply) is stored as NULL. */
static void
bind_http_status(struct store_stmt *q, long http_status)
{
	if (http_status >= 100 && http_status <= 599)
		store_bind_int(q, ":http_status", http_status);
	else
		store_bind_null(q, ":http_status");
}

/* Insert the unknown entities of "o": whole parts, then models. */
static int
region_unknown_rows(struct store *st, long long run_id, const char *region,
    const struct store_outcome *o)
{
	struct store_stmt	*q;
	size_t			 i;
	int			 p;

	for (p = 0; p < REGION_PART__COUNT; p++) {
		if (p == REGION_PART_MODEL_ACCESS ||
		    !(o->unknown & REGION_PART_BIT(p)))
			continue;
		if ((q = store_stmt(st, &q_region_unknown)) == NULL)
			return -1;
		store_bind_int(q, ":run_id", run_id);
		store_bind_text(q, ":region", region);
		store_bind_text(q, ":part", status_part_name(p));
		store_bind_text(q, ":subject", "");
		if (store_exec(q) == -1)
			return -1;
	}
	for (i = 0; i < o->modelsz; i++) {
		if ((q = store_stmt(st, &q_region_unknown)) == NULL)
			return -1;
		store_bind_int(q, ":run_id", run_id);
		store_bind_text(q, ":region", region);
		store_bind_text(q, ":part",
		    status_part_name(REGION_PART_MODEL_ACCESS));
		store_bind_text(q, ":subject", o->models[i]);
		if (store_exec(q) == -1)
			return -1;
	}
	return 0;
}

/* The number of unknown entities of "o": one per part, one per model. */
static long long
outcome_unknown_count(const struct store_outcome *o)
{
	long long	n = (long long)o->modelsz;
	int		p;

	for (p = 0; p < REGION_PART__COUNT; p++)
		n += p != REGION_PART_MODEL_ACCESS &&
		    (o->unknown & REGION_PART_BIT(p)) != 0;
	return n;
}

int
store_region_outcome_rows(struct store *st, long long run_id,
    const char *region, const struct store_outcome *o)
{
	const struct region_failure	*f = o->failuresz > 0 ?
					    &o->failures[0] : NULL;
	struct store_stmt		*q;
	size_t				 i;

	if ((q = store_stmt(st, &q_region_failed)) == NULL)
		return -1;
	store_bind_int(q, ":run_id", run_id);
	store_bind_text(q, ":region", region);
	store_bind_text(q, ":status", status_region_name(o->status));
	store_bind_text(q, ":operation", f != NULL ?
	    nullify(f->operation) : NULL);
	bind_http_status(q, f != NULL ? f->http_status : 0);
	store_bind_text(q, ":error_code", f != NULL ?
	    nullify(f->error_code) : NULL);
	store_bind_text(q, ":error_message", f != NULL ?
	    nullify(f->error_message) : NULL);
	store_bind_int(q, ":unknown_count", outcome_unknown_count(o));
	if (store_exec(q) == -1)
		return -1;
	for (i = 0; i < o->failuresz; i++) {
		f = &o->failures[i];
		if ((q = store_stmt(st, &q_region_failure)) == NULL)
			return -1;
		store_bind_int(q, ":run_id", run_id);
		store_bind_text(q, ":region", region);
		store_bind_text(q, ":operation", str_or_empty(f->operation));
		bind_http_status(q, f->http_status);
		store_bind_text(q, ":error_code", nullify(f->error_code));
		store_bind_text(q, ":error_message",
		    str_or_empty(f->error_message));
		store_bind_int(q, ":count", f->count > 0 ? f->count : 1);
		store_bind_int(q, ":rank", (long long)i);
		if (store_exec(q) == -1)
			return -1;
	}
	return region_unknown_rows(st, run_id, region, o);
}

int
store_region_not_collected(struct store *st, long long run_id,
    const char *region, const struct store_outcome *o)
{
	if (o->status != REGION_STATUS_FAILED &&
	    o->status != REGION_STATUS_NOT_ENABLED) {
		warnx("%s: %s: not a status of a region not collected",
		    st->path, region);
		return -1;
	}
	if (store_begin(st, 1) == -1)
		return -1;
	if (store_run_check_running(st, run_id) == -1 ||
	    store_region_outcome_rows(st, run_id, region, o) == -1 ||
	    store_commit(st) == -1)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int
store_region_failed(struct store *st, long long run_id, const char *region,
    const char *operation, long http_status, const char *error_code,
    const char *error_message)
{
	struct region_failure	f;
	struct store_outcome	o;

	memset(&o, 0, sizeof(o));
	f.operation = str_or_empty(operation);
	f.http_status = http_status;
	f.error_code = (char *)nullify(error_code);
	f.error_message = (char *)str_or_empty(error_message);
	f.count = 1;
	o.status = REGION_STATUS_FAILED;
	o.failures = &f;
	o.failuresz = 1;
	return store_region_not_collected(st, run_id, region, &o);
}

void
store_run_free(struct store_run *r)
{
	if (r == NULL)
		return;
	free(r->started_at);
	free(r->finished_at);
	free(r->account_id);
	memset(r, 0, sizeof(*r));
}

void
store_region_runs_free(struct store_region_run *v, size_t n)
{
	size_t	i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].region);
		free(v[i].operation);
		free(v[i].error_code);
		free(v[i].error_message);
	}
	free(v);
}
