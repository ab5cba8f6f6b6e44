/*
 * main.c: dispatch "bedrock-audit COMMAND [ARGS]" to the command table.
 */
#include <curl/curl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

const struct cmd cmds[] = {
	{ "collect", cmd_collect,
	  "collect [-qv] [--db path] [--regions list|all] [--profile name]\n"
	  "        [--region region] [--concurrency n] [--timeout seconds]\n"
	  "        [--wait]",
	  "record every region's models, access and quotas" },
	{ "report", cmd_report,
	  "report [-qv] [--db path] [--since 24h|7d|date|run]\n"
	  "        [--from run --to run] [--format text|markdown|json]\n"
	  "        [--lang en|ja] [-o file]",
	  "write the change report" },
	{ "diff", cmd_diff,
	  "diff [-qv] [--db path] [--from run|date] [--to run|date]\n"
	  "        [--format text|markdown|json] [--lang en|ja]",
	  "compare the state of any two runs" },
	{ "status", cmd_status,
	  "status [-qv] [--db path] [--format text|markdown|json]\n"
	  "        [--lang en|ja]",
	  "what the newest run saw" },
	{ "case", cmd_case,
	  "case [-qv] [--db path] [--lang en|ja] change-id",
	  "print a ready-to-paste support case for one change" },
	{ "whoami", cmd_whoami,
	  "whoami [-qv] [--profile name] [--region region]",
	  "show the account, identity and credential source in use" },
};
const size_t cmdsz = sizeof(cmds) / sizeof(cmds[0]);

static void
main_usage(FILE *fp)
{
	size_t	i;

	(void)fprintf(fp, "usage: bedrock-audit command [options]\n\n"
	    "commands:\n");
	for (i = 0; i < cmdsz; i++)
		(void)fprintf(fp, "  %-8s %s\n", cmds[i].name,
		    cmds[i].summary);
	(void)fprintf(fp, "\n'bedrock-audit COMMAND --help' describes one "
	    "command; see bedrock-audit(1).\n");
}

int
main(int argc, char *argv[])
{
	size_t	i;
	int	rc;

	if (argc < 2) {
		main_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		main_usage(stdout);
		return EXIT_OK;
	}
	for (i = 0; i < cmdsz; i++) {
		if (strcmp(argv[1], cmds[i].name) != 0)
			continue;
		/* Once, before anything may start a thread (libcurl). */
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			(void)fprintf(stderr, "bedrock-audit: libcurl could "
			    "not be initialised\n");
			return EXIT_FAILED;
		}
		rc = cmds[i].exec(argc - 1, argv + 1);
		curl_global_cleanup();
		return rc;
	}
	(void)fprintf(stderr, "bedrock-audit: unknown command: %s\n", argv[1]);
	main_usage(stderr);
	return EXIT_USAGE;
}
