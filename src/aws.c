/*
 * aws.c: what the AWS services have in common: names, endpoints,
 * requests, NextTokens, error replies.  See aws.h.
 */
#include <assert.h>
#include <ctype.h>
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "aws.h"
#include "regions.h"
#include "aws_impl.h"
#include "json.h"
#include "url.h"
#include "util.h"

/* Per service: SigV4 name, configuration ID, endpoint prefix. */
static const struct aws_service_info {
	const char	*signing_name;
	const char	*id;
	const char	*prefix;
} aws_services[] = {
	[AWS_SVC_BEDROCK] = { "bedrock", "bedrock", "bedrock" },
	[AWS_SVC_SERVICE_QUOTAS] = { "servicequotas", "service_quotas",
	    "servicequotas" },
	[AWS_SVC_STS] = { "sts", "sts", "sts" },
	[AWS_SVC_SSO] = { "awsssoportal", "sso", "portal.sso" },
	[AWS_SVC_ACCOUNT] = { "account", "account", "account" },
	[AWS_SVC_SNS] = { "sns", "sns", "sns" },
	[AWS_SVC_EVENTS] = { "events", "eventbridge", "events" },
	[AWS_SVC_CLOUDWATCH] = { "monitoring", "cloudwatch", "monitoring" },
	[AWS_SVC_ORGANIZATIONS] = { "organizations", "organizations",
	    "organizations" },
};

/*
 * DNS suffix by region prefix, first match wins; the partitions of
 * botocore 1.43.11 data/endpoints.json.  Everything else is "aws".
 */
static const struct {
	const char	*region_prefix;
	const char	*suffix;
} aws_partitions[] = {
	{ "cn-", "amazonaws.com.cn" },
	{ "us-isob-", "sc2s.sgov.gov" },
	{ "us-isof-", "csp.hci.ic.gov" },
	{ "us-iso-", "c2s.ic.gov" },
	{ "eu-isoe-", "cloud.adc-e.uk" },
	{ "eusc-", "amazonaws.eu" },
};

static const struct aws_service_info *
aws_service_info(enum aws_service s)
{
	assert((size_t)s < sizeof(aws_services) / sizeof(aws_services[0]));
	return &aws_services[s];
}

const char *
aws_service_signing_name(enum aws_service s)
{
	return aws_service_info(s)->signing_name;
}

const char *
aws_service_id(enum aws_service s)
{
	return aws_service_info(s)->id;
}

int
aws_region_valid(const char *region)
{
	return region != NULL && regions_name_valid(region, strlen(region));
}

static const char *
aws_dns_suffix(const char *region)
{
	size_t	i, n;

	for (i = 0; i < sizeof(aws_partitions) / sizeof(aws_partitions[0]);
	    i++) {
		n = strlen(aws_partitions[i].region_prefix);
		if (strncmp(region, aws_partitions[i].region_prefix, n) == 0)
			return aws_partitions[i].suffix;
	}
	return "amazonaws.com";
}

/*
 * Check the host of an authority ("n" bytes: a DNS name or IPv4 address,
 * or an IPv6 address in brackets) and return its length, or 0 when it is
 * malformed.
 */
static size_t
endpoint_host_len(const char *a, size_t n)
{
	const char	*end;
	size_t		 h, i;

	if (n > 0 && a[0] == '[') {
		if ((end = memchr(a, ']', n)) == NULL || end - a < 3)
			return 0;
		h = (size_t)(end - a) + 1;
		for (i = 1; i + 1 < h; i++)
			if (!isxdigit((unsigned char)a[i]) && a[i] != ':' &&
			    a[i] != '.')
				return 0;
		return h;
	}
	for (h = 0; h < n && a[h] != ':'; h++)
		if (!isalnum((unsigned char)a[h]) && a[h] != '.' &&
		    a[h] != '-')
			return 0;
	return h <= 253 ? h : 0;
}

/*
 * Split an authority ("n" bytes) into host length and port (0 if none).
 * Returns 0, or -1 after one warnx(3) about "url".
 */
static int
endpoint_authority(const char *url, const char *a, size_t n, size_t *hostlen,
    long long *port)
{
	char		 num[8];
	const char	*errstr;
	char		 safe[LOG_SAFE_LEN];

	*port = 0;
	if ((*hostlen = endpoint_host_len(a, n)) == 0) {
		warnx("endpoint URL %s: bad host",
		    log_safe(url, safe, sizeof(safe)));
		return -1;
	}
	if (*hostlen == n)
		return 0;
	if (a[*hostlen] != ':' || n - *hostlen - 1 == 0 ||
	    n - *hostlen - 1 >= sizeof(num)) {
		warnx("endpoint URL %s: bad port",
		    log_safe(url, safe, sizeof(safe)));
		return -1;
	}
	memcpy(num, a + *hostlen + 1, n - *hostlen - 1);
	num[n - *hostlen - 1] = '\0';
	*port = parse_num(num, 1, 65535, &errstr);
	if (errstr != NULL) {
		warnx("endpoint URL %s: port is %s",
		    log_safe(url, safe, sizeof(safe)), errstr);
		return -1;
	}
	return 0;
}

/* Check the characters and scheme of "url"; 1 https, 0 http, -1 bad. */
static int
endpoint_scheme(const char *url)
{
	char		 safe[LOG_SAFE_LEN];
	const char	*p;

	if (strlen(url) > AWS_MAX_URL_BYTES) {
		warnx("endpoint URL: longer than %d bytes", AWS_MAX_URL_BYTES);
		return -1;
	}
	for (p = url; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f) {
			warnx("endpoint URL %s: contains a space or control "
			    "character", log_safe(url, safe, sizeof(safe)));
			return -1;
		}
	if (strncasecmp(url, "https://", 8) == 0)
		return 1;
	if (strncasecmp(url, "http://", 7) == 0)
		return 0;
	warnx("endpoint URL %s: not an https:// URL",
	    log_safe(url, safe, sizeof(safe)));
	return -1;
}

/* Fill "out" from an override URL; 0, or -1 after one warnx(3). */
static int
endpoint_override(const char *url, struct aws_endpoint *out)
{
	char		 safe[LOG_SAFE_LEN];
	const char	*auth, *end;
	char		*host;
	size_t		 alen, hostlen;
	long long	 port;
	int		 https, loopback;

	if ((https = endpoint_scheme(url)) == -1)
		return -1;
	auth = url + (https ? 8 : 7);
	alen = strcspn(auth, "/?#");
	end = auth + alen;
	if (*end != '\0' && strcmp(end, "/") != 0) {
		warnx("endpoint URL %s: a path, query or fragment is not "
		    "supported", log_safe(url, safe, sizeof(safe)));
		return -1;
	}
	if (memchr(auth, '@', alen) != NULL) {
		warnx("endpoint URL %s: user info is not supported",
		    log_safe(url, safe, sizeof(safe)));
		return -1;
	}
	if (endpoint_authority(url, auth, alen, &hostlen, &port) == -1)
		return -1;
	host = xstrndup(auth, hostlen);
	loopback = url_host_is_loopback(host);
	free(host);
	if (!https && !loopback) {
		warnx("endpoint URL %s: http:// is allowed only for a "
		    "loopback host; use https://",
		    log_safe(url, safe, sizeof(safe)));
		return -1;
	}
	out->base_url = xasprintf("%s://%.*s", https ? "https" : "http",
	    (int)alen, auth);
	/* curl leaves a default port out of Host, so the signature must. */
	if (port == (https ? 443 : 80))
		alen = hostlen;
	out->host = xstrndup(auth, alen);
	return 0;
}

int
aws_endpoint_resolve(enum aws_service s, const char *region,
    const char *override_url, struct aws_endpoint *out)
{
	char		 safe[LOG_SAFE_LEN];
	const char	*prefix = aws_service_info(s)->prefix;

	memset(out, 0, sizeof(*out));
	if (!aws_region_valid(region)) {
		warnx("region %s: not a region name ([a-z0-9-]{1,%d})",
		    log_safe(region, safe, sizeof(safe)), REGIONS_NAME_MAX);
		return -1;
	}
	if (override_url != NULL && *override_url != '\0') {
		if (endpoint_override(override_url, out) == -1) {
			aws_endpoint_free(out);
			return -1;
		}
	} else {
		out->host = xasprintf("%s.%s.%s", prefix, region,
		    aws_dns_suffix(region));
		out->base_url = xasprintf("https://%s", out->host);
	}
	out->region = xstrdup(region);
	return 0;
}

void
aws_endpoint_free(struct aws_endpoint *e)
{
	if (e == NULL)
		return;
	free(e->base_url);
	free(e->host);
	free(e->region);
	memset(e, 0, sizeof(*e));
}

void
aws_request_free(struct aws_request *r)
{
	if (r == NULL)
		return;
	free(r->method);
	free(r->path);
	free(r->query);
	free(r->content_type);
	free(r->target);
	free(r->body);
	memset(r, 0, sizeof(*r));
}

void
aws_req_init(struct aws_request *r, enum aws_service svc, const char *op,
    const char *method)
{
	memset(r, 0, sizeof(*r));
	r->service = svc;
	r->operation = op;
	r->method = xstrdup(method);
	r->path = xstrdup("/");
	r->query = xstrdup("");
	r->body = xstrdup("");
}

void
aws_req_json_page(struct aws_request *r, struct buf *b, int max_results,
    const char *token)
{
	buf_printf(b, ", \"MaxResults\": %d", max_results);
	if (token != NULL) {
		buf_addstr(b, ", \"NextToken\": ");
		json_buf_addstr(b, token);
	}
	buf_addch(b, '}');
	free(r->body);
	r->bodysz = b->len;
	r->body = buf_detach(b);
}

int
aws_token_check(const struct json_at *at, const char *token)
{
	const char	*p;

	if (token == NULL || *token == '\0')
		return 0;
	if (strlen(token) > AWS_MAX_TOKEN_BYTES) {
		json_warn(at, NULL, "NextToken longer than %d bytes",
		    AWS_MAX_TOKEN_BYTES);
		return -1;
	}
	for (p = token; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f) {
			json_warn(at, NULL, "NextToken holds a byte outside "
			    "printable ASCII");
			return -1;
		}
	return 1;
}

int
aws_next_token(const cJSON *root, const struct json_at *at, const char *key,
    char **out)
{
	const char	*t;

	*out = NULL;
	if (json_opt_str(root, at, key, AWS_MAX_TOKEN_BYTES, &t) == -1)
		return -1;
	if (t != NULL && *t != '\0') {
		/* A token the next request would refuse fails here. */
		if (aws_token_check(at, t) == -1)
			return -1;
		*out = xstrdup(t);
	}
	return 0;
}

int
aws_json_key(const cJSON *o, const struct json_at *at, const char *key,
    const char **out)
{
	return json_key(o, at, key, AWS_MAX_ID_BYTES, out);
}

int
aws_json_text(const cJSON *o, const struct json_at *at, const char *key,
    char **out)
{
	const char	*s;

	*out = NULL;
	if (json_opt_str(o, at, key, AWS_MAX_FIELD_BYTES, &s) == -1)
		return -1;
	*out = xstrdup(s != NULL ? s : "");
	return 0;
}

int
aws_json_opt_text(const cJSON *o, const struct json_at *at, const char *key,
    char **out)
{
	const char	*s;
	int		 r;

	*out = NULL;
	if ((r = json_opt_str(o, at, key, AWS_MAX_FIELD_BYTES, &s)) == 1)
		*out = xstrdup(s);
	return r;
}

int
aws_json_time(const cJSON *o, const struct json_at *at, const char *key,
    char **out)
{
	char		 iso[UTIL_ISO8601_LEN];
	const char	*txt;
	time_t		 t;
	double		 d;
	int		 r;

	*out = NULL;
	/* awsJson sends epoch seconds, rest-json (Bedrock) ISO-8601 text. */
	if ((txt = json_str(o, key)) != NULL) {
		if (strlen(txt) > AWS_MAX_FIELD_BYTES ||
		    util_parse_iso8601(txt, &t) == -1) {
			json_warn(at, key, "not an ISO-8601 time");
			return -1;
		}
		d = (double)t;
	} else if ((r = json_opt_num(o, at, key, &d)) != 1)
		return r;
	if (d < 0 || d > (double)AWS_MAX_EPOCH_SECONDS) {
		json_warn(at, key, "%.15g is not a time in years 1970..9999", d);
		return -1;
	}
	util_iso8601((time_t)d, iso);
	*out = xstrdup(iso);
	return 1;
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *
aws_join_sorted(const char **v, size_t n)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	if (n > 1)
		qsort(v, n, sizeof(*v), strp_cmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(v[i], v[i - 1]) == 0)
			continue;
		if (b.len > 0)
			buf_addch(&b, ',');
		buf_addstr(&b, v[i]);
	}
	return buf_detach(&b);
}

int
aws_check_unique(const struct json_at *at, const char *what, const void *a,
    size_t an, const void *b, size_t bn, size_t elemsz, size_t keyoff)
{
	const char	**keys;
	size_t		 i;
	int		 rc = 0;

	if (an + bn < 2)
		return 0;
	keys = xreallocarray(NULL, an + bn, sizeof(*keys));
	for (i = 0; i < an; i++)
		memcpy(&keys[i], (const char *)a + i * elemsz + keyoff,
		    sizeof(*keys));
	for (i = 0; i < bn; i++)
		memcpy(&keys[an + i], (const char *)b + i * elemsz + keyoff,
		    sizeof(*keys));
	for (i = 0; i < an + bn; i++)
		assert(keys[i] != NULL);
	qsort(keys, an + bn, sizeof(*keys), strp_cmp);
	for (i = 1; i < an + bn; i++)
		if (strcmp(keys[i], keys[i - 1]) == 0) {
			json_warn(at, NULL, "duplicate %s %s", what, keys[i]);
			rc = -1;
			break;
		}
	free(keys);
	return rc;
}

/*
 * An error code as the SDKs read it: cut at the first ':' (the header
 * carries a URL after it) or ',' (JS v3), keep what follows the last '#'
 * (a namespace), trim blanks.  NULL when empty, too long or holding
 * anything but printable ASCII.
 */
static char *
error_code_clean(const char *s, size_t n)
{
	const char	*p, *hash = NULL;
	size_t		 i;

	for (i = 0; i < n && s[i] != ':' && s[i] != ','; i++)
		if (s[i] == '#')
			hash = s + i;
	n = i;
	if (hash != NULL) {
		n -= (size_t)(hash + 1 - s);
		s = hash + 1;
	}
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n > AWS_MAX_ERROR_CODE_BYTES)
		return NULL;
	for (p = s; p < s + n; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
			return NULL;
	return xstrndup(s, n);
}

/* A copy of message "s", marked with "..." when over the ceiling. */
static char *
error_message_clean(const char *s)
{
	if (s == NULL || *s == '\0')
		return NULL;
	if (strlen(s) <= AWS_MAX_FIELD_BYTES)
		return xstrdup(s);
	return xasprintf("%.*s...", AWS_MAX_FIELD_BYTES, s);
}

/* Code (unless already known) and message from a JSON error body. */
static void
error_from_json(const char *body, size_t len, char **code, char **message)
{
	static const char *const code_keys[] = { "__type", "code", "Code" };
	cJSON		*root;
	const char	*s;
	size_t		 i;

	if (memchr(body, '\0', len) != NULL ||
	    (root = cJSON_ParseWithLength(body, len)) == NULL)
		return;
	for (i = 0; *code == NULL && i < 3; i++)
		if ((s = json_str(root, code_keys[i])) != NULL)
			*code = error_code_clean(s, strlen(s));
	if ((s = json_str(root, "message")) == NULL)
		s = json_str(root, "Message");
	*message = error_message_clean(s);
	cJSON_Delete(root);
}

/* Code (unless already known) and message from an XML error body. */
static void
error_from_xml(const char *body, size_t len, char **code, char **message)
{
	char	*s = NULL;

	if (*code == NULL && aws_xml_text(body, len, "Error", "Code", &s) == 1)
		*code = error_code_clean(s, strlen(s));
	free(s);
	s = NULL;
	if (aws_xml_text(body, len, "Error", "Message", &s) == 1)
		*message = error_message_clean(s);
	free(s);
}

void
aws_parse_error_query(const char *query_error_header,
    const char *error_type_header, const char *body, size_t len, char **code,
    char **message)
{
	char	*q = NULL;

	if (query_error_header != NULL)
		q = error_code_clean(query_error_header,
		    strcspn(query_error_header, ";"));
	aws_parse_error(error_type_header, body, len, code, message);
	if (q != NULL) {
		free(*code);
		*code = q;
	}
}

void
aws_parse_error(const char *error_type_header, const char *body, size_t len,
    char **code, char **message)
{
	size_t	i = 0;

	*code = NULL;
	*message = NULL;
	if (error_type_header != NULL)
		*code = error_code_clean(error_type_header,
		    strlen(error_type_header));
	if (body == NULL)
		return;
	while (i < len && isspace((unsigned char)body[i]))
		i++;
	if (i < len && body[i] == '{')
		error_from_json(body, len, code, message);
	else if (i < len && body[i] == '<')
		error_from_xml(body, len, code, message);
}
