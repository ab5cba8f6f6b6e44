/*
 * check_accounts.c: the account lists of collect --accounts (sorted,
 * duplicates dropped, comments, every bad token refused with a bounded
 * quote), role names, and the member role ARN in the caller's partition.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "util.h"
#include "helper_check.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* A list and what it parses to: the IDs space-joined, or NULL: refused. */
static const struct list_row {
	const char	*text;
	const char	*want;
} list_rows[] = {
	{ "111111111111", "111111111111" },
	{ "222222222222,111111111111", "111111111111 222222222222" },
	{ " 111111111111 ,\t222222222222\n", "111111111111 222222222222" },
	{ "111111111111,111111111111", "111111111111" },
	{ "# members\n333333333333 # three\n111111111111\n\n",
	    "111111111111 333333333333" },
	{ "111111111111#no space before the comment", "111111111111" },
	{ "", NULL },
	{ " , ,\n", NULL },
	{ "# only a comment\n", NULL },
	{ "12345", NULL },
	{ "1111111111112", NULL },
	{ "11111111111a", NULL },
	{ "111111111111;222222222222", NULL },
	{ "arn:aws:iam::111111111111:root", NULL },
	{ "-111111111111", NULL },
};

START_TEST(test_parse)
{
	const struct list_row	*r = &list_rows[_i];
	struct buf		 b = BUF_INIT;
	char			**v = NULL, *cause = NULL;
	size_t			 n = 0, i;
	int			 rc;

	rc = accounts_parse(r->text, strlen(r->text), &v, &n, &cause);
	if (r->want == NULL) {
		ck_assert_int_eq(rc, -1);
		ck_assert_ptr_nonnull(cause);
		ck_assert_ptr_null(v);
		ck_assert_uint_eq(n, 0);
		free(cause);
		return;
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_null(cause);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addch(&b, ' ');
		buf_addstr(&b, v[i]);
	}
	ck_assert_str_eq(b.data, r->want);
	buf_free(&b);
	accounts_free(v, n);
}
END_TEST

/* A NUL inside the text is a bad token, not the end of the list. */
START_TEST(test_parse_nul_and_quote)
{
	static const char	 text[] = "111111111111,2222\0002222222";
	char			**v = NULL, *cause = NULL;
	size_t			 n = 0;
	struct buf		 b = BUF_INIT;
	int			 i;

	ck_assert_int_eq(accounts_parse(text, sizeof(text) - 1, &v, &n,
	    &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "2222?2222222"));
	free(cause);
	/* A long bad token is quoted in part. */
	for (i = 0; i < 100; i++)
		buf_addch(&b, 'x');
	ck_assert_int_eq(accounts_parse(b.data, b.len, &v, &n, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "\"xxxxxxxxxxxxxxxx...\""));
	ck_assert_uint_lt(strlen(cause), 80);
	free(cause);
	buf_free(&b);
}
END_TEST

START_TEST(test_parse_too_many)
{
	struct buf	 b = BUF_INIT;
	char		**v = NULL, *cause = NULL;
	size_t		 n = 0;
	int		 i;

	for (i = 0; i <= ACCOUNTS_MAX; i++)
		buf_printf(&b, "%012d\n", i);
	ck_assert_int_eq(accounts_parse(b.data, b.len, &v, &n, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "more than"));
	free(cause);
	/* exactly the maximum is fine */
	b.len -= 13;
	ck_assert_int_eq(accounts_parse(b.data, b.len, &v, &n, &cause), 0);
	ck_assert_uint_eq(n, ACCOUNTS_MAX);
	ck_assert_str_eq(v[0], "000000000000");
	accounts_free(v, n);
	buf_free(&b);
}
END_TEST

START_TEST(test_role_names)
{
	static const char *const good[] = { "BedrockAuditMember", "a",
	    "role+=,.@_-0",
	    "x234567890123456789012345678901234567890123456789012345678901234" };
	static const char *const bad[] = { "", "a b", "role/path", "rôle",
	    "x2345678901234567890123456789012345678901234567890123456789012345",
	    "a:b", "a*" };
	size_t	i;

	for (i = 0; i < NITEMS(good); i++)
		ck_assert_msg(accounts_role_name_valid(good[i]), "%s", good[i]);
	for (i = 0; i < NITEMS(bad); i++)
		ck_assert_msg(!accounts_role_name_valid(bad[i]), "%s", bad[i]);
}
END_TEST

START_TEST(test_partition_and_arn)
{
	static const struct {
		const char	*arn;
		const char	*partition;	/* NULL: not an ARN */
	} rows[] = {
		{ "arn:aws:iam::123456789012:user/x", "aws" },
		{ "arn:aws-cn:sts::123456789012:assumed-role/r/s", "aws-cn" },
		{ "arn:aws-us-gov:iam::123456789012:root", "aws-us-gov" },
		{ "arn::iam::123456789012:root", NULL },
		{ "arn:AWS:iam::1:root", NULL },
		{ "arn:aws", NULL },
		{ "aws:iam::123456789012:root", NULL },
		{ "arn:aws-this-partition-name-is-far-too-long:iam::1:r", NULL },
	};
	char	*p, *arn;
	size_t	 i;

	for (i = 0; i < NITEMS(rows); i++) {
		p = accounts_partition(rows[i].arn);
		if (rows[i].partition == NULL)
			ck_assert_msg(p == NULL, "%s", rows[i].arn);
		else
			ck_assert_str_eq(p, rows[i].partition);
		free(p);
	}
	arn = accounts_role_arn("aws-cn", "111111111111", "Audit");
	ck_assert_str_eq(arn, "arn:aws-cn:iam::111111111111:role/Audit");
	free(arn);
}
END_TEST

/* --shard I/N, --shard auto and the job's environment. */
static const struct shard_row {
	const char	*spec, *count, *bidx, *bsize, *kidx;
	unsigned	 index, n;	/* 0, 0: refused */
} shard_rows[] = {
	{ "1/4", NULL, NULL, NULL, NULL, 1, 4 },
	{ "4/4", "4", NULL, NULL, NULL, 4, 4 },
	{ "1/1", NULL, NULL, NULL, NULL, 1, 1 },
	{ "0/4", NULL, NULL, NULL, NULL, 0, 0 },
	{ "5/4", NULL, NULL, NULL, NULL, 0, 0 },
	{ "2/4", "3", NULL, NULL, NULL, 0, 0 },
	{ "1/0", NULL, NULL, NULL, NULL, 0, 0 },
	{ "1/1001", NULL, NULL, NULL, NULL, 0, 0 },
	{ "4", NULL, NULL, NULL, NULL, 0, 0 },
	{ "a/4", NULL, NULL, NULL, NULL, 0, 0 },
	{ "1/4x", NULL, NULL, NULL, NULL, 0, 0 },
	{ "-1/4", NULL, NULL, NULL, NULL, 0, 0 },
	{ "auto", "4", "0", NULL, NULL, 1, 4 },
	{ "auto", NULL, "3", "4", NULL, 4, 4 },
	{ "auto", "4", "3", "4", NULL, 4, 4 },
	{ "auto", "3", "1", "4", NULL, 0, 0 },
	{ "auto", NULL, "4", "4", NULL, 0, 0 },
	{ "auto", NULL, "0", NULL, NULL, 0, 0 },
	{ "auto", "4", "x", NULL, NULL, 0, 0 },
	{ "auto", "4", "", NULL, NULL, 0, 0 },
	{ "auto", "4", NULL, NULL, "2", 3, 4 },
	{ "auto", NULL, NULL, NULL, "2", 0, 0 },
	{ "auto", "4", NULL, NULL, "-1", 0, 0 },
	{ "auto", "2", NULL, NULL, "2", 0, 0 },
	{ "auto", "4", NULL, NULL, NULL, 0, 0 },
	{ "auto", "0", NULL, NULL, "0", 0, 0 },
	/* AWS Batch's index wins over a Kubernetes one */
	{ "auto", "4", "1", NULL, "3", 2, 4 },
};

START_TEST(test_shard_parse)
{
	const struct shard_row	*r = &shard_rows[_i];
	struct accounts_shard	 sh;
	char			*cause = NULL;
	int			 rc;

	rc = accounts_shard_parse(r->spec, r->count, r->bidx, r->bsize,
	    r->kidx, &sh, &cause);
	if (r->n == 0) {
		ck_assert_msg(rc == -1, "row %d accepted", _i);
		ck_assert_ptr_nonnull(cause);
		free(cause);
		return;
	}
	ck_assert_msg(rc == 0, "row %d: %s", _i, cause);
	ck_assert_ptr_null(cause);
	ck_assert_uint_eq(sh.index, r->index);
	ck_assert_uint_eq(sh.count, r->n);
}
END_TEST

/* Deterministic pseudo-random account IDs (12 digits). */
static char **
shard_ids(size_t n, unsigned long long seed)
{
	char			**v = xreallocarray(NULL, n, sizeof(*v));
	size_t			 i;

	for (i = 0; i < n; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		v[i] = xasprintf("%012llu", (seed >> 20) % 1000000000000ULL);
	}
	return v;
}

/*
 * Every account is in exactly one shard of every N; which one does not
 * depend on the rest of the list (an account added to the list moves no
 * other); the shards are even.
 */
START_TEST(test_shard_slices)
{
	struct accounts_shard	 sh;
	char			**v, **w;
	size_t			 n = 1000, i, wn, total, count[16];
	unsigned		 k, shards, hits;

	v = shard_ids(n, 12345);
	for (shards = 1; shards <= 16; shards++) {
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++) {
			hits = 0;
			sh.count = shards;
			for (k = 1; k <= shards; k++) {
				sh.index = k;
				if (accounts_in_shard(v[i], &sh)) {
					hits++;
					count[k - 1]++;
				}
			}
			ck_assert_msg(hits == 1, "%s in %u shards of %u",
			    v[i], hits, shards);
		}
		for (k = 0; k < shards; k++)
			ck_assert_msg(count[k] > n / shards / 2 &&
			    count[k] < n / shards * 3 / 2,
			    "shard %u of %u has %zu of %zu", k + 1, shards,
			    count[k], n);
	}
	/* The filter keeps a shard's accounts, in order; the union is all. */
	total = 0;
	sh.count = 4;
	for (k = 1; k <= 4; k++) {
		sh.index = k;
		w = xreallocarray(NULL, n, sizeof(*w));
		for (i = 0; i < n; i++)
			w[i] = xstrdup(v[i]);
		wn = n;
		accounts_shard_filter(w, &wn, &sh);
		for (i = 0; i < wn; i++) {
			ck_assert(accounts_in_shard(w[i], &sh));
			if (i > 0)
				ck_assert(strcmp(w[i - 1], w[i]) != 0);
		}
		total += wn;
		accounts_free(w, wn);
	}
	ck_assert_uint_eq(total, n);
	/* Known values: the ID modulo N. */
	sh.count = 4;
	sh.index = 4;
	ck_assert(accounts_in_shard("111111111111", &sh));	/* mod 4 = 3 */
	sh.index = 1;
	ck_assert(accounts_in_shard("444444444444", &sh));	/* mod 4 = 0 */
	ck_assert(!accounts_in_shard("111111111111", &sh));
	sh.count = 7;
	sh.index = 1 + (unsigned)(999999999999ULL % 7);
	ck_assert(accounts_in_shard("999999999999", &sh));
	accounts_free(v, n);
}
END_TEST

static Suite *
accounts_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("accounts");
	tc = tcase_create("list");
	tcase_add_loop_test(tc, test_parse, 0, (int)NITEMS(list_rows));
	tcase_add_test(tc, test_parse_nul_and_quote);
	tcase_add_test(tc, test_parse_too_many);
	suite_add_tcase(s, tc);
	tc = tcase_create("role");
	tcase_add_test(tc, test_role_names);
	tcase_add_test(tc, test_partition_and_arn);
	suite_add_tcase(s, tc);
	tc = tcase_create("shard");
	tcase_add_loop_test(tc, test_shard_parse, 0, (int)NITEMS(shard_rows));
	tcase_add_test(tc, test_shard_slices);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(accounts_suite());
}
