/*
 * check_escape.c: terminal, Markdown and JSON escaping of untrusted text.
 */
#include <check.h>
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "util.h"
#include "helper_check.h"

/* Each escaper, into a fresh string; caller frees. */
static char *
text(const char *in, size_t max)
{
	struct buf	b = BUF_INIT;

	escape_text(&b, in, max);
	return buf_detach(&b);
}

static char *
md(const char *in, size_t max)
{
	struct buf	b = BUF_INIT;

	escape_md(&b, in, max);
	return buf_detach(&b);
}

static char *
prose(const char *in)
{
	struct buf	b = BUF_INIT;

	escape_md_prose(&b, in);
	return buf_detach(&b);
}

static char *
html(const char *in, size_t max)
{
	struct buf	b = BUF_INIT;

	escape_html(&b, in, max);
	return buf_detach(&b);
}

static char *
json(const char *in)
{
	struct buf	b = BUF_INIT;

	escape_json(&b, in);
	return buf_detach(&b);
}

/* One input and what an escaper must make of it. */
struct vector {
	const char	*in;
	size_t		 max;
	const char	*want;
};

static const struct vector text_vectors[] = {
	{ "plain us-east-1", 0, "plain us-east-1" },
	{ "\x1b[31mred\x1b[0m", 0, "\\x1b[31mred\\x1b[0m" },
	{ "a\\b", 0, "a\\\\b" },
	{ "tab\there\r\n", 0, "tab\\x09here\\x0d\\x0a" },
	{ "del\x7f", 0, "del\\x7f" },
	{ "csi\xc2\x9b" "2J", 0, "csi\\u009b2J" },
	{ "rlo\xe2\x80\xae" "txt", 0, "rlo\\u202etxt" },
	{ "ls\xe2\x80\xa8" "ps\xe2\x80\xa9", 0, "ls\\u2028ps\\u2029" },
	{ "bom\xef\xbb\xbf", 0, "bom\\ufeff" },
	{ "bad\xff\xfe", 0, "bad\\xff\\xfe" },
	{ "overlong\xc0\xaf", 0, "overlong\\xc0\\xaf" },
	{ "surrogate\xed\xa0\x80", 0, "surrogate\\xed\\xa0\\x80" },
	{ "cut\xe3\x81", 0, "cut\\xe3\\x81" },
	{ "日本語のモデル", 0, "日本語のモデル" },
	{ "<script>*_[]()#|", 0, "<script>*_[]()#|" },
	{ "abcdefghij", 10, "abcdefghij" },
	{ "abcdefghijk", 10, "abcdefg..." },
	{ "あいうえお", 7, "あい..." },
	{ "あいうえお", 10, "あいうえお" },
	{ "\x1b\x1b\x1b", 9, "\\x1b..." },
	{ "ab", 2, "ab" },
	{ "abc", 2, "..." },
	{ "", 5, "" },
};

START_TEST(test_text)
{
	const struct vector	*v = &text_vectors[_i];
	char			*got = text(v->in, v->max);

	ck_assert_str_eq(got, v->want);
	free(got);
}
END_TEST

static const struct vector md_vectors[] = {
	{ "Claude 3 Haiku", 0, "Claude 3 Haiku" },
	{ "*_[]()#|", 0, "\\*\\_\\[\\]\\(\\)\\#\\|" },
	{ "`~!${}", 0, "\\`\\~\\!\\$\\{\\}" },
	{ "<script>alert(1)</script>", 0,
	    "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" },
	{ "a & b", 0, "a &amp; b" },
	{ "&lt;", 0, "&amp;lt;" },
	{ "a\\b", 0, "a\\\\\\\\b" },
	{ "- item", 0, "\\- item" },
	{ "+ item", 0, "\\+ item" },
	{ "=====", 0, "\\=====" },
	{ "12. item", 0, "12\\. item" },
	{ "v1.2 - x", 0, "v1.2 - x" },
	{ "anthropic.claude-3-haiku-20240307-v1:0", 0,
	    "anthropic.claude-3-haiku-20240307-v1:0" },
	{ "\x1b[2J", 0, "\\x1b\\[2J" },
	{ "line\nbreak", 0, "line\\x0abreak" },
	{ "bad\xff", 0, "bad\\xff" },
	{ "abcdef", 4, "abcd..." },
	{ "**", 1, "\\*..." },
	{ "abcd", 4, "abcd" },
};

START_TEST(test_md)
{
	const struct vector	*v = &md_vectors[_i];
	char			*got = md(v->in, v->max);

	ck_assert_str_eq(got, v->want);
	free(got);
}
END_TEST

START_TEST(test_md_prose)
{
	char	*got;

	got = prose("run #41 (2025) -> run #42 *x* _y_ [z] <b> a|b");
	ck_assert_str_eq(got, "run #41 (2025) -> run #42 \\*x\\* \\_y\\_ "
	    "\\[z\\] &lt;b> a\\|b");
	free(got);
	got = prose("# not a heading");
	ck_assert_str_eq(got, "\\# not a heading");
	free(got);
	got = prose("> not a quote");
	ck_assert_str_eq(got, "&gt; not a quote");
	free(got);
	got = prose("1) not a list");
	ck_assert_str_eq(got, "1\\) not a list");
	free(got);
}
END_TEST

/* No Markdown output of any input may hold raw HTML or a control byte. */
START_TEST(test_md_no_raw_html)
{
	static const char *const hostile[] = {
		"<img src=x onerror=alert(1)>", "<<script>>", "a<b",
		"\x3c!-- comment --\x3e", "<![CDATA[x]]>", "<?php ?>",
	};
	char	*got;
	size_t	 i, j;

	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		got = md(hostile[i], 0);
		ck_assert_ptr_null(strchr(got, '<'));
		ck_assert_ptr_null(strchr(got, '>'));
		for (j = 0; got[j] != '\0'; j++)
			ck_assert((unsigned char)got[j] >= 0x20);
		free(got);
	}
}
END_TEST

static const struct vector html_vectors[] = {
	{ "Claude 3 Haiku", 0, "Claude 3 Haiku" },
	{ "<script>alert(1)</script>", 0,
	    "&lt;script&gt;alert(1)&lt;/script&gt;" },
	{ "a&b \"q\" 'x'", 0, "a&amp;b &quot;q&quot; &#39;x&#39;" },
	{ "&amp;", 0, "&amp;amp;" },
	{ "x\xe2\x80\xaey", 0, "x\\u202ey" },		/* RLO */
	{ "\xe2\x81\xa6iso\xe2\x81\xa9", 0, "\\u2066iso\\u2069" },
	{ "\x1b[31m", 0, "\\x1b[31m" },
	{ "\xc2\x9b", 0, "\\u009b" },			/* C1 CSI */
	{ "bad\xff", 0, "bad\\xff" },
	{ "a\\b", 0, "a\\\\b" },
	{ "日本語", 0, "日本語" },
	{ "abcdef", 3, "abc..." },
	{ "<<<<", 2, "&lt;&lt;..." },
	{ "abc", 3, "abc" },
};

START_TEST(test_html)
{
	const struct vector	*v = &html_vectors[_i];
	char			*got = html(v->in, v->max);

	ck_assert_str_eq(got, v->want);
	free(got);
}
END_TEST

/* No markup, no attribute break-out, no raw control survives. */
START_TEST(test_html_hostile)
{
	static const char *const hostile[] = {
		"<img src=x onerror=alert(1)>", "\"><svg onload=x>",
		"' onmouseover='x", "\x3c!-- c --\x3e", "<![CDATA[x]]>",
		"\xe2\x80\xae" "evil\xe2\x80\xac", "\x07\x1b]0;t\x07",
		"&#60;script&#62;",
	};
	char	*got;
	size_t	 i, j;

	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		got = html(hostile[i], 0);
		ck_assert_ptr_null(strpbrk(got, "<>\"'"));
		for (j = 0; got[j] != '\0'; j++) {
			ck_assert((unsigned char)got[j] >= 0x20);
			/* every '&' starts one of our entities */
			if (got[j] == '&')
				ck_assert(strncmp(got + j, "&amp;", 5) == 0 ||
				    strncmp(got + j, "&lt;", 4) == 0 ||
				    strncmp(got + j, "&gt;", 4) == 0 ||
				    strncmp(got + j, "&quot;", 6) == 0 ||
				    strncmp(got + j, "&#39;", 5) == 0);
		}
		ck_assert_ptr_null(strstr(got, "\xe2\x80\xae"));
		free(got);
	}
	got = html(NULL, 0);
	ck_assert_str_eq(got == NULL ? "" : got, "");
	free(got);
}
END_TEST

static const struct vector json_vectors[] = {
	{ "plain", 0, "\"plain\"" },
	{ "q\"b\\", 0, "\"q\\\"b\\\\\"" },
	{ "\n\r\t\b\f", 0, "\"\\n\\r\\t\\b\\f\"" },
	{ "\x01\x1b\x7f", 0, "\"\\u0001\\u001b\\u007f\"" },
	{ "ls\xe2\x80\xa8" "ps\xe2\x80\xa9", 0, "\"ls\\u2028ps\\u2029\"" },
	{ "csi\xc2\x9b" "2J", 0, "\"csi\\u009b2J\"" },
	{ "c1\xc2\x80\xc2\x9f", 0, "\"c1\\u0080\\u009f\"" },
	{ "rlo\xe2\x80\xae" "txt", 0, "\"rlo\\u202etxt\"" },
	{ "bidi\xd8\x9c\xe2\x80\x8e\xe2\x81\xa6\xe2\x81\xa9", 0,
	    "\"bidi\\u061c\\u200e\\u2066\\u2069\"" },
	{ "bom\xef\xbb\xbf", 0, "\"bom\\ufeff\"" },
	{ "bad\xff\xfe!", 0, "\"bad\xef\xbf\xbd\xef\xbf\xbd!\"" },
	{ "\xed\xa0\x80", 0, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
	{ "日本語", 0, "\"日本語\"" },
	{ "</script>", 0, "\"</script>\"" },
	{ "", 0, "\"\"" },
};

START_TEST(test_json)
{
	const struct vector	*v = &json_vectors[_i];
	char			*got = json(v->in);

	ck_assert_str_eq(got, v->want);
	free(got);
}
END_TEST

START_TEST(test_json_null)
{
	char	*got = json(NULL);

	ck_assert_str_eq(got, "null");
	free(got);
}
END_TEST

/* Every valid string comes back from a JSON parser exactly. */
START_TEST(test_json_roundtrip)
{
	struct buf	 all = BUF_INIT;
	cJSON		*v;
	char		*got;
	int		 c;

	for (c = 1; c < 0x80; c++)
		buf_addch(&all, (char)c);
	buf_addstr(&all, "é日本\xf0\x9f\x98\x80\xe2\x80\xa8"
	    "\xc2\x9b\xe2\x80\xae\xef\xbb\xbf");
	got = json(all.data);
	ck_assert_ptr_nonnull(v = cJSON_Parse(got));
	ck_assert(cJSON_IsString(v));
	ck_assert_str_eq(v->valuestring, all.data);
	cJSON_Delete(v);
	free(got);
	buf_free(&all);
}
END_TEST

static const struct {
	const char	*in;
	size_t		 len;
	unsigned int	 cp;
} utf8_vectors[] = {
	{ "A", 1, 0x41 },
	{ "\xc3\xa9", 2, 0xe9 },
	{ "\xe6\x97\xa5", 3, 0x65e5 },
	{ "\xf0\x9f\x98\x80", 4, 0x1f600 },
	{ "\xf4\x8f\xbf\xbf", 4, 0x10ffff },
	{ "\xef\xbf\xbd", 3, 0xfffd },
	{ "", 0, 0 },
	{ "\x80", 0, 0 },
	{ "\xc0\x80", 0, 0 },
	{ "\xc1\xbf", 0, 0 },
	{ "\xe0\x80\x80", 0, 0 },
	{ "\xed\xa0\x80", 0, 0 },
	{ "\xf0\x80\x80\x80", 0, 0 },
	{ "\xf4\x90\x80\x80", 0, 0 },
	{ "\xf5\x80\x80\x80", 0, 0 },
	{ "\xe6\x97", 0, 0 },
	{ "\xc3" "A", 0, 0 },
};

START_TEST(test_utf8_decode)
{
	unsigned int	cp = 0xdeadbeef;

	ck_assert_uint_eq(escape_utf8_decode(utf8_vectors[_i].in, &cp),
	    utf8_vectors[_i].len);
	if (utf8_vectors[_i].len > 0)
		ck_assert_uint_eq(cp, utf8_vectors[_i].cp);
}
END_TEST

START_TEST(test_width)
{
	ck_assert_int_eq(escape_cp_width('a'), 1);
	ck_assert_int_eq(escape_cp_width(0x3042), 2);	/* あ */
	ck_assert_int_eq(escape_cp_width(0x6f22), 2);	/* 漢 */
	ck_assert_int_eq(escape_cp_width(0xff08), 2);	/* （ */
	ck_assert_int_eq(escape_cp_width(0x0301), 0);	/* combining */
	ck_assert_int_eq(escape_cp_width(0x200b), 0);	/* zero width */
	ck_assert_int_eq(escape_cp_width(0x1f600), 2);	/* emoji */
	ck_assert_int_eq(escape_cp_width(0x2192), 1);	/* arrow */
	ck_assert_uint_eq(escape_width("abc"), 3);
	ck_assert_uint_eq(escape_width("日本 語"), 7);
	ck_assert_uint_eq(escape_width("e\xcc\x81"), 1);
	ck_assert_uint_eq(escape_width("\xff\xfe"), 2);
	ck_assert_uint_eq(escape_width(""), 0);
}
END_TEST

START_TEST(test_null_and_append)
{
	struct buf	b = BUF_INIT;

	escape_text(&b, NULL, 0);
	escape_md(&b, NULL, 0);
	ck_assert_uint_eq(b.len, 0);
	buf_addstr(&b, "x=");
	escape_text(&b, "\x1b", 0);
	escape_md(&b, "*", 0);
	ck_assert_str_eq(b.data, "x=\\x1b\\*");
	buf_free(&b);
}
END_TEST

/* A long hostile string: cut output stays within its bound, whole. */
START_TEST(test_long_cut)
{
	struct buf	in = BUF_INIT;
	char		*got;
	int		 i;

	for (i = 0; i < 5000; i++)
		buf_addstr(&in, i % 3 == 0 ? "\x1b" : i % 3 == 1 ? "日" : "*");
	got = text(in.data, 160);
	ck_assert_uint_le(escape_width(got), 160);
	ck_assert_str_eq(got + strlen(got) - 3, "...");
	ck_assert_ptr_null(strchr(got, '\x1b'));
	free(got);
	got = md(in.data, 300);
	ck_assert_str_eq(got + strlen(got) - 3, "...");
	ck_assert_ptr_null(strchr(got, '\x1b'));
	free(got);
	buf_free(&in);
}
END_TEST

#define NVEC(a)	((int)(sizeof(a) / sizeof((a)[0])))

static Suite *
escape_suite(void)
{
	Suite	*s = suite_create("escape");
	TCase	*tc;

	tc = tcase_create("text");
	tcase_add_loop_test(tc, test_text, 0, NVEC(text_vectors));
	tcase_add_test(tc, test_null_and_append);
	tcase_add_test(tc, test_long_cut);
	suite_add_tcase(s, tc);

	tc = tcase_create("markdown");
	tcase_add_loop_test(tc, test_md, 0, NVEC(md_vectors));
	tcase_add_test(tc, test_md_prose);
	tcase_add_test(tc, test_md_no_raw_html);
	suite_add_tcase(s, tc);

	tc = tcase_create("html");
	tcase_add_loop_test(tc, test_html, 0, NVEC(html_vectors));
	tcase_add_test(tc, test_html_hostile);
	suite_add_tcase(s, tc);

	tc = tcase_create("json");
	tcase_add_loop_test(tc, test_json, 0, NVEC(json_vectors));
	tcase_add_test(tc, test_json_null);
	tcase_add_test(tc, test_json_roundtrip);
	suite_add_tcase(s, tc);

	tc = tcase_create("utf8");
	tcase_add_loop_test(tc, test_utf8_decode, 0, NVEC(utf8_vectors));
	tcase_add_test(tc, test_width);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(escape_suite());
}
