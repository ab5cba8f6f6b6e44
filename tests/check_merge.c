/*
 * check_merge.c: store_merge()'s remapping on small hand-made shard
 * databases (files) merged into an in-memory target: shard runs of the
 * same window become one run here, with every shard's accounts and the
 * combined status; state versions keep their history renumbered (a row
 * closed by a run still running stays open until that run is merged);
 * change IDs are the target's own; merging again adds nothing; an
 * account of another shard, and a run that would go back in time, are
 * refused with the target unchanged.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"
#include "store_merge.h"
#include "../src/store_int.h"
#include "util.h"
#include "helper_stderr.h"
#include "helper_check.h"

static char	tmpdir[64];

static void
setup(void)
{
	(void)strcpy(tmpdir, "/tmp/check_merge.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
teardown(void)
{
	DIR		*d;
	struct dirent	*e;
	char		 p[512];

	if ((d = opendir(tmpdir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		(void)snprintf(p, sizeof(p), "%s/%s", tmpdir, e->d_name);
		(void)unlink(p);
	}
	(void)closedir(d);
	(void)rmdir(tmpdir);
}

static long long
qint(struct store *st, const char *sql)
{
	sqlite3_stmt	*s;
	long long	 n;

	ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st), sql, -1, &s,
	    NULL), SQLITE_OK);
	ck_assert_msg(sqlite3_step(s) == SQLITE_ROW, "%s", sql);
	n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* The one text of "sql" (a new string, "" for NULL). */
static char *
qtext(struct store *st, const char *sql)
{
	sqlite3_stmt	*s;
	const char	*t;
	char		*r;

	ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st), sql, -1, &s,
	    NULL), SQLITE_OK);
	ck_assert_msg(sqlite3_step(s) == SQLITE_ROW, "%s", sql);
	t = (const char *)sqlite3_column_text(s, 0);
	r = xstrdup(t != NULL ? t : "");
	sqlite3_finalize(s);
	return r;
}

static void
sql(struct store *st, const char *text)
{
	char	*msg = NULL;

	ck_assert_msg(sqlite3_exec(store_sqlite(st), text, NULL, NULL, &msg)
	    == SQLITE_OK, "%s: %s", text, msg != NULL ? msg : "");
}

/* A new shard database NAME in tmpdir, its path in path. */
static struct store *
shard(const char *name, char *path, size_t pathsz)
{
	struct store	*st;

	(void)snprintf(path, pathsz, "%s/%s", tmpdir, name);
	st = store_open(path, STORE_CREATE);
	ck_assert_ptr_nonnull(st);
	return st;
}

/* Run "id" of account "acct" in us-east-1. */
static void
add_run(struct store *st, int id, const char *started, const char *status,
    const char *acct)
{
	char	*q;

	q = xasprintf("INSERT INTO run (run_id, started_at, finished_at, "
	    "status, account_id) VALUES (%d, '%s', %s, '%s', '123456789012');"
	    "INSERT INTO run_account (run_id, account_id, status) "
	    "VALUES (%d, '%s', 'collected');"
	    "INSERT INTO region_run (run_id, account_id, region, status) "
	    "VALUES (%d, '%s', 'us-east-1', 'ok')", id, started,
	    strcmp(status, "running") == 0 ? "NULL" : "'2030-01-01T00:00:00Z'",
	    status, id, acct, id, acct);
	sql(st, q);
	free(q);
}

/* A model_state version. */
static void
add_model(struct store *st, const char *acct, const char *model,
    const char *auth, int since, int until)
{
	char	*q, u[16];

	if (until > 0)
		(void)snprintf(u, sizeof(u), "%d", until);
	else
		(void)strcpy(u, "NULL");
	q = xasprintf("INSERT INTO model_state (account_id, region, model_id, "
	    "model_name, provider, lifecycle_status, inference_types, "
	    "authorization_status, entitlement_availability, "
	    "agreement_status, region_availability, since_run, until_run) "
	    "VALUES ('%s', 'us-east-1', '%s', 'M', 'P', 'ACTIVE', "
	    "'ON_DEMAND', '%s', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE', %d, "
	    "%s)", acct, model, auth, since, u);
	sql(st, q);
	free(q);
}

static void
add_change(struct store *st, int change_id, int run, const char *acct,
    const char *model)
{
	char	*q;

	q = xasprintf("INSERT INTO change_log (change_id, run_id, account_id, "
	    "region, first_run, kind, subject, subject_name, old_value, "
	    "new_value, old_applied, new_applied, new_default, "
	    "applied_followed, entitlement, quota_code, desired_value, path, "
	    "severity, alt_regions, alt_profiles) VALUES (%d, %d, '%s', "
	    "'us-east-1', %d, 'access_lost', '%s', 'M', 'AUTHORIZED', "
	    "'NOT_AUTHORIZED', '', '', '', 0, '', '', '', 'P1', 'action', "
	    "'', '')", change_id, run, acct, run, model);
	sql(st, q);
	free(q);
}

#define A	"111111111111"
#define B	"222222222222"
#define DAY1	"2025-01-01T03:00:00Z"
#define DAY2	"2025-01-02T03:00:00Z"
#define DAY3	"2025-01-03T03:00:00Z"

/* A usage_daily row as text, and the order to list them in. */
#define USAGE_ROW	"account_id || '/' || model_id || '/' || metric || " \
	"'/' || day || '/' || sum || '/' || first_run || '-' || last_run " \
	"|| coalesce('/' || peak_at, '')"
#define USAGE_ORDER	"account_id, model_id, metric, day"

START_TEST(test_identity)
{
	struct store	*a, *b;
	char		 pa[128], pb[128], ia[STORE_ID_LEN + 1],
			 ib[STORE_ID_LEN + 1];

	a = shard("a.db", pa, sizeof(pa));
	b = shard("b.db", pb, sizeof(pb));
	ck_assert_int_eq(store_id(a, ia), 0);
	ck_assert_int_eq(store_id(b, ib), 0);
	ck_assert_uint_eq(strlen(ia), STORE_ID_LEN);
	ck_assert_uint_eq(strspn(ia, "0123456789abcdef"), STORE_ID_LEN);
	ck_assert_str_ne(ia, ib);
	store_close(a);
	/* Reopened, the same identity. */
	a = store_open(pa, 0);
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(store_id(a, ib), 0);
	ck_assert_str_eq(ia, ib);
	store_close(a);
	store_close(b);
}
END_TEST

/*
 * A shard's run that failed before its first region keeps why in the
 * merged database, under the run's number there.
 */
START_TEST(test_run_failure)
{
	struct store_merge_stats stats;
	struct store	*t, *a;
	char		 pa[128], *s;

	a = shard("f.db", pa, sizeof(pa));
	add_run(a, 1, DAY1, "complete", A);
	sql(a, "INSERT INTO run (run_id, started_at, finished_at, status) "
	    "VALUES (2, '" DAY2 "', '" DAY2 "', 'failed');"
	    "INSERT INTO run_failure VALUES (2, 'GetCallerIdentity', 403, "
	    "'ExpiredToken', 'The security token included in the request "
	    "is expired')");
	store_close(a);
	t = store_open(":memory:", STORE_CREATE);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(store_lock(t, 0), 0);
	sql(t, "INSERT INTO run (run_id, started_at, finished_at, status) "
	    "VALUES (1, '2024-12-01T03:00:00Z', '2024-12-01T03:01:00Z', "
	    "'failed')");
	ck_assert_int_eq(store_merge(t, pa, 600, &stats), 0);
	s = qtext(t, "SELECT group_concat(f.run_id || ':' || r.started_at || "
	    "':' || f.operation || ':' || f.error_code, ' ') "
	    "FROM run_failure f JOIN run r USING (run_id)");
	ck_assert_str_eq(s, "3:" DAY2 ":GetCallerIdentity:ExpiredToken");
	free(s);
	/* Merged again: nothing new, the row not doubled. */
	ck_assert_int_eq(store_merge(t, pa, 600, &stats), 0);
	ck_assert_int_eq(qint(t, "SELECT count(*) FROM run_failure"), 1);
	store_close(t);
}
END_TEST

START_TEST(test_remap)
{
	struct store_merge_stats stats;
	struct store	*t, *a, *b;
	char		 pa[128], pb[128], *s;

	/* Shard A: account A over three days, the third still running. */
	a = shard("a.db", pa, sizeof(pa));
	add_run(a, 1, DAY1, "complete", A);
	add_run(a, 2, DAY2, "complete", A);
	add_run(a, 3, DAY3, "running", A);
	add_model(a, A, "m1", "AUTHORIZED", 1, 2);
	add_model(a, A, "m1", "NOT_AUTHORIZED", 2, 0);
	add_model(a, A, "m2", "AUTHORIZED", 1, 3);	/* gone in run 3 */
	add_change(a, 7, 2, A, "m1");
	/* Shard B: account B, two days, a few minutes later each day. */
	b = shard("b.db", pb, sizeof(pb));
	add_run(b, 1, "2025-01-01T03:05:00Z", "partial", B);
	add_run(b, 2, "2025-01-02T02:58:00Z", "complete", B);
	add_model(b, B, "m1", "AUTHORIZED", 1, 0);
	add_change(b, 1, 2, B, "m1");	/* (a change without a state: ok) */
	/* Usage evidence of B's change 1, and each shard's open finding. */
	sql(b, "INSERT INTO change_usage (change_id, model_id, peak, peak_at, "
	    "quota, percent, throttled_minutes, suggested, tokens, approximate) "
	    "VALUES (1, 'm1', 30, '2025-01-01T14:07:00Z', 100, 30, 42, 45, 0, "
	    "0)");
	sql(a, "INSERT INTO usage_finding (account_id, region, quota_code, "
	    "finding, run_id) VALUES ('" A "', 'us-east-1', 'L-1', "
	    "'near_quota', 2)");
	sql(b, "INSERT INTO usage_finding (account_id, region, quota_code, "
	    "finding, run_id) VALUES ('" B "', 'us-east-1', 'L-1', "
	    "'throttled_below_quota', 2)");
	/*
	 * Usage days: series numbers are each shard's own (1 is A's m1 and
	 * B's m2); A's third day is read by its running run.
	 */
	sql(a, "INSERT INTO usage_series VALUES (1, '" A "', 'us-east-1', "
	    "'m1');"
	    "INSERT INTO usage_day (series_id, day, minutes, first_run, "
	    "last_run, inv_sum, inv_peak, inv_p95, inv_active) VALUES "
	    "(1, 20089, 1440, 1, 1, 10, 2, 1, 9), "
	    "(1, 20090, 1440, 1, 2, 20, 3, 1, 19), "
	    "(1, 20091, 600, 3, 3, 30, 4, 1, 29)");
	sql(b, "INSERT INTO usage_series VALUES (1, '" B "', 'us-east-1', "
	    "'m2'), (2, '" B "', 'us-east-1', 'm1');"
	    "INSERT INTO usage_day (series_id, day, minutes, first_run, "
	    "last_run, inv_sum, inv_peak, inv_p95, inv_active, thr_sum, "
	    "thr_peak, thr_peak_at, thr_p95, thr_active) VALUES "
	    "(2, 20089, 1440, 1, 2, 7, 7, 0, 1, 1, 1, 1, 0, 1), "
	    "(1, 20090, 1440, 2, 2, 8, 8, 0, 1, NULL, NULL, NULL, NULL, "
	    "NULL)");

	t = store_open(":memory:", STORE_CREATE);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(store_lock(t, 0), 0);
	ck_assert_int_eq(store_merge(t, pa, 600, &stats), 0);
	ck_assert_uint_eq(stats.runs, 2);
	ck_assert_uint_eq(stats.runs_new, 2);
	ck_assert_uint_eq(stats.runs_running, 1);
	ck_assert_int_eq(store_merge(t, pb, 600, &stats), 0);
	ck_assert_uint_eq(stats.runs, 2);
	ck_assert_uint_eq(stats.runs_new, 0);	/* both joined A's */

	ck_assert_int_eq(qint(t, "SELECT count(*) FROM run"), 2);
	s = qtext(t, "SELECT group_concat(run_id || ':' || status || ':' || "
	    "started_at, ' ') FROM (SELECT * FROM run ORDER BY run_id)");
	ck_assert_str_eq(s, "1:partial:2025-01-01T03:00:00Z "
	    "2:complete:2025-01-02T02:58:00Z");
	free(s);
	s = qtext(t, "SELECT group_concat(run_id || ':' || account_id, ' ') "
	    "FROM (SELECT * FROM run_accounts ORDER BY run_id, account_id)");
	ck_assert_str_eq(s, "1:" A " 1:" B " 2:" A " 2:" B);
	free(s);
	/* A's m2 was closed by the running run: open here until it is in. */
	s = qtext(t, "SELECT group_concat(account_id || '/' || model_id || "
	    "'/' || authorization_status || '/' || since_run || '-' || "
	    "coalesce(until_run, ''), ' ') FROM (SELECT * FROM model_state "
	    "ORDER BY account_id, model_id, since_run)");
	ck_assert_str_eq(s, A "/m1/AUTHORIZED/1-2 " A "/m1/NOT_AUTHORIZED/2- "
	    A "/m2/AUTHORIZED/1- " B "/m1/AUTHORIZED/1-");
	free(s);
	/* The target numbers the changes: in merge order, run IDs mapped. */
	s = qtext(t, "SELECT group_concat(change_id || ':' || run_id || ':' "
	    "|| first_run || ':' || account_id, ' ') FROM (SELECT * FROM "
	    "change_log ORDER BY change_id)");
	ck_assert_str_eq(s, "1:2:2:" A " 2:2:2:" B);
	free(s);
	/* B's change 1 is change 2 here: its usage evidence follows it. */
	s = qtext(t, "SELECT group_concat(change_id || ':' || model_id || ':' "
	    "|| throttled_minutes, ' ') FROM change_usage");
	ck_assert_str_eq(s, "2:m1:42");
	free(s);
	s = qtext(t, "SELECT group_concat(account_id || ':' || finding || ':' "
	    "|| run_id, ' ') FROM (SELECT * FROM usage_finding ORDER BY "
	    "account_id)");
	ck_assert_str_eq(s, A ":near_quota:2 " B ":throttled_below_quota:2");
	free(s);
	ck_assert_int_eq(qint(t, "SELECT count(*) FROM merged_run"), 4);
	/* Each shard's days under its series here, runs mapped. */
	s = qtext(t, "SELECT group_concat(" USAGE_ROW ", ' ') FROM "
	    "(SELECT * FROM usage_daily ORDER BY " USAGE_ORDER ")");
	ck_assert_str_eq(s, A "/m1/Invocations/2025-01-01/10.0/1-1 "
	    A "/m1/Invocations/2025-01-02/20.0/1-2 "
	    B "/m1/InvocationThrottles/2025-01-01/1.0/1-2/2025-01-01T00:01:00Z "
	    B "/m1/Invocations/2025-01-01/7.0/1-2 "
	    B "/m2/Invocations/2025-01-02/8.0/2-2");
	free(s);

	/* Again: nothing. */
	ck_assert_int_eq(store_merge(t, pa, 600, &stats), 0);
	ck_assert_uint_eq(stats.runs, 0);
	ck_assert_uint_eq(stats.rows, 0);
	ck_assert_int_eq(store_merge(t, pb, 600, &stats), 0);
	ck_assert_uint_eq(stats.runs, 0);

	/* A's run 3 finishes: merged as run 3, m2 closed there. */
	sql(a, "UPDATE run SET status = 'complete', finished_at = "
	    "'2030-01-01T00:00:00Z' WHERE run_id = 3");
	ck_assert_int_eq(store_merge(t, pa, 600, &stats), 0);
	ck_assert_uint_eq(stats.runs, 1);
	ck_assert_uint_eq(stats.runs_new, 1);
	ck_assert_int_eq(qint(t, "SELECT until_run FROM model_state WHERE "
	    "model_id = 'm2'"), 3);
	ck_assert_int_eq(qint(t, "SELECT count(*) FROM models_now WHERE "
	    "account_id = '" A "'"), 1);
	ck_assert_int_eq(qint(t, "SELECT count(*) FROM usage_daily WHERE "
	    "day = '2025-01-03' AND first_run = 3 AND minutes = 600"), 1);
	ck_assert_int_eq(qint(t, "SELECT count(*) FROM usage_series"), 3);

	/*
	 * B's day 3 comes late, after A's day 3 was merged: it joins run 3
	 * (within the window), B's runs keep their order.
	 */
	add_run(b, 3, "2025-01-03T03:01:00Z", "failed", B);
	ck_assert_int_eq(store_merge(t, pb, 600, &stats), 0);
	ck_assert_int_eq(qint(t, "SELECT count(*) FROM run"), 3);
	ck_assert_int_eq(qint(t, "SELECT count(*) FROM run_account WHERE "
	    "run_id = 3"), 2);
	s = qtext(t, "SELECT status FROM run WHERE run_id = 3");
	ck_assert_str_eq(s, "partial");		/* complete + failed */
	free(s);
	store_close(a);
	store_close(b);
	store_close(t);
}
END_TEST

START_TEST(test_refused)
{
	struct store_merge_stats stats;
	struct store	*t, *a, *c, *d;
	char		 pa[128], pc[128], pd[128], *err;
	long long	 runs, rows;

	a = shard("a.db", pa, sizeof(pa));
	add_run(a, 1, DAY1, "complete", A);
	add_run(a, 2, DAY2, "complete", A);
	add_model(a, A, "m1", "AUTHORIZED", 1, 0);
	/* C: account A again, from another database. */
	c = shard("c.db", pc, sizeof(pc));
	add_run(c, 1, DAY2, "complete", A);
	add_model(c, A, "m1", "AUTHORIZED", 1, 0);
	/* D: account B, a run of day 1 that joins no run within 1 min. */
	d = shard("d.db", pd, sizeof(pd));
	add_run(d, 1, "2025-01-01T05:00:00Z", "complete", B);

	t = store_open(":memory:", STORE_CREATE);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(store_lock(t, 0), 0);
	ck_assert_int_eq(store_merge(t, pa, 60, &stats), 0);
	runs = qint(t, "SELECT count(*) FROM run");
	rows = qint(t, "SELECT (SELECT count(*) FROM model_state) + "
	    "(SELECT count(*) FROM run_account) + "
	    "(SELECT count(*) FROM merged_run) + "
	    "(SELECT count(*) FROM merged_account)");

	stderr_capture_start();
	ck_assert_int_eq(store_merge(t, pc, 60, &stats), -1);
	err = stderr_capture_end();
	ck_assert_ptr_nonnull(strstr(err, "account " A));
	ck_assert_ptr_nonnull(strstr(err, "from another shard database"));
	free(err);

	stderr_capture_start();
	ck_assert_int_eq(store_merge(t, pd, 60, &stats), -1);
	err = stderr_capture_end();
	ck_assert_ptr_nonnull(strstr(err, "before run 2"));
	free(err);
	/* A wider window takes it into run 1. */
	ck_assert_int_eq(qint(t, "SELECT count(*) FROM run"), runs);
	ck_assert_int_eq(qint(t, "SELECT (SELECT count(*) FROM model_state) + "
	    "(SELECT count(*) FROM run_account) + "
	    "(SELECT count(*) FROM merged_run) + "
	    "(SELECT count(*) FROM merged_account)"), rows);

	ck_assert_int_eq(store_merge(t, pd, 3 * 3600, &stats), 0);
	ck_assert_uint_eq(stats.runs_new, 0);
	ck_assert_int_eq(qint(t, "SELECT count(*) FROM run_account WHERE "
	    "run_id = 1 AND account_id = '" B "'"), 1);

	/* The target itself. */
	ck_assert_int_eq(store_lock(a, 0), 0);
	stderr_capture_start();
	ck_assert_int_eq(store_merge(a, pa, 60, &stats), -1);
	err = stderr_capture_end();
	ck_assert_msg(strstr(err, "itself") != NULL, "%s", err);
	free(err);
	store_close(a);
	store_close(c);
	store_close(d);
	store_close(t);
}
END_TEST

static Suite *
merge_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("merge");
	tc = tcase_create("merge");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);	/* valgrind */
	tcase_add_test(tc, test_identity);
	tcase_add_test(tc, test_run_failure);
	tcase_add_test(tc, test_remap);
	tcase_add_test(tc, test_refused);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(merge_suite());
}
