/*
 * check_json.c: the typed cJSON getters of json.c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json.h"
#include "util.h"
#include "helper_stderr.h"
#include "helper_check.h"

/* Parse a test document that must be valid. */
static cJSON *
doc(const char *text)
{
	cJSON	*root = json_parse("Test", text, strlen(text), NULL);

	ck_assert_ptr_nonnull(root);
	return root;
}

static const struct json_at	at_top = { "Op", NULL, NULL };
static const struct json_at	at_item = { "Op", "Items[3]", NULL };

START_TEST(parse_object)
{
	const char	*text = "{\"a\": \"x\", \"n\": 1.5}";
	char		*copy;
	cJSON		*root;

	/* Exactly "len" bytes, no terminator: ASan sees any over-read. */
	copy = xmalloc(strlen(text));
	memcpy(copy, text, strlen(text));
	root = json_parse("Test", copy, strlen(text), NULL);
	ck_assert_ptr_nonnull(root);
	ck_assert_str_eq(json_str(root, "a"), "x");
	json_free(root);
	free(copy);
}
END_TEST

/*
 * Trees bigger than an arena chunk, parsed and freed in turn: the
 * chunks a freed tree leaves are kept for the next parse (json.c), which
 * must start them empty, and two live trees never share one.
 */
static char *
big_doc(int tag, int n)
{
	struct buf	b = BUF_INIT;
	int		i;

	buf_addstr(&b, "{\"v\": [");
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s{\"k\": \"%d-%d-%s\"}", i > 0 ? "," : "",
		    tag, i, "abcdefghijklmnopqrstuvwxyz");
	buf_addstr(&b, "]}");
	return buf_detach(&b);
}

static void
assert_big(const cJSON *root, int tag, int n)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(root, "v"), *e;
	char		 want[64];
	int		 i = 0;

	ck_assert_int_eq(cJSON_GetArraySize(v), n);
	cJSON_ArrayForEach(e, v) {
		(void)snprintf(want, sizeof(want), "%d-%d-%s", tag, i++,
		    "abcdefghijklmnopqrstuvwxyz");
		ck_assert_str_eq(json_str(e, "k"), want);
	}
}

START_TEST(parse_reuses_chunks)
{
	cJSON	*a, *b, *c;
	char	*da = big_doc(1, 3000), *db = big_doc(2, 3000);
	char	*dc = big_doc(3, 100);

	ck_assert_ptr_nonnull(a = json_parse("Test", da, strlen(da), NULL));
	assert_big(a, 1, 3000);
	json_free(a);
	/* b takes a's chunks; c, parsed while b lives, others. */
	ck_assert_ptr_nonnull(b = json_parse("Test", db, strlen(db), NULL));
	ck_assert_ptr_nonnull(c = json_parse("Test", dc, strlen(dc), NULL));
	assert_big(b, 2, 3000);
	assert_big(c, 3, 100);
	json_free(b);
	assert_big(c, 3, 100);
	json_free(c);
	free(da);
	free(db);
	free(dc);
}
END_TEST

START_TEST(parse_refusals)
{
	static const struct {
		const char	*text;
		size_t		 len;
		const char	*msg;
	} t[] = {
		{ "", 0, "Test: empty reply" },
		/* A NUL byte outside a string is no field: malformed. */
		{ "{\"a\":\0}", 6, "Test: malformed JSON reply" },
		{ "{\"a\":\"\\ud800\" \\u0000}", 21,
		  "Test: malformed JSON reply" },
		{ "{\"a\":", 5, "Test: malformed JSON reply" },
		{ "[1,2]", 5, "Test: reply is not a JSON object" },
		{ "\"str\"", 5, "not a JSON object" },
	};
	size_t	i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		stderr_capture_start();
		ck_assert_ptr_null(json_parse("Test", t[i].text, t[i].len,
		    NULL));
		stderr_expect_one(t[i].msg);
	}
}
END_TEST

/*
 * One bad field does not refuse the reply: a NUL (byte or escape), a
 * lone surrogate or a U+FFFF is stored as U+FFFD, and one line names the
 * first field (never its value) and how many; pairs and control
 * characters are kept as sent.
 */
#define FFFD	"\xef\xbf\xbd"
static const struct replace_row {
	const char	*text;
	size_t		 len;		/* 0: strlen(text) */
	const char	*want;		/* member "a" afterwards */
	const char	*notice;	/* NULL: none */
} replace_rows[] = {
	{ "{\"a\":\"x\0y\"}", 11, "x" FFFD "y", "Test: a: a NUL, lone "
	  "surrogate or U+FFFF stored as U+FFFD (1 field of the reply)\n" },
	{ "{\"a\":\"x\\u0000y\"}", 0, "x" FFFD "y", "Test: a: " },
	{ "{\"a\":\"x\\udc00y\"}", 0, "x" FFFD "y", "Test: a: " },
	{ "{\"a\":\"x\\uD800y\"}", 0, "x" FFFD "y", "Test: a: " },
	{ "{\"a\":\"x\\ud800\\u0041\"}", 0, "x" FFFD "A", "Test: a: " },
	{ "{\"a\":\"x\\ud800\\ud800\\udc00\"}", 0,
	  "x" FFFD "\xf0\x90\x80\x80", "Test: a: " },
	{ "{\"a\":\"x\\udbff\"}", 0, "x" FFFD, "Test: a: " },
	{ "{\"a\":\"x\\uffffy\"}", 0, "x" FFFD "y", "Test: a: " },
	{ "{\"a\":\"x\xef\xbf\xbfy\"}", 0, "x" FFFD "y", "Test: a: " },
	{ "{\"b\":[{\"c\":\"ok\"},{\"c\":\"\\u0000\"}],\"a\":\"\\u0000\"}",
	  0, FFFD, "Test: b[1].c: a NUL, lone surrogate or U+FFFF stored as "
	  "U+FFFD (2 fields of the reply)\n" },
	{ "{\"a\\u0000\":\"v\",\"a\":\"ok\"}", 0, "ok", "Test: a" FFFD ": " },
	{ "{\"a\":\"\\ud83d\\ude00\"}", 0, "\xf0\x9f\x98\x80", NULL },
	{ "{\"a\":\"x\\u0001\\u007f\ty\"}", 0, "x\x01\x7f\ty", NULL },
	{ "{\"a\":\"C:\\\\u0000\"}", 0, "C:\\u0000", NULL },
};

START_TEST(parse_replaced)
{
	const struct replace_row	*r = &replace_rows[_i];
	char				*err;
	cJSON				*root;

	stderr_capture_start();
	ck_assert_ptr_nonnull(root = json_parse("Test", r->text,
	    r->len != 0 ? r->len : strlen(r->text), NULL));
	err = stderr_capture_end();
	ck_assert_str_eq(json_str(root, "a"), r->want);
	if (r->notice == NULL)
		ck_assert_str_eq(err, "");
	else {
		ck_assert_uint_eq(stderr_lines(err), 1);
		ck_assert_msg(strstr(err, r->notice) != NULL, "\"%s\" lacks "
		    "\"%s\"", err, r->notice);
	}
	free(err);
	json_free(root);
}
END_TEST

/*
 * A key is exact or not used: a control character or U+FFFD asks the
 * caller to skip the row (0, said once, no cause); what refuses a reply
 * still does (-1, with its cause).
 */
START_TEST(keys)
{
	cJSON		*root;
	const char	*k;
	char		*cause = NULL, *err;
	struct json_at	 at = { "Op", "Items[3]", &cause };

	root = doc("{\"ok\":\"a.b-v1:0\",\"ctl\":\"a\\u0001b\","
	    "\"del\":\"a\\u007f\",\"empty\":\"\",\"n\":1,"
	    "\"long\":\"abcdefghij\"}");
	ck_assert_int_eq(json_key(root, &at, "ok", 16, &k), 1);
	ck_assert_str_eq(k, "a.b-v1:0");
	stderr_capture_start();
	ck_assert_int_eq(json_key(root, &at, "ctl", 16, &k), 0);
	stderr_expect_one("Op: Items[3].ctl: not an exact key (a control "
	    "character or U+FFFD); row skipped");
	ck_assert_ptr_null(k);
	ck_assert_ptr_null(cause);
	stderr_capture_start();
	ck_assert_int_eq(json_key(root, &at, "del", 16, &k), 0);
	stderr_expect_one("Items[3].del: not an exact key");
	ck_assert_ptr_null(cause);
	stderr_capture_start();
	ck_assert_int_eq(json_key(root, &at, "empty", 16, &k), -1);
	stderr_expect_one("Items[3].empty: empty");
	ck_assert_str_eq(cause, "Op: Items[3].empty: empty");
	stderr_capture_start();
	ck_assert_int_eq(json_key(root, &at, "long", 9, &k), -1);
	ck_assert_int_eq(json_key(root, &at, "n", 9, &k), -1);
	ck_assert_int_eq(json_key(root, &at, "none", 9, &k), -1);
	err = stderr_capture_end();
	ck_assert_uint_eq(stderr_lines(err), 3);
	free(err);
	free(cause);
	json_free(root);
	/* What json_parse() stores for a NUL is not exact either. */
	stderr_capture_start();
	root = doc("{\"id\":\"a\\u0000b\"}");
	stderr_expect_one("Test: id: a NUL");
	cause = NULL;
	stderr_capture_start();
	ck_assert_int_eq(json_key(root, &at, "id", 16, &k), 0);
	stderr_expect_one("Items[3].id: not an exact key");
	ck_assert_ptr_null(cause);
	json_free(root);
}
END_TEST

START_TEST(parse_escaped_backslash)
{
	/* "\\u0000" is a backslash and text, not a NUL escape. */
	cJSON	*root = doc("{\"a\":\"C:\\\\u0000\"}");

	ck_assert_str_eq(json_str(root, "a"), "C:\\u0000");
	json_free(root);
}
END_TEST

START_TEST(plain_getters)
{
	cJSON		*root = doc("{\"s\":\"v\",\"n\":2.5,\"b\":true,\"f\":false,"
	    "\"a\":[1],\"o\":{},\"z\":null,\"big\":1e999}");
	const cJSON	*v = NULL;
	double		 d = -1;
	int		 b = -1;

	ck_assert_str_eq(json_str(root, "s"), "v");
	ck_assert_ptr_null(json_str(root, "n"));
	ck_assert_ptr_null(json_str(root, "z"));
	ck_assert_ptr_null(json_str(root, "missing"));
	ck_assert_ptr_null(json_str(NULL, "s"));
	ck_assert_int_eq(json_num(root, "n", &d), 0);
	ck_assert(d == 2.5);
	ck_assert_int_eq(json_num(root, "s", &d), -1);
	ck_assert_int_eq(json_num(root, "big", &d), -1);
	ck_assert(d == 2.5);
	/* Booleans, arrays and objects are read through json_opt_*(). */
	stderr_capture_start();
	ck_assert_int_eq(json_opt_bool(root, &at_top, "b", &b), 1);
	ck_assert_int_eq(b, 1);
	ck_assert_int_eq(json_opt_bool(root, &at_top, "f", &b), 1);
	ck_assert_int_eq(b, 0);
	ck_assert_int_eq(json_opt_array(root, &at_top, "a", 1, &v), 1);
	ck_assert_ptr_eq(v, cJSON_GetObjectItemCaseSensitive(root, "a"));
	ck_assert_int_eq(json_opt_obj(root, &at_top, "o", &v), 1);
	ck_assert_ptr_eq(v, cJSON_GetObjectItemCaseSensitive(root, "o"));
	stderr_expect_none();
	b = 7;
	stderr_capture_start();
	ck_assert_int_eq(json_opt_bool(root, &at_top, "n", &b), -1);
	stderr_expect_one("Op: n: not a boolean");
	ck_assert_int_eq(b, 7);
	/* Keys are case-sensitive, as AWS's are. */
	ck_assert_ptr_null(json_str(root, "S"));
	json_free(root);
}
END_TEST

START_TEST(required_ok)
{
	cJSON		*root = doc("{\"s\":\"abc\",\"n\":0,\"b\":false,"
	    "\"a\":[1,2,3],\"o\":{\"k\":1}}");
	double		 d = -1;

	stderr_capture_start();
	ck_assert_str_eq(json_req_str(root, &at_top, "s", 3), "abc");
	ck_assert_int_eq(json_req_num(root, &at_top, "n", &d), 0);
	ck_assert(d == 0);
	ck_assert_ptr_nonnull(json_req_array(root, &at_top, "a", 3));
	ck_assert_ptr_nonnull(json_req_obj(root, &at_top, "o"));
	stderr_expect_none();
	json_free(root);
}
END_TEST

/*
 * A warning also goes to the caller's cause, raw, for the region's
 * error record; the next one replaces it.  No cause, no record.
 */
START_TEST(warning_cause)
{
	cJSON		*root = doc("{\"s\":\"abcd\",\"n\":1}");
	char		*cause = NULL, *big;
	struct json_at	 at = { "Op", "Items[3]", &cause };
	double		 d;
	size_t		 k;

	stderr_capture_start();
	ck_assert_ptr_null(json_parse("Op", "{", 1, &cause));
	stderr_expect_one("Op: malformed JSON reply");
	ck_assert_str_eq(cause, "Op: malformed JSON reply");
	stderr_capture_start();
	ck_assert_ptr_null(json_req_str(root, &at, "s", 3));
	stderr_expect_one("Op: Items[3].s: too long");
	ck_assert_str_eq(cause,
	    "Op: Items[3].s: too long (4 bytes, at most 3)");
	stderr_capture_start();
	ck_assert_int_eq(json_opt_num(root, &at, "s", &d), -1);
	stderr_expect_one("Op: Items[3].s: not a number");
	ck_assert_str_eq(cause, "Op: Items[3].s: not a number");
	stderr_capture_start();
	json_warn(&at, "k", "bad \x1b[31m value");
	stderr_expect_one("Op: Items[3].k: bad \\x1b[31m value");
	/* Raw in the cause: each output escapes it once (issue #11). */
	ck_assert_str_eq(cause, "Op: Items[3].k: bad \x1b[31m value");
	stderr_capture_start();
	json_warn(&at, "k", "a\\b");
	stderr_expect_one("Op: Items[3].k: a\\x5cb");
	ck_assert_str_eq(cause, "Op: Items[3].k: a\\b");
	ck_assert_uint_eq(strlen(cause), strlen("Op: Items[3].k: a\\b"));
	/* Long messages are cut to fit. */
	big = xmalloc(2 * JSON_CAUSE_BYTES);
	memset(big, 'x', 2 * JSON_CAUSE_BYTES - 1);
	big[2 * JSON_CAUSE_BYTES - 1] = '\0';
	stderr_capture_start();
	json_warn(&at, NULL, "%s", big);
	stderr_expect_one("Op: Items[3]: xxx");
	ck_assert_uint_lt(strlen(cause), JSON_CAUSE_BYTES);
	ck_assert_str_eq(cause + strlen(cause) - 3, "...");
	free(big);
	/* ... between UTF-8 characters: no half "\xc3\xa9" at the cut. */
	big = xmalloc(2 * JSON_CAUSE_BYTES + 1);
	for (k = 0; k < JSON_CAUSE_BYTES; k++)
		memcpy(big + 2 * k, "\xc3\xa9", 2);
	big[2 * JSON_CAUSE_BYTES] = '\0';
	stderr_capture_start();
	json_warn(&at, "x", "%s", big);
	stderr_expect_one("Op: Items[3].x: \xc3\xa9");
	ck_assert_uint_lt(strlen(cause), JSON_CAUSE_BYTES);
	ck_assert_str_eq(cause + strlen(cause) - 5, "\xc3\xa9...");
	free(big);
	free(cause);
	/* Reads that work leave the cause alone. */
	cause = NULL;
	ck_assert_ptr_nonnull(json_req_str(root, &at, "s", 4));
	ck_assert_int_eq(json_req_num(root, &at, "n", &d), 0);
	ck_assert_ptr_null(cause);
	/* Without a place for it, a warning is only printed. */
	stderr_capture_start();
	ck_assert_ptr_null(json_req_str(root, &at_item, "s", 3));
	stderr_expect_one("Op: Items[3].s: too long");
	ck_assert_ptr_null(cause);
	json_free(root);
}
END_TEST

START_TEST(required_errors)
{
	cJSON	*root = doc("{\"s\":\"abcd\",\"n\":\"1\",\"z\":null,"
	    "\"a\":[1,2,3],\"big\":-1e999,\"b\":1}");
	double	 d;

	stderr_capture_start();
	ck_assert_ptr_null(json_req_str(root, &at_item, "missing", 10));
	stderr_expect_one("Op: Items[3].missing: missing");
	stderr_capture_start();
	ck_assert_ptr_null(json_req_str(root, &at_item, "z", 10));
	stderr_expect_one("Op: Items[3].z: null");
	stderr_capture_start();
	ck_assert_ptr_null(json_req_str(root, &at_item, "s", 3));
	stderr_expect_one("Op: Items[3].s: too long (4 bytes, at most 3)");
	stderr_capture_start();
	ck_assert_int_eq(json_req_num(root, &at_item, "n", &d), -1);
	stderr_expect_one("Op: Items[3].n: not a number");
	stderr_capture_start();
	ck_assert_int_eq(json_req_num(root, &at_top, "big", &d), -1);
	stderr_expect_one("Op: big: not a finite number");
	stderr_capture_start();
	ck_assert_ptr_null(json_req_array(root, &at_top, "a", 2));
	stderr_expect_one("Op: a: more than 2 elements");
	stderr_capture_start();
	ck_assert_ptr_null(json_req_array(root, &at_top, "s", 2));
	stderr_expect_one("Op: s: not an array");
	stderr_capture_start();
	ck_assert_ptr_null(json_req_obj(root, &at_top, "a"));
	stderr_expect_one("Op: a: not an object");
	json_free(root);
}
END_TEST

START_TEST(optional_getters)
{
	cJSON		*root = doc("{\"s\":\"x\",\"z\":null,\"n\":3,"
	    "\"a\":[],\"o\":{}}");
	const char	*s = "unset";
	const cJSON	*v = NULL;
	double		 d = 7;
	int		 b = 7;

	stderr_capture_start();
	ck_assert_int_eq(json_opt_str(root, &at_top, "s", 1, &s), 1);
	ck_assert_str_eq(s, "x");
	ck_assert_int_eq(json_opt_str(root, &at_top, "z", 1, &s), 0);
	ck_assert_ptr_null(s);
	ck_assert_int_eq(json_opt_str(root, &at_top, "nope", 1, &s), 0);
	ck_assert_int_eq(json_opt_num(root, &at_top, "z", &d), 0);
	ck_assert(d == 7);
	ck_assert_int_eq(json_opt_num(root, &at_top, "n", &d), 1);
	ck_assert(d == 3);
	ck_assert_int_eq(json_opt_bool(root, &at_top, "nope", &b), 0);
	ck_assert_int_eq(b, 7);
	ck_assert_int_eq(json_opt_array(root, &at_top, "a", 0, &v), 1);
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(json_opt_obj(root, &at_top, "z", &v), 0);
	ck_assert_ptr_null(v);
	stderr_expect_none();

	stderr_capture_start();
	ck_assert_int_eq(json_opt_str(root, &at_item, "n", 10, &s), -1);
	stderr_expect_one("Op: Items[3].n: not a string");
	stderr_capture_start();
	ck_assert_int_eq(json_opt_bool(root, &at_item, "s", &b), -1);
	stderr_expect_one("Op: Items[3].s: not a boolean");
	stderr_capture_start();
	ck_assert_int_eq(json_opt_array(root, &at_item, "o", 5, &v), -1);
	stderr_expect_one("Items[3].o: not an array");
	ck_assert_ptr_null(v);
	stderr_capture_start();
	ck_assert_int_eq(json_opt_obj(root, &at_item, "s", &v), -1);
	stderr_expect_one("Items[3].s: not an object");
	json_free(root);
}
END_TEST

START_TEST(elements)
{
	cJSON		*root = doc("{\"l\":[{\"k\":1},\"str\",7,\"long\"]}");
	const cJSON	*l = json_req_array(root, &at_top, "l", 4);
	const cJSON	*e0 = l->child, *e1 = e0->next, *e2 = e1->next;

	stderr_capture_start();
	ck_assert_ptr_eq(json_elem_obj(e0, &at_item, "l", 0), e0);
	ck_assert_str_eq(json_elem_str(e1, &at_item, "l", 1, 3), "str");
	stderr_expect_none();
	stderr_capture_start();
	ck_assert_ptr_null(json_elem_obj(e1, &at_item, "l", 1));
	stderr_expect_one("Op: Items[3].l[1]: not an object");
	stderr_capture_start();
	ck_assert_ptr_null(json_elem_str(e2, &at_top, "l", 2, 10));
	stderr_expect_one("Op: l[2]: not a string");
	stderr_capture_start();
	ck_assert_ptr_null(json_elem_str(e2->next, &at_top, "l", 3, 3));
	stderr_expect_one("Op: l[3]: too long (4 bytes, at most 3)");
	json_free(root);
}
END_TEST

START_TEST(warn_format)
{
	stderr_capture_start();
	json_warn(&at_top, NULL, "whole reply %d", 1);
	stderr_expect_one(": Op: whole reply 1\n");
	stderr_capture_start();
	json_warn(&at_item, NULL, "bad");
	stderr_expect_one(": Op: Items[3]: bad\n");
	stderr_capture_start();
	json_warn(&at_top, "Key", "bad");
	stderr_expect_one(": Op: Key: bad\n");
}
END_TEST

START_TEST(escape_strings)
{
	struct buf	 b = BUF_INIT;
	cJSON		*root;
	const char	*s = "q\"b\\s/t\tn\nc\x01 \xe3\x81\x82+=";
	char		*text;

	json_buf_addstr(&b, s);
	ck_assert_str_eq(b.data,
	    "\"q\\\"b\\\\s/t\\u0009n\\u000ac\\u0001 \xe3\x81\x82+=\"");
	/* Round trip: cJSON reads back exactly the original. */
	text = xasprintf("{\"k\":%s}", b.data);
	root = cJSON_Parse(text);
	ck_assert_ptr_nonnull(root);
	ck_assert_str_eq(json_str(root, "k"), s);
	json_free(root);
	free(text);
	buf_reset(&b);
	json_buf_addstr(&b, "");
	ck_assert_str_eq(b.data, "\"\"");
	buf_free(&b);
}
END_TEST

static Suite *
json_suite(void)
{
	Suite	*s = suite_create("json");
	TCase	*tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, parse_object);
	tcase_add_test(tc, parse_reuses_chunks);
	tcase_add_test(tc, parse_refusals);
	tcase_add_test(tc, parse_escaped_backslash);
	tcase_add_loop_test(tc, parse_replaced, 0,
	    sizeof(replace_rows) / sizeof(replace_rows[0]));
	tcase_add_test(tc, keys);
	suite_add_tcase(s, tc);

	tc = tcase_create("getters");
	tcase_add_test(tc, plain_getters);
	tcase_add_test(tc, required_ok);
	tcase_add_test(tc, required_errors);
	tcase_add_test(tc, warning_cause);
	tcase_add_test(tc, optional_getters);
	tcase_add_test(tc, elements);
	tcase_add_test(tc, warn_format);
	suite_add_tcase(s, tc);

	tc = tcase_create("escape");
	tcase_add_test(tc, escape_strings);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(json_suite());
}
