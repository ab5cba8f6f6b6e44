/*
 * check_org.c: the cross-account fold (org.h): entries of several
 * accounts about one (region, subject) become one group, with the
 * accounts where it was seen, the form most share, the accounts where it
 * differed or was absent, and the group's severity.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "entry.h"
#include "org.h"
#include "playbook.h"
#include "util.h"
#include "helper_check.h"

#define A	"111111111111"
#define B	"222222222222"
#define C	"333333333333"
#define D	"444444444444"

static long long	next_id = 1;

/* A classified change of "kind" in "region" about "subject". */
static void
add(struct change_list *l, enum change_kind kind, const char *region,
    const char *subject, const char *old, const char *new)
{
	struct change	*c = change_new();

	c->change_id = next_id++;
	c->run_id = 2;
	c->kind = kind;
	free(c->region);
	c->region = xstrdup(region);
	free(c->subject);
	c->subject = xstrdup(subject);
	free(c->old_value);
	c->old_value = xstrdup(old);
	free(c->new_value);
	c->new_value = xstrdup(new);
	change_parse_nums(c);
	playbook_classify(c);
	change_list_push(l, c);
}

/* The group about (region, subject), or NULL. */
static const struct org_group *
group_of(const struct org_list *l, const char *region, const char *subject)
{
	size_t	i;

	for (i = 0; i < l->len; i++)
		if (strcmp(l->items[i].region, region) == 0 &&
		    strcmp(l->items[i].subject, subject) == 0)
			return &l->items[i];
	return NULL;
}

struct world {
	struct change_list	c[4];
	struct entry_list	e[4];
	struct org_account	a[4];
	struct org_list		out;
};

static void
world_fold(struct world *w, size_t n)
{
	static const char *const ids[] = { A, B, C, D };
	size_t			 i;

	for (i = 0; i < n; i++) {
		entry_build(&w->c[i], &w->e[i]);
		w->a[i].account_id = ids[i];
		w->a[i].entries = &w->e[i];
		w->a[i].collected = 1;
	}
	org_fold(w->a, n, &w->out);
}

static void
world_free(struct world *w)
{
	size_t	i;

	org_list_free(&w->out);
	for (i = 0; i < 4; i++) {
		entry_list_free(&w->e[i]);
		change_list_free(&w->c[i]);
	}
}

/* A default lowered alike in three accounts: one group, 3 of 3. */
START_TEST(test_same_in_all)
{
	struct world		 w;
	const struct org_group	*g;
	size_t			 i;

	memset(&w, 0, sizeof(w));
	for (i = 0; i < 3; i++)
		add(&w.c[i], CHANGE_QUOTA_DEFAULT_CHANGED, "us-east-1",
		    "L-01447289", "2000", "1000");
	add(&w.c[1], CHANGE_ACCESS_LOST, "us-west-2", "m.haiku",
	    "AUTHORIZED", "NOT_AUTHORIZED");
	world_fold(&w, 3);
	ck_assert_uint_eq(w.out.collected, 3);
	ck_assert_uint_eq(w.out.len, 2);
	g = group_of(&w.out, "us-east-1", "L-01447289");
	ck_assert_ptr_nonnull(g);
	ck_assert_uint_eq(g->partsz, 3);
	ck_assert_uint_eq(g->alike, 3);
	ck_assert_uint_eq(g->absentsz, 0);
	ck_assert_str_eq(g->parts[0].account_id, A);
	ck_assert_str_eq(g->parts[2].account_id, C);
	ck_assert_int_eq(g->severity, g->lead->severity);
	/* B's own problem: one part, the others absent. */
	g = group_of(&w.out, "us-west-2", "m.haiku");
	ck_assert_ptr_nonnull(g);
	ck_assert_uint_eq(g->partsz, 1);
	ck_assert_str_eq(g->parts[0].account_id, B);
	ck_assert_uint_eq(g->absentsz, 2);
	ck_assert_str_eq(g->absent[0], A);
	ck_assert_str_eq(g->absent[1], C);
	/* Numbered in report order: the shared group, then B's own. */
	ck_assert_uint_eq(w.out.items[0].number, 1);
	ck_assert_uint_eq(w.out.items[0].partsz, 3);
	ck_assert_uint_eq(w.out.items[1].number, 2);
	world_free(&w);
}
END_TEST

/*
 * The report shows the groups of several accounts first, then each
 * account's own in account order, and numbers them as it shows them: an
 * action of one account comes after information seen in two, and C's
 * own after A's whatever their severity.
 */
START_TEST(test_report_order)
{
	struct world	w;
	size_t		i;

	memset(&w, 0, sizeof(w));
	add(&w.c[2], CHANGE_ACCESS_LOST, "us-east-1", "m.c",
	    "AUTHORIZED", "NOT_AUTHORIZED");
	for (i = 0; i < 2; i++)
		add(&w.c[i], CHANGE_MODEL_ADDED, "us-east-1", "m.new", "",
		    "ACTIVE");
	add(&w.c[0], CHANGE_MODEL_ADDED, "eu-west-1", "m.a", "", "ACTIVE");
	world_fold(&w, 3);
	ck_assert_uint_eq(w.out.len, 3);
	ck_assert_str_eq(w.out.items[0].subject, "m.new");
	ck_assert_str_eq(w.out.items[1].subject, "m.a");
	ck_assert_str_eq(w.out.items[2].subject, "m.c");
	ck_assert_int_gt(w.out.items[2].severity, w.out.items[0].severity);
	for (i = 0; i < w.out.len; i++)
		ck_assert_uint_eq(w.out.items[i].number, i + 1);
	world_free(&w);
}
END_TEST

/*
 * One quota changed in three accounts, two alike and one from another
 * old value: one group, the lead the shared form, the odd one marked;
 * an account collected without the change is absent, one not collected
 * is not.
 */
START_TEST(test_old_value_differs)
{
	struct world		 w;
	const struct org_group	*g;

	memset(&w, 0, sizeof(w));
	add(&w.c[0], CHANGE_QUOTA_VALUE_CHANGED, "us-east-1", "L-01F3CD81",
	    "50", "200");
	add(&w.c[1], CHANGE_QUOTA_VALUE_CHANGED, "us-east-1", "L-01F3CD81",
	    "1000", "200");
	add(&w.c[2], CHANGE_QUOTA_VALUE_CHANGED, "us-east-1", "L-01F3CD81",
	    "1000", "200");
	world_fold(&w, 4);
	w.a[3].collected = 0;
	org_list_free(&w.out);
	org_fold(w.a, 4, &w.out);
	ck_assert_uint_eq(w.out.collected, 3);
	ck_assert_uint_eq(w.out.len, 1);
	g = &w.out.items[0];
	ck_assert_uint_eq(g->partsz, 3);
	ck_assert_uint_eq(g->alike, 2);
	ck_assert_str_eq(entry_lead(g->lead)->old_value, "1000");
	ck_assert_int_eq(g->parts[0].alike, 0);
	ck_assert_int_eq(g->parts[1].alike, 1);
	ck_assert_int_eq(g->parts[2].alike, 1);
	ck_assert_uint_eq(g->absentsz, 0);
	/* D collected now, with nothing: absent. */
	w.a[3].collected = 1;
	org_list_free(&w.out);
	org_fold(w.a, 4, &w.out);
	ck_assert_uint_eq(w.out.collected, 4);
	ck_assert_uint_eq(w.out.items[0].absentsz, 1);
	ck_assert_str_eq(w.out.items[0].absent[0], D);
	world_free(&w);
}
END_TEST

/* The group takes its most severe part's severity, whatever the lead. */
START_TEST(test_severity_is_highest)
{
	struct world		 w;
	const struct org_group	*g;
	enum change_severity	 s0, s1;

	memset(&w, 0, sizeof(w));
	add(&w.c[0], CHANGE_ACCESS_GRANTED, "us-east-1", "m.sonnet",
	    "NOT_AUTHORIZED", "AUTHORIZED");
	add(&w.c[1], CHANGE_ACCESS_GRANTED, "us-east-1", "m.sonnet",
	    "NOT_AUTHORIZED", "AUTHORIZED");
	add(&w.c[2], CHANGE_ACCESS_LOST, "us-east-1", "m.sonnet",
	    "AUTHORIZED", "NOT_AUTHORIZED");
	world_fold(&w, 3);
	ck_assert_uint_eq(w.out.len, 1);
	g = &w.out.items[0];
	s0 = w.e[0].items[0].severity;
	s1 = w.e[2].items[0].severity;
	ck_assert_int_ne(s0, s1);	/* the fixture means something */
	ck_assert_int_eq(g->severity, s0 > s1 ? s0 : s1);
	ck_assert_uint_eq(g->alike, 2);
	ck_assert_int_eq(g->parts[2].alike, 0);
	ck_assert_ptr_eq(g->lead, &w.e[0].items[0]);
	world_free(&w);
}
END_TEST

/* Nothing in, nothing out; every entry lands in exactly one group. */
START_TEST(test_every_entry_once)
{
	struct world	w;
	size_t		i, j, total = 0, parts = 0;

	memset(&w, 0, sizeof(w));
	world_fold(&w, 2);
	ck_assert_uint_eq(w.out.len, 0);
	ck_assert_uint_eq(w.out.collected, 2);
	org_list_free(&w.out);
	for (i = 0; i < 3; i++) {
		add(&w.c[i], CHANGE_MODEL_ADDED, "us-east-1", "m.new", "",
		    "ACTIVE");
		add(&w.c[i], CHANGE_QUOTA_DEFAULT_CHANGED, i == 0 ?
		    "eu-west-1" : "us-east-1", "L-1", "10", "5");
	}
	world_fold(&w, 3);
	for (i = 0; i < 3; i++)
		total += w.e[i].len;
	for (i = 0; i < w.out.len; i++) {
		parts += w.out.items[i].partsz;
		for (j = 0; j < w.out.items[i].partsz; j++)
			ck_assert_str_eq(w.out.items[i].parts[j].entry->region,
			    w.out.items[i].region);
	}
	ck_assert_uint_eq(parts, total);
	ck_assert_uint_eq(w.out.len, 3);
	ck_assert_uint_eq(group_of(&w.out, "eu-west-1", "L-1")->partsz, 1);
	ck_assert_uint_eq(group_of(&w.out, "us-east-1", "L-1")->partsz, 2);
	world_free(&w);
}
END_TEST

static Suite *
org_suite(void)
{
	Suite	*s = suite_create("org");
	TCase	*tc = tcase_create("fold");

	tcase_add_test(tc, test_same_in_all);
	tcase_add_test(tc, test_old_value_differs);
	tcase_add_test(tc, test_severity_is_highest);
	tcase_add_test(tc, test_every_entry_once);
	tcase_add_test(tc, test_report_order);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(org_suite());
}
