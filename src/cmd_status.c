/*
 * cmd_status.c: "bedrock-audit status" shows what the newest run saw:
 * each region's outcome (with the fix for a failed one), the models this
 * account cannot use, the quotas applied below their AWS default, and the
 * quota increase requests still open.  A failed region shows the last
 * state that was known of it, and a newer run that failed as a whole is
 * named (the state may be out of date; the organization's status shows
 * that run as its coverage).  view_status() selects the rows and the
 * playbook decides their paths; this file only wires them together.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmdline.h"
#include "report.h"
#include "store.h"
#include "tz.h"
#include "util.h"
#include "view.h"

static const char status_options[] =
    CMDLINE_HELP_DB
    CMDLINE_HELP_ACCOUNT
    CMDLINE_HELP_FORMAT
    CMDLINE_HELP_LANG
    CMDLINE_HELP_TZ
    CMDLINE_HELP_COMMON;

static int	cmd_status_exec(const struct cmd_entry *, int, char *[]);

const struct cmd_entry cmd_status_entry = {
	.name = "status",
	.usage =
	    "status [-qv] [--db path] [--account id]\n"
	    "        [--format text|markdown|json|html]\n"
	    "        [--lang en|ja] [--tz zone]",
	.options = status_options,
	.summary = "what the newest run saw",
	.exec = cmd_status_exec,
};

/* Say why there is no state to show: no run yet, or none collected. */
static void
status_none(struct store *st)
{
	long long	run_id;
	int		found;

	if (store_run_newest(st, &run_id, &found) == 0 && found)
		warnx("no run has collected data yet: the newest, run %lld, "
		    "failed (bedrock-audit report says why)", run_id);
	else
		warnx("no complete or partial run yet: run collect first");
}

/* The status view of the newest complete or partial run. */
static int
status_load(struct store *st, struct view_status *v)
{
	long long	run_id;
	int		found;

	memset(v, 0, sizeof(*v));
	if (store_run_latest(st, &run_id, &found) == -1)
		return -1;
	if (!found) {
		status_none(st);
		return -1;
	}
	return view_status(st, run_id, v);
}

/*
 * The organization's status, of a database of several accounts read
 * without --account: the coverage of the newest complete or partial run
 * and the open problems per account and path (view_org()).
 */
static int
status_org(struct store *st, const struct cmdline *c)
{
	struct view_org	 v;
	long long	 run_id, newest;
	char		*started = NULL, *finished = NULL;
	int		 found, rc = EXIT_FAILED;

	memset(&v, 0, sizeof(v));
	if (store_run_latest(st, &run_id, &found) == -1)
		return EXIT_FAILED;
	if (!found) {
		status_none(st);
		return EXIT_FAILED;
	}
	/* A newer run that failed is the coverage: it says why. */
	if (store_run_newest(st, &newest, &found) == -1)
		return EXIT_FAILED;
	if (found && newest > run_id)
		run_id = newest;
	if (view_org(st, run_id, run_id, &v) == 0) {
		v.out.status = 1;
		v.out.collection.started_local = started =
		    tz_local_text(v.out.collection.started_at);
		v.out.collection.finished_local = finished =
		    tz_local_text(v.out.collection.finished_at);
		if (report_org_write(stdout, &v.out, c->format, c->lang) ==
		    0 && fflush(stdout) == 0)
			rc = EXIT_OK;
	}
	free(started);
	free(finished);
	view_org_free(&v);
	return rc;
}

static int
cmd_status_exec(const struct cmd_entry *self, int argc, char *argv[])
{
	static const struct option	 opts[] = {
		CMDLINE_OPT_ACCOUNT, CMDLINE_OPT_DB, CMDLINE_OPT_FORMAT,
		CMDLINE_OPT_HELP,
		CMDLINE_OPT_LANG, CMDLINE_OPT_QUIET, CMDLINE_OPT_TZ,
		CMDLINE_OPT_VERBOSE,
		{ NULL, 0, NULL, 0 }
	};
	struct cmdline		 c;
	struct view_status	 v;
	struct store		*st = NULL;
	char			*local = NULL, *failed = NULL;
	int			 ch, rc = EXIT_FAILED, usage;

	cmdline_init(&c);
	while ((ch = getopt_long(argc, argv, "hqv", opts, NULL)) != -1)
		if (cmdline_opt(&c, ch, optarg) != 1)
			return cmdline_usage_error(self);
	if (c.help || optind != argc) {
		cmdline_usage(c.help ? stdout : stderr, self);
		return c.help ? EXIT_OK : EXIT_USAGE;
	}
	cmdline_set_verbosity(c.verbose, c.quiet);
	if (cmdline_use_tz(&c) == -1)
		return EXIT_USAGE;
	memset(&v, 0, sizeof(v));
	c.org_ok = 1;
	if ((st = cmdline_open_db(&c, STORE_RDONLY, &usage)) == NULL &&
	    usage)
		rc = EXIT_USAGE;
	else if (st != NULL && c.org)
		rc = status_org(st, &c);
	else if (st != NULL && cmdline_refuse_uncollected(&c))
		rc = EXIT_FAILED;
	else if (st != NULL && status_load(st, &v) == 0) {
		v.out.run_time_local = local = tz_local_text(v.out.run_time);
		if (v.out.failed_run > 0)
			v.out.failed_time_local = failed =
			    tz_local_text(v.out.failed_time);
		if (report_status_write(stdout, &v.out, c.format, c.lang) ==
		    0 && fflush(stdout) == 0)
			rc = EXIT_OK;
	}
	free(local);
	free(failed);
	view_status_free(&v);
	store_close(st);
	return rc;
}
