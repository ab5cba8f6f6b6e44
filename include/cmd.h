/*
 * cmd.h: the subcommands: their exit statuses and their table entries.
 *
 * Each command lives in src/cmd_<name>.c and exports one entry, in the
 * manner of tmux's cmd_entry: its name, its usage line and options text
 * (what --help prints, so the help of a command has one source), a
 * one-line summary for the command list and its handler.  main.c walks
 * the table of those entries.  A handler parses its own options with
 * getopt_long(3) (cmdline.h has the shared ones), wires the modules
 * together and chooses the exit status; nothing in a command is worth
 * unit-testing on its own.
 */
#ifndef BEDROCK_AUDIT_CMD_H
#define BEDROCK_AUDIT_CMD_H

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

/* One subcommand.  Every string is static. */
struct cmd_entry {
	/* argv[1] that selects the command: "collect" */
	const char	*name;
	/*
	 * The synopsis after "bedrock-audit ", continuation lines joined
	 * by "\n" and indented; word for word the command's line in the
	 * SYNOPSIS of man/bedrock-audit.1 (tests/it_usage.sh checks it).
	 */
	const char	*usage;
	/* the option lines of --help, and the exit statuses if any */
	const char	*options;
	/* one line for the command list of "bedrock-audit --help" */
	const char	*summary;
	/*
	 * Run the command with argv[0] its name; "self" is this entry
	 * (for its usage).  Returns the exit status.
	 */
	int		(*exec)(const struct cmd_entry *self, int argc,
			    char *argv[]);
};

extern const struct cmd_entry	cmd_collect_entry;
extern const struct cmd_entry	cmd_report_entry;
extern const struct cmd_entry	cmd_diff_entry;
extern const struct cmd_entry	cmd_status_entry;
extern const struct cmd_entry	cmd_case_entry;
extern const struct cmd_entry	cmd_whoami_entry;
extern const struct cmd_entry	cmd_notify_entry;
extern const struct cmd_entry	cmd_merge_entry;

#endif /* BEDROCK_AUDIT_CMD_H */
