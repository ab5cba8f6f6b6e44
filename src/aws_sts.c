/*
 * aws_sts.c: STS GetCallerIdentity, AssumeRole and
 * AssumeRoleWithWebIdentity (awsQuery: form body in, XML out) and the
 * small bounded XML reader that STS replies and awsQuery errors need.
 * See aws.h and aws-apis.md sections 5 and 9.1.
 *
 * The reader is deliberately not an XML parser: it finds one element by
 * name inside another and decodes the five predefined entities and
 * character references.  It never follows DTDs or external entities (an
 * unknown entity is an error), which keeps XXE-style replies harmless.
 */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aws.h"
#include "aws_impl.h"
#include "sigv4.h"
#include "util.h"

#define OP_IDENTITY	"GetCallerIdentity"
#define STS_CONTENT_TYPE "application/x-www-form-urlencoded; charset=utf-8"
#define STS_IDENTITY_BODY "Action=GetCallerIdentity&Version=2011-06-15"
#define OP_ASSUME	"AssumeRole"
#define OP_WEB		"AssumeRoleWithWebIdentity"
#define STS_VERSION	"2011-06-15"

#define XML_MAX_NAME_BYTES	64	/* element names we look for */
#define XML_MAX_ENTITY_BYTES	10	/* "#x10FFFF" is 8 */
#define ACCOUNT_ID_DIGITS	12

int
aws_req_get_caller_identity(struct aws_request *r)
{
	aws_req_init(r, AWS_SVC_STS, OP_IDENTITY, "POST");
	r->content_type = xstrdup(STS_CONTENT_TYPE);
	free(r->body);
	r->body = xstrdup(STS_IDENTITY_BODY);
	r->bodysz = strlen(r->body);
	return 0;
}

/*
 * Find the start tag of element "name" in [p, end): "<name>", "<name/>"
 * or "<name" plus attributes.  Returns the '<' or NULL; sets *inner just
 * past the '>' and *empty for a self-closing tag.
 */
static const char *
xml_find_open(const char *p, const char *end, const char *name,
    const char **inner, int *empty)
{
	const char	*gt;
	size_t		 n = strlen(name);
	char		 c;

	for (; p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL;
	    p++) {
		if ((size_t)(end - p) < n + 2 || memcmp(p + 1, name, n) != 0)
			continue;
		c = p[n + 1];
		if (c != '>' && c != '/' && c != ' ' && c != '\t' &&
		    c != '\r' && c != '\n')
			continue;
		if ((gt = memchr(p + n + 1, '>', (size_t)(end - p) - n - 1))
		    == NULL)
			return NULL;
		*empty = gt[-1] == '/';
		*inner = gt + 1;
		return p;
	}
	return NULL;
}

/* Find the end tag "</name>" in [p, end); NULL if absent. */
static const char *
xml_find_close(const char *p, const char *end, const char *name)
{
	char	needle[XML_MAX_NAME_BYTES + 4];
	size_t	n = strlen(name);

	if (n > XML_MAX_NAME_BYTES)
		return NULL;
	needle[0] = '<';
	needle[1] = '/';
	memcpy(needle + 2, name, n);
	needle[n + 2] = '>';
	return memmem(p, (size_t)(end - p), needle, n + 3);
}

/* The value of hex or decimal digit "c", or -1. */
static int
digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The code point of entity "e" ("n" bytes between '&' and ';'), or -1. */
static long
xml_entity(const char *e, size_t n)
{
	static const struct {
		const char	*name;
		char		 c;
	} named[] = {
		{ "amp", '&' }, { "lt", '<' }, { "gt", '>' },
		{ "quot", '"' }, { "apos", '\'' },
	};
	size_t		 i, start, base;
	long		 cp = 0;
	int		 d;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strlen(named[i].name) == n &&
		    memcmp(named[i].name, e, n) == 0)
			return named[i].c;
	if (n < 2 || e[0] != '#')
		return -1;
	base = (e[1] == 'x' || e[1] == 'X') ? 16 : 10;
	start = base == 16 ? 2 : 1;
	if (start >= n || n - start > 7)
		return -1;
	for (i = start; i < n; i++) {
		if ((d = digit_value(e[i])) == -1 || (size_t)d >= base)
			return -1;
		cp = cp * (long)base + d;
	}
	/* XML 1.0 Char: no NUL, no other C0 controls, no surrogates. */
	if ((cp < 0x20 && cp != 0x9 && cp != 0xa && cp != 0xd) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return -1;
	return cp;
}

/* Append code point "cp" to "b" as UTF-8. */
static void
utf8_add(struct buf *b, long cp)
{
	if (cp < 0x80)
		buf_addch(b, (char)cp);
	else if (cp < 0x800) {
		buf_addch(b, (char)(0xc0 | (cp >> 6)));
		buf_addch(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_addch(b, (char)(0xe0 | (cp >> 12)));
		buf_addch(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_addch(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		buf_addch(b, (char)(0xf0 | (cp >> 18)));
		buf_addch(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
		buf_addch(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_addch(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/*
 * Decode the text "s" ("n" bytes, at most "max") into *out; -1 when it
 * is not text.
 */
static int
xml_decode(const char *s, size_t n, size_t max, char **out)
{
	struct buf	 b = BUF_INIT;
	const char	*semi;
	size_t		 i, m;
	long		 cp;

	*out = NULL;
	if (n > max || memchr(s, '<', n) != NULL ||
	    memchr(s, '\0', n) != NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] != '&') {
			buf_addch(&b, s[i]);
			continue;
		}
		m = n - i - 1 < XML_MAX_ENTITY_BYTES ? n - i - 1 :
		    XML_MAX_ENTITY_BYTES;
		if ((semi = memchr(s + i + 1, ';', m)) == NULL ||
		    (cp = xml_entity(s + i + 1, (size_t)(semi - s - i - 1)))
		    == -1) {
			buf_wipe(&b);	/* it may be a secret */
			return -1;
		}
		utf8_add(&b, cp);
		i = (size_t)(semi - s);
	}
	*out = buf_detach(&b);
	return 0;
}

/*
 * The first element "tag" in [p, end), decoded into *out (at most "max"
 * bytes): 1 found, 0 absent, -1 not plain text.
 */
static int
xml_child(const char *p, const char *end, const char *tag, size_t max,
    char **out)
{
	const char	*tin, *tend;
	int		 empty;

	*out = NULL;
	if (xml_find_open(p, end, tag, &tin, &empty) == NULL)
		return 0;
	if (empty) {
		*out = xstrdup("");
		return 1;
	}
	if ((tend = xml_find_close(tin, end, tag)) == NULL)
		return -1;
	return xml_decode(tin, (size_t)(tend - tin), max, out) == 0 ? 1 : -1;
}

/*
 * The content of the first element "name" in [body, body + len) into
 * *inner and *n.  0 when it is absent, empty or not closed.
 */
static int
xml_element(const char *body, size_t len, const char *name,
    const char **inner, size_t *n)
{
	const char	*end = body + len, *in, *close;
	int		 empty;

	if (xml_find_open(body, end, name, &in, &empty) == NULL || empty ||
	    (close = xml_find_close(in, end, name)) == NULL)
		return 0;
	*inner = in;
	*n = (size_t)(close - in);
	return 1;
}

int
aws_xml_text(const char *body, size_t len, const char *parent,
    const char *tag, char **out)
{
	const char	*in;
	size_t		 n;

	*out = NULL;
	if (body == NULL || !xml_element(body, len, parent, &in, &n))
		return 0;
	return xml_child(in, in + n, tag, AWS_MAX_FIELD_BYTES, out);
}

/* Read element "tag" of the result into *out ("" if optional and absent). */
static int
identity_field(const char *body, size_t len, const char *tag, int required,
    char **out)
{
	switch (aws_xml_text(body, len, "GetCallerIdentityResult", tag, out)) {
	case 1:
		if (**out != '\0' || !required)
			return 0;
		warnx("%s: %s: empty", OP_IDENTITY, tag);
		return -1;
	case 0:
		if (!required) {
			*out = xstrdup("");
			return 0;
		}
		warnx("%s: %s: missing", OP_IDENTITY, tag);
		return -1;
	default:
		warnx("%s: %s: not plain text of at most %d bytes",
		    OP_IDENTITY, tag, AWS_MAX_FIELD_BYTES);
		return -1;
	}
}

int
aws_parse_caller_identity(const char *body, size_t len,
    struct aws_identity *id)
{
	char	safe[LOG_SAFE_LEN];

	memset(id, 0, sizeof(*id));
	if (identity_field(body, len, "Account", 1, &id->account) == -1 ||
	    identity_field(body, len, "Arn", 1, &id->arn) == -1 ||
	    identity_field(body, len, "UserId", 0, &id->user_id) == -1)
		goto fail;
	if (strlen(id->account) != ACCOUNT_ID_DIGITS ||
	    strspn(id->account, "0123456789") != ACCOUNT_ID_DIGITS) {
		warnx("%s: Account: %s is not a %d-digit account ID",
		    OP_IDENTITY, log_safe(id->account, safe, sizeof(safe)),
		    ACCOUNT_ID_DIGITS);
		goto fail;
	}
	if (strncmp(id->arn, "arn:", 4) != 0) {
		warnx("%s: Arn: %s is not an ARN", OP_IDENTITY,
		    log_safe(id->arn, safe, sizeof(safe)));
		goto fail;
	}
	return 0;
fail:
	aws_identity_free(id);
	return -1;
}

/* [A-Za-z0-9] or one of "extra", for "n" bytes of "s"; 1 if all are. */
static int
all_of(const char *s, size_t n, const char *extra)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) &&
		    (s[i] == '\0' || strchr(extra, s[i]) == NULL))
			return 0;
	return 1;
}

/* 1 if "s" is "min".."max" bytes of printable ASCII without blanks. */
static int
printable(const char *s, size_t min, size_t max)
{
	size_t	i, n = strlen(s);

	if (n < min || n > max)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return 0;
	return 1;
}

/* The reason "a" cannot be sent, or NULL. */
static const char *
assume_role_check(const struct aws_assume_role *a)
{
	size_t	n;

	if (a->role_arn == NULL || strncmp(a->role_arn, "arn:", 4) != 0 ||
	    !printable(a->role_arn, 20, 2048))
		return "role_arn is not an ARN (arn:..., 20 to 2048 bytes)";
	n = a->session_name != NULL ? strlen(a->session_name) : 0;
	if (n < 2 || n > 64 || !all_of(a->session_name, n, "_+=,.@-"))
		return "role_session_name must be 2 to 64 of A-Z a-z 0-9 "
		    "_+=,.@-";
	if (a->external_id != NULL && (a->web_token != NULL ||
	    (n = strlen(a->external_id)) < 2 || n > 1224 ||
	    !all_of(a->external_id, n, "_+=,.@:/-")))
		return "external_id must be 2 to 1224 of A-Z a-z 0-9 _+=,.@:/-";
	if (a->duration_sec != 0 &&
	    (a->duration_sec < 900 || a->duration_sec > 43200))
		return "duration_seconds must be 900 to 43200";
	if (a->web_token != NULL &&
	    !printable(a->web_token, 4, AWS_MAX_WEB_TOKEN_BYTES))
		return "the web identity token is not 4 to 20000 printable "
		    "bytes";
	return NULL;
}

/* Append "&name=value" to "b", value percent-encoded. */
static void
form_add(struct buf *b, const char *name, const char *value)
{
	char	*enc = sigv4_uri_encode(value, strlen(value), 0);

	buf_printf(b, "&%s=%s", name, enc);
	free_secret(enc);	/* the web identity token */
}

int
aws_req_assume_role(struct aws_request *r, const struct aws_assume_role *a,
    char **cause)
{
	struct buf	 b = BUF_INIT;
	const char	*op = a->web_token != NULL ? OP_WEB : OP_ASSUME;
	const char	*bad;
	char		 num[16];

	aws_req_init(r, AWS_SVC_STS, op, "POST");
	*cause = NULL;
	if ((bad = assume_role_check(a)) != NULL) {
		*cause = xasprintf("%s: %s", op, bad);
		return -1;
	}
	buf_printf(&b, "Action=%s&Version=%s", op, STS_VERSION);
	form_add(&b, "RoleArn", a->role_arn);
	form_add(&b, "RoleSessionName", a->session_name);
	if (a->external_id != NULL)
		form_add(&b, "ExternalId", a->external_id);
	if (a->duration_sec != 0) {
		(void)snprintf(num, sizeof(num), "%d", a->duration_sec);
		form_add(&b, "DurationSeconds", num);
	}
	if (a->web_token != NULL)
		form_add(&b, "WebIdentityToken", a->web_token);
	r->content_type = xstrdup(STS_CONTENT_TYPE);
	free(r->body);
	r->bodysz = b.len;
	r->body = buf_detach(&b);
	return 0;
}

/*
 * Read required text "tag" of <Credentials> ([p, end)) into *out:
 * printable without blanks, "min".."max" bytes.  NULL, or the reason.
 */
static const char *
cred_field(const char *p, const char *end, const char *tag, size_t min,
    size_t max, char **out)
{
	switch (xml_child(p, end, tag, max, out)) {
	case 1:
		return printable(*out, min, max) ? NULL :
		    "not printable ASCII of the expected size";
	case 0:
		return "missing";
	default:
		return "not plain text of the expected size";
	}
}

/* The four members of <Credentials> ([p, end)) into "rc"; NULL or why. */
static const char *
role_creds_read(const char *p, const char *end, struct aws_role_creds *rc,
    const char **tag)
{
	const char	*bad;
	char		*exp = NULL;
	time_t		 t;

	if ((bad = cred_field(p, end, *tag = "AccessKeyId", 16, 128,
	    &rc->access_key_id)) != NULL)
		return bad;
	if (!all_of(rc->access_key_id, strlen(rc->access_key_id), "_"))
		return "not [A-Za-z0-9_]";
	if ((bad = cred_field(p, end, *tag = "SecretAccessKey", 1,
	    AWS_MAX_FIELD_BYTES, &rc->secret_access_key)) != NULL ||
	    (bad = cred_field(p, end, *tag = "SessionToken", 1,
	    AWS_MAX_SESSION_TOKEN_BYTES, &rc->session_token)) != NULL ||
	    (bad = cred_field(p, end, *tag = "Expiration", 1, 64,
	    &exp)) != NULL) {
		free(exp);
		return bad;
	}
	if (util_parse_iso8601(exp, &t) == -1 || t <= 0)
		bad = "not an ISO-8601 time";
	rc->expiration = (long long)t;
	free(exp);
	return bad;
}

int
aws_parse_assume_role(const char *body, size_t len, int web_identity,
    struct aws_role_creds *rc, char **cause)
{
	const char	*op = web_identity ? OP_WEB : OP_ASSUME;
	const char	*res, *cred, *bad = "missing", *tag = "Credentials";
	char		 result[64];
	size_t		 resn, credn;
	int		 got;

	memset(rc, 0, sizeof(*rc));
	*cause = NULL;
	(void)snprintf(result, sizeof(result), "%sResult", op);
	if (body == NULL || !xml_element(body, len, result, &res, &resn))
		tag = result;
	else if (xml_element(res, resn, "Credentials", &cred, &credn) &&
	    (bad = role_creds_read(cred, cred + credn, rc, &tag)) == NULL) {
		tag = "AssumedRoleUser.Arn";
		if ((got = xml_element(res, resn, "AssumedRoleUser", &cred,
		    &credn) ? xml_child(cred, cred + credn, "Arn",
		    AWS_MAX_FIELD_BYTES, &rc->arn) : 0) == -1)
			bad = "not plain text";
		else if (got == 0)
			rc->arn = xstrdup("");
	}
	if (bad != NULL) {
		aws_role_creds_free(rc);
		*cause = xasprintf("%s: %s: %s", op, tag, bad);
		return -1;
	}
	return 0;
}

void
aws_role_creds_free(struct aws_role_creds *rc)
{
	if (rc == NULL)
		return;
	free(rc->access_key_id);
	free_secret(rc->secret_access_key);
	free_secret(rc->session_token);
	free(rc->arn);
	memset(rc, 0, sizeof(*rc));
}

void
aws_identity_free(struct aws_identity *id)
{
	if (id == NULL)
		return;
	free(id->account);
	free(id->arn);
	free(id->user_id);
	memset(id, 0, sizeof(*id));
}
