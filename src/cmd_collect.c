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
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accounts.h"
#include "aws.h"
#include "client.h"
#include "cmd.h"
#include "cmdline.h"
#include "collect.h"
#include "creds.h"
#include "http.h"
#include "ingest.h"
#include "notify.h"
#include "notify_run.h"
#include "playbook.h"
#include "regions.h"
#include "report.h"
#include "session.h"
#include "store.h"
#include "store_usage.h"
#include "usage.h"
#include "util.h"

/*
 * By default no total cap of our own (0): each service and region gets
 * its per-endpoint cap (session.c), and the engine's cap grows with
 * them up to its limit (http.c, in_flight_cap()).  A fixed 96 was the
 * bound at 100 ms and more (bench/README.md).  --concurrency n sets a
 * total cap instead.
 */
#define COLLECT_DEFAULT_CONCURRENCY	0
#define COLLECT_MAX_CONCURRENCY		HTTP_MAX_IN_FLIGHT_LIMIT
#define COLLECT_DEFAULT_TIMEOUT_SEC	1800
#define COLLECT_MAX_TIMEOUT_SEC		86400
#define COLLECT_MAX_OU			100	/* --ou given */
#define COLLECT_MAX_EXCLUDE		1000	/* --exclude given */

static const char collect_options[] =
    CMDLINE_HELP_DB
    "  --regions list     comma-separated regions, or \"all\" (the default)\n"
    "  --profile name     profile of the AWS config files\n"
    "  --region region    home region, for STS (default: from the profile)\n"
    "  --concurrency n    requests in flight at most (default: 8 per\n"
    "                     service and region, 256 at most)\n"
    "  --timeout seconds  stop unfinished regions after this (default 1800)\n"
    "  --wait             wait for a running collect instead of exiting 5\n"
    "  --notify file      then tell the targets of this file (INI, one\n"
    "                     [target NAME] each); their failures do not\n"
    "                     change the exit status\n"
    "  --no-usage         do not read usage from CloudWatch\n"
    "  --accounts list    collect these accounts (comma-separated IDs, or\n"
    "                     @FILE: one or more per line, # comments) by\n"
    "                     assuming --role-name in each\n"
    "  --role-name name   the role to assume in each account of --accounts\n"
    "  --external-id id   the external ID its trust policy requires\n"
    "  --org              collect every ACTIVE account of the organization\n"
    "                     (Organizations ListAccounts) with --role-name\n"
    "  --ou id            only the accounts directly in this OU or root\n"
    "                     (repeatable)\n"
    "  --exclude id       not this account (repeatable)\n"
    "  --shard i/n        with --accounts or --org: only the accounts of\n"
    "                     shard i of n (account ID mod n = i - 1), for n\n"
    "                     databases to merge (bedrock-audit merge); \"auto\":\n"
    "                     i from AWS_BATCH_JOB_ARRAY_INDEX or\n"
    "                     JOB_COMPLETION_INDEX (0-based)\n"
    "  --shard-count n    with --shard auto: n (else AWS_BATCH_JOB_ARRAY_SIZE)\n"
    CMDLINE_HELP_COMMON
    "\nexit status: 0 complete, no changes; 1 complete, changes found;\n"
    "2 usage or configuration error; 3 partial (some regions or accounts\n"
    "failed or are partial: something is unknown);\n"
    "4 failed (nothing recorded); 5 another collect holds the lock\n";

static int	cmd_collect_exec(const struct cmd_entry *, int, char *[]);

const struct cmd_entry cmd_collect_entry = {
	.name = "collect",
	.usage =
	    "collect [-qv] [--db path] [--regions list|all] [--profile name]\n"
	    "        [--region region] [--concurrency n] [--timeout seconds]\n"
	    "        [--wait] [--notify file] [--no-usage]\n"
	    "        [--accounts list|@file --role-name name [--external-id id]]\n"
	    "        [--org [--ou id ...] [--exclude id ...]]\n"
	    "        [--shard i/n|auto [--shard-count n]]",
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
	const char	*accounts;	/* --accounts LIST or @FILE */
	const char	*role_name;	/* --role-name */
	const char	*external_id;	/* --external-id */
	int		 org;		/* --org */
	const char	*ous[COLLECT_MAX_OU];	/* --ou */
	size_t		 ousz;
	const char	*exclude[COLLECT_MAX_EXCLUDE];	/* --exclude */
	size_t		 excludesz;
	const char	*shard_spec;	/* --shard I/N or auto */
	const char	*shard_count;	/* --shard-count N */
	int		 sharded;	/* --shard given: shard is set */
	struct accounts_shard shard;	/* the slice of the accounts */
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
	int		 no_usage;	/* --no-usage */
	long long	 started;	/* the run's start, epoch seconds */
	size_t		 usage_metrics;	/* metrics requested, all regions */
	size_t		 usage_unknown;	/* regions whose usage is unknown */
	size_t		 regions;	/* regions asked, every account */
	size_t		 accounts_failed; /* roles that could not be assumed */
	size_t		 accounts_skipped; /* --org: not ACTIVE */
	const char	*org_status;	/* --org: "ACTIVE", what Organizations
					   said of the accounts collected */
	int		 empty_shard;	/* --shard: no account of the org's
					   is in this shard: complete */
};

/*
 * --shard (and --shard-count) into o->shard, with the job's environment
 * for "auto"; -1 on a usage error (reported).
 */
static int
collect_parse_shard(struct collect_opts *o)
{
	char	*cause = NULL;

	if (accounts_shard_parse(o->shard_spec, o->shard_count,
	    getenv("AWS_BATCH_JOB_ARRAY_INDEX"),
	    getenv("AWS_BATCH_JOB_ARRAY_SIZE"), getenv("JOB_COMPLETION_INDEX"),
	    &o->shard, &cause) == -1) {
		warnx("%s", cause);
		free(cause);
		return -1;
	}
	o->sharded = 1;
	log_debug(2, "shard %u of %u", o->shard.index, o->shard.count);
	return 0;
}

/* The account options agree; -1 on a usage error (reported). */
static int
collect_parse_accounts(struct collect_opts *o)
{
	int	multi = o->accounts != NULL || o->org;

	if (o->accounts != NULL && o->org) {
		warnx("--accounts and --org: choose one");
		return -1;
	}
	if (!o->org && (o->ousz > 0 || o->excludesz > 0)) {
		warnx("--ou and --exclude go with --org");
		return -1;
	}
	if (!multi && (o->role_name != NULL || o->external_id != NULL)) {
		warnx("--role-name and --external-id go with --accounts or "
		    "--org");
		return -1;
	}
	if (multi && o->role_name == NULL) {
		warnx("%s needs --role-name: the role to assume in each "
		    "account", o->org ? "--org" : "--accounts");
		return -1;
	}
	if (o->shard_count != NULL && o->shard_spec == NULL) {
		warnx("--shard-count goes with --shard");
		return -1;
	}
	if (o->shard_spec != NULL && !multi) {
		warnx("--shard slices the accounts of --accounts or --org: "
		    "give one of them");
		return -1;
	}
	if (o->role_name != NULL && !accounts_role_name_valid(o->role_name)) {
		warnx("--role-name: not an IAM role name (1 to %d of "
		    "A-Z a-z 0-9 + = , . @ _ -)", ACCOUNTS_ROLE_NAME_MAX);
		return -1;
	}
	if (o->shard_spec != NULL)
		return collect_parse_shard(o);
	return 0;
}

/* Parse argv into *o; -1 on a usage error (reported). */
static int
collect_parse(int argc, char *argv[], struct collect_opts *o)
{
	static const struct option	opts[] = {
		{ "accounts", required_argument, NULL, 'A' },
		{ "concurrency", required_argument, NULL, 'c' },
		{ "no-usage", no_argument, NULL, 'u' },
		{ "exclude", required_argument, NULL, 'X' },
		{ "external-id", required_argument, NULL, 'E' },
		{ "org", no_argument, NULL, 'O' },
		{ "ou", required_argument, NULL, 'U' },
		{ "role-name", required_argument, NULL, 'N' },
		{ "shard", required_argument, NULL, 'S' },
		{ "shard-count", required_argument, NULL, 'K' },
		CMDLINE_OPT_DB, CMDLINE_OPT_HELP,
		{ "notify", required_argument, NULL, 'n' },
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
		case 'n': o->notify = optarg; break;
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
		case 'u': o->no_usage = 1; break;
		case 'A': o->accounts = optarg; break;
		case 'E': o->external_id = optarg; break;
		case 'N': o->role_name = optarg; break;
		case 'O': o->org = 1; break;
		case 'S': o->shard_spec = optarg; break;
		case 'K': o->shard_count = optarg; break;
		case 'U':
			if (!aws_org_parent_valid(optarg) ||
			    o->ousz == COLLECT_MAX_OU) {
				warnx("--ou %s: not an OU or root ID (ou-..., "
				    "r-...), or more than %d", optarg,
				    COLLECT_MAX_OU);
				return -1;
			}
			o->ous[o->ousz++] = optarg;
			break;
		case 'X':
			if (!store_account_valid(optarg) ||
			    o->excludesz == COLLECT_MAX_EXCLUDE) {
				warnx("--exclude %s: not an account ID (12 "
				    "digits), or more than %d", optarg,
				    COLLECT_MAX_EXCLUDE);
				return -1;
			}
			o->exclude[o->excludesz++] = optarg;
			break;
		default: return -1;
		}
	}
	if (optind != argc) {
		warnx("unexpected argument: %s", argv[optind]);
		return -1;
	}
	return collect_parse_accounts(o);
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
		log_debug(2, "%s%s%s: not enabled for this account (an opt-in "
		    "region): skipped", r->account != NULL ? r->account : "",
		    r->account != NULL ? " " : "", r->region);
		return;
	}
	for (i = 0; i < r->failuresz; i++)
		calls += r->failures[i].count;
	(void)status_failure_text(r->http_status, code, what, sizeof(what));
	denied = action != NULL && strstr(code, "AccessDenied") != NULL;
	log_debug(1, "%s%s%s: %s: %lu call%s failed; %s: %s: %s%s%s",
	    r->account != NULL ? r->account : "",
	    r->account != NULL ? " " : "", r->region,
	    status_region_name(r->status), calls, calls == 1 ? "" : "s",
	    str_or_empty(r->operation), what,
	    log_safe(r->error_message, safe, sizeof(safe)),
	    denied ? "; allow the IAM action " : "", denied ? action : "");
}

/*
 * What ListRegions said ("out", or why it is unknown: "why", NULL when
 * it answered): the enabled regions, or "out" emptied when unknown,
 * which many accounts' policies will leave them, said in one -v line;
 * the error-based rule then decides alone
 * (playbook_region_not_enabled()).
 */
static void
collect_enabled_judge(struct aws_regions *out, const char *why)
{
	char	safe[LOG_SAFE_LEN];

	if (why == NULL && out->n > 0) {
		log_debug(2, "ListRegions: %zu regions enabled", out->n);
		return;
	}
	/* An empty list would make every region not enabled: not used. */
	aws_regions_free(out);
	log_debug(1, "enabled regions unknown (%s); an opt-in region is "
	    "judged by its errors", why != NULL ?
	    log_safe(why, safe, sizeof(safe)) : "ListRegions: no region");
}

/*
 * The regions the account has enabled (Account ListRegions) into "out",
 * judged by collect_enabled_judge().
 */
static void
collect_enabled_regions(struct session *s, long long deadline,
    struct aws_regions *out)
{
	char	*why = NULL;

	(void)session_enabled_regions(s, deadline, out, &why);
	collect_enabled_judge(out, why);
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
	if (store_usage_record(cs->st, cs->run_id, r->account != NULL ?
	    r->account : cs->account, r->region, u, res) == -1)
		log_debug(1, "%s: usage not recorded", r->region);
	else if (u->status == STORE_USAGE_OK) {
		log_debug(2, "%s: usage: %zu metrics requested, %zu day rows",
		    r->region, r->usage.requested, res->nrows);
		/* findings that started or ended: changes (evidence only) */
		if (ingest_usage(cs->st, cs->run_id, cs->started,
		    r->account != NULL ? r->account : cs->account, r->region,
		    baseline, &n) == -1)
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
	/* A member's region goes to its account (validated: 12 digits). */
	if (r->account != NULL &&
	    store_set_account(cs->st, r->account) == -1) {
		cs->failed++;
		return;
	}
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
 * What usage of "account" to read: where each region's last successful
 * usage collection ended (plan->last_end, regionsz entries, allocated;
 * free with collect_usage_plan_free()).  NULL when --no-usage or when
 * the database cannot say (then usage is not read: unknown, not zero).
 */
static const struct collect_usage_plan *
collect_usage_plan(const struct collect_state *cs, const char *account,
    char **regions, size_t regionsz, struct collect_usage_plan *plan)
{
	long long	*last_end;
	size_t		 i;

	plan->now = (long long)time(NULL);
	plan->last_end = NULL;
	if (cs->no_usage)
		return NULL;
	last_end = xcalloc(regionsz + 1, sizeof(*last_end));
	plan->last_end = last_end;
	for (i = 0; i < regionsz; i++)
		if (store_usage_last_end(cs->st, account, regions[i],
		    &last_end[i]) == -1)
			return NULL;
	return plan;
}

static void
collect_usage_plan_free(struct collect_usage_plan *plan)
{
	free((void *)plan->last_end);
	plan->last_end = NULL;
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

/* Whether "account" is one of the "n" sorted "v"; 1 or 0. */
static int
collect_has_account(char *const *v, size_t n, const char *account)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], account) == 0)
			return 1;
	return 0;
}

/*
 * A plain collect records the caller's own account.  Refuse it into a
 * database that records other accounts and not this one: diffing one
 * account's state against another's would be a flood of false changes
 * (a multi-account database accepts any of its accounts).  A database
 * whose rows have no account yet (schema/0007-accounts.sql) takes the
 * caller's.  EXIT_OK, or an exit status after warnx(3); nothing is
 * written when refused.
 */
static int
collect_check_account(struct store *st, const char *account)
{
	char	**have = NULL;
	size_t	  n = 0;
	int	  rc = EXIT_OK, resolved;

	if (store_accounts(st, &have, &n) == -1)
		return EXIT_FAILED;
	if (n > 0 && !collect_has_account(have, n, account)) {
		if (n == 1)
			warnx("this database records account %s; the "
			    "credentials are for account %s: use another --db "
			    "for it", have[0], account);
		else
			warnx("this database records %zu accounts (%s, ...), "
			    "not %s, the credentials' account: use another "
			    "--db, or --accounts to add it", n, have[0],
			    account);
		rc = EXIT_USAGE;
	} else if (n == 0) {
		if (store_account_resolve(st, account, &resolved) == -1)
			rc = EXIT_FAILED;
		else if (resolved)
			log_debug(1, "the rows recorded without an account "
			    "are account %s's", account);
	}
	store_accounts_free(have, n);
	return rc;
}

/*
 * The run's status: failed when nothing was recorded (and something
 * should have been: opt-in regions that are not enabled are no
 * failure), partial when a region or an account failed or a region is
 * partial (something is unknown), else complete.
 */
static enum run_status
collect_run_status(const struct collect_state *cs)
{
	if (cs->ok == 0 && !cs->empty_shard &&
	    (cs->not_enabled < cs->regions || cs->regions == 0))
		return RUN_STATUS_FAILED;
	if (cs->failed > 0 || cs->partial > 0 || cs->accounts_failed > 0)
		return RUN_STATUS_PARTIAL;
	return RUN_STATUS_COMPLETE;
}

/*
 * Collect every region of one account through session "s" into the
 * store's account scope, which the caller has set.
 */
static void
collect_account_regions(struct collect_state *cs, struct session *s,
    char **regions, size_t regionsz, long long deadline)
{
	struct aws_regions	 enabled = { NULL, 0 };
	struct collect_usage_plan plan;
	const struct collect_usage_plan *usage;
	size_t			 ok = cs->ok, not_enabled = cs->not_enabled;
	size_t			 failed = cs->failed;

	cs->regions += regionsz;
	usage = collect_usage_plan(cs, cs->account, regions, regionsz, &plan);
	collect_enabled_regions(s, deadline, &enabled);
	if (collect_regions(s->client, regions, regionsz,
	    enabled.names != NULL ? &enabled : NULL, usage, deadline,
	    collect_region_done, cs) == -1)
		/* The engine failed: what did not end is failed. */
		cs->failed = failed + regionsz - (cs->ok - ok) -
		    (cs->not_enabled - not_enabled);
	aws_regions_free(&enabled);
	collect_usage_plan_free(&plan);
}

/*
 * Record that the role in "account" could not be assumed: the run's
 * run_account row with STS's code and message, and one warning with
 * the playbook's fix.  Its state is carried forward: unknown, not gone.
 */
static void
collect_account_failed(const struct collect_opts *o, struct collect_state *cs,
    const char *account, const char *arn, struct session *as)
{
	struct store_run_account	 a;
	const char			*code, *msg;
	char				 safe[LOG_SAFE_LEN], what[128], *fix;
	long				 status;

	creds_provider_last_error(as->cp, &status, &code, &msg);
	memset(&a, 0, sizeof(a));
	a.account_id = account;
	a.status = ACCOUNT_STATUS_FAILED;
	a.org_status = cs->org_status;
	a.operation = "AssumeRole";
	a.error_code = code != NULL ? code : status == 0 ? "NoReply" : "";
	/* No STS reply: the walk's own reason (network, caller's keys). */
	a.error_message = msg != NULL ? msg : code == NULL ?
	    creds_provider_why(as->cp) : "";
	a.external_id = o->external_id != NULL ? EXTERNAL_ID_SENT :
	    EXTERNAL_ID_NONE;
	cs->accounts_failed++;
	(void)status_failure_text(status, a.error_code, what, sizeof(what));
	/* The report's own sentence: one fix, wherever it is read. */
	fix = report_assume_fix_text(playbook_assume_fix(status, code,
	    a.external_id), REPORT_LANG_EN);
	warnx("account %s: not collected: AssumeRole %s: %s: %s; %s", account,
	    arn, what, log_safe(a.error_message, safe, sizeof(safe)), fix);
	free(fix);
	(void)store_run_account(cs->st, cs->run_id, &a);
}

/*
 * The role's credentials belong to another account than the one asked
 * for (a role ARN STS resolved elsewhere): not collected, and recorded
 * so, rather than filing one account's state under another's ID.
 */
static void
collect_account_mismatch(struct collect_state *cs, const char *account,
    const char *arn, const char *got)
{
	struct store_run_account	 a;
	char				*msg;

	msg = xasprintf("%s gave credentials of account %s", arn, got);
	warnx("account %s: not collected: %s", account, msg);
	memset(&a, 0, sizeof(a));
	a.account_id = account;
	a.status = ACCOUNT_STATUS_FAILED;
	a.org_status = cs->org_status;
	a.operation = "GetCallerIdentity";
	a.error_code = "AccountMismatch";
	a.error_message = msg;
	cs->accounts_failed++;
	(void)store_run_account(cs->st, cs->run_id, &a);
	free(msg);
}

/* Record that the run collected "account" (its regions are recorded). */
static void
collect_account_done(struct collect_state *cs, const char *account)
{
	struct store_run_account	a;

	memset(&a, 0, sizeof(a));
	a.account_id = account;
	a.status = ACCOUNT_STATUS_COLLECTED;
	a.org_status = cs->org_status;
	(void)store_run_account(cs->st, cs->run_id, &a);
}

/* A member account: its preparation, then what its collection needs. */
struct member {
	struct session_member	 p;		/* session and what it found */
	char			*arn;		/* its role */
	int			 ready;		/* role assumed, account checked */
	struct collect_usage_plan usage;	/* its regions' usage windows */
};

/* Release what member "m" holds. */
static void
collect_member_free(struct member *m)
{
	aws_identity_free(&m->p.id);
	aws_regions_free(&m->p.enabled);
	free(m->p.regions_why);
	collect_usage_plan_free(&m->usage);
	session_close(&m->p.s);
	free(m->arn);
}

/*
 * Judge the preparation of member account "m" (session_prepare_members()):
 * a role that could not be assumed, credentials that are not the
 * account's, or ready, its enabled regions known or not.  What fails is
 * recorded for the run.
 */
static void
collect_member_judge(const struct collect_opts *o, struct collect_state *cs,
    struct member *m)
{
	struct session_member	*p = &m->p;

	if (!p->assumed || !p->identified)
		collect_account_failed(o, cs, p->account, m->arn, &p->s);
	else if (strcmp(p->id.account, p->account) != 0)
		collect_account_mismatch(cs, p->account, m->arn,
		    p->id.account);
	else {
		log_debug(2, "account %s: as %s", p->account, p->id.arn);
		collect_enabled_judge(&p->enabled, p->regions_why);
		m->ready = 1;
	}
}

/*
 * Every member account of --accounts or --org: all prepared at once on
 * the caller's engine (the role assumed, the account checked, its
 * enabled regions asked: session_prepare_members()) and judged in the
 * list's order, then every (account, region) collected concurrently on
 * that engine, each account's calls keyed by its account (per-endpoint
 * caps and throttling are an account's own), each region recorded in
 * its account's scope.
 */
static void
collect_members(const struct collect_opts *o, struct collect_state *cs,
    struct session *caller, const struct aws_identity *id,
    char **accounts, size_t accountsz, char **regions, size_t regionsz,
    long long deadline)
{
	struct member		*m;
	struct session_member	*pv;
	struct collect_target	*t;
	char			*partition;
	size_t			 i, n = 0, ok, not_enabled, failed;

	if ((partition = accounts_partition(id->arn)) == NULL) {
		warnx("the caller's ARN names no partition: no account "
		    "collected");
		cs->accounts_failed = accountsz;
		return;
	}
	m = xcalloc(accountsz + 1, sizeof(*m));
	pv = xcalloc(accountsz + 1, sizeof(*pv));
	t = xcalloc(accountsz + 1, sizeof(*t));
	for (i = 0; i < accountsz; i++) {
		m[i].arn = accounts_role_arn(partition, accounts[i],
		    o->role_name);
		pv[i].account = accounts[i];
		session_open_role(&pv[i].s, caller, accounts[i], m[i].arn,
		    o->external_id);
	}
	(void)session_prepare_members(caller, pv, accountsz, deadline);
	for (i = 0; i < accountsz; i++) {
		m[i].p = pv[i];
		collect_member_judge(o, cs, &m[i]);
		if (!m[i].ready)
			continue;
		t[n].client = m[i].p.s.client;
		t[n].account = m[i].p.account;
		t[n].regions = regions;
		t[n].regionsz = regionsz;
		t[n].enabled = m[i].p.enabled.names != NULL ?
		    &m[i].p.enabled : NULL;
		t[n].usage = collect_usage_plan(cs, m[i].p.account, regions,
		    regionsz, &m[i].usage);
		n++;
	}
	free(pv);
	cs->regions += n * regionsz;
	ok = cs->ok;
	not_enabled = cs->not_enabled;
	failed = cs->failed;
	if (n > 0 && collect_targets(t, n, deadline, collect_region_done,
	    cs) == -1)
		/* The engine failed: what did not end is failed. */
		cs->failed = failed + n * regionsz - (cs->ok - ok) -
		    (cs->not_enabled - not_enabled);
	for (i = 0; i < accountsz; i++) {
		if (m[i].ready)
			collect_account_done(cs, m[i].p.account);
		collect_member_free(&m[i]);
	}
	free(t);
	free(m);
	free(partition);
}

/*
 * The accounts of --accounts LIST or @FILE into a new sorted array;
 * -1 after warnx(3).
 */
static int
collect_account_list(const char *spec, char ***out, size_t *outsz)
{
	struct buf	 b = BUF_INIT;
	char		*cause = NULL, chunk[4096];
	FILE		*f = NULL;
	size_t		 n;
	int		 rc = -1;

	if (spec[0] != '@') {
		buf_addstr(&b, spec);
	} else if ((f = fopen(spec + 1, "re")) == NULL) {
		warn("--accounts %s", spec);
		return -1;
	} else {
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
			if (b.len + n > ACCOUNTS_MAX_FILE_BYTES) {
				warnx("--accounts %s: larger than %d bytes",
				    spec, ACCOUNTS_MAX_FILE_BYTES);
				goto out;
			}
			buf_add(&b, chunk, n);
		}
		if (ferror(f)) {
			warn("--accounts %s", spec);
			goto out;
		}
	}
	if (accounts_parse(b.data != NULL ? b.data : "", b.len, out, outsz,
	    &cause) == -1)
		warnx("--accounts %s: %s", spec[0] == '@' ? spec : "list",
		    cause);
	else
		rc = 0;
out:
	if (f != NULL)
		fclose(f);
	free(cause);
	buf_free(&b);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether --exclude names "id". */
static int
collect_excluded(const struct collect_opts *o, const char *id)
{
	size_t	i;

	for (i = 0; i < o->excludesz; i++)
		if (strcmp(o->exclude[i], id) == 0)
			return 1;
	return 0;
}

/*
 * The accounts of the organization (--org; each --ou's, or all) into a
 * new sorted array of the ACTIVE ones not excluded; each one that is not
 * ACTIVE is recorded as skipped for the run, with its status, and named
 * at -v.  -1 after warnx(3) when Organizations did not answer.
 */
static int
collect_org_accounts(const struct collect_opts *o, struct collect_state *cs,
    struct session *s, long long deadline, char ***out, size_t *outsz)
{
	struct aws_org_accounts		 org = { NULL, 0 };
	struct store_run_account	 a;
	char				*why = NULL, safe[LOG_SAFE_LEN];
	char				**v;
	size_t				 i, n = 0;

	*out = NULL;
	*outsz = 0;
	for (i = 0; i == 0 || i < o->ousz; i++)
		if (session_org_accounts(s, o->ousz > 0 ? o->ous[i] : NULL,
		    deadline, &org, &why) == -1) {
			warnx("--org: %s; listing accounts needs the "
			    "organization's management account or a delegated "
			    "administrator, with organizations:ListAccounts%s",
			    log_safe(why, safe, sizeof(safe)), o->ousz > 0 ?
			    " and organizations:ListAccountsForParent" : "");
			free(why);
			aws_org_accounts_free(&org);
			return -1;
		}
	v = xreallocarray(NULL, org.n + 1, sizeof(*v));
	for (i = 0; i < org.n; i++) {
		/*
		 * Another shard's account, collected or skipped there: each
		 * skipped account is recorded by exactly one shard too.
		 */
		if (collect_excluded(o, org.v[i].id) || (o->sharded &&
		    !accounts_in_shard(org.v[i].id, &o->shard)))
			continue;
		if (org.v[i].active) {
			v[n++] = xstrdup(org.v[i].id);
			continue;
		}
		memset(&a, 0, sizeof(a));
		a.account_id = org.v[i].id;
		a.status = ACCOUNT_STATUS_SKIPPED;
		a.org_status = org.v[i].status;
		log_debug(1, "account %s: %s in the organization: skipped",
		    org.v[i].id, org.v[i].status);
		cs->accounts_skipped++;
		(void)store_run_account(cs->st, cs->run_id, &a);
	}
	aws_org_accounts_free(&org);
	qsort(v, n, sizeof(*v), cmp_str);
	cs->org_status = "ACTIVE";
	*out = v;
	*outsz = n;
	return 0;
}


/*
 * End run "run_id" as failed before its first region, with why when the
 * session knows it ("f": no row rather than a guessed step).
 */
static void
collect_run_failed(struct store *st, long long run_id,
    const struct session_failure *f)
{
	if (*f->step != '\0')
		(void)store_run_failure_put(st, run_id, f->step,
		    f->http_status, f->code, f->message);
	(void)store_run_finish(st, run_id, time(NULL), RUN_STATUS_FAILED);
}

/* The run itself, once the store is locked; returns the exit status. */
static int
collect_run(const struct collect_opts *o, struct store *st,
    char **regions, size_t regionsz, long long *run_id)
{
	struct collect_state	 cs;
	struct session		 s;
	struct aws_identity	 id;
	struct http_stats	 hs;
	enum run_status		 status;
	char			**accounts = NULL;
	size_t			 accountsz = 0;
	long long		 deadline;
	int			 rc = EXIT_FAILED;

	memset(&cs, 0, sizeof(cs));
	memset(&id, 0, sizeof(id));
	deadline = util_now_ms() + o->timeout_sec * 1000;
	cs.st = st;
	if (o->accounts != NULL &&
	    collect_account_list(o->accounts, &accounts, &accountsz) == -1)
		return EXIT_USAGE;
	if (accounts != NULL && o->sharded) {
		accounts_shard_filter(accounts, &accountsz, &o->shard);
		if (accountsz == 0) {
			/* No run: a merge has nothing of this shard to add. */
			log_debug(1, "shard %u/%u: no account of --accounts is "
			    "in this shard; nothing to collect",
			    o->shard.index, o->shard.count);
			accounts_free(accounts, accountsz);
			return EXIT_OK;
		}
	}
	if (session_open(&s, o->profile, o->region, (int)o->concurrency) ==
	    -1) {
		accounts_free(accounts, accountsz);
		return EXIT_USAGE;
	}
	if (session_identity(&s, &id) == 0 && accounts == NULL && !o->org &&
	    (rc = collect_check_account(st, id.account)) != EXIT_OK)
		goto out;
	rc = EXIT_FAILED;
	cs.started = (long long)time(NULL);
	if (store_run_begin(st, (time_t)cs.started, &cs.run_id) == -1)
		goto out;
	*run_id = cs.run_id;
	if (id.account == NULL) {
		/*
		 * No identity: a failed run, as cron should see, with why
		 * (the report of the run names the cause and its fix).
		 */
		collect_run_failed(st, cs.run_id, &s.failed);
		goto out;
	}
	if (store_run_set_account(st, cs.run_id, id.account) == -1) {
		(void)store_run_finish(st, cs.run_id, time(NULL),
		    RUN_STATUS_FAILED);
		goto out;
	}
	cs.account = id.account;
	cs.no_usage = o->no_usage;
	if (o->org && collect_org_accounts(o, &cs, &s, deadline, &accounts,
	    &accountsz) == -1) {
		collect_run_failed(st, cs.run_id, &s.failed);
		goto out;
	}
	if (o->org && o->sharded && accountsz == 0) {
		log_debug(1, "shard %u/%u: no active account of the "
		    "organization is in this shard", o->shard.index,
		    o->shard.count);
		cs.empty_shard = 1;
	}
	if (accounts != NULL)
		collect_members(o, &cs, &s, &id, accounts, accountsz, regions,
		    regionsz, deadline);
	else if (store_set_account(st, id.account) == 0) {
		collect_account_regions(&cs, &s, regions, regionsz, deadline);
		collect_account_done(&cs, id.account);
	}
	status = collect_run_status(&cs);
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
	log_debug(1 + (cs.failed + cs.partial + cs.accounts_failed == 0),
	    "run %lld %s: %zu regions recorded (%zu partial), %zu failed, "
	    "%zu not enabled, %zu changes%s", cs.run_id,
	    status_run_name(status), cs.ok, cs.partial, cs.failed,
	    cs.not_enabled, cs.changes, cs.accounts_failed > 0 ?
	    "; some accounts not collected" : "");
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
	accounts_free(accounts, accountsz);
	aws_identity_free(&id);
	session_close(&s);
	return rc;
}

/*
 * Tell the targets of --notify about run "run_id" of the handle's
 * account, once it is committed (finished, whatever its outcome).  A
 * failure is said on stderr and recorded by notify.c; it never changes
 * collect's exit status.
 */
static void
notify_account(const struct collect_opts *o, struct store *st,
    const struct notify_config *cfg, long long run_id, const char *db)
{
	struct notify_job	 job;
	long long		 from;
	int			 found;

	if (store_run_before(st, run_id, &from, &found) == -1)
		return;
	if (!found)
		from = run_id;
	memset(&job, 0, sizeof(job));
	job.st = st;
	job.cfg = cfg;
	job.db = db;
	job.profile = o->profile;
	job.region = o->region;
	(void)notify_job_run(&job, from, run_id);
	notify_job_close(&job);
}

/*
 * A run that failed before it learnt any account (no credentials, STS
 * refused them, --org could not list): each account the database
 * records or some run tried is told, as its own report says it (the
 * run failed, why, and its problems as last known, or unknown).  Told
 * unscoped, a notification would count the open problems of no account:
 * "0".  A database with no account yet is told once, unscoped: nothing
 * is known.
 */
static void
collect_notify_unscoped(const struct collect_opts *o, struct store *st,
    const struct notify_config *cfg, long long run_id, const char *db)
{
	char	**ids = NULL;
	size_t	  n = 0, i;

	if (store_accounts_tried(st, &ids, &n) == -1)
		return;
	if (n == 0)
		notify_account(o, st, cfg, run_id, db);
	for (i = 0; i < n; i++)
		if (store_set_account(st, ids[i]) == 0)
			notify_account(o, st, cfg, run_id, db);
	store_accounts_free(ids, n);
}

/*
 * Each account of a multi-account run is told of separately, as its own
 * report (report --account ID) says it; a skipped account (not ACTIVE)
 * has no run to tell of.  A run of the caller's account alone records
 * no accounts: the handle's scope is already that account, unless the
 * run failed before it learnt it.
 */
static void
collect_notify(const struct collect_opts *o, struct store *st,
    const struct notify_config *cfg, long long run_id)
{
	struct store_account_row *acc = NULL;
	struct store_run	 r;
	enum run_status		 status;
	size_t			 n = 0, i;
	char			*db = NULL;
	const char		*path;
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
	if (store_run_accounts_get(st, run_id, &acc, &n) == -1)
		return;
	if (o->c.db == NULL)
		db = cmdline_default_db();
	path = o->c.db != NULL ? o->c.db : db;
	if (n == 0 && *store_account(st) == '\0')
		collect_notify_unscoped(o, st, cfg, run_id, path);
	else if (n == 0)
		notify_account(o, st, cfg, run_id, path);
	for (i = 0; i < n; i++)
		if (acc[i].status != ACCOUNT_STATUS_SKIPPED &&
		    store_set_account(st, acc[i].account_id) == 0)
			notify_account(o, st, cfg, run_id, path);
	store_account_rows_free(acc, n);
	free(db);
}

/*
 * glibc only: blocks of 32 KB and more (a region's quota list, a reply
 * page) in their own mappings instead of the heap, where each one freed
 * left a hole that small strings split, so that the next one took fresh
 * memory at the top: half a megabyte of a large run's peak (issue 12).
 * glibc's own threshold starts at 128 KB.
 */
#define COLLECT_MMAP_THRESHOLD_BYTES	(32 * 1024)

static void
collect_malloc_tune(void)
{
#ifdef __GLIBC__
	(void)mallopt(M_MMAP_THRESHOLD, COLLECT_MMAP_THRESHOLD_BYTES);
#endif
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
	collect_malloc_tune();
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
