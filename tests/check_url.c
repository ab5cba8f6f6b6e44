/*
 * check_url.c: the one loopback policy (url_host_is_loopback()) and the
 * URL split libcurl sees (url_split()), and that the HTTP engine and the
 * endpoint resolver, which used to decide "loopback" each their own
 * way, now agree with it.  The credential chain's use is checked by
 * check_creds (test_container_url_table).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws.h"
#include "http.h"
#include "url.h"
#include "util.h"
#include "helper_stderr.h"
#include "helper_check.h"

static const struct host_row {
	const char	*host;
	int		 loopback;
} host_rows[] = {
	{ "localhost", 1 },
	{ "LOCALHOST", 1 },		/* creds.c used to refuse this */
	{ "LocalHost", 1 },
	{ "127.0.0.1", 1 },
	{ "127.1.2.3", 1 },
	{ "127.255.255.255", 1 },
	{ "127.0.0.0", 1 },
	{ "[::1]", 1 },
	{ "[0:0:0:0:0:0:0:1]", 1 },	/* aws.c used to refuse this */
	{ "[0::1]", 1 },
	{ "127.0.0.1.evil.com", 0 },
	{ "localhost.evil.com", 0 },
	{ "evil-localhost", 0 },
	{ "localhost.", 0 },
	{ "localhos", 0 },
	{ "127.1", 0 },
	{ "127.0.1", 0 },
	{ "0x7f000001", 0 },
	{ "2130706433", 0 },
	{ "0177.0.0.1", 0 },
	{ "127.0.0.01", 0 },		/* aws.c used to accept this */
	{ "127.+1.0.1", 0 },		/* and this */
	{ "127.0.0.256", 0 },
	{ "127.0.0.1.", 0 },
	{ ".127.0.0.1", 0 },
	{ "127..0.1", 0 },
	{ " 127.0.0.1", 0 },
	{ "128.0.0.1", 0 },
	{ "10.0.0.1", 0 },
	{ "0.0.0.0", 0 },
	{ "::1", 0 },			/* a URL host needs brackets */
	{ "[::2]", 0 },
	{ "[::]", 0 },
	{ "[::ffff:127.0.0.1]", 0 },
	{ "[::1%25lo]", 0 },
	{ "[::1", 0 },
	{ "::1]", 0 },
	{ "[]", 0 },
	{ "[", 0 },
	{ "", 0 },
	{ "example.com", 0 },
};

START_TEST(test_host_is_loopback)
{
	const struct host_row	*r = &host_rows[_i];

	ck_assert_msg(url_host_is_loopback(r->host) == r->loopback,
	    "\"%s\": expected %d", r->host, r->loopback);
}
END_TEST

START_TEST(test_host_null)
{
	ck_assert_int_eq(url_host_is_loopback(NULL), 0);
}
END_TEST

/*
 * The engine (http_url_allowed) and the endpoint resolver (an http://
 * override) take exactly the hosts the policy takes.  The engine judges
 * the host as libcurl rewrites it ("127.1" becomes "127.0.0.1"), the
 * resolver the host as written.
 */
START_TEST(test_callers_agree)
{
	const struct host_row	*r = &host_rows[_i];
	struct aws_endpoint	 ep;
	char			*url, *err, *scheme, *host;
	int			 rc, want;

	url = xasprintf("http://%s/", r->host);
	want = url_split(url, &scheme, &host) == 0 &&
	    url_host_is_loopback(host);
	if (host != NULL && strcmp(host, r->host) == 0)
		ck_assert_int_eq(want, r->loopback);
	ck_assert_msg(http_url_allowed(url) == want, "engine: %s", url);
	free(scheme);
	free(host);
	url[strlen(url) - 1] = '\0';
	stderr_capture_start();
	rc = aws_endpoint_resolve(AWS_SVC_BEDROCK, "us-east-1", url, &ep);
	err = stderr_capture_end();
	ck_assert_msg((rc == 0) == r->loopback, "resolver: %s: %s", url, err);
	aws_endpoint_free(&ep);
	free(err);
	free(url);
}
END_TEST

/* Bracketed hosts, through both callers. */
START_TEST(test_callers_agree_ipv6)
{
	struct aws_endpoint	 ep;
	char			*err;

	ck_assert_int_eq(http_url_allowed("http://[::1]:8080/"), 1);
	ck_assert_int_eq(http_url_allowed("http://[0:0::1]/"), 1);
	ck_assert_int_eq(http_url_allowed("http://[::2]/"), 0);
	ck_assert_int_eq(http_url_allowed("http://[::ffff:127.0.0.1]/"), 0);
	ck_assert_int_eq(aws_endpoint_resolve(AWS_SVC_BEDROCK, "us-east-1",
	    "http://[::1]:8080", &ep), 0);
	ck_assert_str_eq(ep.host, "[::1]:8080");
	aws_endpoint_free(&ep);
	stderr_capture_start();
	ck_assert_int_eq(aws_endpoint_resolve(AWS_SVC_BEDROCK, "us-east-1",
	    "http://[::2]:8080", &ep), -1);
	err = stderr_capture_end();
	ck_assert_ptr_nonnull(strstr(err, "only for a loopback host"));
	free(err);
}
END_TEST

static const struct split_row {
	const char	*url;
	const char	*scheme;	/* NULL: url_split() fails */
	const char	*host;
} split_rows[] = {
	{ "https://bedrock.us-east-1.amazonaws.com/x", "https",
	    "bedrock.us-east-1.amazonaws.com" },
	{ "HTTP://LOCALHOST:80/", "http", "LOCALHOST" },
	{ "http://[::1]:8080/c", "http", "[::1]" },
	/* libcurl's own reading of numeric hosts is what it connects to. */
	{ "http://127.1/", "http", "127.0.0.1" },
	{ "http://0x7f000001/", "http", "127.0.0.1" },
	{ "http://127.0.0.1@evil.example.com/", "http", "evil.example.com" },
	{ "not a url", NULL, NULL },
	{ "", NULL, NULL },
	{ NULL, NULL, NULL },
};

START_TEST(test_split)
{
	const struct split_row	*r = &split_rows[_i];
	char			*scheme = (char *)1, *host = (char *)1;

	if (r->scheme == NULL) {
		ck_assert_int_eq(url_split(r->url, &scheme, &host), -1);
		ck_assert_ptr_null(scheme);
		ck_assert_ptr_null(host);
		return;
	}
	ck_assert_int_eq(url_split(r->url, &scheme, &host), 0);
	ck_assert_str_eq(scheme, r->scheme);
	ck_assert_str_eq(host, r->host);
	free(scheme);
	free(host);
}
END_TEST

#define NVEC(a)	((int)(sizeof(a) / sizeof((a)[0])))

static Suite *
url_suite(void)
{
	Suite	*s = suite_create("url");
	TCase	*tc;

	tc = tcase_create("loopback");
	tcase_add_loop_test(tc, test_host_is_loopback, 0, NVEC(host_rows));
	tcase_add_test(tc, test_host_null);
	tcase_add_loop_test(tc, test_callers_agree, 0, NVEC(host_rows));
	tcase_add_test(tc, test_callers_agree_ipv6);
	suite_add_tcase(s, tc);

	tc = tcase_create("split");
	tcase_add_loop_test(tc, test_split, 0, NVEC(split_rows));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(url_suite());
}
