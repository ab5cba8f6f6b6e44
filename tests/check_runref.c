/*
 * check_runref.c: run references (runref_resolve()) against an in-memory
 * store of four runs: a number, "latest", a duration back from a fixed
 * "now", a date or time, and what must fail.
 */
#include <check.h>
#include <stdlib.h>
#include <time.h>

#include "runref.h"
#include "store.h"
#include "helper_stderr.h"
#include "helper_check.h"

#define T0	((time_t)1750000000)	/* 2025-06-15T15:06:40Z */
#define HOUR	((time_t)3600)
#define DAY	(24 * HOUR)

/* Start a run at "started" and end it with "status"; its run_id. */
static long long
add_run(struct store *st, time_t started, enum run_status status)
{
	long long	id;

	ck_assert_int_eq(store_run_begin(st, started, &id), 0);
	ck_assert_int_eq(store_run_finish(st, id, started + 60, status), 0);
	return id;
}

/*
 * Run 1 complete at T0, 2 failed at T0 + 1h, 3 partial at T0 + 2h,
 * 4 complete at T0 + 26h, 5 failed at T0 + 27h.
 */
static struct store *
five_runs(void)
{
	struct store	*st;

	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(add_run(st, T0, RUN_STATUS_COMPLETE), 1);
	ck_assert_int_eq(add_run(st, T0 + HOUR, RUN_STATUS_FAILED), 2);
	ck_assert_int_eq(add_run(st, T0 + 2 * HOUR, RUN_STATUS_PARTIAL), 3);
	ck_assert_int_eq(add_run(st, T0 + 26 * HOUR, RUN_STATUS_COMPLETE), 4);
	ck_assert_int_eq(add_run(st, T0 + 27 * HOUR, RUN_STATUS_FAILED), 5);
	return st;
}

/* runref_resolve() of "ref" at "now" succeeds, silently, with "want". */
static void
resolves(struct store *st, const char *ref, time_t now, long long want)
{
	long long	id = -1;

	stderr_capture_start();
	ck_assert_msg(runref_resolve(st, ref, now, &id) == 0, "%s failed",
	    ref);
	stderr_expect_none();
	ck_assert_msg(id == want, "%s: run %lld, want %lld", ref, id, want);
}

/* runref_resolve() of "ref" at "now" fails with one warning "msg". */
static void
fails(struct store *st, const char *ref, time_t now, const char *msg)
{
	long long	id;

	stderr_capture_start();
	ck_assert_msg(runref_resolve(st, ref, now, &id) == -1,
	    "%s resolved", ref);
	stderr_expect_one(msg);
}

START_TEST(test_number)
{
	struct store	*st = five_runs();

	resolves(st, "1", T0, 1);
	resolves(st, "3", T0, 3);
	/* A number names a run whatever its status. */
	resolves(st, "2", T0, 2);
	fails(st, "6", T0, "6: no such run in the database");
	fails(st, "9007199254740993", T0,
	    "not a run number, duration (24h, 7d) or date");
	store_close(st);
}
END_TEST

START_TEST(test_latest)
{
	struct store	*st = five_runs();

	/* Run 5 failed: the newest complete or partial run is 4. */
	resolves(st, "latest", T0, 4);
	store_close(st);
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	fails(st, "latest", T0, "latest: no such run in the database");
	(void)add_run(st, T0, RUN_STATUS_FAILED);
	fails(st, "latest", T0, "latest: no such run in the database");
	store_close(st);
}
END_TEST

START_TEST(test_duration)
{
	struct store	*st = five_runs();

	/* 24h before T0 + 27h is T0 + 3h: run 3. */
	resolves(st, "24h", T0 + 27 * HOUR, 3);
	/* At T0 + 26h exactly, 24h back is run 3's start: at or before. */
	resolves(st, "24h", T0 + 26 * HOUR, 3);
	resolves(st, "1h", T0 + 27 * HOUR, 4);
	/* 25h back from T0 + 26h30m is T0 + 1h30m: run 2 failed, so 1. */
	resolves(st, "25h", T0 + 26 * HOUR + 1800, 1);
	resolves(st, "7d", T0 + 7 * DAY + 2 * HOUR, 3);
	store_close(st);
}
END_TEST

/*
 * A duration that reaches back before the first run names no run, even
 * though every run is younger; runref_before_first() says so, and
 * "report --since" (issue #10) then starts at the first run.
 */
START_TEST(test_duration_before_first_run)
{
	struct store	*st = five_runs();
	long long	 first;
	int		 found;

	fails(st, "7d", T0 + 27 * HOUR, "7d: no such run in the database");
	fails(st, "24h", T0 + 3 * HOUR, "24h: no such run in the database");
	stderr_capture_start();
	ck_assert_int_eq(runref_before_first(st, "7d", T0 + 27 * HOUR), 1);
	ck_assert_int_eq(runref_before_first(st, "24h", T0 + 3 * HOUR), 1);
	ck_assert_int_eq(runref_before_first(st, "2025-06-14", T0), 1);
	/* A time with a run at or before it, a number, garbage: no. */
	ck_assert_int_eq(runref_before_first(st, "24h", T0 + 27 * HOUR), 0);
	ck_assert_int_eq(runref_before_first(st, "9", T0), 0);
	ck_assert_int_eq(runref_before_first(st, "yesterday", T0), 0);
	stderr_expect_none();
	ck_assert_int_eq(store_run_first(st, &first, &found), 0);
	ck_assert(found && first == 1);
	store_close(st);
}
END_TEST

/* The newest run, whatever its outcome; store_run_latest() skips failed. */
START_TEST(test_newest_run)
{
	struct store	*st = five_runs();
	long long	 id;
	int		 found;

	ck_assert_int_eq(store_run_newest(st, &id, &found), 0);
	ck_assert(found && id == 5);
	resolves(st, "latest", T0, 4);
	store_close(st);
	ck_assert_ptr_nonnull(st = store_open(":memory:", 0));
	ck_assert_int_eq(store_run_newest(st, &id, &found), 0);
	ck_assert(!found);
	ck_assert_int_eq(store_run_first(st, &id, &found), 0);
	ck_assert(!found);
	store_close(st);
}
END_TEST

START_TEST(test_date)
{
	struct store	*st = five_runs();

	/* A bare date is the end of that day. */
	resolves(st, "2025-06-15", T0, 3);
	resolves(st, "2025-06-16", T0, 4);
	resolves(st, "2030-01-01", T0, 4);
	/* Between runs 2 (failed) and 3: run 1. */
	resolves(st, "2025-06-15T16:30:00Z", T0, 1);
	resolves(st, "2025-06-15T17:06:40Z", T0, 3);
	resolves(st, "2025-06-16T18:00:00+02:00", T0, 3);
	fails(st, "2025-06-14", T0, "2025-06-14: no such run in the database");
	fails(st, "2025-06-15T15:06:39Z", T0, "no such run in the database");
	store_close(st);
}
END_TEST

START_TEST(test_garbage)
{
	struct store	*st = five_runs();
	const char	*bad[] = { "", "yesterday", "latest ", "-1", "3x",
	    "24 h", "2025-13-01", "2025-06-15T25:00:00Z", "0x10" };
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		fails(st, bad[i], T0, "not a run number, duration (24h, 7d) "
		    "or date");
	store_close(st);
}
END_TEST

/* The form alone, without a store: what argv parsing checks. */
START_TEST(test_check)
{
	const char	*good[] = { "latest", "17", "24h", "7d", "2025-06-15",
	    "2025-06-15T03:00:00Z", "99999" };
	const char	*bad[] = { "", "garbage", "latest ", "-1", "0x10",
	    "2025-13-01" };
	size_t		 i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		stderr_capture_start();
		ck_assert_msg(runref_check(good[i]) == 0, "%s", good[i]);
		stderr_expect_none();
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		stderr_capture_start();
		ck_assert_msg(runref_check(bad[i]) == -1, "%s", bad[i]);
		stderr_expect_one("not a run number, duration (24h, 7d) "
		    "or date");
	}
}
END_TEST

static Suite *
runref_suite(void)
{
	Suite	*s = suite_create("runref");
	TCase	*tc = tcase_create("resolve");

	tcase_add_test(tc, test_number);
	tcase_add_test(tc, test_latest);
	tcase_add_test(tc, test_duration);
	tcase_add_test(tc, test_duration_before_first_run);
	tcase_add_test(tc, test_newest_run);
	tcase_add_test(tc, test_date);
	tcase_add_test(tc, test_garbage);
	tcase_add_test(tc, test_check);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(runref_suite());
}
