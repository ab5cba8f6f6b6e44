/*
 * cmd_collect.c: "bedrock-audit collect" is the cron job.  It asks STS
 * which account the credentials belong to, takes the database's writer
 * lock, then collects every requested region concurrently.  As each
 * region ends, ingest_region() records it: compared with what the
 * database last knew of it, the changes classified by the playbook, the
 * region's new state and its changes committed in one transaction.  A
 * failed region is recorded as failed and keeps its previous state.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aws.h"
#include "client.h"
#include "cmd.h"
#include "client.h"
#include "cmdline.h"
#include "collect.h"
#include "http.h"
#include "ingest.h"
#include "notify.h"
#include "notify_run.h"
#include "playbook.h"
#include "regions.h"
#include "session.h"
#include "store.h"
#include "store_usage.h"
#include "usage.h"
#include "util.h"

/*
 * 96 in flight: with 8 per endpoint (session.c) 30 regions still keep
 * every slot busy.  make bench, 30 regions at 20 ms: 64 -> 96 took the
 * latency bound from 1.51 to 1.01 s and the run from 1.71 to 1.23 s for
 * 0.9 MB more RSS; beyond 96 the run gains less than the bound
 * (bench/README.md).  The engine takes at most its own limit.
 */
#define COLLECT_DEFAULT_CONCURRENCY	96
#define COLLECT_MAX_CONCURRENCY		HTTP_MAX_IN_FLIGHT_LIMIT
#define COLLECT_DEFAULT_TIMEOUT_SEC	1800
#define COLLECT_MAX_TIMEOUT_SEC		86400

static const char collect_options[] =
    CMDLINE_HELP_DB
    "  --regions list     comma-separated regions, or \"all\" (the default)\n"
    "  --profile name     profile of the AWS config files\n"
    "  --region region    home region, for STS (default: from the profile)\n"
    "  --concurrency n    requests in flight at most (default 96)\n"
    "  --timeout seconds  stop unfinished regions after this (default 1800)\n"
    "  --wait             wait for a running collect instead of exiting 5\n"
    "  --notify file      then tell the targets of this file (INI, one\n"
    "                     [target NAME] each); their failures do not\n"
    "                     change the exit status\n"
    "  --no-usage         do not read usage from CloudWatch\n"
    CMDLINE_HELP_COMMON
    "\nexit status: 0 complete, no changes; 1 complete, changes found;\n"
    "2 usage or configuration error; 3 partial (some regions failed or\n"
    "are partial: something is unknown);\n"
    "4 failed (nothing recorded); 5 another collect holds the lock\n";

static int	cmd_collect_exec(const struct cmd_entry *, int, char *[]);

const struct cmd_entry cmd_collect_entry = {
	.name = "collect",
	.usage =
	    "collect [-qv] [--db path] [--regions list|all] [--profile name]\n"
	    "        [--region region] [--concurrency n] [--timeout seconds]\n"
	    "        [--wait] [--notify file] [--no-usage]",
	.options = collect_options,
	.summary = "record every region's models, access and quotas",
	.exec = cmd_collect_exec,
};

struct collect_opts {
	struct cmdline	 c;		/* --db, -q, -v, -h */
	const char	*regions;
	const char	*profile;
	const char	*region;
	long long	 concurrency;
	long long	 timeout_sec;
	int		 wait;
	const char	*notify;	/* --notify file */
	int		 no_usage;	/* --no-usage */
};

/* What the region callback needs and counts. */
struct collect_state {
	struct store	*st;
	long long	 run_id;
	size_t		 ok;		/* regions recorded, partial too */
	size_t		 partial;	/* of those, partial */
	size_t		 failed;	/* regions failed, store errors too */
	size_t		 not_enabled;	/* opt-in regions not enabled */
	size_t		 changes;	/* changes recorded */
	const char	*account;	/* the run's account, borrowed */
	long long	 started;	/* the run's start, epoch seconds */
	size_t		 usage_metrics;	/* metrics requested, all regions */
	size_t		 usage_unknown;	/* regions whose usage is unknown */
};

/* Parse argv into *o; -1 on a usage error (reported). */
static int
collect_parse(int argc, char *argv[], struct collect_opts *o)
{
	static const struct option	opts[] = {
		{ "concurrency", required_argument, NULL, 'c' },
		{ "no-usage", no_argument, NULL, 'U' },
		CMDLINE_OPT_DB, CMDLINE_OPT_HELP,
		{ "notify", required_argument, NULL, 'N' },
		{ "profile", required_argument, NULL, 'P' },
		CMDLINE_OPT_QUIET,
		{ "region", required_argument, NULL, 'R' },
		{ "regions", required_argument, NULL, 'r' },
		{ "timeout", required_argument, NULL, 't' },
		CMDLINE_OPT_VERBOSE,
		{ "wait", no_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*errstr;
	int		 ch;

	memset(o, 0, sizeof(*o));
	cmdline_init(&o->c);
	o->regions = "all";
	o->concurrency = COLLECT_DEFAULT_CONCURRENCY;
	o->timeout_sec = COLLECT_DEFAULT_TIMEOUT_SEC;
	while ((ch = getopt_long(argc, argv, "hqv", opts, NULL)) != -1) {
		if (cmdline_opt(&o->c, ch, optarg) == 1)
			continue;
		switch (ch) {
		case 'c':
			o->concurrency = parse_num(optarg, 1,
			    COLLECT_MAX_CONCURRENCY, &errstr);
			if (errstr != NULL) {
				warnx("--concurrency %s: %s (1 to %d)", optarg,
				    errstr, COLLECT_MAX_CONCURRENCY);
				return -1;
			}
			break;
		case 'N': o->notify = optarg; break;
		case 'P': o->profile = optarg; break;
		case 'R': o->region = optarg; break;
		case 'r': o->regions = optarg; break;
		case 't':
			o->timeout_sec = parse_num(optarg, 1,
			    COLLECT_MAX_TIMEOUT_SEC, &errstr);
			if (errstr != NULL) {
				warnx("--timeout %s: %s (1 to %d seconds)",
				    optarg, errstr, COLLECT_MAX_TIMEOUT_SEC);
				return -1;
			}
			break;
		case 'w': o->wait = 1; break;
		case 'U': o->no_usage = 1; break;
		default: return -1;
		}
	}
	if (optind != argc) {
		warnx("unexpected argument: %s", argv[optind]);
		return -1;
	}
	return 0;
}

/*
 * Say once, on stderr, why a region failed or is partial: how many calls
 * failed and the most telling one (collect.h puts it first): the call,
 * the AWS code and HTTP status (the status alone when the reply had no
 * code), the message, and for AccessDenied the IAM action to allow.  A
 * region that is not enabled is no failure: one line at -v.
 */
static void
collect_warn_region(const struct collect_region *r)
{
	const char	*action = playbook_iam_action(r->operation);
	const char	*code = str_or_empty(r->error_code);
	unsigned long	 calls = 0;
	size_t		 i;
	char		 what[128], safe[LOG_SAFE_LEN];
	int		 denied;

	if (r->status == REGION_STATUS_NOT_ENABLED) {
		log_debug(2, "%s: not enabled for this account (an opt-in "
		    "region): skipped", r->region);
		return;
	}
	for (i = 0; i < r->failuresz; i++)
		calls += r->failures[i].count;
	(void)status_failure_text(r->http_status, code, what, sizeof(what));
	denied = action != NULL && strstr(code, "AccessDenied") != NULL;
	log_debug(1, "%s: %s: %lu call%s failed; %s: %s: %s%s%s", r->region,
	    status_region_name(r->status), calls, calls == 1 ? "" : "s",
	    str_or_empty(r->operation), what,
	    log_safe(r->error_message, safe, sizeof(safe)),
	    denied ? "; allow the IAM action " : "", denied ? action : "");
}

/*
 * The regions the account has enabled (Account ListRegions) into "out":
 * left empty (names NULL) when they are unknown, which many accounts'
 * policies will leave them, said in one -v line; the error-based rule
 * then decides alone (playbook_region_not_enabled()).
 */
static void
collect_enabled_regions(struct session *s, long long deadline,
    struct aws_regions *out)
{
	char	*why = NULL, safe[LOG_SAFE_LEN];

	if (session_enabled_regions(s, deadline, out, &why) == 0 &&
	    out->n > 0) {
		log_debug(2, "ListRegions: %zu regions enabled", out->n);
		return;
	}
	/* An empty list would make every region not enabled: not used. */
	aws_regions_free(out);
	log_debug(1, "enabled regions unknown (%s); an opt-in region is "
	    "judged by its errors", why != NULL ?
	    log_safe(why, safe, sizeof(safe)) : "ListRegions: no region");
	free(why);
}

/* collect_regions() callback: record each region as soon as it ends. */
/*
 * The one line that says a region's usage is unknown, and which IAM
 * action would let it be read when access was denied.
 */
static void
collect_warn_usage(const struct collect_region *r)
{
	const struct collect_usage	*u = &r->usage;
	const char			*action = playbook_iam_action(
					    u->operation);
	char				 what[128], safe[LOG_SAFE_LEN];
	int				 denied;

	(void)status_failure_text(u->http_status, str_or_empty(u->error_code),
	    what, sizeof(what));
	denied = action != NULL &&
	    strstr(str_or_empty(u->error_code), "AccessDenied") != NULL;
	log_debug(1, "%s: usage unknown: %s: %s: %s%s%s", r->region,
	    str_or_empty(u->operation), what,
	    log_safe(u->error_message, safe, sizeof(safe)),
	    denied ? "; allow the IAM action " : "", denied ? action : "");
}

/*
 * The region's usage outcome for the store, and, when it was read, its
 * day rows and quota mappings in "res".  The quotas are mapped only
 * when the run knows the region's models and quotas.
 */
static int
collect_usage_outcome(const struct collect_region *r,
    struct store_usage_run *u, struct usage_result *res)
{
	const struct collect_usage	*cu = &r->usage;
	const struct snapshot		*sn = &r->snap;
	int				 known;

	memset(u, 0, sizeof(*u));
	memset(res, 0, sizeof(*res));
	u->metrics = (long long)cu->requested;
	switch (cu->status) {
	case COLLECT_USAGE_SKIPPED:
	case COLLECT_USAGE_RUNNING:
		u->status = STORE_USAGE_SKIPPED;
		return 0;
	case COLLECT_USAGE_NOTHING_NEW:
		u->status = STORE_USAGE_NOTHING_NEW;
		return 0;
	case COLLECT_USAGE_FAILED:
		u->status = STORE_USAGE_FAILED;
		u->operation = cu->operation;
		u->http_status = cu->http_status;
		u->error_code = cu->error_code;
		u->error_message = cu->error_message;
		return 0;
	case COLLECT_USAGE_OK:
		break;
	}
	u->status = STORE_USAGE_OK;
	u->start = cu->start;
	u->end = cu->end;
	known = r->ok && !(sn->unknown & (REGION_PART_BIT(REGION_PART_MODELS) |
	    REGION_PART_BIT(REGION_PART_QUOTAS)));
	return usage_build(cu->queries, cu->nqueries, &cu->data, cu->start,
	    cu->end, sn->models, sn->modelsz, known ? sn->quotas : NULL,
	    known ? sn->quotasz : 0, &cu->listed, res);
}

/* Record the region's usage after its state; never changes the exit. */
static void
collect_usage_record(struct collect_state *cs, const struct collect_region *r,
    const struct store_usage_run *u, const struct usage_result *res,
    int baseline)
{
	size_t	n = 0;

	cs->usage_metrics += r->usage.requested;
	if (r->usage.status == COLLECT_USAGE_FAILED) {
		cs->usage_unknown++;
		collect_warn_usage(r);
	}
	if (r->status == REGION_STATUS_NOT_ENABLED)
		return;
	if (store_usage_record(cs->st, cs->run_id, cs->account, r->region, u,
	    res) == -1)
		log_debug(1, "%s: usage not recorded", r->region);
	else if (u->status == STORE_USAGE_OK) {
		log_debug(2, "%s: usage: %zu metrics requested, %zu day rows",
		    r->region, r->usage.requested, res->nrows);
		/* findings that started or ended: changes (evidence only) */
		if (ingest_usage(cs->st, cs->run_id, cs->started, cs->account,
		    r->region, baseline, &n) == -1)
			log_debug(1, "%s: usage findings not recorded",
			    r->region);
		cs->changes += n;
	}
}

/*
 * Whether "region" is a baseline in this run: no earlier run collected
 * it.  Its usage findings are then recorded as the base the next run
 * compares with, and, like its state, are no change.
 */
static int
collect_region_baseline(struct collect_state *cs, const char *region)
{
	long long	prev = 0;
	int		found = 0, seen = 0;

	if (store_run_before(cs->st, cs->run_id, &prev, &found) == -1 ||
	    !found)
		return 1;
	if (store_region_seen(cs->st, prev, region, &seen) == -1)
		return 1;
	return !seen;
}

static void
collect_region_done(void *arg, struct collect_region *r)
{
	struct collect_state	*cs = arg;
	int			 baseline;
	struct store_usage_run	 u;
	struct usage_result	 res;

	if (r->status != REGION_STATUS_OK)
		collect_warn_region(r);
	baseline = collect_region_baseline(cs, r->region);
	/* before ingest, which may take the snapshot */
	if (collect_usage_outcome(r, &u, &res) == -1) {
		u.status = STORE_USAGE_FAILED;
		u.operation = "GetMetricData";
		u.error_code = "InvalidReply";
		u.error_message = "the usage could not be aggregated";
	}
	if (ingest_region(cs->st, cs->run_id, r, &cs->changes) == 1) {
		cs->ok++;
		cs->partial += r->status == REGION_STATUS_PARTIAL;
		log_debug(2, "%s: recorded %zu models, %zu quotas", r->region,
		    r->snap.modelsz, r->snap.quotasz);
	} else if (r->status == REGION_STATUS_NOT_ENABLED)
		cs->not_enabled++;
	else
		cs->failed++;
	collect_usage_record(cs, r, &u, &res, baseline);
	usage_result_free(&res);
}

/*
 * What usage to read: where each region's last successful usage
 * collection ended ("last_end", regionsz entries, filled).  -1 after
 * warnx(3).
 */
static int
collect_usage_plan(const struct collect_opts *o, struct store *st,
    const char *account, char **regions, size_t regionsz,
    long long *last_end, struct collect_usage_plan *plan)
{
	size_t	i;

	plan->now = (long long)time(NULL);
	plan->last_end = last_end;
	for (i = 0; !o->no_usage && i < regionsz; i++)
		if (store_usage_last_end(st, account, regions[i],
		    &last_end[i]) == -1)
			return -1;
	return 0;
}

/* Open the database and take the writer lock; an exit status on failure. */
static int
collect_open_store(const struct collect_opts *o, struct store **stp)
{
	char	*db = NULL;
	int	 r, rc = EXIT_FAILED;

	*stp = NULL;
	if (o->c.db == NULL && (db = cmdline_default_db()) == NULL)
		return EXIT_USAGE;
	if ((*stp = store_open(o->c.db != NULL ? o->c.db : db,
	    STORE_CREATE)) == NULL)
		goto out;
	if ((r = store_lock(*stp, o->wait)) == 1) {
		warnx("%s: another collect is running; try again later or "
		    "use --wait", o->c.db != NULL ? o->c.db : db);
		rc = EXIT_LOCKED;
	} else if (r == 0)
		rc = EXIT_OK;
out:
	if (rc != EXIT_OK) {
		store_close(*stp);
		*stp = NULL;
	}
	free(db);
	return rc;
}

/*
 * Refuse to record account "account" into a database that holds another
 * account's runs: diffing one account's state against another's would be
 * a flood of false changes.  EXIT_OK, or an exit status after warnx(3).
 */
static int
collect_check_account(struct store *st, const char *account)
{
	char	*other = NULL;
	int	 rc = EXIT_OK;

	if (store_run_other_account(st, account, &other) == -1)
		return EXIT_FAILED;
	if (other != NULL) {
		warnx("this database records account %s; the credentials are "
		    "for account %s: use another --db for it", other, account);
		rc = EXIT_USAGE;
	}
	free(other);
	return rc;
}

/*
 * The run's status: failed when nothing was recorded (and something
 * should have been: opt-in regions that are not enabled are no
 * failure), partial when a region failed or is partial (something is
 * unknown), else complete.
 */
static enum run_status
collect_run_status(const struct collect_state *cs, size_t regionsz)
{
	if (cs->ok == 0 && cs->not_enabled < regionsz)
		return RUN_STATUS_FAILED;
	if (cs->failed > 0 || cs->partial > 0)
		return RUN_STATUS_PARTIAL;
	return RUN_STATUS_COMPLETE;
}

/* The run itself, once the store is locked; returns the exit status. */
static int
collect_run(const struct collect_opts *o, struct store *st,
    char **regions, size_t regionsz, long long *run_id)
{
	struct collect_state	 cs;
	struct session		 s;
	struct aws_identity	 id;
	struct aws_regions	 enabled = { NULL, 0 };
	struct http_stats	 hs;
	enum run_status		 status;
	struct collect_usage_plan plan;
	long long		 deadline, *last_end = NULL;
	int			 rc = EXIT_FAILED;

	memset(&cs, 0, sizeof(cs));
	memset(&id, 0, sizeof(id));
	deadline = util_now_ms() + o->timeout_sec * 1000;
	cs.st = st;
	if (session_open(&s, o->profile, o->region, (int)o->concurrency) == -1)
		return EXIT_USAGE;
	if (session_identity(&s, &id) == 0 &&
	    (rc = collect_check_account(st, id.account)) != EXIT_OK)
		goto out;
	rc = EXIT_FAILED;
	cs.started = (long long)time(NULL);
	if (store_run_begin(st, (time_t)cs.started, &cs.run_id) == -1)
		goto out;
	*run_id = cs.run_id;
	if (id.account == NULL ||
	    store_run_set_account(st, cs.run_id, id.account) == -1) {
		/* No identity: recorded as a failed run, as cron should see. */
		(void)store_run_finish(st, cs.run_id, time(NULL),
		    RUN_STATUS_FAILED);
		goto out;
	}
	cs.account = id.account;
	last_end = xcalloc(regionsz + 1, sizeof(*last_end));
	if (collect_usage_plan(o, st, id.account, regions, regionsz, last_end,
	    &plan) == -1) {
		(void)store_run_finish(st, cs.run_id, time(NULL),
		    RUN_STATUS_FAILED);
		goto out;
	}
	collect_enabled_regions(&s, deadline, &enabled);
	if (collect_regions(s.client, regions, regionsz,
	    enabled.names != NULL ? &enabled : NULL,
	    o->no_usage ? NULL : &plan, deadline,
	    collect_region_done, &cs) == -1)
		cs.failed = regionsz - cs.ok - cs.not_enabled;
	status = collect_run_status(&cs, regionsz);
	if (store_run_finish(st, cs.run_id, time(NULL), status) == -1) {
		/*
		 * The disk filled after some regions were committed: their
		 * states are recorded (the next collect compares with them
		 * and marks this run failed), so this is partial, not
		 * nothing recorded.
		 */
		if (cs.ok > 0)
			rc = EXIT_PARTIAL;
		goto out;
	}
	log_debug(1 + (cs.failed + cs.partial == 0), "run %lld %s: %zu regions "
	    "recorded (%zu partial), %zu failed, %zu not enabled, %zu changes",
	    cs.run_id, status_run_name(status), cs.ok, cs.partial, cs.failed,
	    cs.not_enabled, cs.changes);
	client_stats(s.client, &hs);
	log_debug(1, "%lu requests (%lu retries), %lu calls failed, %lu bytes "
	    "received", hs.requests, hs.retries, hs.failures, hs.bytes_in);
	if (!o->no_usage)
		log_debug(2, "usage: %zu CloudWatch metrics requested "
		    "(GetMetricData); usage unknown in %zu region%s",
		    cs.usage_metrics, cs.usage_unknown,
		    cs.usage_unknown == 1 ? "" : "s");
	rc = status == RUN_STATUS_FAILED ? EXIT_FAILED :
	    status == RUN_STATUS_PARTIAL ? EXIT_PARTIAL :
	    cs.changes > 0 ? EXIT_CHANGES : EXIT_OK;
out:
	free(last_end);
	aws_regions_free(&enabled);
	aws_identity_free(&id);
	session_close(&s);
	return rc;
}

/*
 * Tell the targets of --notify about run "run_id", once it is committed
 * (finished, whatever its outcome).  A failure is said on stderr and
 * recorded by notify.c; it never changes collect's exit status.
 */
static void
collect_notify(const struct collect_opts *o, struct store *st,
    const struct notify_config *cfg, long long run_id)
{
	struct notify_job	 job;
	struct store_run	 r;
	enum run_status		 status;
	long long		 from;
	char			*db = NULL;
	int			 found;

	memset(&r, 0, sizeof(r));
	found = 0;
	if (store_run_get(st, run_id, &r, &found) == 0 && found)
		status = r.status;
	else
		status = RUN_STATUS_RUNNING;
	store_run_free(&r);
	if (status == RUN_STATUS_RUNNING) {
		warnx("notify: run %lld was not recorded; nothing sent",
		    run_id);
		return;
	}
	if (store_run_before(st, run_id, &from, &found) == -1)
		return;
	if (!found)
		from = run_id;
	if (o->c.db == NULL)
		db = cmdline_default_db();
	memset(&job, 0, sizeof(job));
	job.st = st;
	job.cfg = cfg;
	job.db = o->c.db != NULL ? o->c.db : db;
	job.profile = o->profile;
	job.region = o->region;
	(void)notify_job_run(&job, from, run_id);
	notify_job_close(&job);
	free(db);
}

static int
cmd_collect_exec(const struct cmd_entry *self, int argc, char *argv[])
{
	struct collect_opts	 o;
	struct store		*st = NULL;
	char			**regions = NULL;
	size_t			 regionsz = 0;
	struct notify_config	 ncfg;
	long long		 run_id = 0;
	int			 rc;

	memset(&ncfg, 0, sizeof(ncfg));
	if (collect_parse(argc, argv, &o) == -1 || o.c.help) {
		cmdline_usage(o.c.help ? stdout : stderr, self);
		return o.c.help ? EXIT_OK : EXIT_USAGE;
	}
	cmdline_set_verbosity(o.c.verbose, o.c.quiet);
	if (regions_parse(o.regions, &regions, &regionsz) == -1)
		return EXIT_USAGE;
	/* A bad --notify file is refused before a run is spent. */
	if (o.notify != NULL && notify_config_load(o.notify, &ncfg) == -1) {
		regions_free(regions, regionsz);
		return EXIT_USAGE;
	}
	if ((rc = collect_open_store(&o, &st)) == EXIT_OK) {
		rc = collect_run(&o, st, regions, regionsz, &run_id);
		if (o.notify != NULL && run_id > 0)
			collect_notify(&o, st, &ncfg, run_id);
	}
	store_close(st);
	notify_config_free(&ncfg);
	regions_free(regions, regionsz);
	return rc;
}
