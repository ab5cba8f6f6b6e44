/*
 * check_store.c: the SQLite store: migrations, change-only history,
 * runs, the change log, the writer lock and the public SQL interface.
 *
 * Each test gets a fresh temporary directory; ":memory:" where no file is
 * needed.  The "size" case measures the first run and the growth of an
 * unchanged run at 30 regions x 150 models x 400 quotas and prints both.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "change.h"
#include "schema.h"
#include "snapshot.h"
#include "store.h"
#include "store_usage.h"
#include "usage.h"
#include "util.h"
#include "../src/store_int.h"
#include "helper_stderr.h"
#include "helper_check.h"

#define T0	((time_t)1750000000)	/* 2025-06-15T15:06:40Z */
#define HOUR	((time_t)3600)

static char	tmpdir[64];
static char	dbpath[128];

static void
setup(void)
{
	(void)strcpy(tmpdir, "/tmp/check_store.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	(void)snprintf(dbpath, sizeof(dbpath), "%s/audit.db", tmpdir);
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

/* One integer from "sql" run on the store's connection. */
static long long
qint(struct store *st, const char *sql)
{
	sqlite3_stmt	*s;
	long long	 n;

	ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st), sql, -1, &s,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* One text value (or "(null)") from "sql" on "db"; caller frees. */
static char *
dbtext(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*s;
	const char	*t;
	char		*r;

	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	t = (const char *)sqlite3_column_text(s, 0);
	r = xstrdup(t != NULL ? t : "(null)");
	sqlite3_finalize(s);
	return r;
}

/* The same on the store's connection. */
static char *
qtext(struct store *st, const char *sql)
{
	return dbtext(store_sqlite(st), sql);
}

static void
qexec(sqlite3 *db, const char *sql)
{
	ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
}

/* Total rows in the four state tables. */
static long long
state_rows(struct store *st)
{
	return qint(st, "SELECT (SELECT count(*) FROM model_state) +"
	    " (SELECT count(*) FROM quota_state) +"
	    " (SELECT count(*) FROM profile_state) +"
	    " (SELECT count(*) FROM quota_request_state)");
}

static void
model(struct snapshot *s, const char *id, const char *auth)
{
	struct model	*m = snapshot_add_model(s);

	m->model_id = xstrdup(id);
	m->model_name = xstrdup("Claude 3 Haiku \xe2\x80\x94 \xe6\x97\xa5\xe6"
	    "\x9c\xac\xe8\xaa\x9e");	/* an em dash and Japanese */
	m->provider = xstrdup("Anthropic");
	m->lifecycle = xstrdup("ACTIVE");
	m->inference_types = xstrdup("INFERENCE_PROFILE,ON_DEMAND");
	m->authorization = xstrdup(auth);
	m->entitlement = xstrdup("AVAILABLE");
	m->agreement = xstrdup("PENDING");
	m->region_availability = xstrdup("AVAILABLE");
}

static void
quota(struct snapshot *s, const char *code, int has_applied, double applied,
    int has_default, double def)
{
	struct quota	*q = snapshot_add_quota(s);

	q->quota_code = xstrdup(code);
	q->level = xstrdup("ACCOUNT");
	q->context_scope = xstrdup("");
	q->context_id = xstrdup("");
	q->quota_name = xasprintf("Tokens per minute for %s", code);
	q->has_applied = has_applied;
	q->applied_value = applied;
	q->has_default = has_default;
	q->default_value = def;
	q->unit = xstrdup("None");
	q->adjustable = code[2] != 'Z';
	q->global_quota = code[2] == 'G';
}

/*
 * What real replies carry beyond the basics: lifecycle dates and an
 * agreement message on one model; a quota code at the account and at a
 * resource level, a period, an ErrorReason in place of a value, and a
 * value past 1e10.
 */
static void
reply_facts(struct snapshot *s)
{
	struct quota	*q;

	s->models[0].start_of_life = xstrdup("2024-12-03T00:00:00Z");
	s->models[0].legacy_time = xstrdup("2026-01-01T00:00:00Z");
	s->models[0].extended_access = xstrdup("2026-04-01T00:00:00Z");
	s->models[0].end_of_life = xstrdup("2026-07-01T00:00:00Z");
	s->models[2].agreement_message = xstrdup("Offer <b>expired</b>\n");
	s->models[1].end_of_life = xstrdup("");		/* as sent */
	q = &s->quotas[0];
	q->has_period = 1;
	q->period_value = 1;
	q->period_unit = xstrdup("MINUTE");
	quota(s, "L-00000002", 1, 100, 1, 4000);
	q = &s->quotas[s->quotasz - 1];
	free(q->level);
	free(q->context_scope);
	free(q->context_id);
	q->level = xstrdup("RESOURCE");
	q->context_scope = xstrdup("RESOURCE");
	q->context_id = xstrdup("arn:aws:bedrock:us-east-1:123456789012:"
	    "application-inference-profile/abc");
	quota(s, "L-E0000006", 0, 0, 1, 5);
	q = &s->quotas[s->quotasz - 1];
	q->error_code = xstrdup("DEPENDENCY_ACCESS_DENIED_ERROR");
	q->error_message = xstrdup("denied");
	quota(s, "L-T0000007", 1, 51957100000.0, 1, 51957100000.0);
}

/*
 * The test snapshot: three models, quotas with no applied value, an
 * applied 0, big and fractional values, a missing default; two profiles
 * and two requests.  Sorted.
 */
static void
base_snapshot(struct snapshot *s, const char *region)
{
	struct profile	*p;
	struct qrequest	*r;

	memset(s, 0, sizeof(*s));
	s->region = xstrdup(region);
	model(s, "amazon.nova-pro-v1:0", "AUTHORIZED");
	model(s, "anthropic.claude-3-haiku-20240307-v1:0", "AUTHORIZED");
	model(s, "meta.llama3-8b-instruct-v1:0", "NOT_AUTHORIZED");
	quota(s, "L-00000001", 0, 0, 1, 10000);		/* not set */
	quota(s, "L-00000002", 1, 0, 1, 4000);		/* applied 0 */
	quota(s, "L-G0000003", 1, 1e10, 1, 1e10);	/* 1e10, global */
	quota(s, "L-Z0000004", 1, 0.5, 0, 0);		/* no default */
	quota(s, "L-00000005", 1, 123456.789, 1, 9007199254740993.0);
	p = snapshot_add_profile(s);
	p->profile_id = xstrdup("us.anthropic.claude-3-haiku-20240307-v1:0");
	p->profile_name = xstrdup("US Claude 3 Haiku");
	p->profile_type = xstrdup("SYSTEM_DEFINED");
	p->status = xstrdup("ACTIVE");
	p->model_ids = xstrdup("anthropic.claude-3-haiku-20240307-v1:0");
	p->regions = xstrdup("us-east-1,us-east-2,us-west-2");
	p = snapshot_add_profile(s);
	p->profile_id = xstrdup("apac.amazon.nova-pro-v1:0");
	p->profile_name = xstrdup("");
	p->profile_type = xstrdup("SYSTEM_DEFINED");
	p->status = xstrdup("ACTIVE");
	p->model_ids = xstrdup("amazon.nova-pro-v1:0");
	p->regions = xstrdup("ap-northeast-1");
	r = snapshot_add_request(s);
	r->request_id = xstrdup("req-2");
	r->quota_code = xstrdup("L-00000002");
	r->quota_name = xstrdup("Tokens per minute for L-00000002");
	r->desired_value = 250000;
	r->has_desired = 1;
	r->request_type = xstrdup("AutomaticManagement");
	r->level = xstrdup("ACCOUNT");
	r->requester = xstrdup("{\"accountId\":\"123456789012\"}");
	r->status = xstrdup("CASE_OPENED");
	r->case_id = xstrdup("case-123");
	r->created = xstrdup("2025-06-01T00:00:00Z");
	r->last_updated = xstrdup("2025-06-02T00:00:00Z");
	r = snapshot_add_request(s);
	r->request_id = xstrdup("req-1");
	r->quota_code = xstrdup("L-00000001");
	r->quota_name = xstrdup("x");
	r->desired_value = 0;		/* DesiredValue absent */
	r->request_type = xstrdup("");	/* sent empty: not NULL */
	r->status = xstrdup("PENDING");
	r->case_id = xstrdup("");
	r->created = xstrdup("");
	r->last_updated = xstrdup("");
	snapshot_sort(s);
}

/* Two optional strings: both NULL, or equal. */
static void
opt_str_eq(const char *a, const char *b)
{
	ck_assert_msg((a == NULL) == (b == NULL), "%s vs %s",
	    a != NULL ? a : "NULL", b != NULL ? b : "NULL");
	if (a != NULL)
		ck_assert_str_eq(a, b);
}

/* Two optional numbers: both absent, or both present and equal. */
static void
opt_num_eq(int has_a, double a, int has_b, double b)
{
	ck_assert_int_eq(has_a, has_b);
	if (has_a)
		ck_assert(a == b);
}

/* Field-by-field comparison, written out independently of the store. */
static void
check_models(const struct model *a, const struct model *b)
{
	opt_str_eq(a->start_of_life, b->start_of_life);
	opt_str_eq(a->legacy_time, b->legacy_time);
	opt_str_eq(a->extended_access, b->extended_access);
	opt_str_eq(a->end_of_life, b->end_of_life);
	opt_str_eq(a->agreement_message, b->agreement_message);
	ck_assert_str_eq(a->model_id, b->model_id);
	ck_assert_str_eq(a->model_name, b->model_name);
	ck_assert_str_eq(a->provider, b->provider);
	ck_assert_str_eq(a->lifecycle, b->lifecycle);
	ck_assert_str_eq(a->inference_types, b->inference_types);
	ck_assert_str_eq(a->authorization, b->authorization);
	ck_assert_str_eq(a->entitlement, b->entitlement);
	ck_assert_str_eq(a->agreement, b->agreement);
	ck_assert_str_eq(a->region_availability, b->region_availability);
}

static void
check_quotas(const struct quota *a, const struct quota *b)
{
	ck_assert_str_eq(a->quota_code, b->quota_code);
	ck_assert_str_eq(a->level, b->level);
	ck_assert_str_eq(a->context_scope, b->context_scope);
	ck_assert_str_eq(a->context_id, b->context_id);
	opt_num_eq(a->has_period, a->period_value, b->has_period,
	    b->period_value);
	opt_str_eq(a->period_unit, b->period_unit);
	opt_str_eq(a->error_code, b->error_code);
	opt_str_eq(a->error_message, b->error_message);
	ck_assert_str_eq(a->quota_name, b->quota_name);
	opt_num_eq(a->has_applied, a->applied_value, b->has_applied,
	    b->applied_value);
	opt_num_eq(a->has_default, a->default_value, b->has_default,
	    b->default_value);
	ck_assert_str_eq(a->unit, b->unit);
	ck_assert_int_eq(a->adjustable, b->adjustable);
	ck_assert_int_eq(a->global_quota, b->global_quota);
}

static void
check_profiles(const struct profile *a, const struct profile *b)
{
	ck_assert_str_eq(a->profile_id, b->profile_id);
	ck_assert_str_eq(a->profile_name, b->profile_name);
	ck_assert_str_eq(a->profile_type, b->profile_type);
	ck_assert_str_eq(a->status, b->status);
	ck_assert_str_eq(a->model_ids, b->model_ids);
	ck_assert_str_eq(a->regions, b->regions);
}

static void
check_requests(const struct qrequest *a, const struct qrequest *b)
{
	ck_assert_str_eq(a->request_id, b->request_id);
	ck_assert_str_eq(a->quota_code, b->quota_code);
	ck_assert_str_eq(a->quota_name, b->quota_name);
	opt_num_eq(a->has_desired, a->desired_value, b->has_desired,
	    b->desired_value);
	opt_str_eq(a->request_type, b->request_type);
	opt_str_eq(a->level, b->level);
	opt_str_eq(a->requester, b->requester);
	ck_assert_str_eq(a->status, b->status);
	ck_assert_str_eq(a->case_id, b->case_id);
	ck_assert_str_eq(a->created, b->created);
	ck_assert_str_eq(a->last_updated, b->last_updated);
}

/* "got" holds exactly the rows of "want". */
static void
check_snapshot(const struct snapshot *want, const struct snapshot *got)
{
	size_t	i;

	ck_assert_str_eq(want->region, got->region);
	ck_assert_uint_eq(want->modelsz, got->modelsz);
	for (i = 0; i < want->modelsz; i++)
		check_models(&want->models[i], &got->models[i]);
	ck_assert_uint_eq(want->quotasz, got->quotasz);
	for (i = 0; i < want->quotasz; i++)
		check_quotas(&want->quotas[i], &got->quotas[i]);
	ck_assert_uint_eq(want->profilesz, got->profilesz);
	for (i = 0; i < want->profilesz; i++)
		check_profiles(&want->profiles[i], &got->profiles[i]);
	ck_assert_uint_eq(want->requestsz, got->requestsz);
	for (i = 0; i < want->requestsz; i++)
		check_requests(&want->requests[i], &got->requests[i]);
}

/* A file store, locked, with run 1 begun. */
static struct store *
open_locked(long long *run)
{
	struct store	*st;

	ck_assert_ptr_nonnull(st = store_open(dbpath, STORE_CREATE));
	ck_assert_int_eq(store_lock(st, 0), 0);
	if (run != NULL)
		ck_assert_int_eq(store_run_begin(st, T0, run), 0);
	return st;
}

/* Record "snap" as a complete run started at T0 + n hours. */
static long long
record_run(struct store *st, int n, const struct snapshot *snap)
{
	long long	run;

	ck_assert_int_eq(store_run_begin(st, T0 + n * HOUR, &run), 0);
	ck_assert_int_eq(store_region_ok(st, run, snap, NULL), 0);
	ck_assert_int_eq(store_run_finish(st, run, T0 + n * HOUR + 60,
	    RUN_STATUS_COMPLETE), 0);
	return run;
}

/* notifications ------------------------------------------------------ */

/* At most once per run and target; resends are rows of their own. */
START_TEST(test_notify_once)
{
	struct store	*st;
	struct snapshot	 snap;
	long long	 run, id, id2;
	int		 found;
	char		*v;

	base_snapshot(&snap, "us-east-1");
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	run = record_run(st, 1, &snap);
	ck_assert_int_eq(store_notify_recorded(st, run, "chat", &found), 0);
	ck_assert_int_eq(found, 0);
	ck_assert_int_eq(store_notify_begin(st, run, "chat", "slack", 0,
	    STORE_NOTIFY_SENDING, NULL, T0, &id), 1);
	ck_assert_int_gt(id, 0);
	/* A second attempt of the run's own: refused, nothing written. */
	ck_assert_int_eq(store_notify_begin(st, run, "chat", "slack", 0,
	    STORE_NOTIFY_SENDING, NULL, T0, &id2), 0);
	ck_assert_int_eq(id2, 0);
	ck_assert_int_eq(store_notify_recorded(st, run, "chat", &found), 0);
	ck_assert_int_eq(found, 1);
	/* Interrupted: the view says unknown, and why. */
	v = qtext(st, "SELECT state || '|' || why FROM notifications");
	ck_assert_str_eq(v, "unknown|interrupted while sending: outcome "
	    "unknown, not sent again");
	free(v);
	ck_assert_int_eq(store_notify_finish(st, id, STORE_NOTIFY_FAILED,
	    "HTTP 500 after 2 attempts", T0 + 5), 0);
	/* Finished once: a second finish is refused. */
	stderr_capture_start();
	ck_assert_int_eq(store_notify_finish(st, id, STORE_NOTIFY_SENT, NULL,
	    T0 + 6), -1);
	stderr_expect_one("notification 1: not being sent");
	/* A resend is always written, and may be sent. */
	ck_assert_int_eq(store_notify_begin(st, run, "chat", "slack", 1,
	    STORE_NOTIFY_SENDING, NULL, T0 + 7, &id2), 1);
	ck_assert_int_eq(store_notify_finish(st, id2, STORE_NOTIFY_SENT, NULL,
	    T0 + 8), 0);
	ck_assert_int_eq(store_notify_begin(st, run, "pager", "exec", 0,
	    STORE_NOTIFY_SKIPPED, "below the target's threshold (action)", T0,
	    &id), 1);
	v = qtext(st, "SELECT group_concat(target || ':' || state || ':' ||"
	    " resend || ':' || coalesce(why, '-'), ' / ') FROM notifications");
	ck_assert_str_eq(v, "chat:failed:0:HTTP 500 after 2 attempts / "
	    "chat:sent:1:- / pager:skipped:0:below the target's threshold "
	    "(action)");
	free(v);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM notification WHERE"
	    " finished_at IS NULL"), 0);
	store_close(st);
	snapshot_free(&snap);
}
END_TEST

/* What the table refuses: a bad target name or type; a long reason is cut. */
START_TEST(test_notify_rejected)
{
	struct store	*st;
	struct snapshot	 snap;
	long long	 run, id;
	char		 reason[3000];

	base_snapshot(&snap, "us-east-1");
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	run = record_run(st, 1, &snap);
	stderr_capture_start();
	ck_assert_int_eq(store_notify_begin(st, run, "a b", "slack", 0,
	    STORE_NOTIFY_SENDING, NULL, T0, &id), -1);
	ck_assert_int_eq(store_notify_begin(st, run, "chat", "fax", 0,
	    STORE_NOTIFY_SENDING, NULL, T0, &id), -1);
	ck_assert_int_eq(store_notify_begin(st, run + 1, "chat", "slack", 0,
	    STORE_NOTIFY_SENDING, NULL, T0, &id), -1);
	free(stderr_capture_end());
	memset(reason, 'x', sizeof(reason) - 1);
	reason[sizeof(reason) - 1] = '\0';
	ck_assert_int_eq(store_notify_begin(st, run, "chat", "slack", 0,
	    STORE_NOTIFY_SKIPPED, reason, T0, &id), 1);
	ck_assert_int_eq(qint(st, "SELECT length(reason) FROM notification"),
	    1024);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM notification"), 1);
	store_close(st);
	snapshot_free(&snap);
}
END_TEST

/* migrate ------------------------------------------------------------- */

START_TEST(test_migrate_fresh)
{
	struct store	*st;
	char		*s;
	int		 latest;

	latest = schema_migrations[schema_migrationsz - 1].version;
	ck_assert_ptr_nonnull(st = store_open(dbpath, STORE_CREATE));
	ck_assert_int_eq(qint(st, "PRAGMA user_version"), latest);
	ck_assert_int_eq(qint(st, "PRAGMA application_id"), 1113866613);
	ck_assert_int_eq(qint(st, "PRAGMA foreign_keys"), 1);
	ck_assert_int_eq(qint(st, "PRAGMA busy_timeout"),
	    STORE_BUSY_TIMEOUT_MS);
	s = qtext(st, "PRAGMA journal_mode");
	ck_assert_str_eq(s, "wal");
	free(s);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM sqlite_schema"
	    " WHERE name IN ('run', 'region_run', 'model_state',"
	    " 'quota_state', 'profile_state', 'quota_request_state',"
	    " 'change_log', 'models_now', 'changes')"), 9);
	store_close(st);
	/* Reopening migrates nothing and keeps the data. */
	ck_assert_ptr_nonnull(st = store_open(dbpath, 0));
	ck_assert_int_eq(qint(st, "PRAGMA user_version"), latest);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM change_kinds"),
	    CHANGE__COUNT);
	store_close(st);
	ck_assert_ptr_nonnull(st = store_open(dbpath, STORE_RDONLY));
	store_close(st);
}
END_TEST

/*
 * A database as a program of schema version _i left it (0: an empty
 * file) is migrated to the latest version, keeping its data.
 */
START_TEST(test_migrate_from_every_version)
{
	struct store	*st;
	struct snapshot	 snap;
	sqlite3		*db;
	char		 sql[64];
	int		 k;

	ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
	for (k = 0; k < _i; k++) {
		qexec(db, schema_migrations[k].sql);
		(void)snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
		    schema_migrations[k].version);
		qexec(db, sql);
	}
	if (_i > 0)
		qexec(db, "INSERT INTO run (started_at, status) VALUES"
		    " ('2025-01-01T00:00:00Z', 'complete')");
	ck_assert_int_eq(sqlite3_close(db), SQLITE_OK);
	ck_assert_ptr_nonnull(st = store_open(dbpath, 0));
	ck_assert_int_eq(qint(st, "PRAGMA user_version"),
	    schema_migrations[schema_migrationsz - 1].version);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM runs"), _i > 0);
	base_snapshot(&snap, "us-east-1");
	ck_assert_int_eq(record_run(st, 1, &snap), 1 + (_i > 0));
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM models_now"), 3);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

/*
 * A new database file at the version just before the migration whose
 * name contains "name": its rows are then written as that version did,
 * and db_at_close() closes it at that version for store_open() to
 * migrate.
 */
static sqlite3 *
db_before(const char *name, size_t *n)
{
	sqlite3	*db;
	size_t	 k;

	for (*n = 0; *n < schema_migrationsz &&
	    strstr(schema_migrations[*n].name, name) == NULL; (*n)++)
		;
	ck_assert_uint_lt(*n, schema_migrationsz);
	ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
	for (k = 0; k < *n; k++)
		qexec(db, schema_migrations[k].sql);
	return db;
}

static void
db_at_close(sqlite3 *db, size_t n)
{
	char	sql[64];

	(void)snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
	    schema_migrations[n - 1].version);
	qexec(db, sql);
	ck_assert_int_eq(sqlite3_close(db), SQLITE_OK);
}

/*
 * Notifications recorded before they were per account (0005) migrate to
 * their run's account, and the key (run, account, target) then lets a
 * second account of the same run be told once too.
 */
START_TEST(test_migrate_notification_account)
{
	struct store	*st;
	sqlite3		*db;
	long long	 id;
	size_t		 n;

	db = db_before("notify-account", &n);
	qexec(db, "INSERT INTO run (started_at, finished_at, status,"
	    " account_id) VALUES ('2025-01-01T00:00:00Z',"
	    " '2025-01-01T00:01:00Z', 'complete', '111111111111');"
	    "INSERT INTO notification (run_id, target, type, resend, state,"
	    " reason, started_at, finished_at) VALUES (1, 'hook', 'exec', 0,"
	    " 'sent', NULL, '2025-01-01T00:02:00Z', '2025-01-01T00:02:01Z'),"
	    " (1, 'chat', 'slack', 0, 'sending', NULL,"
	    " '2025-01-01T00:02:00Z', NULL)");
	db_at_close(db, n);
	st = open_locked(NULL);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM notifications"
	    " WHERE run = 1 AND account = '111111111111'"), 2);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM notifications"
	    " WHERE target = 'chat' AND state = 'unknown'"), 1);
	/* The first account was told; a second one of the run is not yet. */
	ck_assert_int_eq(store_set_account(st, "111111111111"), 0);
	ck_assert_int_eq(store_notify_begin(st, 1, "hook", "exec", 0,
	    STORE_NOTIFY_SENDING, NULL, 1735689600, &id), 0);
	ck_assert_int_eq(store_set_account(st, "222222222222"), 0);
	ck_assert_int_eq(store_notify_begin(st, 1, "hook", "exec", 0,
	    STORE_NOTIFY_SENDING, NULL, 1735689600, &id), 1);
	ck_assert_int_eq(store_notify_begin(st, 1, "hook", "exec", 0,
	    STORE_NOTIFY_SENDING, NULL, 1735689600, &id), 0);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	store_close(st);
}
END_TEST

/*
 * A failed account of a version before 0013 migrates with external_id
 * NULL: whether its AssumeRole sent an external ID is not known, and the
 * store says so rather than "none was sent".
 */
START_TEST(test_migrate_external_id_unknown)
{
	struct store			*st;
	struct store_account_row	*v = NULL;
	sqlite3				*db;
	size_t				 n, rows = 0;

	db = db_before("external-id", &n);
	qexec(db, "INSERT INTO run (started_at, finished_at, status,"
	    " account_id) VALUES ('2025-01-01T00:00:00Z',"
	    " '2025-01-01T00:01:00Z', 'failed', '111111111111');"
	    "INSERT INTO run_account (run_id, account_id, status, operation,"
	    " error_code, error_message) VALUES (1, '222222222222', 'failed',"
	    " 'AssumeRole', 'AccessDenied', 'not authorized')");
	db_at_close(db, n);
	st = open_locked(NULL);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM run_accounts"
	    " WHERE external_id IS NULL AND error_code = 'AccessDenied'"), 1);
	ck_assert_int_eq(store_run_accounts_get(st, 1, &v, &rows), 0);
	ck_assert_uint_eq(rows, 1);
	ck_assert_int_eq(v[0].external_id, EXTERNAL_ID_UNKNOWN);
	store_account_rows_free(v, rows);
	/* A value other than 0 or 1 is refused. */
	ck_assert_int_ne(sqlite3_exec(store_sqlite(st), "UPDATE run_account SET"
	    " external_id = 2", NULL, NULL, NULL), SQLITE_OK);
	store_close(st);
}
END_TEST

/*
 * A database written by version 2 (before the reply facts) migrates in
 * place: every state row and change keeps its runs, quotas become
 * account-level rows without a context, the new columns are NULL, and
 * the next run that sees the same values adds no quota row.
 */
START_TEST(test_migrate_keeps_history)
{
	struct store	*st;
	struct snapshot	 snap, cur;
	sqlite3		*db;
	long long	 run;
	int		 k, found;

	ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
	for (k = 0; k < 2; k++)
		qexec(db, schema_migrations[k].sql);
	qexec(db, "PRAGMA user_version = 2;"
	    "INSERT INTO run (started_at, finished_at, status) VALUES"
	    " ('2025-01-01T00:00:00Z', '2025-01-01T00:01:00Z', 'complete'),"
	    " ('2025-01-02T00:00:00Z', '2025-01-02T00:01:00Z', 'complete');"
	    "INSERT INTO region_run (run_id, region, status) VALUES"
	    " (1, 'us-east-1', 'ok'), (2, 'us-east-1', 'ok');"
	    "INSERT INTO quota_state VALUES"
	    " ('us-east-1', 'L-00000001', 'Q', 5, 10, 'None', 1, 0, 1, 2),"
	    " ('us-east-1', 'L-00000001', 'Q', 7, 10, 'None', 1, 0, 2, NULL);"
	    "INSERT INTO quota_request_state VALUES ('us-east-1', 'req-1',"
	    " 'L-00000001', 'Q', 250000, 'PENDING', '', '', '', 1, NULL);"
	    "INSERT INTO change_log (run_id, region, first_run, kind, subject,"
	    " subject_name, old_value, new_value, old_applied, new_applied,"
	    " new_default, applied_followed, adjustable, entitlement,"
	    " quota_code, desired_value, path, severity, alt_regions,"
	    " alt_profiles) VALUES (2, 'us-east-1', 2, 'quota_value_changed',"
	    " 'L-00000001', 'Q', '5', '7', '5', '7', '10', 0, 1, '', '', '',"
	    " 'info', 'info', '', '')");
	ck_assert_int_eq(sqlite3_close(db), SQLITE_OK);
	st = open_locked(NULL);
	ck_assert_int_eq(qint(st, "PRAGMA user_version"),
	    schema_migrations[schema_migrationsz - 1].version);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quotas_history"
	    " WHERE quota_code = 'L-00000001' AND applied_at_level = 'ACCOUNT'"
	    " AND context_scope = '' AND context_id = ''"
	    " AND period_value IS NULL AND error_code IS NULL"), 2);
	ck_assert_int_eq(qint(st, "SELECT applied_value FROM quotas_now"), 7);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quotas_now"
	    " WHERE first_seen = '2025-01-01T00:00:00Z'"), 1);
	ck_assert_int_eq(qint(st, "SELECT desired_value FROM"
	    " quota_requests_now WHERE request_type IS NULL"), 250000);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM changes"
	    " WHERE field = '' AND applied_unknown = 0 AND new_value = '7'"
	    " AND applied_at_level = '' AND context_id = ''"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	/* The stored state reads back with the key parts of 0003. */
	ck_assert_int_eq(store_load_current(st, "us-east-1", &cur, &found),
	    0);
	ck_assert(found && cur.quotasz == 1);
	ck_assert_str_eq(cur.quotas[0].level, "ACCOUNT");
	ck_assert_str_eq(cur.quotas[0].context_id, "");
	snapshot_free(&cur);
	/* The same quota collected again: no new row, only the request. */
	memset(&snap, 0, sizeof(snap));
	snap.region = xstrdup("us-east-1");
	quota(&snap, "L-00000001", 1, 7, 1, 10);
	free(snap.quotas[0].quota_name);
	snap.quotas[0].quota_name = xstrdup("Q");
	snap.quotas[0].global_quota = 0;
	run = record_run(st, 3, &snap);
	ck_assert_int_eq(run, 3);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quota_state"), 2);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quota_request_state"
	    " WHERE until_run = 3"), 1);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

/*
 * A database written by version 3 (before partial regions) migrates in
 * place: region rows keep their status and error, a failed region's
 * error becomes its one counted failure, nothing is unknown, and the
 * rows of the newest ok run are confirmed by it.
 */
START_TEST(test_migrate_partial_regions)
{
	struct store	*st;
	sqlite3		*db;
	int		 k;

	ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
	for (k = 0; k < 3; k++)
		qexec(db, schema_migrations[k].sql);
	qexec(db, "PRAGMA user_version = 3;"
	    "INSERT INTO run (started_at, finished_at, status) VALUES"
	    " ('2025-01-01T00:00:00Z', '2025-01-01T00:01:00Z', 'complete'),"
	    " ('2025-01-02T00:00:00Z', '2025-01-02T00:01:00Z', 'partial');"
	    "INSERT INTO region_run (run_id, region, status, operation,"
	    " http_status, error_code, error_message) VALUES"
	    " (1, 'us-east-1', 'ok', NULL, NULL, NULL, NULL),"
	    " (1, 'eu-west-1', 'ok', NULL, NULL, NULL, NULL),"
	    " (2, 'us-east-1', 'ok', NULL, NULL, NULL, NULL),"
	    " (2, 'eu-west-1', 'failed', 'ListServiceQuotas', 403,"
	    " 'AccessDeniedException', 'denied');"
	    "INSERT INTO model_state (region, model_id, model_name, provider,"
	    " lifecycle_status, inference_types, authorization_status,"
	    " entitlement_availability, agreement_status, region_availability,"
	    " since_run) VALUES ('us-east-1', 'a.b-v1', 'B', 'A', 'ACTIVE',"
	    " 'ON_DEMAND', 'AUTHORIZED', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE',"
	    " 1), ('eu-west-1', 'a.b-v1', 'B', 'A', 'ACTIVE', 'ON_DEMAND',"
	    " 'AUTHORIZED', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE', 1);"
	    "INSERT INTO change_log (run_id, region, first_run, kind, subject,"
	    " subject_name, old_value, new_value, old_applied, new_applied,"
	    " new_default, applied_followed, adjustable, entitlement,"
	    " quota_code, desired_value, path, severity, alt_regions,"
	    " alt_profiles) VALUES (2, 'us-east-1', 2, 'access_lost',"
	    " 'a.b-v1', 'B', 'AUTHORIZED', 'NOT_AUTHORIZED', '', '', '', 0,"
	    " NULL, '', '', '', 'P1', 'action', '', '')");
	ck_assert_int_eq(sqlite3_close(db), SQLITE_OK);
	st = open_locked(NULL);
	ck_assert_int_eq(qint(st, "PRAGMA user_version"),
	    schema_migrations[schema_migrationsz - 1].version);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_runs"
	    " WHERE unknown_count = 0"), 4);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_runs"
	    " WHERE status = 'failed' AND error_code = 'AccessDeniedException'"
	    " AND http_status = 403 AND failed_calls = 1"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_run_failures"
	    " WHERE run_id = 2 AND region = 'eu-west-1' AND rank = 0"
	    " AND operation = 'ListServiceQuotas' AND count = 1"), 1);
	ck_assert_int_eq(qint(st, "SELECT regions_ok FROM runs"
	    " WHERE run_id = 2"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM changes"), 1);
	/* us-east-1's row confirmed by run 2, eu-west-1's only by run 1. */
	ck_assert_int_eq(qint(st, "SELECT confirmed_run FROM models_now"
	    " WHERE region = 'us-east-1' AND confirmed = 1"), 2);
	ck_assert_int_eq(qint(st, "SELECT confirmed_run FROM models_now"
	    " WHERE region = 'eu-west-1' AND confirmed = 0"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_run_unknown"),
	    0);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM"
	    " pragma_foreign_key_check"), 0);
	/* The new statuses are accepted, an unknown one is not. */
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_run"
	    " WHERE status IN ('partial', 'not_enabled')"), 0);
	store_close(st);
}
END_TEST

/* The rows of usage_daily ("where"), and of quota_usage, as one text. */
#define USAGE_ROWS(where) "SELECT group_concat(r, char(10)) FROM" \
	" (SELECT printf('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s'," \
	" account_id, region, model_id, metric, day, sum, peak, peak_at," \
	" p95, minutes, active, first_run, last_run) AS r FROM usage_daily" \
	" WHERE " where " ORDER BY account_id, region, model_id, metric," \
	" day)"
#define QUOTA_ROWS	"SELECT group_concat(r, char(10)) FROM" \
	" (SELECT printf('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s'," \
	" account_id, region, quota_code, metric, day, peak, peak_at, p95," \
	" sum, percent, throttled_minutes, first_run) AS r FROM quota_usage" \
	" ORDER BY account_id, region, quota_code, day)"

/*
 * A database of version 9 (0006's usage_day: a row per metric and day)
 * migrates to the packed rows of 0010 row for row: usage_daily and
 * quota_usage read the same rows before and after, with a fractional
 * and a huge sum, a day every minute of which was 0, a metric that read
 * fewer minutes than the others, and two accounts.  The runs of a day
 * are the day's: a metric first read by a later run takes the day's
 * first run.
 */
START_TEST(test_migrate_usage_packed)
{
	struct store	*st;
	sqlite3		*db;
	char		*daily, *quota, *s, sql[64];
	int		 k;

	ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
	for (k = 0; (size_t)k < schema_migrationsz &&
	    schema_migrations[k].version <= 9; k++) {
		qexec(db, schema_migrations[k].sql);
		(void)snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
		    schema_migrations[k].version);
		qexec(db, sql);
	}
	qexec(db, "INSERT INTO run (started_at, finished_at, status,"
	    " account_id) VALUES"
	    " ('2025-12-01T06:00:00Z', '2025-12-01T06:01:00Z', 'complete',"
	    " '123456789012'),"
	    " ('2025-12-02T06:00:00Z', '2025-12-02T06:01:00Z', 'complete',"
	    " '123456789012');"
	    "INSERT INTO region_run (run_id, account_id, region, status)"
	    " VALUES (1, '123456789012', 'us-east-1', 'ok'),"
	    " (2, '123456789012', 'us-east-1', 'ok');"
	    "INSERT INTO quota_state (account_id, region, quota_code,"
	    " applied_at_level, context_scope, context_id, quota_name,"
	    " applied_value, default_value, unit, adjustable, global_quota,"
	    " since_run) VALUES ('123456789012', 'us-east-1', 'L-1',"
	    " 'ACCOUNT', '', '', 'Q', 200, 200, 'None', 1, 0, 1);"
	    "INSERT INTO usage_quota_map (account_id, region, quota_code,"
	    " mapping, rate, model_id, metric, approximate, run_id) VALUES"
	    " ('123456789012', 'us-east-1', 'L-1', 'mapped',"
	    " 'tokens_per_minute', 'a.b', 'TokensInputPlusOutput', 1, 2);"
	    "INSERT INTO usage_day VALUES"
	    " ('123456789012', 'us-east-1', 'a.b', 'Invocations',"
	    " '2025-11-30', 90, 45, '2025-11-30T11:53:00Z', 35, 1440, 5, 1,"
	    " 2),"
	    " ('123456789012', 'us-east-1', 'a.b', 'InvocationThrottles',"
	    " '2025-11-30', 0, 0, NULL, 0, 1440, 0, 1, 2),"
	    " ('123456789012', 'us-east-1', 'a.b', 'TokensInputPlusOutput',"
	    " '2025-11-30', 2.5, 1.25, '2025-11-30T00:00:00Z', 0.5, 1380, 2,"
	    " 1, 2),"
	    " ('123456789012', 'us-east-1', 'a.b', 'TokensInputPlusOutput',"
	    " '2025-12-01', 1e19, 9007199254740992.0,"
	    " '2025-12-01T23:59:00Z', 1e15, 360, 360, 2, 2),"
	    " ('123456789012', 'us-east-1', 'a.b', 'InvocationThrottles',"
	    " '2025-12-01', 3, 2, '2025-12-01T05:00:00Z', 0, 360, 2, 2, 2),"
	    " ('123456789012', 'eu-west-1', 'a.b', 'Invocations',"
	    " '2025-11-30', 7, 7, '2025-11-30T01:00:00Z', 0, 1440, 1, 1, 1),"
	    " ('210987654321', 'us-east-1', 'a.b', 'Invocations',"
	    " '2025-11-30', 1, 1, '2025-11-30T02:00:00Z', 0, 1440, 1, 1, 1),"
	    " ('210987654321', 'us-east-1', 'a.b', 'EstimatedTPMQuotaUsage',"
	    " '2025-11-30', 4, 4, '2025-11-30T02:00:00Z', 0, 1440, 1, 2, 2)");
	daily = dbtext(db, USAGE_ROWS("account_id = '123456789012'"));
	quota = dbtext(db, QUOTA_ROWS);
	ck_assert_int_eq(sqlite3_close(db), SQLITE_OK);
	st = open_locked(NULL);
	ck_assert_int_eq(qint(st, "PRAGMA user_version"),
	    schema_migrations[schema_migrationsz - 1].version);
	/* The day's runs are each metric's (1-1 and 2-2 before). */
	s = qtext(st, USAGE_ROWS("account_id = '210987654321'"));
	ck_assert_str_eq(s, "210987654321|us-east-1|a.b|EstimatedTPMQuotaUsage"
	    "|2025-11-30|4.0|4.0|2025-11-30T02:00:00Z|0.0|1440|1|1|2\n"
	    "210987654321|us-east-1|a.b|Invocations|2025-11-30|1.0|1.0|"
	    "2025-11-30T02:00:00Z|0.0|1440|1|1|2");
	free(s);
	s = qtext(st, USAGE_ROWS("account_id = '123456789012'"));
	ck_assert_str_eq(s, daily);
	free(s);
	s = qtext(st, QUOTA_ROWS);
	ck_assert_str_eq(s, quota);
	ck_assert_ptr_nonnull(strstr(s, "|1.0e+19|"));
	free(s);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM usage_series"), 3);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM usage_day"), 4);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM usage_day"
	    " WHERE io_minutes = 1380 AND minutes = 1440"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM"
	    " pragma_foreign_key_check"), 0);
	free(daily);
	free(quota);
	store_close(st);
}
END_TEST

/*
 * A partial region in the views: the model whose access is unknown and
 * the quotas whose list failed are current but not confirmed; the other
 * model is.
 */
START_TEST(test_partial_region_views)
{
	struct store		*st;
	struct snapshot		 snap;
	struct store_outcome	 o;
	struct region_failure	 f[2];
	char			*models[1];
	long long		 run;

	memset(&snap, 0, sizeof(snap));
	snap.region = xstrdup("us-east-1");
	model(&snap, "a.one-v1", "AUTHORIZED");
	model(&snap, "a.two-v1", "AUTHORIZED");
	quota(&snap, "L-00000001", 1, 7, 1, 10);
	snapshot_sort(&snap);
	st = open_locked(NULL);
	(void)record_run(st, 0, &snap);
	ck_assert_int_eq(store_run_begin(st, T0 + HOUR, &run), 0);
	memset(&o, 0, sizeof(o));
	memset(f, 0, sizeof(f));
	f[0].operation = "GetFoundationModelAvailability";
	f[0].http_status = 403;
	f[0].error_code = (char *)"AccessDeniedException";
	f[0].error_message = (char *)"denied";
	f[0].count = 1;
	f[1].operation = "ListServiceQuotas";
	f[1].http_status = 500;
	f[1].error_message = (char *)"";
	f[1].count = 3;
	models[0] = (char *)"a.one-v1";
	o.status = REGION_STATUS_PARTIAL;
	o.failures = f;
	o.failuresz = 2;
	o.unknown = REGION_PART_BIT(REGION_PART_QUOTAS);
	o.models = models;
	o.modelsz = 1;
	ck_assert_int_eq(store_region_partial(st, run, &snap, NULL, &o), 0);
	ck_assert_int_eq(store_run_finish(st, run, T0 + HOUR + 60,
	    RUN_STATUS_PARTIAL), 0);
	ck_assert_int_eq(qint(st, "SELECT unknown_count FROM region_runs"
	    " WHERE run_id = 2"), 2);
	ck_assert_int_eq(qint(st, "SELECT failed_calls FROM region_runs"
	    " WHERE run_id = 2 AND status = 'partial'"
	    " AND operation = 'GetFoundationModelAvailability'"), 4);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_run_failures"
	    " WHERE run_id = 2 AND rank = 1 AND error_code IS NULL"
	    " AND http_status = 500"), 1);
	ck_assert_int_eq(qint(st, "SELECT confirmed FROM models_now"
	    " WHERE model_id = 'a.one-v1'"), 0);
	ck_assert_int_eq(qint(st, "SELECT confirmed_run FROM models_now"
	    " WHERE model_id = 'a.one-v1'"), 1);
	ck_assert_int_eq(qint(st, "SELECT confirmed FROM models_now"
	    " WHERE model_id = 'a.two-v1'"), 1);
	ck_assert_int_eq(qint(st, "SELECT confirmed FROM quotas_now"), 0);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM regions_now"
	    " WHERE last_status = 'partial' AND last_ok_run = 2"), 1);
	/* Not a partial outcome: refused. */
	o.status = REGION_STATUS_OK;
	stderr_capture_start();
	ck_assert_int_eq(store_region_partial(st, run, &snap, NULL, &o), -1);
	stderr_expect_one("not a partial region");
	store_close(st);
	snapshot_free(&snap);
}
END_TEST

/*
 * The facts of real replies survive the store: NULL stays NULL and ""
 * stays "" (a date or message absent vs sent empty), one code is kept
 * at two levels, an ErrorReason row keeps its unknown value, and a
 * request without a DesiredValue stores NULL.
 */
START_TEST(test_reply_facts_roundtrip)
{
	struct store	*st;
	struct snapshot	 snap, got;
	int		 found;

	base_snapshot(&snap, "us-east-1");
	reply_facts(&snap);
	snapshot_sort(&snap);
	st = open_locked(NULL);
	(void)record_run(st, 0, &snap);
	ck_assert_int_eq(store_load_current(st, "us-east-1", &got, &found),
	    0);
	ck_assert(found);
	check_snapshot(&snap, &got);
	snapshot_free(&got);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quotas_now"
	    " WHERE quota_code = 'L-00000002'"), 2);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quotas_now"
	    " WHERE error_code = 'DEPENDENCY_ACCESS_DENIED_ERROR'"
	    " AND applied_value IS NULL AND error_message = 'denied'"), 1);
	ck_assert_int_eq(qint(st, "SELECT applied_value FROM quotas_now"
	    " WHERE quota_code = 'L-T0000007'"), 51957100000LL);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quotas_now"
	    " WHERE period_value = 1 AND period_unit = 'MINUTE'"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM models_now"
	    " WHERE end_of_life_time IS NULL"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM models_now"
	    " WHERE end_of_life_time = ''"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM models_now WHERE"
	    " agreement_message = 'Offer <b>expired</b>' || char(10)"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quota_requests_now"
	    " WHERE desired_value IS NULL AND request_type = ''"), 1);
	/* Unchanged: no row added; one field moved: one row replaced. */
	(void)record_run(st, 1, &snap);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quota_state"), 8);
	free(snap.models[0].end_of_life);
	snap.models[0].end_of_life = NULL;
	(void)record_run(st, 2, &snap);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM model_state"), 4);
	store_close(st);
	snapshot_free(&snap);
}
END_TEST

START_TEST(test_migrate_memory)
{
	struct store	*st;
	long long	 run;

	ck_assert_ptr_nonnull(st = store_open(":memory:", STORE_CREATE));
	ck_assert_int_eq(qint(st, "PRAGMA user_version"),
	    schema_migrations[schema_migrationsz - 1].version);
	ck_assert_int_eq(store_lock(st, 0), 0);
	ck_assert_int_eq(store_run_begin(st, T0, &run), 0);
	ck_assert_int_eq(run, 1);
	store_close(st);
	store_close(NULL);
}
END_TEST

/* store_open("path", "flags") fails, and says "want". */
static void
open_fails(const char *path, int flags, const char *want)
{
	struct store	*st;
	char		*msg;

	stderr_capture_start();
	st = store_open(path, flags);
	msg = stderr_capture_end();
	ck_assert_ptr_null(st);
	ck_assert_msg(strstr(msg, want) != NULL, "%s: %s", want, msg);
	free(msg);
}

START_TEST(test_refuse_newer)
{
	struct store	*st;
	char		 want[256];

	ck_assert_ptr_nonnull(st = store_open(dbpath, STORE_CREATE));
	qexec(store_sqlite(st), "PRAGMA user_version = 99");
	store_close(st);
	(void)snprintf(want, sizeof(want), "%s: database schema version 99 "
	    "is newer than this program (%d); upgrade bedrock-audit\n",
	    dbpath, schema_migrations[schema_migrationsz - 1].version);
	open_fails(dbpath, STORE_CREATE, want);
	open_fails(dbpath, STORE_RDONLY, "is newer than this program");
}
END_TEST

START_TEST(test_refuse_foreign)
{
	sqlite3		*db;

	ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
	qexec(db, "CREATE TABLE mine (x)");
	ck_assert_int_eq(sqlite3_close(db), SQLITE_OK);
	open_fails(dbpath, STORE_CREATE, "not a bedrock-audit database");
}
END_TEST

START_TEST(test_refuse_rdonly)
{
	struct store	*st;
	char		*msg;
	int		 fd;

	stderr_capture_start();
	st = store_open(dbpath, STORE_RDONLY);		/* missing */
	ck_assert_ptr_null(st);
	st = store_open(dbpath, 0);			/* no STORE_CREATE */
	ck_assert_ptr_null(st);
	st = store_open(dbpath, STORE_RDONLY | STORE_CREATE);
	ck_assert_ptr_null(st);
	ck_assert_int_ge(fd = open(dbpath, O_CREAT | O_WRONLY, 0600), 0);
	(void)close(fd);
	st = store_open(dbpath, STORE_RDONLY);		/* empty file */
	msg = stderr_capture_end();
	ck_assert_ptr_null(st);
	ck_assert_ptr_nonnull(strstr(msg, "database is empty"));
	ck_assert_ptr_nonnull(strstr(msg, "cannot create a database "
	    "read-only"));
	free(msg);
}
END_TEST

/*
 * Only a regular file is a database: a FIFO would block the open, and
 * a device such as /dev/null was accepted and got a "-journal" beside
 * it.  Refused before SQLite opens anything, in every mode.
 */
START_TEST(test_refuse_not_regular)
{
	struct stat	 sb;
	char		 p[256];

	ck_assert_int_eq(mkfifo(dbpath, 0600), 0);
	open_fails(dbpath, STORE_CREATE, "audit.db: not a regular file");
	open_fails(dbpath, 0, "audit.db: not a regular file");
	open_fails(dbpath, STORE_RDONLY, "audit.db: not a regular file");
	ck_assert_int_eq(stat(dbpath, &sb), 0);
	ck_assert(S_ISFIFO(sb.st_mode));
	(void)snprintf(p, sizeof(p), "%s-journal", dbpath);
	ck_assert_int_eq(stat(p, &sb), -1);
	(void)snprintf(p, sizeof(p), "%s-wal", dbpath);
	ck_assert_int_eq(stat(p, &sb), -1);

	open_fails(tmpdir, STORE_CREATE, "not a regular file");
}
END_TEST

START_TEST(test_file_modes)
{
	struct store	*st;
	struct stat	 sb;
	char		 p[256];
	long long	 run;
	mode_t		 old;

	/* With umask 0 the modes come from the store alone. */
	old = umask(0);
	st = open_locked(&run);
	(void)umask(old);
	ck_assert_int_eq(stat(dbpath, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	(void)snprintf(p, sizeof(p), "%s-wal", dbpath);
	ck_assert_int_eq(stat(p, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	(void)snprintf(p, sizeof(p), "%s.lock", dbpath);
	ck_assert_int_eq(stat(p, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	store_close(st);
}
END_TEST

/* roundtrip ----------------------------------------------------------- */

START_TEST(test_roundtrip)
{
	struct store	*st;
	struct snapshot	 want, got;
	long long	 run;
	size_t		 i;
	int		 found;

	base_snapshot(&want, "us-east-1");
	st = open_locked(&run);
	ck_assert_int_eq(store_region_ok(st, run, &want, NULL), 0);
	ck_assert_int_eq(store_load_current(st, "us-east-1", &got, &found),
	    0);
	ck_assert_int_eq(found, 1);
	check_snapshot(&want, &got);
	for (i = 0; i < got.modelsz; i++)
		ck_assert_int_eq(got.models[i].first_run, run);
	for (i = 0; i < got.quotasz; i++)
		ck_assert_int_eq(got.quotas[i].first_run, run);
	ck_assert_int_eq(got.profiles[0].first_run, run);
	ck_assert_int_eq(got.requests[1].first_run, run);
	/* NULL applied value vs an applied 0, in SQL too. */
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quotas_now"
	    " WHERE applied_value IS NULL"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quotas_now"
	    " WHERE applied_value = 0"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quotas_now"
	    " WHERE default_value IS NULL AND quota_code = 'L-Z0000004'"), 1);
	ck_assert_int_eq(qint(st, "SELECT applied_value = 1e10 FROM quotas_now"
	    " WHERE quota_code = 'L-G0000003'"), 1);
	snapshot_free(&got);
	/* Unknown regions are not found and come back empty. */
	ck_assert_int_eq(store_load_current(st, "eu-west-1", &got, &found),
	    0);
	ck_assert_int_eq(found, 0);
	ck_assert_uint_eq(got.modelsz + got.quotasz, 0);
	snapshot_free(&got);
	snapshot_free(&want);
	store_close(st);
}
END_TEST

/* accounts ------------------------------------------------------------ */

/*
 * Two accounts' state of one region in one run: each scope reads back
 * its own, changes and region rows are the scope's, the same model in
 * both is two rows, and the accounts are listed.
 */
START_TEST(test_account_scopes)
{
	struct store			*st;
	struct snapshot			 a, b, got;
	struct store_run_account	 ra;
	struct store_region_run		*rr = NULL;
	size_t				 rrn = 0, n = 0;
	char				**acc = NULL;
	long long			 run;
	int				 found;

	base_snapshot(&a, "us-east-1");
	base_snapshot(&b, "us-east-1");
	free(b.models[0].authorization);
	b.models[0].authorization = xstrdup("NOT_AUTHORIZED");
	st = open_locked(&run);
	ck_assert_int_eq(store_set_account(st, "111111111111"), 0);
	ck_assert_str_eq(store_account(st), "111111111111");
	ck_assert_int_eq(store_region_ok(st, run, &a, NULL), 0);
	ck_assert_int_eq(store_set_account(st, "222222222222"), 0);
	ck_assert_int_eq(store_region_ok(st, run, &b, NULL), 0);
	ck_assert_int_eq(store_region_failed(st, run, "eu-west-1",
	    "ListFoundationModels", 500, "X", "m"), 0);
	/* Each scope reads its own state. */
	ck_assert_int_eq(store_load_current(st, "us-east-1", &got, &found),
	    0);
	ck_assert_str_eq(got.models[0].authorization,
	    "NOT_AUTHORIZED");
	snapshot_free(&got);
	ck_assert_int_eq(store_region_runs(st, run, &rr, &rrn), 0);
	ck_assert_uint_eq(rrn, 2);
	store_region_runs_free(rr, rrn);
	ck_assert_int_eq(store_set_account(st, "111111111111"), 0);
	ck_assert_int_eq(store_load_current(st, "us-east-1", &got, &found),
	    0);
	ck_assert_int_eq(found, 1);
	check_snapshot(&a, &got);
	snapshot_free(&got);
	ck_assert_int_eq(store_region_runs(st, run, &rr, &rrn), 0);
	ck_assert_uint_eq(rrn, 1);
	store_region_runs_free(rr, rrn);
	ck_assert_int_eq(store_load_current(st, "eu-west-1", &got, &found),
	    0);
	ck_assert_int_eq(found, 0);
	snapshot_free(&got);
	/* The scope "" (no account yet) sees neither. */
	ck_assert_int_eq(store_set_account(st, ""), 0);
	ck_assert_int_eq(store_load_current(st, "us-east-1", &got, &found),
	    0);
	ck_assert_int_eq(found, 0);
	snapshot_free(&got);
	ck_assert_int_eq(qint(st, "SELECT count(DISTINCT account_id) FROM"
	    " models_now WHERE model_id = (SELECT min(model_id) FROM"
	    " models_now)"), 2);
	/* Bad accounts are refused and keep the scope. */
	ck_assert_int_eq(store_set_account(st, "1111"), -1);
	ck_assert_int_eq(store_set_account(st, "11111111111a"), -1);
	ck_assert_int_eq(store_set_account(st, "1111111111111"), -1);
	ck_assert_str_eq(store_account(st), "");
	/* run_account, and the accounts the database records. */
	memset(&ra, 0, sizeof(ra));
	ra.account_id = "333333333333";
	ra.status = ACCOUNT_STATUS_FAILED;
	ra.operation = "AssumeRole";
	ra.error_code = "AccessDenied";
	ra.error_message = "no";
	ck_assert_int_eq(store_run_account(st, run, &ra), 0);
	ra.account_id = "12";
	ck_assert_int_eq(store_run_account(st, run, &ra), -1);
	ck_assert_int_eq(store_accounts(st, &acc, &n), 0);
	ck_assert_uint_eq(n, 2);	/* a failed account records nothing */
	ck_assert_str_eq(acc[0], "111111111111");
	ck_assert_str_eq(acc[1], "222222222222");
	store_accounts_free(acc, n);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM run_accounts"
	    " WHERE status = 'failed' AND error_code = 'AccessDenied'"), 1);
	snapshot_free(&a);
	snapshot_free(&b);
	store_close(st);
}
END_TEST

/*
 * The run_account rows of a run read back in account order with their
 * failure, and whether an account was collected by some run of a range
 * (the baseline range: the run itself).
 */
/*
 * Why a run collected nothing is kept with it, read back as written; a
 * message past the column's bytes is cut before a UTF-8 sequence, never
 * inside one; a run without a failure recorded has none.
 */
START_TEST(test_run_failure)
{
	struct store			*st;
	struct store_run_failure	 f;
	char				 big[STORE_MAX_FAILURE_MESSAGE + 8];
	long long			 r1, r2;
	int				 found;

	st = open_locked(&r1);
	ck_assert_int_eq(store_run_failure_put(st, r1, "GetCallerIdentity",
	    403, "ExpiredToken", "The security token \x1b expired"), 0);
	ck_assert_int_eq(store_run_finish(st, r1, T0 + 60, RUN_STATUS_FAILED),
	    0);
	ck_assert_int_eq(store_run_failure_get(st, r1, &f, &found), 0);
	ck_assert_int_eq(found, 1);
	ck_assert_str_eq(f.operation, "GetCallerIdentity");
	ck_assert_int_eq(f.http_status, 403);
	ck_assert_str_eq(f.error_code, "ExpiredToken");
	ck_assert_str_eq(f.error_message, "The security token \x1b expired");
	store_run_failure_free(&f);

	/* "é" (2 bytes) straddling the limit: cut before it. */
	memset(big, 'a', sizeof(big));
	big[STORE_MAX_FAILURE_MESSAGE - 1] = '\xc3';
	big[STORE_MAX_FAILURE_MESSAGE] = '\xa9';
	big[sizeof(big) - 1] = '\0';
	ck_assert_int_eq(store_run_begin(st, T0 + HOUR, &r2), 0);
	ck_assert_int_eq(store_run_failure_put(st, r2, RUN_STEP_CREDENTIALS,
	    0, NULL, big), 0);
	ck_assert_int_eq(store_run_failure_get(st, r2, &f, &found), 0);
	ck_assert_int_eq(found, 1);
	ck_assert_uint_eq(strlen(f.error_message),
	    STORE_MAX_FAILURE_MESSAGE - 1);
	ck_assert_str_eq(f.error_code, "");
	ck_assert_int_eq(f.http_status, 0);
	store_run_failure_free(&f);
	ck_assert_int_eq(store_run_failure_get(st, r2 + 1, &f, &found), 0);
	ck_assert_int_eq(found, 0);
	ck_assert_ptr_null(f.operation);
	store_close(st);
}
END_TEST

START_TEST(test_run_accounts_read)
{
	struct store			*st;
	struct store_run_account	 ra;
	struct store_account_row	*v = NULL;
	char				**ids;
	size_t				 n = 0;
	long long			 r1, r2;
	int				 c;

	st = open_locked(&r1);
	memset(&ra, 0, sizeof(ra));
	ra.account_id = "222222222222";
	ra.status = ACCOUNT_STATUS_COLLECTED;
	ra.org_status = "ACTIVE";
	ck_assert_int_eq(store_run_account(st, r1, &ra), 0);
	ra.account_id = "111111111111";
	ra.status = ACCOUNT_STATUS_FAILED;
	ra.operation = "AssumeRole";
	ra.error_code = "AccessDenied";
	ra.error_message = "not \x1b trusted";
	ra.external_id = EXTERNAL_ID_SENT;
	ck_assert_int_eq(store_run_account(st, r1, &ra), 0);
	ra.account_id = "333333333333";
	ra.external_id = EXTERNAL_ID_NONE;
	ck_assert_int_eq(store_run_account(st, r1, &ra), 0);
	memset(&ra, 0, sizeof(ra));
	ra.account_id = "444444444444";
	ra.status = ACCOUNT_STATUS_SKIPPED;
	ra.org_status = "SUSPENDED";
	ck_assert_int_eq(store_run_account(st, r1, &ra), 0);
	ck_assert_int_eq(store_run_finish(st, r1, T0 + 60, RUN_STATUS_PARTIAL),
	    0);
	ck_assert_int_eq(store_run_begin(st, T0 + HOUR, &r2), 0);
	ra.account_id = "111111111111";
	ra.status = ACCOUNT_STATUS_COLLECTED;
	ra.org_status = NULL;
	ck_assert_int_eq(store_run_account(st, r2, &ra), 0);

	ck_assert_int_eq(store_run_accounts_get(st, r1, &v, &n), 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(v[0].account_id, "111111111111");
	ck_assert_int_eq(v[0].status, ACCOUNT_STATUS_FAILED);
	ck_assert_str_eq(v[0].operation, "AssumeRole");
	ck_assert_str_eq(v[0].error_code, "AccessDenied");
	ck_assert_str_eq(v[0].error_message, "not \x1b trusted");
	ck_assert_int_eq(v[0].external_id, EXTERNAL_ID_SENT);
	ck_assert_str_eq(v[1].account_id, "222222222222");
	ck_assert_int_eq(v[1].status, ACCOUNT_STATUS_COLLECTED);
	ck_assert_str_eq(v[1].org_status, "ACTIVE");
	ck_assert_str_eq(v[1].error_code, "");
	ck_assert_int_eq(v[1].external_id, EXTERNAL_ID_UNKNOWN);
	ck_assert_int_eq(v[2].external_id, EXTERNAL_ID_NONE);
	ck_assert_int_eq(v[3].status, ACCOUNT_STATUS_SKIPPED);
	ck_assert_str_eq(v[3].org_status, "SUSPENDED");
	/* The column: 1 sent, 0 none, NULL unknown or not a failure. */
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM run_accounts WHERE "
	    "(account_id = '111111111111' AND external_id = 1) OR "
	    "(account_id = '333333333333' AND external_id = 0) OR "
	    "(account_id IN ('222222222222', '444444444444') AND "
	    "external_id IS NULL)"), 4);
	store_account_rows_free(v, n);
	/* 333 was only tried (failed), 444 only skipped. */
	ck_assert_int_eq(store_accounts(st, &ids, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert(strcmp(ids[0], "111111111111") == 0 &&
	    strcmp(ids[1], "222222222222") == 0);
	store_accounts_free(ids, n);
	ck_assert_int_eq(store_accounts_tried(st, &ids, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(ids[2], "333333333333");
	store_accounts_free(ids, n);
	ck_assert_int_eq(store_run_accounts_get(st, r2 + 1, &v, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(v);

	/* 111 failed in run 1, collected in run 2. */
	ck_assert_int_eq(store_account_collected(st, "111111111111", r1, r2,
	    &c), 0);
	ck_assert_int_eq(c, 1);
	ck_assert_int_eq(store_account_collected(st, "111111111111", r1, r1,
	    &c), 0);
	ck_assert_int_eq(c, 0);
	/* 222 collected in run 1 only: not in (r1, r2], but its baseline. */
	ck_assert_int_eq(store_account_collected(st, "222222222222", r1, r2,
	    &c), 0);
	ck_assert_int_eq(c, 0);
	ck_assert_int_eq(store_account_collected(st, "222222222222", r1, r1,
	    &c), 0);
	ck_assert_int_eq(c, 1);
	ck_assert_int_eq(store_account_collected(st, "444444444444", r1, r1,
	    &c), 0);
	ck_assert_int_eq(c, 0);
	store_close(st);
}
END_TEST

/*
 * Rows recorded without an account ('' : a database from before schema
 * 5 whose runs never learnt it) take the account given once, in every
 * table, and their runs are recorded as having collected it.
 */
START_TEST(test_account_resolve)
{
	struct store	*st;
	struct snapshot	 a, got;
	long long	 run;
	size_t		 n;
	char		**acc;
	int		 found, resolved;

	base_snapshot(&a, "us-east-1");
	st = open_locked(&run);
	ck_assert_int_eq(store_region_ok(st, run, &a, NULL), 0);
	ck_assert_int_eq(store_accounts(st, &acc, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(store_account_resolve(st, "444444444444",
	    &resolved), 0);
	ck_assert_int_eq(resolved, 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM models_history"
	    " WHERE account_id = ''"), 0);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_runs"
	    " WHERE account_id = '444444444444'"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM"
	    " pragma_foreign_key_check"), 0);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM run_accounts"
	    " WHERE account_id = '444444444444'"), 1);
	ck_assert_int_eq(store_set_account(st, "444444444444"), 0);
	ck_assert_int_eq(store_load_current(st, "us-east-1", &got, &found),
	    0);
	ck_assert_int_eq(found, 1);
	check_snapshot(&a, &got);
	snapshot_free(&got);
	/* Nothing left to resolve: a second call changes nothing. */
	ck_assert_int_eq(store_account_resolve(st, "555555555555",
	    &resolved), 0);
	ck_assert_int_eq(resolved, 0);
	ck_assert_int_eq(store_account_resolve(st, "5", &resolved), -1);
	ck_assert_int_eq(store_accounts(st, &acc, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(acc[0], "444444444444");
	store_accounts_free(acc, n);
	snapshot_free(&a);
	store_close(st);
}
END_TEST

START_TEST(test_empty_region_found)
{
	struct store	*st;
	struct snapshot	 snap, got;
	long long	 run;
	int		 found;

	memset(&snap, 0, sizeof(snap));
	snap.region = xstrdup("ap-south-2");
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(store_run_begin(st, T0, &run), 0);
	ck_assert_int_eq(store_region_ok(st, run, &snap, NULL), 0);
	/* Collected and empty is not the same as never collected. */
	ck_assert_int_eq(store_load_current(st, "ap-south-2", &got, &found),
	    0);
	ck_assert_int_eq(found, 1);
	ck_assert_uint_eq(got.modelsz, 0);
	snapshot_free(&got);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

START_TEST(test_null_strings)
{
	struct store	*st;
	struct snapshot	 snap, got;
	struct model	*m;
	long long	 run;
	int		 found;

	memset(&snap, 0, sizeof(snap));
	snap.region = xstrdup("us-west-2");
	m = snapshot_add_model(&snap);
	m->model_id = xstrdup("x.y");
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(store_run_begin(st, T0, &run), 0);
	ck_assert_int_eq(store_region_ok(st, run, &snap, NULL), 0);
	ck_assert_int_eq(store_load_current(st, "us-west-2", &got, &found),
	    0);
	ck_assert_uint_eq(got.modelsz, 1);
	ck_assert_str_eq(got.models[0].model_name, "");
	ck_assert_str_eq(got.models[0].region_availability, "");
	snapshot_free(&got);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

START_TEST(test_bad_snapshot_writes_nothing)
{
	struct store	*st;
	struct snapshot	 snap, dup;
	long long	 run;
	char		*msg;

	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(store_run_begin(st, T0, &run), 0);
	/* A duplicate quota code at the end: models are already written. */
	base_snapshot(&dup, "us-east-1");
	free(dup.quotas[dup.quotasz - 1].quota_code);
	dup.quotas[dup.quotasz - 1].quota_code =
	    xstrdup(dup.quotas[dup.quotasz - 2].quota_code);
	stderr_capture_start();
	ck_assert_int_eq(store_region_ok(st, run, &dup, NULL), -1);
	/* A value SQLite would turn into NULL. */
	base_snapshot(&snap, "us-east-2");
	snap.quotas[1].applied_value = NAN;
	ck_assert_int_eq(store_region_ok(st, run, &snap, NULL), -1);
	msg = stderr_capture_end();
	ck_assert_ptr_nonnull(strstr(msg, "duplicate"));
	ck_assert_ptr_nonnull(strstr(msg, "not a finite number"));
	free(msg);
	ck_assert_int_eq(state_rows(st), 0);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_run"), 0);
	/* The run goes on: the same region can still be recorded. */
	snap.quotas[1].applied_value = 5;
	ck_assert_int_eq(store_region_ok(st, run, &snap, NULL), 0);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_run"), 1);
	snapshot_free(&snap);
	snapshot_free(&dup);
	store_close(st);
}
END_TEST

/* history ------------------------------------------------------------- */

START_TEST(test_unchanged_adds_no_rows)
{
	struct store	*st;
	struct snapshot	 snap;
	long long	 rows;

	base_snapshot(&snap, "us-east-1");
	st = open_locked(NULL);
	(void)record_run(st, 0, &snap);
	rows = state_rows(st);
	ck_assert_int_eq(rows, 12);
	(void)record_run(st, 1, &snap);
	(void)record_run(st, 2, &snap);
	ck_assert_int_eq(state_rows(st), rows);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_run"), 3);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM model_state"
	    " WHERE until_run IS NOT NULL"), 0);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM models_now"
	    " WHERE since_run = 1"), 3);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

START_TEST(test_changed_field)
{
	struct store	*st;
	struct snapshot	 snap, got;
	long long	 rows;
	char		*s;
	int		 found;

	base_snapshot(&snap, "us-east-1");
	st = open_locked(NULL);
	(void)record_run(st, 0, &snap);
	rows = state_rows(st);
	free(snap.models[1].authorization);
	snap.models[1].authorization = xstrdup("NOT_AUTHORIZED");
	(void)record_run(st, 1, &snap);
	/* One row closed, one opened. */
	ck_assert_int_eq(state_rows(st), rows + 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM model_state"
	    " WHERE until_run = 2 AND since_run = 1 AND authorization_status"
	    " = 'AUTHORIZED' AND model_id LIKE 'anthropic.%'"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM model_state"
	    " WHERE since_run = 2 AND until_run IS NULL"), 1);
	s = qtext(st, "SELECT authorization_status || ' ' || first_seen ||"
	    " ' ' || last_changed FROM models_now"
	    " WHERE model_id LIKE 'anthropic.%'");
	ck_assert_str_eq(s, "NOT_AUTHORIZED 2025-06-15T15:06:40Z "
	    "2025-06-15T16:06:40Z");
	free(s);
	ck_assert_int_eq(store_load_current(st, "us-east-1", &got, &found),
	    0);
	check_snapshot(&snap, &got);
	ck_assert_int_eq(got.models[1].first_run, 2);
	ck_assert_int_eq(got.models[0].first_run, 1);
	snapshot_free(&got);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

/* store_region_ok_from(): the caller's state, not reread, same rows. */
START_TEST(test_region_ok_from)
{
	struct store	*st;
	struct snapshot	 snap, cur;
	long long	 run, rows;
	int		 found;

	base_snapshot(&snap, "us-east-1");
	st = open_locked(NULL);
	ck_assert_int_eq(store_run_begin(st, T0, &run), 0);
	ck_assert_int_eq(store_region_ok_from(st, run, NULL, &snap, NULL), 0);
	ck_assert_int_eq(store_run_finish(st, run, T0 + 60,
	    RUN_STATUS_COMPLETE), 0);
	rows = state_rows(st);
	ck_assert_int_eq(rows, 12);
	ck_assert_int_eq(store_load_current(st, "us-east-1", &cur, &found),
	    0);
	ck_assert_int_eq(found, 1);
	free(snap.models[1].authorization);
	snap.models[1].authorization = xstrdup("NOT_AUTHORIZED");
	ck_assert_int_eq(store_run_begin(st, T0 + HOUR, &run), 0);
	ck_assert_int_eq(store_region_ok_from(st, run, &cur, &snap, NULL), 0);
	ck_assert_int_eq(store_run_finish(st, run, T0 + HOUR + 60,
	    RUN_STATUS_COMPLETE), 0);
	/* As store_region_ok(): one row closed, one opened, no other. */
	ck_assert_int_eq(state_rows(st), rows + 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM model_state"
	    " WHERE until_run = 2"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM models_now"
	    " WHERE since_run = 2 AND authorization_status ="
	    " 'NOT_AUTHORIZED'"), 1);
	snapshot_free(&cur);
	ck_assert_int_eq(store_load_current(st, "us-east-1", &cur, &found),
	    0);
	check_snapshot(&snap, &cur);
	snapshot_free(&cur);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

/* store_region_unchanged(): the short way, only when nothing changed. */
START_TEST(test_region_unchanged)
{
	struct store	*st;
	struct snapshot	 snap, other;
	long long	 run, rows;

	base_snapshot(&snap, "us-east-1");
	base_snapshot(&other, "eu-west-1");
	st = open_locked(NULL);
	ck_assert_int_eq(store_run_begin(st, T0, &run), 0);
	/* Never recorded: no digest, nothing written. */
	ck_assert_int_eq(store_region_unchanged(st, run, &snap), 0);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_run"), 0);
	ck_assert_int_eq(store_region_ok(st, run, &snap, NULL), 0);
	ck_assert_int_eq(store_region_ok(st, run, &other, NULL), 0);
	ck_assert_int_eq(store_run_finish(st, run, T0 + 60,
	    RUN_STATUS_COMPLETE), 0);
	rows = state_rows(st);
	ck_assert_int_eq(store_run_begin(st, T0 + HOUR, &run), 0);
	/* The same state, -0.0 for 0.0 included: only the region row. */
	snap.quotas[1].applied_value = -0.0;
	ck_assert_int_eq(store_region_unchanged(st, run, &snap), 1);
	ck_assert_int_eq(state_rows(st), rows);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_run WHERE"
	    " run_id = 2 AND region = 'us-east-1' AND status = 'ok'"), 1);
	/* A changed field: nothing written, the caller goes the long way. */
	free(other.models[0].lifecycle);
	other.models[0].lifecycle = xstrdup("LEGACY");
	ck_assert_int_eq(store_region_unchanged(st, run, &other), 0);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_run WHERE"
	    " run_id = 2"), 1);
	ck_assert_int_eq(store_region_ok(st, run, &other, NULL), 0);
	ck_assert_int_eq(store_run_finish(st, run, T0 + HOUR + 60,
	    RUN_STATUS_COMPLETE), 0);
	/* The digest follows what store_region_ok() wrote. */
	ck_assert_int_eq(store_run_begin(st, T0 + 2 * HOUR, &run), 0);
	ck_assert_int_eq(store_region_unchanged(st, run, &other), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_digest"), 2);
	ck_assert_int_eq(store_run_finish(st, run, T0 + 2 * HOUR + 60,
	    RUN_STATUS_COMPLETE), 0);
	/* Only inside a running run. */
	ck_assert_int_eq(store_region_unchanged(st, run, &snap), -1);
	snapshot_free(&snap);
	snapshot_free(&other);
	store_close(st);
}
END_TEST

/* store_region_seen(): what store_load_at() finds, without the rows. */
START_TEST(test_region_seen)
{
	struct store	*st;
	struct snapshot	 snap, got;
	long long	 run;
	int		 found, want;

	base_snapshot(&snap, "us-east-1");
	st = open_locked(NULL);
	ck_assert_int_eq(store_run_begin(st, T0, &run), 0);
	ck_assert_int_eq(store_region_failed(st, run, "us-east-1", "x", 0,
	    "E", "m"), 0);
	ck_assert_int_eq(store_run_finish(st, run, T0 + 60,
	    RUN_STATUS_FAILED), 0);
	(void)record_run(st, 1, &snap);
	for (run = 1; run <= 2; run++) {
		ck_assert_int_eq(store_region_seen(st, run, "us-east-1",
		    &found), 0);
		ck_assert_int_eq(store_load_at(st, run, "us-east-1", &got,
		    &want), 0);
		snapshot_free(&got);
		ck_assert_int_eq(found, want);
		ck_assert_int_eq(found, run == 2);
	}
	ck_assert_int_eq(store_region_seen(st, 2, "eu-west-1", &found), 0);
	ck_assert_int_eq(found, 0);
	ck_assert_int_eq(store_region_seen(st, 3, "us-east-1", &found), -1);
	ck_assert_int_eq(found, 0);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

/* One fsync per run: NORMAL for the regions, FULL for the run's end. */
START_TEST(test_sync_per_run)
{
	struct store	*st;
	struct snapshot	 snap;
	long long	 run;

	base_snapshot(&snap, "us-east-1");
	st = open_locked(NULL);
	ck_assert_int_eq(qint(st, "PRAGMA synchronous"), 1);
	run = record_run(st, 0, &snap);
	ck_assert_int_eq(run, 1);
	/* Back to NORMAL after the run's end, for the next run. */
	ck_assert_int_eq(qint(st, "PRAGMA synchronous"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM runs WHERE status ="
	    " 'complete'"), 1);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

START_TEST(test_quota_value_changes)
{
	struct store	*st;
	struct snapshot	 snap;
	long long	 rows;

	base_snapshot(&snap, "us-east-1");
	st = open_locked(NULL);
	(void)record_run(st, 0, &snap);
	rows = state_rows(st);
	/* Not set -> 0 is a change; so is a default appearing. */
	snap.quotas[0].has_applied = 1;
	snap.quotas[0].applied_value = 0;
	snap.quotas[3].has_default = 1;
	snap.quotas[3].default_value = 0.5;
	(void)record_run(st, 1, &snap);
	ck_assert_int_eq(state_rows(st), rows + 2);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quotas_now"
	    " WHERE applied_value IS NULL"), 0);
	/* Flipping adjustable alone is a change, too. */
	snap.quotas[2].adjustable = !snap.quotas[2].adjustable;
	(void)record_run(st, 2, &snap);
	ck_assert_int_eq(state_rows(st), rows + 3);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

START_TEST(test_vanished_closed)
{
	struct store	*st;
	struct snapshot	 snap, got;
	int		 found;

	base_snapshot(&snap, "us-east-1");
	st = open_locked(NULL);
	(void)record_run(st, 0, &snap);
	/* Drop the last quota and the last request. */
	snap.quotasz--;
	snap.requestsz--;
	(void)record_run(st, 1, &snap);
	snap.quotasz++;
	snap.requestsz++;
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quota_state"
	    " WHERE until_run = 2"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quota_request_state"
	    " WHERE until_run = 2"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quotas_now"), 4);
	ck_assert_int_eq(store_load_current(st, "us-east-1", &got, &found),
	    0);
	ck_assert_uint_eq(got.quotasz, 4);
	ck_assert_uint_eq(got.requestsz, 1);
	ck_assert_ptr_null(snapshot_find_quota(&got,
	    snap.quotas[snap.quotasz - 1].quota_code));
	snapshot_free(&got);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

START_TEST(test_reappear_first_seen)
{
	struct store	*st;
	struct snapshot	 snap;
	char		*s;

	base_snapshot(&snap, "us-east-1");
	st = open_locked(NULL);
	(void)record_run(st, 0, &snap);
	snap.modelsz--;
	(void)record_run(st, 1, &snap);
	snap.modelsz++;
	(void)record_run(st, 2, &snap);
	s = qtext(st, "SELECT first_seen || ' ' || last_changed FROM"
	    " models_now WHERE model_id LIKE 'meta.%'");
	ck_assert_str_eq(s, "2025-06-15T15:06:40Z 2025-06-15T17:06:40Z");
	free(s);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM models_history"
	    " WHERE model_id LIKE 'meta.%'"), 2);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

START_TEST(test_failed_region_keeps_rows)
{
	struct store		*st;
	struct snapshot		 snap, got;
	struct store_region_run	*rr;
	size_t			 rrsz;
	long long		 run;
	int			 found;

	base_snapshot(&snap, "us-east-1");
	st = open_locked(NULL);
	(void)record_run(st, 0, &snap);
	ck_assert_int_eq(store_run_begin(st, T0 + HOUR, &run), 0);
	ck_assert_int_eq(store_region_failed(st, run, "us-east-1",
	    "ListServiceQuotas", 429, "ThrottlingException", "Rate exceeded"),
	    0);
	ck_assert_int_eq(store_run_finish(st, run, T0 + HOUR,
	    RUN_STATUS_FAILED), 0);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM models_now"
	    " WHERE region = 'us-east-1'"), 3);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM model_state"
	    " WHERE until_run IS NOT NULL"), 0);
	ck_assert_int_eq(store_load_current(st, "us-east-1", &got, &found),
	    0);
	ck_assert_int_eq(found, 1);
	check_snapshot(&snap, &got);
	snapshot_free(&got);
	ck_assert_int_eq(store_load_at(st, run, "us-east-1", &got, &found), 0);
	ck_assert_int_eq(found, 1);
	ck_assert_uint_eq(got.quotasz, snap.quotasz);
	snapshot_free(&got);
	ck_assert_int_eq(store_region_runs(st, run, &rr, &rrsz), 0);
	ck_assert_uint_eq(rrsz, 1);
	ck_assert_int_eq(rr[0].status, REGION_STATUS_FAILED);
	ck_assert_str_eq(rr[0].operation, "ListServiceQuotas");
	ck_assert_int_eq(rr[0].http_status, 429);
	ck_assert_str_eq(rr[0].error_code, "ThrottlingException");
	ck_assert_str_eq(rr[0].error_message, "Rate exceeded");
	store_region_runs_free(rr, rrsz);
	ck_assert_int_eq(qint(st, "SELECT last_ok_run = 1 AND last_run = 2"
	    " AND last_status = 'failed' FROM regions_now"), 1);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

START_TEST(test_as_of)
{
	struct store	*st;
	struct snapshot	 s1, s2, got;
	long long	 r1, r2, r3;
	int		 found;

	base_snapshot(&s1, "us-east-1");
	base_snapshot(&s2, "us-east-1");
	free(s2.quotas[1].quota_name);
	s2.quotas[1].quota_name = xstrdup("renamed");
	s2.quotas[2].applied_value = 2e9;
	s2.modelsz = 1;
	st = open_locked(NULL);
	r1 = record_run(st, 0, &s1);
	r2 = record_run(st, 1, &s2);
	s2.quotas[1].applied_value = 7;
	r3 = record_run(st, 2, &s2);
	ck_assert_int_eq(store_load_at(st, r1, "us-east-1", &got, &found), 0);
	ck_assert_int_eq(found, 1);
	check_snapshot(&s1, &got);
	snapshot_free(&got);
	ck_assert_int_eq(store_load_at(st, r3, "us-east-1", &got, &found), 0);
	check_snapshot(&s2, &got);
	snapshot_free(&got);
	/* Run 2's quota 1 had the new name but the old value. */
	ck_assert_int_eq(store_load_at(st, r2, "us-east-1", &got, &found), 0);
	ck_assert_str_eq(got.quotas[1].quota_name, "renamed");
	ck_assert(got.quotas[1].applied_value == 0);
	ck_assert_uint_eq(got.modelsz, 1);
	snapshot_free(&got);
	/* The documented SQL shape gives the same answer. */
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM models_history"
	    " WHERE region = 'us-east-1' AND since_run <= 1"
	    " AND (until_run IS NULL OR until_run > 1)"), 3);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM models_history"
	    " WHERE region = 'us-east-1' AND since_run <= 2"
	    " AND (until_run IS NULL OR until_run > 2)"), 1);
	/* Before the region was ever collected; and no such run. */
	ck_assert_int_eq(store_load_at(st, r1, "eu-west-3", &got, &found), 0);
	ck_assert_int_eq(found, 0);
	snapshot_free(&got);
	stderr_capture_start();
	ck_assert_int_eq(store_load_at(st, 99, "us-east-1", &got, &found), -1);
	free(stderr_capture_end());
	snapshot_free(&got);
	snapshot_free(&s1);
	s2.modelsz = 3;
	snapshot_free(&s2);
	store_close(st);
}
END_TEST

/*
 * The crash child stops in the middle of a region's transaction, once it
 * has written 100 rows of it, and tells the parent, which kills it with
 * SIGKILL, as the OOM killer would: nothing in the child gets to clean up.
 */
static int	crash_base;
static int	crash_fd = -1;

static int
crash_midway(void *arg)
{
	if (sqlite3_total_changes((sqlite3 *)arg) >= crash_base + 100) {
		if (write(crash_fd, "k", 1) != 1)
			_exit(4);
		for (;;)
			(void)pause();
	}
	return 0;
}

/* The child: commit region A, then stop while writing region B. */
static void
crash_child(void)
{
	struct store	*st;
	struct snapshot	 a, b;
	long long	 run;
	char		 code[16];
	int		 i;

	base_snapshot(&a, "us-east-1");
	base_snapshot(&b, "us-west-2");
	for (i = 0; i < 400; i++) {
		(void)snprintf(code, sizeof(code), "L-X%07d", i);
		quota(&b, code, 1, i, 1, i);
	}
	snapshot_sort(&b);
	if ((st = store_open(dbpath, STORE_CREATE)) == NULL ||
	    store_lock(st, 0) != 0 || store_run_begin(st, T0, &run) != 0 ||
	    store_region_ok(st, run, &a, NULL) != 0)
		_exit(1);
	crash_base = sqlite3_total_changes(store_sqlite(st));
	sqlite3_progress_handler(store_sqlite(st), 50, crash_midway,
	    store_sqlite(st));
	(void)store_region_ok(st, run, &b, NULL);
	_exit(2);
}

START_TEST(test_crash_no_half_region)
{
	struct store	*st;
	struct store_run r;
	long long	 run;
	pid_t		 pid;
	int		 status, found, p[2];
	char		 c;

	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_ge(pid = fork(), 0);
	if (pid == 0) {
		(void)close(p[0]);
		crash_fd = p[1];
		crash_child();
	}
	(void)close(p[1]);
	ck_assert_int_eq(read(p[0], &c, 1), 1);
	(void)close(p[0]);
	ck_assert_int_eq(kill(pid, SIGKILL), 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	ck_assert_ptr_nonnull(st = store_open(dbpath, 0));
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quota_state"
	    " WHERE region = 'us-east-1'"), 5);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_run"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM model_state"
	    " WHERE region = 'us-west-2'"), 0);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quota_state"
	    " WHERE region = 'us-west-2'"), 0);
	/* The dead run is marked failed once someone holds the lock. */
	ck_assert_int_eq(store_lock(st, 0), 0);
	ck_assert_int_eq(store_run_begin(st, T0 + HOUR, &run), 0);
	ck_assert_int_eq(run, 2);
	ck_assert_int_eq(store_run_get(st, 1, &r, &found), 0);
	ck_assert_int_eq(r.status, RUN_STATUS_FAILED);
	ck_assert_str_eq(r.finished_at, "");
	store_run_free(&r);
	store_close(st);
}
END_TEST

/* runs ---------------------------------------------------------------- */

/*
 * Runs 1 complete, 2 failed, 3 partial (one region ok, one failed, with
 * an account), 4 running.
 */
static void
four_runs(struct store *st, const struct snapshot *snap, long long id[4])
{
	id[0] = record_run(st, 0, snap);
	ck_assert_int_eq(store_run_begin(st, T0 + HOUR, &id[1]), 0);
	ck_assert_int_eq(store_run_finish(st, id[1], T0 + HOUR,
	    RUN_STATUS_FAILED), 0);
	ck_assert_int_eq(store_run_begin(st, T0 + 2 * HOUR, &id[2]), 0);
	ck_assert_int_eq(store_run_set_account(st, id[2], "123456789012"), 0);
	ck_assert_int_eq(store_region_ok(st, id[2], snap, NULL), 0);
	ck_assert_int_eq(store_region_failed(st, id[2], "eu-west-1", NULL, 0,
	    NULL, "connect timeout"), 0);
	ck_assert_int_eq(store_run_finish(st, id[2], T0 + 3 * HOUR,
	    RUN_STATUS_PARTIAL), 0);
	ck_assert_int_eq(store_run_begin(st, T0 + 4 * HOUR, &id[3]), 0);
}

/* A status text status.h does not know (a tampered file) fails the read. */
START_TEST(test_run_status_unknown)
{
	struct store		*st;
	struct store_run	 r;
	struct store_region_run	*rr = NULL;
	struct snapshot		 snap;
	size_t			 n = 0;
	char			*msg;
	int			 found;

	base_snapshot(&snap, "us-east-1");
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(record_run(st, 0, &snap), 1);
	qexec(store_sqlite(st), "PRAGMA ignore_check_constraints = ON");
	qexec(store_sqlite(st), "UPDATE run SET status = 'done'");
	qexec(store_sqlite(st), "UPDATE region_run SET status = 'OK'");
	stderr_capture_start();
	ck_assert_int_eq(store_run_get(st, 1, &r, &found), -1);
	ck_assert_int_eq(store_region_runs(st, 1, &rr, &n), -1);
	msg = stderr_capture_end();
	ck_assert_ptr_nonnull(strstr(msg, "unknown status in column status"));
	ck_assert_ptr_null(rr);
	free(msg);
	store_close(st);
	snapshot_free(&snap);
}
END_TEST

START_TEST(test_runs)
{
	struct store		*st;
	struct store_run	 r;
	struct snapshot		 snap;
	long long		 id[4], x;
	char			*s;
	int			 found;

	base_snapshot(&snap, "us-east-1");
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	four_runs(st, &snap, id);
	s = qtext(st, "SELECT group_concat(run_id || ':' || status || ':' ||"
	    " regions_ok || regions_failed, ' ') FROM runs");
	ck_assert_str_eq(s, "1:complete:10 2:failed:00 3:partial:11 "
	    "4:running:00");
	free(s);
	ck_assert_int_eq(store_run_get(st, id[2], &r, &found), 0);
	ck_assert_int_eq(found, 1);
	ck_assert_int_eq(r.run_id, 3);
	ck_assert_str_eq(r.started_at, "2025-06-15T17:06:40Z");
	ck_assert_str_eq(r.finished_at, "2025-06-15T18:06:40Z");
	ck_assert_int_eq(r.status, RUN_STATUS_PARTIAL);
	ck_assert_str_eq(r.account_id, "123456789012");
	store_run_free(&r);
	ck_assert_int_eq(store_run_get(st, 42, &r, &found), 0);
	ck_assert_int_eq(found, 0);
	ck_assert_ptr_null(r.started_at);
	store_run_free(&r);
	ck_assert_int_eq(store_run_latest(st, &x, &found), 0);
	ck_assert(found && x == 3);
	ck_assert_int_eq(store_run_before(st, 3, &x, &found), 0);
	ck_assert(found && x == 1);		/* run 2 failed */
	ck_assert_int_eq(store_run_before(st, 1, &x, &found), 0);
	ck_assert_int_eq(found, 0);
	ck_assert_int_eq(store_run_at_time(st, T0 + 2 * HOUR, &x, &found), 0);
	ck_assert(found && x == 3);
	ck_assert_int_eq(store_run_at_time(st, T0 + 2 * HOUR - 1, &x,
	    &found), 0);
	ck_assert(found && x == 1);
	ck_assert_int_eq(store_run_at_time(st, T0 - 1, &x, &found), 0);
	ck_assert_int_eq(found, 0);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

START_TEST(test_run_errors)
{
	struct store		*st;
	struct snapshot		 snap;
	long long		 id[4], x;
	char			*msg;
	int			 found;

	base_snapshot(&snap, "us-east-1");
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(store_run_latest(st, &x, &found), 0);
	ck_assert_int_eq(found, 0);
	four_runs(st, &snap, id);
	stderr_capture_start();
	ck_assert_int_eq(store_run_finish(st, id[3], T0,
	    RUN_STATUS_RUNNING), -1);
	ck_assert_int_eq(store_run_finish(st, id[2], T0,
	    RUN_STATUS_COMPLETE), -1);
	ck_assert_int_eq(store_run_finish(st, 77, T0, RUN_STATUS_COMPLETE), -1);
	ck_assert_int_eq(store_region_ok(st, id[0], &snap, NULL), -1);
	ck_assert_int_eq(store_region_failed(st, id[1], "us-east-1", NULL, 0,
	    NULL, NULL), -1);
	ck_assert_int_eq(store_run_set_account(st, 77, "1"), -1);
	msg = stderr_capture_end();
	ck_assert_ptr_nonnull(strstr(msg, "invalid final status running"));
	ck_assert_ptr_nonnull(strstr(msg, "run 3 is partial, not running"));
	ck_assert_ptr_nonnull(strstr(msg, "run 1 is complete, not running"));
	ck_assert_ptr_nonnull(strstr(msg, "no run 77"));
	free(msg);
	/* Nothing of those attempts reached the database. */
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_run"), 3);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM run"
	    " WHERE status = 'running'"), 1);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

START_TEST(test_region_runs)
{
	struct store		*st;
	struct store_region_run	*rr;
	struct snapshot		 snap;
	size_t			 n;
	long long		 run;

	memset(&snap, 0, sizeof(snap));
	snap.region = xstrdup("us-east-2");
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(store_run_begin(st, T0, &run), 0);
	ck_assert_int_eq(store_region_runs(st, run, &rr, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(store_region_failed(st, run, "us-west-1", "", 0, "",
	    ""), 0);
	ck_assert_int_eq(store_region_ok(st, run, &snap, NULL), 0);
	ck_assert_int_eq(store_region_runs(st, run, &rr, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(rr[0].region, "us-east-2");
	ck_assert_int_eq(rr[0].status, REGION_STATUS_OK);
	ck_assert_str_eq(rr[0].error_message, "");
	ck_assert_str_eq(rr[1].region, "us-west-1");
	ck_assert_int_eq(rr[1].status, REGION_STATUS_FAILED);
	ck_assert_int_eq(rr[1].http_status, 0);
	ck_assert_str_eq(rr[1].operation, "");
	store_region_runs_free(rr, n);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_runs"
	    " WHERE http_status IS NULL AND error_code IS NULL"
	    " AND operation IS NULL AND started_at = '2025-06-15T15:06:40Z'"),
	    2);
	/* A region is recorded once per run. */
	stderr_capture_start();
	ck_assert_int_eq(store_region_ok(st, run, &snap, NULL), -1);
	ck_assert_int_eq(store_region_failed(st, run, "Bad Region", NULL, 0,
	    NULL, NULL), -1);
	free(stderr_capture_end());
	store_region_runs_free(NULL, 0);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

/* changes ------------------------------------------------------------- */

/* A change with every field set from "n". */
static struct change *
make_change(const char *region, int n)
{
	struct change	*c = change_new();

	free(c->region);
	c->region = xstrdup(region);
	c->kind = (enum change_kind)(n % CHANGE__COUNT);
	free(c->subject);
	c->subject = xasprintf("subject-%d", n);
	free(c->subject_name);
	c->subject_name = xasprintf("Name \xe2\x80\x94 %d", n);
	free(c->old_value);
	free(c->new_value);
	if (c->kind == CHANGE_QUOTA_VALUE_CHANGED) {
		c->old_value = xasprintf("%d.5", n);
		c->new_value = xasprintf("%d", 2 * n);
	} else {
		c->old_value = xasprintf("old%d", n);
		c->new_value = xasprintf("new%d", n);
	}
	free(c->old_applied);
	c->old_applied = xstrdup("100");
	free(c->new_applied);
	c->new_applied = xstrdup("");
	free(c->new_default);
	c->new_default = xstrdup("1e+10");
	c->applied_followed = n & 1;
	c->adjustable = n % 3 - 1;
	free(c->entitlement);
	c->entitlement = xstrdup("NOT_AVAILABLE");
	free(c->quota_code);
	c->quota_code = xstrdup("L-1");
	free(c->desired_value);
	c->desired_value = xstrdup("2500");
	free(c->field);
	c->field = xstrdup(n % 2 ? "end_of_life_time" : "");
	c->applied_unknown = n % 2;
	free(c->level);
	c->level = xstrdup(n % 2 ? "RESOURCE" : "");
	free(c->context_scope);
	c->context_scope = xstrdup(n % 2 ? "RESOURCE" : "");
	free(c->context_id);
	c->context_id = xstrdup(n % 2 ? "arn:aws:bedrock:x" : "");
	c->path = (enum change_path)(n % PATH__COUNT);
	c->severity = (enum change_severity)(n % SEVERITY__COUNT);
	free(c->alt_regions);
	c->alt_regions = xstrdup("us-east-1,us-west-2");
	free(c->alt_profiles);
	c->alt_profiles = xstrdup("us.x");
	return c;
}

static void
check_change(const struct change *a, const struct change *b)
{
	ck_assert_str_eq(a->region, b->region);
	ck_assert_int_eq(a->kind, b->kind);
	ck_assert_str_eq(a->subject, b->subject);
	ck_assert_str_eq(a->subject_name, b->subject_name);
	ck_assert_str_eq(a->old_value, b->old_value);
	ck_assert_str_eq(a->new_value, b->new_value);
	ck_assert_str_eq(a->old_applied, b->old_applied);
	ck_assert_str_eq(a->new_applied, b->new_applied);
	ck_assert_str_eq(a->new_default, b->new_default);
	ck_assert_int_eq(a->applied_followed, b->applied_followed);
	ck_assert_int_eq(a->adjustable, b->adjustable);
	ck_assert_str_eq(a->entitlement, b->entitlement);
	ck_assert_str_eq(a->quota_code, b->quota_code);
	ck_assert_str_eq(a->desired_value, b->desired_value);
	ck_assert_str_eq(a->field, b->field);
	ck_assert_int_eq(a->applied_unknown, b->applied_unknown);
	ck_assert_str_eq(a->level, b->level);
	ck_assert_str_eq(a->context_scope, b->context_scope);
	ck_assert_str_eq(a->context_id, b->context_id);
	ck_assert_int_eq(a->path, b->path);
	ck_assert_int_eq(a->severity, b->severity);
	ck_assert_str_eq(a->alt_regions, b->alt_regions);
	ck_assert_str_eq(a->alt_profiles, b->alt_profiles);
	/* The store reads the quota numbers back as numbers. */
	ck_assert(b->old_applied_num.set && b->old_applied_num.v == 100);
	ck_assert(!b->new_applied_num.set);
	ck_assert(b->new_default_num.set && b->new_default_num.v == 1e10);
	if (a->kind == CHANGE_QUOTA_VALUE_CHANGED) {
		ck_assert(b->old_num.set && b->new_num.set);
		ck_assert(b->old_num.v == strtod(a->old_value, NULL));
		ck_assert(b->new_num.v == strtod(a->new_value, NULL));
		ck_assert(b->old_num.v != floor(b->old_num.v));
	} else
		ck_assert(!b->old_num.set && !b->new_num.set);
}

START_TEST(test_changes_roundtrip)
{
	struct store		*st;
	struct snapshot		 snap;
	struct change_list	 in[2], out = { NULL, 0, 0 };
	struct change		*c;
	long long		 run[2];
	size_t			 i;
	int			 r, found;
	char			*s;

	memset(in, 0, sizeof(in));
	memset(&snap, 0, sizeof(snap));
	snap.region = xstrdup("eu-central-1");
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	for (r = 0; r < 2; r++) {
		for (i = 0; i < 20; i++)
			change_list_push(&in[r], make_change("eu-central-1",
			    r * 20 + (int)i));
		ck_assert_int_eq(store_run_begin(st, T0 + r * HOUR, &run[r]),
		    0);
		ck_assert_int_eq(store_region_ok(st, run[r], &snap, &in[r]),
		    0);
	}
	ck_assert_int_eq(store_changes(st, 0, run[1], &out), 0);
	ck_assert_uint_eq(out.len, 40);
	for (i = 0; i < out.len; i++) {
		check_change(in[i / 20].items[i % 20], out.items[i]);
		ck_assert_int_eq(out.items[i]->change_id, (long long)i + 1);
		ck_assert_int_eq(out.items[i]->run_id, run[i / 20]);
		ck_assert_int_eq(out.items[i]->first_run, run[i / 20]);
	}
	ck_assert_str_eq(out.items[39]->first_seen, "2025-06-15T16:06:40Z");
	change_list_free(&out);
	/* from_run is exclusive, to_run inclusive. */
	ck_assert_int_eq(store_changes(st, run[0], run[1], &out), 0);
	ck_assert_uint_eq(out.len, 20);
	ck_assert_int_eq(out.items[0]->change_id, 21);
	change_list_free(&out);
	ck_assert_int_eq(store_changes(st, 0, run[0], &out), 0);
	ck_assert_uint_eq(out.len, 20);
	change_list_free(&out);
	ck_assert_int_eq(store_change_get(st, 27, &c, &found), 0);
	ck_assert_int_eq(found, 1);
	check_change(in[1].items[6], c);
	change_free(c);
	ck_assert_int_eq(store_change_get(st, 99, &c, &found), 0);
	ck_assert_int_eq(found, 0);
	ck_assert_ptr_null(c);
	s = qtext(st, "SELECT detected_at || ' ' || kind || ' ' || path ||"
	    " ' ' || severity || ' ' || quote(adjustable) FROM changes"
	    " WHERE change_id = 2");
	ck_assert_str_eq(s, "2025-06-15T15:06:40Z model_removed P1 warning 0");
	free(s);
	for (r = 0; r < 2; r++)
		change_list_free(&in[r]);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

START_TEST(test_changes_rejected)
{
	struct store		*st;
	struct snapshot		 snap;
	struct change_list	 l = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	long long		 run;
	char			*msg;

	memset(&snap, 0, sizeof(snap));
	snap.region = xstrdup("eu-central-1");
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(store_run_begin(st, T0, &run), 0);
	change_list_push(&l, make_change("eu-west-1", 1));
	stderr_capture_start();
	ck_assert_int_eq(store_region_ok(st, run, &snap, &l), -1);
	msg = stderr_capture_end();
	ck_assert_ptr_nonnull(strstr(msg, "is for another region"));
	free(msg);
	change_list_free(&l);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_run"), 0);
	/* A kind this program does not know, from a newer writer. */
	change_list_push(&l, make_change("eu-central-1", 1));
	ck_assert_int_eq(store_region_ok(st, run, &snap, &l), 0);
	qexec(store_sqlite(st), "INSERT INTO change_kinds VALUES"
	    " ('model_exploded', 'x');"
	    " UPDATE change_log SET kind = 'model_exploded'");
	stderr_capture_start();
	ck_assert_int_eq(store_changes(st, 0, run, &out), -1);
	msg = stderr_capture_end();
	ck_assert_ptr_nonnull(strstr(msg, "unknown kind model_exploded"));
	free(msg);
	ck_assert_uint_eq(out.len, 0);
	change_list_free(&l);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

/* lock ---------------------------------------------------------------- */

START_TEST(test_lock_busy)
{
	struct store	*a, *b;

	ck_assert_ptr_nonnull(a = store_open(dbpath, STORE_CREATE));
	ck_assert_ptr_nonnull(b = store_open(dbpath, STORE_CREATE));
	ck_assert_int_eq(store_lock(a, 0), 0);
	ck_assert_int_eq(store_lock(a, 0), 0);		/* already held */
	ck_assert_int_eq(store_lock(b, 0), 1);
	ck_assert_int_eq(store_lock(b, 0), 1);
	store_close(a);
	ck_assert_int_eq(store_lock(b, 1), 0);
	store_close(b);
}
END_TEST

START_TEST(test_lock_other_process)
{
	struct store	*st;
	pid_t		 pid;
	int		 status, up[2], down[2];
	char		 c;

	/* Two pipes: the child says "locked", the parent says "done". */
	ck_assert_int_eq(pipe(up), 0);
	ck_assert_int_eq(pipe(down), 0);
	ck_assert_int_ge(pid = fork(), 0);
	if (pid == 0) {
		(void)close(up[0]);
		(void)close(down[1]);
		if ((st = store_open(dbpath, STORE_CREATE)) == NULL ||
		    store_lock(st, 0) != 0)
			_exit(1);
		if (write(up[1], "l", 1) != 1 || read(down[0], &c, 1) != 1)
			_exit(2);
		store_close(st);
		_exit(0);
	}
	(void)close(up[1]);
	(void)close(down[0]);
	ck_assert_int_eq(read(up[0], &c, 1), 1);
	ck_assert_ptr_nonnull(st = store_open(dbpath, 0));
	ck_assert_int_eq(store_lock(st, 0), 1);
	ck_assert_int_eq(write(down[1], "x", 1), 1);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* The child's exit released it. */
	ck_assert_int_eq(store_lock(st, 0), 0);
	store_close(st);
	(void)close(up[0]);
	(void)close(down[1]);
}
END_TEST

START_TEST(test_reader_not_blocked)
{
	struct store	*w, *r;
	struct snapshot	 snap, got;
	sqlite3		*raw;
	long long	 t, x;
	int		 found;

	base_snapshot(&snap, "us-east-1");
	w = open_locked(NULL);
	(void)record_run(w, 0, &snap);
	ck_assert_ptr_nonnull(r = store_open(dbpath, STORE_RDONLY));
	/* Another connection is in the middle of a write. */
	ck_assert_int_eq(sqlite3_open(dbpath, &raw), SQLITE_OK);
	qexec(raw, "BEGIN IMMEDIATE; INSERT INTO run (started_at)"
	    " VALUES ('2030-01-01T00:00:00Z')");
	t = util_now_ms();
	ck_assert_int_eq(store_run_latest(r, &x, &found), 0);
	ck_assert(found && x == 1);
	ck_assert_int_eq(store_load_current(r, "us-east-1", &got, &found), 0);
	check_snapshot(&snap, &got);
	snapshot_free(&got);
	ck_assert_int_lt(util_now_ms() - t, STORE_BUSY_TIMEOUT_MS / 2);
	qexec(raw, "ROLLBACK");
	/* And a reader in a transaction does not block the writer. */
	qexec(raw, "BEGIN; SELECT count(*) FROM model_state");
	snap.models[0].lifecycle[0] = 'L';
	(void)record_run(w, 1, &snap);
	qexec(raw, "COMMIT");
	ck_assert_int_eq(sqlite3_close(raw), SQLITE_OK);
	store_close(r);
	store_close(w);
	snapshot_free(&snap);
}
END_TEST

/* usage --------------------------------------------------------------- */

/*
 * Two runs read two parts of one day: the day row merges (sums add, the
 * larger peak wins with its minute); the next window starts where the
 * last ok one ended; a failed usage run records why and moves nothing;
 * quota_usage joins a mapped quota to its day and its throttles.
 */
/*
 * A region's quota mappings are written when they change: the same
 * mappings again leave every row (and the run that wrote it) alone, a
 * changed one is rewritten by its run, a quota gone from the region
 * loses its row.
 */
START_TEST(test_usage_maps_change_only)
{
	struct store		*st;
	struct usage_qmap	 map[2];
	struct usage_result	 res;
	struct store_usage_run	 u;
	long long		 run;
	int			 i;

	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(store_set_account(st, "123456789012"), 0);
	memset(map, 0, sizeof(map));
	map[0].quota_code = (char *)"L-1";
	map[0].map.mapping = USAGE_MAPPED;
	map[0].map.rate = USAGE_RATE_REQUESTS;
	map[0].map.basis = USAGE_BASIS_INVOCATIONS;
	map[0].model_id = (char *)"a.b";
	map[0].metric = "Invocations";
	map[1].quota_code = (char *)"L-2";
	map[1].map.mapping = USAGE_QUIET;
	map[1].map.rate = USAGE_RATE_TOKENS;
	res = (struct usage_result){ NULL, 0, map, 2 };
	memset(&u, 0, sizeof(u));
	u.status = STORE_USAGE_OK;
	u.start = 1764547200;
	u.end = 1764547200 + 600;
	for (i = 1; i <= 4; i++) {
		ck_assert_int_eq(store_run_begin(st, T0 + i * HOUR, &run), 0);
		ck_assert_int_eq(run, i);
		if (i == 3) {		/* L-2 now has a series */
			map[1].map.mapping = USAGE_MAPPED;
			map[1].map.basis = USAGE_BASIS_TOKENS_APPROX;
			map[1].model_id = (char *)"c.d";
			map[1].metric = "TokensInputPlusOutput";
		}
		if (i == 4)		/* L-2 is no longer a quota */
			res.nmaps = 1;
		ck_assert_int_eq(store_usage_record(st, run, "123456789012",
		    "us-east-1", &u, &res), 0);
		ck_assert_int_eq(store_run_finish(st, run, T0 + i * HOUR + 60,
		    RUN_STATUS_COMPLETE), 0);
		u.start = u.end;
		u.end += 600;
		if (i == 2)
			ck_assert_int_eq(qint(st, "SELECT count(*) FROM"
			    " usage_quota_map WHERE run_id = 1"), 2);
		if (i == 3)
			ck_assert_int_eq(qint(st, "SELECT count(*) FROM"
			    " usage_quota_map WHERE (quota_code = 'L-1' AND"
			    " run_id = 1) OR (quota_code = 'L-2' AND run_id = 3"
			    " AND mapping = 'mapped' AND model_id = 'c.d'"
			    " AND approximate = 1)"), 2);
	}
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM usage_quota_map"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM usage_quota_map"
	    " WHERE quota_code = 'L-1' AND run_id = 1"), 1);
	store_close(st);
}
END_TEST

START_TEST(test_usage_record)
{
	struct store		*st;
	struct snapshot		 snap;
	struct quota		*q;
	struct usage_row	 rows[2];
	struct usage_qmap	 map;
	struct usage_result	 res;
	struct store_usage_run	 u;
	long long		 run, end;

	memset(&snap, 0, sizeof(snap));
	snap.region = xstrdup("us-east-1");
	q = snapshot_add_quota(&snap);
	q->quota_code = xstrdup("L-1");
	q->level = xstrdup("ACCOUNT");
	q->context_scope = xstrdup("");
	q->context_id = xstrdup("");
	q->quota_name = xstrdup("On-demand model inference requests per "
	    "minute for A B");
	q->unit = xstrdup("None");
	q->applied_value = 100;
	q->has_applied = 1;
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(store_set_account(st, "123456789012"), 0);
	ck_assert_int_eq(store_run_begin(st, T0, &run), 0);
	ck_assert_int_eq(store_run_set_account(st, run, "123456789012"), 0);
	ck_assert_int_eq(store_region_ok(st, run, &snap, NULL), 0);
	ck_assert_int_eq(store_usage_last_end(st, "123456789012",
	    "us-east-1", &end), 0);
	ck_assert_int_eq(end, 0);
	memset(rows, 0, sizeof(rows));
	rows[0].model_id = (char *)"a.b";
	rows[0].metric = (char *)"Invocations";
	rows[0].day = (struct usage_day){ 1764547200, 50, 30, 1764547260, 20,
	    600, 3 };
	rows[1].model_id = (char *)"a.b";
	rows[1].metric = (char *)"InvocationThrottles";
	rows[1].day = (struct usage_day){ 1764547200, 9, 4, 1764547260, 0,
	    600, 5 };
	memset(&map, 0, sizeof(map));
	map.quota_code = (char *)"L-1";
	map.map.mapping = USAGE_MAPPED;
	map.map.rate = USAGE_RATE_REQUESTS;
	map.map.basis = USAGE_BASIS_INVOCATIONS;
	map.model_id = (char *)"a.b";
	map.metric = "Invocations";
	res = (struct usage_result){ rows, 2, &map, 1 };
	memset(&u, 0, sizeof(u));
	u.status = STORE_USAGE_OK;
	u.start = 1764547200;
	u.end = 1764547200 + 600 * 60;
	u.metrics = 2;
	ck_assert_int_eq(store_usage_record(st, run, "123456789012",
	    "us-east-1", &u, &res), 0);
	ck_assert_int_eq(store_usage_last_end(st, "123456789012",
	    "us-east-1", &end), 0);
	ck_assert_int_eq(end, u.end);
	/* the rest of the day, read by the next run */
	rows[0].day = (struct usage_day){ 1764547200, 40, 45, 1764589980, 35,
	    840, 2 };
	res.nrows = 1;
	res.nmaps = 0;			/* mappings kept */
	u.start = u.end;
	u.end = 1764547200 + 86400;
	ck_assert_int_eq(store_run_finish(st, run, T0 + 60,
	    RUN_STATUS_COMPLETE), 0);
	ck_assert_int_eq(store_run_begin(st, T0 + HOUR, &run), 0);
	ck_assert_int_eq(store_run_set_account(st, run, "123456789012"), 0);
	ck_assert_int_eq(store_usage_record(st, run, "123456789012",
	    "us-east-1", &u, &res), 0);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM usage_daily WHERE"
	    " metric = 'Invocations' AND day = '2025-12-01' AND sum = 90"
	    " AND peak = 45 AND peak_at = '2025-12-01T11:53:00Z'"
	    " AND p95 = 35 AND minutes = 1440 AND active = 5"
	    " AND first_run = 1 AND last_run = 2"), 1);
	/* the throttles were read by run 1 only: their own minutes */
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM usage_daily WHERE"
	    " metric = 'InvocationThrottles' AND sum = 9 AND minutes = 600"
	    " AND active = 5 AND peak_at = '2025-12-01T00:01:00Z'"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM usage_day WHERE"
	    " minutes = 1440 AND inv_minutes IS NULL AND thr_minutes = 600"
	    " AND in_sum IS NULL"), 1);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM quota_usage WHERE"
	    " quota_code = 'L-1' AND model_id = 'a.b' AND peak = 45"
	    " AND percent = 45.0 AND throttled_minutes = 5"
	    " AND rate = 'requests_per_minute' AND approximate = 0"), 1);
	/* denied: recorded with why; the window does not move */
	u.status = STORE_USAGE_FAILED;
	u.operation = "ListMetrics";
	u.http_status = 403;
	u.error_code = "AccessDenied";
	u.error_message = "not authorized";
	ck_assert_int_eq(store_run_finish(st, run, T0 + HOUR + 60,
	    RUN_STATUS_COMPLETE), 0);
	ck_assert_int_eq(store_run_begin(st, T0 + 2 * HOUR, &run), 0);
	ck_assert_int_eq(store_run_set_account(st, run, "123456789012"), 0);
	ck_assert_int_eq(store_usage_record(st, run, "123456789012",
	    "us-east-1", &u, NULL), 0);
	ck_assert_int_eq(store_usage_last_end(st, "123456789012",
	    "us-east-1", &end), 0);
	ck_assert_int_eq(end, 1764547200 + 86400);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM region_run_usage"
	    " WHERE run_id = 3 AND status = 'failed' AND http_status = 403"
	    " AND window_end IS NULL"), 1);
	/* another account has no window yet */
	ck_assert_int_eq(store_usage_last_end(st, "210987654321",
	    "us-east-1", &end), 0);
	ck_assert_int_eq(end, 0);
	snapshot_free(&snap);
	store_close(st);
}
END_TEST

/* interface ----------------------------------------------------------- */

static const struct view_columns {
	const char	*view;
	const char	*columns;	/* in order, space-separated */
} view_columns[] = {
	{ "runs", "run_id started_at finished_at status account_id "
	    "regions_ok regions_failed regions_partial regions_not_enabled" },
	{ "region_runs", "run_id region status operation http_status "
	    "error_code error_message started_at unknown_count failed_calls "
	    "usage_status usage_error_code usage_window_end usage_metrics "
	    "account_id" },
	{ "usage_daily", "account_id region model_id metric day sum peak "
	    "peak_at p95 minutes active first_run last_run" },
	{ "quota_usage", "account_id region quota_code quota_name "
	    "applied_value adjustable rate model_id metric approximate day "
	    "peak peak_at p95 sum percent throttled_minutes first_run" },
	{ "region_run_failures", "run_id region operation http_status "
	    "error_code error_message count rank account_id" },
	{ "region_parts_known", "run_id region part account_id" },
	{ "regions_now", "region last_run last_status last_ok_run "
	    "last_ok_at account_id" },
	{ "models_now", "region model_id model_name provider "
	    "lifecycle_status inference_types authorization_status "
	    "entitlement_availability agreement_status region_availability "
	    "start_of_life_time legacy_time public_extended_access_time "
	    "end_of_life_time agreement_message "
	    "first_seen last_changed since_run confirmed_run confirmed "
	    "account_id" },
	{ "models_history", "region model_id model_name provider "
	    "lifecycle_status inference_types authorization_status "
	    "entitlement_availability agreement_status region_availability "
	    "start_of_life_time legacy_time public_extended_access_time "
	    "end_of_life_time agreement_message "
	    "since_run until_run since_at until_at account_id" },
	{ "quotas_now", "region quota_code applied_at_level context_scope "
	    "context_id quota_name applied_value "
	    "default_value unit adjustable global_quota period_value "
	    "period_unit error_code error_message first_seen "
	    "last_changed since_run confirmed_run confirmed account_id" },
	{ "quotas_history", "region quota_code applied_at_level "
	    "context_scope context_id quota_name applied_value "
	    "default_value unit adjustable global_quota period_value "
	    "period_unit error_code error_message since_run until_run "
	    "since_at until_at account_id" },
	{ "profiles_now", "region profile_id profile_name profile_type "
	    "status model_ids regions first_seen last_changed since_run "
	    "confirmed_run confirmed account_id" },
	{ "profiles_history", "region profile_id profile_name profile_type "
	    "status model_ids regions since_run until_run since_at until_at "
	    "account_id" },
	{ "quota_requests_now", "region request_id quota_code quota_name "
	    "desired_value status case_id created last_updated request_type "
	    "requested_at_level requester first_seen "
	    "last_changed since_run confirmed_run confirmed account_id" },
	{ "quota_requests_history", "region request_id quota_code quota_name "
	    "desired_value status case_id created last_updated request_type "
	    "requested_at_level requester since_run "
	    "until_run since_at until_at account_id" },
	{ "changes", "change_id run_id detected_at region kind subject "
	    "subject_name old_value new_value path severity first_run "
	    "first_seen old_applied new_applied new_default applied_followed "
	    "adjustable entitlement quota_code alt_regions alt_profiles "
	    "desired_value field applied_unknown applied_at_level "
	    "context_scope context_id account_id" },
	{ "run_accounts", "run_id account_id status org_status operation "
	    "error_code error_message external_id" },
	{ "change_kinds", "kind description" },
	{ "change_paths", "path description" },
	{ "change_severities", "severity rank description" },
};

START_TEST(test_view_columns)
{
	const struct view_columns	*v = &view_columns[_i];
	struct store			*st;
	sqlite3_stmt			*s;
	struct buf			 b = BUF_INIT;

	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st), "SELECT name"
	    " FROM pragma_table_info(?1) ORDER BY cid", -1, &s, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(s, 1, v->view, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (b.len > 0)
			buf_addch(&b, ' ');
		buf_addstr(&b, (const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	ck_assert_str_eq(b.data != NULL ? b.data : "", v->columns);
	buf_free(&b);
	store_close(st);
}
END_TEST

START_TEST(test_identifiers_match_change_h)
{
	struct store	*st;
	sqlite3_stmt	*s;
	int		 i, n;

	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st), "SELECT"
	    " (SELECT count(*) FROM change_kinds WHERE kind = ?1) +"
	    " (SELECT count(*) FROM change_paths WHERE path = ?2) +"
	    " (SELECT count(*) FROM change_severities WHERE severity = ?3)",
	    -1, &s, NULL), SQLITE_OK);
	for (i = 0; i < CHANGE__COUNT; i++) {
		sqlite3_bind_text(s, 1, change_kind_name(i), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 2, change_path_name(i % PATH__COUNT), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 3, change_severity_name(i %
		    SEVERITY__COUNT), -1, SQLITE_STATIC);
		ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
		n = sqlite3_column_int(s, 0);
		ck_assert_msg(n == 3, "%s not in change_kinds",
		    change_kind_name(i));
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM change_kinds"),
	    CHANGE__COUNT);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM change_paths"),
	    PATH__COUNT);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM change_severities"),
	    SEVERITY__COUNT);
	store_close(st);
}
END_TEST

/* 1 if the line holding "p" (inside "sql") follows a "--" comment line. */
static int
after_comment(const char *sql, const char *p)
{
	const char	*prev;

	for (prev = p - 1; prev > sql && *prev != '\n'; prev--)
		;
	for (prev--; prev > sql && *prev != '\n'; prev--)
		;
	prev += strspn(prev, "\n\t ");
	return strncmp(prev, "--", 2) == 0;
}

/*
 * 1 if the line defining "col" in "table" follows a "--" comment line:
 * in its CREATE TABLE, in the CREATE TABLE <table>_new of a rebuild
 * (the table is then renamed), or in an ALTER TABLE ... ADD COLUMN.
 */
static int
column_commented(const char *sql, const char *table, const char *col)
{
	static const char *const suffix[] = { " (", "_new (" };
	char		 pat[128];
	const char	*t, *end, *p;
	size_t		 n, i;

	(void)snprintf(pat, sizeof(pat), "ALTER TABLE %s ADD COLUMN %s ",
	    table, col);
	if ((p = strstr(sql, pat)) != NULL)
		return after_comment(sql, p + 1);
	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		(void)snprintf(pat, sizeof(pat), "CREATE TABLE %s%s", table,
		    suffix[i]);
		if ((t = strstr(sql, pat)) == NULL ||
		    (end = strstr(t, ") STRICT")) == NULL)
			continue;
		n = (size_t)snprintf(pat, sizeof(pat), "\n\t%s", col);
		for (p = t; (p = strstr(p, pat)) != NULL && p < end; p++)
			if (p[n] == ' ' || p[n] == '\t')
				return after_comment(sql, p + 1);
	}
	return 0;
}

START_TEST(test_schema_rules)
{
	struct store	*st;
	sqlite3_stmt	*s;
	const char	*table, *col;
	size_t		 i;
	int		 found, ncols = 0;

	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	/* Every table is STRICT. */
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM pragma_table_list"
	    " WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
	    " AND strict = 0"), 0);
	/* Every column has a "--" comment on the line above it. */
	ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st), "SELECT m.name,"
	    " c.name FROM sqlite_schema m, pragma_table_info(m.name) c"
	    " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%'",
	    -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		table = (const char *)sqlite3_column_text(s, 0);
		col = (const char *)sqlite3_column_text(s, 1);
		for (found = 0, i = 0; i < schema_migrationsz && !found; i++)
			found = column_commented(schema_migrations[i].sql,
			    table, col);
		ck_assert_msg(found, "%s.%s has no comment", table, col);
		ncols++;
	}
	sqlite3_finalize(s);
	ck_assert_int_gt(ncols, 60);
	/* Timestamps are ISO-8601 UTC text or nothing. */
	ck_assert_int_ne(sqlite3_exec(store_sqlite(st), "INSERT INTO run"
	    " (started_at) VALUES ('2025-06-15 15:06:40')", NULL, NULL, NULL),
	    SQLITE_OK);
	qexec(store_sqlite(st), "INSERT INTO run (started_at)"
	    " VALUES ('2025-06-15T15:06:40Z')");
	store_close(st);
}
END_TEST

/* bind ---------------------------------------------------------------- */

START_TEST(test_bind_unknown_name)
{
	static const struct store_sql q = { SLOT_RUN_STATUS, "run status",
	    "SELECT status FROM run WHERE run_id = :run_id" };
	struct store		*st;
	struct store_stmt	*s;
	char			*msg, *big;
	long long		 run;

	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(store_run_begin(st, T0, &run), 0);
	ck_assert_ptr_nonnull(s = store_stmt(st, &q));
	stderr_capture_start();
	store_bind_int(s, ":runid", run);
	ck_assert_int_eq(store_step(s), -1);
	msg = stderr_capture_end();
	ck_assert_ptr_nonnull(strstr(msg, "run status: no parameter :runid"));
	free(msg);
	/* The error does not stick to the next use. */
	ck_assert_ptr_nonnull(s = store_stmt(st, &q));
	store_bind_int(s, ":run_id", run);
	ck_assert_int_eq(store_step(s), 1);
	msg = store_col_text(s, 0);
	ck_assert_str_eq(msg, "running");
	free(msg);
	store_reset(s);
	/* Text over the ceiling is refused, not cut. */
	big = xcalloc(1, STORE_MAX_TEXT_BYTES + 2);
	memset(big, 'a', STORE_MAX_TEXT_BYTES + 1);
	stderr_capture_start();
	ck_assert_int_eq(store_run_set_account(st, run, big), -1);
	msg = stderr_capture_end();
	ck_assert_ptr_nonnull(strstr(msg, "text too long for :account_id"));
	free(msg);
	free(big);
	store_close(st);
}
END_TEST

/* size ---------------------------------------------------------------- */

#define BIG_REGIONS	30
#define BIG_MODELS	150
#define BIG_QUOTAS	400
#define BIG_RUNS	20	/* unchanged runs averaged */

static void
big_snapshot(struct snapshot *s, int region)
{
	char	id[64];
	int	i;

	memset(s, 0, sizeof(*s));
	s->region = xasprintf("test-%02d", region);
	for (i = 0; i < BIG_MODELS; i++) {
		(void)snprintf(id, sizeof(id), "vendor.model-%03d-v1:0", i);
		model(s, id, i % 3 ? "AUTHORIZED" : "NOT_AUTHORIZED");
	}
	for (i = 0; i < BIG_QUOTAS; i++) {
		(void)snprintf(id, sizeof(id), "L-%08X", i * 7919);
		quota(s, id, i % 5 != 0, i * 1000.0, 1, i * 2000.0);
	}
	snapshot_sort(s);
}

/* The size of the database file once the WAL is folded in. */
static long long
db_bytes(struct store *st)
{
	struct stat	sb;

	ck_assert_int_eq(sqlite3_wal_checkpoint_v2(store_sqlite(st), NULL,
	    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(stat(dbpath, &sb), 0);
	return (long long)sb.st_size;
}

/* One run over every region; returns the ms spent in the store. */
static long long
big_run(struct store *st, int n, struct snapshot *snaps)
{
	long long	run, t;
	int		i;

	t = util_now_ms();
	ck_assert_int_eq(store_run_begin(st, T0 + n * HOUR, &run), 0);
	for (i = 0; i < BIG_REGIONS; i++)
		ck_assert_int_eq(store_region_ok(st, run, &snaps[i], NULL), 0);
	ck_assert_int_eq(store_run_finish(st, run, T0 + n * HOUR + 60,
	    RUN_STATUS_COMPLETE), 0);
	return util_now_ms() - t;
}

START_TEST(test_size_unchanged_run)
{
	struct store	*st;
	struct snapshot	 snaps[BIG_REGIONS];
	long long	 ms1, ms2, s0, s1, s2, s3, rows;
	int		 i;

	for (i = 0; i < BIG_REGIONS; i++)
		big_snapshot(&snaps[i], i);
	st = open_locked(NULL);
	s0 = db_bytes(st);
	ms1 = big_run(st, 0, snaps);
	s1 = db_bytes(st);
	rows = state_rows(st);
	ck_assert_int_eq(rows, BIG_REGIONS * (BIG_MODELS + BIG_QUOTAS));
	ms2 = big_run(st, 1, snaps);
	s2 = db_bytes(st);
	ck_assert_int_eq(state_rows(st), rows);
	for (i = 2; i < BIG_RUNS + 2; i++)
		(void)big_run(st, i, snaps);
	s3 = db_bytes(st);
	printf("store: first run of %d regions x %d models x %d quotas: "
	    "%lld ms, database %lld -> %lld bytes\n", BIG_REGIONS, BIG_MODELS,
	    BIG_QUOTAS, ms1, s0, s1);
	printf("store: unchanged run: %lld ms, +%lld bytes; "
	    "%d more unchanged runs: +%.0f bytes each on average\n", ms2,
	    s2 - s1, BIG_RUNS, (double)(s3 - s2) / BIG_RUNS);
	ck_assert_int_le(s2 - s1, 8192);
	ck_assert_int_le((s3 - s2) / BIG_RUNS, 8192);
	for (i = 0; i < BIG_REGIONS; i++)
		snapshot_free(&snaps[i]);
	store_close(st);
}
END_TEST

/*
 * A year of daily usage: USE_REGIONS x USE_MODELS series, each day read
 * by two runs (two half days merged into the day's row), six metrics
 * with the magnitudes of a busy model (tokens in the billions a day).
 * Deterministic: the values come from a fixed xorshift sequence.
 */
#define USE_REGIONS	3
#define USE_MODELS	10
#define USE_DAYS	365
#define USE_METRICS	6
/* bytes per (model, day) as written: measured 142 (123 after VACUUM;
   0006's rows: 903) */
#define USE_MAX_BYTES	160

static unsigned long long use_state = 88172645463325252ULL;

/* The next value of the sequence in [lo, hi]. */
static long long
use_rand(long long lo, long long hi)
{
	use_state ^= use_state << 13;
	use_state ^= use_state >> 7;
	use_state ^= use_state << 17;
	return lo + (long long)(use_state % (unsigned long long)(hi - lo + 1));
}

/* Half day "half" (0, 1) of "day" of one metric with sum "sum". */
static void
use_day(struct usage_day *d, long long day, int half, long long sum,
    int throttles)
{
	memset(d, 0, sizeof(*d));
	d->day = day;
	d->minutes = 720;
	d->sum = (double)sum;
	if (sum == 0)
		return;
	d->peak = (double)(sum / use_rand(150, 400) + 1);
	d->peak_at = day + half * 43200 + use_rand(0, 719) * 60;
	d->p95 = floor(d->peak / 2);
	d->active = (int)(throttles ? use_rand(1, 30) : use_rand(1, 720));
}

/* The rows of one region's half day: six metrics per model. */
static void
use_rows(struct usage_row *rows, char ids[][64], long long day, int half)
{
	static const char *const metrics[USE_METRICS] = { "Invocations",
	    "InvocationThrottles", "InputTokenCount", "OutputTokenCount",
	    "EstimatedTPMQuotaUsage", "TokensInputPlusOutput" };
	long long	 inv, in, out, sums[USE_METRICS];
	int		 m, k;

	for (m = 0; m < USE_MODELS; m++) {
		inv = use_rand(500, 100000);
		in = inv * use_rand(300, 3000);
		out = inv * use_rand(50, 800);
		sums[0] = inv;
		sums[1] = use_rand(0, 4) == 0 ? use_rand(1, 250) : 0;
		sums[2] = in;
		sums[3] = out;
		sums[4] = in + out * 5;
		sums[5] = in + out;
		for (k = 0; k < USE_METRICS; k++) {
			rows[m * USE_METRICS + k].model_id = ids[m];
			rows[m * USE_METRICS + k].metric = (char *)metrics[k];
			use_day(&rows[m * USE_METRICS + k].day, day, half,
			    sums[k], k == 1);
		}
	}
}

/* The bytes of the pages in use (the free list left out). */
static long long
use_bytes(struct store *st)
{
	return (qint(st, "PRAGMA page_count") -
	    qint(st, "PRAGMA freelist_count")) * qint(st, "PRAGMA page_size");
}

START_TEST(test_size_usage_year)
{
	struct store		*st;
	struct usage_row	 rows[USE_MODELS * USE_METRICS];
	struct usage_result	 res = { rows, USE_MODELS * USE_METRICS,
				    NULL, 0 };
	struct store_usage_run	 u;
	char			 ids[USE_MODELS][64], region[32];
	long long		 run, day, written, vacuumed, base, n;
	int			 d, half, r;

	for (d = 0; d < USE_MODELS; d++)
		(void)snprintf(ids[d], sizeof(ids[d]),
		    "anthropic.claude-model-%03d-v1:0", d);
	st = open_locked(NULL);
	ck_assert_int_eq(store_set_account(st, "123456789012"), 0);
	memset(&u, 0, sizeof(u));
	u.status = STORE_USAGE_OK;
	u.metrics = USE_MODELS * USE_METRICS;
	for (d = 0; d < USE_DAYS; d++)
		for (half = 0; half < 2; half++) {
			day = 1735689600LL + d * 86400LL;  /* 2025-01-01 */
			u.start = day + half * 43200;
			u.end = u.start + 43200;
			ck_assert_int_eq(store_run_begin(st, u.end + 600, &run),
			    0);
			for (r = 0; r < USE_REGIONS; r++) {
				(void)snprintf(region, sizeof(region),
				    "test-%d", r);
				use_rows(rows, ids, day, half);
				ck_assert_int_eq(store_usage_record(st, run,
				    "123456789012", region, &u, &res), 0);
			}
			ck_assert_int_eq(store_run_finish(st, run, u.end + 660,
			    RUN_STATUS_COMPLETE), 0);
		}
	n = (long long)USE_REGIONS * USE_MODELS * USE_DAYS;
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM usage_day"), n);
	ck_assert_int_eq(qint(st, "SELECT count(*) FROM usage_daily"),
	    n * USE_METRICS);
	written = use_bytes(st);
	qexec(store_sqlite(st), "VACUUM");
	vacuumed = use_bytes(st);
	/* What the runs themselves take: the same file without usage. */
	qexec(store_sqlite(st), "DELETE FROM usage_day;"
	    " DELETE FROM usage_series; VACUUM");
	base = use_bytes(st);
	printf("store: a year of usage of %d series: %.1f bytes per "
	    "(model, day) as written, %.1f vacuumed\n", USE_REGIONS *
	    USE_MODELS, (double)(written - base) / n,
	    (double)(vacuumed - base) / n);
	ck_assert_int_le((written - base) / n, USE_MAX_BYTES);
	store_close(st);
}
END_TEST

static Suite *
store_suite(void)
{
	Suite	*s = suite_create("store");
	TCase	*tc;

	tc = tcase_create("migrate");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_migrate_fresh);
	tcase_add_loop_test(tc, test_migrate_from_every_version, 0,
	    (int)schema_migrationsz + 1);
	tcase_add_test(tc, test_migrate_memory);
	tcase_add_test(tc, test_migrate_keeps_history);
	tcase_add_test(tc, test_migrate_notification_account);
	tcase_add_test(tc, test_migrate_external_id_unknown);
	tcase_add_test(tc, test_migrate_partial_regions);
	tcase_add_test(tc, test_migrate_usage_packed);
	tcase_add_test(tc, test_partial_region_views);
	tcase_add_test(tc, test_refuse_newer);
	tcase_add_test(tc, test_refuse_foreign);
	tcase_add_test(tc, test_refuse_rdonly);
	tcase_add_test(tc, test_refuse_not_regular);
	tcase_add_test(tc, test_file_modes);
	suite_add_tcase(s, tc);
	tc = tcase_create("roundtrip");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_roundtrip);
	tcase_add_test(tc, test_account_scopes);
	tcase_add_test(tc, test_run_accounts_read);
	tcase_add_test(tc, test_run_failure);
	tcase_add_test(tc, test_account_resolve);
	tcase_add_test(tc, test_reply_facts_roundtrip);
	tcase_add_test(tc, test_empty_region_found);
	tcase_add_test(tc, test_null_strings);
	tcase_add_test(tc, test_bad_snapshot_writes_nothing);
	suite_add_tcase(s, tc);
	tc = tcase_create("history");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_unchanged_adds_no_rows);
	tcase_add_test(tc, test_changed_field);
	tcase_add_test(tc, test_region_ok_from);
	tcase_add_test(tc, test_region_unchanged);
	tcase_add_test(tc, test_sync_per_run);
	tcase_add_test(tc, test_region_seen);
	tcase_add_test(tc, test_quota_value_changes);
	tcase_add_test(tc, test_vanished_closed);
	tcase_add_test(tc, test_reappear_first_seen);
	tcase_add_test(tc, test_failed_region_keeps_rows);
	tcase_add_test(tc, test_as_of);
	tcase_add_test(tc, test_crash_no_half_region);
	suite_add_tcase(s, tc);
	tc = tcase_create("runs");
	tcase_add_test(tc, test_runs);
	tcase_add_test(tc, test_run_status_unknown);
	tcase_add_test(tc, test_run_errors);
	tcase_add_test(tc, test_region_runs);
	suite_add_tcase(s, tc);
	tc = tcase_create("notifications");
	tcase_add_test(tc, test_notify_once);
	tcase_add_test(tc, test_notify_rejected);
	suite_add_tcase(s, tc);
	tc = tcase_create("changes");
	tcase_add_test(tc, test_changes_roundtrip);
	tcase_add_test(tc, test_changes_rejected);
	suite_add_tcase(s, tc);
	tc = tcase_create("lock");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_lock_busy);
	tcase_add_test(tc, test_lock_other_process);
	tcase_add_test(tc, test_reader_not_blocked);
	suite_add_tcase(s, tc);
	tc = tcase_create("usage");
	tcase_add_test(tc, test_usage_record);
	tcase_add_test(tc, test_usage_maps_change_only);
	suite_add_tcase(s, tc);
	tc = tcase_create("interface");
	tcase_add_loop_test(tc, test_view_columns, 0,
	    sizeof(view_columns) / sizeof(view_columns[0]));
	tcase_add_test(tc, test_identifiers_match_change_h);
	tcase_add_test(tc, test_schema_rules);
	tcase_add_test(tc, test_bind_unknown_name);
	suite_add_tcase(s, tc);
	tc = tcase_create("size");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_size_unchanged_run);
	tcase_add_test(tc, test_size_usage_year);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(store_suite());
}
