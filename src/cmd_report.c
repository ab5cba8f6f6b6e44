/*
 * cmd_report.c: "bedrock-audit report" writes the report a person reads
 * each morning: how the newest run fared, the changes that collect
 * recorded between two runs (by default the newest run against the one
 * before it; nothing when the newest run failed) folded into one entry
 * per problem, and the problems still open, with advice and support-case
 * drafts, in text, Markdown, JSON or HTML (one self-contained page with
 * charts), in English or Japanese.  With -o the report is written to a
 * temporary file and renamed into place, so cron never leaves half of one.
 * With --archive DIR the newest run's report is written as
 * DIR/YYYY-MM-DD.html, .md and .json (its UTC day) and DIR/index.html
 * is rebuilt from the days in DIR (archive.h), each file the same way.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "archive.h"
#include "cmd.h"
#include "cmdline.h"
#include "report.h"
#include "runref.h"
#include "store.h"
#include "tz.h"
#include "util.h"
#include "view.h"
#include "view_chart.h"

static const char report_options[] =
    CMDLINE_HELP_DB
    CMDLINE_HELP_ACCOUNT
    "  --since ref        changes since 24h, 7d, a date or a run number\n"
    "  --from run         older run of the range (default: the run\n"
    "                     before --to)\n"
    "  --to run           newer run of the range (default: the newest)\n"
    CMDLINE_HELP_FORMAT
    CMDLINE_HELP_LANG
    "  -o file            write to file, atomically (default: stdout)\n"
    "  --archive dir      write dir/YYYY-MM-DD.html, .md and .json for the\n"
    "                     newest run's UTC day and rebuild dir/index.html\n"
    CMDLINE_HELP_TZ
    CMDLINE_HELP_COMMON;

static int	cmd_report_exec(const struct cmd_entry *, int, char *[]);

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.usage =
	    "report [-qv] [--db path] [--account id] [--since 24h|7d|date|run]\n"
	    "        [--from run --to run] [--format text|markdown|json|html]\n"
	    "        [--lang en|ja] [-o file | --archive dir] [--tz zone]",
	.options = report_options,
	.summary = "write the change report",
	.exec = cmd_report_exec,
};

struct report_opts {
	struct cmdline		 c;	/* --db, --format, --lang, -qvh */
	const char		*since;
	const char		*from;
	const char		*to;
	const char		*out;		/* -o */
	const char		*archive;	/* --archive */
};

/* Parse argv; -1 on a usage error (reported). */
static int
report_parse(int argc, char *argv[], struct report_opts *o)
{
	static const struct option	opts[] = {
		{ "archive", required_argument, NULL, 'A' },
		CMDLINE_OPT_ACCOUNT, CMDLINE_OPT_DB, CMDLINE_OPT_FORMAT,
		{ "from", required_argument, NULL, 'F' },
		CMDLINE_OPT_HELP, CMDLINE_OPT_LANG, CMDLINE_OPT_QUIET,
		{ "since", required_argument, NULL, 's' },
		{ "to", required_argument, NULL, 'T' },
		CMDLINE_OPT_TZ, CMDLINE_OPT_VERBOSE,
		{ NULL, 0, NULL, 0 }
	};
	int	ch, r;

	memset(o, 0, sizeof(*o));
	cmdline_init(&o->c);
	while ((ch = getopt_long(argc, argv, "ho:qv", opts, NULL)) != -1) {
		if ((r = cmdline_opt(&o->c, ch, optarg)) != 0) {
			if (r == -1)
				return -1;
			continue;
		}
		switch (ch) {
		case 'A': o->archive = optarg; break;
		case 'F': o->from = optarg; break;
		case 'o': o->out = optarg; break;
		case 's': o->since = optarg; break;
		case 'T': o->to = optarg; break;
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
	if (o->archive != NULL && o->out != NULL) {
		warnx("-o and --archive are alternatives");
		return -1;
	}
	/* A malformed reference is a usage error, a missing run is not. */
	if ((o->since != NULL && runref_check(o->since) == -1) ||
	    (o->from != NULL && runref_check(o->from) == -1) ||
	    (o->to != NULL && runref_check(o->to) == -1))
		return -1;
	return 0;
}

/*
 * The newest run, whatever its outcome: a failed one is reported as
 * such (with no changes), never skipped for an older one.
 */
static int
report_newest(struct store *st, long long *to)
{
	int	found;

	if (store_run_newest(st, to, &found) == -1)
		return -1;
	if (!found) {
		warnx("latest: no such run in the database");
		return -1;
	}
	return 0;
}

/*
 * --since as the start of the range: a time before the first run (a
 * database younger than the duration) starts at the first run.
 */
static int
report_since(struct store *st, const char *ref, time_t now, long long *from)
{
	int	found;

	if (store_run_first(st, from, &found) == -1)
		return -1;
	if (found && runref_before_first(st, ref, now))
		return 0;
	return runref_resolve(st, ref, now, from);
}

/*
 * The range (from, to] of runs to report: --to or the newest run, and
 * --from, --since or the run before it.  An exit status on failure.
 */
static int
report_range(struct store *st, const struct report_opts *o, long long *from,
    long long *to)
{
	time_t	now = time(NULL);
	int	found, rc;

	if (o->to != NULL)
		rc = runref_resolve(st, o->to, now, to);
	else
		rc = report_newest(st, to);
	if (rc == -1)
		return EXIT_FAILED;
	if (o->from != NULL)
		rc = runref_resolve(st, o->from, now, from);
	else if (o->since != NULL)
		rc = report_since(st, o->since, now, from);
	else if ((rc = store_run_before(st, *to, from, &found)) == 0 &&
	    !found)
		*from = *to;	/* the first run: a baseline */
	if (rc == -1)
		return EXIT_FAILED;
	if (*from > *to) {
		warnx("run %lld is newer than run %lld", *from, *to);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/*
 * The times of "v" also in the reader's zone (--tz): the changes, the
 * entries' copies of them, and the newest run's start and end, whose
 * text *started and *finished the caller frees.
 */
static void
report_local_times(struct view *v, char **started, char **finished)
{
	struct report_collection	*c = &v->in.collection;
	size_t				 i;

	cmdline_local_times(&v->changes);
	for (i = 0; i < v->entries.len; i++)
		cmdline_local_times(&v->entries.items[i].net);
	c->started_local = *started = tz_local_text(c->started_at);
	c->finished_local = *finished = tz_local_text(c->finished_at);
}

/* Write the report of "in" to "path" (NULL: stdout) atomically. */
static int
report_to(const char *path, const struct report_input *in,
    enum report_format f, enum report_lang l)
{
	struct cmdline_output	out;
	int			w;

	if (cmdline_output_open(&out, path) == -1)
		return -1;
	w = report_write(out.fp, in, f, l);
	return cmdline_output_close(&out, w == 0) == 0 && w == 0 ? 0 : -1;
}

/* Write the organization-wide report "o" to "path" (NULL: stdout). */
static int
report_org_write_to(const char *path, const struct report_org *o,
    enum report_format f, enum report_lang l)
{
	struct cmdline_output	out;
	int			w;

	if (cmdline_output_open(&out, path) == -1)
		return -1;
	w = report_org_write(out.fp, o, f, l);
	return cmdline_output_close(&out, w == 0) == 0 && w == 0 ? 0 : -1;
}

/* The archive's index, rebuilt from the days in "dir". */
static int
archive_index(const char *dir, enum report_lang l)
{
	struct cmdline_output		 out;
	struct report_archive_day	*days = NULL;
	size_t				 n = 0;
	char				*path;
	int				 w = -1;

	if (archive_days(dir, &days, &n) == -1)
		return -1;
	path = xasprintf("%s/index.html", dir);
	if (cmdline_output_open(&out, path) == 0) {
		w = report_archive_index(out.fp, days, n, l);
		if (cmdline_output_close(&out, w == 0) == -1)
			w = -1;
	}
	free(path);
	free(days);
	return w;
}

/*
 * --archive: the day's three reports (the day of the newest run's start,
 * UTC), then the index.  An exit status.
 */
static int
report_archive(const struct report_opts *o, const struct view *v)
{
	static const struct { enum report_format f; const char *ext; }
	    files[] = { { REPORT_JSON, "json" }, { REPORT_MARKDOWN, "md" },
	    { REPORT_HTML, "html" } };
	char	 day[11], *path;
	size_t	 i;
	int	 r;

	(void)snprintf(day, sizeof(day), "%.10s", v->to.started_at);
	if (!archive_is_day(day)) {
		warnx("run %lld: no start date", v->to.run_id);
		return EXIT_FAILED;
	}
	if ((r = archive_dir(o->archive)) != 0)
		return r == -1 ? EXIT_USAGE : EXIT_FAILED;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		path = xasprintf("%s/%s.%s", o->archive, day, files[i].ext);
		r = report_to(path, &v->in, files[i].f, o->c.lang);
		free(path);
		if (r == -1)
			return EXIT_FAILED;
	}
	return archive_index(o->archive, o->c.lang) == 0 ? EXIT_OK :
	    EXIT_FAILED;
}

/*
 * The organization-wide report of a database of several accounts read
 * without --account (view_org()), to -o or stdout.  An exit status.
 */
static int
report_org(const struct report_opts *o, struct store *st, long long from,
    long long to)
{
	struct view_org	 v;
	char		*started = NULL, *finished = NULL;
	int		 rc = EXIT_FAILED;
	size_t		 i, k;

	if (view_org(st, from, to, &v) == 0) {
		for (i = 0; i < v.allsz; i++) {
			cmdline_local_times(&v.views[i].changes);
			for (k = 0; k < v.views[i].entries.len; k++)
				cmdline_local_times(
				    &v.views[i].entries.items[k].net);
		}
		v.out.collection.started_local = started =
		    tz_local_text(v.out.collection.started_at);
		v.out.collection.finished_local = finished =
		    tz_local_text(v.out.collection.finished_at);
		if (report_org_write_to(o->out, &v.out, o->c.format,
		    o->c.lang) == 0)
			rc = EXIT_OK;
	}
	free(started);
	free(finished);
	view_org_free(&v);
	return rc;
}

static int
cmd_report_exec(const struct cmd_entry *self, int argc, char *argv[])
{
	struct report_opts	 o;
	struct view		 v;
	struct view_charts	 charts;
	struct store		*st = NULL;
	long long		 from, to;
	char			*started = NULL, *finished = NULL;
	int			 rc, usage;

	memset(&v, 0, sizeof(v));
	memset(&charts, 0, sizeof(charts));
	if (report_parse(argc, argv, &o) == -1 || o.c.help) {
		cmdline_usage(o.c.help ? stdout : stderr, self);
		return o.c.help ? EXIT_OK : EXIT_USAGE;
	}
	cmdline_set_verbosity(o.c.verbose, o.c.quiet);
	if (cmdline_use_tz(&o.c) == -1)
		return EXIT_USAGE;
	o.c.org_ok = 1;
	if ((st = cmdline_open_db(&o.c, STORE_RDONLY, &usage)) == NULL)
		return usage ? EXIT_USAGE : EXIT_FAILED;
	if (o.c.org && o.archive != NULL) {
		warnx("--archive writes one account's days: choose it with "
		    "--account");
		rc = EXIT_USAGE;
		goto out;
	}
	if ((rc = report_range(st, &o, &from, &to)) != EXIT_OK)
		goto out;
	if (o.c.org) {
		rc = report_org(&o, st, from, to);
		goto out;
	}
	rc = EXIT_FAILED;
	if (view_recorded(st, from, to, &v) == -1)
		goto out;
	if ((o.c.format == REPORT_HTML || o.archive != NULL) &&
	    view_charts(st, &v, &charts) == -1)
		goto out;
	v.in.charts = &charts.out;
	report_local_times(&v, &started, &finished);
	if (o.archive != NULL)
		rc = report_archive(&o, &v);
	else if (report_to(o.out, &v.in, o.c.format, o.c.lang) == 0)
		rc = EXIT_OK;
out:
	free(started);
	free(finished);
	view_charts_free(&charts);
	view_free(&v);
	store_close(st);
	return rc;
}
