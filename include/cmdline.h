/*
 * cmdline.h: what the subcommands share on the command line: the common
 * options (--db, --format, --lang, --tz, -q, -v, -h) and their help lines,
 * usage printing from a command's entry (cmd.h), verbosity, the default
 * database path and output files that appear whole or not at all.
 */
#ifndef BEDROCK_AUDIT_CMDLINE_H
#define BEDROCK_AUDIT_CMDLINE_H

#include <stdio.h>

#include "report.h"

struct change_list;
struct cmd_entry;
struct store;

/* Option help lines the commands share, in the order they are listed. */
#define CMDLINE_HELP_DB \
    "  --db path          database file (default:\n" \
    "                     $XDG_STATE_HOME/bedrock-audit/audit.db)\n"
#define CMDLINE_HELP_FORMAT \
    "  --format f         text (default), markdown, json or html\n"
#define CMDLINE_HELP_LANG \
    "  --lang l           en (default) or ja\n"
#define CMDLINE_HELP_TZ \
    "  --tz zone          also show times in this zone (TZ semantics:\n" \
    "                     Asia/Tokyo, JST-9; default: the local zone)\n"
#define CMDLINE_HELP_ACCOUNT \
    "  --account id       the one account to show, of a database that\n" \
    "                     records several (default: its only account;\n" \
    "                     report, status: the whole organization)\n"
#define CMDLINE_HELP_COMMON \
    "  -q, --quiet        errors only\n" \
    "  -v, --verbose      more detail on stderr (repeatable)\n" \
    "  -h, --help         this text\n"

/*
 * The options every command shares, parsed by cmdline_opt(): --db,
 * --format, --lang, -q, -v and -h (a command lists in its getopt table
 * only those it accepts).
 */
struct cmdline {
	const char		*db;		/* --db; NULL: the default */
	enum report_format	 format;	/* --format; text by default */
	enum report_lang	 lang;		/* --lang; en by default */
	int			 verbose;	/* -v count */
	int			 quiet;		/* -q */
	int			 help;		/* -h */
	const char		*tz;		/* --tz; NULL: the local zone */
	const char		*account;	/* --account; NULL: the only */
	int			 any_account;	/* case: the change names its
						   account; no scope at open */
	/* report, status: several accounts without --account open with
	   no scope (""), for the organization-wide view; else refused */
	int			 org_ok;
	/* set by cmdline_open_db(): 1 when it did that */
	int			 org;
	/* set by cmdline_open_db(): --account names an account that runs
	   named but none collected (its role could not be assumed) */
	int			 uncollected;
};

/*
 * 1, after warnx(3), when "c" scoped to an account no run collected: a
 * command that shows collected state (status, diff) has nothing to show,
 * and says where the reason is (report).
 */
int	cmdline_refuse_uncollected(const struct cmdline *c);
#define CMDLINE_OPT_ACCOUNT	{ "account", required_argument, NULL, 'a' }
#define CMDLINE_OPT_DB		{ "db", required_argument, NULL, 'd' }
#define CMDLINE_OPT_FORMAT	{ "format", required_argument, NULL, 'f' }
#define CMDLINE_OPT_HELP	{ "help", no_argument, NULL, 'h' }
#define CMDLINE_OPT_LANG	{ "lang", required_argument, NULL, 'l' }
#define CMDLINE_OPT_QUIET	{ "quiet", no_argument, NULL, 'q' }
#define CMDLINE_OPT_VERBOSE	{ "verbose", no_argument, NULL, 'v' }
#define CMDLINE_OPT_TZ		{ "tz", required_argument, NULL, 'Z' }

/* Zero "c" and set the defaults: text, en. */
void	cmdline_init(struct cmdline *c);

/*
 * Take getopt's "ch" (with "arg") if it is a shared option.  Returns 1
 * when it was, 0 when it is the command's own, -1 after warnx(3) on a
 * bad --format, --lang or --tz value or a --db path that exists and is
 * not a regular file.
 */
int	cmdline_opt(struct cmdline *c, int ch, const char *arg);

/*
 * Scope store "st" as a read-only cmdline_open_db() does (--account, or
 * the database's only account); for a command that writes too (notify).
 * 0, or -1 after warnx(3) with *usage as cmdline_open_db() sets it.
 */
int		 cmdline_scope_db(struct store *st, struct cmdline *c,
		    int *usage);

/*
 * Open the database of --db (or the default) with store flags "flags".
 * A read-only open is scoped to one account (store_set_account()):
 * --account, which the database must record, or else its only account;
 * a database of several accounts without --account is refused, unless
 * c->org_ok: then it is left unscoped ("") and c->org is set (the
 * organization-wide report).  Returns the store, or NULL
 * after warnx(3); *usage (if not NULL) is then 1 when the command line
 * was at fault (exit 2), else 0.
 */
struct store	*cmdline_open_db(struct cmdline *c, int flags,
		    int *usage);

/*
 * Print "usage: bedrock-audit USAGE" of command "e" to "fp", then a
 * blank line and its options text.
 */
void	cmdline_usage(FILE *fp, const struct cmd_entry *e);
/* cmdline_usage() on stderr; returns EXIT_USAGE. */
int	cmdline_usage_error(const struct cmd_entry *e);

/*
 * The default database path: $XDG_STATE_HOME/bedrock-audit/audit.db, or
 * ~/.local/state/bedrock-audit/audit.db; the directory is created 0700.
 * Caller frees; NULL after warnx(3).
 */
char	*cmdline_default_db(void);

/*
 * Make --tz the local zone (tz.h; without --tz the environment's stays).
 * Returns 0, or -1 after warnx(3).
 */
int	cmdline_use_tz(const struct cmdline *c);

/* Set each change's first_seen_local from its first_seen (tz.h). */
void	cmdline_local_times(struct change_list *l);

/* Apply -v/-q: log_level = 1 + verbose, or 0 when quiet. */
void	cmdline_set_verbosity(int verbose, int quiet);

/*
 * An output file that appears whole or not at all, so that a cron job
 * never leaves a half-written report.
 */
struct cmdline_output {
	FILE	*fp;		/* where to write */
	char	*path;		/* final name, NULL for stdout */
	char	*tmp;		/* temporary name, NULL when streaming */
};

/*
 * Open "path" for writing output; "-", "/dev/stdout" or NULL mean
 * stdout.
 *   - a new path: a temporary file beside it, mode 0666 less the umask,
 *     renamed into place by cmdline_output_close();
 *   - an existing regular file: the same, and the new file keeps the old
 *     one's mode (and, for root, its owner and group);
 *   - an existing FIFO or device (/dev/null, /dev/tty): written in
 *     place, never replaced;
 *   - a symbolic link to a FIFO or device: written through it; to
 *     anything else: refused, so the link is never replaced by a file
 *     nor followed to one;
 *   - a directory: refused.
 * Returns 0, or -1 after one warn(3)/warnx(3) with "o" zeroed.
 */
int	cmdline_output_open(struct cmdline_output *o, const char *path);
/*
 * Flush, check for write errors, rename; with "ok" 0 remove the temp.
 * "o" is zeroed.  Returns 0, or -1 after warn(3).
 */
int	cmdline_output_close(struct cmdline_output *o, int ok);

#endif /* BEDROCK_AUDIT_CMDLINE_H */
