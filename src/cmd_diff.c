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

#include "cmd.h"
#include "report.h"
#include "store.h"
#include "util.h"
#include "view.h"

static const char diff_options[] =
    CMD_HELP_DB
    "  --from ref         older run: a run number, date or duration (default:\n"
    "                     the run before --to)\n"
    "  --to ref           newer run (default: the newest complete or\n"
    "                     partial run)\n"
    CMD_HELP_FORMAT
    CMD_HELP_LANG
    CMD_HELP_COMMON
    "\nexit status: 0 no differences, 1 differences, 2 usage error, 4 failed\n";

struct diff_opts {
	const char		*db;
	const char		*from;
	const char		*to;
	enum report_format	 format;
	enum report_lang	 lang;
	int			 verbose;
	int			 quiet;
};

static int
diff_parse(int argc, char *argv[], struct diff_opts *o)
{
	static const struct option	opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "from", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ "lang", required_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "to", required_argument, NULL, 'T' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;

	memset(o, 0, sizeof(*o));
	o->format = REPORT_TEXT;
	o->lang = REPORT_LANG_EN;
	while ((ch = getopt_long(argc, argv, "hqv", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': o->db = optarg; break;
		case 'f':
			if (report_format_parse(optarg, &o->format) == -1) {
				warnx("--format %s: text, markdown or json",
				    optarg);
				return -1;
			}
			break;
		case 'F': o->from = optarg; break;
		case 'h': return 1;
		case 'l':
			if (report_lang_parse(optarg, &o->lang) == -1) {
				warnx("--lang %s: en or ja", optarg);
				return -1;
			}
			break;
		case 'q': o->quiet = 1; break;
		case 'T': o->to = optarg; break;
		case 'v': o->verbose++; break;
		default: return -1;
		}
	}
	if (optind != argc) {
		warnx("unexpected argument: %s", argv[optind]);
		return -1;
	}
	return 0;
}

/* Resolve --from and --to; -1 after warnx(3). */
static int
diff_range(struct store *st, const struct diff_opts *o, long long *from,
    long long *to)
{
	int	found;

	if (cmd_resolve_run(st, o->to != NULL ? o->to : "latest", to) == -1)
		return -1;
	if (o->from != NULL)
		return cmd_resolve_run(st, o->from, from);
	if (store_run_before(st, *to, from, &found) == -1)
		return -1;
	if (!found) {
		warnx("run %lld is the first run: nothing to compare it with",
		    *to);
		return -1;
	}
	return 0;
}

int
cmd_diff(int argc, char *argv[])
{
	struct diff_opts	 o;
	struct view		 v;
	struct store		*st = NULL;
	char			*db = NULL;
	long long		 from, to;
	int			 rc;

	memset(&v, 0, sizeof(v));
	if ((rc = diff_parse(argc, argv, &o)) != 0) {
		cmd_usage(rc == 1 ? stdout : stderr, "diff", diff_options);
		return rc == 1 ? EXIT_OK : EXIT_USAGE;
	}
	cmd_set_verbosity(o.verbose, o.quiet);
	if (o.db == NULL && (db = cmd_default_db()) == NULL)
		return EXIT_USAGE;
	rc = EXIT_FAILED;
	if ((st = store_open(o.db != NULL ? o.db : db, STORE_RDONLY)) ==
	    NULL || diff_range(st, &o, &from, &to) == -1 ||
	    view_diff(st, from, to, &v) == -1)
		goto out;
	if (report_write(stdout, &v.in, o.format, o.lang) == 0 &&
	    fflush(stdout) == 0)
		rc = v.changes.len > 0 ? EXIT_CHANGES : EXIT_OK;
out:
	view_free(&v);
	store_close(st);
	free(db);
	return rc;
}
