/*
 * cmdline.c: what the subcommands share on the command line: the common
 * options, usage text, the default database path, verbosity and atomic
 * output files.
 */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
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

int
cmdline_opt(struct cmdline *c, int ch, const char *arg)
{
	const char	*cause;

	switch (ch) {
	case 'd':
		c->db = arg;
		return 1;
	case 'f':
		if (report_format_parse(arg, &c->format) == 0)
			return 1;
		warnx("--format %s: text, markdown or json", arg);
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

struct store *
cmdline_open_db(const struct cmdline *c, int flags)
{
	struct store	*st;
	char		*db = NULL;

	if (c->db == NULL && (db = cmdline_default_db()) == NULL)
		return NULL;
	st = store_open(c->db != NULL ? c->db : db, flags);
	free(db);
	return st;
}

void
cmdline_set_verbosity(int verbose, int quiet)
{
	log_level = quiet ? 0 : 1 + verbose;
}

int
cmdline_output_open(struct cmdline_output *o, const char *path)
{
	int	fd;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	o->path = xstrdup(path);
	o->tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(o->tmp)) == -1 ||
	    (o->fp = fdopen(fd, "w")) == NULL) {
		warn("%s", o->tmp);
		if (fd != -1)
			(void)close(fd);
		free(o->path);
		free(o->tmp);
		memset(o, 0, sizeof(*o));
		return -1;
	}
	(void)fchmod(fd, 0644);
	return 0;
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
	if (o->tmp != NULL) {
		if (fclose(o->fp) == EOF && rc == 0) {
			warn("%s", o->tmp);
			rc = -1;
		}
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
