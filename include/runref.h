/*
 * runref.h: resolve a run reference, the run a user names on the command
 * line (report --since/--from/--to, diff --from/--to).
 */
#ifndef BEDROCK_AUDIT_RUNREF_H
#define BEDROCK_AUDIT_RUNREF_H

#include <time.h>

struct store;

/*
 * Resolve "ref" against the runs of "st" and set *run_id:
 *   "17"          run 17, whatever its status;
 *   "latest"      the newest complete or partial run;
 *   "24h", "7d"   a duration back from "now": the newest complete or
 *                 partial run started at or before now - duration;
 *   "2026-11-27"  a date (the end of that day) or an ISO-8601 time: the
 *                 newest complete or partial run started at or before it.
 * Failed and unfinished runs are never chosen except by number.
 * Returns 0, or -1 after one warnx(3): "ref" is none of these, names no
 * run ("no such run in the database"), or the store failed.
 */
int	runref_resolve(struct store *st, const char *ref, time_t now,
	    long long *run_id);

/*
 * Whether "ref" has one of the forms above, without a database: 0, or
 * -1 after the same warnx(3) runref_resolve() gives.  Commands check
 * their references with it while parsing argv, so that a malformed one
 * is a usage error (exit 2), not a failure to find a run.
 */
int	runref_check(const char *ref);

/*
 * Whether "ref" is a duration or a date (not a run number) that names a
 * time before the first complete or partial run of "st": 1 or 0.  An
 * error of the store counts as 0 (runref_resolve() then reports it).
 * "report --since 24h" on a database younger than a day starts at the
 * first run rather than failing.
 */
int	runref_before_first(struct store *st, const char *ref, time_t now);

#endif /* BEDROCK_AUDIT_RUNREF_H */
