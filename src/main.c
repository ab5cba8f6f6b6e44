/*
 * main.c: dispatch "bedrock-audit COMMAND [ARGS]" to the command table.
 */
#include <curl/curl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* Every command, in the order "bedrock-audit --help" lists them. */
static const struct cmd_entry *const cmd_table[] = {
	&cmd_collect_entry,
	&cmd_report_entry,
	&cmd_diff_entry,
	&cmd_status_entry,
	&cmd_case_entry,
	&cmd_whoami_entry,
	&cmd_notify_entry,
	&cmd_merge_entry,
	NULL
};

static void
main_usage(FILE *fp)
{
	const struct cmd_entry *const	*e;

	(void)fprintf(fp, "usage: bedrock-audit command [options]\n\n"
	    "commands:\n");
	for (e = cmd_table; *e != NULL; e++)
		(void)fprintf(fp, "  %-8s %s\n", (*e)->name, (*e)->summary);
	(void)fprintf(fp, "\n'bedrock-audit COMMAND --help' describes one "
	    "command; see bedrock-audit(1).\n");
}

int
main(int argc, char *argv[])
{
	const struct cmd_entry *const	*e;
	int				 rc;

	if (argc < 2) {
		main_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		main_usage(stdout);
		return EXIT_OK;
	}
	for (e = cmd_table; *e != NULL; e++) {
		if (strcmp(argv[1], (*e)->name) != 0)
			continue;
		/* Once, before anything may start a thread (libcurl). */
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			(void)fprintf(stderr, "bedrock-audit: libcurl could "
			    "not be initialised\n");
			return EXIT_FAILED;
		}
		rc = (*e)->exec(*e, argc - 1, argv + 1);
		curl_global_cleanup();
		return rc;
	}
	(void)fprintf(stderr, "bedrock-audit: unknown command: %s\n", argv[1]);
	main_usage(stderr);
	return EXIT_USAGE;
}
