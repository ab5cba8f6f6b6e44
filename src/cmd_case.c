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
#include "report.h"
#include "store.h"
#include "util.h"
#include "view.h"

static const char case_options[] =
    CMD_HELP_DB
    CMD_HELP_LANG
    CMD_HELP_COMMON
    "\nexit status: 0 case written, 1 no case is needed for this change,\n"
    "2 usage error, 4 failed (no such change)\n";

/* Load change "id" with its playbook context and print its case. */
static int
case_print(struct store *st, long long id, enum report_lang lang)
{
	struct change_list	 l = { NULL, 0, 0 };
	struct change		*c = NULL;
	struct store_run	 run;
	int			 found, r, rc = EXIT_FAILED;

	memset(&run, 0, sizeof(run));
	if (store_change_get(st, id, &c, &found) == -1)
		goto out;
	if (!found) {
		warnx("change %lld: no such change", id);
		goto out;
	}
	change_list_push(&l, c);
	if (view_context(st, c->run_id, &l) == -1 ||
	    store_run_get(st, c->run_id, &run, &found) == -1)
		goto out;
	r = report_case(stdout, c, found && *run.account_id != '\0' ?
	    run.account_id : NULL, REPORT_TEXT, lang);
	if (r != -1 && fflush(stdout) == 0)
		rc = r == 0 ? EXIT_OK : EXIT_CHANGES;
out:
	store_run_free(&run);
	change_list_free(&l);
	return rc;
}

int
cmd_case(int argc, char *argv[])
{
	static const struct option	 opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "lang", required_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	struct store		*st = NULL;
	enum report_lang	 lang = REPORT_LANG_EN;
	const char		*dbarg = NULL, *errstr;
	char			*db = NULL;
	long long		 id;
	int			 ch, verbose = 0, quiet = 0, rc;

	while ((ch = getopt_long(argc, argv, "hqv", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': dbarg = optarg; break;
		case 'h':
			cmd_usage(stdout, "case", case_options);
			return EXIT_OK;
		case 'l':
			if (report_lang_parse(optarg, &lang) == 0)
				break;
			warnx("--lang %s: en or ja", optarg);
			return EXIT_USAGE;
		case 'q': quiet = 1; break;
		case 'v': verbose++; break;
		default:
			cmd_usage(stderr, "case", case_options);
			return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc) {
		cmd_usage(stderr, "case", case_options);
		return EXIT_USAGE;
	}
	id = parse_num(argv[optind], 1, 1LL << 53, &errstr);
	if (errstr != NULL) {
		warnx("change id %s: %s", argv[optind], errstr);
		return EXIT_USAGE;
	}
	cmd_set_verbosity(verbose, quiet);
	if (dbarg == NULL && (db = cmd_default_db()) == NULL)
		return EXIT_USAGE;
	rc = EXIT_FAILED;
	if ((st = store_open(dbarg != NULL ? dbarg : db, STORE_RDONLY)) != NULL)
		rc = case_print(st, id, lang);
	store_close(st);
	free(db);
	return rc;
}
