/*
 * check_ini.c: the AWS shared config/credentials file parser.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_testlib.h"
#include "ini.h"
#include "util.h"
#include "helper_check.h"

/* Parse a NUL-terminated fixture. */
static struct ini *
parse(const char *text)
{
	return ini_parse(text, strlen(text), "t");
}

START_TEST(test_sections_and_keys)
{
	struct ini	*ini;

	ini = parse("[default]\n"
	    "region = us-east-1\n"
	    "aws_access_key_id=AKIDDEFAULT\n"
	    "\n"
	    "[profile prod]\n"
	    "  Region  =   eu-west-1  \n"
	    "output = json # not a comment\n"
	    "[prod]\n"
	    "aws_access_key_id = AKIDPROD\n"
	    "[sso-session corp]\n"
	    "sso_region = us-east-2\n");
	ck_assert_ptr_nonnull(ini);
	ck_assert_uint_eq(ini_nsections(ini), 4);
	ck_assert_str_eq(ini_get(ini, "default", "region"), "us-east-1");
	ck_assert_str_eq(ini_get(ini, "default", "aws_access_key_id"),
	    "AKIDDEFAULT");
	/* keys ignore case, values are trimmed, '#' inside a value stays */
	ck_assert_str_eq(ini_get(ini, "profile prod", "region"), "eu-west-1");
	ck_assert_str_eq(ini_get(ini, "profile prod", "REGION"), "eu-west-1");
	ck_assert_str_eq(ini_get(ini, "profile prod", "output"),
	    "json # not a comment");
	ck_assert_str_eq(ini_get(ini, "prod", "aws_access_key_id"),
	    "AKIDPROD");
	ck_assert_str_eq(ini_get(ini, "sso-session corp", "sso_region"),
	    "us-east-2");
	/* section names are case-sensitive and not merged across prefixes */
	ck_assert_ptr_null(ini_get(ini, "Default", "region"));
	ck_assert_ptr_null(ini_get(ini, "prod", "region"));
	ck_assert_ptr_null(ini_get(ini, "default", "output"));
	ck_assert_ptr_null(ini_get(ini, "nosuch", "region"));
	ck_assert_int_eq(ini_has_section(ini, "profile prod"), 1);
	ck_assert_int_eq(ini_has_section(ini, "profile"), 0);
	ini_free(ini);
}
END_TEST

START_TEST(test_comments_and_blanks)
{
	struct ini	*ini;

	ini = parse("# leading comment\n"
	    "; another\n"
	    "\n"
	    "[default] # trailing comment on a header\n"
	    "   # indented comment\n"
	    "\t\n"
	    "key = value\n"
	    "[other];c\n"
	    "empty =\n"
	    "spaced\t=\t a b \t\n");
	ck_assert_ptr_nonnull(ini);
	ck_assert_uint_eq(ini_nsections(ini), 2);
	ck_assert_str_eq(ini_get(ini, "default", "key"), "value");
	ck_assert_str_eq(ini_get(ini, "other", "empty"), "");
	ck_assert_str_eq(ini_get(ini, "other", "spaced"), "a b");
	ini_free(ini);
}
END_TEST

START_TEST(test_nested_services)
{
	struct ini	*ini;

	ini = parse("[profile dev]\n"
	    "services = local\n"
	    "s3 =\n"
	    "  max_concurrent_requests = 10\n"
	    "region = us-west-2\n"
	    "[services local]\n"
	    "bedrock =\n"
	    "  endpoint_url = http://127.0.0.1:4567\n"
	    "\n"
	    "  # comment inside the block\n"
	    "\tother = x\n"
	    "service_quotas =\n"
	    "    endpoint_url = http://127.0.0.1:4568/\n"
	    "sts = http://not-nested\n");
	ck_assert_ptr_nonnull(ini);
	ck_assert_str_eq(ini_get(ini, "services local", "bedrock"), "");
	ck_assert_str_eq(ini_get_sub(ini, "services local", "bedrock",
	    "endpoint_url"), "http://127.0.0.1:4567");
	ck_assert_str_eq(ini_get_sub(ini, "services local", "BEDROCK",
	    "Endpoint_URL"), "http://127.0.0.1:4567");
	ck_assert_str_eq(ini_get_sub(ini, "services local", "bedrock",
	    "other"), "x");
	ck_assert_str_eq(ini_get_sub(ini, "services local", "service_quotas",
	    "endpoint_url"), "http://127.0.0.1:4568/");
	ck_assert_str_eq(ini_get(ini, "services local", "sts"),
	    "http://not-nested");
	ck_assert_ptr_null(ini_get_sub(ini, "services local", "sts",
	    "endpoint_url"));
	/* a sub-key is not a top-level key */
	ck_assert_ptr_null(ini_get(ini, "services local", "endpoint_url"));
	/* the block ended at "region", which is a plain key again */
	ck_assert_str_eq(ini_get(ini, "profile dev", "region"), "us-west-2");
	ck_assert_str_eq(ini_get_sub(ini, "profile dev", "s3",
	    "max_concurrent_requests"), "10");
	ini_free(ini);
}
END_TEST

START_TEST(test_continuation)
{
	struct ini	*ini;

	ini = parse("[a]\n"
	    "cmd = first\n"
	    "   second\n"
	    "\tthird  \n"
	    "next = 1\n"
	    "  indented = 2\n"
	    "  same = 3\n");
	ck_assert_ptr_nonnull(ini);
	ck_assert_str_eq(ini_get(ini, "a", "cmd"), "first\nsecond\nthird");
	ck_assert_str_eq(ini_get(ini, "a", "next"),
	    "1\nindented = 2\nsame = 3");
	ck_assert_ptr_null(ini_get(ini, "a", "indented"));
	ini_free(ini);

	/* the same indentation as the first key is not a continuation */
	ini = parse("[a]\n  k1 = 1\n  k2 = 2\n");
	ck_assert_ptr_nonnull(ini);
	ck_assert_str_eq(ini_get(ini, "a", "k1"), "1");
	ck_assert_str_eq(ini_get(ini, "a", "k2"), "2");
	ini_free(ini);
}
END_TEST

START_TEST(test_merge_and_normalise)
{
	struct ini	*ini;

	ini = parse("[profile    x]\n"
	    "a = 1\n"
	    "b = 1\n"
	    "[ other ]\n"
	    "c = 1\n"
	    "[profile\tx]\n"
	    "B = 2\n"
	    "a = 3\n");
	ck_assert_ptr_nonnull(ini);
	ck_assert_uint_eq(ini_nsections(ini), 2);
	ck_assert_str_eq(ini_get(ini, "profile x", "a"), "3");
	ck_assert_str_eq(ini_get(ini, "profile x", "b"), "2");
	ck_assert_str_eq(ini_get(ini, "other", "c"), "1");
	ini_free(ini);
}
END_TEST

START_TEST(test_bom_crlf_and_empty)
{
	struct ini	*ini;

	ini = parse("\xef\xbb\xbf[default]\r\nregion = us-east-2\r\n"
	    "k =\r\n  sub = v\r\n");
	ck_assert_ptr_nonnull(ini);
	ck_assert_str_eq(ini_get(ini, "default", "region"), "us-east-2");
	ck_assert_str_eq(ini_get_sub(ini, "default", "k", "sub"), "v");
	ini_free(ini);

	ini = ini_parse("", 0, NULL);
	ck_assert_ptr_nonnull(ini);
	ck_assert_uint_eq(ini_nsections(ini), 0);
	ck_assert_ptr_null(ini_get(ini, "default", "region"));
	ini_free(ini);

	/* the text need not be NUL-terminated: only "len" bytes count */
	ini = ini_parse("[a]\nk = v\n[b]", 9, "t");
	ck_assert_ptr_nonnull(ini);
	ck_assert_uint_eq(ini_nsections(ini), 1);
	ck_assert_str_eq(ini_get(ini, "a", "k"), "v");
	ini_free(ini);
	ini_free(NULL);
}
END_TEST

/* Malformed input and the exact message it must produce. */
static const struct bad_row {
	const char	*text;
	size_t		 len;		/* 0: strlen(text) */
	const char	*msg;
} bad_rows[] = {
	{ "key = v\n", 0, "t:1: key outside a section" },
	{ "\n\n[default\n", 0, "t:3: section header without ']'" },
	{ "[]\n", 0, "t:1: empty section name" },
	{ "[  ]\n", 0, "t:1: empty section name" },
	{ "[a] x\n", 0, "t:1: text after section header" },
	{ "[a[b]\n", 0, "t:1: '[' in section name" },
	{ "[a]\nnovalue\n", 0, "t:2: expected 'key = value'" },
	{ "[a]\n = v\n", 0, "t:2: empty key" },
	{ "[a]\nk = v\x01\n", 0, "t:2: control character in line" },
	{ "[a]\nk = \x1b[31m\n", 0, "t:2: control character in line" },
	{ "[a]\nk = v\0w\n", 12, "t:2: NUL byte in line" },
	{ "[a]\nk =\n  novalue\n", 0, "t:3: expected 'key = value'" },
	{ "[a]\nk =\n  = v\n", 0, "t:3: empty key" },
	{ "[a]\r\nx\r\n", 0, "t:2: expected 'key = value'" },
};

START_TEST(test_malformed)
{
	const struct bad_row	*r = &bad_rows[_i];
	struct ini		*ini;
	char			*err;

	stderr_capture_start();
	ini = ini_parse(r->text, r->len ? r->len : strlen(r->text), "t");
	err = stderr_capture_end();
	ck_assert_ptr_null(ini);
	ck_assert_msg(strstr(err, r->msg) != NULL, "got \"%s\", want \"%s\"",
	    err, r->msg);
	ck_assert_uint_eq(stderr_lines(err), 1);
	free(err);
}
END_TEST

/* A parse of "text" that must fail with "msg". */
static void
expect_fail(const char *text, size_t len, const char *msg)
{
	struct ini	*ini;
	char		*err;

	stderr_capture_start();
	ini = ini_parse(text, len, "big");
	err = stderr_capture_end();
	ck_assert_ptr_null(ini);
	ck_assert_msg(strstr(err, msg) != NULL, "got \"%s\", want \"%s\"",
	    err, msg);
	free(err);
}

START_TEST(test_limit_line_and_names)
{
	struct buf	 b = BUF_INIT;
	struct ini	*ini;
	size_t		 i;

	buf_addstr(&b, "[a]\nk = ");
	for (i = 0; i < INI_MAX_LINE_BYTES - 4; i++)
		buf_addch(&b, 'x');
	ini = ini_parse(b.data, b.len, "big");	/* exactly at the ceiling */
	ck_assert_ptr_nonnull(ini);
	ck_assert_uint_eq(strlen(ini_get(ini, "a", "k")),
	    INI_MAX_LINE_BYTES - 4);
	ini_free(ini);
	buf_addstr(&b, "x\n");
	expect_fail(b.data, b.len, "big:2: line too long");

	buf_reset(&b);
	buf_addch(&b, '[');
	for (i = 0; i <= INI_MAX_NAME_BYTES; i++)
		buf_addch(&b, 's');
	buf_addstr(&b, "]\n");
	expect_fail(b.data, b.len, "big:1: section name too long");

	buf_reset(&b);
	buf_addstr(&b, "[a]\n");
	for (i = 0; i <= INI_MAX_NAME_BYTES; i++)
		buf_addch(&b, 'k');
	buf_addstr(&b, " = v\n");
	expect_fail(b.data, b.len, "big:2: key too long");
	buf_free(&b);
}
END_TEST

START_TEST(test_limit_counts)
{
	struct buf	 b = BUF_INIT;
	struct ini	*ini;
	size_t		 i;

	for (i = 0; i < INI_MAX_SECTIONS; i++)
		buf_printf(&b, "[s%zu]\n", i);
	ini = ini_parse(b.data, b.len, "big");
	ck_assert_ptr_nonnull(ini);
	ck_assert_uint_eq(ini_nsections(ini), INI_MAX_SECTIONS);
	ini_free(ini);
	/* a repeated section does not count again */
	buf_addstr(&b, "[s0]\n");
	ini = ini_parse(b.data, b.len, "big");
	ck_assert_ptr_nonnull(ini);
	ini_free(ini);
	buf_addstr(&b, "[one-too-many]\n");
	expect_fail(b.data, b.len, "big:1026: too many sections");

	buf_reset(&b);
	buf_addstr(&b, "[a]\n");
	for (i = 0; i < INI_MAX_SECTION_KEYS; i++)
		buf_printf(&b, "k%zu = v\n", i);
	ini = ini_parse(b.data, b.len, "big");
	ck_assert_ptr_nonnull(ini);
	ck_assert_str_eq(ini_get(ini, "a", "k511"), "v");
	ini_free(ini);
	buf_addstr(&b, "k0 = replaced\n");	/* not a new key */
	ini = ini_parse(b.data, b.len, "big");
	ck_assert_ptr_nonnull(ini);
	ck_assert_str_eq(ini_get(ini, "a", "k0"), "replaced");
	ini_free(ini);
	buf_addstr(&b, "k512 =\n");
	expect_fail(b.data, b.len, "big:515: too many keys in section");

	/* the whole file: INI_MAX_ENTRIES over many sections */
	buf_reset(&b);
	for (i = 0; i < INI_MAX_ENTRIES; i++) {
		if (i % INI_MAX_SECTION_KEYS == 0)
			buf_printf(&b, "[s%zu]\n", i / INI_MAX_SECTION_KEYS);
		buf_printf(&b, "k%zu = v\n", i);
	}
	ini = ini_parse(b.data, b.len, "big");
	ck_assert_ptr_nonnull(ini);
	ck_assert_str_eq(ini_get(ini, "s31", "k16383"), "v");
	ini_free(ini);
	buf_addstr(&b, "[b]\nlast = v\n");
	expect_fail(b.data, b.len, "big:16418: too many keys\n");
	buf_free(&b);
}
END_TEST

START_TEST(test_limit_bytes)
{
	char	*big;

	big = xmalloc(INI_MAX_BYTES + 1);
	memset(big, '#', INI_MAX_BYTES + 1);
	expect_fail(big, INI_MAX_BYTES + 1, "big: larger than 1048576 bytes");
	free(big);
}
END_TEST

START_TEST(test_load)
{
	struct ini	*ini;
	char		*path, *err, *big;

	path = ct_write("creds", "[default]\naws_access_key_id = AKID\n");
	ini = ini_load(path);
	ck_assert_ptr_nonnull(ini);
	ck_assert_str_eq(ini_get(ini, "default", "aws_access_key_id"), "AKID");
	ini_free(ini);
	free(path);

	/* a missing file is an empty one, without a word */
	path = ct_path("missing");
	stderr_capture_start();
	ini = ini_load(path);
	err = stderr_capture_end();
	ck_assert_ptr_nonnull(ini);
	ck_assert_uint_eq(ini_nsections(ini), 0);
	ck_assert_str_eq(err, "");
	ini_free(ini);
	free(err);
	free(path);

	/* errors name the file and line */
	path = ct_write("bad", "[a]\n\nbroken\n");
	stderr_capture_start();
	ini = ini_load(path);
	err = stderr_capture_end();
	ck_assert_ptr_null(ini);
	ck_assert_ptr_nonnull(strstr(err, "/bad:3: expected 'key = value'"));
	free(err);
	free(path);

	/* a directory is not a config file */
	stderr_capture_start();
	ini = ini_load(ct_dir);
	err = stderr_capture_end();
	ck_assert_ptr_null(ini);
	ck_assert_ptr_nonnull(strstr(err, "not a regular file"));
	free(err);

	big = xmalloc(INI_MAX_BYTES + 10);
	memset(big, '\n', INI_MAX_BYTES + 10);
	path = ct_write_mode("big", big, INI_MAX_BYTES + 10, 0600);
	stderr_capture_start();
	ini = ini_load(path);
	err = stderr_capture_end();
	ck_assert_ptr_null(ini);
	ck_assert_ptr_nonnull(strstr(err, "larger than 1048576 bytes"));
	free(err);
	free(path);
	free(big);
}
END_TEST

START_TEST(test_load_dev_null)
{
	struct ini	*ini;

	ini = ini_load("/dev/null");
	ck_assert_ptr_nonnull(ini);
	ck_assert_uint_eq(ini_nsections(ini), 0);
	ini_free(ini);
}
END_TEST

START_TEST(test_load_unreadable)
{
	struct ini	*ini;
	char		*path, *err;

	if (geteuid() == 0)
		return;		/* root reads anything */
	path = ct_write_mode("noperm", "[a]\n", 4, 0000);
	stderr_capture_start();
	ini = ini_load(path);
	err = stderr_capture_end();
	ck_assert_ptr_null(ini);
	ck_assert_ptr_nonnull(strstr(err, "Permission denied"));
	free(err);
	free(path);
}
END_TEST

static Suite *
ini_suite(void)
{
	Suite	*s = suite_create("ini");
	TCase	*tc;

	tc = tcase_create("syntax");
	tcase_add_test(tc, test_sections_and_keys);
	tcase_add_test(tc, test_comments_and_blanks);
	tcase_add_test(tc, test_nested_services);
	tcase_add_test(tc, test_continuation);
	tcase_add_test(tc, test_merge_and_normalise);
	tcase_add_test(tc, test_bom_crlf_and_empty);
	suite_add_tcase(s, tc);
	tc = tcase_create("malformed");
	tcase_add_checked_fixture(tc, ct_setup, ct_teardown);
	tcase_add_loop_test(tc, test_malformed, 0,
	    sizeof(bad_rows) / sizeof(bad_rows[0]));
	suite_add_tcase(s, tc);
	tc = tcase_create("limits");
	tcase_add_checked_fixture(tc, ct_setup, ct_teardown);
	tcase_add_test(tc, test_limit_line_and_names);
	tcase_add_test(tc, test_limit_counts);
	tcase_add_test(tc, test_limit_bytes);
	suite_add_tcase(s, tc);
	tc = tcase_create("load");
	tcase_add_checked_fixture(tc, ct_setup, ct_teardown);
	tcase_add_test(tc, test_load);
	tcase_add_test(tc, test_load_dev_null);
	tcase_add_test(tc, test_load_unreadable);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(ini_suite());
}
