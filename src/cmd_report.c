/*
 * cmd_report.c: "bedrock-audit report" writes the change log a person
 * reads each morning: the changes that collect recorded between two runs
 * (by default the newest run against the one before it), classified by
 * the playbook, with advice and support-case drafts, in text, Markdown or
 * JSON, in English or Japanese.  With -o the report is written to a
 * temporary file and renamed into place, so cron never leaves half of one.
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

static const char report_options[] =
    CMD_HELP_DB
    "  --since ref        changes since 24h, 7d, a date or a run number\n"
    "  --from run         older run of the range (default: the run\n"
    "                     before --to)\n"
    "  --to run           newer run of the range (default: the newest)\n"
    CMD_HELP_FORMAT
    CMD_HELP_LANG
    "  -o file            write to file, atomically (default: stdout)\n"
    CMD_HELP_COMMON;

struct report_opts {
	const char		*db;
	const char		*since;
	const char		*from;
	const char		*to;
	const char		*out;
	enum report_format	 format;
	enum report_lang	 lang;
	int			 verbose;
	int			 quiet;
};

/* Parse argv; 1 for --help, -1 on a usage error (reported). */
static int
report_parse(int argc, char *argv[], struct report_opts *o)
{
	static const struct option	opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "from", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ "lang", required_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "since", required_argument, NULL, 's' },
		{ "to", required_argument, NULL, 'T' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;

	memset(o, 0, sizeof(*o));
	o->format = REPORT_TEXT;
	o->lang = REPORT_LANG_EN;
	while ((ch = getopt_long(argc, argv, "ho:qv", opts, NULL)) != -1) {
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
		case 'o': o->out = optarg; break;
		case 'q': o->quiet = 1; break;
		case 's': o->since = optarg; break;
		case 'T': o->to = optarg; break;
		case 'v': o->verbose++; break;
		default: return -1;
		}
	}
	if (optind != argc) {
		warnx("unexpected argument: %s", argv[optind]);
		return -1;
	}
	if (o->since != NULL && o->from != NULL) {
		warnx("--since and --from are alternatives");
		return -1;
	}
	return 0;
}

/*
 * The range (from, to] of runs to report: --to or the newest run, and
 * --from, --since or the run before it.  An exit status on failure.
 */
static int
report_range(struct store *st, const struct report_opts *o, long long *from,
    long long *to)
{
	int	found;

	if (cmd_resolve_run(st, o->to != NULL ? o->to : "latest", to) == -1)
		return EXIT_FAILED;
	if (o->from != NULL || o->since != NULL) {
		if (cmd_resolve_run(st, o->from != NULL ? o->from : o->since,
		    from) == -1)
			return EXIT_FAILED;
	} else {
		if (store_run_before(st, *to, from, &found) == -1)
			return EXIT_FAILED;
		if (!found)
			*from = *to;	/* the first run: a baseline */
	}
	if (*from > *to) {
		warnx("run %lld is newer than run %lld", *from, *to);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int
cmd_report(int argc, char *argv[])
{
	struct report_opts	 o;
	struct cmd_output	 out;
	struct view		 v;
	struct store		*st = NULL;
	char			*db = NULL;
	long long		 from, to;
	int			 rc, w;

	memset(&v, 0, sizeof(v));
	if ((rc = report_parse(argc, argv, &o)) != 0) {
		cmd_usage(rc == 1 ? stdout : stderr, "report", report_options);
		return rc == 1 ? EXIT_OK : EXIT_USAGE;
	}
	cmd_set_verbosity(o.verbose, o.quiet);
	if (o.db == NULL && (db = cmd_default_db()) == NULL)
		return EXIT_USAGE;
	rc = EXIT_FAILED;
	if ((st = store_open(o.db != NULL ? o.db : db, STORE_RDONLY)) == NULL)
		goto out;
	if ((rc = report_range(st, &o, &from, &to)) != EXIT_OK)
		goto out;
	rc = EXIT_FAILED;
	if (view_recorded(st, from, to, &v) == -1 ||
	    cmd_output_open(&out, o.out) == -1)
		goto out;
	w = report_write(out.fp, &v.in, o.format, o.lang);
	if (cmd_output_close(&out, w == 0) == 0 && w == 0)
		rc = EXIT_OK;
out:
	view_free(&v);
	store_close(st);
	free(db);
	return rc;
}
