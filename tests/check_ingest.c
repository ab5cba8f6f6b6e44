/*
 * check_ingest.c: ingest_region() on an in-memory store: a first
 * snapshot is a baseline, a changed one records its change classified,
 * an identical one records nothing, and a failed region (or one that
 * cannot be stored) is recorded as failed and keeps its state.  A
 * partial region records what it learnt and derives no change from what
 * it did not: a model whose access is unknown keeps its access, a failed
 * quota list removes no quota.
 */
#include <check.h>
#include <sqlite3.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "change.h"
#include "collect.h"
#include "ingest.h"
#include "snapshot.h"
#include "status.h"
#include "store.h"
#include "../src/store_int.h"
#include "util.h"
#include "helper_stderr.h"
#include "helper_check.h"

#define T0	((time_t)1750000000)	/* 2025-06-15T15:06:40Z */
#define HOUR	((time_t)3600)
#define REGION	"eu-central-1"
#define HAIKU	"anthropic.claude-3-haiku-20240307-v1:0"
#define NOVA	"amazon.nova-pro-v1:0"

static void
add_model(struct snapshot *s, const char *id, const char *auth)
{
	struct model	*m = snapshot_add_model(s);

	m->model_id = xstrdup(id);
	m->model_name = xstrdup(id);
	m->provider = xstrdup("Anthropic");
	m->lifecycle = xstrdup("ACTIVE");
	m->inference_types = xstrdup("ON_DEMAND");
	m->authorization = xstrdup(auth);
	m->entitlement = xstrdup("AVAILABLE");
	m->agreement = xstrdup("AVAILABLE");
	m->region_availability = xstrdup("AVAILABLE");
}

/*
 * A region that was collected: two models (Haiku with "haiku_auth") and
 * one quota, sorted.
 */
static void
region_ok(struct collect_region *r, const char *haiku_auth)
{
	struct quota	*q;

	memset(r, 0, sizeof(*r));
	r->region = REGION;
	r->ok = 1;
	r->status = REGION_STATUS_OK;
	r->snap.region = xstrdup(REGION);
	add_model(&r->snap, HAIKU, haiku_auth);
	add_model(&r->snap, NOVA, "AUTHORIZED");
	q = snapshot_add_quota(&r->snap);
	q->quota_code = xstrdup("L-00000001");
	q->quota_name = xstrdup("Tokens per minute");
	q->has_applied = q->has_default = 1;
	q->applied_value = q->default_value = 10000;
	q->unit = xstrdup("None");
	q->adjustable = 1;
	snapshot_sort(&r->snap);
}

/* Count a failure of "op" into "r", as collect does. */
static void
region_fail(struct collect_region *r, const char *op, long status,
    const char *code, const char *message)
{
	status_failure_add(&r->failures, &r->failuresz, op, status, code,
	    message);
	r->operation = r->failures[0].operation;
	r->http_status = r->failures[0].http_status;
	r->error_code = r->failures[0].error_code;
	r->error_message = r->failures[0].error_message;
}

/*
 * A region where no call answered: its ListFoundationModels got HTTP
 * 403 "code" ("message"), and the region is "status".
 */
static void
region_failed(struct collect_region *r, enum region_status status,
    const char *code, const char *message)
{
	memset(r, 0, sizeof(*r));
	r->region = REGION;
	r->status = status;
	region_fail(r, "ListFoundationModels", 403, code, message);
}

static void
region_free(struct collect_region *r)
{
	snapshot_free(&r->snap);
	status_failures_free(r->failures, r->failuresz);
}

/*
 * Ingest "r" as run "n" (started T0 + n hours) and finish the run with
 * "status"; return ingest_region()'s result, and the run in *run.
 */
static int
ingest_run(struct store *st, int n, struct collect_region *r,
    size_t *nchanges, long long *run)
{
	int	rc;

	ck_assert_int_eq(store_run_begin(st, T0 + n * HOUR, run), 0);
	rc = ingest_region(st, *run, r, nchanges);
	ck_assert_int_eq(store_run_finish(st, *run, T0 + n * HOUR + 60,
	    rc == 1 ? RUN_STATUS_COMPLETE : RUN_STATUS_FAILED), 0);
	return rc;
}

/* The changes recorded by run "run" alone. */
static void
changes_of(struct store *st, long long run, struct change_list *out)
{
	memset(out, 0, sizeof(*out));
	ck_assert_int_eq(store_changes(st, run - 1, run, out), 0);
}

/* The current state of REGION has Haiku with "auth" and two models. */
static void
check_current(struct store *st, const char *auth)
{
	struct snapshot		 cur;
	const struct model	*m;
	int			 found = 0;

	ck_assert_int_eq(store_load_current(st, REGION, &cur, &found), 0);
	ck_assert_int_eq(found, 1);
	ck_assert_uint_eq(cur.modelsz, 2);
	ck_assert_uint_eq(cur.quotasz, 1);
	ck_assert_ptr_nonnull(m = snapshot_find_model(&cur, HAIKU));
	ck_assert_str_eq(m->authorization, auth);
	snapshot_free(&cur);
}

/* The one region row of run "run": its status and error code. */
static void
check_region_run(struct store *st, long long run, enum region_status status,
    const char *operation, const char *code)
{
	struct store_region_run	*rr = NULL;
	size_t			 rrsz = 0;

	ck_assert_int_eq(store_region_runs(st, run, &rr, &rrsz), 0);
	ck_assert_uint_eq(rrsz, 1);
	ck_assert_str_eq(rr[0].region, REGION);
	ck_assert_int_eq(rr[0].status, status);
	ck_assert_str_eq(rr[0].operation, operation);
	ck_assert_str_eq(rr[0].error_code, code);
	store_region_runs_free(rr, rrsz);
}

/* Baseline, one change, nothing, failed: four runs in a row. */
START_TEST(test_ingest_sequence)
{
	struct store		*st;
	struct collect_region	 r;
	struct change_list	 l;
	struct change		*c;
	size_t			 n = 0;
	long long		 run;

	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(store_lock(st, 0), 0);

	/* First snapshot: the baseline, no changes. */
	region_ok(&r, "AUTHORIZED");
	stderr_capture_start();
	ck_assert_int_eq(ingest_run(st, 0, &r, &n, &run), 1);
	stderr_expect_none();
	region_free(&r);
	ck_assert_uint_eq(n, 0);
	changes_of(st, run, &l);
	ck_assert_uint_eq(l.len, 0);
	change_list_free(&l);
	check_current(st, "AUTHORIZED");
	check_region_run(st, run, REGION_STATUS_OK, "", "");

	/* Haiku's access lost: exactly that change, classified. */
	region_ok(&r, "NOT_AUTHORIZED");
	ck_assert_int_eq(ingest_run(st, 1, &r, &n, &run), 1);
	region_free(&r);
	ck_assert_uint_eq(n, 1);
	changes_of(st, run, &l);
	ck_assert_uint_eq(l.len, 1);
	c = l.items[0];
	ck_assert_int_eq(c->kind, CHANGE_ACCESS_LOST);
	ck_assert_str_eq(c->region, REGION);
	ck_assert_str_eq(c->subject, HAIKU);
	ck_assert_str_eq(c->old_value, "AUTHORIZED");
	ck_assert_str_eq(c->new_value, "NOT_AUTHORIZED");
	ck_assert_int_eq(c->run_id, run);
	/* The playbook ran: entitled but not authorized is P1, act. */
	ck_assert_int_eq(c->path, PATH_P1);
	ck_assert_int_eq(c->severity, SEVERITY_ACTION);
	change_list_free(&l);
	check_current(st, "NOT_AUTHORIZED");

	/* The same snapshot again: nothing recorded but the region row. */
	region_ok(&r, "NOT_AUTHORIZED");
	ck_assert_int_eq(ingest_run(st, 2, &r, &n, &run), 1);
	region_free(&r);
	ck_assert_uint_eq(n, 1);
	changes_of(st, run, &l);
	ck_assert_uint_eq(l.len, 0);
	change_list_free(&l);
	check_region_run(st, run, REGION_STATUS_OK, "", "");

	/* A failed region: recorded as failed, its rows stay current. */
	region_failed(&r, REGION_STATUS_FAILED, "AccessDeniedException",
	    "not authorized");
	stderr_capture_start();
	ck_assert_int_eq(ingest_run(st, 3, &r, &n, &run), 0);
	stderr_expect_none();
	region_free(&r);
	ck_assert_uint_eq(n, 1);
	check_region_run(st, run, REGION_STATUS_FAILED, "ListFoundationModels",
	    "AccessDeniedException");
	changes_of(st, run, &l);
	ck_assert_uint_eq(l.len, 0);
	change_list_free(&l);
	check_current(st, "NOT_AUTHORIZED");
	store_close(st);
}
END_TEST

/* A snapshot the store refuses: a failed region, state and count kept. */
START_TEST(test_ingest_store_error)
{
	struct store		*st;
	struct collect_region	 r;
	size_t			 n = 0;
	long long		 run;

	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(store_lock(st, 0), 0);
	region_ok(&r, "AUTHORIZED");
	ck_assert_int_eq(ingest_run(st, 0, &r, &n, &run), 1);
	region_free(&r);
	/* Access lost and a value SQLite would store as NULL. */
	region_ok(&r, "NOT_AUTHORIZED");
	r.snap.quotas[0].applied_value = NAN;
	stderr_capture_start();
	ck_assert_int_eq(ingest_run(st, 1, &r, &n, &run), 0);
	stderr_expect_one("not a finite number");
	region_free(&r);
	ck_assert_uint_eq(n, 0);
	check_region_run(st, run, REGION_STATUS_FAILED, "store", "StoreError");
	check_current(st, "AUTHORIZED");
	store_close(st);
}
END_TEST

/* The unknown rows of run "run": "part:subject" joined with ' '. */
static char *
unknown_rows(struct store *st, long long run)
{
	sqlite3_stmt	*q;
	struct buf	 b = BUF_INIT;

	ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st),
	    "SELECT part || ':' || subject FROM region_run_unknown"
	    " WHERE run_id = ?1 ORDER BY part, subject", -1, &q, NULL),
	    SQLITE_OK);
	sqlite3_bind_int64(q, 1, run);
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (b.len > 0)
			buf_addch(&b, ' ');
		buf_addstr(&b, (const char *)sqlite3_column_text(q, 0));
	}
	sqlite3_finalize(q);
	buf_addch(&b, '\0');
	return b.data;
}

/*
 * A partial region: Haiku's availability call failed (its access moves
 * from AUTHORIZED, as the call never said) and the quota list failed
 * (the quota is no longer in the snapshot).  No change, the region is
 * partial, the last known access and quota stay current; the next full
 * run compares with them.
 */
START_TEST(test_ingest_partial)
{
	struct store		*st;
	struct collect_region	 r;
	struct change_list	 l;
	struct model		*m;
	struct store_region_run	*rr = NULL;
	size_t			 rrsz = 0, n = 0;
	long long		 run;
	char			*u;

	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(store_lock(st, 0), 0);
	region_ok(&r, "AUTHORIZED");
	ck_assert_int_eq(ingest_run(st, 0, &r, &n, &run), 1);
	region_free(&r);

	region_ok(&r, "");
	r.status = REGION_STATUS_PARTIAL;
	ck_assert_ptr_nonnull(m = (struct model *)snapshot_find_model(&r.snap,
	    HAIKU));
	free(m->authorization);
	free(m->entitlement);
	m->authorization = m->entitlement = NULL;
	m->access_unknown = 1;
	/* What the model list says is known: Haiku became LEGACY. */
	free(m->lifecycle);
	m->lifecycle = xstrdup("LEGACY");
	/* A new model whose access is unknown: not recorded yet. */
	add_model(&r.snap, "zz.new-v1:0", "");
	r.snap.models[r.snap.modelsz - 1].access_unknown = 1;
	snapshot_sort(&r.snap);
	snapshot_move_part(NULL, &r.snap, REGION_PART_QUOTAS);
	r.snap.unknown = REGION_PART_BIT(REGION_PART_QUOTAS);
	region_fail(&r, "ListServiceQuotas", 503, "ServiceUnavailable", "x");
	region_fail(&r, "GetFoundationModelAvailability", 500, "500", "y");
	region_fail(&r, "GetFoundationModelAvailability", 500, "500", "y");
	ck_assert_int_eq(ingest_run(st, 1, &r, &n, &run), 1);
	region_free(&r);
	/* That one change, seen with Haiku's last known access. */
	ck_assert_uint_eq(n, 1);
	changes_of(st, run, &l);
	ck_assert_uint_eq(l.len, 1);
	ck_assert_int_eq(l.items[0]->kind, CHANGE_MODEL_LIFECYCLE_CHANGED);
	ck_assert_str_eq(l.items[0]->entitlement, "AVAILABLE");
	change_list_free(&l);
	check_current(st, "AUTHORIZED");
	ck_assert_int_eq(store_region_runs(st, run, &rr, &rrsz), 0);
	ck_assert_uint_eq(rrsz, 1);
	ck_assert_int_eq(rr[0].status, REGION_STATUS_PARTIAL);
	ck_assert_int_eq(rr[0].unknown_count, 3);
	ck_assert_int_eq(rr[0].failed_calls, 3);
	store_region_runs_free(rr, rrsz);
	u = unknown_rows(st, run);
	ck_assert_str_eq(u, "model_access:" HAIKU " model_access:zz.new-v1:0"
	    " quotas:");
	free(u);

	/* Everything known again, Haiku's access lost: that one change. */
	region_ok(&r, "NOT_AUTHORIZED");
	m = (struct model *)snapshot_find_model(&r.snap, HAIKU);
	free(m->lifecycle);
	m->lifecycle = xstrdup("LEGACY");
	ck_assert_int_eq(ingest_run(st, 2, &r, &n, &run), 1);
	region_free(&r);
	changes_of(st, run, &l);
	ck_assert_uint_eq(l.len, 1);
	ck_assert_int_eq(l.items[0]->kind, CHANGE_ACCESS_LOST);
	change_list_free(&l);
	check_current(st, "NOT_AUTHORIZED");
	store_close(st);
}
END_TEST

/*
 * A first collection that is partial: the quotas were never known, so
 * the next run's quotas are a baseline for them, not "added".
 */
START_TEST(test_ingest_partial_baseline)
{
	struct store		*st;
	struct collect_region	 r;
	struct change_list	 l;
	struct snapshot		 cur;
	size_t			 n = 0;
	long long		 run;
	int			 found;

	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(store_lock(st, 0), 0);
	region_ok(&r, "AUTHORIZED");
	r.status = REGION_STATUS_PARTIAL;
	snapshot_move_part(NULL, &r.snap, REGION_PART_QUOTAS);
	r.snap.unknown = REGION_PART_BIT(REGION_PART_QUOTAS);
	region_fail(&r, "ListAWSDefaultServiceQuotas", 0, "ConnectionReset",
	    "reset");
	ck_assert_int_eq(ingest_run(st, 0, &r, &n, &run), 1);
	region_free(&r);
	ck_assert_int_eq(store_load_current(st, REGION, &cur, &found), 0);
	ck_assert_int_eq(found, 1);
	ck_assert_uint_eq(cur.quotasz, 0);
	ck_assert_uint_eq(cur.unknown, REGION_PART_BIT(REGION_PART_QUOTAS));
	snapshot_free(&cur);

	region_ok(&r, "AUTHORIZED");
	ck_assert_int_eq(ingest_run(st, 1, &r, &n, &run), 1);
	region_free(&r);
	changes_of(st, run, &l);
	ck_assert_uint_eq(l.len, 0);
	change_list_free(&l);
	check_current(st, "AUTHORIZED");
	store_close(st);
}
END_TEST

/* A region that is not enabled: recorded so, with its failures. */
START_TEST(test_ingest_not_enabled)
{
	struct store		*st;
	struct collect_region	 r;
	size_t			 n = 0;
	long long		 run;

	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(store_lock(st, 0), 0);
	region_failed(&r, REGION_STATUS_NOT_ENABLED,
	    "UnrecognizedClientException",
	    "The security token included in the request is invalid.");
	stderr_capture_start();
	ck_assert_int_eq(ingest_run(st, 0, &r, &n, &run), 0);
	stderr_expect_none();
	region_free(&r);
	check_region_run(st, run, REGION_STATUS_NOT_ENABLED,
	    "ListFoundationModels", "UnrecognizedClientException");
	store_close(st);
}
END_TEST

static Suite *
ingest_suite(void)
{
	Suite	*s = suite_create("ingest");
	TCase	*tc = tcase_create("region");

	tcase_add_test(tc, test_ingest_sequence);
	tcase_add_test(tc, test_ingest_store_error);
	tcase_add_test(tc, test_ingest_partial);
	tcase_add_test(tc, test_ingest_partial_baseline);
	tcase_add_test(tc, test_ingest_not_enabled);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(ingest_suite());
}
