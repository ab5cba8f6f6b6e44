/*
 * check_change.c: the change module's own decisions: which class of
 * subject each kind is about.
 */
#include <check.h>
#include <stdlib.h>

#include "change.h"
#include "util.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* Every kind with the class its subject belongs to, in enum order. */
static const struct subject_row {
	enum change_kind	 kind;
	enum change_subject	 subject;
} subject_rows[] = {
	{ CHANGE_MODEL_ADDED, CHANGE_SUBJECT_MODEL },
	{ CHANGE_MODEL_REMOVED, CHANGE_SUBJECT_MODEL },
	{ CHANGE_MODEL_LIFECYCLE_CHANGED, CHANGE_SUBJECT_MODEL },
	{ CHANGE_MODEL_INFERENCE_TYPES_CHANGED, CHANGE_SUBJECT_MODEL },
	{ CHANGE_ACCESS_GRANTED, CHANGE_SUBJECT_MODEL },
	{ CHANGE_ACCESS_LOST, CHANGE_SUBJECT_MODEL },
	{ CHANGE_ENTITLEMENT_CHANGED, CHANGE_SUBJECT_MODEL },
	{ CHANGE_AGREEMENT_CHANGED, CHANGE_SUBJECT_MODEL },
	{ CHANGE_REGION_AVAILABILITY_CHANGED, CHANGE_SUBJECT_MODEL },
	{ CHANGE_QUOTA_ADDED, CHANGE_SUBJECT_QUOTA },
	{ CHANGE_QUOTA_REMOVED, CHANGE_SUBJECT_QUOTA },
	{ CHANGE_QUOTA_DEFAULT_CHANGED, CHANGE_SUBJECT_QUOTA },
	{ CHANGE_QUOTA_VALUE_CHANGED, CHANGE_SUBJECT_QUOTA },
	{ CHANGE_QUOTA_ADJUSTABLE_CHANGED, CHANGE_SUBJECT_QUOTA },
	{ CHANGE_QUOTA_REQUEST_CREATED, CHANGE_SUBJECT_REQUEST },
	{ CHANGE_QUOTA_REQUEST_STATUS_CHANGED, CHANGE_SUBJECT_REQUEST },
	{ CHANGE_PROFILE_ADDED, CHANGE_SUBJECT_PROFILE },
	{ CHANGE_PROFILE_REMOVED, CHANGE_SUBJECT_PROFILE },
};

_Static_assert(NITEMS(subject_rows) == CHANGE__COUNT,
    "one row per change kind");

START_TEST(test_subject_of_each_kind)
{
	const struct subject_row	*r = &subject_rows[_i];

	/* The rows are in enum order, so a missing kind is caught too. */
	ck_assert_int_eq(r->kind, _i);
	ck_assert_msg(change_subject(r->kind) == r->subject,
	    "%s: subject class %d, want %d", change_kind_name(r->kind),
	    change_subject(r->kind), r->subject);
}
END_TEST

START_TEST(test_subject_out_of_range)
{
	ck_assert_int_eq(change_subject(CHANGE__COUNT),
	    CHANGE_SUBJECT_UNKNOWN);
	ck_assert_int_eq(change_subject((enum change_kind)-1),
	    CHANGE_SUBJECT_UNKNOWN);
}
END_TEST

static Suite *
change_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("change");
	tc = tcase_create("subject");
	tcase_add_loop_test(tc, test_subject_of_each_kind, 0,
	    (int)NITEMS(subject_rows));
	tcase_add_test(tc, test_subject_out_of_range);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(change_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
