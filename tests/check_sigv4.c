/*
 * check_sigv4.c: regress tests for the SigV4 signer (sigv4.c).
 *
 * "suite": the 38 header-signing cases of the AWS SigV4 test suite
 * (aws-c-auth tests/aws-signing-test-suite/v4).  "botocore": the 12
 * requests this project sends, as signed by botocore 1.43.11.  Both tables
 * were converted once from shared/ by tests/data/sigv4_mktables.py into
 * tests/data/sigv4_*.inc; nothing is read at run time.  The rest are the
 * module's own cases: encoding, canonical form details, malformed input
 * and keeping secrets out of the output and the warnings.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "sigv4.h"
#include "util.h"
#include "helper_stderr.h"

#define VEC_MAX_HEADERS	8

/* One reference vector: inputs, then the expected outputs. */
struct vec {
	const char	*name;		/* suite folder or service.operation */
	const char	*method;
	const char	*host;		/* NULL: a Host header is given */
	const char	*path;		/* raw if raw_path, else wire form */
	int		 raw_path;	/* 1: encode once for the wire form */
	const char	*query;		/* wire query or NULL */
	struct sigv4_header headers[VEC_MAX_HEADERS];
	size_t		 headersz;
	const char	*body;
	size_t		 bodysz;
	int		 sign_body;	/* suite: send X-Amz-Content-Sha256 */
	const char	*akid;
	const char	*secret;
	const char	*token;		/* NULL if none */
	const char	*region;
	const char	*service;	/* signing name */
	long long	 now;		/* seconds since the epoch, UTC */
	unsigned	 flags;		/* SIGV4_* */
	const char	*amz_date;	/* expected X-Amz-Date */
	const char	*creq;		/* expected canonical request */
	const char	*sts;		/* expected string to sign */
	const char	*sig;		/* expected signature, hex */
	const char	*authz;		/* expected Authorization */
};

#include "data/sigv4_suite.inc"
#include "data/sigv4_botocore.inc"
#include "helper_check.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

#define TEST_AKID	"AKIDEXAMPLE"
#define TEST_SECRET	"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define TEST_TOKEN	"FQoGZXIvYXdzEXAMPLETOKEN"
#define TEST_NOW	1440938160	/* 2015-08-30T12:36:00Z */
#define EMPTY_SHA256	\
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static void
sha256_hex(const void *p, size_t len, char out[65])
{
	unsigned char	 md[SHA256_DIGEST_LENGTH];
	size_t		 i;

	SHA256(p, len, md);
	for (i = 0; i < sizeof(md); i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* Shared by every vector of a test process: keys cached for others. */
static struct sigv4_signer	*vec_signer;

/* Sign vector "v" and compare every output with the expected one. */
static void
run_vec(const struct vec *v)
{
	struct sigv4_header	 hdrs[VEC_MAX_HEADERS + 1];
	struct sigv4_request	 req;
	struct sigv4_creds	 creds;
	struct sigv4_signed	 out;
	char			 hash[65], *wire = NULL;
	size_t			 n = v->headersz;

	memcpy(hdrs, v->headers, n * sizeof(hdrs[0]));
	if (v->sign_body) {
		/* The suite's signer adds this; ours leaves it to callers. */
		sha256_hex(v->body, v->bodysz, hash);
		hdrs[n].name = "X-Amz-Content-Sha256";
		hdrs[n++].value = hash;
	}
	if (v->raw_path)
		wire = sigv4_uri_encode(v->path, strlen(v->path), 1);
	memset(&req, 0, sizeof(req));
	req.method = v->method;
	req.host = v->host;
	req.path = wire != NULL ? wire : v->path;
	req.query = v->query;
	req.headers = hdrs;
	req.headersz = n;
	req.body = v->body;
	req.bodysz = v->bodysz;
	creds.access_key_id = v->akid;
	creds.secret_access_key = v->secret;
	creds.session_token = v->token;
	ck_assert_msg(sigv4_sign(&req, &creds, v->region, v->service,
	    (time_t)v->now, v->flags, &out) == 0, "%s: sign failed", v->name);
	ck_assert_str_eq(out.amz_date, v->amz_date);
	ck_assert_str_eq(out.canonical_request, v->creq);
	ck_assert_str_eq(out.string_to_sign, v->sts);
	ck_assert_str_eq(out.signature, v->sig);
	ck_assert_str_eq(out.authorization, v->authz);
	sigv4_signed_free(&out);
	/* A signer gives the same, twice (the second from its cache). */
	if (vec_signer == NULL)
		ck_assert_ptr_nonnull(vec_signer = sigv4_signer_new());
	for (n = 0; n < 2; n++) {
		ck_assert_msg(sigv4_signer_sign(vec_signer, &req, &creds,
		    v->region, v->service, (time_t)v->now, v->flags,
		    &out) == 0, "%s: signer failed", v->name);
		ck_assert_ptr_null(out.canonical_request);
		ck_assert_str_eq(out.signature, v->sig);
		ck_assert_str_eq(out.authorization, v->authz);
		sigv4_signed_free(&out);
	}
	free(wire);
}

START_TEST(test_suite)
{
	run_vec(&suite_vecs[_i]);
}
END_TEST

START_TEST(test_botocore)
{
	run_vec(&botocore_vecs[_i]);
}
END_TEST

START_TEST(test_suite_count)
{
	ck_assert_uint_eq(NITEMS(suite_vecs), 38);
	ck_assert_uint_eq(NITEMS(botocore_vecs), 12);
}
END_TEST

/* uri_encode: input, its length (-1: strlen), keep_slash, expected. */
static const struct {
	const char	*in;
	int		 len;
	int		 keep_slash;
	const char	*want;
} enc_cases[] = {
	{ "anthropic.claude-3-haiku-20240307-v1:0", -1, 0,
	    "anthropic.claude-3-haiku-20240307-v1%3A0" },
	{ "a/b", -1, 1, "a/b" },
	{ "a/b", -1, 0, "a%2Fb" },
	{ "~user", -1, 0, "~user" },
	{ "a b+c", -1, 0, "a%20b%2Bc" },
	{ "\xe1\x88\xb4", -1, 0, "%E1%88%B4" },
	{ "/model/\xc3\xa9:1/", -1, 1, "/model/%C3%A9%3A1/" },
	{ "-_.~AZaz09", -1, 0, "-_.~AZaz09" },
	{ "100%", -1, 0, "100%25" },
	{ "", -1, 1, "" },
	{ "ab\0cd", 5, 0, "ab%00cd" },
	{ "abcdef", 3, 0, "abc" },
};

START_TEST(test_uri_encode)
{
	const char	*in = enc_cases[_i].in;
	size_t		 len;
	char		*s;

	len = enc_cases[_i].len < 0 ? strlen(in) : (size_t)enc_cases[_i].len;
	s = sigv4_uri_encode(in, len, enc_cases[_i].keep_slash);
	ck_assert_str_eq(s, enc_cases[_i].want);
	free(s);
}
END_TEST

/* Every byte outside the unreserved set becomes %XX, uppercase. */
START_TEST(test_uri_encode_all_bytes)
{
	char	 in[1], want[4], *s;
	int	 c;

	for (c = 0; c < 256; c++) {
		in[0] = (char)c;
		s = sigv4_uri_encode(in, 1, 0);
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') ||
		    (c != 0 && strchr("-_.~", c) != NULL)) {
			ck_assert_uint_eq(strlen(s), 1);
			ck_assert_int_eq((unsigned char)s[0], c);
		} else {
			snprintf(want, sizeof(want), "%%%02X", c);
			ck_assert_str_eq(s, want);
		}
		free(s);
	}
}
END_TEST

/* The botocore wire path is what sigv4_uri_encode() makes of the label. */
START_TEST(test_uri_encode_model_path)
{
	char	*label, *path;

	label = sigv4_uri_encode("anthropic.claude-3-haiku-20240307-v1:0",
	    strlen("anthropic.claude-3-haiku-20240307-v1:0"), 0);
	path = xasprintf("/foundation-models/%s", label);
	ck_assert_str_eq(path, botocore_vecs[3].path);
	ck_assert_ptr_nonnull(strstr(botocore_vecs[3].creq,
	    "/foundation-models/anthropic.claude-3-haiku-20240307-v1%253A0\n"));
	free(label);
	free(path);
}
END_TEST

/* A request and credentials the own cases start from. */
struct fix {
	struct sigv4_request	 req;
	struct sigv4_creds	 creds;
	struct sigv4_header	 hdrs[4];
	const char		*region;
	const char		*service;
	unsigned		 flags;
};

static void
fix_init(struct fix *f)
{
	memset(f, 0, sizeof(*f));
	f->req.method = "GET";
	f->req.host = "bedrock.us-east-1.amazonaws.com";
	f->req.path = "/foundation-models";
	f->req.headers = f->hdrs;
	f->creds.access_key_id = TEST_AKID;
	f->creds.secret_access_key = TEST_SECRET;
	f->region = "us-east-1";
	f->service = "bedrock";
	f->flags = SIGV4_DEFAULT;
}

static int
fix_sign(const struct fix *f, struct sigv4_signed *out)
{
	return sigv4_sign(&f->req, &f->creds, f->region, f->service,
	    TEST_NOW, f->flags, out);
}

/* Line "n" (0-based) of the canonical request, in a static buffer. */
static const char *
creq_line(const struct sigv4_signed *s, int n)
{
	static char	 line[512];
	const char	*p = s->canonical_request, *e;

	for (; n > 0 && p != NULL; n--)
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	ck_assert_ptr_nonnull(p);
	e = strchr(p, '\n');
	snprintf(line, sizeof(line), "%.*s", (int)(e != NULL ? e - p :
	    (long)strlen(p)), p);
	return line;
}

/* Sign the fixture with "query" and return the canonical query. */
static void
check_query(const char *query, const char *want)
{
	struct fix		 f;
	struct sigv4_signed	 out;

	fix_init(&f);
	f.req.query = query;
	ck_assert_int_eq(fix_sign(&f, &out), 0);
	ck_assert_str_eq(creq_line(&out, 2), want);
	sigv4_signed_free(&out);
}

START_TEST(test_query_empty)
{
	check_query(NULL, "");
	check_query("", "");
	check_query("&&", "");
}
END_TEST

START_TEST(test_query_no_value)
{
	check_query("b&a=1&c=", "a=1&b=&c=");
	check_query("k", "k=");
}
END_TEST

START_TEST(test_query_reencode)
{
	/* Decode then encode: lowercase escapes, '~', '+', '=' in values. */
	check_query("x=a%2fb&y=%7E+&z=a=b", "x=a%2Fb&y=~%2B&z=a%3Db");
	check_query("k=b&k=a&K=c", "K=c&k=a&k=b");
	check_query("p=%20%E1%88%b4", "p=%20%E1%88%B4");
}
END_TEST

/* Canonical URI for a wire path under each flag combination. */
static const struct {
	const char	*path;
	unsigned	 flags;
	const char	*want;
} path_cases[] = {
	{ "/a/./b/../c%3A0//", SIGV4_DEFAULT, "/a/c%253A0/" },
	{ "/a/./b/../c%3A0//", SIGV4_NORMALIZE_PATH, "/a/c%3A0/" },
	{ "/a/./b/../c%3A0//", SIGV4_DOUBLE_ENCODE, "/a/./b/../c%253A0//" },
	{ "/a/./b/../c%3A0//", 0, "/a/./b/../c%3A0//" },
	{ "/..", SIGV4_DEFAULT, "/" },
	{ "/../../a", SIGV4_DEFAULT, "/a" },
	{ "/a/.", SIGV4_DEFAULT, "/a" },
	{ "/~a:b@c", SIGV4_DEFAULT, "/~a%3Ab%40c" },
	{ "/model%2Fid", SIGV4_DEFAULT, "/model%252Fid" },
};

START_TEST(test_canonical_uri)
{
	struct fix		 f;
	struct sigv4_signed	 out;

	fix_init(&f);
	f.req.path = path_cases[_i].path;
	f.flags = path_cases[_i].flags;
	ck_assert_int_eq(fix_sign(&f, &out), 0);
	ck_assert_str_eq(creq_line(&out, 1), path_cases[_i].want);
	sigv4_signed_free(&out);
}
END_TEST

START_TEST(test_header_forms)
{
	struct fix		 f;
	struct sigv4_signed	 out;

	fix_init(&f);
	f.hdrs[0].name = "X-Custom";
	f.hdrs[0].value = " \ta \t b  \r\n\tc ";
	f.hdrs[1].name = "Host";
	f.hdrs[1].value = "example.com:8443";
	f.hdrs[2].name = "x-custom";
	f.hdrs[2].value = "";
	f.req.headersz = 3;
	ck_assert_int_eq(fix_sign(&f, &out), 0);
	ck_assert_str_eq(creq_line(&out, 3), "host:example.com:8443");
	ck_assert_str_eq(creq_line(&out, 4), "x-amz-date:20150830T123600Z");
	ck_assert_str_eq(creq_line(&out, 5), "x-custom:a b c,");
	ck_assert_str_eq(creq_line(&out, 7), "host;x-amz-date;x-custom");
	ck_assert_str_eq(creq_line(&out, 8), EMPTY_SHA256);
	ck_assert_ptr_nonnull(strstr(out.authorization,
	    "SignedHeaders=host;x-amz-date;x-custom, "));
	sigv4_signed_free(&out);
}
END_TEST

START_TEST(test_given_date)
{
	struct fix		 f;
	struct sigv4_signed	 out;

	fix_init(&f);
	f.hdrs[0].name = "X-Amz-Date";
	f.hdrs[0].value = " 20251127T120000Z ";
	f.req.headersz = 1;
	ck_assert_int_eq(fix_sign(&f, &out), 0);
	ck_assert_str_eq(out.amz_date, "20251127T120000Z");
	ck_assert_str_eq(creq_line(&out, 4), "x-amz-date:20251127T120000Z");
	ck_assert_ptr_nonnull(strstr(out.string_to_sign,
	    "\n20251127/us-east-1/bedrock/aws4_request\n"));
	ck_assert_ptr_nonnull(strstr(out.authorization, "Credential="
	    "AKIDEXAMPLE/20251127/us-east-1/bedrock/aws4_request, "));
	sigv4_signed_free(&out);
}
END_TEST

START_TEST(test_token_signed_once)
{
	struct fix		 f;
	struct sigv4_signed	 a, b, c;

	fix_init(&f);
	f.creds.session_token = TEST_TOKEN;
	ck_assert_int_eq(fix_sign(&f, &a), 0);
	ck_assert_str_eq(creq_line(&a, 5), "x-amz-security-token:"
	    TEST_TOKEN);
	/* Given by the caller too: the same request, signed once. */
	f.hdrs[0].name = "X-Amz-Security-Token";
	f.hdrs[0].value = TEST_TOKEN;
	f.req.headersz = 1;
	ck_assert_int_eq(fix_sign(&f, &b), 0);
	ck_assert_str_eq(b.canonical_request, a.canonical_request);
	ck_assert_str_eq(b.signature, a.signature);
	/* Omitted: not signed, so a different signature. */
	f.req.headersz = 0;
	f.flags |= SIGV4_OMIT_TOKEN;
	ck_assert_int_eq(fix_sign(&f, &c), 0);
	ck_assert_ptr_null(strstr(c.canonical_request, "x-amz-security"));
	ck_assert_str_ne(c.signature, a.signature);
	sigv4_signed_free(&a);
	sigv4_signed_free(&b);
	sigv4_signed_free(&c);
}
END_TEST

START_TEST(test_time_moves_signature)
{
	struct fix		 f;
	struct sigv4_signed	 a, b;

	fix_init(&f);
	ck_assert_int_eq(fix_sign(&f, &a), 0);
	ck_assert_int_eq(sigv4_sign(&f.req, &f.creds, f.region, f.service,
	    TEST_NOW + 86400, f.flags, &b), 0);
	ck_assert_str_eq(b.amz_date, "20150831T123600Z");
	ck_assert_str_ne(a.signature, b.signature);
	sigv4_signed_free(&a);
	sigv4_signed_free(&b);
	sigv4_signed_free(NULL);
}
END_TEST

/* Break the request line, path, query or host of "f" in way "i". */
static int
break_request(struct fix *f, int i)
{
	static char	 many[4 * (SIGV4_MAX_QUERY_PARAMS + 1)];
	int		 k;

	switch (i) {
	case 0: f->req.method = NULL; break;
	case 1: f->req.method = ""; break;
	case 2: f->req.method = "GE T"; break;
	case 3: f->req.path = NULL; break;
	case 4: f->req.path = "foundation-models"; break;
	case 5: f->req.path = "/a b"; break;
	case 6: f->req.path = "/a%zz"; break;
	case 7: f->req.path = "/a%4"; break;
	case 8: f->req.path = "/model/\xe1\x88\xb4"; break;
	case 9: f->req.query = "a=b c"; break;
	case 10: f->req.query = "a=%G0"; break;
	case 11:
		for (k = 0; k <= SIGV4_MAX_QUERY_PARAMS; k++)
			memcpy(many + 4 * k, "a=1&", 4);
		many[sizeof(many) - 1] = '\0';
		f->req.query = many;
		break;
	case 12: f->req.host = NULL; break;
	case 13: f->req.host = "a b"; break;
	case 14: f->req.body = NULL; f->req.bodysz = 5; break;
	case 15: f->req.body = ""; f->req.bodysz = SIGV4_MAX_BODY_BYTES + 1;
		break;
	default:
		return 0;
	}
	return 1;
}

/* Break the headers of "f" in way "i". */
static int
break_headers(struct fix *f, int i)
{
	f->req.headersz = 1;
	switch (i) {
	case 0: f->req.headers = NULL; break;
	case 1: f->req.headersz = SIGV4_MAX_HEADERS + 1; break;
	case 2: f->hdrs[0].name = "Bad Name"; break;
	case 3: f->hdrs[0].name = NULL; break;
	case 4: f->hdrs[0].value = NULL; break;
	case 5: f->hdrs[0].value = "a\rb"; break;
	case 6: f->hdrs[0].value = "a\r\nX-Evil: 1"; break;
	case 7:
		f->hdrs[0].name = f->hdrs[1].name = "Host";
		f->hdrs[0].value = f->hdrs[1].value = "h";
		f->req.headersz = 2;
		break;
	case 8:
		f->hdrs[0].name = f->hdrs[1].name = "X-Amz-Date";
		f->hdrs[0].value = f->hdrs[1].value = "20251127T120000Z";
		f->req.headersz = 2;
		break;
	case 9: f->hdrs[0].name = "X-Amz-Date";
		f->hdrs[0].value = "2025-11-27T12:00:00Z"; break;
	case 10: f->hdrs[0].name = "X-Amz-Date";
		f->hdrs[0].value = "20251127T120000Zx"; break;
	default:
		f->req.headersz = 0;
		return 0;
	}
	return 1;
}

/* Break the scope, flags or credentials of "f" in way "i". */
static int
break_scope(struct fix *f, int i)
{
	static char	 longsecret[SIGV4_MAX_SECRET_BYTES + 2];

	switch (i) {
	case 0: f->region = "US-EAST-1"; break;
	case 1: f->region = ""; break;
	case 2: f->service = NULL; break;
	case 3: f->service = "bed/rock"; break;
	case 4: f->flags = 0x80; break;
	case 5: f->creds.access_key_id = NULL; break;
	case 6: f->creds.access_key_id = "AKID/EXAMPLE"; break;
	case 7: f->creds.secret_access_key = NULL; break;
	case 8: f->creds.secret_access_key = ""; break;
	case 9:
		memset(longsecret, 'k', sizeof(longsecret) - 1);
		f->creds.secret_access_key = longsecret;
		break;
	case 10: f->creds.session_token = "tok\nen"; break;
	case 11: f->creds.session_token = ""; break;
	default:
		return 0;
	}
	return 1;
}

#define NBREAK_REQUEST	16
#define NBREAK_HEADERS	11
#define NBREAK_SCOPE	12

/* Break the fixture in way "i"; returns 0 when "i" is past the last. */
static int
fix_break(struct fix *f, int i)
{
	if (i < NBREAK_REQUEST)
		return break_request(f, i);
	i -= NBREAK_REQUEST;
	if (i < NBREAK_HEADERS)
		return break_headers(f, i);
	return break_scope(f, i - NBREAK_HEADERS);
}
#define NBREAKS	(NBREAK_REQUEST + NBREAK_HEADERS + NBREAK_SCOPE)

START_TEST(test_malformed)
{
	struct fix		 f;
	struct sigv4_signed	 out;

	fix_init(&f);
	f.hdrs[0].name = "X-Ok";
	f.hdrs[0].value = "ok";
	f.hdrs[1].name = "X-Ok2";
	f.hdrs[1].value = "ok";
	ck_assert_int_eq(fix_break(&f, _i), 1);
	memset(&out, 0xa5, sizeof(out));
	ck_assert_int_eq(fix_sign(&f, &out), -1);
	ck_assert_ptr_null(out.authorization);
	ck_assert_ptr_null(out.canonical_request);
	ck_assert_ptr_null(out.string_to_sign);
	ck_assert_str_eq(out.signature, "");
	sigv4_signed_free(&out);
}
END_TEST

START_TEST(test_malformed_count)
{
	struct fix	 f;

	fix_init(&f);
	ck_assert_int_eq(break_request(&f, NBREAK_REQUEST), 0);
	ck_assert_int_eq(break_headers(&f, NBREAK_HEADERS), 0);
	ck_assert_int_eq(break_scope(&f, NBREAK_SCOPE), 0);
	ck_assert_int_eq(sigv4_sign(NULL, &f.creds, "us-east-1", "bedrock",
	    TEST_NOW, 0, &(struct sigv4_signed){ 0 }), -1);
}
END_TEST

/* The unbroken fixture signs, so each malformed case tests one thing. */
START_TEST(test_fixture_signs)
{
	struct fix		 f;
	struct sigv4_signed	 out;

	fix_init(&f);
	ck_assert_int_eq(fix_sign(&f, &out), 0);
	sigv4_signed_free(&out);
}
END_TEST

START_TEST(test_secret_not_in_output)
{
	struct fix		 f;
	struct sigv4_signed	 out;
	struct sigv4_header	 h = { "Content-Type", "application/json" };

	fix_init(&f);
	f.req.method = "POST";
	f.req.headers = &h;
	f.req.headersz = 1;
	f.req.body = "{\"k\": \"" TEST_SECRET "\"}";	/* only hashed */
	f.req.bodysz = strlen(f.req.body);
	f.creds.session_token = TEST_TOKEN;
	ck_assert_int_eq(fix_sign(&f, &out), 0);
	ck_assert_ptr_null(strstr(out.canonical_request, TEST_SECRET));
	ck_assert_ptr_null(strstr(out.string_to_sign, TEST_SECRET));
	ck_assert_ptr_null(strstr(out.authorization, TEST_SECRET));
	ck_assert_ptr_null(strstr(out.authorization, "K7MDENG"));
	ck_assert_ptr_null(strstr(out.authorization, TEST_TOKEN));
	ck_assert_uint_eq(strlen(out.signature), 64);
	sigv4_signed_free(&out);
}
END_TEST

/*
 * A refused request warns once, naming the problem, and the warning holds
 * neither the secret key nor the session token.
 */
START_TEST(test_secret_not_in_warning)
{
	struct fix		 f;
	struct sigv4_signed	 out;
	char			*text;

	fix_init(&f);
	f.creds.session_token = "SECRETTOKEN\x01";
	f.req.headersz = 1;
	f.hdrs[0].name = "X-Amz-Security-Token";
	f.hdrs[0].value = "SECRETTOKEN\x01";
	stderr_capture_start();
	ck_assert_int_eq(fix_sign(&f, &out), -1);
	f.creds.session_token = NULL;
	f.hdrs[0].value = "ok\x01" TEST_SECRET;
	ck_assert_int_eq(fix_sign(&f, &out), -1);
	text = stderr_capture_end();
	ck_assert_ptr_nonnull(strstr(text, "sigv4: malformed or oversized "
	    "session token"));
	ck_assert_ptr_nonnull(strstr(text, "X-Amz-Security-Token: missing, "
	    "oversized or malformed header value"));
	ck_assert_ptr_null(strstr(text, "SECRETTOKEN"));
	ck_assert_ptr_null(strstr(text, TEST_SECRET));
	free(text);
}
END_TEST

/*
 * The signing key cache.  Each case signs with one signer and compares
 * with sigv4_sign(), which derives every key anew.
 */
static void
check_signer(struct sigv4_signer *s, const struct fix *f, time_t now,
    unsigned long derived)
{
	struct sigv4_signed	 a, b;

	ck_assert_int_eq(sigv4_signer_sign(s, &f->req, &f->creds, f->region,
	    f->service, now, f->flags, &a), 0);
	ck_assert_int_eq(sigv4_sign(&f->req, &f->creds, f->region,
	    f->service, now, f->flags, &b), 0);
	ck_assert_str_eq(a.signature, b.signature);
	ck_assert_str_eq(a.authorization, b.authorization);
	ck_assert_uint_eq(sigv4_signer_derivations(s), derived);
	sigv4_signed_free(&a);
	sigv4_signed_free(&b);
}

START_TEST(test_cache_reused)
{
	struct sigv4_signer	*s = sigv4_signer_new();
	struct fix		 f;

	fix_init(&f);
	check_signer(s, &f, TEST_NOW, 1);
	check_signer(s, &f, TEST_NOW + 60, 1);	/* same date */
	f.req.path = "/foundation-model-availability/a.b-v1%3A0";
	check_signer(s, &f, TEST_NOW, 1);	/* another request */
	sigv4_signer_free(s);
	sigv4_signer_free(NULL);
}
END_TEST

START_TEST(test_cache_scope)
{
	struct sigv4_signer	*s = sigv4_signer_new();
	struct fix		 f;

	fix_init(&f);
	check_signer(s, &f, TEST_NOW, 1);
	f.region = "us-west-2";
	check_signer(s, &f, TEST_NOW, 2);
	f.service = "servicequotas";
	check_signer(s, &f, TEST_NOW, 3);
	f.region = "us-east-1";
	check_signer(s, &f, TEST_NOW, 4);
	/* Back to each scope signed before: its own key, still cached. */
	f.service = "bedrock";
	check_signer(s, &f, TEST_NOW, 4);
	f.region = "us-west-2";
	check_signer(s, &f, TEST_NOW, 4);
	sigv4_signer_free(s);
}
END_TEST

START_TEST(test_cache_refreshed_secret)
{
	struct sigv4_signer	*s = sigv4_signer_new();
	struct fix		 f;
	char			 secret[] = TEST_SECRET;

	fix_init(&f);
	f.creds.secret_access_key = secret;
	check_signer(s, &f, TEST_NOW, 1);
	/* Credentials refreshed mid-run: same key id, same buffer. */
	secret[0] = 'X';
	check_signer(s, &f, TEST_NOW, 2);
	f.creds.access_key_id = "ASIAEXAMPLE2";
	f.creds.session_token = TEST_TOKEN;
	check_signer(s, &f, TEST_NOW, 2);	/* key depends on the secret */
	secret[0] = 'w';
	check_signer(s, &f, TEST_NOW, 3);
	sigv4_signer_free(s);
}
END_TEST

START_TEST(test_cache_midnight)
{
	struct sigv4_signer	*s = sigv4_signer_new();
	struct fix		 f;
	time_t			 midnight;

	midnight = TEST_NOW - TEST_NOW % 86400 + 86400;
	fix_init(&f);
	check_signer(s, &f, midnight - 1, 1);	/* 23:59:59 UTC */
	check_signer(s, &f, midnight, 2);	/* 00:00:00 the next day */
	check_signer(s, &f, midnight + 3600, 2);
	sigv4_signer_free(s);
}
END_TEST

START_TEST(test_cache_full)
{
	struct sigv4_signer	*s = sigv4_signer_new();
	struct fix		 f;
	char			 region[32];
	int			 i;

	fix_init(&f);
	f.region = region;
	/* More scopes than the cache keeps: older ones are replaced. */
	for (i = 0; i < SIGV4_SIGNER_MAX_KEYS + 10; i++) {
		snprintf(region, sizeof(region), "r-%d", i);
		check_signer(s, &f, TEST_NOW, (unsigned long)i + 1);
	}
	snprintf(region, sizeof(region), "r-%d", 0);
	check_signer(s, &f, TEST_NOW, SIGV4_SIGNER_MAX_KEYS + 11);
	sigv4_signer_free(s);
}
END_TEST

static Suite *
sigv4_suite(void)
{
	Suite	*s = suite_create("sigv4");
	TCase	*tc;

	tc = tcase_create("vectors");
	tcase_add_test(tc, test_suite_count);
	tcase_add_loop_test(tc, test_suite, 0, NITEMS(suite_vecs));
	tcase_add_loop_test(tc, test_botocore, 0, NITEMS(botocore_vecs));
	suite_add_tcase(s, tc);

	tc = tcase_create("encode");
	tcase_add_loop_test(tc, test_uri_encode, 0, NITEMS(enc_cases));
	tcase_add_test(tc, test_uri_encode_all_bytes);
	tcase_add_test(tc, test_uri_encode_model_path);
	suite_add_tcase(s, tc);

	tc = tcase_create("canonical");
	tcase_add_test(tc, test_query_empty);
	tcase_add_test(tc, test_query_no_value);
	tcase_add_test(tc, test_query_reencode);
	tcase_add_loop_test(tc, test_canonical_uri, 0, NITEMS(path_cases));
	tcase_add_test(tc, test_header_forms);
	tcase_add_test(tc, test_given_date);
	tcase_add_test(tc, test_token_signed_once);
	tcase_add_test(tc, test_time_moves_signature);
	suite_add_tcase(s, tc);

	tc = tcase_create("cache");
	tcase_add_test(tc, test_cache_reused);
	tcase_add_test(tc, test_cache_scope);
	tcase_add_test(tc, test_cache_refreshed_secret);
	tcase_add_test(tc, test_cache_midnight);
	tcase_add_test(tc, test_cache_full);
	suite_add_tcase(s, tc);

	tc = tcase_create("malformed");
	tcase_add_test(tc, test_fixture_signs);
	tcase_add_loop_test(tc, test_malformed, 0, NBREAKS);
	tcase_add_test(tc, test_malformed_count);
	suite_add_tcase(s, tc);

	tc = tcase_create("secrets");
	tcase_add_test(tc, test_secret_not_in_output);
	tcase_add_test(tc, test_secret_not_in_warning);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(sigv4_suite());
}
