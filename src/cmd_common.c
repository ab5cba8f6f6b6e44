/*
 * cmd_common.c: what the subcommands share: usage text, the default
 * database path, verbosity, run references and atomic output files.
 */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "store.h"
#include "util.h"

void
cmd_usage(FILE *fp, const char *name, const char *options)
{
	size_t	i;

	for (i = 0; i < cmdsz; i++)
		if (strcmp(cmds[i].name, name) == 0)
			(void)fprintf(fp, "usage: bedrock-audit %s\n",
			    cmds[i].synopsis);
	if (options != NULL)
		(void)fprintf(fp, "\n%s", options);
}

int
cmd_usage_error(const char *name, const char *options)
{
	cmd_usage(stderr, name, options);
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
cmd_default_db(void)
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
cmd_common_init(struct cmd_common *c)
{
	memset(c, 0, sizeof(*c));
	c->format = REPORT_TEXT;
	c->lang = REPORT_LANG_EN;
}

int
cmd_common_opt(struct cmd_common *c, int ch, const char *arg)
{
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
	default:
		return 0;
	}
}

struct store *
cmd_open_db(const struct cmd_common *c, int flags)
{
	struct store	*st;
	char		*db = NULL;

	if (c->db == NULL && (db = cmd_default_db()) == NULL)
		return NULL;
	st = store_open(c->db != NULL ? c->db : db, flags);
	free(db);
	return st;
}

void
cmd_set_verbosity(int verbose, int quiet)
{
	log_level = quiet ? 0 : 1 + verbose;
}

int
cmd_resolve_run(struct store *st, const char *ref, long long *run_id)
{
	const char	*errstr;
	long long	 secs;
	time_t		 t;
	int		 found = 0;

	if (strcmp(ref, "latest") == 0) {
		if (store_run_latest(st, run_id, &found) == -1)
			return -1;
	} else if ((*run_id = parse_num(ref, 1, 1LL << 53, &errstr)),
	    errstr == NULL) {
		struct store_run	r;

		if (store_run_get(st, *run_id, &r, &found) == -1)
			return -1;
		if (found)
			store_run_free(&r);
	} else if ((secs = parse_duration(ref, 3650LL * 86400, &errstr)),
	    errstr == NULL) {
		if (store_run_at_time(st, time(NULL) - (time_t)secs, run_id,
		    &found) == -1)
			return -1;
	} else if (util_parse_iso8601(ref, &t) == 0) {
		/* A bare date means the end of that day. */
		if (strlen(ref) == 10)
			t += 86399;
		if (store_run_at_time(st, t, run_id, &found) == -1)
			return -1;
	} else {
		warnx("%s: not a run number, duration (24h, 7d) or date", ref);
		return -1;
	}
	if (!found) {
		warnx("%s: no such run in the database", ref);
		return -1;
	}
	return 0;
}

int
cmd_output_open(struct cmd_output *o, const char *path)
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
cmd_output_close(struct cmd_output *o, int ok)
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
