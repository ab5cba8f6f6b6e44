/*
 * cmd_merge.c: "bedrock-audit merge TARGET SHARD..." folds the databases
 * of a sharded collect (collect --shard I/N) into one, whose views and
 * reports are those of one database that collected every account.  The
 * rules are store_merge.h's; this file checks the inputs first, so a
 * file that is not a shard database of this version, the same database
 * twice, or the target itself leaves the target untouched (exit 2),
 * then merges each shard in its own transaction.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmdline.h"
#include "store.h"
#include "store_merge.h"
#include "util.h"

#define MERGE_DEFAULT_WINDOW_MIN	60
#define MERGE_MAX_SHARDS		10000

static const char merge_options[] =
    "  --window minutes   shard runs that began within this many minutes\n"
    "                     of each other are one run of the target\n"
    "                     (default 60; 0 to 1440)\n"
    "  --wait             wait for a running collect or merge instead of\n"
    "                     exiting 5\n"
    CMDLINE_HELP_COMMON
    "\nexit status: 0 every shard merged (or had nothing new); 2 usage\n"
    "error, or a file that is not a shard database of this version, the\n"
    "same database twice, or the target itself: nothing merged;\n"
    "3 some shards refused, the others merged; 4 nothing merged;\n"
    "5 another collect or merge holds the target's lock\n";

static int	cmd_merge_exec(const struct cmd_entry *, int, char *[]);

const struct cmd_entry cmd_merge_entry = {
	.name = "merge",
	.usage =
	    "merge [-qv] [--window minutes] [--wait] target.db shard.db ...",
	.options = merge_options,
	.summary = "fold the databases of a sharded collect into one",
	.exec = cmd_merge_exec,
};

struct merge_opts {
	struct cmdline	 c;		/* -q, -v, -h */
	long long	 window_min;	/* --window */
	int		 wait;		/* --wait */
	const char	*target;
	char		**shards;	/* argv's, borrowed */
	size_t		 shardsz;
};

/* Parse argv; -1 on a usage error (reported). */
static int
merge_parse(int argc, char *argv[], struct merge_opts *o)
{
	static const struct option	opts[] = {
		CMDLINE_OPT_HELP,
		CMDLINE_OPT_QUIET,
		CMDLINE_OPT_VERBOSE,
		{ "wait", no_argument, NULL, 'w' },
		{ "window", required_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*errstr;
	int		 ch, r;

	memset(o, 0, sizeof(*o));
	cmdline_init(&o->c);
	o->window_min = MERGE_DEFAULT_WINDOW_MIN;
	while ((ch = getopt_long(argc, argv, "hqv", opts, NULL)) != -1) {
		if ((r = cmdline_opt(&o->c, ch, optarg)) != 0) {
			if (r == -1)
				return -1;
			continue;
		}
		switch (ch) {
		case 'w': o->wait = 1; break;
		case 'W':
			o->window_min = parse_num(optarg, 0,
			    STORE_MERGE_MAX_WINDOW_SEC / 60, &errstr);
			if (errstr != NULL) {
				warnx("--window %s: %s (0 to %d minutes)",
				    optarg, errstr,
				    STORE_MERGE_MAX_WINDOW_SEC / 60);
				return -1;
			}
			break;
		default: return -1;
		}
	}
	if (o->c.help)
		return 0;
	if (argc - optind < 2) {
		warnx("merge needs the target database and at least one "
		    "shard database");
		return -1;
	}
	if (argc - optind - 1 > MERGE_MAX_SHARDS) {
		warnx("more than %d shard databases", MERGE_MAX_SHARDS);
		return -1;
	}
	o->target = argv[optind];
	o->shards = argv + optind + 1;
	o->shardsz = (size_t)(argc - optind - 1);
	return 0;
}

/*
 * Every shard is a bedrock-audit database of this schema version (read
 * only: never migrated here), each a different database; their
 * identities into ids (shardsz entries).  -1 after warnx(3).
 */
static int
merge_check_shards(const struct merge_opts *o, char (*ids)[STORE_ID_LEN + 1])
{
	struct store	*sh;
	size_t		 i, j;

	for (i = 0; i < o->shardsz; i++) {
		if ((sh = store_open(o->shards[i], STORE_RDONLY)) == NULL) {
			warnx("%s: not merged: not a shard database this "
			    "program can read (see above)", o->shards[i]);
			return -1;
		}
		if (store_id(sh, ids[i]) == -1) {
			store_close(sh);
			return -1;
		}
		store_close(sh);
		for (j = 0; j < i; j++)
			if (strcmp(ids[i], ids[j]) == 0) {
				warnx("%s: the same database as %s (a copy?): "
				    "give each shard once", o->shards[i],
				    o->shards[j]);
				return -1;
			}
	}
	return 0;
}

static int
cmd_merge_exec(const struct cmd_entry *self, int argc, char *argv[])
{
	struct merge_opts	 o;
	struct store_merge_stats stats;
	struct store		*st = NULL;
	char			(*ids)[STORE_ID_LEN + 1] = NULL;
	char			 self_id[STORE_ID_LEN + 1];
	size_t			 i, merged = 0, refused = 0, runs = 0;
	int			 r, rc = EXIT_USAGE;

	if (merge_parse(argc, argv, &o) == -1 || o.c.help) {
		cmdline_usage(o.c.help ? stdout : stderr, self);
		return o.c.help ? EXIT_OK : EXIT_USAGE;
	}
	cmdline_set_verbosity(o.c.verbose, o.c.quiet);
	ids = xcalloc(o.shardsz, sizeof(*ids));
	if (merge_check_shards(&o, ids) == -1)
		goto out;
	if ((st = store_open(o.target, STORE_CREATE)) == NULL) {
		rc = EXIT_FAILED;
		goto out;
	}
	if ((r = store_lock(st, o.wait)) != 0) {
		if (r == 1) {
			warnx("%s: another collect or merge is running; try "
			    "again later or use --wait", o.target);
			rc = EXIT_LOCKED;
		} else
			rc = EXIT_FAILED;
		goto out;
	}
	if (store_id(st, self_id) == -1) {
		rc = EXIT_FAILED;
		goto out;
	}
	for (i = 0; i < o.shardsz; i++)
		if (strcmp(ids[i], self_id) == 0) {
			warnx("%s: is the target %s itself: nothing merged",
			    o.shards[i], o.target);
			goto out;
		}
	for (i = 0; i < o.shardsz; i++) {
		if (store_merge(st, o.shards[i], (long)o.window_min * 60,
		    &stats) == -1) {
			refused++;
			continue;
		}
		merged++;
		runs += stats.runs;
		log_debug(stats.runs > 0 ? 1 : 2, "%s: %zu run%s merged "
		    "(%zu new here), %zu rows%s", o.shards[i], stats.runs,
		    stats.runs == 1 ? "" : "s", stats.runs_new, stats.rows,
		    stats.runs_running > 0 ? "; a run still running is left "
		    "for a later merge" : "");
	}
	log_debug(2, "%s: %zu of %zu shard databases merged, %zu runs added",
	    o.target, merged, o.shardsz, runs);
	rc = refused == 0 ? EXIT_OK : merged > 0 ? EXIT_PARTIAL : EXIT_FAILED;
out:
	store_close(st);
	free(ids);
	return rc;
}
