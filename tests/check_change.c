/*
 * check_change.c: the change module's own decisions: which class of
 * subject each kind is about, and quota numbers as text and as numbers.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "util.h"
#include "helper_check.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* Every kind with the class its subject belongs to, in enum order. */
static const struct subject_row {
	enum change_kind	 kind;
	enum change_subject	 subject;
} subject_rows[] = {
	{ CHANGE_MODEL_ADDED, CHANGE_SUBJECT_MODEL },
	{ CHANGE_MODEL_REMOVED, CHANGE_SUBJECT_MODEL },
	{ CHANGE_MODEL_LIFECYCLE_CHANGED, CHANGE_SUBJECT_MODEL },
	{ CHANGE_MODEL_LIFECYCLE_DATE_CHANGED, CHANGE_SUBJECT_MODEL },
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
	{ CHANGE_USAGE_NEAR_QUOTA, CHANGE_SUBJECT_QUOTA },
	{ CHANGE_THROTTLED_BELOW_QUOTA, CHANGE_SUBJECT_QUOTA },
	{ CHANGE_THROTTLED_AT_QUOTA, CHANGE_SUBJECT_QUOTA },
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

/* The usage kinds, their names and the value that says they hold. */
START_TEST(test_usage_kinds)
{
	static const struct {
		enum change_kind k;
		const char	*name, *value;
	} rows[] = {
		{ CHANGE_USAGE_NEAR_QUOTA, "usage_near_quota", "near_quota" },
		{ CHANGE_THROTTLED_BELOW_QUOTA, "throttled_below_quota",
		    "throttled_below_quota" },
		{ CHANGE_THROTTLED_AT_QUOTA, "throttled_at_quota",
		    "throttled_at_quota" },
	};
	enum change_kind	k;
	size_t			i, n = 0;

	for (i = 0; i < NITEMS(rows); i++) {
		ck_assert_str_eq(change_kind_name(rows[i].k), rows[i].name);
		ck_assert_int_eq(change_kind_parse(rows[i].name, &k), 0);
		ck_assert_int_eq(k, rows[i].k);
		ck_assert_str_eq(change_usage_value(rows[i].k), rows[i].value);
		ck_assert_int_eq(change_kind_is_usage(rows[i].k), 1);
	}
	for (k = 0; k < CHANGE__COUNT; k++)
		n += change_kind_is_usage(k);
	ck_assert_uint_eq(n, NITEMS(rows));
	ck_assert_ptr_null(change_usage_value(CHANGE_QUOTA_VALUE_CHANGED));
	ck_assert_ptr_null(change_usage_value(CHANGE__COUNT));
}
END_TEST

/* A deep copy keeps the series and the evidence. */
START_TEST(test_usage_dup)
{
	struct change	*c = change_new(), *d;

	ck_assert_str_eq(c->usage_model, "");
	ck_assert_int_eq(c->usage.set, 0);
	free(c->usage_model);
	c->usage_model = xstrdup("us.m-1");
	c->usage.set = 1;
	c->usage.peak = 41200;
	d = change_dup(c);
	ck_assert_ptr_ne(d->usage_model, c->usage_model);
	ck_assert_str_eq(d->usage_model, "us.m-1");
	ck_assert(d->usage.set == 1 && d->usage.peak == 41200);
	change_free(c);
	change_free(d);
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

/* --- quota numbers --- */

/* Numbers as change_set_num() writes them, and what they read back as. */
static const struct set_row {
	int		 set;
	double		 v;
	const char	*text;
	int		 num_set;
} set_rows[] = {
	{ 1, 1000, "1000", 1 },
	{ 1, 0, "0", 1 },
	{ 1, 0.5, "0.5", 1 },
	{ 1, 1e10, "10000000000", 1 },
	{ 1, 1e15, "1000000000000000", 1 },
	{ 1, 1e20, "1e+20", 1 },
	{ 1, 0.1, "0.10000000000000001", 1 },
	{ 1, 123456.789, "123456.789", 1 },
	{ 0, 1000, "", 0 },
	{ 1, INFINITY, "inf", 0 },
};

START_TEST(test_set_num)
{
	const struct set_row	*r = &set_rows[_i];
	struct change		*c = change_new();

	c->kind = CHANGE_QUOTA_VALUE_CHANGED;
	c->new_num.v = 7;
	c->new_num.set = 1;
	change_set_num(&c->new_value, &c->new_num, r->set, r->v);
	ck_assert_str_eq(c->new_value, r->text);
	ck_assert_int_eq(c->new_num.set, r->num_set);
	if (r->num_set)
		ck_assert(c->new_num.v == r->v);
	/* The text reads back as the same number, bit for bit. */
	change_parse_nums(c);
	ck_assert_int_eq(c->new_num.set, r->num_set);
	if (r->num_set)
		ck_assert(c->new_num.v == r->v);
	change_free(c);
}
END_TEST

/* Text that is not wholly a finite number is no number. */
START_TEST(test_parse_nums_refuses)
{
	static const char *const bad[] = { "", "abc", "12abc", "1 000",
	    "nan", "inf", "-inf", "1e999", "0x", "." };
	struct change	*c;
	size_t		 i;

	for (i = 0; i < NITEMS(bad); i++) {
		c = change_new();
		c->kind = CHANGE_QUOTA_DEFAULT_CHANGED;
		free(c->old_applied);
		c->old_applied = xstrdup(bad[i]);
		c->old_applied_num.set = 1;
		change_parse_nums(c);
		ck_assert_msg(!c->old_applied_num.set, "\"%s\" read as %g",
		    bad[i], c->old_applied_num.v);
		change_free(c);
	}
}
END_TEST

/*
 * old_value and new_value are numbers only for the quota kinds whose
 * values are numbers; the applied and default values always are.
 */
START_TEST(test_parse_nums_by_kind)
{
	struct change	*c;
	int		 k, numeric;

	for (k = 0; k < CHANGE__COUNT; k++) {
		c = change_new();
		c->kind = (enum change_kind)k;
		free(c->old_value);
		c->old_value = xstrdup("20");
		free(c->new_value);
		c->new_value = xstrdup("10.5");
		free(c->new_default);
		c->new_default = xstrdup("1e+10");
		change_parse_nums(c);
		numeric = k == CHANGE_QUOTA_ADDED || k == CHANGE_QUOTA_REMOVED ||
		    k == CHANGE_QUOTA_DEFAULT_CHANGED ||
		    k == CHANGE_QUOTA_VALUE_CHANGED;
		ck_assert_msg(c->old_num.set == numeric &&
		    c->new_num.set == numeric, "%s: values as numbers %d/%d",
		    change_kind_name(c->kind), c->old_num.set, c->new_num.set);
		if (numeric)
			ck_assert(c->old_num.v == 20 && c->new_num.v == 10.5);
		ck_assert(c->new_default_num.set &&
		    c->new_default_num.v == 1e10);
		ck_assert(!c->old_applied_num.set && !c->new_applied_num.set);
		change_free(c);
	}
}
END_TEST

/*
 * change_dup() copies every string member: each copy equal and its own
 * (freeing both, as the sanitizer and valgrind runs do, finds a shared
 * pointer).  The list below is every char * of struct change.
 */
#define EVERY_STRING(X) X(first_seen) X(first_seen_local) X(region) \
	X(subject) X(subject_name) X(old_value) X(new_value) \
	X(old_applied) X(new_applied) X(new_default) X(entitlement) \
	X(authorization) X(agreement) X(region_availability) \
	X(agreement_message) X(quota_code) X(desired_value) \
	X(alt_regions) X(alt_profiles) X(field) X(level) \
	X(context_scope) X(context_id)

START_TEST(test_dup_copies_every_string)
{
	struct change	*c = change_new(), *d;

#define SET_ONE(f)	free(c->f); c->f = xstrdup(#f "-value");
	EVERY_STRING(SET_ONE)
#undef SET_ONE
	d = change_dup(c);
#define CHECK_ONE(f)	ck_assert_str_eq(d->f, #f "-value"); \
	ck_assert_ptr_ne(d->f, c->f);
	EVERY_STRING(CHECK_ONE)
#undef CHECK_ONE
	change_free(c);
	change_free(d);
}
END_TEST

START_TEST(test_num_less)
{
	struct change_num	one = { 1, 1 }, two = { 2, 1 };
	struct change_num	none = { 0, 0 }, neg = { -1, 1 };

	ck_assert(change_num_less(&one, &two));
	ck_assert(!change_num_less(&two, &one));
	ck_assert(!change_num_less(&one, &one));
	ck_assert(change_num_less(&neg, &one));
	/* An unset number is neither less nor more than anything. */
	ck_assert(!change_num_less(&none, &one));
	ck_assert(!change_num_less(&neg, &none));
	ck_assert(!change_num_less(&none, &none));
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
	tcase_add_test(tc, test_usage_kinds);
	tcase_add_test(tc, test_usage_dup);
	suite_add_tcase(s, tc);
	tc = tcase_create("numbers");
	tcase_add_loop_test(tc, test_set_num, 0, (int)NITEMS(set_rows));
	tcase_add_test(tc, test_parse_nums_refuses);
	tcase_add_test(tc, test_parse_nums_by_kind);
	tcase_add_test(tc, test_num_less);
	tcase_add_test(tc, test_dup_copies_every_string);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(change_suite());
}
