/*
 * cmd_whoami.c: "bedrock-audit whoami" calls STS GetCallerIdentity and
 * prints the account, the identity's ARN, the region and which source of
 * the credential chain supplied the credentials.  It proves the chain,
 * the signer and the endpoint configuration end to end, and never prints
 * a secret.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "aws.h"
#include "cmd.h"
#include "cmdline.h"
#include "creds.h"
#include "session.h"
#include "util.h"

static const char whoami_options[] =
    "  --profile name     use this profile of the AWS config files\n"
    "  --region region    region of the STS endpoint\n"
    CMDLINE_HELP_COMMON;

static int	cmd_whoami_exec(const struct cmd_entry *, int, char *[]);

const struct cmd_entry cmd_whoami_entry = {
	.name = "whoami",
	.usage =
	    "whoami [-qv] [--profile name] [--region region]",
	.options = whoami_options,
	.summary = "show the account, identity and credential source in use",
	.exec = cmd_whoami_exec,
};

static int
cmd_whoami_exec(const struct cmd_entry *self, int argc, char *argv[])
{
	static const struct option	 opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "profile", required_argument, NULL, 'P' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "region", required_argument, NULL, 'R' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	struct session		 s;
	struct aws_identity	 id;
	const struct creds	*cr;
	const char		*profile = NULL, *region = NULL;
	char			 safe[3][LOG_SAFE_LEN];
	int			 ch, verbose = 0, quiet = 0, rc = EXIT_FAILED;

	while ((ch = getopt_long(argc, argv, "hqv", opts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			cmdline_usage(stdout, self);
			return EXIT_OK;
		case 'P': profile = optarg; break;
		case 'q': quiet = 1; break;
		case 'R': region = optarg; break;
		case 'v': verbose++; break;
		default:
			cmdline_usage(stderr, self);
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		cmdline_usage(stderr, self);
		return EXIT_USAGE;
	}
	cmdline_set_verbosity(verbose, quiet);
	if (session_open(&s, profile, region, 4) == -1)
		return EXIT_USAGE;
	if (session_identity(&s, &id) == 0 &&
	    (cr = creds_provider_get(s.cp, time(NULL))) != NULL) {
		(void)printf("account:  %s\narn:      %s\nregion:   %s\n"
		    "source:   %s (%s)\n",
		    log_safe(id.account, safe[0], sizeof(safe[0])),
		    log_safe(id.arn, safe[1], sizeof(safe[1])), s.home_region,
		    creds_source_name(cr->source),
		    log_safe(cr->source_detail, safe[2], sizeof(safe[2])));
		rc = EXIT_OK;
	}
	aws_identity_free(&id);
	session_close(&s);
	return rc;
}
