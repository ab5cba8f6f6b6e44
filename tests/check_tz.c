/*
 * check_tz.c: the reader's time zone (report --tz): which zones are
 * accepted, and local times next to UTC.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tz.h"
#include "util.h"
#include "helper_check.h"
#include "helper_stderr.h"

static const struct zone_row {
	const char	*zone;
	int		 ok;
} zone_rows[] = {
	{ "Asia/Tokyo", 1 },
	{ ":Asia/Tokyo", 1 },
	{ "UTC", 1 },
	{ "America/New_York", 1 },
	{ "JST-9", 1 },
	{ "EST5EDT,M3.2.0,M11.1.0", 1 },
	{ "<+09>-9", 1 },
	{ "Mars/Olympus", 0 },
	{ "Asia/Tokyo/..", 0 },
	{ "../../etc/passwd", 0 },
	{ "/etc/localtime", 0 },
	{ "Asia//Tokyo", 0 },
	{ "", 0 },
	{ "JS-9", 0 },
	{ "JST", 0 },
	{ ":JST-9", 0 },
};

START_TEST(test_valid)
{
	const struct zone_row	*r = &zone_rows[_i];
	const char		*cause = NULL;

	ck_assert_msg((tz_valid(r->zone, &cause) == 0) == r->ok,
	    "%s: want %s", r->zone, r->ok ? "valid" : "invalid");
	if (!r->ok)
		ck_assert_ptr_nonnull(cause);
}
END_TEST

START_TEST(test_too_long)
{
	char		 zone[TZ_MAX_NAME_BYTES + 8];
	const char	*cause = NULL;

	memset(zone, 'A', sizeof(zone) - 1);
	zone[sizeof(zone) - 1] = '\0';
	zone[3] = '9';
	ck_assert_int_eq(tz_valid(zone, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "too long"));
}
END_TEST

START_TEST(test_local_text)
{
	char	*t;

	ck_assert_int_eq(tz_use("Asia/Tokyo"), 0);
	t = tz_local_text("2025-06-02T03:00:00Z");
	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t, "2025-06-02 12:00 JST");
	free(t);
	/* Across midnight and a date. */
	t = tz_local_text("2025-12-31T20:30:00Z");
	ck_assert_str_eq(t, "2026-01-01 05:30 JST");
	free(t);
	ck_assert_int_eq(tz_use("America/New_York"), 0);
	t = tz_local_text("2025-01-15T12:00:00Z");
	ck_assert_str_eq(t, "2025-01-15 07:00 EST");
	free(t);
	t = tz_local_text("2025-07-15T12:00:00Z");
	ck_assert_str_eq(t, "2025-07-15 08:00 EDT");
	free(t);
	ck_assert_ptr_null(tz_local_text("yesterday"));
	ck_assert_ptr_null(tz_local_text(NULL));
	/* UTC itself: nothing to add next to UTC. */
	ck_assert_int_eq(tz_use("UTC"), 0);
	ck_assert_ptr_null(tz_local_text("2025-06-02T03:00:00Z"));
}
END_TEST

START_TEST(test_use_bad)
{
	stderr_capture_start();
	ck_assert_int_eq(tz_use("Mars/Olympus"), -1);
	stderr_expect_one("Mars/Olympus: no such time zone");
	ck_assert_int_eq(tz_use(NULL), 0);
}
END_TEST

static Suite *
tz_suite(void)
{
	Suite	*s = suite_create("tz");
	TCase	*tc = tcase_create("zones");

	tcase_add_loop_test(tc, test_valid, 0,
	    sizeof(zone_rows) / sizeof(zone_rows[0]));
	tcase_add_test(tc, test_too_long);
	tcase_add_test(tc, test_local_text);
	tcase_add_test(tc, test_use_bad);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(tz_suite());
}
