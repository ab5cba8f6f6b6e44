/*
 * cmdline.c: what the subcommands share on the command line: the common
 * options, usage text, the default database path, verbosity and atomic
 * output files.
 */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "cmdline.h"
#include "change.h"
#include "store.h"
#include "tz.h"
#include "util.h"

void
cmdline_usage(FILE *fp, const struct cmd_entry *e)
{
	(void)fprintf(fp, "usage: bedrock-audit %s\n", e->usage);
	if (e->options != NULL)
		(void)fprintf(fp, "\n%s", e->options);
}

int
cmdline_usage_error(const struct cmd_entry *e)
{
	cmdline_usage(stderr, e);
	return EXIT_USAGE;
}

/* mkdir "path" 0700 unless it exists. */
static int
make_dir(const char *path)
{
	if (mkdir(path, 0700) == -1 && errno != EEXIST) {
		warn("%s", path);
		return -1;
	}
	return 0;
}

char *
cmdline_default_db(void)
{
	const char	*state = getenv("XDG_STATE_HOME");
	const char	*home = getenv("HOME");
	char		*dir = NULL, *p;

	if (state != NULL && *state == '/')
		dir = xasprintf("%s/bedrock-audit", state);
	else if (home != NULL && *home == '/') {
		p = xasprintf("%s/.local", home);
		(void)make_dir(p);
		free(p);
		p = xasprintf("%s/.local/state", home);
		(void)make_dir(p);
		free(p);
		dir = xasprintf("%s/.local/state/bedrock-audit", home);
	} else {
		warnx("no database path: set --db, XDG_STATE_HOME or HOME");
		return NULL;
	}
	if (make_dir(dir) == -1) {
		free(dir);
		return NULL;
	}
	p = xasprintf("%s/audit.db", dir);
	free(dir);
	return p;
}

void
cmdline_init(struct cmdline *c)
{
	memset(c, 0, sizeof(*c));
	c->format = REPORT_TEXT;
	c->lang = REPORT_LANG_EN;
}

/*
 * A --db path that exists must be a regular file: refused here it is a
 * usage error (exit 2); store_open() refuses it as well, as a library.
 */
static int
cmdline_check_db(const char *path)
{
	struct stat	sb;

	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		warnx("--db %s: not a regular file", path);
		return -1;
	}
	return 0;
}

int
cmdline_opt(struct cmdline *c, int ch, const char *arg)
{
	const char	*cause;

	switch (ch) {
	case 'a':
		if (store_account_valid(arg)) {
			c->account = arg;
			return 1;
		}
		warnx("--account %s: not an AWS account ID (12 digits)", arg);
		return -1;
	case 'd':
		c->db = arg;
		return cmdline_check_db(arg) == 0 ? 1 : -1;
	case 'f':
		if (report_format_parse(arg, &c->format) == 0)
			return 1;
		warnx("--format %s: text, markdown, json or html", arg);
		return -1;
	case 'h':
		c->help = 1;
		return 1;
	case 'l':
		if (report_lang_parse(arg, &c->lang) == 0)
			return 1;
		warnx("--lang %s: en or ja", arg);
		return -1;
	case 'q':
		c->quiet = 1;
		return 1;
	case 'v':
		c->verbose++;
		return 1;
	case 'Z':
		if (tz_valid(arg, &cause) == 0) {
			c->tz = arg;
			return 1;
		}
		warnx("--tz %s: %s", arg, cause);
		return -1;
	default:
		return 0;
	}
}

int
cmdline_use_tz(const struct cmdline *c)
{
	return tz_use(c->tz);
}

void
cmdline_local_times(struct change_list *l)
{
	char	*t;
	size_t	 i;

	for (i = 0; l != NULL && i < l->len; i++) {
		t = tz_local_text(l->items[i]->first_seen);
		free(l->items[i]->first_seen_local);
		l->items[i]->first_seen_local = t != NULL ? t : xstrdup("");
	}
}

/* Scope "st" as cmdline_open_db() says; 0, or -1 (usage) after warnx. */
static int
cmdline_scope(struct store *st, struct cmdline *c, int *failed)
{
	const char	*want = c->account;
	char	**have = NULL;
	size_t	  n = 0, i;
	int	  rc = -1, named = 0;

	*failed = 0;
	if (store_accounts(st, &have, &n) == -1) {
		*failed = 1;
		return -1;
	}
	for (i = 0; want != NULL && i < n; i++)
		if (strcmp(have[i], want) == 0)
			break;
	/* An account no run could collect is still the runs' to tell of. */
	if (want != NULL && i == n && store_account_named(st, want,
	    &named) == -1) {
		*failed = 1;
		store_accounts_free(have, n);
		return -1;
	}
	c->uncollected = want != NULL && i == n && named;
	if (want != NULL && i == n && !named)
		warnx("--account %s: the database records no such account",
		    want);
	else if (want == NULL && n > 1 && c->org_ok) {
		c->org = 1;
		rc = store_set_account(st, "");
	} else if (want == NULL && n > 1)
		warnx("the database records %zu accounts (%s, ...): choose "
		    "one with --account", n, have[0]);
	else
		rc = store_set_account(st, want != NULL ? want : n == 1 ?
		    have[0] : "");
	store_accounts_free(have, n);
	return rc;
}

int
cmdline_refuse_uncollected(const struct cmdline *c)
{
	if (!c->uncollected)
		return 0;
	warnx("--account %s: no run has collected this account yet "
	    "(bedrock-audit report --account %s says why)", c->account,
	    c->account);
	return 1;
}

int
cmdline_scope_db(struct store *st, struct cmdline *c, int *usage)
{
	int	failed = 0;

	c->org = 0;
	if (cmdline_scope(st, c, &failed) == -1) {
		if (usage != NULL)
			*usage = !failed;
		return -1;
	}
	return 0;
}

struct store *
cmdline_open_db(struct cmdline *c, int flags, int *usage)
{
	struct store	*st;
	char		*db = NULL;
	int		 failed = 0;

	if (usage != NULL)
		*usage = 0;
	c->org = 0;
	if (c->db == NULL && (db = cmdline_default_db()) == NULL)
		return NULL;
	st = store_open(c->db != NULL ? c->db : db, flags);
	free(db);
	if (st != NULL && (flags & STORE_RDONLY) && !c->any_account &&
	    cmdline_scope(st, c, &failed) == -1) {
		if (usage != NULL)
			*usage = !failed;
		store_close(st);
		return NULL;
	}
	return st;
}

void
cmdline_set_verbosity(int verbose, int quiet)
{
	log_level = quiet ? 0 : 1 + verbose;
}

/* Forget everything "o" holds after a failed open. */
static int
output_fail(struct cmdline_output *o, int fd)
{
	if (fd != -1)
		(void)close(fd);
	if (o->tmp != NULL)
		(void)unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	return -1;
}

/*
 * Stream into the existing non-regular file "o->path" (a FIFO, a device
 * such as /dev/tty): nothing to replace, and renaming over it would
 * destroy it.  O_NOFOLLOW unless "follow": the caller has seen what a link
 * points to.
 */
static int
output_stream(struct cmdline_output *o, int follow)
{
	struct stat	st;
	int		fd;

	if ((fd = open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC |
	    (follow ? 0 : O_NOFOLLOW))) == -1) {
		warn("%s", o->path);
		return output_fail(o, -1);
	}
	if (fstat(fd, &st) == -1 || S_ISREG(st.st_mode) ||
	    S_ISDIR(st.st_mode)) {
		warnx("%s: changed while it was opened", o->path);
		return output_fail(o, fd);
	}
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		warn("%s", o->path);
		return output_fail(o, fd);
	}
	return 0;
}

/*
 * A temporary file beside "o->path", renamed over it on success: mode
 * "mode", and the owner and group of "old" when it replaces that file
 * (which only root can set, so a failure there is ignored).
 */
static int
output_temp(struct cmdline_output *o, mode_t mode, const struct stat *old)
{
	int	fd;

	o->tmp = xasprintf("%s.XXXXXX", o->path);
	if ((fd = mkstemp(o->tmp)) == -1) {
		warn("%s", o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		return output_fail(o, -1);
	}
	if (old != NULL)
		(void)fchown(fd, old->st_uid, old->st_gid);
	if (fchmod(fd, mode) == -1 || (o->fp = fdopen(fd, "w")) == NULL) {
		warn("%s", o->tmp);
		return output_fail(o, fd);
	}
	return 0;
}

int
cmdline_output_open(struct cmdline_output *o, const char *path)
{
	struct stat	st, target;
	mode_t		mask;

	memset(o, 0, sizeof(*o));
	/*
	 * /dev/stdout is a link to whatever stdout is, a regular file too:
	 * take it as "-" rather than refuse it or truncate through it.
	 */
	if (path == NULL || strcmp(path, "-") == 0 ||
	    strcmp(path, "/dev/stdout") == 0) {
		o->fp = stdout;
		return 0;
	}
	o->path = xstrdup(path);
	if (lstat(path, &st) == -1) {
		if (errno != ENOENT) {
			warn("%s", path);
			return output_fail(o, -1);
		}
		/* A new file: the umask decides, as for any new file. */
		mask = umask(0);
		(void)umask(mask);
		return output_temp(o, 0666 & ~mask, NULL);
	}
	if (S_ISREG(st.st_mode))
		return output_temp(o, st.st_mode & 0777, &st);
	if (S_ISLNK(st.st_mode)) {
		/* /dev/stdout and the like stream; no link is replaced. */
		if (stat(path, &target) == 0 && !S_ISREG(target.st_mode) &&
		    !S_ISDIR(target.st_mode))
			return output_stream(o, 1);
		warnx("%s: a symbolic link: give the path of its target",
		    path);
		return output_fail(o, -1);
	}
	if (S_ISDIR(st.st_mode)) {
		warnx("%s: is a directory", path);
		return output_fail(o, -1);
	}
	return output_stream(o, 0);
}

int
cmdline_output_close(struct cmdline_output *o, int ok)
{
	int	rc = 0;

	if (o->fp == NULL)
		return 0;
	if (fflush(o->fp) == EOF || ferror(o->fp)) {
		warn("%s", o->path != NULL ? o->path : "stdout");
		rc = -1;
	}
	/* The data reaches the disk before the name does (crash safety). */
	if (o->tmp != NULL && ok && rc == 0 && fsync(fileno(o->fp)) == -1) {
		warn("fsync %s", o->tmp);
		rc = -1;
	}
	if (o->path != NULL && fclose(o->fp) == EOF && rc == 0) {
		warn("%s", o->tmp != NULL ? o->tmp : o->path);
		rc = -1;
	}
	if (o->tmp != NULL) {
		if (ok && rc == 0 && rename(o->tmp, o->path) == -1) {
			warn("rename %s", o->path);
			rc = -1;
		}
		if (!ok || rc == -1)
			(void)unlink(o->tmp);
	}
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	return rc;
}
