/*
 * check_aws.c: the AWS API layer (aws.c, aws_bedrock.c, aws_quotas.c,
 * aws_sts.c, aws_cloudwatch.c): endpoints, request builders, reply parsers on recorded and
 * hostile fixtures from tests/data/aws/, quota merging, error replies.
 * Run from the repository root.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aws.h"
#include "aws_cloudwatch.h"
#include "regions.h"
#include "../src/aws_impl.h"
#include "sigv4.h"
#include "snapshot.h"
#include "util.h"
#include "helper_stderr.h"
#include "helper_check.h"

#define FIXTURE_DIR	"tests/data/aws/"
#define FIXTURE_MAX	(1024 * 1024)

/*
 * Read fixture "name" into exactly as many bytes as it has, with no
 * terminating NUL, so that AddressSanitizer catches a parser reading
 * past "len".
 */
static char *
fixture(const char *name, size_t *len)
{
	char	*path, *data;
	FILE	*f;
	long	 n;

	path = xasprintf(FIXTURE_DIR "%s", name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s (run from the repo root)",
	    path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert(n > 0 && n < FIXTURE_MAX);
	rewind(f);
	data = xmalloc((size_t)n);
	ck_assert_int_eq(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	free(path);
	*len = (size_t)n;
	return data;
}

/* A heap copy of string "s" without its NUL, for the same reason. */
static char *
exact(const char *s, size_t *len)
{
	char	*p;

	*len = strlen(s);
	p = xmalloc(*len);
	memcpy(p, s, *len);
	return p;
}

/* A string of "n" copies of "c"; caller frees. */
static char *
repeat(char c, size_t n)
{
	char	*s = xmalloc(n + 1);

	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* Free a NextToken and check it was the expected one (or NULL). */
static void
token_is(char *tok, const char *want)
{
	if (want == NULL)
		ck_assert_ptr_null(tok);
	else {
		ck_assert_ptr_nonnull(tok);
		ck_assert_str_eq(tok, want);
	}
	free(tok);
}

/* ---- services and endpoints ---- */

START_TEST(service_names)
{
	ck_assert_str_eq(aws_service_signing_name(AWS_SVC_BEDROCK), "bedrock");
	ck_assert_str_eq(aws_service_signing_name(AWS_SVC_SERVICE_QUOTAS),
	    "servicequotas");
	ck_assert_str_eq(aws_service_signing_name(AWS_SVC_STS), "sts");
	ck_assert_str_eq(aws_service_id(AWS_SVC_BEDROCK), "bedrock");
	ck_assert_str_eq(aws_service_id(AWS_SVC_SERVICE_QUOTAS),
	    "service_quotas");
	ck_assert_str_eq(aws_service_id(AWS_SVC_STS), "sts");
}
END_TEST

static const struct {
	enum aws_service	 svc;
	const char		*region;
	const char		*host;
} default_endpoints[] = {
	{ AWS_SVC_BEDROCK, "us-east-1", "bedrock.us-east-1.amazonaws.com" },
	{ AWS_SVC_SERVICE_QUOTAS, "eu-west-1",
	    "servicequotas.eu-west-1.amazonaws.com" },
	{ AWS_SVC_STS, "ap-northeast-1", "sts.ap-northeast-1.amazonaws.com" },
	{ AWS_SVC_BEDROCK, "us-gov-west-1",
	    "bedrock.us-gov-west-1.amazonaws.com" },
	{ AWS_SVC_STS, "cn-north-1", "sts.cn-north-1.amazonaws.com.cn" },
	{ AWS_SVC_BEDROCK, "us-iso-east-1",
	    "bedrock.us-iso-east-1.c2s.ic.gov" },
	{ AWS_SVC_BEDROCK, "us-isob-east-1",
	    "bedrock.us-isob-east-1.sc2s.sgov.gov" },
	{ AWS_SVC_BEDROCK, "us-isof-south-1",
	    "bedrock.us-isof-south-1.csp.hci.ic.gov" },
	{ AWS_SVC_BEDROCK, "eusc-de-east-1",
	    "bedrock.eusc-de-east-1.amazonaws.eu" },
};

START_TEST(endpoint_defaults)
{
	struct aws_endpoint	 e;
	char			*url;

	stderr_capture_start();
	ck_assert_int_eq(aws_endpoint_resolve(default_endpoints[_i].svc,
	    default_endpoints[_i].region, NULL, &e), 0);
	stderr_expect_none();
	url = xasprintf("https://%s", default_endpoints[_i].host);
	ck_assert_str_eq(e.host, default_endpoints[_i].host);
	ck_assert_str_eq(e.base_url, url);
	ck_assert_str_eq(e.region, default_endpoints[_i].region);
	free(url);
	aws_endpoint_free(&e);
	ck_assert_ptr_null(e.host);
	aws_endpoint_free(&e);		/* twice: zeroed, still fine */
	aws_endpoint_free(NULL);
	/* An empty override is no override. */
	ck_assert_int_eq(aws_endpoint_resolve(default_endpoints[_i].svc,
	    default_endpoints[_i].region, "", &e), 0);
	ck_assert_str_eq(e.host, default_endpoints[_i].host);
	aws_endpoint_free(&e);
}
END_TEST

static const struct {
	const char	*url;
	const char	*base_url;
	const char	*host;
} good_overrides[] = {
	{ "https://bedrock.example.com", "https://bedrock.example.com",
	    "bedrock.example.com" },
	{ "https://bedrock.example.com/", "https://bedrock.example.com",
	    "bedrock.example.com" },
	{ "https://sim.example.com:8443", "https://sim.example.com:8443",
	    "sim.example.com:8443" },
	{ "HTTPS://Sim.Example.com:8443/", "https://Sim.Example.com:8443",
	    "Sim.Example.com:8443" },
	{ "https://sim.example.com:443", "https://sim.example.com:443",
	    "sim.example.com" },
	{ "http://127.0.0.1:9000", "http://127.0.0.1:9000",
	    "127.0.0.1:9000" },
	{ "http://127.1.2.3:80", "http://127.1.2.3:80", "127.1.2.3" },
	{ "http://localhost:8080/", "http://localhost:8080",
	    "localhost:8080" },
	{ "http://[::1]:8443", "http://[::1]:8443", "[::1]:8443" },
	{ "https://[2001:db8::5]", "https://[2001:db8::5]", "[2001:db8::5]" },
	{ "https://10.0.0.7:4443", "https://10.0.0.7:4443", "10.0.0.7:4443" },
};

START_TEST(endpoint_override_ok)
{
	struct aws_endpoint	e;

	stderr_capture_start();
	ck_assert_int_eq(aws_endpoint_resolve(AWS_SVC_SERVICE_QUOTAS,
	    "eu-central-1", good_overrides[_i].url, &e), 0);
	stderr_expect_none();
	ck_assert_str_eq(e.base_url, good_overrides[_i].base_url);
	ck_assert_str_eq(e.host, good_overrides[_i].host);
	/* The override never changes the credential scope. */
	ck_assert_str_eq(e.region, "eu-central-1");
	aws_endpoint_free(&e);
}
END_TEST

static const struct {
	const char	*url;
	const char	*msg;
} bad_overrides[] = {
	{ "http://bedrock.example.com", "only for a loopback host" },
	{ "http://10.0.0.1:8080", "only for a loopback host" },
	{ "http://127.0.0.1.evil.example:80", "only for a loopback host" },
	{ "http://127.1", "only for a loopback host" },
	{ "http://127.0.0.256", "only for a loopback host" },
	{ "http://localhost.evil.example", "only for a loopback host" },
	{ "http://[::2]:80", "only for a loopback host" },
	{ "ftp://example.com", "not an https:// URL" },
	{ "bedrock.example.com", "not an https:// URL" },
	{ "https://", "bad host" },
	{ "https://:443", "bad host" },
	{ "https://h.example/prefix", "path, query or fragment" },
	{ "https://h.example?x=1", "path, query or fragment" },
	{ "https://h.example#frag", "path, query or fragment" },
	{ "https://user:pw@h.example", "user info" },
	{ "https://h.example:0", "port is too small" },
	{ "https://h.example:65536", "port is too large" },
	{ "https://h.example:", "bad port" },
	{ "https://h.example:8a", "port is invalid" },
	{ "https://h.example:1:2", "port is invalid" },
	{ "https://h ex.example", "space or control character" },
	{ "https://h.example\n", "space or control character" },
	{ "https://[::1", "bad host" },
	{ "https://[zz::1]", "bad host" },
	{ "https://h_x.example", "bad host" },
};

START_TEST(endpoint_override_bad)
{
	struct aws_endpoint	e;

	memset(&e, 0xa5, sizeof(e));
	stderr_capture_start();
	ck_assert_int_eq(aws_endpoint_resolve(AWS_SVC_BEDROCK, "us-east-1",
	    bad_overrides[_i].url, &e), -1);
	stderr_expect_one(bad_overrides[_i].msg);
	ck_assert_ptr_null(e.base_url);
	ck_assert_ptr_null(e.host);
	ck_assert_ptr_null(e.region);
}
END_TEST

START_TEST(endpoint_override_too_long)
{
	struct aws_endpoint	 e;
	char			*host = repeat('a', AWS_MAX_URL_BYTES);
	char			*url = xasprintf("https://%s", host);

	stderr_capture_start();
	ck_assert_int_eq(aws_endpoint_resolve(AWS_SVC_BEDROCK, "us-east-1",
	    url, &e), -1);
	stderr_expect_one("longer than 2048 bytes");
	free(url);
	free(host);
}
END_TEST

START_TEST(endpoint_bad_region)
{
	static const char *const bad[] = { "", "US-EAST-1", "us_east_1",
	    "us-east-1/../x", "us-east-1.evil.example", "us east",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" /* 33 */ };
	struct aws_endpoint	e;
	size_t			i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		stderr_capture_start();
		ck_assert_int_eq(aws_endpoint_resolve(AWS_SVC_BEDROCK, bad[i],
		    "https://ok.example", &e), -1);
		stderr_expect_one("not a region name");
		ck_assert_ptr_null(e.host);
	}
	stderr_capture_start();
	ck_assert_int_eq(aws_endpoint_resolve(AWS_SVC_STS, NULL, NULL, &e),
	    -1);
	stderr_expect_one("not a region name");
	ck_assert(aws_region_valid("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
	ck_assert(!aws_region_valid(NULL));
	/* One rule with config.c and regions.c: no '-' at either end. */
	ck_assert(!aws_region_valid("-us-east-1"));
	ck_assert(!aws_region_valid("us-east-1-"));
	ck_assert(!aws_region_valid("US-east-1"));
	ck_assert(regions_name_valid("us-east-1x", 9));
}
END_TEST

static TCase *
tcase_endpoints(void)
{
	TCase	*tc = tcase_create("endpoints");

	tcase_add_test(tc, service_names);
	tcase_add_loop_test(tc, endpoint_defaults, 0,
	    sizeof(default_endpoints) / sizeof(default_endpoints[0]));
	tcase_add_loop_test(tc, endpoint_override_ok, 0,
	    sizeof(good_overrides) / sizeof(good_overrides[0]));
	tcase_add_loop_test(tc, endpoint_override_bad, 0,
	    sizeof(bad_overrides) / sizeof(bad_overrides[0]));
	tcase_add_test(tc, endpoint_override_too_long);
	tcase_add_test(tc, endpoint_bad_region);
	return tc;
}

/* ---- request builders ---- */

/* Check the fields every request has. */
static void
req_is(const struct aws_request *r, enum aws_service svc, const char *op,
    const char *method, const char *path, const char *query)
{
	ck_assert_int_eq(r->service, svc);
	ck_assert_str_eq(r->operation, op);
	ck_assert_str_eq(r->method, method);
	ck_assert_str_eq(r->path, path);
	ck_assert_str_eq(r->query, query);
	ck_assert_ptr_nonnull(r->body);
	ck_assert_uint_eq(r->bodysz, strlen(r->body));
}

START_TEST(req_bedrock_get)
{
	struct aws_request	r;

	ck_assert_int_eq(aws_req_list_foundation_models(&r), 0);
	req_is(&r, AWS_SVC_BEDROCK, "ListFoundationModels", "GET",
	    "/foundation-models", "");
	ck_assert_ptr_null(r.content_type);
	ck_assert_ptr_null(r.target);
	ck_assert_str_eq(r.body, "");
	aws_request_free(&r);
	ck_assert_ptr_null(r.method);
	aws_request_free(&r);
	aws_request_free(NULL);

	ck_assert_int_eq(aws_req_get_model_availability(&r,
	    "anthropic.claude-3-haiku-20240307-v1:0"), 0);
	req_is(&r, AWS_SVC_BEDROCK, "GetFoundationModelAvailability", "GET",
	    "/foundation-model-availability/"
	    "anthropic.claude-3-haiku-20240307-v1%3A0", "");
	ck_assert_ptr_null(r.content_type);
	ck_assert_uint_eq(r.bodysz, 0);
	aws_request_free(&r);

	/* Context variants and provisioned IDs: ':' and '/' are encoded. */
	ck_assert_int_eq(aws_req_get_model_availability(&r,
	    "anthropic.claude-v2:1:200k/abcdefghijkl"), 0);
	ck_assert_str_eq(r.path, "/foundation-model-availability/"
	    "anthropic.claude-v2%3A1%3A200k%2Fabcdefghijkl");
	aws_request_free(&r);
}
END_TEST

START_TEST(req_bad_model_id)
{
	struct aws_request	 r;
	char			*big = repeat('a', AWS_MAX_ID_BYTES + 1);
	const char		*bad[] = { NULL, "", big, "a.b\n" };
	size_t			 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		stderr_capture_start();
		ck_assert_int_eq(aws_req_get_model_availability(&r, bad[i]),
		    -1);
		stderr_expect_one("GetFoundationModelAvailability: model "
		    "ID");
		/* The collector names the failed call from these. */
		ck_assert_str_eq(r.operation, "GetFoundationModelAvailability");
		ck_assert_int_eq(r.service, AWS_SVC_BEDROCK);
		aws_request_free(&r);
	}
	free(big);
	big = repeat('a', AWS_MAX_ID_BYTES);
	ck_assert_int_eq(aws_req_get_model_availability(&r, big), 0);
	aws_request_free(&r);
	free(big);
}
END_TEST

START_TEST(req_inference_profiles)
{
	struct aws_request	 r;
	char			*tok;

	ck_assert_int_eq(aws_req_list_inference_profiles(&r, NULL, NULL), 0);
	req_is(&r, AWS_SVC_BEDROCK, "ListInferenceProfiles", "GET",
	    "/inference-profiles", "maxResults=1000");
	ck_assert_ptr_null(r.content_type);
	ck_assert_ptr_null(r.target);
	aws_request_free(&r);

	ck_assert_int_eq(aws_req_list_inference_profiles(&r, "SYSTEM_DEFINED",
	    ""), 0);
	ck_assert_str_eq(r.query, "maxResults=1000&type=SYSTEM_DEFINED");
	aws_request_free(&r);

	/* '+', '/' and '=' are percent-encoded, never sent raw. */
	ck_assert_int_eq(aws_req_list_inference_profiles(&r, "APPLICATION",
	    "eyJwYWdlIjoyfQ+/AB=="), 0);
	ck_assert_str_eq(r.query, "maxResults=1000&nextToken="
	    "eyJwYWdlIjoyfQ%2B%2FAB%3D%3D&type=APPLICATION");
	aws_request_free(&r);

	ck_assert_int_eq(aws_req_list_inference_profiles(&r, NULL, "a~b-c_d."),
	    0);
	ck_assert_str_eq(r.query, "maxResults=1000&nextToken=a~b-c_d.");
	aws_request_free(&r);

	stderr_capture_start();
	ck_assert_int_eq(aws_req_list_inference_profiles(&r,
	    "SYSTEM DEFINED", NULL), -1);
	stderr_expect_one("ListInferenceProfiles: bad inference profile "
	    "type");
	aws_request_free(&r);

	tok = repeat('A', AWS_MAX_TOKEN_BYTES + 1);
	stderr_capture_start();
	ck_assert_int_eq(aws_req_list_inference_profiles(&r, NULL, tok), -1);
	stderr_expect_one("ListInferenceProfiles: NextToken longer than "
	    "2048 bytes");
	ck_assert_str_eq(r.operation, "ListInferenceProfiles");
	aws_request_free(&r);
	tok[AWS_MAX_TOKEN_BYTES] = '\0';
	ck_assert_int_eq(aws_req_list_inference_profiles(&r, NULL, tok), 0);
	aws_request_free(&r);
	free(tok);
}
END_TEST

START_TEST(req_service_quotas)
{
	struct aws_request	r;

	ck_assert_int_eq(aws_req_list_service_quotas(&r, NULL), 0);
	req_is(&r, AWS_SVC_SERVICE_QUOTAS, "ListServiceQuotas", "POST", "/",
	    "");
	ck_assert_str_eq(r.content_type, "application/x-amz-json-1.1");
	ck_assert_str_eq(r.target, "ServiceQuotasV20190624.ListServiceQuotas");
	/* Byte for byte what botocore sends (Content-Length 45). */
	ck_assert_str_eq(r.body,
	    "{\"ServiceCode\": \"bedrock\", \"MaxResults\": 100}");
	ck_assert_uint_eq(r.bodysz, 45);
	aws_request_free(&r);

	ck_assert_int_eq(aws_req_list_default_quotas(&r, "abc/def+ghi="), 0);
	req_is(&r, AWS_SVC_SERVICE_QUOTAS, "ListAWSDefaultServiceQuotas",
	    "POST", "/", "");
	ck_assert_str_eq(r.target,
	    "ServiceQuotasV20190624.ListAWSDefaultServiceQuotas");
	ck_assert_str_eq(r.body, "{\"ServiceCode\": \"bedrock\", "
	    "\"MaxResults\": 100, \"NextToken\": \"abc/def+ghi=\"}");
	aws_request_free(&r);

	ck_assert_int_eq(aws_req_list_quota_history(&r, ""), 0);
	req_is(&r, AWS_SVC_SERVICE_QUOTAS,
	    "ListRequestedServiceQuotaChangeHistory", "POST", "/", "");
	ck_assert_str_eq(r.target, "ServiceQuotasV20190624."
	    "ListRequestedServiceQuotaChangeHistory");
	ck_assert_str_eq(r.content_type, "application/x-amz-json-1.1");
	ck_assert_str_eq(r.body,
	    "{\"ServiceCode\": \"bedrock\", \"MaxResults\": 100}");
	aws_request_free(&r);

	/* A token that would need JSON escaping is refused outright. */
	stderr_capture_start();
	ck_assert_int_eq(aws_req_list_quota_history(&r, "a\"b\x01"), -1);
	stderr_expect_one("ListRequestedServiceQuotaChangeHistory: "
	    "NextToken holds a byte outside printable ASCII");
	aws_request_free(&r);
	ck_assert_int_eq(aws_req_list_service_quotas(&r, "a\"b\\c"), 0);
	ck_assert_str_eq(r.body, "{\"ServiceCode\": \"bedrock\", "
	    "\"MaxResults\": 100, \"NextToken\": \"a\\\"b\\\\c\"}");
	aws_request_free(&r);
}
END_TEST

START_TEST(req_caller_identity)
{
	struct aws_request	r;

	ck_assert_int_eq(aws_req_get_caller_identity(&r), 0);
	req_is(&r, AWS_SVC_STS, "GetCallerIdentity", "POST", "/", "");
	ck_assert_str_eq(r.content_type,
	    "application/x-www-form-urlencoded; charset=utf-8");
	ck_assert_ptr_null(r.target);
	ck_assert_str_eq(r.body, "Action=GetCallerIdentity&Version=2011-06-15");
	ck_assert_uint_eq(r.bodysz, 43);
	aws_request_free(&r);
}
END_TEST

/*
 * Requests signed by botocore 1.43.11 at 2025-11-27T12:00:00Z with the
 * AWS example key (shared/aws-models/sigv4-vectors-botocore-1.43.11.json):
 * endpoint + builder + signer must give the same signature, which proves
 * the method, host, path, query, headers and body bytes all match.
 */
static const struct {
	int		 which;
	enum aws_service svc;
	const char	*region;
	const char	*token;
	const char	*signature;
} botocore_vectors[] = {
	{ 0, AWS_SVC_BEDROCK, "us-east-1", NULL,
	  "e2bc0c620bb96943a2cdbb1794ef71c87a6c2125f31acab648af5bdc97878012" },
	{ 1, AWS_SVC_BEDROCK, "us-west-2", NULL,
	  "ac3d8bde1cda82d4e1f5154f2ec4daef90bfe5397298bdbcd34b85e3a501741b" },
	{ 2, AWS_SVC_BEDROCK, "eu-central-1",
	  "FQoGZXIvYXdzEXAMPLESESSIONTOKEN//////////wEaDEXAMPLE",
	  "ae5f485e011719ef266ed5e6afabbc279dac7e7f602e6f2333a28dc8ed1c1ff1" },
	{ 3, AWS_SVC_SERVICE_QUOTAS, "us-east-1", NULL,
	  "a6889785b5529e0e0c98df074fcb33d8ff1f4c1bf156a0b8e539ed2cb6dbb569" },
	{ 4, AWS_SVC_STS, "us-east-1", NULL,
	  "1788c8b7bdf6c992d9b15c7cb392b5e052b4394619fc9e705e6e5eb10cf3a2ce" },
};

static void
build_vector_request(int which, struct aws_request *r)
{
	int	rc = -1;

	switch (which) {
	case 0:
		rc = aws_req_list_foundation_models(r);
		break;
	case 1:
		rc = aws_req_get_model_availability(r,
		    "anthropic.claude-3-haiku-20240307-v1:0");
		break;
	case 2:
		rc = aws_req_list_inference_profiles(r, "SYSTEM_DEFINED", NULL);
		break;
	case 3:
		rc = aws_req_list_service_quotas(r, NULL);
		break;
	case 4:
		rc = aws_req_get_caller_identity(r);
		break;
	}
	ck_assert_int_eq(rc, 0);
}

START_TEST(req_botocore_signatures)
{
	struct aws_request	 r;
	struct aws_endpoint	 e;
	struct sigv4_header	 h[2];
	struct sigv4_request	 sr;
	struct sigv4_creds	 c;
	struct sigv4_signed	 sig;
	size_t			 n = 0;

	build_vector_request(botocore_vectors[_i].which, &r);
	ck_assert_int_eq(r.service, botocore_vectors[_i].svc);
	ck_assert_int_eq(aws_endpoint_resolve(r.service,
	    botocore_vectors[_i].region, NULL, &e), 0);
	if (r.content_type != NULL) {
		h[n].name = "Content-Type";
		h[n++].value = r.content_type;
	}
	if (r.target != NULL) {
		h[n].name = "X-Amz-Target";
		h[n++].value = r.target;
	}
	memset(&sr, 0, sizeof(sr));
	sr.method = r.method;
	sr.host = e.host;
	sr.path = r.path;
	sr.query = r.query;
	sr.headers = h;
	sr.headersz = n;
	sr.body = r.body;
	sr.bodysz = r.bodysz;
	c.access_key_id = "AKIDEXAMPLE";
	c.secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
	c.session_token = botocore_vectors[_i].token;
	ck_assert_int_eq(sigv4_sign(&sr, &c, e.region,
	    aws_service_signing_name(r.service), (time_t)1764244800,
	    SIGV4_DEFAULT, &sig), 0);
	ck_assert_str_eq(sig.signature, botocore_vectors[_i].signature);
	sigv4_signed_free(&sig);
	aws_endpoint_free(&e);
	aws_request_free(&r);
}
END_TEST

static TCase *
tcase_requests(void)
{
	TCase	*tc = tcase_create("requests");

	tcase_add_test(tc, req_bedrock_get);
	tcase_add_test(tc, req_bad_model_id);
	tcase_add_test(tc, req_inference_profiles);
	tcase_add_test(tc, req_service_quotas);
	tcase_add_test(tc, req_caller_identity);
	tcase_add_loop_test(tc, req_botocore_signatures, 0,
	    sizeof(botocore_vectors) / sizeof(botocore_vectors[0]));
	return tc;
}

/* ---- Bedrock replies ---- */

/* Find model "id" in the unsorted rows of "s"; fails the test if absent. */
static const struct model *
model_row(const struct snapshot *s, const char *id)
{
	size_t	i;

	for (i = 0; i < s->modelsz; i++)
		if (strcmp(s->models[i].model_id, id) == 0)
			return &s->models[i];
	ck_abort_msg("model %s not found", id);
	return NULL;
}

static void
model_is(const struct model *m, const char *name, const char *provider,
    const char *lifecycle, const char *types)
{
	ck_assert_str_eq(m->model_name, name);
	ck_assert_str_eq(m->provider, provider);
	ck_assert_str_eq(m->lifecycle, lifecycle);
	ck_assert_str_eq(m->inference_types, types);
	ck_assert_ptr_null(m->authorization);
	ck_assert_ptr_null(m->entitlement);
	ck_assert_ptr_null(m->agreement);
	ck_assert_ptr_null(m->region_availability);
	ck_assert_int_eq(m->first_run, 0);
}

START_TEST(bedrock_models)
{
	struct snapshot	 s;
	char		*body;
	size_t		 len;

	memset(&s, 0, sizeof(s));
	body = fixture("list-foundation-models.json", &len);
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_foundation_models(body, len, &s, NULL), 0);
	stderr_expect_none();
	ck_assert_uint_eq(s.modelsz, 5);
	/* Rows keep the reply's order; sorting is the caller's. */
	ck_assert_str_eq(s.models[0].model_id, "amazon.titan-tg1-large");
	model_is(model_row(&s, "amazon.titan-tg1-large"), "Titan Text Large",
	    "Amazon", "ACTIVE", "ON_DEMAND");
	/* Sorted and de-duplicated. */
	model_is(model_row(&s, "anthropic.claude-3-haiku-20240307-v1:0"),
	    "Claude 3 Haiku", "Anthropic", "ACTIVE", "ON_DEMAND,PROVISIONED");
	model_is(model_row(&s, "anthropic.claude-v2:1:200k"), "Claude",
	    "Anthropic", "LEGACY", "PROVISIONED");
	/* Unknown enum values are data; an absent name is "". */
	model_is(model_row(&s, "amazon.nova-micro-v1:0"), "", "Amazon",
	    "SUNSETTING", "INFERENCE_PROFILE,ON_DEMAND");
	/* null name, empty list, no lifecycle. */
	model_is(model_row(&s, "cohere.embed-english-v3"), "", "Cohere", "",
	    "");
	snapshot_free(&s);
	free(body);
}
END_TEST

START_TEST(bedrock_models_append)
{
	struct snapshot	 s;
	struct model	*m;
	char		*body;
	size_t		 len;

	memset(&s, 0, sizeof(s));
	m = snapshot_add_model(&s);
	m->model_id = xstrdup("meta.llama3-8b-instruct-v1:0");
	body = fixture("hostile-models-empty.json", &len);
	ck_assert_int_eq(aws_parse_foundation_models(body, len, &s, NULL), 0);
	ck_assert_uint_eq(s.modelsz, 1);
	free(body);
	body = fixture("list-foundation-models.json", &len);
	ck_assert_int_eq(aws_parse_foundation_models(body, len, &s, NULL), 0);
	ck_assert_uint_eq(s.modelsz, 6);
	ck_assert_str_eq(s.models[0].model_id, "meta.llama3-8b-instruct-v1:0");
	/* The same models again: every key is a duplicate; nothing added. */
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_foundation_models(body, len, &s, NULL), -1);
	stderr_expect_one("ListFoundationModels: duplicate modelId ");
	ck_assert_uint_eq(s.modelsz, 6);
	snapshot_free(&s);
	free(body);
}
END_TEST

START_TEST(bedrock_availability)
{
	struct model	 m;
	char		*body;
	size_t		 len;

	memset(&m, 0, sizeof(m));
	m.model_id = xstrdup("anthropic.claude-haiku-4-5-20251001-v1:0");
	body = fixture("model-availability.json", &len);
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_model_availability(body, len, &m, NULL), 0);
	stderr_expect_none();
	ck_assert_str_eq(m.agreement, "AVAILABLE");
	ck_assert_str_eq(m.authorization, "AUTHORIZED");
	ck_assert_str_eq(m.entitlement, "AVAILABLE");
	ck_assert_str_eq(m.region_availability, "AVAILABLE");
	/* A second reply replaces the values (valgrind checks the old). */
	ck_assert_int_eq(aws_parse_model_availability(body, len, &m, NULL), 0);
	ck_assert_str_eq(m.authorization, "AUTHORIZED");
	free(body);

	/* The reply is for another model: nothing changes. */
	body = fixture("model-availability-pending.json", &len);
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_model_availability(body, len, &m, NULL), -1);
	stderr_expect_one("GetFoundationModelAvailability: modelId: "
	    "anthropic.claude-3-haiku-20240307-v1:0, but "
	    "anthropic.claude-haiku-4-5-20251001-v1:0 was asked for");
	ck_assert_str_eq(m.agreement, "AVAILABLE");

	free(m.model_id);
	m.model_id = xstrdup("anthropic.claude-3-haiku-20240307-v1:0");
	ck_assert_int_eq(aws_parse_model_availability(body, len, &m, NULL), 0);
	ck_assert_str_eq(m.agreement, "ERROR");
	ck_assert_str_eq(m.authorization, "NOT_AUTHORIZED");
	ck_assert_str_eq(m.entitlement, "NOT_AVAILABLE");
	ck_assert_str_eq(m.region_availability, "COMING_SOON");
	ck_assert_str_eq(m.agreement_message, "Payment instrument missing");
	free(body);
	free(m.model_id);
	snapshot_str_free(m.agreement);
	snapshot_str_free(m.authorization);
	snapshot_str_free(m.entitlement);
	snapshot_str_free(m.region_availability);
	free(m.agreement_message);
}
END_TEST

/*
 * agreementAvailability.errorMessage (optional in the botocore model) is
 * kept byte for byte, markup and escapes included: renderers escape it.
 * Absent, it is NULL, and a reply without it clears an old message.
 */
START_TEST(bedrock_agreement_message)
{
	struct model	 m;
	char		*body;
	size_t		 len;

	memset(&m, 0, sizeof(m));
	m.model_id = xstrdup("a.b-v1:0");
	body = fixture("model-availability-agreement-message.json", &len);
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_model_availability(body, len, &m, NULL), 0);
	stderr_expect_none();
	ck_assert_str_eq(m.agreement, "ERROR");
	ck_assert_str_eq(m.agreement_message,
	    "Offer <expired>\x1b[31m; contact \"AWS Marketplace\"");
	free(body);
	free(m.model_id);
	m.model_id = xstrdup("anthropic.claude-haiku-4-5-20251001-v1:0");
	body = fixture("model-availability.json", &len);
	ck_assert_int_eq(aws_parse_model_availability(body, len, &m, NULL), 0);
	ck_assert_ptr_null(m.agreement_message);
	free(body);
	free(m.model_id);
	snapshot_str_free(m.agreement);
	snapshot_str_free(m.authorization);
	snapshot_str_free(m.entitlement);
	snapshot_str_free(m.region_availability);
}
END_TEST

/*
 * modelLifecycle's four optional timestamps: ISO-8601 text as rest-json
 * sends it (fraction, offset) or epoch seconds, all as UTC
 * "YYYY-MM-DDTHH:MM:SSZ"; absent or null is NULL, never "".
 */
START_TEST(bedrock_lifecycle_dates)
{
	struct snapshot		 s;
	const struct model	*m;
	char			*body;
	size_t			 len;

	memset(&s, 0, sizeof(s));
	body = fixture("list-foundation-models-lifecycle.json", &len);
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_foundation_models(body, len, &s, NULL), 0);
	stderr_expect_none();
	m = model_row(&s, "anthropic.claude-3-sonnet-20240229-v1:0");
	ck_assert_str_eq(m->lifecycle, "LEGACY");
	ck_assert_str_eq(m->start_of_life, "2024-02-29T00:00:00Z");
	ck_assert_str_eq(m->legacy_time, "2025-01-21T00:00:00Z");
	ck_assert_str_eq(m->extended_access, "2025-06-01T00:00:00Z");
	ck_assert_str_eq(m->end_of_life, "2025-07-29T00:00:00Z");
	m = model_row(&s, "amazon.nova-pro-v1:0");
	ck_assert_str_eq(m->lifecycle, "ACTIVE");
	ck_assert_str_eq(m->start_of_life, "2024-12-03T00:00:00Z");
	ck_assert_ptr_null(m->legacy_time);
	ck_assert_ptr_null(m->extended_access);
	ck_assert_ptr_null(m->end_of_life);
	m = model_row(&s, "amazon.titan-tg1-large");
	ck_assert_str_eq(m->lifecycle, "");
	ck_assert_ptr_null(m->start_of_life);
	ck_assert_ptr_null(m->end_of_life);
	snapshot_free(&s);
	free(body);
}
END_TEST

/* Find profile "id" in "s"; fails the test if absent. */
static const struct profile *
profile_row(const struct snapshot *s, const char *id)
{
	size_t	i;

	for (i = 0; i < s->profilesz; i++)
		if (strcmp(s->profiles[i].profile_id, id) == 0)
			return &s->profiles[i];
	ck_abort_msg("profile %s not found", id);
	return NULL;
}

static void
profile_is(const struct profile *p, const char *name, const char *type,
    const char *status, const char *models, const char *regions)
{
	ck_assert_str_eq(p->profile_name, name);
	ck_assert_str_eq(p->profile_type, type);
	ck_assert_str_eq(p->status, status);
	ck_assert_str_eq(p->model_ids, models);
	ck_assert_str_eq(p->regions, regions);
}

START_TEST(bedrock_profiles)
{
	struct snapshot	 s;
	char		*b1, *b2, *tok;
	size_t		 l1, l2;

	memset(&s, 0, sizeof(s));
	b1 = fixture("list-inference-profiles-1.json", &l1);
	b2 = fixture("list-inference-profiles-2.json", &l2);
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_inference_profiles(b1, l1, &s, &tok,
	    NULL), 0);
	token_is(tok, "eyJwYWdlIjoyfQ+/AB==");
	ck_assert_int_eq(aws_parse_inference_profiles(b2, l2, &s, &tok,
	    NULL), 0);
	token_is(tok, NULL);		/* "" is the end */
	stderr_expect_none();
	ck_assert_uint_eq(s.profilesz, 4);
	profile_is(profile_row(&s, "us.anthropic.claude-3-haiku-20240307-v1:0"),
	    "US Anthropic Claude 3 Haiku", "SYSTEM_DEFINED", "ACTIVE",
	    "anthropic.claude-3-haiku-20240307-v1:0",
	    "us-east-1,us-east-2,us-west-2");
	profile_is(profile_row(&s, "us.amazon.nova-micro-v1:0"),
	    "US Amazon Nova Micro", "SYSTEM_DEFINED", "ACTIVE",
	    "amazon.nova-micro-v1:0", "us-east-1,us-west-2");
	/* A model entry without modelArn adds nothing. */
	profile_is(profile_row(&s, "abcdef123456"), "my-app-profile",
	    "APPLICATION", "ACTIVE", "anthropic.claude-3-haiku-20240307-v1:0",
	    "us-east-1");
	/* An ARN without a region, an unknown status: kept as data. */
	profile_is(profile_row(&s, "global.anthropic.claude-x"),
	    "Global Claude", "SYSTEM_DEFINED", "PREVIEW",
	    "anthropic.claude-x", "");
	/* The first page again (a service repeating itself). */
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_inference_profiles(b1, l1, &s, &tok,
	    NULL), -1);
	stderr_expect_one("ListInferenceProfiles: duplicate "
	    "inferenceProfileId us.");
	ck_assert_ptr_null(tok);
	ck_assert_uint_eq(s.profilesz, 4);
	snapshot_free(&s);
	free(b1);
	free(b2);
}
END_TEST

START_TEST(bedrock_profiles_optional)
{
	struct snapshot	 s;
	char		*body, *tok = NULL;
	size_t		 len;

	memset(&s, 0, sizeof(s));
	body = fixture("hostile-profiles-token-null.json", &len);
	ck_assert_int_eq(aws_parse_inference_profiles(body, len, &s, &tok,
	    NULL), 0);
	token_is(tok, NULL);
	ck_assert_uint_eq(s.profilesz, 1);
	free(body);
	/* The list is optional in the API model: an empty last page. */
	body = fixture("hostile-profiles-absent.json", &len);
	ck_assert_int_eq(aws_parse_inference_profiles(body, len, &s, &tok,
	    NULL), 0);
	token_is(tok, NULL);
	ck_assert_uint_eq(s.profilesz, 1);
	snapshot_free(&s);
	free(body);
}
END_TEST

static TCase *
tcase_bedrock(void)
{
	TCase	*tc = tcase_create("bedrock");

	tcase_add_test(tc, bedrock_models);
	tcase_add_test(tc, bedrock_models_append);
	tcase_add_test(tc, bedrock_availability);
	tcase_add_test(tc, bedrock_agreement_message);
	tcase_add_test(tc, bedrock_lifecycle_dates);
	tcase_add_test(tc, bedrock_profiles);
	tcase_add_test(tc, bedrock_profiles_optional);
	return tc;
}

/* ---- Service Quotas replies and merging ---- */

/* Parse fixture "name" as a quota page into "s"; returns the token. */
static char *
quota_page(const char *name, struct snapshot *s, int defaults)
{
	char	*body, *tok = NULL;
	size_t	 len;

	body = fixture(name, &len);
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_service_quotas(body, len, s, defaults,
	    &tok, NULL), 0);
	stderr_expect_none();
	free(body);
	return tok;
}

static const struct quota *
quota_row(const struct snapshot *s, const char *code)
{
	size_t	i;

	for (i = 0; i < s->quotasz; i++)
		if (strcmp(s->quotas[i].quota_code, code) == 0)
			return &s->quotas[i];
	ck_abort_msg("quota %s not found", code);
	return NULL;
}

START_TEST(quotas_applied)
{
	struct snapshot		 s;
	const struct quota	*q;

	memset(&s, 0, sizeof(s));
	token_is(quota_page("list-service-quotas-1.json", &s, 0),
	    "AAEAAb+/cGFnZTI=");
	token_is(quota_page("list-service-quotas-2.json", &s, 0), NULL);
	ck_assert_uint_eq(s.quotasz, 5);
	q = quota_row(&s, "L-8CE99163");
	ck_assert_str_eq(q->quota_name, "On-demand InvokeModel tokens per "
	    "minute for Anthropic Claude 3 Haiku");
	ck_assert(q->has_applied && q->applied_value == 2000000.0);
	ck_assert(!q->has_default && q->default_value == 0);
	ck_assert_str_eq(q->unit, "None");
	ck_assert(!q->adjustable && !q->global_quota);
	/* Zero is a value, not "not set". */
	q = quota_row(&s, "L-DCADBC78");
	ck_assert(q->has_applied && q->applied_value == 0 && q->adjustable);
	/* The ceiling itself, and a fraction. */
	q = quota_row(&s, "L-23CF4444");
	ck_assert(q->has_applied && q->applied_value == 1e10);
	ck_assert(q->global_quota);
	q = quota_row(&s, "L-254CACF4");
	ck_assert(q->has_applied && q->applied_value == 0.5);
	ck_assert_str_eq(q->unit, "Count");
	/* ErrorReason instead of Value: the applied value is unknown. */
	q = quota_row(&s, "L-5DF13F64");
	ck_assert(!q->has_applied && q->applied_value == 0);
	ck_assert_str_eq(q->quota_name, "");
	ck_assert_str_eq(q->unit, "");
	snapshot_free(&s);
}
END_TEST

START_TEST(quotas_defaults)
{
	struct snapshot		 s;
	const struct quota	*q;

	memset(&s, 0, sizeof(s));
	token_is(quota_page("list-default-quotas.json", &s, 1), NULL);
	ck_assert_uint_eq(s.quotasz, 5);
	q = quota_row(&s, "L-DCADBC78");
	ck_assert(q->has_default && q->default_value == 4000000.0);
	ck_assert(!q->has_applied);
	q = quota_row(&s, "L-21EE8B55");
	ck_assert(q->has_default && q->default_value == 10);
	snapshot_free(&s);
}
END_TEST

START_TEST(quotas_odd_pages)
{
	struct snapshot		 s;
	const struct quota	*q;

	memset(&s, 0, sizeof(s));
	/* null everywhere optional: defaults, not errors. */
	token_is(quota_page("hostile-quotas-null-fields.json", &s, 0), NULL);
	q = quota_row(&s, "L-0");
	ck_assert(!q->has_applied && !q->adjustable && !q->global_quota);
	ck_assert_str_eq(q->quota_name, "");
	ck_assert_str_eq(q->unit, "");
	/* An empty page with "" as the token is the end. */
	token_is(quota_page("hostile-quotas-empty.json", &s, 0), NULL);
	/* An endless token is the caller's problem: just return it. */
	token_is(quota_page("hostile-quotas-endless.json", &s, 0), "c2FtZQ==");
	token_is(quota_page("hostile-quotas-endless.json", &s, 0), "c2FtZQ==");
	ck_assert_uint_eq(s.quotasz, 1);
	snapshot_free(&s);
}
END_TEST

/* Parse history fixture "name" into "s": silently, and the last page. */
static void
history_page(const char *name, struct snapshot *s)
{
	char	*body, *tok = NULL;
	size_t	 len;

	body = fixture(name, &len);
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_quota_history(body, len, s, &tok, NULL), 0);
	stderr_expect_none();
	token_is(tok, NULL);
	free(body);
}

START_TEST(quotas_history)
{
	struct snapshot		 s;
	const struct qrequest	*r;

	memset(&s, 0, sizeof(s));
	history_page("quota-history.json", &s);
	ck_assert_uint_eq(s.requestsz, 2);
	r = &s.requests[0];
	ck_assert_str_eq(r->request_id,
	    "d187537d15254312a9609aa51bbf7624u7W49tPO");
	ck_assert_str_eq(r->quota_code, "L-DCADBC78");
	ck_assert_str_eq(r->quota_name, "Cross-region InvokeModel tokens per "
	    "minute for Anthropic Claude 3 Haiku");
	ck_assert(r->desired_value == 4000000.0);
	ck_assert_str_eq(r->status, "CASE_OPENED");
	ck_assert_str_eq(r->case_id, "6780195351");
	/* Epoch seconds with a fraction become UTC ISO-8601. */
	ck_assert_str_eq(r->created, "2020-01-31T05:01:44Z");
	ck_assert_str_eq(r->last_updated, "2020-01-31T05:02:33Z");
	ck_assert_str_eq(r->requester, "{\"accountId\":\"123456789012\","
	    "\"callerArn\":\"arn:aws:iam::123456789012:root\"}");
	ck_assert_ptr_null(r->request_type);
	r = &s.requests[1];
	ck_assert_str_eq(r->status, "AUTO_APPROVAL_PENDING");
	ck_assert(r->desired_value == 0.5);
	ck_assert_str_eq(r->case_id, "");
	ck_assert_str_eq(r->quota_name, "");
	ck_assert_str_eq(r->created, "2025-11-27T00:00:00Z");
	ck_assert_str_eq(r->last_updated, "");
	snapshot_free(&s);
}
END_TEST

/* The row of "code" at "level" and context "id" in "s"; must exist. */
static const struct quota *
quota_at(const struct snapshot *s, const char *code, const char *level,
    const char *id)
{
	size_t	i;

	for (i = 0; i < s->quotasz; i++)
		if (strcmp(s->quotas[i].quota_code, code) == 0 &&
		    strcmp(str_or_empty(s->quotas[i].level), level) == 0 &&
		    strcmp(str_or_empty(s->quotas[i].context_id), id) == 0)
			return &s->quotas[i];
	ck_abort_msg("quota %s at %s/%s not found", code, level, id);
	return NULL;
}

#define PROFILE_ARN "arn:aws:bedrock:us-east-1:123456789012:" \
	"application-inference-profile/abc123"

/*
 * ServiceQuota as the botocore model has it, each optional member once
 * present and once absent: a value past the model's 1e10 (a real
 * tokens-per-day quota), one code at the account and at a resource
 * level, ErrorReason instead of a Value, Period, QuotaAppliedAtLevel,
 * QuotaContext, and 2^53, the largest value accepted.
 */
START_TEST(quotas_reply_shapes)
{
	struct snapshot		 s;
	const struct quota	*q;

	memset(&s, 0, sizeof(s));
	token_is(quota_page("list-service-quotas-shapes.json", &s, 0), NULL);
	ck_assert_uint_eq(s.quotasz, 6);
	q = quota_at(&s, "L-TPD00001", "ACCOUNT", "");
	ck_assert(q->has_applied && q->applied_value == 51957100000.0);
	ck_assert(q->has_period && q->period_value == 1);
	ck_assert_str_eq(q->period_unit, "DAY");
	ck_assert_str_eq(q->context_scope, "");
	ck_assert_ptr_null(q->error_code);
	ck_assert(!snapshot_quota_unknown(q));
	/* The same code for one resource: another row, not a duplicate. */
	q = quota_at(&s, "L-TPD00001", "RESOURCE", PROFILE_ARN);
	ck_assert(q->has_applied && q->applied_value == 100);
	ck_assert_str_eq(q->context_scope, "RESOURCE");
	ck_assert(!q->has_period);
	ck_assert_ptr_null(q->period_unit);
	ck_assert(q->adjustable);
	/* ErrorReason: no value, and it is unknown rather than unset. */
	q = quota_at(&s, "L-ERR00001", "ACCOUNT", "");
	ck_assert(!q->has_applied);
	ck_assert_str_eq(q->error_code, "DEPENDENCY_ACCESS_DENIED_ERROR");
	ck_assert_str_eq(q->error_message,
	    "Access denied to <dependency>\nretry later");
	ck_assert(snapshot_quota_unknown(q));
	/* An empty ErrorReason still says the value could not be read. */
	q = quota_at(&s, "L-ERR00002", "ACCOUNT", "");
	ck_assert_str_eq(q->error_code, "");
	ck_assert_ptr_null(q->error_message);
	ck_assert(snapshot_quota_unknown(q));
	q = quota_at(&s, "L-MAX00001", "ALL", "");
	ck_assert(q->has_applied && q->applied_value == 9007199254740992.0);
	ck_assert(!q->has_period);
	ck_assert_str_eq(q->period_unit, "SECOND");
	/* Every optional member null: the level is the API's default. */
	q = quota_at(&s, "L-MIN00001", "ACCOUNT", "");
	ck_assert(!q->has_applied && !snapshot_quota_unknown(q));
	ck_assert_ptr_null(q->error_code);
	ck_assert_ptr_null(q->period_unit);
	snapshot_free(&s);
}
END_TEST

/*
 * RequestedServiceQuotaChange's optional members: RequestType,
 * QuotaRequestedAtLevel, Requester, and DesiredValue, which may be
 * absent (recorded without it) or past 1e10.
 */
START_TEST(quotas_history_shapes)
{
	struct snapshot		 s;
	const struct qrequest	*r;

	memset(&s, 0, sizeof(s));
	history_page("quota-history-shapes.json", &s);
	ck_assert_uint_eq(s.requestsz, 2);
	r = &s.requests[0];
	ck_assert(r->has_desired && r->desired_value == 60000000000.0);
	ck_assert_str_eq(r->request_type, "AutomaticManagement");
	ck_assert_str_eq(r->level, "RESOURCE");
	ck_assert_str_eq(r->requester, "{\"accountId\":\"123456789012\","
	    "\"callerArn\":\"arn:aws:iam::123456789012:role/Admin\"}");
	r = &s.requests[1];
	ck_assert(!r->has_desired && r->desired_value == 0);
	ck_assert_ptr_null(r->request_type);
	ck_assert_str_eq(r->level, "ACCOUNT");
	ck_assert_ptr_null(r->requester);
	ck_assert_str_eq(r->quota_name, "");
	history_page("quota-history-no-desired.json", &s);
	ck_assert_uint_eq(s.requestsz, 3);
	ck_assert(!s.requests[2].has_desired);
	ck_assert_str_eq(s.requests[2].created, "2023-11-14T22:13:20Z");
	snapshot_free(&s);
}
END_TEST

static TCase *
tcase_quotas(void)
{
	TCase	*tc = tcase_create("quotas");

	tcase_add_test(tc, quotas_reply_shapes);
	tcase_add_test(tc, quotas_history_shapes);

	tcase_add_test(tc, quotas_applied);
	tcase_add_test(tc, quotas_defaults);
	tcase_add_test(tc, quotas_odd_pages);
	tcase_add_test(tc, quotas_history);
	return tc;
}

/* Check merged row "code": applied and default flags and values. */
static void
merged_is(const struct snapshot *s, const char *code, int has_applied,
    double applied, int has_default, double def)
{
	const struct quota	*q = snapshot_find_quota(s, code);

	ck_assert_msg(q != NULL, "quota %s missing after merge", code);
	ck_assert_int_eq(q->has_applied, has_applied);
	ck_assert_int_eq(q->has_default, has_default);
	ck_assert(q->applied_value == applied);
	ck_assert(q->default_value == def);
}

START_TEST(merge_both_lists)
{
	struct snapshot		 ap, df;
	const struct quota	*q;
	size_t			 i;

	memset(&ap, 0, sizeof(ap));
	memset(&df, 0, sizeof(df));
	free(quota_page("list-service-quotas-1.json", &ap, 0));
	free(quota_page("list-service-quotas-2.json", &ap, 0));
	free(quota_page("list-default-quotas.json", &df, 1));
	stderr_capture_start();
	ck_assert_int_eq(aws_merge_quotas(&ap, &df), 0);
	stderr_expect_none();
	ck_assert_uint_eq(ap.quotasz, 6);
	for (i = 1; i < ap.quotasz; i++)
		ck_assert_int_lt(strcmp(ap.quotas[i - 1].quota_code,
		    ap.quotas[i].quota_code), 0);
	merged_is(&ap, "L-8CE99163", 1, 2000000, 1, 2000000);
	merged_is(&ap, "L-DCADBC78", 1, 0, 1, 4000000);
	merged_is(&ap, "L-23CF4444", 1, 1e10, 1, 350);
	/* Applied only: no default is invented. */
	merged_is(&ap, "L-254CACF4", 1, 0.5, 0, 0);
	/* Default only: the default is not an applied value. */
	merged_is(&ap, "L-21EE8B55", 0, 0, 1, 10);
	q = snapshot_find_quota(&ap, "L-21EE8B55");
	ck_assert_str_eq(q->quota_name, "(Data Automation) "
	    "CreateBlueprintVersion - Max number of Blueprint versions per "
	    "Blueprint");
	/* Applied row without a value or name: name and unit filled in. */
	merged_is(&ap, "L-5DF13F64", 0, 0, 1, 2000000);
	q = snapshot_find_quota(&ap, "L-5DF13F64");
	ck_assert_str_eq(q->quota_name, "Cross-region InvokeModel tokens per "
	    "minute for Anthropic Claude 3 Sonnet");
	ck_assert_str_eq(q->unit, "Count");
	/* The applied row's own name and flags win. */
	q = snapshot_find_quota(&ap, "L-254CACF4");
	ck_assert_str_eq(q->quota_name, "Fractional test quota");
	ck_assert_uint_eq(df.quotasz, 0);
	ck_assert_ptr_null(df.quotas);
	snapshot_free(&ap);
}
END_TEST

/* Add a quota row with the given code and value to "s". */
static void
add_quota(struct snapshot *s, const char *code, int defaults, double v)
{
	struct quota	*q = snapshot_add_quota(s);

	q->quota_code = xstrdup(code);
	q->quota_name = xstrdup("");
	q->unit = xstrdup("");
	if (defaults) {
		q->default_value = v;
		q->has_default = 1;
	} else {
		q->applied_value = v;
		q->has_applied = 1;
	}
}

START_TEST(merge_one_side)
{
	struct snapshot	ap, df;

	memset(&ap, 0, sizeof(ap));
	memset(&df, 0, sizeof(df));
	add_quota(&ap, "L-B", 0, 5);
	add_quota(&ap, "L-A", 0, 7);
	ck_assert_int_eq(aws_merge_quotas(&ap, &df), 0);
	ck_assert_uint_eq(ap.quotasz, 2);
	ck_assert_str_eq(ap.quotas[0].quota_code, "L-A");
	merged_is(&ap, "L-A", 1, 7, 0, 0);
	merged_is(&ap, "L-B", 1, 5, 0, 0);
	snapshot_free(&ap);

	add_quota(&df, "L-Z", 1, 3);
	add_quota(&df, "L-Y", 1, 0);
	ck_assert_int_eq(aws_merge_quotas(&ap, &df), 0);
	ck_assert_uint_eq(ap.quotasz, 2);
	merged_is(&ap, "L-Y", 0, 0, 1, 0);
	merged_is(&ap, "L-Z", 0, 0, 1, 3);
	snapshot_free(&ap);

	ck_assert_int_eq(aws_merge_quotas(&ap, &df), 0);
	ck_assert_uint_eq(ap.quotasz, 0);
}
END_TEST

START_TEST(merge_refusals)
{
	struct snapshot	 ap, df;
	char		 code[16];
	int		 i;

	memset(&ap, 0, sizeof(ap));
	memset(&df, 0, sizeof(df));
	add_quota(&ap, "L-A", 0, 1);
	add_quota(&df, "L-A", 1, 1);
	add_quota(&df, "L-A", 1, 2);
	stderr_capture_start();
	ck_assert_int_eq(aws_merge_quotas(&ap, &df), -1);
	stderr_expect_one("ListAWSDefaultServiceQuotas: duplicate "
	    "QuotaCode L-A");
	ck_assert_uint_eq(ap.quotasz, 1);
	ck_assert(!ap.quotas[0].has_default);
	ck_assert_uint_eq(df.quotasz, 0);	/* emptied in every case */

	add_quota(&ap, "L-A", 0, 3);
	stderr_capture_start();
	ck_assert_int_eq(aws_merge_quotas(&ap, &df), -1);
	stderr_expect_one("ListServiceQuotas: duplicate QuotaCode L-A");
	snapshot_free(&ap);

	/* Two lists within their ceilings whose union is not. */
	for (i = 0; i < AWS_MAX_QUOTAS_PER_REGION / 2 + 1; i++) {
		(void)snprintf(code, sizeof(code), "L-A%05d", i);
		add_quota(&ap, code, 0, i);
		(void)snprintf(code, sizeof(code), "L-D%05d", i);
		add_quota(&df, code, 1, i);
	}
	stderr_capture_start();
	ck_assert_int_eq(aws_merge_quotas(&ap, &df), -1);
	stderr_expect_one("more than 5000 quotas in the region after "
	    "merging");
	ck_assert_uint_eq(ap.quotasz, AWS_MAX_QUOTAS_PER_REGION / 2 + 1);
	ck_assert_uint_eq(df.quotasz, 0);
	snapshot_free(&ap);
}
END_TEST

/*
 * One code at the account and at a resource level, and the default list
 * naming it once: both rows get the default, neither fails the merge.
 * A default-only row does not inherit the default list's ErrorReason.
 */
START_TEST(merge_levels)
{
	struct snapshot		 ap, df;
	const struct quota	*q;
	struct quota		*d;

	memset(&ap, 0, sizeof(ap));
	memset(&df, 0, sizeof(df));
	free(quota_page("list-service-quotas-shapes.json", &ap, 0));
	add_quota(&df, "L-TPD00001", 1, 4000000);
	df.quotas[0].level = xstrdup("ACCOUNT");
	df.quotas[0].period_unit = xstrdup("MINUTE");
	d = snapshot_add_quota(&df);
	d->quota_code = xstrdup("L-DEF00001");
	d->level = xstrdup("ACCOUNT");
	d->error_code = xstrdup("DEPENDENCY_SERVICE_ERROR");
	stderr_capture_start();
	ck_assert_int_eq(aws_merge_quotas(&ap, &df), 0);
	stderr_expect_none();
	ck_assert_uint_eq(ap.quotasz, 7);
	q = quota_at(&ap, "L-TPD00001", "ACCOUNT", "");
	ck_assert(q->has_default && q->default_value == 4000000);
	ck_assert_str_eq(q->period_unit, "DAY");	/* its own wins */
	q = quota_at(&ap, "L-TPD00001", "RESOURCE", PROFILE_ARN);
	ck_assert(q->has_default && q->default_value == 4000000);
	ck_assert_str_eq(q->period_unit, "MINUTE");	/* filled in */
	ck_assert(q->has_applied && q->applied_value == 100);
	q = quota_at(&ap, "L-DEF00001", "ACCOUNT", "");
	ck_assert(!q->has_applied && !q->has_default);
	ck_assert_ptr_null(q->error_code);
	ck_assert(!snapshot_quota_unknown(q));
	/* snapshot_find_quota() finds a code's account-level row first. */
	q = snapshot_find_quota(&ap, "L-TPD00001");
	ck_assert_str_eq(q->level, "ACCOUNT");
	snapshot_free(&ap);
}
END_TEST

static TCase *
tcase_merge(void)
{
	TCase	*tc = tcase_create("merge");

	tcase_add_test(tc, merge_both_lists);
	tcase_add_test(tc, merge_one_side);
	tcase_add_test(tc, merge_refusals);
	tcase_add_test(tc, merge_levels);
	return tc;
}

/* ---- STS and the XML reader ---- */

START_TEST(sts_identity)
{
	struct aws_identity	 id;
	char			*body;
	size_t			 len;

	body = fixture("sts-identity.xml", &len);
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_caller_identity(body, len, &id), 0);
	stderr_expect_none();
	ck_assert_str_eq(id.account, "123456789012");
	/* &amp; and character references are decoded. */
	ck_assert_str_eq(id.arn,
	    "arn:aws:sts::123456789012:assumed-role/Audit&Ops/cron@host");
	ck_assert_str_eq(id.user_id, "AROAEXAMPLEID:cron@host");
	aws_identity_free(&id);
	ck_assert_ptr_null(id.arn);
	aws_identity_free(&id);
	aws_identity_free(NULL);
	free(body);
}
END_TEST

START_TEST(sts_identity_minimal)
{
	struct aws_identity	 id;
	char			*body;
	size_t			 len;

	/* Attributes on the result element, no UserId, no whitespace. */
	body = exact("<GetCallerIdentityResponse><GetCallerIdentityResult "
	    "a=\"1\"><Account>000000000001</Account><Arn>arn:aws:iam::"
	    "000000000001:root</Arn></GetCallerIdentityResult>"
	    "</GetCallerIdentityResponse>", &len);
	ck_assert_int_eq(aws_parse_caller_identity(body, len, &id), 0);
	ck_assert_str_eq(id.account, "000000000001");
	ck_assert_str_eq(id.user_id, "");
	aws_identity_free(&id);
	free(body);
}
END_TEST

static const struct {
	const char	*file;
	const char	*msg;
} sts_hostile[] = {
	{ "hostile-sts-no-account.xml", "GetCallerIdentity: Account: missing" },
	{ "hostile-sts-entity.xml", "GetCallerIdentity: Arn: not plain text" },
	{ "hostile-sts-cdata.xml", "GetCallerIdentity: Arn: not plain text" },
	{ "hostile-sts-bad-account.xml",
	    "Account: 12345678901x is not a 12-digit account ID" },
	{ "hostile-sts-unterminated.xml",
	    "GetCallerIdentity: Account: not plain text" },
	{ "sts-error.xml", "GetCallerIdentity: Account: missing" },
	{ "bedrock-error.json", "GetCallerIdentity: Account: missing" },
};

START_TEST(sts_identity_hostile)
{
	struct aws_identity	 id;
	char			*body;
	size_t			 len;

	body = fixture(sts_hostile[_i].file, &len);
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_caller_identity(body, len, &id), -1);
	stderr_expect_one(sts_hostile[_i].msg);
	ck_assert_ptr_null(id.account);
	ck_assert_ptr_null(id.arn);
	ck_assert_ptr_null(id.user_id);
	free(body);
}
END_TEST

START_TEST(sts_identity_odd)
{
	struct aws_identity	 id;
	char			*big, *doc;

	stderr_capture_start();
	ck_assert_int_eq(aws_parse_caller_identity(NULL, 0, &id), -1);
	stderr_expect_one("Account: missing");
	big = repeat('x', AWS_MAX_FIELD_BYTES + 1);
	doc = xasprintf("<GetCallerIdentityResult><Account>123456789012"
	    "</Account><Arn>arn:%s</Arn></GetCallerIdentityResult>", big);
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_caller_identity(doc, strlen(doc), &id), -1);
	stderr_expect_one("Arn: not plain text of at most 4096 bytes");
	free(doc);
	doc = xasprintf("<GetCallerIdentityResult><Account>123456789012"
	    "</Account><Arn>urn:x</Arn></GetCallerIdentityResult>");
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_caller_identity(doc, strlen(doc), &id), -1);
	stderr_expect_one("Arn: urn:x is not an ARN");
	free(doc);
	/* An empty Account element. */
	doc = xasprintf("<GetCallerIdentityResult><Account/><Arn>arn:x</Arn>"
	    "</GetCallerIdentityResult>");
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_caller_identity(doc, strlen(doc), &id), -1);
	stderr_expect_one("Account: empty");
	free(doc);
	free(big);
}
END_TEST

static const struct {
	const char	*xml;
	int		 rc;
	const char	*text;
} xml_cases[] = {
	{ "<P><T>plain</T></P>", 1, "plain" },
	{ "<P><T/></P>", 1, "" },
	{ "<P><T></T></P>", 1, "" },
	{ "<P><T>&lt;&gt;&amp;&quot;&apos;</T></P>", 1, "<>&\"'" },
	{ "<P><T>&#65;&#x42;&#X43;&#x3042;&#x1F600;</T></P>", 1,
	    "ABC\xe3\x81\x82\xf0\x9f\x98\x80" },
	{ "<P><T>tab&#9;nl&#10;</T></P>", 1, "tab\tnl\n" },
	{ "<P><TT>no</TT><T>yes</T></P>", 1, "yes" },
	{ "<PP><T>no</T></PP><P><T>yes</T></P>", 1, "yes" },
	{ "<T>outside</T><P></P>", 0, NULL },
	{ "<P><T>x</T>", 0, NULL },		/* parent never closed */
	{ "<P/><T>x</T>", 0, NULL },
	{ "", 0, NULL },
	{ "<P><T>x</P>", -1, NULL },		/* element never closed */
	{ "<P><T>a<b/></T></P>", -1, NULL },
	{ "<P><T>&#0;</T></P>", -1, NULL },
	{ "<P><T>&#1;</T></P>", -1, NULL },
	{ "<P><T>&#xD800;</T></P>", -1, NULL },
	{ "<P><T>&#x110000;</T></P>", -1, NULL },
	{ "<P><T>&#xZZ;</T></P>", -1, NULL },
	{ "<P><T>&#;</T></P>", -1, NULL },
	{ "<P><T>&#12345678;</T></P>", -1, NULL },
	{ "<P><T>&nbsp;</T></P>", -1, NULL },
	{ "<P><T>a & b</T></P>", -1, NULL },
	{ "<P><T>&amp</T></P>", -1, NULL },
};

START_TEST(xml_reader)
{
	char	*body, *out = (char *)1;
	size_t	 len;

	body = exact(xml_cases[_i].xml, &len);
	ck_assert_int_eq(aws_xml_text(body, len, "P", "T", &out),
	    xml_cases[_i].rc);
	if (xml_cases[_i].text == NULL)
		ck_assert_ptr_null(out);
	else
		ck_assert_str_eq(out, xml_cases[_i].text);
	free(out);
	free(body);
}
END_TEST

START_TEST(xml_reader_nul)
{
	static const char	 doc[] = "<P><T>a\0b</T></P>";
	char			*out;

	ck_assert_int_eq(aws_xml_text(doc, sizeof(doc) - 1, "P", "T", &out),
	    -1);
	ck_assert_ptr_null(out);
	/* A NUL outside the element does not matter. */
	ck_assert_int_eq(aws_xml_text("\0<P><T>ok</T></P>", 17, "P", "T",
	    &out), 1);
	ck_assert_str_eq(out, "ok");
	free(out);
}
END_TEST

static TCase *
tcase_sts(void)
{
	TCase	*tc = tcase_create("sts");

	tcase_add_test(tc, sts_identity);
	tcase_add_test(tc, sts_identity_minimal);
	tcase_add_loop_test(tc, sts_identity_hostile, 0,
	    sizeof(sts_hostile) / sizeof(sts_hostile[0]));
	tcase_add_test(tc, sts_identity_odd);
	tcase_add_loop_test(tc, xml_reader, 0,
	    sizeof(xml_cases) / sizeof(xml_cases[0]));
	tcase_add_test(tc, xml_reader_nul);
	return tc;
}

/* ---- error replies ---- */

static const struct {
	const char	*header;
	const char	*file;		/* or NULL: use "body" */
	const char	*body;
	const char	*code;
	const char	*message;
} error_cases[] = {
	/* rest-json: the header wins; the message is in the body. */
	{ "AccessDeniedException:http://internal.amazon.com/coral/"
	  "com.amazon.bedrock/", "bedrock-error.json", NULL,
	  "AccessDeniedException",
	  "You don't have access to the model with the specified model ID." },
	{ "ValidationException", NULL,
	  "{\"__type\":\"Other\",\"message\":\"m\"}", "ValidationException",
	  "m" },
	{ NULL, NULL, "{\"code\":\"ThrottlingException\",\"message\":\"slow\"}",
	  "ThrottlingException", "slow" },
	{ NULL, NULL, "{\"Code\":\"ResourceNotFoundException\"}",
	  "ResourceNotFoundException", NULL },
	/* awsJson1_1: namespace before '#', message as "Message". */
	{ NULL, "quotas-error.json", NULL, "TooManyRequestsException",
	  "Rate exceeded" },
	{ NULL, NULL, "  {\"__type\":\"com.amazon.coral.service#"
	  "UnrecognizedClientException\",\"message\":\"The security token "
	  "included in the request is invalid.\"}",
	  "UnrecognizedClientException",
	  "The security token included in the request is invalid." },
	/* awsQuery XML. */
	{ NULL, "sts-error.xml", NULL, "InvalidClientTokenId",
	  "The security token included in the request is invalid <sic>." },
	{ NULL, NULL, "<ErrorResponse><Error><Code>Throttling</Code>"
	  "</Error></ErrorResponse>", "Throttling", NULL },
	/* Odd codes: cut at ',' (JS v3), refused when not a word. */
	{ "ThrottlingException,foo", NULL, NULL, "ThrottlingException", NULL },
	{ "  SlowDown  ", NULL, "", "SlowDown", NULL },
	{ "Bad Code", NULL, NULL, NULL, NULL },
	{ "", NULL, NULL, NULL, NULL },
	{ "#", NULL, NULL, NULL, NULL },
	{ NULL, NULL, "{\"__type\":\"caf\xc3\xa9\",\"message\":\"\"}", NULL,
	  NULL },
	{ NULL, NULL, "{\"__type\":42,\"message\":[1]}", NULL, NULL },
	/* Not JSON, not XML, truncated, or nothing at all. */
	{ NULL, NULL, "<html><body>502 Bad Gateway</body></html>", NULL,
	  NULL },
	{ NULL, NULL, "Internal Server Error", NULL, NULL },
	{ NULL, NULL, "{\"__type\":\"Throttling", NULL, NULL },
	{ "InternalServerException", NULL, "", "InternalServerException",
	  NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

START_TEST(error_replies)
{
	char	*body = NULL, *code, *message;
	size_t	 len = 0;

	if (error_cases[_i].file != NULL)
		body = fixture(error_cases[_i].file, &len);
	else if (error_cases[_i].body != NULL)
		body = exact(error_cases[_i].body, &len);
	stderr_capture_start();
	aws_parse_error(error_cases[_i].header, body, len, &code, &message);
	stderr_expect_none();
	if (error_cases[_i].code == NULL)
		ck_assert_ptr_null(code);
	else
		ck_assert_str_eq(code, error_cases[_i].code);
	if (error_cases[_i].message == NULL)
		ck_assert_ptr_null(message);
	else
		ck_assert_str_eq(message, error_cases[_i].message);
	free(code);
	free(message);
	free(body);
}
END_TEST

START_TEST(error_limits)
{
	char	*big, *doc, *code, *message;

	big = repeat('m', AWS_MAX_FIELD_BYTES + 100);
	doc = xasprintf("{\"__type\":\"X\",\"message\":\"%s\"}", big);
	aws_parse_error(NULL, doc, strlen(doc), &code, &message);
	ck_assert_str_eq(code, "X");
	ck_assert_uint_eq(strlen(message), AWS_MAX_FIELD_BYTES + 3);
	ck_assert_str_eq(message + AWS_MAX_FIELD_BYTES, "...");
	free(code);
	free(message);
	free(doc);
	free(big);
	big = repeat('C', AWS_MAX_ERROR_CODE_BYTES + 1);
	aws_parse_error(big, NULL, 0, &code, &message);
	ck_assert_ptr_null(code);
	big[AWS_MAX_ERROR_CODE_BYTES] = '\0';
	aws_parse_error(big, NULL, 0, &code, &message);
	ck_assert_str_eq(code, big);
	free(code);
	free(big);
	/* A NUL byte in a JSON body: ignored, no crash. */
	aws_parse_error(NULL, "{\"code\":\"A\0B\"}", 14, &code, &message);
	ck_assert_ptr_null(code);
	ck_assert_ptr_null(message);
}
END_TEST

/*
 * CloudWatch (awsJson1_0, query-compatible): the code of the
 * x-amzn-query-error header wins over "__type"; without the header, or
 * with one that holds no code, "__type" is the fallback.
 */
START_TEST(error_query_header)
{
	static const char body[] = "{\"__type\":\"com.amazon.coral.service#"
	    "AccessDeniedException\",\"message\":\"not allowed\"}";
	static const struct {
		const char	*query;		/* the header, or NULL */
		const char	*want;		/* the code */
	} cases[] = {
		{ "AccessDenied;Sender", "AccessDenied" },
		{ "Throttling;Sender", "Throttling" },
		{ "InternalServiceError;Receiver", "InternalServiceError" },
		{ " AccessDenied ;Sender", "AccessDenied" },
		{ NULL, "AccessDeniedException" },
		{ ";Sender", "AccessDeniedException" },
		{ "", "AccessDeniedException" },
	};
	char	*code, *message;
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		aws_parse_error_query(cases[i].query, NULL, body,
		    sizeof(body) - 1, &code, &message);
		ck_assert_msg(code != NULL && strcmp(code, cases[i].want) == 0,
		    "case %zu: %s", i, code != NULL ? code : "(null)");
		ck_assert_str_eq(message, "not allowed");
		free(code);
		free(message);
	}
	/* No body: the header alone */
	aws_parse_error_query("AccessDenied;Sender", NULL, NULL, 0, &code,
	    &message);
	ck_assert_str_eq(code, "AccessDenied");
	ck_assert_ptr_null(message);
	free(code);
}
END_TEST

static TCase *
tcase_errors(void)
{
	TCase	*tc = tcase_create("errors");

	tcase_add_test(tc, error_query_header);
	tcase_add_loop_test(tc, error_replies, 0,
	    sizeof(error_cases) / sizeof(error_cases[0]));
	tcase_add_test(tc, error_limits);
	return tc;
}

/* ---- hostile replies ---- */

enum parser {
	P_MODELS,
	P_AVAIL,
	P_PROFILES,
	P_QUOTAS,
	P_DEFAULTS,
	P_HISTORY,
};

/* The operation each parser names in its messages. */
static const char *const parser_op[] = {
	[P_MODELS] = "ListFoundationModels",
	[P_AVAIL] = "GetFoundationModelAvailability",
	[P_PROFILES] = "ListInferenceProfiles",
	[P_QUOTAS] = "ListServiceQuotas",
	[P_DEFAULTS] = "ListAWSDefaultServiceQuotas",
	[P_HISTORY] = "ListRequestedServiceQuotaChangeHistory",
};

/*
 * Run parser "p" on "len" bytes of "body" into a fresh snapshot and
 * return its result; a failure must leave no rows and no token behind,
 * and its reason, naming the operation, in *cause (if "cause" is not
 * NULL; the caller frees it).  A success must leave no reason.
 */
static int
run_parser(enum parser p, const char *body, size_t len, char **cause)
{
	struct snapshot	 s;
	struct model	 m;
	char		*tok = (char *)1, *why = NULL;
	int		 rc = -1;

	memset(&s, 0, sizeof(s));
	memset(&m, 0, sizeof(m));
	m.model_id = xstrdup("a.b-v1:0");
	switch (p) {
	case P_MODELS:
		rc = aws_parse_foundation_models(body, len, &s, &why);
		tok = NULL;
		break;
	case P_AVAIL:
		rc = aws_parse_model_availability(body, len, &m, &why);
		tok = NULL;
		break;
	case P_PROFILES:
		rc = aws_parse_inference_profiles(body, len, &s, &tok, &why);
		break;
	case P_QUOTAS:
		rc = aws_parse_service_quotas(body, len, &s, 0, &tok, &why);
		break;
	case P_DEFAULTS:
		rc = aws_parse_service_quotas(body, len, &s, 1, &tok, &why);
		break;
	case P_HISTORY:
		rc = aws_parse_quota_history(body, len, &s, &tok, &why);
		break;
	}
	if (rc == -1) {
		ck_assert_ptr_null(tok);
		ck_assert_uint_eq(s.modelsz + s.profilesz + s.quotasz +
		    s.requestsz, 0);
		ck_assert_ptr_null(m.authorization);
		ck_assert_ptr_nonnull(why);
		ck_assert_msg(strncmp(why, parser_op[p], strlen(parser_op[p]))
		    == 0, "cause \"%s\" does not name %s", why, parser_op[p]);
	} else
		ck_assert_ptr_null(why);
	if (cause != NULL)
		*cause = why;
	else
		free(why);
	free(tok);
	free(m.model_id);
	snapshot_str_free(m.agreement);
	snapshot_str_free(m.authorization);
	snapshot_str_free(m.entitlement);
	snapshot_str_free(m.region_availability);
	snapshot_free(&s);
	return rc;
}

static const struct {
	const char	*file;
	enum parser	 parser;
	const char	*msg;
} hostile[] = {
	{ "hostile-models-wrong-type.json", P_MODELS,
	  "ListFoundationModels: modelSummaries[1].modelId: not a string" },
	{ "hostile-models-missing-id.json", P_MODELS,
	  "ListFoundationModels: modelSummaries[0].modelId: missing" },
	{ "hostile-models-null-id.json", P_MODELS,
	  "ListFoundationModels: modelSummaries[0].modelId: null" },
	{ "hostile-models-not-array.json", P_MODELS,
	  "ListFoundationModels: modelSummaries: not an array" },
	{ "hostile-models-element-string.json", P_MODELS,
	  "ListFoundationModels: modelSummaries[1]: not an object" },
	{ "hostile-models-lifecycle-no-status.json", P_MODELS,
	  "modelSummaries[0].modelLifecycle.status: missing" },
	{ "hostile-models-lifecycle-bad-time.json", P_MODELS,
	  "modelSummaries[0].modelLifecycle.endOfLifeTime: not an ISO-8601 "
	  "time" },
	{ "hostile-models-types-not-strings.json", P_MODELS,
	  "modelSummaries[0].inferenceTypesSupported[1]: not a string" },
	{ "hostile-models-duplicate.json", P_MODELS,
	  "ListFoundationModels: duplicate modelId a.b-v1:0" },
	{ "hostile-models-absent.json", P_MODELS,
	  "ListFoundationModels: modelSummaries: missing" },
	{ "hostile-truncated.json", P_MODELS,
	  "ListFoundationModels: malformed JSON reply" },
	{ "hostile-root-array.json", P_MODELS,
	  "ListFoundationModels: reply is not a JSON object" },
	{ "sts-identity.xml", P_MODELS,
	  "ListFoundationModels: malformed JSON reply" },
	{ "hostile-availability-missing-auth.json", P_AVAIL,
	  "GetFoundationModelAvailability: authorizationStatus: missing" },
	{ "hostile-availability-agreement-string.json", P_AVAIL,
	  "GetFoundationModelAvailability: agreementAvailability: not an "
	  "object" },
	{ "hostile-availability-status-number.json", P_AVAIL,
	  "GetFoundationModelAvailability: agreementAvailability.status: not "
	  "a string" },
	{ "hostile-profiles-bad-arn.json", P_PROFILES,
	  "ListInferenceProfiles: inferenceProfileSummaries[1].models[1]."
	  "modelArn: not a model ARN" },
	{ "hostile-profiles-no-models.json", P_PROFILES,
	  "inferenceProfileSummaries[0].models: missing" },
	{ "hostile-profiles-models-wrong.json", P_PROFILES,
	  "inferenceProfileSummaries[0].models[0].modelArn: not a string" },
	{ "hostile-profiles-type-null.json", P_PROFILES,
	  "inferenceProfileSummaries[0].type: null" },
	{ "hostile-quotas-value-string.json", P_QUOTAS,
	  "ListServiceQuotas: Quotas[3].Value: not a number" },
	{ "hostile-quotas-value-string.json", P_DEFAULTS,
	  "ListAWSDefaultServiceQuotas: Quotas[3].Value: not a number" },
	{ "hostile-quotas-negative.json", P_QUOTAS,
	  "Quotas[0].Value: -1 is outside [0, 9007199254740992]" },
	{ "hostile-quotas-too-big.json", P_QUOTAS,
	  "Quotas[0].Value: 10000000000000000 is outside [0, "
	  "9007199254740992]" },
	{ "hostile-quotas-inf.json", P_QUOTAS,
	  "Quotas[0].Value: not a finite number" },
	{ "hostile-quotas-adjustable-string.json", P_QUOTAS,
	  "Quotas[0].Adjustable: not a boolean" },
	{ "hostile-quotas-code-empty.json", P_QUOTAS,
	  "Quotas[0].QuotaCode: empty" },
	{ "hostile-quotas-duplicate.json", P_QUOTAS,
	  "ListServiceQuotas: duplicate QuotaCode L-0" },
	{ "hostile-quotas-same-key.json", P_QUOTAS,
	  "ListServiceQuotas: duplicate QuotaCode L-0 at level RESOURCE, "
	  "context given" },
	{ "hostile-quotas-period-fraction.json", P_QUOTAS,
	  "Quotas[0].Period.PeriodValue: 1.5 is not an integer" },
	{ "hostile-quotas-context-string.json", P_QUOTAS,
	  "Quotas[0].QuotaContext: not an object" },
	{ "hostile-quotas-token-number.json", P_QUOTAS,
	  "ListServiceQuotas: NextToken: not a string" },
	{ "hostile-quotas-not-list.json", P_QUOTAS,
	  "ListServiceQuotas: Quotas: not an array" },
	{ "hostile-history-time-string.json", P_HISTORY,
	  "RequestedQuotas[0].Created: not an ISO-8601 time" },
	{ "hostile-history-time-negative.json", P_HISTORY,
	  "RequestedQuotas[0].LastUpdated: -1 is not a time" },
	{ "hostile-history-time-far.json", P_HISTORY,
	  "RequestedQuotas[0].Created: 1e+15 is not a time" },
	{ "hostile-history-desired-negative.json", P_HISTORY,
	  "RequestedQuotas[0].DesiredValue: -3 is outside" },
	{ "hostile-history-status-missing.json", P_HISTORY,
	  "RequestedQuotas[0].Status: null" },
	{ "hostile-history-duplicate.json", P_HISTORY,
	  "ListRequestedServiceQuotaChangeHistory: duplicate Id r1" },
};

/* End the stderr capture and return how many lines were written. */
static size_t
stderr_count(void)
{
	char	*err = stderr_capture_end();
	size_t	 n = stderr_lines(err);

	free(err);
	return n;
}

START_TEST(malformed_fixture)
{
	char	*body, *cause, safe[LOG_SAFE_LEN];
	size_t	 len;

	body = fixture(hostile[_i].file, &len);
	stderr_capture_start();
	ck_assert_int_eq(run_parser(hostile[_i].parser, body, len, &cause),
	    -1);
	stderr_expect_one(hostile[_i].msg);
	/* The caller gets the reason it warned about, safe for logs. */
	(void)log_safe(hostile[_i].msg, safe, sizeof(safe));
	ck_assert_msg(strstr(cause, safe) != NULL,
	    "cause \"%s\", want \"%s\"", cause, safe);
	free(cause);
	free(body);
}
END_TEST

START_TEST(malformed_empty_and_nul)
{
	enum parser	 p;
	char		*cause, *want;

	for (p = P_MODELS; p <= P_HISTORY; p++) {
		stderr_capture_start();
		ck_assert_int_eq(run_parser(p, NULL, 0, &cause), -1);
		stderr_expect_one(": empty reply");
		want = xasprintf("%s: empty reply", parser_op[p]);
		ck_assert_str_eq(cause, want);
		free(want);
		free(cause);
		/* A NUL byte where a value belongs: the reply is malformed. */
		stderr_capture_start();
		ck_assert_int_eq(run_parser(p, "{\"x\":\0}", 6, &cause), -1);
		stderr_expect_one(": malformed JSON reply");
		/* What collect records in region_runs.error_message. */
		want = xasprintf("%s: malformed JSON reply", parser_op[p]);
		ck_assert_str_eq(cause, want);
		free(want);
		free(cause);
	}
}
END_TEST

/*
 * One bad field never fails a region: a NUL or lone surrogate in a text
 * field is stored as U+FFFD, a row whose key is not exact is skipped,
 * the rest is recorded, each said once on stderr without the value and
 * without a refusal's cause.
 */
START_TEST(bad_fields_models)
{
	struct snapshot	 s;
	char		*body, *err, *cause = NULL;
	size_t		 len;

	memset(&s, 0, sizeof(s));
	body = fixture("hostile-models-bad-fields.json", &len);
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_foundation_models(body, len, &s, &cause),
	    0);
	err = stderr_capture_end();
	ck_assert_ptr_null(cause);
	ck_assert_uint_eq(stderr_lines(err), 3);
	ck_assert_ptr_nonnull(strstr(err, "ListFoundationModels: "
	    "modelSummaries[0].modelName: a NUL, lone surrogate or U+FFFF "
	    "stored as U+FFFD (4 fields of the reply)\n"));
	ck_assert_ptr_nonnull(strstr(err, "ListFoundationModels: "
	    "modelSummaries[1].modelId: not an exact key (a control "
	    "character or U+FFFD); row skipped\n"));
	ck_assert_ptr_nonnull(strstr(err, "modelSummaries[2].modelId: not an "
	    "exact key"));
	ck_assert_ptr_null(strstr(err, "evil"));	/* never the value */
	ck_assert_uint_eq(s.modelsz, 2);
	ck_assert_str_eq(s.models[0].model_id, "a.good-v1:0");
	ck_assert_str_eq(s.models[0].model_name, "Claude\xef\xbf\xbd" "evil");
	ck_assert_str_eq(s.models[0].provider, "P\xef\xbf\xbd");
	ck_assert_str_eq(s.models[0].lifecycle, "ACT\xef\xbf\xbd" "IVE");
	ck_assert_str_eq(s.models[1].model_id, "a.ok-v1:0");
	/* Control characters and valid pairs are kept as sent. */
	ck_assert_str_eq(s.models[1].model_name,
	    "Tab\tkept \xf0\x9f\x98\x80");
	free(err);
	snapshot_free(&s);
	free(body);
}
END_TEST

/* The same for quotas, requests and profiles: the other rows stay. */
START_TEST(bad_fields_rows)
{
	struct snapshot	 s;
	char		*body, *tok = NULL, *cause = NULL;
	size_t		 len;

	memset(&s, 0, sizeof(s));
	body = fixture("hostile-quotas-code-control.json", &len);
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_service_quotas(body, len, &s, 0, &tok,
	    &cause), 0);
	stderr_expect_one("ListServiceQuotas: Quotas[0].QuotaCode: not an "
	    "exact key");
	ck_assert_uint_eq(s.quotasz, 1);
	ck_assert_str_eq(s.quotas[0].quota_code, "L-2");
	free(body);
	body = fixture("hostile-history-id-nul.json", &len);
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_quota_history(body, len, &s, &tok, &cause),
	    0);
	ck_assert_uint_eq(stderr_count(), 2);
	ck_assert_uint_eq(s.requestsz, 1);
	ck_assert_str_eq(s.requests[0].request_id, "r2");
	ck_assert_str_eq(s.requests[0].quota_name, "Q\xef\xbf\xbd");
	free(body);
	body = fixture("hostile-profiles-id-surrogate.json", &len);
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_inference_profiles(body, len, &s, &tok,
	    &cause), 0);
	ck_assert_uint_eq(stderr_count(), 2);
	ck_assert_uint_eq(s.profilesz, 1);
	ck_assert_str_eq(s.profiles[0].profile_id, "us.y");
	ck_assert_str_eq(s.profiles[0].profile_name, "Y\xef\xbf\xbd");
	ck_assert_ptr_null(cause);
	ck_assert_ptr_null(tok);
	snapshot_free(&s);
	free(body);
}
END_TEST

/* Availability is about the model asked for: an inexact ID cannot be it. */
START_TEST(bad_fields_availability)
{
	static const char body[] = "{\"modelId\": \"a.b-v1:0\\u0000\", "
	    "\"agreementAvailability\": {\"status\": \"AVAILABLE\"}, "
	    "\"authorizationStatus\": \"AUTHORIZED\", "
	    "\"entitlementAvailability\": \"AVAILABLE\", "
	    "\"regionAvailability\": \"AVAILABLE\"}";
	char	*cause = NULL;

	stderr_capture_start();
	ck_assert_int_eq(run_parser(P_AVAIL, body, sizeof(body) - 1, &cause),
	    -1);
	ck_assert_uint_eq(stderr_count(), 2);
	ck_assert_ptr_nonnull(strstr(cause, "but a.b-v1:0 was asked for"));
	free(cause);
}
END_TEST

/*
 * A refusal's cause holds the reply's value raw: a backslash is one byte
 * there, escaped once later by each output (issue #11).
 */
START_TEST(cause_is_raw)
{
	static const char body[] = "{\"modelId\": \"a.b\\\\c-v1:0\", "
	    "\"agreementAvailability\": {\"status\": \"AVAILABLE\"}, "
	    "\"authorizationStatus\": \"AUTHORIZED\", "
	    "\"entitlementAvailability\": \"AVAILABLE\", "
	    "\"regionAvailability\": \"AVAILABLE\"}";
	char	*cause = NULL;

	stderr_capture_start();
	ck_assert_int_eq(run_parser(P_AVAIL, body, sizeof(body) - 1, &cause),
	    -1);
	stderr_expect_one("modelId: a.b\\x5cc-v1:0, but a.b-v1:0 was asked");
	ck_assert_ptr_nonnull(strstr(cause,
	    "modelId: a.b\\c-v1:0, but a.b-v1:0 was asked for"));
	ck_assert_ptr_null(strstr(cause, "x5c"));
	free(cause);
}
END_TEST

START_TEST(escaped_backslash_is_text)
{
	struct snapshot	 s;
	char		*body;
	size_t		 len;

	memset(&s, 0, sizeof(s));
	body = fixture("hostile-escaped-backslash.json", &len);
	ck_assert_int_eq(aws_parse_foundation_models(body, len, &s, NULL), 0);
	ck_assert_str_eq(s.models[0].model_name, "C:\\u0000dir");
	snapshot_free(&s);
	free(body);
}
END_TEST

static TCase *
tcase_malformed(void)
{
	TCase	*tc = tcase_create("malformed");

	tcase_add_loop_test(tc, malformed_fixture, 0,
	    sizeof(hostile) / sizeof(hostile[0]));
	tcase_add_test(tc, malformed_empty_and_nul);
	tcase_add_test(tc, escaped_backslash_is_text);
	tcase_add_test(tc, cause_is_raw);
	tcase_add_test(tc, bad_fields_models);
	tcase_add_test(tc, bad_fields_rows);
	tcase_add_test(tc, bad_fields_availability);
	return tc;
}

/* ---- ceilings ---- */

/* A ListFoundationModels reply with one model whose "field" is "value". */
static char *
one_model(const char *field, const char *value)
{
	return xasprintf("{\"modelSummaries\":[{\"modelId\":\"a.b\","
	    "\"%s\":%s}]}", field, value);
}

START_TEST(limit_string_fields)
{
	char	*big, *val, *doc;

	big = repeat('n', AWS_MAX_FIELD_BYTES);
	val = xasprintf("\"%s\"", big);
	doc = one_model("modelName", val);
	stderr_capture_start();
	ck_assert_int_eq(run_parser(P_MODELS, doc, strlen(doc), NULL), 0);
	stderr_expect_none();
	free(doc);
	free(val);
	val = xasprintf("\"%sX\"", big);
	doc = one_model("modelName", val);
	stderr_capture_start();
	ck_assert_int_eq(run_parser(P_MODELS, doc, strlen(doc), NULL), -1);
	stderr_expect_one("modelSummaries[0].modelName: too long (4097 "
	    "bytes, at most 4096)");
	free(doc);
	free(val);
	free(big);
	/* Keys have a tighter ceiling. */
	big = repeat('i', AWS_MAX_ID_BYTES + 1);
	doc = xasprintf("{\"modelSummaries\":[{\"modelId\":\"%s\"}]}", big);
	stderr_capture_start();
	ck_assert_int_eq(run_parser(P_MODELS, doc, strlen(doc), NULL), -1);
	stderr_expect_one("modelSummaries[0].modelId: too long (257 "
	    "bytes, at most 256)");
	free(doc);
	free(big);
}
END_TEST

START_TEST(limit_inner_lists)
{
	struct buf	 b = BUF_INIT;
	char		*doc;
	int		 i;

	/* 65 entries: over AWS_MAX_LIST_ITEMS. */
	buf_addch(&b, '[');
	for (i = 0; i <= AWS_MAX_LIST_ITEMS; i++)
		buf_printf(&b, "%s\"T%d\"", i ? "," : "", i);
	buf_addch(&b, ']');
	doc = one_model("inferenceTypesSupported", b.data);
	stderr_capture_start();
	ck_assert_int_eq(run_parser(P_MODELS, doc, strlen(doc), NULL), -1);
	stderr_expect_one("inferenceTypesSupported: more than 64 "
	    "elements");
	free(doc);
	buf_reset(&b);
	/* 64 entries of 100 bytes: each fine, joined too long. */
	buf_addch(&b, '[');
	for (i = 0; i < AWS_MAX_LIST_ITEMS; i++)
		buf_printf(&b, "%s\"%098d\"", i ? "," : "", i);
	buf_addch(&b, ']');
	doc = one_model("inferenceTypesSupported", b.data);
	stderr_capture_start();
	ck_assert_int_eq(run_parser(P_MODELS, doc, strlen(doc), NULL), -1);
	stderr_expect_one("inferenceTypesSupported: longer than 4096 "
	    "bytes joined");
	free(doc);
	/* A ',' inside an element would corrupt the joined set. */
	doc = one_model("inferenceTypesSupported", "[\"A,B\"]");
	stderr_capture_start();
	ck_assert_int_eq(run_parser(P_MODELS, doc, strlen(doc), NULL), -1);
	stderr_expect_one("inferenceTypesSupported: an element contains "
	    "','");
	free(doc);
	buf_free(&b);
}
END_TEST

START_TEST(limit_page_items)
{
	struct buf	 b = BUF_INIT;
	int		 i;

	buf_addstr(&b, "{\"Quotas\":[");
	for (i = 0; i <= AWS_MAX_REPLY_ITEMS; i++)
		buf_printf(&b, "%s{\"QuotaCode\":\"L-%d\",\"Value\":1}",
		    i ? "," : "", i);
	buf_addstr(&b, "]}");
	stderr_capture_start();
	ck_assert_int_eq(run_parser(P_QUOTAS, b.data, b.len, NULL), -1);
	stderr_expect_one("ListServiceQuotas: Quotas: more than 1000 "
	    "elements");
	buf_free(&b);
}
END_TEST

START_TEST(limit_per_region)
{
	struct snapshot	 s;
	char		*doc, *tok, *cause = NULL;
	char		 id[32];
	int		 i;

	memset(&s, 0, sizeof(s));
	for (i = 0; i < AWS_MAX_MODELS_PER_REGION - 1; i++) {
		(void)snprintf(id, sizeof(id), "m.%d", i);
		snapshot_add_model(&s)->model_id = xstrdup(id);
	}
	doc = xasprintf("{\"modelSummaries\":[{\"modelId\":\"x.1\"},"
	    "{\"modelId\":\"x.2\"}]}");
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_foundation_models(doc, strlen(doc), &s,
	    &cause), -1);
	stderr_expect_one("ListFoundationModels: more than 2000 models "
	    "in the region");
	ck_assert_str_eq(cause, "ListFoundationModels: more than 2000 models "
	    "in the region");
	free(cause);
	ck_assert_uint_eq(s.modelsz, AWS_MAX_MODELS_PER_REGION - 1);
	free(doc);
	for (i = 0; i < AWS_MAX_QUOTAS_PER_REGION; i++)
		add_quota(&s, "L-X", 0, 1);	/* only counted here */
	doc = xasprintf("{\"Quotas\":[{\"QuotaCode\":\"L-Y\"}]}");
	stderr_capture_start();
	ck_assert_int_eq(aws_parse_service_quotas(doc, strlen(doc), &s, 0,
	    &tok, NULL), -1);
	stderr_expect_one("more than 5000 quotas in the region");
	ck_assert_ptr_null(tok);
	free(doc);
	snapshot_free(&s);
}
END_TEST

START_TEST(limit_reply_token)
{
	char	*big, *doc, *cause;

	big = repeat('T', AWS_MAX_TOKEN_BYTES);
	doc = xasprintf("{\"Quotas\":[],\"NextToken\":\"%s\"}", big);
	ck_assert_int_eq(run_parser(P_QUOTAS, doc, strlen(doc), NULL), 0);
	free(doc);
	doc = xasprintf("{\"nextToken\":\"%sT\"}", big);
	stderr_capture_start();
	ck_assert_int_eq(run_parser(P_PROFILES, doc, strlen(doc), &cause), -1);
	stderr_expect_one("ListInferenceProfiles: nextToken: too long "
	    "(2049 bytes, at most 2048)");
	ck_assert_str_eq(cause, "ListInferenceProfiles: nextToken: too long "
	    "(2049 bytes, at most 2048)");
	free(cause);
	free(doc);
	free(big);
	/* A token the next request would refuse: refused with a reason. */
	doc = xstrdup("{\"NextToken\":\"a b\"}");
	stderr_capture_start();
	ck_assert_int_eq(run_parser(P_HISTORY, doc, strlen(doc), &cause), -1);
	stderr_expect_one("ListRequestedServiceQuotaChangeHistory: NextToken "
	    "holds a byte outside printable ASCII");
	ck_assert_str_eq(cause, "ListRequestedServiceQuotaChangeHistory: "
	    "NextToken holds a byte outside printable ASCII");
	free(cause);
	free(doc);
}
END_TEST

static TCase *
tcase_limits(void)
{
	TCase	*tc = tcase_create("limits");

	tcase_add_test(tc, limit_string_fields);
	tcase_add_test(tc, limit_inner_lists);
	tcase_add_test(tc, limit_page_items);
	tcase_add_test(tc, limit_per_region);
	tcase_add_test(tc, limit_reply_token);
	return tc;
}


/* ---- Account ListRegions ---- */

START_TEST(account_req_regions)
{
	struct aws_request	r;

	ck_assert_str_eq(aws_service_signing_name(AWS_SVC_ACCOUNT), "account");
	ck_assert_str_eq(aws_service_id(AWS_SVC_ACCOUNT), "account");
	ck_assert_int_eq(aws_req_list_regions(&r, NULL), 0);
	req_is(&r, AWS_SVC_ACCOUNT, "ListRegions", "POST", "/listRegions",
	    "");
	ck_assert_ptr_null(r.target);
	ck_assert_str_eq(r.content_type, "application/x-amz-json-1.1");
	ck_assert_str_eq(r.body, "{\"RegionOptStatusContains\": [\"ENABLED\", "
	    "\"ENABLED_BY_DEFAULT\"], \"MaxResults\": 50}");
	aws_request_free(&r);
	ck_assert_int_eq(aws_req_list_regions(&r, "t/2+="), 0);
	ck_assert_str_eq(r.body, "{\"RegionOptStatusContains\": [\"ENABLED\", "
	    "\"ENABLED_BY_DEFAULT\"], \"MaxResults\": 50, "
	    "\"NextToken\": \"t/2+=\"}");
	aws_request_free(&r);
	stderr_capture_start();
	ck_assert_int_eq(aws_req_list_regions(&r, "a b"), -1);
	stderr_expect_one("ListRegions: NextToken holds a byte outside "
	    "printable ASCII");
	aws_request_free(&r);
}
END_TEST

/* Organizations ListAccounts(ForParent): target, body, bad parents. */
START_TEST(org_requests)
{
	struct aws_request	 r;
	char			*cause = NULL;

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(aws_req_list_org_accounts(&r, NULL, NULL, &cause), 0);
	ck_assert_str_eq(r.target, "AWSOrganizationsV20161128.ListAccounts");
	ck_assert_str_eq(r.content_type, "application/x-amz-json-1.1");
	ck_assert_str_eq(r.method, "POST");
	ck_assert_str_eq(r.body, "{\"MaxResults\": 20}");
	ck_assert_str_eq(aws_service_signing_name(r.service), "organizations");
	aws_request_free(&r);
	ck_assert_int_eq(aws_req_list_org_accounts(&r, "ou-ab12-11111111",
	    "t\"1", &cause), 0);
	ck_assert_str_eq(r.target,
	    "AWSOrganizationsV20161128.ListAccountsForParent");
	ck_assert_str_eq(r.body, "{\"MaxResults\": 20, \"ParentId\": "
	    "\"ou-ab12-11111111\", \"NextToken\": \"t\\\"1\"}");
	aws_request_free(&r);
	ck_assert_int_eq(aws_org_parent_valid("r-ab12"), 1);
	ck_assert_int_eq(aws_org_parent_valid("ou-ab12-11111111"), 1);
	ck_assert_int_eq(aws_org_parent_valid("ou-ab12"), 0);
	ck_assert_int_eq(aws_org_parent_valid("ou-ab12-1111111"), 0);
	ck_assert_int_eq(aws_org_parent_valid("ou-AB12-11111111"), 0);
	ck_assert_int_eq(aws_org_parent_valid("r-ab"), 0);
	ck_assert_int_eq(aws_org_parent_valid("r-ab12-1"), 0);
	ck_assert_int_eq(aws_org_parent_valid("ou-ab12-1111-2222"), 0);
	ck_assert_int_eq(aws_req_list_org_accounts(&r, "ou-\"x", NULL,
	    &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "ParentId"));
	free(cause);
	aws_request_free(&r);
}
END_TEST

static int
org_page(const char *body, struct aws_org_accounts *out, char **next,
    char **cause)
{
	return aws_parse_org_accounts(body, strlen(body), out, next, cause);
}

/*
 * A page appends its accounts, State before the deprecated Status; an
 * empty page with a token is no end; a bad page appends nothing.
 */
START_TEST(org_pages)
{
	struct aws_org_accounts	 a = { NULL, 0 };
	char			*next = NULL, *cause = NULL;

	ck_assert_int_eq(org_page("{\"Accounts\": [], \"NextToken\": "
	    "\"p1\"}", &a, &next, &cause), 0);
	ck_assert_uint_eq(a.n, 0);
	ck_assert_str_eq(next, "p1");
	free(next);
	ck_assert_int_eq(org_page("{\"Accounts\": ["
	    "{\"Id\": \"111111111111\", \"Status\": \"ACTIVE\", "
	    "\"State\": \"ACTIVE\", \"Name\": \"x\"},"
	    "{\"Id\": \"222222222222\", \"Status\": \"SUSPENDED\", "
	    "\"State\": \"CLOSED\"},"
	    "{\"Id\": \"333333333333\", \"Status\": \"PENDING_CLOSURE\"}"
	    "]}", &a, &next, &cause), 0);
	ck_assert_ptr_null(next);
	ck_assert_uint_eq(a.n, 3);
	ck_assert_str_eq(a.v[0].id, "111111111111");
	ck_assert_int_eq(a.v[0].active, 1);
	ck_assert_str_eq(a.v[1].status, "CLOSED");
	ck_assert_int_eq(a.v[1].active, 0);
	ck_assert_str_eq(a.v[2].status, "PENDING_CLOSURE");
	/* Bad pages: nothing appended, a cause. */
	ck_assert_int_eq(org_page("{\"Accounts\": [{\"Id\": "
	    "\"444444444444\", \"State\": \"ACTIVE\"}, {\"Id\": "
	    "\"5\", \"State\": \"ACTIVE\"}]}", &a, &next, &cause), -1);
	ck_assert_uint_eq(a.n, 3);
	ck_assert_ptr_nonnull(cause);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(org_page("{\"Accounts\": [{\"Id\": "
	    "\"444444444444\"}]}", &a, &next, &cause), -1);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(org_page("{\"Accounts\": [{\"Id\": "
	    "\"444444444444\", \"State\": \"active\"}]}", &a, &next,
	    &cause), -1);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(org_page("{}", &a, &next, &cause), -1);
	free(cause);
	ck_assert_uint_eq(a.n, 3);
	aws_org_accounts_free(&a);
	ck_assert_uint_eq(a.n, 0);
	aws_org_accounts_free(NULL);
}
END_TEST

/* Parse "body" as one ListRegions page into "out"; returns the result. */
static int
regions_page(const char *body, struct aws_regions *out, char **next,
    char **cause)
{
	return aws_parse_regions(body, strlen(body), out, next, cause);
}

START_TEST(account_regions_pages)
{
	struct aws_regions	 r = { NULL, 0 };
	char			*next = NULL, *cause = NULL;

	ck_assert_int_eq(regions_page("{\"Regions\": ["
	    "{\"RegionName\": \"us-east-1\", \"RegionOptStatus\": "
	    "\"ENABLED_BY_DEFAULT\"},"
	    "{\"RegionName\": \"ap-east-1\", \"RegionOptStatus\": \"ENABLED\"},"
	    "{\"RegionName\": \"me-south-1\", \"RegionOptStatus\": "
	    "\"DISABLED\"},"
	    "{\"RegionName\": \"af-south-1\"}],"
	    "\"NextToken\": \"p2\"}", &r, &next, &cause), 0);
	ck_assert_ptr_null(cause);
	ck_assert_str_eq(next, "p2");
	free(next);
	/* Not enabled, or without a status: left out. */
	ck_assert_uint_eq(r.n, 2);
	ck_assert_str_eq(r.names[0], "us-east-1");
	ck_assert_str_eq(r.names[1], "ap-east-1");
	ck_assert_int_eq(aws_regions_has(&r, "ap-east-1"), 1);
	ck_assert_int_eq(aws_regions_has(&r, "me-south-1"), 0);
	ck_assert_int_eq(aws_regions_has(&r, "af-south-1"), 0);
	ck_assert_int_eq(regions_page("{\"Regions\": [{\"RegionName\": "
	    "\"eu-west-1\", \"RegionOptStatus\": \"ENABLED_BY_DEFAULT\"}], "
	    "\"NextToken\": \"\"}", &r, &next, &cause), 0);
	ck_assert_ptr_null(next);
	ck_assert_uint_eq(r.n, 3);
	ck_assert_str_eq(r.names[2], "eu-west-1");
	ck_assert_int_eq(regions_page("{\"Regions\": []}", &r, &next,
	    &cause), 0);
	ck_assert_uint_eq(r.n, 3);
	aws_regions_free(&r);
	ck_assert_ptr_null(r.names);
	ck_assert_uint_eq(r.n, 0);
	aws_regions_free(NULL);
}
END_TEST

static const struct {
	const char	*body;
	const char	*cause;
} bad_regions[] = {
	{ "{}", "ListRegions: Regions" },
	{ "{\"Regions\": {}}", "ListRegions: Regions" },
	{ "[]", "ListRegions" },
	{ "{\"Regions\": [7]}", "ListRegions: Regions[0]" },
	{ "{\"Regions\": [{\"RegionOptStatus\": \"ENABLED\"}]}",
	    "ListRegions: Regions[0].RegionName" },
	{ "{\"Regions\": [{\"RegionName\": \"../x\", "
	    "\"RegionOptStatus\": \"ENABLED\"}]}",
	    "ListRegions: Regions[0].RegionName: not a region name" },
	{ "{\"Regions\": [{\"RegionName\": \"us-east-1\", "
	    "\"RegionOptStatus\": 3}]}",
	    "ListRegions: Regions[0].RegionOptStatus" },
	{ "{\"Regions\": [{\"RegionName\": \"us-west-2\", "
	    "\"RegionOptStatus\": \"ENABLED\"}]}",
	    "ListRegions: Regions[0].RegionName: duplicate region us-west-2" },
	{ "{\"Regions\": [{\"RegionName\": \"eu-west-3\", "
	    "\"RegionOptStatus\": \"ENABLED\"}, {\"RegionName\": "
	    "\"eu-west-3\", \"RegionOptStatus\": \"ENABLED\"}]}",
	    "ListRegions: Regions[1].RegionName: duplicate region eu-west-3" },
	{ "{\"Regions\": [], \"NextToken\": 5}", "ListRegions: NextToken" },
};

/* A bad page fails with its reason, and leaves the list as it was. */
START_TEST(account_regions_bad)
{
	struct aws_regions	 r = { NULL, 0 };
	char			*next = NULL, *cause = NULL;

	ck_assert_int_eq(regions_page("{\"Regions\": [{\"RegionName\": "
	    "\"us-west-2\", \"RegionOptStatus\": \"ENABLED\"}]}", &r, &next,
	    &cause), 0);
	stderr_capture_start();
	ck_assert_int_eq(regions_page(bad_regions[_i].body, &r, &next,
	    &cause), -1);
	stderr_expect_one(bad_regions[_i].cause);
	ck_assert_ptr_nonnull(cause);
	ck_assert_msg(strstr(cause, bad_regions[_i].cause) != NULL,
	    "cause \"%s\"", cause);
	ck_assert_ptr_null(next);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_str_eq(r.names[0], "us-west-2");
	free(cause);
	aws_regions_free(&r);
}
END_TEST

/* More enabled regions than AWS_MAX_ACCOUNT_REGIONS fail the page. */
START_TEST(account_regions_limit)
{
	struct aws_regions	 r = { NULL, 0 };
	struct buf		 b = BUF_INIT;
	char			*next = NULL, *cause = NULL;
	int			 i;

	buf_addstr(&b, "{\"Regions\": [");
	for (i = 0; i < AWS_MAX_ACCOUNT_REGIONS; i++)
		buf_printf(&b, "%s{\"RegionName\": \"xx-test-%d\", "
		    "\"RegionOptStatus\": \"ENABLED\"}", i > 0 ? "," : "", i);
	buf_addstr(&b, "]}");
	ck_assert_int_eq(regions_page(b.data, &r, &next, &cause), 0);
	ck_assert_uint_eq(r.n, AWS_MAX_ACCOUNT_REGIONS);
	stderr_capture_start();
	ck_assert_int_eq(regions_page("{\"Regions\": [{\"RegionName\": "
	    "\"yy-test-1\", \"RegionOptStatus\": \"ENABLED\"}]}", &r, &next,
	    &cause), -1);
	stderr_expect_one("ListRegions: more than 256 enabled regions");
	ck_assert_uint_eq(r.n, AWS_MAX_ACCOUNT_REGIONS);
	free(cause);
	buf_free(&b);
	aws_regions_free(&r);
}
END_TEST

static TCase *
tcase_account(void)
{
	TCase	*tc = tcase_create("account");

	tcase_add_test(tc, account_req_regions);
	tcase_add_test(tc, account_regions_pages);
	tcase_add_loop_test(tc, account_regions_bad, 0,
	    sizeof(bad_regions) / sizeof(bad_regions[0]));
	tcase_add_test(tc, account_regions_limit);
	tcase_add_test(tc, org_requests);
	tcase_add_test(tc, org_pages);
	return tc;
}

/* notifications: SNS Publish and EventBridge PutEvents ---------------- */

START_TEST(notify_sns_publish)
{
	struct aws_request	 r;
	char			*id = NULL, *cause = NULL;
	const char		*ok = "<PublishResponse xmlns=\"http://sns."
	    "amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>"
	    "94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult>"
	    "</PublishResponse>";

	ck_assert_int_eq(aws_req_sns_publish(&r, "arn:aws:sns:us-east-1:"
	    "123456789012:t", "run #2 a&b", "line 1\nline=2 \xc3\xa9"), 0);
	ck_assert_int_eq(r.service, AWS_SVC_SNS);
	ck_assert_str_eq(aws_service_signing_name(r.service), "sns");
	ck_assert_str_eq(r.method, "POST");
	ck_assert_str_eq(r.body, "Action=Publish&Version=2010-03-31&TopicArn="
	    "arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3At&Subject=run%20%232"
	    "%20a%26b&Message=line%201%0Aline%3D2%20%C3%A9");
	ck_assert_uint_eq(r.bodysz, strlen(r.body));
	ck_assert_ptr_null(r.target);
	aws_request_free(&r);
	ck_assert_int_eq(aws_parse_sns_publish(ok, strlen(ok), &id, &cause),
	    0);
	ck_assert_str_eq(id, "94f20ce6-13c5-43a0-9a9e-ca52d816e90b");
	free(id);
	ck_assert_int_eq(aws_parse_sns_publish("<PublishResponse/>", 18, &id,
	    &cause), -1);
	ck_assert_ptr_null(id);
	ck_assert_str_eq(cause, "Publish: no MessageId in the reply");
	free(cause);
}
END_TEST

/* ---- CloudWatch (awsJson1_0) ---- */

START_TEST(cw_req_list_metrics)
{
	struct aws_request	 r;

	ck_assert_int_eq(aws_req_list_metrics(&r, "Invocations", NULL), 0);
	req_is(&r, AWS_SVC_CLOUDWATCH, "ListMetrics", "POST", "/", "");
	ck_assert_str_eq(r.content_type, "application/x-amz-json-1.0");
	ck_assert_str_eq(r.target, "GraniteServiceVersion20100801.ListMetrics");
	ck_assert_int_eq(r.query_mode, 1);
	ck_assert_str_eq(r.body, "{\"Namespace\": \"AWS/Bedrock\", "
	    "\"MetricName\": \"Invocations\", \"Dimensions\": [{\"Name\": "
	    "\"ModelId\"}]}");
	aws_request_free(&r);
	ck_assert_int_eq(aws_req_list_metrics(&r, NULL, "tok/1="), 0);
	ck_assert_str_eq(r.body, "{\"Namespace\": \"AWS/Bedrock\", "
	    "\"Dimensions\": [{\"Name\": \"ModelId\"}], \"NextToken\": "
	    "\"tok/1=\"}");
	ck_assert_str_eq(aws_service_signing_name(r.service), "monitoring");
	ck_assert_str_eq(aws_service_id(r.service), "cloudwatch");
	aws_request_free(&r);
	stderr_capture_start();
	ck_assert_int_eq(aws_req_list_metrics(&r, "", NULL), -1);
	stderr_expect_one("ListMetrics: bad MetricName filter");
	aws_request_free(&r);
}
END_TEST

START_TEST(cw_req_metric_data)
{
	struct aws_cw_query	 q[2] = {
		{ "q0", "us.anthropic.claude-3-haiku-20240307-v1:0",
		    "InvocationThrottles" },
		{ "q1", "m\"x", "Invocations" },
	};
	struct aws_request	 r;

	ck_assert_int_eq(aws_req_get_metric_data(&r, q, 2, 1764201600,
	    1764288000, NULL), 0);
	req_is(&r, AWS_SVC_CLOUDWATCH, "GetMetricData", "POST", "/", "");
	ck_assert_str_eq(r.target,
	    "GraniteServiceVersion20100801.GetMetricData");
	ck_assert_str_eq(r.body, "{\"MetricDataQueries\": [{\"Id\": \"q0\", "
	    "\"MetricStat\": {\"Metric\": {\"Namespace\": \"AWS/Bedrock\", "
	    "\"MetricName\": \"InvocationThrottles\", \"Dimensions\": "
	    "[{\"Name\": \"ModelId\", \"Value\": "
	    "\"us.anthropic.claude-3-haiku-20240307-v1:0\"}]}, \"Period\": "
	    "60, \"Stat\": \"Sum\"}, \"ReturnData\": true}, {\"Id\": \"q1\", "
	    "\"MetricStat\": {\"Metric\": {\"Namespace\": \"AWS/Bedrock\", "
	    "\"MetricName\": \"Invocations\", \"Dimensions\": [{\"Name\": "
	    "\"ModelId\", \"Value\": \"m\\\"x\"}]}, \"Period\": 60, \"Stat\": "
	    "\"Sum\"}, \"ReturnData\": true}], \"StartTime\": 1764201600, "
	    "\"EndTime\": 1764288000, \"ScanBy\": \"TimestampAscending\"}");
	aws_request_free(&r);
	ck_assert_int_eq(aws_req_get_metric_data(&r, q, 1, 1, 2, "n"), 0);
	ck_assert_ptr_nonnull(strstr(r.body, "\"NextToken\": \"n\"}"));
	aws_request_free(&r);
}
END_TEST

/* Refused GetMetricData arguments: each warns once and builds nothing. */
START_TEST(cw_req_metric_data_bad)
{
	struct aws_cw_query	 ok = { "q0", "m", "Invocations" };
	struct aws_cw_query	 badid = { "Q0", "m", "Invocations" };
	struct aws_cw_query	 dup[2] = { { "q0", "m", "Invocations" },
		{ "q0", "n", "Invocations" } };
	struct aws_cw_query	*many;
	struct aws_request	 r;
	size_t			 i;

	stderr_capture_start();
	ck_assert_int_eq(aws_req_get_metric_data(&r, &ok, 0, 1, 2, NULL), -1);
	stderr_expect_one("GetMetricData: 0 queries (1 to 500 allowed)");
	aws_request_free(&r);
	stderr_capture_start();
	ck_assert_int_eq(aws_req_get_metric_data(&r, &ok, 1, 5, 5, NULL), -1);
	stderr_expect_one("GetMetricData: empty or invalid window");
	aws_request_free(&r);
	stderr_capture_start();
	ck_assert_int_eq(aws_req_get_metric_data(&r, &badid, 1, 1, 2, NULL),
	    -1);
	stderr_expect_one("GetMetricData: query 0 is malformed");
	aws_request_free(&r);
	stderr_capture_start();
	ck_assert_int_eq(aws_req_get_metric_data(&r, dup, 2, 1, 2, NULL), -1);
	stderr_expect_one("GetMetricData: duplicate query id");
	aws_request_free(&r);
	many = xcalloc(AWS_CW_MAX_QUERIES + 1, sizeof(*many));
	for (i = 0; i <= AWS_CW_MAX_QUERIES; i++) {
		many[i].id = xasprintf("q%zu", i);
		many[i].model_id = "m";
		many[i].metric = "Invocations";
	}
	ck_assert_int_eq(aws_req_get_metric_data(&r, many, AWS_CW_MAX_QUERIES,
	    1, 2, NULL), 0);
	aws_request_free(&r);
	stderr_capture_start();
	ck_assert_int_eq(aws_req_get_metric_data(&r, many,
	    AWS_CW_MAX_QUERIES + 1, 1, 2, NULL), -1);
	stderr_expect_one("GetMetricData: 501 queries (1 to 500 allowed)");
	aws_request_free(&r);
	for (i = 0; i <= AWS_CW_MAX_QUERIES; i++)
		free((char *)many[i].id);
	free(many);
}
END_TEST

START_TEST(cw_list_metrics_pages)
{
	struct aws_cw_metrics	 m = { NULL, 0 };
	char			*next = NULL, *cause = NULL;
	const char		*p1 = "{\"Metrics\": ["
	    "{\"Namespace\": \"AWS/Bedrock\", \"MetricName\": \"Invocations\","
	    " \"Dimensions\": [{\"Name\": \"ModelId\", \"Value\": \"a.b\"}]},"
	    "{\"Namespace\": \"AWS/Bedrock\", \"MetricName\": \"Invocations\","
	    " \"Dimensions\": []},"
	    "{\"Namespace\": \"AWS/Bedrock\", \"MetricName\": \"Invocations\","
	    " \"Dimensions\": [{\"Name\": \"ModelId\", \"Value\": \"a.b\"},"
	    " {\"Name\": \"Other\", \"Value\": \"x\"}]},"
	    "{\"Namespace\": \"AWS/Bedrock\", \"MetricName\": \"InputTokenCount\","
	    " \"Dimensions\": [{\"Name\": \"Guardrail\", \"Value\": \"a.b\"}]}"
	    "], \"NextToken\": \"p2\"}";
	const char		*p2 = "{\"Metrics\": ["
	    "{\"MetricName\": \"Invocations\", \"Dimensions\": [{\"Name\": "
	    "\"ModelId\", \"Value\": \"a.b\"}]},"
	    "{\"MetricName\": \"InvocationThrottles\", \"Dimensions\": "
	    "[{\"Name\": \"ModelId\", \"Value\": \"us.a.b\"}]}]}";

	ck_assert_int_eq(aws_parse_list_metrics(p1, strlen(p1), &m, &next,
	    &cause), 0);
	ck_assert_uint_eq(m.n, 1);
	ck_assert_str_eq(m.v[0].model_id, "a.b");
	ck_assert_str_eq(m.v[0].metric, "Invocations");
	ck_assert_str_eq(next, "p2");
	free(next);
	ck_assert_int_eq(aws_parse_list_metrics(p2, strlen(p2), &m, &next,
	    &cause), 0);
	ck_assert_ptr_null(next);
	ck_assert_uint_eq(m.n, 2);	/* the repeat is kept once */
	ck_assert_str_eq(m.v[1].model_id, "us.a.b");
	ck_assert_str_eq(m.v[1].metric, "InvocationThrottles");
	ck_assert_ptr_null(cause);
	aws_cw_metrics_free(&m);
	aws_cw_metrics_free(NULL);
}
END_TEST

static const struct {
	const char	*body;
	const char	*warning;
} cw_list_bad[] = {
	{ "[]", NULL },
	{ "{\"Metrics\": {}}", "ListMetrics: Metrics: not an array" },
	{ "{\"Metrics\": [{\"Dimensions\": []}]}",
	    "ListMetrics: Metrics[0].MetricName: missing" },
	{ "{\"Metrics\": [{\"MetricName\": \"I\", \"Dimensions\": "
	    "[{\"Name\": \"ModelId\", \"Value\": 3}]}]}", NULL },
	{ "{\"Metrics\": [], \"NextToken\": 7}", NULL },
};

START_TEST(cw_list_metrics_bad)
{
	struct aws_cw_metrics	 m = { NULL, 0 };
	char			*next = NULL, *cause = NULL, *got;
	const char		*b = cw_list_bad[_i].body;

	stderr_capture_start();
	ck_assert_int_eq(aws_parse_list_metrics(b, strlen(b), &m, &next,
	    &cause), -1);
	got = stderr_capture_end();
	ck_assert_uint_eq(stderr_lines(got), 1);
	if (cw_list_bad[_i].warning != NULL)
		ck_assert_ptr_nonnull(strstr(got, cw_list_bad[_i].warning));
	ck_assert_ptr_nonnull(cause);
	ck_assert_uint_eq(m.n, 0);
	ck_assert_ptr_null(next);
	free(got);
	free(cause);
}
END_TEST

START_TEST(notify_put_events)
{
	struct aws_request	 r;
	size_t			 failed;
	char			*code = NULL, *cause = NULL;
	const char		*body = "{\"Entries\":[]}";
	const char		*all = "{\"FailedEntryCount\":0,\"Entries\":"
	    "[{\"EventId\":\"e1\"},{\"EventId\":\"e2\"}]}";
	const char		*some = "{\"FailedEntryCount\":1,\"Entries\":"
	    "[{\"EventId\":\"e1\"},{\"ErrorCode\":\"MalformedDetail\","
	    "\"ErrorMessage\":\"Detail is malformed.\"}]}";

	ck_assert_int_eq(aws_req_put_events(&r, body, strlen(body)), 0);
	ck_assert_int_eq(r.service, AWS_SVC_EVENTS);
	ck_assert_str_eq(aws_service_signing_name(r.service), "events");
	ck_assert_str_eq(aws_service_id(r.service), "eventbridge");
	ck_assert_str_eq(r.target, "AWSEvents.PutEvents");
	ck_assert_str_eq(r.content_type, "application/x-amz-json-1.1");
	ck_assert_str_eq(r.body, body);
	aws_request_free(&r);
	ck_assert_int_eq(aws_parse_put_events(all, strlen(all), 2, &failed,
	    &code, &cause), 0);
	ck_assert_uint_eq(failed, 0);
	ck_assert_ptr_null(code);
	ck_assert_int_eq(aws_parse_put_events(some, strlen(some), 2, &failed,
	    &code, &cause), 0);
	ck_assert_uint_eq(failed, 1);
	ck_assert_str_eq(code, "MalformedDetail");
	free(code);
	/* More failures than entries sent, or none said: refused. */
	ck_assert_int_eq(aws_parse_put_events(some, strlen(some), 0, &failed,
	    &code, &cause), -1);
	ck_assert_str_eq(cause, "PutEvents: FailedEntryCount missing or out "
	    "of range");
	free(cause);
	cause = NULL;
	ck_assert_int_eq(aws_parse_put_events("{}", 2, 1, &failed, &code,
	    &cause), -1);
	free(cause);
}
END_TEST

/* Two pages: PartialData then Complete; points append per Id. */
START_TEST(cw_metric_data_pages)
{
	struct aws_cw_data		 d = { NULL, 0 };
	const struct aws_cw_series	*s;
	char				*next = NULL, *cause = NULL;
	const char *p1 = "{\"MetricDataResults\": ["
	    "{\"Id\": \"q0\", \"Label\": \"x\", \"Timestamps\": [60, 120], "
	    "\"Values\": [3, 4.5], \"StatusCode\": \"PartialData\"},"
	    "{\"Id\": \"q1\", \"Timestamps\": [], \"Values\": [], "
	    "\"StatusCode\": \"InternalError\"}], \"NextToken\": \"n2\", "
	    "\"Messages\": []}";
	const char *p2 = "{\"MetricDataResults\": ["
	    "{\"Id\": \"q0\", \"Timestamps\": [180], \"Values\": [-0.0], "
	    "\"StatusCode\": \"Complete\"}]}";

	ck_assert_int_eq(aws_parse_metric_data(p1, strlen(p1), &d, &next,
	    &cause), 0);
	ck_assert_str_eq(next, "n2");
	ck_assert_ptr_nonnull(s = aws_cw_data_find(&d, "q0"));
	ck_assert_int_eq(s->status, AWS_CW_PARTIAL);
	ck_assert_uint_eq(s->n, 2);
	free(next);
	ck_assert_int_eq(aws_parse_metric_data(p2, strlen(p2), &d, &next,
	    &cause), 0);
	ck_assert_ptr_null(next);
	ck_assert_ptr_nonnull(s = aws_cw_data_find(&d, "q0"));
	ck_assert_int_eq(s->status, AWS_CW_COMPLETE);
	ck_assert_uint_eq(s->n, 3);
	ck_assert_int_eq(s->ts[0], 60);
	ck_assert_int_eq(s->ts[2], 180);
	ck_assert(s->val[1] == 4.5);
	ck_assert(s->val[2] == 0);
	ck_assert_ptr_nonnull(s = aws_cw_data_find(&d, "q1"));
	ck_assert_int_eq(s->status, AWS_CW_INTERNAL_ERROR);
	ck_assert_ptr_null(aws_cw_data_find(&d, "q2"));	/* missing */
	aws_cw_data_free(&d);
	aws_cw_data_free(NULL);
}
END_TEST

static const struct {
	const char	*body;
	const char	*warning;
} cw_data_bad[] = {
	{ "{\"MetricDataResults\": [{\"Id\": \"q0\", \"Timestamps\": [1], "
	    "\"Values\": [], \"StatusCode\": \"Complete\"}]}",
	    "GetMetricData: MetricDataResults[0].Values: 0 values for 1 "
	    "timestamps" },
	{ "{\"MetricDataResults\": [{\"Id\": \"q0\", \"Timestamps\": [1], "
	    "\"Values\": [-1], \"StatusCode\": \"Complete\"}]}",
	    "GetMetricData: MetricDataResults[0].Values: [0] is not a count" },
	{ "{\"MetricDataResults\": [{\"Id\": \"q0\", \"Timestamps\": [\"x\"], "
	    "\"Values\": [1], \"StatusCode\": \"Complete\"}]}",
	    "GetMetricData: MetricDataResults[0].Timestamps: [0] is not a "
	    "time in years 1970..9999" },
	{ "{\"MetricDataResults\": [{\"Id\": \"q0\", \"Timestamps\": [], "
	    "\"Values\": []}]}",
	    "GetMetricData: MetricDataResults[0].StatusCode: missing" },
	{ "{\"MetricDataResults\": [{\"Id\": \"q0\", \"StatusCode\": "
	    "\"Complete\"}, {\"Id\": \"q0\", \"StatusCode\": \"Complete\"}]}",
	    "GetMetricData: duplicate Id in MetricDataResults" },
	{ "{\"MetricDataResults\": 1}", NULL },
	{ "{\"MetricDataResults\": [{\"Id\": \"q0\", \"Timestamps\": [1e300], "
	    "\"Values\": [1], \"StatusCode\": \"Complete\"}]}", NULL },
};

START_TEST(cw_metric_data_bad)
{
	struct aws_cw_data	 d = { NULL, 0 };
	char			*next = NULL, *cause = NULL, *got;
	const char		*b = cw_data_bad[_i].body;

	stderr_capture_start();
	ck_assert_int_eq(aws_parse_metric_data(b, strlen(b), &d, &next,
	    &cause), -1);
	got = stderr_capture_end();
	ck_assert_uint_eq(stderr_lines(got), 1);
	if (cw_data_bad[_i].warning != NULL)
		ck_assert_msg(strstr(got, cw_data_bad[_i].warning) != NULL,
		    "got %s", got);
	ck_assert_ptr_nonnull(cause);
	ck_assert_uint_eq(d.n, 0);	/* a failed page adds nothing */
	ck_assert_ptr_null(next);
	free(got);
	free(cause);
}
END_TEST

static TCase *
tcase_notify(void)
{
	TCase	*tc = tcase_create("notify");

	tcase_add_test(tc, notify_sns_publish);
	tcase_add_test(tc, notify_put_events);
	return tc;
}

/* A result whose Id is not exact is skipped: its query stays missing. */
START_TEST(cw_metric_data_inexact_id)
{
	struct aws_cw_data	 d = { NULL, 0 };
	char			*next = NULL, *cause = NULL, *got;
	const char		*b = "{\"MetricDataResults\": [{\"Id\": "
	    "\"q\\u0001\", \"StatusCode\": \"Complete\"}, {\"Id\": \"q1\", "
	    "\"StatusCode\": \"Forbidden\"}]}";

	stderr_capture_start();
	ck_assert_int_eq(aws_parse_metric_data(b, strlen(b), &d, &next,
	    &cause), 0);
	got = stderr_capture_end();
	ck_assert_uint_eq(stderr_lines(got), 1);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].status, AWS_CW_FORBIDDEN);
	free(got);
	free(cause);
	aws_cw_data_free(&d);
}
END_TEST

static TCase *
tcase_cloudwatch(void)
{
	TCase	*tc = tcase_create("cloudwatch");

	tcase_add_test(tc, cw_req_list_metrics);
	tcase_add_test(tc, cw_req_metric_data);
	tcase_add_test(tc, cw_req_metric_data_bad);
	tcase_add_test(tc, cw_list_metrics_pages);
	tcase_add_loop_test(tc, cw_list_metrics_bad, 0,
	    sizeof(cw_list_bad) / sizeof(cw_list_bad[0]));
	tcase_add_test(tc, cw_metric_data_pages);
	tcase_add_loop_test(tc, cw_metric_data_bad, 0,
	    sizeof(cw_data_bad) / sizeof(cw_data_bad[0]));
	tcase_add_test(tc, cw_metric_data_inexact_id);
	return tc;
}

static Suite *
aws_suite(void)
{
	Suite	*s = suite_create("aws");

	suite_add_tcase(s, tcase_endpoints());
	suite_add_tcase(s, tcase_requests());
	suite_add_tcase(s, tcase_bedrock());
	suite_add_tcase(s, tcase_quotas());
	suite_add_tcase(s, tcase_merge());
	suite_add_tcase(s, tcase_sts());
	suite_add_tcase(s, tcase_notify());
	suite_add_tcase(s, tcase_errors());
	suite_add_tcase(s, tcase_malformed());
	suite_add_tcase(s, tcase_limits());
	suite_add_tcase(s, tcase_account());
	suite_add_tcase(s, tcase_cloudwatch());
	return s;
}

int
main(void)
{
	return check_main(aws_suite());
}
