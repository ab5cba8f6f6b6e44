/*
 * cmd_case.c: "bedrock-audit case CHANGE-ID" prints a ready-to-paste
 * support case for one change of the changes view: where to open it, the
 * subject and a body filled with the account, region, model or quota and
 * the values seen.  Only changes whose path is a support case (P3, P5,
 * P6) have one; for the others it says so and exits 1.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "cmd.h"
#include "cmdline.h"
#include "report.h"
#include "store.h"
#include "util.h"
#include "view.h"

static const char case_options[] =
    CMDLINE_HELP_DB
    CMDLINE_HELP_LANG
    CMDLINE_HELP_TZ
    CMDLINE_HELP_COMMON
    "\nexit status: 0 case written, 1 no case is needed for this change,\n"
    "2 usage error, 4 failed (no such change)\n";

static int	cmd_case_exec(const struct cmd_entry *, int, char *[]);

const struct cmd_entry cmd_case_entry = {
	.name = "case",
	.usage =
	    "case [-qv] [--db path] [--lang en|ja] [--tz zone] change-id",
	.options = case_options,
	.summary = "print a ready-to-paste support case for one change",
	.exec = cmd_case_exec,
};

/* Load change "id" with its playbook context and print its case. */
static int
case_print(struct store *st, long long id, enum report_lang lang)
{
	struct change_list	 l = { NULL, 0, 0 };
	struct change		*c = NULL;
	struct store_run	 run;
	char			*account = NULL;
	int			 found, r, rc = EXIT_FAILED;

	memset(&run, 0, sizeof(run));
	if (store_change_get(st, id, &c, &found) == -1)
		goto out;
	if (!found) {
		warnx("change %lld: no such change", id);
		goto out;
	}
	change_list_push(&l, c);
	/* The change's own account: its context is that account's state. */
	if (store_change_account(st, id, &account) == -1 ||
	    store_set_account(st, account) == -1)
		goto out;
	if (view_context(st, c->run_id, &l) == -1 ||
	    store_run_get(st, c->run_id, &run, &found) == -1)
		goto out;
	cmdline_local_times(&l);
	r = report_case(stdout, c, *account != '\0' ? account : NULL,
	    REPORT_TEXT, lang);
	if (r != -1 && fflush(stdout) == 0)
		rc = r == 0 ? EXIT_OK : EXIT_CHANGES;
out:
	store_run_free(&run);
	change_list_free(&l);
	free(account);
	return rc;
}

static int
cmd_case_exec(const struct cmd_entry *self, int argc, char *argv[])
{
	static const struct option	 opts[] = {
		CMDLINE_OPT_DB, CMDLINE_OPT_HELP, CMDLINE_OPT_LANG,
		CMDLINE_OPT_QUIET, CMDLINE_OPT_TZ, CMDLINE_OPT_VERBOSE,
		{ NULL, 0, NULL, 0 }
	};
	struct cmdline		 c;
	struct store		*st;
	const char		*errstr;
	long long		 id;
	int			 ch, rc;

	cmdline_init(&c);
	c.any_account = 1;
	while ((ch = getopt_long(argc, argv, "hqv", opts, NULL)) != -1)
		if (cmdline_opt(&c, ch, optarg) != 1)
			return cmdline_usage_error(self);
	if (c.help) {
		cmdline_usage(stdout, self);
		return EXIT_OK;
	}
	if (optind + 1 != argc)
		return cmdline_usage_error(self);
	id = parse_num(argv[optind], 1, 1LL << 53, &errstr);
	if (errstr != NULL) {
		warnx("change id %s: %s", argv[optind], errstr);
		return EXIT_USAGE;
	}
	cmdline_set_verbosity(c.verbose, c.quiet);
	if (cmdline_use_tz(&c) == -1)
		return EXIT_USAGE;
	if ((st = cmdline_open_db(&c, STORE_RDONLY, NULL)) == NULL)
		return EXIT_FAILED;
	rc = case_print(st, id, c.lang);
	store_close(st);
	return rc;
}
