/*
 * store_merge.h: folding shard databases into one (bedrock-audit merge;
 * schema/0008-merge.sql).  N copies of a sharded collect (collect
 * --shard I/N) each write a database of their own accounts; merge adds
 * each shard's runs that are not merged yet to the target, renumbered:
 *
 * - Runs.  A shard run becomes part of the target run whose start is
 *   within "window" seconds of its own (the same cron slot), that holds
 *   none of its accounts and comes after every run already holding one
 *   of them; else a new run, which must not start before the target's
 *   newest (run numbers follow start times).  A target run made of
 *   several shard runs starts at the earliest, ends at the latest, and
 *   is complete if all were, failed if all were, else partial.  Its
 *   run_accounts list every shard's accounts.  A shard run still
 *   running is left for a later merge.
 * - History.  An account's history comes from one shard database (its
 *   source, merged_account): a shard with an account already merged
 *   from another database, or collected by the target itself, is
 *   refused.  State rows keep their versions with since_run and
 *   until_run renumbered; a row closed by a newly merged run is closed
 *   here too.  Changes are appended in the shard's order with new
 *   change IDs.  Usage days and quota mappings of the shard's accounts
 *   replace the target's.  region_digest (auxiliary) and notifications
 *   (the shard's own sends) are not merged.
 * - Once.  merged_run records (shard database ID, shard run) -> run
 *   here; merging a shard again adds only its new runs, and nothing when
 *   there are none.
 *
 * Each shard is merged in one transaction: all of it or, refused,
 * nothing of it.
 */
#ifndef BEDROCK_AUDIT_STORE_MERGE_H
#define BEDROCK_AUDIT_STORE_MERGE_H

#include <stddef.h>

struct store;

#define STORE_ID_LEN		32	/* database_id.id: hex digits */
#define STORE_MERGE_MAX_WINDOW_SEC	(24 * 3600)

/* What one store_merge() did. */
struct store_merge_stats {
	size_t		 runs;		/* shard runs merged */
	size_t		 runs_new;	/* of those, new runs here */
	size_t		 runs_running;	/* shard runs left: still running */
	size_t		 rows;		/* rows written, every table */
};

/*
 * The database's identity (database_id.id, STORE_ID_LEN hex digits and
 * a NUL) into out.  0, or -1 after warnx(3).
 */
int	store_id(struct store *st, char out[STORE_ID_LEN + 1]);

/*
 * Merge the shard database at "path" into "target" (opened read-write,
 * locked with store_lock()), whose runs of the same collection started
 * within "window_sec" seconds of each other.  The caller has checked
 * the shard with store_open(path, STORE_RDONLY) (a bedrock-audit
 * database of this schema version) and that its identity is not the
 * target's.  Returns 0 (*stats filled), or -1 after warnx(3) with the
 * target unchanged.
 */
int	store_merge(struct store *target, const char *path, long window_sec,
	    struct store_merge_stats *stats);

#endif /* BEDROCK_AUDIT_STORE_MERGE_H */
