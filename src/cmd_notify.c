/*
 * cmd_notify.c: "bedrock-audit notify" tells the targets of a --notify
 * file about a run that collect has recorded.  Without --run it sends
 * what is pending: the newest finished run, to each target that has not
 * heard of it yet (a collect without --notify, or one whose notification
 * could not start); a target that was sent it, failed, skipped it or
 * was interrupted while sending is left alone, so this never sends a
 * run twice by itself.  With --run it sends the report of that run
 * (against the run before it) to every target again, whatever its
 * threshold: the explicit "send again".
 *
 * A target that fails is one line on stderr and a row in the
 * notifications view; the exit status is then 4.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "cmdline.h"
#include "notify.h"
#include "notify_run.h"
#include "runref.h"
#include "store.h"
#include "util.h"

static const char notify_options[] =
    "  --notify file      the targets (INI, one [target NAME] each)\n"
    "  --run ref          send this run's report again to every target\n"
    "                     (default: the newest run, to the targets that\n"
    "                     have not heard of it)\n"
    CMDLINE_HELP_DB
    "  --profile name     profile of the AWS config files (sns,\n"
    "                     eventbridge)\n"
    "  --region region    region of an eventbridge target without one\n"
    CMDLINE_HELP_COMMON
    "\nexit status: 0 every target sent to, skipped or already notified;\n"
    "2 usage or configuration error; 4 a target failed or no run\n";

static int	cmd_notify_exec(const struct cmd_entry *, int, char *[]);

const struct cmd_entry cmd_notify_entry = {
	.name = "notify",
	.usage =
	    "notify [-qv] --notify file [--run ref] [--db path]\n"
	    "        [--profile name] [--region region]",
	.options = notify_options,
	.summary = "send a run's news to the notification targets",
	.exec = cmd_notify_exec,
};

struct notify_opts {
	struct cmdline	 c;		/* --db, -q, -v, -h */
	const char	*file;		/* --notify */
	const char	*run;		/* --run */
	const char	*profile;
	const char	*region;
};

/* Parse argv; -1 on a usage error (reported). */
static int
notify_parse(int argc, char *argv[], struct notify_opts *o)
{
	static const struct option	opts[] = {
		CMDLINE_OPT_DB, CMDLINE_OPT_HELP,
		{ "notify", required_argument, NULL, 'N' },
		{ "profile", required_argument, NULL, 'P' },
		CMDLINE_OPT_QUIET,
		{ "region", required_argument, NULL, 'R' },
		{ "run", required_argument, NULL, 'n' },
		CMDLINE_OPT_VERBOSE,
		{ NULL, 0, NULL, 0 }
	};
	int	ch, r;

	memset(o, 0, sizeof(*o));
	cmdline_init(&o->c);
	while ((ch = getopt_long(argc, argv, "hqv", opts, NULL)) != -1) {
		if ((r = cmdline_opt(&o->c, ch, optarg)) != 0) {
			if (r == -1)
				return -1;
			continue;
		}
		switch (ch) {
		case 'N': o->file = optarg; break;
		case 'n': o->run = optarg; break;
		case 'P': o->profile = optarg; break;
		case 'R': o->region = optarg; break;
		default: return -1;
		}
	}
	if (optind != argc) {
		warnx("unexpected argument: %s", argv[optind]);
		return -1;
	}
	if (o->file == NULL && !o->c.help) {
		warnx("--notify file is required");
		return -1;
	}
	if (o->run != NULL && runref_check(o->run) == -1)
		return -1;
	return 0;
}

/* The run to tell of and the one before it; -1 after warnx(3). */
static int
notify_pick(struct store *st, const struct notify_opts *o, long long *from,
    long long *run)
{
	int	found;

	if (o->run != NULL) {
		if (runref_resolve(st, o->run, time(NULL), run) == -1)
			return -1;
	} else {
		if (store_run_newest(st, run, &found) == -1)
			return -1;
		if (!found) {
			warnx("no finished run in the database");
			return -1;
		}
	}
	if (store_run_before(st, *run, from, &found) == -1)
		return -1;
	if (!found)
		*from = *run;	/* the first run: a baseline */
	return 0;
}

/*
 * Scope "st" to the database's account when it records one (the rows of
 * a run are keyed by account since schema 0007; unscoped, a run's
 * report would be empty).  A database of several accounts stays
 * unscoped.  0, or -1 after warnx(3).
 */
static int
notify_scope(struct store *st)
{
	char	**acc = NULL;
	size_t	  n = 0;
	int	  rc = 0;

	if (store_accounts(st, &acc, &n) == -1)
		return -1;
	if (n == 1)
		rc = store_set_account(st, acc[0]);
	store_accounts_free(acc, n);
	return rc;
}

static int
cmd_notify_exec(const struct cmd_entry *self, int argc, char *argv[])
{
	struct notify_opts	 o;
	struct notify_config	 cfg;
	struct notify_job	 job;
	struct store		*st = NULL;
	char			*db = NULL;
	long long		 from, run;
	int			 rc = EXIT_FAILED;

	memset(&cfg, 0, sizeof(cfg));
	if (notify_parse(argc, argv, &o) == -1 || o.c.help) {
		cmdline_usage(o.c.help ? stdout : stderr, self);
		return o.c.help ? EXIT_OK : EXIT_USAGE;
	}
	cmdline_set_verbosity(o.c.verbose, o.c.quiet);
	if (notify_config_load(o.file, &cfg) == -1)
		return EXIT_USAGE;
	if (o.c.db == NULL && (db = cmdline_default_db()) == NULL) {
		rc = EXIT_USAGE;
		goto out;
	}
	if ((st = store_open(o.c.db != NULL ? o.c.db : db, 0)) == NULL ||
	    notify_scope(st) == -1 || notify_pick(st, &o, &from, &run) == -1)
		goto out;
	memset(&job, 0, sizeof(job));
	job.st = st;
	job.cfg = &cfg;
	job.db = o.c.db != NULL ? o.c.db : db;
	job.profile = o.profile;
	job.region = o.region;
	job.resend = o.run != NULL;
	if (notify_job_run(&job, from, run) == 0)
		rc = EXIT_OK;
	notify_job_close(&job);
out:
	store_close(st);
	notify_config_free(&cfg);
	free(db);
	return rc;
}
