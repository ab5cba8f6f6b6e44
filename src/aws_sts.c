/*
 * aws_sts.c: STS GetCallerIdentity (awsQuery: form body in, XML out)
 * and the small bounded XML reader that STS replies and awsQuery errors
 * need.  See aws.h and aws-apis.md section 5.
 *
 * The reader is deliberately not an XML parser: it finds one element by
 * name inside another and decodes the five predefined entities and
 * character references.  It never follows DTDs or external entities (an
 * unknown entity is an error), which keeps XXE-style replies harmless.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "aws.h"
#include "aws_impl.h"
#include "util.h"

#define OP_IDENTITY	"GetCallerIdentity"
#define STS_CONTENT_TYPE "application/x-www-form-urlencoded; charset=utf-8"
#define STS_IDENTITY_BODY "Action=GetCallerIdentity&Version=2011-06-15"

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

/* Decode the text "s" ("n" bytes) into *out; -1 when it is not text. */
static int
xml_decode(const char *s, size_t n, char **out)
{
	struct buf	 b = BUF_INIT;
	const char	*semi;
	size_t		 i, m;
	long		 cp;

	*out = NULL;
	if (n > AWS_MAX_FIELD_BYTES || memchr(s, '<', n) != NULL ||
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
			buf_free(&b);
			return -1;
		}
		utf8_add(&b, cp);
		i = (size_t)(semi - s);
	}
	*out = buf_detach(&b);
	return 0;
}

int
aws_xml_text(const char *body, size_t len, const char *parent,
    const char *tag, char **out)
{
	const char	*end, *pin, *pend, *tin, *tend;
	int		 empty;

	*out = NULL;
	if (body == NULL)
		return 0;
	end = body + len;
	if (xml_find_open(body, end, parent, &pin, &empty) == NULL || empty ||
	    (pend = xml_find_close(pin, end, parent)) == NULL ||
	    xml_find_open(pin, pend, tag, &tin, &empty) == NULL)
		return 0;
	if (empty) {
		*out = xstrdup("");
		return 1;
	}
	if ((tend = xml_find_close(tin, pend, tag)) == NULL)
		return -1;
	return xml_decode(tin, (size_t)(tend - tin), out) == 0 ? 1 : -1;
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
