/*
 * creds.c: the AWS credential chain and its provider.  See creds.h for
 * the order and the rules, creds_int.h for which file owns which source:
 * this one owns the chain, the provider (walk, refresh, the one
 * warning), creds_parse_document() and the helpers every source shares
 * (the "why" line, key checks, credentials JSON).
 *
 * Each source returns SRC_FOUND with the credentials filled in,
 * SRC_ABSENT when it is not configured (the chain goes on), or
 * SRC_FAILED when it is configured but broken (the chain stops).  In the
 * last two cases it appends its reason to the provider's "why" line,
 * which becomes the one warning of a failed creds_provider_get().
 */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "creds.h"
#include "creds_int.h"
#include "json.h"
#include "util.h"

/* The chain, in order. */
static const struct source {
	enum creds_source	 id;
	const char		*name;	/* creds_source_name() */
	int			(*fetch)(struct creds_provider *,
				    struct creds *);
} sources[] = {
	{ CREDS_SOURCE_ENV, "environment", creds_src_env },
	{ CREDS_SOURCE_ASSUME_ROLE, "assume-role", creds_src_assume_role },
	{ CREDS_SOURCE_WEB_IDENTITY, "web-identity", creds_src_web_identity },
	{ CREDS_SOURCE_SSO, "sso", creds_src_sso },
	{ CREDS_SOURCE_SHARED_FILE, "shared-credentials-file",
	    creds_src_shared_file },
	{ CREDS_SOURCE_CONFIG_FILE, "config-file", creds_src_config_file },
	{ CREDS_SOURCE_PROCESS, "credential-process", creds_src_process },
	{ CREDS_SOURCE_CONTAINER, "container", creds_src_container },
	{ CREDS_SOURCE_IMDS, "imds", creds_src_imds },
};

/* Append one reason to the "why" line. */
void
creds_why(struct creds_provider *p, const char *fmt, ...)
{
	va_list	ap;

	if (p->why.len > 0)
		buf_addstr(&p->why, "; ");
	va_start(ap, fmt);
	buf_vprintf(&p->why, fmt, ap);
	va_end(ap);
}

/* Drop the reasons added since the "why" line was "len" bytes long. */
void
creds_why_rewind(struct creds_provider *p, size_t len)
{
	if (len < p->why.len) {
		p->why.len = len;
		p->why.data[len] = '\0';
	}
}

void
creds_clear(struct creds *c)
{
	free_secret(c->access_key_id);
	free_secret(c->secret_access_key);
	free_secret(c->session_token);
	free(c->source_detail);
	memset(c, 0, sizeof(*c));
}

/*
 * Parse a credentials document, quietly: json_parse() would warn on its
 * own, and a failed creds_provider_get() gives exactly one warning.
 * NULL unless "data" is a JSON object without NUL bytes or "\u0000"
 * escapes (cJSON would cut a key short there).
 */
cJSON *
creds_parse_object(const char *data, size_t len)
{
	cJSON	*root;

	if (data == NULL || len == 0 || memchr(data, '\0', len) != NULL ||
	    memmem(data, len, "\\u0000", 6) != NULL)
		return NULL;
	if ((root = cJSON_ParseWithLength(data, len)) != NULL &&
	    !cJSON_IsObject(root)) {
		cJSON_Delete(root);
		root = NULL;
	}
	return root;
}

/* Wipe every string in a cJSON tree (keys and secrets alike). */
static void
wipe_tree(cJSON *item)
{
	for (; item != NULL; item = item->next) {
		if (cJSON_IsString(item) && item->valuestring != NULL)
			explicit_bzero(item->valuestring,
			    strlen(item->valuestring));
		wipe_tree(item->child);
	}
}

/* Wipe, then free a tree; NULL is allowed. */
void
creds_free_tree(cJSON *root)
{
	wipe_tree(root);
	cJSON_Delete(root);
}

const char *
creds_source_name(enum creds_source s)
{
	size_t	i;

	for (i = 0; i < NITEMS(sources); i++)
		if (sources[i].id == s)
			return sources[i].name;
	return "unknown";
}

struct creds_provider *
creds_provider_new(const struct aws_config *cfg)
{
	struct creds_provider	*p;

	p = xcalloc(1, sizeof(*p));
	p->cfg = cfg;
	p->process_timeout_sec = CREDS_PROCESS_TIMEOUT_SEC;
	return p;
}

struct creds_provider *
creds_provider_new_role(const struct aws_config *cfg,
    struct creds_provider *source, const char *role_arn,
    const char *external_id)
{
	struct creds_provider	*p;

	p = creds_provider_new(cfg);
	p->member_source = source;
	p->member_arn = xstrdup(role_arn);
	p->member_external_id = external_id != NULL ? xstrdup(external_id) :
	    NULL;
	return p;
}

const char *
creds_provider_why(const struct creds_provider *p)
{
	return p->why.data != NULL ? p->why.data : "";
}

void
creds_provider_last_error(const struct creds_provider *p, long *http_status,
    const char **code, const char **message)
{
	*http_status = p->sts_status;
	*code = p->sts_code;
	*message = p->sts_message;
}

void
creds_provider_set_process_timeout(struct creds_provider *p, int seconds)
{
	p->process_timeout_sec = seconds > 0 ? seconds : 1;
}

void
creds_provider_free(struct creds_provider *p)
{
	if (p == NULL)
		return;
	creds_clear(&p->cur);
	buf_free(&p->why);
	free(p->member_arn);
	free_secret(p->member_external_id);
	free(p->sts_code);
	free(p->sts_message);
	free(p);
}

/* NULL for a usable key or token, else what is wrong with it. */
const char *
creds_check_field(const char *s)
{
	size_t	len = strlen(s);
	size_t	i;

	if (len == 0)
		return "empty";
	if (len > CREDS_MAX_FIELD_BYTES)
		return "too long";
	for (i = 0; i < len; i++)
		if (!isgraph((unsigned char)s[i]) || (unsigned char)s[i] > 0x7e)
			return "contains blanks or control characters";
	return NULL;
}

/* "s" unless it is NULL or empty. */
const char *
creds_nonempty(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

/*
 * Check "k" and copy it into "c" with "src" and "detail" (taken over).
 * Returns SRC_FOUND, or SRC_FAILED with a reason labelled "label".
 */
int
creds_take_keys(struct creds_provider *p, const char *label,
    const struct creds_keys *k, enum creds_source src, char *detail,
    struct creds *c)
{
	const char	*bad;

	if ((bad = creds_check_field(k->akid)) != NULL)
		creds_why(p, "%s: access key ID: %s", label, bad);
	else if ((bad = creds_check_field(k->secret)) != NULL)
		creds_why(p, "%s: secret access key: %s", label, bad);
	else if (k->token != NULL &&
	    (bad = creds_check_field(k->token)) != NULL)
		creds_why(p, "%s: session token: %s", label, bad);
	if (bad != NULL) {
		free(detail);
		return SRC_FAILED;
	}
	c->access_key_id = xstrdup(k->akid);
	c->secret_access_key = xstrdup(k->secret);
	c->session_token = k->token != NULL ? xstrdup(k->token) : NULL;
	c->expiration = k->exp;
	c->source = src;
	c->source_detail = detail;
	return SRC_FOUND;
}

/*
 * The token in file "path", without trailing blanks; NULL after a reason
 * labelled "label".  Only a regular file (after symbolic links, which
 * Kubernetes' projected tokens are) of at most "max" bytes is read, and
 * it is opened without blocking, so a FIFO cannot hang a cron job.
 */
char *
creds_read_token_file(struct creds_provider *p, const char *label,
    const char *path, size_t max)
{
	struct stat	 st;
	char		*s = NULL;
	ssize_t		 n = 0, got;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1) {
		creds_why(p, "%s: %s: %s", label, path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		creds_why(p, "%s: %s: not a regular file", label, path);
		close(fd);
		return NULL;
	}
	s = xmalloc(max + 2);
	while ((size_t)n <= max && (got = read(fd, s + n, max + 1 -
	    (size_t)n)) != 0) {
		if (got == -1 && errno == EINTR)
			continue;
		if (got == -1) {
			creds_why(p, "%s: %s: %s", label, path,
			    strerror(errno));
			n = -1;
			break;
		}
		n += got;
	}
	close(fd);
	if (n >= 0 && (size_t)n > max)
		creds_why(p, "%s: %s: larger than %zu bytes", label, path, max);
	if (n < 0 || (size_t)n > max) {
		explicit_bzero(s, max + 2);
		free(s);
		return NULL;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	s[n] = '\0';
	return s;
}

int
creds_profile_num(struct creds_provider *p, const char *profile,
    const char *key, int min, int max, int *out)
{
	const char	*v, *errstr;
	char		 safe[LOG_SAFE_LEN];

	*out = 0;
	if ((v = config_profile_lookup(p->cfg, profile, key)) == NULL)
		return 0;
	*out = (int)parse_num(v, min, max, &errstr);
	if (errstr != NULL) {
		creds_why(p, "profile %s: %s \"%s\" is %s (%d to %d)", profile,
		    key, log_safe(v, safe, sizeof(safe)), errstr, min, max);
		return -1;
	}
	return 0;
}

/* An ISO-8601 expiry; -1 if it is not one or is at or before 1970. */
int
creds_parse_expiration(const char *s, time_t *out)
{
	if (strlen(s) > CREDS_MAX_FIELD_BYTES ||
	    util_parse_iso8601(s, out) == -1 || *out <= 0)
		return -1;
	return 0;
}

/*
 * Read the keys of a credentials JSON reply into "k" (borrowed from
 * "root").  "token_key" names the session token member; with "strict"
 * the token and Expiration are required.  -1 after a reason.
 */
int
creds_keys_from_json(struct creds_provider *p, const cJSON *root,
    const char *label, const char *token_key, int strict,
    struct creds_keys *k)
{
	const char	*exp;

	memset(k, 0, sizeof(*k));
	k->akid = json_str(root, "AccessKeyId");
	k->secret = json_str(root, "SecretAccessKey");
	k->token = creds_nonempty(json_str(root, token_key));
	exp = creds_nonempty(json_str(root, "Expiration"));
	if (k->akid == NULL || k->secret == NULL) {
		creds_why(p, "%s: no %s string in the reply", label,
		    k->akid == NULL ? "AccessKeyId" : "SecretAccessKey");
		return -1;
	}
	if (strict && (k->token == NULL || exp == NULL)) {
		creds_why(p, "%s: no %s string in the reply", label,
		    k->token == NULL ? token_key : "Expiration");
		return -1;
	}
	if (exp != NULL && creds_parse_expiration(exp, &k->exp) == -1) {
		creds_why(p, "%s: Expiration is not an ISO-8601 time", label);
		return -1;
	}
	return 0;
}

int
creds_parse_document(enum creds_source src, const char *doc, size_t len,
    struct creds *c, char **why_not)
{
	struct aws_config	 cfg;
	struct creds_provider	 p;
	struct buf		 body = BUF_INIT;
	char			 name[] = "(document)";
	int			 rc = SRC_FAILED;

	memset(c, 0, sizeof(*c));
	memset(&cfg, 0, sizeof(cfg));
	memset(&p, 0, sizeof(p));
	cfg.profile = cfg.env.imds_endpoint = name;
	p.cfg = &cfg;
	if (len > 0)
		buf_add(&body, doc, len);
	if (src == CREDS_SOURCE_PROCESS)
		rc = creds_process_doc(&p, name, &body, c);
	else if (src == CREDS_SOURCE_SSO)
		rc = creds_sso_doc(&p, name, &body, c);
	else if (src == CREDS_SOURCE_CONTAINER)
		rc = creds_container_doc(&p, &body, c);
	else if (src == CREDS_SOURCE_IMDS)
		rc = creds_imds_doc(&p, name, &body, c);
	else
		creds_why(&p, "%s: no document to parse",
		    creds_source_name(src));
	buf_wipe(&body);
	if (rc != SRC_FOUND)
		creds_clear(c);
	*why_not = rc == SRC_FOUND ? NULL : buf_detach(&p.why);
	buf_free(&p.why);
	return rc == SRC_FOUND ? 0 : -1;
}

/* Walk the chain until a source yields keys or fails. */
static int
run_chain(struct creds_provider *p, struct creds *c)
{
	size_t	i;
	int	rc;

	if (p->member_source != NULL)
		return creds_src_member(p, c);
	for (i = 0; i < NITEMS(sources); i++)
		if ((rc = sources[i].fetch(p, c)) != SRC_ABSENT)
			return rc;
	return SRC_ABSENT;
}

/* Ask source "id" again, for a refresh. */
static int
run_source(struct creds_provider *p, enum creds_source id, struct creds *c)
{
	size_t	i;

	if (p->member_source != NULL)
		return creds_src_member(p, c);
	for (i = 0; i < NITEMS(sources); i++)
		if (sources[i].id == id)
			return sources[i].fetch(p, c);
	return SRC_FAILED;
}

/*
 * A walk or refresh failed at "now": keep the current credentials while
 * they last, else give up with the one warning.
 */
static const struct creds *
provider_failed(struct creds_provider *p, time_t now)
{
	char	until[UTIL_ISO8601_LEN];

	if (p->have && p->cur.expiration > now) {
		util_iso8601(p->cur.expiration, until);
		warnx("credentials: refresh from %s failed: %s; using the "
		    "current ones until %s", p->cur.source_detail,
		    p->why.data, until);
		p->retry_at = now + CREDS_REFRESH_RETRY_SEC;
		return &p->cur;
	}
	/* A member role's caller says why, with the fix (collect). */
	if (p->member_source == NULL)
		warnx("no credentials: %s", p->why.len > 0 ? p->why.data :
		    "no source configured");
	else
		log_debug(2, "no credentials: %s", p->why.data != NULL ?
		    p->why.data : "");
	creds_clear(&p->cur);
	p->have = 0;
	p->retry_at = 0;
	return NULL;
}

const struct creds *
creds_provider_get(struct creds_provider *p, time_t now)
{
	struct creds	fresh;
	int		rc;

	if (p->have && (p->cur.expiration == 0 ||
	    p->cur.expiration - now > CREDS_REFRESH_MARGIN_SEC ||
	    (now < p->retry_at && p->cur.expiration > now)))
		return &p->cur;
	memset(&fresh, 0, sizeof(fresh));
	buf_reset(&p->why);
	p->now = now;
	rc = p->have ? run_source(p, p->cur.source, &fresh) :
	    run_chain(p, &fresh);
	return creds_provider_take(p, now, rc, &fresh);
}

const struct creds *
creds_provider_take(struct creds_provider *p, time_t now, int rc,
    struct creds *fresh_in)
{
	struct creds	fresh = *fresh_in;
	char		when[UTIL_ISO8601_LEN];

	memset(fresh_in, 0, sizeof(*fresh_in));
	if (rc == SRC_FOUND && fresh.expiration != 0 &&
	    fresh.expiration <= now) {
		util_iso8601(fresh.expiration, when);
		creds_why(p, "%s: credentials expired at %s",
		    fresh.source_detail, when);
		rc = SRC_FAILED;
	}
	if (rc != SRC_FOUND) {
		creds_clear(&fresh);
		return provider_failed(p, now);
	}
	creds_clear(&p->cur);
	p->cur = fresh;
	p->have = 1;
	p->retry_at = 0;
	log_debug(2, "credentials: %s (%s), access key %.4s...",
	    creds_source_name(p->cur.source), p->cur.source_detail,
	    p->cur.access_key_id);
	return &p->cur;
}
