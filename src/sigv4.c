/*
 * sigv4.c: AWS Signature Version 4.  See sigv4.h, and aws-apis.md
 * section 6 for the rules the canonical form follows.
 */
#include <err.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "sigv4.h"
#include "util.h"

#define SIGV4_ALGORITHM		"AWS4-HMAC-SHA256"
#define SIGV4_HASH_BYTES	32	/* SHA-256 digest */
#define SIGV4_HEX_LEN		65	/* 64 hex digits and NUL */
#define SIGV4_MAX_METHOD_BYTES	16
#define SIGV4_MAX_HOST_BYTES	1024
#define SIGV4_EMPTY_SHA256	\
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* One header on its way into the canonical form. */
struct chdr {
	const char	*name;		/* as given, any case */
	const char	*value;		/* as given; borrowed */
	size_t		 seq;		/* position given, for a stable sort */
};

/* One query parameter in canonical (decoded, re-encoded) form. */
struct qpair {
	char		*key;		/* encoded; owned */
	char		*val;		/* encoded, "" if none; owned */
};

/*
 * One cached signing key.  The key depends on exactly (secret, date,
 * region, service), so those four are the cache key: a refreshed
 * credential, the date rolling over at midnight UTC or another endpoint
 * never finds a key derived for something else.  The secret is compared
 * as given (a copy, wiped when the entry goes) rather than by its access
 * key id, which a rotated secret would not change.
 */
struct sigv4_key {
	/* the secret key itself: wiped when the entry goes */
	char		 secret[SIGV4_MAX_SECRET_BYTES + 1];
	char		 date8[9];	/* "20150830" */
	char		 region[SIGV4_MAX_SCOPE_PART_BYTES + 1];
	char		 service[SIGV4_MAX_SCOPE_PART_BYTES + 1];
	EVP_MAC_CTX	*mac;		/* HMAC-SHA256 with kSigning */
};

struct sigv4_signer {
	EVP_MD		*sha256;	/* fetched once */
	EVP_MAC		*hmac;		/* fetched once */
	EVP_MD_CTX	*md;		/* reused for every digest */
	EVP_MAC_CTX	*scratch;	/* for the derivation */
	struct sigv4_key *keys;		/* nkeys entries, at most
					   SIGV4_SIGNER_MAX_KEYS */
	size_t		 nkeys;
	size_t		 evict;		/* replaced next if full */
	unsigned long	 derivations;	/* signing keys derived */
	struct buf	 creq;		/* canonical request; wiped */
	struct buf	 shdr;		/* signed header list */
	struct buf	 sts;		/* string to sign */
	struct buf	 norm;		/* normalised path */
};

static int	sha256_hex(struct sigv4_signer *, const void *, size_t,
	    char [SIGV4_HEX_LEN]);

static int
is_alnum(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9');
}

/* RFC 3986 section 2.3 unreserved characters. */
static int
is_unreserved(unsigned char c)
{
	return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

/* RFC 9110 section 5.6.2 token characters (header names, methods). */
static int
is_tchar(unsigned char c)
{
	return is_alnum(c) || (c != '\0' && strchr("!#$%&'*+-.^_`|~", c));
}

/* Whitespace collapsed in header values: SP, HT and obs-fold breaks. */
static int
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static void
hex_lower(const unsigned char *p, size_t len, char *out)
{
	static const char	 digits[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0xf];
	}
	out[2 * len] = '\0';
}

static void
encode_byte(struct buf *b, unsigned char c, int keep_slash)
{
	static const char	 digits[] = "0123456789ABCDEF";
	char			 esc[3];

	if (is_unreserved(c) || (keep_slash && c == '/')) {
		buf_addch(b, (char)c);
		return;
	}
	esc[0] = '%';
	esc[1] = digits[c >> 4];
	esc[2] = digits[c & 0xf];
	buf_add(b, esc, sizeof(esc));
}

char *
sigv4_uri_encode(const char *s, size_t len, int keep_slash)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	for (i = 0; i < len; i++)
		encode_byte(&b, (unsigned char)s[i], keep_slash);
	return buf_detach(&b);
}

/* Nonzero if "s" is 1 to "max" bytes, each accepted by "ok". */
static int
all_chars(const char *s, size_t max, int (*ok)(unsigned char))
{
	size_t	 i;

	if (s == NULL || s[0] == '\0')
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (i >= max || !ok((unsigned char)s[i]))
			return 0;
	return 1;
}

static int
is_scope_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* Printable ASCII without space: host names, tokens. */
static int
is_graph(unsigned char c)
{
	return c > 0x20 && c < 0x7f;
}

/*
 * Check a wire path or query: only RFC 3986 pchar (plus '/' and, in a
 * query, '?'), with every '%' starting a two-digit escape.  Raw spaces or
 * UTF-8 mean the caller forgot to encode, and would not match what the
 * server sees.  Returns 0, or -1 if "s" is malformed or over "max" bytes.
 */
static int
wire_check(const char *s, size_t max, int query)
{
	size_t		 i, len;
	unsigned char	 c;

	if ((len = strnlen(s, max + 1)) > max)
		return -1;
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c == '%') {
			if (hexval((unsigned char)s[i + 1]) == -1 ||
			    hexval((unsigned char)s[i + 2]) == -1)
				return -1;
			i += 2;
		} else if (!is_unreserved(c) && !strchr("!$&'()*+,;=:@/", c) &&
		    !(query && c == '?'))
			return -1;
	}
	return 0;
}

/* Check the credentials without ever printing a secret. */
static int
check_creds(const struct sigv4_creds *creds)
{
	size_t	 len;

	if (creds == NULL || !all_chars(creds->access_key_id,
	    SIGV4_MAX_ACCESS_KEY_ID_BYTES, is_alnum)) {
		warnx("sigv4: missing or malformed access key id");
		return -1;
	}
	if (creds->secret_access_key == NULL ||
	    (len = strnlen(creds->secret_access_key,
	    SIGV4_MAX_SECRET_BYTES + 1)) == 0 || len > SIGV4_MAX_SECRET_BYTES) {
		warnx("sigv4: missing or oversized secret access key");
		return -1;
	}
	if (creds->session_token != NULL && !all_chars(creds->session_token,
	    SIGV4_MAX_TOKEN_BYTES, is_graph)) {
		warnx("sigv4: malformed or oversized session token");
		return -1;
	}
	return 0;
}

/* Check everything but the headers, which are checked as they are read. */
static int
check_args(const struct sigv4_request *req, const struct sigv4_creds *creds,
    const char *region, const char *service, unsigned flags)
{
	if (req == NULL || !all_chars(req->method, SIGV4_MAX_METHOD_BYTES,
	    is_tchar)) {
		warnx("sigv4: missing or malformed method");
		return -1;
	}
	if (req->path == NULL || req->path[0] != '/' ||
	    wire_check(req->path, SIGV4_MAX_PATH_BYTES, 0) == -1) {
		warnx("sigv4: path is not an encoded absolute path");
		return -1;
	}
	if (req->query != NULL &&
	    wire_check(req->query, SIGV4_MAX_QUERY_BYTES, 1) == -1) {
		warnx("sigv4: query is not an encoded query string");
		return -1;
	}
	if ((req->headersz > 0 && req->headers == NULL) ||
	    req->headersz > SIGV4_MAX_HEADERS) {
		warnx("sigv4: missing headers or more than %d",
		    SIGV4_MAX_HEADERS);
		return -1;
	}
	if ((req->bodysz > 0 && req->body == NULL) ||
	    req->bodysz > SIGV4_MAX_BODY_BYTES) {
		warnx("sigv4: missing body or body over %d bytes",
		    SIGV4_MAX_BODY_BYTES);
		return -1;
	}
	if (!all_chars(region, SIGV4_MAX_SCOPE_PART_BYTES, is_scope_char) ||
	    !all_chars(service, SIGV4_MAX_SCOPE_PART_BYTES, is_scope_char)) {
		warnx("sigv4: missing or malformed region or service");
		return -1;
	}
	if ((flags & ~(unsigned)(SIGV4_DEFAULT | SIGV4_OMIT_TOKEN)) != 0) {
		warnx("sigv4: unknown flags %#x", flags);
		return -1;
	}
	return check_creds(creds);
}

/*
 * Check a header name and value: a token, and a value with no control
 * characters but HT and line breaks that continue the value (obs-fold).
 */
static int
check_header(const struct sigv4_header *h)
{
	char		 safe[LOG_SAFE_LEN];
	const char	*v = h->value;
	size_t		 i;
	unsigned char	 c;

	if (!all_chars(h->name, SIGV4_MAX_HEADER_BYTES, is_tchar)) {
		warnx("sigv4: malformed header name \"%s\"", h->name == NULL ?
		    "(null)" : log_safe(h->name, safe, sizeof(safe)));
		return -1;
	}
	for (i = 0; v != NULL && v[i] != '\0'; i++) {
		c = (unsigned char)v[i];
		if (c == '\r' && v[i + 1] == '\n')
			c = (unsigned char)v[++i];
		if (c == '\n' && v[i + 1] != ' ' && v[i + 1] != '\t')
			break;
		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f ||
		    i >= SIGV4_MAX_HEADER_BYTES)
			break;
	}
	if (v == NULL || v[i] != '\0') {
		warnx("sigv4: %s: missing, oversized or malformed header value",
		    log_safe(h->name, safe, sizeof(safe)));
		return -1;
	}
	return 0;
}

/* Nonzero if "v" is YYYYMMDD'T'HHMMSS'Z', maybe followed by whitespace. */
static int
amz_date_ok(const char *v)
{
	size_t	 i;

	for (i = 0; i < 16; i++) {
		if (i == 8 || i == 15) {
			if (v[i] != (i == 8 ? 'T' : 'Z'))
				return 0;
		} else if (v[i] < '0' || v[i] > '9')
			return 0;
	}
	while (is_ws((unsigned char)v[i]))
		i++;
	return v[i] == '\0';
}

/*
 * Copy the X-Amz-Date header value, trimmed, into "amz": 0 if there is
 * one, 1 if none, -1 after warnx if it is repeated or malformed.
 */
static int
header_date(const struct sigv4_request *req, char amz[17])
{
	const char	*v = NULL;
	size_t		 i;

	for (i = 0; i < req->headersz; i++) {
		if (req->headers[i].name == NULL ||
		    strcasecmp(req->headers[i].name, "x-amz-date") != 0)
			continue;
		if (v != NULL) {
			warnx("sigv4: repeated X-Amz-Date header");
			return -1;
		}
		if ((v = req->headers[i].value) == NULL)
			v = "";
	}
	if (v == NULL)
		return 1;
	while (is_ws((unsigned char)*v))
		v++;
	if (!amz_date_ok(v)) {
		warnx("sigv4: X-Amz-Date is not YYYYMMDDTHHMMSSZ");
		return -1;
	}
	memcpy(amz, v, 16);
	amz[16] = '\0';
	return 0;
}

/* Format "now" as X-Amz-Date, YYYYMMDD'T'HHMMSS'Z' in UTC. */
static int
format_date(time_t now, char amz[17])
{
	struct tm	 tm;

	/* Years outside 1000..9999 do not give 16 characters. */
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(amz, 17, "%Y%m%dT%H%M%SZ", &tm) != 16) {
		warnx("sigv4: time %lld out of range", (long long)now);
		return -1;
	}
	return 0;
}

/*
 * Append "path" with ".", ".." and empty segments removed, as botocore's
 * normalize_url_path() does: a trailing '/' stays when a segment is left,
 * and nothing left gives "/".  "path" starts with '/'.
 */
static void
normalize_path(const char *path, struct buf *out)
{
	const char	*seg = path, *end;
	size_t		 len, start = out->len;

	while (*seg != '\0') {
		while (*seg == '/')
			seg++;
		for (end = seg; *end != '\0' && *end != '/'; end++)
			continue;
		len = (size_t)(end - seg);
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			while (out->len > start && out->data[--out->len] != '/')
				continue;
			if (out->data != NULL)
				out->data[out->len] = '\0';
		} else if (len > 0 && !(len == 1 && seg[0] == '.')) {
			buf_addch(out, '/');
			buf_add(out, seg, len);
		}
		seg = end;
	}
	if (out->len == start)
		buf_addch(out, '/');
	else if (path[strlen(path) - 1] == '/')
		buf_addch(out, '/');
}

/*
 * Append the canonical URI of the wire path "path" (section 6 item 1);
 * "norm" is scratch space.
 */
static void
canon_path(const char *path, unsigned flags, struct buf *norm,
    struct buf *out)
{
	if (flags & SIGV4_NORMALIZE_PATH) {
		buf_reset(norm);
		normalize_path(path, norm);
		path = norm->data;
	}
	if (flags & SIGV4_DOUBLE_ENCODE) {
		/* '%' of the wire form becomes "%25": ':' ends as %253A. */
		while (*path != '\0')
			encode_byte(out, (unsigned char)*path++, 1);
	} else
		buf_addstr(out, path);
}

/* Decode the escapes of "len" bytes at "s" (checked) and encode again. */
static char *
query_part(const char *s, size_t len)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;
	unsigned char	 c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		/* wire_check() saw two hex digits after each '%'. */
		if (c == '%' && i + 2 < len) {
			c = (unsigned char)
			    (hexval((unsigned char)s[i + 1]) << 4 |
			    hexval((unsigned char)s[i + 2]));
			i += 2;
		}
		encode_byte(&b, c, 0);
	}
	return buf_detach(&b);
}

static int
qpair_cmp(const void *a, const void *b)
{
	const struct qpair	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return strcmp(x->val, y->val);
}

/*
 * Append the canonical query of "q" (section 6 item 2): each pair decoded
 * and re-encoded, "k" alone as "k=", empty pairs dropped, sorted by key
 * then value.  Returns -1 after warnx past SIGV4_MAX_QUERY_PARAMS.
 */
static int
canon_query(const char *q, struct buf *out)
{
	struct qpair	*qp;
	const char	*p, *end, *eq;
	size_t		 n = 0, i;
	int		 rc = -1;

	if (q == NULL || *q == '\0')
		return 0;	/* most calls: no allocation */
	qp = xcalloc(SIGV4_MAX_QUERY_PARAMS, sizeof(*qp));
	for (p = q; p != NULL && *p != '\0'; p = *end == '&' ? end + 1 : end) {
		if ((end = strchr(p, '&')) == NULL)
			end = p + strlen(p);
		if (end == p)
			continue;
		if (n == SIGV4_MAX_QUERY_PARAMS) {
			warnx("sigv4: more than %d query parameters",
			    SIGV4_MAX_QUERY_PARAMS);
			goto out;
		}
		if ((eq = memchr(p, '=', (size_t)(end - p))) == NULL)
			eq = end;
		qp[n].key = query_part(p, (size_t)(eq - p));
		qp[n++].val = eq == end ? xstrdup("") :
		    query_part(eq + 1, (size_t)(end - eq - 1));
	}
	qsort(qp, n, sizeof(*qp), qpair_cmp);
	for (i = 0; i < n; i++)
		buf_printf(out, "%s%s=%s", i > 0 ? "&" : "", qp[i].key,
		    qp[i].val);
	rc = 0;
out:
	for (i = 0; i < n; i++) {
		free(qp[i].key);
		free(qp[i].val);
	}
	free(qp);
	return rc;
}

static int
chdr_cmp(const void *a, const void *b)
{
	const struct chdr	*x = a, *y = b;
	int			 c;

	/* Names are tokens (ASCII): as if both were lowercased first. */
	if ((c = strcasecmp(x->name, y->name)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
chdr_push(struct chdr *h, size_t *n, const char *name, const char *value)
{
	h[*n].name = name;
	h[*n].value = value;
	h[*n].seq = *n;
	(*n)++;
}

/* How many of h[0..n) are named "name", in any case. */
static size_t
chdr_count(const struct chdr *h, size_t n, const char *name)
{
	size_t	 i, c = 0;

	for (i = 0; i < n; i++)
		if (strcasecmp(h[i].name, name) == 0)
			c++;
	return c;
}

/* Append "name" lowercased. */
static void
append_lower(struct buf *out, const char *name)
{
	size_t	 start = out->len, i;

	buf_addstr(out, name);
	for (i = start; i < out->len; i++)
		if (out->data[i] >= 'A' && out->data[i] <= 'Z')
			out->data[i] = (char)(out->data[i] - 'A' + 'a');
}

/*
 * Collect the headers to sign into "h" (room for headersz + 3): the
 * caller's, then host, x-amz-date and x-amz-security-token where the
 * caller gave none.  Returns -1 after warnx.
 */
static int
collect_headers(const struct sigv4_request *req,
    const struct sigv4_creds *creds, unsigned flags, const char *amz_date,
    struct chdr *h, size_t *n)
{
	size_t	 i, nreq;

	for (i = 0; i < req->headersz; i++) {
		if (check_header(&req->headers[i]) == -1)
			return -1;
		chdr_push(h, n, req->headers[i].name, req->headers[i].value);
	}
	nreq = *n;
	switch (chdr_count(h, nreq, "host")) {
	case 0:
		if (req->host == NULL || !all_chars(req->host,
		    SIGV4_MAX_HOST_BYTES, is_graph)) {
			warnx("sigv4: missing or malformed host");
			return -1;
		}
		chdr_push(h, n, "host", req->host);
		break;
	case 1:
		break;		/* the caller's Host header wins */
	default:
		warnx("sigv4: repeated Host header");
		return -1;
	}
	if (chdr_count(h, nreq, "x-amz-date") == 0)
		chdr_push(h, n, "x-amz-date", amz_date);
	if (creds->session_token != NULL && !(flags & SIGV4_OMIT_TOKEN) &&
	    chdr_count(h, nreq, "x-amz-security-token") == 0)
		chdr_push(h, n, "x-amz-security-token", creds->session_token);
	return 0;
}

/*
 * Append "v" trimmed, with each run of whitespace inside it as one ' ';
 * the words go in whole (a session token is 600 to 1,000 characters).
 */
static void
append_value(struct buf *out, const char *v)
{
	const char	*e;
	int		 started = 0;

	for (;;) {
		while (is_ws((unsigned char)*v))
			v++;
		if (*v == '\0')
			return;
		for (e = v; *e != '\0' && !is_ws((unsigned char)*e); e++)
			;
		if (started)
			buf_addch(out, ' ');
		buf_add(out, v, (size_t)(e - v));
		started = 1;
		v = e;
	}
}

/*
 * Append the canonical headers ("name:value\n" each, sorted, repeated
 * names joined with ',') to "creq" and the signed header list to
 * "signed_hdrs".  Returns -1 after warnx on a bad header.
 */
static int
canon_headers(const struct sigv4_request *req,
    const struct sigv4_creds *creds, unsigned flags, const char *amz_date,
    struct buf *creq, struct buf *signed_hdrs)
{
	struct chdr	 h[SIGV4_MAX_HEADERS + 3];
	size_t		 n = 0, i;

	if (collect_headers(req, creds, flags, amz_date, h, &n) == -1)
		return -1;
	qsort(h, n, sizeof(*h), chdr_cmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && strcasecmp(h[i].name, h[i - 1].name) == 0) {
			buf_addch(creq, ',');
		} else {
			if (i > 0) {
				buf_addch(creq, '\n');
				buf_addch(signed_hdrs, ';');
			}
			append_lower(creq, h[i].name);
			buf_addch(creq, ':');
			append_lower(signed_hdrs, h[i].name);
		}
		append_value(creq, h[i].value);
	}
	buf_addch(creq, '\n');
	return 0;
}

/*
 * Build the canonical request into s->creq and the signed header list
 * into s->shdr.  Returns -1 after warnx.
 */
static int
canonical_request(struct sigv4_signer *s, const struct sigv4_request *req,
    const struct sigv4_creds *creds, unsigned flags, const char *amz_date)
{
	char		 hex[SIGV4_HEX_LEN];

	buf_addstr(&s->creq, req->method);
	buf_addch(&s->creq, '\n');
	canon_path(req->path, flags, &s->norm, &s->creq);
	buf_addch(&s->creq, '\n');
	if (canon_query(req->query, &s->creq) == -1)
		return -1;
	buf_addch(&s->creq, '\n');
	if (canon_headers(req, creds, flags, amz_date, &s->creq,
	    &s->shdr) == -1)
		return -1;
	if (!sha256_hex(s, req->body, req->bodysz, hex)) {
		warnx("sigv4: SHA-256 failed");
		return -1;
	}
	buf_addch(&s->creq, '\n');
	buf_add(&s->creq, s->shdr.data, s->shdr.len);
	buf_addch(&s->creq, '\n');
	buf_addstr(&s->creq, hex);
	return 0;
}

/* Empty the reused buffers between two requests, wiping "creq". */
static void
signer_reset(struct sigv4_signer *s)
{
	if (s->creq.data != NULL)
		OPENSSL_cleanse(s->creq.data, s->creq.len);
	buf_reset(&s->creq);
	buf_reset(&s->shdr);
	buf_reset(&s->sts);
	buf_reset(&s->norm);
}

/* Copy "src", checked to fit, into "dst" of "dstsz" bytes. */
static void
copy_str(char *dst, const char *src, size_t dstsz)
{
	size_t	 len = strnlen(src, dstsz - 1);

	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* Forget entry "k": wipe the secret, free (and so wipe) the key. */
static void
key_clear(struct sigv4_key *k)
{
	EVP_MAC_CTX_free(k->mac);
	OPENSSL_cleanse(k, sizeof(*k));
}

struct sigv4_signer *
sigv4_signer_new(void)
{
	struct sigv4_signer	*s = xcalloc(1, sizeof(*s));

	if ((s->sha256 = EVP_MD_fetch(NULL, "SHA256", NULL)) == NULL ||
	    (s->hmac = EVP_MAC_fetch(NULL, "HMAC", NULL)) == NULL ||
	    (s->md = EVP_MD_CTX_new()) == NULL ||
	    (s->scratch = EVP_MAC_CTX_new(s->hmac)) == NULL) {
		warnx("sigv4: libcrypto has no SHA-256 or HMAC");
		sigv4_signer_free(s);
		return NULL;
	}
	return s;
}

void
sigv4_signer_free(struct sigv4_signer *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nkeys; i++)
		key_clear(&s->keys[i]);
	free(s->keys);
	EVP_MAC_CTX_free(s->scratch);
	EVP_MD_CTX_free(s->md);
	EVP_MAC_free(s->hmac);
	EVP_MD_free(s->sha256);
	buf_wipe(&s->creq);
	buf_free(&s->shdr);
	buf_free(&s->sts);
	buf_free(&s->norm);
	free(s);
}

unsigned long
sigv4_signer_derivations(const struct sigv4_signer *s)
{
	return s->derivations;
}

/* Key "ctx" with "key" for HMAC-SHA256 (a NULL key: the one it has). */
static int
mac_init(EVP_MAC_CTX *ctx, const void *key, size_t keylen)
{
	OSSL_PARAM	 params[2];

	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)"SHA256", 0);
	params[1] = OSSL_PARAM_construct_end();
	return EVP_MAC_init(ctx, key, keylen, key != NULL ? params : NULL);
}

/* HMAC-SHA256 of "msg" with "key", through ctx; 1 on success. */
static int
mac_once(EVP_MAC_CTX *ctx, const void *key, size_t keylen, const char *msg,
    unsigned char md[SIGV4_HASH_BYTES])
{
	size_t	 mdlen = 0;

	return mac_init(ctx, key, keylen) &&
	    EVP_MAC_update(ctx, (const unsigned char *)msg, strlen(msg)) &&
	    EVP_MAC_final(ctx, md, &mdlen, SIGV4_HASH_BYTES) &&
	    mdlen == SIGV4_HASH_BYTES;
}

/*
 * Derive kSigning for "k" (section 6: four HMACs from "AWS4" + secret)
 * and key k->mac with it.  Every intermediate is wiped.  Returns -1
 * after warnx.
 */
static int
key_derive(struct sigv4_signer *s, struct sigv4_key *k)
{
	unsigned char	 ksecret[4 + SIGV4_MAX_SECRET_BYTES];
	unsigned char	 a[SIGV4_HASH_BYTES], b[SIGV4_HASH_BYTES];
	size_t		 len = strlen(k->secret); /* checked <= max */
	int		 ok;

	memcpy(ksecret, "AWS4", 4);
	memcpy(ksecret + 4, k->secret, len);
	ok = mac_once(s->scratch, ksecret, 4 + len, k->date8, a) &&
	    mac_once(s->scratch, a, sizeof(a), k->region, b) &&
	    mac_once(s->scratch, b, sizeof(b), k->service, a) &&
	    mac_once(s->scratch, a, sizeof(a), "aws4_request", b) &&
	    (k->mac != NULL || (k->mac = EVP_MAC_CTX_new(s->hmac)) != NULL) &&
	    mac_init(k->mac, b, sizeof(b));
	/* The scratch context holds the last key of the chain. */
	ok = ok && mac_init(s->scratch, "", 1);
	OPENSSL_cleanse(ksecret, sizeof(ksecret));
	OPENSSL_cleanse(a, sizeof(a));
	OPENSSL_cleanse(b, sizeof(b));
	if (!ok) {
		warnx("sigv4: HMAC-SHA256 failed");
		return -1;
	}
	s->derivations++;
	return 0;
}

/*
 * The cached key for (secret, date8, region, service), derived now if
 * there is none.  An entry of the same region and service with another
 * secret or date is replaced (its key is of no more use: credentials are
 * refreshed, days pass); a full cache replaces its entries in turn.
 * Returns NULL after warnx.
 */
static EVP_MAC_CTX *
key_get(struct sigv4_signer *s, const char *secret, const char *date8,
    const char *region, const char *service)
{
	struct sigv4_key	*k = NULL;
	size_t			 i;

	for (i = 0; i < s->nkeys; i++) {
		k = &s->keys[i];
		if (strcmp(k->region, region) != 0 ||
		    strcmp(k->service, service) != 0)
			continue;
		if (memcmp(k->date8, date8, 8) == 0 &&
		    strcmp(k->secret, secret) == 0)
			return k->mac;
		break;
	}
	if (s->keys == NULL)	/* a one-shot sigv4_sign() needs one */
		s->keys = xcalloc(SIGV4_SIGNER_MAX_KEYS, sizeof(*s->keys));
	if (i == s->nkeys) {
		if (s->nkeys < SIGV4_SIGNER_MAX_KEYS)
			i = s->nkeys++;
		else
			i = s->evict++ % SIGV4_SIGNER_MAX_KEYS;
	}
	k = &s->keys[i];
	key_clear(k);
	/* Lengths were checked by check_args() and check_creds(). */
	copy_str(k->secret, secret, sizeof(k->secret));
	memcpy(k->date8, date8, 8);
	copy_str(k->region, region, sizeof(k->region));
	copy_str(k->service, service, sizeof(k->service));
	if (key_derive(s, k) == -1) {
		key_clear(k);
		return NULL;
	}
	return k->mac;
}

/* Hex SHA-256 of "len" bytes at "p" into "hex"; 1 on success. */
static int
sha256_hex(struct sigv4_signer *s, const void *p, size_t len,
    char hex[SIGV4_HEX_LEN])
{
	unsigned char	 md[SIGV4_HASH_BYTES];
	unsigned int	 mdlen = 0;

	if (len == 0) {
		/* Most calls are GETs: their hash is a constant. */
		memcpy(hex, SIGV4_EMPTY_SHA256, SIGV4_HEX_LEN);
		return 1;
	}
	if (!EVP_DigestInit_ex2(s->md, s->sha256, NULL) ||
	    !EVP_DigestUpdate(s->md, p, len) ||
	    !EVP_DigestFinal_ex(s->md, md, &mdlen) ||
	    mdlen != SIGV4_HASH_BYTES)
		return 0;
	hex_lower(md, sizeof(md), hex);
	return 1;
}

/* The hex HMAC of "sts" with the cached key of the scope. */
static int
sign_string(struct sigv4_signer *s, const char *secret, const char *date8,
    const char *region, const char *service, const struct buf *sts,
    char sig[SIGV4_HEX_LEN])
{
	unsigned char	 raw[SIGV4_HASH_BYTES];
	EVP_MAC_CTX	*mac;
	size_t		 len = 0;

	if ((mac = key_get(s, secret, date8, region, service)) == NULL)
		return -1;
	/* A NULL key starts a new MAC with the key the context holds. */
	if (!mac_init(mac, NULL, 0) ||
	    !EVP_MAC_update(mac, (const unsigned char *)sts->data, sts->len) ||
	    !EVP_MAC_final(mac, raw, &len, sizeof(raw)) ||
	    len != SIGV4_HASH_BYTES) {
		warnx("sigv4: HMAC-SHA256 failed");
		return -1;
	}
	hex_lower(raw, sizeof(raw), sig);
	OPENSSL_cleanse(raw, sizeof(raw));
	return 0;
}

/*
 * Sign with "s" (see sigv4_sign()); "forms" also returns the canonical
 * request and the string to sign.
 */
static int
sign_with(struct sigv4_signer *s, const struct sigv4_request *req,
    const struct sigv4_creds *creds, const char *region, const char *service,
    time_t now, unsigned flags, int forms, struct sigv4_signed *out)
{
	char		 hex[SIGV4_HEX_LEN], scope[128];
	int		 rc = -1, r;

	memset(out, 0, sizeof(*out));
	signer_reset(s);
	if (check_args(req, creds, region, service, flags) == -1)
		goto out;
	if ((r = header_date(req, out->amz_date)) == -1 ||
	    (r == 1 && format_date(now, out->amz_date) == -1))
		goto out;
	if (canonical_request(s, req, creds, flags, out->amz_date) == -1)
		goto out;
	/* Fits: 8 + 3 slashes + 2 * SIGV4_MAX_SCOPE_PART_BYTES + 12. */
	(void)snprintf(scope, sizeof(scope), "%.8s/%s/%s/aws4_request",
	    out->amz_date, region, service);
	if (!sha256_hex(s, s->creq.data, s->creq.len, hex)) {
		warnx("sigv4: SHA-256 failed");
		goto out;
	}
	buf_addstr(&s->sts, SIGV4_ALGORITHM "\n");
	buf_addstr(&s->sts, out->amz_date);
	buf_addch(&s->sts, '\n');
	buf_addstr(&s->sts, scope);
	buf_addch(&s->sts, '\n');
	buf_addstr(&s->sts, hex);
	if (sign_string(s, creds->secret_access_key, out->amz_date, region,
	    service, &s->sts, out->signature) == -1)
		goto out;
	out->authorization = xconcat(SIGV4_ALGORITHM " Credential=",
	    creds->access_key_id, "/", scope, ", SignedHeaders=",
	    s->shdr.data, ", Signature=", out->signature, (char *)NULL);
	if (forms) {
		out->canonical_request = xstrdup(s->creq.data);
		out->string_to_sign = xstrdup(s->sts.data);
	}
	rc = 0;
out:
	signer_reset(s);	/* the canonical request may hold the token */
	if (rc == -1)
		sigv4_signed_free(out);
	return rc;
}

int
sigv4_sign(const struct sigv4_request *req, const struct sigv4_creds *creds,
    const char *region, const char *service, time_t now, unsigned flags,
    struct sigv4_signed *out)
{
	struct sigv4_signer	*s;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if ((s = sigv4_signer_new()) == NULL)
		return -1;
	rc = sign_with(s, req, creds, region, service, now, flags, 1, out);
	sigv4_signer_free(s);
	return rc;
}

int
sigv4_signer_sign(struct sigv4_signer *s, const struct sigv4_request *req,
    const struct sigv4_creds *creds, const char *region, const char *service,
    time_t now, unsigned flags, struct sigv4_signed *out)
{
	return sign_with(s, req, creds, region, service, now, flags, 0, out);
}

void
sigv4_signed_free(struct sigv4_signed *s)
{
	if (s == NULL)
		return;
	free_secret(s->authorization);
	free_secret(s->canonical_request);
	free_secret(s->string_to_sign);
	explicit_bzero(s, sizeof(*s));
}
