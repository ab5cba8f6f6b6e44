/*
 * session.c: the AWS set-up the network commands share (collect, whoami):
 * configuration, credentials and a client with the command's limits.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "aws.h"
#include "client.h"
#include "config.h"
#include "creds.h"
#include "http.h"
#include "session.h"
#include "status.h"
#include "util.h"

/* Per-endpoint cap: Service Quotas allows only a few calls per second. */
#define SESSION_MAX_PER_ENDPOINT	8
#define SESSION_CONNECT_TIMEOUT_MS	5000
#define SESSION_REQUEST_TIMEOUT_MS	30000
#define SESSION_MAX_REQUEST_TIMEOUT_SEC 3600	/* api_call_attempt_timeout */
#define SESSION_DEFAULT_REGION	"us-east-1"

/*
 * The time one HTTP attempt may take: the profile's
 * api_call_attempt_timeout (whole seconds, as the AWS SDKs spell it),
 * else SESSION_REQUEST_TIMEOUT_MS.  Returns 0, or -1 after warnx(3).
 */
static int
session_request_timeout(const struct aws_config *cfg, long *ms)
{
	char		 safe[LOG_SAFE_LEN];
	const char	*v, *errstr;
	long long	 n;

	*ms = SESSION_REQUEST_TIMEOUT_MS;
	if ((v = config_profile_get(cfg, "api_call_attempt_timeout")) == NULL)
		return 0;
	n = parse_num(v, 1, SESSION_MAX_REQUEST_TIMEOUT_SEC, &errstr);
	if (errstr != NULL) {
		warnx("%s: api_call_attempt_timeout \"%s\" is %s "
		    "(whole seconds, 1 to %d)", cfg->config_file,
		    log_safe(v, safe, sizeof(safe)), errstr,
		    SESSION_MAX_REQUEST_TIMEOUT_SEC);
		return -1;
	}
	*ms = (long)n * 1000;
	return 0;
}

/* The client of "s", whose cfg and cp are set; 0 or -1 after warnx(3). */
static int
session_client(struct session *s, int concurrency)
{
	struct client_opts	o;

	memset(&o, 0, sizeof(o));
	if (concurrency == 0) {
		o.max_in_flight = HTTP_IN_FLIGHT_PER_ENDPOINT;
		o.max_per_endpoint = SESSION_MAX_PER_ENDPOINT;
	} else {
		o.max_in_flight = concurrency;
		o.max_per_endpoint = concurrency < SESSION_MAX_PER_ENDPOINT ?
		    concurrency : SESSION_MAX_PER_ENDPOINT;
	}
	o.connect_timeout_ms = SESSION_CONNECT_TIMEOUT_MS;
	if (session_request_timeout(s->cfg, &o.request_timeout_ms) == -1)
		return -1;
	o.seed = (uint64_t)time(NULL) ^ (uint64_t)getpid();
	return (s->client = client_new(s->cfg, s->cp, &o)) == NULL ? -1 : 0;
}

int
session_open(struct session *s, const char *profile, const char *region,
    int concurrency)
{
	memset(s, 0, sizeof(*s));
	if ((s->cfg = config_load(profile, region)) == NULL)
		return -1;
	s->home_region = s->cfg->region;
	if (s->home_region == NULL)
		s->home_region = SESSION_DEFAULT_REGION;
	if ((s->cp = creds_provider_new(s->cfg)) == NULL ||
	    session_client(s, concurrency) == -1) {
		session_close(s);
		return -1;
	}
	return 0;
}

void
session_open_role(struct session *s, struct session *caller,
    const char *account, const char *role_arn, const char *external_id)
{
	memset(s, 0, sizeof(*s));
	s->cfg = caller->cfg;
	s->cfg_borrowed = 1;
	s->home_region = caller->home_region;
	s->cp = creds_provider_new_role(caller->cfg, caller->cp, role_arn,
	    external_id);
	s->client = client_new_member(caller->client, s->cp, account);
}

/* Forget what failed last, freeing its message. */
static void
failure_clear(struct session_failure *f)
{
	free(f->message);
	memset(f, 0, sizeof(*f));
}

void
session_close(struct session *s)
{
	client_free(s->client);
	creds_provider_free(s->cp);
	if (!s->cfg_borrowed)
		config_free(s->cfg);
	failure_clear(&s->failed);
	memset(s, 0, sizeof(*s));
}

/* Where the one GetCallerIdentity call leaves its outcome. */
struct identity_wait {
	struct aws_identity	*id;
	struct session_failure	*failed;
	int			 done;		/* 1 ok, -1 failed */
};

/* Record the failed step "step" and what was answered in "f". */
static void
failure_set(struct session_failure *f, const char *step, long http_status,
    const char *code, const char *message)
{
	failure_clear(f);
	(void)snprintf(f->step, sizeof(f->step), "%s", step);
	f->http_status = http_status;
	(void)snprintf(f->code, sizeof(f->code), "%s", code != NULL ? code :
	    "");
	f->message = xstrdup(message != NULL ? message : "");
}

static void
identity_done(void *arg, const struct http_response *resp,
    const struct http_error *err)
{
	struct identity_wait	*w = arg;
	char			 msg[HTTP_ERROR_LEN];

	w->done = -1;
	if (err != NULL) {
		warnx("%s", http_error_fmt(err, msg, sizeof(msg)));
		failure_set(w->failed, "GetCallerIdentity", err->status,
		    err->code, err->message);
	} else if (aws_parse_caller_identity(resp->body, resp->bodysz,
	    w->id) == 0)
		w->done = 1;
	else	/* the parser has said why */
		failure_set(w->failed, "GetCallerIdentity", resp->status,
		    "InvalidReply", "the reply could not be parsed");
}

int
session_identity(struct session *s, struct aws_identity *id)
{
	struct identity_wait	 w = { id, &s->failed, 0 };
	struct aws_request	*req = xcalloc(1, sizeof(*req));
	const char		*code, *msg;
	long			 status;

	memset(id, 0, sizeof(*id));
	failure_clear(&s->failed);
	/*
	 * Credentials first, on their own: a chain that fails says why in
	 * one line, where the engine would add a second about the call it
	 * could not sign.
	 */
	if (creds_provider_get(s->cp, time(NULL)) == NULL) {
		creds_provider_last_error(s->cp, &status, &code, &msg);
		failure_set(&s->failed, RUN_STEP_CREDENTIALS, status,
		    code, *creds_provider_why(s->cp) != '\0' ?
		    creds_provider_why(s->cp) : msg);
		free(req);
		return -1;
	}
	if (aws_req_get_caller_identity(req) == -1) {
		failure_set(&s->failed, "GetCallerIdentity", 0, "",
		    "the request could not be built");
		aws_request_free(req);
		free(req);
		return -1;
	}
	if (client_submit(s->client, s->home_region, req, identity_done,
	    &w) == -1) {
		failure_set(&s->failed, "GetCallerIdentity", 0, "",
		    "the request could not be sent");
		return -1;
	}
	if (client_run(s->client, util_now_ms() +
	    SESSION_REQUEST_TIMEOUT_MS * 4) == -1 || w.done != 1) {
		if (w.done != -1)
			failure_set(&s->failed, "GetCallerIdentity", 0,
			    "EngineError", "the call did not complete");
		return -1;
	}
	return 0;
}

/*
 * A paginated list call (ListRegions, ListAccounts) on the engine: each
 * page's completion submits the next, until no token is left, a page
 * fails, or the pages run past "max_pages" (a token that repeats would
 * loop).  The call's own request builder and reply parser are "build"
 * and "parse"; the failure is said as "op: what".
 */
struct page_wait {
	struct session		*s;
	const char		*op;		/* "ListRegions" */
	const char		*region;	/* the call's endpoint */
	int			 max_pages;
	int			(*build)(const struct page_wait *,
				    struct aws_request *, const char *token,
				    char **cause);
	int			(*parse)(const struct page_wait *,
				    const struct http_response *, char **next,
				    char **cause);
	void			*out;		/* what parse() fills */
	const char		*parent;	/* ListAccounts: OU or NULL */
	char			*why;		/* the failure, owned */
	int			 pages;
	int			 done;		/* 1 ok, -1 failed */
};

static void	page_done(void *, const struct http_response *,
		    const struct http_error *);

/* Submit the page after "token" (NULL: the first); -1 sets w->why. */
static int
page_submit(struct page_wait *w, const char *token)
{
	struct aws_request	*req = xcalloc(1, sizeof(*req));
	char			*cause = NULL;

	if (++w->pages > w->max_pages) {
		w->why = xasprintf("%s: too many pages", w->op);
		free(req);
		return -1;
	}
	if (w->build(w, req, token, &cause) == -1) {
		w->why = cause != NULL ? cause :
		    xasprintf("%s: the request could not be built", w->op);
		aws_request_free(req);
		free(req);
		return -1;
	}
	if (client_submit(w->s->client, w->region, req, page_done, w) == -1) {
		w->why = xasprintf("%s: no endpoint", w->op);
		return -1;
	}
	return 0;
}

static void
page_done(void *arg, const struct http_response *resp,
    const struct http_error *err)
{
	struct page_wait	*w = arg;
	char			 msg[HTTP_ERROR_LEN];
	char			*next = NULL, *cause = NULL;

	w->done = -1;
	if (err != NULL) {
		w->why = xstrdup(http_error_fmt(err, msg, sizeof(msg)));
		failure_set(&w->s->failed, err->operation != NULL ?
		    err->operation : w->op, err->status, err->code,
		    err->message);
		return;
	}
	if (w->parse(w, resp, &next, &cause) == -1) {
		w->why = cause != NULL ? cause :
		    xasprintf("%s: the reply could not be parsed", w->op);
		failure_set(&w->s->failed, w->op, resp->status,
		    "InvalidReply", w->why);
		return;
	}
	/* Even after an empty page: only the token says it is the end. */
	if (next == NULL) {
		w->done = 1;
		return;
	}
	if (page_submit(w, next) == 0)
		w->done = 0;
	free(next);
}

/*
 * ListRegions: at most SESSION_REGIONS_MAX_PAGES pages (the account has a
 * few dozen regions).
 */
#define SESSION_REGIONS_MAX_PAGES	20

static int
regions_build(const struct page_wait *w, struct aws_request *req,
    const char *token, char **cause)
{
	(void)w;
	(void)cause;
	return aws_req_list_regions(req, token);
}

static int
regions_parse(const struct page_wait *w, const struct http_response *resp,
    char **next, char **cause)
{
	return aws_parse_regions(resp->body, resp->bodysz, w->out, next,
	    cause);
}

/* A wait for the ListRegions pages of "s" into "out". */
static void
regions_wait_init(struct page_wait *w, struct session *s,
    struct aws_regions *out)
{
	memset(w, 0, sizeof(*w));
	w->s = s;
	w->op = "ListRegions";
	w->region = AWS_ACCOUNT_HOME_REGION;
	w->max_pages = SESSION_REGIONS_MAX_PAGES;
	w->build = regions_build;
	w->parse = regions_parse;
	w->out = out;
}

int
session_enabled_regions(struct session *s, long long deadline_ms,
    struct aws_regions *out, char **why)
{
	struct page_wait	 w;
	long long		 until;

	memset(out, 0, sizeof(*out));
	regions_wait_init(&w, s, out);
	*why = NULL;
	until = util_now_ms() + SESSION_REQUEST_TIMEOUT_MS;
	if (deadline_ms != 0 && deadline_ms < until)
		until = deadline_ms;
	if (page_submit(&w, NULL) == 0 &&
	    client_run(s->client, until) == -1 && w.why == NULL)
		w.why = xstrdup("ListRegions: the HTTP engine stopped");
	if (w.done == 1)
		return 0;
	aws_regions_free(out);
	*why = w.why != NULL ? w.why :
	    xstrdup("ListRegions: no reply");
	return -1;
}

/*
 * ListAccounts (ListAccountsForParent): a page holds at most
 * AWS_ORG_PAGE_ITEMS accounts, but AWS may send empty pages with a
 * token: the page count is bounded, not the emptiness.
 */
#define SESSION_ORG_MAX_PAGES	(AWS_MAX_ORG_ACCOUNTS / AWS_ORG_PAGE_ITEMS + 100)

static int
org_build(const struct page_wait *w, struct aws_request *req,
    const char *token, char **cause)
{
	return aws_req_list_org_accounts(req, w->parent, token, cause);
}

static int
org_parse(const struct page_wait *w, const struct http_response *resp,
    char **next, char **cause)
{
	return aws_parse_org_accounts(resp->body, resp->bodysz, w->out, next,
	    cause);
}

int
session_org_accounts(struct session *s, const char *parent_id,
    long long deadline_ms, struct aws_org_accounts *out, char **why)
{
	struct page_wait	w;

	memset(&w, 0, sizeof(w));
	*why = NULL;
	w.s = s;
	w.op = "ListAccounts";
	w.region = AWS_ORG_HOME_REGION;
	w.max_pages = SESSION_ORG_MAX_PAGES;
	w.build = org_build;
	w.parse = org_parse;
	w.out = out;
	w.parent = parent_id;
	failure_clear(&s->failed);
	if (page_submit(&w, NULL) == 0 &&
	    client_run(s->client, deadline_ms) == -1 && w.why == NULL)
		w.why = xstrdup("ListAccounts: the HTTP engine stopped");
	if (w.done == 1)
		return 0;
	*why = w.why != NULL ? w.why : xstrdup("ListAccounts: no reply");
	if (*s->failed.step == '\0')
		failure_set(&s->failed, w.op, 0, "EngineError", *why);
	return -1;
}

/*
 * The preparation of member accounts, all at once on the caller's
 * engine: each member's calls follow one another (AssumeRole, then
 * GetCallerIdentity, then ListRegions), the members run side by side.
 * Each step's completion submits the next, so that one http_run()
 * serves them all: with 100 accounts at 20 ms of latency the blocking
 * walk was seconds of waiting, 3 calls after one another per account.
 */
struct member_prep {
	struct session		*caller;	/* borrowed */
	struct session_member	*m;		/* borrowed */
	struct page_wait	 rw;		/* its ListRegions pages */
};

static void	member_assume_done(void *, const struct http_response *,
		    const struct http_error *);
static void	member_identity_done(void *, const struct http_response *,
		    const struct http_error *);

/* Step 1: AssumeRole with the caller's credentials, on the caller's STS. */
static void
member_assume(struct member_prep *mp)
{
	struct creds_member_outcome	 o;
	struct aws_request		*req = xcalloc(1, sizeof(*req));

	memset(&o, 0, sizeof(o));
	if (creds_member_request(mp->m->s.cp, req) == -1) {
		aws_request_free(req);
		free(req);
		return;
	}
	if (client_submit(mp->caller->client, mp->caller->home_region, req,
	    member_assume_done, mp) == -1) {
		o.message = "no STS endpoint";
		(void)creds_member_reply(mp->m->s.cp, time(NULL), &o);
	}
}

/* Step 2: GetCallerIdentity with the role's credentials. */
static void
member_identify(struct member_prep *mp)
{
	struct aws_request	*req = xcalloc(1, sizeof(*req));

	if (aws_req_get_caller_identity(req) == -1) {
		aws_request_free(req);
		free(req);
		return;
	}
	(void)client_submit(mp->m->s.client, mp->m->s.home_region, req,
	    member_identity_done, mp);
}

/*
 * AssumeRole ended: the member's provider takes the outcome as its first
 * walk would (creds_member_reply()), then step 2 if the role is assumed.
 */
static void
member_assume_done(void *arg, const struct http_response *resp,
    const struct http_error *err)
{
	struct member_prep		*mp = arg;
	struct creds_member_outcome	 o;

	memset(&o, 0, sizeof(o));
	if (err != NULL) {
		o.status = err->status;
		o.code = err->code;
		o.message = err->message;
	} else {
		o.status = 200;
		o.body = resp->body;
		o.bodysz = resp->bodysz;
	}
	mp->m->assumed = creds_member_reply(mp->m->s.cp, time(NULL),
	    &o) == 0;
	/* The reply holds the role's secret key. */
	if (resp != NULL)
		explicit_bzero(resp->body, resp->bodysz);
	if (mp->m->assumed)
		member_identify(mp);
}

/*
 * GetCallerIdentity ended: whose credentials they are (a failed call is
 * warned about, as by session_identity()), then step 3: ListRegions,
 * every page (page_submit()), into m->enabled.
 */
static void
member_identity_done(void *arg, const struct http_response *resp,
    const struct http_error *err)
{
	struct member_prep	*mp = arg;
	struct session_member	*m = mp->m;
	char			 msg[HTTP_ERROR_LEN];

	if (err != NULL) {
		warnx("%s", http_error_fmt(err, msg, sizeof(msg)));
		return;
	}
	if (aws_parse_caller_identity(resp->body, resp->bodysz, &m->id) == -1)
		return;
	m->identified = 1;
	/* Step 3, for the account asked for only (collect says why not). */
	if (strcmp(m->id.account, m->account) != 0)
		return;
	regions_wait_init(&mp->rw, &m->s, &m->enabled);
	if (page_submit(&mp->rw, NULL) == -1)
		mp->rw.done = -1;
}

/* What ListRegions left: the enabled regions, or why they are unknown. */
static void
member_regions_end(struct member_prep *mp)
{
	struct session_member	*m = mp->m;

	if (mp->rw.s == NULL)
		return;		/* not asked */
	if (mp->rw.done == 1) {
		free(mp->rw.why);
		return;
	}
	aws_regions_free(&m->enabled);
	m->regions_why = mp->rw.why != NULL ? mp->rw.why :
	    xstrdup("ListRegions: no reply");
}

int
session_prepare_members(struct session *caller, struct session_member *v,
    size_t n, long long deadline_ms)
{
	struct member_prep	*mp;
	long long		 until;
	size_t			 i;
	int			 rc;

	mp = xcalloc(n + 1, sizeof(*mp));
	for (i = 0; i < n; i++) {
		mp[i].caller = caller;
		mp[i].m = &v[i];
		member_assume(&mp[i]);
	}
	/* What the blocking walk allowed: each step its timeouts. */
	until = util_now_ms() + SESSION_REQUEST_TIMEOUT_MS * 6;
	if (deadline_ms != 0 && deadline_ms < until)
		until = deadline_ms;
	rc = client_run(caller->client, until);
	for (i = 0; i < n; i++)
		member_regions_end(&mp[i]);
	free(mp);
	return rc;
}
