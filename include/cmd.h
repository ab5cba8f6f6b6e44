/*
 * cmd.h: the subcommands and what they share.
 *
 * Each command lives in src/cmd_<name>.c, parses its own options with
 * getopt_long(3), wires the modules together and chooses the exit
 * status; nothing in a command is worth unit-testing on its own.
 */
#ifndef BEDROCK_AUDIT_CMD_H
#define BEDROCK_AUDIT_CMD_H

#include <stdio.h>

#include "report.h"

/*
 * Exit statuses, documented in --help and bedrock-audit(1).  Cron acts
 * on them, so they never change meaning.
 */
#define EXIT_OK		0	/* complete; for diff/collect: no changes */
#define EXIT_CHANGES	1	/* complete, and changes were found */
#define EXIT_USAGE	2	/* usage or configuration error */
#define EXIT_PARTIAL	3	/* some regions failed; the rest recorded */
#define EXIT_FAILED	4	/* nothing recorded: all regions failed, or fatal */
#define EXIT_LOCKED	5	/* another collect holds the database lock */

struct cmd {
	const char	*name;
	int		(*exec)(int argc, char *argv[]);
	const char	*synopsis;	/* must match man/bedrock-audit.1 */
	const char	*summary;	/* one line for the command list */
};

extern const struct cmd	cmds[];
extern const size_t	cmdsz;

int	cmd_collect(int, char *[]);
int	cmd_report(int, char *[]);
int	cmd_diff(int, char *[]);
int	cmd_status(int, char *[]);
int	cmd_case(int, char *[]);
int	cmd_whoami(int, char *[]);

/* Option help lines the commands share, in the order they are listed. */
#define CMD_HELP_DB \
    "  --db path          database file (default:\n" \
    "                     $XDG_STATE_HOME/bedrock-audit/audit.db)\n"
#define CMD_HELP_FORMAT \
    "  --format f         text (default), markdown or json\n"
#define CMD_HELP_LANG \
    "  --lang l           en (default) or ja\n"
#define CMD_HELP_COMMON \
    "  -q, --quiet        errors only\n" \
    "  -v, --verbose      more detail on stderr (repeatable)\n" \
    "  -h, --help         this text\n"

/*
 * The options every command shares, parsed by cmd_common_opt(): --db,
 * --format, --lang, -q, -v and -h (a command lists in its getopt table
 * only those it accepts).
 */
struct cmd_common {
	const char		*db;		/* --db; NULL: the default */
	enum report_format	 format;	/* --format; text by default */
	enum report_lang	 lang;		/* --lang; en by default */
	int			 verbose;	/* -v count */
	int			 quiet;		/* -q */
	int			 help;		/* -h */
};
#define CMD_OPT_DB	{ "db", required_argument, NULL, 'd' }
#define CMD_OPT_FORMAT	{ "format", required_argument, NULL, 'f' }
#define CMD_OPT_HELP	{ "help", no_argument, NULL, 'h' }
#define CMD_OPT_LANG	{ "lang", required_argument, NULL, 'l' }
#define CMD_OPT_QUIET	{ "quiet", no_argument, NULL, 'q' }
#define CMD_OPT_VERBOSE	{ "verbose", no_argument, NULL, 'v' }

void	cmd_common_init(struct cmd_common *c);

/*
 * Take getopt's "ch" (with "arg") if it is a shared option.  Returns 1
 * when it was, 0 when it is the command's own, -1 after warnx(3) on a
 * bad --format or --lang value.
 */
int	cmd_common_opt(struct cmd_common *c, int ch, const char *arg);

/*
 * Open the database of --db (or the default) with store flags "flags".
 * Returns the store, or NULL after warnx(3).
 */
struct store	*cmd_open_db(const struct cmd_common *c, int flags);

/* Print "usage: bedrock-audit SYNOPSIS" of "name" and the options text. */
void	cmd_usage(FILE *fp, const char *name, const char *options);
/* cmd_usage() on stderr; returns EXIT_USAGE. */
int	cmd_usage_error(const char *name, const char *options);

/*
 * The default database path: $XDG_STATE_HOME/bedrock-audit/audit.db, or
 * ~/.local/state/bedrock-audit/audit.db; the directory is created 0700.
 * Caller frees; NULL after warnx(3).
 */
char	*cmd_default_db(void);

/* Apply -v/-q: log_level = 1 + verbose, or 0 when quiet. */
void	cmd_set_verbosity(int verbose, int quiet);

/*
 * Resolve a run reference: a run number, "latest", a duration back from
 * now ("24h", "7d") or a date ("2026-11-27", ISO-8601 time) naming the
 * newest complete or partial run at or before it.  Returns 0 and sets
 * *run_id, or -1 after warnx(3).
 */
struct store;
int	cmd_resolve_run(struct store *st, const char *ref, long long *run_id);

/*
 * Open "path" (NULL: the default) for writing output: a temporary file
 * beside it, renamed into place by cmd_output_close(); "-" or NULL path
 * means stdout.  So a cron job never leaves a half-written report.
 */
struct cmd_output {
	FILE	*fp;		/* where to write */
	char	*path;		/* final name, NULL for stdout */
	char	*tmp;		/* temporary name, NULL for stdout */
};
int	cmd_output_open(struct cmd_output *o, const char *path);
/* Flush, check for write errors, rename; with "ok" 0 remove the temp. */
int	cmd_output_close(struct cmd_output *o, int ok);



/* The AWS side of a command: configuration, credentials, client. */
struct aws_identity;
struct cmd_aws {
	struct aws_config	*cfg;		/* owned */
	struct creds_provider	*cp;		/* owned */
	struct client		*client;	/* owned */
	const char		*home_region;	/* STS region; borrowed */
};

/*
 * Load the configuration for --profile/--region ("profile", "region",
 * either NULL) and set up credentials and a client allowing
 * "concurrency" requests in flight.  Returns 0, or -1 after warnx(3).
 */
int	cmd_aws_open(struct cmd_aws *a, const char *profile,
	    const char *region, int concurrency);
void	cmd_aws_close(struct cmd_aws *a);

/* STS GetCallerIdentity in the home region; 0, or -1 after warnx(3). */
int	cmd_aws_identity(struct cmd_aws *a, struct aws_identity *id);

#endif /* BEDROCK_AUDIT_CMD_H */
