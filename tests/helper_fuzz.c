/*
 * helper_fuzz.c: the fuzz targets' entries and their invariants.  See
 * helper_fuzz.h; the record layouts are in fuzz/README.md.
 *
 * Bodies are copied into allocations of exactly their length, with no
 * NUL after them, so that a parser reading past "len" is caught by ASan.
 */
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "aws.h"
#include "aws_cloudwatch.h"
#include "change.h"
#include "creds.h"
#include "escape.h"
#include "ini.h"
#include "json.h"
#include "notify.h"
#include "playbook.h"
#include "regions.h"
#include "report.h"
#include "url.h"
#include "snapshot.h"
#include "util.h"

#include "helper_fuzz.h"

#define NITEMS(a)		(sizeof(a) / sizeof((a)[0]))
#define FUZZ_MAX_REGIONS	8	/* report regions from one record */
#define FUZZ_MAX_ROWS		16	/* changes or status rows, each */
#define FUZZ_MAX_CASES		4	/* changes also rendered as cases */
#define FUZZ_SECRET_MIN_BYTES	8	/* shorter secrets: not searched */

/* The input split at the first FUZZ_SEP. */
struct parts {
	const unsigned char	*a;	/* first part, or the whole input */
	size_t			 an;
	const unsigned char	*b;	/* second part; NULL if no FUZZ_SEP */
	size_t			 bn;
};

/* A record being read: single bytes and NUL-terminated fields. */
struct rec {
	const unsigned char	*p;	/* next unread byte */
	size_t			 left;	/* bytes not read yet */
	char			**pool;	/* strings handed out by rec_str() */
	size_t			 npool;
};

static int	fail(const char *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static FILE	*saved_stderr;		/* the real stderr while quiet */

/* Report a broken invariant of target "t" on fd 2; returns -1. */
static int
fail(const char *t, const char *fmt, ...)
{
	va_list	ap;

	dprintf(STDERR_FILENO, "fuzz: %s: ", t);
	va_start(ap, fmt);
	vdprintf(STDERR_FILENO, fmt, ap);
	va_end(ap);
	dprintf(STDERR_FILENO, "\n");
	return -1;
}

void
fuzz_quiet(int on)
{
	FILE	*null;

	if (on && saved_stderr == NULL) {
		if ((null = fopen("/dev/null", "w")) == NULL)
			return;
		saved_stderr = stderr;
		stderr = null;
	} else if (!on && saved_stderr != NULL) {
		(void)fclose(stderr);
		stderr = saved_stderr;
		saved_stderr = NULL;
	}
}

/* "n" bytes of "d" in an allocation of exactly "n" bytes (no NUL). */
static char *
copy_exact(const unsigned char *d, size_t n)
{
	char	*p = xmalloc(n);

	if (n > 0)
		memcpy(p, d, n);
	return p;
}

/* "d" as a C string: up to its first NUL or "n" bytes.  Caller frees. */
static char *
copy_str(const unsigned char *d, size_t n)
{
	return n > 0 ? xstrndup((const char *)d, n) : xstrdup("");
}

static void
split(const unsigned char *d, size_t n, struct parts *p)
{
	const size_t		 sl = sizeof(FUZZ_SEP) - 1;
	const unsigned char	*sep = NULL;

	if (n >= sl)
		sep = memmem(d, n, FUZZ_SEP, sl);
	p->a = d;
	p->an = sep != NULL ? (size_t)(sep - d) : n;
	p->b = sep != NULL ? sep + sl : NULL;
	p->bn = sep != NULL ? n - p->an - sl : 0;
}

/*
 * Is "s" a row key as aws_json_key() promises one: exact, so without a
 * control character or the U+FFFD json_parse() stores for a NUL?
 */
static int
key_ok(const char *s)
{
	size_t	n, i;

	if (s == NULL || (n = strlen(s)) == 0 || n > AWS_MAX_ID_BYTES ||
	    strstr(s, "\xef\xbf\xbd") != NULL)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

/*
 * Is "s" a text field: not NULL, at most AWS_MAX_FIELD_BYTES, and without
 * the U+FFFF that json_parse() marks a NUL or lone surrogate with (it
 * stores U+FFFD)?
 */
static int
text_ok(const char *s)
{
	return s != NULL && strlen(s) <= AWS_MAX_FIELD_BYTES &&
	    strstr(s, "\xef\xbf\xbf") == NULL;
}

/*
 * Text from an XML reply (STS): not NULL and at most AWS_MAX_FIELD_BYTES.
 * The U+FFFF mark is json_parse()'s; the XML reader passes text as sent.
 */
static int
xml_text_ok(const char *s)
{
	return s != NULL && strlen(s) <= AWS_MAX_FIELD_BYTES;
}

/* Optional text: absent (NULL) or within the ceiling. */
static int
opt_text_ok(const char *s)
{
	return s == NULL || text_ok(s);
}

/* An optional time: absent (NULL) or UTC as util_iso8601() writes it. */
static int
opt_time_ok(const char *s)
{
	time_t	tt;

	return s == NULL || (strlen(s) == UTIL_ISO8601_LEN - 1 &&
	    util_parse_iso8601(s, &tt) == 0);
}

/* Is "s" a ','-joined list, sorted, without duplicates or empty items? */
static int
joined_ok(const char *s)
{
	const char	*prev = NULL, *p, *end;
	size_t		 n, pn = 0;
	int		 c;

	if (s == NULL)
		return 0;
	for (p = s; *p != '\0'; p = *end == ',' ? end + 1 : end) {
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		if ((n = (size_t)(end - p)) == 0)
			return 0;
		if (prev != NULL) {
			c = memcmp(prev, p, pn < n ? pn : n);
			if (c > 0 || (c == 0 && pn >= n))
				return 0;
		}
		prev = p;
		pn = n;
	}
	return *s == '\0' || s[strlen(s) - 1] != ',';
}

/* Is "v" a quota value the parsers may accept? */
static int
value_ok(double v)
{
	return v >= 0 && v <= AWS_MAX_QUOTA_VALUE;
}

/* A failed parse must leave its token NULL; a good one a usable one. */
static int
token_ok(const char *tok)
{
	size_t	i, n;

	if (tok == NULL)
		return 1;
	if ((n = strlen(tok)) == 0 || n > AWS_MAX_TOKEN_BYTES)
		return 0;
	for (i = 0; i < n; i++)
		if (tok[i] <= 0x20 || tok[i] > 0x7e)
			return 0;
	return 1;
}

/* --------------------------------------------------- AWS API replies */

/*
 * Does the reason a parser left in "cause" keep the contract of aws.h
 * for a result "r"?  After a failure: "<op>: ...", shorter than
 * JSON_CAUSE_BYTES.  It is raw text (AWS's bytes as they came; every
 * output escapes it once), so control characters may be in it.  After
 * a success: none.  Frees "cause".
 */
static int
cause_ok(const char *t, const char *op, int r, char *cause)
{
	size_t			 n = strlen(op);
	int			 rc = 0;

	if (r == 0 && cause != NULL)
		rc = fail(t, "a parse that worked left a cause");
	else if (r == -1 && cause == NULL)
		rc = fail(t, "a failed parse left no cause");
	else if (r == -1 && (strncmp(cause, op, n) != 0 ||
	    strncmp(cause + n, ": ", 2) != 0 ||
	    strlen(cause) >= JSON_CAUSE_BYTES))
		rc = fail(t, "cause does not name %s or is too long", op);
	free(cause);
	return rc;
}

int
fuzz_aws_models(const unsigned char *data, size_t size)
{
	const char	*t = "aws_models", *op = "ListFoundationModels";
	struct snapshot	 s;
	const struct model *m;
	char		*body, *cause = NULL;
	size_t		 i, n;
	int		 rc = 0, r;

	memset(&s, 0, sizeof(s));
	body = copy_exact(data, size);
	r = aws_parse_foundation_models(body, size, &s, &cause);
	if ((rc = cause_ok(t, op, r, cause)) == -1 || r == -1) {
		if (r == -1 && s.modelsz != 0)
			rc = fail(t, "failed parse left %zu rows", s.modelsz);
		goto out;
	}
	if (s.modelsz > AWS_MAX_MODELS_PER_REGION)
		rc = fail(t, "%zu models", s.modelsz);
	for (i = 0; rc == 0 && i < s.modelsz; i++) {
		m = &s.models[i];
		if (!key_ok(m->model_id) || !text_ok(m->model_name) ||
		    !text_ok(m->provider) || !text_ok(m->lifecycle) ||
		    !joined_ok(m->inference_types) ||
		    m->authorization != NULL || m->entitlement != NULL ||
		    m->agreement != NULL || m->region_availability != NULL ||
		    m->agreement_message != NULL ||
		    !opt_time_ok(m->start_of_life) ||
		    !opt_time_ok(m->legacy_time) ||
		    !opt_time_ok(m->extended_access) ||
		    !opt_time_ok(m->end_of_life))
			rc = fail(t, "model %zu breaks the row contract", i);
	}
	n = s.modelsz;
	cause = NULL;
	if (rc == 0 && n > 0 &&
	    (aws_parse_foundation_models(body, size, &s, &cause) != -1 ||
	    s.modelsz != n || cause == NULL ||
	    strstr(cause, ": duplicate modelId ") == NULL))
		rc = fail(t, "the same reply twice did not fail as duplicates");
	free(cause);
out:
	snapshot_free(&s);
	free(body);
	return rc;
}

static void
model_access_free(struct model *m)
{
	snapshot_str_free(m->authorization);
	snapshot_str_free(m->entitlement);
	snapshot_str_free(m->agreement);
	snapshot_str_free(m->region_availability);
	free(m->agreement_message);
	m->authorization = m->entitlement = NULL;
	m->agreement = m->region_availability = NULL;
	m->agreement_message = NULL;
}

/* Input: model ID FUZZ_SEP reply, or a reply for a fixed model. */
int
fuzz_aws_availability(const unsigned char *data, size_t size)
{
	const char	*t = "aws_availability";
	struct parts	 p;
	struct model	 m;
	char		*body, *cause = NULL;
	size_t		 len;
	int		 rc = 0, r;

	split(data, size, &p);
	memset(&m, 0, sizeof(m));
	if (p.b == NULL) {
		m.model_id = xstrdup("anthropic.claude-3-haiku-20240307-v1:0");
		body = copy_exact(p.a, len = p.an);
	} else {
		m.model_id = copy_str(p.a, p.an);
		body = copy_exact(p.b, len = p.bn);
	}
	r = aws_parse_model_availability(body, len, &m, &cause);
	if (cause_ok(t, "GetFoundationModelAvailability", r, cause) == -1)
		rc = -1;
	else if (r == -1 && (m.authorization != NULL || m.entitlement != NULL ||
	    m.agreement != NULL || m.region_availability != NULL ||
	    m.agreement_message != NULL))
		rc = fail(t, "failed parse changed the model");
	else if (r == 0 && (!text_ok(m.authorization) ||
	    !text_ok(m.entitlement) || !text_ok(m.agreement) ||
	    !text_ok(m.region_availability) ||
	    !opt_text_ok(m.agreement_message)))
		rc = fail(t, "access fields break the contract");
	else if (r == 0 &&
	    aws_parse_model_availability(body, len, &m, NULL) != 0)
		rc = fail(t, "the same reply parsed once, then failed");
	model_access_free(&m);
	free(m.model_id);
	free(body);
	return rc;
}

int
fuzz_aws_profiles(const unsigned char *data, size_t size)
{
	const char		*t = "aws_profiles";
	struct snapshot		 s;
	struct aws_request	 req;
	const struct profile	*pr;
	char			*body, *tok = NULL, *cause = NULL;
	size_t			 i;
	int			 rc = 0, r;

	memset(&s, 0, sizeof(s));
	memset(&req, 0, sizeof(req));
	body = copy_exact(data, size);
	r = aws_parse_inference_profiles(body, size, &s, &tok, &cause);
	if ((rc = cause_ok(t, "ListInferenceProfiles", r, cause)) == -1 ||
	    r == -1) {
		if (r == -1 && (s.profilesz != 0 || tok != NULL))
			rc = fail(t, "failed parse left rows or a token");
		goto out;
	}
	if (!token_ok(tok) ||
	    aws_req_list_inference_profiles(&req, NULL, tok) != 0)
		rc = fail(t, "NextToken accepted, but unusable");
	if (s.profilesz > AWS_MAX_PROFILES_PER_REGION)
		rc = fail(t, "%zu profiles", s.profilesz);
	for (i = 0; rc == 0 && i < s.profilesz; i++) {
		pr = &s.profiles[i];
		if (!key_ok(pr->profile_id) || !text_ok(pr->profile_name) ||
		    !text_ok(pr->profile_type) || !text_ok(pr->status) ||
		    !joined_ok(pr->model_ids) || !joined_ok(pr->regions))
			rc = fail(t, "profile %zu breaks the row contract", i);
	}
out:
	aws_request_free(&req);
	snapshot_free(&s);
	free(tok);
	free(body);
	return rc;
}

/* Check the rows of one quota list, filled with "defaults". */
static int
quotas_ok(const char *t, const struct snapshot *s, int defaults)
{
	const struct quota	*q;
	size_t			 i;

	if (s->quotasz > AWS_MAX_QUOTAS_PER_REGION)
		return fail(t, "%zu quotas", s->quotasz);
	for (i = 0; i < s->quotasz; i++) {
		q = &s->quotas[i];
		if (!key_ok(q->quota_code) || !text_ok(q->quota_name) ||
		    !text_ok(q->unit) || (q->adjustable & ~1) != 0 ||
		    (q->global_quota & ~1) != 0 || !text_ok(q->level) ||
		    *q->level == '\0' || !text_ok(q->context_scope) ||
		    !text_ok(q->context_id) || !opt_text_ok(q->period_unit) ||
		    !opt_text_ok(q->error_code) ||
		    !opt_text_ok(q->error_message) ||
		    (q->error_message != NULL && q->error_code == NULL))
			return fail(t, "quota %zu breaks the row contract", i);
		if ((q->has_period & ~1) != 0 || (q->has_period &&
		    (q->period_value < 0 || q->period_value >
		    AWS_MAX_PERIOD_VALUE || q->period_value !=
		    (double)(long long)q->period_value)))
			return fail(t, "quota %zu: period out of range", i);
		if (defaults ? q->has_applied : q->has_default)
			return fail(t, "quota %zu: value in the wrong column",
			    i);
		if ((q->has_applied && !value_ok(q->applied_value)) ||
		    (q->has_default && !value_ok(q->default_value)))
			return fail(t, "quota %zu: value out of range", i);
	}
	return 0;
}

/* Parse one list; 0 whether or not it parsed, -1 if a contract broke. */
static int
parse_quotas(const char *t, const char *body, size_t len,
    struct snapshot *s, int defaults)
{
	struct aws_request	 req;
	char			*tok = NULL, *cause = NULL;
	int			 rc = 0, r;

	memset(&req, 0, sizeof(req));
	r = aws_parse_service_quotas(body, len, s, defaults, &tok, &cause);
	if (cause_ok(t, defaults ? "ListAWSDefaultServiceQuotas" :
	    "ListServiceQuotas", r, cause) == -1)
		rc = -1;
	else if (r == -1) {
		if (s->quotasz != 0 || tok != NULL)
			rc = fail(t, "failed parse left rows or a token");
	} else if (!token_ok(tok) || (defaults ?
	    aws_req_list_default_quotas(&req, tok) :
	    aws_req_list_service_quotas(&req, tok)) != 0)
		rc = fail(t, "NextToken accepted, but unusable");
	else
		rc = quotas_ok(t, s, defaults);
	aws_request_free(&req);
	free(tok);
	return rc;
}

/* One value a list reported, to find again after the merge. */
struct seen {
	struct quota	 key;	/* owned copies of the four key parts */
	int		 defaults;	/* 1 if from the default list */
	int		 has;		/* has_applied or has_default */
	double		 value;
};

static void
remember(struct seen *v, size_t *n, const struct snapshot *s, int defaults)
{
	size_t	i;

	for (i = 0; i < s->quotasz; i++, (*n)++) {
		memset(&v[*n].key, 0, sizeof(v[*n].key));
		v[*n].key.quota_code = xstrdup(s->quotas[i].quota_code);
		v[*n].key.level = xstrdup(s->quotas[i].level);
		v[*n].key.context_scope = xstrdup(s->quotas[i].context_scope);
		v[*n].key.context_id = xstrdup(s->quotas[i].context_id);
		v[*n].defaults = defaults;
		v[*n].has = defaults ? s->quotas[i].has_default :
		    s->quotas[i].has_applied;
		v[*n].value = defaults ? s->quotas[i].default_value :
		    s->quotas[i].applied_value;
	}
}

/*
 * Is every value of "v" in merged "ap", in its own column only?  An
 * applied value stays in the row of its key; a default row's value is in
 * the row of its key when there is one, and its code has a row anyway.
 */
static int
merged_ok(const char *t, const struct snapshot *ap, const struct seen *v,
    size_t n)
{
	const struct quota	*q;
	size_t			 i;

	for (i = 1; i < ap->quotasz; i++)
		if (snapshot_quota_cmp(&ap->quotas[i - 1], &ap->quotas[i]) >= 0)
			return fail(t, "merged list not sorted or not unique");
	for (i = 0; i < n; i++) {
		q = ap->quotasz == 0 ? NULL : bsearch(&v[i].key, ap->quotas,
		    ap->quotasz, sizeof(*q), snapshot_quota_cmp);
		if (q == NULL && (!v[i].defaults ||
		    snapshot_find_quota(ap, v[i].key.quota_code) == NULL))
			return fail(t, "quota %zu lost in the merge", i);
		if (q != NULL && (v[i].defaults ? (q->has_default != v[i].has ||
		    (v[i].has && q->default_value != v[i].value)) :
		    (q->has_applied != v[i].has ||
		    (v[i].has && q->applied_value != v[i].value))))
			return fail(t, "quota %zu: value moved in the merge",
			    i);
	}
	return 0;
}

/*
 * Input: applied list FUZZ_SEP default list, or one reply read both
 * ways; then the two are merged.
 */
int
fuzz_aws_quotas(const unsigned char *data, size_t size)
{
	const char	*t = "aws_quotas";
	struct snapshot	 ap, df;
	struct parts	 p;
	struct seen	*v = NULL;
	char		*a, *b;
	size_t		 n = 0, an, i;
	int		 rc = -1;

	memset(&ap, 0, sizeof(ap));
	memset(&df, 0, sizeof(df));
	split(data, size, &p);
	a = copy_exact(p.a, p.an);
	b = p.b != NULL ? copy_exact(p.b, p.bn) : copy_exact(p.a, p.an);
	if (parse_quotas(t, a, p.an, &ap, 0) == -1 ||
	    parse_quotas(t, b, p.b != NULL ? p.bn : p.an, &df, 1) == -1)
		goto out;
	v = xreallocarray(NULL, ap.quotasz + df.quotasz + 1, sizeof(*v));
	remember(v, &n, &ap, 0);
	remember(v, &n, &df, 1);
	an = ap.quotasz;
	if (aws_merge_quotas(&ap, &df) == -1)
		rc = fail(t, "merge of two parsed lists failed");
	else if (df.quotasz != 0 || df.quotas != NULL)
		rc = fail(t, "merge left rows in the default list");
	else if (ap.quotasz < an || ap.quotasz > n)
		rc = fail(t, "merge made %zu rows of %zu", ap.quotasz, n);
	else
		rc = merged_ok(t, &ap, v, n);
out:
	for (i = 0; i < n; i++) {
		free(v[i].key.quota_code);
		free(v[i].key.level);
		free(v[i].key.context_scope);
		free(v[i].key.context_id);
	}
	free(v);
	snapshot_free(&ap);
	snapshot_free(&df);
	free(a);
	free(b);
	return rc;
}

/* Is "s" "" or a UTC time as util_iso8601() writes one? */
static int
time_ok(const char *s)
{
	time_t	tt;

	return s != NULL && (*s == '\0' || (strlen(s) ==
	    UTIL_ISO8601_LEN - 1 && util_parse_iso8601(s, &tt) == 0));
}

int
fuzz_aws_history(const unsigned char *data, size_t size)
{
	const char		*t = "aws_history";
	struct snapshot		 s;
	struct aws_request	 req;
	const struct qrequest	*q;
	char			*body, *tok = NULL, *cause = NULL;
	size_t			 i;
	int			 rc = 0, r;

	memset(&s, 0, sizeof(s));
	memset(&req, 0, sizeof(req));
	body = copy_exact(data, size);
	r = aws_parse_quota_history(body, size, &s, &tok, &cause);
	if ((rc = cause_ok(t, "ListRequestedServiceQuotaChangeHistory", r,
	    cause)) == -1 || r == -1) {
		if (r == -1 && (s.requestsz != 0 || tok != NULL))
			rc = fail(t, "failed parse left rows or a token");
		goto out;
	}
	if (!token_ok(tok) || aws_req_list_quota_history(&req, tok) != 0)
		rc = fail(t, "NextToken accepted, but unusable");
	if (s.requestsz > AWS_MAX_REQUESTS_PER_REGION)
		rc = fail(t, "%zu requests", s.requestsz);
	for (i = 0; rc == 0 && i < s.requestsz; i++) {
		q = &s.requests[i];
		if (!key_ok(q->request_id) || !text_ok(q->quota_code) ||
		    !text_ok(q->quota_name) || !text_ok(q->status) ||
		    !text_ok(q->case_id) || !value_ok(q->desired_value) ||
		    (q->has_desired & ~1) != 0 ||
		    (!q->has_desired && q->desired_value != 0) ||
		    !time_ok(q->created) || !time_ok(q->last_updated) ||
		    !opt_text_ok(q->request_type) || !opt_text_ok(q->level) ||
		    !opt_text_ok(q->requester))
			rc = fail(t, "request %zu breaks the row contract", i);
	}
out:
	aws_request_free(&req);
	snapshot_free(&s);
	free(tok);
	free(body);
	return rc;
}

int
fuzz_aws_identity(const unsigned char *data, size_t size)
{
	const char		*t = "aws_identity";
	struct aws_identity	 id;
	char			*body;
	int			 rc = 0;

	memset(&id, 0, sizeof(id));
	body = copy_exact(data, size);
	if (aws_parse_caller_identity(body, size, &id) == -1) {
		if (id.account != NULL || id.arn != NULL || id.user_id != NULL)
			rc = fail(t, "failed parse left fields set");
	} else if (id.account == NULL || strlen(id.account) != 12 ||
	    strspn(id.account, "0123456789") != 12)
		rc = fail(t, "Account is not 12 digits");
	else if (id.arn == NULL || strncmp(id.arn, "arn:", 4) != 0 ||
	    !xml_text_ok(id.arn) || !xml_text_ok(id.user_id))
		rc = fail(t, "Arn or UserId breaks the contract");
	aws_identity_free(&id);
	free(body);
	return rc;
}

/* Input: one ListRegions page, parsed onto a list that has one region. */
int
fuzz_aws_regions(const unsigned char *data, size_t size)
{
	const char		*t = "aws_regions";
	struct aws_regions	 r = { NULL, 0 };
	struct aws_request	 req;
	char			*body, *tok = NULL, *cause = NULL;
	size_t			 i, j;
	int			 rc = 0, res;

	memset(&req, 0, sizeof(req));
	r.names = xcalloc(1, sizeof(*r.names));
	r.names[0] = xstrdup("us-east-1");
	r.n = 1;
	body = copy_exact(data, size);
	res = aws_parse_regions(body, size, &r, &tok, &cause);
	if ((rc = cause_ok(t, "ListRegions", res, cause)) == -1 || res == -1) {
		if (res == -1 && (r.n != 1 || tok != NULL))
			rc = fail(t, "failed parse changed the list or left "
			    "a token");
		goto out;
	}
	if (!token_ok(tok) || aws_req_list_regions(&req, tok) != 0)
		rc = fail(t, "NextToken accepted, but unusable");
	if (r.n > AWS_MAX_ACCOUNT_REGIONS || strcmp(r.names[0],
	    "us-east-1") != 0)
		rc = fail(t, "%zu regions, first %s", r.n, r.names[0]);
	for (i = 0; rc == 0 && i < r.n; i++) {
		if (!aws_region_valid(r.names[i]))
			rc = fail(t, "region %zu is not a region name", i);
		for (j = 0; rc == 0 && j < i; j++)
			if (strcmp(r.names[i], r.names[j]) == 0)
				rc = fail(t, "region %s twice", r.names[i]);
	}
out:
	aws_request_free(&req);
	aws_regions_free(&r);
	free(tok);
	free(body);
	return rc;
}

/*
 * Input: one Organizations ListAccounts page, parsed onto a list that
 * has one account: a failed page leaves the list as it was; each account
 * appended has 12 digits and an upper-case status, ACTIVE exactly when
 * "active" says so; the token builds the next request.
 */
int
fuzz_aws_org_accounts(const unsigned char *data, size_t size)
{
	const char		*t = "aws_org_accounts";
	struct aws_org_accounts	 a = { NULL, 0 };
	struct aws_request	 req;
	char			*body, *tok = NULL, *cause = NULL, *c2 = NULL;
	size_t			 i;
	int			 rc = 0, res;

	memset(&req, 0, sizeof(req));
	a.v = xcalloc(1, sizeof(*a.v));
	memcpy(a.v[0].id, "123456789012", 13);
	a.v[0].status = xstrdup("ACTIVE");
	a.v[0].active = 1;
	a.n = 1;
	body = copy_exact(data, size);
	res = aws_parse_org_accounts(body, size, &a, &tok, &cause);
	if ((rc = cause_ok(t, "ListAccounts", res, cause)) == -1 ||
	    res == -1) {
		if (res == -1 && (a.n != 1 || tok != NULL))
			rc = fail(t, "failed parse changed the list or left "
			    "a token");
		goto out;
	}
	if (!token_ok(tok) || aws_req_list_org_accounts(&req, NULL, tok,
	    &c2) != 0)
		rc = fail(t, "NextToken accepted, but unusable");
	if (a.n > AWS_MAX_ORG_ACCOUNTS + 1 ||
	    strcmp(a.v[0].id, "123456789012") != 0)
		rc = fail(t, "%zu accounts, first %s", a.n, a.v[0].id);
	for (i = 0; rc == 0 && i < a.n; i++) {
		if (strlen(a.v[i].id) != 12 ||
		    strspn(a.v[i].id, "0123456789") != 12)
			rc = fail(t, "account %zu is not 12 digits", i);
		else if (*a.v[i].status == '\0' || strspn(a.v[i].status,
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") != strlen(a.v[i].status))
			rc = fail(t, "account %zu: status breaks the contract",
			    i);
		else if (a.v[i].active != (strcmp(a.v[i].status,
		    "ACTIVE") == 0))
			rc = fail(t, "account %zu: active disagrees", i);
	}
out:
	aws_request_free(&req);
	aws_org_accounts_free(&a);
	free(c2);
	free(tok);
	free(body);
	return rc;
}

/* Input: x-amzn-ErrorType value FUZZ_SEP body, or a body alone. */
int
fuzz_aws_error(const unsigned char *data, size_t size)
{
	const char	*t = "aws_error";
	struct parts	 p;
	char		*hdr = NULL, *body, *code, *msg, *c;
	size_t		 len;
	int		 rc = 0;

	split(data, size, &p);
	if (p.b != NULL) {
		hdr = copy_str(p.a, p.an);
		body = copy_exact(p.b, len = p.bn);
	} else
		body = copy_exact(p.a, len = p.an);
	aws_parse_error(hdr, body, len, &code, &msg);
	if (code != NULL && (*code == '\0' ||
	    strlen(code) > AWS_MAX_ERROR_CODE_BYTES ||
	    strpbrk(code, ":,#") != NULL))
		rc = fail(t, "error code breaks the contract");
	for (c = code; rc == 0 && c != NULL && *c != '\0'; c++)
		if (*c <= 0x20 || *c >= 0x7f)
			rc = fail(t, "error code holds a blank or control");
	if (msg != NULL && (*msg == '\0' ||
	    strlen(msg) > AWS_MAX_FIELD_BYTES + strlen(ESCAPE_ELLIPSIS)))
		rc = fail(t, "error message breaks the contract");
	free(code);
	free(msg);
	free(hdr);
	free(body);
	return rc;
}

/* ------------------------------------------------ files and the chain */

/* Is "v" (from section "sec") a value ini_get() may return? */
static int
ini_value_ok(const struct ini *ini, const char *sec, const char *v)
{
	size_t	n;

	if (v == NULL)
		return 1;
	n = strlen(v);
	return ini_has_section(ini, sec) && n <= INI_MAX_BYTES &&
	    (n == 0 || (v[0] != ' ' && v[0] != '\t' && v[n - 1] != ' ' &&
	    v[n - 1] != '\t'));
}

int
fuzz_ini(const unsigned char *data, size_t size)
{
	static const char *const secs[] = { "default", "profile default",
	    "profile x", "x", "sso-session x", "services x", "profile a b" };
	static const char *const keys[] = { "region", "aws_access_key_id",
	    "aws_secret_access_key", "credential_process", "bedrock",
	    "endpoint_url", "services", "x" };
	const char	*t = "ini";
	struct ini	*ini;
	char		*text;
	size_t		 i, j;
	int		 rc = 0;

	text = copy_exact(data, size);
	if ((ini = ini_parse(text, size, "fuzz")) == NULL)
		goto out;
	if (ini_nsections(ini) > INI_MAX_SECTIONS)
		rc = fail(t, "%zu sections", ini_nsections(ini));
	for (i = 0; rc == 0 && i < NITEMS(secs); i++)
		for (j = 0; rc == 0 && j < NITEMS(keys); j++)
			if (!ini_value_ok(ini, secs[i],
			    ini_get(ini, secs[i], keys[j])) ||
			    !ini_value_ok(ini, secs[i], ini_get_sub(ini,
			    secs[i], "bedrock", keys[j])) ||
			    !ini_value_ok(ini, secs[i], ini_get_sub(ini,
			    secs[i], keys[j], "endpoint_url")))
				rc = fail(t, "value of %s in %s breaks the "
				    "contract", keys[j], secs[i]);
out:
	ini_free(ini);
	free(text);
	return rc;
}

/* Is "s" a key or token as creds.h promises: printable, no blanks? */
static int
cred_field_ok(const char *s)
{
	size_t	n, i;

	if (s == NULL || (n = strlen(s)) == 0 || n > CREDS_MAX_FIELD_BYTES)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] <= 0x20 || s[i] >= 0x7f)
			return 0;
	return 1;
}

/* Could "s" be a secret that no fixed message text contains? */
static int
secret_like(const char *s)
{
	return strlen(s) >= FUZZ_SECRET_MIN_BYTES &&
	    strpbrk(s, " \t\n") == NULL && strpbrk(s, "0123456789") &&
	    strpbrk(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") &&
	    strpbrk(s, "abcdefghijklmnopqrstuvwxyz");
}

/*
 * Does "text" contain a secret-like member of object "o" or of the
 * objects in it (SSO nests the keys in "roleCredentials")?
 */
static int
leaks_member(const cJSON *o, const char *text, int depth)
{
	static const char *const secret_keys[] = { "SecretAccessKey",
	    "SessionToken", "Token" };
	const cJSON	*e;
	size_t		 i;
	int		 leak = 0;

	cJSON_ArrayForEach(e, o) {
		if (cJSON_IsObject(e) && depth < 2)
			leak |= leaks_member(e, text, depth + 1);
		for (i = 0; i < NITEMS(secret_keys); i++)
			if (e->string != NULL && cJSON_IsString(e) &&
			    strcasecmp(e->string, secret_keys[i]) == 0 &&
			    secret_like(e->valuestring) &&
			    strstr(text, e->valuestring) != NULL)
				leak = 1;
	}
	return leak;
}

/* Does "text" contain any secret-like member of the document? */
static int
leaks_secret(const char *doc, size_t len, const char *text)
{
	cJSON	*root;
	int	 leak;

	if (text == NULL || (root = cJSON_ParseWithLength(doc, len)) == NULL)
		return 0;
	leak = leaks_member(root, text, 0);
	cJSON_Delete(root);
	return leak;
}

static int
creds_target(const char *t, enum creds_source src, const unsigned char *data,
    size_t size)
{
	struct creds	 c;
	char		*doc, *why = NULL;
	int		 rc = 0;

	doc = copy_exact(data, size);
	if (creds_parse_document(src, doc, size, &c, &why) == -1) {
		if (why == NULL || *why == '\0' || c.access_key_id != NULL ||
		    c.secret_access_key != NULL || c.session_token != NULL)
			rc = fail(t, "failure without a reason, or with keys");
		else if (leaks_secret(doc, size, why))
			rc = fail(t, "the reason shows a secret");
	} else if (why != NULL || !cred_field_ok(c.access_key_id) ||
	    !cred_field_ok(c.secret_access_key) ||
	    (c.session_token != NULL && !cred_field_ok(c.session_token)) ||
	    c.source != src || c.source_detail == NULL || c.expiration < 0)
		rc = fail(t, "credentials break the contract");
	else if (src == CREDS_SOURCE_IMDS &&
	    (c.session_token == NULL || c.expiration == 0))
		rc = fail(t, "IMDS credentials without token or expiry");
	else if (leaks_secret(doc, size, c.source_detail))
		rc = fail(t, "the source detail shows a secret");
	creds_clear(&c);
	free(why);
	free(doc);
	return rc;
}

int
fuzz_creds_process(const unsigned char *data, size_t size)
{
	return creds_target("creds_process", CREDS_SOURCE_PROCESS, data,
	    size);
}

int
fuzz_creds_container(const unsigned char *data, size_t size)
{
	return creds_target("creds_container", CREDS_SOURCE_CONTAINER, data,
	    size);
}

int
fuzz_creds_imds(const unsigned char *data, size_t size)
{
	return creds_target("creds_imds", CREDS_SOURCE_IMDS, data, size);
}

int
fuzz_creds_sso(const unsigned char *data, size_t size)
{
	return creds_target("creds_sso", CREDS_SOURCE_SSO, data, size);
}

/*
 * The raw text between <tag> and </tag> in "body", if it could be a
 * secret no fixed message contains; else NULL.  Caller frees.
 */
static char *
xml_secret(const char *body, size_t len, const char *tag)
{
	char		 open[40], close[40];
	const char	*a, *b;
	char		*s;

	(void)snprintf(open, sizeof(open), "<%s>", tag);
	(void)snprintf(close, sizeof(close), "</%s>", tag);
	if ((a = memmem(body, len, open, strlen(open))) == NULL)
		return NULL;
	a += strlen(open);
	if ((b = memmem(a, len - (size_t)(a - body), close,
	    strlen(close))) == NULL)
		return NULL;
	s = xstrndup(a, (size_t)(b - a));
	if (!secret_like(s)) {
		free(s);
		return NULL;
	}
	return s;
}

/* Is an STS access key ID as aws.h promises: 16..128 of [A-Za-z0-9_]? */
static int
sts_akid_ok(const char *s)
{
	size_t	n;

	return s != NULL && (n = strlen(s)) >= 16 && n <= 128 &&
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_") == n;
}

/* One reading of an AssumeRole(WithWebIdentity) reply. */
static int
assume_role_once(const char *t, const char *body, size_t size, int web)
{
	struct aws_role_creds	 rc;
	char			*cause = NULL, *sec, *tok;
	int			 rc_ = 0;

	sec = xml_secret(body, size, "SecretAccessKey");
	tok = xml_secret(body, size, "SessionToken");
	if (aws_parse_assume_role(body, size, web, &rc, &cause) == -1) {
		if (cause == NULL || *cause == '\0' ||
		    rc.access_key_id != NULL || rc.secret_access_key != NULL ||
		    rc.session_token != NULL || rc.arn != NULL)
			rc_ = fail(t, "failure without a cause, or with fields");
		else if ((sec != NULL && strstr(cause, sec) != NULL) ||
		    (tok != NULL && strstr(cause, tok) != NULL))
			rc_ = fail(t, "the cause shows a secret");
	} else if (cause != NULL || !sts_akid_ok(rc.access_key_id) ||
	    !cred_field_ok(rc.secret_access_key) ||
	    strlen(rc.secret_access_key) > AWS_MAX_FIELD_BYTES ||
	    !cred_field_ok(rc.session_token) ||
	    strlen(rc.session_token) > AWS_MAX_SESSION_TOKEN_BYTES ||
	    rc.expiration <= 0 || !xml_text_ok(rc.arn))
		rc_ = fail(t, "credentials break the contract");
	aws_role_creds_free(&rc);
	free(cause);
	free(sec);
	free(tok);
	return rc_;
}

/* Input: an STS reply body, read as both operations' replies. */
int
fuzz_aws_assume_role(const unsigned char *data, size_t size)
{
	const char	*t = "aws_assume_role";
	char		*body;
	int		 rc;

	body = copy_exact(data, size);
	rc = assume_role_once(t, body, size, 0);
	if (rc == 0)
		rc = assume_role_once(t, body, size, 1);
	free(body);
	return rc;
}

/* ------------------------------------------- command-line arguments */

/*
 * Reference reading of "s" as [+-]digits: 0 with *v, *over (beyond the
 * long long range) and *neg set, or -1 when "s" is not of that form.
 */
static int
decimal(const char *s, unsigned long long *v, int *over, int *neg)
{
	const unsigned long long lim = (unsigned long long)LLONG_MAX + 1;

	*v = 0;
	*over = 0;
	*neg = *s == '-';
	if (*s == '+' || *s == '-')
		s++;
	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (*v > (lim - (unsigned long long)(*s - '0')) / 10)
			*over = 1;
		else
			*v = *v * 10 + (unsigned long long)(*s - '0');
	}
	if (!*neg && *v == lim)
		*over = 1;
	return 0;
}

/* What parse_num(s, min, max) must answer: NULL and *want, or an error. */
static const char *
num_expect(const char *s, long long min, long long max, long long *want)
{
	unsigned long long	 mag;
	int			 over, neg;

	*want = 0;
	if (min > max || decimal(s, &mag, &over, &neg) == -1)
		return "invalid";
	if (over)
		return neg ? "too small" : "too large";
	if (neg)
		*want = mag == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN :
		    -(long long)mag;
	else
		*want = (long long)mag;
	if (*want < min)
		return "too small";
	return *want > max ? "too large" : NULL;
}

int
fuzz_num(const unsigned char *data, size_t size)
{
	static const long long ranges[][2] = { { LLONG_MIN, LLONG_MAX },
	    { 0, LLONG_MAX }, { 1, 65535 }, { -5, 5 }, { 10, 1 } };
	const char	*t = "num", *err, *want_err;
	char		*s;
	long long	 v, want;
	size_t		 i;
	int		 rc = 0;

	s = copy_str(data, size);
	for (i = 0; rc == 0 && i < NITEMS(ranges); i++) {
		v = parse_num(s, ranges[i][0], ranges[i][1], &err);
		want_err = num_expect(s, ranges[i][0], ranges[i][1], &want);
		if ((err == NULL) != (want_err == NULL) ||
		    (err != NULL && strcmp(err, want_err) != 0) ||
		    (err == NULL && v != want) || (err != NULL && v != 0))
			rc = fail(t, "range %zu: got %lld (%s), want %lld "
			    "(%s)", i, v, err ? err : "ok", want,
			    want_err ? want_err : "ok");
	}
	free(s);
	return rc;
}

/* The seconds a duration suffix stands for; 1 for a digit; 0 if bad. */
static long long
duration_unit(const char *s)
{
	size_t	n = strlen(s);

	if (n == 0)
		return 0;
	switch (s[n - 1]) {
	case 's': return 1;
	case 'm': return 60;
	case 'h': return 3600;
	case 'd': return 86400;
	default:
		return s[n - 1] >= '0' && s[n - 1] <= '9' ? 1 : 0;
	}
}

int
fuzz_duration(const unsigned char *data, size_t size)
{
	static const long long maxes[] = { LLONG_MAX, 365LL * 86400, 59, 0 };
	const char	*t = "duration", *err, *want_err;
	char		*s, *num;
	long long	 v, unit, want;
	size_t		 i, n;
	int		 rc = 0;

	s = copy_str(data, size);
	n = strlen(s);
	unit = duration_unit(s);
	num = xstrdup(s);
	if (n > 0 && (num[n - 1] < '0' || num[n - 1] > '9'))
		num[n - 1] = '\0';
	for (i = 0; rc == 0 && i < NITEMS(maxes); i++) {
		v = parse_duration(s, maxes[i], &err);
		want_err = unit == 0 ? "invalid" :
		    num_expect(num, 0, maxes[i] / unit, &want);
		if (err != NULL ? v != 0 : (want_err != NULL ||
		    v != want * unit || v > maxes[i]))
			rc = fail(t, "max %zu: got %lld, want %lld", i, v,
			    want * unit);
		else if (err != NULL && want_err == NULL && n < 16)
			rc = fail(t, "max %zu: refused a good duration", i);
	}
	free(num);
	free(s);
	return rc;
}

int
fuzz_iso8601(const unsigned char *data, size_t size)
{
	const char		*t = "iso8601";
	char			*s, out[UTIL_ISO8601_LEN];
	unsigned long long	 x = 0;
	time_t			 tt, back;
	size_t			 i;
	int			 rc = 0;

	s = copy_str(data, size);
	if (util_parse_iso8601(s, &tt) == 0 && tt >= 0 &&
	    tt <= AWS_MAX_EPOCH_SECONDS) {
		util_iso8601(tt, out);
		if (util_parse_iso8601(out, &back) != 0 || back != tt)
			rc = fail(t, "parsed time does not round-trip");
	}
	for (i = 0; i < size && i < sizeof(x); i++)
		x = x << 8 | data[i];
	tt = (time_t)(x % (unsigned long long)(AWS_MAX_EPOCH_SECONDS + 1));
	util_iso8601(tt, out);
	if (rc == 0 && (strlen(out) != UTIL_ISO8601_LEN - 1 ||
	    util_parse_iso8601(out, &back) != 0 || back != tt))
		rc = fail(t, "%lld does not round-trip", (long long)tt);
	free(s);
	return rc;
}

int
fuzz_regions(const unsigned char *data, size_t size)
{
	const char	*t = "regions";
	char		*s, **v = NULL;
	size_t		 n = 0, i, j;
	int		 rc = 0;

	s = copy_str(data, size);
	if (regions_parse(s, &v, &n) == -1)
		goto out;
	if (n == 0 || n > REGIONS_MAX)
		rc = fail(t, "%zu regions", n);
	for (i = 0; rc == 0 && i < n; i++) {
		if (!aws_region_valid(v[i]) ||
		    strlen(v[i]) > REGIONS_NAME_MAX ||
		    (strcmp(s, "all") != 0 && strstr(s, v[i]) == NULL))
			rc = fail(t, "region %zu is not a region of the list",
			    i);
		for (j = 0; rc == 0 && j < i; j++)
			if (strcmp(v[i], v[j]) == 0)
				rc = fail(t, "region %zu repeated", i);
	}
	regions_free(v, n);
out:
	free(s);
	return rc;
}

/* ------------------------------------------------------------ records */

static unsigned int
rec_byte(struct rec *r)
{
	if (r->left == 0)
		return 0;
	r->left--;
	return *r->p++;
}

/* Two bytes, big-endian. */
static unsigned int
rec_u16(struct rec *r)
{
	unsigned int	hi = rec_byte(r);

	return hi << 8 | rec_byte(r);
}

/* A double from 8 raw bytes; NaN (which SQLite cannot keep) reads 0. */
static double
rec_double(struct rec *r)
{
	unsigned char	b[sizeof(double)];
	double		d;
	size_t		i;

	for (i = 0; i < sizeof(b); i++)
		b[i] = (unsigned char)rec_byte(r);
	memcpy(&d, b, sizeof(d));
	return d != d ? 0 : d;
}

/* The next field, up to a NUL or the end, as a new string. */
static char *
rec_field(struct rec *r)
{
	const unsigned char	*nul = NULL;
	size_t			 n;
	char			*s;

	if (r->left > 0)
		nul = memchr(r->p, '\0', r->left);
	n = nul != NULL ? (size_t)(nul - r->p) : r->left;
	s = copy_str(r->p, n);
	r->p += n;
	r->left -= n;
	if (r->left > 0) {
		r->p++;
		r->left--;
	}
	return s;
}

/* The next field, owned by the record (rec_free()). */
static const char *
rec_str(struct rec *r)
{
	r->pool = xreallocarray(r->pool, r->npool + 1, sizeof(*r->pool));
	return r->pool[r->npool++] = rec_field(r);
}

static void
rec_free(struct rec *r)
{
	size_t	i;

	for (i = 0; i < r->npool; i++)
		free(r->pool[i]);
	free(r->pool);
}

/*
 * A region's status: one of the three, or (3) a value out of range.  The
 * string that (3) used to be is still read, so the corpora keep their
 * layout.
 */
static enum region_status
rec_status(struct rec *r)
{
	unsigned int	 b = rec_byte(r) % 4;

	if (b < REGION_STATUS__COUNT)
		return (enum region_status)b;
	(void)rec_str(r);
	return REGION_STATUS__COUNT;
}

/* Layout: nulls byte, status, 5 fields, HTTP status (2 bytes). */
static void
rec_region(struct rec *r, struct report_region *g)
{
	unsigned int	 nulls = rec_byte(r);
	const char	*older = NULL;	/* was the reason text: now a run */
	const char	**f[] = { &g->region, &g->operation, &g->error_code,
	    &g->error_message, &older };
	size_t		 i;

	g->status = rec_status(r);
	for (i = 0; i < NITEMS(f); i++) {
		*f[i] = rec_str(r);
		if (nulls & (1U << i))
			*f[i] = NULL;
	}
	g->http_status = (long)rec_u16(r);
	g->failed_run = older != NULL ? (long long)strlen(older) : 0;
}

static struct report_region *
rec_regions(struct rec *r, size_t *n)
{
	struct report_region	*v;
	size_t			 i;

	*n = rec_byte(r) % (FUZZ_MAX_REGIONS + 1);
	v = xcalloc(*n + 1, sizeof(*v));
	for (i = 0; i < *n; i++)
		rec_region(r, &v[i]);
	return v;
}

/*
 * Layout: kind, flags, path, severity, 3 id bytes, 14 fields.  Flags:
 * adjustable (mod 3, minus 1), bit 2 applied_followed, bit 7 let the
 * playbook set path and severity.
 */
static struct change *
rec_change(struct rec *r)
{
	struct change	*c = change_new();
	char		**f[] = { &c->first_seen, &c->region, &c->subject,
	    &c->subject_name, &c->old_value, &c->new_value, &c->old_applied,
	    &c->new_applied, &c->new_default, &c->entitlement,
	    &c->quota_code, &c->desired_value, &c->alt_regions,
	    &c->alt_profiles };
	unsigned int	 flags;
	size_t		 i;

	c->kind = (enum change_kind)(rec_byte(r) % CHANGE__COUNT);
	flags = rec_byte(r);
	c->path = (enum change_path)(rec_byte(r) % PATH__COUNT);
	c->severity = (enum change_severity)(rec_byte(r) % SEVERITY__COUNT);
	c->adjustable = (int)(flags % 3) - 1;
	c->applied_followed = (flags >> 2) & 1;
	c->change_id = rec_byte(r);
	c->run_id = rec_byte(r);
	c->first_run = rec_byte(r);
	for (i = 0; i < NITEMS(f); i++) {
		free(*f[i]);
		*f[i] = rec_field(r);
	}
	/* As the store does for a change it reads back. */
	change_parse_nums(c);
	if (flags & 0x80)
		playbook_classify(c);
	return c;
}

/* ---------------------------------------------------- output checks */

/* May "cp" appear raw in text or Markdown output (escape.h's list)? */
static int
cp_safe(unsigned int cp)
{
	if (cp == '\n')
		return 1;
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c ||
	    cp == 0x200e || cp == 0x200f || cp == 0x2028 || cp == 0x2029 ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0xfeff)
		return 0;
	return 1;
}

/*
 * Is "s" ("n" bytes, NUL after them) valid UTF-8 without NUL, and, with
 * "strict", without the unsafe code points; else without the raw ones
 * JSON escapes (C0 but '\n', DEL, U+2028, U+2029)?  Silent: 0, or -1
 * with the offending byte offset in *at and code point in *bad (0 for
 * invalid UTF-8 or NUL).
 */
static int
utf8_scan(const char *s, size_t n, int strict, size_t *at,
    unsigned int *bad)
{
	unsigned int	cp;
	size_t		i, k;

	for (i = 0; i < n; i += k) {
		*at = i;
		*bad = 0;
		if ((k = escape_utf8_decode(s + i, &cp)) == 0)
			return -1;
		*bad = cp;
		if (strict ? !cp_safe(cp) : (cp != '\n' && (cp < 0x20 ||
		    cp == 0x7f || cp == 0x2028 || cp == 0x2029)))
			return -1;
	}
	return 0;
}

/* utf8_scan(), reporting a failure as one in output "what". */
static int
utf8_ok(const char *t, const char *what, const char *s, size_t n,
    int strict)
{
	unsigned int	cp;
	size_t		at;

	if (utf8_scan(s, n, strict, &at, &cp) == 0)
		return 0;
	if (cp == 0)
		return fail(t, "%s: invalid UTF-8 or NUL at byte %zu", what,
		    at);
	return fail(t, "%s: raw U+%04X at byte %zu", what, cp, at);
}

/* Prose members of JSON output must read safely with jq -r. */
static int
json_prose_ok(const char *t, const cJSON *item)
{
	static const char *const prose[] = { "advice", "case", "fix",
	    "note" };
	size_t	i;

	for (; item != NULL; item = item->next) {
		for (i = 0; i < NITEMS(prose); i++)
			if (cJSON_IsString(item) && item->string != NULL &&
			    strcmp(item->string, prose[i]) == 0 &&
			    utf8_ok(t, prose[i], item->valuestring,
			    strlen(item->valuestring), 1) == -1)
				return -1;
		if (json_prose_ok(t, item->child) == -1)
			return -1;
	}
	return 0;
}

/*
 * Markdown: no raw '<' outside code fences; a fence (a line of 3 or
 * more backticks) is closed by a line of the same backticks only, and no
 * backtick run inside it is as long as the fence, so content can never
 * end it early; every fence is closed.
 */
static int
md_ok(const char *t, const char *s, size_t n)
{
	const char	*p = s, *e, *end = s + n, *q;
	size_t		 fence = 0, run;

	for (; p < end; p = e + 1) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		for (run = 0; p + run < e && p[run] == '`'; run++)
			;
		if (fence == 0 && run >= 3 && p + run == e) {
			fence = run;
			continue;
		}
		if (fence != 0 && run == fence && p + run == e) {
			fence = 0;
			continue;
		}
		if (fence == 0 && memchr(p, '<', (size_t)(e - p)) != NULL)
			return fail(t, "raw '<' in Markdown output");
		for (q = p, run = 0; fence != 0 && q < e; q++) {
			run = *q == '`' ? run + 1 : 0;
			if (run >= fence)
				return fail(t, "backticks end a code fence");
		}
		if (e == end)
			break;
	}
	if (fence != 0)
		return fail(t, "unclosed code fence");
	return 0;
}

/*
 * Check output "s" of format "f": valid UTF-8 with no unsafe code point,
 * Markdown that md_ok() accepts, and JSON that parses with safe prose and, for
 * a report ("nchanges" >= 0), one element of "changes" per change.
 */
static int
output_ok(const char *t, enum report_format f, const char *s, size_t n,
    long nchanges)
{
	cJSON		*root;
	const cJSON	*ch;
	int		 rc;

	if (utf8_ok(t, "output", s, n, f != REPORT_JSON) == -1)
		return -1;
	if (f == REPORT_MARKDOWN && md_ok(t, s, n) == -1)
		return -1;
	if (f != REPORT_JSON)
		return 0;
	if ((root = cJSON_ParseWithLength(s, n)) == NULL)
		return fail(t, "JSON output does not parse");
	rc = json_prose_ok(t, root);
	ch = cJSON_GetObjectItemCaseSensitive(root, "changes");
	if (rc == 0 && nchanges >= 0 && (!cJSON_IsArray(ch) ||
	    cJSON_GetArraySize(ch) != (int)nchanges))
		rc = fail(t, "JSON output lacks changes");
	cJSON_Delete(root);
	return rc;
}

/* Which renderer render() calls. */
enum what {
	WHAT_REPORT,
	WHAT_CASE,
	WHAT_STATUS
};

/* Render one thing in one format and language, and check the output. */
static int
render(const char *t, enum what w, const void *arg, const char *account,
    enum report_format f, enum report_lang l)
{
	const struct report_input	*in = arg;
	const struct change		*c = arg;
	char				*out = NULL;
	size_t				 n = 0;
	FILE				*fp;
	long				 nch = -1;
	int				 r, want = 0;

	if ((fp = open_memstream(&out, &n)) == NULL)
		return fail(t, "open_memstream failed");
	if (w == WHAT_REPORT) {
		r = report_write(fp, in, f, l);
		nch = in->changes != NULL ? (long)in->changes->len : 0;
	} else if (w == WHAT_CASE) {
		r = report_case(fp, c, account, f, l);
		want = c->path == PATH_P3 || c->path == PATH_P5 ||
		    c->path == PATH_P6 ? 0 : 1;
	} else
		r = report_status_write(fp, arg, f, l);
	if (fclose(fp) != 0)
		r = -2;
	if (r != want)
		r = fail(t, "renderer %d returned %d, format %d, lang %d",
		    (int)w, r, (int)f, (int)l);
	else
		r = output_ok(t, f, out, n, nch);
	free(out);
	return r;
}

/* Render "arg" in every format and language. */
static int
render_all(const char *t, enum what w, const void *arg, const char *account)
{
	static const enum report_format fmts[] = { REPORT_TEXT,
	    REPORT_MARKDOWN, REPORT_JSON };
	static const enum report_lang langs[] = { REPORT_LANG_EN,
	    REPORT_LANG_JA };
	size_t	i, j;

	for (i = 0; i < NITEMS(fmts); i++)
		for (j = 0; j < NITEMS(langs); j++)
			if (render(t, w, arg, account, fmts[i], langs[j]) ==
			    -1)
				return -1;
	return 0;
}

/* -------------------------------------------------------- renderers */

/*
 * Layout: flags (bit 0: no account), from_run, to_run, from_time,
 * to_time, account, regions (count, then each), changes (count, then
 * each).  The first FUZZ_MAX_CASES changes are also rendered as cases.
 */
int
fuzz_report(const unsigned char *data, size_t size)
{
	const char		*t = "report";
	struct rec		 r = { data, size, NULL, 0 };
	struct report_input	 in;
	struct report_region	*regs;
	struct change_list	 l = { NULL, 0, 0 };
	unsigned int		 flags;
	size_t			 i, n;
	int			 rc;

	memset(&in, 0, sizeof(in));
	flags = rec_byte(&r);
	in.from_run = rec_byte(&r);
	in.to_run = rec_byte(&r);
	in.from_time = rec_str(&r);
	in.to_time = rec_str(&r);
	in.account_id = rec_str(&r);
	if (flags & 1)
		in.account_id = NULL;
	in.regions = regs = rec_regions(&r, &in.regionsz);
	n = rec_byte(&r) % (FUZZ_MAX_ROWS + 1);
	for (i = 0; i < n; i++)
		change_list_push(&l, rec_change(&r));
	in.changes = &l;
	rc = render_all(t, WHAT_REPORT, &in, NULL);
	for (i = 0; rc == 0 && i < l.len && i < FUZZ_MAX_CASES; i++)
		rc = render_all(t, WHAT_CASE, l.items[i], in.account_id);
	change_list_free(&l);
	free(regs);
	rec_free(&r);
	return rc;
}

/* Layout: region, model_id, model_name, and the three access fields. */
static void
rec_status_model(struct rec *r, struct report_status_model *m)
{
	m->region = rec_str(r);
	m->model_id = rec_str(r);
	m->model_name = rec_str(r);
	m->authorization = rec_str(r);
	m->entitlement = rec_str(r);
	m->agreement = rec_str(r);
	/* Not read from the record, so that the corpora keep their layout. */
	m->region_availability = m->entitlement;
	m->verdict = playbook_model(&(struct playbook_model_state){
	    m->authorization, m->entitlement, m->agreement,
	    m->region_availability });
}

/* Layout: 3 fields, applied and default (8 bytes each), adjustable. */
static void
rec_status_quota(struct rec *r, struct report_status_quota *q)
{
	q->region = rec_str(r);
	q->quota_code = rec_str(r);
	q->quota_name = rec_str(r);
	q->applied = rec_double(r);
	q->default_value = rec_double(r);
	q->adjustable = (int)(rec_byte(r) & 1);
	q->verdict = playbook_quota(&(struct playbook_quota_state){
	    q->applied, 1, q->default_value, 1, q->adjustable });
}

/* Layout: 4 fields, desired (8 bytes), status, case_id, created. */
static void
rec_status_request(struct rec *r, struct report_status_request *q)
{
	q->region = rec_str(r);
	q->request_id = rec_str(r);
	q->quota_code = rec_str(r);
	q->quota_name = rec_str(r);
	q->desired = rec_double(r);
	q->status = rec_str(r);
	q->case_id = rec_str(r);
	q->created = rec_str(r);
}

/*
 * Layout: flags (bit 0: no account), run_id, run_time, account, regions
 * as for fuzz_report(), then models, quotas and requests, each a count
 * byte and the rows.
 */
int
fuzz_report_status(const unsigned char *data, size_t size)
{
	struct rec			 r = { data, size, NULL, 0 };
	struct report_status		 s;
	struct report_region		*regs;
	struct report_status_model	*m;
	struct report_status_quota	*q;
	struct report_status_request	*rq;
	unsigned int			 flags;
	size_t				 i;
	int				 rc;

	memset(&s, 0, sizeof(s));
	flags = rec_byte(&r);
	s.run_id = rec_byte(&r);
	s.run_time = rec_str(&r);
	s.account_id = rec_str(&r);
	if (flags & 1)
		s.account_id = NULL;
	s.regions = regs = rec_regions(&r, &s.regionsz);
	s.modelsz = rec_byte(&r) % (FUZZ_MAX_ROWS + 1);
	s.models = m = xcalloc(s.modelsz + 1, sizeof(*m));
	for (i = 0; i < s.modelsz; i++)
		rec_status_model(&r, &m[i]);
	s.quotasz = rec_byte(&r) % (FUZZ_MAX_ROWS + 1);
	s.quotas = q = xcalloc(s.quotasz + 1, sizeof(*q));
	for (i = 0; i < s.quotasz; i++)
		rec_status_quota(&r, &q[i]);
	s.requestsz = rec_byte(&r) % (FUZZ_MAX_ROWS + 1);
	s.requests = rq = xcalloc(s.requestsz + 1, sizeof(*rq));
	for (i = 0; i < s.requestsz; i++)
		rec_status_request(&r, &rq[i]);
	rc = render_all("report_status", WHAT_STATUS, &s, NULL);
	free(regs);
	free(m);
	free(q);
	free(rq);
	rec_free(&r);
	return rc;
}

/* Is every '&' in "s" an entity escape_md() writes? */
static int
entities_ok(const char *s)
{
	for (; (s = strchr(s, '&')) != NULL; s++)
		if (strncmp(s, "&lt;", 4) != 0 && strncmp(s, "&gt;", 4) != 0 &&
		    strncmp(s, "&amp;", 5) != 0)
			return 0;
	return 1;
}

/* escape_json(): valid JSON, and the same string back when it can be. */
static int
escape_json_ok(const char *t, const char *s)
{
	struct buf	 b = BUF_INIT;
	cJSON		*j;
	unsigned int	 cp;
	size_t		 at;
	int		 rc = 0;

	escape_json(&b, s);
	if (utf8_ok(t, "escape_json", b.data, b.len, 0) == -1)
		rc = -1;
	else if ((j = cJSON_ParseWithLength(b.data, b.len)) == NULL ||
	    !cJSON_IsString(j))
		rc = fail(t, "escape_json: not a JSON string");
	else {
		if (utf8_scan(s, strlen(s), 0, &at, &cp) == 0 &&
		    strcmp(j->valuestring, s) != 0)
			rc = fail(t, "escape_json: string changed");
		cJSON_Delete(j);
	}
	buf_free(&b);
	return rc;
}

/*
 * escape_text() with "cols", then its checks.  Below the width of
 * ESCAPE_ELLIPSIS, a cut string is the whole ellipsis (check_escape.c
 * expects "..." for 2 columns), wider than escape.h promises.
 */
static int
escape_text_ok(const char *t, const char *s, size_t cols)
{
	struct buf	b = BUF_INIT;
	int		rc = 0;

	escape_text(&b, s, cols);
	if (utf8_ok(t, "escape_text", b.data != NULL ? b.data : "", b.len,
	    1) == -1)
		rc = -1;
	else if (memchr(b.data != NULL ? b.data : "", '\n', b.len) != NULL)
		rc = fail(t, "escape_text: raw newline");
	else if (escape_width(b.data != NULL ? b.data : "") > (cols == 0 ?
	    SIZE_MAX : cols < strlen(ESCAPE_ELLIPSIS) ?
	    strlen(ESCAPE_ELLIPSIS) : cols))
		rc = fail(t, "escape_text: wider than %zu columns", cols);
	buf_free(&b);
	return rc;
}

/* escape_md() or, with "prose", escape_md_prose(), then the checks. */
static int
escape_md_ok(const char *t, const char *s, size_t chars, int prose)
{
	struct buf	 b = BUF_INIT;
	const char	*o;
	int		 rc = 0;

	if (prose)
		escape_md_prose(&b, s);
	else
		escape_md(&b, s, chars);
	o = b.data != NULL ? b.data : "";
	if (memchr(o, '<', b.len) != NULL)
		rc = fail(t, "escape_md: raw '<'");
	else if (!prose && (memchr(o, '>', b.len) != NULL ||
	    !entities_ok(o) || utf8_ok(t, "escape_md", o, b.len, 1) == -1))
		rc = fail(t, "escape_md: raw '>', '&' or unsafe text");
	buf_free(&b);
	return rc;
}

/* escape_utf8_decode() at every byte: strict UTF-8 or 0. */
static int
decode_ok(const char *t, const char *s)
{
	unsigned int	cp;
	size_t		k, want;

	for (; *s != '\0'; s++) {
		if ((k = escape_utf8_decode(s, &cp)) == 0)
			continue;
		want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		if (k != want || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return fail(t, "escape_utf8_decode: U+%X in %zu bytes",
			    cp, k);
	}
	return 0;
}

/* Layout: a width or length byte, then the string (to a NUL or end). */
int
fuzz_escape(const unsigned char *data, size_t size)
{
	const char	*t = "escape";
	struct rec	 r = { data, size, NULL, 0 };
	struct buf	 b = BUF_INIT;
	const char	*s;
	unsigned int	 cp;
	size_t		 cols, at;
	int		 rc;

	cols = rec_byte(&r);
	s = rec_str(&r);
	escape_text(&b, s, 0);
	rc = utf8_ok(t, "escape_text", b.data != NULL ? b.data : "", b.len,
	    1);
	if (rc == 0 && strpbrk(s, "\\\n") == NULL &&
	    utf8_scan(s, strlen(s), 1, &at, &cp) == 0 &&
	    strcmp(b.data != NULL ? b.data : "", s) != 0)
		rc = fail(t, "escape_text changed safe text");
	if (rc == 0)
		rc = escape_text_ok(t, s, cols);
	if (rc == 0)
		rc = escape_md_ok(t, s, cols, 0);
	if (rc == 0)
		rc = escape_md_ok(t, s, 0, 1);
	if (rc == 0)
		rc = escape_json_ok(t, s);
	if (rc == 0)
		rc = decode_ok(t, s);
	(void)escape_width(s);
	buf_free(&b);
	rec_free(&r);
	return rc;
}

/* A target as notify.h promises it after a successful parse. */
static int
notify_target_ok(const struct notify_target *t)
{
	if (t->name == NULL || *t->name == '\0' ||
	    strlen(t->name) > NOTIFY_MAX_NAME_BYTES ||
	    (unsigned)t->type >= NOTIFY__TYPES ||
	    (unsigned)t->threshold > NOTIFY_AT_FAILURE ||
	    t->timeout_sec < 1 || t->timeout_sec > NOTIFY_MAX_TIMEOUT_SEC)
		return 0;
	switch (t->type) {
	case NOTIFY_EXEC:
		return t->command != NULL && *t->command != '\0';
	case NOTIFY_SLACK:
	case NOTIFY_TEAMS:
		return t->url != NULL && url_allowed(t->url);
	case NOTIFY_SNS:
		return t->topic_arn != NULL && t->region != NULL &&
		    regions_name_valid(t->region, strlen(t->region));
	case NOTIFY_EVENTBRIDGE:
		return t->event_bus != NULL && (t->region == NULL ||
		    regions_name_valid(t->region, strlen(t->region)));
	case NOTIFY__TYPES:
		break;
	}
	return 0;
}

/*
 * A --notify file (notify_config_parse()): refused with nothing kept, or
 * 1..NOTIFY_MAX_TARGETS targets each complete for its type, every url
 * allowed by the one URL policy.
 */
int
fuzz_notify_config(const unsigned char *data, size_t size)
{
	const char		*t = "notify_config";
	struct notify_config	 c;
	struct ini		*ini;
	char			*text;
	size_t			 i;
	int			 rc = 0;

	text = copy_exact(data, size);
	if ((ini = ini_parse(text, size, "fuzz")) == NULL)
		goto out;
	if (notify_config_parse(ini, "fuzz", &c) == -1) {
		if (c.targets != NULL || c.len != 0 || c.archive_url != NULL)
			rc = fail(t, "a refused file left targets");
		goto out;
	}
	if (c.len == 0 || c.len > NOTIFY_MAX_TARGETS)
		rc = fail(t, "%zu targets", c.len);
	for (i = 0; rc == 0 && i < c.len; i++)
		if (!notify_target_ok(&c.targets[i]))
			rc = fail(t, "target %zu breaks the contract", i);
	if (rc == 0 && c.archive_url != NULL && !url_allowed(c.archive_url))
		rc = fail(t, "archive_url not allowed");
	notify_config_free(&c);
out:
	ini_free(ini);
	free(text);
	return rc;
}

/*
 * The replies of the notification calls: PutEvents (FailedEntryCount
 * within the entries sent, a code exactly when one failed) and SNS
 * Publish (a MessageId, or a cause).
 */
int
fuzz_aws_notify(const unsigned char *data, size_t size)
{
	const char	*t = "aws_notify";
	char		*body, *code = NULL, *cause = NULL, *id = NULL;
	size_t		 failed = 0;
	int		 rc = 0, r;

	body = copy_exact(data, size);
	r = aws_parse_put_events(body, size, NOTIFY_EVENTS_MAX_ENTRIES,
	    &failed, &code, &cause);
	if (r == 0 && (failed > NOTIFY_EVENTS_MAX_ENTRIES ||
	    (failed > 0) != (code != NULL)))
		rc = fail(t, "PutEvents: %zu failed, code %s", failed,
		    code != NULL ? "set" : "none");
	if (r == -1 && (cause == NULL || code != NULL))
		rc = fail(t, "PutEvents: refused without a cause");
	free(code);
	free(cause);
	cause = NULL;
	r = aws_parse_sns_publish(body, size, &id, &cause);
	if (rc == 0 && r == 0 && (id == NULL || *id == '\0' || cause != NULL))
		rc = fail(t, "Publish: accepted without a MessageId");
	if (rc == 0 && r == -1 && (id != NULL || cause == NULL))
		rc = fail(t, "Publish: refused without a cause");
	free(id);
	free(cause);
	free(body);
	return rc;
}

/*
 * CloudWatch ListMetrics: a page added to a list that holds one pair
 * already.  A failed parse keeps the list; a good one keeps the pair,
 * adds only exact, unique pairs and leaves a usable token.
 */
int
fuzz_aws_cw_metrics(const unsigned char *data, size_t size)
{
	const char		*t = "aws_cw_metrics";
	struct aws_cw_metrics	 m = { NULL, 0 };
	struct aws_request	 req;
	char			*body, *tok = NULL, *cause = NULL;
	size_t			 i, j;
	int			 rc = 0, res;

	memset(&req, 0, sizeof(req));
	m.v = xcalloc(1, sizeof(*m.v));
	m.v[0].model_id = xstrdup("a.b");
	m.v[0].metric = xstrdup("Invocations");
	m.n = 1;
	body = copy_exact(data, size);
	res = aws_parse_list_metrics(body, size, &m, &tok, &cause);
	if ((rc = cause_ok(t, "ListMetrics", res, cause)) == -1 || res == -1) {
		if (res == -1 && (m.n != 1 || tok != NULL))
			rc = fail(t, "failed parse changed the list or left "
			    "a token");
		goto out;
	}
	if (!token_ok(tok) || aws_req_list_metrics(&req, NULL, tok) != 0)
		rc = fail(t, "NextToken accepted, but unusable");
	if (m.n > AWS_CW_MAX_SERIES_PER_REGION ||
	    strcmp(m.v[0].model_id, "a.b") != 0)
		rc = fail(t, "%zu pairs, or the first changed", m.n);
	for (i = 0; rc == 0 && i < m.n; i++) {
		if (!key_ok(m.v[i].model_id) || *m.v[i].metric == '\0')
			rc = fail(t, "pair %zu is not exact", i);
		for (j = 0; rc == 0 && j < i; j++)
			if (strcmp(m.v[i].model_id, m.v[j].model_id) == 0 &&
			    strcmp(m.v[i].metric, m.v[j].metric) == 0)
				rc = fail(t, "pair %zu twice", i);
	}
out:
	aws_request_free(&req);
	aws_cw_metrics_free(&m);
	free(tok);
	free(body);
	return rc;
}

/*
 * CloudWatch GetMetricData: the same page parsed twice into one result
 * set (as pages of one call are).  A failed parse adds nothing; a good
 * one gives series with paired, finite, non-negative points, at most
 * AWS_CW_MAX_POINTS_PER_SERIES each, and the second reading doubles
 * every series' points.
 */
int
fuzz_aws_cw_data(const unsigned char *data, size_t size)
{
	const char		*t = "aws_cw_data";
	struct aws_cw_data	 d = { NULL, 0 };
	size_t			*first = NULL;
	char			*body, *tok = NULL, *cause = NULL;
	size_t			 i, j, n1;
	int			 rc = 0, res;

	body = copy_exact(data, size);
	res = aws_parse_metric_data(body, size, &d, &tok, &cause);
	if ((rc = cause_ok(t, "GetMetricData", res, cause)) == -1 ||
	    res == -1) {
		if (res == -1 && (d.n != 0 || tok != NULL))
			rc = fail(t, "failed parse added series or a token");
		goto out;
	}
	if (!token_ok(tok))
		rc = fail(t, "NextToken accepted, but unusable");
	free(tok);
	tok = NULL;
	n1 = d.n;
	first = xcalloc(n1 + 1, sizeof(*first));
	for (i = 0; rc == 0 && i < n1; i++) {
		first[i] = d.v[i].n;
		if (!key_ok(d.v[i].id) ||
		    d.v[i].n > AWS_CW_MAX_POINTS_PER_SERIES)
			rc = fail(t, "series %zu: bad id or too many points",
			    i);
		for (j = 0; rc == 0 && j < d.v[i].n; j++)
			if (!value_ok(d.v[i].val[j]) || d.v[i].ts[j] < 0 ||
			    d.v[i].ts[j] > AWS_MAX_EPOCH_SECONDS)
				rc = fail(t, "series %zu point %zu", i, j);
	}
	if (rc != 0)
		goto out;
	res = aws_parse_metric_data(body, size, &d, &tok, &cause);
	free(cause);
	if (res == 0 && d.n != n1)
		rc = fail(t, "the same page made new series");
	for (i = 0; rc == 0 && res == 0 && i < n1; i++)
		if (d.v[i].n != 2 * first[i])
			rc = fail(t, "series %zu: %zu points, then %zu", i,
			    first[i], d.v[i].n);
	for (i = 0; rc == 0 && res == -1 && i < n1; i++)
		if (d.v[i].n != first[i])
			rc = fail(t, "a failed second page added points");
out:
	aws_cw_data_free(&d);
	free(first);
	free(tok);
	free(body);
	return rc;
}

/* ------------------------------------------------------------- table */

const struct fuzz_target fuzz_targets[] = {
	{ "aws_models", fuzz_aws_models },
	{ "aws_availability", fuzz_aws_availability },
	{ "aws_profiles", fuzz_aws_profiles },
	{ "aws_quotas", fuzz_aws_quotas },
	{ "aws_history", fuzz_aws_history },
	{ "aws_identity", fuzz_aws_identity },
	{ "aws_regions", fuzz_aws_regions },
	{ "aws_cw_metrics", fuzz_aws_cw_metrics },
	{ "aws_cw_data", fuzz_aws_cw_data },
	{ "aws_org_accounts", fuzz_aws_org_accounts },
	{ "aws_error", fuzz_aws_error },
	{ "ini", fuzz_ini },
	{ "creds_process", fuzz_creds_process },
	{ "creds_container", fuzz_creds_container },
	{ "creds_imds", fuzz_creds_imds },
	{ "creds_sso", fuzz_creds_sso },
	{ "aws_assume_role", fuzz_aws_assume_role },
	{ "num", fuzz_num },
	{ "duration", fuzz_duration },
	{ "iso8601", fuzz_iso8601 },
	{ "regions", fuzz_regions },
	{ "report", fuzz_report },
	{ "report_status", fuzz_report_status },
	{ "escape", fuzz_escape },
	{ "notify_config", fuzz_notify_config },
	{ "aws_notify", fuzz_aws_notify },
};
const size_t fuzz_ntargets = NITEMS(fuzz_targets);

const struct fuzz_target *
fuzz_target_find(const char *name)
{
	size_t	i;

	for (i = 0; i < fuzz_ntargets; i++)
		if (strcmp(fuzz_targets[i].name, name) == 0)
			return &fuzz_targets[i];
	return NULL;
}
