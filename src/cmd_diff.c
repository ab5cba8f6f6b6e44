/*
 * cmd_diff.c: "bedrock-audit diff" compares the state recorded at any two
 * runs with the differ, for the regions collected successfully in both,
 * and prints the differences as a report.  Unlike "report", which shows
 * what each collect recorded, it can compare runs far apart.  Exit 0 when
 * nothing differs, 1 when something does, as diff(1).
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "cmdline.h"
#include "report.h"
#include "runref.h"
#include "store.h"
#include "util.h"
#include "view.h"

static const char diff_options[] =
    CMDLINE_HELP_DB
    CMDLINE_HELP_ACCOUNT
    "  --from ref         older run: a run number, date or duration (default:\n"
    "                     the run before --to)\n"
    "  --to ref           newer run (default: the newest complete or\n"
    "                     partial run)\n"
    CMDLINE_HELP_FORMAT
    CMDLINE_HELP_LANG
    CMDLINE_HELP_COMMON
    "\nexit status: 0 no differences, 1 differences, 2 usage error, 4 failed\n";

static int	cmd_diff_exec(const struct cmd_entry *, int, char *[]);

const struct cmd_entry cmd_diff_entry = {
	.name = "diff",
	.usage =
	    "diff [-qv] [--db path] [--account id] [--from run|date]\n"
	    "        [--to run|date] [--format text|markdown|json|html]\n"
	    "        [--lang en|ja]",
	.options = diff_options,
	.summary = "compare the state of any two runs",
	.exec = cmd_diff_exec,
};

struct diff_opts {
	struct cmdline		 c;	/* --db, --format, --lang, -qvh */
	const char		*from;
	const char		*to;
};

/* Parse argv; -1 on a usage error (reported). */
static int
diff_parse(int argc, char *argv[], struct diff_opts *o)
{
	static const struct option	opts[] = {
		CMDLINE_OPT_ACCOUNT, CMDLINE_OPT_DB, CMDLINE_OPT_FORMAT,
		{ "from", required_argument, NULL, 'F' },
		CMDLINE_OPT_HELP, CMDLINE_OPT_LANG, CMDLINE_OPT_QUIET,
		{ "to", required_argument, NULL, 'T' },
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
		case 'F': o->from = optarg; break;
		case 'T': o->to = optarg; break;
		default: return -1;
		}
	}
	if (optind != argc) {
		warnx("unexpected argument: %s", argv[optind]);
		return -1;
	}
	if ((o->from != NULL && runref_check(o->from) == -1) ||
	    (o->to != NULL && runref_check(o->to) == -1))
		return -1;
	return 0;
}

/* Resolve --from and --to; -1 after warnx(3). */
static int
diff_range(struct store *st, const struct diff_opts *o, long long *from,
    long long *to)
{
	time_t	now = time(NULL);
	int	found;

	if (runref_resolve(st, o->to != NULL ? o->to : "latest", now, to)
	    == -1)
		return -1;
	if (o->from != NULL)
		return runref_resolve(st, o->from, now, from);
	if (store_run_before(st, *to, from, &found) == -1)
		return -1;
	if (!found) {
		warnx("run %lld is the first run: nothing to compare it with",
		    *to);
		return -1;
	}
	return 0;
}

static int
cmd_diff_exec(const struct cmd_entry *self, int argc, char *argv[])
{
	struct diff_opts	 o;
	struct view		 v;
	struct store		*st = NULL;
	long long		 from, to;
	int			 rc = EXIT_FAILED, usage = 0;

	memset(&v, 0, sizeof(v));
	if (diff_parse(argc, argv, &o) == -1 || o.c.help) {
		cmdline_usage(o.c.help ? stdout : stderr, self);
		return o.c.help ? EXIT_OK : EXIT_USAGE;
	}
	cmdline_set_verbosity(o.c.verbose, o.c.quiet);
	if ((st = cmdline_open_db(&o.c, STORE_RDONLY, &usage)) == NULL) {
		rc = usage ? EXIT_USAGE : EXIT_FAILED;
		goto out;
	}
	if (cmdline_refuse_uncollected(&o.c))
		goto out;
	if (diff_range(st, &o, &from, &to) == -1 ||
	    view_diff(st, from, to, &v) == -1)
		goto out;
	if (report_write(stdout, &v.in, o.c.format, o.c.lang) == 0 &&
	    fflush(stdout) == 0)
		rc = v.changes.len > 0 ? EXIT_CHANGES : EXIT_OK;
out:
	view_free(&v);
	store_close(st);
	return rc;
}
